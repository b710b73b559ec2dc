#include "server/access/usage.h"

#include "server/access/gcra.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace tollgate::server {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::tm utc(std::int64_t unixSeconds)
{
    const auto t = static_cast<std::time_t>(unixSeconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    return tm;
}

// Leases: how far ahead of the real count the persisted reservation runs.
// Big enough that a burst rarely waits for the disk, small enough that a
// crash over-counts little.
constexpr std::uint64_t kMinLease = 64;
constexpr std::uint64_t kMaxLease = 1'000'000;

std::uint64_t getU64(const json::object& o, std::string_view key)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return 0;
    if (v->is_uint64())
        return v->get_uint64();
    if (v->is_int64() && v->get_int64() >= 0)
        return static_cast<std::uint64_t>(v->get_int64());
    return 0;
}

std::int64_t getI64(const json::object& o, std::string_view key)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return 0;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->get_uint64());
    return 0;
}

struct LoadedRow {
    KeyUsage usage;
    std::uint64_t reserved = 0;
};

bool parseUsage(std::string_view text, std::vector<LoadedRow>* out, std::string* error)
{
    json::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec || !root.is_object()) {
        if (error)
            *error = "usage.json is not a JSON object" + (ec ? ": " + ec.message() : std::string());
        return false;
    }
    const json::value* list = root.get_object().if_contains("usage");
    if (!list) {
        out->clear();
        return true;
    }
    if (!list->is_array()) {
        if (error)
            *error = "usage.json: \"usage\" must be an array";
        return false;
    }
    std::vector<LoadedRow> rows;
    for (const json::value& v : list->get_array()) {
        if (!v.is_object()) {
            if (error)
                *error = "usage.json: each entry must be an object";
            return false;
        }
        const json::object& o = v.get_object();
        const json::value* key = o.if_contains("key");
        const json::value* month = o.if_contains("month");
        if (!key || !key->is_string() || !month || !month->is_string()) {
            if (error)
                *error = "usage.json: each entry needs \"key\" and \"month\"";
            return false;
        }
        LoadedRow row;
        row.usage.keyId = std::string(key->get_string());
        row.usage.month = std::string(month->get_string());
        row.reserved = getU64(o, "reserved");
        // The reservation is what was durable before any response went out,
        // so after a crash it is the count (never lower than delivered).
        row.usage.requests = std::max(getU64(o, "requests"), row.reserved);
        row.usage.rejected = getU64(o, "rejected");
        row.usage.billable = getU64(o, "billable");
        row.usage.overage = getU64(o, "overage");
        row.usage.revenueMicros = getI64(o, "revenueMicros");
        row.usage.costMicros = getI64(o, "costMicros");
        row.usage.tokensIn = getU64(o, "tokensIn");
        row.usage.tokensOut = getU64(o, "tokensOut");
        rows.push_back(std::move(row));
    }
    *out = std::move(rows);
    return true;
}

bool readWhole(const fs::path& path, std::string* out, bool* missing, std::string* error)
{
    std::error_code ec;
    *missing = !fs::exists(path, ec);
    if (*missing)
        return true;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error)
            *error = "cannot read " + path.string();
        return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    *out = s.str();
    return true;
}

} // namespace

std::string usageMonth(std::int64_t unixSeconds)
{
    const std::tm tm = utc(unixSeconds);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
    return buffer;
}

std::int64_t monthEnd(std::int64_t unixSeconds)
{
    std::tm tm = utc(unixSeconds);
    tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_mon += 1;
    if (tm.tm_mon == 12) {
        tm.tm_mon = 0;
        tm.tm_year += 1;
    }
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string formatMicros(Micros micros)
{
    const bool negative = micros < 0;
    const auto magnitude = negative ? static_cast<std::uint64_t>(-(micros + 1)) + 1
                                    : static_cast<std::uint64_t>(micros);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%06llu", negative ? "-" : "",
        static_cast<unsigned long long>(magnitude / 1'000'000),
        static_cast<unsigned long long>(magnitude % 1'000'000));
    return buffer;
}

