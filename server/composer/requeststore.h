#pragma once

// Saved composer requests: requests/<folder>/<slug>.json in the workspace, one
// file per request (schemaVersion 1), written atomically. Secrets of workspace
// keys are never written: a request that uses one stores only its keyId.

#include "server/common/diagnostic.h"
#include "server/composer/composerrequest.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

struct RequestLoadResult {
    std::vector<SavedRequest> requests; ///< sorted by folder, then name
    std::vector<std::string> folders; ///< every folder, also empty ones, sorted
    std::vector<Diagnostic> errors; ///< broken files; the others still load
};

/// Reads <workspace>/requests recursively. A missing directory is no error.
RequestLoadResult loadRequests(const std::filesystem::path& workspaceDir);

std::string savedRequestToJson(const SavedRequest& request);
bool savedRequestFromJson(
    std::string_view text, const std::string& fileName, SavedRequest* out, Diagnostic* error);

/// Writes the request to <workspace>/requests/<folder>/<fileName>, creating the
/// folder; a request without a fileName gets a unique "<slug of name>.json".
bool saveRequest(
    const std::filesystem::path& workspaceDir, SavedRequest* request, std::string* error);

/// The files saveRequest would write for these requests, to be written with
/// other files as one set (writeFilesAtomic): a request without a fileName is
/// given one, unique in its folder among the files there and the others of
/// the set.
bool requestFiles(const std::filesystem::path& workspaceDir, std::vector<SavedRequest>* requests,
    std::vector<std::pair<std::filesystem::path, std::string>>* files, std::string* error);

/// <workspace>/requests/<folder>: where the requests of a folder ("" for the
/// top) are kept. The folder is not checked; saveRequest checks it.
std::filesystem::path requestFolderPath(
    const std::filesystem::path& workspaceDir, const std::string& folder);

/// Removes the request's file (not its folder).
bool deleteRequest(
    const std::filesystem::path& workspaceDir, const SavedRequest& request, std::string* error);

/// Creates <workspace>/requests/<folder> (nested folders allowed).
bool createRequestFolder(
    const std::filesystem::path& workspaceDir, const std::string& folder, std::string* error);

/// Moves a request to another folder (keeping its file name unique there).
bool moveRequest(const std::filesystem::path& workspaceDir, SavedRequest* request,
    const std::string& folder, std::string* error);

} // namespace tollgate::server
