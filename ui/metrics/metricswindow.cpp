#include "ui/metrics/metricswindow.h"

#include <QLocale>

#include <array>

namespace tollgate::ui {

namespace {

constexpr std::int64_t kLiveSeconds = 300;
// Historical windows get at most this many points.
constexpr std::int64_t kMaxPoints = 600;

std::int64_t floorTo(std::int64_t t, std::int64_t step)
{
    const std::int64_t r = t % step;
    return r < 0 ? t - r - step : t - r;
}

std::int64_t ceilTo(std::int64_t t, std::int64_t step)
{
    const std::int64_t f = floorTo(t, step);
    return f == t ? t : f + step;
}

// Seconds per point so a span has at most kMaxPoints; whole minutes from a
// minute up (minute rollups are what long windows read).
std::int64_t stepFor(std::int64_t span)
{
    static constexpr std::array<std::int64_t, 19> kSteps { 1, 2, 5, 10, 15, 30, 60, 120, 180, 300,
        600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };
    const std::int64_t least = (span + kMaxPoints - 1) / kMaxPoints;
    for (std::int64_t s : kSteps) {
        if (s >= least)
            return s;
    }
    return ceilTo(least, 86400);
}

} // namespace

void MetricsWindow::setKind(Kind kind)
{
    m_kind = kind;
    if (kind == CustomWindow && (!m_customFrom.isValid() || !m_customTo.isValid())) {
        const QDateTime now = QDateTime::currentDateTime();
        m_customTo = now;
        m_customFrom = now.addSecs(-3 * 3600);
    }
}

void MetricsWindow::setCustomRange(const QDateTime& from, const QDateTime& to)
{
    m_customFrom = from;
    m_customTo = to;
}

MetricsWindow::Range MetricsWindow::range(std::int64_t now) const
{
    Range r;
    switch (m_kind) {
    case LiveWindow:
    case LiveMinuteWindow:
        // The newest point is the second in progress.
        r.step = 1;
        r.to = now + 1;
        r.from = r.to - (m_kind == LiveWindow ? kLiveSeconds : 60);
        return r;
    case HourWindow:
        r.step = stepFor(3600);
        r.to = ceilTo(now + 1, r.step);
        r.from = r.to - 3600;
        return r;
    case DayWindow:
        r.step = stepFor(86400);
        r.to = ceilTo(now + 1, r.step);
        r.from = r.to - 86400;
        return r;
    case CustomWindow: {
        const std::int64_t f
            = m_customFrom.isValid() ? m_customFrom.toSecsSinceEpoch() : now - 3 * 3600;
        std::int64_t t = m_customTo.isValid() ? m_customTo.toSecsSinceEpoch() : now;
        if (t <= f)
            t = f + 60;
        r.step = stepFor(t - f);
        r.from = floorTo(f, r.step);
        r.to = ceilTo(t, r.step);
        return r;
    }
    }
    return r;
}

QString MetricsWindow::describe(const server::MetricsView& view) const
{
    const QLocale locale;
    QString steps;
    if (view.step >= 60)
        steps = tr("%n-minute steps", nullptr, int(view.step / 60));
    else
        steps = tr("%n-second steps", nullptr, int(view.step));
    switch (m_kind) {
    case LiveWindow:
        return tr("Live, last 5 minutes");
    case LiveMinuteWindow:
        return tr("Live, last minute");
    case HourWindow:
        return tr("Last hour, %1").arg(steps);
    case DayWindow:
        return tr("Last 24 hours, %1").arg(steps);
    case CustomWindow:
        return tr("%1 to %2, %3")
            .arg(locale.toString(QDateTime::fromSecsSinceEpoch(view.from), QLocale::ShortFormat),
                locale.toString(QDateTime::fromSecsSinceEpoch(view.to), QLocale::ShortFormat),
                steps);
    }
    return {};
}

} // namespace tollgate::ui
