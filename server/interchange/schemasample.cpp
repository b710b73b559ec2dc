#include "server/interchange/schemasample.h"

#include "server/common/text.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace tollgate::server {

namespace json = boost::json;

namespace {

constexpr int kMaxRefHops = 32;
constexpr int kMaxDepth = 24;
constexpr std::size_t kMaxArrayItems = 5;

std::string_view stringOr(const json::object& o, std::string_view key, std::string_view fallback)
{
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : fallback;
}

bool boolOr(const json::object& o, std::string_view key, bool fallback)
{
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() ? v->get_bool() : fallback;
}

bool numberAt(const json::object& o, std::string_view key, double* out)
{
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_number())
        return false;
    *out = v->to_number<double>();
    return true;
}

/// The schema's type: the first of a 3.1 type list that is not "null"
/// ("null" only when it is the only one), else inferred from its keywords.
std::string schemaType(const json::object& schema)
{
    if (const json::value* t = schema.if_contains("type")) {
        if (t->is_string())
            return std::string(t->get_string());
        if (t->is_array()) {
            std::string first;
            for (const json::value& item : t->get_array()) {
                if (!item.is_string())
                    continue;
                if (item.get_string() != "null")
                    return std::string(item.get_string());
                first = "null";
            }
            return first;
        }
    }
    if (schema.contains("properties") || schema.contains("additionalProperties")
        || schema.contains("required"))
        return "object";
    if (schema.contains("items") || schema.contains("prefixItems"))
        return "array";
    if (schema.contains("minLength") || schema.contains("maxLength") || schema.contains("pattern")
        || schema.contains("format"))
        return "string";
    if (schema.contains("minimum") || schema.contains("maximum") || schema.contains("multipleOf"))
        return "number";
    return std::string();
}

json::value stringSample(const json::object& schema)
{
    const std::string_view format = stringOr(schema, "format", "");
    static const std::pair<std::string_view, std::string_view> kFormats[] = {
        { "date-time", "2026-01-01T12:00:00Z" },
        { "date", "2026-01-01" },
        { "time", "12:00:00Z" },
        { "duration", "P1D" },
        { "email", "user@example.com" },
        { "idn-email", "user@example.com" },
        { "uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6" },
        { "uri", "https://example.com/" },
        { "url", "https://example.com/" },
        { "iri", "https://example.com/" },
        { "uri-reference", "/example" },
        { "hostname", "example.com" },
        { "idn-hostname", "example.com" },
        { "ipv4", "192.0.2.1" },
        { "ipv6", "2001:db8::1" },
        { "byte", "U2FtcGxl" },
        { "binary", "" },
        { "password", "********" },
        { "json-pointer", "/example" },
        { "regex", "^example$" },
    };
    for (const auto& [name, sample] : kFormats)
        if (format == name)
            return json::string(sample);
    std::string text = "string";
    double minLength = 0;
    double maxLength = 0;
    if (numberAt(schema, "minLength", &minLength) && minLength > static_cast<double>(text.size())) {
        const auto want = static_cast<std::size_t>(std::min(minLength, 4096.0));
        while (text.size() < want)
            text += text;
        text.resize(want);
    }
    if (numberAt(schema, "maxLength", &maxLength) && maxLength >= 0
        && maxLength < static_cast<double>(text.size()))
        text.resize(static_cast<std::size_t>(maxLength));
    return json::string(text);
}

json::value numberSample(const json::object& schema, bool integer)
{
    const double step = integer ? 1.0 : 0.5;
    double value = 0; // 0 when allowed, else the bound nearest to it
    double bound = 0;
    if (numberAt(schema, "minimum", &bound)) {
        value = std::max(value, bound);
        // OpenAPI 3.0: a boolean exclusiveMinimum qualifies minimum.
        if (boolOr(schema, "exclusiveMinimum", false) && value == bound)
            value += step;
    }
    if (numberAt(schema, "exclusiveMinimum", &bound) && value <= bound) // 3.1: a number
        value = bound + step;
    if (numberAt(schema, "maximum", &bound)) {
        value = std::min(value, bound);
        if (boolOr(schema, "exclusiveMaximum", false) && value == bound)
            value -= step;
    }
    if (numberAt(schema, "exclusiveMaximum", &bound) && value >= bound)
        value = bound - step;
    double multiple = 0;
    if (numberAt(schema, "multipleOf", &multiple) && multiple > 0)
        value = std::ceil(value / multiple) * multiple;
    if (integer || (value == std::floor(value) && std::fabs(value) < 9e15))
        return static_cast<std::int64_t>(std::llround(value));
    return value;
}

