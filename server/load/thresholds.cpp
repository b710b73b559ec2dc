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
    if (isLatencyMeasure(t.measure)) {
        if (counts->latency.count() == 0) {
            r.actualText = "no answers";
            return r;
        }
        r.actual = t.measure == M::Max ? double(counts->latency.max())
            : t.measure == M::Mean     ? counts->latency.mean()
                                       : double(counts->latency.percentile(t.percentile));
        r.actualText = formatLatencyMicros(r.actual);
    } else if (isCountedMeasure(t.measure)) {
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
    } else if (isMoneyMeasure(t.measure)) {
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
