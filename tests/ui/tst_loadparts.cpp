// The Load page's parts on their own, over a fake engine (no sockets): the
// settings side (remembered per workspace, problems, the Start and Stop
// buttons following the page's actions, a saved run's settings), the run
// controller (through the engine facade, the embedded server started first,
// progress polled into the live charts and summary, stop, the report, the
// engine refusing, closing while running), the runs view (listing, the
// baseline of a comparison, Use Settings, deleting) and the comparison view.

#include "fakeengine.h"
#include "testutil.h"

#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadcomparisonmodel.h"
#include "ui/load/loadcomparisonview.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadlivecharts.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadpagestate.h"
#include "ui/load/loadruncontroller.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/load/loadrunsview.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/load/loadsummaryview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using test::FakeEngine;

namespace {

server::Route route(const char* method, const char* path, bool enabled = true)
{
    server::Route r;
    r.method = method;
    r.path = path;
    r.enabled = enabled;
    return r;
}

server::LoadReport report(const char* startedAt, std::uint64_t requests, int connections)
{
    server::LoadReport r;
    r.startedAt = startedAt;
    r.settings.url = "http://127.0.0.1:9";
    r.settings.connections = connections;
    r.measuredSeconds = 2;
    r.total.requests = requests;
    r.total.statuses[200] = requests;
    r.total.latency.record(1000, requests);
    return r;
}

} // namespace

