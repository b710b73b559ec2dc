// Shared rate-limit and quota decisions through a real redis-server: the Lua
// script against gcraStep, instances racing for one limit, quota block vs
// bill, and what happens when Redis is refused, killed, or frozen (SIGSTOP).
// Also the RESP parser the limiter reads replies with.

#include "../redisserver.h"
#include "server/access/gcra.h"
#include "server/access/redislimiter.h"
#include "server/access/redisprotocol.h"

#include <boost/asio/io_context.hpp>

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <latch>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

using namespace tollgate::server;
using testsupport::RedisServer;
namespace asio = boost::asio;

namespace {

constexpr std::int64_t kMinuteUs = 60'000'000;

SharedLimitRequest rateRequest(std::string key, std::int64_t perMinute, std::int64_t burst)
{
    SharedLimitRequest r;
    r.rateKey = std::move(key);
    r.emissionUs = kMinuteUs / perMinute;
    r.toleranceUs = r.emissionUs * burst;
    return r;
}

SharedLimitRequest quotaRequest(std::string key, std::int64_t quota, bool block)
{
    SharedLimitRequest r;
    r.quotaKey = std::move(key);
    r.quota = quota;
    r.blockOverQuota = block;
    r.quotaTtlSeconds = 40 * 24 * 3600;
    return r;
}

/// Runs `ioc` on this thread until `until` holds or `timeoutMs` passes.
template <typename Pred> bool runUntil(asio::io_context& ioc, Pred until, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!until()) {
        if (t.elapsed() > timeoutMs)
            return false;
        if (ioc.stopped())
            ioc.restart();
        ioc.run_one_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// One decision, waited for; nullopt if the callback never came.
std::optional<SharedLimitDecision> decideNow(asio::io_context& ioc, RedisLimiter& limiter,
    const SharedLimitRequest& req, qint64* elapsedMs = nullptr)
{
    std::optional<SharedLimitDecision> result;
    QElapsedTimer t;
    t.start();
    limiter.decide(req, [&](const SharedLimitDecision& d) { result = d; });
    runUntil(ioc, [&] { return result.has_value(); });
    if (elapsedMs)
        *elapsedMs = t.elapsed();
    return result;
}

/// Decides until Redis answers again (paced by running the io_context).
bool waitAvailable(asio::io_context& ioc, RedisLimiter& limiter, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    SharedLimitRequest probe = quotaRequest("tg:test:probe", 0, false);
    while (t.elapsed() < timeoutMs) {
        const auto d = decideNow(ioc, limiter, probe);
        if (d && d->available)
            return true;
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(20));
    }
    return false;
}

/// `instances` threads, each with its own io_context and RedisLimiter (as
/// separate tollgated processes would be), fire `perInstance` decisions of
/// `req` at the same moment. Returns every decision.
std::vector<SharedLimitDecision> raceInstances(
    const std::string& url, int instances, int perInstance, const SharedLimitRequest& req)
{
    std::vector<std::vector<SharedLimitDecision>> results(instances);
    std::latch ready(instances);
    std::vector<std::thread> threads;
    for (int i = 0; i < instances; ++i) {
        threads.emplace_back([&, i] {
            asio::io_context ioc;
            std::string error;
            auto limiter = RedisLimiter::create(ioc, url, &error);
            // Connected first, so the burst below really races.
            if (limiter)
                decideNow(ioc, *limiter, quotaRequest("tg:test:warmup", 0, false));
            ready.arrive_and_wait();
            if (!limiter)
                return;
            int open = perInstance;
            for (int k = 0; k < perInstance; ++k) {
                limiter->decide(req, [&](const SharedLimitDecision& d) {
                    results[i].push_back(d);
                    --open;
                });
            }
            runUntil(
                ioc, [&] { return open == 0; }, 10000);
        });
    }
    for (auto& t : threads)
        t.join();
    std::vector<SharedLimitDecision> all;
    for (auto& r : results)
        all.insert(all.end(), r.begin(), r.end());
    return all;
}

RedisReplyParser::Status feedAndNext(RedisReplyParser& p, const QByteArray& bytes, RedisReply* v)
{
    p.feed(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    return p.next(v);
}

} // namespace

class TestRedisLimiter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void respParsesSplitReplies();
    void respRejectsGarbage_data();
    void respRejectsGarbage();
    void respEncodesCommands();

    void malformedUrl_data();
    void malformedUrl();
    void wellFormedUrl_data();
    void wellFormedUrl();

