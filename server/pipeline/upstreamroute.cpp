#include "server/pipeline/upstreamroute.h"

#include "server/http/response.h"
#include "server/metering/prometheustext.h"
#include "server/workspace/upstreamfile.h"

#include <cstdlib>

namespace tollgate::server {

BreakerRegistry::BreakerRegistry(std::shared_ptr<Clock> clock)
    : m_clock(std::move(clock))
{
}

std::shared_ptr<CircuitBreaker> BreakerRegistry::breakerFor(
    const std::string& origin, const BreakerSettings& s)
{
    const std::string key = origin + '|' + std::to_string(s.consecutiveFailures) + '|'
        + std::to_string(s.failureRate) + '|' + std::to_string(s.minimumCalls) + '|'
        + std::to_string(s.windowMs) + '|' + std::to_string(s.openMs) + '|'
        + std::to_string(s.halfOpenProbes);
    std::lock_guard lock(m_mutex);
    for (auto it = m_breakers.begin(); it != m_breakers.end();) {
        if (it->second.expired())
            it = m_breakers.erase(it);
        else
            ++it;
    }
    auto& slot = m_breakers[key];
    if (auto existing = slot.lock())
        return existing;
    auto breaker = std::make_shared<CircuitBreaker>(s, m_clock);
    slot = breaker;
    return breaker;
}

std::vector<BreakerRegistry::Entry> BreakerRegistry::entries() const
{
    std::vector<Entry> out;
    std::lock_guard lock(m_mutex);
    for (const auto& [key, weak] : m_breakers) {
        if (auto b = weak.lock())
            out.push_back({ key.substr(0, key.find('|')), b->state(), b->transitions() });
    }
    return out;
}

std::string BreakerRegistry::prometheusText() const
{
    const auto list = entries();
    if (list.empty())
        return {};
    std::string out = "# HELP tollgate_upstream_breaker_state The circuit breaker's state, by "
                      "upstream (1 for the current state).\n"
                      "# TYPE tollgate_upstream_breaker_state gauge\n";
    for (const Entry& e : list) {
        for (const auto state : { CircuitBreaker::State::Closed, CircuitBreaker::State::Open,
                 CircuitBreaker::State::HalfOpen }) {
            out.append("tollgate_upstream_breaker_state{upstream=\"");
            appendLabel(out, e.origin);
            out.append("\",state=\"").append(CircuitBreaker::stateName(state)).append("\"} ");
            out.append(state == e.state ? "1\n" : "0\n");
        }
    }
    out.append("# HELP tollgate_upstream_breaker_transitions_total Circuit breaker state "
               "changes, by upstream.\n# TYPE tollgate_upstream_breaker_transitions_total "
               "counter\n");
    for (const Entry& e : list) {
        out.append("tollgate_upstream_breaker_transitions_total{upstream=\"");
        appendLabel(out, e.origin);
        out.append("\"} ");
        appendNumber(out, e.transitions);
        out.push_back('\n');
    }
    return out;
}

std::string UpstreamRoute::upstreamTarget(
    std::string_view rawPath, std::string_view rawQuery, const StringPairs& params) const
{
    std::string out = basePath;
    if (!pathTemplate.empty()) {
        std::string_view t = pathTemplate;
        while (!t.empty()) {
            const auto open = t.find('{');
            out.append(t.substr(0, open));
            if (open == std::string_view::npos)
                break;
            const auto close = t.find('}', open);
            const std::string_view name = t.substr(open + 1, close - open - 1);
            for (const auto& [k, v] : params) {
                if (k != name)
                    continue;
                if (name == "*") { // the wildcard's rest keeps its slashes
                    std::string_view rest = v;
                    while (true) {
                        const auto slash = rest.find('/');
                        out += percentEncode(rest.substr(0, slash));
                        if (slash == std::string_view::npos)
                            break;
                        out += '/';
                        rest = rest.substr(slash + 1);
                    }
                } else {
                    out += percentEncode(v);
                }
                break;
            }
            t = t.substr(close + 1);
        }
    } else {
        std::string_view p = rawPath;
        // Strip on a segment boundary only: "/v1" strips "/v1/x", not "/v1x".
        if (!stripPrefix.empty() && p.substr(0, stripPrefix.size()) == stripPrefix
            && (p.size() == stripPrefix.size() || p[stripPrefix.size()] == '/'
                || stripPrefix.back() == '/')) {
            p.remove_prefix(stripPrefix.size());
            if (!p.empty() && p.front() != '/')
                out += '/';
        }
        out.append(p);
    }
    if (out.empty())
        out = "/";
    if (passQuery && !rawQuery.empty()) {
        out += '?';
        out.append(rawQuery);
    }
    return out;
}

std::shared_ptr<const UpstreamRoute> compileUpstreamRoute(const Upstream& u, bool keyRequired,
    const std::vector<std::string>& allowlist, const UpstreamSetup& setup,
    const std::string& where, std::vector<Diagnostic>* errors)
{
    bool ok = true;
    const auto report = [&](std::string message) {
        ok = false;
        if (errors) {
            Diagnostic d;
            d.message = where + ": " + std::move(message);
            errors->push_back(std::move(d));
        }
    };
    std::string error;
    const auto url = parseUpstreamUrl(u.url, &error);
    if (!url) {
        report("upstream URL " + jsonQuote(u.url) + ": " + error);
        return nullptr;
    }
    std::vector<AddressRange> allowed;
    for (const auto* list : { &allowlist, &setup.extraAllowlist }) {
        for (const std::string& text : *list) {
            if (auto range = AddressRange::parse(text, &error))
                allowed.push_back(*range);
            else
                report("upstream allowlist entry " + jsonQuote(text) + ": " + error);
        }
    }

    auto route = std::make_shared<UpstreamRoute>();
    route->basePath = url->basePath;
    route->stripPrefix = u.stripPrefix;
    route->pathTemplate = u.pathTemplate;
    route->passQuery = u.passQuery;
    route->dropCredentials = keyRequired;
    route->openResponse = u.openResponse;
    route->feeMicros = u.feeMicros;
    route->recorder = setup.recorder;
    for (UpstreamHeader h : u.headers) {
        if (!h.secretEnv.empty()) {
            auto value = setup.secret ? setup.secret(h.secretEnv) : std::nullopt;
            if (!value) {
                report("the secret for header " + h.name + " is not set (environment variable "
                    + h.secretEnv + ")");
                continue;
            }
            h.value = std::move(*value);
        }
        route->headers.push_back(std::move(h));
    }

    auto target = std::make_shared<UpstreamTarget>();
    target->https = url->https;
    target->host = url->host;
    target->port = url->port;
    target->hostField = url->authority;
    target->verifyTls = u.verifyTls;
    target->poolKey = url->origin + (u.verifyTls ? "" : " (unverified)");
    target->connectTimeoutMs = u.connectTimeoutMs;
    target->attemptTimeoutMs = u.attemptTimeoutMs;
    target->retry.maxAttempts = u.maxAttempts;
    target->retry.baseDelayMs = u.retryBaseDelayMs;
    target->retry.maxDelayMs = u.retryMaxDelayMs;
    target->retry.overallTimeoutMs = u.overallTimeoutMs;
    target->maxConnections = u.maxConnections;
    target->idleTimeoutMs = u.idleTimeoutMs;
    target->maxResponseBytes = u.maxResponseBytes;
    target->guard = std::make_shared<const SsrfGuard>(std::move(allowed));
    BreakerSettings b;
    b.consecutiveFailures = u.breakerFailures;
    b.failureRate = u.breakerFailureRate;
    b.minimumCalls = u.breakerMinimumCalls;
    b.windowMs = u.breakerWindowMs;
    b.openMs = u.breakerOpenMs;
    b.halfOpenProbes = u.breakerProbes;
    target->breaker = setup.breakers->breakerFor(url->origin, b);
    // An address literal is judged now, so the mistake shows at apply.
    if (const auto literal = parseAddressLiteral(url->host)) {
        if (const auto why = target->guard->refusal(*literal))
            report("upstream " + url->host + " is refused: " + *why);
    }
    route->target = std::move(target);
    if (!ok)
        return nullptr;
    return route;
}

} // namespace tollgate::server
