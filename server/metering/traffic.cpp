#include "server/metering/traffic.h"

#include <algorithm>
#include <iterator>

namespace tollgate::server {

void TrafficQueue::push(TrafficEvent&& event)
{
    std::lock_guard lock(m_mutex);
    if (m_events.size() >= kMaxPending) {
        ++m_dropped;
        return;
    }
    m_events.push_back(std::move(event));
}

void TrafficQueue::take(std::vector<TrafficEvent>* out)
{
    out->clear();
    std::lock_guard lock(m_mutex);
    out->swap(m_events);
}

std::uint64_t TrafficQueue::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void drainTraffic(
    const std::vector<TrafficQueue*>& queues, std::vector<TrafficEvent>* out, std::size_t max)
{
    std::vector<TrafficEvent> batch;
    const auto firstNew = static_cast<std::ptrdiff_t>(out->size());
    for (TrafficQueue* q : queues) {
        q->take(&batch);
        // Each queue's events are in time order: only its newest `max` can be
        // among the newest `max` overall.
        const auto keep = static_cast<std::ptrdiff_t>(std::min(batch.size(), max));
        out->insert(out->end(), std::make_move_iterator(batch.end() - keep),
            std::make_move_iterator(batch.end()));
    }
    const auto byTime
        = [](const TrafficEvent& a, const TrafficEvent& b) { return a.time < b.time; };
    std::sort(out->begin() + firstNew, out->end(), byTime);
    const auto added
        = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(out->size()) - firstNew);
    if (added > max)
        out->erase(out->begin() + firstNew,
            out->begin() + firstNew + static_cast<std::ptrdiff_t>(added - max));
}

} // namespace tollgate::server
