#include "testutil.h"

#include "ui/requests/environmentmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

using Variables = std::vector<std::pair<std::string, std::string>>;

class TestEnvironmentModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void loadsWithoutReportingAnEdit()
    {
        EnvironmentModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &EnvironmentModel::variablesEdited);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        const Variables vars { { "baseUrl", "http://localhost:8080" }, { "token", "tg_dev_x" } };
        model.setVariables(vars);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(edited.count(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.index(0, EnvironmentModel::NameColumn).data().toString(),
            QStringLiteral("baseUrl"));
        QCOMPARE(model.index(0, EnvironmentModel::ValueColumn).data(Qt::EditRole).toString(),
            QStringLiteral("http://localhost:8080"));
        QVERIFY(
            !model.headerData(EnvironmentModel::NameColumn, Qt::Horizontal).toString().isEmpty());

        // The same variables again: no reset, an open editor survives.
        model.setVariables(vars);
        QCOMPARE(reset.count(), 1);
        model.setVariables({});
        QCOMPARE(reset.count(), 2);
        QCOMPARE(model.rowCount(), 0);
    }

    void validatesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("stored");

        QTest::newRow("letters") << QStringLiteral("apiKey") << true << QStringLiteral("apiKey");
        QTest::newRow("all allowed")
            << QStringLiteral("a_B-9.x") << true << QStringLiteral("a_B-9.x");
        QTest::newRow("trimmed") << QStringLiteral("  host ") << true << QStringLiteral("host");
        QTest::newRow("empty") << QString() << false << QStringLiteral("old");
        QTest::newRow("blank") << QStringLiteral("   ") << false << QStringLiteral("old");
        QTest::newRow("space inside")
            << QStringLiteral("api key") << false << QStringLiteral("old");
        QTest::newRow("braces") << QStringLiteral("{{x}}") << false << QStringLiteral("old");
        QTest::newRow("slash") << QStringLiteral("a/b") << false << QStringLiteral("old");
        QTest::newRow("non-ASCII")
            << QString::fromUtf8("schlüssel") << false << QStringLiteral("old");
        QTest::newRow("duplicate") << QStringLiteral("other") << false << QStringLiteral("old");
        QTest::newRow("duplicate after trim")
            << QStringLiteral(" other") << false << QStringLiteral("old");
        QTest::newRow("same as before") << QStringLiteral("old") << true << QStringLiteral("old");
        // Variable names are case-sensitive, so these are two variables.
        QTest::newRow("other case") << QStringLiteral("Other") << true << QStringLiteral("Other");
    }

    void validatesNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, accepted);
        QFETCH(QString, stored);

        EnvironmentModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVariables({ { "old", "1" }, { "other", "2" } });
        QSignalSpy edited(&model, &EnvironmentModel::variablesEdited);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QCOMPARE(model.setData(model.index(0, EnvironmentModel::NameColumn), name), accepted);
        QCOMPARE(QString::fromStdString(model.variables()[0].first), stored);
        const bool isEdit = stored != QStringLiteral("old");
        QCOMPARE(edited.count(), isEdit ? 1 : 0);
        QCOMPARE(changed.count(), isEdit ? 1 : 0);
        QCOMPARE(model.variables()[1], (std::pair<std::string, std::string>("other", "2")));
    }

    void editsValuesFreely()
    {
        EnvironmentModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVariables({ { "greeting", "hi" } });
        QSignalSpy edited(&model, &EnvironmentModel::variablesEdited);

        const QModelIndex value = model.index(0, EnvironmentModel::ValueColumn);
        QVERIFY(model.flags(value) & Qt::ItemIsEditable);
        // Values are sent as written: spaces, braces and all.
        QVERIFY(model.setData(value, QString::fromUtf8(" Grüße {{name}} ")));
        QCOMPARE(model.variables()[0].second, std::string(" Grüße {{name}} "));
        QCOMPARE(edited.count(), 1);
        QVERIFY(model.setData(value, QString()));
        QCOMPARE(model.variables()[0].second, std::string());
        QCOMPARE(edited.count(), 2);
        QVERIFY(!model.setData(value, QStringLiteral("x"), Qt::DisplayRole));
        QCOMPARE(edited.count(), 2);
    }

    void addsAndRemovesRows()
    {
        EnvironmentModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVariables({ { "a", "1" }, { "b", "2" }, { "c", "3" } });
        QSignalSpy edited(&model, &EnvironmentModel::variablesEdited);

        QVERIFY(model.insertRows(3, 2));
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.variables()[3].first.empty());
        // Two fresh rows both have no name yet; naming one must not be
        // refused because the other is also unnamed.
        QVERIFY(model.setData(model.index(3, EnvironmentModel::NameColumn), QStringLiteral("d")));
        QVERIFY(!model.setData(model.index(4, EnvironmentModel::NameColumn), QStringLiteral("d")));
        QVERIFY(model.setData(model.index(4, EnvironmentModel::NameColumn), QStringLiteral("e")));

        QVERIFY(model.removeRows(1, 2));
        const Variables expected { { "a", "1" }, { "d", "" }, { "e", "" } };
        QCOMPARE(model.variables(), expected);
        QCOMPARE(edited.count(), 4);

        QVERIFY(!model.removeRows(3, 1));
        QVERIFY(!model.insertRows(4, 1));
        QVERIFY(!model.insertRows(0, 0));
        QCOMPARE(edited.count(), 4);
    }

    void flagsInvalidLoadedNames()
    {
        EnvironmentModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // From a hand-edited tollgate.json: shown, but marked.
        model.setVariables({ { "bad name", "1" }, { "good", "2" } });
        QVERIFY(!model.index(0, EnvironmentModel::NameColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
        QVERIFY(model.index(1, EnvironmentModel::NameColumn).data(Qt::ToolTipRole).isNull());
    }
};

QTEST_MAIN(TestEnvironmentModel)
#include "tst_environmentmodel.moc"
