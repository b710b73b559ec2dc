// Mockoon environments imported as routes: paths, responses and their
// headers, rules, latency, templates rewritten to Tollgate's names (and
// rendered), notes with file:line for what has no equivalent, and errors for a
// broken file.

#include "importtesting.h"

#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"

#include <boost/json/parse.hpp>

#include <QTest>

using namespace tollgate::server;
using namespace importtesting;

namespace {

ImportResult shop()
{
    return importFile(dataFile("mockoon/shop-environment.json"));
}

std::string render(const std::string& text, const RequestContext& ctx)
{
    Template t;
    std::string error;
    if (!t.compile(text, 1, &error))
        return "template error: " + error;
    return t.render(ctx, 0);
}

/// A Mockoon environment around the given routes, as Mockoon 33 writes it.
std::string environment(std::string_view routes, std::string_view extra = {})
{
    return std::string(
               "{\n  \"uuid\": \"e\",\n  \"lastMigration\": 33,\n  \"name\": \"Synthetic\",\n"
               "  \"endpointPrefix\": \"\",\n  \"latency\": 0,\n")
        + std::string(extra) + "  \"routes\": [\n" + std::string(routes) + "\n  ]\n}\n";
}

/// One route with one response (or the given responses).
std::string route(std::string_view method, std::string_view endpoint, std::string_view responses,
    std::string_view more = {})
{
    return "    {\"uuid\": \"r\", \"type\": \"http\", \"method\": \"" + std::string(method)
        + "\", \"endpoint\": \"" + std::string(endpoint) + "\", " + std::string(more)
        + "\"responses\": [" + std::string(responses) + "]}";
}

} // namespace

class TestMockoonImport : public QObject {
    Q_OBJECT

private slots:
    void routesAndPaths_data();
    void routesAndPaths();
    void responsesCarryEnvironmentHeaders();
    void rulesChooseTheResponse();
    void templatesAreRewritten_data();
    void templatesAreRewritten();
    void rewrittenTemplatesRender();
    void unsupportedHelpersAreNoted();
    void environmentFeaturesAreNoted();
    void everyRouteCompiles();
    void latencyAndModes();
    void rulesTollgateCannotExpress();
    void pathsAndMethods();
    void bodiesFromFilesAndBuckets();
    void proxyBecomesTheUpstream();
    void malformedFileIsAnError();
};

void TestMockoonImport::routesAndPaths_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("responses");
    QTest::addColumn<QByteArray>("description");
    QTest::newRow("list") << QByteArray("GET") << QByteArray("/api/users") << 1
                          << QByteArray("List users, optionally filtered with ?q=");
    QTest::newRow("one") << QByteArray("GET") << QByteArray("/api/users/{id}") << 2
                         << QByteArray("One user; only id 1 exists");
    QTest::newRow("create") << QByteArray("POST") << QByteArray("/api/users") << 2
                            << QByteArray("Create a user; the id is generated");
    QTest::newRow("replace") << QByteArray("PUT") << QByteArray("/api/users/{id}") << 1
                             << QByteArray("Replace a user (slow backend: 250 ms)");
    QTest::newRow("delete") << QByteArray("DELETE") << QByteArray("/api/users/{id}") << 2
                            << QByteArray("Delete a user");
    QTest::newRow("nested") << QByteArray("GET") << QByteArray("/api/users/{id}/activity") << 1
                            << QByteArray("Recent activity, generated with a repeat helper");
    QTest::newRow("products")
        << QByteArray("GET") << QByteArray("/api/products") << 2
        << QByteArray("Products by category; category must be books, music or games");
    QTest::newRow("order") << QByteArray("GET") << QByteArray("/api/orders/{orderId}") << 2
                           << QByteArray("An order, cached for 60 s, with rate-limit headers");
    QTest::newRow("outside folders")
        << QByteArray("GET") << QByteArray("/api/health") << 1 << QByteArray("Liveness probe");
}

