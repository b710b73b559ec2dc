#include "testutil.h"

#include "ui/widgets/bodyeditor.h"
#include "ui/common/jsoncheck.h"

#include <QSignalSpy>
#include <QTest>

using namespace tollgate::ui;

class TestBodyEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void masksTemplatesKeepingPositions()
    {
        const QString text = QStringLiteral("{\"id\": {{request.params.id}},\n \"n\": "
                                            "{{#randomInt}}1 9{{/randomInt}} }");
        const QString masked = maskMustache(text);
        QCOMPARE(masked.size(), text.size());
        QCOMPARE(masked.count(QLatin1Char('\n')), text.count(QLatin1Char('\n')));
        QVERIFY(!masked.contains(QLatin1String("{{")));
        QVERIFY(!findJsonProblem(text).has_value());
        QVERIFY(!findJsonProblem(QStringLiteral("{\"hi\":\"{{request.params.name}}\"}")));
        QVERIFY(!findJsonProblem(QStringLiteral("[{{! a comment }}1, {{{raw}}}]")));
    }

    void reportsLineAndColumn()
    {
        const auto problem = findJsonProblem(QStringLiteral("{\n  \"a\": 1,\n  \"b\": ,\n}"));
        QVERIFY(problem.has_value());
        QCOMPARE(problem->line, 3);
        QVERIFY(problem->column >= 7);
        QVERIFY(!problem->message.isEmpty());
        // Non-ASCII before the error must not shift the column.
        const auto unicode = findJsonProblem(QStringLiteral("{\"ä€\": tru}"));
        QVERIFY(unicode.has_value());
        QCOMPARE(unicode->line, 1);
        QVERIFY(unicode->position <= 11);
    }

    void editorFlagsInvalidJsonAfterDebounce()
    {
        BodyEditor editor;
        QSignalSpy problems(&editor, &BodyEditor::problemChanged);
        editor.setPlainText(QStringLiteral("{\"ok\": true}"));
        editor.validateNow();
        QVERIFY(editor.problem().isEmpty());
        QCOMPARE(editor.extraSelections().size(), 0);

        editor.setPlainText(QStringLiteral("{\n  \"ok\": tru\n}"));
        QTRY_VERIFY(!editor.problem().isEmpty());
        QVERIFY2(editor.problem().startsWith(QStringLiteral("Invalid JSON at line 2")),
            qPrintable(editor.problem()));
        QCOMPARE(problems.count(), 1);
        QCOMPARE(editor.extraSelections().size(), 1);
        QCOMPARE(editor.extraSelections().front().format.underlineStyle(),
            QTextCharFormat::WaveUnderline);

        editor.setPlainText(QStringLiteral("{\n  \"ok\": true\n}"));
        QTRY_VERIFY(editor.problem().isEmpty());
        QCOMPARE(problems.count(), 2);
        QCOMPARE(editor.extraSelections().size(), 0);
    }

    void contentTypeDecides()
    {
        BodyEditor editor;
        editor.setPlainText(QStringLiteral("{not json"));
        editor.setContentType(QStringLiteral("text/plain"));
        editor.validateNow();
        QVERIFY(editor.problem().isEmpty());
        editor.setContentType(QStringLiteral("application/problem+json"));
        QVERIFY(!editor.problem().isEmpty());
        // Without a content type, text that does not look like JSON is left alone.
        editor.setContentType(QString());
        editor.setPlainText(QStringLiteral("hello"));
        editor.validateNow();
        QVERIFY(editor.problem().isEmpty());
    }
};

QTEST_MAIN(TestBodyEditor)
#include "tst_bodyeditor.moc"
