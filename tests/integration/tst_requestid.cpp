// X-Request-ID: every response carries one, whatever path produced it; a valid
// client id is echoed byte for byte, anything else is replaced by a generated
// id (never echoed: header injection); generated ids are unique across
// connections and worker threads; the traffic log and templates see the same
// id the client saw.

#include "rawclient.h"
#include "testserver.h"

#include "server/access/apikey.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <ctime>
#include <mutex>
#include <thread>

using namespace testsupport;
using rawhttp::RawClient;

namespace {

/// Generated ids: 26 characters of lowercase Crockford base32.
bool isGenerated(const QByteArray& id)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-hjkmnp-tv-z]{26}$"));
    return re.match(QString::fromLatin1(id)).hasMatch();
}

/// Empty when r is a response with exactly one generated X-Request-ID.
QByteArray generatedIdError(const rawhttp::Response& r)
{
    if (!r.ok)
        return "no response: " + r.error;
    if (r.headerCount("X-Request-ID") != 1)
        return "expected one X-Request-ID header\n" + r.describe();
    if (!isGenerated(r.header("X-Request-ID")))
        return "X-Request-ID is not a generated id\n" + r.describe();
    return {};
}

rawhttp::Response roundTrip(quint16 port, const QByteArray& raw, bool head = false)
{
    RawClient c;
    if (!c.connectTo(port) || !c.send(raw)) {
        rawhttp::Response r;
        r.error = "connect or send failed";
        return r;
    }
    return c.readResponse(head);
}

std::string newKey(Workspace* ws)
{
    NewKey k;
    std::string error;
    if (!createKey("development", { "t", "", "", {}, 0 }, std::time(nullptr), &k, &error))
        qFatal("createKey: %s", error.c_str());
    ws->keys.push_back(k.record);
    return k.secret;
}

} // namespace

