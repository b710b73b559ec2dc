#include "server/access/redislimiter.h"

#include "server/access/redisprotocol.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/url/parse.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using Done = std::function<void(const SharedLimitDecision&)>;

// One decision, atomically. KEYS[1] = rate key, KEYS[2] = quota key ('' = none).
// ARGV = emissionUs, toleranceUs, quota, block (1/0), quotaTtlSeconds, nowUs (0 = TIME).
// Returns {outcome, remaining, retryAfterUs, resetUs, quotaUsed, overage}.
//
// Why it looks like this:
// - The quota is checked before the GCRA step and counted after it, so a request
//   refused for its quota does not use up the rate limit and a rate-limited one is
//   not billed.
// - The GCRA lines are gcraStep (server/ratelimit.cpp) in microseconds. Microseconds
//   since the epoch (~1.8e15) are exact in a Lua double (2^53 ~ 9e15); TAT is written
//   with %.0f because tostring() would round it to 14 significant digits.
// - The TAT key expires once the TAT has passed (it then means the same as no key).
// - Redis before 5 refuses writes after TIME unless effects are replicated.
constexpr std::string_view kScript = R"lua(
if redis.replicate_commands then redis.replicate_commands() end
local T = tonumber(ARGV[1])
local tau = tonumber(ARGV[2])
local quota = tonumber(ARGV[3])
local block = ARGV[4] == '1'
local ttl = tonumber(ARGV[5])
local now = tonumber(ARGV[6])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local counted = KEYS[2] ~= ''
local used = 0
if counted then
  used = tonumber(redis.call('GET', KEYS[2]) or '0')
  if block and quota > 0 and used >= quota then
    return {2, 0, 0, 0, used, 0}
  end
end
local remaining, reset = 0, 0
if KEYS[1] ~= '' and T > 0 then
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  local nxt = math.max(tat, now) + T
  if nxt - now > tau then
    return {1, 0, nxt - tau - now, math.max(0, tat - now), used, 0}
  end
  redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.floor((nxt - now) / 1000) + 1)
  remaining = math.floor((tau - (nxt - now)) / T)
  reset = nxt - now
end
local overage = 0
if counted then
  used = redis.call('INCR', KEYS[2])
  if ttl > 0 and redis.call('TTL', KEYS[2]) < 0 then
    redis.call('EXPIRE', KEYS[2], ttl)
  end
  if quota > 0 and used > quota then
    overage = 1
  end
end
return {0, remaining, 0, reset, used, overage}
)lua";

std::string computeSha1Hex(std::string_view data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xf];
    }
    return out;
}

struct RedisEndpoint {
    std::string host;
    std::string port = "6379";
    std::int64_t db = 0;
    std::string user;
    std::string password;
};

bool parseRedisUrl(const std::string& text, RedisEndpoint* ep, std::string* error)
{
    auto fail = [&](const std::string& why) {
        if (error)
            *error = "invalid Redis URL \"" + text + "\": " + why
                + " (expected redis://[[user]:password@]host[:port][/db])";
        return false;
    };
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed)
        return fail("not a URL");
    const boost::urls::url_view u = *parsed;
    if (u.scheme() == "rediss")
        return fail("TLS (rediss://) is not supported");
    if (u.scheme() != "redis")
        return fail("the scheme must be redis://");
    if (!u.has_authority() || u.host_address().empty())
        return fail("no host");
    ep->host = u.host_address();
    if (u.has_port()) {
        const std::string_view p = u.port();
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
        if (p.empty() || ec != std::errc() || end != p.data() + p.size() || port == 0
            || port > 65535)
            return fail("the port must be 1-65535");
        ep->port = std::to_string(port);
    }
    if (u.has_userinfo()) {
        ep->user = u.user();
        if (u.has_password())
            ep->password = u.password();
        else if (!ep->user.empty()) {
            // "redis://secret@host" is how some tools spell a password alone.
            ep->password = std::move(ep->user);
            ep->user.clear();
        }
    }
    const std::string_view path = u.encoded_path();
    if (!path.empty() && path != "/") {
        const std::string_view digits = path.substr(1);
        const auto [end, ec]
            = std::from_chars(digits.data(), digits.data() + digits.size(), ep->db);
        if (path[0] != '/' || digits.empty() || ec != std::errc()
            || end != digits.data() + digits.size() || ep->db < 0)
            return fail("the path must be a database number");
    }
    if (u.has_query() || u.has_fragment())
        return fail("query and fragment are not supported");
    return true;
}

