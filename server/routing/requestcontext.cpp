#include "server/routing/requestcontext.h"
#include "server/common/text.h"

#include <array>
#include <charconv>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace tollgate::server {

namespace {

const std::string* findValue(const StringPairs& pairs, std::string_view name)
{
    for (const auto& [key, value] : pairs) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

} // namespace

const std::string* RequestContext::param(std::string_view name) const
{
    return findValue(params, name);
}

const std::string* RequestContext::queryValue(std::string_view name) const
{
    return findValue(query, name);
}

const std::string* RequestContext::header(std::string_view name) const
{
    // Stored names are lower-case already, but callers (rules typed by users)
    // may spell them "X-Api-Key".
    for (const auto& [key, value] : headers) {
        if (iequals(key, name))
            return &value;
    }
    return nullptr;
}

const boost::json::value* RequestContext::json() const
{
    if (!m_jsonParsed) {
        m_jsonParsed = true;
        if (!body.empty()) {
            boost::system::error_code ec;
            auto value = boost::json::parse(body, ec);
            if (!ec)
                m_json = std::move(value);
        }
    }
    return m_json ? &*m_json : nullptr;
}

StringPairs parseQuery(std::string_view rawQuery)
{
    StringPairs out;
    while (!rawQuery.empty()) {
        const auto amp = rawQuery.find('&');
        const auto piece = rawQuery.substr(0, amp);
        rawQuery = amp == std::string_view::npos ? std::string_view {} : rawQuery.substr(amp + 1);
        if (piece.empty())
            continue;
        const auto eq = piece.find('=');
        const auto rawKey = piece.substr(0, eq);
        const auto rawValue
            = eq == std::string_view::npos ? std::string_view {} : piece.substr(eq + 1);
        // A malformed escape in a query is the client's typo, not a reason to
        // drop the parameter: keep its raw text so rules can still see it.
        auto key = percentDecode(rawKey, true);
        auto value = percentDecode(rawValue, true);
        out.emplace_back(key ? std::move(*key) : std::string(rawKey),
            value ? std::move(*value) : std::string(rawValue));
    }
    return out;
}

std::string jsonText(const boost::json::value& value)
{
    switch (value.kind()) {
    case boost::json::kind::string:
        return std::string(value.get_string());
    case boost::json::kind::int64:
        return std::to_string(value.get_int64());
    case boost::json::kind::uint64:
        return std::to_string(value.get_uint64());
    case boost::json::kind::double_: {
        // Boost.JSON serializes 1.5 as "1.5E0"; users write and expect "1.5".
        std::array<char, 32> buffer {};
        const auto result
            = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.get_double());
        return std::string(buffer.data(), result.ptr);
    }
    case boost::json::kind::bool_:
        return value.get_bool() ? "true" : "false";
    case boost::json::kind::null:
        return "null";
    case boost::json::kind::array:
    case boost::json::kind::object:
        break;
    }
    return boost::json::serialize(value);
}

} // namespace tollgate::server
