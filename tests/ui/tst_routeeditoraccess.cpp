// The route editor's Access tab: public or keyed, scopes, price, cost, an
// own rate limit and where the answers' token counts are, each an undoable
// edit of the route.

#include "testutil.h"

#include "ui/document/workspacedocument.h"
#include "ui/routes/routeeditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

class TestRouteEditorAccess : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<RouteEditor> m_editor;

    template <typename T> T* child(const char* name)
    {
        return test::child<T>(m_editor.get(), name);
    }

    const server::RouteAccess& access() const { return m_doc->route(0).access; }

    // Types into a line edit as a user does: select all, then the keys.
    void type(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(m_doc->create(m_dir->path(), QStringLiteral("access"), &error), qPrintable(error));
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, m_doc->makeNewRoute(), {});
        m_doc->undoStack()->clear();
        m_editor = std::make_unique<RouteEditor>(m_doc.get());
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        m_editor->setCurrentRow(0);
        auto* tabs = child<QTabWidget>("routeTabs");
        QVERIFY(tabs);
        tabs->setCurrentIndex(tabs->count() - 1);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Access"));
    }

    void cleanup()
    {
        m_editor.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void requiresAKeyAndUndoes()
    {
        auto* open = child<QRadioButton>("accessPublicRadio");
        auto* keyed = child<QRadioButton>("accessKeyRadio");
        auto* scopes = child<QLineEdit>("accessScopesEdit");
        QVERIFY(open && keyed && scopes);
        QVERIFY(open->isChecked());
        QVERIFY(!scopes->isEnabled());

        keyed->click();
        QVERIFY(access().keyRequired);
        QVERIFY(scopes->isEnabled());
        QCOMPARE(m_doc->undoStack()->count(), 1);
        m_doc->undoStack()->undo();
        QVERIFY(!access().keyRequired);
        QVERIFY(open->isChecked());
        QVERIFY(!scopes->isEnabled());
        m_doc->undoStack()->redo();
        QVERIFY(keyed->isChecked());
    }

    void editsScopesPriceAndCost()
    {
        child<QRadioButton>("accessKeyRadio")->click();
        const int base = m_doc->undoStack()->count();

        type(child<QLineEdit>("accessScopesEdit"), QStringLiteral("read, generate"));
        QCOMPARE(access().scopes, (std::vector<std::string> { "read", "generate" }));
        // Typing a field is one undo step.
        QCOMPARE(m_doc->undoStack()->count(), base + 1);

        auto* price = child<QLineEdit>("accessPriceEdit");
        QCOMPARE(access().priceMicros, -1);
        type(price, QStringLiteral("0.005"));
        QCOMPARE(access().priceMicros, 5000);
        type(price, QString());
        QCOMPARE(access().priceMicros, -1); // empty: the tier's price

        type(child<QLineEdit>("accessCostEdit"), QStringLiteral("$0.0012"));
        QCOMPARE(access().costMicros, 1200);

        m_doc->undoStack()->undo();
        QCOMPARE(access().costMicros, 0);
        QCOMPARE(child<QLineEdit>("accessCostEdit")->text(), QStringLiteral("0"));
    }

    void invalidInputIsNotCommitted()
    {
        child<QRadioButton>("accessKeyRadio")->click();
        auto* price = child<QLineEdit>("accessPriceEdit");
        auto* error = child<QLabel>("accessErrorLabel");
        type(price, QStringLiteral("0.002"));
        QCOMPARE(access().priceMicros, 2000);
        QTest::keyClicks(price, QStringLiteral("5x"));
        QCOMPARE(access().priceMicros, 2500); // "0.0025" is a price; "0.0025x" is not
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("not an amount")));
        // Still typing: the invalid text stays.
        QCOMPARE(price->text(), QStringLiteral("0.0025x"));
        // Leaving the field shows the stored value again.
        child<QLineEdit>("accessCostEdit")->setFocus();
        QCOMPARE(price->text(), QStringLiteral("0.0025"));
        QVERIFY(!error->isVisible());

        type(child<QLineEdit>("accessScopesEdit"), QStringLiteral("read all"));
        // "read" was a list of scopes; "read all" is not one.
        QCOMPARE(access().scopes, std::vector<std::string> { "read" });
        QVERIFY(error->isVisible());
    }

    void ownRateLimit()
    {
        child<QRadioButton>("accessKeyRadio")->click();
        auto* rate = child<QSpinBox>("accessRateSpin");
        auto* burst = child<QSpinBox>("accessBurstSpin");
        QCOMPARE(rate->text(), QStringLiteral("the tier's"));
        QVERIFY(!burst->isEnabled());
        rate->setValue(600);
        QCOMPARE(access().requestsPerMinute, 600);
        QVERIFY(burst->isEnabled());
        burst->setValue(20);
        QCOMPARE(access().burst, 20);
        m_doc->undoStack()->undo();
        m_doc->undoStack()->undo();
        QCOMPARE(access().requestsPerMinute, 0);
        QCOMPARE(rate->value(), 0);
    }

    void countsTokensAtPointers()
    {
        auto* input = child<QLineEdit>("accessTokensInputEdit");
        auto* output = child<QLineEdit>("accessTokensOutputEdit");
        QVERIFY(input && output);
        QCOMPARE(input->placeholderText(), QStringLiteral("/usage/prompt_tokens"));
        QCOMPARE(output->placeholderText(), QStringLiteral("/usage/completion_tokens"));
        // Counted for every answer: a public route's fields are open too.
        QVERIFY(child<QRadioButton>("accessPublicRadio")->isChecked());
        QVERIFY(input->isEnabled() && output->isEnabled());
        QVERIFY(!access().tokens.enabled());

        type(input, QStringLiteral("/usage/prompt_tokens"));
        QCOMPARE(access().tokens.input, std::string("/usage/prompt_tokens"));
        // Typing a field is one undo step.
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change input token pointer"));
        type(output, QStringLiteral("/usage/completion_tokens"));
        QCOMPARE(access().tokens.output, std::string("/usage/completion_tokens"));
        QCOMPARE(m_doc->undoStack()->count(), 2);
        QVERIFY(server::routeCountsTokens(m_doc->route(0)));

        m_doc->undoStack()->undo();
        QVERIFY(access().tokens.output.empty());
        QVERIFY(output->text().isEmpty());
        QCOMPARE(input->text(), QStringLiteral("/usage/prompt_tokens"));
        m_doc->undoStack()->undo();
        QVERIFY(!access().tokens.enabled());
        QVERIFY(input->text().isEmpty());
        m_doc->undoStack()->redo();
        QCOMPARE(input->text(), QStringLiteral("/usage/prompt_tokens"));

        // Emptied: not counted any more.
        type(input, QString());
        QVERIFY(access().tokens.input.empty());
    }

    void invalidPointersAreNotCommitted()
    {
        auto* input = child<QLineEdit>("accessTokensInputEdit");
        auto* output = child<QLineEdit>("accessTokensOutputEdit");
        auto* error = child<QLabel>("accessTokensErrorLabel");
        QVERIFY(error && !error->isVisible());

        // No leading '/': said at once, under the fields, and not stored.
        type(input, QStringLiteral("usage"));
        QVERIFY(access().tokens.input.empty());
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QVERIFY(error->isVisible());
        QVERIFY2(
            error->text().startsWith(QStringLiteral("Input tokens: ")), qPrintable(error->text()));
        QVERIFY(error->text().contains(QStringLiteral("starts with '/'")));
        // Still typing: the invalid text stays; leaving shows the stored value.
        QCOMPARE(input->text(), QStringLiteral("usage"));
        output->setFocus();
        QVERIFY(input->text().isEmpty());
        QVERIFY(!error->isVisible());

        // '~' is only ever "~0" or "~1".
        type(output, QStringLiteral("/usage/out~2"));
        QCOMPARE(access().tokens.output, std::string("/usage/out"));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().startsWith(QStringLiteral("Output tokens: ")));
        QVERIFY(error->text().contains(QStringLiteral("~0")));
        QTest::keyClick(output, Qt::Key_Backspace);
        QTest::keyClicks(output, QStringLiteral("1x"));
        QCOMPARE(access().tokens.output, std::string("/usage/out~1x"));
        QVERIFY(!error->isVisible());
        // The tab's own error line is not used for them.
        QVERIFY(!child<QLabel>("accessErrorLabel")->isVisible());
    }

    void aTokenStreamCountsItself()
    {
        auto* note = child<QLabel>("accessTokensNote");
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("counts its own")), qPrintable(note->text()));
        server::Route r = m_doc->route(0);
        r.responder = server::RouteResponder::Sse;
        r.sse.mode = server::SseMode::Tokens;
        m_doc->setRoute(0, r, {}, QStringLiteral("Stream tokens"));
        QVERIFY(server::routeCountsTokens(m_doc->route(0)));
        QVERIFY2(
            note->text().contains(QStringLiteral("counts them itself")), qPrintable(note->text()));
        m_doc->undoStack()->undo();
        QVERIFY(note->text().contains(QStringLiteral("counts its own")));
    }
};

QTEST_MAIN(TestRouteEditorAccess)
#include "tst_routeeditoraccess.moc"