    void scriptMatchesGcraStep_data();
    void scriptMatchesGcraStep();
    void remainingAndRetryAfter();
    void burstSharedAcrossInstances();
    void quotaSharedAcrossInstances();
    void quotaBlocks();
    void quotaBillsOverage();
    void quotaRefusalKeepsRateLimit();
    void rateLimitedIsNotCounted();
    void pipelinedInOrder();
    void noscriptFallsBackToEval();
    void selectsDatabase();
    void authenticates();

    void refusedConnectionFailsFast();
    void closedByServerReconnectsAtOnce();
    void redisKilledAndRestarted();
    void frozenRedisTimesOut();
    void destroyWithPendingCompletesThem();
    void destroyWithIoContextDropsThem();
    void decideAfterClose();

private:
    std::unique_ptr<RedisServer> m_redis;
};

void TestRedisLimiter::initTestCase()
{
    QVERIFY2(!RedisServer::executable().isEmpty() && !RedisServer::cliExecutable().isEmpty(),
        RedisServer::missingMessage().constData());
    m_redis = std::make_unique<RedisServer>();
    QVERIFY2(m_redis->start(), m_redis->error().constData());
}

void TestRedisLimiter::init()
{
    if (m_redis && m_redis->running())
        QCOMPARE(m_redis->cli({ QStringLiteral("FLUSHALL") }), QByteArray("OK"));
}

// --- RESP ---------------------------------------------------------------------------

void TestRedisLimiter::respParsesSplitReplies()
{
    const QByteArray stream = "+OK\r\n-ERR nope\r\n:-42\r\n$5\r\nhe\r\nl\r\n$-1\r\n*-1\r\n"
                              "*3\r\n:1\r\n*2\r\n$0\r\n\r\n+x\r\n$3\r\nabc\r\n";
    // Every split point, byte by byte included: a reply may arrive in any pieces.
    for (int chunk : { 1, 2, 3, 7, 1000 }) {
        RedisReplyParser p;
        std::vector<RedisReply> values;
        for (int i = 0; i < stream.size(); i += chunk) {
            const QByteArray piece = stream.mid(i, chunk);
            p.feed(piece.constData(), static_cast<std::size_t>(piece.size()));
            RedisReply v;
            RedisReplyParser::Status s;
            while ((s = p.next(&v)) == RedisReplyParser::Status::Value)
                values.push_back(v);
            QCOMPARE(s, RedisReplyParser::Status::Incomplete);
        }
        QCOMPARE(values.size(), std::size_t(7));
        QCOMPARE(p.buffered(), std::size_t(0));
        QVERIFY(values[0].type == RedisReply::Type::SimpleString && values[0].text == "OK");
        QVERIFY(values[1].isError() && values[1].text == "ERR nope");
        QVERIFY(values[2].type == RedisReply::Type::Integer && values[2].integer == -42);
        QVERIFY(values[3].type == RedisReply::Type::BulkString && values[3].text == "he\r\nl");
        QVERIFY(values[4].type == RedisReply::Type::Nil);
        QVERIFY(values[5].type == RedisReply::Type::Nil);
        const RedisReply& a = values[6];
        QVERIFY(a.type == RedisReply::Type::Array && a.elements.size() == 3);
        QCOMPARE(a.elements[0].integer, std::int64_t(1));
        QVERIFY(
            a.elements[1].type == RedisReply::Type::Array && a.elements[1].elements.size() == 2);
        QVERIFY(a.elements[1].elements[0].type == RedisReply::Type::BulkString
            && a.elements[1].elements[0].text.empty());
        QCOMPARE(a.elements[2].text, std::string("abc"));
    }
}

void TestRedisLimiter::respRejectsGarbage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("unknown type") << QByteArray("?what\r\n");
    QTest::newRow("integer with letters") << QByteArray(":12a\r\n");
    QTest::newRow("empty integer") << QByteArray(":\r\n");
    QTest::newRow("integer overflow") << QByteArray(":99999999999999999999\r\n");
    QTest::newRow("negative bulk length") << QByteArray("$-2\r\n");
    QTest::newRow("bulk without CRLF") << QByteArray("$2\r\nabcd\r\n");
    QTest::newRow("bulk over the limit") << QByteArray("$99999999999\r\n");
    QTest::newRow("array over the limit") << QByteArray("*99999999999\r\n");
    QTest::newRow("too deep") << QByteArray(40, '*').replace("*", "*1\r\n") + QByteArray(":1\r\n");
    QTest::newRow("endless line") << QByteArray("+") + QByteArray(70 * 1024, 'a');
}

