#include "ui/metrics/metriccolumns.h"

namespace tollgate::ui {

QString MetricColumns::title(int column, bool narrow)
{
    switch (column) {
    case Requests:
        return tr("Requests");
    case Rate:
        return narrow ? tr("Req/s") : tr("Requests/s");
    case P50:
        return tr("p50");
    case P95:
        return tr("p95");
    case P99:
        return tr("p99");
    case ClientErrors:
        return tr("4xx");
    case ServerErrors:
        return tr("5xx");
    case Cost:
        return narrow ? tr("Cost/req") : tr("Cost/request");
    case Revenue:
        return narrow ? tr("Revenue/req") : tr("Revenue/request");
    case Margin:
        return narrow ? tr("Margin/req") : tr("Margin/request");
    default:
        return {};
    }
}

QVariant MetricColumns::text(int column, std::uint64_t requests, double value, const QLocale& locale)
{
    switch (column) {
    case Requests:
        return locale.toString(qulonglong(requests));
    case Rate:
        return MetricsFormat::rate(value, locale);
    default:
        if (column >= P50 && column <= Margin)
            return MetricsFormat::measureText(MetricsFormat::Measure(column - P50), value, locale);
        return {};
    }
}

QString MetricColumns::csvHeader(const QString& first)
{
    // Column names are for scripts, so they are not translated.
    return first
        + QStringLiteral(
            ",requests,requests_per_second,p50_ms,p95_ms,p99_ms,4xx_percent,5xx_percent,"
            "cost_per_request_usd,revenue_per_request_usd,margin_per_request_usd\n");
}

QString MetricColumns::csvNumber(int column, double value)
{
    if (column >= Cost)
        return MetricsFormat::csvNumber(value / 1e6, 8);
    if (column >= ClientErrors)
        return MetricsFormat::csvNumber(value, 2);
    return MetricsFormat::csvNumber(value, 3);
}

} // namespace tollgate::ui
