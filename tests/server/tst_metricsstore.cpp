// The SQLite metrics store: rows written come back with the same sums,
// fragments of one second are merged, dimension names are interned once;
// rollups into minutes are exact, done once and remembered; retention deletes
// what is old but never what is not rolled up; foreign, newer and corrupt
// files are refused without being touched; readers work next to a writer.

#include "server/metering/metricsstore.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kT0 = 1'795'755'600; // 2026-11-27T05:00:00Z, a minute boundary

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

std::string readBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeBytes(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string histogramOf(std::initializer_list<std::uint64_t> latencies)
{
    LatencyHistogram h;
    for (auto v : latencies)
        h.record(v);
    return h.toBytes();
}

BucketRow row(std::int64_t t, std::uint32_t route, std::uint32_t tier, std::uint32_t key,
    std::array<std::uint64_t, kStatusClasses> counts, std::initializer_list<std::uint64_t> lat,
    std::int64_t cost = 0, std::int64_t revenue = 0)
{
    BucketRow r;
    r.time = t;
    r.route = route;
    r.tier = tier;
    r.key = key;
    r.counts = counts;
    r.bytesIn = 100 * r.total();
    r.bytesOut = 1000 * r.total();
    r.costMicros = cost;
    r.revenueMicros = revenue;
    // Tokens on every row: each test that compares sums checks them too.
    r.tokensIn = 7 * r.total() + static_cast<std::uint64_t>(cost);
    r.tokensOut = 13 * r.total() + static_cast<std::uint64_t>(revenue);
    r.streams = r.counts[0];
    r.events = 5 * r.streams;
    r.firstEvents = r.streams / 2;
    r.firstEventUs = 1'000 * r.firstEvents + 3;
    r.histogram = lat.size() ? histogramOf(lat) : std::string();
    return r;
}

DimensionNames names(std::vector<std::string> routes, std::vector<std::string> tiers = { "" },
    std::vector<std::string> keys = { "" })
{
    DimensionNames n;
    n.routes = std::move(routes);
    n.tiers = std::move(tiers);
    n.keys = std::move(keys);
    return n;
}

// Rows summed by (time, route name, tier name, key name): independent of how
// ids were numbered and of how rows were split into fragments.
struct Sum {
    std::array<std::uint64_t, kStatusClasses> counts {};
    std::uint64_t bytesIn = 0, bytesOut = 0;
    std::int64_t cost = 0, revenue = 0;
    std::uint64_t tokensIn = 0, tokensOut = 0;
    std::uint64_t streams = 0, events = 0, firstEventUs = 0, firstEvents = 0;
    LatencyHistogram latency;
    bool operator==(const Sum&) const = default;
};
using SumKey = std::tuple<std::int64_t, std::string, std::string, std::string>;
using Sums = std::map<SumKey, Sum>;

std::string nameAt(const std::vector<std::string>& list, std::uint32_t id)
{
    return id < list.size() ? list[id] : "<bad id " + std::to_string(id) + ">";
}

// bucketSeconds 60 folds rows into their minute.
Sums sumsOf(const std::vector<BucketRow>& rows, const DimensionNames& n, std::int64_t bucket = 1)
{
    Sums out;
    for (const BucketRow& r : rows) {
        Sum& s = out[{ r.time - r.time % bucket, nameAt(n.routes, r.route), nameAt(n.tiers, r.tier),
            nameAt(n.keys, r.key) }];
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            s.counts[i] += r.counts[i];
        s.bytesIn += r.bytesIn;
        s.bytesOut += r.bytesOut;
        s.cost += r.costMicros;
        s.revenue += r.revenueMicros;
        s.tokensIn += r.tokensIn;
        s.tokensOut += r.tokensOut;
        s.streams += r.streams;
        s.events += r.events;
        s.firstEventUs += r.firstEventUs;
        s.firstEvents += r.firstEvents;
        if (!r.histogram.empty()) {
            LatencyHistogram h;
            if (LatencyHistogram::fromBytes(r.histogram, &h))
                s.latency.merge(h);
        }
    }
    return out;
}

std::uint64_t totalRequests(const std::vector<BucketRow>& rows)
{
    std::uint64_t n = 0;
    for (const auto& r : rows)
        n += r.total();
    return n;
}

bool read(const fs::path& db, std::int64_t from, std::int64_t to, bool minutes,
    std::vector<BucketRow>* rows, DimensionNames* n)
{
    std::string error;
    const bool ok = readMetrics(db, from, to, minutes, rows, n, &error);
    if (!ok)
        qWarning("readMetrics: %s", error.c_str());
    return ok;
}

// Direct SQL on a file, as another program would do it.
std::int64_t scalar(const fs::path& db, const std::string& sql)
{
    sqlite3* c = nullptr;
    sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(c, sql.c_str(), -1, &s, nullptr) == SQLITE_OK
        && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else
        qWarning("%s: %s", sql.c_str(), sqlite3_errmsg(c));
    sqlite3_finalize(s);
    sqlite3_close(c);
    return v;
}

bool execSql(const fs::path& db, const std::string& sql)
{
    sqlite3* c = nullptr;
    sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    char* err = nullptr;
    const bool ok = sqlite3_exec(c, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK;
    if (!ok)
        qWarning("%s: %s", sql.c_str(), err ? err : "?");
    sqlite3_free(err);
    sqlite3_close(c);
    return ok;
}

QByteArray q(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

// Writes `rows` through a writer that is opened for this call and closed.
bool writeOnce(const fs::path& db, const std::vector<BucketRow>& rows, const DimensionNames& n)
{
    MetricsWriter w;
    std::string error;
    if (!w.open(db, &error) || !w.write(rows, n, &error)) {
        qWarning("%s", error.c_str());
        return false;
    }
    return true;
}

} // namespace

class TestMetricsStore : public QObject {
    Q_OBJECT

private slots:
    void roundTripMergesFragments();
    void namesInternedOnceAcrossWritesAndReopen();
    void failedBatchWritesNothing();
    void rollupMatchesSeconds();
    void rollupOnlyCompleteMinutes();
    void rollupIsIdempotentAndSurvivesReopen();
    void lateRowReachesItsRolledMinute();
    void longBacklogIsRolledInSlices();
    void retentionDeletesOldRows();
    void retentionKeepsSecondsNotRolledUp();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void refusesNewerSchema();
    void migratesVersion1();
    void corruptFileIsAClearError();
    void readerWorksWhileWriting();
    void corruptHistogramKeepsCounts();
    void missingDatabase();
    void createsDirectory();
    void historicalViewUsesRightResolution();
};

void TestMetricsStore::roundTripMergesFragments()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    const auto n = names({ "", "GET /a", "POST /b" }, { "", "free", "pro" }, { "", "k1", "k2" });
    // (kT0, /a, free, k1) comes in three fragments over two writes.
    const std::vector<BucketRow> first {
        row(kT0, 1, 1, 1, { 3, 0, 1, 0 }, { 100, 200, 300, 5000 }, 40, 300),
        row(kT0, 2, 2, 2, { 1, 0, 0, 1 }, { 70, 80 }, 7, 9),
        row(kT0 + 1, 1, 1, 1, { 2, 0, 0, 0 }, { 900, 1000 }, 2, 3),
        row(kT0, 0, 0, 0, { 0, 0, 1, 0 }, { 10 }), // no route, no key
    };
    const std::vector<BucketRow> second {
        row(kT0, 1, 1, 1, { 1, 1, 0, 0 }, { 150, 1'000'000 }, 5, 6),
        row(kT0, 1, 1, 1, { 0, 0, 0, 2 }, { 20, 25 }, 1, 1),
    };
    MetricsWriter w;
    std::string error;
    QVERIFY2(w.open(db, &error), error.c_str());
    QVERIFY(w.isOpen());
    QVERIFY2(w.write(first, n, &error), error.c_str());
    QVERIFY2(w.write(second, n, &error), error.c_str());
    QVERIFY2(w.write({}, n, &error), error.c_str());

    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 2, false, &rows, &got));
    // One row per (second, dims): the three fragments became one.
    QCOMPARE(rows.size(), std::size_t(4));
    std::vector<BucketRow> all = first;
    all.insert(all.end(), second.begin(), second.end());
    QVERIFY(sumsOf(rows, got) == sumsOf(all, n));
    const auto merged = sumsOf(rows, got).at({ kT0, "GET /a", "free", "k1" });
    QCOMPARE(merged.counts, (std::array<std::uint64_t, 4> { 4, 1, 1, 2 }));
    QCOMPARE(merged.cost, 46);
    QCOMPARE(merged.latency.count(), 8u);
    QCOMPARE(merged.latency.max(), 1'000'000u);
    // Index 0 is "none"; names hold only what the rows use.
    QCOMPARE(got.routes.front(), std::string());
    QCOMPARE(got.routes.size(), std::size_t(3));
    QCOMPARE(got.keys.size(), std::size_t(3));
    for (const auto& r : rows) {
        if (r.route == 0)
            QCOMPARE(r.key, 0u);
    }

    // The window is half-open and filters by time.
    QVERIFY(read(db, kT0 + 1, kT0 + 2, false, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].total(), 2u);
    QCOMPARE(got.routes.size(), std::size_t(2));
    QCOMPARE(got.routes[rows[0].route], std::string("GET /a"));
    QVERIFY(read(db, kT0 + 2, kT0 + 10, false, &rows, &got));
    QVERIFY(rows.empty());

    // Another process sees the same after the writer is gone.
    w.close();
    QVERIFY(!w.isOpen());
    QVERIFY(read(db, kT0, kT0 + 2, false, &rows, &got));
    QVERIFY(sumsOf(rows, got) == sumsOf(all, n));
}

