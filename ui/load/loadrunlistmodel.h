#pragma once

#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// The saved load runs of a workspace (LoadRunStore::list), newest first:
/// when, where to, how, and the headline numbers.
class LoadRunListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunListModel)

public:
    enum Column {
        StartedColumn,
        TargetColumn,
        PlanColumn,
        RequestsColumn,
        ThroughputColumn,
        P50Column,
        P99Column,
        ErrorsColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the run's id (file stem)
        SortRole,
    };

    explicit LoadRunListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRuns(const std::vector<server::LoadRunInfo>& runs);
    const std::vector<server::LoadRunInfo>& runs() const { return m_runs; }
    int rowOfId(const QString& id) const;
    QString idAt(int row) const;

    /// "2026-11-27 14:05:31" in local time from the ISO 8601 UTC stamp.
    static QString startedText(const std::string& iso);
    /// "closed · 16 connections", "open · 300 req/s".
    static QString planText(server::LoadModel model, int connections, double rate);

private:
    std::vector<server::LoadRunInfo> m_runs;
};

} // namespace tollgate::ui
