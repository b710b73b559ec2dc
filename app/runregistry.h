#pragma once

// Running tollgated instances register in <state dir>/run/<pid> so that
// `tollgated keys` can make a revocation take effect on them before it
// returns: it signals each one (SIGHUP) and waits until its run file reports
// the keys.json it has just written. Polling the workspace would leave a
// revoked key working for up to a second, and not at all under --no-watch.
//
// A run file holds three lines:
//   <fingerprint of the keys.json the instance serves>
//   workspace=<canonical workspace directory>
//   started=<process start time from /proc, empty where unknown>
// The workspace line lets several workspaces share a state directory; the
// start time keeps a stale file whose pid was reused by an unrelated process
// from getting that process signalled.

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tollgate::app {

/// Hex SHA-256 of DIR/keys.json's content, "none" when there is no such
/// file. Content, not mtime: two writes within one timestamp tick differ.
std::string keysFingerprint(const std::filesystem::path& workspace);

/// The directory a workspace's instances register in.
std::filesystem::path runDirectory(const std::filesystem::path& stateDir);

/// This process' registration; the file is removed on destruction.
class RunFile {
public:
    RunFile(std::filesystem::path stateDir, const std::filesystem::path& workspace);
    ~RunFile();
    RunFile(const RunFile&) = delete;
    RunFile& operator=(const RunFile&) = delete;

    /// Creates the file (and the run directory) with `fingerprint`. False with
    /// *error when it cannot be written; the instance then still serves but
    /// `tollgated keys` cannot reach it.
    bool create(const std::string& fingerprint, std::string* error);
    /// Records that the keys with `fingerprint` are applied (no-op when
    /// unchanged or not created).
    void update(const std::string& fingerprint);

    const std::filesystem::path& path() const { return m_path; }

private:
    bool write(const std::string& fingerprint, std::string* error);

    std::filesystem::path m_path;
    std::string m_workspace;
    std::string m_started;
    std::string m_fingerprint;
    bool m_created = false;
};

/// What notifyInstances achieved, for the command's report.
struct NotifyResult {
    std::vector<pid_t> confirmed; ///< reported the new keys in time
    std::vector<std::string> warnings; ///< one sentence per instance that did not
};

/// Sends SIGHUP to every live instance registered in stateDir for `workspace`
/// and waits up to `timeout` until each reports `fingerprint` (or the keys.json
/// currently on disk, which a later writer may have replaced it with). Run
/// files of dead processes are deleted.
NotifyResult notifyInstances(const std::filesystem::path& stateDir,
    const std::filesystem::path& workspace, const std::string& fingerprint,
    std::chrono::milliseconds timeout);

} // namespace tollgate::app
