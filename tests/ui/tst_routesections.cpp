// The parts of the route editor on their own, without a document: each shows
// a route value and reports a user edit as the whole new route with a merge
// key, and nothing while it is being filled or after its route is gone.

#include "testutil.h"

#include "ui/routes/routeaccesstab.h"
#include "ui/routes/routebehaviourtab.h"
#include "ui/routes/routeheader.h"
#include "ui/routes/routeresponsestab.h"
#include "ui/routes/routerulestab.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTest>
#include <QToolButton>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::child;

namespace {

server::Route threeResponses()
{
    server::Route route;
    route.path = "/v1/items";
    route.responses.resize(3);
    route.responses[0].status = 200;
    route.responses[1].status = 404;
    route.responses[1].label = "Missing";
    route.responses[2].status = 500;
    for (int i = 0; i < 3; ++i) {
        server::Rule rule;
        rule.key = "case" + std::to_string(i);
        rule.response = i;
        route.rules.push_back(rule);
    }
    route.defaultResponse = 2;
    return route;
}

struct Edit {
    server::Route route;
    QString field;
};

Edit lastEdit(const QSignalSpy& spy)
{
    const QList<QVariant> args = spy.last();
    return { args.at(0).value<server::Route>(), args.at(1).toString() };
}

} // namespace

class TestRouteSections : public QObject {
    Q_OBJECT

private:
    // Shows every reported edit back at once, as RouteEditor does through
    // the document.
    static void storeEdits(RouteSection* section)
    {
        QObject::connect(section, &RouteSection::edited, section,
            [section](const server::Route& route) { section->showRoute(route); });
    }

