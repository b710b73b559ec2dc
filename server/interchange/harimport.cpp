// HAR 1.2 (a browser's or proxy's capture) -> saved requests, and with
// ImportOptions::harRoutes routes answering what was captured.
//
// A capture is full of credentials: cookies, Authorization headers, API keys
// in the query. None is copied: they are dropped or replaced by {{variables}}
// an environment can define, with a note. Routes go through record mode's
// merge (recording.h), so captured answers become routes exactly as recorded
// traffic does; they answer from the captured responses (Designed), keeping
// the captured origin as their upstream for when they are switched to forward.

#include "server/common/text.h"
#include "server/interchange/formats.h"
#include "server/interchange/importsupport.h"
#include "server/workspace/recording.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// Request fields the composer sets itself (framing, connection, HTTP/2
/// pseudo-headers whose content is the URL and method).
bool isDerivedField(std::string_view name)
{
    static constexpr std::array<std::string_view, 10> kDerived { "host", "content-length",
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te",
        "trailer", "accept-encoding" };
    return name.starts_with(':')
        || std::any_of(
            kDerived.begin(), kDerived.end(), [&](std::string_view d) { return iequals(name, d); });
}

/// Header names that carry an API key, answered by the composer's ApiKey auth.
bool isApiKeyField(std::string_view name)
{
    const std::string lower = lowerAscii(name);
    return lower == "x-api-key" || lower == "api-key" || lower == "apikey" || lower == "x-apikey";
}

/// Other header names that carry a credential.
bool isCredentialField(std::string_view name)
{
    const std::string lower = lowerAscii(name);
    // Not "key" alone: Idempotency-Key is no credential.
    static constexpr std::array<std::string_view, 9> kParts { "token", "secret", "session",
        "password", "auth", "api-key", "apikey", "api_key", "csrf" };
    return std::any_of(kParts.begin(), kParts.end(),
        [&](std::string_view p) { return lower.find(p) != std::string::npos; });
}

/// Query parameter names whose value is a key.
bool isKeyParameter(std::string_view name)
{
    const std::string lower = lowerAscii(name);
    static constexpr std::array<std::string_view, 7> kNames { "api_key", "apikey", "api-key", "key",
        "token", "access_token", "auth_token" };
    return std::find(kNames.begin(), kNames.end(), lower) != kNames.end();
}

bool isTextMedia(std::string_view mimeType)
{
    const std::string lower = lowerAscii(mimeType.substr(0, mimeType.find(';')));
    return lower.starts_with("text/") || lower.find("json") != std::string::npos
        || lower.find("xml") != std::string::npos || lower.find("javascript") != std::string::npos
        || lower == "application/x-www-form-urlencoded";
}

