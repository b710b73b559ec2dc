#include "keyscommand.h"

#include "runregistry.h"

#include "server/access/apikey.h"
#include "server/access/usage.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>
#include <tuple>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tollgate::app {

namespace {

using namespace tollgate::server;
namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kSynopsis
    = "usage: tollgated keys create --workspace DIR --tier TIER [--label TEXT] [--owner TEXT]\n"
      "                             [--scopes A,B] [--expires TIME|DURATION] [--json]\n"
      "       tollgated keys list --workspace DIR [--json]\n"
      "       tollgated keys rotate ID --workspace DIR [--grace DURATION] [--json]\n"
      "       tollgated keys revoke ID --workspace DIR\n"
      "       tollgated keys usage [ID] --workspace DIR [--month YYYY-MM] [--csv | --json]\n"
      "       tollgated keys --help\n";

constexpr const char* kDetails
    = "\n"
      "Manages the API keys of a workspace. DIR/keys.json keeps only SHA-256 hashes:\n"
      "create and rotate print the new key once, alone on stdout (id and prefix go to\n"
      "stderr; --json prints {\"id\",\"key\",\"prefix\",...} instead), and it cannot be\n"
      "shown again. list never shows a key, only its prefix.\n"
      "TIME is UTC such as 2027-01-31T00:00:00Z; DURATION is 30s, 90m, 24h, 7d or\n"
      "seconds. rotate keeps the old key working for --grace (default 24h).\n"
      "\n"
      "Running tollgated instances of the workspace apply a change before the command\n"
      "returns: each registers in STATE/run/<pid>, gets SIGHUP and is waited for (up\n"
      "to 5 s; a warning names any that did not confirm). STATE is DIR/.tollgate\n"
      "unless --state-dir is given; pass the same one tollgated was started with.\n"
      "usage shows the ledger in STATE/usage.json as a table, or the invoice preview\n"
      "(base fee, charges, cost, margin) with --csv or --json.\n"
      "\n"
      "A keys.json that does not load is never overwritten: the command lists its\n"
      "file:line:column errors and exits 1. Exit status: 0 ok, 1 error, 2 bad usage.\n";

constexpr std::int64_t kDefaultGraceSeconds = 24 * 3600;
constexpr std::chrono::milliseconds kConfirmTimeout { 5000 };

struct Args {
    std::string command;
    std::optional<std::string> id;
    std::optional<std::string> workspace;
    std::optional<std::string> stateDir;
    std::optional<std::string> tier;
    std::optional<std::string> label;
    std::optional<std::string> owner;
    std::optional<std::string> scopes;
    std::optional<std::string> expires;
    std::optional<std::string> grace;
    std::optional<std::string> month;
    bool json = false;
    bool csv = false;
};

struct OptionSpec {
    std::string_view name;
    std::string_view commands; ///< the subcommands that take it, space separated
    std::optional<std::string> Args::*value;
    bool Args::*flag;
};

constexpr std::string_view kAllCommands = "create list rotate revoke usage";

const OptionSpec kOptions[] = {
    { "--workspace", kAllCommands, &Args::workspace, nullptr },
    { "--state-dir", kAllCommands, &Args::stateDir, nullptr },
    { "--tier", "create", &Args::tier, nullptr },
    { "--label", "create", &Args::label, nullptr },
    { "--owner", "create", &Args::owner, nullptr },
    { "--scopes", "create", &Args::scopes, nullptr },
    { "--expires", "create", &Args::expires, nullptr },
    { "--grace", "rotate", &Args::grace, nullptr },
    { "--month", "usage", &Args::month, nullptr },
    { "--json", "create list rotate usage", nullptr, &Args::json },
    { "--csv", "usage", nullptr, &Args::csv },
};

bool takes(std::string_view commands, std::string_view command)
{
    for (std::size_t start = 0; start < commands.size();) {
        const auto end = std::min(commands.find(' ', start), commands.size());
        if (commands.substr(start, end - start) == command)
            return true;
        start = end + 1;
    }
    return false;
}

int usageError(const std::string& message)
{
    std::cerr << "tollgated keys: " << message << '\n' << kSynopsis;
    return 2;
}

int failure(const std::string& message)
{
    std::cerr << "tollgated keys: " << message << '\n';
    return 1;
}

/// Parses args into *out; returns -1 to go on, else the exit code.
int parseArgs(const std::vector<std::string>& args, Args* out)
{
    if (args.empty())
        return usageError("missing subcommand");
    auto isHelp = [](const std::string& a) { return a == "--help" || a == "-h"; };
    if (isHelp(args[0]) || args[0] == "help") {
        std::cout << kSynopsis << kDetails;
        return 0;
    }
    Args parsed;
    parsed.command = args[0];
    if (!takes(kAllCommands, parsed.command))
        return usageError("unknown subcommand \"" + parsed.command
            + "\" (expected create, list, rotate, revoke or usage)");
    std::vector<std::string> positional;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (isHelp(a)) {
            std::cout << kSynopsis << kDetails;
            return 0;
        }
        if (a.rfind("--", 0) != 0) {
            positional.push_back(a);
            continue;
        }
        const auto spec = std::find_if(std::begin(kOptions), std::end(kOptions),
            [&](const OptionSpec& o) { return o.name == a; });
        if (spec == std::end(kOptions) || !takes(spec->commands, parsed.command))
            return usageError("unknown option \"" + a + "\" for " + parsed.command);
        if (spec->flag) {
            parsed.*(spec->flag) = true;
            continue;
        }
        if (i + 1 >= args.size())
            return usageError(a + " needs a value");
        parsed.*(spec->value) = args[++i];
    }

