#pragma once

// An engine facade for panel tests: no sockets, no threads. Every call is
// recorded and answered on a later turn of the event loop, as the real one
// answers, from what the test set up; hold() keeps the answers back so a
// test can look at the state in between.

#include "ui/engine/enginefacade.h"

#include <QMetaObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::ui::test {

// No Q_OBJECT: it adds no signals or slots to the facade's.
class FakeEngine final : public EngineFacade {
    Q_DISABLE_COPY_MOVE(FakeEngine)

public:
    FakeEngine() = default;

    // --- What the answers say -------------------------------------------
    /// What every apply() reports.
    std::vector<server::Diagnostic> diagnostics;
    /// When set, start() fails with it.
    QString startError;
    /// The port reported when asked for port 0.
    quint16 anyPort = 8080;
    /// Handed out (and cleared) by the next pollTraffic().
    std::vector<server::TrafficEvent> traffic;
    std::uint64_t served = 0;
    /// What pollUsage() reports.
    std::vector<server::KeyUsage> usage;
    /// When set, startLoad() fails with it.
    QString loadError;
    server::LoadProgress progress;
    /// The Prometheus text the server's meters read as (money thresholds).
    std::string meters;

    /// What pollUpstream() reports.
    std::vector<UpstreamFigures> upstream;
    /// What testUpstream() answers.
    UpstreamTest upstreamTest;
    /// What the next pollRecorded() hands over; the switches as last set.
    std::vector<server::RecordedExchange> recorded;
    bool recording = false;
    bool offline = false;

    /// Every call in order: "apply", "start", "stop", "pollTraffic",
    /// "pollUsage", "pollUpstream", "testUpstream", "startLoad", "stopLoad"
    /// (setUpstreamAccess, made once as a window is built, is kept apart).
    QStringList calls;
    /// What the last setUpstreamAccess() handed over.
    std::vector<std::string> upstreamAllowlist;
    server::SecretReader secretReader;
    /// The upstream of the last testUpstream().
    server::Upstream lastTested;
    /// The options of the last start(), the settings of the last startLoad().
    server::EngineOptions lastOptions;
    server::LoadSettings lastLoad;
    QString lastReportDirectory;
    LoadThresholdSources lastSources;

    /// Keeps answers back until release().
    void hold() { m_held = true; }
    void release()
    {
        m_held = false;
        flush();
    }
    /// Ends the running load test with this report; its thresholds are
    /// evaluated on it as the real engine does.
    void finishLoad(const server::LoadReport& report, const QString& saveError = {})
    {
        answer([this, report, saveError] {
            m_loadRunning = false;
            server::LoadReport done = report;
            m_thresholds.finish(&done);
            Q_EMIT loadFinished(done, saveError);
        });
    }
    /// The running test has measured soFar (LoadRunner::snapshot): its
    /// thresholds are checked on it as the real engine checks each second;
    /// a check that stops the run is recorded as "abort".
    void measure(const server::LoadReport& soFar)
    {
        std::optional<LoadThresholdCheck> check
            = m_thresholds.poll(server::LoadProgress::Phase::Measuring, [soFar] { return soFar; });
        if (!check)
            return;
        if (!check->abortedBy.empty())
            calls << QStringLiteral("abort");
        answer([this, check = *check] { Q_EMIT loadThresholdsChecked(check); });
    }

    void apply(const server::Workspace&) override
    {
        calls << QStringLiteral("apply");
        answer([this] { Q_EMIT applied(diagnostics); });
    }
    void start(const server::EngineOptions& options) override
    {
        calls << QStringLiteral("start");
        lastOptions = options;
        answer([this, options] {
            if (!startError.isEmpty()) {
                Q_EMIT startFailed(startError);
                return;
            }
            m_running = true;
            m_port = options.port != 0 ? options.port : anyPort;
            m_bound = QString::fromStdString(options.bind);
            Q_EMIT started();
        });
    }
    void stop() override
    {
        calls << QStringLiteral("stop");
        answer([this] {
            m_running = false;
            m_port = 0;
            Q_EMIT stopped();
        });
    }

