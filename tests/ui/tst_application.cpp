#include "testutil.h"

#include "app/gui/application.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using tollgate::app::Application;
using tollgate::ui::MainWindow;
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

    void opensTheWorkspaceAndQuitsPromptly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        tollgate::server::Workspace ws;
        ws.name = "quits";
        ws.dir = tollgate::ui::pathFromQt(dir.path());
        ws.server.port = 0;
        std::string error;
        QVERIFY2(tollgate::server::saveWorkspace(ws, &error), error.c_str());

        auto app = std::make_unique<Application>();
        app->parseCommandLine(
            { QStringLiteral("tollgate"), QStringLiteral("--workspace"), dir.path() });
        app->showMainWindow();
        MainWindow* window = app->window();
        QVERIFY(window && window->isVisible());
        QCOMPARE(window->document()->name(), QStringLiteral("quits"));
        QVERIFY(test::startServer(window->serverController()));
        const quint16 port = window->serverController()->port();

        // Closing the window and ending the application stop the server,
        // without waiting on anything slow.
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        app.reset();
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(2000));
    }
};

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
