#include "server/http/requesttarget.h"

#include "server/common/text.h"

#include <algorithm>

namespace tollgate::server {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return hexValue(c) >= 0;
}

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '.'
        || c == '_' || c == '~';
}

bool isSubDelim(char c)
{
    return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

/// reg-name (and so IPv4address): unreserved / pct-encoded / sub-delims.
bool isRegName(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size() || !isHex(s[i + 1]) || !isHex(s[i + 2]))
                return false;
            i += 2;
        } else if (!isUnreserved(c) && !isSubDelim(c)) {
            return false;
        }
    }
    return true;
}

/// The inside of "[...]": an IPv6 address (hex, ':' and a dotted tail) or
/// an IPvFuture ("v1.x").
bool isIpLiteralBody(std::string_view s)
{
    if (s.empty())
        return false;
    if (s.front() == 'v' || s.front() == 'V') {
        const auto dot = s.find('.');
        if (dot == std::string_view::npos || dot == 1 || dot + 1 == s.size())
            return false;
        return std::all_of(s.begin() + 1, s.begin() + static_cast<std::ptrdiff_t>(dot), isHex)
            && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(dot) + 1, s.end(),
                [](char c) { return isUnreserved(c) || isSubDelim(c) || c == ':'; });
    }
    return std::all_of(s.begin(), s.end(), [](char c) { return isHex(c) || c == ':' || c == '.'; })
        && s.find(':') != std::string_view::npos;
}

bool isPort(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), isDigit);
}

/// uri-host [ ":" port ], without surrounding whitespace.
bool isHostAndPort(std::string_view s)
{
    if (!s.empty() && s.front() == '[') {
        const auto close = s.find(']');
        if (close == std::string_view::npos || !isIpLiteralBody(s.substr(1, close - 1)))
            return false;
        const auto rest = s.substr(close + 1);
        return rest.empty() || (rest.front() == ':' && isPort(rest.substr(1)));
    }
    const auto colon = s.find(':');
    if (colon == std::string_view::npos)
        return isRegName(s);
    return isRegName(s.substr(0, colon)) && isPort(s.substr(colon + 1));
}

/// Characters a path or query may hold (RFC 3986 pchar, '/' and '?').
bool isPathChar(char c)
{
    return isUnreserved(c) || isSubDelim(c) || c == '%' || c == ':' || c == '@' || c == '/'
        || c == '?';
}

} // namespace

bool isValidHostField(std::string_view value)
{
    value = trimBlanks(value);
    return value.empty() || isHostAndPort(value);
}

TargetForm classifyTarget(std::string_view target)
{
    TargetForm form;
    if (target.find('#') != std::string_view::npos) {
        form.error = "A request target must not carry a fragment (#).";
        return form;
    }
    if (!target.empty() && target.front() == '/') {
        // Beast lets bytes above 0x7f through; they are no URI characters.
        if (std::any_of(target.begin(), target.end(), [](char c) { return (c & 0x80) != 0; })) {
            form.error = "The request target holds bytes that are not URI characters.";
            return form;
        }
        form.kind = TargetForm::Origin;
        return form;
    }
    if (target == "*") {
        form.kind = TargetForm::Asterisk;
        return form;
    }
    const auto schemeEnd = target.find("://");
    if (schemeEnd != std::string_view::npos) {
        const auto scheme = target.substr(0, schemeEnd);
        if (!iequals(scheme, "http") && !iequals(scheme, "https")) {
            form.error = "Only http and https absolute targets are served.";
            return form;
        }
        const auto rest = target.substr(schemeEnd + 3);
        const auto authorityEnd = rest.find_first_of("/?");
        const auto authority = rest.substr(0, authorityEnd);
        if (authority.find('@') != std::string_view::npos) {
            form.error = "A request target must not carry user information (user@host).";
            return form;
        }
        if (authority.empty() || authority.front() == ':' || !isHostAndPort(authority)) {
            form.error = "The request target's host is missing or malformed.";
            return form;
        }
        auto pathAndQuery = authorityEnd == std::string_view::npos ? std::string_view {}
                                                                   : rest.substr(authorityEnd);
        if (!std::all_of(pathAndQuery.begin(), pathAndQuery.end(), isPathChar)) {
            form.error = "The request target's path is malformed.";
            return form;
        }
        form.kind = TargetForm::Absolute;
        form.authority.assign(authority);
        if (pathAndQuery.empty() || pathAndQuery.front() == '?')
            form.originTarget = "/";
        form.originTarget.append(pathAndQuery);
        return form;
    }
    if (isHostAndPort(target) && target.find(':') != std::string_view::npos) {
        form.kind = TargetForm::Authority;
        return form;
    }
    form.error = "The request target must be a path, an absolute http URI, or * for OPTIONS.";
    return form;
}

} // namespace tollgate::server
