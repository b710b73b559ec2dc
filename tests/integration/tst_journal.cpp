// The request journal as a test of someone's own client uses it: tollgated
// with --admin-port keeps the requests it received; what curl and httpx sent
// (method, target, every header, the body) comes back exactly from
// /journal, with the route, key id, tier and status; key secrets never
// appear; filters, the body cap, the ring's size and DELETE work; and
// `tollgated verify` passes and fails on counts and filters.

#include "daemon.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace testsupport;
using namespace tollgate::server;

namespace {

Finished curl(const QStringList& args)
{
    return runProgram(QStringLiteral("curl"),
        QStringList { QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("10") }
            + args);
}

Finished tollgated(const QStringList& args)
{
    return runProgram(QStringLiteral(TOLLGATED_PATH), args);
}

Finished python(const QString& script, const QStringList& args)
{
    return runProgram(
        QStringLiteral("/usr/bin/python3"), QStringList { QStringLiteral("-c"), script } + args);
}

Response response(int status, std::string body)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.push_back({ "Content-Type", "application/json" });
    return r;
}

Route route(std::string method, std::string path, int status, bool keyed)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.responses = { response(status, R"({"ok":true})") };
    r.access.keyRequired = keyed;
    return r;
}

QJsonArray requestsOf(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("requests")).toArray();
}

QString headerOf(const QJsonObject& request, const QString& name)
{
    for (const auto& h : request.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject o = h.toObject();
        if (o.value(QStringLiteral("name")).toString().compare(name, Qt::CaseInsensitive) == 0)
            return o.value(QStringLiteral("value")).toString();
    }
    return {};
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void whatClientsSentComesBackExactly();
    void filtersAndBodyCap();
    void verifyPassesAndFails();
    void resetAndRing();
    void foreignPagesAreRefused();
    void journalOff();

private:
    QByteArray journal(const QString& query = {});

    QTemporaryDir m_dir;
    QString m_workspace;
    std::string m_secret;
    std::string m_keyId;
    Daemon m_daemon;
    QString m_base;
    QString m_admin;
};

void TestJournal::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Workspace ws;
    ws.routes.push_back(route("POST", "/v1/users", 201, false));
    ws.routes.push_back(route("GET", "/v1/users/{id}", 200, true));
    NewKey key;
    KeyOptions options;
    options.tier = "pro";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
                         .count();
    QVERIFY(createKey("development", options, now, &key, nullptr));
    ws.keys.push_back(key.record);
    m_secret = key.secret;
    m_keyId = key.record.id;
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    ws.dir = m_workspace.toStdString();
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());

    const QByteArray problem = m_daemon.start({ QStringLiteral("--workspace"), m_workspace,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--admin-port"),
        QStringLiteral("0"), QStringLiteral("--journal"), QStringLiteral("100"),
        QStringLiteral("--journal-body-limit"), QStringLiteral("64"),
        QStringLiteral("--no-metrics") });
    QVERIFY2(problem.isEmpty(), problem.constData());
    static const QRegularExpression adminLine(
        QStringLiteral("admin on (http://127\\.0\\.0\\.1:\\d+)/metrics"));
    const auto m = adminLine.match(QString::fromUtf8(m_daemon.out()));
    QVERIFY2(m.hasMatch(), m_daemon.out().constData());
    m_admin = m.captured(1);
    m_base = QStringLiteral("http://127.0.0.1:%1").arg(m_daemon.port());
}

QByteArray TestJournal::journal(const QString& query)
{
    const Finished f = curl({ m_admin + QStringLiteral("/journal") + query });
    return f.exitCode == 0 ? f.out : QByteArray();
}

