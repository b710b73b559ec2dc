#pragma once

#include "server/load/loadplan.h"
#include "ui/engine/loadthresholds.h"
#include "ui/load/loadsummaryview.h"

#include <QObject>
#include <QString>

#include <cstdint>

class QTimer;

namespace tollgate::server {
struct LoadProgress;
}

namespace tollgate::ui {

class EngineFacade;
class LoadLiveCharts;
class LoadSettingsSide;
class ServerController;
class WorkspaceDocument;

/// Runs the Load page's tests, one at a time, through the engine facade:
/// checks the settings side's settings, starts the embedded server first
/// when it is the target and stopped, polls the run's progress on a timer
/// (never waiting for the engine), sums the measured seconds into the live
/// charts and summary, shows the thresholds as the engine checks them (a
/// failure at once, in the status bar), and hands on the report when the
/// run ends.
class LoadRunController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunController)

public:
    LoadRunController(WorkspaceDocument* document, ServerController* server, EngineFacade* engine,
        LoadSettingsSide* settings, LoadLiveCharts* charts, LoadSummaryView* summary,
        QObject* parent = nullptr);
    /// Ends a running test (the engine keeps what it measured, as Stop).
    ~LoadRunController() override;

    /// Checks the settings and starts a run. False when the settings are
    /// wrong (the settings side shows why) or a run is going. True: running
    /// from now on; should the server or the run fail to start after all,
    /// the settings side shows why and isRunning() turns false.
    bool start();
    /// Ends the running test early; what was measured is kept and saved.
    void stop();
    /// From an accepted start() until the run's report is handed on.
    bool isRunning() const { return m_running; }
    bool isStopping() const { return m_stopping; }
    /// When the current (or last) run started, in unix seconds.
    std::int64_t runStart() const { return m_runStart; }

    /// How often a running test is polled (default 250 ms).
    void setPollInterval(int ms);

    /// What the thresholds of a run started now would read besides the run:
    /// the embedded server's meters when it is the target, the open
    /// workspace's tiers' quotas.
    LoadThresholdSources thresholdSources() const;

Q_SIGNALS:
    /// A run was handed to the engine: what shows an earlier run goes.
    void launched();
    /// The engine started the run.
    void started();
    /// A poll brought new seconds (the live charts moved).
    void progressed();
    /// The run ended: its report, to show (saved when it could be). The
    /// status line and finished() follow.
    void reportReady(const server::LoadReport& report);
    /// The run's end is told in full.
    void finished();
    /// isRunning() or isStopping() changed.
    void stateChanged();
    /// The status line's new text.
    void statusChanged(const QString& text);
    /// A line for the status bar.
    void message(const QString& text);

private:
    bool checkSettings(const server::LoadSettings& settings);
    void launch(const server::LoadSettings& settings);
    void onServerStarted();
    void onStartFailed(const QString& problem);
    void takeSeconds(const server::LoadProgress& progress);
    void onTick();
    void onThresholdsChecked(const LoadThresholdCheck& check);
    void finishRun(server::LoadReport report, const QString& saveError);

    WorkspaceDocument* m_document;
    ServerController* m_server;
    EngineFacade* m_engine;
    LoadSettingsSide* m_settings;
    LoadLiveCharts* m_charts;
    LoadSummaryView* m_summary;
    QTimer* m_timer;

    bool m_running = false;
    /// The run waits for the embedded server to start.
    bool m_awaitingServer = false;
    bool m_stopping = false;
    std::int64_t m_nextSecond = 0;
    std::int64_t m_runStart = 0; // unix seconds
    double m_planned = 0;
    server::LoadSettings m_runSettings;
    QString m_runDir; // where the running test's report goes
    QString m_runTarget;
    QString m_abortedBy; // the threshold stopping the running test
    // The measured seconds so far, summed for the live summary.
    LoadSummaryView::Live m_live;
};

} // namespace tollgate::ui
