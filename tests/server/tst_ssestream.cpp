// Server-Sent Events without a socket: the wire format, the token splitter,
// OpenAI's chunk shape, {{stream.index}} and the route file's "sse" object.

#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"
#include "server/stream/sseformat.h"
#include "server/stream/tokenstream.h"
#include "server/workspace/routefile.h"

#include <QTest>

#include <boost/json/parse.hpp>

#include <string>
#include <vector>

using namespace tollgate::server;

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

std::string sseEvent(std::string_view type, std::string_view data, std::string_view id, int retry)
{
    std::string out;
    appendSseEvent(out, type, data, id, retry);
    return out;
}

} // namespace

class TestSseStream : public QObject {
    Q_OBJECT

private slots:
    void eventFields_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<int>("retry");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("data only") << QByteArray() << QByteArray("hello") << QByteArray() << 0
                                   << QByteArray("data: hello\n\n");
        QTest::newRow("all fields")
            << QByteArray("tick") << QByteArray("{\"n\":1}") << QByteArray("7") << 3000
            << QByteArray("event: tick\ndata: {\"n\":1}\nid: 7\nretry: 3000\n\n");
        // Each line of the data is a data line, whatever ends it.
        QTest::newRow("lines") << QByteArray() << QByteArray("a\nb\r\nc\rd") << QByteArray() << 0
                               << QByteArray("data: a\ndata: b\ndata: c\ndata: d\n\n");
        // A trailing line break survives the round trip as an empty line.
        QTest::newRow("trailing newline") << QByteArray() << QByteArray("a\n") << QByteArray() << 0
                                          << QByteArray("data: a\ndata: \n\n");
        // Empty data still dispatches an event.
        QTest::newRow("empty") << QByteArray("ping") << QByteArray() << QByteArray() << 0
                               << QByteArray("event: ping\ndata: \n\n");
        // A line break in a one-line field cannot start a field of its own.
        QTest::newRow("smuggled field")
            << QByteArray("a\nretry: 1") << QByteArray("x") << QByteArray("1\r\nevent: evil") << 0
            << QByteArray("event: aretry: 1\ndata: x\nid: 1event: evil\n\n");
    }
    void eventFields()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, id);
        QFETCH(int, retry);
        QFETCH(QByteArray, wire);
        QCOMPARE(
            bytes(sseEvent(type.toStdString(), data.toStdString(), id.toStdString(), retry)), wire);
    }

    void tokensJoinBackToTheText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("tokens");
        QTest::newRow("words") << QByteArray("Hello, world!")
                               << QList<QByteArray> { "Hello", ",", " world", "!" };
        QTest::newRow("long word cut")
            << QByteArray("internationalization") // 20 bytes: 6 + 6, then 8 whole
            << QList<QByteArray> { "intern", "ationa", "lization" };
        QTest::newRow("eight bytes whole")
            << QByteArray("abcdefgh ij") << QList<QByteArray> { "abcdefgh", " ij" };
        QTest::newRow("newlines and spaces")
            << QByteArray("a\n\n  b ") << QList<QByteArray> { "a", "\n", "\n", "  b", " " };
        // 12 bytes; "é" is bytes 5 and 6, so the cut after 6 bytes moves on to 7.
        QTest::newRow("utf-8 not cut inside a character") << QByteArray(
            "abcde\xc3\xa9"
            "fghij") << QList<QByteArray> { "abcde\xc3\xa9", "fghij" };
        QTest::newRow("empty") << QByteArray() << QList<QByteArray> {};
    }
    void tokensJoinBackToTheText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, tokens);
        const std::string t = text.toStdString();
        const auto got = splitTokens(t);
        QList<QByteArray> list;
        QByteArray joined;
        for (const auto token : got) {
            list.append(QByteArray(token.data(), static_cast<qsizetype>(token.size())));
            joined += list.back();
        }
        QCOMPARE(list, tokens);
        QCOMPARE(joined, text);
        QCOMPARE(countTokens(t), got.size());
    }

    void proseIsAboutFourCharactersAToken()
    {
        const std::string prose
            = "Tollgate streams a completion the way a language model API does: one small "
              "piece at a time, each a JSON chunk, and a final marker when it is done. "
              "Builders price such APIs by the token, not by the request.";
        const double perToken
            = static_cast<double>(prose.size()) / static_cast<double>(countTokens(prose));
        QVERIFY2(perToken > 3.5 && perToken < 6.0, QByteArray::number(perToken));
    }

    void chatChunksHaveOpenAisShape()
    {
        namespace json = boost::json;
        const auto parse = [](const std::string& s) { return json::parse(s).as_object(); };
        ChatChunk c { ChatChunk::Kind::Role, "chatcmpl-1", 1700000000, "m", {} };
        auto role = parse(chatChunkJson(c));
        QCOMPARE(role.at("object").as_string(), "chat.completion.chunk");
        QCOMPARE(role.at("id").as_string(), "chatcmpl-1");
        QCOMPARE(role.at("created").as_int64(), 1700000000);
        const auto& roleChoice = role.at("choices").as_array().at(0).as_object();
        QCOMPARE(roleChoice.at("delta").at("role").as_string(), "assistant");
        QVERIFY(roleChoice.at("finish_reason").is_null());

        c.kind = ChatChunk::Kind::Content;
        c.content = "say \"hi\"\n";
        auto content = parse(chatChunkJson(c));
        QCOMPARE(content.at("choices").at(0).at("delta").at("content").as_string(), "say \"hi\"\n");

        c.kind = ChatChunk::Kind::Stop;
        auto stop = parse(chatChunkJson(c));
        QCOMPARE(stop.at("choices").at(0).at("finish_reason").as_string(), "stop");
        QVERIFY(stop.at("choices").at(0).at("delta").as_object().empty());

        auto usage = parse(chatUsageChunkJson("chatcmpl-1", 1, "m", 12, 30));
        QVERIFY(usage.at("choices").as_array().empty());
        QCOMPARE(usage.at("usage").at("total_tokens").as_int64(), 42);
    }

    void streamIndexInTemplates()
    {
        Template t;
        std::string error;
        QVERIFY(t.compile("{\"n\":{{stream.index}}}", 1, &error));
        RequestContext ctx;
        ctx.streamIndex = 41;
        QCOMPARE(bytes(t.render(ctx, 0)), QByteArray("{\"n\":41}"));
        // Outside a stream it renders nothing.
        ctx.streamIndex = -1;
        QCOMPARE(bytes(t.render(ctx, 0)), QByteArray("{\"n\":}"));
    }

    void routeFileRoundTrip()
    {
        Route r;
        r.method = "GET";
        r.path = "/feed";
        r.responder = RouteResponder::Sse;
        r.sse.events = { { "tick", "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, 1000 },
            { "", "last", "", 5000, 0 } };
        r.sse.repeat = true;
        r.sse.heartbeatMs = 2000;
        const std::string text = routeToJson(r);
        Route back;
        std::vector<Diagnostic> errors;
        QVERIFY2(routeFromJson(text, "get-feed.json", &back, &errors), bytes(text));
        back.fileName.clear();
        QVERIFY(back == r);

        Route tokens;
        tokens.method = "POST";
        tokens.path = "/v1/chat/completions";
        tokens.responder = RouteResponder::Sse;
        tokens.sse.mode = SseMode::Tokens;
        tokens.sse.text = "Hello {{request.json.user}}";
        tokens.sse.tokensPerSecond = 80;
        tokens.sse.tokensPerChunk = 3;
        QVERIFY(routeFromJson(routeToJson(tokens), "x.json", &back, &errors));
        back.fileName.clear();
        QVERIFY(back == tokens);
        QVERIFY(errors.empty());

        // Back to events with the text cleared: the token settings stay.
        tokens.sse.mode = SseMode::Events;
        tokens.sse.text.clear();
        tokens.sse.events = { { "", "x", "", 0, 0 } };
        QVERIFY(routeFromJson(routeToJson(tokens), "x.json", &back, &errors));
        back.fileName.clear();
        QCOMPARE(back.sse.tokensPerSecond, 80.0);
        QCOMPARE(back.sse.tokensPerChunk, 3);
        QVERIFY(back == tokens);
    }

    void routeFileErrors_data()
    {
        QTest::addColumn<QByteArray>("sse");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no sse object") << QByteArray() << QByteArray("an SSE route needs");
        QTest::newRow("no events")
            << QByteArray(R"("sse":{"events":[]})") << QByteArray("needs at least one event");
        QTest::newRow("bad mode") << QByteArray(R"("sse":{"mode":"video","events":[{"data":"x"}]})")
                                  << QByteArray("unknown mode \"video\"");
        QTest::newRow("two-line id")
            << QByteArray(R"("sse":{"events":[{"data":"x","id":"1\nretry: 5"}]})")
            << QByteArray("\"id\" must be one line");
        QTest::newRow("heartbeat too short")
            << QByteArray(R"("sse":{"events":[{"data":"x"}],"heartbeatMs":5})")
            << QByteArray("\"heartbeatMs\" must be 0 (none) or at least 100");
        QTest::newRow("zero rate")
            << QByteArray(R"("sse":{"mode":"tokens","tokens":{"text":"x","tokensPerSecond":0}})")
            << QByteArray("\"tokensPerSecond\" must be a number");
    }
    void routeFileErrors()
    {
        QFETCH(QByteArray, sse);
        QFETCH(QByteArray, message);
        const QByteArray text = R"({"schemaVersion":1,"method":"GET","path":"/s","responder":"sse")"
            + (sse.isEmpty() ? QByteArray() : ',' + sse) + '}';
        Route r;
        std::vector<Diagnostic> errors;
        QVERIFY(!routeFromJson(text.toStdString(), "s.json", &r, &errors));
        QVERIFY(!errors.empty());
        QByteArray all;
        for (const auto& d : errors)
            all += QByteArray::fromStdString(d.toString()) + '\n';
        QVERIFY2(all.contains(message), all);
    }
};

QTEST_GUILESS_MAIN(TestSseStream)
#include "tst_ssestream.moc"
