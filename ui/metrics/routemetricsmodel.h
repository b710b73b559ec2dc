#pragma once

#include "server/metering/metricsview.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// One row per route seen in a metrics window: requests, rate, latency
/// percentiles, error rates and money per request. Refreshes change rows in
/// place (new routes are inserted, gone ones removed), so a view's selection
/// and a proxy's sort survive the 4 Hz update. Sort through SortRole.
class RouteMetricsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteMetricsModel)

public:
    enum Column {
        RouteColumn,
        CountColumn,
        RateColumn, ///< requests per second over the window
        P50Column, ///< ms
        P95Column,
        P99Column,
        ClientErrorColumn, ///< 4xx in %
        ServerErrorColumn, ///< 5xx in %
        CostColumn, ///< average cost per request (µ$)
        RevenueColumn, ///< average revenue per request (µ$)
        MarginColumn, ///< average margin per request (µ$)
        ColumnCount
    };
    enum Role {
        /// Raw values: the route name as text, the count as qint64, the rest
        /// as double (req/s, ms, %, µ$ per request); where a value is
        /// undefined (no requests) one below every real value.
        SortRole = Qt::UserRole + 1,
        /// The route's name as the engine reports it ("GET /users/{id}"),
        /// in every column: what the route filter takes.
        RouteNameRole,
    };

    explicit RouteMetricsModel(QObject* parent = nullptr);

    /// windowSeconds: the length of the window, for the rate.
    void setRoutes(const std::vector<server::RouteSummary>& routes, double windowSeconds);
    void clear();

    const std::vector<server::RouteSummary>& routes() const { return m_rows; }
    double windowSeconds() const { return m_window; }
    /// The row of a route by its engine name, or -1.
    int rowOfRoute(const QString& name) const;
    /// The raw value of a cell (NaN where undefined).
    double value(int row, int column) const;

    /// The rows as CSV with a header line (latency in ms, rates in %, money
    /// in USD per request).
    QString toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<server::RouteSummary> m_rows;
    double m_window = 1.0;
};

} // namespace tollgate::ui
