#pragma once

// Answers from the route's designed responses: picks one (rules, random or
// sequential rotation) and renders its templated headers and body.

#include "server/pipeline/responder.h"
#include "server/routing/requestcontext.h"

namespace tollgate::server {

class DesignedResponder final : public Responder {
public:
    bool respond(ResponderCall& call, Waiter& waiter) override;
    /// Renders the route's response number `index` (no rules asked).
    void respondWith(ResponderCall& call, int index);
    /// What templates and rules see of call's request (takes call.params).
    static RequestContext requestContext(ResponderCall& call);
};

} // namespace tollgate::server
