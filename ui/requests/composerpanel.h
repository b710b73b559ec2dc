#pragma once

#include "server/composer/composerrequest.h"
#include "server/composer/history.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTableView;
class QToolButton;
class QTreeView;

namespace tollgate::ui {

class BodyEditor;
class HeaderTableModel;
class HistoryModel;
class QueryParamModel;
class RequestSender;
class ResponseViewer;
class SavedRequestModel;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// The Requests page: saved requests and history on the left, the request
/// being composed on top (method, URL, params, headers, body, auth,
/// options), its response below. Sends with RequestSender after expanding
/// {{variables}} of the chosen environment; baseUrl defaults to the embedded
/// server.
class ComposerPanel : public QWidget {
    Q_OBJECT

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

    RequestSender* sender() const { return m_sender; }
    ResponseViewer* viewer() const { return m_viewer; }
    SavedRequestModel* savedModel() const { return m_saved; }
    HistoryModel* historyModel() const { return m_history; }

    QAction* sendAction() const { return m_sendAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* newAction() const { return m_newAction; }
    QAction* importCurlAction() const { return m_importCurlAction; }
    QAction* copyCurlAction() const { return m_copyCurlAction; }
    QAction* copyHttpxAction() const { return m_copyHttpxAction; }
    QAction* environmentsAction() const { return m_environmentsAction; }

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
    QWidget* buildSidebar();
    QWidget* buildRequestEditor();
    QWidget* buildBodyTab();
    QWidget* buildAuthTab();
    QWidget* buildOptionsTab();
    QWidget* tableEditor(QTableView* view, const QString& addText, const QString& removeText);

    void createActions();
    void onWorkspaceOpened();
    void reloadEnvironments();
    void reloadKeyPicker();
    void onUrlEdited(const QString& text);
    void onFinished();
    void onBodyKindChanged();
    void onAuthKindChanged();
    void updateRunning();
    void updateTitle();
    void openSaved(const QModelIndex& index);
    void openHistory(const QModelIndex& index);
    void deleteSelected();
    void newFolder();
    void moveRequest(const server::SavedRequest& request, const QString& folder);
    void manageEnvironments();
    void copyAs(bool httpx);
    void sendWith(server::ComposerRequest request, bool insecureOnce, bool uploadConfirmed = false);
    QStringList outsideUploads(const server::ComposerRequest& expanded) const;
    bool resolve(server::ComposerRequest* request, QString* problem) const;
    server::ComposerRequest guarded(server::ComposerRequest request) const;
    QString selectedFolder() const;
    void readDraft();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    SecretStore* m_secrets;
    RequestSender* m_sender;
    std::unique_ptr<server::HistoryLog> m_historyLog;

    server::SavedRequest m_current; // what the editor was loaded from
    server::ComposerRequest m_baseline; // request() right after loading it
    server::ComposerRequest m_sent; // what the running request was, unexpanded
    bool m_loading = false;
    qsizetype m_urlLength = 0;
    QTimer* m_draftTimer = nullptr;
    QSet<QString> m_confirmedUploads; // host + files the user agreed to send
    QString m_pendingUpload;

    // Sidebar
    SavedRequestModel* m_saved;
    QTreeView* m_savedView = nullptr;
    HistoryModel* m_history;
    QSortFilterProxyModel* m_historyProxy;
    QTreeView* m_historyView = nullptr;
    QLineEdit* m_historySearch = nullptr;
    QTabWidget* m_sideTabs = nullptr;

    // Request
    QLabel* m_title = nullptr;
    QComboBox* m_environment = nullptr;
    QComboBox* m_method = nullptr;
    QLineEdit* m_url = nullptr;
    QToolButton* m_sendButton = nullptr;
    QTabWidget* m_tabs = nullptr;
    QueryParamModel* m_params;
    HeaderTableModel* m_headers;
    HeaderTableModel* m_formFields;
    QComboBox* m_bodyKind = nullptr;
    QStackedWidget* m_bodyStack = nullptr;
    BodyEditor* m_body = nullptr;
    QLineEdit* m_bodyFile = nullptr;
    QComboBox* m_authKind = nullptr;
    QStackedWidget* m_authStack = nullptr;
    QComboBox* m_keyPicker = nullptr;
    QLineEdit* m_token = nullptr;
    QLineEdit* m_apiKeyHeader = nullptr;
    QLabel* m_apiKeyHeaderLabel = nullptr;
    QLabel* m_keyNote = nullptr;
    QLineEdit* m_basicUser = nullptr;
    QLineEdit* m_basicPassword = nullptr;
    QCheckBox* m_followRedirects = nullptr;
    QComboBox* m_httpVersion = nullptr;
    QSpinBox* m_connectTimeout = nullptr;
    QSpinBox* m_totalTimeout = nullptr;
    QCheckBox* m_compressed = nullptr;
    QCheckBox* m_verifyTls = nullptr;

    ResponseViewer* m_viewer = nullptr;
    QSplitter* m_splitter = nullptr;

    QAction* m_sendAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_importCurlAction = nullptr;
    QAction* m_copyCurlAction = nullptr;
    QAction* m_copyHttpxAction = nullptr;
    QAction* m_environmentsAction = nullptr;
    QAction* m_focusUrlAction = nullptr;
};

} // namespace tollgate::ui
