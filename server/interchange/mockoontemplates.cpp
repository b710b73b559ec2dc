// Mockoon's Handlebars templates rewritten into Tollgate's mustache: helpers
// with an exact equivalent are rewritten, the rest stay as written and are
// listed (see mockoonimport.cpp for what the importer then does with them).

#include "server/interchange/mockoontemplates.h"

#include "server/common/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace tollgate::server {

/// A name mustache resolves as written: no spaces, braces or other
/// characters kainjow would read differently. Dots separate levels only
/// where `dots` allows them.
bool isPlainMustacheName(std::string_view name, bool dots)
{
    if (name.empty() || name.front() == '.' || name.back() == '.'
        || name.find("..") != std::string_view::npos)
        return false;
    return std::all_of(name.begin(), name.end(), [dots](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '-' || (dots && c == '.');
    });
}

namespace {

/// One argument of a Handlebars expression.
struct Argument {
    enum class Kind { String, Number, Other } kind = Kind::Other;
    std::string text;
};

/// Splits "queryParam 'q' 10" into its words; false for anything this
/// rewriter does not read (sub-expressions, hash arguments, unterminated
/// strings).
bool splitExpression(std::string_view expression, std::string* helper, std::vector<Argument>* args)
{
    std::size_t i = 0;
    const auto skipSpaces = [&] {
        while (i < expression.size() && std::isspace(static_cast<unsigned char>(expression[i])))
            ++i;
    };
    skipSpaces();
    const std::size_t nameStart = i;
    while (i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i])))
        ++i;
    *helper = std::string(expression.substr(nameStart, i - nameStart));
    for (;;) {
        skipSpaces();
        if (i >= expression.size())
            return true;
        const char c = expression[i];
        Argument arg;
        if (c == '\'' || c == '"') {
            const std::size_t close = expression.find(c, i + 1);
            if (close == std::string_view::npos)
                return false;
            arg.kind = Argument::Kind::String;
            arg.text = std::string(expression.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            const std::size_t start = i;
            while (
                i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i])))
                ++i;
            arg.text = std::string(expression.substr(start, i - start));
            if (arg.text.find_first_of("()=") != std::string::npos)
                return false;
            const bool number = std::all_of(arg.text.begin(), arg.text.end(),
                [](char d) { return (d >= '0' && d <= '9') || d == '-' || d == '.'; });
            arg.kind = number ? Argument::Kind::Number : Argument::Kind::Other;
        }
        args->push_back(std::move(arg));
    }
}


/// Text fit to sit inside a template as literal text.
bool isPlainDefault(std::string_view text)
{
    return text.find("{{") == std::string_view::npos && text.find("}}") == std::string_view::npos;
}