json::value emptyLike(const json::object& schema)
{
    const std::string type = schemaType(schema);
    if (type == "array")
        return json::array();
    if (type == "object")
        return json::object();
    return nullptr;
}

class Sampler {
public:
    Sampler(RefResolver& refs, SampleDirection direction, std::vector<SampleProblem>* problems)
        : m_refs(refs)
        , m_direction(direction)
        , m_problems(problems)
    {
    }

    json::value sample(const json::value& schemaValue, const SourceTree& tree,
        const std::string& pointer, int depth)
    {
        if (!schemaValue.is_object() || depth > kMaxDepth)
            return depth > kMaxDepth ? json::value(nullptr) : json::value(json::object());
        const json::object& schema = schemaValue.get_object();
        if (const json::value* ref = schema.if_contains("$ref"); ref && ref->is_string()) {
            std::string error;
            RefTarget target = m_refs.resolve(ref->get_string(), tree, &error);
            if (!target.value) {
                problem(tree, pointer, std::move(error));
                return nullptr;
            }
            const std::string key = target.tree->name() + '#' + target.pointer;
            if (m_active.count(key))
                return target.value->is_object() ? emptyLike(target.value->get_object())
                                                 : json::value(nullptr);
            m_active.insert(key);
            json::value v = sample(*target.value, *target.tree, target.pointer, depth + 1);
            m_active.erase(key);
            return v;
        }
        if (const json::value* v = schema.if_contains("example"))
            return *v;
        if (const json::value* v = schema.if_contains("examples");
            v && v->is_array() && !v->get_array().empty())
            return v->get_array().front();
        if (const json::value* v = schema.if_contains("const"))
            return *v;
        if (const json::value* v = schema.if_contains("default"))
            return *v;
        if (const json::value* v = schema.if_contains("enum");
            v && v->is_array() && !v->get_array().empty())
            return v->get_array().front();

        if (const json::value* all = schema.if_contains("allOf"); all && all->is_array()) {
            json::object merged;
            json::value last = nullptr;
            bool allObjects = true;
            std::size_t index = 0;
            for (const json::value& part : all->get_array()) {
                json::value v = sample(
                    part, tree, pointerChild(pointerChild(pointer, "allOf"), index++), depth + 1);
                if (v.is_object()) {
                    for (auto& [k, item] : v.get_object())
                        merged[k] = std::move(item);
                } else if (!v.is_null()) {
                    allObjects = false;
                    last = std::move(v);
                }
            }
            if (schema.contains("properties")) {
                json::value own = objectSample(schema, tree, pointer, depth);
                for (auto& [k, item] : own.get_object())
                    merged[k] = std::move(item);
            }
            if (!allObjects && merged.empty())
                return last;
            return merged;
        }
        for (std::string_view choice : { "oneOf", "anyOf" }) {
            const json::value* alternatives = schema.if_contains(choice);
            if (!alternatives || !alternatives->is_array() || alternatives->get_array().empty())
                continue;
            // The first alternative that is not just null.
            const json::array& list = alternatives->get_array();
            std::size_t pick = 0;
            for (std::size_t i = 0; i < list.size(); ++i) {
                const json::object* alt = list[i].if_object();
                if (!alt || stringOr(*alt, "type", "") != "null") {
                    pick = i;
                    break;
                }
            }
            json::value v = sample(
                list[pick], tree, pointerChild(pointerChild(pointer, choice), pick), depth + 1);
            if (v.is_object() && schema.contains("properties")) {
                json::value own = objectSample(schema, tree, pointer, depth);
                for (auto& [k, item] : own.get_object())
                    if (!v.get_object().contains(k))
                        v.get_object()[k] = std::move(item);
            }
            return v;
        }

        const std::string type = schemaType(schema);
        if (type == "object")
            return objectSample(schema, tree, pointer, depth);
        if (type == "array")
            return arraySample(schema, tree, pointer, depth);
        if (type == "string")
            return stringSample(schema);
        if (type == "integer")
            return numberSample(schema, true);
        if (type == "number")
            return numberSample(schema, false);
        if (type == "boolean")
            return true;
        if (type == "null")
            return nullptr;
        return json::object(); // {} allows anything
    }

private:
    json::value objectSample(
        const json::object& schema, const SourceTree& tree, const std::string& pointer, int depth)
    {
        json::object out;
        const std::string propertiesPointer = pointerChild(pointer, "properties");
        if (const json::value* props = schema.if_contains("properties"); props && props->is_object()) {
            for (const auto& [name, property] : props->get_object()) {
                if (const json::object* p = property.if_object()) {
                    if (m_direction == SampleDirection::Response && boolOr(*p, "writeOnly", false))
                        continue;
                    if (m_direction == SampleDirection::Request && boolOr(*p, "readOnly", false))
                        continue;
                }
                out[name] = sample(property, tree, pointerChild(propertiesPointer, name), depth + 1);
            }
        }
        if (out.empty()) {
            if (const json::value* extra = schema.if_contains("additionalProperties");
                extra && extra->is_object())
                out["key"] = sample(
                    *extra, tree, pointerChild(pointer, "additionalProperties"), depth + 1);
        }
        return out;
    }

