#pragma once

// How many connections each client address holds open, shared by every
// thread that accepts or closes one: a connection over the address's limit
// is refused at accept (nginx's limit_conn per $binary_remote_addr).

#include <boost/asio/ip/address.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace tollgate::server {

class ConnectionLimiter;

/// One admitted connection's place in its address's count, given back when
/// it is destroyed. Empty: the connection was refused (or is not counted).
class ConnectionSlot {
public:
    ConnectionSlot() = default;
    ConnectionSlot(ConnectionSlot&& other) noexcept;
    ConnectionSlot& operator=(ConnectionSlot&& other) noexcept;
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;
    ~ConnectionSlot();

    bool held() const { return m_limiter != nullptr; }

private:
    friend class ConnectionLimiter;
    using Key = std::array<unsigned char, 16>;
    ConnectionSlot(ConnectionLimiter* limiter, const Key& key)
        : m_limiter(limiter)
        , m_key(key)
    {
    }
    void release();

    ConnectionLimiter* m_limiter = nullptr;
    Key m_key {};
};

/// Open connections per client address, counted in shards (one mutex and
/// map each), so threads closing connections of different addresses rarely
/// meet and no lock covers the whole table. The limit is an atomic: a new
/// value applies to the next accept.
class ConnectionLimiter {
public:
    ConnectionLimiter() = default;
    ConnectionLimiter(const ConnectionLimiter&) = delete;
    ConnectionLimiter& operator=(const ConnectionLimiter&) = delete;

    /// Connections one address may hold; 0 = no limit.
    void setLimit(int perAddress);
    int limit() const { return m_limit.load(std::memory_order_relaxed); }

    /// Counts one more connection from `address` and returns its slot, or an
    /// empty slot when the address already holds the limit (the refusal is
    /// counted). An IPv4 address mapped into IPv6 counts as the IPv4 one.
    ConnectionSlot tryAcquire(const boost::asio::ip::address& address);

    /// Connections `address` holds now.
    int openFrom(const boost::asio::ip::address& address) const;
    /// Connections refused so far.
    std::uint64_t refused() const { return m_refused.load(std::memory_order_relaxed); }

private:
    friend class ConnectionSlot;
    using Key = ConnectionSlot::Key;
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::unordered_map<Key, int, KeyHash> open;
    };
    static constexpr std::size_t kShards = 64;

    static Key keyOf(const boost::asio::ip::address& address);
    Shard& shardOf(const Key& key) { return m_shards[KeyHash {}(key) % kShards]; }
    const Shard& shardOf(const Key& key) const { return m_shards[KeyHash {}(key) % kShards]; }
    void release(const Key& key);

    std::atomic<int> m_limit { 0 };
    std::atomic<std::uint64_t> m_refused { 0 };
    std::array<Shard, kShards> m_shards;
};

} // namespace tollgate::server
