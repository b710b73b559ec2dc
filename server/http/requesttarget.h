#pragma once

// The request-target's four forms (RFC 9112 §3.2) and the Host field's
// syntax (RFC 9110 §7.2): what the connection accepts before a request
// reaches the pipeline, which only ever sees an origin-form path or "*".

#include <string>
#include <string_view>

namespace tollgate::server {

/// True when `value` (OWS around it allowed) is `uri-host [ ":" port ]`:
/// an IP literal in brackets, or a reg-name / IPv4 address; empty is valid
/// (a client whose target URI has no authority sends an empty Host).
bool isValidHostField(std::string_view value);

struct TargetForm {
    enum Kind {
        Origin, ///< "/path?query"
        Absolute, ///< "http://authority/path?query": originTarget and authority set
        Asterisk, ///< "*" (OPTIONS only)
        Authority, ///< "host:port" (CONNECT only)
        Invalid,
    };
    Kind kind = Invalid;
    std::string originTarget; ///< Absolute: the path and query, "/" when the path is empty
    std::string authority; ///< Absolute: host[:port], the request's Host from now on
    std::string error; ///< Invalid: why, for the 400's detail
};

/// Classifies a request-target. A fragment ("#"), userinfo ("user@host"),
/// a scheme other than http/https or an absolute URI without a host is
/// Invalid.
TargetForm classifyTarget(std::string_view target);

} // namespace tollgate::server
