#include "server/metering/latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace tollgate::server {

namespace {

constexpr std::uint64_t kMaxU64 = std::numeric_limits<std::uint64_t>::max();
// Bump when the byte layout changes; old rows then fail to decode instead of
// decoding into nonsense.
constexpr unsigned char kFormatVersion = 1;

// Saturating rather than wrapping: a histogram that silently wrapped would
// report a tiny count and percentiles from the wrong end of the range.
std::uint64_t satAdd(std::uint64_t a, std::uint64_t b)
{
    const std::uint64_t s = a + b;
    return s < a ? kMaxU64 : s;
}

std::uint64_t satMul(std::uint64_t a, std::uint64_t b)
{
    if (b == 1)
        return a; // the usual case; spares the division
    if (a != 0 && b > kMaxU64 / a)
        return kMaxU64;
    return a * b;
}

void putVarint(std::string& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Strict LEB128: rejects running off the end, more than 64 bits and overlong
// forms (a trailing 0x00 group), so every value has exactly one encoding and
// accepted input re-encodes to the same bytes.
bool getVarint(std::string_view& in, std::uint64_t* v)
{
    std::uint64_t result = 0;
    for (unsigned i = 0; i < 10; ++i) {
        if (in.empty())
            return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        if (i == 9 && byte > 1)
            return false;
        result |= std::uint64_t { byte & 0x7fu } << (7 * i);
        if ((byte & 0x80) == 0) {
            if (byte == 0 && i > 0)
                return false;
            *v = result;
            return true;
        }
    }
    return false;
}

} // namespace

std::size_t LatencyHistogram::bucketIndex(std::uint64_t micros)
{
    const std::uint64_t v = std::min(micros, kHighestTrackable);
    if (v < kLinearLimit)
        return static_cast<std::size_t>(v);
    // e = floor(log2 v) >= 7. Keeping the top kSubBucketBits+1 bits of v
    // gives a number in [64, 128): its low 6 bits pick the sub-bucket, and
    // octave e starts at index 64·(e-5) so octave 7 follows the exact range.
    const unsigned e = static_cast<unsigned>(std::bit_width(v)) - 1;
    const unsigned shift = e - kSubBucketBits;
    return static_cast<std::size_t>(
        (e - (kSubBucketBits - 1)) * kSubBucketCount + ((v >> shift) - kSubBucketCount));
}

std::uint64_t LatencyHistogram::bucketLower(std::size_t index)
{
    index = std::min(index, kBucketCount - 1);
    if (index < kLinearLimit)
        return index;
    const unsigned e = static_cast<unsigned>(index / kSubBucketCount) + (kSubBucketBits - 1);
    return (kSubBucketCount + index % kSubBucketCount) << (e - kSubBucketBits);
}

std::uint64_t LatencyHistogram::bucketUpper(std::size_t index)
{
    index = std::min(index, kBucketCount - 1);
    if (index < kLinearLimit)
        return index + 1;
    const unsigned e = static_cast<unsigned>(index / kSubBucketCount) + (kSubBucketBits - 1);
    return bucketLower(index) + (std::uint64_t { 1 } << (e - kSubBucketBits));
}

std::uint64_t LatencyHistogram::representative(std::size_t index) const
{
    // The midpoint is what bounds the error by half a bucket width relative
    // to the bucket's lower edge (see the header); unit buckets are exact.
    const std::uint64_t lower = bucketLower(index);
    return lower + (bucketUpper(index) - lower) / 2;
}

void LatencyHistogram::record(std::uint64_t micros, std::uint64_t count)
{
    if (count == 0)
        return;
    if (micros > kHighestTrackable) {
        micros = kHighestTrackable;
        m_overflow = satAdd(m_overflow, count);
    }
    if (m_counts.empty())
        m_counts.assign(kBucketCount, 0);
    std::uint64_t& bucket = m_counts[bucketIndex(micros)];
    bucket = satAdd(bucket, count);
    if (m_total == 0) {
        m_min = m_max = micros;
    } else {
        m_min = std::min(m_min, micros);
        m_max = std::max(m_max, micros);
    }
    m_total = satAdd(m_total, count);
    m_sum = satAdd(m_sum, satMul(micros, count));
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    if (other.m_total == 0)
        return;
    if (m_counts.empty())
        m_counts.assign(kBucketCount, 0);
    // Only the populated span of `other` can hold counts.
    const std::size_t first = bucketIndex(other.m_min);
    const std::size_t last = bucketIndex(other.m_max);
    for (std::size_t i = first; i <= last; ++i)
        m_counts[i] = satAdd(m_counts[i], other.m_counts[i]);
    addSummary(other.m_min, other.m_max, other.m_total, other.m_sum, other.m_overflow);
}

void LatencyHistogram::addSummary(std::uint64_t min, std::uint64_t max, std::uint64_t total,
    std::uint64_t sum, std::uint64_t overflow)
{
    if (m_total == 0) {
        m_min = min;
        m_max = max;
    } else {
        m_min = std::min(m_min, min);
        m_max = std::max(m_max, max);
    }
    m_total = satAdd(m_total, total);
    m_sum = satAdd(m_sum, sum);
    m_overflow = satAdd(m_overflow, overflow);
}

void LatencyHistogram::clear()
{
    if (m_total != 0) {
        const auto first = m_counts.begin() + static_cast<std::ptrdiff_t>(bucketIndex(m_min));
        const auto last = m_counts.begin() + static_cast<std::ptrdiff_t>(bucketIndex(m_max));
        std::fill(first, last + 1, 0);
    }
    m_total = m_min = m_max = m_sum = m_overflow = 0;
}

double LatencyHistogram::mean() const
{
    return m_total == 0 ? 0.0 : static_cast<double>(m_sum) / static_cast<double>(m_total);
}

std::uint64_t LatencyHistogram::percentile(double p) const
{
    if (m_total == 0)
        return 0;
    if (!(p > 0.0)) // also catches NaN
        return m_min;
    if (p >= 100.0)
        return m_max;
    const double total = static_cast<double>(m_total);
    double r = p / 100.0 * total;
    // p/100 is rarely exact in binary (99.9/100·1e6 evaluates to
    // 999000.0000000001); without this nudge a rank that is mathematically
    // an integer would be rounded up to the next sample.
    r -= r * 1e-12;
    std::uint64_t rank = m_total;
    if (r <= 1.0)
        rank = 1;
    else if (r < total)
        rank = static_cast<std::uint64_t>(std::ceil(r));

    // The extreme ranks are known exactly; no need to estimate them.
    if (rank == 1)
        return m_min;
    if (rank == m_total)
        return m_max;

    std::uint64_t seen = 0;
    const std::size_t last = bucketIndex(m_max);
    for (std::size_t i = bucketIndex(m_min); i <= last; ++i) {
        seen = satAdd(seen, m_counts[i]);
        if (seen >= rank)
            return std::clamp(representative(i), m_min, m_max);
    }
    return m_max;
}

std::string LatencyHistogram::toBytes() const
{
    // version, min, max, sum, overflow, #buckets, then per non-empty bucket
    // (gap since the previous one, count). Typical one-second buckets have a
    // few dozen populated buckets, so this is tens to a few hundred bytes.
    std::string out;
    out.push_back(static_cast<char>(kFormatVersion));
    putVarint(out, m_min);
    putVarint(out, m_max);
    putVarint(out, m_sum);
    putVarint(out, m_overflow);
    std::uint64_t buckets = 0;
    forEachBucket([&](std::uint64_t, std::uint64_t, std::uint64_t) { ++buckets; });
    putVarint(out, buckets);
    if (m_total == 0)
        return out;
    std::size_t next = 0;
    const std::size_t last = bucketIndex(m_max);
    for (std::size_t i = bucketIndex(m_min); i <= last; ++i) {
        if (m_counts[i] == 0)
            continue;
        putVarint(out, i - next);
        putVarint(out, m_counts[i]);
        next = i + 1;
    }
    return out;
}

namespace {

// A validated encoding, before it is applied to a histogram.
struct Decoded {
    std::uint64_t min = 0, max = 0, sum = 0, overflow = 0, total = 0;
    std::vector<std::pair<std::size_t, std::uint64_t>> buckets; // (index, count), ascending
};

} // namespace

bool LatencyHistogram::decode(std::string_view bytes, void* outDecoded)
{
    auto* out = static_cast<Decoded*>(outDecoded);
    if (bytes.empty() || static_cast<unsigned char>(bytes.front()) != kFormatVersion)
        return false;
    bytes.remove_prefix(1);
    std::uint64_t min = 0, max = 0, sum = 0, overflow = 0, buckets = 0;
    if (!getVarint(bytes, &min) || !getVarint(bytes, &max) || !getVarint(bytes, &sum)
        || !getVarint(bytes, &overflow) || !getVarint(bytes, &buckets))
        return false;
    if (buckets > kBucketCount)
        return false;
    out->buckets.clear();
    out->total = 0;
    if (buckets == 0) {
        // Only the canonical empty form: anything else claims samples that
        // are not there.
        if (min != 0 || max != 0 || sum != 0 || overflow != 0 || !bytes.empty())
            return false;
        out->min = out->max = out->sum = out->overflow = 0;
        return true;
    }
    if (min > max || max > kHighestTrackable)
        return false;

    std::size_t next = 0;
    for (std::uint64_t b = 0; b < buckets; ++b) {
        std::uint64_t gap = 0, count = 0;
        if (!getVarint(bytes, &gap) || !getVarint(bytes, &count))
            return false;
        if (count == 0 || gap >= kBucketCount - next)
            return false;
        const std::size_t index = next + static_cast<std::size_t>(gap);
        out->buckets.emplace_back(index, count);
        out->total = satAdd(out->total, count);
        next = index + 1;
    }
    if (!bytes.empty())
        return false;
    // The rest of the class relies on min/max bounding the populated buckets
    // (walks go from bucketIndex(min) to bucketIndex(max)), so check that the
    // stored extremes really sit in the first and last non-empty buckets.
    const auto& [firstIndex, firstCount] = out->buckets.front();
    const auto& [lastIndex, lastCount] = out->buckets.back();
    (void)firstCount;
    if (bucketIndex(min) != firstIndex || bucketIndex(max) != lastIndex)
        return false;
    if (overflow > lastCount || (overflow != 0 && max != kHighestTrackable))
        return false;
    if (sum < satMul(min, out->total) || sum > satMul(max, out->total))
        return false;
    out->min = min;
    out->max = max;
    out->sum = sum;
    out->overflow = overflow;
    return true;
}

bool LatencyHistogram::fromBytes(std::string_view bytes, LatencyHistogram* out)
{
    if (!out)
        return false;
    LatencyHistogram h;
    if (!h.mergeBytes(bytes))
        return false;
    *out = std::move(h);
    return true;
}

bool LatencyHistogram::mergeBytes(std::string_view bytes)
{
    // Decoded into a per-thread scratch list first, so a bad encoding leaves
    // this histogram untouched and merging costs no allocation once warm.
    thread_local Decoded decoded;
    if (!decode(bytes, &decoded))
        return false;
    if (decoded.total == 0)
        return true;
    if (m_counts.empty())
        m_counts.assign(kBucketCount, 0);
    for (const auto& [index, count] : decoded.buckets)
        m_counts[index] = satAdd(m_counts[index], count);
    addSummary(decoded.min, decoded.max, decoded.total, decoded.sum, decoded.overflow);
    return true;
}

bool operator==(const LatencyHistogram& a, const LatencyHistogram& b)
{
    if (a.m_total != b.m_total || a.m_min != b.m_min || a.m_max != b.m_max || a.m_sum != b.m_sum
        || a.m_overflow != b.m_overflow)
        return false;
    if (a.m_total == 0)
        return true;
    // Both are non-empty, hence allocated; equal min/max means equal spans.
    const std::size_t first = LatencyHistogram::bucketIndex(a.m_min);
    const std::size_t last = LatencyHistogram::bucketIndex(a.m_max);
    return std::equal(a.m_counts.begin() + static_cast<std::ptrdiff_t>(first),
        a.m_counts.begin() + static_cast<std::ptrdiff_t>(last + 1),
        b.m_counts.begin() + static_cast<std::ptrdiff_t>(first));
}

} // namespace tollgate::server
