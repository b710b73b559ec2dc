#pragma once

// cURL command lines <-> ComposerRequest, so users can paste what browsers and
// API docs give them and take requests back out as curl or Python httpx.

#include "server/composer/composerrequest.h"

#include <string>
#include <string_view>

namespace tollgate::server {

/// Parses a POSIX-shell-quoted curl command line. False with a message on error.
bool parseCurlCommand(std::string_view commandLine, ComposerRequest* out, std::string* error);

/// One-line curl command; parseCurlCommand(toCurlCommand(r)) == r for requests parseCurlCommand
/// produced.
std::string toCurlCommand(const ComposerRequest& request);

/// A Python snippet sending the request with httpx.
std::string toHttpx(const ComposerRequest& request);

} // namespace tollgate::server
