#include "server/interchange/fastapiexport.h"

#include "server/interchange/fastapisources.h"

#include "server/access/redislimiter.h"
#include "server/common/files.h"
#include "server/common/text.h"
#include "server/interchange/exportsupport.h"
#include "server/routing/routetable.h"
#include "server/workspace/keysfile.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// A Python string literal: JSON's escapes are all valid in Python.
std::string pyString(std::string_view text)
{
    return json::serialize(json::string(text));
}

std::string pyBool(bool value)
{
    return value ? "True" : "False";
}

std::string pyStringList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (const std::string& item : items)
        out += (out.size() > 1 ? ", " : "") + pyString(item);
    return out + "]";
}

bool isPythonReserved(const std::string& name)
{
    static const std::set<std::string> reserved { "False", "None", "True", "and", "as", "assert",
        "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
        "or", "pass", "raise", "return", "try", "while", "with", "yield",
        // Names the generated handlers and pydantic's BaseModel already use.
        "request", "limits", "copy", "dict", "json", "schema", "schema_json", "construct", "fields",
        "validate", "parse_obj", "parse_raw", "parse_file", "from_orm", "Config",
        "update_forward_refs" };
    return reserved.contains(name) || name.starts_with("model_");
}

/// A Python identifier for name: other characters become '_', a reserved
/// word or a leading digit or underscore gains a letter or a trailing '_'.
std::string identifier(const std::string& name)
{
    std::string out;
    for (char c : name)
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())) || out.front() == '_')
        out.insert(0, "f");
    if (isPythonReserved(out))
        out += '_';
    return out;
}

/// "get_v1_users_id" from "getV1UsersId", for functions and (upper-cased) constants.
std::string snakeCase(const std::string& operation)
{
    std::string out;
    for (char c : operation) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isupper(u) && !out.empty() && out.back() != '_')
            out += '_';
        out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    return identifier(out);
}

/// "GetV1UsersId" from an operation id, for class names.
std::string className(const std::string& operation, const std::string& suffix)
{
    std::string out = operation;
    if (!out.empty())
        out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    return identifier(out + suffix);
}

/// A template made parseable for shape inference: numbers for randomInt
/// sections, empty text for every other tag.
std::string templateSample(const std::string& text)
{
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find("{{", at);
        if (open == std::string::npos) {
            out += text.substr(at);
            break;
        }
        out += text.substr(at, open - at);
        constexpr std::string_view section = "{{#randomInt}}";
        constexpr std::string_view sectionEnd = "{{/randomInt}}";
        const std::string_view rest = std::string_view(text).substr(open);
        if (rest.starts_with(section)) {
            const std::size_t close = text.find(sectionEnd, open);
            if (close == std::string::npos)
                break;
            out += '0';
            at = close + sectionEnd.size();
            continue;
        }
        const bool triple = rest.starts_with("{{{");
        const std::size_t close = text.find(triple ? "}}}" : "}}", open);
        if (close == std::string::npos)
            break;
        at = close + (triple ? 3 : 2);
    }
    return out;
}

/// A JSON Schema describing an example value.
json::value schemaOfExample(const json::value& value)
{
    switch (value.kind()) {
    case json::kind::object: {
        json::object properties;
        for (const auto& member : value.get_object())
            properties[member.key()] = schemaOfExample(member.value());
        return json::object { { "type", "object" }, { "properties", std::move(properties) } };
    }
    case json::kind::array: {
        const json::array& items = value.get_array();
        if (items.empty())
            return json::object { { "type", "array" } };
        return json::object { { "type", "array" }, { "items", schemaOfExample(items.front()) } };
    }
    case json::kind::string:
        return json::object { { "type", "string" } };
    case json::kind::bool_:
        return json::object { { "type", "boolean" } };
    case json::kind::int64:
    case json::kind::uint64:
        return json::object { { "type", "integer" } };
    case json::kind::double_:
        return json::object { { "type", "number" } };
    case json::kind::null:
        break;
    }
    return json::object {};
}

