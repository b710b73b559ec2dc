#pragma once

// SQLite storage of metric buckets (issue 5): one file, WAL mode, written by
// one thread (Metering's writer) and read by any number of others.
//
// Schema (schemaVersion 2; metricsdb.h migrates a version 1 file):
//   meta(key TEXT PRIMARY KEY, value)      -- schemaVersion, rolledUpTo
//   dims(id INTEGER PRIMARY KEY, kind INTEGER, name TEXT, UNIQUE(kind, name))
//   seconds(t, route, tier, key, c2, c3, c4, c5, bytes_in, bytes_out, cost, revenue, hist BLOB,
//           tokens_in, tokens_out, streams, events, ttfe_us, ttfe_n)
//   minutes(... same columns ...)
// `seconds` may hold several rows for the same (t, route, tier, key): the
// writer flushes the open second every flush interval, so a row is a fragment
// and readers add fragments up. `minutes` holds one row per minute × dims,
// rolled up from `seconds` in the same transaction that marks the minute done.

#include "server/metering/metricsview.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace tollgate::server {

struct MetricsRetention {
    std::int64_t secondsKeptFor = 24 * 3600; ///< per-second rows older than this are deleted
    std::int64_t minutesKeptFor = 7 * 24 * 3600; ///< per-minute rollups older than this are deleted
    bool operator==(const MetricsRetention&) const = default;
};

/// The writing side. Not thread-safe: one thread opens, writes and maintains.
class MetricsWriter {
public:
    MetricsWriter();
    ~MetricsWriter();
    MetricsWriter(const MetricsWriter&) = delete;
    MetricsWriter& operator=(const MetricsWriter&) = delete;

    /// Opens (creating the file, its directory and the schema if needed) with
    /// journal_mode=WAL and synchronous=NORMAL (a committed transaction
    /// survives the process being killed). A file that is not a Tollgate
    /// metrics database, or has a newer schema, is refused with an error
    /// naming the file; it is never modified.
    bool open(const std::filesystem::path& file, std::string* error);
    bool isOpen() const;
    void close();

    /// Appends rows in one transaction (all or nothing). Names are resolved
    /// through `names` and interned in the dims table.
    bool write(const std::vector<BucketRow>& rows, const DimensionNames& names, std::string* error);

    /// Rolls every complete minute that ends at or before `nowSec - 2` into
    /// `minutes` (each minute once, in one transaction with its bookkeeping),
    /// then deletes rows older than the retention allows. Cheap when there
    /// is nothing to do; the writer calls it about once a second.
    bool maintain(std::int64_t nowSec, const MetricsRetention& retention, std::string* error);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// Reads [from, to) from a metrics database (read-only connection; safe while
/// a writer is running, from any thread). With `minutes`, minute rollups are
/// read, and seconds not rolled up yet are folded into minute rows, so the
/// newest minutes are there too; otherwise per-second rows (fragments merged).
/// Row ids refer to *names, filled here. Returns false with a message naming
/// the file when it cannot be read.
bool readMetrics(const std::filesystem::path& file, std::int64_t from, std::int64_t to,
    bool minutes, std::vector<BucketRow>* rows, DimensionNames* names, std::string* error);

/// readMetrics() + buildView(): minute rows when step >= 60.
MetricsView historicalView(const std::filesystem::path& file, std::int64_t from, std::int64_t to,
    std::int64_t step, const MetricsFilter& filter);

} // namespace tollgate::server
