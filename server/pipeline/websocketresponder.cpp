#include "server/pipeline/websocketresponder.h"

#include "server/http/websocketsession.h"
#include "server/pipeline/designedresponder.h"
#include "server/pipeline/outcome.h"

#include <boost/asio/steady_timer.hpp>

#include <deque>

namespace tollgate::server {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

namespace {

/// One session's script. It holds the compiled script (its templates) and
/// the request's context; the connection holds the request's outcome.
class WsRun final : public WebSocketHandler,
                    public WsHubMember,
                    public std::enable_shared_from_this<WsRun> {
public:
    WsRun(std::shared_ptr<const CompiledWs> script, std::string routeName, RequestContext ctx,
        int slot, WsHub* hub, StreamOutcome* outcome, SteadyClock::time_point arrived)
        : m_script(std::move(script))
        , m_routeName(std::move(routeName))
        , m_ctx(std::move(ctx))
        , m_slot(slot)
        , m_hub(hub)
        , m_outcome(outcome)
        , m_arrived(arrived)
    {
        m_outcome->streamed = true;
        m_outcome->websocket = true;
    }

    void opened(const std::shared_ptr<WebSocketChannel>& channel) override
    {
        m_channel = channel;
        m_executor = channel->executor();
        m_timer.emplace(m_executor);
        if (m_hub)
            m_hub->join(m_routeName, shared_from_this());
        for (const CompiledWsMessage& m : m_script->onOpen)
            queue({ m.delayMs, render(m.text), WsAudience::Sender, false, 0, {} });
    }

    void received(std::string_view message, bool binary) override
    {
        ++m_outcome->received;
        if (m_closing)
            return;
        if (!binary) {
            m_ctx.setMessage(message);
            for (const CompiledWsRule& rule : m_script->rules) {
                if (!rule.matches(message, rule.pointer.empty() ? nullptr : m_ctx.messageJson()))
                    continue;
                for (const CompiledWsMessage& m : rule.replies)
                    queue({ m.delayMs, render(m.text), rule.audience, false, 0, {} });
                if (rule.closeCode > 0)
                    queue({ 0, {}, WsAudience::Sender, false, rule.closeCode, rule.closeReason });
                return;
            }
        }
        if (m_script->echo)
            queue({ 0, std::string(message), WsAudience::Sender, binary, 0, {} });
    }

    void sent(std::size_t) override
    {
        if (m_outcome->events++ == 0)
            m_outcome->firstEventUs = std::chrono::duration_cast<std::chrono::microseconds>(
                SteadyClock::now() - m_arrived)
                                          .count();
    }

    void ended(const WebSocketEnd& end) override
    {
        m_outcome->closeCode = end.code;
        m_outcome->clientLeft = end.byClient && end.code == 0;
        if (m_timer)
            m_timer->cancel();
        m_steps.clear();
        if (m_hub && m_timer)
            m_hub->leave(m_routeName, this);
        m_channel.reset();
    }

    void deliver(const std::shared_ptr<const std::string>& text) override
    {
        if (const auto channel = m_channel.lock(); channel && !m_closing)
            channel->send(*text);
    }

    asio::any_io_executor executor() override { return m_executor; }

private:
    struct Step {
        int delayMs = 0;
        std::string text;
        WsAudience audience = WsAudience::Sender;
        bool binary = false;
        int closeCode = 0; ///< > 0: close instead of sending
        std::string closeReason;
    };

    std::string render(const Template& text)
    {
        m_ctx.streamIndex = m_rendered++;
        return text.render(m_ctx, m_slot);
    }

    void queue(Step step)
    {
        if (step.closeCode > 0)
            m_closing = true; // nothing is answered after the close is decided
        m_steps.push_back(std::move(step));
        if (!m_waiting)
            next();
    }

    /// Sends the steps due in order; waits out each step's delay first.
    void next()
    {
        const auto channel = m_channel.lock();
        while (!m_steps.empty() && channel) {
            Step& step = m_steps.front();
            if (step.delayMs > 0) {
                m_waiting = true;
                m_timer->expires_after(std::chrono::milliseconds(step.delayMs));
                step.delayMs = 0;
                m_timer->async_wait([self = shared_from_this()](boost::system::error_code ec) {
                    self->m_waiting = false;
                    if (!ec)
                        self->next();
                });
                return;
            }
            Step now = std::move(step);
            m_steps.pop_front();
            if (now.closeCode > 0)
                channel->close(static_cast<std::uint16_t>(now.closeCode), now.closeReason);
            else if (now.audience == WsAudience::Everyone && m_hub)
                m_hub->broadcast(m_routeName, std::move(now.text));
            else
                channel->send(std::move(now.text), now.binary);
        }
    }

    std::shared_ptr<const CompiledWs> m_script;
    std::string m_routeName;
    RequestContext m_ctx;
    int m_slot;
    WsHub* m_hub;
    StreamOutcome* m_outcome;
    SteadyClock::time_point m_arrived;
    // The channel owns this run (as its handler): a weak reference back.
    std::weak_ptr<WebSocketChannel> m_channel;
    asio::any_io_executor m_executor;
    std::optional<asio::steady_timer> m_timer;
    std::deque<Step> m_steps;
    std::int64_t m_rendered = 0;
    bool m_waiting = false;
    bool m_closing = false;
};

} // namespace

bool WebSocketResponder::respond(ResponderCall& call, Waiter& waiter)
{
    if (!isWebSocketUpgrade(call.request)) {
        // RFC 9110 15.5.22: say which protocol to switch to.
        call.response.problem(426,
            "This route speaks WebSocket: open it with a WebSocket client (GET with "
            "\"Upgrade: websocket\").");
        call.response.header("Upgrade", "websocket");
        return true;
    }
    const CompiledWs& script = *call.route.websocket;
    WebSocketLimits limits;
    limits.maxMessageBytes = script.maxMessageBytes;
    limits.frameBytes = script.frameBytes;
    limits.idleTimeoutMs = script.idleTimeoutMs;
    waiter.acceptWebSocket(limits,
        std::make_shared<WsRun>(call.route.websocket, call.route.name,
            DesignedResponder::requestContext(call), call.threadSlot, m_hub, call.streamOutcome,
            call.arrived));
    return false;
}

} // namespace tollgate::server
