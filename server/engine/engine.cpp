#include "server/engine/engine.h"

#include "server/access/accessgate.h"
#include "server/access/authfailures.h"
#include "server/access/redislimiter.h"
#include "server/common/files.h"
#include "server/http/connection.h"
#include "server/metering/metering.h"
#include "server/metering/requestlog.h"
#include "server/pipeline/requestflow.h"
#include "server/pipeline/snapshot.h"
#include "server/tls/tlscontext.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace tollgate::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::optional<std::string> environmentSecret(const std::string& name)
{
    const char* value = std::getenv(name.c_str());
    if (!value)
        return std::nullopt;
    return std::string(value);
}

/// One of the engine's threads: its event loop, the connections on it and
/// what their requests need of the thread (see ServeContext).
struct ServeThread {
    asio::io_context ioc { 1 };
    std::thread thread;
    ServeContext context { ioc };
    std::unique_ptr<RedisLimiter> redis; // with --redis: shared limits
    TrafficQueue traffic;
    std::shared_ptr<MeterQueue> meter; // null when metering is off
    std::shared_ptr<RequestLogBuffer> log; // null unless the JSON log is on
};

} // namespace

struct detail::EngineImpl {
    SnapshotPublisher snapshots;
    std::mutex controlMutex; // serialises apply/start/stop, never taken by workers
    Workspace workspace;
    int threadSlots = 1;
    // Before the threads: their connections give their slots back to it.
    ConnectionLimiter connections;
    WsHub wsHub; // the WebSocket sessions on every thread leave it as they end
    // HTTPS: the connections' TLS context (set before the threads start).
    std::shared_ptr<asio::ssl::context> tls;
    bool tlsWanted = false;

    std::vector<std::unique_ptr<ServeThread>> threads;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::atomic<std::size_t> nextThread { 0 };
    std::atomic<bool> running { false };
    std::atomic<bool> recordTraffic { true };
    std::atomic<std::uint16_t> boundPort { 0 };
    std::string boundAddress;
    bool loopbackBound = true;
    std::string version;

    std::atomic<std::uint64_t> served { 0 };
    std::atomic<std::uint64_t> accepted { 0 };

    std::shared_ptr<Metering> metering = std::make_shared<Metering>();
    std::shared_ptr<RequestJournal> journal; ///< this run's; null when off
    std::filesystem::path metricsDatabase;
    std::optional<MetricsRetention> retentionOverride; // from EngineOptions
    std::unique_ptr<RequestLog> requestLog;
    std::uint64_t logLinesDropped = 0; // by earlier runs' logs

    std::shared_ptr<Clock> clock = systemClock();
    std::shared_ptr<BreakerRegistry> breakers = std::make_shared<BreakerRegistry>(clock);
    std::shared_ptr<Recorder> recorder = std::make_shared<Recorder>();
    UpstreamSetup upstream { breakers.get(), environmentSecret, {}, recorder, false };
    std::unique_ptr<UsageStore> usage; // while running
    std::filesystem::path usageFile;
    std::string usageProblem;
    AuthFailures authFailures;
    std::unique_ptr<AccessGate> gate; // while running

    MetricsRetention retention() const
    {
        if (retentionOverride)
            return *retentionOverride;
        MetricsRetention r;
        r.minutesKeptFor = std::int64_t { workspace.server.metricsRetentionDays } * 86400;
        return r;
    }

    std::vector<Diagnostic> rebuild()
    {
        std::vector<Diagnostic> errors;
        const auto previous = snapshots.latest();
        connections.setLimit(workspace.server.limits.connectionsPerAddress);
        snapshots.publish(buildSnapshot(workspace, threadSlots, version,
            previous ? previous->keys.get() : nullptr, metering.get(), &errors, &upstream));
        return errors;
    }

    bool listen(const EngineOptions& options, std::string* error);
    void startMetering(const EngineOptions& options);
    bool startRequestLog(const EngineOptions& options, std::string* error);
    void doAccept();
};

