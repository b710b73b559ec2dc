#pragma once

// The metering pipeline (issue 5, DESIGN "Threading model"):
//
//   worker threads --(MeterRecord, one lock-free SPSC queue each)-->
//   aggregator thread --(1-second BucketRows: live store + batches)-->
//   writer thread --(one transaction per batch)--> SQLite (MetricsWriter)
//
// The request path only copies a fixed-size record into its own queue: no
// lock, no allocation, no syscall. A full queue drops the record and counts
// it; a writer that falls behind drops whole batches and counts their rows.
// Nothing a worker does ever waits for the aggregator or for storage.

#include "server/metering/metricsstore.h"
#include "server/metering/metricsview.h"
#include "server/metering/upstreamtotals.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// What one served request leaves behind for metering. Fixed size, no heap.
struct MeterRecord {
    std::int64_t timeUs = 0; ///< unix µs when the answer was written
    std::uint32_t route = 0; ///< interned ids (Metering::routeId...), 0 = none
    std::uint32_t tier = 0;
    std::uint32_t key = 0;
    std::uint32_t latencyUs = 0; ///< header received .. answer written
    std::uint16_t status = 0; ///< 0 = connection reset instead of an answer
    std::uint8_t upstreamAttempts = 0; ///< attempts made to an upstream (0: none)
    UpstreamError upstreamError = UpstreamError::None;
    std::uint32_t upstreamUs = 0; ///< time spent on the upstream
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::int64_t costMicros = 0;
    std::int64_t priceMicros = 0; ///< what the caller pays for it (0 unless billable)
    std::uint64_t tokensIn = 0; ///< input tokens (routes that count tokens)
    std::uint64_t tokensOut = 0; ///< output tokens
    bool streamed = false; ///< answered with a stream (SSE)
    std::uint32_t streamEvents = 0; ///< events the stream sent
    std::int64_t firstEventUs = -1; ///< header to first event; -1 = none
};

/// A single-producer single-consumer ring of records. The producer is one
/// worker thread, the consumer the aggregator.
class MeterQueue {
public:
    explicit MeterQueue(std::size_t capacity); ///< rounded up to a power of two
    /// Producer side: false (and the record counted as dropped) when full.
    bool push(const MeterRecord& r)
    {
        const auto head = m_head.load(std::memory_order_relaxed);
        if (head - m_tailCache >= m_slots.size()) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (head - m_tailCache >= m_slots.size()) {
                m_dropped.store(
                    m_dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
                return false;
            }
        }
        m_slots[head & m_mask] = r;
        m_head.store(head + 1, std::memory_order_release);
        return true;
    }
    /// Consumer side: calls f(record) for everything queued; returns how many.
    template <class F> std::size_t drain(F&& f)
    {
        const auto tail = m_tail.load(std::memory_order_relaxed);
        const auto head = m_head.load(std::memory_order_acquire);
        for (auto i = tail; i != head; ++i)
            f(m_slots[i & m_mask]);
        m_tail.store(head, std::memory_order_release);
        return static_cast<std::size_t>(head - tail);
    }
    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    /// Records queued and not drained yet (exact only on the consumer thread).
    std::size_t size() const
    {
        return static_cast<std::size_t>(
            m_head.load(std::memory_order_acquire) - m_tail.load(std::memory_order_relaxed));
    }
    std::size_t capacity() const { return m_slots.size(); }

private:
    std::vector<MeterRecord> m_slots;
    std::size_t m_mask = 0;
    alignas(64) std::atomic<std::uint64_t> m_head { 0 }; // written by the producer
    std::uint64_t m_tailCache = 0; // producer's last view of m_tail
    std::atomic<std::uint64_t> m_dropped { 0 }; // written by the producer only
    alignas(64) std::atomic<std::uint64_t> m_tail { 0 }; // written by the consumer
};

