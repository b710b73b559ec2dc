#include "ui/load/loadruncontroller.h"

#include "server/load/loadgen.h"
#include "server/load/thresholds.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/enginefacade.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadlivecharts.h"
#include "ui/load/loadrunsview.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/load/loadthresholdtext.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>
#include <QTimer>

#include <algorithm>

namespace tollgate::ui {

namespace {

// 4 Hz, as the Metrics page: live without costing the GUI thread.
constexpr int kPollMs = 250;

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

} // namespace

LoadRunController::LoadRunController(WorkspaceDocument* document, ServerController* server,
    EngineFacade* engine, LoadSettingsSide* settings, LoadLiveCharts* charts,
    LoadSummaryView* summary, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_server(server)
    , m_engine(engine)
    , m_settings(settings)
    , m_charts(charts)
    , m_summary(summary)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &LoadRunController::onTick);
    connect(m_server, &ServerController::started, this, &LoadRunController::onServerStarted);
    connect(m_server, &ServerController::startFailed, this, [this](const QString& error) {
        if (m_awaitingServer)
            onStartFailed(tr("The embedded server could not start: %1").arg(error));
    });
    connect(m_engine, &EngineFacade::loadStarted, this, [this] {
        if (m_running)
            Q_EMIT started();
    });
    connect(m_engine, &EngineFacade::loadFailed, this, &LoadRunController::onStartFailed);
    connect(m_engine, &EngineFacade::loadFinished, this, &LoadRunController::finishRun);
    connect(m_engine, &EngineFacade::loadThresholdsChecked, this,
        &LoadRunController::onThresholdsChecked);
}

LoadRunController::~LoadRunController()
{
    // The window closes while a test runs: end it (in flight requests get
    // their second); the engine keeps what it measured, as Stop would.
    if (m_running && !m_awaitingServer)
        m_engine->stopLoad();
}

bool LoadRunController::start()
{
    if (m_running)
        return false;
    // The embedded server is the target but not running: start it, as the
    // form says it will, once everything else is right (its address is
    // only known when it listens: the port may be chosen then).
    const bool startServer = m_settings->form()->targetsEmbeddedServer() && !m_server->isRunning();
    server::LoadSettings checked = m_settings->currentSettings();
    if (startServer) // the address is known once it listens; the scheme says what runs
        checked.url = checked.webSocket() ? "ws://127.0.0.1:1" : "http://127.0.0.1:1";
    if (!checkSettings(checked))
        return false;
    if (startServer && !m_document->isOpen()) {
        m_settings->showProblems(
            { tr("The embedded server could not start: %1").arg(tr("no workspace is open")) });
        return false;
    }
    m_running = true;
    m_stopping = false;
    if (startServer) {
        m_awaitingServer = true;
        Q_EMIT stateChanged();
        Q_EMIT statusChanged(tr("Starting the embedded server…"));
        m_server->start();
        return true;
    }
    launch(m_settings->currentSettings());
    return true;
}

LoadThresholdSources LoadRunController::thresholdSources() const
{
    LoadThresholdSources sources;
    sources.embeddedServer = m_settings->form()->targetsEmbeddedServer();
    if (m_document->isOpen()) {
        sources.quotas.emplace();
        for (const server::Tier& tier : m_document->tiers())
            (*sources.quotas)[tier.id] = tier.monthlyQuota;
    }
    return sources;
}

bool LoadRunController::checkSettings(const server::LoadSettings& settings)
{
    QStringList problems = LoadSettingsSide::problemsWith(settings);
    // What the thresholds need besides the run, said before the embedded
    // server is started for it; the engine checks it again as it starts.
    const LoadThresholdSources sources = thresholdSources();
    // The meters are read once the run starts; the app has them only for
    // its own server (the command line's --admin is not offered here).
    const server::ThresholdWatch::Scrape meters = [](std::string*, std::string*) { return true; };
    if (!sources.embeddedServer) {
        for (const std::string& text : settings.thresholds) {
            server::Threshold t;
            if (server::parseThreshold(text, &t, nullptr) && t.needsServerMoney()) {
                problems << tr("Cost, price, margin and revenue thresholds need the server's "
                               "meters, which the app reads from its embedded server only: "
                               "target it, or run tollgated load with --admin.");
                break;
            }
        }
    }
    server::ThresholdWatch watch;
    std::string error;
    if (!watch.prepare(settings, meters, sources.quotas, &error)) {
        for (const QString& p : toQt(error).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!problems.contains(p))
                problems << p;
        }
    }
    if (!problems.isEmpty()) {
        m_settings->showProblems(problems);
        Q_EMIT message(tr("The load test did not start: check the settings."));
    }
    return problems.isEmpty();
}

