#pragma once

// The traffic list: what the window's traffic log shows of each answered
// request. Each worker thread fills its own queue (a mutex only the window's
// drain contends for); the drain merges them by time.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace tollgate::server {

/// One served request, as the traffic log shows it.
struct TrafficEvent {
    std::chrono::system_clock::time_point time;
    std::string method;
    std::string target; ///< path and query as received (truncated to 512 bytes)
    int status = 0; ///< 0 when the connection was reset instead
    std::uint32_t latencyUs = 0;
    std::uint64_t bytesOut = 0;
    std::string keyId; ///< the authenticated key's id (never the key), empty if none
    std::string requestId; ///< the X-Request-ID the response carried (echoed or generated)
};

class TrafficQueue {
public:
    static constexpr std::size_t kMaxPending = 50'000;
    static constexpr std::size_t kMaxTarget = 512;

    /// Producer side; beyond kMaxPending events are dropped and counted.
    void push(TrafficEvent&& event);
    /// Moves what is queued into *out (replacing its contents).
    void take(std::vector<TrafficEvent>* out);
    std::uint64_t dropped() const;

private:
    mutable std::mutex m_mutex;
    std::vector<TrafficEvent> m_events;
    std::uint64_t m_dropped = 0;
};

/// Drains every queue into *out (appended, oldest first), keeping at most the
/// newest `max` of them.
void drainTraffic(
    const std::vector<TrafficQueue*>& queues, std::vector<TrafficEvent>* out, std::size_t max);

} // namespace tollgate::server
