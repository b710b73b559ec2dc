// Load runs on paper and on disk: settings and reports survive JSON field by
// field (latency histograms included, key secrets never), broken input is
// refused with the field named, the summary and comparison texts say what a
// user needs, and the run files get unique ids, list newest first, skip and
// name broken files and refuse ids that would leave the directory.

#include "server/load/loadreport.h"
#include "server/load/loadjson.h"
#include "server/load/loadrunstore.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kSecret = "tg_test_SECRETx9Qz7";

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::vector<std::string> namesIn(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// value → how many samples of it.
LatencyHistogram histogram(std::initializer_list<std::pair<std::uint64_t, std::uint64_t>> samples)
{
    LatencyHistogram h;
    for (const auto& [value, count] : samples)
        h.record(value, count);
    return h;
}

LoadCounts counts(
    std::uint64_t ok, std::uint64_t notFound, std::uint64_t unavailable, LatencyHistogram latency)
{
    LoadCounts c;
    c.requests = ok + notFound + unavailable;
    if (ok)
        c.statuses[200] = ok;
    if (notFound)
        c.statuses[404] = notFound;
    if (unavailable)
        c.statuses[503] = unavailable;
    c.latency = std::move(latency);
    c.bytesOut = c.requests * 120;
    c.bytesIn = c.requests * 900 + 7;
    return c;
}

/// Latencies chosen so every percentile the summary prints is a bucket's
/// exact representative (the summary test pins them): p50 852 µs, p90
/// 1004 µs, p99 12352 µs, p99.9 301056 µs, max 1.2 s.
LatencyHistogram summaryLatency()
{
    return histogram(
        { { 852, 500 }, { 1000, 400 }, { 12352, 90 }, { 300000, 9 }, { 1'200'000, 1 } });
}

LoadSettings richSettings()
{
    LoadSettings s;
    s.url = "http://127.0.0.1:8080/v1";
    s.model = LoadModel::Open;
    s.connections = 32;
    s.rate = 2500.5;
    s.durationSeconds = 12.5;
    s.requestCount = 40'000;
    s.warmupSeconds = 2;
    s.rampUpSeconds = 1.25;
    s.timeoutSeconds = 3;
    s.threads = 2;
    LoadTarget users;
    users.name = "users";
    users.path = "/users/{id}";
    users.params = { { "id", "{{#randomInt}}1 100{{/randomInt}}" } };
    users.headers = { { "Accept", "application/json" } };
    users.weight = 3;
    LoadTarget orders;
    orders.method = "POST";
    orders.path = "/orders";
    orders.headers = { { "Content-Type", "application/json" }, { "X-Trace", "{{uuid}}" } };
    orders.body = "{\"qty\": 2, \"note\": \"h\u00e9 \\\"quoted\\\"\"}";
    orders.weight = 0.25;
    s.mix = { users, orders };
    s.keys = { { "key_free", "free", kSecret, 1 }, { "key_pro", "pro", "", 2.5 } };
    s.keyHeader = "X-API-Key";
    s.seed = 0xFFFF'FFFF'FFFF'FF00ull; // beyond int64: must survive as uint64
    return s;
}

LoadReport richReport()
{
    LoadReport r;
    r.settings = richSettings();
    r.id = "20261127-131500";
    r.startedAt = "2026-11-27T13:15:00Z";
    r.target = "127.0.0.1:8080 (loopback)";
    r.measuredSeconds = 12.5034;
    r.total = counts(950, 30, 20, summaryLatency());
    r.total.errors = { 3, 2, 1, 0 };
    r.warmupRequests = 321;
    r.missed = 17;
    r.tiers = { { "free", counts(500, 30, 0, histogram({ { 852, 300 }, { 1000, 230 } })) },
        { "pro", counts(400, 0, 20, histogram({ { 852, 200 }, { 12352, 220 } })) },
        { "(no key)", counts(50, 0, 0, histogram({ { 300000, 49 }, { 1'200'000, 1 } })) } };
    r.tiers[0].counts.errors = { 3, 0, 0, 0 };
    r.routes = { { "users", counts(700, 30, 0, histogram({ { 5, 1 }, { 852, 729 } })) },
        { "POST /orders", counts(250, 0, 20, histogram({ { 40'000, 270 } })) } };
    r.routes[1].counts.errors = { 0, 2, 1, 0 };
    for (std::int64_t second = 0; second < 6; ++second) {
        LoadSecond s;
        s.second = second;
        s.warmup = second < 2;
        s.requests = 90 + std::uint64_t(second);
        s.classes = { 0, 1, 80 + std::uint64_t(second), 0, 7, 2 };
        s.errors = std::uint64_t(second % 3);
        // Histograms of 1..6 distinct values: encodings of several lengths,
        // so every base64 padding case is written and read.
        for (std::int64_t v = 0; v <= second; ++v)
            s.latency.record(std::uint64_t(100 + 1000 * v), std::uint64_t(v + 1));
        r.timeline.push_back(std::move(s));
    }
    r.stopped = true;
    r.problem = "stopped by the user after 12 s";
    return r;
}

/// The settings as written: key secrets blank.
LoadSettings withoutSecrets(LoadSettings s)
{
    for (LoadKey& key : s.keys)
        key.secret.clear();
    return s;
}

LoadReport withoutSecrets(LoadReport r)
{
    r.settings = withoutSecrets(std::move(r.settings));
    return r;
}

void compareCounts(const LoadCounts& got, const LoadCounts& want, const std::string& what)
{
    const QByteArray where = QByteArray::fromStdString(what);
    QVERIFY2(got.requests == want.requests, where);
    QVERIFY2(got.statuses == want.statuses, where);
    QVERIFY2(got.errors == want.errors, where);
    QVERIFY2(got.latency == want.latency, where);
    QVERIFY2(got.bytesOut == want.bytesOut, where);
    QVERIFY2(got.bytesIn == want.bytesIn, where);
}

void compareSlices(
    const std::vector<LoadSlice>& got, const std::vector<LoadSlice>& want, const std::string& what)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].name, want[i].name);
        compareCounts(got[i].counts, want[i].counts, what + '[' + std::to_string(i) + ']');
        if (QTest::currentTestFailed())
            return;
    }
}

void compareReports(const LoadReport& got, const LoadReport& want)
{
    QVERIFY(got.settings == want.settings);
    QCOMPARE(got.id, want.id);
    QCOMPARE(got.startedAt, want.startedAt);
    QCOMPARE(got.target, want.target);
    QCOMPARE(got.measuredSeconds, want.measuredSeconds);
    compareCounts(got.total, want.total, "total");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(got.warmupRequests, want.warmupRequests);
    QCOMPARE(got.missed, want.missed);
    compareSlices(got.tiers, want.tiers, "tiers");
    if (QTest::currentTestFailed())
        return;
    compareSlices(got.routes, want.routes, "routes");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(got.timeline.size(), want.timeline.size());
    for (std::size_t i = 0; i < got.timeline.size(); ++i) {
        const LoadSecond& g = got.timeline[i];
        const LoadSecond& w = want.timeline[i];
        QCOMPARE(g.second, w.second);
        QCOMPARE(g.warmup, w.warmup);
        QCOMPARE(g.requests, w.requests);
        QVERIFY(g.classes == w.classes);
        QCOMPARE(g.errors, w.errors);
        QVERIFY(g.latency == w.latency);
    }
    QCOMPARE(got.stopped, want.stopped);
    QCOMPARE(got.problem, want.problem);
}

json::value parse(const std::string& text)
{
    return json::parse(text);
}

std::uint64_t uintAt(const json::value& v)
{
    return v.to_number<std::uint64_t>();
}

QStringList linesOf(const std::string& text)
{
    return QString::fromStdString(text).split(QLatin1Char('\n'));
}

/// The line starting with `start` (after leading spaces), whitespace runs
/// squeezed so table alignment does not matter.
QString simplifiedLine(const std::string& text, const QString& start)
{
    for (const QString& line : linesOf(text)) {
        const QString s = line.simplified();
        if (s.startsWith(start))
            return s;
    }
    return {};
}

struct HistogramRow {
    QString label;
    std::uint64_t count = 0;
    int bar = 0;
};

std::vector<HistogramRow> histogramRows(const std::string& summary)
{
    std::vector<HistogramRow> rows;
    bool inside = false;
    for (const QString& line : linesOf(summary)) {
        if (line == QLatin1String("latency histogram:")) {
            inside = true;
            continue;
        }
        if (!inside)
            continue;
        if (!line.startsWith(QLatin1String("  ")))
            break;
        const QStringList parts = line.simplified().split(QLatin1Char(' '));
        // "≤ 1.76 ms 900 ####..." (no bar for an empty row)
        HistogramRow row;
        row.label = parts.mid(0, 3).join(QLatin1Char(' '));
        row.count = parts.value(3).toULongLong();
        row.bar = parts.size() > 4 ? int(parts.value(4).size()) : 0;
        if (parts.size() > 4 && parts.value(4) != QString(row.bar, QLatin1Char('#')))
            row.bar = -1;
        rows.push_back(row);
    }
    return rows;
}

} // namespace

class TestLoadReport : public QObject {
    Q_OBJECT

private slots:
    void settingsRoundTrip()
    {
        const LoadSettings settings = richSettings();
        const json::value v = loadSettingsToJson(settings);
        const std::string text = json::serialize(v);
        QVERIFY(text.find(kSecret) == std::string::npos);
        QVERIFY(text.find("secret") == std::string::npos);
        QCOMPARE(std::string(v.at("model").as_string()), std::string("open"));
        const json::object& param = v.at("mix").at(0).at("params").at(0).as_object();
        QCOMPARE(std::string(param.at("name").as_string()), std::string("id"));
        QCOMPARE(std::string(param.at("value").as_string()),
            std::string("{{#randomInt}}1 100{{/randomInt}}"));
        QCOMPARE(std::string(v.at("keys").at(1).at("tier").as_string()), std::string("pro"));

        LoadSettings back;
        std::string error;
        QVERIFY2(loadSettingsFromJson(parse(text), &back, &error), error.c_str());
        QVERIFY(error.empty());
        QVERIFY(back == withoutSecrets(settings));
        QCOMPARE(back.keys.at(0).secret, std::string());
        QCOMPARE(back.seed, 0xFFFF'FFFF'FFFF'FF00ull);
        QCOMPARE(back.mix.at(1).body, settings.mix.at(1).body);
    }

    void settingsDefaults()
    {
        LoadSettings back;
        back.connections = 3; // absent fields take the defaults, not what was there
        std::string error;
        QVERIFY(loadSettingsFromJson(parse("{}"), &back, &error));
        QVERIFY(back == LoadSettings {});

        QVERIFY(loadSettingsFromJson(
            parse(R"({"connections": 8, "keys": [{"id": "k", "secret": "tg_live_x"}]})"), &back,
            &error));
        LoadSettings expected;
        expected.connections = 8;
        expected.keys = { { "k", "", "", 1 } };
        QVERIFY(back == expected);
    }

    void settingsErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative weight") << R"({"mix": [{}, {}, {"weight": -1}]})"
                                         << "mix[2].weight: must be a number >= 0";
        QTest::newRow("weight as text") << R"({"mix": [{"weight": "3"}]})"
                                        << "mix[0].weight: must be a number >= 0";
        QTest::newRow("model") << R"({"model": "half-open"})"
                               << R"(model: must be "closed" or "open")";
        QTest::newRow("no connections") << R"({"connections": 0})"
                                        << "connections: must be an integer >= 1";
        QTest::newRow("fractional connections") << R"({"connections": 2.5})"
                                                << "connections: must be an integer >= 1";
        QTest::newRow("threads as text") << R"({"threads": "2"})"
                                         << "threads: must be an integer >= 1";
        QTest::newRow("url") << R"({"url": 5})"
                             << "url: must be a string";
        QTest::newRow("seed") << R"({"seed": -1})"
                              << "seed: must be an integer >= 0";
        QTest::newRow("rate null") << R"({"rate": null})"
                                   << "rate: must be a number >= 0";
        QTest::newRow("mix object") << R"({"mix": {}})"
                                    << "mix: must be an array";
        QTest::newRow("header without name") << R"({"mix": [{"headers": [{"value": "x"}]}]})"
                                             << "mix[0].headers[0].name: missing";
        QTest::newRow("param value") << R"({"mix": [{}, {"params": [{"name": "id", "value": 7}]}]})"
                                     << "mix[1].params[0].value: must be a string";
        QTest::newRow("key weight") << R"({"keys": [{"id": "k", "weight": -0.5}]})"
                                    << "keys[0].weight: must be a number >= 0";
        QTest::newRow("key not object") << R"({"keys": [3]})"
                                        << "keys[0]: must be an object";
        QTest::newRow("not an object") << "[]"
                                       << "settings: must be an object";
    }

    void settingsErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        LoadSettings out = richSettings();
        std::string error;
        QVERIFY(!loadSettingsFromJson(parse(text.toStdString()), &out, &error));
        QCOMPARE(QString::fromStdString(error), expected);
        QVERIFY(out == richSettings()); // untouched on failure
    }

    void reportRoundTrip()
    {
        const LoadReport report = richReport();
        const json::value v = loadReportToJson(report);
        const std::string text = json::serialize(v);
        QVERIFY(text.find(kSecret) == std::string::npos);

        // The readable parts carry what the histograms say.
        const json::object& total = v.at("total").as_object();
        const json::object& latency = total.at("latency").as_object();
        QCOMPARE(uintAt(latency.at("count")), std::uint64_t(1000));
        QCOMPARE(uintAt(latency.at("min")), std::uint64_t(852));
        QCOMPARE(uintAt(latency.at("max")), std::uint64_t(1'200'000));
        QCOMPARE(uintAt(latency.at("p50")), report.total.latency.percentile(50));
        QCOMPARE(uintAt(latency.at("p90")), report.total.latency.percentile(90));
        QCOMPARE(uintAt(latency.at("p99")), report.total.latency.percentile(99));
        QCOMPARE(uintAt(latency.at("p999")), report.total.latency.percentile(99.9));
        QCOMPARE(latency.at("mean").to_number<double>(), report.total.latency.mean());
        QVERIFY(latency.at("encoded").is_string());
        QCOMPARE(uintAt(total.at("statuses").at("200")), std::uint64_t(950));
        QCOMPARE(uintAt(total.at("statuses").at("503")), std::uint64_t(20));
        QCOMPARE(total.at("statuses").as_object().size(), std::size_t(3));
        QCOMPARE(uintAt(total.at("errors").at("connect")), std::uint64_t(3));
        QCOMPARE(uintAt(total.at("errors").at("timeout")), std::uint64_t(2));
        QCOMPARE(uintAt(total.at("errors").at("reset")), std::uint64_t(1));
        QCOMPARE(uintAt(total.at("errors").at("protocol")), std::uint64_t(0));
        const json::array& classes = v.at("timeline").at(3).at("classes").as_array();
        QCOMPARE(classes.size(), std::size_t(5));
        QCOMPARE(uintAt(classes.at(1)), std::uint64_t(83)); // 2xx of second 3
        QCOMPARE(uintAt(classes.at(4)), std::uint64_t(2)); // 5xx

        // Every padding case of the base64 encoding occurs.
        std::set<std::size_t> residues;
        for (const LoadSecond& s : report.timeline)
            residues.insert(s.latency.toBytes().size() % 3);
        QCOMPARE(residues.size(), std::size_t(3));

        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(parse(text), &back, &error), error.c_str());
        compareReports(back, withoutSecrets(report));
        QVERIFY(!back.settings.keys.empty());
        QCOMPARE(back.settings.keys.at(0).secret, std::string());
        QCOMPARE(back.settings.keys.at(0).id, std::string("key_free"));
    }

    void emptyReportRoundTrip()
    {
        LoadReport back = richReport();
        std::string error;
        QVERIFY(loadReportFromJson(loadReportToJson(LoadReport {}), &back, &error));
        compareReports(back, LoadReport {});
    }

    void reportErrors()
    {
        struct Case {
            const char* what;
            std::function<void(json::object&)> change;
            std::string expected;
        };
        const std::string samples = std::to_string(richReport().total.latency.count());
        const std::vector<Case> cases = {
            { "not base64",
                [](json::object& o) {
                    o["total"].at("latency").as_object()["encoded"] = "no base64!";
                },
                "total.latency.encoded: is not valid base64" },
            { "base64 of garbage",
                [](json::object& o) { o["total"].at("latency").as_object()["encoded"] = "////"; },
                "total.latency.encoded: is not a valid latency histogram encoding" },
            { "encoding of another type",
                [](json::object& o) {
                    o["timeline"].at(0).at("latency").as_object()["encoded"] = 7;
                },
                "timeline[0].latency.encoded: must be a string" },
            { "count not matching",
                [](json::object& o) { o["total"].at("latency").as_object()["count"] = 5; },
                "total.latency.count: is 5 but the encoded histogram holds " + samples
                    + " samples" },
            { "status code",
                [](json::object& o) { o["total"].at("statuses").as_object()["abc"] = 1; },
                "total.statuses.abc: is not a status code (0 to 999)" },
            { "status count",
                [](json::object& o) { o["total"].at("statuses").as_object()["200"] = -4; },
                "total.statuses.200: must be an integer >= 0" },
            { "error kind",
                [](json::object& o) { o["routes"].at(1).at("errors").as_object()["dns"] = 1; },
                "routes[1].errors.dns: is not an error kind (connect, timeout, reset or "
                "protocol)" },
            { "classes",
                [](json::object& o) {
                    o["timeline"].at(2).as_object()["classes"] = json::array { 1, 2, 3 };
                },
                "timeline[2].classes: must be an array of 5 counts (1xx to 5xx)" },
            { "newer schema", [](json::object& o) { o["schemaVersion"] = 2; },
                "schemaVersion: 2 is newer than this version of Tollgate reads (1)" },
            { "settings",
                [](json::object& o) { o["settings"].at("mix").at(1).as_object()["weight"] = -1; },
                "settings.mix[1].weight: must be a number >= 0" },
            { "slice requests",
                [](json::object& o) { o["tiers"].at(0).as_object()["requests"] = "many"; },
                "tiers[0].requests: must be an integer >= 0" },
            { "stopped", [](json::object& o) { o["stopped"] = "yes"; },
                "stopped: must be true or false" },
            { "measured", [](json::object& o) { o["measuredSeconds"] = -1; },
                "measuredSeconds: must be a number >= 0" },
            { "total", [](json::object& o) { o["total"] = 3; }, "total: must be an object" },
        };
        for (const Case& c : cases) {
            json::value v = loadReportToJson(richReport());
            c.change(v.as_object());
            LoadReport out;
            out.id = "untouched";
            std::string error;
            QVERIFY2(!loadReportFromJson(v, &out, &error), c.what);
            QCOMPARE(error, c.expected);
            QCOMPARE(out.id, std::string("untouched"));
        }
        std::string error;
        LoadReport out;
        QVERIFY(!loadReportFromJson(json::value(3), &out, &error));
        QCOMPARE(error, std::string("report: must be an object"));
    }

    void summary()
    {
        LoadReport r;
        r.settings.url = "http://127.0.0.1:8080/v1";
        r.settings.connections = 64;
        r.settings.threads = 2;
        r.target = "127.0.0.1:8080 (loopback)";
        r.measuredSeconds = 10;
        r.total = counts(950, 30, 20, summaryLatency());
        // The percentiles the line below is pinned to.
        QCOMPARE(r.total.latency.percentile(50), std::uint64_t(852));
        QCOMPARE(r.total.latency.percentile(90), std::uint64_t(1004));
        QCOMPARE(r.total.latency.percentile(99), std::uint64_t(12352));
        QCOMPARE(r.total.latency.percentile(99.9), std::uint64_t(301056));
        r.tiers = { { "free", counts(600, 12, 0, histogram({ { 852, 612 } })) },
            { "(no key)", counts(350, 18, 20, histogram({ { 12352, 388 } })) } };
        r.tiers[1].counts.errors = { 0, 4, 0, 0 };
        r.routes = { { "GET /users/{id}", counts(950, 30, 20, summaryLatency()) } };

        const std::string text = loadSummaryText(r);
        auto has = [&](const std::string& part) {
            if (text.find(part) != std::string::npos)
                return true;
            qWarning("missing %s in:\n%s", part.c_str(), text.c_str());
            return false;
        };
        QVERIFY(has("target: http://127.0.0.1:8080/v1 (127.0.0.1:8080 (loopback))\n"));
        QVERIFY(has("model: closed, 64 connections, 2 threads\n"));
        QVERIFY(has("duration: 10 s measured"));
        QVERIFY(has("requests: 1000\n"));
        QVERIFY(has("throughput: 100.0 req/s\n"));
        QVERIFY(has("latency: p50 852 µs, p90 1.00 ms, p99 12.4 ms, p99.9 301 ms, max 1.20 s"));
        QVERIFY(has("status codes:\n  200  950\n  404   30\n  503   20\n"));
        QVERIFY(has("errors: none\n"));
        QVERIFY(text.find("stopped early") == std::string::npos);
        QVERIFY(text.find("problem") == std::string::npos);
        QVERIFY(text.find("missed") == std::string::npos);

        QCOMPARE(simplifiedLine(text, QStringLiteral("tier ")),
            QStringLiteral("tier requests req/s p50 p99 errors 4xx 5xx"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("free ")),
            QStringLiteral("free 612 61.2 852 µs 852 µs 0 12 0"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("(no key) ")),
            QStringLiteral("(no key) 388 38.8 12.4 ms 12.4 ms 4 18 20"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("GET /users/{id} ")),
            QStringLiteral("GET /users/{id} 1000 100.0 852 µs 12.4 ms 0 30 20"));
        QVERIFY(text.find("by tier:\n") < text.find("by route:\n"));

        // About ten log-spaced rows holding every sample, the fullest with
        // a full bar, a lone sample still visible, an empty row bare.
        const std::vector<HistogramRow> rows = histogramRows(text);
        QCOMPARE(rows.size(), std::size_t(10));
        std::uint64_t sum = 0;
        for (const HistogramRow& row : rows) {
            sum += row.count;
            QVERIFY(row.bar >= 0);
            QCOMPARE(row.bar == 0, row.count == 0);
        }
        QCOMPARE(sum, std::uint64_t(1000));
        QCOMPARE(rows.front().count, std::uint64_t(900));
        QCOMPARE(rows.front().bar, 40);
        QCOMPARE(rows.back().label, QStringLiteral("≤ 1.20 s"));
        QCOMPARE(rows.back().count, std::uint64_t(1));
        QCOMPARE(rows.back().bar, 1);
    }

    void summaryOfTroubledRun()
    {
        LoadReport r = richReport();
        r.total.statuses.clear();
        r.problem = "the server stopped answering";
        const std::string text = loadSummaryText(r);
        QVERIFY(text.find("problem: the server stopped answering\n") != std::string::npos);
        QVERIFY(text.find("stopped early\n") != std::string::npos);
        QVERIFY(text.find("model: open, 2500.5 req/s, 32 connections, 2 threads\n")
            != std::string::npos);
        QVERIFY(text.find("errors: 6 (connect 3, timeout 2, reset 1)\n") != std::string::npos);
        QVERIFY(text.find("errors: none") == std::string::npos);
        QVERIFY(text.find("missed: 17 requests were due but not sent") != std::string::npos);
        QVERIFY(text.find("warm-up: 2 s, 321 answers not counted\n") != std::string::npos);
        QVERIFY(text.find("duration: 12.5 s measured (planned: 40000 requests)\n")
            != std::string::npos);
        QVERIFY(text.find("status codes: none\n") != std::string::npos);
    }

    void summaryOfNothing()
    {
        // A run that never got an answer still reads sensibly.
        const std::string text = loadSummaryText(LoadReport {});
        QVERIFY(text.find("requests: 0\n") != std::string::npos);
        QVERIFY(text.find("throughput: 0.0 req/s\n") != std::string::npos);
        QVERIFY(text.find("latency: no answers\n") != std::string::npos);
        QVERIFY(text.find("latency histogram") == std::string::npos);
        QVERIFY(text.find("errors: none\n") != std::string::npos);
        QVERIFY(text.find("by tier") == std::string::npos);
    }

    void summaryOfOneLatency()
    {
        // Ten rows with the same bound would say nothing; they become one.
        LoadReport r;
        r.measuredSeconds = 1;
        r.total = counts(5, 0, 0, histogram({ { 1'500'000, 5 } }));
        const std::vector<HistogramRow> rows = histogramRows(loadSummaryText(r));
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows.front().label, QStringLiteral("≤ 1.50 s"));
        QCOMPARE(rows.front().count, std::uint64_t(5));
        QCOMPARE(rows.front().bar, 40);
    }

    void comparison()
    {
        LoadReport a;
        a.id = "20261127-131500";
        a.settings.url = "http://127.0.0.1:8080";
        a.measuredSeconds = 10;
        a.total = counts(950, 30, 20, summaryLatency());
        LoadReport b = a;
        b.id = "20261127-132000";
        b.settings.connections = 128;
        b.total = counts(1200, 30, 20, histogram({ { 1004, 1250 } }));
        b.total.errors = { 0, 3, 0, 0 };

        const std::string text = loadComparisonText(a, b);
        QVERIFY(text.find("a: 20261127-131500\nb: 20261127-132000\n") == 0);
        QVERIFY(text.find("settings that differ:\n  connections: 64 → 128\n") != std::string::npos);
        QVERIFY(text.find("url:") == std::string::npos);
        QVERIFY(text.find("threads:") == std::string::npos);
        QCOMPARE(
            simplifiedLine(text, QStringLiteral("measure ")), QStringLiteral("measure a b change"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("requests ")),
            QStringLiteral("requests 1000 1250 +25.0%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("throughput ")),
            QStringLiteral("throughput 100.0 req/s 125.0 req/s +25.0%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("p50 ")),
            QStringLiteral("p50 852 µs 1.00 ms +17.8%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("p99 ")),
            QStringLiteral("p99 12.4 ms 1.00 ms -91.9%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("max ")),
            QStringLiteral("max 1.20 s 1.00 ms -99.9%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("errors ")), QStringLiteral("errors 0 3 —"));
        QCOMPARE(
            simplifiedLine(text, QStringLiteral("2xx ")), QStringLiteral("2xx 950 1200 +26.3%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("4xx ")), QStringLiteral("4xx 30 30 0.0%"));
        QCOMPARE(simplifiedLine(text, QStringLiteral("5xx ")), QStringLiteral("5xx 20 20 0.0%"));
        QVERIFY(!simplifiedLine(text, QStringLiteral("p90 ")).isEmpty());
        QVERIFY(!simplifiedLine(text, QStringLiteral("p99.9 ")).isEmpty());

        // Same settings; a mix of the same size but other routes is named.
        const std::string same = loadComparisonText(a, a);
        QVERIFY(same.find("settings: the same\n") != std::string::npos);
        LoadReport c = a;
        LoadReport d = a;
        c.settings.mix = { LoadTarget {} };
        d.settings.mix = { LoadTarget {} };
        d.settings.mix[0].path = "/other";
        d.settings.url = "http://127.0.0.1:9090";
        d.settings.model = LoadModel::Open;
        const std::string mixed = loadComparisonText(c, d);
        QVERIFY(
            mixed.find("  mix: 1 route, not the same routes or weights\n") != std::string::npos);
        QVERIFY(mixed.find("  url: http://127.0.0.1:8080 → http://127.0.0.1:9090\n")
            != std::string::npos);
        QVERIFY(mixed.find("  model: closed → open\n") != std::string::npos);
    }

    void storeSavesListsLoadsRemoves()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path dir = pathOf(tmp) / "ws" / ".tollgate" / "loadruns";
        LoadRunStore store(dir.string());
        std::vector<std::string> problems;
        QVERIFY(store.list(&problems).empty()); // no directory yet: no runs, no problem
        QVERIFY(problems.empty());

        LoadReport first = richReport();
        first.id.clear();
        first.stopped = false;
        std::string error;
        QVERIFY2(store.save(&first, &error), error.c_str());
        QCOMPARE(first.id, std::string("20261127-131500"));
        QCOMPARE(namesIn(dir), std::vector<std::string> { "20261127-131500.json" });
        const std::string onDisk = readText(dir / "20261127-131500.json");
        QVERIFY(onDisk.find(kSecret) == std::string::npos);
        QVERIFY(onDisk.find("\n  \"schemaVersion\": 1,\n") != std::string::npos);

        LoadReport second = richReport();
        second.id.clear();
        QVERIFY(store.save(&second, &error));
        QCOMPARE(second.id, std::string("20261127-131500-2"));
        LoadReport third = richReport();
        third.id.clear();
        third.total.requests = 5;
        QVERIFY(store.save(&third, &error));
        QCOMPARE(third.id, std::string("20261127-131500-3"));
        LoadReport later = richReport();
        later.id.clear();
        later.startedAt = "2026-11-28T09:00:00.250Z";
        QVERIFY(store.save(&later, &error));
        QCOMPARE(later.id, std::string("20261128-090000"));

        // Broken files are named and skipped; others are none of the store's business.
        writeText(dir / "broken.json", "{ \"id\": ");
        writeText(dir / "wrong.json", R"({"total": {"requests": -1}})");
        writeText(dir / "notes.txt", "not a run");
        writeText(dir / ".hidden.json", "{");
        const std::vector<LoadRunInfo> runs = store.list(&problems);
        std::vector<std::string> ids;
        for (const LoadRunInfo& run : runs)
            ids.push_back(run.id);
        QCOMPARE(ids,
            (std::vector<std::string> {
                "20261128-090000", "20261127-131500-3", "20261127-131500-2", "20261127-131500" }));
        QCOMPARE(problems.size(), std::size_t(2));
        std::sort(problems.begin(), problems.end());
        QVERIFY2(problems[0].rfind("broken.json:", 0) == 0, problems[0].c_str());
        QCOMPARE(problems[1], std::string("wrong.json: total.requests: must be an integer >= 0"));

        const LoadRunInfo& info = runs.back();
        const LoadReport expected = withoutSecrets(first);
        QCOMPARE(info.startedAt, expected.startedAt);
        QCOMPARE(info.url, expected.settings.url);
        QVERIFY(info.model == LoadModel::Open);
        QCOMPARE(info.connections, 32);
        QCOMPARE(info.rate, 2500.5);
        QCOMPARE(info.requests, std::uint64_t(1000));
        QCOMPARE(info.throughput, expected.throughput());
        QCOMPARE(info.p50, expected.total.latency.percentile(50));
        QCOMPARE(info.p99, expected.total.latency.percentile(99));
        QCOMPARE(info.errors, std::uint64_t(6));
        QCOMPARE(info.stopped, false);
        QCOMPARE(runs.front().stopped, true);
        QCOMPARE(runs[1].requests, std::uint64_t(5));

        LoadReport loaded;
        QVERIFY2(store.load("20261127-131500", &loaded, &error), error.c_str());
        compareReports(loaded, expected);
        if (QTest::currentTestFailed())
            return;

        // Saving again under the same id replaces the run.
        loaded.problem = "annotated";
        QVERIFY(store.save(&loaded, &error));
        QCOMPARE(loaded.id, std::string("20261127-131500"));
        LoadReport reloaded;
        QVERIFY(store.load("20261127-131500", &reloaded, &error));
        QCOMPARE(reloaded.problem, std::string("annotated"));

        QVERIFY(!store.load("nope", &loaded, &error));
        QVERIFY2(error.find("\"nope\"") != std::string::npos, error.c_str());

        QVERIFY2(store.remove("20261127-131500-2", &error), error.c_str());
        QVERIFY(!fs::exists(dir / "20261127-131500-2.json"));
        QCOMPARE(store.list().size(), std::size_t(3));
        error.clear();
        QVERIFY(!store.remove("20261127-131500-2", &error));
        QVERIFY2(error.find("no load run") != std::string::npos, error.c_str());

        // No temporary file is left behind.
        for (const std::string& name : namesIn(dir))
            QVERIFY2(name.find("tmp") == std::string::npos, name.c_str());
    }

    void storeRefusesBadIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "the run id is empty";
        QTest::newRow("slash") << "a/b"
                               << R"(run id "a/b" must not contain '/' or '\')";
        QTest::newRow("parent") << "../x"
                                << R"(run id "../x" must not contain '/' or '\')";
        QTest::newRow("dots") << ".."
                              << R"(run id ".." must not contain "..")";
        QTest::newRow("backslash") << "a\\b"
                                   << R"(run id "a\\b" must not contain '/' or '\')";
        QTest::newRow("hidden") << ".x"
                                << R"(run id ".x" must not start with '.')";
    }

    void storeRefusesBadIds()
    {
        QFETCH(QString, id);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path dir = pathOf(tmp) / "runs";
        LoadRunStore store(dir.string());
        std::string error;
        LoadReport out;
        QVERIFY(!store.load(id.toStdString(), &out, &error));
        QCOMPARE(QString::fromStdString(error), expected);
        error.clear();
        QVERIFY(!store.remove(id.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), expected);
        if (id.isEmpty())
            return; // an empty id is how save() is asked to pick one
        LoadReport report = richReport();
        report.id = id.toStdString();
        error.clear();
        QVERIFY(!store.save(&report, &error));
        QCOMPARE(QString::fromStdString(error), expected);
        QVERIFY(!fs::exists(pathOf(tmp) / "x.json"));
        QVERIFY(!fs::exists(dir) || namesIn(dir).empty());
    }

    void storeReportsWriteFailure()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        writeText(pathOf(tmp) / "file", "in the way");
        LoadRunStore store((pathOf(tmp) / "file" / "runs").string());
        LoadReport report = richReport();
        report.id.clear();
        std::string error;
        QVERIFY(!store.save(&report, &error));
        QVERIFY2(error.rfind("cannot create ", 0) == 0, error.c_str());
        QCOMPARE(report.id, std::string()); // no id for a run that was not saved
    }
};

QTEST_GUILESS_MAIN(TestLoadReport)
#include "tst_loadreport.moc"
