#include "server/http/connection.h"

#include "server/common/text.h"
#include "server/http/requestid.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include <array>
#include <charconv>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beasthttp = boost::beast::http;
using tcp = asio::ip::tcp;

const std::string& Exchange::requestId()
{
    if (m_requestId.empty())
        newRequestId(&m_requestId);
    return m_requestId;
}

void Exchange::reset()
{
    method.clear();
    target.clear();
    m_requestId.clear();
    http10 = false;
    keepAlive = true;
    head = false;
    streamBody = false;
    bytesIn = 0;
    request = nullptr;
    response.clear();
}

Connection::Connection(tcp::socket socket, std::unique_ptr<ConnectionHandler> handler,
    std::atomic<std::uint64_t>* served, ConnectionSlot slot)
    : m_slot(std::move(slot))
    , m_socket(std::move(socket))
    , m_handler(std::move(handler))
    , m_served(served)
    , m_timer(m_socket.get_executor())
{
}

Connection::~Connection() = default;

void Connection::start()
{
    boost::system::error_code ec;
    m_socket.set_option(tcp::no_delay(true), ec);
    m_socket.non_blocking(true, ec); // write() tries to write at once
    const auto peer = m_socket.remote_endpoint(ec);
    if (!ec)
        m_exchange.peer = peer.address().to_string();
    readHeader(true);
}

void Connection::refuse()
{
    boost::system::error_code ec;
    m_socket.non_blocking(true, ec);
    const auto peer = m_socket.remote_endpoint(ec);
    m_limits = m_handler->beginRequest();
    m_exchange.reset();
    if (!ec)
        m_exchange.peer = peer.address().to_string();
    // 503 as nginx's limit_conn answers: the server will not serve this
    // client more now; 429 is the API's own rate limit, with its headers.
    sendError(503, "Too many open connections from this address.");
}

void Connection::armTimer(int ms)
{
    m_timedOut = false;
    m_timer.expires_after(std::chrono::milliseconds(ms));
    m_timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec)
            return;
        self->m_timedOut = true;
        boost::system::error_code ignored;
        self->m_socket.cancel(ignored);
    });
}

void Connection::readHeader(bool firstRequest)
{
    m_limits = m_handler->beginRequest();
    m_exchange.reset();
    m_headerParser.emplace();
    m_bodyParser.reset();
    m_streamParser.reset();
    m_bodyPending = false;
    m_expectContinue = false;
    m_headerParser->header_limit(
        static_cast<std::uint32_t>(m_limits.requestLineBytes + m_limits.headerBytes));
    // The body limit is the route's, known once the header is in (onHeader);
    // Beast's default (1 MiB) would refuse a larger Content-Length first.
    m_headerParser->body_limit(boost::none);
    // A connection with a request under way gets the header timeout; an idle
    // keep-alive connection gets the (longer) idle timeout.
    armTimer(
        firstRequest || m_buffer.size() > 0 ? m_limits.headerTimeoutMs : m_limits.idleTimeoutMs);
    beasthttp::async_read_header(m_reads, m_buffer, *m_headerParser,
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            self->m_exchange.bytesIn = n;
            self->onHeader(ec);
        });
}

