// Record mode's model side: path templates from request paths, which fields
// are never recorded, and how exchanges merge into routes (deduplicated,
// first answer per parameter value wins, literal bodies).

#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"
#include "server/workspace/recording.h"

#include <QTest>

using namespace tollgate::server;

namespace {

RecordedExchange exchange(std::string method, std::string path, int status, std::string body,
    std::vector<Header> headers = { { "Content-Type", "application/json" } })
{
    RecordedExchange e;
    e.method = std::move(method);
    e.path = std::move(path);
    e.status = status;
    e.body = std::move(body);
    e.headers = std::move(headers);
    return e;
}

Workspace withFallback()
{
    Workspace ws;
    ws.server.fallback.url = "https://api.example.com";
    ws.server.fallback.maxAttempts = 2;
    return ws;
}

const Header* findHeader(const Response& r, std::string_view name)
{
    for (const Header& h : r.headers) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

} // namespace

class TestRecording : public QObject {
    Q_OBJECT

private slots:
    void pathTemplates_data();
    void pathTemplates();
    void credentialFieldsAreNotRecorded();
    void fallbackTrafficBecomesUpstreamRoutes();
    void answersByParameterValueFirstWins();
    void identicalAnswersShareOneResponse();
    void mergesIntoTheUpstreamRouteThatAnswered();
    void existingRouteIsFoundWhateverItsParameterNames();
    void templateTextStaysLiteral();
    void binaryBodiesAndMissingRoutesAreSkipped();
};

void TestRecording::pathTemplates_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArrayList>("values");
    QTest::newRow("numeric") << QByteArray("/users/42") << QByteArray("/users/{userId}") << QByteArrayList { "42" };
    QTest::newRow("uuid") << QByteArray("/orders/3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6b") << QByteArray("/orders/{orderId}")
                          << QByteArrayList { "3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6b" };
    QTest::newRow("nested") << QByteArray("/v1/categories/7/order-items/9")
                            << QByteArray("/v1/categories/{categoryId}/order-items/{orderItemId}")
                            << QByteArrayList { "7", "9" };
    QTest::newRow("leading id") << QByteArray("/5") << QByteArray("/{id}") << QByteArrayList { "5" };
    QTest::newRow("two in a row") << QByteArray("/pairs/1/2") << QByteArray("/pairs/{pairId}/{id}")
                                  << QByteArrayList { "1", "2" };
    QTest::newRow("same name twice") << QByteArray("/a/1/a/2") << QByteArray("/a/{aId}/a/{aId2}")
                                     << QByteArrayList { "1", "2" };
    QTest::newRow("words stay") << QByteArray("/v2/status") << QByteArray("/v2/status") << QByteArrayList {};
    QTest::newRow("not a uuid") << QByteArray("/x/3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6") << QByteArray("/x/3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6")
                                << QByteArrayList {};
    QTest::newRow("root") << QByteArray("/") << QByteArray("/") << QByteArrayList {};
}

void TestRecording::pathTemplates()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArrayList, values);
    std::vector<std::pair<std::string, std::string>> params;
    QCOMPARE(QByteArray::fromStdString(recordedPathTemplate(path.toStdString(), &params)), expected);
    QByteArrayList got;
    for (const auto& p : params)
        got += QByteArray::fromStdString(p.second);
    QCOMPARE(got, values);
}

void TestRecording::credentialFieldsAreNotRecorded()
{
    for (const char* name : { "Set-Cookie", "set-cookie", "Authorization", "X-Auth-Token",
             "X-API-Key", "X-Session-Id", "Proxy-Authorization", "Date", "Content-Length",
             "X-Request-ID", "X-Client-Secret" })
        QVERIFY2(isUnrecordedField(name), name);
    for (const char* name : { "Content-Type", "Cache-Control", "ETag", "Location", "X-Custom" })
        QVERIFY2(!isUnrecordedField(name), name);

    Workspace ws = withFallback();
    const auto merge = mergeRecording(ws,
        { exchange("GET", "/session", 200, "{}",
            { { "Content-Type", "application/json" }, { "Set-Cookie", "sid=abc; HttpOnly" },
                { "X-Auth-Token", "t0k3n" }, { "ETag", "\"v1\"" } }) });
    QCOMPARE(merge.routesAdded, 1);
    const Response& r = ws.routes.at(0).responses.at(0);
    QVERIFY(findHeader(r, "Set-Cookie") == nullptr);
    QVERIFY(findHeader(r, "X-Auth-Token") == nullptr);
    QVERIFY(findHeader(r, "ETag") != nullptr);
    QCOMPARE(findHeader(r, "Content-Type")->value, std::string("application/json"));
}

