// The window side of WebSocket routes: the route editor's fourth responder
// (GET taken in the same undo step), the WebSocket tab's messages on open,
// rules with their replies and close, echo and limits (each an undoable
// edit), what the route file reader would refuse shown as it is typed and
// not stored (nor lost), the route list's badge, Try It's ws:// URL, and
// the route as its file writes and reads it.

#include "testutil.h"

#include "server/composer/routeexample.h"
#include "server/workspace/routefile.h"
#include "ui/document/workspacedocument.h"
#include "ui/routes/routeeditor.h"
#include "ui/routes/routelistmodel.h"
#include "ui/routes/routewebsockettab.h"
#include "ui/routes/wsmessagemodel.h"
#include "ui/routes/wsrulemodel.h"

#include <QCheckBox>
#include <QComboBox>
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

class TestRouteEditorWebSocket : public QObject {
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
    const server::WsScript& ws() const { return route().websocket; }
    QUndoStack* undo() const { return m_doc->undoStack(); }
    QTabWidget* tabs() { return child<QTabWidget>("routeTabs"); }
    QTableView* rulesView() { return child<QTableView>("wsRulesView"); }
    QAbstractItemModel* onOpen() { return child<QTableView>("wsOnOpenView")->model(); }
    QLabel* ruleError() { return child<QLabel>("wsRuleErrorLabel"); }

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

    void switchToWebSocket()
    {
        child<QRadioButton>("websocketResponderRadio")->click();
        QCOMPARE(route().responder, server::RouteResponder::WebSocket);
    }

    void selectRule(int row)
    {
        rulesView()->setCurrentIndex(rulesView()->model()->index(row, 0));
        QCOMPARE(rulesView()->currentIndex().row(), row);
    }

    // What the route file makes of the route: read back without a problem
    // and the same route, every field of it.
    static void verifyRoundTrip(const server::Route& route)
    {
        server::Route read;
        std::vector<server::Diagnostic> errors;
        const bool ok
            = server::routeFromJson(server::routeToJson(route), "route.json", &read, &errors);
        QVERIFY2(
            ok && errors.empty(), errors.empty() ? "not read" : errors.front().toString().c_str());
        read.fileName = route.fileName;
        QCOMPARE(read.responder, route.responder);
        QCOMPARE(read.method, route.method);
        QVERIFY(read.websocket == route.websocket);
        QVERIFY(read == route);
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(m_doc->create(m_dir->path(), QStringLiteral("ws"), &error), qPrintable(error));
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, m_doc->makeNewRoute(), {});
        m_doc->undoStack()->clear();
        m_editor = std::make_unique<RouteEditor>(m_doc.get());
        m_editor->resize(1200, 900);
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

