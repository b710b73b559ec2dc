#pragma once

#include "server/metering/metricsview.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineSeries;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;

namespace tollgate::ui {

class HistogramChart;
class KeyBurnModel;
class MetricsSeriesModel;
class RouteMetricsModel;
class ServerController;
class TimeChart;
class WorkspaceDocument;

/// The Metrics page: requests per second, latency percentiles, error rates
/// and money per request (by tier) over a window, the window's latency
/// histogram, quota burn per key and a per-route table. Filters by route,
/// tier and key; windows live (last 5 minutes or last minute, 4 Hz) or
/// historical (1 h, 24 h, custom) from the metrics database.
///
/// Views are computed off the GUI thread (the global thread pool) and only
/// applied here; one computation at a time, and none while the page is not
/// shown. Applying a view updates the series in place (replace()), never
/// recreates them.
class MetricsPanel : public QWidget {
    Q_OBJECT

public:
    enum Window { LiveWindow, LiveMinuteWindow, HourWindow, DayWindow, CustomWindow };
    /// What the money chart shows per request, by tier.
    enum MoneyMeasure { MarginMeasure, RevenueMeasure, CostMeasure };

    MetricsPanel(WorkspaceDocument* document, ServerController* server, QWidget* parent = nullptr);
    ~MetricsPanel() override;

    MetricsSeriesModel* seriesModel() const { return m_series; }
    RouteMetricsModel* routeModel() const { return m_routes; }
    KeyBurnModel* keyBurnModel() const { return m_keyBurn; }
    QSortFilterProxyModel* routeProxy() const { return m_routeProxy; }
    QTableView* routeView() const { return m_routeView; }
    QWidget* chartsArea() const { return m_charts; }

    Window window() const { return m_window; }
    bool isLive() const { return m_window == LiveWindow || m_window == LiveMinuteWindow; }
    void setWindow(Window window);
    /// Switches to the custom window [from, to).
    void setCustomRange(const QDateTime& from, const QDateTime& to);

    /// Engine names ("GET /users/{id}", tier id, key id); empty = all.
    server::MetricsFilter filter() const { return m_filter; }
    void setFilter(const server::MetricsFilter& filter);

    void setMoneyMeasure(MoneyMeasure measure);

    /// Computes the current window again now (or as soon as the running
    /// computation is done).
    void refresh();
    /// True while a historical window is being read.
    bool isLoading() const { return m_loading; }
    /// Polling on or off (tests feed views with applyView instead).
    void setAutoRefresh(bool on);
    /// True while the timer asks for new views (shown, auto refresh, a
    /// window that moves).
    bool isPolling() const;

    /// Shows a computed view: models, charts, filters and status. This is
    /// what happens on the GUI thread when a computation arrives.
    void applyView(const server::MetricsView& view);
    /// Milliseconds the last update held the GUI thread (a live update is
    /// applied in three turns of the event loop; the longest one counts), and
    /// the most any took.
    double lastUpdateMs() const { return m_lastUpdateMs; }
    /// CPU time the GUI thread spent in the last applyView (lastUpdateMs
    /// minus the time other threads had the core).
    double lastUpdateCpuMs() const { return m_lastUpdateCpuMs; }
    double maxUpdateMs() const { return m_maxUpdateMs; }
    double averageUpdateMs() const { return m_updates > 0 ? m_totalUpdateMs / m_updates : 0; }
    /// Views applied since construction, and how many of them took longer
    /// than the 8 ms a 4 Hz refresh may cost the event loop.
    int updateCount() const { return m_updates; }
    int slowUpdateCount() const { return m_slowUpdates; }

    /// Saves the charts as a PNG.
    bool exportPng(const QString& file, QString* error = nullptr);
    /// Saves the series to file and the route table next to it
    /// ("<name>-routes.csv", returned in *routesFile).
    bool exportCsv(const QString& file, QString* routesFile = nullptr, QString* error = nullptr);

Q_SIGNALS:
    /// A view was applied (the models hold its numbers).
    void updated();
    /// A status line for the window.
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildToolbar();
    QWidget* buildCharts();
    QWidget* buildTables();
    QWidget* buildKeyTable();

    void onTick();
    void startComputation();
    void onViewReady(std::uint64_t generation, const std::shared_ptr<server::MetricsView>& view);
    struct Cost {
        double wallMs = 0;
        double cpuMs = 0;
    };
    /// Models, filters, the rate chart and the status line.
    Cost applyMain(const server::MetricsView& view);
    /// The money chart and the latency histogram.
    Cost applyDetails(const server::MetricsView& view);
    void finishUpdate(Cost first, Cost second);
    /// True when b would draw exactly what a draws.
    static bool sameNumbers(const server::MetricsView& a, const server::MetricsView& b);
    void restartTimer();
    void applyPaletteToWarning();
    void invalidate();

    enum ChartGroup { RateCharts = 1, LatencyCharts = 2 };
    void updateCharts(const server::MetricsView& view, int groups);
    /// The latency and error charts.
    Cost applyLatencyCharts(const server::MetricsView& view);
    void updateMoneyChart(const server::MetricsView& view);
    void updateFilters(const server::MetricsView& view);
    void updateStatus(const server::MetricsView& view);
    void onWindowChosen(int index);
    void onFilterChosen();
    void chooseExportPng();
    void chooseExportCsv();

    /// The window's bounds and step as of now.
    void currentRange(std::int64_t* from, std::int64_t* to, std::int64_t* step) const;
    QString windowDescription(const server::MetricsView& view) const;

    WorkspaceDocument* m_document;
    ServerController* m_server;
    MetricsSeriesModel* m_series;
    RouteMetricsModel* m_routes;
    KeyBurnModel* m_keyBurn;
    QSortFilterProxyModel* m_routeProxy;
    QSortFilterProxyModel* m_keyProxy;
    QTimer* m_timer;

    Window m_window = LiveWindow;
    QDateTime m_customFrom;
    QDateTime m_customTo;
    server::MetricsFilter m_filter;
    MoneyMeasure m_measure = MarginMeasure;
    bool m_autoRefresh = true;

    // Computations in flight: one at a time; a result of an older
    // generation (window or filter changed meanwhile) is dropped.
    bool m_inFlight = false;
    bool m_again = false;
    bool m_loading = false;
    std::uint64_t m_generation = 0;
    std::uint64_t m_appliedGeneration = ~std::uint64_t { 0 }; // of the view shown
    bool m_hasView = false;
    server::MetricsView m_lastView;

    double m_lastUpdateMs = 0;
    double m_lastUpdateCpuMs = 0;
    double m_maxUpdateMs = 0;
    double m_totalUpdateMs = 0;
    int m_updates = 0;
    int m_slowUpdates = 0;

    QComboBox* m_windowCombo = nullptr;
    QDateTimeEdit* m_fromEdit = nullptr;
    QDateTimeEdit* m_toEdit = nullptr;
    QWidget* m_customBox = nullptr;
    QComboBox* m_routeFilter = nullptr;
    QComboBox* m_tierFilter = nullptr;
    QComboBox* m_keyFilter = nullptr;
    QSpinBox* m_retention = nullptr;
    QToolButton* m_exportPng = nullptr;
    QToolButton* m_exportCsv = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_warning = nullptr;

    QWidget* m_charts = nullptr;
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

    QTableView* m_routeView = nullptr;
    QTableView* m_keyView = nullptr;
};

} // namespace tollgate::ui
