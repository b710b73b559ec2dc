#pragma once

#include "server/access/usage.h"
#include "server/common/diagnostic.h"
#include "server/engine/engine.h"
#include "server/load/loadgen.h"
#include "server/load/loadplan.h"
#include "server/metering/traffic.h"
#include "server/metering/upstreamtotals.h"
#include "server/upstream/upstreamprobe.h"
#include "server/workspace/workspace.h"
#include "ui/engine/loadthresholds.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::server {
class Metering;
}

namespace tollgate::ui {

/// One route's upstream as the window shows it: its breaker while the
/// engine serves the route from an upstream, and what its upstream calls
/// came to since the engine was made.
struct UpstreamFigures {
    std::string route; ///< the engine's name: "GET /v1/users/{id}"
    /// Served from an upstream now (the published workspace), with the
    /// breaker's state; nothing otherwise.
    std::optional<server::UpstreamRouteState> served;
    server::UpstreamTotals totals;
};

/// What "Test upstream" found: why the settings could not be tried (they do
/// not compile: a refused address, a secret that is not set), or the
/// probe's steps.
struct UpstreamTest {
    QStringList problems;
    server::UpstreamProbeResult result;
};

/// The window's only way to the engine: the embedded server and load runs.
///
/// Every call returns at once. Whatever takes time (compiling routes and
/// reading body files, binding, joining worker threads, reading usage.json,
/// saving a load report) happens off the GUI thread; the result comes back
/// through a signal, delivered on the GUI thread, in the order the calls were
/// made. Only values cross threads.
///
/// Implementations: LocalEngine (the real engine); tests use a fake.
class EngineFacade : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineFacade)

public:
    explicit EngineFacade(QObject* parent = nullptr)
        : QObject(parent)
    {
    }
    ~EngineFacade() override = default;

    // --- The embedded server -------------------------------------------

    /// Compiles and publishes a workspace, serving or not; applied() follows
    /// with the problems found (routes with problems are left out).
    virtual void apply(const server::Workspace& workspace) = 0;
    /// Binds and serves: started() or startFailed() follows. Serving
    /// already: started() again.
    virtual void start(const server::EngineOptions& options) = 0;
    /// Closes connections and stops serving; stopped() follows (also when
    /// nothing was served).
    virtual void stop() = 0;

    /// The state as last reported: these change just before started() and
    /// stopped() are emitted, never in between.
    virtual bool isRunning() const = 0;
    /// The bound port (the real one when 0 was asked for); 0 when stopped.
    virtual quint16 port() const = 0;
    /// The address bound by the last start.
    virtual QString boundAddress() const = 0;
    /// Requests answered, as of the last trafficPolled().
    virtual std::uint64_t requestsServed() const = 0;

    /// Takes the traffic recorded since the last poll (at most the newest
    /// max events); trafficPolled() follows.
    virtual void pollTraffic(std::size_t max) = 0;
    /// Reads usage per key and month (live counters while serving, else
    /// what the workspace's state directory holds); usagePolled() follows.
    virtual void pollUsage() = 0;

    /// The metering pipeline, there for the life of the facade, serving or
    /// not. Its live views are thread-safe and may be computed anywhere.
    virtual std::shared_ptr<server::Metering> metering() const = 0;
    /// The metrics database of the current (or last) run; empty when there
    /// was none or metrics stay in memory.
    virtual std::filesystem::path metricsDatabase() const = 0;

    // --- Upstream routes -----------------------------------------------

    /// What upstream routes may reach besides the workspace's allowlist, and
    /// where their secret header values come from (the app: loopback, and
    /// the OS keychain before the environment). Re-applies what was applied
    /// last; applied() follows.
    virtual void setUpstreamAccess(
        const std::vector<std::string>& allowlist, server::SecretReader secret)
        = 0;
    /// Reads the upstream routes served now with their breakers and every
    /// route's upstream totals; upstreamPolled() follows.
    virtual void pollUpstream() = 0;
    /// "Test upstream": calls the upstream's base URL once, as a route with
    /// these settings would, off the GUI thread (a blocked probe holds up
    /// no other call); upstreamTested() follows with the returned ticket.
    virtual quint64 testUpstream(const server::Upstream& upstream) = 0;
    /// Record mode: answers from upstreams are kept (the engine's
    /// Engine::setRecording) until pollRecorded().
    virtual void setRecording(bool on) = 0;
    /// Takes what was recorded since the last poll; recordedPolled() follows.
    virtual void pollRecorded() = 0;
    /// Offline: upstream routes answer from their designed responses and
    /// the fallback is not called; applied() follows.
    virtual void setOffline(bool offline) = 0;

    // --- Load runs (one at a time) -------------------------------------

    /// Starts a run: loadStarted() or loadFailed() follows, then
    /// loadFinished() once it ends. When reportDirectory is set the report
    /// is saved there (a LoadRunStore) before loadFinished(), also when the
    /// run ends because the facade is destroyed. The settings' thresholds
    /// are checked off the GUI thread once per measured second
    /// (loadThresholdsChecked()) and at the end (the report's thresholds);
    /// what they need besides the run comes from sources, and a threshold
    /// that cannot be measured with them makes the run fail to start.
    virtual void startLoad(const server::LoadSettings& settings, const QString& reportDirectory,
        const LoadThresholdSources& sources = {})
        = 0;
    /// Ends the run early; what was measured is kept.
    virtual void stopLoad() = 0;
    /// The running test's progress, the completed seconds from fromSecond
    /// on. Cheap; empty outside loadStarted() .. loadFinished() (the last
    /// seconds can still be read from a slot connected to loadFinished()).
    virtual server::LoadProgress loadProgress(std::int64_t fromSecond) const = 0;

Q_SIGNALS:
    void applied(const std::vector<server::Diagnostic>& diagnostics);
    void started();
    void startFailed(const QString& error);
    void stopped();
    void trafficPolled(const std::vector<server::TrafficEvent>& events);
    void usagePolled(const std::vector<server::KeyUsage>& usage);
    /// By route name.
    void upstreamPolled(const std::vector<UpstreamFigures>& figures);
    void upstreamTested(quint64 ticket, const UpstreamTest& test);
    void recordedPolled(const std::vector<server::RecordedExchange>& exchanges);
    void loadStarted();
    void loadFailed(const QString& error);
    /// A measured second of the running test was checked against its
    /// thresholds; a check that sets abortedBy has stopped the run.
    void loadThresholdsChecked(const LoadThresholdCheck& check);
    /// saveError: why the report could not be saved (empty when it was, or
    /// when no directory was given); a saved report carries its id.
    void loadFinished(const server::LoadReport& report, const QString& saveError);
};

} // namespace tollgate::ui
