// Route files from text: what fuzz_routefile found. A route file that loads
// without a problem saves and loads back as the same route.

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

QTEST_GUILESS_MAIN(TestRouteFile)
#include "tst_routefile.moc"
