// Token counting and the token limit's parts: counts read through JSON
// pointers, an event stream read in pieces cut anywhere, the post-paid cell
// (check, then debit), the charge per 1,000 tokens and the RateLimit fields.

#include "server/access/accessgate.h"
#include "server/access/gcra.h"
#include "server/access/ratelimitfields.h"
#include "server/stream/tokencount.h"
#include "server/stream/tokenstream.h"

#include <QTest>

#include <limits>
#include <string>

using namespace tollgate::server;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

constexpr std::string_view kUsage
    = R"({"id":"x","usage":{"prompt_tokens":12,"completion_tokens":40,"big":1e3,"neg":-4,"frac":2.5,"text":"7"}})";

TokenCounts feedAll(SseTokenReader& reader, std::string_view bytes, std::size_t cut)
{
    TokenCounts sum;
    for (const auto& piece : { bytes.substr(0, cut), bytes.substr(cut) }) {
        const TokenCounts c = reader.feed(piece);
        sum.input += c.input;
        sum.output += c.output;
    }
    return sum;
}

} // namespace

class TestTokenCount : public QObject {
    Q_OBJECT

private slots:
    void pointersReadWholeNumbers()
    {
        QCOMPARE(tokensInJson(kUsage, "/usage/prompt_tokens", "/usage/completion_tokens"),
            (TokenCounts { 12, 40 }));
        // A whole number written as a double counts; anything else counts 0.
        QCOMPARE(tokensInJson(kUsage, "/usage/big", "").input, 1000u);
        for (const char* p : { "/usage/neg", "/usage/frac", "/usage/text", "/usage", "/nope",
                 "/usage/prompt_tokens/0", "usage/prompt_tokens" })
            QVERIFY2(tokensInJson(kUsage, p, p) == TokenCounts {}, p);
        // Text that is not JSON cannot fail a request: it counts nothing.
        QCOMPARE(tokensInJson("{\"usage\": {", "/usage/prompt_tokens", "/x"), TokenCounts {});
        QCOMPARE(tokensInJson("", "/a", "/b"), TokenCounts {});
        // Escapes in a pointer (~1 is '/', ~0 is '~').
        QCOMPARE(tokensInJson(R"({"a/b":{"~":3}})", "/a~1b/~0", "").input, 3u);
    }

