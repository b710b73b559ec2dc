#pragma once

// The workspace's keys as the request path sees them: immutable entries looked
// up by public prefix, each pointing at the key's runtime state (limiter
// cells, the cached usage counter), which outlives an apply so that a key
// keeps its limits and counts when the workspace changes.

#include "server/access/apikey.h"
#include "server/access/gcra.h"
#include "server/access/usage.h"
#include "server/workspace/workspace.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tollgate::server {

/// State of one key that must survive apply(): limiter cells and the cached
/// usage counter of the current month. Shared by every index that knows the key.
struct KeyRuntime {
    GcraCell rate; ///< the tier's limit
    GcraCell tokens; ///< the tier's tokens per minute (post-paid: check, then debit)
    std::atomic<UsageStore::Counter*> counter { nullptr };
    std::atomic<std::int64_t> counterUntil { 0 }; ///< Unix seconds the counter's month ends

    /// The cell of a route with a limit of its own ("GET /v1/search").
    GcraCell* routeCell(const std::string& route);
    /// The key's usage counter for the month containing nowSec; the store is
    /// entered only when the month changes.
    UsageStore::Counter* usageCounter(
        UsageStore& usage, const std::string& keyId, std::int64_t nowSec);

private:
    std::mutex m_routeMutex; // only for routes with their own limit
    std::unordered_map<std::string, std::unique_ptr<GcraCell>> m_routeCells;
};

/// A key as the request path sees it.
struct KeyEntry {
    KeyDigest digest {};
    std::string id;
    const Tier* tier = nullptr; ///< into the index's tiers; null when the tier is missing
    std::string tierId;
    std::vector<std::string> scopes;
    std::int64_t expiresNs = 0;
    bool revoked = false;
    std::shared_ptr<KeyRuntime> runtime;
    std::uint32_t meterKey = 0; ///< metering's ids, set by whoever builds the index
    std::uint32_t meterTier = 0;
};

class KeyIndex {
public:
    /// Indexes keys (malformed hashes are left out: the loader reports them)
    /// with their tiers, reusing the runtimes `previous` holds for the same ids.
    KeyIndex(const std::vector<ApiKey>& keys, std::vector<Tier> tiers, const KeyIndex* previous);
    KeyIndex(const KeyIndex&) = delete;
    KeyIndex& operator=(const KeyIndex&) = delete;

    /// The entry whose hash equals SHA-256(key): looked up by the public
    /// prefix, then compared in constant time, so timing reveals nothing of
    /// the secret part. key must have passed checkKeyFormat.
    const KeyEntry* find(std::string_view key) const;

    const std::vector<Tier>& tiers() const { return m_tiers; }
    /// Every entry, for assigning metering ids before publication.
    template <class F> void forEach(F&& f)
    {
        for (auto& [prefix, entries] : m_byPrefix) {
            for (KeyEntry& e : entries)
                f(e);
        }
    }
    /// Drops the usage counters cached by the keys (a new store started).
    void forgetUsageCounters() const;

private:
    std::vector<Tier> m_tiers;
    std::unordered_map<std::string, std::vector<KeyEntry>> m_byPrefix;
    std::unordered_map<std::string, std::shared_ptr<KeyRuntime>> m_runtimes;
};

/// The last key verified on a connection: a keep-alive client sends the same
/// key again and again, and its entry stands while the index does (a revoke
/// publishes a new one). The key text is compared in constant time and wiped
/// when replaced or destroyed.
class VerifiedKeyCache {
public:
    ~VerifiedKeyCache();
    const KeyEntry* lookup(
        std::string_view key, const std::shared_ptr<const KeyIndex>& index) const;
    void remember(
        std::string_view key, std::shared_ptr<const KeyIndex> index, const KeyEntry* entry);

private:
    std::string m_key;
    std::shared_ptr<const KeyIndex> m_index;
    const KeyEntry* m_entry = nullptr;
};

} // namespace tollgate::server