void TestMetricsStore::namesInternedOnceAcrossWritesAndReopen()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    {
        MetricsWriter w;
        std::string error;
        QVERIFY(w.open(db, &error));
        // The same names under different ids in each call.
        QVERIFY(w.write({ row(kT0, 1, 1, 0, { 1, 0, 0, 0 }, { 5 }) },
            names({ "", "GET /a", "GET /b" }, { "", "free" }), &error));
        QVERIFY(w.write(
            { row(kT0, 2, 1, 0, { 1, 0, 0, 0 }, { 5 }), row(kT0, 1, 1, 0, { 1, 0, 0, 0 }, { 5 }) },
            names({ "", "GET /b", "GET /a" }, { "", "free" }), &error));
    }
    // A route and a tier with the same name are different dimensions.
    QVERIFY(writeOnce(db, { row(kT0, 1, 1, 1, { 1, 0, 0, 0 }, { 5 }) },
        names({ "", "GET /a" }, { "", "GET /a" }, { "", "free" })));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM dims"), 5);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM dims WHERE name = 'GET /a'"), 2);
    QCOMPARE(scalar(db, "SELECT COUNT(DISTINCT route) FROM seconds"), 2);

    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 1, false, &rows, &got));
    const Sums s = sumsOf(rows, got);
    QCOMPARE(s.size(), std::size_t(3));
    QCOMPARE(s.at({ kT0, "GET /a", "free", "" }).counts[0], 2u);
    QCOMPARE(s.at({ kT0, "GET /b", "free", "" }).counts[0], 1u);
    QCOMPARE(s.at({ kT0, "GET /a", "GET /a", "free" }).counts[0], 1u);
}

