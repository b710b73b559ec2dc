#include "server/http/response.h"

#include "server/common/text.h"

#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <charconv>
#include <ctime>

namespace tollgate::server {

namespace beasthttp = boost::beast::http;

void HttpResponse::clear()
{
    status = 200;
    body = {};
    ownedBody.clear();
    headerLines.clear();
    hasContentType = false;
    close = false;
    headLength = -1;
}

void HttpResponse::header(std::string_view name, std::string_view value)
{
    // Framing is ours to decide; a route cannot override it. Nor the request
    // id: the response carries exactly one, the one logged.
    if (iequals(name, "content-length") || iequals(name, "connection")
        || iequals(name, "transfer-encoding") || iequals(name, "x-request-id"))
        return;
    if (iequals(name, "content-type"))
        hasContentType = true;
    headerLines.append(name);
    headerLines.append(": ");
    const auto start = headerLines.size();
    headerLines.append(value);
    // A raw template ({{{x}}}) could smuggle CR/LF into a header: neutralise it.
    for (auto i = start; i < headerLines.size(); ++i) {
        if (headerLines[i] == '\r' || headerLines[i] == '\n')
            headerLines[i] = ' ';
    }
    headerLines.append("\r\n");
}

void HttpResponse::setBody(std::string text)
{
    ownedBody = std::move(text);
    body = ownedBody;
}

void HttpResponse::problem(
    int code, std::string_view detail, bool closeAfter, const std::string* pointer)
{
    clear();
    status = code;
    close = closeAfter;
    const auto title = beasthttp::obsolete_reason(static_cast<beasthttp::status>(code));
    setBody("{\"type\":\"about:blank\",\"title\":" + jsonQuote({ title.data(), title.size() })
        + ",\"status\":" + std::to_string(code) + ",\"detail\":" + jsonQuote(detail)
        + (pointer ? ",\"pointer\":" + jsonQuote(*pointer) : std::string()) + "}");
    header("Content-Type", "application/problem+json");
}

std::string jsonQuote(std::string_view s)
{
    return boost::json::serialize(boost::json::string(s));
}

std::string_view httpDate()
{
    thread_local std::time_t cachedSecond = 0;
    thread_local char buffer[64];
    thread_local std::size_t length = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        cachedSecond = now;
        std::tm tm {};
        gmtime_r(&now, &tm);
        length = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    }
    return { buffer, length };
}

std::string_view serializeResponse(const HttpResponse& r, const ResponseFraming& framing,
    std::string* out, bool* closeAfter, bool* chunked)
{
    // A streamed body of unknown length to an HTTP/1.0 client ends with the close.
    const bool untilClose = framing.streamed && !framing.streamedLength && framing.http10;
    const bool close = r.close || !framing.keepAlive || untilClose;
    if (chunked)
        *chunked = false;
    out->clear();
    const auto reason = beasthttp::obsolete_reason(static_cast<beasthttp::status>(r.status));
    out->append(framing.http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    char num[24];
    auto res = std::to_chars(num, num + sizeof num, r.status);
    out->append(num, res.ptr);
    out->push_back(' ');
    out->append(reason.data(), reason.size());
    out->append("\r\nServer: Tollgate\r\nDate: ");
    out->append(httpDate());
    out->append("\r\nX-Request-ID: ");
    out->append(framing.requestId);
    out->append("\r\n");
    out->append(r.headerLines);
    if (!r.hasContentType && !r.body.empty())
        out->append("Content-Type: text/plain; charset=utf-8\r\n");
    // 1xx, 204 and 304 carry no body and no Content-Length.
    const bool bodyless = r.status < 200 || r.status == 204 || r.status == 304;
    if (framing.streamed && !bodyless) {
        if (framing.streamedLength) {
            out->append("Content-Length: ");
            res = std::to_chars(num, num + sizeof num, *framing.streamedLength);
            out->append(num, res.ptr);
            out->append("\r\n");
        } else if (!framing.http10) {
            out->append("Transfer-Encoding: chunked\r\n");
            if (chunked)
                *chunked = !framing.head;
        }
    } else if (!bodyless) {
        out->append("Content-Length: ");
        const bool announced = framing.head && r.headLength >= 0;
        res = std::to_chars(num, num + sizeof num,
            announced ? static_cast<std::uint64_t>(r.headLength) : r.body.size());
        out->append(num, res.ptr);
        out->append("\r\n");
    }
    if (close)
        out->append("Connection: close\r\n");
    else if (framing.http10)
        out->append("Connection: keep-alive\r\n");
    out->append("\r\n");
    *closeAfter = close;
    std::string_view body
        = (framing.head || bodyless || framing.streamed) ? std::string_view {} : r.body;
    if (body.size() <= 4096) {
        out->append(body);
        body = {};
    }
    return body;
}

} // namespace tollgate::server
