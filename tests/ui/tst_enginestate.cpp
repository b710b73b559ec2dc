// How the window talks to the engine and shows what it says, over a fake
// engine (no sockets): starting, serving, a start that fails, stopping,
// problems from an apply, traffic and the request count, a revoked key
// applied at once, a restart when the address changes, usage, a load run the
// engine refuses or ends, and closing the window.

#include "fakeengine.h"
#include "testutil.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadpanel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/trafficlogmodel.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using test::FakeEngine;

class TestEngineState : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    template <typename T> T* child(const char* name)
    {
        return test::child<T>(m_window.get(), name);
    }
    QString text(const char* label) { return child<QLabel>(label)->text(); }
    ServerController* server() { return m_window->serverController(); }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "fake";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        server::Route route;
        route.path = "/ok";
        ws.routes = { route };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        m_engine = std::make_unique<FakeEngine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        // Opening applies the workspace and reads its usage.
        QTRY_COMPARE(m_engine->calls.mid(0, 2),
            (QStringList { QStringLiteral("apply"), QStringLiteral("pollUsage") }));
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void startingThenServing()
    {
        auto* start = child<QAction>("startServerAction");
        auto* stop = child<QAction>("stopServerAction");
        QVERIFY(start->isEnabled());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Stopped"));
        m_engine->calls.clear();
        m_engine->hold();
        start->trigger();
        // Applied first, then started; until the engine answers, neither
        // button does anything.
        QCOMPARE(
            m_engine->calls, (QStringList { QStringLiteral("apply"), QStringLiteral("start") }));
        QCOMPARE(m_engine->lastOptions.port, 0);
        QCOMPARE(m_engine->lastOptions.workerNice, 5);
        QVERIFY(server()->isBusy());
        QVERIFY(!server()->isRunning());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Starting…"));
        QVERIFY(!start->isEnabled());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(text("serverStateLabel"), QStringLiteral("Server stopped"));

        QSignalSpy started(server(), &ServerController::started);
        m_engine->release();
        QCOMPARE(started.count(), 1);
        QVERIFY(server()->isRunning());
        QCOMPARE(server()->baseUrl(), QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(server()->expectedBaseUrl(), server()->baseUrl());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Serving on http://127.0.0.1:8080"));
        QVERIFY(text("serverStateLabel").startsWith(QStringLiteral("Serving :8080")));
        QVERIFY(!start->isEnabled());
        QVERIFY(stop->isEnabled());
        QVERIFY(child<QAction>("copyBaseUrlAction")->isEnabled());
    }

    void recordModeTurnsAnswersIntoRoutes()
    {
        auto* record = child<QAction>("recordAction");
        auto* offline = child<QAction>("offlineAction");
        auto* recorded = child<QLabel>("recordedLabel");
        // Shown or hidden by its place in the server bar (which may put it
        // in its overflow menu when the window is narrow).
        auto* bar = child<QToolBar>("serverBar");
        QAction* recordedItem = nullptr;
        for (QAction* a : bar->actions()) {
            if (bar->widgetForAction(a) == recorded)
                recordedItem = a;
        }
        QVERIFY(recordedItem);
        QVERIFY(!recordedItem->isVisible());
        QVERIFY(test::startServer(server()));
        m_engine->calls.clear();
        record->trigger();
        QVERIFY(server()->isRecording());
        QVERIFY(m_engine->recording);
        QVERIFY(!offline->isEnabled()); // offline, nothing would be recorded
        QVERIFY(recordedItem->isVisible());
        QCOMPARE(recorded->text(), QStringLiteral("0 route(s) recorded"));

        // Two answers from the fallback upstream: one new route with a rule
        // per user id, one undo step, the selection left alone.
        server::RecordedExchange a;
        a.method = "GET";
        a.path = "/users/1";
        a.status = 200;
        a.headers = { { "Content-Type", "application/json" }, { "Set-Cookie", "sid=1" } };
        a.body = R"({"id":1})";
        server::RecordedExchange b = a;
        b.path = "/users/2";
        b.body = R"({"id":2})";
        m_engine->recorded = { a, b };
        auto* doc = m_window->document();
        const int undoBefore = doc->undoStack()->count();
        QSignalSpy changed(server(), &ServerController::recordingChanged);
        QVERIFY(changed.wait(5000)); // the next poll takes them
        QVERIFY(m_engine->calls.contains(QStringLiteral("pollRecorded")));
        QCOMPARE(doc->routeCount(), 2);
        const server::Route& route = doc->route(1);
        QCOMPARE(route.path, std::string("/users/{userId}"));
        QCOMPARE(route.responses.size(), std::size_t(2));
        QCOMPARE(route.rules.size(), std::size_t(2));
        for (const auto& h : route.responses[0].headers)
            QVERIFY(h.name != "Set-Cookie");
        QCOMPARE(doc->undoStack()->count(), undoBefore + 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Record 2 answer(s)"));
        QCOMPARE(server()->recordedRoutes(), 1);
        QCOMPARE(recorded->text(), QStringLiteral("1 route(s) recorded"));
        doc->undoStack()->undo();
        QCOMPARE(doc->routeCount(), 1);

        // Off: recording stops at the engine, what came meanwhile is taken.
        m_engine->calls.clear();
        record->trigger();
        QVERIFY(!m_engine->recording);
        QVERIFY(m_engine->calls.contains(QStringLiteral("pollRecorded")));
        QVERIFY(offline->isEnabled());
        offline->trigger();
        QVERIFY(server()->isOffline());
        QVERIFY(m_engine->offline);
        QVERIFY(!record->isEnabled());
        offline->trigger();
        QVERIFY(!m_engine->offline);
    }

    void startFailureIsShown()
    {
        m_engine->startError = QStringLiteral("address already in use");
        QSignalSpy failed(server(), &ServerController::startFailed);
        child<QAction>("startServerAction")->trigger();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.front().front().toString(), QStringLiteral("address already in use"));
        QCOMPARE(server()->lastError(), QStringLiteral("address already in use"));
        QVERIFY(!server()->isRunning());
        QVERIFY(!server()->isBusy());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Not serving: address already in use"));
        QCOMPARE(m_window->statusBar()->currentMessage(),
            QStringLiteral("Cannot start the server: address already in use"));
        // It can be tried again.
        QVERIFY(child<QAction>("startServerAction")->isEnabled());
        m_engine->startError.clear();
        QVERIFY(test::startServer(server()));
        QVERIFY(server()->lastError().isEmpty());
    }

    void stoppingWaitsForTheEngine()
    {
        QVERIFY(test::startServer(server()));
        m_engine->calls.clear();
        m_engine->hold();
        child<QAction>("stopServerAction")->trigger();
        // Stop, then what was answered just before it still reaches the log.
        QCOMPARE(m_engine->calls,
            (QStringList { QStringLiteral("stop"), QStringLiteral("pollTraffic"),
                QStringLiteral("pollUsage") }));
        QVERIFY(server()->isRunning());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Stopping…"));
        QVERIFY(!child<QAction>("stopServerAction")->isEnabled());
        server::TrafficEvent last;
        last.method = "GET";
        last.target = "/ok";
        last.status = 200;
        m_engine->traffic = { last };
        QSignalSpy stopped(server(), &ServerController::stopped);
        m_engine->release();
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!server()->isRunning());
        QCOMPARE(text("serverStatusLabel"), QStringLiteral("Stopped"));
        QCOMPARE(text("serverStateLabel"), QStringLiteral("Server stopped"));
        QCOMPARE(m_window->trafficModel()->rowCount(), 1);
        QVERIFY(child<QAction>("startServerAction")->isEnabled());
    }

    void trafficAndRequestCount()
    {
        QVERIFY(test::startServer(server()));
        std::vector<server::TrafficEvent> events(3);
        for (server::TrafficEvent& e : events) {
            e.method = "GET";
            e.target = "/ok";
            e.status = 200;
        }
        m_engine->traffic = events;
        m_engine->served = 3;
        // Polled at 4 Hz while serving.
        QTRY_COMPARE(m_window->trafficModel()->rowCount(), 3);
        QCOMPARE(text("serverStateLabel"), QStringLiteral("Serving :8080 · 3 request(s)"));
    }

    void applyProblemsAreListed()
    {
        server::Diagnostic problem;
        problem.file = "routes/get-ok.json";
        problem.line = 3;
        problem.message = "body: template error";
        m_engine->diagnostics = { problem };
        QSignalSpy changed(server(), &ServerController::diagnosticsChanged);
        QVERIFY(test::applyNow(server()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(server()->diagnostics().size(), std::size_t(1));
        QCOMPARE(child<QToolButton>("problemsButton")->text(), QStringLiteral("1 problem(s)"));
        QCOMPARE(child<QDockWidget>("problemsDock")->windowTitle(), QStringLiteral("Problems (1)"));
        // The same problems again change nothing.
        QVERIFY(test::applyNow(server()));
        QCOMPARE(changed.count(), 1);
        m_engine->diagnostics.clear();
        QVERIFY(test::applyNow(server()));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(child<QToolButton>("problemsButton")->text(), QStringLiteral("0 problem(s)"));
    }

    void revokingAppliesAtOnceEditsAfterAPause()
    {
        server::KeyOptions options;
        options.tier = "free";
        server::NewKey key;
        std::string error;
        QVERIFY2(server::createKey("dev", options, 1'700'000'000, &key, &error), error.c_str());
        WorkspaceDocument* document = m_window->document();
        m_engine->calls.clear();
        document->setKeys({ key.record }, QStringLiteral("Create key"));
        // An edit waits for the burst to pause.
        QVERIFY(!m_engine->calls.contains(QStringLiteral("apply")));
        QTRY_VERIFY(m_engine->calls.contains(QStringLiteral("apply")));

        // A revoked key is asked to stop before revokeKey() returns.
        m_engine->calls.clear();
        QString why;
        QVERIFY2(document->revokeKey(toQt(key.record.id), 1'700'000'100, &why), qPrintable(why));
        QCOMPARE(m_engine->calls.mid(0, 1), QStringList { QStringLiteral("apply") });
    }

    void newPortRestarts()
    {
        QVERIFY(test::startServer(server()));
        m_engine->calls.clear();
        QSignalSpy started(server(), &ServerController::started);
        child<QSpinBox>("portSpin")->setValue(9090);
        QVERIFY(started.wait(5000));
        QCOMPARE(m_engine->calls.mid(0, 1), QStringList { QStringLiteral("stop") });
        QVERIFY(m_engine->calls.contains(QStringLiteral("start")));
        QVERIFY(m_engine->calls.indexOf(QStringLiteral("start"))
            > m_engine->calls.indexOf(QStringLiteral("stop")));
        QCOMPARE(m_engine->lastOptions.port, 9090);
        QCOMPARE(server()->baseUrl(), QStringLiteral("http://127.0.0.1:9090"));
    }

    void usageIsSortedAndChangesOnce()
    {
        server::KeyUsage a;
        a.keyId = "key_b";
        a.month = "2026-11";
        a.requests = 2;
        server::KeyUsage b;
        b.keyId = "key_a";
        b.month = "2026-11";
        b.requests = 1;
        QSignalSpy changed(server(), &ServerController::usageChanged);
        m_engine->usage = { a, b };
        QVERIFY(test::startServer(server()));
        QTRY_COMPARE(server()->usage().size(), std::size_t(2));
        QCOMPARE(server()->usage().front().keyId, std::string("key_a"));
        // Polled again and again with the same numbers: one change.
        QTRY_VERIFY(m_engine->calls.count(QStringLiteral("pollUsage")) >= 4);
        QCOMPARE(changed.count(), 1);
    }

    void loadRunTheEngineRefuses()
    {
        LoadPanel* panel = m_window->loadPanel();
        panel->settingsForm()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
        m_engine->loadError = QStringLiteral("the plan cannot run\nsecond reason");
        QVERIFY(panel->start());
        QVERIFY(panel->isRunning());
        QCOMPARE(m_engine->lastReportDirectory,
            QDir(m_dir->path()).filePath(QStringLiteral(".tollgate/loadruns")));
        QTRY_VERIFY(!panel->isRunning());
        QCOMPARE(panel->problems(),
            (QStringList {
                QStringLiteral("the plan cannot run"), QStringLiteral("second reason") }));
        QVERIFY(panel->startAction()->isEnabled());
    }

    void loadRunEndsWhenTheEngineSaysSo()
    {
        LoadPanel* panel = m_window->loadPanel();
        panel->settingsForm()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
        QSignalSpy started(panel, &LoadPanel::started);
        QSignalSpy finished(panel, &LoadPanel::finished);
        QVERIFY(panel->start());
        QVERIFY(started.wait(5000));
        panel->stop();
        QCOMPARE(m_engine->calls.back(), QStringLiteral("stopLoad"));
        server::LoadReport report;
        report.id = "20261127-131500";
        report.stopped = true;
        report.total.requests = 42;
        m_engine->finishLoad(report);
        QVERIFY(finished.wait(5000));
        QVERIFY(!panel->isRunning());
        QVERIFY(panel->shownReport());
        QCOMPARE(panel->shownReport()->total.requests, 42u);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("saved as 20261127-131500")));
    }

    void closingTheWindowStopsServing()
    {
        QVERIFY(test::startServer(server()));
        m_engine->calls.clear();
        m_window.reset();
        QVERIFY(m_engine->calls.contains(QStringLiteral("stop")));
    }
};

QTEST_MAIN(TestEngineState)
#include "tst_enginestate.moc"
