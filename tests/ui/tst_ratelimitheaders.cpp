#include "ui/requests/ratelimitheaders.h"

#include <QTest>

using namespace tollgate::ui;

using Infos = QList<RateLimitInfo>;

namespace tollgate::ui {

// Found by QCOMPARE through argument-dependent lookup, so a mismatch prints
// the fields instead of "<unknown>".
char* toString(const RateLimitInfo& info)
{
    return QTest::toString(QStringLiteral("{%1 q=%2 w=%3 r=%4 t=%5}")
                               .arg(info.policy)
                               .arg(info.quota)
                               .arg(info.window)
                               .arg(info.remaining)
                               .arg(info.reset));
}

} // namespace tollgate::ui

namespace {

RateLimitInfo info(const char* policy, qint64 quota, qint64 window, qint64 remaining, qint64 reset)
{
    return { QString::fromUtf8(policy), quota, window, remaining, reset };
}

} // namespace

class TestRateLimitHeaders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("rateLimit");
        QTest::addColumn<QByteArray>("policy");
        QTest::addColumn<Infos>("expected");

        // Exactly what the embedded server sends (server/engine.cpp).
        QTest::newRow("ours") << QByteArray("\"minute\";r=99;t=1, \"month\";r=999;t=345600")
                              << QByteArray("\"minute\";q=100;w=60, \"month\";q=1000;w=2592000")
                              << Infos { info("minute", 100, 60, 99, 1),
                                     info("month", 1000, 2592000, 999, 345600) };
        QTest::newRow("month only")
            << QByteArray("\"month\";r=0;t=86400") << QByteArray("\"month\";q=1000;w=2678400")
            << Infos { info("month", 1000, 2678400, 0, 86400) };
        QTest::newRow("whitespace")
            << QByteArray("  \"minute\" ; r=5 ;\tt=30 ,\t\"month\";r=7;t=8  ")
            << QByteArray("\"minute\";  q=10;w=60,\"month\";q=9;w=100")
            << Infos { info("minute", 10, 60, 5, 30), info("month", 9, 100, 7, 8) };
        QTest::newRow("unknown parameters")
            << QByteArray("\"minute\";r=1;t=2;pk=:YWJj:;x=\"a,b;c\";flag;ratio=0.5;y=?1")
            << QByteArray("\"minute\";q=3;qu=\"requests\";w=60;partition=token")
            << Infos { info("minute", 3, 60, 1, 2) };
        QTest::newRow("token names")
            << QByteArray("default;r=50;t=10") << QByteArray("default;q=100;w=60")
            << Infos { info("default", 100, 60, 50, 10) };
        QTest::newRow("missing RateLimit-Policy") << QByteArray(
            "\"minute\";r=99;t=1") << QByteArray() << Infos { info("minute", -1, -1, 99, 1) };
        QTest::newRow("missing RateLimit") << QByteArray() << QByteArray("\"minute\";q=100;w=60")
                                           << Infos { info("minute", 100, 60, -1, -1) };
        QTest::newRow("both missing") << QByteArray() << QByteArray() << Infos {};
        QTest::newRow("order of RateLimit, then the rest")
            << QByteArray("\"month\";r=5;t=6")
            << QByteArray("\"hour\";q=7;w=3600, \"minute\";q=1;w=60, \"month\";q=9;w=99")
            << Infos { info("month", 9, 99, 5, 6), info("hour", 7, 3600, -1, -1),
                   info("minute", 1, 60, -1, -1) };
        QTest::newRow("missing parameter")
            << QByteArray("\"minute\";r=3") << QByteArray("\"minute\";w=60")
            << Infos { info("minute", -1, 60, 3, -1) };
        QTest::newRow("garbage items skipped")
            << QByteArray("\"minute\";r=abc;t=1, 42;r=1, \"x\" junk;r=1, ;r=2, \"month\";r=8;t=9,")
            << QByteArray("\"minute\";q=100;w=60, \"unterminated;q=1")
            << Infos { info("month", -1, -1, 8, 9), info("minute", 100, 60, -1, -1) };
        QTest::newRow("negative and overflowing numbers")
            << QByteArray("\"a\";r=-1;t=1, \"b\";r=99999999999999999999999;t=1, \"c\";r=1;t=2")
            << QByteArray() << Infos { info("c", -1, -1, 1, 2) };
        QTest::newRow("escaped quotes and commas in names")
            << QByteArray("\"a\\\",b\";r=1;t=2") << QByteArray("\"a\\\",b\";q=3;w=4")
            << Infos { info("a\",b", 3, 4, 1, 2) };
        QTest::newRow("duplicate policy: first wins")
            << QByteArray("\"minute\";r=1;t=2, \"minute\";r=5;t=6") << QByteArray()
            << Infos { info("minute", -1, -1, 1, 2) };
        QTest::newRow("nothing but garbage")
            << QByteArray(",,, ;;; ===") << QByteArray("\"") << Infos {};
    }

    void decodes()
    {
        QFETCH(QByteArray, rateLimit);
        QFETCH(QByteArray, policy);
        QFETCH(Infos, expected);
        QCOMPARE(decodeRateLimit(rateLimit, policy), expected);
    }
};

QTEST_GUILESS_MAIN(TestRateLimitHeaders)
#include "tst_ratelimitheaders.moc"
