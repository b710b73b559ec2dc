// No raw API key is ever written anywhere: not in the workspace (keys.json,
// .tollgate/ state, usage ledger, metrics), not in tollgated's output, not in
// what `tollgated keys` prints besides the one line that hands a new key
// over. 1 000 keys are made (most in-process, a few with the CLI), a
// tollgated serves requests with valid, mistyped and revoked ones, and then
// every byte it and the CLI left behind is searched for every key.

#include "daemon.h"
#include "rawclient.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"

#include <QByteArrayMatcher>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <filesystem>

namespace {

using namespace tollgate::server;
using testsupport::Finished;

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);
const QString kDemoDir = QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo");
constexpr int kKeyCount = 1000;
constexpr int kCliKeys = 10;

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Finished runTollgated(const QStringList& arguments)
{
    return testsupport::runProgram(kTollgated, arguments, 30'000);
}

struct Key {
    std::string id;
    QByteArray secret;
    bool revoked = false;
};

/// One request on a fresh connection; the status, 0 when none came back.
int request(quint16 port, const QByteArray& method, const QByteArray& target,
    const QByteArray& headers, const QByteArray& body = {})
{
    rawhttp::RawClient c;
    if (!c.connectTo(port))
        return 0;
    const QByteArray allHeaders = headers + "Connection: close\r\n";
    if (!c.send(rawhttp::request(method, target, allHeaders, body)))
        return 0;
    return c.readResponse().status;
}

/// The key with one character of its secret part replaced: well-formed, but
/// its checksum no longer matches (or, rarely, another key's hash).
QByteArray flipped(const QByteArray& secret, int i)
{
    QByteArray s = secret;
    const int pos = s.size() - 1 - (i % 40);
    s[pos] = s[pos] == 'A' ? 'B' : 'A';
    return s;
}

} // namespace

