#pragma once

// Rate-limit and quota decisions made by a store several instances share
// (Redis: redislimiter.h). The access gate asks through this interface, so
// it is tested with a fake.

#include <cstdint>
#include <functional>
#include <string>

namespace tollgate::server {

/// One decision's inputs. Key names are the caller's (e.g. "tg:rl:<keyId>",
/// "tg:q:<keyId>:2026-11"). One Redis (or a primary) only: Redis Cluster's
/// redirections are not followed, they count as unavailable.
struct SharedLimitRequest {
    std::string rateKey; ///< GCRA state key; empty = no rate limit
    std::string quotaKey; ///< request counter key; empty = no quota and no counting
    std::int64_t emissionUs
        = 0; ///< GCRA emission interval T (60e6 / perMinute); <= 0 = no rate limit
    std::int64_t toleranceUs = 0; ///< GCRA tolerance tau = T * burst
    /// Monthly quota; 0 = unlimited (with a quotaKey the requests are still
    /// counted, so quotaUsed reports usage).
    std::int64_t quota = 0;
    bool blockOverQuota
        = true; ///< true: refuse beyond quota (not counted); false: admit, count, flag overage
    std::int64_t quotaTtlSeconds
        = 0; ///< set on the quota key when it has no expiry yet; <= 0 = none
    /// Tests only: the script's "now" in µs instead of Redis TIME (0 = TIME),
    /// so the script can be checked step by step against gcraStep.
    std::int64_t nowUsOverride = 0;
};

struct SharedLimitDecision {
    enum Outcome { Admitted = 0, RateLimited = 1, QuotaExhausted = 2 };

    /// false: Redis did not answer in time, is not connected or failed the
    /// script; the other fields are then meaningless (fail policy applies).
    bool available = false;
    int outcome = Admitted;
    /// Rate-limit view, as gcraStep reports it (all 0 without a rate limit or
    /// when the quota is exhausted; the month's end is the caller's knowledge).
    std::int64_t remaining = 0;
    std::int64_t retryAfterUs = 0;
    std::int64_t resetUs = 0;
    /// The quota count after this request when admitted, else the current count.
    std::int64_t quotaUsed = 0;
    bool overage = false; ///< admitted beyond the quota (blockOverQuota false)
};

/// What the engine does with keyed requests while the shared store is unreachable.
enum class RedisFailPolicy {
    Local, ///< decide with this instance's in-memory limiter (the default)
    Open, ///< admit without limiting
    Closed, ///< refuse with 503
};

class SharedLimiter {
public:
    using Done = std::function<void(const SharedLimitDecision&)>;
    virtual ~SharedLimiter() = default;
    /// Decides asynchronously; `done` runs on the thread that owns the
    /// limiter (the worker that asked), exactly once.
    virtual void decide(const SharedLimitRequest& req, Done done) = 0;
};

} // namespace tollgate::server
