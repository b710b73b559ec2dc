#include "ui/metrics/metricscharts.h"

#include "ui/charts/chartcolors.h"
#include "ui/charts/histogramchart.h"
#include "ui/charts/latencybins.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/document/workspacedocument.h"
#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/tierlines.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLineSeries>
#include <QSet>
#include <QSignalBlocker>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tollgate::ui {

namespace {

constexpr int kHistogramBins = 30;

const QColor kRateColor = chartcolors::kRate;
const QColor kP50Color = chartcolors::kP50;
const QColor kP95Color = chartcolors::kPMiddle;
const QColor kP99Color = chartcolors::kP99;
const QColor k4xxColor = chartcolors::k4xx;
const QColor k5xxColor = chartcolors::k5xx;
const QColor kAllColor = chartcolors::kNeutral;

// The ids of the view's tiers; with `tokens`, only of those that counted
// tokens in the window (a tier of request-priced calls only would draw a
// flat line at 0).
QSet<QString> tierIds(const server::MetricsView& view, bool tokens)
{
    QSet<QString> ids;
    for (const server::TierSeries& ts : view.tiers) {
        if (!tokens || TokenSeries::hasTokens(ts.points))
            ids.insert(toQt(ts.tier));
    }
    return ids;
}

// The lowest and highest y of points, widening [*lo, *hi].
void widen(const QList<QPointF>& points, double* lo, double* hi)
{
    for (const QPointF& p : points) {
        *lo = std::min(*lo, p.y());
        *hi = std::max(*hi, p.y());
    }
}

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
    m_moneyTiers = std::make_unique<TierLines>(m_moneyChart, document);
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

    // Made with the others (lines cannot be added once on screen) and shown
    // while the window has tokens.
    m_tokenRateChart = new TimeChart(this);
    m_tokenRateChart->setObjectName(QStringLiteral("tokenRateChart"));
    m_tokenRateChart->setTitle(tr("Tokens per second by tier"));
    m_tokenRateAllLine = m_tokenRateChart->addLine(tr("all tiers"), kAllColor, Qt::DashLine, 2.5);
    m_tokenRateTiers = std::make_unique<TierLines>(m_tokenRateChart, document);
    m_tokenRateChart->hide();

    m_tokenMoneyChart = new TimeChart(this);
    m_tokenMoneyChart->setObjectName(QStringLiteral("tokenMoneyChart"));
    m_tokenMoneyChart->setToolTip(
        tr("The money of a tier's requests in each step divided by their tokens (requests "
           "without tokens included): filter by a route to see that route alone"));
    m_tokenMoneyAllLine = m_tokenMoneyChart->addLine(tr("all tiers"), kAllColor, Qt::DashLine, 2.5);
    m_tokenMoneyTiers = std::make_unique<TierLines>(m_tokenMoneyChart, document);
    m_tokenMoneyCombo = new QComboBox;
    m_tokenMoneyCombo->setObjectName(QStringLiteral("tokenMoneyCombo"));
    m_tokenMoneyCombo->addItem(tr("Cost"), int(TokenSeries::Money::Cost));
    m_tokenMoneyCombo->addItem(tr("Revenue"), int(TokenSeries::Money::Revenue));
    m_tokenMoneyCombo->addItem(tr("Margin"), int(TokenSeries::Money::Margin));
    m_tokenMoneyCombo->setToolTip(tr("What the chart shows per 1,000 tokens, by tier"));
    connect(m_tokenMoneyCombo, &QComboBox::activated, this, [this](int index) {
        Q_EMIT tokenMoneyChosen(TokenSeries::Money(m_tokenMoneyCombo->itemData(index).toInt()));
    });
    m_tokenMoneyChart->setCornerWidget(m_tokenMoneyCombo);
    setTokenMoney(TokenSeries::Money::Cost);
    m_tokenMoneyChart->hide();

    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(8, 0, 8, 0);
    m_grid->setSpacing(6);
    m_grid->addWidget(m_rateChart, 0, 0);
    m_grid->addWidget(m_latencyChart, 0, 1);
    m_grid->addWidget(m_errorChart, 0, 2);
    m_grid->addWidget(m_moneyChart, 1, 0);
    m_grid->addWidget(m_histogram, 1, 1);
    m_grid->addWidget(m_tokenRateChart, 2, 0);
    m_grid->addWidget(m_tokenMoneyChart, 2, 1);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, 1);
}

