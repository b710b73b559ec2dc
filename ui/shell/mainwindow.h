#pragma once

#include <QMainWindow>
#include <QString>

class QDockWidget;
class QTabWidget;

namespace tollgate::ui {

class ComposerPanel;
class EngineFacade;
class InterchangeActions;
class KeysTiersPanel;
class LoadPanel;
class MetricsPanel;
class ProblemsView;
class RouteEditor;
class RouteDesigner;
class SecretStore;
class ServerBar;
class ServerController;
class TrafficLogModel;
class TrafficLogView;
class UpstreamSecrets;
class WindowMenus;
class WindowStatusBar;
class WorkspaceDocument;
class WorkspaceFiles;

/// The workbench window: five pages, Routes (route list on the left, the
/// route editor in the middle), Keys & Tiers, Requests (the composer),
/// Metrics (charts of the served traffic) and Load (the load runner); the
/// server bar on top, traffic log and problems docked below. It composes
/// them; the menus, the workspace files and the status bar are parts of
/// their own.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { RoutesPage, KeysPage, RequestsPage, MetricsPage, LoadPage };

    /// engine: how the window reaches the engine; it must outlive the
    /// window.
    explicit MainWindow(EngineFacade* engine, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace directory; a directory without tollgate.json is
    /// offered to become one. Returns false when nothing was opened.
    bool openWorkspace(const QString& dir);

    WorkspaceDocument* document() const { return m_document; }
    ServerController* serverController() const { return m_server; }
    RouteEditor* routeEditor() const;
    TrafficLogModel* trafficModel() const { return m_traffic; }
    KeysTiersPanel* keysPanel() const { return m_keysPanel; }
    ComposerPanel* composer() const { return m_composer; }
    MetricsPanel* metricsPanel() const { return m_metricsPanel; }
    LoadPanel* loadPanel() const { return m_loadPanel; }
    InterchangeActions* interchange() const { return m_interchange; }
    SecretStore* secretStore() const { return m_secrets; }
    UpstreamSecrets* upstreamSecrets() const { return m_upstreamSecrets; }

    /// The workspace's fallback upstream and allowlist, in a dialog; true
    /// when OK stored them.
    bool editUpstreamSettings();
    /// The server's limits, in a dialog; true when OK stored them.
    bool editLimits();

    void showPage(Page page);
    Page currentPage() const;

    /// Selects a route by its row in the workspace (clears a filter that
    /// hides it); -1 clears the selection.
    void selectRoute(int row);
    int currentRoute() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createPages();
    void createDocks();
    void readSettings();
    void writeSettings();
    /// Lets the composer keep or save its unsaved request before the
    /// workspace is left; false to stay.
    bool leaveWorkspace();
    void onWorkspaceOpened();
    void showProblems();
    void updateTitle();
    void updateProblems();
    void showMessage(const QString& text, int timeoutMs = 5000);

    WorkspaceDocument* m_document;
    ServerController* m_server;
    TrafficLogModel* m_traffic;
    WorkspaceFiles* m_files;

    QTabWidget* m_pages = nullptr;
    RouteDesigner* m_routeDesigner = nullptr;
    KeysTiersPanel* m_keysPanel = nullptr;
    SecretStore* m_secrets = nullptr;
    UpstreamSecrets* m_upstreamSecrets = nullptr;
    ComposerPanel* m_composer = nullptr;
    MetricsPanel* m_metricsPanel = nullptr;
    LoadPanel* m_loadPanel = nullptr;
    ServerBar* m_serverBar = nullptr;
    TrafficLogView* m_trafficView = nullptr;
    ProblemsView* m_problems = nullptr;
    QDockWidget* m_trafficDock = nullptr;
    QDockWidget* m_problemsDock = nullptr;
    InterchangeActions* m_interchange = nullptr;
    WindowMenus* m_menus = nullptr;
    WindowStatusBar* m_statusBar = nullptr;
};

} // namespace tollgate::ui
