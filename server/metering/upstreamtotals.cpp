#include "server/metering/upstreamtotals.h"

#include "server/metering/prometheustext.h"

#include <cstdio>

namespace tollgate::server {

std::string_view upstreamErrorName(UpstreamError e)
{
    switch (e) {
    case UpstreamError::None:
        return "";
    case UpstreamError::Connect:
        return "connect";
    case UpstreamError::Timeout:
        return "timeout";
    case UpstreamError::Reset:
        return "reset";
    case UpstreamError::Protocol:
        return "protocol";
    case UpstreamError::Refused:
        return "refused";
    case UpstreamError::TooLarge:
        return "too-large";
    case UpstreamError::BreakerOpen:
        return "breaker-open";
    }
    return "";
}

void UpstreamTotals::add(int n, UpstreamError error, std::uint32_t upstreamUs, int status)
{
    ++requests;
    attempts += static_cast<std::uint64_t>(n);
    if (n > 1) {
        ++retried;
        if (error == UpstreamError::None && status > 0 && status < 500)
            ++retrySucceeded;
    }
    const auto kind = static_cast<std::size_t>(error);
    if (kind < errors.size() && error != UpstreamError::None)
        ++errors[kind];
    if (n > 0)
        latency.record(upstreamUs);
}

double UpstreamTotals::retrySuccessRate() const
{
    return retried == 0 ? -1.0 : static_cast<double>(retrySucceeded) / static_cast<double>(retried);
}

void appendUpstreamPrometheus(std::string& out, const std::vector<UpstreamTotals>& byRoute,
    const std::function<std::string_view(std::uint32_t)>& routeName)
{
    std::vector<std::string> labels(byRoute.size());
    bool any = false;
    for (std::size_t id = 0; id < byRoute.size(); ++id) {
        if (byRoute[id].requests == 0)
            continue;
        any = true;
        labels[id] = "route=\"";
        appendLabel(labels[id], routeName(static_cast<std::uint32_t>(id)));
        labels[id].push_back('"');
    }
    if (!any)
        return;
    const auto counter = [&](const char* name, const char* help, auto value) {
        out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ");
        out.append(name).append(" counter\n");
        for (std::size_t id = 0; id < byRoute.size(); ++id) {
            if (byRoute[id].requests == 0)
                continue;
            out.append(name).append("{").append(labels[id]).append("} ");
            appendNumber(out, value(byRoute[id]));
            out.push_back('\n');
        }
    };
    counter("tollgate_upstream_requests_total",
        "Requests routed to an upstream (answered by it, or failed or refused for it).",
        [](const UpstreamTotals& t) { return t.requests; });
    counter("tollgate_upstream_attempts_total", "Attempts made to upstreams, retries included.",
        [](const UpstreamTotals& t) { return t.attempts; });
    counter("tollgate_upstream_retried_requests_total",
        "Requests that took more than one attempt.",
        [](const UpstreamTotals& t) { return t.retried; });
    counter("tollgate_upstream_retry_succeeded_total",
        "Retried requests the upstream finally answered below 500.",
        [](const UpstreamTotals& t) { return t.retrySucceeded; });

    out.append("# HELP tollgate_upstream_retry_success_rate Retried requests that succeeded, "
               "divided by retried requests (only routes with retries).\n"
               "# TYPE tollgate_upstream_retry_success_rate gauge\n");
    for (std::size_t id = 0; id < byRoute.size(); ++id) {
        const double rate = byRoute[id].retrySuccessRate();
        if (byRoute[id].requests == 0 || rate < 0)
            continue;
        char value[32];
        std::snprintf(value, sizeof value, "%.6g", rate);
        out.append("tollgate_upstream_retry_success_rate{").append(labels[id]).append("} ");
        out.append(value).push_back('\n');
    }

    out.append("# HELP tollgate_upstream_errors_total Requests an upstream did not answer, by "
               "kind.\n# TYPE tollgate_upstream_errors_total counter\n");
    for (std::size_t id = 0; id < byRoute.size(); ++id) {
        for (std::size_t k = 1; k < kUpstreamErrorKinds; ++k) {
            if (byRoute[id].errors[k] == 0)
                continue;
            out.append("tollgate_upstream_errors_total{").append(labels[id]).append(",kind=\"");
            out.append(upstreamErrorName(static_cast<UpstreamError>(k))).append("\"} ");
            appendNumber(out, byRoute[id].errors[k]);
            out.push_back('\n');
        }
    }
    out.append("# HELP tollgate_upstream_duration_seconds Time spent on the upstream, from the "
               "first attempt to its answer (retry waits included).\n"
               "# TYPE tollgate_upstream_duration_seconds histogram\n");
    for (std::size_t id = 0; id < byRoute.size(); ++id) {
        if (byRoute[id].requests != 0)
            appendHistogram(out, "tollgate_upstream_duration_seconds", labels[id],
                byRoute[id].latency);
    }
}

} // namespace tollgate::server