void TestRedisLimiter::respRejectsGarbage()
{
    QFETCH(QByteArray, bytes);
    RedisReplyParser p;
    RedisReply v;
    QCOMPARE(feedAndNext(p, bytes, &v), RedisReplyParser::Status::Error);
    QVERIFY(!p.error().empty());
    // Once broken, it stays broken: the connection must be dropped.
    QCOMPARE(feedAndNext(p, "+OK\r\n", &v), RedisReplyParser::Status::Error);
}

void TestRedisLimiter::respEncodesCommands()
{
    std::string out;
    appendRedisCommand(out, { "SET", "k", std::string_view("a\0b", 3), "" });
    QCOMPARE(out, std::string("*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\na\0b\r\n$0\r\n\r\n", 35));
}

// --- URLs ---------------------------------------------------------------------------

void TestRedisLimiter::malformedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("empty") << QString();
    QTest::newRow("no scheme") << QStringLiteral("127.0.0.1:6379");
    QTest::newRow("http") << QStringLiteral("http://127.0.0.1:6379");
    QTest::newRow("tls") << QStringLiteral("rediss://127.0.0.1:6379");
    QTest::newRow("no host") << QStringLiteral("redis://");
    QTest::newRow("no host, port") << QStringLiteral("redis://:6379");
    QTest::newRow("port not a number") << QStringLiteral("redis://localhost:port");
    QTest::newRow("port 0") << QStringLiteral("redis://localhost:0");
    QTest::newRow("port too large") << QStringLiteral("redis://localhost:70000");
    QTest::newRow("empty port") << QStringLiteral("redis://localhost:");
    QTest::newRow("db not a number") << QStringLiteral("redis://localhost/abc");
    QTest::newRow("db path too deep") << QStringLiteral("redis://localhost/1/2");
    QTest::newRow("query") << QStringLiteral("redis://localhost/0?timeout=1");
}

void TestRedisLimiter::malformedUrl()
{
    QFETCH(QString, url);
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, url.toStdString(), &error);
    QVERIFY(!limiter);
    QVERIFY2(error.find("invalid Redis URL") != std::string::npos, error.c_str());
}

void TestRedisLimiter::wellFormedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("host only") << QStringLiteral("redis://localhost");
    QTest::newRow("host and port") << QStringLiteral("redis://127.0.0.1:6379");
    QTest::newRow("db") << QStringLiteral("redis://127.0.0.1:6379/2");
    QTest::newRow("trailing slash") << QStringLiteral("redis://127.0.0.1:6379/");
    QTest::newRow("ipv6") << QStringLiteral("redis://[::1]:6380/1");
    QTest::newRow("password") << QStringLiteral("redis://:secret@127.0.0.1");
    QTest::newRow("user and password")
        << QStringLiteral("redis://tollgate:secret@127.0.0.1:6379/0");
}

void TestRedisLimiter::wellFormedUrl()
{
    QFETCH(QString, url);
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, url.toStdString(), &error);
    QVERIFY2(limiter, error.c_str());
    QVERIFY(!limiter->connected()); // connecting only starts once the io_context runs
}

// --- the script -----------------------------------------------------------------------

void TestRedisLimiter::scriptMatchesGcraStep_data()
{
    QTest::addColumn<qint64>("perMinute");
    QTest::addColumn<qint64>("burst");
    // perMinute divides 60e6, so T in µs times 1000 is exactly gcraStep's T in ns.
    QTest::newRow("120/min, burst 5") << qint64(120) << qint64(5);
    QTest::newRow("60/min, burst 1") << qint64(60) << qint64(1);
    QTest::newRow("1/min, burst 3") << qint64(1) << qint64(3);
}

