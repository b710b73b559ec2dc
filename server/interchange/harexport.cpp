#include "server/interchange/harexport.h"

#include "server/common/httpstatus.h"
#include "server/common/text.h"
#include "server/composer/variables.h"
#include "server/interchange/exportsupport.h"
#include "server/interchange/importsupport.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
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
        headers.push_back(json::object {
            { "name", name }, { "value", isCredentialField(name) ? kRedacted : value } });
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
                params.push_back(
                    json::object { { "name", name }, { "fileName", value.substr(1) } });
            else
                params.push_back(json::object { { "name", name }, { "value", value } });
        }
        request["postData"] = json::object { { "mimeType", "multipart/form-data" },
            { "params", std::move(params) } };
    }

    json::object response { { "status", entry.status }, { "statusText", "" },
        { "httpVersion", "HTTP/1.1" }, { "cookies", json::array {} }, { "headers", json::array {} },
        { "content", json::object { { "size", entry.bytes }, { "mimeType", "" } } },
        { "redirectURL", "" }, { "headersSize", -1 }, { "bodySize", entry.bytes } };
    if (!entry.error.empty())
        response["_error"] = entry.error; // HAR's custom fields start with '_'

    json::object out { { "startedDateTime", isoMillis(entry.timeMs) }, { "time", entry.totalMs },
        { "request", std::move(request) }, { "response", std::move(response) },
        { "cache", json::object {} },
        { "timings",
            json::object { { "send", 0 }, { "wait", entry.totalMs }, { "receive", 0 } } } };
    if (!entry.environment.empty())
        out["comment"] = "environment: " + entry.environment;
    return out;
}

constexpr std::string_view kTrafficComment
    = "Tollgate's traffic log: what the server answered. The log keeps the time, method, "
      "target, status, latency, bytes sent and request id of each request, no header fields "
      "or bodies.";

/// {"log": {...}} as pretty JSON.
std::string harText(json::array entries, std::string_view comment = {})
{
    json::object log { { "version", "1.2" },
        { "creator", json::object { { "name", "Tollgate" }, { "version", TOLLGATE_VERSION } } },
        { "entries", std::move(entries) } };
    if (!comment.empty())
        log["comment"] = comment;
    return jsonfile::toPrettyText(json::object { { "log", std::move(log) } });
}

json::object trafficEntryOf(const TrafficEvent& event, const std::string& baseUrl)
{
    using namespace std::chrono;
    // The event's time is when the answer went out; the request came
    // latency earlier.
    const std::int64_t answeredUs
        = duration_cast<microseconds>(event.time.time_since_epoch()).count();
    const std::int64_t startedMs = (answeredUs - std::int64_t(event.latencyUs)) / 1000;
    const double ms = event.latencyUs / 1000.0;
    // A target is a path ("/v1/users?page=2"); an absolute one is a URL already.
    const bool absolute
        = event.target.starts_with("http://") || event.target.starts_with("https://");
    const std::string url = absolute ? event.target : baseUrl + event.target;
    const auto bytes = static_cast<std::int64_t>(event.bytesOut);

    json::object request { { "method", event.method }, { "url", url },
        { "httpVersion", "HTTP/1.1" }, { "cookies", json::array {} }, { "headers", json::array {} },
        { "queryString", queryOf(url) }, { "headersSize", -1 }, { "bodySize", -1 } };
    json::array headers;
    if (!event.requestId.empty())
        headers.push_back(
            json::object { { "name", "X-Request-ID" }, { "value", event.requestId } });
    json::object response { { "status", event.status },
        { "statusText", event.status == 0 ? "" : reasonPhrase(event.status) },
        { "httpVersion", event.status == 0 ? "" : "HTTP/1.1" }, { "cookies", json::array {} },
        { "headers", std::move(headers) },
        { "content", json::object { { "size", bytes }, { "mimeType", "" } } },
        { "redirectURL", "" }, { "headersSize", -1 }, { "bodySize", bytes } };
    std::string comment = "from the traffic log: no header fields or bodies were kept";
    if (event.status == 0) {
        response["_error"] = "connection reset"; // HAR's custom fields start with '_'
        comment += "; the connection was reset instead of answered";
    }
    if (!event.keyId.empty())
        comment += "; key " + event.keyId;

    return json::object { { "startedDateTime", isoMillis(startedMs) }, { "time", ms },
        { "request", std::move(request) }, { "response", std::move(response) },
        { "cache", json::object {} },
        { "timings", json::object { { "send", 0 }, { "wait", ms }, { "receive", 0 } } },
        { "comment", std::move(comment) } };
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
            result.notes.push_back(
                { ImportNote::Kind::Approximated, entry.request.method + ' ' + entry.request.url,
                    "left as written: variables the environment \"" + entry.environment
                        + "\" does not define (" + commaList(unknown) + ")" });
        entries.push_back(entryOf(entry, sent));
        ++result.entries;
    }
    result.text = harText(std::move(entries));
    return result;
}

HarExport exportWorkspaceHistoryHar(const Workspace& ws)
{
    return exportHistoryHar(
        ws, HistoryLog(ws.dir / ".tollgate" / "history.jsonl").load(), workspaceUrl(ws));
}

HarExport exportTrafficHar(const std::vector<TrafficEvent>& events, const std::string& baseUrl)
{
    HarExport result;
    json::array entries;
    int resets = 0;
    std::size_t truncated = 0;
    for (const TrafficEvent& event : events) {
        entries.push_back(trafficEntryOf(event, baseUrl));
        ++result.entries;
        resets += event.status == 0 ? 1 : 0;
        truncated += event.target.size() >= TrafficQueue::kMaxTarget ? 1 : 0;
    }
    const std::string count = std::to_string(result.entries) + " request(s)";
    result.notes.push_back({ ImportNote::Kind::Approximated, "traffic log",
        count
            + ": the traffic log keeps no header fields or bodies, so requests carry none and "
              "responses only X-Request-ID; sizes are the bytes sent for the whole answer, "
              "header included" });
    if (resets > 0)
        result.notes.push_back({ ImportNote::Kind::Approximated, "traffic log",
            std::to_string(resets)
                + " request(s) were reset instead of answered: written with status 0 and "
                  "\"_error\": \"connection reset\", as browsers write a request without an "
                  "answer" });
    if (truncated > 0)
        result.notes.push_back({ ImportNote::Kind::Approximated, "traffic log",
            std::to_string(truncated) + " URL(s) end early: the traffic log keeps the first "
                + std::to_string(TrafficQueue::kMaxTarget) + " bytes of a target" });
    result.text = harText(std::move(entries), kTrafficComment);
    return result;
}

} // namespace tollgate::server
