#pragma once

// The last stage: every answered (or reset) request becomes one Outcome, and
// one sink books it into the usage ledger and hands it to metering, the JSON
// request log and the traffic list. Nothing else feeds them.

#include "server/access/keyindex.h"
#include "server/access/usage.h"
#include "server/http/connection.h"
#include "server/metering/journal.h"
#include "server/metering/metering.h"
#include "server/metering/requestlog.h"
#include "server/metering/traffic.h"
#include "server/routing/routetable.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace tollgate::server {

/// What calling an upstream came to, for the outcome.
struct UpstreamOutcome {
    bool called = false; ///< the route answered from an upstream (or tried to)
    int attempts = 0;
    std::uint32_t upstreamUs = 0;
    UpstreamError error = UpstreamError::None; ///< why the upstream gave no answer
    int upstreamStatus = 0; ///< the upstream's status (0 when it did not answer)

    void clear() { *this = UpstreamOutcome {}; }
};

/// What a streamed answer (SSE, or a WebSocket session) came to: it counts
/// as one request, which lasts from the header to the stream's end
/// (Outcome::latencyUs).
struct StreamOutcome {
    bool streamed = false; ///< the route answered with a stream
    std::uint32_t events = 0; ///< events (SSE) or messages (WebSocket) written to the socket
    std::int64_t firstEventUs = -1; ///< from the header to the first event; -1 = none
    bool clientLeft = false; ///< the client went away before the stream's end
    bool websocket = false; ///< a WebSocket session (events are its messages out)
    std::uint32_t received = 0; ///< WebSocket: messages from the client
    std::uint16_t closeCode = 0; ///< WebSocket: the close code the session ended with

    void clear() { *this = StreamOutcome {}; }
};

struct Outcome {
    std::int64_t timeUs = 0; ///< Unix µs when the answer was handed to the socket
    int status = 0; ///< 0 = the connection was reset instead
    std::uint32_t latencyUs = 0; ///< from the header to the answer
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::string_view method;
    std::string_view target;
    std::string_view requestId;
    /// The whole request (its body empty when it was streamed to an
    /// upstream); null when the request line or header did not parse.
    const HttpRequest* request = nullptr;
    const CompiledRoute* route = nullptr; ///< the matched route, if any
    const KeyEntry* key = nullptr; ///< the verified key, if any
    UsageStore::Counter* counter = nullptr; ///< set for admitted keyed requests
    bool overage = false;
    Micros cost = 0; ///< what serving it cost (0 unless the route served it)
    Micros price = 0; ///< what it earns if answered below 500 (token charges included)
    /// Tokens the answer used, for routes that count them; a stream counts
    /// those it sent before it ended or the client left.
    bool countsTokens = false;
    std::uint64_t tokensIn = 0;
    std::uint64_t tokensOut = 0;
    UpstreamOutcome upstream; ///< for routes that answer from an upstream
    StreamOutcome stream; ///< for routes that answer with a stream

    /// What the caller pays: the price when answered below 500, else 0.
    Micros earned() const { return status > 0 && status < 500 ? price : 0; }
};

/// One per worker thread; the targets are that thread's producers.
class OutcomeSink {
public:
    struct Targets {
        UsageStore* usage = nullptr;
        std::shared_ptr<MeterQueue> meter; ///< null when metering is off
        std::shared_ptr<RequestLogBuffer> log; ///< null unless the JSON log is on
        TrafficQueue* traffic = nullptr;
        const std::atomic<bool>* trafficOn = nullptr; ///< the traffic list's switch
        RequestJournal* journal = nullptr; ///< null unless the journal is on
    };

    OutcomeSink() = default;
    explicit OutcomeSink(Targets targets)
        : m_targets(std::move(targets))
    {
    }

    void record(const Outcome& outcome);

private:
    /// Copies the request (headers, body up to the cap, keys masked) into
    /// the journal.
    void journal(const Outcome& outcome);

    Targets m_targets;
};

} // namespace tollgate::server
