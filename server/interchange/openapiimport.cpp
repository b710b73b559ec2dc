#include "server/interchange/openapiimport.h"

#include "server/common/text.h"
#include "server/interchange/importsupport.h"
#include "server/interchange/schemasample.h"
#include "server/interchange/tollgateextensions.h"
#include "server/routing/routetable.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/recording.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace tollgate::server {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 8> kOperationKeys { "get", "put", "post", "delete",
    "options", "head", "patch", "trace" };

/// A value as body text: strings as they are, everything else as pretty JSON.
std::string bodyText(const json::value& v, bool jsonMedia)
{
    if (v.is_string() && !jsonMedia)
        return std::string(v.get_string());
    return jsonfile::toPrettyText(v);
}

bool isJsonMedia(std::string_view media)
{
    const std::string lower = lowerAscii(media.substr(0, media.find(';')));
    return lower == "application/json" || (lower.size() > 5 && lower.ends_with("+json"));
}

/// scheme://host[:port] and the path of a server URL, its {variables}
/// replaced by their defaults. Empty origin for a relative URL.
struct ServerUrl {
    std::string origin;
    std::string basePath;
    std::string full;
};

ServerUrl splitServerUrl(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    ServerUrl out;
    out.full = url;
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) {
        out.basePath = url;
        return out;
    }
    const std::size_t pathStart = url.find('/', scheme + 3);
    out.origin = url.substr(0, pathStart);
    if (pathStart != std::string::npos)
        out.basePath = url.substr(pathStart);
    return out;
}

class OpenApiImporter {
public:
    OpenApiImporter(const SourceTree& tree, const std::filesystem::path& folder,
        const ImportOptions& options)
        : m_tree(tree)
        , m_refs(tree, folder)
        , m_options(options)
    {
    }

    ImportResult run()
    {
        ImportResult result;
        const json::object* root = m_tree.root().if_object();
        if (!root) {
            result.errors.push_back(m_tree.diagnostic("", "an OpenAPI document is an object"));
            return result;
        }
        if (root->contains("swagger") && !root->contains("openapi")) {
            result.errors.push_back(m_tree.diagnostic("/swagger",
                "Swagger " + scalarText(*root, "swagger")
                    + " (OpenAPI 2) is not supported; convert it to OpenAPI 3 first"));
            return result;
        }
        const std::string version = scalarText(*root, "openapi");
        if (version.rfind("3.0", 0) != 0 && version.rfind("3.1", 0) != 0) {
            result.errors.push_back(m_tree.diagnostic("/openapi",
                version.empty() ? std::string("\"openapi\" must name the version, e.g. \"3.1.0\"")
                                : "OpenAPI " + version + " is not supported (3.0 and 3.1 are)"));
            return result;
        }
        const json::value* paths = root->if_contains("paths");
        if (paths && !paths->is_object()) {
            result.errors.push_back(
                m_tree.diagnostic("/paths", "\"paths\" must be an object of path items"));
            return result;
        }
        if (!paths && !root->contains("webhooks") && !root->contains("components")) {
            result.errors.push_back(m_tree.diagnostic("", "the document has no \"paths\""));
            return result;
        }

        m_api.format = "OpenAPI " + version;
        if (const json::object* info = objectField(*root, "info")) {
            m_api.title = scalarText(*info, "title");
            m_api.description = scalarText(*info, "description");
        }
        readServers(*root);
        readSecuritySchemes(*root);
        if (const json::value* security = root->if_contains("security"))
            m_globalSecurity = security;

        for (std::string_view unsupported : { "webhooks" }) {
            if (const json::value* v = root->if_contains(unsupported); v && v->is_object())
                for (const auto& [name, item] : v->get_object())
                    skip(pointerChild(pointerChild("", unsupported), name),
                        "webhook \"" + std::string(name)
                            + "\" not imported: Tollgate serves requests, it does not send them");
        }
        if (paths)
            for (const auto& [path, item] : paths->get_object())
                readPathItem(std::string(path), item, pointerChild("/paths", path));

        for (SampleProblem& p : m_problems)
            m_api.notes.push_back({ ImportNote::Kind::Approximated, p.where, p.message });
        result.api = std::move(m_api);
        return result;
    }

private:
    void note(ImportNote::Kind kind, const std::string& pointer, std::string message,
        const SourceTree* tree = nullptr)
    {
        m_api.notes.push_back({ kind, (tree ? *tree : m_tree).where(pointer), std::move(message) });
    }
    void skip(const std::string& pointer, std::string message, const SourceTree* tree = nullptr)
    {
        note(ImportNote::Kind::Skipped, pointer, std::move(message), tree);
    }
    void approximate(
        const std::string& pointer, std::string message, const SourceTree* tree = nullptr)
    {
        note(ImportNote::Kind::Approximated, pointer, std::move(message), tree);
    }

