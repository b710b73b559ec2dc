#include "server/metering/metricsdb.h"
#include "server/metering/metricsstore.h"

#include "server/common/text.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace tollgate::server {

namespace fs = std::filesystem;
using namespace metricsdb;

// ---------------------------------------------------------------------------

struct MetricsWriter::Impl {
    sqlite3* db = nullptr;
    fs::path file;
    std::int64_t rolledUpTo = 0;
    // name -> dims.id per kind, as committed.
    std::array<std::unordered_map<std::string, std::int64_t>, 3> dims;
    // Interned in the open transaction; only cached once it commits, so a
    // rolled-back batch never leaves ids behind that the file doesn't have.
    std::vector<std::tuple<int, std::string, std::int64_t>> pendingDims;

    Statement begin, commit, rollback;
    Statement findDim, insertDim;
    Statement insertSecond, insertMinute;
    Statement findMinute, updateMinute;
    Statement nextSecond, secondsOfMinute, setRolledUpTo;
    Statement oldSecond, oldMinute, deleteSeconds, deleteMinutes;

    ~Impl() { closeDb(); }

    std::string fail(const std::string& what) const
    {
        return "metrics database " + pathText(file) + ": " + what + " ("
            + (db ? sqlite3_errmsg(db) : "not open") + ")";
    }

    void closeDb()
    {
        for (Statement* s : { &begin, &commit, &rollback, &findDim, &insertDim, &insertSecond,
                 &insertMinute, &findMinute, &updateMinute, &nextSecond, &secondsOfMinute,
                 &setRolledUpTo, &oldSecond, &oldMinute, &deleteSeconds, &deleteMinutes })
            s->finalize();
        if (db)
            sqlite3_close_v2(db);
        db = nullptr;
        for (auto& m : dims)
            m.clear();
        pendingDims.clear();
        rolledUpTo = 0;
    }

    bool prepareAll()
    {
        const std::string cols = kColumns;
        const std::string insertRow = "(t, route, tier, key, " + cols
            + ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
              "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
        return begin.prepare(db, "BEGIN IMMEDIATE") && commit.prepare(db, "COMMIT")
            && rollback.prepare(db, "ROLLBACK")
            && findDim.prepare(db, "SELECT id FROM dims WHERE kind = ?1 AND name = ?2")
            && insertDim.prepare(db, "INSERT INTO dims(kind, name) VALUES(?1, ?2)")
            && insertSecond.prepare(db, "INSERT INTO seconds" + insertRow)
            && insertMinute.prepare(db, "INSERT INTO minutes" + insertRow)
            && findMinute.prepare(db,
                "SELECT rowid, " + cols
                    + " FROM minutes WHERE t = ?1 AND route = ?2 AND tier = ?3 AND key = ?4")
            && updateMinute.prepare(db,
                "UPDATE minutes SET c2 = ?1, c3 = ?2, c4 = ?3, c5 = ?4, bytes_in = ?5, "
                "bytes_out = ?6, cost = ?7, revenue = ?8, hist = ?9, tokens_in = ?10, "
                "tokens_out = ?11, streams = ?12, events = ?13, ttfe_us = ?14, ttfe_n = ?15 "
                "WHERE rowid = ?16")
            && nextSecond.prepare(db, "SELECT MIN(t) FROM seconds WHERE t >= ?1 AND t < ?2")
            && secondsOfMinute.prepare(
                db, "SELECT route, tier, key, " + cols + " FROM seconds WHERE t >= ?1 AND t < ?2")
            && setRolledUpTo.prepare(
                db, "INSERT OR REPLACE INTO meta(key, value) VALUES('rolledUpTo', ?1)")
            && oldSecond.prepare(db, "SELECT 1 FROM seconds WHERE t < ?1 LIMIT 1")
            && oldMinute.prepare(db, "SELECT 1 FROM minutes WHERE t < ?1 LIMIT 1")
            && deleteSeconds.prepare(db,
                "DELETE FROM seconds WHERE rowid IN (SELECT rowid FROM seconds WHERE t < ?1 "
                "LIMIT ?2)")
            && deleteMinutes.prepare(db,
                "DELETE FROM minutes WHERE rowid IN (SELECT rowid FROM minutes WHERE t < ?1 "
                "LIMIT ?2)");
    }

