#include "server/load/thresholds.h"

#include "server/common/text.h"
#include "server/load/loadgen.h"
#include "server/load/loadreport.h"
#include "server/load/requestplan.h"
#include "server/metering/metricsview.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <thread>

namespace tollgate::server {

namespace {

/// The longest month: a quota that lasts it lasts every month.
constexpr double kMonthSeconds = 31.0 * 86400.0;

std::string fixed(double v, int decimals)
{
    char buf[400];
    const auto [end, ec]
        = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

bool isMoney(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Cost || m == ThresholdMeasure::Price
        || m == ThresholdMeasure::Margin || m == ThresholdMeasure::Revenue;
}

bool isLatency(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Percentile || m == ThresholdMeasure::Max
        || m == ThresholdMeasure::Mean;
}

bool isCounted(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Errors || m == ThresholdMeasure::Status
        || m == ThresholdMeasure::StatusClass;
}

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
    if (dollar && !isMoney(t->measure)) {
        *why = "only cost, price, margin and revenue are in dollars";
        return false;
    }
    if (negative && !isMoney(t->measure)) {
        *why = "the limit cannot be negative";
        return false;
    }
    if (isLatency(t->measure)) {
        if (unit.empty() || unit == "ms")
            v *= 1e3;
        else if (unit == "s")
            v *= 1e6;
        else if (unit != "us" && unit != "µs") {
            *why = "latency is in us, ms (the default) or s, not \"" + std::string(unit) + "\"";
            return false;
        }
    } else if (isCounted(t->measure)) {
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

bool holds(ThresholdOp op, double actual, double limit)
{
    switch (op) {
    case ThresholdOp::Less:
        return actual < limit;
    case ThresholdOp::LessOrEqual:
        return actual <= limit;
    case ThresholdOp::Greater:
        return actual > limit;
    case ThresholdOp::GreaterOrEqual:
        return actual >= limit;
    }
    return false;
}

const LoadSlice* findSlice(const std::vector<LoadSlice>& slices, const std::string& name)
{
    for (const auto& s : slices) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

std::string percentText(double fraction)
{
    return fixed(fraction * 100, fraction * 100 < 10 ? 2 : 1) + " %";
}

/// How long `quota` requests last at `perSecond`: "3.5 min", "12.0 h", "41.2 days".
std::string lastsText(double perSecond, double quota)
{
    if (perSecond <= 0)
        return "forever";
    const double seconds = quota / perSecond;
    if (seconds < 60)
        return fixed(seconds, 1) + " s";
    if (seconds < 3600)
        return fixed(seconds / 60, 1) + " min";
    if (seconds < 2 * 86400)
        return fixed(seconds / 3600, 1) + " h";
    return fixed(seconds / 86400, 1) + " days";
}

/// A Prometheus sample line: name, labels (unescaped) and value.
struct Sample {
    std::string_view name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

bool parseSample(std::string_view line, Sample* out)
{
    const auto nameEnd = line.find_first_of("{ ");
    if (nameEnd == std::string_view::npos)
        return false;
    out->name = line.substr(0, nameEnd);
    out->labels.clear();
    std::size_t i = nameEnd;
    if (line[i] == '{') {
        ++i;
        while (i < line.size() && line[i] != '}') {
            const auto eq = line.find('=', i);
            if (eq == std::string_view::npos || eq + 1 >= line.size() || line[eq + 1] != '"')
                return false;
            std::string key(line.substr(i, eq - i));
            std::string value;
            std::size_t j = eq + 2;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\' && j + 1 < line.size()) {
                    ++j;
                    value.push_back(line[j] == 'n' ? '\n' : line[j]);
                } else {
                    value.push_back(line[j]);
                }
            }
            if (j >= line.size())
                return false;
            out->labels[std::move(key)] = std::move(value);
            i = j + 1;
            if (i < line.size() && line[i] == ',')
                ++i;
        }
        if (i >= line.size())
            return false;
        ++i;
    }
    const std::string_view rest = trimBlanks(line.substr(i));
    const auto valueEnd = rest.find(' ');
    const std::string_view number = rest.substr(0, valueEnd);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out->value);
    return ec == std::errc() && end == number.data() + number.size();
}

} // namespace

bool Threshold::needsServerMoney() const
{
    return isMoney(measure);
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

ServerMoney::Amounts ServerMoney::total() const
{
    Amounts sum;
    for (const auto& [tier, a] : byTier) {
        sum.costMicros += a.costMicros;
        sum.revenueMicros += a.revenueMicros;
    }
    return sum;
}

ServerMoney ServerMoney::since(const ServerMoney& earlier) const
{
    ServerMoney d;
    d.answers = answers >= earlier.answers ? answers - earlier.answers : 0;
    for (const auto& [tier, a] : byTier) {
        Amounts before;
        if (const auto it = earlier.byTier.find(tier); it != earlier.byTier.end())
            before = it->second;
        d.byTier[tier]
            = { a.costMicros - before.costMicros, a.revenueMicros - before.revenueMicros };
    }
    return d;
}

bool parseServerMoney(std::string_view text, ServerMoney* out, std::string* error)
{
    const std::string_view all = text;
    ServerMoney m;
    bool sawRequests = false;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = trimBlanks(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        ++lineNo;
        if (line.empty() || line.front() == '#')
            continue;
        const bool cost = line.rfind("tollgate_cost_dollars_total", 0) == 0;
        const bool revenue = line.rfind("tollgate_revenue_dollars_total", 0) == 0;
        const bool requests = line.rfind("tollgate_requests_total", 0) == 0;
        if (!cost && !revenue && !requests)
            continue;
        Sample sample;
        if (!parseSample(line, &sample)) {
            if (error)
                *error = "line " + std::to_string(lineNo) + " of the metrics does not parse: "
                    + std::string(line.substr(0, 120));
            return false;
        }
        if (sample.name == "tollgate_requests_total") {
            sawRequests = true;
            m.answers += static_cast<std::uint64_t>(std::llround(std::max(0.0, sample.value)));
        } else if (sample.name == "tollgate_cost_dollars_total"
            || sample.name == "tollgate_revenue_dollars_total") {
            // Dollars beyond 9 × 10¹² do not fit in micro-dollars.
            if (!std::isfinite(sample.value) || std::fabs(sample.value) > 9e12) {
                if (error)
                    *error = "line " + std::to_string(lineNo) + " of the metrics holds no amount: "
                        + std::string(line.substr(0, 120));
                return false;
            }
            auto& a = m.byTier[sample.labels["tier"]];
            const auto micros = static_cast<std::int64_t>(std::llround(sample.value * 1e6));
            (cost ? a.costMicros : a.revenueMicros) += micros;
        }
    }
    if (!sawRequests && all.find("tollgate_requests_total") == std::string_view::npos) {
        if (error)
            *error = "these are not Tollgate's metrics (no tollgate_requests_total)";
        return false;
    }
    *out = std::move(m);
    return true;
}

ThresholdResult evaluateThreshold(
    const Threshold& t, const LoadReport& report, const ThresholdFacts& facts)
{
    using M = ThresholdMeasure;
    ThresholdResult r;
    r.threshold = t.text;
    const LoadCounts* counts = &report.total;
    if (!t.tier.empty() || !t.route.empty()) {
        const LoadSlice* slice = t.tier.empty() ? findSlice(report.routes, t.route)
                                                : findSlice(report.tiers, t.tier);
        if (!slice) {
            r.actualText = t.tier.empty() ? "no request to route " + t.route
                                          : "no request of tier " + t.tier;
            return r;
        }
        counts = &slice->counts;
    }
    const std::uint64_t attempts = counts->requests + counts->errorTotal();
    if (isLatency(t.measure)) {
        if (counts->latency.count() == 0) {
            r.actualText = "no answers";
            return r;
        }
        r.actual = t.measure == M::Max ? double(counts->latency.max())
            : t.measure == M::Mean     ? counts->latency.mean()
                                       : double(counts->latency.percentile(t.percentile));
        r.actualText = formatLatencyMicros(r.actual);
    } else if (isCounted(t.measure)) {
        std::uint64_t n = 0;
        if (t.measure == M::Errors) {
            n = counts->errorTotal();
        } else if (t.measure == M::StatusClass) {
            n = counts->statusClass(t.status);
        } else if (const auto it = counts->statuses.find(t.status); it != counts->statuses.end()) {
            n = it->second;
        }
        if (t.share) {
            if (attempts == 0) {
                r.actualText = "no requests";
                return r;
            }
            r.actual = double(n) / double(attempts);
            r.actualText = percentText(r.actual) + " (" + std::to_string(n) + " of "
                + std::to_string(attempts) + ")";
        } else {
            r.actual = double(n);
            r.actualText = std::to_string(n) + " of " + std::to_string(attempts);
        }
    } else if (t.measure == M::Throughput) {
        if (report.measuredSeconds <= 0) {
            r.actualText = "nothing measured yet";
            return r;
        }
        r.actual = double(counts->requests) / report.measuredSeconds;
        r.actualText = fixed(r.actual, r.actual < 100 ? 1 : 0) + "/s";
    } else if (isMoney(t.measure)) {
        if (!facts.money) {
            r.actualText = "no figures from the server";
            return r;
        }
        ServerMoney::Amounts amounts;
        // A tier that costs and pays nothing has no money counters; a tier
        // name the server does not know looks the same, so say so.
        std::string unmetered;
        if (t.tier.empty()) {
            amounts = facts.money->total();
        } else {
            // The run names keyless requests "(no key)", the server "(none)".
            const std::string server
                = t.tier == loadgen::kNoKeyTier ? std::string(kNoneDimension) : t.tier;
            if (const auto it = facts.money->byTier.find(server); it != facts.money->byTier.end())
                amounts = it->second;
            else
                unmetered = " (the server metered no money for tier " + t.tier + ")";
        }
        const double cost = double(amounts.costMicros) / 1e6;
        const double revenue = double(amounts.revenueMicros) / 1e6;
        if (t.measure == M::Revenue) {
            if (report.measuredSeconds <= 0) {
                r.actualText = "nothing measured yet";
                return r;
            }
            r.actual = revenue / report.measuredSeconds;
            r.actualText = formatDollars(r.actual) + "/s" + unmetered;
        } else {
            if (counts->requests == 0) {
                r.actualText = "no answers";
                return r;
            }
            const double perRequest = t.measure == M::Cost ? cost
                : t.measure == M::Price                    ? revenue
                                                           : revenue - cost;
            r.actual = perRequest / double(counts->requests);
            r.actualText = formatDollars(r.actual) + " per request (" + formatDollars(perRequest)
                + " over " + std::to_string(counts->requests) + ")" + unmetered;
        }
    } else if (t.measure == M::QuotaBurn) {
        if (!facts.quotas) {
            r.actualText = "the tiers' quotas are not known";
            return r;
        }
        const auto quota = facts.quotas->find(t.tier);
        if (quota == facts.quotas->end()) {
            r.actualText = "the workspace has no tier " + t.tier;
            return r;
        }
        std::uint64_t keys = 0;
        for (const auto& k : report.settings.keys)
            keys += k.tier == t.tier ? 1 : 0;
        if (keys == 0 || report.measuredSeconds <= 0) {
            r.actualText = "no key of tier " + t.tier + " was used";
            return r;
        }
        if (quota->second <= 0) {
            r.measured = true;
            r.actual = 0;
            r.actualText = "unlimited quota";
            r.passed = holds(t.op, r.actual, t.limit);
            return r;
        }
        // What the quota counts: admitted requests, not refusals.
        std::uint64_t admitted = counts->requests;
        for (const int refused : { 401, 403, 429 }) {
            if (const auto it = counts->statuses.find(refused); it != counts->statuses.end())
                admitted -= std::min(admitted, it->second);
        }
        const double perKeyPerSecond = double(admitted) / double(keys) / report.measuredSeconds;
        r.actual = perKeyPerSecond * kMonthSeconds / double(quota->second);
        r.actualText = percentText(r.actual) + " (a key's quota of " + std::to_string(quota->second)
            + " lasts " + lastsText(perKeyPerSecond, double(quota->second)) + ")";
    }
    r.measured = true;
    r.passed = holds(t.op, r.actual, t.limit);
    return r;
}

bool ThresholdWatch::prepare(const LoadSettings& settings, Scrape scrape,
    std::optional<std::map<std::string, std::int64_t>> quotas, std::string* error)
{
    m_thresholds.clear();
    m_breachedAt.clear();
    m_last.clear();
    m_baseline.reset();
    m_scrapeError.clear();
    std::vector<std::string> problems = thresholdProblems(settings);
    bool money = false;
    bool quota = false;
    for (const auto& text : settings.thresholds) {
        Threshold t;
        if (!parseThreshold(text, &t, nullptr))
            continue;
        money = money || t.needsServerMoney();
        quota = quota || t.needsQuotas();
        m_thresholds.push_back(std::move(t));
    }
    if (money && !scrape)
        problems.push_back("cost, price, margin and revenue thresholds need the server's meters: "
                           "give its admin endpoint (--admin URL)");
    if (quota && !quotas)
        problems.push_back("quota burn thresholds need the tiers' monthly quotas: give the "
                           "workspace (--workspace DIR)");
    if (!problems.empty()) {
        if (error) {
            error->clear();
            for (const auto& p : problems)
                *error += (error->empty() ? "" : "\n") + p;
        }
        m_thresholds.clear();
        return false;
    }
    m_breachedAt.assign(m_thresholds.size(), -1);
    m_scrape = std::move(scrape);
    m_needsScrape = money;
    m_quotas = std::move(quotas);
    return true;
}

std::optional<ServerMoney> ThresholdWatch::readMoney()
{
    if (!m_needsScrape)
        return std::nullopt;
    std::string text;
    std::string error;
    ServerMoney m;
    if (!m_scrape(&text, &error) || !parseServerMoney(text, &m, &error)) {
        m_scrapeError = "cannot read the server's metrics: " + error;
        return std::nullopt;
    }
    return m;
}

bool ThresholdWatch::begin()
{
    m_baseline = readMoney();
    return !m_needsScrape || m_baseline.has_value();
}

ThresholdFacts ThresholdWatch::facts(const std::optional<ServerMoney>& now) const
{
    ThresholdFacts f;
    if (now && m_baseline)
        f.money = now->since(*m_baseline);
    f.quotas = m_quotas;
    return f;
}

std::vector<std::size_t> ThresholdWatch::check(const LoadReport& soFar, std::int64_t second)
{
    std::vector<std::size_t> newlyFailed;
    if (m_thresholds.empty())
        return newlyFailed;
    const ThresholdFacts f = facts(readMoney());
    m_last.clear();
    for (std::size_t i = 0; i < m_thresholds.size(); ++i) {
        m_last.push_back(evaluateThreshold(m_thresholds[i], soFar, f));
        const ThresholdResult& r = m_last.back();
        // Nothing to measure yet (no answer of that tier so far) is not a
        // failure while the run goes on; at the end it is.
        if (r.measured && !r.passed && m_breachedAt[i] < 0) {
            m_breachedAt[i] = second;
            newlyFailed.push_back(i);
        }
    }
    return newlyFailed;
}

void ThresholdWatch::finish(LoadReport* report, std::chrono::milliseconds settle)
{
    report->thresholds.clear();
    if (m_thresholds.empty())
        return;
    std::optional<ServerMoney> now;
    if (m_needsScrape && m_baseline) {
        const auto deadline = std::chrono::steady_clock::now() + settle;
        for (;;) {
            now = readMoney();
            // The server's meters fold answers in shortly after writing
            // them: wait until they count every answer the run saw.
            if (!now || now->since(*m_baseline).answers >= report->total.requests
                || std::chrono::steady_clock::now() >= deadline)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    const ThresholdFacts f = facts(now);
    for (std::size_t i = 0; i < m_thresholds.size(); ++i) {
        ThresholdResult r = evaluateThreshold(m_thresholds[i], *report, f);
        r.breachedAt = m_breachedAt[i];
        if (!r.measured && (m_thresholds[i].needsServerMoney()) && !m_scrapeError.empty())
            r.actualText = m_scrapeError;
        report->thresholds.push_back(std::move(r));
    }
}

bool thresholdsFailed(const LoadReport& report)
{
    if (!report.abortedBy.empty())
        return true;
    return std::any_of(report.thresholds.begin(), report.thresholds.end(),
        [](const ThresholdResult& r) { return !r.passed; });
}

std::string thresholdSummaryText(const LoadReport& report)
{
    if (report.thresholds.empty())
        return {};
    std::size_t passed = 0;
    std::size_t width = 0;
    for (const auto& r : report.thresholds) {
        passed += r.passed ? 1 : 0;
        width = std::max(width, r.threshold.size());
    }
    std::string out = "thresholds: " + std::to_string(passed) + " of "
        + std::to_string(report.thresholds.size()) + " passed";
    if (!report.abortedBy.empty())
        out += "; the run was stopped when " + report.abortedBy + " failed";
    out += '\n';
    for (const auto& r : report.thresholds) {
        out += r.passed ? "  pass  " : "  FAIL  ";
        out += r.threshold;
        out.append(width - r.threshold.size() + 2, ' ');
        out += r.actualText;
        if (r.breachedAt >= 0)
            out += " (failed at " + std::to_string(r.breachedAt) + " s)";
        out += '\n';
    }
    return out;
}

std::string formatDollars(double dollars)
{
    if (!std::isfinite(dollars))
        return "?";
    const double magnitude = std::fabs(dollars);
    std::string digits = fixed(magnitude, 6);
    // Six decimals are micro-dollars; trailing zeros go, down to cents.
    const auto dot = digits.find('.');
    std::size_t keep = digits.size();
    while (keep > dot + 3 && digits[keep - 1] == '0')
        --keep;
    digits.resize(keep);
    const bool negative = dollars < 0 && digits.find_first_not_of("0.") != std::string::npos;
    return (negative ? "-$" : "$") + digits;
}

} // namespace tollgate::server