    void choosingWebSocketTakesGetInTheSameStep()
    {
        server::Route post = route();
        post.method = "POST";
        m_doc->setRoute(0, post, {}, QStringLiteral("setup"));
        undo()->clear();
        auto* method = child<QComboBox>("methodCombo");
        QCOMPARE(method->currentText(), QStringLiteral("POST"));
        const int wsTab = tab(QStringLiteral("WebSocket"));
        const int responsesTab = tab(QStringLiteral("Responses"));
        const int rulesTab = tab(QStringLiteral("Rules"));
        QVERIFY(wsTab >= 0 && responsesTab >= 0 && rulesTab >= 0);
        QVERIFY(!tabs()->isTabVisible(wsTab));
        tabs()->setCurrentIndex(responsesTab);

        switchToWebSocket();
        QCOMPARE(route().method, std::string("GET"));
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Answer with a WebSocket (method GET)"));
        // It shows what a WebSocket route does at once: a welcome, ping
        // answered with pong, echo for the rest.
        QCOMPARE(ws().onOpen.size(), std::size_t(1));
        QVERIFY(ws().onOpen.front() == RouteWebSocketTab::starterOnOpen());
        QCOMPARE(ws().rules.size(), std::size_t(1));
        QVERIFY(ws().rules.front() == WsRuleModel::starterRule());
        QVERIFY(ws().echo);
        verifyRoundTrip(route());
        // Its tab comes next, in place of the responses and rules.
        QVERIFY(tabs()->isTabVisible(wsTab));
        QCOMPARE(tabs()->currentIndex(), wsTab);
        QVERIFY(!tabs()->isTabEnabled(rulesTab));
        QVERIFY(!tabs()->isTabEnabled(responsesTab));
        QVERIFY(tabs()->tabToolTip(responsesTab).contains(QStringLiteral("WebSocket")));
        // GET is the only method a WebSocket is opened with.
        QCOMPARE(method->currentText(), QStringLiteral("GET"));
        QVERIFY(!method->isEnabled());
        QVERIFY(method->toolTip().contains(QStringLiteral("GET")));
        QCOMPARE(rulesView()->model()->rowCount(), 1);
        QCOMPARE(rulesView()->currentIndex().row(), 0);
        QCOMPARE(child<QLineEdit>("wsRuleValueEdit")->text(), QStringLiteral("ping"));
        QCOMPARE(child<QPlainTextEdit>("wsOnOpenTextEdit")->toPlainText(),
            QString::fromStdString(RouteWebSocketTab::starterOnOpen().text));

        undo()->undo();
        QCOMPARE(route().responder, server::RouteResponder::Designed);
        QCOMPARE(route().method, std::string("POST"));
        QVERIFY(ws() == server::WsScript {});
        QCOMPARE(method->currentText(), QStringLiteral("POST"));
        QVERIFY(method->isEnabled());
        QVERIFY(!tabs()->isTabVisible(wsTab));
        QCOMPARE(tabs()->currentIndex(), responsesTab);
        QVERIFY(tabs()->isTabEnabled(rulesTab));
        undo()->redo();
        QCOMPARE(route().responder, server::RouteResponder::WebSocket);
        QCOMPARE(route().method, std::string("GET"));
        QVERIFY(child<QRadioButton>("websocketResponderRadio")->isChecked());
        QCOMPARE(tabs()->currentIndex(), wsTab);

        // To a stream and back: each keeps its settings, nothing reseeded.
        const server::WsScript script = ws();
        child<QRadioButton>("sseResponderRadio")->click();
        QVERIFY(!tabs()->isTabVisible(wsTab));
        QVERIFY(method->isEnabled());
        QVERIFY(ws() == script);
        verifyRoundTrip(route()); // the kept script is written too
        switchToWebSocket();
        QVERIFY(ws() == script);
        QCOMPARE(undo()->undoText(), QStringLiteral("Answer with a WebSocket"));
    }

