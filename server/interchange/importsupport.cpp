#include "server/interchange/importsupport.h"

#include "server/common/text.h"

#include <boost/json.hpp>

#include <cmath>

namespace tollgate::server {

namespace json = boost::json;

std::string scalarText(const json::value* value)
{
    if (!value)
        return {};
    if (value->is_string())
        return std::string(value->get_string());
    if (value->is_int64())
        return std::to_string(value->get_int64());
    if (value->is_uint64())
        return std::to_string(value->get_uint64());
    if (value->is_double())
        return json::serialize(*value);
    return {};
}

std::string scalarText(const json::object& object, std::string_view key)
{
    return scalarText(object.if_contains(key));
}

bool boolField(const json::object& object, std::string_view key, bool fallback)
{
    const json::value* value = object.if_contains(key);
    return value && value->is_bool() ? value->get_bool() : fallback;
}

long long integerField(const json::object& object, std::string_view key, long long fallback)
{
    const json::value* value = object.if_contains(key);
    if (!value)
        return fallback;
    if (value->is_int64())
        return value->get_int64();
    if (value->is_uint64())
        return static_cast<long long>(value->get_uint64());
    if (value->is_double() && std::trunc(value->get_double()) == value->get_double()
        && std::abs(value->get_double()) < 9e15)
        return static_cast<long long>(value->get_double());
    return fallback;
}

const json::object* objectField(const json::object& object, std::string_view key)
{
    const json::value* value = object.if_contains(key);
    return value ? value->if_object() : nullptr;
}

const json::array* arrayField(const json::object& object, std::string_view key)
{
    const json::value* value = object.if_contains(key);
    return value ? value->if_array() : nullptr;
}

std::string commaList(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty())
            out += ", ";
        out += item;
    }
    return out;
}

std::string folderName(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const bool refused = static_cast<unsigned char>(c) < 0x20
            || std::string_view("/\\<>:\"|?*").find(c) != std::string_view::npos;
        out += refused ? '-' : c;
    }
    std::string_view trimmed = trimBlanks(out);
    while (!trimmed.empty() && trimmed.front() == '.')
        trimmed.remove_prefix(1);
    trimmed = trimBlanks(trimmed);
    // The request store refuses longer names (counted in bytes); cut where a
    // UTF-8 character starts.
    constexpr std::size_t kMaxFolderName = 100;
    std::string result(trimmed);
    if (result.size() > kMaxFolderName) {
        std::size_t cut = kMaxFolderName;
        while (cut > 0 && (static_cast<unsigned char>(result[cut]) & 0xc0) == 0x80)
            --cut;
        result.resize(cut);
        result = std::string(trimBlanks(result));
    }
    return result.empty() ? std::string("_") : result;
}

ImportNotes::ImportNotes(const SourceTree& tree, std::vector<ImportNote>* out)
    : m_tree(tree)
    , m_out(out)
{
}

void ImportNotes::skip(std::string_view pointer, std::string message, const SourceTree* tree)
{
    add(ImportNote::Kind::Skipped, pointer, std::move(message), tree);
}

void ImportNotes::approximate(std::string_view pointer, std::string message, const SourceTree* tree)
{
    add(ImportNote::Kind::Approximated, pointer, std::move(message), tree);
}

void ImportNotes::add(
    ImportNote::Kind kind, std::string_view pointer, std::string message, const SourceTree* tree)
{
    std::string where = (tree ? *tree : m_tree).where(pointer);
    if (!m_seen.emplace(where, message).second)
        return;
    m_out->push_back({ kind, std::move(where), std::move(message) });
}

void ImportNotes::unknownFields(const json::object& object, std::string_view pointer,
    std::initializer_list<std::string_view> known, std::string_view what)
{
    for (const auto& [key, value] : object) {
        bool isKnown = false;
        for (std::string_view k : known)
            isKnown = isKnown || k == key;
        if (!isKnown)
            skip(pointerChild(pointer, std::string_view(key)),
                std::string(what) + ": the field \"" + std::string(key)
                    + "\" is not known to Tollgate and is not imported");
    }
}

void ImportErrors::add(std::string_view pointer, std::string message)
{
    m_list.push_back(m_tree.diagnostic(pointer, std::move(message)));
}

const json::object* ImportErrors::object(
    const json::object& parent, std::string_view key, std::string_view pointer)
{
    const json::value* value = parent.if_contains(key);
    if (!value || value->is_null())
        return nullptr;
    if (!value->is_object())
        add(pointerChild(pointer, key), "\"" + std::string(key) + "\" must be an object");
    return value->if_object();
}

const json::array* ImportErrors::array(
    const json::object& parent, std::string_view key, std::string_view pointer)
{
    const json::value* value = parent.if_contains(key);
    if (!value || value->is_null())
        return nullptr;
    if (!value->is_array())
        add(pointerChild(pointer, key), "\"" + std::string(key) + "\" must be an array");
    return value->if_array();
}

std::string ImportErrors::string(
    const json::object& parent, std::string_view key, std::string_view pointer)
{
    const json::value* value = parent.if_contains(key);
    if (!value || value->is_null())
        return {};
    if (!value->is_string()) {
        add(pointerChild(pointer, key), "\"" + std::string(key) + "\" must be a string");
        return {};
    }
    return std::string(value->get_string());
}

ImportResult ImporterBase::finish()
{
    ImportResult result;
    if (m_errors.any())
        result.errors = m_errors.take();
    else
        result.api = std::move(m_api);
    return result;
}

UrlParts splitUrl(std::string_view url)
{
    UrlParts parts;
    if (const std::size_t hash = url.find('#'); hash != std::string_view::npos) {
        parts.fragment = std::string(url.substr(hash + 1));
        url = url.substr(0, hash);
    }
    if (const std::size_t question = url.find('?'); question != std::string_view::npos) {
        parts.query = std::string(url.substr(question + 1));
        parts.hasQuery = true;
        url = url.substr(0, question);
    }
    std::size_t authorityStart = 0;
    if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos)
        authorityStart = scheme + 3;
    const std::size_t pathStart = url.find('/', authorityStart);
    std::string_view authority = url.substr(authorityStart,
        pathStart == std::string_view::npos ? std::string_view::npos : pathStart - authorityStart);
    if (authorityStart > 0)
        parts.origin = std::string(url.substr(0, authorityStart)) + std::string(authority);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority = authority.substr(at + 1);
    parts.host = std::string(authority);
    parts.path
        = pathStart == std::string_view::npos ? std::string() : std::string(url.substr(pathStart));
    return parts;
}

std::string formEncode(std::string_view text)
{
    std::string out;
    while (!text.empty()) {
        const std::size_t open = text.find("{{");
        const std::size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            out += percentEncode(text);
            break;
        }
        out += percentEncode(text.substr(0, open));
        out += text.substr(open, close + 2 - open);
        text.remove_prefix(close + 2);
    }
    return out;
}

} // namespace tollgate::server
