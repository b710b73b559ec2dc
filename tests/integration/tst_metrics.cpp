// Metering through the real engine: what each request costs and earns, where
// the records go (live view, metrics.db, JSON log, Prometheus), and tollgated's
// --admin-port and --log-json.

#include "daemon.h"
#include "rawclient.h"
#include "testserver.h"

#include "server/access/apikey.h"
#include "server/metering/adminserver.h"
#include "server/metering/metering.h"
#include "server/workspace/workspacestore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>

using namespace testsupport;

namespace {

std::int64_t nowSecond()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Exchange {
    rawhttp::Response response;
    qsizetype sent = 0;
};

Exchange call(quint16 port, const QByteArray& method, const QByteArray& target,
    const QByteArray& extra = {}, const QByteArray& body = {})
{
    Exchange e;
    rawhttp::RawClient c;
    if (!c.connectTo(port)) {
        e.response.error = "connect failed";
        return e;
    }
    const QByteArray req = rawhttp::request(method, target, extra, body);
    e.sent = req.size();
    c.send(req);
    e.response = c.readResponse();
    return e;
}

/// The bytes the server wrote for a response (it writes "Name: value" lines).
qsizetype responseBytes(const rawhttp::Response& r)
{
    qsizetype n = r.version.size() + 1 + 3 + 1 + r.reason.size() + 2;
    for (const auto& [name, value] : r.headers)
        n += name.size() + 2 + value.size() + 2;
    return n + 2 + r.body.size();
}

const RouteSummary* findRoute(const MetricsView& v, const std::string& name)
{
    for (const auto& r : v.routes) {
        if (r.route == name)
            return &r;
    }
    return nullptr;
}

/// Tier "pro" at 1000 µ$ a request; /paid costs 7 µ$ + 1000 µ$ per ms and
/// waits 30 ms; /priced overrides the price; /free is public and costs 3 µ$.
struct Fixture {
    Workspace ws;
    std::string secret;
    std::string keyId;
    Fixture()
    {
        ws.tiers = { { "pro", "Pro", 0, 0, 0, 1000, 0, 0, OverQuotaPolicy::Block } };
        Route paid = makeRoute("GET", "/paid", 200, "{\"ok\":true}");
        paid.access.keyRequired = true;
        paid.access.costMicros = 7;
        paid.access.costPerMsMicros = 1000;
        paid.latency.minMs = paid.latency.maxMs = 30;
        Route priced = makeRoute("POST", "/priced", 201, "{}");
        priced.access.keyRequired = true;
        priced.access.priceMicros = 2500;
        Route broken = makeRoute("GET", "/broken", 500, "{}");
        broken.access.keyRequired = true;
        broken.access.costMicros = 11;
        Route open = makeRoute("GET", "/free", 200, "{}");
        open.access.costMicros = 3;
        ws.routes = { paid, priced, broken, open };
        NewKey k;
        std::string error;
        KeyOptions options;
        options.tier = "pro";
        if (!createKey("development", options, nowSecond(), &k, &error))
            qFatal("createKey: %s", error.c_str());
        ws.keys.push_back(k.record);
        secret = k.secret;
        keyId = k.record.id;
    }
    QByteArray auth() const
    {
        return "Authorization: Bearer " + QByteArray::fromStdString(secret) + "\r\n";
    }
};

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    void everyRequestIsRecordedWithCostAndPrice();
    void tollgatedAdminPortAndJsonLog();
    void tollgatedRejectsBadMetricsOptions();
    void trafficDrainKeepsTheNewest();
};

