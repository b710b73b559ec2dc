// The access gate without a socket: how a key is read and verified, the
// failed-authentication throttle, revocation, expiry, tiers and scopes, local
// rate limits and quotas with their RateLimit fields, prices, a shared
// (Redis-like) limiter with every fail policy, and the wait for a durable
// quota count.

#include "server/access/accessgate.h"
#include "server/access/apikey.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

using namespace tollgate::server;

namespace {

constexpr std::int64_t kSecondNs = 1'000'000'000;
constexpr std::int64_t kStart = 1'795'755'600LL * kSecondNs; // 2026-11-27T05:00:00Z

Tier tier(std::string id, std::int64_t perMinute, std::int64_t burst, std::int64_t quota)
{
    Tier t;
    t.id = std::move(id);
    t.name = t.id;
    t.requestsPerMinute = perMinute;
    t.burst = burst;
    t.monthlyQuota = quota;
    t.pricePerRequestMicros = 100;
    t.overagePriceMicros = 250;
    return t;
}

class Waiter final : public AccessGate::Waiter {
public:
    AccessGate::Resume waitForDecision() override
    {
        ++waits;
        return [this](AccessGate::Verdict v) {
            std::lock_guard lock(mutex);
            verdict = v;
            ++resumed;
        };
    }
    std::optional<AccessGate::Verdict> result()
    {
        std::lock_guard lock(mutex);
        return verdict;
    }
    int waits = 0;
    std::atomic<int> resumed { 0 };

private:
    std::mutex mutex;
    std::optional<AccessGate::Verdict> verdict;
};

/// A shared limiter that answers when the test says so.
class FakeShared final : public SharedLimiter {
public:
    void decide(const SharedLimitRequest& req, Done done) override
    {
        requests.push_back(req);
        pending.push_back(std::move(done));
    }
    void answer(const SharedLimitDecision& d)
    {
        auto done = std::move(pending.front());
        pending.erase(pending.begin());
        done(d);
    }
    std::vector<SharedLimitRequest> requests;
    std::vector<Done> pending;
};

/// A gate over an in-memory ledger on a virtual clock, with keys of three tiers.
struct Fixture {
    explicit Fixture(
        std::filesystem::path usageFile = {}, RedisFailPolicy policy = RedisFailPolicy::Local)
        : usage(std::move(usageFile), clock)
        , gate(clock, usage, failures, policy)
    {
        std::string error;
        usage.open(&error);
        tiers = { tier("free", 60, 2, 3), tier("pro", 6000, 100, 0), tier("billed", 0, 1, 2) };
        tiers[2].overQuota = OverQuotaPolicy::Bill;
        free = makeKey("free");
        pro = makeKey("pro", { "search" });
        billed = makeKey("billed");
        orphan = makeKey("gone");
        revoked = makeKey("pro");
        expiring = makeKey("pro");
        for (auto& k : records) {
            if (k.id == revoked.id)
                k.revoked = kStart / kSecondNs - 10;
            if (k.id == expiring.id)
                k.expires = kStart / kSecondNs + 60;
        }
        index = std::make_shared<KeyIndex>(records, tiers, nullptr);
        access.keyRequired = true;
    }

    struct Made {
        std::string secret;
        std::string id;
    };
    Made makeKey(const std::string& tierId, std::vector<std::string> scopes = {})
    {
        NewKey k;
        KeyOptions o;
        o.tier = tierId;
        o.scopes = std::move(scopes);
        std::string error;
        if (!createKey("development", o, kStart / kSecondNs, &k, &error))
            qFatal("createKey: %s", error.c_str());
        records.push_back(k.record);
        return { k.secret, k.record.id };
    }

    AccessGate::Verdict check(std::string_view bearer, Admission& out,
        std::string_view peer = "192.0.2.1", SharedLimiter* shared = nullptr)
    {
        const std::string header = "Bearer " + std::string(bearer);
        GateRequest r;
        r.authorization = header;
        r.peer = peer;
        r.access = &access;
        r.routeName = "GET /v1/things";
        out.clear();
        return gate.check(r, index, cache, shared, out, waiter);
    }

    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(kStart);
    UsageStore usage;
    AuthFailures failures;
    AccessGate gate;
    std::vector<Tier> tiers;
    std::vector<ApiKey> records;
    std::shared_ptr<const KeyIndex> index;
    VerifiedKeyCache cache;
    Waiter waiter;
    RouteAccess access;
    Made free, pro, billed, orphan, revoked, expiring;
};

KeyUsage usageOf(UsageStore& store, const std::string& id)
{
    for (const KeyUsage& u : store.snapshot()) {
        if (u.keyId == id)
            return u;
    }
    return {};
}

} // namespace

