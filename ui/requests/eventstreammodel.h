#pragma once

#include "ui/requests/sseparser.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// The events of a text/event-stream response as they arrive, one row each
/// (comments are only counted), with what the response viewer says about
/// the stream: how many, the time to the first, the rate, and for OpenAI
/// chat.completion.chunk events the text they carry, assembled.
///
/// Listing stops at listLimit events so an endless fast stream cannot fill
/// memory; the counts, the rate and the text go on.
class EventStreamModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamModel)

public:
    enum Column { TimeColumn, EventColumn, IdColumn, DataColumn, ColumnCount };
    static constexpr int listLimit = 20'000;

    explicit EventStreamModel(QObject* parent = nullptr);

    void clear();
    /// Body bytes that arrived atMs after the request was sent.
    void append(QByteArrayView bytes, qint64 atMs);
    /// The stream is over: an event it was still receiving is listed,
    /// marked incomplete.
    void finish();

    const SseEvent& event(int row) const { return m_events[std::size_t(row)]; }
    /// Events dispatched, listed or not (an incomplete last one is not counted).
    int eventCount() const { return m_eventCount; }
    int commentCount() const { return m_parser.commentCount() + m_endedComments; }
    /// Since the request was sent; -1 before the first event.
    qint64 firstEventMs() const { return m_firstMs; }
    /// Between the first event and the last; 0 while there is no interval.
    double eventsPerSecond() const;
    /// The stream's reconnection time ("retry"); -1 when it set none.
    qint64 retryMs() const { return m_retryMs; }

    int chunkCount() const { return m_chunks; }
    /// choices[0].delta.content of the chunks, concatenated.
    QString text() const { return m_text; }
    /// The last chunk's non-null choices[0].finish_reason.
    QString finishReason() const { return m_finishReason; }
    /// "data: [DONE]" came.
    bool doneSeen() const { return m_done; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Counts, rate or text changed (once per append()).
    void changed();
    /// More assembled text.
    void textAppended(const QString& text);

private:
    void take(QList<SseEvent> events, qint64 atMs);

    SseParser m_parser;
    std::vector<SseEvent> m_events;
    int m_eventCount = 0;
    int m_endedComments = 0; // counted before finish() reset the parser
    qint64 m_firstMs = -1;
    qint64 m_lastMs = -1;
    qint64 m_lastBytesMs = -1;
    qint64 m_retryMs = -1;
    int m_chunks = 0;
    QString m_text;
    QString m_finishReason;
    bool m_done = false;
};

/// An event's data as the viewer details it: JSON indented when it parses
/// (*json says so), otherwise as it came.
QString prettyEventData(const QString& data, bool* json = nullptr);

} // namespace tollgate::ui