    const bool takesId = parsed.command == "rotate" || parsed.command == "revoke";
    const bool mayTakeId = takesId || parsed.command == "usage";
    if (positional.size() > (mayTakeId ? 1u : 0u))
        return usageError("unexpected argument \"" + positional.back() + "\"");
    if (!positional.empty())
        parsed.id = positional.front();
    if (takesId && !parsed.id)
        return usageError(parsed.command + " needs the key's ID (see tollgated keys list)");
    if (!parsed.workspace || parsed.workspace->empty())
        return usageError("--workspace DIR is required");
    if (parsed.json && parsed.csv)
        return usageError("--csv and --json exclude each other");
    *out = std::move(parsed);
    return -1;
}

/// Serialises the read-modify-write of keys.json between `tollgated keys`
/// runs: two creates started together must not both begin from the same file,
/// or one key would be printed but never stored. An flock on
/// DIR/.tollgate/keys.lock, released when the process ends at the latest.
class KeysLock {
public:
    KeysLock() = default;
    ~KeysLock() { release(); }
    KeysLock(const KeysLock&) = delete;
    KeysLock& operator=(const KeysLock&) = delete;

    /// False with *error only when another run holds the lock too long. A
    /// workspace where no lock file can be made (read-only) is not locked:
    /// saving fails there anyway.
    bool acquire(const fs::path& workspace, std::string* error)
    {
        const fs::path dir = workspace / ".tollgate";
        std::error_code ec;
        fs::create_directories(dir, ec);
        const fs::path file = dir / "keys.lock";
        // O_NOFOLLOW: a cloned workspace's .tollgate/ may hold a link here.
        m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (m_fd < 0)
            return true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR)
                return true;
            if (std::chrono::steady_clock::now() >= deadline) {
                *error = "another tollgated keys command has held " + file.string()
                    + " for 10 s; nothing was changed";
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }

    /// Closing the descriptor drops the lock.
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};

/// The workspace a subcommand works on, loaded and checked.
struct Target {
    fs::path dir;
    fs::path stateDir;
    Workspace ws;
    KeysLock lock; ///< held from loading to saving by the commands that write
};

void printDiagnostics(const fs::path& dir, const std::vector<Diagnostic>& errors)
{
    for (const Diagnostic& e : errors) {
        Diagnostic shown = e;
        if (!shown.file.empty())
            shown.file = (dir / shown.file).string();
        std::cerr << shown.toString() << '\n';
    }
}

enum class Access { Read, Write };

/// Loads args.workspace into *out; returns -1 to go on, else the exit code.
/// keys.json must load (nothing is ever written over a file that does not);
/// tollgate.json must too where its tiers or environment are used.
int loadTarget(const Args& args, Access access, bool needsSettings, Target* out)
{
    out->dir = *args.workspace;
    std::error_code ec;
    if (!fs::is_directory(out->dir, ec))
        return failure(out->dir.string() + " is not a directory");
    if (!fs::exists(out->dir / "tollgate.json", ec))
        return failure(
            out->dir.string() + " is not a Tollgate workspace (it has no tollgate.json)");
    out->stateDir = args.stateDir ? fs::path(*args.stateDir) : out->dir / ".tollgate";
    std::string error;
    if (access == Access::Write && !out->lock.acquire(out->dir, &error))
        return failure(error);

    auto loaded = loadWorkspace(out->dir);
    std::vector<Diagnostic> keysErrors, settingsErrors;
    for (const Diagnostic& d : loaded.errors) {
        if (d.file == "keys.json")
            keysErrors.push_back(d);
        else if (d.file == "tollgate.json")
            settingsErrors.push_back(d);
    }
    if (!keysErrors.empty()) {
        printDiagnostics(out->dir, keysErrors);
        return failure((out->dir / "keys.json").string()
            + " has errors; fix them first (nothing was changed)");
    }
    if (!settingsErrors.empty()) {
        printDiagnostics(out->dir, settingsErrors);
        if (needsSettings)
            return failure((out->dir / "tollgate.json").string()
                + " has errors; fix them first (nothing was changed)");
    }
    out->ws = std::move(loaded.workspace);
    return -1;
}