void TestRedisLimiter::scriptMatchesGcraStep()
{
    QFETCH(qint64, perMinute);
    QFETCH(qint64, burst);
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());

    GcraPolicy policy;
    policy.perMinute = perMinute;
    policy.burst = burst;
    SharedLimitRequest req = rateRequest("tg:rl:virtual", perMinute, burst);
    QCOMPARE(req.emissionUs * 1000, policy.emissionNs());
    QCOMPARE(req.toleranceUs * 1000, policy.toleranceNs());

    // A virtual clock drives both; steps include 0, exact multiples of T and
    // odd amounts so both sides of every comparison are exercised.
    std::mt19937_64 rng(12345);
    const std::int64_t t = req.emissionUs;
    const std::vector<std::int64_t> steps { 0, 1, t / 3, t / 2, t - 1, t, t + 1, 2 * t, 3 * t };
    std::int64_t nowUs = 1'800'000'000'000'000; // 2027, in µs
    std::int64_t tatNs = 0;
    int admitted = 0, denied = 0;
    for (int i = 0; i < 300; ++i) {
        nowUs += steps[rng() % steps.size()];
        req.nowUsOverride = nowUs;
        std::int64_t newTat = 0;
        const GcraResult expected = gcraStep(policy, tatNs, nowUs * 1000, &newTat);
        tatNs = newTat;
        const auto d = decideNow(ioc, *limiter, req);
        QVERIFY(d);
        QVERIFY2(d->available, limiter->lastError().c_str());
        QCOMPARE(d->outcome == SharedLimitDecision::Admitted, expected.allowed);
        QCOMPARE(d->outcome == SharedLimitDecision::RateLimited, !expected.allowed);
        QCOMPARE(d->remaining, expected.remaining);
        QCOMPARE(d->retryAfterUs * 1000, expected.retryAfterNs);
        QCOMPARE(d->resetUs * 1000, expected.resetNs);
        (expected.allowed ? admitted : denied)++;
    }
    QVERIFY(admitted > 10);
    QVERIFY(denied > 10);
    // The stored TAT is gcraStep's, to the microsecond.
    QCOMPARE(m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:rl:virtual") }),
        QByteArray::number(tatNs / 1000));
}

void TestRedisLimiter::remainingAndRetryAfter()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    // 60/min, burst 3, on Redis' own clock: T = 1 s.
    const SharedLimitRequest req = rateRequest("tg:rl:key1", 60, 3);
    const std::int64_t t = 1'000'000;
    const std::int64_t slack = 500'000; // the test's own run time between decisions

    const auto d1 = decideNow(ioc, *limiter, req);
    QVERIFY(d1 && d1->available);
    QCOMPARE(d1->outcome, int(SharedLimitDecision::Admitted));
    QCOMPARE(d1->remaining, std::int64_t(2));
    QCOMPARE(d1->resetUs, t); // fresh key: TAT = now + T
    QVERIFY(limiter->connected());

    const auto d2 = decideNow(ioc, *limiter, req);
    QVERIFY(d2 && d2->available);
    QCOMPARE(d2->remaining, std::int64_t(1));
    QVERIFY(d2->resetUs <= 2 * t && d2->resetUs > 2 * t - slack);

    const auto d3 = decideNow(ioc, *limiter, req);
    QVERIFY(d3 && d3->available);
    QCOMPARE(d3->remaining, std::int64_t(0));
    QVERIFY(d3->resetUs <= 3 * t && d3->resetUs > 3 * t - slack);

    const auto d4 = decideNow(ioc, *limiter, req);
    QVERIFY(d4 && d4->available);
    QCOMPARE(d4->outcome, int(SharedLimitDecision::RateLimited));
    QCOMPARE(d4->remaining, std::int64_t(0));
    QVERIFY2(d4->retryAfterUs <= t && d4->retryAfterUs > t - slack,
        QByteArray::number(qint64(d4->retryAfterUs)).constData());
    QVERIFY(d4->resetUs <= 3 * t && d4->resetUs > 3 * t - slack);

    // The TAT key goes away by itself once the burst is back.
    const qint64 pttl
        = m_redis->cli({ QStringLiteral("PTTL"), QStringLiteral("tg:rl:key1") }).toLongLong();
    QVERIFY2(pttl > 3000 - 500 && pttl <= 3001, QByteArray::number(pttl).constData());
}

void TestRedisLimiter::burstSharedAcrossInstances()
{
    // 1/min with a burst of 7: within the test's few milliseconds exactly 7
    // requests may pass, however many instances ask at once.
    const auto all = raceInstances(m_redis->url(), 3, 100, rateRequest("tg:rl:shared", 1, 7));
    QCOMPARE(all.size(), std::size_t(300));
    std::multiset<std::int64_t> remaining;
    for (const auto& d : all) {
        QVERIFY(d.available);
        if (d.outcome == SharedLimitDecision::Admitted) {
            remaining.insert(d.remaining);
        } else {
            QCOMPARE(d.outcome, int(SharedLimitDecision::RateLimited));
            QVERIFY(d.retryAfterUs > 0 && d.retryAfterUs <= kMinuteUs);
        }
    }
    // Each admitted request saw a different state: 6, 5, ... 0 left.
    QCOMPARE(remaining, (std::multiset<std::int64_t> { 0, 1, 2, 3, 4, 5, 6 }));
}

