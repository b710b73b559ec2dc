#include "server/load/loadplan.h"

#include "server/common/text.h"

namespace tollgate::server {

bool LoadSettings::webSocket() const
{
    const std::string_view scheme = std::string_view(url).substr(0, url.find(':'));
    return iequals(scheme, "ws") || iequals(scheme, "wss");
}

const char* loadModelName(LoadModel model)
{
    return model == LoadModel::Open ? "open" : "closed";
}

const char* loadErrorName(LoadErrorKind kind)
{
    switch (kind) {
    case LoadErrorKind::Connect:
        return "connect";
    case LoadErrorKind::Timeout:
        return "timeout";
    case LoadErrorKind::Reset:
        return "reset";
    case LoadErrorKind::Protocol:
        return "protocol";
    case LoadErrorKind::Count:
        break;
    }
    return "unknown";
}

std::uint64_t LoadCounts::errorTotal() const
{
    std::uint64_t n = 0;
    for (auto e : errors)
        n += e;
    return n;
}

std::uint64_t LoadCounts::statusClass(int cls) const
{
    std::uint64_t n = 0;
    for (auto it = statuses.lower_bound(cls * 100);
         it != statuses.end() && it->first < cls * 100 + 100; ++it)
        n += it->second;
    return n;
}

void LoadCounts::merge(const LoadCounts& other)
{
    requests += other.requests;
    for (const auto& [status, n] : other.statuses)
        statuses[status] += n;
    for (std::size_t i = 0; i < errors.size(); ++i)
        errors[i] += other.errors[i];
    latency.merge(other.latency);
    bytesOut += other.bytesOut;
    bytesIn += other.bytesIn;
    streams += other.streams;
    events += other.events;
    tokens += other.tokens;
    firstEvent.merge(other.firstEvent);
    sent += other.sent;
    held += other.held;
    for (const auto& [code, n] : other.closes)
        closes[code] += n;
    roundTrip.merge(other.roundTrip);
}

} // namespace tollgate::server
