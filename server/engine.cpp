#include "server/engine.h"

#include "server/apikey.h"
#include "server/metering.h"
#include "server/ratelimit.h"
#include "server/redislimiter.h"
#include "server/requestcontext.h"
#include "server/requestid.h"
#include "server/requestlog.h"
#include "server/routetable.h"
#include "server/usage.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <openssl/crypto.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cstring>
#include <ctime>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

/// Per-key state that must survive apply(): limiter cells and the cached usage
/// counter of the current month. Shared by every snapshot that knows the key.
struct KeyRuntime {
    GcraCell rate; // the tier's limit
    std::mutex routeMutex; // only for routes with their own limit
    std::unordered_map<std::string, std::unique_ptr<GcraCell>> routeCells;
    std::atomic<UsageStore::Counter*> counter { nullptr };
    std::atomic<std::int64_t> counterUntil { 0 }; // Unix seconds the counter's month ends

    GcraCell* routeCell(const std::string& route)
    {
        std::lock_guard lock(routeMutex);
        auto& cell = routeCells[route];
        if (!cell)
            cell = std::make_unique<GcraCell>();
        return cell.get();
    }
};

/// A key as the request path sees it: immutable, in the snapshot.
struct KeyEntry {
    KeyDigest digest {};
    std::string id;
    const Tier* tier = nullptr; // into Snapshot::tiers; null when the tier is missing
    std::string tierId;
    std::vector<std::string> scopes;
    std::int64_t expiresNs = 0;
    bool revoked = false;
    std::shared_ptr<KeyRuntime> runtime;
    std::uint32_t meterKey = 0; // Metering ids
    std::uint32_t meterTier = 0;
};

/// What a request is served from: everything apply() compiled, immutable.
struct Snapshot {
    std::shared_ptr<const RouteTable> routes;
    ServerSettings settings;
    std::string healthBody;
    std::string corsOriginsJoined;
    // The configured expose list plus X-Request-ID, so browsers can read it.
    std::string corsExposeHeaders;
    std::vector<Tier> tiers;
    // Looked up by the public prefix; the hash is then compared in constant
    // time, so lookup timing reveals nothing about the secret part.
    std::unordered_map<std::string, std::vector<KeyEntry>> keysByPrefix;
};

// Failed authentications per client address: 20 at once, then one a second.
constexpr GcraPolicy kAuthFailurePolicy { 60, 20 };
constexpr std::size_t kMaxTrackedAuthFailures = 10'000;

constexpr std::size_t kMaxPendingTraffic = 50'000;
constexpr std::size_t kMaxLoggedTarget = 512;

// Date header text, recomputed at most once per second per thread.
std::string_view httpDate()
{
    thread_local std::time_t cachedSecond = 0;
    thread_local char buffer[64];
    thread_local std::size_t length = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        cachedSecond = now;
        std::tm tm {};
        gmtime_r(&now, &tm);
        length = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    }
    return { buffer, length };
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
            == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// DNS-rebinding defence: a loopback-bound server only answers to loopback names.
bool isLoopbackHost(std::string_view host)
{
    host = trim(host);
    if (host.empty())
        return false;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos)
            return false;
        return host.substr(1, close - 1) == "::1";
    }
    const auto colon = host.rfind(':');
    if (colon != std::string_view::npos)
        host = host.substr(0, colon);
    if (iequals(host, "localhost"))
        return true;
    if (host.size() > 10 && iequals(host.substr(host.size() - 10), ".localhost"))
        return true;
    return isLoopbackAddress(std::string(host));
}

// True when a comma-separated header list names `header` (or is "*").
bool listsHeader(std::string_view list, std::string_view header)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto token = trim(list.substr(0, comma));
        if (token == "*" || iequals(token, header))
            return true;
        list = comma == std::string_view::npos ? std::string_view {} : list.substr(comma + 1);
    }
    return false;
}

std::string jsonString(std::string_view s)
{
    return boost::json::serialize(boost::json::string(s));
}

/// The response being built. Reused per connection so the steady state
/// allocates nothing: static bodies are views into the snapshot, header lines
/// are appended pre-formatted.
struct Reply {
    int status = 200;
    std::string_view body;
    std::string ownedBody;
    std::string headerLines;
    bool hasContentType = false;
    bool close = false;

    void clear()
    {
        status = 200;
        body = {};
        ownedBody.clear();
        headerLines.clear();
        hasContentType = false;
        close = false;
    }
    void header(std::string_view name, std::string_view value)
    {
        // Framing is ours to decide; a route cannot override it. Nor the
        // request id: the response carries exactly one, the one logged.
        if (iequals(name, "content-length") || iequals(name, "connection")
            || iequals(name, "transfer-encoding") || iequals(name, "x-request-id"))
            return;
        if (iequals(name, "content-type"))
            hasContentType = true;
        headerLines.append(name);
        headerLines.append(": ");
        const auto start = headerLines.size();
        headerLines.append(value);
        // A raw template ({{{x}}}) could smuggle CR/LF into a header: neutralise it.
        for (auto i = start; i < headerLines.size(); ++i) {
            if (headerLines[i] == '\r' || headerLines[i] == '\n')
                headerLines[i] = ' ';
        }
        headerLines.append("\r\n");
    }
    void setBody(std::string text)
    {
        ownedBody = std::move(text);
        body = ownedBody;
    }
    void problem(int code, std::string_view detail, bool closeAfter = false)
    {
        clear();
        status = code;
        close = closeAfter;
        const auto title = http::obsolete_reason(static_cast<http::status>(code));
        setBody("{\"type\":\"about:blank\",\"title\":" + jsonString({ title.data(), title.size() })
            + ",\"status\":" + std::to_string(code) + ",\"detail\":" + jsonString(detail) + "}");
        header("Content-Type", "application/problem+json");
    }
};

} // namespace

bool isLoopbackAddress(const std::string& address)
{
    if (iequals(address, "localhost"))
        return true;
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(address, ec);
    return !ec && addr.is_loopback();
}

struct Worker {
    asio::io_context ioc { 1 };
    std::thread thread;
    int index = 0;
    std::mt19937_64 rng { std::random_device {}() };

    // This worker's copy of the published snapshot (see EngineImpl::snapshotFor).
    std::shared_ptr<const Snapshot> snapshot;
    std::uint64_t snapshotGeneration = ~std::uint64_t { 0 };

    std::unique_ptr<RedisLimiter> redis; // with --redis: shared limits

    std::mutex trafficMutex;
    std::vector<TrafficEvent> traffic;
    std::uint64_t trafficDropped = 0;

    std::shared_ptr<MeterQueue> meter; // null when metering is off
    std::shared_ptr<RequestLogBuffer> log; // null unless the JSON log is on
};

struct detail::EngineImpl {
    // Publication: apply() swaps `current` under the mutex and bumps the
    // generation. Workers compare the generation (one atomic load per request)
    // and take the mutex only when it moved, so serving shares no lock and
    // apply() is visible to the very next request once it returns. (libstdc++
    // 12's std::atomic<std::shared_ptr> takes a lock bit on every load, and
    // ThreadSanitizer cannot see through it.)
    std::mutex snapshotMutex;
    std::shared_ptr<const Snapshot> current;
    std::atomic<std::uint64_t> generation { 0 };

