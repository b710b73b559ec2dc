#pragma once

// A WebSocket session as the code that drives it sees it: the connection
// answers the upgrade (101) and runs the frames (Beast's websocket stream);
// a WebSocketHandler decides what is said. Everything of one session happens
// on its connection's thread.

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tollgate::server {

struct WebSocketLimits {
    std::uint32_t maxMessageBytes = 64 * 1024; ///< a larger incoming message closes with 1009
    std::uint32_t frameBytes = 16 * 1024; ///< outgoing messages go in frames this large at most
    /// A quiet peer is pinged after half of this and closed after all of it
    /// (any frame from it counts as an answer); 0 = never.
    int idleTimeoutMs = 30'000;
};

/// How a session ended.
struct WebSocketEnd {
    std::uint16_t code = 0; ///< the close code (0: none was exchanged, the connection dropped)
    std::string reason;
    bool byClient = false; ///< the client closed (or left) first
    std::uint64_t bytesIn = 0; ///< message payload bytes received
    std::uint64_t bytesOut = 0; ///< message payload bytes sent
};

/// The open session. Call only on its executor.
class WebSocketChannel {
public:
    virtual ~WebSocketChannel() = default;
    /// Queues a message; messages go out in the order queued.
    virtual void send(std::string message, bool binary = false) = 0;
    /// Queues a Close frame after what is queued; nothing is sent after it.
    virtual void close(std::uint16_t code, std::string reason) = 0;
    virtual boost::asio::any_io_executor executor() = 0;
};

class WebSocketHandler {
public:
    virtual ~WebSocketHandler() = default;
    /// The 101 answer is written: the session is open.
    virtual void opened(const std::shared_ptr<WebSocketChannel>& channel) = 0;
    /// A whole message arrived.
    virtual void received(std::string_view message, bool binary) = 0;
    /// A message went out (to the socket).
    virtual void sent(std::size_t bytes) = 0;
    /// The session is over (also when the handshake failed: then `code` is 0
    /// and opened() was never called). The channel sends nothing more.
    virtual void ended(const WebSocketEnd& end) = 0;
};

} // namespace tollgate::server