class TestAccessGate : public QObject {
    Q_OBJECT

private slots:
    void missingKey();
    void keyFromEitherHeader();
    void malformedAndMistypedKeys();
    void failedAuthenticationsAreThrottledPerAddress();
    void revokedExpiredOrphanedAndScopes();
    void admittedKeyCarriesPriceCounterAndFields();
    void rateLimitRefusesAndCounts();
    void quotaRefusesWithoutTakingTheRate();
    void overQuotaBillsOverage();
    void routeOwnLimitAndPrice();
    void verifiedKeyCacheFollowsTheIndex();
    void runtimeSurvivesANewIndex();
    void sharedLimiterDecides();
    void sharedLimiterUnavailable_data();
    void sharedLimiterUnavailable();
    void waitsForADurableCount();
};

void TestAccessGate::missingKey()
{
    Fixture f;
    GateRequest r;
    r.peer = "192.0.2.1";
    r.access = &f.access;
    Admission out;
    QCOMPARE(
        f.gate.check(r, f.index, f.cache, nullptr, out, f.waiter), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    QCOMPARE(out.refusal.wwwAuthenticate, std::string("Bearer realm=\"tollgate\""));
    QVERIFY(out.refusal.detail.find("needs an API key") != std::string::npos);
    QVERIFY(out.key == nullptr);
    QCOMPARE(f.waiter.waits, 0);

    const std::string basic = "Basic dXNlcjpwYXNz";
    r.authorization = basic;
    out.clear();
    QCOMPARE(
        f.gate.check(r, f.index, f.cache, nullptr, out, f.waiter), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    QVERIFY(out.refusal.wwwAuthenticate.find("error=\"invalid_request\"") != std::string::npos);
}

void TestAccessGate::keyFromEitherHeader()
{
    Fixture f;
    GateRequest r;
    r.peer = "192.0.2.1";
    r.access = &f.access;
    const std::string padded = "  " + f.pro.secret + " ";
    r.apiKey = padded;
    Admission out;
    QCOMPARE(
        f.gate.check(r, f.index, f.cache, nullptr, out, f.waiter), AccessGate::Verdict::Admitted);
    QCOMPARE(out.key->id, f.pro.id);
    // "bearer" in any case, with blanks around the key.
    const std::string lower = "bearer   " + f.free.secret;
    r.apiKey.reset();
    r.authorization = lower;
    out.clear();
    QCOMPARE(
        f.gate.check(r, f.index, f.cache, nullptr, out, f.waiter), AccessGate::Verdict::Admitted);
    QCOMPARE(out.key->id, f.free.id);
}

void TestAccessGate::malformedAndMistypedKeys()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check("tg_dev_short", out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    QVERIFY(out.refusal.detail.find("malformed") != std::string::npos);
    QVERIFY(out.refusal.wwwAuthenticate.find("invalid_token") != std::string::npos);

    std::string mistyped = f.pro.secret;
    mistyped[10] = mistyped[10] == 'a' ? 'b' : 'a';
    QCOMPARE(f.check(mistyped, out), AccessGate::Verdict::Refused);
    QVERIFY(out.refusal.detail.find("checksum") != std::string::npos);

    // Well-formed, right checksum, but not one of the workspace's keys.
    Fixture other;
    QCOMPARE(f.check(other.pro.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    QCOMPARE(out.refusal.detail, std::string("The API key is not valid."));
    QVERIFY(out.key == nullptr);
}

void TestAccessGate::failedAuthenticationsAreThrottledPerAddress()
{
    Fixture f;
    Admission out;
    for (int i = 0; i < 20; ++i)
        QCOMPARE(f.check("tg_dev_nope", out, "192.0.2.7"), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    // Blocked now, even with a good key; another address is not.
    QCOMPARE(f.check(f.pro.secret, out, "192.0.2.7"), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 429);
    QCOMPARE(out.refusal.detail, std::string("Too many failed authentications from this address."));
    QVERIFY(out.refusal.retryAfterSeconds >= 1);
    QCOMPARE(f.check(f.pro.secret, out, "192.0.2.8"), AccessGate::Verdict::Admitted);
    // One a second comes back.
    f.clock->advance(kSecondNs);
    QCOMPARE(f.check(f.pro.secret, out, "192.0.2.7"), AccessGate::Verdict::Admitted);
}

void TestAccessGate::revokedExpiredOrphanedAndScopes()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check(f.revoked.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 401);
    QCOMPARE(out.refusal.detail, std::string("The API key has been revoked."));
    QCOMPARE(out.key->id, f.revoked.id); // named in records even when refused

    QCOMPARE(f.check(f.expiring.secret, out), AccessGate::Verdict::Admitted);
    f.clock->advance(61 * kSecondNs);
    QCOMPARE(f.check(f.expiring.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.detail, std::string("The API key has expired."));

    QCOMPARE(f.check(f.orphan.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 403);
    QVERIFY(out.refusal.detail.find("\"gone\" is not defined") != std::string::npos);

    f.access.scopes = { "search" };
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 403);
    QCOMPARE(out.refusal.wwwAuthenticate,
        std::string("Bearer realm=\"tollgate\", error=\"insufficient_scope\", scope=\"search\""));
    // None of these counted as admitted or rejected.
    QCOMPARE(usageOf(f.usage, f.free.id).requests, std::uint64_t(0));
    QCOMPARE(usageOf(f.usage, f.free.id).rejected, std::uint64_t(0));
}

void TestAccessGate::admittedKeyCarriesPriceCounterAndFields()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(out.key->id, f.free.id);
    QCOMPARE(out.key->tierId, std::string("free"));
    QVERIFY(out.counter != nullptr);
    QCOMPARE(out.price, Micros(100));
    QVERIFY(!out.overage);
    QCOMPARE(out.refusal.status, 0);
    // November 2026 has 30 days; 2026-11-27T05:00Z is 3 days 19 hours before its end.
    QCOMPARE(out.rateLimitFields,
        std::string("RateLimit-Policy: \"minute\";q=60;w=60, \"month\";q=3;w=2592000\r\n"
                    "RateLimit: \"minute\";r=1;t=1, \"month\";r=2;t=327600\r\n"));
    QCOMPARE(usageOf(f.usage, f.free.id).requests, std::uint64_t(1));

    // A tier without rate limit or quota sends no fields.
    f.tiers[1].requestsPerMinute = 0;
    f.index = std::make_shared<KeyIndex>(f.records, f.tiers, f.index.get());
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    QVERIFY(out.rateLimitFields.empty());
}

void TestAccessGate::rateLimitRefusesAndCounts()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 429);
    QCOMPARE(out.refusal.detail,
        std::string("Rate limit exceeded: 60 requests per minute for this key."));
    QCOMPARE(out.refusal.retryAfterSeconds, std::int64_t(1));
    QVERIFY(out.counter == nullptr); // nothing to book an outcome into
    QVERIFY(out.rateLimitFields.find("\"minute\";r=0") != std::string::npos);
    QVERIFY(out.rateLimitFields.find("\"month\";r=1") != std::string::npos);
    const KeyUsage u = usageOf(f.usage, f.free.id);
    QCOMPARE(u.requests, std::uint64_t(2));
    QCOMPARE(u.rejected, std::uint64_t(1));
    f.clock->advance(kSecondNs);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
}

void TestAccessGate::quotaRefusesWithoutTakingTheRate()
{
    Fixture f;
    Admission out;
    for (int i = 0; i < 3; ++i) {
        f.clock->advance(2 * kSecondNs);
        QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    }
    f.clock->advance(10 * kSecondNs); // the burst is back: r=2
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 429);
    QVERIFY(out.refusal.detail.find("Monthly quota of 3 requests used up") != std::string::npos);
    QCOMPARE(out.refusal.retryAfterSeconds, std::int64_t(327600 - 16));
    // The limiter is only peeked at (r is what a take would leave), so
    // refusals for the quota never use up the rate.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Refused);
        QVERIFY2(out.rateLimitFields.find("\"minute\";r=1;") != std::string::npos,
            out.rateLimitFields.c_str());
        QVERIFY(out.rateLimitFields.find("\"month\";r=0") != std::string::npos);
    }
    QCOMPARE(usageOf(f.usage, f.free.id).rejected, std::uint64_t(4));
}

