#include "server/workspace/workspacestore.h"

#include "server/common/files.h"
#include "server/common/text.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define TOLLGATE_POSIX_IO 1
#endif

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace jsonfile;

namespace {

constexpr std::string_view kRoutesDir = "routes";
constexpr std::string_view kStateDir = ".tollgate";

// ---------------------------------------------------------------------------
// Small helpers

std::string relativeName(std::string_view dir, std::string_view name)
{
    // Diagnostics always use '/' so the same message reads the same on every OS.
    std::string out(dir);
    out += '/';
    out += name;
    return out;
}

// ---------------------------------------------------------------------------
// Files

bool containsIgnoringCase(const std::vector<std::string>& names, const std::string& name)
{
    // Compared case-insensitively so that names never collide on macOS or
    // Windows file systems when a workspace is shared through git.
    const std::string lower = lowerAscii(name);
    return std::any_of(
        names.begin(), names.end(), [&](const std::string& n) { return lowerAscii(n) == lower; });
}

std::vector<std::string> listRouteFiles(const fs::path& routesDir)
{
    std::vector<std::string> names;
    std::error_code ec;
    fs::directory_iterator it(routesDir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code typeEc;
        if (!it->is_regular_file(typeEc))
            continue;
        std::string name = it->path().filename().string();
        if (isJsonFileName(name))
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

namespace {

/// True when path holds a file that declares a schemaVersion newer than ours;
/// such a file must never be overwritten or deleted by an older Tollgate.
bool isNewerSchemaFile(const fs::path& path)
{
    std::string text;
    if (!readFile(path, &text, nullptr))
        return false;
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object())
        return false;
    const json::value* version = v.get_object().if_contains("schemaVersion");
    if (!version || !version->is_number())
        return false;
    json::error_code nec;
    const auto n = version->to_number<double>(nec);
    return !nec && n > kSchemaVersion;
}

} // namespace

// ---------------------------------------------------------------------------
// Workspace directory

LoadResult loadWorkspace(const fs::path& dir)
{
    LoadResult result;
    result.workspace.dir = dir;
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        result.errors.push_back({ dir.string(), 0, 0, "workspace directory does not exist" });
        return result;
    }
    if (!fs::is_directory(dir, ec)) {
        result.errors.push_back({ dir.string(), 0, 0, "not a directory" });
        return result;
    }

    const std::string settingsName(kSettingsFileName);
    const fs::path settingsPath = dir / settingsName;
    if (!fs::exists(settingsPath, ec)) {
        result.errors.push_back({ settingsName, 0, 0, "file is missing; using default settings" });
    } else if (std::string problem = outsideProblem(dir, settingsName); !problem.empty()) {
        result.errors.push_back(
            { settingsName, 0, 0, "file " + problem + "; using default settings" });
    } else {
        std::string text, error;
        if (readFile(settingsPath, &text, &error))
            settingsFromJson(text, settingsName, &result.workspace, &result.errors);
        else
            result.errors.push_back({ settingsName, 0, 0, error });
    }

    loadKeys(dir, &result.workspace.keys, &result.errors);

    const fs::path routesDir = dir / kRoutesDir;
    // A cloned workspace may hold links; none may lead Tollgate out of it.
    if (std::string problem = outsideProblem(dir, kRoutesDir); !problem.empty()) {
        result.errors.push_back(
            { std::string(kRoutesDir), 0, 0, "folder " + problem + "; no route is loaded" });
        return result;
    }
    // Sorting by file name gives the same route order on every machine, which
    // matters because the earliest of equally specific routes wins.
    for (const std::string& name : listRouteFiles(routesDir)) {
        const std::string relative = relativeName(kRoutesDir, name);
        std::string text, error;
        if (std::string problem = outsideProblem(dir, relative); !problem.empty()) {
            result.errors.push_back({ relative, 0, 0, "file " + problem + "; not loaded" });
            continue;
        }
        if (!readFile(routesDir / name, &text, &error)) {
            result.errors.push_back({ relative, 0, 0, error });
            continue;
        }
        Route route;
        if (routeFromJson(text, relative, &route, &result.errors)) {
            route.fileName = name;
            result.workspace.routes.push_back(std::move(route));
        }
    }
    return result;
}

std::string routeFileName(const Route& route, const std::vector<std::string>& taken)
{
    std::string slug;
    auto appendDash = [&slug] {
        if (!slug.empty() && slug.back() != '-')
            slug += '-';
    };
    for (char c : route.path) {
        if (c >= 'A' && c <= 'Z') {
            slug += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            slug += c;
        } else if (c == '*') {
            appendDash();
            slug += "wildcard";
            appendDash();
        } else {
            appendDash();
        }
    }
    // Very long paths would hit file-name limits (255 bytes) and are unreadable
    // in a file list anyway; the collision counter keeps truncated names unique.
    constexpr std::size_t kMaxSlug = 80;
    if (slug.size() > kMaxSlug)
        slug.resize(kMaxSlug);
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.empty())
        slug = "root";

