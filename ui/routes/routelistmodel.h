#pragma once

#include <QAbstractTableModel>

namespace tollgate::ui {

class WorkspaceDocument;

/// The workspace's routes as a table: method, path, enabled (checkable).
/// Edits go through the document's undo stack.
class RouteListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteListModel)

public:
    enum Column { MethodColumn, PathColumn, EnabledColumn, ColumnCount };
    enum Role {
        /// bool in every column, so delegates can dim disabled routes.
        EnabledRole = Qt::UserRole + 1,
        /// "GET /v1/users" for the filter proxy.
        FilterRole,
    };

    explicit RouteListModel(WorkspaceDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    WorkspaceDocument* m_document;
};

} // namespace tollgate::ui
