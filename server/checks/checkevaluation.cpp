#include "server/checks/checkevaluation.h"

#include "server/common/text.h"
#include "server/routing/jsonschema.h"
#include "server/routing/requestcontext.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <regex>

namespace tollgate::server {

namespace json = boost::json;

namespace {

using Subject = Assertion::Subject;
using Op = Assertion::Op;

constexpr std::size_t kShownChars = 200;

std::string shortened(std::string text)
{
    if (text.size() > kShownChars) {
        text.resize(kShownChars);
        text += "…";
    }
    return text;
}

std::optional<double> toNumber(std::string_view s)
{
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return d;
}

std::optional<double> numberOf(const json::value& v)
{
    if (v.is_int64())
        return double(v.get_int64());
    if (v.is_uint64())
        return double(v.get_uint64());
    if (v.is_double())
        return v.get_double();
    return std::nullopt;
}

const char* typeOf(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
        return "integer";
    case json::kind::double_: {
        const double d = v.get_double();
        return std::isfinite(d) && d == std::floor(d) ? "integer" : "number";
    }
    case json::kind::string:
        return "string";
    case json::kind::array:
        return "array";
    case json::kind::object:
        return "object";
    }
    return "null";
}

/// A value as people read it: strings quoted, numbers plainly (2.5, not 2.5E0).
std::string shown(const json::value& v)
{
    return v.is_number() ? jsonText(v) : json::serialize(v);
}

/// JSON values are equal; numbers by value (1 and 1.0 agree).
bool sameJson(const json::value& a, const json::value& b)
{
    // Integers exactly (64-bit ids differ past 2^53), other numbers by value.
    const bool ia = a.is_int64() || a.is_uint64(), ib = b.is_int64() || b.is_uint64();
    if (ia && ib) {
        if (a.is_int64() && b.is_int64())
            return a.get_int64() == b.get_int64();
        if (a.is_uint64() && b.is_uint64())
            return a.get_uint64() == b.get_uint64();
        const std::int64_t s = a.is_int64() ? a.get_int64() : b.get_int64();
        const std::uint64_t u = a.is_uint64() ? a.get_uint64() : b.get_uint64();
        return s >= 0 && std::uint64_t(s) == u;
    }
    const auto na = numberOf(a), nb = numberOf(b);
    if (na && nb)
        return *na == *nb;
    if (a.kind() != b.kind()) {
        return false;
    }
    if (a.is_array()) {
        const json::array &x = a.get_array(), &y = b.get_array();
        return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), sameJson);
    }
    if (a.is_object()) {
        const json::object &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size())
            return false;
        for (const auto& member : x) {
            const json::value* other = y.if_contains(member.key());
            if (!other || !sameJson(member.value(), *other))
                return false;
        }
        return true;
    }
    return a == b;
}

/// `expected` as JSON when it parses, else as a JSON string.
json::value expectedJson(const std::string& expected)
{
    boost::system::error_code ec;
    json::value v = json::parse(expected, ec);
    if (ec)
        return json::string(expected);
    return v;
}

bool searchRegex(const std::string& pattern, const std::string& text, std::string* error)
{
    try {
        return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
        *error = std::string("the pattern does not compile: ") + e.what();
        return false;
    }
}

/// The comparisons every subject shares, on text (numbers when ordering).
bool compareText(Op op, const std::string& actual, const std::string& expected, std::string* error)
{
    switch (op) {
    case Op::Equals:
        return actual == expected;
    case Op::NotEquals:
        return actual != expected;
    case Op::Contains:
        return actual.find(expected) != std::string::npos;
    case Op::Matches:
        return searchRegex(expected, actual, error);
    case Op::Less:
    case Op::LessOrEqual:
    case Op::Greater:
    case Op::GreaterOrEqual: {
        const auto a = toNumber(actual), e = toNumber(expected);
        if (!e) {
            *error = "\"" + expected + "\" is not a number";
            return false;
        }
        if (!a) {
            *error = "the value is not a number";
            return false;
        }
        return op == Op::Less       ? *a < *e
            : op == Op::LessOrEqual ? *a <= *e
            : op == Op::Greater     ? *a > *e
                                    : *a >= *e;
    }
    case Op::Exists:
    case Op::Absent:
    case Op::Type:
        break;
    }
    return false;
}

