// The Metrics page offscreen against the embedded server: real HTTP requests
// show up in the series, the route table, the key burn table and the charts
// with exactly their counts and error shares; filters, the historical window
// read from the metrics database, exports, the warning line, polling only
// while the page is shown, and the cost of one update. Also the route
// editor's cost-per-ms field, which feeds the cost charts.

#include "testutil.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"
#include "ui/charts/histogramchart.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/metrics/keyburnmodel.h"
#include "ui/metrics/metricspanel.h"
#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/routemetricsmodel.h"
#include "ui/routes/routeeditor.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QBarSet>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

#include <cmath>
#include <filesystem>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Route route(const char* path, int status, bool keyed = false)
{
    server::Route r;
    r.path = path;
    r.responses.front().status = status;
    r.responses.front().body = "{}";
    r.access.keyRequired = keyed;
    r.access.costMicros = 100;
    return r;
}

// Sum of the y values of a chart's first line: requests when the line is
// requests per second with 1-second steps.
double sumOfFirstLine(QChartView* view)
{
    const auto series = view->chart()->series();
    auto* line = series.isEmpty() ? nullptr : qobject_cast<QLineSeries*>(series.first());
    if (!line)
        return -1;
    double sum = 0;
    for (const QPointF& p : line->points())
        sum += p.y();
    return sum;
}

QList<QString> csvColumn(const QString& csv, int column)
{
    QList<QString> values;
    const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i)
        values << lines[i].split(QLatin1Char(',')).value(column);
    return values;
}

QString readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// A view as the engine computes it, made by hand: 300 one-second points,
// `routes` routes, four tiers, ten keys and a wide latency histogram.
server::MetricsView syntheticView(std::int64_t from, int routes, int seed)
{
    server::MetricsView v;
    v.from = from;
    v.to = from + 300;
    v.step = 1;
    const char* tiers[] = { "(none)", "enterprise", "free", "pro" };
    for (const char* t : tiers) {
        server::TierSeries ts;
        ts.tier = t;
        v.tiers.push_back(ts);
        v.tierNames.push_back(t);
    }
    for (int i = 0; i < 300; ++i) {
        server::MetricsPoint p;
        p.time = from + i;
        const auto n = std::uint64_t(200 + 150 * std::sin((i + seed) / 20.0));
        p.counts = { n - n / 10 - n / 50, 0, n / 10, n / 50 };
        p.count = n;
        p.p50 = 300 + std::uint64_t(i % 7) * 10;
        p.p95 = 4000 + std::uint64_t((i + seed) % 11) * 100;
        p.p99 = 90'000 + std::uint64_t(i % 13) * 1000;
        p.costMicros = std::int64_t(n) * 40;
        p.revenueMicros = std::int64_t(n) * 900;
        v.series.push_back(p);
        for (std::size_t t = 0; t < v.tiers.size(); ++t) {
            server::MetricsPoint tp = p;
            tp.count = n / 4;
            tp.revenueMicros = std::int64_t(tp.count) * std::int64_t(t) * 700;
            tp.costMicros = std::int64_t(tp.count) * 40;
            v.tiers[t].points.push_back(tp);
        }
    }
    for (int r = 0; r < routes; ++r) {
        server::RouteSummary s;
        s.route = "GET /v1/resource" + std::to_string(r);
        s.count = std::uint64_t(1000 + r * 37 + seed);
        s.counts = { s.count - 20, 0, 15, 5 };
        s.p50 = 250;
        s.p95 = 3000;
        s.p99 = 95'000;
        s.costMicros = std::int64_t(s.count) * 50;
        s.revenueMicros = std::int64_t(s.count) * 800;
        v.routes.push_back(s);
        v.routeNames.push_back(s.route);
    }
    for (int k = 0; k < 10; ++k) {
        server::KeySummary key;
        key.key = "key_" + std::to_string(k);
        key.tier = tiers[1 + k % 3];
        key.count = std::uint64_t(500 + k * 10 + seed);
        v.keys.push_back(key);
        v.keyNames.push_back(key.key);
    }
    for (std::uint64_t us = 40; us < 400'000; us = us * 21 / 20 + 1)
        v.latency.record(us, us % 17 + 1);
    return v;
}

} // namespace

class TestMetricsPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    MetricsPanel* m_panel = nullptr;
    QNetworkAccessManager m_nam;
    QByteArray m_key;
    QString m_keyId;
    QTranslator m_english;

    int get(const QString& path, const QByteArray& key = {})
    {
        QNetworkRequest request(QUrl(m_window->serverController()->baseUrl() + path));
        if (!key.isEmpty())
            request.setRawHeader("X-API-Key", key);
        QNetworkReply* reply = m_nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return -1;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    // 12 × 200, 5 × 404 (a route answering 404), 3 × 500, 4 keyed 200 and
    // 2 requests no route matches: 26 in all.
    void sendTraffic()
    {
        for (int i = 0; i < 12; ++i)
            QCOMPARE(get(QStringLiteral("/ok")), 200);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(get(QStringLiteral("/missing")), 404);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(QStringLiteral("/broken")), 500);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(get(QStringLiteral("/paid"), m_key), 200);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(get(QStringLiteral("/nowhere")), 404);
    }

    double routeValue(const char* name, int column)
    {
        const int row = m_panel->routeModel()->rowOfRoute(QString::fromLatin1(name));
        return row < 0 ? -1 : m_panel->routeModel()->value(row, column);
    }

    template <typename T> T* child(const char* name)
    {
        return test::child<T>(m_window.get(), name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_nam.setProxy(QNetworkProxy::NoProxy);
        // The English plural forms ("1 request", "40 rows"), as the app loads them.
        QVERIFY(m_english.load(QStringLiteral(":/i18n/tollgate_en.qm")));
        QCoreApplication::installTranslator(&m_english);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "metrics";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        ws.routes = { route("/ok", 200), route("/missing", 404), route("/broken", 500),
            route("/paid", 200, true) };
        server::KeyOptions options;
        options.tier = "pro";
        options.label = "metrics-test";
        server::NewKey key;
        std::string error;
        QVERIFY2(server::createKey(ws.server.environment, options,
                     QDateTime::currentSecsSinceEpoch(), &key, &error),
            error.c_str());
        ws.keys = { key.record };
        m_key = QByteArray::fromStdString(key.secret);
        m_keyId = toQt(key.record.id);
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(test::startServer(m_window->serverController()));
        m_panel = m_window->metricsPanel();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void pageAndShortcut()
    {
        auto* action = child<QAction>("showMetricsAction");
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
        action->trigger();
        QCOMPARE(m_window->currentPage(), MainWindow::MetricsPage);
        QVERIFY(action->isChecked());
        QVERIFY(m_panel->isVisible());
        auto* tabs = child<QTabWidget>("pageTabs");
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Metrics"));
    }

    void liveTrafficShowsExactNumbers()
    {
        m_window->showPage(MainWindow::MetricsPage);
        QVERIFY(m_panel->isPolling());
        sendTraffic();

        MetricsSeriesModel* series = m_panel->seriesModel();
        QTRY_COMPARE_WITH_TIMEOUT(series->totalRequests(), 26u, 15'000);
        // The last five minutes up to the newest closed second.
        QVERIFY2(series->rowCount() >= 298 && series->rowCount() <= 300,
            qPrintable(QString::number(series->rowCount())));
        QCOMPARE(series->step(), 1);
        // 4xx and 5xx over the whole window, from the series.
        std::uint64_t c4xx = 0;
        std::uint64_t c5xx = 0;
        for (const server::MetricsPoint& p : series->points()) {
            c4xx += p.counts[server::Status4xx];
            c5xx += p.counts[server::Status5xx];
        }
        QCOMPARE(c4xx, 7u);
        QCOMPARE(c5xx, 3u);

        RouteMetricsModel* routes = m_panel->routeModel();
        QTRY_COMPARE_WITH_TIMEOUT(routes->rowCount(), 5, 5000);
        QCOMPARE(routeValue("GET /ok", RouteMetricsModel::CountColumn), 12.0);
        QCOMPARE(routeValue("GET /ok", RouteMetricsModel::ClientErrorColumn), 0.0);
        QCOMPARE(routeValue("GET /ok", RouteMetricsModel::ServerErrorColumn), 0.0);
        QCOMPARE(routeValue("GET /missing", RouteMetricsModel::CountColumn), 5.0);
        QCOMPARE(routeValue("GET /missing", RouteMetricsModel::ClientErrorColumn), 100.0);
        QCOMPARE(routeValue("GET /broken", RouteMetricsModel::ServerErrorColumn), 100.0);
        QCOMPARE(routeValue("GET /paid", RouteMetricsModel::CountColumn), 4.0);
        QCOMPARE(routeValue("(none)", RouteMetricsModel::CountColumn), 2.0);
        QCOMPARE(routeValue("(none)", RouteMetricsModel::ClientErrorColumn), 100.0);
        // 12 requests over the window's length.
        QCOMPARE(routes->windowSeconds(), double(series->rowCount()));
        QCOMPARE(
            routeValue("GET /ok", RouteMetricsModel::RateColumn), 12.0 / routes->windowSeconds());
        // The fixed cost of the route at least, per request.
        QVERIFY(routeValue("GET /ok", RouteMetricsModel::CostColumn) >= 100.0);
        // The route table sorts by count, most first.
        QCOMPARE(m_panel->routeProxy()->index(0, 0).data().toString(), QStringLiteral("GET /ok"));

        // The keyed requests burn the key's quota; the month's count comes
        // from the usage ledger.
        KeyBurnModel* burn = m_panel->keyBurnModel();
        QTRY_COMPARE_WITH_TIMEOUT(burn->rowCount(), 1, 5000);
        QCOMPARE(burn->rows().front().keyId, m_keyId.toStdString());
        QCOMPARE(burn->rows().front().requests, 4u);
        QCOMPARE(burn->rows().front().label, QStringLiteral("metrics-test"));
        QCOMPARE(burn->rows().front().tierName, QStringLiteral("Pro"));
        QTRY_COMPARE_WITH_TIMEOUT(burn->rows().front().used, 4u, 5000);
        QCOMPARE(burn->rows().front().quota, 10'000);

        // The charts draw the same numbers.
        auto* rateChart = child<QChartView>("requestsChart");
        QVERIFY(rateChart);
        QTRY_COMPARE_WITH_TIMEOUT(sumOfFirstLine(rateChart), 26.0, 5000);
        auto* histogram = child<HistogramChart>("latencyHistogram");
        QVERIFY(histogram);
        const auto bars = [histogram] {
            double sum = 0;
            for (int i = 0; i < histogram->barSet()->count(); ++i)
                sum += histogram->barSet()->at(i);
            return sum;
        };
        // A live update reaches the histogram in its last event-loop turn.
        QTRY_COMPARE_WITH_TIMEOUT(bars(), 26.0, 5000);
        QVERIFY(!histogram->edgeLabels().isEmpty());
        // The filter pickers offer what was seen.
        auto* routeFilter = child<QComboBox>("metricsRouteFilter");
        QVERIFY(routeFilter->findData(QStringLiteral("GET /broken")) > 0);
        QCOMPARE(routeFilter->itemText(0), QStringLiteral("All"));
        QVERIFY(child<QComboBox>("metricsKeyFilter")->findData(m_keyId) > 0);
        QVERIFY(child<QComboBox>("metricsKeyFilter")
                    ->itemText(child<QComboBox>("metricsKeyFilter")->findData(m_keyId))
            == QStringLiteral("metrics-test"));
        QVERIFY(child<QLabel>("metricsStatusLabel")->text().contains(QStringLiteral("26")));
        QVERIFY(!child<QLabel>("metricsWarningLabel")->isVisible());
    }

    void filtersNarrowTheView()
    {
        m_window->showPage(MainWindow::MetricsPage);
        sendTraffic();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 15'000);

        // Picking a route in its combo box, as a user does.
        auto* routeFilter = child<QComboBox>("metricsRouteFilter");
        const int broken = routeFilter->findData(QStringLiteral("GET /broken"));
        QVERIFY(broken > 0);
        routeFilter->setCurrentIndex(broken);
        Q_EMIT routeFilter->activated(broken);
        QCOMPARE(m_panel->filter().route, std::string("GET /broken"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 3u, 5000);
        QCOMPARE(m_panel->routeModel()->rowCount(), 1);
        std::uint64_t c5xx = 0;
        for (const server::MetricsPoint& p : m_panel->seriesModel()->points())
            c5xx += p.counts[server::Status5xx];
        QCOMPARE(c5xx, 3u);
        // The other routes stay pickable while one is shown.
        QVERIFY(routeFilter->findData(QStringLiteral("GET /ok")) > 0);

        // Only the key's requests.
        server::MetricsFilter byKey;
        byKey.key = m_keyId.toStdString();
        m_panel->setFilter(byKey);
        QCOMPARE(child<QComboBox>("metricsRouteFilter")->currentIndex(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 4u, 5000);
        QCOMPARE(routeValue("GET /paid", RouteMetricsModel::CountColumn), 4.0);

        // Requests without a key (tier "(none)").
        server::MetricsFilter unkeyed;
        unkeyed.tier = "(none)";
        m_panel->setFilter(unkeyed);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 22u, 5000);

        // Double-clicking a route in the table charts only that route.
        m_panel->setFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 5000);
        QTableView* table = m_panel->routeView();
        QModelIndex missing;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == QStringLiteral("GET /missing"))
                missing = table->model()->index(r, 0);
        }
        QVERIFY(missing.isValid());
        Q_EMIT table->doubleClicked(missing);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 5u, 5000);
    }

    void historicalWindowReadsTheDatabase()
    {
        m_window->showPage(MainWindow::MetricsPage);
        sendTraffic();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 15'000);
        QVERIFY(!m_window->serverController()->metricsDatabase().empty());

        auto* windowCombo = child<QComboBox>("metricsWindowCombo");
        const int hour = windowCombo->findData(int(MetricsPanel::HourWindow));
        windowCombo->setCurrentIndex(hour);
        Q_EMIT windowCombo->activated(hour);
        QCOMPARE(m_panel->window(), MetricsPanel::HourWindow);
        QVERIFY(m_panel->isLoading());
        QCOMPARE(child<QLabel>("metricsStatusLabel")->text(), QStringLiteral("Loading…"));
        // Read back in 10-second steps off the GUI thread.
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isLoading(), 15'000);
        QCOMPARE(m_panel->seriesModel()->step(), 10);
        // Written every 200 ms: read again until the newest rows are there.
        QTRY_COMPARE_WITH_TIMEOUT(
            (m_panel->refresh(), m_panel->seriesModel()->totalRequests()), 26u, 15'000);
        QCOMPARE(m_panel->seriesModel()->rowCount(), 360);
        QCOMPARE(routeValue("GET /broken", RouteMetricsModel::ServerErrorColumn), 100.0);
        QCOMPARE(routeValue("GET /ok", RouteMetricsModel::RateColumn), 12.0 / 3600.0);

        // A custom window around now, in minute rollups (6 hours in 60-second steps).
        const QDateTime now = QDateTime::currentDateTime();
        m_panel->setCustomRange(now.addSecs(-6 * 3600), now.addSecs(60));
        QVERIFY(child<QWidget>("metricsFromEdit")->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->step(), 60, 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            (m_panel->refresh(), m_panel->seriesModel()->totalRequests()), 26u, 15'000);

        // Back to live.
        m_panel->setWindow(MetricsPanel::LiveWindow);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->step(), 1, 5000);
        QVERIFY(!child<QWidget>("metricsFromEdit")->isVisible());
    }

    void historyOfAnEarlierSession()
    {
        m_window->showPage(MainWindow::MetricsPage);
        sendTraffic();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 15'000);
        const std::filesystem::path database = m_window->serverController()->metricsDatabase();
        QVERIFY(!database.empty());
        // Stopping writes what is pending; a new window that has not served
        // yet still finds the history where the engine keeps it.
        QVERIFY(test::stopServer(m_window->serverController()));
        m_window.reset();
        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(!m_window->serverController()->isRunning());
        QCOMPARE(m_window->serverController()->metricsDatabase(), database);
        m_panel = m_window->metricsPanel();
        m_window->showPage(MainWindow::MetricsPage);
        m_panel->setWindow(MetricsPanel::HourWindow);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 15'000);
        QCOMPARE(routeValue("GET /missing", RouteMetricsModel::ClientErrorColumn), 100.0);
    }

    void unreadableHistoryIsShown()
    {
        m_window->showPage(MainWindow::MetricsPage);
        QCOMPARE(get(QStringLiteral("/ok")), 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 1u, 15'000);
        const QString database = pathToQt(m_window->serverController()->metricsDatabase());
        QVERIFY(test::stopServer(m_window->serverController()));
        // Something else took the file's place.
        for (const QString& suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(database + suffix);
        {
            QFile file(database);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray(4096, 'x'));
        }
        m_panel->setWindow(MetricsPanel::HourWindow);
        auto* warning = child<QLabel>("metricsWarningLabel");
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 15'000);
        QVERIFY2(
            warning->text().contains(QStringLiteral("metrics.db")), qPrintable(warning->text()));
        QVERIFY(!m_panel->isLoading());
        QCOMPARE(m_panel->seriesModel()->totalRequests(), 0u);
    }

    void pollsOnlyWhileShown()
    {
        m_window->showPage(MainWindow::RoutesPage);
        QVERIFY(!m_panel->isVisible());
        QVERIFY(!m_panel->isPolling());
        const int before = m_panel->updateCount();
        QCOMPARE(get(QStringLiteral("/ok")), 200);
        // Hidden, refreshing is a no-op.
        m_panel->refresh();
        QCOMPARE(m_panel->updateCount(), before);
        m_window->showPage(MainWindow::MetricsPage);
        QVERIFY(m_panel->isPolling());
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 1u, 10'000);
        QVERIFY(m_panel->updateCount() > before);
        // Historical windows re-read now and then, not four times a second.
        m_panel->setWindow(MetricsPanel::DayWindow);
        QVERIFY(m_panel->isPolling());
        m_panel->setWindow(MetricsPanel::CustomWindow);
        QVERIFY(!m_panel->isPolling());
    }

    void exports()
    {
        m_window->showPage(MainWindow::MetricsPage);
        sendTraffic();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->seriesModel()->totalRequests(), 26u, 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->routeModel()->rowCount(), 5, 5000);

        const QString csv = m_dir->filePath(QStringLiteral("out/metrics.csv"));
        QString routesFile;
        QString error;
        // A folder that does not exist: an error, not a crash.
        QVERIFY(!m_panel->exportCsv(csv, &routesFile, &error));
        QVERIFY(error.contains(QStringLiteral("metrics.csv")));
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("out"))));
        QVERIFY2(m_panel->exportCsv(csv, &routesFile, &error), qPrintable(error));
        QCOMPARE(routesFile, m_dir->filePath(QStringLiteral("out/metrics-routes.csv")));
        const QString series = readAll(csv);
        QVERIFY(series.startsWith(QStringLiteral("time,requests,")));
        int total = 0;
        for (const QString& n : csvColumn(series, 1))
            total += n.toInt();
        QCOMPARE(total, 26);
        const QString routes = readAll(routesFile);
        QVERIFY2(routes.contains(QStringLiteral("\nGET /broken,3,0.010,")), qPrintable(routes));
        QVERIFY2(routes.contains(QStringLiteral(",0.00,100.00,")), qPrintable(routes));

        const QString png = m_dir->filePath(QStringLiteral("out/metrics.png"));
        QVERIFY2(m_panel->exportPng(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), m_panel->chartsArea()->size() * m_panel->devicePixelRatioF());
    }

    void warningLine()
    {
        m_window->showPage(MainWindow::MetricsPage);
        m_panel->setAutoRefresh(false);
        QVERIFY(!m_panel->isPolling());
        auto* warning = child<QLabel>("metricsWarningLabel");
        server::MetricsView view = syntheticView(QDateTime::currentSecsSinceEpoch() - 299, 3, 0);
        m_panel->applyView(view);
        QVERIFY(!warning->isVisible());
        view.droppedRecords = 1;
        view.droppedRows = 40;
        view.problem = "metrics.db: disk I/O error";
        m_panel->applyView(view);
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("1 request not recorded")),
            qPrintable(warning->text()));
        QVERIFY2(warning->text().contains(QStringLiteral("40 rows of metrics not stored")),
            qPrintable(warning->text()));
        QVERIFY(warning->text().contains(QStringLiteral("disk I/O error")));
        view.droppedRecords = 0;
        view.droppedRows = 0;
        view.problem.clear();
        m_panel->applyView(view);
        QVERIFY(!warning->isVisible());
    }

    void moneyChartByTier()
    {
        m_window->showPage(MainWindow::MetricsPage);
        m_panel->setAutoRefresh(false);
        server::MetricsView view = syntheticView(QDateTime::currentSecsSinceEpoch() - 299, 3, 0);
        m_panel->applyView(view);
        auto* money = child<QChartView>("moneyChart");
        QVERIFY(money);
        // Whatever was being computed when polling stopped stays away.
        QCoreApplication::processEvents();
        // One line per tier plus all tiers together.
        const auto visibleNames = [money] {
            QStringList names;
            for (QAbstractSeries* s : money->chart()->series()) {
                if (s->isVisible())
                    names << s->name();
            }
            return names;
        };
        QStringList names = visibleNames();
        QCOMPARE(names.size(), 5);
        QVERIFY2(names.contains(QStringLiteral("Pro")), qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(names.contains(QStringLiteral("no key")));
        // Margin of the "pro" tier (index 3): 3 × 700 − 40 µ$ per request.
        QLineSeries* pro = nullptr;
        for (QAbstractSeries* s : money->chart()->series()) {
            if (s->isVisible() && s->name() == QStringLiteral("Pro"))
                pro = qobject_cast<QLineSeries*>(s);
        }
        QVERIFY(pro && pro->count() > 0);
        QCOMPARE(pro->at(0).y(), (3 * 700 - 40) / 1e6);
        auto* measure = child<QComboBox>("moneyMeasureCombo");
        measure->setCurrentIndex(measure->findData(int(MetricsPanel::RevenueMeasure)));
        Q_EMIT measure->activated(measure->currentIndex());
        QCOMPARE(pro->at(0).y(), 3 * 700 / 1e6);
        QVERIFY(money->chart()->title().startsWith(QStringLiteral("Revenue")));
        // A tier that no longer shows up loses its line.
        view.tiers.pop_back();
        m_panel->applyView(view);
        QCOMPARE(visibleNames().size(), 4);
        QVERIFY(!visibleNames().contains(QStringLiteral("Pro")));
    }

    // Not a benchmark (bench/ measures under load): prints what one update
    // of 20 routes costs on the GUI thread, and checks it is measured.
    void updateCostWithTwentyRoutes()
    {
        m_window->showPage(MainWindow::MetricsPage);
        m_panel->setAutoRefresh(false);
        const std::int64_t from = QDateTime::currentSecsSinceEpoch() - 299;
        m_panel->applyView(syntheticView(from, 20, 0));
        QCOMPARE(m_panel->routeModel()->rowCount(), 20);
        double total = 0;
        double worst = 0;
        int slow = 0;
        constexpr int kUpdates = 40;
        for (int i = 1; i <= kUpdates; ++i) {
            // The window moves on a second every fourth update, as live does.
            m_panel->applyView(syntheticView(from + i / 4, 20, i));
            // Let the charts paint, as they would between two ticks.
            QCoreApplication::processEvents();
            total += m_panel->lastUpdateMs();
            worst = std::max(worst, m_panel->lastUpdateMs());
            slow += m_panel->lastUpdateMs() > 8.0 ? 1 : 0;
        }
        QVERIFY(m_panel->lastUpdateMs() > 0);
        qInfo("metrics update with 20 routes: %.2f ms on average, %.2f ms at most (%d updates, "
              "%d over 8 ms)",
            total / kUpdates, worst, kUpdates, slow);
        if (qEnvironmentVariableIsSet("TOLLGATE_METRICS_GRAB"))
            m_window->grab().save(qEnvironmentVariable("TOLLGATE_METRICS_GRAB"));
    }

    void routeEditorCostPerMs()
    {
        m_window->showPage(MainWindow::RoutesPage);
        WorkspaceDocument* doc = m_window->document();
        int row = -1;
        for (int i = 0; i < doc->routeCount(); ++i) {
            if (doc->route(i).path == "/ok")
                row = i;
        }
        QVERIFY(row >= 0);
        m_window->selectRoute(row);
        auto* tabs = m_window->routeEditor()->findChild<QTabWidget*>(QStringLiteral("routeTabs"));
        QVERIFY(tabs);
        tabs->setCurrentIndex(tabs->count() - 1);
        auto* perMs
            = m_window->routeEditor()->findChild<QLineEdit*>(QStringLiteral("accessCostPerMsEdit"));
        QVERIFY(perMs);
        // A public route has a cost of serving too.
        QVERIFY(m_window->routeEditor()
                    ->findChild<QRadioButton*>(QStringLiteral("accessPublicRadio"))
                    ->isChecked());
        QVERIFY(perMs->isEnabled());
        QVERIFY(perMs->text().isEmpty());
        QCOMPARE(perMs->placeholderText(), QStringLiteral("0"));

        const int base = doc->undoStack()->count();
        perMs->setFocus();
        perMs->selectAll();
        QTest::keyClicks(perMs, QStringLiteral("0.00002"));
        QCOMPARE(doc->route(row).access.costPerMsMicros, 20);
        // Typing the field is one undo step.
        QCOMPARE(doc->undoStack()->count(), base + 1);

        // Saved and read back.
        QString error;
        QVERIFY2(doc->saveNow(&error), qPrintable(error));
        WorkspaceDocument reopened;
        QVERIFY2(reopened.open(m_dir->path(), &error), qPrintable(error));
        QCOMPARE(reopened.route(row).access.costPerMsMicros, 20);

        // Invalid text is not committed; leaving the field shows the stored value.
        QTest::keyClicks(perMs, QStringLiteral("x"));
        QCOMPARE(doc->route(row).access.costPerMsMicros, 20);
        auto* errorLabel
            = m_window->routeEditor()->findChild<QLabel*>(QStringLiteral("accessErrorLabel"));
        QVERIFY(errorLabel->text().startsWith(QStringLiteral("Cost per ms")));
        m_window->routeEditor()
            ->findChild<QLineEdit*>(QStringLiteral("accessCostEdit"))
            ->setFocus();
        QCOMPARE(perMs->text(), QStringLiteral("0.00002"));
        QVERIFY(errorLabel->text().isEmpty());

        doc->undoStack()->undo();
        QCOMPARE(doc->route(row).access.costPerMsMicros, 0);
        QCOMPARE(perMs->text(), QStringLiteral("0"));
        doc->undoStack()->redo();
        QCOMPARE(perMs->text(), QStringLiteral("0.00002"));
    }

    void retentionIsAnUndoableWorkspaceSetting()
    {
        m_window->showPage(MainWindow::MetricsPage);
        WorkspaceDocument* doc = m_window->document();
        auto* spin = m_panel->findChild<QSpinBox*>(QStringLiteral("metricsRetentionSpin"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), doc->workspace().server.metricsRetentionDays);
        const int before = spin->value();
        const int base = doc->undoStack()->count();
        spin->setValue(30);
        QCOMPARE(doc->workspace().server.metricsRetentionDays, 30);
        QCOMPARE(doc->undoStack()->count(), base + 1);
        QString error;
        QVERIFY2(doc->saveNow(&error), qPrintable(error));
        WorkspaceDocument reopened;
        QVERIFY2(reopened.open(m_dir->path(), &error), qPrintable(error));
        QCOMPARE(reopened.workspace().server.metricsRetentionDays, 30);
        // Undo puts the value back in the document and in the field.
        doc->undoStack()->undo();
        QCOMPARE(doc->workspace().server.metricsRetentionDays, before);
        QCOMPARE(spin->value(), before);
    }
};

QTEST_MAIN(TestMetricsPanel)
#include "tst_metricspanel.moc"
