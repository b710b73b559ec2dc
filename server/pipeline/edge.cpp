#include "server/pipeline/edge.h"

#include "server/common/text.h"
#include "server/http/loopback.h"

namespace tollgate::server {

namespace beasthttp = boost::beast::http;

namespace {

/// "GET, HEAD, ...": every method a route can have, for OPTIONS *.
const std::string& routeMethodList()
{
    static const std::string list = [] {
        std::string s;
        for (const auto m : kRouteMethods)
            s.append(s.empty() ? "" : ", ").append(m);
        return s;
    }();
    return list;
}

/// A method a route can have, or TRACE/CONNECT (known, never routed).
bool isKnownMethod(std::string_view method)
{
    return method == "TRACE" || method == "CONNECT" || isRouteMethod(method);
}

} // namespace

EdgeResult checkEdge(const HttpRequest& request, std::string_view path,
    const RouteTable::Match& match, const Snapshot& snapshot, bool loopbackBound, HttpResponse& out)
{
    EdgeResult result;
    if (loopbackBound) {
        const auto host = request.find(beasthttp::field::host);
        // An empty Host (a target URI without authority) names no host.
        if (host != request.end() && !trimBlanks(host->value()).empty()
            && !isLoopbackHost(host->value())) {
            out.problem(403, "Host not allowed: this server is bound to loopback.");
            result.answered = true;
            return result;
        }
    }

    const auto origin = request.find(beasthttp::field::origin);
    const bool corsOn = snapshot.settings.cors.enabled && origin != request.end();
    if (corsOn && request.method() == beasthttp::verb::options
        && request.find(beasthttp::field::access_control_request_method) != request.end()) {
        out.status = 204;
        addCorsFields(snapshot, origin->value(), true, out);
        result.answered = true;
        return result;
    }
    if (corsOn)
        result.corsOrigin = origin->value();
    if (match.route)
        return result;

    const auto method = request.method();
    if ((method == beasthttp::verb::get || method == beasthttp::verb::head) && path == "/health") {
        out.body = snapshot.healthBody;
        out.header("Content-Type", "application/json");
    } else if (path == "*") {
        out.status = 204;
        out.header("Allow", routeMethodList());
    } else if (!isKnownMethod(request.method_string())) {
        // RFC 9110 §9.1: a method no route can have is not implemented.
        out.problem(501, "Method " + std::string(request.method_string()) + " is not implemented.");
    } else if (!match.allow.empty()) {
        if (method == beasthttp::verb::options)
            out.status = 204;
        else
            out.problem(405,
                "Method " + std::string(request.method_string()) + " is not allowed for "
                    + std::string(path) + ".");
        out.header("Allow", match.allow);
    } else {
        out.problem(404,
            "No route matches " + std::string(request.method_string()) + " " + std::string(path)
                + ".");
    }
    if (corsOn)
        addCorsFields(snapshot, origin->value(), false, out);
    result.answered = true;
    return result;
}

void addCorsFields(
    const Snapshot& snapshot, std::string_view origin, bool preflight, HttpResponse& out)
{
    const Cors& cors = snapshot.settings.cors;
    bool any = false;
    bool allowed = false;
    for (const auto& o : cors.allowOrigins) {
        if (o == "*")
            any = true;
        else if (iequals(o, origin))
            allowed = true;
    }
    if (!any && !allowed)
        return;
    // With credentials the wildcard is not allowed, so echo the origin.
    if (any && !allowed && !cors.allowCredentials) {
        out.header("Access-Control-Allow-Origin", "*");
    } else {
        out.header("Access-Control-Allow-Origin", origin);
        out.header("Vary", "Origin");
    }
    if (cors.allowCredentials)
        out.header("Access-Control-Allow-Credentials", "true");
    if (preflight) {
        out.header("Access-Control-Allow-Methods", cors.allowMethods);
        out.header("Access-Control-Allow-Headers", cors.allowHeaders);
        out.header("Access-Control-Max-Age", std::to_string(cors.maxAgeSeconds));
    } else {
        out.header("Access-Control-Expose-Headers", snapshot.corsExposeHeaders);
    }
}

} // namespace tollgate::server
