// `tollgated load --threshold` as a CI job uses it: runs built to pass exit 0,
// runs built to fail exit 99 with the failing threshold named, for every kind
// of threshold (latency, errors, statuses, throughput, and the business facts
// read from the server's admin endpoint: cost, price, margin, revenue, quota
// burn); --abort-on-fail stops a long run early; thresholds come from saved
// plans too; and what cannot be checked is refused before a request goes out.
// The target is an embedded engine with priced tiers and keys, and its own
// admin endpoint.

#include "testserver.h"

#include "server/access/apikey.h"
#include "server/metering/adminserver.h"
#include "server/workspace/workspacestore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>

namespace {

using namespace testsupport;

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

Result runLoad(const QStringList& args)
{
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(kTollgated, QStringList { QStringLiteral("load") } + args);
    Result r;
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.elapsedMs = timer.elapsed();
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

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The thresholds of a JSON report by their text.
QJsonObject thresholdsByText(const QJsonObject& report)
{
    QJsonObject out;
    for (const auto& v : report.value(QStringLiteral("thresholds")).toArray())
        out.insert(v.toObject().value(QStringLiteral("threshold")).toString(), v);
    return out;
}

/// A priced API: /ok costs $0.0005 to serve; pro pays $0.002 a request
/// without a rate limit and with a quota no run can burn; starter the same
/// with a quota of 100 a month; free pays nothing and may send one request a
/// second after a burst of two. /flaky resets half its connections.
struct PricedApi {
    Workspace ws;
    std::string pro, starter, free;

    PricedApi()
    {
        ws.tiers.clear();
        Tier proTier;
        proTier.id = proTier.name = "pro";
        proTier.requestsPerMinute = 0;
        proTier.monthlyQuota = 1'000'000'000'000;
        proTier.pricePerRequestMicros = 2000;
        ws.tiers.push_back(proTier);
        Tier starterTier = proTier;
        starterTier.id = starterTier.name = "starter";
        starterTier.monthlyQuota = 100;
        starterTier.overQuota = OverQuotaPolicy::Bill;
        ws.tiers.push_back(starterTier);
        Tier freeTier;
        freeTier.id = freeTier.name = "free";
        freeTier.requestsPerMinute = 60;
        freeTier.burst = 2;
        freeTier.monthlyQuota = 0;
        ws.tiers.push_back(freeTier);

        Route ok = makeRoute("GET", "/ok", 200, R"({"ok":true})");
        ok.access.keyRequired = true;
        ok.access.costMicros = 500;
        ws.routes.push_back(ok);
        Route flaky = makeRoute("GET", "/flaky", 200, R"({"ok":true})");
        flaky.failure.percent = 50;
        flaky.failure.reset = true;
        ws.routes.push_back(flaky);

        pro = key("pro");
        starter = key("starter");
        free = key("free");
    }

    std::string key(const std::string& tier)
    {
        NewKey k;
        KeyOptions options;
        options.tier = tier;
        std::string error;
        if (!createKey("development", options, nowSeconds(), &k, &error))
            qFatal("createKey: %s", error.c_str());
        ws.keys.push_back(k.record);
        return k.secret;
    }
};

} // namespace

class TestLoadThresholds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runBuiltToPassExitsZero();
    void runsBuiltToFailExitNinetyNine_data();
    void runsBuiltToFailExitNinetyNine();
    void abortOnFailStopsTheRun();
    void savedPlansCarryThresholds();
    void whatCannotBeCheckedIsRefused_data();
    void whatCannotBeCheckedIsRefused();

private:
    QStringList common(const QString& path, const QString& keyTier) const;

    PricedApi m_api;
    std::unique_ptr<TestServer> m_server;
    AdminServer m_admin;
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_adminUrl;
};

