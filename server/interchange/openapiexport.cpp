#include "server/interchange/openapiexport.h"

#include "server/common/httpstatus.h"
#include "server/common/text.h"
#include "server/interchange/exportsupport.h"
#include "server/interchange/importmerge.h"
#include "server/stream/sseformat.h"
#include "server/stream/tokenstream.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/ssefile.h"
#include "server/workspace/wsfile.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// A JSON body as its value, anything else as a string.
json::value exampleValue(const std::string& text, const std::string& mediaType)
{
    const std::string lower = lowerAscii(mediaType);
    const bool jsonish = lower.find("json") != std::string::npos || mediaType.empty();
    if (jsonish) {
        boost::system::error_code ec;
        json::value v = json::parse(text, ec);
        if (!ec)
            return v;
    }
    return json::string(text);
}

/// "/files/{wildcard}" for "/files/*", and the parameter names in order.
std::string documentPath(const std::string& path, std::vector<std::string>* params)
{
    std::string out;
    for (const PathPiece& piece : pathPieces(path)) {
        if (piece.kind == PathPiece::Literal) {
            out += piece.text;
            continue;
        }
        const std::string name
            = piece.kind == PathPiece::Wildcard ? std::string("wildcard") : piece.text;
        params->push_back(name);
        out += '{' + name + '}';
    }
    return out;
}

std::string slug(const std::string& label, std::size_t index)
{
    std::string out;
    for (char c : label) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += asciiLower(c);
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "response-" + std::to_string(index + 1) : out;
}

class Exporter {
public:
    Exporter(const Workspace& ws, std::string serverUrl)
        : m_ws(ws)
        , m_serverUrl(std::move(serverUrl))
    {
    }

    OpenApiExport run()
    {
        json::object doc;
        doc["openapi"] = "3.1.0";
        json::object info;
        info["title"] = m_ws.name.empty() ? std::string("Untitled") : m_ws.name;
        info["version"] = "1.0.0";
        info["description"] = description();
        doc["info"] = std::move(info);
        if (m_serverUrl.empty())
            m_serverUrl = workspaceUrl(m_ws);
        doc["servers"] = json::array { json::object {
            { "url", m_serverUrl }, { "description", "Tollgate serving this workspace" } } };

        json::object paths;
        std::map<std::string, std::string> keyOfShape; // shape -> path key
        std::set<std::string> operations; // "GET /path" already written
        std::set<std::string> ids;
        for (const Route& route : m_ws.routes) {
            std::vector<std::string> params;
            std::string key = documentPath(route.path, &params);
            const std::string what = route.method + ' ' + route.path;
            if (route.path.ends_with("*"))
                note(ImportNote::Kind::Approximated, what,
                    "the wildcard \"*\" is written as the path parameter {wildcard}, which "
                    "matches one segment only");
            const std::string shape = routeShape(key);
            if (auto it = keyOfShape.find(shape); it != keyOfShape.end())
                key = it->second; // one path key per shape (OpenAPI forbids two)
            else
                keyOfShape.emplace(shape, key);
            params.clear();
            documentPath(key, &params);
            if (!operations.insert(route.method + ' ' + key).second) {
                note(ImportNote::Kind::Skipped, what,
                    "another route with the same method and path comes first; only that one "
                    "is documented");
                continue;
            }
            json::value& item = paths[key];
            if (!item.is_object())
                item = json::object();
            item.get_object()[lowerAscii(route.method)] = operation(route, params, &ids);
        }
        doc["paths"] = std::move(paths);

        if (m_needsKeys) {
            json::object schemes;
            schemes["ApiKey"] = json::object { { "type", "apiKey" }, { "in", "header" },
                { "name", "X-API-Key" },
                { "description", "A Tollgate API key; its tier sets the limits and prices." } };
            schemes["Bearer"] = json::object { { "type", "http" }, { "scheme", "bearer" },
                { "description", "The same API key as a bearer token." } };
            json::object components;
            components["securitySchemes"] = std::move(schemes);
            doc["components"] = std::move(components);
        }
        doc["x-tollgate-tiers"] = tiers();

        OpenApiExport out;
        out.text = jsonfile::toPrettyText(doc);
        out.notes = std::move(m_notes);
        return out;
    }

private:
    void note(ImportNote::Kind kind, const std::string& where, std::string message)
    {
        m_notes.push_back({ kind, where, std::move(message) });
    }

    std::string description() const
    {
        std::string text = m_ws.description;
        const std::string tiers = tiersMarkdown(m_ws);
        if (!text.empty() && !tiers.empty())
            text += "\n\n";
        return text + tiers;
    }

    json::array tiers() const
    {
        json::array out;
        for (const Tier& t : m_ws.tiers) {
            out.push_back(json::object {
                { "id", t.id },
                { "name", t.name },
                { "requestsPerMinute", t.requestsPerMinute },
                { "burst", t.burst },
                { "monthlyQuota", t.monthlyQuota },
                { "pricePerRequestMicros", t.pricePerRequestMicros },
                { "monthlyFeeMicros", t.monthlyFeeMicros },
                { "overagePriceMicros", t.overagePriceMicros },
                { "overQuota", toString(t.overQuota) },
            });
        }
        return out;
    }

