#include "server/pipeline/sseresponder.h"

#include "server/pipeline/designedresponder.h"
#include "server/pipeline/outcome.h"
#include "server/stream/sseformat.h"
#include "server/stream/tokencount.h"
#include "server/stream/tokenstream.h"

#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace tollgate::server {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

/// Events due at once are written together up to this size.
constexpr std::size_t kBatchBytes = 16 * 1024;

namespace {

/// A Last-Event-ID that names a position; small enough that the next one
/// and the script's index of it are safe to compute.
std::optional<std::int64_t> parseIndex(std::string_view text)
{
    constexpr std::int64_t kMax = std::int64_t { 1 } << 53;
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (r.ec != std::errc {} || r.ptr != text.data() + text.size() || n < 0 || n > kMax)
        return std::nullopt;
    return n;
}

std::chrono::nanoseconds perSecond(double rate)
{
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(1e9 / rate)));
}

/// One stream in progress. It holds the connection (through its BodyStream)
/// and so the request and the snapshot its route lives in, until it ends.
class SseSession final : public std::enable_shared_from_this<SseSession> {
    struct Chunk {
        std::size_t offset;
        std::size_t length;
        std::size_t tokens;
    };

public:
    SseSession(asio::io_context& ioc, std::shared_ptr<BodyStream> out, const CompiledRoute& route,
        RequestContext ctx, int slot, StreamOutcome* outcome, SteadyClock::time_point arrived,
        TokenTally* tokens)
        : m_timer(ioc)
        , m_out(std::move(out))
        , m_route(route)
        , m_sse(*route.sse)
        , m_ctx(std::move(ctx))
        , m_slot(slot)
        , m_outcome(outcome)
        , m_arrived(arrived)
        , m_tokens(tokens)
    {
    }

    void start(bool head)
    {
        const SseStream& s = m_route.source.sse;
        if (s.mode == SseMode::Tokens)
            planTokens();
        m_next = resumePosition();
        m_outcome->streamed = true;
        m_out->begin(std::nullopt, [self = shared_from_this(), head](bool ok) {
            if (!ok)
                return self->leave();
            if (head)
                return self->end();
            self->m_lastWrite = SteadyClock::now();
            self->m_due = self->m_lastWrite;
            // Weak: the connection keeps this callback, and the session keeps
            // the connection.
            self->m_out->watchClient([weak = self->weak_from_this()] {
                if (auto session = weak.lock())
                    session->leave();
            });
            self->waitForNext();
        });
    }

private:
    bool tokens() const { return m_route.source.sse.mode == SseMode::Tokens; }

    /// Renders the completion and cuts it into its chunks.
    void planTokens()
    {
        const SseStream& s = m_route.source.sse;
        m_text = m_sse.text.isStatic() ? m_sse.text.text() : m_sse.text.render(m_ctx, m_slot);
        const auto tokens = splitTokens(m_text);
        m_tokenCount = tokens.size();
        const auto per = static_cast<std::size_t>(s.tokensPerChunk);
        for (std::size_t i = 0; i < tokens.size(); i += per) {
            const std::size_t last = std::min(tokens.size(), i + per) - 1;
            const auto begin = static_cast<std::size_t>(tokens[i].data() - m_text.data());
            const auto end = static_cast<std::size_t>(tokens[last].data() - m_text.data())
                + tokens[last].size();
            m_chunks.push_back({ begin, end - begin, last + 1 - i });
        }
        m_chatId = "chatcmpl-" + m_ctx.id;
        m_created = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
                        .count();
        const boost::json::value* body = m_ctx.json();
        if (body && body->is_object()) {
            const auto* options = body->get_object().if_contains("stream_options");
            if (options && options->is_object()) {
                const auto* include = options->get_object().if_contains("include_usage");
                m_includeUsage = include && include->is_bool() && include->get_bool();
            }
            m_promptTokens = promptTokens(body->get_object());
        }
    }

    /// The prompt's tokens: those of each message's text content.
    static std::uint64_t promptTokens(const boost::json::object& body)
    {
        std::uint64_t n = 0;
        const auto* messages = body.if_contains("messages");
        if (!messages || !messages->is_array())
            return 0;
        for (const auto& m : messages->get_array()) {
            if (!m.is_object())
                continue;
            const auto* content = m.get_object().if_contains("content");
            if (content && content->is_string())
                n += countTokens(content->get_string());
        }
        return n;
    }

    // Token streams: role chunk, content chunks, stop chunk, usage chunk
    // (when asked for), [DONE].
    std::int64_t tokenEvents() const
    {
        return static_cast<std::int64_t>(m_chunks.size()) + 3 + (m_includeUsage ? 1 : 0);
    }

