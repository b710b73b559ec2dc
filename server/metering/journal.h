#pragma once

// The request journal (issue 18): the last N requests the server received,
// in full enough to verify what a client sent (method, target, headers, the
// body up to a cap) with what the server made of it (route, key id, tier,
// status). Read over the admin endpoint (/journal) and by `tollgated
// verify`. Key secrets never enter it: the fields that carry a key
// (Authorization, X-API-Key) are masked before an entry is stored.
//
// Serve threads add entries under one mutex held only to move an entry into
// its slot of a fixed ring; everything an entry holds is copied before.
// Nothing is kept unless the journal was given a capacity.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

struct JournalEntry {
    std::uint64_t sequence = 0; ///< 1, 2, ... since the journal started (reset keeps counting)
    std::int64_t timeUs = 0; ///< Unix µs when the answer was written
    std::string method;
    std::string target; ///< as received: path and query
    std::vector<std::pair<std::string, std::string>> headers; ///< as received, keys masked
    std::string body; ///< up to the journal's body limit
    std::uint64_t bodyBytes = 0; ///< the whole body's size
    std::string route; ///< the matched route's name; empty when none matched
    std::string keyId; ///< the verified key's id; empty when none
    std::string tier;
    int status = 0; ///< 0: the connection was reset instead of answered
    std::string requestId;

    /// The target's path (before '?').
    std::string_view path() const;
    bool bodyTruncated() const { return body.size() < bodyBytes; }
};

/// What to select; unset fields select everything.
struct JournalFilter {
    std::optional<std::string> method; ///< compared without case
    std::optional<std::string> path; ///< the path exactly (before '?')
    std::optional<std::string> pathPrefix;
    std::optional<std::string> route;
    std::optional<std::string> keyId;
    std::optional<std::string> tier;
    std::optional<int> status;
    /// A header the request carried, by name (without case) and, when the
    /// value is set, with exactly that value.
    std::optional<std::pair<std::string, std::optional<std::string>>> header;
    std::optional<std::string> bodyContains;
    std::uint64_t after = 0; ///< only entries with a larger sequence
    std::size_t limit = 0; ///< 0: all that match; else the newest `limit`

    bool matches(const JournalEntry& e) const;
    /// Reads name=value pairs of a query string ("method=GET&path=%2Fv1%2Fusers%2F7&
    /// header=X-Trace:abc&limit=10"), percent-decoded. False with the
    /// parameter named for unknown names or bad numbers.
    static bool fromQuery(std::string_view query, JournalFilter* out, std::string* error);
};

class RequestJournal {
public:
    static constexpr std::size_t kDefaultCapacity = 1000;
    static constexpr std::size_t kDefaultBodyLimit = 16 * 1024;
    static constexpr std::size_t kMaxCapacity = 1'000'000;

    /// Keeps the newest `capacity` requests (0: nothing) with bodies cut at
    /// `bodyLimit` bytes.
    explicit RequestJournal(std::size_t capacity = kDefaultCapacity,
        std::size_t bodyLimit = kDefaultBodyLimit);

    std::size_t capacity() const { return m_capacity; }
    std::size_t bodyLimit() const { return m_bodyLimit; }
    bool enabled() const { return m_capacity > 0; }

    /// Adds an entry (its sequence is assigned here). The caller has masked
    /// it (maskKeyFields) and cut its body.
    void add(JournalEntry entry);
    /// The entries that match, oldest first.
    std::vector<JournalEntry> select(const JournalFilter& filter) const;
    /// Forgets every entry; sequences go on from where they were.
    void reset();
    /// Entries held now, and requests added since the start (or last reset).
    std::size_t size() const;
    std::uint64_t addedSinceReset() const;

private:
    const std::size_t m_capacity;
    const std::size_t m_bodyLimit;
    mutable std::mutex m_mutex;
    std::vector<JournalEntry> m_ring; ///< grows to m_capacity, then wraps
    std::size_t m_next = 0; ///< the slot the next entry goes to once full
    std::uint64_t m_sequence = 0;
    std::uint64_t m_sinceReset = 0;
};

/// The value shown instead of a key: "Bearer [redacted]" for
/// Authorization, "[redacted]" for X-API-Key. `keyHeaders` are the other
/// field names that may carry a key.
void maskKeyFields(std::vector<std::pair<std::string, std::string>>* headers);

/// {"requests":[...],"held":N,"capacity":N,"bodyLimit":N,"addedSinceReset":N}
/// with each entry's fields; bodies as text when they are UTF-8, else base64
/// ("bodyBase64").
std::string journalToJson(const RequestJournal& journal, const std::vector<JournalEntry>& entries);

} // namespace tollgate::server
