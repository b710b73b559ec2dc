#include "server/load/httpget.h"

#include "server/load/loadgen.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

bool httpRequest(const std::string& method, const std::string& url,
    std::chrono::milliseconds timeout, HttpGetResult* out, std::string* error)
{
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    LoadUrl u;
    std::string why;
    if (!parseLoadUrl(url, &u, &why))
        return fail(why);
    if (u.tls || u.webSocket)
        return fail("only http:// URLs are read here, not " + url);
    const http::verb verb = http::string_to_verb(method);
    if (verb == http::verb::unknown)
        return fail("unknown method " + method);

    asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    beast::flat_buffer buffer;
    http::request<http::empty_body> request(
        verb, (u.prefix.empty() ? std::string("/") : u.prefix) + u.query, 11);
    request.set(http::field::host, u.hostHeader);
    request.set(http::field::user_agent, "tollgated/" TOLLGATE_VERSION);
    request.set(http::field::connection, "close");
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    const std::string where = u.host + ":" + std::to_string(u.port);
    std::string problem;
    bool answered = false;

    stream.expires_after(timeout);
    resolver.async_resolve(u.host, std::to_string(u.port),
        [&](boost::system::error_code ec, const tcp::resolver::results_type& results) {
            if (ec) {
                problem = "cannot resolve " + u.host + ": " + ec.message();
                return;
            }
            stream.async_connect(results,
                [&](boost::system::error_code ec, const tcp::endpoint&) {
                    if (ec) {
                        problem = "cannot connect to " + where + ": " + ec.message();
                        return;
                    }
                    http::async_write(stream, request,
                        [&](boost::system::error_code ec, std::size_t) {
                            if (ec) {
                                problem = "cannot send to " + where + ": " + ec.message();
                                return;
                            }
                            http::async_read(stream, buffer, parser,
                                [&](boost::system::error_code ec, std::size_t) {
                                    if (ec) {
                                        problem = "no answer from " + where + ": " + ec.message();
                                        return;
                                    }
                                    answered = true;
                                });
                        });
                });
        });
    // The stream's deadline covers connect, write and read; the resolver's
    // own lookup (a name, not an address) is bounded by run_for.
    io.run_for(timeout + std::chrono::milliseconds(100));
    if (!answered) {
        if (problem.empty() || problem.find("timed out") != std::string::npos
            || problem.find("Operation canceled") != std::string::npos)
            problem = "no answer from " + where + " within "
                + std::to_string(timeout.count()) + " ms";
        // Whatever is still pending ends here, before its locals do.
        const std::string reason = problem;
        resolver.cancel();
        stream.close();
        io.restart();
        io.run();
        return fail(reason);
    }
    const auto& res = parser.get();
    out->status = static_cast<int>(res.result_int());
    out->contentType = std::string(res[http::field::content_type]);
    out->body = res.body();
    return true;
}

} // namespace tollgate::server
