// Publishing configuration while traffic flows: apply() swaps an immutable
// snapshot and must never drop a connection or serve a half-built table. Also
// the engine's start/stop life cycle.

#include "rawclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace tollgate::server;
using rawhttp::RawClient;
using testsupport::makeRoute;
using testsupport::TestServer;

namespace {

Workspace versioned(int version, bool withExtra)
{
    Workspace ws;
    ws.name = "live apply";
    if (withExtra) // changes the table's shape, not just a body
        ws.routes.push_back(
            makeRoute("GET", "/extra/{x}", 200, "{\"extra\":\"{{request.params.x}}\"}"));
    ws.routes.push_back(makeRoute("GET", "/v", 200, "{\"v\":" + std::to_string(version) + "}"));
    return ws;
}

/// The N of a {"v":N} body, or -1.
int versionOf(const QByteArray& body)
{
    if (!body.startsWith("{\"v\":") || !body.endsWith('}'))
        return -1;
    bool ok = false;
    const int v = body.mid(5, body.size() - 6).toInt(&ok);
    return ok ? v : -1;
}

int fetchVersion(quint16 port, QByteArray* error)
{
    RawClient c;
    if (!c.connectTo(port)) {
        *error = "connect failed";
        return -1;
    }
    c.send(rawhttp::get("/v"));
    const auto r = c.readResponse();
    if (!r.ok || r.status != 200) {
        *error = r.describe();
        return -1;
    }
    return versionOf(r.body);
}

/// Polls a cheap condition (a few atomics) from a plain thread; true when it
/// held within timeoutMs. QTRY_* would wait in 50 ms steps, too coarse here.
template <typename Condition> bool pollUntil(Condition condition, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

struct ClientStats {
    std::atomic<int> lastVersion { -1 };
    std::atomic<std::uint64_t> requests { 0 };
    // Written by the client thread only, read after join.
    std::uint64_t connectErrors = 0;
    std::uint64_t ioErrors = 0; ///< resets, EOFs, timeouts, unparsable responses
    std::uint64_t non200 = 0;
    std::uint64_t badBodies = 0;
    std::uint64_t wentBackwards = 0;
    std::set<int> versions;
    QByteArray firstProblem;
};

void clientLoop(quint16 port, ClientStats* stats, const std::atomic<bool>* stop)
{
    RawClient c;
    if (!c.connectTo(port)) {
        ++stats->connectErrors;
        stats->firstProblem = "connect failed";
        return;
    }
    const QByteArray req = rawhttp::get("/v");
    int previous = -1;
    while (!stop->load(std::memory_order_relaxed)) {
        if (!c.send(req)) {
            ++stats->ioErrors;
            if (stats->firstProblem.isEmpty())
                stats->firstProblem = "send failed: " + QByteArray(std::strerror(c.lastErrno()));
            return;
        }
        const auto r = c.readResponse();
        stats->requests.fetch_add(1, std::memory_order_relaxed);
        if (!r.ok) {
            ++stats->ioErrors;
            if (stats->firstProblem.isEmpty())
                stats->firstProblem = r.error;
            return; // the connection is unusable; counted, not retried
        }
        if (r.status != 200) {
            ++stats->non200;
            if (stats->firstProblem.isEmpty())
                stats->firstProblem = r.describe();
            continue;
        }
        const int v = versionOf(r.body);
        if (v < 0) {
            ++stats->badBodies;
            if (stats->firstProblem.isEmpty())
                stats->firstProblem = "bad body: " + r.body;
            continue;
        }
        // One connection's requests are sequential, and so are the applies:
        // a later request never sees an older snapshot.
        if (v < previous)
            ++stats->wentBackwards;
        previous = v;
        stats->versions.insert(v);
        stats->lastVersion.store(v, std::memory_order_relaxed);
    }
}

} // namespace

class TestLiveApply : public QObject {
    Q_OBJECT

private slots:
    void applyUnderLoad()
    {
        constexpr int kClients = 8;
        constexpr int kApplies = 100;
        constexpr std::uint64_t kMaxRequests = 20'000;

        TestServer server(versioned(0, false), 2);
        QVERIFY2(server.ok(), server.problems().constData());
        Engine& engine = *server.engine;

        std::atomic<bool> stop { false };
        std::vector<ClientStats> stats(kClients);
        std::vector<std::thread> threads;
        for (int i = 0; i < kClients; ++i)
            threads.emplace_back(
                clientLoop, server.port(), &stats[static_cast<std::size_t>(i)], &stop);
        // However this test ends, the threads are stopped and joined.
        struct Joiner {
            std::atomic<bool>& stop;
            std::vector<std::thread>& threads;
            ~Joiner()
            {
                stop = true;
                for (auto& t : threads) {
                    if (t.joinable())
                        t.join();
                }
            }
        } joiner { stop, threads };

        const auto total = [&] {
            std::uint64_t n = 0;
            for (const auto& s : stats)
                n += s.requests.load(std::memory_order_relaxed);
            return n;
        };

        QElapsedTimer clock;
        clock.start();
        std::vector<Diagnostic> problems;
        for (int v = 1; v <= kApplies; ++v) {
            const auto d = engine.apply(versioned(v, v % 2 == 1));
            problems.insert(problems.end(), d.begin(), d.end());
            // Pace the applies: at least a few requests land on every
            // published snapshot, and the 100 applies spread over ~1.8 s of
            // traffic instead of bunching up at the start.
            const std::uint64_t before = total();
            QVERIFY2(pollUntil([&] { return total() >= before + 16 && clock.elapsed() >= v * 18; },
                         10'000),
                "the clients stopped making progress");
        }
        QVERIFY(problems.empty());

        // Keep the load on until ~2 s have passed (or the request budget is
        // spent) and every connection has seen the final version.
        const auto allSeeFinal = [&] {
            for (const auto& s : stats) {
                if (s.lastVersion.load(std::memory_order_relaxed) != kApplies)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            allSeeFinal() && (clock.elapsed() >= 2000 || total() >= kMaxRequests), 20'000);
        stop = true;
        for (auto& t : threads)
            t.join();

        std::uint64_t requests = 0;
        for (int i = 0; i < kClients; ++i) {
            const ClientStats& s = stats[static_cast<std::size_t>(i)];
            const QByteArray who = "client " + QByteArray::number(i) + ": " + s.firstProblem;
            QVERIFY2(s.connectErrors == 0, who.constData());
            QVERIFY2(s.ioErrors == 0, who.constData());
            QVERIFY2(s.non200 == 0, who.constData());
            QVERIFY2(s.badBodies == 0, who.constData());
            QVERIFY2(s.wentBackwards == 0, who.constData());
            QVERIFY(!s.versions.empty());
            QVERIFY2(*s.versions.begin() >= 0 && *s.versions.rbegin() <= kApplies, who.constData());
            QCOMPARE(s.lastVersion.load(), kApplies);
            requests += s.requests.load();
        }
        QVERIFY(requests >= std::uint64_t(kApplies) * 16);
        QCOMPARE(engine.connectionsAccepted(), std::uint64_t(kClients));
        qInfo("%llu requests on %d connections across %d applies in %lld ms",
            static_cast<unsigned long long>(requests), kClients, kApplies,
            static_cast<long long>(clock.elapsed()));
    }

    void nextRequestOnKeepAliveSeesApply()
    {
        // apply() has returned, so the next request is not "in flight" and
        // must be answered from the new snapshot, also on a connection that
        // was idle in keep-alive when the swap happened (a browser's or the
        // request composer's pooled connection).
        TestServer server(versioned(0, false), 1);
        QVERIFY2(server.ok(), server.problems().constData());
        RawClient c;
        QVERIFY(c.connectTo(server.port()));
        // Several rounds, because whether the connection is already idle
        // when apply() runs is a race the test cannot observe directly.
        for (int v = 1; v <= 20; ++v) {
            QVERIFY(c.send(rawhttp::get("/v")));
            auto r = c.readResponse();
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(versionOf(r.body), v - 1);
            // The engine counts a request once its response is written.
            QVERIFY(pollUntil(
                [&] { return server.engine->requestsServed() >= std::uint64_t(2 * v - 1); }, 5000));

            server.engine->apply(versioned(v, false));
            QVERIFY(c.send(rawhttp::get("/v")));
            r = c.readResponse();
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(versionOf(r.body), v);
        }
    }

    void applyWhileStopped()
    {
        Engine engine;
        engine.apply(versioned(1, false));
        EngineOptions o;
        o.port = 0;
        o.threads = 1;
        std::string error;
        QVERIFY2(engine.start(o, &error), error.c_str());
        QByteArray problem;
        QCOMPARE(fetchVersion(engine.port(), &problem), 1);
        engine.stop();
        QVERIFY(!engine.isRunning());

        engine.apply(versioned(7, true));
        QVERIFY2(engine.start(o, &error), error.c_str());
        QCOMPARE(fetchVersion(engine.port(), &problem), 7);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }

    void restartOnPortZero()
    {
        Engine engine;
        engine.apply(versioned(3, false));
        EngineOptions o;
        o.port = 0;
        o.threads = 2;
        std::string error;
        for (int round = 0; round < 3; ++round) {
            QVERIFY2(engine.start(o, &error), error.c_str());
            QVERIFY(engine.isRunning());
            const quint16 port = engine.port();
            QVERIFY(port != 0);
            QCOMPARE(engine.boundAddress(), std::string("127.0.0.1"));
            QByteArray problem;
            QCOMPARE(fetchVersion(port, &problem), 3);
            QVERIFY2(problem.isEmpty(), problem.constData());

            // An open keep-alive connection does not keep stop() waiting and
            // is closed by it.
            RawClient idle;
            QVERIFY(idle.connectTo(port));
            QVERIFY(idle.send(rawhttp::get("/v")));
            QVERIFY(idle.readResponse().ok);

            engine.stop();
            QVERIFY(!engine.isRunning());
            QCOMPARE(engine.port(), quint16(0));
            QByteArray rest;
            const auto end = idle.readUntilClose(&rest);
            QVERIFY2(end == rawhttp::ReadEnd::Eof || end == rawhttp::ReadEnd::Reset,
                rawhttp::toString(end));
            QVERIFY(rest.isEmpty());
            RawClient refused;
            QVERIFY2(!refused.connectTo(port), "the port still accepts connections after stop()");
        }
    }

    void stopIsIdempotent()
    {
        Engine never;
        never.stop(); // never started
        never.stop();
        QVERIFY(!never.isRunning());
        QCOMPARE(never.port(), quint16(0));

        Engine engine;
        engine.apply(versioned(4, false));
        EngineOptions o;
        o.port = 0;
        o.threads = 2;
        std::string error;
        QVERIFY2(engine.start(o, &error), error.c_str());
        const quint16 port = engine.port();
        engine.stop();
        engine.stop();
        QVERIFY(!engine.isRunning());
        QCOMPARE(engine.port(), quint16(0));
        QCOMPARE(engine.boundAddress(), std::string());
        RawClient refused;
        QVERIFY(!refused.connectTo(port));
        // And it still starts afterwards.
        QVERIFY2(engine.start(o, &error), error.c_str());
        QByteArray problem;
        QCOMPARE(fetchVersion(engine.port(), &problem), 4);
    }

    void portInUse()
    {
        TestServer first(versioned(1, false), 1);
        QVERIFY2(first.ok(), first.problems().constData());
        const quint16 port = first.port();

        Engine second;
        second.apply(versioned(2, false));
        EngineOptions o;
        o.port = port;
        o.threads = 1;
        std::string error;
        QVERIFY(!second.start(o, &error));
        QVERIFY(!second.isRunning());
        QCOMPARE(second.port(), quint16(0));
        const QString message = QString::fromStdString(error);
        QVERIFY2(message.contains(QString::number(port)), error.c_str());
        QVERIFY2(message.contains(QLatin1String("in use"), Qt::CaseInsensitive), error.c_str());

        // The first server is untouched.
        QByteArray problem;
        QCOMPARE(fetchVersion(port, &problem), 1);
    }
};

QTEST_GUILESS_MAIN(TestLiveApply)
#include "tst_liveapply.moc"
