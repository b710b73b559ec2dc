#include "ui/metrics/metricstables.h"

#include "ui/common/widgetfactory.h"
#include "ui/metrics/keyburnmodel.h"
#include "ui/metrics/routemetricsmodel.h"
#include "ui/metrics/upstreammetricsmodel.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/usagebardelegate.h"

#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

QWidget* MetricsTables::keyBurnCard(
    QAbstractItemModel* proxy, QWidget* parent)
{
    QTableView* view = makeReadOnlyTable("metricsKeyView", proxy, parent);
    view->setSortingEnabled(true);
    view->setFrameShape(QFrame::NoFrame);
    view->sortByColumn(KeyBurnModel::BurnRateColumn, Qt::DescendingOrder);
    view->setItemDelegateForColumn(KeyBurnModel::MonthColumn,
        new UsageBarDelegate(KeyBurnModel::UsedRole, KeyBurnModel::QuotaRole, view));
    fitColumn(view, KeyBurnModel::TierColumn, QStringLiteral("Enterprise"));
    fitColumn(view, KeyBurnModel::RequestsColumn, QStringLiteral("10,000"));
    fitColumn(view, KeyBurnModel::BurnRateColumn, QStringLiteral("100.0"));
    fitColumn(view, KeyBurnModel::MonthColumn, QStringLiteral("10,000 / 100,000"));
    // The model's own words, so the column fits them in every language.
    fitColumn(view, KeyBurnModel::TimeLeftColumn, KeyBurnModel::tr("lasts the month"));
    view->horizontalHeader()->setSectionResizeMode(KeyBurnModel::KeyColumn, QHeaderView::Stretch);
    // Narrow card: the rate says what the count would.
    view->setColumnHidden(KeyBurnModel::RequestsColumn, true);

    // A card like the charts around it: title on the chart background.
    auto* card = new QFrame(parent);
    card->setObjectName(QStringLiteral("keyBurnCard"));
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);
    card->setFrameShape(QFrame::StyledPanel);
    QLabel* title = titleLabel(tr("Quota burn per key"), card);
    title->setAlignment(Qt::AlignCenter);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(title);
    layout->addWidget(view, 1);
    return card;
}

QTableView* MetricsTables::routeTable(
    QAbstractItemModel* proxy, QWidget* parent)
{
    QTableView* view = makeReadOnlyTable("metricsRouteView", proxy, parent);
    view->setSortingEnabled(true);
    view->sortByColumn(RouteMetricsModel::CountColumn, Qt::DescendingOrder);
    for (int c = 1; c < RouteMetricsModel::ColumnCount; ++c) {
        QString sample = QStringLiteral("$0.000000");
        if (c == RouteMetricsModel::CountColumn)
            sample = QStringLiteral("1,000,000");
        else if (c == RouteMetricsModel::RateColumn)
            sample = QStringLiteral("10,000");
        else if (c >= RouteMetricsModel::P50Column && c <= RouteMetricsModel::P99Column)
            sample = QStringLiteral("1,000 ms");
        else if (c == RouteMetricsModel::ClientErrorColumn
            || c == RouteMetricsModel::ServerErrorColumn)
            sample = QStringLiteral("100.0 %");
        fitColumn(view, c, sample);
    }
    view->horizontalHeader()->setSectionResizeMode(
        RouteMetricsModel::RouteColumn, QHeaderView::Stretch);
    return view;
}

QWidget* MetricsTables::routeBox(QTableView* table, QWidget* parent)
{
    return titledBox(tr("Routes"), table, parent);
}

QTableView* MetricsTables::upstreamTable(QAbstractItemModel* proxy, QWidget* parent)
{
    QTableView* view = makeReadOnlyTable("metricsUpstreamView", proxy, parent);
    view->setSortingEnabled(true);
    view->sortByColumn(UpstreamMetricsModel::RequestsColumn, Qt::DescendingOrder);
    fitColumn(
        view, UpstreamMetricsModel::BreakerColumn, QStringLiteral("Open, probes again in 30 s"));
    fitColumn(view, UpstreamMetricsModel::RequestsColumn, QStringLiteral("1,000,000"));
    fitColumn(view, UpstreamMetricsModel::AttemptsColumn, QStringLiteral("10.00"));
    fitColumn(view, UpstreamMetricsModel::RetriedColumn, QStringLiteral("1,000,000"));
    fitColumn(view, UpstreamMetricsModel::RetrySuccessColumn, QStringLiteral("100.0 %"));
    fitColumn(view, UpstreamMetricsModel::ErrorsColumn, QStringLiteral("1,000,000"));
    fitColumn(view, UpstreamMetricsModel::P50Column, QStringLiteral("1,000 ms"));
    fitColumn(view, UpstreamMetricsModel::P95Column, QStringLiteral("1,000 ms"));
    view->horizontalHeader()->setSectionResizeMode(
        UpstreamMetricsModel::RouteColumn, QHeaderView::Stretch);
    return view;
}

QWidget* MetricsTables::upstreamBox(QTableView* table, QWidget* parent)
{
    QWidget* box = titledBox(tr("Upstream calls since Tollgate started"), table, parent);
    box->setObjectName(QStringLiteral("metricsUpstreamBox"));
    box->setMinimumHeight(90);
    return box;
}

QWidget* MetricsTables::titledBox(const QString& title, QTableView* table, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(10, 4, 10, 6);
    layout->setSpacing(4);
    layout->addWidget(titleLabel(title, box));
    layout->addWidget(table, 1);
    box->setMinimumHeight(120);
    return box;
}

} // namespace tollgate::ui
