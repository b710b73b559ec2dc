#pragma once

#include "server/load/loadplan.h"

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace tollgate::server {
struct Threshold;
}

namespace tollgate::ui {

/// The thresholds of the Load page's next run ("p95<200ms", "errors<1%",
/// "margin>$0"), edited in place. Each is checked as it is typed against the
/// run it belongs to (the mix's routes, the key pool's tiers): a threshold
/// shows what it means in words, or why it cannot be checked, in the
/// parser's own sentence. Bad ones stay in the list until they are fixed or
/// removed; empty rows are left out of the run.
class LoadThresholdModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadThresholdModel)

public:
    enum Column { ThresholdColumn, MeaningColumn, ColumnCount };
    enum Role {
        /// The row's problem (QString), empty when it can be checked.
        ProblemRole = Qt::UserRole + 1,
    };

    explicit LoadThresholdModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Empty rows, to type a threshold into.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    /// The rows' texts as they are, empty ones included.
    QStringList texts() const;
    void setThresholds(const std::vector<std::string>& thresholds);
    /// What a run gets (LoadSettings::thresholds): the non-empty rows,
    /// trimmed, in order, bad ones included (the run refuses them).
    std::vector<std::string> thresholds() const;

    /// The run the thresholds are checked against (its mix, key pool and
    /// URL); checks every row again.
    void setRun(const server::LoadSettings& run);
    /// A row's problem, as the parser or thresholdProblems says it; empty
    /// when it can be checked (or is empty).
    QString problem(int row) const;
    /// Every row's problem, in order.
    QStringList problems() const;

    /// "p95 latency below 200 ms", "429 answers of tier free below 5 %":
    /// what a parsed threshold checks.
    static QString meaning(const server::Threshold& threshold);

Q_SIGNALS:
    /// A threshold was added, changed or removed (what a run would check).
    void thresholdsChanged();

private:
    struct Row {
        QString text;
        QString problem;
        QString meaning;
    };
    void check(Row& row) const;

    std::vector<Row> m_rows;
    server::LoadSettings m_run;
};

} // namespace tollgate::ui
