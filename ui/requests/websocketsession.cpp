#include "ui/requests/websocketsession.h"

#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"
#include "ui/requests/outgoingrequest.h"
#include "ui/requests/replyfailure.h"
#include "ui/requests/websocketlogmodel.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocket>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#endif

namespace tollgate::ui {

namespace {

// How long to wait for the server's answer to our Close frame before
// dropping the connection (RFC 6455 7.1.1 leaves it to the client).
constexpr int kCloseAnswerMs = 5000;

bool isSecure(const QUrl& url)
{
    return url.scheme() == QLatin1String("wss");
}

// replyfailure's hostPort() knows http's default ports, not ws's.
QString wsHostPort(const QUrl& url)
{
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(url.port(isSecure(url) ? 443 : 80));
}

QString webSocketUrlProblem(const QString& text, const QUrl& url)
{
    if (!url.isValid())
        return WebSocketSession::tr("\"%1\" is not a valid URL.").arg(text);
    if (url.scheme() != QLatin1String("ws") && !isSecure(url))
        return WebSocketSession::tr("A WebSocket URL starts with ws:// or wss://, not %1://.")
            .arg(url.scheme());
    if (url.host().isEmpty())
        return WebSocketSession::tr("\"%1\" has no host name.").arg(text);
    return {};
}

} // namespace

// Qt reports a handshake the server answered with anything but 101 only as
// an error string ("... Unhandled http status code: 403 (Forbidden)."), so
// the status is read back from there. A 401 reads differently in later Qt
// versions (6.8: "... Unsupported WWW-Authenticate challenges encountered." or,
// with a Basic or Digest challenge, "... Host requires authentication"),
// and names no status. 0 when it names none.
int WebSocketSession::handshakeStatusIn(const QString& errorString)
{
    static const QRegularExpression status(
        QStringLiteral("status code:?\\s*(\\d{3})"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression unauthorized(
        QStringLiteral("WWW-Authenticate|requires authentication"),
        QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = status.match(errorString); m.hasMatch())
        return m.captured(1).toInt();
    return unauthorized.match(errorString).hasMatch() ? 401 : 0;
}

namespace {

QString handshakeHint(int status)
{
    switch (status) {
    case 401:
    case 403:
        return WebSocketSession::tr("Check the token or key on the Auth tab.");
    case 404:
        return WebSocketSession::tr("There is no WebSocket endpoint at this path.");
    case 429:
        return WebSocketSession::tr("Too many requests: wait before connecting again.");
    default:
        if (status >= 200 && status < 400)
            return WebSocketSession::tr(
                "It answered as a plain HTTP server: is this a WebSocket endpoint?");
        return {};
    }
}

} // namespace

WebSocketSession::WebSocketSession(QObject* parent)
    : QObject(parent)
    , m_log(new WebSocketLogModel(this))
    , m_connectTimer(new QTimer(this))
    , m_closeTimer(new QTimer(this))
{
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        fail(tr("Could not connect to %1 within %2 ms.")
                 .arg(wsHostPort(m_url), QLocale().toString(m_connectTimeoutMs)));
    });
    m_closeTimer->setSingleShot(true);
    connect(m_closeTimer, &QTimer::timeout, this, [this] {
        fail(tr("The server did not answer the Close frame within %1 s; the connection was "
                "dropped.")
                 .arg(kCloseAnswerMs / 1000));
    });
}

WebSocketSession::~WebSocketSession()
{
    // No signals from a destructor: whoever listens may be half gone. The
    // socket (a child) says goodbye with 1001 as it is destroyed.
    if (m_socket)
        QObject::disconnect(m_socket, nullptr, this, nullptr);
}

void WebSocketSession::setLocalCaPem(const QByteArray& pem)
{
    m_localCaPem = pem;
}

bool WebSocketSession::setTrustedCaPem(const QByteArray& pem)
{
#if QT_CONFIG(ssl)
    if (QSslCertificate::fromData(pem, QSsl::Pem).isEmpty()) {
        m_trustedCaPem.clear();
        return false;
    }
    m_trustedCaPem = pem;
    return true;
#else
    Q_UNUSED(pem)
    return false;
#endif
}

bool WebSocketSession::isWebSocketUrl(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("ws://"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("wss://"), Qt::CaseInsensitive);
}

bool WebSocketSession::isActive() const
{
    return m_state == State::Connecting || m_state == State::Open || m_state == State::Closing;
}

qint64 WebSocketSession::elapsedMs() const
{
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

qint64 WebSocketSession::durationMs() const
{
    return m_endedAtMs >= 0 ? m_endedAtMs : elapsedMs();
}

void WebSocketSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void WebSocketSession::endActive()
{
    if (!isActive())
        return;
    // The session ends here, as far as anyone listening is concerned; its
    // Close frame is flushed before the socket goes.
    if (m_state == State::Open && m_socket) {
        setState(State::Closing);
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway);
    }
    m_closeCode = QWebSocketProtocol::CloseCodeGoingAway;
    m_log->addEvent(tr("Closed: %1").arg(closeCodeText(m_closeCode)), elapsedMs());
    setState(State::Closed);
    finish();
}

void WebSocketSession::clearSession()
{
    ++m_generation;
    m_log->reset();
    m_clock.invalidate();
    m_openedAtMs = -1;
    m_endedAtMs = -1;
    m_closeFrameSeen = false;
    m_closedByServer = false;
    m_closeCode = 0;
    m_closeReason.clear();
    m_failure.clear();
    m_handshakeStatus = 0;
    m_tlsIdentityUnverified = false;
#if QT_CONFIG(ssl)
    m_sslErrors.clear();
#endif
}

void WebSocketSession::reset()
{
    endActive();
    clearSession();
    setState(State::Idle);
}

void WebSocketSession::open(const server::ComposerRequest& r)
{
    endActive();
    clearSession();
    m_clock.start();
    const QString text = toQt(r.url).trimmed();
    m_url = QUrl(text, QUrl::TolerantMode);
    m_insecure = r.insecure;
    m_connectTimeoutMs = std::max(0, r.connectTimeoutMs);
    setState(State::Connecting);
    m_log->addEvent(tr("Connecting to %1").arg(m_url.toDisplayString()), 0);

    if (const QString problem = webSocketUrlProblem(text, m_url); !problem.isEmpty()) {
        // From the event loop, as a network failure would be: finished()
        // never comes from inside open().
        QTimer::singleShot(0, this, [this, problem, generation = m_generation] {
            if (generation == m_generation && m_state == State::Connecting)
                fail(problem);
        });
        return;
    }

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketSession::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(m_socket, &QWebSocket::aboutToClose, this, &WebSocketSession::onAboutToClose);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket, &QWebSocket::errorOccurred, this, &WebSocketSession::onError);
#else
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        &WebSocketSession::onError);
#endif
    connect(m_socket, &QWebSocket::textMessageReceived, this,
        [this](const QString& message) { m_log->addReceived(message, elapsedMs()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray& message) { m_log->addReceivedBinary(message, elapsedMs()); });
#if QT_CONFIG(ssl)
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        if (m_insecure)
            m_socket->ignoreSslErrors();
        else
            m_sslErrors += errors;
    });
    if (isSecure(m_url) && !(m_trustedCaPem.isEmpty() && m_localCaPem.isEmpty())) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromData(m_trustedCaPem, QSsl::Pem));
        tls.addCaCertificates(QSslCertificate::fromData(m_localCaPem, QSsl::Pem));
        m_socket->setSslConfiguration(tls);
    }
