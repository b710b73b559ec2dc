// WebSocket runs: each connection of the closed model opens a session with
// Beast's client (over the plain socket or the TLS stream loadthread.cpp
// made), holds it and counts what it receives; it may send a message at an
// interval. Only the connection's thread touches it, as everything else of
// a LoadThread.

#include "server/load/loadthread.h"

#include "server/routing/requestcontext.h"

#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace tollgate::server::loadgen {

namespace {

/// Sent messages remembered per session for their echo. A server that
/// answers with something else (a pong) never matches them: the oldest go.
constexpr std::size_t kMaxUnanswered = 64;

std::int64_t micros(SteadyClock::duration d)
{
    return std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

/// What broke the session: the WebSocket protocol (a bad handshake answer,
/// a frame Beast refuses) or the connection under it.
LoadErrorKind errorKind(error_code ec)
{
    if (ec.category() == make_error_code(websocket::error::closed).category())
        return LoadErrorKind::Protocol;
    if (ec == http::error::end_of_stream || ec == asio::error::eof
        || ec == asio::ssl::error::stream_truncated)
        return LoadErrorKind::Reset;
    if (ec.category() == make_error_code(http::error::bad_version).category())
        return LoadErrorKind::Protocol;
    return LoadErrorKind::Reset;
}

} // namespace

void LoadThread::wsHandshake(Conn* c)
{
    const auto& plan = shared->plan;
    c->wss.reset();
    c->ws.reset();
    if (plan.tls)
        c->wss.emplace(*c->tls);
    else
        c->ws.emplace(c->socket);
    c->wsAnswer = {};
    c->wsUnanswered.clear();
    c->wsSentCount = 0;
    c->wsReceived = 0;
    c->wsOpen = c->wsWriting = c->wsClosing = false;
    const auto gen = c->generation;
    withWs(c, [&](auto& ws) {
        // The run keeps its own clock (tick): the handshake and the silence
        // are timed there, not by Beast.
        websocket::stream_base::timeout limits;
        limits.handshake_timeout = websocket::stream_base::none();
        limits.idle_timeout = websocket::stream_base::none();
        limits.keep_alive_pings = false;
        ws.set_option(limits);
        ws.set_option(websocket::stream_base::decorator(
            [fields = c->wsFields](websocket::request_type& request) {
                for (const auto& [name, value] : fields)
                    request.set(name, value);
            }));
        // A ping or pong from the server shows the session is alive: it is
        // not silence.
        ws.control_callback([this, c, gen](websocket::frame_type, beast::string_view) {
            if (gen == c->generation)
                c->sentAt = SteadyClock::now();
        });
        ws.async_handshake(
            c->wsAnswer, plan.url.hostHeader, c->wsTarget, [this, c, gen](error_code ec) {
                if (gen != c->generation)
                    return;
                if (ec == websocket::error::upgrade_declined && c->wsAnswer.result_int() > 0) {
                    // Refused with a status (401, 426, 429...): an answer,
                    // counted as HTTP answers are. A new connection after a
                    // pause: at once, every refusal would cost a connection.
                    recordAnswer(c, c->wsAnswer.result_int(), 0, 0);
                    --busy;
                    close(c);
                    if (issuing)
                        retryLater(c);
                    else
                        afterRequest(c);
                    return;
                }
                if (ec) {
                    fail(c, errorKind(ec));
                    return;
                }
                recordAnswer(c, 101, 0, 0);
                if (c->measured)
                    eachTally(c, [](Tally& t) { ++t.streams; });
                c->wsOpen = true;
                const auto now = SteadyClock::now();
                c->sentAt = now;
                wsRead(c);
                if (!shared->plan.settings.wsMessage.empty()) {
                    c->wsDue = now;
                    wsSend(c);
                }
            });
    });
}

void LoadThread::wsRead(Conn* c)
{
    const auto gen = c->generation;
    withWs(c, [&](auto& ws) {
        ws.async_read(c->buffer, [this, c, gen](error_code ec, std::size_t n) {
            if (gen != c->generation)
                return;
            if (ec) {
                wsEnded(c, ec);
                return;
            }
            wsOnMessage(c, n);
            wsRead(c);
        });
    });
}

void LoadThread::wsOnMessage(Conn* c, std::size_t bytes)
{
    const auto now = SteadyClock::now();
    c->sentAt = now; // the silence starts again
    const auto data = c->buffer.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    std::int64_t trip = -1;
    for (auto it = c->wsUnanswered.begin(); it != c->wsUnanswered.end(); ++it) {
        if (it->text == text) {
            trip = micros(now - it->at);
            // Those sent before it were answered otherwise, or not at all.
            c->wsUnanswered.erase(c->wsUnanswered.begin(), it + 1);
            break;
        }
    }
    c->buffer.consume(c->buffer.size());
    const std::int64_t first = c->wsReceived++ == 0 && c->measured ? micros(now - c->origin) : -1;
    if (!issuing)
        return; // the run's end: not counted anywhere
    if (wsCounting(now))
        eachTally(c, [&](Tally& t) { t.received(bytes, first, trip); });
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    ++second.events;
}

void LoadThread::wsEnded(Conn* c, error_code ec)
{
    if (c->wsClosing) {
        // Our Close at the end of the run, answered (or not): not an error.
        close(c);
        --busy;
        maybeFinish();
        return;
    }
    if (ec == websocket::error::closed) {
        // The server ended the session (Beast has answered its Close): its
        // code is counted, and the connection opens another session.
        int code = 0;
        withWs(c, [&](auto& ws) { code = ws.reason().code; });
        if (c->measured && wsCounting(SteadyClock::now()))
            eachTally(c, [code](Tally& t) { ++t.closes[code]; });
        --busy;
        close(c);
        afterRequest(c);
        return;
    }
    fail(c, errorKind(ec));
}

void LoadThread::wsSend(Conn* c)
{
    if (!c->wsOpen || c->wsClosing || c->wsWriting)
        return;
    const auto& plan = shared->plan;
    if (plan.wsMessage.isStatic()) {
        c->wsOut = plan.settings.wsMessage;
    } else {
        RequestContext ctx;
        ctx.streamIndex = c->wsSentCount;
        c->wsOut = plan.wsMessage.render(ctx, index);
    }
    ++c->wsSentCount;
    if (c->wsUnanswered.size() == kMaxUnanswered)
        c->wsUnanswered.pop_front();
    c->wsUnanswered.push_back({ c->wsOut, SteadyClock::now() });
    c->wsWriting = true;
    const auto gen = c->generation;
    withWs(c, [&](auto& ws) {
        ws.text(true);
        ws.async_write(asio::buffer(c->wsOut), [this, c, gen](error_code ec, std::size_t n) {
            if (gen != c->generation)
                return;
            c->wsWriting = false;
            if (ec)
                return; // the pending read ends with the broken session
            const auto now = SteadyClock::now();
            if (c->wsClosing) {
                wsClose(c); // waited for this write
                return;
            }
            if (!issuing)
                return;
            if (wsCounting(now))
                eachTally(c, [n](Tally& t) { t.sentOne(n); });
            const auto s
                = std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count();
            if (s > currentSecond)
                flushSecond(s);
            ++second.sent;
            wsArmSend(c);
        });
    });
}

void LoadThread::wsArmSend(Conn* c)
{
    const double interval = shared->plan.settings.wsIntervalMs;
    if (interval <= 0)
        return;
    const auto step = std::chrono::duration_cast<SteadyClock::duration>(
        std::chrono::duration<double, std::milli>(interval));
    c->wsDue += step;
    // A write that took longer than a step (a server that reads slowly)
    // does not make the next ones burst to catch up.
    const auto now = SteadyClock::now();
    if (c->wsDue + step < now)
        c->wsDue = now;
    c->wsTimer.expires_at(c->wsDue);
    const auto gen = c->generation;
    c->wsTimer.async_wait([this, c, gen](error_code ec) {
        if (!ec && gen == c->generation)
            wsSend(c);
    });
}

void LoadThread::wsCloseAll(SteadyClock::time_point now)
{
    const bool measuredPart = now >= shared->measureStart;
    for (auto& owned : conns) {
        Conn* c = owned.get();
        if (c->state != Conn::State::Connecting && c->state != Conn::State::Busy)
            continue;
        if (!c->wsOpen) {
            // Still connecting or in its handshake: nothing held yet.
            close(c);
            --busy;
            continue;
        }
        if (c->wsClosing)
            continue;
        if (measuredPart)
            eachTally(c, [](Tally& t) { ++t.held; });
        c->wsClosing = true;
        c->wsTimer.cancel();
        if (!c->wsWriting)
            wsClose(c);
    }
}

void LoadThread::wsClose(Conn* c)
{
    const auto gen = c->generation;
    withWs(c, [&](auto& ws) {
        ws.async_close(websocket::close_code::normal, [this, c, gen](error_code ec) {
            if (gen != c->generation || !ec)
                return; // the pending read ends once the server's Close came
            close(c);
            --busy;
            maybeFinish();
        });
    });
}

} // namespace tollgate::server::loadgen
