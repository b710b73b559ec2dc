#pragma once

#include "server/composer/history.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// The composer's history, newest first, read-only. Filter it with a
/// QSortFilterProxyModel on SearchRole (method, URL, status, error in one string).
class HistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column {
        TimeColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        DurationColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role { SearchRole = Qt::UserRole + 1 };

    explicit HistoryModel(QObject* parent = nullptr);

    /// Entries oldest first, as HistoryLog::load returns them.
    void setEntries(std::vector<server::HistoryEntry> entries);
    /// A new entry, shown on top.
    void add(server::HistoryEntry entry);
    void clear();
    /// The entry shown at this row.
    const server::HistoryEntry& entry(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<server::HistoryEntry> m_entries; // oldest first; row 0 = back()
};

} // namespace tollgate::ui