void TestRedisLimiter::quotaSharedAcrossInstances()
{
    const auto all
        = raceInstances(m_redis->url(), 4, 50, quotaRequest("tg:q:shared:2026-11", 60, true));
    QCOMPARE(all.size(), std::size_t(200));
    std::set<std::int64_t> used;
    int refused = 0;
    for (const auto& d : all) {
        QVERIFY(d.available);
        if (d.outcome == SharedLimitDecision::Admitted)
            used.insert(d.quotaUsed);
        else if (d.outcome == SharedLimitDecision::QuotaExhausted && d.quotaUsed == 60)
            ++refused;
    }
    QCOMPARE(used.size(), std::size_t(60)); // 1..60, each once
    QCOMPARE(*used.begin(), std::int64_t(1));
    QCOMPARE(*used.rbegin(), std::int64_t(60));
    QCOMPARE(refused, 140);
    QCOMPARE(m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:q:shared:2026-11") }),
        QByteArray("60"));
}

void TestRedisLimiter::quotaBlocks()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    const SharedLimitRequest req = quotaRequest("tg:q:k:2026-11", 3, true);
    for (int i = 1; i <= 3; ++i) {
        const auto d = decideNow(ioc, *limiter, req);
        QVERIFY(d && d->available);
        QCOMPARE(d->outcome, int(SharedLimitDecision::Admitted));
        QCOMPARE(d->quotaUsed, std::int64_t(i));
        QVERIFY(!d->overage);
    }
    for (int i = 0; i < 2; ++i) {
        const auto d = decideNow(ioc, *limiter, req);
        QVERIFY(d && d->available);
        QCOMPARE(d->outcome, int(SharedLimitDecision::QuotaExhausted));
        QCOMPARE(d->quotaUsed, std::int64_t(3)); // refused requests are not counted
    }
    QCOMPARE(
        m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:q:k:2026-11") }), QByteArray("3"));
    const qint64 ttl
        = m_redis->cli({ QStringLiteral("TTL"), QStringLiteral("tg:q:k:2026-11") }).toLongLong();
    QVERIFY2(
        ttl > 40 * 24 * 3600 - 60 && ttl <= 40 * 24 * 3600, QByteArray::number(ttl).constData());
}

void TestRedisLimiter::quotaBillsOverage()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    const QString key = QStringLiteral("tg:q:bill:2026-11");
    // A key left without expiry (e.g. by hand) gets one on the next count.
    QCOMPARE(m_redis->cli({ QStringLiteral("SET"), key, QStringLiteral("1") }), QByteArray("OK"));
    const SharedLimitRequest req = quotaRequest(key.toStdString(), 3, false);
    for (int i = 2; i <= 5; ++i) {
        const auto d = decideNow(ioc, *limiter, req);
        QVERIFY(d && d->available);
        QCOMPARE(d->outcome, int(SharedLimitDecision::Admitted));
        QCOMPARE(d->quotaUsed, std::int64_t(i));
        QCOMPARE(d->overage, i > 3);
    }
    QCOMPARE(m_redis->cli({ QStringLiteral("GET"), key }), QByteArray("5"));
    QVERIFY(m_redis->cli({ QStringLiteral("TTL"), key }).toLongLong() > 0);

    // Quota 0 = unlimited, but with a key the requests are still counted.
    const auto d = decideNow(ioc, *limiter, quotaRequest(key.toStdString(), 0, true));
    QVERIFY(d && d->available);
    QCOMPARE(d->outcome, int(SharedLimitDecision::Admitted));
    QCOMPARE(d->quotaUsed, std::int64_t(6));
    QVERIFY(!d->overage);
}

void TestRedisLimiter::quotaRefusalKeepsRateLimit()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    SharedLimitRequest req = rateRequest("tg:rl:both", 1, 2);
    req.quotaKey = "tg:q:both:2026-11";
    req.quota = 1;
    req.blockOverQuota = true;

    const auto d1 = decideNow(ioc, *limiter, req);
    QVERIFY(d1 && d1->available);
    QCOMPARE(d1->outcome, int(SharedLimitDecision::Admitted));
    QCOMPARE(d1->remaining, std::int64_t(1));
    const QByteArray tat = m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:rl:both") });
    for (int i = 0; i < 3; ++i) {
        const auto d = decideNow(ioc, *limiter, req);
        QVERIFY(d && d->available);
        QCOMPARE(d->outcome, int(SharedLimitDecision::QuotaExhausted));
    }
    QCOMPARE(m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:rl:both") }), tat);
    // With room in the quota again the burst's second request is still there.
    req.quota = 10;
    const auto d2 = decideNow(ioc, *limiter, req);
    QVERIFY(d2 && d2->available);
    QCOMPARE(d2->outcome, int(SharedLimitDecision::Admitted));
    QCOMPARE(d2->remaining, std::int64_t(0));
    QCOMPARE(d2->quotaUsed, std::int64_t(2));
}

