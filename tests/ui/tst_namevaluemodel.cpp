// The base of the name/value tables (headers, environment variables, query
// parameters): loading, editing, adding and removing rows, read-only tables,
// and the hooks through which a subclass validates names and keeps per-row
// state in step.

#include "testutil.h"

#include "ui/widgets/namevaluemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

using Rows = NameValueModel::Rows;

namespace {

NameValueModel::Row row(const char* name, const char* value)
{
    return { QString::fromUtf8(name), QString::fromUtf8(value) };
}

// Names are trimmed and must not be empty or contain '/'; each row counts
// its edits, and the count must match the rows whenever a view looks.
class CountingModel final : public NameValueModel {
public:
    using NameValueModel::NameValueModel;

    QList<int> edits;

protected:
    QString columnTitle(int column) const override
    {
        return column == NameColumn ? QStringLiteral("Key") : QStringLiteral("Setting");
    }
    bool acceptName(int /*row*/, QString* name) const override
    {
        *name = name->trimmed();
        return !name->isEmpty() && !name->contains(QLatin1Char('/'));
    }
    QString nameProblem(const QString& name) const override
    {
        return name.contains(QLatin1Char('/')) ? QStringLiteral("no slashes") : QString();
    }
    void cellEdited(int row) override { ++edits[row]; }
    void rowsAdded(int row, int count) override { edits.insert(row, count, 0); }
    void rowsDropped(int row, int count) override { edits.remove(row, count); }
};

} // namespace

class TestNameValueModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void loadsWithoutReportingAnEdit()
    {
        NameValueModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &NameValueModel::edited);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        const Rows rows { row("a", "1"), row("b", "") };
        model.setRows(rows);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(edited.count(), 0);
        QCOMPARE(model.rows(), rows);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.index(0, NameValueModel::NameColumn).data().toString(), QStringLiteral("a"));
        QCOMPARE(model.index(0, NameValueModel::ValueColumn).data(Qt::EditRole).toString(),
            QStringLiteral("1"));
        QVERIFY(model.index(0, NameValueModel::NameColumn).data(Qt::ToolTipRole).isNull());
        QCOMPARE(model.headerData(NameValueModel::NameColumn, Qt::Horizontal).toString(),
            QStringLiteral("Name"));
        QCOMPARE(model.headerData(NameValueModel::ValueColumn, Qt::Horizontal).toString(),
            QStringLiteral("Value"));
        QVERIFY(model.headerData(0, Qt::Vertical).isNull());
        QVERIFY(model.headerData(2, Qt::Horizontal).isNull());

        // The same rows again: no reset, so an open cell editor survives.
        model.setRows(rows);
        QCOMPARE(reset.count(), 1);
        model.setRows({});
        QCOMPARE(reset.count(), 2);
        QCOMPARE(model.rowCount(), 0);
    }

    void editsCells()
    {
        NameValueModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({ row("a", "1") });
        QSignalSpy edited(&model, &NameValueModel::edited);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        const QModelIndex value = model.index(0, NameValueModel::ValueColumn);
        QVERIFY(model.flags(value) & Qt::ItemIsEditable);
        QVERIFY(model.setData(value, QStringLiteral(" two ")));
        QCOMPARE(model.rows().front(), row("a", " two "));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(changed.count(), 1);

        // Names are taken as typed unless a subclass says otherwise.
        const QModelIndex name = model.index(0, NameValueModel::NameColumn);
        QVERIFY(model.setData(name, QStringLiteral(" b c ")));
        QCOMPARE(model.rows().front().first, QStringLiteral(" b c "));
        QCOMPARE(edited.count(), 2);

        // The same text is no edit; other roles and cells outside are refused.
        QVERIFY(model.setData(name, QStringLiteral(" b c ")));
        QVERIFY(!model.setData(name, QStringLiteral("x"), Qt::DisplayRole));
        QVERIFY(!model.setData(model.index(1, 0), QStringLiteral("x")));
        QCOMPARE(edited.count(), 2);
        QCOMPARE(changed.count(), 2);
    }

    void readOnlyRefusesEdits()
    {
        NameValueModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({ row("a", "1") });
        model.setReadOnly(true);
        QVERIFY(model.isReadOnly());
        QSignalSpy edited(&model, &NameValueModel::edited);
        const QModelIndex value = model.index(0, NameValueModel::ValueColumn);
        QVERIFY(!(model.flags(value) & Qt::ItemIsEditable));
        QVERIFY(model.flags(value) & Qt::ItemIsSelectable);
        QVERIFY(!model.setData(value, QStringLiteral("2")));
        QCOMPARE(model.rows().front().second, QStringLiteral("1"));
        QCOMPARE(edited.count(), 0);
        QCOMPARE(model.flags({}), Qt::NoItemFlags);
    }

    void addsAndRemovesRows()
    {
        NameValueModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({ row("a", "1"), row("b", "2"), row("c", "3") });
        QSignalSpy edited(&model, &NameValueModel::edited);

        QVERIFY(model.insertRows(1, 2));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rows()[1], NameValueModel::Row());
        QVERIFY(model.removeRows(0, 3));
        QCOMPARE(model.rows(), (Rows { row("b", "2"), row("c", "3") }));
        QCOMPARE(edited.count(), 2);

        QVERIFY(!model.insertRows(3, 1));
        QVERIFY(!model.insertRows(-1, 1));
        QVERIFY(!model.insertRows(0, 0));
        QVERIFY(!model.removeRows(1, 2));
        QVERIFY(!model.removeRows(0, 0));
        QVERIFY(!model.insertRows(0, 1, model.index(0, 0)));
        QCOMPARE(edited.count(), 2);
    }

    void subclassValidatesNames()
    {
        CountingModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.insertRows(0, 1);
        QSignalSpy edited(&model, &NameValueModel::edited);
        const QModelIndex name = model.index(0, NameValueModel::NameColumn);

        QVERIFY(!model.setData(name, QStringLiteral("   ")));
        QVERIFY(!model.setData(name, QStringLiteral("a/b")));
        QVERIFY(model.setData(name, QStringLiteral("  key ")));
        QCOMPARE(model.rows().front().first, QStringLiteral("key"));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(model.headerData(NameValueModel::NameColumn, Qt::Horizontal).toString(),
            QStringLiteral("Key"));
        QCOMPARE(model.headerData(NameValueModel::ValueColumn, Qt::Horizontal).toString(),
            QStringLiteral("Setting"));

        // Loaded rows are shown as they are, with the problem as a tool tip.
        model.setRows({ row("a/b", "1"), row("ok", "2") });
        QCOMPARE(model.index(0, NameValueModel::NameColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("no slashes"));
        QVERIFY(model.index(1, NameValueModel::NameColumn).data(Qt::ToolTipRole).isNull());
        QVERIFY(model.index(0, NameValueModel::ValueColumn).data(Qt::ToolTipRole).isNull());
    }

    void subclassStateFollowsTheRows()
    {
        CountingModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Whoever hears of a change finds the subclass's state already in step.
        int checks = 0;
        const auto inStep = [&] {
            ++checks;
            QCOMPARE(model.edits.size(), qsizetype(model.rowCount()));
        };
        connect(&model, &QAbstractItemModel::rowsInserted, this, inStep);
        connect(&model, &QAbstractItemModel::rowsRemoved, this, inStep);
        connect(&model, &NameValueModel::edited, this, inStep);
        connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& cell) {
            ++checks;
            QVERIFY(model.edits.value(cell.row()) > 0);
        });

        QVERIFY(model.insertRows(0, 3));
        QVERIFY(model.setData(model.index(1, NameValueModel::ValueColumn), QStringLiteral("x")));
        QVERIFY(model.setData(model.index(1, NameValueModel::ValueColumn), QStringLiteral("y")));
        QVERIFY(model.setData(model.index(2, NameValueModel::NameColumn), QStringLiteral("n")));
        QCOMPARE(model.edits, (QList<int> { 0, 2, 1 }));
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(model.edits, (QList<int> { 2, 1 }));
        QVERIFY(model.insertRows(1, 1));
        QCOMPARE(model.edits, (QList<int> { 2, 0, 1 }));
        QCOMPARE(checks, 12);
    }
};

QTEST_MAIN(TestNameValueModel)
#include "tst_namevaluemodel.moc"