void TestAccessGate::overQuotaBillsOverage()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check(f.billed.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.check(f.billed.secret, out), AccessGate::Verdict::Admitted);
    QVERIFY(!out.overage);
    QCOMPARE(out.price, Micros(100));
    QCOMPARE(f.check(f.billed.secret, out), AccessGate::Verdict::Admitted);
    QVERIFY(out.overage);
    QCOMPARE(out.price, Micros(250));
}

void TestAccessGate::routeOwnLimitAndPrice()
{
    Fixture f;
    f.access.requestsPerMinute = 60;
    f.access.burst = 1;
    f.access.priceMicros = 7;
    Admission out;
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(out.price, Micros(7));
    QVERIFY(out.rateLimitFields.find("\"minute\";q=60;w=60") != std::string::npos);
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 429);
    // The route's cell is its own: the tier's limit elsewhere is untouched.
    f.access = RouteAccess {};
    f.access.keyRequired = true;
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    QVERIFY(out.rateLimitFields.find("\"minute\";q=6000") != std::string::npos);
}

void TestAccessGate::verifiedKeyCacheFollowsTheIndex()
{
    Fixture f;
    const KeyEntry* entry = f.index->find(f.pro.secret);
    QVERIFY(entry);
    VerifiedKeyCache cache;
    QVERIFY(!cache.lookup(f.pro.secret, f.index));
    cache.remember(f.pro.secret, f.index, entry);
    QCOMPARE(cache.lookup(f.pro.secret, f.index), entry);
    QVERIFY(!cache.lookup(f.free.secret, f.index));
    // A new index (an apply, e.g. a revoke) invalidates it.
    auto next = std::make_shared<const KeyIndex>(f.records, f.tiers, f.index.get());
    QVERIFY(!cache.lookup(f.pro.secret, next));

    // Revoking publishes a new index, and the gate's cache cannot hide it.
    Admission out;
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    for (auto& k : f.records) {
        if (k.id == f.pro.id)
            k.revoked = kStart / kSecondNs;
    }
    f.index = std::make_shared<KeyIndex>(f.records, f.tiers, f.index.get());
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.detail, std::string("The API key has been revoked."));
}