void TestRecording::fallbackTrafficBecomesUpstreamRoutes()
{
    Workspace ws = withFallback();
    const auto merge = mergeRecording(ws,
        { exchange("GET", "/users/1", 200, R"({"id":1})"),
            exchange("POST", "/users", 201, R"({"id":3})") });
    QCOMPARE(merge.routesAdded, 2);
    QCOMPARE(merge.changedRoutes, (std::vector<std::size_t> { 0, 1 }));
    const Route& get = ws.routes.at(0);
    QCOMPARE(get.method, std::string("GET"));
    QCOMPARE(get.path, std::string("/users/{userId}"));
    // Recording does not change what is served: the route still proxies,
    // with the fallback's settings, until it is switched or run offline.
    QCOMPARE(get.responder, RouteResponder::Upstream);
    QCOMPARE(get.upstream, ws.server.fallback);
    QCOMPARE(get.responses.size(), std::size_t(1));
    QCOMPARE(get.responses[0].status, 200);
    QCOMPARE(get.responses[0].body, std::string(R"({"id":1})"));
    QCOMPARE(get.rules.size(), std::size_t(1));
    QCOMPARE(get.rules[0].source, RuleSource::PathParam);
    QCOMPARE(get.rules[0].key, std::string("userId"));
    QCOMPARE(get.rules[0].value, std::string("1"));
    QCOMPARE(ws.routes.at(1).path, std::string("/users"));
    QCOMPARE(ws.routes.at(1).responses[0].status, 201);
    QVERIFY(ws.routes.at(1).rules.empty());
}

void TestRecording::answersByParameterValueFirstWins()
{
    Workspace ws = withFallback();
    auto merge = mergeRecording(ws,
        { exchange("GET", "/users/1", 200, R"({"id":1})"),
            exchange("GET", "/users/2", 200, R"({"id":2})"),
            exchange("GET", "/users/1", 200, R"({"id":1,"changed":true})"),
            exchange("GET", "/users/404", 404, R"({"error":"no such user"})") });
    QCOMPARE(merge.routesAdded, 1);
    QCOMPARE(merge.duplicates, 1);
    const Route& r = ws.routes.at(0);
    QCOMPARE(r.responses.size(), std::size_t(3));
    QCOMPARE(r.defaultResponse, 0);
    QCOMPARE(r.rules.size(), std::size_t(3));
    for (const Rule& rule : r.rules) {
        const Response& answer = r.responses.at(static_cast<std::size_t>(rule.response));
        if (rule.value == "1")
            QCOMPARE(answer.body, std::string(R"({"id":1})"));
        else if (rule.value == "2")
            QCOMPARE(answer.body, std::string(R"({"id":2})"));
        else
            QCOMPARE(answer.status, 404);
    }
    // A route without parameters keeps its first answer.
    merge = mergeRecording(ws,
        { exchange("GET", "/stats", 200, "a"), exchange("GET", "/stats", 200, "b") });
    QCOMPARE(merge.duplicates, 1);
    QCOMPARE(ws.routes.at(1).responses.size(), std::size_t(1));
    QCOMPARE(ws.routes.at(1).responses[0].body, std::string("a"));
}

void TestRecording::identicalAnswersShareOneResponse()
{
    Workspace ws = withFallback();
    mergeRecording(ws,
        { exchange("GET", "/flags/1", 200, R"({"on":true})"),
            exchange("GET", "/flags/2", 200, R"({"on":true})"),
            exchange("GET", "/flags/3", 200, R"({"on":false})") });
    const Route& r = ws.routes.at(0);
    QCOMPARE(r.responses.size(), std::size_t(2));
    QCOMPARE(r.rules.size(), std::size_t(3));
    QCOMPARE(r.rules[0].response, 0);
    QCOMPARE(r.rules[1].response, 0);
    QCOMPARE(r.rules[2].response, 1);
}

