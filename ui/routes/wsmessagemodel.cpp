#include "ui/routes/wsmessagemodel.h"

#include "ui/common/convert.h"
#include "ui/common/rowmove.h"

namespace tollgate::ui {

WsMessageModel::WsMessageModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void WsMessageModel::setMessages(const std::vector<server::WsMessage>& messages)
{
    if (messages == m_messages)
        return;
    beginResetModel();
    m_messages = messages;
    endResetModel();
}

bool WsMessageModel::setText(int row, const QString& text)
{
    return setData(index(row, TextColumn), text);
}

int WsMessageModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int WsMessageModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WsMessageModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::WsMessage& m = m_messages[std::size_t(index.row())];
    switch (index.column()) {
    case TextColumn: {
        const QString text = toQt(m.text);
        if (role == Qt::DisplayRole)
            return QString(text).replace(QLatin1Char('\n'), QStringLiteral(" \u23ce "));
        if (role == Qt::EditRole)
            return text;
        if (role == Qt::ToolTipRole)
            return text.contains(QLatin1Char('\n'))
                ? tr("Several lines, sent as one text message: edit them below the table")
                : tr("The text message sent, a template");
        break;
    }
    case DelayColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return m.delayMs;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("The wait before this message is sent, after the one before it");
        break;
    default:
        break;
    }
    return {};
}

bool WsMessageModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::WsMessage next = m_messages[std::size_t(index.row())];
    switch (index.column()) {
    case TextColumn:
        // Sent as typed: a text message is one frame's payload, whatever its
        // lines.
        next.text = toStd(value.toString());
        break;
    case DelayColumn: {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 0 || ms > kMaxDelayMs) {
            // The reader's words (readWs), as the SSE events say theirs.
            Q_EMIT refused(
                QStringLiteral("\"delayMs\" must be a number between 0 and %1").arg(kMaxDelayMs));
            return false;
        }
        next.delayMs = ms;
        break;
    }
    default:
        return false;
    }
    server::WsMessage& m = m_messages[std::size_t(index.row())];
    if (next == m)
        return true;
    m = next;
    // The text decides whether it can be edited in its cell.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT messagesEdited(QStringLiteral("%1/%2").arg(index.row()).arg(index.column()));
    return true;
}

Qt::ItemFlags WsMessageModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    // A line edit in the cell would join the lines: they are edited below.
    if (index.column() == TextColumn
        && m_messages[std::size_t(index.row())].text.find('\n') != std::string::npos)
        return f;
    return f | Qt::ItemIsEditable;
}

QVariant WsMessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TextColumn:
        return tr("Text");
    case DelayColumn:
        return tr("Delay ms");
    default:
        return {};
    }
}

bool WsMessageModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_messages.insert(m_messages.begin() + row, std::size_t(count), m_starter);
    endInsertRows();
    Q_EMIT messagesEdited({});
    return true;
}

bool WsMessageModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_messages.erase(m_messages.begin() + row, m_messages.begin() + row + count);
    endRemoveRows();
    Q_EMIT messagesEdited({});
    return true;
}

bool WsMessageModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (!isRowMove(rowCount(), sourceParent, sourceRow, count, destinationParent, destinationChild)
        || !beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild))
        return false;
    moveBlock(m_messages, sourceRow, count, destinationChild);
    endMoveRows();
    Q_EMIT messagesEdited({});
    return true;
}

} // namespace tollgate::ui