SharedLimitDecision unavailable()
{
    return {};
}

bool toDecision(const RedisReply& v, SharedLimitDecision* d)
{
    if (v.type != RedisReply::Type::Array || v.elements.size() < 6)
        return false;
    for (std::size_t i = 0; i < 6; ++i) {
        if (v.elements[i].type != RedisReply::Type::Integer)
            return false;
    }
    const std::int64_t outcome = v.elements[0].integer;
    if (outcome < SharedLimitDecision::Admitted || outcome > SharedLimitDecision::QuotaExhausted)
        return false;
    d->available = true;
    d->outcome = static_cast<int>(outcome);
    d->remaining = v.elements[1].integer;
    d->retryAfterUs = v.elements[2].integer;
    d->resetUs = v.elements[3].integer;
    d->quotaUsed = v.elements[4].integer;
    d->overage = v.elements[5].integer != 0;
    return true;
}

} // namespace

std::string_view redisLimitScript()
{
    return kScript;
}

// Everything below runs on m_strand; the public entry points only post to it.
// Every async handler holds a shared_ptr to the Impl, and every connection's
// handlers also hold that connection, so a handler that runs after a reconnect
// or after close() finds `conn != m_conn` and does nothing.
class RedisLimiter::Impl : public std::enable_shared_from_this<RedisLimiter::Impl> {
public:
    using Strand = asio::strand<asio::io_context::executor_type>;

    Impl(asio::io_context& ioc, RedisEndpoint ep, RedisLimiterOptions options)
        : m_strand(asio::make_strand(ioc))
        , m_resolver(m_strand)
        , m_timer(m_strand)
        , m_retryTimer(m_strand)
        , m_ep(std::move(ep))
        , m_opt(options)
        , m_backoff(options.backoffMin)
        , m_sha(RedisLimiter::scriptSha1())
    {
    }

    void start()
    {
        asio::post(m_strand, [self = shared_from_this()] { self->connect(); });
    }

    void decide(SharedLimitRequest req, Done done)
    {
        asio::post(m_strand,
            [self = shared_from_this(), req = std::move(req), done = std::move(done)]() mutable {
                self->onDecide(std::move(req), std::move(done));
            });
    }

    void close()
    {
        asio::post(m_strand, [self = shared_from_this()] { self->onClose(); });
    }

    bool connected() const { return m_connected.load(std::memory_order_acquire); }

    std::string lastError() const
    {
        std::lock_guard lock(m_errorMutex);
        return m_lastError;
    }

private:
    enum class State { Idle, Connecting, Ready, Closed };
    enum class Kind { Auth, Select, ScriptLoad, Decision };

    struct Pending {
        Kind kind = Kind::Decision;
        Done done; ///< Decision only; empty once it has been completed by a timeout
        SharedLimitRequest req; ///< kept for the EVAL retry after NOSCRIPT
        SteadyClock::time_point sentAt;
        SteadyClock::time_point deadline;
        bool viaEval = false;
    };

    struct Waiting {
        SharedLimitRequest req;
        Done done;
        SteadyClock::time_point deadline;
    };