void TestMetricsStore::failedBatchWritesNothing()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    // The first row interns "GET /new"; the second names a route id the
    // names do not have, so the whole batch (and the interned name) is undone.
    const auto n = names({ "", "GET /new" });
    QVERIFY(!w.write(
        { row(kT0, 1, 0, 0, { 1, 0, 0, 0 }, { 5 }), row(kT0, 7, 0, 0, { 1, 0, 0, 0 }, { 5 }) }, n,
        &error));
    QVERIFY2(error.find("route id 7") != std::string::npos, error.c_str());
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM seconds"), 0);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM dims"), 0);
    // The writer's name cache did not keep the undone id.
    QVERIFY2(w.write({ row(kT0, 1, 0, 0, { 1, 0, 0, 0 }, { 5 }) }, n, &error), error.c_str());
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 1, false, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(got.routes[rows[0].route], std::string("GET /new"));
    QCOMPARE(rows[0].total(), 1u);
}

namespace {

// Seconds spread over minutes kT0, kT0+60, kT0+120 and a few dims, several
// fragments per second, varied latencies.
std::vector<BucketRow> spreadRows(std::int64_t start, int seconds)
{
    std::vector<BucketRow> rows;
    for (int s = 0; s < seconds; ++s) {
        for (std::uint32_t route = 1; route <= 2; ++route) {
            const auto u = static_cast<std::uint64_t>(s);
            rows.push_back(row(start + s, route, route == 1 ? 1 : 2, route,
                { u % 5, u % 2, u % 3, u % 7 == 0 ? 1u : 0u },
                { 50 + u * 13, 400 + u * 7 * route, 12'000 + u }, 10 + s, 20 * route));
            if (s % 3 == 0) // a second fragment of the same second
                rows.push_back(row(start + s, route, route == 1 ? 1 : 2, route, { 1, 0, 0, 0 },
                    { 3000 + u }, 1, 2));
        }
        if (s % 10 == 0)
            rows.push_back(row(start + s, 0, 0, 0, { 0, 0, 1, 0 }, { 9 }));
    }
    return rows;
}

const DimensionNames kSpreadNames
    = names({ "", "GET /a", "POST /b" }, { "", "free", "pro" }, { "", "k1", "k2" });

} // namespace

void TestMetricsStore::rollupMatchesSeconds()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    const auto input = spreadRows(kT0, 150); // two complete minutes and a half
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(input, kSpreadNames, &error));

    std::vector<BucketRow> secondRows, before, after;
    DimensionNames secondNames, beforeNames, afterNames;
    QVERIFY(read(db, kT0, kT0 + 180, false, &secondRows, &secondNames));
    const Sums bySeconds = sumsOf(secondRows, secondNames, 60);
    QCOMPARE(bySeconds.size(), std::size_t(3 * 3));
    QVERIFY(sumsOf(input, kSpreadNames, 60) == bySeconds);
    // Before any rollup, minute reads fold the seconds.
    QVERIFY(read(db, kT0, kT0 + 180, true, &before, &beforeNames));
    QVERIFY(sumsOf(before, beforeNames) == bySeconds);

    QVERIFY2(w.maintain(kT0 + 150, MetricsRetention(), &error), error.c_str());
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 120);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 2 * 3);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes WHERE t % 60 != 0"), 0);
    QVERIFY(read(db, kT0, kT0 + 180, true, &after, &afterNames));
    // One row per minute × dims, exactly the seconds summed: counts, money,
    // bytes and the merged histogram (so every percentile) are equal.
    QCOMPARE(after.size(), std::size_t(9));
    const Sums byMinutes = sumsOf(after, afterNames);
    QVERIFY(byMinutes == bySeconds);
    for (const auto& [key, sum] : bySeconds) {
        const Sum& m = byMinutes.at(key);
        for (double p : { 50.0, 95.0, 99.0, 99.9 })
            QCOMPARE(m.latency.percentile(p), sum.latency.percentile(p));
    }
    // A window inside the rolled part reads only the minute rows.
    QVERIFY(read(db, kT0 + 60, kT0 + 120, true, &after, &afterNames));
    QCOMPARE(after.size(), std::size_t(3));
    QCOMPARE(
        totalRequests(after), totalRequests(secondRows) - [&] {
            std::uint64_t n = 0;
            for (const auto& r : secondRows)
                n += (r.time < kT0 + 60 || r.time >= kT0 + 120) ? r.total() : 0;
            return n;
        }());
    // Seconds are still there for per-second windows.
    QVERIFY(read(db, kT0, kT0 + 180, false, &after, &afterNames));
    QVERIFY(sumsOf(after, afterNames) == sumsOf(secondRows, secondNames));
}

