// WebSocket routes end to end, against a client we did not write
// (python3-websockets): messages on open with their templates and delays,
// rules matched on a JSON field, echo, broadcast to every client of the
// route across worker threads, close codes, the message size limit, the
// ping/pong timeout, keys, a plain request's 426, and the session's line in
// the JSON log.

#include "rawclient.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tollgate::server;
using namespace testsupport;

namespace {

Route wsRoute(std::string path, WsScript script)
{
    Route r;
    r.method = "GET";
    r.path = std::move(path);
    r.responder = RouteResponder::WebSocket;
    r.websocket = std::move(script);
    return r;
}

WsRule rule(WsMatch match, std::string pointer, std::string value, std::vector<WsMessage> replies)
{
    WsRule r;
    r.match = match;
    r.pointer = std::move(pointer);
    r.value = std::move(value);
    r.replies = std::move(replies);
    return r;
}

Workspace wsWorkspace()
{
    Workspace ws;
    WsScript live;
    live.onOpen
        = { { "{\"hello\":\"{{request.query.name}}\"}", 0 }, { "tick {{stream.index}}", 30 } };
    live.rules.push_back(rule(WsMatch::Equals, "/type", "ping",
        { { "{\"type\":\"pong\",\"echo\":\"{{message.json.note}}\"}", 0 } }));
    WsRule everyone = rule(WsMatch::Contains, "", "to all", { { "all: {{message}}", 0 } });
    everyone.audience = WsAudience::Everyone;
    live.rules.push_back(everyone);
    WsRule bye = rule(WsMatch::Regex, "", "^bye\\b", { { "see you", 0 } });
    bye.closeCode = 4001;
    bye.closeReason = "bye";
    live.rules.push_back(bye);
    live.maxMessageBytes = 1024;
    ws.routes.push_back(wsRoute("/live", live));

    // No echo and a short idle timeout.
    WsScript quiet;
    quiet.echo = false;
    quiet.idleTimeoutMs = 400;
    ws.routes.push_back(wsRoute("/quiet", quiet));

    Route keyed = wsRoute("/keyed", WsScript {});
    keyed.access.keyRequired = true;
    ws.routes.push_back(keyed);
    return ws;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs a python3-websockets client: `body` is the inside of an async
/// function with `url` (the server's ws:// base) and `out` (a list of what to
/// print as JSON) in scope.
Run client(const QString& url, const QString& body)
{
    QString script = QStringLiteral(R"PY(
import asyncio, json, sys
import websockets
async def main(url, out):
)PY");
    for (const QString& line : body.split(u'\n'))
        script += QStringLiteral("    ") + line + u'\n';
    script += QStringLiteral(R"PY(
out = []
asyncio.run(asyncio.wait_for(main(sys.argv[1], out), 20))
print(json.dumps(out))
)PY");
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, url });
    Run r;
    if (!p.waitForFinished(30'000)) {
        p.kill();
        p.waitForFinished();
        r.err = "the client did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QStringList strings(const QByteArray& json)
{
    QStringList list;
    for (const auto& v : QJsonDocument::fromJson(json).array())
        list << (v.isString() ? v.toString() : QString::number(v.toInt()));
    return list;
}

} // namespace

class TestWebSocket : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("requests.jsonl"));
        QVERIFY(m_engine.apply(wsWorkspace()).empty());
        EngineOptions o;
        o.bind = "127.0.0.1";
        o.threads = 2; // broadcast crosses threads: connections alternate between them
        o.jsonLog = m_log.toStdString();
        std::string error;
        QVERIFY2(m_engine.start(o, &error), error.c_str());
        m_url = QStringLiteral("ws://127.0.0.1:") + QString::number(m_engine.port());
    }

    void onOpenRulesAndEcho()
    {
        const Run r = client(m_url, QStringLiteral(R"PY(
async with websockets.connect(url + "/live?name=Ada") as ws:
    out.append(await ws.recv())
    out.append(await ws.recv())
    await ws.send(json.dumps({"type": "ping", "note": 'hi "there"'}))
    out.append(await ws.recv())
    await ws.send("plain text")
    out.append(await ws.recv())
    await ws.send(b"\x00\x01binary")
    got = await ws.recv()
    out.append("binary:" + got.hex())
)PY"));
        QVERIFY2(r.exitCode == 0, r.err);
        const QStringList got = strings(r.out);
        QCOMPARE(got.size(), 5);
        QCOMPARE(got[0], QStringLiteral("{\"hello\":\"Ada\"}"));
        QCOMPARE(got[1], QStringLiteral("tick 1"));
        // The reply's template escapes the field for JSON.
        const QJsonObject pong = QJsonDocument::fromJson(got[2].toUtf8()).object();
        QCOMPARE(pong[u"type"].toString(), QStringLiteral("pong"));
        QCOMPARE(pong[u"echo"].toString(), QStringLiteral("hi \"there\""));
        QCOMPARE(got[3], QStringLiteral("plain text"));
        QCOMPARE(got[4], QStringLiteral("binary:000162696e617279"));
    }

    void aReplyToEveryoneReachesEveryClient()
    {
        const Run r = client(m_url, QStringLiteral(R"PY(
clients = [await websockets.connect(url + "/live") for _ in range(3)]
for c in clients:
    await c.recv(); await c.recv()
await clients[1].send("to all, from 1")
for c in clients:
    out.append(await c.recv())
for c in clients:
    await c.close()
)PY"));
        QVERIFY2(r.exitCode == 0, r.err);
        const QStringList got = strings(r.out);
        QCOMPARE(got, QStringList(3, QStringLiteral("all: to all, from 1")));
    }

    void aRuleClosesWithItsCode()
    {
        const Run r = client(m_url, QStringLiteral(R"PY(
async with websockets.connect(url + "/live") as ws:
    await ws.recv(); await ws.recv()
    await ws.send("bye now")
    out.append(await ws.recv())
    try:
        await ws.recv()
        out.append("not closed")
    except websockets.ConnectionClosed as e:
        out.append(e.rcvd.code)
        out.append(e.rcvd.reason)
)PY"));
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(strings(r.out),
            QStringList(
                { QStringLiteral("see you"), QStringLiteral("4001"), QStringLiteral("bye") }));
        // The session's line: one request, status 101, what was said.
        QJsonObject line;
        logLineWith(QStringLiteral("\"closeCode\":4001"), &line);
        QVERIFY(!line.isEmpty());
        QCOMPARE(line[u"status"].toInt(), 101);
        QCOMPARE(line[u"route"].toString(), QStringLiteral("GET /live"));
        const QJsonObject stream = line[u"stream"].toObject();
        QCOMPARE(stream[u"events"].toInt(), 3); // hello, tick, see you
        QCOMPARE(stream[u"received"].toInt(), 1);
        QVERIFY(stream[u"firstEventUs"].toInt() > 0);
        QCOMPARE(stream[u"clientLeft"].toBool(), false);
    }

    void aMessageOverTheLimitCloses1009()
    {
        const Run r = client(m_url, QStringLiteral(R"PY(
async with websockets.connect(url + "/live", max_size=None) as ws:
    await ws.recv(); await ws.recv()
    await ws.send("x" * 1024)
    out.append(len(await ws.recv()))
    await ws.send("x" * 1025)
    try:
        await ws.recv()
        out.append("not closed")
    except websockets.ConnectionClosed as e:
        out.append(e.rcvd.code)
)PY"));
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(strings(r.out), QStringList({ QStringLiteral("1024"), QStringLiteral("1009") }));
    }

    void aClientThatAnswersNoPingIsClosed()
    {
        // A raw client: it completes the handshake, then reads but never
        // answers. The server pings after half the idle timeout and closes
        // after all of it.
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(m_engine.port()));
        QVERIFY(c.send(rawhttp::get("/quiet",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")));
        QByteArray got;
        QVERIFY2(c.readUntil("\r\n\r\n", &got), got);
        QVERIFY2(got.startsWith("HTTP/1.1 101"), got);
        // RFC 6455's example key has this accept value.
        QVERIFY2(got.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), got);
        QElapsedTimer t;
        t.start();
        got.clear();
        QCOMPARE(c.readUntilClose(&got), rawhttp::ReadEnd::Eof);
        QVERIFY2(got.startsWith("\x89"), got.toHex()); // a Ping frame first
        QVERIFY2(t.elapsed() >= 300, QByteArray::number(t.elapsed()));
    }

    void aPlainRequestGets426()
    {
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(m_engine.port()));
        QVERIFY(c.send(rawhttp::get("/live")));
        const auto r = c.readResponse();
        QVERIFY2(r.ok, r.error);
        QCOMPARE(r.status, 426);
        QCOMPARE(r.header("Upgrade"), QByteArray("websocket"));
    }

    void aKeyedRouteRefusesTheUpgradeWithoutAKey()
    {
        const Run r = client(m_url, QStringLiteral(R"PY(
# websockets 14 and later (Debian 13) raise InvalidStatus with the response;
# earlier ones (Debian 12) InvalidStatusCode with the status.
refused = tuple(c for c in (getattr(websockets, "InvalidStatus", None),
                            getattr(websockets, "InvalidStatusCode", None)) if c)
try:
    async with websockets.connect(url + "/keyed") as ws:
        out.append("opened")
except refused as e:
    response = getattr(e, "response", None)
    out.append(response.status_code if response is not None else e.status_code)
)PY"));
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(strings(r.out), QStringList({ QStringLiteral("401") }));
    }

    void stoppingTheServerEndsOpenSessions()
    {
        // Its own server: it stops with a session open (under LSan, a
        // session that kept its connection alive would leak).
        auto server = std::make_unique<TestServer>(wsWorkspace());
        QVERIFY2(server->ok(), server->problems());
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(server->port()));
        QVERIFY(c.send(rawhttp::get("/live",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")));
        QByteArray got;
        QVERIFY2(c.readUntil("{\"hello\":\"\"}", &got), got);
        server.reset();
        QCOMPARE(c.readUntilClose(&got), rawhttp::ReadEnd::Eof);
    }

private:
    /// The JSON log's line that contains `needle` (waits for the writer).
    void logLineWith(const QString& needle, QJsonObject* found)
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile f(m_log);
                if (!f.open(QIODevice::ReadOnly))
                    return false;
                for (const QByteArray& line : f.readAll().split('\n'))
                    if (line.contains(needle.toUtf8())) {
                        *found = QJsonDocument::fromJson(line).object();
                        return true;
                    }
                return false;
            }(),
            5'000);
    }

    QTemporaryDir m_dir;
    QString m_log;
    Engine m_engine;
    QString m_url;
};

QTEST_GUILESS_MAIN(TestWebSocket)
#include "tst_websocket.moc"
