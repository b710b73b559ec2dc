#pragma once

// A small blocking HTTP/1.1 client for the command line's talks with a
// running server's admin endpoint (`tollgated load --admin`, `tollgated
// verify`): one request, one connection, a deadline over all of it.
// http:// only: the admin endpoint serves plain HTTP on loopback.

#include <chrono>
#include <string>

namespace tollgate::server {

struct HttpGetResult {
    int status = 0;
    std::string contentType;
    std::string body;
};

/// Sends `method` (GET, DELETE...) to http://host[:port]/path[?query] and
/// reads the whole answer within `timeout`. False with a reason ("cannot
/// connect to 127.0.0.1:9091: Connection refused", "no answer within 2 s")
/// when no answer came; any status is an answer.
bool httpRequest(const std::string& method, const std::string& url,
    std::chrono::milliseconds timeout, HttpGetResult* out, std::string* error);

} // namespace tollgate::server
