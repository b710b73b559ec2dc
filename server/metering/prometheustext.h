#pragma once

// Pieces of the Prometheus text exposition format (0.0.4) shared by the
// metric families Tollgate exposes.

#include "server/metering/latencyhistogram.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tollgate::server {

/// A label value with backslash, quote and newline escaped.
void appendLabel(std::string& out, std::string_view v);
void appendNumber(std::string& out, std::uint64_t v);
/// Micro-dollars as dollars without float rounding: "-0.000123", "12.5".
void appendDollars(std::string& out, std::int64_t micros);
/// The _bucket, _sum and _count lines of a µs histogram in seconds, with the
/// fixed bounds 100 µs .. 10 s; `labels` is e.g. route="GET /x". Nothing for
/// an empty histogram.
void appendHistogram(
    std::string& out, std::string_view name, std::string_view labels, const LatencyHistogram& h);

} // namespace tollgate::server
