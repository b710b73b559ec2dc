#include "server/composer/history.h"

#include "server/common/files.h"
#include "server/common/text.h"
#include "server/composer/composerjson.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#define TOLLGATE_POSIX_IO 1
#endif

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using jsonfile::Reader;

namespace {

/// The lines of the file that hold something; a missing file has none.
std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!line.empty())
            lines.push_back(line);
        begin = end + 1;
    }
    return lines;
}

/// History holds what was typed into the composer, tokens and passwords
/// included, so .tollgate/ must stay out of git even in a workspace whose own
/// .gitignore does not say so (a fresh clone, a hand-made directory).
void keepOutOfGit(const fs::path& dir)
{
    if (dir.filename() != ".tollgate")
        return;
    std::error_code ec;
    if (!fs::exists(dir / ".gitignore", ec))
        writeFileAtomic(dir / ".gitignore", "*\n", nullptr);
}

#ifdef TOLLGATE_POSIX_IO
/// Where the unterminated last line of a file of `size` bytes starts when it
/// is not a whole entry (a write cut short by a crash), else -1.
off_t tornTailStart(int fd, off_t size)
{
    constexpr off_t kChunk = 4096;
    constexpr std::size_t kLongest = 1 << 20; // longer is no torn entry: leave it be
    std::string tail; // the file from `begin` to its end
    for (off_t begin = size; begin > 0 && tail.size() < kLongest;) {
        const off_t end = begin;
        begin = std::max<off_t>(0, end - kChunk);
        std::string chunk(static_cast<std::size_t>(end - begin), '\0');
        if (::pread(fd, chunk.data(), chunk.size(), begin) != static_cast<ssize_t>(chunk.size()))
            return -1;
        tail.insert(0, chunk);
        const std::size_t newline = chunk.rfind('\n');
        if (newline == std::string::npos && begin > 0)
            continue;
        const std::size_t start = newline == std::string::npos ? 0 : newline + 1;
        HistoryEntry entry;
        if (historyEntryFromJson(std::string_view(tail).substr(start), &entry))
            return -1;
        return begin + static_cast<off_t>(start);
    }
    return -1;
}
#endif

bool appendToFile(const fs::path& path, std::string_view line, std::string* error)
{
#ifdef TOLLGATE_POSIX_IO
    // 0600: the history may hold tokens and passwords typed into the composer.
    // O_NOFOLLOW: lines appended through a link could land in, say, ~/.bashrc.
    const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        setError(error, "cannot open " + path.string() + ": " + std::strerror(errno));
        return false;
    }
    // Another instance appending to the same file waits here, so the torn
    // line below is never one it is still writing.
    ::flock(fd, LOCK_EX);
    std::string data;
    // A crash mid-write leaves a torn last line without its newline. It holds
    // no entry, so it goes; a whole entry that only lacks its newline (an
    // edit by hand) gets one. Either way the new line is not glued to it.
    struct stat st { };
    char last = '\n';
    if (::fstat(fd, &st) == 0 && st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) == 1
        && last != '\n') {
        const off_t keep = tornTailStart(fd, st.st_size);
        if (keep < 0 || ::ftruncate(fd, keep) != 0)
            data += '\n';
    }
    data += line;
    // One write() of the whole line: O_APPEND puts it at the end in one piece,
    // even when another instance appends to the same file.
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int saved = errno;
            ::close(fd);
            setError(error, "cannot write " + path.string() + ": " + std::strerror(saved));
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        setError(error, "cannot write " + path.string() + ": " + std::strerror(errno));
        return false;
    }
    return true;
#else
    std::string data;
    {
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        if (in && in.tellg() > 0) {
            in.seekg(-1, std::ios::end);
            if (in.get() != '\n')
                data += '\n';
        }
    }
    data += line;
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
        setError(error, "cannot write " + path.string());
        return false;
    }
    return true;
#endif
}

} // namespace

std::string historyEntryToJson(const HistoryEntry& entry)
{
    json::object request;
    writeComposerRequest(entry.request, &request);
    json::object o;
    o["time"] = entry.timeMs;
    o["environment"] = jsonfile::jsonString(entry.environment);
    o["request"] = std::move(request);
    o["status"] = entry.status;
    o["totalMs"] = entry.totalMs;
    o["bytes"] = entry.bytes;
    o["error"] = jsonfile::jsonString(entry.error);
    return json::serialize(o);
}

