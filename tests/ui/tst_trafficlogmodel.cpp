#include "testutil.h"

#include "ui/shell/trafficlogmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <string>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::TrafficEvent makeEvent(int n, const char* method = "GET", int status = 200)
{
    server::TrafficEvent e;
    e.time = std::chrono::system_clock::now();
    e.method = method;
    e.target = "/items/" + std::to_string(n);
    e.status = status;
    e.latencyUs = 1500;
    e.bytesOut = 2048;
    return e;
}

std::vector<server::TrafficEvent> batch(int from, int count)
{
    std::vector<server::TrafficEvent> events;
    for (int i = from; i < from + count; ++i)
        events.push_back(makeEvent(i));
    return events;
}

} // namespace

class TestTrafficLogModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void appendsOneBatchWithOneInsert()
    {
        TrafficLogModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append({ makeEvent(1), makeEvent(2, "POST", 201), makeEvent(3, "DELETE", 0) });
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(TrafficLogModel::ColumnCount));
        QCOMPARE(model.index(1, TrafficLogModel::MethodColumn).data().toString(),
            QStringLiteral("POST"));
        QCOMPARE(model.index(1, TrafficLogModel::PathColumn).data().toString(),
            QStringLiteral("/items/2"));
        QCOMPARE(
            model.index(1, TrafficLogModel::StatusColumn).data().toString(), QStringLiteral("201"));
        QCOMPARE(
            model.index(0, TrafficLogModel::StatusColumn).data(TrafficLogModel::ValueRole).toInt(),
            200);
        QVERIFY(model.index(0, TrafficLogModel::LatencyColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("1.5")));
        QVERIFY(!model.index(0, TrafficLogModel::SizeColumn).data().toString().isEmpty());
        QVERIFY(!model.index(0, TrafficLogModel::TimeColumn).data().toString().isEmpty());

        // Status colour by class: a reset reads like a server error, not a success.
        const QVariant ok = model.index(0, TrafficLogModel::StatusColumn).data(Qt::ForegroundRole);
        const QVariant reset
            = model.index(2, TrafficLogModel::StatusColumn).data(Qt::ForegroundRole);
        QVERIFY(ok.isValid());
        QVERIFY(reset.isValid());
        QVERIFY(ok.value<QColor>() != reset.value<QColor>());

        model.append({});
        QCOMPARE(inserted.count(), 1);
    }

    void capEvictsOldest()
    {
        TrafficLogModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.capacity(), 10'000);
        for (int i = 0; i < 10; ++i)
            model.append(batch(i * 1000, 1000));
        QCOMPARE(model.rowCount(), 10'000);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.append(batch(10'000, 50));
        QCOMPARE(model.rowCount(), 10'000);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 49);
        QCOMPARE(model.index(0, TrafficLogModel::PathColumn).data().toString(),
            QStringLiteral("/items/50"));
        QCOMPARE(model.index(9'999, TrafficLogModel::PathColumn).data().toString(),
            QStringLiteral("/items/10049"));
    }

    void burstLargerThanCapacityKeepsNewest()
    {
        TrafficLogModel model(nullptr, 100);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(batch(0, 30));
        model.append(batch(30, 250));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0, TrafficLogModel::PathColumn).data().toString(),
            QStringLiteral("/items/180"));
        QCOMPARE(model.index(99, TrafficLogModel::PathColumn).data().toString(),
            QStringLiteral("/items/279"));
    }

    void requestIdInTooltipAndFilter()
    {
        TrafficLogModel model;
        server::TrafficEvent e = makeEvent(1);
        e.requestId = "0abc123xyz";
        model.append({ e, makeEvent(2) });
        QVERIFY(model.index(0, TrafficLogModel::PathColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("0abc123xyz")));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterRole(TrafficLogModel::FilterRole);
        proxy.setFilterFixedString(QStringLiteral("0abc123xyz"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void filterOnMethodPathAndStatus()
    {
        TrafficLogModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterRole(TrafficLogModel::FilterRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QAbstractItemModelTester tester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({ makeEvent(1, "GET", 200), makeEvent(2, "POST", 404),
            makeEvent(3, "GET", 500), makeEvent(4, "PUT", 404) });
        proxy.setFilterFixedString(QStringLiteral("404"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterFixedString(QStringLiteral("post"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString(QStringLiteral("/items/3"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(
            proxy.index(0, TrafficLogModel::StatusColumn).data().toString(), QStringLiteral("500"));
        // New rows go through the filter too.
        model.append({ makeEvent(5, "POST", 201) });
        proxy.setFilterFixedString(QStringLiteral("POST"));
        QCOMPARE(proxy.rowCount(), 2);
    }

    void clearEmpties()
    {
        TrafficLogModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(batch(0, 10));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 1);
        model.append(batch(0, 1));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestTrafficLogModel)
#include "tst_trafficlogmodel.moc"
