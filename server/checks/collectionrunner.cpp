#include "server/checks/collectionrunner.h"

#include "server/common/files.h"
#include "server/composer/variables.h"
#include "server/routing/requestcontext.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <map>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold
/// commas, doubled quotes and line breaks; CRLF or LF ends a record).
bool splitCsv(std::string_view text, const std::string& name,
    std::vector<std::vector<std::string>>* records, std::string* error)
{
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, fieldStarted = false, recordQuoted = false;
    int line = 1;
    auto endRecord = [&] {
        record.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
        // A line holding nothing is skipped; one holding "" is an empty value.
        const bool blank = record.size() == 1 && record.front().empty() && !recordQuoted;
        recordQuoted = false;
        if (!blank)
            records->push_back(std::move(record));
        record.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted && field.empty()) {
            quoted = fieldStarted = recordQuoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            endRecord();
            ++line;
        } else if (c == '"') {
            *error = name + " line " + std::to_string(line)
                + ": a quote inside an unquoted field (quote the whole field and double the quote)";
            return false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *error = name + ": a quoted field is not closed";
        return false;
    }
    if (fieldStarted || !field.empty() || !record.empty())
        endRecord();
    return true;
}

std::string isoNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc {};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

bool parseDataRows(std::string_view text, const std::string& name, bool isJson,
    std::vector<DataRow>* rows, std::string* error)
{
    rows->clear();
    // Spreadsheets write a byte order mark before UTF-8 CSV; it is no part of a name.
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (isJson) {
        boost::system::error_code ec;
        const json::value root = json::parse(text, ec);
        if (ec || !root.is_array()) {
            *error = name + ": " + (ec ? "not JSON (" + ec.message() + ")" : "not a JSON array")
                + "; a data file is an array of objects, one per iteration";
            return false;
        }
        for (std::size_t i = 0; i < root.get_array().size(); ++i) {
            const json::value& item = root.get_array()[i];
            if (!item.is_object()) {
                *error = name + " item " + std::to_string(i) + ": not an object";
                return false;
            }
            DataRow row;
            for (const auto& member : item.get_object())
                row.emplace_back(std::string(member.key()), jsonText(member.value()));
            rows->push_back(std::move(row));
        }
    } else {
        std::vector<std::vector<std::string>> records;
        if (!splitCsv(text, name, &records, error))
            return false;
        if (records.empty()) {
            *error = name + " is empty; it needs a header row of variable names";
            return false;
        }
        const std::vector<std::string>& columns = records.front();
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c].empty()) {
                *error = name + ": column " + std::to_string(c + 1) + " of the header has no name";
                return false;
            }
        for (std::size_t r = 1; r < records.size(); ++r) {
            if (records[r].size() != columns.size()) {
                *error = name + " row " + std::to_string(r + 1) + ": "
                    + std::to_string(records[r].size()) + " values for "
                    + std::to_string(columns.size()) + " columns";
                return false;
            }
            DataRow row;
            for (std::size_t c = 0; c < columns.size(); ++c)
                row.emplace_back(columns[c], records[r][c]);
            rows->push_back(std::move(row));
        }
    }
    if (rows->empty()) {
        *error = name + " has no rows";
        return false;
    }
    return true;
}

