#include "tollgatedapp.h"

#include "exportcommand.h"
#include "importcommand.h"
#include "keyscommand.h"
#include "loadcommand.h"
#include "runcommand.h"
#include "verifycommand.h"
#include "runregistry.h"

#include "server/common/files.h"
#include "server/engine/engine.h"
#include "server/metering/adminserver.h"
#include "server/metering/metering.h"
#include "server/routing/routetable.h"
#include "server/upstream/ssrfguard.h"
#include "server/workspace/workspacestore.h"

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
      "                 [--admin-port N [--admin-bind ADDR] [--journal N]\n"
      "                  [--journal-body-limit BYTES]] [--log-json FILE|-]\n"
      "                 [--metrics-db FILE|-] [--metrics-retention DAYS] [--no-metrics]\n"
      "                 [--allow-upstream CIDR]... [--record | --offline]\n"
      "                 [--tls-cert FILE --tls-key FILE]\n"
      "       tollgated --check DIR\n"
      "       tollgated keys create|list|rotate|revoke|usage ... (see tollgated keys --help)\n"
      "       tollgated load --url URL [--connections N] [--duration S] ... (see tollgated load "
      "--help)\n"
      "       tollgated import FILE --workspace DIR [--merge] ... (see tollgated import --help)\n"
      "       tollgated export openapi --workspace DIR --out FILE (see tollgated export --help)\n"
      "       tollgated verify --admin URL [--path P] [--count N] ... (see tollgated verify "
      "--help)\n"
      "       tollgated run [FOLDER] --workspace DIR [--env NAME] [--junit FILE] ... (see\n"
      "         tollgated run --help)\n"
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
      "--admin-port serves Prometheus metrics at /metrics (and /health) on its own\n"
      "port, on 127.0.0.1 unless --admin-bind says otherwise, and the request journal\n"
      "at /journal: the last --journal N requests (default 1000, 0 = off) with their\n"
      "headers (key values masked), bodies up to --journal-body-limit BYTES (16384),\n"
      "route, key id, tier and status; GET filters it (?method=&path=&route=&key=\n"
      "&tier=&status=&header=NAME:VALUE&bodyContains=&limit=), DELETE empties it.\n"
      "tollgated verify asks it what a client sent. --log-json writes one\n"
      "JSON line per request (with its X-Request-ID) to FILE, or stdout for -.\n"
      "Metric buckets go to --metrics-db (default: the state directory's metrics.db;\n"
      "- keeps them in memory); per-minute history is kept --metrics-retention days\n"
      "(default: the workspace's server.metrics.retentionDays, 7), per-second history\n"
      "one day. --no-metrics records nothing.\n"
      "--allow-upstream lets upstream routes reach an address range that is not\n"
      "public (e.g. 127.0.0.0/8 for a local backend), on top of the workspace's\n"
      "server.upstreamAllowlist; secret upstream headers are read from the\n"
      "environment variables their secretEnv names.\n"
      "--record turns every answer an upstream gives into designed responses, written\n"
      "to the workspace's route files as they come (numeric and UUID path segments\n"
      "become parameters; cookies, tokens and keys are not recorded); what is served\n"
      "does not change. --offline then serves upstream routes from those designed\n"
      "responses and never calls an upstream.\n"
      "--tls-cert and --tls-key serve HTTPS (TLS 1.2 and 1.3, ALPN http/1.1) with a\n"
      "PEM certificate chain (the server's certificate first) and its unencrypted\n"
      "key; the line printed then says https://.\n"
      "--check validates a workspace and exits non-zero listing file:line errors.\n";

struct Options {
    std::string workspace;
    std::string check;
    std::optional<std::string> bind;
    std::optional<int> port;
    std::optional<int> threads;
    std::string stateDir;
    std::string redisUrl;
    std::string tlsCert; // HTTPS: the certificate chain and its key
    std::string tlsKey;
    std::optional<RedisFailPolicy> redisFail;
    bool watch = true;
    std::optional<int> adminPort;
    std::string adminBind = "127.0.0.1";
    std::string jsonLog;
    std::string metricsDb;
    std::optional<int> retentionDays;
    std::optional<int> journal; // requests the journal keeps (with --admin-port)
    std::optional<int> journalBodyLimit;
    bool metrics = true;
    std::vector<std::string> allowUpstream;
    bool record = false;
    bool offline = false;
};

std::optional<int> parseInt(const std::string& s, int min, int max)
{
    int v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size() || v < min || v > max)
        return std::nullopt;
    return v;
}

