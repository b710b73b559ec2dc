#pragma once

// What rules and templates see of a request. The engine fills it only for
// routes that need it (rules or templates), so static routes pay nothing.

#include "server/common/text.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace tollgate::server {

struct RequestContext {
    std::string method;
    std::string path; ///< percent-decoded path, no query
    std::string rawQuery; ///< without the '?'
    StringPairs params; ///< path parameters, in template order
    StringPairs query; ///< decoded query parameters, in order
    StringPairs headers; ///< names lower-cased, in order
    std::string body;
    std::string id; ///< the request id (X-Request-ID) the response will carry
    std::int64_t streamIndex = -1; ///< {{stream.index}}: an event's number in its stream
    /// {{message}}: the WebSocket message being answered (when hasMessage).
    std::string message;
    bool hasMessage = false;

    /// First value of a path parameter / query parameter / header (name
    /// compared case-insensitively for headers), or nullptr.
    const std::string* param(std::string_view name) const;
    const std::string* queryValue(std::string_view name) const;
    const std::string* header(std::string_view name) const;

    /// The body parsed as JSON, or nullptr when it is not JSON. Parsed once.
    const boost::json::value* json() const;
    /// The message parsed as JSON, or nullptr. Parsed once per setMessage().
    const boost::json::value* messageJson() const;
    void setMessage(std::string_view text);

private:
    mutable bool m_jsonParsed = false;
    mutable std::optional<boost::json::value> m_json;
    mutable bool m_messageJsonParsed = false;
    mutable std::optional<boost::json::value> m_messageJson;
};

/// The text rules compare and templates print for a JSON value: a string's own
/// text (unquoted), a number in its shortest decimal form (1.5, not 1.5E0),
/// true/false, null, and serialized JSON for objects and arrays. Shared so a
/// rule "Equals 1.5" and a template {{request.json.price}} agree.
std::string jsonText(const boost::json::value& value);

} // namespace tollgate::server
