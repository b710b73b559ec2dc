#pragma once

// A composer request as QNetworkAccessManager sends it: the checks that come
// first (URL, method), the header fields (the auth helper's, Content-Type,
// User-Agent, Accept-Encoding; see RequestSender), the attributes that keep
// Qt from adding cookies, cache or remembered credentials, and the body.

#include "server/composer/composerrequest.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;
class QUrl;

namespace tollgate::ui {

/// Why the URL cannot be sent, or empty when it can.
QString urlProblem(const QString& text, const QUrl& url);
/// The request line's method: r's, or GET when it has none; false when it
/// is not an HTTP token.
bool requestVerb(const server::ComposerRequest& r, QByteArray* verb);
/// url with r's header fields and the attributes for r's options.
QNetworkRequest networkRequest(const server::ComposerRequest& r, const QUrl& url);
/// Starts request with r's body (files resolved against baseDir) on manager;
/// nullptr, with *problem, when a file to send cannot be read. The reply
/// owns what it sends.
QNetworkReply* startRequest(QNetworkAccessManager* manager, const QNetworkRequest& request,
    const QByteArray& verb, const server::ComposerRequest& r, const QString& baseDir,
    QString* problem);

} // namespace tollgate::ui
