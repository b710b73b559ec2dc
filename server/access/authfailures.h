#pragma once

// Failed authentications per client address, so that keys cannot be guessed
// at full speed: GCRA, 20 at once, then one a second. The lock behind it is
// only taken while some address has failures on record.

#include "server/access/gcra.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tollgate::server {

class AuthFailures {
public:
    static constexpr GcraPolicy kPolicy { 60, 20 };
    static constexpr std::size_t kMaxTracked = 10'000;

    /// True when `peer` has failed too often; *retryNs says for how long still.
    bool blocked(std::string_view peer, std::int64_t nowNs, std::int64_t* retryNs);
    void failed(std::string_view peer, std::int64_t nowNs);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, GcraCell> m_cells;
    std::atomic<std::size_t> m_count { 0 };
};

} // namespace tollgate::server
