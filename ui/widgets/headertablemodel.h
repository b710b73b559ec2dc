#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// The headers of one response, editable in place. It keeps its own copy:
/// setHeaders() loads it (a reset), user edits emit headersEdited() and the
/// owner writes the copy back to the document.
class HeaderTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeaderTableModel(QObject* parent = nullptr);

    void setHeaders(const std::vector<server::Header>& headers);
    const std::vector<server::Header>& headers() const { return m_headers; }
    /// A read-only table (the composer's response headers).
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

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
    /// The user changed the headers (not emitted by setHeaders).
    void headersEdited();

private:
    std::vector<server::Header> m_headers;
    bool m_readOnly = false;
};

} // namespace tollgate::ui
