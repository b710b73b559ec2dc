// The per-key usage table: only the selected key's months, newest first,
// margin = revenue - cost, input and output tokens, and in-place updates on
// the 4 Hz refresh so the selection survives.

#include "ui/keys/usagetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::KeyUsage row(const char* key, const char* month, std::uint64_t requests,
    server::Micros revenue, server::Micros cost)
{
    server::KeyUsage u;
    u.keyId = key;
    u.month = month;
    u.requests = requests;
    u.billable = requests;
    u.revenueMicros = revenue;
    u.costMicros = cost;
    return u;
}

} // namespace

class TestUsageTableModel : public QObject {
    Q_OBJECT

private slots:
    void keepsOneKeyNewestFirst()
    {
        UsageTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUsage(QStringLiteral("key_a"),
            { row("key_a", "2026-10", 5, 100, 40), row("key_b", "2026-11", 9, 1, 1),
                row("key_a", "2026-11", 7, 300, 500) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, UsageTableModel::MonthColumn).data().toString(),
            QStringLiteral("2026-11"));
        QCOMPARE(model.rowOfMonth(QStringLiteral("2026-10")), 1);
        QCOMPARE(model.rowOfMonth(QStringLiteral("2026-09")), -1);
        QCOMPARE(model.index(0, UsageTableModel::RequestsColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            7);
        // A loss is a negative margin, exactly.
        QCOMPARE(model.index(0, UsageTableModel::MarginColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            -200);
        QCOMPARE(model.index(1, UsageTableModel::MarginColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            60);
    }

    void tokenColumns()
    {
        UsageTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        server::KeyUsage u = row("key_a", "2026-11", 3, 4200, 900);
        u.tokensIn = 1234;
        u.tokensOut = 56'789;
        model.setUsage(QStringLiteral("key_a"), { u });
        const QModelIndex in = model.index(0, UsageTableModel::TokensInColumn);
        const QModelIndex out = model.index(0, UsageTableModel::TokensOutColumn);
        QCOMPARE(in.data(UsageTableModel::ValueRole).toLongLong(), 1234);
        QCOMPARE(out.data(UsageTableModel::ValueRole).toLongLong(), 56'789);
        QCOMPARE(in.data().toString(), QLocale().toString(1234));
        QCOMPARE(out.data().toString(), QLocale().toString(56'789));
        QVERIFY(in.data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
        QCOMPARE(model.headerData(UsageTableModel::TokensInColumn, Qt::Horizontal).toString(),
            QStringLiteral("Input tokens"));
        QCOMPARE(model.headerData(UsageTableModel::TokensOutColumn, Qt::Horizontal).toString(),
            QStringLiteral("Output tokens"));
        // The columns after them still show what they showed.
        QCOMPARE(model.index(0, UsageTableModel::RevenueColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            4200);
        QCOMPARE(model.index(0, UsageTableModel::MarginColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            3300);

        // Tokens alone changing is a change, made in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        u.tokensOut += 10;
        model.setUsage(QStringLiteral("key_a"), { u });
        QCOMPARE(changed.count(), 1);
        QCOMPARE(out.data(UsageTableModel::ValueRole).toLongLong(), 56'799);
    }

    void refreshUpdatesInPlace()
    {
        UsageTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUsage(QStringLiteral("key_a"), { row("key_a", "2026-11", 1, 10, 0) });
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setUsage(QStringLiteral("key_a"), { row("key_a", "2026-11", 2, 20, 0) });
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, UsageTableModel::RequestsColumn)
                     .data(UsageTableModel::ValueRole)
                     .toLongLong(),
            2);
        // Unchanged data: no signal at all.
        model.setUsage(QStringLiteral("key_a"), { row("key_a", "2026-11", 2, 20, 0) });
        QCOMPARE(changed.count(), 1);
        // A new month changes the shape: a reset.
        model.setUsage(QStringLiteral("key_a"),
            { row("key_a", "2026-11", 2, 20, 0), row("key_a", "2026-12", 1, 10, 0) });
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_MAIN(TestUsageTableModel)
#include "tst_usagetablemodel.moc"
