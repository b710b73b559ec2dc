#include "server/routing/requestcontext.h"
#include "server/common/text.h"

#include <array>
#include <charconv>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace tollgate::server {

namespace {

std::optional<boost::json::value> parsedOrNothing(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (ec)
        return std::nullopt;
    return value;
}

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
        m_json = parsedOrNothing(body);
    }
    return m_json ? &*m_json : nullptr;
}

const boost::json::value* RequestContext::messageJson() const
{
    if (!m_messageJsonParsed) {
        m_messageJsonParsed = true;
        m_messageJson = parsedOrNothing(message);
    }
    return m_messageJson ? &*m_messageJson : nullptr;
}

void RequestContext::setMessage(std::string_view text)
{
    message.assign(text);
    hasMessage = true;
    m_messageJsonParsed = false;
    m_messageJson.reset();
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
