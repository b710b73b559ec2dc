#pragma once

// OpenAPI 3.0 and 3.1 (JSON or YAML) into routes and saved requests.
//
// - Each operation becomes a route: method, the path template (prefixed with
//   the base path of servers[0]), summary and description.
// - Its responses come from `example` / `examples` (one designed response per
//   named example), else from a sample generated from the schema
//   (schemasample.h). The first 2xx answer is the default.
// - Its parameters and request body become a saved request in a folder named
//   after its first tag.
// - Security requirements (apiKey in a header or the query, http bearer, and
//   with a note the rest) make the route require a key.
// - servers[0] becomes the upstream URL the routes keep for when they are
//   switched to forward, and the servers become composer environments.
// - The JSON request body schema, refs inlined, is kept as the route's request
//   check (switched on with ImportOptions::validateRequests).
// Everything else that is not carried over is an ImportNote with file:line.

#include "server/interchange/importedapi.h"
#include "server/interchange/sourcetree.h"

#include <filesystem>

namespace tollgate::server {

/// True when the document's root has an "openapi" (or "swagger") field.
bool looksLikeOpenApi(const SourceTree& tree);

/// Imports an OpenAPI document; `folder` is where same-folder $refs are read.
ImportResult importOpenApi(
    const SourceTree& tree, const std::filesystem::path& folder, const ImportOptions& options);

} // namespace tollgate::server
