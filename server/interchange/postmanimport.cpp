// Postman collection v2.0 / v2.1 -> saved requests, and Postman environments
// -> composer environments.
//
// {{variables}} are kept as written: the composer expands the same syntax from
// its environments, which the collection's own variables and any imported
// Postman environment become. Postman's dynamic variables ({{$guid}}) and
// scripts have no composer equivalent and are noted. Values Postman marks
// secret are never copied into workspace files.

#include "server/common/text.h"
#include "server/interchange/formats.h"
#include "server/interchange/importsupport.h"

#include <boost/json.hpp>

#include <algorithm>
#include <optional>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// A description in either of Postman's forms: a string or {content, type}.
std::string descriptionText(const json::value* value)
{
    if (!value)
        return {};
    if (const json::object* o = value->if_object())
        return scalarText(*o, "content");
    return scalarText(value);
}

/// "exec" lines of a script event, joined; empty when the script does nothing.
std::string scriptText(const json::object& event)
{
    const json::object* script = objectField(event, "script");
    if (!script)
        return {};
    const json::value* exec = script->if_contains("exec");
    if (!exec)
        return {};
    if (exec->is_string())
        return std::string(trimBlanks(exec->get_string()));
    std::string text;
    if (const json::array* lines = exec->if_array())
        for (const json::value& line : *lines)
            text += std::string(trimBlanks(scalarText(&line)));
    return text;
}

/// The Content-Type Postman sends for a raw body of this language.
std::string rawContentType(std::string_view language)
{
    if (language == "json")
        return "application/json";
    if (language == "xml")
        return "application/xml";
    if (language == "html")
        return "text/html";
    if (language == "javascript")
        return "application/javascript";
    if (language == "text")
        return "text/plain";
    return {};
}

bool hasHeader(const ComposerRequest& request, std::string_view name)
{
    return std::any_of(request.headers.begin(), request.headers.end(),
        [&](const Header& h) { return iequals(h.name, name); });
}

/// Postman's dynamic variables ({{$guid}}, {{$timestamp}}...) in text.
void collectDynamicVariables(std::string_view text, std::vector<std::string>* out)
{
    for (std::size_t at = text.find("{{$"); at != std::string_view::npos;
         at = text.find("{{$", at + 3)) {
        const std::size_t close = text.find("}}", at);
        if (close == std::string_view::npos)
            return;
        std::string name(text.substr(at, close + 2 - at));
        if (std::find(out->begin(), out->end(), name) == out->end())
            out->push_back(std::move(name));
    }
}

/// Reads Postman variables ({key, value, type, enabled|disabled}) into an
/// environment: disabled ones are left out, secret ones imported empty.
std::vector<std::pair<std::string, std::string>> readVariables(const json::array& list,
    const std::string& pointer, const std::string& owner, ImportNotes& notes, ImportErrors& errors)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string vPointer = pointerChild(pointer, i);
        const json::object* v = list[i].if_object();
        if (!v) {
            errors.add(vPointer, "a variable is an object with \"key\" and \"value\"");
            continue;
        }
        const std::string key = scalarText(*v, "key");
        if (key.empty())
            continue;
        if (!boolField(*v, "enabled", true) || boolField(*v, "disabled", false)) {
            notes.skip(pointerChild(vPointer, "key"),
                owner + ": the variable \"" + key + "\" is disabled and not imported");
            continue;
        }
        if (scalarText(*v, "type") == "secret") {
            notes.skip(pointerChild(vPointer, "key"),
                owner + ": the secret \"" + key
                    + "\" is imported empty; its value was not copied (secrets never go into "
                      "workspace files), so set it before sending");
            out.emplace_back(key, std::string());
            continue;
        }
        const json::value* value = v->if_contains("value");
        out.emplace_back(key,
            value && (value->is_bool() || value->is_object() || value->is_array())
                ? json::serialize(*value)
                : scalarText(value));
    }
    return out;
}

class PostmanImporter : ImporterBase {
public:
    explicit PostmanImporter(const SourceTree& tree)
        : ImporterBase(tree)
    {
    }

