#pragma once

// Where an import lands: a new workspace, or merged into an open one. A merge
// never loses what the workspace had unless asked to: a route with the same
// method and path shape ("/users/{id}" and "/users/{userId}" are one shape), an
// environment with the same name or a saved request with the same folder and
// name is a conflict, kept as it was (or replaced with ConflictPolicy::Replace)
// and listed either way.

#include "server/composer/composerrequest.h"
#include "server/interchange/importedapi.h"
#include "server/workspace/workspace.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tollgate::server {

enum class ConflictPolicy { KeepExisting, Replace };

struct ImportConflict {
    std::string what; ///< "route GET /users/{id}", "environment \"Staging\"", ...
    bool replaced = false; ///< false: the workspace's own was kept
};

struct ImportMerge {
    std::vector<std::size_t> addedRoutes; ///< indexes into Workspace::routes
    std::vector<std::size_t> replacedRoutes;
    std::vector<std::size_t> addedEnvironments; ///< indexes into Workspace::environments
    std::vector<std::size_t> replacedEnvironments;
    /// Saved requests to write: new ones (no fileName yet) and replacements
    /// (carrying the fileName of the request they replace).
    std::vector<SavedRequest> requests;
    int requestsReplaced = 0;
    std::vector<ImportConflict> conflicts;
    bool changed() const
    {
        return !addedRoutes.empty() || !replacedRoutes.empty() || !addedEnvironments.empty()
            || !replacedEnvironments.empty() || !requests.empty();
    }
};

/// "/users/{}" for "/users/{id}": the path with its parameter names removed.
std::string routeShape(const std::string& path);

/// Merges an import into ws, given the workspace's saved requests.
ImportMerge mergeImport(Workspace& ws, const std::vector<SavedRequest>& existingRequests,
    const ImportedApi& api, ConflictPolicy policy);

/// A new workspace made of an import: named after it, with the default tiers,
/// the "Local" environment and the imported ones, and the imported routes
/// (saved requests go to their files separately: ImportMerge::requests).
Workspace workspaceFromImport(const ImportedApi& api, ImportMerge* merge);

} // namespace tollgate::server
