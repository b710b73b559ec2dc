#pragma once

#include "server/metering/metricsview.h"
#include "ui/metrics/metricswindow.h"

#include <QObject>

#include <cstdint>
#include <functional>
#include <memory>

class QTimer;

namespace tollgate::ui {

class ServerController;

/// Keeps the Metrics page's numbers current. Views of the window are
/// computed off the GUI thread (the global thread pool: the engine's live
/// store, or metrics.db for a historical window), one at a time, and none
/// while the page is hidden; the timer asks for one four times a second
/// (live) or every ten seconds (a historical window that ends now).
///
/// A view is applied on the GUI thread in three stages, each in its own turn
/// of the event loop so input and painting get in between; an update costs
/// its longest stage, and the budget for one is 8 ms. A result of an older
/// window or filter is dropped, and a poll that brings the numbers already
/// shown is not applied again.
class MetricsUpdater final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsUpdater)

public:
    using Stage = std::function<void(const server::MetricsView& view)>;
    struct Stages {
        Stage first;
        Stage second;
        Stage third;
    };

    /// Polls while page is visible; a server that starts or stops means a
    /// new computation.
    MetricsUpdater(ServerController* server, QWidget* page, Stages stages);
    ~MetricsUpdater() override;

    const MetricsWindow& window() const { return m_window; }
    const server::MetricsFilter& filter() const { return m_filter; }
    /// Both drop what is being computed and compute anew.
    void setWindow(const MetricsWindow& window);
    void setFilter(const server::MetricsFilter& filter);

    /// Computes the current window again now (or as soon as the running
    /// computation is done); nothing while the page is hidden.
    void refresh();
    /// True while a historical window is being read.
    bool isLoading() const { return m_loading; }
    void setAutoRefresh(bool on);
    bool isPolling() const;
    /// The page's show and hide events.
    void pageShown();
    void pageHidden();

    /// Applies a view now, its three stages in one go.
    void applyNow(const server::MetricsView& view);
    /// The last view applied, without its routes, keys and histogram.
    bool hasView() const { return m_hasView; }
    const server::MetricsView& lastView() const { return m_lastView; }

    /// Milliseconds the last update held the GUI thread (its longest stage),
    /// the CPU time of that, and the most any update took.
    double lastUpdateMs() const { return m_lastUpdateMs; }
    double lastUpdateCpuMs() const { return m_lastUpdateCpuMs; }
    double maxUpdateMs() const { return m_maxUpdateMs; }
    double averageUpdateMs() const { return m_updates > 0 ? m_totalUpdateMs / m_updates : 0; }
    /// Updates applied, and how many took longer than the budget.
    int updateCount() const { return m_updates; }
    int slowUpdateCount() const { return m_slowUpdates; }

Q_SIGNALS:
    /// A historical window is being read (isLoading()).
    void loadingStarted();
    /// A view was applied.
    void updated();

private:
    struct Cost {
        double wallMs = 0;
        double cpuMs = 0;
    };

    void onTick();
    void restartTimer();
    void invalidate();
    void startComputation();
    void onViewReady(std::uint64_t generation, const std::shared_ptr<server::MetricsView>& view);
    template <class Apply> static Cost timed(const Apply& apply);
    /// The first stage, after keeping the view as the last one.
    Cost applyFirst(const server::MetricsView& view);
    Cost applySecond(const server::MetricsView& view);
    Cost applyThird(const server::MetricsView& view);
    void finishUpdate(Cost first, Cost second);

    ServerController* m_server;
    QWidget* m_page;
    Stages m_stages;
    QTimer* m_timer;

    MetricsWindow m_window;
    server::MetricsFilter m_filter;
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
};

} // namespace tollgate::ui
