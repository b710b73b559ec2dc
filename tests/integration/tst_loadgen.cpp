// The load generator (issue 6) against real sockets: its counts against what
// the embedded engine recorded, open-model rate accuracy, latency percentiles
// against a route with known injected latency (coordinated omission included),
// how failures are classified (refused, reset, silent and non-HTTP peers),
// plan validation, progress and stop().

#include "../freeport.h"
#include "testserver.h"
#include "tlsserver.h"

#include "server/access/apikey.h"
#include "server/load/loadgen.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace testsupport;

namespace {

std::size_t kind(LoadErrorKind k)
{
    return static_cast<std::size_t>(k);
}

QByteArray statusText(const std::map<int, std::uint64_t>& statuses)
{
    QByteArray s;
    for (const auto& [status, n] : statuses) {
        if (!s.isEmpty())
            s += ' ';
        s += QByteArray::number(status) + ':' + QByteArray::number(qulonglong(n));
    }
    return s;
}

QByteArray errorText(const LoadCounts& c)
{
    QByteArray s;
    for (std::size_t i = 0; i < kLoadErrorKinds; ++i) {
        if (!s.isEmpty())
            s += ' ';
        s += QByteArray(loadErrorName(static_cast<LoadErrorKind>(i))) + ':'
            + QByteArray::number(qulonglong(c.errors[i]));
    }
    return s;
}

QByteArray ms(std::uint64_t micros)
{
    return QByteArray::number(double(micros) / 1000.0, 'f', 2) + " ms";
}

QByteArray countsText(const LoadCounts& c)
{
    return "requests " + QByteArray::number(qulonglong(c.requests)) + " [" + statusText(c.statuses)
        + "] errors [" + errorText(c) + "] p50 " + ms(c.latency.percentile(50)) + " p90 "
        + ms(c.latency.percentile(90)) + " p99 " + ms(c.latency.percentile(99)) + " max "
        + ms(c.latency.max()) + " min " + ms(c.latency.min());
}

/// Everything worth seeing when an assertion about a report fails.
QByteArray describe(const LoadReport& r)
{
    QByteArray s = "total: " + countsText(r.total) + "\n  measured "
        + QByteArray::number(r.measuredSeconds, 'f', 3) + " s, throughput "
        + QByteArray::number(r.throughput(), 'f', 1) + "/s, missed "
        + QByteArray::number(qulonglong(r.missed)) + ", warm-up "
        + QByteArray::number(qulonglong(r.warmupRequests)) + ", stopped "
        + (r.stopped ? "yes" : "no") + ", timeline "
        + QByteArray::number(qsizetype(r.timeline.size())) + " s, problem \""
        + QByteArray::fromStdString(r.problem) + "\"";
    s += "\n  timeline:";
    for (const LoadSecond& sec : r.timeline)
        s += ' ' + QByteArray::number(sec.second) + (sec.warmup ? "w" : "") + '='
            + QByteArray::number(qulonglong(sec.requests))
            + (sec.errors ? '/' + QByteArray::number(qulonglong(sec.errors)) : QByteArray());
    for (const auto& t : r.tiers)
        s += "\n  tier " + QByteArray::fromStdString(t.name) + ": " + countsText(t.counts);
    for (const auto& t : r.routes)
        s += "\n  route " + QByteArray::fromStdString(t.name) + ": " + countsText(t.counts);
    return s;
}

const LoadSlice* findSlice(const std::vector<LoadSlice>& slices, const std::string& name)
{
    for (const auto& s : slices) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

std::string baseUrl(quint16 port, const std::string& path = {})
{
    return "http://127.0.0.1:" + std::to_string(port) + path;
}

LoadTarget target(std::string method, std::string path, double weight = 1)
{
    LoadTarget t;
    t.method = std::move(method);
    t.path = std::move(path);
    t.weight = weight;
    return t;
}

using testsupport::freePort;

/// A misbehaving peer on a thread of its own: accepts everything and, for
/// each request header it reads, resets the connection (SO_LINGER 0), says
/// nothing at all, or answers with bytes that are not HTTP.
class RawServer {
public:
    enum class Mode { Reset, Silent, Garbage };

    explicit RawServer(Mode mode)
        : m_mode(mode)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_listen < 0)
            return;
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        sa.sin_port = 0;
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof sa;
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0
            || ::listen(m_listen, 128) != 0
            || ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
            ::close(m_listen);
            m_listen = -1;
            return;
        }
        m_port = ntohs(sa.sin_port);
        m_thread = std::thread([this] { loop(); });
    }
    ~RawServer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_listen >= 0)
            ::close(m_listen);
    }
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    quint16 port() const { return m_port; }
    std::uint64_t accepted() const { return m_accepted; }
    std::uint64_t requests() const { return m_requests; }