    void editingMessagesAndRulesChangesTheRouteAndUndoes()
    {
        switchToWebSocket();
        const server::WsScript seeded = ws();
        int steps = undo()->count();
        const auto oneStep = [&] { return undo()->count() == ++steps; };

        // On open: a second message, its text typed (one step), its delay.
        child<QToolButton>("wsOnOpenAddButton")->click();
        QCOMPARE(ws().onOpen.size(), std::size_t(2));
        QVERIFY(oneStep());
        auto* openText = child<QPlainTextEdit>("wsOnOpenTextEdit");
        QCOMPARE(child<QTableView>("wsOnOpenView")->currentIndex().row(), 1);
        type(openText, QStringLiteral("hello {{request.query.name}}"));
        QCOMPARE(ws().onOpen[1].text, std::string("hello {{request.query.name}}"));
        QVERIFY(oneStep());
        QVERIFY(onOpen()->setData(onOpen()->index(1, WsMessageModel::DelayColumn), 250));
        QCOMPARE(ws().onOpen[1].delayMs, 250);
        QVERIFY(oneStep());
        // A delay the reader refuses is said, not stored.
        QVERIFY(!onOpen()->setData(onOpen()->index(1, WsMessageModel::DelayColumn), 3'600'001));
        auto* error = child<QLabel>("wsErrorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("between 0 and 3600000")),
            qPrintable(error->text()));
        QCOMPARE(ws().onOpen[1].delayMs, 250);
        QCOMPARE(undo()->count(), steps);
        // Reordered: the typed message goes first.
        child<QToolButton>("wsOnOpenUpButton")->click();
        QCOMPARE(ws().onOpen[0].text, std::string("hello {{request.query.name}}"));
        QVERIFY(oneStep());
        QVERIFY(!error->isVisible());

        // A second rule: the value is where the cursor goes.
        child<QToolButton>("wsAddRuleButton")->click();
        QCOMPARE(ws().rules.size(), std::size_t(2));
        QVERIFY(oneStep());
        QCOMPARE(rulesView()->currentIndex().row(), 1);
        auto* value = child<QLineEdit>("wsRuleValueEdit");
        QCOMPARE(m_editor->focusWidget(), value);
        QCOMPARE(child<QLabel>("wsRuleTitle")->text(), QStringLiteral("Rule 2"));
        auto* match = child<QComboBox>("wsRuleMatchCombo");
        match->setCurrentIndex(WsRuleModel::matchIndex(server::WsMatch::Contains));
        QCOMPARE(ws().rules[1].match, server::WsMatch::Contains);
        QVERIFY(oneStep());
        type(child<QLineEdit>("wsRulePointerEdit"), QString());
        QCOMPARE(ws().rules[1].pointer, std::string());
        QVERIFY(oneStep());
        type(value, QStringLiteral("bye"));
        QCOMPARE(ws().rules[1].value, std::string("bye"));
        QVERIFY(oneStep()); // the typing is one step
        child<QComboBox>("wsRuleAudienceCombo")->setCurrentIndex(1);
        QCOMPARE(ws().rules[1].audience, server::WsAudience::Everyone);
        QVERIFY(oneStep());
        auto* reason = child<QLineEdit>("wsRuleCloseReasonEdit");
        QVERIFY(!reason->isEnabled()); // no code, no reason
        type(child<QLineEdit>("wsRuleCloseCodeEdit"), QStringLiteral("1000"));
        QCOMPARE(ws().rules[1].closeCode, 1000);
        QVERIFY(oneStep());
        QVERIFY(reason->isEnabled());
        type(reason, QStringLiteral("see you"));
        QCOMPARE(ws().rules[1].closeReason, std::string("see you"));
        QVERIFY(oneStep());
        // Its replies: the starter's one, typed over, and a second.
        QCOMPARE(ws().rules[1].replies.size(), std::size_t(1));
        auto* replyText = child<QPlainTextEdit>("wsRepliesTextEdit");
        type(replyText, QStringLiteral("{\"bye\": \"{{message}}\"}"));
        QCOMPARE(ws().rules[1].replies[0].text, std::string("{\"bye\": \"{{message}}\"}"));
        QVERIFY(oneStep());
        child<QToolButton>("wsRepliesAddButton")->click();
        QCOMPARE(ws().rules[1].replies.size(), std::size_t(2));
        QVERIFY(oneStep());
        type(replyText, QStringLiteral("closing"));
        QCOMPARE(ws().rules[1].replies[1].text, std::string("closing"));
        QVERIFY(oneStep());
        // The table shows the rule as stored.
        QAbstractItemModel* rules = rulesView()->model();
        QCOMPARE(
            rules->index(1, WsRuleModel::ValueColumn).data().toString(), QStringLiteral("bye"));
        QCOMPARE(rules->index(1, WsRuleModel::CloseCodeColumn).data().toString(),
            QStringLiteral("1000"));
        // The first rule is untouched; selecting it shows it.
        QVERIFY(ws().rules[0] == WsRuleModel::starterRule());
        selectRule(0);
        QCOMPARE(value->text(), QStringLiteral("ping"));
        QCOMPARE(child<QLineEdit>("wsRuleCloseCodeEdit")->text(), QString());
        QCOMPARE(replyText->toPlainText(),
            QString::fromStdString(WsRuleModel::starterRule().replies[0].text));
        // Moved below the new one: checked after it.
        child<QToolButton>("wsRuleDownButton")->click();
        QCOMPARE(ws().rules[0].value, std::string("bye"));
        QCOMPARE(ws().rules[1].value, std::string("ping"));
        QCOMPARE(rulesView()->currentIndex().row(), 1);
        QVERIFY(oneStep());
        verifyRoundTrip(route());

        // Undo walks back one edit at a time, and the widgets follow.
        const server::WsScript edited = ws();
        undo()->undo();
        QCOMPARE(ws().rules[0].value, std::string("ping"));
        undo()->undo();
        QCOMPARE(ws().rules[1].replies[1].text, std::string(R"({"echo": "{{message}}"})"));
        while (undo()->index() > 1) // back to just after the switch
            undo()->undo();
        QVERIFY(ws() == seeded);
        QCOMPARE(rules->rowCount(), 1);
        QCOMPARE(onOpen()->rowCount(), 1);
        QCOMPARE(value->text(), QStringLiteral("ping"));
        QCOMPARE(openText->toPlainText(),
            QString::fromStdString(RouteWebSocketTab::starterOnOpen().text));
        while (undo()->canRedo())
            undo()->redo();
        QVERIFY(ws() == edited);
        QCOMPARE(rules->rowCount(), 2);
        QCOMPARE(rules->index(0, WsRuleModel::CloseReasonColumn).data().toString(),
            QStringLiteral("see you"));

        // Removing: the rule below takes the selection.
        selectRule(0);
        child<QToolButton>("wsRemoveRuleButton")->click();
        QCOMPARE(ws().rules.size(), std::size_t(1));
        QCOMPARE(ws().rules[0].value, std::string("ping"));
        QCOMPARE(value->text(), QStringLiteral("ping"));
        undo()->undo();
        QVERIFY(ws() == edited);
    }