void TestMockoonImport::routesAndPaths()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, responses);
    QFETCH(QByteArray, description);
    const ImportResult result = shop();
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.format, std::string("Mockoon"));
    QCOMPARE(result.api.title, std::string("Shop API mock"));
    QCOMPARE(result.api.routes.size(), std::size_t(9));
    const Route* r = findRoute(result.api, method.toStdString(), path.toStdString());
    QVERIFY2(r, path.constData());
    QCOMPARE(int(r->responses.size()), responses);
    QCOMPARE(QByteArray::fromStdString(r->description), description);
    QVERIFY(r->enabled);
    QCOMPARE(r->responder, RouteResponder::Designed);
}

void TestMockoonImport::responsesCarryEnvironmentHeaders()
{
    const ImportResult result = shop();
    const Route* user = findRoute(result.api, "GET", "/api/users/{id}");
    QVERIFY(user);
    QCOMPARE(user->responses[0].status, 200);
    QCOMPARE(user->responses[0].label, std::string("User 1"));
    QCOMPARE(user->responses[1].status, 404);
    QCOMPARE(user->responses[1].label, std::string("Unknown user"));
    // Mockoon's "default": true response (the second) is the default.
    QCOMPARE(user->defaultResponse, 1);
    const std::vector<Header> environmentHeaders { { "Content-Type", "application/json" },
        { "X-Powered-By", "Shop mock" } };
    QCOMPARE(user->responses[1].headers, environmentHeaders);

    // Response headers follow the environment's; one of the same name replaces it.
    const Route* health = findRoute(result.api, "GET", "/api/health");
    QVERIFY(health);
    const std::vector<Header> healthHeaders { { "X-Powered-By", "Shop mock" },
        { "Content-Type", "text/plain; charset=utf-8" } };
    QCOMPARE(health->responses[0].headers, healthHeaders);
    QCOMPARE(health->responses[0].body, std::string("OK"));

    const Route* remove = findRoute(result.api, "DELETE", "/api/users/{id}");
    QVERIFY(remove);
    QCOMPARE(remove->responses[0].status, 204);
    QVERIFY(remove->responses[0].body.empty());
}

void TestMockoonImport::rulesChooseTheResponse()
{
    const ImportResult result = shop();
    const Route* user = findRoute(result.api, "GET", "/api/users/{id}");
    QVERIFY(user);
    QCOMPARE(user->rules.size(), std::size_t(1));
    const Rule expected { RuleSource::PathParam, "id", RuleOperator::Equals, "1", 0 };
    QCOMPARE(user->rules[0], expected);

    const Route* products = findRoute(result.api, "GET", "/api/products");
    QVERIFY(products);
    QCOMPARE(products->rules.size(), std::size_t(1));
    const Rule regex { RuleSource::Query, "category", RuleOperator::Regex, "^(books|music|games)$",
        0 };
    QCOMPARE(products->rules[0], regex);
    QCOMPARE(products->defaultResponse, 1);

    // As the engine serves it: id 1 gets "User 1", anything else the default.
    Workspace ws;
    ws.routes = { *user };
    std::vector<Diagnostic> errors;
    const auto compiled = RouteTable::compileOne(ws, *user, 1, &errors);
    QVERIFY2(compiled, joinDiagnostics(errors).c_str());
    RequestContext ctx;
    ctx.params = { { "id", "1" } };
    QCOMPARE(compiled->selectResponse(&ctx, 0), 0);
    ctx.params = { { "id", "7" } };
    QCOMPARE(compiled->selectResponse(&ctx, 0), 1);
}

void TestMockoonImport::templatesAreRewritten_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("response");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("urlParam") << QByteArray("GET") << QByteArray("/api/users/{id}") << 0
                              << QByteArray("\"id\": {{request.params.id}},");
    QTest::newRow("queryParam with an empty default")
        << QByteArray("GET") << QByteArray("/api/users") << 0
        << QByteArray("\"query\": \"{{request.query.q}}\",");
    QTest::newRow("queryParam with a default")
        << QByteArray("GET") << QByteArray("/api/users") << 0
        << QByteArray("\"page\": {{#request.query.page}}{{.}}{{/request.query.page}}"
                      "{{^request.query.page}}1{{/request.query.page}},");
    QTest::newRow("body") << QByteArray("POST") << QByteArray("/api/users") << 0
                          << QByteArray("\"name\": \"{{request.json.name}}\",");
    QTest::newRow("header, lower-cased")
        << QByteArray("POST") << QByteArray("/api/users") << 0
        << QByteArray("\"requestId\": \"{{request.headers.x-request-id}}\"");
    QTest::newRow("faker uuid") << QByteArray("POST") << QByteArray("/api/users") << 0
                                << QByteArray("\"id\": \"{{uuid}}\",");
}

