#pragma once

// The embedded HTTP server. Owns one io_context per worker thread; the
// acceptor hands connections round-robin to the workers, so a connection lives
// on one thread and needs no locking. Each connection (http/) hands its
// requests to the request pipeline (pipeline/). Configuration is published,
// never shared: apply() compiles a Workspace into an immutable Snapshot and
// swaps it atomically; requests in flight finish on the snapshot they started
// with.

#include "server/access/sharedlimiter.h"
#include "server/access/usage.h"
#include "server/common/diagnostic.h"
#include "server/http/loopback.h"
#include "server/metering/journal.h"
#include "server/metering/metricsstore.h"
#include "server/metering/traffic.h"
#include "server/upstream/circuitbreaker.h"
#include "server/upstream/upstreamprobe.h"
#include "server/workspace/recording.h"
#include "server/workspace/workspace.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::server {

class Clock;
class Metering;

struct EngineOptions {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 0; ///< 0 picks a free port
    int threads = 0; ///< 0 = hardware concurrency
    std::string version = "0.0.0";
    /// Where usage.json (quota counts, usage ledger) lives. Empty: the
    /// workspace's .tollgate/ directory, or memory only for a workspace
    /// without a directory.
    std::filesystem::path stateDir;
    /// "redis://host:port[/db]": share rate-limit and quota counters there.
    std::string redisUrl;
    RedisFailPolicy redisFailPolicy = RedisFailPolicy::Local;
    /// Time source for limits, quotas and key expiry (tests: VirtualClock).
    std::shared_ptr<Clock> clock;
    /// Scheduling niceness of the worker threads (Linux: per thread, 0..19).
    /// The app raises it so that its window stays responsive while its own
    /// server is saturated; it costs nothing while the cores are not contended.
    int workerNice = 0;
    /// Record every request into metering (1-second buckets, see Metering).
    bool metering = true;
    /// Where metric buckets are stored: empty = <state dir>/metrics.db (memory
    /// only when there is no state directory); "-" = memory only.
    std::filesystem::path metricsDatabase;
    /// How long history is kept; unset: the workspace's
    /// server.metrics.retentionDays (per-minute rows), one day of seconds.
    std::optional<MetricsRetention> metricsRetention;
    /// One JSON line per request (time, request id, method, route, status,
    /// latency, bytes, key, tier, cost, price) to this file; "-" = stdout;
    /// empty = off.
    std::string jsonLog;
    /// HTTPS: the certificate chain (leaf first) and its key, as files or as
    /// PEM text (the text wins when set). Both empty: plain HTTP.
    std::string tlsCertFile;
    std::string tlsKeyFile;
    std::string tlsCertificatePem;
    std::string tlsKeyPem;
    /// The request journal (journal.h): the newest this many requests kept
    /// with their headers and bodies (cut at journalBodyLimit), for the
    /// admin endpoint's /journal. 0 = off, nothing copied per request.
    std::size_t journalCapacity = 0;
    std::size_t journalBodyLimit = RequestJournal::kDefaultBodyLimit;
};

/// Exchanges record mode could not keep, over the engine's life.
struct RecordingStats {
    std::uint64_t dropped = 0; ///< more were waiting than are kept
    std::uint64_t tooLarge = 0; ///< bodies over the recording cap (1 MiB)
};

/// Reads the secret value of an upstream header by name (nothing when unset).
using SecretReader = std::function<std::optional<std::string>(const std::string&)>;

/// A route the engine serves from an upstream, and its circuit breaker now.
struct UpstreamRouteState {
    std::string route; ///< "GET /v1/users/{id}" (the fallback: "* /*")
    /// "https://api.example.com:443": the breaker is shared by every route
    /// to this upstream with the same breaker settings.
    std::string upstream;
    CircuitBreaker::State breaker = CircuitBreaker::State::Closed;
    std::int64_t retryAfterMs = 0; ///< while open: until it lets a probe through
    std::uint64_t transitions = 0; ///< breaker state changes so far
};

namespace detail {
struct EngineImpl;
}

