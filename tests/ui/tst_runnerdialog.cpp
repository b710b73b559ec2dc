// The collection runner's window against the embedded server: a folder's
// chain runs in order with a captured token, a failing assertion shows its
// expected and actual value, a data file gives one iteration per row, the
// reports match what `tollgated run` writes, Stop ends a request that gets
// no answer at once, a stopped server is started first, and a bad data file
// is refused with its reason before anything is sent.

#include "testutil.h"

#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/runnerdialog.h"
#include "ui/requests/runresultmodel.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using S = server::Assertion::Subject;
using Op = server::Assertion::Op;

namespace {

server::Route route(std::string method, std::string path, int status, std::string body)
{
    server::Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    server::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = { { "Content-Type", "application/json" } };
    r.responses = { response };
    return r;
}

server::Assertion assertion(S subject, std::string path, Op op, std::string value)
{
    server::Assertion a;
    a.subject = subject;
    a.path = std::move(path);
    a.op = op;
    a.value = std::move(value);
    return a;
}

server::SavedRequest saved(
    std::string folder, std::string name, std::string method, std::string url)
{
    server::SavedRequest s;
    s.folder = std::move(folder);
    s.name = std::move(name);
    s.request.method = std::move(method);
    s.request.url = std::move(url);
    return s;
}

} // namespace

