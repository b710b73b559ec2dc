// Load-run thresholds (issue 18): every spelling the docs promise parses to
// the measure, selector, comparison and limit in base units, and every
// mistake is refused with a sentence naming it; thresholds evaluated against
// hand-built reports pass and fail where the numbers say (shares over
// answers + errors, tier and route slices, money per answered request from
// the server's meters, quota burn over a 31-day month counting only admitted
// requests); the server's Prometheus text is summed by tier; dollars print
// as promised; unknown tiers and routes are problems before the run; the
// settings and results survive JSON; and the live watch reports a failure
// once, remembers its second, and waits at the end until the server's
// meters have caught up with the run.

#include "server/load/loadgen.h"
#include "server/load/loadjson.h"
#include "server/load/thresholds.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QStringList>
#include <QTest>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace tollgate::server;
namespace json = boost::json;

Q_DECLARE_METATYPE(ThresholdMeasure)
Q_DECLARE_METATYPE(ThresholdOp)

namespace {

constexpr double kNotChecked = std::numeric_limits<double>::quiet_NaN();

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

json::value parse(const std::string& text)
{
    return json::parse(text);
}

/// value → how many samples of it.
LatencyHistogram histogram(std::initializer_list<std::pair<std::uint64_t, std::uint64_t>> samples)
{
    LatencyHistogram h;
    for (const auto& [value, count] : samples)
        h.record(value, count);
    return h;
}

/// Answers with these statuses (each 1 ms unless latency is given) and
/// errors as {connect, timeout, reset, protocol}.
LoadCounts counts(std::map<int, std::uint64_t> statuses,
    std::array<std::uint64_t, kLoadErrorKinds> errors = {}, LatencyHistogram latency = {})
{
    LoadCounts c;
    for (const auto& [status, n] : statuses)
        c.requests += n;
    c.statuses = std::move(statuses);
    c.errors = errors;
    c.latency = latency.count() > 0 ? std::move(latency) : histogram({ { 1000, c.requests } });
    return c;
}

LoadSlice slice(std::string name, LoadCounts c)
{
    LoadSlice s;
    s.name = std::move(name);
    s.counts = std::move(c);
    return s;
}

LoadKey key(std::string id, std::string tier)
{
    return LoadKey { std::move(id), std::move(tier), std::string(), 1 };
}

LoadTarget target(std::string name, std::string method, std::string path)
{
    LoadTarget t;
    t.name = std::move(name);
    t.method = std::move(method);
    t.path = std::move(path);
    return t;
}

ThresholdResult result(std::string threshold, bool passed, bool measured, double actual,
    std::string actualText, std::int64_t breachedAt)
{
    ThresholdResult r;
    r.threshold = std::move(threshold);
    r.passed = passed;
    r.measured = measured;
    r.actual = actual;
    r.actualText = std::move(actualText);
    r.breachedAt = breachedAt;
    return r;
}

/// A report and the facts it is judged with.
struct Scenario {
    LoadReport report;
    ThresholdFacts facts;
};

/// 500 attempts over 4 s: 480 answers (200 ×400, 429 ×21, 500 ×9, 503 ×50)
/// and 20 errors (connect 5, timeout 15). Tier free: 100 answers (429 ×10)
/// and 5 timeouts; tier pro the rest. Route "GET /users/{id}": 300 clean
/// answers; route "orders": the other 180 answers and every error.
LoadReport countsReport()
{
    LoadReport r;
    r.measuredSeconds = 4;
    r.total = counts({ { 200, 400 }, { 429, 21 }, { 500, 9 }, { 503, 50 } }, { 5, 15, 0, 0 });
    r.tiers = {
        slice("free", counts({ { 200, 90 }, { 429, 10 } }, { 0, 5, 0, 0 })),
        slice("pro", counts({ { 200, 310 }, { 429, 11 }, { 500, 9 }, { 503, 50 } }, { 5, 10, 0, 0 })),
    };
    r.routes = {
        slice("GET /users/{id}", counts({ { 200, 300 } })),
        slice("orders", counts({ { 200, 100 }, { 429, 21 }, { 500, 9 }, { 503, 50 } }, { 5, 15, 0, 0 })),
    };
    return r;
}

/// Routes with latencies whose statistics are exact: "steady" 200 answers
/// of 150 ms, "spiky" 99 of 1 ms and one of 2.5 s, "mean" three of 1 ms and
/// one of 5 ms (mean exactly 2 ms), "silent" no answer at all.
LoadReport latencyReport()
{
    LoadReport r;
    r.measuredSeconds = 10;
    r.routes = {
        slice("steady", counts({ { 200, 200 } }, {}, histogram({ { 150'000, 200 } }))),
        slice("spiky", counts({ { 200, 100 } }, {}, histogram({ { 1000, 99 }, { 2'500'000, 1 } }))),
        slice("mean", counts({ { 200, 4 } }, {}, histogram({ { 1000, 3 }, { 5000, 1 } }))),
        slice("silent", LoadCounts {}),
    };
    for (const LoadSlice& s : r.routes)
        r.total.merge(s.counts);
    return r;
}

/// 100 answers over 10 s: tier pro 40, free 50, keyless 10. The server
/// metered pro at $0.004 cost / $0.02 revenue, free at $0.0025 / $0, keyless
/// ("(none)" to the server) at $0.0005 / $0.
Scenario moneyScenario()
{
    Scenario s;
    LoadReport& r = s.report;
    r.measuredSeconds = 10;
    r.total = counts({ { 200, 100 } });
    r.tiers = {
        slice("pro", counts({ { 200, 40 } })),
        slice("free", counts({ { 200, 50 } })),
        slice("(no key)", counts({ { 200, 10 } })),
    };
    ServerMoney m;
    m.byTier["pro"] = { 4000, 20000 };
    m.byTier["free"] = { 2500, 0 };
    m.byTier["(none)"] = { 500, 0 };
    m.answers = 100;
    s.facts.money = m;
    return s;
}

/// 100 s with keys pro ×2, basic ×1, free ×1, gold ×1. Pro answered 260 of
/// which 60 refusals (429, 401, 403): 200 admitted, 1 per key and second,
/// exactly a 31-day quota of 2,678,400. Basic: 50 admitted by its one key,
/// 0.5/s against a quota of 267,840: five months' worth. Free is unlimited;
/// the workspace knows no tier gold.
Scenario quotaScenario()
{
    Scenario s;
    LoadReport& r = s.report;
    r.settings.keys = { key("p1", "pro"), key("p2", "pro"), key("b1", "basic"), key("f1", "free"),
        key("g1", "gold") };
    r.measuredSeconds = 100;
    r.tiers = {
        slice("pro", counts({ { 200, 200 }, { 401, 10 }, { 403, 10 }, { 429, 40 } })),
        slice("basic", counts({ { 200, 50 } })),
        slice("free", counts({ { 200, 5000 } })),
        slice("gold", counts({ { 200, 5 } })),
    };
    for (const LoadSlice& t : r.tiers)
        r.total.merge(t.counts);
    s.facts.quotas = std::map<std::string, std::int64_t> {
        { "pro", 2'678'400 }, { "basic", 267'840 }, { "free", 0 } };
    return s;
}

Scenario scenario(const QString& name)
{
    Scenario s;
    if (name == QStringLiteral("counts"))
        s.report = countsReport();
    else if (name == QStringLiteral("latency"))
        s.report = latencyReport();
    else if (name == QStringLiteral("money"))
        s = moneyScenario();
    else if (name == QStringLiteral("money unknown"))
        s.report = moneyScenario().report;
    else if (name == QStringLiteral("quota"))
        s = quotaScenario();
    else if (name == QStringLiteral("quota unknown"))
        s.report = quotaScenario().report;
    else if (name != QStringLiteral("empty"))
        qFatal("unknown scenario %s", qPrintable(name));
    return s;
}

/// Micro-dollars as the server writes them, here always with six decimals.
std::string dollarsText(std::int64_t micros)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(micros / 1'000'000),
        static_cast<long long>(micros % 1'000'000));
    return buf;
}

/// /metrics as Metering::prometheusText() writes it: `answers` split over
/// two routes and classes, the pro tier's money split over two routes, and
/// keyless requests that cost a constant $0.5.
std::string serverMetrics(
    std::uint64_t answers, std::int64_t proCostMicros, std::int64_t proRevenueMicros)
{
    std::string out
        = "# HELP tollgate_requests_total Requests answered, by route and status class "
          "(resets count as 5xx).\n# TYPE tollgate_requests_total counter\n";
    out += "tollgate_requests_total{route=\"GET /users/{id}\",class=\"2xx\"} "
        + std::to_string(answers - answers / 4) + "\n";
    out += "tollgate_requests_total{route=\"POST /orders\",class=\"4xx\"} "
        + std::to_string(answers / 4) + "\n";
    out += "# HELP tollgate_request_duration_seconds Time from the request header to the answer "
           "written.\n# TYPE tollgate_request_duration_seconds histogram\n"
           "tollgate_request_duration_seconds_bucket{route=\"GET /users/{id}\",le=\"0.005\"} 3\n"
           "tollgate_request_duration_seconds_bucket{route=\"GET /users/{id}\",le=\"+Inf\"} 3\n"
           "tollgate_request_duration_seconds_sum{route=\"GET /users/{id}\"} 0.004\n"
           "tollgate_request_duration_seconds_count{route=\"GET /users/{id}\"} 3\n";
    for (const bool cost : { true, false }) {
        const std::string name
            = cost ? "tollgate_cost_dollars_total" : "tollgate_revenue_dollars_total";
        const std::int64_t micros = cost ? proCostMicros : proRevenueMicros;
        out += "# HELP " + name + " What ...\n# TYPE " + name + " counter\n";
        out += name + "{route=\"GET /users/{id}\",tier=\"pro\"} " + dollarsText(micros / 2) + "\n";
        out += name + "{route=\"POST /orders\",tier=\"pro\"} " + dollarsText(micros - micros / 2)
            + "\n";
        out += name + "{route=\"(none)\",tier=\"(none)\"} " + dollarsText(cost ? 500'000 : 0) + "\n";
    }
    out += "# HELP tollgate_metrics_dropped_records_total Request records dropped.\n"
           "# TYPE tollgate_metrics_dropped_records_total counter\n"
           "tollgate_metrics_dropped_records_total 0\n";
    return out;
}

/// A scrape that answers texts[0], texts[1], ... and then the last one
/// forever, counting the reads.
struct FakeServer {
    std::vector<std::string> texts;
    int reads = 0;

    ThresholdWatch::Scrape scrape()
    {
        return [this](std::string* text, std::string*) {
            const std::size_t i = std::min<std::size_t>(std::size_t(reads), texts.size() - 1);
            ++reads;
            *text = texts[i];
            return true;
        };
    }
};

std::vector<std::string> strings(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/// A report whose total answered `answers` with `errors` timeouts, 1 ms each.
LoadReport soFar(std::uint64_t answers, std::uint64_t errors, std::uint64_t slowAnswers = 0)
{
    LoadReport r;
    r.measuredSeconds = 1;
    r.total = counts({ { 200, answers } }, { 0, errors, 0, 0 },
        histogram({ { 1000, answers - slowAnswers }, { 900'000, slowAnswers } }));
    r.tiers = { slice("pro", r.total) };
    return r;
}

} // namespace

class TestThresholds : public QObject {
    Q_OBJECT

private slots:
    void parses_data()
    {
        using M = ThresholdMeasure;
        using O = ThresholdOp;
        QTest::addColumn<QString>("text");
        QTest::addColumn<ThresholdMeasure>("measure");
        QTest::addColumn<double>("percentile");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("share");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("route");
        QTest::addColumn<ThresholdOp>("op");
        QTest::addColumn<double>("limit");
        const QString none;
        // clang-format off
        QTest::newRow("p95 ms") << "p95<200ms" << M::Percentile << 95.0 << 0 << false << none << none << O::Less << 200'000.0;
        QTest::newRow("p99.9 s") << "p99.9<=1s" << M::Percentile << 99.9 << 0 << false << none << none << O::LessOrEqual << 1e6;
        QTest::newRow("p50 us") << "p50<250us" << M::Percentile << 50.0 << 0 << false << none << none << O::Less << 250.0;
        QTest::newRow("p90 µs") << "p90<250µs" << M::Percentile << 90.0 << 0 << false << none << none << O::Less << 250.0;
        QTest::newRow("max") << "max<2s" << M::Max << 0.0 << 0 << false << none << none << O::Less << 2e6;
        QTest::newRow("mean bare ms") << "mean<50" << M::Mean << 0.0 << 0 << false << none << none << O::Less << 50'000.0;
        QTest::newRow("avg") << "avg<1ms" << M::Mean << 0.0 << 0 << false << none << none << O::Less << 1000.0;
        QTest::newRow("errors share") << "errors<1%" << M::Errors << 0.0 << 0 << true << none << none << O::Less << 0.01;
        QTest::newRow("errors count") << "errors<=3" << M::Errors << 0.0 << 0 << false << none << none << O::LessOrEqual << 3.0;
        QTest::newRow("status tier") << "status429{tier=free}<5%" << M::Status << 0.0 << 429 << true << "free" << none << O::Less << 0.05;
        QTest::newRow("status class") << "status5xx<0.1%" << M::StatusClass << 0.0 << 5 << true << none << none << O::Less << 0.001;
        QTest::newRow("status200 >=") << "status200>=99%" << M::Status << 0.0 << 200 << true << none << none << O::GreaterOrEqual << 0.99;
        QTest::newRow("status count") << "status503<=0" << M::Status << 0.0 << 503 << false << none << none << O::LessOrEqual << 0.0;
        QTest::newRow("rps") << "rps>=500" << M::Throughput << 0.0 << 0 << false << none << none << O::GreaterOrEqual << 500.0;
        QTest::newRow("rps /s") << "rps>10/s" << M::Throughput << 0.0 << 0 << false << none << none << O::Greater << 10.0;
        QTest::newRow("cost") << "cost<$0.002" << M::Cost << 0.0 << 0 << false << none << none << O::Less << 0.002;
        QTest::newRow("price no $") << "price>=0.001" << M::Price << 0.0 << 0 << false << none << none << O::GreaterOrEqual << 0.001;
        QTest::newRow("margin 0") << "margin>$0" << M::Margin << 0.0 << 0 << false << none << none << O::Greater << 0.0;
        QTest::newRow("margin -$") << "margin>-$0.5" << M::Margin << 0.0 << 0 << false << none << none << O::Greater << -0.5;
        QTest::newRow("margin $-") << "margin>$-0.5" << M::Margin << 0.0 << 0 << false << none << none << O::Greater << -0.5;
        QTest::newRow("margin tier") << "margin{tier=pro}>$0.001" << M::Margin << 0.0 << 0 << false << "pro" << none << O::Greater << 0.001;
        QTest::newRow("revenue") << "revenue>$1/s" << M::Revenue << 0.0 << 0 << false << none << none << O::Greater << 1.0;
        QTest::newRow("quota burn") << "quota_burn{tier=pro}<100%" << M::QuotaBurn << 0.0 << 0 << false << "pro" << none << O::Less << 1.0;
        QTest::newRow("quoted route") << R"(p95{route="GET /users/{id}"}<20ms)" << M::Percentile << 95.0 << 0 << false << none << "GET /users/{id}" << O::Less << 20'000.0;
        QTest::newRow("escaped quote") << "errors{route=\"say \\\"hi\\\"\"}<1" << M::Errors << 0.0 << 0 << false << none << "say \"hi\"" << O::Less << 1.0;
        QTest::newRow("plain route") << "max{route=orders}>1s" << M::Max << 0.0 << 0 << false << none << "orders" << O::Greater << 1e6;
        QTest::newRow("spaces") << " p95 < 200 ms " << M::Percentile << 95.0 << 0 << false << none << none << O::Less << 200'000.0;
        QTest::newRow("spaces selector") << "status429 { tier = free } < 5 %" << M::Status << 0.0 << 429 << true << "free" << none << O::Less << 0.05;
        // clang-format on
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(ThresholdMeasure, measure);
        QFETCH(double, percentile);
        QFETCH(int, status);
        QFETCH(bool, share);
        QFETCH(QString, tier);
        QFETCH(QString, route);
        QFETCH(ThresholdOp, op);
        QFETCH(double, limit);
        Threshold t;
        t.limit = 12345; // overwritten
        std::string error = "untouched";
        QVERIFY2(parseThreshold(text.toStdString(), &t, &error), error.c_str());
        QCOMPARE(t.text, text.trimmed().toStdString());
        QVERIFY(t.measure == measure);
        QCOMPARE(t.percentile, percentile);
        QCOMPARE(t.status, status);
        QCOMPARE(t.share, share);
        QCOMPARE(q(t.tier), tier);
        QCOMPARE(q(t.route), route);
        QVERIFY(t.op == op);
        QCOMPARE(t.limit, limit);
        const bool money = measure == ThresholdMeasure::Cost || measure == ThresholdMeasure::Price
            || measure == ThresholdMeasure::Margin || measure == ThresholdMeasure::Revenue;
        QCOMPARE(t.needsServerMoney(), money);
        QCOMPARE(t.needsQuotas(), measure == ThresholdMeasure::QuotaBurn);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // part of the reason
        // clang-format off
        QTest::newRow("empty") << "" << "what to measure";
        QTest::newRow("blank") << "   " << "what to measure";
        QTest::newRow("no comparison") << "p95" << "comparison";
        QTest::newRow("no limit") << "p95<" << "not a number";
        QTest::newRow("limit not a number") << "p95<abc" << "not a number";
        QTest::newRow("limit nan") << "p95<nan" << "not a number";
        QTest::newRow("p0") << "p0<1ms" << "above 0 and up to 100";
        QTest::newRow("p101") << "p101<1ms" << "above 0 and up to 100";
        QTest::newRow("unknown measure") << "x<1" << R"(unknown measure "x")";
        QTest::newRow("status99") << "status99<1%" << "from 100 to 599";
        QTest::newRow("status1000") << "status1000<1%" << "from 100 to 599";
        QTest::newRow("double minus") << "margin>--1" << "not a number";
        QTest::newRow("minus dollar minus") << "margin>-$-1" << "not a number";
        QTest::newRow("percentile exponent") << "p1e2<1ms" << "above 0 and up to 100";
        QTest::newRow("fractional count") << "errors<1.5" << "whole number";
        QTest::newRow("status600") << "status600<1%" << "from 100 to 599";
        QTest::newRow("status6xx") << "status6xx<1%" << "from 100 to 599";
        QTest::newRow("latency unit") << "p95<200kb" << R"(not "kb")";
        QTest::newRow("errors in ms") << "errors<1ms" << "written with %";
        QTest::newRow("share over 100") << "errors<101%" << "at most 100%";
        QTest::newRow("negative latency") << "p95<-1ms" << "cannot be negative";
        QTest::newRow("negative count") << "errors<-1" << "cannot be negative";
        QTest::newRow("dollar latency") << "p95<$1" << "in dollars";
        QTest::newRow("quota without %") << "quota_burn{tier=pro}<1" << "written with %";
        QTest::newRow("quota without tier") << "quota_burn<100%" << "quota_burn{tier=NAME}";
        QTest::newRow("money by route") << "cost{route=x}<$1" << "per tier";
        QTest::newRow("quota by route") << "quota_burn{route=x}<1%" << "per tier";
        QTest::newRow("empty tier") << "p95{tier=}<1ms" << "names no tier";
        QTest::newRow("empty route") << R"(p95{route=""}<1ms)" << "names no route";
        QTest::newRow("unknown selector") << "p95{foo=bar}<1ms" << R"(not "foo")";
        QTest::newRow("selector without =") << "p95{free}<1ms" << "{tier=NAME} or {route=NAME}";
        QTest::newRow("no closing brace") << "p95{tier=free<1ms" << "closing } is missing";
        QTest::newRow("nothing after quote") << R"(p95{route="x"<1ms)" << "closing } is missing";
        QTest::newRow("two selectors") << "p95{tier=a,route=b}<1ms" << "one selector";
        QTest::newRow("unclosed quote") << "p95{route=\"x}<1ms" << "no closing \"";
        QTest::newRow("rps per s") << "rps>5 per s" << "answers per second";
        QTest::newRow("revenue per min") << "revenue>$1/min" << "dollars per second";
        QTest::newRow("cost per s") << "cost<$1/s" << "dollars per request";
        QTest::newRow("trailing text") << "p95<200ms or so" << "latency is in";
        // clang-format on
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Threshold t;
        t.text = "kept";
        std::string error;
        QVERIFY(!parseThreshold(text.toStdString(), &t, &error));
        const QString prefix = QStringLiteral("threshold \"") + text.trimmed() + QStringLiteral("\": ");
        QVERIFY2(q(error).startsWith(prefix), error.c_str());
        QVERIFY2(q(error).mid(prefix.size()).contains(expected), error.c_str());
        QCOMPARE(t.text, std::string("kept")); // *out untouched on failure
        QVERIFY(!parseThreshold(text.toStdString(), &t, nullptr)); // no error wanted: no crash
    }

    void evaluates_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("threshold");
        QTest::addColumn<bool>("measured");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<double>("actual"); // NaN: not checked
        QTest::addColumn<QString>("actualText"); // null: not checked
        const QString any;
        const double nan = kNotChecked;
        const QString c = QStringLiteral("counts");
        const QString l = QStringLiteral("latency");
        const QString m = QStringLiteral("money");
        const QString u = QStringLiteral("quota");
        // clang-format off
        // Errors: the share is over answers + errors (500), not answers (480).
        QTest::newRow("errors share pass") << c << "errors<5%" << true << true << 0.04 << "4.00 % (20 of 500)";
        QTest::newRow("errors share at limit") << c << "errors<=4%" << true << true << 0.04 << any;
        QTest::newRow("errors share fail") << c << "errors<4%" << true << false << 0.04 << any;
        QTest::newRow("errors count pass") << c << "errors<=20" << true << true << 20.0 << "20 of 500";
        QTest::newRow("errors count fail") << c << "errors<20" << true << false << 20.0 << any;
        // One status: a share or a count.
        QTest::newRow("status share pass") << c << "status429<5%" << true << true << 0.042 << "4.20 % (21 of 500)";
        QTest::newRow("status share fail") << c << "status429<4%" << true << false << 0.042 << any;
        QTest::newRow("status count pass") << c << "status429<=21" << true << true << 21.0 << "21 of 500";
        QTest::newRow("status count fail") << c << "status429<21" << true << false << 21.0 << any;
        QTest::newRow("status absent") << c << "status404<=0" << true << true << 0.0 << "0 of 500";
        QTest::newRow("status >= pass") << c << "status200>=80%" << true << true << 0.8 << "80.0 % (400 of 500)";
        QTest::newRow("status > fail") << c << "status200>80%" << true << false << 0.8 << any;
        // A class sums its statuses (500 and 503).
        QTest::newRow("class share pass") << c << "status5xx<12%" << true << true << 0.118 << "11.8 % (59 of 500)";
        QTest::newRow("class share fail") << c << "status5xx<10%" << true << false << 0.118 << any;
        QTest::newRow("class count") << c << "status5xx<=59" << true << true << 59.0 << "59 of 500";
        QTest::newRow("class 2xx") << c << "status2xx>=400" << true << true << 400.0 << any;
        // Answers per measured second (480 over 4 s).
        QTest::newRow("rps pass") << c << "rps>=120" << true << true << 120.0 << "120/s";
        QTest::newRow("rps fail") << c << "rps>120" << true << false << 120.0 << any;
        // Tier selector: free's 10 refusals of 105 attempts, pro's 11 of 395.
        QTest::newRow("tier free fail") << c << "status429{tier=free}<5%" << true << false << 10.0 / 105 << "9.52 % (10 of 105)";
        QTest::newRow("tier free pass") << c << "status429{tier=free}<10%" << true << true << 10.0 / 105 << any;
        QTest::newRow("tier pro pass") << c << "status429{tier=pro}<5%" << true << true << 11.0 / 395 << "2.78 % (11 of 395)";
        QTest::newRow("tier errors count") << c << "errors{tier=free}<=5" << true << true << 5.0 << "5 of 105";
        QTest::newRow("tier rps") << c << "rps{tier=free}>=25" << true << true << 25.0 << "25.0/s";
        QTest::newRow("tier unknown") << c << "status429{tier=gold}<5%" << false << false << nan << "no request of tier gold";
        // Route selector.
        QTest::newRow("route orders fail") << c << "status5xx{route=orders}<29%" << true << false << 0.295 << "29.5 % (59 of 200)";
        QTest::newRow("route orders pass") << c << "status5xx{route=orders}<30%" << true << true << 0.295 << any;
        QTest::newRow("route users") << c << R"(errors{route="GET /users/{id}"}<=0)" << true << true << 0.0 << "0 of 300";
        QTest::newRow("route unknown") << c << "errors{route=nowhere}<1" << false << false << nan << "no request to route nowhere";
        // Nothing to measure.
        QTest::newRow("empty share") << "empty" << "errors<1%" << false << false << nan << "no requests";
        QTest::newRow("empty count") << "empty" << "status500<=0" << true << true << 0.0 << "0 of 0";
        QTest::newRow("empty rps") << "empty" << "rps>0" << false << false << nan << "nothing measured yet";
        QTest::newRow("empty latency") << "empty" << "p95<1s" << false << false << nan << "no answers";
        // Latency: all samples equal make every percentile that value.
        QTest::newRow("p95 pass") << l << "p95{route=steady}<200ms" << true << true << 150'000.0 << "150 ms";
        QTest::newRow("p95 at limit") << l << "p95{route=steady}<150ms" << true << false << 150'000.0 << any;
        QTest::newRow("p95 <= limit") << l << "p95{route=steady}<=150ms" << true << true << 150'000.0 << any;
        QTest::newRow("p50 us") << l << "p50{route=steady}>149999us" << true << true << 150'000.0 << any;
        // One slow answer of 100: under p99, at p99.9.
        QTest::newRow("p99 below spike") << l << "p99{route=spiky}<2ms" << true << true << nan << any;
        QTest::newRow("p99.9 at spike") << l << "p99.9{route=spiky}<2s" << true << false << nan << any;
        QTest::newRow("max fail") << l << "max{route=spiky}<2s" << true << false << 2.5e6 << "2.50 s";
        QTest::newRow("max pass") << l << "max{route=spiky}<=2.5s" << true << true << 2.5e6 << any;
        QTest::newRow("mean fail") << l << "mean{route=mean}<2ms" << true << false << 2000.0 << "2.00 ms";
        QTest::newRow("avg pass") << l << "avg{route=mean}<=2ms" << true << true << 2000.0 << any;
        QTest::newRow("total p95") << l << "p95<100ms" << true << false << nan << any;
        QTest::newRow("total max") << l << "max<3s" << true << true << 2.5e6 << any;
        QTest::newRow("route without answers") << l << "p95{route=silent}<1s" << false << false << nan << "no answers";
        // Money per answered request: $0.007 cost and $0.02 revenue over 100.
        QTest::newRow("cost pass") << m << "cost<$0.0001" << true << true << 0.00007 << "$0.00007 per request ($0.007 over 100)";
        QTest::newRow("cost fail") << m << "cost<$0.00006" << true << false << 0.00007 << any;
        QTest::newRow("price pass") << m << "price>$0.0001" << true << true << 0.0002 << "$0.0002 per request ($0.02 over 100)";
        QTest::newRow("price fail") << m << "price>$0.0003" << true << false << 0.0002 << any;
        QTest::newRow("margin pass") << m << "margin>$0" << true << true << 0.00013 << "$0.00013 per request ($0.013 over 100)";
        QTest::newRow("margin fail") << m << "margin>$0.0002" << true << false << 0.00013 << any;
        QTest::newRow("margin free fail") << m << "margin{tier=free}>$0" << true << false << -0.00005 << "-$0.00005 per request (-$0.0025 over 50)";
        QTest::newRow("margin free negative limit") << m << "margin{tier=free}>-$0.0001" << true << true << -0.00005 << any;
        QTest::newRow("margin pro") << m << "margin{tier=pro}>$0.0003" << true << true << 0.0004 << "$0.0004 per request ($0.016 over 40)";
        QTest::newRow("cost keyless is (none)") << m << "cost{tier=(no key)}>$0.00004" << true << true << 0.00005 << "$0.00005 per request ($0.0005 over 10)";
        QTest::newRow("revenue pass") << m << "revenue>$0.001/s" << true << true << 0.002 << "$0.002/s";
        QTest::newRow("revenue fail") << m << "revenue>$0.003/s" << true << false << 0.002 << any;
        QTest::newRow("revenue free") << m << "revenue{tier=free}>$0" << true << false << 0.0 << "$0.00/s";
        QTest::newRow("money unknown cost") << "money unknown" << "cost<$1" << false << false << nan << "no figures from the server";
        QTest::newRow("money unknown revenue") << "money unknown" << "revenue>=$0/s" << false << false << nan << "no figures from the server";
        // Quota burn of a 31-day month; refusals do not use the quota.
        QTest::newRow("burn at 100%") << u << "quota_burn{tier=pro}<=100%" << true << true << 1.0 << "100.0 % (a key's quota of 2678400 lasts 31.0 days)";
        QTest::newRow("burn not below 100%") << u << "quota_burn{tier=pro}<100%" << true << false << 1.0 << any;
        QTest::newRow("burn one key") << u << "quota_burn{tier=basic}<100%" << true << false << 5.0 << "500.0 % (a key's quota of 267840 lasts 6.2 days)";
        QTest::newRow("burn unlimited") << u << "quota_burn{tier=free}<100%" << true << true << 0.0 << "unlimited quota";
        QTest::newRow("burn no quota for tier") << u << "quota_burn{tier=gold}<100%" << false << false << nan << "the workspace has no tier gold";
        QTest::newRow("burn quotas unknown") << "quota unknown" << "quota_burn{tier=pro}<100%" << false << false << nan << "the tiers' quotas are not known";
        // clang-format on
    }

    void evaluates()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, threshold);
        QFETCH(bool, measured);
        QFETCH(bool, passed);
        QFETCH(double, actual);
        QFETCH(QString, actualText);
        const Scenario s = ::scenario(scenario);
        Threshold t;
        std::string error;
        QVERIFY2(parseThreshold(threshold.toStdString(), &t, &error), error.c_str());
        const ThresholdResult r = evaluateThreshold(t, s.report, s.facts);
        QCOMPARE(q(r.threshold), threshold);
        QCOMPARE(r.measured, measured);
        QCOMPARE(r.passed, passed);
        if (!std::isnan(actual))
            QCOMPARE(r.actual, actual);
        if (!actualText.isNull())
            QCOMPARE(q(r.actualText), actualText);
        QCOMPARE(r.breachedAt, std::int64_t(-1));
    }

    void evaluatesPercentilesBetweenBuckets()
    {
        // p95 of 95 fast and 5 slow answers is a fast one, p96 a slow one.
        LoadReport r;
        r.total = counts({ { 200, 100 } }, {}, histogram({ { 1000, 95 }, { 400'000, 5 } }));
        Threshold p95;
        Threshold p96;
        QVERIFY(parseThreshold("p95<10ms", &p95, nullptr));
        QVERIFY(parseThreshold("p96<10ms", &p96, nullptr));
        const ThresholdResult fast = evaluateThreshold(p95, r, {});
        const ThresholdResult slow = evaluateThreshold(p96, r, {});
        QVERIFY(fast.passed);
        QVERIFY(fast.actual >= 1000 && fast.actual < 1100);
        QVERIFY(!slow.passed);
        QVERIFY(slow.actual > 390'000 && slow.actual <= 400'000);
    }

    void evaluatesRevenueWithoutTime()
    {
        Scenario s = moneyScenario();
        s.report.measuredSeconds = 0;
        Threshold t;
        QVERIFY(parseThreshold("revenue>$0/s", &t, nullptr));
        const ThresholdResult r = evaluateThreshold(t, s.report, s.facts);
        QVERIFY(!r.measured);
        QVERIFY(!r.passed);
        QCOMPARE(r.actualText, std::string("nothing measured yet"));
    }

    void parsesServerMoney()
    {
        const std::string text
            = "# HELP tollgate_requests_total Requests answered, by route and status class "
              "(resets count as 5xx).\n"
              "# TYPE tollgate_requests_total counter\n"
              "tollgate_requests_total{route=\"GET /x\",class=\"2xx\"} 12\n"
              "tollgate_requests_total{route=\"GET /x\",class=\"4xx\"} 3\n"
              "tollgate_requests_total{route=\"POST /say \\\"hi\\\"\",class=\"2xx\"} 5\n"
              "# HELP tollgate_request_duration_seconds Time from the request header to the "
              "answer written.\n"
              "# TYPE tollgate_request_duration_seconds histogram\n"
              "tollgate_request_duration_seconds_bucket{route=\"GET /x\",le=\"0.005\"} 10\n"
              "tollgate_request_duration_seconds_bucket{route=\"GET /x\",le=\"+Inf\"} 15\n"
              "tollgate_request_duration_seconds_sum{route=\"GET /x\"} 0.042\n"
              "tollgate_request_duration_seconds_count{route=\"GET /x\"} 15\n"
              "# HELP tollgate_cost_dollars_total What serving requests cost, by route and tier.\n"
              "# TYPE tollgate_cost_dollars_total counter\n"
              "tollgate_cost_dollars_total{route=\"GET /x\",tier=\"free\"} 0.001234\n"
              "tollgate_cost_dollars_total{route=\"POST /say \\\"hi\\\"\",tier=\"free\"} 0.000766\n"
              "tollgate_cost_dollars_total{route=\"GET /x\",tier=\"pro\"} 1.500000\n"
              "tollgate_cost_dollars_total{route=\"(none)\",tier=\"(none)\"} 0.000001\n"
              "# HELP tollgate_revenue_dollars_total What callers pay for requests, by route "
              "and tier.\n"
              "# TYPE tollgate_revenue_dollars_total counter\n"
              "tollgate_revenue_dollars_total{route=\"GET /x\",tier=\"free\"} 0\n"
              "tollgate_revenue_dollars_total{route=\"POST /say \\\"hi\\\"\",tier=\"free\"} "
              "0.000000\n"
              "tollgate_revenue_dollars_total{route=\"GET /x\",tier=\"pro\"} 12.345678\n"
              "tollgate_revenue_dollars_total{route=\"POST /say \\\"hi\\\"\",tier=\"pro\"} "
              "0.654322\n"
              "tollgate_revenue_dollars_total{route=\"(none)\",tier=\"(none)\"} 0\n"
              "# HELP tollgate_tokens_total Tokens.\n"
              "# TYPE tollgate_tokens_total counter\n"
              "tollgate_tokens_total{route=\"GET /x\",tier=\"pro\",direction=\"input\"} 40\n"
              "# HELP tollgate_metrics_dropped_records_total Dropped.\n"
              "# TYPE tollgate_metrics_dropped_records_total counter\n"
              "tollgate_metrics_dropped_records_total 0\n";
        ServerMoney m;
        std::string error;
        QVERIFY2(parseServerMoney(text, &m, &error), error.c_str());
        QCOMPARE(m.answers, std::uint64_t(20));
        QCOMPARE(m.byTier.size(), std::size_t(3));
        QVERIFY(m.byTier.at("free") == (ServerMoney::Amounts { 2000, 0 }));
        QVERIFY(m.byTier.at("pro") == (ServerMoney::Amounts { 1'500'000, 13'000'000 }));
        QVERIFY(m.byTier.at("(none)") == (ServerMoney::Amounts { 1, 0 }));
        QVERIFY(m.total() == (ServerMoney::Amounts { 1'502'001, 13'000'000 }));

        // The same meters a while later: since() is what happened between.
        const std::string later
            = "tollgate_requests_total{route=\"GET /x\",class=\"2xx\"} 40\n"
              "tollgate_cost_dollars_total{route=\"GET /x\",tier=\"free\"} 0.003\n"
              "tollgate_cost_dollars_total{route=\"GET /x\",tier=\"pro\"} 1.600001\n"
              "tollgate_revenue_dollars_total{route=\"GET /x\",tier=\"pro\"} 14.5\n"
              "tollgate_cost_dollars_total{route=\"GET /x\",tier=\"team\"} 0.25\n";
        ServerMoney n;
        QVERIFY2(parseServerMoney(later, &n, &error), error.c_str());
        const ServerMoney d = n.since(m);
        QCOMPARE(d.answers, std::uint64_t(20));
        QVERIFY(d.byTier.at("free") == (ServerMoney::Amounts { 1000, 0 }));
        QVERIFY(d.byTier.at("pro") == (ServerMoney::Amounts { 100'001, 1'500'000 }));
        QVERIFY(d.byTier.at("team") == (ServerMoney::Amounts { 250'000, 0 }));
        QVERIFY(d.total() == (ServerMoney::Amounts { 351'001, 1'500'000 }));
        // A server that restarted counts from zero: no negative answers.
        QCOMPARE(m.since(n).answers, std::uint64_t(0));
        QVERIFY(m.since(m).total() == ServerMoney::Amounts {});
    }

    void parsesServerMoneyOfIdleServer()
    {
        // A server that answered nothing yet writes the counter's header only.
        ServerMoney m;
        m.answers = 9; // replaced
        std::string error;
        QVERIFY2(parseServerMoney("# HELP tollgate_requests_total Requests answered.\n"
                                  "# TYPE tollgate_requests_total counter\n",
                     &m, &error),
            error.c_str());
        QVERIFY(m == ServerMoney {});
    }

    void refusesServerMoney_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString requests = QStringLiteral("tollgate_requests_total{route=\"GET /x\",class=\"2xx\"} 3\n");
        // clang-format off
        QTest::newRow("not tollgate") << "# HELP go_goroutines Goroutines.\ngo_goroutines 12\n" << "no tollgate_requests_total";
        QTest::newRow("empty") << "" << "no tollgate_requests_total";
        QTest::newRow("money value") << requests + QStringLiteral("tollgate_cost_dollars_total{route=\"GET /x\",tier=\"pro\"} abc\n") << "line 2 of the metrics does not parse";
        QTest::newRow("money no value") << requests + QStringLiteral("tollgate_revenue_dollars_total{route=\"GET /x\",tier=\"pro\"}\n") << "line 2";
        QTest::newRow("unclosed label") << requests + QStringLiteral("\ntollgate_cost_dollars_total{route=\"GET /x,tier=\"pro\"} 1\n") << "line 3";
        QTest::newRow("unclosed braces") << requests + QStringLiteral("tollgate_cost_dollars_total{route=\"GET /x\"") << "line 2";
        QTest::newRow("unquoted label") << requests + QStringLiteral("tollgate_cost_dollars_total{route=x} 1\n") << "line 2";
        QTest::newRow("request count") << "tollgate_requests_total{route=\"GET /x\",class=\"2xx\"} 3x\n" << "line 1";
        QTest::newRow("money NaN") << requests + QStringLiteral("tollgate_cost_dollars_total{route=\"GET /x\",tier=\"pro\"} NaN\n") << "line 2 of the metrics holds no amount";
        QTest::newRow("money too large") << requests + QStringLiteral("tollgate_revenue_dollars_total{route=\"GET /x\",tier=\"pro\"} 1e30\n") << "line 2 of the metrics holds no amount";
        // clang-format on
    }

    void refusesServerMoney()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        ServerMoney m;
        m.answers = 7;
        std::string error;
        QVERIFY(!parseServerMoney(text.toStdString(), &m, &error));
        QVERIFY2(q(error).contains(expected), error.c_str());
        QCOMPARE(m.answers, std::uint64_t(7)); // untouched
    }

    void formatsDollars_data()
    {
        QTest::addColumn<double>("dollars");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "$0.00";
        QTest::newRow("cents") << 12.5 << "$12.50";
        QTest::newRow("dime") << 0.1 << "$0.10";
        QTest::newRow("four decimals") << 0.0012 << "$0.0012";
        QTest::newRow("micro") << 0.000003 << "$0.000003";
        QTest::newRow("large") << 1234.5678 << "$1234.5678";
        QTest::newRow("negative") << -0.0005 << "-$0.0005";
        QTest::newRow("negative whole") << -3.0 << "-$3.00";
        QTest::newRow("rounds to zero") << -0.0000001 << "$0.00";
    }

    void formatsDollars()
    {
        QFETCH(double, dollars);
        QFETCH(QString, expected);
        QCOMPARE(q(formatDollars(dollars)), expected);
    }

    void problems_data()
    {
        QTest::addColumn<QString>("threshold");
        QTest::addColumn<QStringList>("expected"); // each a part of one problem, in order
        // clang-format off
        QTest::newRow("tier of the pool") << "p95{tier=free}<1ms" << QStringList {};
        QTest::newRow("keyless tier") << "p95{tier=(no key)}<1ms" << QStringList {};
        QTest::newRow("route by method and path") << R"(p95{route="GET /users/{id}"}<1ms)" << QStringList {};
        QTest::newRow("route by name") << "p95{route=orders}<1ms" << QStringList {};
        QTest::newRow("no selector") << "errors<1%" << QStringList {};
        QTest::newRow("unknown tier") << "p95{tier=gold}<1ms"
            << QStringList { QStringLiteral("threshold \"p95{tier=gold}<1ms\": no key of the pool has the tier \"gold\" (the run's tiers: free, (no key))") };
        QTest::newRow("named route by path") << R"(p95{route="POST /orders"}<1ms)"
            << QStringList { QStringLiteral("the route mix has no \"POST /orders\" (its routes: GET /users/{id}, orders)") };
        QTest::newRow("parse error") << "p95<" << QStringList { QStringLiteral("threshold \"p95<\": ") };
        // clang-format on
    }

    void problems()
    {
        QFETCH(QString, threshold);
        QFETCH(QStringList, expected);
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.keys = { key("k1", "free"), key("k2", ""), key("k3", "free") };
        s.mix = { target("", "GET", "/users/{id}"), target("orders", "POST", "/orders") };
        s.mix[0].params = { { "id", "7" } };
        s.thresholds = { threshold.toStdString() };
        const std::vector<std::string> problems = thresholdProblems(s);
        QCOMPARE(problems.size(), std::size_t(expected.size()));
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(q(problems[std::size_t(i)]).contains(expected[i]), problems[std::size_t(i)].c_str());

        // validateLoadSettings says the same problems after its own (none here).
        const std::vector<std::string> all = validateLoadSettings(s);
        QCOMPARE(all, problems);
    }

    void problemsWithoutKeysOrMix()
    {
        LoadSettings s;
        s.url = "http://127.0.0.1:8080/v1";
        s.thresholds = { "errors{tier=(no key)}<1%", "errors{tier=free}<1%", "p95{route=x}<1ms",
            "p95<1ms" };
        const std::vector<std::string> problems = thresholdProblems(s);
        QCOMPARE(problems.size(), std::size_t(2));
        QVERIFY2(contains(problems[0], "\"free\" (the run's tiers: (no key))"), problems[0].c_str());
        // Without a mix the run's one route is GET of the URL's path.
        QVERIFY2(contains(problems[1], "the route mix has no \"x\" (its routes: GET /v1)"),
            problems[1].c_str());
        QVERIFY(validateLoadSettings(s) == problems);
        s.thresholds = { "errors{tier=(no key)}<1%", "p95<1ms", "p95{route=GET /v1}<1ms" };
        QVERIFY(thresholdProblems(s).empty());
        QVERIFY(validateLoadSettings(s).empty());
        s.url = "http://127.0.0.1:8080";
        QCOMPARE(thresholdProblems(s).size(), std::size_t(1));
        s.thresholds = { "p95{route=GET /}<1ms" };
        QVERIFY(thresholdProblems(s).empty());
    }

    void settingsRoundTrip()
    {
        LoadSettings s;
        s.url = "http://127.0.0.1:8080/v1";
        s.thresholds = { "p95<200ms", "status429{tier=free}<5%", R"(p95{route="GET /users/{id}"}<20ms)",
            "margin>$0" };
        s.abortOnThreshold = true;
        const json::value v = loadSettingsToJson(s);
        QCOMPARE(v.at("thresholds").as_array().size(), std::size_t(4));
        QVERIFY(v.at("abortOnThreshold").as_bool());
        LoadSettings back;
        std::string error;
        QVERIFY2(loadSettingsFromJson(parse(json::serialize(v)), &back, &error), error.c_str());
        QVERIFY(back.thresholds == s.thresholds);
        QVERIFY(back.abortOnThreshold);
        QVERIFY(back == s);

        // Without them nothing is written, and nothing comes back.
        const json::value plain = loadSettingsToJson(LoadSettings {});
        QVERIFY(!plain.as_object().contains("thresholds"));
        QVERIFY(!plain.as_object().contains("abortOnThreshold"));
        back = s;
        QVERIFY(loadSettingsFromJson(plain, &back, &error));
        QVERIFY(back.thresholds.empty());
        QVERIFY(!back.abortOnThreshold);
    }

    void settingsErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        // clang-format off
        QTest::newRow("number") << R"({"thresholds": ["p95<1ms", 5]})" << "thresholds[1]: must be a string";
        QTest::newRow("object") << R"({"thresholds": [{"p95": "1ms"}]})" << "thresholds[0]: must be a string";
        QTest::newRow("not a list") << R"({"thresholds": "p95<1ms"})" << "thresholds: must be an array";
        QTest::newRow("abort flag") << R"({"abortOnThreshold": 1})" << "abortOnThreshold: must be true or false";
        // clang-format on
    }

    void settingsErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        LoadSettings out;
        out.url = "kept";
        std::string error;
        QVERIFY(!loadSettingsFromJson(parse(text.toStdString()), &out, &error));
        QVERIFY2(q(error).startsWith(expected), error.c_str());
        QCOMPARE(out.url, std::string("kept"));
    }

    void reportRoundTrip()
    {
        LoadReport r;
        r.settings.url = "http://127.0.0.1:8080";
        r.settings.thresholds = { "p95<200ms", "errors<1%", "cost<$0.001" };
        r.settings.abortOnThreshold = true;
        r.measuredSeconds = 3.25;
        r.total = counts({ { 200, 479 }, { 503, 21 } });
        r.thresholds = {
            result("p95<200ms", true, true, 150'000, "150 ms", -1),
            result("errors<1%", false, true, 0.042, "4.20 % (21 of 500)", 3),
            result("cost<$0.001", false, false, 0, "no figures from the server", -1),
        };
        r.abortedBy = "errors<1%";
        const json::value v = loadReportToJson(r);
        QCOMPARE(v.at("thresholds").as_array().size(), std::size_t(3));
        QCOMPARE(v.at("thresholds").at(1).at("breachedAtSecond").to_number<std::int64_t>(),
            std::int64_t(3));
        QCOMPARE(std::string(v.at("abortedBy").as_string()), std::string("errors<1%"));

        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(parse(json::serialize(v)), &back, &error), error.c_str());
        QCOMPARE(back.thresholds.size(), r.thresholds.size());
        for (std::size_t i = 0; i < r.thresholds.size(); ++i)
            QVERIFY2(back.thresholds[i] == r.thresholds[i], r.thresholds[i].threshold.c_str());
        QCOMPARE(back.abortedBy, r.abortedBy);
        QVERIFY(back.settings == r.settings);

        // A report without thresholds reads back without any.
        LoadReport plain;
        const json::value pv = loadReportToJson(plain);
        QVERIFY(!pv.as_object().contains("thresholds"));
        QVERIFY(!pv.as_object().contains("abortedBy"));
        QVERIFY(loadReportFromJson(pv, &back, &error));
        QVERIFY(back.thresholds.empty());
        QVERIFY(back.abortedBy.empty());
    }

    void reportRoundTripOfNegativeMargin()
    {
        // A margin below zero is a value a run measures (margin{tier=free}
        // above): its report must read back like any other.
        LoadReport r;
        r.thresholds = { result("margin>$0", false, true, -0.00005,
            "-$0.00005 per request (-$0.0025 over 50)", 2) };
        LoadReport back;
        std::string error;
        QVERIFY2(loadReportFromJson(parse(json::serialize(loadReportToJson(r))), &back, &error),
            error.c_str());
        QCOMPARE(back.thresholds.size(), std::size_t(1));
        QCOMPARE(back.thresholds[0].actual, -0.00005);
        QVERIFY(back.thresholds[0] == r.thresholds[0]);
    }

    void reportErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        // clang-format off
        QTest::newRow("threshold name") << R"({"thresholds": [{"threshold": 5}]})" << "thresholds[0].threshold: must be a string";
        QTest::newRow("passed") << R"({"thresholds": [{"threshold": "p95<1s"}, {"passed": "yes"}]})" << "thresholds[1].passed: must be true or false";
        QTest::newRow("breached") << R"({"thresholds": [{"breachedAtSecond": -2}]})" << "thresholds[0].breachedAtSecond: must be an integer >= -1";
        QTest::newRow("not an object") << R"({"thresholds": ["p95<1s"]})" << "thresholds[0]: must be an object";
        QTest::newRow("aborted by") << R"({"abortedBy": 1})" << "abortedBy: must be a string";
        QTest::newRow("settings threshold") << R"({"settings": {"thresholds": [true]}})" << "settings.thresholds[0]: must be a string";
        // clang-format on
    }

    void reportErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        LoadReport out;
        out.id = "kept";
        std::string error;
        QVERIFY(!loadReportFromJson(parse(text.toStdString()), &out, &error));
        QVERIFY2(q(error).startsWith(expected), error.c_str());
        QCOMPARE(out.id, std::string("kept"));
    }

    void watchRefuses_data()
    {
        QTest::addColumn<QStringList>("thresholds");
        QTest::addColumn<bool>("scrape");
        QTest::addColumn<bool>("quotas");
        QTest::addColumn<QStringList>("expected"); // the lines of the error, each a part
        // clang-format off
        QTest::newRow("money without meters") << QStringList { QStringLiteral("p95<1s"), QStringLiteral("cost<$0.001") } << false << true
            << QStringList { QStringLiteral("--admin") };
        QTest::newRow("revenue without meters") << QStringList { QStringLiteral("revenue>$1/s") } << false << true
            << QStringList { QStringLiteral("--admin") };
        QTest::newRow("quota without quotas") << QStringList { QStringLiteral("quota_burn{tier=pro}<100%") } << true << false
            << QStringList { QStringLiteral("--workspace") };
        QTest::newRow("both") << QStringList { QStringLiteral("margin>$0"), QStringLiteral("quota_burn{tier=pro}<100%") } << false << false
            << QStringList { QStringLiteral("--admin"), QStringLiteral("--workspace") };
        QTest::newRow("parse error") << QStringList { QStringLiteral("p95<"), QStringLiteral("p95<1s") } << true << true
            << QStringList { QStringLiteral("threshold \"p95<\": ") };
        QTest::newRow("unknown tier") << QStringList { QStringLiteral("errors{tier=gold}<1%") } << true << true
            << QStringList { QStringLiteral("\"gold\"") };
        QTest::newRow("problem and need") << QStringList { QStringLiteral("errors{tier=gold}<1%"), QStringLiteral("cost<$1") } << false << true
            << QStringList { QStringLiteral("\"gold\""), QStringLiteral("--admin") };
        // clang-format on
    }

    void watchRefuses()
    {
        QFETCH(QStringList, thresholds);
        QFETCH(bool, scrape);
        QFETCH(bool, quotas);
        QFETCH(QStringList, expected);
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.keys = { key("k1", "pro") };
        s.thresholds = strings(thresholds);
        FakeServer server;
        server.texts = { serverMetrics(0, 0, 0) };
        std::optional<std::map<std::string, std::int64_t>> quota;
        if (quotas)
            quota = std::map<std::string, std::int64_t> { { "pro", 1000 } };
        ThresholdWatch watch;
        std::string error;
        QVERIFY(!watch.prepare(s, scrape ? server.scrape() : ThresholdWatch::Scrape(), quota, &error));
        const QStringList lines = q(error).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(lines[i].contains(expected[i]), error.c_str());
        QVERIFY(watch.empty());
        QCOMPARE(server.reads, 0); // nothing read before the run may start
    }

    void watchWithoutMoneyNeedsNoScrape()
    {
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.keys = { key("k1", "pro") };
        s.thresholds = { "p95<1s", "quota_burn{tier=pro}<100%" };
        ThresholdWatch watch;
        std::string error;
        QVERIFY2(watch.prepare(s, {}, std::map<std::string, std::int64_t> { { "pro", 0 } }, &error),
            error.c_str());
        QVERIFY(!watch.empty());
        QVERIFY(!watch.needsScrape());
        QCOMPARE(watch.thresholds().size(), std::size_t(2));
        QVERIFY(watch.begin());
        LoadReport r = soFar(100, 0);
        r.settings = s;
        QVERIFY(watch.check(r, 1).empty());
        watch.finish(&r);
        QCOMPARE(r.thresholds.size(), std::size_t(2));
        QVERIFY(r.thresholds[0].passed);
        QVERIFY(r.thresholds[1].passed);
        QCOMPARE(r.thresholds[1].actualText, std::string("unlimited quota"));
        QVERIFY(!thresholdsFailed(r));
    }

    void watchChecksLiveAndAtTheEnd()
    {
        // Pro's meters in micro-dollars at each read: begin, four checks,
        // then the end (the server catches up with the run's 400 answers on
        // the third read there).
        FakeServer server;
        server.texts = {
            serverMetrics(1000, 1'000'000, 2'000'000), // begin: the baseline
            serverMetrics(1100, 1'050'000, 2'500'000), // second 1
            serverMetrics(1200, 1'300'000, 2'600'000), // second 2
            serverMetrics(1250, 1'350'000, 2'700'000), // second 3
            serverMetrics(1300, 1'360'000, 2'750'000), // second 4
            serverMetrics(1300, 1'360'000, 2'800'000), // end: 300 of 400 counted
            serverMetrics(1350, 1'370'000, 2'900'000), // end: 350 of 400
            serverMetrics(1400, 1'560'000, 4'000'000), // end: all 400
        };
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.keys = { key("k1", "pro") };
        s.thresholds = { "errors<1%", "cost<$0.0012", "p95<200ms", "price>=$0.004" };
        ThresholdWatch watch;
        std::string error;
        QVERIFY2(watch.prepare(s, server.scrape(), std::nullopt, &error), error.c_str());
        QVERIFY(watch.needsScrape());
        QCOMPARE(server.reads, 0);
        QVERIFY(watch.begin());
        QCOMPARE(server.reads, 1);

        // Second 1: 100 answers for $0.05 cost and $0.5 revenue: all pass.
        QVERIFY(watch.check(soFar(100, 0), 1).empty());
        QCOMPARE(server.reads, 2);
        QCOMPARE(watch.lastResults().size(), std::size_t(4));
        QCOMPARE(watch.lastResults()[1].actual, 0.0005);
        QCOMPARE(watch.lastResults()[3].actual, 0.005);

        // Second 2: 5 errors of 205, $0.3 over 200 and $0.6 over 200 fail.
        QCOMPARE(watch.check(soFar(200, 5), 2), (std::vector<std::size_t> { 0, 1, 3 }));
        QCOMPARE(watch.lastResults()[1].actual, 0.0015);
        QVERIFY(!watch.lastResults()[1].passed);
        QCOMPARE(watch.lastResults()[3].actual, 0.003);

        // Second 3: still failing, but said once only.
        QVERIFY(watch.check(soFar(250, 5), 3).empty());
        QVERIFY(!watch.lastResults()[0].passed);

        // Second 4: 20 of 300 answers took 0.9 s: p95 fails now.
        QCOMPARE(watch.check(soFar(300, 5, 20), 4), (std::vector<std::size_t> { 2 }));
        QCOMPARE(server.reads, 5);

        LoadReport end = soFar(400, 5);
        end.measuredSeconds = 4;
        const auto started = std::chrono::steady_clock::now();
        watch.finish(&end, std::chrono::seconds(20));
        const auto took = std::chrono::steady_clock::now() - started;
        QCOMPARE(server.reads, 8); // waited for the answers, then stopped
        QVERIFY(took < std::chrono::seconds(5));

        QCOMPARE(end.thresholds.size(), std::size_t(4));
        // 5 errors of 405 attempts.
        QCOMPARE(end.thresholds[0],
            result("errors<1%", false, true, 5.0 / 405, "1.23 % (5 of 405)", 2));
        // $0.56 over 400 answers (the last read against the baseline; the
        // first read at the end would have said $0.36 and passed).
        QVERIFY(end.thresholds[1].measured);
        QVERIFY(!end.thresholds[1].passed);
        QCOMPARE(end.thresholds[1].actual, 0.0014);
        QCOMPARE(end.thresholds[1].actualText, std::string("$0.0014 per request ($0.56 over 400)"));
        QCOMPARE(end.thresholds[1].breachedAt, std::int64_t(2));
        QVERIFY(end.thresholds[2].passed);
        QCOMPARE(end.thresholds[2].breachedAt, std::int64_t(4));
        // $2 over 400: passes at the end though it failed at second 2.
        QVERIFY(end.thresholds[3].passed);
        QCOMPARE(end.thresholds[3].actual, 0.005);
        QCOMPARE(end.thresholds[3].breachedAt, std::int64_t(2));

        QVERIFY(thresholdsFailed(end));
        const std::string summary = thresholdSummaryText(end);
        QVERIFY2(summary.rfind("thresholds: 2 of 4 passed\n", 0) == 0, summary.c_str());
        QVERIFY2(contains(summary, "  FAIL  cost<$0.0012   $0.0014 per request ($0.56 over 400) (failed at 2 s)\n"), summary.c_str());
        QVERIFY2(contains(summary, "  pass  p95<200ms      1.00 ms (failed at 4 s)\n"), summary.c_str());
    }

    void watchStopsWaitingAtTheSettleTime()
    {
        // The server never counts the run's answers: finish gives up after
        // the settle time and judges with what it last read.
        FakeServer server;
        server.texts = { serverMetrics(0, 0, 0), serverMetrics(10, 50'000, 0) };
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.thresholds = { "cost<$0.01" };
        ThresholdWatch watch;
        std::string error;
        QVERIFY2(watch.prepare(s, server.scrape(), std::nullopt, &error), error.c_str());
        QVERIFY(watch.begin());
        LoadReport end = soFar(100, 0);
        const auto started = std::chrono::steady_clock::now();
        watch.finish(&end, std::chrono::milliseconds(150));
        QVERIFY(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(150));
        QVERIFY(server.reads >= 3);
        QCOMPARE(end.thresholds.size(), std::size_t(1));
        QVERIFY(end.thresholds[0].measured);
        QCOMPARE(end.thresholds[0].actual, 0.0005); // $0.05 over 100
    }

    void watchWithUnreadableMeters()
    {
        int reads = 0;
        const ThresholdWatch::Scrape refused = [&reads](std::string*, std::string* error) {
            ++reads;
            *error = "connection refused";
            return false;
        };
        LoadSettings s;
        s.url = "http://127.0.0.1:8080";
        s.thresholds = { "p95<1s", "margin>$0" };
        ThresholdWatch watch;
        std::string error;
        QVERIFY2(watch.prepare(s, refused, std::nullopt, &error), error.c_str());
        QVERIFY(!watch.begin());
        QVERIFY2(contains(watch.lastScrapeError(), "connection refused"), watch.lastScrapeError().c_str());
        // Live checks do not count what cannot be measured as a failure.
        QVERIFY(watch.check(soFar(10, 0), 1).empty());
        QVERIFY(!watch.lastResults()[1].measured);
        LoadReport end = soFar(10, 0);
        watch.finish(&end, std::chrono::milliseconds(100));
        QVERIFY(end.thresholds[0].passed);
        QVERIFY(!end.thresholds[1].measured);
        QVERIFY(!end.thresholds[1].passed);
        QVERIFY2(contains(end.thresholds[1].actualText, "connection refused"),
            end.thresholds[1].actualText.c_str());
        QCOMPARE(end.thresholds[1].breachedAt, std::int64_t(-1));
        QVERIFY(thresholdsFailed(end));
        // The text of a scrape that parses badly is a reason too.
        FakeServer bad;
        bad.texts = { "# nothing of Tollgate's here\n" };
        QVERIFY(watch.prepare(s, bad.scrape(), std::nullopt, &error));
        QVERIFY(!watch.begin());
        QVERIFY2(contains(watch.lastScrapeError(), "tollgate_requests_total"),
            watch.lastScrapeError().c_str());
    }

    void summaryAndFailure()
    {
        LoadReport r;
        QVERIFY(!thresholdsFailed(r));
        QCOMPARE(thresholdSummaryText(r), std::string());

        r.thresholds = {
            result("p95<200ms", true, true, 150'000, "150 ms", -1),
            result("status5xx<0.1%", false, true, 0.042, "4.20 % (21 of 500)", 3),
        };
        QVERIFY(thresholdsFailed(r));
        const std::string text = thresholdSummaryText(r);
        QCOMPARE(q(text),
            QStringLiteral("thresholds: 1 of 2 passed\n"
                           "  pass  p95<200ms       150 ms\n"
                           "  FAIL  status5xx<0.1%  4.20 % (21 of 500) (failed at 3 s)\n"));

        r.thresholds[1].passed = true;
        r.thresholds[1].breachedAt = -1;
        QVERIFY(!thresholdsFailed(r));
        QVERIFY(contains(thresholdSummaryText(r), "thresholds: 2 of 2 passed\n"));
        QVERIFY(!contains(thresholdSummaryText(r), "FAIL"));

        // A run stopped by a threshold failed, whatever the end says.
        r.abortedBy = "status5xx<0.1%";
        QVERIFY(thresholdsFailed(r));
        QVERIFY(contains(thresholdSummaryText(r),
            "thresholds: 2 of 2 passed; the run was stopped when status5xx<0.1% failed\n"));
    }
};

QTEST_GUILESS_MAIN(TestThresholds)
#include "tst_thresholds.moc"
