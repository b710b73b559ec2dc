#include "testutil.h"

#include "server/composer/requeststore.h"
#include "server/interchange/importedapi.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/importdialog.h"
#include "ui/shell/interchangeactions.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <map>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

const QString kBookshop = QStringLiteral(TOLLGATE_TEST_DATA "/import/openapi/bookshop-3.1.yaml");
const QString kBroken = QStringLiteral(TOLLGATE_TEST_DATA "/import/openapi/broken-syntax.yaml");
const QString kHar = QStringLiteral(TOLLGATE_TEST_DATA "/import/har/session.har");

/// Everything under requests/: relative path -> content ("/" for a folder),
/// so an undo that leaves a file or an empty folder behind shows.
std::map<QString, QByteArray> requestTree(const QString& workspace)
{
    const QString root = QDir(workspace).filePath(QStringLiteral("requests"));
    if (!QDir(root).exists())
        return {};
    std::map<QString, QByteArray> tree = test::fileTree(root);
    tree[QStringLiteral(".")] = "/";
    return tree;
}

struct Snapshot {
    std::vector<server::Route> routes;
    std::vector<server::Environment> environments;
    std::map<QString, QByteArray> requests;
};

} // namespace

class TestImportDialog : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    server::ImportedApi m_bookshop;

    Snapshot snapshot() const
    {
        return { m_doc->workspace().routes, m_doc->environments(), requestTree(m_dir->path()) };
    }

    /// A route, an environment and a saved request the bookshop import also
    /// has, each different from the imported one, plus a request of the
    /// user's own in a folder of its own.
    void addConflictingContent()
    {
        server::Route mine = m_bookshop.routes.front();
        // The same shape with another parameter name is still the same route.
        mine.description = "mine";
        mine.responses.front().body = "{\"mine\":true}";
        m_doc->insertRoute(0, mine, QStringLiteral("mine"));
        std::vector<server::Environment> environments = m_doc->environments();
        server::Environment staging = m_bookshop.environments.back();
        staging.variables = { { "baseUrl", "http://localhost:9000" } };
        environments.push_back(staging);
        m_doc->setEnvironments(environments, QStringLiteral("mine"));
        server::SavedRequest request = m_bookshop.requests.front();
        request.request.url = "http://localhost:9000/mine";
        std::string error;
        QVERIFY2(server::saveRequest(pathFromQt(m_dir->path()), &request, &error), error.c_str());
        server::SavedRequest own;
        own.name = "Own";
        own.folder = "mine";
        own.request.url = "http://localhost:9000/own";
        QVERIFY2(server::saveRequest(pathFromQt(m_dir->path()), &own, &error), error.c_str());
        QVERIFY(m_doc->saveNow());
        m_doc->undoStack()->clear();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        const server::ImportResult result = server::importFile(pathFromQt(kBookshop));
        QVERIFY(result.ok());
        m_bookshop = result.api;
        // The test's premises: bookshop has all three, and notes.
        QVERIFY(!m_bookshop.routes.empty() && !m_bookshop.requests.empty());
        QVERIFY(m_bookshop.environments.size() >= 2);
        QVERIFY(!m_bookshop.notes.empty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        m_doc->setAutosaveDelay(60'000);
        QString error;
        QVERIFY2(
            m_doc->create(m_dir->path(), QStringLiteral("import-test"), &error), qPrintable(error));
    }

    void cleanup()
    {
        m_doc.reset();
        m_dir.reset();
    }

    void previewShowsCountsConflictsAndNotes()
    {
        addConflictingContent();
        ImportDialog dialog(m_doc.get(), kBookshop);
        QVERIFY(dialog.result().ok());
        QVERIFY(test::child<QLabel>(&dialog, "importTitle")
                    ->text()
                    .contains(QStringLiteral("OpenAPI 3.1.0")));
        QVERIFY(test::child<QLabel>(&dialog, "importTitle")
                    ->text()
                    .contains(QStringLiteral("Bookshop API")));
        const auto routes = m_bookshop.routes.size() - 1;
        QCOMPARE(test::child<QLabel>(&dialog, "importRoutesCount")->text(),
            QStringLiteral("%1 new").arg(routes));
        QCOMPARE(test::child<QLabel>(&dialog, "importRequestsCount")->text(),
            QStringLiteral("%1 new").arg(m_bookshop.requests.size() - 1));
        QCOMPARE(test::child<QLabel>(&dialog, "importEnvironmentsCount")->text(),
            QStringLiteral("%1 new").arg(m_bookshop.environments.size() - 1));

        // Route, environment and saved request: each listed, each kept.
        auto* conflicts = test::child<QTreeWidget>(&dialog, "importConflicts");
        QCOMPARE(conflicts->topLevelItemCount(), 3);
        QStringList what;
        for (int row = 0; row < conflicts->topLevelItemCount(); ++row) {
            what << conflicts->topLevelItem(row)->text(0);
            QCOMPARE(conflicts->topLevelItem(row)->text(1), QStringLiteral("kept"));
        }
        QVERIFY2(what.filter(QStringLiteral("route ")).size() == 1,
            qPrintable(what.join(QLatin1Char('|'))));
        QVERIFY(what.filter(QStringLiteral("environment ")).size() == 1);
        QVERIFY(what.filter(QStringLiteral("saved request ")).size() == 1);
        QVERIFY(test::child<QRadioButton>(&dialog, "importKeepRadio")->isChecked());

        // The report: every note, with its file:line relative to the spec.
        auto* notes = test::child<QTreeWidget>(&dialog, "importNotes");
        QCOMPARE(notes->topLevelItemCount(), int(m_bookshop.notes.size()));
        const QString where = notes->topLevelItem(0)->text(1);
        QVERIFY2(where.contains(QRegularExpression(QStringLiteral("^[\\w.-]+\\.yaml:\\d+$"))),
            qPrintable(where));

        // OpenAPI offers validation, not the HAR option; toggling re-reads.
        QVERIFY(test::child<QCheckBox>(&dialog, "importValidateCheck")->isVisibleTo(&dialog));
        QVERIFY(!test::child<QCheckBox>(&dialog, "importHarRoutesCheck")->isVisibleTo(&dialog));
        const auto validating = [&] {
            const auto& routes = dialog.result().api.routes;
            return std::any_of(routes.begin(), routes.end(),
                [](const server::Route& r) { return r.validation.enabled; });
        };
        QVERIFY(!validating());
        const std::size_t added = dialog.merge().addedRoutes.size();
        test::child<QCheckBox>(&dialog, "importValidateCheck")->setChecked(true);
        QVERIFY(validating());
        QCOMPARE(dialog.merge().addedRoutes.size(), added);
        // Nothing happened to the workspace yet.
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QCOMPARE(m_doc->routeCount(), 1);
    }

    void harOffersRoutesOfTheCapturedAnswers()
    {
        ImportDialog dialog(m_doc.get(), kHar);
        QVERIFY(dialog.result().ok());
        auto* harRoutes = test::child<QCheckBox>(&dialog, "importHarRoutesCheck");
        QVERIFY(harRoutes->isVisibleTo(&dialog));
        QVERIFY(!test::child<QCheckBox>(&dialog, "importValidateCheck")->isVisibleTo(&dialog));
        const std::size_t before = dialog.merge().addedRoutes.size();
        harRoutes->setChecked(true);
        QVERIFY(dialog.merge().addedRoutes.size() > before);
    }

    void importThenUndoRestoresTheWorkspace()
    {
        addConflictingContent();
        const Snapshot before = snapshot();
        QSignalSpy requestsChanged(m_doc.get(), &WorkspaceDocument::savedRequestsChanged);
        QSignalSpy reloaded(m_doc.get(), &WorkspaceDocument::reloadedFromDisk);

        ImportDialog dialog(m_doc.get(), kBookshop);
        test::child<QRadioButton>(&dialog, "importReplaceRadio")->setChecked(true);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(
                test::child<QTreeWidget>(&dialog, "importConflicts")->topLevelItem(row)->text(1),
                QStringLiteral("replaced"));
        QVERIFY(dialog.apply());
        // (Without the English plural forms loaded, "route(s)" stays as written.)
        const QString summary = dialog.summary();
        QVERIFY2(
            summary.startsWith(QStringLiteral("Imported %1 route").arg(m_bookshop.routes.size()))
                && summary.contains(
                    QStringLiteral(", %1 saved request").arg(m_bookshop.requests.size()))
                && summary.contains(
                    QStringLiteral(" and %1 environment").arg(m_bookshop.environments.size()))
                && summary.endsWith(QStringLiteral("from bookshop-3.1.yaml.")),
            qPrintable(summary));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(std::size_t(m_doc->routeCount()), m_bookshop.routes.size());
        QCOMPARE(m_doc->route(0).description, m_bookshop.routes.front().description);
        QCOMPARE(m_doc->environments().size(), before.environments.size() + 1);
        const Snapshot after = snapshot();
        QVERIFY(after.requests.size() > before.requests.size());
        QVERIFY(requestsChanged.count() >= 1);

        // The request files are the app's own: the look for outside edits
        // (before autosave runs, which would hide it) must not reload, which
        // would clear the undo stack.
        m_doc->checkForExternalChanges();
        QCOMPARE(reloaded.count(), 0);
        QVERIFY(m_doc->saveNow());
        QCOMPARE(m_doc->undoStack()->count(), 1);

        // One step takes everything back, files and folders included.
        m_doc->undoStack()->undo();
        const Snapshot undone = snapshot();
        QVERIFY(undone.routes == before.routes);
        QVERIFY(undone.environments == before.environments);
        QVERIFY(undone.requests == before.requests);
        m_doc->checkForExternalChanges();
        QCOMPARE(reloaded.count(), 0);

        m_doc->undoStack()->redo();
        const Snapshot redone = snapshot();
        QCOMPARE(redone.routes.size(), after.routes.size());
        QVERIFY(redone.environments == after.environments);
        QVERIFY(redone.requests == after.requests);
    }

    void keepLeavesTheWorkspacesOwn()
    {
        addConflictingContent();
        const Snapshot before = snapshot();
        ImportDialog dialog(m_doc.get(), kBookshop);
        QVERIFY(dialog.apply());
        QCOMPARE(std::size_t(m_doc->routeCount()), m_bookshop.routes.size());
        QVERIFY(m_doc->route(0) == before.routes.front());
        QCOMPARE(m_doc->environments().size(), before.environments.size() + 1);
        QVERIFY(
            m_doc->environments()[before.environments.size() - 1] == before.environments.back());
        const Snapshot after = snapshot();
        // Every file the workspace had is as it was.
        for (const auto& [path, content] : before.requests) {
            QVERIFY2(after.requests.count(path), qPrintable(path));
            QVERIFY2(after.requests.at(path) == content, qPrintable(path));
        }
        QVERIFY2(dialog.summary().startsWith(
                     QStringLiteral("Imported %1 route").arg(m_bookshop.routes.size() - 1)),
            qPrintable(dialog.summary()));
    }

    void malformedFileShowsItsLineAndChangesNothing()
    {
        const Snapshot before = snapshot();
        ImportDialog dialog(m_doc.get(), kBroken);
        QVERIFY(!dialog.result().ok());
        auto* errors = test::child<QPlainTextEdit>(&dialog, "importErrors");
        QVERIFY(errors->isVisibleTo(&dialog));
        QVERIFY(!test::child<QWidget>(&dialog, "importPreview")->isVisibleTo(&dialog));
        // The file's own comment says where it breaks.
        QVERIFY2(errors->toPlainText().contains(
                     QRegularExpression(QStringLiteral("broken-syntax\\.yaml:1[34]:\\d+: "))),
            qPrintable(errors->toPlainText()));
        QVERIFY(!test::child<QAbstractButton>(&dialog, "importButton")->isEnabled());
        QVERIFY(!dialog.apply());
        QCOMPARE(m_doc->undoStack()->count(), 0);
        const Snapshot after = snapshot();
        QVERIFY(after.routes == before.routes);
        QVERIFY(after.environments == before.environments);
        QVERIFY(after.requests == before.requests);
    }

    void importActionNeedsAWorkspace()
    {
        std::unique_ptr<LocalEngine> engine;
        std::unique_ptr<MainWindow> window;
        test::makeWindow(engine, window);
        InterchangeActions* actions = window->interchange();
        QVERIFY(!actions->importAction()->isEnabled());
        QCOMPARE(
            actions->importAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        m_doc.reset();
        QVERIFY(window->openWorkspace(m_dir->path()));
        QVERIFY(actions->importAction()->isEnabled());
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