    json::value arraySample(
        const json::object& schema, const SourceTree& tree, const std::string& pointer, int depth)
    {
        json::array out;
        double maxItems = -1;
        if (numberAt(schema, "maxItems", &maxItems) && maxItems <= 0)
            return out;
        if (const json::value* prefix = schema.if_contains("prefixItems");
            prefix && prefix->is_array()) {
            std::size_t index = 0;
            for (const json::value& item : prefix->get_array())
                out.push_back(sample(
                    item, tree, pointerChild(pointerChild(pointer, "prefixItems"), index++),
                    depth + 1));
            return out;
        }
        const json::value* items = schema.if_contains("items");
        if (!items || !items->is_object())
            return out;
        double minItems = 1;
        numberAt(schema, "minItems", &minItems);
        const std::size_t count = static_cast<std::size_t>(
            std::clamp(minItems, 1.0, static_cast<double>(kMaxArrayItems)));
        const json::value first = sample(*items, tree, pointerChild(pointer, "items"), depth + 1);
        for (std::size_t i = 0; i < count; ++i)
            out.push_back(first);
        return out;
    }

    void problem(const SourceTree& tree, const std::string& pointer, std::string message)
    {
        if (m_problems)
            m_problems->push_back({ tree.where(pointer), std::move(message) });
    }

    RefResolver& m_refs;
    SampleDirection m_direction;
    std::vector<SampleProblem>* m_problems;
    std::set<std::string> m_active; // refs being sampled, to stop recursion
};

class Inliner {
public:
    Inliner(RefResolver& refs, std::vector<SampleProblem>* problems)
        : m_refs(refs)
        , m_problems(problems)
    {
    }

    json::value inlined(const json::value& v, const SourceTree& tree, const std::string& pointer,
        int depth)
    {
        if (v.is_array()) {
            json::array out;
            std::size_t index = 0;
            for (const json::value& item : v.get_array())
                out.push_back(inlined(item, tree, pointerChild(pointer, index++), depth + 1));
            return out;
        }
        if (!v.is_object())
            return v;
        const json::object& o = v.get_object();
        if (const json::value* ref = o.if_contains("$ref"); ref && ref->is_string()) {
            std::string error;
            RefTarget target = m_refs.resolve(ref->get_string(), tree, &error);
            if (!target.value) {
                if (m_problems)
                    m_problems->push_back({ tree.where(pointer), std::move(error) });
                return json::object();
            }
            const std::string key = target.tree->name() + '#' + target.pointer;
            if (m_active.count(key) || depth > 64) {
                if (m_problems)
                    m_problems->push_back({ tree.where(pointer),
                        "the schema refers to itself (" + std::string(ref->get_string())
                            + "); its nested levels are not checked" });
                return json::object();
            }
            m_active.insert(key);
            json::value out = inlined(*target.value, *target.tree, target.pointer, depth + 1);
            m_active.erase(key);
            return out;
        }
        json::object out;
        for (const auto& [k, item] : o)
            out[k] = inlined(item, tree, pointerChild(pointer, k), depth + 1);
        return out;
    }

private:
    RefResolver& m_refs;
    std::vector<SampleProblem>* m_problems;
    std::set<std::string> m_active;
};

} // namespace

