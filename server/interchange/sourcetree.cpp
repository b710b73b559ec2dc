#include "server/interchange/sourcetree.h"

#include "server/common/files.h"
#include "server/workspace/jsonfile.h"

#include <boost/json.hpp>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace tollgate::server {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 256;
/// Aliases can make a small file expand exponentially ("billion laughs").
constexpr std::size_t kMaxValues = 1'000'000;

bool startsWithBom(std::string_view text)
{
    return text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF";
}

bool looksLikeJson(std::string_view text)
{
    std::size_t i = startsWithBom(text) ? 3 : 0;
    while (i < text.size()
        && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        ++i;
    return i < text.size() && (text[i] == '{' || text[i] == '[');
}

bool isDigits(std::string_view s, int base)
{
    if (s.empty())
        return false;
    for (char c : s) {
        const bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
            : base == 8            ? (c >= '0' && c <= '7')
                                   : (c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

/// A plain (unquoted, untagged) scalar resolved by YAML 1.2's core schema.
json::value plainScalar(const std::string& s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    std::string_view body = s;
    const bool negative = !body.empty() && body.front() == '-';
    if (!body.empty() && (body.front() == '-' || body.front() == '+'))
        body.remove_prefix(1);
    auto integer = [&](std::string_view digits, int base) -> json::value {
        std::uint64_t n = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n, base);
        if (ec != std::errc() || end != digits.data() + digits.size())
            return json::string(s); // out of range: keep the text
        if (!negative)
            return n <= static_cast<std::uint64_t>(INT64_MAX) ? json::value(std::int64_t(n))
                                                               : json::value(n);
        if (n <= static_cast<std::uint64_t>(INT64_MAX))
            return std::int64_t(-static_cast<std::int64_t>(n));
        return json::string(s);
    };
    if (body.size() > 2 && body[0] == '0' && body[1] == 'x' && s.front() != '-' && s.front() != '+'
        && isDigits(body.substr(2), 16))
        return integer(body.substr(2), 16);
    if (body.size() > 2 && body[0] == '0' && body[1] == 'o' && s.front() != '-' && s.front() != '+'
        && isDigits(body.substr(2), 8))
        return integer(body.substr(2), 8);
    if (isDigits(body, 10))
        return integer(body, 10);
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    std::size_t i = 0;
    std::size_t mantissaDigits = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
        ++i, ++mantissaDigits;
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
            ++i, ++mantissaDigits;
    }
    if (mantissaDigits == 0)
        return json::string(s); // also .inf / .nan, which JSON cannot hold
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            ++i;
        const std::size_t expBegin = i;
        while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
            ++i;
        if (i == expBegin)
            return json::string(s);
    }
    if (i != body.size())
        return json::string(s);
    double d = 0;
    auto [end, ec] = std::from_chars(s.data() + (s.front() == '+' ? 1 : 0), s.data() + s.size(), d);
    if (ec != std::errc() || !std::isfinite(d))
        return json::string(s);
    return d;
}

class YamlConverter {
public:
    YamlConverter(
        std::string name, std::unordered_map<std::string, SourceTree::LineColumn>* positions)
        : m_name(std::move(name))
        , m_positions(positions)
    {
    }

    bool convert(const YAML::Node& node, const std::string& pointer, int depth, json::value* out,
        Diagnostic* error)
    {
        const YAML::Mark mark = node.Mark();
        if (!mark.is_null())
            m_positions->try_emplace(
                pointer, SourceTree::LineColumn { mark.line + 1, mark.column + 1 });
        if (depth > kMaxDepth)
            return fail(mark, "nesting deeper than 256 levels (a recursive alias?)", error);
        if (++m_values > kMaxValues)
            return fail(mark,
                "the document expands to more than 1,000,000 values (through its aliases)",
                error);
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            *out = nullptr;
            return true;
        case YAML::NodeType::Scalar:
            *out = scalar(node);
            return true;
        case YAML::NodeType::Sequence: {
            json::array array;
            array.reserve(node.size());
            std::size_t index = 0;
            for (const YAML::Node& item : node) {
                json::value v;
                if (!convert(item, pointerChild(pointer, index++), depth + 1, &v, error))
                    return false;
                array.push_back(std::move(v));
            }
            *out = std::move(array);
            return true;
        }
        case YAML::NodeType::Map: {
            json::object object;
            std::vector<YAML::Node> merges;
            for (const auto& entry : node) {
                const YAML::Node& key = entry.first;
                if (!key.IsScalar())
                    return fail(key.Mark(), "only text keys are supported in a mapping", error);
                if (key.Scalar() == "<<" && key.Tag() == "?") {
                    merges.push_back(entry.second);
                    continue;
                }
                // A value is placed on its key's line ("get:"), not where its
                // content starts.
                const std::string child = pointerChild(pointer, key.Scalar());
                if (!key.Mark().is_null())
                    m_positions->try_emplace(child,
                        SourceTree::LineColumn { key.Mark().line + 1, key.Mark().column + 1 });
                json::value v;
                if (!convert(entry.second, child, depth + 1, &v, error))
                    return false;
                object[key.Scalar()] = std::move(v);
            }
            // Merge keys: explicit keys win, then earlier merged maps over later ones.
            for (const YAML::Node& merge : merges) {
                std::vector<YAML::Node> sources;
                if (merge.IsMap())
                    sources.push_back(merge);
                else if (merge.IsSequence())
                    for (const YAML::Node& item : merge)
                        sources.push_back(item);
                for (const YAML::Node& source : sources) {
                    if (!source.IsMap())
                        return fail(source.Mark(), "a merge key (<<) takes a mapping or a list of mappings",
                            error);
                    json::value merged;
                    if (!convert(source, pointer, depth + 1, &merged, error))
                        return false;
                    for (auto& [k, v] : merged.as_object())
                        if (!object.contains(k))
                            object[k] = std::move(v);
                }
            }
            *out = std::move(object);
            return true;
        }
        }
        *out = nullptr;
        return true;
    }

private:
    static json::value scalar(const YAML::Node& node)
    {
        const std::string& tag = node.Tag();
        const std::string& text = node.Scalar();
        if (tag == "?")
            return plainScalar(text);
        if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float"
            || tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
            json::value v = plainScalar(text);
            if (!v.is_string())
                return v;
        }
        return json::string(text); // quoted, block scalars, !!str and unknown tags
    }

    bool fail(const YAML::Mark& mark, const char* message, Diagnostic* error)
    {
        if (error)
            *error = Diagnostic { m_name, mark.is_null() ? 0 : mark.line + 1,
                mark.is_null() ? 0 : mark.column + 1, message };
        return false;
    }

    std::string m_name;
    std::unordered_map<std::string, SourceTree::LineColumn>* m_positions;
    std::size_t m_values = 0;
};

} // namespace