/// pydantic models from JSON Schemas. Every field is optional: the models
/// document the shape, they never turn away a body Tollgate would accept.
class ModelWriter {
public:
    /// The Python type for schema; object schemas become classes named after hint.
    std::string typeOf(const json::value& schema, const std::string& hint, int depth = 0)
    {
        const json::object* object = schema.if_object();
        if (!object || depth > 8)
            return "Any";
        std::string type;
        if (const json::value* t = object->if_contains("type")) {
            if (t->is_string()) {
                type = t->get_string();
            } else if (t->is_array()) {
                for (const json::value& each : t->get_array()) {
                    if (each.is_string() && each.get_string() != "null") {
                        type = each.get_string();
                        break;
                    }
                }
            }
        }
        if (type.empty() && object->contains("properties"))
            type = "object";
        if (type == "string")
            return "str";
        if (type == "integer")
            return "int";
        if (type == "number")
            return "float";
        if (type == "boolean")
            return "bool";
        if (type == "array") {
            const json::value* items = object->if_contains("items");
            return "List[" + (items ? typeOf(*items, hint + "Item", depth + 1) : "Any") + "]";
        }
        if (type != "object")
            return "Any";
        const json::value* properties = object->if_contains("properties");
        if (!properties || !properties->is_object() || properties->get_object().empty())
            return "Dict[str, Any]";
        std::string name = hint;
        for (int n = 2; !m_taken.insert(name).second; ++n)
            name = hint + std::to_string(n);
        std::string body;
        std::set<std::string> fields;
        for (const auto& member : properties->get_object()) {
            const std::string key(member.key());
            std::string field = identifier(key);
            while (!fields.insert(field).second)
                field += '_';
            const std::string fieldType
                = typeOf(member.value(), name + identifierTail(key), depth + 1);
            body += "    " + field + ": Optional[" + fieldType + "] = "
                + (field == key ? std::string("None") : "Field(None, alias=" + pyString(key) + ")")
                + "\n";
        }
        m_classes += "\n\nclass " + name + "(BaseModel):\n" + body;
        return name;
    }

    const std::string& classes() const { return m_classes; }

private:
    static std::string identifierTail(const std::string& key)
    {
        std::string out = identifier(key);
        out.erase(std::remove(out.begin(), out.end(), '_'), out.end());
        if (!out.empty())
            out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
        return out;
    }

    std::string m_classes;
    std::set<std::string> m_taken;
};

/// A body's JSON value after its template tags are filled with placeholders.
std::optional<json::value> exampleJson(const std::string& text)
{
    bool templated = false;
    const std::string served = servedText(text, &templated);
    boost::system::error_code ec;
    json::value value = json::parse(templated ? templateSample(served) : served, ec);
    if (ec)
        return std::nullopt;
    return value;
}

struct PathShape {
    std::string path; ///< FastAPI's path
    std::vector<std::pair<std::string, std::string>> params; ///< FastAPI name, Tollgate name
};

/// Tollgate's path as FastAPI writes it: {name} with Python identifiers as
/// names and a trailing "*" as {rest:path}.
PathShape fastApiPath(const std::string& path)
{
    PathShape out;
    std::set<std::string> taken;
    for (const PathPiece& piece : pathPieces(path)) {
        if (piece.kind == PathPiece::Literal) {
            out.path += piece.text;
            continue;
        }
        const bool wildcard = piece.kind == PathPiece::Wildcard;
        std::string python = wildcard ? std::string("rest") : identifier(piece.text);
        while (!taken.insert(python).second)
            python += '_';
        out.params.emplace_back(python, wildcard ? std::string("*") : piece.text);
        out.path += '{' + python + (wildcard ? ":path}" : "}");
    }
    return out;
}

class Exporter {
public:
    explicit Exporter(const Workspace& ws)
        : m_ws(ws)
    {
    }

