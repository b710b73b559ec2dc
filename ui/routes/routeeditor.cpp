#include "ui/routes/routeeditor.h"

#include "ui/document/workspacedocument.h"
#include "ui/routes/routeaccesstab.h"
#include "ui/routes/routebehaviourtab.h"
#include "ui/routes/routeheader.h"
#include "ui/routes/routeresponsestab.h"
#include "ui/routes/routerulestab.h"
#include "ui/routes/routestreamtab.h"
#include "ui/routes/routeupstreamtab.h"
#include "ui/routes/routewebsockettab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

RouteEditor::RouteEditor(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget(this))
{
    m_stack->addWidget(buildEmptyPage());
    m_stack->addWidget(buildRoutePage());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(document, &WorkspaceDocument::routeChanged, this, [this](int row) {
        if (row == m_row)
            refresh();
    });
    // Rows shift under the editor when routes are added or removed elsewhere.
    connect(document, &WorkspaceDocument::routeInserted, this, [this](int row) {
        if (m_row >= 0 && row <= m_row)
            ++m_row;
    });
    connect(document, &WorkspaceDocument::routeRemoved, this, [this](int row) {
        if (row == m_row)
            setCurrentRow(-1);
        else if (m_row >= 0 && row < m_row)
            --m_row;
    });
    connect(document, &WorkspaceDocument::routesReset, this, [this] { setCurrentRow(-1); });

    setCurrentRow(-1);
}

QWidget* RouteEditor::buildEmptyPage()
{
    auto* empty = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(empty);
    layout->addStretch(1);
    auto* label = new QLabel(tr("No route selected"), empty);
    label->setAlignment(Qt::AlignCenter);
    QFont big = label->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    label->setFont(big);
    label->setForegroundRole(QPalette::PlaceholderText);
    auto* hint = new QLabel(tr("Select a route on the left, or create one."), empty);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* newButton = new QPushButton(tr("New Route"), empty);
    newButton->setObjectName(QStringLiteral("emptyNewRouteButton"));
    connect(newButton, &QPushButton::clicked, this, &RouteEditor::newRouteRequested);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(newButton);
    buttonRow->addStretch(1);
    layout->addWidget(label);
    layout->addWidget(hint);
    layout->addSpacing(8);
    layout->addLayout(buttonRow);
    layout->addStretch(2);
    return empty;
}

QWidget* RouteEditor::buildRoutePage()
{
    auto* page = new QWidget(m_stack);
    auto* header = new RouteHeader(page);
    connect(header, &RouteHeader::tryItRequested, this, [this] {
        if (m_row >= 0)
            Q_EMIT tryItRequested(m_row);
    });

    auto* tabs = new QTabWidget(page);
    m_tabs = tabs;
    tabs->setObjectName(QStringLiteral("routeTabs"));
    tabs->setDocumentMode(true);
    // First, and only shown while the route answers from its upstream.
    m_upstream = new RouteUpstreamTab(tabs);
    tabs->addTab(m_upstream, tr("Upstream"));
    connect(m_upstream, &RouteUpstreamTab::upstreamSettingsRequested, this,
        &RouteEditor::upstreamSettingsRequested);
    // Next, and only shown while the route answers with an event stream.
    m_stream = new RouteStreamTab(tabs);
    tabs->addTab(m_stream, tr("Stream"));
    // In the same place, only while the route accepts WebSockets.
    m_websocket = new RouteWebSocketTab(tabs);
    tabs->addTab(m_websocket, tr("WebSocket"));
    m_responses = new RouteResponsesTab(tabs);
    tabs->addTab(m_responses, tr("Responses"));
    m_rules = new RouteRulesTab(tabs);
    tabs->addTab(m_rules, tr("Rules"));
    auto* behaviour = new RouteBehaviourTab(tabs);
    tabs->addTab(behaviour, tr("Behaviour"));
    auto* access = new RouteAccessTab(tabs);
    tabs->addTab(access, tr("Access"));
    tabs->setTabVisible(tabs->indexOf(m_upstream), false);
    tabs->setTabVisible(tabs->indexOf(m_stream), false);
    tabs->setTabVisible(tabs->indexOf(m_websocket), false);

    m_sections
        = { header, m_upstream, m_stream, m_websocket, m_responses, m_rules, behaviour, access };
    for (RouteSection* section : std::as_const(m_sections))
        connect(section, &RouteSection::edited, this, &RouteEditor::commit);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 10, 10, 6);
    layout->setSpacing(6);
    layout->addWidget(header);
    layout->addSpacing(4);
    layout->addWidget(tabs, 1);
    return page;
}