void TestRedisLimiter::rateLimitedIsNotCounted()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    SharedLimitRequest req = rateRequest("tg:rl:one", 1, 1);
    req.quotaKey = "tg:q:one:2026-11";
    req.quota = 100;
    const auto d1 = decideNow(ioc, *limiter, req);
    QVERIFY(d1 && d1->available);
    QCOMPARE(d1->outcome, int(SharedLimitDecision::Admitted));
    QCOMPARE(d1->quotaUsed, std::int64_t(1));
    const auto d2 = decideNow(ioc, *limiter, req);
    QVERIFY(d2 && d2->available);
    QCOMPARE(d2->outcome, int(SharedLimitDecision::RateLimited));
    QCOMPARE(d2->quotaUsed, std::int64_t(1));
    QCOMPARE(m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:q:one:2026-11") }),
        QByteArray("1"));
}

void TestRedisLimiter::pipelinedInOrder()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    // All 500 are queued before the io_context runs, so they go out pipelined
    // (most of them before the first answer); the counter shows Redis' order.
    const SharedLimitRequest req = quotaRequest("tg:q:fifo", 0, false);
    std::vector<std::int64_t> seen;
    for (int i = 0; i < 500; ++i)
        limiter->decide(req,
            [&](const SharedLimitDecision& d) { seen.push_back(d.available ? d.quotaUsed : -1); });
    QVERIFY(runUntil(ioc, [&] { return seen.size() == 500; }));
    for (std::size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], std::int64_t(i + 1));
}

void TestRedisLimiter::noscriptFallsBackToEval()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    const SharedLimitRequest req = quotaRequest("tg:q:noscript", 0, false);
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    QVERIFY(decideNow(ioc, *limiter, req).value_or(SharedLimitDecision {}).available);
    const QString sha = QString::fromStdString(RedisLimiter::scriptSha1());
    QCOMPARE(
        m_redis->cli({ QStringLiteral("SCRIPT"), QStringLiteral("EXISTS"), sha }), QByteArray("1"));
    QCOMPARE(m_redis->cli({ QStringLiteral("SCRIPT"), QStringLiteral("FLUSH") }), QByteArray("OK"));
    const auto d = decideNow(ioc, *limiter, req);
    QVERIFY(d);
    QVERIFY2(d->available, limiter->lastError().c_str());
    QCOMPARE(d->quotaUsed, std::int64_t(2));
    QCOMPARE(
        m_redis->cli({ QStringLiteral("SCRIPT"), QStringLiteral("EXISTS"), sha }), QByteArray("1"));
}

void TestRedisLimiter::selectsDatabase()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(3), &error);
    QVERIFY2(limiter, error.c_str());
    const auto d = decideNow(ioc, *limiter, quotaRequest("tg:q:db3", 0, false));
    QVERIFY(d && d->available);
    QCOMPARE(
        m_redis->cli({ QStringLiteral("GET"), QStringLiteral("tg:q:db3") }, 3), QByteArray("1"));
    QCOMPARE(
        m_redis->cli({ QStringLiteral("EXISTS"), QStringLiteral("tg:q:db3") }, 0), QByteArray("0"));
}

void TestRedisLimiter::authenticates()
{
    RedisServer locked({ QStringLiteral("--requirepass"), QStringLiteral("s3cret") });
    QVERIFY2(locked.start(), locked.error().constData());
    const std::string hostPort = "127.0.0.1:" + std::to_string(locked.port());
    asio::io_context ioc;
    std::string error;

    auto good = RedisLimiter::create(ioc, "redis://:s3cret@" + hostPort, &error);
    QVERIFY2(good, error.c_str());
    const auto d = decideNow(ioc, *good, quotaRequest("tg:q:auth", 0, false));
    QVERIFY(d);
    QVERIFY2(d->available, good->lastError().c_str());
    auto named = RedisLimiter::create(ioc, "redis://default:s3cret@" + hostPort, &error);
    QVERIFY2(named, error.c_str());
    QVERIFY(waitAvailable(ioc, *named, 5000));
    QVERIFY(decideNow(ioc, *named, quotaRequest("tg:q:auth", 0, false))
                .value_or(SharedLimitDecision {})
                .available);

    auto bad = RedisLimiter::create(ioc, "redis://:wrong@" + hostPort, &error);
    QVERIFY2(bad, error.c_str());
    const auto refused = decideNow(ioc, *bad, quotaRequest("tg:q:auth", 0, false));
    QVERIFY(refused && !refused->available);
    QVERIFY2(bad->lastError().find("AUTH") != std::string::npos, bad->lastError().c_str());
    QVERIFY(!bad->connected());
}

