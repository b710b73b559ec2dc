// Mustache templates: request data in scope, helpers, JSON-safe escaping and
// rendering from several threads.

#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>

using namespace tollgate::server;

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

RequestContext sampleRequest()
{
    RequestContext ctx;
    ctx.method = "POST";
    ctx.path = "/v1/users/42";
    ctx.params = { { "id", "42" } };
    ctx.query = parseQuery("expand=orders&page=2&page=3");
    ctx.headers = { { "x-api-key", "tg_dev_key" }, { "content-type", "application/json" } };
    ctx.body = "{\"name\":\"Ada\",\"age\":36,\"ratio\":0.25,\"admin\":true,\"gone\":null,"
               "\"address\":{\"city\":\"London\"},\"tags\":[\"math\",\"poetry\"],"
               "\"orders\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}";
    return ctx;
}

// Compiles and renders once; an empty string with a failure when it does not compile.
std::string renderOnce(const std::string& text, const RequestContext& ctx)
{
    Template t;
    std::string error;
    if (!t.compile(text, 1, &error)) {
        QTest::qFail(("compile failed: " + error).c_str(), __FILE__, __LINE__);
        return {};
    }
    return t.render(ctx, 0);
}

} // namespace

class TestTemplates : public QObject {
    Q_OBJECT

private slots:
    void requestFields_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("method and path")
            << QByteArray("{{request.method}} {{request.path}}") << QByteArray("POST /v1/users/42");
        QTest::newRow("param") << QByteArray("id={{request.params.id}}") << QByteArray("id=42");
        QTest::newRow("missing param")
            << QByteArray("[{{request.params.nope}}]") << QByteArray("[]");
        QTest::newRow("query first value")
            << QByteArray("{{request.query.expand}}/{{request.query.page}}")
            << QByteArray("orders/2");
        QTest::newRow("header") << QByteArray("{{request.headers.x-api-key}}")
                                << QByteArray("tg_dev_key");
        QTest::newRow("json string") << QByteArray("{{request.json.name}}") << QByteArray("Ada");
        QTest::newRow("json integer") << QByteArray("{{request.json.age}}") << QByteArray("36");
        QTest::newRow("json double") << QByteArray("{{request.json.ratio}}") << QByteArray("0.25");
        QTest::newRow("json nested")
            << QByteArray("{{request.json.address.city}}") << QByteArray("London");
        QTest::newRow("json null") << QByteArray("[{{request.json.gone}}]") << QByteArray("[]");
        QTest::newRow("json bool section")
            << QByteArray("{{#request.json.admin}}admin{{/request.json.admin}}")
            << QByteArray("admin");
        QTest::newRow("json array")
            << QByteArray("{{#request.json.tags}}<{{.}}>{{/request.json.tags}}")
            << QByteArray("<math><poetry>");
        QTest::newRow("json array of objects")
            << QByteArray("{{#request.json.orders}}{{sku}};{{/request.json.orders}}")
            << QByteArray("a;b;");
        QTest::newRow("json object section")
            << QByteArray("{{#request.json.address}}in {{city}}{{/request.json.address}}")
            << QByteArray("in London");
        QTest::newRow("json array index")
            << QByteArray("{{request.json.orders.1.sku}}|{{request.json.tags.0}}")
            << QByteArray("b|math");
        QTest::newRow("json bad index")
            << QByteArray("[{{request.json.tags.2}}{{request.json.tags.x}}]") << QByteArray("[]");
        QTest::newRow("request section")
            << QByteArray("{{#request}}{{method}} {{params.id}} {{json.name}}{{/request}}")
            << QByteArray("POST 42 Ada");
        QTest::newRow("query object section")
            << QByteArray("{{#request.query}}{{expand}}{{/request.query}}") << QByteArray("orders");
        QTest::newRow("outer name inside section") << QByteArray(
            "{{#request.json.tags}}{{.}}@{{request.params.id}} {{/request.json.tags}}")
                                                   << QByteArray("math@42 poetry@42 ");
        QTest::newRow("partials are inert")
            << QByteArray("[{{>request}}{{>request.body}}]") << QByteArray("[]");
        QTest::newRow("unknown top level")
            << QByteArray("[{{nope}}{{uuid.x}}]") << QByteArray("[]");
        QTest::newRow("raw body") << QByteArray("{{{request.body}}}")
                                  << bytes(sampleRequest().body);
        QTest::newRow("mixed") << QByteArray(
            "{\"id\":{{request.params.id}},\"name\":\"{{request.json.name}}\"}")
                               << QByteArray("{\"id\":42,\"name\":\"Ada\"}");
    }

    void requestFields()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        const RequestContext ctx = sampleRequest();
        QCOMPARE(bytes(renderOnce(text.toStdString(), ctx)), expected);
    }

    void nonJsonBodyHasNoJson()
    {
        RequestContext ctx;
        ctx.body = "name=Ada";
        QCOMPARE(bytes(renderOnce("{{^request.json}}none{{/request.json}}|{{request.body}}", ctx)),
            QByteArray("none|name=Ada"));
    }

    void uuidFormat()
    {
        Template t;
        QVERIFY(t.compile("{{uuid}}", 1, nullptr));
        QVERIFY(!t.isStatic());
        const QRegularExpression v4(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        const RequestContext ctx;
        std::set<std::string> seen;
        for (int i = 0; i < 200; ++i) {
            const std::string id = t.render(ctx, 0);
            QVERIFY2(v4.match(QString::fromStdString(id)).hasMatch(), id.c_str());
            seen.insert(id);
        }
        QCOMPARE(seen.size(), std::size_t(200));

        // Each tag is a fresh id, also inside one render.
        Template two;
        QVERIFY(two.compile("{{uuid}} {{uuid}}", 1, nullptr));
        const std::string both = two.render(ctx, 0);
        QCOMPARE(both.size(), std::size_t(73));
        QVERIFY2(both.substr(0, 36) != both.substr(37), both.c_str());
    }

    void nowAndTimestamp()
    {
        const RequestContext ctx;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const std::string now = renderOnce("{{now}}", ctx);
        const std::string stamp = renderOnce("{{timestamp}}", ctx);
        const qint64 after = QDateTime::currentMSecsSinceEpoch();

        const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));
        QVERIFY2(iso.match(QString::fromStdString(now)).hasMatch(), now.c_str());
        const QDateTime parsed
            = QDateTime::fromString(QString::fromStdString(now), Qt::ISODateWithMs);
        QVERIFY(parsed.isValid());
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
        QVERIFY(parsed.toMSecsSinceEpoch() >= before - 1);
        QVERIFY(parsed.toMSecsSinceEpoch() <= after + 1);

        bool ok = false;
        const qint64 seconds = QByteArray::fromStdString(stamp).toLongLong(&ok);
        QVERIFY2(ok, stamp.c_str());
        QVERIFY(seconds >= before / 1000);
        QVERIFY(seconds <= after / 1000);
    }

    void randomInt_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::newRow("space") << QByteArray("{{#randomInt}}10 20{{/randomInt}}") << 10 << 20;
        QTest::newRow("dash") << QByteArray("{{#randomInt}}10-20{{/randomInt}}") << 10 << 20;
        QTest::newRow("comma") << QByteArray("{{#randomInt}} 3, 5 {{/randomInt}}") << 3 << 5;
        QTest::newRow("negative") << QByteArray("{{#randomInt}}-5 5{{/randomInt}}") << -5 << 5;
        QTest::newRow("swapped") << QByteArray("{{#randomInt}}9 7{{/randomInt}}") << 7 << 9;
        QTest::newRow("single") << QByteArray("{{#randomInt}}4{{/randomInt}}") << 0 << 4;
        QTest::newRow("empty") << QByteArray("{{#randomInt}}{{/randomInt}}") << 0 << 100;
        QTest::newRow("variable") << QByteArray("{{randomInt}}") << 0 << 100;
        QTest::newRow("invalid") << QByteArray("{{#randomInt}}ten twenty{{/randomInt}}") << 0
                                 << 100;
        QTest::newRow("trailing junk")
            << QByteArray("{{#randomInt}}1 2 3{{/randomInt}}") << 0 << 100;
    }

    void randomInt()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, low);
        QFETCH(int, high);
        Template t;
        std::string error;
        QVERIFY2(t.compile(text.toStdString(), 1, &error), error.c_str());
        const RequestContext ctx;
        std::set<int> seen;
        for (int i = 0; i < 1000; ++i) {
            const std::string out = t.render(ctx, 0);
            bool ok = false;
            const int value = QByteArray::fromStdString(out).toInt(&ok);
            QVERIFY2(ok, out.c_str());
            QVERIFY2(value >= low && value <= high, out.c_str());
            seen.insert(value);
        }
        // Uniform over at most 101 values: 1000 draws hit both ends.
        QCOMPARE(*seen.begin(), low);
        QCOMPARE(*seen.rbegin(), high);
    }

    void jsonEscapingKeepsJsonValid()
    {
        RequestContext ctx;
        const std::string nasty = "he said \"hi\"\nthen\\left\t<b>&amp;</b> \x01 caf\xc3\xa9";
        ctx.headers = { { "x-note", nasty } };
        ctx.body = "{\"text\":\"line1\\nline2 \\\"quoted\\\"\"}";
        const std::string out = renderOnce(
            "{\"note\":\"{{request.headers.x-note}}\",\"text\":\"{{request.json.text}}\"}", ctx);

        boost::system::error_code ec;
        const auto parsed = boost::json::parse(out, ec);
        QVERIFY2(!ec, out.c_str());
        QCOMPARE(bytes(std::string(parsed.at("note").as_string())), bytes(nasty));
        QCOMPARE(bytes(std::string(parsed.at("text").as_string())),
            QByteArray("line1\nline2 \"quoted\""));
        // JSON escaping, not HTML entities.
        QVERIFY(bytes(out).contains("<b>&amp;</b>"));
        QVERIFY(bytes(out).contains("\\u0001"));
    }

    void tripleMustacheIsRaw()
    {
        RequestContext ctx;
        ctx.body = "{\"a\":[1,\"x\"]}";
        const std::string out
            = renderOnce("{\"echo\":{{{request.body}}},\"amp\":{{& request.body}}}", ctx);
        QCOMPARE(bytes(out), QByteArray("{\"echo\":{\"a\":[1,\"x\"]},\"amp\":{\"a\":[1,\"x\"]}}"));
        boost::system::error_code ec;
        boost::json::parse(out, ec);
        QVERIFY(!ec);
        // The escaped form of the same value differs.
        QCOMPARE(
            bytes(renderOnce("{{request.body}}", ctx)), QByteArray("{\\\"a\\\":[1,\\\"x\\\"]}"));
    }

    void syntaxErrorIsReported_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("unclosed section") << QByteArray("{\"a\":\"{{#request.query}}x\"}");
        QTest::newRow("stray close") << QByteArray("x{{/request}}");
        QTest::newRow("unclosed tag") << QByteArray("{{request.method");
        QTest::newRow("mismatched") << QByteArray("{{#a}}{{/b}}");
    }

    void syntaxErrorIsReported()
    {
        QFETCH(QByteArray, text);
        Template t;
        std::string error;
        QVERIFY(!t.compile(text.toStdString(), 4, &error));
        QVERIFY(!error.empty());
    }

    void staticText()
    {
        Template t;
        std::string error = "untouched";
        const std::string text = "{\"ok\":true,\"braces\":\"{ } {x} }}\"}";
        QVERIFY(t.compile(text, 4, &error));
        QCOMPARE(bytes(error), QByteArray("untouched"));
        QVERIFY(t.isStatic());
        QCOMPARE(bytes(t.text()), bytes(text));
        QCOMPARE(bytes(t.render(RequestContext {}, 3)), bytes(text));

        QVERIFY(t.compile("{{request.method}}", 1, nullptr));
        QVERIFY(!t.isStatic());
        QVERIFY(t.compile("", 1, nullptr)); // recompiling resets
        QVERIFY(t.isStatic());
        QCOMPARE(bytes(t.render(RequestContext {}, 0)), QByteArray());

        Template defaulted;
        QVERIFY(defaulted.isStatic());
        QCOMPARE(bytes(defaulted.render(RequestContext {}, 0)), QByteArray());
    }

    void moveKeepsCompiledState()
    {
        Template a;
        QVERIFY(a.compile("{{request.params.id}}!", 2, nullptr));
        Template b(std::move(a));
        RequestContext ctx;
        ctx.params = { { "id", "7" } };
        QCOMPARE(bytes(b.render(ctx, 1)), QByteArray("7!"));
        Template c;
        c = std::move(b);
        QCOMPARE(bytes(c.render(ctx, 0)), QByteArray("7!"));
    }

    void slotsOutOfRangeAreSafe()
    {
        Template t;
        QVERIFY(t.compile("{{request.method}}", 3, nullptr));
        RequestContext ctx;
        ctx.method = "PUT";
        QCOMPARE(bytes(t.render(ctx, 7)), QByteArray("PUT"));
        QCOMPARE(bytes(t.render(ctx, -1)), QByteArray("PUT"));
    }

    void concurrentRendering()
    {
        constexpr int threadCount = 8;
        constexpr int rounds = 1500;
        Template t;
        std::string error;
        QVERIFY2(t.compile(
                     "{\"id\":\"{{request.params.id}}\",\"q\":\"{{request.query.q}}\","
                     "\"n\":{{#randomInt}}1 9{{/randomInt}},"
                     "\"items\":[{{#request.json.items}}\"{{.}}\",{{/request.json.items}}\"end\"]}",
                     threadCount, &error),
            error.c_str());

        std::atomic<int> failures { 0 };
        std::vector<std::string> firstFailure(threadCount);
        std::vector<std::thread> threads;
        for (int slot = 0; slot < threadCount; ++slot) {
            threads.emplace_back([&, slot] {
                const std::string id = "user-" + std::to_string(slot);
                for (int i = 0; i < rounds; ++i) {
                    RequestContext ctx;
                    ctx.params = { { "id", id } };
                    ctx.query = { { "q", std::to_string(i) } };
                    ctx.body = "{\"items\":[\"" + id + "\",\"" + std::to_string(i) + "\"]}";
                    const std::string out = t.render(ctx, slot);
                    const std::string head
                        = "{\"id\":\"" + id + "\",\"q\":\"" + std::to_string(i) + "\",\"n\":";
                    const std::string tail
                        = ",\"items\":[\"" + id + "\",\"" + std::to_string(i) + "\",\"end\"]}";
                    const bool ok = out.size() == head.size() + 1 + tail.size()
                        && out.compare(0, head.size(), head) == 0
                        && out.compare(out.size() - tail.size(), tail.size(), tail) == 0
                        && out[head.size()] >= '1' && out[head.size()] <= '9';
                    if (!ok && failures.fetch_add(1) == 0)
                        firstFailure[std::size_t(slot)] = out;
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QString detail;
        for (const auto& f : firstFailure) {
            if (!f.empty())
                detail = QString::fromStdString(f);
        }
        QVERIFY2(failures.load() == 0, qPrintable(detail));
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
