#include "server/metering/metering.h"

#include "server/metering/prometheustext.h"

#include <algorithm>
#include <bit>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace tollgate::server {

MeterQueue::MeterQueue(std::size_t capacity)
    : m_slots(std::bit_ceil(std::max<std::size_t>(capacity, 2)))
    , m_mask(m_slots.size() - 1)
{
}

namespace {

using Clock = std::chrono::system_clock;

std::int64_t nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
        .count();
}

std::int64_t secondOf(std::int64_t us)
{
    return us >= 0 ? us / 1'000'000 : (us - 999'999) / 1'000'000;
}

struct DimKey {
    std::int64_t second = 0;
    std::uint32_t route = 0, tier = 0, key = 0;
    bool operator==(const DimKey&) const = default;
};

struct DimKeyHash {
    std::size_t operator()(const DimKey& k) const
    {
        std::uint64_t h = static_cast<std::uint64_t>(k.second) * 0x9E3779B97F4A7C15ull;
        h ^= (std::uint64_t { k.route } << 40) ^ (std::uint64_t { k.tier } << 20) ^ k.key;
        h *= 0xBF58476D1CE4E5B9ull;
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

// One second × route × tier × key the aggregator is still filling. `live`
// is the whole second (published when the second closes), `delta` what came
// in since the last flush (handed to the writer as a fragment row).
struct OpenBucket {
    BucketRow live;
    BucketRow delta;
    LatencyHistogram liveLatency;
    LatencyHistogram deltaLatency;
    void add(const MeterRecord& r, StatusClass c)
    {
        for (BucketRow* row : { &live, &delta }) {
            ++row->counts[c];
            row->bytesIn += r.bytesIn;
            row->bytesOut += r.bytesOut;
            row->costMicros += r.costMicros;
            row->revenueMicros += r.priceMicros;
            row->tokensIn += r.tokensIn;
            row->tokensOut += r.tokensOut;
            if (r.streamed) {
                ++row->streams;
                row->events += r.streamEvents;
                if (r.firstEventUs >= 0) {
                    row->firstEventUs += static_cast<std::uint64_t>(r.firstEventUs);
                    ++row->firstEvents;
                }
            }
        }
        liveLatency.record(r.latencyUs);
        deltaLatency.record(r.latencyUs);
    }
};

// One closed second (or a late fragment of one): immutable once published.
struct LiveChunk {
    std::int64_t first = 0, last = 0; // seconds covered
    std::vector<BucketRow> rows;
};

struct RouteTotals {
    std::array<std::uint64_t, kStatusClasses> counts {};
    LatencyHistogram latency;
};

struct Money {
    std::int64_t cost = 0;
    std::int64_t revenue = 0;
    std::uint64_t tokensIn = 0;
    std::uint64_t tokensOut = 0;
};

} // namespace

struct Metering::Impl {
    // --- dimensions (any thread, under dimsMutex) ---
    mutable std::mutex dimsMutex;
    DimensionNames names;
    std::array<std::unordered_map<std::string, std::uint32_t>, 3> ids;

    std::uint32_t intern(int kind, std::string_view name)
    {
        if (name.empty())
            return 0;
        std::lock_guard lock(dimsMutex);
        auto& map = ids[static_cast<std::size_t>(kind)];
        const auto it = map.find(std::string(name));
        if (it != map.end())
            return it->second;
        auto& list = kind == 0 ? names.routes : kind == 1 ? names.tiers : names.keys;
        const auto id = static_cast<std::uint32_t>(list.size());
        list.emplace_back(name);
        map.emplace(std::string(name), id);
        return id;
    }
    DimensionNames namesCopy() const
    {
        std::lock_guard lock(dimsMutex);
        return names;
    }

    // --- producers ---
    std::mutex producersMutex;
    std::vector<std::shared_ptr<MeterQueue>> producers;
    std::atomic<std::uint64_t> droppedByRetiredQueues { 0 };

    // --- aggregator state (the aggregator thread, or the caller while stopped) ---
    std::unordered_map<DimKey, std::unique_ptr<OpenBucket>, DimKeyHash> open;
    std::vector<std::unique_ptr<OpenBucket>> pool;
    std::vector<const MeterRecord*> scratch;
    MeteringOptions options;

    // --- live store ---
    mutable std::mutex liveMutex;
    std::deque<std::shared_ptr<const LiveChunk>> chunks;
    std::int64_t closedThrough = 0; // every second < this is closed
    std::atomic<std::int64_t> newest { 0 };

    // --- totals for Prometheus ---
    mutable std::mutex totalsMutex;
    std::vector<RouteTotals> routeTotals; // by route id
    std::map<std::pair<std::uint32_t, std::uint32_t>, Money> money; // (route, tier)
    std::vector<UpstreamTotals> upstreamTotals; // by route id
    std::mutex extraMutex;
    std::function<std::string()> prometheusExtra;

    // --- writer ---
    std::mutex writerMutex;
    std::condition_variable writerWake;
    std::deque<std::vector<BucketRow>> batches;
    std::size_t pendingRows = 0;
    bool writerStop = false;
    std::thread writer;
    mutable std::mutex problemMutex;
    std::string problem;
    std::atomic<bool> storing { false };

    // --- aggregator thread ---
    std::mutex runMutex;
    std::condition_variable runWake;
    bool stopRequested = false;
    std::thread aggregator;
    std::atomic<bool> running { false };
    std::mutex controlMutex; // start/stop

    std::atomic<std::uint64_t> records { 0 };
    std::atomic<std::uint64_t> droppedRows { 0 };
    std::atomic<std::uint64_t> rowsWritten { 0 };
    std::atomic<std::uint64_t> batchesWritten { 0 };
    std::atomic<std::uint64_t> requestsWritten { 0 };

    mutable std::mutex retentionMutex;
    MetricsRetention retention;
    MetricsRetention currentRetention() const
    {
        std::lock_guard lock(retentionMutex);
        return retention;
    }

    void setProblem(std::string p)
    {
        std::lock_guard lock(problemMutex);
        problem = std::move(p);
    }

    OpenBucket& bucketFor(const DimKey& k)
    {
        auto& slot = open[k];
        if (!slot) {
            if (pool.empty()) {
                slot = std::make_unique<OpenBucket>();
            } else {
                slot = std::move(pool.back());
                pool.pop_back();
            }
            for (BucketRow* row : { &slot->live, &slot->delta }) {
                row->time = k.second;
                row->route = k.route;
                row->tier = k.tier;
                row->key = k.key;
            }
        }
        return *slot;
    }

    void recycle(std::unique_ptr<OpenBucket> b)
    {
        for (BucketRow* row : { &b->live, &b->delta })
            *row = BucketRow();
        b->liveLatency.clear();
        b->deltaLatency.clear();
        if (pool.size() < 4096)
            pool.push_back(std::move(b));
    }

    /// Folds everything queued into open buckets and the totals.
    void drainQueues()
    {
        std::vector<std::shared_ptr<MeterQueue>> queues;
        {
            std::lock_guard lock(producersMutex);
            queues = producers;
        }
        std::lock_guard totals(totalsMutex);
        std::int64_t newestSecond = newest.load(std::memory_order_relaxed);
        std::uint64_t folded = 0;
        for (const auto& q : queues) {
            folded += q->drain([&](const MeterRecord& r) {
                const StatusClass c = statusClass(r.status);
                const DimKey k { secondOf(r.timeUs), r.route, r.tier, r.key };
                bucketFor(k).add(r, c);
                newestSecond = std::max(newestSecond, k.second);
                if (r.route >= routeTotals.size())
                    routeTotals.resize(r.route + 1);
                RouteTotals& t = routeTotals[r.route];
                ++t.counts[c];
                t.latency.record(r.latencyUs);
                if (r.upstreamAttempts != 0 || r.upstreamError != UpstreamError::None) {
                    if (r.route >= upstreamTotals.size())
                        upstreamTotals.resize(r.route + 1);
                    upstreamTotals[r.route].add(
                        r.upstreamAttempts, r.upstreamError, r.upstreamUs, r.status);
                }
                if (r.costMicros != 0 || r.priceMicros != 0 || r.tokensIn != 0
                    || r.tokensOut != 0) {
                    Money& m = money[{ r.route, r.tier }];
                    m.cost += r.costMicros;
                    m.revenue += r.priceMicros;
                    m.tokensIn += r.tokensIn;
                    m.tokensOut += r.tokensOut;
                }
            });
        }
        records.fetch_add(folded, std::memory_order_relaxed);
        newest.store(newestSecond, std::memory_order_relaxed);
        // Queues whose producer is gone (an engine that stopped) and that are
        // empty now can go; their drop counts are kept. Only queues this pass
        // drained are judged: one added since has no copy in `queues`, so a
        // count of 2 would then be the list and its live producer.
        std::lock_guard lock(producersMutex);
        std::erase_if(producers, [this, &queues](const std::shared_ptr<MeterQueue>& q) {
            if (std::find(queues.begin(), queues.end(), q) == queues.end())
                return false;
            if (q.use_count() > 2 || q->size() != 0) // 2: the list and our copy
                return false;
            droppedByRetiredQueues.fetch_add(q->dropped(), std::memory_order_relaxed);
            return true;
        });
    }

    /// Hands what came in since the last flush to the writer, and publishes
    /// the seconds that ended before `closeBefore` to the live store.
    void flush(std::int64_t closeBefore)
    {
        std::vector<BucketRow> batch;
        auto chunk = std::make_shared<LiveChunk>();
        chunk->first = std::numeric_limits<std::int64_t>::max();
        chunk->last = std::numeric_limits<std::int64_t>::min();
        for (auto it = open.begin(); it != open.end();) {
            OpenBucket& b = *it->second;
            if (b.delta.total() > 0) {
                BucketRow row = b.delta;
                row.histogram = b.deltaLatency.toBytes();
                batch.push_back(std::move(row));
                b.delta.counts = {};
                b.delta.bytesIn = b.delta.bytesOut = 0;
                b.delta.costMicros = b.delta.revenueMicros = 0;
                b.delta.tokensIn = b.delta.tokensOut = 0;
                b.delta.streams = b.delta.events = 0;
                b.delta.firstEventUs = b.delta.firstEvents = 0;
                b.deltaLatency.clear();
            }
            if (it->first.second < closeBefore) {
                BucketRow row = b.live;
                row.histogram = b.liveLatency.toBytes();
                chunk->first = std::min(chunk->first, row.time);
                chunk->last = std::max(chunk->last, row.time);
                chunk->rows.push_back(std::move(row));
                recycle(std::move(it->second));
                it = open.erase(it);
            } else {
                ++it;
            }
        }
        {
            std::lock_guard lock(liveMutex);
            if (!chunk->rows.empty())
                chunks.push_back(std::move(chunk));
            // Closing everything (stop) closes through the newest second seen.
            const std::int64_t closed = closeBefore == std::numeric_limits<std::int64_t>::max()
                ? newest.load(std::memory_order_relaxed) + 1
                : closeBefore;
            closedThrough = std::max(closedThrough, closed);
            const std::int64_t keepFrom = secondOf(nowUs()) - options.liveSeconds;
            while (!chunks.empty() && chunks.front()->last < keepFrom)
                chunks.pop_front();
        }
        if (!batch.empty())
            enqueue(std::move(batch));
    }

    void enqueue(std::vector<BucketRow>&& batch)
    {
        if (!storing.load(std::memory_order_relaxed)) {
            // A database was asked for and could not be opened: these rows
            // are lost to history, and the window says how many.
            if (!options.database.empty())
                droppedRows.fetch_add(batch.size(), std::memory_order_relaxed);
            return;
        }
        {
            std::lock_guard lock(writerMutex);
            if (pendingRows + batch.size() > options.maxPendingRows) {
                droppedRows.fetch_add(batch.size(), std::memory_order_relaxed);
                return;
            }
            pendingRows += batch.size();
            batches.push_back(std::move(batch));
        }
        writerWake.notify_one();
    }

    void aggregate()
    {
        const auto interval = std::chrono::duration_cast<std::chrono::microseconds>(
            std::max(options.flushInterval, std::chrono::milliseconds(10)))
                                  .count();
        std::int64_t nextFlush = nowUs() + interval;
        std::unique_lock lock(runMutex);
        while (!stopRequested) {
            runWake.wait_for(lock, std::chrono::milliseconds(10));
            if (stopRequested)
                break;
            lock.unlock();
            drainQueues();
            const std::int64_t now = nowUs();
            if (now >= nextFlush) {
                // A second closes one flush interval after it ends, so records
                // still in a queue at its end get in.
                flush(secondOf(now - interval));
                nextFlush = now + interval;
            }
            lock.lock();
        }
    }

    void writeLoop(std::unique_ptr<MetricsWriter> db)
    {
        DimensionNames names = namesCopy();
        auto lastMaintain = std::chrono::steady_clock::now();
        std::unique_lock lock(writerMutex);
        for (;;) {
            writerWake.wait_for(
                lock, std::chrono::seconds(1), [this] { return writerStop || !batches.empty(); });
            while (!batches.empty()) {
                std::vector<BucketRow> batch = std::move(batches.front());
                batches.pop_front();
                pendingRows -= batch.size();
                lock.unlock();
                writeBatch(*db, batch, names);
                lock.lock();
            }
            if (writerStop)
                break;
            const auto now = std::chrono::steady_clock::now();
            if (now - lastMaintain >= std::chrono::seconds(1)) {
                lastMaintain = now;
                lock.unlock();
                std::string error;
                if (!db->maintain(secondOf(nowUs()), currentRetention(), &error))
                    setProblem(error);
                lock.lock();
            }
        }
        lock.unlock();
        db->close();
    }

    void writeBatch(MetricsWriter& db, const std::vector<BucketRow>& batch, DimensionNames& names)
    {
        for (const BucketRow& r : batch) {
            if (r.route >= names.routes.size() || r.tier >= names.tiers.size()
                || r.key >= names.keys.size()) {
                names = namesCopy();
                break;
            }
        }
        std::string error;
        if (!db.write(batch, names, &error)) {
            droppedRows.fetch_add(batch.size(), std::memory_order_relaxed);
            setProblem(error);
            return;
        }
        std::uint64_t requests = 0;
        for (const BucketRow& r : batch)
            requests += r.total();
        rowsWritten.fetch_add(batch.size(), std::memory_order_relaxed);
        const auto written = requestsWritten.fetch_add(requests) + requests;
        const auto n = batchesWritten.fetch_add(1) + 1;
        {
            std::lock_guard lock(problemMutex);
            problem.clear();
        }
        if (options.onWritten)
            options.onWritten({ n, batch.size(), requests, written });
    }
};

Metering::Metering()
    : d(std::make_unique<Impl>())
{
}

Metering::~Metering()
{
    stop();
}

std::uint32_t Metering::routeId(std::string_view name)
{
    return d->intern(0, name);
}
std::uint32_t Metering::tierId(std::string_view name)
{
    return d->intern(1, name);
}
std::uint32_t Metering::keyId(std::string_view name)
{
    return d->intern(2, name);
}

std::shared_ptr<MeterQueue> Metering::addProducer()
{
    auto q = std::make_shared<MeterQueue>(
        d->options.queueCapacity ? d->options.queueCapacity : MeteringOptions().queueCapacity);
    std::lock_guard lock(d->producersMutex);
    d->producers.push_back(q);
    return q;
}

void Metering::start(const MeteringOptions& options)
{
    std::lock_guard control(d->controlMutex);
    if (d->running)
        return;
    d->options = options;
    setRetention(options.retention);
    d->setProblem({});
    d->storing = false;
    d->writerStop = false;
    d->stopRequested = false;
    d->batchesWritten = 0;
    d->requestsWritten = 0;
    if (!options.database.empty()) {
        auto db = std::make_unique<MetricsWriter>();
        std::string error;
        if (db->open(options.database, &error)) {
            d->storing = true;
            d->writer = std::thread(
                [this, db = std::move(db)]() mutable { d->writeLoop(std::move(db)); });
        } else {
            d->setProblem(error);
        }
    }
    d->running = true;
    d->aggregator = std::thread([this] { d->aggregate(); });
}

void Metering::stop()
{
    std::lock_guard control(d->controlMutex);
    if (!d->running)
        return;
    {
        std::lock_guard lock(d->runMutex);
        d->stopRequested = true;
    }
    d->runWake.notify_all();
    d->aggregator.join();
    // Whatever is still queued or open goes out now: the last second closes.
    d->drainQueues();
    d->flush(std::numeric_limits<std::int64_t>::max());
    if (d->writer.joinable()) {
        {
            std::lock_guard lock(d->writerMutex);
            d->writerStop = true;
        }
        d->writerWake.notify_all();
        d->writer.join();
    }
    d->storing = false;
    d->running = false;
}

bool Metering::isRunning() const
{
    return d->running;
}

void Metering::setRetention(const MetricsRetention& retention)
{
    std::lock_guard lock(d->retentionMutex);
    d->retention = retention;
}

MetricsView Metering::live(
    std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter) const
{
    std::vector<std::shared_ptr<const LiveChunk>> held;
    std::int64_t closed = 0;
    {
        std::lock_guard lock(d->liveMutex);
        closed = d->closedThrough;
        for (const auto& c : d->chunks) {
            if (c->last >= from && c->first < to)
                held.push_back(c);
        }
    }
    std::vector<const BucketRow*> rows;
    for (const auto& c : held) {
        for (const BucketRow& r : c->rows)
            rows.push_back(&r);
    }
    // Seconds still open would show as a drop to zero; the view ends before them.
    MetricsView v = buildView(rows, d->namesCopy(), from, std::min(to, closed), step, filter);
    const MeteringStats s = stats();
    v.droppedRecords = s.droppedRecords;
    v.droppedRows = s.droppedRows;
    v.problem = s.problem;
    return v;
}

MeteringStats Metering::stats() const
{
    MeteringStats s;
    s.records = d->records.load(std::memory_order_relaxed);
    s.droppedRecords = d->droppedByRetiredQueues.load(std::memory_order_relaxed);
    {
        std::lock_guard lock(d->producersMutex);
        for (const auto& q : d->producers)
            s.droppedRecords += q->dropped();
    }
    s.droppedRows = d->droppedRows.load(std::memory_order_relaxed);
    s.rowsWritten = d->rowsWritten.load(std::memory_order_relaxed);
    s.batchesWritten = d->batchesWritten.load(std::memory_order_relaxed);
    s.storing = d->storing.load(std::memory_order_relaxed);
    std::lock_guard lock(d->problemMutex);
    s.problem = d->problem;
    return s;
}

std::filesystem::path Metering::database() const
{
    std::lock_guard control(d->controlMutex);
    return d->storing ? d->options.database : std::filesystem::path();
}

void Metering::setPrometheusExtra(std::function<std::string()> extra)
{
    std::lock_guard lock(d->extraMutex);
    d->prometheusExtra = std::move(extra);
}

std::vector<RouteUpstreamTotals> Metering::upstreamTotals() const
{
    std::vector<UpstreamTotals> byId;
    {
        std::lock_guard lock(d->totalsMutex);
        byId = d->upstreamTotals;
    }
    std::vector<RouteUpstreamTotals> out;
    std::lock_guard lock(d->dimsMutex);
    const std::vector<std::string>& routes = d->names.routes;
    for (std::size_t id = 1; id < byId.size() && id < routes.size(); ++id) {
        if (byId[id].requests != 0)
            out.push_back({ routes[id], std::move(byId[id]) });
    }
    return out;
}

UpstreamTotals Metering::upstreamTotals(std::string_view route) const
{
    std::size_t id = 0;
    {
        std::lock_guard lock(d->dimsMutex);
        const auto named = d->ids[0].find(std::string(route));
        if (named == d->ids[0].end())
            return {};
        id = named->second;
    }
    std::lock_guard lock(d->totalsMutex);
    return id < d->upstreamTotals.size() ? d->upstreamTotals[id] : UpstreamTotals();
}

std::string Metering::prometheusText() const
{
    std::vector<RouteTotals> routes;
    std::map<std::pair<std::uint32_t, std::uint32_t>, Money> money;
    std::vector<UpstreamTotals> upstream;
    {
        std::lock_guard lock(d->totalsMutex);
        routes = d->routeTotals;
        money = d->money;
        upstream = d->upstreamTotals;
    }
    const DimensionNames names = d->namesCopy();
    auto routeName = [&](std::uint32_t id) -> std::string_view {
        return id != 0 && id < names.routes.size() ? std::string_view(names.routes[id])
                                                   : kNoneDimension;
    };
    auto tierName = [&](std::uint32_t id) -> std::string_view {
        return id != 0 && id < names.tiers.size() ? std::string_view(names.tiers[id])
                                                  : kNoneDimension;
    };
    static constexpr const char* kClass[] = { "2xx", "3xx", "4xx", "5xx" };

    std::string out;
    out.append("# HELP tollgate_requests_total Requests answered, by route and status class "
               "(resets count as 5xx).\n# TYPE tollgate_requests_total counter\n");
    for (std::size_t id = 0; id < routes.size(); ++id) {
        for (std::size_t c = 0; c < kStatusClasses; ++c) {
            if (routes[id].counts[c] == 0)
                continue;
            out.append("tollgate_requests_total{route=\"");
            appendLabel(out, routeName(static_cast<std::uint32_t>(id)));
            out.append("\",class=\"").append(kClass[c]).append("\"} ");
            appendNumber(out, routes[id].counts[c]);
            out.push_back('\n');
        }
    }
    out.append("# HELP tollgate_request_duration_seconds Time from the request header to the "
               "answer written.\n# TYPE tollgate_request_duration_seconds histogram\n");
    for (std::size_t id = 0; id < routes.size(); ++id) {
        std::string label = "route=\"";
        appendLabel(label, routeName(static_cast<std::uint32_t>(id)));
        label.push_back('"');
        appendHistogram(out, "tollgate_request_duration_seconds", label, routes[id].latency);
    }
    for (const bool cost : { true, false }) {
        out.append(cost ? "# HELP tollgate_cost_dollars_total What serving requests cost, by "
                          "route and tier.\n# TYPE tollgate_cost_dollars_total counter\n"
                        : "# HELP tollgate_revenue_dollars_total What callers pay for requests, "
                          "by route and tier.\n# TYPE tollgate_revenue_dollars_total counter\n");
        for (const auto& [dims, m] : money) {
            out.append(cost ? "tollgate_cost_dollars_total{route=\""
                            : "tollgate_revenue_dollars_total{route=\"");
            appendLabel(out, routeName(dims.first));
            out.append("\",tier=\"");
            appendLabel(out, tierName(dims.second));
            out.append("\"} ");
            appendDollars(out, cost ? m.cost : m.revenue);
            out.push_back('\n');
        }
    }
    bool tokenHelp = false;
    for (const auto& [dims, m] : money) {
        for (const bool input : { true, false }) {
            const std::uint64_t n = input ? m.tokensIn : m.tokensOut;
            if (n == 0)
                continue;
            if (!tokenHelp) {
                out.append("# HELP tollgate_tokens_total Tokens of answers of routes that count "
                           "them, by route, tier and direction (input, output).\n# TYPE "
                           "tollgate_tokens_total counter\n");
                tokenHelp = true;
            }
            out.append("tollgate_tokens_total{route=\"");
            appendLabel(out, routeName(dims.first));
            out.append("\",tier=\"");
            appendLabel(out, tierName(dims.second));
            out.append(input ? "\",direction=\"input\"} " : "\",direction=\"output\"} ");
            appendNumber(out, n);
            out.push_back('\n');
        }
    }
    appendUpstreamPrometheus(out, upstream, routeName);
    {
        std::lock_guard lock(d->extraMutex);
        if (d->prometheusExtra)
            out.append(d->prometheusExtra());
    }
    const MeteringStats s = stats();
    out.append("# HELP tollgate_metrics_dropped_records_total Request records dropped because "
               "a metering queue was full.\n# TYPE tollgate_metrics_dropped_records_total "
               "counter\ntollgate_metrics_dropped_records_total ");
    appendNumber(out, s.droppedRecords);
    out.append("\n# HELP tollgate_metrics_dropped_rows_total Metric rows storage failed to "
               "take or fell behind on.\n# TYPE tollgate_metrics_dropped_rows_total "
               "counter\ntollgate_metrics_dropped_rows_total ");
    appendNumber(out, s.droppedRows);
    out.append("\n# HELP tollgate_metrics_rows_written_total Metric rows committed to the "
               "database.\n# TYPE tollgate_metrics_rows_written_total "
               "counter\ntollgate_metrics_rows_written_total ");
    appendNumber(out, s.rowsWritten);
    out.push_back('\n');
    return out;
}

} // namespace tollgate::server