// --- failures ---------------------------------------------------------------------------

void TestRedisLimiter::refusedConnectionFailsFast()
{
    asio::io_context ioc;
    std::string error;
    const quint16 port = RedisServer::freePort();
    auto limiter = RedisLimiter::create(ioc, "redis://127.0.0.1:" + std::to_string(port), &error);
    QVERIFY2(limiter, error.c_str());
    for (int i = 0; i < 3; ++i) {
        qint64 ms = 0;
        const auto d = decideNow(ioc, *limiter, quotaRequest("tg:q:x", 0, false), &ms);
        QVERIFY(d);
        QVERIFY(!d->available);
        QVERIFY2(ms < 200, QByteArray::number(ms).constData());
    }
    QVERIFY2(
        limiter->lastError().find("refused") != std::string::npos, limiter->lastError().c_str());
    QVERIFY(!limiter->connected());
}

void TestRedisLimiter::closedByServerReconnectsAtOnce()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    const SharedLimitRequest req = quotaRequest("tg:q:kicked", 0, false);
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    QVERIFY(decideNow(ioc, *limiter, req).value_or(SharedLimitDecision {}).available);
    // Only a connection that lived a while (the backoff floor, 200 ms) earns
    // an immediate reconnect; one that drops right away backs off instead.
    ioc.restart();
    ioc.run_for(std::chrono::milliseconds(250));

    // Redis drops the connection, as its idle timeout would.
    QCOMPARE(m_redis->cli({ QStringLiteral("CLIENT"), QStringLiteral("KILL"),
                 QStringLiteral("TYPE"), QStringLiteral("normal") }),
        QByteArray("1"));
    QVERIFY(runUntil(ioc, [&] { return !limiter->connected(); }));
    // The next decision waits for the new connection instead of failing.
    qint64 ms = 0;
    const auto d = decideNow(ioc, *limiter, req, &ms);
    QVERIFY(d);
    QVERIFY2(d->available, limiter->lastError().c_str());
    QCOMPARE(d->quotaUsed, std::int64_t(2));
    QVERIFY2(ms < 200, QByteArray::number(ms).constData());
    QVERIFY(limiter->connected());
}

void TestRedisLimiter::redisKilledAndRestarted()
{
    RedisServer redis;
    QVERIFY2(redis.start(), redis.error().constData());
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, redis.url(), &error);
    QVERIFY2(limiter, error.c_str());
    const SharedLimitRequest req = quotaRequest("tg:q:kill", 0, false);
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    QVERIFY(decideNow(ioc, *limiter, req).value_or(SharedLimitDecision {}).available);

    // Freeze Redis and put 20 decisions on the wire (poll() runs only what is
    // ready, so the writes happen but nothing waits for answers)...
    QVERIFY(redis.pause());
    int open = 20, answered = 0;
    for (int i = 0; i < 20; ++i) {
        limiter->decide(req, [&](const SharedLimitDecision& d) {
            --open;
            answered += d.available;
        });
    }
    ioc.restart();
    while (ioc.poll() > 0) { }
    QCOMPARE(open, 20);
    // ...then kill it: the connection resets and all of them fail at once,
    // well before their 250 ms timeout.
    QElapsedTimer t;
    t.start();
    redis.stop();
    QVERIFY(runUntil(
        ioc, [&] { return open == 0; }, 2000));
    QVERIFY2(t.elapsed() < 200, QByteArray::number(t.elapsed()).constData());
    QCOMPARE(answered, 0);
    QVERIFY(!limiter->connected());

    // While Redis is gone decisions fail fast.
    for (int i = 0; i < 5; ++i) {
        qint64 ms = 0;
        const auto d = decideNow(ioc, *limiter, req, &ms);
        QVERIFY(d && !d->available);
        QVERIFY2(ms < 200, QByteArray::number(ms).constData());
    }
    // Let the backoff grow to its ceiling, then bring Redis back on the same port.
    ioc.restart();
    ioc.run_for(std::chrono::milliseconds(1500));
    QVERIFY(redis.start(redis.port()));
    t.restart();
    QVERIFY(waitAvailable(ioc, *limiter, 3000));
    qDebug("reconnected %lld ms after the restart", t.elapsed());
    QVERIFY2(t.elapsed() < 1500, QByteArray::number(t.elapsed()).constData());
    QVERIFY(limiter->connected());
}

