// `tollgated export fastapi` run for real: the demo workspace and an imported
// spec exported, the projects served by uvicorn on loopback next to tollgated
// on the same workspaces, and every route compared (status, content type, the
// JSON type of each top-level member); then the key gate: 401 without a key,
// 429 once a free-tier key passes its burst.

#include "daemon.h"
#include "peerprocess.h"
#include "rawclient.h"
#include "server/workspace/workspacestore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using rawhttp::RawClient;
using rawhttp::Response;
using testsupport::call;
using testsupport::Daemon;
using testsupport::Finished;
using tollgate::server::LoadResult;
using tollgate::server::loadWorkspace;
using tollgate::server::Route;

namespace {

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);

Finished tollgated(const QStringList& arguments)
{
    return testsupport::runProgram(kTollgated, arguments);
}

bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target))
            return false;
    }
    return true;
}

/// A concrete path for a route: "1" for every parameter, "a/b" for "*".
QByteArray concretePath(const std::string& path)
{
    QByteArray out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '{') {
            i = path.find('}', i);
            out += '1';
        } else if (path[i] == '*') {
            out += "a/b";
        } else {
            out += path[i];
        }
    }
    return out;
}

/// One exported project under uvicorn, ready once it answers /health.
class Uvicorn {
public:
    QByteArray start(const QString& folder)
    {
        m_port = testsupport::freePort();
        if (m_port == 0)
            return "no free port";
        return m_proc.start(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-m"), QStringLiteral("uvicorn"), QStringLiteral("main:app"),
                QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                QString::number(m_port), QStringLiteral("--no-access-log") },
            folder, [this] { return call(m_port, "GET", "/health").status == 200; });
    }

    quint16 port() const { return m_port; }

private:
    testsupport::PeerProcess m_proc;
    quint16 m_port = 0;
};

} // namespace

class TestFastApiExportCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void demoMatchesTollgated();
    void importedSpecMatchesTollgated();
    void keyRequiredRouteWithoutKeyIs401();
    void freeTierKeyIsLimited();

private:
    QByteArray createKey(const QString& workspace, const QString& tier);
    void serveDemo(const QString& name, Uvicorn* uvicorn);
    void exportAndServe(
        const QString& workspace, const QString& folder, Uvicorn* uvicorn, Daemon* daemon);
    void compareRoutes(
        const QString& workspace, quint16 fastapi, quint16 tollgate, const QByteArray& key);

    QTemporaryDir m_dir;
    QString m_demo;
    QByteArray m_proKey;
    QByteArray m_freeKey;
};

QByteArray TestFastApiExportCli::createKey(const QString& workspace, const QString& tier)
{
    const Finished f = tollgated({ QStringLiteral("keys"), QStringLiteral("create"),
        QStringLiteral("--workspace"), workspace, QStringLiteral("--tier"), tier });
    if (f.exitCode != 0)
        return {};
    return f.out.trimmed(); // the secret, printed once on stdout
}

void TestFastApiExportCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = m_dir.filePath(QStringLiteral("demo"));
    QVERIFY(copyTree(QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo"), m_demo));
    m_proKey = createKey(m_demo, QStringLiteral("pro"));
    m_freeKey = createKey(m_demo, QStringLiteral("free"));
    QVERIFY2(m_proKey.startsWith("tg_") && m_freeKey.startsWith("tg_"),
        QByteArray(m_proKey + m_freeKey).constData());
}

void TestFastApiExportCli::serveDemo(const QString& name, Uvicorn* uvicorn)
{
    const QString folder = m_dir.filePath(name);
    const Finished exported = tollgated({ QStringLiteral("export"), QStringLiteral("fastapi"),
        QStringLiteral("--workspace"), m_demo, QStringLiteral("--out"), folder });
    QVERIFY2(exported.exitCode == 0, exported.describe());
    const QByteArray started = uvicorn->start(folder);
    QVERIFY2(started.isEmpty(), started);
}

void TestFastApiExportCli::exportAndServe(
    const QString& workspace, const QString& folder, Uvicorn* uvicorn, Daemon* daemon)
{
    const Finished exported = tollgated({ QStringLiteral("export"), QStringLiteral("fastapi"),
        QStringLiteral("--workspace"), workspace, QStringLiteral("--out"), folder });
    QVERIFY2(exported.exitCode == 0, exported.describe());
    QFile keys(folder + QStringLiteral("/keys.json"));
    QVERIFY(keys.open(QIODevice::ReadOnly));
    const QByteArray keyText = keys.readAll();
    QVERIFY(!m_proKey.isEmpty() && !keyText.contains(m_proKey) && !keyText.contains(m_freeKey));
    const QByteArray started = uvicorn->start(folder);
    QVERIFY2(started.isEmpty(), started);
    const QByteArray failure = daemon->start({ QStringLiteral("--workspace"), workspace,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics") });
    QVERIFY2(failure.isEmpty(), failure);
}

void TestFastApiExportCli::compareRoutes(
    const QString& workspace, quint16 fastapi, quint16 tollgate, const QByteArray& key)
{
    LoadResult loaded = loadWorkspace(workspace.toStdString());
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.workspace.routes.empty());
    for (const Route& route : loaded.workspace.routes) {
        // SSE and WebSocket routes are not exported to FastAPI (the export
        // says so).
        if (!route.enabled || route.responder == tollgate::server::RouteResponder::Sse
            || route.responder == tollgate::server::RouteResponder::WebSocket)
            continue;
        const QByteArray method = QByteArray::fromStdString(route.method);
        const QByteArray target = concretePath(route.path);
        const QByteArray extra
            = route.access.keyRequired ? QByteArray("X-API-Key: " + key + "\r\n") : QByteArray();
        const QByteArray body
            = method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{\"name\":\"x\"}");
        const Response fromTollgate = call(tollgate, method, target, extra, body);
        const Response fromFastApi = call(fastapi, method, target, extra, body);
        const QByteArray what = method + ' ' + target;
        QVERIFY2(fromTollgate.ok && fromFastApi.ok,
            QByteArray(what + fromTollgate.error + fromFastApi.error).constData());
        QVERIFY2(fromTollgate.status == fromFastApi.status,
            QByteArray(what + ": " + QByteArray::number(fromTollgate.status) + " vs "
                + QByteArray::number(fromFastApi.status) + '\n' + fromFastApi.body)
                .constData());
        QCOMPARE(fromFastApi.header("Content-Type").toLower().replace(" ", ""),
            fromTollgate.header("Content-Type").toLower().replace(" ", ""));
        QCOMPARE(
            testsupport::jsonShape(fromFastApi.body), testsupport::jsonShape(fromTollgate.body));
        QVERIFY2(!fromFastApi.header("X-Request-ID").isEmpty(), what);
    }
}

void TestFastApiExportCli::demoMatchesTollgated()
{
    Uvicorn uvicorn;
    Daemon daemon;
    exportAndServe(m_demo, m_dir.filePath(QStringLiteral("demo-fastapi")), &uvicorn, &daemon);
    if (QTest::currentTestFailed())
        return;
    compareRoutes(m_demo, uvicorn.port(), daemon.port(), m_proKey);
    // Rules pick the same designed answers.
    QCOMPARE(
        call(uvicorn.port(), "GET", "/v1/users/0", "X-API-Key: " + m_proKey + "\r\n").status, 404);
    QCOMPARE(call(uvicorn.port(), "GET", "/v1/metrics?window=24h",
                 "Authorization: Bearer " + m_proKey + "\r\n")
                 .status,
        200);
    const Response generated = call(uvicorn.port(), "POST", "/generate",
        "X-API-Key: " + m_proKey + "\r\n", "{\"prompt\":\"say \\\"hi\\\"\"}");
    QCOMPARE(generated.status, 200);
    const QJsonObject answer = QJsonDocument::fromJson(generated.body).object();
    QCOMPARE(answer.value(QStringLiteral("prompt")).toString(), QStringLiteral("say \"hi\""));
    // The request id is honoured when valid.
    QCOMPARE(
        call(uvicorn.port(), "GET", "/health", "X-Request-ID: abc-123\r\n").header("X-Request-ID"),
        QByteArray("abc-123"));
}

void TestFastApiExportCli::importedSpecMatchesTollgated()
{
    const QString workspace = m_dir.filePath(QStringLiteral("petstore"));
    const Finished imported = tollgated({ QStringLiteral("import"),
        QStringLiteral(TOLLGATE_SOURCE_DIR "/tests/data/import/openapi/petstore-3.0.json"),
        QStringLiteral("--workspace"), workspace });
    QVERIFY2(imported.exitCode == 0, imported.describe());
    const QByteArray key = createKey(workspace, QStringLiteral("pro"));
    QVERIFY(!key.isEmpty());
    Uvicorn uvicorn;
    Daemon daemon;
    exportAndServe(
        workspace, m_dir.filePath(QStringLiteral("petstore-fastapi")), &uvicorn, &daemon);
    if (QTest::currentTestFailed())
        return;
    compareRoutes(workspace, uvicorn.port(), daemon.port(), key);
}

void TestFastApiExportCli::keyRequiredRouteWithoutKeyIs401()
{
    Uvicorn uvicorn;
    serveDemo(QStringLiteral("demo-401"), &uvicorn);
    if (QTest::currentTestFailed())
        return;
    const Response none = call(uvicorn.port(), "GET", "/v1/users/7");
    QCOMPARE(none.status, 401);
    QCOMPARE(none.header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(none.header("WWW-Authenticate").startsWith("Bearer"));
    const Response wrong = call(
        uvicorn.port(), "GET", "/v1/users/7", "X-API-Key: tg_dev_" + QByteArray(49, 'A') + "\r\n");
    QCOMPARE(wrong.status, 401);
    // Public routes stay public.
    QCOMPARE(call(uvicorn.port(), "GET", "/v1/models").status, 200);
}

void TestFastApiExportCli::freeTierKeyIsLimited()
{
    Uvicorn uvicorn;
    serveDemo(QStringLiteral("demo-429"), &uvicorn);
    if (QTest::currentTestFailed())
        return;
    // The demo's free tier: 100 per minute with a burst of 10. Quick requests
    // pass the burst within a few more than 10.
    Response last;
    int admitted = 0;
    for (int i = 0; i < 40; ++i) {
        last = call(uvicorn.port(), "GET", "/v1/users/7", "X-API-Key: " + m_freeKey + "\r\n");
        if (last.status != 200)
            break;
        QVERIFY(last.header("RateLimit-Policy").contains("\"minute\";q=100;w=60"));
        ++admitted;
    }
    QCOMPARE(last.status, 429);
    QVERIFY2(admitted >= 10 && admitted < 20, QByteArray::number(admitted));
    QVERIFY(last.header("Retry-After").toInt() >= 1);
    QVERIFY(last.header("RateLimit").contains("\"minute\";r=0"));
    QVERIFY(!last.header("RateLimit-Policy").isEmpty());
    QCOMPARE(last.header("Content-Type"), QByteArray("application/problem+json"));
}

QTEST_GUILESS_MAIN(TestFastApiExportCli)
#include "tst_fastapiexport.moc"
