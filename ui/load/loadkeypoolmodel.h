#pragma once

#include "server/load/loadplan.h"
#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace tollgate::ui {

/// The key pool of the Load page: the workspace's active keys whose secret
/// this app holds (only those can be sent), each with its tier and a
/// weight, plus a last row for requests without a key. Checks and weights
/// survive refreshes (keys created, revoked, secrets found in the keychain).
class LoadKeyPoolModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadKeyPoolModel)

public:
    enum Column { KeyColumn, TierColumn, WeightColumn, ShareColumn, ColumnCount };
    enum Role {
        /// The key id (empty for the no-key row).
        KeyIdRole = Qt::UserRole + 1,
        ValueRole, ///< Weight and Share as double
    };

    struct Row {
        bool enabled = true;
        bool anonymous = false; ///< the "no key" row
        QString keyId;
        QString label; ///< label, else the key's prefix
        QString tierId;
        QString tierName;
        double weight = 1;
    };

    /// What the user chose for one row, kept across refreshes and runs.
    struct Choice {
        bool enabled = true;
        double weight = 1;
        bool operator==(const Choice&) const = default;
    };

    explicit LoadKeyPoolModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Rebuilds the rows from the workspace: active keys for which
    /// knowsSecret(id) holds, ordered by tier (as the workspace orders
    /// tiers) then label; the no-key row last.
    void refresh(const std::vector<server::ApiKey>& keys, const std::vector<server::Tier>& tiers,
        const std::function<bool(const QString&)>& knowsSecret, std::int64_t now);

    const std::vector<Row>& rows() const { return m_rows; }
    /// Row of a key id, -1 when it is not in the pool; the no-key row is
    /// anonymousRow().
    int rowOfKey(const QString& keyId) const;
    int anonymousRow() const;

    void setChoice(const QString& keyId, const Choice& choice);
    /// The no-key row's check and weight.
    void setAnonymousChoice(const Choice& choice) { setChoice(QString(), choice); }
    /// Choices by key id ("" for the no-key row), of the rows shown and of
    /// keys seen before that are gone for now.
    QHash<QString, Choice> choices() const;
    void setChoices(const QHash<QString, Choice>& choices);

    /// The LoadSettings::keys of a run: checked rows with a weight above 0,
    /// each with its secret. The no-key row becomes a key with an empty
    /// secret under the tier "(no key)". Empty when only the no-key row is
    /// checked (the runner then sends no key at all).
    std::vector<server::LoadKey> poolKeys(
        const std::function<QString(const QString&)>& secretOf) const;
    /// Share of requests (0..1) a row gets.
    double share(int row) const;
    /// Tier ids that have at least one key in the pool.
    QStringList tiersInPool() const;

    /// Tier name runs use for requests without a key.
    static QString noKeyTier() { return QStringLiteral("(no key)"); }

Q_SIGNALS:
    void poolChanged();

private:
    void emitShares();

    std::vector<Row> m_rows;
    /// Choices of every key seen, so a key that leaves the pool for a while
    /// (its secret still loading) comes back as it was.
    QHash<QString, Choice> m_choices;
};

} // namespace tollgate::ui
