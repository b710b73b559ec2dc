#include "ui/engine/servercontroller.h"

#include "server/engine/engine.h"
#include "server/http/loopback.h"
#include "ui/common/convert.h"
#include "ui/common/logging.h"
#include "ui/common/settings.h"
#include "ui/common/upstreamsecrets.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/enginefacade.h"
#include "ui/engine/localtls.h"

#include <QHostAddress>
#include <QSysInfo>
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

// A wildcard bind is reachable on loopback; that is the URL worth using.
QString urlFor(QString host, quint16 port, bool https)
{
    if (host == QLatin1String("0.0.0.0") || host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("::1");
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("%1://%2:%3")
        .arg(https ? QLatin1String("https") : QLatin1String("http"), host)
        .arg(port);
}

bool sameDiagnostics(
    const std::vector<server::Diagnostic>& a, const std::vector<server::Diagnostic>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.file == y.file && x.line == y.line && x.column == y.column
            && x.message == y.message;
    });
}

} // namespace

ServerController::ServerController(
    WorkspaceDocument* document, EngineFacade* engine, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_engine(engine)
    , m_applyTimer(new QTimer(this))
    , m_trafficTimer(new QTimer(this))
    , m_tls(std::make_unique<LocalTls>())
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
    // which it only knows once the workspace is applied (calls keep their
    // order, so the read comes after the apply).
    connect(document, &WorkspaceDocument::opened, this, [this] {
        readHttpsSetting();
        applyNow();
        refreshUsage();
    });
    connect(document, &WorkspaceDocument::closed, this, [this] {
        readHttpsSetting();
        if (!m_usage.empty()) {
            m_usage.clear();
            Q_EMIT usageChanged();
        }
    });

    connect(engine, &EngineFacade::applied, this, &ServerController::onApplied);
    connect(engine, &EngineFacade::started, this, &ServerController::onStarted);
    connect(engine, &EngineFacade::startFailed, this, &ServerController::onStartFailed);
    connect(engine, &EngineFacade::stopped, this, &ServerController::onStopped);
    connect(engine, &EngineFacade::trafficPolled, this, &ServerController::onTraffic);
    connect(engine, &EngineFacade::usagePolled, this, &ServerController::onUsage);
    connect(engine, &EngineFacade::upstreamPolled, this, &ServerController::onUpstream);
    connect(engine, &EngineFacade::upstreamTested, this, &ServerController::upstreamTested);
    connect(engine, &EngineFacade::recordedPolled, this, &ServerController::onRecorded);

    m_trafficTimer->setInterval(kTrafficPollMs);
    connect(m_trafficTimer, &QTimer::timeout, this, &ServerController::poll);
}

ServerController::~ServerController()
{
    if (isRunning() || m_starting)
        m_engine->stop();
}

void ServerController::start()
{
    if (m_stopping) {
        // Start again as soon as the stop has landed.
        m_restart = true;
        return;
    }
    if (isRunning() || m_starting)
        return;
    startEngine();
}

bool ServerController::exposureUnconfirmed() const
{
    const std::string& bind = m_document->workspace().server.bind;
    return m_document->isOpen() && !server::isLoopbackAddress(bind)
        && settings::exposedBind(m_document->directory()).read() != toQt(bind);
}

void ServerController::confirmExposure()
{
    if (m_document->isOpen())
        settings::exposedBind(m_document->directory())
            .write(toQt(m_document->workspace().server.bind));
}

void ServerController::startEngine()
{
    // Also on a restart after the address changed outside the app (a pull).
    if (exposureUnconfirmed()) {
        m_lastError = tr("Not started: this workspace binds the server to %1, which other "
                         "machines can reach. Start it from the server bar to allow that.")
                          .arg(toQt(m_document->workspace().server.bind));
        Q_EMIT startFailed(m_lastError);
        Q_EMIT stateChanged();
        return;
    }
    // Serve the current state from the first request on (the engine does
    // the apply before the start).
    applyNow();
    const server::ServerSettings& settings = m_document->workspace().server;
    server::EngineOptions options;
    options.bind = settings.bind;
    options.port = settings.port;
    options.threads = settings.threads;
    options.version = TOLLGATE_VERSION;
    if (m_https) {
        // The CA and a certificate for the names served are made on the
        // first start that needs them (a few milliseconds: P-256 keys).
        QString problem;
        if (!m_tls->ensure(certificateNames(), &problem)) {
            m_lastError = tr("Not started: HTTPS needs a certificate. %1").arg(problem);
            Q_EMIT startFailed(m_lastError);
            Q_EMIT stateChanged();
            return;
        }
        options.tlsCertificatePem = m_tls->serverCertificatePem();
        options.tlsKeyPem = m_tls->serverKeyPem();
    }
    m_servingHttps = m_https;
    // The window comes first: a saturated embedded server must not make the
    // charts that watch it stutter (tollgated keeps equal footing).
    options.workerNice = 5;
    m_boundAddress = settings.bind;
    m_requestedPort = settings.port;
    m_starting = true;
    m_engine->start(options);
    Q_EMIT stateChanged();
}

