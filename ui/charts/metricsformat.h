#pragma once

// How the Metrics panel writes its numbers, shared by its models so the
// route table, the series and the CSV agree. Latencies arrive in µs and are
// shown in ms; money arrives in micro-dollars and is shown through Money.

#include "server/metricsview.h"

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
