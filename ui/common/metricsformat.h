#pragma once

// How the Metrics panel writes its numbers, shared by its models so the
// route table, the series and the CSV agree. Latencies arrive in µs and are
// shown in ms; money arrives in micro-dollars and is shown through Money.

#include "server/metering/metricsview.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <cmath>
#include <cstdint>
#include <limits>

namespace tollgate::ui {

class MetricsFormat {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::MetricsFormat)

public:
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    static double ms(std::uint64_t micros) { return double(micros) / 1000.0; }
    /// part / whole in percent; NaN when whole is 0 (nothing to divide).
    static double percent(std::uint64_t part, std::uint64_t whole)
    {
        return whole == 0 ? kNaN : 100.0 * double(part) / double(whole);
    }
    /// micros / count; NaN when count is 0.
    static double perRequest(std::int64_t micros, std::uint64_t count)
    {
        return count == 0 ? kNaN : double(micros) / double(count);
    }

    /// The per-request numbers both the series and the route table show, in
    /// their column order (each model's P50Column onwards).
    enum class Measure { P50, P95, P99, ClientErrors, ServerErrors, Cost, Revenue, Margin };
    /// One measure of a MetricsPoint or RouteSummary (anything with count,
    /// counts, p50/p95/p99, costMicros and revenueMicros): ms, %, µ$ per
    /// request; NaN where there were no requests.
    template <class Row> static double measure(Measure m, const Row& r)
    {
        const bool any = r.count > 0;
        switch (m) {
        case Measure::P50:
            return any ? ms(r.p50) : kNaN;
        case Measure::P95:
            return any ? ms(r.p95) : kNaN;
        case Measure::P99:
            return any ? ms(r.p99) : kNaN;
        case Measure::ClientErrors:
            return percent(r.counts[server::Status4xx], r.count);
        case Measure::ServerErrors:
            return percent(r.counts[server::Status5xx], r.count);
        case Measure::Cost:
            return perRequest(r.costMicros, r.count);
        case Measure::Revenue:
            return perRequest(r.revenueMicros, r.count);
        case Measure::Margin:
            return perRequest(r.revenueMicros - r.costMicros, r.count);
        }
        return kNaN;
    }

    /// A measure() value as the tables show it: latency, percent or money.
    static QString measureText(Measure m, double value, const QLocale& locale = QLocale())
    {
        switch (m) {
        case Measure::P50:
        case Measure::P95:
        case Measure::P99:
            return latency(value, locale);
        case Measure::ClientErrors:
        case Measure::ServerErrors:
            return percentText(value, locale);
        case Measure::Cost:
        case Measure::Revenue:
        case Measure::Margin:
            break;
        }
        return money(value, locale);
    }

    /// "0.42 ms", "12.3 ms", "250 ms", "1.25 s"; "–" for NaN.
    static QString latency(double ms, const QLocale& locale = QLocale());
    /// "4.2 %", "100 %", "0 %"; "–" for NaN.
    static QString percentText(double percent, const QLocale& locale = QLocale());
    /// "12.5", "0.03", "1,204".
    static QString rate(double perSecond, const QLocale& locale = QLocale());
    /// Money::format of micro-dollars rounded to whole µ$; "–" for NaN.
    static QString money(double micros, const QLocale& locale = QLocale());
    /// "45 s", "12 min", "3 h 20 min", "4 d 6 h".
    static QString duration(double seconds, const QLocale& locale = QLocale());
    /// The name a dimension shows: kNoneDimension becomes noneText.
    static QString dimension(const std::string& name, const QString& noneText);

    /// A number for CSV: fixed notation with `decimals` digits and '.' as
    /// the decimal point whatever the locale; empty for NaN.
    static QString csvNumber(double value, int decimals);
    /// A CSV field, quoted when it holds a comma, quote or line break.
    static QString csvField(const QString& text);
};

} // namespace tollgate::ui
