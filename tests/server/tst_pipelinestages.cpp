// The request pipeline's stages without a socket: a parsed request goes in,
// a response (or a decision) comes out. Edge checks (Host, CORS, /health,
// 404/405), the route match with its body limit, behaviour injection, the
// designed responder and the outcome sink that feeds the ledger, metering,
// the JSON log and the traffic list. The access gate has tests of its own
// (tst_accessgate).

#include "server/pipeline/behaviour.h"
#include "server/pipeline/designedresponder.h"
#include "server/pipeline/edge.h"
#include "server/pipeline/outcome.h"
#include "server/pipeline/routestage.h"
#include "server/pipeline/snapshot.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <random>
#include <string>
#include <vector>

using namespace tollgate::server;
namespace beasthttp = boost::beast::http;

namespace {

Route route(std::string method, std::string path, int status, std::string body)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    Response resp;
    resp.status = status;
    resp.body = std::move(body);
    resp.headers.push_back({ "Content-Type", "application/json" });
    r.responses = { std::move(resp) };
    return r;
}

HttpRequest request(beasthttp::verb method, std::string target, std::string host = "127.0.0.1:8080")
{
    HttpRequest req { method, target, 11 };
    if (!host.empty())
        req.set(beasthttp::field::host, host);
    return req;
}

std::shared_ptr<const Snapshot> snapshotOf(const Workspace& ws)
{
    std::vector<Diagnostic> errors;
    auto snap = buildSnapshot(ws, 1, "1.2.3", nullptr, nullptr, &errors);
    if (!errors.empty())
        qFatal("workspace: %s", errors.front().toString().c_str());
    return snap;
}

/// Runs the edge stage the way the pipeline does: route first, then edge.
EdgeResult edge(
    const Snapshot& snap, const HttpRequest& req, HttpResponse* out, bool loopbackBound = true)
{
    RoutedRequest routed;
    HttpResponse ignored;
    routeRequest(
        req.method_string(), req.target(), *snap.routes, snap.settings.limits, &routed, &ignored);
    return checkEdge(req, routed.path, routed.match, snap, loopbackBound, *out);
}

bool hasField(const HttpResponse& r, const std::string& line)
{
    return r.headerLines.find(line + "\r\n") != std::string::npos;
}

Workspace demo()
{
    Workspace ws;
    ws.server.environment = "staging";
    ws.routes.push_back(route("GET", "/v1/users/{id}", 200, "{\"id\":\"{{request.params.id}}\"}"));
    ws.routes.push_back(route("POST", "/v1/users", 201, "{}"));
    ws.routes.back().bodyLimit = 10;
    return ws;
}

} // namespace

class TestPipelineStages : public QObject {
    Q_OBJECT

private slots:
    void routeStageMatchesAndDecodes();
    void routeStageRefusesABadTarget();
    void edgeLetsARoutedRequestThrough();
    void edgeRefusesForeignHostsOnLoopback();
    void edgeAnswersHealthAndUnknownPaths();
    void edgeAnswersMethodsNotAllowed();
    void edgeAnswersOptionsStarAndUnknownMethods();
    void edgeCorsPreflightAndFields();
    void behaviourDrawsLatencyAndFailures();
    void designedResponderRendersTemplates();
    void designedResponderFollowsRules();
    void outcomeSinkFeedsEveryConsumer();
    void outcomeSinkRespectsTheTrafficSwitch();
    void responseFramingAndProblems();
};

