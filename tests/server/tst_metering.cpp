// The metering pipeline without the engine: records from several threads
// folded into 1-second buckets, views built from them, drops counted, and the
// Prometheus text parsed back.

#include "server/metering/metering.h"
#include "server/metering/requestlog.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <thread>

using namespace tollgate::server;

namespace {

/// Folds everything queued and closes every open second: stop() does that,
/// and a start/stop cycle runs it on a stopped pipeline.
void settle(Metering& m)
{
    m.start(MeteringOptions {});
    m.stop();
}

std::int64_t nowSecond()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

MeterRecord record(std::int64_t second, std::uint32_t route, int status, std::uint32_t latencyUs,
    std::int64_t cost = 0, std::int64_t price = 0, std::uint32_t tier = 0, std::uint32_t key = 0)
{
    MeterRecord r;
    r.timeUs = second * 1'000'000 + 1000;
    r.route = route;
    r.tier = tier;
    r.key = key;
    r.status = static_cast<std::uint16_t>(status);
    r.latencyUs = latencyUs;
    r.bytesIn = 100;
    r.bytesOut = 200;
    r.costMicros = cost;
    r.priceMicros = price;
    return r;
}

std::uint64_t exactPercentile(std::vector<std::uint32_t> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto rank
        = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::max<std::size_t>(rank, 1) - 1];
}

bool within1Percent(std::uint64_t got, std::uint64_t want)
{
    return std::abs(static_cast<double>(got) - static_cast<double>(want))
        <= 0.01 * static_cast<double>(want) + 0.5;
}

struct Sample {
    std::map<std::string, double> values; // "name{labels}" -> value
};

// Parses Prometheus text format 0.0.4 the way a scraper does: comments,
// "name{label="value",...} number" lines, escapes in label values.
bool parsePrometheus(const std::string& text, Sample* out, QString* error)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+]+|\+Inf)$)"));
    static const QRegularExpression label(
        QStringLiteral("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\""));
    const QStringList lines = QString::fromStdString(text).split(QLatin1Char('\n'));
    if (!text.empty() && text.back() != '\n') {
        *error = QStringLiteral("no final newline");
        return false;
    }
    for (const QString& l : lines) {
        if (l.isEmpty() || l.startsWith(QLatin1String("# HELP "))
            || l.startsWith(QLatin1String("# TYPE ")))
            continue;
        const auto m = line.match(l);
        if (!m.hasMatch()) {
            *error = QStringLiteral("unparsable line: ") + l;
            return false;
        }
        QString key = m.captured(1);
        if (!m.captured(3).isEmpty()) {
            QStringList labels;
            auto it = label.globalMatch(m.captured(3));
            while (it.hasNext()) {
                const auto lm = it.next();
                QString v = lm.captured(2);
                v.replace(QLatin1String("\\n"), QLatin1String("\n"));
                v.replace(QLatin1String("\\\""), QLatin1String("\""));
                v.replace(QLatin1String("\\\\"), QLatin1String("\\"));
                labels << lm.captured(1) + QLatin1Char('=') + v;
            }
            key += QLatin1Char('{') + labels.join(QLatin1Char(',')) + QLatin1Char('}');
        }
        bool ok = false;
        const double value = m.captured(4).toDouble(&ok);
        if (!ok) {
            *error = QStringLiteral("bad number: ") + l;
            return false;
        }
        out->values[key.toStdString()] = value;
    }
    return true;
}

} // namespace

class TestMetering : public QObject {
    Q_OBJECT

private slots:
    void queueKeepsOrderAndCountsDrops();
    void aggregatesAcrossThreads();
    void viewFiltersAndSteps();
    void lateRecordsStillCount();
    void storageFailureDropsRowsAndSaysWhy();
    void storedRowsMatchLiveView();
    void prometheusParsesBack();
    void requestLogLinesAreJsonWhateverTheTarget();
};

