// Durability of the metrics database under kill -9 (issue 5): a metering
// pipeline writing 10 000 requests/s is killed with SIGKILL at a random moment,
// again and again on one database. After every kill the file passes
// PRAGMA integrity_check, every request a child reported written is there,
// and what was lost is at most one flush interval (200 ms) of requests plus a
// little commit time: 250 ms in all.
//
// The seed is printed; TOLLGATE_KILL_SEED=<n> replays a run and
// TOLLGATE_KILL_ITERATIONS=<n> changes how many kills there are.

#include "server/metering/metricsstore.h"

#include <sqlite3.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;

namespace {

const QString kChild = QStringLiteral(METRICSKILL_CHILD);
constexpr std::int64_t kRatePerThread = 5000;
constexpr std::int64_t kThreads = 2; // the child's producer threads
constexpr std::int64_t kRate = kRatePerThread * kThreads;
constexpr double kFlushInterval = 0.20; // s, the child's MeteringOptions (the default)
constexpr double kCommitAllowance = 0.05; // s, for the commit itself: 250 ms in all
constexpr int kDefaultIterations = 50;
constexpr quint32 kDefaultSeed = 20261127;

std::int64_t unixMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok ? v : fallback;
}

// One child run as the harness saw it.
struct Run {
    std::string route;
    std::int64_t startUs = 0;
    std::uint64_t reported = 0; // the last requestsWritten it printed
    std::int64_t killUs = 0;
    bool started = false;
    bool dropped = false;
    QByteArray error;
};

// Reads the complete lines the child printed so far.
void consume(QProcess& p, Run* run)
{
    while (p.canReadLine()) {
        const QByteArray line = p.readLine().trimmed();
        const QList<QByteArray> parts = line.split(' ');
        if (parts.value(0) == "start" && parts.size() == 2) {
            run->startUs = parts[1].toLongLong();
            run->started = true;
        } else if (parts.value(0) == "written" && parts.size() == 3) {
            run->reported = std::max<std::uint64_t>(run->reported, parts[2].toULongLong());
        } else if (parts.value(0) == "dropped") {
            run->dropped = true;
        } else if (!line.isEmpty()) {
            run->error += line + '\n';
        }
    }
}

// A read-only look at the database, as a user's reader would have it.
class Db {
public:
    explicit Db(const fs::path& file)
    {
        m_ok = sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
        if (m_ok)
            sqlite3_busy_timeout(m_db, 2000);
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    bool ok() const { return m_ok; }
    std::string error() const { return m_db ? sqlite3_errmsg(m_db) : "cannot open"; }

    // Rows of (text, integer) from `sql`; false on any error.
    bool query(const char* sql, std::vector<std::pair<std::string, std::int64_t>>* out)
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK)
            return false;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
            out->emplace_back(text ? text : "", sqlite3_column_int64(s, 1));
        }
        sqlite3_finalize(s);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3* m_db = nullptr;
    bool m_ok = false;
};

} // namespace

class TestMetricsKill : public QObject {
    Q_OBJECT

private slots:
    void killedWriterLosesAtMostOneFlush();
};

