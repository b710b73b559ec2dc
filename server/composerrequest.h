#pragma once

// The request composer's value type: what is sent, saved, imported from and
// exported to cURL. Plain data so the UI can edit it and tests can compare it.

#include "server/workspace.h"

#include <string>
#include <utility>
#include <vector>

namespace tollgate::server {

/// A request as the composer holds it.
struct ComposerRequest {
    std::string method = "GET";
    std::string url;
    std::vector<Header> headers;
    enum class BodyKind { None, Raw, Form /*urlencoded*/, Multipart, File };
    BodyKind bodyKind = BodyKind::None;
    std::string body; ///< Raw: the text; Form: urlencoded text
    std::vector<std::pair<std::string, std::string>> formFields; ///< Multipart; "@path" = file
    std::string bodyFile; ///< File: path
    std::string basicUser, basicPassword;
    bool basicAuth = false;
    bool followRedirects = false;
    bool compressed = false;
    bool insecure = false;
    int connectTimeoutMs = 0, totalTimeoutMs = 0;
    bool operator==(const ComposerRequest&) const = default;
};

} // namespace tollgate::server
