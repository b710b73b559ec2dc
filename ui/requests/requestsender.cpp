#include "ui/requests/requestsender.h"

#include "ui/common/convert.h"
#include "ui/requests/outgoingrequest.h"
#include "ui/requests/replyfailure.h"
#include "ui/requests/responsespool.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

#include <algorithm>
#include <utility>

namespace tollgate::ui {

namespace {

using server::ComposerRequest;
using Error = ComposerResponse::Error;

// Qt stops reading from the socket while this much is waiting for us, so a
// fast server cannot fill memory behind a slow disk.
constexpr qint64 kReadBufferBytes = 256 * 1024;
constexpr qint64 kReadChunkBytes = 64 * 1024;

QString duration(int ms)
{
    if (ms < 1000)
        return RequestSender::tr("%1 ms").arg(ms);
    return RequestSender::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'g', 4));
}

} // namespace

struct RequestSender::Private {
    explicit Private(RequestSender* owner);
    ~Private();

    void watch(QNetworkReply* reply);
    void failLater(Error error, const QString& text);
    void onMetaData();
    void onReadyRead();
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
    ResponseSpool spool;
    QElapsedTimer clock;
    bool running = false;
    bool headersSeen = false;
    bool streaming = false;
    quint64 generation = 0;
    QUrl url;
    int connectTimeoutMs = 0;
    int totalTimeoutMs = 0;
    bool insecure = false;
#if QT_CONFIG(ssl)
    QList<QSslError> sslErrors;
    QList<QSslCertificate> trustedCas;
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
            streaming
                ? RequestSender::tr("The stream sent nothing for %1.").arg(duration(totalTimeoutMs))
                : RequestSender::tr("The request did not complete within %1.")
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

bool RequestSender::setTrustedCaPem(const QByteArray& pem)
{
#if QT_CONFIG(ssl)
    d->trustedCas = pem.isEmpty() ? QList<QSslCertificate>()
                                  : QSslCertificate::fromData(pem, QSsl::Pem);
    return pem.isEmpty() || !d->trustedCas.isEmpty();
#else
    return pem.isEmpty();
#endif
}

bool RequestSender::isRunning() const
{
    return d->running;
}

bool RequestSender::isStreaming() const
{
    return d->running && d->streaming;
}

void RequestSender::cancel()
{
    // Stopping is how a stream ends: not a failure, but said so in the history.
    if (d->running)
        d->complete(Error::Cancelled,
            d->streaming ? RequestSender::tr("Stopped.") : RequestSender::tr("Cancelled."));
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
    d->headersSeen = false;
    d->streaming = false;
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
    QByteArray verb;
    if (!requestVerb(r, &verb)) {
        d->failLater(Error::Network,
            RequestSender::tr("\"%1\" is not a valid HTTP method.").arg(QString::fromUtf8(verb)));
        Q_EMIT started();
        return;
    }

    QNetworkRequest request = networkRequest(r, d->url);
#if QT_CONFIG(ssl)
    if (d->url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0
        && !d->trustedCas.isEmpty()) {
        QSslConfiguration tls = request.sslConfiguration();
        tls.addCaCertificates(d->trustedCas);
        request.setSslConfiguration(tls);
    }
#endif
    QString problem;
    QNetworkReply* reply = startRequest(d->manager, request, verb, r, baseDir, &problem);
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
        streaming = false;
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
        streaming = q->m_response.isEventStream();
        if (streaming && totalTimeoutMs > 0)
            totalTimer->start(totalTimeoutMs); // from now on it counts silence
        Q_EMIT q->headersReceived();
    }
}

void RequestSender::Private::onReadyRead()
{
    connectTimer->stop();
    if (q->m_response.ttfbMs < 0)
        q->m_response.ttfbMs = clock.elapsed();
    if (streaming && totalTimeoutMs > 0 && reply && reply->bytesAvailable() > 0)
        totalTimer->start(totalTimeoutMs);
    while (reply && reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(kReadChunkBytes);
        if (chunk.isEmpty())
            break;
        if (!spool.append(&q->m_response, chunk, q->m_previewLimit)) {
            complete(Error::Network, spool.error());
            return;
        }
        Q_EMIT q->bodyReceived(chunk, clock.elapsed());
    }
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
    QString why;
    const Error failure = replyFailure(*r, q->m_response.status > 0, &why);
    if (failure == Error::None)
        return;
#if QT_CONFIG(ssl)
    // A refused certificate shows up as whatever Qt made of the aborted
    // handshake; the certificate is the cause to name.
    if (!sslErrors.isEmpty()) {
        *error = Error::Tls;
        *text = tlsFailureText(sslErrors, r->url());
        return;
    }
#endif
    *error = failure;
    *text = why;
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
    QByteArray tail; // reported after running is false, so no listener can re-enter
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
                if (!spool.append(&resp, chunk, q->m_previewLimit)) {
                    error = Error::Network;
                    text = spool.error();
                } else {
                    tail += chunk;
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
        resp.tlsSelfSigned = onlyIdentityUnverified(sslErrors);
        for (const auto& e : std::as_const(sslErrors))
            resp.tlsErrors.append(e.errorString());
    }
#endif
    // A connection accepted despite a bad certificate must not be reused by
    // a later request that expects verification.
    if (insecure)
        manager->clearConnectionCache();
    spool.finish(&resp);
    resp.truncated = resp.size > resp.preview.size();
    resp.totalMs = clock.elapsed();
    resp.error = error;
    resp.errorText = text;
    running = false;
    if (!tail.isEmpty())
        Q_EMIT q->bodyReceived(tail, resp.totalMs);
    Q_EMIT q->finished();
}

bool RequestSender::saveBody(const QString& path, QString* error) const
{
    if (d->running) {
        if (error)
            *error = RequestSender::tr("The response is still arriving.");
        return false;
    }
    return saveResponseBody(m_response, path, error);
}

} // namespace tollgate::ui
