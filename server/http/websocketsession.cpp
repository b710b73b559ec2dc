#include "server/http/websocketsession.h"

#include "server/common/text.h"

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <deque>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

namespace {

/// Bytes queued for a client that reads too slowly (a broadcast can outrun
/// it) before it is dropped rather than buffered without end.
constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

/// `Next` is the socket (HTTP) or the TLS stream over it (HTTPS).
template <typename Next>
class Session final : public WebSocketChannel, public std::enable_shared_from_this<Session<Next>> {
public:
    Session(WebSocketStart start, Next& next)
        : m_start(std::move(start))
        , m_ws(next)
    {
    }
    using std::enable_shared_from_this<Session<Next>>::shared_from_this;

    void run()
    {
        const WebSocketLimits& limits = m_start.limits;
        m_ws.read_message_max(limits.maxMessageBytes);
        m_ws.auto_fragment(true);
        // Beast's write buffer is the frame size of what it sends (8 bytes
        // at least).
        m_ws.write_buffer_bytes(std::max<std::size_t>(limits.frameBytes, 8));
        websocket::stream_base::timeout timeout;
        timeout.handshake_timeout = std::chrono::milliseconds(m_start.handshakeTimeoutMs);
        if (limits.idleTimeoutMs > 0) {
            timeout.idle_timeout = std::chrono::milliseconds(limits.idleTimeoutMs);
            timeout.keep_alive_pings = true;
        } else {
            timeout.idle_timeout = websocket::stream_base::none();
            timeout.keep_alive_pings = false;
        }
        m_ws.set_option(timeout);
        m_ws.set_option(websocket::stream_base::decorator(
            [fields = m_start.fields, id = m_start.requestId](websocket::response_type& res) {
                res.set(beast::http::field::server, "tollgate");
                res.set("X-Request-ID", id);
                std::string_view lines = fields;
                while (!lines.empty()) {
                    const auto end = lines.find("\r\n");
                    const std::string_view line = lines.substr(0, end);
                    lines = end == std::string_view::npos ? std::string_view {}
                                                          : lines.substr(end + 2);
                    const auto colon = line.find(':');
                    if (colon != std::string_view::npos)
                        res.insert(line.substr(0, colon), trimBlanks(line.substr(colon + 1)));
                }
            }));
        m_ws.async_accept(*m_start.request,
            [self = shared_from_this()](boost::system::error_code ec) { self->onAccepted(ec); });
    }

    void send(std::string message, bool binary) override
    {
        if (m_closeQueued || m_over)
            return;
        m_queuedBytes += message.size();
        m_queue.push_back({ std::move(message), binary });
        if (m_queuedBytes > kMaxQueuedBytes) {
            // Not a Close frame: it would wait behind what the client does
            // not read. Dropping the connection ends the pending read.
            m_slowReader = true;
            boost::system::error_code ignored;
            m_start.socket->close(ignored);
            return;
        }
        if (!m_writing)
            writeNext();
    }

    void close(std::uint16_t code, std::string reason) override
    {
        if (m_closeQueued || m_over)
            return;
        m_closeQueued = true;
        m_closeReason.code = code;
        m_closeReason.reason = reason.substr(0, m_closeReason.reason.max_size());
        if (!m_writing)
            writeNext();
    }

    asio::any_io_executor executor() override { return m_start.socket->get_executor(); }

private:
    struct Outgoing {
        std::string text;
        bool binary = false;
    };

    void onAccepted(boost::system::error_code ec)
    {
        if (ec) {
            m_over = true;
            m_start.handler->ended({});
            return m_start.done({}, false);
        }
        m_start.handler->opened(shared_from_this());
        read();
    }

    void read()
    {
        m_ws.async_read(
            m_in, [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                self->onRead(ec, n);
            });
    }

    void onRead(boost::system::error_code ec, std::size_t n)
    {
        if (ec)
            return end(ec);
        m_end.bytesIn += n;
        const auto data = m_in.cdata();
        m_start.handler->received(
            { static_cast<const char*>(data.data()), data.size() }, !m_ws.got_text());
        m_in.clear();
        read();
    }

    void writeNext()
    {
        if (m_over)
            return;
        if (m_queue.empty()) {
            if (m_closeQueued && !m_closeSent) {
                m_closeSent = true;
                m_writing = true;
                m_ws.async_close(
                    m_closeReason, [self = shared_from_this()](boost::system::error_code) {
                        // The read loop sees the client's Close (or the drop)
                        // and ends the session.
                        self->m_writing = false;
                    });
            }
            return;
        }
        m_writing = true;
        Outgoing& next = m_queue.front();
        m_ws.binary(next.binary);
        m_ws.async_write(asio::buffer(next.text),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                self->m_writing = false;
                if (ec)
                    return; // the read loop ends the session
                self->m_queuedBytes -= self->m_queue.front().text.size();
                self->m_queue.pop_front();
                self->m_end.bytesOut += n;
                self->m_start.handler->sent(n);
                self->writeNext();
            });
    }

    void end(boost::system::error_code ec)
    {
        if (m_over)
            return;
        m_over = true;
        if (ec == websocket::error::closed) {
            // A Close frame came: the client's own, or its answer to ours.
            m_end.code = m_ws.reason().code;
            m_end.reason.assign(m_ws.reason().reason.data(), m_ws.reason().reason.size());
            m_end.byClient = !m_closeSent;
        } else if (m_closeSent && !m_slowReader) {
            // Ours went first: Beast ends the pending read once the close
            // handshake is over.
            m_end.code = m_closeReason.code;
            m_end.reason.assign(m_closeReason.reason.data(), m_closeReason.reason.size());
        } else if (ec == websocket::error::message_too_big) {
            // Beast has answered with Close 1009.
            m_end.code = websocket::close_code::too_big;
            m_end.reason = "message too big";
        } else if (m_slowReader) {
            m_end.reason = "the client read too slowly";
        } else if (ec == beast::error::timeout) {
            m_end.reason = "idle timeout (no answer to ping)";
        } else {
            m_end.byClient = true; // the client dropped the connection
            m_end.reason = "connection lost";
        }
        // The queue stays: a write in flight still reads its front.
        m_start.handler->ended(m_end);
        m_start.done(m_end, true);
    }

    WebSocketStart m_start;
    websocket::stream<Next&> m_ws;
    beast::flat_buffer m_in;
    std::deque<Outgoing> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_writing = false;
    bool m_closeQueued = false;
    bool m_closeSent = false;
    bool m_slowReader = false;
    bool m_over = false;
    websocket::close_reason m_closeReason;
    WebSocketEnd m_end;
};

} // namespace

void runWebSocket(WebSocketStart start)
{
    if (auto* tls = start.tls)
        return std::make_shared<Session<asio::ssl::stream<tcp::socket&>>>(std::move(start), *tls)
            ->run();
    auto* socket = start.socket;
    std::make_shared<Session<tcp::socket>>(std::move(start), *socket)->run();
}

bool isWebSocketUpgrade(const HttpRequest& request)
{
    return websocket::is_upgrade(request);
}

} // namespace tollgate::server