    /// The value, its $refs followed; a broken ref is noted and gives nullptr.
    RefTarget follow(const json::value& v, const SourceTree& tree, const std::string& pointer)
    {
        std::string error;
        RefTarget target = m_refs.follow(v, tree, pointer, &error);
        if (!target.value)
            approximate(pointer, std::move(error), &tree);
        return target;
    }

    void readServers(const json::object& root)
    {
        const json::value* servers = root.if_contains("servers");
        if (!servers || !servers->is_array())
            return;
        std::size_t index = 0;
        for (const json::value& s : servers->get_array()) {
            const std::string pointer = pointerChild("/servers", index++);
            const json::object* server = s.if_object();
            if (!server)
                continue;
            std::string url = scalarText(*server, "url");
            if (const json::object* vars = objectField(*server, "variables")) {
                for (const auto& [name, var] : *vars) {
                    const std::string placeholder = '{' + std::string(name) + '}';
                    const std::string value
                        = var.is_object() ? scalarText(var.get_object(), "default") : std::string();
                    for (std::size_t at; (at = url.find(placeholder)) != std::string::npos;)
                        url.replace(at, placeholder.size(), value);
                }
            }
            ServerUrl split = splitServerUrl(url);
            if (index == 1) {
                m_basePath = split.basePath;
                if (split.origin.empty()) {
                    if (!url.empty() && url != "/")
                        approximate(pointer,
                            "servers[0] is relative (\"" + url
                                + "\"): its path prefixes the routes, and no upstream URL is set");
                } else {
                    m_upstreamOrigin = split.origin;
                    m_api.upstreamUrl = split.full;
                }
            }
            if (split.origin.empty())
                continue;
            std::string name = scalarText(*server, "description");
            if (name.empty())
                name = split.origin.substr(split.origin.find("://") + 3);
            m_api.environments.push_back(Environment { name, { { "baseUrl", split.origin } } });
        }
    }

    void readSecuritySchemes(const json::object& root)
    {
        const json::object* components = objectField(root, "components");
        const json::object* schemes = components ? objectField(*components, "securitySchemes") : nullptr;
        if (!schemes)
            return;
        for (const auto& [name, value] : *schemes) {
            const std::string pointer
                = pointerChild("/components/securitySchemes", std::string_view(name));
            RefTarget target = follow(value, m_tree, pointer);
            const json::object* scheme = target.value ? target.value->if_object() : nullptr;
            if (!scheme)
                continue;
            const std::string type = scalarText(*scheme, "type");
            const std::string in = scalarText(*scheme, "in");
            const std::string keyName = scalarText(*scheme, "name");
            const std::string httpScheme = lowerAscii(scalarText(*scheme, "scheme"));
            std::string message;
            if (type == "apiKey" && in == "header" && iequals(keyName, "X-API-Key")) {
                message.clear(); // exactly what Tollgate reads
            } else if (type == "http" && httpScheme == "bearer") {
                message.clear();
            } else if (type == "apiKey" && (in == "header" || in == "query")) {
                message = "security scheme \"" + std::string(name) + "\" sends the key in the "
                    + (in == "query" ? "query parameter \"" : "header \"") + keyName
                    + "\"; Tollgate reads keys from \"Authorization: Bearer\" and \"X-API-Key\", "
                      "so clients must send it there";
            } else {
                std::string what = type == "http" ? "http " + httpScheme
                    : type == "apiKey"            ? "an API key in a " + in
                                                  : type;
                message = "security scheme \"" + std::string(name) + "\" (" + what
                    + ") becomes a Tollgate API key requirement";
            }
            m_schemes.emplace(std::string(name), message);
            if (!message.empty())
                approximate(pointer, message);
        }
    }

