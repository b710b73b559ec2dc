#pragma once

// `tollgated run [FOLDER] --workspace DIR ...`: the collection runner headless
// (issue 18). Sends a workspace's saved requests in order, checks each answer
// with the request's tests and writes JUnit XML and JSON reports for CI.

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated run` with the arguments after "run"; returns 0 when every
/// request passed, 1 when one failed, 2 for a usage error or a workspace
/// that cannot be run.
int runRunCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
