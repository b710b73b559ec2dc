#include "server/workspace/routefile.h"

#include "server/common/text.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/ssefile.h"
#include "server/workspace/upstreamfile.h"
#include "server/workspace/wsfile.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <filesystem>
#include <optional>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace jsonfile;

namespace {

constexpr int kMaxLatencyMs = 60'000;

/// Why a bodyFile path is unacceptable, or empty when it is fine. Body files
/// must stay inside the workspace so a shared workspace cannot make the server
/// read arbitrary files of whoever opens it.
std::string bodyFileProblem(std::string_view path)
{
    if (path.empty())
        return {};
    if (path.front() == '/' || path.front() == '\\' || (path.size() >= 2 && path[1] == ':'))
        return "\"bodyFile\" must be a path relative to the workspace directory";
    std::size_t begin = 0;
    while (begin <= path.size()) {
        std::size_t end = path.find_first_of("/\\", begin);
        if (end == std::string_view::npos)
            end = path.size();
        if (path.substr(begin, end - begin) == "..")
            return "\"bodyFile\" must not contain \"..\"";
        begin = end + 1;
    }
    return {};
}

std::optional<RuleSource> ruleSourceFromString(std::string_view s)
{
    for (RuleSource v :
        { RuleSource::PathParam, RuleSource::Query, RuleSource::Header, RuleSource::Body }) {
        if (s == toString(v))
            return v;
    }
    return std::nullopt;
}

std::optional<RuleOperator> ruleOperatorFromString(std::string_view s)
{
    for (RuleOperator v : { RuleOperator::Equals, RuleOperator::Regex, RuleOperator::Exists }) {
        if (s == toString(v))
            return v;
    }
    return std::nullopt;
}

std::optional<ResponseMode> responseModeFromString(std::string_view s)
{
    for (ResponseMode v : { ResponseMode::Rules, ResponseMode::Random, ResponseMode::Sequential }) {
        if (s == toString(v))
            return v;
    }
    return std::nullopt;
}

void readResponse(Reader& r, const json::object& o, const std::string& pointer, Response* out)
{
    r.getString(o, "label", pointer, &out->label);
    r.readInt(o, "status", pointer, 100, 599, &out->status);
    if (const json::array* headers = r.getArray(o, "headers", pointer)) {
        const std::string hp = Reader::child(pointer, "headers");
        for (std::size_t i = 0; i < headers->size(); ++i) {
            const std::string ip = Reader::child(hp, i);
            const json::value& hv = (*headers)[i];
            if (!hv.is_object()) {
                r.error(ip, "each header must be an object with \"name\" and \"value\"");
                continue;
            }
            Header h;
            const json::object& ho = hv.get_object();
            r.getString(ho, "name", ip, &h.name);
            r.getString(ho, "value", ip, &h.value);
            if (!isToken(h.name))
                r.error(Reader::child(ip, "name"),
                    "\"name\" must be a valid header name "
                    "(letters, digits and !#$%&'*+-.^_`|~)");
            if (h.value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
                r.error(Reader::child(ip, "value"),
                    "\"value\" must not contain line breaks or NUL characters");
            out->headers.push_back(std::move(h));
        }
    }
    r.getString(o, "body", pointer, &out->body);
    if (r.getString(o, "bodyFile", pointer, &out->bodyFile)) {
        if (std::string problem = bodyFileProblem(out->bodyFile); !problem.empty())
            r.error(Reader::child(pointer, "bodyFile"), std::move(problem));
    }
    if (const json::value* schema = o.if_contains("schema")) {
        if (schema->is_object() || schema->is_bool())
            out->schema = json::serialize(*schema);
        else if (!schema->is_null())
            r.error(Reader::child(pointer, "schema"),
                "\"schema\" must be a JSON Schema (an object), or null for none");
    }
}

void readRule(Reader& r, const json::object& o, const std::string& pointer, Rule* out)
{
    std::string text;
    if (r.getString(o, "source", pointer, &text)) {
        if (auto source = ruleSourceFromString(text))
            out->source = *source;
        else
            r.error(Reader::child(pointer, "source"),
                "unknown rule source " + jsonQuoted(text)
                    + " (expected pathParam, query, header or body)");
    }
    r.getString(o, "key", pointer, &out->key);
    if (r.getString(o, "operator", pointer, &text)) {
        if (auto op = ruleOperatorFromString(text))
            out->op = *op;
        else
            r.error(Reader::child(pointer, "operator"),
                "unknown rule operator " + jsonQuoted(text)
                    + " (expected equals, regex or exists)");
    }
    r.getString(o, "value", pointer, &out->value);
    r.readInt(o, "response", pointer, 0, INT_MAX, &out->response);

    // A body rule's key is a JSON pointer; an empty one tests the whole body
    // and the route compiler adds a missing leading '/', so only the other
    // sources need a name.
    if (out->source != RuleSource::Body && out->key.empty()) {
        r.error(o.contains("key") ? Reader::child(pointer, "key") : pointer,
            "\"key\" must name the " + std::string(toString(out->source)) + " to test");
    }
}

// A schema is written as JSON, not as a string, so it reads like one (text
// that does not parse stays a string, so nothing is lost).
json::value schemaValue(const std::string& text)
{
    boost::system::error_code ec;
    json::value schema = json::parse(text, ec);
    return ec ? json::value(jsonString(text)) : schema;
}

json::object validationToJson(const RequestValidation& v)
{
    json::object o;
    o["enabled"] = v.enabled;
    json::array query;
    for (const std::string& name : v.requiredQuery)
        query.push_back(jsonString(name));
    o["requiredQuery"] = std::move(query);
    json::array headers;
    for (const std::string& name : v.requiredHeaders)
        headers.push_back(jsonString(name));
    o["requiredHeaders"] = std::move(headers);
    o["bodyRequired"] = v.bodyRequired;
    o["bodySchema"] = v.bodySchema.empty() ? json::value(nullptr) : schemaValue(v.bodySchema);
    return o;
}

void readValidation(
    Reader& r, const json::object& o, const std::string& pointer, RequestValidation* out)
{
    r.getBool(o, "enabled", pointer, &out->enabled);
    readStringList(r, o, "requiredQuery", pointer, &out->requiredQuery);
    readStringList(r, o, "requiredHeaders", pointer, &out->requiredHeaders);
    r.getBool(o, "bodyRequired", pointer, &out->bodyRequired);
    if (const json::value* schema = o.if_contains("bodySchema")) {
        if (schema->is_object() || schema->is_bool())
            out->bodySchema = json::serialize(*schema);
        else if (!schema->is_null())
            r.error(Reader::child(pointer, "bodySchema"),
                "\"bodySchema\" must be a JSON Schema (an object), or null for any body");
    }
}

} // namespace

bool isJsonFileName(const std::string& name)
{
    return name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0 && name[0] != '.';
}

bool isValidRouteFileName(const std::string& name)
{
    return isJsonFileName(name) && name.find_first_of("/\\") == std::string::npos
        && name.find('\0') == std::string::npos;
}

std::string routeToJson(const Route& route)
{
    json::object o;
    o["schemaVersion"] = kSchemaVersion;
    o["method"] = jsonString(route.method);
    o["path"] = jsonString(route.path);
    o["enabled"] = route.enabled;
    o["description"] = jsonString(route.description);
    o["mode"] = toString(route.mode);
    o["defaultResponse"] = route.defaultResponse;
    json::object latency;
    latency["minMs"] = route.latency.minMs;
    latency["maxMs"] = route.latency.maxMs;
    o["latency"] = std::move(latency);
    json::object failure;
    failure["percent"] = route.failure.percent;
    failure["status"] = route.failure.status;
    failure["reset"] = route.failure.reset;
    o["failure"] = std::move(failure);
    o["bodyLimit"] = static_cast<std::uint64_t>(route.bodyLimit);

    json::array responses;
    for (const Response& r : route.responses) {
        json::object ro;
        ro["label"] = jsonString(r.label);
        ro["status"] = r.status;
        json::array headers;
        for (const Header& h : r.headers) {
            json::object ho;
            ho["name"] = jsonString(h.name);
            ho["value"] = jsonString(h.value);
            headers.push_back(std::move(ho));
        }
        ro["headers"] = std::move(headers);
        // A response normally has either an inline body or a body file; both
        // are written when both are set so nothing is lost in a round trip.
        if (!r.body.empty() || r.bodyFile.empty())
            ro["body"] = jsonString(r.body);
        if (!r.bodyFile.empty())
            ro["bodyFile"] = jsonString(r.bodyFile);
        if (!r.schema.empty())
            ro["schema"] = schemaValue(r.schema);
        responses.push_back(std::move(ro));
    }
    o["responses"] = std::move(responses);

    json::array rules;
    for (const Rule& rule : route.rules) {
        json::object ro;
        ro["source"] = toString(rule.source);
        ro["key"] = jsonString(rule.key);
        ro["operator"] = toString(rule.op);
        ro["value"] = jsonString(rule.value);
        ro["response"] = rule.response;
        rules.push_back(std::move(ro));
    }
    o["rules"] = std::move(rules);

    const RouteAccess& a = route.access;
    json::object access;
    access["auth"] = a.keyRequired ? "key" : "public";
    json::array scopes;
    for (const std::string& scope : a.scopes)
        scopes.push_back(jsonString(scope));
    access["scopes"] = std::move(scopes);
    if (a.priceMicros >= 0)
        access["priceMicros"] = a.priceMicros;
    access["costMicros"] = a.costMicros;
    if (a.costPerMsMicros > 0)
        access["costPerMsMicros"] = a.costPerMsMicros;
    if (a.requestsPerMinute > 0)
        access["requestsPerMinute"] = a.requestsPerMinute;
    // A burst set before its rate is kept too, or saving would drop it.
    if (a.requestsPerMinute > 0 || a.burst != 0)
        access["burst"] = a.burst;
    if (a.tokens.enabled()) {
        json::object tokens;
        if (!a.tokens.input.empty())
            tokens["input"] = jsonString(a.tokens.input);
        if (!a.tokens.output.empty())
            tokens["output"] = jsonString(a.tokens.output);
        access["tokens"] = std::move(tokens);
    }
    o["access"] = std::move(access);
    if (route.validation != RequestValidation {})
        o["validation"] = validationToJson(route.validation);
    // A designed route keeps the upstream settings it had, so switching back
    // and forth loses nothing; one that never had any stays without them.
    if (route.responder != RouteResponder::Designed || route.upstream != Upstream {}
        || route.sse != SseStream {} || route.websocket != WsScript {})
        o["responder"] = toString(route.responder);
    if (route.responder == RouteResponder::Upstream || route.upstream != Upstream {})
        o["upstream"] = upstreamToJson(route.upstream);
    if (route.responder == RouteResponder::Sse || route.sse != SseStream {})
        o["sse"] = sseToJson(route.sse);
    if (route.responder == RouteResponder::WebSocket || route.websocket != WsScript {})
        o["websocket"] = wsToJson(route.websocket);
    return toPrettyText(o);
}

bool routeFromJson(
    std::string_view text, const std::string& fileName, Route* out, std::vector<Diagnostic>* errors)
{
    json::value root;
    if (!parseJson(text, fileName, &root, errors))
        return false;
    Reader r(text, fileName, errors);
    if (!root.is_object()) {
        r.error("", "a route file must contain a JSON object");
        return false;
    }
    const json::object& o = root.get_object();
    if (!r.checkSchemaVersion(o))
        return false;

    const std::string p; // root pointer
    Route route;
    std::string word;
    if (r.getString(o, "method", p, &word)) {
        const std::string method = upperAscii(word);
        if (isRouteMethod(method))
            route.method = method;
        else
            r.error("/method",
                "unknown method " + jsonQuoted(word)
                    + " (expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS)");
    }
    if (r.getString(o, "path", p, &route.path) && (route.path.empty() || route.path.front() != '/'))
        r.error("/path", "\"path\" must start with '/'");
    r.getBool(o, "enabled", p, &route.enabled);
    r.getString(o, "description", p, &route.description);
    if (r.getString(o, "mode", p, &word)) {
        if (auto mode = responseModeFromString(word))
            route.mode = *mode;
        else
            r.error("/mode",
                "unknown mode " + jsonQuoted(word) + " (expected rules, random or sequential)");
    }
    r.readInt(o, "defaultResponse", p, 0, INT_MAX, &route.defaultResponse);
    if (const json::object* latency = r.getObject(o, "latency", p)) {
        r.readInt(*latency, "minMs", "/latency", 0, kMaxLatencyMs, &route.latency.minMs);
        r.readInt(*latency, "maxMs", "/latency", 0, kMaxLatencyMs, &route.latency.maxMs);
    }
    if (const json::object* failure = r.getObject(o, "failure", p)) {
        r.readDouble(*failure, "percent", "/failure", 0.0, 100.0, &route.failure.percent);
        r.readInt(*failure, "status", "/failure", 500, 599, &route.failure.status);
        r.getBool(*failure, "reset", "/failure", &route.failure.reset);
    }
    r.readSize(o, "bodyLimit", p, 0, &route.bodyLimit);

    if (const json::array* responses = r.getArray(o, "responses", p)) {
        route.responses.clear();
        if (responses->empty())
            r.error("/responses", "\"responses\" must contain at least one response");
        for (std::size_t i = 0; i < responses->size(); ++i) {
            const std::string ip = Reader::child("/responses", i);
            if (!(*responses)[i].is_object()) {
                r.error(ip, "each response must be an object");
                continue;
            }
            Response response;
            readResponse(r, (*responses)[i].get_object(), ip, &response);
            route.responses.push_back(std::move(response));
        }
    }
    const auto responseCount = static_cast<long long>(route.responses.size());
    if (!route.responses.empty() && route.defaultResponse >= responseCount)
        r.error("/defaultResponse",
            "\"defaultResponse\" " + std::to_string(route.defaultResponse)
                + " is out of range: the route has " + std::to_string(responseCount)
                + " response(s)");

    if (const json::array* rules = r.getArray(o, "rules", p)) {
        for (std::size_t i = 0; i < rules->size(); ++i) {
            const std::string ip = Reader::child("/rules", i);
            if (!(*rules)[i].is_object()) {
                r.error(ip, "each rule must be an object");
                continue;
            }
            Rule rule;
            readRule(r, (*rules)[i].get_object(), ip, &rule);
            if (!route.responses.empty() && rule.response >= responseCount)
                r.error(Reader::child(ip, "response"),
                    "rule \"response\" " + std::to_string(rule.response)
                        + " is out of range: the route has " + std::to_string(responseCount)
                        + " response(s)");
            route.rules.push_back(std::move(rule));
        }
    }

    if (const json::object* access = r.getObject(o, "access", p)) {
        const std::string ap = "/access";
        RouteAccess& a = route.access;
        if (r.getString(*access, "auth", ap, &word)) {
            if (word == "key" || word == "public")
                a.keyRequired = word == "key";
            else
                r.error("/access/auth",
                    "unknown auth " + jsonQuoted(word) + " (expected \"public\" or \"key\")");
        }
        readStringList(r, *access, "scopes", ap, &a.scopes);
        constexpr long long kMaxMicros = 1'000'000'000'000LL;
        r.readInt(*access, "priceMicros", ap, 0, kMaxMicros, &a.priceMicros);
        r.readInt(*access, "costMicros", ap, 0, kMaxMicros, &a.costMicros);
        r.readInt(*access, "costPerMsMicros", ap, 0, kMaxMicros, &a.costPerMsMicros);
        r.readInt(*access, "requestsPerMinute", ap, 0, 60'000'000, &a.requestsPerMinute);
        r.readInt(*access, "burst", ap, 0, 1'000'000, &a.burst);
        if (const json::object* tokens = r.getObject(*access, "tokens", ap)) {
            const std::string tp = "/access/tokens";
            for (auto [name, pointer] :
                { std::pair { "input", &a.tokens.input }, { "output", &a.tokens.output } }) {
                if (r.getString(*tokens, name, tp, pointer) && !pointer->empty()
                    && pointer->front() != '/')
                    r.error(Reader::child(tp, name),
                        "a token count is a JSON pointer into the answer, such as "
                        "\"/usage/completion_tokens\": it starts with '/'");
            }
        }
    }

    if (const json::object* validation = r.getObject(o, "validation", p))
        readValidation(r, *validation, "/validation", &route.validation);

    if (r.getString(o, "responder", p, &word)) {
        if (word == "designed")
            route.responder = RouteResponder::Designed;
        else if (word == "upstream")
            route.responder = RouteResponder::Upstream;
        else if (word == "sse")
            route.responder = RouteResponder::Sse;
        else if (word == "websocket")
            route.responder = RouteResponder::WebSocket;
        else
            r.error("/responder",
                "unknown responder " + jsonQuoted(word)
                    + " (expected \"designed\", \"upstream\", \"sse\" or \"websocket\")");
    }
    if (const json::object* ws = r.getObject(o, "websocket", p))
        readWs(r, *ws, "/websocket", &route.websocket);
    // A browser (and every client) opens a WebSocket with GET.
    if (route.responder == RouteResponder::WebSocket && route.method != "GET")
        r.error("/method", "a WebSocket route's method is GET (it has " + route.method + ")");
    if (const json::object* sse = r.getObject(o, "sse", p))
        readSse(r, *sse, "/sse", &route.sse);
    else if (route.responder == RouteResponder::Sse)
        r.error("/responder",
            "an SSE route needs \"sse\": {\"events\": [...]} or {\"mode\": \"tokens\", ...}");
    if (route.responder == RouteResponder::Sse && route.sse.mode == SseMode::Events
        && route.sse.events.empty() && o.contains("sse"))
        r.error("/sse/events", "an events stream needs at least one event");
    if (const json::object* upstream = r.getObject(o, "upstream", p))
        readUpstream(r, *upstream, "/upstream", &route.upstream);
    if (route.responder == RouteResponder::Upstream && route.upstream.url.empty())
        r.error(o.contains("upstream") ? "/upstream" : "/responder",
            "an upstream route needs \"upstream\": {\"url\": \"https://...\"}");
    if (route.upstream.openResponse >= responseCount)
        r.error("/upstream/breaker/openResponse",
            "\"openResponse\" " + std::to_string(route.upstream.openResponse)
                + " is out of range: the route has " + std::to_string(responseCount)
                + " response(s)");

    if (r.errorCount() > 0)
        return false;
    // The route remembers the file it came from so saving writes it back
    // there; names that could not be a route file (e.g. "<clipboard>") are not
    // kept and saveWorkspace picks a fresh one.
    const std::string base = fs::path(fileName).filename().string();
    route.fileName = isValidRouteFileName(base) ? base : std::string();
    *out = std::move(route);
    return true;
}

} // namespace tollgate::server
