#include "server/load/loadgen.h"
#include "server/load/thresholds.h"

#include "server/common/text.h"
#include "server/routing/templating.h"
#include "server/tls/tlscontext.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tollgate::server {

bool parseLoadUrl(const std::string& url, LoadUrl* out, std::string* error)
{
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    if (url.empty())
        return fail("The target URL is empty: give one like http://127.0.0.1:8080.");
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed)
        return fail("\"" + url + "\" is not a URL: give one like http://127.0.0.1:8080/api.");
    const auto& u = *parsed;
    const std::string scheme = lowerAscii(u.scheme());
    if (scheme != "http" && scheme != "https" && scheme != "ws" && scheme != "wss")
        return fail("\"" + scheme
            + "\" URLs cannot be load-tested: use http://, https://, ws:// or wss://.");
    if (!u.has_authority() || u.encoded_host().empty())
        return fail("\"" + url + "\" names no host: give one like http://127.0.0.1:8080.");
    if (u.has_userinfo())
        return fail("User names and passwords in the URL are not sent: remove them and put "
                    "credentials in a header.");
    LoadUrl r;
    r.tls = scheme == "https" || scheme == "wss";
    r.webSocket = scheme == "ws" || scheme == "wss";
    r.port = r.tls ? 443 : 80;
    if (u.host_type() == boost::urls::host_type::ipv6)
        r.host = std::string(u.host_address());
    else
        r.host = std::string(u.encoded_host());
    if (u.has_port()) {
        const auto port = u.port();
        unsigned long n = 0;
        try {
            n = std::stoul(std::string(port));
        } catch (...) {
            n = 0;
        }
        if (port.empty() || n == 0 || n > 65535)
            return fail("\"" + std::string(port) + "\" is not a port: use 1 to 65535.");
        r.port = static_cast<std::uint16_t>(n);
    }
    r.prefix = std::string(u.encoded_path());
    while (!r.prefix.empty() && r.prefix.back() == '/')
        r.prefix.pop_back();
    if (u.has_query())
        r.query = "?" + std::string(u.encoded_query());
    const std::string host = std::string(u.encoded_host_and_port());
    const bool defaultPort = r.port == (r.tls ? 443 : 80);
    r.hostHeader = defaultPort ? std::string(u.encoded_host_address()) : host;
    if (u.host_type() == boost::urls::host_type::ipv6 && defaultPort)
        r.hostHeader = "[" + r.host + "]";
    *out = std::move(r);
    return true;
}

namespace {

/// The {name} parameters of a path, in order.
std::vector<std::string> pathParams(const std::string& path)
{
    std::vector<std::string> names;
    for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
        if (i + 1 < path.size() && path[i + 1] == '{') { // a template tag, not a parameter
            const auto end = path.find("}}", i);
            if (end == std::string::npos)
                break;
            i = end + 1;
            continue;
        }
        const auto end = path.find('}', i);
        if (end == std::string::npos)
            break;
        names.push_back(path.substr(i + 1, end - i - 1));
        i = end;
    }
    return names;
}

/// What only a WebSocket run may have, and what it may not.
void checkWebSocket(const LoadSettings& s, std::vector<std::string>* problems)
{
    const bool message = !s.wsMessage.empty() || s.wsIntervalMs != 0;
    if (!s.webSocket()) {
        if (message)
            problems->push_back("A message to send is for WebSocket runs: use a ws:// or wss:// "
                                "URL, or leave the message and its interval empty.");
        return;
    }
    // Sessions are held, not answered: a rate of requests or a count of them
    // means nothing for them.
    if (s.model == LoadModel::Open)
        problems->push_back("WebSocket runs hold each connection's session: use the closed "
                            "model, and a message interval for a steady pace.");
    if (s.requestCount > 0)
        problems->push_back("WebSocket runs last a duration: give one instead of a request count.");
    if (s.stream)
        problems->push_back("WebSocket sessions are not Server-Sent Events: turn streams off for "
                            "a ws:// URL.");
    for (std::size_t i = 0; i < s.mix.size(); ++i) {
        const auto& t = s.mix[i];
        const std::string where = "Route " + std::to_string(i + 1) + " (" + t.label() + "): ";
        if (t.method != "GET")
            problems->push_back(
                where + "a WebSocket session opens with GET, not " + t.method + ".");
        if (!t.body.empty())
            problems->push_back(
                where + "a WebSocket handshake has no body: send a message instead.");
    }
    if (!(s.wsIntervalMs >= 0 && s.wsIntervalMs <= 3'600'000)
        || (s.wsIntervalMs > 0 && s.wsIntervalMs < 1))
        problems->push_back("The message interval must be 0 (send once) or 1 ms to an hour.");
    if (s.wsIntervalMs > 0 && s.wsMessage.empty()) {
        char interval[32];
        std::snprintf(interval, sizeof interval, "%g", s.wsIntervalMs);
        problems->push_back("Give the message to send every " + std::string(interval) + " ms.");
    }
    Template tpl;
    std::string why;
    if (!tpl.compile(s.wsMessage, 1, &why))
        problems->push_back("The message template: " + why);
}

} // namespace