    ImportResult run()
    {
        const json::object* root = m_tree.root().if_object();
        const json::object* info = root ? m_errors.object(*root, "info", "") : nullptr;
        if (!info) {
            if (!m_errors.any())
                m_errors.add("", "a Postman collection has an \"info\" object");
            return finish();
        }
        const std::string schema = scalarText(*info, "schema");
        if (schema.find("/v1.") != std::string::npos || root->contains("requests")) {
            m_errors.add("/info/schema",
                "Postman collection v1 is not supported; export the collection as v2.1");
            return finish();
        }
        m_api.format = schema.find("/v2.0.") != std::string::npos ? "Postman collection v2.0"
                                                                  : "Postman collection v2.1";
        m_api.title = scalarText(*info, "name");
        m_api.description = descriptionText(info->if_contains("description"));
        const json::array* items = m_errors.array(*root, "item", "");
        if (!items && !m_errors.any())
            m_errors.add("", "the collection has no \"item\" list");
        m_notes.unknownFields(*root, "",
            { "info", "item", "auth", "event", "variable", "protocolProfileBehavior" },
            "the collection");

        Inherited inherited;
        readAuthOf(*root, "", &inherited);
        noteEvents(*root, "", "the collection");
        noteBehavior(*root, "", "the collection", nullptr);
        if (const json::array* variables = m_errors.array(*root, "variable", "")) {
            auto values
                = readVariables(*variables, "/variable", "the collection", m_notes, m_errors);
            if (!values.empty())
                m_api.environments.push_back(
                    { m_api.title.empty() ? std::string("Postman") : m_api.title,
                        std::move(values) });
        }
        if (items)
            readItems(*items, "/item", std::string(), inherited);
        return finish();
    }

private:
    /// The auth a request without its own inherits: the nearest folder's, else
    /// the collection's.
    struct Inherited {
        const json::object* auth = nullptr;
        std::string pointer;
    };

    void readAuthOf(const json::object& owner, const std::string& pointer, Inherited* inherited)
    {
        const json::object* auth = m_errors.object(owner, "auth", pointer);
        if (!auth || scalarText(*auth, "type") == "inherit")
            return;
        inherited->auth = auth;
        inherited->pointer = pointerChild(pointer, "auth");
    }

    void noteEvents(const json::object& owner, const std::string& pointer, const std::string& what)
    {
        const json::array* events = m_errors.array(owner, "event", pointer);
        if (!events)
            return;
        for (std::size_t i = 0; i < events->size(); ++i) {
            const json::object* event = (*events)[i].if_object();
            if (!event || scriptText(*event).empty() || boolField(*event, "disabled", false))
                continue;
            const std::string listen = scalarText(*event, "listen");
            m_notes.skip(pointerChild(pointerChild(pointer, "event"), i),
                what + ": the " + (listen == "prerequest" ? std::string("pre-request") : listen)
                    + " script is not run: the composer runs no scripts");
        }
    }

    /// protocolProfileBehavior: redirects and TLS checks map to the request's
    /// options, the rest is noted.
    void noteBehavior(const json::object& owner, const std::string& pointer,
        const std::string& what, ComposerRequest* request)
    {
        const json::object* behavior = objectField(owner, "protocolProfileBehavior");
        if (!behavior)
            return;
        const std::string bPointer = pointerChild(pointer, "protocolProfileBehavior");
        for (const auto& [key, value] : *behavior) {
            if (request && key == "followRedirects" && value.is_bool()) {
                request->followRedirects = value.get_bool();
            } else if (request && key == "strictSSL" && value.is_bool()) {
                request->insecure = !value.get_bool();
            } else if (key == "disableBodyPruning") {
                // Postman-internal: whether a GET keeps its body, which the composer always does.
            } else {
                m_notes.skip(pointerChild(bPointer, std::string_view(key)),
                    what + ": the setting \"" + std::string(key) + "\" is not imported");
            }
        }
    }