void TestMetering::queueKeepsOrderAndCountsDrops()
{
    MeterQueue q(5); // rounded up to 8
    QCOMPARE(q.capacity(), std::size_t(8));
    for (int i = 0; i < 10; ++i)
        q.push(record(i, 1, 200, 10));
    QCOMPARE(q.dropped(), std::uint64_t(2));
    std::vector<std::int64_t> seen;
    QCOMPARE(q.drain([&](const MeterRecord& r) { seen.push_back(r.timeUs / 1'000'000); }),
        std::size_t(8));
    QCOMPARE(seen, (std::vector<std::int64_t> { 0, 1, 2, 3, 4, 5, 6, 7 }));
    QVERIFY(q.push(record(42, 1, 200, 10))); // room again
    QCOMPARE(q.size(), std::size_t(1));

    // Through Metering: a full queue shows in stats().
    Metering m;
    MeteringOptions o;
    o.queueCapacity = 4;
    m.start(o);
    m.stop();
    auto producer = m.addProducer();
    for (int i = 0; i < 10; ++i)
        producer->push(record(nowSecond(), 1, 200, 10));
    QCOMPARE(m.stats().droppedRecords, std::uint64_t(6));
    settle(m);
    QCOMPARE(m.stats().records, std::uint64_t(4));
}

void TestMetering::aggregatesAcrossThreads()
{
    // Four producers on their own threads while the aggregator runs: every
    // record lands in its second exactly once (TSan runs this too).
    Metering m;
    const std::uint32_t routes[]
        = { m.routeId("GET /a"), m.routeId("GET /b"), m.routeId("POST /c") };
    const std::uint32_t tiers[] = { 0, m.tierId("free"), m.tierId("pro") };
    const std::uint32_t keys[] = { 0, m.keyId("k1"), m.keyId("k2") };
    QCOMPARE(m.routeId("GET /a"), routes[0]); // interned once
    QCOMPARE(m.routeId(""), std::uint32_t(0));

    MeteringOptions o;
    o.queueCapacity = 1 << 16; // no drops whatever the scheduling
    m.start(o);
    const std::int64_t base = nowSecond() - 60;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 40'000;
    std::vector<std::vector<MeterRecord>> made(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        auto queue = m.addProducer();
        threads.emplace_back([t, queue, &made, &routes, &tiers, &keys, base] {
            std::mt19937 rng(static_cast<unsigned>(t + 1));
            static constexpr int kStatuses[] = { 200, 201, 304, 404, 429, 500, 0 };
            for (int i = 0; i < kPerThread; ++i) {
                const int who = static_cast<int>(rng() % 3);
                MeterRecord r = record(base + static_cast<int>(rng() % 10), routes[rng() % 3],
                    kStatuses[rng() % 7], 50 + rng() % 20'000, rng() % 100, rng() % 1000,
                    tiers[who], keys[who]);
                made[static_cast<std::size_t>(t)].push_back(r);
                QVERIFY(queue->push(r));
            }
        });
    }
    for (auto& th : threads)
        th.join();
    m.stop();

    const MeteringStats s = m.stats();
    QCOMPARE(s.records, std::uint64_t(kThreads * kPerThread));
    QCOMPARE(s.droppedRecords, std::uint64_t(0));

    const MetricsView v = m.live(base, base + 10, 1, {});
    QCOMPARE(v.series.size(), std::size_t(10));
    std::map<std::int64_t, std::array<std::uint64_t, 4>> perSecond;
    std::map<std::string, std::vector<std::uint32_t>> latencyByRoute;
    std::vector<std::uint32_t> all;
    std::int64_t cost = 0, revenue = 0;
    const char* routeNames[] = { "GET /a", "GET /b", "POST /c" };
    for (const auto& list : made) {
        for (const MeterRecord& r : list) {
            ++perSecond[r.timeUs / 1'000'000][statusClass(r.status)];
            const auto idx = static_cast<std::size_t>(
                std::find(std::begin(routes), std::end(routes), r.route) - std::begin(routes));
            latencyByRoute[routeNames[idx]].push_back(r.latencyUs);
            all.push_back(r.latencyUs);
            cost += r.costMicros;
            revenue += r.priceMicros;
        }
    }
    std::int64_t viewCost = 0, viewRevenue = 0;
    for (const MetricsPoint& p : v.series) {
        QCOMPARE(p.counts, perSecond[p.time]);
        viewCost += p.costMicros;
        viewRevenue += p.revenueMicros;
    }
    QCOMPARE(viewCost, cost);
    QCOMPARE(viewRevenue, revenue);
    QCOMPARE(v.latency.count(), std::uint64_t(all.size()));
    for (const double p : { 50.0, 95.0, 99.0 })
        QVERIFY2(within1Percent(v.latency.percentile(p), exactPercentile(all, p)),
            qPrintable(QString::number(p)));
    QCOMPARE(v.routes.size(), std::size_t(3));
    for (const RouteSummary& r : v.routes) {
        const auto& lat = latencyByRoute[r.route];
        QCOMPARE(r.count, std::uint64_t(lat.size()));
        QVERIFY(within1Percent(r.p99, exactPercentile(lat, 99)));
    }
    // Tiers: unkeyed requests appear as (none), the others by id.
    QCOMPARE(v.tierNames, (std::vector<std::string> { "(none)", "free", "pro" }));
    QCOMPARE(v.keyNames, (std::vector<std::string> { "k1", "k2" }));
}

