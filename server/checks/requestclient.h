#pragma once

// Sending a composer request without Qt, for the collection runner (issue
// 18): the same header fields as the app's composer (the auth helper's,
// Content-Type defaults, User-Agent, Accept-Encoding: identity), the body of
// each kind (raw, form, multipart, file), redirects followed when the request
// says so, TLS verified unless it is insecure. Built on the upstream client on
// an io_context of its own: blocking, one request at a time, safe on any thread.

#include "server/checks/checkevaluation.h"
#include "server/composer/composerrequest.h"

#include <filesystem>
#include <memory>
#include <string>

namespace tollgate::server {

struct RequestClientOptions {
    /// Where relative body files (and multipart "@file" fields) are read from.
    std::filesystem::path baseDir;
    /// A PEM file of certificates trusted beside the system's (the app's local CA).
    std::string caFile;
    /// When the request sets none.
    int connectTimeoutMs = 10'000;
    int totalTimeoutMs = 60'000;
    std::uint64_t maxResponseBytes = 64ull * 1024 * 1024;
};

class RequestClient {
public:
    explicit RequestClient(RequestClientOptions options = {});
    ~RequestClient();
    RequestClient(const RequestClient&) = delete;
    RequestClient& operator=(const RequestClient&) = delete;

    /// Sends `request` (its variables already expanded) and waits for the
    /// whole answer. False, with a reason for people ("cannot connect to
    /// 127.0.0.1:9: Connection refused", "no answer within 2000 ms"), when no
    /// answer came; any status is an answer. Connections are kept for the
    /// requests that follow.
    bool send(const ComposerRequest& request, ReceivedAnswer* answer, std::string* error);

    /// From any thread: the send under way (and every later one) ends at
    /// once, false with "stopped". The app's Stop and closing its runner
    /// window use it, so neither waits out a slow answer.
    void cancel();
    bool cancelled() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tollgate::server
