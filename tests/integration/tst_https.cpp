// HTTPS for tollgated (--tls-cert/--tls-key), against clients we did not
// write: curl (keep-alive over one TLS connection), openssl s_client (the
// certificate verifies, ALPN is http/1.1, h2 alone gets no ALPN answer),
// python3-websockets over wss:// and httpx streaming an SSE route. A plain
// HTTP request to the HTTPS port is closed, not answered or held; bad
// certificate files stop tollgated with a message that names them.

#include "daemon.h"
#include "rawclient.h"

#include "server/tls/certificates.h"
#include "server/workspace/workspacestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tollgate::server;
using namespace testsupport;

namespace {

bool writeFile(const QString& path, const std::string& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly)
        && f.write(text.data(), static_cast<qint64>(text.size()))
        == static_cast<qint64>(text.size());
}

} // namespace

class TestHttps : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        PemPair ca;
        PemPair server;
        PemPair otherCa;
        std::string error;
        QVERIFY2(makeCertificateAuthority("Tollgate test CA", 30, &ca, &error), error.c_str());
        QVERIFY2(makeServerCertificate(ca, { "localhost", "127.0.0.1" }, 30, &server, &error),
            error.c_str());
        QVERIFY2(makeCertificateAuthority("Someone else", 30, &otherCa, &error), error.c_str());
        m_ca = m_dir.filePath(QStringLiteral("ca.pem"));
        m_cert = m_dir.filePath(QStringLiteral("server.pem"));
        m_key = m_dir.filePath(QStringLiteral("server.key"));
        m_otherKey = m_dir.filePath(QStringLiteral("other.key"));
        QVERIFY(writeFile(m_ca, ca.certificatePem));
        QVERIFY(writeFile(m_cert, server.certificatePem));
        QVERIFY(writeFile(m_key, server.keyPem));
        QVERIFY(writeFile(m_otherKey, otherCa.keyPem));

        Workspace ws;
        ws.dir = m_dir.filePath(QStringLiteral("ws")).toStdString();
        Route hello;
        hello.path = "/hello";
        hello.responses.front().body = "hello over TLS";
        ws.routes.push_back(hello);
        Route feed;
        feed.path = "/feed";
        feed.responder = RouteResponder::Sse;
        feed.sse.events = { { "", "one", "", 0, 0 }, { "", "two", "", 0, 10 } };
        feed.sse.heartbeatMs = 0;
        ws.routes.push_back(feed);
        Route live;
        live.path = "/live";
        live.responder = RouteResponder::WebSocket;
        live.websocket.onOpen = { { "welcome", 0 } };
        ws.routes.push_back(live);
        std::filesystem::create_directories(ws.dir);
        QVERIFY2(saveWorkspace(ws, &error), error.c_str());
        m_workspace = QString::fromStdString(ws.dir.string());

        const QByteArray problem = m_daemon.start({ QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics"),
            QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key });
        QVERIFY2(problem.isEmpty(), problem);
        QVERIFY2(m_daemon.out().contains("listening on https://"), m_daemon.out());
        m_base = QStringLiteral("https://localhost:") + QString::number(m_daemon.port());
    }

    void curlKeepsOneTlsConnection()
    {
        // Two requests, one connection: curl reports how many it opened.
        const Finished f = runProgram(QStringLiteral("curl"),
            { QStringLiteral("-sS"), QStringLiteral("--cacert"), m_ca, QStringLiteral("-w"),
                QStringLiteral(" [%{http_code} %{num_connects}]\n"), m_base + u"/hello",
                m_base + u"/hello" });
        QVERIFY2(f.exitCode == 0, f.describe());
        QCOMPARE(f.out, QByteArray("hello over TLS [200 1]\nhello over TLS [200 0]\n"));
    }

    void curlWithoutTheCaRefuses()
    {
        const Finished f
            = runProgram(QStringLiteral("curl"), { QStringLiteral("-sS"), m_base + u"/hello" });
        QCOMPARE(f.exitCode, 60); // CURLE_PEER_FAILED_VERIFICATION
    }

    void openSslSeesTheCertificateAndAlpn()
    {
        const Finished f = sClient({ QStringLiteral("-alpn"), QStringLiteral("http/1.1") });
        QVERIFY2(f.out.contains("Verify return code: 0 (ok)"), f.describe());
        QVERIFY2(f.out.contains("ALPN protocol: http/1.1"), f.describe());
        // A client that offers only HTTP/2 is served HTTP/1.1 without ALPN,
        // not refused.
        const Finished h2 = sClient({ QStringLiteral("-alpn"), QStringLiteral("h2") });
        QVERIFY2(h2.out.contains("Verify return code: 0 (ok)"), h2.describe());
        QVERIFY2(h2.out.contains("No ALPN negotiated"), h2.describe());
    }

    void websocketsOverTls()
    {
        const QString script = QStringLiteral(R"PY(
import asyncio, ssl, sys
import websockets
async def main():
    ctx = ssl.create_default_context(cafile=sys.argv[2])
    async with websockets.connect(sys.argv[1] + "/live", ssl=ctx) as ws:
        first = await ws.recv()
        await ws.send("echo me")
        print(first, await ws.recv())
asyncio.run(asyncio.wait_for(main(), 20))
)PY");
        QString wss = m_base;
        wss.replace(QStringLiteral("https://"), QStringLiteral("wss://"));
        const Finished f = runProgram(
            QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, wss, m_ca });
        QVERIFY2(f.exitCode == 0, f.describe());
        QCOMPARE(f.out, QByteArray("welcome echo me\n"));
    }

    void httpxStreamsOverTls()
    {
        const QString script = QStringLiteral(R"PY(
import httpx, sys
with httpx.Client(verify=sys.argv[2], timeout=10) as c:
    with c.stream("GET", sys.argv[1] + "/feed") as r:
        print(r.http_version, [l.rstrip() for l in r.iter_lines() if l.startswith("data:")])
)PY");
        const Finished f = runProgram(
            QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, m_base, m_ca });
        QVERIFY2(f.exitCode == 0, f.describe());
        QCOMPARE(f.out, QByteArray("HTTP/1.1 ['data: one', 'data: two']\n"));
    }

    void plainHttpToTheTlsPortIsClosed()
    {
        rawhttp::RawClient c(5'000);
        QVERIFY(c.connectTo(m_daemon.port()));
        QVERIFY(c.send(rawhttp::get("/hello")));
        QByteArray got;
        // Not a TLS handshake: the connection ends (at most a TLS alert).
        QCOMPARE(c.readUntilClose(&got), rawhttp::ReadEnd::Eof);
        QVERIFY2(!got.contains("HTTP/1.1"), got);
    }

    void aRefusedConnectionIsAnsweredOverTls()
    {
        // An address at its connection limit gets 503: over TLS the answer
        // comes after the handshake, so the client can read it.
        Workspace ws;
        ws.dir = m_dir.filePath(QStringLiteral("limited")).toStdString();
        ws.server.limits.connectionsPerAddress = 1;
        Route hello;
        hello.path = "/hello";
        ws.routes.push_back(hello);
        std::filesystem::create_directories(ws.dir);
        std::string error;
        QVERIFY2(saveWorkspace(ws, &error), error.c_str());
        Daemon limited;
        const QByteArray problem = limited.start(
            { QStringLiteral("--workspace"), QString::fromStdString(ws.dir.string()),
                QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics"),
                QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key });
        QVERIFY2(problem.isEmpty(), problem);
        rawhttp::RawClient holder(10'000); // holds the one slot (no handshake yet)
        QVERIFY(holder.connectTo(limited.port()));
        const Finished f = runProgram(QStringLiteral("curl"),
            { QStringLiteral("-sS"), QStringLiteral("--cacert"), m_ca, QStringLiteral("-w"),
                QStringLiteral("%{http_code}"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                QStringLiteral("https://localhost:") + QString::number(limited.port())
                    + u"/hello" });
        QVERIFY2(f.exitCode == 0, f.describe());
        QCOMPARE(f.out, QByteArray("503"));
    }

    void badCertificateFilesStopTollgated_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("key of another certificate")
            << QStringLiteral("server.pem") << QStringLiteral("other.key")
            << QByteArray("does not match the certificate");
        QTest::newRow("missing file")
            << QStringLiteral("nope.pem") << QStringLiteral("server.key") << QByteArray("nope.pem");
        QTest::newRow("key as certificate")
            << QStringLiteral("server.key") << QStringLiteral("server.key")
            << QByteArray("no certificate in");
    }
    void badCertificateFilesStopTollgated()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QByteArray, message);
        const Finished f = runProgram(QStringLiteral(TOLLGATED_PATH),
            { QStringLiteral("--workspace"), m_workspace, QStringLiteral("--port"),
                QStringLiteral("0"), QStringLiteral("--no-metrics"), QStringLiteral("--tls-cert"),
                m_dir.filePath(cert), QStringLiteral("--tls-key"), m_dir.filePath(key) },
            20'000);
        QVERIFY2(f.exitCode != 0, f.describe());
        QVERIFY2(f.err.contains(message), f.describe());
        QVERIFY2(!f.out.contains("listening on"), f.describe());
    }

    void aCertificateWithoutItsKeyIsRefused()
    {
        const Finished f = runProgram(QStringLiteral(TOLLGATED_PATH),
            { QStringLiteral("--workspace"), m_workspace, QStringLiteral("--port"),
                QStringLiteral("0"), QStringLiteral("--tls-cert"), m_cert },
            20'000);
        QVERIFY2(f.exitCode != 0, f.describe());
        QVERIFY2(f.err.contains("--tls-key"), f.describe());
    }

private:
    Finished sClient(QStringList extra)
    {
        QStringList args { QStringLiteral("s_client"), QStringLiteral("-connect"),
            QStringLiteral("127.0.0.1:") + QString::number(m_daemon.port()),
            QStringLiteral("-CAfile"), m_ca, QStringLiteral("-servername"),
            QStringLiteral("localhost"), QStringLiteral("-verify_return_error") };
        args += extra;
        QProcess p;
        p.start(QStringLiteral("openssl"), args);
        p.write("Q\n"); // s_client reads its commands from stdin: quit
        p.closeWriteChannel();
        Finished f;
        if (!p.waitForFinished(20'000))
            p.kill();
        f.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        f.out = p.readAllStandardOutput();
        f.err = p.readAllStandardError();
        return f;
    }

    QTemporaryDir m_dir;
    QString m_ca;
    QString m_cert;
    QString m_key;
    QString m_otherKey;
    QString m_workspace;
    QString m_base;
    Daemon m_daemon;
};

QTEST_GUILESS_MAIN(TestHttps)
#include "tst_https.moc"
