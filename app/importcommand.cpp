#include "importcommand.h"

#include "server/common/files.h"
#include "server/composer/requeststore.h"
#include "server/interchange/importedapi.h"
#include "server/interchange/importmerge.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

#include <unistd.h>

namespace tollgate::app {

namespace {

using namespace tollgate::server;
namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kSynopsis
    = "usage: tollgated import FILE --workspace DIR [--merge [--replace]] [--validate]\n"
      "                         [--har-routes] [--dry-run] [--json]\n";

constexpr const char* kDetails
    = "\n"
      "Imports FILE: an OpenAPI 3.0 or 3.1 document (JSON or YAML), a Mockoon\n"
      "environment, a Postman collection v2.1 or environment, or a HAR 1.2 capture.\n"
      "Operations become routes answering their examples (or samples generated from\n"
      "their schemas) and saved requests in the composer; environments come along.\n"
      "\n"
      "Without --merge, DIR must not exist or be empty, and becomes a new workspace.\n"
      "With --merge, the import joins the workspace in DIR: a route with the same\n"
      "method and path, an environment or saved request of the same name is kept as\n"
      "it was, unless --replace. Conflicts are listed either way.\n"
      "\n"
      "--validate     switch request validation on for imported OpenAPI routes\n"
      "               (400 problem+json for a body that does not match its schema)\n"
      "--har-routes   also make routes of the answers a HAR captured\n"
      "--dry-run      report what would be imported; write nothing\n"
      "--json         print the report as JSON\n"
      "\n"
      "Whatever the file holds that Tollgate does not carry over is listed with its\n"
      "file:line. A file that cannot be read changes nothing: its errors are printed\n"
      "as file:line:column and the exit status is 1. Exit status: 0 ok, 1 error, 2\n"
      "bad usage.\n";

struct Args {
    std::optional<std::string> file;
    std::optional<std::string> workspace;
    bool merge = false;
    bool replace = false;
    bool validate = false;
    bool harRoutes = false;
    bool dryRun = false;
    bool json = false;
};

int usageError(const std::string& message)
{
    std::cerr << "tollgated import: " << message << '\n' << kSynopsis;
    return 2;
}

int parseArgs(const std::vector<std::string>& args, Args* out)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kSynopsis << kDetails;
            return 0;
        }
        if (a == "--workspace") {
            if (i + 1 >= args.size())
                return usageError("--workspace needs a value");
            out->workspace = args[++i];
        } else if (a == "--merge") {
            out->merge = true;
        } else if (a == "--replace") {
            out->replace = true;
        } else if (a == "--validate") {
            out->validate = true;
        } else if (a == "--har-routes") {
            out->harRoutes = true;
        } else if (a == "--dry-run") {
            out->dryRun = true;
        } else if (a == "--json") {
            out->json = true;
        } else if (a.starts_with("--")) {
            return usageError("unknown option \"" + a + "\"");
        } else if (!out->file) {
            out->file = a;
        } else {
            return usageError("one FILE at a time (\"" + a + "\" is a second)");
        }
    }
    if (!out->file)
        return usageError("FILE is required");
    if (!out->workspace)
        return usageError("--workspace DIR is required");
    if (out->replace && !out->merge)
        return usageError("--replace only applies with --merge");
    return -1;
}