void TestMetrics::everyRequestIsRecordedWithCostAndPrice()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Fixture f;
    Engine engine;
    engine.apply(f.ws);
    EngineOptions o;
    o.threads = 2;
    o.stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    o.jsonLog = dir.filePath(QStringLiteral("requests.jsonl")).toStdString();
    std::string error;
    QVERIFY2(engine.start(o, &error), error.c_str());
    QCOMPARE(engine.metricsDatabase(), o.stateDir / "metrics.db");
    AdminServer admin;
    QVERIFY2(admin.start("127.0.0.1", 0, engine.metering(), &error), error.c_str());

    const std::int64_t from = nowSecond();
    const quint16 port = engine.port();
    QSet<QByteArray> ids;
    std::map<QByteArray, std::pair<qsizetype, qsizetype>> sizes; // id -> bytes in, bytes out
    auto send = [&](const QByteArray& method, const QByteArray& target, const QByteArray& extra,
                    int status, const QByteArray& body = {}) {
        const Exchange e = call(port, method, target, extra, body);
        QVERIFY2(e.response.error.isEmpty(), e.response.error.constData());
        QCOMPARE(e.response.status, status);
        const QByteArray id = e.response.header("X-Request-ID");
        QVERIFY(!id.isEmpty());
        ids.insert(id);
        sizes[id] = { e.sent, responseBytes(e.response) };
    };
    for (int i = 0; i < 3; ++i)
        send("GET", "/paid", f.auth(), 200);
    send("GET", "/paid", {}, 401); // refused before serving: costs nothing, earns nothing
    for (int i = 0; i < 2; ++i)
        send("POST", "/priced", f.auth() + "Content-Type: application/json\r\n", 201, "{\"a\":1}");
    send("GET", "/broken", f.auth(), 500); // served, costs, not billable
    for (int i = 0; i < 4; ++i)
        send("GET", "/free", "X-Request-ID: trace-" + QByteArray::number(i) + "\r\n", 200);
    send("GET", "/nope", {}, 404);
    QVERIFY(ids.contains("trace-2")); // a valid incoming id is the record's id

    // Prometheus while running: totals as of the aggregator's last drain,
    // and a worker may record a request a moment after the client has its
    // answer, so wait for all of them.
    auto scrape = [&] {
        const Exchange e = call(admin.port(), "GET", "/metrics");
        return e.response.body;
    };
    const QList<QByteArray> expected {
        "tollgate_requests_total{route=\"GET /free\",class=\"2xx\"} 4\n",
        "tollgate_requests_total{route=\"GET /paid\",class=\"2xx\"} 3\n",
        "tollgate_requests_total{route=\"GET /paid\",class=\"4xx\"} 1\n",
        "tollgate_requests_total{route=\"(none)\",class=\"4xx\"} 1\n",
        "tollgate_revenue_dollars_total{route=\"POST /priced\",tier=\"pro\"} 0.005\n",
        "tollgate_cost_dollars_total{route=\"GET /free\",tier=\"(none)\"} 0.000012\n",
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QByteArray text = scrape();
            return std::all_of(expected.begin(), expected.end(),
                [&](const QByteArray& line) { return text.contains(line); });
        }(),
        5000);
    QCOMPARE(call(admin.port(), "GET", "/other").response.status, 404);
    QCOMPARE(call(admin.port(), "POST", "/metrics").response.status, 405);
    // Bound to loopback, it answers only this machine's names and pages.
    const auto withField = [&](const QByteArray& field) {
        rawhttp::RawClient c;
        if (!c.connectTo(admin.port()))
            return 0;
        c.send(QByteArray("GET /metrics HTTP/1.1\r\n" + field + "\r\n\r\n"));
        return c.readResponse().status;
    };
    QCOMPARE(withField("Host: localhost:9"), 200);
    QCOMPARE(withField("Host: attacker.example"), 403);
    QCOMPARE(withField("Host: 127.0.0.1\r\nOrigin: http://localhost:5173"), 200);
    QCOMPARE(withField("Host: 127.0.0.1\r\nOrigin: https://attacker.example"), 403);
    QCOMPARE(withField("Host: 127.0.0.1\r\nOrigin: null"), 403);
    QCOMPARE(withField("Host: 127.0.0.1\r\nOrigin: http://localhost@attacker.example"), 403);

    engine.stop();
    admin.stop();
    const std::int64_t to = nowSecond() + 1;

    // The live view: every request once, with its route, tier, cost and price.
    const MetricsView v = engine.metering()->live(from - 1, to, 1, {});
    std::uint64_t total = 0;
    for (const auto& p : v.series)
        total += p.count;
    QCOMPARE(total, std::uint64_t(ids.size()));
    const RouteSummary* paid = findRoute(v, "GET /paid");
    QVERIFY(paid);
    QCOMPARE(paid->count, std::uint64_t(4));
    QCOMPARE(paid->counts[Status4xx], std::uint64_t(1));
    QCOMPARE(paid->revenueMicros, std::int64_t(3000));
    QVERIFY2(paid->costMicros >= 3 * (7 + 30 * 1000), std::to_string(paid->costMicros).c_str());
    QVERIFY(paid->p50 >= 30'000); // injected latency is in the record
    const RouteSummary* priced = findRoute(v, "POST /priced");
    QVERIFY(priced);
    QCOMPARE(priced->revenueMicros, std::int64_t(5000)); // the route's price, not the tier's
    QCOMPARE(priced->costMicros, std::int64_t(0));
    const RouteSummary* broken = findRoute(v, "GET /broken");
    QVERIFY(broken);
    QCOMPARE(broken->counts[Status5xx], std::uint64_t(1));
    QCOMPARE(broken->costMicros, std::int64_t(11));
    QCOMPARE(broken->revenueMicros, std::int64_t(0)); // 5xx is not billed
    const RouteSummary* open = findRoute(v, "GET /free");
    QVERIFY(open);
    QCOMPARE(open->costMicros, std::int64_t(12));
    const RouteSummary* none = findRoute(v, std::string(kNoneDimension));
    QVERIFY(none);
    QCOMPARE(none->counts[Status4xx], std::uint64_t(1));
    QCOMPARE(v.keys.size(), std::size_t(1));
    QCOMPARE(v.keys[0].key, f.keyId);
    QCOMPARE(v.keys[0].count, std::uint64_t(6));
    QCOMPARE(v.keys[0].tier, std::string("pro"));

    // The usage ledger books the same cost and revenue for the key.
    std::int64_t ledgerCost = 0, ledgerRevenue = 0;
    for (const KeyUsage& u : engine.usage()) {
        if (u.keyId == f.keyId) {
            ledgerCost += u.costMicros;
            ledgerRevenue += u.revenueMicros;
        }
    }
    QCOMPARE(ledgerRevenue, paid->revenueMicros + priced->revenueMicros);
    QCOMPARE(ledgerCost, paid->costMicros + broken->costMicros);

    // metrics.db holds the same numbers once stopped.
    const MetricsView stored = historicalView(engine.metricsDatabase(), from - 1, to, 1, {});
    QVERIFY2(stored.problem.empty(), stored.problem.c_str());
    std::uint64_t storedTotal = 0;
    for (const auto& p : stored.series)
        storedTotal += p.count;
    QCOMPARE(storedTotal, total);
    QCOMPARE(findRoute(stored, "GET /paid")->costMicros, paid->costMicros);

    // The JSON log: one valid line per request, with the id the client got.
    QFile log(QString::fromStdString(o.jsonLog));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = log.readAll().split('\n');
    QSet<QByteArray> logged;
    std::int64_t loggedPaidCost = 0;
    for (const QByteArray& line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError pe;
        const QJsonObject o2 = QJsonDocument::fromJson(line, &pe).object();
        QVERIFY2(pe.error == QJsonParseError::NoError, line.constData());
        const QByteArray id = o2.value(QStringLiteral("requestId")).toString().toUtf8();
        logged.insert(id);
        QVERIFY2(sizes.count(id), id.constData());
        QCOMPARE(o2.value(QStringLiteral("bytesIn")).toInteger(), sizes[id].first);
        QCOMPARE(o2.value(QStringLiteral("bytesOut")).toInteger(), sizes[id].second);
        if (o2.value(QStringLiteral("route")).toString() == QLatin1String("GET /paid")
            && o2.value(QStringLiteral("status")).toInt() == 200) {
            const qint64 cost = o2.value(QStringLiteral("costMicros")).toInteger();
            const qint64 latency = o2.value(QStringLiteral("latencyUs")).toInteger();
            // 7 fixed + 1000 per ms of handling, which ends before the write.
            QVERIFY2(cost >= 7 + 30'000 && cost <= 7 + latency + 1,
                qPrintable(QStringLiteral("%1 vs %2").arg(cost).arg(latency)));
            QCOMPARE(o2.value(QStringLiteral("key")).toString(), QString::fromStdString(f.keyId));
            QCOMPARE(o2.value(QStringLiteral("tier")).toString(), QStringLiteral("pro"));
            QCOMPARE(o2.value(QStringLiteral("priceMicros")).toInteger(), qint64(1000));
            loggedPaidCost += cost;
        }
    }
    QCOMPARE(logged, ids);
    QCOMPARE(engine.requestLogDropped(), std::uint64_t(0)); // every line above made it
    QCOMPARE(loggedPaidCost, paid->costMicros);
}

