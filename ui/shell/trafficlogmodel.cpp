#include "ui/shell/trafficlogmodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <chrono>

namespace tollgate::ui {

TrafficLogModel::TrafficLogModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
}

void TrafficLogModel::append(const std::vector<server::TrafficEvent>& events)
{
    if (events.empty())
        return;
    // Of a burst larger than the ring only the newest part can be kept.
    const std::size_t keep = std::min(events.size(), std::size_t(m_capacity));
    const auto first = events.end() - std::ptrdiff_t(keep);

    const std::size_t total = m_entries.size() + keep;
    if (total > std::size_t(m_capacity)) {
        const int evict = int(total - std::size_t(m_capacity));
        beginRemoveRows({}, 0, evict - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + evict);
        endRemoveRows();
    }

    const int start = int(m_entries.size());
    beginInsertRows({}, start, start + int(keep) - 1);
    for (auto it = first; it != events.end(); ++it) {
        Entry e;
        e.msecsSinceEpoch
            = std::chrono::duration_cast<std::chrono::milliseconds>(it->time.time_since_epoch())
                  .count();
        e.method = toQt(it->method);
        e.target = toQt(it->target);
        e.status = it->status;
        e.latencyUs = it->latencyUs;
        e.bytesOut = it->bytesOut;
        e.requestId = toQt(it->requestId);
        e.keyId = toQt(it->keyId);
        m_entries.push_back(std::move(e));
    }
    endInsertRows();
}

void TrafficLogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

std::vector<server::TrafficEvent> TrafficLogModel::events() const
{
    std::vector<server::TrafficEvent> out;
    out.reserve(m_entries.size());
    for (const Entry& e : m_entries) {
        server::TrafficEvent event;
        event.time
            = std::chrono::system_clock::time_point(std::chrono::milliseconds(e.msecsSinceEpoch));
        event.method = toStd(e.method);
        event.target = toStd(e.target);
        event.status = e.status;
        event.latencyUs = e.latencyUs;
        event.bytesOut = e.bytesOut;
        event.keyId = toStd(e.keyId);
        event.requestId = toStd(e.requestId);
        out.push_back(std::move(event));
    }
    return out;
}

int TrafficLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TrafficLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.msecsSinceEpoch)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        case MethodColumn:
            return e.method;
        case PathColumn:
            return e.target;
        case StatusColumn:
            return e.status == 0 ? tr("reset") : QString::number(e.status);
        case LatencyColumn:
            if (e.latencyUs < 1000)
                return tr("%1 µs").arg(e.latencyUs);
            return tr("%1 ms").arg(
                QLocale().toString(e.latencyUs / 1000.0, 'f', e.latencyUs < 100'000 ? 1 : 0));
        case SizeColumn:
            return QLocale().formattedDataSize(qint64(e.bytesOut), 1);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == PathColumn)
            return e.requestId.isEmpty() ? e.target
                                         : tr("%1\nRequest ID: %2").arg(e.target, e.requestId);
        if (index.column() == TimeColumn)
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(e.msecsSinceEpoch), QLocale::LongFormat);
        if (index.column() == StatusColumn && e.status == 0)
            return tr("The connection was reset instead of answered");
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return statusColor(e.status, QGuiApplication::palette());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= StatusColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case FilterRole:
        return QString(e.method + QLatin1Char(' ') + e.target + QLatin1Char(' ')
            + (e.status == 0 ? tr("reset") : QString::number(e.status)) + QLatin1Char(' ')
            + e.requestId);
    case ValueRole:
        switch (index.column()) {
        case TimeColumn:
            return e.msecsSinceEpoch;
        case StatusColumn:
            return e.status;
        case LatencyColumn:
            return e.latencyUs;
        case SizeColumn:
            return e.bytesOut;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section >= StatusColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case LatencyColumn:
        return tr("Latency");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace tollgate::ui
