#pragma once

#include <string>
#include <string_view>

namespace tollgate::server {

/// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackAddress(const std::string& address);

/// True when a Host header value names this machine: localhost, *.localhost,
/// a loopback address, with or without a port. A server bound to loopback
/// answers only such requests (DNS-rebinding defence).
bool isLoopbackHost(std::string_view host);

} // namespace tollgate::server