    FastApiExport run()
    {
        // Most specific first: Starlette takes the first match, Tollgate the
        // most specific route (literal segments, then parameters, then "*").
        std::vector<const Route*> routes;
        for (const Route& route : m_ws.routes) {
            const std::string what = route.method + ' ' + route.path;
            if (!route.enabled) {
                note(ImportNote::Kind::Skipped, what, "the route is disabled");
                continue;
            }
            if (route.responder == RouteResponder::Sse) {
                note(ImportNote::Kind::Skipped, what,
                    "Server-Sent Events routes are not exported to FastAPI yet");
                continue;
            }
            if (route.responder == RouteResponder::WebSocket) {
                note(ImportNote::Kind::Skipped, what,
                    "WebSocket routes are not exported to FastAPI yet");
                continue;
            }
            routes.push_back(&route);
        }
        std::stable_sort(routes.begin(), routes.end(), [](const Route* a, const Route* b) {
            return specificity(a->path) > specificity(b->path);
        });

        std::string operations;
        std::set<std::string> seen;
        std::set<std::string> ids;
        for (const Route* route : routes) {
            const std::string what = route->method + ' ' + route->path;
            const PathShape shape = fastApiPath(route->path);
            if (!seen.insert(upperAscii(route->method) + ' ' + shape.path).second) {
                note(ImportNote::Kind::Skipped, what,
                    "another route with the same method and path comes first");
                continue;
            }
            operations += operation(*route, shape, operationId(*route, &ids));
        }

        FastApiExport out;
        out.files.push_back({ "main.py", mainPy(operations) });
        out.files.push_back({ "tollgate_runtime.py", std::string(kFastApiRuntimePy) });
        out.files.push_back({ "tollgate_templates.py", std::string(kFastApiTemplatesPy) });
        out.files.push_back({ "keys.json", keysToJson(m_ws.keys) });
        out.files.push_back({ "requirements.txt", std::string(kFastApiRequirements) });
        out.files.push_back({ "README.md", readme() });
        out.notes = std::move(m_notes);
        return out;
    }

private:
    static int specificity(const std::string& path)
    {
        PathTemplate parsed;
        std::string error;
        return parsed.parse(path, &error) ? parsed.specificity() : 0;
    }

    void note(ImportNote::Kind kind, const std::string& where, std::string message)
    {
        m_notes.push_back({ kind, where, std::move(message) });
    }

