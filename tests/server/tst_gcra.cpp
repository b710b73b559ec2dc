// GCRA rate limiting on a virtual clock: exact bursts under contention, the
// remaining/retry-after arithmetic, the long-run rate under overload, the
// unlimited policy and side-effect-free peeking.

#include "server/access/gcra.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdint>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

using namespace tollgate::server;

namespace {

constexpr std::int64_t kSecondNs = 1'000'000'000;

} // namespace

class TestGcra : public QObject {
    Q_OBJECT

private slots:
    void virtualClock();
    void policyArithmetic();
    void burstFromManyThreadsFrozenClock();
    void remainingCountsDown();
    void retryAfterIsTimeToNextAdmission_data();
    void retryAfterIsTimeToNextAdmission();
    void sustainedOverloadAdmitsTheRate();
    void unlimitedAlwaysAdmits();
    void peekDoesNotConsume();
    void deniedStepKeepsState();
};

void TestGcra::virtualClock()
{
    VirtualClock clock(1'000);
    QCOMPARE(clock.nowNs(), std::int64_t(1'000));
    clock.advance(500);
    QCOMPARE(clock.nowNs(), std::int64_t(1'500));
    clock.set(42);
    QCOMPARE(clock.nowNs(), std::int64_t(42));
    // The system clock is in nanoseconds since the epoch (after 2023).
    QVERIFY(systemClock()->nowNs() > 1'700'000'000LL * kSecondNs);
}

void TestGcra::policyArithmetic()
{
    QCOMPARE((GcraPolicy { 60, 5 }.emissionNs()), kSecondNs);
    QCOMPARE((GcraPolicy { 60, 5 }.toleranceNs()), 5 * kSecondNs);
    QCOMPARE((GcraPolicy { 60, 0 }.toleranceNs()), kSecondNs); // burst below 1 counts as 1
    QCOMPARE((GcraPolicy { 0, 5 }.emissionNs()), std::int64_t(0));
}

void TestGcra::burstFromManyThreadsFrozenClock()
{
    constexpr int kThreads = 64;
    constexpr int kTriesPerThread = 8; // 512 attempts for a burst of 37
    constexpr std::int64_t kBurst = 37;
    const GcraPolicy policy { 600, kBurst };
    VirtualClock clock;
    GcraCell cell;

    std::latch start(kThreads);
    std::atomic<int> admitted { 0 };
    std::mutex mutex;
    std::vector<std::int64_t> remainings;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<std::int64_t> mine;
            start.arrive_and_wait();
            for (int i = 0; i < kTriesPerThread; ++i) {
                const GcraResult r = cell.take(policy, clock.nowNs());
                if (r.allowed) {
                    admitted.fetch_add(1);
                    mine.push_back(r.remaining);
                }
            }
            std::lock_guard lock(mutex);
            remainings.insert(remainings.end(), mine.begin(), mine.end());
        });
    }
    for (auto& t : threads)
        t.join();

    QCOMPARE(admitted.load(), int(kBurst));
    // Each admission saw its own place in the burst: B-1, B-2, ..., 0 once each.
    std::sort(remainings.begin(), remainings.end());
    QCOMPARE(remainings.size(), std::size_t(kBurst));
    for (std::int64_t i = 0; i < kBurst; ++i)
        QCOMPARE(remainings[static_cast<std::size_t>(i)], i);
    QVERIFY(!cell.take(policy, clock.nowNs()).allowed);
}

void TestGcra::remainingCountsDown()
{
    constexpr std::int64_t kBurst = 10;
    const GcraPolicy policy { 120, kBurst }; // one every 500 ms
    const std::int64_t t = policy.emissionNs();
    VirtualClock clock;
    GcraCell cell;
    for (std::int64_t i = 1; i <= kBurst; ++i) {
        const GcraResult r = cell.take(policy, clock.nowNs());
        QVERIFY(r.allowed);
        QCOMPARE(r.remaining, kBurst - i);
        QCOMPARE(r.retryAfterNs, std::int64_t(0));
        // The full burst is back once every admitted request has drained.
        QCOMPARE(r.resetNs, i * t);
    }
    const GcraResult denied = cell.take(policy, clock.nowNs());
    QVERIFY(!denied.allowed);
    QCOMPARE(denied.remaining, std::int64_t(0));
    QCOMPARE(denied.resetNs, kBurst * t);

    // After a full drain the whole burst is available again.
    clock.advance(kBurst * t);
    QCOMPARE(cell.peek(policy, clock.nowNs()).remaining, kBurst - 1);
    for (std::int64_t i = 1; i <= kBurst; ++i)
        QCOMPARE(cell.take(policy, clock.nowNs()).remaining, kBurst - i);
    QVERIFY(!cell.take(policy, clock.nowNs()).allowed);
}

void TestGcra::retryAfterIsTimeToNextAdmission_data()
{
    QTest::addColumn<qint64>("perMinute");
    QTest::addColumn<qint64>("burst");
    QTest::newRow("60/min, burst 1") << qint64(60) << qint64(1);
    QTest::newRow("100/min, burst 10") << qint64(100) << qint64(10);
    // 60 s / 7 is not a whole number of nanoseconds.
    QTest::newRow("7/min, burst 3") << qint64(7) << qint64(3);
    QTest::newRow("60M/min, burst 1000") << qint64(60'000'000) << qint64(1000);
}

void TestGcra::retryAfterIsTimeToNextAdmission()
{
    QFETCH(qint64, perMinute);
    QFETCH(qint64, burst);
    const GcraPolicy policy { perMinute, burst };
    VirtualClock clock;
    GcraCell cell;
    while (cell.take(policy, clock.nowNs()).allowed) { }
    // Irregular pauses so the cell is probed at many phases, not just at
    // multiples of the emission interval.
    const std::int64_t pauses[] = { 0, 1, policy.emissionNs() / 3, policy.emissionNs() * 5 / 2, 17,
        policy.emissionNs() - 1 };
    for (std::int64_t pause : pauses) {
        clock.advance(pause);
        // Use up whatever came back during the pause.
        GcraResult r;
        while ((r = cell.take(policy, clock.nowNs())).allowed) { }
        const std::int64_t wait = r.retryAfterNs;
        QVERIFY2(wait > 0 && wait <= policy.emissionNs(), QByteArray::number(qint64(wait)));
        // 1 ns early is still too early (and a denial changes nothing)...
        clock.advance(wait - 1);
        const GcraResult early = cell.take(policy, clock.nowNs());
        QVERIFY(!early.allowed);
        QCOMPARE(early.retryAfterNs, std::int64_t(1));
        // ...and exactly on time admits one, and only one.
        clock.advance(1);
        const GcraResult onTime = cell.take(policy, clock.nowNs());
        QVERIFY(onTime.allowed);
        QCOMPARE(onTime.remaining, std::int64_t(0));
        const GcraResult next = cell.take(policy, clock.nowNs());
        QVERIFY(!next.allowed);
        QCOMPARE(next.retryAfterNs, policy.emissionNs());
    }
}

void TestGcra::sustainedOverloadAdmitsTheRate()
{
    // Ideal count, from the GCRA definition: with emission interval T =
    // 60 s / rate and tolerance tau = burst * T, a request at time t is
    // admitted iff max(TAT, t) + T - t <= tau, and admitting sets TAT to
    // max(TAT, t) + T. From an idle cell at t0 and with demand always
    // exceeding supply, TAT after n admissions is t0 + n*T, so admission
    // number n needs t0 + n*T <= t + burst*T, i.e. t >= t0 + (n - burst)*T.
    // Up to and including t0 + D that allows n = burst + floor(D / T)
    // = burst + rate * D / 60 s.
    // "Always exceeding" also needs TAT >= t at every offer: the clock moves
    // in steps of S, and after a step's admissions TAT is about t + tau, so S
    // must not exceed tau. With S > tau the cell idles between steps and,
    // correctly, forfeits what it could not save beyond one burst.
    constexpr std::int64_t kPerMinute = 600'000; // T = 100 us
    constexpr std::int64_t kBurst = 200; // tau = 20 ms
    constexpr std::int64_t kDuration = 5 * kSecondNs;
    constexpr std::int64_t kStep = 10'000'000; // 10 ms: 100 emission intervals
    static_assert(kStep <= kBurst * (60 * kSecondNs / kPerMinute));
    constexpr int kSteps = static_cast<int>(kDuration / kStep); // offers at steps 0..kSteps
    constexpr int kThreads = 8;
    const GcraPolicy policy { kPerMinute, kBurst };
    const std::int64_t ideal = kBurst + kDuration / policy.emissionNs();
    QCOMPARE(ideal, kBurst + kPerMinute * 5 / 60);

    // 5x the sustained rate per step, spread over the threads.
    const std::int64_t perStep = 5 * kStep / policy.emissionNs();
    const int perThread = static_cast<int>((perStep + kThreads - 1) / kThreads);

    VirtualClock clock;
    GcraCell cell;
    std::atomic<std::int64_t> admitted { 0 };
    std::atomic<std::int64_t> offered { 0 };
    std::barrier sync(kThreads, [&clock]() noexcept { clock.advance(kStep); });
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int step = 0; step <= kSteps; ++step) {
                std::int64_t mine = 0;
                for (int i = 0; i < perThread; ++i) {
                    if (cell.take(policy, clock.nowNs()).allowed)
                        ++mine;
                }
                admitted.fetch_add(mine);
                offered.fetch_add(perThread);
                sync.arrive_and_wait();
            }
        });
    }
    for (auto& t : threads)
        t.join();

    const std::int64_t got = admitted.load();
    qInfo("offered %lld, admitted %lld, ideal %lld", static_cast<long long>(offered.load()),
        static_cast<long long>(got), static_cast<long long>(ideal));
    QVERIFY(offered.load() >= 5 * (ideal - kBurst));
    QVERIFY2(got * 1000 >= ideal * 999, QByteArray::number(qint64(got)));
    QVERIFY2(got <= ideal + 1, QByteArray::number(qint64(got)));
}

