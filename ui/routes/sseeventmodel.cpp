#include "ui/routes/sseeventmodel.h"

#include "ui/common/convert.h"
#include "ui/common/rowmove.h"

#include <QGuiApplication>
#include <QPalette>

namespace tollgate::ui {

namespace {

// The reader's words for a text that must stay on one line.
QString oneLineProblem(const char* field)
{
    return QStringLiteral("\"%1\" must be one line").arg(QLatin1String(field));
}

QString rangeProblem(const char* field)
{
    return QStringLiteral("\"%1\" must be a number between 0 and %2")
        .arg(QLatin1String(field))
        .arg(SseEventModel::kMaxMs);
}

bool isOneLine(const QString& text)
{
    return !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'));
}

} // namespace

SseEventModel::SseEventModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

server::SseEvent SseEventModel::starterEvent()
{
    server::SseEvent e;
    e.data = R"({"n": {{stream.index}}})";
    e.id = "{{stream.index}}";
    e.delayMs = 1000;
    return e;
}

void SseEventModel::setEvents(const std::vector<server::SseEvent>& events)
{
    if (events == m_events)
        return;
    beginResetModel();
    m_events = events;
    endResetModel();
}

void SseEventModel::setDelaysUsed(bool used)
{
    if (used == m_delaysUsed)
        return;
    m_delaysUsed = used;
    if (!m_events.empty())
        Q_EMIT dataChanged(index(0, DelayColumn), index(rowCount() - 1, DelayColumn));
}

bool SseEventModel::setEventData(int row, const QString& data)
{
    return setData(index(row, DataColumn), data);
}

int SseEventModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int SseEventModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SseEventModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::SseEvent& e = m_events[std::size_t(index.row())];
    const auto placeholder
        = [] { return QGuiApplication::palette().brush(QPalette::PlaceholderText); };
    switch (index.column()) {
    case TypeColumn:
        // No type is the default one, which clients see as "message".
        if (role == Qt::DisplayRole)
            return e.event.empty() ? QStringLiteral("message") : toQt(e.event);
        if (role == Qt::EditRole)
            return toQt(e.event);
        if (role == Qt::ForegroundRole && e.event.empty())
            return placeholder();
        if (role == Qt::ToolTipRole)
            return tr("The event type (\"event:\"); empty sends none, which clients take as "
                      "\"message\"");
        break;
    case DataColumn: {
        const QString data = toQt(e.data);
        if (role == Qt::DisplayRole)
            return QString(data).replace(QLatin1Char('\n'), QStringLiteral(" \u23ce "));
        if (role == Qt::EditRole)
            return data;
        if (role == Qt::ToolTipRole)
            return isOneLine(data) ? tr("What the event carries (\"data:\"), a template")
                                   : tr("Several lines, each sent as a \"data:\" line: edit them "
                                        "below the table");
        break;
    }
    case IdColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(e.id);
        if (role == Qt::ToolTipRole)
            return tr("The event id (\"id:\") a client resumes from with Last-Event-ID; "
                      "empty sends none");
        break;
    case RetryColumn:
        if (role == Qt::DisplayRole)
            return e.retryMs > 0 ? QString::number(e.retryMs) : QString();
        if (role == Qt::EditRole)
            return e.retryMs;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("How long a client waits before it reconnects (\"retry:\"); empty sends "
                      "none");
        break;
    case DelayColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return e.delayMs;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return m_delaysUsed ? tr("The wait before this event is sent")
                                : tr("Not used: the stream's pace sets the time between events");
        break;
    default:
        break;
    }
    return {};
}

bool SseEventModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::SseEvent next = m_events[std::size_t(index.row())];
    QString problem;
    const auto readMs = [&](const char* field, int* out) {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 0 || ms > kMaxMs)
            problem = rangeProblem(field);
        else
            *out = ms;
    };
    switch (index.column()) {
    case TypeColumn: {
        const QString text = value.toString().trimmed();
        if (isOneLine(text))
            next.event = toStd(text);
        else
            problem = oneLineProblem("event");
        break;
    }
    case DataColumn:
        // Line ends become data lines; CR LF and CR are what a client reads
        // as one line end too.
        next.data = toStd(value.toString()
                              .replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
                              .replace(QLatin1Char('\r'), QLatin1Char('\n')));
        break;
    case IdColumn: {
        const QString text = value.toString().trimmed();
        if (isOneLine(text))
            next.id = toStd(text);
        else
            problem = oneLineProblem("id");
        break;
    }
    case RetryColumn:
        readMs("retryMs", &next.retryMs);
        break;
    case DelayColumn:
        readMs("delayMs", &next.delayMs);
        break;
    default:
        return false;
    }
    if (!problem.isEmpty()) {
        Q_EMIT refused(problem);
        return false;
    }
    server::SseEvent& e = m_events[std::size_t(index.row())];
    if (next == e)
        return true;
    e = next;
    // The data decides whether it can be edited in its cell.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT eventsEdited(QStringLiteral("%1/%2").arg(index.row()).arg(index.column()));
    return true;
}

Qt::ItemFlags SseEventModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::SseEvent& e = m_events[std::size_t(index.row())];
    if (index.column() == DelayColumn && !m_delaysUsed)
        return f & ~Qt::ItemIsEnabled;
    // A line edit in the cell would join the lines: they are edited below.
    if (index.column() == DataColumn && e.data.find('\n') != std::string::npos)
        return f;
    return f | Qt::ItemIsEditable;
}

QVariant SseEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TypeColumn:
        return tr("Type");
    case DataColumn:
        return tr("Data");
    case IdColumn:
        return tr("Id");
    case RetryColumn:
        return tr("Retry ms");
    case DelayColumn:
        return tr("Delay ms");
    default:
        return {};
    }
}

bool SseEventModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_events.insert(m_events.begin() + row, std::size_t(count), starterEvent());
    endInsertRows();
    Q_EMIT eventsEdited({});
    return true;
}

bool SseEventModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_events.erase(m_events.begin() + row, m_events.begin() + row + count);
    endRemoveRows();
    Q_EMIT eventsEdited({});
    return true;
}

bool SseEventModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (!isRowMove(rowCount(), sourceParent, sourceRow, count, destinationParent, destinationChild)
        || !beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild))
        return false;
    moveBlock(m_events, sourceRow, count, destinationChild);
    endMoveRows();
    Q_EMIT eventsEdited({});
    return true;
}

} // namespace tollgate::ui