    void eventStreamCountsEachEventOnceWhereverItIsCut()
    {
        // OpenAI's shape: chunks without usage, then a usage chunk, then [DONE];
        // with CRLF and CR line ends, a comment and a data field split over lines.
        const std::string stream = ": keep-alive\r\n\r\n"
                                   "data: {\"choices\":[],\"usage\":null}\n\n"
                                   "event: x\rdata: {\"usage\":\rdata: {\"o\":5}}\r\r"
                                   "id: 3\ndata: {\"usage\":{\"i\":7,\"o\":30}}\n\n"
                                   "data: [DONE]\n\n";
        for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
            SseTokenReader reader("/usage/i", "/usage/o");
            const TokenCounts c = feedAll(reader, stream, cut);
            QVERIFY2(c == (TokenCounts { 7, 35 }), std::to_string(cut).c_str());
        }
        // One byte at a time, and an event still open at the end counts nothing yet.
        SseTokenReader reader("/usage/i", "/usage/o");
        TokenCounts sum;
        for (const char c : stream + "data: {\"usage\":{\"o\":1}}\n") {
            const TokenCounts add = reader.feed(std::string_view(&c, 1));
            sum.output += add.output;
            sum.input += add.input;
        }
        QCOMPARE(sum, (TokenCounts { 7, 35 }));
        QCOMPARE(reader.feed("\n").output, 1u);
    }

    void chunkTextIsCountedAndEventsAreCounted()
    {
        // LLM chunks carry text, not counts: its tokens count as output.
        const std::string stream
            = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
              "data: {\"choices\":[{\"delta\":{\"content\":\"Hello there\"}}]}\n\n"
              ": heartbeat\n\n"
              "data: {\"choices\":[{\"delta\":{\"content\":\", friend\"}}]}\n\n"
              "data: [DONE]\n\n";
        SseTokenReader reader("", "", "/choices/0/delta/content");
        QCOMPARE(reader.feed(stream), (TokenCounts { 0, countTokens("Hello there, friend") }));
        QCOMPARE(reader.events(), 4u); // the comment is not an event
        QCOMPARE(tokensOfTextAt(R"({"a":["x y z"]})", "/a/0"), countTokens("x y z"));
        QCOMPARE(tokensOfTextAt(R"({"a":3})", "/a"), 0u);
        QCOMPARE(tokensOfTextAt("nope", "/a"), 0u);
    }

    void overlongLinesAreSkipped()
    {
        SseTokenReader reader("", "/o");
        std::string line = "data: {\"o\":9,\"pad\":\"";
        line.append(SseTokenReader::kMaxLine, 'x');
        line += "\"}\n\ndata: {\"o\":2}\n\n";
        QCOMPARE(reader.feed(line).output, 2u);
    }

    void postPaidCellAdmitsUntilInDebt()
    {
        // 600 tokens a minute: 100 ms per token, a minute's worth at once.
        const GcraPolicy policy { 600, 600 };
        GcraCell cell;
        const std::int64_t t0 = 1000 * kSecond;
        GcraResult r = cell.check(policy, t0);
        QVERIFY(r.allowed);
        QCOMPARE(r.remaining, 600);
        cell.debit(policy, 550, t0);
        r = cell.check(policy, t0);
        QVERIFY(r.allowed);
        QCOMPARE(r.remaining, 50);
        // An answer may overdraw: the limit is post-paid.
        cell.debit(policy, 250, t0);
        r = cell.check(policy, t0);
        QVERIFY(!r.allowed);
        QCOMPARE(r.remaining, 0);
        // 800 tokens used, 600 allowed: 200 tokens of debt, 20 s, and one
        // token's worth more before the next request may start.
        const std::int64_t retry = 20 * kSecond + 100'000'000;
        QCOMPARE(r.retryAfterNs, retry);
        QCOMPARE(r.resetNs, 80 * kSecond);
        QVERIFY(!cell.check(policy, t0 + retry - 1).allowed);
        r = cell.check(policy, t0 + retry);
        QVERIFY(r.allowed);
        QCOMPARE(r.remaining, 1);
        QCOMPARE(cell.check(policy, t0 + 80 * kSecond).remaining, 600);
        // Checking takes nothing.
        QCOMPARE(cell.check(policy, t0 + 80 * kSecond).remaining, 600);
        // No limit: always admitted, debits ignored.
        GcraCell unlimited;
        unlimited.debit({ 0, 0 }, 1'000'000, t0);
        QVERIFY(unlimited.check({ 0, 0 }, t0).allowed);
    }

    void hugeDebitsSaturate()
    {
        const GcraPolicy policy { 1, 1 }; // one token a minute: 60 s each
        GcraCell cell;
        cell.debit(policy, std::numeric_limits<std::uint64_t>::max(), kSecond);
        cell.debit(policy, 1'000'000, kSecond);
        const GcraResult r = cell.check(policy, kSecond);
        QVERIFY(!r.allowed);
        QVERIFY(r.retryAfterNs > 0);
        QVERIFY(r.resetNs > 200LL * 365 * 24 * 3600 * kSecond);
    }

    void chargeIsPer1kRoundedToTheMicro()
    {
        Admission::Tokens t;
        t.inputPer1k = 500; // $0.0005 per 1,000
        t.outputPer1k = 1500;
        QCOMPARE(t.charge(0, 0), Micros(0));
        QCOMPARE(t.charge(1000, 1000), Micros(2000));
        QCOMPARE(t.charge(12, 40), Micros(66)); // 6 + 60
        QCOMPARE(t.charge(1, 0), Micros(1)); // 0.5 rounds up
        QCOMPARE(t.charge(0, 1), Micros(2)); // 1.5 rounds up
        t.inputPer1k = 1'000'000'000'000; // the highest price a tier may set
        t.outputPer1k = 0;
        QCOMPARE(t.charge(std::numeric_limits<std::uint64_t>::max(), 0),
            std::numeric_limits<Micros>::max());
    }

    void rateLimitFieldsNameTheTokenLimit()
    {
        std::string h;
        TokenLimitState tokens { { 600, 600 }, {} };
        tokens.state.remaining = 50;
        tokens.state.resetNs = 55 * kSecond + 1;
        formatRateLimitFields({ 60, 5 }, { true, 4, 0, 2 * kSecond }, 0, 0, 0, 0, &h, &tokens);
        QCOMPARE(QByteArray::fromStdString(h),
            QByteArray("RateLimit-Policy: \"minute\";q=60;w=60, \"tokens\";q=600;w=60\r\n"
                       "RateLimit: \"minute\";r=4;t=2, \"tokens\";r=50;t=56\r\n"));
        // The token limit alone.
        formatRateLimitFields({ 0, 1 }, {}, 0, 0, 0, 0, &h, &tokens);
        QCOMPARE(QByteArray::fromStdString(h),
            QByteArray("RateLimit-Policy: \"tokens\";q=600;w=60\r\n"
                       "RateLimit: \"tokens\";r=50;t=56\r\n"));
        // Without one nothing changes.
        formatRateLimitFields({ 60, 5 }, { true, 4, 0, 2 * kSecond }, 0, 0, 0, 0, &h);
        QCOMPARE(QByteArray::fromStdString(h),
            QByteArray(
                "RateLimit-Policy: \"minute\";q=60;w=60\r\nRateLimit: \"minute\";r=4;t=2\r\n"));
    }
};

QTEST_APPLESS_MAIN(TestTokenCount)
#include "tst_tokencount.moc"
