#include "ui/requests/replyfailure.h"

#include "ui/requests/requestsender.h"

#include <QNetworkReply>
#include <QUrl>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <initializer_list>

namespace tollgate::ui {

using Error = ComposerResponse::Error;

namespace {

// The HTTP status errors QNetworkReply reports for 4xx/5xx answers. Those are
// answers, not failures; ContentReSendError is a real failure.
bool isHttpStatusError(QNetworkReply::NetworkError code)
{
    return (code >= QNetworkReply::ContentAccessDenied && code <= QNetworkReply::UnknownContentError
               && code != QNetworkReply::ContentReSendError)
        || code == QNetworkReply::ProtocolInvalidOperationError
        || code == QNetworkReply::ProxyAuthenticationRequiredError
        || (code >= QNetworkReply::InternalServerError
            && code <= QNetworkReply::UnknownServerError);
}

#if QT_CONFIG(ssl)
bool isUnverifiedIdentity(QSslError::SslError e)
{
    switch (e) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::HostNameMismatch:
    case QSslError::CertificateUntrusted:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return true;
    default:
        return false;
    }
}

bool hasAny(const QList<QSslError>& errors, std::initializer_list<QSslError::SslError> kinds)
{
    return std::any_of(errors.begin(), errors.end(), [&](const QSslError& e) {
        return std::find(kinds.begin(), kinds.end(), e.error()) != kinds.end();
    });
}
#endif

} // namespace

QString hostPort(const QUrl& url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(port);
}

QString withoutFinalPeriod(QString text)
{
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

Error replyFailure(const QNetworkReply& reply, bool answered, QString* text)
{
    const auto code = reply.error();
    if (code == QNetworkReply::NoError || (answered && isHttpStatusError(code)))
        return Error::None;
    const QUrl where = reply.url();
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        *text = RequestSender::tr("Could not connect to %1: connection refused.")
                    .arg(hostPort(where));
        return Error::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        *text = RequestSender::tr("Could not find the host %1.").arg(where.host());
        return Error::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
        *text = RequestSender::tr("The secure connection to %1 failed: %2.")
                    .arg(hostPort(where), withoutFinalPeriod(reply.errorString()));
        return Error::Tls;
    case QNetworkReply::RemoteHostClosedError:
        *text = answered ? RequestSender::tr(
                    "The server closed the connection before the whole response arrived.")
                         : RequestSender::tr("The server closed the connection without answering.");
        return Error::Network;
    case QNetworkReply::TimeoutError:
        *text = RequestSender::tr("The connection to %1 timed out.").arg(hostPort(where));
        return Error::Network;
    case QNetworkReply::InsecureRedirectError:
        *text = RequestSender::tr(
            "The server redirected from https:// to http://, which is not followed.");
        return Error::Network;
    case QNetworkReply::TooManyRedirectsError:
        *text = RequestSender::tr("Stopped after too many redirects.");
        return Error::Network;
    default:
        *text = RequestSender::tr("The request failed: %1.")
                    .arg(withoutFinalPeriod(reply.errorString()));
        return Error::Network;
    }
}

#if QT_CONFIG(ssl)
QString tlsFailureText(const QList<QSslError>& errors, const QUrl& url)
{
    if (hasAny(
            errors, { QSslError::SelfSignedCertificate, QSslError::SelfSignedCertificateInChain }))
        return RequestSender::tr(
            "The server's certificate is self-signed, so its identity cannot be verified.");
    if (hasAny(errors,
            { QSslError::CertificateUntrusted, QSslError::UnableToGetLocalIssuerCertificate,
                QSslError::UnableToGetIssuerCertificate,
                QSslError::UnableToVerifyFirstCertificate }))
        return RequestSender::tr("The server's certificate is not issued by an authority this "
                                 "computer trusts, so its identity cannot be verified.");
    if (hasAny(errors, { QSslError::HostNameMismatch }))
        return RequestSender::tr("The server's certificate is not valid for %1.").arg(url.host());
    if (hasAny(errors, { QSslError::CertificateExpired }))
        return RequestSender::tr("The server's certificate has expired.");
    return RequestSender::tr("The server's certificate was rejected: %1.")
        .arg(withoutFinalPeriod(errors.first().errorString()));
}

bool onlyIdentityUnverified(const QList<QSslError>& errors)
{
    return !errors.isEmpty() && std::all_of(errors.begin(), errors.end(), [](const QSslError& e) {
        return isUnverifiedIdentity(e.error());
    });
}
#endif

} // namespace tollgate::ui
