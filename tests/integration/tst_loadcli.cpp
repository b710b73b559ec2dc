// `tollgated load` as a CI job runs it: the summary it prints, the JSON report
// it writes and saves with a workspace, --plan and --compare, its exit codes,
// and its refusals of bad input. The target is an embedded engine on a free
// loopback port; the engine's own traffic log is the reference count.

#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

using namespace testsupport;

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result runLoad(const QStringList& args)
{
    QProcess p;
    p.start(kTollgated, QStringList { QStringLiteral("load") } + args);
    Result r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

Workspace twoRoutes()
{
    Workspace ws;
    ws.routes.push_back(makeRoute("GET", "/ok", 200, R"({"ok":true})"));
    ws.routes.push_back(makeRoute("GET", "/items/{id}", 404, R"({"error":"no such item"})"));
    return ws;
}

} // namespace

class TestLoadCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countedRunPrintsSummaryAndReport();
    void planMixAndSavedRuns();
    void nothingListeningExitsOne();
    void badInputIsRefused();
    void interruptStopsAndStillReports();
};

void TestLoadCli::countedRunPrintsSummaryAndReport()
{
    TestServer server(twoRoutes());
    QVERIFY2(server.ok(), server.problems().constData());
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("report.json"));
    const QString url = QStringLiteral("http://127.0.0.1:%1/ok").arg(server.port());
    const Result r = runLoad({ QStringLiteral("--url"), url, QStringLiteral("--connections"),
        QStringLiteral("4"), QStringLiteral("--requests"), QStringLiteral("300"),
        QStringLiteral("--json"), json, QStringLiteral("--quiet") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("requests: 300\n"), r.out.constData());
    QVERIFY2(r.out.contains("200  300") || r.out.contains("200 300"), r.out.constData());
    QVERIFY2(r.out.contains("errors: none"), r.out.constData());
    // What it states before it starts: the model and the target.
    QVERIFY2(r.err.contains("closed model, 4 connections"), r.err.constData());

    const QJsonObject report = readJson(json);
    const QJsonObject total = report.value(QStringLiteral("total")).toObject();
    QCOMPARE(total.value(QStringLiteral("requests")).toInteger(), 300);
    QCOMPARE(
        total.value(QStringLiteral("statuses")).toObject().value(QStringLiteral("200")).toInteger(),
        300);
    QVERIFY(
        total.value(QStringLiteral("latency")).toObject().value(QStringLiteral("p50")).toInteger()
        > 0);
    QVERIFY(report.value(QStringLiteral("target")).toString().contains(QStringLiteral("loopback")));

    // The server saw exactly as many requests.
    std::vector<TrafficEvent> events;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            std::vector<TrafficEvent> more;
            server.engine->drainTraffic(&more, 100000);
            events.insert(events.end(), more.begin(), more.end());
            return events.size() >= 300;
        }(),
        10000);
    QCOMPARE(events.size(), std::size_t(300));
}

