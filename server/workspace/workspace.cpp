#include "server/workspace/workspace.h"

#include <algorithm>
#include <charconv>
#include <ctime>

namespace tollgate::server {

// These spellings are the on-disk vocabulary of route files (see
// workspacestore.cpp), so changing one is a schema change.

const char* toString(RuleSource source)
{
    switch (source) {
    case RuleSource::PathParam:
        return "pathParam";
    case RuleSource::Query:
        return "query";
    case RuleSource::Header:
        return "header";
    case RuleSource::Body:
        return "body";
    }
    return "query";
}

const char* toString(RuleOperator op)
{
    switch (op) {
    case RuleOperator::Equals:
        return "equals";
    case RuleOperator::Regex:
        return "regex";
    case RuleOperator::Exists:
        return "exists";
    }
    return "equals";
}

const char* toString(ResponseMode mode)
{
    switch (mode) {
    case ResponseMode::Rules:
        return "rules";
    case ResponseMode::Random:
        return "random";
    case ResponseMode::Sequential:
        return "sequential";
    }
    return "rules";
}

const char* toString(RouteResponder responder)
{
    switch (responder) {
    case RouteResponder::Designed:
        return "designed";
    case RouteResponder::Upstream:
        return "upstream";
    case RouteResponder::Sse:
        return "sse";
    case RouteResponder::WebSocket:
        return "websocket";
    }
    return "designed";
}

const char* toString(OverQuotaPolicy policy)
{
    return policy == OverQuotaPolicy::Bill ? "bill" : "block";
}

std::vector<Tier> defaultTiers()
{
    // Prices are the demo's: a free tier that blocks, paid tiers that bill
    // overage, so a new workspace shows every policy at once.
    std::vector<Tier> tiers(3);
    tiers[0] = { "free", "Free", 100, 10, 1'000, 0, 0, 0, OverQuotaPolicy::Block };
    tiers[1] = { "pro", "Pro", 1'000, 50, 10'000, 2'000, 29'000'000, 3'000, OverQuotaPolicy::Bill };
    tiers[2] = { "enterprise", "Enterprise", 10'000, 200, 100'000, 1'000, 499'000'000, 1'500,
        OverQuotaPolicy::Bill };
    return tiers;
}

bool routeCountsTokens(const Route& route)
{
    return route.access.tokens.enabled()
        || (route.responder == RouteResponder::Sse && route.sse.mode == SseMode::Tokens);
}

std::vector<std::string> tierProblems(const Tier& t)
{
    std::vector<std::string> problems;
    bool idOk = !t.id.empty() && t.id.size() <= 32;
    for (char c : t.id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            idOk = false;
    }
    if (!idOk)
        problems.emplace_back(
            "the tier id must be 1-32 characters of a-z, 0-9, '-' or '_' (e.g. \"pro\")");
    if (t.name.empty())
        problems.emplace_back("the tier needs a name");
    constexpr std::int64_t kMaxRate = 60'000'000; // one per microsecond
    if (t.requestsPerMinute < 0 || t.requestsPerMinute > kMaxRate)
        problems.emplace_back("requests per minute must be between 0 (unlimited) and 60000000");
    if (t.requestsPerMinute > 0 && (t.burst < 1 || t.burst > 1'000'000))
        problems.emplace_back("the burst must be between 1 and 1000000");
    if (t.monthlyQuota < 0)
        problems.emplace_back("the monthly quota must be 0 (unlimited) or more");
    constexpr Micros kMaxPrice = 1'000'000'000'000; // one million dollars
    if (t.pricePerRequestMicros < 0 || t.pricePerRequestMicros > kMaxPrice)
        problems.emplace_back("the price per request must be between 0 and 1000000 USD");
    if (t.monthlyFeeMicros < 0 || t.monthlyFeeMicros > kMaxPrice)
        problems.emplace_back("the monthly fee must be between 0 and 1000000 USD");
    if (t.overagePriceMicros < 0 || t.overagePriceMicros > kMaxPrice)
        problems.emplace_back("the overage price must be between 0 and 1000000 USD");
    if (t.tokensPerMinute < 0 || t.tokensPerMinute > kMaxTokensPerMinute)
        problems.emplace_back("tokens per minute must be between 0 (unlimited) and 1000000000");
    if (t.inputPricePer1kTokensMicros < 0 || t.inputPricePer1kTokensMicros > kMaxPrice)
        problems.emplace_back("the price per 1,000 input tokens must be between 0 and 1000000 USD");
    if (t.outputPricePer1kTokensMicros < 0 || t.outputPricePer1kTokensMicros > kMaxPrice)
        problems.emplace_back(
            "the price per 1,000 output tokens must be between 0 and 1000000 USD");
    return problems;
}

std::string formatUtcTime(std::int64_t unixSeconds)
{
    const auto t = static_cast<std::time_t>(unixSeconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[32];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return { buffer, n };
}

bool parseUtcTime(std::string_view text, std::int64_t* unixSeconds)
{
    // Exactly YYYY-MM-DDTHH:MM:SSZ: the files are written by us, and a strict
    // format is the one a person editing them can get right.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
        || text[16] != ':' || text[19] != 'Z')
        return false;
    auto num = [&](std::size_t pos, std::size_t len, int* out) {
        const char* b = text.data() + pos;
        // Digits only: from_chars would take "-1", and "12:-1:00" is not 11:59.
        if (!std::all_of(b, b + len, [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        const auto r = std::from_chars(b, b + len, *out);
        return r.ec == std::errc() && r.ptr == b + len;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &h) || !num(14, 2, &mi)
        || !num(17, 2, &s))
        return false;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return false;
    std::tm tm {};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    const std::time_t t = timegm(&tm);
    if (t == static_cast<std::time_t>(-1))
        return false;
    std::tm back {};
    gmtime_r(&t, &back);
    if (back.tm_mday != d) // 31 February and friends
        return false;
    *unixSeconds = static_cast<std::int64_t>(t);
    return true;
}

const Tier* findTier(const std::vector<Tier>& tiers, std::string_view id)
{
    for (const Tier& t : tiers) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

} // namespace tollgate::server