private:
    struct Conn {
        int fd = -1;
        std::string buffer;
    };

    void loop()
    {
        std::vector<Conn> conns;
        while (!m_stop) {
            std::vector<pollfd> fds;
            fds.push_back({ m_listen, POLLIN, 0 });
            for (const Conn& c : conns)
                fds.push_back({ c.fd, POLLIN, 0 });
            // A poll with a short timeout so that the destructor is noticed.
            if (::poll(fds.data(), fds.size(), 20) <= 0)
                continue;
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (fds[i].revents == 0)
                    continue;
                Conn& c = conns[i - 1];
                char chunk[4096];
                const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
                if (n <= 0) {
                    ::close(c.fd);
                    c.fd = -1;
                    continue;
                }
                c.buffer.append(chunk, static_cast<std::size_t>(n));
                std::size_t end;
                while (c.fd >= 0 && (end = c.buffer.find("\r\n\r\n")) != std::string::npos) {
                    c.buffer.erase(0, end + 4);
                    ++m_requests;
                    switch (m_mode) {
                    case Mode::Reset: {
                        const linger l { 1, 0 }; // close() sends RST instead of FIN
                        ::setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                        ::close(c.fd);
                        c.fd = -1;
                        break;
                    }
                    case Mode::Garbage: {
                        static const char kGarbage[] = "HELLO\r\n\r\n";
                        ::send(c.fd, kGarbage, sizeof kGarbage - 1, MSG_NOSIGNAL);
                        break;
                    }
                    case Mode::Silent:
                        break;
                    }
                }
            }
            if (fds[0].revents & POLLIN) {
                const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd >= 0) {
                    conns.push_back({ fd, {} });
                    ++m_accepted;
                }
            }
            conns.erase(
                std::remove_if(conns.begin(), conns.end(), [](const Conn& c) { return c.fd < 0; }),
                conns.end());
        }
        for (const Conn& c : conns)
            ::close(c.fd);
    }

    Mode m_mode;
    int m_listen = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<std::uint64_t> m_accepted { 0 };
    std::atomic<std::uint64_t> m_requests { 0 };
};

std::int64_t nowSecond()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Unlimited tier (no rate limit, no quota) so thousands of requests pass.
Tier openTier(const std::string& id)
{
    return Tier { id, id, 0, 0, 0, 0, 0, 0, OverQuotaPolicy::Block };
}

NewKey makeKey(const std::string& tier)
{
    NewKey k;
    std::string error;
    KeyOptions options;
    options.tier = tier;
    if (!createKey("development", options, nowSecond(), &k, &error))
        qFatal("createKey: %s", error.c_str());
    return k;
}

int phaseOf(const LoadProgress& p)
{
    return static_cast<int>(p.phase);
}

} // namespace

class TestLoadgen : public QObject {
    Q_OBJECT

private slots:
    void countsMatchTheServer();
    void httpsTargetsAreServed();
    void httpsVerifiesTheCertificate();
    void requestsCarryKeysHostAndEncodedParams();
    void openModelRateIsAccurate();
    void openRampUpClimbsLinearly();
    void closedPercentilesMatchInjectedLatency();
    void openPercentilesMatchInjectedLatency();
    void openModelCorrectsCoordinatedOmission();
    void refusedConnectionsAreConnectErrors();
    void resetsAreResetErrors();
    void injectedResetsAreResetErrorsOfTheirRoute();
    void silentServerTimesOut();
    void garbageIsAProtocolError();
    void parsesUrls();
    void rejectsBadPlans();
    void progressAdvancesAndStopEndsTheRun();
    void warmupIsSentButNotCounted();
};

