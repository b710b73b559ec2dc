#pragma once

// The response a request's stages build and the connection writes. Reused per
// connection so the steady state allocates nothing: a static body is a view
// into the published snapshot, header lines are appended pre-formatted.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

struct HttpResponse {
    int status = 200;
    std::string_view body; ///< what is sent: ownedBody, or text that outlives the write
    std::string ownedBody;
    std::string headerLines; ///< "Name: value\r\n" lines, in order
    bool hasContentType = false;
    bool close = false; ///< close the connection after writing
    /// For a HEAD answer whose body lives elsewhere (an upstream's): the
    /// Content-Length to announce instead of body.size(); -1 = none.
    std::int64_t headLength = -1;

    void clear();
    /// Adds a header line. Framing (Content-Length, Connection,
    /// Transfer-Encoding) and X-Request-ID are the connection's to write and
    /// are ignored here; CR and LF in a value become spaces.
    void header(std::string_view name, std::string_view value);
    /// Appends lines that are already "Name: value\r\n" formatted.
    void appendFields(std::string_view lines) { headerLines.append(lines); }
    void setBody(std::string text);
    /// Replaces everything with an RFC 9457 problem (application/problem+json);
    /// a pointer (the JSON pointer of a request body value at fault, "" for
    /// the whole body) is added as the extension member "pointer" when given.
    void problem(int code, std::string_view detail, bool closeAfter = false,
        const std::string* pointer = nullptr);
};

/// What the status line and framing depend on besides the response itself.
struct ResponseFraming {
    bool http10 = false;
    bool keepAlive = true; ///< the client's wish; the response may still close
    bool head = false; ///< a HEAD request: no body bytes
    std::string_view requestId;
    /// The body follows in pieces (r.body is ignored): Content-Length when
    /// streamedLength is known, else chunked (HTTP/1.0: until the close).
    bool streamed = false;
    std::optional<std::uint64_t> streamedLength;
};

/// Serialises the status line and header section of `r` into *out (replacing
/// it) and returns the body bytes to send after it. Small bodies are copied
/// into *out so the kernel gets one buffer; the returned view is then empty.
/// *closeAfter says whether the connection must close after this response.
/// *chunked says whether a streamed body must be sent in chunks.
std::string_view serializeResponse(const HttpResponse& r, const ResponseFraming& framing,
    std::string* out, bool* closeAfter, bool* chunked = nullptr);

/// "Sat, 05 Dec 2026 19:00:00 GMT", recomputed at most once a second per thread.
std::string_view httpDate();

/// s as a JSON string literal, quotes included.
std::string jsonQuote(std::string_view s);

} // namespace tollgate::server