void TestMockoonImport::templatesAreRewritten()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, response);
    QFETCH(QByteArray, expected);
    const ImportResult result = shop();
    const Route* r = findRoute(result.api, method.toStdString(), path.toStdString());
    QVERIFY(r);
    const std::string& body = r->responses.at(static_cast<std::size_t>(response)).body;
    QVERIFY2(body.find(expected.toStdString()) != std::string::npos, body.c_str());
    QVERIFY2(body.find("Param '") == std::string::npos, body.c_str());
}

void TestMockoonImport::rewrittenTemplatesRender()
{
    const ImportResult result = shop();
    const Route* create = findRoute(result.api, "POST", "/api/users");
    QVERIFY(create);
    RequestContext ctx;
    ctx.body = R"({"name":"Ada \"the first\"","email":"ada@example.com"})";
    ctx.headers = { { "x-request-id", "req-42" } };
    boost::system::error_code ec;
    const boost::json::value created
        = boost::json::parse(render(create->responses[0].body, ctx), ec);
    QVERIFY2(!ec, render(create->responses[0].body, ctx).c_str());
    QCOMPARE(std::string(created.at("name").as_string()), std::string("Ada \"the first\""));
    QCOMPARE(std::string(created.at("role").as_string()), std::string("viewer")); // the default
    QCOMPARE(std::string(created.at("requestId").as_string()), std::string("req-42"));
    QCOMPARE(created.at("id").as_string().size(), std::size_t(36));
    RequestContext admin; // a context parses its body once
    admin.body = R"({"name":"Ada","role":"admin"})";
    QCOMPARE(
        std::string(
            boost::json::parse(render(create->responses[0].body, admin)).at("role").as_string()),
        std::string("admin"));
    // The Location header's faker uuid became {{uuid}} too.
    QCOMPARE(create->responses[0].headers.back().name, std::string("Location"));
    QCOMPARE(create->responses[0].headers.back().value, std::string("/api/users/{{uuid}}"));

    const Route* list = findRoute(result.api, "GET", "/api/users");
    QVERIFY(list);
    RequestContext query;
    query.query = { { "q", "ada" } };
    const boost::json::value page = boost::json::parse(render(list->responses[0].body, query));
    QCOMPARE(page.at("page").as_int64(), std::int64_t(1));
    QCOMPARE(std::string(page.at("query").as_string()), std::string("ada"));
    query.query = { { "page", "3" } };
    QCOMPARE(boost::json::parse(render(list->responses[0].body, query)).at("page").as_int64(),
        std::int64_t(3));

    const Route* order = findRoute(result.api, "GET", "/api/orders/{orderId}");
    QVERIFY(order);
    RequestContext orderCtx;
    orderCtx.params = { { "orderId", "A-17" } };
    QCOMPARE(
        render(order->responses[0].headers[3].value, orderCtx), std::string("W/\"order-A-17-3\""));
}

void TestMockoonImport::unsupportedHelpersAreNoted()
{
    const ImportResult result = shop();
    const ImportNote* note = findNote(result.api,
        { "GET /api/users/{id}/activity", "repeat", "oneOf", "faker 'date.recent'",
            "served literally" });
    QVERIFY2(note, describe(result).c_str());
    QCOMPARE(note->kind, ImportNote::Kind::Approximated);
    QVERIFY2(note->where.ends_with("shop-environment.json:316"), note->where.c_str());
    // faker 'string.uuid' has an equivalent, so the note does not name it.
    QVERIFY(note->message.find("string.uuid") == std::string::npos);

    // The block helper makes it invalid mustache: it is served as written.
    const Route* activity = findRoute(result.api, "GET", "/api/users/{id}/activity");
    QVERIFY(activity);
    const std::string served = render(activity->responses[0].body, RequestContext {});
    QVERIFY2(served.find("{{#repeat 3}}") != std::string::npos, served.c_str());
    QVERIFY(served.find("template error") == std::string::npos);
}

