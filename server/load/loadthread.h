#pragma once

// Internal to the load generator: one generator thread with its own
// io_context, its connections and its tallies, and what the threads share.
// Only a thread itself touches its sockets and timers.

#include "server/load/requestplan.h"
#include "server/metering/latencyhistogram.h"
#include "server/stream/tokencount.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace tollgate::server::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using boost::system::error_code;

constexpr auto kTick = std::chrono::milliseconds(50);
constexpr auto kConnectBackoff = std::chrono::milliseconds(50);
constexpr auto kStopGrace = std::chrono::seconds(1);

/// Reads only what the runner needs from a response: the status, the body
/// length and whether the connection stays open. Beast keeps the framing
/// (Content-Length, chunked, keep-alive) itself.
class ResponseParser : public http::basic_parser<false> {
public:
    ResponseParser()
    {
        eager(true);
        body_limit(std::numeric_limits<std::uint64_t>::max());
        header_limit(64 * 1024);
    }
    int status = 0;
    /// Stream runs: the body goes through this reader; what it completes
    /// adds up in `got` until the runner takes it.
    SseTokenReader* sse = nullptr;
    TokenCounts got;

private:
    void on_request_impl(
        http::verb, beast::string_view, beast::string_view, int, error_code&) override
    {
    }
    void on_response_impl(int code, beast::string_view, int, error_code&) override
    {
        status = code;
    }
    void on_field_impl(http::field, beast::string_view, beast::string_view, error_code&) override {
    }
    void on_header_impl(error_code&) override { }
    void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override { }
    std::size_t on_body_impl(beast::string_view body, error_code&) override
    {
        feed(body);
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, error_code&) override { }
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, error_code&) override
    {
        feed(body);
        return body.size();
    }
    void feed(beast::string_view body)
    {
        if (!sse)
            return;
        const TokenCounts c = sse->feed({ body.data(), body.size() });
        got.output += c.output;
    }
    void on_finish_impl(error_code&) override { }
};

/// Counts of one slice in the hot path: statuses in a flat array.
struct Tally {
    std::uint64_t requests = 0;
    std::array<std::uint64_t, 600> statuses {};
    std::array<std::uint64_t, kLoadErrorKinds> errors {};
    LatencyHistogram latency;
    std::uint64_t bytesOut = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t streams = 0;
    std::uint64_t events = 0;
    std::uint64_t tokens = 0;
    LatencyHistogram firstEvent;
    std::uint64_t sent = 0;
    std::uint64_t held = 0;
    std::map<int, std::uint64_t> closes;
    LatencyHistogram roundTrip;

    /// WebSocket runs: a message of `bytes` received; `first` (>= 0) for
    /// the session's first, `trip` (>= 0) for the echo of one we sent.
    void received(std::uint64_t bytes, std::int64_t first, std::int64_t trip)
    {
        ++events;
        bytesIn += bytes;
        if (first >= 0)
            firstEvent.record(static_cast<std::uint64_t>(first));
        if (trip >= 0)
            roundTrip.record(static_cast<std::uint64_t>(trip));
    }
    void sentOne(std::uint64_t bytes)
    {
        ++sent;
        bytesOut += bytes;
    }

    /// Stream runs: events and tokens as they come; `first` with the
    /// stream's first event.
    void streamed(std::uint64_t newEvents, std::uint64_t newTokens, std::int64_t firstMicros)
    {
        events += newEvents;
        tokens += newTokens;
        if (firstMicros >= 0) {
            ++streams;
            firstEvent.record(static_cast<std::uint64_t>(firstMicros));
        }
    }

