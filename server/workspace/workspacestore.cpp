#include "server/workspace/workspacestore.h"

#include "server/common/text.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define TOLLGATE_POSIX_IO 1
#endif

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;
using jsonfile::parseJson;
using jsonfile::Reader;
using jsonfile::readFile;
using jsonfile::toPrettyText;

namespace {

constexpr std::string_view kSettingsFile = "tollgate.json";
constexpr std::string_view kKeysFile = "keys.json";
constexpr std::string_view kRoutesDir = "routes";
constexpr std::string_view kStateDir = ".tollgate";
constexpr int kMaxLatencyMs = 60'000;

constexpr std::array<std::string_view, 7> kMethods { "GET", "HEAD", "POST", "PUT", "PATCH",
    "DELETE", "OPTIONS" };

// ---------------------------------------------------------------------------
// Small helpers

std::string relativeName(std::string_view dir, std::string_view name)
{
    // Diagnostics always use '/' so the same message reads the same on every OS.
    std::string out(dir);
    out += '/';
    out += name;
    return out;
}

bool isJsonFileName(const std::string& name)
{
    return name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0 && name[0] != '.';
}

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
            if (h.name.empty() || !std::all_of(h.name.begin(), h.name.end(), isTokenChar))
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

// ---------------------------------------------------------------------------
// Files

bool validRouteFileName(const std::string& name)
{
    return isJsonFileName(name) && name.find_first_of("/\\") == std::string::npos
        && name.find('\0') == std::string::npos;
}

bool containsIgnoringCase(const std::vector<std::string>& names, const std::string& name)
{
    // Compared case-insensitively so that names never collide on macOS or
    // Windows file systems when a workspace is shared through git.
    const std::string lower = lowerAscii(name);
    return std::any_of(
        names.begin(), names.end(), [&](const std::string& n) { return lowerAscii(n) == lower; });
}

std::vector<std::string> listRouteFiles(const fs::path& routesDir)
{
    std::vector<std::string> names;
    std::error_code ec;
    fs::directory_iterator it(routesDir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code typeEc;
        if (!it->is_regular_file(typeEc))
            continue;
        std::string name = it->path().filename().string();
        if (isJsonFileName(name))
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// Writes content unless the file already holds exactly that, so saving an
/// unchanged workspace leaves mtimes (and file watchers, and make-style
/// tooling) alone.
bool writeIfChanged(const fs::path& path, std::string_view content, std::string* error)
{
    std::string existing;
    if (readFile(path, &existing, nullptr) && existing == content)
        return true;
    return writeFileAtomic(path, content, error);
}

/// Reads an array of strings; reports each non-string entry.
void readStringList(Reader& r, const json::object& o, std::string_view key,
    const std::string& pointer, std::vector<std::string>* out)
{
    const json::array* list = r.getArray(o, key, pointer);
    if (!list)
        return;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string()) {
            r.error(Reader::child(Reader::child(pointer, key), i),
                "each entry of " + jsonQuoted(key) + " must be a string");
            continue;
        }
        values.emplace_back((*list)[i].get_string());
    }
    *out = std::move(values);
}

} // namespace

// ---------------------------------------------------------------------------
// Serialisation

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
    if (a.requestsPerMinute > 0) {
        access["requestsPerMinute"] = a.requestsPerMinute;
        access["burst"] = a.burst;
    }
    o["access"] = std::move(access);
    return toPrettyText(o);
}

