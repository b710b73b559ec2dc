#include "server/http/connection.h"

#include "server/common/text.h"
#include "server/http/requestid.h"
#include "server/http/requesttarget.h"
#include "server/http/websocketsession.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beasthttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kTooManyConnections = "Too many open connections from this address.";

} // namespace

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
    std::atomic<std::uint64_t>* served, ConnectionSlot slot, asio::ssl::context* tls)
    : m_slot(std::move(slot))
    , m_socket(std::move(socket))
    , m_handler(std::move(handler))
    , m_served(served)
    , m_timer(m_socket.get_executor())
{
    if (tls)
        m_tls = std::make_unique<TlsStream>(m_socket, *tls);
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
    if (m_tls)
        return handshake(false);
    readHeader(true);
}

void Connection::handshake(bool refusing)
{
    // A client that opens the connection and says nothing is held to the
    // header timeout, handshake included.
    m_limits = m_handler->beginRequest();
    armTimer(m_limits.headerTimeoutMs);
    m_tls->async_handshake(asio::ssl::stream_base::server,
        [self = shared_from_this(), refusing](boost::system::error_code ec) {
            self->m_timer.cancel();
            if (ec || self->m_timedOut)
                return self->closeSocket(); // nothing to answer: no request, no TLS
            if (refusing)
                return self->sendError(503, kTooManyConnections);
            self->readHeader(true);
        });
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
    // Over TLS the answer needs the handshake first.
    if (m_tls)
        return handshake(true);
    sendError(503, kTooManyConnections);
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
        // A client that leaves mid-request (partial_message) gets no answer.
        if (ec == beasthttp::error::end_of_stream || ec == beasthttp::error::partial_message
            || ec == asio::error::eof || ec == asio::error::connection_reset
            || ec == asio::error::operation_aborted || ec == asio::error::broken_pipe) {
            return closeSocket();
        }
        if (skipEmptyLine())
            return;
        if (ec == beasthttp::error::bad_version)
            return answerBadVersion();
        if (ec == beasthttp::error::bad_transfer_encoding
            || ec == beasthttp::error::bad_content_length
            || ec == beasthttp::error::multiple_content_length) {
            return sendError(400, "Ambiguous message framing: " + ec.message());
        }
        return sendError(400, "Malformed request: " + ec.message());
    }

    m_emptyLineSkipped = false;
    m_limits = m_handler->currentLimits();
    const auto& req = m_headerParser->get();
    Exchange& ex = m_exchange;
    ex.method.assign(req.method_string());
    ex.target.assign(req.target());
    ex.keepAlive = m_headerParser->keep_alive(); // every Connection line counts
    ex.http10 = req.version() < 11;
    ex.head = req.method() == beasthttp::verb::head;
    if (!checkFraming(req, m_limits) || !normalizeTarget())
        return;

    const auto bodyLimit = m_handler->onHeader(ex, req);
    if (!bodyLimit) {
        ex.response.close = true;
        return write();
    }
    if (const auto len = m_headerParser->content_length(); len && *len > *bodyLimit)
        return sendError(413, "The request body exceeds " + std::to_string(*bodyLimit) + " bytes.");

    const auto expect = req.find(beasthttp::field::expect);
    const bool expectContinue
        = !ex.http10 && expect != req.end() && iequals(trimBlanks(expect->value()), "100-continue");
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
        asio::async_write(m_io, asio::buffer(kContinue.data(), kContinue.size()),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (ec)
                    return self->closeSocket();
                self->readBody();
            });
        return;
    }
    readBody();
}

void Connection::answerBadVersion()
{
    // Beast takes only HTTP/1.0 and HTTP/1.1. RFC 9110 §2.5: a higher minor
    // version is served as the highest known (1.1); another major is 505.
    auto* data = static_cast<char*>(m_buffer.data().data());
    const std::string_view text(data, m_buffer.size());
    const auto line = text.substr(0, text.find("\r\n"));
    const auto space = line.rfind(' ');
    const auto version = space == std::string_view::npos ? line : line.substr(space + 1);
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (space != std::string_view::npos && version.size() == 8 && version.substr(0, 5) == "HTTP/"
        && digit(version[5]) && version[6] == '.' && digit(version[7])) {
        if (version[5] != '1')
            return sendError(505, "Only HTTP/1.0 and HTTP/1.1 are served.");
        if (version[7] > '1') {
            data[space + 8] = '1';
            return readHeader(true);
        }
    }
    sendError(400, "Malformed request: bad version");
}

