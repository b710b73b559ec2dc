#pragma once

// The first stage a request passes: the checks that come before any route
// does anything. A loopback-bound server answers only loopback Host names
// (DNS-rebinding defence); a CORS preflight is answered here; so are the
// built-in /health and the requests no route serves (404, or 405 and OPTIONS
// with Allow).

#include "server/http/connection.h"
#include "server/http/response.h"
#include "server/pipeline/snapshot.h"
#include "server/routing/routetable.h"

#include <string_view>

namespace tollgate::server {

struct EdgeResult {
    bool answered = false; ///< `out` holds the complete answer
    /// When the request goes on: the Origin to add CORS fields for, empty
    /// when CORS is off or the request has no Origin.
    std::string_view corsOrigin;
};

/// `path` is the decoded path, `match` what routing found for it.
EdgeResult checkEdge(const HttpRequest& request, std::string_view path,
    const RouteTable::Match& match, const Snapshot& snapshot, bool loopbackBound,
    HttpResponse& out);

/// Adds the CORS fields for `origin` when the settings allow it: the Allow-*
/// set for a preflight, else Allow-Origin and Expose-Headers.
void addCorsFields(
    const Snapshot& snapshot, std::string_view origin, bool preflight, HttpResponse& out);

} // namespace tollgate::server
