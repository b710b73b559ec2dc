// Serving a workspace cloned from someone's repository: starting the server
// connects nowhere by itself (a Redis host or upstreams named in the
// workspace are not contacted; an upstream is called only for a request that
// is routed to it), and machine-local state is never written through a
// .tollgate/ link the workspace ships.

#include "../clonedworkspace.h"
#include "daemon.h"
#include "rawclient.h"
#include "scriptedupstream.h"

#include "server/engine/engine.h"
#include "server/workspace/workspacestore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace tollgate::server;
using namespace testsupport;
namespace fs = std::filesystem;

namespace {

rawhttp::Response get(quint16 port, const QByteArray& target)
{
    rawhttp::RawClient c(10000);
    if (!c.connectTo(port))
        return {};
    c.send(QByteArray("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    return c.readResponse();
}

Route designedRoute(std::string path)
{
    Route r;
    r.method = "GET";
    r.path = std::move(path);
    r.responses.front().body = "designed";
    return r;
}

/// Writes a workspace that names `url` everywhere it can: an upstream route,
/// the fallback upstream (allowed onto loopback by its own allowlist) and, in
/// tollgate.json, Redis settings that Tollgate does not read from a workspace.
QByteArray writeHostileWorkspace(const fs::path& dir, const QByteArray& url)
{
    Workspace ws;
    ws.dir = dir;
    ws.name = "Cloned";
    ws.routes.push_back(designedRoute("/designed"));
    Route proxied;
    proxied.method = "GET";
    proxied.path = "/proxied";
    proxied.responder = RouteResponder::Upstream;
    proxied.upstream.url = url.toStdString();
    ws.routes.push_back(proxied);
    ws.server.fallback.url = url.toStdString();
    ws.server.upstreamAllowlist = { "127.0.0.0/8" };
    std::string error;
    if (!saveWorkspace(ws, &error))
        return QByteArray::fromStdString(error);
    const QString settingsPath = QString::fromStdString((dir / "tollgate.json").string());
    QFile settings(settingsPath);
    if (!settings.open(QIODevice::ReadOnly))
        return "cannot read tollgate.json";
    QJsonObject root = QJsonDocument::fromJson(settings.readAll()).object();
    settings.close();
    const QString redis = QStringLiteral("redis://") + QString::fromLatin1(url.mid(7));
    QJsonObject server = root.value(u"server").toObject();
    server.insert(u"redis", redis);
    server.insert(u"redisUrl", redis);
    root.insert(u"server", server);
    root.insert(u"redis", redis);
    if (!settings.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return "cannot write tollgate.json";
    settings.write(QJsonDocument(root).toJson());
    return {};
}

} // namespace

class TestUntrustedServe final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tollgatedConnectsOnlyForARoutedRequest()
    {
        ScriptedUpstream listener;
        listener.setFallback(ScriptedUpstream::answer(200, "from upstream"));
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray prep = writeHostileWorkspace(tmp.path().toStdString(), listener.url());
        QVERIFY2(prep.isEmpty(), prep.constData());

        Daemon d;
        const QByteArray err = d.start({ QStringLiteral("--workspace"), tmp.path(),
            QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        QCOMPARE(get(d.port(), "/health").status, 200);
        const rawhttp::Response designed = get(d.port(), "/designed");
        QCOMPARE(designed.status, 200);
        QCOMPARE(designed.body, QByteArray("designed"));
        // Starting, /health and a designed route reached nothing. (A connect
        // made at start would have been accepted long before the forwarded
        // request below, so it would be counted.)
        QCOMPARE(listener.connectionsAccepted(), 0);

        // The listener is reachable: a request routed to it gets there, and
        // that request is the only connection it ever saw.
        const rawhttp::Response proxied = get(d.port(), "/proxied");
        QCOMPARE(proxied.status, 200);
        QCOMPARE(proxied.body, QByteArray("from upstream"));
        QCOMPARE(listener.connectionsAccepted(), 1);
        QCOMPARE(listener.requestCount(), 1);
        QVERIFY2(listener.requests().front().startsWith("GET /proxied "),
            listener.requests().front().constData());
        QVERIFY(d.stop());
    }

    void tollgatedRefusesALinkedStateFolder()
    {
        const ClonedWorkspace tree;
        const fs::path& ws = tree.ws;
        const fs::path& home = tree.home;
        const QByteArray prep = writeHostileWorkspace(ws, "http://127.0.0.1:9");
        QVERIFY2(prep.isEmpty(), prep.constData());
        fs::create_symlink(home, ws / ".tollgate");

        const Finished f = runProgram(QStringLiteral(TOLLGATED_PATH),
            { QStringLiteral("--workspace"), QString::fromStdString(ws.string()),
                QStringLiteral("--port"), QStringLiteral("0") });
        QCOMPARE(f.exitCode, 1);
        QVERIFY2(f.err.contains("tollgated: .tollgate is a symbolic link to "),
            f.describe().constData());
        QVERIFY2(f.err.contains("--state-dir"), f.describe().constData());
        QVERIFY2(entriesBelow(home).isEmpty(), entriesBelow(home).join(u' ').toUtf8().constData());
    }

    void engineKeepsStateInMemoryBehindALink_data()
    {
        QTest::addColumn<bool>("linked");
        QTest::newRow("real .tollgate") << false;
        QTest::newRow("linked .tollgate") << true;
    }

    void engineKeepsStateInMemoryBehindALink()
    {
        // The window's engine (no --state-dir): usage.json and metrics.db
        // would go to .tollgate/.
        QFETCH(bool, linked);
        const ClonedWorkspace tree;
        const fs::path& ws = tree.ws;
        const fs::path& home = tree.home;
        if (linked)
            fs::create_symlink(home, ws / ".tollgate");
        Workspace workspace;
        workspace.dir = ws;
        workspace.routes.push_back(designedRoute("/designed"));

        {
            Engine engine;
            QVERIFY(engine.apply(workspace).empty());
            EngineOptions options;
            options.threads = 1;
            std::string error;
            QVERIFY2(engine.start(options, &error), error.c_str());
            QCOMPARE(get(engine.port(), "/designed").status, 200);
            const std::string problem = engine.usageProblem();
            if (linked) {
                QVERIFY2(problem.find(".tollgate is a symbolic link") == 0, problem.c_str());
                QVERIFY2(problem.find("kept in memory") != std::string::npos, problem.c_str());
            } else {
                QVERIFY2(problem.empty(), problem.c_str());
            }
            engine.stop();
        }
        if (linked) {
            QVERIFY2(
                entriesBelow(home).isEmpty(), entriesBelow(home).join(u' ').toUtf8().constData());
        } else {
            QVERIFY(fs::exists(ws / ".tollgate" / "metrics.db"));
        }
    }
};

QTEST_GUILESS_MAIN(TestUntrustedServe)
#include "tst_untrustedserve.moc"
