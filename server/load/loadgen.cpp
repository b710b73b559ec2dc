#include "server/load/loadgen.h"

#include "server/common/text.h"
#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"
#include "server/workspace/workspace.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include <openssl/ssl.h>

namespace tollgate::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

// ---------------------------------------------------------------------------
// URL and plan checks

bool parseLoadUrl(const std::string& url, LoadUrl* out, std::string* error)
{
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    if (url.empty())
        return fail("The target URL is empty: give one like http://127.0.0.1:8080.");
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed)
        return fail("\"" + url + "\" is not a URL: give one like http://127.0.0.1:8080/api.");
    const auto& u = *parsed;
    const std::string scheme = std::string(u.scheme());
    if (scheme != "http" && scheme != "https")
        return fail("\"" + scheme + "\" URLs cannot be load-tested: use http:// or https://.");
    if (!u.has_authority() || u.encoded_host().empty())
        return fail("\"" + url + "\" names no host: give one like http://127.0.0.1:8080.");
    if (u.has_userinfo())
        return fail("User names and passwords in the URL are not sent: remove them and put "
                    "credentials in a header.");
    LoadUrl r;
    r.tls = scheme == "https";
    r.port = r.tls ? 443 : 80;
    if (u.host_type() == boost::urls::host_type::ipv6)
        r.host = std::string(u.host_address());
    else
        r.host = std::string(u.encoded_host());
    if (u.has_port()) {
        const auto port = u.port();
        unsigned long n = 0;
        try {
            n = std::stoul(std::string(port));
        } catch (...) {
            n = 0;
        }
        if (port.empty() || n == 0 || n > 65535)
            return fail("\"" + std::string(port) + "\" is not a port: use 1 to 65535.");
        r.port = static_cast<std::uint16_t>(n);
    }
    r.prefix = std::string(u.encoded_path());
    while (!r.prefix.empty() && r.prefix.back() == '/')
        r.prefix.pop_back();
    if (u.has_query())
        r.query = "?" + std::string(u.encoded_query());
    const std::string host = std::string(u.encoded_host_and_port());
    const bool defaultPort = r.port == (r.tls ? 443 : 80);
    r.hostHeader = defaultPort ? std::string(u.encoded_host_address()) : host;
    if (u.host_type() == boost::urls::host_type::ipv6 && defaultPort)
        r.hostHeader = "[" + r.host + "]";
    *out = std::move(r);
    return true;
}

namespace {

/// The {name} parameters of a path, in order.
std::vector<std::string> pathParams(const std::string& path)
{
    std::vector<std::string> names;
    for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
        if (i + 1 < path.size() && path[i + 1] == '{') { // a template tag, not a parameter
            const auto end = path.find("}}", i);
            if (end == std::string::npos)
                break;
            i = end + 1;
            continue;
        }
        const auto end = path.find('}', i);
        if (end == std::string::npos)
            break;
        names.push_back(path.substr(i + 1, end - i - 1));
        i = end;
    }
    return names;
}

} // namespace

std::vector<std::string> validateLoadSettings(const LoadSettings& s)
{
    std::vector<std::string> problems;
    LoadUrl url;
    std::string error;
    if (!parseLoadUrl(s.url, &url, &error))
        problems.push_back(error);
    if (s.connections < 1 || s.connections > 100000)
        problems.push_back("Connections must be between 1 and 100000.");
    if (s.threads < 1 || s.threads > 256)
        problems.push_back("Threads must be between 1 and 256.");
    if (s.model == LoadModel::Open && !(s.rate > 0 && s.rate <= 10e6))
        problems.push_back("The open model needs a rate above 0 requests/s (at most 10 million).");
    if (s.requestCount == 0 && !(s.durationSeconds > 0 && s.durationSeconds <= 7 * 86400))
        problems.push_back("Give a duration above 0 s (at most a week) or a request count.");
    if (!(s.warmupSeconds >= 0 && s.warmupSeconds <= 86400))
        problems.push_back("Warm-up must be between 0 and 86400 s.");
    if (!(s.rampUpSeconds >= 0 && s.rampUpSeconds <= 86400))
        problems.push_back("Ramp-up must be between 0 and 86400 s.");
    if (!(s.timeoutSeconds > 0 && s.timeoutSeconds <= 3600))
        problems.push_back("The timeout must be above 0 s and at most an hour.");
    if (s.keyHeader.empty())
        problems.push_back("Name the header the key goes in (Authorization or X-API-Key).");
    double mixWeight = 0;
    for (std::size_t i = 0; i < s.mix.size(); ++i) {
        const auto& t = s.mix[i];
        const std::string where = "Route " + std::to_string(i + 1) + " (" + t.label() + "): ";
        if (!(t.weight >= 0) || !std::isfinite(t.weight))
            problems.push_back(where + "the weight must be a number of 0 or more.");
        else
            mixWeight += t.weight;
        if (t.method.empty() || !std::all_of(t.method.begin(), t.method.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c));
            }))
            problems.push_back(where + "the method must be upper-case letters like GET.");
        if (!t.path.empty() && t.path.front() != '/')
            problems.push_back(
                where + "the path must start with '/' (or be empty for the URL itself).");
        for (const auto& name : pathParams(t.path)) {
            const bool given = std::any_of(
                t.params.begin(), t.params.end(), [&](const auto& p) { return p.first == name; });
            if (!given)
                problems.push_back(where + "the path parameter {" + name + "} has no value.");
        }
        auto check = [&](const std::string& text, const std::string& what) {
            Template tpl;
            std::string why;
            if (!tpl.compile(text, 1, &why))
                problems.push_back(where + what + ": " + why);
        };
        check(t.path, "the path template");
        for (const auto& [name, value] : t.params)
            check(value, "parameter " + name);
        for (const auto& [name, value] : t.headers) {
            if (name.empty() || name.find_first_of(" :\r\n") != std::string::npos)
                problems.push_back(where + "\"" + name + "\" is not a header name.");
            check(value, "header " + name);
        }
        check(t.body, "the body template");
    }
    if (!s.mix.empty() && mixWeight <= 0)
        problems.push_back("At least one route of the mix needs a weight above 0.");
    double keyWeight = 0;
    for (const auto& k : s.keys) {
        if (!(k.weight >= 0) || !std::isfinite(k.weight))
            problems.push_back("Key " + k.id + ": the weight must be a number of 0 or more.");
        else
            keyWeight += k.weight;
        if (k.secret.find_first_of("\r\n") != std::string::npos)
            problems.push_back("Key " + k.id + " contains a line break.");
    }
    if (!s.keys.empty() && keyWeight <= 0)
        problems.push_back("At least one key of the pool needs a weight above 0.");
    return problems;
}

