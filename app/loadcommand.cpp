#include "loadcommand.h"

#include "server/common/files.h"
#include "server/load/loadgen.h"
#include "server/load/loadjson.h"
#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "server/load/httpget.h"
#include "server/load/thresholds.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <pthread.h>
#include <sstream>

namespace tollgate::app {

namespace {

using namespace tollgate::server;
namespace fs = std::filesystem;

constexpr const char* kUsage
    = "usage: tollgated load --url URL [--connections N] [--duration S | --requests N]\n"
      "                      [--rate R] [--warmup S] [--ramp-up S] [--timeout S] [--threads N]\n"
      "                      [--method M] [--header 'NAME: VALUE']... [--body TEXT|@FILE]\n"
      "                      [--plan FILE] [--key [TIER=]SECRET]... [--key-header NAME]\n"
      "                      [--stream] [--ws-message TEXT|@FILE] [--ws-interval MS]\n"
      "                      [--insecure | --cacert FILE] [--json FILE|-]\n"
      "                      [--save DIR | --workspace DIR] [--quiet]\n"
      "                      [--threshold EXPR]... [--abort-on-fail] [--admin URL]\n"
      "       tollgated load --compare RUN_A.json RUN_B.json\n"
      "\n"
      "Sends HTTP/1.1 requests to URL and prints what came back: requests, throughput,\n"
      "latency percentiles and histogram, status codes, errors by kind (connect,\n"
      "timeout, reset, protocol) and a line per tier and per route.\n"
      "Closed model (default): --connections N (64) connections, each sending its next\n"
      "request when the last is answered. Open model: --rate R requests/s whatever\n"
      "the answers do; latency counts from when each request was due (coordinated\n"
      "omission corrected, as wrk2 does), so give enough --connections for the rate.\n"
      "--duration S (10) of measurement, or --requests N, after --warmup S whose\n"
      "requests are sent but not counted; --ramp-up S grows the load from nothing.\n"
      "--plan FILE reads the settings of a saved run (its \"settings\", or a settings\n"
      "object): the route mix with weights, path parameters, headers and bodies from\n"
      "templates; the other flags override it. Saved runs hold no key secrets:\n"
      "give the pool with --key TIER=SECRET (repeat for several tiers), sent as\n"
      "Authorization: Bearer (or in --key-header X-API-Key).\n"
      "https:// and wss:// targets have their certificate and name checked against the\n"
      "system's CA store, or only the CA certificates (PEM) in --cacert FILE; --insecure\n"
      "(-k) skips that for test servers with self-signed ones.\n"
      "--stream reads each answer as Server-Sent Events: a request lasts until its\n"
      "stream ends, and the report adds streams, events and tokens per second (of LLM\n"
      "chunks' delta content) and the time to the first event; --timeout is then the\n"
      "longest silence, and streams still open at the end are closed, not errors.\n"
      "A ws:// or wss:// URL makes a WebSocket run (closed model, a duration): each\n"
      "connection opens a session and holds it; the report adds sessions opened and\n"
      "held, messages in and out per second and the time to the first message.\n"
      "--ws-message TEXT (a template, {{stream.index}} its number) is sent when a\n"
      "session opens and again every --ws-interval MS; an echo of it gives the round\n"
      "trip. --timeout is the longest silence; a refused handshake counts under its\n"
      "status; sessions still open at the end are closed with 1000, not errors.\n"
      "--json writes the report (settings, results, timeline) as JSON; --workspace DIR\n"
      "saves it with the workspace's runs (DIR/.tollgate/loadruns), --save DIR in DIR.\n"
      "SIGINT (Ctrl+C) stops early and still reports what was measured.\n"
      "\n"
      "--threshold EXPR (repeatable, added to a plan's) passes or fails the run; any\n"
      "failure makes the exit status 99. Latency: p50<20ms, p99.9<=1s, max<2s, mean;\n"
      "shares (with %) or counts of requests: errors<1% (no answer), status429<5%,\n"
      "status5xx<=0; rps>=500 (answers/s). A {tier=NAME} or {route=NAME} selector\n"
      "narrows one to a tier of the key pool or a route of the mix:\n"
      "status429{tier=free}<5%. Business facts from the server's own meters, read\n"
      "from its admin endpoint (--admin URL, tollgated --admin-port) when measuring\n"
      "starts and at the end: cost<$0.002, price>=$0.001 and margin>$0 (dollars per\n"
      "answered request), revenue>$1/s. quota_burn{tier=pro}<100% (the share of a\n"
      "31-day month's quota a key of the tier would use at this rate) reads the\n"
      "tiers' quotas from --workspace DIR. Thresholds are checked every second while\n"
      "measuring (--abort-on-fail stops at the first failure) and again at the end;\n"
      "the summary and --json show each one with its measured value.\n";

bool readText(const std::string& path, std::string* out, std::string* error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot read " + path;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

bool parseNumber(const std::string& text, double* out)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size() || !std::isfinite(v))
            return false;
        *out = v;
        return true;
    } catch (...) {
        return false;
    }
}