RefResolver::RefResolver(const SourceTree& main, std::filesystem::path folder)
    : m_main(main)
    , m_folder(std::move(folder))
{
}

RefResolver::~RefResolver() = default;

RefTarget RefResolver::resolve(std::string_view ref, const SourceTree& from, std::string* error)
{
    const std::size_t hash = ref.find('#');
    const std::string_view file = ref.substr(0, hash);
    const std::string fragment
        = hash == std::string_view::npos ? std::string() : percentDecode(ref.substr(hash + 1)).value_or(std::string(ref.substr(hash + 1)));
    const SourceTree* tree = &from;
    if (!file.empty()) {
        std::string name(file);
        if (name.rfind("./", 0) == 0)
            name.erase(0, 2);
        if (name.find("://") != std::string::npos || name.find(':') != std::string::npos) {
            *error = "$ref \"" + std::string(ref) + "\" points outside the folder; only refs "
                     "inside the document and to files beside it are followed";
            return {};
        }
        const std::filesystem::path relative(name);
        bool escapes = relative.is_absolute();
        for (const auto& part : relative)
            escapes = escapes || part == "..";
        if (escapes) {
            *error = "$ref \"" + std::string(ref) + "\" leaves the document's folder; only files "
                     "beside it are followed";
            return {};
        }
        if (auto failed = m_failedFiles.find(name); failed != m_failedFiles.end()) {
            *error = failed->second;
            return {};
        }
        auto it = m_files.find(name);
        if (it == m_files.end()) {
            auto loaded = std::make_unique<SourceTree>();
            Diagnostic why;
            if (!SourceTree::read(m_folder / relative, loaded.get(), &why)) {
                std::string message = "$ref \"" + std::string(ref) + "\": " + why.toString();
                m_failedFiles.emplace(name, message);
                *error = std::move(message);
                return {};
            }
            it = m_files.emplace(name, std::move(loaded)).first;
        }
        tree = it->second.get();
    }
    if (!fragment.empty() && fragment.front() != '/') {
        *error = "$ref \"" + std::string(ref) + "\" uses an anchor; only JSON pointers (#/...) "
                 "are followed";
        return {};
    }
    const json::value* value = tree->at(fragment);
    if (!value) {
        *error = "$ref \"" + std::string(ref) + "\" points to nothing";
        return {};
    }
    return RefTarget { value, tree, fragment };
}

RefTarget RefResolver::follow(
    const json::value& value, const SourceTree& tree, std::string pointer, std::string* error)
{
    RefTarget at { &value, &tree, std::move(pointer) };
    for (int hop = 0; hop < kMaxRefHops; ++hop) {
        const json::object* o = at.value->if_object();
        const json::value* ref = o ? o->if_contains("$ref") : nullptr;
        if (!ref || !ref->is_string())
            return at;
        at = resolve(ref->get_string(), *at.tree, error);
        if (!at.value)
            return at;
    }
    *error = "a $ref chain longer than 32 steps (a loop?)";
    return {};
}

std::vector<std::string> RefResolver::externalFiles() const
{
    std::vector<std::string> out;
    for (const auto& [name, tree] : m_files)
        out.push_back(name);
    return out;
}

json::value sampleSchema(const json::value& schema, const SourceTree& tree,
    const std::string& pointer, RefResolver& refs, SampleDirection direction,
    std::vector<SampleProblem>* problems)
{
    return Sampler(refs, direction, problems).sample(schema, tree, pointer, 0);
}

json::value inlineRefs(const json::value& schema, const SourceTree& tree,
    const std::string& pointer, RefResolver& refs, std::vector<SampleProblem>* problems)
{
    return Inliner(refs, problems).inlined(schema, tree, pointer, 0);
}

} // namespace tollgate::server
