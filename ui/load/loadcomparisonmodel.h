#pragma once

#include "server/load/loadplan.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// Two load runs side by side: the settings that differ, then each measure
/// (throughput, latency percentiles, status classes, errors, per tier and
/// per route) with both values and the change from A to B in per cent,
/// coloured by whether it is better or worse.
class LoadComparisonModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadComparisonModel)

public:
    enum Column { MeasureColumn, AColumn, BColumn, ChangeColumn, ColumnCount };
    enum Role {
        /// Change from A to B in per cent (double; NaN when there is none).
        ChangeRole = Qt::UserRole + 1,
        /// The numbers behind A and B (double; NaN for settings).
        ValueRole,
        /// True for section titles ("Settings that differ", "Per tier").
        SectionRole,
    };
    /// Which way is better for a measure.
    enum Direction { Neutral, HigherIsBetter, LowerIsBetter };

    struct Row {
        QString label;
        QString a;
        QString b;
        double valueA = 0;
        double valueB = 0;
        bool numeric = false;
        bool section = false;
        Direction direction = Neutral;
    };

    explicit LoadComparisonModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Compares a (the baseline) with b. tierNames maps tier ids to the
    /// names shown.
    void compare(const server::LoadReport& a, const server::LoadReport& b,
        const QHash<QString, QString>& tierNames = {});
    void clear();
    bool isEmpty() const { return m_rows.empty(); }

    const std::vector<Row>& rows() const { return m_rows; }
    /// Row of a label ("p99", "Throughput"), -1 when absent.
    int rowOfLabel(const QString& label) const;
    /// (b − a) / a in per cent; NaN when a is 0 (or the row is not a number).
    static double change(double a, double b);
    /// "+12.5 %", "−3.0 %", "±0 %"; "–" for NaN.
    static QString changeText(double percent);

private:
    std::vector<Row> m_rows;
    QString m_headerA;
    QString m_headerB;
};

} // namespace tollgate::ui