    void readItems(const json::array& items, const std::string& pointer, const std::string& folder,
        const Inherited& inherited)
    {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string itemPointer = pointerChild(pointer, i);
            const json::object* item = items[i].if_object();
            if (!item) {
                m_errors.add(itemPointer, "an item is an object (a request or a folder)");
                continue;
            }
            const std::string name = scalarText(*item, "name");
            if (item->contains("item")) {
                const json::array* children = m_errors.array(*item, "item", itemPointer);
                const std::string what = "the folder \"" + name + "\"";
                m_notes.unknownFields(*item, itemPointer,
                    { "name", "item", "description", "auth", "event", "variable",
                        "protocolProfileBehavior", "id", "_postman_id", "_postman_isSubFolder" },
                    what);
                if (!descriptionText(item->if_contains("description")).empty())
                    m_notes.skip(pointerChild(itemPointer, "description"),
                        what + ": its description is not kept");
                if (const json::array* variables = arrayField(*item, "variable");
                    variables && !variables->empty())
                    m_notes.skip(pointerChild(itemPointer, "variable"),
                        what + ": folder variables are not imported; add them to an environment");
                noteEvents(*item, itemPointer, what);
                noteBehavior(*item, itemPointer, what, nullptr);
                Inherited own = inherited;
                readAuthOf(*item, itemPointer, &own);
                const std::string part = folderName(name);
                if (children)
                    readItems(*children, pointerChild(itemPointer, "item"),
                        folder.empty() ? part : folder + '/' + part, own);
            } else if (item->contains("request")) {
                readRequest(*item, itemPointer, folder, inherited);
            } else {
                m_notes.skip(
                    itemPointer, "the item \"" + name + "\" is neither a request nor a folder");
            }
        }
    }

    void readRequest(const json::object& item, const std::string& pointer,
        const std::string& folder, const Inherited& inherited)
    {
        SavedRequest saved;
        saved.name = scalarText(item, "name");
        saved.folder = folder;
        const std::string what = "the request \"" + saved.name + "\"";
        const std::string rPointer = pointerChild(pointer, "request");
        m_notes.unknownFields(item, pointer,
            { "name", "request", "response", "event", "id", "_postman_id", "uid",
                "protocolProfileBehavior", "description", "variable" },
            what);
        // Postman follows redirects unless told otherwise; the composer's
        // default is the reverse.
        saved.request.followRedirects = true;

        ComposerRequest& request = saved.request;
        std::vector<std::string> descriptions;
        const json::value* value = item.if_contains("request");
        if (value->is_string()) {
            request.url = std::string(value->get_string());
        } else if (const json::object* r = value->if_object()) {
            m_notes.unknownFields(*r, rPointer,
                { "method", "header", "body", "url", "auth", "description", "proxy",
                    "certificate" },
                what);
            request.method = upperAscii(m_errors.string(*r, "method", rPointer));
            if (request.method.empty())
                request.method = "GET";
            request.url = readUrl(*r, rPointer, what, &descriptions);
            readHeaders(*r, rPointer, what, &request, &descriptions);
            readBody(*r, rPointer, what, &request, &descriptions);
            Inherited own = inherited;
            readAuthOf(*r, rPointer, &own);
            applyAuth(own, &request);
            if (!descriptionText(r->if_contains("description")).empty())
                descriptions.insert(descriptions.begin(), "the request");
            for (std::string_view unsupported : { "proxy", "certificate" })
                if (r->contains(unsupported))
                    m_notes.skip(pointerChild(rPointer, unsupported),
                        what + ": its " + std::string(unsupported) + " settings are not imported");
        } else {
            m_errors.add(rPointer, "\"request\" must be an object or a URL");
            return;
        }
        if (!descriptionText(item.if_contains("description")).empty())
            descriptions.insert(descriptions.begin(), "the request");
        if (!descriptions.empty()) {
            std::vector<std::string> distinct;
            for (std::string& d : descriptions)
                if (std::find(distinct.begin(), distinct.end(), d) == distinct.end())
                    distinct.push_back(std::move(d));
            m_notes.skip(
                pointer, what + ": its descriptions (of " + commaList(distinct) + ") are not kept");
        }
        noteEvents(item, pointer, what);
        noteBehavior(item, pointer, what, &request);
        if (const json::array* examples = m_errors.array(item, "response", pointer);
            examples && !examples->empty())
            m_notes.skip(pointerChild(pointer, "response"),
                what + ": " + std::to_string(examples->size()) + " saved example response"
                    + (examples->size() == 1 ? " is" : "s are") + " not imported");
        if (const json::array* variables = arrayField(item, "variable");
            variables && !variables->empty())
            m_notes.skip(pointerChild(pointer, "variable"),
                what + ": request variables are not imported; add them to an environment");

        std::vector<std::string> dynamic;
        collectDynamicVariables(request.url, &dynamic);
        for (const Header& h : request.headers)
            collectDynamicVariables(h.value, &dynamic);
        collectDynamicVariables(request.body, &dynamic);
        for (const auto& field : request.formFields)
            collectDynamicVariables(field.second, &dynamic);
        collectDynamicVariables(request.token, &dynamic);
        if (!dynamic.empty()) {
            m_notes.approximate(rPointer,
                what + ": Postman's dynamic variables " + commaList(dynamic)
                    + " have no composer equivalent; they are sent as written");
        }
        m_api.requests.push_back(std::move(saved));
    }

    std::string readUrl(const json::object& request, const std::string& pointer,
        const std::string& what, std::vector<std::string>* descriptions)
    {
        const json::value* url = request.if_contains("url");
        const std::string urlPointer = pointerChild(pointer, "url");
        if (!url || url->is_null())
            return {};
        if (url->is_string())
            return std::string(url->get_string());
        const json::object* parts = url->if_object();
        if (!parts) {
            m_errors.add(urlPointer, "\"url\" must be a string or an object");
            return {};
        }
        std::string raw = scalarText(*parts, "raw");
        const json::array* query = m_errors.array(*parts, "query", urlPointer);
        if (query) {
            for (std::size_t i = 0; i < query->size(); ++i) {
                const json::object* q = (*query)[i].if_object();
                if (!q)
                    continue;
                if (boolField(*q, "disabled", false))
                    m_notes.skip(
                        pointerChild(pointerChild(pointerChild(urlPointer, "query"), i), "key"),
                        what + ": the query parameter \"" + scalarText(*q, "key")
                            + "\" is disabled and not imported");
                else if (!descriptionText(q->if_contains("description")).empty())
                    descriptions->push_back("the query parameter " + scalarText(*q, "key"));
            }
        }
        if (raw.empty())
            raw = rebuildUrl(*parts, query);

        // Path variables: ":name" segments take their value, or become
        // {{name}} so an environment can supply it.
        std::vector<std::pair<std::string, std::string>> values;
        if (const json::array* variables = m_errors.array(*parts, "variable", urlPointer)) {
            for (const json::value& v : *variables) {
                if (const json::object* o = v.if_object()) {
                    values.emplace_back(scalarText(*o, "key"), scalarText(*o, "value"));
                    if (!descriptionText(o->if_contains("description")).empty())
                        descriptions->push_back("the path variable " + scalarText(*o, "key"));
                }
            }
        }
        const std::size_t pathEnd = std::min(raw.find('?'), raw.find('#'));
        const std::string path = raw.substr(0, pathEnd);
        std::string out;
        for (std::size_t start = 0;;) {
            const std::size_t end = path.find('/', start);
            std::string segment = path.substr(start, end == std::string::npos ? end : end - start);
            if (segment.size() > 1 && segment.front() == ':') {
                const std::string name = segment.substr(1);
                auto found = std::find_if(values.begin(), values.end(),
                    [&](const auto& pair) { return pair.first == name; });
                if (found != values.end() && !found->second.empty()) {
                    segment = found->second;
                } else {
                    segment = "{{" + name + "}}";
                    m_notes.approximate(urlPointer,
                        what + ": the path variable :" + name + " has no value; it is sent as "
                            + segment + ", which an environment must define");
                }
            }
            out += segment;
            if (end == std::string::npos)
                break;
            out += '/';
            start = end + 1;
        }
        return pathEnd == std::string::npos ? out : out + raw.substr(pathEnd);
    }

    /// A URL from Postman's parts, for collections written without "raw".
    static std::string rebuildUrl(const json::object& parts, const json::array* query)
    {
        const auto joinedParts = [&](std::string_view key, char separator) {
            const json::value* v = parts.if_contains(key);
            if (!v)
                return std::string();
            if (!v->is_array())
                return scalarText(v);
            std::string out;
            for (const json::value& p : v->get_array()) {
                if (!out.empty())
                    out += separator;
                out += p.is_object() ? scalarText(p.get_object(), "value") : scalarText(&p);
            }
            return out;
        };
        std::string url;
        if (const std::string protocol = scalarText(parts, "protocol"); !protocol.empty())
            url = protocol + "://";
        url += joinedParts("host", '.');
        if (const std::string port = scalarText(parts, "port"); !port.empty())
            url += ':' + port;
        if (const std::string path = joinedParts("path", '/'); !path.empty())
            url += (path.front() == '/' ? "" : "/") + path;
        if (query) {
            char separator = '?';
            for (const json::value& v : *query) {
                const json::object* q = v.if_object();
                if (!q || boolField(*q, "disabled", false))
                    continue;
                url += separator + scalarText(*q, "key");
                if (const json::value* value = q->if_contains("value"); value && !value->is_null())
                    url += '=' + scalarText(value);
                separator = '&';
            }
        }
        if (const std::string hash = scalarText(parts, "hash"); !hash.empty())
            url += '#' + hash;
        return url;
    }

    void readHeaders(const json::object& request, const std::string& pointer,
        const std::string& what, ComposerRequest* out, std::vector<std::string>* descriptions)
    {
        const json::value* header = request.if_contains("header");
        const std::string hPointer = pointerChild(pointer, "header");
        if (!header || header->is_null())
            return;
        if (header->is_string()) {
            // The schema allows "Name: value" lines.
            std::string_view text = header->get_string();
            while (!text.empty()) {
                const std::size_t end = text.find('\n');
                const std::string_view line = text.substr(0, end);
                if (const std::size_t colon = line.find(':'); colon != std::string_view::npos)
                    out->headers.push_back({ std::string(trimBlanks(line.substr(0, colon))),
                        std::string(trimBlanks(line.substr(colon + 1))) });
                text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
            }
            return;
        }
        const json::array* list = header->if_array();
        if (!list) {
            m_errors.add(hPointer, "\"header\" must be a list of headers");
            return;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json::object* h = (*list)[i].if_object();
            if (!h) {
                m_errors.add(
                    pointerChild(hPointer, i), "a header is an object with \"key\" and \"value\"");
                continue;
            }
            const std::string name = scalarText(*h, "key");
            if (name.empty())
                continue;
            if (boolField(*h, "disabled", false)) {
                m_notes.skip(pointerChild(pointerChild(hPointer, i), "key"),
                    what + ": the header \"" + name + "\" is disabled and not imported");
                continue;
            }
            if (!descriptionText(h->if_contains("description")).empty())
                descriptions->push_back("the header " + name);
            out->headers.push_back({ name, scalarText(*h, "value") });
        }
    }

    void readBody(const json::object& request, const std::string& pointer, const std::string& what,
        ComposerRequest* out, std::vector<std::string>* descriptions)
    {
        const json::object* body = m_errors.object(request, "body", pointer);
        if (!body)
            return;
        const std::string bPointer = pointerChild(pointer, "body");
        const std::string mode = scalarText(*body, "mode");
        if (boolField(*body, "disabled", false)) {
            m_notes.skip(bPointer, what + ": the body is disabled and not imported");
            return;
        }
        if (mode == "raw") {
            out->bodyKind = ComposerRequest::BodyKind::Raw;
            out->body = scalarText(*body, "raw");
            const json::object* options = objectField(*body, "options");
            const json::object* raw = options ? objectField(*options, "raw") : nullptr;
            const std::string type
                = raw ? rawContentType(scalarText(*raw, "language")) : std::string();
            if (!type.empty() && !hasHeader(*out, "Content-Type"))
                out->headers.push_back({ "Content-Type", type });
        } else if (mode == "urlencoded" || mode == "formdata") {
            const json::array* fields = m_errors.array(*body, mode, bPointer);
            if (!fields)
                return;
            const bool form = mode == "urlencoded";
            out->bodyKind
                = form ? ComposerRequest::BodyKind::Form : ComposerRequest::BodyKind::Multipart;
            const std::string fPointer = pointerChild(bPointer, mode);
            for (std::size_t i = 0; i < fields->size(); ++i) {
                const std::string fieldPointer = pointerChild(fPointer, i);
                const json::object* f = (*fields)[i].if_object();
                if (!f) {
                    m_errors.add(
                        fieldPointer, "a form field is an object with \"key\" and \"value\"");
                    continue;
                }
                const std::string key = scalarText(*f, "key");
                if (boolField(*f, "disabled", false)) {
                    m_notes.skip(pointerChild(fieldPointer, "key"),
                        what + ": the form field \"" + key + "\" is disabled and not imported");
                    continue;
                }
                if (!descriptionText(f->if_contains("description")).empty())
                    descriptions->push_back("the form field " + key);
                if (form) {
                    if (!out->body.empty())
                        out->body += '&';
                    out->body += formEncode(key) + '=' + formEncode(scalarText(*f, "value"));
                    continue;
                }
                if (!scalarText(*f, "contentType").empty())
                    m_notes.approximate(fieldPointer,
                        what + ": the form field \"" + key + "\" declares its own Content-Type ("
                            + scalarText(*f, "contentType")
                            + "), which the composer does not send");
                if (scalarText(*f, "type") == "file") {
                    out->formFields.emplace_back(key, '@' + fileSource(*f, fieldPointer, what));
                } else {
                    out->formFields.emplace_back(key, scalarText(*f, "value"));
                }
            }
        } else if (mode == "file") {
            const json::object* file = objectField(*body, "file");
            if (file && file->contains("src")) {
                out->bodyKind = ComposerRequest::BodyKind::File;
                out->bodyFile = fileSource(*file, pointerChild(bPointer, "file"), what);
            } else if (file && file->contains("content")) {
                out->bodyKind = ComposerRequest::BodyKind::Raw;
                out->body = scalarText(*file, "content");
            }
        } else if (mode == "graphql") {
            // What Postman sends for a GraphQL body: a JSON POST body.
            const json::object* graphql = objectField(*body, "graphql");
            json::object sent;
            sent["query"] = graphql ? scalarText(*graphql, "query") : std::string();
            const std::string variables
                = graphql ? scalarText(*graphql, "variables") : std::string();
            boost::system::error_code ec;
            json::value parsed
                = variables.empty() ? json::value(json::object()) : json::parse(variables, ec);
            sent["variables"] = ec ? json::value(variables) : parsed;
            out->bodyKind = ComposerRequest::BodyKind::Raw;
            out->body = json::serialize(sent);
            if (!hasHeader(*out, "Content-Type"))
                out->headers.push_back({ "Content-Type", "application/json" });
            m_notes.approximate(bPointer,
                what
                    + ": the GraphQL body becomes the JSON body Postman sends "
                      "({\"query\", \"variables\"}); the composer has no GraphQL editor");
        } else if (!mode.empty()) {
            m_notes.skip(bPointer, what + ": the body mode \"" + mode + "\" is not imported");
        }
    }

    /// A file field's path (Postman allows a list; the composer sends one).
    std::string fileSource(
        const json::object& field, const std::string& pointer, const std::string& what)
    {
        const json::value* src = field.if_contains("src");
        if (const json::array* list = src ? src->if_array() : nullptr) {
            if (list->size() > 1)
                m_notes.approximate(pointer,
                    what + ": " + std::to_string(list->size())
                        + " files are attached to one field; only the first is imported");
            return list->empty() ? std::string() : scalarText(&list->front());
        }
        return scalarText(src);
    }

    /// A parameter of a Postman auth block: v2.1 lists {key, value}, v2.0
    /// writes an object.
    static std::string authParameter(
        const json::object& auth, std::string_view type, std::string_view key)
    {
        const json::value* block = auth.if_contains(type);
        if (!block)
            return {};
        if (const json::object* o = block->if_object())
            return scalarText(*o, key);
        if (const json::array* list = block->if_array()) {
            for (const json::value& entry : *list) {
                const json::object* e = entry.if_object();
                if (e && scalarText(*e, "key") == key)
                    return scalarText(e->if_contains("value"));
            }
        }
        return {};
    }

    void applyAuth(const Inherited& inherited, ComposerRequest* out)
    {
        if (!inherited.auth)
            return;
        const json::object& auth = *inherited.auth;
        const std::string type = scalarText(auth, "type");
        if (type == "noauth" || type.empty()) {
            out->auth = ComposerRequest::AuthKind::None;
        } else if (type == "bearer") {
            out->auth = ComposerRequest::AuthKind::Bearer;
            out->token = authParameter(auth, "bearer", "token");
        } else if (type == "basic") {
            out->auth = ComposerRequest::AuthKind::Basic;
            out->basicUser = authParameter(auth, "basic", "username");
            out->basicPassword = authParameter(auth, "basic", "password");
        } else if (type == "apikey") {
            const std::string key = authParameter(auth, "apikey", "key");
            const std::string value = authParameter(auth, "apikey", "value");
            const std::string in = authParameter(auth, "apikey", "in");
            if (in == "query") {
                // Postman appends it to the query, which the URL can say itself.
                out->url += (out->url.find('?') == std::string::npos ? '?' : '&') + formEncode(key)
                    + '=' + formEncode(value);
            } else {
                out->auth = ComposerRequest::AuthKind::ApiKey;
                out->apiKeyHeader = key.empty() ? std::string("X-API-Key") : key;
                out->token = value;
            }
        } else {
            m_notes.skip(inherited.pointer,
                "the " + type
                    + " auth is not imported (the composer sends Bearer, API key and "
                      "Basic auth); requests using it are sent without auth");
        }
    }
};