    std::string operation(const Route& route, const PathShape& shape, const std::string& id)
    {
        const std::string what = route.method + ' ' + route.path;
        const std::string constant = upperAscii(snakeCase(id));
        if (route.responder == RouteResponder::Upstream)
            note(ImportNote::Kind::Approximated, what,
                "forwarding to " + route.upstream.url
                    + " is not carried over; the route answers with its designed responses");
        if (route.failure.percent > 0 && route.failure.reset)
            note(ImportNote::Kind::Approximated, what,
                "injected connection resets are answered as 503 problems");
        if (route.validation.enabled && !route.validation.bodySchema.empty())
            note(ImportNote::Kind::Approximated, what,
                "the request body's JSON Schema is documented but not enforced");

        // The route as data for the runtime.
        std::string spec = constant + " = RouteSpec(\n    "
            + pyString(upperAscii(route.method) + ' ' + route.path) + ",\n    responses=[\n";
        std::string responsesDoc;
        std::set<int> documented;
        for (std::size_t i = 0; i < route.responses.size(); ++i) {
            const Response& r = route.responses[i];
            std::string body, error;
            if (!readResponseBody(m_ws, r, &body, &error)) {
                note(ImportNote::Kind::Approximated, what,
                    error + "; the response has an empty body");
                body.clear();
            }
            std::string headers = "[";
            for (const Header& h : r.headers)
                headers += (headers.size() > 1 ? ", (" : "(") + pyString(h.name) + ", "
                    + pyString(h.value) + ")";
            headers += "]";
            spec += "        Answer(" + std::to_string(r.status) + ", " + headers
                + ",\n               " + pyString(body) + ", " + pyString(r.label) + "),\n";
            if (!documented.insert(r.status).second)
                continue;
            std::string description
                = r.label.empty() ? "Status " + std::to_string(r.status) : r.label;
            std::string entry = "{\"description\": " + pyString(description);
            if (responseMediaType(r, body).find("json") != std::string::npos) {
                if (const auto example = exampleJson(body); example && example->is_object()) {
                    const std::string model = m_models.typeOf(schemaOfExample(*example),
                        className(id, "Response" + std::to_string(r.status)));
                    entry += ", \"model\": " + model;
                }
            }
            responsesDoc
                += "                   " + std::to_string(r.status) + ": " + entry + "},\n";
        }
        spec += "    ],\n";
        if (!route.rules.empty()) {
            spec += "    rules=[\n";
            for (const Rule& rule : route.rules)
                spec += std::string("        Rule(") + pyString(toString(rule.source)) + ", "
                    + pyString(rule.key) + ", " + pyString(toString(rule.op)) + ", "
                    + pyString(rule.value) + ", " + std::to_string(rule.response) + "),\n";
            spec += "    ],\n";
        }
        spec += std::string("    mode=") + pyString(toString(route.mode))
            + ", default_response=" + std::to_string(route.defaultResponse) + ",\n";
        if (route.latency != Latency {})
            spec += "    latency_ms=(" + std::to_string(route.latency.minMs) + ", "
                + std::to_string(route.latency.maxMs) + "),\n";
        if (route.failure.percent > 0)
            spec += "    failure=(" + json::serialize(json::value(route.failure.percent)) + ", "
                + std::to_string(route.failure.reset ? 503 : route.failure.status) + "),\n";
        spec += "    body_limit=" + std::to_string(route.bodyLimit) + ",\n";
        if (route.access.keyRequired)
            spec += "    access=Access(key_required=True, scopes="
                + pyStringList(route.access.scopes)
                + ", requests_per_minute=" + std::to_string(route.access.requestsPerMinute)
                + ", burst=" + std::to_string(route.access.burst) + "),\n";
        const RequestValidation& v = route.validation;
        if (v.enabled)
            spec += "    validation=Validation(enabled=True, required_query="
                + pyStringList(v.requiredQuery)
                + ", required_headers=" + pyStringList(v.requiredHeaders)
                + ", body_required=" + pyBool(v.bodyRequired) + "),\n";
        std::string names;
        for (const auto& [python, tollgate] : shape.params) {
            if (python != tollgate)
                names += (names.empty() ? "" : ", ") + pyString(python) + ": " + pyString(tollgate);
        }
        if (!names.empty())
            spec += "    param_names={" + names + "},\n";
        spec += ")\n";

        // The request body's model, for /docs only.
        std::optional<json::value> requestSchema;
        if (!v.bodySchema.empty()) {
            boost::system::error_code ec;
            json::value schema = json::parse(v.bodySchema, ec);
            if (!ec)
                requestSchema = std::move(schema);
        }
        if (!requestSchema) {
            for (const Rule& rule : route.rules) {
                if (rule.source == RuleSource::Body)
                    m_bodyKeys[id].push_back(rule.key);
            }
            if (const auto it = m_bodyKeys.find(id); it != m_bodyKeys.end()) {
                // No example of the request: the JSON pointers its rules read.
                json::object properties;
                for (const std::string& pointer : it->second) {
                    const std::string top = pointer.substr(pointer.front() == '/' ? 1 : 0);
                    properties[top.substr(0, top.find('/'))] = json::object {};
                }
                requestSchema = json::object { { "type", "object" }, { "properties", properties } };
            }
        }
        if (requestSchema) {
            const std::string model = m_models.typeOf(*requestSchema, className(id, "Request"));
            if (model != "Any")
                m_requestModels += "    " + pyString(id) + ": " + model + ",\n";
        }

        // The path operation.
        const std::string function = snakeCase(id);
        std::string decorator = "@app.api_route(" + pyString(shape.path) + ", methods=["
            + pyString(upperAscii(route.method)) + "], operation_id=" + pyString(id);
        const std::size_t split = route.description.find("\n\n");
        if (!route.description.empty())
            decorator
                += ",\n               summary=" + pyString(route.description.substr(0, split));
        if (split != std::string::npos)
            decorator
                += ",\n               description=" + pyString(route.description.substr(split + 2));
        if (!responsesDoc.empty())
            decorator += ",\n               responses={\n" + responsesDoc + "               }";
        decorator += ")\n";
        std::string signature = "async def " + function + "(request: Request";
        for (const auto& [python, tollgate] : shape.params)
            signature += ", " + python + ": str";
        std::string call = "    return await serve(request, " + constant;
        if (route.access.keyRequired) {
            signature
                += ",\n        limits: Dict[str, str] = Depends(api_key(gate, " + constant + "))";
            call += ", limits";
        }
        signature += "):\n";
        return "\n\n" + spec + "\n\n" + decorator + signature + call + ")\n";
    }

