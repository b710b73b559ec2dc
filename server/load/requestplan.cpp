#include "server/load/requestplan.h"

#include "server/common/text.h"
#include "server/routing/requestcontext.h"
#include "server/tls/tlscontext.h"

#include <boost/beast/core/string.hpp>

#include <algorithm>

namespace tollgate::server::loadgen {

std::string Plan::renderTarget(const PreparedTarget& t, int slot, RequestContext* ctx) const
{
    ctx->method = t.target.method;
    for (const auto& [name, tpl] : t.params)
        ctx->params.emplace_back(name, tpl.render(*ctx, slot));
    std::string path = t.path.render(*ctx, slot);
    for (const auto& [name, value] : ctx->params) {
        const std::string tag = "{" + name + "}";
        for (auto at = path.find(tag); at != std::string::npos; at = path.find(tag, at)) {
            const std::string encoded = percentEncode(value);
            path.replace(at, tag.size(), encoded);
            at += encoded.size();
        }
    }
    ctx->path = path;
    std::string out = url.prefix;
    out += path;
    if (url.prefix.empty() && path.empty())
        out += '/';
    if (!url.query.empty()) {
        if (path.find('?') == std::string::npos)
            out += url.query;
        else
            out += '&' + url.query.substr(1);
    }
    return out;
}

void Plan::renderHandshake(const PreparedTarget& t, std::size_t key, int slot, std::string* target,
    std::vector<std::pair<std::string, std::string>>* fields) const
{
    RequestContext ctx;
    *target = renderTarget(t, slot, &ctx);
    fields->clear();
    fields->emplace_back("User-Agent", std::string("tollgate-load/") + TOLLGATE_VERSION);
    if (key < settings.keys.size() && !settings.keys[key].secret.empty()) {
        const std::string& header = settings.keyHeader;
        const std::string& secret = settings.keys[key].secret;
        fields->emplace_back(
            header, iequals(header, "Authorization") ? "Bearer " + secret : secret);
    }
    for (const auto& [name, tpl] : t.headers)
        fields->emplace_back(name, tpl.render(ctx, slot));
}

void Plan::render(const PreparedTarget& t, std::size_t key, int slot, std::string* out) const
{
    RequestContext ctx;
    const std::string target = renderTarget(t, slot, &ctx);
    const std::string body = t.body.render(ctx, slot);
    out->clear();
    *out += t.target.method;
    *out += ' ';
    *out += target;
    *out += " HTTP/1.1\r\nHost: ";
    *out += url.hostHeader;
    *out += "\r\n";
    *out += userAgent;
    if (key < keys.size())
        *out += keys[key].headerLine;
    for (const auto& [name, tpl] : t.headers) {
        *out += name;
        *out += ": ";
        *out += tpl.render(ctx, slot);
        *out += "\r\n";
    }
    const auto& m = t.target.method;
    if (!body.empty() || m == "POST" || m == "PUT" || m == "PATCH") {
        *out += "Content-Length: ";
        *out += std::to_string(body.size());
        *out += "\r\n";
    }
    *out += "\r\n";
    *out += body;
}

bool preparePlan(const LoadSettings& settings, Plan* plan, std::string* error)
{
    plan->settings = settings;
    if (!parseLoadUrl(settings.url, &plan->url, error))
        return false;
    if (plan->url.tls) {
        boost::system::error_code ec;
        if (!settings.caPem.empty()) {
            // Exactly these authorities, no system roots.
            plan->tls = makeClientTlsContext(settings.caPem, error);
            if (!plan->tls) {
                *error = "The CA certificates to trust: " + *error;
                return false;
            }
        } else {
            plan->tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
            plan->tls->set_default_verify_paths(ec);
        }
        plan->tls->set_verify_mode(
            settings.verifyTls ? asio::ssl::verify_peer : asio::ssl::verify_none, ec);
    }
    if (settings.webSocket()) {
        std::string why;
        if (!plan->wsMessage.compile(settings.wsMessage, std::max(1, settings.threads), &why)) {
            *error = "The message template: " + why;
            return false;
        }
    }
    const int slots = std::max(1, settings.threads);
    std::vector<LoadTarget> mix = settings.mix;
    if (mix.empty()) {
        LoadTarget whole;
        whole.path = "";
        whole.name = "GET " + (plan->url.prefix.empty() ? std::string("/") : plan->url.prefix);
        mix.push_back(whole);
    }
    // Tiers in the order the pool names them; keys without one share a row.
    for (const auto& k : settings.keys) {
        const std::string tier = k.tier.empty() ? std::string(kNoKeyTier) : k.tier;
        auto it = std::find(plan->tierNames.begin(), plan->tierNames.end(), tier);
        PreparedKey pk;
        pk.tier = static_cast<std::uint32_t>(it - plan->tierNames.begin());
        if (it == plan->tierNames.end())
            plan->tierNames.push_back(tier);
        if (!k.secret.empty()) {
            pk.headerLine = settings.keyHeader + ": ";
            if (iequals(settings.keyHeader, "Authorization"))
                pk.headerLine += "Bearer ";
            pk.headerLine += k.secret + "\r\n";
        }
        plan->keys.push_back(std::move(pk));
    }
    if (plan->tierNames.empty())
        plan->tierNames.push_back(kNoKeyTier);
    std::vector<double> keyWeights;
    for (const auto& k : settings.keys)
        keyWeights.push_back(k.weight);
    plan->keyPick = WeightedPick(keyWeights);

    std::vector<double> weights;
    for (const auto& t : mix) {
        PreparedTarget p;
        p.target = t;
        p.head = t.method == "HEAD";
        std::string why;
        auto compile = [&](Template& tpl, const std::string& text) {
            if (!tpl.compile(text, slots, &why)) {
                *error = t.label() + ": " + why;
                return false;
            }
            p.isStatic = p.isStatic && tpl.isStatic();
            return true;
        };
        if (!compile(p.path, t.path) || !compile(p.body, t.body))
            return false;
        for (const auto& [name, value] : t.params) {
            p.params.emplace_back(name, Template());
            if (!compile(p.params.back().second, value))
                return false;
        }
        for (const auto& [name, value] : t.headers) {
            p.headers.emplace_back(name, Template());
            if (!compile(p.headers.back().second, value))
                return false;
        }
        weights.push_back(t.weight);
        plan->targets.push_back(std::move(p));
    }
    plan->targetPick = WeightedPick(weights);
    // Static requests are made once per key and sent from memory; a big
    // pool of many routes renders per request instead of using the memory.
    const std::size_t variants = std::max<std::size_t>(1, plan->keys.size());
    if (variants * plan->targets.size() <= 65536) {
        for (auto& t : plan->targets) {
            if (!t.isStatic)
                continue;
            t.perKey.resize(variants);
            for (std::size_t k = 0; k < variants; ++k)
                plan->render(t, k, 0, &t.perKey[k]);
        }
    }
    return true;
}

} // namespace tollgate::server::loadgen
