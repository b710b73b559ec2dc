#pragma once

// What the metering pipeline stores and what charts read (issue 5).
//
// A BucketRow is the aggregate of one period (a second, or a minute once
// rolled up) for one route × tier × key. The live store (Metering) and the
// SQLite store (MetricsStore) both hand out rows; buildView() turns rows into
// the series, tables and histogram the Metrics panel draws, so live and
// historical windows are computed by the same code.

#include "server/metering/latencyhistogram.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// Status classes counted per bucket. A connection reset instead of an answer
/// (injected failure) counts as 5xx; 1xx never ends a request here.
enum StatusClass : std::uint8_t { Status2xx = 0, Status3xx = 1, Status4xx = 2, Status5xx = 3 };
constexpr std::size_t kStatusClasses = 4;
StatusClass statusClass(int status);

/// Names of interned dimension ids. Id 0 of every kind is "none": no route
/// matched, no key presented, no tier. Ids index these vectors.
struct DimensionNames {
    std::vector<std::string> routes { std::string() };
    std::vector<std::string> tiers { std::string() };
    std::vector<std::string> keys { std::string() };
};

/// The aggregate of one period for one route × tier × key.
struct BucketRow {
    std::int64_t time = 0; ///< unix seconds, start of the period
    std::uint32_t route = 0; ///< ids into DimensionNames (0 = none)
    std::uint32_t tier = 0;
    std::uint32_t key = 0;
    std::array<std::uint64_t, kStatusClasses> counts {}; ///< by StatusClass
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::int64_t costMicros = 0; ///< what serving these requests cost
    std::int64_t revenueMicros = 0; ///< what the callers pay (billable answers only)
    std::uint64_t tokensIn = 0; ///< input tokens of these requests (token routes)
    std::uint64_t tokensOut = 0; ///< output tokens
    std::uint64_t streams = 0; ///< requests answered with a stream (SSE)
    std::uint64_t events = 0; ///< events those streams sent
    std::uint64_t firstEventUs = 0; ///< sum of their times to the first event
    std::uint64_t firstEvents = 0; ///< streams that sent a first event
    std::string histogram; ///< LatencyHistogram::toBytes() of the latencies

    std::uint64_t total() const { return counts[0] + counts[1] + counts[2] + counts[3]; }
};

/// Which rows a view looks at. Empty fields match everything; a field set to
/// kNone matches only requests without that dimension (no key, no route).
struct MetricsFilter {
    std::string route; ///< "GET /users/{id}"
    std::string tier; ///< tier id
    std::string key; ///< key id
    bool operator==(const MetricsFilter&) const = default;
};
inline constexpr std::string_view kNoneDimension = "(none)";

struct MetricsPoint {
    std::int64_t time = 0; ///< start of the step, unix seconds
    std::uint64_t count = 0;
    std::array<std::uint64_t, kStatusClasses> counts {};
    std::uint64_t p50 = 0; ///< latency percentiles in µs (0 when count is 0)
    std::uint64_t p95 = 0;
    std::uint64_t p99 = 0;
    std::int64_t costMicros = 0;
    std::int64_t revenueMicros = 0;
    std::uint64_t tokensIn = 0;
    std::uint64_t tokensOut = 0;
    std::uint64_t streams = 0;
    std::uint64_t events = 0;
    std::uint64_t firstEventUs = 0; ///< sum: divide by firstEvents for the mean
    std::uint64_t firstEvents = 0;
};

/// Per-tier totals, one point per step aligned with MetricsView::series.
struct TierSeries {
    std::string tier; ///< tier id, kNoneDimension for unkeyed requests
    std::vector<MetricsPoint> points; ///< count, counts, money and tokens filled; no percentiles
};

struct RouteSummary {
    std::string route;
    std::uint64_t count = 0;
    std::array<std::uint64_t, kStatusClasses> counts {};
    std::uint64_t p50 = 0, p95 = 0, p99 = 0;
    std::int64_t costMicros = 0;
    std::int64_t revenueMicros = 0;
    std::uint64_t tokensIn = 0, tokensOut = 0;
    std::uint64_t streams = 0, events = 0; ///< streamed answers and their events
    std::uint64_t firstEventUs = 0, firstEvents = 0; ///< sum and count of times to first event
};

struct KeySummary {
    std::string key;
    std::string tier;
    std::uint64_t count = 0;
    std::int64_t revenueMicros = 0;
};

/// A computed window: what the Metrics panel shows.
struct MetricsView {
    std::int64_t from = 0; ///< [from, to) in unix seconds
    std::int64_t to = 0;
    std::int64_t step = 1; ///< seconds per point
    std::vector<MetricsPoint> series; ///< one per step from `from`, empty steps included
    std::vector<TierSeries> tiers; ///< sorted by tier id
    std::vector<RouteSummary> routes; ///< sorted by route
    std::vector<KeySummary> keys; ///< sorted by key id; unkeyed requests are not listed
    LatencyHistogram latency; ///< the whole window, filtered
    /// Every route/tier/key seen in the window regardless of the filter
    /// (sorted), so filter pickers can offer them.
    std::vector<std::string> routeNames, tierNames, keyNames;
    /// Rows the pipeline dropped since it started (queue overflow, storage
    /// trouble) and why storage is failing, if it is; filled by the source.
    std::uint64_t droppedRecords = 0;
    std::uint64_t droppedRows = 0;
    std::string problem;
};

/// Folds rows into a view of [from, to) with `step` seconds per point.
/// Rows outside the window are ignored; rows whose histogram does not decode
/// still count (their latencies are left out of the percentiles).
MetricsView buildView(const std::vector<BucketRow>& rows, const DimensionNames& names,
    std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter);
/// The same over rows held elsewhere (the live store hands out pointers).
MetricsView buildView(const std::vector<const BucketRow*>& rows, const DimensionNames& names,
    std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter);

} // namespace tollgate::server