MetricsCharts::~MetricsCharts() = default;

void MetricsCharts::addCard(QWidget* card)
{
    m_card = card;
    m_grid->addWidget(card, 1, 2, m_tokensShown ? 2 : 1, 1);
}

void MetricsCharts::showTokenCharts(bool show)
{
    if (show == m_tokensShown)
        return;
    m_tokensShown = show;
    m_tokenRateChart->setVisible(show);
    m_tokenMoneyChart->setVisible(show);
    // The card is a table: it takes the height of both rows rather than
    // leave the cell beside the token charts empty.
    if (m_card) {
        m_grid->removeWidget(m_card);
        m_grid->addWidget(m_card, 1, 2, show ? 2 : 1, 1);
    }
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

void MetricsCharts::setTokenMoney(TokenSeries::Money money)
{
    m_tokenMoney = money;
    {
        const QSignalBlocker blocker(m_tokenMoneyCombo);
        m_tokenMoneyCombo->setCurrentIndex(m_tokenMoneyCombo->findData(int(money)));
    }
    const QString title = money == TokenSeries::Money::Revenue
        ? tr("Revenue per 1,000 tokens by tier (USD)")
        : money == TokenSeries::Money::Margin ? tr("Margin per 1,000 tokens by tier (USD)")
                                              : tr("Cost per 1,000 tokens by tier (USD)");
    m_tokenMoneyChart->setTitle(title);
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
    updateTokenCharts(view);
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
    // Lines of tiers gone from the window are free again.
    m_moneyTiers->keepOnly(tierIds(view, false));
    for (const server::TierSeries& ts : view.tiers) {
        QLineSeries* line = m_moneyTiers->line(ts.tier);
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

void MetricsCharts::updateTokenCharts(const server::MetricsView& view)
{
    // The series is what the filter lets through: no tokens there, no charts.
    showTokenCharts(TokenSeries::hasTokens(view.series));
    if (!m_tokensShown)
        return;
    m_tokenRateChart->setTimeRange(view.from, view.to);
    m_tokenMoneyChart->setTimeRange(view.from, view.to);
    const QSet<QString> ids = tierIds(view, true);
    m_tokenRateTiers->keepOnly(ids);
    m_tokenMoneyTiers->keepOnly(ids);
    double maxRate = 0;
    double lo = 0;
    double hi = 0;
    double unused = 0;
    for (const server::TierSeries& ts : view.tiers) {
        if (!ids.contains(toQt(ts.tier)))
            continue;
        if (QLineSeries* line = m_tokenRateTiers->line(ts.tier)) {
            const QList<QPointF> points = TokenSeries::rate(ts.points, view.step);
            widen(points, &unused, &maxRate);
            line->replace(points);
        }
        if (QLineSeries* line = m_tokenMoneyTiers->line(ts.tier)) {
            const QList<QPointF> points = TokenSeries::per1k(ts.points, m_tokenMoney);
            widen(points, &lo, &hi);
            line->replace(points);
        }
    }
    // Every tier together, from the filtered series.
    const QList<QPointF> rate = TokenSeries::rate(view.series, view.step);
    widen(rate, &unused, &maxRate);
    m_tokenRateAllLine->replace(rate);
    const QList<QPointF> money = TokenSeries::per1k(view.series, m_tokenMoney);
    widen(money, &lo, &hi);
    m_tokenMoneyAllLine->replace(money);
    m_tokenRateChart->fitValues(0, std::max(maxRate, 1.0));
    if (hi == lo)
        hi = lo + 0.001;
    m_tokenMoneyChart->fitValues(lo, hi, QStringLiteral("$"));
}

} // namespace tollgate::ui
