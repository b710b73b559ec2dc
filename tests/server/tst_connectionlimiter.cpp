// The per-address connection count (http/connectionlimiter) and its setting
// in tollgate.json (server.limits.connectionsPerAddress).

#include "server/http/connectionlimiter.h"
#include "server/load/loadgen.h"
#include "server/workspace/settingsfile.h"
#include "server/workspace/workspace.h"

#include <QTest>

#include <boost/asio/ip/address.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace tollgate::server;
namespace ip = boost::asio::ip;

namespace {

ip::address addr(const char* text)
{
    return ip::make_address(text);
}

std::string messages(const std::vector<Diagnostic>& errors)
{
    std::string s;
    for (const auto& e : errors)
        s += e.toString() + '\n';
    return s;
}

} // namespace

class TestConnectionLimiter : public QObject {
    Q_OBJECT

private slots:
    void refusesTheConnectionOverTheLimit()
    {
        ConnectionLimiter limiter;
        limiter.setLimit(2);
        ConnectionSlot a1 = limiter.tryAcquire(addr("10.0.0.1"));
        ConnectionSlot a2 = limiter.tryAcquire(addr("10.0.0.1"));
        QVERIFY(a1.held());
        QVERIFY(a2.held());
        const ConnectionSlot a3 = limiter.tryAcquire(addr("10.0.0.1"));
        QVERIFY(!a3.held());
        QCOMPARE(limiter.refused(), 1u);
        QCOMPARE(limiter.openFrom(addr("10.0.0.1")), 2);
        // Another address has its own count.
        const ConnectionSlot b = limiter.tryAcquire(addr("10.0.0.2"));
        QVERIFY(b.held());
        // A connection that goes gives its place back.
        a1 = ConnectionSlot();
        QCOMPARE(limiter.openFrom(addr("10.0.0.1")), 1);
        const ConnectionSlot a4 = limiter.tryAcquire(addr("10.0.0.1"));
        QVERIFY(a4.held());
        QCOMPARE(limiter.refused(), 1u);
    }

    void zeroMeansNoLimit()
    {
        ConnectionLimiter limiter;
        limiter.setLimit(0);
        std::vector<ConnectionSlot> taken;
        for (int i = 0; i < 5000; ++i)
            taken.push_back(limiter.tryAcquire(addr("127.0.0.1")));
        for (const auto& s : taken)
            QVERIFY(s.held());
        QCOMPARE(limiter.openFrom(addr("127.0.0.1")), 5000);
        taken.clear();
        QCOMPARE(limiter.openFrom(addr("127.0.0.1")), 0);
    }

    void mappedIpv4CountsAsIpv4()
    {
        ConnectionLimiter limiter;
        limiter.setLimit(1);
        const ConnectionSlot v4 = limiter.tryAcquire(addr("192.0.2.7"));
        QVERIFY(v4.held());
        QVERIFY(!limiter.tryAcquire(addr("::ffff:192.0.2.7")).held());
        // A real IPv6 address is another client.
        QVERIFY(limiter.tryAcquire(addr("2001:db8::7")).held());
    }

    void aNewLimitAppliesToTheNextConnection()
    {
        ConnectionLimiter limiter;
        limiter.setLimit(1);
        const ConnectionSlot first = limiter.tryAcquire(addr("127.0.0.1"));
        QVERIFY(!limiter.tryAcquire(addr("127.0.0.1")).held());
        limiter.setLimit(3);
        const ConnectionSlot second = limiter.tryAcquire(addr("127.0.0.1"));
        const ConnectionSlot third = limiter.tryAcquire(addr("127.0.0.1"));
        QVERIFY(second.held());
        QVERIFY(third.held());
        QVERIFY(!limiter.tryAcquire(addr("127.0.0.1")).held());
        // Lowering it closes nothing; it refuses until the count is below.
        limiter.setLimit(2);
        QCOMPARE(limiter.openFrom(addr("127.0.0.1")), 3);
        QVERIFY(!limiter.tryAcquire(addr("127.0.0.1")).held());
    }

    void aMovedSlotIsGivenBackOnce()
    {
        ConnectionLimiter limiter;
        limiter.setLimit(5);
        ConnectionSlot a = limiter.tryAcquire(addr("10.1.1.1"));
        ConnectionSlot b(std::move(a));
        QVERIFY(!a.held()); // NOLINT(bugprone-use-after-move): moved-from is empty
        QVERIFY(b.held());
        ConnectionSlot c = limiter.tryAcquire(addr("10.1.1.1"));
        QCOMPARE(limiter.openFrom(addr("10.1.1.1")), 2);
        c = std::move(b); // c's own place goes back, b's moves in
        QCOMPARE(limiter.openFrom(addr("10.1.1.1")), 1);
        c = ConnectionSlot();
        QCOMPARE(limiter.openFrom(addr("10.1.1.1")), 0);
    }

