#pragma once

// The HTTP client of upstream routes (issue 14): one per serve thread, with a
// keep-alive pool per upstream (a maximum of connections, idle expiry), TLS
// with certificate and host-name checks, connect / attempt / overall
// timeouts, retries by the retry policy and the upstream's circuit breaker.
// A host name is resolved once per new connection, every address it resolves
// to passes the SSRF guard, and the connection goes to those checked
// addresses. Redirects are answers like any other: never followed.

#include "server/upstream/circuitbreaker.h"
#include "server/upstream/retrypolicy.h"
#include "server/upstream/ssrfguard.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

using UpstreamRequest = boost::beast::http::request<boost::beast::http::string_body>;
using UpstreamResponse = boost::beast::http::response<boost::beast::http::string_body>;

/// One upstream as the client calls it: compiled when a workspace is applied,
/// shared (read-only) by the serve threads.
struct UpstreamTarget {
    bool https = false;
    std::string host; ///< a name, or an address literal without brackets
    std::uint16_t port = 80;
    /// The Host field the upstream expects: host[:port], brackets kept.
    std::string hostField;
    /// What connections are pooled per ("https://host:443", plus the TLS check).
    std::string poolKey;
    bool verifyTls = true;
    /// A PEM file of certificates trusted beside the system's (the collection
    /// runner's --cacert); poolKey must tell targets with different ones apart.
    std::string caFile;
    int connectTimeoutMs = 2'000;
    int attemptTimeoutMs = 10'000;
    RetrySettings retry;
    int maxConnections = 64;
    int idleTimeoutMs = 30'000;
    std::uint64_t maxResponseBytes = 64ull * 1024 * 1024;
    std::shared_ptr<CircuitBreaker> breaker; ///< shared by every route to this upstream
    std::shared_ptr<const SsrfGuard> guard;
};

/// Where a streamed answer's body goes.
class UpstreamBodySink {
public:
    virtual ~UpstreamBodySink() = default;
    /// A piece of the body (valid until `more` is called). Call more(true)
    /// for the next piece, more(false) to stop (the receiver is gone).
    virtual void piece(std::string_view bytes, std::function<void(bool)> more) = 0;
    /// The body ended: whole, or cut short (the upstream failed or went over
    /// the response cap, or the receiver stopped).
    virtual void end(bool whole) = 0;
};

/// A request body that follows its head in pieces, read from the client as
/// the upstream takes it, instead of whole: large uploads pass through in
/// bounded memory. Such a request is sent once (a body read from the client
/// cannot be read again), unless its connection failed before any of it.
class UpstreamBodySource {
public:
    /// ok false: the body cannot be read (see error()). `piece` stays valid
    /// until the next read.
    using Piece = std::function<void(bool ok, std::string_view piece, bool last)>;
    struct Error {
        int status = 0; ///< what to answer (413, 408, 400); 0: the client left
        std::string detail;
    };
    virtual ~UpstreamBodySource() = default;
    /// The length the client announced; none: chunked.
    virtual std::optional<std::uint64_t> length() const = 0;
    /// Reads the next piece (possibly empty while not last).
    virtual void read(Piece piece) = 0;
    virtual Error error() const = 0;
};

/// How a call ended.
struct UpstreamResult {
    /// The last attempt's failure (None: `response` holds the answer).
    AttemptResult::Failure failure = AttemptResult::Failure::None;
    std::string error; ///< why it failed, for people
    bool breakerOpen = false; ///< refused by the open breaker; no attempt made
    std::int64_t breakerRetryAfterMs = 0;
    int attempts = 0; ///< attempts made (the breaker refusing one counts none)
    std::uint32_t upstreamUs = 0; ///< from the first attempt to the answer's head, waits included
    /// The answer; its body is empty when streaming.
    UpstreamResponse response;
    /// The body is large or of unknown length: it follows in pieces once
    /// startBody is called with a sink (null: drop it and the connection).
    bool streaming = false;
    std::optional<std::uint64_t> streamLength; ///< the body's length when known
    std::function<void(std::shared_ptr<UpstreamBodySink>)> startBody;
    /// The request body could not be read from the client (see the source's
    /// error()); nothing is said about the upstream.
    bool clientBodyFailed = false;
};

/// One per serve thread, used on that thread only.
class UpstreamClient {
public:
    using Done = std::function<void(UpstreamResult&)>;

    explicit UpstreamClient(boost::asio::io_context& ioc);
    ~UpstreamClient();
    UpstreamClient(const UpstreamClient&) = delete;
    UpstreamClient& operator=(const UpstreamClient&) = delete;

    /// Sends `request` (target, fields and body as they should go out; Host
    /// and Content-Length are set here) and calls `done` once, on this
    /// thread, with the answer or the failure. The overall deadline counts
    /// from `arrived`. Retries follow target.retry: a request is repeated only
    /// when its method is idempotent or it carries an Idempotency-Key.
    /// With `mayStream`, an answer body over kBufferedBodyBytes, or of unknown
    /// length, is streamed (see UpstreamResult::streaming) instead of read
    /// whole; error answers (429, 5xx) are always read whole.
    /// With `body`, the request's body is read from it piece by piece
    /// (request.body() stays empty), framed by its length or chunked.
    void send(std::shared_ptr<const UpstreamTarget> target, UpstreamRequest request,
        std::chrono::steady_clock::time_point arrived, Done done, bool mayStream = false,
        std::shared_ptr<UpstreamBodySource> body = nullptr);

    /// Answers up to this size are read whole, larger ones streamed.
    static constexpr std::uint64_t kBufferedBodyBytes = 64 * 1024;

    /// Connections open to the upstream of `poolKey` (busy and idle).
    int openConnections(const std::string& poolKey) const;
    /// Of those, the idle ones kept for reuse.
    int idleConnections(const std::string& poolKey) const;

    struct Impl;

private:
    std::shared_ptr<Impl> d;
};

} // namespace tollgate::server
