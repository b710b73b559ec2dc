// Server ▸ Limits: the dialog shows the workspace's limits, stores changed
// ones as one undo step and the server controller applies them.

#include "fakeengine.h"

#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/limitsdialog.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::FakeEngine;

class TestLimitsDialog : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<ServerController> m_server;

    QSpinBox* spin(const LimitsDialog& dialog, const char* name) const
    {
        return dialog.findChild<QSpinBox*>(QLatin1String(name));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(m_doc->create(m_dir->path(), QStringLiteral("limits"), &error), qPrintable(error));
        m_doc->setAutosaveDelay(60'000);
        m_doc->undoStack()->clear();
        m_engine = std::make_unique<FakeEngine>();
        m_server = std::make_unique<ServerController>(m_doc.get(), m_engine.get());
    }

    void cleanup()
    {
        m_server.reset();
        m_engine.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void showsTheWorkspacesLimits()
    {
        server::ServerSettings s = m_doc->workspace().server;
        s.limits.headerTimeoutMs = 2500;
        s.limits.connectionsPerAddress = 64;
        m_doc->setServerSettings(s, QStringLiteral("set"));
        LimitsDialog dialog(m_doc.get());
        QCOMPARE(spin(dialog, "headerTimeoutSpin")->value(), 2500);
        QCOMPARE(spin(dialog, "connectionsPerAddressSpin")->value(), 64);
        QCOMPARE(spin(dialog, "requestLineSpin")->value(), 8 * 1024);
        QCOMPARE(dialog.limits(), s.limits);
    }

    void perAddressLimitIsAnUndoableAppliedSetting()
    {
        LimitsDialog dialog(m_doc.get());
        QSpinBox* perAddress = spin(dialog, "connectionsPerAddressSpin");
        QVERIFY(perAddress);
        QCOMPARE(perAddress->value(), server::Limits {}.connectionsPerAddress);
        // The reader's range: no negative, nothing above its maximum.
        QCOMPARE(perAddress->minimum(), 0);
        QCOMPARE(perAddress->maximum(), server::kMaxConnectionsPerAddress);
        perAddress->setValue(0);
        QCOMPARE(perAddress->text(), QStringLiteral("Unlimited"));
        perAddress->setValue(12);

        // Nothing changes before OK; then one undo step, and the engine is
        // given the workspace again (live, no restart).
        QCOMPARE(m_doc->workspace().server.limits.connectionsPerAddress,
            server::Limits {}.connectionsPerAddress);
        m_engine->calls.clear();
        const int steps = m_doc->undoStack()->count();
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_doc->undoStack()->count(), steps + 1);
        QCOMPARE(m_doc->workspace().server.limits.connectionsPerAddress, 12);
        QTRY_VERIFY(m_engine->calls.contains(QStringLiteral("apply")));
        QVERIFY(!m_engine->calls.contains(QStringLiteral("stop")));
        m_doc->undoStack()->undo();
        QCOMPARE(m_doc->workspace().server.limits.connectionsPerAddress,
            server::Limits {}.connectionsPerAddress);
    }

    void unchangedLimitsMakeNoUndoStep()
    {
        LimitsDialog dialog(m_doc.get());
        const int steps = m_doc->undoStack()->count();
        dialog.apply();
        QCOMPARE(m_doc->undoStack()->count(), steps);
        spin(dialog, "idleTimeoutSpin")->setValue(1234);
        dialog.apply();
        QCOMPARE(m_doc->undoStack()->count(), steps + 1);
        QCOMPARE(m_doc->workspace().server.limits.idleTimeoutMs, 1234);
    }

    void isTranslated()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/tollgate_de.qm")));
        const QString perAddress
            = german.translate("tollgate::ui::LimitsDialog", "&Connections per address:");
        QVERIFY(!perAddress.isEmpty());
        QVERIFY(perAddress != QStringLiteral("&Connections per address:"));
    }
};

QTEST_MAIN(TestLimitsDialog)
#include "tst_limitsdialog.moc"