    std::string method;
    for (char c : lowerAscii(route.method)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            method += c;
    }
    if (method.empty())
        method = "route";

    const std::string base = method + '-' + slug;
    std::string name = base + ".json";
    for (int n = 2; containsIgnoringCase(taken, name); ++n)
        name = base + '-' + std::to_string(n) + ".json";
    return name;
}

namespace {

/// The workspace's routes/ directory, made when missing; empty (and *error
/// set) when the workspace has no directory or it cannot be made.
fs::path routesDirectory(const Workspace& ws, std::string* error)
{
    if (ws.dir.empty()) {
        setError(error, "the workspace has no directory");
        return {};
    }
    fs::path routesDir = ws.dir / kRoutesDir;
    if (std::string problem = outsideProblem(ws.dir, kRoutesDir); !problem.empty()) {
        setError(error, routesDir.string() + " " + problem + "; not writing there");
        return {};
    }
    std::error_code ec;
    fs::create_directories(routesDir, ec);
    if (ec) {
        setError(error, "cannot create " + routesDir.string() + ": " + ec.message());
        return {};
    }
    return routesDir;
}

} // namespace

bool saveRoutes(Workspace& ws, const std::vector<std::size_t>& indexes, std::string* error)
{
    const fs::path routesDir = routesDirectory(ws, error);
    if (routesDir.empty())
        return false;
    std::vector<std::string> taken = listRouteFiles(routesDir);
    for (const Route& route : ws.routes) {
        if (!route.fileName.empty())
            taken.push_back(route.fileName);
    }
    for (std::size_t i : indexes) {
        if (i >= ws.routes.size())
            continue;
        Route& route = ws.routes[i];
        if (!isValidRouteFileName(route.fileName)) {
            route.fileName = routeFileName(route, taken);
            taken.push_back(route.fileName);
        }
        if (!writeFileIfChanged(routesDir / route.fileName, routeToJson(route), error))
            return false;
    }
    return true;
}

bool saveWorkspace(Workspace& ws, std::string* error, const std::vector<FileWrite>& alongside)
{
    const fs::path routesDir = routesDirectory(ws, error);
    if (routesDir.empty())
        return false;
    std::error_code ec;

    const fs::path settingsPath = ws.dir / kSettingsFileName;
    if (isNewerSchemaFile(settingsPath)) {
        setError(error,
            settingsPath.string()
                + " was written by a newer version of Tollgate; not overwriting it");
        return false;
    }

    // Every route claims its file; a route without a usable name, or whose name
    // another route already claimed (a duplicated route copies the name),
    // gets a fresh one below.
    std::vector<std::string> claimed;
    std::vector<std::size_t> unnamed;
    for (std::size_t i = 0; i < ws.routes.size(); ++i) {
        const std::string& name = ws.routes[i].fileName;
        if (isValidRouteFileName(name) && !containsIgnoringCase(claimed, name))
            claimed.push_back(name);
        else
            unnamed.push_back(i);
    }

    // Files nobody claims are stale routes (deleted or renamed in the editor)
    // unless they do not parse: a broken or newer-schema file was skipped on
    // load, so it is not in ws.routes, and deleting it would destroy what the
    // user is about to fix. Those are kept and their names stay taken.
    std::vector<std::string> stale;
    std::vector<std::string> taken = claimed;
    for (const std::string& name : listRouteFiles(routesDir)) {
        if (containsIgnoringCase(claimed, name))
            continue;
        std::string text;
        Route ignored;
        if (readFile(routesDir / name, &text, nullptr)
            && routeFromJson(text, name, &ignored, nullptr))
            stale.push_back(name);
        else
            taken.push_back(name);
    }
    for (std::size_t i : unnamed) {
        ws.routes[i].fileName = routeFileName(ws.routes[i], taken);
        taken.push_back(ws.routes[i].fileName);
    }

    // What changed is written as one set: when a file cannot be written (a
    // full disk), every file keeps what it held, so tiers, keys and routes on
    // disk never come from two different saves.
    std::vector<std::pair<fs::path, std::string>> changed;
    const auto add = [&changed](fs::path path, std::string text) {
        std::string existing;
        if (!readFile(path, &existing, nullptr) || existing != text)
            changed.emplace_back(std::move(path), std::move(text));
    };
    add(settingsPath, settingsToJson(ws));
    for (const Route& route : ws.routes)
        add(routesDir / route.fileName, routeToJson(route));
    if (!ws.keys.empty() || fs::exists(ws.dir / kKeysFileName, ec)) {
        if (!canReplaceKeys(ws.dir, error))
            return false;
        add(ws.dir / kKeysFileName, keysToJson(ws.keys));
    }
    std::vector<FileWrite> writes = alongside;
    for (const auto& [path, text] : changed)
        writes.push_back({ path, text });
    if (!writeFilesAtomic(writes, error))
        return false;
    for (const std::string& name : stale) {
        if (containsIgnoringCase(taken, name))
            continue; // reused by a new route just written
        fs::remove(routesDir / name, ec);
        if (ec) {
            setError(error, "cannot remove " + (routesDir / name).string() + ": " + ec.message());
            return false;
        }
    }

    // Machine-local state must not end up in the user's repository.
    const fs::path gitignore = ws.dir / ".gitignore";
    std::string ignoreText;
    if (!readFile(gitignore, &ignoreText, nullptr)) {
        if (!writeFileAtomic(gitignore, ".tollgate/\n", error))
            return false;
    } else {
        bool found = false;
        std::istringstream lines(ignoreText);
        for (std::string line; std::getline(lines, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (line == ".tollgate/" || line == ".tollgate" || line == "/.tollgate/"
                || line == "/.tollgate")
                found = true;
        }
        if (!found) {
            if (!ignoreText.empty() && ignoreText.back() != '\n')
                ignoreText += '\n';
            ignoreText += ".tollgate/\n";
            if (!writeFileAtomic(gitignore, ignoreText, error))
                return false;
        }
    }
    return true;
}

namespace {

class Fnv1a {
public:
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            m_hash ^= bytes[i];
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(std::string_view s)
    {
        add(s.data(), s.size());
        add("\0", 1); // separator so "ab"+"c" differs from "a"+"bc"
    }
    void add(std::uint64_t n) { add(&n, sizeof n); }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

void addFileStamp(Fnv1a& hash, const fs::path& path, std::string_view name)
{
    // Every call adds the name, so a file appearing or vanishing changes the
    // hash even when sizes and times happen to collide.
    hash.add(name);
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        hash.add(std::uint64_t { 0xFFFFFFFFFFFFFFFFULL });
        return;
    }
    hash.add(static_cast<std::uint64_t>(size));
    const auto mtime = fs::last_write_time(path, ec);
    if (!ec)
        hash.add(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch())
                .count()));
}

} // namespace

