// "Test upstream" (issue 14): the probe against loopback servers (a scripted
// one for answers, silence and resets, a TLS one with a self-signed
// certificate), each step timed or the failing one named; the engine's
// compiling of a route's upstream for it (allowlist, secrets); and the
// engine's and metering's views of upstream routes that the window shows.

#include "rawclient.h"
#include "scriptedupstream.h"
#include "testserver.h"
#include "tlsserver.h"

#include "server/metering/metering.h"
#include "server/upstream/upstreamclient.h"
#include "server/upstream/upstreamprobe.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace testsupport;

namespace {

/// A target on 127.0.0.1 (or another host) that the guard lets through when
/// loopback is allowed.
std::shared_ptr<UpstreamTarget> target(
    std::string host, std::uint16_t port, bool https = false, bool allowLoopback = true)
{
    auto t = std::make_shared<UpstreamTarget>();
    t->https = https;
    t->host = std::move(host);
    t->port = port;
    t->hostField = t->host + ":" + std::to_string(port);
    t->connectTimeoutMs = 2000;
    t->attemptTimeoutMs = 5000;
    std::vector<AddressRange> allowed;
    if (allowLoopback) {
        std::string error;
        allowed.push_back(*AddressRange::parse("127.0.0.0/8", &error));
        allowed.push_back(*AddressRange::parse("::1/128", &error));
    }
    t->guard = std::make_shared<const SsrfGuard>(std::move(allowed));
    return t;
}

UpstreamProbe probeOf(std::shared_ptr<UpstreamTarget> t, std::string path = "/")
{
    UpstreamProbe p;
    p.target = std::move(t);
    p.path = std::move(path);
    return p;
}

/// A loopback port nothing listens on (bound, then closed).
std::uint16_t closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

QByteArray describe(const UpstreamProbeResult& r)
{
    return QByteArray::fromStdString(std::string(probeStepName(r.failedStep)) + ": " + r.error);
}

} // namespace

class TestUpstreamProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timesEveryStepOfAnAnswer()
    {
        ScriptedUpstream up;
        up.setFallback(ScriptedUpstream::answer(204, {}));
        UpstreamProbe p = probeOf(target("127.0.0.1", up.port()), "/api");
        p.fields = { { "Authorization", "Bearer probe-token" } };
        const UpstreamProbeResult r = probeUpstream(p);
        QVERIFY2(r.ok, describe(r));
        QCOMPARE(r.status, 204);
        QCOMPARE(QByteArray::fromStdString(r.reason), QByteArray("X"));
        QCOMPARE(r.resolveUs, -1); // an address literal needs no lookup
        QVERIFY(r.connectUs >= 0);
        QCOMPARE(r.tlsUs, -1); // plain http
        QVERIFY(r.firstByteUs >= 0);
        QVERIFY(r.totalUs >= r.connectUs + r.firstByteUs);
        QCOMPARE(r.connectedTo, std::string("127.0.0.1"));
        // One GET of the base path with the route's fields, nothing else.
        QCOMPARE(up.requestCount(), 1);
        const QByteArray request = up.requests().front();
        QVERIFY2(request.startsWith("GET /api HTTP/1.1\r\n"), request);
        QVERIFY2(request.contains("Authorization: Bearer probe-token\r\n"), request);
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(up.port()) + "\r\n";
        QVERIFY2(request.contains(host), request);
    }

    void resolvesANameFirst()
    {
        ScriptedUpstream up;
        up.setFallback(ScriptedUpstream::answer(200, "ok"));
        const UpstreamProbeResult r = probeUpstream(probeOf(target("localhost", up.port())));
        // localhost may resolve to ::1 first, where nothing listens; the
        // connect then tries the next address, as the client's does.
        QVERIFY2(r.ok, describe(r));
        QVERIFY(r.resolveUs >= 0);
        QVERIFY(!r.addresses.empty());
        QCOMPARE(r.status, 200);
    }

    void namesTheFailingStep()
    {
        const UpstreamProbeResult refused
            = probeUpstream(probeOf(target("127.0.0.1", closedPort())));
        QVERIFY(!refused.ok);
        QCOMPARE(refused.failedStep, ProbeStep::Connect);
        QVERIFY2(refused.error.find("could not connect to 127.0.0.1") == 0, describe(refused));
        QCOMPARE(refused.connectUs, -1);

        // The SSRF guard refuses loopback unless it is allowed, before any
        // connection is made.
        ScriptedUpstream up;
        const UpstreamProbeResult guarded
            = probeUpstream(probeOf(target("127.0.0.1", up.port(), false, false)));
        QVERIFY(!guarded.ok);
        QCOMPARE(guarded.failedStep, ProbeStep::Guard);
        QVERIFY2(guarded.error.find("loopback") != std::string::npos, describe(guarded));
        QCOMPARE(up.connectionsAccepted(), 0);

        up.setFallback(ScriptedUpstream::of(ScriptedUpstream::Step::Reset));
        const UpstreamProbeResult reset = probeUpstream(probeOf(target("127.0.0.1", up.port())));
        QVERIFY(!reset.ok);
        QCOMPARE(reset.failedStep, ProbeStep::FirstByte);
        QVERIFY(reset.connectUs >= 0);

        up.setFallback(ScriptedUpstream::of(ScriptedUpstream::Step::Garbage));
        const UpstreamProbeResult garbage = probeUpstream(probeOf(target("127.0.0.1", up.port())));
        QVERIFY(!garbage.ok);
        QCOMPARE(garbage.failedStep, ProbeStep::Header);
        QVERIFY(garbage.firstByteUs >= 0);
    }

    void silenceTimesOut()
    {
        ScriptedUpstream up;
        up.setFallback(ScriptedUpstream::of(ScriptedUpstream::Step::Silence));
        auto t = target("127.0.0.1", up.port());
        t->attemptTimeoutMs = 300;
        const auto began = std::chrono::steady_clock::now();
        const UpstreamProbeResult r = probeUpstream(probeOf(t));
        const auto took = std::chrono::steady_clock::now() - began;
        QVERIFY(!r.ok);
        QVERIFY(r.timedOut);
        QCOMPARE(r.failedStep, ProbeStep::FirstByte);
        QVERIFY(took >= std::chrono::milliseconds(290));
        QVERIFY(took < std::chrono::seconds(3));
    }

    void stopEndsAWaitingProbe()
    {
        ScriptedUpstream up;
        up.setFallback(ScriptedUpstream::of(ScriptedUpstream::Step::Silence));
        auto t = target("127.0.0.1", up.port());
        t->attemptTimeoutMs = 60'000;
        std::stop_source stop;
        UpstreamProbeResult r;
        std::thread prober([&] { r = probeUpstream(probeOf(t), stop.get_token()); });
        // Stopped once it waits for the answer.
        QTRY_COMPARE_WITH_TIMEOUT(up.requestCount(), 1, 10'000);
        const auto began = std::chrono::steady_clock::now();
        stop.request_stop();
        prober.join();
        QVERIFY(std::chrono::steady_clock::now() - began < std::chrono::seconds(5));
        QVERIFY(!r.ok);
        QCOMPARE(r.error, std::string("the test was cancelled"));
    }

    void checksTlsAsTheClientDoes()
    {
        TlsServer tls;
        // Self-signed: verification fails in the handshake...
        const UpstreamProbeResult verified
            = probeUpstream(probeOf(target("localhost", tls.port(), true)));
        QVERIFY(!verified.ok);
        QCOMPARE(verified.failedStep, ProbeStep::Tls);
        QVERIFY2(
            verified.error.find("TLS handshake with localhost failed") == 0, describe(verified));
        QVERIFY(verified.connectUs >= 0);

        // ...and passes with the check off, each step timed.
        auto trusting = target("localhost", tls.port(), true);
        trusting->verifyTls = false;
        const UpstreamProbeResult r = probeUpstream(probeOf(trusting));
        QVERIFY2(r.ok, describe(r));
        QCOMPARE(r.status, 200);
        QVERIFY(r.tlsUs >= 0);
        QVERIFY2(r.tlsVersion.starts_with("TLS"), r.tlsVersion.c_str());
        QVERIFY(r.firstByteUs >= 0);
    }

    void engineCompilesTheRoutesUpstream()
    {
        Engine engine;
        engine.setUpstreamAccess({ "127.0.0.0/8" }, [](const std::string& name) {
            return name == "PROBE_SECRET" ? std::optional<std::string>("from-the-keychain")
                                          : std::nullopt;
        });
        ScriptedUpstream up;
        Upstream u;
        u.url = up.url().toStdString() + "/v2/";
        u.connectTimeoutMs = 1234;
        u.headers = { { UpstreamHeader::Action::Set, "Authorization", "", "PROBE_SECRET" },
            { UpstreamHeader::Action::Add, "X-Trace", "1", "" },
            { UpstreamHeader::Action::Remove, "Cookie", "", "" } };
        std::vector<Diagnostic> problems;
        const std::optional<UpstreamProbe> probe = engine.upstreamProbe(u, &problems);
        QVERIFY(probe);
        QVERIFY(problems.empty());
        QCOMPARE(probe->path, std::string("/v2"));
        QCOMPARE(probe->target->connectTimeoutMs, 1234);
        QCOMPARE(probe->fields.size(), std::size_t(2)); // set and add; a removal sends nothing
        QCOMPARE(probe->fields[0].second, std::string("from-the-keychain"));
        up.setFallback(ScriptedUpstream::answer(200, "ok"));
        QVERIFY(probeUpstream(*probe).ok);
        QVERIFY(up.requests().front().contains("Authorization: from-the-keychain\r\n"));

        // What apply would refuse is not tried: the reason, without a
        // route's name in front.
        u.headers[0].secretEnv = "NOT_SET_ANYWHERE";
        QVERIFY(!engine.upstreamProbe(u, &problems));
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems[0].message.starts_with("the secret for header Authorization is not set"),
            problems[0].message.c_str());
        problems.clear();
        u.headers.clear();
        u.url = "http://10.1.2.3";
        QVERIFY(!engine.upstreamProbe(u, &problems));
        QVERIFY2(problems.at(0).message.find("is refused") != std::string::npos,
            problems.at(0).message.c_str());
    }

    void upstreamRoutesAndTheirTotals()
    {
        ScriptedUpstream up;
        up.script({ ScriptedUpstream::answer(503, "busy"), ScriptedUpstream::answer(200, "ok") });
        up.setFallback(ScriptedUpstream::answer(200, "ok"));
        Workspace ws;
        Route r;
        r.path = "/proxied";
        r.responder = RouteResponder::Upstream;
        r.upstream.url = up.url().toStdString();
        r.upstream.retryBaseDelayMs = 1;
        r.upstream.retryMaxDelayMs = 2;
        ws.routes = { r, makeRoute("GET", "/designed", { makeResponse(200, "{}") }) };
        Engine engine;
        engine.setUpstreamAccess({ "127.0.0.0/8" }, nullptr);
        QVERIFY(engine.apply(ws).empty());

        // Served from its upstream, breaker closed, before any request.
        std::vector<UpstreamRouteState> routes = engine.upstreamRoutes();
        QCOMPARE(routes.size(), std::size_t(1));
        QCOMPARE(routes[0].route, std::string("GET /proxied"));
        QCOMPARE(routes[0].breaker, CircuitBreaker::State::Closed);
        QVERIFY2(routes[0].upstream.find("http://127.0.0.1:") == 0, routes[0].upstream.c_str());

        EngineOptions o;
        o.threads = 1;
        o.metricsDatabase = "-";
        std::string error;
        QVERIFY2(engine.start(o, &error), error.c_str());
        rawhttp::RawClient c(10'000);
        QVERIFY(c.connectTo(engine.port()));
        c.send("GET /proxied HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(c.readResponse().status, 200);
        c.send("GET /designed HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(c.readResponse().status, 200);

        // One request, two attempts (a 503 retried), one retry that succeeded.
        const std::shared_ptr<Metering> metering = engine.metering();
        QTRY_COMPARE_WITH_TIMEOUT(
            metering->upstreamTotals("GET /proxied").requests, std::uint64_t(1), 10'000);
        const UpstreamTotals totals = metering->upstreamTotals("GET /proxied");
        QCOMPARE(totals.attempts, std::uint64_t(2));
        QCOMPARE(totals.retried, std::uint64_t(1));
        QCOMPARE(totals.retrySucceeded, std::uint64_t(1));
        QCOMPARE(totals.latency.count(), std::uint64_t(1));
        QCOMPARE(metering->upstreamTotals("GET /designed").requests, std::uint64_t(0));
        QCOMPARE(metering->upstreamTotals("GET /nowhere").requests, std::uint64_t(0));
        const std::vector<RouteUpstreamTotals> all = metering->upstreamTotals();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].route, std::string("GET /proxied"));
        engine.stop();

        // A route back on designed responses is no longer an upstream route.
        ws.routes[0].responder = RouteResponder::Designed;
        QVERIFY(engine.apply(ws).empty());
        QVERIFY(engine.upstreamRoutes().empty());
    }
};

QTEST_GUILESS_MAIN(TestUpstreamProbe)
#include "tst_upstreamprobe.moc"
