// A thousand SSE streams at once against tollgated (a process, so its memory
// can be read): every stream gets its events on time, each costs the server
// little memory, and when the clients go the server sees every one of them
// leave (the JSON log's stream objects say so).

#include "../sanitizers.h"
#include "daemon.h"
#include "swarm.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

constexpr int kStreams = 1000;
/// What one open stream may cost the server, in KiB of resident memory: the
/// connection (its buffers and parser), the stream's state and its timer.
/// A release build measures about 6. Sanitizers multiply what the heap holds:
/// ASan's redzones, shadow and quarantine, TSan's shadow memory.
#if defined(TOLLGATE_TEST_TSAN)
constexpr double kBoundKiBPerStream = 32 * 8;
#elif defined(TOLLGATE_TEST_ASAN)
constexpr double kBoundKiBPerStream = 32 * 4;
#else
constexpr double kBoundKiBPerStream = 32;
#endif

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

int linesWith(const QString& path, QByteArrayView text)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        n += line.contains(text) ? 1 : 0;
    return n;
}

} // namespace

class TestSseMemory : public QObject {
    Q_OBJECT

private slots:
    void aThousandStreams()
    {
        const QByteArray fdProblem = raiseDescriptorLimit(kStreams + 200);
        QVERIFY2(fdProblem.isEmpty(), fdProblem.constData());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("routes")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("tollgate.json")),
            R"({"schemaVersion": 1, "name": "streams"})"
            "\n"));
        // One event at once, then one a second, forever.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("routes/get-ticks.json")),
            R"({"schemaVersion": 1, "method": "GET", "path": "/ticks", "responder": "sse",
                "sse": {"events": [{"data": "tick {{stream.index}}", "id": "{{stream.index}}",
                "delayMs": 0}, {"data": "tick {{stream.index}}", "id": "{{stream.index}}",
                "delayMs": 1000}], "repeat": true, "heartbeatMs": 0}})"
            "\n"));
        const QString log = dir.filePath(QStringLiteral("requests.jsonl"));

        Daemon d; // inherits the raised descriptor limit
        const QByteArray err = d.start({ QStringLiteral("--workspace"), dir.path(),
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--threads"),
            QStringLiteral("2"), QStringLiteral("--no-watch"), QStringLiteral("--no-metrics"),
            QStringLiteral("--log-json"), log });
        QVERIFY2(err.isEmpty(), err.constData());
        {
            // Warm: buffers and arenas in place.
            SlowSwarm warm;
            QVERIFY(warm.open(d.port(), 20, rawhttp::get("/ticks")).isEmpty());
            while (warm.countHaving("data: tick 0\n") < 20)
                warm.pump(1000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(linesWith(log, "\"clientLeft\":true"), 20, 5'000);
        const qint64 before = residentKiB(d.pid());
        QVERIFY(before > 0);

        SlowSwarm swarm;
        const QByteArray opened = swarm.open(d.port(), kStreams, rawhttp::get("/ticks"));
        QVERIFY2(opened.isEmpty(), opened.constData());
        QElapsedTimer waited;
        waited.start();
        while (swarm.countHaving("data: tick 0\n") < kStreams && waited.elapsed() < 20'000)
            swarm.pump(200);
        QCOMPARE(swarm.countHaving("data: tick 0\n"), kStreams);
        const qint64 with = residentKiB(d.pid());
        const double perStreamKiB = double(with - before) / kStreams;
        qInfo("RSS %lld KiB with 20 streams served, %lld KiB with %d open streams: %.1f KiB "
              "each",
            before, with, kStreams, perStreamKiB);
        QVERIFY2(perStreamKiB < kBoundKiBPerStream, QByteArray::number(perStreamKiB));

        // The next event comes a second later to every stream.
        while (swarm.countHaving("data: tick 1\n") < kStreams && waited.elapsed() < 30'000)
            swarm.pump(200);
        QCOMPARE(swarm.countHaving("data: tick 1\n"), kStreams);
        QCOMPARE(swarm.openCount(), kStreams);

        // Every client leaves; the server sees each go (between two events),
        // and logs each stream once, as one request.
        swarm.closeAll();
        QTRY_COMPARE_WITH_TIMEOUT(linesWith(log, "\"clientLeft\":true"), kStreams + 20, 10'000);
        QCOMPARE(linesWith(log, "\"route\":\"GET /ticks\""), kStreams + 20);
        QVERIFY(d.stop());
    }
};

QTEST_GUILESS_MAIN(TestSseMemory)
#include "tst_ssememory.moc"
