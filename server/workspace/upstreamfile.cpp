#include "server/workspace/upstreamfile.h"

#include "server/common/text.h"

#include <algorithm>
#include <charconv>

namespace tollgate::server {

namespace json = boost::json;
using namespace jsonfile;

namespace {

bool isHostChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_';
}

} // namespace

const char* toString(UpstreamHeader::Action action)
{
    switch (action) {
    case UpstreamHeader::Action::Set:
        return "set";
    case UpstreamHeader::Action::Add:
        return "add";
    case UpstreamHeader::Action::Remove:
        return "remove";
    }
    return "set";
}

std::optional<UpstreamUrl> parseUpstreamUrl(std::string_view url, std::string* error)
{
    UpstreamUrl u;
    std::string_view rest;
    if (url.substr(0, 7) == "http://") {
        rest = url.substr(7);
    } else if (url.substr(0, 8) == "https://") {
        u.https = true;
        u.port = 443;
        rest = url.substr(8);
    } else {
        *error = "the URL must start with http:// or https://";
        return std::nullopt;
    }
    if (rest.find_first_of("?#") != std::string_view::npos) {
        *error = "the URL must not have a query or fragment (the request's query is passed on)";
        return std::nullopt;
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view {} : rest.substr(slash);
    if (authority.find('@') != std::string_view::npos) {
        *error = "the URL must not carry credentials; send them in a secret header";
        return std::nullopt;
    }
    std::string_view host = authority;
    std::string_view port;
    bool hasPort = false;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            *error = "the IPv6 address in the URL lacks its closing ']'";
            return std::nullopt;
        }
        host = authority.substr(1, close - 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                *error = "unexpected text after the IPv6 address in the URL";
                return std::nullopt;
            }
            port = after.substr(1);
            hasPort = true;
        }
        if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
            *error = "\"" + std::string(host) + "\" is not an IPv6 address";
            return std::nullopt;
        }
    } else {
        const auto colon = authority.rfind(':');
        if (colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
            hasPort = true;
        }
        if (host.empty() || !std::all_of(host.begin(), host.end(), isHostChar)) {
            *error = host.empty() ? std::string("the URL has no host")
                                  : "\"" + std::string(host) + "\" is not a valid host name";
            return std::nullopt;
        }
    }
    if (hasPort) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || ec != std::errc {} || end != port.data() + port.size() || value == 0
            || value > 65535) {
            *error = "\"" + std::string(port) + "\" is not a port (1 to 65535)";
            return std::nullopt;
        }
        u.port = static_cast<std::uint16_t>(value);
    }
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    if (path.find_first_of(" \t\r\n") != std::string_view::npos) {
        *error = "the URL's path must not contain spaces or line breaks";
        return std::nullopt;
    }
    u.host = lowerAscii(host);
    u.basePath.assign(path);
    const bool v6 = u.host.find(':') != std::string::npos;
    const std::string hostPart = v6 ? "[" + u.host + "]" : u.host;
    const bool defaultPort = u.port == (u.https ? 443 : 80);
    u.authority = defaultPort ? hostPart : hostPart + ":" + std::to_string(u.port);
    u.origin = (u.https ? "https://" : "http://") + hostPart + ":" + std::to_string(u.port);
    return u;
}

std::string upstreamPathTemplateProblem(std::string_view t)
{
    if (t.empty())
        return {};
    if (t.front() != '/')
        return "\"pathTemplate\" must start with '/'";
    int depth = 0;
    for (char c : t) {
        if (c == '{' && ++depth > 1)
            return "\"pathTemplate\" has a '{' inside a parameter";
        if (c == '}' && --depth < 0)
            return "\"pathTemplate\" has a '}' without its '{'";
        if (c == '?' || c == '#' || c == ' ' || c == '\r' || c == '\n')
            return "\"pathTemplate\" must be a path: no '?', '#', spaces or line breaks";
    }
    if (depth != 0)
        return "\"pathTemplate\" has a '{' without its '}'";
    return {};
}

std::string upstreamStripPrefixProblem(std::string_view stripPrefix)
{
    if (!stripPrefix.empty() && stripPrefix.front() != '/')
        return "\"stripPrefix\" must start with '/'";
    return {};
}

