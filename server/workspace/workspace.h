#pragma once

// The workspace model: plain values the UI edits and the engine compiles into
// an immutable snapshot. No behaviour lives here; see workspacestore.h for the
// files and routetable.h for what a workspace becomes when it is applied.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

inline constexpr int kSchemaVersion = 1;

struct Header {
    std::string name;
    std::string value;
    bool operator==(const Header&) const = default;
};

/// One possible answer of a route. The body is inline text or, when bodyFile is
/// set, the content of that file (relative to the workspace directory).
/// Body and header values may hold mustache templates.
struct Response {
    std::string label;
    int status = 200;
    std::vector<Header> headers;
    std::string body;
    std::string bodyFile;
    /// The JSON Schema of this answer's body, as JSON text (empty: none).
    /// An OpenAPI import keeps the document's; schema checks on saved
    /// requests without a schema of their own use it, and the export writes it.
    std::string schema;
    bool operator==(const Response&) const = default;
};

enum class RuleSource { PathParam, Query, Header, Body };
enum class RuleOperator { Equals, Regex, Exists };

/// A condition that picks a response. For RuleSource::Body the key is a JSON
/// pointer ("/user/id") into the request body parsed as JSON.
struct Rule {
    RuleSource source = RuleSource::Query;
    std::string key;
    RuleOperator op = RuleOperator::Equals;
    std::string value;
    int response = 0; ///< index into Route::responses chosen when this rule matches
    bool operator==(const Rule&) const = default;
};

/// How a route chooses its response: ordered rules (first match wins, else
/// the default response), or rotation among all responses.
enum class ResponseMode { Rules, Random, Sequential };

struct Latency {
    int minMs = 0; ///< fixed latency when maxMs <= minMs
    int maxMs = 0; ///< uniform in [minMs, maxMs] otherwise
    bool operator==(const Latency&) const = default;
};

struct FailureInjection {
    double percent = 0.0; ///< 0..100 of requests fail
    int status = 503; ///< 5xx answered when failing
    bool reset = false; ///< reset the connection instead of answering
    bool operator==(const FailureInjection&) const = default;
};

/// Money is integer micro-dollars (1 µ$ = 10^-6 USD), never floating point.
using Micros = std::int64_t;

/// Where a route's usage in tokens comes from (LLM-style APIs): JSON pointers
/// (RFC 6901) into the answer's JSON body, or for a stream into each event's
/// data, summed. Empty = not counted. A token stream (SseMode::Tokens) counts
/// its own tokens whatever these say.
struct TokenCounting {
    std::string input; ///< "/usage/prompt_tokens"
    std::string output; ///< "/usage/completion_tokens"
    bool enabled() const { return !input.empty() || !output.empty(); }
    bool operator==(const TokenCounting&) const = default;
};

/// Who may call a route and what a call is worth. Overrides left at their
/// "unset" value (-1 / 0) fall back to the caller's tier.
struct RouteAccess {
    bool keyRequired = false;
    std::vector<std::string> scopes; ///< the key must hold every one of these
    Micros priceMicros = -1; ///< what the caller pays per request; -1 = the tier's price
    Micros costMicros = 0; ///< what serving one request costs the API owner
    std::int64_t requestsPerMinute = 0; ///< own rate limit for this route; 0 = the tier's
    std::int64_t burst = 0; ///< burst for the route's own limit; 0 = the tier's
    /// Plus this much per millisecond of handling (header received .. answer
    /// ready, injected latency included), for every request the route serves.
    Micros costPerMsMicros = 0;
    TokenCounting tokens;
    bool operator==(const RouteAccess&) const = default;
};

/// A change an upstream route makes to the request headers it forwards.
struct UpstreamHeader {
    enum class Action {
        Set, ///< replaces any value the client sent
        Add, ///< adds a field, keeping the client's
        Remove, ///< drops the client's field
    };
    Action action = Action::Set;
    std::string name;
    std::string value;
    /// The value is a secret read at apply time from this environment variable
    /// (in the app: from the OS keychain, else the environment). Only the name
    /// is stored, never the secret.
    std::string secretEnv;
    bool operator==(const UpstreamHeader&) const = default;
};

