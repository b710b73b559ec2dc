#pragma once

// Load settings and reports as JSON values (run files, `tollgated load
// --json`, the Load page's remembered settings). Key secrets are never
// written. The window uses the text forms in loadreport.h instead.

#include "server/load/loadplan.h"

#include <boost/json/value.hpp>

#include <string>

namespace tollgate::server {

/// Settings as JSON. Key secrets are never written (id, tier and weight are).
boost::json::value loadSettingsToJson(const LoadSettings& settings);
/// Reads what loadSettingsToJson wrote; absent fields keep their defaults
/// (those of LoadSettings{}, not what *out held). A "secret" member is
/// ignored: no key ever comes back from a file. False with a reason naming
/// the field ("mix[2].weight: must be a number >= 0") for wrong types or
/// values, leaving *out as it was.
bool loadSettingsFromJson(const boost::json::value& json, LoadSettings* out, std::string* error);

/// The whole report, latency as percentiles (µs) for people and scripts plus
/// the histogram's exact encoding so a reread report is the same report.
boost::json::value loadReportToJson(const LoadReport& report);
/// Reads what loadReportToJson wrote (only the encodings of the histograms
/// are read; a "count" that disagrees with its encoding is an error). Same
/// error convention as loadSettingsFromJson ("timeline[3].latency.encoded:
/// ..."); refuses a newer schemaVersion.
bool loadReportFromJson(const boost::json::value& json, LoadReport* out, std::string* error);

} // namespace tollgate::server