bool Connection::skipEmptyLine()
{
    // RFC 9112 §2.2: empty lines before a request line are ignored (some
    // clients send CRLF after a body), once per request so that they cannot
    // hold a connection open.
    if (m_emptyLineSkipped)
        return false;
    const auto* p = static_cast<const char*>(m_buffer.data().data());
    std::size_t n = 0;
    while (n + 1 < m_buffer.size() && p[n] == '\r' && p[n + 1] == '\n')
        n += 2;
    if (n == 0)
        return false;
    m_buffer.consume(n);
    m_emptyLineSkipped = true;
    readHeader(true);
    return true;
}

bool Connection::checkFraming(const HttpRequestHeader& req, const Limits& limits)
{
    // "METHOD SP target SP HTTP/1.1" is what the limit is about.
    if (req.method_string().size() + req.target().size() + 10 > limits.requestLineBytes) {
        sendError(414, "The request target is too long.");
        return false;
    }
    if (req.version() < 10 || req.version() >= 20) {
        sendError(505, "Only HTTP/1.0 and HTTP/1.1 are served.");
        return false;
    }
    std::size_t fields = 0;
    std::size_t headerBytes = 0;
    int contentLengths = 0;
    int hosts = 0;
    std::vector<std::string_view> codings; // of every Transfer-Encoding line, in order
    bool transferEncoding = false;
    int requestIds = 0;
    std::string_view requestId;
    for (const auto& f : req) {
        ++fields;
        headerBytes += f.name_string().size() + f.value().size() + 4;
        if (f.value().find_first_of(std::string_view("\0\r\n", 3)) != std::string_view::npos) {
            sendError(400, "A header field value holds NUL, CR or LF.");
            return false;
        }
        if (f.name() == beasthttp::field::content_length) {
            // One decimal number: no list, even of equal values (RFC 9110 §8.6).
            const auto value = trimBlanks(f.value());
            if (value.empty() || value.find_first_not_of("0123456789") != std::string_view::npos) {
                sendError(400, "Ambiguous message framing: Content-Length is not one number.");
                return false;
            }
            ++contentLengths;
        } else if (f.name() == beasthttp::field::host) {
            ++hosts;
        } else if (f.name() == beasthttp::field::transfer_encoding) {
            transferEncoding = true;
            anyListElement(f.value(), [&](std::string_view coding) {
                codings.push_back(coding);
                return false;
            });
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
        // RFC 9112 §6.1, §6.3: an HTTP/1.0 request with Transfer-Encoding,
        // or one whose final coding is not chunked (once), cannot be framed.
        // Of the codings only chunked is understood.
        if (m_exchange.http10) {
            sendError(400, "Ambiguous message framing: Transfer-Encoding in an HTTP/1.0 request.");
            return false;
        }
        const auto chunkedCount = std::count_if(codings.begin(), codings.end(),
            [](std::string_view c) { return iequals(c, "chunked"); });
        if (codings.empty() || !iequals(codings.back(), "chunked") || chunkedCount > 1) {
            sendError(400, "Ambiguous message framing: chunked must be the final coding, once.");
            return false;
        }
        if (codings.size() > 1) {
            sendError(501, "Transfer coding not implemented: " + std::string(codings.front()));
            return false;
        }
    }
    if (hosts == 0 && !m_exchange.http10) {
        sendError(400, "HTTP/1.1 requests need a Host header.");
        return false;
    }
    if (hosts > 1) {
        sendError(400, "A request must not carry more than one Host header.");
        return false;
    }
    if (hosts == 1 && !isValidHostField(req[beasthttp::field::host])) {
        sendError(400, "The Host header is not a valid host[:port].");
        return false;
    }
    return true;
}

bool Connection::normalizeTarget()
{
    auto& req = m_headerParser->get();
    const TargetForm form = classifyTarget(req.target());
    switch (form.kind) {
    case TargetForm::Origin:
        return true;
    case TargetForm::Absolute:
        // RFC 9112 §3.2.2: the target's authority replaces any Host field;
        // the pipeline sees an origin-form request.
        req.target(form.originTarget);
        req.set(beasthttp::field::host, form.authority);
        m_exchange.target = form.originTarget;
        return true;
    case TargetForm::Asterisk:
        if (req.method() == beasthttp::verb::options)
            return true;
        sendError(400, "Only OPTIONS may have the request target *.");
        return false;
    case TargetForm::Authority:
        if (req.method() == beasthttp::verb::connect)
            sendError(501, "CONNECT is not supported: this server is not a forward proxy.");
        else
            sendError(400, "Only CONNECT may have a host:port request target.");
        return false;
    case TargetForm::Invalid:
        break;
    }
    sendError(400, form.error);
    return false;
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
        if (ec == beasthttp::error::end_of_stream || ec == beasthttp::error::partial_message
            || ec == asio::error::eof || ec == asio::error::connection_reset
            || ec == asio::error::operation_aborted)
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
    if (m_tls && m_outBody.size() <= kTlsCoalesceBytes) {
        // One TLS record (and one send) for a small answer, not one per
        // buffer: a TLS stream writes a single buffer per step.
        m_out.append(m_outBody);
        m_outBody = {};
    }
    const std::size_t total = m_out.size() + m_outBody.size();
    boost::system::error_code ec;
    // Over TLS the write is always asynchronous: a synchronous TLS write
    // that would block leaves the TLS stream's state behind.
    const std::size_t done = m_tls ? 0
                                   : asio::write(m_socket,
                                       std::array<asio::const_buffer, 2> { asio::buffer(m_out),
                                           asio::buffer(m_outBody.data(), m_outBody.size()) },
                                       ec);
    if (m_tls)
        ec = asio::error::would_block;
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
        m_io, rest,
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
    const ResponseFraming framing { ex.http10, ex.keepAlive, ex.head, ex.requestId(), true,
        length };
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
    asio::async_write(m_io, buffers,
        [self = shared_from_this(), written = std::move(written)](
            boost::system::error_code ec, std::size_t) {
            self->m_timer.cancel();
            written(!ec);
        });
}

void Connection::endBody()
{
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    m_clientGone = nullptr;
    const auto finish = [this](bool ok) {
        m_handler->onResponse(m_exchange, m_streamedBytes);
        const auto ec = ok ? boost::system::error_code {} : asio::error::broken_pipe;
        if (!m_watching)
            return onWritten(ec);
        // The watching read goes on to the next request once it is cancelled.
        m_watchEnded = true;
        m_watchEndResult = ec;
        boost::system::error_code ignored;
        m_socket.cancel(ignored);
    };
    if (!m_chunked)
        return finish(true);
    m_streamedBytes += kLastChunk.size();
    writeStreamed({ asio::buffer(kLastChunk.data(), kLastChunk.size()) }, finish);
}

void Connection::watchClient(std::function<void()> gone)
{
    m_clientGone = std::move(gone);
    if (!m_watching)
        watchRead();
}

void Connection::watchRead()
{
    constexpr std::size_t kPiece = 512;
    if (m_buffer.size() + kPiece > m_limits.headerBytes + m_limits.requestLineBytes) {
        m_clientGone = nullptr; // it sends more than a request header: not watched further
        return;
    }
    m_watching = true;
    m_io.async_read_some(m_buffer.prepare(kPiece),
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            self->m_buffer.commit(n);
            self->m_watching = false;
            if (self->m_watchEnded) {
                self->m_watchEnded = false;
                return self->onWritten(self->m_watchEndResult);
            }
            if (!ec)
                return self->watchRead();
            if (auto gone = std::move(self->m_clientGone))
                gone();
        });
}

