#include "server/workspace/upstreamurl.h"

#include "server/common/text.h"
#include "server/upstream/ssrfguard.h"

#include <algorithm>
#include <charconv>

namespace tollgate::server {

namespace {

bool isHostChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_';
}

} // namespace

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
    std::string_view path
        = slash == std::string_view::npos ? std::string_view {} : rest.substr(slash);
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
        if (host.empty()
            || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
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

std::string upstreamAllowlistProblem(std::string_view range)
{
    std::string error;
    if (!AddressRange::parse(range, &error))
        return error.empty() ? std::string("not an address range") : error;
    return {};
}

} // namespace tollgate::server
