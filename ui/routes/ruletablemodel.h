#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace tollgate::ui {

/// A route's ordered rules (first match wins). Like HeaderTableModel it keeps
/// its own copy; user edits emit rulesEdited().
class RuleTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleTableModel)

public:
    enum Column {
        SourceColumn,
        KeyColumn,
        OperatorColumn,
        ValueColumn,
        ResponseColumn,
        ColumnCount
    };
    enum Role {
        /// QStringList of the choices of a combo column; EditRole is then the
        /// chosen index.
        ChoicesRole = Qt::UserRole + 1,
    };

    explicit RuleTableModel(QObject* parent = nullptr);

    void setRules(const std::vector<server::Rule>& rules);
    const std::vector<server::Rule>& rules() const { return m_rules; }
    /// Names of the route's responses, for the target column.
    void setResponseLabels(const QStringList& labels);

    static QStringList sourceNames();
    static QStringList operatorNames();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
        const QModelIndex& destinationParent, int destinationChild) override;

Q_SIGNALS:
    void rulesEdited();

private:
    std::vector<server::Rule> m_rules;
    QStringList m_responseLabels;
};

} // namespace tollgate::ui
