#include "ui/metrics/tokenseries.h"

#include "ui/common/metricsformat.h"

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

bool TokenSeries::hasTokens(const std::vector<server::MetricsPoint>& points)
{
    return std::any_of(
        points.begin(), points.end(), [](const server::MetricsPoint& p) { return tokens(p) > 0; });
}

QList<QPointF> TokenSeries::rate(const std::vector<server::MetricsPoint>& points, std::int64_t step)
{
    const double seconds = double(std::max<std::int64_t>(1, step));
    QList<QPointF> out;
    out.reserve(qsizetype(points.size()));
    for (const server::MetricsPoint& p : points)
        out << QPointF(double(p.time) * 1000.0, double(tokens(p)) / seconds);
    return out;
}

QList<QPointF> TokenSeries::per1k(const std::vector<server::MetricsPoint>& points, Money money)
{
    QList<QPointF> out;
    out.reserve(qsizetype(points.size()));
    for (const server::MetricsPoint& p : points) {
        const double usd = per1kUsd(p, money);
        if (!std::isnan(usd))
            out << QPointF(double(p.time) * 1000.0, usd);
    }
    return out;
}

double TokenSeries::per1kUsd(const server::MetricsPoint& p, Money money)
{
    const std::uint64_t n = tokens(p);
    if (n == 0)
        return MetricsFormat::kNaN;
    std::int64_t micros = p.revenueMicros - p.costMicros;
    if (money == Money::Cost)
        micros = p.costMicros;
    else if (money == Money::Revenue)
        micros = p.revenueMicros;
    return double(micros) * 1000.0 / double(n) / 1e6;
}

} // namespace tollgate::ui
