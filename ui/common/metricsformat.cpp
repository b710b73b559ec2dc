#include "ui/common/metricsformat.h"

#include "ui/common/convert.h"
#include "ui/common/money.h"

namespace tollgate::ui {

namespace {

const QString kMissing = QStringLiteral("–");

} // namespace

QString MetricsFormat::latency(double ms, const QLocale& locale)
{
    if (std::isnan(ms))
        return kMissing;
    if (ms >= 1000.0)
        return tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', ms >= 10'000.0 ? 1 : 2));
    const int decimals = ms < 10.0 ? 2 : ms < 100.0 ? 1 : 0;
    return tr("%1 ms").arg(locale.toString(ms, 'f', decimals));
}

QString MetricsFormat::percentText(double percent, const QLocale& locale)
{
    if (std::isnan(percent))
        return kMissing;
    // Whole numbers stay whole ("0 %", "100 %"); a rate below 10 % shows a
    // decimal so one error in 300 is not "0 %".
    const bool whole = percent == std::floor(percent);
    return tr("%1 %").arg(locale.toString(percent, 'f', whole ? 0 : percent < 10.0 ? 2 : 1));
}

QString MetricsFormat::rate(double perSecond, const QLocale& locale)
{
    if (std::isnan(perSecond))
        return kMissing;
    if (perSecond == 0.0)
        return QStringLiteral("0");
    const int decimals = perSecond < 1.0 ? 3 : perSecond < 100.0 ? 1 : 0;
    return locale.toString(perSecond, 'f', decimals);
}

QString MetricsFormat::money(double micros, const QLocale& locale)
{
    if (std::isnan(micros))
        return kMissing;
    return Money::format(std::llround(micros), locale);
}

QString MetricsFormat::duration(double seconds, const QLocale& locale)
{
    if (std::isnan(seconds) || seconds < 0)
        return kMissing;
    const auto s = std::int64_t(std::llround(seconds));
    if (s < 60)
        return tr("%1 s").arg(locale.toString(qlonglong(s)));
    if (s < 3600)
        return tr("%1 min").arg(locale.toString(qlonglong(s / 60)));
    if (s < 86400) {
        const std::int64_t minutes = (s % 3600) / 60;
        return minutes == 0
            ? tr("%1 h").arg(locale.toString(qlonglong(s / 3600)))
            : tr("%1 h %2 min")
                  .arg(locale.toString(qlonglong(s / 3600)), locale.toString(qlonglong(minutes)));
    }
    const std::int64_t hours = (s % 86400) / 3600;
    return hours == 0
        ? tr("%1 d").arg(locale.toString(qlonglong(s / 86400)))
        : tr("%1 d %2 h")
              .arg(locale.toString(qlonglong(s / 86400)), locale.toString(qlonglong(hours)));
}

QString MetricsFormat::dimension(const std::string& name, const QString& noneText)
{
    if (name.empty() || name == server::kNoneDimension)
        return noneText;
    return toQt(name);
}

QString MetricsFormat::csvNumber(double value, int decimals)
{
    if (std::isnan(value))
        return {};
    return QString::number(value, 'f', decimals);
}

QString MetricsFormat::csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace tollgate::ui
