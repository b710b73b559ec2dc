#pragma once

#include <QCoreApplication>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace tollgate::ui {


/// The Metrics page's two tables, built alike: read-only, sortable, one row
/// selected at a time, busiest rows first. Column widths are fixed up front:
/// sizing to contents would measure every cell on each refresh.
class MetricsTables {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::MetricsTables)

public:
    /// The quota burn per key (a proxy over a KeyBurnModel) in a card like the charts
    /// around it.
    static QWidget* keyBurnCard(
        QAbstractItemModel* proxy, QWidget* parent);
    /// The per-route table (a proxy over a RouteMetricsModel).
    static QTableView* routeTable(
        QAbstractItemModel* proxy, QWidget* parent);
    /// The route table under its title.
    static QWidget* routeBox(QTableView* table, QWidget* parent);
    /// The upstream calls per route (a proxy over an UpstreamMetricsModel)
    /// under its title, in a box of its own.
    static QTableView* upstreamTable(QAbstractItemModel* proxy, QWidget* parent);
    static QWidget* upstreamBox(QTableView* table, QWidget* parent);

private:
    static QWidget* titledBox(const QString& title, QTableView* table, QWidget* parent);
};

} // namespace tollgate::ui
