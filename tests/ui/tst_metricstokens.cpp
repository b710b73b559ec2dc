// The Metrics page's token charts from views made by hand: tokens per second
// and money per 1,000 tokens, per tier and for all tiers, exactly; steps
// without tokens have no price per token; only tiers that counted tokens get
// a line; the charts show only while the window has tokens, the key burn
// card then spanning both lower rows; the picker redraws through the panel.
// And the latency chart, shorter with the token row, keeps its labels.

#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/metrics/metricscharts.h"
#include "ui/metrics/metricspanel.h"
#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/tokenseries.h"
#include "ui/shell/mainwindow.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

constexpr std::int64_t kFrom = 1'790'000'000;
constexpr int kSteps = 60;
// The pro key calls the token route from this second on.
constexpr int kFirstTokens = 10;

// A minute of one-second steps: four requests a second from each of "(none)"
// (no key), "free" and "pro". With tokens, pro's requests from second 10 on
// count 100 + 10 s input and 400 + 20 s output tokens, cost 1,000 µ$ and earn
// 5,000 µ$; every other tier's cost 400 µ$ and earn 2,000 µ$ (none: 0).
server::MetricsView tokenView(bool tokens)
{
    server::MetricsView v;
    v.from = kFrom;
    v.to = kFrom + kSteps;
    v.step = 1;
    const char* ids[] = { "(none)", "free", "pro" };
    for (const char* id : ids) {
        v.tiers.push_back({ id, {} });
        v.tierNames.push_back(id);
    }
    for (int s = 0; s < kSteps; ++s) {
        server::MetricsPoint total;
        total.time = kFrom + s;
        for (std::size_t t = 0; t < std::size(ids); ++t) {
            server::MetricsPoint p;
            p.time = total.time;
            p.count = 4;
            p.counts = { 4, 0, 0, 0 };
            p.costMicros = 400;
            p.revenueMicros = t == 0 ? 0 : 2000;
            if (tokens && t == 2 && s >= kFirstTokens) {
                p.tokensIn = 100 + std::uint64_t(s) * 10;
                p.tokensOut = 400 + std::uint64_t(s) * 20;
                p.costMicros = 1000;
                p.revenueMicros = 5000;
            }
            v.tiers[t].points.push_back(p);
            total.count += p.count;
            total.counts[0] += p.counts[0];
            total.costMicros += p.costMicros;
            total.revenueMicros += p.revenueMicros;
            total.tokensIn += p.tokensIn;
            total.tokensOut += p.tokensOut;
        }
        v.series.push_back(total);
    }
    return v;
}

// The visible lines of a chart by name.
QHash<QString, QLineSeries*> visibleLines(const QChartView* view)
{
    QHash<QString, QLineSeries*> lines;
    for (QAbstractSeries* s : view->chart()->series()) {
        if (s->isVisible())
            lines.insert(s->name(), qobject_cast<QLineSeries*>(s));
    }
    return lines;
}

// The rows the card spans in the charts' grid.
int cardRowSpan(const QWidget* charts, QWidget* card)
{
    auto* grid = qobject_cast<QGridLayout*>(charts->layout());
    if (!grid || grid->indexOf(card) < 0)
        return -1;
    int row = 0, column = 0, rows = 0, columns = 0;
    grid->getItemPosition(grid->indexOf(card), &row, &column, &rows, &columns);
    return rows;
}

} // namespace

