#pragma once

#include "server/common/diagnostic.h"
#include "server/engine/engine.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

class QTimer;

namespace tollgate::ui {

class WorkspaceDocument;

/// Owns the embedded engine for the window: applies the document on every
/// change (debounced, live, no restart; a revoked key at once), starts and
/// stops serving, and polls the traffic log and key usage so the GUI never
/// waits on the workers.
class ServerController : public QObject {
    Q_OBJECT

public:
    explicit ServerController(WorkspaceDocument* document, QObject* parent = nullptr);
    ~ServerController() override;

    /// Binds to the workspace's address and port. On failure returns false,
    /// and lastError() says why.
    bool start();
    void stop();
    bool isRunning() const;

    /// The bound port (the real one when the settings say 0), 0 when stopped.
    quint16 port() const;
    /// "http://127.0.0.1:8080" while running, empty when stopped.
    QString baseUrl() const;
    /// baseUrl() while running, else where the workspace's settings will
    /// listen once started.
    QString expectedBaseUrl() const;
    QString lastError() const { return m_lastError; }
    std::uint64_t requestsServed() const;

    /// Problems the engine found in the last apply().
    const std::vector<server::Diagnostic>& diagnostics() const { return m_diagnostics; }

    /// Usage per key and month as last polled (4 Hz while serving).
    const std::vector<server::KeyUsage>& usage() const { return m_usage; }

    /// The engine's metering pipeline (live metrics views), there for the
    /// life of this object, running or not. Its views may be computed on
    /// any thread.
    std::shared_ptr<server::Metering> metering() const;
    /// The metrics database: the running server's, else where the open
    /// workspace keeps it if that file exists; empty when there is none
    /// (metrics in memory only).
    std::filesystem::path metricsDatabase() const;

    /// Applies the document now instead of after the debounce.
    void applyNow();
    void setApplyDelay(int ms);

Q_SIGNALS:
    void stateChanged();
    void applied();
    void diagnosticsChanged();
    void trafficReceived(const std::vector<server::TrafficEvent>& events);
    void usageChanged();

private:
    void drainTraffic();
    void refreshUsage();
    void onSettingsChanged();

    WorkspaceDocument* m_document;
    std::unique_ptr<server::Engine> m_engine;
    std::vector<server::Diagnostic> m_diagnostics;
    std::vector<server::KeyUsage> m_usage;
    QString m_lastError;
    QTimer* m_applyTimer;
    QTimer* m_trafficTimer;
    // What the running server was started with, to notice settings changes.
    std::string m_boundAddress;
    std::uint16_t m_requestedPort = 0;
};

} // namespace tollgate::ui
