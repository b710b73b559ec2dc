// Per-address connection limits (server.limits.connectionsPerAddress) on a
// real engine: the connection over the limit is answered 503 and closed, the
// others keep working, and a new limit applies without a restart.

#include "rawclient.h"
#include "testserver.h"

#include "server/metering/adminserver.h"
#include "server/metering/metering.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace testsupport;

namespace {

Workspace limitedWorkspace(int perAddress)
{
    Workspace ws;
    ws.routes.push_back(makeRoute("GET", "/ping", 200, R"({"pong":true})"));
    ws.server.limits.connectionsPerAddress = perAddress;
    return ws;
}

/// Opens `n` connections that have sent nothing yet.
std::vector<std::unique_ptr<rawhttp::RawClient>> openClients(quint16 port, int n)
{
    std::vector<std::unique_ptr<rawhttp::RawClient>> clients;
    for (int i = 0; i < n; ++i) {
        auto c = std::make_unique<rawhttp::RawClient>();
        if (!c->connectTo(port))
            break;
        clients.push_back(std::move(c));
    }
    return clients;
}

/// One GET /ping on an open keep-alive connection: its status, or 0.
int ping(rawhttp::RawClient& c)
{
    if (!c.send(rawhttp::get("/ping")))
        return 0;
    const auto r = c.readResponse();
    return r.ok ? r.status : 0;
}

} // namespace

class TestConnLimits : public QObject {
    Q_OBJECT

private:
    /// The connection opened after the limit is reached gets a 503
    /// problem, Connection: close, and then the end of the stream.
    static void expectRefused(quint16 port)
    {
        rawhttp::RawClient extra;
        QVERIFY(extra.connectTo(port));
        const auto r = extra.readResponse();
        QVERIFY2(r.ok, r.error.constData());
        QCOMPARE(r.status, 503);
        QVERIFY2(r.closes(), r.describe().constData());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        QVERIFY2(r.body.contains("\"status\":503"), r.body.constData());
        QVERIFY2(r.body.contains("connections"), r.body.constData());
        QByteArray rest;
        QCOMPARE(extra.readUntilClose(&rest), rawhttp::ReadEnd::Eof);
        QVERIFY2(rest.isEmpty(), rest.constData());
    }

private slots:
    void theConnectionOverTheLimitIsRefused()
    {
        constexpr int kLimit = 4;
        TestServer server(limitedWorkspace(kLimit));
        QVERIFY2(server.ok(), server.problems().constData());
        auto clients = openClients(server.port(), kLimit);
        QCOMPARE(int(clients.size()), kLimit);
        // Accepts are taken in order, so the first four are counted before
        // the fifth, although none of them has sent a byte.
        expectRefused(server.port());
        QCOMPARE(server.engine->connectionsRefused(), 1u);
        // The admitted ones still work, several requests each.
        for (auto& c : clients) {
            QCOMPARE(ping(*c), 200);
            QCOMPARE(ping(*c), 200);
        }
        // The refusal is an answered request in the traffic log, as other
        // framing errors are.
        std::vector<TrafficEvent> events;
        QTRY_VERIFY([&] {
            server.engine->drainTraffic(&events, 100);
            return std::count_if(events.begin(), events.end(), [](const TrafficEvent& e) {
                return e.status == 503;
            }) == 1;
        }());
        const auto refused = std::find_if(
            events.begin(), events.end(), [](const TrafficEvent& e) { return e.status == 503; });
        QCOMPARE(refused->method, std::string("-"));
        QVERIFY(refused->bytesOut > 0);
    }

    void aClosedConnectionGivesItsPlaceBack()
    {
        TestServer server(limitedWorkspace(2));
        QVERIFY2(server.ok(), server.problems().constData());
        auto clients = openClients(server.port(), 2);
        QCOMPARE(int(clients.size()), 2);
        QCOMPARE(ping(*clients[0]), 200);
        expectRefused(server.port());
        // Closing one frees its place once the server has seen the close;
        // until then a newcomer is refused, after it is served.
        clients[0]->close();
        bool served = false; // each try opens a connection: stop after one is served
        QTRY_VERIFY(served || (served = [&] {
            rawhttp::RawClient c;
            return c.connectTo(server.port()) && ping(c) == 200;
        }()));
        QCOMPARE(ping(*clients[1]), 200);
    }

    void aRaisedLimitAdmitsMoreAtOnce()
    {
        TestServer server(limitedWorkspace(2));
        QVERIFY2(server.ok(), server.problems().constData());
        auto clients = openClients(server.port(), 2);
        QCOMPARE(int(clients.size()), 2);
        QCOMPARE(ping(*clients[1]), 200); // both counted
        expectRefused(server.port());

        // Applied while the two stay open: the next connections count
        // against the new limit.
        const auto diagnostics = server.engine->apply(limitedWorkspace(5));
        QVERIFY(diagnostics.empty());
        auto more = openClients(server.port(), 3);
        QCOMPARE(int(more.size()), 3);
        for (auto& c : more)
            QCOMPARE(ping(*c), 200);
        expectRefused(server.port());
        for (auto& c : clients)
            QCOMPARE(ping(*c), 200);

        // 0 lifts the limit.
        QVERIFY(server.engine->apply(limitedWorkspace(0)).empty());
        auto unlimited = openClients(server.port(), 20);
        QCOMPARE(int(unlimited.size()), 20);
        for (auto& c : unlimited)
            QCOMPARE(ping(*c), 200);
        QCOMPARE(server.engine->connectionsRefused(), 2u);
    }

    void aLoweredLimitClosesNothing()
    {
        TestServer server(limitedWorkspace(3));
        QVERIFY2(server.ok(), server.problems().constData());
        auto clients = openClients(server.port(), 3);
        QCOMPARE(int(clients.size()), 3);
        QCOMPARE(ping(*clients[2]), 200);
        QVERIFY(server.engine->apply(limitedWorkspace(1)).empty());
        for (auto& c : clients)
            QCOMPARE(ping(*c), 200);
        expectRefused(server.port());
    }

    void theAdminEndpointLimitsEachAddressToo()
    {
        // 16 per address, fixed: a scraper needs one or two.
        AdminServer admin;
        std::string error;
        QVERIFY2(admin.start("127.0.0.1", 0, std::make_shared<Metering>(), &error), error.c_str());
        std::vector<std::unique_ptr<rawhttp::RawClient>> held;
        for (int i = 0; i < 16; ++i) {
            held.push_back(std::make_unique<rawhttp::RawClient>());
            QVERIFY(held.back()->connectTo(admin.port()));
        }
        QVERIFY(held.back()->send(rawhttp::get("/health")));
        QCOMPARE(held.back()->readResponse().status, 200); // all 16 accepted by now
        rawhttp::RawClient extra;
        QVERIFY(extra.connectTo(admin.port()));
        QByteArray got;
        const auto end = extra.readUntilClose(&got);
        QVERIFY2(
            end == rawhttp::ReadEnd::Eof || end == rawhttp::ReadEnd::Reset, rawhttp::toString(end));
        QVERIFY2(got.isEmpty(), got.constData());
        held.front()->close();
        // Each try opens a connection: once one is served, stop trying.
        bool served = false;
        QTRY_VERIFY(served || (served = [&] {
            rawhttp::RawClient c;
            return c.connectTo(admin.port()) && c.send(rawhttp::get("/health"))
                && c.readResponse().status == 200;
        }()));
    }
};

QTEST_GUILESS_MAIN(TestConnLimits)
#include "tst_connlimits.moc"
