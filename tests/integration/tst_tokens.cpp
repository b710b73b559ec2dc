// Token pricing and limits end to end: answers are billed by the tokens they
// say they used (a JSON body, each event of a stream, an upstream's stream as
// it passes), a tier's tokens-per-minute limit answers 429 with RateLimit
// fields and Retry-After under a virtual clock, and a client that leaves a
// stream is billed for what it received and no more.

#include "rawclient.h"
#include "testserver.h"

#include "server/access/apikey.h"
#include "server/access/usage.h"
#include "server/common/clock.h"
#include "server/metering/metering.h"
#include "server/stream/tokenstream.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace tollgate::server;
using namespace testsupport;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::string_view kPrompt = "Say hello to the token tests, please.";
constexpr std::string_view kCompletion
    = "One two three four five six seven eight nine ten eleven twelve.";

/// 500 µ$ per 1,000 input tokens, 1,500 per 1,000 output tokens.
Tier tokenTier(std::int64_t tokensPerMinute)
{
    Tier t { "t", "T", 0, 1, 0, 1'000, 0, 0, OverQuotaPolicy::Block };
    t.tokensPerMinute = tokensPerMinute;
    t.inputPricePer1kTokensMicros = 500;
    t.outputPricePer1kTokensMicros = 1'500;
    return t;
}

Route keyed(Route r)
{
    r.access.keyRequired = true;
    return r;
}

/// A JSON answer that reports its usage as OpenAI's API does.
Route usageRoute(std::string path, int input, int output)
{
    Route r = keyed(makeRoute("POST", std::move(path), 200,
        "{\"usage\":{\"prompt_tokens\":" + std::to_string(input)
            + ",\"completion_tokens\":" + std::to_string(output) + "}}"));
    r.access.tokens = { "/usage/prompt_tokens", "/usage/completion_tokens" };
    return r;
}

Route tokenStream(std::string path, double tokensPerSecond)
{
    Route r;
    r.method = "POST";
    r.path = std::move(path);
    r.responder = RouteResponder::Sse;
    r.sse.mode = SseMode::Tokens;
    r.sse.text = std::string(kCompletion);
    r.sse.model = "tollgate-test";
    r.sse.tokensPerSecond = tokensPerSecond;
    r.sse.tokensPerChunk = 1;
    r.sse.heartbeatMs = 0;
    r.access.priceMicros = 0; // tokens only
    return keyed(r);
}

QByteArray chatBody(bool includeUsage = false)
{
    return "{\"model\":\"m\",\"stream\":true,"
        + QByteArray(includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + QByteArray(kPrompt.data()) + "\"}]}";
}

struct Fixture {
    Workspace ws;
    std::shared_ptr<VirtualClock> clock = std::make_shared<VirtualClock>(1'800'000'000 * kSecond);
    std::string secret;
    Engine engine;
    bool started = false;
    std::string error;

    explicit Fixture(Tier tier) { ws.tiers = { std::move(tier) }; }

    bool start(std::string jsonLog = {}, std::vector<std::string> allowUpstreams = {})
    {
        NewKey k;
        KeyOptions options;
        options.tier = "t";
        if (!createKey("development", options, clock->nowNs() / kSecond, &k, &error))
            return false;
        ws.keys.push_back(k.record);
        secret = k.secret;
        if (!allowUpstreams.empty())
            engine.setUpstreamAccess(std::move(allowUpstreams), {});
        for (const Diagnostic& d : engine.apply(ws))
            error += d.toString() + '\n';
        EngineOptions o;
        o.threads = 1;
        o.clock = clock;
        o.metricsDatabase = "-";
        o.jsonLog = std::move(jsonLog);
        started = error.empty() && engine.start(o, &error);
        return started;
    }
    QByteArray bearer() const
    {
        return "Authorization: Bearer " + QByteArray::fromStdString(secret) + "\r\n";
    }
    /// The key and a JSON content type, as request fields.
    QByteArray jsonFields() const
    {
        return QByteArray(bearer() + "Content-Type: application/json\r\n");
    }
    rawhttp::Response post(const QByteArray& target, const QByteArray& body = "{}")
    {
        rawhttp::RawClient c;
        if (!c.connectTo(engine.port())) {
            rawhttp::Response r;
            r.error = "connect failed";
            return r;
        }
        c.send(rawhttp::request("POST", target, jsonFields(), body));
        return c.readResponse();
    }
    KeyUsage usage() const
    {
        for (const KeyUsage& u : engine.usage())
            if (u.keyId == ws.keys.front().id)
                return u;
        return {};
    }
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Micros charge(std::uint64_t input, std::uint64_t output)
{
    return static_cast<Micros>((input * 500 + output * 1'500 + 500) / 1'000);
}

} // namespace

class TestTokens : public QObject {
    Q_OBJECT

private slots:
    void jsonAnswersAreBilledByTheirTokens()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("requests.jsonl"));
        Fixture f(tokenTier(0));
        f.ws.routes = { usageRoute("/gen", 12, 40), keyed(makeRoute("POST", "/plain", 200, "{}")) };
        QVERIFY2(f.start(log.toStdString()), f.error.c_str());
        for (int i = 0; i < 2; ++i) {
            const auto r = f.post("/gen");
            QVERIFY2(r.status == 200, r.describe().constData());
            // No token limit, no RateLimit fields.
            QVERIFY(!r.hasHeader("RateLimit"));
        }
        QCOMPARE(f.post("/plain").status, 200);

        const KeyUsage u = f.usage();
        QCOMPARE(u.billable, 3u);
        QCOMPARE(u.tokensIn, 24u);
        QCOMPARE(u.tokensOut, 80u);
        // 1,000 µ$ a request and 12 × 0.5 + 40 × 1.5 = 66 µ$ of tokens each.
        QCOMPARE(u.revenueMicros, Micros(3 * 1'000 + 2 * 66));

        // The JSON log and Prometheus say the same.
        QTRY_VERIFY_WITH_TIMEOUT(readAll(log).count('\n') == 3, 10'000);
        const QList<QByteArray> lines = readAll(log).trimmed().split('\n');
        const QJsonObject gen = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(gen.value(QStringLiteral("priceMicros")).toInteger(), 1'066);
        const QJsonObject tokens = gen.value(QStringLiteral("tokens")).toObject();
        QCOMPARE(tokens.value(QStringLiteral("input")).toInteger(), 12);
        QCOMPARE(tokens.value(QStringLiteral("output")).toInteger(), 40);
        QVERIFY(!QJsonDocument::fromJson(lines[2]).object().contains(QStringLiteral("tokens")));
        const auto metering = f.engine.metering();
        QTRY_VERIFY_WITH_TIMEOUT(
            QByteArray::fromStdString(metering->prometheusText())
                .contains("tollgate_tokens_total{route=\"POST /gen\",tier=\"t\",direction="
                          "\"output\"} 80\n"),
            10'000);
        QVERIFY(QByteArray::fromStdString(metering->prometheusText())
                    .contains("tollgate_tokens_total{route=\"POST /gen\",tier=\"t\",direction="
                              "\"input\"} 24\n"));
    }

    void aHeadAnswerUsesNoTokens()
    {
        Fixture f(tokenTier(0));
        Route r = usageRoute("/gen", 12, 40);
        r.method = "GET";
        f.ws.routes = { r };
        QVERIFY2(f.start(), f.error.c_str());
        for (const QByteArray& method : { QByteArray("HEAD"), QByteArray("GET") }) {
            rawhttp::RawClient c;
            QVERIFY(c.connectTo(f.engine.port()));
            c.send(rawhttp::request(method, "/gen", f.bearer()));
            const auto answer = c.readResponse(method == "HEAD");
            QVERIFY2(answer.status == 200, answer.describe().constData());
        }
        const KeyUsage u = f.usage();
        QCOMPARE(u.billable, 2u);
        // Only the GET's body was sent.
        QCOMPARE(u.tokensIn, 12u);
        QCOMPARE(u.tokensOut, 40u);
        QCOMPARE(u.revenueMicros, Micros(2 * 1'000 + 66));
    }

    void aTokenLimitAnswers429UntilTheDebtIsPaid()
    {
        // 600 tokens a minute; each answer uses 500.
        Fixture f(tokenTier(600));
        f.ws.routes
            = { usageRoute("/gen", 100, 400), keyed(makeRoute("POST", "/plain", 200, "{}")) };
        QVERIFY2(f.start(), f.error.c_str());

        auto r = f.post("/gen");
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("RateLimit-Policy"), QByteArray("\"tokens\";q=600;w=60"));
        QCOMPARE(r.header("RateLimit"), QByteArray("\"tokens\";r=600;t=0"));
        // Post-paid: the second answer may overdraw what is left.
        r = f.post("/gen");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("RateLimit"), QByteArray("\"tokens\";r=100;t=50"));
        r = f.post("/gen");
        QVERIFY2(r.status == 429, r.describe().constData());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        QVERIFY2(r.body.contains("600 tokens per minute"), r.body.constData());
        // 1,000 tokens used: 400 of debt (40 s) and one token (0.1 s) more.
        QCOMPARE(r.header("Retry-After"), QByteArray("41"));
        QCOMPARE(r.header("RateLimit"), QByteArray("\"tokens\";r=0;t=100"));
        // Routes that do not count tokens are not held back.
        r = f.post("/plain");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.hasHeader("RateLimit"));

        f.clock->advance(40 * kSecond + 100'000'000 - 1);
        QCOMPARE(f.post("/gen").status, 429);
        f.clock->advance(1);
        r = f.post("/gen");
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.header("RateLimit"), QByteArray("\"tokens\";r=1;t=60"));

        const KeyUsage u = f.usage();
        QCOMPARE(u.requests, 4u); // three on /gen, one on /plain
        QCOMPARE(u.rejected, 2u);
        QCOMPARE(u.tokensIn, 300u);
        QCOMPARE(u.tokensOut, 1'200u);
    }

    void aWholeStreamIsBilledAsItsUsageChunkSays()
    {
        Fixture f(tokenTier(1'000'000));
        f.ws.routes = { tokenStream("/v1/chat/completions", 5'000) };
        QVERIFY2(f.start(), f.error.c_str());
        // curl reads the stream as a client would.
        QProcess curl;
        curl.start(QStringLiteral("curl"),
            { QStringLiteral("-sS"), QStringLiteral("-N"), QStringLiteral("--max-time"),
                QStringLiteral("10"), QStringLiteral("-H"),
                QString::fromLatin1(f.bearer().trimmed()), QStringLiteral("-H"),
                QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-binary"),
                QString::fromLatin1(chatBody(true)),
                QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(f.engine.port()) });
        QVERIFY(curl.waitForFinished(20'000));
        QCOMPARE(curl.exitCode(), 0);
        QJsonObject usage;
        for (const QByteArray& line : curl.readAllStandardOutput().split('\n')) {
            if (!line.startsWith("data: {"))
                continue;
            const QJsonObject chunk = QJsonDocument::fromJson(line.mid(6)).object();
            if (chunk.value(QStringLiteral("usage")).isObject())
                usage = chunk.value(QStringLiteral("usage")).toObject();
        }
        QVERIFY(!usage.isEmpty());
        const auto in
            = static_cast<std::uint64_t>(usage.value(QStringLiteral("prompt_tokens")).toInteger());
        const auto out = static_cast<std::uint64_t>(
            usage.value(QStringLiteral("completion_tokens")).toInteger());
        QCOMPARE(in, countTokens(kPrompt));
        QCOMPARE(out, countTokens(kCompletion));
        QTRY_COMPARE_WITH_TIMEOUT(f.usage().billable, 1u, 10'000);
        const KeyUsage u = f.usage();
        QCOMPARE(u.tokensIn, in);
        QCOMPARE(u.tokensOut, out);
        QCOMPARE(u.revenueMicros, charge(in, out));

        // The metrics carry the stream: one request, its events, its time to
        // the first event. Events: role, one per token, stop, usage, [DONE].
        const auto metering = f.engine.metering();
        const auto events = countTokens(kCompletion) + 4;
        const auto now = QDateTime::currentSecsSinceEpoch();
        RouteSummary route;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const MetricsView v = metering->live(now - 60, now + 60, 1, {});
                if (v.routes.empty())
                    return false;
                route = v.routes.front();
                return route.events == events;
            }(),
            10'000);
        QCOMPARE(route.count, 1u);
        QCOMPARE(route.streams, 1u);
        QCOMPARE(route.firstEvents, 1u);
        QVERIFY(route.firstEventUs > 0);
        QCOMPARE(route.tokensOut, out);
    }

    void aClientThatLeavesIsBilledForWhatItReceived()
    {
        // One token every 100 ms: the client leaves long before the end.
        Fixture f(tokenTier(1'000'000));
        f.ws.routes = { tokenStream("/v1/chat/completions", 10) };
        QVERIFY2(f.start(), f.error.c_str());
        rawhttp::RawClient c(10'000);
        QVERIFY(c.connectTo(f.engine.port()));
        c.send(rawhttp::request("POST", "/v1/chat/completions", f.jsonFields(), chatBody()));
        QByteArray received;
        // The role chunk (id 0, empty content), then content chunks 1 to 3:
        // three tokens.
        QVERIFY(c.readUntil("\nid: 3\n\n", &received));
        QVERIFY(received.startsWith("HTTP/1.1 200"));
        QCOMPARE(received.count("\"content\":\""), 4);
        QCOMPARE(received.count("\"content\":\"\""), 1);
        c.close();

        QTRY_COMPARE_WITH_TIMEOUT(f.usage().billable, 1u, 10'000);
        const KeyUsage u = f.usage();
        QCOMPARE(u.tokensOut, 3u);
        QCOMPARE(u.tokensIn, countTokens(kPrompt));
        QCOMPARE(u.revenueMicros, charge(countTokens(kPrompt), 3));
        // Billed as sent, debited as sent: the limit saw the same tokens.
        QVERIFY(countTokens(kCompletion) > 6);
    }

    void eventsNameTheirOwnTokens()
    {
        Fixture f(tokenTier(0));
        Route r;
        r.method = "GET";
        r.path = "/feed";
        r.responder = RouteResponder::Sse;
        r.sse.events = { { "", "{\"n\":{{stream.index}},\"usage\":{\"out\":{{stream.index}}}}", "",
                             0, 0 },
            { "", "{\"usage\":{\"in\":4,\"out\":10}}", "", 0, 0 }, { "", "not json", "", 0, 0 } };
        r.sse.heartbeatMs = 0;
        r.access.tokens = { "/usage/in", "/usage/out" };
        r.access.priceMicros = 0;
        f.ws.routes = { keyed(r) };
        QVERIFY2(f.start(), f.error.c_str());
        rawhttp::RawClient c;
        QVERIFY(c.connectTo(f.engine.port()));
        c.send(rawhttp::get("/feed", f.bearer()));
        QByteArray received;
        QVERIFY(c.readUntil("data: not json\n\n", &received));
        QTRY_COMPARE_WITH_TIMEOUT(f.usage().billable, 1u, 10'000);
        // Events 0 (out 0), 1 (in 4, out 10), 2 (nothing).
        QCOMPARE(f.usage().tokensIn, 4u);
        QCOMPARE(f.usage().tokensOut, 10u);
        QCOMPARE(f.usage().revenueMicros, charge(4, 10));
    }

    void anUpstreamStreamIsCountedAsItPasses()
    {
        // The upstream: another engine streaming tokens with a usage chunk.
        Workspace upstreamWs;
        Route stream = tokenStream("/v1/chat/completions", 5'000);
        stream.access = {};
        upstreamWs.routes = { stream };
        TestServer upstream(upstreamWs, 1);
        QVERIFY2(upstream.ok(), upstream.problems().constData());

        Fixture f(tokenTier(0));
        Route proxy;
        proxy.method = "POST";
        proxy.path = "/v1/chat/completions";
        proxy.responder = RouteResponder::Upstream;
        proxy.upstream.url = "http://127.0.0.1:" + std::to_string(upstream.port());
        proxy.access.tokens = { "/usage/prompt_tokens", "/usage/completion_tokens" };
        proxy.access.priceMicros = 0;
        f.ws.routes = { keyed(proxy) };
        QVERIFY2(f.start({}, { "127.0.0.0/8" }), f.error.c_str());
        rawhttp::RawClient c(10'000);
        QVERIFY(c.connectTo(f.engine.port()));
        c.send(rawhttp::request("POST", "/v1/chat/completions", f.jsonFields(), chatBody(true)));
        QByteArray received;
        QVERIFY(c.readUntil("data: [DONE]\n\n", &received));
        QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
        QVERIFY(received.contains("\"completion_tokens\":"));
        QTRY_COMPARE_WITH_TIMEOUT(f.usage().billable, 1u, 10'000);
        QCOMPARE(f.usage().tokensIn, countTokens(kPrompt));
        QCOMPARE(f.usage().tokensOut, countTokens(kCompletion));
    }
};

QTEST_GUILESS_MAIN(TestTokens)
#include "tst_tokens.moc"
