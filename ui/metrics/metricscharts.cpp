#include "ui/metrics/metricscharts.h"

#include "ui/charts/chartcolors.h"
#include "ui/charts/histogramchart.h"
#include "ui/charts/latencybins.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/document/workspacedocument.h"
#include "ui/metrics/metricsseriesmodel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QPen>
#include <QSet>
#include <QSignalBlocker>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tollgate::ui {

namespace {

constexpr int kHistogramBins = 30;
// Tiers charted at once; a workspace with more shows the first ones.
constexpr int kMaxTierLines = 8;

const QColor kRateColor = chartcolors::kRate;
const QColor kP50Color = chartcolors::kP50;
const QColor kP95Color = chartcolors::kPMiddle;
const QColor kP99Color = chartcolors::kP99;
const QColor k4xxColor = chartcolors::k4xx;
const QColor k5xxColor = chartcolors::k5xx;
const QColor kAllColor = chartcolors::kNeutral;
const QColor kNoTierColor(0xb0, 0x8f, 0x6a);
const std::array<QColor, 6> kTierColors { QColor(0x8e, 0x44, 0xad), QColor(0x29, 0x80, 0xb9),
    QColor(0x16, 0xa0, 0x85), QColor(0xe6, 0x7e, 0x22), QColor(0xe9, 0x1e, 0x63),
    QColor(0x7f, 0x8c, 0x8d) };

} // namespace

MetricsCharts::MetricsCharts(
    const MetricsSeriesModel* series, const WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_series(series)
    , m_document(document)
{
    setObjectName(QStringLiteral("metricsCharts"));

    m_rateChart = new TimeChart(this);
    m_rateChart->setObjectName(QStringLiteral("requestsChart"));
    m_rateChart->setTitle(tr("Requests per second"));
    m_rateLine = m_rateChart->addLine(tr("requests/s"), kRateColor);
    m_rateChart->chart()->legend()->hide();

    // Latencies of a mock span microseconds to seconds: a log scale keeps
    // a fast p50 visible next to a slow p99.
    m_latencyChart = new TimeChart(this, TimeChart::Logarithmic);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    m_latencyChart->setTitle(tr("Latency (ms, log scale)"));
    m_p50Line = m_latencyChart->addLine(tr("p50"), kP50Color);
    m_p95Line = m_latencyChart->addLine(tr("p95"), kP95Color);
    m_p99Line = m_latencyChart->addLine(tr("p99"), kP99Color);

    m_errorChart = new TimeChart(this);
    m_errorChart->setObjectName(QStringLiteral("errorChart"));
    m_errorChart->setTitle(tr("Error rate (% of requests)"));
    m_4xxLine = m_errorChart->addLine(tr("4xx"), k4xxColor);
    m_5xxLine = m_errorChart->addLine(tr("5xx"), k5xxColor);

    m_moneyChart = new TimeChart(this);
    m_moneyChart->setObjectName(QStringLiteral("moneyChart"));
    m_moneyAllLine = m_moneyChart->addLine(tr("all tiers"), kAllColor, Qt::DashLine, 2.5);
    for (int i = 0; i < kMaxTierLines; ++i) {
        QLineSeries* line = m_moneyChart->addLine(QString(), kNoTierColor);
        line->setVisible(false);
        m_tierLines << line;
    }
    m_measureCombo = new QComboBox;
    m_measureCombo->setObjectName(QStringLiteral("moneyMeasureCombo"));
    m_measureCombo->addItem(tr("Margin"), int(MarginMeasure));
    m_measureCombo->addItem(tr("Revenue"), int(RevenueMeasure));
    m_measureCombo->addItem(tr("Cost"), int(CostMeasure));
    m_measureCombo->setToolTip(tr("What the chart shows per request, by tier"));
    connect(m_measureCombo, &QComboBox::activated, this, [this](int index) {
        Q_EMIT moneyMeasureChosen(MoneyMeasure(m_measureCombo->itemData(index).toInt()));
    });
    m_moneyChart->setCornerWidget(m_measureCombo);
    setMoneyMeasure(MarginMeasure);

    m_histogram = new HistogramChart(this);
    m_histogram->setObjectName(QStringLiteral("latencyHistogram"));
    m_histogram->setTitle(tr("Latency distribution of the window"));

    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(8, 0, 8, 0);
    m_grid->setSpacing(6);
    m_grid->addWidget(m_rateChart, 0, 0);
    m_grid->addWidget(m_latencyChart, 0, 1);
    m_grid->addWidget(m_errorChart, 0, 2);
    m_grid->addWidget(m_moneyChart, 1, 0);
    m_grid->addWidget(m_histogram, 1, 1);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, 1);
}

