// The circuit breaker of an upstream on a virtual clock: opening after N
// failures in a row or a failure rate over the window, refusing while open,
// exactly K probes when half-open, closing on their success and opening
// again on a failure, Retry-After while open.

#include "server/upstream/circuitbreaker.h"

#include <QTest>

#include <atomic>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

using namespace tollgate::server;

namespace {

constexpr std::int64_t kMs = 1'000'000;

void fail(CircuitBreaker& b, int n)
{
    for (int i = 0; i < n; ++i) {
        QVERIFY(b.tryAcquire());
        b.onFailure();
    }
}

void succeed(CircuitBreaker& b, int n)
{
    for (int i = 0; i < n; ++i) {
        QVERIFY(b.tryAcquire());
        b.onSuccess();
    }
}

BreakerSettings consecutiveOnly(int failures, std::int64_t openMs, int probes)
{
    BreakerSettings s;
    s.consecutiveFailures = failures;
    s.failureRate = 0;
    s.openMs = openMs;
    s.halfOpenProbes = probes;
    return s;
}

} // namespace

class TestCircuitBreaker : public QObject {
    Q_OBJECT

private slots:
    void opensAfterConsecutiveFailures()
    {
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(3, 1000, 1), clock);
        fail(b, 2);
        succeed(b, 1); // a success breaks the run
        fail(b, 2);
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        fail(b, 1);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        QCOMPARE(b.transitions(), std::uint64_t(1));
        QVERIFY(!b.tryAcquire());
        QCOMPARE(b.retryAfterMs(), std::int64_t(1000));
        clock->advance(400 * kMs);
        QVERIFY(!b.tryAcquire());
        QCOMPARE(b.retryAfterMs(), std::int64_t(600));
    }

    void halfOpenLetsExactlyTheProbesThrough()
    {
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(1, 1000, 3), clock);
        fail(b, 1);
        clock->advance(1000 * kMs);
        // Three probes go out; the fourth call is refused while they run.
        QVERIFY(b.tryAcquire());
        QCOMPARE(b.state(), CircuitBreaker::State::HalfOpen);
        QVERIFY(b.tryAcquire());
        QVERIFY(b.tryAcquire());
        QVERIFY(!b.tryAcquire());
        b.onSuccess();
        // One ended: still no room, the three are the probes.
        QVERIFY(!b.tryAcquire());
        b.onSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::HalfOpen);
        b.onSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        QCOMPARE(b.transitions(), std::uint64_t(3)); // open, half-open, closed
        succeed(b, 10);
    }

    void aReleasedProbeGoesBack()
    {
        // A probe whose client failed says nothing about the upstream: its
        // place goes to another call, and the state stays half-open.
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(1, 1000, 1), clock);
        fail(b, 1);
        clock->advance(1000 * kMs);
        QVERIFY(b.tryAcquire());
        QVERIFY(!b.tryAcquire());
        b.release();
        QCOMPARE(b.state(), CircuitBreaker::State::HalfOpen);
        QVERIFY(b.tryAcquire());
        b.onSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        // Closed, a released call counts as nothing: one failure still opens it.
        QVERIFY(b.tryAcquire());
        b.release();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        fail(b, 1);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
    }

    void aFailedProbeOpensAgain()
    {
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(2, 500, 2), clock);
        fail(b, 2);
        clock->advance(500 * kMs);
        QVERIFY(b.tryAcquire());
        QVERIFY(b.tryAcquire());
        b.onSuccess();
        b.onFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        // The open time starts again from the failed probe.
        QCOMPARE(b.retryAfterMs(), std::int64_t(500));
        // The other probe ending late changes nothing.
        b.onSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        QVERIFY(!b.tryAcquire());
        clock->advance(500 * kMs);
        QVERIFY(b.tryAcquire());
        b.onSuccess();
        QVERIFY(b.tryAcquire());
        b.onSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
    }

    void opensOnTheFailureRateOverTheWindow()
    {
        auto clock = std::make_shared<VirtualClock>();
        BreakerSettings s;
        s.consecutiveFailures = 0;
        s.failureRate = 0.5;
        s.minimumCalls = 10;
        s.windowMs = 10'000;
        CircuitBreaker b(s, clock);
        // Alternating: never two failures in a row, half of the calls fail.
        for (int i = 0; i < 4; ++i) {
            succeed(b, 1);
            fail(b, 1);
        }
        // 8 calls: under the minimum.
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        succeed(b, 1);
        fail(b, 1);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
    }

    void oldCallsLeaveTheWindow()
    {
        auto clock = std::make_shared<VirtualClock>();
        BreakerSettings s;
        s.consecutiveFailures = 0;
        s.failureRate = 0.5;
        s.minimumCalls = 4;
        s.windowMs = 1000;
        CircuitBreaker b(s, clock);
        fail(b, 1);
        succeed(b, 1);
        fail(b, 1);
        // Those three leave the window; what follows is mostly success.
        clock->advance(1500 * kMs);
        succeed(b, 3);
        fail(b, 1);
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        // Within the window the rate is reached.
        fail(b, 2);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
    }

    void callsEndingAfterItOpenedAreIgnored()
    {
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(2, 1000, 1), clock);
        QVERIFY(b.tryAcquire());
        QVERIFY(b.tryAcquire());
        QVERIFY(b.tryAcquire());
        b.onFailure();
        b.onFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        b.onSuccess();
        b.onFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        QCOMPARE(b.transitions(), std::uint64_t(1));
        QCOMPARE(b.retryAfterMs(), std::int64_t(1000));
    }

    void probesAreExactUnderContention()
    {
        auto clock = std::make_shared<VirtualClock>();
        CircuitBreaker b(consecutiveOnly(1, 100, 3), clock);
        fail(b, 1);
        clock->advance(100 * kMs);
        constexpr int kThreads = 8;
        std::latch go(kThreads);
        std::atomic<int> through { 0 };
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&] {
                go.arrive_and_wait();
                for (int n = 0; n < 100; ++n) {
                    if (b.tryAcquire())
                        through.fetch_add(1);
                }
            });
        }
        for (std::thread& t : threads)
            t.join();
        QCOMPARE(through.load(), 3);
        QCOMPARE(b.state(), CircuitBreaker::State::HalfOpen);
    }

    void stateNames()
    {
        QCOMPARE(CircuitBreaker::stateName(CircuitBreaker::State::Closed), std::string_view("closed"));
        QCOMPARE(CircuitBreaker::stateName(CircuitBreaker::State::Open), std::string_view("open"));
        QCOMPARE(CircuitBreaker::stateName(CircuitBreaker::State::HalfOpen), std::string_view("half-open"));
    }
};

QTEST_APPLESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
