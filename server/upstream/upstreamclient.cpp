#include "server/upstream/upstreamclient.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beasthttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Steady = std::chrono::steady_clock;
using Failure = AttemptResult::Failure;

namespace {

/// One connection to an upstream, plain or TLS.
struct UpstreamConnection {
    explicit UpstreamConnection(asio::io_context& ioc)
        : plain(std::make_unique<beast::tcp_stream>(ioc))
    {
    }

    beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

    template <typename F>
    void withStream(F&& f)
    {
        if (tls)
            f(*tls);
        else
            f(*plain);
    }

    /// An idle connection the upstream has closed (or sent something
    /// unasked on) must not carry a request: peek without blocking.
    bool stillUsable()
    {
        char c;
        const auto n = ::recv(tcp().socket().native_handle(), &c, 1, MSG_PEEK | MSG_DONTWAIT);
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }

    void close()
    {
        error_code ignored;
        tcp().socket().close(ignored);
    }

    std::unique_ptr<beast::tcp_stream> plain; // moved into tls for https
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;
    Steady::time_point idleSince;
};

std::int64_t msSince(Steady::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - t).count();
}

std::int64_t unixMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

struct UpstreamClient::Impl : std::enable_shared_from_this<UpstreamClient::Impl> {
    struct Pool {
        std::vector<std::unique_ptr<UpstreamConnection>> idle;
        int open = 0;
        std::deque<std::function<void()>> waiting; // calls waiting for a free slot
    };

    explicit Impl(asio::io_context& ioc)
        : ioc(ioc)
    {
    }

    asio::ssl::context& tlsContext(bool verify, const std::string& caFile)
    {
        auto& slot = !verify ? trusting : caFile.empty() ? verifying : withCa[caFile];
        if (!slot) {
            slot = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
            error_code ec;
            if (verify)
                slot->set_default_verify_paths(ec);
            if (verify && !caFile.empty())
                slot->load_verify_file(caFile, ec);
            slot->set_verify_mode(verify ? asio::ssl::verify_peer : asio::ssl::verify_none, ec);
        }
        return *slot;
    }

    /// A connection or a slot for one came free: the longest-waiting call
    /// (if any) tries again.
    void wakeNext(const std::string& key)
    {
        Pool& pool = pools[key];
        if (pool.waiting.empty())
            return;
        auto next = std::move(pool.waiting.front());
        pool.waiting.pop_front();
        asio::post(ioc, std::move(next));
    }

    /// A connection was closed.
    void slotFreed(const std::string& key)
    {
        --pools[key].open;
        wakeNext(key);
    }

    void keepIdle(const UpstreamTarget& t, std::unique_ptr<UpstreamConnection> c)
    {
        c->idleSince = Steady::now();
        pools[t.poolKey].idle.push_back(std::move(c));
        wakeNext(t.poolKey);
    }

    /// An idle connection to reuse, if a fresh one is kept.
    std::unique_ptr<UpstreamConnection> takeIdle(const UpstreamTarget& t)
    {
        Pool& pool = pools[t.poolKey];
        while (!pool.idle.empty()) {
            auto c = std::move(pool.idle.back());
            pool.idle.pop_back();
            if (msSince(c->idleSince) < t.idleTimeoutMs && c->stillUsable())
                return c;
            c->close();
            --pool.open;
        }
        return nullptr;
    }

    /// Closes idle connections past their expiry (the oldest are first).
    void expireIdle(const UpstreamTarget& t)
    {
        Pool& pool = pools[t.poolKey];
        auto& idle = pool.idle;
        const auto firstKept = std::find_if(idle.begin(), idle.end(),
            [&](const auto& c) { return msSince(c->idleSince) < t.idleTimeoutMs; });
        for (auto it = idle.begin(); it != firstKept; ++it) {
            (*it)->close();
            --pool.open;
        }
        idle.erase(idle.begin(), firstKept);
    }

