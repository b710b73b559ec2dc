#include "server/common/files.h"

#include "server/common/text.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
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

bool writeFileAtomic(const fs::path& path, std::string_view content, std::string* error)
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
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
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
    struct stat existing { };
    if (::stat(path.c_str(), &existing) == 0)
        ::fchmod(fd, existing.st_mode & 07777);

    const char* data = content.data();
    std::size_t left = content.size();
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
    if (::fsync(fd) != 0)
        return fail("cannot sync");
    if (::close(fd) != 0) {
        fd = -1;
        return fail("cannot write");
    }
    fd = -1;
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        return fail("cannot replace");
    // Syncing the directory makes the rename itself durable; some file systems
    // refuse it, which is harmless, so the result is ignored.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return true;
#else
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

} // namespace tollgate::server
