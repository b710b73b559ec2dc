#include "server/upstream/upstreamprobe.h"

#include "server/upstream/upstreamclient.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <optional>

namespace tollgate::server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Steady = std::chrono::steady_clock;
using boost::system::error_code;

std::int64_t microsSince(Steady::time_point start)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - start).count();
}

/// One probe: its steps as a chain of callbacks on a private io_context.
class Prober {
public:
    Prober(const UpstreamProbe& probe, asio::io_context& ioc)
        : m_probe(probe)
        , m_target(*probe.target)
        , m_ioc(ioc)
        , m_tcp(ioc)
        , m_timer(ioc)
        , m_tlsContext(asio::ssl::context::tls_client)
        , m_start(Steady::now())
        , m_deadline(m_start + std::chrono::milliseconds(m_target.attemptTimeoutMs))
    {
        error_code ignored;
        if (m_target.verifyTls)
            m_tlsContext.set_default_verify_paths(ignored);
        m_tlsContext.set_verify_mode(
            m_target.verifyTls ? asio::ssl::verify_peer : asio::ssl::verify_none, ignored);
    }

    UpstreamProbeResult& result() { return m_result; }

    void start()
    {
        if (const auto literal = parseAddressLiteral(m_target.host)) {
            std::vector<tcp::endpoint> endpoints { tcp::endpoint(*literal, m_target.port) };
            m_result.addresses.push_back(literal->to_string());
            return guard(std::move(endpoints));
        }
        m_step = ProbeStep::Resolve;
        m_resolver.emplace(m_ioc);
        const Steady::time_point began = Steady::now();
        // The resolver has no deadline of its own: the timer cancels it.
        m_timer.expires_at(stepDeadline());
        m_timer.async_wait([this](error_code ec) {
            if (!ec)
                m_resolver->cancel();
        });
        m_resolver->async_resolve(m_target.host, std::to_string(m_target.port),
            [this, began](error_code ec, const tcp::resolver::results_type& results) {
                m_timer.cancel();
                if (ec == asio::error::operation_aborted)
                    return timeout("resolving " + m_target.host + " took longer than the "
                        + (lastsToDeadline() ? "attempt" : "connect") + " timeout");
                if (ec)
                    return fail("could not resolve " + m_target.host + ": " + ec.message());
                m_result.resolveUs = microsSince(began);
                std::vector<tcp::endpoint> endpoints;
                for (const auto& r : results) {
                    endpoints.push_back(r.endpoint());
                    m_result.addresses.push_back(r.endpoint().address().to_string());
                }
                guard(std::move(endpoints));
            });
    }

private:
    /// A step of the connection ends within the connect timeout, and every
    /// step within the attempt's.
    Steady::time_point stepDeadline() const
    {
        return std::min(
            Steady::now() + std::chrono::milliseconds(m_target.connectTimeoutMs), m_deadline);
    }
    bool lastsToDeadline() const { return Steady::now() >= m_deadline; }

    void fail(std::string error)
    {
        m_result.ok = false;
        m_result.failedStep = m_step;
        m_result.error = std::move(error);
        finish();
    }
    void timeout(std::string error)
    {
        m_result.timedOut = true;
        fail(std::move(error));
    }
    void finish()
    {
        m_result.totalUs = microsSince(m_start);
        error_code ignored;
        m_timer.cancel();
        m_tcp.socket().close(ignored);
    }

    void guard(std::vector<tcp::endpoint> endpoints)
    {
        // Every address must pass, as UpstreamClient checks them: a name
        // that resolves to a public and a private address is refused.
        m_step = ProbeStep::Guard;
        if (!m_target.guard)
            return fail("no address guard was given");
        for (const auto& e : endpoints) {
            if (const auto why = m_target.guard->refusal(e.address()))
                return fail("refused to connect to " + m_target.host + ": " + *why);
        }
        connect(std::move(endpoints));
    }

    void connect(std::vector<tcp::endpoint> endpoints)
    {
        m_step = ProbeStep::Connect;
        const Steady::time_point began = Steady::now();
        m_tcp.expires_at(stepDeadline());
        m_tcp.async_connect(endpoints, [this, began](error_code ec, const tcp::endpoint& to) {
            const std::string where = m_target.host + ":" + std::to_string(m_target.port);
            if (ec == beast::error::timeout)
                return timeout("could not connect to " + where + ": connect timeout");
            if (ec)
                return fail("could not connect to " + where + ": " + ec.message());
            m_result.connectUs = microsSince(began);
            m_result.connectedTo = to.address().to_string();
            error_code ignored;
            m_tcp.socket().set_option(tcp::no_delay(true), ignored);
            if (m_target.https)
                return handshake();
            write(m_tcp);
        });
    }

