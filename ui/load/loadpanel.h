#pragma once

#include "server/load/loadplan.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace tollgate::ui {

class EngineFacade;
class LoadComparisonModel;
class LoadComparisonView;
class LoadKeyPoolModel;
class LoadLiveCharts;
class LoadMixModel;
class LoadRunController;
class LoadRunListModel;
class LoadRunsView;
class LoadSettingsForm;
class LoadSettingsSide;
class LoadSliceModel;
class LoadSummaryView;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// The Load page (issue 6): configure a load test, start and stop it, watch
/// throughput, latency percentiles and the status split live, then read the
/// summary, per-tier and per-route tables and the latency histogram. Every
/// run is saved under <workspace>/.tollgate/loadruns when it ends; two saved
/// runs can be compared side by side.
///
/// The page only lays out and connects its parts:
/// - LoadSettingsSide: what the next run is asked to do (form, route mix,
///   key pool), remembered per workspace;
/// - LoadRunController: one run at a time through the engine facade, polled
///   on a timer, never waited for;
/// - the results: live charts, summary, tier and route tables, and the saved
///   runs (LoadRunsView) with their comparison (LoadComparisonView).
class LoadPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadPanel)

public:
    enum ResultTab { SummaryTab, TiersTab, RoutesTab, RunsTab, CompareTab };

    LoadPanel(WorkspaceDocument* document, ServerController* server, EngineFacade* engine,
        SecretStore* secrets, QWidget* parent = nullptr);
    ~LoadPanel() override;

    LoadSettingsSide* settingsSide() const { return m_settings; }
    LoadRunController* runController() const { return m_controller; }
    LoadRunsView* runsView() const { return m_runs; }
    LoadComparisonView* comparisonPane() const { return m_comparison; }

    LoadSettingsForm* settingsForm() const;
    LoadMixModel* mixModel() const;
    LoadKeyPoolModel* keyModel() const;
    LoadSliceModel* tierModel() const { return m_tiers; }
    LoadSliceModel* routeModel() const { return m_routes; }
    LoadRunListModel* runModel() const;
    LoadComparisonModel* comparisonModel() const;
    LoadLiveCharts* liveCharts() const { return m_charts; }
    LoadSummaryView* summaryView() const { return m_summary; }
    QTabWidget* resultTabs() const { return m_results; }
    QTableView* runView() const;
    QTableView* comparisonView() const;
    QLabel* statusLabel() const { return m_status; }
    QLabel* problemLabel() const;
    QComboBox* keyHeaderCombo() const;
    QAction* startAction() const { return m_startAction; }
    QAction* stopAction() const { return m_stopAction; }

    /// What a run would be asked to do now (LoadSettingsSide::currentSettings).
    server::LoadSettings currentSettings() const;
    /// Shows settings (of a saved run, say) on the settings side.
    void applySettings(const server::LoadSettings& settings);

    /// Starts a run (LoadRunController::start): false when the settings are
    /// wrong (problems() says why) or a run is going.
    bool start();
    /// Ends the running test early; what was measured is kept and saved.
    void stop();
    bool isRunning() const;
    /// The problems shown under the settings (empty when none).
    QStringList problems() const;

    /// The report shown (the last run, or one opened from the list).
    const server::LoadReport* shownReport() const { return m_report ? &*m_report : nullptr; }
    /// Completed seconds of the current run received so far.
    int liveSeconds() const;

    /// <workspace>/.tollgate/loadruns; empty when no workspace is open.
    QString runDirectory() const;
    void refreshRuns();
    /// Shows a saved run's results.
    bool openRun(const QString& id, QString* error = nullptr);
    /// Compares two saved runs (a is the baseline) in the Compare tab.
    bool compareRuns(const QString& a, const QString& b, QString* error = nullptr);
    /// Deletes a saved run, asking first when confirm is set.
    bool deleteRun(const QString& id, bool confirm = true);

    /// Makes a key for every tier that has none in the pool (one undo step).
    int createTestKeys();

    /// How often a running test is polled (default 250 ms).
    void setPollInterval(int ms);

    /// Writes the settings as the workspace's last used ones now.
    void rememberSettings();

Q_SIGNALS:
    /// The engine started the run (after start(), once it has).
    void started();
    /// A poll brought new seconds (the live charts moved).
    void progressed();
    /// A run ended and its report is shown (and saved when it could be).
    void finished();
    /// A line for the status bar.
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildResults();
    void onWorkspaceOpened();
    void onLaunched();
    void onReportReady(const server::LoadReport& report);
    void onStateChanged();
    void showReport(const server::LoadReport& report);
    void updateIdleStatus();
    QHash<QString, QString> tierNames() const;

    WorkspaceDocument* m_document;
    ServerController* m_server;
    QAction* m_startAction;
    QAction* m_stopAction;
    LoadSliceModel* m_tiers;
    LoadSliceModel* m_routes;

    std::optional<server::LoadReport> m_report;

    LoadSettingsSide* m_settings = nullptr;
    QLabel* m_status = nullptr;
    LoadLiveCharts* m_charts = nullptr;
    QTabWidget* m_results = nullptr;
    LoadSummaryView* m_summary = nullptr;
    LoadRunsView* m_runs = nullptr;
    LoadComparisonView* m_comparison = nullptr;
    LoadRunController* m_controller = nullptr;
};

} // namespace tollgate::ui
