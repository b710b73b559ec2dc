#pragma once

// Whole-file reads and crash-safe writes: a file is written to a temporary
// file in the same directory, flushed and renamed over the old one, so a
// crash never leaves a half-written file.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// The whole file; false with a reason on failure.
bool readFile(const std::filesystem::path& path, std::string* out, std::string* error);

/// Why root/relative is not inside root once "..", a root and every symbolic
/// link on the way are resolved ("is outside the workspace directory", "is a
/// link to /etc/passwd, outside the workspace directory"), or empty when it
/// is inside (or would be, if it does not exist yet). A workspace cloned from
/// someone's repository names files relative to itself; this keeps it from
/// reaching ~/.ssh through "../", an absolute path or a link.
std::string outsideProblem(
    const std::filesystem::path& root, const std::filesystem::path& relative);
/// readFile of root/relative, refused with outsideProblem's reason (after
/// "what '<relative>' ") when it leads out of root.
bool readFileInside(const std::filesystem::path& root, const std::filesystem::path& relative,
    std::string_view what, std::string* out, std::string* error);
/// Why the workspace's machine-local state folder (.tollgate/) must not be
/// written to: it, or an entry in it or in its loadruns/, is a symbolic link
/// (a cloned workspace could ship .tollgate/history.jsonl -> ~/.bashrc and have
/// the composer append to it). Empty when it holds no link or does not exist.
std::string stateFolderProblem(const std::filesystem::path& workspaceDir);
/// Writes content to path via a temporary file + fsync + rename, keeping the
/// replaced file's permissions.
bool writeFileAtomic(
    const std::filesystem::path& path, std::string_view content, std::string* error);
/// writeFileAtomic for a secret (a private key): the file is readable and
/// writable by its owner only (0600), from before its first byte is written,
/// whatever the replaced file's permissions were.
bool writePrivateFileAtomic(
    const std::filesystem::path& path, std::string_view content, std::string* error);
/// writeFileAtomic unless the file already holds exactly that.
bool writeFileIfChanged(
    const std::filesystem::path& path, std::string_view content, std::string* error);

/// Makes the entries of a directory (a rename into it) durable. Some file
/// systems cannot sync a directory; that is no failure.
void syncDirectory(const std::filesystem::path& dir);

/// One file of a set written together.
struct FileWrite {
    std::filesystem::path path;
    std::string_view content;
};
/// Writes every file as writeFileAtomic does, or none of them: when one
/// cannot be written, the ones written before it get their old content back
/// (or are removed when they were new) and the folders made for them are
/// removed again. A replaced file is kept under a second name (a hard link)
/// until the set is done, so putting it back needs no space on a full disk.
/// False with the reason of the write that failed.
bool writeFilesAtomic(const std::vector<FileWrite>& files, std::string* error);

/// While one is alive on a thread, writeFileAtomic on that thread still writes
/// a temporary file and renames it, but leaves out its two flushes; finish()
/// then makes everything written durable at once: one syncfs() of the file
/// system, then each directory written to. For bulk writes into a folder that
/// nothing relies on until they are done (a workspace being created by an
/// import), where thousands of fsyncs would take tens of seconds.
class DeferredSync {
public:
    enum class Target {
        Shared, ///< others may read the files meanwhile: still temporary file + rename
        Private, ///< a folder only this writer knows of yet: files are written in place
    };
    explicit DeferredSync(Target target = Target::Shared);
    ~DeferredSync(); ///< finishes if finish() was not called
    DeferredSync(const DeferredSync&) = delete;
    DeferredSync& operator=(const DeferredSync&) = delete;
    bool finish(std::string* error);

private:
    bool m_active = true;
};

} // namespace tollgate::server
