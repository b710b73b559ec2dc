#include "server/composer/requestchecks.h"

#include "server/composer/composerjson.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <regex>
#include <utility>

namespace tollgate::server {

namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;
using jsonfile::Reader;

namespace {

using Subject = Assertion::Subject;
using Op = Assertion::Op;
using Source = Capture::Source;

constexpr std::array kSubjects
    = { std::pair { Subject::Status, "status" }, std::pair { Subject::Header, "header" },
          std::pair { Subject::Json, "json" }, std::pair { Subject::Body, "body" },
          std::pair { Subject::Schema, "schema" }, std::pair { Subject::Latency, "latency" } };

constexpr std::array kOps = { std::pair { Op::Equals, "equals" },
    std::pair { Op::NotEquals, "notEquals" }, std::pair { Op::Contains, "contains" },
    std::pair { Op::Matches, "matches" }, std::pair { Op::Exists, "exists" },
    std::pair { Op::Absent, "absent" }, std::pair { Op::Type, "type" },
    std::pair { Op::Less, "lessThan" }, std::pair { Op::LessOrEqual, "atMost" },
    std::pair { Op::Greater, "greaterThan" }, std::pair { Op::GreaterOrEqual, "atLeast" } };

constexpr std::array kSources
    = { std::pair { Source::Json, "json" }, std::pair { Source::Header, "header" },
          std::pair { Source::Status, "status" }, std::pair { Source::Body, "body" } };

template <typename E, std::size_t N>
const char* wordOf(const std::array<std::pair<E, const char*>, N>& table, E value)
{
    for (const auto& [e, word] : table)
        if (e == value)
            return word;
    return table.front().second;
}

template <typename E, std::size_t N>
bool valueOf(const std::array<std::pair<E, const char*>, N>& table, std::string_view word, E* out)
{
    for (const auto& [e, w] : table)
        if (word == w) {
            *out = e;
            return true;
        }
    return false;
}

template <typename E, std::size_t N>
std::string wordList(const std::array<std::pair<E, const char*>, N>& table)
{
    std::string list;
    for (std::size_t i = 0; i < N; ++i)
        list += std::string(i == 0 ? "" : i + 1 == N ? " or " : ", ") + table[i].second;
    return list;
}

bool isJsonPointer(std::string_view p)
{
    if (p.empty())
        return true;
    if (p.front() != '/')
        return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] == '~' && (i + 1 == p.size() || (p[i + 1] != '0' && p[i + 1] != '1')))
            return false;
    return true;
}

bool holdsVariable(std::string_view s)
{
    return s.find("{{") != std::string_view::npos;
}

bool isNumber(std::string_view s)
{
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool isOrdering(Op op)
{
    return op == Op::Less || op == Op::LessOrEqual || op == Op::Greater || op == Op::GreaterOrEqual;
}

constexpr std::array kTypes
    = { "string", "number", "integer", "boolean", "object", "array", "null" };

} // namespace

const char* toString(Assertion::Subject subject)
{
    return wordOf(kSubjects, subject);
}
const char* toString(Assertion::Op op)
{
    return wordOf(kOps, op);
}
const char* toString(Capture::Source source)
{
    return wordOf(kSources, source);
}
bool fromString(std::string_view word, Assertion::Subject* out)
{
    return valueOf(kSubjects, word, out);
}
bool fromString(std::string_view word, Assertion::Op* out)
{
    return valueOf(kOps, word, out);
}
bool fromString(std::string_view word, Capture::Source* out)
{
    return valueOf(kSources, word, out);
}

std::vector<Assertion::Op> operatorsFor(Assertion::Subject subject)
{
    switch (subject) {
    case Subject::Status:
        return { Op::Equals, Op::NotEquals, Op::Less, Op::LessOrEqual, Op::Greater,
            Op::GreaterOrEqual, Op::Matches };
    case Subject::Header:
        return { Op::Equals, Op::NotEquals, Op::Contains, Op::Matches, Op::Exists, Op::Absent };
    case Subject::Json:
        return { Op::Equals, Op::NotEquals, Op::Exists, Op::Absent, Op::Type, Op::Contains,
            Op::Matches, Op::Less, Op::LessOrEqual, Op::Greater, Op::GreaterOrEqual };
    case Subject::Body:
        return { Op::Contains, Op::Equals, Op::NotEquals, Op::Matches };
    case Subject::Schema:
        return { Op::Matches };
    case Subject::Latency:
        return { Op::Less, Op::LessOrEqual };
    }
    return { Op::Equals };
}

bool takesValue(Assertion::Op op)
{
    return op != Op::Exists && op != Op::Absent;
}
bool takesPath(Assertion::Subject subject)
{
    return subject == Subject::Header || subject == Subject::Json;
}
bool takesPath(Capture::Source source)
{
    return source == Source::Header || source == Source::Json;
}

