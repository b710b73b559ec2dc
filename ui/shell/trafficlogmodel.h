#pragma once

#include "server/engine/engine.h"

#include <QAbstractTableModel>
#include <QString>

#include <deque>
#include <vector>

namespace tollgate::ui {

/// The newest served requests, oldest first. A bounded ring: appending past
/// the capacity drops rows from the top, so memory stays flat however long
/// the server runs.
class TrafficLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficLogModel)

public:
    enum Column {
        TimeColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        LatencyColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role {
        /// "GET /v1/users 200": what the filter box matches against.
        FilterRole = Qt::UserRole + 1,
        /// The raw number behind a column (status, latency in µs, bytes).
        ValueRole,
    };

    static constexpr int kDefaultCapacity = 10'000;

    explicit TrafficLogModel(QObject* parent = nullptr, int capacity = kDefaultCapacity);

    /// Appends a batch (oldest first) with one insert notification.
    void append(const std::vector<server::TrafficEvent>& events);
    void clear();
    int capacity() const { return m_capacity; }
    /// The rows as the engine reported them, oldest first (times to the
    /// millisecond), for an export of the log.
    std::vector<server::TrafficEvent> events() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Converted once on arrival, so painting never touches std::string.
    struct Entry {
        qint64 msecsSinceEpoch = 0;
        QString method;
        QString target;
        int status = 0;
        quint32 latencyUs = 0;
        quint64 bytesOut = 0;
        QString requestId;
        QString keyId;
    };

    std::deque<Entry> m_entries;
    int m_capacity;
};

} // namespace tollgate::ui
