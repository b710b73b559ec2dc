#pragma once

// `tollgated keys …`: create, list, rotate, revoke and meter a workspace's API
// keys from a shell or a deployment script, without the GUI.

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated keys` with the arguments after "keys"; returns the exit
/// code (0 ok, 1 error, 2 usage error).
int runKeysCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