bool readDataFile(const std::filesystem::path& path, std::vector<DataRow>* rows, std::string* error)
{
    std::string text, why;
    if (!readFile(path, &text, &why)) {
        *error = "cannot read " + path.string() + ": " + why;
        return false;
    }
    std::string ext = path.extension().string();
    std::transform(
        ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool isJson = ext == ".json"
        || (ext != ".csv" && text.find_first_not_of(" \t\r\n") != std::string::npos
            && text[text.find_first_not_of(" \t\r\n")] == '[');
    return parseDataRows(text, path.filename().string(), isJson, rows, error);
}

int RunResult::passedRequests() const
{
    return int(std::count_if(
        requests.begin(), requests.end(), [](const RequestRun& r) { return r.passed(); }));
}

int RunResult::failedRequests() const
{
    return int(requests.size()) - passedRequests();
}

int RunResult::assertionCount() const
{
    int n = 0;
    for (const RequestRun& r : requests)
        n += int(r.checks.assertions.size());
    return n;
}

int RunResult::failedAssertions() const
{
    int n = 0;
    for (const RequestRun& r : requests)
        for (const AssertionOutcome& a : r.checks.assertions)
            n += a.passed ? 0 : 1;
    return n;
}

std::string runPlanProblem(const RunPlan& plan)
{
    if (plan.requests.empty())
        return "there are no saved requests to run";
    if (plan.iterations < 0)
        return "the number of iterations must be 1 or more";
    for (const SavedRequest& s : plan.requests) {
        for (const Assertion& a : s.request.checks.assertions)
            if (std::string problem = assertionProblem(a); !problem.empty())
                return "request \"" + s.name + "\": " + problem;
        for (const Capture& c : s.request.checks.captures)
            if (std::string problem = captureProblem(c); !problem.empty())
                return "request \"" + s.name + "\": " + problem;
    }
    if (!plan.client.caFile.empty() && !std::filesystem::is_regular_file(plan.client.caFile))
        return "the CA file " + plan.client.caFile + " does not exist";
    return {};
}

std::vector<SavedRequest> requestsInFolder(
    const std::vector<SavedRequest>& requests, std::string_view folder)
{
    std::vector<SavedRequest> in;
    for (const SavedRequest& r : requests) {
        const std::string_view f = r.folder;
        if (folder.empty() || f == folder
            || (f.size() > folder.size() && f.starts_with(folder) && f[folder.size()] == '/'))
            in.push_back(r);
    }
    return in;
}

RunResult runCollection(const RunPlan& plan, const std::function<void(const RequestRun&)>& progress,
    std::stop_token stop)
{
    RunResult result;
    result.startedAt = isoNow();
    const auto began = std::chrono::steady_clock::now();
    result.iterations
        = plan.iterations > 0 ? plan.iterations : std::max<int>(1, int(plan.data.size()));
    RequestClient client(plan.client);
    // A stop ends the request under way too, not only the ones after it.
    const std::stop_callback cancel(stop, [&client] { client.cancel(); });
    const VariableLookup environment = environmentLookup(plan.environment, plan.builtins);
    std::map<std::string, std::string, std::less<>> captured; // for the whole run, as in Postman

    for (int iteration = 0; iteration < result.iterations && !result.stoppedEarly; ++iteration) {
        const DataRow* row = plan.data.empty()
            ? nullptr
            : &plan.data[std::min<std::size_t>(std::size_t(iteration), plan.data.size() - 1)];
        // Captured values first, then the iteration's data, then the environment.
        const VariableLookup lookup = [&](std::string_view name) -> std::optional<std::string> {
            if (auto it = captured.find(name); it != captured.end())
                return it->second;
            if (row)
                for (const auto& [column, value] : *row)
                    if (column == name)
                        return value;
            if (name == "iteration")
                return std::to_string(iteration);
            return environment(name);
        };
        for (const SavedRequest& saved : plan.requests) {
            if (stop.stop_requested()) {
                result.stoppedEarly = true;
                break;
            }
            RequestRun run;
            run.iteration = iteration;
            run.name = saved.name;
            run.folder = saved.folder;
            std::vector<std::string> unknown;
            ComposerRequest request = expandRequest(saved.request, lookup, &unknown);
            run.method = request.method.empty() ? "GET" : request.method;
            run.url = request.url;
            if (!unknown.empty()) {
                run.error = "not sent: {{" + unknown.front() + "}} is not defined";
            } else if (!request.keyId.empty()) {
                if (auto secret = plan.keySecret ? plan.keySecret(request.keyId) : std::nullopt)
                    request.token = *secret;
                else
                    run.error = "not sent: no secret for key " + request.keyId;
            }
            const bool answered
                = run.error.empty() && client.send(request, &run.answer, &run.error);
            if (!answered && client.cancelled()) {
                result.stoppedEarly = true; // stopped mid-request: not a result
                break;
            }
            if (answered) {
                run.sent = true;
                AnswerSchemaLookup schema;
                if (plan.answerSchema)
                    schema = [&](int status) { return plan.answerSchema(request, status); };
                run.checks = evaluateChecks(saved.request.checks, run.answer, lookup, schema);
                for (const CaptureOutcome& c : run.checks.captures)
                    if (c.captured)
                        captured[c.variable] = c.value;
                if (run.answer.body.size() > kKeptBodyBytes)
                    run.answer.body.resize(kKeptBodyBytes);
            }
            const bool failed = !run.passed();
            result.requests.push_back(std::move(run));
            if (progress)
                progress(result.requests.back());
            if (failed && plan.stopOnFailure) {
                result.stoppedEarly = true;
                break;
            }
        }
    }
    result.totalMs
        = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
              .count();
    return result;
}

} // namespace tollgate::server