std::string settingsToJson(const Workspace& ws)
{
    const ServerSettings& s = ws.server;
    json::object cors;
    cors["enabled"] = s.cors.enabled;
    json::array origins;
    for (const std::string& origin : s.cors.allowOrigins)
        origins.push_back(jsonString(origin));
    cors["allowOrigins"] = std::move(origins);
    cors["allowMethods"] = jsonString(s.cors.allowMethods);
    cors["allowHeaders"] = jsonString(s.cors.allowHeaders);
    cors["exposeHeaders"] = jsonString(s.cors.exposeHeaders);
    cors["allowCredentials"] = s.cors.allowCredentials;
    cors["maxAgeSeconds"] = s.cors.maxAgeSeconds;

    json::object limits;
    limits["requestLineBytes"] = static_cast<std::uint64_t>(s.limits.requestLineBytes);
    limits["headerBytes"] = static_cast<std::uint64_t>(s.limits.headerBytes);
    limits["headerFields"] = static_cast<std::uint64_t>(s.limits.headerFields);
    limits["bodyBytes"] = static_cast<std::uint64_t>(s.limits.bodyBytes);
    limits["headerTimeoutMs"] = s.limits.headerTimeoutMs;
    limits["idleTimeoutMs"] = s.limits.idleTimeoutMs;

    json::object server;
    server["bind"] = jsonString(s.bind);
    server["port"] = s.port;
    server["threads"] = s.threads;
    server["environment"] = jsonString(s.environment);
    server["cors"] = std::move(cors);
    server["limits"] = std::move(limits);
    json::object metrics;
    metrics["retentionDays"] = s.metricsRetentionDays;
    server["metrics"] = std::move(metrics);

    json::object o;
    o["schemaVersion"] = kSchemaVersion;
    o["name"] = jsonString(ws.name);
    o["description"] = jsonString(ws.description);
    o["server"] = std::move(server);

    json::array tiers;
    for (const Tier& t : ws.tiers) {
        json::object to;
        to["id"] = jsonString(t.id);
        to["name"] = jsonString(t.name);
        to["requestsPerMinute"] = t.requestsPerMinute;
        to["burst"] = t.burst;
        to["monthlyQuota"] = t.monthlyQuota;
        to["pricePerRequestMicros"] = t.pricePerRequestMicros;
        to["monthlyFeeMicros"] = t.monthlyFeeMicros;
        to["overagePriceMicros"] = t.overagePriceMicros;
        to["overQuota"] = toString(t.overQuota);
        tiers.push_back(std::move(to));
    }
    o["tiers"] = std::move(tiers);

    json::array environments;
    for (const Environment& e : ws.environments) {
        json::object eo;
        eo["name"] = jsonString(e.name);
        json::array variables;
        for (const auto& [name, value] : e.variables) {
            json::object vo;
            vo["name"] = jsonString(name);
            vo["value"] = jsonString(value);
            variables.push_back(std::move(vo));
        }
        eo["variables"] = std::move(variables);
        environments.push_back(std::move(eo));
    }
    o["environments"] = std::move(environments);
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
        if (std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end())
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
    }

    if (r.errorCount() > 0)
        return false;
    // The route remembers the file it came from so saving writes it back
    // there; names that could not be a route file (e.g. "<clipboard>") are not
    // kept and saveWorkspace picks a fresh one.
    const std::string base = fs::path(fileName).filename().string();
    route.fileName = validRouteFileName(base) ? base : std::string();
    *out = std::move(route);
    return true;
}

namespace {

std::optional<OverQuotaPolicy> overQuotaFromString(std::string_view s)
{
    if (s == "block")
        return OverQuotaPolicy::Block;
    if (s == "bill")
        return OverQuotaPolicy::Bill;
    return std::nullopt;
}

void readTiers(Reader& r, const json::object& o, Workspace* ws)
{
    const json::array* tiers = r.getArray(o, "tiers", "");
    if (!tiers)
        return; // files from before tiers existed keep the defaults
    // A broken tier is left out (keys of that tier then fail with a clear
    // 403) rather than served with limits nobody chose.
    std::vector<Tier> result;
    for (std::size_t i = 0; i < tiers->size(); ++i) {
        const std::string tp = Reader::child("/tiers", i);
        if (!(*tiers)[i].is_object()) {
            r.error(tp, "each tier must be an object");
            continue;
        }
        const json::object& to = (*tiers)[i].get_object();
        const int before = r.errorCount();
        Tier t;
        r.getString(to, "id", tp, &t.id);
        r.getString(to, "name", tp, &t.name);
        constexpr long long kMax = 1'000'000'000'000LL;
        r.readInt(to, "requestsPerMinute", tp, 0, 60'000'000, &t.requestsPerMinute);
        r.readInt(to, "burst", tp, 0, 1'000'000, &t.burst);
        r.readInt(to, "monthlyQuota", tp, 0, kMax, &t.monthlyQuota);
        r.readInt(to, "pricePerRequestMicros", tp, 0, kMax, &t.pricePerRequestMicros);
        r.readInt(to, "monthlyFeeMicros", tp, 0, kMax, &t.monthlyFeeMicros);
        r.readInt(to, "overagePriceMicros", tp, 0, kMax, &t.overagePriceMicros);
        std::string word;
        if (r.getString(to, "overQuota", tp, &word)) {
            if (auto policy = overQuotaFromString(word))
                t.overQuota = *policy;
            else
                r.error(Reader::child(tp, "overQuota"),
                    "unknown over-quota policy " + jsonQuoted(word)
                        + " (expected \"block\" or \"bill\")");
        }
        for (const std::string& problem : tierProblems(t))
            r.error(tp, "tier " + jsonQuoted(t.id) + ": " + problem);
        if (findTier(result, t.id))
            r.error(Reader::child(tp, "id"), "duplicate tier id " + jsonQuoted(t.id));
        if (r.errorCount() == before)
            result.push_back(std::move(t));
    }
    ws->tiers = std::move(result);
}

bool isVariableName(std::string_view name)
{
    // The characters {{name}} accepts (see variables.cpp).
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '-' || c == '.';
    });
}

