#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>

namespace tollgate::ui {

/// The variables of one environment, editable (name, value). setVariables()
/// resets; user edits emit variablesEdited().
class EnvironmentModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit EnvironmentModel(QObject* parent = nullptr);

    void setVariables(const std::vector<std::pair<std::string, std::string>>& variables);
    const std::vector<std::pair<std::string, std::string>>& variables() const { return m_vars; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    void variablesEdited();

private:
    std::vector<std::pair<std::string, std::string>> m_vars;
};

} // namespace tollgate::ui
