// Thresholds on the Load page, over a fake engine (no sockets): typed in the
// settings side's Thresholds table, each checked as typed (a bad one shows
// the parser's sentence and stays), removed with Delete; remembered with the
// page's settings and put back from a saved run's; handed to the engine with
// what they read (the embedded server's meters, the tiers' quotas); checked
// live (a failure shows at once) and at the end; the first failure stops the
// run when asked; the summary of a finished run, and of one opened from the
// runs list, says which passed and which failed.

#include "fakeengine.h"
#include "testutil.h"

#include "server/load/loadrunstore.h"
#include "server/load/thresholds.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadpagestate.h"
#include "ui/load/loadpanel.h"
#include "ui/load/loadruncontroller.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/load/loadsummaryview.h"
#include "ui/load/loadthresholdmodel.h"
#include "ui/load/loadthresholdseditor.h"
#include "ui/load/loadthresholdtext.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using test::FakeEngine;

namespace {

server::Route route(const char* method, const char* path)
{
    server::Route r;
    r.method = method;
    r.path = path;
    return r;
}

// What the runner has measured after `seconds`: `requests` answers of 2 ms.
server::LoadReport measured(double seconds, std::uint64_t requests)
{
    server::LoadReport r;
    r.startedAt = "2026-12-01T10:00:00Z";
    r.measuredSeconds = seconds;
    r.total.requests = requests;
    r.total.statuses[200] = requests;
    r.total.latency.record(2000, requests);
    return r;
}

QString parserSentence(const char* text)
{
    server::Threshold t;
    std::string error;
    if (server::parseThreshold(text, &t, &error))
        return {};
    return toQt(error);
}

} // namespace

