#pragma once

// Record mode: exchanges proxied to an upstream become designed responses,
// so a user can record a real API and then work offline. Recording never
// changes what is served: the answers go into the designed side of the route
// that proxied them (an upstream route keeps answering from its upstream
// until it is switched to designed, or the server runs offline), and traffic
// that reached the workspace's fallback upstream becomes a new upstream route
// of its own, with the fallback's settings and the recorded answers.

#include "server/workspace/workspace.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

/// One proxied exchange, as the server saw it.
struct RecordedExchange {
    /// The upstream route that answered ("GET /v1/users/{id}"), or empty for
    /// the fallback upstream.
    std::string route;
    std::string method; ///< upper case
    std::string path; ///< decoded, without the query
    /// The route's path parameters (empty for the fallback).
    std::vector<std::pair<std::string, std::string>> params;
    int status = 200;
    std::vector<Header> headers; ///< as the upstream sent them
    std::string body;
};

/// What a merge did.
struct RecordingMerge {
    int routesAdded = 0;
    int responsesAdded = 0;
    int rulesAdded = 0;
    /// Exchanges that added nothing new (an answer already recorded for the
    /// same parameters).
    int duplicates = 0;
    /// Exchanges that cannot be recorded, with the reason ("GET /x: binary
    /// body"); the rest are merged.
    std::vector<std::string> skipped;
    /// Indexes into Workspace::routes of the routes added or changed.
    std::vector<std::size_t> changedRoutes;
    bool changed() const { return !changedRoutes.empty(); }
};

/// The route path for a request path: numeric and UUID segments become
/// parameters named after the segment before them ("/users/42" ->
/// "/users/{userId}"). *values gets the parameters' values in order.
std::string recordedPathTemplate(std::string_view path,
    std::vector<std::pair<std::string, std::string>>* params);

/// Response fields that are never recorded: credentials (cookies, tokens,
/// keys), framing and per-message fields (Date, Content-Length, request ids).
bool isUnrecordedField(std::string_view name);

/// Text that is served literally although response templates are rendered: a
/// "{{" in it switches to delimiters the text does not hold. Empty when every
/// alternative delimiter occurs in the text too (then it cannot be kept).
std::string literalTemplate(std::string text);

/// Merges exchanges into the workspace, in order:
/// - the route is the upstream route that answered, or for the fallback a
///   route with the same method and an equivalent recorded path template,
///   created when missing;
/// - each distinct answer (status, recorded fields, body) becomes one
///   response; the first one recorded is the default;
/// - a route with path parameters answers by parameter value: a rule on its
///   last parameter picks the answer recorded for that value (the first one
///   recorded for a value is kept);
/// - credentials are stripped (isUnrecordedField), and text that would read
///   as a template is kept literal.
/// Bodies that are not UTF-8 text (images, compressed bodies) are skipped.
RecordingMerge mergeRecording(Workspace& ws, const std::vector<RecordedExchange>& exchanges);

} // namespace tollgate::server
