#pragma once

// A workspace's routes compiled for serving: path templates parsed, rules'
// regexes compiled, body files read and templates compiled. Immutable once
// built, except the atomic counter of sequential rotation.

#include "server/common/diagnostic.h"
#include "server/routing/jsonschema.h"
#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"
#include "server/workspace/workspace.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// "/v1/users/{id}" or "/files/*": literal segments, {name} parameters that
/// match one non-empty segment, and a trailing "*" that matches the rest
/// (available as the parameter "*").
///
/// Matching is strict: literals compare exactly and case-sensitively, and a
/// trailing slash is significant ("/v1/users/" does not match "/v1/users", and
/// "/files/*" matches "/files/" and "/files/a/b" but not "/files"). Paths are
/// matched decoded, so a "%2F" inside a segment acts as a separator.
/// Parse errors: no leading '/', empty or duplicate parameter names, '*'
/// anywhere but as the whole last segment, and braces that do not enclose a
/// whole segment.
class PathTemplate {
public:
    /// Parses a template; on error returns false and sets *error.
    bool parse(std::string_view pattern, std::string* error);
    /// Matches a decoded path, appending parameters to *params on success.
    bool match(std::string_view path, StringPairs* params) const;
    /// Higher is more specific: literal segments beat parameters beat wildcards.
    int specificity() const { return m_specificity; }
    const std::string& pattern() const { return m_pattern; }

private:
    struct Segment {
        enum Kind { Literal, Param } kind;
        std::string text;
    };
    bool walk(std::string_view path, StringPairs* params) const;

    std::string m_pattern;
    std::vector<Segment> m_segments;
    bool m_wildcard = false;
    int m_specificity = 0;
    // The leading literal segments as one string ("/v1/users/"), so most
    // non-matching routes are rejected by a single prefix comparison.
    std::string m_literalPrefix;
    std::size_t m_prefixSegments = 0;
};

struct CompiledHeader {
    std::string name;
    Template value;
};

struct CompiledResponse {
    int status = 200;
    std::vector<CompiledHeader> headers;
    Template body; ///< body text (inline or read from bodyFile)
    bool isStatic = true; ///< body and every header value are static
};

struct CompiledRule {
    Rule rule; ///< for RuleSource::Body a key without a leading '/' gets one
    std::regex regex; ///< compiled when rule.op == Regex
};

/// What a request must carry before a route with request validation answers
/// (Route::validation, compiled).
struct RequestCheck {
    std::vector<std::string> requiredQuery;
    std::vector<std::string> requiredHeaders;
    bool bodyRequired = false;
    std::optional<JsonSchemaValidator> body;
};

/// An SSE route's stream (Route::sse) with its fields compiled.
struct CompiledSseEvent {
    Template event;
    Template data;
    Template id;
    int retryMs = 0;
    int delayMs = 0;
};

struct CompiledSse {
    std::vector<CompiledSseEvent> events;
    Template text; ///< SseMode::Tokens: the completion
};

/// A WebSocket route's script (Route::websocket) with its templates and
/// regexes compiled.
struct CompiledWsMessage {
    Template text;
    int delayMs = 0;
};

struct CompiledWsRule {
    WsMatch match = WsMatch::Contains;
    std::string pointer;
    std::string value;
    std::regex regex; ///< WsMatch::Regex
    std::vector<CompiledWsMessage> replies;
    WsAudience audience = WsAudience::Sender;
    int closeCode = 0;
    std::string closeReason;

    /// Whether an incoming text message matches (`json`: the message parsed
    /// as JSON, needed only when the rule names a pointer).
    bool matches(std::string_view message, const boost::json::value* json) const;
};

struct CompiledWs {
    std::vector<CompiledWsMessage> onOpen;
    std::vector<CompiledWsRule> rules;
    bool echo = true;
    std::uint32_t maxMessageBytes = 0;
    std::uint32_t frameBytes = 0;
    int idleTimeoutMs = 0;
};

class CompiledRoute {
public:
    Route source; ///< as in the workspace, with the method upper-cased
    std::string name; ///< "GET /v1/users/{id}": how logs, metrics and limits name it
    PathTemplate path;
    std::vector<CompiledResponse> responses;
    std::vector<CompiledRule> rules;
    /// Set when the route validates requests.
    std::shared_ptr<const RequestCheck> check;
    /// Set when the route answers with a Server-Sent Events stream.
    std::shared_ptr<const CompiledSse> sse;
    /// Set when the route answers with WebSocket sessions.
    std::shared_ptr<const CompiledWs> websocket;

    /// True when rules or templates need a RequestContext to decide/render.
    bool needsContext() const { return m_needsContext; }

    /// Picks the response for a request. ctx may be null when !needsContext().
    /// random is a uniformly random 64-bit value supplied by the caller (so
    /// tests can inject it); it drives ResponseMode::Random.
    int selectResponse(const RequestContext* ctx, std::uint64_t random) const;

    bool m_needsContext = false;
    mutable std::atomic<std::uint64_t> m_sequence { 0 };
    /// Metering's id for "METHOD path"; set by the engine before it publishes
    /// the table, read-only afterwards.
    mutable std::uint32_t meterId = 0;
};

class RouteTable {
public:
    /// Compiles the enabled routes of a workspace. Problems (bad path template,
    /// bad regex, missing body file, template syntax) are reported in *errors
    /// and the offending route is left out; the rest still serve.
    /// `accept`, when given, sees each compiled route and may still leave it
    /// out (it reports why itself).
    static std::shared_ptr<const RouteTable> build(const Workspace& ws, int threadSlots,
        std::vector<Diagnostic>* errors,
        const std::function<bool(const CompiledRoute&)>& accept = {});

    struct Match {
        const CompiledRoute* route = nullptr;
        StringPairs params;
        /// When route is null but the path matched routes of other methods:
        /// their methods for the Allow header (e.g. "GET, HEAD, POST"), else empty.
        std::string allow;
    };

    /// Finds the route for method + decoded path. HEAD falls back to GET.
    /// Among matching templates the most specific wins, then the earliest.
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<std::unique_ptr<CompiledRoute>>& routes() const { return m_routes; }

    /// Compiles one route outside a table (the fallback upstream's route).
    static std::unique_ptr<CompiledRoute> compileOne(
        const Workspace& ws, const Route& route, int threadSlots, std::vector<Diagnostic>* errors);

private:
    std::vector<std::unique_ptr<CompiledRoute>> m_routes;
};

} // namespace tollgate::server
