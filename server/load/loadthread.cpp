#include "server/load/loadthread.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cmath>

#include <openssl/ssl.h>

namespace tollgate::server::loadgen {

SteadyClock::time_point LoadThread::dueTime(std::uint64_t request) const
{
    // Request n (counted over all threads) is due when the cumulative number
    // of requests reaches n: R·t²/(2U) while the rate ramps up over U
    // seconds, R·(t − U/2) after.
    const auto& s = shared->plan.settings;
    const double n = double(request) * s.threads + index;
    const double r = s.rate;
    const double u = s.rampUpSeconds;
    double t = 0;
    if (u > 0 && n < r * u / 2)
        t = std::sqrt(2 * u * n / r);
    else
        t = n / r + u / 2;
    return shared->t0
        + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(t));
}

void LoadThread::start()
{
    const auto& s = shared->plan.settings;
    tiers.resize(shared->plan.tierNames.size());
    routes.resize(shared->plan.targets.size());
    random = s.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(index) + 1;
    const int mine = s.connections / s.threads + (index < s.connections % s.threads ? 1 : 0);
    for (int i = 0; i < mine; ++i) {
        conns.push_back(std::make_unique<Conn>(io));
    }
    if (s.model == LoadModel::Open) {
        for (auto it = conns.rbegin(); it != conns.rend(); ++it)
            idle.push_back(it->get());
        nextDue = dueTime(0);
        dispatch();
    }
    tick();
}

void LoadThread::tick()
{
    const auto& s = shared->plan.settings;
    const auto now = SteadyClock::now();
    if (issuing) {
        if (shared->stopRequested.load(std::memory_order_relaxed)) {
            stopIssuing(now);
            drainDeadline = now + kStopGrace;
        } else if (now >= shared->measureEnd
            || shared->countReached.load(std::memory_order_relaxed)) {
            stopIssuing(now);
        }
    }
    // Closed model: connection g (over all threads) joins at g·U/N.
    if (issuing && s.model == LoadModel::Closed) {
        const double elapsed = std::chrono::duration<double>(now - shared->t0).count();
        while (activeConns < static_cast<int>(conns.size())) {
            const double g = double(activeConns) * s.threads + index;
            if (s.rampUpSeconds > 0 && g * s.rampUpSeconds / s.connections > elapsed)
                break;
            launch(conns[static_cast<std::size_t>(activeConns++)].get());
        }
    }
    // Timeouts, and what is left in flight after a stop's grace period.
    const auto timeout = std::chrono::duration_cast<SteadyClock::duration>(
        std::chrono::duration<double>(s.timeoutSeconds));
    for (auto& owned : conns) {
        Conn* c = owned.get();
        if (c->state != Conn::State::Connecting && c->state != Conn::State::Busy)
            continue;
        // A session opened in the warm-up lasts into the measured part: it
        // counts as a session of it, and what goes wrong with it from now on.
        if (c->wsOpen && !c->measured && issuing && now >= shared->measureStart) {
            c->measured = true;
            eachTally(c, [](Tally& t) { ++t.streams; });
        }
        if (now >= drainDeadline) {
            close(c);
            --busy;
        } else if (now - c->sentAt >= timeout) {
            fail(c,
                c->state == Conn::State::Connecting ? LoadErrorKind::Connect
                                                    : LoadErrorKind::Timeout);
        }
    }
    flushSecond(std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count());
    maybeFinish();
    if (closing)
        return;
    ticker.expires_after(kTick);
    ticker.async_wait([this](error_code ec) {
        if (!ec)
            tick();
    });
}

void LoadThread::launch(Conn* c)
{
    if (issuing)
        sendNext(c, SteadyClock::now());
    if (!issuing)
        maybeFinish();
}

