// Response selection: rules (every source and operator), rotation modes and
// what RouteTable::build reports for broken rules and body files.

#include "server/routing/requestcontext.h"
#include "server/routing/routetable.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <limits>
#include <thread>
#include <vector>

using namespace tollgate::server;

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

Route routeWithResponses(int count, std::string path = "/r")
{
    Route route;
    route.path = std::move(path);
    route.responses.clear();
    for (int i = 0; i < count; ++i) {
        Response response;
        response.status = 200 + i;
        response.body = "response " + std::to_string(i);
        route.responses.push_back(response);
    }
    return route;
}

Rule makeRule(RuleSource source, std::string key, RuleOperator op, std::string value, int response)
{
    Rule rule;
    rule.source = source;
    rule.key = std::move(key);
    rule.op = op;
    rule.value = std::move(value);
    rule.response = response;
    return rule;
}

std::shared_ptr<const RouteTable> build(
    std::vector<Route> routes, std::vector<Diagnostic>* errors, std::filesystem::path dir = {})
{
    Workspace ws;
    ws.dir = std::move(dir);
    ws.routes = std::move(routes);
    return RouteTable::build(ws, 1, errors);
}

RequestContext sampleRequest()
{
    RequestContext ctx;
    ctx.method = "POST";
    ctx.path = "/orders/ord_123";
    ctx.params = { { "id", "ord_123" } };
    ctx.query = parseQuery("plan=pro&debug=&limit=50");
    ctx.headers = { { "x-api-key", "tg_dev_abc" }, { "content-type", "application/json" } };
    // Not a raw string: moc 6.4 loses track of a raw string holding \".
    ctx.body = "{\"user\":{\"id\":42,\"name\":\"Ada \\\"the\\\" Countess\",\"admin\":false,"
               R"("score":1.5,"tags":["a","b"],"nothing":null},)"
               R"("items":[{"sku":"x1","qty":1},{"sku":"y2","qty":3}]})";
    return ctx;
}

} // namespace

class TestRules : public QObject {
    Q_OBJECT

private slots:
    void sourceAndOperator_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("op");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("holds");

        const int param = int(RuleSource::PathParam), query = int(RuleSource::Query),
                  header = int(RuleSource::Header), body = int(RuleSource::Body);
        const int eq = int(RuleOperator::Equals), re = int(RuleOperator::Regex),
                  ex = int(RuleOperator::Exists);

        QTest::newRow("param equals")
            << param << QByteArray("id") << eq << QByteArray("ord_123") << true;
        QTest::newRow("param equals other")
            << param << QByteArray("id") << eq << QByteArray("ord_124") << false;
        QTest::newRow("param equals is exact")
            << param << QByteArray("id") << eq << QByteArray("ord_12") << false;
        QTest::newRow("param regex")
            << param << QByteArray("id") << re << QByteArray("^ord_\\d+$") << true;
        QTest::newRow("param regex no")
            << param << QByteArray("id") << re << QByteArray("^cus_") << false;
        QTest::newRow("param exists") << param << QByteArray("id") << ex << QByteArray() << true;
        QTest::newRow("param missing") << param << QByteArray("sku") << ex << QByteArray() << false;
        QTest::newRow("param missing equals empty")
            << param << QByteArray("sku") << eq << QByteArray() << false;

        QTest::newRow("query equals")
            << query << QByteArray("plan") << eq << QByteArray("pro") << true;
        QTest::newRow("query equals no")
            << query << QByteArray("plan") << eq << QByteArray("free") << false;
        QTest::newRow("query regex")
            << query << QByteArray("limit") << re << QByteArray("^[0-9]{2}$") << true;
        QTest::newRow("query regex search")
            << query << QByteArray("plan") << re << QByteArray("r") << true;
        QTest::newRow("query regex no")
            << query << QByteArray("limit") << re << QByteArray("^[0-9]$") << false;
        QTest::newRow("query exists empty value")
            << query << QByteArray("debug") << ex << QByteArray() << true;
        QTest::newRow("query empty equals")
            << query << QByteArray("debug") << eq << QByteArray() << true;
        QTest::newRow("query missing")
            << query << QByteArray("page") << ex << QByteArray() << false;
        QTest::newRow("query name case")
            << query << QByteArray("Plan") << ex << QByteArray() << false;

