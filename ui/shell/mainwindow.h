#pragma once

#include "ui/common/appearance.h"

#include <QMainWindow>
#include <QString>

#include <string>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace tollgate::ui {

class ComposerPanel;
class KeysTiersPanel;
class LoadPanel;
class MetricsPanel;
class ProblemsView;
class RouteEditor;
class RouteListModel;
class SecretStore;
class ServerBar;
class ServerController;
class TrafficLogModel;
class TrafficLogView;
class WorkspaceDocument;

/// The workbench window: five pages, Routes (route list on the left, the
/// route editor in the middle), Keys & Tiers, Requests (the composer),
/// Metrics (charts of the served traffic) and Load (the load runner); the
/// server bar on top, traffic log and problems docked below.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum Page { RoutesPage, KeysPage, RequestsPage, MetricsPage, LoadPage };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace directory; a directory without tollgate.json is
    /// offered to become one. Returns false when nothing was opened.
    bool openWorkspace(const QString& dir);

    WorkspaceDocument* document() const { return m_document; }
    ServerController* serverController() const { return m_server; }
    RouteEditor* routeEditor() const { return m_editor; }
    TrafficLogModel* trafficModel() const { return m_traffic; }
    KeysTiersPanel* keysPanel() const { return m_keysPanel; }
    ComposerPanel* composer() const { return m_composer; }
    MetricsPanel* metricsPanel() const { return m_metricsPanel; }
    LoadPanel* loadPanel() const { return m_loadPanel; }
    SecretStore* secretStore() const { return m_secrets; }

    void showPage(Page page);
    Page currentPage() const;

    /// Selects a route by its row in the workspace (clears a filter that
    /// hides it); -1 clears the selection.
    void selectRoute(int row);
    int currentRoute() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void syncPage(Page page);
    void createActions();
    void createMenus();
    QWidget* createRoutePanel();
    void createDocks();
    void createStatusBar();
    void readSettings();
    void writeSettings();

    void newWorkspace();
    void openWorkspaceDialog();
    void updateRecentMenu();
    void addRecent(const QString& dir);
    void saveNow();
    void revealWorkspace();
    void copyWorkspacePath();

    void newRoute();
    void duplicateRoute();
    void deleteRoute();

    void setTheme(Theme theme);
    void showAbout();

    void onCurrentRouteChanged();
    void updateTitle();
    void updateActions();
    void updateRouteCount();
    void updateServerState();
    void updateSaveState();
    void updateProblems();
    void showMessage(const QString& text, int timeoutMs = 5000);

    WorkspaceDocument* m_document;
    ServerController* m_server;
    RouteListModel* m_routes;
    QSortFilterProxyModel* m_routeProxy;
    TrafficLogModel* m_traffic;

    QTabWidget* m_pages = nullptr;
    QSplitter* m_splitter = nullptr;
    KeysTiersPanel* m_keysPanel = nullptr;
    SecretStore* m_secrets = nullptr;
    ComposerPanel* m_composer = nullptr;
    MetricsPanel* m_metricsPanel = nullptr;
    LoadPanel* m_loadPanel = nullptr;
    QLineEdit* m_routeFilter = nullptr;
    QTreeView* m_routeView = nullptr;
    RouteEditor* m_editor = nullptr;
    ServerBar* m_serverBar = nullptr;
    TrafficLogView* m_trafficView = nullptr;
    ProblemsView* m_problems = nullptr;
    QDockWidget* m_trafficDock = nullptr;
    QDockWidget* m_problemsDock = nullptr;

    QAction* m_newWorkspace = nullptr;
    QAction* m_openWorkspace = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_save = nullptr;
    QAction* m_reveal = nullptr;
    QAction* m_copyPath = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_newRoute = nullptr;
    QAction* m_duplicateRoute = nullptr;
    QAction* m_deleteRoute = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QAction* m_showRoutes = nullptr;
    QAction* m_showKeys = nullptr;
    QAction* m_showRequests = nullptr;
    QAction* m_showMetrics = nullptr;
    QAction* m_showLoad = nullptr;
    QAction* m_about = nullptr;

    QLabel* m_routeCountLabel = nullptr;
    QLabel* m_serverLabel = nullptr;
    QLabel* m_saveLabel = nullptr;
    QToolButton* m_problemsButton = nullptr;

    /// The route file selected before a reload, to select it again after.
    std::string m_reselectFile;
    int m_reselectRow = -1;
};

} // namespace tollgate::ui
