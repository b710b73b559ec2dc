#pragma once

// The seam where a route's answer is made. A route answers from its designed
// (templated) responses today; an upstream proxy and streaming responses are
// further responders, not branches in the connection.

#include "server/http/connection.h"
#include "server/http/response.h"
#include "server/pipeline/outcome.h"
#include "server/routing/routetable.h"
#include "server/upstream/upstreamclient.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace tollgate::server {

struct UpstreamRoute;
struct StreamOutcome;

/// Where a responder reports the tokens of an answer as it sends them, for a
/// route that counts tokens (routeCountsTokens()): they are billed, and
/// debited from the key's token limit, as they go out.
class TokenTally {
public:
    virtual ~TokenTally() = default;
    virtual void tokensSent(std::uint64_t input, std::uint64_t output) = 0;
};

/// One request as a responder sees it.
struct ResponderCall {
    const HttpRequest& request;
    std::string_view path; ///< decoded
    std::string_view rawQuery;
    const CompiledRoute& route;
    StringPairs& params; ///< the route's path parameters (a responder may take them)
    std::string_view requestId;
    int threadSlot; ///< this worker's slot in per-thread compiled state
    std::mt19937_64& rng;
    HttpResponse& response;
    std::string_view peer; ///< the client's address
    std::chrono::steady_clock::time_point arrived; ///< when the header was in
    /// The route's upstream, when it answers from one.
    const UpstreamRoute* upstream = nullptr;
    /// Filled by the upstream responder for the outcome.
    UpstreamOutcome* upstreamOutcome = nullptr;
    /// The request body when it is streamed (request.body() is then empty):
    /// large bodies for upstream routes.
    std::shared_ptr<UpstreamBodySource> body = nullptr;
    /// Filled by a streaming responder for the outcome, while the stream lasts.
    StreamOutcome* streamOutcome = nullptr;
    /// Set when the route counts tokens and the answer is streamed: the
    /// responder reports them here. (Whole answers are counted by the flow.)
    TokenTally* tokens = nullptr;
};

/// Request bodies for upstream routes larger than this (or chunked) are
/// streamed to the upstream instead of read whole first.
inline constexpr std::uint64_t kStreamedRequestBodyBytes = 64 * 1024;

/// How a responder sends a long answer in pieces, not buffered whole: the
/// status and fields of call.response first, then the body.
class BodyStream {
public:
    using Written = std::function<void(bool ok)>; ///< ok false: the client is gone
    virtual ~BodyStream() = default;
    /// Sends the head; the body is `length` bytes when known.
    virtual void begin(std::optional<std::uint64_t> length, Written written) = 0;
    /// One piece of the body; it stays valid until `written` is called.
    virtual void write(std::string_view piece, Written written) = 0;
    virtual void end() = 0; ///< the body is whole
    virtual void abort() = 0; ///< the body cannot be completed
    /// `gone` is called as soon as the client leaves, until end() or abort().
    virtual void watchClient(std::function<void()> gone) = 0;
};

class Responder {
public:
    using Done = std::function<void()>;
    /// How a responder that must wait gets back to its request.
    class Waiter {
    public:
        virtual ~Waiter() = default;
        /// The returned Done is called once the answer is in call.response.
        virtual Done waitForAnswer() = 0;
        /// Instead of calling that Done: stream the answer. Holds the
        /// request while the stream lasts.
        virtual std::shared_ptr<BodyStream> streamAnswer() = 0;
        /// Instead of calling that Done: upgrade to a WebSocket session run
        /// by `handler`. Holds the request while the session lasts.
        virtual void acceptWebSocket(
            const WebSocketLimits& limits, std::shared_ptr<WebSocketHandler> handler)
            = 0;
    };

    virtual ~Responder() = default;
    /// Answers into call.response. True when the answer is ready now; a
    /// responder that must wait (an upstream, a stream) takes a Done from
    /// `waiter`, returns false and calls it later on the request's thread.
    virtual bool respond(ResponderCall& call, Waiter& waiter) = 0;
};

} // namespace tollgate::server