class TestLoadThresholds : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<ServerController> m_server;
    std::unique_ptr<LoadPanel> m_panel;

    LoadThresholdsEditor* editor() const { return m_panel->settingsSide()->thresholdsEditor(); }
    LoadThresholdModel* model() const { return editor()->model(); }

    void makePanel()
    {
        m_panel = std::make_unique<LoadPanel>(
            m_document.get(), m_server.get(), m_engine.get(), nullptr);
        m_panel->resize(1400, 900);
        m_panel->setPollInterval(20);
    }

    // An external target: the fake engine's run starts at once.
    void targetElsewhere()
    {
        m_panel->settingsForm()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:9/"));
    }

    void setThresholds(const std::vector<std::string>& thresholds, bool abort = false)
    {
        editor()->setThresholds(thresholds, abort);
    }

    // Starts a run and waits until the engine has started it.
    bool startRun()
    {
        QSignalSpy started(m_panel->runController(), &LoadRunController::started);
        if (!m_panel->start()) {
            qWarning("did not start: %s", qPrintable(m_panel->problems().join(QLatin1Char(';'))));
            return false;
        }
        return started.wait(5000);
    }

    // Ends the run with this report and waits until the page shows it.
    bool finishRun(const server::LoadReport& report)
    {
        QSignalSpy finished(m_panel.get(), &LoadPanel::finished);
        m_engine->finishLoad(report);
        return finished.wait(5000);
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "thresholds";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 8080;
        ws.routes = { route("GET", "/ok"), route("GET", "/slow") };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        m_engine = std::make_unique<FakeEngine>();
        m_document = std::make_unique<WorkspaceDocument>();
        QString why;
        QVERIFY2(m_document->open(m_dir->path(), &why), qPrintable(why));
        m_server = std::make_unique<ServerController>(m_document.get(), m_engine.get());
        makePanel();
    }

    void cleanup()
    {
        m_panel.reset();
        m_server.reset();
        m_document.reset();
        m_engine.reset();
        m_dir.reset();
    }

    // --- Setting them ----------------------------------------------------

    void theModelBehaves()
    {
        LoadThresholdModel m;
        QAbstractItemModelTester tester(&m);
        QSignalSpy changed(&m, &LoadThresholdModel::thresholdsChanged);
        m.setThresholds({ "p95<200ms", "nonsense" });
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.columnCount(), int(LoadThresholdModel::ColumnCount));
        QVERIFY(m.insertRows(1, 2));
        QCOMPARE(m.rowCount(), 4);
        // Empty rows change no run.
        QCOMPARE(m.thresholds(), (std::vector<std::string> { "p95<200ms", "nonsense" }));
        QVERIFY(m.setData(
            m.index(1, LoadThresholdModel::ThresholdColumn), QStringLiteral("  errors<1%  ")));
        QCOMPARE(m.index(1, 0).data().toString(), QStringLiteral("errors<1%"));
        QVERIFY(!m.setData(m.index(1, LoadThresholdModel::MeaningColumn), QStringLiteral("x")));
        QVERIFY(!(m.flags(m.index(1, LoadThresholdModel::MeaningColumn)) & Qt::ItemIsEditable));
        QVERIFY(m.flags(m.index(1, LoadThresholdModel::ThresholdColumn)) & Qt::ItemIsEditable);
        QVERIFY(m.removeRows(2, 1));
        QVERIFY(!m.removeRows(5, 1));
        QCOMPARE(
            m.thresholds(), (std::vector<std::string> { "p95<200ms", "errors<1%", "nonsense" }));
        QVERIFY(changed.count() >= 3);
        // What a good one means, in words.
        QCOMPARE(m.index(0, LoadThresholdModel::MeaningColumn).data().toString(),
            QStringLiteral("✓ p95 latency below 200 ms"));
        QCOMPARE(m.problems(), QStringList { parserSentence("nonsense") });
    }

    void typingThresholdsChecksEach()
    {
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        QTabWidget* tabs = m_panel->settingsSide()->listTabs();
        tabs->setCurrentIndex(LoadSettingsSide::ThresholdsTab);
        LoadThresholdsEditor* e = editor();
        QVERIFY(e->isVisible());
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(e->problemLabel()->isHidden());
        QCOMPARE(tabs->tabText(LoadSettingsSide::ThresholdsTab), QStringLiteral("Thresholds (0)"));

        // Add opens the new row's editor; typing and Return commit it.
        e->addButton()->click();
        QCOMPARE(model()->rowCount(), 1);
        auto* line = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(line);
        QTest::keyClicks(line, QStringLiteral("p95<200ms"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(model()->thresholds(), std::vector<std::string> { "p95<200ms" });
        QVERIFY(model()->problem(0).isEmpty());
        QVERIFY(e->problemLabel()->isHidden());
        QCOMPARE(m_panel->currentSettings().thresholds, std::vector<std::string> { "p95<200ms" });

        // A bad one says what the parser says, and stays to be fixed.
        QVERIFY(model()->insertRows(1, 1));
        QVERIFY(model()->setData(model()->index(1, 0), QStringLiteral("p95<fast")));
        const QString sentence = parserSentence("p95<fast");
        QVERIFY(!sentence.isEmpty());
        QCOMPARE(model()->problem(1), sentence);
        QVERIFY(e->problemLabel()->isVisible());
        QCOMPARE(e->problemLabel()->text(), sentence);
        // The tab says so too, for when another tab is shown.
        QCOMPARE(
            tabs->tabText(LoadSettingsSide::ThresholdsTab), QStringLiteral("Thresholds (2) ⚠"));
        QCOMPARE(tabs->tabToolTip(LoadSettingsSide::ThresholdsTab), sentence);
        QVERIFY(model()
                    ->index(1, LoadThresholdModel::MeaningColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("✗ ")));
        QCOMPARE(m_panel->currentSettings().thresholds,
            (std::vector<std::string> { "p95<200ms", "p95<fast" }));
        // The run refuses it, with the same sentence among its problems.
        targetElsewhere();
        QVERIFY(!m_panel->start());
        QVERIFY2(m_panel->problems().contains(sentence),
            qPrintable(m_panel->problems().join(QLatin1Char('\n'))));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));

        // A tier no key of the pool has, a route the mix lacks: the run's own
        // sentences, again as typed.
        QVERIFY(model()->setData(model()->index(1, 0), QStringLiteral("status429{tier=gold}<5%")));
        QVERIFY2(model()->problem(1).contains(QStringLiteral("no key of the pool has the tier")),
            qPrintable(model()->problem(1)));
        QVERIFY(model()->setData(
            model()->index(1, 0), QStringLiteral("p99{route=\"GET /nowhere\"}<1s")));
        QVERIFY2(model()->problem(1).contains(QStringLiteral("the route mix has no")),
            qPrintable(model()->problem(1)));
        QVERIFY(
            model()->setData(model()->index(1, 0), QStringLiteral("p99{route=\"GET /ok\"}<1s")));
        QVERIFY(model()->problem(1).isEmpty());
        QVERIFY(e->problemLabel()->isHidden());
        // ... and when the route leaves the mix, it is one again.
        LoadMixModel* mix = m_panel->mixModel();
        for (int row = 0; row < mix->rowCount(); ++row) {
            if (mix->row(row).target.path == "/ok")
                mix->setEnabled(row, false);
        }
        QVERIFY2(model()->problem(1).contains(QStringLiteral("the route mix has no")),
            qPrintable(model()->problem(1)));

        // Delete removes the selected threshold.
        e->view()->setFocus();
        e->view()->setCurrentIndex(model()->index(1, 0));
        QTest::keyClick(e->view(), Qt::Key_Delete);
        QCOMPARE(model()->thresholds(), std::vector<std::string> { "p95<200ms" });
        QVERIFY(e->problemLabel()->isHidden());
        QTest::keyClick(e->view(), Qt::Key_Delete);
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(!e->removeButton()->isEnabled());
        QCOMPARE(tabs->tabText(LoadSettingsSide::ThresholdsTab), QStringLiteral("Thresholds (0)"));
    }

    void thresholdsAreRememberedAndComeBackFromARun()
    {
        setThresholds({ "p99<60s", "p95<fast" }, true);
        const settings::Key<QString> key = settings::loadPageState(m_document->directory());
        key.remove();
        // Written a moment after the last edit, like every other setting.
        QTRY_VERIFY(!key.read().isEmpty());
        const std::optional<LoadPageState> state = LoadPageState::fromJson(key.read());
        QVERIFY(state);
        QCOMPARE(state->settings.thresholds, (std::vector<std::string> { "p99<60s", "p95<fast" }));
        QVERIFY(state->settings.abortOnThreshold);

        // A new page on the same workspace shows them again, bad one and all.
        m_panel.reset();
        makePanel();
        QCOMPARE(model()->thresholds(), (std::vector<std::string> { "p99<60s", "p95<fast" }));
        QVERIFY(editor()->abortCheck()->isChecked());
        QVERIFY(!editor()->problemLabel()->isHidden());

        // A saved run's settings (Use Settings) bring theirs.
        server::LoadSettings s = m_panel->currentSettings();
        s.thresholds = { "errors<1%" };
        s.abortOnThreshold = false;
        m_panel->applySettings(s);
        QCOMPARE(model()->thresholds(), std::vector<std::string> { "errors<1%" });
        QVERIFY(!editor()->abortCheck()->isChecked());
        QCOMPARE(m_panel->currentSettings().thresholds, std::vector<std::string> { "errors<1%" });
        QVERIFY(!m_panel->currentSettings().abortOnThreshold);
    }

    // --- Running them ----------------------------------------------------

    void aPassingRun()
    {
        targetElsewhere();
        setThresholds({ "p99<60s", "errors<1%" });
        QVERIFY(startRun());
        QCOMPARE(
            m_engine->lastLoad.thresholds, (std::vector<std::string> { "p99<60s", "errors<1%" }));
        // Elsewhere: no meters to read; the workspace's tiers give quotas.
        QVERIFY(!m_engine->lastSources.embeddedServer);
        QVERIFY(m_engine->lastSources.quotas);
        QVERIFY(m_engine->lastSources.quotas->count("free") == 1);
        // Before the first check each is waiting.
        LoadSummaryView* summary = m_panel->summaryView();
        QVERIFY2(summary->thresholdText().contains(QStringLiteral("… waiting · p99<60s")),
            qPrintable(summary->thresholdText()));

        QSignalSpy messages(m_panel.get(), &LoadPanel::message);
        QSignalSpy checked(m_engine.get(), &EngineFacade::loadThresholdsChecked);
        m_engine->measure(measured(1, 20));
        QVERIFY(checked.wait(5000));
        QVERIFY2(summary->thresholdText().startsWith(
                     QStringLiteral("Thresholds so far: 0 of 2 failing")),
            qPrintable(summary->thresholdText()));
        QVERIFY(summary->thresholdText().contains(QStringLiteral("✓ pass · p99<60s · ")));
        QVERIFY(messages.isEmpty());

        server::LoadReport end = measured(2, 40);
        end.settings = m_engine->lastLoad;
        end.id = "20261201-100000";
        QVERIFY(finishRun(end));
        const server::LoadReport* shown = m_panel->shownReport();
        QVERIFY(shown);
        QCOMPARE(shown->thresholds.size(), std::size_t(2));
        QVERIFY(shown->thresholds[0].passed && shown->thresholds[1].passed);
        QVERIFY(shown->abortedBy.empty());
        const QString text = summary->thresholdText();
        QVERIFY2(text.startsWith(QStringLiteral("Thresholds: 2 of 2 passed")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("✓ pass · errors<1% · ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(0 of 40)")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("✗")));
        QVERIFY2(
            m_panel->statusLabel()->text().contains(QStringLiteral("Thresholds: 2 of 2 passed")),
            qPrintable(m_panel->statusLabel()->text()));
    }

    void aFailingRunSaysSoAtOnceAndAtTheEnd()
    {
        targetElsewhere();
        setThresholds({ "p99<60s", "rps>=100000000" });
        QVERIFY(startRun());
        QSignalSpy messages(m_panel.get(), &LoadPanel::message);
        QSignalSpy checked(m_engine.get(), &EngineFacade::loadThresholdsChecked);
        m_engine->measure(measured(1, 20));
        QVERIFY(checked.wait(5000));
        // At once: the status bar's message, the live summary, then the
        // page's status line.
        QCOMPARE(messages.count(), 1);
        const QString message = messages.front().at(0).toString();
        QVERIFY2(message.startsWith(
                     QStringLiteral("Threshold rps>=100000000 failed at 1 s of measuring: ")),
            qPrintable(message));
        LoadSummaryView* summary = m_panel->summaryView();
        QVERIFY2(summary->thresholdText().contains(QStringLiteral("✗ fail · rps>=100000000")),
            qPrintable(summary->thresholdText()));
        QVERIFY(
            summary->thresholdText().contains(QStringLiteral("first failed at 1 s of measuring")));
        QTRY_VERIFY2(
            m_panel->statusLabel()->text().contains(QStringLiteral("✗ failed: rps>=100000000")),
            qPrintable(m_panel->statusLabel()->text()));
        // Not asked to stop: the run goes on.
        QVERIFY(!m_engine->calls.contains(QStringLiteral("abort")));
        QVERIFY(!m_panel->runController()->isStopping());
        // The next second fails again: no second message.
        m_engine->measure(measured(2, 40));
        QVERIFY(checked.wait(5000));
        QCOMPARE(messages.count(), 1);

        server::LoadReport end = measured(3, 60);
        end.settings = m_engine->lastLoad;
        QVERIFY(finishRun(end));
        const server::LoadReport* shown = m_panel->shownReport();
        QVERIFY(shown);
        QCOMPARE(shown->thresholds.size(), std::size_t(2));
        QVERIFY(shown->thresholds[0].passed);
        QVERIFY(!shown->thresholds[1].passed);
        QCOMPARE(shown->thresholds[1].breachedAt, std::int64_t(1));
        const QString text = summary->thresholdText();
        QVERIFY2(text.startsWith(QStringLiteral("Thresholds: 1 of 2 passed")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("✓ pass · p99<60s · ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("✗ fail · rps>=100000000 · 20.0/s · first failed "
                                              "at 1 s of measuring")),
            qPrintable(text));
        QVERIFY(
            m_panel->statusLabel()->text().contains(QStringLiteral("Thresholds: 1 of 2 passed")));
    }

    void theFirstFailureStopsTheRunWhenAsked()
    {
        targetElsewhere();
        setThresholds({ "p99<60s", "rps>=100000000", "errors<1" }, true);
        QVERIFY(editor()->abortCheck()->isChecked());
        QVERIFY(startRun());
        QVERIFY(m_engine->lastLoad.abortOnThreshold);
        QSignalSpy checked(m_engine.get(), &EngineFacade::loadThresholdsChecked);
        QSignalSpy messages(m_panel.get(), &LoadPanel::message);
        m_engine->measure(measured(1, 20));
        QVERIFY(checked.wait(5000));
        QVERIFY(m_engine->calls.contains(QStringLiteral("abort")));
        QVERIFY(m_panel->runController()->isStopping());
        QVERIFY(!m_panel->stopAction()->isEnabled());
        QVERIFY2(messages.last().at(0).toString().contains(
                     QStringLiteral("the threshold rps>=100000000 failed")),
            qPrintable(messages.last().at(0).toString()));
        QTRY_VERIFY2(m_panel->statusLabel()->text().contains(
                         QStringLiteral("stopping: the threshold rps>=100000000 failed")),
            qPrintable(m_panel->statusLabel()->text()));

        server::LoadReport end = measured(1.2, 24);
        end.settings = m_engine->lastLoad;
        end.stopped = true;
        QVERIFY(finishRun(end));
        const server::LoadReport* shown = m_panel->shownReport();
        QCOMPARE(shown->abortedBy, std::string("rps>=100000000"));
        QVERIFY(server::thresholdsFailed(*shown));
        const QString text = m_panel->summaryView()->thresholdText();
        QVERIFY2(text.startsWith(QStringLiteral(
                     "Thresholds: 2 of 3 passed · the run was stopped by rps>=100000000")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("· stopped the run")), qPrintable(text));
        auto* caption
            = m_panel->summaryView()->findChild<QLabel*>(QStringLiteral("loadSummaryCaption"));
        QVERIFY2(
            caption->text().contains(QStringLiteral("stopped by the threshold rps>=100000000")),
            qPrintable(caption->text()));
        QVERIFY(!m_panel->isRunning());
    }

    void moneyReadsTheEmbeddedServersMeters()
    {
        // Elsewhere the app knows no meters: refused before anything starts,
        // in the app's words (not the command line's --admin URL).
        targetElsewhere();
        setThresholds({ "cost<$0.01" });
        QVERIFY(!m_panel->start());
        const QString problems = m_panel->problems().join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(QStringLiteral("thresholds need the server's meters, which "
                                                  "the app reads from its embedded server only")),
            qPrintable(problems));
        QVERIFY2(!problems.contains(QStringLiteral("--admin URL")), qPrintable(problems));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("startLoad")));

        // On the embedded server they are read (the fake's meters here).
        m_engine->meters = "tollgate_requests_total{route=\"GET /ok\",class=\"2xx\"} 0\n";
        m_panel->settingsForm()->useEmbeddedServer();
        QVERIFY(m_panel->settingsForm()->targetsEmbeddedServer());
        QVERIFY(startRun());
        QVERIFY(m_engine->lastSources.embeddedServer);
        m_engine->meters = "tollgate_requests_total{route=\"GET /ok\",class=\"2xx\"} 40\n"
                           "tollgate_cost_dollars_total{route=\"GET /ok\",tier=\"(none)\"} 0.04\n";
        server::LoadReport end = measured(2, 40);
        end.settings = m_engine->lastLoad;
        QVERIFY(finishRun(end));
        const QString text = m_panel->summaryView()->thresholdText();
        QVERIFY2(text.contains(QStringLiteral("✓ pass · cost<$0.01 · $0.001 per request")),
            qPrintable(text));
    }

    // --- Showing them ----------------------------------------------------

    void aSavedRunShowsItsThresholds()
    {
        server::LoadReport r = measured(10, 1000);
        r.settings.url = "http://127.0.0.1:9";
        r.settings.thresholds = { "p99<60s", "rps>=500" };
        r.thresholds.resize(2);
        r.thresholds[0] = { "p99<60s", true, true, 2000, "2.00 ms", -1 };
        r.thresholds[1] = { "rps>=500", false, true, 100, "100 req/s", 3 };
        std::string error;
        const std::string dir
            = toStd(QDir(m_document->directory()).filePath(QStringLiteral(".tollgate/loadruns")));
        QVERIFY2(server::LoadRunStore(dir).save(&r, &error), error.c_str());
        m_panel->refreshRuns();
        QVERIFY(m_panel->openRun(toQt(r.id)));
        const QString text = m_panel->summaryView()->thresholdText();
        QCOMPARE(text,
            QStringLiteral("Thresholds: 1 of 2 passed\n"
                           "✓ pass · p99<60s · 2.00 ms\n"
                           "✗ fail · rps>=500 · 100 req/s · first failed at 3 s of measuring"));
        QVERIFY2(
            m_panel->statusLabel()->text().contains(QStringLiteral("Thresholds: 1 of 2 passed")),
            qPrintable(m_panel->statusLabel()->text()));
        // Pass and fail in their colours, with the marks and words as well.
        auto* label
            = m_panel->summaryView()->findChild<QLabel*>(QStringLiteral("loadSummaryThresholds"));
        QVERIFY(label && !label->isHidden());
        QVERIFY(label->text().contains(QStringLiteral("✓ pass")));
        QVERIFY(label->text().contains(QStringLiteral("✗ fail")));
        QVERIFY(label->text().contains(statusColor(500, label->palette()).name()));
        QVERIFY(label->text().contains(statusColor(200, label->palette()).name()));

        // A run without thresholds shows none.
        server::LoadReport plain = measured(10, 1000);
        plain.settings.url = "http://127.0.0.1:9";
        QVERIFY2(server::LoadRunStore(dir).save(&plain, &error), error.c_str());
        QVERIFY(m_panel->openRun(toQt(plain.id)));
        QVERIFY(m_panel->summaryView()->thresholdText().isEmpty());
        QVERIFY(label->isHidden());
    }
};

QTEST_MAIN(TestLoadThresholds)
#include "tst_loadthresholds.moc"