class TestMetricsTokens : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "tokens";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        ws.tiers = server::defaultTiers();
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
    }

    void cleanup() { m_dir.reset(); }

    void seriesOfPoints()
    {
        server::MetricsPoint a;
        a.time = kFrom;
        a.count = 3;
        a.tokensIn = 300;
        a.tokensOut = 900;
        a.costMicros = 2400;
        a.revenueMicros = 9000;
        server::MetricsPoint none; // a step without requests
        none.time = kFrom + 2;
        server::MetricsPoint b = a;
        b.time = kFrom + 4;
        b.tokensIn = 0;
        b.tokensOut = 4000;
        b.costMicros = 1000;
        b.revenueMicros = 500; // sold below cost
        const std::vector<server::MetricsPoint> points { a, none, b };

        QVERIFY(TokenSeries::hasTokens(points));
        QVERIFY(!TokenSeries::hasTokens({ none }));
        QCOMPARE(TokenSeries::tokens(a), std::uint64_t(1200));

        // Two-second steps: tokens per second halve; every step is drawn.
        const QList<QPointF> rate = TokenSeries::rate(points, 2);
        QCOMPARE(rate.size(), 3);
        QCOMPARE(rate[0], QPointF(double(kFrom) * 1000.0, 600.0));
        QCOMPARE(rate[1].y(), 0.0);
        QCOMPARE(rate[2].y(), 2000.0);

        // 2,400 µ$ for 1,200 tokens: $0.002 per 1,000; no tokens, no price.
        QCOMPARE(TokenSeries::per1kUsd(a, TokenSeries::Money::Cost), 0.002);
        QCOMPARE(TokenSeries::per1kUsd(a, TokenSeries::Money::Revenue), 0.0075);
        QCOMPARE(TokenSeries::per1kUsd(a, TokenSeries::Money::Margin), 0.0055);
        QVERIFY(std::isnan(TokenSeries::per1kUsd(none, TokenSeries::Money::Cost)));
        QCOMPARE(TokenSeries::per1kUsd(b, TokenSeries::Money::Margin), -0.000125);
        const QList<QPointF> cost = TokenSeries::per1k(points, TokenSeries::Money::Cost);
        QCOMPARE(cost.size(), 2);
        QCOMPARE(cost[0], QPointF(double(kFrom) * 1000.0, 0.002));
        QCOMPARE(cost[1], QPointF(double(kFrom + 4) * 1000.0, 0.00025));
    }

    void chartsShowOnlyWithTokens()
    {
        WorkspaceDocument doc;
        QString error;
        QVERIFY2(doc.open(m_dir->path(), &error), qPrintable(error));
        MetricsSeriesModel series;
        MetricsCharts charts(&series, &doc);
        auto* card = new QLabel(QStringLiteral("card"));
        charts.addCard(card);
        charts.resize(1500, 800);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        auto* rateChart = test::child<TimeChart>(&charts, "tokenRateChart");
        auto* moneyChart = test::child<TimeChart>(&charts, "tokenMoneyChart");
        QVERIFY(rateChart && moneyChart);

        // Requests only: no token charts, no empty panels.
        const server::MetricsView plain = tokenView(false);
        series.setView(plain);
        charts.updateDetailCharts(plain);
        QVERIFY(!charts.showsTokenCharts());
        QVERIFY(!rateChart->isVisible() && !moneyChart->isVisible());
        QCOMPARE(cardRowSpan(&charts, card), 1);

        const server::MetricsView view = tokenView(true);
        series.setView(view);
        charts.updateDetailCharts(view);
        QVERIFY(charts.showsTokenCharts());
        QVERIFY(rateChart->isVisible() && moneyChart->isVisible());
        QCOMPARE(cardRowSpan(&charts, card), 2);
        QCOMPARE(rateChart->chart()->title(), QStringLiteral("Tokens per second by tier"));
        QCOMPARE(
            moneyChart->chart()->title(), QStringLiteral("Cost per 1,000 tokens by tier (USD)"));

        // Only pro counted tokens: its line and all tiers', no flat ones.
        const QHash<QString, QLineSeries*> rates = visibleLines(rateChart);
        QCOMPARE(rates.size(), 2);
        QLineSeries* pro = rates.value(QStringLiteral("Pro"));
        QLineSeries* all = rates.value(QStringLiteral("all tiers"));
        QVERIFY(pro && all);
        QCOMPARE(pro->count(), kSteps);
        QCOMPARE(pro->at(0).y(), 0.0);
        for (int s : { kFirstTokens, 30, kSteps - 1 }) {
            QCOMPARE(pro->at(s).x(), double(kFrom + s) * 1000.0);
            QCOMPARE(pro->at(s).y(), 500.0 + 30.0 * s);
            QCOMPARE(all->at(s).y(), 500.0 + 30.0 * s);
        }

        // Per 1,000 tokens only where there were tokens. Pro: 1,000 µ$ for
        // 800 tokens at second 10. All tiers: every request's cost (1,800 µ$)
        // over the same tokens.
        const QHash<QString, QLineSeries*> money = visibleLines(moneyChart);
        QCOMPARE(money.size(), 2);
        pro = money.value(QStringLiteral("Pro"));
        all = money.value(QStringLiteral("all tiers"));
        QVERIFY(pro && all);
        QCOMPARE(pro->count(), kSteps - kFirstTokens);
        QCOMPARE(pro->at(0).x(), double(kFrom + kFirstTokens) * 1000.0);
        QCOMPARE(pro->at(0).y(), 0.00125);
        QCOMPARE(all->at(0).y(), 0.00225);

        charts.setTokenMoney(TokenSeries::Money::Revenue);
        charts.updateTokenCharts(view);
        QCOMPARE(
            moneyChart->chart()->title(), QStringLiteral("Revenue per 1,000 tokens by tier (USD)"));
        QCOMPARE(pro->at(0).y(), 0.00625);

        // The picker says what was picked; the panel redraws.
        auto* picker = test::child<QComboBox>(&charts, "tokenMoneyCombo");
        QVERIFY(picker);
        QCOMPARE(picker->currentData().toInt(), int(TokenSeries::Money::Revenue));
        TokenSeries::Money chosen = TokenSeries::Money::Revenue;
        connect(&charts, &MetricsCharts::tokenMoneyChosen, &charts,
            [&chosen](TokenSeries::Money money) { chosen = money; });
        picker->setCurrentIndex(picker->findData(int(TokenSeries::Money::Margin)));
        Q_EMIT picker->activated(picker->currentIndex());
        QCOMPARE(chosen, TokenSeries::Money::Margin);

        // The tokens gone from the window: the row goes, the card shrinks back.
        series.setView(plain);
        charts.updateDetailCharts(plain);
        QVERIFY(!rateChart->isVisible() && !moneyChart->isVisible());
        QCOMPARE(cardRowSpan(&charts, card), 1);
    }

    void thePanelRedrawsOnThePicker()
    {
        std::unique_ptr<LocalEngine> engine;
        std::unique_ptr<MainWindow> window;
        test::makeWindow(engine, window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->openWorkspace(m_dir->path()));
        window->showPage(MainWindow::MetricsPage);
        MetricsPanel* panel = window->metricsPanel();
        panel->setAutoRefresh(false);
        panel->applyView(tokenView(true));
        // Whatever was being computed when polling stopped stays away.
        QCoreApplication::processEvents();
        auto* moneyChart = test::child<TimeChart>(panel, "tokenMoneyChart");
        QVERIFY(moneyChart && moneyChart->isVisible());
        QLineSeries* pro = visibleLines(moneyChart).value(QStringLiteral("Pro"));
        QVERIFY(pro);
        QCOMPARE(pro->at(0).y(), 0.00125);

        auto* picker = test::child<QComboBox>(panel, "tokenMoneyCombo");
        picker->setCurrentIndex(picker->findData(int(TokenSeries::Money::Margin)));
        Q_EMIT picker->activated(picker->currentIndex());
        // (5,000 − 1,000) µ$ for 800 tokens.
        QCOMPARE(pro->at(0).y(), 0.005);
        QVERIFY(moneyChart->chart()->title().startsWith(QStringLiteral("Margin per 1,000")));

        panel->applyView(tokenView(false));
        QVERIFY(!moneyChart->isVisible());
        window.reset();
        engine.reset();
    }

    void aShortLatencyChartKeepsItsLabels()
    {
        // Five decades on a chart as short as the token row leaves them:
        // a label per decade would be cut to "..." by Qt Charts.
        TimeChart chart(nullptr, TimeChart::Logarithmic);
        chart.addLine(QStringLiteral("p50"), Qt::red);
        chart.setTitle(QStringLiteral("Latency (ms, log scale)"));
        chart.resize(450, 170);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.fitValues(0.02, 300);
        auto* axis = qobject_cast<QLogValueAxis*>(chart.valueAxis());
        QVERIFY(axis);
        QTRY_COMPARE(axis->base(), 100.0);
        // With room, every decade again.
        chart.resize(450, 400);
        QTRY_COMPARE(axis->base(), 10.0);
        // And a narrow range needs no thinning however short the chart.
        chart.resize(450, 170);
        chart.fitValues(0.5, 8);
        QTRY_COMPARE(axis->base(), 10.0);
    }
};

QTEST_MAIN(TestMetricsTokens)
#include "tst_metricstokens.moc"
