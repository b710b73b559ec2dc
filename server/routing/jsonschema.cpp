#include "server/routing/jsonschema.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <functional>

namespace tollgate::server {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 64;

void appendToken(std::string& pointer, std::string_view token)
{
    pointer += '/';
    for (char c : token) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer += c;
    }
}

std::size_t codePoints(std::string_view s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

bool isInteger(const json::value& v)
{
    if (v.is_int64() || v.is_uint64())
        return true;
    return v.is_double() && std::isfinite(v.get_double()) && std::floor(v.get_double()) == v.get_double();
}

bool hasType(const json::value& v, std::string_view type)
{
    if (type == "null")
        return v.is_null();
    if (type == "boolean")
        return v.is_bool();
    if (type == "object")
        return v.is_object();
    if (type == "array")
        return v.is_array();
    if (type == "string")
        return v.is_string();
    if (type == "number")
        return v.is_number();
    if (type == "integer")
        return isInteger(v);
    return true; // unknown type names constrain nothing
}

const char* article(std::string_view type)
{
    return type == "integer" || type == "object" || type == "array" ? "an " : "a ";
}

bool numberAt(const json::object& o, std::string_view key, double* out)
{
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_number())
        return false;
    *out = v->to_number<double>();
    return true;
}

bool flag(const json::object& o, std::string_view key)
{
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->get_bool();
}

std::string formatNumber(double d)
{
    if (std::floor(d) == d && std::fabs(d) < 1e15)
        return std::to_string(static_cast<long long>(d));
    return json::serialize(json::value(d));
}

/// Patterns are keyed by where their text lives in the (immutable) schema:
/// a "pattern" string, or a "patternProperties" key.
void compilePattern(std::string_view text, const void* at,
    std::unordered_map<const void*, std::regex>* out, std::string* error)
{
    try {
        out->emplace(at, std::regex(std::string(text), std::regex::ECMAScript));
    } catch (const std::regex_error& e) {
        if (error->empty())
            *error = "the pattern \"" + std::string(text)
                + "\" is not a regular expression Tollgate can run: " + e.what();
    }
}

void collectPatterns(const json::value& schema, std::unordered_map<const void*, std::regex>* out,
    std::string* error, int depth)
{
    if (depth > kMaxDepth)
        return;
    if (schema.is_array()) {
        for (const json::value& item : schema.get_array())
            collectPatterns(item, out, error, depth + 1);
        return;
    }
    if (!schema.is_object())
        return;
    for (const auto& [key, value] : schema.get_object()) {
        if (key == "pattern" && value.is_string()) {
            compilePattern(value.get_string(), &value.get_string(), out, error);
        } else if (key == "patternProperties" && value.is_object()) {
            for (const auto& entry : value.get_object()) {
                compilePattern(entry.key(), entry.key().data(), out, error);
                collectPatterns(entry.value(), out, error, depth + 1);
            }
        } else if (key != "enum" && key != "const" && key != "example" && key != "examples"
            && key != "default") {
            collectPatterns(value, out, error, depth + 1);
        }
    }
}

} // namespace

class SchemaWalker {
public:
    explicit SchemaWalker(const JsonSchemaValidator::Compiled& compiled)
        : m_compiled(compiled)
    {
    }