std::string upstreamHeaderNameProblem(std::string_view name)
{
    if (!isToken(name))
        return "\"name\" must be a valid header name (letters, digits and !#$%&'*+-.^_`|~)";
    return {};
}

std::string upstreamHeaderValueProblem(std::string_view value)
{
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
        return "\"value\" must not contain line breaks or NUL characters";
    return {};
}

std::string upstreamSecretNameProblem(std::string_view secretEnv)
{
    if (!std::all_of(secretEnv.begin(), secretEnv.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_';
        }))
        return "\"secretEnv\" must be an environment variable name (letters, digits, _)";
    return {};
}

json::object upstreamToJson(const Upstream& u)
{
    json::object o;
    o["url"] = jsonString(u.url);
    if (!u.stripPrefix.empty())
        o["stripPrefix"] = jsonString(u.stripPrefix);
    if (!u.pathTemplate.empty())
        o["pathTemplate"] = jsonString(u.pathTemplate);
    o["passQuery"] = u.passQuery;
    json::array headers;
    for (const UpstreamHeader& h : u.headers) {
        json::object ho;
        ho["action"] = toString(h.action);
        ho["name"] = jsonString(h.name);
        if (!h.secretEnv.empty())
            ho["secretEnv"] = jsonString(h.secretEnv);
        else if (h.action != UpstreamHeader::Action::Remove)
            ho["value"] = jsonString(h.value);
        headers.push_back(std::move(ho));
    }
    o["headers"] = std::move(headers);
    o["verifyTls"] = u.verifyTls;
    json::object timeouts;
    timeouts["connectMs"] = u.connectTimeoutMs;
    timeouts["attemptMs"] = u.attemptTimeoutMs;
    timeouts["overallMs"] = u.overallTimeoutMs;
    o["timeouts"] = std::move(timeouts);
    json::object retry;
    retry["maxAttempts"] = u.maxAttempts;
    retry["baseDelayMs"] = u.retryBaseDelayMs;
    retry["maxDelayMs"] = u.retryMaxDelayMs;
    o["retry"] = std::move(retry);
    json::object breaker;
    breaker["consecutiveFailures"] = u.breakerFailures;
    breaker["failureRate"] = u.breakerFailureRate;
    breaker["minimumCalls"] = u.breakerMinimumCalls;
    breaker["windowMs"] = u.breakerWindowMs;
    breaker["openMs"] = u.breakerOpenMs;
    breaker["halfOpenProbes"] = u.breakerProbes;
    if (u.openResponse >= 0)
        breaker["openResponse"] = u.openResponse;
    o["breaker"] = std::move(breaker);
    json::object pool;
    pool["maxConnections"] = u.maxConnections;
    pool["idleTimeoutMs"] = u.idleTimeoutMs;
    o["pool"] = std::move(pool);
    o["maxResponseBytes"] = u.maxResponseBytes;
    if (u.feeMicros > 0)
        o["feeMicros"] = u.feeMicros;
    return o;
}

