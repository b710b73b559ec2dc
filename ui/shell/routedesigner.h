#pragma once

#include <QSplitter>

#include <string>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace tollgate::ui {

class RouteEditor;
class RouteListModel;
class WorkspaceDocument;

/// The Routes page: the route list (a filter, the list, new, duplicate and
/// delete) beside the editor of the selected route.
///
/// Its strings are MainWindow::tr(): they keep the translation context of
/// the window they were split out of, so no translation is lost.
class RouteDesigner final : public QSplitter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteDesigner)

public:
    explicit RouteDesigner(WorkspaceDocument* document, QWidget* parent = nullptr);

    RouteEditor* editor() const { return m_editor; }
    QAction* newRouteAction() const { return m_newRoute; }
    QAction* duplicateRouteAction() const { return m_duplicateRoute; }
    QAction* deleteRouteAction() const { return m_deleteRoute; }
    /// The undo action whose shortcut the "deleted" message names.
    void setUndoAction(QAction* undo) { m_undo = undo; }

    /// Selects a route by its row in the workspace (clears a filter that
    /// hides it); -1 clears the selection.
    void selectRoute(int row);
    int currentRoute() const;

Q_SIGNALS:
    /// Something the status bar should say for a moment.
    void message(const QString& text);

private:
    void createActions();
    QWidget* createRouteList();
    void onCurrentRouteChanged();
    void updateActions();
    void newRoute();
    void duplicateRoute();
    void deleteRoute();

    WorkspaceDocument* m_document;
    RouteListModel* m_routes;
    QSortFilterProxyModel* m_routeProxy;
    RouteEditor* m_editor = nullptr;
    QLineEdit* m_routeFilter = nullptr;
    QTreeView* m_routeView = nullptr;
    QAction* m_newRoute = nullptr;
    QAction* m_duplicateRoute = nullptr;
    QAction* m_deleteRoute = nullptr;
    QAction* m_undo = nullptr;

    /// The route file selected before a reload, to select it again after.
    std::string m_reselectFile;
    int m_reselectRow = -1;
};

} // namespace tollgate::ui
