#pragma once

// What the exporters share: the workspace's own address, the text a body is
// served as, its media type, operation ids, body files and the tiers as a
// Markdown table.

#include "server/workspace/workspace.h"

#include <set>
#include <string>
#include <vector>

namespace tollgate::server {

/// "http://127.0.0.1:8080": where the workspace serves, a wildcard bind as
/// loopback ("0.0.0.0" as 127.0.0.1, "::" as ::1), IPv6 in brackets.
std::string workspaceUrl(const Workspace& ws);

/// The text a body is served as when it is a literal kept behind a delimiter
/// switch (as imports and recording write them); other bodies unchanged.
/// *templated tells whether what is returned still holds mustache tags.
std::string servedText(const std::string& body, bool* templated);

/// The response's Content-Type, else what its body looks like
/// (application/json or text/plain); empty for an empty body.
std::string responseMediaType(const Response& response, const std::string& body);

/// "getV1UsersId" for GET /v1/users/{id}, unique among *taken (which it joins).
std::string operationId(const Route& route, std::set<std::string>* taken);

/// A route path taken apart: literal text, "{name}" parameters and a
/// trailing "*" wildcard, in order.
struct PathPiece {
    enum Kind { Literal, Param, Wildcard };
    Kind kind = Literal;
    std::string text; ///< the literal text or the parameter's name
};
std::vector<PathPiece> pathPieces(const std::string& path);

/// The response's body: inline, else its body file (relative to ws.dir).
bool readResponseBody(
    const Workspace& ws, const Response& response, std::string* body, std::string* error);

/// The tiers as a Markdown section (limits, prices, how keys are sent);
/// empty when the workspace has no tiers.
std::string tiersMarkdown(const Workspace& ws);

} // namespace tollgate::server
