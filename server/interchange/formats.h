#pragma once

// The formats Tollgate imports besides OpenAPI (openapiimport.h), each from a
// parsed SourceTree, and how a file's format is recognised.
//
// - Mockoon environment (any recent lastMigration): routes with their
//   responses, rules, latency and headers; templating helpers Tollgate has an
//   equivalent for are rewritten, the rest are noted.
// - Postman collection v2.1: saved requests in folders (auth, headers, query,
//   raw / urlencoded / form-data bodies) and its variables as an environment.
// - Postman environment: one composer environment.
// - HAR 1.2: saved requests and, with ImportOptions::harRoutes, routes made of
//   the captured answers (credentials never copied).

#include "server/interchange/importedapi.h"
#include "server/interchange/sourcetree.h"

namespace tollgate::server {

enum class ImportFormat { Unknown, OpenApi, Mockoon, PostmanCollection, PostmanEnvironment, Har };

ImportFormat detectFormat(const SourceTree& tree);

ImportResult importMockoon(const SourceTree& tree, const ImportOptions& options);
ImportResult importPostmanCollection(const SourceTree& tree, const ImportOptions& options);
ImportResult importPostmanEnvironment(const SourceTree& tree, const ImportOptions& options);
ImportResult importHar(const SourceTree& tree, const ImportOptions& options);

} // namespace tollgate::server
