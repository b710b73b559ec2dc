#pragma once

// The collection runner (issue 18): saved requests sent in order against an
// environment, N iterations or one per row of a data file, each answer
// checked by its request's tests, captured values passed on to the requests
// that follow. The app's Run dialog and `tollgated run` share it; it blocks,
// so the app calls it on a thread of its own.

#include "server/checks/checkevaluation.h"
#include "server/checks/requestclient.h"
#include "server/composer/composerrequest.h"

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

/// One iteration's values from a data file: column (or member) name, value.
using DataRow = std::vector<std::pair<std::string, std::string>>;

/// Reads a data file: CSV with a header row (RFC 4180 quoting, comma
/// separated), or a JSON array of objects whose scalar members become
/// variables. False with a reason ("data.csv row 4: 3 values for 2
/// columns", the header being row 1) for anything else; an empty file has no rows and is an error.
bool readDataFile(
    const std::filesystem::path& path, std::vector<DataRow>* rows, std::string* error);
/// The same, on text already read; `name` says which file in messages.
bool parseDataRows(std::string_view text, const std::string& name, bool json,
    std::vector<DataRow>* rows, std::string* error);

struct RunPlan {
    std::vector<SavedRequest> requests; ///< sent in this order, each iteration
    Environment environment;
    /// Values for names the environment lacks (baseUrl: the server's address).
    std::vector<std::pair<std::string, std::string>> builtins;
    std::vector<DataRow> data; ///< one per iteration; the last repeats when fewer
    int iterations = 0; ///< 0: one per data row, or 1 without data
    bool stopOnFailure = false;
    /// The secret of a workspace key a request names (ComposerRequest::keyId).
    std::function<std::optional<std::string>(const std::string& keyId)> keySecret;
    /// The JSON Schema of the route answering `request` with `status`, for
    /// schema assertions without one of their own (may be empty).
    std::function<std::optional<std::string>(const ComposerRequest& request, int status)>
        answerSchema;
    RequestClientOptions client;
};

/// How one request of one iteration went.
struct RequestRun {
    int iteration = 0; ///< from 0
    std::string name; ///< the saved request's name
    std::string folder;
    std::string method;
    std::string url; ///< as sent, variables expanded
    bool sent = false; ///< an answer came
    std::string error; ///< why not: unknown variable, no secret, connection refused...
    ReceivedAnswer answer; ///< the body is kept up to kKeptBodyBytes
    CheckOutcome checks;
    bool passed() const { return sent && checks.passed(); }
    /// Failed assertions and captures, or 1 for a request that got no answer.
    int failures() const { return sent ? checks.failures() : 1; }
};

struct RunResult {
    std::vector<RequestRun> requests;
    int iterations = 0; ///< planned
    bool stoppedEarly = false; ///< by stopOnFailure or a stop request
    std::string startedAt; ///< ISO 8601, UTC
    double totalMs = 0;
    int passedRequests() const;
    int failedRequests() const;
    int assertionCount() const;
    int failedAssertions() const;
    bool passed() const { return failedRequests() == 0 && !requests.empty(); }
};

/// Bodies beyond this are cut when kept (the app's results show them).
inline constexpr std::size_t kKeptBodyBytes = 64 * 1024;

/// The requests in `folder` and the folders under it, in the order given;
/// all of them for an empty folder.
std::vector<SavedRequest> requestsInFolder(
    const std::vector<SavedRequest>& requests, std::string_view folder);

/// Why the plan cannot run (no requests, a request whose tests are broken),
/// or empty.
std::string runPlanProblem(const RunPlan& plan);

/// Runs the plan. `progress` (may be empty) sees each request as it ends,
/// on the calling thread. A stop request ends the run after the request
/// under way.
RunResult runCollection(const RunPlan& plan,
    const std::function<void(const RequestRun&)>& progress = {}, std::stop_token stop = {});

} // namespace tollgate::server
