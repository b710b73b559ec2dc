#pragma once

// The circuit breaker of an upstream (issue 14). Closed, it lets every call
// through and watches them; after too many failures it opens and refuses
// calls for a while; then it lets exactly `halfOpenProbes` calls through and
// closes again when they all succeed, or opens again when one fails.

#include "server/common/clock.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

namespace tollgate::server {

struct BreakerSettings {
    /// Opens after this many failures in a row (0: never for that reason).
    int consecutiveFailures = 5;
    /// Opens when failures / calls over the window reach this (0: never for
    /// that reason), once the window holds at least minimumCalls calls.
    double failureRate = 0.5;
    int minimumCalls = 20;
    std::int64_t windowMs = 10'000;
    /// How long it stays open before probing.
    std::int64_t openMs = 30'000;
    /// Calls let through while half-open.
    int halfOpenProbes = 1;
};

/// Thread-safe: one breaker per upstream, shared by the serve threads (a
/// mutex held for a few comparisons per call).
class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };

    CircuitBreaker(BreakerSettings settings, std::shared_ptr<Clock> clock);

    /// Whether a call may go now. Every call let through must end in
    /// onSuccess(), onFailure() or release(). While half-open, true for
    /// exactly halfOpenProbes calls until they end.
    bool tryAcquire();
    void onSuccess();
    void onFailure();
    /// The call ended without saying anything about the upstream (its own
    /// client failed): a half-open probe goes back for another call.
    void release();

    State state() const;
    /// While open: ms until it lets a probe through (for Retry-After); else 0.
    std::int64_t retryAfterMs() const;
    /// How often the state changed since the breaker was made.
    std::uint64_t transitions() const;

    static std::string_view stateName(State state);

private:
    static constexpr int kBuckets = 10;
    struct Bucket {
        std::int64_t start = 0; // ms; which slice of time it counts
        std::uint32_t calls = 0;
        std::uint32_t failures = 0;
    };

    std::int64_t nowMs() const { return m_clock->nowNs() / 1'000'000; }
    Bucket& bucketAt(std::int64_t now);
    bool windowTripped(std::int64_t now) const;
    void moveTo(State state, std::int64_t now);

    const BreakerSettings m_settings;
    const std::shared_ptr<Clock> m_clock;
    mutable std::mutex m_mutex;
    State m_state = State::Closed;
    std::int64_t m_openedAt = 0;
    int m_consecutive = 0;
    int m_probesOut = 0; // half-open: let through, not ended yet
    int m_probesPassed = 0;
    std::uint64_t m_transitions = 0;
    std::array<Bucket, kBuckets> m_window {};
};

} // namespace tollgate::server
