#include "server/access/authfailures.h"

namespace tollgate::server {

bool AuthFailures::blocked(std::string_view peer, std::int64_t nowNs, std::int64_t* retryNs)
{
    if (m_count.load(std::memory_order_relaxed) == 0)
        return false;
    std::lock_guard lock(m_mutex);
    const auto it = m_cells.find(std::string(peer));
    if (it == m_cells.end())
        return false;
    const GcraResult r = it->second.peek(kPolicy, nowNs);
    *retryNs = r.retryAfterNs;
    return !r.allowed;
}

void AuthFailures::failed(std::string_view peer, std::int64_t nowNs)
{
    std::lock_guard lock(m_mutex);
    if (m_cells.size() >= kMaxTracked) {
        // Forget addresses whose failures have fully decayed.
        for (auto it = m_cells.begin(); it != m_cells.end();) {
            if (it->second.peek(kPolicy, nowNs).remaining >= kPolicy.burst - 1)
                it = m_cells.erase(it);
            else
                ++it;
        }
    }
    m_cells[std::string(peer)].take(kPolicy, nowNs);
    m_count.store(m_cells.size(), std::memory_order_relaxed);
}

} // namespace tollgate::server