    void answer(int status, std::uint64_t micros, std::uint64_t out, std::uint64_t in)
    {
        ++requests;
        ++statuses[static_cast<std::size_t>(status >= 100 && status < 600 ? status : 0)];
        latency.record(micros);
        bytesOut += out;
        bytesIn += in;
    }
    LoadCounts counts() const
    {
        LoadCounts c;
        c.requests = requests;
        for (std::size_t i = 0; i < statuses.size(); ++i) {
            if (statuses[i] != 0)
                c.statuses[static_cast<int>(i)] = statuses[i];
        }
        c.errors = errors;
        c.latency = latency;
        c.bytesOut = bytesOut;
        c.bytesIn = bytesIn;
        c.streams = streams;
        c.events = events;
        c.tokens = tokens;
        c.firstEvent = firstEvent;
        c.sent = sent;
        c.held = held;
        c.closes = closes;
        c.roundTrip = roundTrip;
        return c;
    }
};

/// Weighted draws: a binary search in the cumulative weights, exact for any
/// weight above 0 (a handful of comparisons for a mix of routes).

/// One connection and the request on it.
struct Conn {
    tcp::socket socket;
    std::optional<asio::ssl::stream<tcp::socket&>> tls; ///< https: over socket
    beast::flat_buffer buffer;
    std::optional<ResponseParser> parser;
    std::uint64_t generation = 0; ///< bumped on close: stale handlers see a different one
    enum class State { Closed, Connecting, Idle, Busy, Waiting } state = State::Closed;
    SteadyClock::time_point origin; ///< latency counts from here (due time when open)
    SteadyClock::time_point sentAt; ///< for the timeout
    bool measured = false;
    std::uint32_t target = 0;
    std::uint32_t key = 0;
    const std::string* request = nullptr;
    std::string owned;
    std::size_t bytesIn = 0;
    std::optional<SseTokenReader> sse; ///< stream runs: the answer's events
    std::uint64_t eventsTaken = 0; ///< of sse->events(), already counted
    asio::steady_timer backoff;

    // WebSocket runs: the session over the socket or over its TLS stream
    // (declared after `tls`, which it uses, so it goes first). Like the TLS
    // stream it stays until the next session replaces it.
    std::optional<websocket::stream<tcp::socket&>> ws;
    std::optional<websocket::stream<asio::ssl::stream<tcp::socket&>&>> wss;
    websocket::response_type wsAnswer; ///< the handshake's answer
    std::string wsTarget; ///< the handshake's path and query
    std::vector<std::pair<std::string, std::string>> wsFields; ///< its extra header fields
    /// Messages sent and not yet seen again, oldest first: an echo gives the
    /// round trip. Bounded: a server that answers otherwise leaves them.
    struct Unanswered {
        std::string text;
        SteadyClock::time_point at;
    };
    std::deque<Unanswered> wsUnanswered;
    std::string wsOut; ///< the message being written
    asio::steady_timer wsTimer; ///< the next message's due time
    SteadyClock::time_point wsDue;
    std::int64_t wsSentCount = 0; ///< messages sent on this session ({{stream.index}})
    std::uint64_t wsReceived = 0; ///< messages received on this session
    bool wsOpen = false; ///< the handshake succeeded, the session runs
    bool wsWriting = false;
    bool wsClosing = false; ///< the run ended: our Close is sent (or waits for the write)

    explicit Conn(asio::io_context& io)
        : socket(io)
        , backoff(io)
        , wsTimer(io)
    {
    }
};

struct Shared;

/// One generator thread: its io_context, its connections, its tallies.
struct LoadThread {
    Shared* shared = nullptr;
    int index = 0;
    // Only this worker's thread touches its sockets and timers: the
    // reactor's per-descriptor locks are not needed.
    asio::io_context io { BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO };
    std::vector<std::unique_ptr<Conn>> conns;
    std::vector<Conn*> idle; ///< open model: connections free for the next due request
    asio::steady_timer ticker { io };
    asio::steady_timer dueTimer { io };
    bool dueArmed = false;
    std::uint64_t random = 0;

    // Open-model schedule: this worker sends the requests with global index
    // ≡ index (mod threads); nextIndex is its next one.
    std::uint64_t nextIndex = 0;
    SteadyClock::time_point nextDue;

    bool issuing = true;
    bool closing = false;
    SteadyClock::time_point drainDeadline = SteadyClock::time_point::max();
    int activeConns = 0; ///< closed model: connections let loose so far (ramp-up)
    int busy = 0;

