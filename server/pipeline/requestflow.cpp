#include "server/pipeline/requestflow.h"

#include "server/pipeline/requestcheck.h"

#include "server/common/text.h"
#include "server/pipeline/edge.h"
#include "server/stream/tokencount.h"

#include <boost/asio/dispatch.hpp>

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace tollgate::server {

namespace beasthttp = boost::beast::http;

namespace {

/// The answer's Content-Type is text/event-stream.
bool isEventStream(const HttpResponse& r)
{
    std::string_view lines = r.headerLines;
    while (!lines.empty()) {
        const auto end = lines.find("\r\n");
        const std::string_view line = lines.substr(0, end);
        lines = end == std::string_view::npos ? std::string_view {} : lines.substr(end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !iequals(line.substr(0, colon), "content-type"))
            continue;
        const std::string_view value = trimBlanks(line.substr(colon + 1));
        return value.size() >= 17 && iequals(value.substr(0, 17), "text/event-stream");
    }
    return false;
}

} // namespace

RequestFlow::RequestFlow(ServeContext& context)
    : m_context(context)
{
}

Limits RequestFlow::beginRequest()
{
    m_snapshot = m_context.snapshots->current(m_context.snapshotCopy);
    m_routed.clear();
    m_admission.clear();
    m_upstream.clear();
    m_stream.clear();
    m_corsOrigin = {};
    m_serving = false;
    m_countsTokens = false;
    m_tokensIn = m_tokensOut = 0;
    m_delay = {};
    return m_snapshot->settings.limits;
}

Limits RequestFlow::currentLimits()
{
    // The request starts now: serve it from the newest snapshot, not the one
    // current when this keep-alive connection went idle.
    m_snapshot = m_context.snapshots->current(m_context.snapshotCopy);
    return m_snapshot->settings.limits;
}

std::optional<std::size_t> RequestFlow::onHeader(Exchange& ex, const HttpRequestHeader& header)
{
    const auto limit = routeRequest(ex.method, ex.target, *m_snapshot->routes,
        m_snapshot->settings.limits, &m_routed, &ex.response, m_snapshot->fallbackRoute.get());
    // A large (or chunked) body for an upstream goes through in pieces, not
    // read whole first; smaller ones are read whole so that they can be
    // retried.
    if (limit && m_routed.match.route && m_snapshot->upstreamOf(m_routed.match.route)) {
        const bool chunked = header.find(beasthttp::field::transfer_encoding) != header.end();
        std::uint64_t length = 0;
        if (const auto cl = header.find(beasthttp::field::content_length); cl != header.end())
            length = std::strtoull(std::string(cl->value()).c_str(), nullptr, 10);
        ex.streamBody = chunked || length > kStreamedRequestBodyBytes;
    }
    return limit;
}

void RequestFlow::onRequest(Exchange& ex, Connection& connection)
{
    m_exchange = &ex;
    m_connection = &connection;
    const HttpRequest& req = *ex.request;
    const EdgeResult edge = checkEdge(
        req, m_routed.path, m_routed.match, *m_snapshot, m_context.loopbackBound, ex.response);
    if (edge.answered)
        return connection.send();
    m_corsOrigin = edge.corsOrigin;

    const CompiledRoute& route = *m_routed.match.route;
    m_countsTokens = routeCountsTokens(route.source);
    if (!route.source.access.keyRequired)
        return serve();
    GateRequest g;
    if (const auto a = req.find(beasthttp::field::authorization); a != req.end())
        g.authorization = a->value();
    else if (const auto x = req.find("X-API-Key"); x != req.end())
        g.apiKey = x->value();
    g.peer = ex.peer;
    g.access = &route.source.access;
    g.routeName = route.name;
    g.countsTokens = m_countsTokens;
    const auto verdict = m_context.gate->check(
        g, m_snapshot->keys, m_keyCache, m_context.sharedLimits, m_admission, *this);
    if (verdict != AccessGate::Verdict::Pending)
        afterGate(verdict);
}

AccessGate::Resume RequestFlow::waitForDecision()
{
    return [this, self = m_connection->shared_from_this()](AccessGate::Verdict v) {
        boost::asio::dispatch(m_context.ioc, [this, self, v] { afterGate(v); });
    };
}

Responder::Done RequestFlow::waitForAnswer()
{
    return [this, self = m_connection->shared_from_this()] {
        boost::asio::dispatch(m_context.ioc, [this, self] { finish(m_delay); });
    };
}

namespace {

/// A streamed answer through the request's connection, on its thread.
class ConnectionBodyStream final : public BodyStream {
public:
    ConnectionBodyStream(std::shared_ptr<Connection> connection, std::function<void()> addFields,
        std::chrono::milliseconds delay)
        : m_connection(std::move(connection))
        , m_addFields(std::move(addFields))
        , m_delay(delay)
    {
    }
    void begin(std::optional<std::uint64_t> length, Written written) override
    {
        m_addFields();
        m_connection->beginBody(length, m_delay, std::move(written));
    }
    void write(std::string_view piece, Written written) override
    {
        m_connection->writeBody(piece, std::move(written));
    }
    void end() override { m_connection->endBody(); }
    void abort() override { m_connection->abortBody(); }
    void watchClient(std::function<void()> gone) override
    {
        m_connection->watchClient(std::move(gone));
    }

private:
    std::shared_ptr<Connection> m_connection;
    std::function<void()> m_addFields;
    std::chrono::milliseconds m_delay;
};

/// A streamed request body, read from the request's connection.
class ConnectionBodySource final : public UpstreamBodySource {
public:
    explicit ConnectionBodySource(std::shared_ptr<Connection> connection)
        : m_connection(std::move(connection))
    {
    }
    std::optional<std::uint64_t> length() const override { return m_connection->bodyLength(); }
    void read(Piece piece) override { m_connection->readBodyPiece(std::move(piece)); }
    Error error() const override
    {
        return { m_connection->bodyErrorStatus(), m_connection->bodyError() };
    }

private:
    std::shared_ptr<Connection> m_connection;
};

} // namespace

std::shared_ptr<BodyStream> RequestFlow::streamAnswer()
{
    return std::make_shared<ConnectionBodyStream>(
        m_connection->shared_from_this(), [this] { addAnswerFields(); }, m_delay);
}

void RequestFlow::acceptWebSocket(
    const WebSocketLimits& limits, std::shared_ptr<WebSocketHandler> handler)
{
    addAnswerFields();
    m_connection->acceptWebSocket(limits, std::move(handler));
}

void RequestFlow::afterGate(AccessGate::Verdict verdict)
{
    if (verdict == AccessGate::Verdict::Admitted)
        return serve();
    const Refusal& r = m_admission.refusal;
    HttpResponse& out = m_exchange->response;
    out.problem(r.status, r.detail);
    if (!r.wwwAuthenticate.empty())
        out.header("WWW-Authenticate", r.wwwAuthenticate);
    if (r.retryAfterSeconds > 0)
        out.header("Retry-After", std::to_string(r.retryAfterSeconds));
    finish();
}

void RequestFlow::serve()
{
    m_serving = true;
    const CompiledRoute& route = *m_routed.match.route;
    HttpResponse& out = m_exchange->response;
    if (route.check) {
        if (auto failure = checkRequest(
                *route.check, *m_exchange->request, m_routed.rawQuery, m_exchange->streamBody)) {
            out.problem(
                400, failure->detail, false, failure->pointer ? &*failure->pointer : nullptr);
            return finish();
        }
    }
    const Behaviour b = decideBehaviour(route.source, m_context.rng);
    if (b.kind == Behaviour::Reset)
        return m_connection->reset(b.delay);
    if (b.kind == Behaviour::Fail) {
        out.problem(b.status, "Injected failure.");
        return finish(b.delay);
    }
    ResponderCall call { *m_exchange->request, m_routed.path, m_routed.rawQuery, route,
        m_routed.match.params, m_exchange->requestId(), m_context.slot, m_context.rng, out,
        m_exchange->peer, m_exchange->start, m_snapshot->upstreamOf(&route), &m_upstream,
        m_exchange->streamBody
            ? std::make_shared<ConnectionBodySource>(m_connection->shared_from_this())
            : nullptr,
        &m_stream, m_countsTokens ? this : nullptr };
    m_delay = b.delay;
    Responder& responder = call.upstream ? static_cast<Responder&>(m_context.upstream)
        : route.sse                      ? static_cast<Responder&>(m_context.sse)
        : route.websocket                ? static_cast<Responder&>(m_context.websocket)
                                         : m_context.designed;
    if (responder.respond(call, *this))
        finish(b.delay);
}

void RequestFlow::addAnswerFields()
{
    HttpResponse& out = m_exchange->response;
    if (!m_corsOrigin.empty())
        addCorsFields(*m_snapshot, m_corsOrigin, false, out);
    out.appendFields(m_admission.rateLimitFields);
}

void RequestFlow::tokensSent(std::uint64_t input, std::uint64_t output)
{
    m_tokensIn += input;
    m_tokensOut += output;
    if (m_context.gate)
        m_context.gate->debitTokens(m_admission, input + output);
}

void RequestFlow::finish(std::chrono::milliseconds delay)
{
    // A whole answer of a route that counts tokens says how many it used:
    // in its JSON body, or in each event of a (short) event stream. A HEAD
    // answer sends no body, so it uses none.
    if (m_serving && m_countsTokens && !m_exchange->head) {
        const TokenCounting& where = m_routed.match.route->source.access.tokens;
        const HttpResponse& out = m_exchange->response;
        TokenCounts c;
        if (isEventStream(out)) {
            SseTokenReader reader(where.input, where.output);
            c = reader.feed(out.body);
            const TokenCounts last = reader.feed("\n\n"); // an unterminated last event
            c.input += last.input;
            c.output += last.output;
        } else {
            c = tokensInJson(out.body, where.input, where.output);
        }
        tokensSent(c.input, c.output);
    }
    addAnswerFields();
    m_connection->send(delay);
}

void RequestFlow::onResponse(Exchange& ex, std::uint64_t bytesOut)
{
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - ex.start)
                        .count();
    Outcome o;
    o.timeUs = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
                   .count();
    o.status = ex.response.status;
    o.latencyUs = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(us, 0, std::numeric_limits<std::uint32_t>::max()));
    o.bytesIn = ex.bytesIn;
    o.bytesOut = bytesOut;
    o.method = ex.method;
    o.target = ex.target;
    o.requestId = ex.requestId();
    o.request = ex.request;
    o.route = m_routed.match.route;
    o.key = m_admission.key;
    o.counter = m_admission.counter;
    o.overage = m_admission.overage;
    o.price = m_admission.price;
    o.countsTokens = m_countsTokens;
    o.tokensIn = m_tokensIn;
    o.tokensOut = m_tokensOut;
    if (o.counter)
        o.price += m_admission.tokens.charge(m_tokensIn, m_tokensOut);
    // What handling cost: the route's fixed cost plus its per-millisecond
    // cost since the header arrived. Requests refused before the route served
    // them (auth, limits, parse errors) cost nothing.
    if (m_serving) {
        const RouteAccess& a = o.route->source.access;
        o.cost = a.costMicros + (a.costPerMsMicros * us + 500) / 1000;
        // What the upstream charges, per attempt made.
        if (m_upstream.attempts > 0)
            o.cost += m_upstream.attempts * m_snapshot->upstreamOf(o.route)->feeMicros;
        o.upstream = m_upstream;
        o.stream = m_stream;
    }
    m_context.sink.record(o);
}

} // namespace tollgate::server
