#pragma once

// The load runner's value types (issue 6): what a run is asked to do
// (LoadSettings) and what it found (LoadReport). Plain values, no threads:
// the runner (loadgen.h) fills them, loadreport.h turns them into JSON, text
// and files under .tollgate/loadruns/, the panel and `tollgated load` show them.

#include "server/metering/latencyhistogram.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tollgate::server {

/// Closed: N connections, each sends its next request as soon as the last
/// one is answered. Open: requests are due at a constant rate whether or not
/// answers come back; latency counts from when a request was due, so a
/// stalled server shows up as latency instead of hiding as fewer requests
/// (coordinated omission corrected, as wrk2 does).
enum class LoadModel { Closed, Open };

/// One entry of the route mix. The path may hold {name} parameters, each
/// filled from `params` (a template per parameter, rendered per request and
/// percent-encoded); path, header values and body are templates too
/// ({{uuid}}, {{#randomInt}}1 100{{/randomInt}}, {{now}}, and
/// {{request.params.<name>}} for the values drawn for this request).
struct LoadTarget {
    std::string name; ///< label in reports; empty: "METHOD path"
    std::string method = "GET";
    std::string path = "/"; ///< appended to the URL's path
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    double weight = 1;

    std::string label() const { return name.empty() ? method + ' ' + path : name; }
    bool operator==(const LoadTarget&) const = default;
};

/// One key of the pool. Each request draws a key by weight (or none when the
/// pool is empty) and is counted under the key's tier.
struct LoadKey {
    std::string id; ///< workspace key id or a label; saved with the run
    std::string tier; ///< tier name for the per-tier breakdown
    std::string secret; ///< the raw key; never saved
    double weight = 1;

    bool operator==(const LoadKey&) const = default;
};

struct LoadSettings {
    /// http[s]://host[:port][/prefix], or ws[s]:// for a WebSocket run. The
    /// mix's paths are appended to the prefix; without a mix every request
    /// is GET of the URL itself.
    std::string url;
    LoadModel model = LoadModel::Closed;
    int connections = 64;
    double rate = 0; ///< open model: requests per second, all threads together
    double durationSeconds = 10; ///< measured time, after warm-up
    /// > 0: stop after this many measured requests instead of a duration.
    std::uint64_t requestCount = 0;
    /// Requests started in the first warmupSeconds are sent but not counted.
    double warmupSeconds = 0;
    /// Load grows linearly from nothing to full over the first rampUpSeconds
    /// (counted from the start, so a ramp shorter than the warm-up is hidden
    /// in it): connections open one by one (closed), the rate climbs (open).
    double rampUpSeconds = 0;
    /// A request unanswered this long counts as a timeout error and its
    /// connection is closed and opened again.
    double timeoutSeconds = 10;
    int threads = 1; ///< generator threads, each with its own connections
    std::vector<LoadTarget> mix;
    std::vector<LoadKey> keys;
    /// Header the key goes in: "Authorization" sends "Bearer <key>", any
    /// other name (X-API-Key) sends the key itself.
    std::string keyHeader = "Authorization";
    std::uint64_t seed = 1; ///< for the mix and key draws and templates
    /// https/wss: check the server's certificate chain and name (off for a
    /// test server with a self-signed certificate).
    bool verifyTls = true;
    /// PEM text of the CA certificates to trust for https/wss instead of the
    /// system's store (a local CA, a test server's); empty: the system's.
    /// The host name is checked either way while verifyTls is on.
    std::string caPem;
    /// Streams (Server-Sent Events): each answer is read as an event stream
    /// and a request lasts until its stream ends. Events, tokens (of LLM
    /// chunks' choices[0].delta.content) and the time to the first event are
    /// counted as they come; timeoutSeconds is the longest silence; when the
    /// run ends, streams still open are closed (not errors).
    bool stream = false;
    /// WebSocket runs (a ws:// or wss:// URL, closed model): each connection
    /// opens a session (the mix gives its path and headers) and holds it to
    /// the end of the run, when it is closed with 1000 (not an error). A
    /// session the server ends, or whose handshake it refuses, is opened
    /// again. Messages received count as events (the first one's time since
    /// the connection began as firstEvent), sessions opened as streams;
    /// timeoutSeconds is the longest silence. wsMessage (a template like the
    /// mix's bodies, {{stream.index}} its number on the session) is sent
    /// when a session opens and then every wsIntervalMs (0: once); a message
    /// that comes back unchanged gives its round trip.
    std::string wsMessage;
    double wsIntervalMs = 0;
    /// Pass/fail conditions on the results (thresholds.h): "p95<200ms",
    /// "errors<1%", "status429{tier=free}<5%", "margin>$0". Checked every
    /// second while the run measures and again at the end; a run with a
    /// threshold that fails makes `tollgated load` exit with 99.
    std::vector<std::string> thresholds;
    /// Stop the run at the first threshold that fails while it runs.
    bool abortOnThreshold = false;

    /// True for a ws:// or wss:// URL.
    bool webSocket() const;

