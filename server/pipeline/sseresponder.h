#pragma once

// Answers with a Server-Sent Events stream (text/event-stream, chunked): the
// route's scripted events, each after its delay or at a steady rate, or a
// completion split into tokens and sent as OpenAI chat.completion.chunk
// events ended by "[DONE]". A client that reconnects with Last-Event-ID
// resumes after that event. Heartbeat comments keep a quiet stream open. A
// client that leaves is noticed at once (a read waits on the socket while
// the stream does); the stream stops and the outcome counts what was sent.

#include "server/pipeline/responder.h"

#include <boost/asio/io_context.hpp>

namespace tollgate::server {

class SseResponder final : public Responder {
public:
    explicit SseResponder(boost::asio::io_context& ioc)
        : m_ioc(ioc)
    {
    }
    bool respond(ResponderCall& call, Waiter& waiter) override;

private:
    boost::asio::io_context& m_ioc;
};

} // namespace tollgate::server