/// The Tollgate expression for one Mockoon expression, or nullopt.
/// `raw` is true for {{{ }}}, which neither side escapes.
std::optional<std::string> rewriteExpression(
    std::string_view expression, bool raw, TemplateRewrite* rewrite)
{
    std::string helper;
    std::vector<Argument> args;
    if (!splitExpression(expression, &helper, &args))
        return std::nullopt;
    const auto allStrings = [&](std::size_t from) {
        return std::all_of(args.begin() + static_cast<std::ptrdiff_t>(from), args.end(),
            [](const Argument& a) { return a.kind == Argument::Kind::String; });
    };
    const auto tag = [raw](const std::string& name) {
        return raw ? "{{{" + name + "}}}" : "{{" + name + "}}";
    };
    // A value with a fallback: the section renders when the name resolves
    // (any string, even empty, as lodash's get() in Mockoon only falls back
    // for undefined), the inverted section when it does not.
    // The second argument, when there is one, is the fallback.
    const auto withDefault = [&](const std::string& name) -> std::optional<std::string> {
        if (args.size() < 2 || args[1].text.empty())
            return tag(name);
        if (!isPlainDefault(args[1].text))
            return std::nullopt;
        return "{{#" + name + "}}" + (raw ? std::string("{{{.}}}") : std::string("{{.}}")) + "{{/"
            + name + "}}{{^" + name + "}}" + args[1].text + "{{/" + name + "}}";
    };

    if (helper == "urlParam" && args.size() == 1 && allStrings(0)
        && isPlainMustacheName(args[0].text, false))
        return tag("request.params." + args[0].text);
    if ((helper == "queryParam" || helper == "queryParamRaw") && !args.empty() && args.size() <= 2
        && allStrings(0) && isPlainMustacheName(args[0].text, false))
        return withDefault("request.query." + args[0].text);
    if (helper == "header" && !args.empty() && args.size() <= 2 && allStrings(0)
        && isPlainMustacheName(args[0].text, false))
        return withDefault("request.headers." + lowerAscii(args[0].text));
    if ((helper == "body" || helper == "bodyRaw") && args.size() <= 2 && allStrings(0)) {
        if (args.empty() || args[0].text.empty())
            return args.size() == 2 ? std::nullopt
                                    : std::optional<std::string>(tag("request.body"));
        if (!isPlainMustacheName(args[0].text, true))
            return std::nullopt; // JSONPath ("$.a[0]") or names mustache cannot hold
        if (args.size() == 2 && !args[1].text.empty())
            rewrite->bodyDefault = true;
        return withDefault("request.json." + args[0].text);
    }
    if (helper == "method" && args.empty())
        return tag("request.method");
    if ((helper == "guid" || helper == "uuid") && args.empty())
        return tag("uuid");
    if (helper == "faker" && args.size() == 1 && allStrings(0)
        && (args[0].text == "string.uuid" || args[0].text == "datatype.uuid"))
        return tag("uuid");
    if (helper == "now" && args.empty()) {
        rewrite->usesNow = true;
        return tag("now");
    }
    if (helper == "int" && args.size() == 2 && args[0].kind == Argument::Kind::Number
        && args[1].kind == Argument::Kind::Number && args[0].text.find('.') == std::string::npos
        && args[1].text.find('.') == std::string::npos)
        return "{{#randomInt}}" + args[0].text + ' ' + args[1].text + "{{/randomInt}}";
    return std::nullopt;
}

/// How a helper is named in notes: faker with the method it calls, as the
/// faker family has hundreds.
std::string helperName(std::string_view expression)
{
    std::string helper;
    std::vector<Argument> args;
    splitExpression(expression, &helper, &args);
    while (!helper.empty()
        && (helper.front() == '#' || helper.front() == '/' || helper.front() == '^'
            || helper.front() == '>' || helper.front() == '~' || helper.front() == '&'))
        helper.erase(helper.begin());
    if (helper == "faker" && !args.empty())
        return "faker '" + args[0].text + "'";
    return helper.empty() ? std::string(trimBlanks(expression)) : helper;
}

} // namespace

TemplateRewrite rewriteMockoonTemplate(std::string_view text)
{
    TemplateRewrite out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find("{{", at);
        if (open == std::string_view::npos) {
            out.text += text.substr(at);
            break;
        }
        out.text += text.substr(at, open - at);
        const bool raw = text.substr(open, 3) == "{{{";
        const std::string_view closing = raw ? "}}}" : "}}";
        const std::size_t close = text.find(closing, open + closing.size());
        if (close == std::string_view::npos) {
            out.text += text.substr(open);
            break;
        }
        const std::string_view whole = text.substr(open, close + closing.size() - open);
        const std::string_view expression
            = text.substr(open + closing.size(), close - open - closing.size());
        at = close + closing.size();
        const std::string_view trimmed = trimBlanks(expression);
        if (!raw && trimmed.starts_with('!')) {
            out.text += whole; // a comment in both languages
            continue;
        }
        if (std::optional<std::string> rewritten = rewriteExpression(trimmed, raw, &out)) {
            out.text += *rewritten;
            continue;
        }
        out.text += whole;
        std::string name = helperName(trimmed);
        if (!trimmed.starts_with('/')
            && std::find(out.unsupported.begin(), out.unsupported.end(), name)
                == out.unsupported.end())
            out.unsupported.push_back(std::move(name));
    }
    return out;
}

} // namespace tollgate::server
