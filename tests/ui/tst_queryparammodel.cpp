#include "testutil.h"

#include "ui/requests/queryparammodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

using Params = QList<QPair<QString, QString>>;

namespace {

QPair<QString, QString> param(const char* name, const char* value)
{
    return { QString::fromUtf8(name), QString::fromUtf8(value) };
}

// Every signal that would disturb a view showing the table.
struct ModelSpies {
    explicit ModelSpies(QAbstractItemModel* model)
        : reset(model, &QAbstractItemModel::modelReset)
        , changed(model, &QAbstractItemModel::dataChanged)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , layout(model, &QAbstractItemModel::layoutChanged)
    {
    }
    int total() const
    {
        return int(
            reset.count() + changed.count() + inserted.count() + removed.count() + layout.count());
    }
    QSignalSpy reset, changed, inserted, removed, layout;
};

} // namespace

class TestQueryParamModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void parsesQueries_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<Params>("expected");

        QTest::newRow("no query") << QStringLiteral("http://localhost:8080/v1/users") << Params {};
        QTest::newRow("lone ?") << QStringLiteral("http://localhost/v1?") << Params {};
        QTest::newRow("name only") << QStringLiteral("/v1?a") << Params { param("a", "") };
        QTest::newRow("empty value") << QStringLiteral("/v1?a=") << Params { param("a", "") };
        QTest::newRow("empty segments")
            << QStringLiteral("/v1?&a=1&&b=2&") << Params { param("a", "1"), param("b", "2") };
        QTest::newRow("second = is value")
            << QStringLiteral("/v1?expr=x=1") << Params { param("expr", "x=1") };
        QTest::newRow("empty name") << QStringLiteral("/v1?=v") << Params { param("", "v") };
        QTest::newRow("decoding") << QStringLiteral("/s?q=hello+world&x=%C3%A4%20b%2B%26")
                                  << Params { param("q", "hello world"), param("x", "ä b+&") };
        QTest::newRow("lowercase hex")
            << QStringLiteral("/s?x=%c3%a4") << Params { param("x", "ä") };
        QTest::newRow("stray %") << QStringLiteral("/s?discount=100%&p=%zz%4")
                                 << Params { param("discount", "100%"), param("p", "%zz%4") };
        QTest::newRow("fragment") << QStringLiteral("/s?a=1#top?b=2") << Params { param("a", "1") };
        QTest::newRow("? in fragment") << QStringLiteral("/s#top?b=2") << Params {};
        QTest::newRow("? in value")
            << QStringLiteral("/s?next=/a?b") << Params { param("next", "/a?b") };
        QTest::newRow("variables")
            << QStringLiteral("{{baseUrl}}/users?id={{ user id }}&t={{a&b=c}}&v={{x+y%20}}")
            << Params { param("id", "{{ user id }}"), param("t", "{{a&b=c}}"),
                   param("v", "{{x+y%20}}") };
        QTest::newRow("variable with ? and #")
            << QStringLiteral("{{base?#}}/a?k={{v#}}") << Params { param("k", "{{v#}}") };
        QTest::newRow("unclosed braces")
            << QStringLiteral("/a?k={{v&x=1") << Params { param("k", "{{v"), param("x", "1") };
    }

    void parsesQueries()
    {
        QFETCH(QString, url);
        QFETCH(Params, expected);
        QCOMPARE(QueryParamModel::parseQuery(url), expected);

        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUrl(url);
        QCOMPARE(model.params(), expected);
        QCOMPARE(model.rowCount(), expected.size());
        for (int row = 0; row < expected.size(); ++row) {
            QCOMPARE(model.index(row, QueryParamModel::NameColumn).data().toString(),
                expected[row].first);
            QCOMPARE(model.index(row, QueryParamModel::ValueColumn).data(Qt::EditRole).toString(),
                expected[row].second);
        }
        // Nothing edited: writing back reproduces the URL as typed, except
        // for empty segments and a lone '?', which carry nothing.
        const QString written = model.applyToUrl(url);
        QCOMPARE(QueryParamModel::parseQuery(written), expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (tag == QStringLiteral("lone ?"))
            QCOMPARE(written, QStringLiteral("http://localhost/v1"));
        else if (tag == QStringLiteral("empty segments"))
            QCOMPARE(written, QStringLiteral("/v1?a=1&b=2"));
        else
            QCOMPARE(written, url);
    }

    void editKeepsTheRestAsTyped()
    {
        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString url = QStringLiteral(
            "{{baseUrl}}/v1/users/{{id}}?page=2&q=a+b&flag&sort=%2Dname&&key={{ apiKey }}#top");
        model.setUrl(url);
        QCOMPARE(model.rowCount(), 5);
        QSignalSpy edited(&model, &QueryParamModel::paramsEdited);

        QVERIFY(model.setData(model.index(0, QueryParamModel::ValueColumn), QStringLiteral("3")));
        QCOMPARE(edited.count(), 1);
        // Only the edited parameter is rewritten: "+", a bare flag, a needless
        // %2D and the variable stay; the empty segment goes.
        QCOMPARE(model.applyToUrl(url),
            QStringLiteral(
                "{{baseUrl}}/v1/users/{{id}}?page=3&q=a+b&flag&sort=%2Dname&key={{ apiKey }}#top"));
    }

    void encodesOnlyWhatMustBeEncoded_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("query");

        QTest::newRow("plain") << QStringLiteral("page") << QStringLiteral("2")
                               << QStringLiteral("page=2");
        QTest::newRow("reserved in value") << QStringLiteral("q") << QStringLiteral("a b&c=d#e%f+g")
                                           << QStringLiteral("q=a%20b%26c%3Dd%23e%25f%2Bg");
        QTest::newRow("reserved in name")
            << QStringLiteral("a b=c") << QStringLiteral("1") << QStringLiteral("a%20b%3Dc=1");
        QTest::newRow("left alone")
            << QStringLiteral("next") << QStringLiteral("/a/b?c:d@e!$,;'*()~_.-")
            << QStringLiteral("next=/a/b?c:d@e!$,;'*()~_.-");
        QTest::newRow("non-ASCII") << QStringLiteral("city") << QString::fromUtf8("Zürich €")
                                   << QStringLiteral("city=Z%C3%BCrich%20%E2%82%AC");
        QTest::newRow("control") << QStringLiteral("t") << QStringLiteral("a\tb")
                                 << QStringLiteral("t=a%09b");
        QTest::newRow("variable untouched")
            << QStringLiteral("{{ key name }}") << QStringLiteral("{{a&b}} & {{ c }}")
            << QStringLiteral("{{ key name }}={{a&b}}%20%26%20{{ c }}");
        QTest::newRow("unclosed braces")
            << QStringLiteral("x") << QStringLiteral("{{a") << QStringLiteral("x=%7B{a");
        QTest::newRow("name only") << QStringLiteral("flag") << QString() << QStringLiteral("flag");
        QTest::newRow("value only") << QString() << QStringLiteral("v") << QStringLiteral("=v");
    }

    void encodesOnlyWhatMustBeEncoded()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, query);

        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString url = QStringLiteral("http://h/p#f");
        model.setUrl(url);
        QVERIFY(model.insertRows(0, 1));
        QVERIFY(model.setData(model.index(0, QueryParamModel::NameColumn), name));
        QVERIFY(model.setData(model.index(0, QueryParamModel::ValueColumn), value));
        const QString written = model.applyToUrl(url);
        QCOMPARE(written, QStringLiteral("http://h/p?") + query + QStringLiteral("#f"));

        // Read back, the URL gives the same row, so the table is left alone.
        QCOMPARE(QueryParamModel::parseQuery(written), (Params { { name, value } }));
        ModelSpies spies(&model);
        model.setUrl(written);
        QCOMPARE(spies.total(), 0);
    }

    void twoUnclosedBracesDoNotMerge()
    {
        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.insertRows(0, 2));
        QVERIFY(model.setData(model.index(0, QueryParamModel::NameColumn), QStringLiteral("a")));
        QVERIFY(model.setData(model.index(0, QueryParamModel::ValueColumn), QStringLiteral("{{")));
        QVERIFY(model.setData(model.index(1, QueryParamModel::NameColumn), QStringLiteral("b")));
        QVERIFY(model.setData(model.index(1, QueryParamModel::ValueColumn), QStringLiteral("}}")));
        const QString url = model.applyToUrl(QStringLiteral("/x"));
        QCOMPARE(QueryParamModel::parseQuery(url), (Params { param("a", "{{"), param("b", "}}") }));
    }

    void sameParamsDoNotDisturbTheTable()
    {
        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &QueryParamModel::paramsEdited);
        ModelSpies spies(&model);

        model.setUrl(QStringLiteral("/v1/users?a=1&b=x%20y"));
        QCOMPARE(spies.reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);

        // Typing elsewhere in the URL, or spelling the same params another
        // way, changes no row: not a single signal.
        model.setUrl(QStringLiteral("/v1/users/42?a=1&b=x%20y"));
        model.setUrl(QStringLiteral("{{baseUrl}}/v1/users?a=1&b=x+y&#frag"));
        model.setUrl(QStringLiteral("/v1/users?a=1&&b=x y"));
        QCOMPARE(spies.total(), 1);

        // The spelling seen last is what an edit elsewhere writes back.
        QVERIFY(model.setData(model.index(0, QueryParamModel::ValueColumn), QStringLiteral("2")));
        QCOMPARE(model.applyToUrl(QStringLiteral("/v1/users?a=1&&b=x y")),
            QStringLiteral("/v1/users?a=2&b=x y"));
        model.setUrl(QStringLiteral("/v1/users?a=2&b=x y"));
        QCOMPARE(spies.reset.count(), 1);
        QCOMPARE(spies.changed.count(), 1); // the edit itself

        // One value typed in the URL: that cell changes, no reset.
        model.setUrl(QStringLiteral("/v1/users?a=23&b=x y"));
        QCOMPARE(spies.reset.count(), 1);
        QCOMPARE(spies.changed.count(), 2);
        QCOMPARE(spies.changed.last().at(0).toModelIndex().row(), 0);
        QCOMPARE(
            model.index(0, QueryParamModel::ValueColumn).data().toString(), QStringLiteral("23"));

        // A parameter more or less: a reset is fine.
        model.setUrl(QStringLiteral("/v1/users?a=23"));
        QCOMPARE(spies.reset.count(), 2);
        QCOMPARE(model.params(), (Params { param("a", "23") }));
        model.setUrl(QStringLiteral("/v1/users"));
        QCOMPARE(spies.reset.count(), 3);
        QCOMPARE(model.rowCount(), 0);

        // Loading from the URL is never a user edit.
        QCOMPARE(edited.count(), 1);
    }

    void editsAreWrittenBack()
    {
        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString url = QStringLiteral("http://localhost:8080/v1/items?limit=10#list");
        model.setUrl(url);
        QSignalSpy edited(&model, &QueryParamModel::paramsEdited);
        // The owner's loop: an edit in the table rewrites the URL field, whose
        // change comes back through setUrl().
        connect(&model, &QueryParamModel::paramsEdited, this, [&] {
            url = model.applyToUrl(url);
            model.setUrl(url);
        });
        ModelSpies spies(&model);

        // A new, empty row is not in the URL yet, and must not vanish when
        // the URL comes back.
        QVERIFY(model.insertRows(1, 1));
        QCOMPARE(edited.count(), 1);
        QCOMPARE(url, QStringLiteral("http://localhost:8080/v1/items?limit=10#list"));
        QCOMPARE(model.rowCount(), 2);

        QVERIFY(model.setData(model.index(1, QueryParamModel::NameColumn), QStringLiteral("tag")));
        QCOMPARE(url, QStringLiteral("http://localhost:8080/v1/items?limit=10&tag#list"));
        QVERIFY(model.setData(
            model.index(1, QueryParamModel::ValueColumn), QString::fromUtf8("new & hot")));
        QCOMPARE(url,
            QStringLiteral("http://localhost:8080/v1/items?limit=10&tag=new%20%26%20hot#list"));
        QCOMPARE(edited.count(), 3);
        QCOMPARE(spies.reset.count(), 0);
        QCOMPARE(model.rowCount(), 2);

        // Writing the same text is no edit.
        QVERIFY(model.setData(model.index(1, QueryParamModel::NameColumn), QStringLiteral("tag")));
        QCOMPARE(edited.count(), 3);
        QVERIFY(!model.setData(
            model.index(1, QueryParamModel::NameColumn), QStringLiteral("x"), Qt::DisplayRole));

        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(url, QStringLiteral("http://localhost:8080/v1/items?tag=new%20%26%20hot#list"));
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(url, QStringLiteral("http://localhost:8080/v1/items#list"));
        QCOMPARE(edited.count(), 5);
        QCOMPARE(spies.reset.count(), 0);

        QVERIFY(!model.removeRows(0, 1));
        QVERIFY(!model.insertRows(1, 1));
        QVERIFY(!model.insertRows(0, 0));
        QCOMPARE(edited.count(), 5);
    }

    void blankRowsInTheMiddleAreKept()
    {
        QueryParamModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUrl(QStringLiteral("/p?a=1&b=2"));
        QVERIFY(model.insertRows(1, 1));
        QCOMPARE(model.applyToUrl(QStringLiteral("/p?a=1&b=2")), QStringLiteral("/p?a=1&b=2"));
        ModelSpies spies(&model);
        model.setUrl(QStringLiteral("/p?a=1&b=2"));
        QCOMPARE(spies.total(), 0);
        QCOMPARE(model.rowCount(), 3);
        // Typed in the URL, with a blank row in the table: reset to the URL.
        model.setUrl(QStringLiteral("/p?a=1&b=3"));
        QCOMPARE(spies.reset.count(), 1);
        QCOMPARE(model.params(), (Params { param("a", "1"), param("b", "3") }));
    }

    void headersAndFlags()
    {
        QueryParamModel model;
        model.setUrl(QStringLiteral("/p?a=1"));
        QCOMPARE(model.columnCount(), 2);
        QVERIFY(
            !model.headerData(QueryParamModel::NameColumn, Qt::Horizontal).toString().isEmpty());
        QVERIFY(
            !model.headerData(QueryParamModel::ValueColumn, Qt::Horizontal).toString().isEmpty());
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsEditable);
        QVERIFY(model.flags(model.index(0, 1)) & Qt::ItemIsEditable);
    }
};

QTEST_MAIN(TestQueryParamModel)
#include "tst_queryparammodel.moc"
