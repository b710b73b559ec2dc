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

namespace {

constexpr std::int64_t kSchemaVersion = 1;
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
    bytes_out INTEGER NOT NULL, cost INTEGER NOT NULL, revenue INTEGER NOT NULL, hist BLOB);
CREATE TABLE IF NOT EXISTS minutes(t INTEGER NOT NULL, route INTEGER NOT NULL,
    tier INTEGER NOT NULL, key INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
    c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, bytes_in INTEGER NOT NULL,
    bytes_out INTEGER NOT NULL, cost INTEGER NOT NULL, revenue INTEGER NOT NULL, hist BLOB);
CREATE INDEX IF NOT EXISTS seconds_t ON seconds(t);
CREATE INDEX IF NOT EXISTS minutes_t ON minutes(t);
INSERT OR IGNORE INTO meta(key, value) VALUES('schemaVersion', 1), ('rolledUpTo', 0);
)sql";

constexpr const char* kColumns = "c2, c3, c4, c5, bytes_in, bytes_out, cost, revenue, hist";

std::int64_t floorMinute(std::int64_t t)
{
    const std::int64_t r = t % 60;
    return r < 0 ? t - r - 60 : t - r;
}

std::int64_t ceilMinute(std::int64_t t)
{
    const std::int64_t f = floorMinute(t);
    return f == t ? t : f + 60;
}

std::string pathText(const fs::path& file)
{
    return file.string();
}

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

void bindBlob(sqlite3_stmt* s, int index, const std::string& bytes)
{
    if (bytes.empty())
        sqlite3_bind_null(s, index);
    else
        sqlite3_bind_blob(s, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

std::string_view columnBlob(sqlite3_stmt* s, int index)
{
    const void* data = sqlite3_column_blob(s, index);
    const int size = sqlite3_column_bytes(s, index);
    if (!data || size <= 0)
        return {};
    return { static_cast<const char*>(data), static_cast<std::size_t>(size) };
}

// The measures of a row (everything but time and dimensions), summed as rows
// are merged. Histograms that do not decode are left out; `anyHistogram`
// tells whether at least one fragment contributed one.
struct Sums {
    std::array<std::uint64_t, kStatusClasses> counts {};
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::int64_t cost = 0;
    std::int64_t revenue = 0;
    LatencyHistogram histogram;
    bool anyHistogram = false;

    // Columns c2 .. hist starting at `first`.
    void addColumns(sqlite3_stmt* s, int first)
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            counts[i] += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + int(i)));
        bytesIn += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 4));
        bytesOut += static_cast<std::uint64_t>(sqlite3_column_int64(s, first + 5));
        cost += sqlite3_column_int64(s, first + 6);
        revenue += sqlite3_column_int64(s, first + 7);
        addHistogram(columnBlob(s, first + 8));
    }
    void addRow(const BucketRow& r)
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            counts[i] += r.counts[i];
        bytesIn += r.bytesIn;
        bytesOut += r.bytesOut;
        cost += r.costMicros;
        revenue += r.revenueMicros;
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

    // Binds c2 .. hist starting at parameter `first`; *hist must outlive the step.
    void bind(sqlite3_stmt* s, int first, const std::string* hist) const
    {
        for (std::size_t i = 0; i < kStatusClasses; ++i)
            sqlite3_bind_int64(s, first + int(i), static_cast<sqlite3_int64>(counts[i]));
        sqlite3_bind_int64(s, first + 4, static_cast<sqlite3_int64>(bytesIn));
        sqlite3_bind_int64(s, first + 5, static_cast<sqlite3_int64>(bytesOut));
        sqlite3_bind_int64(s, first + 6, cost);
        sqlite3_bind_int64(s, first + 7, revenue);
        bindBlob(s, first + 8, *hist);
    }
};

/// Runs SQL without results; false with sqlite's message.
bool exec(sqlite3* db, const char* sql, std::string* message)
{
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK)
        return true;
    if (message)
        *message = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return false;
}

/// Before SQLite sees a file: an existing non-empty file must start with the
/// SQLite header, so a text file (or anything else someone pointed us at) is
/// refused with a clear message and certainly never touched.
bool checkHeader(const fs::path& file, bool* exists, std::string* error)
{
    std::error_code ec;
    *exists = fs::exists(file, ec);
    if (!*exists)
        return true;
    if (fs::is_directory(file, ec)) {
        setError(error, pathText(file) + " is a directory, not a metrics database");
        return false;
    }
    const auto size = fs::file_size(file, ec);
    if (ec) {
        setError(error, "cannot read " + pathText(file) + ": " + ec.message());
        return false;
    }
    if (size == 0)
        return true; // SQLite takes an empty file as an empty database
    static constexpr char kMagic[16] = "SQLite format 3"; // and its NUL
    char header[sizeof kMagic] = {};
    if (size >= sizeof header) {
        std::ifstream in(file, std::ios::binary);
        if (!in.read(header, sizeof header)) {
            setError(error, "cannot read " + pathText(file));
            return false;
        }
    }
    if (!std::equal(header, header + sizeof header, kMagic)) {
        setError(error,
            pathText(file)
                + " is not a SQLite database, so it cannot hold Tollgate metrics (left untouched)");
        return false;
    }
    return true;
}