bool loadUsageFile(const fs::path& file, std::vector<KeyUsage>* out, std::string* error)
{
    std::string text;
    bool missing = false;
    if (!readWhole(file, &text, &missing, error))
        return false;
    out->clear();
    if (missing)
        return true;
    std::vector<LoadedRow> rows;
    if (!parseUsage(text, &rows, error))
        return false;
    for (auto& r : rows)
        out->push_back(std::move(r.usage));
    return true;
}

namespace {

struct InvoiceLine {
    const KeyUsage* usage;
    const ApiKey* key;
    const Tier* tier;
    Micros fee;
    Micros total;
};

std::vector<InvoiceLine> invoiceLines(const std::vector<KeyUsage>& usage, const Workspace& ws)
{
    std::vector<InvoiceLine> lines;
    for (const KeyUsage& u : usage) {
        InvoiceLine line { &u, nullptr, nullptr, 0, 0 };
        for (const ApiKey& k : ws.keys) {
            if (k.id == u.keyId)
                line.key = &k;
        }
        if (line.key)
            line.tier = findTier(ws.tiers, line.key->tier);
        line.fee = line.tier ? line.tier->monthlyFeeMicros : 0;
        line.total = line.fee + u.revenueMicros;
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end(), [](const InvoiceLine& a, const InvoiceLine& b) {
        return std::tie(a.usage->month, a.usage->keyId) < std::tie(b.usage->month, b.usage->keyId);
    });
    return lines;
}

std::string csvField(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace

std::string invoiceCsv(const std::vector<KeyUsage>& usage, const Workspace& ws)
{
    std::string out = "month,key_id,key_prefix,label,owner,tier,requests,rejected,billable,"
                      "overage,input_tokens,output_tokens,base_fee_usd,usage_charges_usd,total_usd,"
                      "cost_usd,margin_usd\n";
    for (const InvoiceLine& l : invoiceLines(usage, ws)) {
        const KeyUsage& u = *l.usage;
        out += csvField(u.month) + ',' + csvField(u.keyId) + ','
            + csvField(l.key ? l.key->prefix : "") + ',' + csvField(l.key ? l.key->label : "") + ','
            + csvField(l.key ? l.key->owner : "") + ',' + csvField(l.key ? l.key->tier : "") + ','
            + std::to_string(u.requests) + ',' + std::to_string(u.rejected) + ','
            + std::to_string(u.billable) + ',' + std::to_string(u.overage) + ','
            + std::to_string(u.tokensIn) + ',' + std::to_string(u.tokensOut) + ','
            + formatMicros(l.fee) + ',' + formatMicros(u.revenueMicros) + ','
            + formatMicros(l.total) + ',' + formatMicros(u.costMicros) + ','
            + formatMicros(l.total - u.costMicros) + '\n';
    }
    return out;
}

std::string invoiceJson(const std::vector<KeyUsage>& usage, const Workspace& ws)
{
    json::array invoices;
    for (const InvoiceLine& l : invoiceLines(usage, ws)) {
        const KeyUsage& u = *l.usage;
        json::object o;
        o["month"] = u.month;
        o["keyId"] = u.keyId;
        o["keyPrefix"] = l.key ? l.key->prefix : std::string();
        o["label"] = l.key ? l.key->label : std::string();
        o["owner"] = l.key ? l.key->owner : std::string();
        o["tier"] = l.key ? l.key->tier : std::string();
        o["requests"] = u.requests;
        o["rejected"] = u.rejected;
        o["billable"] = u.billable;
        o["overage"] = u.overage;
        o["inputTokens"] = u.tokensIn;
        o["outputTokens"] = u.tokensOut;
        o["baseFeeMicros"] = l.fee;
        o["usageChargesMicros"] = u.revenueMicros;
        o["totalMicros"] = l.total;
        o["costMicros"] = u.costMicros;
        o["marginMicros"] = l.total - u.costMicros;
        o["currency"] = "USD";
        invoices.push_back(std::move(o));
    }
    json::object root;
    root["schemaVersion"] = kSchemaVersion;
    root["invoices"] = std::move(invoices);
    return json::serialize(root) + "\n";
}

// ---------------------------------------------------------------------------

struct detail::UsageCounter {
    std::string keyId;
    std::string month;
    std::atomic<std::uint64_t> requests { 0 };
    std::atomic<std::uint64_t> rejected { 0 };
    std::atomic<std::uint64_t> billable { 0 };
    std::atomic<std::uint64_t> overage { 0 };
    std::atomic<std::int64_t> revenue { 0 };
    std::atomic<std::int64_t> cost { 0 };
    std::atomic<std::uint64_t> tokensIn { 0 };
    std::atomic<std::uint64_t> tokensOut { 0 };
    /// Persisted reservation: requests up to this count may be answered.
    std::atomic<std::uint64_t> reserved { 0 };
    std::uint64_t requestsAtLastWrite = 0; // count at the start of the last write (writeMutex)
};

struct UsageStore::Impl {
    fs::path file;
    std::shared_ptr<Clock> clock;
    bool persistent = false;
    bool writable = true;

    mutable std::mutex mapMutex;
    std::map<std::pair<std::string, std::string>, std::unique_ptr<detail::UsageCounter>> counters;

    std::mutex waitMutex;
    std::condition_variable wake;
    bool stopping = false;
    bool urgent = false;
    struct Waiter {
        detail::UsageCounter* counter;
        std::uint64_t ticket;
        std::function<void()> resume;
    };
    std::vector<Waiter> waiters;
    std::atomic<std::uint64_t> failures { 0 };
    std::atomic<bool> dirty { false };
    std::thread thread;
    std::mutex writeMutex; // one write at a time (thread and flush())

    bool writeAll(bool exact, std::string* error);
    void releaseWaiters();
    void run();
    void signal()
    {
        {
            std::lock_guard lock(waitMutex);
            urgent = true;
        }
        wake.notify_one();
    }
};

bool UsageStore::Impl::writeAll(bool exact, std::string* error)
{
    std::lock_guard writeLock(writeMutex);
    // Cleared before the counters are read, not after: a change that lands
    // while they are read sets the flag again and is written next time
    // instead of being forgotten until some other change comes along.
    dirty.exchange(false, std::memory_order_acquire);
    struct Row {
        detail::UsageCounter* c;
        std::uint64_t reserve;
        std::uint64_t counted; // the count this write started from
    };
    std::vector<Row> rows;
    json::array list;
    {
        std::lock_guard lock(mapMutex);
        for (auto& [id, c] : counters) {
            const std::uint64_t now = c->requests.load(std::memory_order_acquire);
            // Lease: twice what arrived since the last write, within bounds.
            const std::uint64_t recent = now - std::min(now, c->requestsAtLastWrite);
            const std::uint64_t lease
                = exact ? 0 : std::clamp<std::uint64_t>(recent * 2, kMinLease, kMaxLease);
            const std::uint64_t reserve = std::max(now + lease, exact ? now : c->reserved.load());
            rows.push_back({ c.get(), reserve, now });
            json::object o;
            o["key"] = c->keyId;
            o["month"] = c->month;
            o["requests"] = now;
            o["reserved"] = reserve;
            o["rejected"] = c->rejected.load(std::memory_order_relaxed);
            o["billable"] = c->billable.load(std::memory_order_relaxed);
            o["overage"] = c->overage.load(std::memory_order_relaxed);
            o["revenueMicros"] = c->revenue.load(std::memory_order_relaxed);
            o["costMicros"] = c->cost.load(std::memory_order_relaxed);
            if (const auto in = c->tokensIn.load(std::memory_order_relaxed))
                o["tokensIn"] = in;
            if (const auto out = c->tokensOut.load(std::memory_order_relaxed))
                o["tokensOut"] = out;
            list.push_back(std::move(o));
        }
    }
    json::object root;
    root["schemaVersion"] = kSchemaVersion;
    root["usage"] = std::move(list);
    std::string writeError;
    const bool ok = writable && writeFileAtomic(file, json::serialize(root) + "\n", &writeError);
    if (!ok) {
        failures.fetch_add(1, std::memory_order_relaxed);
        if (error)
            *error
                = writable ? writeError : "usage.json was unreadable at start; not overwriting it";
    }
    // Even when the disk fails, serving must not stop: the reservation moves
    // on and the failure is counted (and shown), as for metrics.
    for (const Row& r : rows) {
        // Measured from the start of this write, so the next lease covers
        // what arrives while the disk is busy (else back-to-back writes see
        // almost no traffic and the lease never grows).
        r.c->requestsAtLastWrite = r.counted;
        std::uint64_t cur = r.c->reserved.load(std::memory_order_relaxed);
        while (cur < r.reserve
            && !r.c->reserved.compare_exchange_weak(cur, r.reserve, std::memory_order_acq_rel)) { }
    }
    return ok;
}

void UsageStore::Impl::releaseWaiters()
{
    std::vector<std::function<void()>> ready;
    {
        std::lock_guard lock(waitMutex);
        auto it = std::partition(waiters.begin(), waiters.end(), [](const Waiter& w) {
            return w.counter->reserved.load(std::memory_order_acquire) < w.ticket;
        });
        for (auto i = it; i != waiters.end(); ++i)
            ready.push_back(std::move(i->resume));
        waiters.erase(it, waiters.end());
    }
    for (auto& f : ready)
        f();
}

void UsageStore::Impl::run()
{
    for (;;) {
        {
            std::unique_lock lock(waitMutex);
            // Parked requests mean the reservation fell behind: write again at once.
            wake.wait_for(lock, std::chrono::seconds(1),
                [this] { return stopping || urgent || !waiters.empty(); });
            if (stopping)
                return;
            urgent = false;
        }
        bool needed = dirty.load(std::memory_order_relaxed);
        {
            std::lock_guard lock(mapMutex);
            for (auto& [id, c] : counters) {
                const auto n = c->requests.load(std::memory_order_relaxed);
                const auto r = c->reserved.load(std::memory_order_relaxed);
                if (n + kMinLease / 2 > r)
                    needed = true;
            }
        }
        if (needed)
            writeAll(false, nullptr);
        releaseWaiters();
    }
}

UsageStore::UsageStore(fs::path file, std::shared_ptr<Clock> clock)
    : d(std::make_unique<Impl>())
{
    d->file = std::move(file);
    d->clock = clock ? std::move(clock) : systemClock();
    d->persistent = !d->file.empty();
}

UsageStore::~UsageStore()
{
    if (d->thread.joinable()) {
        {
            std::lock_guard lock(d->waitMutex);
            d->stopping = true;
        }
        d->wake.notify_one();
        d->thread.join();
    }
    if (d->persistent)
        d->writeAll(true, nullptr);
    // Waiters still parked belong to sessions being torn down; drop them.
}

bool UsageStore::open(std::string* error)
{
    bool ok = true;
    if (d->persistent) {
        std::string text;
        bool missing = false;
        std::vector<LoadedRow> rows;
        if (!readWhole(d->file, &text, &missing, error)
            || (!missing && !parseUsage(text, &rows, error))) {
            d->writable = false;
            ok = false;
        }
        std::lock_guard lock(d->mapMutex);
        for (auto& row : rows) {
            auto c = std::make_unique<detail::UsageCounter>();
            c->keyId = row.usage.keyId;
            c->month = row.usage.month;
            c->requests = row.usage.requests;
            c->requestsAtLastWrite = row.usage.requests;
            c->reserved = row.usage.requests;
            c->rejected = row.usage.rejected;
            c->billable = row.usage.billable;
            c->overage = row.usage.overage;
            c->revenue = row.usage.revenueMicros;
            c->cost = row.usage.costMicros;
            c->tokensIn = row.usage.tokensIn;
            c->tokensOut = row.usage.tokensOut;
            d->counters[{ c->keyId, c->month }] = std::move(c);
        }
        d->thread = std::thread([impl = d.get()] { impl->run(); });
    }
    return ok;
}

UsageStore::Counter* UsageStore::counter(const std::string& keyId, std::int64_t unixSeconds)
{
    std::string month = usageMonth(unixSeconds);
    std::lock_guard lock(d->mapMutex);
    auto& slot = d->counters[{ keyId, month }];
    if (!slot) {
        slot = std::make_unique<detail::UsageCounter>();
        slot->keyId = keyId;
        slot->month = std::move(month);
    }
    return slot.get();
}

UsageStore::Admission UsageStore::admit(Counter* c, std::int64_t quota, bool blockOverQuota)
{
    Admission a;
    const auto limit = static_cast<std::uint64_t>(std::max<std::int64_t>(0, quota));
    if (limit > 0 && blockOverQuota) {
        std::uint64_t cur = c->requests.load(std::memory_order_relaxed);
        do {
            if (cur >= limit) {
                a.allowed = false;
                a.used = cur;
                return a;
            }
        } while (!c->requests.compare_exchange_weak(cur, cur + 1, std::memory_order_acq_rel));
        a.used = cur + 1;
    } else {
        a.used = c->requests.fetch_add(1, std::memory_order_acq_rel) + 1;
        a.overage = limit > 0 && a.used > limit;
    }
    a.ticket = a.used;
    d->dirty.store(true, std::memory_order_release);
    const auto reserved = c->reserved.load(std::memory_order_acquire);
    a.durable = !d->persistent || reserved >= a.ticket;
    if (d->persistent && a.used + kMinLease / 2 > reserved)
        d->signal();
    return a;
}

UsageStore::Admission UsageStore::refuse(Counter* c, Admission::Refusal why)
{
    reject(c);
    Admission a;
    a.allowed = false;
    a.refusal = why;
    a.used = count(c);
    return a;
}

std::uint64_t UsageStore::count(const Counter* c) const
{
    return c->requests.load(std::memory_order_acquire);
}

void UsageStore::reject(Counter* c)
{
    c->rejected.fetch_add(1, std::memory_order_relaxed);
    d->dirty.store(true, std::memory_order_release);
}

void UsageStore::complete(Counter* c, int status, bool overage, Micros price, Micros cost,
    std::uint64_t tokensIn, std::uint64_t tokensOut)
{
    c->cost.fetch_add(cost, std::memory_order_relaxed);
    if (status > 0 && status < 500) {
        c->billable.fetch_add(1, std::memory_order_relaxed);
        c->revenue.fetch_add(price, std::memory_order_relaxed);
        if (tokensIn)
            c->tokensIn.fetch_add(tokensIn, std::memory_order_relaxed);
        if (tokensOut)
            c->tokensOut.fetch_add(tokensOut, std::memory_order_relaxed);
        if (overage)
            c->overage.fetch_add(1, std::memory_order_relaxed);
    }
    d->dirty.store(true, std::memory_order_release);
}

bool UsageStore::whenDurable(Counter* c, std::uint64_t ticket, std::function<void()> resume)
{
    if (!d->persistent || c->reserved.load(std::memory_order_acquire) >= ticket)
        return true;
    {
        std::lock_guard lock(d->waitMutex);
        // Checked again under the lock: the writer releases waiters under it.
        if (c->reserved.load(std::memory_order_acquire) >= ticket)
            return true;
        d->waiters.push_back({ c, ticket, std::move(resume) });
        d->urgent = true;
    }
    d->wake.notify_one();
    return false;
}

std::vector<KeyUsage> UsageStore::snapshot() const
{
    std::vector<KeyUsage> out;
    std::lock_guard lock(d->mapMutex);
    for (const auto& [id, c] : d->counters) {
        KeyUsage u;
        u.keyId = c->keyId;
        u.month = c->month;
        u.requests = c->requests.load(std::memory_order_relaxed);
        u.rejected = c->rejected.load(std::memory_order_relaxed);
        u.billable = c->billable.load(std::memory_order_relaxed);
        u.overage = c->overage.load(std::memory_order_relaxed);
        u.revenueMicros = c->revenue.load(std::memory_order_relaxed);
        u.costMicros = c->cost.load(std::memory_order_relaxed);
        u.tokensIn = c->tokensIn.load(std::memory_order_relaxed);
        u.tokensOut = c->tokensOut.load(std::memory_order_relaxed);
        out.push_back(std::move(u));
    }
    return out;
}

bool UsageStore::flush(std::string* error)
{
    if (!d->persistent)
        return true;
    const bool ok = d->writeAll(false, error);
    d->releaseWaiters();
    return ok;
}

std::uint64_t UsageStore::writeFailures() const
{
    return d->failures.load(std::memory_order_relaxed);
}

} // namespace tollgate::server
