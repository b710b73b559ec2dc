// The Server-Sent Events parser fed the way a network feeds it: one stream
// cut into pieces at every byte (one cut, two cuts, a byte at a time) always
// gives the same events, with LF, CRLF, CR and mixed line ends. Then the
// WHATWG rules one by one: comments are counted, not events; data lines
// join with LF; a blank line dispatches only an event with data; ids (with
// a NUL, empty) and retry; a BOM only at the start; an unterminated last
// event is not dispatched, and finish() reports it as incomplete.

#include "ui/requests/sseparser.h"

#include <QTest>

#include <optional>

using namespace tollgate::ui;

namespace tollgate::ui {

// Found by QCOMPARE through argument-dependent lookup, so a mismatch prints
// the fields instead of "<unknown>".
char* toString(const SseEvent& e)
{
    return QTest::toString(QStringLiteral("{type=%1 data=%2 id=%3%4 last=%5 retry=%6%7}")
                               .arg(e.type, e.data, e.id,
                                   e.hasId ? QString() : QStringLiteral("(none)"), e.lastEventId)
                               .arg(e.retryMs)
                               .arg(e.complete ? QString() : QStringLiteral(" incomplete")));
}

} // namespace tollgate::ui

namespace {

using Events = QList<SseEvent>;

// What a whole stream gave.
struct Outcome {
    Events events;
    std::optional<SseEvent> last;
    int comments = 0;
    qint64 retryMs = -1;
};

// Feeds stream in pieces ending at each of cuts (ascending), then the rest.
Outcome parse(const QByteArray& stream, const QList<qsizetype>& cuts = {})
{
    SseParser parser;
    Outcome out;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        out.events += parser.feed(QByteArrayView(stream).sliced(from, cut - from));
        from = cut;
    }
    out.events += parser.feed(QByteArrayView(stream).sliced(from));
    out.comments = parser.commentCount();
    out.retryMs = parser.retryMs();
    out.last = parser.finish();
    return out;
}

SseEvent sseEvent(const char* type, const QString& data, const char* lastId, bool hasId = false,
    qint64 retryMs = -1)
{
    SseEvent e;
    e.type = QString::fromUtf8(type);
    e.data = data;
    e.lastEventId = QString::fromUtf8(lastId);
    e.hasId = hasId;
    e.id = hasId ? e.lastEventId : QString();
    e.retryMs = retryMs;
    return e;
}

// One of everything, as lines without their ends.
const QList<QByteArray> kLines {
    "\xEF\xBB\xBF: welcome", // a BOM, then a comment
    "retry: 2500",
    "", // no data: dispatches nothing
    "event: greeting", // its type
    "id: 1", // an id of its own
    "data: Gr\xC3\xBC\xC3\x9F"
    "e, \xE2\x82\xAC", // "Grüße, €": characters of 2 and 3 bytes, cut anywhere
    "data:  two spaces keep one",
    "data", // a field without a colon: an empty data line
    "", // dispatches "greeting"
    ": heartbeat", // counted, never listed
    "data:{\"n\":2}", // no space after the colon
    "Data: ignored", // field names are case-sensitive
    "unknown: ignored", // so are unknown fields
    "", // dispatches {"n":2}
    "id", // an empty id: Last-Event-ID is empty again
    "event: nothing",
    "", // no data: not dispatched
    "data: last",
    "retry: 12x", // not all digits: ignored
    "",
    "data: tail", // the stream ends in the middle of this event
};

Events expectedEvents()
{
    return {
        sseEvent("greeting", QStringLiteral("Grüße, €\n two spaces keep one\n"), "1", true),
        sseEvent("message", QStringLiteral("{\"n\":2}"), "1"),
        sseEvent("message", QStringLiteral("last"), ""),
    };
}

QByteArray joined(const QByteArray& end)
{
    QByteArray out;
    for (qsizetype i = 0; i < kLines.size(); ++i)
        out += kLines[i] + (i + 1 < kLines.size() ? end : QByteArray());
    return out;
}

// LF, CRLF and CR in turn; a CR is never followed by the LF of an empty
// line, which would make the two one line end.
QByteArray mixed()
{
    const QByteArray ends[] = { "\r\n", "\n", "\r" };
    QByteArray out;
    QByteArray previous;
    for (qsizetype i = 0; i < kLines.size(); ++i) {
        QByteArray end = ends[i % 3];
        if (previous == "\r" && kLines[i].isEmpty() && end == "\n")
            end = "\r";
        out += kLines[i] + (i + 1 < kLines.size() ? end : QByteArray());
        previous = end;
    }
    return out;
}

SseEvent expectedTail()
{
    SseEvent tail = sseEvent("message", QStringLiteral("tail"), "");
    tail.complete = false;
    return tail;
}

bool isExpected(const Outcome& got)
{
    return got.events == expectedEvents() && got.last == expectedTail() && got.comments == 2
        && got.retryMs == 2500;
}

