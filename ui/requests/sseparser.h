#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace tollgate::ui {

/// One Server-Sent Event as a client receives it.
struct SseEvent {
    QString type = QStringLiteral("message"); ///< the "event" field, "message" without one
    QString data; ///< the "data" lines joined with LF
    QString id; ///< the "id" field of this event's own lines (see hasId)
    bool hasId = false;
    /// What EventSource reports as lastEventId: the last id the stream set,
    /// by this event or an earlier one.
    QString lastEventId;
    qint64 retryMs = -1; ///< a valid "retry" among this event's lines; -1 when none
    qint64 atMs = -1; ///< when it arrived (set by whoever feeds the parser)
    /// False for what the stream held when it ended before the blank line
    /// that dispatches an event (EventSource drops it).
    bool complete = true;
    bool operator==(const SseEvent&) const = default;
};

/// Reads a text/event-stream body in pieces as they arrive, by the WHATWG
/// rules (HTML, "Server-sent events", interpreting an event stream): UTF-8,
/// a BOM at the start dropped; lines end in CRLF, LF or CR, so a CR at the
/// end of one piece and an LF at the start of the next are one line end;
/// "data" lines join with LF; an id with a NUL and a retry that is not all
/// digits are ignored; a line starting with ":" is a comment (counted); a
/// blank line dispatches the event, unless it has no data. Field names are
/// case-sensitive, unknown ones ignored. No UI: the response viewer and its
/// tests feed it.
class SseParser {
public:
    /// Parses the next bytes; returns the events they completed, in order.
    QList<SseEvent> feed(QByteArrayView bytes);
    /// The stream ended: the event it was still receiving (complete =
    /// false), when that event has data. Parsing starts over afterwards.
    std::optional<SseEvent> finish();
    void reset();

    int commentCount() const { return m_comments; }
    /// The last valid "retry" of the stream (milliseconds); -1 when none.
    qint64 retryMs() const { return m_retryMs; }
    QString lastEventId() const { return m_lastEventId; }

private:
    void readLine(QList<SseEvent>* events);
    SseEvent pending() const;

    QByteArray m_line; // the line being received, without its end
    bool m_atStart = true; // nothing read yet: a BOM may come
    bool m_skipLf = false; // the last piece ended in CR: an LF next ends no line

    QString m_type;
    QString m_data;
    QString m_id;
    bool m_hasId = false;
    qint64 m_eventRetryMs = -1;
    QString m_lastEventId;
    qint64 m_retryMs = -1;
    int m_comments = 0;
};

} // namespace tollgate::ui