void TestPipelineStages::routeStageMatchesAndDecodes()
{
    const auto snap = snapshotOf(demo());
    RoutedRequest routed;
    HttpResponse answer;
    auto limit = routeRequest(
        "GET", "/v1/users/J%C3%B6rg?x=1&y", *snap->routes, snap->settings.limits, &routed, &answer);
    QVERIFY(limit);
    QCOMPARE(*limit, std::size_t(1024 * 1024)); // the route's default limit
    QVERIFY(routed.match.route);
    QCOMPARE(routed.match.route->name, std::string("GET /v1/users/{id}"));
    QCOMPARE(routed.path, std::string("/v1/users/J\xC3\xB6rg"));
    QCOMPARE(routed.rawQuery, std::string("x=1&y"));
    QCOMPARE(routed.match.params.at(0).second, std::string("J\xC3\xB6rg"));

    // A route's own body limit; a path no route serves gets the server's.
    limit
        = routeRequest("POST", "/v1/users", *snap->routes, snap->settings.limits, &routed, &answer);
    QCOMPARE(*limit, std::size_t(10));
    limit = routeRequest("GET", "/nowhere", *snap->routes, snap->settings.limits, &routed, &answer);
    QVERIFY(!routed.match.route);
    QCOMPARE(*limit, snap->settings.limits.bodyBytes);
    QVERIFY(routed.rawQuery.empty());
}

void TestPipelineStages::routeStageRefusesABadTarget()
{
    const auto snap = snapshotOf(demo());
    for (const char* target : { "/bad%zz", "http%3A//x", "/x%2", "/a%00b" }) {
        RoutedRequest routed;
        HttpResponse answer;
        QVERIFY2(
            !routeRequest("GET", target, *snap->routes, snap->settings.limits, &routed, &answer),
            target);
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.close);
        QVERIFY(answer.body.find("not a valid path") != std::string_view::npos);
    }
    // "*" (OPTIONS *, the only method the connection lets through with it)
    // matches no route and is left to the edge.
    RoutedRequest routed;
    HttpResponse answer;
    QVERIFY(routeRequest("OPTIONS", "*", *snap->routes, snap->settings.limits, &routed, &answer));
    QCOMPARE(routed.path, std::string("*"));
    QVERIFY(!routed.match.route);
}

void TestPipelineStages::edgeLetsARoutedRequestThrough()
{
    const auto snap = snapshotOf(demo());
    HttpResponse out;
    const auto req = request(beasthttp::verb::get, "/v1/users/7");
    const EdgeResult r = edge(*snap, req, &out);
    QVERIFY(!r.answered);
    QVERIFY(r.corsOrigin.empty());
    QCOMPARE(out.status, 200);
    QVERIFY(out.headerLines.empty());
}

void TestPipelineStages::edgeRefusesForeignHostsOnLoopback()
{
    const auto snap = snapshotOf(demo());
    for (const char* host : { "evil.example", "127.0.0.1.nip.io", "[::2]:80", "10.0.0.1" }) {
        HttpResponse out;
        const EdgeResult r = edge(*snap, request(beasthttp::verb::get, "/v1/users/7", host), &out);
        QVERIFY2(r.answered, host);
        QCOMPARE(out.status, 403);
        QVERIFY(out.body.find("bound to loopback") != std::string_view::npos);
    }
    for (const char* host :
        { "localhost", "LOCALHOST:9", "api.localhost", "127.0.0.2:80", "[::1]:8080" }) {
        HttpResponse out;
        QVERIFY2(
            !edge(*snap, request(beasthttp::verb::get, "/v1/users/7", host), &out).answered, host);
    }
    // Bound beyond loopback, any host is fine.
    HttpResponse out;
    QVERIFY(!edge(*snap, request(beasthttp::verb::get, "/v1/users/7", "evil.example"), &out, false)
                 .answered);
}

void TestPipelineStages::edgeAnswersHealthAndUnknownPaths()
{
    const auto snap = snapshotOf(demo());
    HttpResponse out;
    QVERIFY(edge(*snap, request(beasthttp::verb::get, "/health"), &out).answered);
    QCOMPARE(out.status, 200);
    QCOMPARE(std::string(out.body),
        std::string("{\"status\":\"ok\",\"version\":\"1.2.3\",\"environment\":\"staging\"}"));
    QVERIFY(hasField(out, "Content-Type: application/json"));
    out.clear();
    QVERIFY(edge(*snap, request(beasthttp::verb::head, "/health"), &out).answered);
    QCOMPARE(out.status, 200);

    out.clear();
    QVERIFY(edge(*snap, request(beasthttp::verb::get, "/missing"), &out).answered);
    QCOMPARE(out.status, 404);
    QVERIFY(hasField(out, "Content-Type: application/problem+json"));
    QVERIFY(out.body.find("No route matches GET /missing.") != std::string_view::npos);
}