std::int64_t now()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string timeOrNever(std::int64_t t)
{
    return t > 0 ? formatUtcTime(t) : std::string("never");
}

json::value jsonTime(std::int64_t t)
{
    return t > 0 ? json::value(formatUtcTime(t)) : json::value(nullptr);
}

json::array jsonStrings(const std::vector<std::string>& list)
{
    json::array a;
    for (const std::string& s : list)
        a.emplace_back(s);
    return a;
}

std::string join(const std::vector<std::string>& list, std::string_view separator)
{
    std::string out;
    for (const std::string& s : list) {
        if (!out.empty())
            out += separator;
        out += s;
    }
    return out;
}

std::vector<std::string> splitScopes(const std::string& text)
{
    std::vector<std::string> scopes;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        std::string scope = text.substr(start, end - start);
        const auto first = scope.find_first_not_of(" \t");
        const auto last = scope.find_last_not_of(" \t");
        scope = first == std::string::npos ? std::string() : scope.substr(first, last - first + 1);
        if (!scope.empty() && std::find(scopes.begin(), scopes.end(), scope) == scopes.end())
            scopes.push_back(std::move(scope));
        start = end + 1;
    }
    return scopes;
}

/// Saves keys.json and lets the next command in; returns -1 to go on, else
/// the exit code.
int save(Target& t, const std::vector<ApiKey>& keys)
{
    std::string error;
    const bool saved = saveKeys(t.dir, keys, &error);
    t.lock.release();
    return saved ? -1 : failure(error);
}

/// Makes running instances apply the saved keys.json. Called after any new key
/// is printed: if the wait is interrupted, a key that is already in keys.json
/// has still been shown.
void notifyRunning(const Target& t)
{
    const auto result = notifyInstances(t.stateDir, t.dir, keysFingerprint(t.dir), kConfirmTimeout);
    for (const std::string& w : result.warnings)
        std::cerr << "tollgated keys: warning: " << w << '\n';
    if (!result.confirmed.empty())
        std::cerr << "applied by " << result.confirmed.size() << " running tollgated instance"
                  << (result.confirmed.size() == 1 ? "" : "s") << '\n';
}

// Table cells are user text (labels, owners): keep one row on one line.
std::string cell(std::string s)
{
    if (s.empty())
        return "-";
    for (char& c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return s;
}

std::size_t displayWidth(const std::string& s)
{
    // Count UTF-8 lead bytes so accented labels do not skew the columns.
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void printTable(const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i]));
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size())
                line += std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
        }
        std::cout << line << '\n';
    }
}

