#pragma once

// Load runs on paper and on disk (issue 6): settings and reports as JSON,
// the text summary `tollgated load` prints, a side-by-side comparison of two
// runs, and the run files under <workspace>/.tollgate/loadruns/.

#include "server/load/loadplan.h"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

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

/// What `tollgated load` prints after a run: requests, throughput, latency
/// p50/p90/p99/p99.9/max, a coarse histogram, status codes, errors by kind,
/// and one line per tier and per route.
std::string loadSummaryText(const LoadReport& report);
/// Two runs side by side: the settings that differ, then each measure with
/// both values and the change from a to b in per cent.
std::string loadComparisonText(const LoadReport& a, const LoadReport& b);

/// One saved run, as the run list shows it.
struct LoadRunInfo {
    std::string id;
    std::string startedAt;
    std::string url;
    LoadModel model = LoadModel::Closed;
    int connections = 0;
    double rate = 0;
    std::uint64_t requests = 0;
    double throughput = 0;
    std::uint64_t p50 = 0; ///< µs
    std::uint64_t p99 = 0; ///< µs
    std::uint64_t errors = 0;
    bool stopped = false;
};

/// The run files of one workspace: <dir>/<id>.json, one per run, written
/// whole to a temporary file and renamed so a crash never leaves half a run.
class LoadRunStore {
public:
    /// dir is usually <workspace>/.tollgate/loadruns; made on first save.
    explicit LoadRunStore(std::string dir);

    const std::string& dir() const { return m_dir; }
    /// Writes the report; gives it an id (from its start time, unique in
    /// the directory: "20261127-131500", then "-2", "-3"...) when it has
    /// none, and sets report->id only once the file is written. A report
    /// with an id replaces that run. False with a reason on a bad id or an
    /// I/O failure.
    bool save(LoadReport* report, std::string* error) const;
    /// Newest first (startedAt, then id). Files that cannot be read are
    /// skipped and named in *problems (when given), one "file: reason" line
    /// each. A run's id is its file name without ".json", whatever the file
    /// says inside; load() sets it the same way.
    std::vector<LoadRunInfo> list(std::vector<std::string>* problems = nullptr) const;
    /// Ids that are empty, hold '/', '\' or "..", or start with '.' are
    /// refused by load(), remove() and save() alike.
    bool load(const std::string& id, LoadReport* out, std::string* error) const;
    bool remove(const std::string& id, std::string* error) const;

private:
    std::string m_dir;
};

} // namespace tollgate::server
