#pragma once

// Who is connected to each WebSocket route, on every worker thread, so that
// a reply can go to every client of the route. Joining, leaving and
// broadcasting take a mutex; delivery is posted to each member's own
// thread, so nothing of a session is touched from another.

#include <boost/asio/any_io_executor.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tollgate::server {

class WsHubMember {
public:
    virtual ~WsHubMember() = default;
    /// On the member's executor: send this text.
    virtual void deliver(const std::shared_ptr<const std::string>& text) = 0;
    virtual boost::asio::any_io_executor executor() = 0;
};

class WsHub {
public:
    void join(const std::string& route, const std::shared_ptr<WsHubMember>& member);
    void leave(const std::string& route, const WsHubMember* member);
    /// Sends `text` to every member of `route` (the sender too). Returns how
    /// many it went to.
    std::size_t broadcast(const std::string& route, std::string text);
    std::size_t members(const std::string& route) const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::vector<std::weak_ptr<WsHubMember>>> m_routes;
};

} // namespace tollgate::server
