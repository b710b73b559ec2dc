#include "ui/requests/outgoingrequest.h"

#include "ui/common/convert.h"
#include "ui/requests/composerresponse.h"
#include "ui/requests/replyfailure.h"
#include "ui/requests/requestsender.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace tollgate::ui {

using server::ComposerRequest;

namespace {

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

// QNetworkRequest holds one value per name; repeated headers are joined as
// HTTP allows for list-valued fields (Cookie has its own separator).
void addHeader(RawHeaders* headers, const QByteArray& name, const QByteArray& value)
{
    const int i = indexOfHeader(*headers, name);
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
    if (indexOfHeader(*headers, name) < 0)
        headers->append({ name, value });
}

// The typed fields, then what the auth helper, the body and the options add.
RawHeaders headerFields(const ComposerRequest& r)
{
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
    return headers;
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

// The form's parts; a value "@path" sends that file. nullptr, with *problem,
// when a file cannot be read.
QHttpMultiPart* multipartBody(const ComposerRequest& r, const QString& baseDir, QString* problem)
{
    auto multipart = std::make_unique<QHttpMultiPart>(QHttpMultiPart::FormDataType);
    for (const auto& [name, value] : r.formFields) {
        QHttpPart part;
        QByteArray disposition = "form-data; name=" + quotedParameter(name);
        if (value.size() > 1 && value.front() == '@') {
            const QString path = resolvePath(value.substr(1), baseDir);
            auto* file = new QFile(path, multipart.get());
            if (!file->open(QIODevice::ReadOnly)) {
                *problem
                    = RequestSender::tr("Could not read the file %1 for the form field \"%2\": %3.")
                          .arg(QDir::toNativeSeparators(path), toQt(name),
                              withoutFinalPeriod(file->errorString()));
                return nullptr;
            }
            const QFileInfo info(path);
            disposition += "; filename=" + quotedParameter(toStd(info.fileName()));
            const auto type = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchExtension);
            part.setHeader(QNetworkRequest::ContentTypeHeader, type.name());
            part.setBodyDevice(file);
        } else {
            part.setBody(QByteArray::fromStdString(value));
        }
        part.setHeader(QNetworkRequest::ContentDispositionHeader, disposition);
        multipart->append(part);
    }
    return multipart.release();
}

// Sends a body device with the verb; the reply then owns it.
template <typename Body>
QNetworkReply* startWith(QNetworkAccessManager* manager, const QNetworkRequest& request,
    const QByteArray& verb, Body* body)
{
    QNetworkReply* created = verb == "POST" ? manager->post(request, body)
        : verb == "PUT"                     ? manager->put(request, body)
                                            : manager->sendCustomRequest(request, verb, body);
    body->setParent(created);
    return created;
}

} // namespace

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

bool requestVerb(const ComposerRequest& r, QByteArray* verb)
{
    *verb = oneLine(r.method);
    if (verb->isEmpty())
        *verb = "GET";
    return isToken(*verb);
}

QNetworkRequest networkRequest(const ComposerRequest& r, const QUrl& url)
{
    QNetworkRequest request(url);
    for (const auto& [name, value] : headerFields(r))
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
    return request;
}

QNetworkReply* startRequest(QNetworkAccessManager* manager, const QNetworkRequest& request,
    const QByteArray& verb, const ComposerRequest& r, const QString& baseDir, QString* problem)
{
    using Kind = ComposerRequest::BodyKind;
    const bool post = verb == "POST";
    const bool put = verb == "PUT";

    if (r.bodyKind == Kind::Multipart) {
        QHttpMultiPart* multipart = multipartBody(r, baseDir, problem);
        return multipart ? startWith(manager, request, verb, multipart) : nullptr;
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
        return startWith(manager, request, verb, file.release());
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

} // namespace tollgate::ui