    void aCloseCodeThatCannotBeSentIsSaidAndKept()
    {
        switchToWebSocket();
        const int steps = undo()->count();
        auto* code = child<QLineEdit>("wsRuleCloseCodeEdit");
        auto* reason = child<QLineEdit>("wsRuleCloseReasonEdit");
        QVERIFY(!ruleError()->isVisible());

        // 1005 is reserved: no Close frame may carry it.
        type(code, QStringLiteral("1005"));
        QVERIFY(ruleError()->isVisible());
        QVERIFY2(ruleError()->text().contains(QStringLiteral("1005"))
                && ruleError()->text().contains(QStringLiteral("cannot be sent")),
            qPrintable(ruleError()->text()));
        QCOMPARE(ws().rules[0].closeCode, 0);
        QCOMPARE(undo()->count(), steps);
        // Kept as typed: leaving the field, and other edits, keep it.
        QCOMPARE(code->text(), QStringLiteral("1005"));
        QVERIFY(reason->isEnabled());
        type(reason, QStringLiteral("gone"));
        child<QLineEdit>("wsRuleValueEdit")->setFocus();
        QCOMPARE(code->text(), QStringLiteral("1005"));
        child<QCheckBox>("wsEchoCheck")->click();
        QVERIFY(!ws().echo);
        QCOMPARE(undo()->count(), steps + 1);
        QCOMPARE(code->text(), QStringLiteral("1005"));
        QCOMPARE(reason->text(), QStringLiteral("gone"));
        QVERIFY(ruleError()->isVisible());
        // Fixed: the code and the reason waiting for it are stored.
        type(code, QStringLiteral("4001"));
        QVERIFY(!ruleError()->isVisible());
        QCOMPARE(ws().rules[0].closeCode, 4001);
        QCOMPARE(ws().rules[0].closeReason, std::string("gone"));
        verifyRoundTrip(route());

        // 0 and codes beyond 4999 cannot be sent either.
        type(code, QStringLiteral("0"));
        QVERIFY(ruleError()->isVisible());
        type(code, QStringLiteral("5000"));
        QVERIFY(ruleError()->isVisible());
        QCOMPARE(ws().rules[0].closeCode, 4001);
        type(code, QStringLiteral("1000"));
        QVERIFY(!ruleError()->isVisible());
        // A reason over a close frame's 123 bytes: what fitted is stored,
        // the byte too many is said.
        const std::string fitting(123, 'x');
        type(reason, QString(124, QLatin1Char('x')));
        QVERIFY2(
            ruleError()->text().contains(QStringLiteral("123")), qPrintable(ruleError()->text()));
        QCOMPARE(ws().rules[0].closeReason, fitting);
        QCOMPARE(reason->text().size(), 124);
        // Empty: no close at all (and no reason, which the file keeps only
        // with a code).
        type(code, QString());
        QCOMPARE(ws().rules[0].closeCode, 0);
        QCOMPARE(ws().rules[0].closeReason, std::string());
        QVERIFY(!ruleError()->isVisible());
        QVERIFY(!reason->isEnabled());
        verifyRoundTrip(route());

        // An undo that changes the stored code replaces what was typed
        // (the typing since the reason is one step: back to 1000).
        type(code, QStringLiteral("3000"));
        QCOMPARE(ws().rules[0].closeCode, 3000);
        type(code, QStringLiteral("1004"));
        QVERIFY(ruleError()->isVisible());
        undo()->undo();
        QCOMPARE(ws().rules[0].closeCode, 1000);
        QCOMPARE(code->text(), QStringLiteral("1000"));
        QCOMPARE(reason->text(), QString::fromStdString(fitting));
        QVERIFY(reason->isEnabled());
        QVERIFY(!ruleError()->isVisible());
    }