void LoadThread::sendNext(Conn* c, SteadyClock::time_point origin)
{
    const auto& plan = shared->plan;
    const bool measured = origin >= shared->measureStart;
    if (measured && plan.settings.requestCount > 0) {
        if (shared->measuredIssued.fetch_add(1, std::memory_order_relaxed)
            >= plan.settings.requestCount) {
            shared->countReached.store(true, std::memory_order_relaxed);
            stopIssuing(SteadyClock::now());
            return;
        }
    }
    c->target = plan.targetPick.pick(splitmix(random));
    c->key = plan.keys.empty() ? 0 : plan.keyPick.pick(splitmix(random));
    const auto& t = plan.targets[c->target];
    if (plan.url.webSocket) {
        plan.renderHandshake(
            t, plan.keys.empty() ? plan.keys.size() : c->key, index, &c->wsTarget, &c->wsFields);
    } else if (!t.perKey.empty()) {
        c->request = &t.perKey[plan.keys.empty() ? 0 : c->key];
    } else {
        plan.render(t, plan.keys.empty() ? plan.keys.size() : c->key, index, &c->owned);
        c->request = &c->owned;
    }
    c->origin = origin;
    c->measured = measured;
    ++busy;
    c->sentAt = SteadyClock::now();
    if (c->state == Conn::State::Idle) {
        c->state = Conn::State::Busy;
        write(c);
        return;
    }
    c->state = Conn::State::Connecting;
    const auto gen = c->generation;
    asio::async_connect(
        c->socket, shared->endpoints, [this, c, gen](error_code ec, const tcp::endpoint&) {
            if (gen != c->generation)
                return;
            if (ec) {
                fail(c, LoadErrorKind::Connect);
                return;
            }
            error_code ignored;
            c->socket.set_option(tcp::no_delay(true), ignored);
            c->socket.non_blocking(true, ignored);
            if (shared->plan.tls) {
                handshake(c);
                return;
            }
            shared->openConnections.fetch_add(1, std::memory_order_relaxed);
            c->state = Conn::State::Busy;
            if (shared->plan.url.webSocket)
                wsHandshake(c);
            else
                write(c);
        });
}

void LoadThread::handshake(Conn* c)
{
    const auto& plan = shared->plan;
    // The last session's streams go before the TLS stream they were over.
    c->wss.reset();
    c->ws.reset();
    c->tls.emplace(c->socket, *plan.tls);
    // SNI, and the name the certificate must carry.
    SSL_set_tlsext_host_name(c->tls->native_handle(), plan.url.host.c_str());
    if (plan.settings.verifyTls)
        c->tls->set_verify_callback(asio::ssl::host_name_verification(plan.url.host));
    const auto gen = c->generation;
    c->tls->async_handshake(asio::ssl::stream_base::client, [this, c, gen](error_code ec) {
        if (gen != c->generation)
            return;
        if (ec) {
            fail(c, LoadErrorKind::Connect);
            return;
        }
        shared->openConnections.fetch_add(1, std::memory_order_relaxed);
        c->state = Conn::State::Busy;
        if (shared->plan.url.webSocket)
            wsHandshake(c);
        else
            write(c);
    });
}

void LoadThread::write(Conn* c)
{
    // A request almost always fits the socket buffer: send it now, from this
    // handler, and go straight to reading. Only what does not fit waits for
    // the socket to drain.
    const std::string& text = *c->request;
    const auto gen = c->generation;
    if (c->tls) {
        asio::async_write(*c->tls, asio::buffer(text), [this, c, gen](error_code e, std::size_t) {
            if (gen != c->generation)
                return;
            if (e) {
                fail(c, LoadErrorKind::Reset);
                return;
            }
            read(c);
        });
        return;
    }
    error_code ec;
    const std::size_t sent = c->socket.write_some(asio::buffer(text), ec);
    if (!ec && sent == text.size()) {
        read(c);
        return;
    }
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) {
        fail(c, LoadErrorKind::Reset);
        return;
    }
    const std::size_t done = ec ? 0 : sent;
    asio::async_write(c->socket, asio::buffer(text.data() + done, text.size() - done),
        [this, c, gen](error_code e, std::size_t) {
            if (gen != c->generation)
                return;
            if (e) {
                fail(c, LoadErrorKind::Reset);
                return;
            }
            read(c);
        });
}

void LoadThread::read(Conn* c)
{
    c->parser.emplace();
    if (shared->plan.targets[c->target].head)
        c->parser->skip(true);
    if (shared->plan.settings.stream) {
        c->sse.emplace(std::string(), std::string(), "/choices/0/delta/content");
        c->eventsTaken = 0;
        c->parser->sse = &*c->sse;
    }
    c->bytesIn = 0;
    if (c->buffer.size() > 0) { // the server sent more than one answer ahead
        onRead(c, c->generation, {}, 0);
        return;
    }
    readSome(c);
}

void LoadThread::readSome(Conn* c)
{
    const auto gen = c->generation;
    auto handler = [this, c, gen](error_code ec, std::size_t n) { onRead(c, gen, ec, n); };
    if (c->tls)
        c->tls->async_read_some(c->buffer.prepare(16 * 1024), std::move(handler));
    else
        c->socket.async_read_some(c->buffer.prepare(16 * 1024), std::move(handler));
}