void TestMetricsStore::rollupOnlyCompleteMinutes()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(spreadRows(kT0, 60), kSpreadNames, &error));
    // Minute kT0 ends at kT0+60; it is rolled once now-2 has reached that.
    QVERIFY(w.maintain(kT0 + 61, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 0);
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), 0);
    QVERIFY(w.maintain(kT0 + 62, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 3);
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 60);
}

void TestMetricsStore::rollupIsIdempotentAndSurvivesReopen()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    const auto input = spreadRows(kT0, 150);
    const Sums expected = sumsOf(input, kSpreadNames, 60);
    std::string error;
    {
        MetricsWriter w;
        QVERIFY(w.open(db, &error));
        QVERIFY(w.write(input, kSpreadNames, &error));
        QVERIFY(w.maintain(kT0 + 150, MetricsRetention(), &error));
        QVERIFY(w.maintain(kT0 + 150, MetricsRetention(), &error));
        QVERIFY(w.maintain(kT0 + 151, MetricsRetention(), &error));
    }
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 6);
    MetricsWriter w;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.maintain(kT0 + 152, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 6);
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 180, true, &rows, &got));
    QVERIFY(sumsOf(rows, got) == expected);
    // The last, incomplete minute is rolled (once) when its time comes.
    QVERIFY(w.maintain(kT0 + 182, MetricsRetention(), &error));
    QVERIFY(w.maintain(kT0 + 300, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 9);
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 180);
    QVERIFY(read(db, kT0, kT0 + 180, true, &rows, &got));
    QVERIFY(sumsOf(rows, got) == expected);
}

void TestMetricsStore::lateRowReachesItsRolledMinute()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    auto input = spreadRows(kT0, 120);
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(input, kSpreadNames, &error));
    QVERIFY(w.maintain(kT0 + 125, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 120);
    // A writer that fell behind delivers rows of minutes already rolled up:
    // one for an existing minute × dims, one for dims new in that minute.
    const std::vector<BucketRow> late {
        row(kT0 + 30, 1, 1, 1, { 5, 0, 0, 0 }, { 123'456 }, 1, 1),
        row(kT0 + 70, 2, 1, 0, { 0, 0, 0, 3 }, { 1, 2, 3 }),
    };
    QVERIFY(w.write(late, kSpreadNames, &error));
    input.insert(input.end(), late.begin(), late.end());
    std::vector<BucketRow> rows, secondRows;
    DimensionNames got, secondNames;
    QVERIFY(read(db, kT0, kT0 + 120, true, &rows, &got));
    QVERIFY(read(db, kT0, kT0 + 120, false, &secondRows, &secondNames));
    QVERIFY(sumsOf(rows, got) == sumsOf(input, kSpreadNames, 60));
    QVERIFY(sumsOf(secondRows, secondNames, 60) == sumsOf(input, kSpreadNames, 60));
    // Still one row per minute × dims.
    QCOMPARE(scalar(db,
                 "SELECT COUNT(*) FROM (SELECT 1 FROM minutes GROUP BY t, route, tier, key "
                 "HAVING COUNT(*) > 1)"),
        0);
    // Rolling up again later does not count them twice.
    QVERIFY(w.maintain(kT0 + 300, MetricsRetention(), &error));
    QVERIFY(read(db, kT0, kT0 + 120, true, &rows, &got));
    QVERIFY(sumsOf(rows, got) == sumsOf(input, kSpreadNames, 60));
}

void TestMetricsStore::longBacklogIsRolledInSlices()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    // One row every 30 s for 150 minutes.
    std::vector<BucketRow> input;
    for (int i = 0; i < 300; ++i)
        input.push_back(row(kT0 + 30 * i, 1, 0, 0, { 1, 0, 0, 0 }, { 100u + i }));
    const auto n = names({ "", "GET /a" });
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(input, n, &error));
    const std::int64_t now = kT0 + 150 * 60 + 10;
    QVERIFY(w.maintain(now, MetricsRetention(), &error));
    // At most an hour per call...
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 3600);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 60);
    // ... and minute reads are complete meanwhile.
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, now, true, &rows, &got));
    QVERIFY(sumsOf(rows, got) == sumsOf(input, n, 60));
    QVERIFY(w.maintain(now, MetricsRetention(), &error));
    QVERIFY(w.maintain(now, MetricsRetention(), &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 150);
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'"), kT0 + 150 * 60);
    QVERIFY(read(db, kT0, now, true, &rows, &got));
    QVERIFY(sumsOf(rows, got) == sumsOf(input, n, 60));
}