class TestLoadParts : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<ServerController> m_server;
    std::unique_ptr<QWidget> m_host;
    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    LoadSettingsSide* m_side = nullptr;
    LoadLiveCharts* m_charts = nullptr;
    LoadSummaryView* m_summary = nullptr;
    LoadRunController* m_run = nullptr;

    void makeParts()
    {
        m_host = std::make_unique<QWidget>();
        m_startAction = new QAction(QStringLiteral("Start"), m_host.get());
        m_stopAction = new QAction(QStringLiteral("Stop"), m_host.get());
        m_side = new LoadSettingsSide(
            m_document.get(), m_server.get(), nullptr, m_startAction, m_stopAction, m_host.get());
        m_charts = new LoadLiveCharts(m_host.get());
        m_summary = new LoadSummaryView(m_host.get());
        m_run = new LoadRunController(m_document.get(), m_server.get(), m_engine.get(), m_side,
            m_charts, m_summary, m_host.get());
        m_side->refreshServer();
        m_side->workspaceOpened();
    }

    // The mix lists the routes in the workspace's order (by file name).
    int mixRowOf(const char* path) const
    {
        for (int r = 0; r < m_side->mixModel()->rowCount(); ++r) {
            if (m_side->mixModel()->row(r).target.path == path)
                return r;
        }
        return -1;
    }

    QString runsDir() const
    {
        return QDir(m_document->directory()).filePath(QStringLiteral(".tollgate/loadruns"));
    }

    void saveRun(server::LoadReport* r)
    {
        std::string error;
        QVERIFY2(server::LoadRunStore(toStd(runsDir())).save(r, &error), error.c_str());
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "parts";
        ws.dir = pathFromQt(m_dir->path());
        // The fake engine binds nothing: the port is what it reports.
        ws.server.port = 8080;
        ws.routes = { route("GET", "/ok"), route("GET", "/paid"), route("GET", "/off", false) };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        m_engine = std::make_unique<FakeEngine>();
        m_document = std::make_unique<WorkspaceDocument>();
        QString why;
        QVERIFY2(m_document->open(m_dir->path(), &why), qPrintable(why));
        m_server = std::make_unique<ServerController>(m_document.get(), m_engine.get());
        makeParts();
    }

    void cleanup()
    {
        m_host.reset();
        m_server.reset();
        m_document.reset();
        m_engine.reset();
        m_dir.reset();
    }

    // --- The settings side ----------------------------------------------

    void settingsAreRememberedPerWorkspace()
    {
        LoadSettingsForm* form = m_side->form();
        QCOMPARE(form->urlEdit()->text(), QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(form->targetsEmbeddedServer());
        // Every route, the disabled one unchecked.
        QCOMPARE(m_side->mixModel()->rowCount(), 3);
        QCOMPARE(m_side->currentSettings().mix.size(), std::size_t(2));
        form->connectionsSpin()->setValue(9);
        QVERIFY(!m_side->mixModel()->row(mixRowOf("/off")).enabled);
        m_side->mixModel()->setEnabled(mixRowOf("/ok"), false);
        m_side->keyModel()->setAnonymousChoice({ true, 3 });
        m_side->keyHeaderCombo()->setCurrentIndex(
            m_side->keyHeaderCombo()->findData(QStringLiteral("X-API-Key")));
        // Written a moment after the last edit.
        const settings::Key<QString> key = settings::loadPageState(m_document->directory());
        key.remove();
        QTRY_VERIFY(!key.read().isEmpty());
        const std::optional<LoadPageState> state = LoadPageState::fromJson(key.read());
        QVERIFY(state);
        QCOMPARE(state->settings.connections, 9);
        QCOMPARE(state->settings.mix.size(), std::size_t(3));
        QCOMPARE(state->settings.mix.size(), state->mixEnabled.size());
        for (std::size_t i = 0; i < state->mixEnabled.size(); ++i)
            QCOMPARE(bool(state->mixEnabled[i]), state->settings.mix[i].path == "/paid");
        QCOMPARE(state->keys.value(QString()), (LoadKeyPoolModel::Choice { true, 3 }));
        QCOMPARE(state->settings.keyHeader, std::string("X-API-Key"));
        QVERIFY(state->followsServer);
        QCOMPARE(state->workspace, m_document->directory());

        // A new side on the same workspace shows them again.
        m_host.reset();
        makeParts();
        QCOMPARE(m_side->form()->settings().connections, 9);
        QVERIFY(!m_side->mixModel()->row(mixRowOf("/ok")).enabled);
        QVERIFY(m_side->mixModel()->row(mixRowOf("/paid")).enabled);
        QCOMPARE(m_side->keyModel()->choices().value(QString()).weight, 3.0);
        QCOMPARE(m_side->keyHeaderCombo()->currentData().toString(), QStringLiteral("X-API-Key"));
    }

    void problemsShowUntilFixed()
    {
        m_side->showProblems({ QStringLiteral("one") });
        QVERIFY(!m_side->problemLabel()->isHidden());
        QCOMPARE(m_side->problemLabel()->text(), QStringLiteral("Cannot start: one"));
        m_side->showProblems({ QStringLiteral("one"), QStringLiteral("two") });
        QCOMPARE(m_side->problemLabel()->text(), QStringLiteral("Cannot start:\n• one\n• two"));
        // The settings are fine: the next edit checks them again.
        m_side->form()->connectionsSpin()->setValue(3);
        QTRY_VERIFY(m_side->problems().isEmpty());
        QVERIFY(m_side->problemLabel()->isHidden());
        // Not while a run goes.
        m_side->setRunning(true);
        m_side->showProblems({ QStringLiteral("one") });
        m_side->form()->connectionsSpin()->setValue(4);
        // Nothing to wait for: that nothing happens is the point.
        QTest::qWait(400);
        QCOMPARE(m_side->problems(), QStringList { QStringLiteral("one") });
    }

    void buttonsFollowThePagesActions()
    {
        auto* start = m_side->findChild<QPushButton*>(QStringLiteral("loadStartButton"));
        auto* stop = m_side->findChild<QPushButton*>(QStringLiteral("loadStopButton"));
        QVERIFY(start && stop);
        QSignalSpy triggered(m_startAction, &QAction::triggered);
        start->click();
        QCOMPARE(triggered.count(), 1);
        m_startAction->setEnabled(false);
        QVERIFY(!start->isEnabled());
        m_stopAction->setEnabled(false);
        QVERIFY(!stop->isEnabled());
        m_stopAction->setEnabled(true);
        QVERIFY(stop->isEnabled());
    }

    void aRunsSettingsUncheckTheRest()
    {
        server::LoadSettings s = m_side->currentSettings();
        s.connections = 5;
        s.mix = { m_side->mixModel()->row(mixRowOf("/paid")).target };
        s.keys.clear();
        s.keyHeader = "X-API-Key";
        m_side->applySettings(s);
        QCOMPARE(m_side->form()->settings().connections, 5);
        // The run's request first and checked, the other routes unchecked.
        QCOMPARE(m_side->mixModel()->rowCount(), 3);
        QVERIFY(m_side->mixModel()->row(0).enabled);
        QCOMPARE(m_side->mixModel()->row(0).target.path, std::string("/paid"));
        QVERIFY(!m_side->mixModel()->row(1).enabled);
        QVERIFY(!m_side->mixModel()->row(2).enabled);
        // No keys: every request goes without one.
        QVERIFY(m_side->keyModel()->choices().value(QString()).enabled);
        QCOMPARE(m_side->keyHeaderCombo()->currentData().toString(), QStringLiteral("X-API-Key"));
    }

    // --- The run controller ---------------------------------------------

    void runGoesThroughTheEngine()
    {
        m_side->form()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
        QSignalSpy launched(m_run, &LoadRunController::launched);
        QSignalSpy started(m_run, &LoadRunController::started);
        QSignalSpy progressed(m_run, &LoadRunController::progressed);
        QSignalSpy status(m_run, &LoadRunController::statusChanged);
        QSignalSpy ready(m_run, &LoadRunController::reportReady);
        QSignalSpy finished(m_run, &LoadRunController::finished);
        QVERIFY(m_run->start());
        QVERIFY(m_run->isRunning());
        QVERIFY(!m_run->start());
        QCOMPARE(launched.count(), 1);
        QCOMPARE(m_engine->lastLoad.url, std::string("http://127.0.0.1:9/"));
        QCOMPARE(m_engine->lastLoad.mix.size(), std::size_t(2));
        QCOMPARE(m_engine->lastReportDirectory, runsDir());
        QVERIFY(started.wait(5000));

        // Two seconds come in: the warm-up one and a measured one.
        server::LoadProgress& progress = m_engine->progress;
        progress.phase = server::LoadProgress::Phase::Measuring;
        progress.requests = 30;
        progress.seconds.resize(2);
        progress.seconds[0].warmup = true;
        progress.seconds[0].requests = 10;
        progress.seconds[1].second = 1;
        progress.seconds[1].requests = 20;
        progress.seconds[1].classes[2] = 20;
        progress.seconds[1].latency.record(2000, 20);
        QVERIFY(progressed.wait(5000));
        progress.seconds.clear();
        QCOMPARE(m_charts->secondCount(), 2);
        QVERIFY(m_summary->hasResults());
        QCOMPARE(m_summary->tileText(QStringLiteral("requests")), QStringLiteral("20"));
        QVERIFY(status.last().at(0).toString().contains(QStringLiteral("measuring")));

        m_run->stop();
        QVERIFY(m_run->isStopping());
        QCOMPARE(m_engine->calls.back(), QStringLiteral("stopLoad"));
        QVERIFY(status.last().at(0).toString().contains(QStringLiteral("stopping")));
        server::LoadReport r = report("2026-11-27T13:15:00Z", 20, 4);
        r.id = "20261127-131500";
        r.stopped = true;
        m_engine->finishLoad(r);
        QVERIFY(finished.wait(5000));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(ready.front().at(0).value<server::LoadReport>().total.requests, 20u);
        QVERIFY(!m_run->isRunning());
        QVERIFY(!m_run->isStopping());
        const QString last = status.last().at(0).toString();
        QVERIFY2(last.contains(QStringLiteral("Stopped")), qPrintable(last));
        QVERIFY2(last.contains(QStringLiteral("saved as 20261127-131500")), qPrintable(last));
    }

    void theStoppedEmbeddedServerStartsFirst()
    {
        QVERIFY(!m_server->isRunning());
        QVERIFY(m_side->form()->targetsEmbeddedServer());
        QSignalSpy status(m_run, &LoadRunController::statusChanged);
        QSignalSpy started(m_run, &LoadRunController::started);
        QVERIFY(m_run->start());
        QCOMPARE(status.last().at(0).toString(), QStringLiteral("Starting the embedded server…"));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));
        QVERIFY(started.wait(5000));
        QVERIFY(m_server->isRunning());
        QCOMPARE(m_engine->calls.count(QStringLiteral("startLoad")), 1);
        QCOMPARE(m_engine->lastLoad.url, std::string("http://127.0.0.1:8080"));
    }

    void aServerThatCannotStartEndsTheRun()
    {
        m_engine->startError = QStringLiteral("address in use");
        QVERIFY(m_run->start());
        QTRY_VERIFY(!m_run->isRunning());
        QCOMPARE(m_side->problems().size(), 1);
        QVERIFY(m_side->problems().front().startsWith(
            QStringLiteral("The embedded server could not start: ")));
        QVERIFY(m_side->problems().front().contains(QStringLiteral("address in use")));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));
    }

    void stopWhileTheServerStartsCallsTheRunOff()
    {
        m_engine->hold();
        QVERIFY(m_run->start());
        m_run->stop();
        QVERIFY(!m_run->isRunning());
        m_engine->release();
        QTRY_VERIFY(m_server->isRunning());
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("stopLoad")));
    }

    void wrongSettingsStartNothing()
    {
        m_side->form()->connectionsSpin()->setValue(1);
        m_side->form()->durationSpin()->setValue(0);
        QSignalSpy messages(m_run, &LoadRunController::message);
        QVERIFY(!m_run->start());
        QVERIFY(!m_run->isRunning());
        QVERIFY(!m_side->problems().isEmpty());
        QCOMPARE(messages.count(), 1);
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));
    }

    void theEngineRefusing()
    {
        m_side->form()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
        m_engine->loadError = QStringLiteral("first\nsecond");
        QSignalSpy status(m_run, &LoadRunController::statusChanged);
        QVERIFY(m_run->start());
        QTRY_VERIFY(!m_run->isRunning());
        QCOMPARE(m_side->problems(),
            (QStringList { QStringLiteral("first"), QStringLiteral("second") }));
        QVERIFY(status.last().at(0).toString().startsWith(QStringLiteral("Ready · ")));
    }

    void closingWhileRunningStopsTheRun()
    {
        m_side->form()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
        QVERIFY(m_run->start());
        m_engine->calls.clear();
        m_host.reset();
        QCOMPARE(m_engine->calls, QStringList { QStringLiteral("stopLoad") });
    }

    // --- The runs and the comparison ------------------------------------

    void runsListShowAndCompare()
    {
        LoadRunsView view(m_document.get());
        QCOMPARE(view.directory(), runsDir());
        server::LoadReport older = report("2026-11-27T10:00:00Z", 100, 2);
        server::LoadReport newer = report("2026-11-27T11:00:00Z", 300, 8);
        saveRun(&older);
        saveRun(&newer);
        QSignalSpy refreshed(&view, &LoadRunsView::refreshed);
        view.refresh();
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(view.model()->rowCount(), 2);

        auto* show = view.findChild<QPushButton*>(QStringLiteral("loadOpenRunButton"));
        auto* compare = view.findChild<QPushButton*>(QStringLiteral("loadCompareButton"));
        auto* use = view.findChild<QPushButton*>(QStringLiteral("loadUseSettingsButton"));
        auto* remove = view.findChild<QPushButton*>(QStringLiteral("loadDeleteRunButton"));
        QVERIFY(!show->isEnabled() && !compare->isEnabled() && !remove->isEnabled());

        view.select(toQt(newer.id));
        QCOMPARE(view.selectedIds(), QStringList { toQt(newer.id) });
        QVERIFY(show->isEnabled() && use->isEnabled() && !compare->isEnabled());
        view.setRunning(true);
        QVERIFY(!show->isEnabled() && !use->isEnabled() && remove->isEnabled());
        view.setRunning(false);

        QSignalSpy open(&view, &LoadRunsView::openRequested);
        show->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.front().at(0).toString(), toQt(newer.id));
        QSignalSpy settings(&view, &LoadRunsView::settingsRequested);
        use->click();
        QCOMPARE(settings.count(), 1);
        QCOMPARE(settings.front().at(0).value<server::LoadSettings>().connections, 8);

        // Compare: the older run is the baseline, whatever the order shown.
        view.view()->selectAll();
        QVERIFY(compare->isEnabled());
        QSignalSpy compared(&view, &LoadRunsView::compareRequested);
        compare->click();
        QCOMPARE(compared.count(), 1);
        QCOMPARE(compared.front().at(0).toString(), toQt(older.id));
        QCOMPARE(compared.front().at(1).toString(), toQt(newer.id));

        server::LoadReport read;
        QString why;
        QVERIFY(view.read(toQt(older.id), &read, &why));
        QCOMPARE(read.total.requests, 100u);
        QVERIFY(!view.read(QStringLiteral("nope"), &read, &why));
        QVERIFY(!why.isEmpty());

        // Deleting keeps the other run selected.
        QVERIFY(view.remove(toQt(older.id), false));
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.selectedIds(), QStringList { toQt(newer.id) });
        QVERIFY(!QFile::exists(QDir(runsDir()).filePath(toQt(older.id) + QStringLiteral(".json"))));
    }

    void streamRunsAreSetAndReported()
    {
        // The switch goes into the settings and back.
        LoadSettingsForm* form = m_side->form();
        auto* stream = form->findChild<QCheckBox*>(QStringLiteral("loadStreamCheck"));
        QVERIFY(stream);
        QVERIFY(!form->settings().stream);
        stream->setChecked(true);
        QVERIFY(form->settings().stream);
        server::LoadSettings s = form->settings();
        s.stream = false;
        form->setSettings(s);
        QVERIFY(!stream->isChecked());

        // A stream run's summary names its streams, events, tokens and first event.
        server::LoadReport r = report("2026-12-07T10:00:00Z", 40, 4);
        r.settings.stream = true;
        r.total.streams = 40;
        r.total.events = 2'000;
        r.total.tokens = 1'200;
        r.total.firstEvent.record(3'000, 40);
        LoadSummaryView view;
        view.setReport(r);
        const QString notes = view.findChild<QLabel*>(QStringLiteral("loadSummaryNotes"))->text();
        QVERIFY2(notes.contains(QStringLiteral("Streams: 40")), qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("(1,000.0/s)"))
                || notes.contains(QStringLiteral("(1000.0/s)")),
            qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("tokens: 1,200"))
                || notes.contains(QStringLiteral("tokens: 1200")),
            qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("first event: p50")), qPrintable(notes));
        // A request run says nothing of streams.
        view.setReport(report("2026-12-07T10:00:00Z", 40, 4));
        QVERIFY(!view.findChild<QLabel*>(QStringLiteral("loadSummaryNotes"))
                     ->text()
                     .contains(QStringLiteral("Streams")));
    }

    void comparisonShowsTwoRuns()
    {
        LoadComparisonView view;
        QAbstractItemModelTester tester(view.model());
        auto* copy = view.findChild<QPushButton*>(QStringLiteral("loadCopyComparisonButton"));
        auto* caption = view.findChild<QLabel*>(QStringLiteral("loadComparisonLabel"));
        QVERIFY(!copy->isEnabled());
        QVERIFY(caption->text().contains(QStringLiteral("Compare")));
        const server::LoadReport a = report("2026-11-27T10:00:00Z", 100, 2);
        const server::LoadReport b = report("2026-11-27T11:00:00Z", 300, 8);
        view.compare(a, b, {});
        QVERIFY(!view.model()->isEmpty());
        QVERIFY(view.view()->model() == view.model());
        QCOMPARE(view.text(), toQt(server::loadComparisonText(a, b)));
        QVERIFY(caption->text().contains(QStringLiteral("baseline")));
        QVERIFY(copy->isEnabled());
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), view.text());
        // Cleared: the table and the text go, the caption stays.
        view.clear();
        QVERIFY(view.model()->isEmpty());
        QVERIFY(view.text().isEmpty());
        QVERIFY(!copy->isEnabled());
        QVERIFY(caption->text().contains(QStringLiteral("baseline")));
    }
};

QTEST_MAIN(TestLoadParts)
#include "tst_loadparts.moc"