std::uint64_t workspaceFingerprint(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return 0;
    Fnv1a hash;
    addFileStamp(hash, dir / kSettingsFileName, kSettingsFileName);
    addFileStamp(hash, dir / kKeysFileName, kKeysFileName);
    const fs::path routesDir = dir / kRoutesDir;
    for (const std::string& name : listRouteFiles(routesDir))
        addFileStamp(hash, routesDir / name, relativeName(kRoutesDir, name));
    // Body files may live anywhere in the workspace; walk it (bounded, and
    // skipping machine state and VCS data) so editing one is noticed too.
    std::vector<fs::path> others;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator() && others.size() < 4096;
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (it.depth() == 0 && (name == kStateDir || name == ".git" || name == kRoutesDir)) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec))
            others.push_back(it->path());
    }
    std::sort(others.begin(), others.end());
    for (const auto& p : others)
        addFileStamp(hash, p, fs::relative(p, dir, ec).generic_string());
    // 0 means "no workspace"; an existing one never reports it.
    return hash.value() == 0 ? 1 : hash.value();
}

bool copyWorkspace(const fs::path& from, const fs::path& to, std::string* error)
{
    std::error_code ec;
    if (!fs::is_directory(from, ec)) {
        setError(error, from.string() + " is not a directory");
        return false;
    }
    // Collect first, copy after: copying into a directory below `from` must
    // not make the iteration see its own output.
    std::vector<fs::directory_entry> entries;
    fs::recursive_directory_iterator it(from, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() == 0 && it->path().filename() == fs::path(kStateDir)) {
            it.disable_recursion_pending();
            continue;
        }
        // A link out of the workspace is not its content: the copy must not
        // take in, say, ~/.ssh/id_rsa through a link a cloned workspace holds.
        if (!outsideProblem(from, it->path().lexically_relative(from)).empty())
            continue;
        entries.push_back(*it);
    }
    if (ec) {
        setError(error, "cannot read " + from.string() + ": " + ec.message());
        return false;
    }

    fs::create_directories(to, ec);
    if (ec) {
        setError(error, "cannot create " + to.string() + ": " + ec.message());
        return false;
    }
    for (const fs::directory_entry& entry : entries) {
        // Lexically: fs::relative resolves links, so a link inside the
        // workspace would be copied under its target's name instead of its own.
        const fs::path target = to / entry.path().lexically_relative(from);
        if (entry.is_directory(ec)) {
            fs::create_directories(target, ec);
        } else if (entry.is_regular_file(ec)) {
            fs::create_directories(target.parent_path(), ec);
            if (!ec)
                fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing, ec);
        } else {
            continue; // sockets, fifos and the like are not workspace content
        }
        if (ec) {
            setError(error,
                "cannot copy " + entry.path().string() + " to " + target.string() + ": "
                    + ec.message());
            return false;
        }
    }
    return true;
}

} // namespace tollgate::server