    const std::shared_ptr<const Snapshot>& snapshotFor(Worker& w)
    {
        const auto gen = generation.load(std::memory_order_acquire);
        if (gen != w.snapshotGeneration) {
            std::lock_guard lock(snapshotMutex);
            w.snapshot = current;
            w.snapshotGeneration = generation.load(std::memory_order_relaxed);
        }
        return w.snapshot;
    }
    std::mutex controlMutex; // serialises apply/start/stop, never taken by workers
    Workspace workspace;
    int threadSlots = 1;

    std::vector<std::unique_ptr<Worker>> workers;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::atomic<std::size_t> nextWorker { 0 };
    std::atomic<bool> running { false };
    std::atomic<bool> recordTraffic { true };
    std::atomic<std::uint16_t> boundPort { 0 };
    std::string boundAddress;
    bool loopbackBound = true;
    std::string version;

    std::atomic<std::uint64_t> served { 0 };
    std::atomic<std::uint64_t> accepted { 0 };

    std::shared_ptr<Metering> metering = std::make_shared<Metering>();
    std::filesystem::path metricsDatabase;
    std::optional<MetricsRetention> retentionOverride; // from EngineOptions
    std::unique_ptr<RequestLog> requestLog;
    std::uint64_t logLinesDropped = 0; // by earlier runs' logs

    MetricsRetention retention() const
    {
        if (retentionOverride)
            return *retentionOverride;
        MetricsRetention r;
        r.minutesKeptFor = std::int64_t { workspace.server.metricsRetentionDays } * 86400;
        return r;
    }

    std::shared_ptr<Clock> clock = systemClock();
    std::unordered_map<std::string, std::shared_ptr<KeyRuntime>> keyRuntimes; // under controlMutex
    std::unique_ptr<UsageStore> usage; // while running
    std::filesystem::path usageFile;
    std::string usageProblem;
    RedisFailPolicy redisFailPolicy = RedisFailPolicy::Local;

    std::mutex authFailureMutex;
    std::unordered_map<std::string, GcraCell> authFailures;
    std::atomic<std::size_t> authFailureCount { 0 };

    /// True when `peer` has failed authentication too often; *retryNs says
    /// for how long still.
    bool authBlocked(const std::string& peer, std::int64_t now, std::int64_t* retryNs)
    {
        if (authFailureCount.load(std::memory_order_relaxed) == 0)
            return false;
        std::lock_guard lock(authFailureMutex);
        const auto it = authFailures.find(peer);
        if (it == authFailures.end())
            return false;
        const GcraResult r = it->second.peek(kAuthFailurePolicy, now);
        *retryNs = r.retryAfterNs;
        return !r.allowed;
    }
    void authFailed(const std::string& peer, std::int64_t now)
    {
        std::lock_guard lock(authFailureMutex);
        if (authFailures.size() >= kMaxTrackedAuthFailures) {
            // Forget addresses whose failures have fully decayed.
            for (auto it = authFailures.begin(); it != authFailures.end();) {
                if (it->second.peek(kAuthFailurePolicy, now).remaining
                    >= kAuthFailurePolicy.burst - 1)
                    it = authFailures.erase(it);
                else
                    ++it;
            }
        }
        authFailures[peer].take(kAuthFailurePolicy, now);
        authFailureCount.store(authFailures.size(), std::memory_order_relaxed);
    }

    UsageStore::Counter* counterFor(KeyRuntime& rt, const std::string& id, std::int64_t nowSec)
    {
        if (nowSec < rt.counterUntil.load(std::memory_order_acquire))
            return rt.counter.load(std::memory_order_acquire);
        UsageStore::Counter* c = usage->counter(id, nowSec);
        rt.counter.store(c, std::memory_order_release);
        rt.counterUntil.store(monthEnd(nowSec), std::memory_order_release);
        return c;
    }

    std::vector<Diagnostic> rebuild();
    void doAccept();
    void record(Worker& w, TrafficEvent&& ev)
    {
        if (!recordTraffic.load(std::memory_order_relaxed))
            return;
        std::lock_guard lock(w.trafficMutex);
        if (w.traffic.size() >= kMaxPendingTraffic) {
            ++w.trafficDropped;
            return;
        }
        w.traffic.push_back(std::move(ev));
    }
};

std::vector<Diagnostic> detail::EngineImpl::rebuild()
{
    std::vector<Diagnostic> errors;
    auto snap = std::make_shared<Snapshot>();
    snap->routes = RouteTable::build(workspace, threadSlots, &errors);
    snap->settings = workspace.server;
    snap->healthBody = "{\"status\":\"ok\",\"version\":" + jsonString(version)
        + ",\"environment\":" + jsonString(workspace.server.environment) + "}";
    for (const auto& o : workspace.server.cors.allowOrigins) {
        if (!snap->corsOriginsJoined.empty())
            snap->corsOriginsJoined += ' ';
        snap->corsOriginsJoined += o;
    }
    snap->corsExposeHeaders = workspace.server.cors.exposeHeaders;
    if (!listsHeader(snap->corsExposeHeaders, "X-Request-ID")) {
        if (!trim(snap->corsExposeHeaders).empty())
            snap->corsExposeHeaders += ", ";
        snap->corsExposeHeaders += "X-Request-ID";
    }
    snap->tiers = workspace.tiers;
    for (const auto& route : snap->routes->routes())
        route->meterId = metering->routeId(route->source.method + ' ' + route->source.path);
    std::unordered_map<std::string, std::shared_ptr<KeyRuntime>> runtimes;
    for (const ApiKey& k : workspace.keys) {
        KeyEntry e;
        if (!fromHex(k.hash, &e.digest))
            continue; // the loader reports malformed hashes
        e.id = k.id;
        e.tierId = k.tier;
        e.tier = findTier(snap->tiers, k.tier);
        e.scopes = k.scopes;
        e.expiresNs = k.expires > 0 ? k.expires * 1'000'000'000 : 0;
        e.revoked = k.revoked > 0;
        e.meterKey = metering->keyId(k.id);
        e.meterTier = metering->tierId(k.tier);
        auto& rt = runtimes[k.id];
        if (!rt) {
            const auto it = keyRuntimes.find(k.id);
            rt = it != keyRuntimes.end() ? it->second : std::make_shared<KeyRuntime>();
        }
        e.runtime = rt;
        snap->keysByPrefix[k.prefix].push_back(std::move(e));
    }
    keyRuntimes = std::move(runtimes);
    std::shared_ptr<const Snapshot> old;
    {
        std::lock_guard lock(snapshotMutex);
        old = std::move(current);
        current = std::move(snap);
        generation.fetch_add(1, std::memory_order_release);
    }
    // `old` dies here, outside the lock (it may be the last reference).
    return errors;
}

namespace {

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Worker& worker, detail::EngineImpl& engine)
        : m_socket(std::move(socket))
        , m_worker(worker)
        , m_engine(engine)
        , m_timer(worker.ioc)
    {
    }

    ~Session()
    {
        if (!m_verifiedKey.empty())
            OPENSSL_cleanse(m_verifiedKey.data(), m_verifiedKey.size());
    }

    void start()
    {
        boost::system::error_code ec;
        m_socket.set_option(tcp::no_delay(true), ec);
        const auto peer = m_socket.remote_endpoint(ec);
        if (!ec)
            m_peer = peer.address().to_string();
        readHeader(true);
    }

