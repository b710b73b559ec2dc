#pragma once

// HAR 1.2 files, the capture format browsers, proxies and API tools exchange.
//
// The composer's history: requests are written as they were sent, variables
// expanded with the environment each was sent with. Credentials are not:
// Authorization, X-API-Key, Cookie and the composer's auth settings appear as
// "[redacted]". The history keeps status, size and time of each answer but
// not its headers or body, so responses carry only those.
//
// The window's traffic log: what the server answered, as the log keeps it
// (time, method, target, status, latency, bytes sent, request id and the
// key's id, never the key). No header or body was kept, so requests have
// none and responses only X-Request-ID; every entry says so in its comment.

#include "server/composer/history.h"
#include "server/interchange/importedapi.h"
#include "server/metering/traffic.h"
#include "server/workspace/workspace.h"

#include <string>
#include <vector>

namespace tollgate::server {

struct HarExport {
    std::string text; ///< pretty JSON
    int entries = 0;
    std::vector<ImportNote> notes;
};

/// baseUrl is what {{baseUrl}} means when an environment does not set it
/// (the workspace's own address).
HarExport exportHistoryHar(
    const Workspace& ws, const std::vector<HistoryEntry>& history, const std::string& baseUrl);

/// exportHistoryHar of the workspace's own history (ws.dir/.tollgate/
/// history.jsonl), {{baseUrl}} meaning the workspace's address.
HarExport exportWorkspaceHistoryHar(const Workspace& ws);

/// The traffic log's events (oldest first) as HAR entries; each request's URL
/// is baseUrl (the server's "http://host:port") followed by its target. A
/// reset connection (status 0) is an entry with status 0 and an "_error", as
/// browsers write a request that got no answer.
HarExport exportTrafficHar(const std::vector<TrafficEvent>& events, const std::string& baseUrl);

} // namespace tollgate::server
