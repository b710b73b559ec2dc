#include "ui/charts/chartview.h"

#include "ui/common/appearance.h"

#include <QAbstractAxis>
#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

namespace {

constexpr int kCornerMargin = 6;
constexpr int kTicks = 5;

// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least x.
double niceCeil(double x)
{
    const double power = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (m * power >= x * (1 - 1e-12))
            return m * power;
    }
    return 10 * power;
}

} // namespace

ChartView::ChartView(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(260, 170);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setDropShadowEnabled(false);
    c->setBackgroundRoundness(4);
    c->setMargins(QMargins(4, 2, 4, 2));
    c->layout()->setContentsMargins(2, 2, 2, 2);
    c->setLocalizeNumbers(true);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
    applyPalette();
}

void ChartView::setTitle(const QString& title)
{
    chart()->setTitle(title);
}

void ChartView::setCornerWidget(QWidget* widget)
{
    m_corner = widget;
    widget->setParent(this);
    widget->show();
    placeCornerWidget();
}

void ChartView::placeCornerWidget()
{
    if (!m_corner)
        return;
    const QSize size = m_corner->sizeHint();
    m_corner->setGeometry(
        width() - size.width() - kCornerMargin, kCornerMargin - 2, size.width(), size.height());
    m_corner->raise();
}

void ChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    placeCornerWidget();
}

void ChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void ChartView::applyPalette()
{
    const QPalette p = palette();
    QChart* c = chart();
    setBackgroundBrush(p.color(QPalette::Window));
    c->setBackgroundBrush(p.color(QPalette::Base));
    QColor border = p.color(QPalette::Text);
    border.setAlpha(isDarkPalette(p) ? 40 : 28);
    c->setBackgroundPen(QPen(border, 1));
    c->setPlotAreaBackgroundVisible(false);
    c->setTitleBrush(p.color(QPalette::Text));
    QFont titleFont = font();
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    c->legend()->setLabelColor(p.color(QPalette::Text));
    c->legend()->setFont(small);
    for (QAbstractAxis* axis : c->axes())
        styleAxis(axis);
}

void ChartView::styleAxis(QAbstractAxis* axis) const
{
    const QPalette p = palette();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    axis->setLabelsFont(small);
    axis->setTitleFont(small);
    axis->setLabelsBrush(p.color(QPalette::Text));
    axis->setTitleBrush(p.color(QPalette::PlaceholderText));
    QColor grid = p.color(QPalette::Text);
    grid.setAlpha(isDarkPalette(p) ? 38 : 30);
    axis->setGridLineColor(grid);
    axis->setMinorGridLineVisible(false);
    QColor line = p.color(QPalette::Text);
    line.setAlpha(90);
    axis->setLinePenColor(line);
}

int ChartView::niceRange(double* min, double* max, int* decimals)
{
    double lo = std::min(*min, *max);
    double hi = std::max(*min, *max);
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo <= 0) {
        // A flat line still gets an axis around it.
        const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.5;
        hi = lo + pad;
        if (lo != 0 && lo > 0)
            lo = 0;
    }
    // Always kTicks ticks: a changing tick count makes Qt 6.4 add label items
    // that miss the axis font, and the labels get cut to "...".
    double step = niceCeil((hi - lo) / (kTicks - 1));
    double first = std::floor(lo / step + 1e-9) * step;
    while (first + (kTicks - 1) * step < hi - 1e-12 * std::abs(hi)) {
        step = niceCeil(step * 1.0001);
        first = std::floor(lo / step + 1e-9) * step;
    }
    lo = first;
    hi = first + (kTicks - 1) * step;
    *min = lo;
    *max = hi;
    // Digits a tick needs: none for 10^k with k >= 0, one more for 2.5 · 10^k.
    const double k = std::floor(std::log10(step) + 1e-9);
    const bool quarter = std::abs(step / std::pow(10.0, k) - 2.5) < 1e-9;
    *decimals = std::clamp(int(-k) + (quarter ? 1 : 0), 0, 8);
    return kTicks;
}

} // namespace tollgate::ui
