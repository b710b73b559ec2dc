// Server-Sent Events routes end to end: real clients (curl -N, httpx
// streaming) read scripted and token streams; Last-Event-ID resumes; heartbeats
// keep a quiet stream alive; a client that leaves is noticed at once; a
// finished stream leaves the connection usable.

#include "rawclient.h"
#include "testserver.h"

#include "server/stream/tokenstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <map>
#include <string>
#include <vector>

using namespace tollgate::server;
using namespace testsupport;

namespace {

constexpr std::string_view kCompletion = "Hello {{request.json.user}}, here is a streamed answer.";

Route sseRoute(std::string method, std::string path, SseStream stream)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.responder = RouteResponder::Sse;
    r.sse = std::move(stream);
    return r;
}

Workspace sseWorkspace()
{
    Workspace ws;
    SseStream feed;
    feed.events = { { "tick", "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, 0 },
        { "tick", "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, 20 },
        { "tick", "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, 20 } };
    feed.heartbeatMs = 0;
    ws.routes.push_back(sseRoute("GET", "/feed", feed));

    // The second event is far away: only the client's leaving ends this stream.
    SseStream live;
    live.events = { { "", "first", "", 0, 0 }, { "", "later", "", 0, 60'000 } };
    live.repeat = true;
    live.heartbeatMs = 0;
    ws.routes.push_back(sseRoute("GET", "/live", live));

    SseStream quiet;
    quiet.events = { { "", "late", "", 0, 60'000 } };
    quiet.heartbeatMs = 100;
    ws.routes.push_back(sseRoute("GET", "/quiet", quiet));

    // The pace overrides the events' own (long) delays.
    SseStream paced;
    paced.events
        = { { "", "a", "", 0, 60'000 }, { "", "b", "", 0, 60'000 }, { "", "c", "", 0, 60'000 } };
    paced.eventsPerSecond = 50;
    paced.heartbeatMs = 0;
    ws.routes.push_back(sseRoute("GET", "/paced", paced));

    SseStream tokens;
    tokens.mode = SseMode::Tokens;
    tokens.text = std::string(kCompletion);
    tokens.model = "tollgate-test";
    tokens.tokensPerSecond = 2000;
    tokens.tokensPerChunk = 2;
    ws.routes.push_back(sseRoute("POST", "/v1/chat/completions", tokens));
    return ws;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(20'000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish: " + program.toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// curl -sS -N (no buffering: each event as it comes) with extra arguments.
Run curlN(QStringList args)
{
    args.prepend(QStringLiteral("10"));
    args.prepend(QStringLiteral("--max-time"));
    args.prepend(QStringLiteral("-N"));
    args.prepend(QStringLiteral("-sS"));
    return run(QStringLiteral("curl"), args);
}

QByteArray feedEvent(int n)
{
    return "event: tick\ndata: {\"n\":" + QByteArray::number(n) + "}\nid: " + QByteArray::number(n)
        + "\n\n";
}

} // namespace

class TestSse : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(sseWorkspace());
        QVERIFY2(m_server->ok(), m_server->problems());
        m_server->engine->setTrafficRecording(true);
        m_url = QStringLiteral("http://127.0.0.1:") + QString::number(m_server->port());
    }

    void curlReadsTheScriptedEvents()
    {
        const Run r = curlN({ QStringLiteral("-D"), QStringLiteral("-"), m_url + u"/feed" });
        QVERIFY2(r.exitCode == 0, r.err);
        const qsizetype bodyAt = r.out.indexOf("\r\n\r\n");
        QVERIFY(bodyAt > 0);
        const QByteArray head = r.out.left(bodyAt).toLower();
        QVERIFY2(head.contains("content-type: text/event-stream"), head);
        QVERIFY2(head.contains("cache-control: no-cache"), head);
        QVERIFY2(head.contains("transfer-encoding: chunked"), head);
        QCOMPARE(r.out.mid(bodyAt + 4), feedEvent(0) + feedEvent(1) + feedEvent(2));
    }

    void lastEventIdResumes()
    {
        const Run r
            = curlN({ QStringLiteral("-H"), QStringLiteral("Last-Event-ID: 1"), m_url + u"/feed" });
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.out, feedEvent(2));
        // An id the stream never had starts it from the beginning.
        const Run unknown = curlN(
            { QStringLiteral("-H"), QStringLiteral("Last-Event-ID: nope"), m_url + u"/feed" });
        QCOMPARE(unknown.out, feedEvent(0) + feedEvent(1) + feedEvent(2));
        // So does a position too large to follow (no overflow).
        const Run huge = curlN({ QStringLiteral("-H"),
            QStringLiteral("Last-Event-ID: 9223372036854775807"), m_url + u"/feed" });
        QCOMPARE(huge.out, feedEvent(0) + feedEvent(1) + feedEvent(2));
    }

    void aPaceReplacesTheDelays()
    {
        const Run r = curlN({ m_url + u"/paced" });
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.out, QByteArray("data: a\n\ndata: b\n\ndata: c\n\n"));
    }

    void httpxStreamsAChatCompletion()
    {
        const QString script = QStringLiteral(R"PY(
import httpx, json, sys
content, chunks, last, usage, ids = [], 0, None, None, []
body = {"user": "Ada", "stream": True, "stream_options": {"include_usage": True},
        "messages": [{"role": "user", "content": "Say hello to Ada"}]}
with httpx.Client(timeout=10) as c:
    with c.stream("POST", sys.argv[1] + "/v1/chat/completions", json=body) as r:
        assert r.status_code == 200, r.status_code
        assert r.headers["content-type"] == "text/event-stream", r.headers["content-type"]
        for line in r.iter_lines():
            line = line.rstrip("\r\n")  # httpx before 0.24 keeps the line end
            if line.startswith("id: "):
                ids.append(int(line[4:]))
            if not line.startswith("data: "):
                continue
            last = line[6:]
            if last == "[DONE]":
                continue
            chunk = json.loads(last)
            assert chunk["object"] == "chat.completion.chunk"
            assert chunk["model"] == "tollgate-test"
            if chunk["choices"]:
                chunks += 1
                content.append(chunk["choices"][0]["delta"].get("content") or "")
            else:
                usage = chunk["usage"]
print(json.dumps({"content": "".join(content), "chunks": chunks, "last": last,
                  "usage": usage, "ids": ids}))
)PY");
        const Run r
            = run(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, m_url });
        QVERIFY2(r.exitCode == 0, r.err);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const std::string text = "Hello Ada, here is a streamed answer.";
        QCOMPARE(o[u"content"].toString(), QString::fromStdString(text));
        QCOMPARE(o[u"last"].toString(), QStringLiteral("[DONE]"));
        const auto tokens = static_cast<int>(countTokens(text));
        // A role chunk, two tokens per content chunk, the stop chunk.
        QCOMPARE(o[u"chunks"].toInt(), 1 + (tokens + 1) / 2 + 1);
        const QJsonObject usage = o[u"usage"].toObject();
        QCOMPARE(usage[u"completion_tokens"].toInt(), tokens);
        QCOMPARE(
            usage[u"prompt_tokens"].toInt(), static_cast<int>(countTokens("Say hello to Ada")));
        // Every event but [DONE] has an id, counting from 0.
        const auto ids = o[u"ids"].toArray();
        QCOMPARE(ids.size(), o[u"chunks"].toInt() + 1);
        for (qsizetype i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i].toInt(), i);
    }

    void aFinishedStreamKeepsTheConnection()
    {
        rawhttp::RawClient c(10'000);
        QVERIFY(c.connectTo(m_server->port()));
        QVERIFY(c.send(rawhttp::get("/feed")));
        QByteArray got;
        QVERIFY2(c.readUntil("\r\n0\r\n\r\n", &got), got);
        QVERIFY(got.contains("data: {\"n\":2}"));
        // The next request on the same connection.
        QVERIFY(c.send(rawhttp::request("HEAD", "/feed")));
        const auto head = c.readResponse(true);
        QVERIFY2(head.ok, head.error);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Type"), QByteArray("text/event-stream"));
        QVERIFY(c.send(rawhttp::get("/feed", "Last-Event-ID: 1\r\n")));
        QVERIFY2(c.readUntil("\r\n0\r\n\r\n", &got), got);
        QVERIFY(got.contains("data: {\"n\":2}"));
        QVERIFY(!got.contains("data: {\"n\":1}"));
    }

    void heartbeatsKeepAQuietStreamAlive()
    {
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(m_server->port()));
        QVERIFY(c.send(rawhttp::get("/quiet")));
        QByteArray got;
        QVERIFY2(c.readUntil("\r\n\r\n", &got), got); // the head
        // Two heartbeat comments (one chunk each) within well under the
        // event's minute.
        QVERIFY2(c.readUntil(":\n\n", &got), got);
        QVERIFY2(c.readUntil(":\n\n", &got), got);
        QVERIFY2(!got.contains("late"), got);
        c.close();
        QTRY_COMPARE_WITH_TIMEOUT(answered("/quiet"), 1, 2'000);
    }

    void aClientThatLeavesIsNoticedAtOnce()
    {
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(m_server->port()));
        QVERIFY(c.send(rawhttp::get("/live")));
        QByteArray got;
        QVERIFY2(c.readUntil("data: first\n\n", &got), got);
        QCOMPARE(answered("/live"), 0); // the stream goes on
        c.close();
        // The next event is a minute away: nothing is written that could fail,
        // the server sees the close itself and ends the request.
        QTRY_COMPARE_WITH_TIMEOUT(answered("/live"), 1, 2'000);
    }

    void stoppingTheServerEndsOpenStreams()
    {
        // Its own server: this one stops with a stream open (under LSan, a
        // stream that kept its connection alive would leak).
        auto server = std::make_unique<TestServer>(sseWorkspace());
        QVERIFY2(server->ok(), server->problems());
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(server->port()));
        QVERIFY(c.send(rawhttp::get("/live")));
        QByteArray got;
        QVERIFY2(c.readUntil("data: first\n\n", &got), got);
        server.reset();
        QCOMPARE(c.readUntilClose(&got), rawhttp::ReadEnd::Eof);
    }

private:
    /// How many requests for `target` have ended (their outcome recorded),
    /// from the engine's traffic list.
    int answered(std::string_view target)
    {
        std::vector<TrafficEvent> events;
        m_server->engine->drainTraffic(&events);
        for (const TrafficEvent& e : events)
            ++m_ended[e.target];
        return m_ended[std::string(target)];
    }

    std::map<std::string, int> m_ended;
    std::unique_ptr<TestServer> m_server;
    QString m_url;
};

QTEST_GUILESS_MAIN(TestSse)
#include "tst_sse.moc"
