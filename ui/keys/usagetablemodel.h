#pragma once

#include "server/access/usage.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// One key's usage, a row per month (newest first): requests, rejected,
/// billable, overage, input and output tokens, revenue, cost and margin.
class UsageTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageTableModel)

public:
    enum Column {
        MonthColumn,
        RequestsColumn,
        RejectedColumn,
        BillableColumn,
        OverageColumn,
        TokensInColumn,
        TokensOutColumn,
        RevenueColumn,
        CostColumn,
        MarginColumn,
        ColumnCount
    };
    enum Role {
        /// qint64 counts and micro-dollars, the month as text.
        ValueRole = Qt::UserRole + 1,
    };

    explicit UsageTableModel(QObject* parent = nullptr);

    /// Keeps the rows of keyId out of usage (every key, every month).
    void setUsage(const QString& keyId, const std::vector<server::KeyUsage>& usage);
    const std::vector<server::KeyUsage>& rows() const { return m_rows; }
    /// The row of month ("2026-11"), or -1.
    int rowOfMonth(const QString& month) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<server::KeyUsage> m_rows;
};

} // namespace tollgate::ui
