#pragma once

// "Try it": a composer request that exercises a route the way its first rule
// expects, so the user sees a matching response at once.

#include "server/composer/composerrequest.h"
#include "server/workspace/workspace.h"

namespace tollgate::server {

/// A request for this route against {{baseUrl}}: path parameters filled from
/// the first Equals rule of each parameter (else "1"), query parameters,
/// headers and a JSON body built from the Equals rules that point at the
/// first rule's response, a JSON body "{}" for methods that carry one, and
/// API-key auth (token left to the caller) when the route needs a key.
ComposerRequest exampleRequest(const Route& route);

} // namespace tollgate::server
