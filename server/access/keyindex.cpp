#include "server/access/keyindex.h"

#include <openssl/crypto.h>

namespace tollgate::server {

GcraCell* KeyRuntime::routeCell(const std::string& route)
{
    std::lock_guard lock(m_routeMutex);
    auto& cell = m_routeCells[route];
    if (!cell)
        cell = std::make_unique<GcraCell>();
    return cell.get();
}

UsageStore::Counter* KeyRuntime::usageCounter(
    UsageStore& usage, const std::string& keyId, std::int64_t nowSec)
{
    if (nowSec < counterUntil.load(std::memory_order_acquire))
        return counter.load(std::memory_order_acquire);
    UsageStore::Counter* c = usage.counter(keyId, nowSec);
    counter.store(c, std::memory_order_release);
    counterUntil.store(monthEnd(nowSec), std::memory_order_release);
    return c;
}

KeyIndex::KeyIndex(
    const std::vector<ApiKey>& keys, std::vector<Tier> tiers, const KeyIndex* previous)
    : m_tiers(std::move(tiers))
{
    for (const ApiKey& k : keys) {
        KeyEntry e;
        if (!fromHex(k.hash, &e.digest))
            continue;
        e.id = k.id;
        e.tierId = k.tier;
        e.tier = findTier(m_tiers, k.tier);
        e.scopes = k.scopes;
        e.expiresNs = k.expires > 0 ? k.expires * 1'000'000'000 : 0;
        e.revoked = k.revoked > 0;
        auto& rt = m_runtimes[k.id];
        if (!rt) {
            if (previous) {
                const auto it = previous->m_runtimes.find(k.id);
                if (it != previous->m_runtimes.end())
                    rt = it->second;
            }
            if (!rt)
                rt = std::make_shared<KeyRuntime>();
        }
        e.runtime = rt;
        m_byPrefix[k.prefix].push_back(std::move(e));
    }
}

const KeyEntry* KeyIndex::find(std::string_view key) const
{
    const auto it = m_byPrefix.find(keyPrefix(key));
    if (it == m_byPrefix.end())
        return nullptr;
    const KeyDigest digest = sha256(key);
    const KeyEntry* found = nullptr;
    // Every candidate is compared, so the time taken does not say which matched.
    for (const KeyEntry& e : it->second) {
        if (digestsEqual(e.digest, digest))
            found = &e;
    }
    return found;
}

void KeyIndex::forgetUsageCounters() const
{
    for (const auto& [id, rt] : m_runtimes)
        rt->counterUntil.store(0, std::memory_order_relaxed);
}

VerifiedKeyCache::~VerifiedKeyCache()
{
    if (!m_key.empty())
        OPENSSL_cleanse(m_key.data(), m_key.size());
}

const KeyEntry* VerifiedKeyCache::lookup(
    std::string_view key, const std::shared_ptr<const KeyIndex>& index) const
{
    if (m_index != index || key.size() != m_key.size() || m_key.empty())
        return nullptr;
    return CRYPTO_memcmp(key.data(), m_key.data(), key.size()) == 0 ? m_entry : nullptr;
}

void VerifiedKeyCache::remember(
    std::string_view key, std::shared_ptr<const KeyIndex> index, const KeyEntry* entry)
{
    if (!m_key.empty())
        OPENSSL_cleanse(m_key.data(), m_key.size());
    m_key.assign(key);
    m_index = std::move(index);
    m_entry = entry;
}

} // namespace tollgate::server
