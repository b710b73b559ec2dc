#pragma once

// Why a composer request got no (whole) answer, in one plain sentence for
// people rather than Qt's error strings.

#include "ui/requests/composerresponse.h"

#include <QList>
#include <QString>
#include <QtNetwork/qtnetworkglobal.h>

class QNetworkReply;
class QSslError;
class QUrl;

namespace tollgate::ui {

/// How a finished reply failed: Error::None when it did not (an HTTP error
/// status is an answer, not a failure; answered says whether a status line
/// came), otherwise the kind of failure and *text.
ComposerResponse::Error replyFailure(const QNetworkReply& reply, bool answered, QString* text);

#if QT_CONFIG(ssl)
/// The certificate problems of a refused TLS connection, as one sentence.
QString tlsFailureText(const QList<QSslError>& errors, const QUrl& url);
/// Whether every problem is only that the server's identity cannot be
/// verified (self-signed, unknown issuer, other name): proceeding
/// insecurely would work.
bool onlyIdentityUnverified(const QList<QSslError>& errors);
#endif

/// "host:port" (the scheme's port when none is given; IPv6 in brackets).
QString hostPort(const QUrl& url);
/// Qt's and the OS's sentences end in a period; ours put them mid-sentence.
QString withoutFinalPeriod(QString text);

} // namespace tollgate::ui
