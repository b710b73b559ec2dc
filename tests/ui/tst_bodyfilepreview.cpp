// The route editor shows a body file's content as the engine would serve it;
// a body file that is a link out of the workspace (a cloned repository can
// hold one) is not read for the preview either: the note says where it leads.

#include "../clonedworkspace.h"
#include "ui/common/convert.h"
#include "ui/routes/responseeditor.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;
using namespace testsupport;

class TestBodyFilePreview : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void previewKeepsToTheWorkspace_data()
    {
        QTest::addColumn<QString>("bodyFile");
        QTest::addColumn<bool>("shown");
        QTest::newRow("file inside") << QStringLiteral("bodies/ok.txt") << true;
        QTest::newRow("link inside") << QStringLiteral("bodies/alias.txt") << true;
        QTest::newRow("link to a file outside") << QStringLiteral("bodies/leak.txt") << false;
        QTest::newRow("linked folder") << QStringLiteral("linked/secret.txt") << false;
    }

    void previewKeepsToTheWorkspace()
    {
        QFETCH(QString, bodyFile);
        QFETCH(bool, shown);
        const ClonedWorkspace tree;
        writeText(tree.home / "secret.txt", "SECRET");
        writeText(tree.ws / "bodies" / "ok.txt", "inside");
        std::filesystem::create_symlink("ok.txt", tree.ws / "bodies" / "alias.txt");
        std::filesystem::create_symlink(tree.home / "secret.txt", tree.ws / "bodies" / "leak.txt");
        std::filesystem::create_symlink(tree.home, tree.ws / "linked");

        ResponseEditor editor;
        server::Response response;
        response.bodyFile = toStd(bodyFile);
        editor.setResponse(response, toQt(tree.ws.string()));
        const auto* body = editor.findChild<QPlainTextEdit*>(QStringLiteral("bodyEditor"));
        const auto* note = editor.findChild<QLabel*>(QStringLiteral("bodyNoteLabel"));
        QVERIFY(body && note);
        QVERIFY(body->isReadOnly());
        if (shown) {
            QCOMPARE(body->toPlainText(), QStringLiteral("inside"));
        } else {
            QVERIFY(!body->toPlainText().contains(QStringLiteral("SECRET")));
            QVERIFY2(note->text().contains(QStringLiteral("outside the workspace")),
                qPrintable(note->text()));
        }
    }
};

QTEST_MAIN(TestBodyFilePreview)
#include "tst_bodyfilepreview.moc"