void TestMetrics::tollgatedAdminPortAndJsonLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Fixture f;
    const QString ws = dir.filePath(QStringLiteral("ws"));
    std::string error;
    Workspace w = f.ws;
    w.dir = ws.toStdString();
    QVERIFY2(saveWorkspace(w, &error), error.c_str());
    QVERIFY2(saveKeys(w.dir, w.keys, &error), error.c_str());
    const QString logFile = dir.filePath(QStringLiteral("log.jsonl"));
    Daemon d;
    const QByteArray startError = d.start({ QStringLiteral("--workspace"), ws,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--admin-port"),
        QStringLiteral("0"), QStringLiteral("--log-json"), logFile, QStringLiteral("--no-watch") });
    QVERIFY2(startError.isEmpty(), startError.constData());
    static const QRegularExpression adminLine(
        QStringLiteral("admin on http://127\\.0\\.0\\.1:(\\d+)/metrics"));
    const auto m = adminLine.match(QString::fromUtf8(d.out()));
    QVERIFY2(m.hasMatch(), d.out().constData());
    const auto adminPort = static_cast<quint16>(m.captured(1).toUInt());
    const QByteArray dbLine
        = "metrics: " + QDir(ws).filePath(QStringLiteral(".tollgate/metrics.db")).toUtf8();
    QVERIFY2(d.out().contains(dbLine), d.out().constData());

    for (int i = 0; i < 5; ++i)
        QCOMPARE(call(d.port(), "GET", "/free").response.status, 200);
    QCOMPARE(call(d.port(), "GET", "/paid", f.auth()).response.status, 200);
    const QList<QByteArray> expected {
        "tollgate_requests_total{route=\"GET /paid\",class=\"2xx\"} 1\n",
        "tollgate_requests_total{route=\"GET /free\",class=\"2xx\"} 5\n",
        "tollgate_revenue_dollars_total{route=\"GET /paid\",tier=\"pro\"} 0.001\n",
    };
    // A worker may record a request a moment after the client has its answer.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QByteArray body = call(adminPort, "GET", "/metrics").response.body;
            return std::all_of(expected.begin(), expected.end(),
                [&](const QByteArray& line) { return body.contains(line); });
        }(),
        5000);
    const Exchange e = call(adminPort, "GET", "/metrics");
    QVERIFY(e.response.header("Content-Type").startsWith("text/plain; version=0.0.4"));
    QCOMPARE(call(adminPort, "GET", "/health").response.status, 200);

    QVERIFY2(d.stop(), d.diagnostics().constData());
    QFile log(logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray all = log.readAll();
    QCOMPARE(all.count('\n'), 6);
    QVERIFY(all.contains("\"route\":\"GET /paid\""));
}