void TestAccessGate::runtimeSurvivesANewIndex()
{
    Fixture f;
    Admission out;
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
    // Applying the workspace again must not hand the key a fresh burst.
    f.index = std::make_shared<KeyIndex>(f.records, f.tiers, f.index.get());
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Refused);
    QCOMPARE(out.refusal.status, 429);
    // Without the previous index it would start afresh.
    f.index = std::make_shared<KeyIndex>(f.records, f.tiers, nullptr);
    QCOMPARE(f.check(f.free.secret, out), AccessGate::Verdict::Admitted);
}

void TestAccessGate::sharedLimiterDecides()
{
    Fixture f;
    FakeShared shared;
    Admission out;
    QCOMPARE(f.check(f.free.secret, out, "192.0.2.1", &shared), AccessGate::Verdict::Pending);
    QCOMPARE(f.waiter.waits, 1);
    QCOMPARE(shared.requests.size(), std::size_t(1));
    const SharedLimitRequest& q = shared.requests[0];
    QCOMPARE(q.rateKey, "tg:rl:" + f.free.id);
    QCOMPARE(q.quotaKey, "tg:q:" + f.free.id + ":2026-11");
    QCOMPARE(q.emissionUs, std::int64_t(1'000'000));
    QCOMPARE(q.toleranceUs, std::int64_t(2'000'000));
    QCOMPARE(q.quota, std::int64_t(3));
    QVERIFY(q.blockOverQuota);
    QCOMPARE(q.quotaTtlSeconds, std::int64_t(327600 + 40 * 86400));

    SharedLimitDecision d;
    d.available = true;
    d.outcome = SharedLimitDecision::Admitted;
    d.remaining = 1;
    d.resetUs = 1'000'000;
    d.quotaUsed = 1;
    shared.answer(d);
    QCOMPARE(f.waiter.result(), std::optional(AccessGate::Verdict::Admitted));
    QCOMPARE(out.price, Micros(100));
    QVERIFY(out.counter);
    QVERIFY(out.rateLimitFields.find("\"minute\";r=1;t=1, \"month\";r=2") != std::string::npos);
    QCOMPARE(usageOf(f.usage, f.free.id).requests, std::uint64_t(1)); // this instance's share

    QCOMPARE(f.check(f.free.secret, out, "192.0.2.1", &shared), AccessGate::Verdict::Pending);
    d.outcome = SharedLimitDecision::RateLimited;
    d.remaining = 0;
    d.retryAfterUs = 1'500'000;
    shared.answer(d);
    QCOMPARE(f.waiter.result(), std::optional(AccessGate::Verdict::Refused));
    QCOMPARE(out.refusal.status, 429);
    QCOMPARE(out.refusal.retryAfterSeconds, std::int64_t(2));
    QCOMPARE(usageOf(f.usage, f.free.id).rejected, std::uint64_t(1));

    // A route's own limit gets a key of its own.
    f.access.requestsPerMinute = 10;
    QCOMPARE(f.check(f.free.secret, out, "192.0.2.1", &shared), AccessGate::Verdict::Pending);
    QCOMPARE(shared.requests.back().rateKey, "tg:rl:" + f.free.id + ":GET /v1/things");
}

