#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace tollgate::ui {

/// Header fields in order, as sent or received.
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

/// The first field of that name (case-insensitive), or -1.
int indexOfHeader(const RawHeaders& headers, const QByteArray& name);

/// What came back (or why nothing did).
struct ComposerResponse {
    enum class Error {
        None,
        Cancelled,
        InvalidUrl,
        ConnectionRefused,
        HostNotFound,
        ConnectTimeout,
        TotalTimeout,
        Tls,
        BodyFile, ///< the body file to send could not be read
        Network, ///< anything else; errorText says what
    };

    int status = 0; ///< 0 when no response arrived
    QString reason;
    RawHeaders headers; ///< as received, in order
    QString protocol; ///< "HTTP/1.1" or "HTTP/2"
    QUrl finalUrl; ///< after redirects
    int redirects = 0;

    /// The first previewLimit bytes of the (decoded) body. Bodies up to that
    /// size are held only here; larger ones are spooled, whole, to bodyFile
    /// and never held in memory.
    QByteArray preview;
    qint64 size = 0; ///< body bytes received
    bool truncated = false; ///< size > preview.size(); the rest is in bodyFile
    QString bodyFile; ///< temp file with the whole body when truncated

    qint64 ttfbMs = -1; ///< send to first response byte; -1 when none
    qint64 totalMs = 0;

    Error error = Error::None;
    QString errorText; ///< one plain sentence for people
    QStringList tlsErrors; ///< the certificate problems, when error == Tls
    bool tlsSelfSigned = false; ///< proceeding (insecure) would work

    QByteArray header(const QByteArray& name) const; ///< case-insensitive, first
    /// Content-Type text/event-stream: Server-Sent Events, shown as they arrive.
    bool isEventStream() const;
};

} // namespace tollgate::ui
