// The response viewer's model of an event stream: a token stream written the
// way the engine writes it (server/stream) gives its text back assembled,
// with the chunk count, finish reason and [DONE]; the time to the first
// event and the rate; heartbeat comments counted, not listed; cells of one
// line with the pretty data as tooltip; an unterminated last event listed
// as incomplete; an endless stream listed only up to the limit.

#include "server/stream/sseformat.h"
#include "server/stream/tokenstream.h"
#include "ui/requests/eventstreammodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <string>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

QByteArray sseEvent(std::string_view data, std::string_view id = {}, std::string_view type = {})
{
    std::string out;
    server::appendSseEvent(out, type, data, id, 0);
    return QByteArray::fromStdString(out);
}

QByteArray chunkEvent(server::ChatChunk::Kind kind, std::string_view content, int id)
{
    server::ChatChunk chunk;
    chunk.kind = kind;
    chunk.id = "chatcmpl-test";
    chunk.created = 1'700'000'000;
    chunk.model = "tollgate-test";
    chunk.content = content;
    return sseEvent(server::chatChunkJson(chunk), std::to_string(id));
}

} // namespace

class TestEventStreamModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void assemblesChatCompletionChunks()
    {
        EventStreamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy appended(&model, &EventStreamModel::textAppended);
        using Kind = server::ChatChunk::Kind;
        const std::string text = "Hello there, streamed wörld.";
        QByteArray stream = chunkEvent(Kind::Role, {}, 0);
        int id = 1;
        for (const std::string_view token : server::splitTokens(text))
            stream += chunkEvent(Kind::Content, token, id++);
        stream += chunkEvent(Kind::Stop, {}, id++);
        stream += sseEvent(server::kChatDone);

        // Three pieces, 100 ms apart; the cuts fall inside events.
        const qsizetype third = stream.size() / 3;
        model.append(QByteArrayView(stream).first(third), 120);
        QVERIFY(!model.text().isEmpty());
        QVERIFY(QString::fromStdString(text).startsWith(model.text()));
        model.append(QByteArrayView(stream).sliced(third, third), 220);
        model.append(QByteArrayView(stream).sliced(2 * third), 320);
        model.finish();

        QCOMPARE(model.text(), QString::fromStdString(text));
        QString pieces;
        for (const QList<QVariant>& args : std::as_const(appended))
            pieces += args.at(0).toString();
        QCOMPARE(pieces, model.text());
        const int chunks = int(server::splitTokens(text).size()) + 2; // role and stop
        QCOMPARE(model.chunkCount(), chunks);
        QCOMPARE(model.eventCount(), chunks + 1); // [DONE]
        QCOMPARE(model.rowCount(), chunks + 1);
        QCOMPARE(model.finishReason(), QStringLiteral("stop"));
        QVERIFY(model.doneSeen());
        QCOMPARE(model.firstEventMs(), qint64(120));
        QCOMPARE(model.eventsPerSecond(), double(chunks) * 1000.0 / 200.0);
        QCOMPARE(model.event(model.rowCount() - 1).data, QStringLiteral("[DONE]"));
    }

    void commentsAreCountedNotListed()
    {
        EventStreamModel model;
        QSignalSpy changed(&model, &EventStreamModel::changed);
        model.append(QByteArray::fromStdString(std::string(server::kSseHeartbeat)), 10);
        model.append(": keep-alive\n\n", 20);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.eventCount(), 0);
        QCOMPARE(model.commentCount(), 2);
        QCOMPARE(model.firstEventMs(), qint64(-1));
        QCOMPARE(changed.count(), 2);
        // They stay counted when the stream ends.
        model.finish();
        QCOMPARE(model.commentCount(), 2);
        model.clear();
        QCOMPARE(model.commentCount(), 0);
    }

    void cellsAndTooltips()
    {
        EventStreamModel model;
        const QByteArray two
            = sseEvent("{\"a\":1,\"b\":[2]}", "7", "update") + sseEvent("one\ntwo");
        model.append(two, 1234);
        QCOMPARE(model.rowCount(), 2);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, column), role);
        };
        QCOMPARE(cell(0, EventStreamModel::TimeColumn).toString(), QLocale().toString(1234));
        QCOMPARE(cell(0, EventStreamModel::EventColumn).toString(), QStringLiteral("update"));
        QCOMPARE(cell(0, EventStreamModel::IdColumn).toString(), QStringLiteral("7"));
        QCOMPARE(cell(0, EventStreamModel::DataColumn, Qt::ToolTipRole).toString(),
            QStringLiteral("{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}"));
        // One line in the table; the id the stream still has, in the tooltip.
        QCOMPARE(cell(1, EventStreamModel::EventColumn).toString(), QStringLiteral("message"));
        QCOMPARE(cell(1, EventStreamModel::DataColumn).toString(), QStringLiteral("one ↵ two"));
        QVERIFY(cell(1, EventStreamModel::IdColumn).toString().isEmpty());
        QVERIFY(cell(1, EventStreamModel::IdColumn, Qt::ToolTipRole).toString().contains(u'7'));

        bool json = true;
        QCOMPARE(prettyEventData(QStringLiteral("not {json"), &json), QStringLiteral("not {json"));
        QVERIFY(!json);
    }

    void unterminatedLastEventIsListedIncomplete()
    {
        EventStreamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append("data: whole\n\ndata: half", 50);
        QCOMPARE(model.rowCount(), 1);
        model.finish();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.eventCount(), 1); // it was never dispatched
        QVERIFY(!model.event(1).complete);
        QCOMPARE(model.event(1).data, QStringLiteral("half"));
        QCOMPARE(model.event(1).atMs, qint64(50));
        const QModelIndex index = model.index(1, EventStreamModel::DataColumn);
        QVERIFY(model.data(index, Qt::FontRole).value<QFont>().italic());
        QVERIFY(
            model.data(index, Qt::ToolTipRole).toString().contains(QStringLiteral("EventSource")));
    }

    void listingStopsAtTheLimit()
    {
        EventStreamModel model;
        QByteArray many;
        for (int i = 0; i < EventStreamModel::listLimit + 5; ++i)
            many += "data: x\n\n";
        model.append(QByteArrayView(many).first(many.size() / 2), 1);
        model.append(QByteArrayView(many).sliced(many.size() / 2), 2);
        model.append("data: unfinished", 3);
        model.finish();
        QCOMPARE(model.rowCount(), EventStreamModel::listLimit);
        QCOMPARE(model.eventCount(), EventStreamModel::listLimit + 5);
    }
};

QTEST_MAIN(TestEventStreamModel)
#include "tst_eventstreammodel.moc"