void TestAccessGate::sharedLimiterUnavailable_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("fields");
    QTest::newRow("local") << int(RedisFailPolicy::Local) << int(AccessGate::Verdict::Admitted) << 0
                           << true;
    QTest::newRow("open") << int(RedisFailPolicy::Open) << int(AccessGate::Verdict::Admitted) << 0
                          << false;
    QTest::newRow("closed") << int(RedisFailPolicy::Closed) << int(AccessGate::Verdict::Refused)
                            << 503 << false;
}

void TestAccessGate::sharedLimiterUnavailable()
{
    QFETCH(int, policy);
    QFETCH(int, verdict);
    QFETCH(int, status);
    QFETCH(bool, fields);
    Fixture f({}, static_cast<RedisFailPolicy>(policy));
    FakeShared shared;
    Admission out;
    QCOMPARE(f.check(f.free.secret, out, "192.0.2.1", &shared), AccessGate::Verdict::Pending);
    shared.answer(SharedLimitDecision {}); // available = false
    QCOMPARE(f.waiter.result(), std::optional(static_cast<AccessGate::Verdict>(verdict)));
    QCOMPARE(out.refusal.status, status);
    QCOMPARE(!out.rateLimitFields.empty(), fields);
    if (status == 503)
        QCOMPARE(out.refusal.retryAfterSeconds, std::int64_t(1));
}

void TestAccessGate::waitsForADurableCount()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Fixture f(std::filesystem::path(dir.path().toStdString()) / "usage.json");
    Admission out;
    // The first admission is beyond the (empty) persisted reservation: the
    // answer may only leave once the store's thread has written it. The gate
    // signals that thread as it admits, so the write may already be done by
    // the time the gate asks (then it answers at once); either way it asked.
    const auto first = f.check(f.pro.secret, out);
    QCOMPARE(f.waiter.waits, 1);
    if (first == AccessGate::Verdict::Pending) {
        QTRY_COMPARE(f.waiter.resumed.load(), 1);
        QCOMPARE(f.waiter.result(), std::optional(AccessGate::Verdict::Admitted));
    } else {
        QCOMPARE(first, AccessGate::Verdict::Admitted);
        QCOMPARE(f.waiter.resumed.load(), 0);
    }
    QVERIFY(out.counter);
    // Durable before the answer: the file holds a reservation covering it.
    QFile file(dir.filePath(QStringLiteral("usage.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    const auto at = text.indexOf("\"reserved\":");
    QVERIFY2(at >= 0, text);
    QVERIFY2(text.mid(at + 11).trimmed().split(',').first().split('}').first().trimmed().toLongLong()
            >= 1,
        text);
    // The reservation runs ahead of the count: the next ones need no wait.
    QCOMPARE(f.check(f.pro.secret, out), AccessGate::Verdict::Admitted);
    QCOMPARE(f.waiter.waits, 1);
}

QTEST_GUILESS_MAIN(TestAccessGate)
#include "tst_accessgate.moc"
