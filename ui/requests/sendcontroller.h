#pragma once

#include "server/checks/checkevaluation.h"
#include "server/composer/composerrequest.h"
#include "server/composer/variables.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace tollgate::ui {

class EnvironmentPicker;
class RequestHistory;
class RequestSender;
class ResponseViewer;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// Sends what the request editor holds: fills in the chosen environment's
/// {{variables}} and the secret of a picked key, asks before uploading files
/// from outside the workspace to another machine, runs RequestSender (one
/// request at a time, with its timeouts), shows the outcome in the viewer
/// (an event stream as it arrives) and records it in the history.
class SendController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendController)

public:
    enum class Mode {
        Normal,
        InsecureOnce, ///< this once, whatever the request says, skip TLS verification
        UploadConfirmed, ///< the user agreed to the upload the viewer asked about
    };

    SendController(const WorkspaceDocument* document, const ServerController* server,
        SecretStore* secrets, const EnvironmentPicker* environments, RequestHistory* history,
        ResponseViewer* viewer, QObject* parent = nullptr);
    ~SendController() override;

    RequestSender* sender() const { return m_sender; }
    /// The certificate authorities trusted besides the system's: the app's
    /// local CA, which the embedded server's HTTPS certificate comes from.
    QByteArray trustedCaPem() const;
    bool isRunning() const;
    /// What {{baseUrl}} means when the environment does not set it.
    QString builtinBaseUrl() const;

    /// Expands r with the chosen environment and fills in the secret of its
    /// key. False, with *problem saying why in a sentence, when something is
    /// not defined or not known.
    bool resolve(server::ComposerRequest* r, QString* problem) const;
    /// The chosen environment's variables, then the builtins ({{baseUrl}},
    /// {{wsBaseUrl}}).
    server::VariableLookup variableLookup() const;
    /// Sends r (as edited, unexpanded); a running request is cancelled first.
    void send(server::ComposerRequest r, Mode mode = Mode::Normal);
    void cancel();

Q_SIGNALS:
    /// A request with tests got an answer: what each assertion and capture
    /// gave (not emitted for a request without tests, nor for one that got
    /// no answer).
    void checked(const server::CheckOutcome& outcome);

private:
    void onFinished();
    /// The files r would upload from outside the workspace to another machine.
    QStringList outsideUploads(const server::ComposerRequest& r) const;

    const WorkspaceDocument* m_document;
    const ServerController* m_server;
    SecretStore* m_secrets;
    const EnvironmentPicker* m_environments;
    RequestHistory* m_history;
    ResponseViewer* m_viewer;
    RequestSender* m_sender;
    server::ComposerRequest m_sent; // what the running request was, unexpanded
    QSet<QString> m_confirmedUploads; // host + files the user agreed to send
    QString m_pendingUpload;
};

} // namespace tollgate::ui