    std::optional<SchemaViolation> check(
        const json::value& schema, const json::value& v, std::string& pointer, int depth) const
    {
        if (schema.is_bool()) {
            if (schema.get_bool())
                return {};
            return fail(pointer, "is not allowed here");
        }
        if (!schema.is_object() || depth > kMaxDepth)
            return {};
        const json::object& s = schema.get_object();

        // OpenAPI 3.0: nullable admits null whatever the type says.
        if (v.is_null() && flag(s, "nullable"))
            return {};
        if (const json::value* type = s.if_contains("type")) {
            bool ok = false;
            std::string expected;
            if (type->is_string()) {
                ok = hasType(v, type->get_string());
                expected = std::string(article(type->get_string())) + std::string(type->get_string());
            } else if (type->is_array()) {
                for (const json::value& t : type->get_array()) {
                    if (!t.is_string())
                        continue;
                    ok = ok || hasType(v, t.get_string());
                    expected += (expected.empty() ? "" : " or ") + std::string(t.get_string());
                }
            } else {
                ok = true;
            }
            if (!ok)
                return fail(pointer, "must be " + expected);
        }
        if (const json::value* e = s.if_contains("enum"); e && e->is_array()) {
            bool found = false;
            for (const json::value& option : e->get_array())
                found = found || option == v;
            if (!found)
                return fail(pointer, "must be one of " + json::serialize(*e));
        }
        if (const json::value* c = s.if_contains("const"); c && !(*c == v))
            return fail(pointer, "must be " + json::serialize(*c));

        if (v.is_number()) {
            if (auto problem = checkNumber(s, v.to_number<double>(), pointer))
                return problem;
        } else if (v.is_string()) {
            if (auto problem = checkString(s, v.get_string(), pointer))
                return problem;
        } else if (v.is_array()) {
            if (auto problem = checkArray(s, v.get_array(), pointer, depth))
                return problem;
        } else if (v.is_object()) {
            if (auto problem = checkObject(s, v.get_object(), pointer, depth))
                return problem;
        }

        if (const json::value* all = s.if_contains("allOf"); all && all->is_array()) {
            for (const json::value& part : all->get_array())
                if (auto problem = check(part, v, pointer, depth + 1))
                    return problem;
        }
        if (const json::value* any = s.if_contains("anyOf"); any && any->is_array()) {
            std::optional<SchemaViolation> first;
            bool matched = false;
            for (const json::value& part : any->get_array()) {
                auto problem = check(part, v, pointer, depth + 1);
                if (!problem) {
                    matched = true;
                    break;
                }
                if (!first)
                    first = std::move(problem);
            }
            if (!matched && first)
                return fail(pointer, "matches none of the allowed shapes (anyOf); the first says: "
                        + describe(*first));
        }
        if (const json::value* one = s.if_contains("oneOf"); one && one->is_array()) {
            int matches = 0;
            std::optional<SchemaViolation> first;
            for (const json::value& part : one->get_array()) {
                auto problem = check(part, v, pointer, depth + 1);
                if (!problem)
                    ++matches;
                else if (!first)
                    first = std::move(problem);
            }
            if (matches == 0 && first)
                return fail(pointer, "matches none of the allowed shapes (oneOf); the first says: "
                        + describe(*first));
            if (matches > 1)
                return fail(pointer, "matches more than one of the allowed shapes (oneOf)");
        }
        if (const json::value* no = s.if_contains("not"); no && !check(*no, v, pointer, depth + 1))
            return fail(pointer, "matches a shape that is not allowed (not)");
        return {};
    }

private:
    static std::optional<SchemaViolation> fail(const std::string& pointer, std::string message)
    {
        return SchemaViolation { pointer, std::move(message) };
    }

    static std::string describe(const SchemaViolation& v)
    {
        return (v.pointer.empty() ? std::string("the body") : v.pointer) + ' ' + v.message;
    }

    static std::optional<SchemaViolation> checkNumber(
        const json::object& s, double n, const std::string& pointer)
    {
        double bound = 0;
        if (numberAt(s, "minimum", &bound)) {
            if (flag(s, "exclusiveMinimum") ? n <= bound : n < bound)
                return fail(pointer,
                    std::string("must be ") + (flag(s, "exclusiveMinimum") ? "above " : "at least ")
                        + formatNumber(bound));
        }
        if (numberAt(s, "maximum", &bound)) {
            if (flag(s, "exclusiveMaximum") ? n >= bound : n > bound)
                return fail(pointer,
                    std::string("must be ") + (flag(s, "exclusiveMaximum") ? "below " : "at most ")
                        + formatNumber(bound));
        }
        if (numberAt(s, "exclusiveMinimum", &bound) && n <= bound)
            return fail(pointer, "must be above " + formatNumber(bound));
        if (numberAt(s, "exclusiveMaximum", &bound) && n >= bound)
            return fail(pointer, "must be below " + formatNumber(bound));
        if (numberAt(s, "multipleOf", &bound) && bound > 0) {
            const double q = n / bound;
            if (std::fabs(q - std::round(q)) > 1e-9)
                return fail(pointer, "must be a multiple of " + formatNumber(bound));
        }
        return {};
    }

    std::optional<SchemaViolation> checkString(
        const json::object& s, const json::string& text, const std::string& pointer) const
    {
        double bound = 0;
        const std::size_t length = codePoints(text);
        if (numberAt(s, "minLength", &bound) && static_cast<double>(length) < bound)
            return fail(pointer, "must be at least " + formatNumber(bound) + " characters long");
        if (numberAt(s, "maxLength", &bound) && static_cast<double>(length) > bound)
            return fail(pointer, "must be at most " + formatNumber(bound) + " characters long");
        if (const json::value* p = s.if_contains("pattern"); p && p->is_string()) {
            auto it = m_compiled.patterns.find(static_cast<const void*>(&p->get_string()));
            if (it != m_compiled.patterns.end()
                && !std::regex_search(text.begin(), text.end(), it->second))
                return fail(pointer, "must match the pattern " + json::serialize(*p));
        }
        return {};
    }

