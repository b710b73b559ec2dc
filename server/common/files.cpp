#include "server/common/files.h"

#include "server/common/text.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#define TOLLGATE_POSIX_IO 1
#endif

namespace tollgate::server {

namespace fs = std::filesystem;

bool readFile(const fs::path& path, std::string* out, std::string* error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        setError(error, std::string("cannot open file: ") + std::strerror(errno));
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        setError(error, "cannot read file");
        return false;
    }
    *out = std::move(ss).str();
    return true;
}

std::string outsideProblem(const fs::path& root, const fs::path& relative)
{
    const fs::path normal = relative.lexically_normal();
    if (relative.is_absolute() || relative.has_root_name()
        || (!normal.empty() && *normal.begin() == ".."))
        return "is outside the workspace directory";
    // weakly_canonical: a path that does not exist yet (a folder about to be
    // made) is judged by the part of it that does.
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(root.empty() ? fs::path(".") : root, ec);
    const fs::path target = ec ? fs::path() : fs::weakly_canonical(base / normal, ec);
    if (ec)
        return "cannot be read: " + ec.message();
    if (std::mismatch(base.begin(), base.end(), target.begin(), target.end()).first != base.end())
        return "is a link to " + target.string() + ", outside the workspace directory";
    return {};
}

bool readFileInside(const fs::path& root, const fs::path& relative, std::string_view what,
    std::string* out, std::string* error)
{
    const std::string subject = std::string(what) + " '" + relative.generic_string() + "' ";
    if (std::string problem = outsideProblem(root, relative); !problem.empty()) {
        setError(error, subject + problem);
        return false;
    }
    std::error_code ec;
    const fs::path target = fs::canonical(root / relative.lexically_normal(), ec);
    std::string reason = ec.message();
    if (ec || !readFile(target, out, &reason)) {
        setError(error, subject + "cannot be read: " + reason);
        return false;
    }
    return true;
}

std::string stateFolderProblem(const fs::path& workspaceDir)
{
    const fs::path state = workspaceDir / ".tollgate";
    const auto linkProblem = [](const fs::path& path, const std::string& shown) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(path, ec)))
            return std::string();
        const fs::path to = fs::read_symlink(path, ec);
        return shown + " is a symbolic link" + (ec ? std::string() : " to " + to.string())
            + "; Tollgate keeps its state only in real files and folders";
    };
    if (std::string problem = linkProblem(state, ".tollgate"); !problem.empty())
        return problem;
    for (const fs::path& dir : { state, state / "loadruns" }) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
             it.increment(ec)) {
            const std::string shown
                = ".tollgate/" + it->path().lexically_relative(state).generic_string();
            if (std::string problem = linkProblem(it->path(), shown); !problem.empty())
                return problem;
        }
    }
    return {};
}

namespace {
/// The directories written to under this thread's DeferredSync, if any.
thread_local std::set<fs::path>* t_deferredDirectories = nullptr;
/// Files go straight to their path (DeferredSync::Target::Private).
thread_local bool t_writeInPlace = false;
} // namespace

DeferredSync::DeferredSync(Target target)
{
    if (t_deferredDirectories) {
        m_active = false; // nested: the outer one finishes
        return;
    }
    t_deferredDirectories = new std::set<fs::path>();
    t_writeInPlace = target == Target::Private;
}

DeferredSync::~DeferredSync()
{
    finish(nullptr);
}

