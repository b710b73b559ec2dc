#pragma once

// The run files of a workspace, under <workspace>/.tollgate/loadruns/.

#include "server/load/loadplan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tollgate::server {

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
