#pragma once

#include "server/access/usage.h"
#include "server/common/diagnostic.h"
#include "server/metering/traffic.h"
#include "server/workspace/workspace.h"
#include "ui/engine/enginefacade.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

class QTimer;

namespace tollgate::server {
class Metering;
}

namespace tollgate::ui {

class LocalTls;
class UpstreamSecrets;
class WorkspaceDocument;

/// The embedded server as the window sees it: applies the document on every
/// change (debounced, live, no restart; a revoked key at once), starts and
/// stops serving, and polls the traffic log, key usage and upstream figures.
/// It talks to the
/// engine through an EngineFacade only, so nothing here waits for the
/// engine: starting, stopping and applying report back through signals.
class ServerController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerController)

public:
    ServerController(WorkspaceDocument* document, EngineFacade* engine, QObject* parent = nullptr);
    /// Stops serving.
    ~ServerController() override;

    /// Serves the workspace (applied first) on its address and port.
    /// True when the workspace's bind address reaches beyond this machine and
    /// the user has not agreed to that for this workspace folder: start()
    /// then fails (tollgate.json may come from someone else's repository).
    bool exposureUnconfirmed() const;
    /// Remembers that the user agreed to serve this workspace on its address.
    void confirmExposure();
    /// Returns at once; started() or startFailed() follows, and lastError()
    /// then says what went wrong.
    void start();
    /// Stops serving; stopped() follows.
    void stop();
    /// Serving (true from started() until stopped()).
    bool isRunning() const;
    /// Between start() and its outcome, or stop() and stopped().
    bool isBusy() const { return m_starting || m_stopping; }

    /// The bound port (the real one when the settings say 0), 0 when stopped.
    quint16 port() const;
    /// "http://127.0.0.1:8080" (https:// when serving HTTPS) while running,
    /// empty when stopped.
    QString baseUrl() const;
    /// baseUrl() while running, else where the workspace's settings will
    /// listen once started.
    QString expectedBaseUrl() const;
    QString lastError() const { return m_lastError; }
    std::uint64_t requestsServed() const;

    /// Problems the engine found in the last apply that landed.
    const std::vector<server::Diagnostic>& diagnostics() const { return m_diagnostics; }

    /// Usage per key and month as last polled (4 Hz while serving).
    const std::vector<server::KeyUsage>& usage() const { return m_usage; }

    /// The engine's metering pipeline (live metrics views), there for the
    /// life of the engine, running or not. Its views may be computed on any
    /// thread.
    std::shared_ptr<server::Metering> metering() const;
    /// The metrics database: the running server's, else where the open
    /// workspace keeps it if that file exists; empty when there is none
    /// (metrics in memory only).
    std::filesystem::path metricsDatabase() const;

    /// Applies the document now instead of after the debounce; applied()
    /// says when the engine serves it.
    void applyNow();

    // --- HTTPS ---

    /// Whether the open workspace is served over HTTPS, with the app's local
    /// certificate authority's server certificate (LocalTls, made on the
    /// first start that needs it). Kept per workspace folder and machine,
    /// not in tollgate.json: the certificate is this machine's.
    bool isHttps() const { return m_https; }
    /// Switches HTTPS for the open workspace; a running server restarts.
    void setHttps(bool on);
    /// The running server serves HTTPS.
    bool isServingHttps() const { return isRunning() && m_servingHttps; }
    /// The certificates the app serves HTTPS with.
    LocalTls* localTls() const { return m_tls.get(); }
    /// Uses the certificates in `directory` instead of the app data's (tests).
    void setTlsDirectory(const QString& directory);
    /// The local CA's certificate, PEM, for the composer and the load runner
    /// to trust; empty until one is made.
    QByteArray trustedCaPem() const;

    // --- Upstream routes ---

    /// What the app lets upstreams reach besides a workspace's allowlist:
    /// loopback, for local development (tollgated allows nothing extra).
    static std::vector<std::string> appUpstreamAllowlist();
    /// Hands the engine the app's allowlist and these secrets (read before
    /// the environment), and applies again whenever they change. Before the
    /// first workspace opens.
    void setUpstreamSecrets(UpstreamSecrets* secrets);
    UpstreamSecrets* upstreamSecrets() const { return m_secrets; }

    /// Every route's upstream figures as last polled (4 Hz while serving a
    /// workspace with upstreams, and after each apply and stop).
    const std::vector<UpstreamFigures>& upstreamFigures() const { return m_upstream; }
    /// One route's, by its engine name ("GET /v1/users/{id}"); null when
    /// the route has neither an upstream served nor upstream calls.
    const UpstreamFigures* upstreamFigures(const std::string& route) const;

    /// "Test upstream" (EngineFacade::testUpstream): upstreamTested() with
    /// the returned ticket follows.
    quint64 testUpstream(const server::Upstream& upstream);

    // --- Record mode and offline ---

    /// Record mode: answers from upstreams become designed responses in the
    /// document as they come (WorkspaceDocument::mergeRecording, one undo
    /// step per poll). What is served does not change.
    void setRecording(bool on);
    bool isRecording() const { return m_recording; }
    /// Routes given recorded answers since recording was last switched on.
    int recordedRoutes() const { return static_cast<int>(m_recordedRoutes.size()); }
    /// Why answers could not be recorded, newest last (at most ten).
    const QStringList& recordingProblems() const { return m_recordingProblems; }
    /// Offline: upstream routes answer from their designed (recorded)
    /// responses and the fallback is not called.
    void setOffline(bool offline);
    bool isOffline() const { return m_offline; }

