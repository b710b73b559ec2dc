#include "testutil.h"

#include "ui/routes/ruletablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Rule rule(server::RuleSource source, const char* key, server::RuleOperator op,
    const char* value, int response)
{
    server::Rule r;
    r.source = source;
    r.key = key;
    r.op = op;
    r.value = value;
    r.response = response;
    return r;
}

} // namespace

class TestRuleTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void showsRules()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResponseLabels({ QStringLiteral("#1 · 200 OK"), QStringLiteral("#2 · 404") });
        model.setRules(
            { rule(server::RuleSource::Query, "tier", server::RuleOperator::Equals, "pro", 1),
                rule(server::RuleSource::Header, "x-debug", server::RuleOperator::Exists, "", 0) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(RuleTableModel::ColumnCount));

        const QModelIndex source = model.index(0, RuleTableModel::SourceColumn);
        QCOMPARE(source.data().toString(), RuleTableModel::sourceNames().at(1));
        QCOMPARE(source.data(Qt::EditRole).toInt(), 1);
        QCOMPARE(
            source.data(RuleTableModel::ChoicesRole).toStringList(), RuleTableModel::sourceNames());
        QCOMPARE(model.index(0, RuleTableModel::ResponseColumn).data().toString(),
            QStringLiteral("#2 · 404"));
        QCOMPARE(
            model.index(0, RuleTableModel::ValueColumn).data().toString(), QStringLiteral("pro"));

        // "exists" has no value: the cell is disabled.
        const QModelIndex unusedValue = model.index(1, RuleTableModel::ValueColumn);
        QVERIFY(!(model.flags(unusedValue) & Qt::ItemIsEnabled));
        QVERIFY(!model.setData(unusedValue, QStringLiteral("x")));
    }

    void editsThroughChoices()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResponseLabels({ QStringLiteral("a"), QStringLiteral("b") });
        model.setRules(
            { rule(server::RuleSource::Query, "q", server::RuleOperator::Equals, "1", 0) });
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);

        QVERIFY(model.setData(model.index(0, RuleTableModel::SourceColumn), 3));
        QCOMPARE(model.rules()[0].source, server::RuleSource::Body);
        QVERIFY(
            model.setData(model.index(0, RuleTableModel::KeyColumn), QStringLiteral(" /user/id ")));
        QCOMPARE(model.rules()[0].key, std::string("/user/id"));
        QVERIFY(model.setData(model.index(0, RuleTableModel::OperatorColumn), 1));
        QCOMPARE(model.rules()[0].op, server::RuleOperator::Regex);
        QVERIFY(model.setData(model.index(0, RuleTableModel::ResponseColumn), 1));
        QCOMPARE(model.rules()[0].response, 1);
        QCOMPARE(edited.count(), 4);

        QVERIFY(!model.setData(model.index(0, RuleTableModel::ResponseColumn), 2));
        QVERIFY(!model.setData(model.index(0, RuleTableModel::OperatorColumn), 7));
        QVERIFY(!model.setData(model.index(0, RuleTableModel::SourceColumn), -1));
        QCOMPARE(edited.count(), 4);
    }

    void flagsDanglingResponses()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResponseLabels({ QStringLiteral("a") });
        model.setRules(
            { rule(server::RuleSource::Query, "q", server::RuleOperator::Equals, "1", 3) });
        const QModelIndex target = model.index(0, RuleTableModel::ResponseColumn);
        QVERIFY(target.data().toString().contains(QStringLiteral("#4")));
        QVERIFY(target.data(Qt::ForegroundRole).isValid());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setResponseLabels(
            { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") });
        QCOMPARE(changed.count(), 1);
        QCOMPARE(target.data().toString(), QStringLiteral("d"));
    }

    void insertsRemovesAndMoves()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResponseLabels({ QStringLiteral("a") });
        model.setRules(
            { rule(server::RuleSource::Query, "one", server::RuleOperator::Equals, "", 0),
                rule(server::RuleSource::Query, "two", server::RuleOperator::Equals, "", 0),
                rule(server::RuleSource::Query, "three", server::RuleOperator::Equals, "", 0) });
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        // Down: "one" lands before row 2, i.e. after "two".
        QVERIFY(model.moveRows({}, 0, 1, {}, 2));
        QCOMPARE(model.rules()[0].key, std::string("two"));
        QCOMPARE(model.rules()[1].key, std::string("one"));
        // Up: "three" to the top.
        QVERIFY(model.moveRows({}, 2, 1, {}, 0));
        QCOMPARE(model.rules()[0].key, std::string("three"));
        QCOMPARE(model.rules()[1].key, std::string("two"));
        QCOMPARE(model.rules()[2].key, std::string("one"));
        QCOMPARE(moved.count(), 2);
        QVERIFY(!model.moveRows({}, 1, 1, {}, 1));

        QVERIFY(model.insertRows(1, 1));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.rules()[1].key.empty());
        QVERIFY(model.removeRows(0, 2));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rules()[0].key, std::string("two"));
        QCOMPARE(edited.count(), 4);
    }
};

QTEST_MAIN(TestRuleTableModel)
#include "tst_ruletablemodel.moc"
