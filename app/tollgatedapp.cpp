#include "app/tollgatedapp.h"

#include "server/engine.h"
#include "server/routetable.h"
#include "server/workspacestore.h"

#include <charconv>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>
#include <pthread.h>

namespace tollgate::app {

namespace {

using namespace tollgate::server;

constexpr const char* kUsage
    = "usage: tollgated --workspace DIR [--bind ADDR] [--port N] [--threads N] [--no-watch]\n"
      "                 [--state-dir DIR] [--redis URL [--redis-fail local|open|closed]]\n"
      "       tollgated --check DIR\n"
      "       tollgated keys create|list|rotate|revoke|usage ... (see tollgated keys --help)\n"
      "       tollgated --version | --help\n"
      "\n"
      "Serves a Tollgate workspace headless. Prints \"listening on http://ADDR:PORT\"\n"
      "when ready (--port 0 picks a free port) and stops cleanly on SIGINT/SIGTERM.\n"
      "Edits to the workspace files are applied live unless --no-watch is given;\n"
      "SIGHUP applies them at once (tollgated keys sends it after changing keys).\n"
      "--state-dir holds usage.json (quota counts, usage ledger) and run/<pid>, which\n"
      "tollgated keys uses to find running instances (default: DIR/.tollgate).\n"
      "--redis redis://[:PASSWORD@]HOST[:PORT][/DB] shares rate limits and quotas\n"
      "between instances; --redis-fail is what keyed requests get while Redis is\n"
      "unreachable: this instance's own limits (local, the default), no limits\n"
      "(open) or 503 (closed).\n"
      "--check validates a workspace and exits non-zero listing file:line errors.\n";

struct Options {
    std::string workspace;
    std::string check;
    std::optional<std::string> bind;
    std::optional<int> port;
    std::optional<int> threads;
    std::string stateDir;
    std::string redisUrl;
    std::optional<RedisFailPolicy> redisFail;
    bool watch = true;
};

std::optional<int> parseInt(const std::string& s, int min, int max)
{
    int v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size() || v < min || v > max)
        return std::nullopt;
    return v;
}

void printDiagnostics(const std::filesystem::path& dir, const std::vector<Diagnostic>& errors)
{
    for (const auto& e : errors) {
        Diagnostic shown = e;
        if (!shown.file.empty())
            shown.file = (dir / shown.file).string();
        std::cerr << shown.toString() << '\n';
    }
}

int check(const std::string& dirArg)
{
    const std::filesystem::path dir(dirArg);
    auto loaded = loadWorkspace(dir);
    auto errors = loaded.errors;
    // Compiling finds what parsing cannot: bad regexes, templates, body files.
    RouteTable::build(loaded.workspace, 1, &errors);
    printDiagnostics(dir, errors);
    if (!errors.empty()) {
        std::cerr << errors.size() << (errors.size() == 1 ? " problem" : " problems") << " in "
                  << dir.string() << '\n';
        return 1;
    }
    std::cout << "ok: " << dir.string() << " (" << loaded.workspace.routes.size() << " routes)\n";
    return 0;
}

std::string urlHost(const std::string& address)
{
    return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

} // namespace

int runTollgated(const std::vector<std::string>& args)
{
    Options opt;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                std::cerr << "tollgated: " << name << " needs a value\n" << kUsage;
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--version") {
            std::cout << "tollgated " << TOLLGATE_VERSION << '\n';
            return 0;
        } else if (a == "--workspace" || a == "--check" || a == "--bind" || a == "--port"
            || a == "--threads") {
            auto v = value(a.c_str());
            if (!v)
                return 2;
            if (a == "--workspace") {
                opt.workspace = *v;
            } else if (a == "--check") {
                opt.check = *v;
            } else if (a == "--bind") {
                opt.bind = *v;
            } else if (a == "--port") {
                opt.port = parseInt(*v, 0, 65535);
                if (!opt.port) {
                    std::cerr << "tollgated: --port must be a number from 0 to 65535, got \"" << *v
                              << "\"\n";
                    return 2;
                }
            } else {
                opt.threads = parseInt(*v, 1, 1024);
                if (!opt.threads) {
                    std::cerr << "tollgated: --threads must be a number from 1 to 1024, got \""
                              << *v << "\"\n";
                    return 2;
                }
            }
        } else if (a == "--no-watch") {
            opt.watch = false;
        } else {
            std::cerr << "tollgated: unknown argument \"" << a << "\"\n" << kUsage;
            return 2;
        }
    }

    if (!opt.check.empty())
        return check(opt.check);
    if (opt.workspace.empty()) {
        std::cerr << "tollgated: --workspace DIR is required\n" << kUsage;
        return 2;
    }

    // Block the stop signals before any thread starts so that only sigwait
    // below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    const std::filesystem::path dir(opt.workspace);
    if (!std::filesystem::is_directory(dir)) {
        std::cerr << "tollgated: " << dir.string() << " is not a directory\n";
        return 1;
    }
    // Fingerprint before loading: an edit that lands in between is then seen
    // as a change by the watcher instead of being baked into the baseline.
    std::uint64_t fingerprint = workspaceFingerprint(dir);
    auto loaded = loadWorkspace(dir);
    printDiagnostics(dir, loaded.errors);

    Engine engine;
    engine.setTrafficRecording(false); // nobody drains it headless
    printDiagnostics(dir, engine.apply(loaded.workspace));

    EngineOptions eo;
    eo.bind = opt.bind.value_or(loaded.workspace.server.bind);
    eo.port = static_cast<std::uint16_t>(opt.port.value_or(loaded.workspace.server.port));
    eo.threads = opt.threads.value_or(loaded.workspace.server.threads);
    eo.version = TOLLGATE_VERSION;
    if (!isLoopbackAddress(eo.bind))
        std::cerr << "tollgated: note: binding " << eo.bind
                  << " serves beyond this machine; the Host check is off\n";
    std::string error;
    if (!engine.start(eo, &error)) {
        std::cerr << "tollgated: " << error << '\n';
        return 1;
    }
    std::cout << "listening on http://" << urlHost(engine.boundAddress()) << ':' << engine.port()
              << std::endl;

    int stopSignal = 0;
    while (stopSignal == 0) {
        const timespec timeout { 1, 0 };
        const int sig = sigtimedwait(&signals, nullptr, &timeout);
        if (sig == SIGINT || sig == SIGTERM) {
            stopSignal = sig;
            break;
        }
        if (!opt.watch)
            continue;
        // External edits (an editor, git pull) are applied live.
        const auto now = workspaceFingerprint(dir);
        if (now != fingerprint) {
            fingerprint = now;
            auto reloaded = loadWorkspace(dir);
            printDiagnostics(dir, reloaded.errors);
            auto problems = engine.apply(reloaded.workspace);
            printDiagnostics(dir, problems);
            std::cout << "reloaded " << dir.string() << " (" << reloaded.workspace.routes.size()
                      << " routes)" << std::endl;
        }
    }
    std::cout << "stopping (" << (stopSignal == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
    engine.stop();
    return 0;
}

} // namespace tollgate::app