void LoadThread::onRead(Conn* c, std::uint64_t gen, error_code ec, std::size_t n)
{
    if (gen != c->generation)
        return;
    if (ec) {
        // A TLS peer that closes without close_notify: the same as EOF.
        const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
        if (eof && c->parser->got_some()) {
            // An answer without a length ends when the connection does.
            error_code eofEc;
            c->parser->put_eof(eofEc);
            if (!eofEc && c->parser->is_done()) {
                complete(c);
                return;
            }
        }
        fail(c, LoadErrorKind::Reset);
        return;
    }
    c->buffer.commit(n);
    c->bytesIn += n;
    while (c->buffer.size() > 0) {
        error_code pe;
        const auto used = c->parser->put(c->buffer.data(), pe);
        c->buffer.consume(used);
        if (c->sse)
            takeEvents(c);
        if (pe == http::error::need_more)
            break;
        if (pe) {
            fail(c, LoadErrorKind::Protocol);
            return;
        }
        if (c->parser->is_done()) {
            c->bytesIn -= c->buffer.size(); // what is left belongs to the next answer
            complete(c);
            return;
        }
        if (used == 0)
            break;
    }
    readSome(c);
}

void LoadThread::takeEvents(Conn* c)
{
    const std::uint64_t events = c->sse->events() - c->eventsTaken;
    const std::uint64_t tokens = c->parser->got.output;
    if (events == 0 && tokens == 0)
        return;
    const auto now = SteadyClock::now();
    // A stream's timeout is the longest silence, not its whole length.
    c->sentAt = now;
    std::int64_t first = -1;
    if (c->eventsTaken == 0 && events > 0)
        first = std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::microseconds>(now - c->origin).count());
    c->eventsTaken += events;
    c->parser->got = {};
    if (c->measured) {
        total.streamed(events, tokens, first);
        tiers[shared->plan.keys.empty() ? 0 : shared->plan.keys[c->key].tier].streamed(
            events, tokens, first);
        routes[c->target].streamed(events, tokens, first);
    }
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    second.events += events;
    second.tokens += tokens;
}

void LoadThread::complete(Conn* c)
{
    const bool keepAlive = c->parser->keep_alive();
    recordAnswer(c, c->parser->status, c->request->size(), c->bytesIn);
    --busy;
    if (keepAlive) {
        c->state = Conn::State::Idle;
    } else {
        close(c);
    }
    afterRequest(c);
}

void LoadThread::recordAnswer(Conn* c, int status, std::uint64_t out, std::uint64_t in)
{
    const auto now = SteadyClock::now();
    const auto micros = static_cast<std::uint64_t>(std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::microseconds>(now - c->origin).count()));
    if (c->measured) {
        eachTally(c, [&](Tally& t) { t.answer(status, micros, out, in); });
        lastMeasuredEnd = now;
    } else {
        ++warmupRequests;
    }
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    ++second.requests;
    if (status >= 100 && status < 600)
        ++second.classes[static_cast<std::size_t>(status / 100)];
    second.latency.record(micros);
}

