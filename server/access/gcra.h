#pragma once

// Rate limiting by GCRA (the generic cell rate algorithm): one atomic
// "theoretical arrival time" per key, no timers, no buckets to refill. Time
// comes from an injectable Clock (common/clock.h), so tests drive limiters
// with a virtual clock.

#include "server/common/clock.h"

#include <atomic>
#include <cstdint>

namespace tollgate::server {

/// `perMinute` requests per minute sustained, `burst` of them at once.
struct GcraPolicy {
    std::int64_t perMinute = 0; ///< 0 = unlimited
    std::int64_t burst = 1;
    std::int64_t emissionNs() const { return perMinute > 0 ? 60'000'000'000 / perMinute : 0; }
    std::int64_t toleranceNs() const { return emissionNs() * (burst < 1 ? 1 : burst); }
};

struct GcraResult {
    bool allowed = true;
    std::int64_t remaining = 0; ///< requests that could still go right now
    std::int64_t retryAfterNs = 0; ///< when denied: wait this long
    std::int64_t resetNs = 0; ///< until the full burst is available again
};

/// Pure GCRA step: given the stored TAT, decides and yields the new TAT
/// (unchanged when denied). Shared by the in-memory cell and the Redis script
/// tests so both follow one definition.
GcraResult gcraStep(
    const GcraPolicy& policy, std::int64_t tat, std::int64_t now, std::int64_t* newTat);

/// One limiter state, safe to use from any number of threads (CAS loop).
class GcraCell {
public:
    GcraResult take(const GcraPolicy& policy, std::int64_t now);
    /// What take() would report without taking (for headers on other paths).
    GcraResult peek(const GcraPolicy& policy, std::int64_t now) const;

    /// Post-paid use (tokens): whether a request may start now, which it may
    /// while the cell is not past its tolerance (not in debt). Takes nothing;
    /// `remaining` is the units left before the debt starts.
    GcraResult check(const GcraPolicy& policy, std::int64_t now) const;
    /// Debits `units` already used: the TAT moves on `units` emissions, past
    /// the tolerance if it must (a debt later requests wait out).
    void debit(const GcraPolicy& policy, std::uint64_t units, std::int64_t now);

private:
    std::atomic<std::int64_t> m_tat { 0 };
};

} // namespace tollgate::server
