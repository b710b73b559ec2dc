// A Mockoon environment served by Mockoon itself (@mockoon/cli, from
// bench/package.json) and, imported with `tollgated import`, by tollgated:
// the same requests get the same answers. Status, media type, the headers the
// environment sets and the body agree byte for byte, except where Mockoon's
// templating generates values (then the JSON shapes agree) and where the
// import report says an answer is served otherwise.

#include "daemon.h"
#include "peerprocess.h"
#include "rawclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using rawhttp::Response;
using testsupport::call;
using testsupport::Daemon;
using testsupport::Finished;
using testsupport::jsonShape;

namespace {

const QString kEnvironment
    = QStringLiteral(TOLLGATE_SOURCE_DIR "/tests/data/import/mockoon/shop-environment.json");
const QString kMockoonCli
    = QStringLiteral(TOLLGATE_SOURCE_DIR "/bench/node_modules/@mockoon/cli/bin/run.js");

/// How much of two answers must agree.
enum class Agree {
    Exactly, ///< status, media type, the environment's headers, body bytes
    InShape, ///< the same, but generated values: header presence and JSON shape only
    Reported, ///< status and media type; the import report names the difference
};

struct Case {
    QByteArray method;
    QByteArray target;
    QByteArray extraHeaders;
    QByteArray body;
    Agree agree;
};

const QList<Case>& cases()
{
    static const QList<Case> all {
        { "GET", "/api/users", {}, {}, Agree::Exactly },
        { "GET", "/api/users/1", {}, {}, Agree::Exactly }, // a rule on the path parameter
        { "GET", "/api/users/2", {}, {}, Agree::Exactly }, // the default: 404
        { "POST", "/api/users", {}, "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}",
            Agree::InShape }, // faker UUIDs in the body and the Location header
        { "POST", "/api/users", {}, "{\"email\":\"nobody@example.com\"}",
            Agree::Exactly }, // "name" missing: 422
        { "PUT", "/api/users/5", {}, "{\"name\":\"Ada\"}", Agree::Exactly },
        { "DELETE", "/api/users/5", {}, {}, Agree::Exactly }, // 204, no body
        { "DELETE", "/api/users/1", {}, {}, Agree::Exactly }, // a rule: 403
        { "GET", "/api/users/3/activity", {}, {}, Agree::Reported },
        { "GET", "/api/products?category=books", {}, {}, Agree::Exactly }, // a regex rule
        { "GET", "/api/products?category=cars", {}, {}, Agree::Exactly },
        { "GET", "/api/products", {}, {}, Agree::Exactly },
        { "GET", "/api/orders/42", "Authorization: Bearer t0k3n\r\n", {}, Agree::Exactly },
        { "GET", "/api/orders/42", {}, {}, Agree::Exactly }, // no Authorization: 401
        { "GET", "/api/health", {}, {}, Agree::Exactly }, // text/plain from a response header
    };
    return all;
}

QByteArray mediaType(const Response& r)
{
    return r.header("Content-Type").split(';').first().trimmed().toLower();
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// Every header name the environment sets, on itself or on a response,
/// except Content-Type (compared as a media type).
QList<QByteArray> environmentHeaders(const QJsonObject& environment)
{
    QList<QByteArray> names;
    const auto add = [&](const QJsonArray& headers) {
        for (const QJsonValue& h : headers) {
            const QByteArray name = h.toObject().value(QStringLiteral("key")).toString().toUtf8();
            if (name.compare("Content-Type", Qt::CaseInsensitive) != 0 && !names.contains(name))
                names += name;
        }
    };
    add(environment.value(QStringLiteral("headers")).toArray());
    for (const QJsonValue& route : environment.value(QStringLiteral("routes")).toArray()) {
        for (const QJsonValue& response :
            route.toObject().value(QStringLiteral("responses")).toArray())
            add(response.toObject().value(QStringLiteral("headers")).toArray());
    }
    return names;
}

} // namespace

class TestMockoonPeer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void answersAgree_data();
    void answersAgree();
    void latencyIsKept();

private:
    QTemporaryDir m_dir;
    testsupport::PeerProcess m_mockoon;
    quint16 m_mockoonPort = 0;
    Daemon m_tollgated;
    QByteArray m_report;
    QList<QByteArray> m_headers;
};