// ---------------------------------------------------------------------------
// The run

namespace {

constexpr const char* kNoKeyTier = "(no key)";
constexpr auto kTick = std::chrono::milliseconds(50);
constexpr auto kConnectBackoff = std::chrono::milliseconds(50);
constexpr auto kStopGrace = std::chrono::seconds(1);

/// Reads only what the runner needs from a response: the status, the body
/// length and whether the connection stays open. Beast keeps the framing
/// (Content-Length, chunked, keep-alive) itself.
class ResponseParser : public http::basic_parser<false> {
public:
    ResponseParser()
    {
        eager(true);
        body_limit(std::numeric_limits<std::uint64_t>::max());
        header_limit(64 * 1024);
    }
    int status = 0;

private:
    void on_request_impl(
        http::verb, beast::string_view, beast::string_view, int, error_code&) override
    {
    }
    void on_response_impl(int code, beast::string_view, int, error_code&) override
    {
        status = code;
    }
    void on_field_impl(http::field, beast::string_view, beast::string_view, error_code&) override {
    }
    void on_header_impl(error_code&) override { }
    void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override { }
    std::size_t on_body_impl(beast::string_view body, error_code&) override { return body.size(); }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, error_code&) override { }
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, error_code&) override
    {
        return body.size();
    }
    void on_finish_impl(error_code&) override { }
};

/// Counts of one slice in the hot path: statuses in a flat array.
struct Tally {
    std::uint64_t requests = 0;
    std::array<std::uint64_t, 600> statuses {};
    std::array<std::uint64_t, kLoadErrorKinds> errors {};
    LatencyHistogram latency;
    std::uint64_t bytesOut = 0;
    std::uint64_t bytesIn = 0;

    void answer(int status, std::uint64_t micros, std::uint64_t out, std::uint64_t in)
    {
        ++requests;
        ++statuses[static_cast<std::size_t>(status >= 100 && status < 600 ? status : 0)];
        latency.record(micros);
        bytesOut += out;
        bytesIn += in;
    }
    LoadCounts counts() const
    {
        LoadCounts c;
        c.requests = requests;
        for (std::size_t i = 0; i < statuses.size(); ++i) {
            if (statuses[i] != 0)
                c.statuses[static_cast<int>(i)] = statuses[i];
        }
        c.errors = errors;
        c.latency = latency;
        c.bytesOut = bytesOut;
        c.bytesIn = bytesIn;
        return c;
    }
};

/// Weighted draws: a binary search in the cumulative weights, exact for any
/// weight above 0 (a handful of comparisons for a mix of routes).
class WeightedPick {
public:
    explicit WeightedPick(const std::vector<double>& weights)
    {
        double total = 0;
        for (double w : weights) {
            total += w > 0 ? w : 0;
            m_cumulative.push_back(total);
        }
        m_total = total;
    }
    /// random: 64 uniformly random bits.
    std::uint32_t pick(std::uint64_t random) const
    {
        if (m_cumulative.size() <= 1 || m_total <= 0)
            return 0;
        const double x = double(random >> 11) * 0x1.0p-53 * m_total;
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), x);
        const auto i = std::min<std::size_t>(
            static_cast<std::size_t>(it - m_cumulative.begin()), m_cumulative.size() - 1);
        return static_cast<std::uint32_t>(i);
    }

private:
    std::vector<double> m_cumulative;
    double m_total = 0;
};

