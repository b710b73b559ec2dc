#pragma once

// Internal to metering's storage: the metrics database's schema, SQLite
// helpers and the checks shared by the writer (metricswriter.cpp) and the
// readers (metricsreader.cpp).

#include "server/metering/metricsview.h"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>

namespace tollgate::server::metricsdb {

namespace fs = std::filesystem;

// 2 added tokens_in, tokens_out and the stream columns (streams, events,
// ttfe_us, ttfe_n); a version 1 file is migrated when a writer opens it, and
// readers read it as having none of these.
constexpr std::int64_t kSchemaVersion = 2;

// Readers wait this long for a writer's lock (checkpoints, schema creation)
// before giving up; the writer waits as long for another process.
constexpr int kBusyTimeoutMs = 2000;

// maintain() bounds: a long backlog (the app was closed for a day, then
// reopened on old seconds rows) is worked off a slice per call, so the writer
// never stalls for long and batches keep flowing.
constexpr int kMaxMinutesPerCall = 60;

constexpr std::int64_t kMaxRolledRowsPerCall = 200'000;

constexpr int kMaxDeletedRowsPerCall = 50'000;

enum DimKind : int { KindRoute = 0, KindTier = 1, KindKey = 2 };

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);

CREATE TABLE IF NOT EXISTS dims(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,
    UNIQUE(kind, name));
CREATE TABLE IF NOT EXISTS seconds(t INTEGER NOT NULL, route INTEGER NOT NULL,
    tier INTEGER NOT NULL, key INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
    c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, bytes_in INTEGER NOT NULL,
    bytes_out INTEGER NOT NULL, cost INTEGER NOT NULL, revenue INTEGER NOT NULL, hist BLOB,
    tokens_in INTEGER NOT NULL DEFAULT 0, tokens_out INTEGER NOT NULL DEFAULT 0,
    streams INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
    ttfe_us INTEGER NOT NULL DEFAULT 0, ttfe_n INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS minutes(t INTEGER NOT NULL, route INTEGER NOT NULL,
    tier INTEGER NOT NULL, key INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
    c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, bytes_in INTEGER NOT NULL,
    bytes_out INTEGER NOT NULL, cost INTEGER NOT NULL, revenue INTEGER NOT NULL, hist BLOB,
    tokens_in INTEGER NOT NULL DEFAULT 0, tokens_out INTEGER NOT NULL DEFAULT 0,
    streams INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
    ttfe_us INTEGER NOT NULL DEFAULT 0, ttfe_n INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS seconds_t ON seconds(t);

CREATE INDEX IF NOT EXISTS minutes_t ON minutes(t);

INSERT OR IGNORE INTO meta(key, value) VALUES('schemaVersion', 2), ('rolledUpTo', 0);

)sql";

constexpr const char* kColumns
    = "c2, c3, c4, c5, bytes_in, bytes_out, cost, revenue, hist, tokens_in, tokens_out, "
      "streams, events, ttfe_us, ttfe_n";
// The same columns of a version 1 file, which has no token columns.
constexpr const char* kColumnsV1
    = "c2, c3, c4, c5, bytes_in, bytes_out, cost, revenue, hist, 0, 0, 0, 0, 0, 0";
// Version 1 -> 2, in the writer's schema transaction.
constexpr const char* kMigrateToV2 = R"sql(
ALTER TABLE seconds ADD COLUMN tokens_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seconds ADD COLUMN tokens_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN tokens_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN tokens_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seconds ADD COLUMN streams INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seconds ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seconds ADD COLUMN ttfe_us INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seconds ADD COLUMN ttfe_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN streams INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN ttfe_us INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN ttfe_n INTEGER NOT NULL DEFAULT 0;
UPDATE meta SET value = 2 WHERE key = 'schemaVersion';
)sql";

std::int64_t floorMinute(std::int64_t t);

std::int64_t ceilMinute(std::int64_t t);

std::string pathText(const fs::path& file);

// One statement, finalized on destruction. Bindings are reset before each use.
class Statement {
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool prepare(sqlite3* db, const std::string& sql)
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                   SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr)
            == SQLITE_OK;
    }
    void finalize()
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    sqlite3_stmt* get() const { return m_stmt; }

    // Reset + clear bindings so a statement left half-stepped after an error
    // never holds a read transaction open.
    sqlite3_stmt* use()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        return m_stmt;
    }
    void done() { sqlite3_reset(m_stmt); }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

