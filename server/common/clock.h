#pragma once

// The engine's clock, injectable so limiters, quotas, key expiry (and later
// breakers and retries) are tested with a virtual clock.

#include <atomic>
#include <cstdint>
#include <memory>

namespace tollgate::server {

/// Nanoseconds since the Unix epoch. The engine's only source of time for
/// limits, quotas and key expiry.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowNs() const = 0;
};

std::shared_ptr<Clock> systemClock();

/// A clock that only moves when told to. Thread-safe.
class VirtualClock final : public Clock {
public:
    explicit VirtualClock(std::int64_t startNs = 1'700'000'000'000'000'000)
        : m_now(startNs)
    {
    }
    std::int64_t nowNs() const override { return m_now.load(std::memory_order_acquire); }
    void set(std::int64_t ns) { m_now.store(ns, std::memory_order_release); }
    void advance(std::int64_t ns) { m_now.fetch_add(ns, std::memory_order_acq_rel); }

private:
    std::atomic<std::int64_t> m_now;
};

} // namespace tollgate::server