std::uint64_t splitmix(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A mix entry ready to send: compiled templates, or the whole request
/// text per key when nothing in it varies.
struct PreparedTarget {
    LoadTarget target;
    bool isStatic = true;
    bool head = false;
    Template path;
    std::vector<std::pair<std::string, Template>> params;
    std::vector<std::pair<std::string, Template>> headers;
    Template body;
    std::vector<std::string> perKey; ///< static requests, one per key (or one)
};

/// A key ready to send: its header line and tier index.
struct PreparedKey {
    std::string headerLine; ///< "Authorization: Bearer …\r\n" or empty
    std::uint32_t tier = 0;
};

struct Plan {
    LoadSettings settings;
    LoadUrl url;
    std::vector<PreparedTarget> targets;
    std::vector<PreparedKey> keys;
    std::vector<std::string> tierNames;
    std::unique_ptr<asio::ssl::context> tls; ///< https targets
    WeightedPick targetPick { {} };
    WeightedPick keyPick { {} };
    std::string userAgent = std::string("User-Agent: tollgate-load/") + TOLLGATE_VERSION + "\r\n";

    /// The request text for target t, key k, rendering templates with slot.
    void render(const PreparedTarget& t, std::size_t key, int slot, std::string* out) const
    {
        RequestContext ctx;
        ctx.method = t.target.method;
        for (const auto& [name, tpl] : t.params)
            ctx.params.emplace_back(name, tpl.render(ctx, slot));
        std::string path = t.path.render(ctx, slot);
        for (const auto& [name, value] : ctx.params) {
            const std::string tag = "{" + name + "}";
            for (auto at = path.find(tag); at != std::string::npos; at = path.find(tag, at)) {
                const std::string encoded = percentEncode(value);
                path.replace(at, tag.size(), encoded);
                at += encoded.size();
            }
        }
        ctx.path = path;
        const std::string body = t.body.render(ctx, slot);
        out->clear();
        *out += t.target.method;
        *out += ' ';
        *out += url.prefix;
        *out += path;
        if (url.prefix.empty() && path.empty())
            *out += '/';
        if (!url.query.empty()) {
            if (path.find('?') == std::string::npos)
                *out += url.query;
            else
                *out += '&' + url.query.substr(1);
        }
        *out += " HTTP/1.1\r\nHost: ";
        *out += url.hostHeader;
        *out += "\r\n";
        *out += userAgent;
        if (key < keys.size())
            *out += keys[key].headerLine;
        for (const auto& [name, tpl] : t.headers) {
            *out += name;
            *out += ": ";
            *out += tpl.render(ctx, slot);
            *out += "\r\n";
        }
        const auto& m = t.target.method;
        if (!body.empty() || m == "POST" || m == "PUT" || m == "PATCH") {
            *out += "Content-Length: ";
            *out += std::to_string(body.size());
            *out += "\r\n";
        }
        *out += "\r\n";
        *out += body;
    }
};

bool preparePlan(const LoadSettings& settings, Plan* plan, std::string* error)
{
    plan->settings = settings;
    if (!parseLoadUrl(settings.url, &plan->url, error))
        return false;
    if (plan->url.tls) {
        plan->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
        error_code ec;
        plan->tls->set_default_verify_paths(ec);
        plan->tls->set_verify_mode(
            settings.verifyTls ? asio::ssl::verify_peer : asio::ssl::verify_none, ec);
    }
    const int slots = std::max(1, settings.threads);
    std::vector<LoadTarget> mix = settings.mix;
    if (mix.empty()) {
        LoadTarget whole;
        whole.path = "";
        whole.name = "GET " + (plan->url.prefix.empty() ? std::string("/") : plan->url.prefix);
        mix.push_back(whole);
    }
    // Tiers in the order the pool names them; keys without one share a row.
    for (const auto& k : settings.keys) {
        const std::string tier = k.tier.empty() ? std::string(kNoKeyTier) : k.tier;
        auto it = std::find(plan->tierNames.begin(), plan->tierNames.end(), tier);
        PreparedKey pk;
        pk.tier = static_cast<std::uint32_t>(it - plan->tierNames.begin());
        if (it == plan->tierNames.end())
            plan->tierNames.push_back(tier);
        if (!k.secret.empty()) {
            pk.headerLine = settings.keyHeader + ": ";
            if (beast::iequals(settings.keyHeader, "Authorization"))
                pk.headerLine += "Bearer ";
            pk.headerLine += k.secret + "\r\n";
        }
        plan->keys.push_back(std::move(pk));
    }
    if (plan->tierNames.empty())
        plan->tierNames.push_back(kNoKeyTier);
    std::vector<double> keyWeights;
    for (const auto& k : settings.keys)
        keyWeights.push_back(k.weight);
    plan->keyPick = WeightedPick(keyWeights);

    std::vector<double> weights;
    for (const auto& t : mix) {
        PreparedTarget p;
        p.target = t;
        p.head = t.method == "HEAD";
        std::string why;
        auto compile = [&](Template& tpl, const std::string& text) {
            if (!tpl.compile(text, slots, &why)) {
                *error = t.label() + ": " + why;
                return false;
            }
            p.isStatic = p.isStatic && tpl.isStatic();
            return true;
        };
        if (!compile(p.path, t.path) || !compile(p.body, t.body))
            return false;
        for (const auto& [name, value] : t.params) {
            p.params.emplace_back(name, Template());
            if (!compile(p.params.back().second, value))
                return false;
        }
        for (const auto& [name, value] : t.headers) {
            p.headers.emplace_back(name, Template());
            if (!compile(p.headers.back().second, value))
                return false;
        }
        weights.push_back(t.weight);
        plan->targets.push_back(std::move(p));
    }
    plan->targetPick = WeightedPick(weights);
    // Static requests are made once per key and sent from memory; a big
    // pool of many routes renders per request instead of using the memory.
    const std::size_t variants = std::max<std::size_t>(1, plan->keys.size());
    if (variants * plan->targets.size() <= 65536) {
        for (auto& t : plan->targets) {
            if (!t.isStatic)
                continue;
            t.perKey.resize(variants);
            for (std::size_t k = 0; k < variants; ++k)
                plan->render(t, k, 0, &t.perKey[k]);
        }
    }
    return true;
}

/// One connection and the request on it.
struct Conn {
    tcp::socket socket;
    std::optional<asio::ssl::stream<tcp::socket&>> tls; ///< https: over socket
    beast::flat_buffer buffer;
    std::optional<ResponseParser> parser;
    std::uint64_t generation = 0; ///< bumped on close: stale handlers see a different one
    enum class State { Closed, Connecting, Idle, Busy, Waiting } state = State::Closed;
    Clock::time_point origin; ///< latency counts from here (due time when open)
    Clock::time_point sentAt; ///< for the timeout
    bool measured = false;
    std::uint32_t target = 0;
    std::uint32_t key = 0;
    const std::string* request = nullptr;
    std::string owned;
    std::size_t bytesIn = 0;
    asio::steady_timer backoff;

    explicit Conn(asio::io_context& io)
        : socket(io)
        , backoff(io)
    {
    }
};

struct Shared;

/// One generator thread: its io_context, its connections, its tallies.
struct Worker {
    Shared* shared = nullptr;
    int index = 0;
    // Only this worker's thread touches its sockets and timers: the
    // reactor's per-descriptor locks are not needed.
    asio::io_context io { BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO };
    std::vector<std::unique_ptr<Conn>> conns;
    std::vector<Conn*> idle; ///< open model: connections free for the next due request
    asio::steady_timer ticker { io };
    asio::steady_timer dueTimer { io };
    bool dueArmed = false;
    std::uint64_t random = 0;

    // Open-model schedule: this worker sends the requests with global index
    // ≡ index (mod threads); nextIndex is its next one.
    std::uint64_t nextIndex = 0;
    Clock::time_point nextDue;

    bool issuing = true;
    bool closing = false;
    Clock::time_point drainDeadline = Clock::time_point::max();
    int activeConns = 0; ///< closed model: connections let loose so far (ramp-up)
    int busy = 0;

    Tally total;
    std::vector<Tally> tiers;
    std::vector<Tally> routes;
    std::uint64_t warmupRequests = 0;
    std::uint64_t missed = 0;
    Clock::time_point lastMeasuredEnd {};

    std::int64_t currentSecond = 0;
    LoadSecond second;

    void start();
    void tick();
    void launch(Conn* c);
    void sendNext(Conn* c, Clock::time_point origin);
    void write(Conn* c);
    void read(Conn* c);
    void readSome(Conn* c);
    void handshake(Conn* c);
    void onRead(Conn* c, std::uint64_t gen, error_code ec, std::size_t n);
    void complete(Conn* c);
    void fail(Conn* c, LoadErrorKind kind);
    void close(Conn* c);
    void afterRequest(Conn* c);
    void dispatch();
    void armDue();
    void flushSecond(std::int64_t upTo);
    void stopIssuing(Clock::time_point now);
    void maybeFinish();
    Clock::time_point dueTime(std::uint64_t request) const;
};

/// What the workers and the owner share.
struct Shared {
    Plan plan;
    std::vector<tcp::endpoint> endpoints;
    Clock::time_point t0;
    Clock::time_point measureStart;
    Clock::time_point measureEnd; ///< max() in count mode
    std::atomic<std::uint64_t> measuredIssued { 0 };
    std::atomic<bool> stopRequested { false };
    std::atomic<bool> countReached { false };

    std::atomic<int> openConnections { 0 }; ///< for progress(), relaxed

    mutable std::mutex timelineMutex;
    std::vector<LoadSecond> timeline;
    std::vector<std::int64_t> flushedUpTo; ///< per worker: seconds below this are in timeline
};

// ---------------------------------------------------------------------------

Clock::time_point Worker::dueTime(std::uint64_t request) const
{
    // Request n (counted over all threads) is due when the cumulative number
    // of requests reaches n: R·t²/(2U) while the rate ramps up over U
    // seconds, R·(t − U/2) after.
    const auto& s = shared->plan.settings;
    const double n = double(request) * s.threads + index;
    const double r = s.rate;
    const double u = s.rampUpSeconds;
    double t = 0;
    if (u > 0 && n < r * u / 2)
        t = std::sqrt(2 * u * n / r);
    else
        t = n / r + u / 2;
    return shared->t0
        + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(t));
}