    asio::io_context& ioc;
    std::unordered_map<std::string, Pool> pools;
    std::unique_ptr<asio::ssl::context> verifying;
    std::unique_ptr<asio::ssl::context> trusting;
    std::map<std::string, std::unique_ptr<asio::ssl::context>> withCa; // verifying, plus a CA file
    std::mt19937_64 rng { std::random_device {}() };
};

namespace {

/// One request on its way through attempts, waits and connections.
class UpstreamCall : public std::enable_shared_from_this<UpstreamCall> {
public:
    UpstreamCall(std::shared_ptr<UpstreamClient::Impl> client,
        std::shared_ptr<const UpstreamTarget> target, UpstreamRequest request,
        Steady::time_point arrived, UpstreamClient::Done done, bool mayStream,
        std::shared_ptr<UpstreamBodySource> body)
        : m_client(std::move(client))
        , m_target(std::move(target))
        , m_request(std::move(request))
        , m_body(std::move(body))
        , m_arrived(arrived)
        , m_deadline(arrived + std::chrono::milliseconds(m_target->retry.overallTimeoutMs))
        , m_done(std::move(done))
        , m_mayStream(mayStream)
        , m_timer(m_client->ioc)
    {
        m_request.set(beasthttp::field::host, m_target->hostField);
        if (m_body) {
            if (const auto length = m_body->length())
                m_request.content_length(*length);
            else
                m_request.chunked(true);
        } else if (!m_request.body().empty() || m_request.method() == beasthttp::verb::post
            || m_request.method() == beasthttp::verb::put
            || m_request.method() == beasthttp::verb::patch) {
            m_request.prepare_payload();
        }
        m_request.keep_alive(true);
        m_idempotencyKey = m_request.find("Idempotency-Key") != m_request.end();
    }

    void start()
    {
        m_firstAttempt = Steady::now();
        attempt();
    }

private:
    void attempt()
    {
        if (!m_target->breaker->tryAcquire()) {
            m_result.breakerOpen = true;
            m_result.breakerRetryAfterMs = m_target->breaker->retryAfterMs();
            if (m_result.attempts == 0)
                m_result.error = "the upstream's circuit breaker is open";
            return finish();
        }
        ++m_result.attempts;
        m_result.failure = Failure::None;
        m_result.error.clear();
        m_attemptDeadline = std::min(
            Steady::now() + std::chrono::milliseconds(m_target->attemptTimeoutMs), m_deadline);
        getConnection();
    }

