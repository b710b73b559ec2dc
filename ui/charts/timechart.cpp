#include "ui/charts/timechart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QResizeEvent>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

TimeChart::TimeChart(QWidget* parent, Scale scale)
    : ChartView(parent)
    , m_x(new QDateTimeAxis(this))
{
    m_x->setTickCount(6);
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    chart()->addAxis(m_x, Qt::AlignBottom);
    if (scale == Logarithmic) {
        m_logY = new QLogValueAxis(this);
        m_logY->setBase(10);
        m_logY->setRange(0.1, 10);
        // Qt 6.4 draws no labels on a log axis with localised numbers and
        // %g; this axis shows decades, where the C form reads fine.
        m_logY->setLabelFormat(QStringLiteral("%g"));
        chart()->setLocalizeNumbers(false);
        m_logY->setMinorTickCount(0);
        chart()->addAxis(m_logY, Qt::AlignLeft);
        connect(chart(), &QChart::plotAreaChanged, this, &TimeChart::fitLogBase);
    } else {
        m_y = new QValueAxis(this);
        m_y->setTickCount(5);
        m_y->setRange(0, 1);
        m_y->setLabelFormat(QStringLiteral("%.0f"));
        chart()->addAxis(m_y, Qt::AlignLeft);
    }
    applyPalette();
}

QAbstractAxis* TimeChart::valueAxis() const
{
    return m_logY ? static_cast<QAbstractAxis*>(m_logY) : m_y;
}

QLineSeries* TimeChart::addLine(
    const QString& name, const QColor& color, Qt::PenStyle style, qreal width)
{
    auto* series = new QLineSeries(this);
    series->setName(name);
    QPen pen(color, width);
    pen.setStyle(style);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    series->setPen(pen);
    chart()->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(valueAxis());
    return series;
}

void TimeChart::resizeEvent(QResizeEvent* event)
{
    ChartView::resizeEvent(event);
    // A time label ("10:04:31") needs about 70 px; fewer ticks on a narrow
    // chart than labels that collide or get cut.
    const int ticks = std::clamp(width() / 95, 3, 7);
    if (ticks != m_x->tickCount())
        m_x->setTickCount(ticks);
}

void TimeChart::setTimeRange(std::int64_t from, std::int64_t to)
{
    if (from == m_from && to == m_to)
        return;
    const std::int64_t span = to - from;
    const QString format = span <= 15 * 60 ? QStringLiteral("HH:mm:ss")
        : span <= 36 * 3600                ? QStringLiteral("HH:mm")
                                           : QStringLiteral("dd.MM. HH:mm");
    if (format != m_x->format())
        m_x->setFormat(format);
    m_x->setRange(QDateTime::fromSecsSinceEpoch(from), QDateTime::fromSecsSinceEpoch(to));
    m_from = from;
    m_to = to;
}

void TimeChart::fitLogBase()
{
    if (!m_logY || m_max <= m_min)
        return;
    // Qt Charts cuts every label to "..." once a label's share of the axis
    // is shorter than its text: a short chart (the Metrics page with its
    // token row) over five decades of latency. Every other decade then,
    // which still reads.
    const double labels = std::round(std::log10(m_max / m_min)) + 1;
    const double room = chart()->plotArea().height() / labels;
    const double base = room < QFontMetricsF(m_logY->labelsFont()).height() + 6 ? 100 : 10;
    if (m_logY->base() != base)
        m_logY->setBase(base);
}

void TimeChart::fitValues(double min, double max, const QString& prefix)
{
    if (m_logY) {
        min = std::max(min, kLogFloor);
        max = std::max(max, min);
        const double lo = std::pow(10.0, std::floor(std::log10(min)));
        double hi = std::pow(10.0, std::ceil(std::log10(max)));
        if (hi <= lo)
            hi = lo * 10;
        if (lo == m_min && hi == m_max)
            return;
        m_min = lo;
        m_max = hi;
        // A hair below the decade: Qt rounds log10(0.1) up and drops its label.
        m_logY->setRange(lo * 0.999, hi);
        fitLogBase();
        return;
    }
    // Keep the scale while the data still fills at least half of it: a
    // rescale lays the axis and every line out again, and a scale that
    // jitters with each second is harder to read anyway.
    if (m_max > m_min && min >= m_min && max <= m_max && max >= m_min + (m_max - m_min) / 2
        && prefix + QStringLiteral("%") == m_labelFormat.left(prefix.size() + 1))
        return;
    int decimals = 0;
    const int ticks = niceRange(&min, &max, &decimals);
    const QString format
        = prefix + QStringLiteral("%.") + QString::number(decimals) + QLatin1Char('f');
    if (min == m_min && max == m_max && format == m_labelFormat)
        return;
    m_min = min;
    m_max = max;
    m_labelFormat = format;
    // Format and ticks before the range: a range change lays the axis out
    // at once, with the labels it has then; the other way round the new,
    // wider labels would be cut to "...".
    m_y->setLabelFormat(format);
    m_y->setTickCount(ticks);
    m_y->setRange(min, max);
}

} // namespace tollgate::ui
