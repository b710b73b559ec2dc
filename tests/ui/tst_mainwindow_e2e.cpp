// Drives the real window offscreen: create a route through the editor
// widgets, serve it, and check over HTTP that edits apply live.

#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/trafficlogmodel.h"
#include "ui/widgets/bodyeditor.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::child;

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
    bool operator==(const Reply&) const = default;
};

// Found by QCOMPARE through argument-dependent lookup.
char* toString(const Reply& r)
{
    return qstrdup(QByteArray(QByteArray::number(r.status) + ' ' + r.body).constData());
}

} // namespace

class TestMainWindowE2E : public QObject {
    Q_OBJECT

private:
    Reply get(const QString& url)
    {
        QNetworkRequest request { QUrl(url) };
        QNetworkReply* reply = m_nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return {};
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        reply->deleteLater();
        return r;
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        // A proxy from the environment must not see requests to loopback.
        m_nam.setProxy(QNetworkProxy::NoProxy);
    }

    void createRouteServeAndEditLive()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        server::Workspace ws;
        ws.name = "e2e";
        ws.dir = pathFromQt(dir.path());
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        LocalEngine engine;
        MainWindow window(&engine);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openWorkspace(dir.path()));
        QCOMPARE(window.document()->routeCount(), 0);

        // New route, then fill it in through the editor.
        auto* newRoute = child<QAction>(&window, "newRouteAction");
        QVERIFY(newRoute);
        newRoute->trigger();
        QCOMPARE(window.document()->routeCount(), 1);
        QCOMPARE(window.currentRoute(), 0);

        auto* method = child<QComboBox>(&window, "methodCombo");
        auto* path = child<QLineEdit>(&window, "pathEdit");
        auto* body = child<QPlainTextEdit>(&window, "bodyEditor");
        auto* status = child<QSpinBox>(&window, "statusSpin");
        auto* port = child<QSpinBox>(&window, "portSpin");
        QVERIFY(method && path && body && status && port);

        method->setCurrentText(QStringLiteral("POST"));
        QCOMPARE(window.document()->route(0).method, std::string("POST"));
        method->setCurrentText(QStringLiteral("GET"));
        const int steps = window.document()->undoStack()->count();
        path->selectAll();
        QTest::keyClicks(path, QStringLiteral("/hello/{name}"));
        QCOMPARE(window.document()->route(0).path, std::string("/hello/{name}"));
        // Typing the path is one undo step, not thirteen.
        QCOMPARE(window.document()->undoStack()->count(), steps + 1);
        body->setPlainText(QStringLiteral("{\"hi\":\"{{request.params.name}}\"}"));
        QCOMPARE(window.document()->route(0).responses[0].body,
            std::string("{\"hi\":\"{{request.params.name}}\"}"));
        status->setValue(200);

        auto* undo = child<QAction>(&window, "undoAction");
        QVERIFY(undo);

        // Serve on a free port.
        port->setValue(0);
        QCOMPARE(window.document()->workspace().server.port, 0);
        auto* start = child<QAction>(&window, "startServerAction");
        QVERIFY(start && start->isEnabled());
        ServerController* server = window.serverController();
        QSignalSpy started(server, &ServerController::started);
        start->trigger();
        QVERIFY(!start->isEnabled()); // starting: not twice
        QTRY_VERIFY2(
            !started.isEmpty() || !server->lastError().isEmpty(), qPrintable(server->lastError()));
        QVERIFY2(server->isRunning(), qPrintable(server->lastError()));
        QVERIFY(server->port() != 0);
        const QString base = server->baseUrl();
        QVERIFY(base.startsWith(QStringLiteral("http://127.0.0.1:")));

        QCOMPARE(get(base + QStringLiteral("/hello/ada")),
            (Reply { 200, QByteArrayLiteral("{\"hi\":\"ada\"}") }));

        // Live apply: the next request sees the edited body and status, with
        // the server still running on the same port.
        const quint16 boundPort = server->port();
        body->setPlainText(QStringLiteral("{\"hello\":\"{{request.params.name}}\"}"));
        status->setValue(201);
        QTRY_COMPARE(get(base + QStringLiteral("/hello/grace")),
            (Reply { 201, QByteArrayLiteral("{\"hello\":\"grace\"}") }));
        QCOMPARE(server->port(), boundPort);

        // Undo goes back through the same path.
        undo->trigger(); // status
        undo->trigger(); // body
        QTRY_COMPARE(get(base + QStringLiteral("/hello/ada")),
            (Reply { 200, QByteArrayLiteral("{\"hi\":\"ada\"}") }));

        // Disabling the route in the editor stops serving it.
        auto* enabled = child<QCheckBox>(&window, "enabledCheck");
        QVERIFY(enabled);
        enabled->setChecked(false);
        QVERIFY(!window.document()->route(0).enabled);
        QTRY_COMPARE(get(base + QStringLiteral("/hello/ada")).status, 404);

        // The traffic log saw the requests (polled at 4 Hz).
        TrafficLogModel* log = window.trafficModel();
        const auto lastRow = [log](int column) {
            return log->index(log->rowCount() - 1, column).data().toString();
        };
        QTRY_COMPARE(lastRow(TrafficLogModel::StatusColumn), QStringLiteral("404"));
        QVERIFY(log->rowCount() >= 4);
        QCOMPARE(lastRow(TrafficLogModel::PathColumn), QStringLiteral("/hello/ada"));
        QCOMPARE(lastRow(TrafficLogModel::MethodColumn), QStringLiteral("GET"));

        auto* stop = child<QAction>(&window, "stopServerAction");
        QVERIFY(stop && stop->isEnabled());
        QSignalSpy stopped(server, &ServerController::stopped);
        stop->trigger();
        QVERIFY(stopped.wait(10'000));
        QVERIFY(!server->isRunning());
        QVERIFY(start->isEnabled());

        // Autosave wrote the route to the workspace directory.
        QTRY_VERIFY(!window.document()->hasUnsavedChanges());
        const server::LoadResult loaded = server::loadWorkspace(pathFromQt(dir.path()));
        QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
        QCOMPARE(loaded.workspace.routes[0].path, std::string("/hello/{name}"));
    }

    void browsingRoutesDoesNotEditThem()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        server::Workspace ws;
        ws.name = "browse";
        ws.dir = pathFromQt(dir.path());
        server::Route health;
        health.path = "/health";
        health.responses[0].headers = { { "Content-Type", "application/json" } };
        health.responses[0].body = "{\"status\":\"ok\"}";
        server::Route user;
        user.path = "/users/{id}";
        user.responses[0].body = "{\"id\":\"{{request.params.id}}\"}";
        server::Response missing;
        missing.status = 404;
        missing.label = "Missing";
        missing.body = "not found";
        user.responses.push_back(missing);
        server::Rule rule;
        rule.source = server::RuleSource::PathParam;
        rule.key = "id";
        rule.value = "0";
        rule.response = 1;
        user.rules.push_back(rule);
        ws.routes = { health, user };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        const auto before = server::loadWorkspace(ws.dir).workspace.routes;

        LocalEngine engine;
        MainWindow window(&engine);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openWorkspace(dir.path()));
        auto* body = child<QPlainTextEdit>(&window, "bodyEditor");
        auto* tabs = child<QTabBar>(&window, "responseTabs");
        QVERIFY(body && tabs);

        // Showing a route fills every editor widget; none of that is an edit
        // (a highlighter re-colouring the body once cleared it on load).
        for (int row : { 0, 1, 0, 1 }) {
            window.selectRoute(row);
            QCOMPARE(window.currentRoute(), row);
            QCOMPARE(body->toPlainText().toStdString(), before[std::size_t(row)].responses[0].body);
        }
        QCOMPARE(tabs->count(), 2);
        QTRY_VERIFY(tabs->height() > 0);
        tabs->setCurrentIndex(1);
        QCOMPARE(body->toPlainText(), QStringLiteral("not found"));
        // What the debounce would run later (re-highlighting included), now.
        qobject_cast<BodyEditor*>(body)->validateNow();
        QCOMPARE(window.document()->undoStack()->count(), 0);
        QVERIFY(!window.document()->hasUnsavedChanges());
        QVERIFY(window.document()->workspace().routes == before);
    }

    void editorWidgetsWriteTheRoute()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        server::Workspace ws;
        ws.name = "widgets";
        ws.dir = pathFromQt(dir.path());
        ws.routes = { server::Route {} };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        LocalEngine engine;
        MainWindow window(&engine);
        QVERIFY(window.openWorkspace(dir.path()));
        QCOMPARE(window.currentRoute(), 0);
        const auto route = [&window] { return window.document()->route(0); };

        // Headers: add a row, then type into it through the model.
        child<QToolButton>(&window, "addHeaderButton")->click();
        auto* headers = child<QTableView>(&window, "headersView");
        QVERIFY(headers);
        const int last = headers->model()->rowCount() - 1;
        QVERIFY(
            headers->model()->setData(headers->model()->index(last, 0), QStringLiteral("X-Tier")));
        QVERIFY(headers->model()->setData(headers->model()->index(last, 1), QStringLiteral("pro")));
        QCOMPARE(route().responses[0].headers.back(), (server::Header { "X-Tier", "pro" }));

        // Responses: add one, then a rule that picks it.
        child<QToolButton>(&window, "addResponseButton")->click();
        QCOMPARE(route().responses.size(), std::size_t(2));
        QCOMPARE(child<QTabBar>(&window, "responseTabs")->currentIndex(), 1);
        child<QSpinBox>(&window, "statusSpin")->setValue(429);
        QCOMPARE(route().responses[1].status, 429);
        QCOMPARE(route().responses[0].status, 200);

        child<QToolButton>(&window, "addRuleButton")->click();
        auto* rules = child<QTableView>(&window, "rulesView");
        QVERIFY(rules && rules->model()->rowCount() == 1);
        QVERIFY(rules->model()->setData(rules->model()->index(0, 1), QStringLiteral("tier")));
        QVERIFY(rules->model()->setData(rules->model()->index(0, 3), QStringLiteral("free")));
        QVERIFY(rules->model()->setData(rules->model()->index(0, 4), 1));
        QCOMPARE(route().rules.size(), std::size_t(1));
        QCOMPARE(route().rules[0].key, std::string("tier"));
        QCOMPARE(route().rules[0].response, 1);

        // Removing the first response keeps the rule on the same response.
        child<QTabBar>(&window, "responseTabs")->setCurrentIndex(0);
        child<QToolButton>(&window, "removeResponseButton")->click();
        QCOMPARE(route().responses.size(), std::size_t(1));
        QCOMPARE(route().responses[0].status, 429);
        QCOMPARE(route().rules[0].response, 0);

        // Behaviour.
        child<QSpinBox>(&window, "latencyMinSpin")->setValue(20);
        child<QSpinBox>(&window, "latencyMaxSpin")->setValue(80);
        child<QDoubleSpinBox>(&window, "failurePercentSpin")->setValue(12.5);
        child<QCheckBox>(&window, "failureResetCheck")->setChecked(true);
        child<QSpinBox>(&window, "bodyLimitSpin")->setValue(64);
        auto* mode = child<QComboBox>(&window, "modeCombo");
        mode->setCurrentIndex(mode->findData(int(server::ResponseMode::Sequential)));
        QCOMPARE(route().latency, (server::Latency { 20, 80 }));
        QCOMPARE(route().failure.percent, 12.5);
        QVERIFY(route().failure.reset);
        QCOMPARE(route().bodyLimit, std::size_t(64 * 1024));
        QCOMPARE(route().mode, server::ResponseMode::Sequential);

        // An invalid path is refused and explained, the stored one stays.
        auto* path = child<QLineEdit>(&window, "pathEdit");
        path->selectAll();
        QTest::keyClicks(path, QStringLiteral("users"));
        QCOMPARE(route().path, std::string("/"));
        QVERIFY(!child<QLabel>(&window, "pathErrorLabel")->text().isEmpty());

        // Duplicate and delete go through the same undo stack.
        child<QAction>(&window, "duplicateRouteAction")->trigger();
        QCOMPARE(window.document()->routeCount(), 2);
        QCOMPARE(window.currentRoute(), 1);
        QCOMPARE(window.document()->route(1).path, std::string("/copy"));
        child<QAction>(&window, "deleteRouteAction")->trigger();
        QCOMPARE(window.document()->routeCount(), 1);
        child<QAction>(&window, "undoAction")->trigger();
        QCOMPARE(window.document()->routeCount(), 2);
    }

    void bindFailureIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        server::Workspace ws;
        ws.name = "busy";
        ws.dir = pathFromQt(dir.path());
        ws.server.port = 0;
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        LocalEngine firstEngine;
        MainWindow first(&firstEngine);
        QVERIFY(first.openWorkspace(dir.path()));
        QVERIFY(test::startServer(first.serverController()));
        const quint16 taken = first.serverController()->port();

        // A second window wants the same port.
        QTemporaryDir dir2;
        ws.dir = pathFromQt(dir2.path());
        ws.server.port = taken;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        LocalEngine secondEngine;
        MainWindow second(&secondEngine);
        QVERIFY(second.openWorkspace(dir2.path()));
        QSignalSpy failed(second.serverController(), &ServerController::startFailed);
        child<QAction>(&second, "startServerAction")->trigger();
        QVERIFY(failed.wait(10'000));
        QVERIFY(!second.serverController()->isRunning());
        QVERIFY(!second.serverController()->lastError().isEmpty());
        auto* label = second.findChild<QWidget*>(QStringLiteral("serverStatusLabel"));
        QVERIFY(label);
        QVERIFY(
            label->property("text").toString().contains(second.serverController()->lastError()));
    }
};

QTEST_MAIN(TestMainWindowE2E)
#include "tst_mainwindow_e2e.moc"
