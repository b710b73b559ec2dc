#include "server/access/accessgate.h"

#include "server/access/ratelimitfields.h"
#include "server/common/text.h"

#include <algorithm>
#include <limits>

namespace tollgate::server {

void Admission::clear()
{
    key = nullptr;
    counter = nullptr;
    overage = false;
    price = 0;
    rateLimitFields.clear();
    refusal.status = 0;
    refusal.detail.clear();
    refusal.wwwAuthenticate.clear();
    refusal.retryAfterSeconds = 0;
    tokens = {};
    pending.counter = nullptr;
    pending.routeKey.clear();
    pending.durable = true;
    pending.ticket = 0;
}

Micros Admission::Tokens::charge(std::uint64_t input, std::uint64_t output) const
{
    // Prices are never negative (tierProblems); a product or sum past 2^64
    // is more than any account holds, and saturates.
    constexpr Micros kMax = std::numeric_limits<Micros>::max();
    const auto in = static_cast<std::uint64_t>(std::max<Micros>(0, inputPer1k));
    const auto out = static_cast<std::uint64_t>(std::max<Micros>(0, outputPer1k));
    std::uint64_t a = 0, b = 0, sum = 0;
    if (__builtin_mul_overflow(input, in, &a) || __builtin_mul_overflow(output, out, &b)
        || __builtin_add_overflow(a, b, &sum) || __builtin_add_overflow(sum, 500, &sum))
        return kMax;
    return static_cast<Micros>(std::min<std::uint64_t>(sum / 1000, kMax));
}

AccessGate::AccessGate(std::shared_ptr<Clock> clock, UsageStore& usage, AuthFailures& failures,
    RedisFailPolicy failPolicy)
    : m_clock(std::move(clock))
    , m_usage(usage)
    , m_failures(failures)
    , m_failPolicy(failPolicy)
{
}

AccessGate::Verdict AccessGate::refuse(Admission& out, int status, std::string detail)
{
    out.refusal.status = status;
    out.refusal.detail = std::move(detail);
    return Verdict::Refused;
}

AccessGate::Verdict AccessGate::unauthorized(
    Admission& out, std::string_view error, std::string detail)
{
    std::string challenge = "Bearer realm=\"tollgate\"";
    if (!error.empty()) {
        challenge += ", error=\"";
        challenge += error;
        challenge += '"';
    }
    out.refusal.wwwAuthenticate = std::move(challenge);
    return refuse(out, 401, std::move(detail));
}

AccessGate::Verdict AccessGate::tooMany(Admission& out, std::int64_t retryNs, std::string detail)
{
    out.refusal.retryAfterSeconds
        = std::max<std::int64_t>(1, (retryNs + 999'999'999) / 1'000'000'000);
    return refuse(out, 429, std::move(detail));
}

AccessGate::Verdict AccessGate::check(const GateRequest& request,
    const std::shared_ptr<const KeyIndex>& keys, VerifiedKeyCache& cache, SharedLimiter* shared,
    Admission& out, Waiter& waiter)
{
    std::string_view key;
    if (request.authorization) {
        const auto value = trimBlanks(*request.authorization);
        if (value.size() < 7 || !iequals(value.substr(0, 7), "bearer "))
            return unauthorized(out, "invalid_request",
                "The Authorization header must use the Bearer scheme: \"Authorization: Bearer "
                "<key>\".");
        key = trimBlanks(value.substr(7));
    } else if (request.apiKey) {
        key = trimBlanks(*request.apiKey);
    }
    if (key.empty())
        return unauthorized(out, {},
            "This route needs an API key: send \"Authorization: Bearer <key>\" or \"X-API-Key: "
            "<key>\".");

    const std::int64_t now = m_clock->nowNs();
    const std::string_view peer = request.peer;
    std::int64_t retryNs = 0;
    if (m_failures.blocked(peer, now, &retryNs))
        return tooMany(out, retryNs, "Too many failed authentications from this address.");

    const KeyEntry* entry = cache.lookup(key, keys);
    if (!entry) {
        // Format and checksum first: a mistyped key never reaches the index.
        switch (checkKeyFormat(key)) {
        case KeyFormat::Malformed:
            m_failures.failed(peer, now);
            return unauthorized(out, "invalid_token",
                "The API key is malformed (expected tg_<env>_ followed by 49 letters and digits).");
        case KeyFormat::BadChecksum:
            m_failures.failed(peer, now);
            return unauthorized(out, "invalid_token",
                "The API key's checksum does not match: it was mistyped or cut.");
        case KeyFormat::Ok:
            break;
        }
        entry = keys->find(key);
        if (!entry) {
            m_failures.failed(peer, now);
            return unauthorized(out, "invalid_token", "The API key is not valid.");
        }
        cache.remember(key, keys, entry);
    }
    out.key = entry;

    const RouteAccess& access = *request.access;
    if (entry->revoked)
        return unauthorized(out, "invalid_token", "The API key has been revoked.");
    if (entry->expiresNs > 0 && now >= entry->expiresNs)
        return unauthorized(out, "invalid_token", "The API key has expired.");
    const Tier* tier = entry->tier;
    if (!tier)
        return refuse(
            out, 403, "The key's tier \"" + entry->tierId + "\" is not defined in this workspace.");
    for (const std::string& scope : access.scopes) {
        if (std::find(entry->scopes.begin(), entry->scopes.end(), scope) == entry->scopes.end()) {
            out.refusal.wwwAuthenticate
                = "Bearer realm=\"tollgate\", error=\"insufficient_scope\", scope=\"" + scope
                + "\"";
            return refuse(out, 403, "The API key lacks the scope \"" + scope + "\".");
        }
    }

    // Limits: the route's own, else the tier's.
    Admission::Pending& d = out.pending;
    d.tier = tier;
    d.access = &access;
    d.now = now;
    d.nowSec = now / 1'000'000'000;
    d.policy = { tier->requestsPerMinute, tier->burst };
    if (access.requestsPerMinute > 0) {
        d.policy = { access.requestsPerMinute, access.burst > 0 ? access.burst : tier->burst };
        d.routeKey.assign(request.routeName);
    }
    KeyRuntime& rt = *entry->runtime;
    d.counter = rt.usageCounter(m_usage, entry->id, d.nowSec);
    d.untilMonthEnd = rt.counterUntil.load(std::memory_order_relaxed) - d.nowSec;
    d.quota = tier->monthlyQuota;
    d.block = tier->overQuota == OverQuotaPolicy::Block;

    // Tokens are post-paid: a key in debt waits until the debt is paid off.
    if (request.countsTokens) {
        out.tokens.inputPer1k = tier->inputPricePer1kTokensMicros;
        out.tokens.outputPer1k = tier->outputPricePer1kTokensMicros;
        if (tier->tokensPerMinute > 0) {
            out.tokens.cell = &rt.tokens;
            out.tokens.policy = { tier->tokensPerMinute, tier->tokensPerMinute };
            d.tokenLimit.policy = out.tokens.policy;
            d.tokenLimit.state = rt.tokens.check(out.tokens.policy, now);
            if (!d.tokenLimit.state.allowed) {
                m_usage.reject(d.counter);
                const GcraCell* cell = d.routeKey.empty() ? &rt.rate : rt.routeCell(d.routeKey);
                formatRateLimitFields(d.policy, cell->peek(d.policy, now), d.quota,
                    m_usage.count(d.counter), d.untilMonthEnd, d.nowSec, &out.rateLimitFields,
                    &d.tokenLimit);
                return tooMany(out, d.tokenLimit.state.retryAfterNs,
                    "Token limit exceeded: " + std::to_string(tier->tokensPerMinute)
                        + " tokens per minute for this key, and the answers of the last minute "
                          "used them all.");
            }
        }
    }

    if (shared) {
        SharedLimitRequest q;
        if (d.policy.perMinute > 0) {
            q.rateKey = "tg:rl:" + entry->id;
            if (!d.routeKey.empty())
                q.rateKey += ':' + d.routeKey;
            q.emissionUs = d.policy.emissionNs() / 1000;
            q.toleranceUs = d.policy.toleranceNs() / 1000;
        }
        q.quotaKey = "tg:q:" + entry->id + ':' + usageMonth(d.nowSec);
        q.quota = d.quota;
        q.blockOverQuota = d.block;
        q.quotaTtlSeconds = d.untilMonthEnd + 40 * 86'400; // kept a while for invoices
        shared->decide(
            q, [this, &out, resume = waiter.waitForDecision()](const SharedLimitDecision& s) {
                const Verdict v = applyShared(out, s);
                // Copied: whenDurable keeps its callback only when it waits.
                if (v == Verdict::Admitted && !out.pending.durable
                    && !m_usage.whenDurable(
                        out.counter, out.pending.ticket, [resume] { resume(Verdict::Admitted); }))
                    return;
                resume(v);
            });
        return Verdict::Pending;
    }
    const Verdict v = decideLocally(out);
    if (v == Verdict::Admitted && !d.durable) {
        // The answer may only leave once the count it adds is on disk.
        Resume resume = waiter.waitForDecision();
        if (!m_usage.whenDurable(
                out.counter, d.ticket, [resume = std::move(resume)] { resume(Verdict::Admitted); }))
            return Verdict::Pending;
    }
    return v;
}

AccessGate::Verdict AccessGate::decideLocally(Admission& out)
{
    const Admission::Pending& d = out.pending;
    KeyRuntime& rt = *out.key->runtime;
    GcraCell* cell = d.routeKey.empty() ? &rt.rate : rt.routeCell(d.routeKey);
    GcraResult g;
    bool rateAsked = false;
    const UsageStore::Admission a = m_usage.admit(d.counter, d.quota, d.block, [&] {
        rateAsked = true;
        g = cell->take(d.policy, d.now);
        return g.allowed;
    });
    if (!rateAsked)
        g = cell->peek(d.policy, d.now);
    formatRateLimitFields(d.policy, g, d.quota, a.used, d.untilMonthEnd, d.nowSec,
        &out.rateLimitFields, tokenLimit(out));
    if (a.refusal == UsageStore::Admission::Rate)
        return tooMany(out, g.retryAfterNs,
            "Rate limit exceeded: " + std::to_string(d.policy.perMinute)
                + " requests per minute for this key.");
    if (!a.allowed)
        return tooMany(out, d.untilMonthEnd * 1'000'000'000,
            "Monthly quota of " + std::to_string(d.quota)
                + " requests used up; it renews at the start of next month (UTC).");
    return admitted(out, a, a.overage);
}

AccessGate::Verdict AccessGate::applyShared(Admission& out, const SharedLimitDecision& shared)
{
    const Admission::Pending& d = out.pending;
    if (!shared.available) {
        switch (m_failPolicy) {
        case RedisFailPolicy::Local:
            return decideLocally(out);
        case RedisFailPolicy::Open:
            return admitted(out, m_usage.admit(d.counter, 0, false), false);
        case RedisFailPolicy::Closed:
            out.refusal.retryAfterSeconds = 1;
            return refuse(out, 503, "Rate limiting is unavailable (Redis does not answer).");
        }
    }
    GcraResult g;
    g.allowed = shared.outcome != SharedLimitDecision::RateLimited;
    g.remaining = shared.remaining;
    g.retryAfterNs = shared.retryAfterUs * 1000;
    g.resetNs = shared.resetUs * 1000;
    formatRateLimitFields(d.policy, g, d.quota, static_cast<std::uint64_t>(shared.quotaUsed),
        d.untilMonthEnd, d.nowSec, &out.rateLimitFields, tokenLimit(out));
    if (shared.outcome == SharedLimitDecision::RateLimited) {
        m_usage.reject(d.counter);
        return tooMany(out, g.retryAfterNs,
            "Rate limit exceeded: " + std::to_string(d.policy.perMinute)
                + " requests per minute for this key.");
    }
    if (shared.outcome == SharedLimitDecision::QuotaExhausted) {
        m_usage.reject(d.counter);
        return tooMany(out, d.untilMonthEnd * 1'000'000'000,
            "Monthly quota of " + std::to_string(d.quota)
                + " requests used up; it renews at the start of next month (UTC).");
    }
    // Redis holds the shared count; the local ledger counts this instance's
    // share for invoices.
    return admitted(out, m_usage.admit(d.counter, 0, false), shared.overage);
}

AccessGate::Verdict AccessGate::admitted(
    Admission& out, const UsageStore::Admission& a, bool overage)
{
    const Admission::Pending& d = out.pending;
    out.counter = d.counter;
    out.overage = overage;
    if (d.access->priceMicros >= 0)
        out.price = d.access->priceMicros;
    else if (overage && d.tier->overagePriceMicros > 0)
        out.price = d.tier->overagePriceMicros;
    else
        out.price = d.tier->pricePerRequestMicros;
    out.pending.durable = a.durable;
    out.pending.ticket = a.ticket;
    return Verdict::Admitted;
}

const TokenLimitState* AccessGate::tokenLimit(const Admission& out) const
{
    return out.tokens.cell ? &out.pending.tokenLimit : nullptr;
}

void AccessGate::debitTokens(const Admission& admission, std::uint64_t tokens)
{
    if (admission.tokens.cell)
        admission.tokens.cell->debit(admission.tokens.policy, tokens, m_clock->nowNs());
}

} // namespace tollgate::server
