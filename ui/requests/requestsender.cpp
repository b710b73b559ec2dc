#include "ui/requests/requestsender.h"

#include "ui/common/convert.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QLocale>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace tollgate::ui {

namespace {

using server::ComposerRequest;
using Error = ComposerResponse::Error;
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// Qt stops reading from the socket while this much is waiting for us, so a
// fast server cannot fill memory behind a slow disk.
constexpr qint64 kReadBufferBytes = 256 * 1024;
constexpr qint64 kReadChunkBytes = 64 * 1024;
constexpr qint64 kCopyChunkBytes = 1024 * 1024;

QString hostPort(const QUrl& url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(port);
}

QString duration(int ms)
{
    if (ms < 1000)
        return RequestSender::tr("%1 ms").arg(ms);
    return RequestSender::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'g', 4));
}

QString withoutFinalPeriod(QString text)
{
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

/// Why the URL cannot be sent, or empty when it can.
QString urlProblem(const QString& text, const QUrl& url)
{
    if (text.isEmpty())
        return RequestSender::tr("Enter a URL to send the request to.");
    const QString scheme = url.scheme();
    // "localhost:8080/x" parses as scheme "localhost"; for people it is a
    // URL without one.
    const bool looksLikeHostPort = !text.contains(QLatin1String("://"))
        && text.size() > scheme.size() + 1 && text.at(scheme.size() + 1).isDigit();
    if (scheme.isEmpty()
        || (looksLikeHostPort && scheme != QLatin1String("http")
            && scheme != QLatin1String("https")))
        return RequestSender::tr("\"%1\" has no scheme: start it with http:// or https://.")
            .arg(text);
    if (!url.isValid()) {
        // QUrl's message ends in a dump of the parse state; the first clause
        // is the part for people.
        QString why = url.errorString().section(QLatin1Char(';'), 0, 0).trimmed();
        if (!why.isEmpty())
            why[0] = why[0].toLower();
        return RequestSender::tr("\"%1\" is not a valid URL: %2.")
            .arg(text, withoutFinalPeriod(why));
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return RequestSender::tr("Only http:// and https:// URLs can be sent, not %1://.")
            .arg(scheme);
    if (url.host().isEmpty())
        return RequestSender::tr("\"%1\" has no host name.").arg(text);
    return {};
}

bool isToken(const QByteArray& text)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || extra.contains(c);
    });
}

// A line break in a name or value would start a header of its own.
QByteArray oneLine(const std::string& text)
{
    QByteArray s = QByteArray::fromStdString(text);
    s.replace('\r', ' ').replace('\n', ' ');
    return s.trimmed();
}