    struct Connection {
        explicit Connection(const Strand& strand)
            : socket(strand)
        {
        }
        tcp::socket socket;
        std::array<char, 16 * 1024> readBuffer {};
        std::string outbox; ///< commands not yet handed to the socket
        std::string writing; ///< the bytes of the write in flight
        bool writeInFlight = false;
        RedisReplyParser parser;
    };

    void setError(std::string why)
    {
        std::lock_guard lock(m_errorMutex);
        m_lastError = std::move(why);
    }

    void onDecide(SharedLimitRequest req, Done done)
    {
        const auto now = SteadyClock::now();
        if (m_state == State::Ready) {
            // A stalled connection would only make this decision wait out its
            // timeout too; answering now lets the fail policy act at once.
            if (m_stalled || m_pending.size() >= m_opt.maxInFlight)
                return done(unavailable());
            send(std::move(req), std::move(done), now + m_opt.decisionTimeout, false);
            return;
        }
        if (m_state == State::Connecting && m_waitWhileConnecting
            && m_waiting.size() < m_opt.maxInFlight) {
            const auto deadline = now + m_opt.decisionTimeout;
            m_waiting.push_back({ std::move(req), std::move(done), deadline });
            armTimer(deadline);
            return;
        }
        done(unavailable());
    }

    void onClose()
    {
        if (m_state == State::Closed)
            return;
        m_state = State::Closed;
        ++m_timerGeneration;
        m_timer.cancel();
        ++m_retryGeneration;
        m_retryTimer.cancel();
        m_resolver.cancel();
        dropConnection({});
    }

    void connect()
    {
        if (m_state == State::Closed)
            return;
        m_state = State::Connecting;
        auto conn = std::make_shared<Connection>(m_strand);
        m_conn = conn;
        auto self = shared_from_this();

        m_retryTimer.expires_after(m_opt.connectTimeout);
        m_retryTimer.async_wait(
            [self, conn, gen = ++m_retryGeneration](boost::system::error_code ec) {
                if (ec || gen != self->m_retryGeneration || conn != self->m_conn
                    || self->m_state != State::Connecting)
                    return;
                self->connectFailed("connecting to Redis at " + self->where() + " timed out");
            });

        m_resolver.async_resolve(m_ep.host, m_ep.port,
            [self, conn](boost::system::error_code ec, const tcp::resolver::results_type& results) {
                if (conn != self->m_conn)
                    return;
                if (ec)
                    return self->connectFailed(
                        "resolving " + self->m_ep.host + ": " + ec.message());
                asio::async_connect(conn->socket, results,
                    [self, conn](boost::system::error_code ec, const tcp::endpoint&) {
                        if (conn != self->m_conn)
                            return;
                        if (ec)
                            return self->connectFailed(
                                "connecting to Redis at " + self->where() + ": " + ec.message());
                        self->onConnected(conn);
                    });
            });
    }

    void onConnected(const std::shared_ptr<Connection>& conn)
    {
        boost::system::error_code ignored;
        conn->socket.set_option(tcp::no_delay(true), ignored);
        conn->socket.set_option(asio::socket_base::keep_alive(true), ignored);
        // The handshake is pipelined like everything else; decisions go out
        // only after SCRIPT LOAD answered, so EVALSHA normally just works.
        const auto now = SteadyClock::now();
        auto handshake = [&](Kind kind, const std::vector<std::string_view>& args) {
            appendRedisCommand(conn->outbox, args);
            Pending p;
            p.kind = kind;
            p.sentAt = now;
            p.deadline = now + m_opt.connectTimeout;
            m_pending.push_back(std::move(p));
        };
        if (!m_ep.password.empty()) {
            if (m_ep.user.empty())
                handshake(Kind::Auth, { "AUTH", m_ep.password });
            else
                handshake(Kind::Auth, { "AUTH", m_ep.user, m_ep.password });
        }
        const std::string db = std::to_string(m_ep.db);
        if (m_ep.db != 0)
            handshake(Kind::Select, { "SELECT", db });
        handshake(Kind::ScriptLoad, { "SCRIPT", "LOAD", kScript });
        startRead(conn);
        flush();
    }

