#include "server/pipeline/requestcheck.h"

#include "server/common/text.h"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace tollgate::server {

std::optional<CheckFailure> checkRequest(
    const RequestCheck& check, const HttpRequest& request, std::string_view rawQuery, bool bodyStreamed)
{
    if (!check.requiredQuery.empty()) {
        const StringPairs query = parseQuery(rawQuery);
        for (const std::string& name : check.requiredQuery) {
            const bool present = std::any_of(
                query.begin(), query.end(), [&](const auto& pair) { return pair.first == name; });
            if (!present)
                return CheckFailure { "The query parameter \"" + name + "\" is required.", {} };
        }
    }
    for (const std::string& name : check.requiredHeaders) {
        if (request.find(name) == request.end())
            return CheckFailure { "The header field \"" + name + "\" is required.", {} };
    }
    if (bodyStreamed)
        return {};
    const std::string& body = request.body();
    if (body.empty()) {
        if (check.bodyRequired)
            return CheckFailure { "A JSON request body is required.", {} };
        return {};
    }
    if (!check.body)
        return {};
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(body, ec);
    if (ec)
        return CheckFailure { "The request body is not valid JSON (" + ec.message() + ").", {} };
    if (auto violation = check.body->validate(value)) {
        const std::string where = violation->pointer.empty() ? std::string("The request body")
                                                             : violation->pointer;
        return CheckFailure { where + ' ' + violation->message + '.', violation->pointer };
    }
    return {};
}

} // namespace tollgate::server