class TestNoSecrets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kTollgated), qPrintable(kTollgated)); }

    void noKeyIsEverWritten()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString ws = tmp.filePath(QStringLiteral("ws"));
        const QString logs = tmp.filePath(QStringLiteral("logs"));
        QVERIFY(QDir().mkpath(logs));
        QVERIFY2(
            QFile::exists(kDemoDir + QLatin1String("/tollgate.json")), "resources/demo is missing");
        std::error_code ec;
        std::filesystem::copy(
            kDemoDir.toStdString(), ws.toStdString(), std::filesystem::copy_options::recursive, ec);
        QVERIFY2(!ec, ec.message().c_str());

        // Most keys in-process: a thousand CLI runs would only test fork().
        auto loaded = loadWorkspace(ws.toStdString());
        std::vector<ApiKey> records;
        std::vector<Key> keys;
        const char* tiers[] = { "free", "pro", "enterprise" };
        const auto now = static_cast<std::int64_t>(std::time(nullptr));
        for (int i = 0; i < kKeyCount - kCliKeys; ++i) {
            KeyOptions options;
            options.tier = tiers[i % 3];
            options.label = "bulk " + std::to_string(i);
            options.owner = "owner" + std::to_string(i % 17) + "@example.com";
            NewKey nk;
            std::string error;
            QVERIFY2(createKey(loaded.workspace.server.environment, options, now, &nk, &error),
                error.c_str());
            // Some are revoked before the server ever sees them.
            if (i % 97 == 5)
                nk.record.revoked = now;
            keys.push_back(
                { nk.record.id, QByteArray::fromStdString(nk.secret), nk.record.revoked > 0 });
            records.push_back(nk.record);
        }
        std::string error;
        QVERIFY2(saveKeys(ws.toStdString(), records, &error), error.c_str());

        const QStringList wsArg { QStringLiteral("--workspace"), ws };
        for (int i = 0; i < kCliKeys; ++i) {
            const auto f = runTollgated(
                QStringList { QStringLiteral("keys"), QStringLiteral("create") } + wsArg
                + QStringList { QStringLiteral("--tier"), QStringLiteral("pro"),
                    QStringLiteral("--json"), QStringLiteral("--label"),
                    QStringLiteral("cli %1").arg(i) });
            QVERIFY2(f.exitCode == 0, f.describe().constData());
            const QJsonObject o = QJsonDocument::fromJson(f.out).object();
            keys.push_back({ o.value(QLatin1String("id")).toString().toStdString(),
                o.value(QLatin1String("key")).toString().toUtf8(), false });
            QVERIFY(!keys.back().secret.isEmpty());
            QVERIFY2(!f.err.contains(keys.back().secret), f.err.constData());
        }
        QCOMPARE(int(keys.size()), kKeyCount);

        // The server, its output going to files as a service manager keeps it.
        const QString outLog = logs + QLatin1String("/stdout.log");
        const QString errLog = logs + QLatin1String("/stderr.log");
        QProcess daemon;
        daemon.setStandardOutputFile(outLog);
        daemon.setStandardErrorFile(errLog);
        daemon.start(
            kTollgated, wsArg + QStringList { QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY(daemon.waitForStarted(5000));
        static const QRegularExpression listening(
            QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)\\n"));
        QTRY_VERIFY2_WITH_TIMEOUT(listening.match(QString::fromUtf8(readFile(outLog))).hasMatch(),
            QByteArray(readFile(outLog) + readFile(errLog)).constData(), 10'000);
        const auto port = static_cast<quint16>(
            listening.match(QString::fromUtf8(readFile(outLog))).captured(1).toUInt());
        QVERIFY(port != 0);

        // Revocations while it runs, through the CLI (and so through SIGHUP).
        for (int i : { 3, 400, kKeyCount - 2, kKeyCount - 1 }) {
            const auto f
                = runTollgated(QStringList { QStringLiteral("keys"), QStringLiteral("revoke"),
                                   QString::fromStdString(keys[i].id) }
                    + wsArg);
            QVERIFY2(f.exitCode == 0, f.describe().constData());
            keys[i].revoked = true;
        }

        // A sample of requests: valid keys both ways, revoked keys, keys on
        // routes that fail, then mistyped and truncated keys. Failed
        // authentications are limited per client address (a burst of 20),
        // and all requests here come from 127.0.0.1: the mistakes come last
        // and stay under the burst.
        int valid = 0, mistyped = 0, revoked = 0;
        for (int i = 0; i < kKeyCount; i += 13) {
            const Key& k = keys[i];
            const QByteArray header
                = (i % 2 ? "Authorization: Bearer " : "X-API-Key: ") + k.secret + "\r\n";
            const int status
                = request(port, "GET", "/v1/users/" + QByteArray::number(i + 1), header);
            QVERIFY2(status == (k.revoked ? 401 : 200),
                qPrintable(QStringLiteral("key %1: %2").arg(i).arg(status)));
            (k.revoked ? revoked : valid) += 1;
        }
        for (const Key& k : keys) {
            if (k.revoked) {
                QCOMPARE(request(port, "GET", "/v1/users/1",
                             "Authorization: Bearer " + k.secret + "\r\n"),
                    401);
                ++revoked;
            }
        }
        QVERIFY(
            request(port, "GET", "/no/such/route", "X-API-Key: " + keys[2].secret + "\r\n") == 404);
        QVERIFY(request(port, "POST", "/generate",
                    "Authorization: Bearer " + keys[4].secret
                        + "\r\nContent-Type: application/json\r\n",
                    "{\"prompt\":\"hello\"}")
            != 0);
        for (int i = 0; i < kKeyCount && mistyped < 15; i += 67) {
            const QByteArray wrong = flipped(keys[i].secret, i);
            QCOMPARE(request(port, "GET", "/v1/users/1", "Authorization: Bearer " + wrong + "\r\n"),
                401);
            ++mistyped;
        }
        QCOMPARE(request(port, "GET", "/v1/users/1",
                     "X-API-Key: " + keys[kKeyCount - 3].secret.chopped(1) + "\r\n"),
            401);
        QVERIFY(valid > 50 && mistyped == 15 && revoked >= 14);

        // What an operator looks at afterwards.
        QList<Finished> cliOutputs;
        for (const QStringList& command : { QStringList { QStringLiteral("list") },
                 QStringList { QStringLiteral("list"), QStringLiteral("--json") },
                 QStringList { QStringLiteral("usage") },
                 QStringList { QStringLiteral("usage"), QStringLiteral("--csv") },
                 QStringList { QStringLiteral("usage"), QStringLiteral("--json") } }) {
            cliOutputs << runTollgated(QStringList { QStringLiteral("keys") } + command + wsArg);
            QVERIFY2(cliOutputs.last().exitCode == 0, cliOutputs.last().describe().constData());
        }

        QCOMPARE(::kill(static_cast<pid_t>(daemon.processId()), SIGTERM), 0);
        QVERIFY2(daemon.waitForFinished(10'000), "tollgated did not stop");
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
        // usage after the stop: what the state directory holds at rest.
        cliOutputs << runTollgated(
            QStringList { QStringLiteral("keys"), QStringLiteral("usage"), QStringLiteral("--csv") }
            + wsArg);
        QVERIFY2(cliOutputs.last().exitCode == 0, cliOutputs.last().describe().constData());
        QVERIFY2(
            cliOutputs.last().out.count('\n') > 1, "no usage was recorded, so none was searched");

        // Everything to search: every file in the workspace (hidden ones and
        // .tollgate/ included), the logs, the CLI output.
        QList<QPair<QString, QByteArray>> haystacks;
        for (const QString& root : { ws, logs }) {
            QDirIterator it(
                root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                haystacks.append({ path, readFile(path) });
            }
        }
        for (int i = 0; i < cliOutputs.size(); ++i)
            haystacks.append(
                { QStringLiteral("cli output %1").arg(i), cliOutputs[i].out + cliOutputs[i].err });
        QVERIFY(std::any_of(haystacks.begin(), haystacks.end(), [](const auto& h) {
            return h.first.endsWith(QLatin1String("/.tollgate/usage.json"));
        }));
        QVERIFY(std::any_of(haystacks.begin(), haystacks.end(),
            [](const auto& h) { return h.first.endsWith(QLatin1String("/keys.json")); }));

        // The part after the displayable prefix is what makes a key secret;
        // searching its two halves also catches a mistyped key (one changed
        // character) being logged.
        int searched = 0;
        for (const Key& k : keys) {
            const QByteArray hidden
                = k.secret.mid(QByteArray::fromStdString(keyPrefix(k.secret.toStdString())).size());
            QCOMPARE(hidden.size(), 41);
            const QByteArrayMatcher parts[]
                = { QByteArrayMatcher(hidden.left(20)), QByteArrayMatcher(hidden.mid(21)) };
            for (const auto& [name, data] : haystacks) {
                for (const auto& part : parts) {
                    QVERIFY2(part.indexIn(data) < 0,
                        qPrintable(QStringLiteral("key %1 (%2) found in %3")
                                       .arg(QString::fromStdString(k.id),
                                           QString::fromUtf8(k.secret), name)));
                }
            }
            ++searched;
        }
        QCOMPARE(searched, kKeyCount);
    }
};

QTEST_GUILESS_MAIN(TestNoSecrets)
#include "tst_nosecrets.moc"