class TestRunnerDialog : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    RunnerDialog* m_runner = nullptr;

    template <typename T> T* child(const char* name) { return test::child<T>(m_runner, name); }

    void saveRequests(std::vector<server::SavedRequest> requests)
    {
        std::string error;
        for (server::SavedRequest& r : requests)
            QVERIFY2(server::saveRequest(pathFromQt(m_dir->path()), &r, &error), error.c_str());
    }

    // Opens the runner on `folder` as the Requests menu does.
    void open(const QString& folder)
    {
        m_window->composer()->openRunner(folder);
        m_runner = m_window->composer()->runner();
        QVERIFY(m_runner);
        QVERIFY(m_runner->isVisible());
    }

    // Clicks Run and waits for the run's end.
    bool clickRun()
    {
        QSignalSpy finished(m_runner, &RunnerDialog::runFinished);
        QTest::mouseClick(child<QPushButton>("runnerRun"), Qt::LeftButton);
        return finished.wait(20'000);
    }

    // The top-level row whose name column reads `name`.
    QModelIndex rowNamed(const QString& name, const QModelIndex& parent = {})
    {
        RunResultModel* m = m_runner->results();
        for (int r = 0; r < m->rowCount(parent); ++r)
            if (m->index(r, 0, parent).data().toString() == name)
                return m->index(r, 0, parent);
        return {};
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "runner";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        ws.routes = {
            route("POST", "/v1/login", 200, R"({"token":"tok-{{request.json.user}}"})"),
            route("GET", "/v1/me", 200, R"({"auth":"{{request.headers.authorization}}"})"),
            route("GET", "/v1/users/{id}", 200, R"({"id":"{{request.params.id}}"})"),
        };
        ws.environments
            = { { "Local", { { "user", "ann" } } }, { "Other", { { "user", "bob" } } } };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        server::SavedRequest login = saved("chain", "1 Log in", "POST", "{{baseUrl}}/v1/login");
        login.request.bodyKind = server::ComposerRequest::BodyKind::Raw;
        login.request.body = R"({"user":"{{user}}"})";
        login.request.headers = { { "Content-Type", "application/json" } };
        login.request.checks.assertions = { assertion(S::Status, "", Op::Equals, "200") };
        server::Capture token;
        token.variable = "token";
        token.source = server::Capture::Source::Json;
        token.path = "/token";
        login.request.checks.captures = { token };
        server::SavedRequest me = saved("chain", "2 Who am I", "GET", "{{baseUrl}}/v1/me");
        me.request.auth = server::ComposerRequest::AuthKind::Bearer;
        me.request.token = "{{token}}";
        me.request.checks.assertions
            = { assertion(S::Json, "/auth", Op::Equals, "Bearer tok-{{user}}") };
        server::SavedRequest wrong
            = saved("chain", "3 Wrong status", "GET", "{{baseUrl}}/v1/users/7");
        wrong.request.checks.assertions = { assertion(S::Status, "", Op::Equals, "201"),
            assertion(S::Json, "/id", Op::Equals, "7") };
        server::SavedRequest user = saved("data", "User", "GET", "{{baseUrl}}/v1/users/{{id}}");
        user.request.checks.assertions = { assertion(S::Json, "/id", Op::Equals, "{{id}}") };
        saveRequests({ login, me, wrong, user });

        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(test::startServer(m_window->serverController()));
        m_window->showPage(MainWindow::RequestsPage);
    }

    void cleanup()
    {
        m_runner = nullptr;
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void chainRunsInOrderAndFailuresShowExpectedAndActual()
    {
        open(QStringLiteral("chain"));
        QAbstractItemModelTester tester(m_runner->results());
        auto* folder = child<QComboBox>("runnerFolder");
        QCOMPARE(folder->currentData().toString(), QStringLiteral("chain"));
        QCOMPARE(folder->count(), 3); // all, chain, data
        QCOMPARE(child<QComboBox>("runnerEnvironment")->currentText(), QStringLiteral("Local"));
        QVERIFY(clickRun());

        RunResultModel* model = m_runner->results();
        QCOMPARE(model->rowCount(), 3);
        const QModelIndex login = rowNamed(QStringLiteral("POST 1 Log in"));
        const QModelIndex me = rowNamed(QStringLiteral("GET 2 Who am I"));
        const QModelIndex wrong = rowNamed(QStringLiteral("GET 3 Wrong status"));
        QVERIFY(login.isValid() && me.isValid() && wrong.isValid());
        QVERIFY(login.data(RunResultModel::PassedRole).toBool());
        // The token captured by the login reached the next request.
        QVERIFY(me.data(RunResultModel::PassedRole).toBool());
        QCOMPARE(model->index(0, 0, login).data().toString(), QStringLiteral("status equals 200"));
        QCOMPARE(model->index(1, RunResultModel::ActualColumn, login).data().toString(),
            QStringLiteral("tok-ann"));

        QVERIFY(!wrong.data(RunResultModel::PassedRole).toBool());
        QCOMPARE(wrong.siblingAtColumn(RunResultModel::ResultColumn).data().toString(),
            QStringLiteral("✗ 1 failed"));
        const QModelIndex status = model->index(0, 0, wrong);
        QVERIFY(!status.data(RunResultModel::PassedRole).toBool());
        QCOMPARE(status.siblingAtColumn(RunResultModel::ExpectedColumn).data().toString(),
            QStringLiteral("201"));
        QCOMPARE(status.siblingAtColumn(RunResultModel::ActualColumn).data().toString(),
            QStringLiteral("200"));
        QVERIFY(model->index(1, 0, wrong).data(RunResultModel::PassedRole).toBool());
        // The failure is open to see; the passing requests are not.
        auto* view = child<QTreeView>("runnerResults");
        QVERIFY(view->isExpanded(wrong));
        QVERIFY(!view->isExpanded(login));

        const QString summary = child<QLabel>("runnerStatus")->text();
        QVERIFY2(summary.contains(QStringLiteral("1 of 3 requests failed"))
                && summary.contains(QStringLiteral("3 of 4 assertions passed")),
            qPrintable(summary));

        // The failed check in full, and an answer in full.
        view->setCurrentIndex(status);
        const QString details = child<QPlainTextEdit>("runnerDetails")->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("Expected: 201"))
                && details.contains(QStringLiteral("Actual:   200")),
            qPrintable(details));
        view->setCurrentIndex(me);
        const QString answer = child<QPlainTextEdit>("runnerDetails")->toPlainText();
        QVERIFY2(answer.contains(QStringLiteral("200 OK"))
                && answer.contains(QStringLiteral("\"auth\": \"Bearer tok-ann\"")),
            qPrintable(answer));

        // A request saved while the window is open runs as saved.
        server::RequestLoadResult loaded = server::loadRequests(pathFromQt(m_dir->path()));
        auto third = std::find_if(loaded.requests.begin(), loaded.requests.end(),
            [](const server::SavedRequest& r) { return r.name == "3 Wrong status"; });
        QVERIFY(third != loaded.requests.end());
        third->request.checks.assertions.front().value = "200";
        saveRequests({ *third });
        QVERIFY(clickRun());
        QVERIFY(rowNamed(QStringLiteral("GET 3 Wrong status"))
                    .data(RunResultModel::PassedRole)
                    .toBool());

        // Another environment changes what the chain sends and expects.
        child<QComboBox>("runnerEnvironment")->setCurrentText(QStringLiteral("Other"));
        QVERIFY(clickRun());
        QCOMPARE(
            model->index(1, RunResultModel::ActualColumn, rowNamed(QStringLiteral("POST 1 Log in")))
                .data()
                .toString(),
            QStringLiteral("tok-bob"));
        QVERIFY(
            rowNamed(QStringLiteral("GET 2 Who am I")).data(RunResultModel::PassedRole).toBool());
    }

    void reportsAreTheHeadlessRunnersReports()
    {
        open(QStringLiteral("chain"));
        QVERIFY(!child<QPushButton>("runnerSaveJunit")->isEnabled());
        QVERIFY(clickRun());
        QVERIFY(child<QPushButton>("runnerSaveJunit")->isEnabled());
        // One suite (the folder) of three cases, one of them failed.
        QXmlStreamReader junit(m_runner->junitReport());
        QXmlStreamAttributes suite;
        int cases = 0;
        while (!junit.atEnd()) {
            if (junit.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (junit.name() == QLatin1String("testsuite"))
                suite = junit.attributes();
            cases += junit.name() == QLatin1String("testcase") ? 1 : 0;
        }
        QVERIFY2(!junit.hasError(), qPrintable(junit.errorString()));
        QCOMPARE(suite.value(QStringLiteral("name")).toString(), QStringLiteral("chain"));
        QCOMPARE(suite.value(QStringLiteral("tests")).toString(), QStringLiteral("3"));
        QCOMPARE(suite.value(QStringLiteral("failures")).toString(), QStringLiteral("1"));
        QCOMPARE(cases, 3);
        const QJsonObject json = QJsonDocument::fromJson(m_runner->jsonReport().toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("requests")).toArray().size(), 3);
        QCOMPARE(json.value(QStringLiteral("environment")).toString(), QStringLiteral("Local"));
        QCOMPARE(json.value(QStringLiteral("scope")).toString(), QStringLiteral("folder chain"));
        QCOMPARE(json.value(QStringLiteral("totals"))
                     .toObject()
                     .value(QStringLiteral("failedRequests"))
                     .toInt(),
            1);
    }

    void dataFileGivesOneIterationPerRow()
    {
        const QString data = m_dir->filePath(QStringLiteral("ids.csv"));
        QFile csv(data);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id\n11\n12\n13\n");
        csv.close();
        open(QStringLiteral("data"));
        QCOMPARE(child<QSpinBox>("runnerIterations")->value(), 0); // Auto
        child<QLineEdit>("runnerDataFile")->setText(data);
        QVERIFY(clickRun());
        RunResultModel* model = m_runner->results();
        QCOMPARE(model->rowCount(), 3);
        for (int i = 0; i < 3; ++i) {
            const QModelIndex iteration = model->index(i, 0);
            QCOMPARE(iteration.data().toString(), QStringLiteral("Iteration %1").arg(i + 1));
            QVERIFY(iteration.data(RunResultModel::PassedRole).toBool());
            QCOMPARE(model->rowCount(iteration), 1);
            const QModelIndex request = model->index(0, 0, iteration);
            QCOMPARE(model->runs()[std::size_t(request.data(RunResultModel::RunRole).toInt())].url,
                m_window->serverController()->expectedBaseUrl().toStdString() + "/v1/users/"
                    + std::to_string(11 + i));
        }
        // Two iterations without the file: {{id}} is not defined.
        child<QLineEdit>("runnerDataFile")->clear();
        child<QSpinBox>("runnerIterations")->setValue(2);
        QVERIFY(clickRun());
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex first = model->index(0, 0, model->index(0, 0));
        QVERIFY(!first.data(RunResultModel::PassedRole).toBool());
        QCOMPARE(first.siblingAtColumn(RunResultModel::ActualColumn).data().toString(),
            QStringLiteral("not sent: {{id}} is not defined"));
    }

    void badDataFileIsRefusedBeforeSending()
    {
        open(QStringLiteral("data"));
        QSignalSpy finished(m_runner, &RunnerDialog::runFinished);
        child<QLineEdit>("runnerDataFile")->setText(m_dir->filePath(QStringLiteral("missing.csv")));
        QTest::mouseClick(child<QPushButton>("runnerRun"), Qt::LeftButton);
        auto* problem = child<QLabel>("runnerProblem");
        QVERIFY(problem->isVisible());
        QVERIFY2(
            problem->text().contains(QStringLiteral("missing.csv")), qPrintable(problem->text()));
        QVERIFY(!m_runner->isRunning());
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m_runner->results()->rowCount(), 0);
    }

    void stopEndsTheRequestUnderWay()
    {
        // A listener that accepts and never answers: without Stop the
        // request would wait out the runner's 60 s.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        saveRequests({ saved("slow", "Never answers", "GET",
            QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort()).toStdString()) });
        open(QStringLiteral("slow"));
        QSignalSpy finished(m_runner, &RunnerDialog::runFinished);
        QTest::mouseClick(child<QPushButton>("runnerRun"), Qt::LeftButton);
        QVERIFY(m_runner->isRunning());
        QVERIFY(silent.waitForNewConnection(10'000));
        QVERIFY(child<QPushButton>("runnerStop")->isEnabled());
        QTest::mouseClick(child<QPushButton>("runnerStop"), Qt::LeftButton);
        QVERIFY(finished.wait(5'000));
        QVERIFY(!m_runner->isRunning());
        QVERIFY(m_runner->lastResult()->stoppedEarly);
        QCOMPARE(m_runner->results()->rowCount(), 0);
        QVERIFY2(child<QLabel>("runnerStatus")->text().contains(QStringLiteral("stopped early")),
            qPrintable(child<QLabel>("runnerStatus")->text()));
    }

    void aStoppedServerIsStartedFirst()
    {
        QVERIFY(test::stopServer(m_window->serverController()));
        open(QStringLiteral("chain"));
        QVERIFY(clickRun());
        QVERIFY(m_window->serverController()->isRunning());
        QCOMPARE(m_runner->results()->rowCount(), 3);
        QVERIFY(
            rowNamed(QStringLiteral("GET 2 Who am I")).data(RunResultModel::PassedRole).toBool());
    }

    void menuAndSidebarOpenTheRunner()
    {
        QAction* action = m_window->composer()->runAction();
        QVERIFY(action->shortcut() == QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
        QVERIFY(!m_window->composer()->runner());
        action->trigger();
        m_runner = m_window->composer()->runner();
        QVERIFY(m_runner && m_runner->isVisible());
        QCOMPARE(child<QComboBox>("runnerFolder")->currentData().toString(), QString());
        QVERIFY(child<QComboBox>("runnerFolder")
                    ->currentText()
                    .startsWith(QStringLiteral("All saved requests (4)")));
        QVERIFY(test::child<QToolButton>(m_window->composer(), "runRequestsButton")->isEnabled());
    }
};

QTEST_MAIN(TestRunnerDialog)
#include "tst_runnerdialog.moc"
