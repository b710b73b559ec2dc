#pragma once

// When an upstream call is tried again, and after how long (issue 14):
// capped exponential backoff with full jitter, only for requests that may be
// repeated, on failures worth repeating, within the request's deadline.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tollgate::server {

struct RetrySettings {
    /// Attempts in all, the first included (1: never retried).
    int maxAttempts = 3;
    /// The backoff ceiling of the first retry; it doubles for each further one.
    std::int64_t baseDelayMs = 100;
    /// The ceiling never exceeds this.
    std::int64_t maxDelayMs = 2000;
    /// From the request's arrival: no attempt starts after it, no wait ends after it.
    std::int64_t overallTimeoutMs = 10000;
};

/// How an attempt ended.
struct AttemptResult {
    enum class Failure {
        None, ///< an answer came: see status
        Connect, ///< refused, unreachable, name not resolved, TLS handshake failed
        Timeout, ///< connect or attempt timeout
        Reset, ///< the connection ended before a whole answer head
        Protocol, ///< the answer was not HTTP
        Refused, ///< the SSRF guard refused every address of the host
        TooLarge, ///< the answer exceeded the response size cap
    };
    Failure failure = Failure::None;
    int status = 0;
    /// The answer's Retry-After, in ms from now, when it had a readable one.
    std::optional<std::int64_t> retryAfterMs;
};

/// GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110 9.2.2).
bool isIdempotentMethod(std::string_view method);

/// Whether a request may be sent more than once: an idempotent method, or one
/// that carries an Idempotency-Key. A POST without one is never repeated.
bool mayRepeat(std::string_view method, bool hasIdempotencyKey);

/// Whether the result is worth another attempt: connect errors, timeouts,
/// resets, and the answers 429, 502, 503 and 504.
bool isRetryable(const AttemptResult& result);

/// The most a wait before retry number `retry` (1 for the first retry) may
/// last: min(maxDelayMs, baseDelayMs * 2^(retry - 1)).
std::int64_t backoffCeilingMs(const RetrySettings& settings, int retry);

/// Full jitter: a wait uniform in [0, ceiling], drawn from `random` (any 64
/// random bits; the caller owns the generator, so tests choose the draw).
std::int64_t backoffDelayMs(const RetrySettings& settings, int retry, std::uint64_t random);

/// A Retry-After field value in ms from nowUnixMs: delta-seconds, or an
/// HTTP-date (IMF-fixdate); a date in the past is 0. Nothing when unreadable.
std::optional<std::int64_t> parseRetryAfterMs(std::string_view value, std::int64_t nowUnixMs);

struct RetryDecision {
    bool retry = false;
    /// How long to wait before the next attempt.
    std::int64_t delayMs = 0;
};

/// After attempt number `attempt` (1 for the first) of a request that arrived
/// elapsedMs ago: try again, and after how long? Retries only what may be
/// repeated and is worth repeating, up to maxAttempts; a Retry-After longer
/// than the jittered backoff is honoured; no retry when the wait would end
/// after the overall deadline.
RetryDecision decideRetry(const RetrySettings& settings, std::string_view method,
    bool hasIdempotencyKey, int attempt, const AttemptResult& result, std::int64_t elapsedMs,
    std::uint64_t random);

} // namespace tollgate::server
