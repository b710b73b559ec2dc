#pragma once

#include "server/composer/composerrequest.h"
#include "ui/requests/composerresponse.h"

#include <QObject>
#include <QString>

#include <memory>

namespace tollgate::ui {

/// Sends one composer request at a time with QNetworkAccessManager and
/// collects the answer without blocking the event loop: the body streams to
/// a preview buffer and, past previewLimit, to a temporary file.
///
/// The request passed to send() is final: variables expanded and the token
/// of a picked key filled in by the caller.
///
/// What is sent besides the request's own headers:
/// - the auth helper's header (Authorization, or the API key header)
///   replaces a typed header of the same name;
/// - Content-Type application/x-www-form-urlencoded for Raw and Form bodies
///   and application/octet-stream for File bodies, unless one is typed (as
///   curl does for --data); Multipart always uses its own, with the boundary;
/// - User-Agent "Tollgate/<version>" unless one is typed;
/// - Accept-Encoding "identity" when compressed is off (Qt would otherwise
///   offer gzip), unless one is typed. When compressed is on Qt offers gzip
///   and deflate and decodes the body; a typed Accept-Encoding turns that off.
/// No cookies are stored or added, nothing is cached.
///
/// A text/event-stream answer does not end by itself: once its head has
/// come, the total timeout counts silence instead (it restarts with every
/// byte, a heartbeat comment included), so a stream that keeps sending is
/// never cut, and one that stays silent for that long is. The time to the
/// head is still bounded by it.
///
/// The request itself is built by outgoingrequest, the body kept by
/// ResponseSpool, and failures put in words by replyfailure.
class RequestSender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestSender)

public:
    static constexpr qint64 defaultPreviewLimit = 2 * 1024 * 1024;

    explicit RequestSender(QObject* parent = nullptr);
    ~RequestSender() override;

    void setPreviewLimit(qint64 bytes) { m_previewLimit = bytes; }
    qint64 previewLimit() const { return m_previewLimit; }

    /// Trusts the certificate authorities in `pem` for https:// URLs, besides
    /// the system's (the app's local CA, for the embedded server over
    /// HTTPS); empty trusts the system's alone. False when `pem` holds no
    /// certificate (nothing extra is trusted then).
    bool setTrustedCaPem(const QByteArray& pem);
    /// Starts the request; a running one is cancelled first (its finished()
    /// comes before this started()). Relative file paths (body file,
    /// multipart @file) resolve against baseDir. finished() for this request
    /// always comes from the event loop, never from inside send(), even when
    /// the request is rejected before sending (InvalidUrl, BodyFile).
    void send(const server::ComposerRequest& request, const QString& baseDir = {});
    /// Aborts the running request; finished() with Error::Cancelled is
    /// emitted before this returns. Does nothing when none is running.
    void cancel();
    bool isRunning() const;
    /// Running, and the answer is a text/event-stream whose head has come.
    bool isStreaming() const;

    /// The response of the last request (complete after finished()).
    const ComposerResponse& response() const { return m_response; }
    /// Writes the whole body of the last response to path.
    bool saveBody(const QString& path, QString* error) const;

Q_SIGNALS:
    void started();
    /// Status line and headers have arrived.
    void headersReceived();
    /// Body bytes so far; total is -1 when unknown.
    void progress(qint64 received, qint64 total);
    /// The body bytes just received, atMs after the request was sent (after
    /// a redirect, those of the new answer). The last ones may come after
    /// isRunning() turned false, right before finished(); a listener must
    /// not send or cancel from here.
    void bodyReceived(const QByteArray& bytes, qint64 atMs);
    void finished();

private:
    struct Private;
    std::unique_ptr<Private> d;
    ComposerResponse m_response;
    qint64 m_previewLimit = defaultPreviewLimit;
};

} // namespace tollgate::ui
