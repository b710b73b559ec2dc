#pragma once

// The load generator (issue 6): an HTTP/1.1 client on Asio with Beast's
// parser (and Beast's WebSocket client for ws:// URLs), driving a
// LoadSettings plan at any http:// or ws:// URL and collecting a LoadReport. No Qt: the panel polls
// progress() from a timer, `tollgated load` waits for it.

#include "server/load/loadplan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tollgate::server {

/// A parsed target URL.
struct LoadUrl {
    std::string host; ///< as written (brackets removed from IPv6 literals)
    std::uint16_t port = 80;
    std::string prefix; ///< the URL's path without a trailing '/', may be empty
    std::string query; ///< with its '?' when present; appended to every request
    std::string hostHeader; ///< host[:port] as the Host header carries it
    bool tls = false; ///< https:// or wss://
    bool webSocket = false; ///< ws:// or wss://
};

/// Parses http[s]://host[:port][/path][?query] (and the same with ws[s]://);
/// anything else is refused with a reason.
bool parseLoadUrl(const std::string& url, LoadUrl* out, std::string* error);

/// Everything wrong with a plan, one sentence each (empty when it can run):
/// a bad URL, counts out of range, templates that do not compile, a {param}
/// in a path without a value...
std::vector<std::string> validateLoadSettings(const LoadSettings& settings);

/// What a running test has done so far, for live views. Cheap to take
/// (copies the seconds after `fromSecond`).
struct LoadProgress {
    enum class Phase { Starting, WarmingUp, Measuring, Draining, Finished };
    Phase phase = Phase::Starting;
    double elapsedSeconds = 0; ///< since the first connection attempt
    std::uint64_t requests = 0; ///< answered so far, warm-up included
    std::uint64_t errors = 0;
    int openConnections = 0;
    /// Completed seconds with index >= fromSecond (the current second is
    /// still filling and not included).
    std::vector<LoadSecond> seconds;
};

/// Runs one plan once. start() returns at once; the run goes on in its own
/// threads until it ends (duration or count reached), stop() is called or
/// the object is destroyed. Not copyable; all members are thread-safe.
class LoadRunner {
public:
    explicit LoadRunner(LoadSettings settings);
    ~LoadRunner(); ///< stops and joins
    LoadRunner(const LoadRunner&) = delete;
    LoadRunner& operator=(const LoadRunner&) = delete;

    /// Checks the plan (validateLoadSettings) and starts. False with the
    /// problems joined by newlines when it cannot run; call once.
    bool start(std::string* error);
    /// Ends the run early: no new requests; those in flight get up to a
    /// second to finish. The report keeps what was measured.
    void stop();
    bool finished() const;
    /// Blocks until the run has finished.
    void wait();

    LoadProgress progress(std::int64_t fromSecond = 0) const;
    /// The results so far, for live threshold checks: the counts of the
    /// measured part up to each generator's last finished second (kept only
    /// when the settings have thresholds), no timeline. The whole report
    /// once finished.
    LoadReport snapshot() const;
    /// The results; complete once finished() (before that: empty).
    LoadReport report() const;

    /// Called once, from a runner thread, when the run has finished. Set
    /// before start().
    std::function<void()> onFinished;

private:
    struct Run;
    std::shared_ptr<Run> m_run;
};

} // namespace tollgate::server
