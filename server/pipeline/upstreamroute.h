#pragma once

// An upstream route as the pipeline serves it: the target the client calls
// (shared pool key, breaker, SSRF guard), how the path is rewritten and which
// header changes are made, with secrets already read. Compiled at apply.

#include "server/common/clock.h"
#include "server/common/diagnostic.h"
#include "server/common/text.h"
#include "server/pipeline/recorder.h"
#include "server/upstream/upstreamclient.h"
#include "server/workspace/workspace.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::server {

/// One circuit breaker per upstream, kept across applies so that editing a
/// route does not close an open breaker. Thread-safe.
class BreakerRegistry {
public:
    explicit BreakerRegistry(std::shared_ptr<Clock> clock);
    /// The breaker of `origin` with these settings (changed settings make a
    /// new, closed breaker).
    std::shared_ptr<CircuitBreaker> breakerFor(const std::string& origin, const BreakerSettings& s);

    struct Entry {
        std::string origin;
        CircuitBreaker::State state;
        std::uint64_t transitions;
    };
    /// The breakers still in use, by origin.
    std::vector<Entry> entries() const;
    /// tollgate_upstream_breaker_state (one series per state, 1 for the
    /// current one) and tollgate_upstream_breaker_transitions_total, by upstream.
    std::string prometheusText() const;

private:
    std::shared_ptr<Clock> m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, std::weak_ptr<CircuitBreaker>> m_breakers;
};

/// What compiling upstream routes needs besides the workspace.
struct UpstreamSetup {
    BreakerRegistry* breakers = nullptr;
    /// Reads a secret header value by name (tollgated: the environment; the
    /// app: the OS keychain, then the environment). Nothing when unset.
    std::function<std::optional<std::string>(const std::string&)> secret;
    /// Ranges allowed on top of the workspace's upstreamAllowlist (the app
    /// allows loopback for local development).
    std::vector<std::string> extraAllowlist;
    /// Where proxied exchanges go while record mode is on.
    std::shared_ptr<Recorder> recorder;
    /// Offline: upstream routes answer from their designed (recorded)
    /// responses and the fallback upstream is not used.
    bool offline = false;
};

struct UpstreamRoute {
    std::shared_ptr<const UpstreamTarget> target;
    std::string basePath; ///< from the URL, without a trailing '/'
    std::string stripPrefix;
    std::string pathTemplate;
    bool passQuery = true;
    std::vector<UpstreamHeader> headers; ///< secrets read into value
    /// The route takes a Tollgate key: Authorization / X-API-Key are ours,
    /// never the upstream's.
    bool dropCredentials = false;
    int openResponse = -1;
    Micros feeMicros = 0;
    std::shared_ptr<Recorder> recorder; ///< may be null

    /// The target (path and query) the upstream is asked for, from the raw
    /// (still encoded) request path and the decoded path parameters.
    std::string upstreamTarget(std::string_view path, std::string_view rawQuery,
        const StringPairs& params) const;
};

/// Compiles a route's (or the fallback's) upstream settings. Problems (a bad
/// URL or allowlist entry, a secret that is not set) go to *errors, prefixed
/// with `where`, and give null.
std::shared_ptr<const UpstreamRoute> compileUpstreamRoute(const Upstream& upstream,
    bool keyRequired, const std::vector<std::string>& allowlist, const UpstreamSetup& setup,
    const std::string& where, std::vector<Diagnostic>* errors);

} // namespace tollgate::server
