#include "server/pipeline/routestage.h"

#include "server/common/text.h"

namespace tollgate::server {

void RoutedRequest::clear()
{
    path.clear();
    rawQuery.clear();
    match.route = nullptr;
    match.params.clear();
    match.allow.clear();
}

std::optional<std::size_t> routeRequest(std::string_view method, std::string_view target,
    const RouteTable& routes, const Limits& limits, RoutedRequest* out, HttpResponse* answer,
    const CompiledRoute* fallback)
{
    if (target == "*") {
        // OPTIONS * (the connection lets no other method through): about
        // the server, not a route; the edge answers it.
        out->path = "*";
        out->rawQuery.clear();
        out->match = {};
        return limits.bodyBytes;
    }
    const auto q = target.find('?');
    const auto rawPath = target.substr(0, q);
    if (q == std::string_view::npos)
        out->rawQuery.clear();
    else
        out->rawQuery.assign(target.substr(q + 1));
    auto decoded = percentDecode(rawPath);
    if (!decoded || decoded->empty() || decoded->front() != '/'
        || decoded->find('\0') != std::string::npos) {
        answer->problem(400, "The request target is not a valid path.", true);
        return std::nullopt;
    }
    out->path = std::move(*decoded);
    out->match = routes.match(method, out->path);
    if (!out->match.route && fallback
        && !(out->path == "/health" && (method == "GET" || method == "HEAD"))) {
        out->match.route = fallback;
        out->match.allow.clear();
        out->match.params.emplace_back("*", out->path.substr(1));
    }
    return out->match.route ? out->match.route->source.bodyLimit : limits.bodyBytes;
}

} // namespace tollgate::server