void TestRedisLimiter::frozenRedisTimesOut()
{
    RedisServer redis;
    QVERIFY2(redis.start(), redis.error().constData());
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, redis.url(), &error);
    QVERIFY2(limiter, error.c_str());
    const SharedLimitRequest req = quotaRequest("tg:q:stop", 0, false);
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    QVERIFY(decideNow(ioc, *limiter, req).value_or(SharedLimitDecision {}).available);

    QVERIFY(redis.pause());
    qint64 ms = 0;
    auto d = decideNow(ioc, *limiter, req, &ms);
    QVERIFY(d && !d->available);
    QVERIFY2(ms >= 240 && ms < 450, QByteArray::number(ms).constData());
    // Stalled: the next ones do not queue behind it.
    d = decideNow(ioc, *limiter, req, &ms);
    QVERIFY(d && !d->available);
    QVERIFY2(ms < 100, QByteArray::number(ms).constData());

    // Still frozen after the stall limit: the connection is given up.
    QVERIFY(runUntil(
        ioc, [&] { return limiter->lastError().find("reconnecting") != std::string::npos; }, 3000));
    QVERIFY(!limiter->connected());

    QVERIFY(redis.resume());
    QElapsedTimer t;
    t.start();
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    qDebug("answering again %lld ms after SIGCONT", t.elapsed());
}

void TestRedisLimiter::destroyWithPendingCompletesThem()
{
    asio::io_context ioc;
    std::string error;
    const SharedLimitRequest req = quotaRequest("tg:q:destroy", 0, false);
    int calls = 0, available = 0;
    auto count = [&](const SharedLimitDecision& d) {
        ++calls;
        available += d.available;
    };

    // Not yet connected: everything waits, and the destructor fails it.
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    for (int i = 0; i < 50; ++i)
        limiter->decide(req, count);
    limiter.reset();
    QVERIFY(runUntil(ioc, [&] { return calls == 50; }));
    QCOMPARE(available, 0);

    // Connected, with decisions on the wire: each completes exactly once,
    // answered or not.
    calls = available = 0;
    limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    // The first connection may take longer than one decision's timeout on a
    // loaded machine (or under a sanitizer): wait until it is up.
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    for (int i = 0; i < 50; ++i)
        limiter->decide(req, count);
    ioc.restart();
    ioc.poll();
    limiter.reset();
    QVERIFY(runUntil(ioc, [&] { return calls == 50; }));
    ioc.restart();
    ioc.run(); // returns once the limiter's last handler is gone
    QCOMPARE(calls, 50);
}

void TestRedisLimiter::destroyWithIoContextDropsThem()
{
    auto token = std::make_shared<int>(0);
    int calls = 0;
    {
        auto ioc = std::make_unique<asio::io_context>();
        std::string error;
        auto limiter = RedisLimiter::create(*ioc, m_redis->url(), &error);
        QVERIFY2(limiter, error.c_str());
        QVERIFY(waitAvailable(*ioc, *limiter, 5000));
        QVERIFY(decideNow(*ioc, *limiter, quotaRequest("tg:q:drop", 0, false))
                    .value_or(SharedLimitDecision {})
                    .available);
        for (int i = 0; i < 10; ++i)
            limiter->decide(quotaRequest("tg:q:drop", 0, false),
                [&calls, token](const SharedLimitDecision&) { ++calls; });
        limiter.reset();
        ioc.reset(); // never run again: the callbacks are destroyed uninvoked
    }
    QCOMPARE(calls, 0);
    QCOMPARE(token.use_count(), 1L); // and nothing kept them alive
}

void TestRedisLimiter::decideAfterClose()
{
    asio::io_context ioc;
    std::string error;
    auto limiter = RedisLimiter::create(ioc, m_redis->url(), &error);
    QVERIFY2(limiter, error.c_str());
    QVERIFY(waitAvailable(ioc, *limiter, 5000));
    QVERIFY(decideNow(ioc, *limiter, quotaRequest("tg:q:close", 0, false))
                .value_or(SharedLimitDecision {})
                .available);
    limiter->close();
    const auto d = decideNow(ioc, *limiter, quotaRequest("tg:q:close", 0, false));
    QVERIFY(d && !d->available);
    QVERIFY(!limiter->connected());
}

QTEST_GUILESS_MAIN(TestRedisLimiter)
#include "tst_redislimiter.moc"
