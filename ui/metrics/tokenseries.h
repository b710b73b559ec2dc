#pragma once

#include "server/metering/metricsview.h"

#include <QList>
#include <QPointF>

#include <cstdint>
#include <vector>

namespace tollgate::ui {

/// What the Metrics page charts about tokens (routes that count them, see
/// TokenCounting), from the points of a view: the filtered series or one
/// tier's. Points are (ms since the epoch, value), as TimeChart takes them.
class TokenSeries {
public:
    /// The money a per-token figure divides.
    enum class Money { Cost, Revenue, Margin };

    /// Input plus output tokens of a point.
    static std::uint64_t tokens(const server::MetricsPoint& p) { return p.tokensIn + p.tokensOut; }
    /// True when any point counted tokens: the token charts have something
    /// to draw.
    static bool hasTokens(const std::vector<server::MetricsPoint>& points);

    /// Input plus output tokens per second of each step (`step` seconds
    /// long), steps without tokens included at 0.
    static QList<QPointF> rate(const std::vector<server::MetricsPoint>& points, std::int64_t step);
    /// USD per 1,000 tokens of each step that counted tokens. Steps without
    /// tokens have no such figure and are left out, not drawn at 0.
    static QList<QPointF> per1k(const std::vector<server::MetricsPoint>& points, Money money);
    /// money × 1000 / tokens of one point in USD; NaN without tokens.
    static double per1kUsd(const server::MetricsPoint& p, Money money);
};

} // namespace tollgate::ui