void TestMetricsStore::retentionDeletesOldRows()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    std::vector<BucketRow> input;
    for (int minute = 0; minute < 10; ++minute)
        input.push_back(row(kT0 + 60 * minute + 5, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }));
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(input, names({ "", "GET /a" }), &error));
    const std::int64_t now = kT0 + 600 + 5;
    MetricsRetention keep;
    keep.secondsKeptFor = 180; // seconds rows at t >= now-180 stay
    keep.minutesKeptFor = 425; // minute rows at t >= now-425 stay
    QVERIFY2(w.maintain(now, keep, &error), error.c_str());
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 7); // minutes 3..9 of 0..9
    QCOMPARE(scalar(db, "SELECT MIN(t) FROM minutes"), kT0 + 180);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM seconds"), 3); // t = +425, +485, +545
    QCOMPARE(scalar(db, "SELECT MIN(t) FROM seconds"), kT0 + 425);
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, now, true, &rows, &got));
    QCOMPARE(totalRequests(rows), 7u);
    QVERIFY(read(db, kT0, now, false, &rows, &got));
    QCOMPARE(totalRequests(rows), 3u);
}

void TestMetricsStore::retentionKeepsSecondsNotRolledUp()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write({ row(kT0 + 10, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }),
                        row(kT0 + 70, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }) },
        names({ "", "GET /a" }), &error));
    MetricsRetention keep;
    keep.secondsKeptFor = 0;
    // kT0+70's minute is not complete at kT0+100: its second must stay
    // until it is in the minutes table.
    QVERIFY(w.maintain(kT0 + 100, keep, &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM seconds"), 1);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM minutes"), 1);
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 120, true, &rows, &got));
    QCOMPARE(totalRequests(rows), 2u);
    QVERIFY(w.maintain(kT0 + 122, keep, &error));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM seconds"), 0);
    QVERIFY(read(db, kT0, kT0 + 120, true, &rows, &got));
    QCOMPARE(totalRequests(rows), 2u);
}

void TestMetricsStore::refusesForeignFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("text file") << QStringLiteral("text");
    QTest::newRow("short file") << QStringLiteral("short");
    QTest::newRow("other SQLite database") << QStringLiteral("sqlite");
    QTest::newRow("other WAL SQLite database") << QStringLiteral("sqlite-wal");
    QTest::newRow("meta table without schemaVersion") << QStringLiteral("meta");
}

void TestMetricsStore::refusesForeignFiles()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    if (kind == QLatin1String("text"))
        writeBytes(db, "these are my notes, not a database\n" + std::string(200, 'x'));
    else if (kind == QLatin1String("short"))
        writeBytes(db, "SQLite");
    else if (kind == QLatin1String("sqlite"))
        QVERIFY(execSql(db,
            "CREATE TABLE users(id INTEGER, name TEXT); INSERT INTO users "
            "VALUES(1, 'ada');"));
    else if (kind == QLatin1String("sqlite-wal"))
        QVERIFY(execSql(db,
            "PRAGMA journal_mode=WAL; CREATE TABLE users(id INTEGER); "
            "INSERT INTO users VALUES(1);"));
    else
        QVERIFY(execSql(db,
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value); INSERT INTO meta "
            "VALUES('owner', 'someone else');"));
    const std::string before = readBytes(db);
    QVERIFY(!before.empty());

    MetricsWriter w;
    std::string error;
    QVERIFY(!w.open(db, &error));
    QVERIFY(!w.isOpen());
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    QVERIFY2(error.find("not a") != std::string::npos, error.c_str());
    QCOMPARE(q(readBytes(db)), q(before));
    // Writing to a refused writer fails rather than touching anything.
    QVERIFY(!w.write({ row(kT0, 0, 0, 0, { 1, 0, 0, 0 }, {}) }, DimensionNames(), &error));
    QVERIFY(!w.maintain(kT0, MetricsRetention(), &error));

    std::vector<BucketRow> rows;
    DimensionNames got;
    error.clear();
    QVERIFY(!readMetrics(db, 0, kT0 * 2, false, &rows, &got, &error));
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    const MetricsView view = historicalView(db, kT0, kT0 + 60, 1, MetricsFilter());
    QVERIFY(!view.problem.empty());
    QCOMPARE(q(readBytes(db)), q(before));
    QVERIFY(!fs::exists(db.string() + "-journal"));
}