    void onReady()
    {
        m_state = State::Ready;
        m_readySince = SteadyClock::now();
        m_connected.store(true, std::memory_order_release);
        m_backoff = m_opt.backoffMin;
        ++m_retryGeneration;
        m_retryTimer.cancel();
        auto waiting = std::move(m_waiting);
        m_waiting.clear();
        for (auto& w : waiting)
            send(std::move(w.req), std::move(w.done), w.deadline, false);
    }

    void send(SharedLimitRequest req, Done done, SteadyClock::time_point deadline, bool viaEval)
    {
        const std::string t = std::to_string(req.emissionUs);
        const std::string tau = std::to_string(req.toleranceUs);
        const std::string quota = std::to_string(req.quota);
        const std::string ttl = std::to_string(req.quotaTtlSeconds);
        const std::string now = std::to_string(req.nowUsOverride);
        appendRedisCommand(m_conn->outbox,
            { viaEval ? "EVAL" : "EVALSHA", viaEval ? kScript : std::string_view(m_sha), "2",
                req.rateKey, req.quotaKey, t, tau, quota, req.blockOverQuota ? "1" : "0", ttl,
                now });
        Pending p;
        p.kind = Kind::Decision;
        p.done = std::move(done);
        p.req = std::move(req);
        p.sentAt = SteadyClock::now();
        p.deadline = deadline;
        p.viaEval = viaEval;
        m_pending.push_back(std::move(p));
        armTimer(deadline);
        flush();
    }

    void flush()
    {
        const auto conn = m_conn;
        if (!conn || conn->writeInFlight || conn->outbox.empty())
            return;
        conn->writing.swap(conn->outbox);
        conn->outbox.clear();
        conn->writeInFlight = true;
        asio::async_write(conn->socket, asio::buffer(conn->writing),
            [self = shared_from_this(), conn](boost::system::error_code ec, std::size_t) {
                if (conn != self->m_conn)
                    return;
                conn->writeInFlight = false;
                conn->writing.clear();
                if (ec)
                    return self->dropConnection("writing to Redis: " + ec.message());
                self->flush();
            });
    }

    void startRead(const std::shared_ptr<Connection>& conn)
    {
        conn->socket.async_read_some(asio::buffer(conn->readBuffer),
            [self = shared_from_this(), conn](boost::system::error_code ec, std::size_t n) {
                if (conn != self->m_conn)
                    return;
                if (ec) {
                    return self->dropConnection(ec == asio::error::eof
                            ? std::string("Redis closed the connection")
                            : "reading from Redis: " + ec.message());
                }
                conn->parser.feed(conn->readBuffer.data(), n);
                for (;;) {
                    RedisReply v;
                    const auto status = conn->parser.next(&v);
                    if (status == RedisReplyParser::Status::Incomplete)
                        break;
                    if (status == RedisReplyParser::Status::Error)
                        return self->dropConnection(
                            "Redis protocol error: " + conn->parser.error());
                    self->onReply(std::move(v));
                    if (conn != self->m_conn)
                        return;
                }
                self->startRead(conn);
            });
    }