/// Where and how a route forwards requests to a real API (the upstream), and
/// the resilience around the call: timeouts, retries and a circuit breaker.
struct Upstream {
    /// http:// or https:// host, optional port and base path. The forwarded
    /// path is appended to the base path.
    std::string url;
    /// Removed from the front of the request path before forwarding.
    std::string stripPrefix;
    /// When set, replaces the request path: "/users/{id}" takes the route's
    /// path parameters ({*} the wildcard's rest).
    std::string pathTemplate;
    bool passQuery = true;
    std::vector<UpstreamHeader> headers;
    /// Check the upstream's certificate and host name (https only).
    bool verifyTls = true;
    int connectTimeoutMs = 2'000;
    int attemptTimeoutMs = 10'000; ///< one try: write the request, read the answer
    int overallTimeoutMs = 15'000; ///< all tries and the waits between them
    int maxAttempts = 3; ///< 1 = never retried
    int retryBaseDelayMs = 100;
    int retryMaxDelayMs = 2'000;
    int breakerFailures = 5; ///< consecutive failures that open the breaker (0 = off)
    double breakerFailureRate = 0.5; ///< or this share of calls over the window (0 = off)
    int breakerMinimumCalls = 20;
    int breakerWindowMs = 10'000;
    int breakerOpenMs = 30'000;
    int breakerProbes = 1; ///< calls let through while half-open
    /// While the breaker is open: this designed response, else 503 (-1).
    int openResponse = -1;
    int maxConnections = 64; ///< per serve thread
    int idleTimeoutMs = 30'000; ///< pooled connections idle longer are closed
    std::uint64_t maxResponseBytes = 64ull * 1024 * 1024; ///< larger answers -> 502
    /// What the upstream charges per call (the route's cost gains it).
    std::int64_t feeMicros = 0;
    bool operator==(const Upstream&) const = default;
};

/// Checks a request must pass before the route answers (from an imported
/// OpenAPI operation): required query parameters and header fields, and a JSON
/// body matching a JSON Schema. A request that fails them gets 400
/// problem+json naming what failed (a JSON pointer for the body).
struct RequestValidation {
    bool enabled = false;
    std::vector<std::string> requiredQuery;
    std::vector<std::string> requiredHeaders;
    bool bodyRequired = false;
    /// JSON Schema text (OpenAPI 3.0 or 3.1 dialect, refs inlined); empty = any body.
    std::string bodySchema;
    bool operator==(const RequestValidation&) const = default;
};

/// One event of a scripted Server-Sent Events stream. The text fields may
/// hold mustache templates (with {{stream.index}}, the event's number in the
/// stream from 0); an empty field is left out of the event.
struct SseEvent {
    std::string event; ///< "event:", the type; empty = "message"
    std::string data; ///< "data:"; each line of the text is a data line
    std::string id; ///< "id:"; what a client resumes from (Last-Event-ID)
    int retryMs = 0; ///< "retry:" when > 0
    int delayMs = 0; ///< the wait before this event
    bool operator==(const SseEvent&) const = default;
};

/// What an SSE route sends: its scripted events, or a completion's text split
/// into tokens and sent as OpenAI-style chat.completion.chunk events.
enum class SseMode { Events, Tokens };

struct SseStream {
    SseMode mode = SseMode::Events;
    std::vector<SseEvent> events;
    bool repeat = false; ///< events: start again after the last (until the client leaves)
    double eventsPerSecond = 0; ///< events: a pace instead of each event's delay, when > 0
    std::string text; ///< tokens: the completion (a template)
    std::string model = "tollgate-1"; ///< tokens: the chunks' "model"
    double tokensPerSecond = 40; ///< tokens: the pace
    int tokensPerChunk = 1; ///< tokens: how many go in one chunk
    int heartbeatMs = 15'000; ///< a comment when nothing was sent for this long; 0 = none
    bool operator==(const SseStream&) const = default;
};

/// One message a WebSocket route sends: on open (after its delay) or as a
/// rule's reply. The text may hold mustache templates; {{message}} is the
/// message being answered (raw: {{{message}}}), {{message.json.<field>}}
/// its fields when it is JSON, and {{stream.index}} the message's number.
struct WsMessage {
    std::string text;
    int delayMs = 0; ///< the wait before it is sent
    bool operator==(const WsMessage&) const = default;
};

/// How a WebSocket rule compares an incoming text message (or the value at
/// its JSON pointer, when it names one) with its value.
enum class WsMatch { Equals, Contains, Regex, Any };

/// Where a WebSocket reply goes: to the sender, or to every client connected
/// to the route (on every worker thread).
enum class WsAudience { Sender, Everyone };

