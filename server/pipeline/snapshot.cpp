#include "server/pipeline/snapshot.h"

#include "server/common/text.h"
#include "server/http/response.h"
#include "server/metering/metering.h"

namespace tollgate::server {

namespace {

// True when a comma-separated header list names `header` (or is "*").
bool listsHeader(std::string_view list, std::string_view header)
{
    return anyListElement(
        list, [&](std::string_view token) { return token == "*" || iequals(token, header); });
}

} // namespace

std::shared_ptr<const Snapshot> buildSnapshot(const Workspace& ws, int threadSlots,
    const std::string& version, const KeyIndex* previousKeys, Metering* metering,
    std::vector<Diagnostic>* errors, const UpstreamSetup* upstream)
{
    auto snap = std::make_shared<Snapshot>();
    const auto compileUpstream
        = [&](const Upstream& u, bool keyRequired,
              const std::string& where) -> std::shared_ptr<const UpstreamRoute> {
        if (!upstream) {
            if (errors)
                errors->push_back({ {}, 0, 0, where + ": upstream routes are not served here" });
            return nullptr;
        }
        return compileUpstreamRoute(
            u, keyRequired, ws.server.upstreamAllowlist, *upstream, where, errors);
    };
    // An upstream route whose upstream does not compile is left out, like
    // any route with a problem.
    auto routes = RouteTable::build(ws, threadSlots, errors, [&](const CompiledRoute& route) {
        if (route.source.responder != RouteResponder::Upstream || (upstream && upstream->offline))
            return true;
        const std::string where
            = route.source.fileName.empty() ? route.name : "routes/" + route.source.fileName;
        auto u = compileUpstream(route.source.upstream, route.source.access.keyRequired, where);
        if (!u)
            return false;
        snap->upstreams.emplace(&route, std::move(u));
        return true;
    });
    snap->routes = std::move(routes);
    if (!ws.server.fallback.url.empty() && !(upstream && upstream->offline)) {
        Route fallback;
        fallback.method = "*";
        fallback.path = "/*";
        fallback.responder = RouteResponder::Upstream;
        fallback.upstream = ws.server.fallback;
        fallback.bodyLimit = ws.server.limits.bodyBytes;
        if (auto u = compileUpstream(ws.server.fallback, false, "tollgate.json: server.fallback")) {
            snap->fallbackRoute = RouteTable::compileOne(ws, fallback, threadSlots, errors);
            if (snap->fallbackRoute)
                snap->upstreams.emplace(snap->fallbackRoute.get(), std::move(u));
        }
    }
    snap->settings = ws.server;
    snap->healthBody = "{\"status\":\"ok\",\"version\":" + jsonQuote(version)
        + ",\"environment\":" + jsonQuote(ws.server.environment) + "}";
    snap->corsExposeHeaders = ws.server.cors.exposeHeaders;
    if (!listsHeader(snap->corsExposeHeaders, "X-Request-ID")) {
        if (!trimBlanks(snap->corsExposeHeaders).empty())
            snap->corsExposeHeaders += ", ";
        snap->corsExposeHeaders += "X-Request-ID";
    }
    auto keys = std::make_shared<KeyIndex>(ws.keys, ws.tiers, previousKeys);
    if (metering) {
        for (const auto& route : snap->routes->routes())
            route->meterId = metering->routeId(route->name);
        if (snap->fallbackRoute)
            snap->fallbackRoute->meterId = metering->routeId(snap->fallbackRoute->name);
        keys->forEach([metering](KeyEntry& e) {
            e.meterKey = metering->keyId(e.id);
            e.meterTier = metering->tierId(e.tierId);
        });
    }
    snap->keys = std::move(keys);
    return snap;
}

void SnapshotPublisher::publish(std::shared_ptr<const Snapshot> snapshot)
{
    std::shared_ptr<const Snapshot> old;
    {
        std::lock_guard lock(m_mutex);
        old = std::move(m_current);
        m_current = std::move(snapshot);
        m_generation.fetch_add(1, std::memory_order_release);
    }
    // `old` dies here, outside the lock (it may be the last reference).
}

const std::shared_ptr<const Snapshot>& SnapshotPublisher::current(Copy& copy)
{
    const auto gen = m_generation.load(std::memory_order_acquire);
    if (gen != copy.generation) {
        std::lock_guard lock(m_mutex);
        copy.snapshot = m_current;
        copy.generation = m_generation.load(std::memory_order_relaxed);
    }
    return copy.snapshot;
}

std::shared_ptr<const Snapshot> SnapshotPublisher::latest()
{
    std::lock_guard lock(m_mutex);
    return m_current;
}

} // namespace tollgate::server