    void onReply(RedisReply v)
    {
        if (m_pending.empty())
            return dropConnection("Redis sent a reply nobody asked for");
        Pending p = std::move(m_pending.front());
        m_pending.pop_front();
        m_stalled = false;
        switch (p.kind) {
        case Kind::Auth:
            if (v.isError())
                connectFailed("Redis AUTH failed: " + v.text);
            return;
        case Kind::Select:
            if (v.isError())
                connectFailed("Redis SELECT " + std::to_string(m_ep.db) + " failed: " + v.text);
            return;
        case Kind::ScriptLoad:
            if (v.isError() || v.type != RedisReply::Type::BulkString)
                return connectFailed("Redis SCRIPT LOAD failed: " + v.text);
            // Redis names the script by its SHA-1; trust its name over ours.
            m_sha = v.text;
            return onReady();
        case Kind::Decision:
            break;
        }
        if (!p.done)
            return; // already completed by its timeout
        if (v.isError()) {
            // The script cache was flushed (SCRIPT FLUSH, failover to a replica
            // without it): EVAL sends the body and caches it again.
            if (!p.viaEval && v.text.rfind("NOSCRIPT", 0) == 0)
                return send(std::move(p.req), std::move(p.done), p.deadline, true);
            setError("Redis rate-limit script failed: " + v.text);
            return p.done(unavailable());
        }
        SharedLimitDecision d;
        if (!toDecision(v, &d)) {
            setError("Redis rate-limit script returned an unexpected reply");
            d = unavailable();
        }
        p.done(d);
    }

    // A connection attempt (or its handshake) failed.
    void connectFailed(std::string why) { dropConnection(std::move(why)); }

    // Drops the connection (if any), completes everything pending with
    // available = false and, unless closed, schedules the next attempt. When a
    // connection that worked for a while drops (Redis restarted, its idle
    // timeout) the next attempt starts at once and decisions wait for it,
    // since it usually succeeds. After a failed attempt, a hung server (`hung`)
    // or a connection that dropped right after it came up, the attempts back
    // off and decisions fail fast until one succeeds.
    void dropConnection(std::string why, bool hung = false)
    {
        if (!why.empty())
            setError(std::move(why));
        const bool reconnectAtOnce = m_state == State::Ready && !hung
            && SteadyClock::now() - m_readySince >= m_opt.backoffMin;
        if (auto conn = std::exchange(m_conn, nullptr)) {
            boost::system::error_code ignored;
            conn->socket.close(ignored);
        }
        m_resolver.cancel();
        m_connected.store(false, std::memory_order_release);
        m_stalled = false;
        auto pending = std::move(m_pending);
        m_pending.clear();
        auto waiting = std::move(m_waiting);
        m_waiting.clear();

        if (m_state != State::Closed) {
            m_waitWhileConnecting = reconnectAtOnce;
            if (reconnectAtOnce) {
                // Not through the timer: a decision arriving meanwhile must
                // already find the attempt running, and wait for it.
                connect();
            } else {
                m_state = State::Idle;
                scheduleConnect(m_backoff);
                m_backoff = std::min(m_backoff * 2, m_opt.backoffMax);
            }
        }

        for (auto& p : pending) {
            if (p.done)
                p.done(unavailable());
        }
        for (auto& w : waiting)
            w.done(unavailable());
    }

    void scheduleConnect(std::chrono::milliseconds delay)
    {
        m_retryTimer.expires_after(delay);
        m_retryTimer.async_wait(
            [self = shared_from_this(), gen = ++m_retryGeneration](boost::system::error_code ec) {
                if (ec || gen != self->m_retryGeneration || self->m_state != State::Idle)
                    return;
                self->connect();
            });
    }

    // One timer serves every deadline: it is armed for the earliest one and,
    // when it fires, completes what expired and re-arms for the next.
    void armTimer(SteadyClock::time_point at)
    {
        if (m_timerArmed && m_timerAt <= at)
            return;
        m_timerArmed = true;
        m_timerAt = at;
        m_timer.expires_at(at);
        m_timer.async_wait(
            [self = shared_from_this(), gen = ++m_timerGeneration](boost::system::error_code ec) {
                if (ec || gen != self->m_timerGeneration)
                    return;
                self->onTimer();
            });
    }

