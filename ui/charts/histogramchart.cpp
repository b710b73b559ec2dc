#include "ui/charts/histogramchart.h"

#include "ui/common/appearance.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

namespace tollgate::ui {

namespace {

// Labelled edges under the bars: enough to read the scale, few enough to
// never collide.
constexpr int kMaxEdgeLabels = 7;

} // namespace

HistogramChart::HistogramChart(QWidget* parent)
    : ChartView(parent)
    , m_series(new QBarSeries(this))
    , m_set(new QBarSet(tr("Requests")))
    , m_x(new QCategoryAxis(this))
    , m_y(new QValueAxis(this))
{
    m_series->append(m_set); // takes ownership
    m_series->setBarWidth(0.92);
    chart()->addSeries(m_series);
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setTitleText(tr("ms"));
    m_x->setRange(-0.5, 0.5);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setRange(0, 4);
    chart()->legend()->hide();
    // Room for the label under the right edge of the last bar.
    chart()->setMargins(QMargins(4, 2, 16, 2));
    applyPalette();
}

void HistogramChart::applyPalette()
{
    ChartView::applyPalette();
    const QColor bar(0x3d, 0xae, 0xe9);
    m_set->setColor(bar);
    m_set->setBorderColor(bar.darker(isDarkPalette(palette()) ? 80 : 120));
}

QStringList HistogramChart::edgeLabels() const
{
    return m_x->categoriesLabels();
}

void HistogramChart::setEdges()
{
    for (const QString& label : m_x->categoriesLabels())
        m_x->remove(label);
    const int n = int(m_bins.size());
    m_x->setRange(-0.5, std::max(0.5, n - 0.5));
    m_x->setStartValue(-0.5);
    if (n == 0)
        return;
    const QStringList labels = latencyBinLabels(m_bins);
    // Every k-th edge, the first bar's lower edge and the last one's upper.
    const int k = std::max(1, (n + kMaxEdgeLabels - 2) / (kMaxEdgeLabels - 1));
    for (int i = 0; i < n; i += k)
        m_x->append(labels[i], i - 0.5);
    // The last bar's upper edge closes the scale unless a label sits close by.
    if ((n - 1) % k >= k / 2 || n == 1) {
        const std::vector<LatencyBin> upper { { m_bins.back().upperUs, m_bins.back().upperUs, 0 } };
        const QString label = latencyBinLabels(upper).value(0);
        if (!m_x->categoriesLabels().contains(label))
            m_x->append(label, n - 0.5);
    }
}

void HistogramChart::setBins(const std::vector<LatencyBin>& bins)
{
    if (bins == m_bins)
        return;
    const bool sameEdges = bins.size() == m_bins.size()
        && std::equal(bins.begin(), bins.end(), m_bins.begin(), [](const auto& a, const auto& b) {
               return a.lowerUs == b.lowerUs && a.upperUs == b.upperUs;
           });
    m_bins = bins;
    if (!sameEdges)
        setEdges();
    QList<qreal> values;
    values.reserve(qsizetype(bins.size()));
    double max = 0;
    for (const LatencyBin& b : bins) {
        values << qreal(b.count);
        max = std::max(max, double(b.count));
    }
    if (sameEdges && m_set->count() == values.size()) {
        // In place: removing and appending rebuilds every bar item.
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (m_set->at(i) != values[i])
                m_set->replace(i, values[i]);
        }
    } else {
        if (m_set->count() > 0)
            m_set->remove(0, m_set->count());
        m_set->append(values);
    }
    if (max != m_max) {
        m_max = max;
        double lo = 0;
        // Counts are whole: at least four units so ticks never repeat a label.
        double hi = std::max(4.0, max);
        int decimals = 0;
        const int ticks = niceRange(&lo, &hi, &decimals);
        m_y->setRange(lo, hi);
        m_y->setTickCount(ticks);
    }
}

} // namespace tollgate::ui
