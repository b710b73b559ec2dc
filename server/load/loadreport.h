#pragma once

// Load runs on paper: the text summary `tollgated load` prints and a
// side-by-side comparison of two runs. JSON forms are in loadjson.h, run
// files in loadrunstore.h.

#include "server/load/loadplan.h"

#include <string>
#include <string_view>

namespace tollgate::server {

/// Settings as JSON text (what loadSettingsToJson in loadjson.h writes), for
/// code that keeps them as text, such as the window's remembered settings.
std::string loadSettingsToJsonText(const LoadSettings& settings);
bool loadSettingsFromJsonText(std::string_view text, LoadSettings* out, std::string* error);

/// "850 µs", "12.3 ms", "1.20 s": three significant digits, the unit
/// switching where a fourth would be needed.
std::string formatLatencyMicros(double micros);

/// What `tollgated load` prints after a run: requests, throughput, latency
/// p50/p90/p99/p99.9/max, a coarse histogram, status codes, errors by kind,
/// and one line per tier and per route.
std::string loadSummaryText(const LoadReport& report);
/// Two runs side by side: the settings that differ, then each measure with
/// both values and the change from a to b in per cent.
std::string loadComparisonText(const LoadReport& a, const LoadReport& b);

} // namespace tollgate::server
