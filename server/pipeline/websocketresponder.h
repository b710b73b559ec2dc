#pragma once

// Answers a WebSocket route: upgrades the request and runs the route's
// script for the session. Messages on open are sent after their delays;
// each incoming message is matched against the rules (the first that
// holds sends its replies, to the sender or to every client of the route,
// and may close the session with a code), and echoed when none holds and
// the route echoes. Everything the script sends goes out in order, one
// queue per session. A plain request (no Upgrade) gets 426.

#include "server/pipeline/responder.h"
#include "server/pipeline/websockethub.h"

namespace tollgate::server {

class WebSocketResponder final : public Responder {
public:
    explicit WebSocketResponder(WsHub*& hub)
        : m_hub(hub)
    {
    }
    bool respond(ResponderCall& call, Waiter& waiter) override;

private:
    WsHub*& m_hub; // the engine's, set once the context is set up
};

} // namespace tollgate::server
