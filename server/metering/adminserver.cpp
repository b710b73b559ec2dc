#include "server/metering/adminserver.h"

#include "server/http/connectionlimiter.h"
#include "server/http/loopback.h"
#include "server/metering/journal.h"
#include "server/metering/metering.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <optional>
#include <string_view>

#include <thread>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// True when an Origin header names a page served from this machine
/// ("http://localhost:8080"); false for other origins and for "null".
bool isLoopbackOrigin(std::string_view origin)
{
    const auto scheme = origin.find("://");
    if (scheme == std::string_view::npos)
        return false;
    const std::string_view authority = origin.substr(scheme + 3);
    // An origin is scheme://host[:port]: no path, no user info.
    return authority.find_first_of("/@?#") == std::string_view::npos && isLoopbackHost(authority);
}

class AdminSession : public std::enable_shared_from_this<AdminSession> {
public:
    AdminSession(tcp::socket socket, ConnectionSlot slot, std::shared_ptr<Metering> metering,
        std::shared_ptr<RequestJournal> journal, bool loopbackBound)
        : m_slot(std::move(slot))
        , m_socket(std::move(socket))
        , m_timer(m_socket.get_executor())
        , m_metering(std::move(metering))
        , m_journal(std::move(journal))
        , m_loopbackBound(loopbackBound)
    {
    }

    void read()
    {
        m_parser.emplace();
        m_parser->header_limit(8192);
        m_timer.expires_after(std::chrono::seconds(30));
        m_timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec) {
                boost::system::error_code ignored;
                self->m_socket.close(ignored);
            }
        });
        http::async_read(m_socket, m_buffer, *m_parser,
            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                self->m_timer.cancel();
                if (ec)
                    return;
                self->answer();
            });
    }

private:
    void answer()
    {
        const auto& req = m_parser->get();
        m_response = {};
        m_response.version(req.version());
        m_response.keep_alive(req.keep_alive());
        m_response.set(http::field::server, "Tollgate admin");
        const auto target = req.target();
        const auto path = target.substr(0, target.find('?'));
        const auto host = req.find(http::field::host);
        const auto origin = req.find(http::field::origin);
        if (m_loopbackBound
            && ((host != req.end() && !isLoopbackHost(host->value()))
                || (origin != req.end() && !isLoopbackOrigin(origin->value())))) {
            // A foreign Host is DNS rebinding (refused as on the main port); a
            // foreign Origin is some web page's script: metrics are nobody's
            // business but this machine's.
            m_response.result(http::status::forbidden);
            m_response.set(http::field::content_type, "text/plain; charset=utf-8");
            m_response.body() = host != req.end() && !isLoopbackHost(host->value())
                ? "Host not allowed: this admin endpoint is bound to loopback.\n"
                : "Origin not allowed: the admin endpoint answers no web page.\n";
            m_response.keep_alive(false);
        } else if (path == "/journal") {
            answerJournal(req, target);
        } else if (req.method() != http::verb::get && req.method() != http::verb::head) {
            m_response.result(http::status::method_not_allowed);
            m_response.set(http::field::allow, "GET, HEAD");
            m_response.set(http::field::content_type, "text/plain; charset=utf-8");
            m_response.body() = "Only GET and HEAD.\n";
        } else if (path == "/metrics") {
            m_response.result(http::status::ok);
            m_response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            m_response.body() = m_metering->prometheusText();
        } else if (path == "/health") {
            m_response.result(http::status::ok);
            m_response.set(http::field::content_type, "application/json");
            m_response.body() = "{\"status\":\"ok\"}";
        } else {
            m_response.result(http::status::not_found);
            m_response.set(http::field::content_type, "text/plain; charset=utf-8");
            m_response.body()
                = "Not found: this is the admin endpoint (/metrics, /health, /journal).\n";
        }
        m_response.prepare_payload();
        if (req.method() == http::verb::head)
            m_response.body().clear();
        http::async_write(m_socket, m_response,
            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (ec || !self->m_response.keep_alive()) {
                    boost::system::error_code ignored;
                    self->m_socket.shutdown(tcp::socket::shutdown_send, ignored);
                    return;
                }
                self->read();
            });
    }

    /// GET /journal?filters: the journal's entries that match, as JSON;
    /// DELETE /journal: forget them.
    void answerJournal(const http::request<http::empty_body>& req, std::string_view target)
    {
        auto text = [this](http::status status, std::string body) {
            m_response.result(status);
            m_response.set(http::field::content_type, "text/plain; charset=utf-8");
            m_response.body() = std::move(body);
        };
        if (!m_journal) {
            text(http::status::not_found,
                "The request journal is off: start tollgated with --journal N (N > 0).\n");
            return;
        }
        if (req.method() == http::verb::delete_) {
            m_journal->reset();
            m_response.result(http::status::no_content);
            return;
        }
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            text(http::status::method_not_allowed, "GET, HEAD or DELETE.\n");
            m_response.set(http::field::allow, "GET, HEAD, DELETE");
            return;
        }
        const auto query = target.find('?');
        JournalFilter filter;
        std::string error;
        if (!JournalFilter::fromQuery(
                query == std::string_view::npos ? std::string_view() : target.substr(query + 1),
                &filter, &error)) {
            text(http::status::bad_request, error + "\n");
            return;
        }
        m_response.result(http::status::ok);
        m_response.set(http::field::content_type, "application/json");
        m_response.set(http::field::cache_control, "no-store");
        m_response.body() = journalToJson(*m_journal, m_journal->select(filter));
    }

    ConnectionSlot m_slot; // given back after the socket closes
    tcp::socket m_socket;
    asio::steady_timer m_timer;
    std::shared_ptr<Metering> m_metering;
    std::shared_ptr<RequestJournal> m_journal;
    bool m_loopbackBound; ///< then only this machine's names and pages may call
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::empty_body>> m_parser;
    http::response<http::string_body> m_response;
};

} // namespace

