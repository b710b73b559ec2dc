// WebSocket routes without a socket: the route file's "websocket" object
// (round trip and errors), rule matching and the {{message}} templates.

#include "server/routing/requestcontext.h"
#include "server/routing/routetable.h"
#include "server/routing/templating.h"
#include "server/workspace/routefile.h"

#include <QTest>

#include <boost/json/parse.hpp>

using namespace tollgate::server;

class TestWsRoute : public QObject {
    Q_OBJECT

private slots:
    void roundTrip()
    {
        Route r;
        r.method = "GET";
        r.path = "/live";
        r.responder = RouteResponder::WebSocket;
        r.websocket.onOpen = { { "hello {{request.query.name}}", 0 }, { "later", 250 } };
        WsRule rule;
        rule.match = WsMatch::Regex;
        rule.pointer = "/type";
        rule.value = "^sub";
        rule.replies = { { "ok", 0 }, { "again", 10 } };
        rule.audience = WsAudience::Everyone;
        rule.closeCode = 4000;
        rule.closeReason = "done";
        r.websocket.rules.push_back(rule);
        r.websocket.echo = false;
        r.websocket.maxMessageBytes = 4096;
        r.websocket.frameBytes = 512;
        r.websocket.idleTimeoutMs = 0;
        Route back;
        std::vector<Diagnostic> errors;
        const std::string text = routeToJson(r);
        QVERIFY2(routeFromJson(text, "get-live.json", &back, &errors), text.c_str());
        back.fileName.clear();
        QVERIFY(back.websocket == r.websocket);
        QVERIFY(back.responder == RouteResponder::WebSocket);
        // A route that stopped being a WebSocket route keeps its script.
        r.responder = RouteResponder::Designed;
        QVERIFY(routeFromJson(routeToJson(r), "x.json", &back, &errors));
        QVERIFY(back.responder == RouteResponder::Designed);
        QVERIFY(back.websocket == r.websocket);
    }