bool DeferredSync::finish(std::string* error)
{
    if (!m_active)
        return true;
    m_active = false;
    std::set<fs::path> directories = std::move(*t_deferredDirectories);
    delete t_deferredDirectories;
    t_deferredDirectories = nullptr;
    t_writeInPlace = false;
    if (directories.empty())
        return true;
#ifdef TOLLGATE_POSIX_IO
    bool ok = true;
    const int first = ::open(directories.begin()->c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#ifdef __linux__
    const bool synced = first >= 0 && ::syncfs(first) == 0;
#else
    ::sync(); // no syncfs(): flush every file system
    const bool synced = first >= 0;
#endif
    if (!synced) {
        ok = false;
        setError(error, "cannot sync " + directories.begin()->string() + ": " + std::strerror(errno));
    }
    if (first >= 0)
        ::close(first);
    for (const fs::path& dir : directories)
        syncDirectory(dir);
    return ok;
#else
    (void)error;
    return true;
#endif
}

#ifdef TOLLGATE_POSIX_IO
namespace {

/// The errno a write to `path` is made to fail with, or 0. Tests set
/// TOLLGATE_TEST_WRITE_FAULT=<ENOSPC|EFBIG|EIO|EDQUOT>[:<part of the path>] to
/// see a full or broken disk without one: the temporary file then gets half
/// of its content before the write fails, as on a disk that fills up.
int injectedWriteFault(const fs::path& path)
{
    const char* value = std::getenv("TOLLGATE_TEST_WRITE_FAULT");
    if (!value || !*value)
        return 0;
    const std::string_view spec(value);
    const std::size_t colon = spec.find(':');
    const std::string_view name = spec.substr(0, colon);
    if (colon != std::string_view::npos
        && path.string().find(spec.substr(colon + 1)) == std::string::npos)
        return 0;
    if (name == "ENOSPC")
        return ENOSPC;
    if (name == "EFBIG")
        return EFBIG;
    if (name == "EDQUOT")
        return EDQUOT;
    return EIO;
}

/// Removes the temporary files of writes to `path` that a killed process left
/// behind: their writer (the pid in the name) is gone and they are over a
/// minute old, so no writer on another machine sharing the folder is still
/// filling one. Loaders never read them (they start with '.'), so this only
/// gives the space back.
void removeLeftovers(const fs::path& dir, const fs::path& path)
{
    const std::string prefix = "." + path.filename().string() + ".tmp-";
    const auto old = fs::file_time_type::clock::now() - std::chrono::minutes(1);
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0
            || errno != ESRCH)
            continue;
        std::error_code fileError;
        const auto written = fs::last_write_time(it->path(), fileError);
        if (!fileError && written < old)
            fs::remove(it->path(), fileError);
    }
}

} // namespace
#endif

void syncDirectory(const fs::path& dir)
{
#ifdef TOLLGATE_POSIX_IO
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd); // refused by some file systems, which is harmless
        ::close(fd);
    }
#else
    (void)dir;
#endif
}

namespace {

bool writeAtomic(
    const fs::path& path, std::string_view content, bool privateFile, std::string* error)
{
    fs::path dir = path.parent_path();
    if (dir.empty())
        dir = ".";
    std::error_code ec;
    fs::create_directories(dir, ec);

#ifdef TOLLGATE_POSIX_IO
    // The temporary file lives in the target's directory because rename() is
    // only atomic within one file system. Its name starts with '.' and does
    // not end in ".json", so loaders and watchers never mistake it for a route.
    static std::atomic<unsigned> counter { 0 };
    const auto stamp = static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count());
    int fd = -1;
    fs::path tmp;
    if (t_writeInPlace) {
        tmp = path; // renamed onto itself below: a no-op
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    for (int attempt = 0; attempt < 16 && fd < 0 && !t_writeInPlace; ++attempt) {
        // Appended piecewise: GCC 12 reports a false -Wrestrict for "." + string.
        std::string name = ".";
        name += path.filename().string();
        name += ".tmp-";
        name += std::to_string(::getpid());
        name += '-';
        name += std::to_string(stamp % 1000000);
        name += '-';
        name += std::to_string(counter++);
        tmp = dir / name;
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        setError(error,
            "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
        return false;
    }
    auto fail = [&](const char* what) {
        const int saved = errno;
        if (fd >= 0)
            ::close(fd);
        ::unlink(tmp.c_str());
        setError(error, std::string(what) + " " + path.string() + ": " + std::strerror(saved));
        return false;
    };

    // Keep the permissions of the file being replaced (e.g. a group-writable
    // shared workspace); new files get the default mode filtered by umask.
    // A private file is the owner's alone before anything is in it.
    struct stat existing { };
    if (privateFile) {
        if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0)
            return fail("cannot restrict the permissions of");
    } else if (::stat(path.c_str(), &existing) == 0) {
        ::fchmod(fd, existing.st_mode & 07777);
    }

    const char* data = content.data();
    std::size_t left = content.size();
    const int fault = injectedWriteFault(path);
    if (fault)
        left /= 2;
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (fault) {
        errno = fault;
        return fail("cannot write");
    }
    if (!t_deferredDirectories && ::fsync(fd) != 0)
        return fail("cannot sync");
    if (::close(fd) != 0) {
        fd = -1;
        return fail("cannot write");
    }
    fd = -1;
    if (!t_writeInPlace && ::rename(tmp.c_str(), path.c_str()) != 0)
        return fail("cannot replace");
    if (t_deferredDirectories) {
        t_deferredDirectories->insert(dir);
        return true;
    }
    syncDirectory(dir); // makes the rename itself durable
    removeLeftovers(dir, path);
    return true;
#else
    (void)privateFile; // no POSIX modes here
    const fs::path tmp = dir / ("." + path.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            fs::remove(tmp, ec);
            setError(error, "cannot write " + tmp.string());
            return false;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        setError(error, "cannot replace " + path.string() + ": " + ec.message());
        return false;
    }
    return true;
#endif
}

} // namespace

