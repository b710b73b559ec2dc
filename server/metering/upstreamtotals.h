#pragma once

// What upstream routes add to metering: per route, the requests that went to
// an upstream, the attempts they took, how retries ended, errors by kind and
// the upstream's share of the latency; exposed in the Prometheus text.

#include "server/metering/latencyhistogram.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// Why an upstream gave no answer (None: it answered).
enum class UpstreamError : std::uint8_t {
    None,
    Connect,
    Timeout,
    Reset,
    Protocol,
    Refused, ///< the SSRF guard refused the address
    TooLarge, ///< over the response cap
    BreakerOpen, ///< the circuit breaker answered instead
};
inline constexpr std::size_t kUpstreamErrorKinds = 8;

/// "connect", "timeout", ...; "" for None.
std::string_view upstreamErrorName(UpstreamError e);

struct UpstreamTotals {
    std::uint64_t requests = 0; ///< requests answered from (or for) an upstream
    std::uint64_t attempts = 0;
    std::uint64_t retried = 0; ///< requests that took more than one attempt
    /// Of those, the ones the upstream finally answered below 500.
    std::uint64_t retrySucceeded = 0;
    std::array<std::uint64_t, kUpstreamErrorKinds> errors {};
    LatencyHistogram latency; ///< upstream time (first attempt to answer), in µs

    /// One request: its attempts, how it ended, its upstream time, the status
    /// the client got.
    void add(int attempts, UpstreamError error, std::uint32_t upstreamUs, int status);
    /// retrySucceeded / retried, or -1 when nothing was retried.
    double retrySuccessRate() const;
};

/// Appends the tollgate_upstream_* families for every route with upstream
/// traffic (index = route id).
void appendUpstreamPrometheus(std::string& out, const std::vector<UpstreamTotals>& byRoute,
    const std::function<std::string_view(std::uint32_t)>& routeName);

} // namespace tollgate::server