std::optional<std::string> headerValue(const ReceivedAnswer& answer, const std::string& name)
{
    std::optional<std::string> joined;
    for (const Header& h : answer.headers) {
        if (!iequals(h.name, name))
            continue;
        joined = joined ? *joined + ", " + h.value : h.value;
    }
    return joined;
}

/// The body parsed as JSON, once.
class BodyJson {
public:
    explicit BodyJson(const std::string& body)
        : m_body(body)
    {
    }
    const json::value* root(std::string* error)
    {
        if (!m_parsed) {
            m_parsed = true;
            boost::system::error_code ec;
            m_value = json::parse(m_body, ec);
            m_ok = !ec;
        }
        if (!m_ok)
            *error = m_body.empty() ? "the body is empty, not JSON" : "the body is not JSON";
        return m_ok ? &m_value : nullptr;
    }

private:
    const std::string& m_body;
    bool m_parsed = false, m_ok = false;
    json::value m_value;
};

struct Evaluator {
    const ReceivedAnswer& answer;
    const AnswerSchemaLookup& routeSchema;
    BodyJson body;

    void checkJson(const Assertion& a, const std::string& path, const std::string& value,
        AssertionOutcome& out)
    {
        const json::value* root = body.root(&out.message);
        if (!root)
            return;
        boost::system::error_code ec;
        const json::value* v = root->find_pointer(json::string_view(path.data(), path.size()), ec);
        out.actual = v ? shortened(shown(*v)) : "(absent)";
        switch (a.op) {
        case Op::Exists:
            out.expected = "a value";
            out.passed = v != nullptr;
            return;
        case Op::Absent:
            out.expected = "(absent)";
            out.passed = v == nullptr;
            return;
        default:
            break;
        }
        out.expected = value;
        if (!v) {
            out.message = (path.empty() ? std::string("the body") : path) + " is absent";
            return;
        }
        switch (a.op) {
        case Op::Type:
            out.actual = std::string(typeOf(*v)) + " " + out.actual;
            out.passed = value == typeOf(*v) || (value == "number" && numberOf(*v));
            return;
        case Op::Equals:
        case Op::NotEquals: {
            // "42" typed in a form matches the string "42" as well as the number.
            const bool same
                = sameJson(*v, expectedJson(value)) || (v->is_string() && v->get_string() == value);
            out.passed = a.op == Op::Equals ? same : !same;
            return;
        }
        case Op::Contains:
            if (v->is_array()) {
                const json::value e = expectedJson(value);
                const json::array& items = v->get_array();
                out.passed = std::any_of(items.begin(), items.end(),
                    [&](const json::value& item) { return sameJson(item, e); });
            } else if (v->is_object()) {
                out.passed = v->get_object().contains(value);
            } else {
                out.passed = jsonText(*v).find(value) != std::string::npos;
            }
            return;
        default:
            out.passed = compareText(a.op, jsonText(*v), value, &out.message);
            return;
        }
    }

    void checkSchema(const std::string& value, AssertionOutcome& out)
    {
        std::optional<std::string> schema;
        if (!value.empty())
            schema = value;
        else if (routeSchema)
            schema = routeSchema(answer.status);
        out.expected = "a body valid against the schema";
        if (!schema) {
            out.message = "the route has no schema for status " + std::to_string(answer.status)
                + "; give one in the assertion";
            return;
        }
        JsonSchemaValidator validator;
        std::string error;
        if (!JsonSchemaValidator::compile(*schema, &validator, &error)) {
            out.message = "the schema does not compile: " + error;
            return;
        }
        const json::value* root = body.root(&out.message);
        if (!root)
            return;
        if (const auto violation = validator.validate(*root)) {
            out.actual = (violation->pointer.empty() ? std::string("the body") : violation->pointer)
                + " " + violation->message;
            out.message = out.actual;
            return;
        }
        out.actual = "valid";
        out.passed = true;
    }

