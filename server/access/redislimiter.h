#pragma once

// Rate-limit and quota decisions shared by several tollgated instances through
// one Redis. Each decision is one Lua script run atomically in Redis (quota
// check, GCRA step and quota count together), with Redis' own TIME as the
// clock, so instances with skewed clocks still agree and together admit no
// more than the limit.
//
// The limiter never blocks its io_context: it talks RESP over an Asio socket,
// pipelines decisions on one connection, and when Redis is slow or gone it
// answers "unavailable" quickly so the engine's fail policy can take over:
//
//  - a decision not answered within `decisionTimeout` (250 ms) completes with
//    available = false;
//  - once a decision timed out, the connection counts as stalled: later
//    decisions complete unavailable at once instead of queueing behind it,
//    until Redis answers again; after `stallLimit` (1 s) without any answer
//    the connection is dropped and made anew;
//  - a refused, reset or closed connection completes every pending decision
//    with available = false at once (a decision already sent may or may not
//    have been counted; it is never sent twice);
//  - reconnecting goes on in the background with backoff (200 ms doubling to
//    1 s); while not connected, decide() completes unavailable at once.
//    Decisions wait (bounded by `decisionTimeout`) only for an attempt that
//    is expected to succeed: the first one after start-up, and the one made at
//    once when a connection that had worked dropped (Redis' idle timeout,
//    CLIENT KILL, a proxy restart), so such a blip does not reach the fail
//    policy.

#include "server/access/sharedlimiter.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace tollgate::server {

struct RedisLimiterOptions {
    std::chrono::milliseconds decisionTimeout { 250 };
    std::chrono::milliseconds connectTimeout { 1000 }; ///< resolve + connect + handshake
    std::chrono::milliseconds stallLimit { 1000 }; ///< no answer this long: reconnect
    std::chrono::milliseconds backoffMin { 200 };
    std::chrono::milliseconds backoffMax { 1000 };
    std::size_t maxInFlight = 4096; ///< beyond this, decisions complete unavailable at once
};

/// The Lua script behind every shared decision (KEYS: rate key, quota key;
/// ARGV: emission and tolerance in microseconds, quota, block "1"/"0", quota
/// TTL in seconds, now in microseconds or 0 for Redis' TIME). Exposed so an
/// exported project deciding through the same Redis follows the same steps.
std::string_view redisLimitScript();

/// Talks to one Redis on one connection. Create one per engine worker
/// io_context. All members may be called from any thread (internally
/// everything runs on a strand of the io_context), but the io_context must be
/// running for anything to happen.
///
/// Completion: `done` is invoked exactly once per decide(), always from a
/// handler run by the io_context and never from inside decide() or close().
/// close() and the destructor complete every pending decision with
/// available = false (posted, so the callbacks may run after the limiter is
/// gone and must not refer to it). If the io_context is stopped or destroyed
/// before they run, those callbacks are destroyed uninvoked, like any other
/// Asio handler. Destroy the limiter before its io_context.
class RedisLimiter final : public SharedLimiter {
public:
    class Impl;

    /// Parses "redis://[[user]:password@]host[:port][/db]" (port 6379, db 0 by
    /// default). Returns null and sets *error for a malformed URL. Connecting
    /// starts in the background; nothing blocks.
    static std::unique_ptr<RedisLimiter> create(boost::asio::io_context& ioc,
        const std::string& url, std::string* error, RedisLimiterOptions options = {});

    ~RedisLimiter() override;
    RedisLimiter(const RedisLimiter&) = delete;
    RedisLimiter& operator=(const RedisLimiter&) = delete;

    void decide(const SharedLimitRequest& req, Done done) override;

    /// True while a connection is up and its handshake (AUTH, SELECT, SCRIPT
    /// LOAD) succeeded. A hint for status displays; decide() is the truth.
    bool connected() const;
    /// The latest connection or script error, for logs ("" if none yet).
    std::string lastError() const;
    /// Stops reconnecting and fails what is pending; decide() afterwards
    /// completes unavailable. Also done by the destructor.
    void close();

    /// The decision script's SHA-1 (what EVALSHA names), in lowercase hex.
    static const std::string& scriptSha1();

private:
    explicit RedisLimiter(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

} // namespace tollgate::server
