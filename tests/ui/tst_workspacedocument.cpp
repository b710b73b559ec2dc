#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

QString readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString routeFilesText(const QString& dir)
{
    QString all;
    const QDir routes(QDir(dir).filePath(QStringLiteral("routes")));
    for (const QString& name : routes.entryList({ QStringLiteral("*.json") }, QDir::Files))
        all += readAll(routes.filePath(name));
    return all;
}

} // namespace

class TestWorkspaceDocument : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;

    server::Route route(const char* path)
    {
        server::Route r = m_doc->makeNewRoute();
        r.path = path;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(
            m_doc->create(m_dir->path(), QStringLiteral("doc-test"), &error), qPrintable(error));
        QVERIFY(m_doc->isOpen());
        QCOMPARE(m_doc->name(), QStringLiteral("doc-test"));
    }

    void cleanup()
    {
        m_doc.reset();
        m_dir.reset();
    }

    void undoRedoRestoresRoutes()
    {
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, route("/a"), QStringLiteral("add"));
        server::Route edited = m_doc->route(0);
        edited.method = "POST";
        edited.responses[0].status = 201;
        m_doc->setRoute(0, edited, {}, QStringLiteral("edit"));
        QCOMPARE(m_doc->undoStack()->count(), 2);

        QSignalSpy changed(m_doc.get(), &WorkspaceDocument::routeChanged);
        m_doc->undoStack()->undo();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_doc->route(0).method, std::string("GET"));
        QCOMPARE(m_doc->route(0).responses[0].status, 200);
        m_doc->undoStack()->redo();
        QCOMPARE(m_doc->route(0).method, std::string("POST"));
        QCOMPARE(m_doc->route(0).responses[0].status, 201);

        m_doc->removeRoute(0);
        QCOMPARE(m_doc->routeCount(), 0);
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->routeCount(), 1);
        QCOMPARE(m_doc->route(0).method, std::string("POST"));
        m_doc->undoStack()->undo();
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->routeCount(), 0);
    }

    void consecutiveEditsOfOneFieldMerge()
    {
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, route("/"), {});
        const int base = m_doc->undoStack()->count();
        server::Route r = m_doc->route(0);
        for (const char* typed : { "/h", "/he", "/hel", "/hello" }) {
            r.path = typed;
            m_doc->setRoute(0, r, QStringLiteral("path"), QStringLiteral("Change path"));
        }
        QCOMPARE(m_doc->undoStack()->count(), base + 1);

        // Another field starts a new step.
        r.description = "greeting";
        m_doc->setRoute(0, r, QStringLiteral("description"), {});
        QCOMPARE(m_doc->undoStack()->count(), base + 2);
        // And the same field on another route does not merge either.
        m_doc->insertRoute(1, route("/other"), {});
        server::Route other = m_doc->route(1);
        other.description = "x";
        m_doc->setRoute(1, other, QStringLiteral("description"), {});
        QCOMPARE(m_doc->undoStack()->count(), base + 4);

        m_doc->undoStack()->undo(); // description of /other
        m_doc->undoStack()->undo(); // insert of /other
        m_doc->undoStack()->undo(); // description
        QCOMPARE(m_doc->route(0).path, std::string("/hello"));
        m_doc->undoStack()->undo(); // the whole typed path
        QCOMPARE(m_doc->route(0).path, std::string("/"));
    }

    void noOpEditIsNotAnUndoStep()
    {
        m_doc->insertRoute(0, route("/a"), {});
        const int count = m_doc->undoStack()->count();
        m_doc->setRoute(0, m_doc->route(0), QStringLiteral("path"), {});
        QCOMPARE(m_doc->undoStack()->count(), count);
    }

    void autosaveWritesFiles()
    {
        m_doc->setAutosaveDelay(50);
        QSignalSpy saved(m_doc.get(), &WorkspaceDocument::saved);
        m_doc->insertRoute(0, route("/autosaved"), {});
        QVERIFY(m_doc->hasUnsavedChanges());
        QTRY_VERIFY(saved.count() >= 1);
        QVERIFY(!m_doc->hasUnsavedChanges());
        QVERIFY(m_doc->lastSaved().isValid());
        QVERIFY(routeFilesText(m_dir->path()).contains(QStringLiteral("/autosaved")));
        QVERIFY(!m_doc->route(0).fileName.empty());

        // Undo of an edit made after the save writes to the same file.
        const std::string file = m_doc->route(0).fileName;
        server::Route r = m_doc->route(0);
        r.path = "/renamed";
        m_doc->setRoute(0, r, {}, {});
        QTRY_VERIFY(saved.count() >= 2);
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->route(0).fileName, file);
        QTRY_VERIFY(saved.count() >= 3);
        QVERIFY(routeFilesText(m_dir->path()).contains(QStringLiteral("/autosaved")));
        QVERIFY(!routeFilesText(m_dir->path()).contains(QStringLiteral("/renamed")));
    }

    void ownSavesAreNotExternalEdits()
    {
        QSignalSpy reloaded(m_doc.get(), &WorkspaceDocument::reloadedFromDisk);
        m_doc->insertRoute(0, route("/mine"), {});
        QVERIFY(m_doc->saveNow());
        m_doc->checkForExternalChanges();
        QCOMPARE(reloaded.count(), 0);
        QCOMPARE(m_doc->undoStack()->count(), 1);
    }

    void externalEditIsReloaded()
    {
        m_doc->insertRoute(0, route("/existing"), {});
        QVERIFY(m_doc->saveNow());
        QSignalSpy reloaded(m_doc.get(), &WorkspaceDocument::reloadedFromDisk);

        // Someone else (an editor, git pull) adds a route file.
        server::Route added;
        added.method = "POST";
        added.path = "/from-outside";
        std::string error;
        const auto file = pathFromQt(m_dir->path()) / "routes" / "post-from-outside.json";
        QVERIFY2(server::writeFileAtomic(file, server::routeToJson(added), &error), error.c_str());

        QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 1, 10'000);
        QCOMPARE(m_doc->routeCount(), 2);
        bool found = false;
        for (int i = 0; i < m_doc->routeCount(); ++i)
            found = found || m_doc->route(i).path == "/from-outside";
        QVERIFY(found);
        // The history referred to the old state.
        QCOMPARE(m_doc->undoStack()->count(), 0);
    }

    void brokenFileIsReportedAndTheRestLoads()
    {
        m_doc->insertRoute(0, route("/fine"), {});
        QVERIFY(m_doc->saveNow());
        QFile broken(QDir(m_dir->path()).filePath(QStringLiteral("routes/get-broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\n  \"schemaVersion\": 1,\n  \"method\": \"GET\",\n  \"path\": \n}\n");
        broken.close();

        WorkspaceDocument doc;
        QSignalSpy diagnostics(&doc, &WorkspaceDocument::diagnosticsChanged);
        QString error;
        QVERIFY(doc.open(m_dir->path(), &error));
        QVERIFY(diagnostics.count() >= 1);
        QCOMPARE(doc.routeCount(), 1);
        QCOMPARE(doc.route(0).path, std::string("/fine"));
        QCOMPARE(doc.loadDiagnostics().size(), std::size_t(1));
        const server::Diagnostic& d = doc.loadDiagnostics().front();
        QVERIFY(QString::fromStdString(d.file).contains(QStringLiteral("get-broken.json")));
        QVERIFY(d.line >= 4);
    }

    void openRejectsMissingDirectory()
    {
        WorkspaceDocument doc;
        QString error;
        QVERIFY(!doc.open(QDir(m_dir->path()).filePath(QStringLiteral("nope")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!doc.isOpen());
        QVERIFY(!WorkspaceDocument::isWorkspaceDirectory(
            QDir(m_dir->path()).filePath(QStringLiteral("routes"))));
        QVERIFY(WorkspaceDocument::isWorkspaceDirectory(m_dir->path()));
    }

    void serverSettingsAreUndoable()
    {
        QSignalSpy settings(m_doc.get(), &WorkspaceDocument::settingsChanged);
        server::ServerSettings s = m_doc->workspace().server;
        s.port = 9090;
        m_doc->setServerSettings(s, QStringLiteral("port"));
        QCOMPARE(m_doc->workspace().server.port, 9090);
        QCOMPARE(settings.count(), 1);
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->workspace().server.port, 8080);
        QCOMPARE(settings.count(), 2);
    }
};

QTEST_MAIN(TestWorkspaceDocument)
#include "tst_workspacedocument.moc"
