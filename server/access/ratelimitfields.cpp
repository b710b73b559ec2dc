#include "server/access/ratelimitfields.h"

#include "server/access/usage.h"

#include <charconv>
#include <ctime>

namespace tollgate::server {

void formatRateLimitFields(const GcraPolicy& policy, const GcraResult& rate, std::int64_t quota,
    std::uint64_t used, std::int64_t untilMonthEnd, std::int64_t nowSec, std::string* out,
    const TokenLimitState* tokens)
{
    std::string& h = *out;
    h.clear();
    const bool minute = policy.perMinute > 0;
    const bool month = quota > 0;
    const bool perToken = tokens && tokens->policy.perMinute > 0;
    if (!minute && !month && !perToken)
        return;
    auto number = [&h](std::int64_t n) {
        char buffer[24];
        const auto r = std::to_chars(buffer, buffer + sizeof buffer, n);
        h.append(buffer, r.ptr);
    };
    h.append("RateLimit-Policy: ");
    if (minute) {
        h.append("\"minute\";q=");
        number(policy.perMinute);
        h.append(";w=60");
    }
    if (month) {
        h.append(minute ? ", \"month\";q=" : "\"month\";q=");
        number(quota);
        h.append(";w=");
        number(monthSeconds(nowSec));
    }
    if (perToken) {
        h.append(minute || month ? ", \"tokens\";q=" : "\"tokens\";q=");
        number(tokens->policy.perMinute);
        h.append(";w=60");
    }
    h.append("\r\nRateLimit: ");
    if (minute) {
        h.append("\"minute\";r=");
        number(rate.remaining);
        h.append(";t=");
        number((rate.resetNs + 999'999'999) / 1'000'000'000);
    }
    if (month) {
        const auto q = static_cast<std::uint64_t>(quota);
        h.append(minute ? ", \"month\";r=" : "\"month\";r=");
        number(static_cast<std::int64_t>(used >= q ? 0 : q - used));
        h.append(";t=");
        number(untilMonthEnd);
    }
    if (perToken) {
        h.append(minute || month ? ", \"tokens\";r=" : "\"tokens\";r=");
        number(tokens->state.remaining);
        h.append(";t=");
        number((tokens->state.resetNs + 999'999'999) / 1'000'000'000);
    }
    h.append("\r\n");
}

std::int64_t monthSeconds(std::int64_t nowSec)
{
    // Cached per thread: this runs per request and the month rarely changes.
    thread_local std::int64_t start = 0;
    thread_local std::int64_t end = 0;
    if (nowSec < start || nowSec >= end) {
        const auto t = static_cast<std::time_t>(nowSec);
        std::tm tm {};
        gmtime_r(&t, &tm);
        tm.tm_mday = 1;
        tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
        start = static_cast<std::int64_t>(timegm(&tm));
        end = monthEnd(nowSec);
    }
    return end - start;
}

} // namespace tollgate::server