void readEnvironments(Reader& r, const json::object& o, Workspace* ws)
{
    const json::array* environments = r.getArray(o, "environments", "");
    if (!environments)
        return; // files from before the composer keep the default environment
    // Like tiers: an environment without a usable name is left out; a bad
    // variable is left out of its environment, which still applies.
    std::vector<Environment> result;
    for (std::size_t i = 0; i < environments->size(); ++i) {
        const std::string ep = Reader::child("/environments", i);
        if (!(*environments)[i].is_object()) {
            r.error(ep, "each environment must be an object with \"name\" and \"variables\"");
            continue;
        }
        const json::object& eo = (*environments)[i].get_object();
        Environment e;
        r.getString(eo, "name", ep, &e.name);
        bool usable = true;
        if (e.name.find_first_not_of(' ') == std::string::npos) {
            r.error(eo.contains("name") ? Reader::child(ep, "name") : ep,
                "the environment needs a \"name\"");
            usable = false;
        } else if (std::any_of(result.begin(), result.end(),
                       [&](const Environment& other) { return other.name == e.name; })) {
            r.error(Reader::child(ep, "name"), "duplicate environment name " + jsonQuoted(e.name));
            usable = false;
        }
        if (const json::array* variables = r.getArray(eo, "variables", ep)) {
            const std::string vp = Reader::child(ep, "variables");
            for (std::size_t k = 0; k < variables->size(); ++k) {
                const std::string ip = Reader::child(vp, k);
                if (!(*variables)[k].is_object()) {
                    r.error(ip, "each variable must be an object with \"name\" and \"value\"");
                    continue;
                }
                const json::object& vo = (*variables)[k].get_object();
                std::string name, value;
                // A name or value of the wrong type is reported by getString.
                if ((!r.getString(vo, "name", ip, &name) && vo.contains("name"))
                    || (!r.getString(vo, "value", ip, &value) && vo.contains("value")))
                    continue;
                if (!isVariableName(name)) {
                    r.error(vo.contains("name") ? Reader::child(ip, "name") : ip,
                        "variable name " + jsonQuoted(name)
                            + " must be letters, digits, '_', '-' or '.' (used as {{name}})");
                    continue;
                }
                if (std::any_of(e.variables.begin(), e.variables.end(),
                        [&](const auto& v) { return v.first == name; })) {
                    r.error(Reader::child(ip, "name"),
                        "duplicate variable " + jsonQuoted(name) + " in environment "
                            + jsonQuoted(e.name));
                    continue;
                }
                e.variables.emplace_back(std::move(name), std::move(value));
            }
        }
        if (usable)
            result.push_back(std::move(e));
    }
    ws->environments = std::move(result);
}

