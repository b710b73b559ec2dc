#pragma once

// Per-second latency distribution for metering (issue 5). One of these lives in
// every (route × tier × key × second) bucket the aggregator keeps, so an empty
// one must cost no heap, recording must be cheap and allocation-free on the
// hot path, and the stored form must be small and safe to read back from a
// database that may hold anything.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// Log-linear (HDR-style) histogram of latencies in integer microseconds.
///
/// Layout: values 0..127 each get their own bucket (exact). Above that, every
/// power-of-two range [2^e, 2^(e+1)) is split into 64 equal sub-buckets of
/// width 2^(e-6). A bucket starting at L >= 128 with width w has L >= 64·w,
/// so reporting L + w/2 is off by at most w/2 <= L/128: ≤ 0.79 % relative
/// error for any percentile, below the 1 % the metrics design asks for.
/// The trackable range is 0 .. 2^32-1 µs (about 71.6 minutes) in 1728 buckets.
///
/// Percentiles use the nearest-rank definition: percentile(p) estimates the
/// smallest recorded value v such that at least p % of the samples are <= v,
/// i.e. the sample at rank ceil(p/100 · count()) in sorted order.
///
/// Counts saturate at 2^64-1 instead of wrapping. Not thread-safe: the
/// aggregator thread owns its histograms and hands out copies.
class LatencyHistogram {
public:
    /// log2 of the sub-buckets per power of two; 6 gives the ≤ 1/128 bound.
    static constexpr unsigned kSubBucketBits = 6;
    static constexpr std::uint64_t kSubBucketCount = std::uint64_t { 1 } << kSubBucketBits;
    /// Values below this are stored exactly (unit-width buckets).
    static constexpr std::uint64_t kLinearLimit = kSubBucketCount * 2;
    /// Largest value stored as itself; larger ones are clamped to it.
    static constexpr std::uint64_t kHighestTrackable = (std::uint64_t { 1 } << 32) - 1;
    /// 128 exact buckets + 25 octaves (2^7 .. 2^32) × 64 sub-buckets.
    static constexpr std::size_t kBucketCount = kLinearLimit + (32 - 7) * kSubBucketCount;

    LatencyHistogram() = default;

    /// Adds `count` samples of `micros`. Values above kHighestTrackable are
    /// recorded as kHighestTrackable and also counted in overflow(). O(1);
    /// allocates only the first time anything is recorded.
    void record(std::uint64_t micros, std::uint64_t count = 1);
    /// Adds every sample of `other` (as if each had been recorded here).
    void merge(const LatencyHistogram& other);
    /// Forgets all samples but keeps the bucket storage for reuse.
    void clear();

    std::uint64_t count() const { return m_total; }
    /// Exact smallest / largest recorded value (after clamping); 0 when empty.
    std::uint64_t min() const { return m_min; }
    std::uint64_t max() const { return m_max; }
    /// Exact arithmetic mean (sum / count); 0 when empty.
    double mean() const;
    /// Samples that were above kHighestTrackable and got clamped.
    std::uint64_t overflow() const { return m_overflow; }
    /// p in [0, 100] (clamped; NaN counts as 0). p = 0 → min(), p = 100 →
    /// max(), otherwise the representative value of the bucket holding the
    /// nearest-rank sample, clamped to [min(), max()]. 0 when empty.
    std::uint64_t percentile(double p) const;

    /// Compact sparse encoding for storage: a version byte, then varints.
    std::string toBytes() const;
    /// Decodes toBytes() output into *out. Returns false, leaving *out as it
    /// was, for anything that is not a canonical, self-consistent encoding
    /// (truncated, trailing bytes, unknown version, out-of-range buckets...).
    static bool fromBytes(std::string_view bytes, LatencyHistogram* out);
    /// Adds the samples of a toBytes() encoding, as merge() would, without
    /// building a histogram for it (no allocation once this one is in use).
    /// Returns false, changing nothing, for anything fromBytes() rejects.
    bool mergeBytes(std::string_view bytes);

    /// Calls f(lowerMicros, upperMicros, count) for each non-empty bucket in
    /// ascending order; the range is half-open [lower, upper).
    template <class F> void forEachBucket(F f) const
    {
        if (m_total == 0)
            return;
        const std::size_t last = bucketIndex(m_max);
        for (std::size_t i = bucketIndex(m_min); i <= last; ++i) {
            if (m_counts[i] != 0)
                f(bucketLower(i), bucketUpper(i), m_counts[i]);
        }
    }

    /// Bucket arithmetic, public for tests and charts.
    static std::size_t bucketIndex(std::uint64_t micros);
    static std::uint64_t bucketLower(std::size_t index);
    /// Exclusive upper bound.
    static std::uint64_t bucketUpper(std::size_t index);

    /// Same samples (bucket counts, min, max, sum, overflow); storage that
    /// was allocated and then cleared compares equal to never allocated.
    friend bool operator==(const LatencyHistogram& a, const LatencyHistogram& b);

private:
    static bool decode(std::string_view bytes, void* decoded);
    /// Folds another sample set's extremes, count, sum and overflow in (the
    /// buckets are the caller's business).
    void addSummary(std::uint64_t min, std::uint64_t max, std::uint64_t total, std::uint64_t sum,
        std::uint64_t overflow);
    std::uint64_t representative(std::size_t index) const;

    // Empty until the first record so idle buckets cost sizeof(*this) only.
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    std::uint64_t m_min = 0;
    std::uint64_t m_max = 0;
    std::uint64_t m_sum = 0;
    std::uint64_t m_overflow = 0;
};

} // namespace tollgate::server
