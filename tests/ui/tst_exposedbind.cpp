// A workspace cloned from someone's repository can name 0.0.0.0 as its bind
// address in tollgate.json. Opening it starts nothing; starting it asks first
// (keyboard: Escape declines), the answer is remembered for that folder only,
// and a start that does not come from the server bar (the Load page's) fails
// with a clear message instead of exposing the server. Over a fake engine.

#include "fakeengine.h"
#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/common/settings.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using test::FakeEngine;

namespace {

QString writeWorkspace(const QTemporaryDir& dir, const std::string& bind)
{
    server::Workspace ws;
    ws.name = "cloned";
    ws.dir = pathFromQt(dir.path());
    ws.server.bind = bind;
    ws.server.port = 0;
    server::Route route;
    route.path = "/ok";
    ws.routes = { route };
    std::string error;
    return server::saveWorkspace(ws, &error) ? QString() : toQt(error);
}

/// Triggers action and answers the message box it opens, by keyboard:
/// Escape, or Space on `button`. The box's text, or empty when none opened.
QString triggerAnswering(QAction* action, QMessageBox::StandardButton button)
{
    auto state = std::make_shared<std::pair<bool, QString>>(false, QString());
    auto answer = std::make_shared<std::function<void()>>();
    // Weak: a copy waiting in a timer must not keep itself alive (a leak under ASan).
    std::weak_ptr<std::function<void()>> again = answer;
    *answer = [state, again, button] {
        if (state->first)
            return; // the action returned without asking
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            if (const auto retry = again.lock())
                QTimer::singleShot(10, *retry);
            return;
        }
        state->second = box->text();
        if (button == QMessageBox::Cancel) {
            QTest::keyClick(box, Qt::Key_Escape);
        } else {
            box->button(button)->setFocus();
            QTest::keyClick(box->button(button), Qt::Key_Space);
        }
    };
    QTimer::singleShot(0, *answer);
    action->trigger();
    state->first = true;
    return state->second;
}

} // namespace

class TestExposedBind : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    QAction* startAction() { return test::child<QAction>(m_window.get(), "startServerAction"); }
    QAction* stopAction() { return test::child<QAction>(m_window.get(), "stopServerAction"); }
    ServerController* server() { return m_window->serverController(); }

    void open(const std::string& bind)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QString error = writeWorkspace(*m_dir, bind);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_engine = std::make_unique<FakeEngine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QTRY_COMPARE(m_engine->calls.mid(0, 2),
            (QStringList { QStringLiteral("apply"), QStringLiteral("pollUsage") }));
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void openingStartsNothing()
    {
        open("0.0.0.0");
        QVERIFY(!m_engine->calls.contains(QStringLiteral("start")));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("testUpstream")));
        QVERIFY(!server()->isRunning());
        QVERIFY(server()->exposureUnconfirmed());
    }

    void startAsksOncePerFolder()
    {
        open("0.0.0.0");
        m_engine->calls.clear();
        const QString asked = triggerAnswering(startAction(), QMessageBox::Cancel);
        QVERIFY2(asked.contains(QStringLiteral("0.0.0.0")), qPrintable(asked));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("start")));
        QVERIFY(!server()->isRunning());
        QVERIFY(settings::exposedBind(m_dir->path()).read().isEmpty());

        QVERIFY(!triggerAnswering(startAction(), QMessageBox::Yes).isEmpty());
        QTRY_VERIFY(server()->isRunning());
        QCOMPARE(m_engine->lastOptions.bind, std::string("0.0.0.0"));
        QCOMPARE(settings::exposedBind(m_dir->path()).read(), QStringLiteral("0.0.0.0"));

        // Asked once for this folder: the next start does not ask.
        stopAction()->trigger();
        QTRY_VERIFY(!server()->isRunning());
        m_engine->calls.clear();
        QVERIFY(triggerAnswering(startAction(), QMessageBox::Cancel).isEmpty());
        QVERIFY(m_engine->calls.contains(QStringLiteral("start")));
        QTRY_VERIFY(server()->isRunning());
    }

    void anotherFolderAsksAgain()
    {
        // A folder confirmed before (the previous test's) says nothing about
        // a new clone.
        open("0.0.0.0");
        QVERIFY(server()->exposureUnconfirmed());
        QVERIFY(!triggerAnswering(startAction(), QMessageBox::Cancel).isEmpty());
        QVERIFY(!server()->isRunning());
    }

    void startWithoutTheBarFails()
    {
        // The Load page starts the server through the controller itself.
        open("0.0.0.0");
        m_engine->calls.clear();
        QSignalSpy failed(server(), &ServerController::startFailed);
        server()->start();
        QCOMPARE(failed.count(), 1);
        const QString error = failed.first().first().toString();
        QVERIFY2(error.contains(QStringLiteral("0.0.0.0"))
                && error.contains(QStringLiteral("server bar")),
            qPrintable(error));
        QCOMPARE(server()->lastError(), error);
        QVERIFY(!m_engine->calls.contains(QStringLiteral("start")));
        QVERIFY(!server()->isRunning());
    }

    void loopbackStartsWithoutAsking()
    {
        open("127.0.0.1");
        QVERIFY(!server()->exposureUnconfirmed());
        QVERIFY(triggerAnswering(startAction(), QMessageBox::Cancel).isEmpty());
        QTRY_VERIFY(server()->isRunning());
        QCOMPARE(m_engine->lastOptions.bind, std::string("127.0.0.1"));
    }
};

QTEST_MAIN(TestExposedBind)
#include "tst_exposedbind.moc"
