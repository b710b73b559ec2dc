#include "server/load/loadgen.h"

#include "server/load/loadthread.h"
#include "server/workspace/workspace.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>

namespace tollgate::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using boost::system::error_code;
using loadgen::LoadThread;
using loadgen::preparePlan;
using loadgen::Shared;

namespace {

/// The report's tier and route rows, named and empty, in the plan's order.
void nameSlices(const loadgen::Plan& plan, LoadReport* r)
{
    r->tiers.resize(plan.tierNames.size());
    for (std::size_t i = 0; i < plan.tierNames.size(); ++i)
        r->tiers[i].name = plan.tierNames[i];
    r->routes.resize(plan.targets.size());
    for (std::size_t i = 0; i < plan.targets.size(); ++i)
        r->routes[i].name = plan.targets[i].target.label();
}

} // namespace

struct LoadRunner::Run {
    LoadSettings settings;
    Shared shared;
    std::vector<std::unique_ptr<LoadThread>> generators;
    std::thread control;
    mutable std::mutex mutex;
    std::condition_variable cv;
    bool started = false;
    bool running = false; ///< generators exist (timeline readable)
    bool done = false;
    std::atomic<bool> draining { false };
    SteadyClock::time_point startClock;
    SteadyClock::time_point stopClock {};
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
    m_run->startClock = SteadyClock::now();
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
        return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(v));
    };
    shared.t0 = SteadyClock::now();
    shared.measureStart = shared.t0 + seconds(s.warmupSeconds);
    shared.measureEnd = s.requestCount > 0 ? SteadyClock::time_point::max()
                                           : shared.measureStart + seconds(s.durationSeconds);
    shared.flushedUpTo.assign(static_cast<std::size_t>(s.threads), 0);
    shared.publishLive = !s.thresholds.empty();
    shared.live.assign(static_cast<std::size_t>(s.threads), {});
    for (int i = 0; i < s.threads; ++i) {
        auto w = std::make_unique<LoadThread>();
        w->shared = &shared;
        w->index = i;
        generators.push_back(std::move(w));
    }
    {
        std::lock_guard lock(mutex);
        running = true;
    }
    std::vector<std::thread> threads;
    for (auto& w : generators) {
        threads.emplace_back([w = w.get()] {
            w->start();
            w->io.run();
        });
    }
    for (auto& t : threads)
        t.join();

    // Results.
    const bool stopped = shared.stopRequested.load();
    SteadyClock::time_point stopClockCopy;
    {
        std::lock_guard lock(mutex);
        stopClockCopy = stopClock;
    }
    nameSlices(plan, &r);
    SteadyClock::time_point lastEnd = shared.measureStart;
    for (const auto& w : generators) {
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
        r.problem = plan.url.webSocket ? "No WebSocket handshake was answered."
                                       : "No request was answered.";
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
    m_run->stopClock = SteadyClock::now();
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
    const auto now = SteadyClock::now();
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

LoadReport LoadRunner::snapshot() const
{
    std::lock_guard lock(m_run->mutex);
    if (m_run->done)
        return m_run->report;
    LoadReport r;
    if (!m_run->running)
        return r;
    const auto& shared = m_run->shared;
    r.settings = m_run->settings;
    for (auto& k : r.settings.keys)
        k.secret.clear();
    nameSlices(shared.plan, &r);
    std::lock_guard timelineLock(shared.timelineMutex);
    // The tallies stop at each worker's last finished second: the measured
    // time stops there too, so rates are not diluted by a second not yet
    // counted.
    std::int64_t flushed = std::numeric_limits<std::int64_t>::max();
    for (auto f : shared.flushedUpTo)
        flushed = std::min(flushed, f);
    // A worker that has ended flushed "everything" (the largest second).
    const auto upTo = flushed > (std::int64_t { 1 } << 31) ? SteadyClock::now()
                                                           : shared.t0 + std::chrono::seconds(flushed);
    const auto end = std::min(upTo, shared.measureEnd);
    r.measuredSeconds
        = std::max(0.0, std::chrono::duration<double>(end - shared.measureStart).count());
    for (const auto& live : shared.live) {
        r.total.merge(live.total);
        for (std::size_t i = 0; i < live.tiers.size() && i < r.tiers.size(); ++i)
            r.tiers[i].counts.merge(live.tiers[i]);
        for (std::size_t i = 0; i < live.routes.size() && i < r.routes.size(); ++i)
            r.routes[i].counts.merge(live.routes[i]);
    }
    return r;
}

LoadReport LoadRunner::report() const
{
    std::lock_guard lock(m_run->mutex);
    return m_run->done ? m_run->report : LoadReport {};
}

} // namespace tollgate::server
