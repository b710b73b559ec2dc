#pragma once

// The text/event-stream wire format (WHATWG HTML, "Server-sent events"): one
// event as field lines and a blank line, comments for heartbeats.

#include <string>
#include <string_view>

namespace tollgate::server {

/// Appends one event: "event:", one "data:" line per line of `data` (CR,
/// LF and CRLF all end a line, as a client reads them), "id:", "retry:"
/// when positive, and the blank line that dispatches it. Empty type and id
/// are left out; the data line is always there, so an empty `data` still
/// dispatches an event. `event` and `id` must be one line (the route file
/// loader refuses others); a CR or LF in them is dropped here all the same.
void appendSseEvent(std::string& out, std::string_view event, std::string_view data,
    std::string_view id, int retryMs);

/// A comment line clients ignore, which keeps proxies and idle timers from
/// closing a quiet stream.
inline constexpr std::string_view kSseHeartbeat = ":\n\n";

} // namespace tollgate::server
