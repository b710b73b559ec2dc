// The request journal on its own: the ring keeps the newest entries in order
// and numbers them on through a reset, filters select what they say and
// refuse what they do not know, key fields are masked whatever their case,
// and the JSON keeps bytes that are not UTF-8 as base64.

#include "server/common/text.h"
#include "server/metering/journal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tollgate::server;

namespace {

JournalEntry entry(std::string method, std::string target, int status, std::string body = {})
{
    JournalEntry e;
    e.method = std::move(method);
    e.target = std::move(target);
    e.status = status;
    e.bodyBytes = body.size();
    e.body = std::move(body);
    return e;
}

QJsonObject parsed(const std::string& json)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

} // namespace

class TestRequestJournal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ringKeepsTheNewestInOrder()
    {
        RequestJournal j(3, 100);
        for (int i = 1; i <= 5; ++i)
            j.add(entry("GET", "/n/" + std::to_string(i), 200));
        const auto all = j.select({});
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].target, std::string("/n/3"));
        QCOMPARE(all[2].target, std::string("/n/5"));
        QCOMPARE(all[0].sequence, std::uint64_t(3));
        QCOMPARE(j.addedSinceReset(), std::uint64_t(5));
        JournalFilter newest;
        newest.limit = 2;
        const auto two = j.select(newest);
        QCOMPARE(two.size(), std::size_t(2));
        QCOMPARE(two[0].target, std::string("/n/4"));

        j.reset();
        QCOMPARE(j.size(), std::size_t(0));
        QCOMPARE(j.addedSinceReset(), std::uint64_t(0));
        j.add(entry("GET", "/after", 200));
        QCOMPARE(j.select({}).at(0).sequence, std::uint64_t(6)); // numbered on
        JournalFilter after;
        after.after = 6;
        QCOMPARE(j.select(after).size(), std::size_t(0));
    }

    void offKeepsNothing()
    {
        RequestJournal j(0, 100);
        QVERIFY(!j.enabled());
        j.add(entry("GET", "/", 200));
        QCOMPARE(j.size(), std::size_t(0));
    }

    void filtersFromQuery_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("matches"); // of the four entries below
        QTest::newRow("all") << "" << 4;
        QTest::newRow("method any case") << "method=post" << 1;
        QTest::newRow("path exact, not the query") << "path=%2Fv1%2Fusers%2F7" << 2;
        QTest::newRow("path prefix") << "pathPrefix=/v1/" << 3;
        QTest::newRow("route") << "route=GET+%2Fv1%2Fusers%2F%7Bid%7D" << 2;
        QTest::newRow("key") << "key=key_abc" << 1;
        QTest::newRow("tier") << "tier=pro" << 1;
        QTest::newRow("status") << "status=404" << 1;
        QTest::newRow("header present any case") << "header=x-trace" << 2;
        QTest::newRow("header value") << "header=X-Trace:%20one" << 1;
        QTest::newRow("header value differs") << "header=X-Trace:two" << 0;
        QTest::newRow("body") << "bodyContains=Ada" << 1;
        QTest::newRow("together") << "method=GET&status=200&tier=pro" << 1;
        QTest::newRow("limit") << "limit=3" << 3;
    }

    void filtersFromQuery()
    {
        QFETCH(QString, query);
        QFETCH(int, matches);
        RequestJournal j(10, 100);
        JournalEntry a = entry("GET", "/v1/users/7?x=1", 200);
        a.route = "GET /v1/users/{id}";
        a.keyId = "key_abc";
        a.tier = "pro";
        a.headers = { { "X-Trace", "one" } };
        j.add(a);
        JournalEntry b = entry("GET", "/v1/users/7", 404);
        b.route = "GET /v1/users/{id}";
        b.headers = { { "x-trace", "three" } };
        j.add(b);
        j.add(entry("POST", "/v1/users", 201, R"({"name":"Ada"})"));
        j.add(entry("GET", "/health", 200));
        JournalFilter f;
        std::string error;
        QVERIFY2(JournalFilter::fromQuery(query.toStdString(), &f, &error), error.c_str());
        QCOMPARE(int(j.select(f).size()), matches);
    }

    void badFiltersAreRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown") << "colour=red" << "unknown filter \"colour\"";
        QTest::newRow("status word") << "status=ok" << "status must be";
        QTest::newRow("status too big") << "status=1000" << "status must be";
        QTest::newRow("limit") << "limit=-1" << "limit must be";
        QTest::newRow("after") << "after=x" << "after must be";
        QTest::newRow("header without name") << "header=:x" << "header must be";
    }

    void badFiltersAreRefused()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        JournalFilter f;
        std::string error;
        QVERIFY(!JournalFilter::fromQuery(query.toStdString(), &f, &error));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }

    void keyFieldsAreMasked()
    {
        std::vector<std::pair<std::string, std::string>> h { { "authorization", "Bearer tg_dev_s3cret" },
            { "X-Api-Key", "tg_dev_s3cret" }, { "Proxy-Authorization", "Basic dXNlcjpwYXNz" },
            { "Authorization", "tg_dev_s3cret" }, { "X-Other", "tg_dev_kept" } };
        maskKeyFields(&h);
        QCOMPARE(h[0].second, std::string("Bearer [redacted]"));
        QCOMPARE(h[1].second, std::string("[redacted]"));
        QCOMPARE(h[2].second, std::string("[redacted]"));
        QCOMPARE(h[3].second, std::string("[redacted]")); // no scheme: nothing kept
        QCOMPARE(h[4].second, std::string("tg_dev_kept")); // not a key field
    }

    void jsonKeepsBytes()
    {
        RequestJournal j(10, 4);
        JournalEntry e = entry("PUT", "/blob", 200, std::string("\xff\xfe\x00\x01", 4));
        e.bodyBytes = 9; // cut at the limit
        e.headers = { { "X-Bin", std::string("\xc3\x28", 2) }, { "X-Text", "é ok" } };
        j.add(e);
        const QJsonObject doc = parsed(journalToJson(j, j.select({})));
        QCOMPARE(doc.value(QStringLiteral("capacity")).toInt(), 10);
        QCOMPARE(doc.value(QStringLiteral("bodyLimit")).toInt(), 4);
        const QJsonObject r = doc.value(QStringLiteral("requests")).toArray().at(0).toObject();
        QVERIFY(!r.contains(QStringLiteral("body")));
        QCOMPARE(r.value(QStringLiteral("bodyBase64")).toString(), QStringLiteral("//4AAQ=="));
        QCOMPARE(r.value(QStringLiteral("bodyBytes")).toInt(), 9);
        QVERIFY(r.value(QStringLiteral("bodyTruncated")).toBool());
        const QJsonArray headers = r.value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.at(0).toObject().value(QStringLiteral("valueBase64")).toString(),
            QStringLiteral("wyg="));
        QCOMPARE(headers.at(1).toObject().value(QStringLiteral("value")).toString(),
            QStringLiteral("é ok"));
    }

    void utf8Check_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("plain") << true;
        QTest::newRow("two bytes") << QByteArray("\xc3\xa9") << true;
        QTest::newRow("four bytes") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("cut short") << QByteArray("\xe2\x82") << false;
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    }

    void utf8Check()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(std::string_view(bytes.constData(), std::size_t(bytes.size()))), valid);
    }
};

QTEST_GUILESS_MAIN(TestRequestJournal)
#include "tst_requestjournal.moc"
