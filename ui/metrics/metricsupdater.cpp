#include "ui/metrics/metricsupdater.h"

#include "server/metering/metering.h"
#include "server/metering/metricsstore.h"
#include "ui/engine/servercontroller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <ctime>

namespace tollgate::ui {

namespace {

// 4 Hz: live without costing the GUI more than four small updates a second.
constexpr int kLiveIntervalMs = 250;
// Historical windows that end now move slowly; re-read them now and then.
constexpr int kHistoryIntervalMs = 10'000;
// What one refresh may cost the GUI thread (issue 5).
constexpr double kUpdateBudgetMs = 8.0;

std::int64_t threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// True when b would draw exactly what a draws.
bool sameNumbers(const server::MetricsView& a, const server::MetricsView& b)
{
    if (a.from != b.from || a.to != b.to || a.step != b.step || a.droppedRecords != b.droppedRecords
        || a.droppedRows != b.droppedRows || a.problem != b.problem
        || a.series.size() != b.series.size())
        return false;
    for (std::size_t i = 0; i < a.series.size(); ++i) {
        const server::MetricsPoint& p = a.series[i];
        const server::MetricsPoint& q = b.series[i];
        if (p.counts != q.counts || p.costMicros != q.costMicros
            || p.revenueMicros != q.revenueMicros || p.p99 != q.p99 || p.tokensIn != q.tokensIn
            || p.tokensOut != q.tokensOut)
            return false;
    }
    return true;
}

} // namespace

MetricsUpdater::MetricsUpdater(ServerController* server, QWidget* page, Stages stages)
    : QObject(page)
    , m_server(server)
    , m_page(page)
    , m_stages(std::move(stages))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kLiveIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &MetricsUpdater::onTick);
    // A server that starts or stops changes what "live" can show.
    connect(server, &ServerController::stateChanged, this, &MetricsUpdater::refresh);
}

MetricsUpdater::~MetricsUpdater() = default;

void MetricsUpdater::setWindow(const MetricsWindow& window)
{
    m_window = window;
    invalidate();
}

void MetricsUpdater::setFilter(const server::MetricsFilter& filter)
{
    m_filter = filter;
    invalidate();
}

void MetricsUpdater::pageShown()
{
    restartTimer();
    if (m_autoRefresh)
        startComputation();
}

void MetricsUpdater::pageHidden()
{
    m_timer->stop();
}

void MetricsUpdater::restartTimer()
{
    m_timer->stop();
    if (!m_autoRefresh || !m_page->isVisible() || m_window.kind() == MetricsWindow::CustomWindow)
        return;
    m_timer->setInterval(m_window.isLive() ? kLiveIntervalMs : kHistoryIntervalMs);
    m_timer->start();
}

void MetricsUpdater::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    // A computation already running must not land after this.
    if (!on)
        ++m_generation;
    restartTimer();
}

bool MetricsUpdater::isPolling() const
{
    return m_timer->isActive();
}

void MetricsUpdater::onTick()
{
    if (!m_autoRefresh || !m_page->isVisible())
        return;
    // A tick while a computation runs is skipped, not queued: the next one
    // comes soon enough and the pool never piles up work.
    if (m_inFlight)
        return;
    startComputation();
}

void MetricsUpdater::refresh()
{
    if (!m_page->isVisible())
        return;
    startComputation();
}

void MetricsUpdater::invalidate()
{
    ++m_generation;
    restartTimer();
    if (!m_page->isVisible() || !m_autoRefresh)
        return;
    if (!m_window.isLive()) {
        m_loading = true;
        Q_EMIT loadingStarted();
    }
    startComputation();
}