    void getConnection()
    {
        auto client = m_client.get();
        client->expireIdle(*m_target);
        if (auto c = client->takeIdle(*m_target)) {
            m_connection = std::move(c);
            return write();
        }
        auto& pool = client->pools[m_target->poolKey];
        if (pool.open < m_target->maxConnections) {
            ++pool.open;
            return connect();
        }
        // Every connection is busy: wait for one, within the attempt's time.
        m_waiting = true;
        pool.waiting.push_back([self = shared_from_this()] {
            if (!self->m_waiting) // gave up meanwhile: the next one may have it
                return self->m_client->wakeNext(self->m_target->poolKey);
            self->m_waiting = false;
            self->m_timer.cancel();
            self->getConnection();
        });
        m_timer.expires_at(m_attemptDeadline);
        m_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (ec || !self->m_waiting)
                return;
            self->m_waiting = false;
            // The queued callback will find m_waiting false and pass its slot on.
            self->attemptFailed(Failure::Timeout,
                "no connection to the upstream came free within the attempt timeout");
        });
    }

    void connect()
    {
        m_connection = std::make_unique<UpstreamConnection>(m_client->ioc);
        if (const auto literal = parseAddressLiteral(m_target->host)) {
            std::vector<tcp::endpoint> endpoints { tcp::endpoint(*literal, m_target->port) };
            return connectTo(std::move(endpoints));
        }
        if (!m_resolver)
            m_resolver.emplace(m_client->ioc);
        // The resolver has no deadline of its own: the timer cancels it.
        m_timer.expires_at(std::min(
            Steady::now() + std::chrono::milliseconds(m_target->connectTimeoutMs), m_attemptDeadline));
        m_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec)
                self->m_resolver->cancel();
        });
        m_resolver->async_resolve(m_target->host, std::to_string(m_target->port),
            [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
                self->m_timer.cancel();
                if (ec == asio::error::operation_aborted)
                    return self->connectionFailed(Failure::Timeout,
                        "resolving " + self->m_target->host + " took longer than the connect timeout");
                if (ec)
                    return self->connectionFailed(Failure::Connect,
                        "could not resolve " + self->m_target->host + ": " + ec.message());
                std::vector<tcp::endpoint> endpoints;
                for (const auto& r : results)
                    endpoints.push_back(r.endpoint());
                self->connectTo(std::move(endpoints));
            });
    }

    void connectTo(std::vector<tcp::endpoint> endpoints)
    {
        // Every address must pass: a name that resolves to a public and a
        // private address is refused, whichever a connect would pick.
        for (const auto& e : endpoints) {
            if (const auto why = m_target->guard->refusal(e.address()))
                return connectionFailed(Failure::Refused,
                    "refused to connect to " + m_target->host + ": " + *why);
        }
        auto& tcpStream = m_connection->tcp();
        tcpStream.expires_at(std::min(
            Steady::now() + std::chrono::milliseconds(m_target->connectTimeoutMs), m_attemptDeadline));
        tcpStream.async_connect(
            endpoints, [self = shared_from_this()](error_code ec, const tcp::endpoint&) {
                if (ec)
                    return self->connectionFailed(ec == beast::error::timeout ? Failure::Timeout
                                                                              : Failure::Connect,
                        "could not connect to " + self->m_target->host + ":"
                            + std::to_string(self->m_target->port) + ": "
                            + (ec == beast::error::timeout ? std::string("connect timeout")
                                                           : ec.message()));
                error_code ignored;
                self->m_connection->tcp().socket().set_option(tcp::no_delay(true), ignored);
                if (self->m_target->https)
                    return self->handshake();
                self->write();
            });
    }

    void handshake()
    {
        UpstreamConnection& c = *m_connection;
        c.tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(
            std::move(*c.plain), m_client->tlsContext(m_target->verifyTls, m_target->caFile));
        c.plain.reset();
        const std::string& host = m_target->host;
        // SNI names a host, never an address (RFC 6066 3).
        if (!parseAddressLiteral(host))
            SSL_set_tlsext_host_name(c.tls->native_handle(), host.c_str());
        if (m_target->verifyTls)
            c.tls->set_verify_callback(asio::ssl::host_name_verification(host));
        c.tls->async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](error_code ec) {
            if (ec)
                return self->connectionFailed(
                    ec == beast::error::timeout ? Failure::Timeout : Failure::Connect,
                    "TLS handshake with " + self->m_target->host + " failed: "
                        + (ec == beast::error::timeout ? std::string("timeout") : ec.message()));
            self->write();
        });
    }

    void write()
    {
        m_connection->tcp().expires_at(m_attemptDeadline);
        if (m_body)
            return writeHead();
        m_connection->withStream([this](auto& stream) {
            beasthttp::async_write(
                stream, m_request, [self = shared_from_this()](error_code ec, std::size_t) {
                    if (ec)
                        return self->exchangeFailed(ec, "sending the request");
                    self->read();
                });
        });
    }

    /// A streamed body: the head first, then each piece as the client sends it.
    void writeHead()
    {
        std::ostringstream head;
        head << m_request.base();
        m_out = std::move(head).str();
        m_connection->withStream([this](auto& stream) {
            asio::async_write(stream, asio::buffer(m_out),
                [self = shared_from_this()](error_code ec, std::size_t) {
                    if (ec)
                        return self->exchangeFailed(ec, "sending the request");
                    self->m_bodyStarted = true;
                    self->pumpBody();
                });
        });
    }

    void pumpBody()
    {
        m_body->read([self = shared_from_this()](bool ok, std::string_view piece, bool last) {
            if (!ok)
                return self->clientBodyFailed();
            self->writePiece(piece, last);
        });
    }

    void writePiece(std::string_view piece, bool last)
    {
        static constexpr std::string_view kCrlf = "\r\n";
        static constexpr std::string_view kLastChunk = "0\r\n\r\n";
        const bool chunked = !m_body->length();
        std::vector<asio::const_buffer> buffers;
        if (!piece.empty()) {
            if (chunked) {
                const auto res = std::to_chars(m_chunkHead, m_chunkHead + sizeof m_chunkHead - 2,
                    piece.size(), 16);
                char* end = res.ptr;
                *end++ = '\r';
                *end++ = '\n';
                buffers.emplace_back(m_chunkHead, static_cast<std::size_t>(end - m_chunkHead));
            }
            buffers.emplace_back(piece.data(), piece.size());
            if (chunked)
                buffers.emplace_back(kCrlf.data(), kCrlf.size());
        }
        if (last && chunked)
            buffers.emplace_back(kLastChunk.data(), kLastChunk.size());
        const auto next = [self = shared_from_this(), last](error_code ec, std::size_t) {
            if (ec)
                return self->exchangeFailed(ec, "sending the request body");
            if (!last)
                return self->pumpBody();
            // The whole body is out: the answer gets a full attempt's time.
            self->m_connection->tcp().expires_after(
                std::chrono::milliseconds(self->m_target->attemptTimeoutMs));
            self->read();
        };
        if (buffers.empty())
            return asio::post(m_client->ioc, [next] { next({}, 0); });
        // A body may take long; each piece must go out within the attempt time.
        m_connection->tcp().expires_after(std::chrono::milliseconds(m_target->attemptTimeoutMs));
        m_connection->withStream([this, &buffers, next](auto& stream) {
            asio::async_write(stream, buffers, next);
        });
    }

    /// The client's body failed: the upstream has a cut request, so its
    /// connection goes; the upstream is not to blame (breaker untouched).
    void clientBodyFailed()
    {
        if (m_connection) {
            m_connection->close();
            m_connection.reset();
            m_client->slotFreed(m_target->poolKey);
        }
        m_target->breaker->release();
        m_result.clientBodyFailed = true;
        m_result.failure = Failure::Protocol;
        m_result.error = "the request body could not be read from the client";
        finish();
    }

    void read()
    {
        m_head.emplace();
        m_head->header_limit(64 * 1024);
        if (m_request.method() == beasthttp::verb::head)
            m_head->skip(true);
        m_connection->withStream([this](auto& stream) {
            beasthttp::async_read_header(stream, m_connection->buffer, *m_head,
                [self = shared_from_this()](error_code ec, std::size_t) {
                    if (ec)
                        return self->exchangeFailed(ec, "reading the answer");
                    self->headRead();
                });
        });
    }

    void headRead()
    {
        const int status = static_cast<int>(m_head->get().result_int());
        // An interim answer (100 Continue, 103 Early Hints) is followed by the real one.
        if (status >= 100 && status < 200 && status != 101)
            return read();
        std::optional<std::uint64_t> length;
        if (const auto cl = m_head->content_length())
            length = *cl;
        const bool bodyless = m_head->is_done();
        if (length && *length > m_target->maxResponseBytes)
            return exchangeFailed(beasthttp::error::body_limit, "reading the answer");
        if (m_mayStream && !bodyless && status < 500 && status != 429
            && (!length || *length > UpstreamClient::kBufferedBodyBytes))
            return startStreaming(length);
        m_parser.emplace(std::move(*m_head));
        m_head.reset();
        m_parser->body_limit(m_target->maxResponseBytes);
        if (m_parser->is_done())
            return answered();
        m_connection->withStream([this](auto& stream) {
            beasthttp::async_read(stream, m_connection->buffer, *m_parser,
                [self = shared_from_this()](error_code ec, std::size_t) {
                    if (ec)
                        return self->exchangeFailed(ec, "reading the answer");
                    self->answered();
                });
        });
    }

    /// The head is in and the body is large: hand the head over now and the
    /// body piece by piece, each once the last one was passed on.
    void startStreaming(std::optional<std::uint64_t> length)
    {
        m_target->breaker->onSuccess();
        m_result.response.base() = m_head->get().base();
        m_stream.emplace(std::move(*m_head));
        m_head.reset();
        m_stream->body_limit(m_target->maxResponseBytes);
        m_result.streaming = true;
        m_result.streamLength = length;
        m_result.startBody = [self = shared_from_this()](std::shared_ptr<UpstreamBodySink> sink) {
            if (!sink)
                return self->dropStream();
            self->m_sink = std::move(sink);
            self->pump();
        };
        finish();
    }

    void pump()
    {
        auto& body = m_stream->get().body();
        m_piece.resize(64 * 1024);
        body.data = m_piece.data();
        body.size = m_piece.size();
        body.more = true;
        // A stream may last long; each read must make progress in the attempt time.
        m_connection->tcp().expires_after(std::chrono::milliseconds(m_target->attemptTimeoutMs));
        m_connection->withStream([this](auto& stream) {
            beasthttp::async_read(stream, m_connection->buffer, *m_stream,
                [self = shared_from_this()](error_code ec, std::size_t) { self->pumped(ec); });
        });
    }

    void pumped(error_code ec)
    {
        if (ec == beasthttp::error::need_buffer)
            ec = {};
        if (ec) {
            dropStream();
            return m_sink->end(false);
        }
        const std::size_t got = m_piece.size() - m_stream->get().body().size;
        const bool done = m_stream->is_done();
        if (got == 0 && done)
            return endStream();
        m_sink->piece({ m_piece.data(), got }, [self = shared_from_this(), done](bool more) {
            if (!more) {
                self->dropStream();
                return self->m_sink->end(false);
            }
            if (done)
                return self->endStream();
            self->pump();
        });
    }

    void endStream()
    {
        const bool keep = m_stream->get().keep_alive();
        m_stream.reset();
        releaseConnection(keep);
        m_sink->end(true);
    }

    /// The answer is read: the connection goes back to the pool, or closes.
    void releaseConnection(bool keep)
    {
        auto c = std::move(m_connection);
        c->tcp().expires_never();
        if (keep) {
            m_client->keepIdle(*m_target, std::move(c));
        } else {
            c->close();
            m_client->slotFreed(m_target->poolKey);
        }
    }

    void dropStream()
    {
        m_stream.reset();
        if (m_connection) {
            m_connection->close();
            m_connection.reset();
            m_client->slotFreed(m_target->poolKey);
        }
    }

    void answered()
    {
        const int status = static_cast<int>(m_parser->get().result_int());
        const bool keep = m_parser->get().keep_alive() && m_parser->is_done();
        m_result.response = m_parser->release();
        m_parser.reset();
        releaseConnection(keep);
        AttemptResult r;
        r.status = status;
        if (const auto ra = m_result.response.find(beasthttp::field::retry_after);
            ra != m_result.response.end())
            r.retryAfterMs = parseRetryAfterMs(ra->value(), unixMs());
        if (status >= 500)
            m_target->breaker->onFailure();
        else
            m_target->breaker->onSuccess();
        afterAttempt(r);
    }

    /// Writing or reading failed: name what went wrong.
    void exchangeFailed(error_code ec, std::string_view during)
    {
        Failure kind = Failure::Protocol;
        std::string what = ec.message();
        if (ec == beast::error::timeout) {
            kind = Failure::Timeout;
            what = Steady::now() >= m_deadline ? "the overall timeout passed"
                                              : "the attempt timeout passed";
        } else if (ec == beasthttp::error::body_limit) {
            kind = Failure::TooLarge;
            what = "the answer is larger than " + std::to_string(m_target->maxResponseBytes)
                + " bytes";
        } else if (ec == beasthttp::error::end_of_stream || ec == asio::error::eof
            || ec == asio::error::connection_reset || ec == asio::error::broken_pipe
            || ec == asio::ssl::error::stream_truncated || ec == beasthttp::error::partial_message) {
            kind = Failure::Reset;
            what = "the upstream closed the connection";
        }
        connectionFailed(kind, what + " while " + std::string(during));
    }

    /// The attempt's connection is no use any more: drop it, then decide.
    void connectionFailed(Failure kind, std::string error)
    {
        if (m_connection) {
            m_connection->close();
            m_connection.reset();
            m_client->slotFreed(m_target->poolKey);
        }
        m_parser.reset();
        m_head.reset();
        attemptFailed(kind, std::move(error));
    }

    void attemptFailed(Failure kind, std::string error)
    {
        // The guard's refusal says nothing about the upstream's health.
        if (kind == Failure::Refused)
            m_target->breaker->onSuccess();
        else
            m_target->breaker->onFailure();
        m_result.failure = kind;
        m_result.error = std::move(error);
        AttemptResult r;
        r.failure = kind;
        afterAttempt(r);
    }

    void afterAttempt(const AttemptResult& r)
    {
        // A streamed body read from the client cannot be sent again.
        if (m_bodyStarted)
            return finish();
        const auto decision = decideRetry(m_target->retry, m_request.method_string(),
            m_idempotencyKey, m_result.attempts, r, msSince(m_arrived), m_client->rng());
        if (!decision.retry)
            return finish();
        m_timer.expires_after(std::chrono::milliseconds(decision.delayMs));
        m_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec)
                self->attempt();
        });
    }

    void finish()
    {
        m_result.upstreamUs = static_cast<std::uint32_t>(std::min<std::int64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - m_firstAttempt)
                .count(),
            UINT32_MAX));
        auto done = std::move(m_done);
        done(m_result);
    }

    std::shared_ptr<UpstreamClient::Impl> m_client;
    std::shared_ptr<const UpstreamTarget> m_target;
    UpstreamRequest m_request;
    std::shared_ptr<UpstreamBodySource> m_body; // a body streamed from the client
    bool m_bodyStarted = false; // some of it was asked for: no retry any more
    std::string m_out; // a streamed body's request head
    char m_chunkHead[24];
    Steady::time_point m_arrived;
    Steady::time_point m_deadline;
    Steady::time_point m_attemptDeadline;
    Steady::time_point m_firstAttempt;
    UpstreamClient::Done m_done;
    bool m_mayStream = false;
    asio::steady_timer m_timer;
    std::optional<tcp::resolver> m_resolver; // made only when a name must be resolved
    std::unique_ptr<UpstreamConnection> m_connection;
    std::optional<beasthttp::response_parser<beasthttp::empty_body>> m_head;
    std::optional<beasthttp::response_parser<beasthttp::string_body>> m_parser;
    std::optional<beasthttp::response_parser<beasthttp::buffer_body>> m_stream;
    std::shared_ptr<UpstreamBodySink> m_sink;
    std::string m_piece;
    UpstreamResult m_result;
    bool m_idempotencyKey = false;
    bool m_waiting = false;
};

} // namespace

UpstreamClient::UpstreamClient(asio::io_context& ioc)
    : d(std::make_shared<Impl>(ioc))
{
}

UpstreamClient::~UpstreamClient()
{
    for (auto& [key, pool] : d->pools) {
        for (auto& c : pool.idle)
            c->close();
    }
}

void UpstreamClient::send(std::shared_ptr<const UpstreamTarget> target, UpstreamRequest request,
    Steady::time_point arrived, Done done, bool mayStream, std::shared_ptr<UpstreamBodySource> body)
{
    std::make_shared<UpstreamCall>(d, std::move(target), std::move(request), arrived,
        std::move(done), mayStream, std::move(body))
        ->start();
}

int UpstreamClient::openConnections(const std::string& poolKey) const
{
    const auto it = d->pools.find(poolKey);
    return it == d->pools.end() ? 0 : it->second.open;
}

int UpstreamClient::idleConnections(const std::string& poolKey) const
{
    const auto it = d->pools.find(poolKey);
    return it == d->pools.end() ? 0 : static_cast<int>(it->second.idle.size());
}

} // namespace tollgate::server