    bool loadDims(std::string* message)
    {
        Statement s;
        if (!s.prepare(db, "SELECT id, kind, name FROM dims")) {
            *message = sqlite3_errmsg(db);
            return false;
        }
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
            const auto kind = sqlite3_column_int64(s.get(), 1);
            const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 2));
            if (kind >= 0 && kind < 3 && name)
                dims[static_cast<std::size_t>(kind)].emplace(
                    name, sqlite3_column_int64(s.get(), 0));
        }
        if (rc != SQLITE_DONE) {
            *message = sqlite3_errmsg(db);
            return false;
        }
        return true;
    }

    bool step(Statement& s)
    {
        const int rc = sqlite3_step(s.get());
        s.done();
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }

    bool beginTransaction() { return step(begin); }
    bool commitTransaction() { return step(commit); }
    void rollbackTransaction()
    {
        if (!sqlite3_get_autocommit(db))
            step(rollback);
    }

    /// The db id of a dimension name, interning it (in the open transaction)
    /// when new. Empty names are "none" and stored as 0.
    bool intern(int kind, const std::string& name, std::int64_t* id)
    {
        if (name.empty()) {
            *id = 0;
            return true;
        }
        auto& cache = dims[static_cast<std::size_t>(kind)];
        if (const auto it = cache.find(name); it != cache.end()) {
            *id = it->second;
            return true;
        }
        for (const auto& [k, n, pendingId] : pendingDims) {
            if (k == kind && n == name) {
                *id = pendingId;
                return true;
            }
        }
        // Another process may have interned it since we loaded the cache.
        sqlite3_stmt* f = findDim.use();
        sqlite3_bind_int(f, 1, kind);
        sqlite3_bind_text(f, 2, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
        int rc = sqlite3_step(f);
        if (rc == SQLITE_ROW) {
            *id = sqlite3_column_int64(f, 0);
            findDim.done();
            pendingDims.emplace_back(kind, name, *id);
            return true;
        }
        findDim.done();
        if (rc != SQLITE_DONE)
            return false;
        sqlite3_stmt* s = insertDim.use();
        sqlite3_bind_int(s, 1, kind);
        sqlite3_bind_text(s, 2, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
        rc = sqlite3_step(s);
        insertDim.done();
        if (rc != SQLITE_DONE)
            return false;
        *id = sqlite3_last_insert_rowid(db);
        pendingDims.emplace_back(kind, name, *id);
        return true;
    }

    bool insertRow(Statement& stmt, std::int64_t t, const DimKey& k, const Sums& sums)
    {
        const std::string hist = sums.histogramBytes();
        sqlite3_stmt* s = stmt.use();
        sqlite3_bind_int64(s, 1, t);
        sqlite3_bind_int64(s, 2, std::get<0>(k));
        sqlite3_bind_int64(s, 3, std::get<1>(k));
        sqlite3_bind_int64(s, 4, std::get<2>(k));
        sums.bind(s, 5, &hist);
        return step(stmt);
    }

    /// A row for a minute already rolled up (the writer fell more than two
    /// seconds behind): fold it into that minute's rollup too, so minute reads
    /// never miss what second reads show.
    bool foldIntoMinute(const BucketRow& row, const DimKey& k)
    {
        const std::int64_t m = floorMinute(row.time);
        sqlite3_stmt* f = findMinute.use();
        sqlite3_bind_int64(f, 1, m);
        sqlite3_bind_int64(f, 2, std::get<0>(k));
        sqlite3_bind_int64(f, 3, std::get<1>(k));
        sqlite3_bind_int64(f, 4, std::get<2>(k));
        const int rc = sqlite3_step(f);
        if (rc == SQLITE_DONE) {
            findMinute.done();
            Sums sums;
            sums.addRow(row);
            return insertRow(insertMinute, m, k, sums);
        }
        if (rc != SQLITE_ROW) {
            findMinute.done();
            return false;
        }
        const std::int64_t rowid = sqlite3_column_int64(f, 0);
        Sums sums;
        sums.addColumns(f, 1);
        findMinute.done();
        sums.addRow(row);
        const std::string hist = sums.histogramBytes();
        sqlite3_stmt* u = updateMinute.use();
        sums.bind(u, 1, &hist);
        sqlite3_bind_int64(u, 16, rowid);
        return step(updateMinute);
    }

    /// Rolls [m, m+60) into minutes; *rowsRead counts the seconds rows read.
    bool rollMinute(std::int64_t m, std::int64_t* rowsRead)
    {
        std::map<DimKey, Sums> merged;
        sqlite3_stmt* s = secondsOfMinute.use();
        sqlite3_bind_int64(s, 1, m);
        sqlite3_bind_int64(s, 2, m + 60);
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ++*rowsRead;
            const DimKey k { sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                sqlite3_column_int64(s, 2) };
            merged[k].addColumns(s, 3);
        }
        secondsOfMinute.done();
        if (rc != SQLITE_DONE)
            return false;
        for (const auto& [k, sums] : merged) {
            if (!insertRow(insertMinute, m, k, sums))
                return false;
        }
        return true;
    }

    /// The oldest seconds row in [from, before), or false when none (or on
    /// error, with *failed set).
    bool oldestSecond(std::int64_t from, std::int64_t before, std::int64_t* t, bool* failed)
    {
        sqlite3_stmt* s = nextSecond.use();
        sqlite3_bind_int64(s, 1, from);
        sqlite3_bind_int64(s, 2, before);
        const int rc = sqlite3_step(s);
        const bool found = rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL;
        if (found)
            *t = sqlite3_column_int64(s, 0);
        *failed = rc != SQLITE_ROW;
        nextSecond.done();
        return found;
    }

    bool any(Statement& stmt, std::int64_t before, bool* failed)
    {
        sqlite3_stmt* s = stmt.use();
        sqlite3_bind_int64(s, 1, before);
        const int rc = sqlite3_step(s);
        stmt.done();
        *failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
        return rc == SQLITE_ROW;
    }

    bool deleteOld(Statement& probe, Statement& del, std::int64_t before, std::string* error)
    {
        bool failed = false;
        if (!any(probe, before, &failed)) {
            if (failed)
                setError(error, fail("cannot look for expired rows"));
            return !failed;
        }
        sqlite3_stmt* s = del.use();
        sqlite3_bind_int64(s, 1, before);
        sqlite3_bind_int(s, 2, kMaxDeletedRowsPerCall);
        // A single statement is its own transaction.
        if (!step(del)) {
            setError(error, fail("cannot delete expired rows"));
            return false;
        }
        return true;
    }
};