void settingsFromJson(std::string_view text, const std::string& fileName, Workspace* ws,
    std::vector<Diagnostic>* errors)
{
    // Unlike a route, settings are read field by field: an invalid value keeps
    // its default and the valid ones still apply, because the server must run
    // with some settings while the user fixes the file.
    json::value root;
    if (!parseJson(text, fileName, &root, errors))
        return;
    Reader r(text, fileName, errors);
    if (!root.is_object()) {
        r.error("", "tollgate.json must contain a JSON object");
        return;
    }
    const json::object& o = root.get_object();
    if (!r.checkSchemaVersion(o))
        return;

    r.getString(o, "name", "", &ws->name);
    r.getString(o, "description", "", &ws->description);
    readTiers(r, o, ws);
    readEnvironments(r, o, ws);
    const json::object* server = r.getObject(o, "server", "");
    if (!server)
        return;
    ServerSettings& s = ws->server;
    const std::string sp = "/server";
    std::string bind;
    if (r.getString(*server, "bind", sp, &bind)) {
        if (bind.empty())
            r.error("/server/bind", "\"bind\" must be an address such as \"127.0.0.1\"");
        else
            s.bind = bind;
    }
    r.readInt(*server, "port", sp, 0, 65535, &s.port);
    r.readInt(*server, "threads", sp, 0, 1024, &s.threads);
    r.getString(*server, "environment", sp, &s.environment);
    if (const json::object* metrics = r.getObject(*server, "metrics", sp))
        r.readInt(*metrics, "retentionDays", "/server/metrics", 1, 3650, &s.metricsRetentionDays);

    if (const json::object* cors = r.getObject(*server, "cors", sp)) {
        const std::string cp = "/server/cors";
        r.getBool(*cors, "enabled", cp, &s.cors.enabled);
        if (const json::array* origins = r.getArray(*cors, "allowOrigins", cp)) {
            std::vector<std::string> values;
            bool valid = true;
            for (std::size_t i = 0; i < origins->size(); ++i) {
                if (!(*origins)[i].is_string()) {
                    r.error(Reader::child(cp + "/allowOrigins", i),
                        "each entry of \"allowOrigins\" must be a string");
                    valid = false;
                    continue;
                }
                values.emplace_back((*origins)[i].get_string());
            }
            if (valid)
                s.cors.allowOrigins = std::move(values);
        }
        r.getString(*cors, "allowMethods", cp, &s.cors.allowMethods);
        r.getString(*cors, "allowHeaders", cp, &s.cors.allowHeaders);
        r.getString(*cors, "exposeHeaders", cp, &s.cors.exposeHeaders);
        r.getBool(*cors, "allowCredentials", cp, &s.cors.allowCredentials);
        r.readInt(*cors, "maxAgeSeconds", cp, 0, INT_MAX, &s.cors.maxAgeSeconds);
    }
    if (const json::object* limits = r.getObject(*server, "limits", sp)) {
        const std::string lp = "/server/limits";
        r.readSize(*limits, "requestLineBytes", lp, 1, &s.limits.requestLineBytes);
        r.readSize(*limits, "headerBytes", lp, 1, &s.limits.headerBytes);
        r.readSize(*limits, "headerFields", lp, 1, &s.limits.headerFields);
        r.readSize(*limits, "bodyBytes", lp, 0, &s.limits.bodyBytes);
        r.readInt(*limits, "headerTimeoutMs", lp, 1, INT_MAX, &s.limits.headerTimeoutMs);
        r.readInt(*limits, "idleTimeoutMs", lp, 1, INT_MAX, &s.limits.idleTimeoutMs);
    }
}

/// True when path holds a file that declares a schemaVersion newer than ours;
/// such a file must never be overwritten or deleted by an older Tollgate.
bool isNewerSchemaFile(const fs::path& path)
{
    std::string text;
    if (!readFile(path, &text, nullptr))
        return false;
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object())
        return false;
    const json::value* version = v.get_object().if_contains("schemaVersion");
    if (!version || !version->is_number())
        return false;
    json::error_code nec;
    const auto n = version->to_number<double>(nec);
    return !nec && n > kSchemaVersion;
}

} // namespace

// ---------------------------------------------------------------------------
// keys.json