void TestMockoonPeer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kMockoonCli),
        "@mockoon/cli is not installed in bench/node_modules: run "
        "TOLLGATE_TESTS=1 bash scripts/install-deps.sh");
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!node.isEmpty(), "Node.js is not installed: run TOLLGATE_TESTS=1 bash "
                              "scripts/install-deps.sh");

    // Mockoon serves the file on its own port; only where it listens changes.
    QJsonObject environment = readJson(kEnvironment);
    QVERIFY(!environment.isEmpty());
    m_headers = environmentHeaders(environment);
    QVERIFY(m_headers.contains("X-Powered-By") && m_headers.contains("Location"));
    m_mockoonPort = testsupport::freePort();
    QVERIFY(m_mockoonPort != 0);
    environment.insert(QStringLiteral("port"), m_mockoonPort);
    environment.insert(QStringLiteral("hostname"), QStringLiteral("127.0.0.1"));
    const QString served = m_dir.filePath(QStringLiteral("mockoon.json"));
    QFile file(served);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(environment).toJson());
    file.close();
    const QByteArray started = m_mockoon.start(node,
        { kMockoonCli, QStringLiteral("start"), QStringLiteral("--data"), served,
            QStringLiteral("--disable-log-to-file") },
        m_dir.path(), [this] { return call(m_mockoonPort, "GET", "/api/health").status == 200; });
    QVERIFY2(started.isEmpty(), started.constData());

    const QString workspace = m_dir.filePath(QStringLiteral("shop"));
    const Finished imported = testsupport::runProgram(QStringLiteral(TOLLGATED_PATH),
        { QStringLiteral("import"), kEnvironment, QStringLiteral("--workspace"), workspace });
    QVERIFY2(imported.exitCode == 0, imported.describe());
    m_report = imported.out + imported.err;
    const QByteArray failure = m_tollgated.start({ QStringLiteral("--workspace"), workspace,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics") });
    QVERIFY2(failure.isEmpty(), failure.constData());
}

void TestMockoonPeer::answersAgree_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < cases().size(); ++i) {
        const Case& c = cases()[i];
        QByteArray name = c.method + ' ' + c.target;
        if (!c.extraHeaders.isEmpty())
            name += " +auth";
        if (!c.body.isEmpty())
            name += ' ' + c.body;
        QTest::newRow(name.constData()) << i;
    }
}

void TestMockoonPeer::answersAgree()
{
    QFETCH(int, index);
    const Case& c = cases()[index];
    const Response mockoon = call(m_mockoonPort, c.method, c.target, c.extraHeaders, c.body);
    const Response tollgate = call(m_tollgated.port(), c.method, c.target, c.extraHeaders, c.body);
    QVERIFY2(mockoon.ok && tollgate.ok, QByteArray(mockoon.error + tollgate.error).constData());
    QVERIFY2(mockoon.status == tollgate.status,
        QByteArray("Mockoon " + QByteArray::number(mockoon.status) + ", Tollgate "
            + QByteArray::number(tollgate.status) + '\n' + tollgate.body)
            .constData());
    // A 204 has no content, so no content type either (Mockoon sends none).
    if (!mockoon.body.isEmpty())
        QCOMPARE(mediaType(tollgate), mediaType(mockoon));
    QCOMPARE(tollgate.body.isEmpty(), mockoon.body.isEmpty());

    switch (c.agree) {
    case Agree::Exactly:
        for (const QByteArray& name : m_headers)
            QCOMPARE(tollgate.header(name), mockoon.header(name));
        QCOMPARE(tollgate.body, mockoon.body);
        break;
    case Agree::InShape:
        for (const QByteArray& name : m_headers)
            QCOMPARE(tollgate.hasHeader(name), mockoon.hasHeader(name));
        QVERIFY(!mockoon.body.isEmpty());
        QCOMPARE(jsonShape(tollgate.body), jsonShape(mockoon.body));
        QVERIFY(tollgate.body != mockoon.body); // generated anew by each
        break;
    case Agree::Reported: {
        // Mockoon's repeat / oneOf / faker 'date.recent' have no Tollgate
        // equivalent: the report says so with the line, and the body is served
        // as written.
        QVERIFY2(m_report.contains("shop-environment.json:316")
                && m_report.contains("served literally"),
            m_report.constData());
        QVERIFY(QJsonDocument::fromJson(mockoon.body).isObject());
        QVERIFY2(tollgate.body.contains("{{#repeat 3}}"), tollgate.body.constData());
        break;
    }
    }
}

void TestMockoonPeer::latencyIsKept()
{
    // PUT /api/users/:id waits 250 ms in the environment; so do both servers.
    for (const quint16 port : { m_mockoonPort, m_tollgated.port() }) {
        QElapsedTimer timer;
        timer.start();
        const Response r = call(port, "PUT", "/api/users/5", {}, "{\"name\":\"Ada\"}");
        QCOMPARE(r.status, 200);
        QVERIFY2(timer.elapsed() >= 250, QByteArray::number(timer.elapsed()).constData());
    }
}

QTEST_GUILESS_MAIN(TestMockoonPeer)
#include "tst_mockoonpeer.moc"
