#include "server/workspace/recording.h"

#include "server/common/text.h"

#include <algorithm>
#include <array>

namespace tollgate::server {

namespace {

bool isDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-') || (!dash && hexValue(s[i]) < 0))
            return false;
    }
    return true;
}

/// "users" -> "userId", "categories" -> "categoryId", "order-items" ->
/// "orderItemId"; "id" when nothing usable comes before.
std::string paramNameAfter(std::string_view segment)
{
    std::string word;
    bool upper = false;
    for (char c : segment) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = !word.empty();
            continue;
        }
        word += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    if (word.empty() || (word[0] >= '0' && word[0] <= '9'))
        return "id";
    if (word.size() > 3 && word.ends_with("ies"))
        word.replace(word.size() - 3, 3, "y");
    else if (word.size() > 1 && word.back() == 's' && !word.ends_with("ss"))
        word.pop_back();
    return word + "Id";
}

/// The path with every parameter as "{}", to compare templates whatever
/// their parameter names.
std::string templateShape(std::string_view path)
{
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '{') {
            const auto close = path.find('}', i);
            if (close == std::string_view::npos)
                break;
            out += "{}";
            i = close + 1;
            continue;
        }
        out += path[i++];
    }
    return out;
}

bool isUntouchedDefault(const Route& route)
{
    return route.responses.size() == 1 && route.responses[0] == Response {} && route.rules.empty();
}

} // namespace

std::string literalTemplate(std::string text)
{
    if (text.find("{{") == std::string::npos)
        return text;
    constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kDelimiters { {
        { "<%", "%>" }, { "[[[", "]]]" }, { "<<<", ">>>" }, { "(%tg", "tg%)" } } };
    for (const auto& [open, close] : kDelimiters) {
        if (text.find(open) == std::string::npos && text.find(close) == std::string::npos)
            return "{{=" + std::string(open) + ' ' + std::string(close) + "=}}" + text;
    }
    return {};
}


std::string recordedPathTemplate(
    std::string_view path, std::vector<std::pair<std::string, std::string>>* params)
{
    std::string out;
    std::string_view previous;
    std::vector<std::string> names;
    std::string_view rest = path.substr(path.starts_with('/') ? 1 : 0);
    while (true) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        out += '/';
        if (isDigits(segment) || isUuid(segment)) {
            std::string name = paramNameAfter(previous);
            const std::string base = name;
            for (int n = 2; std::find(names.begin(), names.end(), name) != names.end(); ++n)
                name = base + std::to_string(n);
            names.push_back(name);
            out += '{' + name + '}';
            if (params)
                params->emplace_back(name, std::string(segment));
            previous = {};
        } else {
            out += segment;
            previous = segment;
        }
        if (slash == std::string_view::npos)
            break;
        rest = rest.substr(slash + 1);
    }
    return out;
}

bool isUnrecordedField(std::string_view name)
{
    static constexpr std::array<std::string_view, 16> kExact { "set-cookie", "set-cookie2",
        "cookie", "authorization", "proxy-authorization", "proxy-authenticate", "date",
        "content-length", "transfer-encoding", "connection", "keep-alive", "x-request-id",
        "server", "age", "www-authenticate", "alt-svc" };
    for (auto f : kExact) {
        if (iequals(name, f))
            return true;
    }
    const std::string lower = lowerAscii(name);
    static constexpr std::array<std::string_view, 7> kParts { "token", "secret", "api-key",
        "apikey", "session", "auth", "password" };
    return std::any_of(kParts.begin(), kParts.end(),
        [&lower](std::string_view p) { return lower.find(p) != std::string::npos; });
}

