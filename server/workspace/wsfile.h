#pragma once

// The "websocket" object of a route file: a WebSocket route's messages on
// open, its rules for incoming messages, echo and limits.

#include "server/workspace/jsonfile.h"
#include "server/workspace/workspace.h"

#include <boost/json/object.hpp>

#include <string>

namespace tollgate::server {

boost::json::object wsToJson(const WsScript& script);
/// Reads a websocket object; problems are reported through r.
void readWs(
    jsonfile::Reader& r, const boost::json::object& o, const std::string& pointer, WsScript* out);

} // namespace tollgate::server
