#pragma once

// The composer's history as a HAR 1.2 file, the capture format browsers,
// proxies and API tools exchange. Requests are written as they were sent:
// variables expanded with the environment each was sent with. Credentials are
// not: Authorization, X-API-Key, Cookie and the composer's auth settings
// appear as "[redacted]". The history keeps status, size and time of each
// answer but not its headers or body, so responses carry only those.

#include "server/composer/history.h"
#include "server/interchange/importedapi.h"
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

} // namespace tollgate::server