void Worker::start()
{
    const auto& s = shared->plan.settings;
    tiers.resize(shared->plan.tierNames.size());
    routes.resize(shared->plan.targets.size());
    random = s.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(index) + 1;
    const int mine = s.connections / s.threads + (index < s.connections % s.threads ? 1 : 0);
    for (int i = 0; i < mine; ++i) {
        conns.push_back(std::make_unique<Conn>(io));
    }
    if (s.model == LoadModel::Open) {
        for (auto it = conns.rbegin(); it != conns.rend(); ++it)
            idle.push_back(it->get());
        nextDue = dueTime(0);
        dispatch();
    }
    tick();
}

void Worker::tick()
{
    const auto& s = shared->plan.settings;
    const auto now = Clock::now();
    if (issuing) {
        if (shared->stopRequested.load(std::memory_order_relaxed)) {
            stopIssuing(now);
            drainDeadline = now + kStopGrace;
        } else if (now >= shared->measureEnd
            || shared->countReached.load(std::memory_order_relaxed)) {
            stopIssuing(now);
        }
    }
    // Closed model: connection g (over all threads) joins at g·U/N.
    if (issuing && s.model == LoadModel::Closed) {
        const double elapsed = std::chrono::duration<double>(now - shared->t0).count();
        while (activeConns < static_cast<int>(conns.size())) {
            const double g = double(activeConns) * s.threads + index;
            if (s.rampUpSeconds > 0 && g * s.rampUpSeconds / s.connections > elapsed)
                break;
            launch(conns[static_cast<std::size_t>(activeConns++)].get());
        }
    }
    // Timeouts, and what is left in flight after a stop's grace period.
    const auto timeout = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(s.timeoutSeconds));
    for (auto& owned : conns) {
        Conn* c = owned.get();
        if (c->state != Conn::State::Connecting && c->state != Conn::State::Busy)
            continue;
        if (now >= drainDeadline) {
            close(c);
            --busy;
        } else if (now - c->sentAt >= timeout) {
            fail(c,
                c->state == Conn::State::Connecting ? LoadErrorKind::Connect
                                                    : LoadErrorKind::Timeout);
        }
    }
    flushSecond(std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count());
    maybeFinish();
    if (closing)
        return;
    ticker.expires_after(kTick);
    ticker.async_wait([this](error_code ec) {
        if (!ec)
            tick();
    });
}

