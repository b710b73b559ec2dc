#include "ui/shell/windowstatusbar.h"

#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"

#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <climits>

namespace tollgate::ui {

WindowStatusBar::WindowStatusBar(
    WorkspaceDocument* document, ServerController* server, QWidget* parent)
    : QStatusBar(parent)
    , m_document(document)
    , m_server(server)
    , m_routeCount(new QLabel(this))
    , m_serverState(new QLabel(this))
    , m_saveState(new QLabel(this))
    , m_problems(new QToolButton(this))
{
    m_routeCount->setObjectName(QStringLiteral("routeCountLabel"));
    m_serverState->setObjectName(QStringLiteral("serverStateLabel"));
    m_saveState->setObjectName(QStringLiteral("saveStateLabel"));
    m_problems->setObjectName(QStringLiteral("problemsButton"));
    m_problems->setAutoRaise(true);
    m_problems->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_problems, &QToolButton::clicked, this, &WindowStatusBar::problemsRequested);
    for (QLabel* label : { m_routeCount, m_serverState, m_saveState })
        label->setContentsMargins(8, 0, 8, 0);
    addPermanentWidget(m_routeCount);
    addPermanentWidget(m_serverState);
    addPermanentWidget(m_saveState);
    addPermanentWidget(m_problems);

    connect(m_document, &WorkspaceDocument::changed, this, [this] {
        updateRouteCount();
        updateSaveState();
    });
    connect(m_document, &WorkspaceDocument::opened, this, &WindowStatusBar::refresh);
    connect(m_document, &WorkspaceDocument::saved, this, &WindowStatusBar::updateSaveState);
    connect(m_document, &WorkspaceDocument::saveFailed, this, [this](const QString& error) {
        updateSaveState();
        showMessage(MainWindow::tr("Could not save: %1").arg(error), 10000);
    });
    connect(m_document, &WorkspaceDocument::reloadedFromDisk, this, [this](bool discarded) {
        showMessage(discarded
                ? MainWindow::tr("The workspace changed on disk and was reloaded; your last "
                                 "unsaved edit was replaced.")
                : MainWindow::tr("The workspace changed on disk and was reloaded."),
            8000);
    });
    connect(m_server, &ServerController::stateChanged, this, &WindowStatusBar::updateServerState);
    // The request count moves with the traffic the server reports.
    connect(
        m_server, &ServerController::trafficReceived, this, &WindowStatusBar::updateServerState);
    refresh();
    setProblemCount(0);
}

void WindowStatusBar::refresh()
{
    updateRouteCount();
    updateServerState();
    updateSaveState();
}

void WindowStatusBar::setProblemCount(int count)
{
    m_problems->setText(MainWindow::tr("%n problem(s)", nullptr, count));
    m_problems->setIcon(count > 0 ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
}

void WindowStatusBar::updateRouteCount()
{
    const int total = m_document->routeCount();
    int enabled = 0;
    for (int i = 0; i < total; ++i)
        enabled += m_document->route(i).enabled ? 1 : 0;
    if (enabled == total)
        m_routeCount->setText(MainWindow::tr("%n route(s)", nullptr, total));
    else
        m_routeCount->setText(
            MainWindow::tr("%n route(s), %1 disabled", nullptr, total).arg(total - enabled));
}

void WindowStatusBar::updateServerState()
{
    if (m_server->isRunning()) {
        m_serverState->setText(MainWindow::tr("Serving :%1 · %Ln request(s)", nullptr,
            int(std::min<std::uint64_t>(m_server->requestsServed(), std::uint64_t(INT_MAX))))
                                   .arg(m_server->port()));
    } else {
        m_serverState->setText(MainWindow::tr("Server stopped"));
    }
}

void WindowStatusBar::updateSaveState()
{
    if (!m_document->isOpen()) {
        m_saveState->clear();
        return;
    }
    if (m_document->hasUnsavedChanges())
        m_saveState->setText(MainWindow::tr("Unsaved changes"));
    else if (m_document->lastSaved().isValid())
        m_saveState->setText(
            MainWindow::tr("Saved %1")
                .arg(QLocale().toString(m_document->lastSaved().time(), QLocale::ShortFormat)));
    else
        m_saveState->setText(MainWindow::tr("Saved"));
}

} // namespace tollgate::ui
