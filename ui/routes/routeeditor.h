#pragma once

#include "server/workspace/workspace.h"

#include <QWidget>

class QStackedWidget;

namespace tollgate::ui {

class RouteResponsesTab;
class RouteSection;
class WorkspaceDocument;

/// Edits the selected route: it shows the route's header and tabs
/// (responses, rules, behaviour, access) and writes every change they report
/// to the document at once (one undo step per field burst); the server picks
/// it up through live apply.
class RouteEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteEditor)

public:
    explicit RouteEditor(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// Shows the route at row, or the empty page for -1.
    void setCurrentRow(int row);
    int currentRow() const { return m_row; }

Q_SIGNALS:
    void newRouteRequested();
    /// "Try It": open the route at this row in the request composer.
    void tryItRequested(int row);

private:
    QWidget* buildEmptyPage();
    QWidget* buildRoutePage();
    void refresh();
    void commit(const server::Route& route, const QString& field, const QString& text);

    WorkspaceDocument* m_document;
    int m_row = -1;
    /// Set while refresh() fills the sections from the document, so nothing
    /// they report on the way is taken for a user edit.
    bool m_refreshing = false;

    QStackedWidget* m_stack;
    RouteResponsesTab* m_responses = nullptr;
    /// The header, then the tabs in order.
    QList<RouteSection*> m_sections;
};

} // namespace tollgate::ui