bool isEmptyOrMissing(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return true;
    return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

void printErrors(const std::vector<Diagnostic>& errors)
{
    for (const Diagnostic& d : errors)
        std::cerr << d.toString() << '\n';
}

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

void printReport(const Args& args, const ImportedApi& api, const ImportMerge& merge)
{
    if (args.json) {
        json::object o;
        o["format"] = api.format;
        o["title"] = api.title;
        o["workspace"] = *args.workspace;
        o["merged"] = args.merge;
        o["written"] = !args.dryRun;
        o["routesAdded"] = merge.addedRoutes.size();
        o["routesReplaced"] = merge.replacedRoutes.size();
        o["requests"] = merge.requests.size();
        o["environmentsAdded"] = merge.addedEnvironments.size();
        o["upstreamUrl"] = api.upstreamUrl;
        json::array notes;
        for (const ImportNote& n : api.notes)
            notes.push_back(json::object {
                { "kind", toString(n.kind) }, { "where", n.where }, { "message", n.message } });
        o["notes"] = std::move(notes);
        json::array conflicts;
        for (const ImportConflict& c : merge.conflicts)
            conflicts.push_back(
                json::object { { "what", c.what }, { "resolution", c.replaced ? "replaced" : "kept" } });
        o["conflicts"] = std::move(conflicts);
        std::cout << json::serialize(o) << '\n';
        return;
    }
    std::cout << (args.dryRun ? "Would import " : "Imported ") << api.format;
    if (!api.title.empty())
        std::cout << " \"" << api.title << '"';
    std::cout << (args.merge ? " into " : " as the new workspace ") << *args.workspace << ":\n";
    std::cout << "  " << plural(merge.addedRoutes.size(), "route", "routes") << " added";
    if (!merge.replacedRoutes.empty())
        std::cout << ", " << merge.replacedRoutes.size() << " replaced";
    std::cout << "; " << plural(merge.requests.size(), "saved request", "saved requests") << "; "
              << plural(merge.addedEnvironments.size(), "environment", "environments") << '\n';
    if (!api.upstreamUrl.empty())
        std::cout << "  upstream " << api.upstreamUrl
                  << " is kept on the routes, for when one is switched to forward\n";
    if (!api.notes.empty()) {
        std::cout << "\nNot carried over as written (" << api.notes.size() << "):\n";
        for (const ImportNote& n : api.notes)
            std::cout << "  " << (n.kind == ImportNote::Kind::Skipped ? "skipped       "
                                                                   : "approximated  ")
                      << n.where << ": " << n.message << '\n';
    }
    if (!merge.conflicts.empty()) {
        std::cout << "\nAlready in the workspace (" << merge.conflicts.size() << "):\n";
        for (const ImportConflict& c : merge.conflicts)
            std::cout << "  " << (c.replaced ? "replaced  " : "kept      ") << c.what << '\n';
        if (std::any_of(merge.conflicts.begin(), merge.conflicts.end(),
                [](const ImportConflict& c) { return !c.replaced; }))
            std::cout << "  (--replace takes the imported ones instead)\n";
    }
}

bool writeFiles(const fs::path& dir, Workspace& ws, std::vector<SavedRequest>& requests,
    std::string* error)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        *error = "cannot create " + dir.string() + ": " + ec.message();
        return false;
    }
    ws.dir = dir;
    // The saved requests go in the same all-or-none set as the routes: a
    // failed write (a full disk) leaves the workspace as it was.
    std::vector<std::pair<fs::path, std::string>> texts;
    if (!requestFiles(dir, &requests, &texts, error))
        return false;
    std::vector<FileWrite> files;
    for (const auto& [path, text] : texts)
        files.push_back({ path, text });
    return saveWorkspace(ws, error, files);
}

/// A new workspace is written beside DIR under a hidden name and renamed to DIR
/// once complete and on disk: an interrupted import leaves no half workspace,
/// and the thousands of files of a big spec need one flush, not one each.
bool writeNewWorkspace(const fs::path& dir, Workspace& ws, std::vector<SavedRequest>& requests,
    std::string* error)
{
    const fs::path target = fs::absolute(dir).lexically_normal();
    const fs::path parent = target.parent_path();
    const fs::path staging
        = parent / ("." + target.filename().string() + ".importing-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(staging, ec);
    bool ok = false;
    {
        DeferredSync sync(DeferredSync::Target::Private);
        ok = writeFiles(staging, ws, requests, error) && sync.finish(error);
    }
    if (ok) {
        fs::remove(target, ec); // an empty folder named by the user
        fs::rename(staging, target, ec);
        if (ec) {
            *error = "cannot move " + staging.string() + " to " + target.string() + ": "
                + ec.message();
            ok = false;
        } else {
            syncDirectory(parent); // the new name survives a crash as its files do
        }
    }
    if (!ok) {
        fs::remove_all(staging, ec);
        return false;
    }
    ws.dir = target;
    return true;
}

} // namespace

int runImportCommand(const std::vector<std::string>& rawArgs)
{
    Args args;
    if (const int rc = parseArgs(rawArgs, &args); rc >= 0)
        return rc;
    const fs::path dir(*args.workspace);
    if (!args.merge && !isEmptyOrMissing(dir)) {
        std::cerr << "tollgated import: " << dir.string()
                  << " is not empty; name a new folder, or add --merge to merge into the "
                     "workspace there\n";
        return 1;
    }

    ImportOptions options;
    options.validateRequests = args.validate;
    options.harRoutes = args.harRoutes;
    ImportResult imported = importFile(*args.file, options);
    if (!imported.ok()) {
        printErrors(imported.errors);
        std::cerr << "tollgated import: nothing was imported\n";
        return 1;
    }

    Workspace ws;
    ImportMerge merge;
    if (args.merge) {
        LoadResult loaded = loadWorkspace(dir);
        RequestLoadResult requests = loadRequests(dir);
        if (!loaded.ok() || !requests.errors.empty()) {
            printErrors(loaded.errors);
            printErrors(requests.errors);
            std::cerr << "tollgated import: the workspace in " << dir.string()
                      << " does not load cleanly; fix it first (nothing was changed)\n";
            return 1;
        }
        ws = std::move(loaded.workspace);
        merge = mergeImport(ws, requests.requests, imported.api,
            args.replace ? ConflictPolicy::Replace : ConflictPolicy::KeepExisting);
    } else {
        ws = workspaceFromImport(imported.api, &merge);
        ws.dir = dir;
    }

    if (!args.dryRun) {
        std::string error;
        const bool written = args.merge ? writeFiles(dir, ws, merge.requests, &error)
                                        : writeNewWorkspace(dir, ws, merge.requests, &error);
        if (!written) {
            std::cerr << "tollgated import: cannot write " << dir.string() << ": " << error
                      << " (nothing was imported)\n";
            return 1;
        }
    }
    printReport(args, imported.api, merge);
    return 0;
}

} // namespace tollgate::app
