#include "server/load/loadrunstore.h"

#include "server/common/diagnostic.h"
#include "server/common/files.h"
#include "server/common/text.h"
#include "server/load/loadjson.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/value.hpp>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <tuple>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;

namespace {

bool failed(std::string* error, const std::string& file, const std::string& message)
{
    setError(error, file + ": " + message);
    return false;
}

// ---------------------------------------------------------------------------
// Run files

std::string idProblem(const std::string& id)
{
    if (id.empty())
        return "the run id is empty";
    const std::string quoted = "run id " + jsonQuoted(id);
    if (id.find_first_of("/\\") != std::string::npos)
        return quoted + " must not contain '/' or '\\'";
    if (id.find("..") != std::string::npos)
        return quoted + " must not contain \"..\"";
    if (id.front() == '.')
        return quoted + " must not start with '.'";
    if (std::any_of(
            id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return quoted + " must not contain control characters";
    return {};
}

/// "20261127-131500" from "2026-11-27T13:15:00Z": sorts like the start
/// time and needs no quoting in a shell or a file name.
std::string idBase(const std::string& startedAt)
{
    std::string digits;
    for (char c : startedAt) {
        if (c >= '0' && c <= '9')
            digits += c;
        if (digits.size() == 14)
            return digits.substr(0, 8) + '-' + digits.substr(8);
    }
    return "run";
}

bool readReportFile(const fs::path& file, LoadReport* out, std::string* error)
{
    const std::string name = file.filename().string();
    std::string text;
    std::string reason;
    if (!readFile(file, &text, &reason))
        return failed(error, name, reason);
    json::value root;
    std::vector<Diagnostic> diagnostics;
    if (!jsonfile::parseJson(text, name, &root, &diagnostics)) {
        setError(error, diagnostics.empty() ? name + ": not JSON" : diagnostics.front().toString());
        return false;
    }
    if (!loadReportFromJson(root, out, &reason))
        return failed(error, name, reason);
    // The file name is the id load() and remove() are given, whatever the
    // file says inside (a copied or renamed run keeps working).
    out->id = file.stem().string();
    return true;
}

} // namespace

LoadRunStore::LoadRunStore(std::string dir)
    : m_dir(std::move(dir))
{
}

bool LoadRunStore::save(LoadReport* report, std::string* error) const
{
    std::string id = report->id;
    if (const std::string problem = id.empty() ? std::string() : idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path dir(m_dir);
    if (dir.filename() == "loadruns" && dir.parent_path().filename() == ".tollgate") {
        if (std::string problem = stateFolderProblem(dir.parent_path().parent_path());
            !problem.empty()) {
            setError(error, problem);
            return false;
        }
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        setError(error, "cannot create " + dir.string() + ": " + ec.message());
        return false;
    }
    if (id.empty()) {
        // Unique among the files there now. Two runs saved in the same
        // second by two processes could still pick the same id; runs are
        // started by hand, so that race is not worth a lock file.
        const std::string base = idBase(report->startedAt);
        id = base;
        for (int n = 2; fs::exists(dir / (id + ".json"), ec); ++n)
            id = base + '-' + std::to_string(n);
    }
    // The report only takes the id once its file is written.
    json::value root = loadReportToJson(*report);
    root.as_object()["id"] = jsonString(id);
    if (!writeFileAtomic(dir / (id + ".json"), jsonfile::toPrettyText(root), error))
        return false;
    report->id = id;
    return true;
}

std::vector<LoadRunInfo> LoadRunStore::list(std::vector<std::string>* problems) const
{
    std::vector<LoadRunInfo> runs;
    std::error_code ec;
    const fs::path dir(m_dir);
    if (!fs::exists(dir, ec))
        return runs; // nothing saved yet
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // Temporary files of writeFileAtomic start with '.' and never end in .json.
        if (name.front() == '.' || name.size() <= 5 || name.substr(name.size() - 5) != ".json")
            continue;
        std::error_code typeError;
        if (!it->is_regular_file(typeError))
            continue;
        LoadReport report;
        std::string error;
        if (!readReportFile(it->path(), &report, &error)) {
            if (problems)
                problems->push_back(std::move(error));
            continue;
        }
        LoadRunInfo info;
        info.id = report.id;
        info.startedAt = report.startedAt;
        info.url = report.settings.url;
        info.model = report.settings.model;
        info.connections = report.settings.connections;
        info.rate = report.settings.rate;
        info.requests = report.total.requests;
        info.throughput = report.throughput();
        info.p50 = report.total.latency.percentile(50);
        info.p99 = report.total.latency.percentile(99);
        info.errors = report.total.errorTotal();
        info.stopped = report.stopped;
        runs.push_back(std::move(info));
    }
    if (ec && problems)
        problems->push_back(dir.string() + ": " + ec.message());
    std::sort(runs.begin(), runs.end(), [](const LoadRunInfo& x, const LoadRunInfo& y) {
        return std::tie(x.startedAt, x.id) > std::tie(y.startedAt, y.id);
    });
    return runs;
}

bool LoadRunStore::load(const std::string& id, LoadReport* out, std::string* error) const
{
    if (const std::string problem = idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path file = fs::path(m_dir) / (id + ".json");
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        setError(error, "no load run " + jsonQuoted(id) + " in " + m_dir);
        return false;
    }
    LoadReport report;
    if (!readReportFile(file, &report, error))
        return false;
    *out = std::move(report);
    return true;
}

bool LoadRunStore::remove(const std::string& id, std::string* error) const
{
    if (const std::string problem = idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path file = fs::path(m_dir) / (id + ".json");
    std::error_code ec;
    if (!fs::remove(file, ec)) {
        setError(error,
            ec ? "cannot remove " + file.string() + ": " + ec.message()
               : "no load run " + jsonQuoted(id) + " in " + m_dir);
        return false;
    }
    return true;
}

} // namespace tollgate::server