bool readReport(const std::string& path, LoadReport* out, std::string* error)
{
    std::string text;
    if (!readText(path, &text, error))
        return false;
    boost::system::error_code ec;
    const auto json = boost::json::parse(text, ec);
    if (ec) {
        *error = path + ": " + ec.message();
        return false;
    }
    if (!loadReportFromJson(json, out, error)) {
        *error = path + ": " + *error;
        return false;
    }
    return true;
}

std::string describePlan(const LoadSettings& s)
{
    std::ostringstream out;
    out << "Load: ";
    if (s.model == LoadModel::Open)
        out << "open model, " << s.rate << " requests/s over " << s.connections << " connections";
    else
        out << "closed model, " << s.connections << " connections";
    if (s.requestCount > 0)
        out << ", " << s.requestCount << " requests";
    else
        out << ", " << s.durationSeconds << " s";
    if (s.warmupSeconds > 0)
        out << " after " << s.warmupSeconds << " s of warm-up";
    if (s.rampUpSeconds > 0)
        out << ", ramping up over " << s.rampUpSeconds << " s";
    out << ", " << s.threads << (s.threads == 1 ? " thread" : " threads") << "\n";
    out << "Target: " << s.url;
    if (s.url.rfind("https:", 0) == 0 || s.url.rfind("wss:", 0) == 0) {
        if (!s.verifyTls)
            out << " (TLS, certificate NOT checked)";
        else if (!s.caPem.empty())
            out << " (TLS, certificate checked against the given CA)";
        else
            out << " (TLS, certificate checked)";
    }
    if (s.webSocket()) {
        out << " (WebSocket sessions held";
        if (!s.wsMessage.empty() && s.wsIntervalMs > 0)
            out << ", a message every " << s.wsIntervalMs << " ms";
        else if (!s.wsMessage.empty())
            out << ", a message when each opens";
        out << ")";
    }
    if (s.mix.empty() && s.webSocket())
        out << " (every session opens this URL)";
    else if (s.mix.empty())
        out << " (every request to this URL)";
    else
        out << " (" << s.mix.size() << (s.mix.size() == 1 ? " route" : " routes") << " in the mix)";
    out << "\n";
    if (!s.keys.empty()) {
        out << "Keys: " << s.keys.size() << " in the pool, tiers:";
        std::vector<std::string> tiers;
        for (const auto& k : s.keys) {
            if (std::find(tiers.begin(), tiers.end(), k.tier) == tiers.end())
                tiers.push_back(k.tier);
        }
        for (const auto& t : tiers)
            out << ' ' << (t.empty() ? "(none)" : t);
        out << "\n";
    }
    return out.str();
}

