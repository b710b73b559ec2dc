#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// Messages a WebSocket route sends, in order: those it sends when a client
/// connects, or a rule's replies. Like SseEventModel it keeps its own copy:
/// user edits emit messagesEdited(), and an edit the route file would refuse
/// (a delay out of range) is not taken: refused() says why, in the words the
/// workspace reader uses.
class WsMessageModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WsMessageModel)

public:
    enum Column { TextColumn, DelayColumn, ColumnCount };

    /// The reader's bound for a delay (readWs).
    static constexpr int kMaxDelayMs = 3'600'000;

    explicit WsMessageModel(QObject* parent = nullptr);

    /// What a new row starts with, so it sends something at once.
    void setStarter(const server::WsMessage& message) { m_starter = message; }
    const server::WsMessage& starter() const { return m_starter; }

    void setMessages(const std::vector<server::WsMessage>& messages);
    const std::vector<server::WsMessage>& messages() const { return m_messages; }
    /// Sets one message's text (the editor below the table writes it).
    bool setText(int row, const QString& text);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// New rows are starter messages.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
        const QModelIndex& destinationParent, int destinationChild) override;

Q_SIGNALS:
    /// mergeKey names the cell edited ("2/0": row 2, the text), so typing in
    /// one cell is one undo step; empty for rows added, removed or moved.
    void messagesEdited(const QString& mergeKey);
    void refused(const QString& problem);

private:
    std::vector<server::WsMessage> m_messages;
    server::WsMessage m_starter;
};

} // namespace tollgate::ui
