// Money crosses the UI as text: exact in both directions, never a double.

#include "testutil.h"

#include "ui/common/money.h"

#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

class TestMoney : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void formats_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("german");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("$0") << QStringLiteral("$0");
        QTest::newRow("fraction") << qint64(2000) << QStringLiteral("$0.002")
                                  << QStringLiteral("$0,002");
        QTest::newRow("one micro")
            << qint64(1) << QStringLiteral("$0.000001") << QStringLiteral("$0,000001");
        QTest::newRow("whole") << qint64(29'000'000) << QStringLiteral("$29")
                               << QStringLiteral("$29");
        QTest::newRow("cents keep two digits")
            << qint64(29'500'000) << QStringLiteral("$29.50") << QStringLiteral("$29,50");
        QTest::newRow("grouped") << qint64(1'250'750'000) << QStringLiteral("$1,250.75")
                                 << QStringLiteral("$1.250,75");
        QTest::newRow("negative") << qint64(-50'000) << QStringLiteral("-$0.05")
                                  << QStringLiteral("-$0,05");
        QTest::newRow("minimum") << std::numeric_limits<qint64>::min()
                                 << QStringLiteral("-$9,223,372,036,854.775808")
                                 << QStringLiteral("-$9.223.372.036.854,775808");
    }

    void formats()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, english);
        QFETCH(QString, german);
        QCOMPARE(Money::format(micros, QLocale(QLocale::English, QLocale::UnitedStates)), english);
        QCOMPARE(Money::format(micros, QLocale(QLocale::German, QLocale::Germany)), german);
    }

    void editTextRoundTrips()
    {
        const QLocale german(QLocale::German, QLocale::Germany);
        for (const qint64 micros : { qint64(0), qint64(1), qint64(2000), qint64(100'000),
                 qint64(29'000'000), qint64(1'000'000'000'000) }) {
            const QString text = Money::editText(micros);
            QVERIFY(!text.contains(QLatin1Char(',')));
            server::Micros back = -1;
            QVERIFY2(Money::parse(text, &back), qPrintable(text));
            QCOMPARE(back, micros);
            // '.' is a decimal point in every locale: what editText writes
            // must read back the same under a German locale too.
            QVERIFY2(Money::parse(text, &back, nullptr, german), qPrintable(text));
            QCOMPARE(back, micros);
        }
        QCOMPARE(Money::editText(2000), QStringLiteral("0.002"));
        QCOMPARE(Money::editText(29'000'000), QStringLiteral("29"));
    }

    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("micros");
        QTest::newRow("fraction") << QStringLiteral("0.002") << qint64(2000);
        QTest::newRow("dollar sign") << QStringLiteral("$29") << qint64(29'000'000);
        QTest::newRow("spaces") << QStringLiteral("  $ 29.5 ") << qint64(29'500'000);
        QTest::newRow("usd suffix") << QStringLiteral("0.10 USD") << qint64(100'000);
        QTest::newRow("usd prefix") << QStringLiteral("usd 3") << qint64(3'000'000);
        QTest::newRow("leading point") << QStringLiteral(".5") << qint64(500'000);
        QTest::newRow("trailing point") << QStringLiteral("7.") << qint64(7'000'000);
        QTest::newRow("six decimals") << QStringLiteral("0.000001") << qint64(1);
        QTest::newRow("grouping") << QStringLiteral("1,250.50") << qint64(1'250'500'000);
        QTest::newRow("grouping only") << QStringLiteral("1,000,000") << qint64(1'000'000'000'000);
        // Exact where a double is not: 0.1 + 0.2 style inputs stay exact.
        QTest::newRow("not a double") << QStringLiteral("0.3") << qint64(300'000);
        QTest::newRow("big") << QStringLiteral("999999999999.999999")
                             << qint64(999'999'999'999'999'999);
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(qint64, micros);
        server::Micros out = -1;
        QString error;
        QVERIFY2(Money::parse(text, &out, &error, QLocale(QLocale::English, QLocale::UnitedStates)),
            qPrintable(error));
        QCOMPARE(out, micros);
    }

    void decimalCommaWhereTheLocaleUsesIt()
    {
        server::Micros out = -1;
        const QLocale german(QLocale::German, QLocale::Germany);
        QVERIFY(Money::parse(QStringLiteral("0,002"), &out, nullptr, german));
        QCOMPARE(out, 2000);
        QVERIFY(Money::parse(QStringLiteral("1.250,5"), &out, nullptr, german));
        QCOMPARE(out, 1'250'500'000);
        // In English "0,002" is neither a decimal nor a grouped number.
        QVERIFY(!Money::parse(QStringLiteral("0,002"), &out, nullptr, QLocale(QLocale::English)));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter an amount");
        QTest::newRow("negative") << QStringLiteral("-1") << QStringLiteral("negative");
        QTest::newRow("seven decimals") << QStringLiteral("0.0000001") << QStringLiteral("six");
        QTest::newRow("letters") << QStringLiteral("abc") << QStringLiteral("not an amount");
        QTest::newRow("two points") << QStringLiteral("1.2.3") << QStringLiteral("not an amount");
        QTest::newRow("bad grouping")
            << QStringLiteral("12,34.5") << QStringLiteral("not an amount");
        QTest::newRow("exponent") << QStringLiteral("1e3") << QStringLiteral("not an amount");
        QTest::newRow("too large")
            << QStringLiteral("1000000000000") << QStringLiteral("too large");
        QTest::newRow("only a sign") << QStringLiteral("$") << QStringLiteral("not an amount");
    }

    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        server::Micros out = 42;
        QString error;
        QVERIFY(!Money::parse(text, &out, &error, QLocale(QLocale::English)));
        QCOMPARE(out, 42);
        QVERIFY2(error.contains(says), qPrintable(error));
    }
};

QTEST_MAIN(TestMoney)
#include "tst_money.moc"
