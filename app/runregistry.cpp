#include "runregistry.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace tollgate::app {

namespace fs = std::filesystem;

namespace {

bool readWholeFile(const fs::path& path, std::string* out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *out = std::move(buffer).str();
    return !in.bad();
}

std::string canonicalWorkspace(const fs::path& workspace)
{
    std::error_code ec;
    const fs::path absolute = fs::absolute(workspace, ec);
    const fs::path canonical = fs::weakly_canonical(ec ? workspace : absolute, ec);
    return (ec ? workspace : canonical).string();
}

// Field 22 of /proc/<pid>/stat (clock ticks since boot). The command name
// before it is in parentheses and may contain spaces, so count from the last
// ')'.
std::string processStartTime(pid_t pid)
{
    std::string stat;
    if (!readWholeFile("/proc/" + std::to_string(pid) + "/stat", &stat))
        return {};
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return {};
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22; ++i) {
        if (!(fields >> field))
            return {};
    }
    return field;
}

struct Entry {
    pid_t pid = 0;
    std::string fingerprint;
    std::string workspace;
    std::string started;
};

bool readEntry(const fs::path& file, Entry* out)
{
    std::string text;
    if (!readWholeFile(file, &text))
        return false;
    std::istringstream lines(text);
    std::string line;
    if (!std::getline(lines, out->fingerprint))
        return false;
    while (std::getline(lines, line)) {
        if (line.rfind("workspace=", 0) == 0)
            out->workspace = line.substr(10);
        else if (line.rfind("started=", 0) == 0)
            out->started = line.substr(8);
    }
    return true;
}

std::string describe(std::chrono::milliseconds d)
{
    return d.count() % 1000 == 0 ? std::to_string(d.count() / 1000) + " s"
                                 : std::to_string(d.count()) + " ms";
}

std::optional<pid_t> pidFromName(const std::string& name)
{
    if (name.empty() || name.size() > 9
        || name.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const long value = std::stol(name);
    return value > 0 ? std::optional<pid_t>(static_cast<pid_t>(value)) : std::nullopt;
}

} // namespace

std::string keysFingerprint(const fs::path& workspace)
{
    std::string content;
    std::error_code ec;
    if (!fs::exists(workspace / "keys.json", ec))
        return "none";
    if (!readWholeFile(workspace / "keys.json", &content))
        return "unreadable";
    return server::toHex(server::sha256(content));
}

fs::path runDirectory(const fs::path& stateDir)
{
    return stateDir / "run";
}

RunFile::RunFile(fs::path stateDir, const fs::path& workspace)
    : m_path(runDirectory(stateDir) / std::to_string(::getpid()))
    , m_workspace(canonicalWorkspace(workspace))
    , m_started(processStartTime(::getpid()))
{
}

RunFile::~RunFile()
{
    if (m_created) {
        std::error_code ec;
        fs::remove(m_path, ec);
    }
}

bool RunFile::create(const std::string& fingerprint, std::string* error)
{
    std::error_code ec;
    fs::create_directories(m_path.parent_path(), ec);
    if (ec) {
        if (error)
            *error = "cannot create " + m_path.parent_path().string() + ": " + ec.message();
        return false;
    }
    m_created = write(fingerprint, error);
    return m_created;
}

void RunFile::update(const std::string& fingerprint)
{
    if (m_created && fingerprint != m_fingerprint)
        write(fingerprint, nullptr);
}

bool RunFile::write(const std::string& fingerprint, std::string* error)
{
    const std::string content
        = fingerprint + "\nworkspace=" + m_workspace + "\nstarted=" + m_started + "\n";
    if (!server::writeFileAtomic(m_path, content, error))
        return false;
    m_fingerprint = fingerprint;
    return true;
}

NotifyResult notifyInstances(const fs::path& stateDir, const fs::path& workspace,
    const std::string& fingerprint, std::chrono::milliseconds timeout)
{
    NotifyResult result;
    const std::string wanted = canonicalWorkspace(workspace);
    const fs::path dir = runDirectory(stateDir);
    std::error_code ec;
    std::vector<pid_t> pending;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const auto pid = pidFromName(it->path().filename().string());
        Entry entry;
        if (!pid || !readEntry(it->path(), &entry))
            continue;
        if (entry.workspace != wanted)
            continue; // another workspace sharing this state directory
        if (*pid == ::getpid())
            continue;
        // A pid that is gone, or now belongs to a process started at another
        // time, is a leftover of an instance that did not exit cleanly. Where
        // /proc tells the start time, a file that does not match it is never
        // trusted: SIGHUP would end most other processes.
        const std::string started = processStartTime(*pid);
        const bool reused = !started.empty() && started != entry.started;
        if (reused || (::kill(*pid, 0) != 0 && errno == ESRCH)) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
            continue;
        }
        if (::kill(*pid, SIGHUP) != 0) {
            result.warnings.push_back("cannot signal tollgated (pid " + std::to_string(*pid)
                + "): " + std::strerror(errno) + "; it applies the change when it next polls");
            continue;
        }
        pending.push_back(*pid);
    }

    // A CLI may poll: this runs once per key change, for at most `timeout`.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string onDisk;
    while (!pending.empty()) {
        for (auto it = pending.begin(); it != pending.end();) {
            const fs::path file = dir / std::to_string(*it);
            Entry entry;
            bool done = false;
            if (!readEntry(file, &entry)) {
                done = true; // it exited (cleanly) meanwhile: nothing to update
            } else if (entry.fingerprint == fingerprint) {
                result.confirmed.push_back(*it);
                done = true;
            } else {
                // Another command may have replaced keys.json since; what is
                // on disk now contains our change too.
                if (onDisk.empty())
                    onDisk = keysFingerprint(workspace);
                if (entry.fingerprint == onDisk) {
                    result.confirmed.push_back(*it);
                    done = true;
                } else if (::kill(*it, 0) != 0 && errno == ESRCH) {
                    done = true;
                }
            }
            it = done ? pending.erase(it) : it + 1;
        }
        if (pending.empty() || std::chrono::steady_clock::now() >= deadline)
            break;
        onDisk.clear();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (pid_t pid : pending)
        result.warnings.push_back("tollgated (pid " + std::to_string(pid)
            + ") did not confirm the change within " + describe(timeout)
            + "; it may still serve the previous keys");
    return result;
}

} // namespace tollgate::app