void Worker::launch(Conn* c)
{
    if (issuing)
        sendNext(c, Clock::now());
    if (!issuing)
        maybeFinish();
}

void Worker::sendNext(Conn* c, Clock::time_point origin)
{
    const auto& plan = shared->plan;
    const bool measured = origin >= shared->measureStart;
    if (measured && plan.settings.requestCount > 0) {
        if (shared->measuredIssued.fetch_add(1, std::memory_order_relaxed)
            >= plan.settings.requestCount) {
            shared->countReached.store(true, std::memory_order_relaxed);
            stopIssuing(Clock::now());
            return;
        }
    }
    c->target = plan.targetPick.pick(splitmix(random));
    c->key = plan.keys.empty() ? 0 : plan.keyPick.pick(splitmix(random));
    const auto& t = plan.targets[c->target];
    if (!t.perKey.empty()) {
        c->request = &t.perKey[plan.keys.empty() ? 0 : c->key];
    } else {
        plan.render(t, plan.keys.empty() ? plan.keys.size() : c->key, index, &c->owned);
        c->request = &c->owned;
    }
    c->origin = origin;
    c->measured = measured;
    ++busy;
    c->sentAt = Clock::now();
    if (c->state == Conn::State::Idle) {
        c->state = Conn::State::Busy;
        write(c);
        return;
    }
    c->state = Conn::State::Connecting;
    const auto gen = c->generation;
    asio::async_connect(
        c->socket, shared->endpoints, [this, c, gen](error_code ec, const tcp::endpoint&) {
            if (gen != c->generation)
                return;
            if (ec) {
                fail(c, LoadErrorKind::Connect);
                return;
            }
            error_code ignored;
            c->socket.set_option(tcp::no_delay(true), ignored);
            c->socket.non_blocking(true, ignored);
            if (shared->plan.tls) {
                handshake(c);
                return;
            }
            shared->openConnections.fetch_add(1, std::memory_order_relaxed);
            c->state = Conn::State::Busy;
            write(c);
        });
}

void Worker::handshake(Conn* c)
{
    const auto& plan = shared->plan;
    c->tls.emplace(c->socket, *plan.tls);
    // SNI, and the name the certificate must carry.
    SSL_set_tlsext_host_name(c->tls->native_handle(), plan.url.host.c_str());
    if (plan.settings.verifyTls)
        c->tls->set_verify_callback(asio::ssl::host_name_verification(plan.url.host));
    const auto gen = c->generation;
    c->tls->async_handshake(asio::ssl::stream_base::client, [this, c, gen](error_code ec) {
        if (gen != c->generation)
            return;
        if (ec) {
            fail(c, LoadErrorKind::Connect);
            return;
        }
        shared->openConnections.fetch_add(1, std::memory_order_relaxed);
        c->state = Conn::State::Busy;
        write(c);
    });
}

void Worker::write(Conn* c)
{
    // A request almost always fits the socket buffer: send it now, from this
    // handler, and go straight to reading. Only what does not fit waits for
    // the socket to drain.
    const std::string& text = *c->request;
    const auto gen = c->generation;
    if (c->tls) {
        asio::async_write(*c->tls, asio::buffer(text), [this, c, gen](error_code e, std::size_t) {
            if (gen != c->generation)
                return;
            if (e) {
                fail(c, LoadErrorKind::Reset);
                return;
            }
            read(c);
        });
        return;
    }
    error_code ec;
    const std::size_t sent = c->socket.write_some(asio::buffer(text), ec);
    if (!ec && sent == text.size()) {
        read(c);
        return;
    }
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) {
        fail(c, LoadErrorKind::Reset);
        return;
    }
    const std::size_t done = ec ? 0 : sent;
    asio::async_write(c->socket, asio::buffer(text.data() + done, text.size() - done),
        [this, c, gen](error_code e, std::size_t) {
            if (gen != c->generation)
                return;
            if (e) {
                fail(c, LoadErrorKind::Reset);
                return;
            }
            read(c);
        });
}

void Worker::read(Conn* c)
{
    c->parser.emplace();
    if (shared->plan.targets[c->target].head)
        c->parser->skip(true);
    c->bytesIn = 0;
    if (c->buffer.size() > 0) { // the server sent more than one answer ahead
        onRead(c, c->generation, {}, 0);
        return;
    }
    readSome(c);
}

void Worker::readSome(Conn* c)
{
    const auto gen = c->generation;
    auto handler = [this, c, gen](error_code ec, std::size_t n) { onRead(c, gen, ec, n); };
    if (c->tls)
        c->tls->async_read_some(c->buffer.prepare(16 * 1024), std::move(handler));
    else
        c->socket.async_read_some(c->buffer.prepare(16 * 1024), std::move(handler));
}

