#pragma once

#include "ui/engine/enginefacade.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// One row per route with upstream calls: its breaker now, requests,
/// attempts per request, retries and how they ended, upstream errors and
/// the upstream's share of the latency, counted since Tollgate started (the
/// engine keeps these as totals, not per second). Rows change in place, like
/// RouteMetricsModel's; sort through SortRole.
class UpstreamMetricsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamMetricsModel)

public:
    enum Column {
        RouteColumn,
        BreakerColumn,
        RequestsColumn,
        AttemptsColumn, ///< attempts per request
        RetriedColumn, ///< requests that took more than one attempt
        RetrySuccessColumn, ///< of those, answered below 500, in %
        ErrorsColumn, ///< requests the upstream gave no answer to
        P50Column, ///< upstream time, ms
        P95Column,
        ColumnCount
    };
    enum Role {
        /// Raw values: text for the route and breaker, qint64 counts, double
        /// otherwise (one below every real value where undefined).
        SortRole = Qt::UserRole + 1,
    };

    explicit UpstreamMetricsModel(QObject* parent = nullptr);

    /// Keeps the routes with upstream requests.
    void setFigures(const std::vector<UpstreamFigures>& figures);
    const std::vector<UpstreamFigures>& figures() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<UpstreamFigures> m_rows;
};

} // namespace tollgate::ui
