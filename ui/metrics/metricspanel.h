#pragma once

#include "server/metering/metricsview.h"
#include "ui/metrics/metricscharts.h"
#include "ui/metrics/metricswindow.h"

#include <QDateTime>
#include <QString>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace tollgate::ui {

class KeyBurnModel;
class MetricsSeriesModel;
class MetricsToolbar;
class MetricsUpdater;
class RouteMetricsModel;
class ServerController;
class UpstreamMetricsModel;
class WorkspaceDocument;

/// The Metrics page: requests per second, latency percentiles, error rates
/// and money per request (by tier) over a window, the window's latency
/// histogram, quota burn per key, tokens per second and money per 1,000
/// tokens (by tier, while the window has tokens) and a per-route table;
/// below it, while any route has upstream calls, their breakers, retries,
/// errors and upstream latency since Tollgate started. Filters by route,
/// tier and key; windows live (last 5 minutes or last minute, 4 Hz) or
/// historical (1 h, 24 h, custom) from the metrics database.
///
/// The page puts together its toolbar (MetricsToolbar), its charts
/// (MetricsCharts), its tables (MetricsTables) and the status line, and
/// keeps them current through a MetricsUpdater: views are computed off the
/// GUI thread and only applied here, in three stages.
class MetricsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsPanel)

public:
    using Window = MetricsWindow::Kind;
    using enum MetricsWindow::Kind;
    /// What the money chart shows per request, by tier.
    using MoneyMeasure = MetricsCharts::MoneyMeasure;
    using enum MetricsCharts::MoneyMeasure;

    MetricsPanel(WorkspaceDocument* document, ServerController* server, QWidget* parent = nullptr);
    ~MetricsPanel() override;

    MetricsSeriesModel* seriesModel() const { return m_series; }
    RouteMetricsModel* routeModel() const { return m_routes; }
    KeyBurnModel* keyBurnModel() const { return m_keyBurn; }
    QSortFilterProxyModel* routeProxy() const { return m_routeProxy; }
    QTableView* routeView() const { return m_routeView; }
    UpstreamMetricsModel* upstreamModel() const { return m_upstream; }
    QTableView* upstreamView() const { return m_upstreamView; }
    QWidget* chartsArea() const { return m_charts; }

    Window window() const;
    bool isLive() const;
    void setWindow(Window window);
    /// Switches to the custom window [from, to).
    void setCustomRange(const QDateTime& from, const QDateTime& to);

    /// Engine names ("GET /users/{id}", tier id, key id); empty = all.
    server::MetricsFilter filter() const;
    void setFilter(const server::MetricsFilter& filter);

    void setMoneyMeasure(MoneyMeasure measure);
    /// What the money per 1,000 tokens chart shows, by tier.
    void setTokenMoney(TokenSeries::Money money);

    /// Computes the current window again now (or as soon as the running
    /// computation is done).
    void refresh();
    /// True while a historical window is being read.
    bool isLoading() const;
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
    double lastUpdateMs() const;
    /// CPU time the GUI thread spent in the last applyView (lastUpdateMs
    /// minus the time other threads had the core).
    double lastUpdateCpuMs() const;
    double maxUpdateMs() const;
    double averageUpdateMs() const;
    /// Views applied since construction, and how many of them took longer
    /// than the 8 ms a 4 Hz refresh may cost the event loop.
    int updateCount() const;
    int slowUpdateCount() const;

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
    /// The first stage of applying a view: models, filters, the rate chart
    /// and the status line.
    void applyMain(const server::MetricsView& view);
    void updateStatus(const server::MetricsView& view);
    void applyPaletteToWarning();
    void updateUpstream();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    MetricsSeriesModel* m_series;
    RouteMetricsModel* m_routes;
    KeyBurnModel* m_keyBurn;
    QSortFilterProxyModel* m_routeProxy;
    QSortFilterProxyModel* m_keyProxy;
    UpstreamMetricsModel* m_upstream;
    QSortFilterProxyModel* m_upstreamProxy;
    MetricsUpdater* m_updater;

    QLabel* m_status = nullptr;
    QLabel* m_warning = nullptr;
    MetricsCharts* m_charts = nullptr;
    QTableView* m_routeView = nullptr;
    QTableView* m_upstreamView = nullptr;
    QWidget* m_upstreamBox = nullptr;
    MetricsToolbar* m_toolbar = nullptr;
};

} // namespace tollgate::ui
