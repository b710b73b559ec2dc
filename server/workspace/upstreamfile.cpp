#include "server/workspace/upstreamfile.h"

namespace tollgate::server {

namespace json = boost::json;
using namespace jsonfile;

const char* toString(UpstreamHeader::Action action)
{
    switch (action) {
    case UpstreamHeader::Action::Set:
        return "set";
    case UpstreamHeader::Action::Add:
        return "add";
    case UpstreamHeader::Action::Remove:
        return "remove";
    }
    return "set";
}

json::object upstreamToJson(const Upstream& u)
{
    json::object o;
    o["url"] = jsonString(u.url);
    if (!u.stripPrefix.empty())
        o["stripPrefix"] = jsonString(u.stripPrefix);
    if (!u.pathTemplate.empty())
        o["pathTemplate"] = jsonString(u.pathTemplate);
    o["passQuery"] = u.passQuery;
    json::array headers;
    for (const UpstreamHeader& h : u.headers) {
        json::object ho;
        ho["action"] = toString(h.action);
        ho["name"] = jsonString(h.name);
        if (!h.secretEnv.empty())
            ho["secretEnv"] = jsonString(h.secretEnv);
        else if (h.action != UpstreamHeader::Action::Remove)
            ho["value"] = jsonString(h.value);
        headers.push_back(std::move(ho));
    }
    o["headers"] = std::move(headers);
    o["verifyTls"] = u.verifyTls;
    json::object timeouts;
    timeouts["connectMs"] = u.connectTimeoutMs;
    timeouts["attemptMs"] = u.attemptTimeoutMs;
    timeouts["overallMs"] = u.overallTimeoutMs;
    o["timeouts"] = std::move(timeouts);
    json::object retry;
    retry["maxAttempts"] = u.maxAttempts;
    retry["baseDelayMs"] = u.retryBaseDelayMs;
    retry["maxDelayMs"] = u.retryMaxDelayMs;
    o["retry"] = std::move(retry);
    json::object breaker;
    breaker["consecutiveFailures"] = u.breakerFailures;
    breaker["failureRate"] = u.breakerFailureRate;
    breaker["minimumCalls"] = u.breakerMinimumCalls;
    breaker["windowMs"] = u.breakerWindowMs;
    breaker["openMs"] = u.breakerOpenMs;
    breaker["halfOpenProbes"] = u.breakerProbes;
    if (u.openResponse >= 0)
        breaker["openResponse"] = u.openResponse;
    o["breaker"] = std::move(breaker);
    json::object pool;
    pool["maxConnections"] = u.maxConnections;
    pool["idleTimeoutMs"] = u.idleTimeoutMs;
    o["pool"] = std::move(pool);
    o["maxResponseBytes"] = u.maxResponseBytes;
    if (u.feeMicros > 0)
        o["feeMicros"] = u.feeMicros;
    return o;
}

void readUpstream(Reader& r, const json::object& o, const std::string& p, Upstream* out)
{
    Upstream u;
    if (r.getString(o, "url", p, &u.url) && !u.url.empty()) {
        std::string error;
        if (!parseUpstreamUrl(u.url, &error))
            r.error(Reader::child(p, "url"), "\"url\": " + error);
    }
    r.getString(o, "stripPrefix", p, &u.stripPrefix);
    if (std::string problem = upstreamStripPrefixProblem(u.stripPrefix); !problem.empty())
        r.error(Reader::child(p, "stripPrefix"), std::move(problem));
    if (r.getString(o, "pathTemplate", p, &u.pathTemplate)) {
        if (std::string problem = upstreamPathTemplateProblem(u.pathTemplate); !problem.empty())
            r.error(Reader::child(p, "pathTemplate"), std::move(problem));
    }
    r.getBool(o, "passQuery", p, &u.passQuery);
    if (const json::array* headers = r.getArray(o, "headers", p)) {
        const std::string hp = Reader::child(p, "headers");
        for (std::size_t i = 0; i < headers->size(); ++i) {
            const std::string ip = Reader::child(hp, i);
            if (!(*headers)[i].is_object()) {
                r.error(ip, "each header change must be an object with \"action\" and \"name\"");
                continue;
            }
            const json::object& ho = (*headers)[i].get_object();
            UpstreamHeader h;
            std::string action;
            if (r.getString(ho, "action", ip, &action)) {
                if (action == "set")
                    h.action = UpstreamHeader::Action::Set;
                else if (action == "add")
                    h.action = UpstreamHeader::Action::Add;
                else if (action == "remove")
                    h.action = UpstreamHeader::Action::Remove;
                else
                    r.error(Reader::child(ip, "action"),
                        "unknown action " + jsonQuoted(action) + " (expected set, add or remove)");
            }
            r.getString(ho, "name", ip, &h.name);
            if (std::string problem = upstreamHeaderNameProblem(h.name); !problem.empty())
                r.error(Reader::child(ip, "name"), std::move(problem));
            r.getString(ho, "value", ip, &h.value);
            if (std::string problem = upstreamHeaderValueProblem(h.value); !problem.empty())
                r.error(Reader::child(ip, "value"), std::move(problem));
            if (r.getString(ho, "secretEnv", ip, &h.secretEnv) && !h.secretEnv.empty()) {
                if (std::string problem = upstreamSecretNameProblem(h.secretEnv); !problem.empty())
                    r.error(Reader::child(ip, "secretEnv"), std::move(problem));
                if (!h.value.empty())
                    r.error(Reader::child(ip, "value"),
                        "a header takes its value from \"value\" or \"secretEnv\", not both: "
                        "secrets are never written to the workspace");
            }
            u.headers.push_back(std::move(h));
        }
    }
    r.getBool(o, "verifyTls", p, &u.verifyTls);
    constexpr int kMaxMs = 3'600'000;
    if (const json::object* t = r.getObject(o, "timeouts", p)) {
        const std::string tp = Reader::child(p, "timeouts");
        r.readInt(*t, "connectMs", tp, 1, kMaxMs, &u.connectTimeoutMs);
        r.readInt(*t, "attemptMs", tp, 1, kMaxMs, &u.attemptTimeoutMs);
        r.readInt(*t, "overallMs", tp, 1, kMaxMs, &u.overallTimeoutMs);
    }
    if (const json::object* t = r.getObject(o, "retry", p)) {
        const std::string tp = Reader::child(p, "retry");
        r.readInt(*t, "maxAttempts", tp, 1, 10, &u.maxAttempts);
        r.readInt(*t, "baseDelayMs", tp, 0, kMaxMs, &u.retryBaseDelayMs);
        r.readInt(*t, "maxDelayMs", tp, 0, kMaxMs, &u.retryMaxDelayMs);
    }
    if (const json::object* t = r.getObject(o, "breaker", p)) {
        const std::string tp = Reader::child(p, "breaker");
        r.readInt(*t, "consecutiveFailures", tp, 0, 1'000'000, &u.breakerFailures);
        r.readDouble(*t, "failureRate", tp, 0.0, 1.0, &u.breakerFailureRate);
        r.readInt(*t, "minimumCalls", tp, 1, 1'000'000, &u.breakerMinimumCalls);
        r.readInt(*t, "windowMs", tp, 100, kMaxMs, &u.breakerWindowMs);
        r.readInt(*t, "openMs", tp, 1, kMaxMs, &u.breakerOpenMs);
        r.readInt(*t, "halfOpenProbes", tp, 1, 1000, &u.breakerProbes);
        r.readInt(*t, "openResponse", tp, 0, 1000, &u.openResponse);
    }
    if (const json::object* t = r.getObject(o, "pool", p)) {
        const std::string tp = Reader::child(p, "pool");
        r.readInt(*t, "maxConnections", tp, 1, 100'000, &u.maxConnections);
        r.readInt(*t, "idleTimeoutMs", tp, 1, kMaxMs, &u.idleTimeoutMs);
    }
    r.readInt(o, "maxResponseBytes", p, 1, 1LL << 40, &u.maxResponseBytes);
    r.readInt(o, "feeMicros", p, 0, 1'000'000'000'000LL, &u.feeMicros);
    *out = std::move(u);
}

} // namespace tollgate::server
