#include "server/composer/composerrequest.h"

#include "server/common/text.h"
#include "server/composer/composerjson.h"

#include <algorithm>
#include <optional>

namespace tollgate::server {

namespace json = boost::json;

// These spellings are the on-disk vocabulary of saved requests and history
// lines, so changing one is a schema change.

const char* toString(ComposerRequest::BodyKind kind)
{
    using Kind = ComposerRequest::BodyKind;
    switch (kind) {
    case Kind::None:
        return "none";
    case Kind::Raw:
        return "raw";
    case Kind::Form:
        return "form";
    case Kind::Multipart:
        return "multipart";
    case Kind::File:
        return "file";
    }
    return "none";
}

const char* toString(ComposerRequest::AuthKind kind)
{
    using Kind = ComposerRequest::AuthKind;
    switch (kind) {
    case Kind::None:
        return "none";
    case Kind::Bearer:
        return "bearer";
    case Kind::ApiKey:
        return "apiKey";
    case Kind::Basic:
        return "basic";
    }
    return "none";
}

using jsonfile::jsonQuoted;
using jsonfile::jsonString;
using jsonfile::Reader;

namespace {

using BodyKind = ComposerRequest::BodyKind;
using AuthKind = ComposerRequest::AuthKind;

// Timeouts beyond a day are typos, not intentions.
constexpr long long kMaxTimeoutMs = 86'400'000;

std::optional<BodyKind> bodyKindFromString(std::string_view s)
{
    for (BodyKind k :
        { BodyKind::None, BodyKind::Raw, BodyKind::Form, BodyKind::Multipart, BodyKind::File }) {
        if (s == toString(k))
            return k;
    }
    return std::nullopt;
}

std::optional<AuthKind> authKindFromString(std::string_view s)
{
    for (AuthKind k : { AuthKind::None, AuthKind::Bearer, AuthKind::ApiKey, AuthKind::Basic }) {
        if (s == toString(k))
            return k;
    }
    return std::nullopt;
}

bool hasLineBreakOrNul(std::string_view s)
{
    return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

json::array namedPairs(const std::vector<std::pair<std::string, std::string>>& pairs)
{
    json::array list;
    for (const auto& [name, value] : pairs) {
        json::object o;
        o["name"] = jsonString(name);
        o["value"] = jsonString(value);
        list.push_back(std::move(o));
    }
    return list;
}

/// Reads [{"name", "value"}, ...]. Names and values that end up in a header
/// line must not break it, so line breaks are refused where `headerLike`.
std::vector<std::pair<std::string, std::string>> readNamedPairs(Reader& r, const json::array& list,
    const std::string& pointer, std::string_view what, bool headerLike)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string ip = Reader::child(pointer, i);
        if (!list[i].is_object()) {
            r.error(
                ip, "each " + std::string(what) + " must be an object with \"name\" and \"value\"");
            continue;
        }
        const json::object& o = list[i].get_object();
        std::string name, value;
        r.getString(o, "name", ip, &name);
        r.getString(o, "value", ip, &value);
        if (name.empty())
            r.error(o.contains("name") ? Reader::child(ip, "name") : ip,
                "the " + std::string(what) + " needs a \"name\"");
        else if (headerLike && hasLineBreakOrNul(name))
            r.error(Reader::child(ip, "name"),
                "\"name\" must not contain line breaks or NUL characters");
        if (headerLike && hasLineBreakOrNul(value))
            r.error(Reader::child(ip, "value"),
                "\"value\" must not contain line breaks or NUL characters");
        out.emplace_back(std::move(name), std::move(value));
    }
    return out;
}

} // namespace

void writeComposerRequest(const ComposerRequest& r, json::object* o)
{
    (*o)["method"] = jsonString(r.method);
    (*o)["url"] = jsonString(r.url);
    json::array headers;
    for (const Header& h : r.headers) {
        json::object ho;
        ho["name"] = jsonString(h.name);
        ho["value"] = jsonString(h.value);
        headers.push_back(std::move(ho));
    }
    (*o)["headers"] = std::move(headers);

    // Only what the chosen kind sends is written: text left behind in another
    // tab of the editor is not part of the request.
    json::object body;
    body["kind"] = toString(r.bodyKind);
    switch (r.bodyKind) {
    case BodyKind::None:
        break;
    case BodyKind::Raw:
    case BodyKind::Form:
        body["text"] = jsonString(r.body);
        break;
    case BodyKind::Multipart:
        body["fields"] = namedPairs(r.formFields);
        break;
    case BodyKind::File:
        body["file"] = jsonString(r.bodyFile);
        break;
    }
    (*o)["body"] = std::move(body);

    json::object auth;
    auth["kind"] = toString(r.auth);
    if (r.auth == AuthKind::ApiKey)
        auth["header"] = jsonString(r.apiKeyHeader);
    if (r.auth == AuthKind::Bearer || r.auth == AuthKind::ApiKey) {
        // A workspace key's secret lives only in the app's memory (keys.json
        // has its hash); the file names the key and the secret is looked up
        // at send time, so a shared workspace never carries it.
        if (!r.keyId.empty())
            auth["keyId"] = jsonString(r.keyId);
        else
            auth["token"] = jsonString(r.token);
    }
    if (r.auth == AuthKind::Basic) {
        auth["user"] = jsonString(r.basicUser);
        auth["password"] = jsonString(r.basicPassword);
    }
    (*o)["auth"] = std::move(auth);

    json::object options;
    options["followRedirects"] = r.followRedirects;
    options["http2"] = r.http2;
    options["compressed"] = r.compressed;
    options["insecure"] = r.insecure;
    options["connectTimeoutMs"] = r.connectTimeoutMs;
    options["totalTimeoutMs"] = r.totalTimeoutMs;
    (*o)["options"] = std::move(options);
    if (!r.checks.empty())
        (*o)["tests"] = writeRequestChecks(r.checks);
}

