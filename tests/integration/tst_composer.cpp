// The composer's RequestSender against real servers: the embedded engine for
// keys, templates, latency and redirects; small Qt servers for what the
// engine cannot do on purpose (a TLS handshake that never ends, a 100 MiB
// body, a self-signed certificate, a raw view of what was sent).

#include "../sanitizers.h"
#include "selfsigned.h"
#include "testserver.h"

#include "server/access/apikey.h"
#include "server/composer/variables.h"
#include "ui/requests/requestsender.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <memory>

using namespace testsupport;
using tollgate::server::ComposerRequest;
using tollgate::ui::ComposerResponse;
using tollgate::ui::RequestSender;
using Error = ComposerResponse::Error;

#ifdef TOLLGATE_TEST_ASAN
// ASan keeps freed memory in quarantine (256 MiB by default) to catch uses
// after free: the peak RSS would count every read buffer the download went
// through, not what the sender holds. A small quarantine keeps the check
// about the sender (ASAN_OPTIONS still wins where it sets this).
extern "C" const char* __asan_default_options();
extern "C" const char* __asan_default_options()
{
    return "quarantine_size_mb=16";
}
#endif

namespace {

constexpr qint64 kMiB = 1024 * 1024;

#if defined(TOLLGATE_TEST_ASAN) || defined(TOLLGATE_TEST_TSAN)
constexpr qint64 kPeakGrowthLimitKib = 80 * 1024;
#else
constexpr qint64 kPeakGrowthLimitKib = 40 * 1024;
#endif

QByteArray describe(const ComposerResponse& r)
{
    return "status " + QByteArray::number(r.status) + ", error "
        + QByteArray::number(static_cast<int>(r.error)) + ": " + r.errorText.toUtf8();
}

ComposerRequest get(const QString& url)
{
    ComposerRequest r;
    r.url = url.toStdString();
    return r;
}

/// Sends and waits for finished(); false when it did not come in time.
bool exchange(RequestSender& sender, const ComposerRequest& r, const QString& baseDir = {},
    int timeoutMs = 15000)
{
    QSignalSpy spy(&sender, &RequestSender::finished);
    sender.send(r, baseDir);
    return spy.count() > 0 || spy.wait(timeoutMs);
}

/// The engine with everything the composer talks to, and one valid key.
struct Backend {
    Workspace ws;
    std::string key;
    std::string keyId;
    std::unique_ptr<TestServer> server;

    Backend()
    {
        Route paid = makeRoute("GET", "/paid", 200, "{\"paid\":true}");
        paid.access.keyRequired = true;
        ws.routes.push_back(paid);
        Route user = makeRoute("GET", "/users/{id}", 200,
            "{\"id\":\"{{request.params.id}}\",\"note\":\"{{request.headers.x-note}}\"}");
        user.access.keyRequired = true;
        ws.routes.push_back(user);
        ws.routes.push_back(makeRoute("GET", "/echo/auth",
            { makeResponse(200, "{{request.headers.authorization}}", "text/plain") }));
        Route slow = makeRoute("GET", "/slow", 200, "{\"slow\":true}");
        slow.latency = Latency { 1000, 0 };
        ws.routes.push_back(slow);
        ws.routes.push_back(
            makeRoute("GET", "/old", { makeResponse(302, "", "", { { "Location", "/new" } }) }));
        ws.routes.push_back(makeRoute("GET", "/new", 200, "new"));
        ws.routes.push_back(
            makeRoute("GET", "/missing", { makeResponse(404, "{\"error\":\"nope\"}") }));

        KeyOptions options;
        options.tier = ws.tiers.front().id;
        NewKey created;
        std::string error;
        if (!createKey(ws.server.environment, options, std::time(nullptr), &created, &error))
            qFatal("createKey: %s", error.c_str());
        key = created.secret;
        keyId = created.record.id;
        ws.keys.push_back(created.record);
        server = std::make_unique<TestServer>(ws);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(server->port()); }
    QString url(const char* path) const { return base() + QLatin1String(path); }

    /// Traffic so far (the engine records an exchange once it is written).
    const std::vector<TrafficEvent>& traffic()
    {
        server->engine->drainTraffic(&seen);
        return seen;
    }
    int served(const std::string& target)
    {
        const auto& t = traffic();
        return int(std::count_if(
            t.begin(), t.end(), [&](const TrafficEvent& e) { return e.target == target; }));
    }
    std::vector<TrafficEvent> seen;
};

/// One HTTP exchange as a server saw it.
struct Captured {
    QByteArray requestLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    bool hasHeader(const QByteArray& name) const
    {
        return std::any_of(headers.begin(), headers.end(),
            [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
};

/// Parses the head; false while the request is incomplete.
bool parseRequest(const QByteArray& data, Captured* out)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = data.left(end).split('\n');
    Captured c;
    c.requestLine = lines.value(0).trimmed();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        c.headers.append({ name, value });
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
    }
    if (data.size() < end + 4 + length)
        return false;
    c.body = data.mid(end + 4, length);
    *out = std::move(c);
    return true;
}

/// Answers every request with `answer` and keeps what it received.
class CaptureServer : public QObject {
public:
    QTcpServer server;
    QList<Captured> requests;
    QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                        "Connection: close\r\n\r\nok";