void readUpstream(Reader& r, const json::object& o, const std::string& p, Upstream* out)
{
    Upstream u;
    if (r.getString(o, "url", p, &u.url) && !u.url.empty()) {
        std::string error;
        if (!parseUpstreamUrl(u.url, &error))
            r.error(Reader::child(p, "url"), "\"url\": " + error);
    }
    r.getString(o, "stripPrefix", p, &u.stripPrefix);
    if (std::string problem = upstreamStripPrefixProblem(u.stripPrefix); !problem.empty())
        r.error(Reader::child(p, "stripPrefix"), std::move(problem));
    if (r.getString(o, "pathTemplate", p, &u.pathTemplate)) {
        if (std::string problem = upstreamPathTemplateProblem(u.pathTemplate); !problem.empty())
            r.error(Reader::child(p, "pathTemplate"), std::move(problem));
    }
    r.getBool(o, "passQuery", p, &u.passQuery);
    if (const json::array* headers = r.getArray(o, "headers", p)) {
        const std::string hp = Reader::child(p, "headers");
        for (std::size_t i = 0; i < headers->size(); ++i) {
            const std::string ip = Reader::child(hp, i);
            if (!(*headers)[i].is_object()) {
                r.error(ip, "each header change must be an object with \"action\" and \"name\"");
                continue;
            }
            const json::object& ho = (*headers)[i].get_object();
            UpstreamHeader h;
            std::string action;
            if (r.getString(ho, "action", ip, &action)) {
                if (action == "set")
                    h.action = UpstreamHeader::Action::Set;
                else if (action == "add")
                    h.action = UpstreamHeader::Action::Add;
                else if (action == "remove")
                    h.action = UpstreamHeader::Action::Remove;
                else
                    r.error(Reader::child(ip, "action"),
                        "unknown action " + jsonQuoted(action) + " (expected set, add or remove)");
            }
            r.getString(ho, "name", ip, &h.name);
            if (std::string problem = upstreamHeaderNameProblem(h.name); !problem.empty())
                r.error(Reader::child(ip, "name"), std::move(problem));
            r.getString(ho, "value", ip, &h.value);
            if (std::string problem = upstreamHeaderValueProblem(h.value); !problem.empty())
                r.error(Reader::child(ip, "value"), std::move(problem));
            if (r.getString(ho, "secretEnv", ip, &h.secretEnv) && !h.secretEnv.empty()) {
                if (std::string problem = upstreamSecretNameProblem(h.secretEnv); !problem.empty())
                    r.error(Reader::child(ip, "secretEnv"), std::move(problem));
                if (!h.value.empty())
                    r.error(Reader::child(ip, "value"),
                        "a header takes its value from \"value\" or \"secretEnv\", not both: "
                        "secrets are never written to the workspace");
            }
            u.headers.push_back(std::move(h));
        }
    }
    r.getBool(o, "verifyTls", p, &u.verifyTls);
    constexpr int kMaxMs = 3'600'000;
    if (const json::object* t = r.getObject(o, "timeouts", p)) {
        const std::string tp = Reader::child(p, "timeouts");
        r.readInt(*t, "connectMs", tp, 1, kMaxMs, &u.connectTimeoutMs);
        r.readInt(*t, "attemptMs", tp, 1, kMaxMs, &u.attemptTimeoutMs);
        r.readInt(*t, "overallMs", tp, 1, kMaxMs, &u.overallTimeoutMs);
    }
    if (const json::object* t = r.getObject(o, "retry", p)) {
        const std::string tp = Reader::child(p, "retry");
        r.readInt(*t, "maxAttempts", tp, 1, 10, &u.maxAttempts);
        r.readInt(*t, "baseDelayMs", tp, 0, kMaxMs, &u.retryBaseDelayMs);
        r.readInt(*t, "maxDelayMs", tp, 0, kMaxMs, &u.retryMaxDelayMs);
    }
    if (const json::object* t = r.getObject(o, "breaker", p)) {
        const std::string tp = Reader::child(p, "breaker");
        r.readInt(*t, "consecutiveFailures", tp, 0, 1'000'000, &u.breakerFailures);
        r.readDouble(*t, "failureRate", tp, 0.0, 1.0, &u.breakerFailureRate);
        r.readInt(*t, "minimumCalls", tp, 1, 1'000'000, &u.breakerMinimumCalls);
        r.readInt(*t, "windowMs", tp, 100, kMaxMs, &u.breakerWindowMs);
        r.readInt(*t, "openMs", tp, 1, kMaxMs, &u.breakerOpenMs);
        r.readInt(*t, "halfOpenProbes", tp, 1, 1000, &u.breakerProbes);
        r.readInt(*t, "openResponse", tp, 0, 1000, &u.openResponse);
    }
    if (const json::object* t = r.getObject(o, "pool", p)) {
        const std::string tp = Reader::child(p, "pool");
        r.readInt(*t, "maxConnections", tp, 1, 100'000, &u.maxConnections);
        r.readInt(*t, "idleTimeoutMs", tp, 1, kMaxMs, &u.idleTimeoutMs);
    }
    r.readInt(o, "maxResponseBytes", p, 1, 1LL << 40, &u.maxResponseBytes);
    r.readInt(o, "feeMicros", p, 0, 1'000'000'000'000LL, &u.feeMicros);
    *out = std::move(u);
}

} // namespace tollgate::server
