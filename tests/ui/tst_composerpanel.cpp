// Drives the Requests page offscreen against the embedded server: a request
// is sent with the Send button and its status read from the viewer; keys are
// picked from the workspace without their secret reaching a file; variables,
// pasted curl commands, the params table, history, saving and the draft.

#include "testutil.h"

#include "server/access/apikey.h"
#include "server/composer/history.h"
#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/keystierspanel.h"
#include "ui/keys/newkeydialog.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/environmentdialog.h"
#include "ui/requests/historymodel.h"
#include "ui/requests/queryparammodel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/savedrequestmodel.h"
#include "ui/routes/routeeditor.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file under dir, concatenated (hidden ones too).
QByteArray treeText(const QString& dir)
{
    QByteArray all;
    QDir d(dir);
    for (const QFileInfo& info :
        d.entryInfoList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        all += info.isDir() ? treeText(info.filePath()) : readFile(info.filePath());
    }
    return all;
}

} // namespace

class TestComposerPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    ComposerPanel* m_panel = nullptr;

    template <typename T> T* child(const char* name) { return test::child<T>(m_panel, name); }

    void setUrl(const QString& url)
    {
        auto* edit = child<QLineEdit>("composerUrl");
        edit->selectAll();
        edit->del();
        edit->insert(url); // emits textEdited like typing a paste
    }

    // Clicks Send and waits for the viewer to show the answer.
    bool clickSend()
    {
        QSignalSpy finished(m_panel->sender(), &RequestSender::finished);
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        return finished.wait(10'000);
    }

    void chooseAuth(server::ComposerRequest::AuthKind kind)
    {
        auto* combo = child<QComboBox>("authKindCombo");
        combo->setCurrentIndex(combo->findData(int(kind)));
    }

    // A key made the way a user makes one: the Keys page's create action,
    // its secret read from the dialog that shows it once.
    QString createKeyInPanel(const std::string& tier, QString* id)
    {
        server::KeyOptions options;
        options.tier = tier;
        options.label = "composer";
        *id = m_window->keysPanel()->createKey(options);
        for (NewKeyDialog* d : m_window->keysPanel()->findChildren<NewKeyDialog*>()) {
            if (!d->isVisible())
                continue;
            const QString secret = d->findChild<QLineEdit*>(QStringLiteral("newKeyEdit"))->text();
            d->close();
            return secret;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "composer";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        server::Route hello;
        hello.path = "/hello";
        hello.responses.front().body = "{\"b\":1,\"a\":[1,2]}";
        hello.responses.front().headers = { { "Content-Type", "application/json" } };
        server::Route secret;
        secret.path = "/v1/secret";
        secret.access.keyRequired = true;
        secret.responses.front().body = "{\"ok\":true}";
        server::Route user;
        user.path = "/users/{id}";
        server::Rule rule;
        rule.source = server::RuleSource::PathParam;
        rule.key = "id";
        rule.value = "7";
        rule.response = 1;
        user.rules = { rule };
        server::Response found;
        found.status = 200;
        found.body = "{\"id\":7}";
        server::Response missing;
        missing.status = 404;
        user.responses = { missing, found };
        ws.routes = { hello, secret, user };
        ws.environments
            = { { "Local", { { "who", "hello" } } }, { "Other", { { "who", "nope" } } } };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(test::startServer(m_window->serverController()));
        m_window->showPage(MainWindow::RequestsPage);
        m_panel = m_window->composer();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void sendShowsStatusBodyAndHistory()
    {
        setUrl(QStringLiteral("{{baseUrl}}/hello"));
        QVERIFY(clickSend());
        ResponseViewer* viewer = m_panel->viewer();
        QCOMPARE(viewer->statusText(), QStringLiteral("200 OK"));
        // Pretty-printed in the server's key order.
        QVERIFY2(viewer->bodyText().startsWith(QStringLiteral("{\n  \"b\": 1,\n  \"a\": [")),
            qPrintable(viewer->bodyText()));
        viewer->setPretty(false);
        QCOMPARE(viewer->bodyText(), QStringLiteral("{\"b\":1,\"a\":[1,2]}"));
        QCOMPARE(viewer->find(QStringLiteral("a")), 1);

        // The history shows it and keeps it on disk.
        QCOMPARE(m_panel->historyModel()->rowCount(), 1);
        const server::HistoryEntry& entry = m_panel->historyModel()->entry(0);
        QCOMPARE(entry.status, 200);
        QCOMPARE(entry.request.url, std::string("{{baseUrl}}/hello"));
        server::HistoryLog log(
            pathFromQt(m_dir->path() + QStringLiteral("/.tollgate/history.jsonl")));
        QCOMPARE(log.load().size(), std::size_t(1));
    }

    void environmentVariables()
    {
        setUrl(QStringLiteral("{{baseUrl}}/{{who}}"));
        m_panel->setEnvironment(QStringLiteral("Local"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));
        m_panel->setEnvironment(QStringLiteral("Other"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("404 Not Found"));
    }

    void unknownVariableIsNotSent()
    {
        setUrl(QStringLiteral("{{baseUrl}}/{{nothing}}"));
        QSignalSpy started(m_panel->sender(), &RequestSender::started);
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        QVERIFY2(m_panel->viewer()->errorText().contains(QStringLiteral("{{nothing}}")),
            qPrintable(m_panel->viewer()->errorText()));
        QCOMPARE(started.count(), 0);
        QCOMPARE(m_panel->historyModel()->rowCount(), 0);

        // An undefined token variable points at the key picker.
        setUrl(QStringLiteral("{{baseUrl}}/v1/secret"));
        chooseAuth(server::ComposerRequest::AuthKind::ApiKey);
        child<QLineEdit>("tokenEdit")->setText(QStringLiteral("{{apiKey}}"));
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        QVERIFY2(m_panel->viewer()->errorText().contains(QStringLiteral("Auth tab")),
            qPrintable(m_panel->viewer()->errorText()));
        QCOMPARE(started.count(), 0);
    }

    void pickedKeyAuthenticates()
    {
        setUrl(QStringLiteral("{{baseUrl}}/v1/secret"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("401 Unauthorized"));

        QString id;
        const QString secret = createKeyInPanel("pro", &id);
        QVERIFY(!secret.isEmpty());
        QCOMPARE(m_window->secretStore()->secret(id), secret);
        QVERIFY(test::applyNow(m_window->serverController()));

        chooseAuth(server::ComposerRequest::AuthKind::ApiKey);
        auto* picker = child<QComboBox>("keyPicker");
        const int index = picker->findData(id);
        QVERIFY(index > 0);
        picker->setCurrentIndex(index);
        QCOMPARE(m_panel->request().keyId, toStd(id));
        QVERIFY(m_panel->request().token.empty());
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));

        // Same key as a bearer token.
        chooseAuth(server::ComposerRequest::AuthKind::Bearer);
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));

        // The secret is in no workspace file: not in history, not in the draft.
        m_panel->writeDraft();
        QVERIFY(!treeText(m_dir->path()).contains(secret.toLatin1()));
    }

    void pastedKeyIsSavedAsReference()
    {
        QString id;
        const QString secret = createKeyInPanel("free", &id);
        QVERIFY(!secret.isEmpty());
        server::SavedRequest named;
        named.name = "Secret";
        named.request.url = "{{baseUrl}}/v1/secret";
        named.request.auth = server::ComposerRequest::AuthKind::Bearer;
        named.request.token = toStd(secret);
        std::string error;
        QVERIFY2(server::saveRequest(pathFromQt(m_dir->path()), &named, &error), error.c_str());
        named.request.token = "changed-below";
        m_panel->setRequest(named);
        child<QLineEdit>("tokenEdit")->setText(secret);
        QVERIFY(m_panel->hasUnsavedChanges());
        QVERIFY(m_panel->save());
        const QByteArray file
            = readFile(m_dir->path() + QStringLiteral("/requests/") + toQt(named.fileName));
        QVERIFY2(file.contains(id.toLatin1()), file.constData());
        QVERIFY(!file.contains(secret.toLatin1()));
        QVERIFY(!m_panel->hasUnsavedChanges());
        QCOMPARE(m_panel->request().keyId, toStd(id));
    }

    void testsSurviveEditingAndSaving()
    {
        // A saved request's tests (written by hand or by tollgated's users)
        // stay in its file when the composer edits and saves it.
        server::SavedRequest tested;
        tested.name = "Tested";
        tested.request.url = "{{baseUrl}}/hello";
        server::Assertion status;
        status.value = "200";
        server::Capture id;
        id.variable = "helloId";
        id.path = "/id";
        tested.request.checks.assertions = { status };
        tested.request.checks.captures = { id };
        std::string error;
        QVERIFY2(server::saveRequest(pathFromQt(m_dir->path()), &tested, &error), error.c_str());
        m_panel->setRequest(tested);
        auto* url = child<QLineEdit>("composerUrl");
        url->setText(QStringLiteral("{{baseUrl}}/hello?x=1"));
        QVERIFY(m_panel->hasUnsavedChanges());
        QVERIFY(m_panel->save());
        const server::RequestLoadResult loaded = server::loadRequests(pathFromQt(m_dir->path()));
        const auto it = std::find_if(loaded.requests.begin(), loaded.requests.end(),
            [](const server::SavedRequest& r) { return r.name == "Tested"; });
        QVERIFY(it != loaded.requests.end());
        QCOMPARE(it->request.url, std::string("{{baseUrl}}/hello?x=1"));
        QVERIFY(it->request.checks == tested.request.checks);
        QCOMPARE(m_panel->request().checks.captures.size(), std::size_t(1));
    }

    void schemaChecksWithoutASchemaUseTheRoutes()
    {
        // /hello's answer gets a schema, as an OpenAPI import gives one.
        server::Route hello = m_window->document()->route(0);
        QCOMPARE(hello.path, std::string("/hello"));
        hello.responses.front().schema = R"({"type":"object","required":["b","a"]})";
        m_window->document()->setRoute(0, hello, QString(), QStringLiteral("Schema"));
        server::Assertion schema;
        schema.subject = server::Assertion::Subject::Schema;
        schema.op = server::Assertion::Op::Matches;
        server::SavedRequest tested;
        tested.name = "Schema";
        tested.request.url = "{{baseUrl}}/hello";
        tested.request.checks.assertions = { schema };
        m_panel->setRequest(tested);
        QVERIFY(clickSend());
        QAbstractItemModel* model = child<QTableView>("assertionsView")->model();
        const int result = 4; // AssertionTableModel::ResultColumn
        QCOMPARE(model->index(0, result).data().toString(), QStringLiteral("Passed"));

        // The same route, a schema the answer breaks.
        hello.responses.front().schema = R"({"type":"object","required":["c"]})";
        m_window->document()->setRoute(0, hello, QString(), QStringLiteral("Schema"));
        QVERIFY(clickSend());
        QVERIFY2(model->index(0, result).data().toString().startsWith(QStringLiteral("Failed")),
            qPrintable(model->index(0, result).data().toString()));

        // A route whose answer has none says so.
        tested.request.url = "{{baseUrl}}/users/1";
        m_panel->setRequest(tested);
        QVERIFY(clickSend());
        QCOMPARE(model->index(0, result).data().toString(),
            QStringLiteral("Failed: the route has no schema for status 404; give one in the "
                           "assertion"));
    }

    void testsRunAfterEachSendAndCapturesFillTheEnvironment()
    {
        using S = server::Assertion::Subject;
        using O = server::Assertion::Op;
        auto assertion = [](S subject, std::string path, O op, std::string value) {
            server::Assertion a;
            a.subject = subject;
            a.path = std::move(path);
            a.op = op;
            a.value = std::move(value);
            return a;
        };
        server::SavedRequest tested;
        tested.name = "Hello tests";
        tested.request.url = "{{baseUrl}}/hello";
        tested.request.checks.assertions = { assertion(S::Status, "", O::Equals, "200"),
            assertion(S::Json, "/b", O::Equals, "1"), assertion(S::Json, "/a", O::Contains, "3") };
        server::Capture b;
        b.variable = "helloB";
        b.path = "/b";
        tested.request.checks.captures = { b };
        m_panel->setRequest(tested);
        auto* tabs = child<QTabWidget>("requestTabs");
        QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Tests (4)"));
        QVERIFY(clickSend());

        auto* view = child<QTableView>("assertionsView");
        QAbstractItemModel* model = view->model();
        const int result = 4; // AssertionTableModel::ResultColumn
        QCOMPARE(model->index(0, result).data().toString(), QStringLiteral("Passed"));
        QCOMPARE(model->index(1, result).data().toString(), QStringLiteral("Passed"));
        QCOMPARE(model->index(2, result).data().toString(),
            QStringLiteral("Failed: expected 3, got [1,2]"));
        QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Tests (3 of 4 passed)"));
        QVERIFY(child<QLabel>("testsSummary")->text().contains(QStringLiteral("1 of 4 failed")));

        // The capture went into the current environment, as one undo step.
        auto localValue = [this](const std::string& name) -> std::optional<std::string> {
            for (const server::Environment& e : m_window->document()->environments())
                if (e.name == "Local")
                    for (const auto& [n, v] : e.variables)
                        if (n == name)
                            return v;
            return std::nullopt;
        };
        QCOMPARE(localValue("helloB"), std::optional<std::string>("1"));

        // The next request uses it: /users/1 is answered 404.
        server::SavedRequest next;
        next.name = "Uses the capture";
        next.request.url = "{{baseUrl}}/users/{{helloB}}";
        next.request.checks.assertions = { assertion(S::Status, "", O::Equals, "404") };
        m_panel->setRequest(next);
        QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Tests (1)"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("404 Not Found"));
        QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Tests (1 of 1 passed)"));
        m_window->document()->undoStack()->undo();
        QCOMPARE(localValue("helloB"), std::nullopt);

        // Editing: a row added is part of the request; a pointer without its
        // '/' is refused with the reason, and nothing changes.
        model = child<QTableView>("assertionsView")->model();
        QVERIFY(model->insertRows(1, 1));
        QCOMPARE(m_panel->request().checks.assertions.size(), std::size_t(2));
        QVERIFY(m_panel->hasUnsavedChanges());
        QVERIFY(model->setData(model->index(1, 0), 2)); // JSON value
        QCOMPARE(m_panel->request().checks.assertions[1].subject, S::Json);
        QVERIFY(!model->setData(model->index(1, 1), QStringLiteral("id")));
        QVERIFY(!child<QLabel>("testsProblem")->isHidden());
        QVERIFY(child<QLabel>("testsProblem")->text().contains(QStringLiteral("JSON pointer")));
        QCOMPARE(m_panel->request().checks.assertions[1].path, std::string("/id"));
        // A schema check starts from a schema that runs, never an empty one
        // (no route supplies a schema of its answers).
        QVERIFY(model->setData(model->index(1, 0), 4)); // JSON Schema
        QCOMPARE(m_panel->request().checks.assertions[1].subject, S::Schema);
        QCOMPARE(
            m_panel->request().checks.assertions[1].value, std::string("{\"type\": \"object\"}"));
    }

    void curlPasteImports()
    {
        QApplication::clipboard()->setText(
            QStringLiteral("curl -X POST '{{baseUrl}}/hello?x=1' -H 'X-Trace: 9' -d '{\"a\":1}'"));
        auto* url = child<QLineEdit>("composerUrl");
        url->setFocus();
        url->selectAll();
        QTest::keySequence(url, QKeySequence::Paste);
        const server::ComposerRequest r = m_panel->request();
        QCOMPARE(r.method, std::string("POST"));
        QCOMPARE(r.url, std::string("{{baseUrl}}/hello?x=1"));
        QCOMPARE(r.body, std::string("{\"a\":1}"));
        QVERIFY(std::find(r.headers.begin(), r.headers.end(), server::Header { "X-Trace", "9" })
            != r.headers.end());
        // Typing "curl" by hand is not an import.
        url->clear();
        QTest::keyClicks(url, QStringLiteral("curl x"));
        QCOMPARE(url->text(), QStringLiteral("curl x"));
    }

    void paramsTableFollowsUrl()
    {
        auto* view = child<QTableView>("paramsView");
        QAbstractItemModelTester tester(
            view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* url = child<QLineEdit>("composerUrl");
        url->clear();
        QTest::keyClicks(url, QStringLiteral("{{baseUrl}}/hello?q=a%20b&n=2"));
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(view->model()->index(0, 1).data().toString(), QStringLiteral("a b"));
        QVERIFY(view->model()->setData(view->model()->index(1, 1), QStringLiteral("3")));
        QCOMPARE(url->text(), QStringLiteral("{{baseUrl}}/hello?q=a%20b&n=3"));
    }

    void tryItFromRouteEditor()
    {
        m_window->showPage(MainWindow::RoutesPage);
        int row = -1;
        for (int i = 0; i < m_window->document()->routeCount(); ++i) {
            if (m_window->document()->route(i).path == "/users/{id}")
                row = i; // the rule wants id 7
        }
        QVERIFY(row >= 0);
        m_window->selectRoute(row);
        auto* tryIt
            = m_window->routeEditor()->findChild<QToolButton*>(QStringLiteral("tryItButton"));
        QVERIFY(tryIt);
        tryIt->click();
        QCOMPARE(m_window->currentPage(), MainWindow::RequestsPage);
        QCOMPARE(toQt(m_panel->request().url), QStringLiteral("{{baseUrl}}/users/7"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));
    }

    void cancelAndConnectionRefused()
    {
        // A closed port: plain sentence, nothing else.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        setUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        QVERIFY(clickSend());
        QVERIFY2(m_panel->viewer()->errorText().contains(QStringLiteral("refused")),
            qPrintable(m_panel->viewer()->errorText()));
        QCOMPARE(m_panel->historyModel()->entry(0).status, 0);
        QVERIFY(!m_panel->historyModel()->entry(0).error.empty());
    }

    void uploadsFromOutsideTheWorkspaceAsk()
    {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        QFile secret(elsewhere.filePath(QStringLiteral("id_ed25519")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("private");
        secret.close();
        QFile inside(m_dir->filePath(QStringLiteral("payload.json")));
        QVERIFY(inside.open(QIODevice::WriteOnly));
        inside.write("{}");
        inside.close();

        server::SavedRequest upload;
        upload.request.method = "POST";
        // TEST-NET-1: not this machine, and nothing answers there.
        upload.request.url = "http://192.0.2.1/upload";
        upload.request.bodyKind = server::ComposerRequest::BodyKind::File;
        upload.request.bodyFile = toStd(secret.fileName());
        upload.request.connectTimeoutMs = 100;
        m_panel->setRequest(upload);
        QSignalSpy started(m_panel->sender(), &RequestSender::started);
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        QCOMPARE(started.count(), 0);
        QVERIFY2(m_panel->viewer()->errorText().contains(QStringLiteral("192.0.2.1")),
            qPrintable(m_panel->viewer()->errorText()));
        auto* sendAnyway
            = m_panel->viewer()->findChild<QPushButton*>(QStringLiteral("proceedButton"));
        QVERIFY(sendAnyway && sendAnyway->isVisible());
        sendAnyway->click();
        QCOMPARE(started.count(), 1);
        m_panel->cancel();
        // Asked once: the same upload goes straight out the next time.
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        QCOMPARE(started.count(), 2);
        m_panel->cancel();

        // A file in the workspace, or any file to this machine, is not asked about.
        upload.request.bodyFile = "payload.json";
        m_panel->setRequest(upload);
        QTest::mouseClick(child<QToolButton>("sendButton"), Qt::LeftButton);
        QCOMPARE(started.count(), 3);
        m_panel->cancel();
        upload.request.bodyFile = toStd(secret.fileName());
        upload.request.url = "{{baseUrl}}/hello";
        m_panel->setRequest(upload);
        QVERIFY(clickSend());
        QCOMPARE(started.count(), 4);
        QVERIFY(m_panel->sender()->response().status > 0); // it went out and came back
    }

    void loadingIsNotAnEdit()
    {
        // Values the widgets round (milliseconds) or drop (fields of another
        // auth kind) must not make a freshly opened request look edited.
        server::SavedRequest odd;
        odd.name = "Odd";
        odd.fileName = "odd.json";
        odd.request.url = "{{baseUrl}}/hello";
        odd.request.connectTimeoutMs = 1500;
        odd.request.basicUser = "left over";
        m_panel->setRequest(odd);
        QVERIFY(!m_panel->hasUnsavedChanges());
        QTest::keyClicks(child<QLineEdit>("composerUrl"), QStringLiteral("x"));
        QVERIFY(m_panel->hasUnsavedChanges());
    }

    void formBodyRoundTrip()
    {
        server::SavedRequest form;
        form.request.method = "POST";
        form.request.url = "{{baseUrl}}/hello";
        form.request.bodyKind = server::ComposerRequest::BodyKind::Form;
        form.request.body = "name=Ada+L&x=%26y&empty=";
        m_panel->setRequest(form);
        auto* view = child<QTableView>("formFieldsView");
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->model()->index(0, 1).data().toString(), QStringLiteral("Ada L"));
        QCOMPARE(view->model()->index(1, 1).data().toString(), QStringLiteral("&y"));
        QCOMPARE(toQt(m_panel->request().body), QStringLiteral("name=Ada%20L&x=%26y&empty="));
    }

    void environmentsEditedThroughTheDialogAndUndone()
    {
        EnvironmentDialog dialog(m_window->document()->environments(), m_panel->builtinBaseUrl());
        dialog.setCurrentEnvironment(QStringLiteral("Other"));
        auto* table = dialog.findChild<QTableView*>(QStringLiteral("variablesView"));
        QVERIFY(table);
        QAbstractItemModel* vars = table->model();
        QCOMPARE(vars->index(0, 1).data().toString(), QStringLiteral("nope"));
        QVERIFY(vars->setData(vars->index(0, 1), QStringLiteral("hello")));
        const std::vector<server::Environment> edited = dialog.environments();
        QCOMPARE(edited.at(1).variables.at(0).second, std::string("hello"));
        QCOMPARE(edited.at(0).variables.at(0).second, std::string("hello")); // Local untouched

        m_window->document()->setEnvironments(edited, QStringLiteral("Edit environments"));
        setUrl(QStringLiteral("{{baseUrl}}/{{who}}"));
        m_panel->setEnvironment(QStringLiteral("Other"));
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));
        m_window->document()->undoStack()->undo();
        QVERIFY(clickSend());
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("404 Not Found"));
        QCOMPARE(m_panel->environment(), QStringLiteral("Other"));
    }

    void copyAsCurlFillsInVariables()
    {
        setUrl(QStringLiteral("{{baseUrl}}/{{who}}"));
        m_panel->setEnvironment(QStringLiteral("Local"));
        m_panel->copyCurlAction()->trigger();
        const QString curl = QApplication::clipboard()->text();
        QVERIFY2(curl.startsWith(QStringLiteral("curl ")), qPrintable(curl));
        QVERIFY2(
            curl.contains(m_panel->builtinBaseUrl() + QStringLiteral("/hello")), qPrintable(curl));
        m_panel->copyHttpxAction()->trigger();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("httpx.Timeout")));
    }

    void environmentChoiceIsRememberedPerWorkspace()
    {
        const QString dir = m_window->document()->directory();
        auto* combo = child<QComboBox>("environmentCombo");
        QCOMPARE(combo->count(), 2);
        combo->setCurrentIndex(combo->findText(QStringLiteral("Other")));
        QCOMPARE(settings::composerEnvironment(dir).read(), QStringLiteral("Other"));
        m_panel->setEnvironment(QStringLiteral("Local"));
        QCOMPARE(settings::composerEnvironment(dir).read(), QStringLiteral("Local"));
        m_panel->setEnvironment(QStringLiteral("Other"));

        m_window->close();
        m_window.reset();
        test::makeWindow(m_engine, m_window);
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QCOMPARE(m_window->composer()->environment(), QStringLiteral("Other"));
        // Another workspace starts from its own first environment.
        QVERIFY(settings::composerEnvironment(dir + QStringLiteral("-elsewhere")).read().isEmpty());
    }

    void draftSurvivesRestart()
    {
        setUrl(QStringLiteral("{{baseUrl}}/kept?after=restart"));
        m_window->close();
        m_window.reset();
        test::makeWindow(m_engine, m_window);
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QCOMPARE(
            m_window->composer()->request().url, std::string("{{baseUrl}}/kept?after=restart"));
    }
};

QTEST_MAIN(TestComposerPanel)
#include "tst_composerpanel.moc"