    /// Where the stream starts: after the event a reconnecting client last
    /// saw, else at the beginning.
    std::int64_t resumePosition() const
    {
        const std::string* last = m_ctx.header("last-event-id");
        if (!last || last->empty())
            return 0;
        const auto n = parseIndex(*last);
        if (tokens())
            return n && *n + 1 < tokenEvents() ? *n + 1 : 0;
        const auto size = static_cast<std::int64_t>(m_sse.events.size());
        // Ids that count ({{stream.index}}) name their position.
        if (n && (m_route.source.sse.repeat || *n < size) && idAt(*n) == *last)
            return *n + 1;
        for (std::int64_t i = 0; i < size; ++i)
            if (idAt(i) == *last)
                return i + 1 < size || m_route.source.sse.repeat ? i + 1 : 0;
        return 0;
    }

    std::string render(const Template& t, std::int64_t position) const
    {
        if (t.isStatic())
            return t.text();
        m_ctx.streamIndex = position;
        return t.render(m_ctx, m_slot);
    }

    std::string idAt(std::int64_t position) const
    {
        const auto& e = m_sse.events[static_cast<std::size_t>(
            position % static_cast<std::int64_t>(m_sse.events.size()))];
        return render(e.id, position);
    }

    bool finished() const
    {
        if (tokens())
            return m_next >= tokenEvents();
        return !m_route.source.sse.repeat
            && m_next >= static_cast<std::int64_t>(m_sse.events.size());
    }

    /// The wait before event m_next.
    SteadyClock::duration gap() const
    {
        const SseStream& s = m_route.source.sse;
        if (tokens()) {
            // Content chunks come at the pace; the rest at once.
            const auto chunk = m_next - 1;
            if (chunk < 0 || chunk >= static_cast<std::int64_t>(m_chunks.size()))
                return {};
            const auto n = static_cast<double>(m_chunks[static_cast<std::size_t>(chunk)].tokens);
            return perSecond(s.tokensPerSecond / n);
        }
        if (s.eventsPerSecond > 0)
            return m_formatted == 0 ? SteadyClock::duration {} : perSecond(s.eventsPerSecond);
        const auto& e = m_sse.events[static_cast<std::size_t>(
            m_next % static_cast<std::int64_t>(m_sse.events.size()))];
        return std::chrono::milliseconds(e.delayMs);
    }

    void waitForNext()
    {
        if (m_done)
            return;
        if (finished())
            return end();
        // A steady pace: each event is due a gap after the last one was due,
        // so slow writes do not slow the rate down.
        m_due = std::max(m_due + gap(), m_lastWrite - std::chrono::seconds(1));
        wake();
    }

    void wake()
    {
        const int heartbeatMs = m_route.source.sse.heartbeatMs;
        const auto beat = m_lastWrite + std::chrono::milliseconds(heartbeatMs);
        const bool heartbeat = heartbeatMs > 0 && beat < m_due;
        const auto when = heartbeat ? beat : m_due;
        if (when <= SteadyClock::now())
            return heartbeat ? sendHeartbeat() : sendEvent();
        m_timer.expires_at(when);
        m_timer.async_wait([self = shared_from_this(), heartbeat](boost::system::error_code ec) {
            if (ec || self->m_done)
                return;
            heartbeat ? self->sendHeartbeat() : self->sendEvent();
        });
    }

    void sendHeartbeat()
    {
        m_piece.assign(kSseHeartbeat);
        m_out->write(m_piece, [self = shared_from_this()](bool ok) {
            if (self->m_done)
                return;
            if (!ok)
                return self->leave();
            self->m_lastWrite = SteadyClock::now();
            self->wake();
        });
    }

    /// Writes the next event and those due with it (up to kBatchBytes) in
    /// one write: a burst of events costs one write, not one each.
    void sendEvent()
    {
        m_piece.clear();
        TokenCounts tokens;
        std::uint32_t events = 0;
        do {
            if (this->tokens()) {
                tokens.output += formatTokenEvent();
                // The prompt is billed with the first event, unless this is
                // a stream resumed after one that was.
                if (m_formatted == 0 && m_next == 0)
                    tokens.input += m_promptTokens;
            } else {
                const TokenCounts t = formatScriptedEvent();
                tokens.input += t.input;
                tokens.output += t.output;
            }
            ++events;
            ++m_formatted;
            ++m_next;
        } while (m_piece.size() < kBatchBytes && !finished() && gap() == SteadyClock::duration {});
        m_out->write(m_piece, [self = shared_from_this(), tokens, events](bool ok) {
            if (self->m_done)
                return;
            if (!ok)
                return self->leave();
            self->m_lastWrite = SteadyClock::now();
            self->count(tokens, events);
            self->waitForNext();
        });
    }

