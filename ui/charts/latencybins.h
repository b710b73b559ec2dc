#pragma once

#include "server/metering/latencyhistogram.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace tollgate::ui {

/// A bar of the latency histogram chart: [lowerUs, upperUs) and its count.
struct LatencyBin {
    std::uint64_t lowerUs = 0;
    std::uint64_t upperUs = 0;
    std::uint64_t count = 0;
    bool operator==(const LatencyBin&) const = default;
};

/// Groups the histogram's buckets between its smallest and largest sample
/// into at most maxBins bars. Bars are runs of whole buckets, so their edges
/// are exact; the bucket layout is log-linear, so equal runs of buckets make
/// bars that are linear below 128 µs and logarithmic above (what a latency
/// distribution with a long tail needs). Empty when the histogram is.
std::vector<LatencyBin> latencyBins(const server::LatencyHistogram& histogram, int maxBins = 30);

/// Axis labels for bins: each bar's lower edge in ms with as few digits as
/// keep neighbours apart ("0.05", "1.2", "250").
QStringList latencyBinLabels(const std::vector<LatencyBin>& bins);

} // namespace tollgate::ui