void Worker::onRead(Conn* c, std::uint64_t gen, error_code ec, std::size_t n)
{
    if (gen != c->generation)
        return;
    if (ec) {
        // A TLS peer that closes without close_notify: the same as EOF.
        const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
        if (eof && c->parser->got_some()) {
            // An answer without a length ends when the connection does.
            error_code eofEc;
            c->parser->put_eof(eofEc);
            if (!eofEc && c->parser->is_done()) {
                complete(c);
                return;
            }
        }
        fail(c, LoadErrorKind::Reset);
        return;
    }
    c->buffer.commit(n);
    c->bytesIn += n;
    while (c->buffer.size() > 0) {
        error_code pe;
        const auto used = c->parser->put(c->buffer.data(), pe);
        c->buffer.consume(used);
        if (pe == http::error::need_more)
            break;
        if (pe) {
            fail(c, LoadErrorKind::Protocol);
            return;
        }
        if (c->parser->is_done()) {
            c->bytesIn -= c->buffer.size(); // what is left belongs to the next answer
            complete(c);
            return;
        }
        if (used == 0)
            break;
    }
    readSome(c);
}

void Worker::complete(Conn* c)
{
    const auto now = Clock::now();
    const auto micros = static_cast<std::uint64_t>(std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::microseconds>(now - c->origin).count()));
    const int status = c->parser->status;
    const bool keepAlive = c->parser->keep_alive();
    const std::uint64_t out = c->request->size();
    if (c->measured) {
        total.answer(status, micros, out, c->bytesIn);
        tiers[shared->plan.keys.empty() ? 0 : shared->plan.keys[c->key].tier].answer(
            status, micros, out, c->bytesIn);
        routes[c->target].answer(status, micros, out, c->bytesIn);
        lastMeasuredEnd = now;
    } else {
        ++warmupRequests;
    }
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    ++second.requests;
    if (status >= 100 && status < 600)
        ++second.classes[static_cast<std::size_t>(status / 100)];
    second.latency.record(micros);
    --busy;
    if (keepAlive) {
        c->state = Conn::State::Idle;
    } else {
        close(c);
    }
    afterRequest(c);
}

void Worker::fail(Conn* c, LoadErrorKind kind)
{
    const auto k = static_cast<std::size_t>(kind);
    if (c->measured) {
        ++total.errors[k];
        ++tiers[shared->plan.keys.empty() ? 0 : shared->plan.keys[c->key].tier].errors[k];
        ++routes[c->target].errors[k];
        lastMeasuredEnd = Clock::now();
    }
    const auto s
        = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - shared->t0).count();
    if (s > currentSecond)
        flushSecond(s);
    ++second.errors;
    --busy;
    close(c);
    if (kind == LoadErrorKind::Connect && shared->plan.settings.model == LoadModel::Closed
        && issuing) {
        // Refused connections fail at once: wait a little before the next
        // attempt instead of spinning on them.
        c->state = Conn::State::Waiting;
        c->backoff.expires_after(kConnectBackoff);
        const auto gen = c->generation;
        c->backoff.async_wait([this, c, gen](error_code ec) {
            if (ec || gen != c->generation)
                return;
            c->state = Conn::State::Closed;
            afterRequest(c);
        });
        return;
    }
    afterRequest(c);
}

void Worker::close(Conn* c)
{
    // The TLS stream stays until the next handshake replaces it: operations
    // cancelled by the close below still run through it once more.
    ++c->generation;
    if (c->socket.is_open()) {
        if (c->state != Conn::State::Connecting)
            shared->openConnections.fetch_sub(1, std::memory_order_relaxed);
        error_code ignored;
        c->socket.close(ignored);
    }
    c->buffer.clear();
    c->state = Conn::State::Closed;
}

void Worker::afterRequest(Conn* c)
{
    if (!issuing) {
        maybeFinish();
        return;
    }
    if (shared->plan.settings.model == LoadModel::Closed) {
        // The next request goes out after the answers already received are
        // handled, as wrk does: the time a connection waits behind others in
        // this batch is spent before its request is sent, not inside its
        // measured latency.
        launch(c);
        return;
    }
    idle.push_back(c);
    dispatch();
}

void Worker::dispatch()
{
    const auto now = Clock::now();
    if (issuing && now >= shared->measureEnd)
        stopIssuing(now);
    while (issuing && !idle.empty() && nextDue <= now) {
        if (nextDue >= shared->measureEnd) {
            stopIssuing(now);
            break;
        }
        Conn* c = idle.back();
        idle.pop_back();
        sendNext(c, nextDue);
        if (!issuing) { // the count was reached: this one was not sent
            idle.push_back(c);
            break;
        }
        nextDue = dueTime(++nextIndex);
    }
    if (issuing && !idle.empty())
        armDue();
    if (!issuing)
        maybeFinish();
}

void Worker::armDue()
{
    if (dueArmed)
        return;
    dueArmed = true;
    dueTimer.expires_at(nextDue);
    dueTimer.async_wait([this](error_code ec) {
        dueArmed = false;
        if (!ec)
            dispatch();
    });
}

void Worker::stopIssuing(Clock::time_point now)
{
    if (!issuing)
        return;
    issuing = false;
    const auto& s = shared->plan.settings;
    // Open model, natural end: what was due before the end but never sent
    // because every connection was busy.
    if (s.model == LoadModel::Open && !shared->stopRequested.load(std::memory_order_relaxed)
        && s.requestCount == 0) {
        const auto end = std::min(now, shared->measureEnd);
        while (nextDue < end) {
            if (nextDue >= shared->measureStart)
                ++missed;
            nextDue = dueTime(++nextIndex);
        }
    }
    dueTimer.cancel();
    drainDeadline = now
        + std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(s.timeoutSeconds))
        + kTick * 2;
    for (auto& c : conns) {
        if (c->state == Conn::State::Waiting) {
            c->backoff.cancel();
            ++c->generation;
            c->state = Conn::State::Closed;
        }
    }
}

