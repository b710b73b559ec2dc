// The Load page offscreen against the embedded server (port 0): a small
// closed run goes to the end and its summary, tier and route tables show the
// report's numbers; the run is saved under .tollgate/loadruns and listed;
// two runs compare side by side; invalid settings show their problems and
// start nothing; stop keeps what was measured; test keys per tier are made
// through the undo stack; the settings survive reopening the workspace.

#include "testutil.h"

#include "server/access/apikey.h"
#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "server/workspace/workspacestore.h"
#include "ui/charts/histogramchart.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadcomparisonmodel.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadlivecharts.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadpanel.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadslicemodel.h"
#include "ui/load/loadsummaryview.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QBarSet>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Route route(const char* method, const char* path, int status, bool keyed = false)
{
    server::Route r;
    r.method = method;
    r.path = path;
    r.responses.front().status = status;
    r.responses.front().body = "{}";
    r.access.keyRequired = keyed;
    return r;
}

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

} // namespace

class TestLoadPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    LoadPanel* m_panel = nullptr;

    void openWindow()
    {
        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(test::startServer(m_window->serverController()));
        m_panel = m_window->loadPanel();
        QVERIFY(m_panel);
        m_window->showPage(MainWindow::LoadPage);
        m_panel->setPollInterval(50);
    }

    // A closed run of `requests` measured requests over `connections`.
    void setSmallRun(int requests, int connections = 4)
    {
        LoadSettingsForm* form = m_panel->settingsForm();
        form->modelCombo()->setCurrentIndex(
            form->modelCombo()->findData(int(server::LoadModel::Closed)));
        form->connectionsSpin()->setValue(connections);
        form->countRadio()->setChecked(true);
        form->countSpin()->setValue(requests);
        form->warmupSpin()->setValue(0);
        form->rampUpSpin()->setValue(0);
    }

    // Starts a run and waits for its end; returns the report shown.
    const server::LoadReport* runToEnd()
    {
        QSignalSpy finished(m_panel, &LoadPanel::finished);
        if (!m_panel->start()) {
            qWarning("did not start: %s", qPrintable(m_panel->problems().join(QLatin1Char(';'))));
            return nullptr;
        }
        if (!m_panel->isRunning())
            return nullptr;
        if (!finished.wait(30'000) && finished.isEmpty())
            return nullptr;
        return m_panel->shownReport();
    }

    int mixRow(const char* path) const
    {
        const LoadMixModel* mix = m_panel->mixModel();
        for (int row = 0; row < mix->rowCount(); ++row) {
            if (mix->row(row).target.path == path)
                return row;
        }
        return -1;
    }

    QString runsDir() const
    {
        return QDir(m_dir->path()).filePath(QStringLiteral(".tollgate/loadruns"));
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "load";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        ws.routes = { route("GET", "/ok", 200), route("GET", "/items/{id}", 200),
            route("GET", "/missing", 404), route("GET", "/paid", 200, true) };
        ws.routes[2].enabled = false;
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        openWindow();
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void pageAndShortcut()
    {
        m_window->showPage(MainWindow::RoutesPage);
        auto* action = m_window->findChild<QAction*>(QStringLiteral("showLoadAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_5));
        action->trigger();
        QCOMPARE(m_window->currentPage(), MainWindow::LoadPage);
        QVERIFY(m_panel->isVisible());
        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Load"));
        QCOMPARE(
            m_panel->startAction()->shortcuts().value(0), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(m_panel->stopAction()->shortcut(), QKeySequence(Qt::Key_Escape));
        // Nothing to stop yet.
        QVERIFY(m_panel->startAction()->isEnabled());
        QVERIFY(!m_panel->stopAction()->isEnabled());
    }

    void defaultsAndPrefill()
    {
        LoadSettingsForm* form = m_panel->settingsForm();
        const server::LoadSettings s = form->settings();
        QCOMPARE(s.model, server::LoadModel::Closed);
        QCOMPARE(s.connections, 16);
        QCOMPARE(s.durationSeconds, 10.0);
        QCOMPARE(s.requestCount, 0u);
        QVERIFY(!form->rateSpin()->isEnabled());
        // The embedded server's URL, said to be that.
        QCOMPARE(form->urlEdit()->text(), m_window->serverController()->baseUrl());
        QVERIFY(form->targetsEmbeddedServer());
        auto* target = m_panel->findChild<QLabel*>(QStringLiteral("loadTargetLabel"));
        QVERIFY(target->text().contains(QStringLiteral("the embedded server")));
        QVERIFY(target->text().startsWith(QStringLiteral("Sending to 127.0.0.1:")));
        form->modelCombo()->setCurrentIndex(
            form->modelCombo()->findData(int(server::LoadModel::Open)));
        QVERIFY(form->rateSpin()->isEnabled());

        // Every route, the disabled one unchecked; {id} gets the default template.
        LoadMixModel* mix = m_panel->mixModel();
        QCOMPARE(mix->rowCount(), 4);
        const int items = mixRow("/items/{id}");
        QVERIFY(items >= 0);
        QCOMPARE(mix->row(items).target.params.size(), 1u);
        QCOMPARE(toQt(mix->row(items).target.params.front().second),
            LoadMixModel::defaultParamTemplate());
        QVERIFY(!mix->row(mixRow("/missing")).enabled);
        QVERIFY(mix->row(mixRow("/ok")).enabled);
        QCOMPARE(m_panel->currentSettings().mix.size(), 3u);

        // No secrets known: only the no-key row, and a word about the keyed
        // route that will answer 401.
        QCOMPARE(m_panel->keyModel()->rowCount(), 1);
        QVERIFY(m_panel->currentSettings().keys.empty());
        auto* hint = m_panel->findChild<QLabel*>(QStringLiteral("loadKeyHintLabel"));
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(QStringLiteral("401")));
        m_panel->createTestKeys();
        QVERIFY(!hint->isVisible());
    }

    void testKeysPerTierAreUndoable()
    {
        WorkspaceDocument* document = m_window->document();
        const std::size_t before = document->keys().size();
        QCOMPARE(m_panel->createTestKeys(), int(document->tiers().size()));
        QCOMPARE(document->keys().size(), before + document->tiers().size());
        LoadKeyPoolModel* pool = m_panel->keyModel();
        QCOMPARE(pool->rowCount(), int(document->tiers().size()) + 1);
        for (const server::ApiKey& key : document->keys())
            QVERIFY(m_window->secretStore()->knows(toQt(key.id)));
        // Every tier has one now: a second press makes none.
        QCOMPARE(m_panel->createTestKeys(), 0);
        const server::LoadSettings s = m_panel->currentSettings();
        // Three keys with secrets, plus the no-key share.
        QCOMPARE(s.keys.size(), document->tiers().size() + 1);
        for (const server::LoadKey& k : s.keys) {
            if (k.id.empty())
                QCOMPARE(toQt(k.tier), LoadKeyPoolModel::noKeyTier());
            else
                QVERIFY(server::checkKeyFormat(k.secret) == server::KeyFormat::Ok);
        }
        document->undoStack()->undo();
        QCOMPARE(document->keys().size(), before);
        QCOMPARE(pool->rowCount(), 1);
    }

    void runToCompletion()
    {
        m_panel->createTestKeys();
        setSmallRun(500);
        const server::LoadReport* report = runToEnd();
        QVERIFY(report);
        QVERIFY(!m_panel->isRunning());
        QVERIFY(!report->stopped);
        QCOMPARE(report->total.requests + report->total.errorTotal(), 500u);
        QVERIFY(report->total.requests > 0);

        // The summary shows the report's numbers.
        LoadSummaryView* summary = m_panel->summaryView();
        QVERIFY(summary->hasResults());
        QCOMPARE(summary->tileText(QStringLiteral("requests")), count(report->total.requests));
        QCOMPARE(summary->tileText(QStringLiteral("errors")), count(report->total.errorTotal()));
        QVERIFY(summary->tileText(QStringLiteral("p99")).endsWith(QStringLiteral("ms")));
        QVERIFY(summary->statusText().contains(QStringLiteral("200")));
        QCOMPARE(summary->histogram()->bins().empty(), false);
        // Tiers and routes.
        QCOMPARE(m_panel->tierModel()->rowCount(), int(report->tiers.size()));
        QCOMPARE(m_panel->routeModel()->rowCount(), 3);
        std::uint64_t perRoute = 0;
        for (int row = 0; row < m_panel->routeModel()->rowCount(); ++row)
            perRoute
                += std::uint64_t(m_panel->routeModel()->value(row, LoadSliceModel::RequestsColumn));
        QCOMPARE(perRoute, report->total.requests);
        const int proRow = m_panel->tierModel()->rowOfName(QStringLiteral("pro"));
        QVERIFY(proRow >= 0);
        QCOMPARE(m_panel->tierModel()->index(proRow, 0).data().toString(), QStringLiteral("Pro"));
        // The charts drew the run's seconds.
        QVERIFY(m_panel->liveCharts()->secondCount() >= 1);
        double peak = 0;
        for (const QPointF& p : m_panel->liveCharts()->throughputLine()->points())
            peak = std::max(peak, p.y());
        QVERIFY(peak > 0);

        // Saved and listed.
        QVERIFY(!report->id.empty());
        QVERIFY(
            QFile::exists(QDir(runsDir()).filePath(toQt(report->id) + QStringLiteral(".json"))));
        QCOMPARE(m_panel->runModel()->rowCount(), 1);
        QCOMPARE(m_panel->runModel()->idAt(0), toQt(report->id));
        QCOMPARE(m_panel->runModel()->runs().front().requests, report->total.requests);
        QVERIFY(m_panel->startAction()->isEnabled());
    }

    void compareTwoRuns()
    {
        setSmallRun(300, 2);
        const server::LoadReport* first = runToEnd();
        QVERIFY(first);
        const server::LoadReport a = *first;
        // The second second-stamp must differ for distinct files, but ids
        // are unique anyway.
        setSmallRun(600, 8);
        const server::LoadReport* second = runToEnd();
        QVERIFY(second);
        const server::LoadReport b = *second;
        QCOMPARE(m_panel->runModel()->rowCount(), 2);

        // Pick both in the run list and press Compare.
        QTableView* runs = m_panel->runView();
        runs->selectAll();
        auto* compare = m_panel->findChild<QPushButton*>(QStringLiteral("loadCompareButton"));
        QVERIFY(compare->isEnabled());
        compare->click();
        QCOMPARE(m_panel->resultTabs()->currentIndex(), int(LoadPanel::CompareTab));

        LoadComparisonModel* model = m_panel->comparisonModel();
        QVERIFY(!model->isEmpty());
        const int requests = model->rowOfLabel(QStringLiteral("Requests"));
        QVERIFY(requests >= 0);
        // The older run is A.
        QCOMPARE(model->index(requests, LoadComparisonModel::AColumn).data().toString(),
            count(a.total.requests));
        QCOMPARE(model->index(requests, LoadComparisonModel::BColumn).data().toString(),
            count(b.total.requests));
        QCOMPARE(model->index(requests, LoadComparisonModel::ChangeColumn).data().toString(),
            LoadComparisonModel::changeText(
                LoadComparisonModel::change(double(a.total.requests), double(b.total.requests))));
        // The settings that differ: connections and length.
        QVERIFY(model->rowOfLabel(QStringLiteral("Load")) >= 0);
        QVERIFY(model->rowOfLabel(QStringLiteral("Length")) >= 0);
        QVERIFY(model->rowOfLabel(QStringLiteral("p99")) >= 0);
        QVERIFY(model->rowOfLabel(QStringLiteral("Throughput")) >= 0);
        QVERIFY(m_panel->comparisonView()->model() == model);
    }

    void validationShowsProblemsAndStartsNothing()
    {
        LoadSettingsForm* form = m_panel->settingsForm();
        form->modelCombo()->setCurrentIndex(
            form->modelCombo()->findData(int(server::LoadModel::Open)));
        form->rateSpin()->setValue(0);
        QVERIFY(!m_panel->start());
        QVERIFY(!m_panel->isRunning());
        QVERIFY(!m_panel->problems().isEmpty());
        QLabel* problems = m_panel->problemLabel();
        QVERIFY(problems->isVisible());
        QVERIFY2(problems->text().contains(QStringLiteral("rate")), qPrintable(problems->text()));
        // What was typed stays.
        QCOMPARE(form->modelCombo()->currentData().toInt(), int(server::LoadModel::Open));
        // Fixing it clears the message.
        form->rateSpin()->setValue(50);
        QTRY_VERIFY(!problems->isVisible());

        // A zero duration.
        form->durationRadio()->setChecked(true);
        form->durationSpin()->setValue(0);
        QVERIFY(!m_panel->start());
        QVERIFY(problems->text().contains(QStringLiteral("duration")));
        // A parameter template that does not compile.
        form->durationSpin()->setValue(1);
        const int items = mixRow("/items/{id}");
        server::LoadTarget t = m_panel->mixModel()->row(items).target;
        t.params.front().second = "{{#randomInt}}1 100";
        m_panel->mixModel()->setTarget(items, t);
        QVERIFY(!m_panel->start());
        QVERIFY2(
            problems->text().contains(QStringLiteral("/items/{id}")), qPrintable(problems->text()));
        QVERIFY(!m_panel->isRunning());
        QCOMPARE(m_panel->runModel()->rowCount(), 0);
        QVERIFY(!QDir(runsDir()).exists());
    }

    void stopKeepsWhatWasMeasured()
    {
        LoadSettingsForm* form = m_panel->settingsForm();
        form->connectionsSpin()->setValue(2);
        form->durationSpin()->setValue(60);
        QSignalSpy finished(m_panel, &LoadPanel::finished);
        QVERIFY(m_panel->start());
        QVERIFY(m_panel->stopAction()->isEnabled());
        QVERIFY(!m_panel->startAction()->isEnabled());
        // A second start while one runs does nothing.
        QVERIFY(!m_panel->start());
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->liveSeconds() >= 1, 10'000);
        QVERIFY(m_panel->summaryView()->hasResults());
        QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("measuring")));
        m_panel->stopAction()->trigger();
        QVERIFY(finished.wait(10'000));
        const server::LoadReport* report = m_panel->shownReport();
        QVERIFY(report);
        QVERIFY(report->stopped);
        QVERIFY(report->total.requests > 0);
        QCOMPARE(m_panel->runModel()->rowCount(), 1);
        QVERIFY(m_panel->runModel()->runs().front().stopped);
        QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("Stopped")));
    }

    void closingTheWindowKeepsTheRun()
    {
        m_panel->settingsForm()->durationSpin()->setValue(60);
        QVERIFY(m_panel->start());
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->liveSeconds() >= 1, 10'000);
        // As the app quits: the window closes, then the engine (which ends
        // the run and saves what it measured).
        m_window.reset();
        m_engine.reset();
        const QStringList files = QDir(runsDir()).entryList({ QStringLiteral("*.json") });
        QCOMPARE(files.size(), 1);
        server::LoadReport report;
        std::string error;
        QVERIFY2(server::LoadRunStore(toStd(runsDir()))
                     .load(toStd(files.front().chopped(5)), &report, &error),
            error.c_str());
        QVERIFY(report.stopped);
        QVERIFY(report.total.requests > 0);
    }

    void startsTheStoppedEmbeddedServer()
    {
        ServerController* server = m_window->serverController();
        QVERIFY(test::stopServer(server));
        QVERIFY(!server->isRunning());
        LoadSettingsForm* form = m_panel->settingsForm();
        QVERIFY(form->targetsEmbeddedServer());
        QVERIFY(m_panel->findChild<QLabel*>(QStringLiteral("loadTargetLabel"))
                    ->text()
                    .contains(QStringLiteral("stopped")));
        setSmallRun(50, 1);
        QVERIFY(runToEnd());
        QVERIFY(server->isRunning());
        QCOMPARE(form->urlEdit()->text(), server->baseUrl());
        QCOMPARE(m_panel->shownReport()->total.requests, 50u);
    }

    void otherTargetsAreNamed()
    {
        QCOMPARE(LoadSettingsForm::describeTarget(QStringLiteral("http://api.example.com/v1"),
                     QStringLiteral("http://127.0.0.1:8080")),
            QStringLiteral("Sending to api.example.com:80 — not this machine"));
        QCOMPARE(LoadSettingsForm::describeTarget(QStringLiteral("http://localhost:8080"),
                     QStringLiteral("http://127.0.0.1:8080")),
            QStringLiteral("Sending to localhost:8080 — the embedded server"));
        QCOMPARE(LoadSettingsForm::describeTarget(QStringLiteral("http://127.0.0.1:9000"),
                     QStringLiteral("http://127.0.0.1:8080")),
            QStringLiteral("Sending to 127.0.0.1:9000 — this machine, not the embedded server"));
        // Typing another URL stops following the embedded server.
        LoadSettingsForm* form = m_panel->settingsForm();
        form->urlEdit()->setText(QStringLiteral("http://api.example.com"));
        QVERIFY(!form->targetsEmbeddedServer());
        QVERIFY(test::stopServer(m_window->serverController()));
        QVERIFY(test::startServer(m_window->serverController()));
        QCOMPARE(form->urlEdit()->text(), QStringLiteral("http://api.example.com"));
        form->useEmbeddedServer();
        QVERIFY(form->targetsEmbeddedServer());
    }

    void httpsTargetsChooseCertificateChecks()
    {
        QCOMPARE(LoadSettingsForm::describeTarget(QStringLiteral("https://api.example.com/v1"),
                     QStringLiteral("http://127.0.0.1:8080")),
            QStringLiteral("Sending to api.example.com:443 — not this machine"));
        LoadSettingsForm* form = m_panel->settingsForm();
        auto* verify = form->findChild<QCheckBox*>(QStringLiteral("loadVerifyTlsCheck"));
        QVERIFY(verify);
        QVERIFY(!verify->isEnabled()); // the embedded server speaks http
        QVERIFY(form->settings().verifyTls);
        form->urlEdit()->setText(QStringLiteral("https://127.0.0.1:8443"));
        QVERIFY(verify->isEnabled());
        verify->setChecked(false);
        QVERIFY(!form->settings().verifyTls);
        server::LoadSettings s = form->settings();
        s.verifyTls = true;
        form->setSettings(s);
        QVERIFY(verify->isChecked());
    }

    void openAndDeleteSavedRuns()
    {
        setSmallRun(100, 2);
        const server::LoadReport* report = runToEnd();
        QVERIFY(report);
        const QString id = toQt(report->id);
        const std::uint64_t requests = report->total.requests;
        m_panel->summaryView()->clear();
        QVERIFY(m_panel->openRun(id));
        QCOMPARE(m_panel->summaryView()->tileText(QStringLiteral("requests")), count(requests));
        QVERIFY(m_panel->deleteRun(id, false));
        QCOMPARE(m_panel->runModel()->rowCount(), 0);
        QVERIFY(!QFile::exists(QDir(runsDir()).filePath(id + QStringLiteral(".json"))));
    }

    void settingsSurviveReopening()
    {
        m_panel->createTestKeys();
        LoadSettingsForm* form = m_panel->settingsForm();
        form->modelCombo()->setCurrentIndex(
            form->modelCombo()->findData(int(server::LoadModel::Open)));
        form->rateSpin()->setValue(123);
        form->connectionsSpin()->setValue(7);
        form->warmupSpin()->setValue(3);
        form->timeoutSpin()->setValue(2.5);
        m_panel->mixModel()->setEnabled(mixRow("/ok"), false);
        QVERIFY(m_panel->mixModel()->setData(
            m_panel->mixModel()->index(mixRow("/paid"), LoadMixModel::WeightColumn), 5.0,
            Qt::EditRole));
        const QString firstKey = m_panel->keyModel()->rows().front().keyId;
        QVERIFY(!firstKey.isEmpty());
        m_panel->keyModel()->setChoice(firstKey, { false, 4 });
        m_panel->keyHeaderCombo()->setCurrentIndex(
            m_panel->keyHeaderCombo()->findData(QStringLiteral("X-API-Key")));

        // A new window on the same workspace (the secrets are gone with the
        // old one's store, so the keys leave the pool; their choices stay).
        m_window.reset();
        openWindow();
        form = m_panel->settingsForm();
        const server::LoadSettings s = form->settings();
        QCOMPARE(s.model, server::LoadModel::Open);
        QCOMPARE(s.rate, 123.0);
        QCOMPARE(s.connections, 7);
        QCOMPARE(s.warmupSeconds, 3.0);
        QCOMPARE(s.timeoutSeconds, 2.5);
        // Still the embedded server, on whatever port it has now.
        QCOMPARE(form->urlEdit()->text(), m_window->serverController()->baseUrl());
        QVERIFY(!m_panel->mixModel()->row(mixRow("/ok")).enabled);
        QCOMPARE(m_panel->mixModel()->row(mixRow("/paid")).target.weight, 5.0);
        QCOMPARE(m_panel->keyHeaderCombo()->currentData().toString(), QStringLiteral("X-API-Key"));
        QCOMPARE(m_panel->keyModel()->choices().value(firstKey).weight, 4.0);
        QVERIFY(!m_panel->keyModel()->choices().value(firstKey).enabled);
    }

    void liveChartsMapSecondsToTime()
    {
        LoadLiveCharts charts;
        charts.start(1'000'000, 4);
        std::vector<server::LoadSecond> seconds(3);
        for (int i = 0; i < 3; ++i) {
            seconds[std::size_t(i)].second = i;
            seconds[std::size_t(i)].warmup = i == 0;
            seconds[std::size_t(i)].requests = std::uint64_t(10 * (i + 1));
            seconds[std::size_t(i)].classes[2] = std::uint64_t(10 * (i + 1) - 1);
            seconds[std::size_t(i)].classes[4] = 1;
            seconds[std::size_t(i)].errors = std::uint64_t(i);
            seconds[std::size_t(i)].latency.record(1500, seconds[std::size_t(i)].requests);
        }
        charts.appendSeconds(seconds);
        QCOMPARE(charts.secondCount(), 3);
        // The warm-up second is grey and joins the measured line.
        QCOMPARE(charts.warmupLine()->count(), 2);
        QCOMPARE(charts.warmupLine()->at(0), QPointF(1'000'000'000.0, 10));
        QCOMPARE(charts.throughputLine()->count(), 2);
        QCOMPARE(charts.throughputLine()->at(1), QPointF(1'000'002'000.0, 30));
        QCOMPARE(charts.p50Line()->count(), 3);
        QVERIFY(std::abs(charts.p50Line()->at(0).y() - 1.5) < 0.02);
        QCOMPARE(charts.status2xxLine()->at(2).y(), 29.0);
        QCOMPARE(charts.status4xxLine()->at(2).y(), 1.0);
        QCOMPARE(charts.errorLine()->at(2).y(), 2.0);
        charts.clear();
        QCOMPARE(charts.throughputLine()->count(), 0);

        // A finished run that ended 1.5 s in (0.5 s warm-up): second 1 is
        // drawn as a rate over its half, second 2 (answers to requests in
        // flight at the end) is left out.
        charts.showTimeline(2'000'000, seconds, 1.5);
        QCOMPARE(charts.secondCount(), 2);
        QCOMPARE(charts.throughputLine()->count(), 1);
        QCOMPARE(charts.throughputLine()->at(0), QPointF(2'000'001'000.0, 40));
        QCOMPARE(charts.status4xxLine()->at(1).y(), 2.0);
        // Too short for a rate: what there is.
        charts.showTimeline(2'000'000, { seconds[1] }, 1.02);
        QCOMPARE(charts.secondCount(), 1);
    }
};

QTEST_MAIN(TestLoadPanel)
#include "tst_loadpanel.moc"