// Acceptance 1: a closed run of exactly 3000 requests over a weighted mix with
// path parameters, header and body templates and a key pool with two tiers
// (one key revoked). Every count in the report (total, per status, per route,
// per tier) equals what the engine recorded request by request.
void TestLoadgen::countsMatchTheServer()
{
    Workspace ws;
    ws.tiers = { openTier("free"), openTier("pro") };
    const NewKey freeKey = makeKey("free");
    const NewKey proKey = makeKey("pro");
    const NewKey revokedKey = makeKey("pro");
    ws.keys = { freeKey.record, proKey.record, revokedKey.record };
    std::string error;
    QVERIFY2(revokeKey(&ws.keys, revokedKey.record.id, nowSecond(), &error), error.c_str());

    // /api/a answers 200 only when the templated header arrived as digits,
    // /api/c 201 only when the templated JSON body arrived; otherwise 500/400,
    // which the status comparison below would show.
    Route a = makeRoute("GET", "/api/a",
        { makeResponse(200, "{\"a\":true}"), makeResponse(500, "{\"header\":\"missing\"}") });
    a.rules.push_back(Rule { RuleSource::Header, "x-n", RuleOperator::Regex, "^[0-9]+$", 0 });
    a.defaultResponse = 1;
    Route b = makeRoute("GET", "/api/b/{id}", 404, "{\"missing\":\"{{request.params.id}}\"}");
    Route c = makeRoute("POST", "/api/c",
        { makeResponse(201, "{{{request.body}}}"), makeResponse(400, "{\"body\":\"missing\"}") });
    c.rules.push_back(Rule { RuleSource::Body, "/n", RuleOperator::Exists, {}, 0 });
    c.defaultResponse = 1;
    for (Route* r : { &a, &b, &c })
        r->access.keyRequired = true; // so that the engine records each request's key
    ws.routes = { a, b, c };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/api?src=lg");
    s.model = LoadModel::Closed;
    s.connections = 8;
    s.threads = 2;
    s.requestCount = 3000;
    s.durationSeconds = 60; // the count ends the run
    s.warmupSeconds = 0;
    s.timeoutSeconds = 10;
    LoadTarget ta = target("GET", "/a", 3);
    ta.headers = { { "X-N", "{{#randomInt}}1 9{{/randomInt}}" } };
    LoadTarget tb = target("GET", "/b/{id}", 1);
    tb.name = "item";
    tb.params = { { "id", "{{#randomInt}}1 100{{/randomInt}}" } };
    LoadTarget tc = target("POST", "/c", 1);
    tc.headers = { { "Content-Type", "application/json" } };
    tc.body = "{\"n\":{{#randomInt}}1 1000{{/randomInt}},\"id\":\"{{uuid}}\"}";
    s.mix = { ta, tb, tc };
    s.keys = { LoadKey { "free-key", "free", freeKey.secret, 2 },
        LoadKey { "pro-key", "pro", proKey.secret, 1 },
        LoadKey { "revoked-key", "pro", revokedKey.secret, 0.5 } };

    LoadRunner runner(s);
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 60'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    QCOMPARE(rep.total.requests, std::uint64_t(3000));
    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    QVERIFY2(!rep.stopped, text.constData());
    QVERIFY2(rep.problem.empty(), text.constData());
    QVERIFY2(rep.total.bytesOut > 0 && rep.total.bytesIn > 0, text.constData());
    QCOMPARE(rep.total.latency.count(), std::uint64_t(3000));
    for (const LoadKey& k : rep.settings.keys)
        QVERIFY2(k.secret.empty(), "the report's settings carry a key secret");

    // The engine's own record of every request. requestsServed() is counted
    // after the traffic event is recorded, so once it reaches 3000 all 3000
    // events are there; a generator that sent more than it counted shows up
    // as more events.
    QTRY_COMPARE_WITH_TIMEOUT(server.engine->requestsServed(), std::uint64_t(3000), 10'000);
    std::vector<TrafficEvent> events;
    server.engine->drainTraffic(&events);
    QCOMPARE(events.size(), std::size_t(3000));
    QCOMPARE(server.engine->requestsServed(), std::uint64_t(3000));

    const std::map<std::string, std::string> tierOfKey { { freeKey.record.id, "free" },
        { proKey.record.id, "pro" }, { revokedKey.record.id, "pro" } };
    std::map<int, std::uint64_t> statuses;
    std::map<std::string, std::map<int, std::uint64_t>> byRoute, byTier;
    std::uint64_t revoked = 0;
    std::set<int> ids;
    for (const TrafficEvent& e : events) {
        statuses[e.status]++;
        std::string route = "?";
        const QByteArray t = QByteArray::fromStdString(e.target);
        if (e.method == "GET" && t == "/api/a?src=lg") {
            route = "GET /a";
        } else if (e.method == "POST" && t == "/api/c?src=lg") {
            route = "POST /c";
        } else if (e.method == "GET" && t.startsWith("/api/b/") && t.endsWith("?src=lg")) {
            route = "item";
            bool ok = false;
            const int id = t.mid(7, t.size() - 7 - 7).toInt(&ok);
            QVERIFY2(ok && id >= 1 && id <= 100, t.constData());
            ids.insert(id);
        }
        QVERIFY2(route != "?", (e.method + ' ' + e.target).c_str());
        byRoute[route][e.status]++;
        const auto tier = tierOfKey.find(e.keyId);
        QVERIFY2(tier != tierOfKey.end(), ("request without a known key: " + e.keyId).c_str());
        byTier[tier->second][e.status]++;
        if (e.keyId == revokedKey.record.id) {
            QCOMPARE(e.status, 401);
            ++revoked;
        }
    }
    // Only the answers the routes give for well-formed requests, and the
    // revoked key's 401s.
    QVERIFY2(!statuses.count(500) && !statuses.count(400), statusText(statuses).constData());
    QVERIFY2(statuses.count(401) && statuses[401] == revoked, statusText(statuses).constData());
    QVERIFY2(ids.size() >= 50, QByteArray::number(qsizetype(ids.size())).constData());

    QCOMPARE(statusText(rep.total.statuses), statusText(statuses));

    // Per route: the labels, the counts by status, and the 3:1:1 weights.
    QCOMPARE(rep.routes.size(), std::size_t(3));
    std::uint64_t routeSum = 0;
    for (const auto& [label, expected] : byRoute) {
        const LoadSlice* slice = findSlice(rep.routes, label);
        QVERIFY2(slice, ("no route slice " + label + "\n" + text.toStdString()).c_str());
        QCOMPARE(statusText(slice->counts.statuses), statusText(expected));
        QCOMPARE(slice->counts.errorTotal(), std::uint64_t(0));
        routeSum += slice->counts.requests;
    }
    QCOMPARE(routeSum, rep.total.requests);
    const auto share = [&](const std::string& label) {
        const LoadSlice* slice = findSlice(rep.routes, label);
        return slice ? double(slice->counts.requests) / double(rep.total.requests) : -1.0;
    };
    // Expected 0.6 / 0.2 / 0.2; the binomial spread at n = 3000 is below 0.01.
    QVERIFY2(std::abs(share("GET /a") - 0.6) < 0.06, text.constData());
    QVERIFY2(std::abs(share("item") - 0.2) < 0.04, text.constData());
    QVERIFY2(std::abs(share("POST /c") - 0.2) < 0.04, text.constData());

    // Per tier: exactly the pool's two tiers (no "(no key)"), every request
    // under one of them, the revoked key's 401s under its tier.
    QCOMPARE(rep.tiers.size(), std::size_t(2));
    std::uint64_t tierSum = 0;
    for (const auto& [tier, expected] : byTier) {
        const LoadSlice* slice = findSlice(rep.tiers, tier);
        QVERIFY2(slice, ("no tier slice " + tier + "\n" + text.toStdString()).c_str());
        QVERIFY2(slice->counts.requests > 0, text.constData());
        QCOMPARE(statusText(slice->counts.statuses), statusText(expected));
        tierSum += slice->counts.requests;
    }
    QCOMPARE(tierSum, rep.total.requests);
    const LoadSlice* freeTier = findSlice(rep.tiers, "free");
    const LoadSlice* proTier = findSlice(rep.tiers, "pro");
    QVERIFY(freeTier && proTier);
    QVERIFY2(!freeTier->counts.statuses.count(401), text.constData());
    QCOMPARE(proTier->counts.statuses.at(401), revoked);
    // Key weights 2 : 1 : 0.5 → free 4/7, pro (with the revoked key) 3/7.
    const double freeShare = double(freeTier->counts.requests) / double(rep.total.requests);
    QVERIFY2(std::abs(freeShare - 4.0 / 7.0) < 0.06, text.constData());
    const double revokedShare = double(revoked) / double(rep.total.requests);
    QVERIFY2(std::abs(revokedShare - 1.0 / 7.0) < 0.04, text.constData());

    // The timeline holds every counted answer once.
    std::uint64_t timelineSum = 0;
    for (const LoadSecond& sec : rep.timeline) {
        QVERIFY(!sec.warmup);
        QCOMPARE(sec.errors, std::uint64_t(0));
        timelineSum += sec.requests;
    }
    QCOMPARE(timelineSum, rep.total.requests);
}

// What each request carries: the key in the header the plan names, the Host
// header of the URL, path parameters percent-encoded in the path and raw in
// {{request.params.<name>}}.
void TestLoadgen::requestsCarryKeysHostAndEncodedParams()
{
    Workspace ws;
    ws.tiers = { openTier("free") };
    const NewKey key = makeKey("free");
    ws.keys = { key.record };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());
    // The Host rule needs the port, known once the engine listens.
    const std::string host = "127.0.0.1:" + std::to_string(server.port());
    Route e = makeRoute("POST", "/e/{v}",
        { makeResponse(201, "{}"), makeResponse(400, "{\"body\":\"unexpected\"}") });
    e.rules.push_back(Rule { RuleSource::Body, "/v", RuleOperator::Equals, "a b&\xc3\xbc", 0 });
    e.defaultResponse = 1;
    Route h = makeRoute(
        "GET", "/h", { makeResponse(200, "{}"), makeResponse(500, "{\"host\":\"unexpected\"}") });
    h.rules.push_back(Rule { RuleSource::Header, "host", RuleOperator::Equals, host, 0 });
    h.defaultResponse = 1;
    e.access.keyRequired = h.access.keyRequired = true;
    ws.routes = { e, h };
    const auto diagnostics = server.engine->apply(ws);
    QVERIFY(diagnostics.empty());

    LoadSettings s;
    s.url = baseUrl(server.port());
    s.connections = 2;
    s.requestCount = 200;
    LoadTarget te = target("POST", "/e/{v}");
    te.params = { { "v", "a b&\xc3\xbc" } };
    te.body = "{\"v\":\"{{request.params.v}}\"}";
    s.mix = { te, target("GET", "/h") };
    s.keys = { LoadKey { "k", "free", key.secret, 1 } };
    s.keyHeader = "X-API-Key";
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 30'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    QCOMPARE(rep.total.requests, std::uint64_t(200));

    QTRY_COMPARE_WITH_TIMEOUT(server.engine->requestsServed(), std::uint64_t(200), 10'000);
    std::vector<TrafficEvent> events;
    server.engine->drainTraffic(&events);
    QCOMPARE(events.size(), std::size_t(200));
    std::map<int, std::uint64_t> statuses;
    for (const TrafficEvent& ev : events) {
        statuses[ev.status]++;
        QCOMPARE(ev.keyId, key.record.id);
        if (ev.method == "POST")
            QCOMPARE(ev.target, std::string("/e/a%20b%26%C3%BC"));
        else
            QCOMPARE(ev.target, std::string("/h"));
    }
    QVERIFY2(statuses.size() == 2 && statuses.count(200) && statuses.count(201),
        statusText(statuses).constData());
    QCOMPARE(statusText(rep.total.statuses), statusText(statuses));
    const LoadSlice* tier = findSlice(rep.tiers, "free");
    QVERIFY2(tier && tier->counts.requests == 200, text.constData());
}

// Acceptance 2: open model, 2000 requests a second for 10 s over 16
// connections: the report and the server agree with the plan within 1 %.
void TestLoadgen::openModelRateIsAccurate()
{
    Workspace ws;
    ws.routes = { makeRoute("GET", "/a", 200, "{\"a\":true}") };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port());
    s.model = LoadModel::Open;
    s.rate = 2000;
    s.durationSeconds = 10;
    s.connections = 16;
    s.mix = { target("GET", "/a") };
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 30'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    QVERIFY2(rep.total.requests >= 19'800 && rep.total.requests <= 20'200, text.constData());
    QVERIFY2(std::abs(rep.throughput() - 2000.0) <= 20.0, text.constData());
    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    QCOMPARE(statusText(rep.total.statuses),
        QByteArray(QByteArray("200:") + QByteArray::number(qulonglong(rep.total.requests))));

    // The server saw the same load: at least every answer counted, and in
    // all within 1 % of 20000.
    QTRY_VERIFY_WITH_TIMEOUT(server.engine->requestsServed() >= rep.total.requests, 10'000);
    const std::uint64_t served = server.engine->requestsServed();
    QVERIFY2(served >= 19'800 && served <= 20'200,
        QByteArray(QByteArray::number(qulonglong(served)) + " served\n" + text).constData());

    // And at a steady rate, not in bursts: every full second in the middle of
    // the run completed close to 2000 answers.
    int checked = 0;
    for (const LoadSecond& sec : rep.timeline) {
        if (sec.warmup || sec.second < 1 || sec.second > 8)
            continue;
        ++checked;
        QVERIFY2(sec.requests >= 1700 && sec.requests <= 2300,
            QByteArray("second " + QByteArray::number(sec.second) + ": "
                + QByteArray::number(qulonglong(sec.requests)) + " answers\n" + text)
                .constData());
    }
    QCOMPARE(checked, 8);
}

// The open model's ramp: the rate climbs linearly from 0 to 1000/s over the
// 2 s run, so 250 requests are due in the first second and 750 in the second.
void TestLoadgen::openRampUpClimbsLinearly()
{
    Workspace ws;
    ws.routes = { makeRoute("GET", "/a", 200, "{}") };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/a");
    s.model = LoadModel::Open;
    s.rate = 1000;
    s.rampUpSeconds = 2;
    s.durationSeconds = 2;
    s.connections = 8;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    QVERIFY2(rep.total.requests >= 950 && rep.total.requests <= 1050, text.constData());
    std::uint64_t first = 0, second = 0;
    for (const LoadSecond& sec : rep.timeline) {
        if (sec.second == 0)
            first = sec.requests;
        else if (sec.second == 1)
            second = sec.requests;
    }
    QVERIFY2(first >= 200 && first <= 300, text.constData());
    QVERIFY2(second >= 700 && second <= 800, text.constData());
}

// Acceptance 3: latency percentiles against a route that always takes 20 ms.
void TestLoadgen::closedPercentilesMatchInjectedLatency()
{
    Workspace ws;
    Route slow = makeRoute("GET", "/slow", 200, "{}");
    slow.latency.minMs = slow.latency.maxMs = 20;
    ws.routes = { slow };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/slow");
    s.model = LoadModel::Closed;
    s.connections = 4;
    s.durationSeconds = 2;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    const LatencyHistogram& h = rep.total.latency;

    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    // Four connections, each waiting 20 ms per answer: at most 4 × 2 s / 20 ms.
    QVERIFY2(rep.total.requests >= 100 && rep.total.requests <= 420, text.constData());
    QCOMPARE(h.count(), rep.total.requests);
    QVERIFY2(h.min() >= 20'000, text.constData());
    QVERIFY2(h.percentile(50) >= 20'000, text.constData());
    QVERIFY2(h.percentile(99) >= 20'000, text.constData());
    QVERIFY2(h.percentile(50) < 35'000, text.constData());
    QVERIFY2(h.max() >= h.percentile(99) && h.percentile(99) >= h.percentile(90)
            && h.percentile(90) >= h.percentile(50),
        text.constData());
    // Route and tier slices of a run without a mix or keys.
    QCOMPARE(rep.tiers.size(), std::size_t(1));
    QCOMPARE(rep.tiers[0].name, std::string("(no key)"));
    QCOMPARE(rep.tiers[0].counts.requests, rep.total.requests);
}

void TestLoadgen::openPercentilesMatchInjectedLatency()
{
    Workspace ws;
    Route slow = makeRoute("GET", "/slow", 200, "{}");
    slow.latency.minMs = slow.latency.maxMs = 20;
    ws.routes = { slow };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    // 50/s over 4 connections: each connection is busy 20 ms of every 80.
    LoadSettings s;
    s.url = baseUrl(server.port());
    s.model = LoadModel::Open;
    s.rate = 50;
    s.connections = 4;
    s.durationSeconds = 2;
    s.mix = { target("GET", "/slow") };
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    const LatencyHistogram& h = rep.total.latency;

    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    QVERIFY2(rep.total.requests >= 90 && rep.total.requests <= 110, text.constData());
    QVERIFY2(h.min() >= 20'000, text.constData());
    QVERIFY2(h.percentile(50) >= 20'000 && h.percentile(50) < 35'000, text.constData());
    QVERIFY2(h.max() >= h.percentile(99) && h.percentile(99) >= h.percentile(90)
            && h.percentile(90) >= h.percentile(50),
        text.constData());
    QCOMPARE(rep.missed, std::uint64_t(0));
}

// Open model at 100/s over one connection against a 20 ms route (capacity
// 50/s): requests fall further and further behind their due time, and since
// latency counts from the due time, it grows to hundreds of milliseconds
// instead of staying at 20 ms with half the requests silently not sent.
void TestLoadgen::openModelCorrectsCoordinatedOmission()
{
    Workspace ws;
    Route slow = makeRoute("GET", "/slow", 200, "{}");
    slow.latency.minMs = slow.latency.maxMs = 20;
    ws.routes = { slow };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/slow");
    s.model = LoadModel::Open;
    s.rate = 100;
    s.connections = 1;
    s.durationSeconds = 2;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    const LatencyHistogram& h = rep.total.latency;

    QVERIFY2(rep.total.errorTotal() == 0, text.constData());
    QVERIFY2(rep.total.requests > 0, text.constData());
    // The k-th answer was due at 10·k ms and arrives at about 20·(k+1) ms.
    QVERIFY2(h.percentile(99) > 200'000, text.constData());
    QVERIFY2(h.percentile(50) > 100'000, text.constData());
    QVERIFY2(h.max() > 500'000, text.constData());
    // About 200 requests were due: each was answered or is reported missed.
    const std::uint64_t due = rep.total.requests + rep.total.errorTotal() + rep.missed;
    QVERIFY2(due >= 180 && due <= 220, text.constData());
}

// Acceptance 4: errors by kind.
void TestLoadgen::refusedConnectionsAreConnectErrors()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    LoadSettings s;
    s.url = baseUrl(port, "/");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 1;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    QVERIFY2(rep.total.requests == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Connect)] > 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Timeout)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Reset)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Protocol)] == 0, text.constData());
    QVERIFY2(rep.total.latency.count() == 0, text.constData());
}

void TestLoadgen::resetsAreResetErrors()
{
    RawServer peer(RawServer::Mode::Reset);
    QVERIFY(peer.port() != 0);
    LoadSettings s;
    s.url = baseUrl(peer.port(), "/x");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 1;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep) + "\n  peer saw "
        + QByteArray::number(qulonglong(peer.requests())) + " requests on "
        + QByteArray::number(qulonglong(peer.accepted())) + " connections";

    QVERIFY2(peer.requests() > 0, text.constData());
    QVERIFY2(rep.total.requests == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Reset)] > 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Connect)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Timeout)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Protocol)] == 0, text.constData());
    // Every reset the client counted was a request the peer reset.
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Reset)] <= peer.requests(), text.constData());
}