bool writeFileAtomic(const fs::path& path, std::string_view content, std::string* error)
{
    return writeAtomic(path, content, false, error);
}

bool writePrivateFileAtomic(const fs::path& path, std::string_view content, std::string* error)
{
    return writeAtomic(path, content, true, error);
}

/// Writes content unless the file already holds exactly that, so saving an
/// unchanged workspace leaves mtimes (and file watchers, and make-style
/// tooling) alone.
bool writeFileIfChanged(const fs::path& path, std::string_view content, std::string* error)
{
    std::string existing;
    if (readFile(path, &existing, nullptr) && existing == content)
        return true;
    return writeFileAtomic(path, content, error);
}

namespace {

/// A second name for the file at `path`, next to it and named like a
/// temporary file of it (so one a crash leaves behind is cleaned up like
/// those), or empty when none can be made (a file system without hard links).
fs::path linkBackup(const fs::path& path)
{
#ifdef TOLLGATE_POSIX_IO
    if (t_writeInPlace)
        return {}; // the file is rewritten in place: a link would change with it
    static std::atomic<unsigned> counter { 0 };
    std::string name = ".";
    name += path.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    name += "-old-";
    name += std::to_string(counter++);
    fs::path backup = path.parent_path() / name;
    ::unlink(backup.c_str());
    if (::link(path.c_str(), backup.c_str()) == 0)
        return backup;
#else
    (void)path;
#endif
    return {};
}

} // namespace

bool writeFilesAtomic(const std::vector<FileWrite>& files, std::string* error)
{
    struct Written {
        fs::path path;
        /// The replaced file under a second name: putting it back is one
        /// rename, which needs no space on a full disk.
        fs::path backup;
        std::optional<std::string> before; ///< its text where no link was made
    };
    std::vector<Written> written;
    std::vector<fs::path> madeFolders; // outermost first
    const auto rollBack = [&] {
        std::error_code ec;
        for (auto it = written.rbegin(); it != written.rend(); ++it) {
            if (!it->backup.empty()) {
                fs::rename(it->backup, it->path, ec);
                syncDirectory(it->path.parent_path());
            } else if (it->before)
                writeFileAtomic(it->path, *it->before, nullptr);
            else
                fs::remove(it->path, ec);
        }
        for (auto it = madeFolders.rbegin(); it != madeFolders.rend(); ++it)
            fs::remove(*it, ec); // only when empty: nobody else's files go
        return false;
    };
    for (const FileWrite& file : files) {
        std::error_code ec;
        std::vector<fs::path> missing;
        for (fs::path dir = file.path.parent_path(); !dir.empty() && !fs::exists(dir, ec);
             dir = dir.parent_path()) {
            missing.push_back(dir);
            if (dir == dir.parent_path())
                break;
        }
        madeFolders.insert(madeFolders.end(), missing.rbegin(), missing.rend());
        Written entry { file.path, {}, std::nullopt };
        if (fs::is_regular_file(file.path, ec)) {
            entry.backup = linkBackup(file.path);
            std::string before;
            std::string why;
            if (entry.backup.empty() && !readFile(file.path, &before, &why)) {
                setError(error, "cannot read " + file.path.string() + " to replace it: " + why);
                return rollBack();
            }
            if (entry.backup.empty())
                entry.before = std::move(before);
        }
        if (!writeFileAtomic(file.path, file.content, error)) {
            std::error_code ignored;
            if (!entry.backup.empty())
                fs::remove(entry.backup, ignored); // the file is still the old one
            return rollBack();
        }
        written.push_back(std::move(entry));
    }
    for (const Written& w : written) {
        std::error_code ec;
        if (!w.backup.empty())
            fs::remove(w.backup, ec);
    }
    return true;
}

} // namespace tollgate::server
