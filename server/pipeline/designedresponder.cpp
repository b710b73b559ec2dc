#include "server/pipeline/designedresponder.h"

#include "server/common/text.h"
#include "server/routing/requestcontext.h"

#include <algorithm>
#include <optional>

namespace tollgate::server {

bool DesignedResponder::respond(ResponderCall& call, Waiter& /*waiter*/)
{
    respondWith(call, -1);
    return true;
}

RequestContext DesignedResponder::requestContext(ResponderCall& call)
{
    RequestContext ctx;
    ctx.id.assign(call.requestId);
    ctx.method.assign(call.request.method_string());
    ctx.path.assign(call.path);
    ctx.rawQuery.assign(call.rawQuery);
    ctx.params = std::move(call.params);
    ctx.query = parseQuery(call.rawQuery);
    for (const auto& f : call.request)
        ctx.headers.emplace_back(lowerAscii(f.name_string()), std::string(f.value()));
    ctx.body = call.request.body();
    return ctx;
}

void DesignedResponder::respondWith(ResponderCall& call, int chosen)
{
    const CompiledRoute& route = call.route;
    // Static routes pay nothing for the request context: it is built only
    // when a rule or template reads it.
    std::optional<RequestContext> ctx;
    if (route.needsContext())
        ctx.emplace(requestContext(call));
    const int index
        = chosen >= 0 ? chosen : route.selectResponse(ctx ? &*ctx : nullptr, call.rng());
    const CompiledResponse& resp = route.responses[static_cast<std::size_t>(
        std::clamp<int>(index, 0, static_cast<int>(route.responses.size()) - 1))];

    HttpResponse& r = call.response;
    r.status = resp.status;
    for (const auto& h : resp.headers) {
        if (h.value.isStatic())
            r.header(h.name, h.value.text());
        else
            r.header(h.name, h.value.render(*ctx, call.threadSlot));
    }
    if (resp.body.isStatic())
        r.body = resp.body.text(); // lives in the snapshot, which the request holds
    else
        r.setBody(resp.body.render(*ctx, call.threadSlot));
}

} // namespace tollgate::server
