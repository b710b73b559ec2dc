#include "server/upstream/circuitbreaker.h"

#include <algorithm>

namespace tollgate::server {

CircuitBreaker::CircuitBreaker(BreakerSettings settings, std::shared_ptr<Clock> clock)
    : m_settings(settings)
    , m_clock(std::move(clock))
{
}

std::string_view CircuitBreaker::stateName(State state)
{
    switch (state) {
    case State::Closed:
        return "closed";
    case State::Open:
        return "open";
    case State::HalfOpen:
        return "half-open";
    }
    return "closed";
}

CircuitBreaker::Bucket& CircuitBreaker::bucketAt(std::int64_t now)
{
    const std::int64_t width = std::max<std::int64_t>(1, m_settings.windowMs / kBuckets);
    const std::int64_t start = now - now % width;
    Bucket& b = m_window[std::size_t((now / width) % kBuckets)];
    if (b.start != start)
        b = Bucket { start, 0, 0 };
    return b;
}

bool CircuitBreaker::windowTripped(std::int64_t now) const
{
    if (m_settings.failureRate <= 0)
        return false;
    std::uint64_t calls = 0;
    std::uint64_t failures = 0;
    for (const Bucket& b : m_window) {
        if (b.start > now - m_settings.windowMs) {
            calls += b.calls;
            failures += b.failures;
        }
    }
    return calls > 0 && calls >= std::uint64_t(std::max(1, m_settings.minimumCalls))
        && double(failures) >= m_settings.failureRate * double(calls);
}

void CircuitBreaker::moveTo(State state, std::int64_t now)
{
    if (state == m_state)
        return;
    m_state = state;
    ++m_transitions;
    m_probesOut = 0;
    m_probesPassed = 0;
    if (state == State::Open)
        m_openedAt = now;
    if (state == State::Closed) {
        m_consecutive = 0;
        m_window = {};
    }
}

bool CircuitBreaker::tryAcquire()
{
    const std::lock_guard lock(m_mutex);
    const std::int64_t now = nowMs();
    if (m_state == State::Open) {
        if (now - m_openedAt < m_settings.openMs)
            return false;
        moveTo(State::HalfOpen, now);
    }
    if (m_state == State::HalfOpen) {
        if (m_probesOut + m_probesPassed >= std::max(1, m_settings.halfOpenProbes))
            return false;
        ++m_probesOut;
    }
    return true;
}

void CircuitBreaker::onSuccess()
{
    const std::lock_guard lock(m_mutex);
    const std::int64_t now = nowMs();
    if (m_state == State::HalfOpen) {
        m_probesOut = std::max(0, m_probesOut - 1);
        if (++m_probesPassed >= std::max(1, m_settings.halfOpenProbes))
            moveTo(State::Closed, now);
        return;
    }
    if (m_state == State::Closed) {
        m_consecutive = 0;
        ++bucketAt(now).calls;
    }
}

void CircuitBreaker::onFailure()
{
    const std::lock_guard lock(m_mutex);
    const std::int64_t now = nowMs();
    if (m_state == State::HalfOpen) {
        moveTo(State::Open, now);
        return;
    }
    if (m_state != State::Closed)
        return; // a call let through before it opened
    ++m_consecutive;
    Bucket& b = bucketAt(now);
    ++b.calls;
    ++b.failures;
    if ((m_settings.consecutiveFailures > 0 && m_consecutive >= m_settings.consecutiveFailures)
        || windowTripped(now))
        moveTo(State::Open, now);
}

void CircuitBreaker::release()
{
    const std::lock_guard lock(m_mutex);
    if (m_state == State::HalfOpen)
        m_probesOut = std::max(0, m_probesOut - 1);
}

CircuitBreaker::State CircuitBreaker::state() const
{
    const std::lock_guard lock(m_mutex);
    return m_state;
}

std::int64_t CircuitBreaker::retryAfterMs() const
{
    const std::lock_guard lock(m_mutex);
    if (m_state != State::Open)
        return 0;
    return std::max<std::int64_t>(0, m_openedAt + m_settings.openMs - nowMs());
}

std::uint64_t CircuitBreaker::transitions() const
{
    const std::lock_guard lock(m_mutex);
    return m_transitions;
}

} // namespace tollgate::server