std::string keysToJson(const std::vector<ApiKey>& keys)
{
    json::array list;
    for (const ApiKey& k : keys) {
        json::object ko;
        ko["id"] = jsonString(k.id);
        ko["prefix"] = jsonString(k.prefix);
        ko["hash"] = jsonString("sha256:" + k.hash);
        ko["label"] = jsonString(k.label);
        ko["owner"] = jsonString(k.owner);
        ko["tier"] = jsonString(k.tier);
        json::array scopes;
        for (const std::string& scope : k.scopes)
            scopes.push_back(jsonString(scope));
        ko["scopes"] = std::move(scopes);
        ko["created"] = jsonString(formatUtcTime(k.created));
        if (k.expires > 0)
            ko["expires"] = jsonString(formatUtcTime(k.expires));
        else
            ko["expires"] = nullptr;
        if (k.revoked > 0)
            ko["revoked"] = jsonString(formatUtcTime(k.revoked));
        else
            ko["revoked"] = nullptr;
        if (!k.rotatedFrom.empty())
            ko["rotatedFrom"] = jsonString(k.rotatedFrom);
        list.push_back(std::move(ko));
    }
    json::object o;
    o["schemaVersion"] = kSchemaVersion;
    o["keys"] = std::move(list);
    return toPrettyText(o);
}

namespace {

bool isLowerHex(std::string_view s)
{
    return std::all_of(s.begin(), s.end(),
        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void readTime(Reader& r, const json::object& o, std::string_view key, const std::string& pointer,
    std::int64_t* out)
{
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null())
        return;
    if (!v->is_string() || !parseUtcTime(v->get_string(), out))
        r.error(Reader::child(pointer, key),
            jsonQuoted(key) + " must be null or a UTC time such as \"2026-01-31T12:00:00Z\"");
}

} // namespace

bool keysFromJson(std::string_view text, const std::string& fileName, std::vector<ApiKey>* out,
    std::vector<Diagnostic>* errors)
{
    json::value root;
    if (!parseJson(text, fileName, &root, errors))
        return false;
    Reader r(text, fileName, errors);
    if (!root.is_object()) {
        r.error("", "keys.json must contain a JSON object");
        return false;
    }
    const json::object& o = root.get_object();
    if (!r.checkSchemaVersion(o))
        return false;
    std::vector<ApiKey> keys;
    if (const json::array* list = r.getArray(o, "keys", "")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string kp = Reader::child("/keys", i);
            if (!(*list)[i].is_object()) {
                r.error(kp, "each key must be an object");
                continue;
            }
            const json::object& ko = (*list)[i].get_object();
            ApiKey k;
            if (!r.getString(ko, "id", kp, &k.id) || k.id.empty())
                r.error(kp, "the key needs an \"id\"");
            r.getString(ko, "prefix", kp, &k.prefix);
            std::string hash;
            r.getString(ko, "hash", kp, &hash);
            if (hash.rfind("sha256:", 0) == 0 && hash.size() == 7 + 64
                && isLowerHex(hash.substr(7)))
                k.hash = hash.substr(7);
            else
                r.error(Reader::child(kp, "hash"),
                    "\"hash\" must be \"sha256:\" followed by 64 lowercase hex digits");
            r.getString(ko, "label", kp, &k.label);
            r.getString(ko, "owner", kp, &k.owner);
            if (!r.getString(ko, "tier", kp, &k.tier) || k.tier.empty())
                r.error(Reader::child(kp, "tier"), "the key needs a \"tier\"");
            readStringList(r, ko, "scopes", kp, &k.scopes);
            readTime(r, ko, "created", kp, &k.created);
            readTime(r, ko, "expires", kp, &k.expires);
            readTime(r, ko, "revoked", kp, &k.revoked);
            r.getString(ko, "rotatedFrom", kp, &k.rotatedFrom);
            for (const ApiKey& other : keys) {
                if (other.id == k.id)
                    r.error(Reader::child(kp, "id"), "duplicate key id " + jsonQuoted(k.id));
            }
            keys.push_back(std::move(k));
        }
    }
    if (r.errorCount() > 0)
        return false;
    *out = std::move(keys);
    return true;
}

bool loadKeys(const fs::path& dir, std::vector<ApiKey>* out, std::vector<Diagnostic>* errors)
{
    const fs::path path = dir / kKeysFile;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        out->clear();
        return true; // no keys yet
    }
    std::string text, error;
    if (!readFile(path, &text, &error)) {
        if (errors)
            errors->push_back({ std::string(kKeysFile), 0, 0, error });
        return false;
    }
    return keysFromJson(text, std::string(kKeysFile), out, errors);
}

