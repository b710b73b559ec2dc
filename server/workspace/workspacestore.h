#pragma once

// The workspace directory on disk:
//   tollgate.json               name, server settings, tiers, environments
//                               (schemaVersion)
//   keys.json                   API key metadata and SHA-256 hashes
//   routes/<method>-<slug>.json one file per route (schemaVersion)
//   requests/<folder>/<slug>.json saved composer requests (requeststore.h)
//   .tollgate/                  machine-local state, git-ignored (history.h)
// Files are written to a temporary file and renamed, so a crash never leaves a
// half-written file. A malformed file yields a Diagnostic naming file and line
// and the rest of the workspace still loads.

#include "server/common/diagnostic.h"
#include "server/common/files.h"
#include "server/workspace/keysfile.h"
#include "server/workspace/routefile.h"
#include "server/workspace/settingsfile.h"
#include "server/workspace/workspace.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

struct LoadResult {
    Workspace workspace;
    std::vector<Diagnostic> errors;
    bool ok() const { return errors.empty(); }
};

/// Loads a workspace directory. A missing or broken tollgate.json still yields
/// a usable workspace with defaults plus a diagnostic; a missing directory is
/// an error.
LoadResult loadWorkspace(const std::filesystem::path& dir);

/// Writes tollgate.json, keys.json and one file per route (assigning
/// Route::fileName to new routes), removes route files of routes that no
/// longer exist, writes a .gitignore for .tollgate/. The changed files, and
/// `alongside` (an import's saved requests), are written all or none
/// (writeFilesAtomic). Returns false and sets *error on failure.
bool saveWorkspace(Workspace& ws, std::string* error, const std::vector<FileWrite>& alongside = {});

/// Writes only these routes' files (naming new routes), leaving every other
/// file as it is: for writers that must not race edits to the rest (record
/// mode in tollgated).
bool saveRoutes(Workspace& ws, const std::vector<std::size_t>& indexes, std::string* error);




/// "get-v1-users-id.json" for GET /v1/users/{id}; unique within taken names.
std::string routeFileName(const Route& route, const std::vector<std::string>& taken);


/// A cheap fingerprint of the workspace files (names, sizes, mtimes) so a
/// watcher can notice external edits by polling.
std::uint64_t workspaceFingerprint(const std::filesystem::path& dir);

/// Copies a workspace directory (used to install the demo on first run).
bool copyWorkspace(
    const std::filesystem::path& from, const std::filesystem::path& to, std::string* error);

} // namespace tollgate::server
