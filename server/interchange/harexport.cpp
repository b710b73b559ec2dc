#include "server/interchange/harexport.h"

#include "server/common/text.h"
#include "server/composer/variables.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdio>

namespace tollgate::server {

namespace json = boost::json;

namespace {

constexpr std::string_view kRedacted = "[redacted]";

bool isCredentialField(std::string_view name)
{
    return iequals(name, "Authorization") || iequals(name, "Proxy-Authorization")
        || iequals(name, "X-API-Key") || iequals(name, "Cookie");
}

/// "2026-12-06T08:15:38.123Z".
std::string isoMillis(std::int64_t unixMs)
{
    std::string seconds = formatUtcTime(unixMs / 1000); // ends in 'Z'
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03lld", static_cast<long long>(unixMs % 1000));
    seconds.insert(seconds.size() - 1, millis);
    return seconds;
}

json::array queryOf(const std::string& url)
{
    json::array out;
    const std::size_t q = url.find('?');
    if (q == std::string::npos)
        return out;
    std::string_view query = std::string_view(url).substr(q + 1);
    query = query.substr(0, query.find('#'));
    for (const auto& [name, value] : parseQuery(query))
        out.push_back(json::object { { "name", name }, { "value", value } });
    return out;
}

json::object entryOf(const HistoryEntry& entry, const ComposerRequest& sent)
{
    json::array headers;
    auto header = [&](std::string_view name, std::string_view value) {
        headers.push_back(json::object { { "name", name },
            { "value", isCredentialField(name) ? kRedacted : value } });
    };
    for (const Header& h : sent.headers)
        header(h.name, h.value);
    switch (sent.auth) {
    case ComposerRequest::AuthKind::Bearer:
    case ComposerRequest::AuthKind::Basic:
        header("Authorization", kRedacted);
        break;
    case ComposerRequest::AuthKind::ApiKey:
        header(sent.apiKeyHeader.empty() ? std::string("X-API-Key") : sent.apiKeyHeader, kRedacted);
        break;
    case ComposerRequest::AuthKind::None:
        break;
    }

    json::object request { { "method", sent.method }, { "url", sent.url },
        { "httpVersion", sent.http2 ? "HTTP/2" : "HTTP/1.1" }, { "cookies", json::array {} },
        { "headers", std::move(headers) }, { "queryString", queryOf(sent.url) },
        { "headersSize", -1 }, { "bodySize", 0 } };
    std::string mimeType;
    for (const Header& h : sent.headers)
        if (iequals(h.name, "Content-Type"))
            mimeType = h.value;
    if (sent.bodyKind == ComposerRequest::BodyKind::Raw
        || sent.bodyKind == ComposerRequest::BodyKind::Form) {
        if (mimeType.empty())
            mimeType = sent.bodyKind == ComposerRequest::BodyKind::Form
                ? "application/x-www-form-urlencoded"
                : "text/plain";
        request["postData"] = json::object { { "mimeType", mimeType }, { "text", sent.body } };
        request["bodySize"] = static_cast<std::int64_t>(sent.body.size());
    } else if (sent.bodyKind == ComposerRequest::BodyKind::Multipart) {
        json::array params;
        for (const auto& [name, value] : sent.formFields) {
            if (!value.empty() && value.front() == '@')
                params.push_back(json::object { { "name", name }, { "fileName", value.substr(1) } });
            else
                params.push_back(json::object { { "name", name }, { "value", value } });
        }
        request["postData"] = json::object {
            { "mimeType", "multipart/form-data" }, { "params", std::move(params) } };
    }

    json::object response { { "status", entry.status },
        { "statusText", "" }, { "httpVersion", "HTTP/1.1" }, { "cookies", json::array {} },
        { "headers", json::array {} },
        { "content", json::object { { "size", entry.bytes }, { "mimeType", "" } } },
        { "redirectURL", "" }, { "headersSize", -1 }, { "bodySize", entry.bytes } };
    if (!entry.error.empty())
        response["_error"] = entry.error; // HAR's custom fields start with '_'

    json::object out { { "startedDateTime", isoMillis(entry.timeMs) },
        { "time", entry.totalMs }, { "request", std::move(request) },
        { "response", std::move(response) }, { "cache", json::object {} },
        { "timings",
            json::object { { "send", 0 }, { "wait", entry.totalMs }, { "receive", 0 } } } };
    if (!entry.environment.empty())
        out["comment"] = "environment: " + entry.environment;
    return out;
}

} // namespace

HarExport exportHistoryHar(
    const Workspace& ws, const std::vector<HistoryEntry>& history, const std::string& baseUrl)
{
    HarExport result;
    json::array entries;
    for (const HistoryEntry& entry : history) {
        Environment environment { entry.environment, {} };
        for (const Environment& e : ws.environments)
            if (e.name == entry.environment)
                environment = e;
        std::vector<std::string> unknown;
        const ComposerRequest sent = expandRequest(
            entry.request, environmentLookup(environment, { { "baseUrl", baseUrl } }), &unknown);
        if (!unknown.empty())
            result.notes.push_back({ ImportNote::Kind::Approximated,
                entry.request.method + ' ' + entry.request.url,
                "left as written: variables the environment \"" + entry.environment
                    + "\" does not define (" + [&] {
                          std::string names;
                          for (const std::string& n : unknown)
                              names += (names.empty() ? "" : ", ") + n;
                          return names;
                      }() + ")" });
        entries.push_back(entryOf(entry, sent));
        ++result.entries;
    }
    json::object log { { "version", "1.2" },
        { "creator", json::object { { "name", "Tollgate" }, { "version", TOLLGATE_VERSION } } },
        { "entries", std::move(entries) } };
    result.text = jsonfile::toPrettyText(json::object { { "log", std::move(log) } });
    return result;
}

} // namespace tollgate::server