void TestMetering::viewFiltersAndSteps()
{
    Metering m;
    const auto a = m.routeId("GET /a");
    const auto b = m.routeId("GET /b");
    const auto pro = m.tierId("pro");
    const auto k = m.keyId("k1");
    auto q = m.addProducer();
    const std::int64_t base = nowSecond() - 30;
    for (int s = 0; s < 10; ++s) {
        q->push(record(base + s, a, 200, 100, 5, 0));
        q->push(record(base + s, b, 404, 2000, 1, 0));
        q->push(record(base + s, a, 200, 300, 5, 50, pro, k));
    }
    settle(m);

    MetricsView all = m.live(base, base + 10, 5, {});
    QCOMPARE(all.series.size(), std::size_t(2));
    QCOMPARE(all.series[0].count, std::uint64_t(15));
    QCOMPARE(all.series[1].counts[Status4xx], std::uint64_t(5));
    QCOMPARE(all.series[0].time, base);
    QCOMPARE(all.series[1].time, base + 5);

    MetricsFilter f;
    f.route = "GET /a";
    MetricsView onlyA = m.live(base, base + 10, 1, f);
    QCOMPARE(onlyA.latency.count(), std::uint64_t(20));
    QCOMPARE(onlyA.routes.size(), std::size_t(1));
    QCOMPARE(onlyA.routeNames.size(), std::size_t(2)); // pickers still offer both
    QCOMPARE(onlyA.latency.max(), std::uint64_t(300));

    f = {};
    f.tier = "pro";
    MetricsView proOnly = m.live(base, base + 10, 10, f);
    QCOMPARE(proOnly.series.at(0).count, std::uint64_t(10));
    QCOMPARE(proOnly.series.at(0).revenueMicros, std::int64_t(500));
    QCOMPARE(proOnly.keys.size(), std::size_t(1));
    QCOMPARE(proOnly.keys[0].tier, std::string("pro"));

    f.tier = std::string(kNoneDimension); // unkeyed only
    MetricsView anon = m.live(base, base + 10, 10, f);
    QCOMPARE(anon.series.at(0).count, std::uint64_t(20));
    QCOMPARE(anon.series.at(0).revenueMicros, std::int64_t(0));
    QCOMPARE(anon.series.at(0).costMicros, std::int64_t(60));

    f = {};
    f.key = "nobody";
    QCOMPARE(m.live(base, base + 10, 10, f).series.at(0).count, std::uint64_t(0));

    // A window past the newest closed second ends there instead of showing zeros.
    MetricsView ahead = m.live(base, base + 1000, 1, {});
    QCOMPARE(ahead.to, base + 10);
}

void TestMetering::lateRecordsStillCount()
{
    Metering m;
    const auto a = m.routeId("GET /a");
    auto q = m.addProducer();
    const std::int64_t s = nowSecond() - 5;
    q->push(record(s, a, 200, 100));
    settle(m); // second s is closed and published
    q->push(record(s, a, 500, 100)); // arrives late
    settle(m);
    const MetricsView v = m.live(s, s + 1, 1, {});
    QCOMPARE(v.series.at(0).count, std::uint64_t(2));
    QCOMPARE(v.series.at(0).counts[Status5xx], std::uint64_t(1));
    QCOMPARE(v.routes.at(0).count, std::uint64_t(2));
}