void detail::EngineImpl::doAccept()
{
    if (!acceptor || !acceptor->is_open())
        return;
    ServeThread& target
        = *threads[nextThread.fetch_add(1, std::memory_order_relaxed) % threads.size()];
    acceptor->async_accept(
        target.ioc, [this, &target](boost::system::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                accepted.fetch_add(1, std::memory_order_relaxed);
                // Counted here, on the acceptor's thread; given back on the
                // connection's when it goes.
                boost::system::error_code peerError;
                const auto peer = socket.remote_endpoint(peerError);
                ConnectionSlot slot;
                if (!peerError)
                    slot = connections.tryAcquire(peer.address());
                const bool admitted = slot.held() || peerError;
                // The connection runs on its thread from here on.
                asio::post(target.ioc,
                    [this, &target, admitted, s = std::move(socket),
                        slot = std::move(slot)]() mutable {
                        auto c = std::make_shared<Connection>(std::move(s),
                            std::make_unique<RequestFlow>(target.context), &served, std::move(slot),
                            tls.get());
                        if (admitted)
                            c->start();
                        else
                            c->refuse();
                    });
                doAccept();
                return;
            }
            // Out of descriptors and the like: back off instead of spinning.
            auto timer = std::make_shared<asio::steady_timer>(
                threads[0]->ioc, std::chrono::milliseconds(50));
            timer->async_wait([this, timer](boost::system::error_code) { doAccept(); });
        });
}

bool detail::EngineImpl::listen(const EngineOptions& options, std::string* error)
{
    boost::system::error_code ec;
    std::string bindAddress = options.bind.empty() ? "127.0.0.1" : options.bind;
    if (bindAddress == "localhost")
        bindAddress = "127.0.0.1";
    const auto address = asio::ip::make_address(bindAddress, ec);
    if (ec) {
        if (error)
            *error = "invalid bind address \"" + options.bind + "\"";
        return false;
    }
    auto a = std::make_unique<tcp::acceptor>(threads[0]->ioc);
    const tcp::endpoint endpoint(address, options.port);
    a->open(endpoint.protocol(), ec);
    if (!ec)
        a->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        a->bind(endpoint, ec);
    if (!ec)
        a->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error)
            *error = "cannot listen on " + bindAddress + ":" + std::to_string(options.port) + ": "
                + ec.message();
        return false; // `a` belongs to thread 0's io_context and goes first
    }
    boundPort = a->local_endpoint().port();
    boundAddress = address.to_string();
    loopbackBound = address.is_loopback();
    acceptor = std::move(a);
    return true;
}

void detail::EngineImpl::startMetering(const EngineOptions& options)
{
    // A queue per thread into the aggregator, the database next to usage.json
    // unless told otherwise.
    metricsDatabase.clear();
    if (!options.metering)
        return;
    if (options.metricsDatabase == "-")
        metricsDatabase.clear();
    else if (!options.metricsDatabase.empty())
        metricsDatabase = options.metricsDatabase;
    else if (!usageFile.empty())
        metricsDatabase = usageFile.parent_path() / "metrics.db";
    MeteringOptions mo;
    mo.database = metricsDatabase;
    retentionOverride = options.metricsRetention;
    mo.retention = retention();
    metering->start(mo);
    for (auto& t : threads)
        t->meter = metering->addProducer();
}