void TestMockoonImport::environmentFeaturesAreNoted()
{
    const ImportResult result = shop();
    struct Expected {
        std::vector<std::string_view> parts;
        int line;
        ImportNote::Kind kind;
    };
    const std::vector<Expected> expected {
        { { "CORS" }, 534, ImportNote::Kind::Skipped },
        { { "callback \"Notify CRM\"", "POST /api/users", "100 ms" }, 180,
            ImportNote::Kind::Skipped },
        { { "route folders", "Users", "Shop" }, 9, ImportNote::Kind::Skipped },
        { { "port 3001" }, 7, ImportNote::Kind::Skipped },
        { { "Missing name", "rule on body \"name\" (null)", "JSON null counts as missing" }, 198,
            ImportNote::Kind::Approximated },
        { { "body field's default" }, 159, ImportNote::Kind::Approximated },
    };
    for (const Expected& e : expected) {
        const ImportNote* note = nullptr;
        for (const ImportNote& n : result.api.notes) {
            if (std::all_of(e.parts.begin(), e.parts.end(),
                    [&](std::string_view p) { return n.message.find(p) != std::string::npos; }))
                note = &n;
        }
        QVERIFY2(note, (std::string(e.parts.front()) + "\n" + describe(result)).c_str());
        QCOMPARE(lineOf(note->where), e.line);
        QCOMPARE(note->kind, e.kind);
    }
    // "Authorization missing → 401, else 200" is turned around exactly.
    QVERIFY(!findNote(result.api, { "Authorization" }));
    const Route* order = findRoute(result.api, "GET", "/api/orders/{orderId}");
    QVERIFY(order);
    QCOMPARE(order->responses[static_cast<std::size_t>(order->defaultResponse)].status, 401);
    const std::vector<Rule> present { { RuleSource::Header, "Authorization",
        RuleOperator::Exists, "", 0 } };
    QCOMPARE(order->rules, present);
    // The callback is noted where a response uses it, not again where it is defined.
    QCOMPARE(
        std::count_if(result.api.notes.begin(), result.api.notes.end(),
            [](const ImportNote& n) { return n.message.find("Notify CRM") != std::string::npos; }),
        std::ptrdiff_t(1));
}

void TestMockoonImport::everyRouteCompiles()
{
    const ImportResult result = shop();
    std::size_t compiled = 0;
    const std::vector<Diagnostic> problems = compileProblems(result.api.routes, &compiled);
    QVERIFY2(problems.empty(), joinDiagnostics(problems).c_str());
    QCOMPARE(compiled, result.api.routes.size());
}

void TestMockoonImport::latencyAndModes()
{
    const ImportResult result = shop();
    QCOMPARE(findRoute(result.api, "PUT", "/api/users/{id}")->latency, (Latency { 250, 250 }));
    QCOMPARE(findRoute(result.api, "GET", "/api/users")->latency, (Latency { 0, 0 }));

    const auto response
        = [](int status, int latency, bool isDefault, std::string_view rules = "[]") {
              return "{\"uuid\": \"x\", \"body\": \"\", \"latency\": " + std::to_string(latency)
                  + ", \"statusCode\": " + std::to_string(status)
                  + ", \"label\": \"\", \"headers\": [], "
                    "\"bodyType\": \"INLINE\", \"rules\": "
                  + std::string(rules) + ", \"rulesOperator\": \"OR\", \"default\": "
                  + (isDefault ? "true" : "false") + "}";
          };
    const std::string rule
        = R"([{"target": "query", "modifier": "a", "value": "1", "invert": false, "operator": "equals"}])";
    const std::string text = environment(
        route("get", "random", response(200, 0, true) + ", " + response(500, 0, false),
            "\"responseMode\": \"RANDOM\", ")
            + ",\n"
            + route("get", "sequence", response(200, 0, true) + ", " + response(503, 0, false),
                "\"responseMode\": \"SEQUENTIAL\", ")
            + ",\n"
            + route("get", "rules-off",
                response(200, 0, true) + ", " + response(418, 0, false, rule),
                "\"responseMode\": \"DISABLE_RULES\", ")
            + ",\n"
            + route("get", "fallback",
                response(200, 0, true) + ", " + response(418, 0, false, rule),
                "\"responseMode\": \"FALLBACK\", ")
            + ",\n"
            + route("get", "slow", response(200, 100, false) + ", " + response(404, 300, true)),
        "  \"latency\": 50,\n");
    QTemporaryDir dir;
    const ImportResult synthetic = importFile(writeFile(dir, "modes.json", text));
    QVERIFY2(synthetic.ok(), describe(synthetic).c_str());
    QCOMPARE(findRoute(synthetic.api, "GET", "/random")->mode, ResponseMode::Random);
    QCOMPARE(findRoute(synthetic.api, "GET", "/sequence")->mode, ResponseMode::Sequential);
    QVERIFY(findRoute(synthetic.api, "GET", "/rules-off")->rules.empty());
    QVERIFY(findNote(synthetic.api, { "GET /rules-off", "rules are disabled" }));
    QCOMPARE(findRoute(synthetic.api, "GET", "/fallback")->rules.size(), std::size_t(1));
    QVERIFY(findNote(synthetic.api, { "GET /fallback", "went on to the next route" }));
    // Environment latency plus the default response's; the other's differs.
    const Route* slow = findRoute(synthetic.api, "GET", "/slow");
    QCOMPARE(slow->latency, (Latency { 350, 350 }));
    const ImportNote* note = findNote(synthetic.api, { "GET /slow", "100, 300 ms", "350 ms" });
    QVERIFY2(note, describe(synthetic).c_str());
    QCOMPARE(note->kind, ImportNote::Kind::Approximated);
    QCOMPARE(lineOf(note->where), lineOfText(text, "\"endpoint\": \"slow\""));
    QVERIFY(compileProblems(synthetic.api.routes).empty());
}