    std::string mainPy(const std::string& operations) const
    {
        std::string out;
        out += "\"\"\"" + pythonDocText(m_ws.name.empty() ? std::string("Untitled") : m_ws.name)
            + ": a FastAPI project exported from a Tollgate workspace.\n\n"
              "Run it with `uvicorn main:app` (see README.md). Regenerate it with\n"
              "`tollgated export fastapi` rather than editing the route specs by hand.\n\"\"\"\n\n"
              "from typing import Any, Dict, List, Optional\n\n"
              "from fastapi import Depends, FastAPI, Request\n"
              "from fastapi.middleware.cors import CORSMiddleware\n"
              "from pydantic import BaseModel, Field\n\n"
              "import tollgate_runtime\n"
              "from tollgate_runtime import Access, RouteSpec, Rule, Tier, Validation, api_key, "
              "serve\n"
              "from tollgate_runtime import DesignedResponse as Answer\n\n"
              "# Tollgate's own Redis script: with REDIS_URL set, limits are decided as\n"
              "# tollgated decides them (and shared with it when it uses the same Redis).\n"
              "tollgate_runtime.REDIS_SCRIPT = "
            + pyString(redisLimitScript()) + "\n\nTIERS = [\n";
        for (const Tier& t : m_ws.tiers)
            out += "    Tier(" + pyString(t.id) + ", " + pyString(t.name) + ", "
                + std::to_string(t.requestsPerMinute) + ", " + std::to_string(t.burst) + ", "
                + std::to_string(t.monthlyQuota) + ", "
                + pyBool(t.overQuota == OverQuotaPolicy::Block) + "),\n";
        std::string description = m_ws.description;
        const std::string tiers = tiersMarkdown(m_ws);
        if (!description.empty() && !tiers.empty())
            description += "\n\n";
        description += tiers;
        out += "]\n\ngate = tollgate_runtime.Gate(TIERS)\n\napp = FastAPI(title="
            + pyString(m_ws.name.empty() ? std::string("Untitled") : m_ws.name)
            + ", version=\"1.0.0\",\n              description=" + pyString(description) + ")\n";
        const bool ownHealth
            = std::any_of(m_ws.routes.begin(), m_ws.routes.end(), [](const Route& r) {
                  return r.enabled && r.path == "/health" && iequals(r.method, "GET");
              });
        out += std::string("tollgate_runtime.install(app, health=") + pyBool(!ownHealth) + ")\n";
        const Cors& cors = m_ws.server.cors;
        if (cors.enabled) {
            auto list = [](const std::string& commaSeparated) {
                std::vector<std::string> items;
                std::size_t at = 0;
                while (at <= commaSeparated.size()) {
                    std::size_t comma = commaSeparated.find(',', at);
                    if (comma == std::string::npos)
                        comma = commaSeparated.size();
                    const std::string_view item
                        = trimBlanks(std::string_view(commaSeparated).substr(at, comma - at));
                    if (!item.empty())
                        items.emplace_back(item);
                    at = comma + 1;
                }
                return pyStringList(items);
            };
            out += "app.add_middleware(CORSMiddleware, allow_origins="
                + pyStringList(cors.allowOrigins) + ",\n                   allow_methods="
                + list(cors.allowMethods) + ", allow_headers=" + list(cors.allowHeaders)
                + ",\n                   expose_headers=" + list(cors.exposeHeaders)
                + ", allow_credentials=" + pyBool(cors.allowCredentials)
                + ", max_age=" + std::to_string(cors.maxAgeSeconds) + ")\n";
        }
        out += "\n# Shapes inferred from the designed bodies and request schemas; every field\n"
               "# is optional because they document, they do not validate.";
        out += m_models.classes();
        out += operations;
        out += "\n\n# Request body models shown by /docs (bodies are not validated against them).\n"
               "tollgate_runtime.document_request_bodies(app, {\n"
            + m_requestModels + "})\n";
        return out;
    }

    static std::string pythonDocText(std::string text)
    {
        for (std::size_t at = 0; (at = text.find("\"\"\"", at)) != std::string::npos;)
            text.replace(at, 3, "\"\"\\\"");
        for (std::size_t at = 0; (at = text.find('\\', at)) != std::string::npos; at += 2)
            text.insert(at, 1, '\\');
        return text;
    }

