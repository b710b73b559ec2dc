#pragma once

#include "ui/common/metricsformat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QVariant>

#include <cstdint>

namespace tollgate::ui {

/// The columns the Metrics page's series and route table share after their
/// first one (the time, the route): requests, rate and the per-request
/// measures. Defined once so both tables and both CSV files agree column for
/// column. A row is a MetricsPoint or a RouteSummary (anything with count,
/// counts, p50/p95/p99, costMicros and revenueMicros).
class MetricColumns {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::MetricColumns)

public:
    /// In table order, from each model's second column on.
    enum Column {
        Requests,
        Rate, ///< requests per second
        P50, ///< ms
        P95,
        P99,
        ClientErrors, ///< 4xx in % of the requests
        ServerErrors, ///< 5xx in %
        Cost, ///< micro-dollars per request
        Revenue,
        Margin,
        Count
    };

    /// The raw value of a column (requests, requests per second over
    /// `seconds`, ms, %, µ$ per request); NaN where undefined.
    template <class Row> static double value(const Row& row, int column, double seconds)
    {
        if (column >= P50 && column <= Margin)
            return MetricsFormat::measure(MetricsFormat::Measure(column - P50), row);
        switch (column) {
        case Requests:
            return double(row.count);
        case Rate:
            return double(row.count) / seconds;
        default:
            return MetricsFormat::kNaN;
        }
    }

    /// A column's title; narrow: the short form of the route table.
    static QString title(int column, bool narrow);

    /// A column as the tables show it; value is value() of the same column.
    static QVariant text(int column, std::uint64_t requests, double value, const QLocale& locale);

    /// The CSV header line: the first column's name, then the shared ones.
    static QString csvHeader(const QString& first);
    /// The CSV fields of a row after its first, each after a comma: latency
    /// in ms, rates in %, money in USD per request.
    template <class Row> static QString csvFields(const Row& row, double seconds)
    {
        QString fields = QLatin1Char(',') + QString::number(qulonglong(row.count));
        for (int c = Rate; c < Count; ++c)
            fields += QLatin1Char(',') + csvNumber(c, value(row, c, seconds));
        return fields;
    }

private:
    /// value() of a column as a CSV number, in the CSV's units.
    static QString csvNumber(int column, double value);
};

} // namespace tollgate::ui
