#pragma once

#include "server/load/loadplan.h"
#include "server/metering/latencyhistogram.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace tollgate::server {
struct LoadProgress;
}

namespace tollgate::ui {

class EngineFacade;
class LoadComparisonModel;
class LoadKeyPoolModel;
class LoadLiveCharts;
class LoadMixModel;
class LoadRunListModel;
class LoadSettingsForm;
class LoadSliceModel;
class LoadSummaryView;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// The Load page (issue 6): configure a load test (target, closed or open
/// model, length, warm-up, ramp-up, timeout, a weighted route mix and a
/// pool of keys across tiers), start and stop it, watch throughput, latency
/// percentiles and the status split live, then read the summary, per-tier
/// and per-route tables and the latency histogram. Every run is saved under
/// <workspace>/.tollgate/loadruns when it ends; two saved runs can be
/// compared side by side.
///
/// Runs go through the engine facade, on threads of their own; the panel
/// polls their progress on a timer (4 Hz) and never waits for them. The
/// facade saves each report as the run ends, so a run ended by closing the
/// window is kept too.
class LoadPanel : public QWidget {
    Q_OBJECT

public:
    enum ResultTab { SummaryTab, TiersTab, RoutesTab, RunsTab, CompareTab };

    LoadPanel(WorkspaceDocument* document, ServerController* server, EngineFacade* engine,
        SecretStore* secrets, QWidget* parent = nullptr);
    ~LoadPanel() override;

    LoadSettingsForm* settingsForm() const { return m_form; }
    LoadMixModel* mixModel() const { return m_mix; }
    LoadKeyPoolModel* keyModel() const { return m_keys; }
    LoadSliceModel* tierModel() const { return m_tiers; }
    LoadSliceModel* routeModel() const { return m_routes; }
    LoadRunListModel* runModel() const { return m_runs; }
    LoadComparisonModel* comparisonModel() const { return m_comparison; }
    LoadLiveCharts* liveCharts() const { return m_charts; }
    LoadSummaryView* summaryView() const { return m_summary; }
    QTabWidget* resultTabs() const { return m_results; }
    QTableView* runView() const { return m_runView; }
    QTableView* comparisonView() const { return m_comparisonView; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* problemLabel() const { return m_problemLabel; }
    QComboBox* keyHeaderCombo() const { return m_keyHeader; }
    QAction* startAction() const { return m_startAction; }
    QAction* stopAction() const { return m_stopAction; }

    /// What a run would be asked to do now: the form, the checked mix
    /// entries, the checked keys with their secrets, the key header.
    server::LoadSettings currentSettings() const;
    /// Shows settings (of a saved run, say): form, mix (entries not in it
    /// are unchecked), key choices by key id, key header.
    void applySettings(const server::LoadSettings& settings);

    /// Checks the settings and starts a run (starting the embedded server
    /// first when it is the target and stopped). False when the settings
    /// are wrong (problems() says why, shown under the settings) or a run
    /// is going. True: the panel is running from now on; should the server
    /// or the run fail to start after all, problems() says why and
    /// isRunning() turns false.
    bool start();
    /// Ends the running test early; what was measured is kept and saved.
    void stop();
    bool isRunning() const { return m_running; }
    /// The problems shown under the settings (empty when none).
    QStringList problems() const { return m_problems; }

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

    /// Makes a key for every tier that has none in the pool, through the
    /// document (one undo step), keeps the secrets in the SecretStore and
    /// puts the keys in the pool. Returns how many were made.
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
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildSettings();
    QWidget* buildResults();
    QWidget* buildRunsTab();
    QWidget* buildCompareTab();

    void onWorkspaceOpened();
    void onWorkspaceClosed();
    void refreshKeys();
    void refreshServer();
    bool checkSettings(const server::LoadSettings& settings);
    void launch(const server::LoadSettings& settings);
    void onServerStarted();
    void onStartFailed(const QString& problem);
    void takeSeconds(const server::LoadProgress& progress);
    void onTick();
    void finishRun(server::LoadReport report, const QString& saveError);
    void showReport(const server::LoadReport& report);
    void showProblems(const QStringList& problems);
    void revalidate();
    void updateActions();
    void updateKeyHint();
    void updateStatus(const QString& text);
    void updateIdleStatus();
    void editMixRow(int row);
    void compareSelected();
    void openSelected();
    void deleteSelected();
    void useSelectedSettings();
    void copyComparison();
    void restoreSettings();
    QString settingsKey() const;
    QHash<QString, QString> tierNames() const;
    QStringList selectedRunIds() const;
    void applyProblemPalette();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    EngineFacade* m_engine;
    SecretStore* m_secrets;
    LoadMixModel* m_mix;
    LoadKeyPoolModel* m_keys;
    LoadSliceModel* m_tiers;
    LoadSliceModel* m_routes;
    LoadRunListModel* m_runs;
    LoadComparisonModel* m_comparison;
    QTimer* m_timer;
    QTimer* m_rememberTimer;
    QTimer* m_validateTimer;

    /// From an accepted start() until the run's report is shown.
    bool m_running = false;
    /// The run waits for the embedded server to start.
    bool m_awaitingServer = false;
    std::int64_t m_nextSecond = 0;
    std::int64_t m_runStart = 0; // unix seconds
    double m_planned = 0;
    server::LoadSettings m_runSettings;
    QString m_runDir; // where the running test's report goes
    QString m_runTarget;
    bool m_stopping = false;
    // The measured seconds so far, summed for the live summary.
    struct Live;
    std::unique_ptr<Live> m_live;

    std::optional<server::LoadReport> m_report;
    QString m_workspaceDir; // the directory the remembered settings belong to
    QStringList m_problems;
    QString m_comparisonText;
    /// "METHOD path" of the routes the mix has been offered, so a route the
    /// user took out of the mix is not offered again.
    QSet<QString> m_seenRoutes;

    LoadSettingsForm* m_form = nullptr;
    QTableView* m_mixView = nullptr;
    QTableView* m_keyView = nullptr;
    QComboBox* m_keyHeader = nullptr;
    QToolButton* m_testKeysButton = nullptr;
    QToolButton* m_mixEditButton = nullptr;
    QToolButton* m_mixRemoveButton = nullptr;
    QLabel* m_keyHint = nullptr;
    QLabel* m_problemLabel = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_target = nullptr;
    LoadLiveCharts* m_charts = nullptr;
    QTabWidget* m_results = nullptr;
    LoadSummaryView* m_summary = nullptr;
    QTableView* m_tierView = nullptr;
    QTableView* m_routeView = nullptr;
    QTableView* m_runView = nullptr;
    QTableView* m_comparisonView = nullptr;
    QLabel* m_comparisonLabel = nullptr;
    QPushButton* m_openRunButton = nullptr;
    QPushButton* m_compareButton = nullptr;
    QPushButton* m_useSettingsButton = nullptr;
    QPushButton* m_deleteRunButton = nullptr;
    QPushButton* m_copyComparisonButton = nullptr;
};

} // namespace tollgate::ui
