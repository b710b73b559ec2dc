#pragma once

// A workspace as a runnable FastAPI project (FastAPI + uvicorn + pydantic):
// one path operation per route answering with the designed responses (rules,
// random and sequential modes, templates rendered by an embedded Python
// mustache subset, latency and failure injection), pydantic models inferred
// from JSON bodies for /docs, and the API-key gate with the workspace's tiers
// (hashed keys, GCRA rate limits, monthly quotas, in memory or in Redis).

#include "server/interchange/importedapi.h"
#include "server/workspace/workspace.h"

#include <string>
#include <vector>

namespace tollgate::server {

struct FastApiFile {
    std::string name; ///< relative to the project folder ("main.py")
    std::string text;
};

struct FastApiExport {
    std::vector<FastApiFile> files;
    /// What the project does not do as Tollgate does (also in its README).
    std::vector<ImportNote> notes;
};

/// The project's files; nothing is written.
FastApiExport exportFastApi(const Workspace& ws);

/// Writes the files into folder (created if needed), replacing files of the
/// same names and leaving others there alone. All or nothing: when a file
/// cannot be written, false with *error, and the folder is as it was.
bool writeFastApiProject(
    const FastApiExport& project, const std::filesystem::path& folder, std::string* error);

} // namespace tollgate::server
