#pragma once

// The access gate: the pipeline stage that decides whether a request may use
// a route that requires a key. It reads the key (Authorization: Bearer or
// X-API-Key), throttles addresses that keep failing, verifies the key
// (format and checksum, then the index), checks revocation, expiry, tier and
// scopes, and applies the rate limit and the monthly quota, locally or
// through a shared store (Redis). Its result is one Admission: the key, its
// tier, the price of the request, the usage counter and the RateLimit field
// text, or the refusal.
//
// Decisions are synchronous except two waits: the shared store's answer and,
// with a persistent ledger, the quota count becoming durable. Neither blocks
// a thread.

#include "server/access/authfailures.h"
#include "server/access/gcra.h"
#include "server/access/keyindex.h"
#include "server/access/ratelimitfields.h"
#include "server/access/sharedlimiter.h"
#include "server/access/usage.h"
#include "server/workspace/workspace.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

/// What the gate needs to know of a request.
struct GateRequest {
    std::optional<std::string_view> authorization; ///< the Authorization field's value
    std::optional<std::string_view> apiKey; ///< the X-API-Key field's value
    std::string_view peer; ///< the client's address (failed-authentication throttle)
    const RouteAccess* access = nullptr;
    std::string_view routeName; ///< "GET /v1/search": the key of a route's own limit
    /// The route counts tokens (routeCountsTokens()): the tier's token limit
    /// and token prices apply.
    bool countsTokens = false;
};

/// A request the gate turned away, as the response will say it.
struct Refusal {
    int status = 0; ///< 401, 403, 429 or 503; 0 = not refused
    std::string detail;
    std::string wwwAuthenticate; ///< the challenge for 401 and a missing scope
    std::int64_t retryAfterSeconds = 0; ///< for 429 and 503; 0 = no Retry-After
};

/// The gate's decision on one request.
struct Admission {
    /// The verified key, also when it was refused afterwards (revoked,
    /// limited): records name the key and its tier. Null before that.
    const KeyEntry* key = nullptr;
    /// Set when admitted: the outcome books into it.
    UsageStore::Counter* counter = nullptr;
    bool overage = false; ///< admitted beyond the quota (billed as overage)
    Micros price = 0; ///< what the request earns if answered below 500
    std::string rateLimitFields; ///< RateLimit-Policy and RateLimit lines, CRLF-terminated
    Refusal refusal;

    /// For a route that counts tokens: what they cost and, when the tier
    /// limits them, the cell AccessGate::debitTokens() debits.
    struct Tokens {
        GcraCell* cell = nullptr; ///< null: no token limit
        GcraPolicy policy; ///< tokens per minute, a minute's worth at once
        Micros inputPer1k = 0;
        Micros outputPer1k = 0;
        /// What `input` and `output` tokens cost, rounded to the nearest µ$.
        Micros charge(std::uint64_t input, std::uint64_t output) const;
    } tokens;

    /// Carried across the asynchronous steps of one decision.
    struct Pending {
        const Tier* tier = nullptr;
        const RouteAccess* access = nullptr;
        std::int64_t now = 0;
        std::int64_t nowSec = 0;
        GcraPolicy policy;
        UsageStore::Counter* counter = nullptr;
        std::string routeKey; ///< set when the route has a limit of its own
        std::int64_t untilMonthEnd = 0;
        std::int64_t quota = 0;
        bool block = true;
        bool durable = true; ///< admitted and its count persisted
        std::uint64_t ticket = 0; ///< else: what to wait for
        TokenLimitState tokenLimit; ///< when tokens.cell is set
    } pending;

    /// Forgets the previous request's decision (keeps buffers).
    void clear();
};

class AccessGate {
public:
    enum class Verdict { Admitted, Refused, Pending };
    /// Continues a decision that had to wait. May be called on any thread.
    using Resume = std::function<void(Verdict)>;
    /// How a decision that must wait gets back to its request.
    class Waiter {
    public:
        virtual ~Waiter() = default;
        /// Called only when the decision is about to wait; the returned Resume
        /// is called once the wait is over (not at all if the engine stops).
        virtual Resume waitForDecision() = 0;
    };

    AccessGate(std::shared_ptr<Clock> clock, UsageStore& usage, AuthFailures& failures,
        RedisFailPolicy failPolicy);

    /// Decides into `out` (cleared by the caller). `shared` is null unless
    /// limits are shared (Redis). Returns Pending after taking a Resume from
    /// `waiter`; `out` must then stay where it is until that Resume runs.
    Verdict check(const GateRequest& request, const std::shared_ptr<const KeyIndex>& keys,
        VerifiedKeyCache& cache, SharedLimiter* shared, Admission& out, Waiter& waiter);

    /// Debits tokens an admitted request used from its key's token limit, as
    /// they are sent (any thread). Nothing when the tier has no token limit.
    /// The limit is this process's: with shared limits (Redis) requests and
    /// quotas are shared, tokens are not.
    void debitTokens(const Admission& admission, std::uint64_t tokens);

private:
    Verdict refuse(Admission& out, int status, std::string detail);
    Verdict unauthorized(Admission& out, std::string_view error, std::string detail);
    Verdict tooMany(Admission& out, std::int64_t retryNs, std::string detail);
    Verdict decideLocally(Admission& out);
    Verdict applyShared(Admission& out, const SharedLimitDecision& shared);
    Verdict admitted(Admission& out, const UsageStore::Admission& a, bool overage);
    const TokenLimitState* tokenLimit(const Admission& out) const;

    std::shared_ptr<Clock> m_clock;
    UsageStore& m_usage;
    AuthFailures& m_failures;
    RedisFailPolicy m_failPolicy;
};

} // namespace tollgate::server
