// Keys, tiers, rate limits and quotas as a client sees them over a socket:
// every status and header the engine promises, rotation grace and revocation
// under load, failed-authentication limiting, usage accounting, and quota
// counts that survive kill -9.

#include "daemon.h"
#include "rawclient.h"
#include "testserver.h"

#include "server/access/apikey.h"
#include "server/access/gcra.h"
#include "server/access/usage.h"
#include "server/workspace/workspacestore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace testsupport;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

/// A workspace with one keyed route, one public route and a tier "t".
struct Fixture {
    Workspace ws;
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>();

    explicit Fixture(Tier tier = { "t", "T", 60, 3, 0, 1'000, 0, 0, OverQuotaPolicy::Block })
    {
        ws.tiers = { tier };
        Route keyed = makeRoute("GET", "/paid", 200, "{\"ok\":true}");
        keyed.access.keyRequired = true;
        keyed.access.costMicros = 7;
        ws.routes.push_back(keyed);
        ws.routes.push_back(makeRoute("GET", "/free", 200, "{}"));
    }
    std::int64_t nowSec() const { return clock->nowNs() / kSecond; }

    std::string addKey(KeyOptions options = {})
    {
        if (options.tier.empty())
            options.tier = ws.tiers.front().id;
        NewKey k;
        std::string error;
        if (!createKey("development", options, nowSec(), &k, &error))
            qFatal("createKey: %s", error.c_str());
        ws.keys.push_back(k.record);
        return k.secret;
    }
};

struct Server {
    Engine engine;
    std::string error;
    bool started = false;
    Server(const Fixture& f, int threads = 2, std::filesystem::path stateDir = {},
        bool realClock = false)
    {
        engine.apply(f.ws);
        EngineOptions o;
        o.threads = threads;
        o.clock = realClock ? systemClock() : f.clock;
        o.stateDir = std::move(stateDir);
        started = engine.start(o, &error);
    }
};

QByteArray bearer(const std::string& key)
{
    return "Authorization: Bearer " + QByteArray::fromStdString(key) + "\r\n";
}

rawhttp::Response call(quint16 port, const QByteArray& target, const QByteArray& extra = {})
{
    rawhttp::RawClient c;
    if (!c.connectTo(port)) {
        rawhttp::Response r;
        r.error = "connect failed";
        return r;
    }
    c.send(rawhttp::get(target, extra));
    return c.readResponse();
}

const KeyUsage* findUsage(const std::vector<KeyUsage>& rows, const std::string& id)
{
    for (const auto& r : rows) {
        if (r.keyId == id)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestKeys : public QObject {
    Q_OBJECT

private slots:
    void missingKeyIs401WithChallenge()
    {
        Fixture f;
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const auto r = call(s.engine.port(), "/paid");
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        QVERIFY(!r.hasHeader("RateLimit"));
        // Public routes need nothing.
        QCOMPARE(call(s.engine.port(), "/free").status, 200);
    }

    void badKeysAre401()
    {
        Fixture f;
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();

        std::string flipped = key;
        flipped[20] = flipped[20] == 'a' ? 'b' : 'a';
        Fixture other;
        const std::string unknown = other.addKey(); // valid format, not in this workspace

        struct Case {
            QByteArray header;
            QByteArray detail;
        };
        const Case cases[] = {
            { "Authorization: Basic dXNlcjpwYXNz\r\n", "Bearer scheme" },
            { bearer("tg_dev_short"), "malformed" },
            { bearer(flipped), "checksum" },
            { bearer(unknown), "not valid" },
        };
        for (const Case& c : cases) {
            const auto r = call(port, "/paid", c.header);
            QVERIFY2(r.ok, r.error.constData());
            QCOMPARE(r.status, 401);
            QVERIFY2(r.body.contains(c.detail), r.body.constData());
            QVERIFY(r.header("WWW-Authenticate").contains("Bearer"));
        }
    }

    void bearerAndXApiKeyBothWorkAndCarryRateLimit()
    {
        Fixture f;
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        auto r = call(s.engine.port(), "/paid", bearer(key));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("RateLimit-Policy"), QByteArray("\"minute\";q=60;w=60"));
        QCOMPARE(r.header("RateLimit"), QByteArray("\"minute\";r=2;t=1"));
        r = call(s.engine.port(), "/paid", "X-API-Key: " + QByteArray::fromStdString(key) + "\r\n");
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("RateLimit"), QByteArray("\"minute\";r=1;t=2"));
    }

    void missingScopeIs403()
    {
        Fixture f;
        f.ws.routes[0].access.scopes = { "reports:read" };
        const std::string without = f.addKey();
        const std::string with = f.addKey({ "t", "", "", { "reports:read", "x" }, 0 });
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        auto r = call(s.engine.port(), "/paid", bearer(without));
        QCOMPARE(r.status, 403);
        QVERIFY(r.header("WWW-Authenticate").contains("insufficient_scope"));
        QVERIFY(r.header("WWW-Authenticate").contains("reports:read"));
        r = call(s.engine.port(), "/paid", bearer(with));
        QCOMPARE(r.status, 200);
    }

    void unknownTierIs403()
    {
        Fixture f;
        const std::string key = f.addKey({ "gone", "", "", {}, 0 });
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const auto r = call(s.engine.port(), "/paid", bearer(key));
        QCOMPARE(r.status, 403);
        QVERIFY(r.body.contains("gone"));
    }

    void rateLimitIs429WithRetryAfterAndHeaders()
    {
        Fixture f; // 60/min = one per second, burst 3
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(call(port, "/paid", bearer(key)).status, 200);
        auto r = call(port, "/paid", bearer(key));
        QVERIFY2(r.status == 429, r.describe().constData());
        QCOMPARE(r.header("Retry-After"), QByteArray("1"));
        QCOMPARE(r.header("RateLimit-Policy"), QByteArray("\"minute\";q=60;w=60"));
        QCOMPARE(r.header("RateLimit"), QByteArray("\"minute\";r=0;t=3"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        // One emission interval later exactly one more goes through.
        f.clock->advance(kSecond - 1);
        QCOMPARE(call(port, "/paid", bearer(key)).status, 429);
        f.clock->advance(1);
        QCOMPARE(call(port, "/paid", bearer(key)).status, 200);
        QCOMPARE(call(port, "/paid", bearer(key)).status, 429);

        const auto usage = s.engine.usage();
        const KeyUsage* u = findUsage(usage, f.ws.keys[0].id);
        QVERIFY(u);
        QCOMPARE(u->requests, 4u);
        QCOMPARE(u->rejected, 3u);
    }

    void routeOwnLimitIsSeparate()
    {
        Fixture f;
        f.ws.routes[0].access.requestsPerMinute = 1;
        f.ws.routes[0].access.burst = 1;
        Route other = makeRoute("GET", "/other", 200, "{}");
        other.access.keyRequired = true;
        f.ws.routes.push_back(other);
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        QCOMPARE(call(s.engine.port(), "/paid", bearer(key)).status, 200);
        const auto r = call(s.engine.port(), "/paid", bearer(key));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("Retry-After"), QByteArray("60"));
        QCOMPARE(call(s.engine.port(), "/other", bearer(key)).status, 200);
    }

    void routeOwnRateWithoutBurstUsesTheTiersBurst()
    {
        Fixture f; // tier burst 3
        f.ws.routes[0].access.requestsPerMinute = 6; // one per 10 s
        f.ws.routes[0].access.burst = 0;
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(call(s.engine.port(), "/paid", bearer(key)).status, 200);
        const auto r = call(s.engine.port(), "/paid", bearer(key));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("Retry-After"), QByteArray("10"));
    }

    void quotaBlockIs429UntilMonthEnd()
    {
        Fixture f({ "t", "T", 0, 1, 5, 10, 0, 0, OverQuotaPolicy::Block });
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        for (int i = 0; i < 5; ++i) {
            const auto r = call(s.engine.port(), "/paid", bearer(key));
            QCOMPARE(r.status, 200);
            QVERIFY2(
                r.header("RateLimit")
                    .startsWith(QByteArray(QByteArray("\"month\";r=") + QByteArray::number(4 - i))),
                r.header("RateLimit").constData());
        }
        const auto r = call(s.engine.port(), "/paid", bearer(key));
        QCOMPARE(r.status, 429);
        const std::int64_t untilMonthEnd = monthEnd(f.nowSec()) - f.nowSec();
        QCOMPARE(r.header("Retry-After").toLongLong(), untilMonthEnd);
        QVERIFY(r.header("RateLimit-Policy").contains("\"month\";q=5"));
        QVERIFY(r.body.contains("quota"));
        // Next month the quota is fresh.
        f.clock->set(monthEnd(f.nowSec()) * kSecond);
        QCOMPARE(call(s.engine.port(), "/paid", bearer(key)).status, 200);
    }

    void quotaBillKeepsServingAndBillsOverage()
    {
        Fixture f({ "t", "T", 0, 1, 2, 100, 0, 250, OverQuotaPolicy::Bill });
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(call(s.engine.port(), "/paid", bearer(key)).status, 200);
        const auto usage = s.engine.usage();
        const KeyUsage* u = findUsage(usage, f.ws.keys[0].id);
        QVERIFY(u);
        QCOMPARE(u->requests, 4u);
        QCOMPARE(u->billable, 4u);
        QCOMPARE(u->overage, 2u);
        QCOMPARE(u->revenueMicros, Micros { 2 * 100 + 2 * 250 });
        QCOMPARE(u->costMicros, Micros { 4 * 7 });
    }

    void serverErrorsAreNotBilled()
    {
        Fixture f;
        f.ws.routes[0].failure.percent = 100.0;
        f.ws.routes[0].failure.status = 503;
        f.ws.routes[0].access.priceMicros = 900;
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const auto r = call(s.engine.port(), "/paid", bearer(key));
        QCOMPARE(r.status, 503);
        QVERIFY(r.hasHeader("RateLimit")); // keyed responses carry it whatever the status
        const auto usage = s.engine.usage();
        const KeyUsage* u = findUsage(usage, f.ws.keys[0].id);
        QVERIFY(u);
        QCOMPARE(u->requests, 1u);
        QCOMPARE(u->billable, 0u);
        QCOMPARE(u->revenueMicros, Micros { 0 });
        QCOMPARE(u->costMicros, Micros { 7 });
    }

    void expiryAndRotationGraceToTheSecond()
    {
        Fixture f({ "t", "T", 0, 1, 0, 0, 0, 0, OverQuotaPolicy::Block });
        const std::string oldKey = f.addKey();
        NewKey fresh;
        std::string error;
        QVERIFY(
            rotateKey(&f.ws.keys, f.ws.keys[0].id, 10, "development", f.nowSec(), &fresh, &error));
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();
        const std::int64_t rotatedAt = f.nowSec();
        QCOMPARE(call(port, "/paid", bearer(oldKey)).status, 200);
        QCOMPARE(call(port, "/paid", bearer(fresh.secret)).status, 200);
        f.clock->set((rotatedAt + 10) * kSecond - 1); // last nanosecond of the grace
        QCOMPARE(call(port, "/paid", bearer(oldKey)).status, 200);
        f.clock->set((rotatedAt + 10) * kSecond);
        const auto r = call(port, "/paid", bearer(oldKey));
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.contains("expired"));
        QCOMPARE(call(port, "/paid", bearer(fresh.secret)).status, 200);
    }

    void revokeRaceNothingAcceptedAfterRevokeReturns()
    {
        Fixture f({ "t", "T", 0, 1, 0, 0, 0, 0, OverQuotaPolicy::Block });
        const std::string key = f.addKey();
        Server s(f, 2);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();

        constexpr int kClients = 64;
        std::atomic<bool> revoked { false };
        std::atomic<bool> stop { false };
        std::atomic<int> before { 0 };
        std::atomic<int> after { 0 };
        std::atomic<int> acceptedAfter { 0 };
        std::atomic<int> errors { 0 };
        std::atomic<int> ready { 0 };
        const QByteArray req = rawhttp::get("/paid", bearer(key));
        std::vector<std::thread> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.emplace_back([&] {
                rawhttp::RawClient c;
                if (!c.connectTo(port)) {
                    ++errors;
                    return;
                }
                ++ready;
                while (!stop.load()) {
                    // Read the flag before sending: a request sent after the
                    // revoke returned must not be accepted.
                    const bool sentAfter = revoked.load();
                    if (!c.send(req)) {
                        ++errors;
                        return;
                    }
                    const auto r = c.readResponse();
                    if (!r.ok) {
                        ++errors;
                        return;
                    }
                    if (sentAfter) {
                        ++after;
                        if (r.status != 401)
                            ++acceptedAfter;
                    } else {
                        ++before;
                    }
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(ready.load(), kClients, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(before.load() > 2'000, 20'000);
        QVERIFY(revokeKey(&f.ws.keys, f.ws.keys[0].id, f.nowSec(), nullptr));
        s.engine.apply(f.ws);
        revoked = true;
        QTRY_VERIFY_WITH_TIMEOUT(after.load() > 2'000, 20'000);
        stop = true;
        for (auto& t : clients)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(acceptedAfter.load(), 0);
    }

    void failedAuthenticationsAreLimitedPerAddress()
    {
        Fixture f;
        const std::string key = f.addKey();
        Server s(f);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();
        std::string wrong = key;
        wrong[wrong.size() - 1] = wrong.back() == 'A' ? 'B' : 'A';
        int unauthorized = 0;
        for (int i = 0; i < 20; ++i)
            unauthorized += call(port, "/paid", bearer(wrong)).status == 401;
        QCOMPARE(unauthorized, 20);
        auto r = call(port, "/paid", bearer(wrong));
        QCOMPARE(r.status, 429);
        QVERIFY(r.hasHeader("Retry-After"));
        QVERIFY(r.body.contains("failed authentications"));
        // While blocked, the address gets nothing, not even with a good key.
        QCOMPARE(call(port, "/paid", bearer(key)).status, 429);
        f.clock->advance(2 * kSecond);
        QCOMPARE(call(port, "/paid", bearer(key)).status, 200);
    }

    void realClock64ClientsFor60sNeverExceedTheLimit()
    {
        // 600 a minute (one per 100 ms) after a burst of 20.
        Fixture f({ "t", "T", 600, 20, 0, 0, 0, 0, OverQuotaPolicy::Block });
        const std::string key = f.addKey();
        Server s(f, 2, {}, true);
        QVERIFY2(s.started, s.error.c_str());
        const quint16 port = s.engine.port();
        const QByteArray req = rawhttp::get("/paid", bearer(key));
        using SteadyClock = std::chrono::steady_clock;
        constexpr int kClients = 64;
        const auto duration = std::chrono::seconds(60);
        struct Result {
            std::vector<SteadyClock::time_point> admitted; // send times
            std::chrono::nanoseconds maxRtt { 0 };
            int errors = 0;
            int unexpected = 0;
        };
        std::vector<Result> results(kClients);
        const auto start = SteadyClock::now();
        std::vector<std::thread> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.emplace_back([&, i] {
                Result& res = results[static_cast<std::size_t>(i)];
                rawhttp::RawClient c;
                if (!c.connectTo(port)) {
                    ++res.errors;
                    return;
                }
                while (SteadyClock::now() - start < duration) {
                    const auto sent = SteadyClock::now();
                    if (!c.send(req)) {
                        ++res.errors;
                        return;
                    }
                    const auto r = c.readResponse();
                    const auto rtt = SteadyClock::now() - sent;
                    res.maxRtt = std::max(res.maxRtt, rtt);
                    if (!r.ok) {
                        ++res.errors;
                        return;
                    }
                    if (r.status == 200)
                        res.admitted.push_back(sent);
                    else if (r.status != 429)
                        ++res.unexpected;
                }
            });
        }
        for (auto& t : clients)
            t.join();
        const auto elapsed = SteadyClock::now() - start;
        std::vector<SteadyClock::time_point> all;
        std::chrono::nanoseconds maxRtt { 0 };
        for (const Result& r : results) {
            QCOMPARE(r.errors, 0);
            QCOMPARE(r.unexpected, 0);
            all.insert(all.end(), r.admitted.begin(), r.admitted.end());
            maxRtt = std::max(maxRtt, r.maxRtt);
        }
        std::sort(all.begin(), all.end());
        const double seconds = std::chrono::duration<double>(elapsed).count();
        const double ideal = 20 + 10 * seconds;
        QVERIFY2(all.size() <= static_cast<std::size_t>(ideal) + 1,
            qPrintable(QStringLiteral("%1 admitted in %2 s, limit %3")
                           .arg(all.size())
                           .arg(seconds)
                           .arg(ideal)));
        QVERIFY2(all.size() >= static_cast<std::size_t>(0.95 * ideal),
            qPrintable(QStringLiteral("only %1 admitted, ideal %2").arg(all.size()).arg(ideal)));
        // And in every 10-second window (by send time, allowing one round
        // trip of skew between sending and the server's decision).
        const auto window = std::chrono::seconds(10);
        const double slack = 10 * std::chrono::duration<double>(maxRtt).count();
        std::size_t j = 0;
        for (std::size_t i = 0; i < all.size(); ++i) {
            while (j < all.size() && all[j] - all[i] <= window)
                ++j;
            const std::size_t inWindow = j - i;
            QVERIFY2(inWindow <= static_cast<std::size_t>(20 + 100 + 1 + slack + 1),
                qPrintable(QStringLiteral("%1 admitted within 10 s").arg(inWindow)));
        }
    }

    void quotaCountSurvivesKill9()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        Fixture f({ "t", "T", 0, 1, 1'000, 0, 0, 0, OverQuotaPolicy::Block });
        f.ws.dir = root;
        f.ws.keys.clear();
        NewKey k;
        QVERIFY(createKey("development", { "t", "", "", {}, 0 },
            std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count(),
            &k, nullptr));
        f.ws.keys.push_back(k.record);
        std::string error;
        QVERIFY2(saveWorkspace(f.ws, &error), error.c_str());
        const QByteArray auth = bearer(k.secret);

        const std::filesystem::path usageFile = root / ".tollgate" / "usage.json";
        std::uint64_t delivered = 0;
        for (int round = 0; round < 2; ++round) {
            Daemon daemon;
            const QByteArray started = daemon.start(
                { QStringLiteral("--workspace"), dir.path(), QStringLiteral("--port"),
                    QStringLiteral("0"), QStringLiteral("--threads"), QStringLiteral("2") });
            QVERIFY2(started.isEmpty(), started.constData());
            const quint16 port = daemon.port();

            rawhttp::RawClient c;
            QVERIFY(c.connectTo(port));
            for (int i = 0; i < 300; ++i) {
                QVERIFY(c.send(rawhttp::get("/paid", auth)));
                const auto r = c.readResponse();
                QVERIFY2(r.ok && r.status == 200, r.describe().constData());
                ++delivered;
            }
            ::kill(daemon.pid(), SIGKILL);
            QVERIFY(daemon.process().waitForFinished(5000));

            std::vector<KeyUsage> rows;
            QVERIFY2(loadUsageFile(usageFile, &rows, &error), error.c_str());
            const KeyUsage* u = findUsage(rows, k.record.id);
            QVERIFY(u);
            QVERIFY2(u->requests >= delivered,
                qPrintable(
                    QStringLiteral("counted %1 < delivered %2").arg(u->requests).arg(delivered)));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