struct AdminServer::Impl {
    // A scraper needs one or two connections; more from one address are
    // closed at once, so nobody can hold the process's descriptors here.
    static constexpr int kConnectionsPerAddress = 16;
    ConnectionLimiter connections; // outlives the sessions (in ioc's handlers)
    asio::io_context ioc { 1 };
    std::unique_ptr<tcp::acceptor> acceptor;
    std::shared_ptr<Metering> metering;
    std::shared_ptr<RequestJournal> journal;
    std::thread thread;
    std::uint16_t port = 0;
    bool loopbackBound = false;

    void accept()
    {
        acceptor->async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                return;
            if (ec) {
                // Out of descriptors and the like: back off instead of spinning.
                auto timer
                    = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
                timer->async_wait([this, timer](boost::system::error_code) { accept(); });
                return;
            }
            boost::system::error_code peerError;
            const auto peer = socket.remote_endpoint(peerError);
            ConnectionSlot slot;
            if (!peerError)
                slot = connections.tryAcquire(peer.address());
            if (slot.held()) {
                std::make_shared<AdminSession>(
                    std::move(socket), std::move(slot), metering, journal, loopbackBound)
                    ->read();
            }
            accept();
        });
    }
};

AdminServer::AdminServer()
    : d(std::make_unique<Impl>())
{
}

AdminServer::~AdminServer()
{
    stop();
}

bool AdminServer::start(const std::string& bind, std::uint16_t port,
    std::shared_ptr<Metering> metering, std::string* error, std::shared_ptr<RequestJournal> journal)
{
    stop();
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(bind == "localhost" ? "127.0.0.1" : bind, ec);
    if (ec) {
        if (error)
            *error = "invalid admin bind address \"" + bind + "\"";
        return false;
    }
    d = std::make_unique<Impl>();
    d->connections.setLimit(Impl::kConnectionsPerAddress);
    d->metering = std::move(metering);
    d->journal = std::move(journal);
    d->loopbackBound = address.is_loopback();
    d->acceptor = std::make_unique<tcp::acceptor>(d->ioc);
    const tcp::endpoint endpoint(address, port);
    d->acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor->bind(endpoint, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error)
            *error = "cannot listen on " + bind + ":" + std::to_string(port)
                + " for the admin "
                  "endpoint: "
                + ec.message();
        d->acceptor.reset();
        return false;
    }
    d->port = d->acceptor->local_endpoint().port();
    d->accept();
    d->thread = std::thread([impl = d.get()] { impl->ioc.run(); });
    return true;
}

void AdminServer::stop()
{
    if (!d->thread.joinable())
        return;
    asio::post(d->ioc, [impl = d.get()] {
        boost::system::error_code ignored;
        impl->acceptor->close(ignored);
    });
    d->ioc.stop();
    d->thread.join();
    d->acceptor.reset();
    d->port = 0;
}

std::uint16_t AdminServer::port() const
{
    return d->port;
}

} // namespace tollgate::server
