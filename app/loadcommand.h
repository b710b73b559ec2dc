#pragma once

// `tollgated load …`: drive load at any http:// URL from a shell or a CI job,
// print the summary and write the JSON report (issue 6).

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated load` with the arguments after "load"; returns the exit
/// code: 0 when requests were answered, 1 when none were, 2 for a usage error
/// or a run that could not start, 99 when a threshold failed.
int runLoadCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
