// The Requests page against Server-Sent Events routes of the embedded
// server: the first events are listed while the stream is still open (its
// last event is a minute away), heartbeat comments are counted but not
// listed, Send turns into Stop, and stopping keeps every event and the raw
// body; a token stream's text is assembled; the total timeout does not cut
// a stream that keeps sending, and does cut one that stays silent that long.

#include "testutil.h"

#include "server/composer/history.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/eventstreammodel.h"
#include "ui/requests/historymodel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/streamview.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Route sseRoute(std::string method, std::string path, server::SseStream stream)
{
    server::Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.responder = server::RouteResponder::Sse;
    r.sse = std::move(stream);
    return r;
}

server::SseEvent tick(std::string type, int delayMs)
{
    return { std::move(type), "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, delayMs };
}

} // namespace

class TestComposerStream : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    ComposerPanel* m_panel = nullptr;

    template <typename T> T* child(const char* name) { return test::child<T>(m_panel, name); }

    QToolButton* sendButton() { return child<QToolButton>("sendButton"); }
    EventStreamModel* events() { return m_panel->viewer()->streamView()->model(); }

    void setRequest(const char* method, const char* path, int totalTimeoutS = 30)
    {
        server::SavedRequest r;
        r.request.method = method;
        r.request.url = std::string("{{baseUrl}}") + path;
        r.request.connectTimeoutMs = 10'000;
        r.request.totalTimeoutMs = totalTimeoutS * 1000;
        m_panel->setRequest(r);
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "streams";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;

        // Two ticks, then a minute of heartbeats before the last event.
        server::SseStream feed;
        feed.events = { tick("tick", 0), tick("tick", 20), tick("end", 60'000) };
        feed.heartbeatMs = 100;
        ws.routes.push_back(sseRoute("GET", "/feed", feed));

        server::SseStream tokens;
        tokens.mode = server::SseMode::Tokens;
        tokens.text = "Streaming {{request.query.who}} token by token.";
        tokens.model = "tollgate-test";
        tokens.tokensPerSecond = 400;
        ws.routes.push_back(sseRoute("POST", "/v1/chat/completions", tokens));

        // Longer than the total timeout, an event every 200 ms.
        server::SseStream ticks;
        ticks.events.assign(12, tick("tick", 0));
        ticks.eventsPerSecond = 5;
        ticks.heartbeatMs = 0;
        ws.routes.push_back(sseRoute("GET", "/ticks", ticks));

        // One event, then silence longer than the total timeout.
        server::SseStream silent;
        silent.events = { tick("tick", 0), tick("late", 60'000) };
        silent.heartbeatMs = 0;
        ws.routes.push_back(sseRoute("GET", "/silent", silent));

        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        QVERIFY(test::startServer(m_window->serverController()));
        m_window->showPage(MainWindow::RequestsPage);
        m_panel = m_window->composer();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void eventsShowBeforeTheStreamEndsAndStopKeepsThem()
    {
        setRequest("GET", "/feed");
        QSignalSpy finished(m_panel->sender(), &RequestSender::finished);
        QTest::mouseClick(sendButton(), Qt::LeftButton);

        // Shown while the stream is open: its last event is a minute away.
        QTRY_COMPARE_WITH_TIMEOUT(events()->rowCount(), 2, 10'000);
        QVERIFY(m_panel->sender()->isStreaming());
        QCOMPARE(finished.count(), 0);
        QCOMPARE(events()->event(0).type, QStringLiteral("tick"));
        QCOMPARE(events()->event(1).data, QStringLiteral("{\"n\":1}"));
        QCOMPARE(events()->event(1).id, QStringLiteral("1"));
        QVERIFY(events()->event(0).atMs <= events()->event(1).atMs);
        QCOMPARE(sendButton()->text(), QStringLiteral("Stop"));
        ResponseViewer* viewer = m_panel->viewer();
        QCOMPARE(viewer->statusText(), QStringLiteral("200 OK"));
        auto* tabs = child<QTabWidget>("responseTabs");
        QCOMPARE(tabs->currentWidget(), viewer->streamView());
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Events (2)"));
        QCOMPARE(viewer->streamView()->stateText(), QStringLiteral("Streaming…"));
        QVERIFY2(viewer->streamView()->summaryText().contains(QStringLiteral("first after")),
            qPrintable(viewer->streamView()->summaryText()));

        // Heartbeats are counted, never listed.
        QTRY_VERIFY_WITH_TIMEOUT(events()->commentCount() >= 2, 10'000);
        QCOMPARE(events()->rowCount(), 2);
        QVERIFY(viewer->streamView()->summaryText().contains(QStringLiteral("heartbeat")));

        // Stop: the cancel path; everything received stays.
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!m_panel->sender()->isRunning());
        QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
        QCOMPARE(events()->rowCount(), 2);
        QCOMPARE(viewer->streamView()->stateText(), QStringLiteral("Stopped"));
        QCOMPARE(tabs->currentWidget(), viewer->streamView());
        QCOMPARE(viewer->statusText(), QStringLiteral("200 OK"));
        // The raw body is the bytes received, heartbeats and all.
        viewer->setPretty(false);
        const QString raw = viewer->bodyText();
        QVERIFY2(raw.startsWith(QStringLiteral("event: tick\ndata: {\"n\":0}\nid: 0\n\n")),
            qPrintable(raw));
        QVERIFY2(raw.contains(QStringLiteral("\n:\n")), qPrintable(raw));
        QCOMPARE(raw.toUtf8(), m_panel->sender()->response().preview);

        // The history keeps status and time as for any request.
        QCOMPARE(m_panel->historyModel()->rowCount(), 1);
        const server::HistoryEntry& entry = m_panel->historyModel()->entry(0);
        QCOMPARE(entry.status, 200);
        QVERIFY(entry.totalMs > 0);
        QCOMPARE(entry.error, std::string("Stopped."));
    }

    void tokenStreamTextIsAssembled()
    {
        setRequest("POST", "/v1/chat/completions?who=tests");
        QSignalSpy finished(m_panel->sender(), &RequestSender::finished);
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        StreamView* view = m_panel->viewer()->streamView();
        QCOMPARE(view->text(), QStringLiteral("Streaming tests token by token."));
        QCOMPARE(child<QPlainTextEdit>("streamText")->toPlainText(), view->text());
        QVERIFY(child<QWidget>("streamText")->isVisible());
        QVERIFY(events()->chunkCount() > 5);
        QCOMPARE(events()->eventCount(), events()->chunkCount() + 1);
        QVERIFY(events()->doneSeen());
        QCOMPARE(events()->finishReason(), QStringLiteral("stop"));
        QCOMPARE(view->stateText(), QStringLiteral("Ended"));
        const QString title = child<QLabel>("streamTextTitle")->text();
        QVERIFY2(title.contains(QString::number(events()->chunkCount())), qPrintable(title));
        // A rate is shown once events arrived over some time; on a busy machine the
        // client may read the whole stream in one go, and then no rate is claimed.
        QVERIFY2(view->summaryText().contains(QStringLiteral("events/s"))
                == (events()->eventsPerSecond() > 0),
            qPrintable(view->summaryText()));
        QCOMPARE(m_panel->sender()->response().error, ComposerResponse::Error::None);
    }

    void totalTimeoutCountsSilenceInAStream()
    {
        // 12 events over about 2.4 s, with a 1 s limit: never silent that long.
        setRequest("GET", "/ticks", 1);
        QSignalSpy finished(m_panel->sender(), &RequestSender::finished);
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20'000));
        const ComposerResponse& flowing = m_panel->sender()->response();
        QVERIFY2(flowing.error == ComposerResponse::Error::None, qPrintable(flowing.errorText));
        QVERIFY(flowing.totalMs > 1000);
        QCOMPARE(events()->eventCount(), 12);

        // One event, then silence: cut after the limit, the event kept.
        setRequest("GET", "/silent", 1);
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20'000));
        const ComposerResponse& silent = m_panel->sender()->response();
        QCOMPARE(silent.error, ComposerResponse::Error::TotalTimeout);
        QVERIFY2(silent.errorText.contains(QStringLiteral("sent nothing")),
            qPrintable(silent.errorText));
        QCOMPARE(events()->rowCount(), 1);
        QCOMPARE(m_panel->viewer()->streamView()->stateText(), QStringLiteral("Cut off"));
        QVERIFY(child<QLabel>("responseSize")->text().contains(QStringLiteral("cut off")));
        QCOMPARE(m_panel->historyModel()->entry(0).status, 200);
    }

    void anOrdinaryAnswerAfterAStreamHasNoEventsTab()
    {
        setRequest("GET", "/feed");
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(events()->rowCount(), 2, 10'000);
        QSignalSpy finished(m_panel->sender(), &RequestSender::finished);
        setRequest("GET", "/health");
        QTest::mouseClick(sendButton(), Qt::LeftButton); // Stop
        QCOMPARE(finished.count(), 1);
        QTest::mouseClick(sendButton(), Qt::LeftButton); // Send
        QVERIFY(finished.wait(10'000));
        QCOMPARE(m_panel->viewer()->statusText(), QStringLiteral("200 OK"));
        auto* tabs = child<QTabWidget>("responseTabs");
        QCOMPARE(tabs->indexOf(m_panel->viewer()->streamView()), -1);
        QCOMPARE(tabs->tabText(1),
            QStringLiteral("Headers (%1)").arg(m_panel->sender()->response().headers.size()));
    }
};

QTEST_MAIN(TestComposerStream)
#include "tst_composerstream.moc"
