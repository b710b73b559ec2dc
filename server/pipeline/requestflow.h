#pragma once

// A request's way through the pipeline, after the connection has read it:
//
//   edge checks -> route match -> access gate -> behaviour -> responder
//     -> one Outcome to one sink
//
// One RequestFlow per connection (it holds the connection's state: the
// snapshot in use, the last verified key); what it shares with the other
// connections of its worker thread is in a ServeContext.

#include "server/access/accessgate.h"
#include "server/http/connection.h"
#include "server/pipeline/behaviour.h"
#include "server/pipeline/designedresponder.h"
#include "server/pipeline/outcome.h"
#include "server/pipeline/routestage.h"
#include "server/pipeline/snapshot.h"
#include "server/pipeline/sseresponder.h"
#include "server/pipeline/upstreamresponder.h"
#include "server/pipeline/websocketresponder.h"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <random>

namespace tollgate::server {

/// What one worker thread provides the requests it serves.
struct ServeContext {
    explicit ServeContext(boost::asio::io_context& ioc)
        : ioc(ioc)
        , upstreamClient(ioc)
        , upstream(upstreamClient, designed)
        , sse(ioc)
        , websocket(hub)
    {
    }
    boost::asio::io_context& ioc;
    int slot = 0; ///< the thread's slot in per-thread compiled templates
    std::mt19937_64 rng { std::random_device {}() };
    SnapshotPublisher* snapshots = nullptr;
    SnapshotPublisher::Copy snapshotCopy;
    AccessGate* gate = nullptr;
    SharedLimiter* sharedLimits = nullptr; ///< with --redis: this thread's limiter
    OutcomeSink sink;
    bool loopbackBound = true;
    DesignedResponder designed;
    UpstreamClient upstreamClient; ///< this thread's pools to upstreams
    UpstreamResponder upstream;
    SseResponder sse;
    WsHub* hub = nullptr; ///< who is connected to WebSocket routes, on every thread
    WebSocketResponder websocket;
};

class RequestFlow final : public ConnectionHandler,
                          AccessGate::Waiter,
                          Responder::Waiter,
                          TokenTally {
public:
    explicit RequestFlow(ServeContext& context);

    Limits beginRequest() override;
    Limits currentLimits() override;
    std::optional<std::size_t> onHeader(Exchange& ex, const HttpRequestHeader& header) override;
    void onRequest(Exchange& ex, Connection& connection) override;
    void onResponse(Exchange& ex, std::uint64_t bytesOut) override;

private:
    AccessGate::Resume waitForDecision() override;
    Responder::Done waitForAnswer() override;
    std::shared_ptr<BodyStream> streamAnswer() override;
    void acceptWebSocket(
        const WebSocketLimits& limits, std::shared_ptr<WebSocketHandler> handler) override;
    void tokensSent(std::uint64_t input, std::uint64_t output) override;
    void afterGate(AccessGate::Verdict verdict);
    void serve();
    void finish(std::chrono::milliseconds delay = {});
    void addAnswerFields();

    ServeContext& m_context;
    std::shared_ptr<const Snapshot> m_snapshot;
    RoutedRequest m_routed;
    Admission m_admission;
    UpstreamOutcome m_upstream;
    StreamOutcome m_stream;
    VerifiedKeyCache m_keyCache;
    std::string_view m_corsOrigin;
    bool m_serving = false; // the matched route is producing the answer
    bool m_countsTokens = false; // the matched route counts tokens
    std::uint64_t m_tokensIn = 0; // tokens sent so far
    std::uint64_t m_tokensOut = 0;
    std::chrono::milliseconds m_delay { 0 }; // behaviour's latency, for a responder that waits
    // Set while onRequest runs and kept by whatever waits.
    Exchange* m_exchange = nullptr;
    Connection* m_connection = nullptr;
};

} // namespace tollgate::server