MetricsWriter::MetricsWriter()
    : d(std::make_unique<Impl>())
{
}

MetricsWriter::~MetricsWriter() = default;

bool MetricsWriter::isOpen() const
{
    return d->db != nullptr;
}

void MetricsWriter::close()
{
    d->closeDb();
}

bool MetricsWriter::open(const fs::path& file, std::string* error)
{
    close();
    d->file = file;
    const std::string name = pathText(file);
    std::error_code ec;
    if (file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
        fs::create_directories(file.parent_path(), ec);
        if (ec) {
            setError(error, "cannot create the directory of " + name + ": " + ec.message());
            return false;
        }
    }
    bool exists = false;
    if (!checkHeader(file, &exists, error))
        return false;
    // An existing file is looked at through a read-only connection first: a
    // read-write one could change a foreign file just by closing (it
    // checkpoints and removes a WAL it finds).
    if (exists && fs::file_size(file, ec) > 0) {
        sqlite3* probe = nullptr;
        const int rc = sqlite3_open_v2(file.c_str(), &probe, SQLITE_OPEN_READONLY, nullptr);
        const Content content = rc == SQLITE_OK ? inspect(probe, file, error) : Content::Refused;
        if (rc != SQLITE_OK)
            setError(error,
                "cannot open " + name + ": "
                    + (probe ? sqlite3_errmsg(probe) : sqlite3_errstr(rc)));
        sqlite3_close_v2(probe);
        if (content == Content::Refused)
            return false;
    }

    sqlite3* db = nullptr;
    const int rc
        = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        setError(
            error, "cannot open " + name + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close_v2(db);
        return false;
    }
    d->db = db;
    sqlite3_busy_timeout(db, kBusyTimeoutMs);

    // Everything up to here only read the file. Inspected again on this
    // connection in case another process replaced it meanwhile.
    std::int64_t version = kSchemaVersion;
    if (inspect(db, file, error, &version) == Content::Refused) {
        d->closeDb();
        return false;
    }
    std::string message;
    const auto failed = [&](const std::string& what) {
        setError(error, "metrics database " + name + ": " + what + " (" + message + ")");
        d->closeDb();
        return false;
    };
    Statement wal;
    if (!wal.prepare(db, "PRAGMA journal_mode=WAL") || sqlite3_step(wal.get()) != SQLITE_ROW) {
        message = sqlite3_errmsg(db);
        return failed("cannot switch to WAL");
    }
    const auto* mode = reinterpret_cast<const char*>(sqlite3_column_text(wal.get(), 0));
    if (!mode || std::string_view(mode) != "wal") {
        message = "journal mode is " + std::string(mode ? mode : "unknown");
        return failed("WAL is not available");
    }
    wal.finalize();
    if (!exec(db, "PRAGMA synchronous=NORMAL", &message))
        return failed("cannot set synchronous=NORMAL");
    if (!exec(db, "BEGIN IMMEDIATE", &message))
        return failed("cannot lock");
    if (!exec(db, kSchema, &message)) {
        exec(db, "ROLLBACK", nullptr);
        return failed("cannot create the schema");
    }
    if (version == 1 && !exec(db, kMigrateToV2, &message)) {
        exec(db, "ROLLBACK", nullptr);
        return failed("cannot add the token columns (schema version 1 to 2)");
    }
    if (!exec(db, "COMMIT", &message)) {
        exec(db, "ROLLBACK", nullptr);
        return failed("cannot create the schema");
    }
    if (!readRolledUpTo(db, &d->rolledUpTo, &message))
        return failed("cannot read the rollup position");
    if (!d->loadDims(&message))
        return failed("cannot read dimension names");
    if (!d->prepareAll()) {
        message = sqlite3_errmsg(db);
        return failed("cannot prepare statements");
    }
    return true;
}

