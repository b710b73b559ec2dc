// A load run's thresholds through the real engine facade against the
// embedded server (port 0): checked on the control thread once per measured
// second (a failure is signalled while the run goes on) and at the end,
// where the report carries every outcome and is saved with them; money
// thresholds read the embedded server's meters in process; the first
// failure stops the run when asked; money without the server's meters is
// refused before anything is sent.

#include "testutil.h"

#include "server/load/loadrunstore.h"
#include "server/load/thresholds.h"
#include "ui/common/convert.h"
#include "ui/engine/localengine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

class TestLoadThresholdsEngine : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;

    // GET /ok costs the owner 100 µ$ an answer.
    server::LoadSettings plan(std::vector<std::string> thresholds) const
    {
        server::LoadSettings s;
        s.url = QStringLiteral("http://127.0.0.1:%1").arg(m_engine->port()).toStdString();
        s.connections = 2;
        s.durationSeconds = 3;
        server::LoadTarget target;
        target.path = "/ok";
        s.mix = { target };
        s.thresholds = std::move(thresholds);
        return s;
    }

    static LoadThresholdSources embedded()
    {
        LoadThresholdSources sources;
        sources.embeddedServer = true;
        return sources;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "thresholds";
        ws.dir = pathFromQt(m_dir->path());
        server::Route ok;
        ok.path = "/ok";
        ok.access.costMicros = 100;
        ok.responses.front().body = "{\"ok\":true}";
        ws.routes = { ok };
        m_engine = std::make_unique<LocalEngine>();
        QSignalSpy started(m_engine.get(), &EngineFacade::started);
        m_engine->apply(ws);
        server::EngineOptions options;
        options.bind = "127.0.0.1";
        options.port = 0;
        options.threads = 1;
        options.metricsDatabase = "-";
        m_engine->start(options);
        QVERIFY(started.wait(10'000));
    }

    void cleanup()
    {
        m_engine.reset();
        m_dir.reset();
    }

    void checkedLiveAndAtTheEnd()
    {
        server::LoadSettings s = plan({ "p99<60s", "rps>=100000000", "cost<$0.001" });
        // The meters' baseline is read again when measuring begins.
        s.warmupSeconds = 1;
        const QString runs = QDir(m_dir->path()).filePath(QStringLiteral("runs"));
        QSignalSpy checked(m_engine.get(), &EngineFacade::loadThresholdsChecked);
        QSignalSpy finished(m_engine.get(), &EngineFacade::loadFinished);
        m_engine->startLoad(s, runs, embedded());
        QVERIFY(finished.wait(30'000));

        // Live: a check per measured second (a busy machine may fold two
        // into one), the impossible rate failing in the first, and only there.
        QVERIFY(checked.count() >= 2);
        const auto first = checked.front().at(0).value<LoadThresholdCheck>();
        QVERIFY(first.second >= 1);
        QCOMPARE(first.results.size(), std::size_t(3));
        QCOMPARE(first.newlyFailed, std::vector<std::size_t> { 1 });
        QVERIFY(first.abortedBy.empty());
        QVERIFY(first.results[0].passed);
        QCOMPARE(first.results[1].breachedAt, first.second);
        for (qsizetype i = 1; i < checked.count(); ++i) {
            const auto later = checked.at(i).at(0).value<LoadThresholdCheck>();
            QVERIFY(later.second > checked.at(i - 1).at(0).value<LoadThresholdCheck>().second);
            QVERIFY(later.newlyFailed.empty());
            QCOMPARE(later.results[1].breachedAt, first.second);
        }

        // At the end: one result each, in order; the money from the
        // embedded server's own meters, without a socket.
        const auto report = finished.front().at(0).value<server::LoadReport>();
        QVERIFY(report.total.requests > 0);
        QCOMPARE(report.thresholds.size(), std::size_t(3));
        QVERIFY2(report.thresholds[0].passed, report.thresholds[0].actualText.c_str());
        QVERIFY(!report.thresholds[1].passed);
        QCOMPARE(report.thresholds[1].breachedAt, first.second);
        QVERIFY2(report.thresholds[2].measured && report.thresholds[2].passed,
            report.thresholds[2].actualText.c_str());
        QVERIFY2(report.thresholds[2].actualText.find("per request") != std::string::npos,
            report.thresholds[2].actualText.c_str());
        QVERIFY(report.abortedBy.empty());
        QVERIFY(!report.stopped);

        // Saved with them.
        server::LoadReport saved;
        std::string error;
        QVERIFY2(server::LoadRunStore(toStd(runs)).load(report.id, &saved, &error), error.c_str());
        QCOMPARE(saved.thresholds.size(), report.thresholds.size());
        for (std::size_t i = 0; i < saved.thresholds.size(); ++i) {
            const server::ThresholdResult& a = saved.thresholds[i];
            const server::ThresholdResult& b = report.thresholds[i];
            QCOMPARE(a.threshold, b.threshold);
            QCOMPARE(a.passed, b.passed);
            QCOMPARE(a.measured, b.measured);
            QCOMPARE(a.actualText, b.actualText);
            QCOMPARE(a.breachedAt, b.breachedAt);
            // The file keeps a number's significant digits, not every bit.
            QVERIFY(std::abs(a.actual - b.actual) <= 1e-6 * std::max(1.0, std::abs(b.actual)));
        }
        QCOMPARE(saved.settings.thresholds, s.thresholds);
    }

    void theFirstFailureStopsTheRun()
    {
        server::LoadSettings s = plan({ "p99<60s", "rps>=100000000" });
        s.durationSeconds = 60;
        s.abortOnThreshold = true;
        QSignalSpy checked(m_engine.get(), &EngineFacade::loadThresholdsChecked);
        QSignalSpy finished(m_engine.get(), &EngineFacade::loadFinished);
        QElapsedTimer clock;
        clock.start();
        m_engine->startLoad(s, {}, embedded());
        QVERIFY(finished.wait(30'000));
        // Stopped after its first measured second, not a minute later.
        QVERIFY2(clock.elapsed() < 20'000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!checked.isEmpty());
        QCOMPARE(checked.front().at(0).value<LoadThresholdCheck>().abortedBy,
            std::string("rps>=100000000"));
        const auto report = finished.front().at(0).value<server::LoadReport>();
        QCOMPARE(report.abortedBy, std::string("rps>=100000000"));
        QVERIFY(report.measuredSeconds < 10);
        QCOMPARE(report.thresholds.size(), std::size_t(2));
        QVERIFY(report.thresholds[0].passed);
        QVERIFY(!report.thresholds[1].passed);
        QVERIFY(server::thresholdsFailed(report));
    }

    void moneyWithoutMetersIsRefused()
    {
        // Not the embedded server: no meters the app could read.
        QSignalSpy failed(m_engine.get(), &EngineFacade::loadFailed);
        QSignalSpy started(m_engine.get(), &EngineFacade::loadStarted);
        m_engine->startLoad(plan({ "margin>$0" }), {}, LoadThresholdSources());
        QVERIFY(failed.wait(10'000));
        const QString error = failed.front().at(0).toString();
        QVERIFY2(error.contains(QStringLiteral("thresholds need the server's meters")),
            qPrintable(error));
        QVERIFY(started.isEmpty());
        // Quota burn needs the tiers' quotas the same way.
        m_engine->startLoad(plan({ "quota_burn{tier=\"(no key)\"}<100%" }), {}, embedded());
        QVERIFY(failed.wait(10'000));
        QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("quotas")),
            qPrintable(failed.last().at(0).toString()));
        QVERIFY(started.isEmpty());
    }
};

QTEST_MAIN(TestLoadThresholdsEngine)
#include "tst_loadthresholdsengine.moc"