void TestPipelineStages::edgeAnswersOptionsStarAndUnknownMethods()
{
    const auto snap = snapshotOf(demo());
    HttpResponse out;
    QVERIFY(edge(*snap, request(beasthttp::verb::options, "*"), &out).answered);
    QCOMPARE(out.status, 204);
    QVERIFY(hasField(out, "Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
    // A method no route can have is not implemented, even on a routed path;
    // TRACE is known, so a path with routes answers 405.
    out.clear();
    QVERIFY(edge(*snap, request(beasthttp::verb::propfind, "/v1/users/7"), &out).answered);
    QCOMPARE(out.status, 501);
    QVERIFY(out.body.find("Method PROPFIND is not implemented.") != std::string_view::npos);
    out.clear();
    QVERIFY(edge(*snap, request(beasthttp::verb::trace, "/v1/users/7"), &out).answered);
    QCOMPARE(out.status, 405);
}

void TestPipelineStages::edgeAnswersMethodsNotAllowed()
{
    const auto snap = snapshotOf(demo());
    HttpResponse out;
    QVERIFY(edge(*snap, request(beasthttp::verb::delete_, "/v1/users/7"), &out).answered);
    QCOMPARE(out.status, 405);
    QVERIFY(hasField(out, "Allow: GET, HEAD"));
    QVERIFY(
        out.body.find("Method DELETE is not allowed for /v1/users/7.") != std::string_view::npos);
    // OPTIONS on a known path: 204 with Allow, no body.
    out.clear();
    QVERIFY(edge(*snap, request(beasthttp::verb::options, "/v1/users"), &out).answered);
    QCOMPARE(out.status, 204);
    QVERIFY(hasField(out, "Allow: POST"));
    QVERIFY(out.body.empty());
}

void TestPipelineStages::edgeCorsPreflightAndFields()
{
    Workspace ws = demo();
    ws.server.cors.enabled = true;
    ws.server.cors.allowOrigins = { "https://app.example" };
    ws.server.cors.exposeHeaders = "RateLimit";
    const auto snap = snapshotOf(ws);

    auto preflight = request(beasthttp::verb::options, "/v1/users/7");
    preflight.set(beasthttp::field::origin, "https://app.example");
    preflight.set(beasthttp::field::access_control_request_method, "GET");
    HttpResponse out;
    QVERIFY(edge(*snap, preflight, &out).answered);
    QCOMPARE(out.status, 204);
    QVERIFY(hasField(out, "Access-Control-Allow-Origin: https://app.example"));
    QVERIFY(hasField(out, "Vary: Origin"));
    QVERIFY(hasField(out, "Access-Control-Allow-Methods: " + ws.server.cors.allowMethods));
    QVERIFY(hasField(out, "Access-Control-Max-Age: 600"));

    // A routed request goes on with its origin, for the fields on the answer.
    auto get = request(beasthttp::verb::get, "/v1/users/7");
    get.set(beasthttp::field::origin, "https://app.example");
    out.clear();
    const EdgeResult r = edge(*snap, get, &out);
    QVERIFY(!r.answered);
    QCOMPARE(std::string(r.corsOrigin), std::string("https://app.example"));
    addCorsFields(*snap, r.corsOrigin, false, out);
    QVERIFY(hasField(out, "Access-Control-Expose-Headers: RateLimit, X-Request-ID"));

    // Another origin gets no CORS fields; a 404 for an allowed one does.
    out.clear();
    addCorsFields(*snap, "https://other.example", false, out);
    QVERIFY(out.headerLines.empty());
    auto missing = request(beasthttp::verb::get, "/missing");
    missing.set(beasthttp::field::origin, "https://app.example");
    out.clear();
    QVERIFY(edge(*snap, missing, &out).answered);
    QCOMPARE(out.status, 404);
    QVERIFY(hasField(out, "Access-Control-Allow-Origin: https://app.example"));

    // The wildcard, without credentials, answers "*".
    ws.server.cors.allowOrigins = { "*" };
    const auto any = snapshotOf(ws);
    out.clear();
    addCorsFields(*any, "https://whoever.example", false, out);
    QVERIFY(hasField(out, "Access-Control-Allow-Origin: *"));
    QVERIFY(!hasField(out, "Vary: Origin"));
}

void TestPipelineStages::behaviourDrawsLatencyAndFailures()
{
    std::mt19937_64 rng(42);
    Route r = route("GET", "/x", 200, "{}");
    Behaviour b = decideBehaviour(r, rng);
    QCOMPARE(b.kind, Behaviour::Serve);
    QCOMPARE(b.delay.count(), 0);

    r.latency = { 25, 0 };
    QCOMPARE(decideBehaviour(r, rng).delay.count(), 25);
    r.latency = { 10, 20 };
    int seenLow = 100, seenHigh = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto d = static_cast<int>(decideBehaviour(r, rng).delay.count());
        QVERIFY(d >= 10 && d <= 20);
        seenLow = std::min(seenLow, d);
        seenHigh = std::max(seenHigh, d);
    }
    QCOMPARE(seenLow, 10);
    QCOMPARE(seenHigh, 20);

    r.failure.percent = 25;
    r.failure.status = 503;
    int failed = 0;
    for (int i = 0; i < 20000; ++i) {
        b = decideBehaviour(r, rng);
        if (b.kind == Behaviour::Fail) {
            QCOMPARE(b.status, 503);
            ++failed;
        }
    }
    QVERIFY2(failed > 4500 && failed < 5500, qPrintable(QString::number(failed)));
    r.failure.percent = 100;
    r.failure.reset = true;
    b = decideBehaviour(r, rng);
    QCOMPARE(b.kind, Behaviour::Reset);
    QVERIFY(b.delay.count() >= 10); // a reset waits for the latency too
}

void TestPipelineStages::designedResponderRendersTemplates()
{
    Workspace ws = demo();
    ws.routes[0].responses[0].headers.push_back({ "X-Trace", "{{request.headers.x-trace}}" });
    ws.routes[0].responses[0].body = "{\"id\":\"{{request.params.id}}\",\"q\":\"{{request.query.q}}"
                                     "\",\"rid\":\"{{request.id}}\"}";
    const auto snap = snapshotOf(ws);
    auto req = request(beasthttp::verb::get, "/v1/users/42?q=a%20b");
    req.set("X-Trace", "t-1");
    RoutedRequest routed;
    HttpResponse out;
    routeRequest("GET", req.target(), *snap->routes, snap->settings.limits, &routed, &out);
    std::mt19937_64 rng(1);
    ResponderCall call { req, routed.path, routed.rawQuery, *routed.match.route,
        routed.match.params, "req-9", 0, rng, out, {}, {} };
    struct NoWait final : Responder::Waiter {
        Responder::Done waitForAnswer() override { return {}; }
        std::shared_ptr<BodyStream> streamAnswer() override { return {}; }
        void acceptWebSocket(const WebSocketLimits&, std::shared_ptr<WebSocketHandler>) override { }
    } waiter;
    DesignedResponder responder;
    QVERIFY(responder.respond(call, waiter));
    QCOMPARE(out.status, 200);
    QCOMPARE(std::string(out.body), std::string("{\"id\":\"42\",\"q\":\"a b\",\"rid\":\"req-9\"}"));
    QVERIFY(hasField(out, "X-Trace: t-1"));
    QVERIFY(hasField(out, "Content-Type: application/json"));
    QVERIFY(out.hasContentType);
}

void TestPipelineStages::designedResponderFollowsRules()
{
    Workspace ws;
    Route r = route("GET", "/v1/plan", 200, "{\"plan\":\"free\"}");
    Response pro;
    pro.status = 202;
    pro.body = "{\"plan\":\"pro\"}";
    r.responses.push_back(pro);
    r.rules.push_back({ RuleSource::Query, "tier", RuleOperator::Equals, "pro", 1 });
    ws.routes.push_back(r);
    const auto snap = snapshotOf(ws);
    DesignedResponder responder;
    struct NoWait final : Responder::Waiter {
        Responder::Done waitForAnswer() override { return {}; }
        std::shared_ptr<BodyStream> streamAnswer() override { return {}; }
        void acceptWebSocket(const WebSocketLimits&, std::shared_ptr<WebSocketHandler>) override { }
    } waiter;
    std::mt19937_64 rng(1);
    for (const auto& [target, status, body] :
        std::vector<std::tuple<std::string, int, std::string>> {
            { "/v1/plan?tier=pro", 202, "{\"plan\":\"pro\"}" },
            { "/v1/plan?tier=free", 200, "{\"plan\":\"free\"}" },
            { "/v1/plan", 200, "{\"plan\":\"free\"}" } }) {
        const auto req = request(beasthttp::verb::get, target);
        RoutedRequest routed;
        HttpResponse out;
        routeRequest("GET", req.target(), *snap->routes, snap->settings.limits, &routed, &out);
        ResponderCall call { req, routed.path, routed.rawQuery, *routed.match.route,
            routed.match.params, "id", 0, rng, out, {}, {} };
        QVERIFY(responder.respond(call, waiter));
        QCOMPARE(out.status, status);
        QCOMPARE(std::string(out.body), body);
    }
}

void TestPipelineStages::outcomeSinkFeedsEveryConsumer()
{
    Workspace ws = demo();
    ws.routes[0].access.costMicros = 40;
    Metering metering;
    std::vector<Diagnostic> errors;
    const auto snap = buildSnapshot(ws, 1, "1", nullptr, &metering, &errors);
    const CompiledRoute* r = snap->routes->routes().front().get();
    QVERIFY(r->meterId != 0);

    UsageStore usage({}, std::make_shared<VirtualClock>());
    UsageStore::Counter* counter = usage.counter("key_1", 1'795'755'600);
    const auto admitted = usage.admit(counter, 0, false);
    QVERIFY(admitted.allowed);
    auto meter = std::make_shared<MeterQueue>(16);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string logFile = dir.filePath(QStringLiteral("requests.jsonl")).toStdString();
    RequestLog requestLog;
    std::string error;
    QVERIFY2(requestLog.open(logFile, &error), error.c_str());
    auto log = requestLog.addProducer();
    TrafficQueue traffic;
    std::atomic<bool> trafficOn { true };
    OutcomeSink sink({ &usage, meter, log, &traffic, &trafficOn });

    KeyEntry key;
    key.id = "key_1";
    key.tierId = "pro";
    key.meterKey = 7;
    key.meterTier = 3;
    Outcome o;
    o.timeUs = 1'795'755'600'000'000;
    o.status = 200;
    o.latencyUs = 1500;
    o.bytesIn = 120;
    o.bytesOut = 300;
    o.method = "GET";
    o.target = "/v1/users/7";
    o.requestId = "rid-1";
    o.route = r;
    o.key = &key;
    o.counter = counter;
    o.cost = 40;
    o.price = 100;
    sink.record(o);
    o.status = 503; // a 5xx is booked at cost but earns nothing
    o.requestId = "rid-2";
    sink.record(o);

    const KeyUsage u = usage.snapshot().at(0);
    QCOMPARE(u.billable, std::uint64_t(1));
    QCOMPARE(u.revenueMicros, Micros(100));
    QCOMPARE(u.costMicros, Micros(80));

    std::vector<MeterRecord> records;
    QCOMPARE(meter->drain([&](const MeterRecord& m) { records.push_back(m); }), std::size_t(2));
    QCOMPARE(records[0].route, r->meterId);
    QCOMPARE(records[0].key, std::uint32_t(7));
    QCOMPARE(records[0].tier, std::uint32_t(3));
    QCOMPARE(records[0].priceMicros, std::int64_t(100));
    QCOMPARE(records[1].priceMicros, std::int64_t(0));
    QCOMPARE(records[1].costMicros, std::int64_t(40));
    QCOMPARE(records[0].latencyUs, std::uint32_t(1500));

    std::vector<TrafficEvent> events;
    drainTraffic({ &traffic }, &events, 10);
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[0].keyId, std::string("key_1"));
    QCOMPARE(events[1].requestId, std::string("rid-2"));
    QCOMPARE(events[1].status, 503);
    QCOMPARE(events[0].bytesOut, std::uint64_t(300));

    requestLog.stop();
    QCOMPARE(requestLog.droppedLines(), std::uint64_t(0));
    QFile file(QString::fromStdString(logFile));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    for (const QByteArray& l : lines) {
        QVERIFY(l.contains("\"route\":\"GET /v1/users/{id}\""));
        QVERIFY(l.contains("\"key\":\"key_1\""));
        QVERIFY(l.contains("\"tier\":\"pro\""));
    }
    QVERIFY(lines[0].contains("\"requestId\":\"rid-1\""));
    QVERIFY(lines[1].contains("\"status\":503"));
}

void TestPipelineStages::outcomeSinkRespectsTheTrafficSwitch()
{
    TrafficQueue traffic;
    std::atomic<bool> trafficOn { false };
    OutcomeSink sink({ nullptr, nullptr, nullptr, &traffic, &trafficOn });
    Outcome o;
    o.status = 0; // a reset
    const std::string longTarget(2000, 'a');
    o.target = longTarget;
    sink.record(o);
    std::vector<TrafficEvent> events;
    drainTraffic({ &traffic }, &events, 10);
    QVERIFY(events.empty());
    trafficOn = true;
    sink.record(o);
    drainTraffic({ &traffic }, &events, 10);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].status, 0);
    QCOMPARE(events[0].target.size(), TrafficQueue::kMaxTarget);
}