void Connection::abortBody()
{
    m_clientGone = nullptr;
    m_handler->onResponse(m_exchange, m_streamedBytes);
    m_served->fetch_add(1, std::memory_order_release);
    closeSocket();
}

void Connection::acceptWebSocket(
    const WebSocketLimits& limits, std::shared_ptr<WebSocketHandler> handler)
{
    m_timer.cancel(); // the session has timers of its own
    Exchange& ex = m_exchange;
    WebSocketStart start;
    start.owner = shared_from_this();
    start.socket = &m_socket;
    start.tls = m_tls.get();
    start.request = ex.request;
    start.fields = ex.response.headerLines;
    start.requestId = ex.requestId();
    start.limits = limits;
    start.handshakeTimeoutMs = m_limits.headerTimeoutMs;
    start.handler = std::move(handler);
    start.done = [this](const WebSocketEnd& end, bool accepted) {
        m_exchange.response.status = accepted ? 101 : 400;
        m_exchange.bytesIn += end.bytesIn;
        m_handler->onResponse(m_exchange, end.bytesOut);
        m_served->fetch_add(1, std::memory_order_release);
        closeSocket();
    };
    runWebSocket(std::move(start));
}

void Connection::onWritten(boost::system::error_code ec)
{
    m_served->fetch_add(1, std::memory_order_release);
    if (ec)
        return closeSocket();
    if (m_closeAfterWrite && m_tls) {
        // TLS says goodbye first (close_notify), so the client can tell the
        // end from a cut; the reply is waited for a second at most.
        armTimer(1000);
        m_tls->async_shutdown(
            [self = shared_from_this()](boost::system::error_code) { self->closeSocket(); });
        return;
    }
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
