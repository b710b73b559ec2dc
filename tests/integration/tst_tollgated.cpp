// The headless server as a user runs it: command line, the "listening on" line
// scripts wait for, live reload of edited workspace files, clean shutdown on
// SIGTERM/SIGINT, and --check for CI.

#include "daemon.h"
#include "rawclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <memory>
#include <sys/types.h>

namespace {

using testsupport::Daemon;

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);
const QString kDemoDir = QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo");

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

QByteArray routeJson(const QByteArray& method, const QByteArray& path, const QByteArray& jsonBody)
{
    QByteArray escaped = jsonBody;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return "{\n"
           "  \"schemaVersion\": 1,\n"
           "  \"method\": \""
        + method
        + "\",\n"
          "  \"path\": \""
        + path
        + "\",\n"
          "  \"responses\": [\n"
          "    {\n"
          "      \"status\": 200,\n"
          "      \"headers\": [{\"name\": \"Content-Type\", \"value\": \"application/json\"}],\n"
          "      \"body\": \""
        + escaped
        + "\"\n"
          "    }\n"
          "  ]\n"
          "}\n";
}

/// A workspace to serve: a copy of the demo when it exists, else a small
/// generated one with a /health route. Returns an error text, empty on success.
QByteArray prepareWorkspace(const QString& dir)
{
    std::error_code ec;
    if (QFile::exists(kDemoDir + QLatin1String("/tollgate.json"))) {
        std::filesystem::copy(kDemoDir.toStdString(), dir.toStdString(),
            std::filesystem::copy_options::recursive, ec);
        return ec
            ? QByteArray("copying the demo failed: " + QByteArray::fromStdString(ec.message()))
            : QByteArray();
    }
    if (!QDir(dir).mkpath(QStringLiteral("routes")))
        return "mkpath failed";
    const QByteArray settings = "{\n  \"schemaVersion\": 1,\n  \"name\": \"Generated\",\n"
                                "  \"server\": {\"bind\": \"127.0.0.1\", \"port\": 8080}\n}\n";
    if (!writeFile(dir + QLatin1String("/tollgate.json"), settings)
        || !writeFile(dir + QLatin1String("/routes/get-health.json"),
            routeJson("GET", "/health", "{\"status\":\"ok\"}")))
        return "writing the generated workspace failed";
    return {};
}

struct Fetched {
    int status = 0;
    QByteArray body;
    QByteArray error;
};

Fetched fetch(quint16 port, const QByteArray& target)
{
    Fetched f;
    rawhttp::RawClient c;
    if (!c.connectTo(port)) {
        f.error = "connect failed";
        return f;
    }
    if (!c.send(rawhttp::get(target, "Connection: close\r\n"))) {
        f.error = "send failed";
        return f;
    }
    const auto r = c.readResponse();
    f.status = r.status;
    f.body = r.body;
    f.error = r.error;
    return f;
}

