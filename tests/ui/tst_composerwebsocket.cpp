// The Requests page as a WebSocket client, against a server we did not
// write: python3-websockets, run from a script written here, greeting each
// connection with the path and API key header it saw, echoing what it gets,
// closing with 4001 "bye" on "close-me", dropping the connection on
// "drop-me" and refusing the handshake (401) under /private. A ws:// URL turns Send into Connect
// and the response viewer into the session view; text and JSON go out and come back in the log with
// their directions; invalid JSON is refused and kept in the box; the server's close code and reason
// are shown; a dropped connection, a refused handshake and a refused connection say so; the session
// lands in the history.

#include "testutil.h"

#include "../freeport.h"
#include "../integration/selfsigned.h"
#include "server/composer/history.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/historymodel.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/websocketlogmodel.h"
#include "ui/requests/websocketsession.h"
#include "ui/requests/websocketview.h"

#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

using Kind = WebSocketLogEntry::Kind;
using State = WebSocketSession::State;

// websockets before 13 (Debian 12) keep the path and headers on the
// connection and call process_request with (path, headers); the newer
// asyncio implementation (Debian 13) keeps them on connection.request and
// calls it with (connection, request). Both are served.
constexpr char kServerScript[] = R"PY(
import asyncio, http, json, ssl, sys
import websockets

def path_and_headers(ws):
    request = getattr(ws, "request", None)
    if request is not None:
        return request.path, request.headers
    return ws.path, ws.request_headers

async def handler(ws, *_):
    path, headers = path_and_headers(ws)
    await ws.send(json.dumps({"hello": path, "key": headers.get("X-API-Key", "")}))
    async for message in ws:
        if message == "close-me":
            await ws.close(code=4001, reason="bye")
            return
        if message == "drop-me":
            ws.transport.abort()
            return
        await ws.send(message)

def check(*args):
    if isinstance(args[0], str):
        if args[0].startswith("/private"):
            return http.HTTPStatus.UNAUTHORIZED, [], b"no key\n"
        return None
    connection, request = args
    if request.path.startswith("/private"):
        return connection.respond(http.HTTPStatus.UNAUTHORIZED, "no key\n")
    return None

async def main():
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(sys.argv[1], sys.argv[2])
    async with websockets.serve(handler, "127.0.0.1", 0, process_request=check) as plain:
        async with websockets.serve(handler, "127.0.0.1", 0, ssl=tls) as secure:
            print(plain.sockets[0].getsockname()[1], secure.sockets[0].getsockname()[1],
                flush=True)
            await asyncio.Future()

asyncio.run(main())
)PY";

} // namespace

