// The window side of SSE routes: the route editor's third responder (a
// Server-Sent Events stream), the Stream tab's settings (each an undoable
// edit; what the workspace reader would refuse is shown and not stored), its
// two modes showing only their own settings, and the other responders'
// settings kept while a route streams.

#include "testutil.h"

#include "server/workspace/routefile.h"
#include "ui/document/workspacedocument.h"
#include "ui/routes/routeeditor.h"
#include "ui/routes/routestreamtab.h"
#include "ui/routes/sseeventmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

class TestRouteEditorSse : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<RouteEditor> m_editor;

    template <typename T> T* child(const char* name)
    {
        return test::child<T>(m_editor.get(), name);
    }

    const server::Route& route() const { return m_doc->route(0); }
    const server::SseStream& sse() const { return route().sse; }
    QUndoStack* undo() const { return m_doc->undoStack(); }
    QTabWidget* tabs() { return child<QTabWidget>("routeTabs"); }
    QAbstractItemModel* events() { return child<QTableView>("sseEventsView")->model(); }
    QModelIndex cell(int row, int column) { return events()->index(row, column); }

    /// The index of the route tab titled text (-1 if there is none).
    int tab(const QString& text)
    {
        for (int i = 0; i < tabs()->count(); ++i) {
            if (tabs()->tabText(i) == text)
                return i;
        }
        return -1;
    }

    // Types into a line edit or text editor as a user does: select all,
    // then the keys.
    template <typename Edit> static void type(Edit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }

    void switchToSse()
    {
        child<QRadioButton>("sseResponderRadio")->click();
        QCOMPARE(route().responder, server::RouteResponder::Sse);
    }

    // What the route file reader makes of the route as it is written: no
    // problem, and the same stream.
    static void verifyLoads(const server::Route& route)
    {
        server::Route read;
        std::vector<server::Diagnostic> errors;
        const bool ok
            = server::routeFromJson(server::routeToJson(route), "route.json", &read, &errors);
        QVERIFY2(
            ok && errors.empty(), errors.empty() ? "not read" : errors.front().toString().c_str());
        QCOMPARE(read.responder, route.responder);
        QVERIFY(read.sse == route.sse);
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(m_doc->create(m_dir->path(), QStringLiteral("sse"), &error), qPrintable(error));
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, m_doc->makeNewRoute(), {});
        m_doc->undoStack()->clear();
        m_editor = std::make_unique<RouteEditor>(m_doc.get());
        m_editor->resize(1100, 800);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        m_editor->setCurrentRow(0);
    }

    void cleanup()
    {
        m_editor.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void switchingToSseShowsTheStreamAndSeedsAnEvent()
    {
        auto* designed = child<QRadioButton>("designedResponderRadio");
        auto* sseRadio = child<QRadioButton>("sseResponderRadio");
        QVERIFY(designed->isChecked());
        const int streamTab = tab(QStringLiteral("Stream"));
        const int responsesTab = tab(QStringLiteral("Responses"));
        const int rulesTab = tab(QStringLiteral("Rules"));
        QVERIFY(streamTab >= 0 && responsesTab >= 0 && rulesTab >= 0);
        QVERIFY(!tabs()->isTabVisible(streamTab));
        tabs()->setCurrentIndex(responsesTab);
        const std::vector<server::Response> responses = route().responses;

        sseRadio->click();
        QCOMPARE(route().responder, server::RouteResponder::Sse);
        // Valid at once: a stream of events needs one.
        QCOMPARE(sse().mode, server::SseMode::Events);
        QCOMPARE(sse().events.size(), std::size_t(1));
        QVERIFY(sse().events.front() == SseEventModel::starterEvent());
        QCOMPARE(sse().events.front().data, std::string(R"({"n": {{stream.index}}})"));
        QCOMPARE(route().responses, responses);
        QCOMPARE(undo()->count(), 1);
        verifyLoads(route());
        // Its tab comes next; rules and responses are not used.
        QVERIFY(tabs()->isTabVisible(streamTab));
        QCOMPARE(tabs()->currentIndex(), streamTab);
        QVERIFY(!tabs()->isTabEnabled(rulesTab));
        QVERIFY(!tabs()->isTabEnabled(responsesTab));
        QVERIFY(tabs()->tabToolTip(responsesTab).contains(QStringLiteral("event stream")));
        QVERIFY(tabs()->tabToolTip(rulesTab).contains(QStringLiteral("event stream")));
        QCOMPARE(events()->rowCount(), 1);
        QCOMPARE(
            cell(0, SseEventModel::IdColumn).data().toString(), QStringLiteral("{{stream.index}}"));
        QCOMPARE(child<QPlainTextEdit>("sseEventDataEdit")->toPlainText(),
            QStringLiteral(R"({"n": {{stream.index}}})"));

        undo()->undo();
        QCOMPARE(route().responder, server::RouteResponder::Designed);
        QVERIFY(sse().events.empty());
        QVERIFY(designed->isChecked());
        QVERIFY(!tabs()->isTabVisible(streamTab));
        QCOMPARE(tabs()->currentIndex(), responsesTab);
        QVERIFY(tabs()->isTabEnabled(rulesTab));
        QVERIFY(tabs()->isTabEnabled(responsesTab));
        QVERIFY(tabs()->tabToolTip(responsesTab).isEmpty());
        undo()->redo();
        QCOMPARE(route().responder, server::RouteResponder::Sse);
        QVERIFY(sseRadio->isChecked());
        QCOMPARE(tabs()->currentIndex(), streamTab);

        // Straight to an upstream and back: each keeps its settings.
        child<QRadioButton>("upstreamResponderRadio")->click();
        QCOMPARE(route().responder, server::RouteResponder::Upstream);
        QVERIFY(!tabs()->isTabVisible(streamTab));
        QVERIFY(tabs()->isTabVisible(0));
        QCOMPARE(tabs()->currentIndex(), 0);
        QVERIFY(tabs()->isTabEnabled(responsesTab));
        QCOMPARE(sse().events.size(), std::size_t(1));
        const std::string url = route().upstream.url;
        sseRadio->click();
        QCOMPARE(route().responder, server::RouteResponder::Sse);
        QCOMPARE(route().upstream.url, url);
        QCOMPARE(sse().events.size(), std::size_t(1));
        QVERIFY(!tabs()->isTabVisible(0));
        QCOMPARE(tabs()->currentIndex(), streamTab);
        QCOMPARE(undo()->count(), 3);
    }

    void editingEventsChangesTheRouteAndUndoes()
    {
        switchToSse();
        const server::SseStream seeded = sse();
        int steps = undo()->count();
        const auto oneStep = [&] { return undo()->count() == ++steps; };

        QVERIFY(events()->setData(cell(0, SseEventModel::TypeColumn), QStringLiteral("tick")));
        QCOMPARE(sse().events[0].event, std::string("tick"));
        QVERIFY(oneStep());
        QVERIFY(events()->setData(
            cell(0, SseEventModel::DataColumn), QStringLiteral(R"({"at": "{{now}}"})")));
        QCOMPARE(sse().events[0].data, std::string(R"({"at": "{{now}}"})"));
        QVERIFY(oneStep());
        // The editor below the table shows the selected event's data.
        QCOMPARE(child<QPlainTextEdit>("sseEventDataEdit")->toPlainText(),
            QStringLiteral(R"({"at": "{{now}}"})"));
        QVERIFY(events()->setData(cell(0, SseEventModel::IdColumn), QStringLiteral("t-1")));
        QCOMPARE(sse().events[0].id, std::string("t-1"));
        QVERIFY(oneStep());
        QVERIFY(events()->setData(cell(0, SseEventModel::RetryColumn), 3000));
        QCOMPARE(sse().events[0].retryMs, 3000);
        QVERIFY(oneStep());
        QVERIFY(events()->setData(cell(0, SseEventModel::DelayColumn), 250));
        QCOMPARE(sse().events[0].delayMs, 250);
        QVERIFY(oneStep());

        // What the reader refuses is said and not stored.
        auto* error = child<QLabel>("sseErrorLabel");
        QVERIFY(!error->isVisible());
        QVERIFY(!events()->setData(
            cell(0, SseEventModel::IdColumn), QStringLiteral("a\nb"), Qt::EditRole));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("\"id\" must be one line")),
            qPrintable(error->text()));
        QVERIFY(!events()->setData(cell(0, SseEventModel::DelayColumn), 3'600'001));
        QVERIFY2(error->text().contains(QStringLiteral("between 0 and 3600000")),
            qPrintable(error->text()));
        QCOMPARE(sse().events[0].id, std::string("t-1"));
        QCOMPARE(sse().events[0].delayMs, 250);
        QCOMPARE(undo()->count(), steps);
        // The next edit that is stored clears it.
        QVERIFY(events()->setData(cell(0, SseEventModel::TypeColumn), QStringLiteral("tock")));
        QCOMPARE(sse().events[0].event, std::string("tock"));
        QVERIFY(oneStep());
        QVERIFY(!error->isVisible());
        // Edits of the same cell in a row are one step, as typing in it.
        QVERIFY(events()->setData(cell(0, SseEventModel::TypeColumn), QStringLiteral("tack")));
        QCOMPARE(sse().events[0].event, std::string("tack"));
        QCOMPARE(undo()->count(), steps);

        // Typing the data, several lines of it, is one undo step.
        auto* data = child<QPlainTextEdit>("sseEventDataEdit");
        type(data, QStringLiteral("line one"));
        QTest::keyClick(data, Qt::Key_Return);
        QTest::keyClicks(data, QStringLiteral("line two"));
        QCOMPARE(sse().events[0].data, std::string("line one\nline two"));
        QVERIFY(oneStep());
        // Several lines are not edited in the cell's one-line editor.
        QVERIFY(!(events()->flags(cell(0, SseEventModel::DataColumn)) & Qt::ItemIsEditable));
        QVERIFY(events()->flags(cell(0, SseEventModel::IdColumn)) & Qt::ItemIsEditable);

        // Rows: a new one is a starter event; a stream keeps at least one.
        auto* add = child<QToolButton>("addSseEventButton");
        auto* remove = child<QToolButton>("removeSseEventButton");
        auto* up = child<QToolButton>("sseEventUpButton");
        auto* down = child<QToolButton>("sseEventDownButton");
        QVERIFY(!remove->isEnabled());
        add->click();
        QCOMPARE(sse().events.size(), std::size_t(2));
        QVERIFY(sse().events[1] == SseEventModel::starterEvent());
        QVERIFY(oneStep());
        auto* view = child<QTableView>("sseEventsView");
        QCOMPARE(view->currentIndex().row(), 1);
        QVERIFY(remove->isEnabled() && up->isEnabled() && !down->isEnabled());
        up->click();
        QVERIFY(sse().events[0] == SseEventModel::starterEvent());
        QCOMPARE(sse().events[1].id, std::string("t-1"));
        QCOMPARE(view->currentIndex().row(), 0);
        QVERIFY(oneStep());
        remove->click();
        QCOMPARE(sse().events.size(), std::size_t(1));
        QCOMPARE(sse().events[0].id, std::string("t-1"));
        QVERIFY(oneStep());
        QVERIFY(!remove->isEnabled());

        // The stream's own settings.
        child<QCheckBox>("sseRepeatCheck")->click();
        QVERIFY(sse().repeat);
        QVERIFY(oneStep());
        auto* pace = child<QDoubleSpinBox>("ssePaceSpin");
        QCOMPARE(pace->text(), QStringLiteral("each event's delay"));
        pace->setValue(4);
        QCOMPARE(sse().eventsPerSecond, 4.0);
        QVERIFY(oneStep());
        // With a pace, each event's delay is not used.
        QVERIFY(!(events()->flags(cell(0, SseEventModel::DelayColumn)) & Qt::ItemIsEnabled));
        auto* heartbeatOn = child<QCheckBox>("sseHeartbeatCheck");
        auto* heartbeat = child<QSpinBox>("sseHeartbeatSpin");
        QVERIFY(heartbeatOn->isChecked());
        QCOMPARE(heartbeat->value(), 15'000);
        heartbeatOn->click();
        QCOMPARE(sse().heartbeatMs, 0);
        QVERIFY(!heartbeat->isEnabled());
        QVERIFY(oneStep());
        heartbeatOn->click();
        QCOMPARE(sse().heartbeatMs, 15'000);
        QVERIFY(oneStep());
        heartbeat->setValue(50); // below the reader's 100: the spin box stops there
        QCOMPARE(sse().heartbeatMs, 100);
        QVERIFY(oneStep());
        verifyLoads(route());

        // Undo walks back one edit at a time, and the widgets follow.
        const server::SseStream edited = sse();
        undo()->undo();
        QCOMPARE(sse().heartbeatMs, 15'000);
        QCOMPARE(heartbeat->value(), 15'000);
        while (undo()->index() > 1) // back to just after the switch
            undo()->undo();
        QVERIFY(sse() == seeded);
        QCOMPARE(events()->rowCount(), 1);
        QCOMPARE(cell(0, SseEventModel::TypeColumn).data(Qt::EditRole).toString(), QString());
        QCOMPARE(data->toPlainText(), QStringLiteral(R"({"n": {{stream.index}}})"));
        QVERIFY(!child<QCheckBox>("sseRepeatCheck")->isChecked());
        QCOMPARE(pace->value(), 0.0);
        QVERIFY(events()->flags(cell(0, SseEventModel::DelayColumn)) & Qt::ItemIsEnabled);
        while (undo()->canRedo())
            undo()->redo();
        QVERIFY(sse() == edited);
        QCOMPARE(cell(0, SseEventModel::IdColumn).data().toString(), QStringLiteral("t-1"));
    }

    void tokensModeShowsTheTextAndHidesTheTable()
    {
        switchToSse();
        auto* mode = child<QComboBox>("sseModeCombo");
        auto* table = child<QTableView>("sseEventsView");
        auto* text = child<QPlainTextEdit>("sseTextEdit");
        QVERIFY(table->isVisible());
        QVERIFY(!text->isVisible());
        QVERIFY(child<QCheckBox>("sseRepeatCheck")->isVisible());
        const std::vector<server::SseEvent> scripted = sse().events;

        mode->setCurrentIndex(mode->findData(int(server::SseMode::Tokens)));
        QCOMPARE(sse().mode, server::SseMode::Tokens);
        // Something to stream at once; the events are kept.
        QCOMPARE(sse().text, std::string(RouteStreamTab::kStarterText));
        QVERIFY(sse().events == scripted);
        QVERIFY(text->isVisible());
        QVERIFY(!table->isVisible());
        QVERIFY(!child<QCheckBox>("sseRepeatCheck")->isVisible());
        QVERIFY(!child<QDoubleSpinBox>("ssePaceSpin")->isVisible());
        QVERIFY(child<QSpinBox>("sseTokensPerChunkSpin")->isVisible());
        QCOMPARE(text->toPlainText(), QString::fromLatin1(RouteStreamTab::kStarterText));
        verifyLoads(route());

        int steps = undo()->count();
        type(text, QStringLiteral("You said {{request.json.messages.0.content}}"));
        QCOMPARE(sse().text, std::string("You said {{request.json.messages.0.content}}"));
        QCOMPARE(undo()->count(), ++steps); // one step for the typing
        type(child<QLineEdit>("sseModelEdit"), QStringLiteral("gpt-test"));
        QCOMPARE(sse().model, std::string("gpt-test"));
        QCOMPARE(undo()->count(), ++steps);
        child<QDoubleSpinBox>("sseTokensPerSecondSpin")->setValue(12.5);
        QCOMPARE(sse().tokensPerSecond, 12.5);
        child<QSpinBox>("sseTokensPerChunkSpin")->setValue(3);
        QCOMPARE(sse().tokensPerChunk, 3);
        QCOMPARE(undo()->count(), steps + 2);
        const QString estimate = child<QLabel>("sseEstimateLabel")->text();
        QVERIFY2(estimate.contains(QStringLiteral("tokens")), qPrintable(estimate));
        verifyLoads(route());

        // Back to events: the table again, the completion kept.
        const server::SseStream tokens = sse();
        mode->setCurrentIndex(mode->findData(int(server::SseMode::Events)));
        QCOMPARE(sse().mode, server::SseMode::Events);
        QVERIFY(sse().events == scripted);
        QCOMPARE(sse().text, tokens.text);
        QVERIFY(table->isVisible());
        QVERIFY(!text->isVisible());
        undo()->undo();
        QVERIFY(sse() == tokens);
        QCOMPARE(mode->currentData().toInt(), int(server::SseMode::Tokens));
        QVERIFY(text->isVisible());
        QVERIFY(!table->isVisible());
        undo()->undo(); // the chunk size
        QCOMPARE(child<QSpinBox>("sseTokensPerChunkSpin")->value(), 1);
    }

    void switchingBackToDesignedKeepsTheStream()
    {
        switchToSse();
        child<QToolButton>("addSseEventButton")->click();
        child<QCheckBox>("sseRepeatCheck")->click();
        const server::SseStream stream = sse();
        QCOMPARE(stream.events.size(), std::size_t(2));

        auto* designed = child<QRadioButton>("designedResponderRadio");
        designed->click();
        QCOMPARE(route().responder, server::RouteResponder::Designed);
        QVERIFY(sse() == stream);
        QVERIFY(!tabs()->isTabVisible(tab(QStringLiteral("Stream"))));
        QCOMPARE(tabs()->currentIndex(), tab(QStringLiteral("Responses")));
        QVERIFY(tabs()->isTabEnabled(tab(QStringLiteral("Responses"))));
        // Written to the route file, so a reload loses nothing either.
        verifyLoads(route());
        QVERIFY(server::routeToJson(route()).find("\"sse\"") != std::string::npos);

        child<QRadioButton>("sseResponderRadio")->click();
        QCOMPARE(route().responder, server::RouteResponder::Sse);
        QVERIFY(sse() == stream); // nothing seeded over it
        QCOMPARE(events()->rowCount(), 2);
        QVERIFY(child<QCheckBox>("sseRepeatCheck")->isChecked());
    }

    void aStreamRouteOpensOnItsStream()
    {
        server::Route stream = m_doc->makeNewRoute();
        stream.path = "/v1/events";
        stream.responder = server::RouteResponder::Sse;
        stream.sse.events = { SseEventModel::starterEvent() };
        stream.sse.heartbeatMs = 0;
        m_doc->insertRoute(1, stream, QStringLiteral("setup"));
        tabs()->setCurrentIndex(tab(QStringLiteral("Rules")));

        m_editor->setCurrentRow(1);
        QCOMPARE(tabs()->currentIndex(), tab(QStringLiteral("Stream")));
        QVERIFY(child<QRadioButton>("sseResponderRadio")->isChecked());
        QVERIFY(!child<QCheckBox>("sseHeartbeatCheck")->isChecked());
        QVERIFY(!child<QSpinBox>("sseHeartbeatSpin")->isEnabled());
        // Showing a route is no edit.
        QCOMPARE(undo()->count(), 1);

        m_editor->setCurrentRow(0);
        QVERIFY(child<QRadioButton>("designedResponderRadio")->isChecked());
        QVERIFY(!tabs()->isTabVisible(tab(QStringLiteral("Stream"))));
        QCOMPARE(tabs()->currentIndex(), tab(QStringLiteral("Responses")));
        QCOMPARE(undo()->count(), 1);
    }
};

QTEST_MAIN(TestRouteEditorSse)
#include "tst_routeeditorsse.moc"