void TestMockoonImport::rulesTollgateCannotExpress()
{
    const auto ruleJson = [](std::string_view target, std::string_view modifier,
                              std::string_view op, std::string_view value, bool invert) {
        return "{\"target\": \"" + std::string(target) + "\", \"modifier\": \""
            + std::string(modifier) + "\", \"value\": \"" + std::string(value) + "\", \"invert\": "
            + (invert ? "true" : "false") + ", \"operator\": \"" + std::string(op) + "\"}";
    };
    const std::string rules = "[\n" + ruleJson("body", "user.tags.0", "equals", "vip", false)
        + ",\n" + ruleJson("header", "X-Trace", "null", "", true) + ",\n"
        + ruleJson("query", "q", "equals", "x", true) + ",\n"
        + ruleJson("cookie", "session", "equals", "x", false) + ",\n"
        + ruleJson("body", "items", "array_includes", "x", false) + ",\n"
        + ruleJson("query", "q", "regex", "([", false) + ",\n"
        + ruleJson("header", "X-Gone", "null", "", false) + "\n]";
    const std::string andRules = "[\n" + ruleJson("query", "a", "equals", "1", false) + ",\n"
        + ruleJson("query", "b", "equals", "2", false) + "\n]";
    const std::string text = environment(route("post", "rules",
        "{\"statusCode\": 200, \"default\": true, \"rules\": []}, {\"statusCode\": 201, \"rules\": "
            + rules + "}, {\"statusCode\": 202, \"rulesOperator\": \"AND\", \"rules\": " + andRules
            + "}"));
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "rules.json", text));
    QVERIFY2(result.ok(), describe(result).c_str());
    const Route* r = findRoute(result.api, "POST", "/rules");
    QVERIFY(r);
    const std::vector<Rule> expected {
        { RuleSource::Body, "/user/tags/0", RuleOperator::Equals, "vip", 1 },
        { RuleSource::Header, "X-Trace", RuleOperator::Exists, "", 1 }, // "not null"
        { RuleSource::Query, "a", RuleOperator::Equals, "1", 2 }, // AND: the first only
    };
    QCOMPARE(r->rules, expected);
    QCOMPARE(lineOf(findNote(result.api, { "not equals \"x\"", "cannot be inverted" })->where),
        lineOfText(text, "\"modifier\": \"q\", \"value\": \"x\", \"invert\": true"));
    QVERIFY(findNote(result.api, { "rule on cookie \"session\"", "not imported" }));
    QVERIFY(findNote(result.api, { "array_includes", "not imported" }));
    QVERIFY(findNote(result.api, { "regex is invalid" }));
    // A missing-test is turned around only as the route's last rule.
    QCOMPARE(lineOf(findNote(result.api, { "rule on header \"X-Gone\" (null) is not imported", "last rule" })->where),
        lineOfText(text, "\"modifier\": \"X-Gone\""));
    const ImportNote* andNote = findNote(result.api, { "AND", "only the first is kept" });
    QVERIFY(andNote);
    QCOMPARE(lineOf(andNote->where), lineOfText(text, "\"modifier\": \"b\""));
    QVERIFY(compileProblems(result.api.routes).empty());
}