MetricsCharts::~MetricsCharts() = default;

void MetricsCharts::addCard(QWidget* card)
{
    m_grid->addWidget(card, 1, 2);
}

void MetricsCharts::setMoneyMeasure(MoneyMeasure measure)
{
    m_measure = measure;
    {
        const QSignalBlocker blocker(m_measureCombo);
        m_measureCombo->setCurrentIndex(m_measureCombo->findData(int(measure)));
    }
    const QString title = measure == RevenueMeasure ? tr("Revenue per request by tier (USD)")
        : measure == CostMeasure                    ? tr("Cost per request by tier (USD)")
                                                    : tr("Margin per request by tier (USD)");
    m_moneyChart->setTitle(title);
}

void MetricsCharts::updateRateChart(const server::MetricsView& view)
{
    updateCharts(view, RateCharts);
}

void MetricsCharts::updateLatencyCharts(const server::MetricsView& view)
{
    updateCharts(view, LatencyCharts);
}

void MetricsCharts::updateDetailCharts(const server::MetricsView& view)
{
    m_moneyChart->setTimeRange(view.from, view.to);
    updateMoneyChart(view);
    m_histogram->setBins(latencyBins(view.latency, kHistogramBins));
}

void MetricsCharts::updateCharts(const server::MetricsView& view, int groups)
{
    const bool rateGroup = groups & RateCharts;
    const bool latencyGroup = groups & LatencyCharts;
    if (rateGroup)
        m_rateChart->setTimeRange(view.from, view.to);
    if (latencyGroup) {
        m_latencyChart->setTimeRange(view.from, view.to);
        m_errorChart->setTimeRange(view.from, view.to);
    }

    const int rows = m_series->rowCount();
    QList<QPointF> rate, p50, p95, p99, c4xx, c5xx;
    rate.reserve(rows);
    for (QList<QPointF>* list : { &p50, &p95, &p99, &c4xx, &c5xx })
        list->reserve(rows);
    double maxRate = 0;
    double maxLatency = 0;
    double minLatency = std::numeric_limits<double>::infinity();
    double maxError = 0;
    for (int row = 0; row < rows; ++row) {
        const double t = m_series->value(row, MetricsSeriesModel::TimeColumn) * 1000.0;
        const double r = m_series->value(row, MetricsSeriesModel::RateColumn);
        rate << QPointF(t, r);
        maxRate = std::max(maxRate, r);
        if (m_series->points()[std::size_t(row)].count == 0)
            continue;
        // A log axis has no 0: a 0 µs sample is drawn at its floor.
        const double floor = TimeChart::kLogFloor;
        const double a = std::max(floor, m_series->value(row, MetricsSeriesModel::P50Column));
        const double b = std::max(floor, m_series->value(row, MetricsSeriesModel::P95Column));
        const double c = std::max(floor, m_series->value(row, MetricsSeriesModel::P99Column));
        minLatency = std::min(minLatency, a);
        p50 << QPointF(t, a);
        p95 << QPointF(t, b);
        p99 << QPointF(t, c);
        maxLatency = std::max({ maxLatency, a, b, c });
        const double e4 = m_series->value(row, MetricsSeriesModel::ClientErrorColumn);
        const double e5 = m_series->value(row, MetricsSeriesModel::ServerErrorColumn);
        c4xx << QPointF(t, e4);
        c5xx << QPointF(t, e5);
        maxError = std::max({ maxError, e4, e5 });
    }
    if (rateGroup) {
        m_rateLine->replace(rate);
        m_rateChart->fitValues(0, std::max(maxRate, 1.0));
    }
    if (!latencyGroup)
        return;
    m_p50Line->replace(p50);
    m_p95Line->replace(p95);
    m_p99Line->replace(p99);
    m_4xxLine->replace(c4xx);
    m_5xxLine->replace(c5xx);
    if (std::isinf(minLatency))
        m_latencyChart->fitValues(0.1, 10);
    else
        m_latencyChart->fitValues(minLatency, maxLatency);
    m_errorChart->fitValues(0, std::max(maxError, 5.0));
}

