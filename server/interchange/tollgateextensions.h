#pragma once

// What a Tollgate OpenAPI export writes about a route that OpenAPI has no words
// for (x-tollgate-enabled, -validate, -price-micros, -cost-micros, -rate-limit,
// -latency, -failure, -upstream, -sse; see openapiexport.cpp), read back on import so
// that export and import round-trip.

#include "server/workspace/workspace.h"

#include <boost/json/object.hpp>

namespace tollgate::server {

void readTollgateExtensions(const boost::json::object& operation, Route& route);

} // namespace tollgate::server