#endif

    // The handshake is a GET without a body: the request's headers and the
    // auth helper's, but no Content-Type for a body that is not sent and no
    // Accept-Encoding (Qt's WebSocket does not decode any).
    server::ComposerRequest handshake = r;
    handshake.bodyKind = server::ComposerRequest::BodyKind::None;
    handshake.compressed = true;
    if (m_connectTimeoutMs > 0)
        m_connectTimer->start(m_connectTimeoutMs);
    m_socket->open(networkRequest(handshake, m_url));
}

bool WebSocketSession::sendText(const QString& text)
{
    if (m_state != State::Open || !m_socket)
        return false;
    m_socket->sendTextMessage(text);
    m_log->addSent(text, text.toUtf8().size(), elapsedMs());
    return true;
}

void WebSocketSession::close(int code, const QString& reason)
{
    switch (m_state) {
    case State::Connecting:
        fail(tr("Cancelled before the connection opened."), true);
        return;
    case State::Open:
        // Closing first: Qt signals aboutToClose from inside close(), and
        // that must not read as the server's frame.
        setState(State::Closing);
        m_log->addEvent(tr("Closing: %1").arg(closeCodeText(code))
                + (reason.isEmpty() ? QString() : QStringLiteral(" · ") + reason),
            elapsedMs());
        m_closeTimer->start(kCloseAnswerMs);
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
        return;
    case State::Closing:
        fail(tr("Closed without waiting for the server's answer."), true);
        return;
    case State::Idle:
    case State::Closed:
    case State::Failed:
        return;
    }
}

void WebSocketSession::onConnected()
{
    m_connectTimer->stop();
    m_openedAtMs = elapsedMs();
    m_handshakeStatus = 101;
    QString text
        = tr("Connected in %1 ms (101 Switching Protocols)").arg(QLocale().toString(m_openedAtMs));
    if (const QString protocol = m_socket->subprotocol(); !protocol.isEmpty())
        text += QStringLiteral(" · ") + tr("subprotocol %1").arg(protocol);
    m_log->addEvent(text, m_openedAtMs);
    setState(State::Open);
}

void WebSocketSession::onAboutToClose()
{
    // Either side's Close frame: ours (state is Closing by now) or the
    // server's, which Qt answers right away.
    m_closeFrameSeen = true;
    if (m_state == State::Open) {
        m_closedByServer = true;
        setState(State::Closing);
    }
}