    bool isRunning() const override { return m_running; }
    quint16 port() const override { return m_port; }
    QString boundAddress() const override { return m_bound; }
    std::uint64_t requestsServed() const override { return m_served; }

    void pollTraffic(std::size_t) override
    {
        calls << QStringLiteral("pollTraffic");
        answer([this] {
            std::vector<server::TrafficEvent> events;
            events.swap(traffic);
            m_served = served;
            Q_EMIT trafficPolled(events);
        });
    }
    void pollUsage() override
    {
        calls << QStringLiteral("pollUsage");
        answer([this] { Q_EMIT usagePolled(usage); });
    }

    void setUpstreamAccess(
        const std::vector<std::string>& allowlist, server::SecretReader secret) override
    {
        upstreamAllowlist = allowlist;
        secretReader = std::move(secret);
        answer([this] { Q_EMIT applied(diagnostics); });
    }
    void setRecording(bool on) override
    {
        calls << (on ? QStringLiteral("setRecording(on)") : QStringLiteral("setRecording(off)"));
        recording = on;
    }
    void pollRecorded() override
    {
        calls << QStringLiteral("pollRecorded");
        answer([this] {
            auto taken = std::move(recorded);
            recorded.clear();
            Q_EMIT recordedPolled(taken);
        });
    }
    void setOffline(bool on) override
    {
        calls << (on ? QStringLiteral("setOffline(on)") : QStringLiteral("setOffline(off)"));
        offline = on;
        answer([this] { Q_EMIT applied(diagnostics); });
    }
    void pollUpstream() override
    {
        calls << QStringLiteral("pollUpstream");
        answer([this] { Q_EMIT upstreamPolled(upstream); });
    }
    quint64 testUpstream(const server::Upstream& tested) override
    {
        calls << QStringLiteral("testUpstream");
        lastTested = tested;
        const quint64 ticket = ++m_tickets;
        answer([this, ticket] { Q_EMIT upstreamTested(ticket, upstreamTest); });
        return ticket;
    }

    std::shared_ptr<server::Metering> metering() const override { return nullptr; }
    std::filesystem::path metricsDatabase() const override { return {}; }

    void startLoad(const server::LoadSettings& settings, const QString& reportDirectory,
        const LoadThresholdSources& sources = {}) override
    {
        calls << QStringLiteral("startLoad");
        lastLoad = settings;
        lastReportDirectory = reportDirectory;
        lastSources = sources;
        answer([this, settings, sources] {
            if (!loadError.isEmpty()) {
                Q_EMIT loadFailed(loadError);
                return;
            }
            std::string error;
            const auto scrape = [this](std::string* text, std::string*) {
                *text = meters;
                return true;
            };
            if (!m_thresholds.prepare(settings, sources, scrape, &error)) {
                Q_EMIT loadFailed(QString::fromStdString(error));
                return;
            }
            m_loadRunning = true;
            Q_EMIT loadStarted();
        });
    }
    void stopLoad() override { calls << QStringLiteral("stopLoad"); }
    server::LoadProgress loadProgress(std::int64_t) const override
    {
        return m_loadRunning ? progress : server::LoadProgress();
    }

private:
    void answer(std::function<void()> done)
    {
        m_pending.push_back(std::move(done));
        if (!m_held)
            QMetaObject::invokeMethod(
                this, [this] { flush(); }, Qt::QueuedConnection);
    }
    void flush()
    {
        while (!m_held && !m_pending.empty()) {
            const std::function<void()> next = std::move(m_pending.front());
            m_pending.erase(m_pending.begin());
            next();
        }
    }

    std::vector<std::function<void()>> m_pending;
    bool m_held = false;
    bool m_running = false;
    quint16 m_port = 0;
    QString m_bound;
    std::uint64_t m_served = 0;
    bool m_loadRunning = false;
    LoadThresholdTracker m_thresholds;
    quint64 m_tickets = 0;
};

} // namespace tollgate::ui::test
