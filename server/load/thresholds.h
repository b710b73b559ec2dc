#pragma once

// Pass/fail thresholds for load runs (issue 18), as k6 has them, plus the
// business facts only Tollgate knows: what the requests cost, what callers
// paid, the margin, and how fast a tier burns its monthly quota.
//
//   p95<200ms   p99.9<=1s   max<2s   mean<50ms        latency of answers
//   errors<1%   errors<=3                            no answer (share or count)
//   status429{tier=free}<5%   status5xx<0.1%   status200>=99%
//   rps>=500                                         answers per second
//   cost<$0.002   price>=$0.001   margin>$0          dollars per answered request
//   revenue>$1/s                                     dollars per second
//   quota_burn{tier=pro}<100%                        of a 31-day month's quota,
//                                                    averaged over the tier's keys
//
// A {tier=NAME} or {route=NAME} selector narrows a threshold to one tier of
// the key pool or one entry of the route mix (quote a name with spaces or
// braces: {route="GET /users/{id}"}). Latency without a unit is in ms; a
// share needs %, a bare number after errors or statusNNN is a count.
//
// Money comes from the server's own meters: its Prometheus text
// (tollgate_cost_dollars_total, tollgate_revenue_dollars_total) read when
// the measured part begins and again at the end, divided by the answers the
// run counted; so the run should be the server's only traffic. Quota burn
// needs the tiers' monthly quotas (the workspace's keys.json).

#include "server/load/loadplan.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

enum class ThresholdMeasure {
    Percentile, ///< latency at `percentile`
    Max,
    Mean,
    Errors, ///< requests without an answer (connect, timeout, reset, protocol)
    Status, ///< answers with status `status`
    StatusClass, ///< answers with status in [100·status, 100·status + 100)
    Throughput, ///< answers per measured second
    Cost, ///< server's cost per answered request, dollars
    Price, ///< what callers paid per answered request, dollars
    Margin, ///< price − cost per answered request, dollars
    Revenue, ///< what callers paid per measured second, dollars
    QuotaBurn, ///< share of a month's quota a key of the tier would use at this rate
};

enum class ThresholdOp { Less, LessOrEqual, Greater, GreaterOrEqual };

struct Threshold {
    std::string text; ///< as written, spaces trimmed
    ThresholdMeasure measure = ThresholdMeasure::Percentile;
    double percentile = 0; ///< Percentile: 0 < p <= 100
    int status = 0; ///< Status: 100..599; StatusClass: 1..5
    /// Errors, Status, StatusClass: the limit is a share (written with %),
    /// not a count.
    bool share = false;
    std::string tier; ///< selector {tier=...}; empty: every tier
    std::string route; ///< selector {route=...}; empty: every route
    ThresholdOp op = ThresholdOp::Less;
    /// In the measure's unit: µs, a fraction for shares (0.05 for 5 %), a
    /// count, dollars, answers per second.
    double limit = 0;

    /// Cost, Price, Margin and Revenue need the server's meters.
    bool needsServerMoney() const;
    bool needsQuotas() const { return measure == ThresholdMeasure::QuotaBurn; }
};

/// What kind of unit a measure's limit is in.
inline bool isMoneyMeasure(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Cost || m == ThresholdMeasure::Price
        || m == ThresholdMeasure::Margin || m == ThresholdMeasure::Revenue;
}
inline bool isLatencyMeasure(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Percentile || m == ThresholdMeasure::Max
        || m == ThresholdMeasure::Mean;
}
/// Errors and statuses: a share (with %) or a count.
inline bool isCountedMeasure(ThresholdMeasure m)
{
    return m == ThresholdMeasure::Errors || m == ThresholdMeasure::Status
        || m == ThresholdMeasure::StatusClass;
}

/// Reads one threshold; false with a sentence saying what is wrong
/// ("p95<200: ..."). Does not check that a tier or route exists.
bool parseThreshold(std::string_view text, Threshold* out, std::string* error);

/// Each problem of `settings.thresholds` against the run they belong to, one
/// sentence each: what does not parse, a tier no key of the pool has, a
/// route the mix lacks.
std::vector<std::string> thresholdProblems(const LoadSettings& settings);