void Connection::onHeader(boost::system::error_code ec)
{
    m_timer.cancel();
    m_exchange.start = std::chrono::steady_clock::now();
    if (ec) {
        if (m_timedOut) {
            if (m_buffer.size() > 0)
                return sendError(408, "The request header was not received in time.");
            return closeSocket();
        }
        if (ec == beasthttp::error::header_limit) {
            // Beast has consumed the request line by now; judge from what it parsed.
            const auto& partial = m_headerParser->get();
            if (partial.target().empty() || partial.target().size() > m_limits.requestLineBytes)
                return sendError(414, "The request line is too long.");
            return sendError(431, "The request header section is too large.");
        }
        if (ec == beasthttp::error::end_of_stream || ec == asio::error::eof
            || ec == asio::error::connection_reset || ec == asio::error::operation_aborted
            || ec == asio::error::broken_pipe) {
            return closeSocket();
        }
        if (ec == beasthttp::error::bad_transfer_encoding
            || ec == beasthttp::error::bad_content_length
            || ec == beasthttp::error::multiple_content_length) {
            return sendError(400, "Ambiguous message framing: " + ec.message());
        }
        return sendError(400, "Malformed request: " + ec.message());
    }

    m_limits = m_handler->currentLimits();
    const auto& req = m_headerParser->get();
    Exchange& ex = m_exchange;
    ex.method.assign(req.method_string());
    ex.target.assign(req.target());
    ex.keepAlive = req.keep_alive();
    ex.http10 = req.version() < 11;
    ex.head = req.method() == beasthttp::verb::head;
    if (!checkFraming(req, m_limits))
        return;

    const auto bodyLimit = m_handler->onHeader(ex, req);
    if (!bodyLimit) {
        ex.response.close = true;
        return write();
    }
    if (const auto len = m_headerParser->content_length(); len && *len > *bodyLimit)
        return sendError(413, "The request body exceeds " + std::to_string(*bodyLimit) + " bytes.");

    const auto expect = req.find(beasthttp::field::expect);
    const bool expectContinue = !ex.http10 && expect != req.end()
        && iequals(trimBlanks(expect->value()), "100-continue");
    if (ex.streamBody && !m_headerParser->is_done()) {
        // The pipeline sees the header as a request without a body; the body
        // goes through a parser into one reusable piece buffer.
        m_streamRequest = {};
        m_streamRequest.base() = req.base();
        m_streamParser.emplace(std::move(*m_headerParser));
        m_headerParser.reset();
        m_streamParser->body_limit(*bodyLimit);
        m_bodyPending = true;
        m_expectContinue = expectContinue;
        m_bodyErrorStatus = 0;
        m_bodyError.clear();
        ex.request = &m_streamRequest;
        return m_handler->onRequest(ex, *this);
    }
    ex.streamBody = false;
    m_bodyParser.emplace(std::move(*m_headerParser));
    m_headerParser.reset();
    m_bodyParser->body_limit(*bodyLimit);
    if (m_bodyParser->is_done()) {
        ex.request = &m_bodyParser->get();
        return m_handler->onRequest(ex, *this);
    }
    if (expectContinue) {
        // curl and others wait (curl: 1 s) for this before sending a body.
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        armTimer(m_limits.headerTimeoutMs); // a client that reads nothing cannot hold this
        asio::async_write(m_socket, asio::buffer(kContinue.data(), kContinue.size()),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (ec)
                    return self->closeSocket();
                self->readBody();
            });
        return;
    }
    readBody();
}

bool Connection::checkFraming(const HttpRequestHeader& req, const Limits& limits)
{
    // "METHOD SP target SP HTTP/1.1" is what the limit is about.
    if (req.method_string().size() + req.target().size() + 10 > limits.requestLineBytes) {
        sendError(414, "The request target is too long.");
        return false;
    }
    std::size_t fields = 0;
    std::size_t headerBytes = 0;
    int contentLengths = 0;
    const beasthttp::fields::value_type* transferEncoding = nullptr;
    int requestIds = 0;
    std::string_view requestId;
    for (const auto& f : req) {
        ++fields;
        headerBytes += f.name_string().size() + f.value().size() + 4;
        if (f.name() == beasthttp::field::content_length) {
            ++contentLengths;
        } else if (f.name() == beasthttp::field::transfer_encoding) {
            transferEncoding = &f;
        } else if (f.name() == beasthttp::field::unknown
            && iequals(f.name_string(), "x-request-id")) {
            ++requestIds;
            requestId = f.value();
        }
    }
    // Echo only an id that cannot break the header; two ids are no id.
    if (requestIds == 1 && isValidRequestId(requestId))
        m_exchange.setClientRequestId(requestId);
    if (fields > limits.headerFields) {
        sendError(431, "Too many header fields.");
        return false;
    }
    if (headerBytes > limits.headerBytes) {
        sendError(431, "The request header section is too large.");
        return false;
    }
    if (contentLengths > 1) {
        sendError(400, "Ambiguous message framing: duplicate Content-Length.");
        return false;
    }
    if (transferEncoding) {
        // Only "chunked" is understood; it must be the final coding.
        std::string_view te = transferEncoding->value();
        bool sawChunked = false;
        bool chunkedLast = false;
        while (!te.empty()) {
            const auto comma = te.find(',');
            const auto token = trimBlanks(te.substr(0, comma));
            te = comma == std::string_view::npos ? std::string_view {} : te.substr(comma + 1);
            if (token.empty())
                continue;
            if (!iequals(token, "chunked")) {
                sendError(501, "Transfer coding not implemented: " + std::string(token));
                return false;
            }
            chunkedLast = !sawChunked;
            sawChunked = true;
        }
        if (!chunkedLast) {
            sendError(400, "Ambiguous message framing: bad Transfer-Encoding.");
            return false;
        }
    }
    if (!m_exchange.http10 && req.find(beasthttp::field::host) == req.end()) {
        sendError(400, "HTTP/1.1 requests need a Host header.");
        return false;
    }
    return true;
}

