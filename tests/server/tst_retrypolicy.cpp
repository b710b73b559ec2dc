// Retries of upstream calls: which requests may be repeated (never a POST
// without Idempotency-Key), which results are worth it, capped exponential
// backoff with full jitter within its bounds, Retry-After honoured within
// the overall deadline.

#include "server/upstream/retrypolicy.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

using namespace tollgate::server;

namespace {

AttemptResult answered(int status, std::optional<std::int64_t> retryAfterMs = {})
{
    AttemptResult r;
    r.status = status;
    r.retryAfterMs = retryAfterMs;
    return r;
}

AttemptResult failed(AttemptResult::Failure failure)
{
    AttemptResult r;
    r.failure = failure;
    return r;
}

} // namespace

class TestRetryPolicy : public QObject {
    Q_OBJECT

private slots:
    void onlyRepeatableRequestsAreRepeated()
    {
        for (const char* m : { "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" }) {
            QVERIFY2(isIdempotentMethod(m), m);
            QVERIFY2(mayRepeat(m, false), m);
        }
        for (const char* m : { "POST", "PATCH", "CONNECT", "get" }) {
            QVERIFY2(!isIdempotentMethod(m), m);
            QVERIFY2(!mayRepeat(m, false), m);
            QVERIFY2(mayRepeat(m, true), m);
        }
        const RetrySettings s;
        // A POST without Idempotency-Key is never sent twice, whatever happened.
        for (const AttemptResult& r : { answered(503), answered(429, 0), failed(AttemptResult::Failure::Timeout),
                 failed(AttemptResult::Failure::Connect), failed(AttemptResult::Failure::Reset) }) {
            QVERIFY(!decideRetry(s, "POST", false, 1, r, 0, 0).retry);
            QVERIFY(decideRetry(s, "POST", true, 1, r, 0, 0).retry);
            QVERIFY(decideRetry(s, "GET", false, 1, r, 0, 0).retry);
        }
    }

    void onlyTransientResultsAreRetried()
    {
        for (int status : { 429, 502, 503, 504 })
            QVERIFY(isRetryable(answered(status)));
        for (int status : { 200, 201, 204, 301, 400, 401, 403, 404, 409, 500, 501, 505 })
            QVERIFY2(!isRetryable(answered(status)), qPrintable(QString::number(status)));
        QVERIFY(isRetryable(failed(AttemptResult::Failure::Connect)));
        QVERIFY(isRetryable(failed(AttemptResult::Failure::Timeout)));
        QVERIFY(isRetryable(failed(AttemptResult::Failure::Reset)));
        QVERIFY(!isRetryable(failed(AttemptResult::Failure::Protocol)));
    }

    void ceilingDoublesUpToTheCap()
    {
        RetrySettings s;
        s.baseDelayMs = 100;
        s.maxDelayMs = 1000;
        QCOMPARE(backoffCeilingMs(s, 1), std::int64_t(100));
        QCOMPARE(backoffCeilingMs(s, 2), std::int64_t(200));
        QCOMPARE(backoffCeilingMs(s, 3), std::int64_t(400));
        QCOMPARE(backoffCeilingMs(s, 4), std::int64_t(800));
        QCOMPARE(backoffCeilingMs(s, 5), std::int64_t(1000));
        QCOMPARE(backoffCeilingMs(s, 60), std::int64_t(1000));
    }

    void fullJitterStaysWithinItsBoundsAndSpreads()
    {
        RetrySettings s;
        s.baseDelayMs = 100;
        s.maxDelayMs = 2000;
        std::mt19937_64 random(42);
        for (int retry = 1; retry <= 6; ++retry) {
            const std::int64_t ceiling = backoffCeilingMs(s, retry);
            std::int64_t least = ceiling;
            std::int64_t most = 0;
            double sum = 0;
            constexpr int kDraws = 20000;
            for (int i = 0; i < kDraws; ++i) {
                const std::int64_t d = backoffDelayMs(s, retry, random());
                QVERIFY(d >= 0 && d <= ceiling);
                least = std::min(least, d);
                most = std::max(most, d);
                sum += double(d);
            }
            // Uniform over [0, ceiling]: both ends reached, the mean near the middle.
            QVERIFY(least <= ceiling / 50);
            QVERIFY(most >= ceiling - ceiling / 50);
            QVERIFY(std::abs(sum / kDraws - double(ceiling) / 2) < double(ceiling) * 0.03);
        }
        QCOMPARE(backoffDelayMs(s, 1, 0), std::int64_t(0));
        QCOMPARE(backoffDelayMs(s, 1, 100), std::int64_t(100));
        QCOMPARE(backoffDelayMs(s, 1, 101), std::int64_t(0));
    }

    void attemptsAreCapped()
    {
        RetrySettings s;
        s.maxAttempts = 3;
        QVERIFY(decideRetry(s, "GET", false, 1, answered(503), 0, 0).retry);
        QVERIFY(decideRetry(s, "GET", false, 2, answered(503), 0, 0).retry);
        QVERIFY(!decideRetry(s, "GET", false, 3, answered(503), 0, 0).retry);
        s.maxAttempts = 1;
        QVERIFY(!decideRetry(s, "GET", false, 1, answered(503), 0, 0).retry);
    }

    void retryAfterIsHonouredWithinTheDeadline()
    {
        RetrySettings s;
        s.baseDelayMs = 100;
        s.overallTimeoutMs = 5000;
        // Longer than the backoff: waited for.
        RetryDecision d = decideRetry(s, "GET", false, 1, answered(503, 2000), 500, 7);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, std::int64_t(2000));
        // Shorter: the jittered backoff (7 % 101).
        d = decideRetry(s, "GET", false, 1, answered(429, 0), 500, 7);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, std::int64_t(7));
        // Ending after the deadline: the answer stands.
        QVERIFY(!decideRetry(s, "GET", false, 1, answered(503, 4600), 500, 7).retry);
        QVERIFY(!decideRetry(s, "GET", false, 1, answered(503), 5000, 0).retry);
    }

    void retryAfterValues()
    {
        const std::int64_t now = std::int64_t(784111777) * 1000; // Sun, 06 Nov 1994 08:49:37 GMT
        QCOMPARE(parseRetryAfterMs("120", now), std::optional<std::int64_t>(120000));
        QCOMPARE(parseRetryAfterMs(" 0 ", now), std::optional<std::int64_t>(0));
        QCOMPARE(parseRetryAfterMs("Sun, 06 Nov 1994 08:50:07 GMT", now),
            std::optional<std::int64_t>(30000));
        QCOMPARE(parseRetryAfterMs("Sun, 06 Nov 1994 08:49:00 GMT", now),
            std::optional<std::int64_t>(0));
        for (const char* bad : { "", "-1", "1.5", "soon", "99999999999", "Sun, 06 Nov 1994 08:49:37",
                 "Sun, 06 Foo 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT" })
            QVERIFY2(!parseRetryAfterMs(bad, now), bad);
    }
};

QTEST_APPLESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
