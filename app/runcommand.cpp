#include "runcommand.h"

#include "server/checks/answerschemas.h"
#include "server/checks/collectionrunner.h"
#include "server/checks/runreport.h"
#include "server/common/files.h"
#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"

#include <algorithm>
#include <charconv>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <stop_token>
#include <unistd.h>

namespace tollgate::app {

namespace {

using namespace tollgate::server;

constexpr const char* kUsage
    = "usage: tollgated run [FOLDER] --workspace DIR [--env NAME] [--base-url URL]\n"
      "                     [--data FILE] [--iterations N] [--stop-on-failure]\n"
      "                     [--var NAME=VALUE]... [--secret KEY_ID=SECRET]...\n"
      "                     [--junit FILE] [--json FILE]\n"
      "                     [--cacert FILE] [--timeout S] [--quiet]\n"
      "\n"
      "Sends the workspace's saved requests (those in FOLDER and its subfolders, or\n"
      "all of them) in order, checks each answer with the request's tests (its\n"
      "assertions) and keeps what its captures take from the answer as variables\n"
      "for the requests after it. --env picks the environment (default: the\n"
      "workspace's first); {{baseUrl}} is --base-url when the environment does not\n"
      "set it; --var sets a variable over the environment's. --data FILE (CSV with\n"
      "a header row, or a JSON array of objects) runs one iteration per row with\n"
      "its values as variables; --iterations N runs N times (the last row repeats\n"
      "when there are fewer). Variables: captured values first, then the data row,\n"
      "then --var and the environment. --stop-on-failure ends the\n"
      "run at the first failing request. Requests that name a workspace key need\n"
      "its secret: --secret KEY_ID=SECRET (saved requests never hold one).\n"
      "--junit writes JUnit XML for CI (one testsuite per folder, one testcase per\n"
      "request and iteration), --json a JSON report; - is standard output.\n"
      "--cacert trusts a CA beside the system's (the app's local CA, Server >\n"
      "Export CA Certificate); --timeout is the limit of a request that sets none\n"
      "(default 60 s). Exit status 0 when every request passed, 1 when one failed,\n"
      "2 for bad arguments or a workspace that cannot be run.\n";

int usageError(const std::string& why)
{
    std::cerr << "tollgated run: " << why << "\n" << kUsage;
    return 2;
}

bool writeReport(const std::string& path, const std::string& text)
{
    if (path == "-") {
        std::cout << text;
        return true;
    }
    std::string error;
    if (!writeFileAtomic(path, text, &error)) {
        std::cerr << "tollgated run: cannot write " << path << ": " << error << '\n';
        return false;
    }
    return true;
}

std::stop_source* g_stop = nullptr;
extern "C" void onInterrupt(int)
{
    if (g_stop)
        g_stop->request_stop();
}

} // namespace

int runRunCommand(const std::vector<std::string>& args)
{
    std::optional<std::string> workspaceDir, folder, envName, baseUrl, dataFile, junit, jsonOut;
    std::vector<std::pair<std::string, std::string>> secrets, vars;
    RunPlan plan;
    bool quiet = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::optional<std::string>* out) {
            if (i + 1 >= args.size())
                return false;
            *out = args[++i];
            return true;
        };
        // NAME=VALUE after the option, NAME not empty.
        auto pair = [&](std::vector<std::pair<std::string, std::string>>* out) {
            const auto eq = i + 1 < args.size() ? args[i + 1].find('=') : std::string::npos;
            if (eq == std::string::npos || eq == 0)
                return false;
            out->emplace_back(args[i + 1].substr(0, eq), args[i + 1].substr(eq + 1));
            ++i;
            return true;
        };
        std::optional<std::string> v;
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--workspace" || a == "-w") {
            if (!value(&workspaceDir))
                return usageError("--workspace needs a directory");
        } else if (a == "--env" || a == "-e") {
            if (!value(&envName))
                return usageError("--env needs an environment name");
        } else if (a == "--base-url") {
            if (!value(&baseUrl))
                return usageError("--base-url needs a URL");
        } else if (a == "--data" || a == "-d") {
            if (!value(&dataFile))
                return usageError("--data needs a CSV or JSON file");
        } else if (a == "--junit") {
            if (!value(&junit))
                return usageError("--junit needs a file (or - for standard output)");
        } else if (a == "--json") {
            if (!value(&jsonOut))
                return usageError("--json needs a file (or - for standard output)");
        } else if (a == "--cacert") {
            if (!value(&v))
                return usageError("--cacert needs a PEM file");
            plan.client.caFile = *v;
        } else if (a == "--iterations" || a == "-n") {
            int n = 0;
            if (!value(&v)
                || std::from_chars(v->data(), v->data() + v->size(), n).ptr != v->data() + v->size()
                || n < 1 || n > 1'000'000)
                return usageError("--iterations needs a whole number from 1 to 1000000");
            plan.iterations = n;
        } else if (a == "--timeout") {
            double s = 0;
            if (!value(&v)
                || std::from_chars(v->data(), v->data() + v->size(), s).ptr != v->data() + v->size()
                || s <= 0 || s > 86'400)
                return usageError("--timeout needs seconds above 0");
            plan.client.totalTimeoutMs = int(s * 1000);
        } else if (a == "--secret") {
            if (!pair(&secrets))
                return usageError("--secret needs KEY_ID=SECRET");
        } else if (a == "--var") {
            if (!pair(&vars))
                return usageError("--var needs NAME=VALUE");
        } else if (a == "--stop-on-failure" || a == "--bail") {
            plan.stopOnFailure = true;
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (!a.empty() && a.front() == '-') {
            return usageError("unknown option " + a);
        } else if (folder) {
            return usageError("one folder at a time (got " + *folder + " and " + a + ")");
        } else {
            folder = a;
            while (!folder->empty() && folder->back() == '/')
                folder->pop_back();
        }
    }
    if (!workspaceDir)
        return usageError("--workspace DIR is required");

    LoadResult loaded = loadWorkspace(*workspaceDir);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.errors)
            std::cerr << d.toString() << '\n';
        std::cerr << "tollgated run: the workspace does not load cleanly; nothing was sent\n";
        return 2;
    }
    const Workspace& ws = loaded.workspace;
    RequestLoadResult saved = loadRequests(ws.dir);
    if (!saved.errors.empty()) {
        for (const Diagnostic& d : saved.errors)
            std::cerr << d.toString() << '\n';
        std::cerr << "tollgated run: saved requests do not load; nothing was sent\n";
        return 2;
    }
    plan.requests = requestsInFolder(saved.requests, folder.value_or(""));
    if (folder && plan.requests.empty()) {
        std::string known;
        for (const std::string& f : saved.folders)
            known += (known.empty() ? "" : ", ") + f;
        return usageError("no saved requests in folder \"" + *folder + "\""
            + (known.empty() ? std::string(" (the workspace has no folders)")
                             : " (folders: " + known + ")"));
    }
    if (envName) {
        auto it = std::find_if(ws.environments.begin(), ws.environments.end(),
            [&](const Environment& e) { return e.name == *envName; });
        if (it == ws.environments.end()) {
            std::string known;
            for (const Environment& e : ws.environments)
                known += (known.empty() ? "" : ", ") + e.name;
            return usageError(
                "no environment \"" + *envName + "\" (the workspace has: " + known + ")");
        }
        plan.environment = *it;
    } else if (!ws.environments.empty()) {
        plan.environment = ws.environments.front();
    }
    // --var wins over the environment's value of the same name.
    for (const auto& [name, value] : vars) {
        auto& variables = plan.environment.variables;
        std::erase_if(variables, [&](const auto& v) { return v.first == name; });
        variables.emplace_back(name, value);
    }
    if (baseUrl)
        plan.builtins.emplace_back("baseUrl", *baseUrl);
    if (dataFile) {
        std::string error;
        if (!readDataFile(*dataFile, &plan.data, &error))
            return usageError(error);
    }
    plan.keySecret = [secrets](const std::string& id) -> std::optional<std::string> {
        for (const auto& [key, secret] : secrets)
            if (key == id)
                return secret;
        return std::nullopt;
    };
    // Schema checks without a schema of their own use the answering
    // route's, for requests to where this workspace is served.
    {
        // {{baseUrl}} as the requests get it: the environment's, else --base-url.
        std::string served = baseUrl.value_or("");
        for (const auto& [name, value] : plan.environment.variables)
            if (name == "baseUrl")
                served = value;
        auto schemas = std::make_shared<const AnswerSchemas>(ws.routes, served);
        plan.answerSchema = [schemas](const ComposerRequest& request, int status) {
            return schemas->find(request, status);
        };
    }
    plan.client.baseDir = ws.dir;
    if (const std::string problem = runPlanProblem(plan); !problem.empty())
        return usageError(problem);

    std::stop_source stop;
    g_stop = &stop;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const RunResult result = runCollection(plan, {}, stop.get_token());
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_stop = nullptr;

    RunReportInfo info;
    info.environment = plan.environment.name;
    info.scope = folder ? "folder " + *folder : std::string("all saved requests");
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0)
        info.hostname = host;
    bool written = true;
    if (junit)
        written = writeReport(*junit, runToJunit(result, info)) && written;
    if (jsonOut)
        written = writeReport(*jsonOut, runToJson(result, info)) && written;
    // With a report on standard output the summary goes to standard error.
    std::ostream& out = junit == "-" || jsonOut == "-" ? std::cerr : std::cout;
    if (!quiet)
        out << runSummary(result);
    if (!written)
        return 2;
    return result.passed() ? 0 : 1;
}

} // namespace tollgate::app
