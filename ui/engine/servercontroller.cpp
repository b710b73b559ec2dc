#include "ui/engine/servercontroller.h"

#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"

#include <QTimer>

#include <algorithm>
#include <tuple>

namespace tollgate::ui {

namespace {

// Typing in the editor fires a change per key; compiling the route table
// once the burst pauses is plenty for "live".
constexpr int kApplyDelayMs = 100;
// 4 Hz: the log feels live and a busy server costs the GUI four batches a
// second, whatever the request rate.
constexpr int kTrafficPollMs = 250;
constexpr std::size_t kTrafficPerPoll = 1000;

} // namespace

ServerController::ServerController(WorkspaceDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_engine(std::make_unique<server::Engine>())
    , m_applyTimer(new QTimer(this))
    , m_trafficTimer(new QTimer(this))
{
    m_applyTimer->setSingleShot(true);
    m_applyTimer->setInterval(kApplyDelayMs);
    connect(m_applyTimer, &QTimer::timeout, this, &ServerController::applyNow);
    connect(document, &WorkspaceDocument::changed, m_applyTimer, qOverload<>(&QTimer::start));
    connect(
        document, &WorkspaceDocument::settingsChanged, this, &ServerController::onSettingsChanged);
    // A revoked key is usually a leaked one: it stops working with the next
    // request, not after the debounce.
    connect(document, &WorkspaceDocument::keyRevoked, this, &ServerController::applyNow);
    // Stopped, the engine reads usage from the workspace's state directory,
    // which it only knows once the workspace is applied.
    connect(document, &WorkspaceDocument::opened, this, [this] {
        applyNow();
        refreshUsage();
    });
    connect(document, &WorkspaceDocument::closed, this, [this] {
        if (!m_usage.empty()) {
            m_usage.clear();
            Q_EMIT usageChanged();
        }
    });

    m_trafficTimer->setInterval(kTrafficPollMs);
    connect(m_trafficTimer, &QTimer::timeout, this, &ServerController::drainTraffic);
}

ServerController::~ServerController()
{
    m_engine->stop();
}

bool ServerController::start()
{
    if (m_engine->isRunning())
        return true;
    // Serve the current state from the first request on.
    applyNow();
    const server::ServerSettings& settings = m_document->workspace().server;
    server::EngineOptions options;
    options.bind = settings.bind;
    options.port = settings.port;
    options.threads = settings.threads;
    options.version = TOLLGATE_VERSION;
    // The window comes first: a saturated embedded server must not make the
    // charts that watch it stutter (tollgated keeps equal footing).
    options.workerNice = 5;
    std::string error;
    if (!m_engine->start(options, &error)) {
        m_lastError = error.empty() ? tr("Cannot start the server.") : toQt(error);
        Q_EMIT stateChanged();
        return false;
    }
    m_lastError.clear();
    m_boundAddress = settings.bind;
    m_requestedPort = settings.port;
    m_trafficTimer->start();
    Q_EMIT stateChanged();
    return true;
}

void ServerController::stop()
{
    if (!m_engine->isRunning())
        return;
    m_engine->stop();
    m_trafficTimer->stop();
    // Requests answered just before the stop still belong in the log.
    drainTraffic();
    refreshUsage();
    Q_EMIT stateChanged();
}

bool ServerController::isRunning() const
{
    return m_engine->isRunning();
}

quint16 ServerController::port() const
{
    return m_engine->port();
}

namespace {

// A wildcard bind is reachable on loopback; that is the URL worth using.
QString urlFor(QString host, quint16 port)
{
    if (host == QLatin1String("0.0.0.0") || host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("::1");
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

} // namespace

QString ServerController::baseUrl() const
{
    if (!m_engine->isRunning())
        return {};
    return urlFor(toQt(m_engine->boundAddress()), m_engine->port());
}

QString ServerController::expectedBaseUrl() const
{
    if (m_engine->isRunning())
        return baseUrl();
    const server::ServerSettings& s = m_document->workspace().server;
    return urlFor(toQt(s.bind), s.port);
}

std::uint64_t ServerController::requestsServed() const
{
    return m_engine->requestsServed();
}

std::shared_ptr<server::Metering> ServerController::metering() const
{
    return m_engine->metering();
}

std::filesystem::path ServerController::metricsDatabase() const
{
    if (m_engine->isRunning())
        return m_engine->metricsDatabase();
    if (!m_document->isOpen() || m_document->directory().isEmpty())
        return {};
    // Stopped (or not served yet this session): the engine's last run may
    // have been another workspace's; this one's history is where the engine
    // keeps it by default (EngineOptions::metricsDatabase).
    const std::filesystem::path file
        = pathFromQt(m_document->directory()) / ".tollgate" / "metrics.db";
    std::error_code error;
    return std::filesystem::is_regular_file(file, error) ? file : std::filesystem::path();
}

void ServerController::applyNow()
{
    m_applyTimer->stop();
    std::vector<server::Diagnostic> diagnostics = m_engine->apply(m_document->workspace());
    const bool changedDiagnostics = diagnostics.size() != m_diagnostics.size()
        || !std::equal(diagnostics.begin(), diagnostics.end(), m_diagnostics.begin(),
            [](const auto& a, const auto& b) {
                return a.file == b.file && a.line == b.line && a.column == b.column
                    && a.message == b.message;
            });
    m_diagnostics = std::move(diagnostics);
    Q_EMIT applied();
    if (changedDiagnostics)
        Q_EMIT diagnosticsChanged();
}

void ServerController::setApplyDelay(int ms)
{
    m_applyTimer->setInterval(ms);
}

void ServerController::drainTraffic()
{
    std::vector<server::TrafficEvent> events;
    // The newest few thousand a poll: at full load the log could not show
    // more, and converting every event would stall the window.
    m_engine->drainTraffic(&events, kTrafficPerPoll);
    if (!events.empty())
        Q_EMIT trafficReceived(events);
    if (m_engine->isRunning())
        refreshUsage();
}

void ServerController::refreshUsage()
{
    // While serving this copies in-memory counters; stopped, it reads the
    // small usage.json once (on open and after a stop), never per tick.
    std::vector<server::KeyUsage> usage = m_engine->usage();
    // The engine's order is its hash map's; a stable one makes "unchanged"
    // cheap to see.
    std::sort(usage.begin(), usage.end(), [](const auto& a, const auto& b) {
        return std::tie(a.keyId, a.month) < std::tie(b.keyId, b.month);
    });
    if (usage == m_usage)
        return;
    m_usage = std::move(usage);
    Q_EMIT usageChanged();
}

void ServerController::onSettingsChanged()
{
    if (!m_engine->isRunning())
        return;
    const server::ServerSettings& settings = m_document->workspace().server;
    if (settings.bind == m_boundAddress && settings.port == m_requestedPort)
        return;
    // The address is bound at start: a new one needs a restart. Connections
    // to the old address are closed, which is what changing it means.
    m_engine->stop();
    m_trafficTimer->stop();
    drainTraffic();
    start();
}

} // namespace tollgate::ui