struct Finished {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

Finished runToEnd(const QStringList& args)
{
    Finished f;
    QProcess p;
    p.start(kTollgated, args);
    f.finished = p.waitForFinished(15'000);
    if (!f.finished)
        p.kill();
    f.exitCode = p.exitCode();
    f.status = p.exitStatus();
    f.out = p.readAllStandardOutput();
    f.err = p.readAllStandardError();
    return f;
}

} // namespace

class TestTollgated : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kTollgated), qPrintable(kTollgated)); }

    void version()
    {
        const auto f = runToEnd({ QStringLiteral("--version") });
        QVERIFY(f.finished);
        QCOMPARE(f.status, QProcess::NormalExit);
        QCOMPARE(f.exitCode, 0);
        QCOMPARE(f.out.trimmed(), QByteArray("tollgated " TOLLGATE_VERSION));
    }

    void servesWorkspace()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray prep = prepareWorkspace(tmp.path());
        QVERIFY2(prep.isEmpty(), prep.constData());

        Daemon d;
        const QByteArray err = d.start({ QStringLiteral("--workspace"), tmp.path(),
            QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        const auto health = fetch(d.port(), "/health");
        QVERIFY2(health.error.isEmpty(), health.error.constData());
        QCOMPARE(health.status, 200);
        QVERIFY2(health.body.contains("\"ok\""), health.body.constData());
        const auto missing = fetch(d.port(), "/definitely/not/here");
        QCOMPARE(missing.status, 404);
    }

    void reloadsEditedFiles()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray prep = prepareWorkspace(tmp.path());
        QVERIFY2(prep.isEmpty(), prep.constData());

        Daemon d;
        const QByteArray err = d.start({ QStringLiteral("--workspace"), tmp.path(),
            QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        QCOMPARE(fetch(d.port(), "/health").status, 200);
        QCOMPARE(fetch(d.port(), "/added").status, 404);

        // An editor rewrites the health route...
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("routes/get-health.json")),
            routeJson("GET", "/health", "{\"status\":\"ok\",\"edited\":\"marker-1234\"}")));
        QTRY_VERIFY2_WITH_TIMEOUT(fetch(d.port(), "/health").body.contains("marker-1234"),
            d.diagnostics().constData(), 5000);

        // ...and a git pull brings a new route file.
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("routes/get-added.json")),
            routeJson("GET", "/added", "{\"added\":true}")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            fetch(d.port(), "/added").status == 200, d.diagnostics().constData(), 5000);
        QCOMPARE(fetch(d.port(), "/added").body, QByteArray("{\"added\":true}"));

        QVERIFY(d.waitForStdout([&] { return d.out().contains("reloaded"); }, 2000));
        // Same process, same port: nothing was restarted.
        QCOMPARE(d.process().state(), QProcess::Running);
    }

    void editRightAfterStartIsNotLost()
    {
        // A script starts tollgated and immediately edits or checks out files:
        // an edit made as soon as "listening on" is printed must still be
        // served, however the daemon's first look at the files is timed.
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray prep = prepareWorkspace(tmp.path());
        QVERIFY2(prep.isEmpty(), prep.constData());

        Daemon d;
        const QByteArray err = d.start({ QStringLiteral("--workspace"), tmp.path(),
            QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("routes/get-early.json")),
            routeJson("GET", "/early", "{\"early\":true}")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            fetch(d.port(), "/early").status == 200, d.diagnostics().constData(), 5000);
    }

    void stopsOnSignal_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("SIGTERM") << int(SIGTERM) << QByteArray("SIGTERM");
        QTest::newRow("SIGINT") << int(SIGINT) << QByteArray("SIGINT");
    }
    void stopsOnSignal()
    {
        QFETCH(int, signal);
        QFETCH(QByteArray, name);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray prep = prepareWorkspace(tmp.path());
        QVERIFY2(prep.isEmpty(), prep.constData());

        Daemon d;
        const QByteArray err = d.start({ QStringLiteral("--workspace"), tmp.path(),
            QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        // A client with an idle keep-alive connection must not hold up the stop.
        rawhttp::RawClient idle;
        QVERIFY(idle.connectTo(d.port()));
        QVERIFY(idle.send(rawhttp::get("/health")));
        QVERIFY(idle.readResponse().ok);

        QCOMPARE(::kill(static_cast<pid_t>(d.process().processId()), signal), 0);
        QVERIFY2(d.process().waitForFinished(10'000), "tollgated did not stop");
        QCOMPARE(d.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(d.process().exitCode(), 0);
        d.waitForStdout([] { return false; }, 0);
        QVERIFY2(d.out().contains(QByteArray("stopping (" + name + ")")), d.out().constData());

        QByteArray rest;
        const auto end = idle.readUntilClose(&rest);
        QVERIFY2(
            end == rawhttp::ReadEnd::Eof || end == rawhttp::ReadEnd::Reset, rawhttp::toString(end));
        rawhttp::RawClient refused;
        QVERIFY(!refused.connectTo(d.port()));
    }

    void checkDemo()
    {
        QVERIFY2(QFile::exists(kDemoDir + QLatin1String("/tollgate.json")),
            "resources/demo is missing (it is the workspace new users see first)");
        const auto f = runToEnd({ QStringLiteral("--check"), kDemoDir });
        QVERIFY(f.finished);
        QVERIFY2(f.exitCode == 0,
            QByteArray("exit " + QByteArray::number(f.exitCode) + "\n" + f.err).constData());
        QVERIFY2(f.out.startsWith("ok: "), f.out.constData());
        QVERIFY2(f.err.isEmpty(), f.err.constData());
    }

    void checkBrokenRoute()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QVERIFY(QDir(tmp.path()).mkpath(QStringLiteral("routes")));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tollgate.json")),
            "{\n  \"schemaVersion\": 1,\n  \"name\": \"Broken\"\n}\n"));
        QVERIFY(writeFile(
            tmp.filePath(QStringLiteral("routes/get-fine.json")), routeJson("GET", "/fine", "{}")));
        // Line 3: a bare word where a value belongs.
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("routes/get-broken.json")),
            "{\n"
            "  \"schemaVersion\": 1,\n"
            "  \"method\": GET,\n"
            "  \"path\": \"/broken\"\n"
            "}\n"));
        const auto f = runToEnd({ QStringLiteral("--check"), tmp.path() });
        QVERIFY(f.finished);
        QCOMPARE(f.status, QProcess::NormalExit);
        QVERIFY2(f.exitCode != 0, f.out.constData());
        QVERIFY2(f.err.contains("routes/get-broken.json:3"), f.err.constData());
        QVERIFY2(!f.err.contains("get-fine.json"), f.err.constData());
    }

    void checkRefusedUpstream()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QVERIFY(QDir(tmp.path()).mkpath(QStringLiteral("routes")));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tollgate.json")),
            "{\n  \"schemaVersion\": 1,\n  \"name\": \"Proxy\"\n}\n"));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("routes/get-local.json")),
            "{\"schemaVersion\": 1, \"method\": \"GET\", \"path\": \"/local\",\n"
            " \"responder\": \"upstream\", \"upstream\": {\"url\": \"http://127.0.0.1:9\"}}\n"));
        // A loopback upstream is refused unless allowed...
        const auto refused = runToEnd({ QStringLiteral("--check"), tmp.path() });
        QVERIFY(refused.finished);
        QVERIFY2(refused.exitCode != 0, refused.out.constData());
        QVERIFY2(refused.err.contains("routes/get-local.json") && refused.err.contains("loopback"),
            refused.err.constData());
        // ... and checks out when --allow-upstream names it, as serving would.
        const auto allowed = runToEnd({ QStringLiteral("--check"), tmp.path(),
            QStringLiteral("--allow-upstream"), QStringLiteral("127.0.0.0/8") });
        QVERIFY(allowed.finished);
        QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
        QVERIFY2(allowed.out.startsWith("ok: "), allowed.out.constData());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("port abc") << QStringList { QStringLiteral("--workspace"),
            QStringLiteral("/nonexistent"), QStringLiteral("--port"), QStringLiteral("abc") }
                                  << QByteArray("--port");
        QTest::newRow("port 70000")
            << QStringList { QStringLiteral("--port"), QStringLiteral("70000") }
            << QByteArray("70000");
        QTest::newRow("port missing value")
            << QStringList { QStringLiteral("--port") } << QByteArray("--port");
        QTest::newRow("unknown flag")
            << QStringList { QStringLiteral("--frobnicate") } << QByteArray("--frobnicate");
        QTest::newRow("no workspace") << QStringList {} << QByteArray("--workspace");
        QTest::newRow("record offline")
            << QStringList { QStringLiteral("--workspace"), QStringLiteral("/tmp"),
                   QStringLiteral("--record"), QStringLiteral("--offline") }
            << QByteArray("--record and --offline exclude each other");
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const auto f = runToEnd(args);
        QVERIFY(f.finished);
        QCOMPARE(f.status, QProcess::NormalExit);
        QCOMPARE(f.exitCode, 2);
        QVERIFY2(f.err.contains(message), f.err.constData());
        QVERIFY2(!f.out.contains("listening"), f.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestTollgated)
#include "tst_tollgated.moc"