    json::object operation(
        const Route& route, const std::vector<std::string>& pathParams, std::set<std::string>* ids)
    {
        const std::string what = route.method + ' ' + route.path;
        json::object op;
        const std::size_t split = route.description.find("\n\n");
        const std::string summary = route.description.substr(0, split);
        if (!summary.empty())
            op["summary"] = summary;
        if (split != std::string::npos)
            op["description"] = route.description.substr(split + 2);
        op["operationId"] = operationId(route, ids);

        json::array parameters;
        for (const std::string& name : pathParams)
            parameters.push_back(json::object { { "name", name }, { "in", "path" },
                { "required", true }, { "schema", json::object { { "type", "string" } } } });
        for (const std::string& name : route.validation.requiredQuery)
            parameters.push_back(json::object { { "name", name }, { "in", "query" },
                { "required", true }, { "schema", json::object { { "type", "string" } } } });
        for (const std::string& name : route.validation.requiredHeaders)
            parameters.push_back(json::object { { "name", name }, { "in", "header" },
                { "required", true }, { "schema", json::object { { "type", "string" } } } });
        if (!parameters.empty())
            op["parameters"] = std::move(parameters);

        if (!route.validation.bodySchema.empty()) {
            boost::system::error_code ec;
            json::value schema = json::parse(route.validation.bodySchema, ec);
            if (!ec) {
                op["requestBody"] = json::object { { "required", route.validation.bodyRequired },
                    { "content",
                        json::object { { "application/json",
                            json::object { { "schema", std::move(schema) } } } } } };
            }
        }

        op["responses"] = responses(route, what);

        if (route.access.keyRequired) {
            m_needsKeys = true;
            json::array scopes;
            for (const std::string& s : route.access.scopes)
                scopes.push_back(json::string(s));
            op["security"] = json::array { json::object { { "ApiKey", scopes } },
                json::object { { "Bearer", scopes } } };
        }

        // What only Tollgate knows, for people and for a round trip.
        if (!route.enabled)
            op["x-tollgate-enabled"] = false;
        if (route.validation.enabled)
            op["x-tollgate-validate"] = true;
        if (route.access.priceMicros >= 0)
            op["x-tollgate-price-micros"] = route.access.priceMicros;
        if (route.access.costMicros > 0)
            op["x-tollgate-cost-micros"] = route.access.costMicros;
        if (route.access.requestsPerMinute > 0)
            op["x-tollgate-rate-limit"]
                = json::object { { "requestsPerMinute", route.access.requestsPerMinute },
                      { "burst", route.access.burst } };
        if (route.latency != Latency {})
            op["x-tollgate-latency"] = json::object { { "minMs", route.latency.minMs },
                { "maxMs", route.latency.maxMs } };
        if (route.failure.percent > 0)
            op["x-tollgate-failure"] = json::object { { "percent", route.failure.percent },
                { "status", route.failure.status }, { "reset", route.failure.reset } };
        if (route.responder == RouteResponder::Sse)
            op["x-tollgate-sse"] = sseToJson(route.sse);
        if (route.responder == RouteResponder::WebSocket)
            op["x-tollgate-websocket"] = wsToJson(route.websocket);
        if (route.responder == RouteResponder::Upstream || !route.upstream.url.empty())
            op["x-tollgate-upstream"] = json::object { { "url", route.upstream.url },
                { "forwards", route.responder == RouteResponder::Upstream } };
        return op;
    }

    /// An SSE route's 200: text/event-stream, with the start of the stream as
    /// the example (templates as written).
    json::object streamResponse(const Route& route, const std::string& what)
    {
        std::string example;
        if (route.sse.mode == SseMode::Tokens) {
            ChatChunk c { ChatChunk::Kind::Role, "chatcmpl-example", 0, route.sse.model, {} };
            appendSseEvent(example, {}, chatChunkJson(c), "0", 0);
            const auto tokens = splitTokens(route.sse.text);
            c.kind = ChatChunk::Kind::Content;
            c.content = tokens.empty() ? std::string_view() : tokens.front();
            appendSseEvent(example, {}, chatChunkJson(c), "1", 0);
            appendSseEvent(example, {}, kChatDone, {}, 0);
        } else {
            for (const SseEvent& e : route.sse.events)
                appendSseEvent(example, e.event, e.data, e.id, e.retryMs);
        }
        if (example.find("{{") != std::string::npos)
            note(ImportNote::Kind::Approximated, what,
                "the stream's events are templates; the example shows the template text");
        const char* description = route.sse.mode == SseMode::Tokens
            ? "A chat completion streamed as Server-Sent Events (chat.completion.chunk), ended "
              "by [DONE]"
            : "A stream of Server-Sent Events";
        return json::object { { "description", description },
            { "content",
                json::object { { "text/event-stream",
                    json::object { { "schema", json::object { { "type", "string" } } },
                        { "example", example } } } } } };
    }

