// Path templates, route lookup (specificity, HEAD, 405 Allow) and the request
// context helpers the router feeds.

#include "server/common/text.h"
#include "server/routing/requestcontext.h"
#include "server/routing/routetable.h"

#include <QTest>

#include <string>
#include <vector>

using namespace tollgate::server;

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

QByteArray joined(const StringPairs& pairs)
{
    QByteArray out;
    for (const auto& [name, value] : pairs) {
        if (!out.isEmpty())
            out += ';';
        out += bytes(name) + '=' + bytes(value);
    }
    return out;
}

Route makeRoute(std::string method, std::string path, std::string body = {})
{
    Route route;
    route.method = std::move(method);
    route.path = std::move(path);
    route.responses.front().body = body.empty() ? route.method + " " + route.path : std::move(body);
    return route;
}

std::shared_ptr<const RouteTable> buildTable(
    std::vector<Route> routes, std::vector<Diagnostic>* errors = nullptr)
{
    Workspace ws;
    ws.routes = std::move(routes);
    std::vector<Diagnostic> local;
    return RouteTable::build(ws, 2, errors ? errors : &local);
}

QByteArray matchedBody(const RouteTable& table, std::string_view method, std::string_view path)
{
    const auto m = table.match(method, path);
    if (!m.route)
        return QByteArray("<none>");
    return bytes(m.route->responses.front().body.text());
}

} // namespace

