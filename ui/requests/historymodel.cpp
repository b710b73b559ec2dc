#include "ui/requests/historymodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace tollgate::ui {

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setEntries(std::vector<server::HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void HistoryModel::add(server::HistoryEntry entry)
{
    beginInsertRows({}, 0, 0);
    m_entries.push_back(std::move(entry));
    endInsertRows();
}

void HistoryModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

const server::HistoryEntry& HistoryModel::entry(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_entries[m_entries.size() - 1 - std::size_t(row)];
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::HistoryEntry& e = entry(index.row());
    const auto statusText = [&] {
        if (e.status != 0)
            return QString::number(e.status);
        return e.error.empty() ? tr("No response") : toQt(e.error);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(e.timeMs), QLocale::ShortFormat);
        case MethodColumn:
            return toQt(e.request.method);
        case UrlColumn:
            return toQt(e.request.url);
        case StatusColumn:
            return statusText();
        case DurationColumn:
            return tr("%1 ms").arg(QLocale().toString(qint64(e.totalMs)));
        case SizeColumn:
            // No response, no body: an empty cell rather than "0 bytes".
            if (e.status == 0)
                return QString();
            return QLocale().formattedDataSize(
                qint64(e.bytes), 1, QLocale::DataSizeTraditionalFormat);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(e.timeMs), QLocale::LongFormat);
        case UrlColumn:
            return toQt(e.request.url);
        case StatusColumn:
            return e.error.empty() ? QVariant() : QVariant(toQt(e.error));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return statusColor(e.status, QGuiApplication::palette());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case SearchRole: {
        QString text = toQt(e.request.method) + u' ' + toQt(e.request.url);
        if (e.status != 0)
            text += u' ' + QString::number(e.status);
        if (!e.error.empty())
            text += u' ' + toQt(e.error);
        return text;
    }
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section >= DurationColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace tollgate::ui