void LoadRunController::onServerStarted()
{
    if (!m_awaitingServer)
        return;
    m_awaitingServer = false;
    m_settings->refreshServer();
    const server::LoadSettings settings = m_settings->currentSettings();
    if (!checkSettings(settings)) {
        m_running = false;
        Q_EMIT stateChanged();
        return;
    }
    Q_EMIT message(
        tr("Started the embedded server at %1 for the load test.").arg(m_server->baseUrl()));
    launch(settings);
}

void LoadRunController::onStartFailed(const QString& problem)
{
    if (!m_running)
        return;
    m_awaitingServer = false;
    m_running = false;
    m_stopping = false;
    m_timer->stop();
    m_settings->showProblems(problem.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
    Q_EMIT stateChanged();
    Q_EMIT statusChanged(tr("Ready · %1").arg(m_settings->form()->targetDescription()));
}

void LoadRunController::launch(const server::LoadSettings& settings)
{
    m_settings->showProblems({});
    m_runSettings = settings;
    m_runDir = LoadRunsView::directoryOf(*m_document);
    m_runTarget = m_settings->form()->targetDescription();
    m_runStart = QDateTime::currentSecsSinceEpoch();
    m_planned = settings.requestCount > 0 ? 0 : settings.warmupSeconds + settings.durationSeconds;
    m_nextSecond = 0;
    m_live = LoadSummaryView::Live();
    m_live.webSocket = settings.webSocket();
    m_live.stream = settings.stream;
    m_live.thresholds = LoadThresholdText::waiting(settings.thresholds);
    m_abortedBy.clear();
    Q_EMIT launched();
    m_charts->setExtra(LoadLiveCharts::extraFor(settings));
    m_charts->start(m_runStart, m_planned);
    m_summary->setLive(m_live);
    m_settings->rememberSettings();
    // The engine saves the report where the run started, whatever is open
    // when it ends.
    m_engine->startLoad(settings, m_runDir, thresholdSources());
    m_timer->start();
    Q_EMIT stateChanged();
    Q_EMIT statusChanged(tr("%1 · starting").arg(m_runTarget));
}

void LoadRunController::stop()
{
    if (!m_running || m_stopping)
        return;
    if (m_awaitingServer) {
        // Nothing runs yet: the run is called off before it starts.
        m_awaitingServer = false;
        m_running = false;
        Q_EMIT stateChanged();
        return;
    }
    m_stopping = true;
    m_engine->stopLoad();
    Q_EMIT stateChanged();
    Q_EMIT statusChanged(
        tr("%1 · stopping: the requests in flight get a second to finish").arg(m_runTarget));
}

void LoadRunController::setPollInterval(int ms)
{
    m_timer->setInterval(std::max(10, ms));
}

void LoadRunController::takeSeconds(const server::LoadProgress& progress)
{
    if (progress.seconds.empty())
        return;
    for (const server::LoadSecond& s : progress.seconds) {
        if (s.warmup) {
            m_live.warmupRequests += s.requests;
            continue;
        }
        m_live.requests += s.requests;
        m_live.seconds += 1;
        for (std::size_t c = 0; c < s.classes.size(); ++c)
            m_live.classes[c] += s.classes[c];
        m_live.errors += s.errors;
        m_live.latency.merge(s.latency);
        m_live.events += s.events;
        m_live.sent += s.sent;
    }
    m_nextSecond = progress.seconds.back().second + 1;
    m_charts->appendSeconds(progress.seconds);
    m_summary->setLive(m_live);
}

void LoadRunController::onTick()
{
    if (!m_running || m_awaitingServer)
        return;
    const server::LoadProgress progress = m_engine->loadProgress(m_nextSecond);
    takeSeconds(progress);

    QString phase;
    switch (progress.phase) {
    case server::LoadProgress::Phase::Starting:
        phase = tr("starting");
        break;
    case server::LoadProgress::Phase::WarmingUp:
        phase = tr("warming up");
        break;
    case server::LoadProgress::Phase::Measuring:
        phase = tr("measuring");
        break;
    case server::LoadProgress::Phase::Draining:
        phase = tr("finishing the requests in flight");
        break;
    case server::LoadProgress::Phase::Finished:
        phase = tr("finished");
        break;
    }
    if (!m_abortedBy.isEmpty())
        phase = tr("stopping: the threshold %1 failed").arg(m_abortedBy);
    else if (m_stopping)
        phase = tr("stopping");
    const QLocale locale;
    QStringList parts { m_runTarget, phase };
    const QString elapsed = locale.toString(progress.elapsedSeconds, 'f', 0);
    if (m_planned > 0)
        parts << tr("%1 s of %2 s").arg(elapsed, locale.toString(m_planned, 'g', 6));
    else
        parts << tr("%1 s").arg(elapsed);
    if (m_runSettings.requestCount > 0)
        parts << tr("%1 of %2 measured requests")
                     .arg(count(m_live.requests), count(m_runSettings.requestCount));
    if (m_runSettings.webSocket()) {
        parts << tr("messages in: %1").arg(count(m_live.events));
        parts << tr("errors: %1").arg(count(progress.errors));
        parts << tr("sessions open: %1").arg(progress.openConnections);
    } else {
        parts << tr("requests: %1").arg(count(progress.requests));
        parts << tr("errors: %1").arg(count(progress.errors));
        parts << tr("open connections: %1").arg(progress.openConnections);
    }
    if (const QStringList failed = LoadThresholdText::failed(m_live.thresholds, true);
        !failed.isEmpty())
        parts << tr("✗ failed: %1").arg(failed.join(QStringLiteral(", ")));
    Q_EMIT statusChanged(parts.join(QStringLiteral(" · ")));
    if (!progress.seconds.empty())
        Q_EMIT progressed();
}

void LoadRunController::onThresholdsChecked(const LoadThresholdCheck& check)
{
    if (!m_running || m_awaitingServer)
        return;
    m_live.thresholds = check.results;
    for (const std::size_t i : check.newlyFailed) {
        if (i >= check.results.size())
            continue;
        const server::ThresholdResult& r = check.results[i];
        Q_EMIT message(tr("Threshold %1 failed at %2 s of measuring: %3")
                           .arg(toQt(r.threshold))
                           .arg(check.second)
                           .arg(toQt(r.actualText)));
    }
    if (!check.abortedBy.empty() && m_abortedBy.isEmpty()) {
        // The engine has stopped the run; its report follows as after Stop.
        m_abortedBy = toQt(check.abortedBy);
        m_live.abortedBy = check.abortedBy;
        m_stopping = true;
        Q_EMIT stateChanged();
        Q_EMIT message(tr("Stopping the load test: the threshold %1 failed.").arg(m_abortedBy));
    }
    m_summary->setLive(m_live);
}

void LoadRunController::finishRun(server::LoadReport report, const QString& saveError)
{
    if (!m_running || m_awaitingServer)
        return;
    // The last seconds, still readable while the engine reports the end.
    takeSeconds(m_engine->loadProgress(m_nextSecond));
    m_timer->stop();
    m_running = false;
    m_stopping = false;

    m_abortedBy.clear();
    QString saved;
    if (m_runDir.isEmpty())
        saved = tr("not saved: no workspace is open");
    else if (saveError.isEmpty())
        saved = tr("saved as %1").arg(toQt(report.id));
    else
        saved = tr("not saved: %1").arg(saveError);

    Q_EMIT reportReady(report);
    if (!report.problem.empty())
        m_settings->showProblems({ toQt(report.problem) });

    const QString what = report.stopped ? tr("Stopped") : tr("Finished");
    // The thresholds' verdict ends the status line and the message.
    const QString verdict = LoadThresholdText::headline(report.thresholds, report.abortedBy, false);
    const auto withVerdict = [&verdict](const QString& text) {
        return verdict.isEmpty() ? text : text + QStringLiteral(" · ") + verdict;
    };
    if (report.settings.webSocket()) {
        const double seconds = report.measuredSeconds > 0 ? report.measuredSeconds : 1;
        const QString in = MetricsFormat::rate(double(report.total.events) / seconds);
        Q_EMIT statusChanged(withVerdict(tr("%1 · %2: %3 sessions held, %4 messages in (%5/s) · %6")
                                             .arg(m_runTarget, what, count(report.total.held),
                                                 count(report.total.events), in, saved)));
        Q_EMIT stateChanged();
        Q_EMIT message(withVerdict(tr("Load test %1: %2 sessions held, %3 messages/s in (%4)")
                                       .arg(report.stopped ? tr("stopped") : tr("finished"),
                                           count(report.total.held), in, saved)));
        Q_EMIT finished();
        return;
    }
    Q_EMIT statusChanged(withVerdict(tr("%1 · %2: %3 requests in %4, %5 req/s · %6")
                                         .arg(m_runTarget, what, count(report.total.requests),
                                             MetricsFormat::duration(report.measuredSeconds),
                                             MetricsFormat::rate(report.throughput()), saved)));
    Q_EMIT stateChanged();
    Q_EMIT message(withVerdict(
        tr("Load test %1: %2 requests, %3 req/s, p99 %4 (%5)")
            .arg(report.stopped ? tr("stopped") : tr("finished"), count(report.total.requests),
                MetricsFormat::rate(report.throughput()),
                MetricsFormat::latency(MetricsFormat::ms(report.total.latency.percentile(99))),
                saved)));
    Q_EMIT finished();
}

} // namespace tollgate::ui
