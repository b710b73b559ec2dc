// The load runner's stream mode against the engine's SSE routes: finite
// token streams are counted whole (streams, events, tokens, time to the first
// event), endless ones are held to the end of the run and closed without
// errors, and the report's stream figures survive its JSON file.

#include "testserver.h"

#include "server/load/loadgen.h"
#include "server/load/loadjson.h"
#include "server/load/loadreport.h"
#include "server/stream/tokenstream.h"

#include <QTest>

#include <string>

using namespace tollgate::server;
using namespace testsupport;

namespace {

constexpr std::string_view kCompletion = "Streams are counted event by event, token by token.";

Workspace streamWorkspace()
{
    Workspace ws;
    Route tokens;
    tokens.method = "POST";
    tokens.path = "/v1/chat/completions";
    tokens.responder = RouteResponder::Sse;
    tokens.sse.mode = SseMode::Tokens;
    tokens.sse.text = std::string(kCompletion);
    tokens.sse.tokensPerSecond = 2'000;
    tokens.sse.tokensPerChunk = 1;
    tokens.sse.heartbeatMs = 0;
    ws.routes.push_back(tokens);

    // One event every 50 ms, forever.
    Route ticks;
    ticks.method = "GET";
    ticks.path = "/ticks";
    ticks.responder = RouteResponder::Sse;
    ticks.sse.events = { { "tick", "{{stream.index}}", "", 0, 0 } };
    ticks.sse.repeat = true;
    ticks.sse.eventsPerSecond = 20;
    ticks.sse.heartbeatMs = 0;
    ws.routes.push_back(ticks);
    return ws;
}

LoadReport run(LoadSettings s)
{
    LoadRunner runner(std::move(s));
    std::string error;
    if (!runner.start(&error))
        qFatal("load runner: %s", error.c_str());
    runner.wait();
    return runner.report();
}

} // namespace

class TestLoadStream : public QObject {
    Q_OBJECT

private slots:
    void finiteStreamsAreCountedWhole()
    {
        TestServer server(streamWorkspace(), 1);
        QVERIFY2(server.ok(), server.problems().constData());
        LoadSettings s;
        s.url = "http://127.0.0.1:" + std::to_string(server.port());
        s.connections = 4;
        s.requestCount = 20;
        s.stream = true;
        LoadTarget t;
        t.method = "POST";
        t.path = "/v1/chat/completions";
        t.headers = { { "Content-Type", "application/json" } };
        t.body = R"({"messages":[{"role":"user","content":"hi"}]})";
        s.mix = { t };
        const LoadReport r = run(s);
        QVERIFY2(r.problem.empty(), r.problem.c_str());
        const std::uint64_t tokens = countTokens(kCompletion);
        QCOMPARE(r.total.requests, 20u);
        QCOMPARE(r.total.errorTotal(), 0u);
        QCOMPARE(r.total.streams, 20u);
        // A role chunk, one per token, a stop chunk and [DONE].
        QCOMPARE(r.total.events, 20 * (tokens + 3));
        QCOMPARE(r.total.tokens, 20 * tokens);
        QCOMPARE(r.total.firstEvent.count(), 20u);
        // The first event comes before the stream's end.
        QVERIFY(r.total.firstEvent.percentile(50) < r.total.latency.percentile(50));
        QCOMPARE(r.routes.front().counts.tokens, 20 * tokens);
        std::uint64_t timelineEvents = 0;
        for (const LoadSecond& second : r.timeline)
            timelineEvents += second.events;
        QCOMPARE(timelineEvents, r.total.events);

        const std::string text = loadSummaryText(r);
        QVERIFY2(text.find("streams: 20 with events") != std::string::npos, text.c_str());
        QVERIFY2(
            text.find("tokens: " + std::to_string(20 * tokens)) != std::string::npos, text.c_str());

        // The JSON file keeps the stream figures.
        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(loadReportToJson(r), &back, &error), error.c_str());
        QVERIFY(back.settings.stream);
        QCOMPARE(back.total.events, r.total.events);
        QCOMPARE(back.total.tokens, r.total.tokens);
        QCOMPARE(back.total.streams, r.total.streams);
        QCOMPARE(back.total.firstEvent.count(), 20u);
        QCOMPARE(back.timeline.size(), r.timeline.size());
    }

    void endlessStreamsAreHeldToTheEnd()
    {
        TestServer server(streamWorkspace(), 1);
        QVERIFY2(server.ok(), server.problems().constData());
        LoadSettings s;
        s.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/ticks";
        s.connections = 3;
        s.durationSeconds = 1;
        s.timeoutSeconds = 2; // silence: events come every 50 ms
        s.stream = true;
        const LoadReport r = run(s);
        QVERIFY2(r.problem.empty(), r.problem.c_str());
        // Three streams, none ended by the server, none an error.
        QCOMPARE(r.total.streams, 3u);
        QCOMPARE(r.total.requests, 0u);
        QCOMPARE(r.total.errorTotal(), 0u);
        // About 20 events a second on each (the first at once).
        QVERIFY2(r.total.events >= 3 * 10 && r.total.events <= 3 * 30,
            std::to_string(r.total.events).c_str());
    }
};

QTEST_GUILESS_MAIN(TestLoadStream)
#include "tst_loadstream.moc"
