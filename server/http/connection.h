#pragma once

// One HTTP/1.1 connection: reads a request (header, then body), enforces the
// framing limits, hands the request to its handler and writes the response
// the handler produced; keep-alive, pipelining, timeouts and closing. It knows
// nothing of routes, keys or metrics: those are the handler's (the request
// pipeline's) business.

#include "server/http/connectionlimiter.h"
#include "server/http/response.h"
#include "server/http/websocket.h"
#include "server/workspace/workspace.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

using HttpRequestHeader = boost::beast::http::request_header<>;
using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;

/// One request and its response, as they pass between the connection and the
/// handler. Reused for every request on a connection.
struct Exchange {
    std::string method; ///< as sent; "-" when the request line did not parse
    std::string target; ///< as sent
    std::string peer; ///< the client's address
    bool http10 = false;
    bool keepAlive = true;
    bool head = false; ///< a HEAD request: the response is sent without its body
    /// Set by the handler in onHeader: the body is not read before
    /// onRequest but piece by piece (Connection::readBodyPiece).
    bool streamBody = false;
    std::chrono::steady_clock::time_point start; ///< when the header was in
    std::uint64_t bytesIn = 0; ///< header and body bytes read
    /// The whole request, from Handler::onRequest until the response is
    /// written (its body empty when streamBody).
    const HttpRequest* request = nullptr;
    HttpResponse response;

    /// The X-Request-ID the response carries: the client's when it sent one
    /// valid id, else one made up on first use.
    const std::string& requestId();
    void setClientRequestId(std::string_view id) { m_requestId.assign(id); }
    void reset();

private:
    std::string m_requestId;
};

class Connection;

/// What a connection asks of the code that answers its requests.
class ConnectionHandler {
public:
    virtual ~ConnectionHandler() = default;
    /// A request may start (the connection waits for its header): forget the
    /// last one. Returns the limits to read the header with.
    virtual Limits beginRequest() = 0;
    /// The header is in: the limits to hold it to, from the newest workspace
    /// (an idle keep-alive connection may have waited through an apply).
    virtual Limits currentLimits() = 0;
    /// The header is in and its framing is sound. Returns how many body bytes
    /// may follow, or nullopt after filling ex.response to answer at once
    /// (e.g. 413 before reading a body over the limit).
    virtual std::optional<std::size_t> onHeader(Exchange& ex, const HttpRequestHeader& header) = 0;
    /// The whole request is in (ex.request). The handler answers by calling
    /// connection.send() or connection.reset(), now or later, on the
    /// connection's thread, holding connection.shared_from_this() while it
    /// waits.
    virtual void onRequest(Exchange& ex, Connection& connection) = 0;
    /// Every response, just before it is written (bytesOut: what will be
    /// written, 0 for a reset), framing errors included: the request's outcome.
    virtual void onResponse(Exchange& ex, std::uint64_t bytesOut) = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    /// `served` counts responses written (after the write completes);
    /// `slot` is the connection's place in its address's count, given back
    /// when the connection goes.
    /// With `tls`, the connection speaks HTTPS: a TLS handshake (within the
    /// header timeout) comes before the first request.
    Connection(boost::asio::ip::tcp::socket socket, std::unique_ptr<ConnectionHandler> handler,
        std::atomic<std::uint64_t>* served, ConnectionSlot slot = {},
        boost::asio::ssl::context* tls = nullptr);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void start();
    /// Instead of start(): the client's address holds all the connections
    /// it may; answers 503 with Connection: close without reading a request,
    /// then closes.
    void refuse();

    /// Writes ex.response, after `delay` when it is positive (a timer; no
    /// thread waits).
    void send(std::chrono::milliseconds delay = {});
    /// Resets the connection (RST) instead of answering, after `delay`.
    void reset(std::chrono::milliseconds delay = {});

    /// Streaming, instead of send(): writes the status line and fields of
    /// ex.response now (after `delay`), framing a body of `length` bytes when
    /// known, else chunked (HTTP/1.0: until the connection closes), then
    /// calls `written` (false: the client is gone).
    using Written = std::function<void(bool ok)>;
    void beginBody(
        std::optional<std::uint64_t> length, std::chrono::milliseconds delay, Written written);
    /// Writes one piece of the body; it must stay valid until `written`. A
    /// client that takes no byte for the idle timeout is dropped.
    void writeBody(std::string_view piece, Written written);
    /// The body is complete: ends the message and goes on with the next request.
    void endBody();
    /// The body cannot be completed: the connection closes at once, so the
    /// client sees a cut message, never a whole one.
    void abortBody();
    /// While a streamed answer waits between pieces: `gone` is called (once,
    /// on the connection's thread) as soon as the client closes or resets
    /// the connection, until endBody() or abortBody(). Bytes the client
    /// sends meanwhile are kept for the next request (up to the header
    /// limit; past that the client is no longer watched).
    void watchClient(std::function<void()> gone);

    /// Instead of send(), for a WebSocket upgrade request: answers 101 with
    /// the fields of ex.response and runs the session, `handler` deciding
    /// what is said, until it ends; the connection closes then. The request
    /// counts as one response, written when the session ends (its status
    /// 101, or 400 when the upgrade was malformed and Beast refused it).
    void acceptWebSocket(const WebSocketLimits& limits, std::shared_ptr<WebSocketHandler> handler);