    std::string readme() const
    {
        const std::string name = m_ws.name.empty() ? std::string("Untitled") : m_ws.name;
        std::string out = "# " + name
            + " (FastAPI)\n\n"
              "Exported from a Tollgate workspace with `tollgated export fastapi`. Every route of\n"
              "the workspace is a path operation in `main.py` answering with its designed\n"
              "responses; `tollgate_runtime.py` and `tollgate_templates.py` hold what the routes\n"
              "share.\n\n"
              "## Run it\n\n"
              "```\npython3 -m venv .venv && . .venv/bin/activate\npip install -r "
              "requirements.txt\n"
              "uvicorn main:app --host 127.0.0.1 --port 8080\n```\n\n"
              "Interactive documentation is at `/docs`. `/health` answers 200 with JSON. Every\n"
              "request is logged as one JSON line on stdout with its request id: an incoming\n"
              "`X-Request-ID` (letters, digits, `._:-`, up to 128) is kept, else one is made;\n"
              "the response echoes it.\n\n"
              "## API keys and tiers\n\n"
              "Routes that need a key take it as `X-API-Key: <key>` or `Authorization: Bearer\n"
              "<key>`. Keys are never in the code: `keys.json` (copied from the workspace) holds\n"
              "only their SHA-256 hashes with tier, scopes, expiry and revocation; point\n"
              "`TOLLGATE_KEYS_FILE` at another such file (Tollgate's `tollgated keys` writes\n"
              "them), or pass keys in the environment as `TOLLGATE_API_KEYS=tier:key,...`\n"
              "(`tier:sha256:<hex>` works too). Without a valid key the answer is 401\n"
              "problem+json; a missing scope or an unknown tier is 403.\n\n"
              "Each key's tier sets a rate limit (GCRA: requests per minute with a burst) and a\n"
              "monthly quota (UTC calendar month). Over either the answer is 429 with\n"
              "`Retry-After`; admitted and refused answers carry `RateLimit` and\n"
              "`RateLimit-Policy`. Counts live in memory (one process: run uvicorn with one\n"
              "worker) unless `REDIS_URL` is set: then they live in Redis (`pip install redis`),\n"
              "decided by the same script tollgated uses, so several workers share them.\n\n";
        const std::string tiers = tiersMarkdown(m_ws);
        if (!tiers.empty())
            out += tiers.substr(1) + "\n\n";
        out += "## Carried over\n\n"
               "- Methods and paths (`{param}`; a trailing `*` is `{rest:path}`), most specific\n"
               "  route first as Tollgate matches them.\n"
               "- Responses: status, headers and bodies (body files inlined); rules on path\n"
               "  parameters, query, header fields and body JSON pointers (equals, regex,\n"
               "  exists; first match wins, else the default response); random and sequential\n"
               "  modes.\n"
               "- Templates, rendered by `tollgate_templates.py`: `request.method/path/id/body`,\n"
               "  `request.params/query/headers/json.*`, `uuid`, `now`, `timestamp` and the\n"
               "  `randomInt` section, with Tollgate's JSON-string escaping.\n"
               "- Latency (a sleep per request) and failure injection (the failure status as\n"
               "  problem+json), body size limits (413), required query parameters, header\n"
               "  fields and bodies (400).\n"
               "- Key-required routes, scopes, per-route rate limits, tiers, quotas (block or\n"
               "  bill over the quota), CORS.\n\n"
               "## Not carried over\n\n"
               "- Metering and billing: prices, costs, the usage ledger, metrics and invoices.\n"
               "- Forwarding to upstreams, retries and circuit breakers (such routes answer\n"
               "  with their designed responses).\n"
               "- Enforcing request body JSON Schemas (they are documented in /docs only).\n"
               "- Injected connection resets (answered as 503), the throttle on repeated failed\n"
               "  authentications, HEAD answered by GET routes, header size and time limits.\n"
               "- Mustache's standalone-line whitespace rules and partials (render nothing).\n";
        if (!m_notes.empty()) {
            out += "\n## Notes from the export\n\n";
            for (const ImportNote& n : m_notes)
                out += "- `" + n.where + "`: " + n.message + "\n";
        }
        return out;
    }

    const Workspace& m_ws;
    ModelWriter m_models;
    std::string m_requestModels;
    std::map<std::string, std::vector<std::string>> m_bodyKeys;
    std::vector<ImportNote> m_notes;
};

} // namespace

FastApiExport exportFastApi(const Workspace& ws)
{
    return Exporter(ws).run();
}

bool writeFastApiProject(
    const FastApiExport& project, const std::filesystem::path& folder, std::string* error)
{
    std::vector<FileWrite> files;
    for (const FastApiFile& file : project.files)
        files.push_back({ folder / file.name, file.text });
    return writeFilesAtomic(files, error);
}

} // namespace tollgate::server
