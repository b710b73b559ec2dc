#include "server/metering/prometheustext.h"

#include <array>
#include <cstdio>
#include <iterator>

namespace tollgate::server {

void appendLabel(std::string& out, std::string_view v)
{
    for (const char c : v) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else {
            out.push_back(c);
        }
    }
}

void appendNumber(std::string& out, std::uint64_t v)
{
    out.append(std::to_string(v));
}

void appendDollars(std::string& out, std::int64_t micros)
{
    if (micros < 0) {
        out.push_back('-');
        micros = -micros;
    }
    out.append(std::to_string(micros / 1'000'000));
    std::int64_t frac = micros % 1'000'000;
    if (frac == 0)
        return;
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(frac));
    std::string_view d(digits);
    while (d.back() == '0')
        d.remove_suffix(1);
    out.push_back('.');
    out.append(d);
}

void appendHistogram(
    std::string& out, std::string_view name, std::string_view labels, const LatencyHistogram& h)
{
    if (h.count() == 0)
        return;
    // Bucket bounds in µs; a histogram bucket counts towards a bound when all
    // of it lies at or below the bound (log-linear buckets are at most 0.8 %
    // wide, so a sample near a bound may land one bound later).
    static constexpr std::uint64_t kBoundsUs[] = { 100, 250, 500, 1000, 2500, 5000, 10'000, 25'000,
        50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000 };
    static constexpr const char* kBoundsText[] = { "0.0001", "0.00025", "0.0005", "0.001", "0.0025",
        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10" };
    std::array<std::uint64_t, std::size(kBoundsUs)> cumulative {};
    h.forEachBucket([&](std::uint64_t, std::uint64_t upper, std::uint64_t count) {
        for (std::size_t b = 0; b < std::size(kBoundsUs); ++b) {
            if (upper - 1 <= kBoundsUs[b])
                cumulative[b] += count;
        }
    });
    for (std::size_t b = 0; b < std::size(kBoundsUs); ++b) {
        out.append(name).append("_bucket{").append(labels);
        out.append(",le=\"").append(kBoundsText[b]).append("\"} ");
        appendNumber(out, cumulative[b]);
        out.push_back('\n');
    }
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ");
    appendNumber(out, h.count());
    out.append("\n").append(name).append("_sum{").append(labels).append("} ");
    char sum[40];
    std::snprintf(sum, sizeof sum, "%.6f", h.mean() * static_cast<double>(h.count()) / 1e6);
    out.append(sum);
    out.append("\n").append(name).append("_count{").append(labels).append("} ");
    appendNumber(out, h.count());
    out.push_back('\n');
}

} // namespace tollgate::server