void TestRecording::mergesIntoTheUpstreamRouteThatAnswered()
{
    Workspace ws = withFallback();
    Route up;
    up.method = "GET";
    up.path = "/v1/items/{id}";
    up.responder = RouteResponder::Upstream;
    up.upstream.url = "http://127.0.0.1:9";
    ws.routes = { up };
    RecordedExchange e = exchange("GET", "/v1/items/7", 200, R"({"id":7})");
    e.route = "GET /v1/items/{id}";
    e.params = { { "id", "7" } };
    const auto merge = mergeRecording(ws, { e });
    QCOMPARE(merge.routesAdded, 0);
    QCOMPARE(merge.responsesAdded, 1);
    QCOMPARE(ws.routes.size(), std::size_t(1));
    const Route& r = ws.routes[0];
    QCOMPARE(r.responder, RouteResponder::Upstream); // still proxies
    QCOMPARE(r.upstream.url, std::string("http://127.0.0.1:9"));
    // The untouched default response is replaced by the first answer.
    QCOMPARE(r.responses.size(), std::size_t(1));
    QCOMPARE(r.responses[0].body, std::string(R"({"id":7})"));
    QCOMPARE(r.rules.size(), std::size_t(1));
    QCOMPARE(r.rules[0].key, std::string("id"));
}

void TestRecording::existingRouteIsFoundWhateverItsParameterNames()
{
    Workspace ws = withFallback();
    Route designed;
    designed.method = "GET";
    designed.path = "/accounts/{account}";
    designed.responses = { Response { "mine", 200, {}, "designed", {}, {} } };
    ws.routes = { designed };
    const auto merge = mergeRecording(ws, { exchange("GET", "/accounts/12", 200, "real") });
    QCOMPARE(merge.routesAdded, 0);
    const Route& r = ws.routes[0];
    QCOMPARE(r.responses.size(), std::size_t(2));
    QCOMPARE(r.responses[0].body, std::string("designed")); // the user's own stays first
    QCOMPARE(r.rules.size(), std::size_t(1));
    QCOMPARE(r.rules[0].key, std::string("account"));
    QCOMPARE(r.rules[0].value, std::string("12"));
    QCOMPARE(r.rules[0].response, 1);
}

void TestRecording::templateTextStaysLiteral()
{
    const std::string raw = R"({"greeting":"{{name}}","raw":"{{{x}}}","tag":"<% %>"})";
    Workspace ws = withFallback();
    mergeRecording(ws, { exchange("GET", "/t", 200, raw, { { "X-Hint", "{{value}}" } }) });
    const Response& r = ws.routes.at(0).responses.at(0);
    RequestContext ctx;
    ctx.method = "GET";
    ctx.path = "/t";
    for (const auto& [text, expected] :
        { std::pair { r.body, raw }, std::pair { findHeader(r, "X-Hint")->value, std::string("{{value}}") } }) {
        Template t;
        std::string error;
        QVERIFY2(t.compile(text, 1, &error), error.c_str());
        QCOMPARE(QByteArray::fromStdString(t.render(ctx, 0)), QByteArray::fromStdString(expected));
    }
    // Text without "{{" is stored as it came.
    mergeRecording(ws, { exchange("GET", "/plain", 200, "<% plain %>") });
    QCOMPARE(ws.routes.at(1).responses.at(0).body, std::string("<% plain %>"));
}

void TestRecording::binaryBodiesAndMissingRoutesAreSkipped()
{
    Workspace ws = withFallback();
    RecordedExchange gone = exchange("GET", "/old/1", 200, "x");
    gone.route = "GET /old/{id}";
    const auto merge = mergeRecording(ws,
        { exchange("GET", "/image", 200, std::string("\x89PNG\r\n\x1a\n\xff\xfe", 10)), gone,
            exchange("GET", "/ok", 200, "caf\xc3\xa9") });
    QCOMPARE(merge.skipped.size(), std::size_t(2));
    QVERIFY(merge.skipped[0].find("GET /image") == 0);
    QVERIFY(merge.skipped[0].find("not text") != std::string::npos);
    QVERIFY(merge.skipped[1].find("GET /old/{id} is gone") != std::string::npos);
    QCOMPARE(merge.routesAdded, 1);
    QCOMPARE(ws.routes.at(0).path, std::string("/ok"));
}

QTEST_APPLESS_MAIN(TestRecording)
#include "tst_recording.moc"
