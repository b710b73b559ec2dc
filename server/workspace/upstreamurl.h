#pragma once

// What an upstream's settings must be for the workspace reader to take
// them: the URL taken apart, and the reasons a path template, strip prefix,
// header change or allowlist entry is refused, in the reader's words. Kept
// apart from upstreamfile.h (JSON) so the window checks what is typed
// against the same rules without the file format.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tollgate::server {

/// An upstream URL taken apart.
struct UpstreamUrl {
    bool https = false;
    std::string host; ///< a name, an IPv4 literal or an IPv6 literal without brackets
    std::uint16_t port = 80;
    std::string basePath; ///< "" or "/v2" (no trailing slash)
    /// The Host field value the upstream expects: host[:port], brackets kept.
    std::string authority;
    /// "https://api.example.com:443": what pools and breakers are kept per.
    std::string origin;
};

/// Parses "http(s)://host[:port][/base/path]". No user info (a secret header
/// carries credentials), no query, no fragment.
std::optional<UpstreamUrl> parseUpstreamUrl(std::string_view url, std::string* error);

/// Why a path template is unusable (a '/' first, balanced braces), or empty.
std::string upstreamPathTemplateProblem(std::string_view pathTemplate);
/// Why a strip prefix is unusable (a '/' first), or empty.
std::string upstreamStripPrefixProblem(std::string_view stripPrefix);
/// Why a header change's name, value or secret name is unusable, or empty.
std::string upstreamHeaderNameProblem(std::string_view name);
std::string upstreamHeaderValueProblem(std::string_view value);
std::string upstreamSecretNameProblem(std::string_view secretEnv);
/// Why an allowlist entry is no address range ("10.0.0.0/8", "::1"), or empty.
std::string upstreamAllowlistProblem(std::string_view range);

} // namespace tollgate::server