private:
    void armTimer(int ms)
    {
        m_timedOut = false;
        m_timer.expires_after(std::chrono::milliseconds(ms));
        m_timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec)
                return;
            self->m_timedOut = true;
            boost::system::error_code ignored;
            self->m_socket.cancel(ignored);
        });
    }

    void readHeader(bool firstRequest)
    {
        m_snapshot = m_engine.snapshotFor(m_worker);
        const Limits& limits = m_snapshot->settings.limits;
        m_headerParser.emplace();
        m_bodyParser.reset();
        m_method.clear();
        m_target.clear();
        m_requestId.clear();
        m_key = nullptr;
        m_counter = nullptr;
        m_limitHeaders.clear();
        m_match.route = nullptr;
        m_serving = false;
        m_cost = 0;
        m_recordPrice = 0;
        m_bytesIn = 0;
        m_headerParser->header_limit(
            static_cast<std::uint32_t>(limits.requestLineBytes + limits.headerBytes));
        // A connection with a request under way gets the header timeout; an idle
        // keep-alive connection gets the (longer) idle timeout.
        armTimer(
            firstRequest || m_buffer.size() > 0 ? limits.headerTimeoutMs : limits.idleTimeoutMs);
        http::async_read_header(m_socket, m_buffer, *m_headerParser,
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                self->m_bytesIn = n;
                self->onHeader(ec);
            });
    }

    void onHeader(boost::system::error_code ec)
    {
        m_timer.cancel();
        m_start = std::chrono::steady_clock::now();
        const Limits* limits = &m_snapshot->settings.limits;
        if (ec) {
            if (m_timedOut) {
                if (m_buffer.size() > 0)
                    return sendError(408, "The request header was not received in time.", true);
                return closeSocket();
            }
            if (ec == http::error::header_limit) {
                // Beast has consumed the request line by now; judge from what it parsed.
                const auto& partial = m_headerParser->get();
                if (partial.target().empty() || partial.target().size() > limits->requestLineBytes)
                    return sendError(414, "The request line is too long.", true);
                return sendError(431, "The request header section is too large.", true);
            }
            if (ec == http::error::end_of_stream || ec == asio::error::eof
                || ec == asio::error::connection_reset || ec == asio::error::operation_aborted
                || ec == asio::error::broken_pipe) {
                return closeSocket();
            }
            if (ec == http::error::bad_transfer_encoding || ec == http::error::bad_content_length
                || ec == http::error::multiple_content_length) {
                return sendError(400, "Ambiguous message framing: " + ec.message(), true);
            }
            return sendError(400, "Malformed request: " + ec.message(), true);
        }

        // The request starts now: serve it from the newest snapshot, not the
        // one current when this keep-alive connection went idle.
        m_snapshot = m_engine.snapshotFor(m_worker);
        limits = &m_snapshot->settings.limits;
        const auto& req = m_headerParser->get();
        m_method = std::string(req.method_string());
        m_target = std::string(req.target());
        m_keepAlive = req.keep_alive();
        m_http10 = req.version() < 11;

        // "METHOD SP target SP HTTP/1.1" is what the limit is about.
        if (req.method_string().size() + req.target().size() + 10 > limits->requestLineBytes)
            return sendError(414, "The request target is too long.", true);

        std::size_t fields = 0;
        std::size_t headerBytes = 0;
        int contentLengths = 0;
        const http::fields::value_type* transferEncoding = nullptr;
        int requestIds = 0;
        std::string_view requestId;
        for (const auto& f : req) {
            ++fields;
            headerBytes += f.name_string().size() + f.value().size() + 4;
            if (f.name() == http::field::content_length) {
                ++contentLengths;
            } else if (f.name() == http::field::transfer_encoding) {
                transferEncoding = &f;
            } else if (f.name() == http::field::unknown
                && iequals(f.name_string(), "x-request-id")) {
                ++requestIds;
                requestId = f.value();
            }
        }
        // Echo only an id that cannot break the header; two ids are no id.
        if (requestIds == 1 && isValidRequestId(requestId))
            m_requestId.assign(requestId.data(), requestId.size());
        if (fields > limits->headerFields)
            return sendError(431, "Too many header fields.", true);
        if (headerBytes > limits->headerBytes)
            return sendError(431, "The request header section is too large.", true);
        if (contentLengths > 1)
            return sendError(400, "Ambiguous message framing: duplicate Content-Length.", true);
        if (transferEncoding) {
            // Only "chunked" is understood; it must be the final coding.
            std::string_view te = transferEncoding->value();
            bool sawChunked = false;
            bool chunkedLast = false;
            while (!te.empty()) {
                const auto comma = te.find(',');
                const auto token = trim(te.substr(0, comma));
                te = comma == std::string_view::npos ? std::string_view {} : te.substr(comma + 1);
                if (token.empty())
                    continue;
                if (!iequals(token, "chunked"))
                    return sendError(
                        501, "Transfer coding not implemented: " + std::string(token), true);
                chunkedLast = !sawChunked;
                if (sawChunked)
                    chunkedLast = false;
                sawChunked = true;
            }
            if (!chunkedLast)
                return sendError(400, "Ambiguous message framing: bad Transfer-Encoding.", true);
        }

        const auto host = req.find(http::field::host);
        if (!m_http10 && host == req.end())
            return sendError(400, "HTTP/1.1 requests need a Host header.", true);
        if (m_engine.loopbackBound && host != req.end() && !isLoopbackHost(host->value())) {
            m_forbiddenHost = true;
        } else {
            m_forbiddenHost = false;
        }

        // Route now, so a body over the route's limit is refused before reading it.
        const auto target = req.target();
        const auto q = target.find('?');
        const auto rawPath = target.substr(0, q);
        m_rawQuery
            = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
        auto decoded = percentDecode(rawPath);
        if (!decoded || decoded->empty() || decoded->front() != '/')
            return sendError(400, "The request target is not a valid path.", true);
        m_path = std::move(*decoded);
        m_match = m_snapshot->routes->match(m_method, m_path);

        std::size_t bodyLimit = limits->bodyBytes;
        if (m_match.route)
            bodyLimit = m_match.route->source.bodyLimit;
        if (const auto len = m_headerParser->content_length(); len && *len > bodyLimit)
            return sendError(
                413, "The request body exceeds " + std::to_string(bodyLimit) + " bytes.", true);

        m_bodyParser.emplace(std::move(*m_headerParser));
        m_headerParser.reset();
        m_bodyParser->body_limit(bodyLimit);
        if (m_bodyParser->is_done())
            return handle();
        const auto expect = m_bodyParser->get().find(http::field::expect);
        if (!m_http10 && expect != m_bodyParser->get().end()
            && iequals(trim(expect->value()), "100-continue")) {
            // curl and others wait (curl: 1 s) for this before sending a body.
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::async_write(m_socket, asio::buffer(kContinue.data(), kContinue.size()),
                [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                    if (ec)
                        return self->closeSocket();
                    self->readBody();
                });
            return;
        }
        readBody();
    }

    void readBody()
    {
        armTimer(m_snapshot->settings.limits.headerTimeoutMs);
        http::async_read(m_socket, m_buffer, *m_bodyParser,
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                self->m_bytesIn += n;
                self->onBody(ec);
            });
    }

    void onBody(boost::system::error_code ec)
    {
        m_timer.cancel();
        if (ec) {
            if (m_timedOut)
                return sendError(408, "The request body was not received in time.", true);
            if (ec == http::error::body_limit)
                return sendError(413, "The request body is too large.", true);
            if (ec == http::error::end_of_stream || ec == asio::error::eof
                || ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
                return closeSocket();
            return sendError(400, "Malformed request body: " + ec.message(), true);
        }
        handle();
    }

    void handle()
    {
        const auto& snap = *m_snapshot;
        const auto& req = m_bodyParser->get();
        const bool isHead = req.method() == http::verb::head;
        Reply& r = m_reply;
        r.clear();

        if (m_forbiddenHost) {
            r.problem(403, "Host not allowed: this server is bound to loopback.");
            return finish(isHead);
        }

        const auto origin = req.find(http::field::origin);
        const bool corsOn = snap.settings.cors.enabled && origin != req.end();
        if (corsOn && req.method() == http::verb::options
            && req.find(http::field::access_control_request_method) != req.end()) {
            r.status = 204;
            addCors(origin->value(), true);
            return finish(false);
        }

        const CompiledRoute* route = m_match.route;
        if (!route) {
            if ((req.method() == http::verb::get || isHead) && m_path == "/health") {
                r.body = snap.healthBody;
                r.header("Content-Type", "application/json");
            } else if (!m_match.allow.empty()) {
                if (req.method() == http::verb::options)
                    r.status = 204;
                else
                    r.problem(405, "Method " + m_method + " is not allowed for " + m_path + ".");
                r.header("Allow", m_match.allow);
            } else {
                r.problem(404, "No route matches " + m_method + " " + m_path + ".");
            }
            if (corsOn)
                addCors(origin->value(), false);
            return finish(isHead);
        }

        if (route->source.access.keyRequired)
            return authorize();
        serve();
    }

    // --- keys, limits, quotas ---------------------------------------------

    void unauthorized(std::string_view error, std::string_view detail)
    {
        m_reply.problem(401, detail);
        std::string challenge = "Bearer realm=\"tollgate\"";
        if (!error.empty()) {
            challenge += ", error=\"";
            challenge += error;
            challenge += '"';
        }
        m_reply.header("WWW-Authenticate", challenge);
        finishKeyed();
    }

    void tooMany(std::int64_t retryNs, std::string_view detail)
    {
        m_reply.problem(429, detail);
        const std::int64_t seconds
            = std::max<std::int64_t>(1, (retryNs + 999'999'999) / 1'000'000'000);
        m_reply.header("Retry-After", std::to_string(seconds));
        finishKeyed();
    }

    void finishKeyed()
    {
        const auto& req = m_bodyParser->get();
        const auto origin = req.find(http::field::origin);
        if (m_snapshot->settings.cors.enabled && origin != req.end())
            addCors(origin->value(), false);
        finish(req.method() == http::verb::head);
    }

    void authorize()
    {
        const auto& req = m_bodyParser->get();

        std::string_view key;
        const auto authorization = req.find(http::field::authorization);
        if (authorization != req.end()) {
            const auto value = trim(authorization->value());
            if (value.size() < 7 || !iequals(value.substr(0, 7), "bearer "))
                return unauthorized("invalid_request",
                    "The Authorization header must use the Bearer scheme: \"Authorization: "
                    "Bearer <key>\".");
            key = trim(value.substr(7));
        } else if (const auto x = req.find("X-API-Key"); x != req.end()) {
            key = trim(x->value());
        }
        if (key.empty())
            return unauthorized({},
                "This route needs an API key: send \"Authorization: Bearer <key>\" or "
                "\"X-API-Key: <key>\".");

        const std::int64_t now = m_engine.clock->nowNs();
        std::int64_t retryNs = 0;
        if (m_engine.authBlocked(m_peer, now, &retryNs))
            return tooMany(retryNs, "Too many failed authentications from this address.");

        // A keep-alive client sends the same key again and again: the entry
        // verified for it on this connection stands while the snapshot does
        // (a revoke publishes a new one), and the key text is compared in
        // constant time.
        const KeyEntry* found = nullptr;
        if (m_verifiedSnapshot == m_snapshot && key.size() == m_verifiedKey.size()
            && CRYPTO_memcmp(key.data(), m_verifiedKey.data(), key.size()) == 0) {
            found = m_verifiedEntry;
        } else {
            found = verify(key, now);
            if (!found)
                return;
            m_verifiedKey.assign(key.data(), key.size());
            m_verifiedSnapshot = m_snapshot;
            m_verifiedEntry = found;
        }
        m_key = found;
        checkKey(found, now);
    }

    /// Format, checksum, lookup and hash comparison; answers 401 itself and
    /// returns null when the key is not one of ours.
    const KeyEntry* verify(std::string_view key, std::int64_t now)
    {
        const Snapshot& snap = *m_snapshot;

        // Format and checksum first: a mistyped key never reaches the index.
        switch (checkKeyFormat(key)) {
        case KeyFormat::Malformed:
            m_engine.authFailed(m_peer, now);
            unauthorized("invalid_token",
                "The API key is malformed (expected tg_<env>_ followed by 49 letters and digits).");
            return nullptr;
        case KeyFormat::BadChecksum:
            m_engine.authFailed(m_peer, now);
            unauthorized(
                "invalid_token", "The API key's checksum does not match: it was mistyped or cut.");
            return nullptr;
        case KeyFormat::Ok:
            break;
        }
        const KeyEntry* found = nullptr;
        if (const auto it = snap.keysByPrefix.find(keyPrefix(key)); it != snap.keysByPrefix.end()) {
            const KeyDigest digest = sha256(key);
            for (const KeyEntry& e : it->second) {
                if (digestsEqual(e.digest, digest))
                    found = &e;
            }
        }
        if (!found) {
            m_engine.authFailed(m_peer, now);
            unauthorized("invalid_token", "The API key is not valid.");
        }
        return found;
    }

    void checkKey(const KeyEntry* found, std::int64_t now)
    {
        const RouteAccess& access = m_match.route->source.access;
        if (found->revoked)
            return unauthorized("invalid_token", "The API key has been revoked.");
        if (found->expiresNs > 0 && now >= found->expiresNs)
            return unauthorized("invalid_token", "The API key has expired.");
        const Tier* tier = found->tier;
        if (!tier) {
            m_reply.problem(
                403, "The key's tier \"" + found->tierId + "\" is not defined in this workspace.");
            return finishKeyed();
        }
        for (const std::string& scope : access.scopes) {
            if (std::find(found->scopes.begin(), found->scopes.end(), scope)
                == found->scopes.end()) {
                m_reply.problem(403, "The API key lacks the scope \"" + scope + "\".");
                m_reply.header("WWW-Authenticate",
                    "Bearer realm=\"tollgate\", error=\"insufficient_scope\", scope=\"" + scope
                        + "\"");
                return finishKeyed();
            }
        }

        // Limits: the route's own, else the tier's.
        Decision& d = m_decision;
        d = Decision {};
        d.tier = tier;
        d.access = &access;
        d.now = now;
        d.nowSec = now / 1'000'000'000;
        d.policy = { tier->requestsPerMinute, tier->burst };
        KeyRuntime& rt = *found->runtime;
        std::string routeKey;
        if (access.requestsPerMinute > 0) {
            d.policy = { access.requestsPerMinute, access.burst > 0 ? access.burst : tier->burst };
            routeKey = m_match.route->source.method + ' ' + m_match.route->source.path;
        }
        d.counter = m_engine.counterFor(rt, found->id, d.nowSec);
        d.untilMonthEnd = rt.counterUntil.load(std::memory_order_relaxed) - d.nowSec;
        d.quota = tier->monthlyQuota;
        d.block = tier->overQuota == OverQuotaPolicy::Block;

        if (m_worker.redis) {
            SharedLimitRequest q;
            if (d.policy.perMinute > 0) {
                q.rateKey = "tg:rl:" + found->id;
                if (!routeKey.empty())
                    q.rateKey += ':' + routeKey;
                q.emissionUs = d.policy.emissionNs() / 1000;
                q.toleranceUs = d.policy.toleranceNs() / 1000;
            }
            q.quotaKey = "tg:q:" + found->id + ':' + usageMonth(d.nowSec);
            q.quota = d.quota;
            q.blockOverQuota = d.block;
            q.quotaTtlSeconds = d.untilMonthEnd + 40 * 86'400; // kept a while for invoices
            m_worker.redis->decide(q,
                [self = shared_from_this(), routeKey = std::move(routeKey)](
                    const SharedLimitDecision& shared) { self->onShared(shared, routeKey); });
            return;
        }
        decideLocally(routeKey);
    }

    /// What authorize() found out, carried across the asynchronous steps.
    struct Decision {
        const Tier* tier = nullptr;
        const RouteAccess* access = nullptr;
        std::int64_t now = 0;
        std::int64_t nowSec = 0;
        GcraPolicy policy;
        UsageStore::Counter* counter = nullptr;
        std::int64_t untilMonthEnd = 0;
        std::int64_t quota = 0;
        bool block = true;
    };

    void decideLocally(const std::string& routeKey)
    {
        Decision& d = m_decision;
        KeyRuntime& rt = *m_key->runtime;
        GcraCell* cell = routeKey.empty() ? &rt.rate : rt.routeCell(routeKey);
        UsageStore& usage = *m_engine.usage;
        GcraResult g;
        UsageStore::Admission a;
        const bool quotaGone = d.quota > 0 && d.block
            && usage.count(d.counter) >= static_cast<std::uint64_t>(d.quota);
        if (!quotaGone) {
            g = cell->take(d.policy, d.now);
            if (g.allowed)
                a = usage.admit(d.counter, d.quota, d.block);
        } else {
            g = cell->peek(d.policy, d.now);
        }
        const bool admitted = !quotaGone && g.allowed && a.allowed;
        rateLimitHeaders(d.policy, g, d.quota, admitted ? a.used : usage.count(d.counter),
            d.untilMonthEnd, d.nowSec);
        if (!g.allowed && !quotaGone)
            return rateLimited(g.retryAfterNs);
        if (!admitted)
            return quotaExhausted();
        admit(a.overage, a.ticket);
    }

    void onShared(const SharedLimitDecision& shared, const std::string& routeKey)
    {
        Decision& d = m_decision;
        if (!shared.available) {
            switch (m_engine.redisFailPolicy) {
            case RedisFailPolicy::Local:
                return decideLocally(routeKey);
            case RedisFailPolicy::Open: {
                const auto a = m_engine.usage->admit(d.counter, 0, false);
                return admit(false, a.ticket);
            }
            case RedisFailPolicy::Closed:
                m_reply.problem(503, "Rate limiting is unavailable (Redis does not answer).");
                m_reply.header("Retry-After", "1");
                return finishKeyed();
            }
        }
        GcraResult g;
        g.allowed = shared.outcome != SharedLimitDecision::RateLimited;
        g.remaining = shared.remaining;
        g.retryAfterNs = shared.retryAfterUs * 1000;
        g.resetNs = shared.resetUs * 1000;
        rateLimitHeaders(d.policy, g, d.quota, static_cast<std::uint64_t>(shared.quotaUsed),
            d.untilMonthEnd, d.nowSec);
        if (shared.outcome == SharedLimitDecision::RateLimited)
            return rateLimited(g.retryAfterNs);
        if (shared.outcome == SharedLimitDecision::QuotaExhausted)
            return quotaExhausted();
        // Redis holds the shared count; the local ledger counts this
        // instance's share for invoices.
        const auto a = m_engine.usage->admit(d.counter, 0, false);
        admit(shared.overage, a.ticket);
    }

    void rateLimited(std::int64_t retryNs)
    {
        m_engine.usage->reject(m_decision.counter);
        tooMany(retryNs,
            "Rate limit exceeded: " + std::to_string(m_decision.policy.perMinute)
                + " requests per minute for this key.");
    }

    void quotaExhausted()
    {
        m_engine.usage->reject(m_decision.counter);
        tooMany(m_decision.untilMonthEnd * 1'000'000'000,
            "Monthly quota of " + std::to_string(m_decision.quota)
                + " requests used up; it renews at the start of next month (UTC).");
    }

    void admit(bool overage, std::uint64_t ticket)
    {
        const Decision& d = m_decision;
        const RouteAccess& access = *d.access;
        m_counter = d.counter;
        m_overage = overage;
        if (access.priceMicros >= 0)
            m_price = access.priceMicros;
        else if (overage && d.tier->overagePriceMicros > 0)
            m_price = d.tier->overagePriceMicros;
        else
            m_price = d.tier->pricePerRequestMicros;

        // The answer may only leave once the count it adds is on disk.
        auto self = shared_from_this();
        if (!m_engine.usage->whenDurable(d.counter, ticket,
                [self] { asio::post(self->m_worker.ioc, [self] { self->serve(); }); }))
            return;
        serve();
    }

    void rateLimitHeaders(const GcraPolicy& policy, const GcraResult& g, std::int64_t quota,
        std::uint64_t used, std::int64_t untilMonthEnd, std::int64_t nowSec)
    {
        // draft-ietf-httpapi-ratelimit-headers: one policy per minute (GCRA)
        // and one per month (quota). Written in place: this runs per request.
        std::string& h = m_limitHeaders;
        h.clear();
        const bool minute = policy.perMinute > 0;
        const bool month = quota > 0;
        if (!minute && !month)
            return;
        auto number = [&h](std::int64_t n) {
            char buffer[24];
            const auto r = std::to_chars(buffer, buffer + sizeof buffer, n);
            h.append(buffer, r.ptr);
        };
        h.append("RateLimit-Policy: ");
        if (minute) {
            h.append("\"minute\";q=");
            number(policy.perMinute);
            h.append(";w=60");
        }
        if (month) {
            h.append(minute ? ", \"month\";q=" : "\"month\";q=");
            number(quota);
            h.append(";w=");
            number(monthSeconds(nowSec));
        }
        h.append("\r\nRateLimit: ");
        if (minute) {
            h.append("\"minute\";r=");
            number(g.remaining);
            h.append(";t=");
            number((g.resetNs + 999'999'999) / 1'000'000'000);
        }
        if (month) {
            const auto q = static_cast<std::uint64_t>(quota);
            h.append(minute ? ", \"month\";r=" : "\"month\";r=");
            number(static_cast<std::int64_t>(used >= q ? 0 : q - used));
            h.append(";t=");
            number(untilMonthEnd);
        }
        h.append("\r\n");
    }

    // Length of the calendar month containing nowSec, cached per thread.
    static std::int64_t monthSeconds(std::int64_t nowSec)
    {
        thread_local std::int64_t start = 0;
        thread_local std::int64_t end = 0;
        if (nowSec < start || nowSec >= end) {
            const auto t = static_cast<std::time_t>(nowSec);
            std::tm tm {};
            gmtime_r(&t, &tm);
            tm.tm_mday = 1;
            tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
            start = static_cast<std::int64_t>(timegm(&tm));
            end = monthEnd(nowSec);
        }
        return end - start;
    }

    /// What handling this request cost: the route's fixed cost plus its
    /// per-millisecond cost for the time since the header arrived. Requests
    /// refused before the route served them (auth, limits, parse errors) cost
    /// nothing.
    void chargeHandling()
    {
        if (!m_serving)
            return;
        const RouteAccess& a = m_match.route->source.access;
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - m_start)
                            .count();
        m_cost = a.costMicros + (a.costPerMsMicros * us + 500) / 1000;
    }

    void account(int status)
    {
        chargeHandling();
        if (!m_counter)
            return;
        m_engine.usage->complete(m_counter, status, m_overage, m_price, m_cost);
        if (status > 0 && status < 500)
            m_recordPrice = m_price;
        m_counter = nullptr;
    }

    void serve()
    {
        m_serving = true;
        const auto& req = m_bodyParser->get();
        const bool isHead = req.method() == http::verb::head;
        const auto origin = req.find(http::field::origin);
        const bool corsOn = m_snapshot->settings.cors.enabled && origin != req.end();
        const CompiledRoute* route = m_match.route;
        Reply& r = m_reply;
        const Route& src = route->source;
        if (src.failure.percent > 0.0) {
            std::uniform_real_distribution<double> dist(0.0, 100.0);
            if (dist(m_worker.rng) < src.failure.percent) {
                if (src.failure.reset)
                    return scheduleReset(src.latency);
                r.problem(src.failure.status, "Injected failure.");
                if (corsOn)
                    addCors(origin->value(), false);
                return finishAfterLatency(isHead, src.latency);
            }
        }

        std::optional<RequestContext> ctx;
        if (route->needsContext()) {
            ctx.emplace();
            ctx->id = requestId();
            ctx->method = m_method;
            ctx->path = m_path;
            ctx->rawQuery = m_rawQuery;
            ctx->params = std::move(m_match.params);
            ctx->query = parseQuery(m_rawQuery);
            for (const auto& f : req) {
                std::string name(f.name_string());
                for (auto& c : name)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                ctx->headers.emplace_back(std::move(name), std::string(f.value()));
            }
            ctx->body = req.body();
        }
        const int index = route->selectResponse(ctx ? &*ctx : nullptr, m_worker.rng());
        const CompiledResponse& resp = route->responses[static_cast<std::size_t>(
            std::clamp<int>(index, 0, static_cast<int>(route->responses.size()) - 1))];

        r.status = resp.status;
        for (const auto& h : resp.headers) {
            if (h.value.isStatic())
                r.header(h.name, h.value.text());
            else
                r.header(h.name, h.value.render(*ctx, m_worker.index));
        }
        if (resp.body.isStatic())
            r.body = resp.body.text(); // lives in the snapshot, which we hold
        else
            r.setBody(resp.body.render(*ctx, m_worker.index));
        if (corsOn)
            addCors(origin->value(), false);
        finishAfterLatency(isHead, src.latency);
    }

    void addCors(std::string_view origin, bool preflight)
    {
        Reply& r = m_reply;
        const Cors& cors = m_snapshot->settings.cors;
        bool any = false;
        bool allowed = false;
        for (const auto& o : cors.allowOrigins) {
            if (o == "*")
                any = true;
            else if (iequals(o, origin))
                allowed = true;
        }
        if (!any && !allowed)
            return;
        // With credentials the wildcard is not allowed, so echo the origin.
        if (any && !allowed && !cors.allowCredentials) {
            r.header("Access-Control-Allow-Origin", "*");
        } else {
            r.header("Access-Control-Allow-Origin", origin);
            r.header("Vary", "Origin");
        }
        if (cors.allowCredentials)
            r.header("Access-Control-Allow-Credentials", "true");
        if (preflight) {
            r.header("Access-Control-Allow-Methods", cors.allowMethods);
            r.header("Access-Control-Allow-Headers", cors.allowHeaders);
            r.header("Access-Control-Max-Age", std::to_string(cors.maxAgeSeconds));
        } else {
            r.header("Access-Control-Expose-Headers", m_snapshot->corsExposeHeaders);
        }
    }

    std::chrono::milliseconds pickLatency(const Latency& l)
    {
        if (l.maxMs > l.minMs) {
            std::uniform_int_distribution<int> dist(std::max(0, l.minMs), l.maxMs);
            return std::chrono::milliseconds(dist(m_worker.rng));
        }
        return std::chrono::milliseconds(std::max(0, l.minMs));
    }

    void finishAfterLatency(bool isHead, const Latency& latency)
    {
        const auto delay = pickLatency(latency);
        if (delay.count() <= 0)
            return finish(isHead);
        // Latency is a timer, never a sleeping thread.
        m_timer.expires_after(delay);
        m_timer.async_wait([self = shared_from_this(), isHead](boost::system::error_code ec) {
            if (ec)
                return self->closeSocket();
            self->finish(isHead);
        });
    }

    void scheduleReset(const Latency& latency)
    {
        const auto delay = pickLatency(latency);
        auto reset = [self = shared_from_this()] {
            boost::system::error_code ignored;
            // Linger 0 makes close() send RST instead of FIN.
            self->m_socket.set_option(asio::socket_base::linger(true, 0), ignored);
            self->m_socket.close(ignored);
            self->account(0);
            self->recordEvent(0, 0);
        };
        if (delay.count() <= 0)
            return reset();
        m_timer.expires_after(delay);
        m_timer.async_wait([reset](boost::system::error_code ec) {
            if (!ec)
                reset();
        });
    }

    void sendError(int status, std::string_view detail, bool close)
    {
        if (m_method.empty())
            m_method = "-";
        m_start = std::chrono::steady_clock::now();
        m_reply.problem(status, detail, close);
        finish(false);
    }

    void finish(bool isHead)
    {
        const Reply& r = m_reply;
        const bool close = r.close || !m_keepAlive;
        std::string& out = m_out;
        out.clear();
        const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
        out.append(m_http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
        char num[24];
        auto res = std::to_chars(num, num + sizeof num, r.status);
        out.append(num, res.ptr);
        out.push_back(' ');
        out.append(reason.data(), reason.size());
        out.append("\r\nServer: Tollgate\r\nDate: ");
        out.append(httpDate());
        out.append("\r\nX-Request-ID: ");
        out.append(requestId());
        out.append("\r\n");
        out.append(r.headerLines);
        out.append(m_limitHeaders);
        account(r.status);
        if (!r.hasContentType && !r.body.empty())
            out.append("Content-Type: text/plain; charset=utf-8\r\n");
        // 1xx, 204 and 304 carry no body and no Content-Length.
        const bool bodyless = r.status < 200 || r.status == 204 || r.status == 304;
        if (!bodyless) {
            out.append("Content-Length: ");
            res = std::to_chars(num, num + sizeof num, r.body.size());
            out.append(num, res.ptr);
            out.append("\r\n");
        }
        if (close)
            out.append("Connection: close\r\n");
        else if (m_http10)
            out.append("Connection: keep-alive\r\n");
        out.append("\r\n");
        std::string_view body = (isHead || bodyless) ? std::string_view {} : r.body;
        // Small bodies are copied so the kernel gets one buffer; large ones are
        // written in place with a gather write.
        if (body.size() <= 4096) {
            out.append(body);
            body = {};
        }

        m_status = r.status;
        m_closeAfterWrite = close;
        const std::array<asio::const_buffer, 2> buffers { asio::buffer(out),
            asio::buffer(body.data(), body.size()) };
        asio::async_write(m_socket, buffers,
            [self = shared_from_this()](
                boost::system::error_code ec, std::size_t n) { self->onWritten(ec, n); });
    }

    void onWritten(boost::system::error_code ec, std::size_t bytes)
    {
        // Recorded before it is counted: whoever sees the count sees the record.
        recordEvent(m_status, bytes);
        m_engine.served.fetch_add(1, std::memory_order_release);
        if (ec)
            return closeSocket();
        if (m_closeAfterWrite) {
            boost::system::error_code ignored;
            m_socket.shutdown(tcp::socket::shutdown_send, ignored);
            // Drain briefly so the client reads the response before the close
            // (closing with unread input would send RST and lose it).
            return drainThenClose();
        }
        readHeader(false);
    }

    void drainThenClose()
    {
        armTimer(1000);
        m_socket.async_read_some(asio::buffer(m_drain),
            [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (ec)
                    return self->closeSocket();
                self->drainThenClose();
            });
    }

    void recordEvent(int status, std::uint64_t bytes)
    {
        const bool traffic = m_engine.recordTraffic.load(std::memory_order_relaxed);
        if (!traffic && !m_worker.meter && !m_worker.log)
            return;
        const auto now = std::chrono::system_clock::now();
        const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - m_start)
                                 .count();
        const auto latencyUs = static_cast<std::uint32_t>(
            std::clamp<std::int64_t>(latency, 0, std::numeric_limits<std::uint32_t>::max()));
        const std::int64_t timeUs
            = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
        if (m_worker.meter) {
            MeterRecord r;
            r.timeUs = timeUs;
            r.route = m_match.route ? m_match.route->meterId : 0;
            if (m_key) {
                r.key = m_key->meterKey;
                r.tier = m_key->meterTier;
            }
            r.latencyUs = latencyUs;
            r.status = static_cast<std::uint16_t>(status);
            r.bytesIn = m_bytesIn;
            r.bytesOut = bytes;
            r.costMicros = m_cost;
            r.priceMicros = m_recordPrice;
            m_worker.meter->push(r);
        }
        if (m_worker.log)
            logRequest(timeUs, status, latencyUs, bytes);
        if (!traffic)
            return;
        TrafficEvent ev;
        ev.time = now;
        ev.method = m_method;
        ev.target
            = m_target.size() > kMaxLoggedTarget ? m_target.substr(0, kMaxLoggedTarget) : m_target;
        ev.status = status;
        ev.latencyUs = latencyUs;
        ev.bytesOut = bytes;
        if (m_key)
            ev.keyId = m_key->id;
        ev.requestId = requestId();
        m_engine.record(m_worker, std::move(ev));
    }

    void logRequest(std::int64_t timeUs, int status, std::uint32_t latencyUs, std::uint64_t bytes)
    {
        RequestLogEntry e;
        e.timeUs = timeUs;
        e.requestId = requestId();
        e.method = m_method;
        e.target = m_target;
        std::string route;
        if (m_match.route)
            route = m_match.route->source.method + ' ' + m_match.route->source.path;
        e.route = route;
        e.status = status;
        e.latencyUs = latencyUs;
        e.bytesIn = m_bytesIn;
        e.bytesOut = bytes;
        if (m_key) {
            e.key = m_key->id;
            e.tier = m_key->tierId;
        }
        e.costMicros = m_cost;
        e.priceMicros = m_recordPrice;
        m_worker.log->append(e);
    }

    /// The id this request's response carries: the client's, when valid,
    /// else one made up on first use (also for errors before the header parsed).
    const std::string& requestId()
    {
        if (m_requestId.empty())
            newRequestId(&m_requestId);
        return m_requestId;
    }

    void closeSocket()
    {
        m_timer.cancel();
        boost::system::error_code ignored;
        m_socket.close(ignored);
    }

    tcp::socket m_socket;
    Worker& m_worker;
    detail::EngineImpl& m_engine;
    asio::steady_timer m_timer;
    bool m_timedOut = false;
    beast::flat_buffer m_buffer; // bounded by the parser's header and body limits
    std::optional<http::request_parser<http::empty_body>> m_headerParser;
    std::optional<http::request_parser<http::string_body>> m_bodyParser;
    std::shared_ptr<const Snapshot> m_snapshot;
    RouteTable::Match m_match;
    std::string m_method;
    std::string m_target;
    std::string m_requestId; // see requestId()
    std::string m_path;
    std::string m_rawQuery;
    bool m_keepAlive = true;
    bool m_http10 = false;
    bool m_forbiddenHost = false;
    bool m_closeAfterWrite = false;
    int m_status = 0;
    std::chrono::steady_clock::time_point m_start;
    Reply m_reply;
    std::string m_out;
    char m_drain[512];
    std::string m_peer;
    const KeyEntry* m_key = nullptr; // in m_snapshot
    UsageStore::Counter* m_counter = nullptr; // set while an admitted keyed request is open
    bool m_overage = false;
    Micros m_price = 0;
    Micros m_cost = 0; // see chargeHandling()
    Micros m_recordPrice = 0; // what metering books: m_price once billed, else 0
    bool m_serving = false; // the matched route is producing the answer
    std::uint64_t m_bytesIn = 0; // header + body bytes read for this request
    std::string m_limitHeaders; // pre-formatted RateLimit lines for keyed requests
    Decision m_decision;
    // The last key verified on this connection (see authorize()).
    std::string m_verifiedKey;
    std::shared_ptr<const Snapshot> m_verifiedSnapshot;
    const KeyEntry* m_verifiedEntry = nullptr;
};

} // namespace