void Connection::readBody()
{
    armTimer(m_limits.headerTimeoutMs);
    beasthttp::async_read(m_reads, m_buffer, *m_bodyParser,
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            self->m_exchange.bytesIn += n;
            self->onBody(ec);
        });
}

void Connection::onBody(boost::system::error_code ec)
{
    m_timer.cancel();
    if (ec) {
        if (m_timedOut)
            return sendError(408, "The request body was not received in time.");
        if (ec == beasthttp::error::body_limit)
            return sendError(413, "The request body is too large.");
        if (ec == beasthttp::error::end_of_stream || ec == asio::error::eof
            || ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
            return closeSocket();
        return sendError(400, "Malformed request body: " + ec.message());
    }
    m_exchange.request = &m_bodyParser->get();
    m_handler->onRequest(m_exchange, *this);
}

void Connection::readBodyPiece(BodyPiece piece)
{
    if (m_expectContinue) {
        m_expectContinue = false;
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        armTimer(m_limits.headerTimeoutMs);
        asio::async_write(m_socket, asio::buffer(kContinue.data(), kContinue.size()),
            [self = shared_from_this(), piece = std::move(piece)](
                boost::system::error_code ec, std::size_t) mutable {
                self->m_timer.cancel();
                if (ec) {
                    self->m_bodyErrorStatus = 0;
                    self->m_bodyError = "the client left";
                    return piece(false, {}, false);
                }
                self->readBodyPiece(std::move(piece));
            });
        return;
    }
    if (m_streamParser->is_done()) {
        m_bodyPending = false;
        return piece(true, {}, true);
    }
    m_piece.resize(kBodyPieceBytes);
    auto& body = m_streamParser->get().body();
    body.data = m_piece.data();
    body.size = m_piece.size();
    body.more = true;
    // Each piece must arrive within the header timeout (a stalled upload
    // holds nothing for long).
    armTimer(m_limits.headerTimeoutMs);
    beasthttp::async_read_some(m_reads, m_buffer, *m_streamParser,
        [self = shared_from_this(), piece = std::move(piece)](
            boost::system::error_code ec, std::size_t n) {
            self->m_timer.cancel();
            self->m_exchange.bytesIn += n;
            if (ec == beasthttp::error::need_buffer)
                ec = {};
            if (ec) {
                if (self->m_timedOut) {
                    self->m_bodyErrorStatus = 408;
                    self->m_bodyError = "The request body was not received in time.";
                } else if (ec == beasthttp::error::body_limit) {
                    self->m_bodyErrorStatus = 413;
                    self->m_bodyError = "The request body is too large.";
                } else if (ec == beasthttp::error::end_of_stream || ec == asio::error::eof
                    || ec == asio::error::connection_reset) {
                    self->m_bodyErrorStatus = 0;
                    self->m_bodyError = "the client left";
                } else {
                    self->m_bodyErrorStatus = 400;
                    self->m_bodyError = "Malformed request body: " + ec.message();
                }
                return piece(false, {}, false);
            }
            const bool last = self->m_streamParser->is_done();
            if (last)
                self->m_bodyPending = false;
            const std::size_t got = self->m_piece.size() - self->m_streamParser->get().body().size;
            piece(true, { self->m_piece.data(), got }, last);
        });
}

std::optional<std::uint64_t> Connection::bodyLength() const
{
    if (!m_streamParser || m_streamParser->chunked() || !m_streamParser->content_length())
        return std::nullopt;
    return *m_streamParser->content_length();
}

void Connection::sendError(int status, std::string_view detail)
{
    if (m_exchange.method.empty())
        m_exchange.method = "-";
    m_exchange.start = std::chrono::steady_clock::now();
    m_exchange.head = false;
    m_exchange.response.problem(status, detail, true);
    write();
}

void Connection::send(std::chrono::milliseconds delay)
{
    if (delay.count() <= 0)
        return write();
    // Latency is a timer, never a sleeping thread.
    m_timer.expires_after(delay);
    m_timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec)
            return self->closeSocket();
        self->write();
    });
}

