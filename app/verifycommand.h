#pragma once

// `tollgated verify …`: ask a running tollgated's request journal (its admin
// endpoint's /journal) what a client sent, so a test of the user's own
// client can assert it (issue 18), as WireMock's verify does.

#include <string>
#include <vector>

namespace tollgate::app {

/// Runs `tollgated verify` with the arguments after "verify"; returns 0 when
/// the journal holds what was expected, 1 when it does not, 2 for a usage
/// error or an admin endpoint that cannot be read.
int runVerifyCommand(const std::vector<std::string>& args);

} // namespace tollgate::app