// The engine's own failure injection resets every request to one route: the
// resets land on their route, the other route stays clean.
void TestLoadgen::injectedResetsAreResetErrorsOfTheirRoute()
{
    Workspace ws;
    Route boom = makeRoute("GET", "/boom", 200, "{}");
    boom.failure.percent = 100;
    boom.failure.reset = true;
    ws.routes = { makeRoute("GET", "/ok", 200, "{}"), boom };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port());
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 1;
    s.mix = { target("GET", "/ok"), target("GET", "/boom") };
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    const std::uint64_t resets = rep.total.errors[kind(LoadErrorKind::Reset)];
    QVERIFY2(resets > 0, text.constData());
    QVERIFY2(rep.total.requests > 0, text.constData());
    QCOMPARE(statusText(rep.total.statuses),
        QByteArray(QByteArray("200:") + QByteArray::number(qulonglong(rep.total.requests))));
    QVERIFY2(rep.total.errorTotal() == resets, text.constData());
    const LoadSlice* ok = findSlice(rep.routes, "GET /ok");
    const LoadSlice* bad = findSlice(rep.routes, "GET /boom");
    QVERIFY2(ok && bad, text.constData());
    QVERIFY2(ok->counts.requests == rep.total.requests && ok->counts.errorTotal() == 0,
        text.constData());
    QVERIFY2(bad->counts.requests == 0 && bad->counts.errors[kind(LoadErrorKind::Reset)] == resets,
        text.constData());

    // The engine recorded each reset (status 0); the client counted no more
    // resets than there were.
    std::vector<TrafficEvent> events;
    std::uint64_t serverResets = 0;
    const auto caughtUp = [&] {
        server.engine->drainTraffic(&events);
        serverResets = std::uint64_t(std::count_if(
            events.begin(), events.end(), [](const TrafficEvent& e) { return e.status == 0; }));
        return serverResets >= resets;
    };
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(), 10'000);
    QVERIFY2(resets + 2 >= serverResets,
        QByteArray(QByteArray::number(qulonglong(serverResets)) + " resets on the server\n" + text)
            .constData());
}

