// Routing: path templates and the route table's match. The input is lines:
// each but the last is "METHOD /template" (a route), the last is
// "METHOD /raw/target?query" as a request line carries it, which goes through
// routeRequest (split, percent-decode, match) as the pipeline does.
//
// Checked: a route the table picks matches the path by its own template, is
// for the request's method (HEAD may take GET), and no route is picked while
// the table also reports other methods as allowed, nor while a more specific
// route of the same method matches too.

#include "fuzzinput.h"

#include "server/http/response.h"
#include "server/pipeline/routestage.h"
#include "server/routing/routetable.h"

#include <vector>

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;
using tollgate::fuzz::takeUntil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view rest = asText(data, size);
    std::vector<std::string_view> lines;
    while (!rest.empty() && lines.size() < 64)
        lines.push_back(takeUntil(&rest, "\n"));
    if (lines.empty())
        return 0;
    const std::string_view request = lines.back();
    lines.pop_back();

    Workspace ws;
    ws.routes.clear();
    for (std::string_view line : lines) {
        std::string_view pattern = line;
        Route route;
        route.method = std::string(takeUntil(&pattern, " "));
        route.path = std::string(pattern);
        PathTemplate alone;
        std::string error;
        if (alone.parse(route.path, &error))
            alone.match(route.path, nullptr);
        ws.routes.push_back(std::move(route));
    }
    std::vector<Diagnostic> errors;
    const auto table = RouteTable::build(ws, 1, &errors);

    std::string_view target = request;
    const std::string_view method = takeUntil(&target, " ");
    RoutedRequest routed;
    HttpResponse answer;
    if (!routeRequest(method, target, *table, Limits {}, &routed, &answer))
        return 0;
    const RouteTable::Match& m = routed.match;
    if (!m.route)
        return 0;
    if (!m.allow.empty())
        broken("fuzz_pathmatch", "a match that also lists other methods as allowed");
    StringPairs params;
    if (!m.route->path.match(routed.path, &params))
        broken("fuzz_pathmatch", "the chosen route's template does not match the path");
    if (params != m.params)
        broken("fuzz_pathmatch", "the table's parameters differ from the template's");
    const std::string& routeMethod = m.route->source.method;
    if (routeMethod != method && !(method == "HEAD" && routeMethod == "GET"))
        broken("fuzz_pathmatch", "the chosen route is for another method");
    for (const auto& other : table->routes()) {
        if (other->source.method == routeMethod && other->path.match(routed.path, nullptr)
            && other->path.specificity() > m.route->path.specificity())
            broken("fuzz_pathmatch", "a more specific route of the method was passed over");
    }
    return 0;
}
