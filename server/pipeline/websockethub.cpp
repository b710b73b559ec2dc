#include "server/pipeline/websockethub.h"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace tollgate::server {

void WsHub::join(const std::string& route, const std::shared_ptr<WsHubMember>& member)
{
    const std::lock_guard lock(m_mutex);
    m_routes[route].push_back(member);
}

void WsHub::leave(const std::string& route, const WsHubMember* member)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_routes.find(route);
    if (it == m_routes.end())
        return;
    auto& list = it->second;
    // The member may be going away already (its weak_ptr expired): drop
    // every expired entry along with it.
    std::erase_if(list, [member](const std::weak_ptr<WsHubMember>& w) {
        const auto m = w.lock();
        return !m || m.get() == member;
    });
    if (list.empty())
        m_routes.erase(it);
}

std::size_t WsHub::broadcast(const std::string& route, std::string text)
{
    std::vector<std::shared_ptr<WsHubMember>> to;
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_routes.find(route);
        if (it == m_routes.end())
            return 0;
        to.reserve(it->second.size());
        for (const auto& w : it->second)
            if (auto m = w.lock())
                to.push_back(std::move(m));
    }
    const auto shared = std::make_shared<const std::string>(std::move(text));
    for (auto& member : to) {
        auto executor = member->executor();
        boost::asio::post(
            executor, [member = std::move(member), shared] { member->deliver(shared); });
    }
    return to.size();
}

std::size_t WsHub::members(const std::string& route) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_routes.find(route);
    return it == m_routes.end() ? 0 : it->second.size();
}

} // namespace tollgate::server
