#pragma once

// The RateLimit and RateLimit-Policy fields (draft-ietf-httpapi-ratelimit-
// headers) a keyed response carries: one policy per minute (GCRA) and one per
// calendar month (the quota).

#include "server/access/gcra.h"

#include <cstdint>
#include <string>

namespace tollgate::server {

/// Writes the two field lines, each ending in CRLF, into *out (replacing it;
/// its capacity is reused, as this runs per request). Nothing when there is
/// neither a rate limit nor a quota. `used`: requests counted this month.
/// `tokens` adds the token limit ("tokens";q=<per minute>;w=60) when set.
struct TokenLimitState {
    GcraPolicy policy;
    GcraResult state; ///< GcraCell::check()
};
void formatRateLimitFields(const GcraPolicy& policy, const GcraResult& rate, std::int64_t quota,
    std::uint64_t used, std::int64_t untilMonthEnd, std::int64_t nowSec, std::string* out,
    const TokenLimitState* tokens = nullptr);

/// Length in seconds of the calendar month (UTC) containing nowSec.
std::int64_t monthSeconds(std::int64_t nowSec);

} // namespace tollgate::server
