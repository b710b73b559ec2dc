#include "ui/engine/localengine.h"

#include "server/engine/engine.h"
#include "server/load/loadgen.h"
#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "server/metering/metering.h"
#include "ui/common/convert.h"
#include "ui/common/logging.h"

#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>

namespace tollgate::ui {

namespace {

// Four looks a second at the runner find each new measured second within a
// quarter of it, as `tollgated load` does.
constexpr int kThresholdPollMs = 250;

} // namespace

/// One load run: the runner, where its report goes and its thresholds (the
/// control thread's).
struct LocalEngine::Run {
    explicit Run(server::LoadSettings settings)
        : runner(std::move(settings))
    {
    }
    server::LoadRunner runner;
    std::string reportDirectory;
    LoadThresholdTracker thresholds;
};

/// What the control thread owns.
struct LocalEngine::Control {
    std::unique_ptr<server::Engine> engine = std::make_unique<server::Engine>();
    std::shared_ptr<Run> load;
    /// Checks the running test's thresholds; made, run and deleted on the
    /// control thread.
    std::unique_ptr<QTimer> thresholdTimer;
};

/// Lets a runner thread post "finished" only while the control thread still
/// takes tasks; shared with the runner's callback, which can outlive us.
struct LocalEngine::Gate {
    std::mutex mutex;
    bool open = true;
};

template <typename Task> void LocalEngine::post(Task&& task)
{
    QMetaObject::invokeMethod(
        m_context,
        [control = m_control.get(), task = std::forward<Task>(task)]() mutable { task(*control); },
        Qt::QueuedConnection);
}

template <typename Done> void LocalEngine::deliver(Done&& done)
{
    // Events posted to an object are dropped when it is destroyed, so a
    // result arriving during our destruction reaches no one.
    QMetaObject::invokeMethod(this, std::forward<Done>(done), Qt::QueuedConnection);
}

LocalEngine::LocalEngine(QObject* parent)
    : EngineFacade(parent)
    , m_control(std::make_unique<Control>())
    , m_gate(std::make_shared<Gate>())
    , m_thread(new QThread(this))
    , m_context(new QObject)
    , m_tests(new QThreadPool(this))
{
    // Taken before the thread runs: the pipeline lives as long as the engine
    // and is thread-safe; the engine itself is the control thread's.
    m_metering = m_control->engine->metering();
    m_thread->setObjectName(QStringLiteral("tollgate-engine-control"));
    m_context->moveToThread(m_thread);
    m_thread->start();
    m_tests->setObjectName(QStringLiteral("tollgate-upstream-tests"));
    m_tests->setMaxThreadCount(2);
}

LocalEngine::~LocalEngine()
{
    // A test waiting for a slow upstream ends now; its result reaches no one.
    m_stopTests.request_stop();
    m_tests->waitForDone();
    // The last task: what was asked before it still happens, then a running
    // test ends (its report saved, as Stop would) and the server stops.
    post([this](Control& control) {
        {
            const std::lock_guard lock(m_gate->mutex);
            m_gate->open = false;
        }
        if (const std::shared_ptr<Run> run = control.load) {
            run->runner.stop();
            run->runner.wait();
            finishLoad(control, run);
        }
        control.thresholdTimer.reset();
        control.engine.reset();
        QThread::currentThread()->quit();
    });
    m_thread->wait();
    // Its thread is gone: tasks still queued (none can be added now) go
    // with it.
    delete m_context;
    m_load.reset();
}

void LocalEngine::apply(const server::Workspace& workspace)
{
    post([this, workspace](Control& control) {
        std::vector<server::Diagnostic> diagnostics = control.engine->apply(workspace);
        qCDebug(lcEngine) << "applied" << workspace.routes.size() << "routes," << diagnostics.size()
                          << "problems";
        deliver([this, diagnostics = std::move(diagnostics)] { Q_EMIT applied(diagnostics); });
    });
}

void LocalEngine::start(const server::EngineOptions& options)
{
    post([this, options](Control& control) {
        std::string error;
        if (!control.engine->start(options, &error)) {
            qCInfo(lcEngine).noquote() << "the server did not start:" << toQt(error);
            deliver([this, error = toQt(error)] { Q_EMIT startFailed(error); });
            return;
        }
        const quint16 port = control.engine->port();
        const QString bound = toQt(control.engine->boundAddress());
        const std::filesystem::path database = control.engine->metricsDatabase();
        qCDebug(lcEngine).noquote() << "serving on" << bound << port;
        deliver([this, port, bound, database] {
            m_running = true;
            m_port = port;
            m_boundAddress = bound;
            m_metricsDatabase = database;
            Q_EMIT started();
        });
    });
}

void LocalEngine::stop()
{
    post([this](Control& control) {
        control.engine->stop();
        deliver([this] {
            m_running = false;
            m_port = 0;
            Q_EMIT stopped();
        });
    });
}

void LocalEngine::pollTraffic(std::size_t max)
{
    post([this, max](Control& control) {
        std::vector<server::TrafficEvent> events;
        control.engine->drainTraffic(&events, max);
        const std::uint64_t served = control.engine->requestsServed();
        deliver([this, events = std::move(events), served] {
            m_requestsServed = served;
            Q_EMIT trafficPolled(events);
        });
    });
}

void LocalEngine::pollUsage()
{
    post([this](Control& control) {
        std::vector<server::KeyUsage> usage = control.engine->usage();
        deliver([this, usage = std::move(usage)] { Q_EMIT usagePolled(usage); });
    });
}

void LocalEngine::setUpstreamAccess(
    const std::vector<std::string>& allowlist, server::SecretReader secret)
{
    post([this, allowlist, secret = std::move(secret)](Control& control) {
        std::vector<server::Diagnostic> diagnostics
            = control.engine->setUpstreamAccess(allowlist, secret);
        deliver([this, diagnostics = std::move(diagnostics)] { Q_EMIT applied(diagnostics); });
    });
}

void LocalEngine::setRecording(bool on)
{
    post([on](Control& control) { control.engine->setRecording(on); });
}

void LocalEngine::pollRecorded()
{
    post([this](Control& control) {
        std::vector<server::RecordedExchange> exchanges;
        control.engine->takeRecorded(&exchanges);
        deliver([this, exchanges = std::move(exchanges)] { Q_EMIT recordedPolled(exchanges); });
    });
}

void LocalEngine::setOffline(bool offline)
{
    post([this, offline](Control& control) {
        auto diagnostics = control.engine->setOffline(offline);
        deliver([this, diagnostics = std::move(diagnostics)] { Q_EMIT applied(diagnostics); });
    });
}

void LocalEngine::pollUpstream()
{
    post([this](Control& control) {
        std::vector<UpstreamFigures> figures;
        for (server::UpstreamRouteState& state : control.engine->upstreamRoutes()) {
            UpstreamFigures f;
            f.route = state.route;
            f.served = std::move(state);
            figures.push_back(std::move(f));
        }
        // Routes with calls that are no longer served (or not yet) count too.
        for (server::RouteUpstreamTotals& t : control.engine->metering()->upstreamTotals()) {
            auto it = std::find_if(figures.begin(), figures.end(),
                [&t](const UpstreamFigures& f) { return f.route == t.route; });
            if (it == figures.end()) {
                figures.push_back({ t.route, std::nullopt, {} });
                it = figures.end() - 1;
            }
            it->totals = std::move(t.totals);
        }
        deliver([this, figures = std::move(figures)] { Q_EMIT upstreamPolled(figures); });
    });
}

quint64 LocalEngine::testUpstream(const server::Upstream& upstream)
{
    const quint64 ticket = ++m_lastTest;
    post([this, upstream, ticket](Control& control) {
        std::vector<server::Diagnostic> problems;
        std::optional<server::UpstreamProbe> probe
            = control.engine->upstreamProbe(upstream, &problems);
        if (!probe) {
            UpstreamTest test;
            for (const server::Diagnostic& d : problems)
                test.problems << toQt(d.message);
            deliver([this, ticket, test] { Q_EMIT upstreamTested(ticket, test); });
            return;
        }
        // The probe blocks for as long as the upstream takes (within its
        // timeouts): not on the control thread, which applies and polls.
        m_tests->start([this, ticket, probe = std::move(*probe), stop = m_stopTests.get_token()] {
            UpstreamTest test;
            test.result = server::probeUpstream(probe, stop);
            if (stop.stop_requested())
                return;
            deliver([this, ticket, test] { Q_EMIT upstreamTested(ticket, test); });
        });
    });
    return ticket;
}

void LocalEngine::startLoad(const server::LoadSettings& settings, const QString& reportDirectory,
    const LoadThresholdSources& sources)
{
    post([this, settings, directory = toStd(reportDirectory), sources](Control& control) {
        if (control.load) {
            deliver([this] { Q_EMIT loadFailed(tr("A load test is already running.")); });
            return;
        }
        auto run = std::make_shared<Run>(settings);
        run->reportDirectory = directory;
        // The embedded server's meters are read in process: the Prometheus
        // text its admin endpoint would serve, without a socket.
        const server::ThresholdWatch::Scrape scrape
            = [metering = m_metering](std::string* text, std::string*) {
                  *text = metering->prometheusText();
                  return true;
              };
        std::string error;
        if (!run->thresholds.prepare(settings, sources, scrape, &error)) {
            qCDebug(lcEngine).noquote() << "load run refused:" << toQt(error);
            deliver([this, error = toQt(error)] { Q_EMIT loadFailed(error); });
            return;
        }
        // From a runner thread: hand the end to the control thread.
        run->runner.onFinished = [this, gate = m_gate, weak = std::weak_ptr<Run>(run)] {
            const std::lock_guard lock(gate->mutex);
            if (gate->open)
                post([this, weak](Control& c) { finishLoad(c, weak.lock()); });
        };
        if (!run->runner.start(&error)) {
            qCDebug(lcEngine).noquote() << "load run refused:" << toQt(error);
            deliver([this, error = toQt(error)] { Q_EMIT loadFailed(error); });
            return;
        }
        control.load = run;
        if (!run->thresholds.empty())
            watchThresholds(control);
        deliver([this, run] {
            m_load = run;
            Q_EMIT loadStarted();
        });
    });
}

void LocalEngine::watchThresholds(Control& control)
{
    // A timer of the control thread's, so the checks take turns with the
    // other tasks and the run's tracker has one owner.
    if (!control.thresholdTimer) {
        control.thresholdTimer = std::make_unique<QTimer>();
        control.thresholdTimer->setInterval(kThresholdPollMs);
        QObject::connect(control.thresholdTimer.get(), &QTimer::timeout, m_context,
            [this, &control] { checkThresholds(control); });
    }
    control.thresholdTimer->start();
}

void LocalEngine::checkThresholds(Control& control)
{
    const std::shared_ptr<Run> run = control.load;
    if (!run) {
        control.thresholdTimer->stop();
        return;
    }
    const auto phase = run->runner.progress(std::numeric_limits<std::int64_t>::max()).phase;
    std::optional<LoadThresholdCheck> check
        = run->thresholds.poll(phase, [&run] { return run->runner.snapshot(); });
    if (!check)
        return;
    if (!check->abortedBy.empty()) {
        qCInfo(lcEngine).noquote() << "load run stopped by the threshold" << toQt(check->abortedBy);
        run->runner.stop();
    }
    deliver([this, check = std::move(*check)] { Q_EMIT loadThresholdsChecked(check); });
}

void LocalEngine::stopLoad()
{
    post([](Control& control) {
        if (control.load)
            control.load->runner.stop();
    });
}

server::LoadProgress LocalEngine::loadProgress(std::int64_t fromSecond) const
{
    return m_load ? m_load->runner.progress(fromSecond) : server::LoadProgress();
}

void LocalEngine::finishLoad(Control& control, const std::shared_ptr<Run>& run)
{
    if (!run || control.load != run)
        return;
    control.load.reset();
    if (control.thresholdTimer)
        control.thresholdTimer->stop();
    server::LoadReport report = run->runner.report();
    run->thresholds.finish(&report);
    QString saveError;
    if (!run->reportDirectory.empty()) {
        std::string error;
        if (!server::LoadRunStore(run->reportDirectory).save(&report, &error)) {
            saveError = toQt(error);
            qCWarning(lcEngine).noquote() << "load report not saved:" << saveError;
        }
    }
    deliver([this, report = std::move(report), saveError] {
        Q_EMIT loadFinished(report, saveError);
        // The runner's threads are done; the control thread lets it go, so
        // joining them never lands on this thread.
        if (m_load)
            post([done = std::move(m_load)](Control&) {});
    });
}

} // namespace tollgate::ui
