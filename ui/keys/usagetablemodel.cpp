#include "ui/keys/usagetablemodel.h"

#include "ui/common/convert.h"
#include "ui/common/money.h"

#include <QLocale>

#include <algorithm>

namespace tollgate::ui {

UsageTableModel::UsageTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UsageTableModel::setUsage(const QString& keyId, const std::vector<server::KeyUsage>& usage)
{
    std::vector<server::KeyUsage> rows;
    const std::string id = toStd(keyId);
    for (const server::KeyUsage& u : usage) {
        if (u.keyId == id)
            rows.push_back(u);
    }
    std::sort(rows.begin(), rows.end(),
        [](const server::KeyUsage& a, const server::KeyUsage& b) { return a.month > b.month; });
    if (rows == m_rows)
        return;
    // Same months (the usual 4 Hz tick): values change in place, so the
    // selection and the scroll position stay.
    const bool sameMonths = rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(),
            [](const auto& a, const auto& b) { return a.month == b.month; });
    if (sameMonths) {
        m_rows = std::move(rows);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int UsageTableModel::rowOfMonth(const QString& month) const
{
    const std::string m = toStd(month);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].month == m)
            return int(i);
    }
    return -1;
}

int UsageTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::KeyUsage& u = m_rows[std::size_t(index.row())];
    const server::Micros margin = u.revenueMicros - u.costMicros;
    if (role == ValueRole) {
        switch (index.column()) {
        case MonthColumn:
            return toQt(u.month);
        case RequestsColumn:
            return qint64(u.requests);
        case RejectedColumn:
            return qint64(u.rejected);
        case BillableColumn:
            return qint64(u.billable);
        case OverageColumn:
            return qint64(u.overage);
        case TokensInColumn:
            return qint64(u.tokensIn);
        case TokensOutColumn:
            return qint64(u.tokensOut);
        case RevenueColumn:
            return qint64(u.revenueMicros);
        case CostColumn:
            return qint64(u.costMicros);
        case MarginColumn:
            return qint64(margin);
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case MonthColumn:
            return toQt(u.month);
        case RequestsColumn:
            return locale.toString(qulonglong(u.requests));
        case RejectedColumn:
            return locale.toString(qulonglong(u.rejected));
        case BillableColumn:
            return locale.toString(qulonglong(u.billable));
        case OverageColumn:
            return locale.toString(qulonglong(u.overage));
        case TokensInColumn:
            return locale.toString(qulonglong(u.tokensIn));
        case TokensOutColumn:
            return locale.toString(qulonglong(u.tokensOut));
        case RevenueColumn:
            return Money::format(u.revenueMicros);
        case CostColumn:
            return Money::format(u.costMicros);
        case MarginColumn:
            return Money::format(margin);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int(
            (index.column() == MonthColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == MonthColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RequestsColumn:
            return tr("Requests admitted (what the quota counts)");
        case RejectedColumn:
            return tr("Requests refused with 429 by the rate limit or the quota");
        case BillableColumn:
            return tr("Admitted requests answered with a status below 500");
        case OverageColumn:
            return tr("Billable requests beyond the monthly quota");
        case TokensInColumn:
            return tr("Input (prompt) tokens of billable answers on routes that count tokens");
        case TokensOutColumn:
            return tr("Output (completion) tokens of billable answers on routes that count tokens");
        case RevenueColumn:
            return tr("Per-request and per-token charges (the monthly fee is not included)");
        case CostColumn:
            return tr("What serving the requests cost");
        case MarginColumn:
            return tr("Revenue minus cost (the monthly fee is not included)");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MonthColumn:
        return tr("Month");
    case RequestsColumn:
        return tr("Requests");
    case RejectedColumn:
        return tr("Rejected");
    case BillableColumn:
        return tr("Billable");
    case OverageColumn:
        return tr("Overage");
    case TokensInColumn:
        return tr("Input tokens");
    case TokensOutColumn:
        return tr("Output tokens");
    case RevenueColumn:
        return tr("Revenue");
    case CostColumn:
        return tr("Cost");
    case MarginColumn:
        return tr("Margin");
    default:
        return {};
    }
}

} // namespace tollgate::ui
