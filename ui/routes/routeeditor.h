#pragma once

#include "server/workspace/workspace.h"

#include <QWidget>

class QStackedWidget;
class QTabWidget;

namespace tollgate::ui {

class RouteResponsesTab;
class RouteRulesTab;
class RouteSection;
class RouteStreamTab;
class RouteUpstreamTab;
class RouteWebSocketTab;
class ServerController;
class UpstreamSecrets;
class WorkspaceDocument;

/// Edits the selected route: it shows the route's header and tabs
/// (upstream while the route answers from one, stream while it answers
/// with Server-Sent Events, WebSocket while it accepts WebSockets, responses,
/// rules, behaviour, access) and writes every change they
/// report to the document at once (one undo step per field burst); the server picks it up through
/// live apply.
class RouteEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteEditor)

public:
    explicit RouteEditor(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// Shows the route at row, or the empty page for -1.
    void setCurrentRow(int row);
    int currentRow() const { return m_row; }

    /// What the Upstream tab shows and uses: upstream figures, tests and the
    /// server's problems, and the secret values of upstream headers.
    void setServer(ServerController* server, UpstreamSecrets* secrets);

Q_SIGNALS:
    void newRouteRequested();
    /// "Try It": open the route at this row in the request composer.
    void tryItRequested(int row);
    /// The workspace's upstream settings (allowlist, fallback) were asked for.
    void upstreamSettingsRequested();

private:
    QWidget* buildEmptyPage();
    QWidget* buildRoutePage();
    void refresh();
    void showResponderTabs(const server::Route& route);
    /// The tab a route of this responder opens on: its upstream, its
    /// stream, its WebSocket, or its responses.
    QWidget* responderTab(server::RouteResponder responder) const;
    void commit(const server::Route& route, const QString& field, const QString& text);

    WorkspaceDocument* m_document;
    int m_row = -1;
    /// Set while refresh() fills the sections from the document, so nothing
    /// they report on the way is taken for a user edit.
    bool m_refreshing = false;

    QStackedWidget* m_stack;
    QTabWidget* m_tabs = nullptr;
    RouteUpstreamTab* m_upstream = nullptr;
    RouteStreamTab* m_stream = nullptr;
    RouteWebSocketTab* m_websocket = nullptr;
    RouteResponsesTab* m_responses = nullptr;
    RouteRulesTab* m_rules = nullptr;
    /// The header, then the tabs in order.
    QList<RouteSection*> m_sections;
};

} // namespace tollgate::ui