void detail::EngineImpl::doAccept()
{
    if (!acceptor || !acceptor->is_open())
        return;
    Worker& target = *workers[nextWorker.fetch_add(1, std::memory_order_relaxed) % workers.size()];
    acceptor->async_accept(
        target.ioc, [this, &target](boost::system::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                accepted.fetch_add(1, std::memory_order_relaxed);
                // The session runs on its worker's thread from here on.
                asio::post(target.ioc, [this, &target, s = std::move(socket)]() mutable {
                    std::make_shared<Session>(std::move(s), target, *this)->start();
                });
                doAccept();
                return;
            }
            // Out of descriptors and the like: back off instead of spinning.
            auto timer = std::make_shared<asio::steady_timer>(
                workers[0]->ioc, std::chrono::milliseconds(50));
            timer->async_wait([this, timer](boost::system::error_code) { doAccept(); });
        });
}

Engine::Engine()
    : d(std::make_unique<detail::EngineImpl>())
{
    d->version = TOLLGATE_VERSION;
    d->rebuild();
}

Engine::~Engine()
{
    stop();
}

std::vector<Diagnostic> Engine::apply(const Workspace& ws)
{
    std::lock_guard lock(d->controlMutex);
    d->workspace = ws;
    if (d->running)
        d->metering->setRetention(d->retention());
    return d->rebuild();
}

