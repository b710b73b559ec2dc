// The per-route table of the Metrics panel: exact numbers per route, raw
// values for sorting, and refreshes that insert, remove and change rows in
// place so a selection and the proxy's sort survive the 4 Hz update.

#include "ui/metrics/routemetricsmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::RouteSummary route(const char* name, std::uint64_t ok, std::uint64_t c4xx,
    std::uint64_t c5xx, std::int64_t cost = 0, std::int64_t revenue = 0)
{
    server::RouteSummary r;
    r.route = name;
    r.counts[server::Status2xx] = ok;
    r.counts[server::Status4xx] = c4xx;
    r.counts[server::Status5xx] = c5xx;
    r.count = ok + c4xx + c5xx;
    r.p50 = 500;
    r.p95 = 2000;
    r.p99 = 120'000;
    r.costMicros = cost;
    r.revenueMicros = revenue;
    return r;
}

double sortValue(const QAbstractItemModel& m, int row, int column)
{
    return m.index(row, column).data(RouteMetricsModel::SortRole).toDouble();
}

} // namespace

class TestRouteMetricsModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exactNumbersPerRoute()
    {
        RouteMetricsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRoutes(
            { route("POST /generate", 18, 1, 1, 24000, 100000), route("GET /health", 300, 0, 0) },
            300.0);
        QCOMPARE(model.rowCount(), 2);
        // Sorted by name: GET /health first.
        const int gen = model.rowOfRoute(QStringLiteral("POST /generate"));
        QCOMPARE(gen, 1);
        QCOMPARE(model.rowOfRoute(QStringLiteral("GET /nothing")), -1);
        QCOMPARE(model.index(gen, RouteMetricsModel::RouteColumn).data().toString(),
            QStringLiteral("POST /generate"));
        QCOMPARE(model.index(gen, RouteMetricsModel::CountColumn)
                     .data(RouteMetricsModel::SortRole)
                     .toLongLong(),
            20);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::RateColumn), 20.0 / 300.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::P50Column), 0.5);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::P95Column), 2.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::P99Column), 120.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::ClientErrorColumn), 5.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::ServerErrorColumn), 5.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::CostColumn), 1200.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::RevenueColumn), 5000.0);
        QCOMPARE(sortValue(model, gen, RouteMetricsModel::MarginColumn), 3800.0);
        QCOMPARE(model.index(gen, RouteMetricsModel::MarginColumn).data().toString(),
            QStringLiteral("$0.0038"));
        QCOMPARE(model.index(gen, RouteMetricsModel::P99Column).data().toString(),
            QStringLiteral("120 ms"));
        QCOMPARE(
            model.index(0, RouteMetricsModel::RateColumn).data().toString(), QStringLiteral("1.0"));
        QCOMPARE(model.index(0, RouteMetricsModel::ServerErrorColumn).data().toString(),
            QStringLiteral("0 %"));
    }

    void unmatchedRequestsHaveAName()
    {
        RouteMetricsModel model;
        model.setRoutes({ route("(none)", 0, 7, 0) }, 60.0);
        QCOMPARE(model.index(0, RouteMetricsModel::RouteColumn).data().toString(),
            QStringLiteral("No matching route"));
        QCOMPARE(model.index(0, 0).data(RouteMetricsModel::RouteNameRole).toString(),
            QStringLiteral("(none)"));
        QCOMPARE(sortValue(model, 0, RouteMetricsModel::ClientErrorColumn), 100.0);
    }

    void refreshKeepsSelectionAndSort()
    {
        RouteMetricsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(RouteMetricsModel::SortRole);
        proxy.sort(RouteMetricsModel::CountColumn, Qt::DescendingOrder);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(&proxy);

        model.setRoutes({ route("GET /a", 5, 0, 0), route("GET /b", 9, 0, 0) }, 10.0);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("GET /b"));
        selection.setCurrentIndex(
            proxy.index(1, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
        QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("GET /a"));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // /a overtakes /b, /c appears, nothing goes.
        model.setRoutes(
            { route("GET /a", 20, 0, 0), route("GET /b", 9, 0, 0), route("GET /c", 1, 0, 0) },
            10.0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        // The proxy re-sorted and the selection followed its row.
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("GET /a"));
        QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("GET /a"));
        QVERIFY(selection.isRowSelected(selection.currentIndex().row(), {}));

        // /b goes away; /a stays selected.
        model.setRoutes({ route("GET /a", 21, 0, 0), route("GET /c", 1, 0, 0) }, 10.0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowOfRoute(QStringLiteral("GET /b")), -1);
        QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("GET /a"));

        // The same numbers again: no signal at all.
        const int before = changed.count();
        model.setRoutes({ route("GET /a", 21, 0, 0), route("GET /c", 1, 0, 0) }, 10.0);
        QCOMPARE(changed.count(), before);
        // A longer window changes every rate.
        model.setRoutes({ route("GET /a", 21, 0, 0), route("GET /c", 1, 0, 0) }, 20.0);
        QCOMPARE(changed.count(), before + 1);
        QCOMPARE(sortValue(model, 0, RouteMetricsModel::RateColumn), 21.0 / 20.0);
    }

    void mixedInsertsAndRemovals()
    {
        RouteMetricsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRoutes({ route("b", 1, 0, 0), route("d", 1, 0, 0), route("f", 1, 0, 0) }, 1.0);
        model.setRoutes({ route("a", 1, 0, 0), route("c", 1, 0, 0), route("d", 2, 0, 0),
                            route("e", 1, 0, 0), route("g", 1, 0, 0), route("h", 1, 0, 0) },
            1.0);
        QStringList names;
        for (int r = 0; r < model.rowCount(); ++r)
            names << model.index(r, 0).data().toString();
        QCOMPARE(names,
            QStringList({ QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d"),
                QStringLiteral("e"), QStringLiteral("g"), QStringLiteral("h") }));
        QCOMPARE(sortValue(model, 2, RouteMetricsModel::CountColumn), 2.0);
        model.setRoutes({}, 1.0);
        QCOMPARE(model.rowCount(), 0);
    }

    void csv()
    {
        RouteMetricsModel model;
        model.setRoutes({ route("GET /a,b", 3, 1, 0, 400, 0) }, 2.0);
        const QStringList lines = model.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("route,requests,requests_per_second")));
        QCOMPARE(lines[1],
            QStringLiteral("\"GET /a,b\",4,2.000,0.500,2.000,120.000,25.00,0.00,"
                           "0.00010000,0.00000000,-0.00010000"));
    }
};

QTEST_MAIN(TestRouteMetricsModel)
#include "tst_routemetricsmodel.moc"