void WebSocketSession::onDisconnected()
{
    if (!m_closeFrameSeen) {
        fail(m_state == State::Connecting
                ? describeError()
                : tr("The connection dropped without a Close frame (1006, abnormal closure)."));
        return;
    }
    m_closeCode = int(m_socket->closeCode());
    m_closeReason = m_socket->closeReason();
    QString text = m_closedByServer ? tr("Closed by the server: %1").arg(closeCodeText(m_closeCode))
                                    : tr("Closed: %1").arg(closeCodeText(m_closeCode));
    if (!m_closeReason.isEmpty())
        text += QStringLiteral(" · ") + m_closeReason;
    m_log->addEvent(text, elapsedMs());
    setState(State::Closed);
    finish();
}

void WebSocketSession::onError()
{
    // After a Close frame the server closing the socket is how it ends.
    if (m_closeFrameSeen && m_socket->error() == QAbstractSocket::RemoteHostClosedError)
        return;
    fail(describeError());
}

QString WebSocketSession::describeError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString qtText = m_socket->errorString();
    if (const int status = handshakeStatusIn(qtText); status > 0) {
        m_handshakeStatus = status;
        QString phrase = reasonPhrase(status);
        QString text = tr("The server refused the WebSocket handshake: %1 %2.")
                           .arg(QString::number(status), phrase)
                           .replace(QStringLiteral(" ."), QStringLiteral("."));
        if (const QString hint = handshakeHint(status); !hint.isEmpty())
            text += QLatin1Char(' ') + hint;
        return text;
    }
#if QT_CONFIG(ssl)
    if (!m_sslErrors.isEmpty()) {
        m_tlsIdentityUnverified = onlyIdentityUnverified(m_sslErrors);
        return tlsFailureText(m_sslErrors, m_url);
    }
#endif
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return tr("Could not connect to %1: connection refused.").arg(wsHostPort(m_url));
    case QAbstractSocket::HostNotFoundError:
        return tr("Could not find the host %1.").arg(m_url.host());
    case QAbstractSocket::SocketTimeoutError:
        return tr("The connection to %1 timed out.").arg(wsHostPort(m_url));
    case QAbstractSocket::SslHandshakeFailedError:
        return tr("The secure connection to %1 failed: %2.")
            .arg(wsHostPort(m_url), withoutFinalPeriod(qtText));
    case QAbstractSocket::RemoteHostClosedError:
        return m_state == State::Connecting
            ? tr("The server closed the connection during the handshake.")
            : tr("The connection dropped without a Close frame (1006, abnormal closure).");
    default:
        return tr("The WebSocket connection failed: %1.").arg(withoutFinalPeriod(qtText));
    }
}

void WebSocketSession::fail(const QString& text, bool cancelled)
{
    if (!isActive())
        return;
    m_failure = text;
    if (cancelled)
        m_log->addEvent(text, elapsedMs());
    else
        m_log->addError(text, elapsedMs());
    setState(State::Failed);
    finish();
}

void WebSocketSession::finish()
{
    m_endedAtMs = elapsedMs();
    m_connectTimer->stop();
    m_closeTimer->stop();
    discardSocket();
    Q_EMIT finished();
}

void WebSocketSession::discardSocket()
{
    if (!m_socket)
        return;
    // Nothing from this socket may reach us once its session is over,
    // whatever abort() emits: the next open() must not hear from it.
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        m_socket->flush(); // a Close frame of ours still goes out
        m_socket->abort();
    }
    m_socket->deleteLater();
    m_socket = nullptr;
}

QString WebSocketSession::closeCodeText(int code)
{
    // RFC 6455 7.4.1 and the IANA registry; 4000-4999 are the application's.
    const char* name = nullptr;
    switch (code) {
    case 1000:
        name = QT_TR_NOOP("Normal closure");
        break;
    case 1001:
        name = QT_TR_NOOP("Going away");
        break;
    case 1002:
        name = QT_TR_NOOP("Protocol error");
        break;
    case 1003:
        name = QT_TR_NOOP("Unsupported data");
        break;
    case 1005:
        name = QT_TR_NOOP("No status code");
        break;
    case 1006:
        name = QT_TR_NOOP("Abnormal closure");
        break;
    case 1007:
        name = QT_TR_NOOP("Invalid payload data");
        break;
    case 1008:
        name = QT_TR_NOOP("Policy violation");
        break;
    case 1009:
        name = QT_TR_NOOP("Message too big");
        break;
    case 1010:
        name = QT_TR_NOOP("Mandatory extension");
        break;
    case 1011:
        name = QT_TR_NOOP("Internal error");
        break;
    case 1012:
        name = QT_TR_NOOP("Service restart");
        break;
    case 1013:
        name = QT_TR_NOOP("Try again later");
        break;
    case 1014:
        name = QT_TR_NOOP("Bad gateway");
        break;
    case 1015:
        name = QT_TR_NOOP("TLS handshake failed");
        break;
    default:
        return QString::number(code);
    }
    return QString::number(code) + QLatin1Char(' ') + tr(name);
}

} // namespace tollgate::ui