bool Engine::start(const EngineOptions& options, std::string* error)
{
    std::lock_guard lock(d->controlMutex);
    if (d->running)
        return true;
    int threads = options.threads > 0
        ? options.threads
        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d->version = options.version.empty() || options.version == "0.0.0" ? TOLLGATE_VERSION
                                                                       : options.version;
    d->threadSlots = threads;
    d->workers.clear();
    for (int i = 0; i < threads; ++i) {
        auto w = std::make_unique<Worker>();
        w->index = i;
        d->workers.push_back(std::move(w));
    }
    if (!options.redisUrl.empty()) {
        for (auto& w : d->workers) {
            std::string redisError;
            w->redis = RedisLimiter::create(w->ioc, options.redisUrl, &redisError);
            if (!w->redis) {
                if (error)
                    *error = "invalid Redis URL \"" + options.redisUrl + "\": " + redisError;
                d->workers.clear();
                return false;
            }
        }
    }
    d->redisFailPolicy = options.redisFailPolicy;
    boost::system::error_code ec;
    std::string bindAddress = options.bind.empty() ? "127.0.0.1" : options.bind;
    if (bindAddress == "localhost")
        bindAddress = "127.0.0.1";
    const auto address = asio::ip::make_address(bindAddress, ec);
    if (ec) {
        if (error)
            *error = "invalid bind address \"" + options.bind + "\"";
        d->workers.clear();
        return false;
    }
    auto acceptor = std::make_unique<tcp::acceptor>(d->workers[0]->ioc);
    const tcp::endpoint endpoint(address, options.port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor->bind(endpoint, ec);
    if (!ec)
        acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error)
            *error = "cannot listen on " + bindAddress + ":" + std::to_string(options.port) + ": "
                + ec.message();
        acceptor.reset(); // it belongs to worker 0's io_context: destroy it first
        d->workers.clear();
        return false;
    }
    d->clock = options.clock ? options.clock : systemClock();
    d->usageFile.clear();
    if (!options.stateDir.empty())
        d->usageFile = options.stateDir / "usage.json";
    else if (!d->workspace.dir.empty())
        d->usageFile = d->workspace.dir / ".tollgate" / "usage.json";
    d->usage = std::make_unique<UsageStore>(d->usageFile, d->clock);
    std::string usageError;
    if (!d->usage->open(&usageError))
        d->usageProblem = usageError;
    else
        d->usageProblem.clear();
    // Counters cached by keys belong to the previous store.
    for (auto& [id, rt] : d->keyRuntimes)
        rt->counterUntil.store(0, std::memory_order_relaxed);
    d->boundPort = acceptor->local_endpoint().port();
    d->boundAddress = address.to_string();
    d->loopbackBound = address.is_loopback();
    d->acceptor = std::move(acceptor);
    d->rebuild(); // templates need one compiled copy per worker

    // Metering: a queue per worker into the aggregator, the database next to
    // usage.json unless told otherwise.
    d->metricsDatabase.clear();
    if (options.metering) {
        if (options.metricsDatabase == "-")
            d->metricsDatabase.clear();
        else if (!options.metricsDatabase.empty())
            d->metricsDatabase = options.metricsDatabase;
        else if (!d->usageFile.empty())
            d->metricsDatabase = d->usageFile.parent_path() / "metrics.db";
        MeteringOptions mo;
        mo.database = d->metricsDatabase;
        d->retentionOverride = options.metricsRetention;
        mo.retention = d->retention();
        d->metering->start(mo);
        for (auto& w : d->workers)
            w->meter = d->metering->addProducer();
    }
    if (!options.jsonLog.empty()) {
        auto log = std::make_unique<RequestLog>();
        std::string logError;
        if (!log->open(options.jsonLog, &logError)) {
            if (error)
                *error = logError;
            d->metering->stop();
            d->acceptor.reset();
            d->workers.clear();
            d->usage.reset();
            d->boundPort = 0;
            return false;
        }
        for (auto& w : d->workers)
            w->log = log->addProducer();
        d->requestLog = std::move(log);
    }
    d->running = true;
    d->doAccept();
    for (auto& w : d->workers) {
        Worker* worker = w.get();
        worker->thread = std::thread([worker, nice = std::clamp(options.workerNice, 0, 19)] {
            if (nice > 0) // best effort: a refusal only means equal footing
                ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice);
            auto guard = asio::make_work_guard(worker->ioc);
            worker->ioc.run();
        });
    }
    return true;
}