    json::object responses(const Route& route, const std::string& what)
    {
        // Responses grouped by status, in status order; several become named examples.
        // An SSE route answers with its stream, not its designed responses.
        std::map<int, std::vector<std::size_t>> byStatus;
        // So does a WebSocket route with its upgrade (OpenAPI has no words
        // for the messages; x-tollgate-websocket carries them).
        const bool streams = route.responder == RouteResponder::Sse
            || route.responder == RouteResponder::WebSocket;
        for (std::size_t i = 0; i < route.responses.size(); ++i)
            if (!streams)
                byStatus[route.responses[i].status].push_back(i);
        json::object out;
        if (route.responder == RouteResponder::Sse)
            out["200"] = streamResponse(route, what);
        if (route.responder == RouteResponder::WebSocket)
            out["101"] = json::object { { "description",
                "Switching Protocols: a WebSocket session (see x-tollgate-websocket for what it "
                "says)" } };
        for (const auto& [status, indexes] : byStatus) {
            const Response& first = route.responses[indexes.front()];
            json::object response;
            std::string description = first.label;
            if (description.empty())
                description = reasonPhrase(status);
            if (description.empty())
                description = "Status " + std::to_string(status);
            response["description"] = description;

            json::object headers;
            for (const Header& h : first.headers) {
                if (iequals(h.name, "Content-Type"))
                    continue;
                bool templated = false;
                const std::string value = servedText(h.value, &templated);
                headers[h.name]
                    = json::object { { "schema", json::object { { "type", "string" } } },
                          { "example", value } };
            }
            if (!headers.empty())
                response["headers"] = std::move(headers);

            std::string mediaType;
            json::object examples;
            json::value single;
            bool any = false;
            for (std::size_t n = 0; n < indexes.size(); ++n) {
                const Response& r = route.responses[indexes[n]];
                std::string body;
                {
                    std::string error;
                    if (!readResponseBody(m_ws, r, &body, &error)) {
                        note(ImportNote::Kind::Skipped, what, error);
                        continue;
                    }
                }
                bool templated = false;
                const std::string text = servedText(body, &templated);
                if (templated)
                    note(ImportNote::Kind::Approximated, what,
                        "the " + std::to_string(r.status)
                            + " body is a template; its example is the template text");
                const std::string media = responseMediaType(r, text);
                if (media.empty())
                    continue;
                if (mediaType.empty())
                    mediaType = media;
                json::value value = exampleValue(text, media);
                any = true;
                if (indexes.size() == 1) {
                    single = std::move(value);
                } else {
                    std::string name = slug(r.label, n);
                    while (examples.contains(name))
                        name += "-" + std::to_string(n + 1);
                    json::object example { { "value", std::move(value) } };
                    if (!r.label.empty())
                        example["summary"] = r.label;
                    examples[name] = std::move(example);
                }
            }
            if (any) {
                json::object media;
                // The answer's own schema (an import's), written back.
                boost::system::error_code ec;
                if (json::value schema = json::parse(first.schema, ec); !first.schema.empty() && !ec)
                    media["schema"] = std::move(schema);
                if (indexes.size() == 1)
                    media["example"] = std::move(single);
                else
                    media["examples"] = std::move(examples);
                response["content"] = json::object { { mediaType, std::move(media) } };
            }
            out[std::to_string(status)] = std::move(response);
        }
        // What Tollgate itself answers on a key-protected route.
        if (route.access.keyRequired) {
            auto generated = [&](int status, const char* text) {
                const std::string code = std::to_string(status);
                if (out.contains(code))
                    return;
                json::object response { { "description", text }, { "x-tollgate-generated", true },
                    { "content",
                        json::object { { "application/problem+json",
                            json::object {
                                { "schema", json::object { { "type", "object" } } } } } } } };
                if (status == 429)
                    response["headers"] = json::object {
                        { "Retry-After",
                            json::object { { "schema", json::object { { "type", "integer" } } } } },
                        { "RateLimit",
                            json::object { { "schema", json::object { { "type", "string" } } } } },
                        { "RateLimit-Policy",
                            json::object { { "schema", json::object { { "type", "string" } } } } }
                    };
                out[code] = std::move(response);
            };
            generated(401, "No valid API key (sent as X-API-Key or a bearer token).");
            if (!route.access.scopes.empty())
                generated(403, "The key lacks a scope this operation needs.");
            generated(429, "The key's rate limit or monthly quota is used up.");
        }
        return out;
    }

    const Workspace& m_ws;
    std::string m_serverUrl;
    bool m_needsKeys = false;
    std::vector<ImportNote> m_notes;
};

} // namespace

OpenApiExport exportOpenApi(const Workspace& ws, const std::string& serverUrl)
{
    return Exporter(ws, serverUrl).run();
}

} // namespace tollgate::server