class TestComposerWebSocket : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_scriptDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QProcess m_server;
    quint16 m_port = 0;
    quint16 m_tlsPort = 0; // the same server over TLS, its certificate self-signed
    QByteArray m_certificate;
    ComposerPanel* m_panel = nullptr;

    template <typename T> T* child(const char* name) { return test::child<T>(m_panel, name); }

    QToolButton* connectButton() { return child<QToolButton>("sendButton"); }
    WebSocketSession* session() { return m_panel->webSocketSession(); }
    WebSocketView* view() { return m_panel->webSocketView(); }
    WebSocketLogModel* log() { return session()->log(); }

    QString url(const char* path) const
    {
        return QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(QLatin1String(path));
    }

    void setRequest(const QString& url)
    {
        server::SavedRequest r;
        r.request.url = toStd(url);
        r.request.auth = server::ComposerRequest::AuthKind::ApiKey;
        r.request.apiKeyHeader = "X-API-Key";
        r.request.token = "k-123";
        r.request.connectTimeoutMs = 10'000;
        m_panel->setRequest(r);
    }

    /// Rows of one kind, oldest first.
    QStringList texts(Kind kind)
    {
        QStringList found;
        for (int row = 0; row < log()->rowCount(); ++row) {
            if (log()->entry(row).kind == kind)
                found << log()->entry(row).text;
        }
        return found;
    }

    /// Connects to path and waits for the server's greeting.
    bool connectTo(const char* path)
    {
        setRequest(url(path));
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return texts(Kind::Received).size() == 1; }, 10'000))
            return false;
        return session()->state() == State::Open;
    }

    void type(const QString& text, WebSocketView::Format format)
    {
        view()->setFormat(format);
        auto* box = child<QPlainTextEdit>("webSocketMessage");
        box->clear();
        box->setFocus();
        QTest::keyClicks(box, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        // The peer: python3-websockets (scripts/install-deps.sh installs it
        // with TOLLGATE_TESTS=1).
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"), QStringLiteral("import websockets") });
        QVERIFY2(probe.waitForFinished(30'000) && probe.exitCode() == 0,
            "python3-websockets is missing: TOLLGATE_TESTS=1 bash scripts/install-deps.sh");

        QVERIFY(m_scriptDir.isValid());
        const QString script = m_scriptDir.filePath(QStringLiteral("echo_server.py"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kServerScript);
        file.close();
        const testsupport::SelfSignedPem pem = testsupport::makeSelfSignedPem();
        QVERIFY(!pem.certificate.empty());
        m_certificate = QByteArray::fromStdString(pem.certificate);
        const QString certificate = m_scriptDir.filePath(QStringLiteral("cert.pem"));
        const QString key = m_scriptDir.filePath(QStringLiteral("key.pem"));
        QFile certificateFile(certificate);
        QFile keyFile(key);
        QVERIFY(certificateFile.open(QIODevice::WriteOnly) && keyFile.open(QIODevice::WriteOnly));
        certificateFile.write(m_certificate);
        keyFile.write(QByteArray::fromStdString(pem.key));
        certificateFile.close();
        keyFile.close();

        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start(QStringLiteral("/usr/bin/python3"), { script, certificate, key });
        QVERIFY2(m_server.waitForStarted(), "python3 did not start");
        QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 20'000);
        const QList<QByteArray> ports = m_server.readLine().trimmed().split(' ');
        QCOMPARE(ports.size(), 2);
        m_port = quint16(ports[0].toUInt());
        m_tlsPort = quint16(ports[1].toUInt());
        QVERIFY(m_port > 0 && m_tlsPort > 0);
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "sockets";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        m_window->showPage(MainWindow::RequestsPage);
        m_panel = m_window->composer();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void aWebSocketUrlSwitchesTheComposer()
    {
        auto* stack = child<QStackedWidget>("responseStack");
        QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(m_panel->viewer()));
        QCOMPARE(connectButton()->text(), QStringLiteral("Send"));

        auto* urlField = child<QLineEdit>("composerUrl");
        urlField->clear();
        urlField->setFocus();
        QTest::keyClicks(urlField, url("/chat"));
        QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(view()));
        QCOMPARE(connectButton()->text(), QStringLiteral("Connect"));
        QCOMPARE(view()->stateText(), QStringLiteral("Not connected"));

        // Back to http: the response viewer and Send, as before.
        urlField->clear();
        QTest::keyClicks(urlField, QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
        QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(m_panel->viewer()));
        QCOMPARE(connectButton()->text(), QStringLiteral("Send"));

        // A request loaded (saved, from the history) switches too.
        setRequest(url("/chat"));
        QCOMPARE(stack->currentWidget(), static_cast<QWidget*>(view()));
        QCOMPARE(connectButton()->text(), QStringLiteral("Connect"));
    }

    void textAndJsonAreEchoed()
    {
        QVERIFY(connectTo("/chat"));
        QCOMPARE(connectButton()->text(), QStringLiteral("Disconnect"));
        QCOMPARE(view()->stateText(), QStringLiteral("Connected"));
        // The handshake carried the path and the auth helper's header.
        QCOMPARE(texts(Kind::Received).first(),
            QStringLiteral("{\"hello\": \"/chat\", \"key\": \"k-123\"}"));
        QCOMPARE(log()->entry(0).kind, Kind::Event);
        QVERIFY(log()->entry(1).text.contains(QLatin1String("101")));

        type(QStringLiteral("hello there"), WebSocketView::Format::Text);
        QTest::mouseClick(child<QToolButton>("webSocketSendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Kind::Received).size(), 2, 10'000);
        QCOMPARE(texts(Kind::Sent), QStringList { QStringLiteral("hello there") });
        QCOMPARE(texts(Kind::Received).last(), QStringLiteral("hello there"));

        // JSON, sent with Ctrl+Return in the box (the message box's, not the
        // composer's: the session stays open).
        const QString json = QStringLiteral("{\"n\": 1, \"tags\": [\"a\"]}");
        type(json, WebSocketView::Format::Json);
        QTest::keyClick(
            child<QPlainTextEdit>("webSocketMessage"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Kind::Received).size(), 3, 10'000);
        QCOMPARE(texts(Kind::Sent).last(), json);
        QCOMPARE(texts(Kind::Received).last(), json);
        QCOMPARE(session()->state(), State::Open);

        // Directions in order: the sent row comes before its echo.
        const int rows = log()->rowCount();
        QCOMPARE(log()->entry(rows - 2).kind, Kind::Sent);
        QCOMPARE(log()->entry(rows - 1).kind, Kind::Received);
        QCOMPARE(log()->data(log()->index(rows - 2, WebSocketLogModel::DirectionColumn)).toString(),
            QStringLiteral("↑"));
        QCOMPARE(log()->data(log()->index(rows - 1, WebSocketLogModel::DirectionColumn)).toString(),
            QStringLiteral("↓"));
        QCOMPARE(log()->sentCount(), 2);
        QCOMPARE(log()->receivedCount(), 3);
        QVERIFY(log()->entry(rows - 1).atMs >= log()->entry(rows - 2).atMs);
        QVERIFY(view()->summaryText().contains(QLatin1String("2 sent")));
        QVERIFY(view()->summaryText().contains(QLatin1String("3 received")));
        QVERIFY(view()->summaryText().contains(QLatin1String("first message after")));

        // The selected echo in full, indented.
        child<QTableView>("webSocketLog")->selectRow(rows - 1);
        QCOMPARE(view()->detailText(),
            QStringLiteral("{\n  \"n\": 1,\n  \"tags\": [\n    \"a\"\n  ]\n}"));

        // Disconnect: a Close frame with 1000, then the history has it.
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), State::Closed, 10'000);
        QCOMPARE(session()->closeCode(), 1000);
        QVERIFY(!session()->closedByServer());
        QCOMPARE(view()->stateText(), QStringLiteral("Closed: 1000 Normal closure"));
        QCOMPARE(connectButton()->text(), QStringLiteral("Connect"));
        HistoryModel* history = m_panel->historyModel();
        QCOMPARE(history->rowCount(), 1);
        QCOMPARE(toQt(history->entry(0).request.url), url("/chat"));
        QCOMPARE(history->entry(0).status, 101);
        QVERIFY(history->entry(0).error.empty());
        // A typed token (not a workspace key's) is kept, as for HTTP.
        QCOMPARE(history->entry(0).request.token, std::string("k-123"));
    }

    void invalidJsonIsRefusedAndKept()
    {
        QVERIFY(connectTo("/chat"));
        const int rows = log()->rowCount();
        type(QStringLiteral("{\"n\": 1,"), WebSocketView::Format::Json);
        QVERIFY(!view()->sendMessage());
        QVERIFY2(
            view()->messageProblem().startsWith(QLatin1String("Not sent: invalid JSON at line 1")),
            qPrintable(view()->messageProblem()));
        QCOMPARE(view()->message(), QStringLiteral("{\"n\": 1,"));
        QCOMPARE(log()->rowCount(), rows);
        QCOMPARE(log()->sentCount(), 0);

        // The same text as Text goes out as it is.
        view()->setFormat(WebSocketView::Format::Text);
        QVERIFY(view()->messageProblem().isEmpty());
        QVERIFY(view()->sendMessage());
        QTRY_COMPARE_WITH_TIMEOUT(texts(Kind::Received).size(), 2, 10'000);
        QCOMPARE(texts(Kind::Received).last(), QStringLiteral("{\"n\": 1,"));
    }

    void theServersCloseCodeAndReasonAreShown()
    {
        QVERIFY(connectTo("/chat"));
        QSignalSpy finished(session(), &WebSocketSession::finished);
        type(QStringLiteral("close-me"), WebSocketView::Format::Text);
        QVERIFY(view()->sendMessage());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(session()->state(), State::Closed);
        QCOMPARE(session()->closeCode(), 4001);
        QCOMPARE(session()->closeReason(), QStringLiteral("bye"));
        QVERIFY(session()->closedByServer());
        QCOMPARE(view()->stateText(), QStringLiteral("Closed by the server: 4001 · bye"));
        const WebSocketLogEntry& last = log()->entry(log()->rowCount() - 1);
        QCOMPARE(last.kind, Kind::Event);
        QCOMPARE(last.text, QStringLiteral("Closed by the server: 4001 · bye"));
        QCOMPARE(view()->message(), QStringLiteral("close-me"));
        QCOMPARE(connectButton()->text(), QStringLiteral("Connect"));

        // Closed: the box refuses, keeping the text.
        QVERIFY(!view()->sendMessage());
        QVERIFY(view()->messageProblem().contains(QLatin1String("not connected")));
        QCOMPARE(view()->message(), QStringLiteral("close-me"));
    }

    void aDroppedConnectionIsNoClose()
    {
        QVERIFY(connectTo("/chat"));
        QSignalSpy finished(session(), &WebSocketSession::finished);
        type(QStringLiteral("drop-me"), WebSocketView::Format::Text);
        QVERIFY(view()->sendMessage());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(session()->state(), State::Failed);
        QCOMPARE(session()->closeCode(), 0);
        QCOMPARE(session()->failure(),
            QStringLiteral(
                "The connection dropped without a Close frame (1006, abnormal closure)."));
        QCOMPARE(log()->entry(log()->rowCount() - 1).kind, Kind::Error);
        // The handshake had succeeded: the history says 101, and why it ended.
        QCOMPARE(m_panel->historyModel()->entry(0).status, 101);
        QCOMPARE(toQt(m_panel->historyModel()->entry(0).error), session()->failure());
    }

    void aSelfSignedCertificateIsRefusedThenTrusted()
    {
        const QString secure = QStringLiteral("wss://127.0.0.1:%1/tls").arg(m_tlsPort);
        setRequest(secure);
        QSignalSpy finished(session(), &WebSocketSession::finished);
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(session()->state(), State::Failed);
        QVERIFY(session()->tlsIdentityUnverified());
        QVERIFY2(session()->failure().contains(QLatin1String("self-signed")),
            qPrintable(session()->failure()));
        auto* anyway = child<QToolButton>("webSocketInsecureButton");
        QVERIFY(anyway->isVisible());

        // Connect Anyway: this once without verification.
        QTest::mouseClick(anyway, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Kind::Received).size(), 1, 10'000);
        QCOMPARE(texts(Kind::Received).first(),
            QStringLiteral("{\"hello\": \"/tls\", \"key\": \"k-123\"}"));
        QVERIFY(!anyway->isVisible());
        m_panel->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), State::Closed, 10'000);

        // The certificate as a trusted authority: verified, and connected.
        QVERIFY(!session()->setTrustedCaPem("not a certificate"));
        QVERIFY(session()->setTrustedCaPem(m_certificate));
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(texts(Kind::Received).size(), 1, 10'000);
        QCOMPARE(session()->state(), State::Open);
        QVERIFY(session()->failure().isEmpty());
    }

    void aRefusedHandshakeSaysWhy()
    {
        setRequest(url("/private/feed"));
        QSignalSpy finished(session(), &WebSocketSession::finished);
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(session()->state(), State::Failed);
        QCOMPARE(session()->handshakeStatus(), 401);
        QVERIFY2(session()->failure().startsWith(QLatin1String(
                     "The server refused the WebSocket handshake: 401 Unauthorized.")),
            qPrintable(session()->failure()));
        QCOMPARE(view()->stateText(), QStringLiteral("Failed"));
        QVERIFY(view()->summaryText().startsWith(session()->failure()));
        QCOMPARE(log()->entry(log()->rowCount() - 1).kind, Kind::Error);
        QCOMPARE(m_panel->historyModel()->entry(0).status, 401);
    }

    void handshakeStatusFromQtsWords()
    {
        // What Qt 6.4 (Debian 12) and 6.8 (Debian 13) say, as seen.
        QCOMPARE(WebSocketSession::handshakeStatusIn(QStringLiteral(
                     "QWebSocketPrivate::processHandshake: Unhandled http status code: 401 "
                     "(Unauthorized).")),
            401);
        QCOMPARE(WebSocketSession::handshakeStatusIn(QStringLiteral(
                     "QWebSocketPrivate::processHandshake: Unhandled http status code: 429 "
                     "(Too Many Requests).")),
            429);
        QCOMPARE(WebSocketSession::handshakeStatusIn(QStringLiteral(
                     "QWebSocketPrivate::processHandshake: Unsupported WWW-Authenticate "
                     "challenges encountered.")),
            401);
        QCOMPARE(WebSocketSession::handshakeStatusIn(
                     QStringLiteral("QWebSocket::processHandshake: Host requires authentication")),
            401);
        QCOMPARE(WebSocketSession::handshakeStatusIn(QStringLiteral("Connection refused")), 0);
    }

    void aRefusedConnectionSaysWhy()
    {
        const quint16 closed = testsupport::freePort();
        QVERIFY(closed > 0);
        setRequest(QStringLiteral("ws://127.0.0.1:%1/").arg(closed));
        view()->setMessage(QStringLiteral("kept"));
        QSignalSpy finished(session(), &WebSocketSession::finished);
        m_panel->send(); // Ctrl+Return
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(session()->state(), State::Failed);
        QCOMPARE(session()->failure(),
            QStringLiteral("Could not connect to 127.0.0.1:%1: connection refused.").arg(closed));
        QCOMPARE(session()->handshakeStatus(), 0);
        QCOMPARE(view()->message(), QStringLiteral("kept"));
    }

    void anUnknownVariableIsNotSent()
    {
        setRequest(QStringLiteral("ws://{{chatHost}}/rooms/1"));
        QTest::mouseClick(connectButton(), Qt::LeftButton);
        QCOMPARE(session()->state(), State::Idle);
        QCOMPARE(view()->stateText(), QStringLiteral("Not connected"));
        QVERIFY2(
            view()->summaryText().startsWith(QLatin1String("Not sent: {{chatHost}} not defined")),
            qPrintable(view()->summaryText()));
        QCOMPARE(m_panel->historyModel()->rowCount(), 0);
    }

    void clearLogKeepsTheSession()
    {
        QVERIFY(connectTo("/chat"));
        QVERIFY(log()->rowCount() > 0);
        QTest::mouseClick(child<QToolButton>("webSocketClearButton"), Qt::LeftButton);
        QCOMPARE(log()->rowCount(), 0);
        QCOMPARE(session()->state(), State::Open);
        type(QStringLiteral("still here"), WebSocketView::Format::Text);
        QVERIFY(view()->sendMessage());
        QTRY_COMPARE_WITH_TIMEOUT(log()->rowCount(), 2, 10'000);
        QCOMPARE(log()->receivedCount(), 2);

        // Esc disconnects.
        QTest::keyClick(child<QLineEdit>("composerUrl"), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), State::Closed, 10'000);
        QCOMPARE(session()->closeCode(), 1000);
    }
};

QTEST_MAIN(TestComposerWebSocket)
#include "tst_composerwebsocket.moc"