void Engine::stop()
{
    std::lock_guard lock(d->controlMutex);
    if (!d->running)
        return;
    d->running = false;
    if (d->acceptor) {
        asio::post(d->workers[0]->ioc, [acc = d->acceptor.get()] {
            boost::system::error_code ignored;
            acc->close(ignored);
        });
    }
    for (auto& w : d->workers)
        w->ioc.stop();
    for (auto& w : d->workers) {
        if (w->thread.joinable())
            w->thread.join();
    }
    // Before the workers go: requests parked on the store hold sessions whose
    // sockets belong to the workers' io_contexts. Destroying the store writes
    // the exact counts.
    d->usage.reset();
    for (auto& w : d->workers)
        w->redis.reset(); // before its io_context
    d->acceptor.reset();
    // Destroying the io_contexts destroys the pending handlers and with them
    // the sessions, which closes their sockets.
    d->workers.clear();
    d->boundPort = 0;
    // Every record is queued by now (the workers are gone): the last buckets
    // close and go to storage.
    d->metering->stop();
    if (d->requestLog) {
        d->requestLog->stop();
        d->logLinesDropped += d->requestLog->droppedLines();
        d->requestLog.reset();
    }
}

std::shared_ptr<Metering> Engine::metering() const
{
    return d->metering;
}