    static void type(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void behaviourReportsOneFieldPerEdit()
    {
        RouteBehaviourTab tab;
        QSignalSpy edited(&tab, &RouteSection::edited);
        server::Route route = threeResponses();
        route.latency.minMs = 5;
        tab.showRoute(route);
        // Filling the widgets is not an edit.
        QCOMPARE(edited.count(), 0);
        QCOMPARE(child<QSpinBox>(&tab, "latencyMinSpin")->value(), 5);

        child<QSpinBox>(&tab, "latencyMaxSpin")->setValue(250);
        QCOMPARE(edited.count(), 1);
        const Edit edit = lastEdit(edited);
        QCOMPARE(edit.field, QStringLiteral("latencyMax"));
        QCOMPARE(edit.route.latency.maxMs, 250);
        QCOMPARE(edit.route.latency.minMs, 5);
        QCOMPARE(edit.route.path, route.path);

        // Without a route nothing is reported.
        tab.clearRoute();
        child<QSpinBox>(&tab, "bodyLimitSpin")->setValue(64);
        QCOMPARE(edited.count(), 1);
    }

    void removingAResponseKeepsRulesOnTheirResponses()
    {
        RouteResponsesTab tab;
        QSignalSpy edited(&tab, &RouteSection::edited);
        tab.showRoute(threeResponses());
        auto* tabs = child<QTabBar>(&tab, "responseTabs");
        QCOMPARE(tabs->count(), 3);
        QCOMPARE(tabs->tabText(1), QStringLiteral("404 Missing"));
        QCOMPARE(tabs->tabText(2), QStringLiteral("500 Internal Server Error"));
        tabs->setCurrentIndex(1);
        child<QToolButton>(&tab, "removeResponseButton")->click();

        QCOMPARE(edited.count(), 1);
        const Edit edit = lastEdit(edited);
        QCOMPARE(edit.route.responses.size(), std::size_t(2));
        QCOMPARE(edit.route.responses[1].status, 500);
        // The removed response's rule goes to the first; later ones shift.
        QCOMPARE(edit.route.rules[0].response, 0);
        QCOMPARE(edit.route.rules[1].response, 0);
        QCOMPARE(edit.route.rules[2].response, 1);
        QCOMPARE(edit.route.defaultResponse, 1);
    }

    void addingAResponseSelectsIt()
    {
        RouteResponsesTab tab;
        storeEdits(&tab);
        QSignalSpy edited(&tab, &RouteSection::edited);
        tab.showRoute(threeResponses());
        child<QToolButton>(&tab, "addResponseButton")->click();
        QCOMPARE(edited.count(), 1);
        const Edit edit = lastEdit(edited);
        QCOMPARE(edit.route.responses.size(), std::size_t(4));
        QCOMPARE(edit.route.responses[3].label, std::string("Response 4"));
        QCOMPARE(child<QTabBar>(&tab, "responseTabs")->count(), 4);
        QCOMPARE(child<QTabBar>(&tab, "responseTabs")->currentIndex(), 3);
    }

    void rulesOfferTheResponses()
    {
        RouteRulesTab tab;
        tab.showRoute(threeResponses());
        auto* defaultResponse = child<QComboBox>(&tab, "defaultResponseCombo");
        QCOMPARE(defaultResponse->count(), 3);
        QCOMPARE(defaultResponse->itemText(1), QStringLiteral("#2 · 404 Missing"));
        QCOMPARE(defaultResponse->currentIndex(), 2);

        QSignalSpy edited(&tab, &RouteSection::edited);
        defaultResponse->setCurrentIndex(0);
        QCOMPARE(edited.count(), 1);
        QCOMPARE(lastEdit(edited).route.defaultResponse, 0);
    }

    void headerRefusesAPathWithoutSlash()
    {
        RouteHeader header;
        header.show();
        QVERIFY(QTest::qWaitForWindowExposed(&header));
        QSignalSpy edited(&header, &RouteSection::edited);
        header.showRoute(threeResponses());
        auto* path = child<QLineEdit>(&header, "pathEdit");
        QCOMPARE(path->text(), QStringLiteral("/v1/items"));

        type(path, QStringLiteral("v2"));
        QCOMPARE(edited.count(), 0);
        QVERIFY(child<QLabel>(&header, "pathErrorLabel")->isVisible());
        type(path, QStringLiteral("/v2"));
        QCOMPARE(edited.count(), 3); // "/", "/v", "/v2"
        QCOMPARE(lastEdit(edited).route.path, std::string("/v2"));
        QCOMPARE(lastEdit(edited).field, QStringLiteral("path"));
        QVERIFY(!child<QLabel>(&header, "pathErrorLabel")->isVisible());
    }

    void moneyFieldsShareOneRule()
    {
        RouteAccessTab tab;
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QSignalSpy edited(&tab, &RouteSection::edited);
        server::Route route = threeResponses();
        route.access.keyRequired = true;
        route.access.priceMicros = 2500;
        tab.showRoute(route);
        auto* price = child<QLineEdit>(&tab, "accessPriceEdit");
        auto* cost = child<QLineEdit>(&tab, "accessCostEdit");
        auto* perMs = child<QLineEdit>(&tab, "accessCostPerMsEdit");
        auto* error = child<QLabel>(&tab, "accessErrorLabel");
        // A stored price shows; no cost leaves the field to its placeholder.
        QCOMPARE(price->text(), QStringLiteral("0.0025"));
        QVERIFY(cost->text().isEmpty());
        QCOMPARE(cost->placeholderText(), QStringLiteral("0"));

        const struct {
            QLineEdit* edit;
            const char* field;
            const char* error;
            server::Micros server::RouteAccess::*value;
            server::Micros blank;
        } fields[] = {
            { price, "access/price", "Price: ", &server::RouteAccess::priceMicros, -1 },
            { cost, "access/cost", "Cost: ", &server::RouteAccess::costMicros, 0 },
            { perMs, "access/costPerMs", "Cost per ms: ", &server::RouteAccess::costPerMsMicros,
                0 },
        };
        for (const auto& f : fields) {
            // Every keystroke that leaves an amount is an edit.
            const int before = edited.count();
            type(f.edit, QStringLiteral("$0.25"));
            QVERIFY(edited.count() > before);
            QCOMPARE(lastEdit(edited).field, QString::fromLatin1(f.field));
            QCOMPARE(lastEdit(edited).route.access.*f.value, 250'000);

            const int valid = edited.count();
            QTest::keyClicks(f.edit, QStringLiteral("x"));
            QCOMPARE(edited.count(), valid);
            QVERIFY(error->isVisible());
            QVERIFY(error->text().startsWith(QString::fromLatin1(f.error)));

            // Empty: the tier's price, or no cost.
            f.edit->selectAll();
            QTest::keyClick(f.edit, Qt::Key_Backspace);
            QCOMPARE(edited.count(), valid + 1);
            QCOMPARE(lastEdit(edited).route.access.*f.value, f.blank);
            QVERIFY(!error->isVisible());
        }
    }
};

QTEST_MAIN(TestRouteSections)
#include "tst_routesections.moc"