    bool operator==(const LoadSettings&) const = default;
};

/// Why a request got no HTTP answer.
enum class LoadErrorKind {
    Connect, ///< name not resolved, refused, unreachable
    Timeout, ///< no complete answer within timeoutSeconds
    Reset, ///< the connection was closed or reset before the answer was complete
    Protocol, ///< the answer was not HTTP/1.x the parser accepts
    Count
};
inline constexpr std::size_t kLoadErrorKinds = static_cast<std::size_t>(LoadErrorKind::Count);
/// "connect", "timeout", "reset", "protocol".
const char* loadErrorName(LoadErrorKind kind);
/// "open" or "closed".
const char* loadModelName(LoadModel model);

/// Answers and errors of some slice of a run (all of it, one tier, one
/// route). Latency covers answered requests only.
struct LoadCounts {
    std::uint64_t requests = 0; ///< answered (any status)
    std::map<int, std::uint64_t> statuses; ///< status code → answers
    std::array<std::uint64_t, kLoadErrorKinds> errors {};
    LatencyHistogram latency; ///< microseconds
    std::uint64_t bytesOut = 0;
    std::uint64_t bytesIn = 0;
    /// Stream runs: answers that sent at least one event, the events and
    /// tokens received (also from streams cut by the end of the run), and the
    /// time from sending to the first event.
    std::uint64_t streams = 0;
    std::uint64_t events = 0;
    std::uint64_t tokens = 0;
    LatencyHistogram firstEvent; ///< microseconds
    /// WebSocket runs (events are the messages received, streams the
    /// sessions of the measured part, opened in it or carried over from the
    /// warm-up, requests their handshakes' answers: 101 or a refusal with its
    /// status): messages sent, sessions still open when the run ended, the
    /// close codes of sessions the server ended, and the round trip of sent
    /// messages that came back unchanged (echoed).
    std::uint64_t sent = 0;
    std::uint64_t held = 0;
    std::map<int, std::uint64_t> closes; ///< close code → sessions the server closed with it
    LatencyHistogram roundTrip; ///< microseconds

    std::uint64_t errorTotal() const;
    /// Answers with status in [100·cls, 100·cls + 100).
    std::uint64_t statusClass(int cls) const;
    void merge(const LoadCounts& other);
};

/// One second of a run, by completion time (what the live charts draw).
struct LoadSecond {
    std::int64_t second = 0; ///< since the start of the run, from 0
    bool warmup = false; ///< part of the warm-up (not in the results)
    std::uint64_t requests = 0; ///< answered in this second
    std::array<std::uint64_t, 6> classes {}; ///< [1..5]: 1xx..5xx; [0] unused
    std::uint64_t errors = 0;
    LatencyHistogram latency;
    std::uint64_t events = 0; ///< stream runs: events received in this second
    std::uint64_t tokens = 0;
    std::uint64_t sent = 0; ///< WebSocket runs: messages sent in this second
};

/// How one threshold came out (thresholds.h evaluates them).
struct ThresholdResult {
    std::string threshold; ///< as written in the settings
    bool passed = false;
    /// False when there was nothing to measure (no request of that tier,
    /// no figures from the server): such a threshold fails.
    bool measured = false;
    /// The measured value in the threshold's own unit: µs for latency, a
    /// fraction for shares, dollars, requests per second.
    double actual = 0;
    std::string actualText; ///< "12.3 ms", "4.20 % (21 of 500)", "$0.0012"
    /// Seconds of measuring after which the live check first saw it fail
    /// (1: within the first second); -1 when it never did.
    std::int64_t breachedAt = -1;
    bool operator==(const ThresholdResult&) const = default;
};

/// A slice of the results with its name (a tier or a route).
struct LoadSlice {
    std::string name;
    LoadCounts counts;
};

struct LoadReport {
    LoadSettings settings; ///< key secrets blanked
    std::string id; ///< file stem under .tollgate/loadruns/
    std::string startedAt; ///< ISO 8601 UTC
    std::string target; ///< "127.0.0.1:8080 (loopback)" or what the host resolved to
    double measuredSeconds = 0; ///< wall time of the counted part
    LoadCounts total; ///< counted requests (after warm-up)
    std::uint64_t warmupRequests = 0; ///< answered during warm-up, not in total
    /// Open model: requests that were due but not sent before the run ended
    /// because every connection was busy (the generator could not keep up).
    std::uint64_t missed = 0;
    std::vector<LoadSlice> tiers; ///< "(no key)" for requests without one
    std::vector<LoadSlice> routes; ///< one per mix entry, by label
    std::vector<LoadSecond> timeline;
    bool stopped = false; ///< stopped by the user before the end
    std::vector<ThresholdResult> thresholds; ///< one per settings.thresholds, in order
    /// The threshold that stopped the run (abortOnThreshold); empty otherwise.
    std::string abortedBy;
    std::string problem; ///< set when the run could not start or was cut short

    double throughput() const
    {
        return measuredSeconds > 0 ? double(total.requests) / measuredSeconds : 0;
    }
};

} // namespace tollgate::server