/// Reported on the writer thread after each committed batch.
struct WriteReport {
    std::uint64_t batch = 0; ///< 1, 2, ... per Metering::start()
    std::uint64_t rows = 0; ///< rows in this batch
    std::uint64_t requests = 0; ///< requests those rows count
    std::uint64_t requestsWritten = 0; ///< requests committed since start(), this batch included
};

struct MeteringOptions {
    /// SQLite file; empty keeps metrics in memory only.
    std::filesystem::path database;
    /// How often what came in is committed: a kill loses at most this much
    /// (plus the commit in flight), 250 ms in all.
    std::chrono::milliseconds flushInterval { 200 };
    MetricsRetention retention;
    /// Seconds of per-second buckets kept in memory for live views.
    std::int64_t liveSeconds = 15 * 60;
    /// Per-producer queue capacity (records).
    std::size_t queueCapacity = 16384;
    /// Rows waiting for the writer beyond which new batches are dropped.
    std::size_t maxPendingRows = 500'000;
    /// Called on the writer thread after each commit (tests, the kill harness).
    std::function<void(const WriteReport&)> onWritten;
};

/// One route's upstream totals, named as the route is ("GET /v1/users/{id}").
struct RouteUpstreamTotals {
    std::string route;
    UpstreamTotals totals;
};

struct MeteringStats {
    std::uint64_t records = 0; ///< records folded into buckets since construction
    std::uint64_t droppedRecords = 0; ///< queue overflows
    std::uint64_t droppedRows = 0; ///< rows storage failed to take or fell behind on
    std::uint64_t rowsWritten = 0;
    std::uint64_t batchesWritten = 0;
    std::string problem; ///< why storage is failing (open or write error), else empty
    bool storing = false; ///< a database is open
};

class Metering {
public:
    Metering();
    ~Metering(); ///< stops
    Metering(const Metering&) = delete;
    Metering& operator=(const Metering&) = delete;

    /// Interned dimension ids, stable for the life of this object. Thread-safe;
    /// meant for apply() time, not per request. Empty names map to 0.
    std::uint32_t routeId(std::string_view name);
    std::uint32_t tierId(std::string_view name);
    std::uint32_t keyId(std::string_view name);

    /// A queue for one producing thread; the aggregator drains it until the
    /// caller drops its reference and it is empty.
    std::shared_ptr<MeterQueue> addProducer();

    /// Starts the aggregator (and with a database, the writer). A database
    /// that cannot be opened leaves metering in memory only, with stats().problem
    /// saying why. Restartable; live data survives a stop/start.
    void start(const MeteringOptions& options);
    /// Drains every queue, writes what is pending and joins. Idempotent.
    void stop();
    bool isRunning() const;
    /// Changes how long the database keeps history, from the next cleanup on.
    void setRetention(const MetricsRetention& retention);

    /// A view of the in-memory window (the last liveSeconds) as of now.
    /// Callable from any thread; takes a lock only to copy row references.
    MetricsView live(
        std::int64_t from, std::int64_t to, std::int64_t step, const MetricsFilter& filter) const;

    MeteringStats stats() const;
    std::filesystem::path database() const;

    /// Prometheus text exposition (format 0.0.4) of the totals since this
    /// object was created: requests by route and status class, latency
    /// histograms by route, cost and revenue by route and tier, dropped rows.
    std::string prometheusText() const;
    /// The upstream totals of every route with upstream traffic since this
    /// object was created (the window's Upstream tab and Metrics page).
    /// Callable from any thread; copies under the lock the aggregator folds
    /// totals under.
    std::vector<RouteUpstreamTotals> upstreamTotals() const;
    /// One route's upstream totals, by its name; empty when it has none.
    UpstreamTotals upstreamTotals(std::string_view route) const;

    /// Text appended to prometheusText() (the engine's circuit breakers);
    /// called from the thread asking for the text.
    void setPrometheusExtra(std::function<std::string()> extra);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tollgate::server
