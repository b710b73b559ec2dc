#include "server/pipeline/recorder.h"

namespace tollgate::server {

void Recorder::offer(RecordedExchange&& exchange)
{
    if (!enabled())
        return;
    std::lock_guard lock(m_mutex);
    if (m_pending.size() >= kMaxPending) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_pending.push_back(std::move(exchange));
}

void Recorder::take(std::vector<RecordedExchange>* out)
{
    std::vector<RecordedExchange> taken;
    {
        std::lock_guard lock(m_mutex);
        taken.swap(m_pending);
    }
    for (auto& e : taken)
        out->push_back(std::move(e));
}

} // namespace tollgate::server
