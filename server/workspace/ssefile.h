#pragma once

// The "sse" object of a route file: a Server-Sent Events stream's scripted
// events or token stream, its pace and heartbeat.

#include "server/workspace/jsonfile.h"
#include "server/workspace/workspace.h"

#include <boost/json/object.hpp>

#include <string>

namespace tollgate::server {

boost::json::object sseToJson(const SseStream& stream);
/// Reads an sse object; problems are reported through r.
void readSse(
    jsonfile::Reader& r, const boost::json::object& o, const std::string& pointer, SseStream* out);

} // namespace tollgate::server
