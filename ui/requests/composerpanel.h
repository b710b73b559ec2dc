#pragma once

#include "server/checks/checkevaluation.h"
#include "server/composer/composerrequest.h"
#include "server/composer/history.h"

#include <QString>
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QSplitter;
class QStackedWidget;

namespace tollgate::ui {

class ComposerDraft;
class ComposerSidebar;
class EnvironmentPicker;
class HistoryModel;
class RequestEditor;
class RequestHistory;
class RequestSender;
class ResponseViewer;
class RunnerDialog;
class SavedRequestModel;
class SecretStore;
class SendController;
class ServerController;
class WebSocketSession;
class WebSocketView;
class WorkspaceDocument;

/// The Requests page: saved requests and history on the left (ComposerSidebar),
/// the request being composed on top (RequestEditor, with the environment
/// picker and the request's name), its response below (ResponseViewer).
/// SendController sends it; the page keeps which saved request is open and
/// saves it, and ComposerDraft keeps what is not saved.
///
/// A ws:// or wss:// URL (as typed or once its variables are filled in)
/// makes the request a WebSocket session: Send reads Connect, then
/// Disconnect, and the lower half shows the session (WebSocketView) instead
/// of the response viewer for as long as the URL is one or a session is
/// active. A session ending goes into the history like a request.
class ComposerPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerPanel)

public:
    ComposerPanel(WorkspaceDocument* document, ServerController* server, SecretStore* secrets,
        QWidget* parent = nullptr);
    ~ComposerPanel() override;

    /// The request as currently edited.
    server::ComposerRequest request() const;
    /// Loads a request into the editor (a saved one keeps its file).
    void setRequest(const server::SavedRequest& request);
    const server::SavedRequest& current() const { return m_current; }
    bool hasUnsavedChanges() const;

    /// "Try it": a new request for this route with a matching example.
    void tryRoute(const server::Route& route);
    /// Replaces the request with a parsed cURL command line.
    bool importCurl(const QString& commandLine, QString* error);

    QString environment() const;
    void setEnvironment(const QString& name);
    /// What {{baseUrl}} means when the environment does not set it.
    QString builtinBaseUrl() const;

    RequestSender* sender() const;
    ResponseViewer* viewer() const { return m_viewer; }
    WebSocketView* webSocketView() const { return m_webSocketView; }
    WebSocketSession* webSocketSession() const { return m_webSocket; }
    /// Whether Send opens a WebSocket session: the URL is ws:// or wss://,
    /// or a session is still active.
    bool isWebSocketMode() const;
    SavedRequestModel* savedModel() const;
    HistoryModel* historyModel() const;

    QAction* sendAction() const { return m_sendAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* newAction() const { return m_newAction; }
    QAction* importCurlAction() const { return m_importCurlAction; }
    QAction* copyCurlAction() const { return m_copyCurlAction; }
    QAction* copyHttpxAction() const { return m_copyHttpxAction; }
    QAction* environmentsAction() const { return m_environmentsAction; }
    QAction* runAction() const { return m_runAction; }

    /// The collection runner's window for `folder` (empty: every saved
    /// request) in the current environment; a run going keeps its settings.
    void openRunner(const QString& folder);
    /// The runner's window once opened, or nullptr.
    RunnerDialog* runner() const { return m_runner; }

public Q_SLOTS:
    void send();
    void cancel();
    /// Saves to the request's file; a new request asks for a name first.
    bool save();
    void newRequest();
    /// Writes the unsaved request to .tollgate/ so nothing typed is lost.
    void writeDraft() const;
    /// Before the editor is replaced: a saved request with changes asks
    /// Save / Discard / Cancel. False when the user cancels.
    bool confirmDiscard();

Q_SIGNALS:
    void message(const QString& text);

private:
    void createActions();
    QWidget* buildRequestPage();
    QHBoxLayout* buildTitleRow(QWidget* page);
    void connectParts();
    void onWorkspaceOpened();
    void updateRunning();
    void updateTitle();
    void openSaved(const server::SavedRequest& request);
    void openHistory(const server::HistoryEntry& entry);
    void onRequestDeleted(const server::SavedRequest& request);
    void onRequestMoved(const server::SavedRequest& from, const server::SavedRequest& to);
    void saveResponseBody();
    void manageEnvironments();
    void copyAs(bool httpx);
    void readDraft();
    /// Opens a session with the request; insecure skips TLS verification
    /// this once ("Connect Anyway").
    void connectWebSocket(bool insecure);
    void onChecked(const server::CheckOutcome& outcome);
    void onWebSocketFinished();
    /// Another request is loaded: a session of the old one ends.
    void resetResponse();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    SecretStore* m_secrets;
    server::SavedRequest m_current; // what the editor was loaded from

    RequestHistory* m_history;
    ComposerDraft* m_draft;
    ComposerSidebar* m_sidebar = nullptr;
    EnvironmentPicker* m_environments = nullptr;
    RequestEditor* m_editor = nullptr;
    ResponseViewer* m_viewer = nullptr;
    WebSocketSession* m_webSocket = nullptr;
    WebSocketView* m_webSocketView = nullptr;
    QStackedWidget* m_responses = nullptr; // the viewer or the session
    SendController* m_controller = nullptr;
    QLabel* m_title = nullptr;
    QSplitter* m_splitter = nullptr;
    // The session's request as written, its environment and start, for
    // the history.
    server::ComposerRequest m_webSocketRequest;
    QString m_webSocketEnvironment;
    qint64 m_webSocketStartMs = 0;

    QAction* m_sendAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_importCurlAction = nullptr;
    QAction* m_copyCurlAction = nullptr;
    QAction* m_copyHttpxAction = nullptr;
    QAction* m_environmentsAction = nullptr;
    QAction* m_runAction = nullptr;
    RunnerDialog* m_runner = nullptr;
    QAction* m_focusUrlAction = nullptr;
};

} // namespace tollgate::ui
