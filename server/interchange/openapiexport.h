#pragma once

// A workspace as an OpenAPI 3.1 document: its routes as operations (path
// parameters, the request checks as parameters and request body, every
// designed response as an example), API-key security on key-protected routes
// with the 401/429 answers Tollgate gives there, and the tiers with their
// limits and prices in the description and as x-tollgate-* extensions.

#include "server/interchange/importedapi.h"
#include "server/workspace/workspace.h"

#include <string>
#include <vector>

namespace tollgate::server {

struct OpenApiExport {
    std::string text; ///< pretty JSON (also valid YAML)
    /// What the document cannot say as the workspace does (wildcard paths,
    /// missing body files, templated bodies shown as their template text).
    std::vector<ImportNote> notes;
};

/// serverUrl is the document's servers[0] ("http://127.0.0.1:8080" when empty:
/// the workspace's own bind address and port).
OpenApiExport exportOpenApi(const Workspace& ws, const std::string& serverUrl = {});

} // namespace tollgate::server
