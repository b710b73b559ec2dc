#pragma once

// What an importer makes of a file: routes, saved requests and environments in
// Tollgate's own model, plus a report of everything it could not carry over or
// had to approximate. Nothing is dropped silently: whatever is not imported is
// a note naming file:line.

#include "server/common/diagnostic.h"
#include "server/composer/composerrequest.h"
#include "server/workspace/workspace.h"

#include <filesystem>
#include <string>
#include <vector>

namespace tollgate::server {

struct ImportNote {
    enum class Kind {
        Skipped, ///< not imported at all
        Approximated, ///< imported, but not exactly as written
    };
    Kind kind = Kind::Skipped;
    std::string where; ///< "file:line", or the file alone
    std::string message;
    bool operator==(const ImportNote&) const = default;
};

const char* toString(ImportNote::Kind kind);

/// In file order: by file, then line (notes without a line first), stable.
void sortNotes(std::vector<ImportNote>& notes);

struct ImportedApi {
    std::string format; ///< "OpenAPI 3.1.0", "Mockoon", "Postman collection v2.1", "HAR 1.2"
    std::string title; ///< becomes the workspace name of a new workspace
    std::string description;
    std::vector<Route> routes;
    std::vector<SavedRequest> requests;
    std::vector<Environment> environments;
    /// servers[0] of a spec, a Mockoon proxy host: where upstream routes and a
    /// fallback would point. Empty when the file names none.
    std::string upstreamUrl;
    std::vector<ImportNote> notes;
};

struct ImportOptions {
    /// HAR: also turn each captured answer into a designed route (recording).
    bool harRoutes = false;
    /// OpenAPI: switch request validation on for routes with a schema.
    bool validateRequests = false;
};

struct ImportResult {
    ImportedApi api;
    /// Set when the file could not be imported at all (nothing was made).
    std::vector<Diagnostic> errors;
    bool ok() const { return errors.empty(); }
};

/// Reads a file, recognises its format (OpenAPI 3.0/3.1 in JSON or YAML, a
/// Mockoon environment, a Postman collection v2.1 or environment, HAR 1.2) and
/// imports it.
ImportResult importFile(const std::filesystem::path& file, const ImportOptions& options = {});

} // namespace tollgate::server