    void aBadRegexIsSaidAndKept()
    {
        switchToWebSocket();
        auto* match = child<QComboBox>("wsRuleMatchCombo");
        auto* value = child<QLineEdit>("wsRuleValueEdit");
        const int regex = WsRuleModel::matchIndex(server::WsMatch::Regex);
        match->setCurrentIndex(regex);
        QCOMPARE(ws().rules[0].match, server::WsMatch::Regex); // "ping" is one
        const int steps = undo()->count();

        // No prefix of "(ping" compiles: nothing is stored while it is typed.
        type(value, QStringLiteral("(ping"));
        QVERIFY(ruleError()->isVisible());
        QVERIFY2(ruleError()->text().contains(QStringLiteral("not a regular expression")),
            qPrintable(ruleError()->text()));
        QCOMPARE(ws().rules[0].value, std::string("ping"));
        QCOMPARE(value->text(), QStringLiteral("(ping"));
        QCOMPARE(undo()->count(), steps);
        // Kept while something else is edited.
        child<QCheckBox>("wsEchoCheck")->click();
        QCOMPARE(undo()->count(), steps + 1);
        QCOMPARE(value->text(), QStringLiteral("(ping"));
        QVERIFY(ruleError()->isVisible());
        QTest::keyClicks(value, QStringLiteral(")"));
        QVERIFY(!ruleError()->isVisible());
        QCOMPARE(ws().rules[0].value, std::string("(ping)"));
        QCOMPARE(undo()->count(), steps + 2);

        // Chosen for a value that does not compile: the choice waits with
        // the value, and another choice takes both.
        match->setCurrentIndex(WsRuleModel::matchIndex(server::WsMatch::Equals));
        type(value, QStringLiteral("[1"));
        QCOMPARE(ws().rules[0].match, server::WsMatch::Equals);
        QCOMPARE(ws().rules[0].value, std::string("[1"));
        match->setCurrentIndex(regex);
        QVERIFY(ruleError()->isVisible());
        QCOMPARE(ws().rules[0].match, server::WsMatch::Equals);
        QCOMPARE(match->currentIndex(), regex);
        QCOMPARE(value->text(), QStringLiteral("[1"));
        match->setCurrentIndex(WsRuleModel::matchIndex(server::WsMatch::Contains));
        QVERIFY(!ruleError()->isVisible());
        QCOMPARE(ws().rules[0].match, server::WsMatch::Contains);
        QCOMPARE(ws().rules[0].value, std::string("[1"));

        // Any message: no value to compare.
        match->setCurrentIndex(WsRuleModel::matchIndex(server::WsMatch::Any));
        QVERIFY(!value->isEnabled());
        QCOMPARE(ws().rules[0].match, server::WsMatch::Any);

        // A pointer without its '/'.
        auto* pointer = child<QLineEdit>("wsRulePointerEdit");
        type(pointer, QStringLiteral("type"));
        QVERIFY2(
            ruleError()->text().contains(QStringLiteral("/type")), qPrintable(ruleError()->text()));
        QCOMPARE(ws().rules[0].pointer, std::string("/type"));
        QCOMPARE(pointer->text(), QStringLiteral("type"));
        type(pointer, QStringLiteral("/kind"));
        QVERIFY(!ruleError()->isVisible());
        QCOMPARE(ws().rules[0].pointer, std::string("/kind"));
        verifyRoundTrip(route());
    }

