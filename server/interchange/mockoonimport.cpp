// Mockoon environment -> routes.
//
// Mockoon answers with Handlebars templates; Tollgate with mustache and its
// own request names. Helpers with an exact Tollgate equivalent (urlParam,
// queryParam, header, body, method, uuid-like fakers, int, now) are
// rewritten; the rest stay as written and are noted, and a body they would
// make uncompilable (block helpers such as #repeat) is served literally.
// Mockoon's `body` helper also reads form bodies; request.json reads JSON
// ones only, which is what Mockoon mocks are written against in practice.

#include "server/common/text.h"
#include "server/interchange/formats.h"
#include "server/interchange/importsupport.h"
#include "server/interchange/mockoontemplates.h"
#include "server/routing/routetable.h"
#include "server/routing/templating.h"
#include "server/workspace/recording.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <regex>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// The newest environment format these rules were written against.
constexpr long long kKnownMigration = 33;

constexpr std::array<std::string_view, 6> kAllMethods { "GET", "POST", "PUT", "PATCH", "DELETE",
    "OPTIONS" };

bool isAllowedMethod(std::string_view method)
{
    return method == "HEAD"
        || std::find(kAllMethods.begin(), kAllMethods.end(), method) != kAllMethods.end();
}

// --- Paths -------------------------------------------------------------------

/// "api" + "users/:id" -> "/api/users/{id}".
struct RoutePath {
    std::string path;
    std::vector<std::string> approximations;
};

std::optional<RoutePath> routePath(
    std::string_view prefix, std::string_view endpoint, std::string* why)
{
    std::string whole;
    for (std::string_view part : { prefix, endpoint }) {
        while (!part.empty() && part.front() == '/')
            part.remove_prefix(1);
        while (!part.empty() && part.back() == '/')
            part.remove_suffix(1);
        if (part.empty())
            continue;
        whole += '/';
        whole += part;
    }
    if (whole.empty())
        whole = "/";
    RoutePath out;
    std::string path;
    std::size_t start = 1;
    int unnamed = 0;
    while (start <= whole.size()) {
        std::size_t end = whole.find('/', start);
        if (end == std::string::npos)
            end = whole.size();
        std::string segment = whole.substr(start, end - start);
        const bool last = end == whole.size();
        start = end + 1;
        if (segment.empty())
            continue; // "a//b": Express reads it as "a/b"
        path += '/';
        const bool optional = segment.size() > 2 && segment.back() == '?';
        const std::string_view name
            = std::string_view(segment).substr(1, segment.size() - (optional ? 2 : 1));
        if (segment == "*" && last) {
            path += '*';
        } else if (segment.front() == ':' && isPlainMustacheName(name, false)) {
            if (optional)
                out.approximations.push_back(
                    "the parameter " + segment + " is optional in Mockoon; Tollgate requires it");
            path += '{' + std::string(name) + '}';
        } else if (segment.find_first_of(":*()?+[]{}") != std::string::npos) {
            // Mockoon (Express) patterns inside a segment: the whole segment
            // becomes one parameter, which matches any single segment.
            std::string parameter;
            if (const std::size_t colon = segment.find(':'); colon != std::string::npos) {
                std::size_t nameEnd = colon + 1;
                while (nameEnd < segment.size() && isPlainMustacheName(segment.substr(nameEnd, 1), false))
                    ++nameEnd;
                parameter = segment.substr(colon + 1, nameEnd - colon - 1);
            }
            if (parameter.empty())
                parameter = unnamed++ == 0 ? "wildcard" : "wildcard" + std::to_string(unnamed);
            out.approximations.push_back("the segment \"" + segment
                + "\" is a pattern; it is matched as the parameter {" + parameter
                + "}, which takes any one segment");
            path += '{' + parameter + '}';
        } else {
            path += segment;
        }
    }
    if (path.empty())
        path = "/";
    PathTemplate check;
    if (!check.parse(path, why))
        return std::nullopt;
    out.path = std::move(path);
    return out;
}

