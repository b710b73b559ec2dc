#pragma once

// Small ASCII text helpers shared by the engine's modules: HTTP names and
// tokens are ASCII, so none of these look at the locale.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

char asciiLower(char c);
std::string lowerAscii(std::string_view s);
std::string upperAscii(std::string_view s);
/// ASCII case-insensitive equality (header names, schemes, "Bearer").
bool iequals(std::string_view a, std::string_view b);
/// s without leading and trailing spaces and tabs (HTTP's OWS).
std::string_view trimBlanks(std::string_view s);

/// 0..15 for a hex digit, -1 for anything else.
int hexValue(char c);
/// RFC 3986 percent-encoding: unreserved characters stay, every other byte
/// becomes %XX (upper-case hex).
std::string percentEncode(std::string_view s);
/// Percent-decodes (and with plusIsSpace turns '+' into ' '); nullopt for a
/// malformed escape.
std::optional<std::string> percentDecode(std::string_view in, bool plusIsSpace = false);

/// Base64 (RFC 4648, standard alphabet, padded).
std::string base64Encode(std::string_view bytes);
/// Only the spelling base64Encode produces is accepted (padding, no
/// whitespace, zero bits under the padding): a file edited by hand is either
/// exactly right or refused, never quietly read as something else.
bool base64Decode(std::string_view text, std::string* out);
/// Well-formed UTF-8: no overlong forms, surrogates or values past U+10FFFF.
bool isValidUtf8(std::string_view s);

using StringPairs = std::vector<std::pair<std::string, std::string>>;
/// Splits a raw query string (without '?') into decoded pairs, '+' as a
/// space. A malformed escape keeps its raw text.
StringPairs parseQuery(std::string_view rawQuery);

/// Calls visit(element) on each element of a comma-separated field value
/// (RFC 9110 5.6.1), blanks trimmed and empty elements skipped, until visit
/// returns true; returns whether it did.
template <typename Visit> bool anyListElement(std::string_view list, Visit&& visit)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto element = trimBlanks(list.substr(0, comma));
        if (!element.empty() && visit(element))
            return true;
        list = comma == std::string_view::npos ? std::string_view {} : list.substr(comma + 1);
    }
    return false;
}

/// RFC 9110 tchar (header names, methods).
bool isTokenChar(char c);
/// A non-empty run of tchar: a valid header name or method.
bool isToken(std::string_view s);

/// Sets *error when the caller asked for it.
void setError(std::string* error, std::string message);

} // namespace tollgate::server