void bindBlob(sqlite3_stmt* s, int index, const std::string& bytes);

std::string_view columnBlob(sqlite3_stmt* s, int index);

// The measures of a row (everything but time and dimensions), summed as rows
// are merged. Histograms that do not decode are left out; `anyHistogram`
// tells whether at least one fragment contributed one.
struct Sums {
    std::array<std::uint64_t, kStatusClasses> counts {};
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::int64_t cost = 0;
    std::int64_t revenue = 0;
    std::uint64_t tokensIn = 0;
    std::uint64_t tokensOut = 0;
    std::uint64_t streams = 0, events = 0, firstEventUs = 0, firstEvents = 0;
    LatencyHistogram histogram;
    bool anyHistogram = false;

    // Columns c2 .. ttfe_n (kColumns) starting at `first`.
    void addColumns(sqlite3_stmt* s, int first)
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            counts[i] += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + int(i)));
        bytesIn += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 4));
        bytesOut += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 5));
        cost += sqlite3_column_int64(s, first + 6);
        revenue += sqlite3_column_int64(s, first + 7);
        addHistogram(columnBlob(s, first + 8));
        tokensIn += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 9));
        tokensOut += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 10));
        streams += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 11));
        events += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 12));
        firstEventUs += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 13));
        firstEvents += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 14));
    }
    void addRow(const BucketRow& r)
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            counts[i] += r.counts[i];
        bytesIn += r.bytesIn;
        bytesOut += r.bytesOut;
        cost += r.costMicros;
        revenue += r.revenueMicros;
        tokensIn += r.tokensIn;
        tokensOut += r.tokensOut;
        streams += r.streams;
        events += r.events;
        firstEventUs += r.firstEventUs;
        firstEvents += r.firstEvents;
        addHistogram(r.histogram);
    }
    void addHistogram(std::string_view bytes)
    {
        if (!bytes.empty() && histogram.mergeBytes(bytes))
            anyHistogram = true;
    }
    std::string histogramBytes() const
    {
        return anyHistogram ? histogram.toBytes() : std::string();
    }

    // Binds c2 .. ttfe_n starting at parameter `first`; *hist must outlive the step.
    void bind(sqlite3_stmt* s, int first, const std::string* hist) const
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            sqlite3_bind_int64(s, first + int(i), static_cast<sqlite3_int64>(counts[i]));
        sqlite3_bind_int64(s, first + 4, static_cast<sqlite3_int64>(bytesIn));
        sqlite3_bind_int64(s, first + 5, static_cast<sqlite3_int64>(bytesOut));
        sqlite3_bind_int64(s, first + 6, cost);
        sqlite3_bind_int64(s, first + 7, revenue);
        bindBlob(s, first + 8, *hist);
        sqlite3_bind_int64(s, first + 9, static_cast<sqlite3_int64>(tokensIn));
        sqlite3_bind_int64(s, first + 10, static_cast<sqlite3_int64>(tokensOut));
        sqlite3_bind_int64(s, first + 11, static_cast<sqlite3_int64>(streams));
        sqlite3_bind_int64(s, first + 12, static_cast<sqlite3_int64>(events));
        sqlite3_bind_int64(s, first + 13, static_cast<sqlite3_int64>(firstEventUs));
        sqlite3_bind_int64(s, first + 14, static_cast<sqlite3_int64>(firstEvents));
    }
};

/// Runs SQL without results; false with sqlite's message.
bool exec(sqlite3* db, const char* sql, std::string* message);

/// Before SQLite sees a file: an existing non-empty file must start with the
/// SQLite header, so a text file (or anything else someone pointed us at) is
/// refused with a clear message and certainly never touched.
bool checkHeader(const fs::path& file, bool* exists, std::string* error);

enum class Content { Empty, Ours, Refused };

/// What an open connection holds: nothing yet, a Tollgate metrics database
/// this version can use, or something to refuse (error says why). Only reads.
/// *schemaVersion (when given) is the schema version of a file that is Ours.
Content inspect(
    sqlite3* db, const fs::path& file, std::string* error, std::int64_t* schemaVersion = nullptr);

bool readRolledUpTo(sqlite3* db, std::int64_t* out, std::string* message);

using DimKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // route, tier, key

} // namespace tollgate::server::metricsdb