RecordingMerge mergeRecording(Workspace& ws, const std::vector<RecordedExchange>& exchanges)
{
    RecordingMerge merge;
    const auto changed = [&merge](std::size_t index) {
        if (std::find(merge.changedRoutes.begin(), merge.changedRoutes.end(), index)
            == merge.changedRoutes.end())
            merge.changedRoutes.push_back(index);
    };
    for (const RecordedExchange& ex : exchanges) {
        const std::string what = ex.method + ' ' + ex.path;
        if (!isValidUtf8(ex.body)) {
            merge.skipped.push_back(what + ": the body is not text (binary or compressed)");
            continue;
        }
        Response response;
        response.status = ex.status;
        for (const Header& h : ex.headers) {
            if (isUnrecordedField(h.name))
                continue;
            std::string value = literalTemplate(h.value);
            if (!value.empty() || h.value.empty())
                response.headers.push_back({ h.name, std::move(value) });
        }
        response.body = literalTemplate(ex.body);
        if (response.body.empty() && !ex.body.empty()) {
            merge.skipped.push_back(what + ": the body cannot be kept literal");
            continue;
        }

        // The route: the upstream route that answered, else one made for the
        // fallback's traffic.
        std::vector<std::pair<std::string, std::string>> params = ex.params;
        std::size_t index = ws.routes.size();
        if (!ex.route.empty()) {
            for (std::size_t i = 0; i < ws.routes.size(); ++i) {
                const Route& r = ws.routes[i];
                if (upperAscii(r.method) + ' ' + r.path == ex.route) {
                    index = i;
                    break;
                }
            }
            if (index == ws.routes.size()) {
                merge.skipped.push_back(what + ": its route " + ex.route + " is gone");
                continue;
            }
        } else {
            params.clear();
            const std::string path = recordedPathTemplate(ex.path, &params);
            if (path.find_first_of("*") != std::string::npos
                || path.find("//") != std::string::npos) {
                merge.skipped.push_back(what + ": the path cannot be a route path");
                continue;
            }
            const std::string shape = templateShape(path);
            for (std::size_t i = 0; i < ws.routes.size(); ++i) {
                const Route& r = ws.routes[i];
                if (upperAscii(r.method) == ex.method && templateShape(r.path) == shape) {
                    index = i;
                    // The route's own names for the parameters.
                    std::vector<std::pair<std::string, std::string>> own;
                    std::size_t p = 0;
                    std::string_view rest = r.path;
                    while (p < params.size()) {
                        const auto open = rest.find('{');
                        if (open == std::string_view::npos)
                            break;
                        const auto close = rest.find('}', open);
                        own.emplace_back(std::string(rest.substr(open + 1, close - open - 1)),
                            params[p++].second);
                        rest = rest.substr(close + 1);
                    }
                    params = std::move(own);
                    break;
                }
            }
            if (index == ws.routes.size()) {
                Route route;
                route.method = ex.method;
                route.path = path;
                route.description = "Recorded from " + ws.server.fallback.url;
                route.responder = RouteResponder::Upstream;
                route.upstream = ws.server.fallback;
                route.bodyLimit = ws.server.limits.bodyBytes;
                response.label = "Recorded " + std::to_string(ex.status);
                route.responses = { response };
                if (!params.empty()) {
                    route.rules.push_back({ RuleSource::PathParam, params.back().first,
                        RuleOperator::Equals, params.back().second, 0 });
                    ++merge.rulesAdded;
                }
                ws.routes.push_back(std::move(route));
                ++merge.routesAdded;
                ++merge.responsesAdded;
                changed(index);
                continue;
            }
        }

        Route& route = ws.routes[index];
        // An answer already recorded for this parameter value (or, without
        // parameters, any answer) stays: the first one wins.
        const Rule* existing = nullptr;
        if (!params.empty()) {
            for (const Rule& rule : route.rules) {
                if (rule.source == RuleSource::PathParam && rule.key == params.back().first
                    && rule.op == RuleOperator::Equals && rule.value == params.back().second)
                    existing = &rule;
            }
        }
        const bool untouched = isUntouchedDefault(route);
        if (existing || (params.empty() && !untouched)) {
            ++merge.duplicates;
            continue;
        }
        int responseIndex = -1;
        for (std::size_t i = 0; i < route.responses.size(); ++i) {
            Response candidate = route.responses[i];
            candidate.label = response.label;
            if (candidate == response)
                responseIndex = static_cast<int>(i);
        }
        if (responseIndex < 0) {
            response.label = "Recorded " + std::to_string(ex.status);
            if (untouched) {
                route.responses[0] = response;
                responseIndex = 0;
            } else {
                route.responses.push_back(response);
                responseIndex = static_cast<int>(route.responses.size() - 1);
            }
            ++merge.responsesAdded;
        }
        if (!params.empty()) {
            route.rules.push_back({ RuleSource::PathParam, params.back().first,
                RuleOperator::Equals, params.back().second, responseIndex });
            ++merge.rulesAdded;
        }
        changed(index);
    }
    return merge;
}

} // namespace tollgate::server