    CaptureServer()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection())
                serve(s);
        });
    }
    QString url(const char* path = "/") const
    {
        return QStringLiteral("http://127.0.0.1:%1%2")
            .arg(server.serverPort())
            .arg(QLatin1String(path));
    }

private:
    void serve(QTcpSocket* s)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            *buffer += s->readAll();
            Captured c;
            if (!parseRequest(*buffer, &c))
                return;
            requests.append(c);
            buffer->clear();
            s->write(answer);
            s->disconnectFromHost();
        });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }
};

/// Serves one body of `total` bytes as fast as the socket drains, hashing
/// what it sends. Chunk k is a fixed random block with k in its first 8
/// bytes, so any offset's expected byte is known without keeping the body.
///
/// It runs on a thread of its own: served from the client's event loop, the
/// server would be paced by the client, and a sender that buffers the whole
/// body would never be caught.
class BulkServer : public QObject {
public:
    static constexpr qint64 kChunk = 256 * 1024;
    const qint64 total;
    QByteArray block;

    explicit BulkServer(qint64 bytes)
        : total(bytes)
    {
        block.resize(kChunk);
        QRandomGenerator generator(20240611);
        generator.fillRange(reinterpret_cast<quint32*>(block.data()), kChunk / 4);
    }
    ~BulkServer() override { stop(); }

    bool start()
    {
        moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            this, [this] { listen(); }, Qt::BlockingQueuedConnection);
        return m_port != 0;
    }
    /// Closes and joins the thread; sent() and sha256() are final afterwards.
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_server;
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    qint64 sent() const { return m_sent; }
    QByteArray sha256() const { return m_hash.result(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/big").arg(m_port); }

    char expectedAt(qint64 offset) const
    {
        const qint64 k = offset / kChunk;
        const qint64 within = offset % kChunk;
        return within < 8 ? char((quint64(k) >> (8 * within)) & 0xff) : block.at(within);
    }

private:
    void listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return;
        m_port = m_server->serverPort();
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* s = m_server->nextPendingConnection();
            auto head = std::make_shared<QByteArray>();
            connect(s, &QTcpSocket::readyRead, this, [this, s, head] {
                *head += s->readAll();
                if (m_sent > 0 || !head->contains("\r\n\r\n"))
                    return;
                s->write(QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                    "Content-Length: "
                    + QByteArray::number(total) + "\r\n\r\n"));
                pump(s);
            });
            connect(s, &QTcpSocket::bytesWritten, this, [this, s] { pump(s); });
        });
    }

    void pump(QTcpSocket* s)
    {
        // A bounded send queue: the server must not be what holds 100 MiB.
        while (m_sent < total && s->bytesToWrite() < 4 * kChunk) {
            QByteArray chunk = block.left(std::min(kChunk, total - m_sent));
            const quint64 k = quint64(m_sent / kChunk);
            for (int i = 0; i < 8 && i < chunk.size(); ++i)
                chunk[i] = char((k >> (8 * i)) & 0xff);
            m_hash.addData(chunk);
            s->write(chunk);
            m_sent += chunk.size();
        }
    }

    QThread m_thread;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    qint64 m_sent = 0;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
};

/// A certificate for 127.0.0.1 and localhost that signs itself.
struct SelfSigned {
    QSslCertificate certificate;
    QSslKey key;
};

SelfSigned makeSelfSigned()
{
    const testsupport::SelfSignedPem pem = testsupport::makeSelfSignedPem();
    SelfSigned out;
    out.certificate = QSslCertificate(QByteArray::fromStdString(pem.certificate));
    out.key = QSslKey(QByteArray::fromStdString(pem.key), QSsl::Ec);
    return out;
}

/// HTTPS with a self-signed certificate, answering "ok" to every request.
class TlsServer : public QObject {
public:
    QSslServer server;
    int answered = 0;

    explicit TlsServer(const SelfSigned& cert)
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(cert.certificate);
        conf.setPrivateKey(cert.key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        server.setSslConfiguration(conf);
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection())
                serve(s);
        });
    }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1/").arg(server.serverPort()); }

private:
    void serve(QTcpSocket* s)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            *buffer += s->readAll();
            // Keep-alive, so a client could reuse the connection.
            for (qsizetype end; (end = buffer->indexOf("\r\n\r\n")) >= 0;) {
                buffer->remove(0, end + 4);
                ++answered;
                s->write(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
            }
        });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }
};

#ifdef Q_OS_LINUX
/// A "VmHWM:"-style line of /proc/self/status, in KiB; -1 when missing.
qint64 procStatusKib(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    // procfs files report size 0, so atEnd() is true before the first read.
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// Makes VmHWM start again from the current RSS (Linux 4.0+).
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}
#endif

} // namespace