std::string assertionProblem(const Assertion& a)
{
    const std::vector<Op> ops = operatorsFor(a.subject);
    if (std::find(ops.begin(), ops.end(), a.op) == ops.end())
        return std::string("\"") + toString(a.op) + "\" does not apply to the "
            + toString(a.subject);
    if (a.subject == Subject::Header && a.path.empty())
        return "name the header to check";
    if (a.subject == Subject::Json && !holdsVariable(a.path) && !isJsonPointer(a.path))
        return jsonQuoted(a.path) + " is not a JSON pointer (e.g. \"/id\" or \"/items/0/name\")";
    if (holdsVariable(a.value) || !takesValue(a.op))
        return {};
    if (a.op == Op::Matches && a.subject != Subject::Schema) {
        try {
            std::regex re(a.value, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            return "the pattern " + jsonQuoted(a.value) + " does not compile: " + e.what();
        }
    }
    if (a.op == Op::Type && std::find(kTypes.begin(), kTypes.end(), a.value) == kTypes.end())
        return "the type must be string, number, integer, boolean, object, array or null";
    if ((isOrdering(a.op) || a.subject == Subject::Latency) && !isNumber(a.value))
        return jsonQuoted(a.value) + " is not a number";
    if (a.subject == Subject::Status && a.op != Op::Matches && !isNumber(a.value))
        return jsonQuoted(a.value) + " is not a status code";
    if (a.subject == Subject::Schema && !a.value.empty()) {
        boost::system::error_code ec;
        const json::value schema = json::parse(a.value, ec);
        if (ec || !(schema.is_object() || schema.is_bool()))
            return "the schema must be a JSON object";
    }
    return {};
}

std::string captureProblem(const Capture& c)
{
    if (c.variable.empty())
        return "the capture needs a variable name";
    for (char ch : c.variable)
        if (ch == '{' || ch == '}' || static_cast<unsigned char>(ch) < 0x20)
            return "the variable name " + jsonQuoted(c.variable)
                + " must not hold braces or control characters";
    if (c.source == Source::Header && c.path.empty())
        return "name the header to capture";
    if (c.source == Source::Json && !isJsonPointer(c.path))
        return jsonQuoted(c.path) + " is not a JSON pointer (e.g. \"/id\" or \"/token\")";
    return {};
}

std::string describe(const Assertion& a)
{
    std::string text = toString(a.subject);
    if (takesPath(a.subject))
        text += ' '
            + (a.path.empty() && a.subject == Subject::Json ? std::string("(body)") : a.path);
    if (a.subject == Subject::Schema)
        return a.value.empty() ? "body matches the route's schema" : "body matches the schema";
    static constexpr std::array kPhrases = { "equals", "does not equal", "contains", "matches",
        "exists", "is absent", "is", "below", "at most", "above", "at least" };
    text += ' ';
    text += kPhrases[static_cast<std::size_t>(a.op)];
    if (takesValue(a.op))
        text += ' ' + a.value;
    if (a.subject == Subject::Latency)
        text += " ms";
    return text;
}

std::string describe(const Capture& c)
{
    std::string text = c.variable + " = " + toString(c.source);
    if (takesPath(c.source))
        text += ' ' + c.path;
    return text;
}

json::object writeRequestChecks(const RequestChecks& checks)
{
    json::array assertions;
    for (const Assertion& a : checks.assertions) {
        json::object o;
        o["subject"] = toString(a.subject);
        if (takesPath(a.subject))
            o["path"] = jsonString(a.path);
        o["op"] = toString(a.op);
        if (takesValue(a.op))
            o["value"] = jsonString(a.value);
        if (!a.enabled)
            o["enabled"] = false;
        assertions.push_back(std::move(o));
    }
    json::array captures;
    for (const Capture& c : checks.captures) {
        json::object o;
        o["variable"] = jsonString(c.variable);
        o["source"] = toString(c.source);
        if (takesPath(c.source))
            o["path"] = jsonString(c.path);
        if (!c.enabled)
            o["enabled"] = false;
        captures.push_back(std::move(o));
    }
    json::object tests;
    tests["assertions"] = std::move(assertions);
    tests["captures"] = std::move(captures);
    return tests;
}

void readRequestChecks(
    Reader& r, const json::object& o, const std::string& pointer, RequestChecks* out)
{
    out->assertions.clear();
    out->captures.clear();
    std::string word;
    if (const json::array* list = r.getArray(o, "assertions", pointer)) {
        const std::string lp = Reader::child(pointer, "assertions");
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string ip = Reader::child(lp, i);
            if (!(*list)[i].is_object()) {
                r.error(ip, "each assertion must be an object with \"subject\" and \"op\"");
                continue;
            }
            const json::object& ao = (*list)[i].get_object();
            Assertion a;
            if (r.getString(ao, "subject", ip, &word) && !fromString(word, &a.subject))
                r.error(Reader::child(ip, "subject"),
                    "unknown subject " + jsonQuoted(word) + " (expected " + wordList(kSubjects)
                        + ")");
            a.op = operatorsFor(a.subject).front();
            if (r.getString(ao, "op", ip, &word) && !fromString(word, &a.op))
                r.error(Reader::child(ip, "op"),
                    "unknown op " + jsonQuoted(word) + " (expected " + wordList(kOps) + ")");
            r.getString(ao, "path", ip, &a.path);
            r.getString(ao, "value", ip, &a.value);
            r.getBool(ao, "enabled", ip, &a.enabled);
            if (const std::string problem = assertionProblem(a); !problem.empty())
                r.error(ip, problem);
            out->assertions.push_back(std::move(a));
        }
    }
    if (const json::array* list = r.getArray(o, "captures", pointer)) {
        const std::string lp = Reader::child(pointer, "captures");
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string ip = Reader::child(lp, i);
            if (!(*list)[i].is_object()) {
                r.error(ip, "each capture must be an object with \"variable\" and \"source\"");
                continue;
            }
            const json::object& co = (*list)[i].get_object();
            Capture c;
            r.getString(co, "variable", ip, &c.variable);
            if (r.getString(co, "source", ip, &word) && !fromString(word, &c.source))
                r.error(Reader::child(ip, "source"),
                    "unknown source " + jsonQuoted(word) + " (expected " + wordList(kSources)
                        + ")");
            r.getString(co, "path", ip, &c.path);
            r.getBool(co, "enabled", ip, &c.enabled);
            if (const std::string problem = captureProblem(c); !problem.empty())
                r.error(ip, problem);
            out->captures.push_back(std::move(c));
        }
    }
}

} // namespace tollgate::server
