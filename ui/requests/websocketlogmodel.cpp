#include "ui/requests/websocketlogmodel.h"

#include "ui/common/appearance.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QRegularExpression>

namespace tollgate::ui {

namespace {

using Kind = WebSocketLogEntry::Kind;

// A cell shows one line; the view elides it, so more is never drawn.
constexpr qsizetype kCellChars = 400;
// A tooltip with a whole large message would cover the screen.
constexpr qsizetype kTooltipChars = 2000;
// A binary message is shown as the hex of its first bytes.
constexpr qsizetype kBinaryPreviewBytes = 256;

QString oneLine(const QString& text)
{
    // Indented JSON reads better without its indentation on one line.
    static const QRegularExpression lineBreak(QStringLiteral("\\s*\\n\\s*"));
    QString line = text.left(kCellChars);
    line.replace(lineBreak, QStringLiteral(" ↵ "));
    if (text.size() > kCellChars)
        line += QChar(0x2026);
    return line;
}

} // namespace

QString directionMark(Kind kind)
{
    switch (kind) {
    case Kind::Sent:
        return QStringLiteral("↑");
    case Kind::Received:
        return QStringLiteral("↓");
    case Kind::Event:
    case Kind::Error:
        break;
    }
    return QStringLiteral("•");
}

WebSocketLogModel::WebSocketLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void WebSocketLogModel::reset()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
    m_sent = 0;
    m_received = 0;
    m_bytesSent = 0;
    m_bytesReceived = 0;
    m_firstReceivedMs = -1;
    Q_EMIT countsChanged();
}

void WebSocketLogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void WebSocketLogModel::addSent(const QString& text, qint64 bytes, qint64 atMs)
{
    ++m_sent;
    m_bytesSent += bytes;
    add({ Kind::Sent, atMs, bytes, false, text });
    Q_EMIT countsChanged();
}

void WebSocketLogModel::addReceived(const QString& text, qint64 atMs)
{
    ++m_received;
    const qint64 bytes = text.toUtf8().size();
    m_bytesReceived += bytes;
    if (m_firstReceivedMs < 0)
        m_firstReceivedMs = atMs;
    add({ Kind::Received, atMs, bytes, false, text });
    Q_EMIT countsChanged();
}

void WebSocketLogModel::addReceivedBinary(const QByteArray& data, qint64 atMs)
{
    ++m_received;
    m_bytesReceived += data.size();
    if (m_firstReceivedMs < 0)
        m_firstReceivedMs = atMs;
    QString preview = QString::fromLatin1(data.left(kBinaryPreviewBytes).toHex(' '));
    if (data.size() > kBinaryPreviewBytes)
        preview += QStringLiteral(" …");
    add({ Kind::Received, atMs, data.size(), true, preview });
    Q_EMIT countsChanged();
}

void WebSocketLogModel::addEvent(const QString& text, qint64 atMs)
{
    add({ Kind::Event, atMs, 0, false, text });
}

void WebSocketLogModel::addError(const QString& text, qint64 atMs)
{
    add({ Kind::Error, atMs, 0, false, text });
}

void WebSocketLogModel::add(WebSocketLogEntry entry)
{
    if (m_entries.size() >= std::size_t(listLimit))
        return;
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(std::move(entry));
    endInsertRows();
}

int WebSocketLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WebSocketLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebSocketLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebSocketLogEntry& e = entry(index.row());
    const bool message = e.kind == Kind::Sent || e.kind == Kind::Received;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DirectionColumn:
            return directionMark(e.kind);
        case TimeColumn:
            return QLocale().toString(e.atMs);
        case SizeColumn:
            if (!message)
                return QString();
            return QLocale().formattedDataSize(e.bytes, 1, QLocale::DataSizeTraditionalFormat);
        case MessageColumn:
            return e.binary ? tr("binary: %1").arg(oneLine(e.text)) : oneLine(e.text);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DirectionColumn:
            switch (e.kind) {
            case Kind::Sent:
                return tr("Sent");
            case Kind::Received:
                return tr("Received");
            case Kind::Event:
                return tr("Connection event");
            case Kind::Error:
                return tr("Error");
            }
            return {};
        case TimeColumn:
            return tr("%1 ms after connecting began").arg(QLocale().toString(e.atMs));
        case MessageColumn:
            return e.text.size() > kTooltipChars ? e.text.left(kTooltipChars) + QChar(0x2026)
                                                 : e.text;
        default:
            return {};
        }
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (e.kind == Kind::Error)
            return statusColor(500, palette);
        if (e.kind == Kind::Event)
            return palette.color(QPalette::PlaceholderText);
        if (index.column() == DirectionColumn)
            return e.kind == Kind::Sent ? methodColor(QStringLiteral("POST"))
                                        : methodColor(QStringLiteral("GET"));
        return {};
    }
    case Qt::FontRole:
        if (index.column() == DirectionColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (index.column() == MessageColumn && message)
            return monospaceFont();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DirectionColumn)
            return int(Qt::AlignCenter);
        if (index.column() == TimeColumn || index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant WebSocketLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool right = section == TimeColumn || section == SizeColumn;
        return int((right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == TimeColumn)
        return tr("Milliseconds since connecting began");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DirectionColumn:
        return QString();
    case TimeColumn:
        return tr("ms");
    case SizeColumn:
        return tr("Size");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace tollgate::ui