class TestComposer : public QObject {
    Q_OBJECT

    // Listens and never accepts anything the test expects: a request must
    // not reach it.
    QTcpServer m_trap;

private slots:
    void initTestCase() { QVERIFY(m_trap.listen(QHostAddress::LocalHost, 0)); }

    void bearerAndApiKeyWithAWorkspaceKey()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;

        struct Case {
            const char* name;
            ComposerRequest::AuthKind auth;
            std::string token;
            int status;
        };
        const Case cases[] = {
            { "bearer", ComposerRequest::AuthKind::Bearer, e.key, 200 },
            { "api key", ComposerRequest::AuthKind::ApiKey, e.key, 200 },
            { "wrong bearer", ComposerRequest::AuthKind::Bearer, e.key + "x", 401 },
            { "wrong api key", ComposerRequest::AuthKind::ApiKey, "tg_dev_nope", 401 },
            { "none", ComposerRequest::AuthKind::None, e.key, 401 },
        };
        for (const Case& c : cases) {
            ComposerRequest r = get(e.url("/paid"));
            r.auth = c.auth;
            r.token = c.token;
            QVERIFY2(exchange(sender, r), c.name);
            const ComposerResponse& resp = sender.response();
            QVERIFY2(
                resp.status == c.status, QByteArray(c.name + (": " + describe(resp))).constData());
            QCOMPARE(resp.error, Error::None);
            if (c.status == 200)
                QCOMPARE(resp.preview, QByteArray("{\"paid\":true}"));
            else
                QVERIFY(resp.header("WWW-Authenticate").startsWith("Bearer"));
        }
        // The engine authenticated the key itself, not just any header.
        QTRY_COMPARE(int(e.traffic().size()), 5);
        const auto& traffic = e.traffic();
        QCOMPARE(traffic[0].keyId, e.keyId);
        QCOMPARE(traffic[1].keyId, e.keyId);
        QVERIFY(traffic[2].keyId.empty());
    }

    void apiKeyHeaderNameIsTheUsers()
    {
        CaptureServer capture;
        RequestSender sender;
        ComposerRequest r = get(capture.url());
        r.auth = ComposerRequest::AuthKind::ApiKey;
        r.apiKeyHeader = "X-Custom-Key";
        r.token = "k123";
        QVERIFY(exchange(sender, r));
        QCOMPARE(capture.requests.size(), 1);
        QCOMPARE(capture.requests[0].header("X-Custom-Key"), QByteArray("k123"));
        QVERIFY(!capture.requests[0].hasHeader("Authorization"));
    }

    void basicAuthIsWhatTheServerReceives()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        ComposerRequest r = get(e.url("/echo/auth"));
        r.auth = ComposerRequest::AuthKind::Basic;
        r.basicUser = "alice";
        r.basicPassword = "s3cr:et \xc3\xbc"; // a colon and UTF-8 in the password
        // The auth helper replaces a typed header of the same name.
        r.headers.push_back({ "authorization", "Bearer typed-by-hand" });
        QVERIFY(exchange(sender, r));
        QVERIFY2(sender.response().status == 200, describe(sender.response()).constData());
        QCOMPARE(sender.response().preview,
            QByteArray("Basic " + QByteArray("alice:s3cr:et \xc3\xbc").toBase64()));
        QCOMPARE(sender.response().preview, QByteArray("Basic YWxpY2U6czNjcjpldCDDvA=="));

        // Bearer through the same echo: the token verbatim.
        r.auth = ComposerRequest::AuthKind::Bearer;
        r.token = "abc.def";
        QVERIFY(exchange(sender, r));
        QCOMPARE(sender.response().preview, QByteArray("Bearer abc.def"));

        // No helper: the typed header goes out as typed.
        r.auth = ComposerRequest::AuthKind::None;
        QVERIFY(exchange(sender, r));
        QCOMPARE(sender.response().preview, QByteArray("Bearer typed-by-hand"));
    }

    void environmentVariablesAreExpandedAndSent()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        Environment env { "Local",
            { { "userId", "42" }, { "note", "from env" }, { "key", e.key } } };
        ComposerRequest r;
        r.url = "{{baseUrl}}/users/{{ userId }}";
        r.headers.push_back({ "X-Note", "{{note}}" });
        r.auth = ComposerRequest::AuthKind::Bearer;
        r.token = "{{key}}";
        std::vector<std::string> unknown;
        const ComposerRequest expanded = tollgate::server::expandRequest(r,
            tollgate::server::environmentLookup(env, { { "baseUrl", e.base().toStdString() } }),
            &unknown);
        QVERIFY(unknown.empty());
        QCOMPARE(QString::fromStdString(expanded.url), e.url("/users/42"));

        RequestSender sender;
        QVERIFY(exchange(sender, expanded));
        QVERIFY2(sender.response().status == 200, describe(sender.response()).constData());
        QCOMPARE(sender.response().preview, QByteArray("{\"id\":\"42\",\"note\":\"from env\"}"));

        // An environment that sets baseUrl itself wins over the builtin; an
        // unknown name stays visible and is reported.
        Environment other { "Broken", { { "baseUrl", "http://127.0.0.1:1" } } };
        const ComposerRequest broken = tollgate::server::expandRequest(r,
            tollgate::server::environmentLookup(other, { { "baseUrl", e.base().toStdString() } }),
            &unknown);
        QCOMPARE(QString::fromStdString(broken.url),
            QStringLiteral("http://127.0.0.1:1/users/{{ userId }}"));
        QVERIFY(std::find(unknown.begin(), unknown.end(), "userId") != unknown.end());
    }

    void connectTimeoutWhileTheTlsHandshakeHangs()
    {
        // Accepts TCP and never says a word: the handshake cannot finish,
        // so the request is never written.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        RequestSender sender;
        ComposerRequest r = get(QStringLiteral("https://127.0.0.1:%1/").arg(silent.serverPort()));
        r.connectTimeoutMs = 300;
        QVERIFY(exchange(sender, r));
        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.error == Error::ConnectTimeout, describe(resp).constData());
        QVERIFY(silent.hasPendingConnections()); // it did connect; TLS is what hung
        QCOMPARE(resp.errorText,
            QStringLiteral("Could not connect to 127.0.0.1:%1 within 300 ms.")
                .arg(silent.serverPort()));
        QCOMPARE(resp.status, 0);
        QVERIFY2(resp.totalMs >= 250 && resp.totalMs < 3000,
            QByteArray::number(resp.totalMs).constData());
        QVERIFY(!sender.isRunning());
    }

    void connectTimeoutDoesNotCutASlowAnswer()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        ComposerRequest r = get(e.url("/slow"));
        r.connectTimeoutMs = 200; // connecting is quick; the 1 s wait is the server's
        QVERIFY(exchange(sender, r));
        QVERIFY2(sender.response().status == 200, describe(sender.response()).constData());
        QCOMPARE(sender.response().error, Error::None);
    }

    void totalTimeout()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        ComposerRequest r = get(e.url("/slow"));
        r.totalTimeoutMs = 300;
        QVERIFY(exchange(sender, r));
        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.error == Error::TotalTimeout, describe(resp).constData());
        QCOMPARE(resp.errorText, QStringLiteral("The request did not complete within 300 ms."));
        QCOMPARE(resp.status, 0);
        QVERIFY2(resp.totalMs >= 250 && resp.totalMs < 1000,
            QByteArray::number(resp.totalMs).constData());
    }

    void cancelReportsCancelledOnce()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        QStringList events;
        connect(
            &sender, &RequestSender::started, this, [&] { events << QStringLiteral("started"); });
        connect(&sender, &RequestSender::finished, this,
            [&] { events << QStringLiteral("finished %1").arg(int(sender.response().error)); });

        sender.send(get(e.url("/slow")));
        QVERIFY(sender.isRunning());
        QTRY_VERIFY(e.server->engine->connectionsAccepted() >= 1);
        sender.cancel();
        QVERIFY(!sender.isRunning());
        QCOMPARE(events, QStringList({ QStringLiteral("started"), QStringLiteral("finished 1") }));
        QCOMPARE(sender.response().error, Error::Cancelled);
        QCOMPARE(sender.response().errorText, QStringLiteral("Cancelled."));
        sender.cancel(); // nothing running: nothing to report
        QCOMPARE(events.size(), 2);

        // Sending while one runs cancels it first: its finished() comes
        // before the new started(), and never after.
        events.clear();
        sender.send(get(e.url("/slow")));
        QTRY_VERIFY(e.server->engine->connectionsAccepted() >= 2);
        sender.send(get(e.url("/new")));
        QCOMPARE(events,
            QStringList({ QStringLiteral("started"), QStringLiteral("finished 1"),
                QStringLiteral("started") }));
        QTRY_COMPARE(events.size(), 4);
        QCOMPARE(events.last(), QStringLiteral("finished 0"));
        QCOMPARE(sender.response().status, 200);
        QCOMPARE(sender.response().preview, QByteArray("new"));

        // The slow requests end at the server too (each one whose bytes reached
        // it before the cancel; on a loaded machine the cancel can beat the
        // request line, so the count is 1 or 2); the sender stays quiet.
        QTRY_VERIFY_WITH_TIMEOUT(e.served("/slow") >= 1, 15000);
        QVERIFY(e.served("/slow") <= 2);
        QCoreApplication::processEvents();
        QCOMPARE(events.size(), 4);
    }

    void redirectsFollowedAndNot()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        ComposerRequest r = get(e.url("/old"));
        r.followRedirects = true;
        QVERIFY(exchange(sender, r));
        QVERIFY2(sender.response().status == 200, describe(sender.response()).constData());
        QCOMPARE(sender.response().redirects, 1);
        QCOMPARE(sender.response().finalUrl, QUrl(e.url("/new")));
        QCOMPARE(sender.response().preview, QByteArray("new"));

        r.followRedirects = false;
        QVERIFY(exchange(sender, r));
        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.status == 302, describe(resp).constData());
        QCOMPARE(resp.error, Error::None);
        QCOMPARE(resp.redirects, 0);
        QCOMPARE(resp.header("location"), QByteArray("/new"));
        QCOMPARE(resp.reason, QStringLiteral("Found"));
        QCOMPARE(resp.finalUrl, QUrl(e.url("/old")));
    }

    void hundredMebibytesAreSpooledNotHeld()
    {
#ifndef Q_OS_LINUX
        QSKIP("measures memory through /proc/self/status");
#else
        constexpr qint64 kTotal = 100 * kMiB;
        BulkServer bulk(kTotal);
        QVERIFY(bulk.start());
        RequestSender sender;
        QCOMPARE(sender.previewLimit(), RequestSender::defaultPreviewLimit);

        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        qint64 lastProgress = -1;
        bool progressWentBack = false;
        connect(&sender, &RequestSender::progress, this, [&](qint64 received, qint64) {
            progressWentBack = progressWentBack || received < lastProgress;
            lastProgress = received;
        });

        QVERIFY(resetPeakRss());
        const qint64 rssBefore = procStatusKib("VmRSS:");
        QVERIFY(rssBefore > 0);
        QElapsedTimer clock;
        clock.start();
        ticker.start();
        QVERIFY(exchange(sender, get(bulk.url()), {}, 120000));
        ticker.stop();
        const qint64 elapsed = clock.elapsed();
        const qint64 peakGrowthKib = procStatusKib("VmHWM:") - rssBefore;
        bulk.stop();

        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.error == Error::None, describe(resp).constData());
        QCOMPARE(resp.status, 200);
        QCOMPARE(resp.size, kTotal);
        QCOMPARE(bulk.sent(), kTotal);
        QCOMPARE(qint64(resp.preview.size()), RequestSender::defaultPreviewLimit);
        QVERIFY(resp.truncated);
        QCOMPARE(resp.preview.at(12345), bulk.expectedAt(12345));
        QCOMPARE(lastProgress, kTotal);
        QVERIFY(!progressWentBack);

        // Well under the body's size: the preview, Qt's bounded read buffer
        // and allocator slack, not 100 MiB. Sanitizers add shadow memory for
        // every byte touched.
        QVERIFY2(peakGrowthKib < kPeakGrowthLimitKib,
            QByteArray("peak RSS grew by " + QByteArray::number(peakGrowthKib) + " KiB"));
        // The GUI thread kept running its timers during the download.
        QVERIFY2(ticks >= 10 && ticks * 30 >= elapsed,
            QByteArray(
                QByteArray::number(ticks) + " ticks in " + QByteArray::number(elapsed) + " ms"));
        qDebug("100 MiB in %lld ms, peak RSS +%lld KiB, %d ticks", elapsed, peakGrowthKib, ticks);

        QFile spooled(resp.bodyFile);
        QVERIFY(spooled.open(QIODevice::ReadOnly));
        QCOMPARE(spooled.size(), kTotal);
        for (const qint64 offset : { qint64(0), qint64(7), RequestSender::defaultPreviewLimit,
                 RequestSender::defaultPreviewLimit + 1, 50 * kMiB + 3, kTotal - 1 }) {
            QVERIFY(spooled.seek(offset));
            char c = 0;
            QVERIFY(spooled.getChar(&c));
            QVERIFY2(c == bulk.expectedAt(offset), QByteArray::number(offset));
        }
        QVERIFY(spooled.seek(0));
        QCryptographicHash fileHash(QCryptographicHash::Sha256);
        QVERIFY(fileHash.addData(&spooled));
        QCOMPARE(fileHash.result(), bulk.sha256());
        spooled.close();

        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("body.bin"));
        QString error;
        QVERIFY2(sender.saveBody(saved, &error), qPrintable(error));
        QFile copy(saved);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.size(), kTotal);
        QCryptographicHash copyHash(QCryptographicHash::Sha256);
        QVERIFY(copyHash.addData(&copy));
        QCOMPARE(copyHash.result(), bulk.sha256());

        // The spool belongs to that response: the next send removes it.
        const QString spool = resp.bodyFile;
        QVERIFY(QFile::exists(spool));
        QVERIFY(exchange(sender, get(QStringLiteral("http//nowhere"))));
        QVERIFY(!QFile::exists(spool));
