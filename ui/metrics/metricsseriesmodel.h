#pragma once

#include "server/metering/metricsview.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace tollgate::ui {

/// The time series of a metrics window, one row per step: requests, rate,
/// latency percentiles, error rates and money per request. The charts and
/// the CSV export read the raw numbers (value() or ValueRole); the display
/// role is for people.
class MetricsSeriesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsSeriesModel)

public:
    enum Column {
        TimeColumn,
        RequestsColumn,
        RateColumn, ///< requests per second
        P50Column, ///< ms
        P95Column,
        P99Column,
        ClientErrorColumn, ///< 4xx in % of the step's requests
        ServerErrorColumn, ///< 5xx in %
        CostColumn, ///< micro-dollars per request
        RevenueColumn,
        MarginColumn,
        ColumnCount
    };
    enum Role {
        /// Raw numbers: time as qint64 unix seconds, requests as qint64, the
        /// rest as double (ms, %, µ$ per request). Null where a step had no
        /// requests and the value is undefined (latency, rates, money).
        ValueRole = Qt::UserRole + 1,
    };

    explicit MetricsSeriesModel(QObject* parent = nullptr);

    /// Takes the series of view. Same times as before (a refresh of the same
    /// window): values change in place; otherwise the model is reset.
    void setView(const server::MetricsView& view);
    void clear();

    std::int64_t step() const { return m_step; }
    const std::vector<server::MetricsPoint>& points() const { return m_points; }
    /// The raw value of a cell as a double (time in unix seconds); NaN where
    /// undefined. Cheap: what the charts call per point.
    double value(int row, int column) const;
    /// Requests over every row.
    std::uint64_t totalRequests() const;

    /// The rows as CSV with a header line; times in UTC (ISO 8601), latency
    /// in ms, rates in %, money in USD per request.
    QString toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<server::MetricsPoint> m_points;
    std::int64_t m_step = 1;
};

} // namespace tollgate::ui