void Connection::reset(std::chrono::milliseconds delay)
{
    auto resetNow = [self = shared_from_this()] {
        boost::system::error_code ignored;
        // Linger 0 makes close() send RST instead of FIN.
        self->m_socket.set_option(asio::socket_base::linger(true, 0), ignored);
        self->m_socket.close(ignored);
        self->m_exchange.response.status = 0;
        self->m_handler->onResponse(self->m_exchange, 0);
    };
    if (delay.count() <= 0)
        return resetNow();
    m_timer.expires_after(delay);
    m_timer.async_wait([resetNow](boost::system::error_code ec) {
        if (!ec)
            resetNow();
    });
}

void Connection::write()
{
    Exchange& ex = m_exchange;
    // The rest of an unread request body cannot be told from a next request.
    if (m_bodyPending)
        ex.response.close = true;
    const ResponseFraming framing { ex.http10, ex.keepAlive, ex.head, ex.requestId(), false, {} };
    m_outBody = serializeResponse(ex.response, framing, &m_out, &m_closeAfterWrite);
    m_handler->onResponse(ex, m_out.size() + m_outBody.size());
    // Written at once when the socket takes it all, as nearly every answer
    // is; the rest waits for the client with the idle timeout armed, so a
    // client that stops reading is dropped once it has taken no byte for
    // that long (re-armed on every step forward). The answer is counted as
    // written from a handler, not from inside the caller's send().
    const std::size_t total = m_out.size() + m_outBody.size();
    boost::system::error_code ec;
    const std::size_t done = asio::write(m_socket,
        std::array<asio::const_buffer, 2> {
            asio::buffer(m_out), asio::buffer(m_outBody.data(), m_outBody.size()) },
        ec);
    if (done == total || (ec && ec != asio::error::would_block)) {
        asio::post(m_socket.get_executor(),
            [self = shared_from_this(), ec = done == total ? boost::system::error_code {} : ec] {
                self->onWritten(ec);
            });
        return;
    }
    const std::array<asio::const_buffer, 2> rest = done < m_out.size()
        ? std::array<asio::const_buffer, 2> { asio::buffer(m_out) + done,
              asio::buffer(m_outBody.data(), m_outBody.size()) }
        : std::array<asio::const_buffer, 2> { asio::const_buffer {},
              asio::buffer(m_outBody.data(), m_outBody.size()) + (done - m_out.size()) };
    armTimer(m_limits.idleTimeoutMs);
    asio::async_write(
        m_socket, rest,
        [this, left = total - done, progress = std::size_t { 0 }](
            boost::system::error_code ec, std::size_t sent) mutable -> std::size_t {
            if (ec || sent >= left)
                return 0;
            if (sent > progress) {
                progress = sent;
                armTimer(m_limits.idleTimeoutMs);
            }
            return kWriteChunkBytes;
        },
        [self = shared_from_this()](
            boost::system::error_code ec, std::size_t) { self->onWritten(ec); });
}

