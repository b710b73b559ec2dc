#include "ui/requests/eventstreammodel.h"

#include "ui/requests/prettybody.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QPalette>

#include <optional>

namespace tollgate::ui {

namespace {

// A cell shows one line; the view elides it, so more is never drawn.
constexpr qsizetype kCellChars = 400;
// A tooltip with a whole large event would cover the screen.
constexpr qsizetype kTooltipChars = 2000;

struct Chunk {
    QString content;
    QString finishReason;
};

// OpenAI's streamed chat completion: {"object": "chat.completion.chunk",
// "choices": [{"delta": {"content": "..."}, "finish_reason": null}]}.
std::optional<Chunk> completionChunk(const QString& data)
{
    // Most events of other streams are not JSON at all: skip the parse.
    if (!data.contains(QLatin1String("chat.completion.chunk")))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toUtf8());
    const QJsonObject object = doc.object();
    if (object.value(QLatin1String("object")).toString() != QLatin1String("chat.completion.chunk"))
        return std::nullopt;
    Chunk chunk;
    const QJsonObject choice = object.value(QLatin1String("choices")).toArray().at(0).toObject();
    chunk.content = choice.value(QLatin1String("delta"))
                        .toObject()
                        .value(QLatin1String("content"))
                        .toString();
    chunk.finishReason = choice.value(QLatin1String("finish_reason")).toString();
    return chunk;
}

QString oneLine(const QString& data)
{
    QString line = data.left(kCellChars);
    line.replace(QLatin1Char('\n'), QStringLiteral(" ↵ "));
    if (data.size() > kCellChars)
        line += QChar(0x2026);
    return line;
}

} // namespace

QString prettyEventData(const QString& data, bool* json)
{
    const QByteArray bytes = data.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    const bool parsed = error.error == QJsonParseError::NoError;
    if (json)
        *json = parsed;
    return parsed ? prettyJson(bytes) : data;
}

EventStreamModel::EventStreamModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_parser.reset();
    m_events.clear();
    m_eventCount = 0;
    m_endedComments = 0;
    m_firstMs = -1;
    m_lastMs = -1;
    m_lastBytesMs = -1;
    m_retryMs = -1;
    m_chunks = 0;
    m_text.clear();
    m_finishReason.clear();
    m_done = false;
    endResetModel();
    Q_EMIT changed();
}

void EventStreamModel::append(QByteArrayView bytes, qint64 atMs)
{
    take(m_parser.feed(bytes), atMs);
    m_retryMs = m_parser.retryMs();
    Q_EMIT changed();
}

void EventStreamModel::finish()
{
    m_endedComments += m_parser.commentCount();
    const qint64 retry = m_parser.retryMs();
    std::optional<SseEvent> last = m_parser.finish();
    m_retryMs = retry;
    if (last && m_events.size() < std::size_t(listLimit)) {
        // It arrived with the last bytes; when those came is the last known time.
        last->atMs = m_lastBytesMs;
        const int row = int(m_events.size());
        beginInsertRows({}, row, row);
        m_events.push_back(std::move(*last));
        endInsertRows();
    }
    Q_EMIT changed();
}

void EventStreamModel::take(QList<SseEvent> events, qint64 atMs)
{
    m_lastBytesMs = atMs;
    if (events.isEmpty())
        return;
    QString added;
    for (SseEvent& e : events) {
        e.atMs = atMs;
        if (e.data == QLatin1String("[DONE]")) {
            m_done = true;
        } else if (const std::optional<Chunk> chunk = completionChunk(e.data)) {
            ++m_chunks;
            added += chunk->content;
            if (!chunk->finishReason.isEmpty())
                m_finishReason = chunk->finishReason;
        }
    }
    if (m_firstMs < 0)
        m_firstMs = atMs;
    m_lastMs = atMs;
    m_eventCount += int(events.size());
    const int room = listLimit - int(m_events.size());
    const int listed = std::min(room, int(events.size()));
    if (listed > 0) {
        const int row = int(m_events.size());
        beginInsertRows({}, row, row + listed - 1);
        m_events.insert(m_events.end(), std::make_move_iterator(events.begin()),
            std::make_move_iterator(events.begin() + listed));
        endInsertRows();
    }
    if (!added.isEmpty()) {
        m_text += added;
        Q_EMIT textAppended(added);
    }
}

double EventStreamModel::eventsPerSecond() const
{
    if (m_eventCount < 2 || m_lastMs <= m_firstMs)
        return 0;
    return double(m_eventCount - 1) * 1000.0 / double(m_lastMs - m_firstMs);
}

int EventStreamModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventStreamModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventStreamModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SseEvent& e = event(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.atMs);
        case EventColumn:
            return e.type;
        case IdColumn:
            return e.id;
        case DataColumn:
            return oneLine(e.data);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (!e.complete)
            return tr("The stream ended before the blank line that ends this event: an "
                      "EventSource would drop it.");
        switch (index.column()) {
        case IdColumn:
            // An event without an id of its own still carries the stream's last one.
            if (!e.hasId && !e.lastEventId.isEmpty())
                return tr("No id of its own; Last-Event-ID stays %1").arg(e.lastEventId);
            return {};
        case DataColumn: {
            const QString pretty = prettyEventData(e.data);
            return pretty.size() > kTooltipChars ? pretty.left(kTooltipChars) + QChar(0x2026)
                                                 : pretty;
        }
        default:
            return {};
        }
    case Qt::FontRole:
        if (!e.complete) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::ForegroundRole:
        if (!e.complete)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant EventStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == TimeColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == TimeColumn)
        return tr("Milliseconds since the request was sent");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (ms)");
    case EventColumn:
        return tr("Event");
    case IdColumn:
        return tr("ID");
    case DataColumn:
        return tr("Data");
    default:
        return {};
    }
}

} // namespace tollgate::ui