    /// Exchange::streamBody: reads the next piece of the request body;
    /// piece(ok, bytes, last), bytes valid until the next read. The first
    /// read answers "Expect: 100-continue". A body not read to its end when
    /// the response is written closes the connection after it.
    using BodyPiece = std::function<void(bool ok, std::string_view piece, bool last)>;
    void readBodyPiece(BodyPiece piece);
    /// The streamed body's announced length (none: chunked).
    std::optional<std::uint64_t> bodyLength() const;
    /// Why the last readBodyPiece failed: the status to answer (0: the
    /// client left) and why.
    int bodyErrorStatus() const { return m_bodyErrorStatus; }
    const std::string& bodyError() const { return m_bodyError; }

    boost::asio::any_io_executor executor() { return m_socket.get_executor(); }

private:
    void armTimer(int ms);
    void readHeader(bool firstRequest);
    void onHeader(boost::system::error_code ec);
    bool checkFraming(const HttpRequestHeader& req, const Limits& limits);
    bool normalizeTarget();
    bool skipEmptyLine();
    void answerBadVersion();
    void readBody();
    void onBody(boost::system::error_code ec);
    void sendError(int status, std::string_view detail);
    void write();
    void onWritten(boost::system::error_code ec);
    void drainThenClose();
    void closeSocket();
    void writeStreamed(std::vector<boost::asio::const_buffer> buffers, Written written);
    void watchRead();

    using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>;

    /// The byte stream requests are read from and answers written to: the
    /// socket, or the TLS stream over it.
    struct Io {
        boost::asio::ip::tcp::socket& socket;
        std::unique_ptr<TlsStream>& tls;
        using executor_type = boost::asio::ip::tcp::socket::executor_type;
        executor_type get_executor() { return socket.get_executor(); }
        template <typename Buffers, typename Token>
        auto async_read_some(const Buffers& b, Token&& token)
        {
            if (tls)
                return tls->async_read_some(b, std::forward<Token>(token));
            return socket.async_read_some(b, std::forward<Token>(token));
        }
        template <typename Buffers, typename Token>
        auto async_write_some(const Buffers& b, Token&& token)
        {
            if (tls)
                return tls->async_write_some(b, std::forward<Token>(token));
            return socket.async_write_some(b, std::forward<Token>(token));
        }
    };

    /// The stream as the request reads see it: once the timer has fired, a
    /// read that starts fails at once. Beast's reads are loops of reads; the
    /// timer can fire between two of them (a trickling client makes that
    /// likely), when cancel() finds nothing to cancel and the next read
    /// would wait for the client with no timer left.
    struct TimedReads {
        Io& io;
        const bool& timedOut;
        using executor_type = Io::executor_type;
        executor_type get_executor() { return io.get_executor(); }
        template <typename Buffers, typename Token>
        auto async_read_some(const Buffers& b, Token&& token)
        {
            return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
                [this](auto handler, const Buffers& buffers) {
                    if (!timedOut)
                        return io.async_read_some(buffers, std::move(handler));
                    boost::asio::post(io.get_executor(), [h = std::move(handler)]() mutable {
                        std::move(h)(boost::asio::error::operation_aborted, std::size_t { 0 });
                    });
                },
                token, b);
        }
    };

    /// HTTPS: the TLS handshake, then the first request (or, `refusing`,
    /// the 503 of refuse()).
    void handshake(bool refusing);

    ConnectionSlot m_slot; // given back after the socket is closed (declared first)
    bool m_timedOut = false;
    boost::asio::ip::tcp::socket m_socket;
    std::unique_ptr<TlsStream> m_tls; // HTTPS: over m_socket
    Io m_io { m_socket, m_tls };
    TimedReads m_reads { m_io, m_timedOut };
    std::unique_ptr<ConnectionHandler> m_handler;
    std::atomic<std::uint64_t>* m_served;
    boost::asio::steady_timer m_timer;
    bool m_emptyLineSkipped = false; // before this request's line (skipEmptyLine)
    boost::beast::flat_buffer m_buffer; // bounded by the parser's header and body limits
    std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>>
        m_headerParser;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_bodyParser;
    // A streamed request body (Exchange::streamBody): its header as the
    // pipeline sees it, its parser and the piece buffer.
    static constexpr std::size_t kBodyPieceBytes = 64 * 1024;
    static constexpr std::size_t kWriteChunkBytes = 64 * 1024; // asio's transfer_all step
    static constexpr std::size_t kTlsCoalesceBytes = 16 * 1024; // a TLS record's payload
    HttpRequest m_streamRequest;
    std::optional<boost::beast::http::request_parser<boost::beast::http::buffer_body>>
        m_streamParser;
    std::string m_piece;
    Limits m_limits;
    Exchange m_exchange;
    std::string m_out;
    std::string_view m_outBody;
    bool m_closeAfterWrite = false;
    bool m_bodyPending = false; // a streamed request body not read to its end
    bool m_expectContinue = false; // owed before the streamed body's first read
    int m_bodyErrorStatus = 0;
    std::string m_bodyError;
    bool m_chunked = false; // the streamed body goes in chunks
    std::uint64_t m_streamedBytes = 0; // header and body bytes of a streamed answer
    // watchClient(): a read is pending while m_watching; when the answer
    // ends meanwhile, the read is cancelled and its handler goes on with
    // onWritten(m_watchEndResult).
    std::function<void()> m_clientGone;
    bool m_watching = false;
    bool m_watchEnded = false;
    boost::system::error_code m_watchEndResult;
    char m_chunkHead[24];
    char m_drain[512];
};

} // namespace tollgate::server