void MetricsUpdater::startComputation()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    std::shared_ptr<server::Metering> metering = m_server->metering();
    if (!metering)
        return;
    const MetricsWindow::Range range = m_window.range(QDateTime::currentSecsSinceEpoch());
    const std::int64_t from = range.from;
    const std::int64_t to = range.to;
    const std::int64_t step = range.step;
    const bool historical = !m_window.isLive();
    const std::filesystem::path database
        = historical ? m_server->metricsDatabase() : std::filesystem::path();
    const server::MetricsFilter filter = m_filter;
    const std::uint64_t generation = m_generation;
    m_inFlight = true;
    m_again = false;

    QPointer<MetricsUpdater> self(this);
    QThreadPool::globalInstance()->start(
        [self, metering, database, historical, from, to, step, filter, generation] {
            auto view = std::make_shared<server::MetricsView>(!database.empty()
                    ? server::historicalView(database, from, to, step, filter)
                    : metering->live(from, to, step, filter));
            if (historical) {
                // The database knows its rows, not what the pipeline dropped.
                const server::MeteringStats stats = metering->stats();
                view->droppedRecords = std::max(view->droppedRecords, stats.droppedRecords);
                view->droppedRows = std::max(view->droppedRows, stats.droppedRows);
                if (view->problem.empty())
                    view->problem = stats.problem;
            }
            QCoreApplication* app = QCoreApplication::instance();
            if (!app)
                return;
            // Delivered on the GUI thread; the pointer is only read there.
            QMetaObject::invokeMethod(
                app,
                [self, generation, view] {
                    if (self)
                        self->onViewReady(generation, view);
                },
                Qt::QueuedConnection);
        });
}

void MetricsUpdater::onViewReady(
    std::uint64_t generation, const std::shared_ptr<server::MetricsView>& view)
{
    m_inFlight = false;
    const bool more = m_autoRefresh && m_page->isVisible();
    if (generation != m_generation) {
        // The window or a filter changed while this was computed.
        if (more)
            startComputation();
        return;
    }
    m_loading = false;
    // A live view moves once a second (its last point is the newest closed
    // second); the polls in between mostly bring the same numbers, and
    // redrawing them would only cost the GUI thread.
    if (!(m_hasView && generation == m_appliedGeneration && sameNumbers(*view, m_lastView))) {
        m_appliedGeneration = generation;
        // Three turns of the event loop, so input and painting get in
        // between.
        const Cost first = applyFirst(*view);
        QTimer::singleShot(0, this, [this, view, generation, first] {
            if (generation != m_generation)
                return;
            const Cost second = applySecond(*view);
            QTimer::singleShot(0, this, [this, view, generation, first, second] {
                if (generation != m_generation)
                    return;
                finishUpdate(
                    { std::max(first.wallMs, second.wallMs), std::max(first.cpuMs, second.cpuMs) },
                    applyThird(*view));
            });
        });
    }
    if (m_again && more)
        startComputation();
}

void MetricsUpdater::applyNow(const server::MetricsView& view)
{
    const Cost first = applyFirst(view);
    const Cost second = applySecond(view);
    finishUpdate({ std::max(first.wallMs, second.wallMs), std::max(first.cpuMs, second.cpuMs) },
        applyThird(view));
}

template <class Apply> MetricsUpdater::Cost MetricsUpdater::timed(const Apply& apply)
{
    QElapsedTimer timer;
    timer.start();
    const std::int64_t cpuStart = threadCpuNs();
    apply();
    return { double(timer.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpuStart) / 1e6 };
}

MetricsUpdater::Cost MetricsUpdater::applyFirst(const server::MetricsView& view)
{
    return timed([this, &view] {
        // What sameNumbers() and redrawing the money chart need; the copy
        // counts as part of the update.
        m_lastView.from = view.from;
        m_lastView.to = view.to;
        m_lastView.step = view.step;
        m_lastView.tiers = view.tiers;
        m_lastView.series = view.series;
        m_lastView.droppedRecords = view.droppedRecords;
        m_lastView.droppedRows = view.droppedRows;
        m_lastView.problem = view.problem;
        m_hasView = true;
        m_stages.first(view);
    });
}

MetricsUpdater::Cost MetricsUpdater::applySecond(const server::MetricsView& view)
{
    return timed([this, &view] { m_stages.second(view); });
}

MetricsUpdater::Cost MetricsUpdater::applyThird(const server::MetricsView& view)
{
    return timed([this, &view] { m_stages.third(view); });
}

void MetricsUpdater::finishUpdate(Cost first, Cost second)
{
    // What the event loop was held up for: the longer of the two turns.
    m_lastUpdateMs = std::max(first.wallMs, second.wallMs);
    m_lastUpdateCpuMs = std::max(first.cpuMs, second.cpuMs);
    m_maxUpdateMs = std::max(m_maxUpdateMs, m_lastUpdateMs);
    m_totalUpdateMs += m_lastUpdateMs;
    ++m_updates;
    if (m_lastUpdateMs > kUpdateBudgetMs)
        ++m_slowUpdates;
    Q_EMIT updated();
}

} // namespace tollgate::ui
