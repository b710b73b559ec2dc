#pragma once

#include "server/metering/metricsview.h"
#include "ui/metrics/tokenseries.h"

#include <QString>
#include <QWidget>

#include <memory>

class QComboBox;
class QGridLayout;
class QLineSeries;

namespace tollgate::ui {

class HistogramChart;
class MetricsSeriesModel;
class TierLines;
class TimeChart;
class WorkspaceDocument;

/// The charts of the Metrics page, in a grid: requests per second, latency
/// percentiles and error rates over the window, money per request by tier,
/// the window's latency histogram, and a card beside it (the key burn
/// table). While the window has tokens (routes that count them), a row
/// more: tokens per second and money per 1,000 tokens by tier, the card
/// spanning both lower rows. The lines are made once and updated in place
/// (replace()). The series model is what they draw; the per-tier lines come
/// from the view.
class MetricsCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsCharts)

public:
    /// What the money chart shows per request, by tier.
    enum MoneyMeasure { MarginMeasure, RevenueMeasure, CostMeasure };

    MetricsCharts(const MetricsSeriesModel* series, const WorkspaceDocument* document,
        QWidget* parent = nullptr);
    ~MetricsCharts() override;

    /// Puts the card in the grid's last cell, beside the histogram.
    void addCard(QWidget* card);

    /// Shows the measure in the picker and the title; the lines follow with
    /// the next updateMoneyChart().
    void setMoneyMeasure(MoneyMeasure measure);
    /// The same for the money per 1,000 tokens chart (cost at first) and
    /// updateTokenCharts().
    void setTokenMoney(TokenSeries::Money money);
    /// True while the token charts are shown (the window has tokens).
    bool showsTokenCharts() const { return m_tokensShown; }

    /// The requests chart.
    void updateRateChart(const server::MetricsView& view);
    /// The latency and error charts.
    void updateLatencyCharts(const server::MetricsView& view);
    /// The money chart, the latency histogram and, while the window has
    /// tokens, the token charts.
    void updateDetailCharts(const server::MetricsView& view);
    void updateMoneyChart(const server::MetricsView& view);
    /// Shows or hides the token charts as the view has tokens or not, and
    /// draws them when shown.
    void updateTokenCharts(const server::MetricsView& view);

Q_SIGNALS:
    /// Picked in the money chart's corner.
    void moneyMeasureChosen(tollgate::ui::MetricsCharts::MoneyMeasure measure);
    /// Picked in the money per 1,000 tokens chart's corner.
    void tokenMoneyChosen(tollgate::ui::TokenSeries::Money money);

private:
    enum ChartGroup { RateCharts = 1, LatencyCharts = 2 };
    void updateCharts(const server::MetricsView& view, int groups);
    void showTokenCharts(bool show);

    const MetricsSeriesModel* m_series;
    const WorkspaceDocument* m_document;
    MoneyMeasure m_measure = MarginMeasure;
    TokenSeries::Money m_tokenMoney = TokenSeries::Money::Cost;
    bool m_tokensShown = false;
    QGridLayout* m_grid = nullptr;
    QWidget* m_card = nullptr;

    TimeChart* m_rateChart = nullptr;
    TimeChart* m_latencyChart = nullptr;
    TimeChart* m_errorChart = nullptr;
    TimeChart* m_moneyChart = nullptr;
    TimeChart* m_tokenRateChart = nullptr;
    TimeChart* m_tokenMoneyChart = nullptr;
    HistogramChart* m_histogram = nullptr;
    QComboBox* m_measureCombo = nullptr;
    QComboBox* m_tokenMoneyCombo = nullptr;
    QLineSeries* m_rateLine = nullptr;
    QLineSeries* m_p50Line = nullptr;
    QLineSeries* m_p95Line = nullptr;
    QLineSeries* m_p99Line = nullptr;
    QLineSeries* m_4xxLine = nullptr;
    QLineSeries* m_5xxLine = nullptr;
    QLineSeries* m_moneyAllLine = nullptr;
    QLineSeries* m_tokenRateAllLine = nullptr;
    QLineSeries* m_tokenMoneyAllLine = nullptr;
    std::unique_ptr<TierLines> m_moneyTiers;
    std::unique_ptr<TierLines> m_tokenRateTiers;
    std::unique_ptr<TierLines> m_tokenMoneyTiers;
};

} // namespace tollgate::ui
