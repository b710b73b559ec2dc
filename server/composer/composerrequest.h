#pragma once

// The request composer's value type: what is sent, saved, imported from and
// exported to cURL. Plain data so the UI can edit it and tests can compare it.

#include "server/composer/requestchecks.h"
#include "server/workspace/workspace.h"

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
    /// How the request authenticates. Bearer and ApiKey send `token` (or, when
    /// `keyId` names a workspace key, the secret the app holds for it, looked up
    /// at send time and never written to a file); Basic sends user/password.
    enum class AuthKind { None, Bearer, ApiKey, Basic };
    AuthKind auth = AuthKind::None;
    std::string token;
    std::string keyId; ///< ApiKey::id whose secret is looked up at send time
    std::string apiKeyHeader = "X-API-Key";
    std::string basicUser, basicPassword;
    bool followRedirects = false;
    bool http2 = false; ///< allow HTTP/2 (ALPN over TLS); HTTP/1.1 otherwise
    bool compressed = false;
    bool insecure = false;
    int connectTimeoutMs = 0, totalTimeoutMs = 0;
    /// Assertions on the answer and captures from it (the Tests tab).
    RequestChecks checks;
    bool operator==(const ComposerRequest&) const = default;
};

const char* toString(ComposerRequest::BodyKind kind);
const char* toString(ComposerRequest::AuthKind kind);

/// A request saved in the workspace: requests/<folder>/<slug>.json.
struct SavedRequest {
    std::string name; ///< shown in the tree ("Create user")
    std::string folder; ///< "" or "users" or "users/admin" ('/'-separated)
    std::string fileName; ///< "<slug>.json" inside the folder; empty until saved
    ComposerRequest request;
    bool operator==(const SavedRequest&) const = default;
};

} // namespace tollgate::server
