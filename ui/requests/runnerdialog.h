#pragma once

#include "server/checks/collectionrunner.h"
#include "server/checks/runreport.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace tollgate::ui {

class CollectionRun;
class RunResultModel;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// The collection runner's window (Requests ▸ Run Requests…): the saved
/// requests of a folder, or all of them, sent in order against an
/// environment, for N iterations or one per row of a CSV or JSON data file,
/// stopping at the first failure when asked. Results fill a tree as they come
/// (each request, its assertions with expected and actual, its captures),
/// the selected row's answer shows beside it, and the run can be saved as
/// JUnit XML or JSON, the same reports `tollgated run` writes. It runs what
/// is saved on disk, as the headless runner does. Closing the window leaves a
/// run going; Stop ends it at once.
class RunnerDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunnerDialog)

public:
    RunnerDialog(WorkspaceDocument* document, ServerController* server, SecretStore* secrets,
        QWidget* parent = nullptr);
    ~RunnerDialog() override;

    /// Fills the choices from the workspace (saved requests, folders,
    /// environments) and selects `folder` (empty: all) and `environment`.
    void prepare(const QString& folder, const QString& environment);
    /// Starts a run with the settings shown; false with the reason shown
    /// when it cannot start.
    bool run();
    void stop();
    bool isRunning() const;

    RunResultModel* results() const { return m_results; }
    /// The last finished run.
    const std::optional<server::RunResult>& lastResult() const { return m_last; }
    /// The reports of the last run (empty before one).
    QString junitReport() const;
    QString jsonReport() const;

Q_SIGNALS:
    /// A run ended (also when stopped).
    void runFinished(const server::RunResult& result);

private:
    QWidget* buildSettings();
    bool makePlan(server::RunPlan* plan, QString* problem) const;
    void launch(server::RunPlan plan);
    void onRequestDone(const server::RequestRun& run);
    void onFinished(const server::RunResult& result);
    void showDetails();
    void showProblem(const QString& problem);
    void updateState();
    void save(bool junit);
    server::RunReportInfo reportInfo() const;

    WorkspaceDocument* m_document;
    ServerController* m_server;
    SecretStore* m_secrets;
    CollectionRun* m_run;
    RunResultModel* m_results;
    std::vector<server::SavedRequest> m_saved; // as on disk when prepared
    std::optional<server::RunPlan> m_waiting; // until the server has started
    std::optional<server::RunResult> m_last;
    QString m_scope; // what the running (or last) run ran, for its reports
    QString m_environment;
    int m_planned = 0; // requests the running run sends

    QComboBox* m_folder = nullptr;
    QComboBox* m_environmentCombo = nullptr;
    QSpinBox* m_iterations = nullptr;
    QLineEdit* m_dataFile = nullptr;
    QCheckBox* m_stopOnFailure = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_saveJunit = nullptr;
    QPushButton* m_saveJson = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_problem = nullptr;
    QTreeView* m_view = nullptr;
    QPlainTextEdit* m_details = nullptr;
};

} // namespace tollgate::ui
