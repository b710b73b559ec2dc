#include "ui/requests/sseparser.h"

#include <algorithm>

namespace tollgate::ui {

namespace {

bool allDigits(QByteArrayView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    QList<SseEvent> events;
    qsizetype i = 0;
    if (m_skipLf && !bytes.isEmpty()) {
        m_skipLf = false;
        if (bytes.front() == '\n')
            i = 1;
    }
    while (i < bytes.size()) {
        const auto end = std::find_if(
            bytes.begin() + i, bytes.end(), [](char c) { return c == '\n' || c == '\r'; });
        const qsizetype at = end - bytes.begin();
        m_line.append(bytes.sliced(i, at - i));
        if (at == bytes.size())
            break;
        readLine(&events);
        m_line.clear();
        i = at + 1;
        if (bytes[at] == '\r') {
            // CRLF is one line end, even when the piece ends between the two.
            if (i == bytes.size())
                m_skipLf = true;
            else if (bytes[i] == '\n')
                ++i;
        }
    }
    return events;
}

void SseParser::readLine(QList<SseEvent>* events)
{
    QByteArrayView line = m_line;
    if (m_atStart) {
        // The whole first line is held until its end, so a BOM cut across
        // pieces is still seen here.
        m_atStart = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        if (!m_data.isEmpty()) {
            SseEvent event = pending();
            events->append(std::move(event));
        }
        m_type.clear();
        m_data.clear();
        m_id.clear();
        m_hasId = false;
        m_eventRetryMs = -1;
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (field == "data") {
        m_data += QString::fromUtf8(value);
        m_data += QLatin1Char('\n');
    } else if (field == "event") {
        m_type = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_id = QString::fromUtf8(value);
            m_hasId = true;
            m_lastEventId = m_id;
        }
    } else if (field == "retry") {
        bool ok = false;
        const qint64 ms = allDigits(value) ? value.toLongLong(&ok) : 0;
        if (ok) {
            m_eventRetryMs = ms;
            m_retryMs = ms;
        }
    }
}

SseEvent SseParser::pending() const
{
    SseEvent event;
    if (!m_type.isEmpty())
        event.type = m_type;
    event.data = m_data.endsWith(QLatin1Char('\n')) ? m_data.chopped(1) : m_data;
    event.id = m_id;
    event.hasId = m_hasId;
    event.lastEventId = m_lastEventId;
    event.retryMs = m_eventRetryMs;
    return event;
}

std::optional<SseEvent> SseParser::finish()
{
    // The last line may lack its end: what it says still belongs to the
    // event being received.
    if (!m_line.isEmpty()) {
        QList<SseEvent> none; // a line with text dispatches nothing
        readLine(&none);
    }
    std::optional<SseEvent> last;
    if (!m_data.isEmpty()) {
        last = pending();
        last->complete = false;
    }
    reset();
    return last;
}

void SseParser::reset()
{
    *this = SseParser();
}

} // namespace tollgate::ui
