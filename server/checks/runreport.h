#pragma once

// What a collection run reports: JUnit XML for CI systems (valid against the
// Jenkins xunit schema and Apache Ant's, which GitLab also reads), a JSON
// report, and the text summary of `tollgated run`.

#include "server/checks/collectionrunner.h"

#include <string>

namespace tollgate::server {

struct RunReportInfo {
    std::string environment; ///< its name
    std::string scope; ///< "users" or "all requests": what was run
    std::string hostname;
};

/// <testsuites> with one <testsuite> per folder; each request of each
/// iteration is a <testcase> whose failed assertions and captures make one
/// <failure>, and a request without an answer an <error>.
std::string runToJunit(const RunResult& run, const RunReportInfo& info);

/// Every request with its status, time, assertions (expected and actual)
/// and captures (names only: captured values may be tokens).
std::string runToJson(const RunResult& run, const RunReportInfo& info);

/// A line per request ("ok   Create user  POST http://…  201  12 ms", or
/// "FAIL ..." followed by its failures, indented) and the totals.
std::string runSummary(const RunResult& run);

} // namespace tollgate::server
