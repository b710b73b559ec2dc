#pragma once

#include "ui/routes/routesection.h"

class QTabBar;
class QToolButton;

namespace tollgate::ui {

class ResponseEditor;

/// The route editor's Responses tab: a tab per response of the route, to add,
/// duplicate and remove them, and the ResponseEditor for the selected one.
class RouteResponsesTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteResponsesTab)

public:
    explicit RouteResponsesTab(QWidget* parent = nullptr);

    /// Where body files are looked up (the workspace's directory).
    void setWorkspaceDir(const QString& dir) { m_workspaceDir = dir; }

private:
    void load() override;
    void forget() override;
    void loadTabs(const server::Route& route);
    void addResponse(bool duplicate);
    void removeResponse();

    QString m_workspaceDir;
    int m_response = 0;
    QTabBar* m_tabs;
    QToolButton* m_remove;
    ResponseEditor* m_editor;
};

} // namespace tollgate::ui