void TestLoadgen::silentServerTimesOut()
{
    RawServer peer(RawServer::Mode::Silent);
    QVERIFY(peer.port() != 0);
    LoadSettings s;
    s.url = baseUrl(peer.port(), "/x");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 2;
    s.timeoutSeconds = 0.5;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep) + "\n  peer saw "
        + QByteArray::number(qulonglong(peer.requests())) + " requests on "
        + QByteArray::number(qulonglong(peer.accepted())) + " connections";

    const std::uint64_t timeouts = rep.total.errors[kind(LoadErrorKind::Timeout)];
    QVERIFY2(rep.total.requests == 0, text.constData());
    QVERIFY2(timeouts > 0, text.constData());
    // 0.5 s each: at most 2 connections × (2 s / 0.5 s + the one cut off).
    QVERIFY2(timeouts <= 10, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Connect)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Reset)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Protocol)] == 0, text.constData());
    // A timed-out connection is closed and opened again.
    QVERIFY2(peer.accepted() > 2, text.constData());
}

void TestLoadgen::garbageIsAProtocolError()
{
    RawServer peer(RawServer::Mode::Garbage);
    QVERIFY(peer.port() != 0);
    LoadSettings s;
    s.url = baseUrl(peer.port(), "/x");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 1;
    s.timeoutSeconds = 5;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 20'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);

    QVERIFY2(rep.total.requests == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Protocol)] > 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Connect)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Timeout)] == 0, text.constData());
    QVERIFY2(rep.total.errors[kind(LoadErrorKind::Reset)] == 0, text.constData());
}