void Worker::maybeFinish()
{
    if (issuing || busy > 0 || closing)
        return;
    closing = true;
    flushSecond(std::numeric_limits<std::int64_t>::max());
    for (auto& c : conns) {
        if (c->state != Conn::State::Closed)
            close(c.get());
        c->backoff.cancel();
    }
    ticker.cancel();
    dueTimer.cancel();
}

void Worker::flushSecond(std::int64_t upTo)
{
    if (upTo <= currentSecond)
        return;
    std::lock_guard lock(shared->timelineMutex);
    if (second.requests > 0 || second.errors > 0) {
        const auto at = static_cast<std::size_t>(currentSecond);
        if (shared->timeline.size() <= at)
            shared->timeline.resize(at + 1);
        auto& into = shared->timeline[at];
        into.requests += second.requests;
        into.errors += second.errors;
        for (std::size_t i = 0; i < into.classes.size(); ++i)
            into.classes[i] += second.classes[i];
        into.latency.merge(second.latency);
    }
    shared->flushedUpTo[static_cast<std::size_t>(index)] = upTo;
    second.requests = 0;
    second.errors = 0;
    second.classes = {};
    second.latency.clear();
    currentSecond = upTo;
}

} // namespace

// ---------------------------------------------------------------------------

struct LoadRunner::Run {
    LoadSettings settings;
    Shared shared;
    std::vector<std::unique_ptr<Worker>> workers;
    std::thread control;
    mutable std::mutex mutex;
    std::condition_variable cv;
    bool started = false;
    bool running = false; ///< workers exist (timeline readable)
    bool done = false;
    std::atomic<bool> draining { false };
    Clock::time_point startClock;
    Clock::time_point stopClock {};
    std::chrono::system_clock::time_point startedAt;
    std::function<void()> onFinished;
    LoadReport report;

    void execute();
    void finish(LoadReport r);
};

LoadRunner::LoadRunner(LoadSettings settings)
    : m_run(std::make_shared<Run>())
{
    m_run->settings = std::move(settings);
}

LoadRunner::~LoadRunner()
{
    stop();
    if (m_run->control.joinable())
        m_run->control.join();
}

bool LoadRunner::start(std::string* error)
{
    {
        std::lock_guard lock(m_run->mutex);
        if (m_run->started) {
            if (error)
                *error = "This run has already been started.";
            return false;
        }
    }
    const auto problems = validateLoadSettings(m_run->settings);
    if (!problems.empty()) {
        if (error) {
            error->clear();
            for (const auto& p : problems)
                *error += (error->empty() ? "" : "\n") + p;
        }
        return false;
    }
    LoadSettings s = m_run->settings;
    s.threads = std::min(s.threads, s.connections);
    std::string why;
    if (!preparePlan(s, &m_run->shared.plan, &why)) {
        if (error)
            *error = why;
        return false;
    }
    {
        std::lock_guard lock(m_run->mutex);
        m_run->started = true;
    }
    m_run->onFinished = onFinished;
    m_run->startClock = Clock::now();
    m_run->startedAt = std::chrono::system_clock::now();
    m_run->control = std::thread([run = m_run.get()] { run->execute(); });
    return true;
}

void LoadRunner::Run::execute()
{
    LoadReport r;
    r.settings = settings;
    for (auto& k : r.settings.keys)
        k.secret.clear();
    r.startedAt = formatUtcTime(std::chrono::system_clock::to_time_t(startedAt));
    const auto& plan = shared.plan;
    // Resolve here, off the caller's thread: a name can take seconds.
    {
        asio::io_context io;
        tcp::resolver resolver(io);
        error_code ec;
        const auto results = resolver.resolve(plan.url.host, std::to_string(plan.url.port), ec);
        if (ec || results.empty()) {
            r.problem
                = "Cannot resolve " + plan.url.host + ": " + (ec ? ec.message() : "no address");
            r.total.errors[static_cast<std::size_t>(LoadErrorKind::Connect)] = 1;
            finish(std::move(r));
            return;
        }
        for (const auto& e : results)
            shared.endpoints.push_back(e.endpoint());
        const auto& first = shared.endpoints.front();
        const auto address = first.address();
        r.target = (first.address().is_v6() ? "[" + address.to_string() + "]" : address.to_string())
            + ":" + std::to_string(first.port());
        if (address.is_loopback())
            r.target += " (loopback, this machine)";
        else if (plan.url.host != address.to_string())
            r.target += " (" + plan.url.host + ", not loopback)";
        else
            r.target += " (not loopback)";
    }
    const auto& s = plan.settings;
    auto seconds = [](double v) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(v));
    };
    shared.t0 = Clock::now();
    shared.measureStart = shared.t0 + seconds(s.warmupSeconds);
    shared.measureEnd = s.requestCount > 0 ? Clock::time_point::max()
                                           : shared.measureStart + seconds(s.durationSeconds);
    shared.flushedUpTo.assign(static_cast<std::size_t>(s.threads), 0);
    for (int i = 0; i < s.threads; ++i) {
        auto w = std::make_unique<Worker>();
        w->shared = &shared;
        w->index = i;
        workers.push_back(std::move(w));
    }
    {
        std::lock_guard lock(mutex);
        running = true;
    }
    std::vector<std::thread> threads;
    for (auto& w : workers) {
        threads.emplace_back([w = w.get()] {
            w->start();
            w->io.run();
        });
    }
    for (auto& t : threads)
        t.join();

    // Results.
    const bool stopped = shared.stopRequested.load();
    Clock::time_point stopClockCopy;
    {
        std::lock_guard lock(mutex);
        stopClockCopy = stopClock;
    }
    r.tiers.resize(plan.tierNames.size());
    for (std::size_t i = 0; i < plan.tierNames.size(); ++i)
        r.tiers[i].name = plan.tierNames[i];
    r.routes.resize(plan.targets.size());
    for (std::size_t i = 0; i < plan.targets.size(); ++i)
        r.routes[i].name = plan.targets[i].target.label();
    Clock::time_point lastEnd = shared.measureStart;
    for (const auto& w : workers) {
        r.total.merge(w->total.counts());
        for (std::size_t i = 0; i < w->tiers.size(); ++i)
            r.tiers[i].counts.merge(w->tiers[i].counts());
        for (std::size_t i = 0; i < w->routes.size(); ++i)
            r.routes[i].counts.merge(w->routes[i].counts());
        r.warmupRequests += w->warmupRequests;
        r.missed += w->missed;
        lastEnd = std::max(lastEnd, w->lastMeasuredEnd);
    }
    if (s.requestCount > 0) {
        r.measuredSeconds = std::chrono::duration<double>(lastEnd - shared.measureStart).count();
    } else if (stopped) {
        const auto end = std::min(stopClockCopy, shared.measureEnd);
        r.measuredSeconds
            = std::max(0.0, std::chrono::duration<double>(end - shared.measureStart).count());
    } else {
        r.measuredSeconds = s.durationSeconds;
    }
    r.stopped = stopped;
    {
        std::lock_guard lock(shared.timelineMutex);
        r.timeline = shared.timeline;
    }
    for (std::size_t i = 0; i < r.timeline.size(); ++i) {
        r.timeline[i].second = static_cast<std::int64_t>(i);
        r.timeline[i].warmup = double(i) < s.warmupSeconds;
    }
    if (r.total.requests == 0 && r.total.errorTotal() > 0 && r.problem.empty())
        r.problem = "No request was answered.";
    finish(std::move(r));
}

