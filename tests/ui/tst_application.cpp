#include "testutil.h"

#include "app/gui/application.h"
#include "ui/document/workspacedocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using tollgate::app::Application;
using tollgate::ui::WorkspaceDocument;
namespace test = tollgate::ui::test;

class TestApplication : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void embedsTranslationsAndDemo()
    {
        // Resources of a static library survive linking only when they are
        // linked as objects; this fails if the build drops them.
        QVERIFY(QFileInfo::exists(QStringLiteral(":/i18n/tollgate_de.qm")));
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/tollgate_de.qm")));
        QCOMPARE(german.translate("tollgate::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        // English carries the plural forms of "%n route(s)".
        QTranslator english;
        QVERIFY(english.load(QStringLiteral(":/i18n/tollgate_en.qm")));
        QCOMPARE(english.translate("tollgate::ui::MainWindow", "%n route(s)", nullptr, 1),
            QStringLiteral("%n route"));
        QCOMPARE(english.translate("tollgate::ui::MainWindow", "%n route(s)", nullptr, 3),
            QStringLiteral("%n routes"));
        QVERIFY(QFileInfo::exists(QStringLiteral(":/demo/tollgate.json")));
        QVERIFY(QFileInfo::exists(QStringLiteral(":/icons/tollgate.svg")));
    }

    void installsDemoOnceWithoutOverwriting()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString dir = QDir(root.path()).filePath(QStringLiteral("workspaces/builder-api"));
        QString error;
        QVERIFY2(Application::installDemoWorkspace(dir, &error), qPrintable(error));
        QVERIFY(WorkspaceDocument::isWorkspaceDirectory(dir));

        WorkspaceDocument document;
        QVERIFY(document.open(dir, &error));
        QVERIFY(document.routeCount() > 0);
        QVERIFY(document.loadDiagnostics().empty());

        // Copies out of the resources must be editable.
        const QString settings = QDir(dir).filePath(QStringLiteral("tollgate.json"));
        QVERIFY(QFileInfo(settings).isWritable());
        QVERIFY(document.saveNow(&error));

        // A second run leaves the user's edits alone.
        QFile file(settings);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
        file.write("\n");
        file.close();
        const qint64 size = QFileInfo(settings).size();
        QVERIFY(Application::installDemoWorkspace(dir, &error));
        QCOMPARE(QFileInfo(settings).size(), size);
    }
};

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