    AssertionOutcome check(const Assertion& a, const VariableLookup& lookup)
    {
        std::vector<std::string> unknown;
        Assertion expanded = a;
        expanded.path = expandVariables(a.path, lookup, &unknown);
        expanded.value = expandVariables(a.value, lookup, &unknown);
        AssertionOutcome out;
        out.description = describe(expanded);
        if (!unknown.empty()) {
            out.message = "unknown variable {{" + unknown.front() + "}}";
            return out;
        }
        if (std::string problem = assertionProblem(expanded); !problem.empty()) {
            out.message = std::move(problem);
            return out;
        }
        const std::string& value = expanded.value;
        switch (a.subject) {
        case Subject::Status:
            out.expected = value;
            out.actual = std::to_string(answer.status);
            out.passed = a.op == Op::Equals || a.op == Op::NotEquals
                ? (toNumber(value) == double(answer.status)) == (a.op == Op::Equals)
                : compareText(a.op, out.actual, value, &out.message);
            break;
        case Subject::Header: {
            const auto field = headerValue(answer, expanded.path);
            out.actual = field ? shortened(*field) : "(absent)";
            out.expected = a.op == Op::Exists ? "present" : a.op == Op::Absent ? "(absent)" : value;
            if (a.op == Op::Exists || a.op == Op::Absent)
                out.passed = field.has_value() == (a.op == Op::Exists);
            else if (!field)
                out.message = "no " + expanded.path + " header";
            else
                out.passed = compareText(a.op, *field, value, &out.message);
            break;
        }
        case Subject::Json:
            checkJson(a, expanded.path, value, out);
            break;
        case Subject::Body:
            out.expected = value;
            out.actual = shortened(answer.body);
            out.passed = compareText(a.op, answer.body, value, &out.message);
            break;
        case Subject::Schema:
            checkSchema(value, out);
            break;
        case Subject::Latency: {
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.1f ms", answer.totalMs);
            out.actual = ms;
            out.expected = (a.op == Op::Less ? "below " : "at most ") + value + " ms";
            const double limit = toNumber(value).value_or(0);
            out.passed = a.op == Op::Less ? answer.totalMs < limit : answer.totalMs <= limit;
            break;
        }
        }
        if (!out.passed && out.message.empty())
            out.message = "expected " + out.expected + ", got " + out.actual;
        if (out.passed)
            out.message.clear();
        return out;
    }

    CaptureOutcome capture(const Capture& c, const VariableLookup& lookup)
    {
        CaptureOutcome out;
        out.variable = c.variable;
        std::vector<std::string> unknown;
        const std::string path = expandVariables(c.path, lookup, &unknown);
        if (!unknown.empty()) {
            out.message = "unknown variable {{" + unknown.front() + "}}";
            return out;
        }
        switch (c.source) {
        case Capture::Source::Status:
            out.value = std::to_string(answer.status);
            out.captured = true;
            break;
        case Capture::Source::Body:
            out.value = answer.body;
            out.captured = true;
            break;
        case Capture::Source::Header:
            if (const auto field = headerValue(answer, path)) {
                out.value = *field;
                out.captured = true;
            } else {
                out.message = "no " + path + " header";
            }
            break;
        case Capture::Source::Json: {
            const json::value* root = body.root(&out.message);
            if (!root)
                break;
            boost::system::error_code ec;
            if (const json::value* v
                = root->find_pointer(json::string_view(path.data(), path.size()), ec)) {
                out.value = jsonText(*v);
                out.captured = true;
            } else {
                out.message = (path.empty() ? std::string("the body") : path) + " is absent";
            }
            break;
        }
        }
        return out;
    }
};

} // namespace

int CheckOutcome::failures() const
{
    int n = 0;
    for (const AssertionOutcome& a : assertions)
        n += a.passed ? 0 : 1;
    for (const CaptureOutcome& c : captures)
        n += c.captured ? 0 : 1;
    return n;
}

CheckOutcome evaluateChecks(const RequestChecks& checks, const ReceivedAnswer& answer,
    const VariableLookup& lookup, const AnswerSchemaLookup& routeSchema)
{
    Evaluator evaluator { answer, routeSchema, BodyJson(answer.body) };
    CheckOutcome outcome;
    for (const Assertion& a : checks.assertions)
        if (a.enabled)
            outcome.assertions.push_back(evaluator.check(a, lookup));
    for (const Capture& c : checks.captures)
        if (c.enabled)
            outcome.captures.push_back(evaluator.capture(c, lookup));
    return outcome;
}

} // namespace tollgate::server