void TestLoadThresholds::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The CLI reads the tiers' quotas from the workspace on disk.
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    m_api.ws.dir = m_workspace.toStdString();
    std::string error;
    QVERIFY2(saveWorkspace(m_api.ws, &error), error.c_str());
    m_server = std::make_unique<TestServer>(m_api.ws);
    QVERIFY2(m_server->ok(), m_server->problems().constData());
    QVERIFY2(m_admin.start("127.0.0.1", 0, m_server->engine->metering(), &error), error.c_str());
    m_adminUrl = QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_admin.port());
}

void TestLoadThresholds::cleanupTestCase()
{
    m_admin.stop();
    m_server.reset();
}

QStringList TestLoadThresholds::common(const QString& path, const QString& keyTier) const
{
    QStringList args { QStringLiteral("--url"),
        QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path),
        QStringLiteral("--connections"), QStringLiteral("2"), QStringLiteral("--quiet"),
        QStringLiteral("--admin"), m_adminUrl, QStringLiteral("--workspace"), m_workspace };
    if (!keyTier.isEmpty()) {
        const std::string& secret = keyTier == QStringLiteral("pro") ? m_api.pro
            : keyTier == QStringLiteral("starter")                    ? m_api.starter
                                                                      : m_api.free;
        args << QStringLiteral("--key")
             << keyTier + QLatin1Char('=') + QString::fromStdString(secret);
    }
    return args;
}

void TestLoadThresholds::runBuiltToPassExitsZero()
{
    const QString json = m_dir.filePath(QStringLiteral("pass.json"));
    const QStringList thresholds { QStringLiteral("p99<5s"), QStringLiteral("max<=10s"),
        QStringLiteral("mean<1000"), QStringLiteral("errors<1%"), QStringLiteral("errors<=0"),
        QStringLiteral("status200>=100%"), QStringLiteral("status2xx{tier=pro}>=99%"),
        QStringLiteral("status429<1%"), QStringLiteral("rps>1"),
        QStringLiteral("price{tier=pro}>=$0.002"), QStringLiteral("cost<=$0.0005"),
        QStringLiteral("margin>$0.001"), QStringLiteral("revenue>$0/s"),
        QStringLiteral("quota_burn{tier=pro}<100%"), QStringLiteral("p95{route=GET /ok}<5s") };
    QStringList args = common(QStringLiteral("/ok"), QStringLiteral("pro"));
    args << QStringLiteral("--requests") << QStringLiteral("400") << QStringLiteral("--json")
         << json;
    for (const auto& t : thresholds)
        args << QStringLiteral("--threshold") << t;
    const Result r = runLoad(args);
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.out.contains("thresholds: 15 of 15 passed"), r.out.constData());
    QVERIFY2(!r.out.contains("FAIL"), r.out.constData());

    const QJsonObject byText = thresholdsByText(readJson(json));
    QCOMPARE(byText.size(), thresholds.size());
    for (const auto& t : thresholds) {
        const QJsonObject o = byText.value(t).toObject();
        QVERIFY2(o.value(QStringLiteral("passed")).toBool(), qPrintable(t));
        QVERIFY2(o.value(QStringLiteral("measured")).toBool(), qPrintable(t));
        QCOMPARE(o.value(QStringLiteral("breachedAtSecond")).toInteger(), -1);
    }
    // The server's own meters, to the micro-dollar: 400 answers at $0.002
    // each, $0.0005 each to serve.
    auto actual = [&](const char* t) {
        return byText.value(QLatin1String(t))
            .toObject()
            .value(QStringLiteral("actual"))
            .toDouble();
    };
    QCOMPARE(actual("price{tier=pro}>=$0.002"), 0.002);
    QCOMPARE(actual("cost<=$0.0005"), 0.0005);
    QCOMPARE(actual("margin>$0.001"), 0.0015);
    QCOMPARE(actual("status200>=100%"), 1.0);
}