class PostmanEnvironmentImporter : ImporterBase {
public:
    explicit PostmanEnvironmentImporter(const SourceTree& tree)
        : ImporterBase(tree)
    {
    }

    ImportResult run()
    {
        const json::object* root = m_tree.root().if_object();
        const json::array* values = root ? m_errors.array(*root, "values", "") : nullptr;
        if (!values) {
            if (!m_errors.any())
                m_errors.add("", "a Postman environment has a \"values\" list");
            return finish();
        }
        m_notes.unknownFields(*root, "",
            { "id", "name", "values", "_postman_variable_scope", "_postman_exported_at",
                "_postman_exported_using", "color", "isPublic", "owner", "createdAt", "updatedAt" },
            "the environment");
        m_api.format = "Postman environment";
        m_api.title = scalarText(*root, "name");
        Environment environment;
        environment.name = m_api.title.empty() ? std::string("Postman") : m_api.title;
        environment.variables = readVariables(
            *values, "/values", "the environment \"" + m_api.title + "\"", m_notes, m_errors);
        m_api.environments.push_back(std::move(environment));
        return finish();
    }
};

} // namespace

ImportResult importPostmanCollection(const SourceTree& tree, const ImportOptions&)
{
    return PostmanImporter(tree).run();
}

ImportResult importPostmanEnvironment(const SourceTree& tree, const ImportOptions&)
{
    return PostmanEnvironmentImporter(tree).run();
}

} // namespace tollgate::server