void RouteEditor::setCurrentRow(int row)
{
    if (row >= m_document->routeCount())
        row = -1;
    const bool another = row != m_row;
    if (another) {
        m_row = row;
        for (RouteSection* section : std::as_const(m_sections))
            section->clearRoute();
    }
    m_stack->setCurrentIndex(m_row < 0 ? 0 : 1);
    if (m_row < 0)
        return;
    const QWidget* current = m_tabs->currentWidget();
    refresh();
    // An upstream, stream or WebSocket route opens on its own tab where a
    // designed one would show its responses or rules.
    const server::RouteResponder responder = m_document->route(m_row).responder;
    if (another && responder != server::RouteResponder::Designed
        && (current == m_responses || current == m_rules))
        m_tabs->setCurrentWidget(responderTab(responder));
}

void RouteEditor::setServer(ServerController* server, UpstreamSecrets* secrets)
{
    m_upstream->setServer(server, secrets);
}

void RouteEditor::commit(const server::Route& route, const QString& field, const QString& text)
{
    if (m_row < 0 || m_refreshing)
        return;
    const server::Route before = m_document->route(m_row);
    m_document->setRoute(m_row, route, field, text);
    // Chosen to answer from an upstream, with a stream or a WebSocket: its
    // settings are what comes next.
    if (before.responder == route.responder || route.responder == server::RouteResponder::Designed)
        return;
    m_tabs->setCurrentWidget(responderTab(route.responder));
    if (route.responder == server::RouteResponder::Upstream && before.upstream.url.empty())
        m_upstream->focusUrl();
}

QWidget* RouteEditor::responderTab(server::RouteResponder responder) const
{
    switch (responder) {
    case server::RouteResponder::Upstream:
        return m_upstream;
    case server::RouteResponder::Sse:
        return m_stream;
    case server::RouteResponder::WebSocket:
        return m_websocket;
    case server::RouteResponder::Designed:
        break;
    }
    return m_responses;
}

void RouteEditor::showResponderTabs(const server::Route& route)
{
    const bool upstream = route.responder == server::RouteResponder::Upstream;
    const bool sse = route.responder == server::RouteResponder::Sse;
    const bool websocket = route.responder == server::RouteResponder::WebSocket;
    QWidget* const current = m_tabs->currentWidget();
    // Rules pick a designed response; an upstream route forwards every
    // request (its designed responses can still answer while the breaker
    // is open), a stream route streams to every request and a WebSocket
    // route answers messages with its own rules.
    const int rulesTab = m_tabs->indexOf(m_rules);
    m_tabs->setTabEnabled(rulesTab, !upstream && !sse && !websocket);
    m_tabs->setTabToolTip(rulesTab,
        upstream        ? tr("Rules are not used while the route answers from its upstream")
            : sse       ? tr("Rules are not used while the route answers with an event stream")
            : websocket ? tr("Not used while the route accepts WebSockets: its messages are "
                             "answered by the rules in the WebSocket tab")
                        : QString());
    // A stream or WebSocket route sends no designed response at all; they
    // are kept for the way back.
    const int responsesTab = m_tabs->indexOf(m_responses);
    m_tabs->setTabEnabled(responsesTab, !sse && !websocket);
    m_tabs->setTabToolTip(responsesTab,
        sse ? tr("Not used while the route answers with an event stream: the responses are kept "
                 "for when it answers with them again")
            : websocket ? tr("Not used while the route accepts WebSockets: the responses are "
                             "kept for when it answers with them again")
                        : QString());
    // The responder's own tab shows only while the route has that responder.
    for (QWidget* tab : { static_cast<QWidget*>(m_upstream), static_cast<QWidget*>(m_stream),
             static_cast<QWidget*>(m_websocket) }) {
        const int index = m_tabs->indexOf(tab);
        const bool show = tab == responderTab(route.responder);
        if (m_tabs->isTabVisible(index) != show)
            m_tabs->setTabVisible(index, show);
    }
    // A tab that went away or is no longer used gives way to the one of the
    // route's responder (back to designed responses: the responses).
    const int shown = m_tabs->indexOf(current);
    if (!m_tabs->isTabVisible(shown) || !m_tabs->isTabEnabled(shown))
        m_tabs->setCurrentWidget(responderTab(route.responder));
}

void RouteEditor::refresh()
{
    if (m_row < 0)
        return;
    const QScopedValueRollback refreshing(m_refreshing, true);
    const server::Route route
        = m_row < m_document->routeCount() ? m_document->route(m_row) : server::Route();
    m_responses->setWorkspaceDir(m_document->directory());
    showResponderTabs(route);
    for (RouteSection* section : std::as_const(m_sections))
        section->showRoute(route);
}

} // namespace tollgate::ui
