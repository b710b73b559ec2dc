// Slow and hostile clients: a thousand connections trickling a header byte by
// byte (tollgated as a process, so its memory can be read), a body trickled
// below the timeout, and a client that never reads its answer. The server
// must keep answering fresh clients, drop the slow ones when their timeout
// runs out, and hold each for little memory.

#include "daemon.h"
#include "rawclient.h"
#include "swarm.h"
#include "testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace testsupport;

namespace {

constexpr int kSlowConnections = 1000;

/// GET /ping on a new connection: the status (0: no answer) and how long
/// the answer took.
int freshPing(quint16 port, qint64* ms = nullptr)
{
    QElapsedTimer t;
    t.start();
    rawhttp::RawClient c;
    if (!c.connectTo(port) || !c.send(rawhttp::get("/ping", "Connection: close\r\n")))
        return 0;
    const auto r = c.readResponse();
    if (ms)
        *ms = t.elapsed();
    return r.ok ? r.status : 0;
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

const QByteArray kSlowHeaderPrefix = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

} // namespace

class TestSlowClients : public QObject {
    Q_OBJECT

private slots:
    void aThousandSlowHeadersAgainstTollgated()
    {
        const QByteArray fdProblem = raiseDescriptorLimit(kSlowConnections + 200);
        QVERIFY2(fdProblem.isEmpty(), fdProblem.constData());
        constexpr int kHeaderTimeoutMs = 4000;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("routes")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("tollgate.json")),
            "{\"schemaVersion\": 1, \"name\": \"slow\", \"server\": {\"limits\": "
            "{\"headerTimeoutMs\": "
                + QByteArray::number(kHeaderTimeoutMs) + ", \"idleTimeoutMs\": 4000}}}\n"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("routes/get-ping.json")),
            "{\"schemaVersion\": 1, \"method\": \"GET\", \"path\": \"/ping\", \"responses\": "
            "[{\"status\": 200, \"body\": \"{\\\"pong\\\":true}\"}]}\n"));

        Daemon d; // inherits the raised descriptor limit
        const QByteArray err = d.start({ QStringLiteral("--workspace"), dir.path(),
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--threads"),
            QStringLiteral("2"), QStringLiteral("--no-watch"), QStringLiteral("--no-metrics") });
        QVERIFY2(err.isEmpty(), err.constData());
        for (int i = 0; i < 20; ++i) // warm: buffers and arenas in place
            QCOMPARE(freshPing(d.port()), 200);
        const qint64 before = residentKiB(d.pid());
        QVERIFY(before > 0);

        SlowSwarm swarm;
        const QByteArray opened = swarm.open(d.port(), kSlowConnections, kSlowHeaderPrefix);
        QVERIFY2(opened.isEmpty(), opened.constData());
        swarm.trickle('a');
        // Accepts are taken in order and alternate between the two threads:
        // once two fresh clients are answered, every slow connection has been
        // accepted and has read its prefix.
        qint64 worstMs = 0;
        for (int i = 0; i < 2; ++i) {
            qint64 ms = 0;
            QCOMPARE(freshPing(d.port(), &ms), 200);
            worstMs = std::max(worstMs, ms);
        }
        const qint64 with = residentKiB(d.pid());
        const double perConnectionKiB = double(with - before) / kSlowConnections;
        qInfo("RSS %lld KiB idle, %lld KiB with %d slow headers: %.1f KiB each; fresh "
              "client answered in %lld ms at most",
            before, with, kSlowConnections, perConnectionKiB, worstMs);
        QVERIFY2(perConnectionKiB < 32, QByteArray::number(perConnectionKiB).constData());
        QVERIFY2(worstMs < 1000, QByteArray::number(worstMs).constData());
        QCOMPARE(swarm.openCount(), kSlowConnections); // nothing dropped early

        // Byte by byte until the header timeout closes them: a byte now and
        // then does not extend it.
        QElapsedTimer waited;
        waited.start();
        while (
            swarm.goneCount() < kSlowConnections && waited.elapsed() < kHeaderTimeoutMs + 10'000) {
            swarm.trickle('a');
            swarm.pump(200);
        }
        QCOMPARE(swarm.openCount(), 0);
        QCOMPARE(swarm.goneCount(), kSlowConnections);
        for (const auto& c : swarm.conns()) {
            QVERIFY2(c.status() == 408, c.in.left(200).constData());
            QVERIFY2(c.in.contains("Connection: close"), c.in.left(300).constData());
            QVERIFY2(c.closedAfterMs >= kHeaderTimeoutMs - 200
                    && c.closedAfterMs < kHeaderTimeoutMs + 4000,
                QByteArray::number(c.closedAfterMs).constData());
            // Closed for good soon after the answer although the client keeps
            // trickling: the drain before the close has its own bound (1 s).
            QVERIFY2(c.goneAfterMs - c.closedAfterMs < 3000,
                QByteArray::number(c.goneAfterMs - c.closedAfterMs).constData());
            QVERIFY(c.sent >= 2);
        }
        QCOMPARE(freshPing(d.port()), 200);
        QVERIFY(d.stop());
    }

    void aTrickledBodyIsRefusedInTime()
    {
        const QByteArray fdProblem = raiseDescriptorLimit(400);
        QVERIFY2(fdProblem.isEmpty(), fdProblem.constData());
        constexpr int kTimeoutMs = 1000;
        Workspace ws;
        ws.routes.push_back(makeRoute("POST", "/upload", 201, R"({"ok":true})"));
        ws.routes.push_back(makeRoute("GET", "/ping", 200, R"({"pong":true})"));
        ws.server.limits.headerTimeoutMs = kTimeoutMs;
        TestServer server(ws);
        QVERIFY2(server.ok(), server.problems().constData());

        // The header is whole; the 1,000-byte body comes one byte per 100 ms.
        SlowSwarm swarm;
        const QByteArray opened = swarm.open(server.port(), 50,
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n{");
        QVERIFY2(opened.isEmpty(), opened.constData());
        QCOMPARE(freshPing(server.port()), 200);
        QElapsedTimer waited;
        waited.start();
        while (swarm.goneCount() < 50 && waited.elapsed() < kTimeoutMs + 10'000) {
            swarm.trickle(' ');
            swarm.pump(100);
        }
        QCOMPARE(swarm.openCount(), 0);
        QCOMPARE(swarm.goneCount(), 50);
        for (const auto& c : swarm.conns()) {
            QVERIFY2(c.status() == 408, c.in.left(200).constData());
            QVERIFY2(c.in.contains("application/problem+json"), c.in.left(300).constData());
            QVERIFY2(c.closedAfterMs >= kTimeoutMs - 100 && c.closedAfterMs < kTimeoutMs + 3000,
                QByteArray::number(c.closedAfterMs).constData());
            QVERIFY2(c.goneAfterMs - c.closedAfterMs < 3000,
                QByteArray::number(c.goneAfterMs - c.closedAfterMs).constData());
        }
        QCOMPARE(freshPing(server.port()), 200);
    }

    void aClientThatNeverReadsIsDropped()
    {
        constexpr int kIdleMs = 1000;
        constexpr int kBodyBytes = 32 * 1024 * 1024; // far more than socket buffers hold
        Workspace ws;
        ws.routes.push_back(makeRoute(
            "GET", "/big", { makeResponse(200, std::string(kBodyBytes, 'x'), "text/plain") }));
        ws.routes.push_back(makeRoute("GET", "/ping", 200, R"({"pong":true})"));
        ws.server.limits.idleTimeoutMs = kIdleMs;
        TestServer server(ws);
        QVERIFY2(server.ok(), server.problems().constData());

        const auto servedBefore = server.engine->requestsServed();
        rawhttp::RawClient sloth(30'000);
        QVERIFY(sloth.connectTo(server.port()));
        QElapsedTimer t;
        t.start();
        QVERIFY(sloth.send(rawhttp::get("/big")));
        // The write ends (counted as served) when the server gives up on it.
        QTRY_VERIFY_WITH_TIMEOUT(server.engine->requestsServed() > servedBefore, kIdleMs + 10'000);
        const qint64 droppedAfter = t.elapsed();
        QVERIFY2(droppedAfter >= kIdleMs - 100, QByteArray::number(droppedAfter).constData());
        QCOMPARE(freshPing(server.port()), 200);

        // What the kernel had buffered still arrives, then the end: the
        // answer was cut, not completed.
        QByteArray received;
        const auto end = sloth.readUntilClose(&received);
        QVERIFY2(
            end == rawhttp::ReadEnd::Eof || end == rawhttp::ReadEnd::Reset, rawhttp::toString(end));
        QVERIFY2(received.startsWith("HTTP/1.1 200"), received.left(100).constData());
        QVERIFY2(received.size() < kBodyBytes, QByteArray::number(received.size()).constData());
    }

    void aSlowButSteadyReaderGetsTheWholeAnswer()
    {
        // The idle timeout counts from the last byte taken, not from the
        // start of the answer: a reader slower than the timeout in total but
        // never idle that long gets everything.
        constexpr int kIdleMs = 600;
        constexpr int kBodyBytes = 24 * 1024 * 1024;
        Workspace ws;
        ws.routes.push_back(makeRoute(
            "GET", "/big", { makeResponse(200, std::string(kBodyBytes, 'y'), "text/plain") }));
        ws.server.limits.idleTimeoutMs = kIdleMs;
        TestServer server(ws);
        QVERIFY2(server.ok(), server.problems().constData());
        rawhttp::RawClient reader(10'000);
        QVERIFY(reader.connectTo(server.port()));
        const int small = 64 * 1024;
        ::setsockopt(reader.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        QElapsedTimer t;
        t.start();
        QVERIFY(reader.send(rawhttp::get("/big", "Connection: close\r\n")));
        QByteArray all;
        char buf[256 * 1024];
        for (;;) {
            pollfd p { reader.fd(), POLLIN, 0 };
            QVERIFY(::poll(&p, 1, 5000) > 0);
            const ssize_t got = ::recv(reader.fd(), buf, sizeof buf, 0);
            if (got <= 0)
                break;
            all.append(buf, got);
            // A little slower than the network: the answer takes longer than
            // the idle timeout as a whole.
            if (all.size() % (1024 * 1024) < got)
                QTest::qWait(60);
        }
        QVERIFY2(t.elapsed() > kIdleMs, QByteArray::number(t.elapsed()).constData());
        QVERIFY2(all.endsWith(QByteArray(1000, 'y')), all.right(100).constData());
        QVERIFY(all.size() > kBodyBytes);
    }
};

QTEST_GUILESS_MAIN(TestSlowClients)
#include "tst_slowclients.moc"
