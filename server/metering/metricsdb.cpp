#include "server/metering/metricsdb.h"

#include "server/common/text.h"

#include <fstream>
#include <system_error>

namespace tollgate::server::metricsdb {

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

/// What an open connection holds: nothing yet, a Tollgate metrics database
/// this version can use, or something to refuse (error says why). Only reads.
Content inspect(sqlite3* db, const fs::path& file, std::string* error, std::int64_t* schemaVersion)
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
    if (schemaVersion)
        *schemaVersion = v;
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

} // namespace tollgate::server::metricsdb
