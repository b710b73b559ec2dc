#pragma once

// The composer's history: <workspace>/.tollgate/history.jsonl, one JSON object
// per line, newest last, machine-local and git-ignored. Appending is one
// write; a torn last line (crash mid-write) is skipped on load without being
// counted as broken, and removed by the next append.

#include "server/composer/composerrequest.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

struct HistoryEntry {
    std::int64_t timeMs = 0; ///< when it was sent, Unix milliseconds
    ComposerRequest request; ///< as written (variables not expanded)
    std::string environment; ///< the environment it was sent with
    int status = 0; ///< 0 when no response arrived
    std::int64_t totalMs = 0;
    std::int64_t bytes = 0; ///< response body size
    std::string error; ///< why no response arrived, empty otherwise
    bool operator==(const HistoryEntry&) const = default;
};

/// Not thread-safe: one HistoryLog per file, used from one thread.
class HistoryLog {
public:
    static constexpr std::size_t defaultLimit = 500;

    explicit HistoryLog(std::filesystem::path file, std::size_t limit = defaultLimit);

    /// Entries oldest first, at most `limit`; unreadable lines are skipped and
    /// counted in *skipped.
    std::vector<HistoryEntry> load(std::size_t* skipped = nullptr) const;
    /// Appends one entry; when the file holds well over `limit` entries it is
    /// rewritten (atomically) with the newest `limit`.
    bool append(const HistoryEntry& entry, std::string* error);
    bool clear(std::string* error);

    const std::filesystem::path& file() const { return m_file; }

private:
    bool compact(std::string* error);

    std::filesystem::path m_file;
    std::size_t m_limit;
    // Lines in the file, counted on the first load() or append() and then
    // kept up to date, so appending never rereads the file.
    mutable std::optional<std::size_t> m_lines;
};

/// One line, no newline; like a saved request, the token of a request that
/// uses a workspace key (keyId) is left out.
std::string historyEntryToJson(const HistoryEntry& entry);
bool historyEntryFromJson(std::string_view line, HistoryEntry* out);

} // namespace tollgate::server
