#pragma once

// The "upstream" object of a route file and of tollgate.json's fallback: an
// upstream's URL, path rewrite, header changes and resilience settings.

#include "server/workspace/jsonfile.h"
#include "server/workspace/upstreamurl.h"
#include "server/workspace/workspace.h"

#include <boost/json/object.hpp>

#include <string>

namespace tollgate::server {

boost::json::object upstreamToJson(const Upstream& upstream);
/// Reads an upstream object; problems are reported through r. An empty url
/// is allowed here (a route may keep settings while designed).
void readUpstream(
    jsonfile::Reader& r, const boost::json::object& o, const std::string& pointer, Upstream* out);

const char* toString(UpstreamHeader::Action action);

} // namespace tollgate::server
