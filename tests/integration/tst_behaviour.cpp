// Route behaviour over real sockets: added latency (a timer, never a sleeping
// worker) and failure injection (problem responses and connection resets).

#include "rawclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace tollgate::server;
using rawhttp::RawClient;
using rawhttp::ReadEnd;
using testsupport::makeRoute;
using testsupport::TestServer;

class TestBehaviour : public QObject {
    Q_OBJECT

private slots:
    void fixedLatency()
    {
        Workspace ws;
        Route slow = makeRoute("GET", "/slow", 200, "{\"slow\":true}");
        slow.latency = Latency { 300, 0 };
        ws.routes.push_back(slow);
        TestServer server(ws, 1);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        for (int i = 0; i < 2; ++i) {
            QElapsedTimer timer;
            timer.start();
            QVERIFY(c.send(rawhttp::get("/slow")));
            const auto r = c.readResponse();
            const qint64 elapsed = timer.elapsed();
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("{\"slow\":true}"));
            QVERIFY2(elapsed >= 300, QByteArray::number(elapsed).constData());
        }
    }

    void latencyDoesNotBlockTheWorker()
    {
        Workspace ws;
        Route slow = makeRoute("GET", "/slow", 200, "{\"slow\":true}");
        slow.latency = Latency { 800, 0 };
        ws.routes.push_back(slow);
        ws.routes.push_back(makeRoute("GET", "/fast", 200, "{\"fast\":true}"));
        TestServer server(ws, /*threads=*/1); // one worker: a sleeping thread would stall /fast
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient slowClient;
        RawClient fastClient;
        QVERIFY(slowClient.connectTo(server.port()));
        QVERIFY(fastClient.connectTo(server.port()));

        QElapsedTimer timer;
        timer.start();
        QVERIFY(slowClient.send(rawhttp::get("/slow")));
        // Let the worker pick up the slow request before the fast one arrives.
        QVERIFY(!slowClient.hasPendingData(50));
        QVERIFY(fastClient.send(rawhttp::get("/fast")));
        const auto fast = fastClient.readResponse();
        const qint64 fastDone = timer.elapsed();
        QVERIFY2(fast.ok, fast.error.constData());
        QCOMPARE(fast.body, QByteArray("{\"fast\":true}"));
        // The slow answer must still be pending when the fast one is complete.
        QVERIFY2(!slowClient.hasPendingData(0),
            QByteArray("slow response arrived before the fast one completed (fast after "
                + QByteArray::number(fastDone) + " ms)")
                .constData());

        const auto slowResp = slowClient.readResponse();
        const qint64 slowDone = timer.elapsed();
        QVERIFY2(slowResp.ok, slowResp.error.constData());
        QCOMPARE(slowResp.body, QByteArray("{\"slow\":true}"));
        QVERIFY2(slowDone >= 800, QByteArray::number(slowDone).constData());
        QVERIFY2(fastDone < slowDone,
            QByteArray(QByteArray::number(fastDone) + " vs " + QByteArray::number(slowDone))
                .constData());
    }

    void uniformLatencyRange()
    {
        Workspace ws;
        Route r = makeRoute("GET", "/range", 200, "{}");
        r.latency = Latency { 100, 250 };
        ws.routes.push_back(r);
        TestServer server(ws, 2);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        const qint64 slack = 150; // scheduling on a loaded 2-core machine
        qint64 lowest = 1'000'000;
        qint64 highest = 0;
        for (int i = 0; i < 12; ++i) {
            QElapsedTimer timer;
            timer.start();
            QVERIFY(c.send(rawhttp::get("/range")));
            const auto resp = c.readResponse();
            const qint64 elapsed = timer.elapsed();
            QVERIFY2(resp.ok, resp.error.constData());
            QCOMPARE(resp.status, 200);
            QVERIFY2(
                elapsed >= 100 && elapsed <= 250 + slack, QByteArray::number(elapsed).constData());
            lowest = std::min(lowest, elapsed);
            highest = std::max(highest, elapsed);
        }
        // Uniform over 150 ms: 12 samples all within 30 ms of each other has a
        // probability below 1e-6, so a fixed delay fails this.
        QVERIFY2(highest - lowest >= 30,
            QByteArray(QByteArray::number(lowest) + ".." + QByteArray::number(highest))
                .constData());
    }

    void failureAlways()
    {
        Workspace ws;
        Route r = makeRoute("GET", "/flaky", 200, "{\"ok\":true}");
        r.failure.percent = 100.0;
        r.failure.status = 502;
        ws.routes.push_back(r);
        TestServer server(ws, 2);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        for (int i = 0; i < 20; ++i) {
            QVERIFY(c.send(rawhttp::get("/flaky")));
            const auto resp = c.readResponse();
            QVERIFY2(resp.ok, resp.error.constData());
            QCOMPARE(resp.status, 502);
            QVERIFY2(resp.header("Content-Type").startsWith("application/problem+json"),
                resp.describe().constData());
            const auto o = QJsonDocument::fromJson(resp.body).object();
            QCOMPARE(o.value(QLatin1String("status")).toInt(), 502);
            // A failure is an answer, not a broken connection.
            QVERIFY(!resp.closes());
        }
    }

    void failureNever()
    {
        Workspace ws;
        Route r = makeRoute("GET", "/solid", 200, "{\"ok\":true}");
        r.failure.percent = 0.0;
        r.failure.status = 503;
        ws.routes.push_back(r);
        TestServer server(ws, 2);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        for (int i = 0; i < 300; ++i) {
            QVERIFY(c.send(rawhttp::get("/solid")));
            const auto resp = c.readResponse();
            QVERIFY2(resp.ok, resp.error.constData());
            QCOMPARE(resp.status, 200);
        }
    }

    void failureHalf()
    {
        Workspace ws;
        Route r = makeRoute("GET", "/coin", 200, "{\"ok\":true}");
        r.failure.percent = 50.0;
        r.failure.status = 503;
        ws.routes.push_back(r);
        TestServer server(ws, 2);
        QVERIFY2(server.ok(), server.problems().constData());

        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        const int n = 400;
        int failed = 0;
        for (int i = 0; i < n; ++i) {
            QVERIFY(c.send(rawhttp::get("/coin")));
            const auto resp = c.readResponse();
            QVERIFY2(resp.ok, resp.error.constData());
            QVERIFY2(resp.status == 200 || resp.status == 503, resp.describe().constData());
            if (resp.status == 503)
                ++failed;
        }
        // Expected 200 +- 10 (one sigma); the bounds are 8 sigma away.
        QVERIFY2(failed >= n * 30 / 100 && failed <= n * 70 / 100,
            QByteArray::number(failed).constData());
    }

    void failureReset()
    {
        Workspace ws;
        Route r = makeRoute("GET", "/reset", 200, "{\"ok\":true}");
        r.failure.percent = 100.0;
        r.failure.reset = true;
        ws.routes.push_back(r);
        TestServer server(ws, 2);
        QVERIFY2(server.ok(), server.problems().constData());

        for (int i = 0; i < 5; ++i) {
            RawClient c;
            QVERIFY(c.connectTo(server.port()));
            QVERIFY(c.send(rawhttp::get("/reset")));
            QByteArray received;
            const ReadEnd end = c.readUntilClose(&received);
            QVERIFY2(end == ReadEnd::Reset || end == ReadEnd::Eof,
                QByteArray(QByteArray("read ended with ") + rawhttp::toString(end)).constData());
            QVERIFY2(received.isEmpty(),
                QByteArray("got HTTP bytes: " + received.left(200)).constData());
        }
        // The engine is still healthy afterwards.
        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        QVERIFY(c.send(rawhttp::get("/health")));
        const auto h = c.readResponse();
        QVERIFY2(h.ok, h.error.constData());
        QCOMPARE(h.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestBehaviour)
#include "tst_behaviour.moc"