void TestMetering::storageFailureDropsRowsAndSaysWhy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A database "inside" a regular file cannot be created.
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Metering m;
    MeteringOptions o;
    o.database = dir.filePath(QStringLiteral("file/metrics.db")).toStdString();
    m.start(o);
    MeteringStats s = m.stats();
    QVERIFY(!s.storing);
    QVERIFY2(s.problem.find("metrics.db") != std::string::npos, s.problem.c_str());
    auto q = m.addProducer();
    const auto a = m.routeId("GET /a");
    const auto b = m.routeId("GET /b");
    q->push(record(nowSecond() - 3, a, 200, 10));
    q->push(record(nowSecond() - 3, b, 200, 10));
    m.stop();
    s = m.stats();
    QCOMPARE(s.droppedRows, std::uint64_t(2));
    QCOMPARE(s.rowsWritten, std::uint64_t(0));
    // Live views go on, and carry the count and the reason.
    const MetricsView v = m.live(nowSecond() - 10, nowSecond() + 1, 1, {});
    QCOMPARE(v.droppedRows, std::uint64_t(2));
    QVERIFY(!v.problem.empty());
    QCOMPARE(v.latency.count(), std::uint64_t(2));
}

void TestMetering::storedRowsMatchLiveView()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path db = dir.filePath(QStringLiteral("state/metrics.db")).toStdString();
    Metering m;
    std::vector<WriteReport> reports;
    std::mutex reportsMutex;
    MeteringOptions o;
    o.database = db;
    o.onWritten = [&](const WriteReport& r) {
        std::lock_guard lock(reportsMutex);
        reports.push_back(r);
    };
    m.start(o);
    QVERIFY2(m.stats().storing, m.stats().problem.c_str());
    QCOMPARE(m.database(), db);
    auto q = m.addProducer();
    const auto a = m.routeId("GET /a");
    const auto pro = m.tierId("pro");
    const auto k = m.keyId("k1");
    const std::int64_t base = nowSecond() - 20;
    for (int i = 0; i < 300; ++i)
        q->push(record(base + i % 3, a, i % 10 == 0 ? 503 : 200, 100 + i, 2, 7, pro, k));
    q.reset();
    m.stop();
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().requestsWritten, std::uint64_t(300));
    QCOMPARE(m.stats().droppedRows, std::uint64_t(0));

    const MetricsView live = m.live(base, base + 3, 1, {});
    const MetricsView stored = historicalView(db, base, base + 3, 1, {});
    QVERIFY2(stored.problem.empty(), stored.problem.c_str());
    QCOMPARE(stored.series.size(), live.series.size());
    for (std::size_t i = 0; i < live.series.size(); ++i) {
        QCOMPARE(stored.series[i].counts, live.series[i].counts);
        QCOMPARE(stored.series[i].p99, live.series[i].p99);
        QCOMPARE(stored.series[i].revenueMicros, live.series[i].revenueMicros);
    }
    QCOMPARE(stored.keyNames, (std::vector<std::string> { "k1" }));
    QCOMPARE(stored.tierNames, (std::vector<std::string> { "pro" }));
}