void TestLoadThresholds::runsBuiltToFailExitNinetyNine_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("threshold");
    QTest::addColumn<QString>("passing"); // the same measure, built to pass

    QTest::newRow("percentile") << "/ok" << "pro" << "p50<1us" << "p50<10s";
    QTest::newRow("max") << "/ok" << "pro" << "max<1us" << "max<10s";
    QTest::newRow("mean") << "/ok" << "pro" << "mean<0.001ms" << "mean<10s";
    QTest::newRow("error share") << "/flaky" << "" << "errors<1%" << "errors<100%";
    QTest::newRow("error count") << "/flaky" << "" << "errors<=1" << "errors<=1000";
    QTest::newRow("status share by tier")
        << "/ok" << "free" << "status429{tier=free}<5%" << "status429{tier=free}>5%";
    QTest::newRow("status class") << "/ok" << "free" << "status4xx<=0" << "status4xx>0";
    QTest::newRow("throughput") << "/ok" << "pro" << "rps>100000000" << "rps>1";
    QTest::newRow("cost") << "/ok" << "pro" << "cost<$0.0004" << "cost<$0.0006";
    QTest::newRow("price") << "/ok" << "pro" << "price>$0.002" << "price>=$0.002";
    QTest::newRow("margin") << "/ok" << "pro" << "margin<$0" << "margin>$0";
    QTest::newRow("negative margin")
        << "/ok" << "free" << "margin>=$0" << "margin>=-$0.0005";
    QTest::newRow("revenue") << "/ok" << "pro" << "revenue>$1000000/s" << "revenue>$0.001/s";
    QTest::newRow("quota burn")
        << "/ok" << "starter" << "quota_burn{tier=starter}<100%" << "quota_burn{tier=starter}>100%";
}

void TestLoadThresholds::runsBuiltToFailExitNinetyNine()
{
    QFETCH(QString, path);
    QFETCH(QString, tier);
    QFETCH(QString, threshold);
    QFETCH(QString, passing);
    const QString json = m_dir.filePath(QStringLiteral("fail.json"));
    QStringList args = common(path, tier);
    args << QStringLiteral("--requests") << QStringLiteral("200") << QStringLiteral("--json")
         << json << QStringLiteral("--threshold") << threshold << QStringLiteral("--threshold")
         << passing;
    const Result r = runLoad(args);
    QVERIFY2(r.exitCode == 99, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.out.contains("thresholds: 1 of 2 passed"), r.out.constData());
    QVERIFY2(r.out.contains(QByteArray(QByteArray("FAIL  ") + threshold.toUtf8())), r.out.constData());
    QVERIFY2(r.out.contains(QByteArray(QByteArray("pass  ") + passing.toUtf8())), r.out.constData());
    const QJsonObject byText = thresholdsByText(readJson(json));
    const QJsonObject failed = byText.value(threshold).toObject();
    QVERIFY(!failed.value(QStringLiteral("passed")).toBool());
    // Failed on what was measured, not for lack of figures.
    QVERIFY2(failed.value(QStringLiteral("measured")).toBool(),
        qPrintable(failed.value(QStringLiteral("actualText")).toString()));
    QVERIFY(byText.value(passing).toObject().value(QStringLiteral("passed")).toBool());
}

void TestLoadThresholds::abortOnFailStopsTheRun()
{
    const QString json = m_dir.filePath(QStringLiteral("abort.json"));
    QStringList args = common(QStringLiteral("/ok"), QStringLiteral("pro"));
    args << QStringLiteral("--duration") << QStringLiteral("60") << QStringLiteral("--json")
         << json << QStringLiteral("--threshold") << QStringLiteral("p50<1us")
         << QStringLiteral("--abort-on-fail");
    const Result r = runLoad(args);
    QVERIFY2(r.exitCode == 99, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.err.contains("threshold p50<1us fails at"), r.err.constData());
    QVERIFY2(r.out.contains("the run was stopped when p50<1us failed"), r.out.constData());
    const QJsonObject report = readJson(json);
    QCOMPARE(report.value(QStringLiteral("abortedBy")).toString(), QStringLiteral("p50<1us"));
    QVERIFY(report.value(QStringLiteral("stopped")).toBool());
    // Checked every second: stopped long before the minute was up.
    QVERIFY2(report.value(QStringLiteral("measuredSeconds")).toDouble() < 30,
        qPrintable(QString::number(report.value(QStringLiteral("measuredSeconds")).toDouble())));
    QVERIFY2(r.elapsedMs < 40000, qPrintable(QString::number(r.elapsedMs)));
    const QJsonObject t = thresholdsByText(report).value(QStringLiteral("p50<1us")).toObject();
    QVERIFY(t.value(QStringLiteral("breachedAtSecond")).toInteger() >= 1);
}