class TestPathTemplate : public QObject {
    Q_OBJECT

private slots:
    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("errorPart");
        QTest::newRow("empty") << QByteArray("") << QByteArray("start with '/'");
        QTest::newRow("no slash") << QByteArray("users/{id}") << QByteArray("start with '/'");
        QTest::newRow("open brace") << QByteArray("/users/{id") << QByteArray("unbalanced");
        QTest::newRow("close brace") << QByteArray("/users/id}") << QByteArray("unbalanced");
        QTest::newRow("nested") << QByteArray("/users/{{id}") << QByteArray("unbalanced");
        QTest::newRow("empty name") << QByteArray("/users/{}") << QByteArray("empty parameter");
        QTest::newRow("duplicate")
            << QByteArray("/a/{id}/b/{id}") << QByteArray("duplicate parameter name 'id'");
        QTest::newRow("star not last") << QByteArray("/files/*/meta") << QByteArray("last segment");
        QTest::newRow("star in segment")
            << QByteArray("/files/*.json") << QByteArray("whole segment");
        QTest::newRow("param in segment")
            << QByteArray("/users/u{id}") << QByteArray("whole segment");
    }

    void parseErrors()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, errorPart);
        PathTemplate t;
        std::string error;
        QVERIFY(!t.parse(pattern.toStdString(), &error));
        QVERIFY2(bytes(error).contains(errorPart), error.c_str());
        // A template that failed to parse never matches anything.
        QVERIFY(!t.match("/", nullptr));
        QVERIFY(!t.match(pattern.toStdString(), nullptr));
    }

    void match_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("matches");
        QTest::addColumn<QByteArray>("params");

        QTest::newRow("root") << QByteArray("/") << QByteArray("/") << true << QByteArray();
        QTest::newRow("root vs path")
            << QByteArray("/") << QByteArray("/a") << false << QByteArray();
        QTest::newRow("literal") << QByteArray("/v1/health") << QByteArray("/v1/health") << true
                                 << QByteArray();
        QTest::newRow("literal case")
            << QByteArray("/v1/health") << QByteArray("/v1/Health") << false << QByteArray();
        QTest::newRow("literal longer")
            << QByteArray("/v1/health") << QByteArray("/v1/healthz") << false << QByteArray();
        QTest::newRow("literal shorter")
            << QByteArray("/v1/health") << QByteArray("/v1/") << false << QByteArray();
        QTest::newRow("param") << QByteArray("/v1/users/{id}") << QByteArray("/v1/users/42") << true
                               << QByteArray("id=42");
        QTest::newRow("param empty segment")
            << QByteArray("/v1/users/{id}") << QByteArray("/v1/users/") << false << QByteArray();
        QTest::newRow("param missing")
            << QByteArray("/v1/users/{id}") << QByteArray("/v1/users") << false << QByteArray();
        QTest::newRow("param two segments")
            << QByteArray("/v1/users/{id}") << QByteArray("/v1/users/4/2") << false << QByteArray();
        QTest::newRow("two params")
            << QByteArray("/orgs/{org}/repos/{repo}") << QByteArray("/orgs/acme/repos/gate") << true
            << QByteArray("org=acme;repo=gate");
        QTest::newRow("param then literal")
            << QByteArray("/users/{id}/posts") << QByteArray("/users/7/posts") << true
            << QByteArray("id=7");
        QTest::newRow("param then wrong literal")
            << QByteArray("/users/{id}/posts") << QByteArray("/users/7/likes") << false
            << QByteArray();
        QTest::newRow("first segment param")
            << QByteArray("/{tenant}/items") << QByteArray("/t1/items") << true
            << QByteArray("tenant=t1");
        QTest::newRow("trailing slash template")
            << QByteArray("/v1/users/") << QByteArray("/v1/users") << false << QByteArray();
        QTest::newRow("trailing slash path")
            << QByteArray("/v1/users") << QByteArray("/v1/users/") << false << QByteArray();
        QTest::newRow("trailing slash both")
            << QByteArray("/v1/users/") << QByteArray("/v1/users/") << true << QByteArray();
        QTest::newRow("wildcard empty")
            << QByteArray("/files/*") << QByteArray("/files/") << true << QByteArray("*=");
        QTest::newRow("wildcard deep")
            << QByteArray("/files/*") << QByteArray("/files/a/b") << true << QByteArray("*=a/b");
        QTest::newRow("wildcard no slash")
            << QByteArray("/files/*") << QByteArray("/files") << false << QByteArray();
        QTest::newRow("wildcard other prefix")
            << QByteArray("/files/*") << QByteArray("/filesx/a") << false << QByteArray();
        QTest::newRow("wildcard after param") << QByteArray("/u/{id}/*") << QByteArray("/u/9/x/y/")
                                              << true << QByteArray("id=9;*=x/y/");
        QTest::newRow("root wildcard")
            << QByteArray("/*") << QByteArray("/") << true << QByteArray("*=");
        QTest::newRow("root wildcard deep")
            << QByteArray("/*") << QByteArray("/a/b/c") << true << QByteArray("*=a/b/c");
        QTest::newRow("no leading slash")
            << QByteArray("/*") << QByteArray("a") << false << QByteArray();
    }

    void match()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, path);
        QFETCH(bool, matches);
        QFETCH(QByteArray, params);

        PathTemplate t;
        std::string error;
        QVERIFY2(t.parse(pattern.toStdString(), &error), error.c_str());
        QCOMPARE(bytes(t.pattern()), pattern);

        StringPairs captured { { "pre", "existing" } };
        QCOMPARE(t.match(path.toStdString(), &captured), matches);
        QCOMPARE(captured.front().first, std::string("pre"));
        captured.erase(captured.begin());
        if (matches)
            QCOMPARE(joined(captured), params);
        else
            QVERIFY2(captured.empty(), "a failed match must not append parameters");
        QCOMPARE(t.match(path.toStdString(), nullptr), matches);
    }

    void percentDecodedSegments()
    {
        PathTemplate t;
        QVERIFY(t.parse("/users/{name}/files/*", nullptr));
        const auto decoded = tollgate::server::percentDecode("/users/J%C3%B6rg%20K/files/a%2Fb/c");
        QVERIFY(decoded.has_value());
        QCOMPARE(bytes(*decoded), QByteArray("/users/J\xc3\xb6rg K/files/a/b/c"));
        StringPairs params;
        QVERIFY(t.match(*decoded, &params));
        QCOMPARE(joined(params), QByteArray("name=J\xc3\xb6rg K;*=a/b/c"));

        // A literal segment matches its decoded form.
        PathTemplate literal;
        QVERIFY(literal.parse("/caf\xc3\xa9", nullptr));
        QVERIFY(literal.match(*tollgate::server::percentDecode("/caf%C3%A9"), nullptr));
        QVERIFY(!literal.match("/caf%C3%A9", nullptr));
    }

    void percentDecoding_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("plusIsSpace");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("/a/b") << false << true << QByteArray("/a/b");
        QTest::newRow("escapes") << QByteArray("%41%62%2f%2F") << false << true
                                 << QByteArray("Ab//");
        QTest::newRow("plus kept") << QByteArray("a+b") << false << true << QByteArray("a+b");
        QTest::newRow("plus space") << QByteArray("a+b") << true << true << QByteArray("a b");
        QTest::newRow("escaped plus") << QByteArray("a%2Bb") << true << true << QByteArray("a+b");
        QTest::newRow("lone percent") << QByteArray("100%") << false << false << QByteArray();
        QTest::newRow("one digit") << QByteArray("%4") << false << false << QByteArray();
        QTest::newRow("one digit mid") << QByteArray("a%4/b") << false << false << QByteArray();
        QTest::newRow("not hex") << QByteArray("%zz") << false << false << QByteArray();
        QTest::newRow("half hex") << QByteArray("%4g") << false << false << QByteArray();
        QTest::newRow("empty") << QByteArray("") << false << true << QByteArray("");
    }

    void percentDecoding()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, plusIsSpace);
        QFETCH(bool, valid);
        QFETCH(QByteArray, expected);
        const auto out = tollgate::server::percentDecode(input.toStdString(), plusIsSpace);
        QCOMPARE(out.has_value(), valid);
        if (valid)
            QCOMPARE(bytes(*out), expected);
    }

    void queryParsing()
    {
        const auto pairs
            = tollgate::server::parseQuery("a=1&b=x+y&&c=%2F%3D&flag&e=&a=2&bad=%zz&k%20ey=v=w");
        QCOMPARE(joined(pairs), QByteArray("a=1;b=x y;c=/=;flag=;e=;a=2;bad=%zz;k ey=v=w"));
        QVERIFY(tollgate::server::parseQuery("").empty());
        QVERIFY(tollgate::server::parseQuery("&&").empty());
    }

    void requestContextLookups()
    {
        RequestContext ctx;
        ctx.params = { { "id", "42" }, { "name", "x" } };
        ctx.query = tollgate::server::parseQuery("page=2&page=3&q=a+b");
        ctx.headers
            = { { "x-api-key", "k1" }, { "accept", "application/json" }, { "x-api-key", "k2" } };

        QVERIFY(ctx.param("id"));
        QCOMPARE(*ctx.param("id"), std::string("42"));
        QVERIFY(!ctx.param("ID"));
        QVERIFY(!ctx.param("missing"));
        QCOMPARE(*ctx.queryValue("page"), std::string("2"));
        QCOMPARE(*ctx.queryValue("q"), std::string("a b"));
        QVERIFY(!ctx.queryValue("Page"));
        QCOMPARE(*ctx.header("X-API-Key"), std::string("k1"));
        QCOMPARE(*ctx.header("ACCEPT"), std::string("application/json"));
        QVERIFY(!ctx.header("x-api-ke"));

        QVERIFY(!ctx.json()); // empty body is not JSON
        RequestContext withJson;
        withJson.body = R"({"a":{"b":[1,2]}})";
        const auto* json = withJson.json();
        QVERIFY(json);
        QVERIFY(json->is_object());
        QCOMPARE(withJson.json(), json); // parsed once, cached
        RequestContext notJson;
        notJson.body = "{not json";
        QVERIFY(!notJson.json());
        QVERIFY(!notJson.json());
    }

    void specificityOrdering()
    {
        const char* patterns[] = { "/users/me", "/users/{id}", "/users/*", "/{a}/{b}", "/*" };
        std::vector<int> values;
        for (const char* p : patterns) {
            PathTemplate t;
            QVERIFY(t.parse(p, nullptr));
            values.push_back(t.specificity());
        }
        for (std::size_t i = 1; i < values.size(); ++i)
            QVERIFY2(values[i - 1] > values[i], patterns[i]);

        // One more literal outweighs any number of parameters.
        PathTemplate literalWildcard, manyParams;
        QVERIFY(literalWildcard.parse("/a/*", nullptr));
        QVERIFY(manyParams.parse("/{x}/{y}/{z}", nullptr));
        QVERIFY(literalWildcard.specificity() > manyParams.specificity());
    }

    void mostSpecificWinsThenEarliest()
    {
        // Declared least specific first so that "first match" would be wrong.
        const auto table = buildTable({
            makeRoute("GET", "/*", "catch-all"),
            makeRoute("GET", "/users/*", "users-wildcard"),
            makeRoute("GET", "/users/{id}", "user-by-id"),
            makeRoute("GET", "/users/{name}", "user-by-name"), // same specificity, later
            makeRoute("GET", "/users/me", "me"),
        });
        QCOMPARE(table->routes().size(), std::size_t(5));
        QCOMPARE(matchedBody(*table, "GET", "/users/me"), QByteArray("me"));
        QCOMPARE(matchedBody(*table, "GET", "/users/42"), QByteArray("user-by-id"));
        QCOMPARE(matchedBody(*table, "GET", "/users/42/avatar"), QByteArray("users-wildcard"));
        QCOMPARE(matchedBody(*table, "GET", "/other"), QByteArray("catch-all"));

        const auto m = table->match("GET", "/users/42");
        QCOMPARE(joined(m.params), QByteArray("id=42"));
        const auto w = table->match("GET", "/users/42/avatar");
        QCOMPARE(joined(w.params), QByteArray("*=42/avatar"));
        QVERIFY(table->match("GET", "/users/me").params.empty());
    }

    void headFallsBackToGet()
    {
        auto table = buildTable(
            { makeRoute("GET", "/items", "get-items"), makeRoute("POST", "/items", "post") });
        QCOMPARE(matchedBody(*table, "HEAD", "/items"), QByteArray("get-items"));

        // An explicit HEAD route is preferred over the GET fallback.
        table = buildTable(
            { makeRoute("GET", "/items", "get-items"), makeRoute("HEAD", "/items", "head-items") });
        QCOMPARE(matchedBody(*table, "HEAD", "/items"), QByteArray("head-items"));
        QCOMPARE(matchedBody(*table, "GET", "/items"), QByteArray("get-items"));

        // Fallback is for HEAD only.
        table = buildTable({ makeRoute("GET", "/items") });
        QCOMPARE(matchedBody(*table, "POST", "/items"), QByteArray("<none>"));
    }

    void methodIsCaseNormalized()
    {
        const auto table = buildTable({ makeRoute("post", "/things", "posted") });
        QCOMPARE(bytes(table->routes().front()->source.method), QByteArray("POST"));
        QCOMPARE(matchedBody(*table, "POST", "/things"), QByteArray("posted"));
    }

    void methodNotAllowedListsMethods()
    {
        const auto table = buildTable({
            makeRoute("POST", "/items"),
            makeRoute("GET", "/items"),
            makeRoute("GET", "/items"), // duplicate method: listed once
            makeRoute("DELETE", "/items/{id}"),
            makeRoute("PUT", "/items/*"),
            makeRoute("PATCH", "/other"),
        });
        auto m = table->match("PUT", "/items");
        QVERIFY(!m.route);
        QCOMPARE(bytes(m.allow), QByteArray("GET, HEAD, POST"));

        m = table->match("OPTIONS", "/items/7");
        QVERIFY(!m.route);
        QCOMPARE(bytes(m.allow), QByteArray("DELETE, PUT"));

        m = table->match("GET", "/nowhere");
        QVERIFY(!m.route);
        QVERIFY(m.allow.empty());

        m = table->match("GET", "/items");
        QVERIFY(m.route);
        QVERIFY(m.allow.empty());
    }

    void disabledRoutesAreNotServed()
    {
        Route hidden = makeRoute("GET", "/secret", "secret");
        hidden.enabled = false;
        Route hiddenPost = makeRoute("POST", "/open", "hidden-post");
        hiddenPost.enabled = false;
        const auto table = buildTable({ hidden, makeRoute("GET", "/open", "open"), hiddenPost });
        QCOMPARE(table->routes().size(), std::size_t(1));
        const auto m = table->match("GET", "/secret");
        QVERIFY(!m.route);
        QVERIFY(m.allow.empty()); // 404, not 405
        QCOMPARE(matchedBody(*table, "GET", "/open"), QByteArray("open"));
        QCOMPARE(bytes(table->match("POST", "/open").allow), QByteArray("GET, HEAD"));
    }

    void badPathTemplateIsReported()
    {
        Route bad = makeRoute("GET", "/users/{id", "bad");
        bad.fileName = "get-users.json";
        std::vector<Diagnostic> errors;
        const auto table = buildTable({ bad, makeRoute("GET", "/ok", "ok") }, &errors);
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(bytes(errors.front().file), QByteArray("routes/get-users.json"));
        QVERIFY2(
            bytes(errors.front().message).contains("unbalanced"), errors.front().message.c_str());
        QCOMPARE(table->routes().size(), std::size_t(1));
        QCOMPARE(matchedBody(*table, "GET", "/ok"), QByteArray("ok"));

        // Without a file the message names the route instead.
        errors.clear();
        buildTable({ makeRoute("GET", "no-slash") }, &errors);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors.front().file.empty());
        QVERIFY2(bytes(errors.front().message).startsWith("GET no-slash: "),
            errors.front().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPathTemplate)
#include "tst_pathtemplate.moc"
