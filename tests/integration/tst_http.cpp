// The embedded engine's HTTP behaviour over real sockets: routing, templates,
// HEAD, problem responses, connection management, the parser limits, framing
// errors, the Host check, CORS and response selection. See DESIGN.md, "HTTP
// behaviour of the embedded server".

#include "rawclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

using namespace tollgate::server;
using rawhttp::RawClient;
using rawhttp::ReadEnd;
using testsupport::makeResponse;
using testsupport::makeRoute;
using testsupport::TestServer;

namespace {

/// Empty when r is an RFC 9457 problem with this status, else what is wrong.
QByteArray problemError(const rawhttp::Response& r, int status)
{
    if (!r.ok)
        return "no response: " + r.error;
    if (r.status != status)
        return "status " + QByteArray::number(r.status) + ", expected " + QByteArray::number(status)
            + "\n" + r.describe();
    if (!r.header("Content-Type").startsWith("application/problem+json"))
        return "Content-Type is \"" + r.header("Content-Type") + "\", not application/problem+json";
    QJsonParseError pe {};
    const auto doc = QJsonDocument::fromJson(r.body, &pe);
    if (!doc.isObject())
        return "problem body is not a JSON object: " + r.body;
    const auto o = doc.object();
    if (o.value(QLatin1String("status")).toInt() != status)
        return "problem body has the wrong status: " + r.body;
    if (o.value(QLatin1String("title")).toString().isEmpty())
        return "problem body has no title: " + r.body;
    return {};
}

/// Empty when the peer closed the connection without sending anything more.
QByteArray closedError(RawClient& c)
{
    QByteArray rest;
    const ReadEnd end = c.readUntilClose(&rest);
    if (end != ReadEnd::Eof && end != ReadEnd::Reset)
        return QByteArray("connection not closed: read ended with ") + rawhttp::toString(end);
    if (!rest.isEmpty())
        return "unexpected bytes before the close: " + rest.left(200);
    return {};
}

QJsonObject jsonObject(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class TestHttp : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    quint16 m_port = 0;

    Workspace baseWorkspace() const
    {
        Workspace ws;
        ws.name = "http test";
        ws.server.environment = "staging";

        ws.routes.push_back(makeRoute("GET", "/static",
            { makeResponse(
                200, "{\"hello\":\"world\"}", "application/json", { { "X-Custom", "yes" } }) }));
        ws.routes.push_back(
            makeRoute("GET", "/v1/users/{id}", 200, "{\"id\":\"{{request.params.id}}\"}"));

        Route upload = makeRoute("POST", "/upload", 201, "{\"stored\":true}");
        upload.bodyLimit = 1024;
        Route bigUpload = makeRoute("POST", "/big-upload", 201, "{\"stored\":true}");
        bigUpload.bodyLimit = 4 * 1024 * 1024;
        ws.routes.push_back(upload);
        ws.routes.push_back(bigUpload);

        Route rules = makeRoute("GET", "/rules",
            { makeResponse(200, "default", "text/plain"), makeResponse(201, "pro", "text/plain"),
                makeResponse(202, "beta", "text/plain") });
        rules.rules.push_back(Rule { RuleSource::Query, "plan", RuleOperator::Equals, "pro", 1 });
        rules.rules.push_back(
            Rule { RuleSource::Header, "X-Client", RuleOperator::Regex, "^beta-[0-9]+$", 2 });
        ws.routes.push_back(rules);

        Route bodyRules = makeRoute("POST", "/rules-body",
            { makeResponse(200, "no-user", "text/plain"),
                makeResponse(201, "has-user", "text/plain") });
        bodyRules.rules.push_back(
            Rule { RuleSource::Body, "/user/id", RuleOperator::Exists, "", 1 });
        ws.routes.push_back(bodyRules);

        const std::vector<Response> abc { makeResponse(200, "a", "text/plain"),
            makeResponse(200, "b", "text/plain"), makeResponse(200, "c", "text/plain") };
        Route random = makeRoute("GET", "/random", abc);
        random.mode = ResponseMode::Random;
        ws.routes.push_back(random);
        Route sequential = makeRoute("GET", "/sequential", abc);
        sequential.mode = ResponseMode::Sequential;
        ws.routes.push_back(sequential);

        ws.routes.push_back(
            makeRoute("POST", "/echo", 200, "{\"hello\":\"{{request.json.name}}\"}"));
        return ws;
    }

    rawhttp::Response roundTrip(const QByteArray& raw, bool head = false, quint16 port = 0)
    {
        RawClient c;
        if (!c.connectTo(port ? port : m_port)) {
            rawhttp::Response r;
            r.error = "connect failed: " + QByteArray(std::strerror(c.lastErrno()));
            return r;
        }
        if (!c.send(raw)) {
            rawhttp::Response r;
            r.error = "send failed";
            return r;
        }
        return c.readResponse(head);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(baseWorkspace(), 2, "9.8.7");
        QVERIFY2(m_server->ok(), m_server->problems().constData());
        m_port = m_server->port();
    }

    void cleanupTestCase() { m_server.reset(); }

    void health()
    {
        const auto r = roundTrip(rawhttp::get("/health"));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.describe().constData());
        const auto o = jsonObject(r.body);
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(o.value(QLatin1String("version")).toString(), QStringLiteral("9.8.7"));
        QCOMPARE(o.value(QLatin1String("environment")).toString(), QStringLiteral("staging"));
    }

