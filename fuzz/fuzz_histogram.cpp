// The latency histogram decoder (metric rows and load reports store
// histograms as bytes). fromBytes accepts only canonical encodings, so an
// accepted input must encode back to itself, and mergeBytes must agree.

#include "fuzzinput.h"

#include "server/metering/latencyhistogram.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = asText(data, size);
    LatencyHistogram decoded;
    const bool ok = LatencyHistogram::fromBytes(bytes, &decoded);
    LatencyHistogram merged;
    if (merged.mergeBytes(bytes) != ok)
        broken("fuzz_histogram", "mergeBytes and fromBytes disagree on an input");
    if (!ok)
        return 0;
    if (decoded.toBytes() != bytes)
        broken("fuzz_histogram", "an accepted encoding does not encode back to itself");
    if (!(merged == decoded))
        broken("fuzz_histogram", "mergeBytes into an empty histogram differs from fromBytes");
    decoded.percentile(50);
    decoded.percentile(99.9);
    decoded.mean();
    return 0;
}
