#pragma once

#include "ui/common/appearance.h"

#include <QObject>

#include <array>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;

namespace tollgate::ui {

class ComposerPanel;
class InterchangeActions;
class KeysTiersPanel;
class LoadPanel;
class RouteDesigner;
class ServerBar;
class WorkspaceDocument;
class WorkspaceFiles;

/// The window's menu bar: the pages' actions gathered in menus, and the
/// actions only the menus offer (workspace files, undo and redo, switching
/// pages, the theme, about).
///
/// Its strings are MainWindow::tr(): they keep the translation context of
/// the window they were split out of, so no translation is lost.
class WindowMenus final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowMenus)

public:
    /// Whose actions the menus show.
    struct Parts {
        WorkspaceFiles* files = nullptr;
        /// File ▸ Import…, Export…
        InterchangeActions* interchange = nullptr;
        RouteDesigner* routes = nullptr;
        ServerBar* serverBar = nullptr;
        KeysTiersPanel* keys = nullptr;
        ComposerPanel* composer = nullptr;
        LoadPanel* load = nullptr;
        QDockWidget* trafficDock = nullptr;
        QDockWidget* problemsDock = nullptr;
        /// Server ▸ Upstream Settings…
        QAction* upstreamSettings = nullptr;
        /// Server ▸ Limits…
        QAction* limits = nullptr;
    };

    /// Fills window's menu bar; the actions are the window's children.
    WindowMenus(QMainWindow* window, WorkspaceDocument* document, const Parts& parts);

    QAction* undoAction() const { return m_undo; }

    /// Checks the page's entry (a MainWindow::Page); on the Requests page
    /// Ctrl+S is left to the request.
    void setCurrentPage(int page);
    /// Enables what needs an open workspace.
    void updateActions();

Q_SIGNALS:
    /// A MainWindow::Page was chosen from the View menu or its shortcut.
    void pageRequested(int page);
    void themeChanged();

private:
    void createPageActions();
    void createFileMenu(const Parts& parts);
    void createEditMenu(const Parts& parts);
    void createPanelMenus(const Parts& parts);
    void createViewMenu(const Parts& parts);
    void createHelpMenu();
    void setTheme(Theme theme);
    void showAbout();

    QMainWindow* m_window;
    WorkspaceDocument* m_document;
    WorkspaceFiles* m_files;
    QAction* m_upstreamSettings;
    QAction* m_limits;

    // Enabled with an open workspace; Save also loses its shortcut on the
    // Requests page.
    QAction* m_save = nullptr;
    QAction* m_reveal = nullptr;
    QAction* m_copyPath = nullptr;
    QAction* m_undo = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    /// Show Routes, Keys, Requests, Metrics, Load: in MainWindow::Page order.
    std::array<QAction*, 5> m_pages {};
};

} // namespace tollgate::ui