std::uint64_t Engine::requestLogDropped() const
{
    std::lock_guard lock(d->controlMutex);
    return d->logLinesDropped + (d->requestLog ? d->requestLog->droppedLines() : 0);
}

std::filesystem::path Engine::metricsDatabase() const
{
    std::lock_guard lock(d->controlMutex);
    return d->metricsDatabase;
}

bool Engine::isRunning() const
{
    return d->running;
}

std::uint16_t Engine::port() const
{
    return d->boundPort;
}

std::string Engine::boundAddress() const
{
    std::lock_guard lock(d->controlMutex);
    return d->running ? d->boundAddress : std::string();
}

void Engine::drainTraffic(std::vector<TrafficEvent>* out, std::size_t max)
{
    std::lock_guard lock(d->controlMutex);
    std::vector<TrafficEvent> batch;
    const auto firstNew = static_cast<std::ptrdiff_t>(out->size());
    for (auto& w : d->workers) {
        {
            std::lock_guard wl(w->trafficMutex);
            batch.swap(w->traffic);
        }
        // Each worker's events are in time order: only its newest `max` can
        // be among the newest `max` overall.
        const auto keep = static_cast<std::ptrdiff_t>(std::min(batch.size(), max));
        out->insert(out->end(), std::make_move_iterator(batch.end() - keep),
            std::make_move_iterator(batch.end()));
        batch.clear();
    }
    const auto byTime
        = [](const TrafficEvent& a, const TrafficEvent& b) { return a.time < b.time; };
    std::sort(out->begin() + firstNew, out->end(), byTime);
    const auto added
        = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(out->size()) - firstNew);
    if (added > max)
        out->erase(out->begin() + firstNew,
            out->begin() + firstNew + static_cast<std::ptrdiff_t>(added - max));
}

void Engine::setTrafficRecording(bool on)
{
    d->recordTraffic = on;
}

std::vector<KeyUsage> Engine::usage() const
{
    std::lock_guard lock(d->controlMutex);
    if (d->usage)
        return d->usage->snapshot();
    std::vector<KeyUsage> rows;
    std::filesystem::path file = d->usageFile;
    if (file.empty() && !d->workspace.dir.empty())
        file = d->workspace.dir / ".tollgate" / "usage.json";
    if (!file.empty())
        loadUsageFile(file, &rows, nullptr);
    return rows;
}

std::string Engine::usageProblem() const
{
    std::lock_guard lock(d->controlMutex);
    return d->usageProblem;
}

std::uint64_t Engine::requestsServed() const
{
    return d->served.load(std::memory_order_acquire);
}

std::uint64_t Engine::connectionsAccepted() const
{
    return d->accepted.load(std::memory_order_relaxed);
}

} // namespace tollgate::server
