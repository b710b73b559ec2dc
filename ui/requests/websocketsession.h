#pragma once

#include "server/composer/composerrequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

class QTimer;
class QWebSocket;

namespace tollgate::ui {

class WebSocketLogModel;

/// The composer's WebSocket session: one connection at a time with
/// QWebSocket, everything that crosses it written to a WebSocketLogModel.
///
/// The handshake carries the request's own headers and what the auth helper
/// adds (Authorization or the API key header), built the way an HTTP request
/// is (outgoingrequest); the body is not used. The connect timeout covers
/// connecting and the handshake; an open session has no time limit.
///
/// TLS (wss://) trusts what the composer's https:// requests trust: the
/// system's authorities, plus those given to setTrustedCaPem(); a request
/// with "Verify TLS certificates" off accepts any certificate, as there.
///
/// How a session ends is kept: the close code and reason of a Close frame
/// (whoever sent it), or why it failed, in a sentence: refused, handshake
/// answered with an HTTP status (401, 429, ...), a certificate, a dropped
/// connection.
class WebSocketSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketSession)

public:
    enum class State {
        Idle, ///< never opened
        Connecting, ///< TCP, TLS and the handshake
        Open,
        Closing, ///< a Close frame is on its way, the answer not yet in
        Closed, ///< ended with a Close frame (closeCode(), closeReason())
        Failed, ///< ended without one (failure())
    };
    Q_ENUM(State)

    explicit WebSocketSession(QObject* parent = nullptr);
    ~WebSocketSession() override;

    WebSocketLogModel* log() const { return m_log; }

    /// Authorities to trust for wss:// besides the system's, as PEM (one or
    /// more certificates). False, trusting nothing more, when the text holds
    /// no certificate. Applies from the next open().
    bool setTrustedCaPem(const QByteArray& pem);
    /// The app's local certificate authority (the embedded server's HTTPS
    /// certificate comes from it), trusted besides the system's and
    /// setTrustedCaPem()'s; empty for none. Applies from the next open().
    void setLocalCaPem(const QByteArray& pem);

    /// Connects to r's ws:// or wss:// URL (variables expanded, the key's
    /// secret filled in by the caller); a session still open is closed
    /// (1001, going away) first. The log starts again.
    void open(const server::ComposerRequest& r);
    /// Back to Idle with an empty log, for another request; a session still
    /// active ends first (1001, going away), with its finished().
    void reset();
    /// Sends a text message; false, sending nothing, unless open.
    bool sendText(const QString& text);
    /// Open: sends a Close frame with code (1000: normal closure) and waits
    /// for the server's. Connecting: gives up. Otherwise nothing.
    void close(int code = 1000, const QString& reason = {});

    State state() const { return m_state; }
    /// Connecting, open or closing.
    bool isActive() const;
    QUrl url() const { return m_url; }
    /// Since open(); 0 before it.
    qint64 elapsedMs() const;
    /// How long the session lasted, or has lasted so far.
    qint64 durationMs() const;
    /// When the handshake completed, since open(); -1 before it.
    qint64 openedAtMs() const { return m_openedAtMs; }

    /// The Close frame's code and reason (Closed), 0 and empty otherwise.
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    /// Whether the server sent the first Close frame.
    bool closedByServer() const { return m_closedByServer; }
    /// Why the session failed (Failed); empty otherwise.
    QString failure() const { return m_failure; }
    /// The HTTP status that refused the handshake; 101 once it succeeded, 0
    /// when no answer came.
    int handshakeStatus() const { return m_handshakeStatus; }
    /// Failed only because the server's identity could not be verified
    /// (self-signed, unknown issuer, other name): connecting without
    /// verification would work.
    bool tlsIdentityUnverified() const { return m_tlsIdentityUnverified; }

    /// "1000 Normal closure", "4001": a close code with its RFC 6455 name.
    static QString closeCodeText(int code);
    /// The HTTP status that refused a handshake, read from Qt's error text
    /// (Qt reports it no other way; the wording differs between versions);
    /// 0 when the text names none.
    static int handshakeStatusIn(const QString& errorString);
    /// Whether text starts with ws:// or wss://.
    static bool isWebSocketUrl(const QString& text);

Q_SIGNALS:
    void stateChanged(State state);
    /// The session is over (Closed or Failed); comes once per open().
    void finished();

private:
    void setState(State state);
    /// Ends an active session for the next one (1001, going away).
    void endActive();
    /// Forgets how the last session went.
    void clearSession();
    void onConnected();
    void onDisconnected();
    void onError();
    void onAboutToClose();
    /// Ends the session as Failed; an error row in the log unless cancelled.
    void fail(const QString& text, bool cancelled = false);
    void finish();
    /// Why the socket failed, in a sentence; notes the handshake status
    /// and whether only the certificate's identity was the problem.
    QString describeError();
    void discardSocket();

    WebSocketLogModel* m_log;
    QWebSocket* m_socket = nullptr;
    QTimer* m_connectTimer;
    QTimer* m_closeTimer; // a server that never answers our Close frame
    quint64 m_generation = 0; // which open() a queued failure belongs to
    QElapsedTimer m_clock;
    State m_state = State::Idle;
    QUrl m_url;
    bool m_insecure = false;
    int m_connectTimeoutMs = 0;
    qint64 m_openedAtMs = -1;
    qint64 m_endedAtMs = -1;
    bool m_closeFrameSeen = false; // Qt signals aboutToClose for either side's frame
    bool m_closedByServer = false;
    int m_closeCode = 0;
    QString m_closeReason;
    QString m_failure;
    int m_handshakeStatus = 0;
    bool m_tlsIdentityUnverified = false;
    QByteArray m_trustedCaPem;
    QByteArray m_localCaPem;
#if QT_CONFIG(ssl)
    QList<QSslError> m_sslErrors;
#endif
};

} // namespace tollgate::ui
