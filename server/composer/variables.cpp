#include "server/composer/variables.h"
#include "server/common/text.h"

#include <algorithm>

namespace tollgate::server {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-' || c == '.';
}

void expandInPlace(
    std::string* text, const VariableLookup& lookup, std::vector<std::string>* unknown)
{
    // Cheap for the common case: most fields have no variables at all.
    if (text->find("{{") == std::string::npos)
        return;
    *text = expandVariables(*text, lookup, unknown);
}

} // namespace

std::string expandVariables(
    std::string_view text, const VariableLookup& lookup, std::vector<std::string>* unknown)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("{{", i);
        if (open == std::string_view::npos)
            break;
        const std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos)
            break; // "{{" without a closing pair is plain text
        const std::string_view name = trimBlanks(text.substr(open + 2, close - open - 2));
        if (name.empty() || !std::all_of(name.begin(), name.end(), isNameChar)) {
            // Not a variable ("{{#each}}", JSON like "{{}}" or "{{ {{a}}"):
            // keep one brace and look again from the next character, so a
            // variable right after it ("{{{a}}}") is still found.
            out.append(text.substr(i, open + 1 - i));
            i = open + 1;
            continue;
        }
        out.append(text.substr(i, open - i));
        if (std::optional<std::string> value = lookup ? lookup(name) : std::nullopt) {
            out += *value;
        } else {
            out.append(text.substr(open, close + 2 - open));
            if (unknown && std::find(unknown->begin(), unknown->end(), name) == unknown->end())
                unknown->emplace_back(name);
        }
        i = close + 2;
    }
    out.append(text.substr(i));
    return out;
}

ComposerRequest expandRequest(
    const ComposerRequest& request, const VariableLookup& lookup, std::vector<std::string>* unknown)
{
    ComposerRequest r = request;
    expandInPlace(&r.url, lookup, unknown);
    for (Header& h : r.headers) {
        expandInPlace(&h.name, lookup, unknown);
        expandInPlace(&h.value, lookup, unknown);
    }
    expandInPlace(&r.body, lookup, unknown);
    for (auto& [name, value] : r.formFields) {
        expandInPlace(&name, lookup, unknown);
        expandInPlace(&value, lookup, unknown);
    }
    expandInPlace(&r.bodyFile, lookup, unknown);
    expandInPlace(&r.token, lookup, unknown);
    expandInPlace(&r.apiKeyHeader, lookup, unknown);
    expandInPlace(&r.basicUser, lookup, unknown);
    expandInPlace(&r.basicPassword, lookup, unknown);
    return r;
}

VariableLookup environmentLookup(
    const Environment& environment, std::vector<std::pair<std::string, std::string>> builtins)
{
    return [variables = environment.variables, builtins = std::move(builtins)](
               std::string_view name) -> std::optional<std::string> {
        // The environment wins: a user who sets baseUrl means it.
        for (const auto* list : { &variables, &builtins }) {
            for (const auto& [n, v] : *list) {
                if (n == name)
                    return v;
            }
        }
        return std::nullopt;
    };
}

} // namespace tollgate::server