    void threadsShareOneCount()
    {
        // Eight threads take places for one address at once and give them
        // back on other threads: exactly the limit is ever admitted.
        ConnectionLimiter limiter;
        limiter.setLimit(500);
        constexpr int kThreads = 8;
        constexpr int kEach = 100;
        std::vector<std::vector<ConnectionSlot>> held(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    ConnectionSlot s = limiter.tryAcquire(addr("127.0.0.1"));
                    if (s.held())
                        held[static_cast<std::size_t>(t)].push_back(std::move(s));
                    // Other addresses come and go meanwhile.
                    const auto other = "10.0." + std::to_string(t) + "." + std::to_string(i % 7);
                    (void)limiter.tryAcquire(ip::make_address(other));
                }
            });
        }
        for (auto& th : threads)
            th.join();
        std::size_t admitted = 0;
        for (const auto& h : held)
            admitted += h.size();
        QCOMPARE(admitted, std::size_t { 500 });
        QCOMPARE(limiter.refused(), std::uint64_t { kThreads * kEach - 500 });
        QCOMPARE(limiter.openFrom(addr("127.0.0.1")), 500);
        // Given back from other threads than the ones that took them.
        std::vector<std::thread> releasers;
        for (auto& h : held)
            releasers.emplace_back([&h] { h.clear(); });
        for (auto& th : releasers)
            th.join();
        QCOMPARE(limiter.openFrom(addr("127.0.0.1")), 0);
    }

    void theSettingIsReadAndWritten()
    {
        Workspace ws;
        std::vector<Diagnostic> errors;
        settingsFromJson(
            R"({"schemaVersion": 1, "server": {"limits": {"connectionsPerAddress": 7}}})",
            "tollgate.json", &ws, &errors);
        QVERIFY2(errors.empty(), messages(errors).c_str());
        QCOMPARE(ws.server.limits.connectionsPerAddress, 7);

        Workspace back;
        settingsFromJson(settingsToJson(ws), "tollgate.json", &back, &errors);
        QVERIFY2(errors.empty(), messages(errors).c_str());
        QCOMPARE(back.server.limits.connectionsPerAddress, 7);

        // 0: no limit.
        settingsFromJson(
            R"({"schemaVersion": 1, "server": {"limits": {"connectionsPerAddress": 0}}})",
            "tollgate.json", &back, &errors);
        QVERIFY2(errors.empty(), messages(errors).c_str());
        QCOMPARE(back.server.limits.connectionsPerAddress, 0);
    }

    void aBadSettingIsNamedAndKeepsTheDefault_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("negative") << QStringLiteral("-1");
        QTest::newRow("too large") << QStringLiteral("1000001");
        QTest::newRow("text") << QStringLiteral("\"many\"");
        QTest::newRow("fraction") << QStringLiteral("2.5");
    }

    void aBadSettingIsNamedAndKeepsTheDefault()
    {
        QFETCH(QString, value);
        // The bad value on line 2, so the message's line number is checked.
        const std::string text
            = R"({"schemaVersion": 1, "server": {"limits": {"headerTimeoutMs": 500,)"
              "\n"
              R"("connectionsPerAddress": )"
            + value.toStdString() + "}}}";
        Workspace ws;
        std::vector<Diagnostic> errors;
        settingsFromJson(text, "tollgate.json", &ws, &errors);
        QCOMPARE(errors.size(), std::size_t { 1 });
        const std::string message = messages(errors);
        QVERIFY2(message.find("connectionsPerAddress") != std::string::npos, message.c_str());
        QVERIFY2(message.find("tollgate.json:2") != std::string::npos, message.c_str());
        QCOMPARE(ws.server.limits.connectionsPerAddress, Limits {}.connectionsPerAddress);
        // The rest of the file still applies.
        QCOMPARE(ws.server.limits.headerTimeoutMs, 500);
    }

    void theDefaultAdmitsTheLoadRunnersLargestRun()
    {
        // The app's load runner connects from 127.0.0.1; the default must
        // not refuse any run the Load page accepts.
        LoadSettings s;
        s.url = "http://127.0.0.1:8080/";
        s.connections = Limits {}.connectionsPerAddress;
        s.durationSeconds = 1;
        const auto atDefault = validateLoadSettings(s);
        QVERIFY2(atDefault.empty(), atDefault.empty() ? "" : atDefault.front().c_str());
        s.connections = Limits {}.connectionsPerAddress + 1;
        QVERIFY(!validateLoadSettings(s).empty());
    }
};

QTEST_GUILESS_MAIN(TestConnectionLimiter)
#include "tst_connectionlimiter.moc"
