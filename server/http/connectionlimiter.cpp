#include "server/http/connectionlimiter.h"

#include <utility>

namespace tollgate::server {

ConnectionSlot::ConnectionSlot(ConnectionSlot&& other) noexcept
    : m_limiter(std::exchange(other.m_limiter, nullptr))
    , m_key(other.m_key)
{
}

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& other) noexcept
{
    if (this != &other) {
        release();
        m_limiter = std::exchange(other.m_limiter, nullptr);
        m_key = other.m_key;
    }
    return *this;
}

ConnectionSlot::~ConnectionSlot()
{
    release();
}

void ConnectionSlot::release()
{
    if (m_limiter)
        std::exchange(m_limiter, nullptr)->release(m_key);
}

std::size_t ConnectionLimiter::KeyHash::operator()(const Key& k) const noexcept
{
    // FNV-1a: addresses are short and the shard count small.
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : k) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return static_cast<std::size_t>(h ^ (h >> 32));
}

ConnectionLimiter::Key ConnectionLimiter::keyOf(const boost::asio::ip::address& address)
{
    // IPv4 as mapped into IPv6 (::ffff:a.b.c.d), which is also how a
    // dual-stack socket reports an IPv4 client: one key for both.
    namespace ip = boost::asio::ip;
    return address.is_v4() ? ip::make_address_v6(ip::v4_mapped, address.to_v4()).to_bytes()
                           : address.to_v6().to_bytes();
}

void ConnectionLimiter::setLimit(int perAddress)
{
    m_limit.store(perAddress > 0 ? perAddress : 0, std::memory_order_relaxed);
}

ConnectionSlot ConnectionLimiter::tryAcquire(const boost::asio::ip::address& address)
{
    const Key key = keyOf(address);
    const int limit = m_limit.load(std::memory_order_relaxed);
    Shard& shard = shardOf(key);
    {
        std::lock_guard lock(shard.mutex);
        int& open = shard.open[key];
        if (limit > 0 && open >= limit) {
            m_refused.fetch_add(1, std::memory_order_relaxed);
            return {};
        }
        ++open;
    }
    return ConnectionSlot(this, key);
}

void ConnectionLimiter::release(const Key& key)
{
    Shard& shard = shardOf(key);
    std::lock_guard lock(shard.mutex);
    const auto it = shard.open.find(key);
    if (it != shard.open.end() && --it->second <= 0)
        shard.open.erase(it);
}

int ConnectionLimiter::openFrom(const boost::asio::ip::address& address) const
{
    const Key key = keyOf(address);
    const Shard& shard = shardOf(key);
    std::lock_guard lock(shard.mutex);
    const auto it = shard.open.find(key);
    return it == shard.open.end() ? 0 : it->second;
}

} // namespace tollgate::server
