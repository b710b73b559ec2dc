#include "ui/requests/composerpanel.h"

#include "server/composer/curlcommand.h"
#include "server/composer/requeststore.h"
#include "server/composer/routeexample.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/requests/composerdraft.h"
#include "ui/requests/composerkeys.h"
#include "ui/requests/composersidebar.h"
#include "ui/requests/environmentdialog.h"
#include "ui/requests/environmentpicker.h"
#include "ui/requests/requesteditor.h"
#include "ui/requests/requesthistory.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/runnerdialog.h"
#include "ui/requests/sendcontroller.h"
#include "ui/requests/websocketlogmodel.h"
#include "ui/requests/websocketsession.h"
#include "ui/requests/websocketview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace tollgate::ui {

using server::ComposerRequest;

ComposerPanel::ComposerPanel(
    WorkspaceDocument* document, ServerController* server, SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_secrets(secrets)
    , m_history(new RequestHistory(this))
    , m_draft(new ComposerDraft(document, this))
{
    setObjectName(QStringLiteral("composerPanel"));
    createActions();

    m_viewer = new ResponseViewer(this);
    m_webSocket = new WebSocketSession(this);
    m_webSocketView = new WebSocketView(m_webSocket, this);
    m_responses = new QStackedWidget(this);
    m_responses->setObjectName(QStringLiteral("responseStack"));
    m_responses->addWidget(m_viewer);
    m_responses->addWidget(m_webSocketView);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("composerSplitter"));
    right->setChildrenCollapsible(false);
    right->addWidget(buildRequestPage());
    right->addWidget(m_responses);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    m_controller
        = new SendController(document, server, secrets, m_environments, m_history, m_viewer, this);

    m_sidebar = new ComposerSidebar(document, m_history, m_newAction, m_runAction, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 300, 1100 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connectParts();
    newRequest();
    if (m_document->isOpen())
        onWorkspaceOpened();
    updateRunning();
}

// The document may already be gone here (it is an older sibling); the
// window writes the draft when it closes.
ComposerPanel::~ComposerPanel() = default;

void ComposerPanel::createActions()
{
    m_sendAction = new QAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Send"), this);
    m_sendAction->setObjectName(QStringLiteral("sendRequestAction"));
    m_sendAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_sendAction->setToolTip(tr("Send the request (Ctrl+Return)"));
    connect(m_sendAction, &QAction::triggered, this, &ComposerPanel::send);
    addAction(m_sendAction);

    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelRequestAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setToolTip(tr("Stop waiting for the response (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &ComposerPanel::cancel);
    addAction(m_cancelAction);

    m_saveAction
        = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("Save &Request"), this);
    m_saveAction->setObjectName(QStringLiteral("saveRequestAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_saveAction->setToolTip(tr("Save the request in the workspace (Ctrl+S)"));
    connect(m_saveAction, &QAction::triggered, this, &ComposerPanel::save);
    addAction(m_saveAction);

    m_newAction
        = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Request"), this);
    m_newAction->setObjectName(QStringLiteral("newRequestAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newAction->setToolTip(tr("Start a new request (Ctrl+T)"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (confirmDiscard())
            newRequest();
    });
    addAction(m_newAction);

    m_importCurlAction = new QAction(tr("&Import cURL…"), this);
    m_importCurlAction->setObjectName(QStringLiteral("importCurlAction"));
    m_importCurlAction->setToolTip(
        tr("Create a request from a curl command line (pasting one into the URL works too)"));
    connect(m_importCurlAction, &QAction::triggered, this, [this] {
        if (!confirmDiscard())
            return;
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Import cURL"),
            tr("Paste a curl command line:"), QApplication::clipboard()->text(), &ok);
        if (!ok || text.trimmed().isEmpty())
            return;
        QString error;
        if (!importCurl(text, &error))
            QMessageBox::warning(this, tr("Import cURL"), error);
    });

    m_copyCurlAction = new QAction(tr("Copy as c&URL"), this);
    m_copyCurlAction->setObjectName(QStringLiteral("copyCurlAction"));
    connect(m_copyCurlAction, &QAction::triggered, this, [this] { copyAs(false); });
    m_copyHttpxAction = new QAction(tr("Copy as Python &httpx"), this);
    m_copyHttpxAction->setObjectName(QStringLiteral("copyHttpxAction"));
    connect(m_copyHttpxAction, &QAction::triggered, this, [this] { copyAs(true); });

    m_environmentsAction = new QAction(tr("&Environments…"), this);
    m_environmentsAction->setObjectName(QStringLiteral("environmentsAction"));
    m_environmentsAction->setToolTip(tr("Edit the environments and their {{variables}}"));
    connect(m_environmentsAction, &QAction::triggered, this, &ComposerPanel::manageEnvironments);

    m_runAction = new QAction(
        QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run Requests…"), this);
    m_runAction->setObjectName(QStringLiteral("runRequestsAction"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the saved requests of a folder with their tests (Ctrl+Alt+R)"));
    connect(m_runAction, &QAction::triggered, this,
        [this] { openRunner(m_sidebar->selectedFolder()); });

    m_focusUrlAction = new QAction(tr("Go to URL"), this);
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_focusUrlAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_focusUrlAction, &QAction::triggered, this, [this] { m_editor->focusUrl(true); });
    addAction(m_focusUrlAction);
}

QWidget* ComposerPanel::buildRequestPage()
{
    // Built in focus order: the title row, then the request.
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->setSpacing(6);
    layout->addLayout(buildTitleRow(page));
    m_editor = new RequestEditor(m_document, m_secrets, page);
    layout->addWidget(m_editor, 1);
    return page;
}

QHBoxLayout* ComposerPanel::buildTitleRow(QWidget* page)
{
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("requestTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_environments = new EnvironmentPicker(m_document, m_environmentsAction, page);

    auto* codeButton = new QToolButton(page);
    codeButton->setObjectName(QStringLiteral("codeButton"));
    codeButton->setText(tr("Code"));
    codeButton->setToolTip(tr("Import a curl command, copy the request as curl or Python httpx"));
    codeButton->setPopupMode(QToolButton::InstantPopup);
    codeButton->setAutoRaise(true);
    auto* codeMenu = new QMenu(codeButton);
    codeMenu->addAction(m_importCurlAction);
    codeMenu->addSeparator();
    codeMenu->addAction(m_copyCurlAction);
    codeMenu->addAction(m_copyHttpxAction);
    codeButton->setMenu(codeMenu);

    auto* saveButton = new QToolButton(page);
    saveButton->setDefaultAction(m_saveAction);
    saveButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    saveButton->setAutoRaise(true);

    auto* row = new QHBoxLayout;
    row->addWidget(m_title, 1);
    row->addWidget(codeButton);
    row->addWidget(saveButton);
    row->addSpacing(12);
    row->addWidget(m_environments);
    return row;
}

void ComposerPanel::connectParts()
{
    m_editor->setCurlImporter([this](const QString& commandLine) {
        QString error;
        if (importCurl(commandLine, &error))
            return true;
        Q_EMIT message(error);
        return false;
    });
    connect(m_editor, &RequestEditor::changed, this, &ComposerPanel::updateTitle);
    // Typing ws:// turns the request into a session, and back.
    connect(m_editor, &RequestEditor::changed, this, &ComposerPanel::updateRunning);
    connect(m_editor, &RequestEditor::sendRequested, this, &ComposerPanel::send);
    connect(m_editor, &RequestEditor::sendButtonClicked, this, [this] {
        if (isWebSocketMode()) {
            if (m_webSocket->isActive())
                m_webSocket->close();
            else
                connectWebSocket(false);
        } else if (m_controller->isRunning()) {
            cancel();
        } else {
            send();
        }
    });

    RequestSender* sender = m_controller->sender();
    connect(sender, &RequestSender::started, this, &ComposerPanel::updateRunning);
    connect(sender, &RequestSender::headersReceived, this, &ComposerPanel::updateRunning);
    connect(sender, &RequestSender::finished, this, &ComposerPanel::updateRunning);
    connect(sender, &RequestSender::started, this, [this] { m_editor->showCheckOutcome(nullptr); });
    connect(m_controller, &SendController::checked, this, &ComposerPanel::onChecked);
    connect(m_viewer, &ResponseViewer::saveBodyRequested, this, &ComposerPanel::saveResponseBody);
    connect(m_viewer, &ResponseViewer::proceedInsecureRequested, this,
        [this] { m_controller->send(request(), SendController::Mode::InsecureOnce); });
    connect(m_viewer, &ResponseViewer::sendAnywayRequested, this,
        [this] { m_controller->send(request(), SendController::Mode::UploadConfirmed); });
    connect(m_webSocket, &WebSocketSession::stateChanged, this, &ComposerPanel::updateRunning);
    connect(m_webSocket, &WebSocketSession::finished, this, &ComposerPanel::onWebSocketFinished);
    connect(m_webSocketView, &WebSocketView::connectInsecureRequested, this,
        [this] { connectWebSocket(true); });

    connect(m_sidebar, &ComposerSidebar::savedRequestActivated, this, &ComposerPanel::openSaved);
    connect(m_sidebar, &ComposerSidebar::historyEntryActivated, this, &ComposerPanel::openHistory);
    connect(m_sidebar, &ComposerSidebar::requestDeleted, this, &ComposerPanel::onRequestDeleted);
    connect(m_sidebar, &ComposerSidebar::requestMoved, this, &ComposerPanel::onRequestMoved);
    connect(m_sidebar, &ComposerSidebar::message, this, &ComposerPanel::message);
    connect(m_history, &RequestHistory::message, this, &ComposerPanel::message);
    connect(m_draft, &ComposerDraft::due, this, &ComposerPanel::writeDraft);
    connect(m_document, &WorkspaceDocument::opened, this, &ComposerPanel::onWorkspaceOpened);
    // An import (or its undo) wrote or deleted request files.
    connect(m_document, &WorkspaceDocument::savedRequestsChanged, m_sidebar,
        &ComposerSidebar::loadSavedRequests);
}

// ---------------------------------------------------------------- the open request

void ComposerPanel::onChecked(const server::CheckOutcome& outcome)
{
    m_editor->showCheckOutcome(&outcome);
    // Captured values go into the current environment (one undo step), so
    // the {{variables}} of the next request use them, as a run's would.
    const std::string current = toStd(m_environments->current());
    std::vector<server::Environment> environments = m_document->environments();
    auto env = std::find_if(environments.begin(), environments.end(),
        [&](const server::Environment& e) { return e.name == current; });
    if (env == environments.end())
        return;
    QStringList names;
    for (const server::CaptureOutcome& c : outcome.captures) {
        if (!c.captured)
            continue;
        auto var = std::find_if(env->variables.begin(), env->variables.end(),
            [&](const auto& v) { return v.first == c.variable; });
        if (var == env->variables.end())
            env->variables.emplace_back(c.variable, c.value);
        else if (var->second != c.value)
            var->second = c.value;
        else
            continue;
        names << toQt(c.variable);
    }
    if (!names.isEmpty())
        m_document->setEnvironments(
            environments, tr("Capture %1").arg(names.join(QStringLiteral(", "))));
}

ComposerRequest ComposerPanel::request() const
{
    return m_editor->request();
}

void ComposerPanel::setRequest(const server::SavedRequest& saved)
{
    m_current = saved;
    m_editor->setRequest(saved.request);
    updateTitle();
    updateRunning(); // a ws:// request shows its session, an http:// one the viewer
}

bool ComposerPanel::hasUnsavedChanges() const
{
    return m_editor->isModified();
}

void ComposerPanel::newRequest()
{
    server::SavedRequest fresh;
    fresh.request.url = "{{baseUrl}}/";
    fresh.request.connectTimeoutMs = 10000;
    fresh.request.totalTimeoutMs = 30000;
    setRequest(fresh);
    resetResponse();
    m_editor->focusUrl(false);
}

void ComposerPanel::tryRoute(const server::Route& route)
{
    server::SavedRequest example;
    example.request = server::exampleRequest(route);
    // A keyed route: pick the first active key that may call it and whose
    // secret this app holds.
    if (route.access.keyRequired) {
        if (std::string id = usableKeyFor(route, m_document->keys(), *m_secrets); !id.empty())
            example.request.keyId = std::move(id);
    }
    setRequest(example);
    // Not saved: "Try it" is a scratch request until the user saves it.
    m_current = server::SavedRequest {};
    resetResponse();
    updateTitle();
    if (route.access.keyRequired && example.request.keyId.empty())
        Q_EMIT message(tr("This route needs a key: create one on the Keys page or paste one on "
                          "the Auth tab."));
}

bool ComposerPanel::importCurl(const QString& commandLine, QString* error)
{
    server::SavedRequest imported;
    std::string why;
    if (!server::parseCurlCommand(toStd(commandLine), &imported.request, &why)) {
        if (error)
            *error = tr("Not a curl command this can read: %1").arg(toQt(why));
        return false;
    }
    if (imported.request.connectTimeoutMs == 0)
        imported.request.connectTimeoutMs = 10000;
    setRequest(imported);
    m_current = server::SavedRequest {};
    updateTitle();
    Q_EMIT message(tr("Imported the curl command."));
    return true;
}

void ComposerPanel::updateTitle()
{
    const QString name = m_current.fileName.empty() ? tr("Unsaved request") : toQt(m_current.name);
    const bool dirty = !m_current.fileName.empty() && hasUnsavedChanges();
    QString title = dirty ? name + QStringLiteral(" ●") : name;
    if (!m_current.folder.empty())
        title = toQt(m_current.folder) + QStringLiteral(" / ") + title;
    m_title->setText(title);
    m_title->setToolTip(dirty ? tr("Changed since saved (Ctrl+S saves)") : QString());
    m_draft->schedule();
}

// ---------------------------------------------------------------- sending

QString ComposerPanel::environment() const
{
    return m_environments->current();
}

void ComposerPanel::setEnvironment(const QString& name)
{
    m_environments->setCurrent(name);
}

QString ComposerPanel::builtinBaseUrl() const
{
    return m_controller->builtinBaseUrl();
}

RequestSender* ComposerPanel::sender() const
{
    return m_controller->sender();
}

void ComposerPanel::send()
{
    if (!isWebSocketMode()) {
        m_controller->send(request());
        return;
    }
    // Ctrl+Return connects, and once connected sends the message box.
    switch (m_webSocket->state()) {
    case WebSocketSession::State::Open:
        m_webSocketView->sendMessage();
        break;
    case WebSocketSession::State::Connecting:
    case WebSocketSession::State::Closing:
        break;
    case WebSocketSession::State::Idle:
    case WebSocketSession::State::Closed:
    case WebSocketSession::State::Failed:
        connectWebSocket(false);
        break;
    }
}

void ComposerPanel::cancel()
{
    if (m_webSocket->isActive())
        m_webSocket->close();
    else
        m_controller->cancel();
}

void ComposerPanel::updateRunning()
{
    const bool webSocket = isWebSocketMode();
    m_responses->setCurrentWidget(webSocket ? static_cast<QWidget*>(m_webSocketView) : m_viewer);
    if (!webSocket) {
        const bool running = m_controller->isRunning();
        m_editor->setRunning(running, m_controller->sender()->isStreaming());
        m_cancelAction->setEnabled(running);
        return;
    }
    const WebSocketSession::State state = m_webSocket->state();
    const bool active = m_webSocket->isActive();
    m_editor->setRunning(active);
    m_cancelAction->setEnabled(active);
    // RequestEditor's button knows Send, Cancel and Stop; a session's words
    // are put on it here.
    auto* button = m_editor->findChild<QToolButton*>(QStringLiteral("sendButton"));
    if (!button)
        return;
    if (state == WebSocketSession::State::Connecting) {
        button->setText(tr("Cancel"));
        button->setToolTip(tr("Stop connecting (Esc)"));
    } else if (active) {
        button->setText(tr("Disconnect"));
        button->setIcon(QIcon::fromTheme(QStringLiteral("network-disconnect")));
        button->setToolTip(tr("Close the session with 1000, normal closure (Esc)"));
    } else {
        button->setText(tr("Connect"));
        button->setIcon(QIcon::fromTheme(QStringLiteral("network-connect")));
        button->setToolTip(tr("Open a WebSocket session with this URL (Ctrl+Return)"));
    }
}

bool ComposerPanel::isWebSocketMode() const
{
    if (m_webSocket->isActive())
        return true;
    const ComposerRequest r = request();
    if (WebSocketSession::isWebSocketUrl(toQt(r.url)))
        return true;
    // A variable may hold the scheme ({{chatUrl}}/rooms/1).
    if (r.url.find("{{") == std::string::npos)
        return false;
    ComposerRequest expanded = r;
    QString problem;
    return m_controller->resolve(&expanded, &problem)
        && WebSocketSession::isWebSocketUrl(toQt(expanded.url));
}

void ComposerPanel::connectWebSocket(bool insecure)
{
    // A session still active goes to the history as itself before the
    // fields below describe the next one.
    m_webSocket->reset();
    ComposerRequest r = request();
    m_webSocketRequest = r;
    QString problem;
    if (!m_controller->resolve(&r, &problem)) {
        m_webSocketView->showProblem(problem);
        return;
    }
    if (insecure)
        r.insecure = true;
    m_webSocketEnvironment = environment();
    m_webSocketStartMs = QDateTime::currentMSecsSinceEpoch();
    m_webSocket->setLocalCaPem(m_controller->trustedCaPem());
    m_webSocket->open(r);
}

void ComposerPanel::onWebSocketFinished()
{
    // Like a request: the URL, the handshake's status (101 once it
    // switched protocols), how long the session lasted and what came in.
    server::HistoryEntry entry;
    entry.timeMs = m_webSocketStartMs;
    entry.request = withKeyReference(m_webSocketRequest, m_document->keys(), m_secrets);
    entry.environment = toStd(m_webSocketEnvironment);
    entry.status = m_webSocket->handshakeStatus();
    entry.totalMs = m_webSocket->durationMs();
    entry.bytes = m_webSocket->log()->bytesReceived();
    if (m_webSocket->state() == WebSocketSession::State::Failed)
        entry.error = toStd(m_webSocket->failure());
    m_history->append(std::move(entry));
}

void ComposerPanel::resetResponse()
{
    m_viewer->clear();
    m_webSocket->reset();
    updateRunning();
}

void ComposerPanel::saveResponseBody()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Response Body"));
    if (path.isEmpty())
        return;
    QString error;
    if (m_controller->sender()->saveBody(path, &error))
        Q_EMIT message(tr("Saved the body to %1.").arg(QDir::toNativeSeparators(path)));
    else
        QMessageBox::warning(this, tr("Save Response Body"), error);
}

void ComposerPanel::copyAs(bool httpx)
{
    ComposerRequest r = request();
    QString problem;
    if (!m_controller->resolve(&r, &problem)) {
        Q_EMIT message(problem);
        return;
    }
    const std::string text = httpx ? server::toHttpx(r) : server::toCurlCommand(r);
    QApplication::clipboard()->setText(toQt(text));
    Q_EMIT message(httpx ? tr("Copied the request as a Python httpx snippet.")
                         : tr("Copied the request as a curl command."));
}

// ---------------------------------------------------------------- saving

bool ComposerPanel::save()
{
    if (!m_document->isOpen())
        return false;
    server::SavedRequest saved = m_current;
    saved.request = withKeyReference(request(), m_document->keys(), m_secrets);
    if (saved.fileName.empty()) {
        bool ok = false;
        const QString suggested = QStringLiteral("%1 %2").arg(
            toQt(saved.request.method), QUrl(toQt(saved.request.url)).path());
        const QString name = QInputDialog::getText(this, tr("Save Request"),
            tr("Name of the request:"), QLineEdit::Normal, suggested.trimmed(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return false;
        saved.name = toStd(name.trimmed());
        saved.folder = toStd(m_sidebar->selectedFolder());
    }
    std::string error;
    if (!server::saveRequest(pathFromQt(m_document->directory()), &saved, &error)) {
        QMessageBox::warning(
            this, tr("Save Request"), tr("Could not save the request: %1").arg(toQt(error)));
        return false;
    }
    const bool keyWasPasted = saved.request.keyId != request().keyId;
    setRequest(saved);
    m_sidebar->showSaved(saved);
    Q_EMIT message(keyWasPasted ? tr("Saved %1. The key was recognised as a workspace key and is "
                                     "stored as a reference, not as text.")
                                      .arg(toQt(saved.name))
                                : tr("Saved %1.").arg(toQt(saved.name)));
    return true;
}

bool ComposerPanel::confirmDiscard()
{
    if (!hasUnsavedChanges() || m_current.fileName.empty())
        return true; // scratch requests live on in the history and the draft
    const auto answer = QMessageBox::question(this, tr("Unsaved Request"),
        tr("Save the changes to %1?").arg(toQt(m_current.name)),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void ComposerPanel::writeDraft() const
{
    if (!m_document->isOpen())
        return;
    if (!m_current.fileName.empty()) {
        m_draft->remove(); // a saved request is its own file
        return;
    }
    m_draft->write(withKeyReference(request(), m_document->keys(), m_secrets));
}

void ComposerPanel::readDraft()
{
    if (const std::optional<server::SavedRequest> draft = m_draft->read())
        setRequest(*draft);
}

// ---------------------------------------------------------------- the sidebar

SavedRequestModel* ComposerPanel::savedModel() const
{
    return m_sidebar->savedModel();
}

HistoryModel* ComposerPanel::historyModel() const
{
    return m_history->model();
}

void ComposerPanel::openSaved(const server::SavedRequest& request)
{
    if (!confirmDiscard())
        return;
    setRequest(request);
    resetResponse();
}

void ComposerPanel::openHistory(const server::HistoryEntry& entry)
{
    if (!confirmDiscard())
        return;
    server::SavedRequest again;
    again.request = entry.request;
    setRequest(again);
    setEnvironment(toQt(entry.environment));
}

void ComposerPanel::onRequestDeleted(const server::SavedRequest& request)
{
    if (m_current.folder == request.folder && m_current.fileName == request.fileName) {
        // Keep what is in the editor; it is simply not saved any more.
        m_current = server::SavedRequest {};
        updateTitle();
    }
}

void ComposerPanel::onRequestMoved(const server::SavedRequest& from, const server::SavedRequest& to)
{
    if (m_current.folder == from.folder && m_current.fileName == from.fileName) {
        m_current.folder = to.folder;
        m_current.fileName = to.fileName;
        updateTitle();
    }
}

// ---------------------------------------------------------------- the workspace

void ComposerPanel::onWorkspaceOpened()
{
    // A session with the old workspace's request ends in its history.
    m_webSocket->reset();
    m_sidebar->loadSavedRequests();
    m_history->open(m_document->directory());

    QStringList ids;
    for (const server::ApiKey& key : m_document->keys())
        ids << toQt(key.id);
    m_secrets->load(ids);

    m_environments->reload();
    newRequest();
    readDraft();
}

void ComposerPanel::openRunner(const QString& folder)
{
    if (!m_runner)
        m_runner = new RunnerDialog(m_document, m_server, m_secrets, this);
    if (!m_runner->isRunning())
        m_runner->prepare(folder, environment());
    m_runner->show();
    m_runner->raise();
    m_runner->activateWindow();
}

void ComposerPanel::manageEnvironments()
{
    EnvironmentDialog dialog(m_document->environments(), builtinBaseUrl(), this);
    dialog.setCurrentEnvironment(environment());
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_document->setEnvironments(dialog.environments(), tr("Edit environments"));
    setEnvironment(dialog.currentEnvironment());
}

} // namespace tollgate::ui