bool MetricsWriter::write(
    const std::vector<BucketRow>& rows, const DimensionNames& names, std::string* error)
{
    if (!d->db) {
        setError(error, "metrics database is not open");
        return false;
    }
    if (rows.empty())
        return true;
    // Per-call maps from the caller's ids to db ids (-1: not resolved yet).
    std::array<const std::vector<std::string>*, 3> nameLists { &names.routes, &names.tiers,
        &names.keys };
    std::array<std::vector<std::int64_t>, 3> resolved;
    for (std::size_t k = 0; k < 3; ++k)
        resolved[k].assign(nameLists[k]->size(), -1);

    if (!d->beginTransaction()) {
        setError(error, d->fail("cannot start a transaction"));
        return false;
    }
    d->pendingDims.clear();
    const auto abort = [&](const std::string& message) {
        setError(error, message);
        d->rollbackTransaction();
        d->pendingDims.clear();
        return false;
    };
    static constexpr const char* kKindNames[] = { "route", "tier", "key" };
    for (const BucketRow& row : rows) {
        const std::array<std::uint32_t, 3> ids { row.route, row.tier, row.key };
        std::array<std::int64_t, 3> dbIds {};
        for (std::size_t k = 0; k < 3; ++k) {
            if (ids[k] == 0)
                continue;
            if (ids[k] >= resolved[k].size())
                return abort("metrics database " + pathText(d->file) + ": a row names "
                    + kKindNames[k] + " id " + std::to_string(ids[k])
                    + " that has no name; nothing of this batch was written");
            std::int64_t& id = resolved[k][ids[k]];
            if (id < 0 && !d->intern(int(k), (*nameLists[k])[ids[k]], &id))
                return abort(d->fail("cannot store a dimension name"));
            dbIds[k] = id;
        }
        const DimKey key { dbIds[0], dbIds[1], dbIds[2] };
        Sums sums;
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            sums.counts[i] = row.counts[i];
        sums.bytesIn = row.bytesIn;
        sums.bytesOut = row.bytesOut;
        sums.cost = row.costMicros;
        sums.revenue = row.revenueMicros;
        sums.tokensIn = row.tokensIn;
        sums.tokensOut = row.tokensOut;
        sums.streams = row.streams;
        sums.events = row.events;
        sums.firstEventUs = row.firstEventUs;
        sums.firstEvents = row.firstEvents;
        // Stored as given: the aggregator encoded it, and readers validate.
        sqlite3_stmt* s = d->insertSecond.use();
        sqlite3_bind_int64(s, 1, row.time);
        sqlite3_bind_int64(s, 2, dbIds[0]);
        sqlite3_bind_int64(s, 3, dbIds[1]);
        sqlite3_bind_int64(s, 4, dbIds[2]);
        sums.bind(s, 5, &row.histogram);
        if (!d->step(d->insertSecond))
            return abort(d->fail("cannot store a row"));
        if (row.time < d->rolledUpTo && !d->foldIntoMinute(row, key))
            return abort(d->fail("cannot fold a late row into its minute"));
    }
    if (!d->commitTransaction())
        return abort(d->fail("cannot commit"));
    for (auto& [kind, name, id] : d->pendingDims)
        d->dims[static_cast<std::size_t>(kind)].emplace(std::move(name), id);
    d->pendingDims.clear();
    return true;
}