// Acceptance 5: validation.
void TestLoadgen::parsesUrls()
{
    LoadUrl u;
    std::string error;
    QVERIFY2(parseLoadUrl("http://127.0.0.1:8080/api?x=1", &u, &error), error.c_str());
    QCOMPARE(u.host, std::string("127.0.0.1"));
    QCOMPARE(u.port, std::uint16_t(8080));
    QCOMPARE(u.prefix, std::string("/api"));
    QCOMPARE(u.query, std::string("?x=1"));
    QCOMPARE(u.hostHeader, std::string("127.0.0.1:8080"));

    LoadUrl v;
    QVERIFY2(parseLoadUrl("http://[::1]:9/", &v, &error), error.c_str());
    QCOMPARE(v.host, std::string("::1"));
    QCOMPARE(v.port, std::uint16_t(9));
    QCOMPARE(v.prefix, std::string());
    QCOMPARE(v.query, std::string());
    QCOMPARE(v.hostHeader, std::string("[::1]:9"));

    LoadUrl w;
    QVERIFY2(parseLoadUrl("http://localhost/v1/", &w, &error), error.c_str());
    QCOMPARE(w.host, std::string("localhost"));
    QCOMPARE(w.port, std::uint16_t(80));
    QCOMPARE(w.prefix, std::string("/v1"));

    LoadUrl t;
    QVERIFY2(parseLoadUrl("https://example.com/api", &t, &error), error.c_str());
    QVERIFY(t.tls);
    QCOMPARE(t.port, std::uint16_t(443));
    QCOMPARE(t.hostHeader, std::string("example.com"));
    QCOMPARE(t.prefix, std::string("/api"));
    QVERIFY2(parseLoadUrl("https://127.0.0.1:8443/", &t, &error), error.c_str());
    QCOMPARE(t.hostHeader, std::string("127.0.0.1:8443"));
    QVERIFY(!w.tls);

    for (const char* bad : { "ftp://127.0.0.1/", "", "http://", "https://", "127.0.0.1:8080",
             "http://127.0.0.1:99999/", "http://127.0.0.1:port/" }) {
        LoadUrl x;
        std::string why;
        QVERIFY2(!parseLoadUrl(bad, &x, &why), bad);
        QVERIFY2(!why.empty(), bad);
    }
}

