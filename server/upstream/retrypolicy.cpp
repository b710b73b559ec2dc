#include "server/upstream/retrypolicy.h"

#include "server/common/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

namespace tollgate::server {

namespace {

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 5.6.7), as ms since the epoch.
std::optional<std::int64_t> parseImfFixdate(std::string_view s)
{
    static constexpr std::array<std::string_view, 12> kMonths { "Jan", "Feb", "Mar", "Apr", "May",
        "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' '
        || s[16] != ' ' || s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
        return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length, int* out) {
        const char* begin = s.data() + at;
        const auto [end, err] = std::from_chars(begin, begin + length, *out);
        return err == std::errc() && end == begin + length;
    };
    int day = 0;
    int year = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    const auto month = std::find(kMonths.begin(), kMonths.end(), s.substr(8, 3));
    if (month == kMonths.end() || !number(5, 2, &day) || !number(12, 4, &year)
        || !number(17, 2, &hour) || !number(20, 2, &minute) || !number(23, 2, &second))
        return std::nullopt;
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::tm tm {};
    tm.tm_year = year - 1900;
    tm.tm_mon = int(month - kMonths.begin());
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return std::int64_t(timegm(&tm)) * 1000;
}

} // namespace

bool isIdempotentMethod(std::string_view method)
{
    for (const std::string_view m : { "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" }) {
        if (method == m)
            return true;
    }
    return false;
}

bool mayRepeat(std::string_view method, bool hasIdempotencyKey)
{
    return hasIdempotencyKey || isIdempotentMethod(method);
}

bool isRetryable(const AttemptResult& result)
{
    switch (result.failure) {
    case AttemptResult::Failure::None:
        break;
    case AttemptResult::Failure::Connect:
    case AttemptResult::Failure::Timeout:
    case AttemptResult::Failure::Reset:
        return true;
    case AttemptResult::Failure::Protocol:
    case AttemptResult::Failure::Refused:
    case AttemptResult::Failure::TooLarge:
        return false;
    }
    return result.status == 429 || result.status == 502 || result.status == 503
        || result.status == 504;
}

std::int64_t backoffCeilingMs(const RetrySettings& settings, int retry)
{
    const std::int64_t cap = std::max<std::int64_t>(0, settings.maxDelayMs);
    std::int64_t ceiling = std::max<std::int64_t>(0, settings.baseDelayMs);
    for (int i = 1; i < retry && ceiling < cap; ++i)
        ceiling *= 2;
    return std::min(ceiling, cap);
}

std::int64_t backoffDelayMs(const RetrySettings& settings, int retry, std::uint64_t random)
{
    const std::uint64_t span = std::uint64_t(backoffCeilingMs(settings, retry)) + 1;
    return std::int64_t(random % span);
}

std::optional<std::int64_t> parseRetryAfterMs(std::string_view value, std::int64_t nowUnixMs)
{
    value = trimBlanks(value);
    if (value.empty())
        return std::nullopt;
    if (value.front() >= '0' && value.front() <= '9') {
        std::int64_t seconds = 0;
        const auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (err != std::errc() || end != value.data() + value.size()
            || seconds > std::int64_t(365) * 24 * 3600)
            return std::nullopt;
        return seconds * 1000;
    }
    const std::optional<std::int64_t> at = parseImfFixdate(value);
    if (!at)
        return std::nullopt;
    return std::max<std::int64_t>(0, *at - nowUnixMs);
}

RetryDecision decideRetry(const RetrySettings& settings, std::string_view method,
    bool hasIdempotencyKey, int attempt, const AttemptResult& result, std::int64_t elapsedMs,
    std::uint64_t random)
{
    if (attempt >= settings.maxAttempts || !mayRepeat(method, hasIdempotencyKey)
        || !isRetryable(result))
        return {};
    std::int64_t delay = backoffDelayMs(settings, attempt, random);
    if (result.retryAfterMs)
        delay = std::max(delay, *result.retryAfterMs);
    if (elapsedMs + delay >= settings.overallTimeoutMs)
        return {};
    return { true, delay };
}

} // namespace tollgate::server
