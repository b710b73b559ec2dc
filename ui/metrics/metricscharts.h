#pragma once

#include "server/metering/metricsview.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

#include <string>

class QComboBox;
class QGridLayout;
class QLineSeries;

namespace tollgate::ui {

class HistogramChart;
class MetricsSeriesModel;
class TimeChart;
class WorkspaceDocument;

/// The charts of the Metrics page, in a grid: requests per second, latency
/// percentiles and error rates over the window, money per request by tier,
/// the window's latency histogram, and a card beside it (the key burn
/// table). The lines are made once and updated in place (replace()). The
/// series model is what they draw; the money chart's tiers come from the
/// view.
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

    /// The requests chart.
    void updateRateChart(const server::MetricsView& view);
    /// The latency and error charts.
    void updateLatencyCharts(const server::MetricsView& view);
    /// The money chart and the latency histogram.
    void updateDetailCharts(const server::MetricsView& view);
    void updateMoneyChart(const server::MetricsView& view);

Q_SIGNALS:
    /// Picked in the money chart's corner.
    void moneyMeasureChosen(tollgate::ui::MetricsCharts::MoneyMeasure measure);

private:
    enum ChartGroup { RateCharts = 1, LatencyCharts = 2 };
    void updateCharts(const server::MetricsView& view, int groups);
    /// A free line for a tier (id: the tier as text), named and coloured for
    /// it; null when all are taken.
    QLineSeries* takeTierLine(const std::string& tier, const QString& id);

    const MetricsSeriesModel* m_series;
    const WorkspaceDocument* m_document;
    MoneyMeasure m_measure = MarginMeasure;
    QGridLayout* m_grid = nullptr;

    TimeChart* m_rateChart = nullptr;
    TimeChart* m_latencyChart = nullptr;
    TimeChart* m_errorChart = nullptr;
    TimeChart* m_moneyChart = nullptr;
    HistogramChart* m_histogram = nullptr;
    QComboBox* m_measureCombo = nullptr;
    QLineSeries* m_rateLine = nullptr;
    QLineSeries* m_p50Line = nullptr;
    QLineSeries* m_p95Line = nullptr;
    QLineSeries* m_p99Line = nullptr;
    QLineSeries* m_4xxLine = nullptr;
    QLineSeries* m_5xxLine = nullptr;
    QLineSeries* m_moneyAllLine = nullptr;
    /// Lines for tiers, made up front; a tier takes a free one when it first
    /// shows up and gives it back when it is gone from the window.
    QList<QLineSeries*> m_tierLines;
    QHash<QString, QLineSeries*> m_lineOfTier;
};

} // namespace tollgate::ui