void TestMetricsKill::killedWriterLosesAtMostOneFlush()
{
    const auto seed = static_cast<quint32>(envInt("TOLLGATE_KILL_SEED", int(kDefaultSeed)));
    const int iterations = envInt("TOLLGATE_KILL_ITERATIONS", kDefaultIterations);
    qInfo("kill harness: seed %u, %d kills, %lld requests/s", seed, iterations,
        static_cast<long long>(kRate));
    QRandomGenerator rng(seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Under .tollgate/ like a workspace's: the first child creates the directory.
    const fs::path db = fs::path(dir.path().toStdString()) / ".tollgate" / "metrics.db";
    const auto maxLoss = static_cast<std::int64_t>(kRate * (kFlushInterval + kCommitAllowance));

    std::vector<Run> runs;
    std::int64_t worstLoss = 0;
    double lossSum = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < iterations; ++i) {
        Run run;
        run.route = "GET /kill/" + std::to_string(i);
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(kChild,
            { QString::fromStdString(db.string()), QString::fromStdString(run.route),
                QString::number(kRatePerThread) });
        QVERIFY2(p.waitForStarted(5000), qPrintable(p.errorString()));

        // Running, and at least one batch committed.
        QElapsedTimer waiting;
        waiting.start();
        while (!(run.started && run.reported > 0) && p.state() == QProcess::Running
            && waiting.elapsed() < 10'000) {
            p.waitForReadyRead(int(std::max<qint64>(1, 10'000 - waiting.elapsed())));
            consume(p, &run);
        }
        QVERIFY2(run.started && run.reported > 0,
            qPrintable(QStringLiteral("run %1: no start/written line within 10 s (%2)")
                           .arg(i)
                           .arg(QString::fromUtf8(run.error))));

        // Then a random moment: reports keep coming in until it.
        const int delayMs = 50 + int(rng.bounded(651u));
        QElapsedTimer untilKill;
        untilKill.start();
        for (qint64 left = delayMs; left > 0; left = delayMs - untilKill.elapsed()) {
            p.waitForReadyRead(int(left));
            consume(p, &run);
        }
        run.killUs = unixMicros();
        p.kill(); // SIGKILL
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        consume(p, &run); // lines printed before the kill are reports too
        QVERIFY2(!run.dropped, "the child's queue overflowed; the accounting would be off");
        QVERIFY2(run.error.isEmpty(), run.error.constData());
        runs.push_back(run);

        Db check(db);
        QVERIFY2(check.ok(), check.error().c_str());
        std::vector<std::pair<std::string, std::int64_t>> integrity;
        QVERIFY2(check.query("SELECT integrity_check, 0 FROM pragma_integrity_check", &integrity),
            check.error().c_str());
        QCOMPARE(integrity.size(), std::size_t(1));
        QCOMPARE(integrity[0].first, std::string("ok"));

        std::vector<std::pair<std::string, std::int64_t>> perRoute;
        QVERIFY2(check.query("SELECT d.name, SUM(s.c2 + s.c3 + s.c4 + s.c5) FROM seconds s "
                             "JOIN dims d ON d.id = s.route AND d.kind = 0 GROUP BY d.name",
                     &perRoute),
            check.error().c_str());
        std::vector<std::pair<std::string, std::int64_t>> all;
        QVERIFY(
            check.query("SELECT 'all', COALESCE(SUM(c2 + c3 + c4 + c5), 0) FROM seconds", &all));
        const std::map<std::string, std::int64_t> stored(perRoute.begin(), perRoute.end());

        // Nothing any child reported written is missing (this one's and the
        // earlier ones', which later recoveries must not have damaged).
        std::int64_t reportedSum = 0;
        for (const Run& r : runs) {
            const auto it = stored.find(r.route);
            const std::int64_t have = it == stored.end() ? 0 : it->second;
            QVERIFY2(have >= static_cast<std::int64_t>(r.reported),
                qPrintable(QStringLiteral("%1: %2 requests stored, %3 reported written")
                               .arg(QString::fromStdString(r.route))
                               .arg(have)
                               .arg(r.reported)));
            reportedSum += static_cast<std::int64_t>(r.reported);
        }
        QVERIFY(all.at(0).second >= reportedSum);

        // What this child made before the kill, against what is stored.
        const std::int64_t generated
            = kThreads * ((run.killUs - run.startUs) * kRatePerThread / 1'000'000);
        const std::int64_t have = stored.count(run.route) ? stored.at(run.route) : 0;
        const std::int64_t lost = generated - have;
        QVERIFY2(have <= generated + kThreads,
            qPrintable(QStringLiteral("run %1: %2 stored but only %3 made")
                           .arg(i)
                           .arg(have)
                           .arg(generated)));
        QVERIFY2(lost <= maxLoss,
            qPrintable(QStringLiteral("run %1 (killed %2 ms after the first report): lost %3 "
                                      "requests (%4 ms of traffic), allowed %5")
                           .arg(i)
                           .arg(delayMs)
                           .arg(lost)
                           .arg(double(lost) * 1000.0 / double(kRate), 0, 'f', 1)
                           .arg(maxLoss)));
        worstLoss = std::max(worstLoss, lost);
        lossSum += double(std::max<std::int64_t>(lost, 0));
    }
    qInfo("kill harness: %d kills in %.1f s; unwritten at the kill: mean %.1f ms, worst %.1f ms "
          "of traffic (allowed %.0f ms)",
        iterations, double(total.elapsed()) / 1000.0, lossSum * 1000.0 / double(kRate) / iterations,
        double(worstLoss) * 1000.0 / double(kRate), (kFlushInterval + kCommitAllowance) * 1000.0);

    // The store's own reader agrees with the raw rows, and the minutes the
    // children rolled up between kills hold exactly their seconds.
    std::vector<BucketRow> rows;
    DimensionNames names;
    std::string error;
    const std::int64_t now = unixMicros() / 1'000'000;
    std::uint64_t seconds = 0, minutes = 0;
    QVERIFY2(readMetrics(db, 0, now + 60, false, &rows, &names, &error), error.c_str());
    for (const auto& r : rows)
        seconds += r.total();
    QVERIFY2(readMetrics(db, 0, now + 60, true, &rows, &names, &error), error.c_str());
    for (const auto& r : rows)
        minutes += r.total();
    QCOMPARE(minutes, seconds);
    Db check(db);
    std::vector<std::pair<std::string, std::int64_t>> all;
    QVERIFY(check.query("SELECT 'all', SUM(c2 + c3 + c4 + c5) FROM seconds", &all));
    QCOMPARE(seconds, static_cast<std::uint64_t>(all.at(0).second));
}

QTEST_GUILESS_MAIN(TestMetricsKill)
#include "tst_metricskill.moc"