void LoadThread::fail(Conn* c, LoadErrorKind kind)
{
    const auto k = static_cast<std::size_t>(kind);
    if (c->measured) {
        ++total.errors[k];
        ++tiers[shared->plan.keys.empty() ? 0 : shared->plan.keys[c->key].tier].errors[k];
        ++routes[c->target].errors[k];
        lastMeasuredEnd = SteadyClock::now();
    }
    const auto s
        = std::chrono::duration_cast<std::chrono::seconds>(SteadyClock::now() - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    ++second.errors;
    --busy;
    close(c);
    if (kind == LoadErrorKind::Connect && shared->plan.settings.model == LoadModel::Closed
        && issuing) {
        // Refused connections fail at once: wait a little before the next
        // attempt instead of spinning on them.
        retryLater(c);
        return;
    }
    afterRequest(c);
}

void LoadThread::retryLater(Conn* c)
{
    c->state = Conn::State::Waiting;
    c->backoff.expires_after(kConnectBackoff);
    const auto gen = c->generation;
    c->backoff.async_wait([this, c, gen](error_code ec) {
        if (ec || gen != c->generation)
            return;
        c->state = Conn::State::Closed;
        afterRequest(c);
    });
}

void LoadThread::close(Conn* c)
{
    // The TLS stream stays until the next handshake replaces it: operations
    // cancelled by the close below still run through it once more.
    ++c->generation;
    if (c->socket.is_open()) {
        if (c->state != Conn::State::Connecting)
            shared->openConnections.fetch_sub(1, std::memory_order_relaxed);
        error_code ignored;
        c->socket.close(ignored);
    }
    c->buffer.clear();
    c->state = Conn::State::Closed;
    c->wsOpen = c->wsWriting = c->wsClosing = false;
    c->wsTimer.cancel();
}

void LoadThread::afterRequest(Conn* c)
{
    if (!issuing) {
        maybeFinish();
        return;
    }
    if (shared->plan.settings.model == LoadModel::Closed) {
        // The next request goes out after the answers already received are
        // handled, as wrk does: the time a connection waits behind others in
        // this batch is spent before its request is sent, not inside its
        // measured latency.
        launch(c);
        return;
    }
    idle.push_back(c);
    dispatch();
}

void LoadThread::dispatch()
{
    const auto now = SteadyClock::now();
    if (issuing && now >= shared->measureEnd)
        stopIssuing(now);
    while (issuing && !idle.empty() && nextDue <= now) {
        if (nextDue >= shared->measureEnd) {
            stopIssuing(now);
            break;
        }
        Conn* c = idle.back();
        idle.pop_back();
        sendNext(c, nextDue);
        if (!issuing) { // the count was reached: this one was not sent
            idle.push_back(c);
            break;
        }
        nextDue = dueTime(++nextIndex);
    }
    if (issuing && !idle.empty())
        armDue();
    if (!issuing)
        maybeFinish();
}

void LoadThread::armDue()
{
    if (dueArmed)
        return;
    dueArmed = true;
    dueTimer.expires_at(nextDue);
    dueTimer.async_wait([this](error_code ec) {
        dueArmed = false;
        if (!ec)
            dispatch();
    });
}

void LoadThread::stopIssuing(SteadyClock::time_point now)
{
    if (!issuing)
        return;
    issuing = false;
    const auto& s = shared->plan.settings;
    // Open model, natural end: what was due before the end but never sent
    // because every connection was busy.
    if (s.model == LoadModel::Open && !shared->stopRequested.load(std::memory_order_relaxed)
        && s.requestCount == 0) {
        const auto end = std::min(now, shared->measureEnd);
        while (nextDue < end) {
            if (nextDue >= shared->measureStart)
                ++missed;
            nextDue = dueTime(++nextIndex);
        }
    }
    dueTimer.cancel();
    // Answers in flight get their timeout to finish; streams may never end,
    // so at the end of a timed run those still open are closed at the next
    // tick. A run of N requests counts the streams in flight among its N:
    // they get their timeout to end whole, like any answer. WebSocket
    // sessions get a second for their closing handshake.
    if (shared->plan.url.webSocket)
        drainDeadline = std::min(drainDeadline, now + kStopGrace);
    else if (s.stream
        && (s.requestCount == 0 || shared->stopRequested.load(std::memory_order_relaxed)))
        drainDeadline = now;
    else
        drainDeadline = now
            + std::chrono::duration_cast<SteadyClock::duration>(
                std::chrono::duration<double>(s.timeoutSeconds))
            + kTick * 2;
    for (auto& c : conns) {
        if (c->state == Conn::State::Waiting) {
            c->backoff.cancel();
            ++c->generation;
            c->state = Conn::State::Closed;
        }
    }
    if (shared->plan.url.webSocket)
        wsCloseAll(now);
}

void LoadThread::maybeFinish()
{
    if (issuing || busy > 0 || closing)
        return;
    closing = true;
    flushSecond(std::numeric_limits<std::int64_t>::max());
    for (auto& c : conns) {
        if (c->state != Conn::State::Closed)
            close(c.get());
        c->backoff.cancel();
    }
    ticker.cancel();
    dueTimer.cancel();
    if (shared->plan.url.webSocket) {
        // Our Close crossing the server's can leave Beast's close and read
        // waiting on each other for good, and the socket's close does not
        // reach them: they would keep io.run() going. Their streams go, after
        // this handler, so that no Beast frame still runs on them.
        asio::post(io, [this] {
            for (auto& c : conns) {
                c->wss.reset();
                c->ws.reset();
            }
        });
    }
}

void LoadThread::flushSecond(std::int64_t upTo)
{
    if (upTo <= currentSecond)
        return;
    std::lock_guard lock(shared->timelineMutex);
    if (second.requests > 0 || second.errors > 0 || second.events > 0 || second.sent > 0) {
        const auto at = static_cast<std::size_t>(currentSecond);
        if (shared->timeline.size() <= at)
            shared->timeline.resize(at + 1);
        auto& into = shared->timeline[at];
        into.requests += second.requests;
        into.errors += second.errors;
        for (std::size_t i = 0; i < into.classes.size(); ++i)
            into.classes[i] += second.classes[i];
        into.latency.merge(second.latency);
        into.events += second.events;
        into.tokens += second.tokens;
        into.sent += second.sent;
    }
    shared->flushedUpTo[static_cast<std::size_t>(index)] = upTo;
    if (shared->publishLive) {
        auto& live = shared->live[static_cast<std::size_t>(index)];
        live.total = total.counts();
        live.tiers.resize(tiers.size());
        for (std::size_t i = 0; i < tiers.size(); ++i)
            live.tiers[i] = tiers[i].counts();
        live.routes.resize(routes.size());
        for (std::size_t i = 0; i < routes.size(); ++i)
            live.routes[i] = routes[i].counts();
    }
    second.requests = 0;
    second.errors = 0;
    second.classes = {};
    second.latency.clear();
    second.events = second.tokens = second.sent = 0;
    currentSecond = upTo;
}

} // namespace tollgate::server::loadgen
