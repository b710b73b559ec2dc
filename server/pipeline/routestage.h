#pragma once

// The route match: the target split into path and query, the path
// percent-decoded and matched against the route table. It runs as soon as the
// header is in, so a body over the route's limit is refused before it is read.

#include "server/http/response.h"
#include "server/routing/routetable.h"
#include "server/workspace/workspace.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

struct RoutedRequest {
    std::string path; ///< percent-decoded, without the query
    std::string rawQuery; ///< without the '?'
    RouteTable::Match match;

    void clear();
};

/// Routes `method target`. A request no route takes goes to `fallback` when
/// there is one (the fallback upstream), except the built-in GET /health.
/// Returns the body limit that applies (the route's, else the server's), or
/// nullopt after answering 400 in *answer for a target that is not a valid
/// path.
std::optional<std::size_t> routeRequest(std::string_view method, std::string_view target,
    const RouteTable& routes, const Limits& limits, RoutedRequest* out, HttpResponse* answer,
    const CompiledRoute* fallback = nullptr);

} // namespace tollgate::server
