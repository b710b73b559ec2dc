#include "server/load/thresholds.h"

#include "server/common/text.h"
#include "server/load/loadgen.h"
#include "server/load/requestplan.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

// Reading thresholds ("p95<200ms") and checking them against the run they
// belong to; thresholds.cpp evaluates them.

namespace tollgate::server {

namespace {

constexpr const char* kMeasures = "p50, p95, p99.9 (any pNN), max, mean, errors, status429, "
                                  "status5xx, rps, cost, price, margin, revenue, quota_burn";

/// The measure's name: "p95", "status429", "quota_burn".
bool parseMeasure(std::string_view name, Threshold* t, std::string* why)
{
    using M = ThresholdMeasure;
    if (name == "max") {
        t->measure = M::Max;
    } else if (name == "mean" || name == "avg") {
        t->measure = M::Mean;
    } else if (name == "errors") {
        t->measure = M::Errors;
    } else if (name == "rps") {
        t->measure = M::Throughput;
    } else if (name == "cost") {
        t->measure = M::Cost;
    } else if (name == "price") {
        t->measure = M::Price;
    } else if (name == "margin") {
        t->measure = M::Margin;
    } else if (name == "revenue") {
        t->measure = M::Revenue;
    } else if (name == "quota_burn") {
        t->measure = M::QuotaBurn;
    } else if (name.size() > 1 && name.front() == 'p' && name[1] >= '0' && name[1] <= '9') {
        const auto digits = name.substr(1);
        double p = 0;
        if (digits.find_first_not_of("0123456789.") != std::string_view::npos) {
            *why = "a percentile is p followed by a number above 0 and up to 100 (p95, p99.9)";
            return false;
        }
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
        if (ec != std::errc() || end != digits.data() + digits.size() || !(p > 0 && p <= 100)) {
            *why = "a percentile is p followed by a number above 0 and up to 100 (p95, p99.9)";
            return false;
        }
        t->measure = M::Percentile;
        t->percentile = p;
    } else if (name.size() == 9 && name.substr(0, 6) == "status" && name[6] >= '1'
        && name[6] <= '5' && name.substr(7) == "xx") {
        t->measure = M::StatusClass;
        t->status = name[6] - '0';
    } else if (name.size() > 6 && name.substr(0, 6) == "status") {
        int code = 0;
        const auto digits = name.substr(6);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
        if (digits.size() != 3 || ec != std::errc() || end != digits.data() + digits.size()
            || code < 100 || code > 599) {
            *why = "a status is status followed by a code from 100 to 599 or a class "
                   "(status429, status5xx)";
            return false;
        }
        t->measure = M::Status;
        t->status = code;
    } else {
        *why = name.empty() ? std::string("it starts with what to measure: ") + kMeasures
                            : "unknown measure \"" + std::string(name) + "\"; known: " + kMeasures;
        return false;
    }
    return true;
}

/// {tier=free} or {route="GET /users/{id}"}; `s` starts after the '{'.
/// Moves `s` past the closing '}'.
bool parseSelector(std::string_view& s, Threshold* t, std::string* why)
{
    s = trimBlanks(s);
    const auto eq = s.find('=');
    if (eq == std::string_view::npos) {
        *why = "a selector is {tier=NAME} or {route=NAME}";
        return false;
    }
    const std::string_view key = trimBlanks(s.substr(0, eq));
    if (key != "tier" && key != "route") {
        *why = "a selector is {tier=NAME} or {route=NAME}, not \"" + std::string(key) + "\"";
        return false;
    }
    s.remove_prefix(eq + 1);
    s = trimBlanks(s);
    std::string value;
    if (!s.empty() && s.front() == '"') {
        std::size_t i = 1;
        bool closed = false;
        for (; i < s.size(); ++i) {
            if (s[i] == '\\' && i + 1 < s.size()) {
                value.push_back(s[++i]);
            } else if (s[i] == '"') {
                closed = true;
                ++i;
                break;
            } else {
                value.push_back(s[i]);
            }
        }
        if (!closed) {
            *why = "the quoted name in the selector has no closing \"";
            return false;
        }
        s.remove_prefix(i);
        s = trimBlanks(s);
        if (s.empty() || s.front() != '}') {
            *why = "the selector's closing } is missing";
            return false;
        }
    } else {
        const auto close = s.find('}');
        if (close == std::string_view::npos) {
            *why = "the selector's closing } is missing";
            return false;
        }
        value = std::string(trimBlanks(s.substr(0, close)));
        if (value.find_first_of(",{\"") != std::string::npos) {
            *why = "a threshold takes one selector, {tier=NAME} or {route=NAME}; quote a name "
                   "with braces or commas";
            return false;
        }
        s.remove_prefix(close);
    }
    s.remove_prefix(1); // '}'
    if (value.empty()) {
        *why = "the selector names no " + std::string(key);
        return false;
    }
    (key == "tier" ? t->tier : t->route) = std::move(value);
    return true;
}

/// The limit and its unit for the measure already read.
bool parseLimit(std::string_view s, Threshold* t, std::string* why)
{
    using M = ThresholdMeasure;
    s = trimBlanks(s);
    bool negative = false;
    bool dollar = false;
    for (int i = 0; i < 2 && !s.empty(); ++i) {
        if (s.front() == '-' && !negative) {
            negative = true;
            s.remove_prefix(1);
        } else if (s.front() == '$' && !dollar) {
            dollar = true;
            s.remove_prefix(1);
        }
    }
    double v = 0;
    const bool signAgain = !s.empty() && (s.front() == '-' || s.front() == '+');
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (signAgain || ec != std::errc() || !std::isfinite(v)) {
        *why = "the limit after the comparison is not a number";
        return false;
    }
    const std::string_view unit = trimBlanks(std::string_view(end, s.data() + s.size() - end));
    if (negative)
        v = -v;
    if (dollar && !isMoneyMeasure(t->measure)) {
        *why = "only cost, price, margin and revenue are in dollars";
        return false;
    }
    if (negative && !isMoneyMeasure(t->measure)) {
        *why = "the limit cannot be negative";
        return false;
    }
    if (isLatencyMeasure(t->measure)) {
        if (unit.empty() || unit == "ms")
            v *= 1e3;
        else if (unit == "s")
            v *= 1e6;
        else if (unit != "us" && unit != "µs") {
            *why = "latency is in us, ms (the default) or s, not \"" + std::string(unit) + "\"";
            return false;
        }
    } else if (isCountedMeasure(t->measure)) {
        if (unit == "%") {
            if (v > 100) {
                *why = "a share is at most 100%";
                return false;
            }
            t->share = true;
            v /= 100;
        } else if (!unit.empty()) {
            *why = "a share is written with % (errors<1%), a count without a unit";
            return false;
        } else if (v != std::floor(v)) {
            *why = "a count is a whole number (a share is written with %)";
            return false;
        }
    } else if (t->measure == M::QuotaBurn) {
        if (unit != "%") {
            *why = "quota burn is a share of the month's quota, written with % "
                   "(quota_burn{tier=pro}<100%)";
            return false;
        }
        v /= 100;
    } else if (t->measure == M::Throughput || t->measure == M::Revenue) {
        if (!unit.empty() && unit != "/s") {
            *why = std::string(t->measure == M::Revenue ? "revenue is in dollars per second ($1/s)"
                                                        : "rps is answers per second (rps>100)")
                + ", not \"" + std::string(unit) + "\"";
            return false;
        }
    } else if (!unit.empty()) {
        *why = "cost, price and margin are dollars per request ($0.001), not \""
            + std::string(unit) + "\"";
        return false;
    }
    t->limit = v;
    return true;
}

} // namespace

bool Threshold::needsServerMoney() const
{
    return isMoneyMeasure(measure);
}

bool parseThreshold(std::string_view text, Threshold* out, std::string* error)
{
    Threshold t;
    std::string_view s = trimBlanks(text);
    t.text = std::string(s);
    std::string why;
    auto fail = [&] {
        if (error)
            *error = "threshold \"" + t.text + "\": " + why;
        return false;
    };
    std::size_t i = 0;
    while (i < s.size()
        && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.'))
        ++i;
    if (!parseMeasure(s.substr(0, i), &t, &why))
        return fail();
    s.remove_prefix(i);
    s = trimBlanks(s);
    if (!s.empty() && s.front() == '{') {
        s.remove_prefix(1);
        if (!parseSelector(s, &t, &why))
            return fail();
        s = trimBlanks(s);
    }
    if (s.substr(0, 2) == "<=") {
        t.op = ThresholdOp::LessOrEqual;
        s.remove_prefix(2);
    } else if (s.substr(0, 2) == ">=") {
        t.op = ThresholdOp::GreaterOrEqual;
        s.remove_prefix(2);
    } else if (!s.empty() && s.front() == '<') {
        t.op = ThresholdOp::Less;
        s.remove_prefix(1);
    } else if (!s.empty() && s.front() == '>') {
        t.op = ThresholdOp::Greater;
        s.remove_prefix(1);
    } else {
        why = "a comparison (<, <=, > or >=) must follow the measure";
        return fail();
    }
    if (!parseLimit(s, &t, &why))
        return fail();
    if (t.measure == ThresholdMeasure::QuotaBurn && t.tier.empty()) {
        why = "quota burn is per tier: quota_burn{tier=NAME}";
        return fail();
    }
    if ((t.needsServerMoney() || t.measure == ThresholdMeasure::QuotaBurn) && !t.route.empty()) {
        why = "money and quota are per tier ({tier=NAME}); the server names routes its own way";
        return fail();
    }
    *out = std::move(t);
    return true;
}

std::vector<std::string> thresholdProblems(const LoadSettings& settings)
{
    std::vector<std::string> problems;
    std::vector<std::string> tiers;
    for (const auto& k : settings.keys) {
        const std::string tier = k.tier.empty() ? std::string(loadgen::kNoKeyTier) : k.tier;
        if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end())
            tiers.push_back(tier);
    }
    if (tiers.empty())
        tiers.push_back(loadgen::kNoKeyTier);
    auto joined = [](const std::vector<std::string>& names) {
        std::string out;
        for (const auto& n : names)
            out += (out.empty() ? "" : ", ") + n;
        return out;
    };
    for (const auto& text : settings.thresholds) {
        Threshold t;
        std::string error;
        if (!parseThreshold(text, &t, &error)) {
            problems.push_back(error);
            continue;
        }
        if (!t.tier.empty() && std::find(tiers.begin(), tiers.end(), t.tier) == tiers.end()) {
            problems.push_back("threshold \"" + t.text + "\": no key of the pool has the tier \""
                + t.tier + "\" (the run's tiers: " + joined(tiers) + ")");
        }
        if (!t.route.empty()) {
            std::vector<std::string> labels;
            for (const auto& m : settings.mix)
                labels.push_back(m.label());
            // Without a mix the run's one route is named after the URL.
            LoadUrl url;
            if (settings.mix.empty() && parseLoadUrl(settings.url, &url, nullptr))
                labels.push_back("GET " + (url.prefix.empty() ? std::string("/") : url.prefix));
            if (std::find(labels.begin(), labels.end(), t.route) == labels.end()) {
                problems.push_back("threshold \"" + t.text + "\": the route mix has no \""
                    + t.route + "\""
                    + (labels.empty() ? std::string() : " (its routes: " + joined(labels) + ")"));
            }
        }
    }
    return problems;
}

} // namespace tollgate::server
