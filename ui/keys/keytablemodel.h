#pragma once

#include "server/access/apikey.h"
#include "server/access/usage.h"

#include <QAbstractTableModel>
#include <QHash>

#include <cstdint>
#include <functional>
#include <vector>

namespace tollgate::ui {

class WorkspaceDocument;

/// The workspace's API keys (metadata only; a key's text is never here) with
/// their state and this month's usage against the tier's quota. Label, owner,
/// scopes and tier are editable through the document's undo stack.
class KeyTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyTableModel)

public:
    enum Column {
        LabelColumn,
        PrefixColumn,
        OwnerColumn,
        TierColumn,
        ScopesColumn,
        StateColumn,
        CreatedColumn,
        ExpiresColumn,
        UsageColumn,
        ColumnCount
    };
    enum Role {
        /// Raw values for sorting: times and counts as qint64, text otherwise.
        SortRole = Qt::UserRole + 1,
        /// QStringList of tier names for the tier column (ComboBoxDelegate).
        ChoicesRole,
        /// server::KeyState as int, in every column.
        StateRole,
        /// The key's tier id, in every column.
        TierRole,
        /// The key's id, in every column.
        KeyIdRole,
        /// Label, prefix, owner, scopes, tier and id in one string.
        FilterRole,
        /// Requests this month (qint64), usage column.
        UsedRole,
        /// The tier's monthly quota (qint64, 0 = none), usage column.
        QuotaRole,
    };

    explicit KeyTableModel(WorkspaceDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The usage of every key and month; the model keeps this month's.
    void setUsage(const std::vector<server::KeyUsage>& usage);
    /// The time states and "this month" are judged at (tests pin it).
    void setClock(std::function<std::int64_t()> now);
    std::int64_t now() const;
    /// Re-evaluates states and the month against the clock (keys expire
    /// while the window is open); emits dataChanged only for what changed.
    void refreshTime();

    const server::ApiKey* key(int row) const;
    /// The row of the key with this id, or -1.
    int rowOfKey(const QString& id) const;

Q_SIGNALS:
    /// An edit was refused; message says why.
    void validationFailed(const QString& message);

private:
    std::uint64_t usedThisMonth(const server::ApiKey& key) const;
    void emitColumnChanged(int first, int last);
    void rememberStates();

    WorkspaceDocument* m_document;
    std::function<std::int64_t()> m_now;
    /// Every month's usage as last polled.
    std::vector<server::KeyUsage> m_usage;
    /// Requests this month by key id.
    QHash<QString, std::uint64_t> m_used;
    QString m_month;
    std::vector<server::KeyState> m_states;
};

} // namespace tollgate::ui