    void handshake()
    {
        m_step = ProbeStep::Tls;
        m_tls.emplace(m_tcp, m_tlsContext);
        const std::string& host = m_target.host;
        // SNI names a host, never an address (RFC 6066 3).
        if (!parseAddressLiteral(host))
            SSL_set_tlsext_host_name(m_tls->native_handle(), host.c_str());
        if (m_target.verifyTls)
            m_tls->set_verify_callback(asio::ssl::host_name_verification(host));
        const Steady::time_point began = Steady::now();
        m_tcp.expires_at(stepDeadline());
        m_tls->async_handshake(asio::ssl::stream_base::client, [this, began](error_code ec) {
            if (ec == beast::error::timeout)
                return timeout("TLS handshake with " + m_target.host + " failed: timeout");
            if (ec)
                return fail("TLS handshake with " + m_target.host + " failed: " + ec.message());
            m_result.tlsUs = microsSince(began);
            m_result.tlsVersion = SSL_get_version(m_tls->native_handle());
            write(*m_tls);
        });
    }

    template <typename Stream> void write(Stream& stream)
    {
        m_step = ProbeStep::FirstByte;
        m_request.method_string(m_probe.method);
        m_request.target(m_probe.path.empty() ? std::string("/") : m_probe.path);
        m_request.version(11);
        m_request.set(http::field::host, m_target.hostField);
        m_request.set(http::field::user_agent, "Tollgate/" TOLLGATE_VERSION " (upstream test)");
        for (const auto& [name, value] : m_probe.fields)
            m_request.insert(name, value);
        m_request.set(http::field::connection, "close");
        m_request.prepare_payload();
        m_tcp.expires_at(m_deadline);
        http::async_write(stream, m_request, [this, &stream](error_code ec, std::size_t) {
            if (ec == beast::error::timeout)
                return timeout("sending the request took longer than the attempt timeout");
            if (ec)
                return fail("could not send the request: " + ec.message());
            readFirstByte(stream);
        });
    }

    template <typename Stream> void readFirstByte(Stream& stream)
    {
        const Steady::time_point sent = Steady::now();
        stream.async_read_some(
            m_buffer.prepare(4096), [this, &stream, sent](error_code ec, std::size_t n) {
                if (ec == beast::error::timeout)
                    return timeout("no answer within the attempt timeout");
                if (ec)
                    return fail(
                        "the upstream closed the connection without answering: " + ec.message());
                m_buffer.commit(n);
                m_result.firstByteUs = microsSince(sent);
                readHeader(stream);
            });
    }

    template <typename Stream> void readHeader(Stream& stream)
    {
        m_step = ProbeStep::Header;
        http::async_read_header(stream, m_buffer, m_parser, [this](error_code ec, std::size_t) {
            if (ec == beast::error::timeout)
                return timeout("the answer's header did not arrive within the attempt timeout");
            if (ec)
                return fail("the answer is not HTTP: " + ec.message());
            const auto& head = m_parser.get();
            m_result.ok = true;
            m_result.status = static_cast<int>(head.result_int());
            m_result.reason = std::string(head.reason());
            finish();
        });
    }

    const UpstreamProbe& m_probe;
    const UpstreamTarget& m_target;
    asio::io_context& m_ioc;
    beast::tcp_stream m_tcp;
    asio::steady_timer m_timer;
    std::optional<tcp::resolver> m_resolver;
    asio::ssl::context m_tlsContext;
    std::optional<beast::ssl_stream<beast::tcp_stream&>> m_tls;
    http::request<http::empty_body> m_request;
    beast::flat_buffer m_buffer;
    http::response_parser<http::empty_body> m_parser;
    const Steady::time_point m_start;
    const Steady::time_point m_deadline;
    ProbeStep m_step = ProbeStep::Resolve;
    UpstreamProbeResult m_result;
};

} // namespace

std::string_view probeStepName(ProbeStep step)
{
    switch (step) {
    case ProbeStep::Resolve:
        return "resolve";
    case ProbeStep::Guard:
        return "guard";
    case ProbeStep::Connect:
        return "connect";
    case ProbeStep::Tls:
        return "tls";
    case ProbeStep::FirstByte:
        return "first byte";
    case ProbeStep::Header:
        return "header";
    }
    return "resolve";
}

UpstreamProbeResult probeUpstream(const UpstreamProbe& probe, std::stop_token stop)
{
    UpstreamProbeResult cancelled;
    cancelled.error = "the test was cancelled";
    if (!probe.target) {
        cancelled.error = "nothing to test";
        return cancelled;
    }
    asio::io_context ioc(1);
    Prober prober(probe, ioc);
    const std::stop_callback onStop(stop, [&ioc] { ioc.stop(); });
    prober.start();
    ioc.run();
    if (stop.stop_requested())
        return cancelled;
    return std::move(prober.result());
}

} // namespace tollgate::server
