#include "exportcommand.h"

#include "server/common/files.h"
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
    = "usage: tollgated export openapi --workspace DIR --out FILE|- [--server URL]\n";

constexpr const char* kDetails
    = "\n"
      "Writes the workspace in DIR as an OpenAPI 3.1 document (JSON): every route as\n"
      "an operation with its designed responses as examples, API-key security on\n"
      "key-protected routes (with the 401 and 429 answers Tollgate gives there), and\n"
      "the tiers, limits and prices in the description and as x-tollgate-* fields.\n"
      "servers[0] is --server, else the workspace's own address.\n"
      "\n"
      "What the document cannot say as the workspace does is listed on stderr. A\n"
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
    if (out->format != "openapi")
        return usageError(out->format.empty() ? std::string("name what to export: openapi")
                                              : "cannot export \"" + out->format
                    + "\" (openapi is supported)");
    if (!out->workspace)
        return usageError("--workspace DIR is required");
    if (!out->out)
        return usageError("--out FILE is required (- for stdout)");
    return -1;
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
    const OpenApiExport exported = exportOpenApi(loaded.workspace, args.server);
    for (const ImportNote& n : exported.notes)
        std::cerr << (n.kind == ImportNote::Kind::Skipped ? "skipped       " : "approximated  ")
                  << n.where << ": " << n.message << '\n';
    if (*args.out == "-") {
        std::cout << exported.text;
        return 0;
    }
    std::string error;
    if (!writeFileAtomic(*args.out, exported.text, &error)) {
        std::cerr << "tollgated export: cannot write " << *args.out << ": " << error << '\n';
        return 1;
    }
    std::cerr << "Wrote " << *args.out << ": OpenAPI 3.1, "
              << loaded.workspace.routes.size() << " route(s)\n";
    return 0;
}

} // namespace tollgate::app
