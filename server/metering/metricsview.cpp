#include "server/metering/metricsview.h"

#include <algorithm>
#include <map>
#include <set>

namespace tollgate::server {

StatusClass statusClass(int status)
{
    if (status >= 200 && status < 300)
        return Status2xx;
    if (status >= 300 && status < 400)
        return Status3xx;
    if (status >= 400 && status < 500)
        return Status4xx;
    // 5xx, resets (0) and anything out of range are the server's failure.
    return Status5xx;
}

namespace {

// Does a dimension with this id/name pass a filter field?
bool passes(const std::string& wanted, std::uint32_t id, std::string_view name)
{
    if (wanted.empty())
        return true;
    if (wanted == kNoneDimension)
        return id == 0;
    return id != 0 && name == wanted;
}

std::string_view nameOf(const std::vector<std::string>& names, std::uint32_t id)
{
    return id < names.size() ? std::string_view(names[id]) : std::string_view();
}

std::string displayName(const std::vector<std::string>& names, std::uint32_t id)
{
    if (id == 0)
        return std::string(kNoneDimension);
    const auto n = nameOf(names, id);
    return n.empty() ? std::string(kNoneDimension) : std::string(n);
}

void add(MetricsPoint& p, const BucketRow& r)
{
    for (std::size_t c = 0; c < kStatusClasses; ++c)
        p.counts[c] += r.counts[c];
    p.count += r.total();
    p.costMicros += r.costMicros;
    p.revenueMicros += r.revenueMicros;
    p.tokensIn += r.tokensIn;
    p.tokensOut += r.tokensOut;
    p.streams += r.streams;
    p.events += r.events;
    p.firstEventUs += r.firstEventUs;
    p.firstEvents += r.firstEvents;
}

struct RouteAcc {
    RouteSummary summary;
    LatencyHistogram latency;
};

} // namespace

MetricsView buildView(const std::vector<BucketRow>& rows, const DimensionNames& names,
    std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter)
{
    std::vector<const BucketRow*> pointers;
    pointers.reserve(rows.size());
    for (const BucketRow& r : rows)
        pointers.push_back(&r);
    return buildView(pointers, names, from, to, step, filter);
}

MetricsView buildView(const std::vector<const BucketRow*>& rows, const DimensionNames& names,
    std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter)
{
    MetricsView v;
    v.step = std::max<std::int64_t>(1, step);
    v.from = from;
    v.to = std::max(from, to);
    const auto steps = static_cast<std::size_t>((v.to - v.from + v.step - 1) / v.step);
    v.series.resize(steps);
    for (std::size_t i = 0; i < steps; ++i)
        v.series[i].time = v.from + static_cast<std::int64_t>(i) * v.step;

    // Rows in time order, so one scratch histogram serves each step in turn.
    std::vector<const BucketRow*> order;
    order.reserve(rows.size());
    for (const BucketRow* r : rows) {
        if (r->time >= v.from && r->time < v.to)
            order.push_back(r);
    }
    std::stable_sort(order.begin(), order.end(),
        [](const BucketRow* a, const BucketRow* b) { return a->time < b->time; });

    std::set<std::uint32_t> seenRoutes, seenTiers, seenKeys;
    std::map<std::uint32_t, RouteAcc> byRoute;
    std::map<std::uint32_t, std::vector<MetricsPoint>> byTier;
    std::map<std::uint32_t, KeySummary> byKey;

    LatencyHistogram stepLatency;
    std::size_t currentStep = steps;
    auto closeStep = [&] {
        if (currentStep < steps && stepLatency.count() > 0) {
            MetricsPoint& p = v.series[currentStep];
            p.p50 = stepLatency.percentile(50);
            p.p95 = stepLatency.percentile(95);
            p.p99 = stepLatency.percentile(99);
        }
        stepLatency.clear();
    };

    for (const BucketRow* row : order) {
        const BucketRow& r = *row;
        seenRoutes.insert(r.route);
        seenTiers.insert(r.tier);
        if (r.key != 0)
            seenKeys.insert(r.key);
        if (!passes(filter.route, r.route, nameOf(names.routes, r.route))
            || !passes(filter.tier, r.tier, nameOf(names.tiers, r.tier))
            || !passes(filter.key, r.key, nameOf(names.keys, r.key)))
            continue;

        const auto s = static_cast<std::size_t>((r.time - v.from) / v.step);
        if (s != currentStep) {
            closeStep();
            currentStep = s;
        }
        add(v.series[s], r);

        auto& tier = byTier[r.tier];
        if (tier.empty()) {
            tier.resize(steps);
            for (std::size_t k = 0; k < steps; ++k)
                tier[k].time = v.series[k].time;
        }
        add(tier[s], r);

        RouteAcc& route = byRoute[r.route];
        MetricsPoint total;
        add(total, r);
        route.summary.count += total.count;
        for (std::size_t c = 0; c < kStatusClasses; ++c)
            route.summary.counts[c] += total.counts[c];
        route.summary.costMicros += total.costMicros;
        route.summary.revenueMicros += total.revenueMicros;
        route.summary.tokensIn += total.tokensIn;
        route.summary.tokensOut += total.tokensOut;
        route.summary.streams += total.streams;
        route.summary.events += total.events;
        route.summary.firstEventUs += total.firstEventUs;
        route.summary.firstEvents += total.firstEvents;

        if (r.key != 0) {
            KeySummary& key = byKey[r.key];
            key.count += total.count;
            key.revenueMicros += total.revenueMicros;
            key.tier = displayName(names.tiers, r.tier);
        }

        if (!r.histogram.empty() && stepLatency.mergeBytes(r.histogram)) {
            route.latency.mergeBytes(r.histogram);
            v.latency.mergeBytes(r.histogram);
        }
    }
    closeStep();

    for (auto& [id, acc] : byRoute) {
        acc.summary.route = displayName(names.routes, id);
        acc.summary.p50 = acc.latency.percentile(50);
        acc.summary.p95 = acc.latency.percentile(95);
        acc.summary.p99 = acc.latency.percentile(99);
        v.routes.push_back(std::move(acc.summary));
    }
    std::sort(v.routes.begin(), v.routes.end(),
        [](const RouteSummary& a, const RouteSummary& b) { return a.route < b.route; });
    for (auto& [id, points] : byTier)
        v.tiers.push_back({ displayName(names.tiers, id), std::move(points) });
    std::sort(v.tiers.begin(), v.tiers.end(),
        [](const TierSeries& a, const TierSeries& b) { return a.tier < b.tier; });
    for (auto& [id, key] : byKey) {
        key.key = displayName(names.keys, id);
        v.keys.push_back(std::move(key));
    }
    std::sort(v.keys.begin(), v.keys.end(),
        [](const KeySummary& a, const KeySummary& b) { return a.key < b.key; });

    auto collect = [](const std::set<std::uint32_t>& ids, const std::vector<std::string>& n) {
        std::set<std::string> sorted;
        for (const auto id : ids)
            sorted.insert(displayName(n, id));
        return std::vector<std::string>(sorted.begin(), sorted.end());
    };
    v.routeNames = collect(seenRoutes, names.routes);
    v.tierNames = collect(seenTiers, names.tiers);
    v.keyNames = collect(seenKeys, names.keys);
    return v;
}

} // namespace tollgate::server