/// "a.b.0" -> "/a/b/0" (each step escaped as RFC 6901 asks).
std::string dottedToPointer(std::string_view dotted)
{
    std::string out;
    std::size_t start = 0;
    while (start <= dotted.size()) {
        std::size_t end = dotted.find('.', start);
        if (end == std::string_view::npos)
            end = dotted.size();
        out = pointerChild(out, dotted.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// --- The importer ------------------------------------------------------------

class MockoonImporter : ImporterBase {
public:
    explicit MockoonImporter(const SourceTree& tree)
        : ImporterBase(tree)
    {
    }

    ImportResult run()
    {
        const json::object* root = m_tree.root().if_object();
        if (!root) {
            m_errors.add("", "a Mockoon environment is an object");
            return finish();
        }
        const json::value* migration = root->if_contains("lastMigration");
        if (!migration || !migration->is_number()) {
            m_errors.add("/lastMigration", "\"lastMigration\" must be a number");
        } else if (integerField(*root, "lastMigration", 0) > kKnownMigration) {
            m_notes.approximate("/lastMigration",
                "written by a newer Mockoon (migration " + scalarText(migration) + ", "
                    + std::to_string(kKnownMigration)
                    + " is known); fields added since are noted as unknown");
        }
        const json::value* routes = root->if_contains("routes");
        if (!routes || !routes->is_array())
            m_errors.add("/routes", "\"routes\" must be an array of routes");
        m_prefix = m_errors.string(*root, "endpointPrefix", "");
        m_environmentLatency = static_cast<int>(integerField(*root, "latency", 0));
        m_api.format = "Mockoon";
        m_api.title = m_errors.string(*root, "name", "");

        readEnvironmentHeaders(*root);
        readEnvironment(*root);
        if (routes && routes->is_array()) {
            const json::array& list = routes->get_array();
            for (std::size_t i = 0; i < list.size(); ++i)
                readRoute(list[i], pointerChild("/routes", i));
        }
        noteUnusedCallbacks();
        return finish();
    }

private:
    // --- Environment ---------------------------------------------------------

    void readEnvironmentHeaders(const json::object& root)
    {
        if (const json::array* headers = m_errors.array(root, "headers", ""))
            m_environmentHeaders = readHeaders(*headers, "/headers", "every response");
    }

    void readEnvironment(const json::object& root)
    {
        m_notes.unknownFields(root, "",
            { "uuid", "lastMigration", "name", "endpointPrefix", "latency", "port", "hostname",
                "folders", "routes", "rootChildren", "proxyMode", "proxyHost", "proxyRemovePrefix",
                "tlsOptions", "cors", "headers", "proxyReqHeaders", "proxyResHeaders", "data",
                "callbacks" },
            "the environment");
        if (const json::value* port = root.if_contains("port"); port && port->is_number())
            m_notes.skip("/port",
                "Mockoon listens on port " + scalarText(port)
                    + "; Tollgate's port is a server setting of the workspace");
        if (const std::string host = scalarText(root, "hostname"); !host.empty())
            m_notes.skip("/hostname",
                "Mockoon listens on " + host + "; Tollgate's address is a server setting");
        if (const json::array* folders = m_errors.array(root, "folders", "");
            folders && !folders->empty()) {
            std::vector<std::string> names;
            for (const json::value& f : *folders)
                if (f.is_object())
                    names.push_back(scalarText(f.get_object(), "name"));
            m_notes.skip("/folders",
                "route folders (" + commaList(names)
                    + ") are not kept: Tollgate lists routes by path");
        }

        const std::string proxyHost = scalarText(root, "proxyHost");
        if (boolField(root, "proxyMode", false) && !proxyHost.empty()) {
            m_api.upstreamUrl = proxyHost;
            while (m_api.upstreamUrl.ends_with('/'))
                m_api.upstreamUrl.pop_back();
            m_notes.approximate("/proxyHost",
                "requests no route answers were forwarded to " + m_api.upstreamUrl
                    + "; merging this import sets it as the workspace's fallback upstream");
            if (boolField(root, "proxyRemovePrefix", false))
                m_notes.approximate("/proxyRemovePrefix",
                    "the endpoint prefix \"" + m_prefix
                        + "\" was removed before forwarding; set the fallback's prefix to strip "
                          "by hand");
            for (std::string_view key : { "proxyReqHeaders", "proxyResHeaders" }) {
                const json::array* headers = arrayField(root, key);
                if (!headers)
                    continue;
                for (std::size_t i = 0; i < headers->size(); ++i) {
                    const json::object* h = (*headers)[i].if_object();
                    if (h && !scalarText(*h, "key").empty())
                        m_notes.skip(pointerChild(pointerChild("", key), i),
                            std::string(key == "proxyReqHeaders" ? "a request" : "a response")
                                + " header the proxy set (" + scalarText(*h, "key")
                                + ") is not imported");
                }
            }
        } else if (boolField(root, "proxyMode", false)) {
            m_notes.skip("/proxyMode", "proxy mode is on but names no host; nothing is forwarded");
        }

        if (const json::value* cors = root.if_contains("cors");
            cors && cors->is_bool() && cors->get_bool())
            m_notes.skip("/cors",
                "Mockoon answers CORS preflights and adds CORS headers; in Tollgate switch CORS on "
                "in the server settings");
        if (const json::object* tls = objectField(root, "tlsOptions");
            tls && boolField(*tls, "enabled", false))
            m_notes.skip(
                "/tlsOptions", "TLS is not imported: Tollgate's embedded server speaks plain HTTP");
        if (const json::array* data = m_errors.array(root, "data", "")) {
            for (std::size_t i = 0; i < data->size(); ++i) {
                const json::object* bucket = (*data)[i].if_object();
                m_notes.skip(pointerChild("/data", i),
                    "data bucket \"" + (bucket ? scalarText(*bucket, "name") : std::string())
                        + "\" is not imported: Tollgate has no data buckets");
            }
        }
        if (const json::array* callbacks = m_errors.array(root, "callbacks", "")) {
            for (std::size_t i = 0; i < callbacks->size(); ++i) {
                if (const json::object* c = (*callbacks)[i].if_object())
                    m_callbacks.push_back({ scalarText(*c, "uuid"), scalarText(*c, "name"),
                        upperAscii(scalarText(*c, "method")) + ' ' + scalarText(*c, "uri"),
                        pointerChild("/callbacks", i) });
            }
        }
    }

    struct Callback {
        std::string uuid;
        std::string name;
        std::string request;
        std::string pointer;
        bool used = false;
    };

    void noteUnusedCallbacks()
    {
        for (const Callback& c : m_callbacks)
            if (!c.used)
                m_notes.skip(c.pointer,
                    "callback \"" + c.name + "\" (" + c.request
                        + ") is not imported: Tollgate does not call out");
    }

    // --- Headers and templates -------------------------------------------------

    std::vector<Header> readHeaders(
        const json::array& list, const std::string& pointer, const std::string& what)
    {
        std::vector<Header> out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string hPointer = pointerChild(pointer, i);
            const json::object* h = list[i].if_object();
            if (!h) {
                m_errors.add(hPointer, "a header is an object with \"key\" and \"value\"");
                continue;
            }
            const std::string name = scalarText(*h, "key");
            if (name.empty())
                continue; // Mockoon's editor keeps an empty row
            if (!isToken(name)) {
                m_notes.skip(hPointer, what + ": \"" + name + "\" is not a valid header name");
                continue;
            }
            std::string value = convertTemplate(scalarText(*h, "value"),
                pointerChild(hPointer, "value"), what + ", header " + name);
            out.push_back({ name, std::move(value) });
        }
        return out;
    }

    /// The Mockoon template as a Tollgate template, with a note for every
    /// helper left out.
    std::string convertTemplate(
        const std::string& text, const std::string& pointer, const std::string& what)
    {
        TemplateRewrite rewrite = rewriteMockoonTemplate(text);
        if (rewrite.usesNow)
            m_notes.approximate(pointer,
                what
                    + ": {{now}} prints ISO 8601 in UTC (\"2024-06-11T12:00:00.000Z\"); "
                      "Mockoon printed the local time with its offset");
        if (rewrite.bodyDefault)
            m_notes.approximate(pointer,
                what
                    + ": a body field's default also applies when the field is false or an "
                      "empty list");
        std::string error;
        Template check;
        if (!check.compile(rewrite.text, 1, &error)) {
            std::string literal = literalTemplate(rewrite.text);
            if (literal.empty()) {
                m_notes.skip(pointer,
                    what + ": the template is not valid mustache (" + error
                        + ") and holds every delimiter Tollgate could switch to, so it is left "
                          "out");
                return {};
            }
            const std::string reason = rewrite.unsupported.empty()
                ? "the template is not valid mustache (" + error + ")"
                : "the Mockoon helpers " + commaList(rewrite.unsupported)
                    + " have no Tollgate equivalent and make the template invalid (" + error + ")";
            m_notes.approximate(
                pointer, what + ": " + reason + ", so it is served literally, as written");
            return literal;
        }
        if (!rewrite.unsupported.empty())
            m_notes.approximate(pointer,
                what + ": the Mockoon helpers " + commaList(rewrite.unsupported)
                    + " have no Tollgate equivalent; they are kept as written and render as "
                      "nothing");
        return rewrite.text;
    }

    // --- Routes ------------------------------------------------------------

    void readRoute(const json::value& value, const std::string& pointer)
    {
        const json::object* route = value.if_object();
        if (!route) {
            m_errors.add(pointer, "a route is an object");
            return;
        }
        const std::string type = m_errors.string(*route, "type", pointer);
        const std::string method = lowerAscii(m_errors.string(*route, "method", pointer));
        const std::string endpoint = m_errors.string(*route, "endpoint", pointer);
        const json::array* responses = m_errors.array(*route, "responses", pointer);
        if (!responses && !route->contains("responses"))
            m_errors.add(pointer, "the route has no \"responses\"");
        const std::string what = upperAscii(method) + " /" + endpoint;
        if (type == "crud") {
            m_notes.skip(pointer,
                what
                    + ": CRUD routes over a data bucket are not imported (Tollgate has no data "
                      "buckets)");
            return;
        }
        if (type == "ws") {
            m_notes.skip(pointer, what + ": WebSocket routes are not imported");
            return;
        }
        if (!type.empty() && type != "http") {
            m_notes.skip(pointer, what + ": routes of type \"" + type + "\" are not imported");
            return;
        }
        if (!responses)
            return;
        m_notes.unknownFields(*route, pointer,
            { "uuid", "type", "documentation", "method", "endpoint", "responses", "responseMode",
                "streamingMode", "streamingInterval" },
            what);

        std::string problem;
        std::optional<RoutePath> path = routePath(m_prefix, endpoint, &problem);
        if (!path) {
            m_notes.skip(pointerChild(pointer, "endpoint"),
                what + ": the endpoint cannot be a Tollgate route path (" + problem + ")");
            return;
        }
        for (const std::string& a : path->approximations)
            m_notes.approximate(pointerChild(pointer, "endpoint"), what + ": " + a);

        std::vector<std::string> methods;
        if (method == "all") {
            methods.assign(kAllMethods.begin(), kAllMethods.end());
            m_notes.approximate(pointerChild(pointer, "method"),
                "ALL " + path->path
                    + ": a Tollgate route answers one method, so it becomes one route for each of "
                    + commaList(methods) + " (HEAD is answered by GET)");
        } else if (isAllowedMethod(upperAscii(method))) {
            methods.push_back(upperAscii(method));
        } else {
            m_notes.skip(pointerChild(pointer, "method"),
                upperAscii(method) + ' ' + path->path
                    + ": Tollgate routes answer GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS");
            return;
        }

        Route out;
        out.path = path->path;
        out.description = scalarText(*route, "documentation");
        const std::string routeWhat
            = (methods.size() == 1 ? methods.front() : "ALL") + ' ' + out.path;
        readResponses(out, *responses, pointerChild(pointer, "responses"), routeWhat);
        readResponseMode(out, *route, pointer, routeWhat);
        if (const json::value* streaming = route->if_contains("streamingMode");
            streaming && !streaming->is_null())
            m_notes.skip(pointerChild(pointer, "streamingMode"),
                routeWhat + ": streaming (" + scalarText(streaming)
                    + ") is not imported; the body is sent at once");

        for (const std::string& m : methods) {
            const bool taken = std::any_of(m_api.routes.begin(), m_api.routes.end(),
                [&](const Route& r) { return r.method == m && r.path == out.path; });
            if (taken) {
                m_notes.skip(pointer,
                    m + ' ' + out.path
                        + ": an earlier route has the same method and path; Mockoon answered with "
                          "that one");
                continue;
            }
            Route copy = out;
            copy.method = m;
            m_api.routes.push_back(std::move(copy));
        }
    }

    void readResponseMode(Route& route, const json::object& object, const std::string& pointer,
        const std::string& what)
    {
        const std::string mode = scalarText(object, "responseMode");
        const std::string modePointer = pointerChild(pointer, "responseMode");
        if (mode.empty())
            return;
        if (mode == "RANDOM") {
            route.mode = ResponseMode::Random;
        } else if (mode == "SEQUENTIAL") {
            route.mode = ResponseMode::Sequential;
        } else if (mode == "DISABLE_RULES") {
            if (!route.rules.empty())
                m_notes.skip(modePointer,
                    what
                        + ": rules are disabled in Mockoon, so the route is imported without them "
                          "and always answers its default response");
            route.rules.clear();
        } else if (mode == "FALLBACK") {
            m_notes.approximate(modePointer,
                what
                    + ": in Mockoon a request no response's rules matched went on to the next "
                      "route; in Tollgate it gets the default response");
        } else {
            m_notes.skip(modePointer, what + ": the response mode \"" + mode + "\" is not known");
        }
    }

    void readResponses(
        Route& route, const json::array& list, const std::string& pointer, const std::string& what)
    {
        route.responses.clear();
        int defaultIndex = -1;
        std::vector<int> latencies;
        for (std::size_t j = 0; j < list.size(); ++j) {
            const std::string rPointer = pointerChild(pointer, j);
            const json::object* response = list[j].if_object();
            if (!response) {
                m_errors.add(rPointer, "a response is an object");
                continue;
            }
            const int index = static_cast<int>(route.responses.size());
            Response out;
            out.label = scalarText(*response, "label");
            const std::string responseWhat = what + ", response " + std::to_string(j + 1)
                + (out.label.empty() ? std::string() : " \"" + out.label + "\"");
            m_notes.unknownFields(*response, rPointer,
                { "uuid", "body", "latency", "statusCode", "label", "headers", "bodyType",
                    "filePath", "databucketID", "sendFileAsBody", "rules", "rulesOperator",
                    "disableTemplating", "fallbackTo404", "default", "crudKey", "callbacks" },
                responseWhat);

            const json::value* status = response->if_contains("statusCode");
            if (status && !status->is_number())
                m_errors.add(
                    pointerChild(rPointer, "statusCode"), "\"statusCode\" must be a number");
            out.status = static_cast<int>(integerField(*response, "statusCode", 200));
            if (out.status < 100 || out.status > 599) {
                m_notes.approximate(pointerChild(rPointer, "statusCode"),
                    responseWhat + ": status " + std::to_string(out.status)
                        + " is out of HTTP's range and is answered as 500");
                out.status = 500;
            }

            // Environment headers first; a response header of the same name wins.
            out.headers = m_environmentHeaders;
            if (const json::array* headers = m_errors.array(*response, "headers", rPointer)) {
                for (Header& h :
                    readHeaders(*headers, pointerChild(rPointer, "headers"), responseWhat)) {
                    std::erase_if(
                        out.headers, [&](const Header& e) { return iequals(e.name, h.name); });
                    out.headers.push_back(std::move(h));
                }
            }

            readBody(out, *response, rPointer, responseWhat);
            readRules(route, *response, rPointer, responseWhat, index);
            readCallbacks(*response, rPointer, responseWhat);

            if (boolField(*response, "default", false) && defaultIndex < 0)
                defaultIndex = index;
            latencies.push_back(static_cast<int>(integerField(*response, "latency", 0)));
            route.responses.push_back(std::move(out));
        }
        if (route.responses.empty()) {
            m_notes.approximate(pointer, what + " has no responses; it answers 200 with no body");
            route.responses.push_back(Response {});
            latencies.push_back(0);
        }
        // Mockoon before the "default" flag (and files that set none) answered
        // with the first response.
        route.defaultResponse = defaultIndex < 0 ? 0 : defaultIndex;
        placeAbsentRules(route);

        const int chosen = latencies[static_cast<std::size_t>(route.defaultResponse)];
        route.latency.minMs = m_environmentLatency + chosen;
        route.latency.maxMs = route.latency.minMs;
        if (std::any_of(latencies.begin(), latencies.end(), [&](int l) { return l != chosen; })) {
            std::vector<std::string> texts;
            for (int l : latencies)
                texts.push_back(std::to_string(l));
            m_notes.approximate(pointer,
                what + ": its responses wait different times (" + commaList(texts)
                    + " ms); Tollgate's latency is the route's, so every response waits "
                    + std::to_string(route.latency.minMs) + " ms (the default response's"
                    + (m_environmentLatency ? " plus the environment's" : "") + ")");
        }
    }

    void readBody(Response& out, const json::object& response, const std::string& pointer,
        const std::string& what)
    {
        const std::string bodyType = scalarText(response, "bodyType");
        const std::string body = m_errors.string(response, "body", pointer);
        if (bodyType == "FILE") {
            const std::string file = scalarText(response, "filePath");
            m_notes.skip(pointerChild(pointer, "filePath"),
                what + ": the body file \"" + file + "\""
                    + (boolField(response, "sendFileAsBody", false) ? "" : " (sent as a download)")
                    + " is not copied; the response has no body until one is set");
            if (boolField(response, "fallbackTo404", false))
                m_notes.skip(pointerChild(pointer, "fallbackTo404"),
                    what + ": the 404 answered when the file is missing is not imported");
            return;
        }
        if (bodyType == "DATABUCKET") {
            m_notes.skip(pointerChild(pointer, "databucketID"),
                what
                    + ": the body comes from a data bucket, which Tollgate does not have; the "
                      "response has no body");
            return;
        }
        if (!bodyType.empty() && bodyType != "INLINE")
            m_notes.approximate(pointerChild(pointer, "bodyType"),
                what + ": the body type \"" + bodyType
                    + "\" is not known; the inline body is used");
        if (boolField(response, "disableTemplating", false)) {
            out.body = literalTemplate(body);
            if (out.body.empty() && !body.empty())
                m_notes.skip(pointerChild(pointer, "body"),
                    what
                        + ": the body holds every template delimiter Tollgate could switch to, "
                          "so it cannot be served literally");
            return;
        }
        out.body = convertTemplate(body, pointerChild(pointer, "body"), what);
    }

    void readCallbacks(
        const json::object& response, const std::string& pointer, const std::string& what)
    {
        const json::array* callbacks = m_errors.array(response, "callbacks", pointer);
        if (!callbacks)
            return;
        for (std::size_t k = 0; k < callbacks->size(); ++k) {
            const json::object* ref = (*callbacks)[k].if_object();
            if (!ref)
                continue;
            const std::string uuid = scalarText(*ref, "uuid");
            std::string description = "callback " + uuid;
            for (Callback& c : m_callbacks) {
                if (c.uuid == uuid) {
                    c.used = true;
                    description = "callback \"" + c.name + "\" (" + c.request + ")";
                }
            }
            m_notes.skip(pointerChild(pointerChild(pointer, "callbacks"), k),
                what + ": the " + description + " made after "
                    + std::to_string(integerField(*ref, "latency", 0))
                    + " ms is not imported: Tollgate does not call out");
        }
    }

    // --- Rules -------------------------------------------------------------

    struct AbsentRule {
        std::size_t index; ///< into Route::rules
        std::string pointer;
        std::string what; ///< the response and the rule
    };

    /// A route's last "null" rule turns around exactly: "X missing → R, else
    /// D" is "X present → D, else R". Other "null" rules are dropped, reported.
    void placeAbsentRules(Route& route)
    {
        std::vector<AbsentRule> absent = std::move(m_absentRules);
        m_absentRules.clear();
        for (auto it = absent.rbegin(); it != absent.rend(); ++it) {
            Rule& rule = route.rules[it->index];
            if (it->index + 1 == route.rules.size() && it == absent.rbegin()) {
                const int missing = rule.response;
                rule.response = route.defaultResponse;
                route.defaultResponse = missing;
                if (rule.source == RuleSource::Body)
                    m_notes.approximate(it->pointer,
                        it->what
                            + ": a body field that is JSON null counts as missing in Mockoon; "
                              "in Tollgate it is present");
                continue;
            }
            m_notes.skip(it->pointer,
                it->what
                    + " is not imported: Tollgate tests presence, and turns a missing-test "
                      "around only as a route's last rule");
            route.rules.erase(route.rules.begin() + static_cast<std::ptrdiff_t>(it->index));
        }
    }

    void readRules(Route& route, const json::object& response, const std::string& pointer,
        const std::string& what, int responseIndex)
    {
        const json::array* rules = m_errors.array(response, "rules", pointer);
        if (!rules)
            return;
        const bool all = scalarText(response, "rulesOperator") == "AND";
        int kept = 0;
        for (std::size_t k = 0; k < rules->size(); ++k) {
            const std::string rulePointer = pointerChild(pointerChild(pointer, "rules"), k);
            const json::object* rule = (*rules)[k].if_object();
            if (!rule) {
                m_errors.add(rulePointer, "a rule is an object");
                continue;
            }
            std::string absent;
            std::optional<Rule> converted = convertRule(*rule, rulePointer, what, &absent);
            if (!converted)
                continue;
            if (all && kept > 0) {
                m_notes.approximate(rulePointer,
                    what
                        + ": its rules must all hold in Mockoon (AND); Tollgate's rules each "
                          "choose a response on their own, so only the first is kept");
                continue;
            }
            converted->response = responseIndex;
            if (!absent.empty())
                m_absentRules.push_back({ route.rules.size(), rulePointer, what + ": " + absent });
            route.rules.push_back(std::move(*converted));
            ++kept;
        }
    }

    /// *absent: the rule's description when it is Mockoon's "null" (missing),
    /// read as a presence test until placeAbsentRules turns it around.
    std::optional<Rule> convertRule(const json::object& rule, const std::string& pointer,
        const std::string& what, std::string* absent)
    {
        const std::string target = scalarText(rule, "target");
        const std::string modifier = scalarText(rule, "modifier");
        const std::string op = scalarText(rule, "operator");
        const std::string value = scalarText(rule, "value");
        const bool invert = boolField(rule, "invert", false);
        const std::string described = "the rule on " + target
            + (modifier.empty() ? std::string() : " \"" + modifier + "\"") + " ("
            + (invert ? "not " : "") + op + (value.empty() ? std::string() : " \"" + value + "\"")
            + ")";
        Rule out;
        if (target == "params") {
            out.source = RuleSource::PathParam;
            out.key = modifier;
        } else if (target == "query") {
            out.source = RuleSource::Query;
            out.key = modifier;
        } else if (target == "header") {
            out.source = RuleSource::Header;
            out.key = modifier;
        } else if (target == "body") {
            out.source = RuleSource::Body;
            if (modifier.starts_with('$')) {
                m_notes.skip(pointer,
                    what + ": " + described
                        + " is not imported: Tollgate reads body fields by "
                          "path, not JSONPath");
                return std::nullopt;
            }
            out.key = modifier.empty() ? std::string() : dottedToPointer(modifier);
            if (modifier.empty())
                m_notes.approximate(pointer,
                    what + ": " + described
                        + " compares the whole body; Tollgate compares the "
                          "body re-serialized as JSON, so spacing counts no more");
        } else {
            m_notes.skip(pointer,
                what + ": " + described
                    + " is not imported: Tollgate rules read path parameters, "
                      "query parameters, headers and JSON body fields");
            return std::nullopt;
        }
        // "not null" is Tollgate's presence test.
        if (op == "null" && invert) {
            out.op = RuleOperator::Exists;
            return out;
        }
        if (op == "null") {
            out.op = RuleOperator::Exists;
            *absent = described;
            return out;
        }
        if (invert) {
            m_notes.skip(pointer,
                what + ": " + described + " is not imported: Tollgate rules cannot be inverted");
            return std::nullopt;
        }
        if (op == "equals") {
            out.op = RuleOperator::Equals;
        } else if (op == "regex" || op == "regex_i") {
            out.op = RuleOperator::Regex;
            if (op == "regex_i")
                m_notes.approximate(pointer,
                    what + ": " + described
                        + " ignores case in Mockoon; Tollgate's regex does not");
        } else {
            m_notes.skip(pointer,
                what + ": " + described
                    + " is not imported: Tollgate rules test equality, a "
                      "regex or presence");
            return std::nullopt;
        }
        out.value = value;
        if (out.op == RuleOperator::Regex) {
            try {
                std::regex check(value, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                m_notes.skip(pointer,
                    what + ": " + described + " is not imported: its regex is invalid here ("
                        + e.what() + ")");
                return std::nullopt;
            }
        }
        return out;
    }

    std::string m_prefix;
    int m_environmentLatency = 0;
    std::vector<Header> m_environmentHeaders;
    std::vector<Callback> m_callbacks;
    std::vector<AbsentRule> m_absentRules; ///< of the route being read
};

} // namespace

ImportResult importMockoon(const SourceTree& tree, const ImportOptions&)
{
    return MockoonImporter(tree).run();
}

} // namespace tollgate::server
