#pragma once

// X-Request-ID: every response the engine sends carries one. A valid id sent by
// the client is echoed; otherwise the engine makes one up.

#include <cstddef>
#include <string>
#include <string_view>

namespace tollgate::server {

/// Length of a generated request id.
inline constexpr std::size_t kRequestIdLength = 26;
/// The longest incoming id that is echoed.
inline constexpr std::size_t kMaxRequestIdLength = 128;

/// True when an incoming X-Request-ID may be echoed: 1 to 128 characters from
/// [A-Za-z0-9._:-]. Anything else could smuggle bytes into the response header.
bool isValidRequestId(std::string_view id);

/// Replaces *out with a fresh id, unique within this process and (by a random
/// 64-bit prefix drawn once per process) across processes and restarts: 26
/// characters of lowercase Crockford base32, the prefix followed by a
/// sequence number. Takes no lock and makes no system call; the sequence is
/// counted per thread in blocks reserved from a process-wide counter.
void newRequestId(std::string* out);

} // namespace tollgate::server
