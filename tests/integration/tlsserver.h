#pragma once

// A TLS server for the tests that need one (the load generator's https runs,
// the upstream test probe): a certificate for 127.0.0.1 and localhost that
// signs itself, a thread per connection.

#include "selfsigned.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace testsupport {

/// HTTPS with a self-signed certificate on 127.0.0.1: every request on a
/// connection gets "ok", a thread per connection.
class TlsServer {
public:
    TlsServer()
        : m_context(boost::asio::ssl::context::tls_server)
        , m_acceptor(m_io, { boost::asio::ip::make_address("127.0.0.1"), 0 })
    {
        const SelfSignedPem pem = makeSelfSignedPem();
        m_context.use_certificate_chain(boost::asio::buffer(pem.certificate));
        m_context.use_private_key(boost::asio::buffer(pem.key), boost::asio::ssl::context::pem);
        m_thread = std::thread([this] { acceptLoop(); });
    }
    ~TlsServer()
    {
        m_stopping = true;
        // A blocking accept() is not woken by closing the socket from another
        // thread: connect once so that it returns and sees m_stopping.
        {
            boost::asio::io_context io;
            boost::asio::ip::tcp::socket wake(io);
            boost::system::error_code ignored;
            wake.connect({ boost::asio::ip::make_address("127.0.0.1"), port() }, ignored);
        }
        m_thread.join();
        boost::system::error_code ignored;
        m_acceptor.close(ignored);
        for (auto& t : m_connections)
            t.join();
    }
    std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }
    int answered() const { return m_answered.load(); }
    int handshakes() const { return m_handshakes.load(); }

private:
    void acceptLoop()
    {
        while (!m_stopping) {
            boost::asio::ip::tcp::socket socket(m_io);
            boost::system::error_code ec;
            m_acceptor.accept(socket, ec);
            if (ec || m_stopping)
                return;
            m_connections.emplace_back(
                [this, s = std::move(socket)]() mutable { serve(std::move(s)); });
        }
    }
    void serve(boost::asio::ip::tcp::socket socket)
    {
        boost::asio::ssl::stream<boost::asio::ip::tcp::socket> tls(std::move(socket), m_context);
        boost::system::error_code ec;
        tls.handshake(boost::asio::ssl::stream_base::server, ec);
        if (ec)
            return;
        ++m_handshakes;
        boost::asio::streambuf in;
        static const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        while (!m_stopping) {
            const std::size_t n = boost::asio::read_until(tls, in, "\r\n\r\n", ec);
            if (ec)
                return;
            in.consume(n);
            boost::asio::write(tls, boost::asio::buffer(answer), ec);
            if (ec)
                return;
            ++m_answered;
        }
    }

    boost::asio::io_context m_io;
    boost::asio::ssl::context m_context;
    boost::asio::ip::tcp::acceptor m_acceptor;
    std::thread m_thread;
    std::vector<std::thread> m_connections; // joined at the end; only the accept thread adds
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_answered { 0 };
    std::atomic<int> m_handshakes { 0 };
};

} // namespace testsupport