    void routeFileErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("ws");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("not GET") << QByteArray("POST") << QByteArray("{}")
                                 << QByteArray("a WebSocket route's method is GET");
        QTest::newRow("reserved close code")
            << QByteArray("GET")
            << QByteArray(
                   "{\"rules\":[{\"match\":\"any\",\"replies\":[],\"close\":{\"code\":1005}}]}")
            << QByteArray("close code 1005 cannot be sent");
        QTest::newRow("close without code")
            << QByteArray("GET")
            << QByteArray("{\"rules\":[{\"match\":\"any\",\"close\":{\"reason\":\"x\"}}]}")
            << QByteArray("\"close\" needs a \"code\"");
        QTest::newRow("bad regex")
            << QByteArray("GET")
            << QByteArray("{\"rules\":[{\"match\":\"regex\",\"value\":\"(a\"}]}")
            << QByteArray("invalid regular expression");
        QTest::newRow("bad match")
            << QByteArray("GET") << QByteArray("{\"rules\":[{\"match\":\"like\",\"value\":\"a\"}]}")
            << QByteArray("unknown match \"like\"");
        QTest::newRow("bad audience")
            << QByteArray("GET") << QByteArray("{\"rules\":[{\"match\":\"any\",\"to\":\"all\"}]}")
            << QByteArray("unknown audience \"all\"");
        QTest::newRow("pointer") << QByteArray(
            "GET") << QByteArray("{\"rules\":[{\"match\":\"any\",\"pointer\":\"type\"}]}")
                                 << QByteArray("it starts with '/'");
        QTest::newRow("message without text")
            << QByteArray("GET") << QByteArray("{\"onOpen\":[{\"delayMs\":5}]}")
            << QByteArray("a message needs \"text\"");
        QTest::newRow("idle too short") << QByteArray("GET") << QByteArray("{\"idleTimeoutMs\":5}")
                                        << QByteArray("must be 0 (never) or at least 200");
        QTest::newRow("no message size")
            << QByteArray("GET") << QByteArray("{\"maxMessageBytes\":0}")
            << QByteArray("\"maxMessageBytes\"");
    }
    void routeFileErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, ws);
        QFETCH(QByteArray, message);
        const QByteArray text = "{\"schemaVersion\":1,\"method\":\"" + method
            + "\",\"path\":\"/s\",\"responder\":\"websocket\",\"websocket\":" + ws + '}';
        Route r;
        std::vector<Diagnostic> errors;
        QVERIFY(!routeFromJson(text.toStdString(), "s.json", &r, &errors));
        QByteArray all;
        for (const auto& d : errors)
            all += QByteArray::fromStdString(d.toString()) + '\n';
        QVERIFY2(all.contains(message), all);
    }

    void rulesMatch_data()
    {
        QTest::addColumn<int>("match");
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("matches");
        const int equals = static_cast<int>(WsMatch::Equals);
        const int contains = static_cast<int>(WsMatch::Contains);
        const int regex = static_cast<int>(WsMatch::Regex);
        const int any = static_cast<int>(WsMatch::Any);
        QTest::newRow("equals") << equals << QByteArray() << QByteArray("hi") << QByteArray("hi")
                                << true;
        QTest::newRow("equals not")
            << equals << QByteArray() << QByteArray("hi") << QByteArray("hi!") << false;
        QTest::newRow("contains") << contains << QByteArray() << QByteArray("lo w")
                                  << QByteArray("hello world") << true;
        QTest::newRow("regex") << regex << QByteArray() << QByteArray("^\\d+$") << QByteArray("123")
                               << true;
        QTest::newRow("regex not")
            << regex << QByteArray() << QByteArray("^\\d+$") << QByteArray("12a") << false;
        QTest::newRow("pointer string") << equals << QByteArray("/type") << QByteArray("ping")
                                        << QByteArray("{\"type\":\"ping\"}") << true;
        QTest::newRow("pointer number")
            << equals << QByteArray("/n") << QByteArray("1.5") << QByteArray("{\"n\":1.5}") << true;
        QTest::newRow("pointer missing") << any << QByteArray("/type") << QByteArray()
                                         << QByteArray("{\"kind\":\"ping\"}") << false;
        QTest::newRow("pointer, not JSON")
            << any << QByteArray("/type") << QByteArray() << QByteArray("ping") << false;
        QTest::newRow("any") << any << QByteArray() << QByteArray() << QByteArray("x") << true;
    }
    void rulesMatch()
    {
        QFETCH(int, match);
        QFETCH(QByteArray, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, message);
        QFETCH(bool, matches);
        Workspace ws;
        Route r;
        r.path = "/live";
        r.responder = RouteResponder::WebSocket;
        WsRule rule;
        rule.match = static_cast<WsMatch>(match);
        rule.pointer = pointer.toStdString();
        rule.value = value.toStdString();
        r.websocket.rules.push_back(rule);
        ws.routes.push_back(r);
        std::vector<Diagnostic> errors;
        const auto table = RouteTable::build(ws, 1, &errors);
        QVERIFY(errors.empty());
        QCOMPARE(table->routes().size(), std::size_t { 1 });
        const CompiledWs& script = *table->routes().front()->websocket;
        RequestContext ctx;
        ctx.setMessage(message.toStdString());
        QCOMPARE(script.rules.front().matches(ctx.message, ctx.messageJson()), matches);
    }

    void messageTemplates()
    {
        Template t;
        std::string error;
        QVERIFY(t.compile(
            "{{message}}|{{message.json.user.name}}|{{{message}}}|{{stream.index}}", 1, &error));
        RequestContext ctx;
        QCOMPARE(t.render(ctx, 0), std::string("|||"));
        const std::string message = "{\"user\":{\"name\":\"Ada \\\"L\\\"\"}}";
        ctx.setMessage(message);
        ctx.streamIndex = 3;
        const std::string escaped = "{\\\"user\\\":{\\\"name\\\":\\\"Ada \\\\\\\"L\\\\\\\"\\\"}}";
        QCOMPARE(t.render(ctx, 0), escaped + "|Ada \\\"L\\\"|" + message + "|3");
        // A new message is parsed again.
        ctx.setMessage("{\"user\":{\"name\":\"Grace\"}}");
        const std::string again = t.render(ctx, 0);
        QCOMPARE(again.substr(again.find('|') + 1, 6), std::string("Grace|"));
    }
};

QTEST_GUILESS_MAIN(TestWsRoute)
#include "tst_wsroute.moc"
