#pragma once

// What requests are served from: everything apply() compiled from a
// workspace, immutable once published. Configuration is published, never
// shared: a worker keeps its own reference and looks for a newer snapshot
// with one atomic load per request.

#include "server/access/keyindex.h"
#include "server/common/diagnostic.h"
#include "server/pipeline/upstreamroute.h"
#include "server/routing/routetable.h"
#include "server/workspace/workspace.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tollgate::server {

class Metering;

struct Snapshot {
    std::shared_ptr<const RouteTable> routes;
    std::shared_ptr<const KeyIndex> keys;
    ServerSettings settings;
    std::string healthBody;
    /// The configured expose list plus X-Request-ID, so browsers can read it.
    std::string corsExposeHeaders;
    /// The upstream of each route that answers from one.
    std::unordered_map<const CompiledRoute*, std::shared_ptr<const UpstreamRoute>> upstreams;
    /// With a fallback upstream: the route ("* /*") requests that match no
    /// other route take.
    std::unique_ptr<CompiledRoute> fallbackRoute;

    /// The upstream `route` answers from, or null for a designed route.
    const UpstreamRoute* upstreamOf(const CompiledRoute* route) const
    {
        if (upstreams.empty())
            return nullptr;
        const auto it = upstreams.find(route);
        return it == upstreams.end() ? nullptr : it->second.get();
    }
};

/// Compiles a workspace into a snapshot. Keys keep the runtime state (limiter
/// cells, usage counters) `previousKeys` holds for them; routes and keys get
/// their metering ids. Problems go to *errors (routes with problems are left
/// out, the rest serve). Upstream routes need `upstream` (without it they
/// are reported and left out).
std::shared_ptr<const Snapshot> buildSnapshot(const Workspace& ws, int threadSlots,
    const std::string& version, const KeyIndex* previousKeys, Metering* metering,
    std::vector<Diagnostic>* errors, const UpstreamSetup* upstream = nullptr);

/// Publication of snapshots to the worker threads. publish() swaps under a
/// mutex and bumps a generation; a reader compares the generation (one
/// acquire load) and takes the mutex only when it moved, so serving shares no
/// lock and a publish is visible to the very next request once it returns.
/// (libstdc++ 12's std::atomic<std::shared_ptr> takes a lock bit on every
/// load, and ThreadSanitizer cannot see through it.)
class SnapshotPublisher {
public:
    /// One thread's reference to the published snapshot.
    struct Copy {
        std::shared_ptr<const Snapshot> snapshot;
        std::uint64_t generation = ~std::uint64_t { 0 };
    };

    void publish(std::shared_ptr<const Snapshot> snapshot);
    /// The newest snapshot, refreshing the thread's copy when it changed.
    const std::shared_ptr<const Snapshot>& current(Copy& copy);
    /// The newest snapshot (takes the mutex; not for the request path).
    std::shared_ptr<const Snapshot> latest();

private:
    std::mutex m_mutex;
    std::shared_ptr<const Snapshot> m_current;
    std::atomic<std::uint64_t> m_generation { 0 };
};

} // namespace tollgate::server