void TestLoadCli::planMixAndSavedRuns()
{
    TestServer server(twoRoutes());
    QVERIFY2(server.ok(), server.problems().constData());
    QTemporaryDir dir;
    const QString plan = dir.filePath(QStringLiteral("plan.json"));
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"mix":[{"method":"GET","path":"/ok","weight":3},)"
            R"({"method":"GET","path":"/items/{id}","weight":1,)"
            R"("params":[{"name":"id","value":"{{#randomInt}}1 50{{/randomInt}}"}]}],)"
            R"("connections":2,"requestCount":400})");
    f.close();
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    for (int run = 0; run < 2; ++run) {
        const Result r = runLoad({ QStringLiteral("--plan"), plan, QStringLiteral("--url"), url,
            QStringLiteral("--workspace"), workspace, QStringLiteral("--quiet") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("requests: 400\n"), r.out.constData());
        QVERIFY2(r.out.contains("GET /items/{id}"), r.out.constData());
        QVERIFY2(r.out.contains("404"), r.out.constData());
    }
    QDir runs(workspace + QStringLiteral("/.tollgate/loadruns"));
    const QStringList files = runs.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    const QJsonObject saved = readJson(runs.filePath(files.first()));
    const QJsonObject total = saved.value(QStringLiteral("total")).toObject();
    const auto statuses = total.value(QStringLiteral("statuses")).toObject();
    QCOMPARE(statuses.value(QStringLiteral("200")).toInteger()
            + statuses.value(QStringLiteral("404")).toInteger(),
        400);
    // Weight 3 to 1: about 300 and 100; far outside that the mix is broken.
    QVERIFY2(statuses.value(QStringLiteral("200")).toInteger() > 240,
        qPrintable(QString::number(statuses.value(QStringLiteral("200")).toInteger())));
    QVERIFY(statuses.value(QStringLiteral("404")).toInteger() > 60);

    const Result cmp = runLoad(
        { QStringLiteral("--compare"), runs.filePath(files.at(0)), runs.filePath(files.at(1)) });
    QVERIFY2(cmp.exitCode == 0, cmp.err.constData());
    QVERIFY2(cmp.out.contains("p99"), cmp.out.constData());
    QVERIFY2(cmp.out.contains("400"), cmp.out.constData());
}

void TestLoadCli::nothingListeningExitsOne()
{
    // A port that was free a moment ago: bind, note it, close.
    quint16 port = 0;
    {
        TestServer probe(Workspace {});
        QVERIFY(probe.ok());
        port = probe.port();
    }
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("report.json"));
    const Result r
        = runLoad({ QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1/").arg(port),
            QStringLiteral("--connections"), QStringLiteral("2"), QStringLiteral("--duration"),
            QStringLiteral("0.5"), QStringLiteral("--json"), json, QStringLiteral("--quiet") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains("connect"), r.out.constData());
    const QJsonObject errors = readJson(json)
                                   .value(QStringLiteral("total"))
                                   .toObject()
                                   .value(QStringLiteral("errors"))
                                   .toObject();
    QVERIFY(errors.value(QStringLiteral("connect")).toInteger() > 0);
    QCOMPARE(errors.value(QStringLiteral("reset")).toInteger(), 0);
    QCOMPARE(errors.value(QStringLiteral("timeout")).toInteger(), 0);
}

void TestLoadCli::badInputIsRefused()
{
    Result r = runLoad({ QStringLiteral("--url"), QStringLiteral("ftp://example.com/") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("ftp"), r.err.constData());
    r = runLoad({ QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/"),
        QStringLiteral("--connections"), QStringLiteral("0") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--connections"), r.err.constData());
    r = runLoad({ QStringLiteral("--duration"), QStringLiteral("5") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--url is required"), r.err.constData());
    QTemporaryDir dir;
    const QString plan = dir.filePath(QStringLiteral("plan.json"));
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"mix":[{"method":"GET","path":"/x","weight":"heavy"}]})");
    f.close();
    r = runLoad({ QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/"),
        QStringLiteral("--plan"), plan });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("weight"), r.err.constData());
}

void TestLoadCli::interruptStopsAndStillReports()
{
    TestServer server(twoRoutes());
    QVERIFY2(server.ok(), server.problems().constData());
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("report.json"));
    QProcess p;
    p.start(kTollgated,
        { QStringLiteral("load"), QStringLiteral("--url"),
            QStringLiteral("http://127.0.0.1:%1/ok").arg(server.port()),
            QStringLiteral("--connections"), QStringLiteral("2"), QStringLiteral("--duration"),
            QStringLiteral("120"), QStringLiteral("--json"), json });
    QVERIFY(p.waitForStarted());
    // The first per-second line on stderr: requests are being answered.
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), err.contains("req/s")), 10000);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(out.contains("stopped early"), out.constData());
    const QJsonObject report = readJson(json);
    QVERIFY(report.value(QStringLiteral("stopped")).toBool());
    QVERIFY(report.value(QStringLiteral("total"))
                .toObject()
                .value(QStringLiteral("requests"))
                .toInteger()
        > 0);
    // Stopped after about a second, far from the 120 it was given.
    QVERIFY(report.value(QStringLiteral("measuredSeconds")).toDouble() < 60);
}

QTEST_GUILESS_MAIN(TestLoadCli)
#include "tst_loadcli.moc"
