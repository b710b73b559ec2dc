// Stopping a collection run from another thread (the app's Stop, closing its
// window): the request under way ends at once instead of waiting out its
// timeout, nothing half-done is reported as a result, and a stop before the
// first request sends nothing. Under the TSan preset this is also the check
// that RequestClient::cancel may race the sending thread.

#include "server/checks/collectionrunner.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

using namespace tollgate::server;

namespace {

// A loopback listener that accepts and never answers.
class Silent {
public:
    Silent()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0
            || ::listen(m_fd, 8) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
    }
    ~Silent()
    {
        for (int fd : m_accepted)
            ::close(fd);
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Silent(const Silent&) = delete;
    Silent& operator=(const Silent&) = delete;

    int port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }
    /// Waits up to `ms` for a connection and keeps it open.
    bool accept(int ms)
    {
        pollfd p { m_fd, POLLIN, 0 };
        if (::poll(&p, 1, ms) != 1)
            return false;
        const int fd = ::accept(m_fd, nullptr, nullptr);
        if (fd < 0)
            return false;
        m_accepted.push_back(fd);
        return true;
    }

private:
    int m_fd = -1;
    int m_port = 0;
    std::vector<int> m_accepted;
};

RunPlan planFor(const QString& url, int requests)
{
    RunPlan plan;
    for (int i = 0; i < requests; ++i) {
        SavedRequest s;
        s.name = "silent " + std::to_string(i);
        s.request.method = "GET";
        s.request.url = url.toStdString();
        plan.requests.push_back(s);
    }
    // Long enough that only a working stop ends the test in time.
    plan.client.totalTimeoutMs = 120'000;
    return plan;
}

} // namespace

class TestRunnerStop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stopEndsTheRequestUnderWay()
    {
        Silent silent;
        QVERIFY(silent.port() > 0);
        const RunPlan plan = planFor(silent.url(), 3);
        std::stop_source stop;
        int reported = 0;
        auto run = std::async(std::launch::async, [&] {
            return runCollection(
                plan, [&](const RequestRun&) { ++reported; }, stop.get_token());
        });
        QVERIFY(silent.accept(10'000));
        const auto asked = std::chrono::steady_clock::now();
        stop.request_stop();
        QCOMPARE(run.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        const RunResult result = run.get();
        QVERIFY(std::chrono::steady_clock::now() - asked < std::chrono::seconds(10));
        QVERIFY(result.stoppedEarly);
        QCOMPARE(result.requests.size(), std::size_t(0));
        QCOMPARE(reported, 0);
        // Only the first request ever reached the listener.
        QVERIFY(!silent.accept(0));
    }

    void stopBeforeTheStartSendsNothing()
    {
        Silent silent;
        QVERIFY(silent.port() > 0);
        std::stop_source stop;
        stop.request_stop();
        const RunResult result = runCollection(planFor(silent.url(), 2), {}, stop.get_token());
        QVERIFY(result.stoppedEarly);
        QVERIFY(result.requests.empty());
        QVERIFY(!silent.accept(0));
    }

    void requestsInFolderTakesSubfoldersOnly()
    {
        std::vector<SavedRequest> all(5);
        const char* folders[] = { "", "users", "users/admin", "usersettings", "keys" };
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i].folder = folders[i];
        auto names = [](const std::vector<SavedRequest>& in) {
            std::vector<std::string> out;
            for (const SavedRequest& r : in)
                out.push_back(r.folder);
            return out;
        };
        QCOMPARE(names(requestsInFolder(all, "users")),
            (std::vector<std::string> { "users", "users/admin" }));
        QCOMPARE(requestsInFolder(all, "").size(), all.size());
        QVERIFY(requestsInFolder(all, "nope").empty());
    }
};

QTEST_GUILESS_MAIN(TestRunnerStop)
#include "tst_runnerstop.moc"
