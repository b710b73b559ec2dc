// Finding the schema of the answer a saved request got: by method and path
// as the server picks routes (the most specific template wins), only for
// requests to where the routes are served, by the status that came.

#include "server/checks/answerschemas.h"

#include <QTest>

using namespace tollgate::server;

namespace {

Route route(std::string method, std::string path, std::vector<std::pair<int, std::string>> answers)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.responses.clear();
    for (auto& [status, schema] : answers) {
        Response a;
        a.status = status;
        a.schema = std::move(schema);
        r.responses.push_back(std::move(a));
    }
    return r;
}

ComposerRequest request(std::string method, std::string url)
{
    ComposerRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    return r;
}

} // namespace

class TestAnswerSchemas : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void find_data()
    {
        QTest::addColumn<std::string>("method");
        QTest::addColumn<std::string>("url");
        QTest::addColumn<int>("status");
        QTest::addColumn<std::string>("schema"); // empty: none

        const std::string base = "http://127.0.0.1:8080";
        QTest::newRow("parameter")
            << std::string("GET") << base + "/users/7" << 200 << std::string("user");
        QTest::newRow("other status")
            << std::string("GET") << base + "/users/7" << 404 << std::string("problem");
        QTest::newRow("status without schema")
            << std::string("GET") << base + "/users/7" << 500 << std::string();
        QTest::newRow("query ignored")
            << std::string("GET") << base + "/users/7?full=1#x" << 200 << std::string("user");
        QTest::newRow("literal beats parameter")
            << std::string("GET") << base + "/users/me" << 200 << std::string();
        QTest::newRow("percent-decoded")
            << std::string("GET") << base + "/files/a%20b/c" << 200 << std::string("file");
        QTest::newRow("other method")
            << std::string("POST") << base + "/users/7" << 200 << std::string("created");
        QTest::newRow("empty method is GET")
            << std::string() << base + "/users/7" << 200 << std::string("user");
        QTest::newRow("unknown path")
            << std::string("GET") << base + "/nope" << 200 << std::string();
        QTest::newRow("another server")
            << std::string("GET") << std::string("http://127.0.0.1:9090/users/7") << 200
            << std::string();
        QTest::newRow("prefix of a longer host")
            << std::string("GET") << base + "0/users/7" << 200 << std::string();
        QTest::newRow("bad escape")
            << std::string("GET") << base + "/users/%zz" << 200 << std::string();
    }
    void find()
    {
        QFETCH(std::string, method);
        QFETCH(std::string, url);
        QFETCH(int, status);
        QFETCH(std::string, schema);
        // "/users/me" has no schema, yet it answers /users/me: nothing is found.
        const AnswerSchemas schemas(
            { route("GET", "/users/{id}", { { 200, "user" }, { 404, "problem" }, { 500, "" } }),
                route("GET", "/users/me", { { 200, "" } }),
                route("POST", "/users/{id}", { { 200, "created" } }),
                route("GET", "/files/*", { { 200, "file" } }) },
            "http://127.0.0.1:8080/");
        const auto found = schemas.find(request(method, url), status);
        QCOMPARE(found.value_or(""), schema);
        QCOMPARE(found.has_value(), !schema.empty());
    }

    void noBaseUrlFindsNothing()
    {
        const AnswerSchemas schemas({ route("GET", "/a", { { 200, "a" } }) }, "");
        QVERIFY(!schemas.find(request("GET", "/a"), 200));
    }
};

QTEST_GUILESS_MAIN(TestAnswerSchemas)
#include "tst_answerschemas.moc"