int create(const Args& args)
{
    Target t;
    if (const int rc = loadTarget(args, Access::Write, true, &t); rc >= 0)
        return rc;
    std::vector<std::string> tierIds;
    for (const Tier& tier : t.ws.tiers)
        tierIds.push_back(tier.id);
    if (!args.tier || args.tier->empty())
        return usageError("create needs --tier TIER (one of: " + join(tierIds, ", ") + ")");
    if (!findTier(t.ws.tiers, *args.tier))
        return failure("no tier \"" + *args.tier + "\" in " + (t.dir / "tollgate.json").string()
            + "; valid tiers: " + (tierIds.empty() ? std::string("none") : join(tierIds, ", ")));

    const std::int64_t at = now();
    KeyOptions options;
    options.tier = *args.tier;
    options.label = args.label.value_or("");
    options.owner = args.owner.value_or("");
    if (args.scopes)
        options.scopes = splitScopes(*args.scopes);
    if (args.expires) {
        std::int64_t seconds = 0;
        if (parseUtcTime(*args.expires, &seconds)) {
            options.expires = seconds;
        } else if (parseDuration(*args.expires, &seconds) && seconds > 0) {
            options.expires = at + seconds;
        } else {
            return usageError("--expires \"" + *args.expires
                + "\" is neither a UTC time such as 2027-01-31T00:00:00Z nor a duration such as "
                  "30d, 24h or 90m");
        }
        if (options.expires <= at)
            return usageError("--expires " + *args.expires + " is in the past");
    }

    NewKey key;
    std::string error;
    if (!createKey(t.ws.server.environment, options, at, &key, &error))
        return failure(error);
    std::vector<ApiKey> keys = t.ws.keys;
    keys.push_back(key.record);
    if (const int rc = save(t, keys); rc >= 0)
        return rc;

    if (args.json) {
        json::object o;
        o["id"] = key.record.id;
        o["key"] = key.secret;
        o["prefix"] = key.record.prefix;
        o["tier"] = key.record.tier;
        o["label"] = key.record.label;
        o["owner"] = key.record.owner;
        o["scopes"] = jsonStrings(key.record.scopes);
        o["created"] = formatUtcTime(key.record.created);
        o["expires"] = jsonTime(key.record.expires);
        std::cout << json::serialize(o) << std::endl;
    } else {
        std::cout << key.secret << std::endl;
        std::cerr << "created " << key.record.id << " (" << key.record.prefix << "…, tier "
                  << key.record.tier << ", expires " << timeOrNever(key.record.expires) << ")\n"
                  << "The key is shown only this once; keys.json keeps only its hash.\n";
    }
    notifyRunning(t);
    return 0;
}

int list(const Args& args)
{
    Target t;
    if (const int rc = loadTarget(args, Access::Read, false, &t); rc >= 0)
        return rc;
    const std::int64_t at = now();
    if (args.json) {
        json::array a;
        for (const ApiKey& k : t.ws.keys) {
            json::object o;
            o["id"] = k.id;
            o["prefix"] = k.prefix;
            o["label"] = k.label;
            o["owner"] = k.owner;
            o["tier"] = k.tier;
            o["scopes"] = jsonStrings(k.scopes);
            o["state"] = toString(keyState(k, at));
            o["created"] = jsonTime(k.created);
            o["expires"] = jsonTime(k.expires);
            o["revoked"] = jsonTime(k.revoked);
            o["rotatedFrom"]
                = k.rotatedFrom.empty() ? json::value(nullptr) : json::value(k.rotatedFrom);
            a.push_back(std::move(o));
        }
        std::cout << json::serialize(a) << '\n';
        return 0;
    }
    if (t.ws.keys.empty()) {
        std::cerr << "no keys in " << (t.dir / "keys.json").string()
                  << "; create one with: tollgated keys create --workspace DIR --tier TIER\n";
        return 0;
    }
    std::vector<std::vector<std::string>> rows { { "ID", "PREFIX", "LABEL", "OWNER", "TIER",
        "SCOPES", "STATE", "CREATED", "EXPIRES" } };
    for (const ApiKey& k : t.ws.keys) {
        rows.push_back({ cell(k.id), cell(k.prefix), cell(k.label), cell(k.owner), cell(k.tier),
            cell(join(k.scopes, ",")), toString(keyState(k, at)),
            k.created > 0 ? formatUtcTime(k.created) : "-", timeOrNever(k.expires) });
    }
    printTable(rows);
    return 0;
}

int rotate(const Args& args)
{
    std::int64_t grace = kDefaultGraceSeconds;
    if (args.grace && !parseDuration(*args.grace, &grace))
        return usageError("--grace \"" + *args.grace
            + "\" is not a duration such as 24h, 90m, 30s, 7d or a number of seconds");
    Target t;
    if (const int rc = loadTarget(args, Access::Write, true, &t); rc >= 0)
        return rc;
    std::vector<ApiKey> keys = t.ws.keys;
    if (!findKey(keys, *args.id))
        return failure("no key with id \"" + *args.id + "\" in " + (t.dir / "keys.json").string());
    const std::int64_t at = now();
    NewKey key;
    std::string error;
    if (!rotateKey(&keys, *args.id, grace, t.ws.server.environment, at, &key, &error))
        return failure(error);
    if (const int rc = save(t, keys); rc >= 0)
        return rc;

    const ApiKey* old = findKey(keys, *args.id);
    const std::int64_t oldExpires = old ? old->expires : at + grace;
    if (args.json) {
        json::object o;
        o["id"] = key.record.id;
        o["key"] = key.secret;
        o["prefix"] = key.record.prefix;
        o["tier"] = key.record.tier;
        o["rotatedFrom"] = key.record.rotatedFrom;
        o["previousExpires"] = jsonTime(oldExpires);
        std::cout << json::serialize(o) << std::endl;
    } else {
        std::cout << key.secret << std::endl;
        std::cerr << "rotated " << *args.id << " -> " << key.record.id << " (" << key.record.prefix
                  << "…); " << *args.id << " stops working at " << formatUtcTime(oldExpires) << '\n'
                  << "The new key is shown only this once; keys.json keeps only its hash.\n";
    }
    notifyRunning(t);
    return 0;
}

