// Route files from text: what fuzz_routefile found. A route file that loads
// without a problem saves and loads back as the same route. An answer's
// schema is written as JSON and read back; one that is not a schema is an
// error naming the member.

#include "server/workspace/routefile.h"

#include <QTest>

#include <cstdint>
#include <string>
#include <vector>

using namespace tollgate::server;

class TestRouteFile : public QObject {
    Q_OBJECT

private slots:
    void burstWithoutRateSurvivesSave();
    void answerSchemaRoundTrips();
};

void TestRouteFile::burstWithoutRateSurvivesSave()
{
    // fuzz/regressions/routefile/burst-without-rate.json: a burst set before
    // the route's own rate was dropped on save.
    Route route;
    std::vector<Diagnostic> errors;
    QVERIFY(
        routeFromJson(R"({"path": "/x", "access": {"burst": 3}})", "get-x.json", &route, &errors));
    QVERIFY(errors.empty());
    QCOMPARE(route.access.burst, std::int64_t { 3 });
    QCOMPARE(route.access.requestsPerMinute, std::int64_t { 0 });

    Route again;
    QVERIFY(routeFromJson(routeToJson(route), "get-x.json", &again, &errors));
    QVERIFY(errors.empty());
    QCOMPARE(again.access.burst, std::int64_t { 3 });
    QVERIFY(again == route);

    // Neither set: neither is written, as before.
    Route plain;
    QVERIFY(routeToJson(plain).find("burst") == std::string::npos);
}

void TestRouteFile::answerSchemaRoundTrips()
{
    Route route;
    std::vector<Diagnostic> errors;
    QVERIFY(routeFromJson(
        R"({"path": "/x", "responses": [{"status": 200, "schema": {"type": "object", "required": ["id"]}}]})",
        "get-x.json", &route, &errors));
    QVERIFY(errors.empty());
    QCOMPARE(route.responses.front().schema, std::string(R"({"type":"object","required":["id"]})"));
    const std::string text = routeToJson(route);
    QVERIFY2(text.find(R"("schema": {)") != std::string::npos, text.c_str());
    Route again;
    QVERIFY(routeFromJson(text, "get-x.json", &again, &errors));
    QVERIFY(again == route);
    // Without one, none is written.
    route.responses.front().schema.clear();
    QVERIFY(routeToJson(route).find(R"("schema")") == std::string::npos);

    errors.clear();
    QVERIFY(!routeFromJson(
        R"({"path": "/x", "responses": [{"schema": "object"}]})", "get-x.json", &again, &errors));
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY2(errors.front().toString().find("get-x.json:1:31: \"schema\" must be a JSON Schema") == 0,
        errors.front().toString().c_str());
}

QTEST_GUILESS_MAIN(TestRouteFile)
#include "tst_routefile.moc"
