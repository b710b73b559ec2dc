#include "server/workspace/settingsfile.h"

#include "server/common/text.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/upstreamfile.h"

#include <boost/json/value.hpp>

#include <algorithm>
#include <climits>
#include <optional>
#include <set>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace jsonfile;

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
        r.readInt(to, "tokensPerMinute", tp, 0, kMaxTokensPerMinute, &t.tokensPerMinute);
        r.readInt(to, "inputPricePer1kTokensMicros", tp, 0, kMax, &t.inputPricePer1kTokensMicros);
        r.readInt(to, "outputPricePer1kTokensMicros", tp, 0, kMax, &t.outputPricePer1kTokensMicros);
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

} // namespace

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
    limits["connectionsPerAddress"] = s.limits.connectionsPerAddress;

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
    if (s.fallback != Upstream {})
        server["fallback"] = upstreamToJson(s.fallback);
    if (!s.upstreamAllowlist.empty()) {
        json::array allow;
        for (const std::string& range : s.upstreamAllowlist)
            allow.push_back(jsonString(range));
        server["upstreamAllowlist"] = std::move(allow);
    }

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
        // Token terms only where set: tiers of request-priced APIs stay as they were.
        if (t.tokensPerMinute > 0)
            to["tokensPerMinute"] = t.tokensPerMinute;
        if (t.inputPricePer1kTokensMicros > 0)
            to["inputPricePer1kTokensMicros"] = t.inputPricePer1kTokensMicros;
        if (t.outputPricePer1kTokensMicros > 0)
            to["outputPricePer1kTokensMicros"] = t.outputPricePer1kTokensMicros;
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
    if (const json::object* fallback = r.getObject(*server, "fallback", sp))
        readUpstream(r, *fallback, "/server/fallback", &s.fallback);
    readStringList(r, *server, "upstreamAllowlist", sp, &s.upstreamAllowlist);
    for (std::size_t i = 0; i < s.upstreamAllowlist.size(); ++i) {
        if (std::string problem = upstreamAllowlistProblem(s.upstreamAllowlist[i]);
            !problem.empty())
            r.error(Reader::child("/server/upstreamAllowlist", i), std::move(problem));
    }
    if (const json::object* limits = r.getObject(*server, "limits", sp)) {
        const std::string lp = "/server/limits";
        r.readSize(*limits, "requestLineBytes", lp, 1, &s.limits.requestLineBytes);
        r.readSize(*limits, "headerBytes", lp, 1, &s.limits.headerBytes);
        r.readSize(*limits, "headerFields", lp, 1, &s.limits.headerFields);
        r.readSize(*limits, "bodyBytes", lp, 0, &s.limits.bodyBytes);
        r.readInt(*limits, "headerTimeoutMs", lp, 1, INT_MAX, &s.limits.headerTimeoutMs);
        r.readInt(*limits, "idleTimeoutMs", lp, 1, INT_MAX, &s.limits.idleTimeoutMs);
        r.readInt(*limits, "connectionsPerAddress", lp, 0, kMaxConnectionsPerAddress,
            &s.limits.connectionsPerAddress);
    }
}

} // namespace tollgate::server
