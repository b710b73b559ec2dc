#include "ui/metrics/metricstables.h"

#include "ui/common/widgetfactory.h"
#include "ui/metrics/keyburnmodel.h"
#include "ui/metrics/routemetricsmodel.h"
#include "ui/widgets/usagebardelegate.h"

#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

QTableView* makeTable(const char* name, QAbstractItemModel* model, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setCornerButtonEnabled(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setMinimumSectionSize(36);
    return view;
}

// Wide enough for the column's title and for sample.
void fitColumn(QTableView* view, const QAbstractItemModel* model, int column, const QString& sample)
{
    const QFontMetrics fm = view->fontMetrics();
    view->horizontalHeader()->resizeSection(column,
        std::max(fm.horizontalAdvance(model->headerData(column, Qt::Horizontal).toString()) + 24,
            fm.horizontalAdvance(sample) + 14));
}

} // namespace

QWidget* MetricsTables::keyBurnCard(
    QAbstractItemModel* proxy, const KeyBurnModel* model, QWidget* parent)
{
    QTableView* view = makeTable("metricsKeyView", proxy, parent);
    view->setFrameShape(QFrame::NoFrame);
    view->sortByColumn(KeyBurnModel::BurnRateColumn, Qt::DescendingOrder);
    view->setItemDelegateForColumn(KeyBurnModel::MonthColumn,
        new UsageBarDelegate(KeyBurnModel::UsedRole, KeyBurnModel::QuotaRole, view));
    fitColumn(view, model, KeyBurnModel::TierColumn, QStringLiteral("Enterprise"));
    fitColumn(view, model, KeyBurnModel::RequestsColumn, QStringLiteral("10,000"));
    fitColumn(view, model, KeyBurnModel::BurnRateColumn, QStringLiteral("100.0"));
    fitColumn(view, model, KeyBurnModel::MonthColumn, QStringLiteral("10,000 / 100,000"));
    // The model's own words, so the column fits them in every language.
    fitColumn(view, model, KeyBurnModel::TimeLeftColumn, KeyBurnModel::tr("lasts the month"));
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
    QAbstractItemModel* proxy, const RouteMetricsModel* model, QWidget* parent)
{
    QTableView* view = makeTable("metricsRouteView", proxy, parent);
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
        fitColumn(view, model, c, sample);
    }
    view->horizontalHeader()->setSectionResizeMode(
        RouteMetricsModel::RouteColumn, QHeaderView::Stretch);
    return view;
}

QWidget* MetricsTables::routeBox(QTableView* table, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(10, 4, 10, 6);
    layout->setSpacing(4);
    layout->addWidget(titleLabel(tr("Routes"), box));
    layout->addWidget(table, 1);
    box->setMinimumHeight(120);
    return box;
}

} // namespace tollgate::ui
