// WebSocket and trusted-CA runs on paper: their settings and figures survive
// JSON (and runs without them read and write as before), broken close codes
// are refused with the field named, and the summary and comparison texts say
// what a WebSocket run measured.

#include "server/load/loadjson.h"
#include "server/load/loadreport.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTest>

#include <string>

using namespace tollgate::server;
namespace json = boost::json;

namespace {

LoadReport webSocketReport()
{
    LoadReport r;
    r.settings.url = "wss://127.0.0.1:8443/v1/live";
    r.settings.connections = 3;
    r.settings.durationSeconds = 2;
    r.settings.wsMessage = "{\"type\":\"ping\",\"n\":{{stream.index}}}";
    r.settings.wsIntervalMs = 250;
    r.settings.caPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    r.measuredSeconds = 2;
    LoadCounts& c = r.total;
    c.requests = 5;
    c.statuses = { { 101, 4 }, { 429, 1 } };
    c.streams = 4;
    c.held = 3;
    c.events = 40;
    c.sent = 24;
    c.closes = { { 1000, 1 } };
    for (std::uint64_t us : { 1'200u, 1'500u, 2'000u, 2'500u })
        c.firstEvent.record(us);
    for (std::uint64_t us : { 300u, 350u, 400u })
        c.roundTrip.record(us);
    c.latency.record(900);
    LoadSecond second;
    second.events = 40;
    second.sent = 24;
    second.requests = 5;
    r.timeline = { second };
    r.routes = { { "GET /v1/live", c } };
    return r;
}

} // namespace

class TestLoadWsReport : public QObject {
    Q_OBJECT

private slots:
    void figuresSurviveJson()
    {
        const LoadReport r = webSocketReport();
        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(loadReportToJson(r), &back, &error), error.c_str());
        QVERIFY(back.settings == r.settings);
        QVERIFY(back.settings.webSocket());
        QCOMPARE(back.total.sent, 24u);
        QCOMPARE(back.total.held, 3u);
        QVERIFY(back.total.closes == r.total.closes);
        QCOMPARE(back.total.roundTrip.count(), 3u);
        QCOMPARE(back.total.roundTrip.max(), r.total.roundTrip.max());
        QCOMPARE(back.timeline.front().sent, 24u);
        QCOMPARE(back.routes.front().counts.held, 3u);
    }

    void runsWithoutThemWriteNoneOfTheirFields()
    {
        LoadReport r;
        r.settings.url = "http://127.0.0.1:8080";
        r.total.requests = 1;
        r.total.statuses = { { 200, 1 } };
        r.timeline = { LoadSecond {} };
        const std::string text = json::serialize(loadReportToJson(r));
        for (const char* key : { "\"caPem\"", "\"wsMessage\"", "\"wsIntervalMs\"", "\"sent\"",
                 "\"held\"", "\"closes\"", "\"roundTrip\"" })
            QVERIFY2(text.find(key) == std::string::npos, key);
    }

    void brokenCloseCodesAreRefused()
    {
        json::value v = loadReportToJson(webSocketReport());
        v.as_object()["total"].as_object()["closes"] = json::parse(R"({"5000":1})");
        LoadReport back;
        std::string error;
        QVERIFY(!loadReportFromJson(v, &back, &error));
        QVERIFY2(error.find("total.closes.5000") != std::string::npos, error.c_str());
        QVERIFY2(error.find("close code (0 to 4999)") != std::string::npos, error.c_str());
    }

    void theSummarySaysWhatWasMeasured()
    {
        const std::string text = loadSummaryText(webSocketReport());
        for (const char* line : { "handshakes: 5 answered\n",
                 "sessions: 4 opened, 3 held to the end (closed with 1000) of 3 connections\n",
                 "closed by the server: 1000 × 1\n", "messages in: 40 (20.0/s)\n",
                 "messages out: 24 (12.0/s), one every 250 ms per session\n",
                 "time to first message: p50 ", "round trip (3 echoed messages): p50 ",
                 "  429  1\n" })
            QVERIFY2(text.find(line) != std::string::npos, (line + ("\nin:\n" + text)).c_str());
        // The per-route table shows sessions and messages, not requests.
        QVERIFY2(text.find("sessions  held  msgs in  msg/s") != std::string::npos, text.c_str());
        QVERIFY2(text.find("throughput:") == std::string::npos, text.c_str());
    }

    void theComparisonShowsMessagesAndSettings()
    {
        const LoadReport a = webSocketReport();
        LoadReport b = webSocketReport();
        b.settings.wsIntervalMs = 100;
        b.settings.caPem.clear();
        b.total.sent = 60;
        const std::string text = loadComparisonText(a, b);
        for (const char* line :
            { "message interval: 250 ms → 100 ms", "trusted CA: given → the system's" })
            QVERIFY2(text.find(line) != std::string::npos, (line + ("\nin:\n" + text)).c_str());
        // The table's row: its columns are padded to the widest value.
        const auto row = text.find("\nmessages sent ");
        QVERIFY2(row != std::string::npos, text.c_str());
        const std::string line = text.substr(row + 1, text.find('\n', row + 1) - row - 1);
        QVERIFY2(line.find(" 24 ") != std::string::npos && line.find(" 60 ") != std::string::npos
                && line.ends_with("+150.0%"),
            line.c_str());
        QVERIFY2(text.find("\nevents ") != std::string::npos, text.c_str());
    }
};

QTEST_GUILESS_MAIN(TestLoadWsReport)
#include "tst_loadwsreport.moc"
