// The per-key usage table: only the selected key's months, newest first,
// margin = revenue - cost, and in-place updates on the 4 Hz refresh so the
// selection survives.

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
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
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

    void refreshUpdatesInPlace()
    {
        UsageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
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
