#include "testutil.h"

#include "ui/widgets/headertablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

class TestHeaderTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void loadsWithoutReportingAnEdit()
    {
        HeaderTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &HeaderTableModel::headersEdited);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setHeaders({ { "Content-Type", "application/json" }, { "X-Trace", "{{uuid}}" } });
        QCOMPARE(reset.count(), 1);
        QCOMPARE(edited.count(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.index(1, HeaderTableModel::NameColumn).data().toString(),
            QStringLiteral("X-Trace"));
        QCOMPARE(model.index(1, HeaderTableModel::ValueColumn).data().toString(),
            QStringLiteral("{{uuid}}"));

        // The same headers again: no reset, so an open cell editor survives.
        model.setHeaders({ { "Content-Type", "application/json" }, { "X-Trace", "{{uuid}}" } });
        QCOMPARE(reset.count(), 1);
    }

    void editsCellsAndRejectsBadNames()
    {
        HeaderTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeaders({ { "Content-Type", "text/plain" } });
        QSignalSpy edited(&model, &HeaderTableModel::headersEdited);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        const QModelIndex value = model.index(0, HeaderTableModel::ValueColumn);
        QVERIFY(model.flags(value) & Qt::ItemIsEditable);
        QVERIFY(model.setData(value, QStringLiteral("application/json")));
        QCOMPARE(model.headers().front().value, std::string("application/json"));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(changed.count(), 1);

        const QModelIndex name = model.index(0, HeaderTableModel::NameColumn);
        QVERIFY(!model.setData(name, QStringLiteral("Bad Header")));
        QVERIFY(!model.setData(name, QStringLiteral("Bad:Header")));
        QCOMPARE(model.headers().front().name, std::string("Content-Type"));
        QVERIFY(model.setData(name, QStringLiteral("  Cache-Control ")));
        QCOMPARE(model.headers().front().name, std::string("Cache-Control"));
        QCOMPARE(edited.count(), 2);

        // Writing the same value is not an edit.
        QVERIFY(model.setData(name, QStringLiteral("Cache-Control")));
        QCOMPARE(edited.count(), 2);
    }

    void addsAndRemovesRows()
    {
        HeaderTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeaders({ { "A", "1" }, { "B", "2" }, { "C", "3" } });
        QSignalSpy edited(&model, &HeaderTableModel::headersEdited);

        QVERIFY(model.insertRows(3, 1));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.headers().back().name.empty());
        QVERIFY(model.setData(model.index(3, HeaderTableModel::NameColumn), QStringLiteral("D")));

        QVERIFY(model.removeRows(1, 2));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.headers()[0].name, std::string("A"));
        QCOMPARE(model.headers()[1].name, std::string("D"));
        QCOMPARE(edited.count(), 3);

        QVERIFY(!model.removeRows(2, 1));
        QVERIFY(!model.insertRows(5, 1));
    }
};

QTEST_MAIN(TestHeaderTableModel)
#include "tst_headertablemodel.moc"