enum class Content { Empty, Ours, Refused };

/// What an open connection holds: nothing yet, a Tollgate metrics database
/// this version can use, or something to refuse (error says why). Only reads.
Content inspect(sqlite3* db, const fs::path& file, std::string* error)
{
    const std::string name = pathText(file);
    Statement tables;
    if (!tables.prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
        const int code = sqlite3_errcode(db);
        if (code == SQLITE_NOTADB)
            setError(error, name + " is not a SQLite database, so it cannot hold Tollgate metrics");
        else if (code == SQLITE_CORRUPT)
            setError(error, name + " is corrupt (" + sqlite3_errmsg(db) + ")");
        else
            setError(error, "cannot read " + name + ": " + sqlite3_errmsg(db));
        return Content::Refused;
    }
    bool any = false;
    bool hasMeta = false;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(tables.get())) == SQLITE_ROW) {
        any = true;
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(tables.get(), 0));
        if (t && std::string_view(t) == "meta")
            hasMeta = true;
    }
    if (rc != SQLITE_DONE) {
        setError(error,
            (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? name + " is corrupt ("
                                                         : "cannot read " + name + " (")
                + sqlite3_errmsg(db) + ")");
        return Content::Refused;
    }
    if (!any)
        return Content::Empty;
    const std::string foreign = name
        + " is a SQLite database but not a Tollgate metrics database (no schemaVersion in a "
          "meta table); it was left untouched";
    if (!hasMeta) {
        setError(error, foreign);
        return Content::Refused;
    }
    Statement version;
    if (!version.prepare(db, "SELECT value FROM meta WHERE key = 'schemaVersion'")) {
        setError(error, foreign);
        return Content::Refused;
    }
    rc = sqlite3_step(version.get());
    if (rc != SQLITE_ROW || sqlite3_column_type(version.get(), 0) != SQLITE_INTEGER) {
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            setError(error, "cannot read " + name + ": " + sqlite3_errmsg(db));
        else
            setError(error, foreign);
        return Content::Refused;
    }
    const std::int64_t v = sqlite3_column_int64(version.get(), 0);
    if (v > kSchemaVersion) {
        setError(error,
            name + " was written by a newer Tollgate (metrics schema version " + std::to_string(v)
                + ", this version reads " + std::to_string(kSchemaVersion)
                + "); it was left untouched");
        return Content::Refused;
    }
    if (v < 1) {
        setError(error, foreign);
        return Content::Refused;
    }
    return Content::Ours;
}

bool readRolledUpTo(sqlite3* db, std::int64_t* out, std::string* message)
{
    Statement s;
    if (!s.prepare(db, "SELECT value FROM meta WHERE key = 'rolledUpTo'")) {
        *message = sqlite3_errmsg(db);
        return false;
    }
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s.get(), 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    else {
        *message = sqlite3_errmsg(db);
        return false;
    }
    return true;
}

using DimKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // route, tier, key

} // namespace

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
              "?11, ?12, ?13)";
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
                "bytes_out = ?6, cost = ?7, revenue = ?8, hist = ?9 WHERE rowid = ?10")
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
        sqlite3_bind_int64(u, 10, rowid);
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
    if (inspect(db, file, error) == Content::Refused) {
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

// ---------------------------------------------------------------------------

namespace {

// A read-only connection, closed on destruction.
struct Reader {
    sqlite3* db = nullptr;
    bool inTransaction = false;
    ~Reader()
    {
        if (inTransaction)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close_v2(db);
    }
};

// Turns db dimension ids into dense indices of a DimensionNames, adding the
// names the rows use (only those).
class NameMap {
public:
    NameMap(DimensionNames* names)
        : m_names(names)
    {
        *m_names = DimensionNames();
    }
    void setAll(std::unordered_map<std::int64_t, std::pair<int, std::string>> all)
    {
        m_all = std::move(all);
    }
    std::uint32_t index(int kind, std::int64_t dbId)
    {
        if (dbId == 0)
            return 0;
        auto& map = m_indices[static_cast<std::size_t>(kind)];
        if (const auto it = map.find(dbId); it != map.end())
            return it->second;
        std::vector<std::string>& list = kind == KindRoute ? m_names->routes
            : kind == KindTier                             ? m_names->tiers
                                                           : m_names->keys;
        const auto it = m_all.find(dbId);
        // A dangling id (a damaged file) still gets a distinct, visible name.
        list.push_back(it != m_all.end() && it->second.first == kind && !it->second.second.empty()
                ? it->second.second
                : "#" + std::to_string(dbId));
        const auto index = static_cast<std::uint32_t>(list.size() - 1);
        map.emplace(dbId, index);
        return index;
    }

private:
    DimensionNames* m_names;
    std::unordered_map<std::int64_t, std::pair<int, std::string>> m_all;
    std::array<std::unordered_map<std::int64_t, std::uint32_t>, 3> m_indices;
};

struct RowKey {
    std::int64_t t;
    DimKey dims;
    bool operator<(const RowKey& o) const { return std::tie(t, dims) < std::tie(o.t, o.dims); }
};

} // namespace

bool readMetrics(const fs::path& file, std::int64_t from, std::int64_t to, bool minutes,
    std::vector<BucketRow>* rows, DimensionNames* names, std::string* error)
{
    const std::string name = pathText(file);
    bool exists = false;
    if (!checkHeader(file, &exists, error))
        return false;
    if (!exists) {
        setError(error, "no metrics recorded yet (" + name + " does not exist)");
        return false;
    }
    Reader r;
    int rc = sqlite3_open_v2(file.c_str(), &r.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) {
        setError(error,
            "cannot open " + name + ": " + (r.db ? sqlite3_errmsg(r.db) : sqlite3_errstr(rc)));
        return false;
    }
    sqlite3_busy_timeout(r.db, kBusyTimeoutMs);
    const auto failed = [&](const std::string& what) {
        setError(error, "cannot read " + name + ": " + what + " (" + sqlite3_errmsg(r.db) + ")");
        return false;
    };
    // One snapshot for everything below: a rollup committing between the
    // minute and the second queries would otherwise count a minute twice.
    if (sqlite3_exec(r.db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failed("cannot start a read transaction");
    r.inTransaction = true;
    switch (inspect(r.db, file, error)) {
    case Content::Refused:
        return false;
    case Content::Empty:
        setError(error, "no metrics recorded yet (" + name + " is empty)");
        return false;
    case Content::Ours:
        break;
    }
    std::int64_t rolledUpTo = 0;
    std::string message;
    if (!readRolledUpTo(r.db, &rolledUpTo, &message))
        return failed("cannot read the rollup position");

    std::unordered_map<std::int64_t, std::pair<int, std::string>> all;
    {
        Statement s;
        if (!s.prepare(r.db, "SELECT id, kind, name FROM dims"))
            return failed("cannot read dimension names");
        while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
            const auto* n = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 2));
            all.emplace(sqlite3_column_int64(s.get(), 0),
                std::pair(int(sqlite3_column_int64(s.get(), 1)), std::string(n ? n : "")));
        }
        if (rc != SQLITE_DONE)
            return failed("cannot read dimension names");
    }

    std::map<RowKey, Sums> merged;
    const auto readTable = [&](const char* table, std::int64_t lo, std::int64_t hi, bool fold) {
        if (lo >= hi)
            return true;
        Statement s;
        if (!s.prepare(r.db,
                std::string("SELECT t, route, tier, key, ") + kColumns + " FROM " + table
                    + " WHERE t >= ?1 AND t < ?2"))
            return false;
        sqlite3_bind_int64(s.get(), 1, lo);
        sqlite3_bind_int64(s.get(), 2, hi);
        while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
            std::int64_t t = sqlite3_column_int64(s.get(), 0);
            if (fold)
                t = floorMinute(t);
            const RowKey key { t,
                { sqlite3_column_int64(s.get(), 1), sqlite3_column_int64(s.get(), 2),
                    sqlite3_column_int64(s.get(), 3) } };
            merged[key].addColumns(s.get(), 4);
        }
        return rc == SQLITE_DONE;
    };
    if (minutes) {
        // Minute m is in the window when from <= m < to; a second t belongs
        // to minute floor(t/60)·60, so seconds in [ceil(from), ceil(to)).
        if (!readTable("minutes", from, to, false))
            return failed("cannot read minute rows");
        if (!readTable("seconds", std::max(ceilMinute(from), rolledUpTo), ceilMinute(to), true))
            return failed("cannot read second rows");
    } else if (!readTable("seconds", from, to, false)) {
        return failed("cannot read second rows");
    }

    NameMap map(names);
    map.setAll(std::move(all));
    rows->clear();
    rows->reserve(merged.size());
    for (const auto& [key, sums] : merged) {
        BucketRow row;
        row.time = key.t;
        row.route = map.index(KindRoute, std::get<0>(key.dims));
        row.tier = map.index(KindTier, std::get<1>(key.dims));
        row.key = map.index(KindKey, std::get<2>(key.dims));
        row.counts = sums.counts;
        row.bytesIn = sums.bytesIn;
        row.bytesOut = sums.bytesOut;
        row.costMicros = sums.cost;
        row.revenueMicros = sums.revenue;
        row.histogram = sums.histogramBytes();
        rows->push_back(std::move(row));
    }
    return true;
}

MetricsView historicalView(const fs::path& file, std::int64_t from, std::int64_t to,
    std::int64_t step, const MetricsFilter& filter)
{
    std::vector<BucketRow> rows;
    DimensionNames names;
    std::string error;
    if (!readMetrics(file, from, to, step >= 60, &rows, &names, &error)) {
        MetricsView view;
        view.from = from;
        view.to = to;
        view.step = step;
        view.problem = std::move(error);
        return view;
    }
    return buildView(rows, names, from, to, step, filter);
}

} // namespace tollgate::server
