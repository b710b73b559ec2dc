#include "ui/routes/routeeditor.h"

#include "ui/document/workspacedocument.h"
#include "ui/routes/routeaccesstab.h"
#include "ui/routes/routebehaviourtab.h"
#include "ui/routes/routeheader.h"
#include "ui/routes/routeresponsestab.h"
#include "ui/routes/routerulestab.h"

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
    tabs->setObjectName(QStringLiteral("routeTabs"));
    tabs->setDocumentMode(true);
    m_responses = new RouteResponsesTab(tabs);
    tabs->addTab(m_responses, tr("Responses"));
    auto* rules = new RouteRulesTab(tabs);
    tabs->addTab(rules, tr("Rules"));
    auto* behaviour = new RouteBehaviourTab(tabs);
    tabs->addTab(behaviour, tr("Behaviour"));
    auto* access = new RouteAccessTab(tabs);
    tabs->addTab(access, tr("Access"));

    m_sections = { header, m_responses, rules, behaviour, access };
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
    if (row != m_row) {
        m_row = row;
        for (RouteSection* section : std::as_const(m_sections))
            section->clearRoute();
    }
    m_stack->setCurrentIndex(m_row < 0 ? 0 : 1);
    if (m_row >= 0)
        refresh();
}

void RouteEditor::commit(const server::Route& route, const QString& field, const QString& text)
{
    if (m_row < 0 || m_refreshing)
        return;
    m_document->setRoute(m_row, route, field, text);
}

void RouteEditor::refresh()
{
    if (m_row < 0)
        return;
    const QScopedValueRollback refreshing(m_refreshing, true);
    const server::Route route
        = m_row < m_document->routeCount() ? m_document->route(m_row) : server::Route();
    m_responses->setWorkspaceDir(m_document->directory());
    for (RouteSection* section : std::as_const(m_sections))
        section->showRoute(route);
}

} // namespace tollgate::ui