bool saveKeys(const fs::path& dir, const std::vector<ApiKey>& keys, std::string* error)
{
    const fs::path path = dir / kKeysFile;
    std::error_code ec;
    if (fs::exists(path, ec)) {
        // A keys.json that does not load was not read into `keys`; replacing
        // it would revoke or forget keys the user still has.
        std::vector<ApiKey> ignored;
        if (!loadKeys(dir, &ignored, nullptr)) {
            setError(error,
                path.string() + " has errors (see Problems); fix it before keys can be saved");
            return false;
        }
    }
    return writeIfChanged(path, keysToJson(keys), error);
}

// ---------------------------------------------------------------------------
// Workspace directory

LoadResult loadWorkspace(const fs::path& dir)
{
    LoadResult result;
    result.workspace.dir = dir;
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        result.errors.push_back({ dir.string(), 0, 0, "workspace directory does not exist" });
        return result;
    }
    if (!fs::is_directory(dir, ec)) {
        result.errors.push_back({ dir.string(), 0, 0, "not a directory" });
        return result;
    }

    const std::string settingsName(kSettingsFile);
    const fs::path settingsPath = dir / settingsName;
    if (!fs::exists(settingsPath, ec)) {
        result.errors.push_back({ settingsName, 0, 0, "file is missing; using default settings" });
    } else {
        std::string text, error;
        if (readFile(settingsPath, &text, &error))
            settingsFromJson(text, settingsName, &result.workspace, &result.errors);
        else
            result.errors.push_back({ settingsName, 0, 0, error });
    }

    loadKeys(dir, &result.workspace.keys, &result.errors);

    const fs::path routesDir = dir / kRoutesDir;
    // Sorting by file name gives the same route order on every machine, which
    // matters because the earliest of equally specific routes wins.
    for (const std::string& name : listRouteFiles(routesDir)) {
        const std::string relative = relativeName(kRoutesDir, name);
        std::string text, error;
        if (!readFile(routesDir / name, &text, &error)) {
            result.errors.push_back({ relative, 0, 0, error });
            continue;
        }
        Route route;
        if (routeFromJson(text, relative, &route, &result.errors)) {
            route.fileName = name;
            result.workspace.routes.push_back(std::move(route));
        }
    }
    return result;
}

std::string routeFileName(const Route& route, const std::vector<std::string>& taken)
{
    std::string slug;
    auto appendDash = [&slug] {
        if (!slug.empty() && slug.back() != '-')
            slug += '-';
    };
    for (char c : route.path) {
        if (c >= 'A' && c <= 'Z') {
            slug += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            slug += c;
        } else if (c == '*') {
            appendDash();
            slug += "wildcard";
            appendDash();
        } else {
            appendDash();
        }
    }
    // Very long paths would hit file-name limits (255 bytes) and are unreadable
    // in a file list anyway; the collision counter keeps truncated names unique.
    constexpr std::size_t kMaxSlug = 80;
    if (slug.size() > kMaxSlug)
        slug.resize(kMaxSlug);
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.empty())
        slug = "root";

    std::string method;
    for (char c : lowerAscii(route.method)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            method += c;
    }
    if (method.empty())
        method = "route";

    const std::string base = method + '-' + slug;
    std::string name = base + ".json";
    for (int n = 2; containsIgnoringCase(taken, name); ++n)
        name = base + '-' + std::to_string(n) + ".json";
    return name;
}