Q_SIGNALS:
    void stateChanged();
    void started();
    void startFailed(const QString& error);
    void stopped();
    /// An apply has landed: requests from now on see the document as it was
    /// when it was asked for.
    void applied();
    void diagnosticsChanged();
    void trafficReceived(const std::vector<server::TrafficEvent>& events);
    void usageChanged();
    /// upstreamFigures() changed.
    void upstreamChanged();
    void upstreamTested(quint64 ticket, const UpstreamTest& test);
    /// Recording or offline was switched, or more was recorded.
    void recordingChanged();

private:
    void startEngine();
    void stopEngine();
    void poll();
    void refreshUsage();
    void onApplied(const std::vector<server::Diagnostic>& diagnostics);
    void onStarted();
    void onStartFailed(const QString& error);
    void onStopped();
    void onTraffic(const std::vector<server::TrafficEvent>& events);
    void onUsage(std::vector<server::KeyUsage> usage);
    void onSettingsChanged();
    void readHttpsSetting();
    /// The names besides loopback the server certificate must carry.
    QStringList certificateNames() const;
    void refreshUpstream();
    void onUpstream(std::vector<UpstreamFigures> figures);
    bool hasUpstreams() const;
    void pollRecorded();
    void onRecorded(const std::vector<server::RecordedExchange>& exchanges);

    WorkspaceDocument* m_document;
    EngineFacade* m_engine;
    std::vector<server::Diagnostic> m_diagnostics;
    std::vector<server::KeyUsage> m_usage;
    QString m_lastError;
    QTimer* m_applyTimer;
    QTimer* m_trafficTimer;
    bool m_starting = false;
    bool m_stopping = false;
    /// Start again once stopped (the address or port changed while serving).
    bool m_restart = false;
    /// Polls asked for and not answered yet: a busy engine gets no backlog.
    int m_trafficPolls = 0;
    int m_usagePolls = 0;
    int m_upstreamPolls = 0;
    bool m_recording = false;
    bool m_offline = false;
    int m_recordPolls = 0;
    QSet<QString> m_recordedRoutes; // "GET /users/{userId}"
    QStringList m_recordingProblems;
    UpstreamSecrets* m_secrets = nullptr;
    std::vector<UpstreamFigures> m_upstream;
    std::unique_ptr<LocalTls> m_tls;
    bool m_https = false;
    // What the running server was started with, to notice settings changes.
    std::string m_boundAddress;
    std::uint16_t m_requestedPort = 0;
    bool m_servingHttps = false;
};

} // namespace tollgate::ui