/// RFC 4648 base64 (whitespace ignored); nullopt when malformed.
std::optional<std::string> decodeBase64(std::string_view text)
{
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z')
            value = c - 'A';
        else if (c >= 'a' && c <= 'z')
            value = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            value = c - '0' + 52;
        else if (c == '+' || c == '-')
            value = 62;
        else if (c == '/' || c == '_')
            value = 63;
        else if (c == '=' || c == '\r' || c == '\n' || c == ' ')
            continue;
        else
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

/// A captured exchange on its way to becoming a route response.
struct Capture {
    std::string origin;
    std::string pointer; ///< the entry
    RecordedExchange exchange;
};

class HarImporter : ImporterBase {
public:
    HarImporter(const SourceTree& tree, const ImportOptions& options)
        : ImporterBase(tree)
        , m_options(options)
    {
    }

    ImportResult run()
    {
        const json::object* root = m_tree.root().if_object();
        const json::object* log = root ? m_errors.object(*root, "log", "") : nullptr;
        const json::array* entries = log ? m_errors.array(*log, "entries", "/log") : nullptr;
        if (!entries) {
            if (!m_errors.any())
                m_errors.add("", "a HAR file has a \"log\" with an \"entries\" list");
            return finish();
        }
        const std::string version = scalarText(*log, "version");
        m_api.format = "HAR " + (version.empty() ? std::string("1.2") : version);
        if (const json::array* pages = arrayField(*log, "pages");
            pages && !pages->empty() && pages->front().is_object())
            m_api.title = scalarText(pages->front().get_object(), "title");
        if (m_api.title.empty())
            m_api.title = "HAR capture";

        for (std::size_t i = 0; i < entries->size(); ++i)
            readEntry((*entries)[i], pointerChild("/log/entries", i));
        // Routes only from a file that reads whole.
        if (m_options.harRoutes && !m_errors.any())
            makeRoutes();
        return finish();
    }

private:
    void readEntry(const json::value& value, const std::string& pointer)
    {
        const json::object* entry = value.if_object();
        if (!entry) {
            m_errors.add(pointer, "an entry is an object with a \"request\" and a \"response\"");
            return;
        }
        const json::object* request = m_errors.object(*entry, "request", pointer);
        const json::object* response = m_errors.object(*entry, "response", pointer);
        const std::string requestPointer = pointerChild(pointer, "request");
        const std::string responsePointer = pointerChild(pointer, "response");
        if (!request || !response) {
            if (!entry->contains("request") || !entry->contains("response"))
                m_errors.add(pointer, "the entry has no \"request\" or no \"response\"");
            return;
        }
        const std::string method = upperAscii(m_errors.string(*request, "method", requestPointer));
        const std::string url = m_errors.string(*request, "url", requestPointer);
        const json::value* status = response->if_contains("status");
        bool malformed = false;
        if (method.empty() || url.empty()) {
            m_errors.add(requestPointer, "the request has no \"method\" or no \"url\"");
            malformed = true;
        }
        if (!status || !status->is_number()) {
            m_errors.add(status ? pointerChild(responsePointer, "status") : responsePointer,
                "the response has no numeric \"status\"");
            malformed = true;
        }
        if (malformed)
            return;

        const UrlParts parts = splitUrl(url);
        if (!parts.origin.starts_with("http://") && !parts.origin.starts_with("https://")) {
            m_notes.skip(pointerChild(requestPointer, "url"),
                method + ' ' + url.substr(0, 60) + ": only http and https requests are imported");
            return;
        }
        const std::string path = parts.path.empty() ? std::string("/") : parts.path;
        SavedRequest saved;
        saved.name = method + ' ' + path;
        saved.folder = folderName(parts.host);
        ComposerRequest& out = saved.request;
        out.method = method;
        out.url = parts.origin + path
            + keptQuery(parts, pointerChild(requestPointer, "url"), saved.name);
        out.http2 = lowerAscii(scalarText(*request, "httpVersion")).find('2') != std::string::npos;
        readHeaders(*request, requestPointer, saved.name, &out);
        readPostData(*request, requestPointer, saved.name, &out);
        m_api.requests.push_back(std::move(saved));

        if (m_options.harRoutes)
            capture(method, parts, *response, pointer);
    }

    /// The query with key values replaced by {{apiKey}}.
    std::string keptQuery(
        const UrlParts& parts, const std::string& pointer, const std::string& what)
    {
        if (!parts.hasQuery)
            return {};
        std::string out;
        std::string_view rest = parts.query;
        while (true) {
            const std::size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            const std::string_view rawName = pair.substr(0, pair.find('='));
            const std::string name = percentDecode(rawName, true).value_or(std::string(rawName));
            out += out.empty() ? '?' : '&';
            if (isKeyParameter(name) && pair.size() > rawName.size() + 1) {
                out += std::string(rawName) + "={{apiKey}}";
                m_notes.approximate(pointer,
                    what + ": the query parameter \"" + name
                        + "\" carried a key; it is replaced by {{apiKey}}, which an environment "
                          "must define");
            } else {
                out += pair;
            }
            if (amp == std::string_view::npos)
                break;
            rest.remove_prefix(amp + 1);
        }
        return out;
    }

    void readHeaders(const json::object& request, const std::string& pointer,
        const std::string& what, ComposerRequest* out)
    {
        const json::array* headers = m_errors.array(request, "headers", pointer);
        if (!headers)
            return;
        for (std::size_t i = 0; i < headers->size(); ++i) {
            const std::string hPointer = pointerChild(pointerChild(pointer, "headers"), i);
            const json::object* h = (*headers)[i].if_object();
            if (!h) {
                m_errors.add(hPointer, "a header is an object with \"name\" and \"value\"");
                continue;
            }
            const std::string namePointer = pointerChild(hPointer, "name");
            const std::string name = scalarText(*h, "name");
            const std::string value = scalarText(*h, "value");
            if (iequals(name, "accept-encoding")) {
                // The composer asks for compression itself and decodes it.
                out->compressed = true;
                continue;
            }
            if (name.empty() || isDerivedField(name))
                continue;
            if (iequals(name, "cookie")) {
                m_notes.skip(
                    namePointer, what + ": its cookies are credentials and are not copied");
            } else if (iequals(name, "authorization") || iequals(name, "proxy-authorization")) {
                const bool bearer = iequals(trimBlanks(value).substr(0, 7), "bearer ");
                if (bearer && iequals(name, "authorization")) {
                    out->auth = ComposerRequest::AuthKind::Bearer;
                    out->token = "{{token}}";
                }
                m_notes.skip(namePointer,
                    what + ": the " + name + " header's credentials are not copied"
                        + (bearer && iequals(name, "authorization")
                                ? std::string("; the request sends Bearer {{token}}, which an "
                                              "environment must define")
                                : std::string()));
            } else if (isApiKeyField(name)) {
                out->auth = ComposerRequest::AuthKind::ApiKey;
                out->apiKeyHeader = name;
                out->token = "{{apiKey}}";
                m_notes.skip(namePointer,
                    what + ": the key in " + name
                        + " is not copied; the request sends {{apiKey}}, which an environment "
                          "must define");
            } else if (isCredentialField(name)) {
                m_notes.skip(namePointer,
                    what + ": the header " + name + " looks like a credential and is not copied");
            } else {
                out->headers.push_back({ name, value });
            }
        }
    }

    void readPostData(const json::object& request, const std::string& pointer,
        const std::string& what, ComposerRequest* out)
    {
        const json::object* post = m_errors.object(request, "postData", pointer);
        if (!post)
            return;
        const std::string postPointer = pointerChild(pointer, "postData");
        const std::string mimeType = scalarText(*post, "mimeType");
        const std::string lowerMime = lowerAscii(mimeType);
        const json::array* params = m_errors.array(*post, "params", postPointer);
        const json::value* text = post->if_contains("text");
        if (lowerMime.starts_with("multipart/form-data") && params && !params->empty()) {
            out->bodyKind = ComposerRequest::BodyKind::Multipart;
            // The composer writes its own boundary.
            std::erase_if(
                out->headers, [](const Header& h) { return iequals(h.name, "content-type"); });
            for (std::size_t i = 0; i < params->size(); ++i) {
                const json::object* p = (*params)[i].if_object();
                if (!p)
                    continue;
                const std::string fileName = scalarText(*p, "fileName");
                if (fileName.empty()) {
                    out->formFields.emplace_back(scalarText(*p, "name"), scalarText(*p, "value"));
                    continue;
                }
                out->formFields.emplace_back(scalarText(*p, "name"), '@' + fileName);
                m_notes.approximate(pointerChild(pointerChild(postPointer, "params"), i),
                    what + ": the uploaded file " + fileName
                        + " is not in the capture; the field names it as the file to send");
            }
            return;
        }
        if (lowerMime.starts_with("application/x-www-form-urlencoded")) {
            out->bodyKind = ComposerRequest::BodyKind::Form;
            if (text && text->is_string()) {
                out->body = std::string(text->get_string());
            } else if (params) {
                for (const json::value& v : *params) {
                    if (const json::object* p = v.if_object())
                        out->body += (out->body.empty() ? "" : "&")
                            + percentEncode(scalarText(*p, "name")) + '='
                            + percentEncode(scalarText(*p, "value"));
                }
            }
            return;
        }
        if (!text || !text->is_string())
            return;
        out->bodyKind = ComposerRequest::BodyKind::Raw;
        out->body = std::string(text->get_string());
        if (!mimeType.empty()
            && std::none_of(out->headers.begin(), out->headers.end(),
                [](const Header& h) { return iequals(h.name, "content-type"); }))
            out->headers.push_back({ "Content-Type", mimeType });
    }

    // --- Routes ------------------------------------------------------------

    void capture(const std::string& method, const UrlParts& parts, const json::object& response,
        const std::string& pointer)
    {
        const std::string what = method + ' ' + (parts.path.empty() ? "/" : parts.path);
        const std::string responsePointer = pointerChild(pointer, "response");
        const std::string contentPointer = pointerChild(responsePointer, "content");
        const int status = static_cast<int>(integerField(response, "status", 0));
        if (method == "CONNECT" || method == "TRACE") {
            m_notes.skip(pointer, what + ": Tollgate routes do not answer " + method);
            return;
        }
        if (status == 304) {
            m_notes.skip(pointerChild(responsePointer, "status"),
                what
                    + ": a 304 answers a conditional request from the browser's cache and holds "
                      "no body; it is not made a route response");
            return;
        }
        if (status < 100 || status > 599) {
            m_notes.skip(pointerChild(responsePointer, "status"),
                what + ": status " + std::to_string(status)
                    + " (a request the browser did not complete) is not made a route response");
            return;
        }
        const json::object* content = objectField(response, "content");
        const json::value* text = content ? content->if_contains("text") : nullptr;
        const std::string mimeType = content ? scalarText(*content, "mimeType") : std::string();
        std::string body;
        if (text && text->is_string()) {
            body = std::string(text->get_string());
            if (scalarText(*content, "encoding") == "base64") {
                if (!isTextMedia(mimeType)) {
                    m_notes.skip(contentPointer,
                        what + ": the " + (mimeType.empty() ? std::string("binary") : mimeType)
                            + " body is not text, so it is not made a route response");
                    return;
                }
                std::optional<std::string> decoded = decodeBase64(body);
                if (!decoded) {
                    m_notes.skip(contentPointer, what + ": the base64 body is malformed");
                    return;
                }
                body = std::move(*decoded);
            }
        } else if (content && integerField(*content, "size", 0) == 0
            && integerField(response, "bodySize", 0) <= 0) {
            // Nothing was sent (a 204, a redirect): an empty body is the answer.
        } else {
            m_notes.skip(contentPointer,
                what
                    + ": the capture does not hold the body (the browser did not keep it), so "
                      "it is not made a route response");
            return;
        }

        RecordedExchange exchange;
        exchange.method = method;
        exchange.path = percentDecode(parts.path.empty() ? "/" : parts.path).value_or(parts.path);
        exchange.status = status;
        exchange.body = std::move(body);
        if (const json::array* headers = arrayField(response, "headers")) {
            for (std::size_t i = 0; i < headers->size(); ++i) {
                const json::object* h = (*headers)[i].if_object();
                if (!h)
                    continue;
                const std::string name = scalarText(*h, "name");
                // The HAR holds the decoded body, so its coding no longer applies.
                if (name.empty() || name.starts_with(':') || iequals(name, "content-encoding"))
                    continue;
                if (iequals(name, "set-cookie"))
                    m_notes.skip(
                        pointerChild(
                            pointerChild(pointerChild(responsePointer, "headers"), i), "name"),
                        what + ": Set-Cookie is a credential and is not recorded");
                exchange.headers.push_back({ name, scalarText(*h, "value") });
            }
        }
        m_captures.push_back({ parts.origin, pointer, std::move(exchange) });
    }

    /// Each origin's captures merge as record mode merges fallback traffic,
    /// into a workspace of their own whose fallback is that origin.
    void makeRoutes()
    {
        std::vector<std::string> origins;
        for (const Capture& c : m_captures)
            if (std::find(origins.begin(), origins.end(), c.origin) == origins.end())
                origins.push_back(c.origin);
        if (origins.size() == 1)
            m_api.upstreamUrl = origins.front();
        for (const std::string& origin : origins) {
            Workspace scratch;
            scratch.server.fallback.url = origin;
            std::vector<std::string> routePointers;
            for (const Capture& c : m_captures) {
                if (c.origin != origin)
                    continue;
                const RecordingMerge merge = mergeRecording(scratch, { c.exchange });
                for (const std::string& reason : merge.skipped)
                    m_notes.skip(c.pointer, reason);
                if (merge.duplicates > 0)
                    m_notes.skip(c.pointer,
                        c.exchange.method + ' ' + c.exchange.path
                            + ": an earlier capture already answers this route for the same "
                              "parameters; this answer is not used");
                if (merge.routesAdded > 0)
                    routePointers.push_back(c.pointer);
            }
            for (std::size_t i = 0; i < scratch.routes.size(); ++i) {
                Route& route = scratch.routes[i];
                route.responder = RouteResponder::Designed;
                route.description = "Captured from " + origin;
                const bool taken
                    = std::any_of(m_api.routes.begin(), m_api.routes.end(), [&](const Route& r) {
                          return r.method == route.method && r.path == route.path;
                      });
                if (taken) {
                    m_notes.skip(routePointers[i],
                        route.method + ' ' + route.path
                            + ": a route for another origin already has "
                              "this method and path; "
                            + origin + "'s answers are not imported");
                    continue;
                }
                m_api.routes.push_back(std::move(route));
            }
        }
    }

    ImportOptions m_options;
    std::vector<Capture> m_captures;
};

} // namespace

ImportResult importHar(const SourceTree& tree, const ImportOptions& options)
{
    return HarImporter(tree, options).run();
}

} // namespace tollgate::server
