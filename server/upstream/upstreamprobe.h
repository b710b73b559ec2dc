#pragma once

// "Test upstream" (issue 14): one call of an upstream's base URL, step by
// step, with the time each step took or the step that failed and why. The
// same checks as UpstreamClient: every address a name resolves to passes
// the SSRF guard, TLS sends SNI and verifies the certificate and host name
// unless told not to. Never retried, never pooled, no circuit breaker.

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

struct UpstreamTarget; // upstreamclient.h

/// What to call.
struct UpstreamProbe {
    /// Host, port, TLS and its check, the connect and attempt timeouts and
    /// the SSRF guard, as the route's calls use them.
    std::shared_ptr<const UpstreamTarget> target;
    std::string method = "GET";
    std::string path = "/"; ///< the request target: the URL's base path
    /// Fields sent besides Host, User-Agent and Connection (the route's
    /// set and add changes, secrets already read).
    std::vector<std::pair<std::string, std::string>> fields;
};

/// The steps of a probe, in order.
enum class ProbeStep {
    Resolve, ///< the host name to addresses (none for an address literal)
    Guard, ///< every address past the SSRF guard
    Connect, ///< TCP
    Tls, ///< the handshake (https only)
    FirstByte, ///< the request written, the first byte of the answer read
    Header, ///< the rest of the answer's header
};

/// "resolve", "guard", ... for logs and tests.
std::string_view probeStepName(ProbeStep step);

struct UpstreamProbeResult {
    bool ok = false; ///< the upstream answered (any status)
    ProbeStep failedStep = ProbeStep::Resolve; ///< where it stopped, when not ok
    std::string error; ///< why, for people
    bool timedOut = false; ///< the failing step ran out of time

    /// How long each step took in µs; -1 when it was not taken (an address
    /// literal needs no lookup, plain http no handshake) or not reached.
    std::int64_t resolveUs = -1;
    std::int64_t connectUs = -1;
    std::int64_t tlsUs = -1;
    std::int64_t firstByteUs = -1; ///< from the request written to the first byte
    std::int64_t totalUs = 0;

    std::vector<std::string> addresses; ///< what the host resolved to
    std::string connectedTo; ///< the address the connection went to
    std::string tlsVersion; ///< "TLSv1.3"
    int status = 0; ///< the answer's status
    std::string reason; ///< and its reason phrase
};

/// Calls the probe's target once and blocks until the answer's header is in,
/// a step fails or the deadlines pass: resolving must end within the
/// target's connect timeout, connecting and the TLS handshake within it
/// again, the whole probe within its attempt timeout. A stop request ends it at once (the
/// result then says so). Runs on the calling thread with an io_context of
/// its own; safe on any thread.
UpstreamProbeResult probeUpstream(const UpstreamProbe& probe, std::stop_token stop = {});

} // namespace tollgate::server