bool historyEntryFromJson(std::string_view line, HistoryEntry* out)
{
    json::error_code ec;
    const json::value root = json::parse(json::string_view(line.data(), line.size()), ec);
    if (ec || !root.is_object())
        return false;
    const json::object& o = root.get_object();
    // Without a diagnostics list the reader only counts problems: a broken
    // line is skipped, not reported.
    Reader r(line, "history", nullptr);
    HistoryEntry entry;
    constexpr long long kMax = std::numeric_limits<long long>::max();
    r.readInt(o, "time", "", 0, kMax, &entry.timeMs);
    r.getString(o, "environment", "", &entry.environment);
    if (const json::object* request = r.getObject(o, "request", ""))
        readComposerRequest(r, *request, "/request", &entry.request);
    else
        return false;
    r.readInt(o, "status", "", 0, 999, &entry.status);
    r.readInt(o, "totalMs", "", 0, kMax, &entry.totalMs);
    r.readInt(o, "bytes", "", 0, kMax, &entry.bytes);
    r.getString(o, "error", "", &entry.error);
    if (r.errorCount() > 0)
        return false;
    *out = std::move(entry);
    return true;
}

HistoryLog::HistoryLog(fs::path file, std::size_t limit)
    : m_file(std::move(file))
    , m_limit(limit)
{
}

std::vector<HistoryEntry> HistoryLog::load(std::size_t* skipped) const
{
    if (skipped)
        *skipped = 0;
    std::string text;
    std::error_code ec;
    if (!fs::exists(m_file, ec) || !readFile(m_file, &text, nullptr)) {
        m_lines = 0;
        return {};
    }
    const std::vector<std::string_view> lines = splitLines(text);
    m_lines = lines.size();
    std::vector<HistoryEntry> entries;
    entries.reserve(std::min(lines.size(), m_limit));
    // Newest last in the file; reading from the end stops at the limit and
    // counts only the broken lines that would have been shown.
    // An unterminated last line that is no entry is a write a crash cut
    // short: that entry was never stored, so it is no broken line to report
    // (the next append removes it).
    const bool torn = !text.empty() && text.back() != '\n';
    for (auto it = lines.rbegin(); it != lines.rend() && entries.size() < m_limit; ++it) {
        HistoryEntry entry;
        if (historyEntryFromJson(*it, &entry))
            entries.push_back(std::move(entry));
        else if (skipped && !(torn && it == lines.rbegin()))
            ++*skipped;
    }
    std::reverse(entries.begin(), entries.end());
    return entries;
}

bool HistoryLog::append(const HistoryEntry& entry, std::string* error)
{
    const fs::path dir = m_file.parent_path();
    std::error_code ec;
    if (dir.filename() == ".tollgate") {
        if (std::string problem = stateFolderProblem(dir.parent_path()); !problem.empty()) {
            setError(error, problem);
            return false;
        }
    }
    if (!dir.empty()) {
        fs::create_directories(dir, ec);
        if (ec) {
            setError(error, "cannot create " + dir.string() + ": " + ec.message());
            return false;
        }
        keepOutOfGit(dir);
    }
    if (!m_lines)
        load();
    if (!appendToFile(m_file, historyEntryToJson(entry) + '\n', error))
        return false;
    ++*m_lines;
    // Rewriting on every append would cost a full file write per request;
    // letting the file grow to twice the limit makes that once per `limit`.
    if (*m_lines > 2 * m_limit)
        return compact(error);
    return true;
}

bool HistoryLog::compact(std::string* error)
{
    const std::vector<HistoryEntry> entries = load();
    std::string text;
    for (const HistoryEntry& entry : entries) {
        text += historyEntryToJson(entry);
        text += '\n';
    }
    if (!writeFileAtomic(m_file, text, error))
        return false;
    m_lines = entries.size();
    return true;
}

bool HistoryLog::clear(std::string* error)
{
    std::error_code ec;
    fs::remove(m_file, ec);
    if (ec) {
        setError(error, "cannot remove " + m_file.string() + ": " + ec.message());
        return false;
    }
    m_lines = 0;
    return true;
}

} // namespace tollgate::server