bool detail::EngineImpl::startRequestLog(const EngineOptions& options, std::string* error)
{
    if (options.jsonLog.empty())
        return true;
    auto log = std::make_unique<RequestLog>();
    std::string logError;
    if (!log->open(options.jsonLog, &logError)) {
        if (error)
            *error = logError;
        return false;
    }
    for (auto& t : threads)
        t->log = log->addProducer();
    requestLog = std::move(log);
    return true;
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

std::vector<Diagnostic> Engine::setUpstreamAccess(
    std::vector<std::string> allowlist, SecretReader secret)
{
    std::lock_guard lock(d->controlMutex);
    d->upstream.extraAllowlist = std::move(allowlist);
    d->upstream.secret = secret ? std::move(secret) : environmentSecret;
    return d->rebuild();
}

void Engine::setRecording(bool on)
{
    d->recorder->setEnabled(on);
}

bool Engine::isRecording() const
{
    return d->recorder->enabled();
}

void Engine::takeRecorded(std::vector<RecordedExchange>* out)
{
    d->recorder->take(out);
}

RecordingStats Engine::recordingStats() const
{
    return { d->recorder->dropped(), d->recorder->tooLargeCount() };
}

std::vector<Diagnostic> Engine::setOffline(bool offline)
{
    std::lock_guard lock(d->controlMutex);
    d->upstream.offline = offline;
    return d->rebuild();
}

std::vector<Diagnostic> Engine::apply(const Workspace& ws)
{
    std::lock_guard lock(d->controlMutex);
    d->workspace = ws;
    if (d->running)
        d->metering->setRetention(d->retention());
    return d->rebuild();
}

std::vector<UpstreamRouteState> Engine::upstreamRoutes() const
{
    std::vector<UpstreamRouteState> out;
    const auto snapshot = d->snapshots.latest();
    if (!snapshot)
        return out;
    for (const auto& [route, upstream] : snapshot->upstreams) {
        UpstreamRouteState state;
        state.route = route->name;
        if (const auto& target = upstream->target) {
            state.upstream = target->poolKey;
            if (const auto& breaker = target->breaker) {
                state.breaker = breaker->state();
                state.retryAfterMs = breaker->retryAfterMs();
                state.transitions = breaker->transitions();
            }
        }
        out.push_back(std::move(state));
    }
    std::sort(out.begin(), out.end(),
        [](const UpstreamRouteState& a, const UpstreamRouteState& b) { return a.route < b.route; });
    return out;
}

std::optional<UpstreamProbe> Engine::upstreamProbe(
    const Upstream& upstream, std::vector<Diagnostic>* problems) const
{
    UpstreamSetup setup;
    std::vector<std::string> allowlist;
    {
        std::lock_guard lock(d->controlMutex);
        setup = d->upstream;
        allowlist = d->workspace.server.upstreamAllowlist;
    }
    BreakerRegistry own(systemClock());
    setup.breakers = &own;
    // Compiled as a route's upstream, its messages without the route's name.
    const std::string where = "upstream";
    std::vector<Diagnostic> errors;
    const auto route = compileUpstreamRoute(upstream, false, allowlist, setup, where, &errors);
    if (problems) {
        for (Diagnostic& e : errors) {
            if (e.message.starts_with(where + ": "))
                e.message.erase(0, where.size() + 2);
            problems->push_back(std::move(e));
        }
    }
    if (!route)
        return std::nullopt;
    UpstreamProbe probe;
    probe.target = route->target;
    probe.path = route->basePath.empty() ? std::string("/") : route->basePath;
    for (const UpstreamHeader& h : route->headers) {
        if (h.action != UpstreamHeader::Action::Remove)
            probe.fields.emplace_back(h.name, h.value);
    }
    return probe;
}

bool Engine::start(const EngineOptions& options, std::string* error)
{
    std::lock_guard lock(d->controlMutex);
    if (d->running)
        return true;
    const int count = options.threads > 0
        ? options.threads
        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d->version = options.version.empty() || options.version == "0.0.0" ? TOLLGATE_VERSION
                                                                       : options.version;
    d->threadSlots = count;
    d->threads.clear();
    for (int i = 0; i < count; ++i)
        d->threads.push_back(std::make_unique<ServeThread>());
    if (!options.redisUrl.empty()) {
        for (auto& t : d->threads) {
            std::string redisError;
            t->redis = RedisLimiter::create(t->ioc, options.redisUrl, &redisError);
            if (!t->redis) {
                if (error)
                    *error = "invalid Redis URL \"" + options.redisUrl + "\": " + redisError;
                d->threads.clear();
                return false;
            }
        }
    }
    d->tls.reset();
    d->tlsWanted = !options.tlsCertificatePem.empty() || !options.tlsKeyPem.empty()
        || !options.tlsCertFile.empty() || !options.tlsKeyFile.empty();
    if (!options.tlsCertificatePem.empty() || !options.tlsKeyPem.empty()) {
        d->tls = makeServerTlsContext(options.tlsCertificatePem, options.tlsKeyPem, error);
    } else if (!options.tlsCertFile.empty() && !options.tlsKeyFile.empty()) {
        d->tls = makeServerTlsContextFromFiles(options.tlsCertFile, options.tlsKeyFile, error);
    } else if (d->tlsWanted && error) {
        *error = "HTTPS needs both a certificate (--tls-cert) and its key (--tls-key)";
    }
    if (d->tlsWanted && !d->tls) {
        d->threads.clear();
        return false;
    }
    if (!d->listen(options, error)) {
        d->threads.clear();
        return false;
    }
    d->clock = options.clock ? options.clock : systemClock();
    d->breakers = std::make_shared<BreakerRegistry>(d->clock);
    d->upstream.breakers = d->breakers.get();
    d->metering->setPrometheusExtra(
        [breakers = d->breakers] { return breakers->prometheusText(); });
    d->usageFile.clear();
    // A workspace's own .tollgate/ holding links (a cloned repository can)
    // is not written to: usage and metrics stay in memory for this run.
    std::string stateProblem;
    if (!options.stateDir.empty()) {
        d->usageFile = options.stateDir / "usage.json";
    } else if (!d->workspace.dir.empty()) {
        stateProblem = stateFolderProblem(d->workspace.dir);
        if (stateProblem.empty())
            d->usageFile = d->workspace.dir / ".tollgate" / "usage.json";
        else
            stateProblem += " (usage and metrics are kept in memory for this run)";
    }
    d->usage = std::make_unique<UsageStore>(d->usageFile, d->clock);
    std::string usageError;
    d->usageProblem = d->usage->open(&usageError) ? stateProblem : usageError;
    // Counters cached by keys belong to the previous store.
    if (const auto snap = d->snapshots.latest())
        snap->keys->forgetUsageCounters();
    d->gate = std::make_unique<AccessGate>(
        d->clock, *d->usage, d->authFailures, options.redisFailPolicy);
    d->rebuild(); // templates need one compiled copy per thread

    d->startMetering(options);
    if (!d->startRequestLog(options, error)) {
        d->metering->stop();
        d->acceptor.reset();
        d->threads.clear();
        d->gate.reset();
        d->usage.reset();
        d->boundPort = 0;
        return false;
    }
    d->journal = options.journalCapacity > 0
        ? std::make_shared<RequestJournal>(options.journalCapacity, options.journalBodyLimit)
        : nullptr;
    for (int i = 0; i < count; ++i) {
        ServeThread& t = *d->threads[static_cast<std::size_t>(i)];
        ServeContext& c = t.context;
        c.slot = i;
        c.snapshots = &d->snapshots;
        c.hub = &d->wsHub;
        c.gate = d->gate.get();
        c.sharedLimits = t.redis.get();
        c.loopbackBound = d->loopbackBound;
        c.sink = OutcomeSink(
            { d->usage.get(), t.meter, t.log, &t.traffic, &d->recordTraffic, d->journal.get() });
    }
    d->running = true;
    d->doAccept();
    for (auto& t : d->threads) {
        ServeThread* thread = t.get();
        thread->thread = std::thread([thread, nice = std::clamp(options.workerNice, 0, 19)] {
            if (nice > 0) // best effort: a refusal only means equal footing
                ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice);
            auto guard = asio::make_work_guard(thread->ioc);
            thread->ioc.run();
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
        asio::post(d->threads[0]->ioc, [acc = d->acceptor.get()] {
            boost::system::error_code ignored;
            acc->close(ignored);
        });
    }
    for (auto& t : d->threads)
        t->ioc.stop();
    for (auto& t : d->threads) {
        if (t->thread.joinable())
            t->thread.join();
    }
    // Before the threads go: requests parked on the store hold connections
    // whose sockets belong to the threads' io_contexts. Destroying the store
    // writes the exact counts.
    d->usage.reset();
    for (auto& t : d->threads)
        t->redis.reset(); // before its io_context
    d->acceptor.reset();
    // Destroying the io_contexts destroys the pending handlers and with them
    // the connections, which closes their sockets.
    d->threads.clear();
    d->gate.reset();
    d->boundPort = 0;
    // Every record is queued by now (the threads are gone): the last buckets
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

std::shared_ptr<RequestJournal> Engine::journal() const
{
    return d->journal;
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

std::string Engine::scheme() const
{
    std::lock_guard lock(d->controlMutex);
    return d->tls ? "https" : "http";
}

void Engine::drainTraffic(std::vector<TrafficEvent>* out, std::size_t max)
{
    std::lock_guard lock(d->controlMutex);
    std::vector<TrafficQueue*> queues;
    for (auto& t : d->threads)
        queues.push_back(&t->traffic);
    server::drainTraffic(queues, out, max);
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

std::uint64_t Engine::connectionsRefused() const
{
    return d->connections.refused();
}

} // namespace tollgate::server