bool saveWorkspace(Workspace& ws, std::string* error)
{
    if (ws.dir.empty()) {
        setError(error, "the workspace has no directory");
        return false;
    }
    const fs::path routesDir = ws.dir / kRoutesDir;
    std::error_code ec;
    fs::create_directories(routesDir, ec);
    if (ec) {
        setError(error, "cannot create " + routesDir.string() + ": " + ec.message());
        return false;
    }

    const fs::path settingsPath = ws.dir / kSettingsFile;
    if (isNewerSchemaFile(settingsPath)) {
        setError(error,
            settingsPath.string()
                + " was written by a newer version of Tollgate; not overwriting it");
        return false;
    }

    // Every route claims its file; a route without a usable name, or whose name
    // another route already claimed (a duplicated route copies the name),
    // gets a fresh one below.
    std::vector<std::string> claimed;
    std::vector<std::size_t> unnamed;
    for (std::size_t i = 0; i < ws.routes.size(); ++i) {
        const std::string& name = ws.routes[i].fileName;
        if (validRouteFileName(name) && !containsIgnoringCase(claimed, name))
            claimed.push_back(name);
        else
            unnamed.push_back(i);
    }

    // Files nobody claims are stale routes (deleted or renamed in the editor)
    // unless they do not parse: a broken or newer-schema file was skipped on
    // load, so it is not in ws.routes, and deleting it would destroy what the
    // user is about to fix. Those are kept and their names stay taken.
    std::vector<std::string> stale;
    std::vector<std::string> taken = claimed;
    for (const std::string& name : listRouteFiles(routesDir)) {
        if (containsIgnoringCase(claimed, name))
            continue;
        std::string text;
        Route ignored;
        if (readFile(routesDir / name, &text, nullptr)
            && routeFromJson(text, name, &ignored, nullptr))
            stale.push_back(name);
        else
            taken.push_back(name);
    }
    for (std::size_t i : unnamed) {
        ws.routes[i].fileName = routeFileName(ws.routes[i], taken);
        taken.push_back(ws.routes[i].fileName);
    }

    if (!writeIfChanged(settingsPath, settingsToJson(ws), error))
        return false;
    for (const Route& route : ws.routes) {
        if (!writeIfChanged(routesDir / route.fileName, routeToJson(route), error))
            return false;
    }
    if (!ws.keys.empty() || fs::exists(ws.dir / kKeysFile, ec)) {
        if (!saveKeys(ws.dir, ws.keys, error))
            return false;
    }
    for (const std::string& name : stale) {
        if (containsIgnoringCase(taken, name))
            continue; // reused by a new route just written
        fs::remove(routesDir / name, ec);
        if (ec) {
            setError(error, "cannot remove " + (routesDir / name).string() + ": " + ec.message());
            return false;
        }
    }

    // Machine-local state must not end up in the user's repository.
    const fs::path gitignore = ws.dir / ".gitignore";
    std::string ignoreText;
    if (!readFile(gitignore, &ignoreText, nullptr)) {
        if (!writeFileAtomic(gitignore, ".tollgate/\n", error))
            return false;
    } else {
        bool found = false;
        std::istringstream lines(ignoreText);
        for (std::string line; std::getline(lines, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (line == ".tollgate/" || line == ".tollgate" || line == "/.tollgate/"
                || line == "/.tollgate")
                found = true;
        }
        if (!found) {
            if (!ignoreText.empty() && ignoreText.back() != '\n')
                ignoreText += '\n';
            ignoreText += ".tollgate/\n";
            if (!writeFileAtomic(gitignore, ignoreText, error))
                return false;
        }
    }
    return true;
}

bool writeFileAtomic(const fs::path& path, std::string_view content, std::string* error)
{
    fs::path dir = path.parent_path();
    if (dir.empty())
        dir = ".";
    std::error_code ec;
    fs::create_directories(dir, ec);

#ifdef TOLLGATE_POSIX_IO
    // The temporary file lives in the target's directory because rename() is
    // only atomic within one file system. Its name starts with '.' and does
    // not end in ".json", so loaders and watchers never mistake it for a route.
    static std::atomic<unsigned> counter { 0 };
    const auto stamp = static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count());
    int fd = -1;
    fs::path tmp;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        // Appended piecewise: GCC 12 reports a false -Wrestrict for "." + string.
        std::string name = ".";
        name += path.filename().string();
        name += ".tmp-";
        name += std::to_string(::getpid());
        name += '-';
        name += std::to_string(stamp % 1000000);
        name += '-';
        name += std::to_string(counter++);
        tmp = dir / name;
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        setError(error,
            "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
        return false;
    }
    auto fail = [&](const char* what) {
        const int saved = errno;
        if (fd >= 0)
            ::close(fd);
        ::unlink(tmp.c_str());
        setError(error, std::string(what) + " " + path.string() + ": " + std::strerror(saved));
        return false;
    };

    // Keep the permissions of the file being replaced (e.g. a group-writable
    // shared workspace); new files get the default mode filtered by umask.
    struct stat existing { };
    if (::stat(path.c_str(), &existing) == 0)
        ::fchmod(fd, existing.st_mode & 07777);

    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return fail("cannot sync");
    if (::close(fd) != 0) {
        fd = -1;
        return fail("cannot write");
    }
    fd = -1;
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        return fail("cannot replace");
    // Syncing the directory makes the rename itself durable; some file systems
    // refuse it, which is harmless, so the result is ignored.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return true;
#else
    const fs::path tmp = dir / ("." + path.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            fs::remove(tmp, ec);
            setError(error, "cannot write " + tmp.string());
            return false;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        setError(error, "cannot replace " + path.string() + ": " + ec.message());
        return false;
    }
    return true;
#endif
}