// Callers check QTest::currentTestFailed() after it.
void checkOutcome(const Outcome& got, const QString& where)
{
    if (isExpected(got))
        return;
    qWarning("%s", qPrintable(where));
    QCOMPARE(got.events, expectedEvents());
    QVERIFY(got.last.has_value());
    QCOMPARE(*got.last, expectedTail());
    QCOMPARE(got.comments, 2);
    QCOMPARE(got.retryMs, qint64(2500));
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void piecesCutAnywhere_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::newRow("LF") << joined("\n");
        QTest::newRow("CRLF") << joined("\r\n");
        QTest::newRow("CR") << joined("\r");
        QTest::newRow("mixed") << mixed();
    }

    void piecesCutAnywhere()
    {
        QFETCH(QByteArray, stream);
        checkOutcome(parse(stream), QStringLiteral("whole"));
        QVERIFY(!QTest::currentTestFailed());
        // Every cut into two pieces, and every cut into three.
        for (qsizetype i = 0; i <= stream.size(); ++i) {
            for (qsizetype j = i; j <= stream.size(); ++j) {
                checkOutcome(
                    parse(stream, { i, j }), QStringLiteral("cuts at %1, %2").arg(i).arg(j));
                if (QTest::currentTestFailed())
                    return;
            }
        }
        // A byte at a time, with an empty piece after each.
        QList<qsizetype> cuts;
        for (qsizetype i = 0; i <= stream.size(); ++i)
            cuts << i << i;
        checkOutcome(parse(stream, cuts), QStringLiteral("byte by byte"));
    }

    void crlfAcrossPiecesIsOneLineEnd()
    {
        SseParser parser;
        QVERIFY(parser.feed("data: a\r").isEmpty());
        QVERIFY(parser.feed("").isEmpty()); // an empty piece changes nothing
        QVERIFY(parser.feed("\ndata: b\r").isEmpty());
        const Events events = parser.feed("\n\r\n");
        QCOMPARE(events, Events { sseEvent("message", QStringLiteral("a\nb"), "") });
        // A lone CR then a blank LF line: two line ends, so a dispatch.
        QCOMPARE(
            parser.feed("data: c\r\r"), Events { sseEvent("message", QStringLiteral("c"), "") });
    }

    void commentsAreCountedNotListed()
    {
        SseParser parser;
        QVERIFY(parser.feed(":\n: ping\n\n:x\n\n").isEmpty());
        QCOMPARE(parser.commentCount(), 3);
        // A comment inside an event leaves it whole.
        QCOMPARE(parser.feed("data: a\n: beat\ndata: b\n\n"),
            Events { sseEvent("message", QStringLiteral("a\nb"), "") });
        QCOMPARE(parser.commentCount(), 4);
    }

    void multiLineData()
    {
        SseParser parser;
        QCOMPARE(parser.feed("data: one\ndata:\ndata:  three\n\n"),
            Events { sseEvent("message", QStringLiteral("one\n\n three"), "") });
        // Only empty data lines still make an event, with empty data.
        QCOMPARE(parser.feed("data\n\n"), Events { sseEvent("message", QString(), "") });
        QCOMPARE(parser.feed("data:\ndata:\n\n"),
            Events { sseEvent("message", QStringLiteral("\n"), "") });
    }

    void idsAndRetry()
    {
        SseParser parser;
        // An id with a NUL is ignored; a later event keeps the last good one.
        const QByteArray nul = QByteArray("id: 7\ndata: a\n\nid: x") + '\0' + "y\ndata: b\n\n";
        QCOMPARE(parser.feed(nul),
            (Events { sseEvent("message", QStringLiteral("a"), "7", true),
                sseEvent("message", QStringLiteral("b"), "7") }));
        QCOMPARE(parser.lastEventId(), QStringLiteral("7"));
        // An id on an event without data still sets Last-Event-ID.
        QVERIFY(parser.feed("id: 9\n\n").isEmpty());
        QCOMPARE(parser.lastEventId(), QStringLiteral("9"));
        // retry: digits only.
        QCOMPARE(parser.feed("retry: 1000\nretry: 1x\nretry:\ndata: a\n\n"),
            Events { sseEvent("message", QStringLiteral("a"), "9", false, 1000) });
        QCOMPARE(parser.retryMs(), qint64(1000));
        QCOMPARE(parser.feed("retry: 99999999999999999999\ndata: b\n\n"),
            Events { sseEvent("message", QStringLiteral("b"), "9") });
    }

    void bomOnlyAtTheStart()
    {
        SseParser parser;
        // A later BOM is part of a field name nobody knows.
        QCOMPARE(parser.feed("\xEF\xBB\xBF"
                             "data: a\n\n\xEF\xBB\xBF"
                             "data: b\n\n"),
            Events { sseEvent("message", QStringLiteral("a"), "") });
    }

    void unterminatedLastEvent()
    {
        SseParser parser;
        QCOMPARE(parser.feed("data: a\n\nevent: late\ndata: b"),
            Events { sseEvent("message", QStringLiteral("a"), "") });
        std::optional<SseEvent> last = parser.finish();
        QVERIFY(last);
        QCOMPARE(last->type, QStringLiteral("late"));
        QCOMPARE(last->data, QStringLiteral("b"));
        QVERIFY(!last->complete);

        // Its lines ended, but the blank line never came.
        QVERIFY(parser.feed("data: c\n").isEmpty());
        last = parser.finish();
        QVERIFY(last && last->data == QStringLiteral("c") && !last->complete);

        // Without data there is nothing it would have dispatched.
        QVERIFY(parser.feed("event: only\nid: 4\n").isEmpty());
        QVERIFY(!parser.finish());

        // finish() starts over: no id, no comments, a BOM may come again.
        QCOMPARE(parser.feed("\xEF\xBB\xBF"
                             "data: d\n\n"),
            Events { sseEvent("message", QStringLiteral("d"), "") });
        QCOMPARE(parser.commentCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
