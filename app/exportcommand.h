#pragma once

// `tollgated export openapi|fastapi --workspace DIR --out PATH`: a workspace as a
// document or a project other tools read and run.

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated export` with the arguments after "export"; returns the exit
/// code (0 ok, 1 error, 2 usage error).
int runExportCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