QLineSeries* MetricsCharts::takeTierLine(const std::string& tier, const QString& id)
{
    const auto free = std::find_if(m_tierLines.begin(), m_tierLines.end(),
        [](const QLineSeries* l) { return !l->isVisible(); });
    if (free == m_tierLines.end())
        return nullptr;
    QLineSeries* line = *free;
    QString name = MetricsFormat::dimension(tier, tr("no key"));
    QColor color = kNoTierColor;
    const std::vector<server::Tier>& tiers = m_document->tiers();
    const auto it = std::find_if(
        tiers.begin(), tiers.end(), [&](const server::Tier& t) { return t.id == tier; });
    if (it != tiers.end()) {
        if (!it->name.empty())
            name = toQt(it->name);
        color = kTierColors[std::size_t(it - tiers.begin()) % kTierColors.size()];
    } else if (!tier.empty() && tier != server::kNoneDimension) {
        color = kTierColors[qHash(id) % kTierColors.size()];
    }
    line->setName(name);
    QPen pen = line->pen();
    pen.setColor(color);
    line->setPen(pen);
    line->setVisible(true);
    m_lineOfTier.insert(id, line);
    return line;
}

void MetricsCharts::updateMoneyChart(const server::MetricsView& view)
{
    const auto measure = [this](const server::MetricsPoint& p) {
        const double n = double(p.count);
        switch (m_measure) {
        case RevenueMeasure:
            return double(p.revenueMicros) / n / 1e6;
        case CostMeasure:
            return double(p.costMicros) / n / 1e6;
        case MarginMeasure:
            break;
        }
        return double(p.revenueMicros - p.costMicros) / n / 1e6;
    };
    double lo = 0;
    double hi = 0;
    QSet<QString> seen;
    for (const server::TierSeries& ts : view.tiers)
        seen.insert(toQt(ts.tier));
    // Lines of tiers gone from the window are free again.
    for (auto it = m_lineOfTier.begin(); it != m_lineOfTier.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->setVisible(false);
        it.value()->clear();
        it = m_lineOfTier.erase(it);
    }
    for (const server::TierSeries& ts : view.tiers) {
        const QString id = toQt(ts.tier);
        QLineSeries* line = m_lineOfTier.value(id);
        if (!line)
            line = takeTierLine(ts.tier, id);
        if (!line)
            continue;
        QList<QPointF> points;
        points.reserve(qsizetype(ts.points.size()));
        for (const server::MetricsPoint& p : ts.points) {
            if (p.count == 0)
                continue;
            const double v = measure(p);
            points << QPointF(double(p.time) * 1000.0, v);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        line->replace(points);
    }
    // Every tier together, from the filtered series.
    QList<QPointF> all;
    all.reserve(m_series->rowCount());
    for (const server::MetricsPoint& p : m_series->points()) {
        if (p.count == 0)
            continue;
        const double v = measure(p);
        all << QPointF(double(p.time) * 1000.0, v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    m_moneyAllLine->replace(all);
    if (hi == lo)
        hi = lo + 0.001;
    m_moneyChart->fitValues(lo, hi, QStringLiteral("$"));
}

} // namespace tollgate::ui
