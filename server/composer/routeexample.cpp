#include "server/composer/routeexample.h"
#include "server/common/text.h"

#include <boost/json.hpp>

#include <string>

namespace tollgate::server {

namespace json = boost::json;

namespace {

bool carriesBody(const std::string& method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

// "/user/id" -> {"user":{"id":value}}; "~1" and "~0" unescaped per RFC 6901.
void setAtPointer(json::object& root, const std::string& pointer, const std::string& value)
{
    json::object* at = &root;
    std::size_t pos = pointer.empty() || pointer[0] != '/' ? 0 : 1;
    while (true) {
        const std::size_t slash = pointer.find('/', pos);
        std::string token = pointer.substr(pos, slash == std::string::npos ? slash : slash - pos);
        for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
            if (i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1'))
                token.replace(i, 2, token[i + 1] == '0' ? "~" : "/");
        }
        if (slash == std::string::npos) {
            (*at)[token] = json::string(value);
            return;
        }
        json::value& next = (*at)[token];
        if (!next.is_object())
            next = json::object();
        at = &next.as_object();
        pos = slash + 1;
    }
}

} // namespace

ComposerRequest exampleRequest(const Route& route)
{
    ComposerRequest r;
    r.method = route.method;
    // A WebSocket route answers messages with rules of its own; the
    // route's request rules pick designed responses it never sends.
    const bool websocket = route.responder == RouteResponder::WebSocket;

    // The rules that lead to one response: the first rule's. Rules are ANDed
    // per response only by the user's intent, so follow the first target.
    const int target = route.rules.empty() ? -1 : route.rules.front().response;
    const auto wanted = [&](const Rule& rule) {
        return !websocket && rule.response == target
            && (rule.op == RuleOperator::Equals || rule.op == RuleOperator::Exists);
    };
    const auto valueOf = [](const Rule& rule) {
        return rule.op == RuleOperator::Equals ? rule.value : std::string("example");
    };

    std::string path;
    const std::string& tpl = route.path;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
        if (tpl[i] == '{') {
            const std::size_t close = tpl.find('}', i);
            if (close == std::string::npos) {
                path += tpl.substr(i);
                break;
            }
            const std::string name = tpl.substr(i + 1, close - i - 1);
            std::string value = "1";
            for (const Rule& rule : route.rules) {
                if (rule.source == RuleSource::PathParam && rule.key == name && wanted(rule)) {
                    value = valueOf(rule);
                    break;
                }
            }
            path += percentEncode(value);
            i = close;
        } else if (tpl[i] == '*' && i + 1 == tpl.size()) {
            path += "example";
        } else {
            path += tpl[i];
        }
    }
    // A WebSocket is opened at a ws:// (or wss://) URL: {{wsBaseUrl}} is
    // {{baseUrl}} with its scheme so changed (the composer's builtin).
    r.url = (websocket ? "{{wsBaseUrl}}" : "{{baseUrl}}") + path;

    std::string query;
    json::object body;
    bool bodyFromRules = false;
    for (const Rule& rule : route.rules) {
        if (!wanted(rule) || rule.key.empty())
            continue;
        switch (rule.source) {
        case RuleSource::Query:
            query += (query.empty() ? "?" : "&") + percentEncode(rule.key) + "="
                + percentEncode(valueOf(rule));
            break;
        case RuleSource::Header:
            r.headers.push_back({ rule.key, valueOf(rule) });
            break;
        case RuleSource::Body:
            setAtPointer(body, rule.key, valueOf(rule));
            bodyFromRules = true;
            break;
        case RuleSource::PathParam:
            break;
        }
    }
    r.url += query;

    if (!websocket && (bodyFromRules || carriesBody(route.method))) {
        r.bodyKind = ComposerRequest::BodyKind::Raw;
        r.body = bodyFromRules ? json::serialize(body) : "{}";
        r.headers.push_back({ "Content-Type", "application/json" });
    }
    if (route.access.keyRequired) {
        r.auth = ComposerRequest::AuthKind::ApiKey;
        r.apiKeyHeader = "X-API-Key";
    }
    r.connectTimeoutMs = 10000;
    r.totalTimeoutMs = 30000;
    return r;
}

} // namespace tollgate::server
