#include "server/metering/metricsdb.h"
#include "server/metering/metricsstore.h"

#include "server/common/text.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

namespace tollgate::server {

namespace fs = std::filesystem;
using namespace metricsdb;

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
    std::int64_t version = kSchemaVersion;
    switch (inspect(r.db, file, error, &version)) {
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
                std::string("SELECT t, route, tier, key, ") + (version < 2 ? kColumnsV1 : kColumns)
                    + " FROM " + table + " WHERE t >= ?1 AND t < ?2"))
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
        row.tokensIn = sums.tokensIn;
        row.tokensOut = sums.tokensOut;
        row.streams = sums.streams;
        row.events = sums.events;
        row.firstEventUs = sums.firstEventUs;
        row.firstEvents = sums.firstEvents;
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
