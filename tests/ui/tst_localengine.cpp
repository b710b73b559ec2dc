// The real engine facade: every call returns at once and the work happens on
// its control thread (an apply blocked reading a body file leaves the GUI
// thread free); answers arrive on the GUI thread in the order of the calls;
// a taken port is a start failure; a load run reports, saves its report, and
// is ended and saved when the facade goes; destroying it stops serving;
// upstream tests run on threads of their own and end when the facade goes.

#include "testutil.h"

#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "ui/common/convert.h"
#include "ui/engine/localengine.h"
#include "ui/engine/servercontroller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Workspace workspace(const QString& dir)
{
    server::Workspace ws;
    ws.name = "facade";
    ws.dir = pathFromQt(dir);
    server::Route ok;
    ok.path = "/ok";
    ok.responses.front().body = "{\"ok\":true}";
    ws.routes = { ok };
    return ws;
}

server::EngineOptions anyPort()
{
    server::EngineOptions options;
    options.bind = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.metricsDatabase = "-";
    return options;
}

// Opening a FIFO for writing without a reader fails; with the engine
// blocked reading it, this lets the engine go on (and see end of file).
void unblockReader(const QString& fifo)
{
    const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0)
        ::close(fd);
}

} // namespace

class TestLocalEngine : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QNetworkAccessManager m_nam;

    int get(const QString& url, QByteArray* body = nullptr)
    {
        QNetworkReply* reply = m_nam.get(QNetworkRequest(QUrl(url)));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return -1;
        if (body)
            *body = reply->readAll();
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_nam.setProxy(QNetworkProxy::NoProxy);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { m_dir.reset(); }

    void answersComeInOrderOnTheGuiThread()
    {
        LocalEngine engine;
        QStringList order;
        bool elsewhere = false;
        quint16 portAtStart = 0;
        const auto note = [&](const char* what) {
            order << QLatin1String(what);
            elsewhere = elsewhere || QThread::currentThread() != thread();
        };
        connect(&engine, &EngineFacade::applied, this, [&] { note("applied"); });
        connect(&engine, &EngineFacade::started, this, [&] {
            note("started");
            portAtStart = engine.port();
        });
        connect(&engine, &EngineFacade::startFailed, this, [&] { note("startFailed"); });
        connect(&engine, &EngineFacade::trafficPolled, this, [&] { note("traffic"); });
        connect(&engine, &EngineFacade::usagePolled, this, [&] { note("usage"); });
        connect(&engine, &EngineFacade::stopped, this, [&] { note("stopped"); });

        engine.apply(workspace(m_dir->path()));
        engine.start(anyPort());
        engine.pollTraffic(100);
        engine.pollUsage();
        engine.stop();
        // Every call returned before any answer.
        QVERIFY(order.isEmpty());
        QVERIFY(!engine.isRunning());

        QTRY_COMPARE(order.size(), 5);
        QCOMPARE(order,
            (QStringList { QStringLiteral("applied"), QStringLiteral("started"),
                QStringLiteral("traffic"), QStringLiteral("usage"), QStringLiteral("stopped") }));
        QVERIFY(!elsewhere);
        QVERIFY(portAtStart != 0);
        QCOMPARE(engine.boundAddress(), QStringLiteral("127.0.0.1"));
        QVERIFY(!engine.isRunning());
        QCOMPARE(engine.port(), 0);
        QVERIFY(engine.metering());
    }

    void applyRunsOffTheGuiThread()
    {
        // The route's body is a FIFO: reading it blocks until something is
        // written. Were apply() run here, this test would hang.
        const QString fifo = QDir(m_dir->path()).filePath(QStringLiteral("body.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        server::Workspace ws = workspace(m_dir->path());
        ws.routes.front().responses.front().body.clear();
        ws.routes.front().responses.front().bodyFile = "body.json";

        LocalEngine engine;
        // Should the test fail half-way, the engine must not stay blocked
        // (its destructor waits for it).
        struct Unblock {
            QString fifo;
            ~Unblock() { unblockReader(fifo); }
        } unblock { fifo };
        QSignalSpy applied(&engine, &EngineFacade::applied);
        engine.apply(ws);
        // The GUI thread goes on while the engine waits for the file.
        bool ticked = false;
        QTimer::singleShot(0, this, [&] { ticked = true; });
        QTRY_VERIFY(ticked);
        QVERIFY(applied.isEmpty());

        // What is written is what the engine compiles: a broken template.
        QFile writer(fifo);
        QVERIFY(writer.open(QIODevice::WriteOnly));
        writer.write("{{#section}} never closed");
        writer.close();
        QVERIFY(applied.wait(10'000));
        const auto problems = applied.front().front().value<std::vector<server::Diagnostic>>();
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems.front().message.find("template error") != std::string::npos,
            problems.front().message.c_str());
    }

    void takenPortFailsTheStart()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        LocalEngine engine;
        server::EngineOptions options = anyPort();
        options.port = taken.serverPort();
        QSignalSpy started(&engine, &EngineFacade::started);
        QSignalSpy failed(&engine, &EngineFacade::startFailed);
        engine.apply(workspace(m_dir->path()));
        engine.start(options);
        QVERIFY(failed.wait(10'000));
        QVERIFY(!failed.front().front().toString().isEmpty());
        QVERIFY(started.isEmpty());
        QVERIFY(!engine.isRunning());
        QCOMPARE(engine.port(), 0);
    }

    void destroyingStopsServing()
    {
        quint16 port = 0;
        {
            LocalEngine engine;
            QSignalSpy started(&engine, &EngineFacade::started);
            engine.apply(workspace(m_dir->path()));
            engine.start(anyPort());
            QVERIFY(started.wait(10'000));
            port = engine.port();
            QCOMPARE(get(QStringLiteral("http://127.0.0.1:%1/ok").arg(port)), 200);
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(2000));
    }

    void testsAnUpstreamOffTheGuiThread()
    {
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost, 0));
        connect(&upstream, &QTcpServer::newConnection, &upstream, [&upstream] {
            QTcpSocket* socket = upstream.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (socket->readAll().contains("\r\n\r\n"))
                    socket->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
            });
        });
        LocalEngine engine;
        engine.setUpstreamAccess(ServerController::appUpstreamAllowlist(), nullptr);
        std::vector<std::pair<quint64, UpstreamTest>> tests;
        QThread* gui = QThread::currentThread();
        connect(&engine, &EngineFacade::upstreamTested, this,
            [&tests, gui](quint64 ticket, const UpstreamTest& test) {
                QCOMPARE(QThread::currentThread(), gui);
                tests.emplace_back(ticket, test);
            });
        server::Upstream u;
        u.url = "http://127.0.0.1:" + std::to_string(upstream.serverPort()) + "/api";
        const quint64 first = engine.testUpstream(u);
        // The upstream answers on this thread: the probe waits elsewhere.
        QTRY_COMPARE_WITH_TIMEOUT(tests.size(), std::size_t(1), 10'000);
        QCOMPARE(tests[0].first, first);
        QVERIFY(tests[0].second.problems.isEmpty());
        const server::UpstreamProbeResult& r = tests[0].second.result;
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.status, 204);
        QVERIFY(r.connectUs >= 0 && r.firstByteUs >= 0);

        // Settings that would not be served are not tried: the reason.
        u.url = "http://10.1.2.3";
        const quint64 second = engine.testUpstream(u);
        QVERIFY(second != first);
        QTRY_COMPARE_WITH_TIMEOUT(tests.size(), std::size_t(2), 10'000);
        QCOMPARE(tests[1].first, second);
        QCOMPARE(tests[1].second.problems.size(), 1);
        QVERIFY2(tests[1].second.problems.front().contains(QStringLiteral("is refused")),
            qPrintable(tests[1].second.problems.front()));
    }

    void destroyingCancelsAWaitingUpstreamTest()
    {
        // Takes the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QSignalSpy connected(&silent, &QTcpServer::newConnection);
        auto engine = std::make_unique<LocalEngine>();
        engine->setUpstreamAccess(ServerController::appUpstreamAllowlist(), nullptr);
        bool answered = false;
        connect(
            engine.get(), &EngineFacade::upstreamTested, this, [&answered] { answered = true; });
        server::Upstream u;
        u.url = "http://127.0.0.1:" + std::to_string(silent.serverPort());
        u.attemptTimeoutMs = 120'000;
        engine->testUpstream(u);
        QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), 10'000);
        QElapsedTimer clock;
        clock.start();
        engine.reset();
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCoreApplication::processEvents();
        QVERIFY(!answered);
    }

    void pollsTheUpstreamRoutes()
    {
        LocalEngine engine;
        engine.setUpstreamAccess(ServerController::appUpstreamAllowlist(), nullptr);
        server::Workspace ws = workspace(m_dir->path());
        server::Route proxied;
        proxied.path = "/proxied";
        proxied.responder = server::RouteResponder::Upstream;
        proxied.upstream.url = "http://127.0.0.1:9";
        ws.routes.push_back(proxied);
        std::vector<UpstreamFigures> figures;
        bool polled = false;
        connect(&engine, &EngineFacade::upstreamPolled, this,
            [&](const std::vector<UpstreamFigures>& f) {
                figures = f;
                polled = true;
            });
        engine.apply(ws);
        engine.pollUpstream();
        QTRY_VERIFY_WITH_TIMEOUT(polled, 10'000);
        QCOMPARE(figures.size(), std::size_t(1));
        QCOMPARE(figures[0].route, std::string("GET /proxied"));
        QVERIFY(figures[0].served);
        QCOMPARE(figures[0].served->breaker, server::CircuitBreaker::State::Closed);
        QCOMPARE(figures[0].totals.requests, std::uint64_t(0));
    }

    void loadRunReportsAndIsSaved()
    {
        LocalEngine engine;
        QSignalSpy started(&engine, &EngineFacade::started);
        engine.apply(workspace(m_dir->path()));
        engine.start(anyPort());
        QVERIFY(started.wait(10'000));

        server::LoadSettings settings;
        settings.url = QStringLiteral("http://127.0.0.1:%1").arg(engine.port()).toStdString();
        settings.connections = 2;
        settings.requestCount = 50;
        server::LoadTarget target;
        target.path = "/ok";
        settings.mix = { target };
        const QString runs = QDir(m_dir->path()).filePath(QStringLiteral("runs"));
        QSignalSpy loadStarted(&engine, &EngineFacade::loadStarted);
        QSignalSpy finished(&engine, &EngineFacade::loadFinished);
        bool lastSecondsReadable = false;
        connect(&engine, &EngineFacade::loadFinished, this,
            [&] { lastSecondsReadable = !engine.loadProgress(0).seconds.empty(); });
        engine.startLoad(settings, runs);
        QVERIFY(finished.wait(30'000));
        QCOMPARE(loadStarted.count(), 1);
        const auto report = finished.front().at(0).value<server::LoadReport>();
        QVERIFY2(finished.front().at(1).toString().isEmpty(),
            qPrintable(finished.front().at(1).toString()));
        QCOMPARE(report.total.requests, 50u);
        QVERIFY(!report.id.empty());
        QVERIFY(QFile::exists(QDir(runs).filePath(toQt(report.id) + QStringLiteral(".json"))));
        QVERIFY(lastSecondsReadable);
        // Outside a run there is no progress.
        QTRY_VERIFY(engine.loadProgress(0).seconds.empty());
    }

    void refusedLoadRunFails()
    {
        LocalEngine engine;
        server::LoadSettings settings;
        settings.url = "ftp://example.com";
        QSignalSpy failed(&engine, &EngineFacade::loadFailed);
        QSignalSpy loadStarted(&engine, &EngineFacade::loadStarted);
        engine.startLoad(settings, {});
        QVERIFY(failed.wait(10'000));
        QVERIFY(!failed.front().front().toString().isEmpty());
        QVERIFY(loadStarted.isEmpty());
    }

    void destroyingEndsAndSavesTheRun()
    {
        const QString runs = QDir(m_dir->path()).filePath(QStringLiteral("runs"));
        {
            LocalEngine engine;
            QSignalSpy started(&engine, &EngineFacade::started);
            engine.apply(workspace(m_dir->path()));
            engine.start(anyPort());
            QVERIFY(started.wait(10'000));
            server::LoadSettings settings;
            settings.url
                = QStringLiteral("http://127.0.0.1:%1/ok").arg(engine.port()).toStdString();
            settings.connections = 1;
            settings.durationSeconds = 60;
            QSignalSpy loadStarted(&engine, &EngineFacade::loadStarted);
            engine.startLoad(settings, runs);
            QVERIFY(loadStarted.wait(10'000));
            QTRY_VERIFY_WITH_TIMEOUT(engine.loadProgress(0).requests > 0, 10'000);
        }
        const QStringList files = QDir(runs).entryList({ QStringLiteral("*.json") });
        QCOMPARE(files.size(), 1);
        server::LoadReport report;
        std::string error;
        QVERIFY2(server::LoadRunStore(toStd(runs))
                     .load(toStd(files.front().chopped(5)), &report, &error),
            error.c_str());
        QVERIFY(report.stopped);
        QVERIFY(report.total.requests > 0);
    }
};

QTEST_MAIN(TestLocalEngine)
#include "tst_localengine.moc"