void Connection::beginBody(
    std::optional<std::uint64_t> length, std::chrono::milliseconds delay, Written written)
{
    Exchange& ex = m_exchange;
    if (m_bodyPending)
        ex.response.close = true;
    const ResponseFraming framing { ex.http10, ex.keepAlive, ex.head, ex.requestId(), true, length };
    serializeResponse(ex.response, framing, &m_out, &m_closeAfterWrite, &m_chunked);
    m_streamedBytes = m_out.size();
    auto go = [self = shared_from_this(), written = std::move(written)]() mutable {
        self->writeStreamed({ asio::buffer(self->m_out) }, std::move(written));
    };
    if (delay.count() <= 0)
        return go();
    m_timer.expires_after(delay);
    m_timer.async_wait([go = std::move(go)](boost::system::error_code ec) mutable {
        if (!ec)
            go();
    });
}

void Connection::writeBody(std::string_view piece, Written written)
{
    if (m_exchange.head || piece.empty()) {
        // Nothing goes on the wire (a HEAD answer's body is never sent).
        return asio::post(m_socket.get_executor(), [w = std::move(written)] { w(true); });
    }
    m_streamedBytes += piece.size();
    if (!m_chunked)
        return writeStreamed({ asio::buffer(piece.data(), piece.size()) }, std::move(written));
    char* end = m_chunkHead + sizeof m_chunkHead;
    auto res = std::to_chars(m_chunkHead, end - 2, piece.size(), 16);
    *res.ptr++ = '\r';
    *res.ptr++ = '\n';
    static constexpr std::string_view kCrlf = "\r\n";
    const auto head = static_cast<std::size_t>(res.ptr - m_chunkHead);
    m_streamedBytes += head + kCrlf.size();
    writeStreamed({ asio::buffer(m_chunkHead, head), asio::buffer(piece.data(), piece.size()),
                      asio::buffer(kCrlf.data(), kCrlf.size()) },
        std::move(written));
}

void Connection::writeStreamed(std::vector<asio::const_buffer> buffers, Written written)
{
    armTimer(m_limits.idleTimeoutMs); // a reader that takes nothing is dropped
    asio::async_write(m_socket, buffers,
        [self = shared_from_this(), written = std::move(written)](
            boost::system::error_code ec, std::size_t) {
            self->m_timer.cancel();
            written(!ec);
        });
}

void Connection::endBody()
{
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    const auto finish = [this](bool ok) {
        m_handler->onResponse(m_exchange, m_streamedBytes);
        onWritten(ok ? boost::system::error_code {} : asio::error::broken_pipe);
    };
    if (!m_chunked)
        return finish(true);
    m_streamedBytes += kLastChunk.size();
    writeStreamed({ asio::buffer(kLastChunk.data(), kLastChunk.size()) }, finish);
}

void Connection::abortBody()
{
    m_handler->onResponse(m_exchange, m_streamedBytes);
    m_served->fetch_add(1, std::memory_order_release);
    closeSocket();
}

void Connection::onWritten(boost::system::error_code ec)
{
    m_served->fetch_add(1, std::memory_order_release);
    if (ec)
        return closeSocket();
    if (m_closeAfterWrite) {
        boost::system::error_code ignored;
        m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        // Drain briefly so the client reads the response before the close
        // (closing with unread input would send RST and lose it). One
        // second in all: a client trickling bytes does not extend it.
        armTimer(1000);
        return drainThenClose();
    }
    readHeader(false);
}

void Connection::drainThenClose()
{
    m_reads.async_read_some(asio::buffer(m_drain),
        [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
            if (ec)
                return self->closeSocket();
            self->drainThenClose();
        });
}

void Connection::closeSocket()
{
    m_timer.cancel();
    boost::system::error_code ignored;
    m_socket.close(ignored);
}

} // namespace tollgate::server
