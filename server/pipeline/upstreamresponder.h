#pragma once

// Answers from an upstream: the request is forwarded (path rewritten, hop-by-
// hop fields dropped, Tollgate's own credentials removed, X-Forwarded-* and
// the route's header changes applied) by this thread's UpstreamClient, and
// the upstream's answer becomes the response. A failure is 502 (504 for a
// timeout), an open breaker 503 with Retry-After or the route's designed
// fallback response.

#include "server/pipeline/designedresponder.h"
#include "server/pipeline/responder.h"
#include "server/upstream/upstreamclient.h"

namespace tollgate::server {

class UpstreamResponder final : public Responder {
public:
    UpstreamResponder(UpstreamClient& client, DesignedResponder& designed);
    bool respond(ResponderCall& call, Waiter& waiter) override;

    /// The outgoing request for `call` (exposed for tests of the rewriting).
    static UpstreamRequest forwardRequest(const ResponderCall& call);
    /// Fills `out` from the upstream's answer or failure.
    static void answer(UpstreamResult& result, HttpResponse& out);

private:
    UpstreamClient& m_client;
    DesignedResponder& m_designed;
};

} // namespace tollgate::server
