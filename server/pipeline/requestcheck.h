#pragma once

// The request validation stage: a route with Route::validation switched on
// answers 400 problem+json, naming what failed (a query parameter, a header
// field, or the JSON pointer of the body value that breaks the schema),
// before fault injection and the responder see the request. A body streamed
// to an upstream is not held in memory, so only its query and headers are
// checked.

#include "server/http/connection.h"
#include "server/routing/routetable.h"

#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

struct CheckFailure {
    std::string detail; ///< for people: "/items/0/quantity must be an integer"
    /// The JSON pointer of the body value at fault ("" = the whole body);
    /// empty optional when the query, a header or the body's syntax failed.
    std::optional<std::string> pointer;
};

std::optional<CheckFailure> checkRequest(
    const RequestCheck& check, const HttpRequest& request, std::string_view rawQuery, bool bodyStreamed);

} // namespace tollgate::server