void TestLoadgen::httpsTargetsAreServed()
{
    TlsServer server;
    LoadSettings s;
    s.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    s.connections = 4;
    s.requestCount = 400;
    s.verifyTls = false; // self-signed
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    runner.wait();
    const LoadReport r = runner.report();
    QVERIFY2(r.problem.empty(), r.problem.c_str());
    QCOMPARE(r.total.requests, std::uint64_t(400));
    QCOMPARE(r.total.statuses.at(200), std::uint64_t(400));
    QCOMPARE(r.total.errorTotal(), std::uint64_t(0));
    QCOMPARE(server.answered(), 400);
    // Keep-alive over TLS: one handshake per connection, not per request.
    QCOMPARE(server.handshakes(), 4);
}

void TestLoadgen::httpsVerifiesTheCertificate()
{
    TlsServer server;
    LoadSettings s;
    s.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    s.connections = 2;
    s.durationSeconds = 0.5;
    LoadRunner runner(s); // verifyTls is on by default: a self-signed certificate fails
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    runner.wait();
    const LoadReport r = runner.report();
    QCOMPARE(r.total.requests, std::uint64_t(0));
    QVERIFY2(r.total.errors[kind(LoadErrorKind::Connect)] > 0, errorText(r.total).constData());
    QCOMPARE(r.total.errors[kind(LoadErrorKind::Reset)], std::uint64_t(0));
    QCOMPARE(server.answered(), 0);
}

void TestLoadgen::rejectsBadPlans()
{
    LoadSettings good;
    good.url = "http://127.0.0.1:9/";
    good.model = LoadModel::Closed;
    good.connections = 4;
    good.durationSeconds = 1;
    LoadTarget item = target("GET", "/b/{id}", 1);
    item.params = { { "id", "{{#randomInt}}1 100{{/randomInt}}" } };
    good.mix = { target("GET", "/a", 2), item };
    {
        const auto problems = validateLoadSettings(good);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
    }

    struct Case {
        const char* what;
        LoadSettings settings;
    };
    std::vector<Case> cases;
    auto add = [&](const char* what, auto change) {
        LoadSettings s = good;
        change(s);
        cases.push_back({ what, s });
    };
    add("ftp URL", [](LoadSettings& s) { s.url = "ftp://127.0.0.1:9/"; });
    add("no URL", [](LoadSettings& s) { s.url.clear(); });
    add("0 connections", [](LoadSettings& s) { s.connections = 0; });
    add("negative connections", [](LoadSettings& s) { s.connections = -3; });
    add("open model at rate 0", [](LoadSettings& s) {
        s.model = LoadModel::Open;
        s.rate = 0;
    });
    add("{id} without a value", [](LoadSettings& s) { s.mix[1].params.clear(); });
    add("{id} with a value for another name", [](LoadSettings& s) {
        s.mix[1].params = { { "other", "1" } };
    });
    add("a body that does not compile", [](LoadSettings& s) { s.mix[0].body = "{{#open}}x"; });
    add("a header that does not compile", [](LoadSettings& s) {
        s.mix[0].headers = { { "X-A", "{{#open}}x" } };
    });
    add("a param that does not compile", [](LoadSettings& s) {
        s.mix[1].params = { { "id", "{{#randomInt}}1 100" } };
    });
    add("a negative weight", [](LoadSettings& s) { s.mix[0].weight = -1; });
    add("all weights zero", [](LoadSettings& s) {
        s.mix[0].weight = 0;
        s.mix[1].weight = 0;
    });
    for (const Case& c : cases) {
        const auto problems = validateLoadSettings(c.settings);
        QVERIFY2(!problems.empty(), c.what);
        for (const auto& p : problems)
            QVERIFY2(!p.empty(), c.what);
        // start() refuses the same plans, with the reasons.
        LoadRunner runner(c.settings);
        std::string error;
        QVERIFY2(!runner.start(&error), c.what);
        QVERIFY2(!error.empty(), c.what);
    }
}

