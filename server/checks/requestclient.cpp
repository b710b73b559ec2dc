#include "server/checks/requestclient.h"

#include "server/common/clock.h"
#include "server/common/files.h"
#include "server/common/text.h"
#include "server/upstream/upstreamclient.h"
#include "server/workspace/upstreamurl.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>

namespace tollgate::server {

namespace http = boost::beast::http;
using Kind = ComposerRequest::BodyKind;
using Auth = ComposerRequest::AuthKind;

namespace {

constexpr int kMaxRedirects = 10;

std::string oneLine(std::string s)
{
    for (char& c : s)
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    return s;
}

bool hasField(const std::vector<Header>& fields, std::string_view name)
{
    for (const Header& h : fields)
        if (iequals(h.name, name))
            return true;
    return false;
}

void setField(std::vector<Header>* fields, const std::string& name, std::string value)
{
    std::erase_if(*fields, [&](const Header& h) { return iequals(h.name, name); });
    fields->push_back({ name, std::move(value) });
}

void setDefault(std::vector<Header>* fields, const std::string& name, std::string value)
{
    if (!hasField(*fields, name))
        fields->push_back({ name, std::move(value) });
}

/// The typed fields, then what the auth helper, the body and the options
/// add: the rules of the app's composer (ui/requests/outgoingrequest.cpp).
std::vector<Header> headerFields(const ComposerRequest& r)
{
    std::vector<Header> fields;
    for (const Header& h : r.headers)
        if (!h.name.empty())
            fields.push_back({ oneLine(h.name), oneLine(h.value) });
    switch (r.auth) {
    case Auth::None:
        break;
    case Auth::Bearer:
        setField(&fields, "Authorization", "Bearer " + oneLine(r.token));
        break;
    case Auth::ApiKey:
        setField(&fields, r.apiKeyHeader.empty() ? "X-API-Key" : oneLine(r.apiKeyHeader),
            oneLine(r.token));
        break;
    case Auth::Basic:
        setField(
            &fields, "Authorization", "Basic " + base64Encode(r.basicUser + ':' + r.basicPassword));
        break;
    }
    switch (r.bodyKind) {
    case Kind::None:
    case Kind::Multipart: // the boundary's type is set with the body
        break;
    case Kind::Raw:
    case Kind::Form:
        setDefault(&fields, "Content-Type", "application/x-www-form-urlencoded");
        break;
    case Kind::File:
        setDefault(&fields, "Content-Type", "application/octet-stream");
        break;
    }
    setDefault(&fields, "User-Agent", std::string("Tollgate/") + TOLLGATE_VERSION);
    // The runner compares bodies as sent; it does not decode gzip.
    setField(&fields, "Accept-Encoding", "identity");
    return fields;
}

std::filesystem::path resolved(const std::filesystem::path& baseDir, const std::string& path)
{
    const std::filesystem::path p(path);
    return p.is_relative() && !baseDir.empty() ? baseDir / p : p;
}

std::string quotedParameter(const std::string& text)
{
    std::string s = "\"";
    for (char c : text)
        s += c == '"'   ? std::string("%22")
            : c == '\r' ? std::string("%0D")
            : c == '\n' ? std::string("%0A")
                        : std::string(1, c);
    return s + '"';
}

/// The body and, for multipart, its Content-Type; false with *error when a
/// file cannot be read.
bool bodyOf(const ComposerRequest& r, const std::filesystem::path& baseDir, std::string* body,
    std::string* multipartType, std::string* error)
{
    switch (r.bodyKind) {
    case Kind::None:
        return true;
    case Kind::Raw:
    case Kind::Form:
        *body = r.body;
        return true;
    case Kind::File: {
        const auto path = resolved(baseDir, r.bodyFile);
        std::string why;
        if (!readFile(path, body, &why)) {
            *error = "cannot read the body file " + path.string() + ": " + why;
            return false;
        }
        return true;
    }
    case Kind::Multipart: {
        std::mt19937_64 random(std::random_device {}());
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
        const std::string boundary = std::string("----TollgateBoundary") + hex;
        for (const auto& [name, value] : r.formFields) {
            *body += "--" + boundary
                + "\r\nContent-Disposition: form-data; name=" + quotedParameter(name);
            if (value.size() > 1 && value.front() == '@') {
                const auto path = resolved(baseDir, value.substr(1));
                std::string content, why;
                if (!readFile(path, &content, &why)) {
                    *error = "cannot read the file " + path.string() + " for the form field \""
                        + name + "\": " + why;
                    return false;
                }
                *body += "; filename=" + quotedParameter(path.filename().string())
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
            } else {
                *body += "\r\n\r\n" + value + "\r\n";
            }
        }
        *body += "--" + boundary + "--\r\n";
        *multipartType = "multipart/form-data; boundary=" + boundary;
        return true;
    }
    }
    return true;
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

struct RequestClient::Impl {
    RequestClientOptions options;
    boost::asio::io_context ioc;
    UpstreamClient client { ioc };
    std::shared_ptr<const SsrfGuard> guard;
    std::shared_ptr<Clock> clock = systemClock();
    std::map<std::string, std::shared_ptr<UpstreamTarget>> targets;
    std::atomic<bool> cancelled { false };

    /// The target of an origin with this request's TLS check and timeouts.
    std::shared_ptr<const UpstreamTarget> targetFor(
        const UpstreamUrl& url, const ComposerRequest& r, int totalMs)
    {
        const bool verify = !r.insecure;
        const std::string key = url.origin + (verify ? "" : " (unverified)");
        auto& target = targets[key];
        if (!target) {
            target = std::make_shared<UpstreamTarget>();
            target->https = url.https;
            target->host = url.host;
            target->port = url.port;
            target->hostField = url.authority;
            target->poolKey = key;
            target->verifyTls = verify;
            target->caFile = options.caFile;
            target->maxConnections = 1;
            target->maxResponseBytes = options.maxResponseBytes;
            target->guard = guard;
            BreakerSettings never;
            never.consecutiveFailures = 0;
            never.failureRate = 0;
            target->breaker = std::make_shared<CircuitBreaker>(never, clock);
        }
        target->connectTimeoutMs
            = r.connectTimeoutMs > 0 ? r.connectTimeoutMs : options.connectTimeoutMs;
        target->attemptTimeoutMs = totalMs;
        target->retry.maxAttempts = 1;
        target->retry.overallTimeoutMs = totalMs;
        return target;
    }
};

RequestClient::RequestClient(RequestClientOptions options)
    : d(std::make_unique<Impl>())
{
    d->options = std::move(options);
    std::vector<AddressRange> everywhere;
    for (const char* range : { "0.0.0.0/0", "::/0" }) {
        std::string ignored;
        everywhere.push_back(*AddressRange::parse(range, &ignored));
    }
    // The runner calls what its user names, loopback included: no guard.
    d->guard = std::make_shared<const SsrfGuard>(std::move(everywhere));
}

RequestClient::~RequestClient() = default;

void RequestClient::cancel()
{
    d->cancelled = true;
    // stop() ends a run_one under way; the posted no-op wakes one that
    // begins after send()'s restart() has cleared the stop.
    d->ioc.stop();
    boost::asio::post(d->ioc, [] { });
}

bool RequestClient::cancelled() const
{
    return d->cancelled;
}

bool RequestClient::send(const ComposerRequest& request, ReceivedAnswer* answer, std::string* error)
{
    const auto began = std::chrono::steady_clock::now();
    const int totalMs
        = request.totalTimeoutMs > 0 ? request.totalTimeoutMs : d->options.totalTimeoutMs;
    std::string method = request.method.empty() ? std::string("GET") : request.method;
    std::string body, multipartType;
    if (!bodyOf(request, d->options.baseDir, &body, &multipartType, error))
        return false;
    std::vector<Header> fields = headerFields(request);
    if (!multipartType.empty())
        setField(&fields, "Content-Type", multipartType);

    std::string location = request.url;
    for (int redirect = 0;; ++redirect) {
        const auto parsed = boost::urls::parse_uri(location);
        if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https")) {
            *error = "\"" + location + "\" is not an http:// or https:// URL";
            return false;
        }
        std::string why;
        const auto url = parseUpstreamUrl(
            std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_authority()), &why);
        if (!url) {
            *error = "\"" + location + "\": " + why;
            return false;
        }
        UpstreamRequest out;
        out.method_string(method);
        std::string target(parsed->encoded_path());
        if (target.empty())
            target = "/";
        if (parsed->has_query())
            target += "?" + std::string(parsed->encoded_query());
        out.target(target);
        out.version(11);
        for (const Header& h : fields)
            out.insert(h.name, h.value);
        out.body() = body;

        const auto spent = std::chrono::steady_clock::now() - began;
        const int left
            = totalMs - int(std::chrono::duration_cast<std::chrono::milliseconds>(spent).count());
        if (left <= 0) {
            *error = "no answer within " + std::to_string(totalMs) + " ms";
            return false;
        }
        bool done = false;
        UpstreamResult result;
        d->client.send(d->targetFor(*url, request, left), std::move(out),
            std::chrono::steady_clock::now(), [&](UpstreamResult& r) {
                result = std::move(r);
                done = true;
            });
        d->ioc.restart();
        while (!done && !d->cancelled && d->ioc.run_one() > 0) { }
        if (d->cancelled) {
            *error = "stopped";
            return false;
        }
        if (!done || result.failure != AttemptResult::Failure::None) {
            *error = done ? result.error : std::string("the request was dropped");
            return false;
        }
        const int status = result.response.result_int();
        auto found = result.response.find(http::field::location);
        if (request.followRedirects && isRedirect(status) && found != result.response.end()
            && redirect < kMaxRedirects) {
            boost::urls::url next;
            const auto relative = boost::urls::parse_uri_reference(found->value());
            if (relative && boost::urls::resolve(*parsed, *relative, next)) {
                location = std::string(next.buffer());
                if (status == 303 || ((status == 301 || status == 302) && method == "POST")) {
                    method = "GET";
                    body.clear();
                    std::erase_if(
                        fields, [](const Header& h) { return iequals(h.name, "Content-Type"); });
                }
                continue;
            }
        }
        answer->status = status;
        answer->headers.clear();
        for (const auto& field : result.response)
            answer->headers.push_back(
                { std::string(field.name_string()), std::string(field.value()) });
        answer->body = std::move(result.response.body());
        answer->totalMs
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
                  .count();
        return true;
    }
}

} // namespace tollgate::server