/// A rule of a WebSocket route: the first whose match holds answers an
/// incoming message.
struct WsRule {
    WsMatch match = WsMatch::Contains;
    std::string pointer; ///< a JSON pointer ("/type"): compare that field of a JSON message
    std::string value;
    std::vector<WsMessage> replies; ///< sent in order, each after its delay
    WsAudience audience = WsAudience::Sender;
    int closeCode = 0; ///< after the replies, close with this code (1000-4999) when > 0
    std::string closeReason;
    bool operator==(const WsRule&) const = default;
};

/// What a WebSocket route does: messages on open, rules for incoming ones,
/// echo for the rest, and its limits.
struct WsScript {
    std::vector<WsMessage> onOpen;
    std::vector<WsRule> rules;
    bool echo = true; ///< a message no rule matches is sent back as it came
    std::uint32_t maxMessageBytes = 64 * 1024; ///< larger incoming messages close with 1009
    std::uint32_t frameBytes = 16 * 1024; ///< outgoing messages go in frames of at most this
    /// A client quiet for half of this is pinged; one that answers nothing
    /// for all of it is closed. 0 = never.
    int idleTimeoutMs = 30'000;
    bool operator==(const WsScript&) const = default;
};

inline constexpr std::uint32_t kMaxWsMessageBytes = 64 * 1024 * 1024;

/// Why `code` cannot be sent in a Close frame (RFC 6455 7.4: 1000-1003,
/// 1007-1014 and 3000-4999), or empty when it can. (Defined in wsfile.cpp;
/// declared here so the window need not include Boost.JSON for it.)
std::string wsCloseCodeProblem(int code);

/// Where a route's answer comes from.
enum class RouteResponder { Designed, Upstream, Sse, WebSocket };

/// The methods a route can have.
inline constexpr std::string_view kRouteMethods[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
    "OPTIONS" };

/// Whether a route can have `method` (upper case, as in kRouteMethods).
constexpr bool isRouteMethod(std::string_view method)
{
    for (const std::string_view m : kRouteMethods)
        if (m == method)
            return true;
    return false;
}

struct Route {
    std::string method = "GET";
    std::string path = "/";
    bool enabled = true;
    std::string description;
    std::vector<Response> responses { Response {} };
    std::vector<Rule> rules;
    int defaultResponse = 0;
    ResponseMode mode = ResponseMode::Rules;
    Latency latency;
    FailureInjection failure;
    std::size_t bodyLimit = 1024 * 1024; ///< request bodies over this get 413
    RouteAccess access;
    RequestValidation validation;
    RouteResponder responder = RouteResponder::Designed;
    /// Kept while the route answers from its designed responses, so switching
    /// back and forth loses nothing.
    Upstream upstream;
    /// The stream an SSE route sends (kept like upstream while it does not).
    SseStream sse;
    /// What a WebSocket route does with its sessions (kept like sse).
    WsScript websocket;
    /// File name under routes/ this route was loaded from (empty for a new route).
    std::string fileName;
    bool operator==(const Route&) const = default;
};

/// Whether a route's answers are counted in tokens: it names where the counts
/// are (access.tokens) or it streams tokens itself.
bool routeCountsTokens(const Route& route);

struct Cors {
    bool enabled = false;
    std::vector<std::string> allowOrigins { "*" };
    std::string allowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    std::string allowHeaders = "Authorization, Content-Type, X-API-Key";
    std::string exposeHeaders;
    bool allowCredentials = false;
    int maxAgeSeconds = 600;
    bool operator==(const Cors&) const = default;
};

/// The highest per-address connection limit a workspace may set.
inline constexpr int kMaxConnectionsPerAddress = 1'000'000;

struct Limits {
    std::size_t requestLineBytes = 8 * 1024; ///< longer request line -> 414
    std::size_t headerBytes = 16 * 1024; ///< larger header section -> 431
    std::size_t headerFields = 100; ///< more fields -> 431
    std::size_t bodyBytes = 1024 * 1024; ///< default route body limit -> 413
    int headerTimeoutMs = 10'000; ///< header not complete in time -> 408
    int idleTimeoutMs = 60'000; ///< idle keep-alive connections are closed
    /// Open connections one client address may hold; one more is answered
    /// 503 and closed. 0 = no limit. The default admits the load runner's
    /// largest run (100,000 connections from 127.0.0.1).
    int connectionsPerAddress = 100'000;
    bool operator==(const Limits&) const = default;
};

