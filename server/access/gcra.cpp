#include "server/access/gcra.h"

#include <algorithm>
#include <limits>

namespace tollgate::server {

GcraResult gcraStep(
    const GcraPolicy& policy, std::int64_t tat, std::int64_t now, std::int64_t* newTat)
{
    GcraResult r;
    *newTat = tat;
    if (policy.perMinute <= 0) {
        r.remaining = policy.burst;
        return r;
    }
    const std::int64_t t = policy.emissionNs();
    const std::int64_t tau = policy.toleranceNs();
    const std::int64_t next = std::max(tat, now) + t;
    if (next - now > tau) {
        // Denied: admitted again once `next - tau` has passed.
        r.allowed = false;
        r.remaining = 0;
        r.retryAfterNs = next - tau - now;
        r.resetNs = std::max<std::int64_t>(0, tat - now);
        return r;
    }
    *newTat = next;
    r.remaining = (tau - (next - now)) / t;
    r.resetNs = next - now;
    return r;
}

GcraResult GcraCell::take(const GcraPolicy& policy, std::int64_t now)
{
    std::int64_t tat = m_tat.load(std::memory_order_relaxed);
    for (;;) {
        std::int64_t next = tat;
        const GcraResult r = gcraStep(policy, tat, now, &next);
        if (!r.allowed || next == tat)
            return r;
        if (m_tat.compare_exchange_weak(tat, next, std::memory_order_acq_rel))
            return r;
    }
}

GcraResult GcraCell::peek(const GcraPolicy& policy, std::int64_t now) const
{
    std::int64_t ignored = 0;
    return gcraStep(policy, m_tat.load(std::memory_order_relaxed), now, &ignored);
}

GcraResult GcraCell::check(const GcraPolicy& policy, std::int64_t now) const
{
    GcraResult r;
    if (policy.perMinute <= 0)
        return r;
    const std::int64_t t = policy.emissionNs();
    const std::int64_t tau = policy.toleranceNs();
    const std::int64_t used
        = std::max<std::int64_t>(0, m_tat.load(std::memory_order_relaxed) - now);
    r.resetNs = used;
    // Admitted while at least one unit is left: remaining is never 0 then.
    if (used > tau - t) {
        r.allowed = false;
        r.retryAfterNs = used - (tau - t);
        return r;
    }
    r.remaining = (tau - used) / t;
    return r;
}

void GcraCell::debit(const GcraPolicy& policy, std::uint64_t units, std::int64_t now)
{
    if (policy.perMinute <= 0 || units == 0)
        return;
    const std::int64_t t = policy.emissionNs();
    std::int64_t tat = m_tat.load(std::memory_order_relaxed);
    for (;;) {
        const std::int64_t base = std::max(tat, now);
        // Saturates far beyond any wait a client would see (~292 years).
        const auto room
            = static_cast<std::uint64_t>((std::numeric_limits<std::int64_t>::max() - base) / t);
        const std::int64_t next = base + static_cast<std::int64_t>(std::min(units, room)) * t;
        if (m_tat.compare_exchange_weak(tat, next, std::memory_order_acq_rel))
            return;
    }
}

} // namespace tollgate::server