namespace {

class Fnv1a {
public:
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            m_hash ^= bytes[i];
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(std::string_view s)
    {
        add(s.data(), s.size());
        add("\0", 1); // separator so "ab"+"c" differs from "a"+"bc"
    }
    void add(std::uint64_t n) { add(&n, sizeof n); }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

void addFileStamp(Fnv1a& hash, const fs::path& path, std::string_view name)
{
    // Every call adds the name, so a file appearing or vanishing changes the
    // hash even when sizes and times happen to collide.
    hash.add(name);
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        hash.add(std::uint64_t { 0xFFFFFFFFFFFFFFFFULL });
        return;
    }
    hash.add(static_cast<std::uint64_t>(size));
    const auto mtime = fs::last_write_time(path, ec);
    if (!ec)
        hash.add(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch())
                .count()));
}

} // namespace

std::uint64_t workspaceFingerprint(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return 0;
    Fnv1a hash;
    addFileStamp(hash, dir / kSettingsFile, kSettingsFile);
    addFileStamp(hash, dir / kKeysFile, kKeysFile);
    const fs::path routesDir = dir / kRoutesDir;
    for (const std::string& name : listRouteFiles(routesDir))
        addFileStamp(hash, routesDir / name, relativeName(kRoutesDir, name));
    // Body files may live anywhere in the workspace; walk it (bounded, and
    // skipping machine state and VCS data) so editing one is noticed too.
    std::vector<fs::path> others;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator() && others.size() < 4096;
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (it.depth() == 0 && (name == kStateDir || name == ".git" || name == kRoutesDir)) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec))
            others.push_back(it->path());
    }
    std::sort(others.begin(), others.end());
    for (const auto& p : others)
        addFileStamp(hash, p, fs::relative(p, dir, ec).generic_string());
    // 0 means "no workspace"; an existing one never reports it.
    return hash.value() == 0 ? 1 : hash.value();
}

bool copyWorkspace(const fs::path& from, const fs::path& to, std::string* error)
{
    std::error_code ec;
    if (!fs::is_directory(from, ec)) {
        setError(error, from.string() + " is not a directory");
        return false;
    }
    // Collect first, copy after: copying into a directory below `from` must
    // not make the iteration see its own output.
    std::vector<fs::directory_entry> entries;
    fs::recursive_directory_iterator it(from, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() == 0 && it->path().filename() == fs::path(kStateDir)) {
            it.disable_recursion_pending();
            continue;
        }
        entries.push_back(*it);
    }
    if (ec) {
        setError(error, "cannot read " + from.string() + ": " + ec.message());
        return false;
    }

    fs::create_directories(to, ec);
    if (ec) {
        setError(error, "cannot create " + to.string() + ": " + ec.message());
        return false;
    }
    for (const fs::directory_entry& entry : entries) {
        const fs::path target = to / fs::relative(entry.path(), from, ec);
        if (ec) {
            setError(error, "cannot copy " + entry.path().string() + ": " + ec.message());
            return false;
        }
        if (entry.is_directory(ec)) {
            fs::create_directories(target, ec);
        } else if (entry.is_regular_file(ec)) {
            fs::create_directories(target.parent_path(), ec);
            if (!ec)
                fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing, ec);
        } else {
            continue; // sockets, fifos and the like are not workspace content
        }
        if (ec) {
            setError(error,
                "cannot copy " + entry.path().string() + " to " + target.string() + ": "
                    + ec.message());
            return false;
        }
    }
    return true;
}

} // namespace tollgate::server