struct ServerSettings {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 0; ///< 0 = one per core
    std::string environment = "development";
    Cors cors;
    Limits limits;
    /// Days of per-minute metric history kept in .tollgate/metrics.db.
    int metricsRetentionDays = 7;
    /// Requests that match no route are forwarded here when its url is set
    /// (a partial mock over a real API). Public: keyed proxying is a route.
    Upstream fallback;
    /// Upstream addresses allowed although not public ("127.0.0.0/8",
    /// "10.1.2.3", "::1/128"); everything else private is refused.
    std::vector<std::string> upstreamAllowlist;
    bool operator==(const ServerSettings&) const = default;
};

/// What happens when a key has used its monthly quota.
enum class OverQuotaPolicy {
    Block, ///< 429 until the month ends
    Bill, ///< keep serving and bill each request as overage
};

/// A pricing tier: what a key of this tier may do and what it pays.
struct Tier {
    std::string id; ///< stable identifier keys refer to ("free", "pro")
    std::string name; ///< shown to people
    std::int64_t requestsPerMinute = 100; ///< sustained rate; 0 = unlimited
    std::int64_t burst = 10; ///< requests admitted at once on top of the rate
    std::int64_t monthlyQuota = 1000; ///< requests per calendar month (UTC); 0 = unlimited
    Micros pricePerRequestMicros = 0;
    Micros monthlyFeeMicros = 0;
    Micros overagePriceMicros = 0; ///< per request over the quota (Bill policy)
    OverQuotaPolicy overQuota = OverQuotaPolicy::Block;
    /// Tokens (input + output) per minute, post-paid: a request is admitted
    /// while the key is not in debt and its tokens are debited as they are
    /// sent, so one answer may overdraw and the next waits. 0 = unlimited.
    std::int64_t tokensPerMinute = 0;
    Micros inputPricePer1kTokensMicros = 0; ///< per 1,000 input (prompt) tokens
    Micros outputPricePer1kTokensMicros = 0; ///< per 1,000 output (completion) tokens
    bool operator==(const Tier&) const = default;
};

/// The highest tokens-per-minute limit a tier may set (60 ns per token).
constexpr std::int64_t kMaxTokensPerMinute = 1'000'000'000;

/// free / pro / enterprise as a new workspace gets them.
std::vector<Tier> defaultTiers();

/// An API key as stored in keys.json: never the key itself, only its SHA-256.
/// Times are Unix seconds (UTC); 0 means "not set".
struct ApiKey {
    std::string id; ///< "key_..." handle used by the CLI and the panel
    std::string prefix; ///< the first characters of the key, safe to show
    std::string hash; ///< lowercase hex SHA-256 of the full key
    std::string label;
    std::string owner;
    std::string tier; ///< Tier::id
    std::vector<std::string> scopes;
    std::int64_t created = 0;
    std::int64_t expires = 0; ///< the key stops working at this second
    std::int64_t revoked = 0; ///< revoked at; a revoked key never works again
    std::string rotatedFrom; ///< id of the key this one replaced
    bool operator==(const ApiKey&) const = default;
};

/// A named set of variables used as {{name}} in URL, headers, body and auth.
struct Environment {
    std::string name;
    std::vector<std::pair<std::string, std::string>> variables;
    bool operator==(const Environment&) const = default;
};

struct Workspace {
    std::string name = "Untitled";
    std::string description;
    ServerSettings server;
    std::vector<Tier> tiers = defaultTiers();
    std::vector<Route> routes;
    std::vector<ApiKey> keys; ///< from keys.json
    /// Composer environments (tollgate.json). The variable baseUrl, when an
    /// environment does not set it, is the embedded server's own address.
    std::vector<Environment> environments { Environment { "Local", {} } };
    /// Directory the workspace lives in; bodyFile paths resolve against it.
    std::filesystem::path dir;
    bool operator==(const Workspace&) const = default;
};

const char* toString(RuleSource);
const char* toString(RuleOperator);
const char* toString(ResponseMode);
const char* toString(RouteResponder);
const char* toString(OverQuotaPolicy);

/// What is wrong with a tier, one sentence per problem; empty when valid.
std::vector<std::string> tierProblems(const Tier& tier);

/// "2026-11-27T05:00:00Z" for Unix seconds, and back (false when malformed).
std::string formatUtcTime(std::int64_t unixSeconds);
bool parseUtcTime(std::string_view text, std::int64_t* unixSeconds);

/// The tier with this id, or nullptr.
const Tier* findTier(const std::vector<Tier>& tiers, std::string_view id);

} // namespace tollgate::server