        QTest::newRow("header equals")
            << header << QByteArray("X-API-Key") << eq << QByteArray("tg_dev_abc") << true;
        QTest::newRow("header equals value case")
            << header << QByteArray("x-api-key") << eq << QByteArray("TG_DEV_ABC") << false;
        QTest::newRow("header regex")
            << header << QByteArray("Content-Type") << re << QByteArray("json") << true;
        QTest::newRow("header regex no")
            << header << QByteArray("content-type") << re << QByteArray("^text/") << false;
        QTest::newRow("header exists")
            << header << QByteArray("CONTENT-TYPE") << ex << QByteArray() << true;
        QTest::newRow("header missing")
            << header << QByteArray("authorization") << ex << QByteArray() << false;

        QTest::newRow("body number")
            << body << QByteArray("/user/id") << eq << QByteArray("42") << true;
        QTest::newRow("body number no")
            << body << QByteArray("/user/id") << eq << QByteArray("43") << false;
        QTest::newRow("body string text")
            << body << QByteArray("/user/name") << eq << QByteArray("Ada \"the\" Countess") << true;
        QTest::newRow("body string not quoted")
            << body << QByteArray("/user/name") << eq << QByteArray("\"Ada \\\"the\\\" Countess\"")
            << false;
        QTest::newRow("body bool")
            << body << QByteArray("/user/admin") << eq << QByteArray("false") << true;
        QTest::newRow("body double")
            << body << QByteArray("/user/score") << eq << QByteArray("1.5") << true;
        QTest::newRow("body null")
            << body << QByteArray("/user/nothing") << eq << QByteArray("null") << true;
        QTest::newRow("body null exists")
            << body << QByteArray("/user/nothing") << ex << QByteArray() << true;
        QTest::newRow("body array element")
            << body << QByteArray("/user/tags/1") << eq << QByteArray("b") << true;
        QTest::newRow("body nested array object")
            << body << QByteArray("/items/1/sku") << eq << QByteArray("y2") << true;
        QTest::newRow("body nested number")
            << body << QByteArray("/items/1/qty") << re << QByteArray("^3$") << true;
        QTest::newRow("body index out of range")
            << body << QByteArray("/items/2/sku") << ex << QByteArray() << false;
        QTest::newRow("body bad index")
            << body << QByteArray("/items/x") << ex << QByteArray() << false;
        QTest::newRow("body regex")
            << body << QByteArray("/user/name") << re << QByteArray("^Ada") << true;
        QTest::newRow("body regex no")
            << body << QByteArray("/user/name") << re << QByteArray("^Bob") << false;
        QTest::newRow("body exists")
            << body << QByteArray("/items/0") << ex << QByteArray() << true;
        QTest::newRow("body missing")
            << body << QByteArray("/user/email") << ex << QByteArray() << false;
        QTest::newRow("body array regex")
            << body << QByteArray("/user/tags") << re << QByteArray("^\\[\"a\",\"b\"\\]$") << true;
        QTest::newRow("body key without slash")
            << body << QByteArray("user/id") << eq << QByteArray("42") << true;
    }

    void sourceAndOperator()
    {
        QFETCH(int, source);
        QFETCH(QByteArray, key);
        QFETCH(int, op);
        QFETCH(QByteArray, value);
        QFETCH(bool, holds);

        Route route = routeWithResponses(3);
        route.defaultResponse = 2;
        route.rules.push_back(makeRule(
            RuleSource(source), key.toStdString(), RuleOperator(op), value.toStdString(), 1));
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QVERIFY(errors.empty());
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();
        QVERIFY(compiled.needsContext());

        const RequestContext ctx = sampleRequest();
        QCOMPARE(compiled.selectResponse(&ctx, 0), holds ? 1 : 2);
    }

    void firstMatchWins()
    {
        Route route = routeWithResponses(4);
        route.defaultResponse = 0;
        route.rules = {
            makeRule(RuleSource::Query, "plan", RuleOperator::Equals, "free", 1),
            makeRule(RuleSource::Query, "plan", RuleOperator::Equals, "pro", 2),
            makeRule(RuleSource::Query, "plan", RuleOperator::Exists, "", 3),
        };
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();

        RequestContext ctx;
        ctx.query = parseQuery("plan=pro");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 2);
        ctx.query = parseQuery("plan=free");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 1);
        ctx.query = parseQuery("plan=enterprise");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 3);
        ctx.query = parseQuery("other=1");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 0);
    }

    void defaultFallback()
    {
        Route route = routeWithResponses(3);
        route.defaultResponse = 1;
        route.rules = { makeRule(RuleSource::Header, "x-mode", RuleOperator::Equals, "slow", 2) };
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();

        RequestContext ctx;
        QCOMPARE(compiled.selectResponse(&ctx, 0), 1);
        QCOMPARE(compiled.selectResponse(nullptr, 0), 1); // no context: no rule can hold
        ctx.headers = { { "x-mode", "slow" } };
        QCOMPARE(compiled.selectResponse(&ctx, 0), 2);
    }

    void indicesAreClamped()
    {
        Route route = routeWithResponses(2);
        route.defaultResponse = 7;
        route.rules = { makeRule(RuleSource::Query, "big", RuleOperator::Exists, "", 9),
            makeRule(RuleSource::Query, "neg", RuleOperator::Exists, "", -3) };
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QVERIFY(errors.empty());
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();
        RequestContext ctx;
        QCOMPARE(compiled.selectResponse(&ctx, 0), 1);
        ctx.query = parseQuery("big");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 1);
        ctx.query = parseQuery("neg");
        QCOMPARE(compiled.selectResponse(&ctx, 0), 0);
    }

    void nonJsonBody()
    {
        Route route = routeWithResponses(3);
        route.defaultResponse = 0;
        route.rules = { makeRule(RuleSource::Body, "/a", RuleOperator::Exists, "", 1),
            makeRule(RuleSource::Body, "", RuleOperator::Regex, ".*", 2) };
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();

        RequestContext ctx;
        ctx.body = "a=1&b=2";
        QCOMPARE(compiled.selectResponse(&ctx, 0), 0);
        ctx = RequestContext {};
        ctx.body = R"({"a": 1)"; // truncated JSON is not JSON
        QCOMPARE(compiled.selectResponse(&ctx, 0), 0);
        ctx = RequestContext {};
        QCOMPARE(compiled.selectResponse(&ctx, 0), 0); // empty body
        ctx = RequestContext {}; // json() is cached per context
        ctx.body = R"({"a": 1})";
        QCOMPARE(compiled.selectResponse(&ctx, 0), 1);
        ctx = RequestContext {};
        ctx.body = R"([1, 2])"; // "" is the whole document
        QCOMPARE(compiled.selectResponse(&ctx, 0), 2);
    }

    void invalidRegexIsReported()
    {
        Route bad = routeWithResponses(2, "/bad");
        bad.fileName = "get-bad.json";
        bad.rules = { makeRule(RuleSource::Query, "a", RuleOperator::Regex, "^ok$", 1),
            makeRule(RuleSource::Query, "b", RuleOperator::Regex, "([unclosed", 1),
            makeRule(RuleSource::Query, "c", RuleOperator::Equals, "([not a regex", 1) };
        Route good = routeWithResponses(1, "/good");
        std::vector<Diagnostic> errors;
        const auto table = build({ bad, good }, &errors);

        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(bytes(errors.front().file), QByteArray("routes/get-bad.json"));
        QVERIFY2(bytes(errors.front().message).startsWith("rule 2: invalid regex: "),
            errors.front().message.c_str());
        QCOMPARE(table->routes().size(), std::size_t(1));
        QVERIFY(!table->match("GET", "/bad").route);
        QVERIFY(table->match("GET", "/good").route);
    }

    void randomDistribution()
    {
        Route route = routeWithResponses(3);
        route.mode = ResponseMode::Random;
        route.rules = { makeRule(
            RuleSource::Query, "x", RuleOperator::Exists, "", 0) }; // ignored in Random
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();
        QVERIFY(!compiled.needsContext());

        RequestContext ctx;
        ctx.query = parseQuery("x");
        std::vector<int> counts(3, 0);
        for (std::uint64_t r = 0; r < 3000; ++r) {
            const int index = compiled.selectResponse(&ctx, r * 7919);
            QVERIFY(index >= 0 && index < 3);
            ++counts[std::size_t(index)];
        }
        QCOMPARE(counts, std::vector<int>({ 1000, 1000, 1000 }));
        QCOMPARE(compiled.selectResponse(nullptr, 5), 2);
        QCOMPARE(compiled.selectResponse(nullptr, std::numeric_limits<std::uint64_t>::max()),
            int(std::numeric_limits<std::uint64_t>::max() % 3));
    }

    void sequentialRotation()
    {
        Route route = routeWithResponses(3);
        route.mode = ResponseMode::Sequential;
        std::vector<Diagnostic> errors;
        const auto table = build({ route }, &errors);
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto& compiled = *table->routes().front();

        std::vector<int> seen;
        for (int i = 0; i < 7; ++i)
            seen.push_back(compiled.selectResponse(nullptr, 99)); // random is ignored
        QCOMPARE(seen, std::vector<int>({ 0, 1, 2, 0, 1, 2, 0 }));

        // Concurrent callers still get an even rotation.
        std::vector<std::atomic<int>> counts(3);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 3000; ++i)
                    counts[std::size_t(compiled.selectResponse(nullptr, 0))].fetch_add(1);
            });
        }
        for (auto& thread : threads)
            thread.join();
        // 7 earlier calls left the counter at 1 (mod 3): 12000 more calls are 4000 each.
        QCOMPARE(counts[0].load(), 4000);
        QCOMPARE(counts[1].load(), 4000);
        QCOMPARE(counts[2].load(), 4000);
    }

    void needsContext()
    {
        Route plain = routeWithResponses(2, "/plain");
        Route ruled = routeWithResponses(2, "/ruled");
        ruled.rules = { makeRule(RuleSource::Query, "a", RuleOperator::Exists, "", 1) };
        Route templated = routeWithResponses(2, "/templated");
        templated.responses[1].body = R"({"id":"{{request.params.id}}"})";
        Route templatedHeader = routeWithResponses(1, "/header");
        templatedHeader.responses[0].headers
            = { { "X-Request-Id", "{{uuid}}" }, { "X-Static", "1" } };
        Route sequential = routeWithResponses(2, "/seq");
        sequential.mode = ResponseMode::Sequential;
        sequential.rules = ruled.rules;

        std::vector<Diagnostic> errors;
        const auto table = build({ plain, ruled, templated, templatedHeader, sequential }, &errors);
        QVERIFY(errors.empty());
        QCOMPARE(table->routes().size(), std::size_t(5));
        const auto& r = table->routes();
        QVERIFY(!r[0]->needsContext());
        QVERIFY(r[0]->responses[0].isStatic);
        QVERIFY(r[1]->needsContext());
        QVERIFY(r[2]->needsContext());
        QVERIFY(r[2]->responses[0].isStatic);
        QVERIFY(!r[2]->responses[1].isStatic);
        QVERIFY(r[3]->needsContext());
        QVERIFY(!r[3]->responses[0].isStatic);
        QCOMPARE(r[3]->responses[0].headers.size(), std::size_t(2));
        QVERIFY(!r[3]->responses[0].headers[0].value.isStatic());
        QVERIFY(r[3]->responses[0].headers[1].value.isStatic());
        QVERIFY(!r[4]->needsContext());
    }

    void bodyFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        std::filesystem::create_directories(root / "bodies");
        {
            std::ofstream out(root / "bodies" / "user.json", std::ios::binary);
            out << "{\"name\":\"{{request.params.id}}\"}\n";
        }
        Route fromFile = routeWithResponses(2, "/file");
        fromFile.responses[1].body = "ignored when bodyFile is set";
        fromFile.responses[1].bodyFile = "bodies/user.json";
        Route missing = routeWithResponses(2, "/missing");
        missing.fileName = "get-missing.json";
        missing.responses[1].bodyFile = "bodies/nope.json";
        Route escaping = routeWithResponses(1, "/escape");
        escaping.fileName = "get-escape.json";
        escaping.responses[0].bodyFile = "../outside.json";
        // A link inside the workspace to a file outside it (a cloned repository
        // can hold one) is refused; a link to a file inside it is served.
        QTemporaryDir elsewhere;
        {
            std::ofstream out(elsewhere.filePath(QStringLiteral("secret")).toStdString());
            out << "secret\n";
        }
        std::filesystem::create_symlink(elsewhere.filePath(QStringLiteral("secret")).toStdString(),
            root / "bodies" / "leak.json");
        std::filesystem::create_symlink("user.json", root / "bodies" / "alias.json");
        Route linked = routeWithResponses(1, "/linked");
        linked.fileName = "get-linked.json";
        linked.responses[0].bodyFile = "bodies/leak.json";
        Route aliased = routeWithResponses(1, "/aliased");
        aliased.fileName = "get-aliased.json";
        aliased.responses[0].bodyFile = "bodies/alias.json";

        std::vector<Diagnostic> errors;
        const auto table = build({ fromFile, missing, escaping, linked, aliased }, &errors, root);
        QCOMPARE(errors.size(), std::size_t(3));
        QCOMPARE(bytes(errors[2].file), QByteArray("routes/get-linked.json"));
        QVERIFY2(bytes(errors[2].message).contains("is a link to")
                && bytes(errors[2].message).contains("outside the workspace"),
            errors[2].message.c_str());
        QCOMPARE(bytes(errors[0].file), QByteArray("routes/get-missing.json"));
        QVERIFY2(bytes(errors[0].message).startsWith("response 2: body file 'bodies/nope.json'"),
            errors[0].message.c_str());
        QCOMPARE(bytes(errors[1].file), QByteArray("routes/get-escape.json"));
        QVERIFY2(
            bytes(errors[1].message).contains("outside the workspace"), errors[1].message.c_str());

        QCOMPARE(table->routes().size(), std::size_t(2));
        QCOMPARE(bytes(table->routes()[1]->responses[0].body.text()),
            QByteArray("{\"name\":\"{{request.params.id}}\"}\n"));
        const auto& compiled = *table->routes().front();
        QCOMPARE(bytes(compiled.responses[1].body.text()),
            QByteArray("{\"name\":\"{{request.params.id}}\"}\n"));
        QVERIFY(!compiled.responses[1].isStatic);
        RequestContext ctx;
        ctx.params = { { "id", "ada" } };
        QCOMPARE(
            bytes(compiled.responses[1].body.render(ctx, 0)), QByteArray("{\"name\":\"ada\"}\n"));
    }

    void templateErrorIsReported()
    {
        Route bad = routeWithResponses(2, "/bad");
        bad.fileName = "get-bad.json";
        bad.responses[1].body = "{{#request.query}}never closed";
        Route badHeader = routeWithResponses(1, "/bad-header");
        badHeader.fileName = "get-bad-header.json";
        badHeader.responses[0].headers = { { "X-Thing", "{{/stray}}" } };
        Route good = routeWithResponses(1, "/good");
        std::vector<Diagnostic> errors;
        const auto table = build({ bad, badHeader, good }, &errors);
        QCOMPARE(errors.size(), std::size_t(2));
        QVERIFY2(bytes(errors[0].message).startsWith("response 2: body: template error: "),
            errors[0].message.c_str());
        QVERIFY2(
            bytes(errors[1].message).startsWith("response 1: header 'X-Thing': template error: "),
            errors[1].message.c_str());
        QCOMPARE(table->routes().size(), std::size_t(1));
        QVERIFY(table->match("GET", "/good").route);
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