void ServerController::stop()
{
    m_restart = false;
    if (m_stopping || (!isRunning() && !m_starting))
        return;
    stopEngine();
}

void ServerController::stopEngine()
{
    m_stopping = true;
    m_trafficTimer->stop();
    m_engine->stop();
    // Requests answered just before the stop still belong in the log; the
    // engine drains them after stopping.
    ++m_trafficPolls;
    m_engine->pollTraffic(kTrafficPerPoll);
    refreshUsage();
    if (hasUpstreams())
        refreshUpstream();
    Q_EMIT stateChanged();
}

void ServerController::onStarted()
{
    m_starting = false;
    m_lastError.clear();
    if (!m_stopping)
        m_trafficTimer->start();
    Q_EMIT started();
    Q_EMIT stateChanged();
}

void ServerController::onStartFailed(const QString& error)
{
    m_starting = false;
    m_lastError = error.isEmpty() ? tr("Cannot start the server.") : error;
    Q_EMIT startFailed(m_lastError);
    Q_EMIT stateChanged();
}

void ServerController::onStopped()
{
    m_stopping = false;
    m_trafficTimer->stop();
    // Answers recorded just before the stop still reach the document.
    if (m_recording)
        pollRecorded();
    Q_EMIT stopped();
    Q_EMIT stateChanged();
    if (m_restart) {
        m_restart = false;
        startEngine();
    }
}

bool ServerController::isRunning() const
{
    return m_engine->isRunning();
}

quint16 ServerController::port() const
{
    return m_engine->port();
}

QString ServerController::baseUrl() const
{
    if (!isRunning())
        return {};
    return urlFor(m_engine->boundAddress(), m_engine->port(), m_servingHttps);
}

QString ServerController::expectedBaseUrl() const
{
    if (isRunning())
        return baseUrl();
    const server::ServerSettings& s = m_document->workspace().server;
    return urlFor(toQt(s.bind), s.port, m_https);
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
    if (isRunning())
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
    m_engine->apply(m_document->workspace());
}

void ServerController::onApplied(const std::vector<server::Diagnostic>& diagnostics)
{
    const bool changed = !sameDiagnostics(diagnostics, m_diagnostics);
    if (changed) {
        m_diagnostics = diagnostics;
        qCDebug(lcEngine) << "the engine reports" << m_diagnostics.size() << "problems";
    }
    Q_EMIT applied();
    if (changed)
        Q_EMIT diagnosticsChanged();
    // Which routes are served from an upstream may have changed.
    if (hasUpstreams() || !m_upstream.empty())
        refreshUpstream();
}

void ServerController::poll()
{
    if (m_trafficPolls == 0) {
        ++m_trafficPolls;
        // The newest thousand a poll: at full load the log could not show
        // more, and converting every event would stall the window.
        m_engine->pollTraffic(kTrafficPerPoll);
    }
    if (m_usagePolls == 0)
        refreshUsage();
    if (m_upstreamPolls == 0 && hasUpstreams())
        refreshUpstream();
    if (m_recording && m_recordPolls == 0)
        pollRecorded();
}

void ServerController::setRecording(bool on)
{
    if (on == m_recording)
        return;
    m_recording = on;
    if (on) {
        m_recordedRoutes.clear();
        m_recordingProblems.clear();
    }
    m_engine->setRecording(on);
    // Switched off: what came in up to now still reaches the document.
    if (!on)
        pollRecorded();
    Q_EMIT recordingChanged();
}

void ServerController::setOffline(bool offline)
{
    if (offline == m_offline)
        return;
    m_offline = offline;
    m_engine->setOffline(offline);
    Q_EMIT recordingChanged();
}

void ServerController::pollRecorded()
{
    ++m_recordPolls;
    m_engine->pollRecorded();
}