    Tally total;
    std::vector<Tally> tiers;
    std::vector<Tally> routes;
    std::uint64_t warmupRequests = 0;
    std::uint64_t missed = 0;
    SteadyClock::time_point lastMeasuredEnd {};

    std::int64_t currentSecond = 0;
    LoadSecond second;

    void start();
    void tick();
    void launch(Conn* c);
    void sendNext(Conn* c, SteadyClock::time_point origin);
    void write(Conn* c);
    void read(Conn* c);
    void readSome(Conn* c);
    void handshake(Conn* c);
    void onRead(Conn* c, std::uint64_t gen, error_code ec, std::size_t n);
    void takeEvents(Conn* c);
    void complete(Conn* c);
    /// Counts an answer of `status` to c's request, `out` and `in` bytes.
    void recordAnswer(Conn* c, int status, std::uint64_t out, std::uint64_t in);
    void fail(Conn* c, LoadErrorKind kind);
    /// c waits kConnectBackoff, then goes on (a refused connection or
    /// handshake: trying again at once would only spin).
    void retryLater(Conn* c);
    void close(Conn* c);
    void afterRequest(Conn* c);

    // WebSocket runs (loadwebsocket.cpp).
    /// The connection is up (and its TLS): the upgrade request.
    void wsHandshake(Conn* c);
    void wsRead(Conn* c);
    void wsOnMessage(Conn* c, std::size_t bytes);
    /// The read loop ended with ec: the server closed, the run did, or the
    /// connection broke.
    void wsEnded(Conn* c, error_code ec);
    void wsSend(Conn* c);
    void wsArmSend(Conn* c);
    /// The run ended: open sessions are held (counted) and closed with 1000.
    void wsCloseAll(SteadyClock::time_point now);
    void wsClose(Conn* c);
    /// Messages count from the measured start until the run stops issuing.
    bool wsCounting(SteadyClock::time_point now) const;
    /// Calls f with c's session stream, plain or TLS.
    template <typename F> void withWs(Conn* c, F&& f)
    {
        if (c->wss)
            f(*c->wss);
        else
            f(*c->ws);
    }
    /// The tallies c's request counts in: the total, its tier, its route.
    template <typename F> void eachTally(Conn* c, F&& f);
    void dispatch();
    void armDue();
    void flushSecond(std::int64_t upTo);
    void stopIssuing(SteadyClock::time_point now);
    void maybeFinish();
    SteadyClock::time_point dueTime(std::uint64_t request) const;
};

/// What the workers and the owner share.
struct Shared {
    Plan plan;
    std::vector<tcp::endpoint> endpoints;
    SteadyClock::time_point t0;
    SteadyClock::time_point measureStart;
    SteadyClock::time_point measureEnd; ///< max() in count mode
    std::atomic<std::uint64_t> measuredIssued { 0 };
    std::atomic<bool> stopRequested { false };
    std::atomic<bool> countReached { false };

    std::atomic<int> openConnections { 0 }; ///< for progress(), relaxed

    mutable std::mutex timelineMutex;
    std::vector<LoadSecond> timeline;
    std::vector<std::int64_t> flushedUpTo; ///< per worker: seconds below this are in timeline
    /// A worker's tallies as of its last finished second, for live
    /// threshold checks (LoadRunner::snapshot); kept only when the plan has
    /// thresholds. Under timelineMutex.
    struct LiveTallies {
        LoadCounts total;
        std::vector<LoadCounts> tiers;
        std::vector<LoadCounts> routes;
    };
    bool publishLive = false;
    std::vector<LiveTallies> live; ///< per worker
};

inline bool LoadThread::wsCounting(SteadyClock::time_point now) const
{
    return issuing && now >= shared->measureStart;
}

template <typename F> void LoadThread::eachTally(Conn* c, F&& f)
{
    f(total);
    f(tiers[shared->plan.keys.empty() ? 0 : shared->plan.keys[c->key].tier]);
    f(routes[c->target]);
}

} // namespace tollgate::server::loadgen
