#include "app/screenshot/metricsreport.h"

#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/metrics/metricspanel.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace tollgate::app {

namespace {

// The event loop is asked to fire this often; how much later it does is
// how long it was busy (updates, painting, the traffic log).
constexpr int kProbeMs = 10;

} // namespace

MetricsReport::MetricsReport(ui::MainWindow* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_probe(new QTimer(this))
{
    m_probe->setTimerType(Qt::PreciseTimer);
    m_probe->setInterval(kProbeMs);
    connect(m_probe, &QTimer::timeout, this, [this] {
        const double late = double(m_sinceTick.nsecsElapsed()) / 1e6 - kProbeMs;
        m_worstStallMs = std::max(m_worstStallMs, late);
        m_sinceTick.restart();
    });
}

void MetricsReport::start(int seconds)
{
    m_window->showPage(ui::MainWindow::MetricsPage);
    ui::ServerController* server = m_window->serverController();
    const auto fail = [this] {
        std::fprintf(stderr, "tollgate-screenshot: the workspace could not be served\n");
        QTimer::singleShot(0, this, [] { QCoreApplication::exit(1); });
    };
    if (!m_window->document()->isOpen()) {
        fail();
        return;
    }
    connect(server, &ui::ServerController::startFailed, this, fail, Qt::SingleShotConnection);
    connect(
        server, &ui::ServerController::started, this, [this, seconds] { measure(seconds); },
        Qt::SingleShotConnection);
    server->start();
}

void MetricsReport::measure(int seconds)
{
    const ui::MetricsPanel* panel = m_window->metricsPanel();
    connect(panel, &ui::MetricsPanel::updated, this, [this, panel] {
        m_updates.push_back(panel->lastUpdateMs());
        m_cpu.push_back(panel->lastUpdateCpuMs());
    });
    m_sinceTick.start();
    m_probe->start();
    QTimer::singleShot(seconds * 1000, this, &MetricsReport::print);
}

void MetricsReport::print()
{
    m_probe->stop();
    auto& u = m_updates;
    std::sort(u.begin(), u.end());
    double sum = 0;
    for (const double v : u)
        sum += v;
    const auto over = std::count_if(u.begin(), u.end(), [](double v) { return v >= 8.0; });
    const std::size_t p99 = u.empty() ? 0 : std::min(u.size() - 1, u.size() * 99 / 100);
    auto& c = m_cpu;
    std::sort(c.begin(), c.end());
    std::fprintf(stdout,
        "metrics updates: %zu, mean %.2f ms, p99 %.2f ms, max %.2f ms, %ld of 8 ms or "
        "more; CPU p99 %.2f ms, max %.2f ms; event loop at most %.1f ms late\n",
        u.size(), u.empty() ? 0.0 : sum / double(u.size()), u.empty() ? 0.0 : u[p99],
        u.empty() ? 0.0 : u.back(), long(over), c.empty() ? 0.0 : c[p99],
        c.empty() ? 0.0 : c.back(), m_worstStallMs);
    std::fflush(stdout);
    m_window->close();
    QCoreApplication::quit();
}

} // namespace tollgate::app