/// Reads the server's Prometheus text from its admin endpoint: the URL as
/// tollgated prints it (".../metrics") or just its scheme, host and port.
ThresholdWatch::Scrape adminScrape(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    if (url.size() < 8 || url.compare(url.size() - 8, 8, "/metrics") != 0)
        url += "/metrics";
    return [url](std::string* text, std::string* error) {
        HttpGetResult answer;
        if (!httpRequest("GET", url, std::chrono::seconds(2), &answer, error))
            return false;
        if (answer.status != 200) {
            *error = url + " answered " + std::to_string(answer.status);
            return false;
        }
        *text = std::move(answer.body);
        return true;
    };
}

} // namespace

int runLoadCommand(const std::vector<std::string>& args)
{
    LoadSettings s;
    s.connections = 64;
    std::optional<LoadSettings> plan;
    std::string jsonOut;
    std::string saveDir;
    bool quiet = false;
    bool insecure = false;
    bool stream = false;
    std::optional<std::string> wsMessage;
    std::optional<double> wsInterval;
    std::optional<std::string> caPem;
    std::optional<std::string> method;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> body;
    std::vector<LoadKey> keys;
    std::optional<std::string> keyHeader;
    std::vector<std::string> thresholds;
    bool abortOnFail = false;
    std::string adminUrl;
    std::string workspaceDir;
    struct Override {
        std::optional<std::string> url;
        std::optional<int> connections, threads;
        std::optional<double> duration, rate, warmup, rampUp, timeout;
        std::optional<std::uint64_t> requests;
    } o;

    auto usageError = [](const std::string& why) {
        std::cerr << "tollgated load: " << why << "\n" << kUsage;
        return 2;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= args.size())
                return false;
            *out = args[++i];
            return true;
        };
        auto number = [&](double* out) {
            std::string v;
            return value(&v) && parseNumber(v, out);
        };
        auto integer = [&](long long* out) {
            double d = 0;
            if (!number(&d) || d != std::floor(d) || d < 0 || d > 9e15)
                return false;
            *out = static_cast<long long>(d);
            return true;
        };
        std::string v;
        double d = 0;
        long long n = 0;
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--compare") {
            if (i + 2 >= args.size())
                return usageError("--compare needs two run files");
            LoadReport ra;
            LoadReport rb;
            std::string error;
            if (!readReport(args[i + 1], &ra, &error) || !readReport(args[i + 2], &rb, &error)) {
                std::cerr << "tollgated load: " << error << "\n";
                return 1;
            }
            std::cout << loadComparisonText(ra, rb);
            return 0;
        } else if (a == "--url") {
            if (!value(&v))
                return usageError("--url needs a URL");
            o.url = v;
        } else if (a == "--connections" || a == "-c") {
            if (!integer(&n) || n < 1 || n > 100000)
                return usageError("--connections needs a whole number from 1 to 100000");
            o.connections = static_cast<int>(n);
        } else if (a == "--threads" || a == "-t") {
            if (!integer(&n) || n < 1 || n > 256)
                return usageError("--threads needs a whole number from 1 to 256");
            o.threads = static_cast<int>(n);
        } else if (a == "--duration" || a == "-d") {
            if (!number(&d) || d <= 0)
                return usageError("--duration needs seconds above 0");
            o.duration = d;
        } else if (a == "--requests" || a == "-n") {
            if (!integer(&n) || n < 1)
                return usageError("--requests needs a whole number above 0");
            o.requests = static_cast<std::uint64_t>(n);
        } else if (a == "--rate" || a == "-R") {
            if (!number(&d) || d <= 0)
                return usageError("--rate needs requests per second above 0");
            o.rate = d;
        } else if (a == "--warmup") {
            if (!number(&d) || d < 0)
                return usageError("--warmup needs seconds, 0 or more");
            o.warmup = d;
        } else if (a == "--ramp-up") {
            if (!number(&d) || d < 0)
                return usageError("--ramp-up needs seconds, 0 or more");
            o.rampUp = d;
        } else if (a == "--timeout") {
            if (!number(&d) || d <= 0)
                return usageError("--timeout needs seconds above 0");
            o.timeout = d;
        } else if (a == "--method" || a == "-m") {
            if (!value(&v))
                return usageError("--method needs a method");
            method = v;
        } else if (a == "--header" || a == "-H") {
            if (!value(&v))
                return usageError("--header needs 'NAME: VALUE'");
            const auto colon = v.find(':');
            if (colon == std::string::npos || colon == 0)
                return usageError("--header needs 'NAME: VALUE', got \"" + v + "\"");
            std::string val = v.substr(colon + 1);
            val.erase(0, val.find_first_not_of(" \t"));
            headers.emplace_back(v.substr(0, colon), val);
        } else if (a == "--body") {
            if (!value(&v))
                return usageError("--body needs text or @FILE");
            if (!v.empty() && v.front() == '@') {
                std::string text;
                std::string error;
                if (!readText(v.substr(1), &text, &error))
                    return usageError(error);
                v = text;
            }
            body = v;
        } else if (a == "--plan") {
            if (!value(&v))
                return usageError("--plan needs a file");
            std::string text;
            std::string error;
            if (!readText(v, &text, &error))
                return usageError(error);
            boost::system::error_code ec;
            auto json = boost::json::parse(text, ec);
            if (ec)
                return usageError(v + ": " + ec.message());
            if (json.is_object() && json.as_object().contains("settings"))
                json = json.as_object().at("settings");
            LoadSettings read;
            if (!loadSettingsFromJson(json, &read, &error))
                return usageError(v + ": " + error);
            // Saved runs keep no secrets: their keys would send nothing.
            std::vector<LoadKey> kept;
            for (auto& k : read.keys) {
                if (!k.secret.empty())
                    kept.push_back(std::move(k));
                else
                    std::cerr << "tollgated load: the plan's key " << k.id << " (" << k.tier
                              << ") has no secret and is left out; give it with --key\n";
            }
            read.keys = std::move(kept);
            plan = std::move(read);
        } else if (a == "--key") {
            if (!value(&v) || v.empty())
                return usageError("--key needs [TIER=]SECRET");
            LoadKey k;
            const auto eq = v.find('=');
            if (eq != std::string::npos) {
                k.tier = v.substr(0, eq);
                k.secret = v.substr(eq + 1);
            } else {
                k.secret = v;
            }
            k.id = k.tier.empty() ? "key" + std::to_string(keys.size() + 1)
                                  : k.tier + "-" + std::to_string(keys.size() + 1);
            keys.push_back(std::move(k));
        } else if (a == "--key-header") {
            if (!value(&v) || v.empty())
                return usageError("--key-header needs a header name");
            keyHeader = v;
        } else if (a == "--json") {
            if (!value(&jsonOut))
                return usageError("--json needs a file or -");
        } else if (a == "--save") {
            if (!value(&saveDir))
                return usageError("--save needs a directory");
        } else if (a == "--workspace") {
            if (!value(&v))
                return usageError("--workspace needs a directory");
            saveDir = (fs::path(v) / ".tollgate" / "loadruns").string();
            workspaceDir = v;
        } else if (a == "--threshold") {
            if (!value(&v) || v.empty())
                return usageError("--threshold needs an expression such as p95<200ms");
            thresholds.push_back(v);
        } else if (a == "--abort-on-fail") {
            abortOnFail = true;
        } else if (a == "--admin") {
            if (!value(&v) || v.empty())
                return usageError("--admin needs the server's admin URL (http://127.0.0.1:PORT)");
            adminUrl = v;
        } else if (a == "--insecure" || a == "-k") {
            insecure = true;
        } else if (a == "--stream") {
            stream = true;
        } else if (a == "--ws-message") {
            if (!value(&v))
                return usageError("--ws-message needs text or @FILE");
            if (!v.empty() && v.front() == '@') {
                std::string text;
                std::string error;
                if (!readText(v.substr(1), &text, &error))
                    return usageError(error);
                v = text;
            }
            wsMessage = v;
        } else if (a == "--ws-interval") {
            if (!number(&d) || d < 0)
                return usageError("--ws-interval needs milliseconds, 0 (once) or more");
            wsInterval = d;
        } else if (a == "--cacert") {
            if (!value(&v))
                return usageError("--cacert needs a file of PEM certificates");
            std::string text;
            std::string error;
            if (!readText(v, &text, &error))
                return usageError("--cacert: " + error);
            if (text.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
                return usageError(
                    "--cacert: " + v + " holds no certificate (PEM, -----BEGIN CERTIFICATE-----)");
            caPem = std::move(text);
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else {
            return usageError("unknown argument \"" + a + "\"");
        }
    }
    if (insecure && caPem)
        return usageError("--insecure turns certificate checks off, --cacert says whom to trust: "
                          "give one of them");
    if (plan)
        s = *plan;
    if (o.url)
        s.url = *o.url;
    if (s.url.empty())
        return usageError("--url is required");
    if (o.connections)
        s.connections = *o.connections;
    if (o.threads)
        s.threads = *o.threads;
    if (o.rate) {
        s.model = LoadModel::Open;
        s.rate = *o.rate;
    }
    if (o.duration) {
        s.durationSeconds = *o.duration;
        s.requestCount = 0;
    }
    if (o.requests)
        s.requestCount = *o.requests;
    if (o.warmup)
        s.warmupSeconds = *o.warmup;
    if (o.rampUp)
        s.rampUpSeconds = *o.rampUp;
    if (o.timeout)
        s.timeoutSeconds = *o.timeout;
    if (keyHeader)
        s.keyHeader = *keyHeader;
    if (insecure)
        s.verifyTls = false;
    if (stream)
        s.stream = true;
    if (wsMessage)
        s.wsMessage = *wsMessage;
    if (wsInterval)
        s.wsIntervalMs = *wsInterval;
    if (caPem)
        s.caPem = *caPem;
    for (auto& k : keys)
        s.keys.push_back(std::move(k));
    for (auto& t : thresholds)
        s.thresholds.push_back(std::move(t));
    if (abortOnFail)
        s.abortOnThreshold = true;
    if (method || !headers.empty() || body) {
        if (!s.mix.empty())
            return usageError("--method, --header and --body describe a single request; the plan "
                              "already has a route mix");
        LoadTarget t;
        t.method = method.value_or(body ? "POST" : "GET");
        t.path = "";
        t.headers = headers;
        t.body = body.value_or("");
        s.mix.push_back(std::move(t));
    }

    // SIGINT/SIGTERM end the run early; a waiting thread turns them into stop().
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    // Thresholds: what they need (the server's meters, the tiers' quotas)
    // is checked before any request goes out.
    ThresholdWatch watch;
    std::string error;
    {
        ThresholdWatch::Scrape scrape;
        if (!adminUrl.empty())
            scrape = adminScrape(adminUrl);
        std::optional<std::map<std::string, std::int64_t>> quotas;
        if (!workspaceDir.empty() && fs::is_directory(workspaceDir)) {
            quotas.emplace();
            for (const Tier& tier : loadWorkspace(workspaceDir).workspace.tiers)
                (*quotas)[tier.id] = tier.monthlyQuota;
        }
        if (!watch.prepare(s, scrape, quotas, &error)) {
            std::cerr << "tollgated load: cannot start:\n" << error << "\n";
            return 2;
        }
        // A wrong --admin is said now, not after the run.
        if (watch.needsScrape() && !watch.begin()) {
            std::cerr << "tollgated load: " << watch.lastScrapeError() << "\n";
            return 2;
        }
    }
    bool measuring = false;
    std::int64_t checkedUpTo = 0;
    std::string abortedBy;

    LoadRunner runner(s);
    if (!runner.start(&error)) {
        std::cerr << "tollgated load: cannot start:\n" << error << "\n";
        return 2; // what cannot start is the plan the arguments describe
    }
    std::cerr << describePlan(s);
    std::int64_t shown = 0;
    bool interrupted = false;
    while (!runner.finished()) {
        timespec wait { 0, 250'000'000 };
        const int sig = sigtimedwait(&signals, nullptr, &wait);
        if ((sig == SIGINT || sig == SIGTERM) && !interrupted) {
            interrupted = true;
            std::cerr << "stopping…\n";
            runner.stop();
        }
        if (!watch.empty()) {
            const auto phase = runner.progress(std::numeric_limits<std::int64_t>::max()).phase;
            if (phase == LoadProgress::Phase::Measuring && !measuring) {
                measuring = true;
                // The meters' reading before the run counted its warm-up.
                if (s.warmupSeconds > 0 && !watch.begin())
                    std::cerr << "tollgated load: " << watch.lastScrapeError() << "\n";
            }
            const auto soFar = runner.snapshot();
            const auto second = static_cast<std::int64_t>(soFar.measuredSeconds);
            if (measuring && second > checkedUpTo) {
                checkedUpTo = second;
                for (const std::size_t i : watch.check(soFar, second)) {
                    std::cerr << "threshold " << watch.thresholds()[i].text << " fails at "
                              << second << " s of measuring ("
                              << watch.lastResults()[i].actualText << ")\n";
                    if (s.abortOnThreshold && abortedBy.empty()) {
                        abortedBy = watch.thresholds()[i].text;
                        std::cerr << "stopping: --abort-on-fail\n";
                        runner.stop();
                    }
                }
            }
        }
        if (quiet)
            continue;
        const auto p = runner.progress(shown);
        for (const auto& second : p.seconds) {
            char line[160];
            if (s.webSocket()) {
                std::snprintf(line, sizeof line,
                    "%4llds %s %8llu msg/s in  %8llu msg/s out  handshakes %llu  errors %llu\n",
                    static_cast<long long>(second.second + 1),
                    second.warmup ? "(warm-up)" : "         ",
                    static_cast<unsigned long long>(second.events),
                    static_cast<unsigned long long>(second.sent),
                    static_cast<unsigned long long>(second.requests),
                    static_cast<unsigned long long>(second.errors));
                std::cerr << line;
                shown = second.second + 1;
                continue;
            }
            std::snprintf(line, sizeof line,
                "%4llds %s %8llu req/s  p50 %7.2f ms  p99 %7.2f ms  errors %llu\n",
                static_cast<long long>(second.second + 1),
                second.warmup ? "(warm-up)" : "         ",
                static_cast<unsigned long long>(second.requests),
                double(second.latency.percentile(50)) / 1000,
                double(second.latency.percentile(99)) / 1000,
                static_cast<unsigned long long>(second.errors));
            std::cerr << line;
            shown = second.second + 1;
        }
    }
    runner.wait();
    LoadReport report = runner.report();
    report.abortedBy = abortedBy;
    watch.finish(&report);
    std::cout << loadSummaryText(report);
    if (!saveDir.empty()) {
        LoadRunStore store(saveDir);
        if (!store.save(&report, &error))
            std::cerr << "tollgated load: cannot save the run: " << error << "\n";
        else
            std::cerr << "saved as " << (fs::path(saveDir) / (report.id + ".json")).string()
                      << "\n";
    }
    if (!jsonOut.empty()) {
        const std::string text = boost::json::serialize(loadReportToJson(report)) + "\n";
        if (jsonOut == "-") {
            std::cout << text;
        } else {
            std::string writeError;
            if (!writeFileAtomic(jsonOut, text, &writeError)) {
                std::cerr << "tollgated load: " << writeError << "\n";
                return 1;
            }
        }
    }
    // Thresholds that fail give 99, as k6 does, whatever else happened.
    if (thresholdsFailed(report))
        return 99;
    // A stream run whose streams never end answers no request, but it worked
    // when events came.
    return report.total.requests > 0 || report.total.events > 0 ? 0 : 1;
}

} // namespace tollgate::app