/// The server's money and answers as its Prometheus text says them, summed
/// by tier (in micro-dollars, exact to the text's six decimals).
struct ServerMoney {
    struct Amounts {
        std::int64_t costMicros = 0;
        std::int64_t revenueMicros = 0;
        bool operator==(const Amounts&) const = default;
    };
    std::map<std::string, Amounts> byTier; ///< "(none)" for requests without a key
    std::uint64_t answers = 0; ///< tollgate_requests_total over every route and class

    Amounts total() const;
    /// What happened between `earlier` and this reading.
    ServerMoney since(const ServerMoney& earlier) const;
    bool operator==(const ServerMoney&) const = default;
};
/// False with a reason when the text holds no Tollgate request counter (not
/// Tollgate's /metrics) or a sample of the money counters does not parse.
bool parseServerMoney(std::string_view prometheusText, ServerMoney* out, std::string* error);

/// What thresholds are checked against besides the report.
struct ThresholdFacts {
    /// The server's money over the measured part; unset: not known (money
    /// thresholds fail with "no figures from the server").
    std::optional<ServerMoney> money;
    /// Tier id → monthly quota in requests (0: unlimited); unset: not known.
    std::optional<std::map<std::string, std::int64_t>> quotas;
};

/// One threshold against a (possibly partial) report. `actualText` says the
/// value and, for shares, the counts behind it.
ThresholdResult evaluateThreshold(
    const Threshold& threshold, const LoadReport& report, const ThresholdFacts& facts);

/// Checks a run's thresholds while it runs and at its end: reads the
/// server's meters (when a threshold needs them) at the start of the
/// measured part, remembers the first second each threshold failed, and
/// fills report.thresholds. Not thread-safe: one owner drives it.
class ThresholdWatch {
public:
    /// Returns the server's /metrics text, or false with a reason.
    using Scrape = std::function<bool(std::string* text, std::string* error)>;

    /// Parses settings.thresholds and checks what they need: false with
    /// the problems, one per line, when one does not parse or names a tier
    /// or route the run lacks, when money is wanted and `scrape` is empty
    /// ("cost needs the server's metrics: ..."), or quota burn and `quotas`
    /// is unset.
    bool prepare(const LoadSettings& settings, Scrape scrape,
        std::optional<std::map<std::string, std::int64_t>> quotas, std::string* error);

    bool empty() const { return m_thresholds.empty(); }
    bool needsScrape() const { return m_needsScrape; }

    /// The measured part begins: the first reading of the server's meters.
    /// False (and the reason in lastScrapeError) when it cannot be read;
    /// money thresholds then fail at the end.
    bool begin();

    /// Checks the report so far (LoadRunner::snapshot) at `second` of the
    /// run; returns the indices of thresholds that fail now and had not
    /// failed before. Reads the server's meters again when needed.
    std::vector<std::size_t> check(const LoadReport& soFar, std::int64_t second);

    /// The run has ended: reads the meters once more (waiting, up to
    /// `settle`, until the server has counted as many answers as the run
    /// saw: its meters fold answers in a moment after they are written),
    /// evaluates every threshold and stores the results in report->thresholds.
    void finish(LoadReport* report, std::chrono::milliseconds settle = std::chrono::seconds(3));

    const std::vector<Threshold>& thresholds() const { return m_thresholds; }
    /// What the last check() found, one per threshold.
    const std::vector<ThresholdResult>& lastResults() const { return m_last; }
    const std::string& lastScrapeError() const { return m_scrapeError; }

private:
    std::optional<ServerMoney> readMoney();
    ThresholdFacts facts(const std::optional<ServerMoney>& now) const;

    std::vector<Threshold> m_thresholds;
    std::vector<std::int64_t> m_breachedAt;
    std::vector<ThresholdResult> m_last;
    Scrape m_scrape;
    bool m_needsScrape = false;
    std::optional<std::map<std::string, std::int64_t>> m_quotas;
    std::optional<ServerMoney> m_baseline;
    std::string m_scrapeError;
};

/// True when a threshold failed (`tollgated load` exits with 99).
bool thresholdsFailed(const LoadReport& report);

/// "thresholds: 2 of 3 passed" and a line per threshold; empty without any.
std::string thresholdSummaryText(const LoadReport& report);

/// "$0.0012", "-$0.0005", "$12.50", "$0.000003": dollars to the micro-dollar
/// without trailing zeros (at least two decimals), the minus before the sign.
std::string formatDollars(double dollars);

} // namespace tollgate::server