void LoadRunner::Run::finish(LoadReport r)
{
    std::function<void()> callback;
    {
        std::lock_guard lock(mutex);
        report = std::move(r);
        done = true;
        callback = onFinished;
    }
    cv.notify_all();
    if (callback)
        callback();
}

void LoadRunner::stop()
{
    std::lock_guard lock(m_run->mutex);
    if (m_run->shared.stopRequested.exchange(true))
        return;
    m_run->stopClock = Clock::now();
}

bool LoadRunner::finished() const
{
    std::lock_guard lock(m_run->mutex);
    return m_run->done;
}

void LoadRunner::wait()
{
    std::unique_lock lock(m_run->mutex);
    if (!m_run->started)
        return;
    m_run->cv.wait(lock, [&] { return m_run->done; });
}

namespace {

/// The seconds in [from, to) of a timeline, absent ones as zeros (the live
/// views want a point per second).
std::vector<LoadSecond> secondsBetween(const std::vector<LoadSecond>& timeline, std::int64_t from,
    std::int64_t to, double warmupSeconds)
{
    std::vector<LoadSecond> out;
    for (std::int64_t i = std::max<std::int64_t>(0, from); i < to; ++i) {
        if (i < static_cast<std::int64_t>(timeline.size()))
            out.push_back(timeline[static_cast<std::size_t>(i)]);
        else
            out.emplace_back();
        out.back().second = i;
        out.back().warmup = double(i) < warmupSeconds;
    }
    return out;
}

} // namespace

LoadProgress LoadRunner::progress(std::int64_t fromSecond) const
{
    LoadProgress p;
    std::lock_guard lock(m_run->mutex);
    const double warmup = m_run->settings.warmupSeconds;
    if (m_run->done) {
        const auto& r = m_run->report;
        p.phase = LoadProgress::Phase::Finished;
        p.requests = r.total.requests + r.warmupRequests;
        p.errors = 0;
        for (const auto& second : r.timeline)
            p.errors += second.errors;
        p.elapsedSeconds = double(r.timeline.size());
        p.seconds = secondsBetween(
            r.timeline, fromSecond, static_cast<std::int64_t>(r.timeline.size()), warmup);
        return p;
    }
    if (!m_run->running)
        return p;
    const auto& shared = m_run->shared;
    const auto now = Clock::now();
    p.elapsedSeconds = std::chrono::duration<double>(now - shared.t0).count();
    if (shared.stopRequested.load(std::memory_order_relaxed) || now >= shared.measureEnd
        || shared.countReached.load(std::memory_order_relaxed))
        p.phase = LoadProgress::Phase::Draining;
    else if (now < shared.measureStart)
        p.phase = LoadProgress::Phase::WarmingUp;
    else
        p.phase = LoadProgress::Phase::Measuring;
    p.openConnections = shared.openConnections.load(std::memory_order_relaxed);
    std::lock_guard timelineLock(shared.timelineMutex);
    // A second is complete once every worker has moved past it.
    std::int64_t closed = std::numeric_limits<std::int64_t>::max();
    for (auto f : shared.flushedUpTo)
        closed = std::min(closed, f);
    closed = std::min(closed, static_cast<std::int64_t>(p.elapsedSeconds));
    for (const auto& second : shared.timeline) {
        p.requests += second.requests;
        p.errors += second.errors;
    }
    p.seconds = secondsBetween(shared.timeline, fromSecond, closed, warmup);
    return p;
}

LoadReport LoadRunner::report() const
{
    std::lock_guard lock(m_run->mutex);
    return m_run->done ? m_run->report : LoadReport {};
}

} // namespace tollgate::server