    void echoAndLimits()
    {
        switchToWebSocket();
        int steps = undo()->count();
        const auto oneStep = [&] { return undo()->count() == ++steps; };
        child<QCheckBox>("wsEchoCheck")->click();
        QVERIFY(!ws().echo);
        QVERIFY(oneStep());

        auto* maxMessage = child<QSpinBox>("wsMaxMessageSpin");
        QCOMPARE(maxMessage->value(), 64 * 1024);
        QVERIFY(maxMessage->suffix().contains(QStringLiteral("bytes")));
        maxMessage->setValue(1024 * 1024);
        QCOMPARE(ws().maxMessageBytes, 1024u * 1024u);
        QVERIFY(oneStep());
        maxMessage->setValue(2 * 1024 * 1024); // the same field again: one step
        QCOMPARE(ws().maxMessageBytes, 2u * 1024u * 1024u);
        QCOMPARE(undo()->count(), steps);
        auto* frame = child<QSpinBox>("wsFrameSpin");
        frame->setValue(4096);
        QCOMPARE(ws().frameBytes, 4096u);
        QVERIFY(oneStep());

        auto* idle = child<QSpinBox>("wsIdleSpin");
        auto* limitsError = child<QLabel>("wsLimitsErrorLabel");
        QVERIFY(idle->toolTip().contains(QStringLiteral("pinged")));
        QCOMPARE(idle->value(), 30'000);
        idle->setValue(150); // below the reader's 200: said, kept, not stored
        QVERIFY(limitsError->isVisible());
        QVERIFY2(
            limitsError->text().contains(QStringLiteral("200")), qPrintable(limitsError->text()));
        QCOMPARE(ws().idleTimeoutMs, 30'000);
        QCOMPARE(undo()->count(), steps);
        child<QCheckBox>("wsEchoCheck")->click(); // another edit keeps it
        QVERIFY(oneStep());
        QCOMPARE(idle->value(), 150);
        idle->setValue(0);
        QVERIFY(!limitsError->isVisible());
        QCOMPARE(ws().idleTimeoutMs, 0);
        QCOMPARE(idle->text(), QStringLiteral("never"));
        QVERIFY(oneStep());
        verifyRoundTrip(route());

        undo()->undo();
        QCOMPARE(idle->value(), 30'000);
        undo()->undo();
        QVERIFY(!ws().echo);
        QVERIFY(!child<QCheckBox>("wsEchoCheck")->isChecked());
    }

    void savedAndReadBackUnchanged()
    {
        switchToWebSocket();
        child<QToolButton>("wsAddRuleButton")->click();
        type(child<QLineEdit>("wsRuleCloseCodeEdit"), QStringLiteral("4000"));
        child<QSpinBox>("wsIdleSpin")->setValue(5'000);
        const server::Route saved = route();
        verifyRoundTrip(saved);
        QString error;
        QVERIFY2(m_doc->saveNow(&error), qPrintable(error));

        WorkspaceDocument reopened;
        QVERIFY2(reopened.open(m_dir->path(), &error), qPrintable(error));
        QVERIFY(reopened.loadDiagnostics().empty());
        QCOMPARE(reopened.routeCount(), 1);
        server::Route read = reopened.route(0);
        read.fileName = saved.fileName;
        QVERIFY(read.websocket == saved.websocket);
        QVERIFY(read == saved);
    }

    void theRouteListShowsAWebSocketBadge()
    {
        RouteListModel list(m_doc.get());
        const QModelIndex method = list.index(0, RouteListModel::MethodColumn);
        QCOMPARE(method.data().toString(), QStringLiteral("GET"));
        QVERIFY(list.flags(method) & Qt::ItemIsEditable);
        switchToWebSocket();
        QCOMPARE(method.data().toString(), QStringLiteral("WS"));
        QCOMPARE(method.data(Qt::EditRole).toString(), QStringLiteral("GET"));
        QVERIFY(method.data(Qt::ToolTipRole).toString().contains(QStringLiteral("WebSocket")));
        QVERIFY(list.index(0, RouteListModel::PathColumn)
                    .data(RouteListModel::FilterRole)
                    .toString()
                    .contains(QStringLiteral("WebSocket")));
        // GET is all a WebSocket route may have.
        QVERIFY(!(list.flags(method) & Qt::ItemIsEditable));
        QVERIFY(!list.setData(method, QStringLiteral("POST")));
        QCOMPARE(route().method, std::string("GET"));
        QVERIFY(list.flags(list.index(0, RouteListModel::PathColumn)) & Qt::ItemIsEditable);
    }

    void tryItOpensAWebSocketUrl()
    {
        switchToWebSocket();
        server::Route r = route();
        r.path = "/v1/rooms/{room}/live";
        // Request rules pick designed responses, which a WebSocket never
        // sends: the example does not follow them.
        r.rules = { { server::RuleSource::Query, "token", server::RuleOperator::Equals, "x", 0 } };
        const server::ComposerRequest example = server::exampleRequest(r);
        QCOMPARE(example.method, std::string("GET"));
        QCOMPARE(example.url, std::string("{{wsBaseUrl}}/v1/rooms/1/live"));
        QCOMPARE(example.bodyKind, server::ComposerRequest::BodyKind::None);
        r.responder = server::RouteResponder::Designed;
        QCOMPARE(server::exampleRequest(r).url, std::string("{{baseUrl}}/v1/rooms/1/live?token=x"));
    }

    void aWebSocketRouteOpensOnItsTab()
    {
        server::Route live = m_doc->makeNewRoute();
        live.path = "/v1/live";
        live.responder = server::RouteResponder::WebSocket;
        RouteWebSocketTab::addStarter(&live.websocket);
        m_doc->insertRoute(1, live, QStringLiteral("setup"));
        tabs()->setCurrentIndex(tab(QStringLiteral("Rules")));

        m_editor->setCurrentRow(1);
        QCOMPARE(tabs()->currentIndex(), tab(QStringLiteral("WebSocket")));
        QVERIFY(child<QRadioButton>("websocketResponderRadio")->isChecked());
        QCOMPARE(rulesView()->currentIndex().row(), 0);
        // Showing a route is no edit.
        QCOMPARE(undo()->count(), 1);

        m_editor->setCurrentRow(0);
        QVERIFY(child<QRadioButton>("designedResponderRadio")->isChecked());
        QVERIFY(!tabs()->isTabVisible(tab(QStringLiteral("WebSocket"))));
        QCOMPARE(tabs()->currentIndex(), tab(QStringLiteral("Responses")));
        QVERIFY(child<QComboBox>("methodCombo")->isEnabled());
        QCOMPARE(undo()->count(), 1);
    }
};

QTEST_MAIN(TestRouteEditorWebSocket)
#include "tst_routeeditorwebsocket.moc"