void readComposerRequest(
    Reader& r, const json::object& o, const std::string& pointer, ComposerRequest* out)
{
    std::string word;
    if (r.getString(o, "method", pointer, &word)) {
        // Custom methods (PROPFIND, PURGE) are fine; anything that is not an
        // HTTP token would corrupt the request line.
        if (word.empty() || !std::all_of(word.begin(), word.end(), isTokenChar))
            r.error(Reader::child(pointer, "method"),
                "\"method\" must be an HTTP method such as \"GET\" or \"POST\"");
        else
            out->method = word;
    }
    if (r.getString(o, "url", pointer, &out->url) && hasLineBreakOrNul(out->url))
        r.error(Reader::child(pointer, "url"), "\"url\" must not contain line breaks");
    if (const json::array* headers = r.getArray(o, "headers", pointer)) {
        out->headers.clear();
        for (auto& [name, value] :
            readNamedPairs(r, *headers, Reader::child(pointer, "headers"), "header", true))
            out->headers.push_back({ std::move(name), std::move(value) });
    }

    if (const json::object* body = r.getObject(o, "body", pointer)) {
        const std::string bp = Reader::child(pointer, "body");
        if (r.getString(*body, "kind", bp, &word)) {
            if (auto kind = bodyKindFromString(word))
                out->bodyKind = *kind;
            else
                r.error(Reader::child(bp, "kind"),
                    "unknown body kind " + jsonQuoted(word)
                        + " (expected none, raw, form, multipart or file)");
        }
        r.getString(*body, "text", bp, &out->body);
        if (const json::array* fields = r.getArray(*body, "fields", bp))
            out->formFields
                = readNamedPairs(r, *fields, Reader::child(bp, "fields"), "field", false);
        r.getString(*body, "file", bp, &out->bodyFile);
        if (out->bodyKind == BodyKind::File && out->bodyFile.empty())
            r.error(body->contains("file") ? Reader::child(bp, "file") : bp,
                "a body of kind \"file\" needs a \"file\" to send");
    }

    if (const json::object* auth = r.getObject(o, "auth", pointer)) {
        const std::string ap = Reader::child(pointer, "auth");
        if (r.getString(*auth, "kind", ap, &word)) {
            if (auto kind = authKindFromString(word))
                out->auth = *kind;
            else
                r.error(Reader::child(ap, "kind"),
                    "unknown auth kind " + jsonQuoted(word)
                        + " (expected none, bearer, apiKey or basic)");
        }
        r.getString(*auth, "token", ap, &out->token);
        r.getString(*auth, "keyId", ap, &out->keyId);
        if (r.getString(*auth, "header", ap, &out->apiKeyHeader)
            && (out->apiKeyHeader.empty() || hasLineBreakOrNul(out->apiKeyHeader)))
            r.error(Reader::child(ap, "header"),
                "\"header\" must name the header that carries the key, e.g. \"X-API-Key\"");
        r.getString(*auth, "user", ap, &out->basicUser);
        r.getString(*auth, "password", ap, &out->basicPassword);
        if (hasLineBreakOrNul(out->token))
            r.error(Reader::child(ap, "token"), "\"token\" must not contain line breaks");
    }

    if (const json::object* options = r.getObject(o, "options", pointer)) {
        const std::string op = Reader::child(pointer, "options");
        r.getBool(*options, "followRedirects", op, &out->followRedirects);
        r.getBool(*options, "http2", op, &out->http2);
        r.getBool(*options, "compressed", op, &out->compressed);
        r.getBool(*options, "insecure", op, &out->insecure);
        r.readInt(*options, "connectTimeoutMs", op, 0, kMaxTimeoutMs, &out->connectTimeoutMs);
        r.readInt(*options, "totalTimeoutMs", op, 0, kMaxTimeoutMs, &out->totalTimeoutMs);
    }
    if (const json::object* tests = r.getObject(o, "tests", pointer))
        readRequestChecks(r, *tests, Reader::child(pointer, "tests"), &out->checks);
}

} // namespace tollgate::server
