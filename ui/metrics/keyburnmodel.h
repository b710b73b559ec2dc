#pragma once

#include "server/access/usage.h"
#include "server/metering/metricsview.h"
#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <vector>

namespace tollgate::ui {

/// Quota burn per key: the keys that made requests in a metrics window, how
/// fast they spend their monthly quota (requests in the window per second)
/// and, at that rate, when the quota runs out. This month's usage comes
/// from the engine's usage ledger, the quota from the key's tier. Rows are
/// updated in place so a selection survives the 4 Hz refresh.
class KeyBurnModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyBurnModel)

public:
    enum Column {
        KeyColumn,
        TierColumn,
        RequestsColumn, ///< requests in the window
        BurnRateColumn, ///< requests per second over the window
        MonthColumn, ///< requests this month against the quota
        TimeLeftColumn, ///< until the quota is used up at the current rate
        ColumnCount
    };
    enum Role {
        /// Raw values: text for key and tier, qint64 counts, double req/s,
        /// and seconds left as double (+infinity when the quota is never
        /// used up this month or there is none).
        SortRole = Qt::UserRole + 1,
        /// Requests this month (qint64), every column (UsageBarDelegate).
        UsedRole,
        /// The tier's monthly quota (qint64, 0 = none), every column.
        QuotaRole,
        /// The key's id, every column.
        KeyIdRole,
    };

    /// What the time-left column says.
    enum class Outlook {
        NoQuota, ///< the tier has no monthly quota
        UsedUp, ///< this month's quota is spent
        Idle, ///< no requests in the window: nothing burns
        LastsTheMonth, ///< at this rate the month ends first
        RunsOut, ///< runs out after secondsLeft
    };

    struct Row {
        std::string keyId;
        QString label; ///< the key's label, else its prefix
        std::string tierId;
        QString tierName;
        std::uint64_t requests = 0; ///< in the window
        double rate = 0; ///< requests per second over the window
        std::uint64_t used = 0; ///< this month
        std::int64_t quota = 0; ///< per month, 0 = none
        server::OverQuotaPolicy overQuota = server::OverQuotaPolicy::Block;
        Outlook outlook = Outlook::Idle;
        double secondsLeft = 0; ///< RunsOut and LastsTheMonth: at this rate
        bool operator==(const Row&) const = default;
    };

    explicit KeyBurnModel(QObject* parent = nullptr);

    /// keys: per-key totals of the window (view.keys); windowSeconds: its
    /// length; usage: every key's usage by month (ServerController::usage());
    /// tiers and apiKeys from the workspace; now: unix seconds, picks the
    /// month and its end.
    void update(const std::vector<server::KeySummary>& keys, double windowSeconds,
        const std::vector<server::KeyUsage>& usage, const std::vector<server::Tier>& tiers,
        const std::vector<server::ApiKey>& apiKeys, std::int64_t now);
    void clear();

    const std::vector<Row>& rows() const { return m_rows; }
    /// The row of a key by id, or -1.
    int rowOfKey(const QString& keyId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString outlookText(const Row& row) const;

    std::vector<Row> m_rows;
};

} // namespace tollgate::ui
