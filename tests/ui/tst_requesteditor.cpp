// The request editor on its own (no window, no server): every field round
// trips through request()/setRequest(), loading is not an edit, choosing JSON
// adds its Content-Type, the params table and the URL follow each other, and
// a pasted curl command goes to the importer.

#include "testutil.h"

#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/requests/requesteditor.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::child;

using server::ComposerRequest;

class TestRequestEditor : public QObject {
    Q_OBJECT

private:
    WorkspaceDocument m_document;
    SecretStore m_secrets;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void roundTripsEveryField_data()
    {
        QTest::addColumn<ComposerRequest>("request");

        ComposerRequest json;
        json.method = "POST";
        json.url = "{{baseUrl}}/v1/items?limit=10&tag=a%20b#top";
        json.headers = { { "Content-Type", "application/json" }, { "X-Trace", "{{uuid}}" } };
        json.bodyKind = ComposerRequest::BodyKind::Raw;
        json.body = "{\"a\": 1}";
        json.auth = ComposerRequest::AuthKind::Bearer;
        json.token = "{{token}}";
        json.followRedirects = true;
        json.http2 = true;
        json.compressed = true;
        json.insecure = true;
        json.connectTimeoutMs = 5000;
        json.totalTimeoutMs = 60000;
        QTest::newRow("json, bearer, options") << json;

        ComposerRequest form;
        form.method = "PUT";
        form.url = "http://localhost:8080/form";
        form.bodyKind = ComposerRequest::BodyKind::Form;
        form.body = "name=Ada%20L&x=%26y";
        form.auth = ComposerRequest::AuthKind::Basic;
        form.basicUser = "ada";
        form.basicPassword = "secret";
        QTest::newRow("form, basic") << form;

        ComposerRequest multipart;
        multipart.method = "POST";
        multipart.url = "http://localhost/upload";
        multipart.bodyKind = ComposerRequest::BodyKind::Multipart;
        multipart.formFields = { { "file", "@payload.json" }, { "note", "hi" } };
        multipart.auth = ComposerRequest::AuthKind::ApiKey;
        multipart.token = "tg_typed";
        multipart.apiKeyHeader = "X-Key";
        QTest::newRow("multipart, api key") << multipart;

        ComposerRequest file;
        file.method = "PATCH";
        file.url = "http://localhost/blob";
        file.bodyKind = ComposerRequest::BodyKind::File;
        file.bodyFile = "data/blob.bin";
        QTest::newRow("file") << file;

        ComposerRequest text;
        text.method = "OPTIONS";
        text.url = "http://localhost/";
        text.bodyKind = ComposerRequest::BodyKind::Raw;
        text.body = "plain words";
        QTest::newRow("text") << text;
    }

    void roundTripsEveryField()
    {
        QFETCH(ComposerRequest, request);
        RequestEditor editor(&m_document, &m_secrets);
        QSignalSpy changed(&editor, &RequestEditor::changed);
        editor.setRequest(request);
        QCOMPARE(editor.request(), request);
        QVERIFY(!editor.isModified());
        QCOMPARE(changed.count(), 0);
    }

    void editsAreReportedAndCounted()
    {
        RequestEditor editor(&m_document, &m_secrets);
        ComposerRequest r;
        r.url = "http://localhost/a?x=1";
        r.headers = { { "Accept", "*/*" } };
        editor.setRequest(r);
        auto* tabs = child<QTabWidget>(&editor, "requestTabs");
        QCOMPARE(tabs->tabText(0), QStringLiteral("Params (1)"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Headers (1)"));
        QSignalSpy changed(&editor, &RequestEditor::changed);

        QTest::keyClicks(child<QLineEdit>(&editor, "composerUrl"), QStringLiteral("&y=2"));
        QVERIFY(editor.isModified());
        QCOMPARE(changed.count(), 4);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Params (2)"));

        // Back to what was loaded: no longer modified.
        editor.setRequest(r);
        QVERIFY(!editor.isModified());
    }

    void paramsTableWritesTheUrl()
    {
        RequestEditor editor(&m_document, &m_secrets);
        ComposerRequest r;
        r.url = "{{baseUrl}}/s?q=a%20b&n=2";
        editor.setRequest(r);
        auto* view = child<QTableView>(&editor, "paramsView");
        QAbstractItemModelTester tester(
            view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&editor, &RequestEditor::changed);
        QVERIFY(view->model()->setData(view->model()->index(1, 1), QStringLiteral("3")));
        QCOMPARE(editor.request().url, std::string("{{baseUrl}}/s?q=a%20b&n=3"));
        QCOMPARE(changed.count(), 1);
    }

    void choosingJsonAddsItsContentType()
    {
        RequestEditor editor(&m_document, &m_secrets);
        ComposerRequest r;
        r.method = "POST";
        r.url = "http://localhost/";
        editor.setRequest(r);
        auto* kind = child<QComboBox>(&editor, "bodyKindCombo");
        kind->setCurrentIndex(kind->findText(QStringLiteral("JSON")));
        QCOMPARE(editor.request().headers,
            (std::vector<server::Header> { { "Content-Type", "application/json" } }));
        // Not twice, and not over one that is typed.
        kind->setCurrentIndex(kind->findText(QStringLiteral("Text")));
        kind->setCurrentIndex(kind->findText(QStringLiteral("JSON")));
        QCOMPARE(editor.request().headers.size(), std::size_t(1));

        // Loading a JSON body adds nothing: what is loaded is what is shown.
        r.bodyKind = ComposerRequest::BodyKind::Raw;
        r.body = "{}";
        editor.setRequest(r);
        QCOMPARE(kind->currentText(), QStringLiteral("JSON"));
        QVERIFY(editor.request().headers.empty());
    }

    void pastedCurlGoesToTheImporter()
    {
        RequestEditor editor(&m_document, &m_secrets);
        ComposerRequest r;
        r.url = "http://localhost/";
        editor.setRequest(r);
        QStringList offered;
        bool accept = false;
        editor.setCurlImporter([&](const QString& commandLine) {
            offered << commandLine;
            return accept;
        });
        auto* url = child<QLineEdit>(&editor, "composerUrl");
        const QString curl = QStringLiteral("curl -X POST http://localhost/x");

        // Refused: the text stays in the URL, as typed.
        url->selectAll();
        url->insert(curl);
        QCOMPARE(offered, QStringList { curl });
        QCOMPARE(url->text(), curl);

        // Typed a character at a time: never offered.
        url->clear();
        QTest::keyClicks(url, QStringLiteral("curl x"));
        QCOMPARE(offered.size(), 1);

        accept = true;
        url->selectAll();
        url->insert(QStringLiteral("  ") + curl);
        QCOMPARE(offered.size(), 2);
        QCOMPARE(offered.last(), curl);
    }

    void sendSignalsAndRunningState()
    {
        RequestEditor editor(&m_document, &m_secrets);
        QSignalSpy send(&editor, &RequestEditor::sendRequested);
        QSignalSpy clicked(&editor, &RequestEditor::sendButtonClicked);
        auto* button = child<QToolButton>(&editor, "sendButton");
        editor.setRunning(false);
        QCOMPARE(button->text(), QStringLiteral("Send"));
        editor.setRunning(true);
        QCOMPARE(button->text(), QStringLiteral("Cancel"));
        button->click();
        QCOMPARE(clicked.count(), 1);
        QTest::keyClick(child<QLineEdit>(&editor, "composerUrl"), Qt::Key_Return);
        QCOMPARE(send.count(), 1);
    }
};

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
