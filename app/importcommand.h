#pragma once

// `tollgated import FILE --workspace DIR [--merge]`: an OpenAPI document, a
// Mockoon environment, a Postman collection or environment, or a HAR capture
// into a new workspace, or merged into an existing one.

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated import` with the arguments after "import"; returns the exit
/// code (0 ok, 1 error, 2 usage error).
int runImportCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