void TestMockoonImport::pathsAndMethods()
{
    const std::string ok = "{\"statusCode\": 200, \"default\": true, \"rules\": [], \"body\": "
                           "\"{{int 1 6}} {{now}} {{body}} {{method}} {{{body 'a.b'}}}\"}";
    const std::string text = environment(route("all", "ping", ok) + ",\n"
            + route("get", "files/*", ok) + ",\n" + route("get", "files/*/raw", ok) + ",\n"
            + route("get", "maybe/:id?", ok) + ",\n" + route("get", "report-:year.csv", ok) + ",\n"
            + route("propfind", "dav", ok) + ",\n" + route("get", "ping", ok) + ",\n"
            + "    {\"uuid\": \"c\", \"type\": \"crud\", \"method\": \"\", \"endpoint\": "
              "\"items\", \"responses\": []},\n"
            + "    {\"uuid\": \"w\", \"type\": \"ws\", \"method\": \"\", \"endpoint\": \"live\", "
              "\"responses\": []}",
        "  \"endpointPrefix\": \"/v2/\",\n");
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "paths.json", text));
    QVERIFY2(result.ok(), describe(result).c_str());
    // "all" becomes one route per method; HEAD is answered by GET.
    for (const char* method : { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" })
        QVERIFY2(findRoute(result.api, method, "/v2/ping"), method);
    QVERIFY(!findRoute(result.api, "HEAD", "/v2/ping"));
    QVERIFY(findNote(result.api, { "ALL /v2/ping", "one route for each" }));
    // A later route with the same method and path never answered in Mockoon.
    QVERIFY(findNote(result.api, { "GET /v2/ping", "same method and path" }));
    QVERIFY(findRoute(result.api, "GET", "/v2/files/*"));
    const ImportNote* wildcard = findNote(result.api, { "\"*\" is a pattern", "{wildcard}" });
    QVERIFY2(wildcard, describe(result).c_str());
    QCOMPARE(wildcard->kind, ImportNote::Kind::Approximated);
    QCOMPARE(lineOf(wildcard->where), lineOfText(text, "files/*/raw"));
    QVERIFY(findRoute(result.api, "GET", "/v2/files/{wildcard}/raw"));
    QVERIFY(findRoute(result.api, "GET", "/v2/maybe/{id}"));
    QVERIFY(findNote(result.api, { ":id?", "optional" }));
    QVERIFY(findRoute(result.api, "GET", "/v2/{year}"));
    QVERIFY(findNote(result.api, { "report-:year.csv", "{year}" }));
    QVERIFY(findNote(result.api, { "PROPFIND /v2/dav" }));
    QCOMPARE(lineOf(findNote(result.api, { "CRUD routes" })->where),
        lineOfText(text, "\"type\": \"crud\""));
    QCOMPARE(
        lineOf(findNote(result.api, { "WebSocket" })->where), lineOfText(text, "\"type\": \"ws\""));
    QCOMPARE(result.api.routes.size(), std::size_t(10));

    const std::string body = findRoute(result.api, "GET", "/v2/files/*")->responses[0].body;
    QCOMPARE(body,
        std::string("{{#randomInt}}1 6{{/randomInt}} {{now}} {{request.body}} {{request.method}} "
                    "{{{request.json.a.b}}}"));
    QVERIFY(findNote(result.api, { "{{now}} prints ISO 8601 in UTC" }));
    std::size_t compiled = 0;
    QVERIFY(compileProblems(result.api.routes, &compiled).empty());
    QCOMPARE(compiled, std::size_t(10));
}

void TestMockoonImport::bodiesFromFilesAndBuckets()
{
    const std::string text = environment(
        route("get", "file",
            R"({"statusCode": 200, "default": true, "bodyType": "FILE", "filePath": "./data/users.json", "sendFileAsBody": true, "body": "ignored"})")
            + ",\n"
            + route("get", "bucket",
                R"({"statusCode": 200, "default": true, "bodyType": "DATABUCKET", "databucketID": "ab12", "body": ""})")
            + ",\n"
            + route("get", "raw",
                R"({"statusCode": 200, "default": true, "disableTemplating": true, "body": "{{urlParam 'id'}} <% x %>"})"),
        R"(  "data": [{"uuid": "d", "id": "ab12", "name": "Users", "value": "[]"}],
  "tlsOptions": {"enabled": true},
  "cors": false,
)");
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "bodies.json", text));
    QVERIFY2(result.ok(), describe(result).c_str());
    const ImportNote* file
        = findNote(result.api, { "GET /file", "./data/users.json", "not copied" });
    QVERIFY2(file, describe(result).c_str());
    QCOMPARE(file->kind, ImportNote::Kind::Skipped);
    QCOMPARE(lineOf(file->where), lineOfText(text, "./data/users.json"));
    QVERIFY(findRoute(result.api, "GET", "/file")->responses[0].body.empty());
    QVERIFY(findNote(result.api, { "GET /bucket", "data bucket" }));
    QVERIFY(findNote(result.api, { "data bucket \"Users\"" }));
    QVERIFY(findNote(result.api, { "TLS" }));
    QVERIFY(!findNote(result.api, { "CORS" }));
    // Templating off: served exactly as written.
    const std::string& raw = findRoute(result.api, "GET", "/raw")->responses[0].body;
    QCOMPARE(render(raw, RequestContext {}), std::string("{{urlParam 'id'}} <% x %>"));
}