int revoke(const Args& args)
{
    Target t;
    if (const int rc = loadTarget(args, Access::Write, false, &t); rc >= 0)
        return rc;
    std::vector<ApiKey> keys = t.ws.keys;
    const ApiKey* key = findKey(keys, *args.id);
    if (!key)
        return failure("no key with id \"" + *args.id + "\" in " + (t.dir / "keys.json").string());
    if (key->revoked > 0) {
        std::cerr << *args.id << " was already revoked at " << formatUtcTime(key->revoked) << '\n';
        return 0;
    }
    std::string error;
    if (!revokeKey(&keys, *args.id, now(), &error))
        return failure(error);
    if (const int rc = save(t, keys); rc >= 0)
        return rc;
    std::cerr << "revoked " << *args.id << " (" << findKey(keys, *args.id)->prefix << "…)\n";
    notifyRunning(t);
    return 0;
}

bool validMonth(const std::string& m)
{
    if (m.size() != 7 || m[4] != '-')
        return false;
    for (std::size_t i : { 0, 1, 2, 3, 5, 6 }) {
        if (m[i] < '0' || m[i] > '9')
            return false;
    }
    const int month = (m[5] - '0') * 10 + (m[6] - '0');
    return month >= 1 && month <= 12;
}

int usage(const Args& args)
{
    if (args.month && !validMonth(*args.month))
        return usageError("--month \"" + *args.month + "\" is not a month such as 2026-11");
    Target t;
    if (const int rc = loadTarget(args, Access::Read, true, &t); rc >= 0)
        return rc;
    if (args.id && !findKey(t.ws.keys, *args.id))
        return failure("no key with id \"" + *args.id + "\" in " + (t.dir / "keys.json").string());

    const fs::path file = t.stateDir / "usage.json";
    std::vector<KeyUsage> all;
    std::string error;
    if (!loadUsageFile(file, &all, &error))
        return failure("cannot read usage from " + file.string() + ": " + error);
    std::vector<KeyUsage> rows;
    for (KeyUsage& u : all) {
        if ((!args.id || u.keyId == *args.id) && (!args.month || u.month == *args.month))
            rows.push_back(std::move(u));
    }
    std::sort(rows.begin(), rows.end(), [](const KeyUsage& a, const KeyUsage& b) {
        return std::tie(a.month, a.keyId) < std::tie(b.month, b.keyId);
    });

    if (args.csv) {
        std::cout << invoiceCsv(rows, t.ws);
        return 0;
    }
    if (args.json) {
        std::cout << invoiceJson(rows, t.ws);
        return 0;
    }
    if (rows.empty()) {
        std::cerr << "no usage recorded" << (args.id ? " for " + *args.id : std::string())
                  << (args.month ? " in " + *args.month : std::string()) << " (" << file.string()
                  << ")\n";
        return 0;
    }
    std::vector<std::vector<std::string>> table { { "MONTH", "KEY", "LABEL", "TIER", "REQUESTS",
        "REJECTED", "BILLABLE", "OVERAGE", "CHARGES_USD", "COST_USD" } };
    for (const KeyUsage& u : rows) {
        const ApiKey* k = findKey(t.ws.keys, u.keyId);
        table.push_back({ cell(u.month), cell(u.keyId), cell(k ? k->label : ""),
            cell(k ? k->tier : ""), std::to_string(u.requests), std::to_string(u.rejected),
            std::to_string(u.billable), std::to_string(u.overage), formatMicros(u.revenueMicros),
            formatMicros(u.costMicros) });
    }
    printTable(table);
    return 0;
}

} // namespace

int runKeysCommand(const std::vector<std::string>& args)
{
    Args parsed;
    if (const int rc = parseArgs(args, &parsed); rc >= 0)
        return rc;
    if (parsed.command == "create")
        return create(parsed);
    if (parsed.command == "list")
        return list(parsed);
    if (parsed.command == "rotate")
        return rotate(parsed);
    if (parsed.command == "revoke")
        return revoke(parsed);
    return usage(parsed);
}

} // namespace tollgate::app
