#include "ui/charts/latencybins.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

std::vector<LatencyBin> latencyBins(const server::LatencyHistogram& histogram, int maxBins)
{
    std::vector<LatencyBin> bins;
    if (histogram.count() == 0 || maxBins <= 0)
        return bins;
    using H = server::LatencyHistogram;
    const std::size_t first = H::bucketIndex(histogram.min());
    const std::size_t last = H::bucketIndex(histogram.max());
    const std::size_t buckets = last - first + 1;
    const std::size_t count = std::min<std::size_t>(buckets, std::size_t(maxBins));
    bins.resize(count);
    // Bar b covers buckets [first + b·buckets/count, first + (b+1)·buckets/count).
    for (std::size_t b = 0; b < count; ++b) {
        const std::size_t from = first + b * buckets / count;
        const std::size_t to = first + (b + 1) * buckets / count; // exclusive
        bins[b].lowerUs = H::bucketLower(from);
        bins[b].upperUs = H::bucketUpper(to - 1);
    }
    histogram.forEachBucket([&](std::uint64_t lower, std::uint64_t, std::uint64_t n) {
        const std::size_t index = H::bucketIndex(lower);
        // The bar holding bucket `index`: the largest b with start(b) <= index.
        std::size_t b = (index - first) * count / buckets;
        while (b + 1 < count && first + (b + 1) * buckets / count <= index)
            ++b;
        while (b > 0 && first + b * buckets / count > index)
            --b;
        bins[b].count += n;
    });
    return bins;
}

namespace {

// ms with `digits` significant digits in fixed notation (never "2.5e+05"),
// trailing zeros dropped.
QString shortMs(double ms, int digits, const QLocale& locale)
{
    if (ms <= 0)
        return QStringLiteral("0");
    const int magnitude = int(std::floor(std::log10(ms)));
    const int decimals = std::clamp(digits - 1 - magnitude, 0, 6);
    QString text = locale.toString(ms, 'f', decimals);
    if (decimals > 0) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(locale.decimalPoint()))
            text.chop(locale.decimalPoint().size());
    }
    return text;
}

} // namespace

QStringList latencyBinLabels(const std::vector<LatencyBin>& bins)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    // Significant digits enough for every label to differ from the next.
    for (int digits = 2; digits <= 7; ++digits) {
        QStringList labels;
        labels.reserve(int(bins.size()));
        for (const LatencyBin& bin : bins) {
            const double ms = double(bin.lowerUs) / 1000.0;
            labels << shortMs(ms, digits, locale);
        }
        bool distinct = true;
        for (int i = 1; i < labels.size() && distinct; ++i)
            distinct = labels[i] != labels[i - 1];
        if (distinct || digits == 7)
            return labels;
    }
    return {};
}

} // namespace tollgate::ui