int indexOf(const RawHeaders& headers, const QByteArray& name)
{
    for (int i = 0; i < headers.size(); ++i) {
        if (headers[i].first.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// QNetworkRequest holds one value per name; repeated headers are joined as
// HTTP allows for list-valued fields (Cookie has its own separator).
void addHeader(RawHeaders* headers, const QByteArray& name, const QByteArray& value)
{
    const int i = indexOf(*headers, name);
    if (i < 0) {
        headers->append({ name, value });
        return;
    }
    const bool cookie = name.compare("Cookie", Qt::CaseInsensitive) == 0;
    (*headers)[i].second += (cookie ? "; " : ", ") + value;
}

void setHeader(RawHeaders* headers, const QByteArray& name, const QByteArray& value)
{
    headers->removeIf(
        [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers->append({ name, value });
}

void setDefault(RawHeaders* headers, const QByteArray& name, const QByteArray& value)
{
    if (indexOf(*headers, name) < 0)
        headers->append({ name, value });
}

QString resolvePath(const std::string& path, const QString& baseDir)
{
    const QString p = toQt(path);
    if (baseDir.isEmpty() || !QFileInfo(p).isRelative())
        return p;
    return QDir(baseDir).filePath(p);
}

QByteArray quotedParameter(const std::string& text)
{
    // RFC 7578 4.2 (as browsers do): quotes and line breaks percent-encoded.
    QByteArray s = QByteArray::fromStdString(text);
    s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + s + '"';
}

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

QString tlsText(const QList<QSslError>& errors, const QUrl& url)
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
#endif

} // namespace

QByteArray ComposerResponse::header(const QByteArray& name) const
{
    const int i = indexOf(headers, name);
    return i < 0 ? QByteArray() : headers[i].second;
}

struct RequestSender::Private {
    explicit Private(RequestSender* owner);
    ~Private();

    QNetworkReply* dispatch(const QNetworkRequest& request, const QByteArray& verb,
        const ComposerRequest& r, const QString& baseDir, QString* problem);
    void watch(QNetworkReply* reply);
    void failLater(Error error, const QString& text);
    void onMetaData();
    void onReadyRead();
    bool appendBody(const QByteArray& chunk);
    void readMetaData(QNetworkReply* reply);
    void classify(QNetworkReply* reply, Error* error, QString* text) const;
    /// Ends the current send: forced != None aborts the reply with that
    /// error; None means the reply finished by itself.
    void complete(Error forced, const QString& forcedText);

    RequestSender* q;
    QNetworkAccessManager* manager;
    QTimer* connectTimer;
    QTimer* totalTimer;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QTemporaryFile> spool;
    QString spoolError;
    QElapsedTimer clock;
    bool running = false;
    bool headersSeen = false;
    quint64 generation = 0;
    QUrl url;
    int connectTimeoutMs = 0;
    int totalTimeoutMs = 0;
    bool insecure = false;
#if QT_CONFIG(ssl)
    QList<QSslError> sslErrors;
#endif
};

RequestSender::Private::Private(RequestSender* owner)
    : q(owner)
    , manager(new QNetworkAccessManager(owner))
    , connectTimer(new QTimer(owner))
    , totalTimer(new QTimer(owner))
{
    connectTimer->setSingleShot(true);
    totalTimer->setSingleShot(true);
    QObject::connect(connectTimer, &QTimer::timeout, q, [this] {
        complete(Error::ConnectTimeout,
            RequestSender::tr("Could not connect to %1 within %2.")
                .arg(hostPort(url), duration(connectTimeoutMs)));
    });
    QObject::connect(totalTimer, &QTimer::timeout, q, [this] {
        complete(Error::TotalTimeout,
            RequestSender::tr("The request did not complete within %1.")
                .arg(duration(totalTimeoutMs)));
    });
}

RequestSender::Private::~Private()
{
    // No finished() from a destructor: whoever listens may be half gone.
    if (reply) {
        QObject::disconnect(reply, nullptr, q, nullptr);
        reply->abort();
    }
}

RequestSender::RequestSender(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
}

RequestSender::~RequestSender() = default;

bool RequestSender::isRunning() const
{
    return d->running;
}

void RequestSender::cancel()
{
    if (d->running)
        d->complete(Error::Cancelled, RequestSender::tr("Cancelled."));
}

void RequestSender::send(const ComposerRequest& r, const QString& baseDir)
{
    // The old request reports Cancelled before the new one starts, so a
    // listener never sees the old finished() after the new started(). (A
    // listener may send again from finished(); that one is cancelled too.)
    while (d->running)
        cancel();
    ++d->generation;
    d->spool.reset();
    d->spoolError.clear();
    d->headersSeen = false;
#if QT_CONFIG(ssl)
    d->sslErrors.clear();
#endif
    m_response = {};
    d->running = true;
    d->clock.start();

    const QString urlText = toQt(r.url).trimmed();
    d->url = QUrl(urlText, QUrl::TolerantMode);
    d->connectTimeoutMs = std::max(0, r.connectTimeoutMs);
    d->totalTimeoutMs = std::max(0, r.totalTimeoutMs);
    d->insecure = r.insecure;
    m_response.finalUrl = d->url;

    if (const QString problem = urlProblem(urlText, d->url); !problem.isEmpty()) {
        d->failLater(Error::InvalidUrl, problem);
        Q_EMIT started();
        return;
    }
    QByteArray verb = oneLine(r.method);
    if (verb.isEmpty())
        verb = "GET";
    if (!isToken(verb)) {
        d->failLater(Error::Network,
            RequestSender::tr("\"%1\" is not a valid HTTP method.").arg(QString::fromUtf8(verb)));
        Q_EMIT started();
        return;
    }

    RawHeaders headers;
    for (const auto& h : r.headers) {
        const QByteArray name = oneLine(h.name);
        if (!name.isEmpty())
            addHeader(&headers, name, oneLine(h.value));
    }
    // The auth helper wins over a typed header of the same name: choosing
    // an auth kind is the more deliberate act of the two.
    switch (r.auth) {
    case ComposerRequest::AuthKind::None:
        break;
    case ComposerRequest::AuthKind::Bearer:
        setHeader(&headers, "Authorization", "Bearer " + oneLine(r.token));
        break;
    case ComposerRequest::AuthKind::ApiKey: {
        QByteArray name = oneLine(r.apiKeyHeader);
        setHeader(&headers, name.isEmpty() ? QByteArray("X-API-Key") : name, oneLine(r.token));
        break;
    }
    case ComposerRequest::AuthKind::Basic:
        setHeader(&headers, "Authorization",
            "Basic " + QByteArray::fromStdString(r.basicUser + ':' + r.basicPassword).toBase64());
        break;
    }
    using Kind = ComposerRequest::BodyKind;
    switch (r.bodyKind) {
    case Kind::None:
        break;
    case Kind::Raw:
    case Kind::Form:
        // Qt would pick this type for any body anyway; it is also what curl
        // sends for --data, so a request copied as cURL behaves the same.
        setDefault(&headers, "Content-Type", "application/x-www-form-urlencoded");
        break;
    case Kind::File:
        setDefault(&headers, "Content-Type", "application/octet-stream");
        break;
    case Kind::Multipart:
        // The type must carry the boundary only QHttpMultiPart knows.
        headers.removeIf([](const auto& h) {
            return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        });
        break;
    }
    QByteArray userAgent = "Tollgate";
    if (const QString version = QCoreApplication::applicationVersion(); !version.isEmpty())
        userAgent += '/' + version.toUtf8();
    setDefault(&headers, "User-Agent", userAgent);
    // Without an Accept-Encoding of ours Qt offers gzip and deflate and
    // decodes the answer; "identity" is how to ask for the body as is.
    if (!r.compressed)
        setDefault(&headers, "Accept-Encoding", "identity");

    QNetworkRequest request(d->url);
    for (const auto& [name, value] : std::as_const(headers))
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
        r.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                          : QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, r.http2);
    // A workbench shows exactly what was sent: no cookie jar, no cache and
    // no credentials remembered from an earlier request.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    QString problem;
    QNetworkReply* reply = d->dispatch(request, verb, r, baseDir, &problem);
    if (!reply) {
        d->failLater(Error::BodyFile, problem);
        Q_EMIT started();
        return;
    }
    d->watch(reply);
    if (d->connectTimeoutMs > 0)
        d->connectTimer->start(d->connectTimeoutMs);
    if (d->totalTimeoutMs > 0)
        d->totalTimer->start(d->totalTimeoutMs);
    Q_EMIT started();
}

QNetworkReply* RequestSender::Private::dispatch(const QNetworkRequest& request,
    const QByteArray& verb, const ComposerRequest& r, const QString& baseDir, QString* problem)
{
    using Kind = ComposerRequest::BodyKind;
    const bool post = verb == "POST";
    const bool put = verb == "PUT";
    QNetworkReply* created = nullptr;

    if (r.bodyKind == Kind::Multipart) {
        auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (const auto& [name, value] : r.formFields) {
            QHttpPart part;
            QByteArray disposition = "form-data; name=" + quotedParameter(name);
            if (value.size() > 1 && value.front() == '@') {
                const QString path = resolvePath(value.substr(1), baseDir);
                auto* file = new QFile(path, multipart);
                if (!file->open(QIODevice::ReadOnly)) {
                    *problem = RequestSender::tr(
                        "Could not read the file %1 for the form field \"%2\": %3.")
                                   .arg(QDir::toNativeSeparators(path), toQt(name),
                                       withoutFinalPeriod(file->errorString()));
                    delete multipart;
                    return nullptr;
                }
                const QFileInfo info(path);
                disposition += "; filename=" + quotedParameter(toStd(info.fileName()));
                const auto type
                    = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchExtension);
                part.setHeader(QNetworkRequest::ContentTypeHeader, type.name());
                part.setBodyDevice(file);
            } else {
                part.setBody(QByteArray::fromStdString(value));
            }
            part.setHeader(QNetworkRequest::ContentDispositionHeader, disposition);
            multipart->append(part);
        }
        created = post ? manager->post(request, multipart)
            : put      ? manager->put(request, multipart)
                       : manager->sendCustomRequest(request, verb, multipart);
        multipart->setParent(created);
        return created;
    }
    if (r.bodyKind == Kind::File) {
        const QString path = resolvePath(r.bodyFile, baseDir);
        // Streamed by Qt in chunks; the file is never read into memory.
        auto file = std::make_unique<QFile>(path);
        if (r.bodyFile.empty() || !file->open(QIODevice::ReadOnly)) {
            *problem = r.bodyFile.empty()
                ? RequestSender::tr("Choose the file to send as the body.")
                : RequestSender::tr("Could not read the body file %1: %2.")
                      .arg(QDir::toNativeSeparators(path), withoutFinalPeriod(file->errorString()));
            return nullptr;
        }
        created = post ? manager->post(request, file.get())
            : put      ? manager->put(request, file.get())
                       : manager->sendCustomRequest(request, verb, file.get());
        file.release()->setParent(created);
        return created;
    }
    if (r.bodyKind == Kind::Raw || r.bodyKind == Kind::Form) {
        const QByteArray data = QByteArray::fromStdString(r.body);
        if (verb == "HEAD")
            return manager->head(request);
        return post ? manager->post(request, data)
            : put   ? manager->put(request, data)
                    : manager->sendCustomRequest(request, verb, data);
    }
    if (verb == "GET")
        return manager->get(request);
    if (verb == "HEAD")
        return manager->head(request);
    if (verb == "DELETE")
        return manager->deleteResource(request);
    if (post)
        return manager->post(request, QByteArray());
    if (put)
        return manager->put(request, QByteArray());
    return manager->sendCustomRequest(request, verb);
}

void RequestSender::Private::watch(QNetworkReply* r)
{
    reply = r;
    r->setReadBufferSize(kReadBufferBytes);
    QObject::connect(r, &QNetworkReply::metaDataChanged, q, [this] { onMetaData(); });
    QObject::connect(r, &QNetworkReply::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(r, &QNetworkReply::finished, q, [this] { complete(Error::None, {}); });
    // Connected, TLS done and the request on its way: the connect phase is
    // over. A long upload reports progress before requestSent().
    QObject::connect(r, &QNetworkReply::requestSent, connectTimer, &QTimer::stop);
    QObject::connect(r, &QNetworkReply::uploadProgress, q, [this](qint64 sent, qint64) {
        if (sent > 0)
            connectTimer->stop();
    });
    QObject::connect(r, &QNetworkReply::downloadProgress, q,
        [this](qint64 received, qint64 total) { Q_EMIT q->progress(received, total); });
    QObject::connect(r, &QNetworkReply::redirected, q, [this](const QUrl& target) {
        // Qt drops the body of the redirect itself; what comes next is the
        // answer from the new location.
        ComposerResponse& resp = q->m_response;
        ++resp.redirects;
        resp.finalUrl = target;
        resp.preview.clear();
        resp.size = 0;
        resp.truncated = false;
        spool.reset();
        headersSeen = false;
    });
#if QT_CONFIG(ssl)
    QObject::connect(r, &QNetworkReply::sslErrors, q, [this, r](const QList<QSslError>& errors) {
        if (insecure)
            r->ignoreSslErrors();
        else
            sslErrors += errors;
    });
#endif
}

void RequestSender::Private::failLater(Error error, const QString& text)
{
    // Reported from the event loop like any network failure, so finished()
    // never fires inside send().
    const quint64 current = generation;
    QTimer::singleShot(0, q, [this, current, error, text] {
        if (running && generation == current && !reply)
            complete(error, text);
    });
}

void RequestSender::Private::onMetaData()
{
    connectTimer->stop();
    if (q->m_response.ttfbMs < 0)
        q->m_response.ttfbMs = clock.elapsed();
    readMetaData(reply);
    if (q->m_response.status > 0 && !headersSeen) {
        headersSeen = true;
        Q_EMIT q->headersReceived();
    }
}

void RequestSender::Private::onReadyRead()
{
    connectTimer->stop();
    if (q->m_response.ttfbMs < 0)
        q->m_response.ttfbMs = clock.elapsed();
    while (reply && reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(kReadChunkBytes);
        if (chunk.isEmpty())
            break;
        if (!appendBody(chunk)) {
            complete(Error::Network, spoolError);
            return;
        }
    }
}

bool RequestSender::Private::appendBody(const QByteArray& chunk)
{
    ComposerResponse& resp = q->m_response;
    const qint64 limit = std::max<qint64>(0, q->m_previewLimit);
    resp.size += chunk.size();
    if (!spool) {
        if (resp.preview.size() + chunk.size() <= limit) {
            resp.preview += chunk;
            return true;
        }
        spool = std::make_unique<QTemporaryFile>(
            QDir(QDir::tempPath()).filePath(QStringLiteral("tollgate-body-XXXXXX")));
        if (!spool->open()) {
            spoolError
                = RequestSender::tr("Could not create a temporary file for the response body: %1.")
                      .arg(withoutFinalPeriod(spool->errorString()));
            return false;
        }
        if (spool->write(resp.preview) != resp.preview.size()) {
            spoolError = RequestSender::tr("Could not write the response body to %1: %2.")
                             .arg(spool->fileName(), withoutFinalPeriod(spool->errorString()));
            return false;
        }
        resp.preview.append(chunk.constData(), limit - resp.preview.size());
        resp.truncated = true;
    }
    if (spool->write(chunk) != chunk.size()) {
        spoolError = RequestSender::tr("Could not write the response body to %1: %2.")
                         .arg(spool->fileName(), withoutFinalPeriod(spool->errorString()));
        return false;
    }
    return true;
}

void RequestSender::Private::readMetaData(QNetworkReply* r)
{
    if (!r)
        return;
    ComposerResponse& resp = q->m_response;
    resp.finalUrl = r->url();
    const QVariant status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    resp.status = status.toInt();
    resp.reason = QString::fromLatin1(
        r->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
    resp.headers = r->rawHeaderPairs();
    resp.protocol = r->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
        ? QStringLiteral("HTTP/2")
        : QStringLiteral("HTTP/1.1");
}

void RequestSender::Private::classify(QNetworkReply* r, Error* error, QString* text) const
{
    const auto code = r->error();
    if (code == QNetworkReply::NoError)
        return;
    if (q->m_response.status > 0 && isHttpStatusError(code))
        return;
    const QUrl where = r->url();
#if QT_CONFIG(ssl)
    if (!sslErrors.isEmpty()) {
        *error = Error::Tls;
        *text = tlsText(sslErrors, where);
        return;
    }
#endif
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        *error = Error::ConnectionRefused;
        *text = RequestSender::tr("Could not connect to %1: connection refused.")
                    .arg(hostPort(where));
        return;
    case QNetworkReply::HostNotFoundError:
        *error = Error::HostNotFound;
        *text = RequestSender::tr("Could not find the host %1.").arg(where.host());
        return;
    case QNetworkReply::SslHandshakeFailedError:
        *error = Error::Tls;
        *text = RequestSender::tr("The secure connection to %1 failed: %2.")
                    .arg(hostPort(where), withoutFinalPeriod(r->errorString()));
        return;
    case QNetworkReply::RemoteHostClosedError:
        *error = Error::Network;
        *text = q->m_response.status > 0
            ? RequestSender::tr(
                "The server closed the connection before the whole response arrived.")
            : RequestSender::tr("The server closed the connection without answering.");
        return;
    case QNetworkReply::TimeoutError:
        *error = Error::Network;
        *text = RequestSender::tr("The connection to %1 timed out.").arg(hostPort(where));
        return;
    case QNetworkReply::InsecureRedirectError:
        *error = Error::Network;
        *text = RequestSender::tr(
            "The server redirected from https:// to http://, which is not followed.");
        return;
    case QNetworkReply::TooManyRedirectsError:
        *error = Error::Network;
        *text = RequestSender::tr("Stopped after too many redirects.");
        return;
    default:
        *error = Error::Network;
        *text = RequestSender::tr("The request failed: %1.")
                    .arg(withoutFinalPeriod(r->errorString()));
        return;
    }
}

void RequestSender::Private::complete(Error forced, const QString& forcedText)
{
    if (!running)
        return;
    connectTimer->stop();
    totalTimer->stop();
    ComposerResponse& resp = q->m_response;
    Error error = forced;
    QString text = forcedText;
    QNetworkReply* r = reply.data();
    reply = nullptr;
    if (r) {
        // Nothing from this reply may reach us once it is over, whatever
        // abort() emits: the next send() must not hear from it.
        QObject::disconnect(r, nullptr, q, nullptr);
        QObject::disconnect(r, nullptr, connectTimer, nullptr);
        if (forced == Error::None) {
            while (r->bytesAvailable() > 0 && error == Error::None) {
                const QByteArray chunk = r->read(kReadChunkBytes);
                if (chunk.isEmpty())
                    break;
                if (!appendBody(chunk)) {
                    error = Error::Network;
                    text = spoolError;
                }
            }
        }
        readMetaData(r);
        if (error == Error::None)
            classify(r, &error, &text);
        if (r->isRunning())
            r->abort();
        r->deleteLater();
    }
#if QT_CONFIG(ssl)
    if (error == Error::Tls) {
        resp.tlsSelfSigned = !sslErrors.isEmpty()
            && std::all_of(sslErrors.begin(), sslErrors.end(),
                [](const QSslError& e) { return isUnverifiedIdentity(e.error()); });
        for (const auto& e : std::as_const(sslErrors))
            resp.tlsErrors.append(e.errorString());
    }
#endif
    // A connection accepted despite a bad certificate must not be reused by
    // a later request that expects verification.
    if (insecure)
        manager->clearConnectionCache();
    if (spool) {
        spool->flush();
        resp.bodyFile = spool->fileName();
        spool->close();
    }
    resp.truncated = resp.size > resp.preview.size();
    resp.totalMs = clock.elapsed();
    resp.error = error;
    resp.errorText = text;
    running = false;
    Q_EMIT q->finished();
}

bool RequestSender::saveBody(const QString& path, QString* error) const
{
    const auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    if (d->running)
        return fail(RequestSender::tr("The response is still arriving."));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(
            RequestSender::tr("Could not write %1: %2.")
                .arg(QDir::toNativeSeparators(path), withoutFinalPeriod(out.errorString())));
    if (m_response.truncated) {
        QFile in(m_response.bodyFile);
        if (m_response.bodyFile.isEmpty() || !in.open(QIODevice::ReadOnly))
            return fail(RequestSender::tr("The response body is no longer available."));
        while (!in.atEnd()) {
            const QByteArray chunk = in.read(kCopyChunkBytes);
            if (chunk.isEmpty())
                return fail(RequestSender::tr("Could not read the response body: %1.")
                                .arg(withoutFinalPeriod(in.errorString())));
            if (out.write(chunk) != chunk.size())
                break; // commit() reports it
        }
    } else {
        out.write(m_response.preview);
    }
    if (!out.commit())
        return fail(
            RequestSender::tr("Could not write %1: %2.")
                .arg(QDir::toNativeSeparators(path), withoutFinalPeriod(out.errorString())));
    return true;
}

} // namespace tollgate::ui