#endif
    }

    void smallBodiesStayInThePreview()
    {
        CaptureServer capture;
        capture.answer
            = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789";
        RequestSender sender;
        sender.setPreviewLimit(10);
        QVERIFY(exchange(sender, get(capture.url())));
        QCOMPARE(sender.response().preview, QByteArray("0123456789"));
        QCOMPARE(sender.response().size, qint64(10));
        QVERIFY(!sender.response().truncated);
        QVERIFY(sender.response().bodyFile.isEmpty());

        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("small.txt"));
        QString error;
        QVERIFY2(sender.saveBody(saved, &error), qPrintable(error));
        QFile f(saved);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("0123456789"));

        // One byte over: spooled whole, preview cut at the limit.
        sender.setPreviewLimit(9);
        QVERIFY(exchange(sender, get(capture.url())));
        QCOMPARE(sender.response().preview, QByteArray("012345678"));
        QVERIFY(sender.response().truncated);
        QFile spool(sender.response().bodyFile);
        QVERIFY(spool.open(QIODevice::ReadOnly));
        QCOMPARE(spool.readAll(), QByteArray("0123456789"));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost, 0));
            port = s.serverPort();
        }
        RequestSender sender;
        QVERIFY(exchange(sender, get(QStringLiteral("http://127.0.0.1:%1/x").arg(port))));
        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.error == Error::ConnectionRefused, describe(resp).constData());
        QCOMPARE(resp.errorText,
            QStringLiteral("Could not connect to 127.0.0.1:%1: connection refused.").arg(port));
        QCOMPARE(resp.status, 0);
        QCOMPARE(resp.ttfbMs, qint64(-1));
    }

    void hostNotFound()
    {
        RequestSender sender;
        // .invalid never resolves (RFC 6761).
        QVERIFY(exchange(sender, get(QStringLiteral("http://tollgate-test.invalid/"))));
        const ComposerResponse& resp = sender.response();
        QVERIFY2(resp.error == Error::HostNotFound, describe(resp).constData());
        QCOMPARE(resp.errorText, QStringLiteral("Could not find the host tollgate-test.invalid."));
    }

    void invalidUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("says");
        const QString port = QString::number(m_trap.serverPort());
        QTest::newRow("empty") << QString() << QStringLiteral("Enter a URL");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("Enter a URL");
        QTest::newRow("colon missing") << QString(QStringLiteral("http//127.0.0.1:") + port)
                                       << QStringLiteral("has no scheme");
        QTest::newRow("host and port")
            << QString(QStringLiteral("127.0.0.1:") + port + QStringLiteral("/x"))
            << QStringLiteral("has no scheme");
        QTest::newRow("localhost and port")
            << QString(QStringLiteral("localhost:") + port) << QStringLiteral("has no scheme");
        QTest::newRow("ftp") << QString(QStringLiteral("ftp://127.0.0.1:") + port
            + QStringLiteral(
                "/")) << QStringLiteral("Only http:// and https:// URLs can be sent, not ftp://.");
        QTest::newRow("no host") << QStringLiteral("http://")
                                 << QStringLiteral("has no host name.");
        QTest::newRow("path only")
            << QStringLiteral("http:///users") << QStringLiteral("has no host name.");
        QTest::newRow("bad host") << QStringLiteral("http://exa mple.com/")
                                  << QStringLiteral("is not a valid URL: invalid hostname");
        QTest::newRow("bad port") << QStringLiteral("http://127.0.0.1:99999/")
                                  << QStringLiteral("is not a valid URL: invalid port");
    }

    void invalidUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, says);
        RequestSender sender;
        QSignalSpy finished(&sender, &RequestSender::finished);
        QSignalSpy started(&sender, &RequestSender::started);
        sender.send(get(url));
        // Nothing was handed to the network, and finished() comes from the
        // event loop, never from inside send().
        QVERIFY(sender.findChildren<QNetworkReply*>().isEmpty());
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY(sender.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        const ComposerResponse& resp = sender.response();
        QCOMPARE(resp.error, Error::InvalidUrl);
        QVERIFY2(resp.errorText.contains(says), qPrintable(resp.errorText));
        QVERIFY(resp.errorText.endsWith(QLatin1Char('.')));
        QVERIFY(!resp.errorText.contains(QStringLiteral("source was")));
        QVERIFY(!m_trap.hasPendingConnections());
    }

    void tlsSelfSignedThenInsecure()
    {
        const SelfSigned cert = makeSelfSigned();
        QVERIFY(!cert.certificate.isNull());
        QVERIFY(!cert.key.isNull());
        TlsServer tls(cert);
        QVERIFY(tls.server.isListening());
        RequestSender sender;
        ComposerRequest r = get(tls.url());
        QVERIFY(exchange(sender, r));
        {
            const ComposerResponse& resp = sender.response();
            QVERIFY2(resp.error == Error::Tls, describe(resp).constData());
            QVERIFY(resp.tlsSelfSigned);
            QVERIFY(!resp.tlsErrors.isEmpty());
            QCOMPARE(resp.errorText,
                QStringLiteral("The server's certificate is self-signed, so its identity cannot be "
                               "verified."));
            QCOMPARE(resp.status, 0);
            QCOMPARE(tls.answered, 0);
        }

        r.insecure = true;
        QVERIFY(exchange(sender, r));
        {
            const ComposerResponse& resp = sender.response();
            QVERIFY2(resp.status == 200, describe(resp).constData());
            QCOMPARE(resp.error, Error::None);
            QCOMPARE(resp.preview, QByteArray("ok"));
            QVERIFY(resp.tlsErrors.isEmpty());
            QCOMPARE(tls.answered, 1);
        }

        // Verification is back for the next request: the connection accepted
        // without it (still open, keep-alive) is not reused.
        r.insecure = false;
        QVERIFY(exchange(sender, r));
        QVERIFY2(sender.response().error == Error::Tls, describe(sender.response()).constData());
        QCOMPARE(tls.answered, 1);
    }

    void httpErrorStatusIsAnAnswer()
    {
        Backend e;
        QVERIFY2(e.server->ok(), e.server->problems().constData());
        RequestSender sender;
        QStringList events;
        connect(&sender, &RequestSender::headersReceived, this,
            [&] { events << QStringLiteral("headers %1").arg(sender.response().status); });
        connect(
            &sender, &RequestSender::finished, this, [&] { events << QStringLiteral("finished"); });
        QVERIFY(exchange(sender, get(e.url("/missing"))));
        const ComposerResponse& resp = sender.response();
        QCOMPARE(resp.status, 404);
        QCOMPARE(resp.error, Error::None);
        QVERIFY(resp.errorText.isEmpty());
        QCOMPARE(resp.reason, QStringLiteral("Not Found"));
        QCOMPARE(resp.preview, QByteArray("{\"error\":\"nope\"}"));
        QCOMPARE(resp.header("CONTENT-TYPE"), QByteArray("application/json"));
        QCOMPARE(resp.protocol, QStringLiteral("HTTP/1.1"));
        QCOMPARE(
            events, QStringList({ QStringLiteral("headers 404"), QStringLiteral("finished") }));
        QVERIFY2(resp.ttfbMs >= 0 && resp.ttfbMs <= resp.totalMs,
            QByteArray(QByteArray::number(resp.ttfbMs) + " / " + QByteArray::number(resp.totalMs)));

        // 500 alike; and HTTP/2 allowed over plain http stays HTTP/1.1.
        Workspace ws;
        ws.routes.push_back(makeRoute("GET", "/boom", { makeResponse(500, "{}") }));
        TestServer s(ws);
        QVERIFY2(s.ok(), s.problems().constData());
        ComposerRequest r = get(QStringLiteral("http://127.0.0.1:%1/boom").arg(s.port()));
        r.http2 = true;
        QVERIFY(exchange(sender, r));
        QCOMPARE(sender.response().status, 500);
        QCOMPARE(sender.response().error, Error::None);
        QCOMPARE(sender.response().protocol, QStringLiteral("HTTP/1.1"));
    }

    void bodiesAndDefaultHeaders()
    {
        CaptureServer capture;
        RequestSender sender;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // Raw with a typed Content-Type and a custom verb; typed repeats join.
        ComposerRequest raw = get(capture.url("/items/1"));
        raw.method = "PATCH";
        raw.bodyKind = ComposerRequest::BodyKind::Raw;
        raw.body = "{\"a\":1}";
        raw.headers
            = { { "Content-Type", "application/json" }, { "X-Tag", "a" }, { "X-Tag", "b" } };
        QVERIFY(exchange(sender, raw));
        QCOMPARE(capture.requests.size(), 1);
        Captured c = capture.requests.last();
        QCOMPARE(c.requestLine, QByteArray("PATCH /items/1 HTTP/1.1"));
        QCOMPARE(c.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(c.body, QByteArray("{\"a\":1}"));
        QCOMPARE(c.header("X-Tag"), QByteArray("a, b"));
        QVERIFY(c.header("User-Agent").startsWith("Tollgate"));
        QCOMPARE(c.header("Accept-Encoding"), QByteArray("identity"));
        QVERIFY(!c.hasHeader("Cookie"));

        // Form: urlencoded unless typed otherwise.
        ComposerRequest form = get(capture.url("/form"));
        form.method = "POST";
        form.bodyKind = ComposerRequest::BodyKind::Form;
        form.body = "a=1&b=two+words";
        QVERIFY(exchange(sender, form));
        c = capture.requests.last();
        QCOMPARE(c.requestLine, QByteArray("POST /form HTTP/1.1"));
        QCOMPARE(c.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(c.body, QByteArray("a=1&b=two+words"));

        // File: streamed from disk, relative to baseDir, every byte.
        QByteArray content(3 * kMiB + 17, '\0');
        for (qsizetype i = 0; i < content.size(); ++i)
            content[i] = char((i * 131) % 251);
        {
            QFile f(dir.filePath(QStringLiteral("upload.bin")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(content), content.size());
        }
        ComposerRequest file = get(capture.url("/upload"));
        file.method = "PUT";
        file.bodyKind = ComposerRequest::BodyKind::File;
        file.bodyFile = "upload.bin";
        QVERIFY(exchange(sender, file, dir.path()));
        QVERIFY2(sender.response().status == 200, describe(sender.response()).constData());
        c = capture.requests.last();
        QCOMPARE(c.requestLine, QByteArray("PUT /upload HTTP/1.1"));
        QCOMPARE(c.header("Content-Length"), QByteArray::number(content.size()));
        QCOMPARE(c.header("Content-Type"), QByteArray("application/octet-stream"));
        QVERIFY(c.body == content);

        // Multipart: text fields and @file fields; a typed Content-Type
        // without a boundary must not survive.
        {
            QFile f(dir.filePath(QStringLiteral("notes.txt")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("file body\n");
        }
        ComposerRequest multi = get(capture.url("/multi"));
        multi.method = "POST";
        multi.bodyKind = ComposerRequest::BodyKind::Multipart;
        multi.headers = { { "Content-Type", "multipart/form-data" } };
        multi.formFields = { { "title", "hello" }, { "doc", "@notes.txt" } };
        QVERIFY(exchange(sender, multi, dir.path()));
        c = capture.requests.last();
        const QByteArray type = c.header("Content-Type");
        QVERIFY2(type.startsWith("multipart/form-data; boundary="), type.constData());
        QByteArray boundary = type.mid(type.indexOf('=') + 1);
        if (boundary.startsWith('"'))
            boundary = boundary.mid(1, boundary.size() - 2);
        QVERIFY(c.body.startsWith(QByteArray("--" + boundary + "\r\n")));
        // Header case and extra part headers differ between Qt versions
        // (6.8 writes them lowercase): find the part, then its value.
        const QByteArray lower = c.body.toLower();
        const qsizetype part = lower.indexOf("content-disposition: form-data; name=\"title\"");
        QVERIFY2(part >= 0, c.body.left(400).constData());
        const qsizetype blank = c.body.indexOf("\r\n\r\n", part);
        QVERIFY(blank > part);
        QVERIFY(c.body.mid(blank + 4).startsWith("hello\r\n"));
        QVERIFY(c.body.contains("form-data; name=\"doc\"; filename=\"notes.txt\""));
        QVERIFY(lower.contains("content-type: text/plain"));
        QVERIFY(c.body.contains(QByteArray("\r\n\r\nfile body\n\r\n--" + boundary + "--")));

        // Files that cannot be read fail before anything is sent.
        const qsizetype before = capture.requests.size();
        file.bodyFile = "missing.bin";
        QVERIFY(exchange(sender, file, dir.path()));
        QCOMPARE(sender.response().error, Error::BodyFile);
        QVERIFY2(sender.response().errorText.contains(QStringLiteral("missing.bin")),
            qPrintable(sender.response().errorText));
        multi.formFields = { { "doc", "@gone.txt" } };
        QVERIFY(exchange(sender, multi, dir.path()));
        QCOMPARE(sender.response().error, Error::BodyFile);
        QVERIFY(sender.response().errorText.contains(QStringLiteral("gone.txt")));
        ComposerRequest badVerb = get(capture.url());
        badVerb.method = "GET /admin HTTP/1.1\r\nX:";
        QVERIFY(exchange(sender, badVerb));
        QCOMPARE(sender.response().error, Error::Network);
        QVERIFY(
            sender.response().errorText.endsWith(QStringLiteral("is not a valid HTTP method.")));
        QCOMPARE(capture.requests.size(), before);
    }

    void cookiesAreNeitherKeptNorSent()
    {
        CaptureServer capture;
        capture.answer
            = "HTTP/1.1 200 OK\r\nSet-Cookie: session=abc; Path=/\r\nContent-Length: 2\r\n"
              "Connection: close\r\n\r\nok";
        RequestSender sender;
        QVERIFY(exchange(sender, get(capture.url())));
        QCOMPARE(sender.response().header("Set-Cookie"), QByteArray("session=abc; Path=/"));
        QVERIFY(exchange(sender, get(capture.url())));
        QCOMPARE(capture.requests.size(), 2);
        QVERIFY(!capture.requests[1].hasHeader("Cookie"));

        // A typed Cookie header is sent as typed.
        ComposerRequest r = get(capture.url());
        r.headers = { { "Cookie", "a=1" }, { "Cookie", "b=2" } };
        QVERIFY(exchange(sender, r));
        QCOMPARE(capture.requests.last().header("Cookie"), QByteArray("a=1; b=2"));
    }

    void compressedIsDecodedOnlyWhenAsked()
    {
        const QByteArray gzip = QByteArray::fromHex("1f8b08000000000002"
                                                    "03cb48cdc9c9d75148afca2c00004a9bb15c0b000000");
        CaptureServer capture;
        capture.answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                         "Content-Length: "
            + QByteArray::number(gzip.size()) + "\r\nConnection: close\r\n\r\n" + gzip;
        RequestSender sender;
        ComposerRequest r = get(capture.url());
        r.compressed = true;
        QVERIFY(exchange(sender, r));
        QVERIFY(capture.requests.last().header("Accept-Encoding").contains("gzip"));
        QCOMPARE(sender.response().preview, QByteArray("hello, gzip"));

        r.compressed = false;
        QVERIFY(exchange(sender, r));
        QCOMPARE(capture.requests.last().header("Accept-Encoding"), QByteArray("identity"));
        QCOMPARE(sender.response().preview, gzip); // as it came over the wire
    }
};

QTEST_GUILESS_MAIN(TestComposer)
#include "tst_composer.moc"