/// Record mode: merges what the engine recorded into the workspace and writes
/// the routes that changed. False when they cannot be written (said on stderr).
bool writeRecorded(Engine& engine, Workspace& ws, std::uint64_t* fingerprint)
{
    std::vector<RecordedExchange> exchanges;
    engine.takeRecorded(&exchanges);
    if (exchanges.empty())
        return true;
    const auto merge = mergeRecording(ws, exchanges);
    for (const auto& why : merge.skipped)
        std::cerr << "tollgated: not recorded: " << why << '\n';
    if (!merge.changed())
        return true;
    const bool unchangedBefore = workspaceFingerprint(ws.dir) == *fingerprint;
    std::string error;
    if (!saveRoutes(ws, merge.changedRoutes, &error)) {
        std::cerr << "tollgated: cannot write recorded routes: " << error << '\n';
        return false;
    }
    // Our own writes are no edit to reload (recording does not change what
    // is served); an edit made meanwhile still is.
    if (unchangedBefore)
        *fingerprint = workspaceFingerprint(ws.dir);
    std::cout << "recorded " << exchanges.size() << " exchanges: " << merge.routesAdded
              << " routes added, " << merge.responsesAdded << " responses, " << merge.duplicates
              << " already recorded" << std::endl;
    return true;
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

int check(const std::string& dirArg, const std::vector<std::string>& allowUpstream)
{
    const std::filesystem::path dir(dirArg);
    auto loaded = loadWorkspace(dir);
    auto errors = loaded.errors;
    // Compiling finds what parsing cannot: bad regexes, templates, body
    // files, and upstreams that would be refused or lack their secret.
    Engine engine;
    engine.setUpstreamAccess(allowUpstream, nullptr);
    const auto compiled = engine.apply(loaded.workspace);
    errors.insert(errors.end(), compiled.begin(), compiled.end());
    printDiagnostics(dir, errors);
    if (!errors.empty()) {
        std::cerr << errors.size() << (errors.size() == 1 ? " problem" : " problems") << " in "
                  << dir.string() << '\n';
        return 1;
    }
    std::cout << "ok: " << dir.string() << " (" << loaded.workspace.routes.size() << " routes)\n";
    return 0;
}

/// Checks "redis://[[user]:password@]host[:port][/db]" as the engine reads it,
/// so that a typo is a usage error at start rather than a stream of Redis
/// failures later. *shown is the URL without its credentials, for output.
bool checkRedisUrl(const std::string& url, std::string* shown, std::string* error)
{
    constexpr std::string_view kScheme = "redis://";
    *shown = url;
    if (url.rfind("rediss://", 0) == 0) {
        *error = "TLS (rediss://) is not supported; use redis://";
        return false;
    }
    if (url.rfind(kScheme, 0) != 0) {
        *error = "must look like redis://[:PASSWORD@]HOST[:PORT][/DB]";
        return false;
    }
    std::string authority = url.substr(kScheme.size());
    std::string path;
    if (const auto slash = authority.find('/'); slash != std::string::npos) {
        path = authority.substr(slash);
        authority.resize(slash);
    }
    // Credentials never reach the terminal or a log, not even in an error.
    std::string hostPort = authority;
    std::string userinfo;
    if (const auto at = authority.rfind('@'); at != std::string::npos) {
        hostPort = authority.substr(at + 1);
        userinfo = "***@";
    }
    *shown = std::string(kScheme) + userinfo + hostPort + path;

    std::string host = hostPort;
    std::optional<std::string> port;
    if (!hostPort.empty() && hostPort.front() == '[') {
        const auto close = hostPort.find(']');
        if (close == std::string::npos) {
            *error = "an IPv6 address needs a closing ]";
            return false;
        }
        host = hostPort.substr(0, close + 1);
        const std::string after = hostPort.substr(close + 1);
        if (!after.empty() && after.front() != ':') {
            *error = "unexpected \"" + after + "\" after the address";
            return false;
        }
        if (!after.empty())
            port = after.substr(1);
    } else if (const auto colon = hostPort.rfind(':'); colon != std::string::npos) {
        host = hostPort.substr(0, colon);
        port = hostPort.substr(colon + 1);
    }
    if (host.empty() || host == "[]") {
        *error = "needs a host";
        return false;
    }
    if (port && !parseInt(*port, 1, 65535)) {
        *error = "the port must be a number from 1 to 65535";
        return false;
    }
    if (!path.empty() && path != "/" && !parseInt(path.substr(1), 0, 1 << 20)) {
        *error = "the database (after /) must be a number";
        return false;
    }
    return true;
}

std::optional<RedisFailPolicy> redisFailPolicy(const std::string& s)
{
    if (s == "local")
        return RedisFailPolicy::Local;
    if (s == "open")
        return RedisFailPolicy::Open;
    if (s == "closed")
        return RedisFailPolicy::Closed;
    return std::nullopt;
}

std::string describeLimiter(const std::string& shownRedisUrl, RedisFailPolicy policy)
{
    if (shownRedisUrl.empty())
        return "in-memory (this instance only)";
    const char* fallback = policy == RedisFailPolicy::Open ? "admit without limits"
        : policy == RedisFailPolicy::Closed                ? "refuse keyed requests with 503"
                                                           : "this instance's in-memory limits";
    return "redis " + shownRedisUrl + " (shared; while unreachable: " + fallback + ")";
}

std::string urlHost(const std::string& address)
{
    return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

} // namespace

int runTollgated(const std::vector<std::string>& args)
{
    if (!args.empty() && args.front() == "keys")
        return runKeysCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "load")
        return runLoadCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "verify")
        return runVerifyCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "run")
        return runRunCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "import")
        return runImportCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "export")
        return runExportCommand(std::vector<std::string>(args.begin() + 1, args.end()));

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
            || a == "--threads" || a == "--state-dir" || a == "--redis" || a == "--redis-fail"
            || a == "--admin-port" || a == "--admin-bind" || a == "--log-json"
            || a == "--metrics-db" || a == "--metrics-retention" || a == "--allow-upstream"
            || a == "--tls-cert" || a == "--tls-key" || a == "--journal"
            || a == "--journal-body-limit") {
            auto v = value(a.c_str());
            if (!v)
                return 2;
            if (a == "--workspace") {
                opt.workspace = *v;
            } else if (a == "--check") {
                opt.check = *v;
            } else if (a == "--bind") {
                opt.bind = *v;
            } else if (a == "--state-dir") {
                if (v->empty()) {
                    std::cerr << "tollgated: --state-dir needs a directory\n";
                    return 2;
                }
                opt.stateDir = *v;
            } else if (a == "--redis") {
                opt.redisUrl = *v;
            } else if (a == "--admin-port") {
                opt.adminPort = parseInt(*v, 0, 65535);
                if (!opt.adminPort) {
                    std::cerr << "tollgated: --admin-port must be a number from 0 to 65535, got \""
                              << *v << "\"\n";
                    return 2;
                }
            } else if (a == "--allow-upstream") {
                std::string why;
                if (!AddressRange::parse(*v, &why)) {
                    std::cerr << "tollgated: --allow-upstream: " << why << '\n';
                    return 2;
                }
                opt.allowUpstream.push_back(*v);
            } else if (a == "--tls-cert" || a == "--tls-key") {
                if (v->empty()) {
                    std::cerr << "tollgated: " << a << " needs a file name\n";
                    return 2;
                }
                (a == "--tls-cert" ? opt.tlsCert : opt.tlsKey) = *v;
            } else if (a == "--admin-bind") {
                opt.adminBind = *v;
            } else if (a == "--journal" || a == "--journal-body-limit") {
                const bool size = a == "--journal";
                const auto n = parseInt(*v, 0,
                    size ? static_cast<int>(RequestJournal::kMaxCapacity) : 64 * 1024 * 1024);
                if (!n) {
                    std::cerr << "tollgated: " << a
                              << (size ? " must be a number of requests from 0 to 1000000"
                                       : " must be a number of bytes from 0 to 67108864")
                              << ", got \"" << *v << "\"\n";
                    return 2;
                }
                (size ? opt.journal : opt.journalBodyLimit) = n;
            } else if (a == "--log-json" || a == "--metrics-db") {
                if (v->empty()) {
                    std::cerr << "tollgated: " << a << " needs a file name (or -)\n";
                    return 2;
                }
                (a == "--log-json" ? opt.jsonLog : opt.metricsDb) = *v;
            } else if (a == "--metrics-retention") {
                opt.retentionDays = parseInt(*v, 1, 3650);
                if (!opt.retentionDays) {
                    std::cerr << "tollgated: --metrics-retention must be a number of days from 1 "
                                 "to 3650, got \""
                              << *v << "\"\n";
                    return 2;
                }
            } else if (a == "--redis-fail") {
                opt.redisFail = redisFailPolicy(*v);
                if (!opt.redisFail) {
                    std::cerr << "tollgated: --redis-fail must be local, open or closed, got \""
                              << *v << "\"\n";
                    return 2;
                }
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
        } else if (a == "--no-metrics") {
            opt.metrics = false;
        } else if (a == "--record") {
            opt.record = true;
        } else if (a == "--offline") {
            opt.offline = true;
        } else {
            std::cerr << "tollgated: unknown argument \"" << a << "\"\n" << kUsage;
            return 2;
        }
    }

    if (!opt.check.empty())
        return check(opt.check, opt.allowUpstream);
    if (opt.record && opt.offline) {
        std::cerr << "tollgated: --record and --offline exclude each other: offline, nothing "
                     "reaches an upstream to be recorded\n";
        return 2;
    }
    if (opt.workspace.empty()) {
        std::cerr << "tollgated: --workspace DIR is required\n" << kUsage;
        return 2;
    }
    std::string shownRedisUrl;
    if (!opt.redisUrl.empty()) {
        std::string error;
        if (!checkRedisUrl(opt.redisUrl, &shownRedisUrl, &error)) {
            std::cerr << "tollgated: --redis " << shownRedisUrl << ": " << error << '\n';
            return 2;
        }
    } else if (opt.redisFail) {
        std::cerr << "tollgated: --redis-fail only applies together with --redis URL\n";
        return 2;
    }

    // Block the stop and reload signals before any thread starts so that only
    // sigtimedwait below receives them. SIGHUP must be blocked before this
    // instance registers in run/: from then on `tollgated keys` may send it,
    // and its default action would end the process.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    const std::filesystem::path dir(opt.workspace);
    if (!std::filesystem::is_directory(dir)) {
        std::cerr << "tollgated: " << dir.string() << " is not a directory\n";
        return 1;
    }
    std::error_code ec;
    const std::filesystem::path stateDir = opt.stateDir.empty()
        ? std::filesystem::absolute(dir, ec) / ".tollgate"
        : std::filesystem::absolute(opt.stateDir, ec);
    if (!opt.stateDir.empty()) {
        std::filesystem::create_directories(stateDir, ec);
        if (ec || !std::filesystem::is_directory(stateDir)) {
            std::cerr << "tollgated: --state-dir " << stateDir.string() << ": "
                      << (ec ? ec.message() : std::string("not a directory")) << '\n';
            return 1;
        }
    }

    // A cloned workspace may ship .tollgate/ with links (history.jsonl ->
    // ~/.bashrc): its state is written only into real files.
    if (opt.stateDir.empty()) {
        if (std::string problem = stateFolderProblem(dir); !problem.empty()) {
            std::cerr << "tollgated: " << problem << "; remove the link or use --state-dir DIR\n";
            return 1;
        }
    }

    // Register before the first look at keys.json: a `tollgated keys` run that
    // finishes writing before that look is served by it, any later one finds
    // this file and signals us.
    RunFile runFile(stateDir, dir);
    std::string runError;
    if (!runFile.create("starting", &runError))
        std::cerr << "tollgated: note: " << runError
                  << "; tollgated keys cannot reach this instance, which then applies key "
                     "changes when it next polls\n";

    // Fingerprint before loading: an edit that lands in between is then seen
    // as a change by the watcher instead of being baked into the baseline.
    std::uint64_t fingerprint = workspaceFingerprint(dir);
    std::string keysApplied = keysFingerprint(dir);
    auto loaded = loadWorkspace(dir);
    printDiagnostics(dir, loaded.errors);

    Engine engine;
    engine.setTrafficRecording(false); // nobody drains it headless
    engine.setUpstreamAccess(opt.allowUpstream, nullptr);
    if (opt.offline)
        engine.setOffline(true);
    engine.setRecording(opt.record);
    Workspace current = loaded.workspace;
    printDiagnostics(dir, engine.apply(loaded.workspace));
    runFile.update(keysApplied);

    EngineOptions eo;
    eo.bind = opt.bind.value_or(loaded.workspace.server.bind);
    eo.port = static_cast<std::uint16_t>(opt.port.value_or(loaded.workspace.server.port));
    eo.threads = opt.threads.value_or(loaded.workspace.server.threads);
    eo.version = TOLLGATE_VERSION;
    eo.stateDir = opt.stateDir.empty() ? std::filesystem::path() : stateDir;
    eo.redisUrl = opt.redisUrl;
    eo.redisFailPolicy = opt.redisFail.value_or(RedisFailPolicy::Local);
    eo.jsonLog = opt.jsonLog;
    // The journal is read over the admin port: without it nobody could.
    if (opt.adminPort)
        eo.journalCapacity = static_cast<std::size_t>(
            opt.journal.value_or(static_cast<int>(RequestJournal::kDefaultCapacity)));
    if (opt.journalBodyLimit)
        eo.journalBodyLimit = static_cast<std::size_t>(*opt.journalBodyLimit);
    eo.tlsCertFile = opt.tlsCert;
    eo.tlsKeyFile = opt.tlsKey;
    eo.metricsDatabase = opt.metricsDb;
    eo.metering = opt.metrics;
    if (opt.retentionDays) {
        eo.metricsRetention.emplace();
        eo.metricsRetention->minutesKeptFor = std::int64_t { *opt.retentionDays } * 86400;
    }
    if (!isLoopbackAddress(eo.bind))
        std::cerr << "tollgated: note: binding " << eo.bind
                  << " serves beyond this machine; the Host check is off\n";
    std::string error;
    if (!engine.start(eo, &error)) {
        std::cerr << "tollgated: " << error << '\n';
        return 1;
    }
    AdminServer admin;
    if (opt.adminPort) {
        if (!admin.start(opt.adminBind, static_cast<std::uint16_t>(*opt.adminPort),
                engine.metering(), &error, engine.journal())) {
            std::cerr << "tollgated: " << error << '\n';
            engine.stop();
            return 1;
        }
        if (!isLoopbackAddress(opt.adminBind))
            std::cerr << "tollgated: note: the admin endpoint on " << opt.adminBind
                      << " is reachable beyond this machine\n";
    }
    std::cout << "limiter: " << describeLimiter(shownRedisUrl, eo.redisFailPolicy) << '\n';
    if (opt.record)
        std::cout << "recording: upstream answers become designed responses in "
                  << (dir / "routes").string() << '\n';
    if (opt.offline)
        std::cout << "offline: upstream routes answer from their designed responses\n";
    const auto metricsDb = engine.metricsDatabase();
    const auto meteringStats = engine.metering()->stats();
    if (!opt.metrics)
        std::cout << "metrics: off\n";
    else if (!meteringStats.problem.empty())
        std::cerr << "tollgated: metrics are kept in memory only: " << meteringStats.problem
                  << '\n';
    else
        std::cout << "metrics: "
                  << (metricsDb.empty() ? std::string("in memory") : metricsDb.string()) << '\n';
    if (opt.adminPort)
        std::cout << "admin on http://"
                  << urlHost(opt.adminBind == "localhost" ? "127.0.0.1" : opt.adminBind) << ':'
                  << admin.port() << "/metrics" << '\n';
    std::cout << "listening on " << engine.scheme() << "://" << urlHost(engine.boundAddress())
              << ':' << engine.port() << std::endl;

    int stopSignal = 0;
    bool recordFailed = false;
    while (stopSignal == 0) {
        const timespec timeout { 1, 0 };
        const int sig = sigtimedwait(&signals, nullptr, &timeout);
        if (sig == SIGINT || sig == SIGTERM) {
            stopSignal = sig;
            break;
        }
        // SIGHUP (sent by `tollgated keys`) reloads at once and even under
        // --no-watch; otherwise external edits (an editor, git pull) are
        // noticed by polling.
        if (opt.record && !writeRecorded(engine, current, &fingerprint)) {
            recordFailed = true;
            break;
        }
        const bool asked = sig == SIGHUP;
        if (!asked && !opt.watch)
            continue;
        const auto now = workspaceFingerprint(dir);
        if (!asked && now == fingerprint)
            continue;
        fingerprint = now;
        keysApplied = keysFingerprint(dir);
        auto reloaded = loadWorkspace(dir);
        printDiagnostics(dir, reloaded.errors);
        current = reloaded.workspace;
        auto problems = engine.apply(reloaded.workspace);
        printDiagnostics(dir, problems);
        // Only now, with the new snapshot published, may a waiting
        // `tollgated keys` return.
        runFile.update(keysApplied);
        std::cout << "reloaded " << dir.string() << " (" << reloaded.workspace.routes.size()
                  << " routes" << (asked ? ", SIGHUP" : "") << ")" << std::endl;
    }
    std::cout << "stopping ("
              << (recordFailed                  ? "recording failed"
                         : stopSignal == SIGINT ? "SIGINT"
                                                : "SIGTERM")
              << ")" << std::endl;
    admin.stop();
    engine.stop();
    int exitCode = recordFailed ? 1 : 0;
    if (opt.record && !writeRecorded(engine, current, &fingerprint))
        exitCode = 1;
    if (const auto dropped = engine.requestLogDropped(); dropped > 0)
        std::cerr << "tollgated: " << dropped
                  << " request log lines were dropped: the log could not keep up\n";
    return exitCode;
}

} // namespace tollgate::app