class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Compiles and publishes a workspace. Safe to call from any thread at any
    /// time, running or not. Returns the problems found (routes with problems
    /// are left out, the rest serve).
    std::vector<Diagnostic> apply(const Workspace& ws);

    /// What upstream routes may reach and where their secrets come from:
    /// address ranges allowed on top of the workspace's upstreamAllowlist
    /// (the app: loopback, for local development; tollgated:
    /// --allow-upstream), and the secret reader (default: the process
    /// environment). Re-applies the current workspace; returns its problems.
    std::vector<Diagnostic> setUpstreamAccess(
        std::vector<std::string> allowlist, SecretReader secret);

    /// Record mode (off by default): every exchange answered by an upstream
    /// is kept until takeRecorded(); mergeRecording() turns them into
    /// designed responses. Takes effect at once, without an apply.
    void setRecording(bool on);
    bool isRecording() const;
    /// Moves the exchanges recorded since the last call into *out, oldest first.
    void takeRecorded(std::vector<RecordedExchange>* out);
    RecordingStats recordingStats() const;

    /// Offline: upstream routes answer from their designed (recorded)
    /// responses and the fallback upstream is not called. Re-applies the
    /// current workspace; returns its problems.
    std::vector<Diagnostic> setOffline(bool offline);

    /// Every route the published workspace serves from an upstream (the
    /// fallback included), by route name, with its breaker's state now.
    /// Thread-safe.
    std::vector<UpstreamRouteState> upstreamRoutes() const;

    /// "Test upstream": what probeUpstream() calls for these settings, compiled
    /// as apply() compiles a route's (URL, the allowlists, secret headers
    /// read now, TLS check) but with a breaker of its own, so a test never
    /// moves the route's. Nothing, with the problems in *problems, when the
    /// settings do not compile. Thread-safe and quick; the probe itself
    /// blocks, so callers run it where waiting does no harm.
    std::optional<UpstreamProbe> upstreamProbe(
        const Upstream& upstream, std::vector<Diagnostic>* problems) const;

    /// Binds and starts the worker threads. Returns false and sets *error when
    /// the address cannot be bound.
    bool start(const EngineOptions& options, std::string* error);

    /// Stops accepting, closes connections and joins the workers. Idempotent.
    void stop();

    bool isRunning() const;
    /// The bound port (useful after start with port 0), 0 when stopped.
    std::uint16_t port() const;
    std::string boundAddress() const;
    /// "https" while serving with a certificate, else "http".
    std::string scheme() const;

    /// Moves the traffic events recorded since the last call into *out
    /// (oldest first), at most the newest `max` of them (the rest are
    /// dropped: a log view at full load cannot show them anyway). Never
    /// blocks the workers for more than a swap.
    void drainTraffic(std::vector<TrafficEvent>* out, std::size_t max = SIZE_MAX);
    /// Turns traffic recording on or off (on by default).
    void setTrafficRecording(bool on);

    /// Usage per key and month (all months known). While running: live
    /// counts; stopped: what the state directory holds.
    std::vector<KeyUsage> usage() const;
    /// Why usage is not being persisted (unreadable usage.json), or empty.
    std::string usageProblem() const;

    /// The metering pipeline (live views, Prometheus text, stats). Exists for
    /// the life of the engine, running or not; live data survives a restart.
    std::shared_ptr<Metering> metering() const;
    /// The request journal of the current (or last) run; null when the run
    /// keeps none (EngineOptions::journalCapacity 0).
    std::shared_ptr<RequestJournal> journal() const;
    /// JSON request-log lines dropped because the sink could not keep up,
    /// over this engine's life.
    std::uint64_t requestLogDropped() const;
    /// The metrics database of the current (or last) run; empty when metrics
    /// are kept in memory only.
    std::filesystem::path metricsDatabase() const;

    /// Counters for tests and the status bar.
    std::uint64_t requestsServed() const;
    std::uint64_t connectionsAccepted() const;
    /// Connections answered 503 because their address held
    /// Limits::connectionsPerAddress already (counted in connectionsAccepted).
    std::uint64_t connectionsRefused() const;

private:
    std::unique_ptr<detail::EngineImpl> d;
};

} // namespace tollgate::server
