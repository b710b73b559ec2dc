#include "ui/metrics/keyburnmodel.h"

#include "ui/common/metricsformat.h"
#include "ui/metrics/rowmerge.h"
#include "ui/common/convert.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tollgate::ui {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

} // namespace

KeyBurnModel::KeyBurnModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void KeyBurnModel::update(const std::vector<server::KeySummary>& keys, double windowSeconds,
    const std::vector<server::KeyUsage>& usage, const std::vector<server::Tier>& tiers,
    const std::vector<server::ApiKey>& apiKeys, std::int64_t now)
{
    const std::string month = server::usageMonth(now);
    const std::int64_t untilMonthEnd = std::max<std::int64_t>(0, server::monthEnd(now) - now);
    const double window = windowSeconds > 0 ? windowSeconds : 1.0;

    std::vector<Row> next;
    next.reserve(keys.size());
    for (const server::KeySummary& k : keys) {
        if (k.key.empty() || k.key == server::kNoneDimension)
            continue;
        Row row;
        row.keyId = k.key;
        row.tierId = k.tier;
        row.label = toQt(k.key);
        // The key's tier now (it may have moved since the requests were made).
        const auto key = std::find_if(
            apiKeys.begin(), apiKeys.end(), [&](const server::ApiKey& a) { return a.id == k.key; });
        if (key != apiKeys.end()) {
            if (!key->label.empty())
                row.label = toQt(key->label);
            else if (!key->prefix.empty())
                row.label = toQt(key->prefix) + QStringLiteral("…");
            if (!key->tier.empty())
                row.tierId = key->tier;
        }
        row.tierName = MetricsFormat::dimension(row.tierId, tr("No tier"));
        if (const server::Tier* tier = server::findTier(tiers, row.tierId)) {
            if (!tier->name.empty())
                row.tierName = toQt(tier->name);
            row.quota = tier->monthlyQuota;
            row.overQuota = tier->overQuota;
        }
        row.requests = k.count;
        row.rate = double(k.count) / window;
        for (const server::KeyUsage& u : usage) {
            if (u.keyId == k.key && u.month == month) {
                row.used = u.requests;
                break;
            }
        }
        if (row.quota <= 0) {
            row.outlook = Outlook::NoQuota;
        } else if (row.used >= std::uint64_t(row.quota)) {
            row.outlook = Outlook::UsedUp;
        } else if (row.rate <= 0) {
            row.outlook = Outlook::Idle;
        } else {
            row.secondsLeft = double(std::uint64_t(row.quota) - row.used) / row.rate;
            // The quota renews when the month ends: a slow burn never runs out.
            row.outlook = row.secondsLeft >= double(untilMonthEnd) ? Outlook::LastsTheMonth
                                                                   : Outlook::RunsOut;
        }
        next.push_back(std::move(row));
    }
    std::sort(
        next.begin(), next.end(), [](const Row& a, const Row& b) { return a.keyId < b.keyId; });

    RowSignals s;
    s.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    s.endRemove = [this] { endRemoveRows(); };
    s.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    s.endInsert = [this] { endInsertRows(); };
    s.changed = [this](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    mergeSortedRows(
        &m_rows, std::move(next), [](const Row& r) -> const std::string& { return r.keyId; },
        [](const Row& a, const Row& b) { return a == b; }, s);
}

void KeyBurnModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int KeyBurnModel::rowOfKey(const QString& keyId) const
{
    const std::string id = toStd(keyId);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].keyId == id)
            return int(i);
    }
    return -1;
}

int KeyBurnModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyBurnModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString KeyBurnModel::outlookText(const Row& row) const
{
    switch (row.outlook) {
    case Outlook::NoQuota:
        return tr("no quota");
    case Outlook::UsedUp:
        return row.overQuota == server::OverQuotaPolicy::Bill ? tr("used up, billing overage")
                                                              : tr("used up");
    case Outlook::Idle:
        return QStringLiteral("–");
    case Outlook::LastsTheMonth:
        return tr("lasts the month");
    case Outlook::RunsOut:
        return tr("in %1").arg(MetricsFormat::duration(row.secondsLeft));
    }
    return {};
}

QVariant KeyBurnModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case UsedRole:
        return qint64(r.used);
    case QuotaRole:
        return qint64(r.quota);
    case KeyIdRole:
        return toQt(r.keyId);
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return r.label;
        case TierColumn:
            return r.tierName;
        case RequestsColumn:
            return qint64(r.requests);
        case BurnRateColumn:
            return r.rate;
        case MonthColumn:
            return qint64(r.used);
        case TimeLeftColumn:
            switch (r.outlook) {
            case Outlook::UsedUp:
                return 0.0;
            case Outlook::RunsOut:
            case Outlook::LastsTheMonth:
                return r.secondsLeft;
            default:
                return kInfinity;
            }
        default:
            return {};
        }
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (index.column()) {
        case KeyColumn:
            return r.label;
        case TierColumn:
            return r.tierName;
        case RequestsColumn:
            return locale.toString(qulonglong(r.requests));
        case BurnRateColumn:
            return MetricsFormat::rate(r.rate, locale);
        case MonthColumn:
            return r.quota > 0 ? tr("%1 / %2").arg(
                       locale.toString(qulonglong(r.used)), locale.toString(qlonglong(r.quota)))
                               : locale.toString(qulonglong(r.used));
        case TimeLeftColumn:
            return outlookText(r);
        default:
            return {};
        }
    }
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return toQt(r.keyId);
        if (index.column() == TimeLeftColumn && r.outlook == Outlook::UsedUp)
            return r.overQuota == server::OverQuotaPolicy::Bill
                ? tr("Requests beyond the quota are served and billed at the overage price")
                : tr("Requests beyond the quota are refused with 429 until the month ends");
        return {};
    case Qt::TextAlignmentRole:
        return int(
            (index.column() <= TierColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant KeyBurnModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section <= TierColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RequestsColumn:
            return tr("Requests made with the key in the window");
        case BurnRateColumn:
            return tr("Requests per second over the window: how fast the quota is spent");
        case MonthColumn:
            return tr("Requests counted against the monthly quota so far");
        case TimeLeftColumn:
            return tr("When the monthly quota is used up if the key keeps this rate");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TierColumn:
        return tr("Tier");
    case RequestsColumn:
        return tr("Requests");
    case BurnRateColumn:
        return tr("Req/s");
    case MonthColumn:
        return tr("This month");
    case TimeLeftColumn:
        return tr("Quota used up");
    default:
        return {};
    }
}

} // namespace tollgate::ui