// Acceptance 6: progress while running, then stop().
void TestLoadgen::progressAdvancesAndStopEndsTheRun()
{
    Workspace ws;
    Route a = makeRoute("GET", "/a", 200, "{}");
    a.latency.minMs = a.latency.maxMs = 2; // keeps the two cores mostly free
    ws.routes = { a };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/a");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.durationSeconds = 60;
    std::atomic<int> finishedCalls { 0 };
    LoadRunner runner(s);
    runner.onFinished = [&] { ++finishedCalls; };
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());

    QTRY_VERIFY_WITH_TIMEOUT(runner.progress().requests > 0, 10'000);
    const LoadProgress p1 = runner.progress();
    QCOMPARE(phaseOf(p1), int(LoadProgress::Phase::Measuring));
    QVERIFY(!runner.finished());
    QVERIFY(p1.openConnections >= 1 && p1.openConnections <= 2);
    QCOMPARE(runner.report().total.requests, std::uint64_t(0)); // empty until finished

    // Two completed seconds, numbered from 0, both with answers.
    QTRY_VERIFY_WITH_TIMEOUT(runner.progress().seconds.size() >= 2, 10'000);
    const LoadProgress p2 = runner.progress();
    QCOMPARE(phaseOf(p2), int(LoadProgress::Phase::Measuring));
    QVERIFY2(p2.elapsedSeconds > p1.elapsedSeconds && p2.elapsedSeconds >= 2.0,
        QByteArray::number(p2.elapsedSeconds).constData());
    QVERIFY(p2.requests > p1.requests);
    QCOMPARE(p2.errors, std::uint64_t(0));
    QCOMPARE(p2.seconds[0].second, std::int64_t(0));
    QCOMPARE(p2.seconds[1].second, std::int64_t(1));
    QVERIFY(p2.seconds[0].requests > 0 && p2.seconds[1].requests > 0);
    QVERIFY(p2.seconds[1].latency.count() > 0);
    std::uint64_t inSeconds = 0;
    for (const LoadSecond& sec : p2.seconds)
        inSeconds += sec.requests;
    QVERIFY(inSeconds <= p2.requests);
    const LoadProgress p3 = runner.progress(1);
    QVERIFY(!p3.seconds.empty());
    QCOMPARE(p3.seconds.front().second, std::int64_t(1));
    QTRY_VERIFY_WITH_TIMEOUT(runner.progress().elapsedSeconds > p2.elapsedSeconds, 5'000);

    runner.stop();
    // In-flight requests get up to a second; the run must end well before
    // its 60 s.
    QTRY_VERIFY_WITH_TIMEOUT(runner.finished(), 3'000);
    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    QVERIFY2(rep.stopped, text.constData());
    QVERIFY2(rep.total.requests > 0, text.constData());
    QVERIFY2(rep.total.requests >= p2.requests, text.constData());
    QVERIFY2(rep.measuredSeconds >= 1.9 && rep.measuredSeconds < 30.0, text.constData());
    QCOMPARE(phaseOf(runner.progress()), int(LoadProgress::Phase::Finished));
    QTRY_COMPARE_WITH_TIMEOUT(finishedCalls.load(), 1, 5'000);
    QTRY_VERIFY_WITH_TIMEOUT(server.engine->requestsServed() >= rep.total.requests, 5'000);
    runner.wait(); // returns at once now
    QCOMPARE(finishedCalls.load(), 1);
}

// Warm-up: sent, not counted, and the phases go forward.
void TestLoadgen::warmupIsSentButNotCounted()
{
    Workspace ws;
    Route a = makeRoute("GET", "/a", 200, "{}");
    a.latency.minMs = a.latency.maxMs = 2;
    ws.routes = { a };
    TestServer server(ws);
    QVERIFY2(server.ok(), server.problems().constData());

    LoadSettings s;
    s.url = baseUrl(server.port(), "/a");
    s.model = LoadModel::Closed;
    s.connections = 2;
    s.warmupSeconds = 1;
    s.durationSeconds = 1;
    LoadRunner runner(s);
    std::string error;
    QVERIFY2(runner.start(&error), error.c_str());
    // Sample the phase until the end: it never goes backwards, and the run
    // passes through measuring to finished.
    std::vector<int> phases;
    const auto sample = [&] {
        const int p = phaseOf(runner.progress());
        if (phases.empty() || phases.back() != p)
            phases.push_back(p);
        return runner.finished();
    };
    QTRY_VERIFY_WITH_TIMEOUT(sample(), 20'000);
    phases.push_back(phaseOf(runner.progress()));
    QByteArray seen;
    for (int p : phases)
        seen += QByteArray::number(p) + ' ';
    QVERIFY2(std::is_sorted(phases.begin(), phases.end()), seen.constData());
    QVERIFY2(std::count(phases.begin(), phases.end(), int(LoadProgress::Phase::Measuring)) > 0,
        seen.constData());
    QCOMPARE(phases.back(), int(LoadProgress::Phase::Finished));

    const LoadReport rep = runner.report();
    const QByteArray text = describe(rep);
    QVERIFY2(rep.warmupRequests > 0, text.constData());
    QVERIFY2(rep.total.requests > 0, text.constData());
    QVERIFY2(rep.measuredSeconds >= 0.9 && rep.measuredSeconds < 2.0, text.constData());
    // The timeline is by completion time and holds every answer once, the
    // warm-up's included; a warm-up request still in flight when the warm-up
    // ends (at most one per connection) lands in a measured second.
    bool sawWarmup = false, sawMeasured = false;
    std::uint64_t all = 0, inMeasuredSeconds = 0;
    for (const LoadSecond& sec : rep.timeline) {
        sawWarmup |= sec.warmup;
        sawMeasured |= !sec.warmup;
        all += sec.requests;
        if (!sec.warmup)
            inMeasuredSeconds += sec.requests;
    }
    QVERIFY2(sawWarmup && sawMeasured, text.constData());
    QVERIFY2(all == rep.total.requests + rep.warmupRequests, text.constData());
    QVERIFY2(inMeasuredSeconds >= rep.total.requests
            && inMeasuredSeconds <= rep.total.requests + std::uint64_t(s.connections),
        text.constData());
    // The server answered the warm-up too.
    QTRY_VERIFY_WITH_TIMEOUT(
        server.engine->requestsServed() >= rep.total.requests + rep.warmupRequests, 5'000);
}

QTEST_GUILESS_MAIN(TestLoadgen)
#include "tst_loadgen.moc"