bool MetricsWriter::maintain(
    std::int64_t nowSec, const MetricsRetention& retention, std::string* error)
{
    if (!d->db) {
        setError(error, "metrics database is not open");
        return false;
    }
    // Minutes before `boundary` are complete: m + 60 <= boundary <= now - 2.
    const std::int64_t boundary = floorMinute(nowSec - 2);
    if (d->rolledUpTo < boundary) {
        bool failed = false;
        std::int64_t first = 0;
        // When rolledUpTo is 0 (a fresh file) this starts at the oldest row.
        if (d->oldestSecond(d->rolledUpTo, boundary, &first, &failed)) {
            if (!d->beginTransaction()) {
                setError(error, d->fail("cannot start a transaction"));
                return false;
            }
            std::int64_t m = floorMinute(first);
            std::int64_t rolledTo = boundary;
            std::int64_t rowsRead = 0;
            for (int n = 0;; ++n) {
                if (n == kMaxMinutesPerCall || rowsRead >= kMaxRolledRowsPerCall) {
                    rolledTo = m; // the rest next call
                    break;
                }
                if (!d->rollMinute(m, &rowsRead)) {
                    setError(error, d->fail("cannot roll up minute " + std::to_string(m)));
                    d->rollbackTransaction();
                    return false;
                }
                std::int64_t next = 0;
                if (!d->oldestSecond(m + 60, boundary, &next, &failed)) {
                    if (failed) {
                        setError(error, d->fail("cannot look for seconds to roll up"));
                        d->rollbackTransaction();
                        return false;
                    }
                    break; // everything before the boundary is rolled up
                }
                m = floorMinute(next);
            }
            sqlite3_stmt* s = d->setRolledUpTo.use();
            sqlite3_bind_int64(s, 1, rolledTo);
            if (!d->step(d->setRolledUpTo) || !d->commitTransaction()) {
                setError(error, d->fail("cannot commit a rollup"));
                d->rollbackTransaction();
                return false;
            }
            d->rolledUpTo = rolledTo;
        } else if (failed) {
            setError(error, d->fail("cannot look for seconds to roll up"));
            return false;
        }
        // No seconds rows before the boundary: nothing to write. rolledUpTo
        // stays behind, which is harmless (readers fold seconds from there).
    }
    // Seconds not rolled up yet are kept whatever the retention says: the
    // minute rows would otherwise lose them.
    const std::int64_t secondsBefore
        = std::min(nowSec - std::max<std::int64_t>(retention.secondsKeptFor, 0), d->rolledUpTo);
    if (!d->deleteOld(d->oldSecond, d->deleteSeconds, secondsBefore, error))
        return false;
    return d->deleteOld(d->oldMinute, d->deleteMinutes,
        nowSec - std::max<std::int64_t>(retention.minutesKeptFor, 0), error);
}

} // namespace tollgate::server
