// The load runner's WebSocket mode against the engine's WebSocket routes:
// sessions are held to the end of the run and closed without errors, the
// messages a fixed script sends are counted exactly with the time to the
// first, messages sent at an interval come back as echoes with their round
// trip, a refused handshake counts under its status, and wss:// (and
// https://) trust exactly the CA given in the settings.

#include "testserver.h"

#include "server/access/apikey.h"
#include "server/load/loadgen.h"
#include "server/load/loadjson.h"
#include "server/load/loadreport.h"
#include "server/tls/certificates.h"

#include <QTest>

#include <chrono>
#include <string>

using namespace tollgate::server;
using namespace testsupport;

namespace {

constexpr std::uint64_t kOnOpen = 5; ///< messages /feed sends on open
constexpr int kPaceMs = 40; ///< before each of them

Route wsRoute(std::string path, WsScript script)
{
    Route r;
    r.method = "GET";
    r.path = std::move(path);
    r.responder = RouteResponder::WebSocket;
    r.websocket = std::move(script);
    return r;
}

struct Fixture {
    Workspace ws;
    std::string secret; ///< the raw key of the one key in ws
};

Fixture wsWorkspace()
{
    Fixture f;
    // Five messages 40 ms apart, then nothing: a fixed count per session.
    WsScript feed;
    for (std::uint64_t i = 0; i < kOnOpen; ++i)
        feed.onOpen.push_back({ "tick {{stream.index}}", kPaceMs });
    feed.echo = false;
    f.ws.routes.push_back(wsRoute("/feed", feed));
    // Says nothing of its own; echoes what it gets.
    f.ws.routes.push_back(wsRoute("/echo", WsScript {}));
    Route keyed = wsRoute("/keyed", feed);
    keyed.access.keyRequired = true;
    f.ws.routes.push_back(keyed);
    f.ws.routes.push_back(makeRoute("GET", "/hello", 200, "{\"hello\":true}"));
    // Says goodbye and closes with 4001 when told "bye".
    WsScript bye;
    WsRule rule;
    rule.match = WsMatch::Equals;
    rule.value = "bye";
    rule.replies = { { "see you", 0 } };
    rule.closeCode = 4001;
    bye.rules = { rule };
    f.ws.routes.push_back(wsRoute("/bye", bye));

    Tier open;
    open.id = open.name = "open";
    open.requestsPerMinute = 0;
    open.monthlyQuota = 0;
    f.ws.tiers = { open };
    NewKey key;
    KeyOptions options;
    options.tier = "open";
    std::string error;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (!createKey("development", options, now, &key, &error))
        qFatal("createKey: %s", error.c_str());
    f.ws.keys = { key.record };
    f.secret = key.secret;
    return f;
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

/// The report's summary, for failure messages.
QByteArray describe(const LoadReport& r)
{
    return QByteArray::fromStdString(loadSummaryText(r));
}

/// An engine serving HTTPS (and wss://) with a certificate from `ca` for
/// `names`.
struct TlsServer {
    Engine engine;
    std::string startError;
    bool started = false;

    TlsServer(const Workspace& ws, const PemPair& ca, const std::vector<std::string>& names)
    {
        PemPair leaf;
        if (!makeServerCertificate(ca, names, 30, &leaf, &startError))
            return;
        if (!engine.apply(ws).empty()) {
            startError = "the workspace has problems";
            return;
        }
        EngineOptions o;
        o.threads = 1;
        o.tlsCertificatePem = leaf.certificatePem;
        o.tlsKeyPem = leaf.keyPem;
        started = engine.start(o, &startError);
    }
    std::string url(const std::string& scheme, const std::string& path) const
    {
        return scheme + "://127.0.0.1:" + std::to_string(engine.port()) + path;
    }
};

PemPair authority(const std::string& name)
{
    PemPair ca;
    std::string error;
    if (!makeCertificateAuthority(name, 30, &ca, &error))
        qFatal("makeCertificateAuthority: %s", error.c_str());
    return ca;
}

std::size_t errorCount(const LoadCounts& c, LoadErrorKind kind)
{
    return c.errors[static_cast<std::size_t>(kind)];
}

} // namespace

class TestLoadWebSocket : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_fixture = wsWorkspace();
        m_server = std::make_unique<TestServer>(m_fixture.ws, 2);
        QVERIFY2(m_server->ok(), m_server->problems().constData());
    }

    void sessionsAreHeldAndTheirMessagesCountedExactly()
    {
        LoadSettings s;
        s.url = url("/feed");
        s.connections = 4;
        s.durationSeconds = 1; // the script is over after 200 ms
        s.timeoutSeconds = 5; // the silence after it is no timeout
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QVERIFY2(r.problem.empty(), text.constData());
        QCOMPARE(r.total.errorTotal(), 0u);
        // One handshake per connection, answered 101, held to the end.
        QCOMPARE(r.total.requests, 4u);
        QCOMPARE(r.total.statuses.at(101), 4u);
        QCOMPARE(r.total.streams, 4u);
        QCOMPARE(r.total.held, 4u);
        QVERIFY2(r.total.closes.empty(), text.constData());
        // Exactly what the server sent, nothing sent back.
        QCOMPARE(r.total.events, 4 * kOnOpen);
        QCOMPARE(r.total.sent, 0u);
        QCOMPARE(r.total.bytesIn, 4 * kOnOpen * std::string("tick 0").size());
        // The first message waits out its 40 ms after the session opened.
        QCOMPARE(r.total.firstEvent.count(), 4u);
        QVERIFY2(r.total.firstEvent.min() >= kPaceMs * 1000u, text.constData());
        QVERIFY2(r.total.firstEvent.max() < 1'000'000u, text.constData());
        QCOMPARE(r.routes.front().counts.events, 4 * kOnOpen);
        std::uint64_t timelineEvents = 0;
        for (const LoadSecond& second : r.timeline)
            timelineEvents += second.events;
        QCOMPARE(timelineEvents, r.total.events);

        QVERIFY2(text.contains("sessions: 4 opened, 4 held to the end"), text.constData());
        QVERIFY2(text.contains("messages in: 20 (20.0/s)"), text.constData());
        QVERIFY2(text.contains("time to first message: p50"), text.constData());

        // The JSON file keeps the WebSocket figures.
        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(loadReportToJson(r), &back, &error), error.c_str());
        QVERIFY(back.settings.webSocket());
        QCOMPARE(back.total.events, r.total.events);
        QCOMPARE(back.total.held, 4u);
        QCOMPARE(back.total.streams, 4u);
        QCOMPARE(back.total.firstEvent.count(), 4u);
    }

    void messagesSentAtAnIntervalComeBack()
    {
        LoadSettings s;
        s.url = url("/echo");
        s.connections = 2;
        s.durationSeconds = 1;
        s.timeoutSeconds = 5;
        s.wsMessage = "ping {{stream.index}}";
        s.wsIntervalMs = 50;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QVERIFY2(r.problem.empty(), text.constData());
        QCOMPARE(r.total.errorTotal(), 0u);
        QCOMPARE(r.total.held, 2u);
        // About 20 a second on each session; loose below for a busy machine.
        QVERIFY2(r.total.sent >= 2 * 10 && r.total.sent <= 2 * 22, text.constData());
        // Everything that came back is an echo of something sent; only the
        // last of each session may still have been on its way at the end.
        QCOMPARE(r.total.roundTrip.count(), r.total.events);
        QVERIFY2(r.total.events <= r.total.sent, text.constData());
        QVERIFY2(r.total.events + 2 >= r.total.sent, text.constData());
        QVERIFY2(r.total.roundTrip.min() > 0, text.constData());
        std::uint64_t timelineSent = 0;
        for (const LoadSecond& second : r.timeline)
            timelineSent += second.sent;
        QCOMPARE(timelineSent, r.total.sent);
        QVERIFY2(text.contains("one every 50 ms per session"), text.constData());
        QVERIFY2(text.contains("round trip ("), text.constData());
    }

    void sessionsFromTheWarmupAreCarriedOver()
    {
        // The script is over within the warm-up: its sessions are held on,
        // their messages are not counted.
        LoadSettings s;
        s.url = url("/feed");
        s.connections = 3;
        s.warmupSeconds = 0.5;
        s.durationSeconds = 0.5;
        s.timeoutSeconds = 5;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QCOMPARE(r.total.errorTotal(), 0u);
        QCOMPARE(r.warmupRequests, 3u);
        QCOMPARE(r.total.requests, 0u);
        QCOMPARE(r.total.streams, 3u);
        QCOMPARE(r.total.held, 3u);
        QVERIFY2(r.total.events == 0, text.constData());
        std::uint64_t warmupEvents = 0;
        for (const LoadSecond& second : r.timeline)
            warmupEvents += second.warmup ? second.events : 0;
        QCOMPARE(warmupEvents, 3 * kOnOpen);
    }

    void sessionsTheServerClosesAreCountedByCode()
    {
        LoadSettings s;
        s.url = url("/bye");
        s.connections = 2;
        s.durationSeconds = 0.5;
        s.wsMessage = "bye"; // once, as each session opens
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        // Not errors: each connection opens the next session at once.
        QCOMPARE(r.total.errorTotal(), 0u);
        QVERIFY2(r.total.closes.count(4001) == 1 && r.total.closes.at(4001) >= 4, text.constData());
        QVERIFY2(r.total.streams >= r.total.closes.at(4001), text.constData());
        // One "bye" per session; the last ones may have been cut by the end.
        QVERIFY2(r.total.sent <= r.total.streams && r.total.sent + 2 >= r.total.streams,
            text.constData());
        QVERIFY2(text.contains("closed by the server: 4001 × "), text.constData());
    }

    void aRefusedHandshakeCountsUnderItsStatus()
    {
        LoadSettings s;
        s.url = url("/keyed");
        s.connections = 2;
        s.durationSeconds = 0.5;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QVERIFY2(r.total.statuses.count(401) == 1, text.constData());
        const std::uint64_t refused = r.total.statuses.at(401);
        QVERIFY2(refused > 0, text.constData());
        QCOMPARE(r.total.requests, refused);
        // A pause between attempts (50 ms), not a connection per loop.
        QVERIFY2(refused <= 2 * 15, text.constData());
        QCOMPARE(r.total.streams, 0u);
        QCOMPARE(r.total.events, 0u);
        QCOMPARE(r.total.held, 0u);

        // With the key the same route opens.
        s.keys = { { "key", "open", m_fixture.secret, 1 } };
        s.durationSeconds = 1;
        s.timeoutSeconds = 5;
        const LoadReport keyed = run(s);
        const QByteArray keyedText = describe(keyed);
        QCOMPARE(keyed.total.statuses.count(401), 0u);
        QCOMPARE(keyed.total.held, 2u);
        QCOMPARE(keyed.total.events, 2 * kOnOpen);
        QCOMPARE(keyed.tiers.front().name, std::string("open"));
        QCOMPARE(keyed.tiers.front().counts.events, 2 * kOnOpen);
    }

    void aPlainRequestToTheRouteIs426()
    {
        // The same route read as HTTP: the engine says which protocol it speaks.
        LoadSettings s;
        s.url = "http://127.0.0.1:" + std::to_string(m_server->port()) + "/feed";
        s.connections = 1;
        s.requestCount = 3;
        const LoadReport r = run(s);
        QCOMPARE(r.total.statuses.at(426), 3u);
    }

    void wssTrustsTheGivenCa()
    {
        const PemPair ca = authority("Load test CA");
        TlsServer server(m_fixture.ws, ca, { "localhost", "127.0.0.1" });
        QVERIFY2(server.started, server.startError.c_str());
        LoadSettings s;
        s.url = server.url("wss", "/feed");
        s.connections = 3;
        s.durationSeconds = 1;
        s.timeoutSeconds = 5;
        s.caPem = ca.certificatePem;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QVERIFY2(r.total.errorTotal() == 0, text.constData());
        QCOMPARE(r.total.held, 3u);
        QCOMPARE(r.total.events, 3 * kOnOpen);

        // https:// takes the same CA.
        LoadSettings h;
        h.url = server.url("https", "/hello");
        h.connections = 2;
        h.requestCount = 10;
        h.caPem = ca.certificatePem;
        const LoadReport hr = run(h);
        QVERIFY2(hr.total.errorTotal() == 0, describe(hr).constData());
        QCOMPARE(hr.total.statuses.at(200), 10u);
    }

    void wssRefusesAnotherCa()
    {
        const PemPair ca = authority("Load test CA");
        TlsServer server(m_fixture.ws, ca, { "localhost", "127.0.0.1" });
        QVERIFY2(server.started, server.startError.c_str());
        LoadSettings s;
        s.url = server.url("wss", "/feed");
        s.connections = 2;
        s.durationSeconds = 0.5;
        s.caPem = authority("Someone else").certificatePem;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        // The TLS handshake fails: connect errors, no session, no answer.
        QVERIFY2(errorCount(r.total, LoadErrorKind::Connect) > 0, text.constData());
        QCOMPARE(r.total.requests, 0u);
        QCOMPARE(r.total.streams, 0u);
        QCOMPARE(r.total.events, 0u);

        // Without verification the same server is reached.
        s.verifyTls = false;
        s.durationSeconds = 1;
        s.timeoutSeconds = 5;
        const LoadReport unchecked = run(s);
        QVERIFY2(unchecked.total.errorTotal() == 0, describe(unchecked).constData());
        QCOMPARE(unchecked.total.held, 2u);
    }

    void theHostNameIsChecked()
    {
        // Signed by the trusted CA, but for another name.
        const PemPair ca = authority("Load test CA");
        TlsServer server(m_fixture.ws, ca, { "elsewhere.test" });
        QVERIFY2(server.started, server.startError.c_str());
        LoadSettings s;
        s.url = server.url("wss", "/feed");
        s.connections = 1;
        s.durationSeconds = 0.5;
        s.caPem = ca.certificatePem;
        const LoadReport r = run(s);
        const QByteArray text = describe(r);
        QVERIFY2(errorCount(r.total, LoadErrorKind::Connect) > 0, text.constData());
        QCOMPARE(r.total.streams, 0u);
    }

    void plansThatCannotRun()
    {
        const auto problems = [](const LoadSettings& s) {
            std::string all;
            for (const std::string& p : validateLoadSettings(s))
                all += p + '\n';
            return all;
        };
        LoadSettings good;
        good.url = "ws://127.0.0.1:9/feed";
        good.wsMessage = "hi";
        good.wsIntervalMs = 100;
        QCOMPARE(problems(good), std::string());
        good.url = "WSS://127.0.0.1:9/feed";
        QCOMPARE(problems(good), std::string());

        LoadSettings open = good;
        open.model = LoadModel::Open;
        open.rate = 100;
        QVERIFY(problems(open).find("closed model") != std::string::npos);
        LoadSettings counted = good;
        counted.requestCount = 10;
        QVERIFY(problems(counted).find("duration") != std::string::npos);
        LoadSettings post = good;
        post.mix = { LoadTarget {} };
        post.mix.front().method = "POST";
        QVERIFY(problems(post).find("opens with GET") != std::string::npos);
        LoadSettings silent = good;
        silent.wsMessage.clear();
        QVERIFY(
            problems(silent).find("Give the message to send every 100 ms") != std::string::npos);
        LoadSettings badTemplate = good;
        badTemplate.wsMessage = "{{#randomInt}}";
        QVERIFY(problems(badTemplate).find("message template") != std::string::npos);
        LoadSettings http = good;
        http.url = "http://127.0.0.1:9/";
        QVERIFY(problems(http).find("for WebSocket runs") != std::string::npos);
        LoadSettings noCa = good;
        noCa.caPem = "not a certificate";
        QVERIFY(problems(noCa).find("CA certificates to trust") != std::string::npos);
        LoadSettings ftp = good;
        ftp.url = "ftp://127.0.0.1/";
        QVERIFY(problems(ftp).find("ws:// or wss://") != std::string::npos);
    }

private:
    std::string url(const std::string& path) const
    {
        return "ws://127.0.0.1:" + std::to_string(m_server->port()) + path;
    }

    Fixture m_fixture;
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestLoadWebSocket)
#include "tst_loadwebsocket.moc"
