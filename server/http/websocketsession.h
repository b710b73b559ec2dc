#pragma once

// Runs a WebSocket session on a connection's socket: the upgrade answer,
// then frames both ways with Beast's websocket stream. Internal to the
// connection (Connection::acceptWebSocket).

#include "server/http/connection.h"
#include "server/http/websocket.h"

#include <functional>
#include <memory>
#include <string>

namespace tollgate::server {

struct WebSocketStart {
    /// Keeps the socket's owner (the connection) alive while the session runs.
    std::shared_ptr<void> owner;
    boost::asio::ip::tcp::socket* socket = nullptr;
    /// Set for HTTPS: the session runs over this TLS stream (on `socket`).
    boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>* tls = nullptr;
    const HttpRequest* request = nullptr;
    std::string fields; ///< "Name: value\r\n" lines the 101 answer carries
    std::string requestId;
    WebSocketLimits limits;
    int handshakeTimeoutMs = 10'000;
    std::shared_ptr<WebSocketHandler> handler;
    /// After handler->ended(): `accepted` false when the upgrade was refused.
    std::function<void(const WebSocketEnd& end, bool accepted)> done;
};

/// Starts the session; everything happens on the socket's executor.
void runWebSocket(WebSocketStart start);

/// Whether a request asks for a WebSocket (Upgrade: websocket, GET, HTTP/1.1).
bool isWebSocketUpgrade(const HttpRequest& request);

} // namespace tollgate::server
