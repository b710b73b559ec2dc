// The Metrics panel's time series: one row per step with exact rates,
// percentiles in ms, error shares and money per request; undefined values
// (a step without requests) stay undefined instead of becoming 0; refreshes
// of the same window change rows in place; CSV for scripts.

#include "ui/metrics/metricsseriesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::MetricsPoint point(std::int64_t time, std::uint64_t ok, std::uint64_t c4xx,
    std::uint64_t c5xx, std::int64_t cost = 0, std::int64_t revenue = 0)
{
    server::MetricsPoint p;
    p.time = time;
    p.counts[server::Status2xx] = ok;
    p.counts[server::Status4xx] = c4xx;
    p.counts[server::Status5xx] = c5xx;
    p.count = ok + c4xx + c5xx;
    if (p.count > 0) {
        p.p50 = 1200;
        p.p95 = 8500;
        p.p99 = 25000;
    }
    p.costMicros = cost;
    p.revenueMicros = revenue;
    return p;
}

server::MetricsView view(
    std::int64_t from, std::int64_t step, std::vector<server::MetricsPoint> points)
{
    server::MetricsView v;
    v.from = from;
    v.step = step;
    v.to = from + step * std::int64_t(points.size());
    v.series = std::move(points);
    return v;
}

QVariant cell(
    const MetricsSeriesModel& m, int row, int column, int role = MetricsSeriesModel::ValueRole)
{
    return m.index(row, column).data(role);
}

} // namespace

class TestMetricsSeriesModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exactNumbersPerStep()
    {
        MetricsSeriesModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // 10-second steps: 40 requests, 6 of them 4xx and 2 5xx; then an
        // empty step.
        model.setView(view(1000, 10,
            { point(1000, 32, 6, 2, /*cost*/ 4000, /*revenue*/ 64000), point(1010, 0, 0, 0) }));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(MetricsSeriesModel::ColumnCount));
        QCOMPARE(model.step(), 10);
        QCOMPARE(model.totalRequests(), 40u);

        QCOMPARE(cell(model, 0, MetricsSeriesModel::TimeColumn).toLongLong(), 1000);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::RequestsColumn).toLongLong(), 40);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::RateColumn).toDouble(), 4.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::P50Column).toDouble(), 1.2);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::P95Column).toDouble(), 8.5);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::P99Column).toDouble(), 25.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::ClientErrorColumn).toDouble(), 15.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::ServerErrorColumn).toDouble(), 5.0);
        // Micro-dollars per request: 4000/40 cost, 64000/40 revenue.
        QCOMPARE(cell(model, 0, MetricsSeriesModel::CostColumn).toDouble(), 100.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::RevenueColumn).toDouble(), 1600.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::MarginColumn).toDouble(), 1500.0);

        // People read dollars and milliseconds.
        QCOMPARE(cell(model, 0, MetricsSeriesModel::RevenueColumn, Qt::DisplayRole).toString(),
            QStringLiteral("$0.0016"));
        QCOMPARE(cell(model, 0, MetricsSeriesModel::P50Column, Qt::DisplayRole).toString(),
            QStringLiteral("1.20 ms"));
        QCOMPARE(cell(model, 0, MetricsSeriesModel::ClientErrorColumn, Qt::DisplayRole).toString(),
            QStringLiteral("15 %"));

        // An empty step has a rate of 0 but no latency, error share or price.
        QCOMPARE(cell(model, 1, MetricsSeriesModel::RateColumn).toDouble(), 0.0);
        for (int c :
            { int(MetricsSeriesModel::P50Column), int(MetricsSeriesModel::ServerErrorColumn),
                int(MetricsSeriesModel::MarginColumn) }) {
            QVERIFY2(cell(model, 1, c).isNull(), qPrintable(QString::number(c)));
            QVERIFY(std::isnan(model.value(1, c)));
        }
    }

    void lossIsANegativeMargin()
    {
        MetricsSeriesModel model;
        model.setView(view(0, 1, { point(0, 3, 0, 0, /*cost*/ 900, /*revenue*/ 300) }));
        QCOMPARE(cell(model, 0, MetricsSeriesModel::MarginColumn).toDouble(), -200.0);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::MarginColumn, Qt::DisplayRole).toString(),
            QStringLiteral("-$0.0002"));
    }

    void refreshOfTheSameWindowChangesInPlace()
    {
        MetricsSeriesModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(
            view(100, 1, { point(100, 1, 0, 0), point(101, 0, 0, 0), point(102, 0, 0, 0) }));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // The second in progress got two more requests: only its row changes.
        model.setView(
            view(100, 1, { point(100, 1, 0, 0), point(101, 0, 0, 0), point(102, 2, 0, 0) }));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 2);
        QCOMPARE(model.totalRequests(), 3u);
        // Nothing new: no signal.
        model.setView(
            view(100, 1, { point(100, 1, 0, 0), point(101, 0, 0, 0), point(102, 2, 0, 0) }));
        QCOMPARE(changed.count(), 1);
        // The window moved on by a second: a reset.
        model.setView(
            view(101, 1, { point(101, 0, 0, 0), point(102, 2, 0, 0), point(103, 0, 0, 0) }));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(cell(model, 0, MetricsSeriesModel::TimeColumn).toLongLong(), 101);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void csvHasOneLinePerStep()
    {
        MetricsSeriesModel model;
        model.setView(view(1'700'000'000, 1,
            { point(1'700'000'000, 3, 1, 0, 400, 8000), point(1'700'000'001, 0, 0, 0) }));
        const QStringList lines = model.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("time,requests,requests_per_second,p50_ms")));
        QCOMPARE(lines[1],
            QStringLiteral("2023-11-14T22:13:20Z,4,4.000,1.200,8.500,25.000,25.00,0.00,"
                           "0.00010000,0.00200000,0.00190000"));
        // Undefined values are empty cells, not zeros.
        QCOMPARE(lines[2], QStringLiteral("2023-11-14T22:13:21Z,0,0.000,,,,,,,,"));
    }
};

QTEST_MAIN(TestMetricsSeriesModel)
#include "tst_metricsseriesmodel.moc"
