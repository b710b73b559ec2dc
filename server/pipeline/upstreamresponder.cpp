#include "server/pipeline/upstreamresponder.h"

#include "server/common/text.h"
#include "server/pipeline/upstreamroute.h"
#include "server/stream/tokencount.h"

#include <array>
#include <charconv>
#include <optional>

namespace tollgate::server {

namespace beasthttp = boost::beast::http;
using Failure = AttemptResult::Failure;

namespace {

// RFC 9110 7.6.1: connection-specific fields end at the proxy. Framing is
// redone on each side; Host is the upstream's; Expect is ours to answer.
constexpr std::array<std::string_view, 11> kHopByHop { "connection", "keep-alive",
    "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "content-length", "host" };

bool isHopByHop(std::string_view name)
{
    for (auto h : kHopByHop) {
        if (iequals(name, h))
            return true;
    }
    return false;
}

/// Whether the Connection field lists `name` (those fields are hop-by-hop too).
bool listedInConnection(std::string_view connection, std::string_view name)
{
    return anyListElement(connection, [&](std::string_view token) { return iequals(token, name); });
}

UpstreamError errorOf(Failure f)
{
    switch (f) {
    case Failure::None:
        return UpstreamError::None;
    case Failure::Connect:
        return UpstreamError::Connect;
    case Failure::Timeout:
        return UpstreamError::Timeout;
    case Failure::Reset:
        return UpstreamError::Reset;
    case Failure::Protocol:
        return UpstreamError::Protocol;
    case Failure::Refused:
        return UpstreamError::Refused;
    case Failure::TooLarge:
        return UpstreamError::TooLarge;
    }
    return UpstreamError::None;
}

/// The exchange as record mode keeps it, without its body yet.
std::unique_ptr<RecordedExchange> startRecording(
    const ResponderCall& call, const UpstreamResponse& answer)
{
    auto ex = std::make_unique<RecordedExchange>();
    if (call.route.source.method != "*")
        ex->route = call.route.name;
    ex->method = upperAscii(call.request.method_string());
    ex->path.assign(call.path);
    if (!ex->route.empty())
        ex->params = call.params;
    ex->status = static_cast<int>(answer.result_int());
    for (const auto& f : answer)
        ex->headers.push_back({ std::string(f.name_string()), std::string(f.value()) });
    return ex;
}

/// Passes a streamed upstream body on to the client, piece by piece (and,
/// while recording, keeps a copy up to Recorder::kMaxBody). For a route that
/// counts tokens, the body is read as an event stream and each event's
/// tokens are reported as it passes.
class StreamRelay final : public UpstreamBodySink {
public:
    StreamRelay(std::shared_ptr<BodyStream> stream, std::shared_ptr<Recorder> recorder,
        std::unique_ptr<RecordedExchange> recording, TokenTally* tokens, const TokenCounting& where)
        : m_stream(std::move(stream))
        , m_recorder(std::move(recorder))
        , m_recording(std::move(recording))
        , m_tokens(where.enabled() ? tokens : nullptr)
    {
        if (m_tokens)
            m_reader.emplace(where.input, where.output);
    }
    void piece(std::string_view bytes, std::function<void(bool)> more) override
    {
        if (m_reader) {
            const TokenCounts c = m_reader->feed(bytes);
            if (c.input > 0 || c.output > 0)
                m_tokens->tokensSent(c.input, c.output);
        }
        if (m_recording) {
            if (m_recording->body.size() + bytes.size() > Recorder::kMaxBody) {
                m_recorder->tooLarge();
                m_recording.reset();
            } else {
                m_recording->body.append(bytes);
            }
        }
        m_stream->write(bytes, std::move(more));
    }
    void end(bool whole) override
    {
        if (whole) {
            m_stream->end();
            if (m_recording)
                m_recorder->offer(std::move(*m_recording));
        } else {
            m_stream->abort();
        }
    }

private:
    std::shared_ptr<BodyStream> m_stream;
    std::shared_ptr<Recorder> m_recorder;
    std::unique_ptr<RecordedExchange> m_recording;
    TokenTally* m_tokens;
    std::optional<SseTokenReader> m_reader;
};

void answerOpenBreaker(std::int64_t retryAfterMs, HttpResponse& out)
{
    out.problem(503, "The upstream is failing: its circuit breaker is open.");
    out.header(
        "Retry-After", std::to_string(std::max<std::int64_t>(1, (retryAfterMs + 999) / 1000)));
}

} // namespace

UpstreamResponder::UpstreamResponder(UpstreamClient& client, DesignedResponder& designed)
    : m_client(client)
    , m_designed(designed)
{
}

UpstreamRequest UpstreamResponder::forwardRequest(const ResponderCall& call)
{
    const HttpRequest& in = call.request;
    const UpstreamRoute& route = *call.upstream;
    UpstreamRequest out;
    out.method(in.method());
    if (in.method() == beasthttp::verb::unknown)
        out.method_string(in.method_string());
    const std::string_view target = in.target();
    out.target(
        route.upstreamTarget(target.substr(0, target.find('?')), call.rawQuery, call.params));
    out.version(11);

    std::string_view connection;
    if (const auto c = in.find(beasthttp::field::connection); c != in.end())
        connection = c->value();
    std::string forwardedFor;
    for (const auto& f : in) {
        const std::string_view name = f.name_string();
        if (isHopByHop(name) || f.name() == beasthttp::field::expect
            || listedInConnection(connection, name))
            continue;
        if (route.dropCredentials
            && (f.name() == beasthttp::field::authorization || iequals(name, "x-api-key")))
            continue;
        if (iequals(name, "x-forwarded-for")) {
            forwardedFor.assign(f.value());
            continue;
        }
        if (iequals(name, "x-request-id"))
            continue;
        out.insert(name, f.value());
    }
    if (!forwardedFor.empty())
        forwardedFor += ", ";
    forwardedFor.append(call.peer);
    out.set("X-Forwarded-For", forwardedFor);
    out.set("X-Forwarded-Proto", "http");
    if (const auto host = in.find(beasthttp::field::host); host != in.end())
        out.set("X-Forwarded-Host", host->value());
    out.set("X-Request-ID", call.requestId);
    for (const UpstreamHeader& h : route.headers) {
        switch (h.action) {
        case UpstreamHeader::Action::Set:
            out.set(h.name, h.value);
            break;
        case UpstreamHeader::Action::Add:
            out.insert(h.name, h.value);
            break;
        case UpstreamHeader::Action::Remove:
            out.erase(h.name);
            break;
        }
    }
    out.body() = in.body();
    return out;
}

void UpstreamResponder::answer(UpstreamResult& result, HttpResponse& out)
{
    if (result.breakerOpen && result.attempts == 0)
        return answerOpenBreaker(result.breakerRetryAfterMs, out);
    if (result.failure != Failure::None) {
        out.problem(result.failure == Failure::Timeout ? 504 : 502,
            "The upstream did not answer: " + result.error + ".");
        return;
    }
    UpstreamResponse& in = result.response;
    out.status = static_cast<int>(in.result_int());
    std::string_view connection;
    if (const auto c = in.find(beasthttp::field::connection); c != in.end())
        connection = c->value();
    for (const auto& f : in) {
        const std::string_view name = f.name_string();
        // Server, Date and X-Request-ID are written by the connection.
        if (isHopByHop(name) || listedInConnection(connection, name)
            || f.name() == beasthttp::field::server || f.name() == beasthttp::field::date)
            continue;
        out.header(name, f.value());
    }
    // The upstream's answer has the Content-Type it has, or none.
    out.hasContentType = true;
    if (!result.streaming)
        out.setBody(std::move(in.body()));
    // A HEAD answer announces the length the upstream announced.
    if (const auto cl = in.find(beasthttp::field::content_length);
        cl != in.end() && out.body.empty()) {
        std::int64_t n = -1;
        const auto v = cl->value();
        if (std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc {})
            out.headLength = n;
    }
}

bool UpstreamResponder::respond(ResponderCall& call, Waiter& waiter)
{
    const UpstreamRoute& route = *call.upstream;
    UpstreamOutcome& outcome = *call.upstreamOutcome;
    outcome.called = true;
    const CircuitBreaker& breaker = *route.target->breaker;
    const auto openFor = breaker.retryAfterMs();
    if (breaker.state() == CircuitBreaker::State::Open && openFor > 0) {
        outcome.error = UpstreamError::BreakerOpen;
        if (route.openResponse >= 0) {
            m_designed.respondWith(call, route.openResponse);
            return true;
        }
        answerOpenBreaker(openFor, call.response);
        return true;
    }
    auto done = waiter.waitForAnswer();
    // Everything the call refers to outlives the wait: the exchange, the
    // flow's routed request and the snapshot the flow holds.
    const bool mayStream = call.request.method() != beasthttp::verb::head;
    m_client.send(
        route.target, forwardRequest(call), call.arrived,
        [this, call, done = std::move(done), w = &waiter](UpstreamResult& result) mutable {
            UpstreamOutcome& o = *call.upstreamOutcome;
            o.attempts = result.attempts;
            o.upstreamUs = result.upstreamUs;
            o.error = result.breakerOpen && result.attempts == 0 ? UpstreamError::BreakerOpen
                                                                 : errorOf(result.failure);
            const bool answered = result.failure == Failure::None && !result.breakerOpen;
            if (answered)
                o.upstreamStatus = static_cast<int>(result.response.result_int());
            const auto& recorder = call.upstream->recorder;
            std::unique_ptr<RecordedExchange> recording;
            if (answered && recorder && recorder->enabled()) {
                recording = startRecording(call, result.response);
                if (!result.streaming) {
                    if (result.response.body().size() > Recorder::kMaxBody) {
                        recorder->tooLarge();
                        recording.reset();
                    } else {
                        recording->body = result.response.body();
                    }
                }
            }
            if (result.clientBodyFailed) {
                // Nothing to say about the upstream: the client's body failed.
                o.error = UpstreamError::None;
                const auto why = call.body->error();
                call.response.problem(why.status == 0 ? 400 : why.status,
                    why.detail.empty() ? std::string("The request body could not be read.")
                                       : why.detail);
                call.response.close = true;
                return done();
            }
            if (result.breakerOpen && result.attempts == 0 && call.upstream->openResponse >= 0)
                m_designed.respondWith(call, call.upstream->openResponse);
            else
                answer(result, call.response);
            if (!result.streaming) {
                if (recording)
                    recorder->offer(std::move(*recording));
                return done();
            }
            auto stream = w->streamAnswer();
            auto relay = std::make_shared<StreamRelay>(stream, recorder, std::move(recording),
                call.tokens, call.route.source.access.tokens);
            stream->begin(
                result.streamLength, [start = std::move(result.startBody), relay, stream](bool ok) {
                    if (ok)
                        return start(relay);
                    start(nullptr);
                    stream->abort();
                });
        },
        mayStream, call.body);
    return false;
}

} // namespace tollgate::server
