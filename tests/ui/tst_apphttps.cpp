// HTTPS from the app: the local certificate authority and server certificate
// made on request (keys 0600, folder 0700, a CA never replaced, a server
// certificate made again when it lacks a name, is about to expire or comes
// from another CA), the server bar's HTTPS switch (kept per workspace
// folder, a running server restarts onto https://), the CA exported for
// clients we did not write (curl --cacert, openssl s_client -verify), and the
// app's own clients trusting it: the composer's requests and WebSocket
// sessions, and a load run from the Load page.

#include "testutil.h"

#include "server/tls/certificates.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/engine/localtls.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadpanel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/websocketsession.h"
#include "ui/shell/serverbar.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QRadioButton>
#include <QSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

QFileDevice::Permissions ownerOnly()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
        | QFileDevice::WriteUser;
}

server::CertificateInfo info(const QString& file)
{
    server::CertificateInfo out;
    std::string why;
    if (!server::readCertificateInfo(test::readAll(file).toStdString(), &out, &why))
        qWarning("%s: %s", qPrintable(file), why.c_str());
    return out;
}

bool hasName(const server::CertificateInfo& c, const std::string& name)
{
    return std::find(c.names.begin(), c.names.end(), name) != c.names.end();
}

// Runs a program to its end; its exit code, -1 when it did not run.
int run(const QString& program, const QStringList& args, QByteArray* out,
    const QByteArray& input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10'000))
        return -1;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30'000))
        return -1;
    *out = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestAppHttps : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_tlsDir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    ServerController* controller() const { return m_window->serverController(); }
    QAction* httpsAction() const { return test::child<QAction>(m_window.get(), "httpsAction"); }
    QString tlsPath() const { return m_tlsDir->filePath(QStringLiteral("tls")); }

    void openWindow()
    {
        test::makeWindow(m_engine, m_window);
        controller()->setTlsDirectory(tlsPath());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
    }

    // Sends `url` from the composer as a user would; the response's status.
    int composerSend(const QString& url)
    {
        m_window->showPage(MainWindow::RequestsPage);
        ComposerPanel* panel = m_window->composer();
        auto* edit = test::child<QLineEdit>(panel, "composerUrl");
        edit->selectAll();
        edit->del();
        edit->insert(url);
        QSignalSpy finished(panel->sender(), &RequestSender::finished);
        QTest::mouseClick(test::child<QToolButton>(panel, "sendButton"), Qt::LeftButton);
        if (!finished.wait(10'000))
            return -1;
        return panel->sender()->response().status;
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_tlsDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid() && m_tlsDir->isValid());
        server::Workspace ws;
        ws.name = "secure";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        server::Route hello;
        hello.path = "/hello";
        hello.responses.front().body = "hi over tls";
        server::Route live;
        live.path = "/live";
        live.responder = server::RouteResponder::WebSocket;
        live.websocket.onOpen = { { "welcome", 0 } };
        ws.routes = { hello, live };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
        m_tlsDir.reset();
    }

    void certificatesAreMadeOnRequestAndKept()
    {
        LocalTls tls(tlsPath());
        QVERIFY(!tls.hasAuthority());
        QVERIFY(tls.authorityPem().isEmpty());
        QVERIFY(!QFileInfo::exists(tlsPath())); // nothing before it is asked for
        QString error;
        QVERIFY2(tls.ensure({}, &error), qPrintable(error));
        QVERIFY(tls.hasAuthority());

        // Private keys are the user's alone, and so is the folder.
        const QDir dir(tlsPath());
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("ca.key"))), ownerOnly());
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("server.key"))), ownerOnly());
        QCOMPARE(QFile::permissions(tlsPath()),
            ownerOnly() | QFileDevice::ExeOwner | QFileDevice::ExeUser);

        const server::CertificateInfo ca = info(dir.filePath(QStringLiteral("ca.pem")));
        QVERIFY(ca.isCa);
        QVERIFY(ca.subject.starts_with("Tollgate Local CA"));
        QVERIFY(ca.notAfter - ca.notBefore > 9LL * 365 * 24 * 3600);
        const server::CertificateInfo leaf = info(dir.filePath(QStringLiteral("server.pem")));
        QVERIFY(!leaf.isCa);
        QCOMPARE(leaf.issuer, ca.subject);
        QVERIFY(hasName(leaf, "localhost") && hasName(leaf, "127.0.0.1") && hasName(leaf, "::1"));
        QCOMPARE(tls.serverCertificatePem(),
            test::readAll(dir.filePath(QStringLiteral("server.pem"))).toStdString());
        QCOMPARE(tls.authorityPem(), test::readAll(dir.filePath(QStringLiteral("ca.pem"))));

        // Asked again: nothing changes.
        const auto before = test::fileTree(tlsPath());
        LocalTls again(tlsPath());
        QVERIFY2(again.ensure({}, &error), qPrintable(error));
        QVERIFY(test::fileTree(tlsPath()) == before);
        QCOMPARE(again.serverKeyPem(),
            test::readAll(dir.filePath(QStringLiteral("server.key"))).toStdString());

        // A name it lacks: a new server certificate from the same CA.
        QVERIFY2(again.ensure({ QStringLiteral("api.test"), QStringLiteral("10.1.2.3") }, &error),
            qPrintable(error));
        const server::CertificateInfo named = info(dir.filePath(QStringLiteral("server.pem")));
        QVERIFY(hasName(named, "api.test") && hasName(named, "10.1.2.3")
            && hasName(named, "localhost"));
        QVERIFY(named.sha256Fingerprint != leaf.sha256Fingerprint);
        QCOMPARE(test::readAll(dir.filePath(QStringLiteral("ca.pem"))), before.at(QStringLiteral("ca.pem")));
        QCOMPARE(test::readAll(dir.filePath(QStringLiteral("ca.key"))), before.at(QStringLiteral("ca.key")));
        // A name a certificate cannot carry is left out, not fatal.
        QVERIFY2(again.ensure({ QStringLiteral("bad name/") }, &error), qPrintable(error));

        // Within 30 days of its end: made again, the CA kept.
        LocalTls later(tlsPath());
        later.setNow(named.notAfter - 10 * 24 * 3600);
        const QByteArray current = test::readAll(dir.filePath(QStringLiteral("server.pem")));
        QVERIFY2(later.ensure({}, &error), qPrintable(error));
        QVERIFY(test::readAll(dir.filePath(QStringLiteral("server.pem"))) != current);
        QCOMPARE(test::readAll(dir.filePath(QStringLiteral("ca.key"))), before.at(QStringLiteral("ca.key")));
        LocalTls sooner(tlsPath());
        sooner.setNow(named.notAfter - 60 * 24 * 3600);
        const QByteArray renewed = test::readAll(dir.filePath(QStringLiteral("server.pem")));
        QVERIFY2(sooner.ensure({}, &error), qPrintable(error));
        QCOMPARE(test::readAll(dir.filePath(QStringLiteral("server.pem"))), renewed);
    }

    void serverCertificateFromAnotherCaIsReplaced()
    {
        LocalTls tls(tlsPath());
        QString error;
        QVERIFY2(tls.ensure({}, &error), qPrintable(error));
        // The server files of another CA (a folder pieced together by hand).
        server::PemPair other;
        server::PemPair stray;
        std::string why;
        QVERIFY(server::makeCertificateAuthority("Other", 30, &other, &why));
        QVERIFY(server::makeServerCertificate(other, { "localhost", "127.0.0.1", "::1" }, 300,
            &stray, &why));
        const QDir dir(tlsPath());
        for (const auto& [name, text] : { std::pair { "server.pem", stray.certificatePem },
                 std::pair { "server.key", stray.keyPem } }) {
            QFile f(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text.data(), qint64(text.size()));
        }
        LocalTls again(tlsPath());
        QVERIFY2(again.ensure({}, &error), qPrintable(error));
        server::PemPair served { again.serverCertificatePem(), again.serverKeyPem() };
        QVERIFY2(server::isIssuedBy(served, tls.authorityPem().toStdString(), &why), why.c_str());
        QVERIFY(!server::isIssuedBy(stray, tls.authorityPem().toStdString(), &why));
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("server.key"))), ownerOnly());
    }

    void damagedAuthorityIsAnErrorAndKept()
    {
        LocalTls tls(tlsPath());
        QString error;
        QVERIFY2(tls.ensureAuthority(&error), qPrintable(error));
        const QString caFile = QDir(tlsPath()).filePath(QStringLiteral("ca.pem"));
        QFile f(caFile);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        f.close();
        const auto damaged = test::fileTree(tlsPath());

        LocalTls again(tlsPath());
        QVERIFY(!again.ensure({}, &error));
        QVERIFY2(error.contains(QStringLiteral("is damaged")), qPrintable(error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(tlsPath())), qPrintable(error));
        QVERIFY(!again.exportAuthority(m_dir->filePath(QStringLiteral("ca.pem")), &error));
        QVERIFY(test::fileTree(tlsPath()) == damaged); // nothing replaced
        QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("ca.pem"))));

        // The server will not start on it, and says why.
        openWindow();
        httpsAction()->trigger();
        QVERIFY(!test::startServer(controller()));
        QVERIFY2(controller()->lastError().contains(QStringLiteral("is damaged")),
            qPrintable(controller()->lastError()));

        // Half a CA is not replaced either.
        QVERIFY(QFile::remove(QDir(tlsPath()).filePath(QStringLiteral("ca.key"))));
        const auto half = test::fileTree(tlsPath());
        QVERIFY(!LocalTls(tlsPath()).ensure({}, &error));
        QVERIFY2(error.contains(QStringLiteral("incomplete")), qPrintable(error));
        QVERIFY(test::fileTree(tlsPath()) == half);
    }

    void exportWritesTheCertificateOnly()
    {
        openWindow();
        auto* bar = m_window->findChild<ServerBar*>();
        QVERIFY(bar);
        QVERIFY(test::child<QAction>(m_window.get(), "exportCaAction"));
        // Exported before HTTPS was ever on: the CA is made for it.
        const QString file = m_dir->filePath(QStringLiteral("exported/local-ca.pem"));
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        QVERIFY(bar->exportCertificateAuthorityTo(file));
        const QByteArray exported = test::readAll(file);
        QCOMPARE(exported, controller()->trustedCaPem());
        QVERIFY(exported.startsWith("-----BEGIN CERTIFICATE-----"));
        QVERIFY(!exported.contains("PRIVATE KEY"));
        // What to do with it, and its fingerprint, are said.
        auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("exportCaMessage"));
        QVERIFY(box && box->isVisible());
        QVERIFY(box->informativeText().contains(QStringLiteral("--cacert")));
        QVERIFY(box->informativeText().contains(QStringLiteral("SHA-256")));
        box->close();

        // A folder that cannot be written: a clear error, nothing else.
        LocalTls* tls = controller()->localTls();
        QString error;
        QVERIFY(!tls->exportAuthority(QStringLiteral("/proc/no-such/ca.pem"), &error));
        QVERIFY2(error.contains(QStringLiteral("/proc/no-such/ca.pem")), qPrintable(error));
    }

    void serverBarServesHttpsTrustedByRealClients()
    {
        openWindow();
        QVERIFY(test::startServer(controller()));
        QVERIFY(controller()->baseUrl().startsWith(QStringLiteral("http://")));
        QVERIFY(!controller()->localTls()->hasAuthority());

        // Switched on while serving: the server comes back on https://.
        QSignalSpy started(controller(), &ServerController::started);
        QAction* https = httpsAction();
        QVERIFY(https && https->isEnabled() && !https->isChecked());
        https->trigger();
        QVERIFY(started.wait(10'000));
        QVERIFY(controller()->isServingHttps());
        QVERIFY(https->isChecked());
        const QString base = controller()->baseUrl();
        QVERIFY2(base.startsWith(QStringLiteral("https://127.0.0.1:")), qPrintable(base));
        const QString port = QString::number(controller()->port());

        // curl, trusting the exported CA only, by address and by name.
        const QString ca = m_dir->filePath(QStringLiteral("ca.pem"));
        QVERIFY(controller()->localTls()->exportAuthority(ca, nullptr));
        QByteArray out;
        QCOMPARE(run(QStringLiteral("curl"),
                     { QStringLiteral("-sS"), QStringLiteral("--cacert"), ca, base + QStringLiteral("/hello") },
                     &out),
            0);
        QCOMPARE(out, QByteArray("hi over tls"));
        QCOMPARE(run(QStringLiteral("curl"),
                     { QStringLiteral("-sS"), QStringLiteral("--cacert"), ca,
                         QStringLiteral("https://localhost:%1/hello").arg(port) },
                     &out),
            0);
        QCOMPARE(out, QByteArray("hi over tls"));
        // Without it, curl refuses the certificate (the system does not know it).
        QVERIFY(run(QStringLiteral("curl"), { QStringLiteral("-sS"), base + QStringLiteral("/hello") }, &out) != 0);
        // openssl s_client verifies the chain and the name, and gets http/1.1 by ALPN.
        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("s_client"), QStringLiteral("-connect"),
                         QStringLiteral("127.0.0.1:") + port, QStringLiteral("-CAfile"), ca,
                         QStringLiteral("-verify_return_error"), QStringLiteral("-verify_ip"),
                         QStringLiteral("127.0.0.1"), QStringLiteral("-alpn"),
                         QStringLiteral("http/1.1") },
                     &out, "Q\n"),
            0);
        QVERIFY2(out.contains("Verify return code: 0 (ok)"), out.constData());
        QVERIFY2(out.contains("ALPN protocol: http/1.1"), out.constData());

        // The composer trusts it: {{baseUrl}} is https:// and the answer comes.
        QCOMPARE(composerSend(QStringLiteral("{{baseUrl}}/hello")), 200);
        QCOMPARE(m_window->composer()->viewer()->bodyText(), QStringLiteral("hi over tls"));
        // A composer that does not trust it fails on the certificate: the
        // trust is what made the difference.
        RequestSender bare;
        QSignalSpy done(&bare, &RequestSender::finished);
        server::ComposerRequest r;
        r.url = toStd(base + QStringLiteral("/hello"));
        bare.send(r);
        QVERIFY(done.wait(10'000));
        QCOMPARE(bare.response().status, 0);

        // A wss:// session from the composer ({{wsBaseUrl}} follows the scheme).
        ComposerPanel* panel = m_window->composer();
        auto* edit = test::child<QLineEdit>(panel, "composerUrl");
        edit->selectAll();
        edit->del();
        edit->insert(QStringLiteral("{{wsBaseUrl}}/live"));
        WebSocketSession* session = panel->webSocketSession();
        QTest::mouseClick(test::child<QToolButton>(panel, "sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(session->state() == WebSocketSession::State::Open
                || session->state() == WebSocketSession::State::Failed,
            10'000);
        QVERIFY2(session->state() == WebSocketSession::State::Open, qPrintable(session->failure()));
        QVERIFY(session->url().toString().startsWith(QStringLiteral("wss://127.0.0.1:")));
        session->close();
        QTRY_VERIFY_WITH_TIMEOUT(!session->isActive(), 10'000);

        // Off again: plain http:// on the next start, and the composer follows.
        https->trigger();
        QVERIFY(started.wait(10'000));
        QVERIFY(!controller()->isServingHttps());
        QVERIFY(controller()->baseUrl().startsWith(QStringLiteral("http://")));
        QCOMPARE(composerSend(QStringLiteral("{{baseUrl}}/hello")), 200);
    }

    void httpsIsKeptPerWorkspaceFolder()
    {
        openWindow();
        httpsAction()->trigger();
        QVERIFY(controller()->isHttps());
        QVERIFY(controller()->expectedBaseUrl().startsWith(QStringLiteral("https://")));
        // The setting belongs to this folder on this machine: tollgate.json
        // does not carry it.
        QVERIFY(!test::readAll(m_dir->filePath(QStringLiteral("tollgate.json"))).contains("https"));
        openWindow();
        QVERIFY(controller()->isHttps());
        QVERIFY(httpsAction()->isChecked());
        QVERIFY(test::startServer(controller()));
        QVERIFY(controller()->baseUrl().startsWith(QStringLiteral("https://")));

        // Another folder is served over http until switched.
        QTemporaryDir other;
        server::Workspace ws;
        ws.name = "other";
        ws.dir = pathFromQt(other.path());
        std::string error;
        QVERIFY(server::saveWorkspace(ws, &error));
        QVERIFY(m_window->openWorkspace(other.path()));
        QVERIFY(!controller()->isHttps());
        QVERIFY(!httpsAction()->isChecked());
    }

    void loadRunTrustsTheEmbeddedServer()
    {
        openWindow();
        httpsAction()->trigger();
        QVERIFY(test::startServer(controller()));
        m_window->showPage(MainWindow::LoadPage);
        LoadPanel* panel = m_window->loadPanel();
        panel->setPollInterval(50);
        LoadSettingsForm* form = panel->settingsForm();
        QTRY_COMPARE(form->urlEdit()->text(), controller()->baseUrl());
        QVERIFY(form->targetsEmbeddedServer());
        form->modelCombo()->setCurrentIndex(
            form->modelCombo()->findData(int(server::LoadModel::Closed)));
        form->connectionsSpin()->setValue(2);
        form->countRadio()->setChecked(true);
        form->countSpin()->setValue(40);
        form->warmupSpin()->setValue(0);
        form->rampUpSpin()->setValue(0);
        QVERIFY(form->settings().verifyTls); // checked, against the local CA

        QSignalSpy finished(panel, &LoadPanel::finished);
        QVERIFY2(panel->start(), qPrintable(panel->problems().join(u';')));
        QVERIFY(finished.wait(30'000));
        const server::LoadReport* report = panel->shownReport();
        QVERIFY(report);
        QCOMPARE(report->total.errorTotal(), 0u);
        QCOMPARE(report->total.requests, 40u);
    }
};

QTEST_MAIN(TestAppHttps)
#include "tst_apphttps.moc"
