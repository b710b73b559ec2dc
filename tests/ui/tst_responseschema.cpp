// The schema of a designed answer in the route editor: shown in short, edited
// in a dialog that refuses what is no JSON Schema (keeping the text to fix),
// stored compact in the written order, and cleared by emptying it. Other
// edits of the response keep it.

#include "ui/common/convert.h"
#include "ui/routes/responseeditor.h"

#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

// Runs `act` on the next modal dialog of type T once it is up.
template <typename T> void whenModal(std::function<void(T*)> act)
{
    auto* timer = new QTimer(qApp);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act] {
        if (auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget())) {
            timer->deleteLater();
            timer->stop();
            act(dialog);
        }
    });
    timer->start(10);
}

} // namespace

class TestResponseSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void summaryAndOtherEditsKeepIt()
    {
        ResponseEditor editor;
        server::Response r;
        r.schema = R"({"type":"object","required":["id","title"]})";
        editor.setResponse(r, QString());
        const auto* summary = editor.findChild<QLabel*>(QStringLiteral("schemaSummary"));
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QStringLiteral("object, requires id, title")),
            qPrintable(summary->text()));
        QSignalSpy edited(&editor, &ResponseEditor::edited);
        auto* label = editor.findChild<QLineEdit*>(QStringLiteral("responseLabelEdit"));
        QVERIFY(label);
        QTest::keyClicks(label, QStringLiteral("x"));
        QVERIFY(!edited.isEmpty());
        QCOMPARE(edited.last().at(0).value<server::Response>().schema, r.schema);

        r.schema.clear();
        editor.setResponse(r, QString());
        QCOMPARE(summary->text(), QStringLiteral("none"));
    }

    void editingRefusesWhatIsNoSchema()
    {
        ResponseEditor editor;
        editor.setResponse(server::Response {}, QString());
        editor.show();
        QSignalSpy edited(&editor, &ResponseEditor::edited);
        auto* button = editor.findChild<QToolButton*>(QStringLiteral("editSchemaButton"));
        QVERIFY(button);

        // Not a schema: refused, the text comes back to fix, then fixed.
        QString offeredAgain;
        whenModal<QInputDialog>([&](QInputDialog* d) {
            d->setTextValue(QStringLiteral("[1, 2]"));
            whenModal<QMessageBox>([&](QMessageBox* box) {
                QVERIFY(box->text().startsWith(QStringLiteral("This is not a JSON Schema")));
                whenModal<QInputDialog>([&](QInputDialog* again) {
                    offeredAgain = again->textValue();
                    again->setTextValue(QStringLiteral(
                        "{\n  \"type\": \"object\",\n  \"required\": [\"b\", \"a\"]\n}"));
                    again->accept();
                });
                box->accept();
            });
            d->accept();
        });
        button->click();
        QCOMPARE(offeredAgain, QStringLiteral("[1, 2]"));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.last().at(1).toString(), QStringLiteral("schema"));
        QCOMPARE(
            editor.response().schema, std::string(R"({"type":"object","required":["b","a"]})"));

        // Emptied: no schema.
        whenModal<QInputDialog>([](QInputDialog* d) {
            d->setTextValue(QString());
            d->accept();
        });
        button->click();
        QCOMPARE(edited.size(), 2);
        QVERIFY(editor.response().schema.empty());

        // Cancelled: nothing changes.
        whenModal<QInputDialog>([](QInputDialog* d) { d->reject(); });
        button->click();
        QCOMPARE(edited.size(), 2);
    }
};

QTEST_MAIN(TestResponseSchema)
#include "tst_responseschema.moc"
