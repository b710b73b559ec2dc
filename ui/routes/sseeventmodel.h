#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>

#include <vector>

namespace tollgate::ui {

/// The scripted events of an SSE route, in the order they are sent. Like
/// RuleTableModel it keeps its own copy: user edits emit eventsEdited(), and
/// an edit the route file would refuse (a type or id of more than one line,
/// a time out of range) is not taken: refused() says why, in the words the
/// workspace reader uses.
class SseEventModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseEventModel)

public:
    enum Column { TypeColumn, DataColumn, IdColumn, RetryColumn, DelayColumn, ColumnCount };

    /// The reader's bound for retry and delay.
    static constexpr int kMaxMs = 3'600'000;

    explicit SseEventModel(QObject* parent = nullptr);

    /// What a new event (and a route that just became a stream) starts with:
    /// a JSON object numbered by the stream, once a second.
    static server::SseEvent starterEvent();

    void setEvents(const std::vector<server::SseEvent>& events);
    const std::vector<server::SseEvent>& events() const { return m_events; }
    /// Whether each event's delay counts; not while the stream has a pace.
    void setDelaysUsed(bool used);
    bool delaysUsed() const { return m_delaysUsed; }
    /// Sets one event's data (the editor below the table writes it).
    bool setEventData(int row, const QString& data);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// New rows are starter events, so the stream is valid at once.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
        const QModelIndex& destinationParent, int destinationChild) override;

Q_SIGNALS:
    /// mergeKey names the cell edited ("2/1": row 2, the data), so typing in
    /// one cell is one undo step; empty for rows added, removed or moved.
    void eventsEdited(const QString& mergeKey);
    void refused(const QString& problem);

private:
    std::vector<server::SseEvent> m_events;
    bool m_delaysUsed = true;
};

} // namespace tollgate::ui