void TestMetering::prometheusParsesBack()
{
    Metering m;
    const auto a = m.routeId("GET /users/{id}");
    const auto odd = m.routeId("GET /say/\"hi\"\\there");
    const auto pro = m.tierId("pro");
    auto q = m.addProducer();
    const std::int64_t s = nowSecond() - 2;
    // Latencies away from the bucket bounds so the cumulative counts are exact.
    for (int i = 0; i < 7; ++i)
        q->push(record(s, a, 200, 50, 3, 1500, pro)); // <= 0.0001
    for (int i = 0; i < 2; ++i)
        q->push(record(s, a, 404, 700, 3, 1500, pro)); // <= 0.001
    q->push(record(s, a, 500, 40'000, 3, 0, pro)); // <= 0.05
    q->push(record(s, odd, 0, 3000)); // a reset, <= 0.005
    settle(m);

    Sample got;
    QString error;
    QVERIFY2(parsePrometheus(m.prometheusText(), &got, &error), qPrintable(error));
    auto value = [&](const std::string& key) {
        const auto it = got.values.find(key);
        if (it == got.values.end())
            qWarning("missing %s", key.c_str());
        return it == got.values.end() ? -1.0 : it->second;
    };
    QCOMPARE(value("tollgate_requests_total{route=GET /users/{id},class=2xx}"), 7.0);
    QCOMPARE(value("tollgate_requests_total{route=GET /users/{id},class=4xx}"), 2.0);
    QCOMPARE(value("tollgate_requests_total{route=GET /users/{id},class=5xx}"), 1.0);
    QCOMPARE(value("tollgate_requests_total{route=GET /say/\"hi\"\\there,class=5xx}"), 1.0);
    const std::string h = "tollgate_request_duration_seconds_bucket{route=GET /users/{id},le=";
    QCOMPARE(value(h + "0.0001}"), 7.0);
    QCOMPARE(value(h + "0.0005}"), 7.0);
    QCOMPARE(value(h + "0.001}"), 9.0);
    QCOMPARE(value(h + "0.025}"), 9.0);
    QCOMPARE(value(h + "0.05}"), 10.0);
    QCOMPARE(value(h + "+Inf}"), 10.0);
    QCOMPARE(value("tollgate_request_duration_seconds_count{route=GET /users/{id}}"), 10.0);
    QVERIFY(std::abs(value("tollgate_request_duration_seconds_sum{route=GET /users/{id}}")
                - (7 * 50 + 2 * 700 + 40'000) / 1e6)
        < 1e-6);
    QCOMPARE(value("tollgate_cost_dollars_total{route=GET /users/{id},tier=pro}"), 30e-6);
    QCOMPARE(value("tollgate_revenue_dollars_total{route=GET /users/{id},tier=pro}"), 0.0135);
    QCOMPARE(value("tollgate_metrics_dropped_records_total"), 0.0);
    QCOMPARE(value("tollgate_metrics_dropped_rows_total"), 0.0);
    // Cumulative buckets never decrease.
    double last = 0;
    for (const char* le : { "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01",
             "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" }) {
        const double v = value(h + le + "}");
        QVERIFY(v >= last);
        last = v;
    }
}

void TestMetering::requestLogLinesAreJsonWhateverTheTarget()
{
    // A target is whatever bytes the client sent: quotes, controls, invalid
    // UTF-8. Every line must still parse, and give the bytes back.
    const std::string target = std::string("/a\"b\\c\x01\x7f") + char(0xC3) + char(0x28);
    RequestLogEntry e;
    e.timeUs = 1'764'236'800'123'456; // 2025-11-27T09:46:40.123456Z
    e.requestId = "abc";
    e.method = "GET";
    e.target = target;
    e.status = 200;
    e.latencyUs = 42;
    e.bytesIn = 10;
    e.bytesOut = 20;
    e.costMicros = -1;
    e.priceMicros = 7;
    std::string line;
    appendRequestLogLine(e, &line);
    QCOMPARE(line.back(), '\n');
    QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(line), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, line.c_str());
    QCOMPARE(
        o.value(QStringLiteral("time")).toString(), QStringLiteral("2025-11-27T09:46:40.123456Z"));
    // Bytes above ASCII come back as the code points of the same values.
    const QString expected = QStringLiteral("/a\"b\\c\x01\x7f") + QChar(0xC3) + QChar(0x28);
    QCOMPARE(o.value(QStringLiteral("target")).toString(), expected);
    QVERIFY(o.value(QStringLiteral("route")).isNull()); // no route matched
    QVERIFY(o.value(QStringLiteral("key")).isNull());
    QCOMPARE(o.value(QStringLiteral("costMicros")).toInteger(), -1);
    QCOMPARE(o.value(QStringLiteral("priceMicros")).toInteger(), 7);
    QCOMPARE(o.value(QStringLiteral("latencyUs")).toInteger(), 42);
}

QTEST_GUILESS_MAIN(TestMetering)
#include "tst_metering.moc"
