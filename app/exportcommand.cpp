#include "exportcommand.h"

#include "server/common/files.h"
#include "server/interchange/fastapiexport.h"
#include "server/interchange/harexport.h"
#include "server/interchange/openapiexport.h"
#include "server/workspace/workspacestore.h"

#include <filesystem>
#include <iostream>
#include <optional>

namespace tollgate::app {

namespace {

using namespace tollgate::server;
namespace fs = std::filesystem;

constexpr const char* kSynopsis
    = "usage: tollgated export openapi --workspace DIR --out FILE|- [--server URL]\n"
      "       tollgated export fastapi --workspace DIR --out FOLDER\n"
      "       tollgated export har --workspace DIR --out FILE|-\n";

constexpr const char* kDetails
    = "\n"
      "openapi writes the workspace in DIR as an OpenAPI 3.1 document (JSON): every\n"
      "route as an operation with its designed responses as examples, API-key\n"
      "security on key-protected routes (with the 401 and 429 answers Tollgate gives\n"
      "there), and the tiers, limits and prices in the description and as\n"
      "x-tollgate-* fields.\n"
      "servers[0] is --server, else the workspace's own address.\n"
      "\n"
      "fastapi writes a runnable FastAPI project into FOLDER (main.py, the shared\n"
      "runtime and template renderer, keys.json with key hashes only,\n"
      "requirements.txt, README.md): each route answers with its designed\n"
      "responses, rules and templates, and key-required routes enforce the tiers'\n"
      "rate limits and quotas. Run it with `uvicorn main:app` in FOLDER.\n"
      "\n"
      "har writes the composer's history (DIR/.tollgate/history.jsonl) as a HAR 1.2\n"
      "file: requests as sent, variables expanded with the environment each was sent\n"
      "with, credentials shown as [redacted]; responses with status, size and time.\n"
      "\n"
      "What the export cannot carry over as the workspace does is listed on stderr. A\n"
      "workspace that does not load cleanly is not exported. Exit status: 0 ok, 1\n"
      "error, 2 bad usage.\n";

struct Args {
    std::string format;
    std::optional<std::string> workspace;
    std::optional<std::string> out;
    std::string server;
};

int usageError(const std::string& message)
{
    std::cerr << "tollgated export: " << message << '\n' << kSynopsis;
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
        if (a == "--workspace" || a == "--out" || a == "--server") {
            if (i + 1 >= args.size())
                return usageError(a + " needs a value");
            const std::string& value = args[++i];
            if (a == "--workspace")
                out->workspace = value;
            else if (a == "--out")
                out->out = value;
            else
                out->server = value;
        } else if (a.starts_with("--")) {
            return usageError("unknown option \"" + a + "\"");
        } else if (out->format.empty()) {
            out->format = a;
        } else {
            return usageError("unexpected argument \"" + a + "\"");
        }
    }
    if (out->format != "openapi" && out->format != "fastapi" && out->format != "har")
        return usageError(out->format.empty()
                ? std::string("name what to export: openapi, fastapi or har")
                : "cannot export \"" + out->format + "\" (openapi, fastapi and har are supported)");
    if (out->format == "fastapi" && !out->server.empty())
        return usageError("--server applies to openapi only");
    if (!out->workspace)
        return usageError("--workspace DIR is required");
    if (!out->out)
        return usageError(out->format == "fastapi" ? std::string("--out FOLDER is required")
                                                   : "--out FILE is required (- for stdout)");
    if (out->format == "fastapi" && *out->out == "-")
        return usageError("a FastAPI project is a folder; --out - is for openapi");
    return -1;
}

void printNotes(const std::vector<ImportNote>& notes)
{
    for (const ImportNote& n : notes)
        std::cerr << (n.kind == ImportNote::Kind::Skipped ? "skipped       " : "approximated  ")
                  << n.where << ": " << n.message << '\n';
}

int exportFastApiProject(const Workspace& ws, const std::string& folder)
{
    const FastApiExport project = exportFastApi(ws);
    printNotes(project.notes);
    std::string error;
    if (!writeFastApiProject(project, folder, &error)) {
        std::cerr << "tollgated export: cannot write " << folder << ": " << error << '\n';
        return 1;
    }
    std::cerr << "Wrote " << folder << ": FastAPI project, " << ws.routes.size()
              << " route(s); run it with `uvicorn main:app` there\n";
    return 0;
}

} // namespace

int runExportCommand(const std::vector<std::string>& rawArgs)
{
    Args args;
    if (const int rc = parseArgs(rawArgs, &args); rc >= 0)
        return rc;
    LoadResult loaded = loadWorkspace(*args.workspace);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.errors)
            std::cerr << d.toString() << '\n';
        std::cerr << "tollgated export: the workspace does not load cleanly; nothing was written\n";
        return 1;
    }
    if (args.format == "fastapi")
        return exportFastApiProject(loaded.workspace, *args.out);
    std::string text;
    std::string what;
    if (args.format == "har") {
        const HarExport har = exportWorkspaceHistoryHar(loaded.workspace);
        printNotes(har.notes);
        text = har.text;
        what = "HAR 1.2, " + std::to_string(har.entries) + " request(s) from the history";
    } else {
        const OpenApiExport exported = exportOpenApi(loaded.workspace, args.server);
        printNotes(exported.notes);
        text = exported.text;
        what = "OpenAPI 3.1, " + std::to_string(loaded.workspace.routes.size()) + " route(s)";
    }
    if (*args.out == "-") {
        std::cout << text;
        return 0;
    }
    std::string error;
    if (!writeFileAtomic(*args.out, text, &error)) {
        std::cerr << "tollgated export: cannot write " << *args.out << ": " << error << '\n';
        return 1;
    }
    std::cerr << "Wrote " << *args.out << ": " << what << '\n';
    return 0;
}

} // namespace tollgate::app
