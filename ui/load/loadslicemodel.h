#pragma once

#include "server/load/loadplan.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// One breakdown of a finished load run (per tier or per route): requests,
/// share, throughput, latency percentiles, status classes and errors.
class LoadSliceModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadSliceModel)

public:
    enum Column {
        NameColumn,
        RequestsColumn,
        ShareColumn,
        ThroughputColumn,
        P50Column,
        P90Column,
        P99Column,
        MaxColumn,
        Success2xxColumn,
        Client4xxColumn,
        RateLimitedColumn, ///< 429s, part of 4xx
        Server5xxColumn,
        ErrorsColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit LoadSliceModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The first column's header ("Tier", "Route").
    void setNameHeader(const QString& header);
    /// Names shown instead of the slices' own (tier ids → tier names).
    void setDisplayNames(const QHash<QString, QString>& names);
    /// The slices of a run that measured for `seconds`.
    void setSlices(const std::vector<server::LoadSlice>& slices, double seconds);
    void clear();

    const std::vector<server::LoadSlice>& slices() const { return m_slices; }
    /// The number behind a cell (requests, %, req/s, ms); NaN when none.
    double value(int row, int column) const;
    int rowOfName(const QString& name) const;

private:
    std::vector<server::LoadSlice> m_slices;
    std::uint64_t m_total = 0;
    double m_seconds = 0;
    QString m_nameHeader;
    QHash<QString, QString> m_names;
};

} // namespace tollgate::ui
