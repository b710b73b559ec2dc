// The window on a disk that cannot take a write: saving an edited route, a
// new key or a saved request fails with a message that names the file and
// the reason, the edit stays in the window, the files on disk stay as they
// were (nothing is reloaded over the edit), and the next save once the disk
// is back writes it. The failure is injected (TOLLGATE_TEST_WRITE_FAULT, see
// server/common/files.cpp); tests/server/tst_writefailure has real ones.

#include "../writefault.h"
#include "testutil.h"

#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/keystierspanel.h"
#include "ui/keys/newkeydialog.h"
#include "ui/requests/composerpanel.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <map>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using testsupport::WriteFault;
using tollgate::ui::test::child;

namespace {

/// The workspace's files without its machine-local state.
std::map<QString, QByteArray> workspaceFiles(const QString& dir)
{
    std::map<QString, QByteArray> files = test::fileTree(dir);
    std::erase_if(files,
        [](const auto& entry) { return entry.first.startsWith(QLatin1String(".tollgate")); });
    return files;
}

} // namespace

class TestSaveFailure : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    WorkspaceDocument* document() const { return m_window->document(); }
    QString statusMessage() const { return m_window->statusBar()->currentMessage(); }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "save-failure";
        ws.dir = pathFromQt(m_dir->path());
        server::Route route;
        route.path = "/v1/items";
        route.responses.front().body = "[]";
        ws.routes = { route };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        server::SavedRequest saved;
        saved.name = "Items";
        saved.request.url = "http://127.0.0.1/v1/items";
        QVERIFY2(server::saveRequest(ws.dir, &saved, &error), error.c_str());

        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void routeEditKeptWhenSaveFails()
    {
        const auto before = workspaceFiles(m_dir->path());
        server::Route route = document()->route(0);
        const std::string file = route.fileName;
        route.description = "edited while the disk is full";
        document()->setRoute(0, route, QString(), QStringLiteral("Edit route"));

        QSignalSpy failed(document(), &WorkspaceDocument::saveFailed);
        QSignalSpy reloaded(document(), &WorkspaceDocument::reloadedFromDisk);
        {
            WriteFault full("ENOSPC:/routes/");
            QVERIFY(!document()->saveNow());
        }
        QCOMPARE(failed.size(), 1);
        const QString shown = statusMessage();
        QVERIFY2(shown.contains(QLatin1String("Could not save")), qPrintable(shown));
        QVERIFY2(shown.contains(toQt(file)), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("No space left on device")), qPrintable(shown));
        QCOMPARE(workspaceFiles(m_dir->path()), before);

        // The edit is still there, and not taken back by a look at the disk.
        document()->checkForExternalChanges();
        QCOMPARE(reloaded.size(), 0);
        QVERIFY(document()->hasUnsavedChanges());
        QCOMPARE(document()->route(0).description, route.description);

        QVERIFY(document()->saveNow());
        QVERIFY(test::readAll(m_dir->filePath(QStringLiteral("routes/")) + toQt(file))
                    .contains("edited while the disk is full"));
    }

    void newKeyKeptWhenSaveFails()
    {
        const auto before = workspaceFiles(m_dir->path());
        server::KeyOptions options;
        options.tier = "free";
        options.label = "made on a full disk";
        const QString id = m_window->keysPanel()->createKey(options);
        QVERIFY(!id.isEmpty());
        // Its secret is shown once, as always; the dialog is closed as a user does.
        auto* shownKey = m_window->keysPanel()->findChild<NewKeyDialog*>();
        QVERIFY(shownKey);
        child<QPushButton>(shownKey, "closeNewKeyButton")->click();

        {
            WriteFault full("EDQUOT:keys.json");
            QVERIFY(!document()->saveNow());
        }
        const QString shown = statusMessage();
        QVERIFY2(shown.contains(QLatin1String("keys.json")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("Disk quota exceeded")), qPrintable(shown));
        QCOMPARE(workspaceFiles(m_dir->path()), before);
        const auto& keys = document()->keys();
        QVERIFY(std::any_of(
            keys.begin(), keys.end(), [&](const server::ApiKey& k) { return toQt(k.id) == id; }));

        QVERIFY(document()->saveNow());
        QVERIFY(test::readAll(m_dir->filePath(QStringLiteral("keys.json"))).contains(id.toUtf8()));
    }

    void savedRequestKeptWhenSaveFails()
    {
        ComposerPanel* composer = m_window->composer();
        const server::RequestLoadResult loaded = server::loadRequests(pathFromQt(m_dir->path()));
        QCOMPARE(loaded.requests.size(), std::size_t(1));
        server::SavedRequest edited = loaded.requests.front();
        edited.request.url = "http://127.0.0.1/v1/items?edited=1";
        composer->setRequest(edited);
        const auto before = workspaceFiles(m_dir->path());

        // The warning is modal: read it and close it, as a user does.
        QString warning;
        QTimer closer;
        closer.setInterval(10);
        connect(&closer, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                warning = box->text();
                box->accept();
            }
        });
        closer.start();
        {
            WriteFault full("EIO:/requests/");
            QVERIFY(!composer->save());
        }
        closer.stop();
        QVERIFY2(
            warning.contains(QLatin1String("Could not save the request")), qPrintable(warning));
        QVERIFY2(warning.contains(toQt(edited.fileName)), qPrintable(warning));
        QVERIFY2(warning.contains(QLatin1String("Input/output error")), qPrintable(warning));
        QCOMPARE(workspaceFiles(m_dir->path()), before);
        QCOMPARE(composer->request().url, edited.request.url);

        QVERIFY(composer->save());
        QVERIFY(test::readAll(m_dir->filePath(QStringLiteral("requests/")) + toQt(edited.fileName))
                    .contains("edited=1"));
    }
};

QTEST_MAIN(TestSaveFailure)
#include "tst_savefailure.moc"