std::string pointerChild(std::string_view parent, std::string_view key)
{
    std::string out(parent);
    out.reserve(out.size() + key.size() + 1);
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string pointerChild(std::string_view parent, std::size_t index)
{
    std::string out(parent);
    out += '/';
    out += std::to_string(index);
    return out;
}

const json::value* resolvePointer(const json::value& v, std::string_view pointer)
{
    boost::system::error_code ec;
    return v.find_pointer(json::string_view(pointer.data(), pointer.size()), ec);
}

SourceTree::SourceTree() = default;
SourceTree::~SourceTree() = default;

SourceTree::SourceTree(SourceTree&& other) noexcept
{
    *this = std::move(other);
}

SourceTree& SourceTree::operator=(SourceTree&& other) noexcept
{
    m_root = std::move(other.m_root);
    m_name = std::move(other.m_name);
    m_yaml = other.m_yaml;
    m_text = std::move(other.m_text);
    m_yamlPositions = std::move(other.m_yamlPositions);
    m_jsonIndex.reset(); // it points into the old text
    other.m_jsonIndex.reset();
    return *this;
}

bool SourceTree::read(const std::filesystem::path& file, SourceTree* out, Diagnostic* error)
{
    std::string text;
    std::string readError;
    if (!readFile(file, &text, &readError)) {
        if (error)
            *error = Diagnostic { file.string(), 0, 0, readError };
        return false;
    }
    return parse(text, file.string(), out, error);
}

bool SourceTree::parse(std::string_view text, std::string name, SourceTree* out, Diagnostic* error)
{
    SourceTree tree;
    tree.m_name = std::move(name);
    if (looksLikeJson(text)) {
        std::vector<Diagnostic> errors;
        const std::string_view body = startsWithBom(text) ? text.substr(3) : text;
        if (!jsonfile::parseJson(body, tree.m_name, &tree.m_root, &errors)) {
            if (error)
                *error = errors.empty() ? Diagnostic { tree.m_name, 0, 0, "not valid JSON" }
                                        : errors.front();
            return false;
        }
        tree.m_text = std::string(body);
    } else {
        tree.m_yaml = true;
        YAML::Node doc;
        try {
            doc = YAML::Load(std::string(startsWithBom(text) ? text.substr(3) : text));
        } catch (const YAML::Exception& e) {
            if (error)
                *error = Diagnostic { tree.m_name, e.mark.is_null() ? 0 : e.mark.line + 1,
                    e.mark.is_null() ? 0 : e.mark.column + 1, e.msg };
            return false;
        }
        // About one position per 16 bytes of YAML; reserved so it never rehashes.
        tree.m_yamlPositions.reserve(text.size() / 16);
        YamlConverter converter(tree.m_name, &tree.m_yamlPositions);
        if (!converter.convert(doc, std::string(), 0, &tree.m_root, error))
            return false;
    }
    *out = std::move(tree);
    return true;
}

const json::value* SourceTree::at(std::string_view pointer) const
{
    return resolvePointer(m_root, pointer);
}

SourceTree::LineColumn SourceTree::locate(std::string_view pointer) const
{
    if (m_yaml) {
        std::string p(pointer);
        for (;;) {
            if (auto it = m_yamlPositions.find(p); it != m_yamlPositions.end())
                return it->second;
            if (p.empty())
                return {};
            p.erase(p.rfind('/'));
        }
    }
    // The reader indexes every position on its first error and keeps the index.
    if (!m_jsonIndex)
        m_jsonIndex = std::make_unique<jsonfile::Reader>(m_text, m_name, &m_found);
    m_found.clear();
    m_jsonIndex->error(std::string(pointer), std::string());
    return m_found.empty() ? LineColumn {} : LineColumn { m_found.front().line, m_found.front().column };
}

Diagnostic SourceTree::diagnostic(std::string_view pointer, std::string message) const
{
    const LineColumn lc = locate(pointer);
    return Diagnostic { m_name, lc.line, lc.column, std::move(message) };
}

std::string SourceTree::where(std::string_view pointer) const
{
    const LineColumn lc = locate(pointer);
    return lc.line > 0 ? m_name + ':' + std::to_string(lc.line) : m_name;
}

} // namespace tollgate::server