void TestGcra::unlimitedAlwaysAdmits()
{
    const GcraPolicy policy { 0, 7 };
    VirtualClock clock;
    GcraCell cell;
    for (int i = 0; i < 10'000; ++i) {
        const GcraResult r = cell.take(policy, clock.nowNs());
        QVERIFY(r.allowed);
        QCOMPARE(r.retryAfterNs, std::int64_t(0));
        QCOMPARE(r.remaining, std::int64_t(7));
    }
    std::int64_t tat = 12345;
    QVERIFY(gcraStep(policy, 12345, clock.nowNs(), &tat).allowed);
    QCOMPARE(tat, std::int64_t(12345));
    // A later limited policy on the same cell starts from a full burst.
    QCOMPARE(cell.peek(GcraPolicy { 60, 3 }, clock.nowNs()).remaining, std::int64_t(2));
}

void TestGcra::peekDoesNotConsume()
{
    const GcraPolicy policy { 60, 4 };
    VirtualClock clock;
    GcraCell cell;
    for (int i = 0; i < 100; ++i) {
        const GcraResult p = cell.peek(policy, clock.nowNs());
        QVERIFY(p.allowed);
        QCOMPARE(p.remaining, std::int64_t(3));
    }
    for (std::int64_t expected = 3; expected >= 0; --expected) {
        const GcraResult p = cell.peek(policy, clock.nowNs());
        const GcraResult r = cell.take(policy, clock.nowNs());
        QVERIFY(r.allowed);
        QCOMPARE(p.remaining, r.remaining);
        QCOMPARE(p.resetNs, r.resetNs);
        QCOMPARE(r.remaining, expected);
    }
    const GcraResult p = cell.peek(policy, clock.nowNs());
    const GcraResult r = cell.take(policy, clock.nowNs());
    QVERIFY(!p.allowed);
    QVERIFY(!r.allowed);
    QCOMPARE(p.retryAfterNs, r.retryAfterNs);
    QCOMPARE(p.retryAfterNs, kSecondNs);
}

void TestGcra::deniedStepKeepsState()
{
    const GcraPolicy policy { 60, 2 };
    const std::int64_t now = 100 * kSecondNs;
    std::int64_t tat = now + 2 * kSecondNs; // burst fully used
    std::int64_t next = 0;
    const GcraResult denied = gcraStep(policy, tat, now, &next);
    QVERIFY(!denied.allowed);
    QCOMPARE(next, tat);
    QCOMPARE(denied.retryAfterNs, kSecondNs);
    QCOMPARE(denied.resetNs, 2 * kSecondNs);

    const GcraResult allowed = gcraStep(policy, tat, now + kSecondNs, &next);
    QVERIFY(allowed.allowed);
    QCOMPARE(next, tat + kSecondNs);
}

QTEST_GUILESS_MAIN(TestGcra)
#include "tst_gcra.moc"