    /// Whether a security requirement list asks for a key (any requirement
    /// naming a scheme), and the union of its OAuth-style scopes.
    bool requiresKey(const json::value& security, const std::string& pointer, const std::string& what)
    {
        const json::array* list = security.if_array();
        if (!list)
            return false;
        bool anyPublic = false;
        bool anyKey = false;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json::object* requirement = (*list)[i].if_object();
            if (!requirement || requirement->empty()) {
                anyPublic = true;
                continue;
            }
            for (const auto& [scheme, scopes] : *requirement) {
                if (!m_schemes.count(std::string(scheme)))
                    approximate(pointerChild(pointer, i),
                        "security requirement names \"" + std::string(scheme)
                            + "\", which components/securitySchemes does not define");
                anyKey = true;
            }
        }
        if (anyPublic && anyKey)
            approximate(pointer,
                what + ": the key is optional ({} among the requirements); Tollgate makes the "
                       "route public");
        return anyKey && !anyPublic;
    }

    /// "/users/{id}" in Tollgate's syntax, or empty (with a note) when the
    /// path cannot be served.
    std::string routePath(const std::string& specPath, const std::string& pointer)
    {
        if (specPath.empty() || specPath.front() != '/') {
            skip(pointer, "path \"" + specPath + "\" does not start with '/'");
            return {};
        }
        std::string out;
        std::size_t start = 1;
        for (;;) {
            const std::size_t end = specPath.find('/', start);
            std::string segment = specPath.substr(start, end == std::string::npos ? end : end - start);
            const std::size_t open = segment.find('{');
            if (open != std::string::npos
                && !(open == 0 && segment.back() == '}'
                    && segment.find('{', 1) == std::string::npos)) {
                const std::size_t close = segment.find('}', open);
                const std::string name = close == std::string::npos
                    ? std::string("param")
                    : segment.substr(open + 1, close - open - 1);
                approximate(pointer,
                    "segment \"" + segment + "\" mixes text and a parameter; it is matched as the "
                                             "whole parameter {" + name + "}");
                segment = '{' + name + '}';
            }
            out += '/';
            out += segment;
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
        std::string base = m_basePath;
        if (!base.empty() && base.front() != '/')
            base.insert(0, 1, '/');
        out = base + out;
        PathTemplate parsed;
        std::string error;
        if (!parsed.parse(out, &error)) {
            skip(pointer, "path \"" + specPath + "\" cannot be served: " + error);
            return {};
        }
        return out;
    }

    void readPathItem(const std::string& specPath, const json::value& value, const std::string& pointer)
    {
        RefTarget target = follow(value, m_tree, pointer);
        const json::object* item = target.value ? target.value->if_object() : nullptr;
        if (!item) {
            if (target.value)
                skip(pointer, "path item \"" + specPath + "\" is not an object");
            return;
        }
        const SourceTree& tree = *target.tree;
        const std::string path = routePath(specPath, pointer);
        if (path.empty())
            return;
        const json::value* shared = item->if_contains("parameters");
        for (const auto& [key, op] : *item) {
            const std::string opPointer = pointerChild(target.pointer, std::string_view(key));
            const std::string method = upperAscii(key);
            if (std::find(kOperationKeys.begin(), kOperationKeys.end(), std::string_view(key))
                == kOperationKeys.end()) {
                if (key != "parameters" && key != "summary" && key != "description"
                    && key != "servers" && !key.starts_with("x-"))
                    skip(opPointer, "\"" + std::string(key) + "\" in a path item is not an operation");
                else if (key == "servers")
                    approximate(opPointer,
                        "servers of the path \"" + specPath + "\" are ignored; servers[0] of the "
                        "document applies");
                continue;
            }
            if (method == "TRACE") {
                skip(opPointer, "TRACE " + specPath + ": Tollgate routes do not answer TRACE", &tree);
                continue;
            }
            if (!op.is_object()) {
                skip(opPointer, method + ' ' + specPath + " is not an object", &tree);
                continue;
            }
            readOperation(method, path, op.get_object(), shared, tree, opPointer,
                pointerChild(target.pointer, "parameters"));
        }
    }

    struct Parameter {
        std::string name;
        std::string in;
        bool required = false;
        json::value example;
        bool hasExample = false;
    };

    std::vector<Parameter> readParameters(const json::value* shared, const std::string& sharedPointer,
        const json::value* own, const std::string& ownPointer, const SourceTree& tree)
    {
        std::vector<Parameter> out;
        auto readList = [&](const json::value* list, const std::string& listPointer) {
            if (!list || !list->is_array())
                return;
            std::size_t index = 0;
            for (const json::value& p : list->get_array()) {
                const std::string pointer = pointerChild(listPointer, index++);
                RefTarget target = follow(p, tree, pointer);
                const json::object* param = target.value ? target.value->if_object() : nullptr;
                if (!param)
                    continue;
                Parameter parameter;
                parameter.name = scalarText(*param, "name");
                parameter.in = scalarText(*param, "in");
                parameter.required
                    = param->contains("required") && param->at("required").is_bool()
                    && param->at("required").get_bool();
                if (parameter.in == "path")
                    parameter.required = true;
                if (parameter.in == "cookie") {
                    skip(pointer,
                        "cookie parameter \"" + parameter.name
                            + "\" not imported into the saved request (the composer sends no "
                              "cookies of its own)",
                        target.tree);
                    continue;
                }
                if (const json::value* ex = param->if_contains("example")) {
                    parameter.example = *ex;
                    parameter.hasExample = true;
                } else if (const json::value* examples = param->if_contains("examples");
                    examples && examples->is_object() && !examples->get_object().empty()) {
                    RefTarget ex = follow(examples->get_object().begin()->value(), *target.tree,
                        pointerChild(pointerChild(target.pointer, "examples"),
                            std::string_view(examples->get_object().begin()->key())));
                    if (ex.value && ex.value->is_object() && ex.value->get_object().contains("value")) {
                        parameter.example = ex.value->get_object().at("value");
                        parameter.hasExample = true;
                    }
                } else if (const json::value* schema = param->if_contains("schema")) {
                    parameter.example = sampleSchema(*schema, *target.tree,
                        pointerChild(target.pointer, "schema"), m_refs, SampleDirection::Request,
                        &m_problems);
                    parameter.hasExample = false;
                }
                // An operation's parameter overrides the path item's (same name and in).
                auto same = std::find_if(out.begin(), out.end(), [&](const Parameter& q) {
                    return q.name == parameter.name && q.in == parameter.in;
                });
                if (same != out.end())
                    *same = std::move(parameter);
                else
                    out.push_back(std::move(parameter));
            }
        };
        readList(shared, sharedPointer);
        readList(own, ownPointer);
        return out;
    }

    static std::string parameterText(const json::value& v)
    {
        if (v.is_string())
            return std::string(v.get_string());
        if (v.is_null())
            return {};
        if (v.is_array()) {
            std::string out;
            for (const json::value& item : v.get_array()) {
                if (!out.empty())
                    out += ',';
                out += parameterText(item);
            }
            return out;
        }
        if (v.is_object())
            return json::serialize(v);
        return json::serialize(v);
    }

    /// The preferred media type of a content map: JSON, then any +json, then
    /// text, then the first. Others are noted.
    const json::value* pickMedia(const json::object& content, const std::string& pointer,
        const SourceTree& tree, std::string* media, const std::string& what)
    {
        const json::value* chosen = nullptr;
        int best = -1;
        for (const auto& [type, value] : content) {
            const std::string lower = lowerAscii(type);
            const int rank = lower == "application/json" ? 4
                : isJsonMedia(lower)                      ? 3
                : lower.rfind("text/", 0) == 0            ? 2
                : lower == "*/*"                          ? 1
                                                          : 0;
            if (rank > best) {
                best = rank;
                chosen = &value;
                *media = std::string(type);
            }
        }
        for (const auto& [type, value] : content)
            if (std::string_view(type) != *media)
                skip(pointerChild(pointer, std::string_view(type)),
                    what + ": the " + std::string(type) + " variant is not imported (" + *media
                        + " is)",
                    &tree);
        return chosen;
    }

    struct ExampleBody {
        std::string label;
        std::string body;
        bool named = false; ///< from `examples`: its label stands alone
    };

    /// Bodies for one media type object: each named example, else the
    /// example, else a sample of the schema.
    std::vector<ExampleBody> mediaBodies(const json::object& media, const std::string& mediaType,
        const SourceTree& tree, const std::string& pointer, SampleDirection direction)
    {
        const bool jsonMedia = isJsonMedia(mediaType);
        std::vector<ExampleBody> out;
        if (const json::value* examples = media.if_contains("examples");
            examples && examples->is_object()) {
            for (const auto& [name, value] : examples->get_object()) {
                const std::string exPointer
                    = pointerChild(pointerChild(pointer, "examples"), std::string_view(name));
                RefTarget target = follow(value, tree, exPointer);
                const json::object* ex = target.value ? target.value->if_object() : nullptr;
                if (!ex)
                    continue;
                if (const json::value* v = ex->if_contains("value")) {
                    std::string label = scalarText(*ex, "summary");
                    out.push_back({ label.empty() ? std::string(name) : label,
                        bodyText(*v, jsonMedia), true });
                } else if (ex->contains("externalValue")) {
                    skip(exPointer,
                        "example \"" + std::string(name) + "\" lives at an external URL ("
                            + scalarText(*ex, "externalValue") + "), which is not fetched",
                        &tree);
                }
            }
            if (!out.empty())
                return out;
        }
        if (const json::value* v = media.if_contains("example")) {
            out.push_back({ std::string(), bodyText(*v, jsonMedia) });
            return out;
        }
        if (const json::value* schema = media.if_contains("schema")) {
            const json::value sample = sampleSchema(
                *schema, tree, pointerChild(pointer, "schema"), m_refs, direction, &m_problems);
            out.push_back({ std::string(), bodyText(sample, jsonMedia) });
        }
        return out;
    }

    static std::string firstLine(std::string_view text, std::size_t max = 60)
    {
        std::string line(text.substr(0, text.find('\n')));
        if (line.size() > max) {
            line.resize(max - 1);
            line += "\xE2\x80\xA6"; // …
        }
        return line;
    }

    void readResponses(Route& route, const json::object& op, const SourceTree& tree,
        const std::string& opPointer, const std::string& what)
    {
        route.responses.clear();
        const json::object* responses = objectField(op, "responses");
        const std::string responsesPointer = pointerChild(opPointer, "responses");
        if (responses) {
            for (const auto& [code, value] : *responses) {
                const std::string pointer = pointerChild(responsesPointer, std::string_view(code));
                if (code.starts_with("x-"))
                    continue;
                int status = 0;
                std::string codeText(code);
                const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
                if (codeText.size() == 3 && std::all_of(codeText.begin(), codeText.end(), isDigit)) {
                    status = std::stoi(codeText);
                } else if (codeText.size() == 3 && std::isdigit(static_cast<unsigned char>(codeText[0]))
                    && (codeText.substr(1) == "XX" || codeText.substr(1) == "xx")) {
                    status = (codeText[0] - '0') * 100;
                    approximate(pointer, what + ": the status range " + codeText
                            + " is answered as " + std::to_string(status), &tree);
                } else if (codeText == "default") {
                    status = responses->size() == 1 ? 200 : 500;
                    approximate(pointer, what + ": the \"default\" response is answered as "
                            + std::to_string(status), &tree);
                } else {
                    skip(pointer, what + ": \"" + codeText + "\" is not a status code", &tree);
                    continue;
                }
                if (status < 100 || status > 599) {
                    skip(pointer, what + ": status " + codeText + " is out of range", &tree);
                    continue;
                }
                RefTarget target = follow(value, tree, pointer);
                const json::object* response = target.value ? target.value->if_object() : nullptr;
                if (!response)
                    continue;
                // Answers Tollgate documents for itself (401/429 of a key-protected
                // route, written by its export) are not designed responses.
                if (const json::value* generated = response->if_contains("x-tollgate-generated");
                    generated && generated->is_bool() && generated->get_bool())
                    continue;
                std::vector<Header> headers;
                std::vector<ExampleBody> bodies;
                std::string schema; // kept for the schema checks of saved requests
                if (const json::object* content = objectField(*response, "content");
                    content && !content->empty()) {
                    std::string media;
                    const json::value* mediaObject = pickMedia(*content,
                        pointerChild(target.pointer, "content"), *target.tree, &media,
                        what + " " + codeText);
                    headers.push_back({ "Content-Type", media });
                    const std::string mp = pointerChild(pointerChild(target.pointer, "content"), media);
                    const json::object* mo = mediaObject ? mediaObject->if_object() : nullptr;
                    if (mo)
                        bodies = mediaBodies(*mo, media, *target.tree, mp, SampleDirection::Response);
                    if (const json::value* s = mo && isJsonMedia(media) ? mo->if_contains("schema") : nullptr)
                        schema = json::serialize(inlineRefs(
                            *s, *target.tree, pointerChild(mp, "schema"), m_refs, &m_problems));
                }
                if (const json::object* hs = objectField(*response, "headers")) {
                    for (const auto& [name, h] : *hs) {
                        if (iequals(name, "Content-Type"))
                            continue; // OpenAPI ignores it here; the media type decides
                        const std::string hPointer = pointerChild(
                            pointerChild(target.pointer, "headers"), std::string_view(name));
                        RefTarget header = follow(h, *target.tree, hPointer);
                        const json::object* ho = header.value ? header.value->if_object() : nullptr;
                        if (!ho)
                            continue;
                        json::value v = nullptr;
                        if (const json::value* ex = ho->if_contains("example"))
                            v = *ex;
                        else if (const json::value* schema = ho->if_contains("schema"))
                            v = sampleSchema(*schema, *header.tree, pointerChild(header.pointer, "schema"),
                                m_refs, SampleDirection::Response, &m_problems);
                        std::string text = literalTemplate(parameterText(v));
                        headers.push_back({ std::string(name), std::move(text) });
                    }
                }
                if (bodies.empty())
                    bodies.push_back({});
                const std::string description = firstLine(scalarText(*response, "description"));
                for (ExampleBody& b : bodies) {
                    Response r;
                    r.status = status;
                    r.headers = headers;
                    r.label = b.named || description.empty() ? b.label : description;
                    r.schema = schema;
                    r.body = literalTemplate(b.body);
                    if (r.body.empty() && !b.body.empty()) {
                        skip(pointer, what + ": an example body holds every template delimiter "
                                             "Tollgate could switch to, so it cannot be served "
                                             "literally", &tree);
                        continue;
                    }
                    route.responses.push_back(std::move(r));
                }
                if (const json::object* links = objectField(*response, "links"); links && !links->empty())
                    skip(pointerChild(target.pointer, "links"),
                        what + " " + codeText + ": links are not imported", target.tree);
            }
        }
        if (route.responses.empty()) {
            approximate(responsesPointer, what + " has no responses; it answers 200 with no body",
                &tree);
            route.responses.push_back(Response {});
        }
        // In status order (YAML merge keys and $refs scatter them); the first
        // success, its first example, is the default.
        std::stable_sort(route.responses.begin(), route.responses.end(),
            [](const Response& a, const Response& b) { return a.status < b.status; });
        auto success = std::find_if(route.responses.begin(), route.responses.end(),
            [](const Response& r) { return r.status >= 200 && r.status < 300; });
        route.defaultResponse = success == route.responses.end()
            ? 0
            : static_cast<int>(success - route.responses.begin());
    }

    void readOperation(const std::string& method, const std::string& path, const json::object& op,
        const json::value* sharedParams, const SourceTree& tree, const std::string& opPointer,
        const std::string& sharedPointer)
    {
        const std::string what = method + ' ' + path;
        Route route;
        route.method = method;
        route.path = path;
        const std::string summary = scalarText(op, "summary");
        const std::string description = scalarText(op, "description");
        route.description = summary.empty() ? description
            : description.empty()           ? summary
                                            : summary + "\n\n" + description;
        if (!m_upstreamOrigin.empty())
            route.upstream.url = m_upstreamOrigin;
        if (op.contains("deprecated") && op.at("deprecated").is_bool() && op.at("deprecated").get_bool())
            route.description += route.description.empty() ? "(deprecated)" : "\n\n(deprecated)";

        readResponses(route, op, tree, opPointer, what);

        if (const json::value* security = op.if_contains("security"))
            route.access.keyRequired
                = requiresKey(*security, pointerChild(opPointer, "security"), what);
        else if (m_globalSecurity)
            route.access.keyRequired = requiresKey(*m_globalSecurity, "/security", what);

        if (const json::object* callbacks = objectField(op, "callbacks"); callbacks && !callbacks->empty())
            skip(pointerChild(opPointer, "callbacks"),
                what + ": callbacks are not imported (Tollgate does not call clients back)", &tree);
        if (const json::value* servers = op.if_contains("servers"); servers && servers->is_array()
            && !servers->get_array().empty())
            approximate(pointerChild(opPointer, "servers"),
                what + ": the operation's own servers are ignored", &tree);

        // The saved request: parameters with their examples, the body's example.
        const std::vector<Parameter> params = readParameters(sharedParams, sharedPointer,
            op.if_contains("parameters"), pointerChild(opPointer, "parameters"), tree);
        SavedRequest saved;
        saved.name = !summary.empty() ? summary : !scalarText(op, "operationId").empty() ? scalarText(op, "operationId") : what;
        if (const json::value* tags = op.if_contains("tags");
            tags && tags->is_array() && !tags->get_array().empty())
            saved.folder = folderName(scalarText(&tags->get_array().front()));
        std::string url = path;
        std::string query;
        for (const Parameter& p : params) {
            const std::string value = parameterText(p.example);
            if (p.in == "path") {
                const std::string placeholder = '{' + p.name + '}';
                const std::size_t at = url.find(placeholder);
                if (at != std::string::npos)
                    url.replace(at, placeholder.size(), percentEncode(value.empty() ? p.name : value));
            } else if (p.in == "query" && (p.required || p.hasExample)) {
                query += query.empty() ? '?' : '&';
                query += percentEncode(p.name) + '=' + percentEncode(value);
            } else if (p.in == "header" && (p.required || p.hasExample)) {
                if (iequals(p.name, "Authorization") || iequals(p.name, "Accept")
                    || iequals(p.name, "Content-Type"))
                    continue; // OpenAPI describes these elsewhere
                saved.request.headers.push_back({ p.name, value });
            }
        }
        saved.request.method = method;
        saved.request.url = "{{baseUrl}}" + url + query;
        if (route.access.keyRequired)
            saved.request.auth = ComposerRequest::AuthKind::ApiKey;
        if (const json::value* body = op.if_contains("requestBody")) {
            const std::string bodyPointer = pointerChild(opPointer, "requestBody");
            RefTarget target = follow(*body, tree, bodyPointer);
            const json::object* requestBody = target.value ? target.value->if_object() : nullptr;
            if (const json::object* content = requestBody ? objectField(*requestBody, "content") : nullptr;
                content && !content->empty()) {
                std::string media;
                const json::value* mediaObject = pickMedia(*content,
                    pointerChild(target.pointer, "content"), *target.tree, &media, what + " request body");
                if (mediaObject && mediaObject->is_object()) {
                    const std::string mediaPointer
                        = pointerChild(pointerChild(target.pointer, "content"), media);
                    std::vector<ExampleBody> bodies = mediaBodies(mediaObject->get_object(), media,
                        *target.tree, mediaPointer, SampleDirection::Request);
                    if (!bodies.empty()) {
                        saved.request.bodyKind = ComposerRequest::BodyKind::Raw;
                        saved.request.body = bodies.front().body;
                        saved.request.headers.push_back({ "Content-Type", media });
                    }
                    if (const json::value* schema = mediaObject->get_object().if_contains("schema");
                        schema && isJsonMedia(media)) {
                        json::value inlined = inlineRefs(*schema, *target.tree,
                            pointerChild(mediaPointer, "schema"), m_refs, &m_problems);
                        route.validation.bodySchema = json::serialize(inlined);
                        route.validation.bodyRequired = requestBody->contains("required")
                            && requestBody->at("required").is_bool()
                            && requestBody->at("required").get_bool();
                        route.validation.enabled = m_options.validateRequests;
                    }
                }
            }
        }
        for (const Parameter& p : params) {
            if (!p.required)
                continue;
            if (p.in == "query")
                route.validation.requiredQuery.push_back(p.name);
            else if (p.in == "header")
                route.validation.requiredHeaders.push_back(p.name);
        }
        if (route.validation.enabled == false && m_options.validateRequests
            && (!route.validation.requiredQuery.empty() || !route.validation.requiredHeaders.empty()))
            route.validation.enabled = true;

        readTollgateExtensions(op, route);
        m_api.routes.push_back(std::move(route));
        m_api.requests.push_back(std::move(saved));
    }

    const SourceTree& m_tree;
    RefResolver m_refs;
    ImportOptions m_options;
    ImportedApi m_api;
    std::string m_basePath;
    std::string m_upstreamOrigin;
    std::map<std::string, std::string> m_schemes; // name -> note ("" = read as is)
    const json::value* m_globalSecurity = nullptr;
    std::vector<SampleProblem> m_problems;
};

} // namespace

bool looksLikeOpenApi(const SourceTree& tree)
{
    const json::object* root = tree.root().if_object();
    return root && (root->contains("openapi") || root->contains("swagger"));
}

ImportResult importOpenApi(
    const SourceTree& tree, const std::filesystem::path& folder, const ImportOptions& options)
{
    return OpenApiImporter(tree, folder, options).run();
}

} // namespace tollgate::server