void TestPipelineStages::responseFramingAndProblems()
{
    HttpResponse r;
    r.problem(429, "Slow \"down\".");
    r.header("Retry-After", "2");
    r.header("Content-Length", "999"); // framing is the connection's
    r.header("X-Request-ID", "spoofed");
    r.header("X-Evil", "a\r\nSet-Cookie: x=1");
    QCOMPARE(std::string(r.body),
        std::string("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                    "\"detail\":\"Slow \\\"down\\\".\"}"));
    std::string out;
    bool close = false;
    auto rest = serializeResponse(r, { false, true, false, "rid-1", false, {} }, &out, &close);
    QVERIFY(!close);
    QVERIFY(rest.empty()); // small bodies are sent in one buffer
    QVERIFY(out.starts_with("HTTP/1.1 429 Too Many Requests\r\nServer: Tollgate\r\nDate: "));
    QVERIFY(out.find("\r\nX-Request-ID: rid-1\r\n") != std::string::npos);
    QCOMPARE(out.find("spoofed"), std::string::npos);
    QCOMPARE(out.find("999"), std::string::npos);
    QVERIFY(out.find("X-Evil: a  Set-Cookie: x=1\r\n") != std::string::npos);
    QVERIFY(
        out.find("Content-Length: " + std::to_string(r.body.size()) + "\r\n") != std::string::npos);
    QVERIFY(out.ends_with("\r\n\r\n" + std::string(r.body)));

    // HEAD: the length of the body that is not sent; HTTP/1.0 keep-alive.
    serializeResponse(r, { true, true, true, "x", false, {} }, &out, &close);
    QVERIFY(out.starts_with("HTTP/1.0 429"));
    QVERIFY(out.ends_with("Connection: keep-alive\r\n\r\n"));
    // 204: neither body nor length; a client that closes gets Connection: close.
    HttpResponse empty;
    empty.status = 204;
    serializeResponse(empty, { false, false, false, "x", false, {} }, &out, &close);
    QVERIFY(close);
    QCOMPARE(out.find("Content-Length"), std::string::npos);
    QVERIFY(out.ends_with("Connection: close\r\n\r\n"));
    // A plain body without a type is text; a large one goes in a second buffer.
    HttpResponse big;
    const std::string text(10000, 'x');
    big.body = text;
    rest = serializeResponse(big, { false, true, false, "x", false, {} }, &out, &close);
    QCOMPARE(rest.size(), text.size());
    QVERIFY(out.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    QVERIFY(out.ends_with("\r\n\r\n"));
}

QTEST_GUILESS_MAIN(TestPipelineStages)
#include "tst_pipelinestages.moc"
