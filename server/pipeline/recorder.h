#pragma once

// Where serve threads leave proxied exchanges while record mode is on (see
// server/workspace/recording.h for what becomes of them). Off, it costs a
// relaxed load per proxied request; on, a copy of the answer and a short lock.

#include "server/workspace/recording.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace tollgate::server {

class Recorder {
public:
    /// Bodies longer than this are not recorded (the exchange is counted as
    /// too large).
    static constexpr std::size_t kMaxBody = 1024 * 1024;
    /// Exchanges kept until taken; more are counted as dropped.
    static constexpr std::size_t kMaxPending = 4096;

    void setEnabled(bool on) { m_enabled.store(on, std::memory_order_relaxed); }
    bool enabled() const { return m_enabled.load(std::memory_order_relaxed); }

    /// From a serve thread: keeps the exchange (when enabled and there is room).
    void offer(RecordedExchange&& exchange);
    /// An exchange whose body was larger than kMaxBody.
    void tooLarge() { m_tooLarge.fetch_add(1, std::memory_order_relaxed); }
    /// Moves the exchanges kept so far, oldest first, into *out.
    void take(std::vector<RecordedExchange>* out);

    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    std::uint64_t tooLargeCount() const { return m_tooLarge.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_enabled { false };
    std::atomic<std::uint64_t> m_dropped { 0 };
    std::atomic<std::uint64_t> m_tooLarge { 0 };
    std::mutex m_mutex;
    std::vector<RecordedExchange> m_pending;
};

} // namespace tollgate::server