void TestMetricsStore::refusesNewerSchema()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    QVERIFY(writeOnce(db, { row(kT0, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }) }, names({ "", "GET /a" })));
    QVERIFY(execSql(db, "UPDATE meta SET value = 3 WHERE key = 'schemaVersion'"));
    QVERIFY(!fs::exists(db.string() + "-wal"));
    const std::string before = readBytes(db);

    MetricsWriter w;
    std::string error;
    QVERIFY(!w.open(db, &error));
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    QVERIFY2(error.find("newer") != std::string::npos, error.c_str());
    QVERIFY2(error.find("version 3") != std::string::npos, error.c_str());
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(!readMetrics(db, kT0, kT0 + 1, false, &rows, &got, &error));
    QVERIFY2(error.find("newer") != std::string::npos, error.c_str());
    QCOMPARE(q(readBytes(db)), q(before));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM seconds"), 1);
}

void TestMetricsStore::migratesVersion1()
{
    // A file as version 1 wrote it: no token columns.
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    const std::string columns = "(t INTEGER NOT NULL, route INTEGER NOT NULL, tier INTEGER NOT "
                                "NULL, key INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT "
                                "NULL, c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, bytes_in INTEGER "
                                "NOT NULL, bytes_out INTEGER NOT NULL, cost INTEGER NOT NULL, "
                                "revenue INTEGER NOT NULL, hist BLOB)";
    QVERIFY(execSql(db,
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value); CREATE TABLE dims(id INTEGER PRIMARY "
        "KEY, kind INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE(kind, name)); CREATE TABLE "
        "seconds"
            + columns + "; CREATE TABLE minutes" + columns
            + "; INSERT INTO meta VALUES('schemaVersion', 1), ('rolledUpTo', 0);"
              "INSERT INTO dims VALUES(1, 0, 'GET /a');"
              "INSERT INTO seconds VALUES("
            + std::to_string(kT0) + ", 1, 0, 0, 3, 0, 0, 0, 30, 300, 5, 9, NULL);"));

    // Readers take it as it is: no tokens.
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 60, false, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].total(), 3u);
    QCOMPARE(rows[0].revenueMicros, 9);
    QCOMPARE(rows[0].tokensIn + rows[0].tokensOut, 0u);

    // A writer adds the columns, keeps the rows and stores tokens from then on.
    const auto n = names({ "", "GET /a" });
    const BucketRow later = row(kT0 + 1, 1, 0, 0, { 2, 0, 0, 0 }, { 10 }, 1, 2);
    QVERIFY(writeOnce(db, { later }, n));
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'schemaVersion'"), 2);
    QVERIFY(read(db, kT0, kT0 + 60, false, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].tokensIn, 0u);
    QCOMPARE(rows[1].tokensIn, later.tokensIn);
    QCOMPARE(rows[1].tokensOut, later.tokensOut);
    QVERIFY(later.tokensOut > 0);
    QCOMPARE(rows[1].events, later.events);
    QCOMPARE(rows[1].firstEventUs, later.firstEventUs);
    QVERIFY(later.events > 0 && later.firstEventUs > 0);
    // And the minute rollup sums them.
    MetricsWriter w;
    std::string error;
    QVERIFY2(w.open(db, &error), error.c_str());
    QVERIFY2(w.maintain(kT0 + 120, MetricsRetention(), &error), error.c_str());
    QVERIFY(read(db, kT0, kT0 + 60, true, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].total(), 5u);
    QCOMPARE(rows[0].tokensOut, later.tokensOut);
}

void TestMetricsStore::corruptFileIsAClearError()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    QVERIFY(writeOnce(db, { row(kT0, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }) }, names({ "", "GET /a" })));
    // Keep the header, scribble over the schema page.
    std::string bytes = readBytes(db);
    QVERIFY(bytes.size() > 4096);
    std::fill(bytes.begin() + 100, bytes.begin() + 4096, '\xA5');
    writeBytes(db, bytes);

    MetricsWriter w;
    std::string error;
    QVERIFY(!w.open(db, &error));
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    QVERIFY2(
        error.find("corrupt") != std::string::npos || error.find("malformed") != std::string::npos,
        error.c_str());
    QCOMPARE(q(readBytes(db)), q(bytes));
    std::vector<BucketRow> rows;
    DimensionNames got;
    error.clear();
    QVERIFY(!readMetrics(db, kT0, kT0 + 1, false, &rows, &got, &error));
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
}

