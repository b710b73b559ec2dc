#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace tollgate::ui {

/// The header changes an upstream route makes (set, add, remove), in order.
/// Like RuleTableModel it keeps its own copy: user edits emit headersEdited(),
/// and an edit the file format would refuse (a name that is no header name,
/// a line break in a value) is not taken: refused() says why, in the words
/// the workspace reader uses.
///
/// A header whose value is a secret names the secret (the Secret column);
/// its value is then kept by UpstreamSecrets, never here.
class UpstreamHeaderModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamHeaderModel)

public:
    enum Column { ActionColumn, NameColumn, ValueColumn, SecretColumn, ColumnCount };
    enum Role {
        /// QStringList of the actions; EditRole of ActionColumn is then the
        /// chosen index.
        ChoicesRole = Qt::UserRole + 1,
    };

    explicit UpstreamHeaderModel(QObject* parent = nullptr);

    void setHeaders(const std::vector<server::UpstreamHeader>& headers);
    const std::vector<server::UpstreamHeader>& headers() const { return m_headers; }

    static QStringList actionNames();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// New rows set a header of a name no other row uses ("X-Header"), so
    /// the route stays valid while the user names it.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    /// mergeKey names the cell edited ("2/1": row 2, the name), so typing
    /// in one cell is one undo step; empty for a row added or removed.
    void headersEdited(const QString& mergeKey);
    void refused(const QString& problem);

private:
    QString unusedName() const;

    std::vector<server::UpstreamHeader> m_headers;
};

} // namespace tollgate::ui