void TestMockoonImport::proxyBecomesTheUpstream()
{
    const std::string text = environment(route("get", "a", R"({"statusCode": 200})"),
        R"(  "proxyMode": true,
  "proxyHost": "https://api.example.com/",
  "proxyRemovePrefix": false,
  "proxyReqHeaders": [{"key": "X-Forwarded-By", "value": "mockoon"}],
)");
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "proxy.json", text));
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.upstreamUrl, std::string("https://api.example.com"));
    const ImportNote* note = findNote(result.api, { "fallback upstream" });
    QVERIFY(note);
    QCOMPARE(lineOf(note->where), lineOfText(text, "\"proxyHost\""));
    QVERIFY(findNote(result.api, { "X-Forwarded-By" }));
    // Without "default", the first response is the default.
    QCOMPARE(findRoute(result.api, "GET", "/a")->defaultResponse, 0);
}

void TestMockoonImport::malformedFileIsAnError()
{
    const std::string text = environment(route("get", "fine", R"({"statusCode": 200})") + ",\n"
        + "    {\"uuid\": \"r\", \"type\": \"http\", \"method\": \"get\", \"endpoint\": \"x\",\n"
          "     \"responses\": {\"statusCode\": 200}},\n"
        + route("get", "y", R"({"statusCode": "two hundred"})") + ",\n" + "    \"not a route\"");
    QTemporaryDir dir;
    const std::filesystem::path file = writeFile(dir, "broken.json", text);
    const ImportResult result = importFile(file);
    QVERIFY(!result.ok());
    QVERIFY(result.api.routes.empty());
    QVERIFY(result.api.notes.empty());
    QCOMPARE(result.errors.size(), std::size_t(3));
    QCOMPARE(result.errors[0].line, lineOfText(text, "\"responses\": {"));
    QVERIFY(result.errors[0].message.find("\"responses\" must be an array") != std::string::npos);
    QCOMPARE(result.errors[1].line, lineOfText(text, "two hundred"));
    QCOMPARE(result.errors[2].line, lineOfText(text, "\"not a route\""));
    QCOMPARE(result.errors[2].file, file.string());

    const ImportResult noRoutes = importFile(
        writeFile(dir, "noroutes.json", "{\n  \"lastMigration\": 33,\n  \"routes\": {}\n}\n"));
    QCOMPARE(noRoutes.errors.size(), std::size_t(1));
    QCOMPARE(noRoutes.errors[0].line, 3);
}

QTEST_APPLESS_MAIN(TestMockoonImport)
#include "tst_mockoonimport.moc"
