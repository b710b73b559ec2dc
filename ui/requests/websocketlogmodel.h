#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// One line of a WebSocket session's log: a message either way, or
/// something that happened to the connection.
struct WebSocketLogEntry {
    enum class Kind {
        Sent, ///< a message the composer sent (↑)
        Received, ///< a message the server sent (↓)
        Event, ///< connecting, connected, closed with its code and reason (•)
        Error, ///< refused, handshake rejected, TLS, dropped (•, in red)
    };
    Kind kind = Kind::Event;
    qint64 atMs = 0; ///< since the session started connecting
    qint64 bytes = 0; ///< on the wire (UTF-8 for text); 0 for events
    bool binary = false; ///< a binary message, text holds a hex preview
    QString text;
};

/// The log of the composer's WebSocket session, one row per message or
/// event, oldest first, with the counts the session line shows: messages
/// and bytes each way and when the first message from the server came.
///
/// Listing stops at listLimit rows so a chatty server cannot fill memory;
/// the counts go on. clear() empties the list, not the counts: they
/// describe the session, which goes on too.
class WebSocketLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketLogModel)

public:
    enum Column { DirectionColumn, TimeColumn, SizeColumn, MessageColumn, ColumnCount };
    static constexpr int listLimit = 20'000;

    explicit WebSocketLogModel(QObject* parent = nullptr);

    /// A new session: no rows, counts back to zero.
    void reset();
    /// Empties the list only.
    void clear();

    void addSent(const QString& text, qint64 bytes, qint64 atMs);
    void addReceived(const QString& text, qint64 atMs);
    void addReceivedBinary(const QByteArray& data, qint64 atMs);
    void addEvent(const QString& text, qint64 atMs);
    void addError(const QString& text, qint64 atMs);

    const WebSocketLogEntry& entry(int row) const { return m_entries[std::size_t(row)]; }
    int sentCount() const { return m_sent; }
    int receivedCount() const { return m_received; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }
    /// When the first message from the server came; -1 before it.
    qint64 firstReceivedMs() const { return m_firstReceivedMs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// A count changed (the session line shows them).
    void countsChanged();

private:
    void add(WebSocketLogEntry entry);

    std::vector<WebSocketLogEntry> m_entries;
    int m_sent = 0;
    int m_received = 0;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_firstReceivedMs = -1;
};

/// The arrow or dot the log shows for an entry's direction.
QString directionMark(WebSocketLogEntry::Kind kind);

} // namespace tollgate::ui
