#include "server/routing/routetable.h"

#include "server/common/files.h"
#include "server/common/text.h"

#include <algorithm>
#include <climits>
#include <iterator>

#include <boost/json/value.hpp>

namespace tollgate::server {

namespace {

constexpr std::string_view kWildcard = "*";

std::string describeSegmentError(std::string_view segment)
{
    const auto opens = std::count(segment.begin(), segment.end(), '{');
    const auto closes = std::count(segment.begin(), segment.end(), '}');
    if (opens != closes)
        return "unbalanced braces in segment '" + std::string(segment) + "'";
    return "a parameter must be a whole segment: '" + std::string(segment) + "'";
}

} // namespace

bool PathTemplate::parse(std::string_view pattern, std::string* error)
{
    *this = PathTemplate {};
    const auto fail = [error](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    if (pattern.empty() || pattern.front() != '/')
        return fail("path must start with '/'");

    std::vector<Segment> segments;
    bool wildcard = false;
    std::string_view rest = pattern.substr(1);
    while (true) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        const bool last = slash == std::string_view::npos;
        if (segment == kWildcard) {
            if (!last)
                return fail("'*' must be the last segment");
            wildcard = true;
        } else if (segment.find('*') != std::string_view::npos) {
            return fail("'*' must be a whole segment: '" + std::string(segment) + "'");
        } else if (!segment.empty() && segment.front() == '{') {
            if (segment.size() < 2 || segment.back() != '}')
                return fail(describeSegmentError(segment));
            const auto name = segment.substr(1, segment.size() - 2);
            if (name.find_first_of("{}") != std::string_view::npos)
                return fail(describeSegmentError(segment));
            if (name.empty())
                return fail("empty parameter name");
            for (const auto& existing : segments) {
                if (existing.kind == Segment::Param && existing.text == name)
                    return fail("duplicate parameter name '" + std::string(name) + "'");
            }
            segments.push_back({ Segment::Param, std::string(name) });
        } else if (segment.find_first_of("{}") != std::string_view::npos) {
            return fail(describeSegmentError(segment));
        } else {
            segments.push_back({ Segment::Literal, std::string(segment) });
        }
        if (last)
            break;
        rest = rest.substr(slash + 1);
    }

    int literals = 0;
    int params = 0;
    for (const auto& segment : segments)
        ++(segment.kind == Segment::Literal ? literals : params);
    // Lexicographic (literals, parameters, not-a-wildcard): one more literal
    // outweighs any number of parameters, one more parameter outweighs the
    // wildcard.
    m_specificity
        = (std::min(literals, 0x3fff) << 16) | (std::min(params, 0x7fff) << 1) | (wildcard ? 0 : 1);

    m_literalPrefix = "/";
    while (
        m_prefixSegments < segments.size() && segments[m_prefixSegments].kind == Segment::Literal) {
        if (m_prefixSegments > 0)
            m_literalPrefix += '/';
        m_literalPrefix += segments[m_prefixSegments].text;
        ++m_prefixSegments;
    }
    if (m_prefixSegments > 0 && (m_prefixSegments < segments.size() || wildcard))
        m_literalPrefix += '/';

    m_pattern = std::string(pattern);
    m_segments = std::move(segments);
    m_wildcard = wildcard;
    return true;
}

bool PathTemplate::match(std::string_view path, StringPairs* params) const
{
    // Check first and capture only on success, so the many routes that do not
    // match cost no allocation.
    if (!walk(path, nullptr))
        return false;
    if (params)
        walk(path, params);
    return true;
}

bool PathTemplate::walk(std::string_view path, StringPairs* params) const
{
    if (m_pattern.empty() || !path.starts_with(m_literalPrefix))
        return false;
    std::size_t pos = m_literalPrefix.size();
    const std::size_t count = m_segments.size();
    if (m_prefixSegments == count && !m_wildcard)
        return pos == path.size();

    for (std::size_t i = m_prefixSegments; i < count; ++i) {
        auto end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        const auto segment = path.substr(pos, end - pos);
        const auto& expected = m_segments[i];
        if (expected.kind == Segment::Literal) {
            if (segment != expected.text)
                return false;
        } else {
            if (segment.empty())
                return false;
            if (params)
                params->emplace_back(expected.text, std::string(segment));
        }
        if (i + 1 == count && !m_wildcard) {
            if (end != path.size())
                return false;
        } else {
            if (end == path.size())
                return false;
            pos = end + 1;
        }
    }
    if (m_wildcard && params)
        params->emplace_back(std::string(kWildcard), std::string(path.substr(pos)));
    return true;
}

namespace {

bool regexHolds(const std::regex& regex, std::string_view text)
{
    return std::regex_search(text.begin(), text.end(), regex);
}

bool ruleHolds(const CompiledRule& compiled, const RequestContext& ctx)
{
    const Rule& rule = compiled.rule;
    std::string_view text;
    std::string owned;
    switch (rule.source) {
    case RuleSource::PathParam:
    case RuleSource::Query:
    case RuleSource::Header: {
        const std::string* value = rule.source == RuleSource::PathParam ? ctx.param(rule.key)
            : rule.source == RuleSource::Query                          ? ctx.queryValue(rule.key)
                                                                        : ctx.header(rule.key);
        if (!value)
            return false;
        text = *value;
        break;
    }
    case RuleSource::Body: {
        const boost::json::value* json = ctx.json();
        if (!json)
            return false;
        boost::system::error_code ec;
        const boost::json::value* value = json->find_pointer(rule.key, ec);
        if (!value || ec)
            return false;
        if (value->is_string()) {
            text = value->get_string();
        } else {
            owned = jsonText(*value);
            text = owned;
        }
        break;
    }
    }
    switch (rule.op) {
    case RuleOperator::Exists:
        return true;
    case RuleOperator::Equals:
        return text == rule.value;
    case RuleOperator::Regex:
        return regexHolds(compiled.regex, text);
    }
    return false;
}

} // namespace

bool CompiledWsRule::matches(std::string_view message, const boost::json::value* json) const
{
    std::string_view text = message;
    std::string owned;
    if (!pointer.empty()) {
        if (!json)
            return false;
        boost::system::error_code ec;
        const boost::json::value* value = json->find_pointer(pointer, ec);
        if (!value || ec)
            return false;
        if (value->is_string()) {
            text = value->get_string();
        } else {
            owned = jsonText(*value);
            text = owned;
        }
    }
    switch (match) {
    case WsMatch::Any:
        return true;
    case WsMatch::Equals:
        return text == value;
    case WsMatch::Contains:
        return text.find(value) != std::string_view::npos;
    case WsMatch::Regex:
        return regexHolds(regex, text);
    }
    return false;
}

int CompiledRoute::selectResponse(const RequestContext* ctx, std::uint64_t random) const
{
    const std::size_t count = responses.size();
    if (count == 0)
        return 0;
    const auto clamp = [count](int index) {
        if (index < 0)
            return 0;
        return static_cast<std::size_t>(index) >= count ? static_cast<int>(count - 1) : index;
    };
    switch (source.mode) {
    case ResponseMode::Random:
        return static_cast<int>(random % count);
    case ResponseMode::Sequential:
        return static_cast<int>(m_sequence.fetch_add(1, std::memory_order_relaxed) % count);
    case ResponseMode::Rules:
        break;
    }
    if (ctx) {
        for (const auto& rule : rules) {
            if (ruleHolds(rule, *ctx))
                return clamp(rule.rule.response);
        }
    }
    return clamp(source.defaultResponse);
}

namespace {

std::unique_ptr<CompiledRoute> compileRoute(
    const Workspace& ws, const Route& route, int threadSlots, std::vector<Diagnostic>* errors)
{
    bool ok = true;
    const auto report = [&](std::string message) {
        ok = false;
        if (!errors)
            return;
        Diagnostic diagnostic;
        if (route.fileName.empty())
            message = route.method + " " + route.path + ": " + message;
        else
            diagnostic.file = "routes/" + route.fileName;
        diagnostic.message = std::move(message);
        errors->push_back(std::move(diagnostic));
    };

    auto compiled = std::make_unique<CompiledRoute>();
    compiled->source = route;
    compiled->source.method = upperAscii(route.method);
    compiled->name = compiled->source.method + ' ' + route.path;

    std::string error;
    if (!compiled->path.parse(route.path, &error))
        report("path '" + route.path + "': " + error);

    if (route.responses.empty())
        report("the route has no response");

    // Rules are numbered from 1 in messages, as the route editor shows them.
    for (std::size_t i = 0; i < route.rules.size(); ++i) {
        CompiledRule rule;
        rule.rule = route.rules[i];
        if (rule.rule.source == RuleSource::Body && !rule.rule.key.empty()
            && rule.rule.key.front() != '/') {
            rule.rule.key.insert(rule.rule.key.begin(), '/');
        }
        if (rule.rule.op == RuleOperator::Regex) {
            try {
                rule.regex = std::regex(rule.rule.value, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                report("rule " + std::to_string(i + 1) + ": invalid regex: " + e.what());
                continue;
            }
        }
        compiled->rules.push_back(std::move(rule));
    }

    bool anyDynamic = false;
    for (std::size_t i = 0; i < route.responses.size(); ++i) {
        const Response& response = route.responses[i];
        const std::string where = "response " + std::to_string(i + 1);
        CompiledResponse out;
        out.status = response.status;

        std::string bodyText = response.body;
        if (!response.bodyFile.empty()) {
            // Inside the workspace only: a workspace pulled from someone's
            // repository must not serve ~/.ssh/id_rsa on the local port.
            if (!readFileInside(ws.dir, response.bodyFile, "body file", &bodyText, &error)) {
                report(where + ": " + error);
                continue;
            }
        }
        if (!out.body.compile(bodyText, threadSlots, &error)) {
            report(where + ": body: template error: " + error);
            continue;
        }
        bool isStatic = out.body.isStatic();
        bool headersOk = true;
        for (const Header& header : response.headers) {
            CompiledHeader compiledHeader;
            compiledHeader.name = header.name;
            if (!compiledHeader.value.compile(header.value, threadSlots, &error)) {
                report(where + ": header '" + header.name + "': template error: " + error);
                headersOk = false;
                continue;
            }
            isStatic = isStatic && compiledHeader.value.isStatic();
            out.headers.push_back(std::move(compiledHeader));
        }
        if (!headersOk)
            continue;
        out.isStatic = isStatic;
        anyDynamic = anyDynamic || !isStatic;
        compiled->responses.push_back(std::move(out));
    }

    if (route.validation.enabled) {
        auto check = std::make_shared<RequestCheck>();
        check->requiredQuery = route.validation.requiredQuery;
        check->requiredHeaders = route.validation.requiredHeaders;
        check->bodyRequired = route.validation.bodyRequired;
        if (!route.validation.bodySchema.empty()) {
            JsonSchemaValidator validator;
            if (JsonSchemaValidator::compile(route.validation.bodySchema, &validator, &error))
                check->body = std::move(validator);
            else
                report("request validation: " + error);
        }
        compiled->check = std::move(check);
    }

    if (route.responder == RouteResponder::Sse) {
        auto sse = std::make_shared<CompiledSse>();
        const auto compileField
            = [&](Template& t, const std::string& text, const std::string& what) {
                  if (!t.compile(text, threadSlots, &error))
                      report("stream: " + what + ": template error: " + error);
              };
        if (route.sse.mode == SseMode::Events && route.sse.events.empty())
            report("stream: an events stream needs at least one event");
        for (std::size_t i = 0; i < route.sse.events.size(); ++i) {
            const SseEvent& e = route.sse.events[i];
            const std::string where = "event " + std::to_string(i + 1);
            CompiledSseEvent out;
            compileField(out.event, e.event, where + " type");
            compileField(out.data, e.data, where + " data");
            compileField(out.id, e.id, where + " id");
            out.retryMs = e.retryMs;
            out.delayMs = e.delayMs;
            sse->events.push_back(std::move(out));
        }
        compileField(sse->text, route.sse.text, "text");
        compiled->sse = std::move(sse);
    }

    if (route.responder == RouteResponder::WebSocket) {
        auto ws = std::make_shared<CompiledWs>();
        const auto compileMessages
            = [&](std::vector<CompiledWsMessage>& out, const std::vector<WsMessage>& messages,
                  const std::string& where) {
                  for (std::size_t i = 0; i < messages.size(); ++i) {
                      CompiledWsMessage m;
                      if (!m.text.compile(messages[i].text, threadSlots, &error))
                          report("websocket: " + where + " message " + std::to_string(i + 1)
                              + ": template error: " + error);
                      m.delayMs = messages[i].delayMs;
                      out.push_back(std::move(m));
                  }
              };
        compileMessages(ws->onOpen, route.websocket.onOpen, "on-open");
        for (std::size_t i = 0; i < route.websocket.rules.size(); ++i) {
            const WsRule& rule = route.websocket.rules[i];
            const std::string where = "rule " + std::to_string(i + 1);
            CompiledWsRule out;
            out.match = rule.match;
            out.pointer = rule.pointer;
            out.value = rule.value;
            out.audience = rule.audience;
            out.closeCode = rule.closeCode;
            out.closeReason = rule.closeReason;
            if (rule.match == WsMatch::Regex) {
                try {
                    out.regex = std::regex(rule.value, std::regex::ECMAScript);
                } catch (const std::regex_error& e) {
                    report("websocket: " + where + ": invalid regular expression: " + e.what());
                }
            }
            compileMessages(out.replies, rule.replies, where + " reply");
            ws->rules.push_back(std::move(out));
        }
        ws->echo = route.websocket.echo;
        ws->maxMessageBytes = route.websocket.maxMessageBytes;
        ws->frameBytes = route.websocket.frameBytes;
        ws->idleTimeoutMs = route.websocket.idleTimeoutMs;
        if (route.method != "GET")
            report("a WebSocket route's method is GET");
        compiled->websocket = std::move(ws);
    }

    if (!ok)
        return nullptr;
    compiled->m_needsContext
        = (route.mode == ResponseMode::Rules && !compiled->rules.empty()) || anyDynamic;
    return compiled;
}

} // namespace

std::shared_ptr<const RouteTable> RouteTable::build(const Workspace& ws, int threadSlots,
    std::vector<Diagnostic>* errors, const std::function<bool(const CompiledRoute&)>& accept)
{
    auto table = std::make_shared<RouteTable>();
    for (const Route& route : ws.routes) {
        if (!route.enabled)
            continue;
        auto compiled = compileRoute(ws, route, threadSlots, errors);
        if (compiled && (!accept || accept(*compiled)))
            table->m_routes.push_back(std::move(compiled));
    }
    return table;
}

std::unique_ptr<CompiledRoute> RouteTable::compileOne(
    const Workspace& ws, const Route& route, int threadSlots, std::vector<Diagnostic>* errors)
{
    return compileRoute(ws, route, threadSlots, errors);
}

RouteTable::Match RouteTable::match(std::string_view method, std::string_view path) const
{
    const auto findBest = [this, path](std::string_view wanted) -> const CompiledRoute* {
        const CompiledRoute* best = nullptr;
        for (const auto& route : m_routes) {
            if (route->source.method != wanted)
                continue;
            if (best && route->path.specificity() <= best->path.specificity())
                continue;
            if (route->path.match(path, nullptr))
                best = route.get();
        }
        return best;
    };

    Match result;
    const CompiledRoute* best = findBest(method);
    if (!best && method == "HEAD")
        best = findBest("GET");
    if (best) {
        result.route = best;
        best->path.match(path, &result.params);
        return result;
    }

    // Not found for this method: the slow path of a 404/405 may allocate.
    std::vector<std::string_view> methods;
    for (const auto& route : m_routes) {
        if (route->path.match(path, nullptr))
            methods.push_back(route->source.method);
    }
    if (methods.empty())
        return result;
    if (std::find(methods.begin(), methods.end(), "GET") != methods.end())
        methods.push_back("HEAD");
    std::sort(methods.begin(), methods.end());
    methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
    for (const auto& m : methods) {
        if (!result.allow.empty())
            result.allow += ", ";
        result.allow += m;
    }
    return result;
}

} // namespace tollgate::server