void TestLoadThresholds::savedPlansCarryThresholds()
{
    const QString plan = m_dir.filePath(QStringLiteral("plan.json"));
    QFile f(plan);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QByteArray text = R"({"settings": {"url": "http://127.0.0.1:)"
        + QByteArray::number(m_server->port())
        + R"(/flaky", "requestCount": 100, "connections": 2,
           "thresholds": ["errors<1%", "p99<10s"]}})";
    QCOMPARE(f.write(text), text.size());
    f.close();
    const Result failing
        = runLoad({ QStringLiteral("--plan"), plan, QStringLiteral("--quiet") });
    QVERIFY2(failing.exitCode == 99, QByteArray(failing.out + failing.err).constData());
    QVERIFY2(failing.out.contains("FAIL  errors<1%"), failing.out.constData());
    // The command line adds to the plan's.
    const Result added = runLoad({ QStringLiteral("--plan"), plan, QStringLiteral("--quiet"),
        QStringLiteral("--threshold"), QStringLiteral("rps>0") });
    QVERIFY2(added.out.contains("thresholds: 2 of 3 passed"), added.out.constData());
}

void TestLoadThresholds::whatCannotBeCheckedIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString url = QStringLiteral("http://127.0.0.1:1/ok"); // never reached
    auto row = [&](const char* name, QStringList extra, const char* message) {
        QTest::newRow(name) << (QStringList { QStringLiteral("--url"), url,
                                    QStringLiteral("--requests"), QStringLiteral("5") }
                                   + extra)
                            << QString::fromUtf8(message);
    };
    row("syntax", { QStringLiteral("--threshold"), QStringLiteral("p95<abc") },
        "threshold \"p95<abc\"");
    row("unknown measure", { QStringLiteral("--threshold"), QStringLiteral("latency<1s") },
        "unknown measure");
    row("tier not in the pool",
        { QStringLiteral("--key"), QStringLiteral("pro=tg_x"), QStringLiteral("--threshold"),
            QStringLiteral("status429{tier=gold}<5%") },
        "no key of the pool has the tier \"gold\"");
    row("route not in the mix",
        { QStringLiteral("--threshold"), QStringLiteral("p95{route=GET /nope}<1s") },
        "the route mix has no \"GET /nope\" (its routes: GET /ok)");
    row("money without the server",
        { QStringLiteral("--threshold"), QStringLiteral("margin>$0") }, "--admin URL");
    row("quota without the workspace",
        { QStringLiteral("--key"), QStringLiteral("pro=tg_x"), QStringLiteral("--threshold"),
            QStringLiteral("quota_burn{tier=pro}<100%") },
        "--workspace DIR");
    row("admin endpoint not there",
        { QStringLiteral("--threshold"), QStringLiteral("margin>$0"), QStringLiteral("--admin"),
            QStringLiteral("http://127.0.0.1:1") },
        "cannot read the server's metrics: cannot connect to 127.0.0.1:1");
}

void TestLoadThresholds::whatCannotBeCheckedIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Result r = runLoad(args);
    QVERIFY2(r.exitCode == 2, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    // Refused before the run: nothing was sent, so no summary.
    QVERIFY2(!r.out.contains("requests:"), r.out.constData());
}

QTEST_GUILESS_MAIN(TestLoadThresholds)
#include "tst_loadthresholds.moc"