    /// Events have been written: only now are their tokens billed.
    void count(const TokenCounts& tokens, std::uint32_t events)
    {
        StreamOutcome& o = *m_outcome;
        o.events += events;
        if (m_tokens && (tokens.input > 0 || tokens.output > 0))
            m_tokens->tokensSent(tokens.input, tokens.output);
        if (o.firstEventUs < 0)
            o.firstEventUs
                = std::chrono::duration_cast<std::chrono::microseconds>(m_lastWrite - m_arrived)
                      .count();
    }

    /// Returns the tokens the event's data names (access.tokens).
    TokenCounts formatScriptedEvent()
    {
        const auto& e = m_sse.events[static_cast<std::size_t>(
            m_next % static_cast<std::int64_t>(m_sse.events.size()))];
        const std::string data = render(e.data, m_next);
        appendSseEvent(m_piece, render(e.event, m_next), data, render(e.id, m_next), e.retryMs);
        if (!m_tokens)
            return {};
        const TokenCounting& where = m_route.source.access.tokens;
        return tokensInJson(data, where.input, where.output);
    }

    /// Returns the tokens the event carries.
    std::uint64_t formatTokenEvent()
    {
        const std::string id = std::to_string(m_next);
        const std::string_view model = m_route.source.sse.model;
        const auto chunks = static_cast<std::int64_t>(m_chunks.size());
        ChatChunk c { ChatChunk::Kind::Role, m_chatId, m_created, model, {} };
        std::uint64_t tokens = 0;
        if (m_next == tokenEvents() - 1) {
            appendSseEvent(m_piece, {}, kChatDone, {}, 0);
            return 0;
        }
        if (m_next > chunks + 1) { // the usage chunk
            appendSseEvent(m_piece, {},
                chatUsageChunkJson(m_chatId, m_created, model, m_promptTokens, m_tokenCount), id,
                0);
            return 0;
        }
        if (m_next > 0 && m_next <= chunks) {
            const Chunk& chunk = m_chunks[static_cast<std::size_t>(m_next - 1)];
            c.kind = ChatChunk::Kind::Content;
            c.content = std::string_view(m_text).substr(chunk.offset, chunk.length);
            tokens = chunk.tokens;
        } else if (m_next == chunks + 1) {
            c.kind = ChatChunk::Kind::Stop;
        }
        appendSseEvent(m_piece, {}, chatChunkJson(c), id, 0);
        return tokens;
    }

    void end()
    {
        if (m_done)
            return;
        m_done = true;
        m_timer.cancel();
        m_out->end();
    }

    void leave()
    {
        if (m_done)
            return;
        m_done = true;
        m_timer.cancel();
        m_outcome->clientLeft = true;
        m_out->abort();
    }

    asio::steady_timer m_timer;
    std::shared_ptr<BodyStream> m_out;
    const CompiledRoute& m_route;
    const CompiledSse& m_sse;
    mutable RequestContext m_ctx; // its stream index moves per event
    int m_slot;
    StreamOutcome* m_outcome;
    SteadyClock::time_point m_arrived;
    TokenTally* m_tokens; // null unless the route counts tokens
    SteadyClock::time_point m_lastWrite;
    SteadyClock::time_point m_due;
    std::int64_t m_next = 0; // the position of the next event
    std::uint64_t m_formatted = 0; // events this stream has formatted (and is writing or wrote)
    std::string m_piece; // what is being written
    bool m_done = false;
    // Token streams.
    std::string m_text;
    std::vector<Chunk> m_chunks;
    std::uint64_t m_tokenCount = 0;
    std::uint64_t m_promptTokens = 0;
    bool m_includeUsage = false;
    std::string m_chatId;
    std::int64_t m_created = 0;
};

} // namespace

bool SseResponder::respond(ResponderCall& call, Waiter& waiter)
{
    HttpResponse& r = call.response;
    r.status = 200;
    r.header("Content-Type", "text/event-stream");
    r.header("Cache-Control", "no-cache");
    r.header("X-Accel-Buffering", "no"); // for a proxy in front: do not buffer
    const bool head = call.request.method() == boost::beast::http::verb::head;
    auto session = std::make_shared<SseSession>(m_ioc, waiter.streamAnswer(), call.route,
        DesignedResponder::requestContext(call), call.threadSlot, call.streamOutcome, call.arrived,
        call.tokens);
    session->start(head);
    return false;
}

} // namespace tollgate::server
