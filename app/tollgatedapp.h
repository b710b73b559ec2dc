#pragma once

// tollgated: serves a workspace without a window (CI, containers).

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs tollgated with the given arguments (argv[0] excluded); returns the
/// process exit code.
int runTollgated(const std::vector<std::string>& args);

} // namespace tollgate::app