void TestMetrics::tollgatedRejectsBadMetricsOptions()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const struct {
        QStringList args;
        QByteArray message;
    } cases[] = {
        { { QStringLiteral("--admin-port"), QStringLiteral("http") }, "--admin-port must be" },
        { { QStringLiteral("--metrics-retention"), QStringLiteral("0") },
            "--metrics-retention must be" },
        { { QStringLiteral("--log-json"), QString() }, "--log-json needs a file name" },
    };
    for (const auto& c : cases) {
        QProcess p;
        p.start(QStringLiteral(TOLLGATED_PATH),
            QStringList { QStringLiteral("--workspace"), dir.path() } + c.args);
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains(c.message), c.message.constData());
    }
    // A log file that cannot be opened stops the start with a clear error.
    QProcess p;
    p.start(QStringLiteral(TOLLGATED_PATH),
        { QStringLiteral("--workspace"), dir.path(), QStringLiteral("--port"), QStringLiteral("0"),
            QStringLiteral("--log-json"), dir.filePath(QStringLiteral("missing/dir/log.jsonl")) });
    QVERIFY(p.waitForFinished(10'000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("cannot open the request log"));
}

void TestMetrics::trafficDrainKeepsTheNewest()
{
    // The window's traffic log asks for at most so many events a poll; it
    // must get the newest ones, in order, whichever worker served them.
    Fixture f;
    TestServer s(f.ws, 2);
    QVERIFY2(s.ok(), s.problems().constData());
    QList<QByteArray> ids;
    for (int i = 0; i < 30; ++i) {
        const QByteArray id = "drain-" + QByteArray::number(i);
        QCOMPARE(
            call(s.port(), "GET", "/free", "X-Request-ID: " + id + "\r\n").response.status, 200);
        ids << id;
    }
    // A request is recorded before it is counted as served.
    QTRY_COMPARE_WITH_TIMEOUT(s.engine->requestsServed(), std::uint64_t(30), 5000);
    std::vector<TrafficEvent> events;
    s.engine->drainTraffic(&events, 10);
    QCOMPARE(events.size(), std::size_t(10));
    for (std::size_t i = 0; i < events.size(); ++i)
        QCOMPARE(QByteArray::fromStdString(events[i].requestId), ids[int(20 + i)]);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
