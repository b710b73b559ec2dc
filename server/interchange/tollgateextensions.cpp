#include "server/interchange/tollgateextensions.h"

#include "server/workspace/ssefile.h"
#include "server/workspace/wsfile.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <type_traits>

namespace tollgate::server {

namespace json = boost::json;

void readTollgateExtensions(const json::object& op, Route& route)
{
    auto integer = [](const json::object& o, std::string_view key, auto* out) {
        if (const json::value* v = o.if_contains(key); v && v->is_int64())
            *out = static_cast<std::remove_pointer_t<decltype(out)>>(v->get_int64());
    };
    auto flag = [&](std::string_view key, bool* out) {
        if (const json::value* v = op.if_contains(key); v && v->is_bool())
            *out = v->get_bool();
    };
    flag("x-tollgate-enabled", &route.enabled);
    bool validate = false;
    flag("x-tollgate-validate", &validate);
    route.validation.enabled = route.validation.enabled || validate;
    integer(op, "x-tollgate-price-micros", &route.access.priceMicros);
    integer(op, "x-tollgate-cost-micros", &route.access.costMicros);
    if (const json::value* v = op.if_contains("x-tollgate-rate-limit"); v && v->is_object()) {
        integer(v->get_object(), "requestsPerMinute", &route.access.requestsPerMinute);
        integer(v->get_object(), "burst", &route.access.burst);
    }
    if (const json::value* v = op.if_contains("x-tollgate-latency"); v && v->is_object()) {
        integer(v->get_object(), "minMs", &route.latency.minMs);
        integer(v->get_object(), "maxMs", &route.latency.maxMs);
    }
    if (const json::value* v = op.if_contains("x-tollgate-failure"); v && v->is_object()) {
        const json::object& f = v->get_object();
        if (const json::value* p = f.if_contains("percent"); p && p->is_number())
            route.failure.percent = std::clamp(p->to_number<double>(), 0.0, 100.0);
        integer(f, "status", &route.failure.status);
        if (const json::value* r = f.if_contains("reset"); r && r->is_bool())
            route.failure.reset = r->get_bool();
    }
    if (const json::value* v = op.if_contains("x-tollgate-upstream"); v && v->is_object()) {
        const json::object& u = v->get_object();
        if (const json::value* url = u.if_contains("url"); url && url->is_string())
            route.upstream.url = std::string(url->get_string());
        if (const json::value* f = u.if_contains("forwards");
            f && f->is_bool() && f->get_bool() && !route.upstream.url.empty())
            route.responder = RouteResponder::Upstream;
    }
    // The stream of an SSE route, as its route file has it; one that does not
    // read cleanly leaves the route designed, like the other extensions.
    if (const json::value* v = op.if_contains("x-tollgate-sse"); v && v->is_object()) {
        const std::string text = json::serialize(*v);
        jsonfile::Reader r(text, "x-tollgate-sse", nullptr);
        SseStream sse;
        readSse(r, v->get_object(), "", &sse);
        if (r.errorCount() == 0 && (sse.mode == SseMode::Tokens || !sse.events.empty())) {
            route.sse = std::move(sse);
            route.responder = RouteResponder::Sse;
        }
    }
    if (const json::value* v = op.if_contains("x-tollgate-websocket");
        v && v->is_object() && route.method == "GET") {
        const std::string text = json::serialize(*v);
        jsonfile::Reader r(text, "x-tollgate-websocket", nullptr);
        WsScript script;
        readWs(r, v->get_object(), "", &script);
        if (r.errorCount() == 0) {
            route.websocket = std::move(script);
            route.responder = RouteResponder::WebSocket;
        }
    }
}

} // namespace tollgate::server
