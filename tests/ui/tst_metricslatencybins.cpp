// The latency histogram chart's bars: whole buckets grouped into at most 30
// bars between the smallest and largest sample, every sample in exactly one
// bar, exact edges, and labels that tell neighbouring bars apart.

#include "ui/charts/latencybins.h"

#include <QTest>

#include <numeric>

using namespace tollgate;
using namespace tollgate::ui;

class TestMetricsLatencyBins : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyHistogramHasNoBars() { QVERIFY(latencyBins(server::LatencyHistogram {}).empty()); }

    void fewBucketsAreShownOneByOne()
    {
        server::LatencyHistogram h;
        h.record(10, 3);
        h.record(12);
        const auto bins = latencyBins(h);
        // 10, 11, 12 µs: three unit buckets, the middle one empty.
        QCOMPARE(bins.size(), std::size_t(3));
        QCOMPARE(bins[0], (LatencyBin { 10, 11, 3 }));
        QCOMPARE(bins[1], (LatencyBin { 11, 12, 0 }));
        QCOMPARE(bins[2], (LatencyBin { 12, 13, 1 }));
    }

    void wideRangeIsGroupedIntoThirtyBars()
    {
        server::LatencyHistogram h;
        std::uint64_t total = 0;
        for (std::uint64_t us = 50; us < 400'000; us = us * 11 / 10 + 1) {
            h.record(us, us % 7 + 1);
            total += us % 7 + 1;
        }
        const auto bins = latencyBins(h, 30);
        QCOMPARE(bins.size(), std::size_t(30));
        QCOMPARE(bins.front().lowerUs, 50u);
        QVERIFY(bins.back().upperUs > h.max());
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < bins.size(); ++i) {
            sum += bins[i].count;
            QVERIFY(bins[i].lowerUs < bins[i].upperUs);
            if (i > 0)
                QCOMPARE(bins[i].lowerUs, bins[i - 1].upperUs); // no gaps, no overlaps
        }
        QCOMPARE(sum, total);
        // Above the linear range the bars grow with latency (log-like axis).
        QVERIFY(bins[29].upperUs - bins[29].lowerUs > 100 * (bins[5].upperUs - bins[5].lowerUs));

        const QStringList labels = latencyBinLabels(bins);
        QCOMPARE(labels.size(), 30);
        QCOMPARE(labels.front(), QStringLiteral("0.05"));
        for (int i = 1; i < labels.size(); ++i)
            QVERIFY2(labels[i] != labels[i - 1], qPrintable(labels.join(QLatin1Char(' '))));
        // Never scientific notation.
        for (const QString& l : labels)
            QVERIFY2(!l.contains(QLatin1Char('e')), qPrintable(l));
    }
};

QTEST_MAIN(TestMetricsLatencyBins)
#include "tst_metricslatencybins.moc"