    std::optional<SchemaViolation> checkArray(
        const json::object& s, const json::array& a, std::string& pointer, int depth) const
    {
        double bound = 0;
        if (numberAt(s, "minItems", &bound) && static_cast<double>(a.size()) < bound)
            return fail(pointer, "must hold at least " + formatNumber(bound) + " item(s)");
        if (numberAt(s, "maxItems", &bound) && static_cast<double>(a.size()) > bound)
            return fail(pointer, "must hold at most " + formatNumber(bound) + " item(s)");
        if (flag(s, "uniqueItems")) {
            for (std::size_t i = 0; i < a.size(); ++i)
                for (std::size_t j = i + 1; j < a.size(); ++j)
                    if (a[i] == a[j])
                        return fail(pointer, "must not repeat items (" + std::to_string(i) + " and "
                                + std::to_string(j) + " are equal)");
        }
        std::size_t prefix = 0;
        const json::value* prefixItems = s.if_contains("prefixItems");
        const json::value* items = s.if_contains("items");
        if (items && items->is_array()) // draft 2019 tuple form
            prefixItems = items, items = nullptr;
        if (prefixItems && prefixItems->is_array()) {
            const json::array& list = prefixItems->get_array();
            for (; prefix < list.size() && prefix < a.size(); ++prefix) {
                const std::size_t size = pointer.size();
                appendToken(pointer, std::to_string(prefix));
                auto problem = check(list[prefix], a[prefix], pointer, depth + 1);
                pointer.resize(size);
                if (problem)
                    return problem;
            }
        }
        if (items) {
            for (std::size_t i = prefix; i < a.size(); ++i) {
                const std::size_t size = pointer.size();
                appendToken(pointer, std::to_string(i));
                auto problem = check(*items, a[i], pointer, depth + 1);
                pointer.resize(size);
                if (problem)
                    return problem;
            }
        }
        return {};
    }

    std::optional<SchemaViolation> checkObject(
        const json::object& s, const json::object& o, std::string& pointer, int depth) const
    {
        const json::object* properties = nullptr;
        if (const json::value* p = s.if_contains("properties"); p && p->is_object())
            properties = &p->get_object();
        if (const json::value* required = s.if_contains("required"); required && required->is_array()) {
            for (const json::value& name : required->get_array()) {
                if (!name.is_string() || o.contains(name.get_string()))
                    continue;
                // A readOnly property is the server's to fill: requests leave it out.
                if (properties) {
                    const json::value* p = properties->if_contains(name.get_string());
                    if (p && p->is_object() && flag(p->get_object(), "readOnly"))
                        continue;
                }
                std::string missing = pointer;
                appendToken(missing, name.get_string());
                return fail(missing, "is required");
            }
        }
        double bound = 0;
        if (numberAt(s, "minProperties", &bound) && static_cast<double>(o.size()) < bound)
            return fail(pointer, "must hold at least " + formatNumber(bound) + " member(s)");
        if (numberAt(s, "maxProperties", &bound) && static_cast<double>(o.size()) > bound)
            return fail(pointer, "must hold at most " + formatNumber(bound) + " member(s)");
        const json::object* patternProperties = nullptr;
        if (const json::value* p = s.if_contains("patternProperties"); p && p->is_object())
            patternProperties = &p->get_object();
        const json::value* additional = s.if_contains("additionalProperties");
        for (const auto& [key, value] : o) {
            const std::size_t size = pointer.size();
            appendToken(pointer, key);
            bool described = false;
            if (properties) {
                if (const json::value* sub = properties->if_contains(key)) {
                    described = true;
                    if (auto problem = check(*sub, value, pointer, depth + 1))
                        return problem;
                }
            }
            if (patternProperties) {
                for (const auto& entry : *patternProperties) {
                    auto regex = m_compiled.patterns.find(entry.key().data());
                    if (regex == m_compiled.patterns.end()
                        || !std::regex_search(key.begin(), key.end(), regex->second))
                        continue;
                    described = true;
                    if (auto problem = check(entry.value(), value, pointer, depth + 1))
                        return problem;
                }
            }
            if (!described && additional) {
                if (additional->is_bool() && !additional->get_bool())
                    return fail(pointer, "is not a member this object may have");
                if (additional->is_object())
                    if (auto problem = check(*additional, value, pointer, depth + 1))
                        return problem;
            }
            pointer.resize(size);
        }
        return {};
    }

    const JsonSchemaValidator::Compiled& m_compiled;
};

bool JsonSchemaValidator::compile(std::string_view schemaText, JsonSchemaValidator* out, std::string* error)
{
    boost::system::error_code ec;
    json::value schema = json::parse(json::string_view(schemaText.data(), schemaText.size()), ec);
    if (ec || !(schema.is_object() || schema.is_bool())) {
        *error = "the body schema is not a JSON Schema object";
        return false;
    }
    auto compiled = std::make_shared<Compiled>();
    compiled->schema = std::move(schema);
    std::string patternError;
    collectPatterns(compiled->schema, &compiled->patterns, &patternError, 0);
    if (!patternError.empty()) {
        *error = std::move(patternError);
        return false;
    }
    out->m_compiled = std::move(compiled);
    return true;
}

std::optional<SchemaViolation> JsonSchemaValidator::validate(const json::value& value) const
{
    if (!m_compiled)
        return {};
    std::string pointer;
    return SchemaWalker(*m_compiled).check(m_compiled->schema, value, pointer, 0);
}

} // namespace tollgate::server