void ServerController::onRecorded(const std::vector<server::RecordedExchange>& exchanges)
{
    m_recordPolls = std::max(0, m_recordPolls - 1);
    if (exchanges.empty() || !m_document->isOpen())
        return;
    const server::RecordingMerge merge = m_document->mergeRecording(exchanges);
    for (const std::size_t index : merge.changedRoutes) {
        if (index < std::size_t(m_document->routeCount())) {
            const server::Route& r = m_document->route(int(index));
            m_recordedRoutes.insert(toQt(r.method + ' ' + r.path));
        }
    }
    for (const std::string& why : merge.skipped)
        m_recordingProblems << toQt(why);
    while (m_recordingProblems.size() > 10)
        m_recordingProblems.removeFirst();
    Q_EMIT recordingChanged();
}

void ServerController::refreshUsage()
{
    // While serving the engine copies in-memory counters; stopped, it reads
    // the small usage.json (on open and after a stop, never per tick).
    ++m_usagePolls;
    m_engine->pollUsage();
}

void ServerController::onTraffic(const std::vector<server::TrafficEvent>& events)
{
    m_trafficPolls = std::max(0, m_trafficPolls - 1);
    if (!events.empty())
        Q_EMIT trafficReceived(events);
}

void ServerController::onUsage(std::vector<server::KeyUsage> usage)
{
    m_usagePolls = std::max(0, m_usagePolls - 1);
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

std::vector<std::string> ServerController::appUpstreamAllowlist()
{
    return { "127.0.0.0/8", "::1/128" };
}

void ServerController::setUpstreamSecrets(UpstreamSecrets* secrets)
{
    if (m_secrets)
        m_secrets->disconnect(this);
    m_secrets = secrets;
    m_engine->setUpstreamAccess(
        appUpstreamAllowlist(), secrets ? server::SecretReader(secrets->reader()) : nullptr);
    if (!secrets)
        return;
    // The engine reads secrets when it compiles routes: a value typed or
    // loaded from the keychain counts from the next apply.
    connect(secrets, &UpstreamSecrets::secretsChanged, this, &ServerController::applyNow);
}

const UpstreamFigures* ServerController::upstreamFigures(const std::string& route) const
{
    const auto it = std::find_if(m_upstream.begin(), m_upstream.end(),
        [&route](const UpstreamFigures& f) { return f.route == route; });
    return it == m_upstream.end() ? nullptr : &*it;
}

quint64 ServerController::testUpstream(const server::Upstream& upstream)
{
    return m_engine->testUpstream(upstream);
}

bool ServerController::hasUpstreams() const
{
    const server::Workspace& ws = m_document->workspace();
    return !ws.server.fallback.url.empty()
        || std::any_of(ws.routes.begin(), ws.routes.end(),
            [](const server::Route& r) { return r.responder == server::RouteResponder::Upstream; });
}

void ServerController::refreshUpstream()
{
    ++m_upstreamPolls;
    m_engine->pollUpstream();
}

void ServerController::onUpstream(std::vector<UpstreamFigures> figures)
{
    m_upstreamPolls = std::max(0, m_upstreamPolls - 1);
    if (figures.empty() && m_upstream.empty())
        return;
    m_upstream = std::move(figures);
    Q_EMIT upstreamChanged();
}

void ServerController::readHttpsSetting()
{
    const bool https
        = m_document->isOpen() && settings::serveHttps(m_document->directory()).read();
    if (https == m_https)
        return;
    m_https = https;
    Q_EMIT stateChanged();
}

void ServerController::setHttps(bool on)
{
    if (on == m_https || !m_document->isOpen())
        return;
    m_https = on;
    settings::serveHttps(m_document->directory()).write(on);
    if (isRunning() && !m_stopping) {
        // The scheme is the listener's: serving the other one is a restart.
        m_restart = true;
        stopEngine();
        return;
    }
    Q_EMIT stateChanged();
}

void ServerController::setTlsDirectory(const QString& directory)
{
    m_tls = std::make_unique<LocalTls>(directory);
}

QByteArray ServerController::trustedCaPem() const
{
    return m_tls->authorityPem();
}

QStringList ServerController::certificateNames() const
{
    // localhost and the loopback addresses are always in; a server bound
    // to one address is reached by it, one bound to every address by this
    // machine's name as well.
    const QString bind = toQt(m_document->workspace().server.bind);
    const QHostAddress address(bind);
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 || bind.isEmpty()) {
        const QString host = QSysInfo::machineHostName();
        return host.isEmpty() ? QStringList() : QStringList { host };
    }
    return { bind };
}

void ServerController::onSettingsChanged()
{
    if (!isRunning() || m_stopping)
        return;
    const server::ServerSettings& settings = m_document->workspace().server;
    if (settings.bind == m_boundAddress && settings.port == m_requestedPort)
        return;
    // The address is bound at start: a new one needs a restart. Connections
    // to the old address are closed, which is what changing it means.
    m_restart = true;
    stopEngine();
}

} // namespace tollgate::ui
