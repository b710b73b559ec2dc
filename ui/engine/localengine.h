#pragma once

#include "ui/engine/enginefacade.h"

#include <memory>
#include <stop_token>

class QThread;
class QThreadPool;

namespace tollgate::ui {

/// The engine facade over the real embedded server and load generator.
///
/// One control thread runs every call, one after the other, so calls keep
/// their order; results are posted back to the thread this object lives
/// on. Upstream tests run on threads of their own, so a slow upstream holds
/// up no other call. Destroying it cancels upstream tests, ends a load run
/// (its report is still saved), stops serving and joins the control thread.
class LocalEngine final : public EngineFacade {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalEngine)

public:
    explicit LocalEngine(QObject* parent = nullptr);
    ~LocalEngine() override;

    void apply(const server::Workspace& workspace) override;
    void start(const server::EngineOptions& options) override;
    void stop() override;

    bool isRunning() const override { return m_running; }
    quint16 port() const override { return m_port; }
    QString boundAddress() const override { return m_boundAddress; }
    std::uint64_t requestsServed() const override { return m_requestsServed; }

    void pollTraffic(std::size_t max) override;
    void pollUsage() override;

    void setUpstreamAccess(
        const std::vector<std::string>& allowlist, server::SecretReader secret) override;
    void pollUpstream() override;
    quint64 testUpstream(const server::Upstream& upstream) override;
    void setRecording(bool on) override;
    void pollRecorded() override;
    void setOffline(bool offline) override;

    std::shared_ptr<server::Metering> metering() const override { return m_metering; }
    std::filesystem::path metricsDatabase() const override { return m_metricsDatabase; }

    void startLoad(const server::LoadSettings& settings, const QString& reportDirectory,
        const LoadThresholdSources& sources = {}) override;
    void stopLoad() override;
    server::LoadProgress loadProgress(std::int64_t fromSecond) const override;

private:
    struct Control;
    struct Run;
    struct Gate;

    /// Runs task(Control&) on the control thread, after the tasks posted
    /// before it.
    template <typename Task> void post(Task&& task);
    /// Runs done() on this object's thread (from the control thread).
    template <typename Done> void deliver(Done&& done);
    void finishLoad(Control& control, const std::shared_ptr<Run>& run);
    /// On the control thread: checks the running test's thresholds four
    /// times a second (a check per new measured second) until it ends.
    void watchThresholds(Control& control);
    void checkThresholds(Control& control);

    // Touched by the control thread only (and by the constructor and the
    // destructor while the thread is not running).
    std::unique_ptr<Control> m_control;
    std::shared_ptr<Gate> m_gate;
    QThread* m_thread;
    QObject* m_context; // lives on m_thread: queued tasks go to it
    /// Upstream tests: their threads, and how they are cancelled.
    QThreadPool* m_tests;
    std::stop_source m_stopTests;
    quint64 m_lastTest = 0;

    // The GUI side's view, updated by delivered results.
    bool m_running = false;
    quint16 m_port = 0;
    QString m_boundAddress;
    std::uint64_t m_requestsServed = 0;
    std::filesystem::path m_metricsDatabase;
    std::shared_ptr<server::Metering> m_metering;
    /// The run whose progress loadProgress() reads (between loadStarted()
    /// and the end of loadFinished()).
    std::shared_ptr<Run> m_load;
};

} // namespace tollgate::ui