void TestMetricsStore::readerWorksWhileWriting()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    {
        sqlite3* c = nullptr;
        sqlite3_open_v2(db.c_str(), &c, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* s = nullptr;
        QCOMPARE(sqlite3_prepare_v2(c, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        QCOMPARE(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
        sqlite3_finalize(s);
        sqlite3_close(c);
    }
    const auto n = names({ "", "GET /a" });
    constexpr int kRowsPerBatch = 10;
    const auto batch = [&](int b) {
        std::vector<BucketRow> rows;
        for (int i = 0; i < kRowsPerBatch; ++i)
            rows.push_back(row(kT0 + b, 1, 0, 0, { 1, 0, 0, 0 }, { 10 }));
        return rows;
    };
    QVERIFY(w.write(batch(0), n, &error));

    // A reader holding a snapshot open does not block the writer (WAL) and
    // keeps seeing its snapshot.
    sqlite3* held = nullptr;
    QCOMPARE(sqlite3_open_v2(db.c_str(), &held, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(held, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    QCOMPARE(
        sqlite3_prepare_v2(held, "SELECT SUM(c2) FROM seconds", -1, &count, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(count), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int64(count, 0), kRowsPerBatch);
    sqlite3_reset(count);
    QVERIFY2(w.write(batch(1), n, &error), error.c_str());
    QCOMPARE(sqlite3_step(count), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int64(count, 0), kRowsPerBatch);
    sqlite3_finalize(count);
    sqlite3_exec(held, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(held);

    // Readers on another thread while batches commit: every read sees whole
    // batches, never fewer requests than the read before.
    constexpr int kBatches = 60;
    std::atomic<bool> done { false };
    std::atomic<int> reads { 0 };
    std::atomic<int> problems { 0 };
    std::string problem;
    std::thread reader([&] {
        std::uint64_t last = 0;
        while (!done.load()) {
            std::vector<BucketRow> rows;
            DimensionNames got;
            std::string e;
            if (!readMetrics(db, kT0, kT0 + kBatches + 2, false, &rows, &got, &e)) {
                if (problems++ == 0)
                    problem = e;
                continue;
            }
            const auto total = totalRequests(rows);
            if (total % kRowsPerBatch != 0 || total < last) {
                if (problems++ == 0)
                    problem = "saw " + std::to_string(total) + " after " + std::to_string(last);
            }
            last = total;
            ++reads;
        }
    });
    for (int b = 2; b < kBatches + 2; ++b) {
        QVERIFY(w.write(batch(b), n, &error));
        QVERIFY(w.maintain(kT0, MetricsRetention(), &error));
    }
    // Let the reader finish at least one read of the final state.
    const int readsAtEnd = reads.load();
    QTRY_VERIFY_WITH_TIMEOUT(reads.load() > readsAtEnd, 10000);
    done = true;
    reader.join();
    QVERIFY2(problems.load() == 0, problem.c_str());
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + kBatches + 2, false, &rows, &got));
    QCOMPARE(totalRequests(rows), std::uint64_t(kRowsPerBatch) * (kBatches + 2));
}

void TestMetricsStore::corruptHistogramKeepsCounts()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    const auto n = names({ "", "GET /a", "GET /b" });
    QVERIFY(w.write({ row(kT0, 1, 0, 0, { 2, 0, 0, 0 }, { 100, 200 }),
                        row(kT0, 1, 0, 0, { 1, 0, 0, 0 }, { 5000 }),
                        row(kT0, 2, 0, 0, { 0, 0, 3, 0 }, { 1, 2, 3 }) },
        n, &error));
    // Damage the /b row and one of the two /a fragments.
    QVERIFY(execSql(db,
        "UPDATE seconds SET hist = x'01ffffffffffffffffffff' WHERE route = (SELECT "
        "id FROM dims WHERE name = 'GET /b'); UPDATE seconds SET hist = 'junk' "
        "WHERE c2 = 1"));
    std::vector<BucketRow> rows;
    DimensionNames got;
    QVERIFY(read(db, kT0, kT0 + 1, false, &rows, &got));
    QCOMPARE(rows.size(), std::size_t(2));
    for (const BucketRow& r : rows) {
        if (got.routes[r.route] == "GET /b") {
            QCOMPARE(r.counts[Status4xx], 3u);
            QCOMPARE(r.histogram, std::string()); // dropped, counts kept
        } else {
            QCOMPARE(r.total(), 3u);
            LatencyHistogram h;
            QVERIFY(LatencyHistogram::fromBytes(r.histogram, &h));
            QCOMPARE(h.count(), 2u); // the good fragment only
        }
    }
    // Rollups and views cope too.
    QVERIFY2(w.maintain(kT0 + 62, MetricsRetention(), &error), error.c_str());
    QVERIFY(read(db, kT0, kT0 + 60, true, &rows, &got));
    QCOMPARE(totalRequests(rows), 6u);
    const MetricsView view = historicalView(db, kT0, kT0 + 60, 60, MetricsFilter());
    QVERIFY2(view.problem.empty(), view.problem.c_str());
    QCOMPARE(view.series.size(), std::size_t(1));
    QCOMPARE(view.series[0].count, 6u);
    QCOMPARE(view.latency.count(), 2u);
}

void TestMetricsStore::missingDatabase()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "nothing-here" / "metrics.db";
    std::vector<BucketRow> rows { row(kT0, 0, 0, 0, { 1, 0, 0, 0 }, {}) };
    DimensionNames got;
    std::string error;
    QVERIFY(!readMetrics(db, kT0, kT0 + 60, false, &rows, &got, &error));
    QVERIFY2(error.find("no metrics recorded yet") != std::string::npos, error.c_str());
    QVERIFY2(error.find(db.string()) != std::string::npos, error.c_str());
    QVERIFY(!fs::exists(db.parent_path())); // reading creates nothing

    const MetricsView view = historicalView(db, kT0, kT0 + 3600, 60, MetricsFilter());
    QCOMPARE(view.problem, error);
    QCOMPARE(view.from, kT0);
    QCOMPARE(view.to, kT0 + 3600);
    QCOMPARE(view.step, 60);
    QVERIFY(view.series.empty());

    // An empty file (e.g. touched by someone) is "nothing recorded" too.
    fs::create_directories(db.parent_path());
    writeBytes(db, {});
    QVERIFY(!readMetrics(db, kT0, kT0 + 60, false, &rows, &got, &error));
    QVERIFY2(error.find("no metrics recorded yet") != std::string::npos, error.c_str());
    // ... and a writer makes it a metrics database.
    MetricsWriter w;
    QVERIFY2(w.open(db, &error), error.c_str());
    QVERIFY(readMetrics(db, kT0, kT0 + 60, false, &rows, &got, &error));
    QVERIFY(rows.empty());
}

void TestMetricsStore::createsDirectory()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / ".tollgate" / "deeper" / "metrics.db";
    MetricsWriter w;
    std::string error;
    QVERIFY2(w.open(db, &error), error.c_str());
    QVERIFY(fs::is_regular_file(db));
    QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key = 'schemaVersion'"), 2);
    // A file in the way of the directory is an error naming it.
    const fs::path blocked = pathOf(dir) / "file" / "metrics.db";
    writeBytes(pathOf(dir) / "file", "x");
    MetricsWriter other;
    QVERIFY(!other.open(blocked, &error));
    QVERIFY2(error.find(blocked.string()) != std::string::npos, error.c_str());
}

void TestMetricsStore::historicalViewUsesRightResolution()
{
    QTemporaryDir dir;
    const fs::path db = pathOf(dir) / "metrics.db";
    const auto input = spreadRows(kT0, 150);
    MetricsWriter w;
    std::string error;
    QVERIFY(w.open(db, &error));
    QVERIFY(w.write(input, kSpreadNames, &error));
    QVERIFY(w.maintain(kT0 + 150, MetricsRetention(), &error));
    const std::uint64_t total = totalRequests(input);

    const MetricsView perSecond = historicalView(db, kT0, kT0 + 180, 1, MetricsFilter());
    QVERIFY2(perSecond.problem.empty(), perSecond.problem.c_str());
    QCOMPARE(perSecond.series.size(), std::size_t(180));
    const MetricsView perMinute = historicalView(db, kT0, kT0 + 180, 60, MetricsFilter());
    QCOMPARE(perMinute.series.size(), std::size_t(3));
    std::uint64_t secondsTotal = 0;
    for (const auto& p : perSecond.series)
        secondsTotal += p.count;
    QCOMPARE(secondsTotal, total);
    for (int m = 0; m < 3; ++m) {
        std::uint64_t expected = 0;
        for (const auto& p : perSecond.series)
            expected += (p.time >= kT0 + 60 * m && p.time < kT0 + 60 * (m + 1)) ? p.count : 0;
        QCOMPARE(perMinute.series[std::size_t(m)].count, expected);
    }
    QCOMPARE(perMinute.latency, perSecond.latency);
    QCOMPARE(perMinute.routeNames,
        (std::vector<std::string> { std::string(kNoneDimension), "GET /a", "POST /b" }));
    MetricsFilter onlyB;
    onlyB.route = "POST /b";
    const MetricsView filtered = historicalView(db, kT0, kT0 + 180, 60, onlyB);
    std::uint64_t b = 0;
    for (const auto& r : input)
        b += r.route == 2 ? r.total() : 0;
    std::uint64_t got = 0;
    for (const auto& p : filtered.series)
        got += p.count;
    QCOMPARE(got, b);
}

QTEST_GUILESS_MAIN(TestMetricsStore)
#include "tst_metricsstore.moc"