std::vector<std::string> validateLoadSettings(const LoadSettings& s)
{
    std::vector<std::string> problems;
    LoadUrl url;
    std::string error;
    if (!parseLoadUrl(s.url, &url, &error))
        problems.push_back(error);
    if (s.connections < 1 || s.connections > 100000)
        problems.push_back("Connections must be between 1 and 100000.");
    if (s.threads < 1 || s.threads > 256)
        problems.push_back("Threads must be between 1 and 256.");
    if (s.model == LoadModel::Open && !(s.rate > 0 && s.rate <= 10e6))
        problems.push_back("The open model needs a rate above 0 requests/s (at most 10 million).");
    if (s.requestCount == 0 && !(s.durationSeconds > 0 && s.durationSeconds <= 7 * 86400))
        problems.push_back("Give a duration above 0 s (at most a week) or a request count.");
    if (!(s.warmupSeconds >= 0 && s.warmupSeconds <= 86400))
        problems.push_back("Warm-up must be between 0 and 86400 s.");
    if (!(s.rampUpSeconds >= 0 && s.rampUpSeconds <= 86400))
        problems.push_back("Ramp-up must be between 0 and 86400 s.");
    if (!(s.timeoutSeconds > 0 && s.timeoutSeconds <= 3600))
        problems.push_back("The timeout must be above 0 s and at most an hour.");
    if (s.keyHeader.empty())
        problems.push_back("Name the header the key goes in (Authorization or X-API-Key).");
    double mixWeight = 0;
    for (std::size_t i = 0; i < s.mix.size(); ++i) {
        const auto& t = s.mix[i];
        const std::string where = "Route " + std::to_string(i + 1) + " (" + t.label() + "): ";
        if (!(t.weight >= 0) || !std::isfinite(t.weight))
            problems.push_back(where + "the weight must be a number of 0 or more.");
        else
            mixWeight += t.weight;
        if (t.method.empty() || !std::all_of(t.method.begin(), t.method.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c));
            }))
            problems.push_back(where + "the method must be upper-case letters like GET.");
        if (!t.path.empty() && t.path.front() != '/')
            problems.push_back(
                where + "the path must start with '/' (or be empty for the URL itself).");
        for (const auto& name : pathParams(t.path)) {
            const bool given = std::any_of(
                t.params.begin(), t.params.end(), [&](const auto& p) { return p.first == name; });
            if (!given)
                problems.push_back(where + "the path parameter {" + name + "} has no value.");
        }
        auto check = [&](const std::string& text, const std::string& what) {
            Template tpl;
            std::string why;
            if (!tpl.compile(text, 1, &why))
                problems.push_back(where + what + ": " + why);
        };
        check(t.path, "the path template");
        for (const auto& [name, value] : t.params)
            check(value, "parameter " + name);
        for (const auto& [name, value] : t.headers) {
            if (name.empty() || name.find_first_of(" :\r\n") != std::string::npos)
                problems.push_back(where + "\"" + name + "\" is not a header name.");
            check(value, "header " + name);
        }
        check(t.body, "the body template");
    }
    if (!s.mix.empty() && mixWeight <= 0)
        problems.push_back("At least one route of the mix needs a weight above 0.");
    double keyWeight = 0;
    for (const auto& k : s.keys) {
        if (!(k.weight >= 0) || !std::isfinite(k.weight))
            problems.push_back("Key " + k.id + ": the weight must be a number of 0 or more.");
        else
            keyWeight += k.weight;
        if (k.secret.find_first_of("\r\n") != std::string::npos)
            problems.push_back("Key " + k.id + " contains a line break.");
    }
    if (!s.keys.empty() && keyWeight <= 0)
        problems.push_back("At least one key of the pool needs a weight above 0.");
    checkWebSocket(s, &problems);
    if (!s.caPem.empty()) {
        std::string why;
        if (!makeClientTlsContext(s.caPem, &why))
            problems.push_back("The CA certificates to trust: " + why);
    }
    for (auto& p : thresholdProblems(s))
        problems.push_back(std::move(p));
    return problems;
}

} // namespace tollgate::server