    void staticRoute()
    {
        const auto r = roundTrip(rawhttp::get("/static"));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"hello\":\"world\"}"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("X-Custom"), QByteArray("yes"));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(r.body.size()));
        QVERIFY(!r.closes());
    }

    void templatedRoute_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("expectedId");
        QTest::newRow("number") << QByteArray("/v1/users/42") << QStringLiteral("42");
        QTest::newRow("word") << QByteArray("/v1/users/ada") << QStringLiteral("ada");
        // Decoded, and escaped for the JSON string it lands in.
        QTest::newRow("quote") << QByteArray("/v1/users/a%22b") << QStringLiteral("a\"b");
    }
    void templatedRoute()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, expectedId);
        const auto r = roundTrip(rawhttp::get(target));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QJsonParseError pe {};
        const auto doc = QJsonDocument::fromJson(r.body, &pe);
        QVERIFY2(doc.isObject(), r.body.constData());
        QCOMPARE(doc.object().value(QLatin1String("id")).toString(), expectedId);
    }

    void headIsAutomatic_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("static") << QByteArray("/static");
        QTest::newRow("templated") << QByteArray("/v1/users/12345");
        QTest::newRow("health") << QByteArray("/health");
    }
    void headIsAutomatic()
    {
        QFETCH(QByteArray, target);
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(rawhttp::get(target)));
        const auto g = c.readResponse();
        QVERIFY2(g.ok, g.error.constData());
        QCOMPARE(g.status, 200);
        QVERIFY(!g.body.isEmpty());

        QVERIFY(c.send(rawhttp::request("HEAD", target)));
        const auto h = c.readResponse(/*forHead=*/true);
        QVERIFY2(h.ok, h.error.constData());
        QCOMPARE(h.status, 200);
        QCOMPARE(h.header("Content-Length"), QByteArray::number(g.body.size()));
        QCOMPARE(h.header("Content-Type"), g.header("Content-Type"));

        // Body bytes after the HEAD response would corrupt the next status line.
        QVERIFY(c.send(rawhttp::get("/v1/users/next")));
        const auto n = c.readResponse();
        QVERIFY2(n.ok, n.error.constData());
        QCOMPARE(n.status, 200);
        QCOMPARE(n.body, QByteArray("{\"id\":\"next\"}"));
        QVERIFY(c.buffered().isEmpty());
    }

    void notFound()
    {
        const auto r = roundTrip(rawhttp::get("/nope"));
        const QByteArray err = problemError(r, 404);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY(!r.hasHeader("Allow"));
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("POST static")
            << QByteArray("POST") << QByteArray("/static") << QByteArray("GET, HEAD");
        QTest::newRow("DELETE user")
            << QByteArray("DELETE") << QByteArray("/v1/users/1") << QByteArray("GET, HEAD");
        QTest::newRow("GET upload")
            << QByteArray("GET") << QByteArray("/upload") << QByteArray("POST");
    }
    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, allow);
        const auto r = roundTrip(rawhttp::request(method, target));
        const QByteArray err = problemError(r, 405);
        QVERIFY2(err.isEmpty(), err.constData());
        QCOMPARE(r.header("Allow"), allow);
    }

    void keepAlive()
    {
        const auto before = m_server->engine->connectionsAccepted();
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(c.send(rawhttp::get(QByteArray("/v1/users/" + QByteArray::number(i)))));
            const auto r = c.readResponse();
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("{\"id\":\"" + QByteArray::number(i) + "\"}"));
            QVERIFY(!r.closes());
        }
        QCOMPARE(m_server->engine->connectionsAccepted() - before, std::uint64_t(1));
    }

    void pipelining()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        const QByteArray three = rawhttp::get("/v1/users/1")
            + rawhttp::request(
                "POST", "/echo", "Content-Type: application/json\r\n", "{\"name\":\"pipe\"}")
            + rawhttp::get("/v1/users/3");
        QVERIFY(c.send(three)); // one send(): the engine gets all three at once
        const auto r1 = c.readResponse();
        const auto r2 = c.readResponse();
        const auto r3 = c.readResponse();
        QVERIFY2(r1.ok && r2.ok && r3.ok, QByteArray(r1.error + r2.error + r3.error).constData());
        QCOMPARE(r1.body, QByteArray("{\"id\":\"1\"}"));
        QCOMPARE(
            jsonObject(r2.body).value(QLatin1String("hello")).toString(), QStringLiteral("pipe"));
        QCOMPARE(r3.body, QByteArray("{\"id\":\"3\"}"));
        QVERIFY(!c.hasPendingData(50));
    }

    void http10Closes()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("GET /static HTTP/1.0\r\n\r\n"));
        const auto r = c.readResponse();
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.version, QByteArray("HTTP/1.0"));
        QCOMPARE(r.body, QByteArray("{\"hello\":\"world\"}"));
        const QByteArray err = closedError(c);
        QVERIFY2(err.isEmpty(), err.constData());
    }

    void http10KeepAlive()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("GET /static HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        const auto r = c.readResponse();
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Connection").toLower(), QByteArray("keep-alive"));
        QVERIFY(c.send("GET /v1/users/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        const auto r2 = c.readResponse();
        QVERIFY2(r2.ok, r2.error.constData());
        QCOMPARE(r2.body, QByteArray("{\"id\":\"2\"}"));
    }

    void requestLineTooLong_data()
    {
        QTest::addColumn<int>("targetBytes");
        // A request line longer than 8 KiB but within the parser's header
        // budget, a target far beyond it, and one whose request line (not
        // target) just crosses 8192 bytes ("GET " + target + " HTTP/1.1").
        QTest::newRow("9000") << 9000;
        QTest::newRow("40000") << 40000;
        QTest::newRow("line 8193") << 8193 - 13;
    }
    void requestLineTooLong()
    {
        QFETCH(int, targetBytes);
        const QByteArray target = "/static?pad=" + QByteArray(targetBytes - 12, 'x');
        QCOMPARE(target.size(), targetBytes);
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(rawhttp::get(target)));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 414);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void requestLineAtLimitIsServed()
    {
        // "GET " + target + " HTTP/1.1" is exactly 8192 bytes: allowed.
        const QByteArray target = "/static?pad=" + QByteArray(8192 - 13 - 12, 'x');
        const auto r = roundTrip(rawhttp::get(target));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
    }

    void headerTooLarge_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QByteArray manyMedium;
        for (int i = 0; i < 20; ++i)
            manyMedium += "X-Pad-" + QByteArray::number(i) + ": " + QByteArray(1000, 'v') + "\r\n";
        QTest::newRow("20 KiB in 20 fields") << manyMedium;
        QTest::newRow("one 40 KiB field")
            << QByteArray("X-Huge: " + QByteArray(40000, 'v') + "\r\n");
        QByteArray many;
        for (int i = 0; i < 101; ++i)
            many += "X-F" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("101 fields") << many;
    }
    void headerTooLarge()
    {
        QFETCH(QByteArray, headers);
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(rawhttp::get("/static", headers)));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 431);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void headerSectionWithinLimitIsServed()
    {
        // 12 KiB of header fields (a fat cookie or JWT) is within the 16 KiB limit.
        QByteArray fields;
        for (int i = 0; i < 12; ++i)
            fields += "X-Pad-" + QByteArray::number(i) + ": " + QByteArray(1000, 'v') + "\r\n";
        const auto r = roundTrip(rawhttp::get("/static", fields));
        QVERIFY2(r.ok, r.error.constData());
        QVERIFY2(r.status == 200, r.describe().constData());
    }

    void headerFieldsAtLimitAreServed()
    {
        // Host + 99 = 100 fields: allowed.
        QByteArray many;
        for (int i = 0; i < 99; ++i)
            many += "X-F" + QByteArray::number(i) + ": v\r\n";
        const auto r = roundTrip(rawhttp::get("/static", many));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
    }

    void bodyOverLimitByContentLength()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        // Only the header: the engine must answer without waiting for the body
        // (2 KiB is over the route's 1 KiB limit, well under the 1 MiB default).
        QVERIFY(c.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2048\r\n\r\n"));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 413);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void expectContinue()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        // The client holds the body back until the server asks for it.
        QVERIFY(
            c.send("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Expect: 100-continue\r\nContent-Length: 15\r\n\r\n"));
        const auto interim = c.readResponse();
        QVERIFY2(interim.ok, interim.error.constData());
        QCOMPARE(interim.status, 100);
        QVERIFY(c.send("{\"name\":\"cont\"}"));
        const auto r = c.readResponse();
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QCOMPARE(
            jsonObject(r.body).value(QLatin1String("hello")).toString(), QStringLiteral("cont"));
    }

    void bodyWithinLimit_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("content-length")
            << rawhttp::request("POST", "/upload", {}, QByteArray(1024, 'a'));
        QTest::newRow("chunked") << QByteArray(
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "200\r\n"
            + QByteArray(512, 'a') + "\r\n200\r\n" + QByteArray(512, 'b') + "\r\n0\r\n\r\n");
    }
    void bodyWithinLimit()
    {
        QFETCH(QByteArray, raw);
        const auto r = roundTrip(raw);
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 201);
    }

    void largeBodyAndResponse()
    {
        // 300 KiB in (under the 1 MiB default limit) and echoed back out, so
        // both the request body read and the gather write of a large body run.
        const QByteArray name(300 * 1024, 'n');
        const auto r = roundTrip(rawhttp::request("POST", "/echo",
            "Content-Type: application/json\r\n", QByteArray("{\"name\":\"" + name + "\"}")));
        QVERIFY2(r.ok, r.error.constData());
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(jsonObject(r.body).value(QLatin1String("hello")).toString().toLatin1(), name);
    }

    void bodyOverOneMebibyteWithinTheRoutesLimit()
    {
        // The route's limit decides, not the parser's 1 MiB default.
        const auto r = roundTrip(
            rawhttp::request("POST", "/big-upload", {}, QByteArray(3 * 1024 * 1024, 'u')));
        QVERIFY2(r.ok, r.error.constData());
        QVERIFY2(r.status == 201, r.describe().constData());
    }

    void bodyOverLimitChunked()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(QByteArray(
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "400\r\n"
            + QByteArray(1024, 'a') + "\r\n400\r\n" + QByteArray(1024, 'b') + "\r\n0\r\n\r\n")));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 413);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void headerTimeout()
    {
        Workspace ws = baseWorkspace();
        ws.server.limits.headerTimeoutMs = 300;
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());

        QElapsedTimer timer;
        timer.start();
        RawClient c; // its 5 s receive timeout bounds the wait
        QVERIFY(c.connectTo(server.port()));
        QVERIFY(c.send("GET /static HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: yes\r\n"));
        const auto r = c.readResponse();
        const qint64 elapsed = timer.elapsed();
        const QByteArray err = problemError(r, 408);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        QVERIFY2(elapsed >= 300, QByteArray::number(elapsed).constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void unknownTransferCoding()
    {
        // Framed (chunked is final) but gzip is unknown: 501. Without a final
        // chunked the request cannot be framed: 400 (tst_conformance).
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, "
                       "chunked\r\n\r\nxxxx"));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 501);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void ambiguousFraming_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::newRow("CL then TE")
            << QByteArray("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n");
        QTest::newRow("TE then CL")
            << QByteArray("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n");
        QTest::newRow("two equal CL") << QByteArray("Content-Length: 5\r\nContent-Length: 5\r\n");
        QTest::newRow("two different CL")
            << QByteArray("Content-Length: 5\r\nContent-Length: 6\r\n");
    }
    void ambiguousFraming()
    {
        QFETCH(QByteArray, headers);
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(QByteArray(
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n0\r\n\r\n")));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 400);
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(r.closes(), r.describe().constData());
        const QByteArray closed = closedError(c);
        QVERIFY2(closed.isEmpty(), closed.constData());
    }

    void http11WithoutHost()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("GET /static HTTP/1.1\r\n\r\n"));
        const auto r = c.readResponse();
        const QByteArray err = problemError(r, 400);
        QVERIFY2(err.isEmpty(), err.constData());
    }

    void hostCheck_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        const QByteArray port = QByteArray::number(m_port);
        QTest::newRow("evil.example") << QByteArray("evil.example") << 403;
        QTest::newRow("evil.example:port") << QByteArray("evil.example:" + port) << 403;
        QTest::newRow("rebinding name") << QByteArray("127.0.0.1.nip.io:" + port) << 403;
        QTest::newRow("localhost.evil") << QByteArray("localhost.evil.example") << 403;
        QTest::newRow("localhost:port") << QByteArray("localhost:" + port) << 200;
        QTest::newRow("LOCALHOST") << QByteArray("LOCALHOST:" + port) << 200;
        QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:" + port) << 200;
        QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1") << 200;
        QTest::newRow("[::1]:port") << QByteArray("[::1]:" + port) << 200;
    }
    void hostCheck()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const auto r = roundTrip("GET /static HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QVERIFY2(r.ok, r.error.constData());
        if (status == 403) {
            const QByteArray err = problemError(r, 403);
            QVERIFY2(err.isEmpty(), err.constData());
        } else {
            QCOMPARE(r.status, status);
            QCOMPARE(r.body, QByteArray("{\"hello\":\"world\"}"));
        }
    }

    void corsPreflight()
    {
        Workspace ws = baseWorkspace();
        ws.server.cors.enabled = true;
        ws.server.cors.maxAgeSeconds = 600;
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        QVERIFY(c.send(rawhttp::request("OPTIONS", "/static",
            "Origin: https://app.example\r\n"
            "Access-Control-Request-Method: GET\r\n"
            "Access-Control-Request-Headers: Authorization\r\n")));
        const auto p = c.readResponse();
        QVERIFY2(p.ok, p.error.constData());
        QCOMPARE(p.status, 204);
        QCOMPARE(p.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(p.header("Access-Control-Allow-Methods"),
            QByteArray::fromStdString(ws.server.cors.allowMethods));
        QCOMPARE(p.header("Access-Control-Allow-Headers"),
            QByteArray::fromStdString(ws.server.cors.allowHeaders));
        QCOMPARE(p.header("Access-Control-Max-Age"), QByteArray("600"));

        // The actual request follows on the same connection.
        QVERIFY(c.send(rawhttp::get("/static", "Origin: https://app.example\r\n")));
        const auto g = c.readResponse();
        QVERIFY2(g.ok, g.error.constData());
        QCOMPARE(g.status, 200);
        QCOMPARE(g.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(g.body, QByteArray("{\"hello\":\"world\"}"));
        QVERIFY(!g.hasHeader("Access-Control-Max-Age"));
    }

    void corsSpecificOrigins()
    {
        Workspace ws = baseWorkspace();
        ws.server.cors.enabled = true;
        ws.server.cors.allowOrigins = { "https://app.example" };
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());

        const auto ok = roundTrip(
            rawhttp::get("/static", "Origin: https://app.example\r\n"), false, server.port());
        QVERIFY2(ok.ok, ok.error.constData());
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.header("Access-Control-Allow-Origin"), QByteArray("https://app.example"));
        QVERIFY2(ok.header("Vary").contains("Origin"), ok.describe().constData());

        const auto other = roundTrip(
            rawhttp::get("/static", "Origin: https://other.example\r\n"), false, server.port());
        QVERIFY2(other.ok, other.error.constData());
        QCOMPARE(other.status, 200);
        QVERIFY2(!other.hasHeader("Access-Control-Allow-Origin"), other.describe().constData());
    }

    void corsDisabled()
    {
        // m_server has CORS off (the default).
        const auto g = roundTrip(rawhttp::get("/static", "Origin: https://app.example\r\n"));
        QVERIFY2(g.ok, g.error.constData());
        QCOMPARE(g.status, 200);
        QVERIFY2(!g.hasHeaderPrefix("Access-Control-"), g.describe().constData());

        const auto p = roundTrip(rawhttp::request("OPTIONS", "/static",
            "Origin: https://app.example\r\n"
            "Access-Control-Request-Method: GET\r\n"));
        QVERIFY2(p.ok, p.error.constData());
        QVERIFY2(!p.hasHeaderPrefix("Access-Control-"), p.describe().constData());
    }

    void rules_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        using rawhttp::get;
        using rawhttp::request;
        QTest::newRow("no rule matches") << get("/rules") << 200 << QByteArray("default");
        QTest::newRow("query equals") << get("/rules?plan=pro") << 201 << QByteArray("pro");
        QTest::newRow("query differs") << get("/rules?plan=free") << 200 << QByteArray("default");
        QTest::newRow("query is not a prefix match")
            << get("/rules?plan=pro2") << 200 << QByteArray("default");
        QTest::newRow("header regex")
            << get("/rules", "X-Client: beta-42\r\n") << 202 << QByteArray("beta");
        QTest::newRow("header name case")
            << get("/rules", "x-client: beta-7\r\n") << 202 << QByteArray("beta");
        QTest::newRow("header regex miss")
            << get("/rules", "X-Client: beta-x\r\n") << 200 << QByteArray("default");
        QTest::newRow("first rule wins")
            << get("/rules?plan=pro", "X-Client: beta-1\r\n") << 201 << QByteArray("pro");
        QTest::newRow("body pointer exists") << request(
            "POST", "/rules-body", "Content-Type: application/json\r\n", "{\"user\":{\"id\":7}}")
                                             << 201 << QByteArray("has-user");
        QTest::newRow("body pointer null value counts") << request("POST", "/rules-body", {},
            "{\"user\":{\"id\":null}}") << 201 << QByteArray("has-user");
        QTest::newRow("body pointer missing")
            << request("POST", "/rules-body", {}, "{\"user\":{\"name\":\"x\"}}") << 200
            << QByteArray("no-user");
        QTest::newRow("body not JSON")
            << request("POST", "/rules-body", {}, "user id 7") << 200 << QByteArray("no-user");
        QTest::newRow("no body") << request("POST", "/rules-body", "Content-Length: 0\r\n") << 200
                                 << QByteArray("no-user");
    }
    void rules()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const auto r = roundTrip(raw);
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, status);
        QCOMPARE(r.body, body);
    }

    void randomMode()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QMap<QByteArray, int> counts;
        const int n = 300;
        for (int i = 0; i < n; ++i) {
            QVERIFY(c.send(rawhttp::get("/random")));
            const auto r = c.readResponse();
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(r.status, 200);
            counts[r.body]++;
        }
        QCOMPARE(counts.keys(), (QList<QByteArray> { "a", "b", "c" }));
        // Expected 100 each; 50 is more than 7 standard deviations away.
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QVERIFY2(it.value() >= 50,
                QByteArray(it.key() + " seen " + QByteArray::number(it.value()) + " times")
                    .constData());
    }

    void sequentialMode()
    {
        RawClient c;
        QVERIFY(c.connectTo(m_port));
        QByteArray seen;
        for (int i = 0; i < 9; ++i) {
            QVERIFY(c.send(rawhttp::get("/sequential")));
            const auto r = c.readResponse();
            QVERIFY2(r.ok, r.error.constData());
            seen += r.body;
        }
        QCOMPARE(seen, QByteArray("abcabcabc"));
    }

    void disabledRoute()
    {
        Workspace ws;
        ws.routes.push_back(makeRoute("GET", "/toggle", 200, "{\"on\":true}"));
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());
        const auto on = roundTrip(rawhttp::get("/toggle"), false, server.port());
        QVERIFY2(on.ok, on.error.constData());
        QCOMPARE(on.status, 200);

        ws.routes[0].enabled = false;
        server.engine->apply(ws);
        const auto off = roundTrip(rawhttp::get("/toggle"), false, server.port());
        const QByteArray err = problemError(off, 404);
        QVERIFY2(err.isEmpty(), err.constData());
        // Disabled means gone, not "other methods only".
        const auto post = roundTrip(rawhttp::request("POST", "/toggle"), false, server.port());
        const QByteArray err2 = problemError(post, 404);
        QVERIFY2(err2.isEmpty(), err2.constData());
    }

    void jsonBodyTemplate_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("{\"name\":\"Ada\"}") << QStringLiteral("Ada");
        QTest::newRow("quotes and newline")
            << QByteArray("{\"name\":\"Ada \\\"the\\\" Builder\\nline 2\"}")
            << QStringLiteral("Ada \"the\" Builder\nline 2");
        QTest::newRow("unicode") << QByteArray("{\"name\":\"Zo\xc3\xab\"}")
                                 << QString::fromUtf8("Zo\xc3\xab");
        QTest::newRow("not JSON") << QByteArray("name=Ada") << QString();
    }
    void jsonBodyTemplate()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto r = roundTrip(
            rawhttp::request("POST", "/echo", "Content-Type: application/json\r\n", body));
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 200);
        QJsonParseError pe {};
        const auto doc = QJsonDocument::fromJson(r.body, &pe);
        QVERIFY2(doc.isObject(), QByteArray("response is not JSON: " + r.body).constData());
        QCOMPARE(doc.object().value(QLatin1String("hello")).toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
