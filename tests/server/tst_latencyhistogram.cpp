// The per-second latency histogram of the metrics pipeline: percentiles within
// 1 % of the exact (sorted) answer on a million samples of several shapes,
// merge equal to recording everything once, a storage encoding that round
// trips and survives garbage, clamping, and the empty case.

#include "server/metering/latencyhistogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace tollgate::server;

namespace {

constexpr std::size_t kSamples = 1'000'000;

// Percentiles in thousandths of a percent, so the exact nearest rank can be
// computed with integers and does not share the floating-point path of the
// code under test.
struct Pct {
    std::uint64_t milli; // 99'900 = p99.9
    double p() const { return static_cast<double>(milli) / 1000.0; }
};
constexpr Pct kPercentiles[] = { { 0 }, { 1'000 }, { 25'000 }, { 50'000 }, { 90'000 }, { 95'000 },
    { 99'000 }, { 99'900 }, { 99'990 }, { 100'000 } };

std::uint64_t exactPercentile(const std::vector<std::uint64_t>& sorted, Pct pct)
{
    const std::uint64_t n = sorted.size();
    std::uint64_t rank = (pct.milli * n + 100'000 - 1) / 100'000; // ceil
    rank = std::clamp<std::uint64_t>(rank, 1, n);
    return sorted[rank - 1];
}

using Generator = std::function<std::uint64_t(std::mt19937_64&)>;

std::vector<std::uint64_t> generate(const Generator& gen, std::size_t n = kSamples)
{
    std::mt19937_64 rng(0x7011'6a7e);
    std::vector<std::uint64_t> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(gen(rng));
    return out;
}

LatencyHistogram histogramOf(const std::vector<std::uint64_t>& values)
{
    LatencyHistogram h;
    for (auto v : values)
        h.record(v);
    return h;
}

std::uint64_t clampedLogNormal(std::mt19937_64& rng, double medianMicros, double sigma)
{
    std::lognormal_distribution<double> d(std::log(medianMicros), sigma);
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(d(rng)));
}

// Invariants any histogram handed out by the class must satisfy, decoded
// from fuzz input or not.
void checkConsistent(const LatencyHistogram& h)
{
    std::uint64_t sum = 0;
    std::uint64_t previousUpper = 0;
    h.forEachBucket([&](std::uint64_t lower, std::uint64_t upper, std::uint64_t count) {
        QVERIFY(lower < upper);
        QVERIFY(lower >= previousUpper);
        QVERIFY(count > 0);
        previousUpper = upper;
        sum += count;
    });
    QCOMPARE(sum, h.count());
    if (h.count() == 0)
        return;
    QVERIFY(h.min() <= h.max());
    for (const Pct pct : kPercentiles) {
        const std::uint64_t v = h.percentile(pct.p());
        QVERIFY(v >= h.min() && v <= h.max());
    }
}

} // namespace

Q_DECLARE_METATYPE(Generator)

class TestLatencyHistogram : public QObject {
    Q_OBJECT

private slots:
    void bucketLayout();
    void percentileAccuracy_data();
    void percentileAccuracy();
    void percentileIsMonotonic();
    void merge();
    void roundTrip();
    void fromBytesRejectsTruncation();
    void fromBytesFuzz();
    void fromBytesRejectsInconsistent();
    void clampsAboveRange();
    void empty();
    void clearKeepsWorking();
    void weightedRecord();
};

void TestLatencyHistogram::bucketLayout()
{
    // Buckets tile 0 .. 2^32 without gaps, indices match bounds, and each
    // bucket is narrow enough for the ≤ 1 % promise.
    std::uint64_t expectedLower = 0;
    for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i) {
        const std::uint64_t lower = LatencyHistogram::bucketLower(i);
        const std::uint64_t upper = LatencyHistogram::bucketUpper(i);
        QCOMPARE(lower, expectedLower);
        QVERIFY(upper > lower);
        QCOMPARE(LatencyHistogram::bucketIndex(lower), i);
        QCOMPARE(LatencyHistogram::bucketIndex(upper - 1), i);
        if (upper - lower > 1)
            QVERIFY2((upper - lower) / 2 * 100 <= lower, qPrintable(QString::number(i)));
        expectedLower = upper;
    }
    QCOMPARE(expectedLower, LatencyHistogram::kHighestTrackable + 1);
    QVERIFY(LatencyHistogram::kHighestTrackable >= 3'600'000'000ull); // one hour
    QCOMPARE(LatencyHistogram::bucketIndex(std::numeric_limits<std::uint64_t>::max()),
        LatencyHistogram::kBucketCount - 1);
}

void TestLatencyHistogram::percentileAccuracy_data()
{
    QTest::addColumn<Generator>("gen");
    QTest::newRow("uniform 1..1e6") << Generator([](std::mt19937_64& rng) {
        return std::uniform_int_distribution<std::uint64_t>(1, 1'000'000)(rng);
    });
    QTest::newRow("log-normal") << Generator(
        [](std::mt19937_64& rng) { return clampedLogNormal(rng, 8'000, 1.2); });
    QTest::newRow("bimodal 5% slow") << Generator([](std::mt19937_64& rng) {
        if (std::bernoulli_distribution(0.05)(rng))
            return clampedLogNormal(rng, 900'000, 0.3);
        return clampedLogNormal(rng, 2'000, 0.25);
    });
    QTest::newRow("constant") << Generator([](std::mt19937_64&) { return std::uint64_t { 4321 }; });
    QTest::newRow("tiny 1..50") << Generator([](std::mt19937_64& rng) {
        return std::uniform_int_distribution<std::uint64_t>(1, 50)(rng);
    });
    // Log-uniform over the whole range reaches every octave, top included.
    QTest::newRow("log-uniform 1..2^32") << Generator([](std::mt19937_64& rng) {
        const double e = std::uniform_real_distribution<double>(0.0, 32.0)(rng);
        return std::min<std::uint64_t>(
            static_cast<std::uint64_t>(std::exp2(e)), LatencyHistogram::kHighestTrackable);
    });
}

void TestLatencyHistogram::percentileAccuracy()
{
    QFETCH(Generator, gen);
    std::vector<std::uint64_t> values = generate(gen);
    const LatencyHistogram h = histogramOf(values);
    std::sort(values.begin(), values.end());

    QCOMPARE(h.count(), values.size());
    QCOMPARE(h.min(), values.front());
    QCOMPARE(h.max(), values.back());
    QCOMPARE(h.percentile(0), values.front());
    QCOMPARE(h.percentile(100), values.back());
    long double sum = 0;
    for (auto v : values)
        sum += static_cast<long double>(v);
    QCOMPARE(h.mean(), static_cast<double>(sum / static_cast<long double>(values.size())));
    QCOMPARE(h.overflow(), std::uint64_t { 0 });

    for (const Pct pct : kPercentiles) {
        const std::uint64_t exact = exactPercentile(values, pct);
        const std::uint64_t got = h.percentile(pct.p());
        const double error = std::abs(static_cast<double>(got) - static_cast<double>(exact))
            / static_cast<double>(exact);
        QVERIFY2(error <= 0.01,
            qPrintable(QStringLiteral("p%1: exact %2, got %3 (%4 %)")
                           .arg(pct.p())
                           .arg(exact)
                           .arg(got)
                           .arg(error * 100)));
        if (exact < LatencyHistogram::kLinearLimit)
            QCOMPARE(got, exact); // unit buckets are exact
    }
    checkConsistent(h);
}

void TestLatencyHistogram::percentileIsMonotonic()
{
    const LatencyHistogram h = histogramOf(
        generate([](std::mt19937_64& rng) { return clampedLogNormal(rng, 5'000, 1.5); }, 100'000));
    std::uint64_t previous = h.percentile(0);
    for (int i = 1; i <= 1000; ++i) {
        const std::uint64_t v = h.percentile(i / 10.0);
        QVERIFY(v >= previous);
        previous = v;
    }
    // Out-of-range p is clamped, NaN counts as 0.
    QCOMPARE(h.percentile(-5), h.min());
    QCOMPARE(h.percentile(250), h.max());
    QCOMPARE(h.percentile(std::numeric_limits<double>::quiet_NaN()), h.min());
}

void TestLatencyHistogram::merge()
{
    const std::vector<std::uint64_t> values = generate(
        [](std::mt19937_64& rng) {
            if (std::bernoulli_distribution(0.001)(rng))
                return std::uint64_t { 5'000'000'000 }; // some overflow too
            return clampedLogNormal(rng, 3'000, 1.0);
        },
        200'000);
    const LatencyHistogram all = histogramOf(values);

    std::vector<LatencyHistogram> parts(7);
    std::mt19937_64 rng(42);
    for (auto v : values)
        parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng)].record(v);
    LatencyHistogram merged;
    for (const auto& part : parts)
        merged.merge(part);
    merged.merge(LatencyHistogram()); // merging nothing changes nothing
    QVERIFY(merged == all);
    QCOMPARE(merged.count(), all.count());
    QCOMPARE(merged.overflow(), all.overflow());
    QVERIFY(merged.overflow() > 0);
    QCOMPARE(merged.percentile(99), all.percentile(99));

    // Merging into self doubles every bucket.
    LatencyHistogram doubled = all;
    doubled.merge(doubled);
    LatencyHistogram twice = all;
    twice.merge(all);
    QVERIFY(doubled == twice);
    QCOMPARE(doubled.count(), 2 * all.count());
    QCOMPARE(doubled.percentile(50), all.percentile(50));

    QVERIFY(!(merged == LatencyHistogram()));
}

void TestLatencyHistogram::roundTrip()
{
    std::vector<LatencyHistogram> cases;
    cases.emplace_back();
    LatencyHistogram one;
    one.record(0);
    cases.push_back(one);
    LatencyHistogram top;
    top.record(std::numeric_limits<std::uint64_t>::max(), 3);
    top.record(17);
    cases.push_back(top);
    cases.push_back(histogramOf(
        generate([](std::mt19937_64& rng) { return clampedLogNormal(rng, 8'000, 2.0); }, 100'000)));
    LatencyHistogram cleared = cases.back();
    cleared.clear();
    cases.push_back(cleared);

    for (const auto& h : cases) {
        const std::string bytes = h.toBytes();
        LatencyHistogram back;
        back.record(99); // must be replaced, not merged into
        QVERIFY(LatencyHistogram::fromBytes(bytes, &back));
        QVERIFY(back == h);
        QCOMPARE(back.toBytes(), bytes);
        QCOMPARE(back.overflow(), h.overflow());
        QCOMPARE(back.mean(), h.mean());
    }
    // Sparse: a typical second's worth of traffic stays small.
    std::size_t buckets = 0;
    cases[3].forEachBucket([&](std::uint64_t, std::uint64_t, std::uint64_t) { ++buckets; });
    qDebug("%zu non-empty buckets in %zu bytes", buckets, cases[3].toBytes().size());
    QVERIFY(cases[3].toBytes().size() <= 32 + 4 * buckets);
    QVERIFY(LatencyHistogram().toBytes().size() <= 8);
}

void TestLatencyHistogram::fromBytesRejectsTruncation()
{
    const LatencyHistogram h = histogramOf(
        generate([](std::mt19937_64& rng) { return clampedLogNormal(rng, 8'000, 1.5); }, 50'000));
    const std::string bytes = h.toBytes();
    LatencyHistogram sentinel;
    sentinel.record(12345);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        LatencyHistogram out = sentinel;
        QVERIFY2(!LatencyHistogram::fromBytes(std::string_view(bytes).substr(0, n), &out),
            qPrintable(QString::number(n)));
        QVERIFY(out == sentinel); // untouched on failure
    }
    LatencyHistogram out;
    QVERIFY(!LatencyHistogram::fromBytes(bytes + '\0', &out)); // trailing byte
    QVERIFY(!LatencyHistogram::fromBytes(bytes, nullptr));
    std::string otherVersion = bytes;
    otherVersion[0] = 2;
    QVERIFY(!LatencyHistogram::fromBytes(otherVersion, &out));
}

void TestLatencyHistogram::fromBytesFuzz()
{
    std::mt19937_64 rng(0xf022);
    std::uniform_int_distribution<int> byte(0, 255);
    const std::string valid
        = histogramOf(generate(
                          [](std::mt19937_64& r) {
                              return std::uniform_int_distribution<std::uint64_t>(1, 5'000)(r);
                          },
                          1'000))
              .toBytes();
    int accepted = 0;
    auto tryDecode = [&](const std::string& input) {
        LatencyHistogram out;
        if (!LatencyHistogram::fromBytes(input, &out))
            return;
        ++accepted;
        checkConsistent(out);
        // The encoding is canonical: what is accepted re-encodes identically.
        QCOMPARE(out.toBytes(), input);
    };
    for (int i = 0; i < 5000; ++i) {
        // Pure noise, mostly with the right version byte to get past it.
        std::string noise(std::uniform_int_distribution<std::size_t>(0, 64)(rng), '\0');
        for (auto& c : noise)
            c = static_cast<char>(byte(rng));
        if (!noise.empty() && i % 4 != 0)
            noise[0] = 1;
        tryDecode(noise);
        if (QTest::currentTestFailed())
            return;

        // Mutations and truncations of a valid encoding reach deeper checks.
        std::string mutated = valid;
        const int flips = std::uniform_int_distribution<int>(1, 4)(rng);
        for (int f = 0; f < flips; ++f)
            mutated[std::uniform_int_distribution<std::size_t>(1, mutated.size() - 1)(rng)]
                = static_cast<char>(byte(rng));
        if (i % 3 == 0)
            mutated.resize(std::uniform_int_distribution<std::size_t>(0, mutated.size())(rng));
        tryDecode(mutated);
        if (QTest::currentTestFailed())
            return;
    }
    qDebug("fuzz: %d of 10000 inputs decoded", accepted);
}

void TestLatencyHistogram::fromBytesRejectsInconsistent()
{
    // Hand-built encodings: version, min, max, sum, overflow, #buckets, pairs.
    auto decodes = [](std::initializer_list<unsigned> bytes) {
        std::string s;
        for (unsigned b : bytes)
            s.push_back(static_cast<char>(b));
        LatencyHistogram out;
        return LatencyHistogram::fromBytes(s, &out);
    };
    QVERIFY(decodes({ 1, 5, 5, 10, 0, 1, 5, 2 })); // two samples of 5
    QVERIFY(!decodes({ 1, 5, 5, 10, 0, 1, 5, 0 })); // zero count
    QVERIFY(!decodes({ 1, 5, 6, 10, 0, 1, 5, 2 })); // max outside the last bucket
    QVERIFY(!decodes({ 1, 4, 5, 10, 0, 1, 5, 2 })); // min outside the first bucket
    QVERIFY(!decodes({ 1, 5, 5, 11, 0, 1, 5, 2 })); // sum impossible
    QVERIFY(!decodes({ 1, 5, 5, 10, 1, 1, 5, 2 })); // overflow below the top
    QVERIFY(!decodes({ 1, 5, 5, 10, 0, 0 })); // samples claimed, no buckets
    QVERIFY(!decodes({ 1, 0x85, 0x00, 5, 10, 0, 1, 5, 2 })); // overlong varint
    QVERIFY(!decodes({ 1, 5, 5, 10, 0, 1, 0xc0, 0x0d, 2 })); // bucket index 1728
    QVERIFY(!decodes({ 1, 5, 5, 10, 0, 2, 5, 1, 0xba, 0x0d, 1 })); // second index too big
    QVERIFY(decodes({ 1, 0, 0, 0, 0, 0 })); // the empty histogram
}

void TestLatencyHistogram::clampsAboveRange()
{
    LatencyHistogram h;
    h.record(1'000);
    h.record(3'600'000'000); // one hour is still in range
    QCOMPARE(h.overflow(), std::uint64_t { 0 });
    QCOMPARE(h.max(), std::uint64_t { 3'600'000'000 });
    h.record(10'000'000'000, 2);
    h.record(std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(h.count(), std::uint64_t { 5 });
    QCOMPARE(h.overflow(), std::uint64_t { 3 });
    QCOMPARE(h.max(), LatencyHistogram::kHighestTrackable);
    QCOMPARE(h.percentile(100), LatencyHistogram::kHighestTrackable);
    QCOMPARE(h.percentile(1), std::uint64_t { 1'000 }); // rank 1 is min(), exactly
    QCOMPARE(h.percentile(20), std::uint64_t { 1'000 });
    // Rank 2 of 5 sits in the 1 h bucket: estimated, within 1 %.
    QVERIFY(std::abs(static_cast<double>(h.percentile(40)) - 3.6e9) <= 0.01 * 3.6e9);
    // p99 lands in the top bucket; its estimate is within 1 % of the clamp.
    const double p99 = static_cast<double>(h.percentile(99));
    QVERIFY(std::abs(p99 - static_cast<double>(LatencyHistogram::kHighestTrackable))
        <= 0.01 * static_cast<double>(LatencyHistogram::kHighestTrackable));
    std::uint64_t topCount = 0;
    h.forEachBucket([&](std::uint64_t lower, std::uint64_t upper, std::uint64_t count) {
        if (upper == LatencyHistogram::kHighestTrackable + 1) {
            QVERIFY(lower <= LatencyHistogram::kHighestTrackable);
            topCount = count;
        }
    });
    QCOMPARE(topCount, std::uint64_t { 3 });
    checkConsistent(h);
}

void TestLatencyHistogram::empty()
{
    const LatencyHistogram h;
    QCOMPARE(h.count(), std::uint64_t { 0 });
    QCOMPARE(h.min(), std::uint64_t { 0 });
    QCOMPARE(h.max(), std::uint64_t { 0 });
    QCOMPARE(h.mean(), 0.0);
    QCOMPARE(h.overflow(), std::uint64_t { 0 });
    for (const Pct pct : kPercentiles)
        QCOMPARE(h.percentile(pct.p()), std::uint64_t { 0 });
    int calls = 0;
    h.forEachBucket([&](std::uint64_t, std::uint64_t, std::uint64_t) { ++calls; });
    QCOMPARE(calls, 0);
    // record(x, 0) records nothing.
    LatencyHistogram zero;
    zero.record(500, 0);
    QVERIFY(zero == h);
    QCOMPARE(zero.count(), std::uint64_t { 0 });
}

void TestLatencyHistogram::clearKeepsWorking()
{
    LatencyHistogram h;
    h.record(700);
    h.record(90'000);
    h.clear();
    QVERIFY(h == LatencyHistogram());
    QCOMPARE(h.percentile(50), std::uint64_t { 0 });
    h.record(42);
    QCOMPARE(h.count(), std::uint64_t { 1 });
    QCOMPARE(h.min(), std::uint64_t { 42 });
    QCOMPARE(h.max(), std::uint64_t { 42 });
    QCOMPARE(h.percentile(50), std::uint64_t { 42 });
    checkConsistent(h);
}

void TestLatencyHistogram::weightedRecord()
{
    LatencyHistogram weighted;
    weighted.record(250, 1000);
    weighted.record(80'000, 10);
    LatencyHistogram single;
    for (int i = 0; i < 1000; ++i)
        single.record(250);
    for (int i = 0; i < 10; ++i)
        single.record(80'000);
    QVERIFY(weighted == single);
    QCOMPARE(weighted.mean(), (250.0 * 1000 + 80'000.0 * 10) / 1010);
    // Counts saturate instead of wrapping around.
    LatencyHistogram huge;
    huge.record(10, std::numeric_limits<std::uint64_t>::max());
    huge.record(10, 5);
    QCOMPARE(huge.count(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(huge.percentile(50), std::uint64_t { 10 });
    LatencyHistogram back;
    QVERIFY(LatencyHistogram::fromBytes(huge.toBytes(), &back));
    QVERIFY(back == huge);
}

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