void TestJournal::whatClientsSentComesBackExactly()
{
    // curl: a JSON body and a header of the test's own.
    const Finished posted = curl({ QStringLiteral("-X"), QStringLiteral("POST"),
        m_base + QStringLiteral("/v1/users?source=test"), QStringLiteral("-H"),
        QStringLiteral("X-Trace: abc 123"), QStringLiteral("-H"),
        QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-raw"),
        QStringLiteral(R"({"name":"Ada"})") });
    QVERIFY2(posted.exitCode == 0, posted.describe().constData());
    // httpx: a keyed GET, twice.
    const Finished got = python(QStringLiteral(R"(
import httpx, sys
with httpx.Client(timeout=10) as c:
    for _ in range(2):
        r = c.get(sys.argv[1] + "/v1/users/7", headers={"Authorization": "Bearer " + sys.argv[2],
                                                        "X-Client": "httpx-test"})
        assert r.status_code == 200, r.status_code
)"),
        { m_base, QString::fromStdString(m_secret) });
    QVERIFY2(got.exitCode == 0, got.describe().constData());

    const QByteArray body = journal();
    QVERIFY2(!body.isEmpty(), "no journal");
    // Key secrets never: not in a header, nowhere.
    QVERIFY2(!body.contains(QByteArray::fromStdString(m_secret)), body.constData());
    const QJsonArray all = requestsOf(body);
    QCOMPARE(all.size(), 3);

    const QJsonObject post = all.at(0).toObject();
    QCOMPARE(post.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(post.value(QStringLiteral("target")).toString(), QStringLiteral("/v1/users?source=test"));
    QCOMPARE(post.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/users"));
    QCOMPARE(post.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"name":"Ada"})"));
    QCOMPARE(post.value(QStringLiteral("bodyBytes")).toInteger(), 14);
    QCOMPARE(post.value(QStringLiteral("bodyTruncated")).toBool(), false);
    QCOMPARE(headerOf(post, QStringLiteral("X-Trace")), QStringLiteral("abc 123"));
    QCOMPARE(headerOf(post, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    QVERIFY(headerOf(post, QStringLiteral("User-Agent")).startsWith(QStringLiteral("curl/")));
    QCOMPARE(post.value(QStringLiteral("route")).toString(), QStringLiteral("POST /v1/users"));
    QCOMPARE(post.value(QStringLiteral("status")).toInt(), 201);
    QCOMPARE(post.value(QStringLiteral("key")).toString(), QString());
    QVERIFY(!post.value(QStringLiteral("requestId")).toString().isEmpty());

    const QJsonObject get = all.at(2).toObject();
    QCOMPARE(get.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(get.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/users/7"));
    QCOMPARE(get.value(QStringLiteral("route")).toString(), QStringLiteral("GET /v1/users/{id}"));
    QCOMPARE(get.value(QStringLiteral("key")).toString(), QString::fromStdString(m_keyId));
    QCOMPARE(get.value(QStringLiteral("tier")).toString(), QStringLiteral("pro"));
    QCOMPARE(get.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(headerOf(get, QStringLiteral("Authorization")), QStringLiteral("Bearer [redacted]"));
    QCOMPARE(headerOf(get, QStringLiteral("X-Client")), QStringLiteral("httpx-test"));
    QVERIFY(all.at(1).toObject().value(QStringLiteral("sequence")).toInteger()
        > post.value(QStringLiteral("sequence")).toInteger());
}

void TestJournal::filtersAndBodyCap()
{
    // 200 bytes against a cap of 64, and a refused key sent as X-API-Key.
    const QString big(200, QLatin1Char('x'));
    QVERIFY(curl({ QStringLiteral("-X"), QStringLiteral("POST"),
                     m_base + QStringLiteral("/v1/users"), QStringLiteral("--data-raw"), big })
                .exitCode
        == 0);
    QVERIFY(curl({ m_base + QStringLiteral("/v1/users/8"), QStringLiteral("-H"),
                     QStringLiteral("X-API-Key: tg_dev_not_a_real_key_0000") })
                .exitCode
        == 0);

    const QJsonArray capped = requestsOf(journal(QStringLiteral("?bodyContains=xxxx")));
    QCOMPARE(capped.size(), 1);
    const QJsonObject c = capped.at(0).toObject();
    QCOMPARE(c.value(QStringLiteral("bodyBytes")).toInteger(), 200);
    QCOMPARE(c.value(QStringLiteral("body")).toString(), QString(64, QLatin1Char('x')));
    QCOMPARE(c.value(QStringLiteral("bodyTruncated")).toBool(), true);

    const QJsonArray refused = requestsOf(journal(QStringLiteral("?status=401")));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(headerOf(refused.at(0).toObject(), QStringLiteral("X-API-Key")),
        QStringLiteral("[redacted]"));
    QVERIFY(!journal().contains("tg_dev_not_a_real_key"));

    QCOMPARE(requestsOf(journal(QStringLiteral("?method=get&path=%2Fv1%2Fusers%2F7"))).size(), 2);
    QCOMPARE(requestsOf(journal(QStringLiteral("?pathPrefix=%2Fv1%2Fusers%2F"))).size(), 3);
    QCOMPARE(requestsOf(journal(QStringLiteral("?header=X-Trace:abc%20123"))).size(), 1);
    QCOMPARE(requestsOf(journal(QStringLiteral("?header=X-Trace:abc"))).size(), 0);
    QCOMPARE(requestsOf(journal(QStringLiteral("?tier=pro&status=200"))).size(), 2);
    const QJsonArray newest = requestsOf(journal(QStringLiteral("?limit=1")));
    QCOMPARE(newest.size(), 1);
    QCOMPARE(newest.at(0).toObject().value(QStringLiteral("path")).toString(),
        QStringLiteral("/v1/users/8"));

    const Finished bad = curl({ QStringLiteral("-w"), QStringLiteral("%{http_code}"),
        m_admin + QStringLiteral("/journal?colour=red") });
    QVERIFY2(bad.out.endsWith("400") && bad.out.contains("unknown filter \"colour\""),
        bad.out.constData());
}

void TestJournal::verifyPassesAndFails()
{
    auto verify = [&](QStringList args) {
        return tollgated(QStringList { QStringLiteral("verify"), QStringLiteral("--admin"),
                             m_admin + QStringLiteral("/metrics") }
            + args);
    };
    Finished f = verify({ QStringLiteral("--path"), QStringLiteral("/v1/users/7"),
        QStringLiteral("--count"), QStringLiteral("2") });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    QVERIFY2(f.err.contains("verified: 2 requests with path /v1/users/7"), f.err.constData());

    f = verify({ QStringLiteral("--path"), QStringLiteral("/v1/users/7"), QStringLiteral("--count"),
        QStringLiteral("3") });
    QVERIFY2(f.exitCode == 1, f.describe().constData());
    QVERIFY2(f.err.contains("expected exactly 3 requests with path /v1/users/7, found 2"),
        f.err.constData());
    QVERIFY2(f.err.contains("the newest requests in the journal:"), f.err.constData());

    f = verify({ QStringLiteral("--method"), QStringLiteral("POST"), QStringLiteral("--header"),
        QStringLiteral("X-Trace: abc 123"), QStringLiteral("--body-contains"),
        QStringLiteral("\"Ada\""), QStringLiteral("--route"), QStringLiteral("POST /v1/users"),
        QStringLiteral("--status"), QStringLiteral("201"), QStringLiteral("--count"),
        QStringLiteral("1"), QStringLiteral("--json") });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    QCOMPARE(QJsonDocument::fromJson(f.out).array().size(), 1);

    f = verify({ QStringLiteral("--key"), QString::fromStdString(m_keyId), QStringLiteral("--tier"),
        QStringLiteral("pro"), QStringLiteral("--at-least"), QStringLiteral("2"),
        QStringLiteral("--at-most"), QStringLiteral("2") });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    f = verify({ QStringLiteral("--path"), QStringLiteral("/nowhere"), QStringLiteral("--none") });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    f = verify({ QStringLiteral("--path"), QStringLiteral("/nowhere") }); // at least one
    QVERIFY2(f.exitCode == 1, f.describe().constData());

    // A secret is not a key id.
    f = verify({ QStringLiteral("--key"), QString::fromStdString(m_secret) });
    QVERIFY2(f.exitCode == 2 && f.err.contains("not its secret"), f.describe().constData());
    f = tollgated({ QStringLiteral("verify"), QStringLiteral("--admin"),
        QStringLiteral("http://127.0.0.1:1") });
    QVERIFY2(f.exitCode == 2 && f.err.contains("cannot connect"), f.describe().constData());
}

void TestJournal::resetAndRing()
{
    const qint64 before = requestsOf(journal()).last().toObject().value(QStringLiteral("sequence")).toInteger();
    const Finished emptied = curl({ QStringLiteral("-X"), QStringLiteral("DELETE"),
        QStringLiteral("-w"), QStringLiteral("%{http_code}"), m_admin + QStringLiteral("/journal") });
    QCOMPARE(emptied.out, QByteArray("204"));
    QCOMPARE(requestsOf(journal()).size(), 0);

    // 150 requests into a journal of 100: the newest 100 stay, numbered on.
    const Finished sent = python(QStringLiteral(R"(
import httpx, sys
with httpx.Client(timeout=10) as c:
    for i in range(150):
        assert c.post(sys.argv[1] + "/v1/users", content=str(i)).status_code == 201
)"),
        { m_base });
    QVERIFY2(sent.exitCode == 0, sent.describe().constData());
    const QJsonObject doc = QJsonDocument::fromJson(journal()).object();
    const QJsonArray held = doc.value(QStringLiteral("requests")).toArray();
    QCOMPARE(held.size(), 100);
    QCOMPARE(doc.value(QStringLiteral("addedSinceReset")).toInteger(), 150);
    QCOMPARE(held.first().toObject().value(QStringLiteral("body")).toString(), QStringLiteral("50"));
    QCOMPARE(held.last().toObject().value(QStringLiteral("body")).toString(), QStringLiteral("149"));
    QCOMPARE(held.first().toObject().value(QStringLiteral("sequence")).toInteger(), before + 51);

    const Finished reset = tollgated({ QStringLiteral("verify"), QStringLiteral("--admin"), m_admin,
        QStringLiteral("--reset") });
    QVERIFY2(reset.exitCode == 0, reset.describe().constData());
    QCOMPARE(requestsOf(journal()).size(), 0);
}

void TestJournal::foreignPagesAreRefused()
{
    const Finished f = curl({ QStringLiteral("-w"), QStringLiteral("%{http_code}"),
        QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-X"),
        QStringLiteral("DELETE"), QStringLiteral("-H"), QStringLiteral("Origin: https://evil.example"),
        m_admin + QStringLiteral("/journal") });
    QCOMPARE(f.out, QByteArray("403"));
}

void TestJournal::journalOff()
{
    Daemon off;
    const QByteArray problem = off.start({ QStringLiteral("--workspace"), m_workspace,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--admin-port"),
        QStringLiteral("0"), QStringLiteral("--journal"), QStringLiteral("0"),
        QStringLiteral("--no-metrics"), QStringLiteral("--state-dir"),
        m_dir.filePath(QStringLiteral("state-off")) });
    QVERIFY2(problem.isEmpty(), problem.constData());
    static const QRegularExpression adminLine(
        QStringLiteral("admin on (http://127\\.0\\.0\\.1:\\d+)/metrics"));
    const QString admin = adminLine.match(QString::fromUtf8(off.out())).captured(1);
    QVERIFY(!admin.isEmpty());
    const Finished f = curl({ QStringLiteral("-w"), QStringLiteral("%{http_code}"),
        admin + QStringLiteral("/journal") });
    QVERIFY2(f.out.endsWith("404") && f.out.contains("--journal"), f.out.constData());
    const Finished v
        = tollgated({ QStringLiteral("verify"), QStringLiteral("--admin"), admin });
    QVERIFY2(v.exitCode == 2 && v.err.contains("keeps no request journal"), v.describe().constData());
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
