#include "ui/requests/sendcontroller.h"

#include "server/checks/answerschemas.h"
#include "server/composer/variables.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/requests/composerkeys.h"
#include "ui/requests/environmentpicker.h"
#include "ui/requests/requesthistory.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>

#include <algorithm>

namespace tollgate::ui {

using server::ComposerRequest;

SendController::SendController(const WorkspaceDocument* document, const ServerController* server,
    SecretStore* secrets, const EnvironmentPicker* environments, RequestHistory* history,
    ResponseViewer* viewer, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_server(server)
    , m_secrets(secrets)
    , m_environments(environments)
    , m_history(history)
    , m_viewer(viewer)
    , m_sender(new RequestSender(this))
{
    connect(m_sender, &RequestSender::finished, this, &SendController::onFinished);
    // An event stream is shown as it comes; other answers once they are whole.
    connect(m_sender, &RequestSender::headersReceived, this,
        [this] { m_viewer->showHeaders(m_sender->response()); });
    connect(m_sender, &RequestSender::bodyReceived, m_viewer, &ResponseViewer::appendBody);
}

SendController::~SendController() = default;

bool SendController::isRunning() const
{
    return m_sender->isRunning();
}

QString SendController::builtinBaseUrl() const
{
    return m_server->expectedBaseUrl();
}

QByteArray SendController::trustedCaPem() const
{
    return m_server->trustedCaPem();
}

server::VariableLookup SendController::variableLookup() const
{
    const QString environment = m_environments->current();
    server::Environment env;
    for (const server::Environment& e : m_document->environments()) {
        if (toQt(e.name) == environment)
            env = e;
    }
    const auto base = server::environmentLookup(env, { { "baseUrl", toStd(builtinBaseUrl()) } });
    // {{wsBaseUrl}} (a WebSocket route's Try It): the environment's own, else
    // the base URL with its scheme made ws:// or wss://.
    return [base](std::string_view name) -> std::optional<std::string> {
        if (auto value = base(name); value || name != "wsBaseUrl")
            return value;
        auto url = base("baseUrl");
        if (url && url->starts_with("https://"))
            url->replace(0, 5, "wss");
        else if (url && url->starts_with("http://"))
            url->replace(0, 4, "ws");
        return url;
    };
}

bool SendController::resolve(ComposerRequest* r, QString* problem) const
{
    const QString environment = m_environments->current();
    const server::VariableLookup lookup = variableLookup();
    std::vector<std::string> unknown;
    ComposerRequest expanded = server::expandRequest(*r, lookup, &unknown);
    if (!unknown.empty()) {
        QStringList names;
        for (const std::string& n : unknown)
            names << QStringLiteral("{{%1}}").arg(toQt(n));
        *problem = tr("Not sent: %1 not defined in the environment \"%2\". Define it with "
                      "Environments…, or type the value.")
                       .arg(names.join(QStringLiteral(", ")), environment);
        // The demo's keyed requests use {{apiKey}}: the better fix there is
        // picking one of the workspace's keys.
        const bool inToken = std::any_of(unknown.begin(), unknown.end(),
            [&](const std::string& n) { return r->token.find("{{" + n) != std::string::npos; });
        if (inToken)
            *problem += QLatin1Char(' ')
                + tr("For the token, you can also pick one of this workspace's keys on the Auth "
                     "tab.");
        return false;
    }
    if (!r->keyId.empty()) {
        const QString secret = m_secrets->secret(toQt(r->keyId));
        if (secret.isEmpty()) {
            *problem = tr("Not sent: this app does not hold the secret of key %1. Paste the key "
                          "as a token, or pick another key.")
                           .arg(toQt(r->keyId));
            return false;
        }
        expanded.token = toStd(secret);
    }
    *r = expanded;
    return true;
}

QStringList SendController::outsideUploads(const ComposerRequest& r) const
{
    // A saved request from a shared workspace must not be able to upload,
    // say, ~/.ssh/id_ed25519 with one click.
    const QString host = QUrl(toQt(r.url)).host();
    const QHostAddress address(host);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || (!address.isNull() && address.isLoopback()))
        return {};
    QStringList paths;
    if (r.bodyKind == ComposerRequest::BodyKind::File)
        paths << toQt(r.bodyFile);
    if (r.bodyKind == ComposerRequest::BodyKind::Multipart) {
        for (const auto& [name, value] : r.formFields) {
            if (!value.empty() && value[0] == '@')
                paths << toQt(value.substr(1));
        }
    }
    const QString root = m_document->isOpen()
        ? QFileInfo(m_document->directory()).canonicalFilePath() + QLatin1Char('/')
        : QString();
    QStringList outside;
    for (const QString& path : paths) {
        const QFileInfo info(QDir(m_document->directory()), path);
        const QString canonical = info.canonicalFilePath();
        const QString shown = canonical.isEmpty() ? info.absoluteFilePath() : canonical;
        if (root.isEmpty() || !shown.startsWith(root))
            outside << QDir::toNativeSeparators(shown);
    }
    return outside;
}

void SendController::send(ComposerRequest r, Mode mode)
{
    if (m_sender->isRunning())
        m_sender->cancel();
    m_sent = r;
    QString problem;
    if (!resolve(&r, &problem)) {
        m_viewer->showProblem(problem);
        return;
    }
    if (mode != Mode::UploadConfirmed) {
        const QStringList files = outsideUploads(r);
        const QString host = QUrl(toQt(r.url)).host();
        const QString key = host + QLatin1Char('\n') + files.join(QLatin1Char('\n'));
        if (!files.isEmpty() && !m_confirmedUploads.contains(key)) {
            m_pendingUpload = key;
            m_viewer->showConfirmation(
                tr("This request uploads files from outside the workspace to %1. Send it?")
                    .arg(host),
                files.join(QLatin1Char('\n')));
            return;
        }
    } else if (!m_pendingUpload.isEmpty()) {
        m_confirmedUploads.insert(m_pendingUpload); // asked once per session
        m_pendingUpload.clear();
    }
    if (mode == Mode::InsecureOnce)
        r.insecure = true;
    m_viewer->showSending(toQt(r.url));
    // The embedded server over HTTPS shows the app's local CA's certificate.
    m_sender->setTrustedCaPem(trustedCaPem());
    m_sender->send(r, m_document->isOpen() ? m_document->directory() : QString());
}

void SendController::cancel()
{
    if (m_sender->isRunning())
        m_sender->cancel();
}

void SendController::onFinished()
{
    const ComposerResponse& response = m_sender->response();
    m_viewer->showResponse(response);

    server::HistoryEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.request = withKeyReference(m_sent, m_document->keys(), m_secrets);
    entry.environment = toStd(m_environments->current());
    entry.status = response.status;
    entry.totalMs = response.totalMs;
    entry.bytes = response.size;
    if (response.error != ComposerResponse::Error::None)
        entry.error = toStd(response.errorText);
    m_history->append(std::move(entry));

    if (m_sent.checks.empty() || response.status == 0
        || response.error == ComposerResponse::Error::Cancelled)
        return;
    server::ReceivedAnswer answer;
    answer.status = response.status;
    for (const auto& [name, value] : response.headers)
        answer.headers.push_back({ name.toStdString(), value.toStdString() });
    QByteArray body = response.preview;
    if (response.truncated && !response.bodyFile.isEmpty()) {
        // Checks read bodies up to 16 MiB; larger ones are checked by their start.
        QFile file(response.bodyFile);
        if (file.open(QIODevice::ReadOnly))
            body = file.read(16 * 1024 * 1024);
    }
    answer.body = body.toStdString();
    answer.totalMs = double(response.totalMs);
    // A schema check without its own schema takes the answering route's.
    const server::VariableLookup lookup = variableLookup();
    std::vector<std::string> unknown;
    const server::ComposerRequest sent = server::expandRequest(m_sent, lookup, &unknown);
    const server::AnswerSchemas schemas(m_document->workspace().routes, toStd(builtinBaseUrl()));
    Q_EMIT checked(server::evaluateChecks(
        m_sent.checks, answer, lookup, [&](int status) { return schemas.find(sent, status); }));
}

} // namespace tollgate::ui