    void onTimer()
    {
        m_timerArmed = false;
        if (m_state == State::Closed)
            return;
        const auto now = SteadyClock::now();
        std::vector<Done> expired;
        for (auto it = m_waiting.begin(); it != m_waiting.end();) {
            if (it->deadline <= now) {
                expired.push_back(std::move(it->done));
                it = m_waiting.erase(it);
            } else {
                ++it;
            }
        }
        bool sentExpired = false;
        for (auto& p : m_pending) {
            if (p.kind == Kind::Decision && p.done && p.deadline <= now) {
                expired.push_back(std::move(p.done));
                p.done = nullptr;
                sentExpired = true;
            }
        }
        if (sentExpired && m_state == State::Ready) {
            m_stalled = true;
            setError("Redis did not answer within " + std::to_string(m_opt.decisionTimeout.count())
                + " ms");
        }
        // Timed-out decisions keep their place in m_pending, since their
        // replies still arrive in order; a connection whose oldest request is
        // unanswered for stallLimit is given up instead.
        const bool givenUp = m_state == State::Ready && !m_pending.empty()
            && m_pending.front().sentAt + m_opt.stallLimit <= now;

        for (auto& done : expired)
            done(unavailable());
        if (givenUp) {
            return dropConnection("Redis did not answer for "
                    + std::to_string(m_opt.stallLimit.count()) + " ms; reconnecting",
                true);
        }

        std::optional<SteadyClock::time_point> next;
        auto consider = [&](SteadyClock::time_point t) {
            if (!next || t < *next)
                next = t;
        };
        for (const auto& w : m_waiting)
            consider(w.deadline);
        for (const auto& p : m_pending) {
            if (p.kind == Kind::Decision && p.done)
                consider(p.deadline);
        }
        if (m_state == State::Ready && !m_pending.empty())
            consider(m_pending.front().sentAt + m_opt.stallLimit);
        if (next)
            armTimer(*next);
    }

    std::string where() const { return m_ep.host + ":" + m_ep.port; }

    Strand m_strand;
    tcp::resolver m_resolver;
    asio::steady_timer m_timer; ///< decision deadlines and the stall limit
    asio::steady_timer m_retryTimer; ///< backoff, then the connect timeout
    RedisEndpoint m_ep;
    RedisLimiterOptions m_opt;
    std::chrono::milliseconds m_backoff;
    std::string m_sha;

    State m_state = State::Connecting; ///< start() is already posted
    bool m_waitWhileConnecting = true;
    bool m_stalled = false;
    SteadyClock::time_point m_readySince;
    std::shared_ptr<Connection> m_conn;
    std::deque<Pending> m_pending; ///< sent, in the order Redis answers
    std::deque<Waiting> m_waiting; ///< before the first connection is up
    bool m_timerArmed = false;
    SteadyClock::time_point m_timerAt;
    std::uint64_t m_timerGeneration = 0;
    std::uint64_t m_retryGeneration = 0;

    std::atomic<bool> m_connected { false };
    mutable std::mutex m_errorMutex;
    std::string m_lastError;
};

std::unique_ptr<RedisLimiter> RedisLimiter::create(boost::asio::io_context& ioc,
    const std::string& url, std::string* error, RedisLimiterOptions options)
{
    RedisEndpoint ep;
    if (!parseRedisUrl(url, &ep, error))
        return nullptr;
    auto impl = std::make_shared<Impl>(ioc, std::move(ep), options);
    impl->start();
    return std::unique_ptr<RedisLimiter>(new RedisLimiter(std::move(impl)));
}

RedisLimiter::RedisLimiter(std::shared_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

RedisLimiter::~RedisLimiter()
{
    m_impl->close();
}

void RedisLimiter::decide(const SharedLimitRequest& req, Done done)
{
    if (done)
        m_impl->decide(req, std::move(done));
}

bool RedisLimiter::connected() const
{
    return m_impl->connected();
}

std::string RedisLimiter::lastError() const
{
    return m_impl->lastError();
}

void RedisLimiter::close()
{
    m_impl->close();
}

const std::string& RedisLimiter::scriptSha1()
{
    static const std::string sha = computeSha1Hex(kScript);
    return sha;
}

} // namespace tollgate::server