class TestRequestId : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    quint16 m_port = 0;
    std::string m_key;

    Workspace workspace()
    {
        Workspace ws;
        ws.name = "request id test";
        ws.server.limits.headerFields = 20;
        ws.server.cors.enabled = true;
        ws.tiers = { { "t", "T", 60, 1, 0, 0, 0, 0, OverQuotaPolicy::Block } };
        ws.routes.push_back(makeRoute("GET", "/static",
            { makeResponse(200, "{}", "application/json", { { "X-Request-ID", "from-route" } }) }));
        ws.routes.push_back(makeRoute("POST", "/only-post", 201, "{}"));
        ws.routes.push_back(makeRoute("GET", "/echo-id",
            { makeResponse(200, "{\"id\":\"{{request.id}}\"}", "application/json",
                { { "X-Echo", "{{request.id}}" } }) }));
        Route slow = makeRoute("GET", "/slow", 200, "{}");
        slow.latency.minMs = 30;
        ws.routes.push_back(slow);
        Route upload = makeRoute("POST", "/upload", 201, "{}");
        upload.bodyLimit = 16;
        ws.routes.push_back(upload);
        Route keyed = makeRoute("GET", "/paid", 200, "{}");
        keyed.access.keyRequired = true;
        ws.routes.push_back(keyed);
        m_key = newKey(&ws);
        return ws;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(workspace(), 4);
        QVERIFY2(m_server->ok(), m_server->problems().constData());
        m_port = m_server->port();
    }

    void everyResponsePathCarriesAGeneratedId_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("head");
        QTest::addColumn<int>("status");
        const QByteArray bearer = "Authorization: Bearer tg_dev_short\r\n";
        QTest::newRow("200") << rawhttp::get("/static") << false << 200;
        QTest::newRow("404") << rawhttp::get("/nowhere") << false << 404;
        QTest::newRow("405") << rawhttp::get("/only-post") << false << 405;
        QTest::newRow("OPTIONS with Allow")
            << rawhttp::request("OPTIONS", "/only-post") << false << 204;
        QTest::newRow("401") << rawhttp::get("/paid") << false << 401;
        QTest::newRow("401 malformed key") << rawhttp::get("/paid", bearer) << false << 401;
        QTest::newRow("403 host") << QByteArray(
            "GET /static HTTP/1.1\r\nHost: evil.example\r\n\r\n")
                                  << false << 403;
        QTest::newRow("413") << rawhttp::request("POST", "/upload", {}, QByteArray(100, 'x'))
                             << false << 413;
        QByteArray many;
        for (int i = 0; i < 30; ++i)
            many += "X-Filler-" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("431") << rawhttp::get("/static", many) << false << 431;
        QTest::newRow("400 framing")
            << rawhttp::request("POST", "/upload", "Content-Length: 1\r\nContent-Length: 2\r\n")
            << false << 400;
        QTest::newRow("health") << rawhttp::get("/health") << false << 200;
        QTest::newRow("HEAD health") << rawhttp::request("HEAD", "/health") << true << 200;
        QTest::newRow("HEAD route") << rawhttp::request("HEAD", "/static") << true << 200;
        QTest::newRow("latency") << rawhttp::get("/slow") << false << 200;
        QTest::newRow("template") << rawhttp::get("/echo-id") << false << 200;
        QTest::newRow("preflight") << rawhttp::request("OPTIONS", "/static",
            "Origin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n")
                                   << false << 204;
    }

    void everyResponsePathCarriesAGeneratedId()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, head);
        QFETCH(int, status);
        const auto r = roundTrip(m_port, raw, head);
        QVERIFY2(r.ok, r.error.constData());
        QVERIFY2(r.status == status, r.describe().constData());
        const QByteArray err = generatedIdError(r);
        QVERIFY2(err.isEmpty(), err.constData());
    }

    void keyedSuccessAnd429()
    {
        const QByteArray bearer
            = "Authorization: Bearer " + QByteArray::fromStdString(m_key) + "\r\n";
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        // Burst 1: the first passes, the next is over the limit.
        QVERIFY(c.send(rawhttp::get("/paid", bearer)));
        const auto ok = c.readResponse();
        QVERIFY2(ok.status == 200, ok.describe().constData());
        QVERIFY2(generatedIdError(ok).isEmpty(), ok.describe().constData());
        QVERIFY(c.send(rawhttp::get("/paid", QByteArray(bearer + "X-Request-ID: client-429\r\n"))));
        const auto limited = c.readResponse();
        QVERIFY2(limited.status == 429, limited.describe().constData());
        QCOMPARE(limited.header("X-Request-ID"), QByteArray("client-429"));
        QVERIFY(c.send(rawhttp::get("/paid", bearer)));
        const auto again = c.readResponse();
        QVERIFY2(again.status == 429, again.describe().constData());
        QVERIFY2(generatedIdError(again).isEmpty(), again.describe().constData());
        QVERIFY(again.header("X-Request-ID") != ok.header("X-Request-ID"));
    }

    void headerTimeoutCarriesAnId()
    {
        Workspace ws;
        ws.routes.push_back(makeRoute("GET", "/static", 200, "{}"));
        ws.server.limits.headerTimeoutMs = 200;
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());
        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        QVERIFY(c.send("GET /static HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: partial\r\n"));
        const auto r = c.readResponse();
        QVERIFY2(r.status == 408, r.describe().constData());
        const QByteArray err = generatedIdError(r);
        QVERIFY2(err.isEmpty(), err.constData());
    }

    void validIdIsEchoedExactly_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("one char") << QByteArray("a");
        QTest::newRow("uuid") << QByteArray("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        QTest::newRow("all classes") << QByteArray("Az09._:-");
        QTest::newRow("128 chars") << QByteArray(128, 'Q');
        QTest::newRow("mixed case") << QByteArray("Trace:ABC.def_123");
    }

    void validIdIsEchoedExactly()
    {
        QFETCH(QByteArray, id);
        for (const QByteArray& target : { QByteArray("/static"), QByteArray("/nowhere") }) {
            const auto r = roundTrip(
                m_port, rawhttp::get(target, QByteArray("X-Request-ID: " + id + "\r\n")));
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(r.headerCount("X-Request-ID"), 1);
            QCOMPARE(r.header("X-Request-ID"), id);
        }
        // The header name is case-insensitive.
        const auto r = roundTrip(
            m_port, rawhttp::get("/static", QByteArray("x-request-id: " + id + "\r\n")));
        QCOMPARE(r.header("X-Request-ID"), id);
    }

    void invalidIdIsReplaced_data()
    {
        QTest::addColumn<QByteArray>("headerLines");
        QTest::newRow("too long") << QByteArray("X-Request-ID: " + QByteArray(129, 'a') + "\r\n");
        QTest::newRow("empty") << QByteArray("X-Request-ID: \r\n");
        QTest::newRow("space") << QByteArray("X-Request-ID: abc def\r\n");
        QTest::newRow("tab") << QByteArray("X-Request-ID: abc\tdef\r\n");
        QTest::newRow("slash") << QByteArray("X-Request-ID: abc/def\r\n");
        QTest::newRow("semicolon") << QByteArray("X-Request-ID: abc;def\r\n");
        QTest::newRow("comma") << QByteArray("X-Request-ID: abc,def\r\n");
        QTest::newRow("quote") << QByteArray("X-Request-ID: \"abc\"\r\n");
        QTest::newRow("utf-8") << QByteArray("X-Request-ID: abc\xc3\xa4\r\n");
        QTest::newRow("high bytes") << QByteArray("X-Request-ID: \xff\xfe\r\n");
        QTest::newRow("obs-fold CRLF") << QByteArray("X-Request-ID: abc\r\n Injected: yes\r\n");
        QTest::newRow("duplicate") << QByteArray("X-Request-ID: first\r\nX-Request-ID: second\r\n");
        QTest::newRow("duplicate, other case")
            << QByteArray("X-Request-ID: first\r\nx-request-id: first\r\n");
    }

    void invalidIdIsReplaced()
    {
        QFETCH(QByteArray, headerLines);
        const auto r = roundTrip(m_port, rawhttp::get("/static", headerLines));
        QVERIFY2(r.ok, r.error.constData());
        // The parser may refuse some of these outright; either way no client
        // bytes reach the response header.
        const QByteArray err = generatedIdError(r);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(!r.hasHeader("Injected"), r.describe().constData());
    }

    void bareLineFeedCannotInject()
    {
        // A bare LF inside the value: refused or replaced, never echoed.
        const auto r = roundTrip(m_port,
            "GET /static HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: abc\nInjected: yes\r\n\r\n");
        if (r.ok) {
            const QByteArray err = generatedIdError(r);
            QVERIFY2(err.isEmpty(), err.constData());
            QVERIFY2(!r.hasHeader("Injected"), r.describe().constData());
        }
    }

    void routeCannotSetItsOwnId()
    {
        // /static configures "X-Request-ID: from-route"; the engine's id wins.
        const auto r = roundTrip(m_port, rawhttp::get("/static", "X-Request-ID: mine\r\n"));
        QCOMPARE(r.headerCount("X-Request-ID"), 1);
        QCOMPARE(r.header("X-Request-ID"), QByteArray("mine"));
    }

    void templateSeesTheId()
    {
        auto r = roundTrip(m_port, rawhttp::get("/echo-id", "X-Request-ID: tmpl-1\r\n"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.body, QByteArray("{\"id\":\"tmpl-1\"}"));
        QCOMPARE(r.header("X-Echo"), QByteArray("tmpl-1"));

        r = roundTrip(m_port, rawhttp::get("/echo-id"));
        const QByteArray id = r.header("X-Request-ID");
        QVERIFY2(isGenerated(id), r.describe().constData());
        QCOMPARE(r.body, "{\"id\":\"" + id + "\"}");
        QCOMPARE(r.header("X-Echo"), id);
    }

    void corsExposesTheHeader()
    {
        const auto r
            = roundTrip(m_port, rawhttp::get("/static", "Origin: https://app.example\r\n"));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("Access-Control-Expose-Headers"), QByteArray("X-Request-ID"));
        QVERIFY2(generatedIdError(r).isEmpty(), r.describe().constData());

        // A configured list gets X-Request-ID appended, once.
        Workspace ws;
        ws.server.cors.enabled = true;
        ws.server.cors.exposeHeaders = "RateLimit, RateLimit-Policy";
        ws.routes.push_back(makeRoute("GET", "/static", 200, "{}"));
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());
        auto e
            = roundTrip(server.port(), rawhttp::get("/static", "Origin: https://app.example\r\n"));
        QCOMPARE(e.header("Access-Control-Expose-Headers"),
            QByteArray("RateLimit, RateLimit-Policy, X-Request-ID"));
        ws.server.cors.exposeHeaders = "x-request-id, RateLimit";
        server.engine->apply(ws);
        e = roundTrip(server.port(), rawhttp::get("/static", "Origin: https://app.example\r\n"));
        QCOMPARE(e.header("Access-Control-Expose-Headers"), QByteArray("x-request-id, RateLimit"));
    }

    void trafficEventCarriesTheSameId()
    {
        std::vector<TrafficEvent> drained;
        m_server->engine->drainTraffic(&drained);
        drained.clear();
        const auto generated = roundTrip(m_port, rawhttp::get("/static?traffic=1"));
        const auto echoed
            = roundTrip(m_port, rawhttp::get("/nowhere?traffic=2", "X-Request-ID: traffic-2\r\n"));
        QVERIFY(generated.ok && echoed.ok);
        QTRY_VERIFY([&] {
            m_server->engine->drainTraffic(&drained);
            return drained.size() >= 2;
        }());
        QMap<QByteArray, QByteArray> byTarget;
        for (const auto& e : drained)
            byTarget.insert(
                QByteArray::fromStdString(e.target), QByteArray::fromStdString(e.requestId));
        QCOMPARE(byTarget.value("/static?traffic=1"), generated.header("X-Request-ID"));
        QCOMPARE(byTarget.value("/nowhere?traffic=2"), QByteArray("traffic-2"));
    }

    void generatedIdsAreUnique()
    {
        // 8 keep-alive connections spread over the server's 4 threads, 10 000
        // requests in all; plus a second engine in the same process.
        m_server->engine->setTrafficRecording(false);
        constexpr int kConnections = 8;
        constexpr int kPerConnection = 1250;
        std::mutex mutex;
        QList<QByteArray> ids;
        QByteArray failure;
        std::vector<std::thread> threads;
        for (int t = 0; t < kConnections; ++t) {
            threads.emplace_back([&, t] {
                QList<QByteArray> mine;
                mine.reserve(kPerConnection);
                RawClient c;
                QByteArray error;
                if (!c.connectTo(m_port))
                    error = "connect failed";
                const QByteArray req = rawhttp::get(t % 2 ? "/static" : "/nowhere");
                for (int i = 0; error.isEmpty() && i < kPerConnection; ++i) {
                    if (!c.send(req)) {
                        error = "send failed";
                        break;
                    }
                    const auto r = c.readResponse();
                    error = generatedIdError(r);
                    mine.append(r.header("X-Request-ID"));
                }
                std::lock_guard lock(mutex);
                ids += mine;
                if (!error.isEmpty())
                    failure = error;
            });
        }
        for (auto& t : threads)
            t.join();
        m_server->engine->setTrafficRecording(true);
        QVERIFY2(failure.isEmpty(), failure.constData());
        QCOMPARE(ids.size(), kConnections * kPerConnection);

        Workspace ws;
        ws.routes.push_back(makeRoute("GET", "/static", 200, "{}"));
        TestServer other(ws, 2);
        QVERIFY2(other.ok(), other.problems().constData());
        for (int i = 0; i < 100; ++i)
            ids.append(roundTrip(other.port(), rawhttp::get("/static")).header("X-Request-ID"));

        QSet<QByteArray> unique;
        for (const auto& id : ids) {
            QVERIFY2(isGenerated(id), id.constData());
            unique.insert(id);
        }
        QCOMPARE(unique.size(), ids.size());
    }
};

QTEST_GUILESS_MAIN(TestRequestId)
#include "tst_requestid.moc"
