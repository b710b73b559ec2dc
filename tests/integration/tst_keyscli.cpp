// `tollgated keys` as an operator runs it: what each subcommand prints and
// writes, its exit codes, that a secret is shown exactly once and never again,
// that a broken keys.json is never overwritten, and that a revocation or
// rotation is in force on a running tollgated before the command returns.
// Also the server options that go with it (--state-dir, --redis,
// --redis-fail).

#include "daemon.h"
#include "rawclient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <sys/types.h>

namespace {

using testsupport::Daemon;

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);
const QString kDemoDir = QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo");
const QRegularExpression kKeyLine(QStringLiteral("^tg_dev_[0-9A-Za-z]{49}\\n$"));

QStringList args(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* s : list)
        out << QString::fromUtf8(s);
    return out;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Copies the demo workspace into dir. Empty on success, else why not.
QByteArray copyDemo(const QString& dir)
{
    if (!QFile::exists(kDemoDir + QLatin1String("/tollgate.json")))
        return "resources/demo is missing";
    std::error_code ec;
    std::filesystem::copy(kDemoDir.toStdString(), dir.toStdString(),
        std::filesystem::copy_options::recursive
            | std::filesystem::copy_options::overwrite_existing,
        ec);
    return ec ? QByteArray("copying the demo failed: " + QByteArray::fromStdString(ec.message()))
              : QByteArray();
}

struct Finished {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
    /// For QVERIFY2.
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "stderr:\n" + err;
    }
};

Finished run(const QStringList& arguments)
{
    Finished f;
    QProcess p;
    p.start(kTollgated, arguments);
    // The keys command waits up to 5 s per unresponsive instance.
    f.finished = p.waitForFinished(30'000);
    if (!f.finished)
        p.kill();
    f.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    f.out = p.readAllStandardOutput();
    f.err = p.readAllStandardError();
    return f;
}

/// `tollgated keys <arguments>`.
Finished keys(const QStringList& arguments)
{
    return run(QStringList { QStringLiteral("keys") } + arguments);
}

QJsonArray keysJson(const QString& workspace)
{
    return QJsonDocument::fromJson(readFile(workspace + QLatin1String("/keys.json")))
        .object()
        .value(QLatin1String("keys"))
        .toArray();
}

QJsonObject keyRecord(const QString& workspace, const QString& id)
{
    for (const auto& v : keysJson(workspace)) {
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            return v.toObject();
    }
    return {};
}

qint64 utcSeconds(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : -1;
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

/// A key created with `keys create --json`.
struct Created {
    QString id;
    QByteArray secret;
    QByteArray prefix;
    QByteArray error; ///< empty on success
};

Created createKey(const QString& workspace, const QStringList& extra = {})
{
    Created c;
    const auto f = keys(QStringList { QStringLiteral("create"), QStringLiteral("--workspace"),
                            workspace, QStringLiteral("--json") }
        + (extra.isEmpty() ? args({ "--tier", "pro" }) : extra));
    if (f.exitCode != 0) {
        c.error = f.describe();
        return c;
    }
    const QJsonObject o = QJsonDocument::fromJson(f.out).object();
    c.id = o.value(QLatin1String("id")).toString();
    c.secret = o.value(QLatin1String("key")).toString().toUtf8();
    c.prefix = o.value(QLatin1String("prefix")).toString().toUtf8();
    if (c.id.isEmpty() || c.secret.isEmpty())
        c.error = "no id/key in: " + f.out;
    return c;
}

/// GET target with the key as a bearer token on a fresh connection; the status or 0.
int getWithKey(quint16 port, const QByteArray& target, const QByteArray& key)
{
    rawhttp::RawClient c;
    if (!c.connectTo(port))
        return 0;
    const QByteArray headers = "Authorization: Bearer " + key + "\r\nConnection: close\r\n";
    if (!c.send(rawhttp::get(target, headers)))
        return 0;
    return c.readResponse().status;
}

} // namespace

class TestKeysCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_ws;

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kTollgated), qPrintable(kTollgated)); }

    void init()
    {
        // A fresh workspace per test function.
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_ws = m_tmp->filePath(QStringLiteral("ws"));
        const QByteArray err = copyDemo(m_ws);
        QVERIFY2(err.isEmpty(), err.constData());
    }

    void help()
    {
        const auto f = keys(args({ "--help" }));
        QCOMPARE(f.exitCode, 0);
        for (const char* s : { "tollgated keys create", "tollgated keys list",
                 "tollgated keys rotate", "tollgated keys revoke", "tollgated keys usage", "SIGHUP",
                 "run/<pid>", "--state-dir", "Exit status" })
            QVERIFY2(f.out.contains(s), s);
        QVERIFY(f.err.isEmpty());
        // A subcommand's --help is the same text.
        QCOMPARE(keys(args({ "create", "--help" })).out, f.out);

        const auto main = run(args({ "--help" }));
        QCOMPARE(main.exitCode, 0);
        for (const char* s :
            { "tollgated keys", "--state-dir", "--redis", "--redis-fail", "SIGHUP" })
            QVERIFY2(main.out.contains(s), s);
    }

    void createPrintsTheKeyOnlyOnce()
    {
        const auto f
            = keys(QStringList { QStringLiteral("create"), QStringLiteral("--workspace"), m_ws }
                + args({ "--tier", "pro", "--label", "CI bot", "--owner", "ada@example.com",
                    "--scopes", "read, write,,read" }));
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        // Scripts capture stdout: the key alone on one line, nothing else.
        QVERIFY2(kKeyLine.match(QString::fromUtf8(f.out)).hasMatch(), f.out.constData());
        const QByteArray secret = f.out.trimmed();
        QVERIFY2(!f.err.contains(secret), f.err.constData());

        const QJsonArray list = keysJson(m_ws);
        QCOMPARE(list.size(), 1);
        const QJsonObject k = list.first().toObject();
        const QString id = k.value(QLatin1String("id")).toString();
        QVERIFY2(f.err.contains(id.toUtf8()), f.err.constData());
        QVERIFY(secret.startsWith(k.value(QLatin1String("prefix")).toString().toUtf8()));
        QCOMPARE(k.value(QLatin1String("hash")).toString().toUtf8(), "sha256:" + sha256Hex(secret));
        QCOMPARE(k.value(QLatin1String("tier")).toString(), QStringLiteral("pro"));
        QCOMPARE(k.value(QLatin1String("label")).toString(), QStringLiteral("CI bot"));
        QCOMPARE(k.value(QLatin1String("owner")).toString(), QStringLiteral("ada@example.com"));
        QCOMPARE(k.value(QLatin1String("scopes")).toArray(),
            QJsonArray({ QStringLiteral("read"), QStringLiteral("write") }));
        QVERIFY(k.value(QLatin1String("expires")).isNull());
        QVERIFY(!readFile(m_ws + QLatin1String("/keys.json")).contains(secret));
    }

    void createJson()
    {
        const auto f = keys(QStringList { QStringLiteral("create"), QStringLiteral("--workspace"),
                                m_ws, QStringLiteral("--json") }
            + args({ "--tier", "free", "--label", "json" }));
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(f.out, &pe).object();
        QVERIFY2(pe.error == QJsonParseError::NoError, f.out.constData());
        const QByteArray secret = o.value(QLatin1String("key")).toString().toUtf8();
        QVERIFY(kKeyLine.match(QString::fromUtf8(secret + '\n')).hasMatch());
        QVERIFY(secret.startsWith(o.value(QLatin1String("prefix")).toString().toUtf8()));
        QCOMPARE(o.value(QLatin1String("tier")).toString(), QStringLiteral("free"));
        const QString id = o.value(QLatin1String("id")).toString();
        QVERIFY(id.startsWith(QLatin1String("key_")));
        QCOMPARE(
            keyRecord(m_ws, id).value(QLatin1String("label")).toString(), QStringLiteral("json"));
        QVERIFY2(!f.err.contains(secret), f.err.constData());
    }

    void createExpires_data()
    {
        QTest::addColumn<QString>("expires");
        QTest::addColumn<qint64>("duration"); ///< 0: an absolute time
        QTest::addColumn<qint64>("absolute");
        QTest::newRow("time") << QStringLiteral("2099-01-31T00:00:00Z") << qint64(0)
                              << QDateTime::fromString(
                                     QStringLiteral("2099-01-31T00:00:00Z"), Qt::ISODate)
                                     .toSecsSinceEpoch();
        QTest::newRow("30d") << QStringLiteral("30d") << qint64(30 * 86400) << qint64(0);
        QTest::newRow("90m") << QStringLiteral("90m") << qint64(90 * 60) << qint64(0);
    }
    void createExpires()
    {
        QFETCH(QString, expires);
        QFETCH(qint64, duration);
        QFETCH(qint64, absolute);
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const Created c = createKey(m_ws,
            QStringList { QStringLiteral("--tier"), QStringLiteral("pro"),
                QStringLiteral("--expires"), expires });
        const qint64 after = QDateTime::currentSecsSinceEpoch();
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        const qint64 written = utcSeconds(keyRecord(m_ws, c.id).value(QLatin1String("expires")));
        if (duration == 0) {
            QCOMPARE(written, absolute);
        } else {
            QVERIFY2(written >= before + duration && written <= after + duration,
                qPrintable(QString::number(written - before)));
        }
    }

    void unknownTier()
    {
        const auto f
            = keys(QStringList { QStringLiteral("create"), QStringLiteral("--workspace"), m_ws }
                + args({ "--tier", "gold" }));
        QCOMPARE(f.exitCode, 1);
        QVERIFY2(f.err.contains("\"gold\""), f.err.constData());
        // The demo uses the default tiers; the message lists what is valid.
        QVERIFY2(f.err.contains("free, pro, enterprise"), f.err.constData());
        QVERIFY(f.out.isEmpty());
        QVERIFY(!QFile::exists(m_ws + QLatin1String("/keys.json")));
    }

    void listNeverShowsSecrets()
    {
        const Created a = createKey(m_ws, args({ "--tier", "pro", "--label", "first" }));
        QVERIFY2(a.error.isEmpty(), a.error.constData());
        const Created b = createKey(m_ws, args({ "--tier", "enterprise", "--scopes", "admin" }));
        QVERIFY2(b.error.isEmpty(), b.error.constData());
        const QByteArray hashA = sha256Hex(a.secret);

        const auto table
            = keys(QStringList { QStringLiteral("list"), QStringLiteral("--workspace"), m_ws });
        QVERIFY2(table.exitCode == 0, table.describe().constData());
        const QByteArray header = table.out.left(table.out.indexOf('\n'));
        for (const char* column :
            { "ID", "PREFIX", "LABEL", "OWNER", "TIER", "SCOPES", "STATE", "CREATED", "EXPIRES" })
            QVERIFY2(header.contains(column), header.constData());
        QVERIFY(table.out.contains(a.id.toUtf8()));
        QVERIFY(table.out.contains(a.prefix));
        QVERIFY(table.out.contains(b.prefix));
        QVERIFY(table.out.contains("first"));
        QVERIFY(table.out.contains("admin"));
        QVERIFY(table.out.contains("active"));

        const auto json = keys(QStringList { QStringLiteral("list"), QStringLiteral("--workspace"),
            m_ws, QStringLiteral("--json") });
        QVERIFY2(json.exitCode == 0, json.describe().constData());
        const QJsonArray list = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(list.size(), 2);
        for (const auto& v : list) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("active"));
            QVERIFY(!o.contains(QLatin1String("key")));
            QVERIFY(!o.contains(QLatin1String("hash")));
        }

        for (const auto* f : { &table, &json }) {
            for (const QByteArray& secret : { a.secret, b.secret }) {
                QVERIFY2(!f->out.contains(secret), "list printed a key");
                QVERIFY2(!f->err.contains(secret), "list printed a key");
                // The part after the prefix is what keeps a key secret.
                QVERIFY(!f->out.contains(secret.mid(a.prefix.size())));
            }
            QVERIFY2(!f->out.contains(hashA), "list printed a hash");
        }
    }

    void concurrentCreatesKeepEveryKey()
    {
        // A deploy script creating keys in parallel: every key printed must
        // be stored, none lost to a read-modify-write race.
        constexpr int kParallel = 8;
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < kParallel; ++i) {
            procs.push_back(std::make_unique<QProcess>());
            procs.back()->start(kTollgated,
                QStringList { QStringLiteral("keys"), QStringLiteral("create"),
                    QStringLiteral("--workspace"), m_ws, QStringLiteral("--tier"),
                    QStringLiteral("free") });
        }
        QList<QByteArray> secrets;
        for (auto& p : procs) {
            QVERIFY(p->waitForFinished(30'000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            secrets << p->readAllStandardOutput().trimmed();
        }
        const QJsonArray list = keysJson(m_ws);
        QCOMPARE(list.size(), kParallel);
        QSet<QString> hashes;
        for (const auto& v : list)
            hashes.insert(v.toObject().value(QLatin1String("hash")).toString());
        for (const QByteArray& secret : secrets)
            QVERIFY(hashes.contains(QString::fromLatin1("sha256:" + sha256Hex(secret))));
    }

    void rotateWithGrace()
    {
        const Created old = createKey(m_ws);
        QVERIFY2(old.error.isEmpty(), old.error.constData());
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const auto f = keys(
            QStringList { QStringLiteral("rotate"), old.id, QStringLiteral("--workspace"), m_ws }
            + args({ "--grace", "2h" }));
        const qint64 after = QDateTime::currentSecsSinceEpoch();
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QVERIFY2(kKeyLine.match(QString::fromUtf8(f.out)).hasMatch(), f.out.constData());
        const QByteArray fresh = f.out.trimmed();
        QVERIFY(fresh != old.secret);
        QVERIFY(!f.err.contains(fresh));

        const qint64 expires = utcSeconds(keyRecord(m_ws, old.id).value(QLatin1String("expires")));
        QVERIFY2(expires >= before + 7200 && expires <= after + 7200,
            qPrintable(QString::number(expires - before)));
        const QJsonArray list = keysJson(m_ws);
        QCOMPARE(list.size(), 2);
        const QJsonObject successor = list.last().toObject();
        QCOMPARE(successor.value(QLatin1String("rotatedFrom")).toString(), old.id);
        QCOMPARE(successor.value(QLatin1String("hash")).toString().toUtf8(),
            "sha256:" + sha256Hex(fresh));
        QCOMPARE(successor.value(QLatin1String("tier")).toString(), QStringLiteral("pro"));
    }

    void rotateDefaultGraceAndJson()
    {
        const Created old = createKey(m_ws);
        QVERIFY2(old.error.isEmpty(), old.error.constData());
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const auto f = keys(QStringList { QStringLiteral("rotate"), old.id,
            QStringLiteral("--workspace"), m_ws, QStringLiteral("--json") });
        const qint64 after = QDateTime::currentSecsSinceEpoch();
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        const QJsonObject o = QJsonDocument::fromJson(f.out).object();
        QCOMPARE(o.value(QLatin1String("rotatedFrom")).toString(), old.id);
        QVERIFY(o.value(QLatin1String("key")).toString().startsWith(QLatin1String("tg_dev_")));
        const qint64 expires = utcSeconds(keyRecord(m_ws, old.id).value(QLatin1String("expires")));
        QVERIFY(expires >= before + 86400 && expires <= after + 86400);
        QCOMPARE(utcSeconds(o.value(QLatin1String("previousExpires"))), expires);
    }

    void revoke()
    {
        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const auto f = keys(
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws });
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QVERIFY(f.out.isEmpty());
        const qint64 revoked = utcSeconds(keyRecord(m_ws, c.id).value(QLatin1String("revoked")));
        QVERIFY(revoked >= before && revoked <= QDateTime::currentSecsSinceEpoch());

        const auto list = keys(QStringList { QStringLiteral("list"), QStringLiteral("--workspace"),
            m_ws, QStringLiteral("--json") });
        QCOMPARE(QJsonDocument::fromJson(list.out).array().first().toObject().value(
                     QLatin1String("state")),
            QJsonValue(QStringLiteral("revoked")));

        // Again: nothing to do, and the first revocation time stays.
        const QByteArray file = readFile(m_ws + QLatin1String("/keys.json"));
        const auto again = keys(
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws });
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("already revoked"), again.err.constData());
        QCOMPARE(readFile(m_ws + QLatin1String("/keys.json")), file);

        // A revoked key cannot be rotated back to life.
        const auto rotate = keys(
            QStringList { QStringLiteral("rotate"), c.id, QStringLiteral("--workspace"), m_ws });
        QCOMPARE(rotate.exitCode, 1);
        QVERIFY(rotate.out.isEmpty());
        QVERIFY2(rotate.err.contains("revoked"), rotate.err.constData());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments"); ///< "WS" stands for the workspace
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no subcommand") << QStringList {} << 2 << QByteArray("subcommand");
        QTest::newRow("unknown subcommand")
            << args({ "frobnicate", "--workspace", "WS" }) << 2 << QByteArray("\"frobnicate\"");
        QTest::newRow("missing --workspace") << args({ "list" }) << 2 << QByteArray("--workspace");
        QTest::newRow("--workspace without value")
            << args({ "list", "--workspace" }) << 2 << QByteArray("--workspace needs a value");
        QTest::newRow("option of another subcommand")
            << args({ "list", "--workspace", "WS", "--grace", "1h" }) << 2 << QByteArray("--grace");
        QTest::newRow("rotate without id")
            << args({ "rotate", "--workspace", "WS" }) << 2 << QByteArray("ID");
        QTest::newRow("extra argument")
            << args({ "revoke", "a", "b", "--workspace", "WS" }) << 2 << QByteArray("\"b\"");
        QTest::newRow("revoke unknown id")
            << args({ "revoke", "key_nope", "--workspace", "WS" }) << 1 << QByteArray("key_nope");
        QTest::newRow("rotate unknown id")
            << args({ "rotate", "key_nope", "--workspace", "WS" }) << 1 << QByteArray("key_nope");
        QTest::newRow("usage unknown id")
            << args({ "usage", "key_nope", "--workspace", "WS" }) << 1 << QByteArray("key_nope");
        QTest::newRow("malformed duration")
            << args({ "create", "--workspace", "WS", "--tier", "pro", "--expires", "30x" }) << 2
            << QByteArray("\"30x\"");
        QTest::newRow("malformed time") << args(
            { "create", "--workspace", "WS", "--tier", "pro", "--expires", "2027-02-31T00:00:00Z" })
                                        << 2 << QByteArray("2027-02-31");
        QTest::newRow("expires in the past") << args(
            { "create", "--workspace", "WS", "--tier", "pro", "--expires", "2001-01-01T00:00:00Z" })
                                             << 2 << QByteArray("past");
        QTest::newRow("malformed grace")
            << args({ "rotate", "key_x", "--workspace", "WS", "--grace", "soon" }) << 2
            << QByteArray("\"soon\"");
        QTest::newRow("create without tier")
            << args({ "create", "--workspace", "WS" }) << 2 << QByteArray("--tier");
        QTest::newRow("malformed month")
            << args({ "usage", "--workspace", "WS", "--month", "2026-13" }) << 2
            << QByteArray("2026-13");
        QTest::newRow("csv and json") << args({ "usage", "--workspace", "WS", "--csv", "--json" })
                                      << 2 << QByteArray("--csv");
        QTest::newRow("workspace missing")
            << args({ "list", "--workspace", "WS/nope" }) << 1 << QByteArray("not a directory");
        QTest::newRow("not a workspace")
            << args({ "list", "--workspace", "WS/routes" }) << 1 << QByteArray("tollgate.json");
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        for (QString& a : arguments)
            a.replace(QLatin1String("WS"), m_ws);
        const auto f = keys(arguments);
        QVERIFY(f.finished);
        QVERIFY2(f.exitCode == exitCode, f.describe().constData());
        QVERIFY2(f.err.contains(message), f.err.constData());
        QVERIFY2(f.out.isEmpty(), f.out.constData());
        QVERIFY(!QFile::exists(m_ws + QLatin1String("/keys.json")));
    }

    void brokenKeysJsonIsNeverOverwritten()
    {
        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        QByteArray text = readFile(m_ws + QLatin1String("/keys.json"));
        // Line 5 gets a bare word where the id string belongs.
        QList<QByteArray> lines = text.split('\n');
        QVERIFY(lines.size() > 6);
        QVERIFY2(lines[4].contains("\"id\""), lines[4].constData());
        lines[4] = "      \"id\": oops,";
        text = lines.join('\n');
        QVERIFY(writeFile(m_ws + QLatin1String("/keys.json"), text));

        const QList<QStringList> commands {
            QStringList { QStringLiteral("create"), QStringLiteral("--workspace"), m_ws,
                QStringLiteral("--tier"), QStringLiteral("pro") },
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws },
            QStringList { QStringLiteral("rotate"), c.id, QStringLiteral("--workspace"), m_ws },
            QStringList { QStringLiteral("list"), QStringLiteral("--workspace"), m_ws },
        };
        for (const QStringList& command : commands) {
            const auto f = keys(command);
            QVERIFY2(f.exitCode == 1, f.describe().constData());
            QVERIFY2(f.err.contains("keys.json:5:"), f.err.constData());
            QVERIFY2(f.out.isEmpty(), f.out.constData());
            QCOMPARE(readFile(m_ws + QLatin1String("/keys.json")), text);
        }
    }

    void usageLedger()
    {
        const Created a = createKey(m_ws, args({ "--tier", "pro", "--label", "alpha" }));
        QVERIFY2(a.error.isEmpty(), a.error.constData());
        const Created b = createKey(m_ws, args({ "--tier", "free", "--label", "beta" }));
        QVERIFY2(b.error.isEmpty(), b.error.constData());
        const QByteArray ledger = "{\"schemaVersion\":1,\"usage\":["
                                  "{\"key\":\""
            + a.id.toUtf8()
            + "\",\"month\":\"2026-10\",\"requests\":7,\"reserved\":7,\"rejected\":1,"
              "\"billable\":6,\"overage\":0,\"revenueMicros\":12000,\"costMicros\":300},"
              "{\"key\":\""
            + a.id.toUtf8()
            + "\",\"month\":\"2026-11\",\"requests\":4242,\"reserved\":4242,\"rejected\":0,"
              "\"billable\":4242,\"overage\":0,\"revenueMicros\":8484000,\"costMicros\":4242},"
              "{\"key\":\""
            + b.id.toUtf8()
            + "\",\"month\":\"2026-11\",\"requests\":3,\"reserved\":3,\"rejected\":2,"
              "\"billable\":3,\"overage\":0,\"revenueMicros\":0,\"costMicros\":30}]}\n";
        const QString stateDir = m_ws + QLatin1String("/.tollgate");
        QVERIFY(QDir().mkpath(stateDir));
        QVERIFY(writeFile(stateDir + QLatin1String("/usage.json"), ledger));

        const QStringList base { QStringLiteral("usage"), QStringLiteral("--workspace"), m_ws };
        const auto all = keys(base);
        QVERIFY2(all.exitCode == 0, all.describe().constData());
        QVERIFY2(all.out.contains("REQUESTS"), all.out.constData());
        QVERIFY(all.out.contains("4242"));
        QVERIFY(all.out.contains("8.484000"));
        QVERIFY(all.out.contains("alpha"));
        QVERIFY(all.out.contains(b.id.toUtf8()));
        QCOMPARE(all.out.count('\n'), 4); // header + 3 rows

        const auto month = keys(base + args({ "--month", "2026-11" }));
        QCOMPARE(month.exitCode, 0);
        QCOMPARE(month.out.count('\n'), 3);
        QVERIFY(!month.out.contains("2026-10"));

        const auto one = keys(
            QStringList { QStringLiteral("usage"), b.id, QStringLiteral("--workspace"), m_ws });
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(one.out.count('\n'), 2);
        QVERIFY(!one.out.contains(a.id.toUtf8()));

        const auto csv = keys(base + args({ "--month", "2026-11", "--csv" }));
        QVERIFY2(csv.exitCode == 0, csv.describe().constData());
        QVERIFY2(csv.out.startsWith("month,key_id,"), csv.out.constData());
        QCOMPARE(csv.out.count('\n'), 3);
        QVERIFY(csv.out.contains(QByteArray(a.id.toUtf8() + ',' + a.prefix + ",alpha,")));

        const auto json = keys(base + args({ "--json" }));
        QVERIFY2(json.exitCode == 0, json.describe().constData());
        const QJsonArray invoices
            = QJsonDocument::fromJson(json.out).object().value(QLatin1String("invoices")).toArray();
        QCOMPARE(invoices.size(), 3);

        // Another state directory: there is no usage there.
        QTemporaryDir other;
        const auto elsewhere
            = keys(base + QStringList { QStringLiteral("--state-dir"), other.path() });
        QCOMPARE(elsewhere.exitCode, 0);
        QVERIFY(elsewhere.out.isEmpty());
        QVERIFY2(elsewhere.err.contains("no usage"), elsewhere.err.constData());

        // A broken ledger is an error, not an empty invoice.
        QVERIFY(writeFile(stateDir + QLatin1String("/usage.json"), "{\"usage\": [1,"));
        const auto broken = keys(base + args({ "--csv" }));
        QCOMPARE(broken.exitCode, 1);
        QVERIFY(broken.out.isEmpty());
    }

    // --- with a running tollgated -----------------------------------------

    void runFileWhileRunning()
    {
        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        Daemon d;
        const QByteArray err = d.start(QStringList {
            QStringLiteral("--workspace"), m_ws, QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(d.out().contains("limiter: in-memory"), d.out().constData());
        const QString runFile = m_ws + QLatin1String("/.tollgate/run/") + QString::number(d.pid());
        const QByteArray fingerprint = sha256Hex(readFile(m_ws + QLatin1String("/keys.json")));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(runFile).split('\n').value(0), fingerprint, 5000);
        QVERIFY2(d.stop(), d.diagnostics().constData());
        QVERIFY2(!QFile::exists(runFile), "the run file outlived a clean exit");
    }

    void revokeTakesEffectBeforeReturning()
    {
        // --no-watch: only the SIGHUP from the command can make the daemon
        // notice, so a pass cannot be the file watcher's luck.
        Daemon d;
        const QByteArray err = d.start(QStringList { QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-watch") });
        QVERIFY2(err.isEmpty(), err.constData());

        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", c.secret), 200);
        // A client on a keep-alive connection, too.
        rawhttp::RawClient keepAlive;
        QVERIFY(keepAlive.connectTo(d.port()));
        const QByteArray bearer = "Authorization: Bearer " + c.secret + "\r\n";
        QVERIFY(keepAlive.send(rawhttp::get("/v1/users/2", bearer)));
        QCOMPARE(keepAlive.readResponse().status, 200);

        const auto f = keys(
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws });
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QVERIFY2(f.err.contains("applied by 1 running tollgated instance"), f.err.constData());
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", c.secret), 401);
        QVERIFY(keepAlive.send(rawhttp::get("/v1/users/2", bearer)));
        const auto afterRevoke = keepAlive.readResponse();
        QVERIFY2(afterRevoke.status == 401, afterRevoke.describe().constData());
        QVERIFY2(d.waitForStdout([&] { return d.out().contains("SIGHUP"); }, 2000),
            d.diagnostics().constData());
    }

    void rotateWithoutGraceTakesEffectBeforeReturning()
    {
        Daemon d;
        const QByteArray err = d.start(QStringList {
            QStringLiteral("--workspace"), m_ws, QStringLiteral("--port"), QStringLiteral("0") });
        QVERIFY2(err.isEmpty(), err.constData());
        const Created old = createKey(m_ws);
        QVERIFY2(old.error.isEmpty(), old.error.constData());
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", old.secret), 200);

        const auto f = keys(
            QStringList { QStringLiteral("rotate"), old.id, QStringLiteral("--workspace"), m_ws }
            + args({ "--grace", "0" }));
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        const QByteArray fresh = f.out.trimmed();
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", fresh), 200);
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", old.secret), 401);
    }

    void sharedStateDirectory()
    {
        QTemporaryDir state;
        QVERIFY(state.isValid());
        Daemon d;
        const QByteArray err = d.start(QStringList { QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-watch"),
            QStringLiteral("--state-dir"), state.path() });
        QVERIFY2(err.isEmpty(), err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            QFile::exists(state.filePath(QStringLiteral("run/")) + QString::number(d.pid())), 5000);
        QVERIFY(!QFile::exists(m_ws + QLatin1String("/.tollgate/run/") + QString::number(d.pid())));

        const Created c = createKey(m_ws,
            QStringList { QStringLiteral("--tier"), QStringLiteral("pro"),
                QStringLiteral("--state-dir"), state.path() });
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", c.secret), 200);
        const auto f = keys(QStringList { QStringLiteral("revoke"), c.id,
            QStringLiteral("--workspace"), m_ws, QStringLiteral("--state-dir"), state.path() });
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QCOMPARE(getWithKey(d.port(), "/v1/users/1", c.secret), 401);

        QVERIFY2(d.stop(), d.diagnostics().constData());
        // The usage ledger went to the state directory too.
        QVERIFY(QFile::exists(state.filePath(QStringLiteral("usage.json"))));
        const auto usage = keys(QStringList { QStringLiteral("usage"), c.id,
            QStringLiteral("--workspace"), m_ws, QStringLiteral("--state-dir"), state.path() });
        QVERIFY2(
            usage.exitCode == 0 && usage.out.contains(c.id.toUtf8()), usage.describe().constData());
    }

    void staleRunFileIsRemoved()
    {
        // The pid of a process that has certainly ended.
        QProcess gone;
        gone.start(kTollgated, args({ "--version" }));
        QVERIFY(gone.waitForStarted(5000));
        const qint64 deadPid = gone.processId();
        QVERIFY(gone.waitForFinished(5000));

        const QString runDir = m_ws + QLatin1String("/.tollgate/run");
        QVERIFY(QDir().mkpath(runDir));
        const QString stale = runDir + QLatin1Char('/') + QString::number(deadPid);
        QVERIFY(writeFile(
            stale, "none\nworkspace=" + QDir(m_ws).canonicalPath().toUtf8() + "\nstarted=1\n"));
        // And a file naming a live process that was started at another time
        // than the file says (its pid was reused): it must not get a SIGHUP,
        // which would end it.
        QProcess bystander;
        bystander.start(QStringLiteral("sleep"), { QStringLiteral("30") });
        QVERIFY(bystander.waitForStarted(5000));
        const QString reused = runDir + QLatin1Char('/') + QString::number(bystander.processId());
        QVERIFY(writeFile(reused,
            "none\nworkspace=" + QDir(m_ws).canonicalPath().toUtf8() + "\nstarted=12345678901\n"));

        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());
        const auto f = keys(
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws });
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QVERIFY2(!f.err.contains("warning"), f.err.constData());
        QVERIFY(!QFile::exists(stale));
        QVERIFY(!QFile::exists(reused));
        // A SIGHUP would have ended it by now; give QProcess a moment to see
        // the exit it would have caused.
        QVERIFY(!bystander.waitForFinished(100));
        QCOMPARE(bystander.state(), QProcess::Running);
        bystander.kill();
        bystander.waitForFinished(5000);
    }

    void hungInstanceIsReported()
    {
        Daemon d;
        const QByteArray err = d.start(QStringList { QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-watch") });
        QVERIFY2(err.isEmpty(), err.constData());
        const Created c = createKey(m_ws);
        QVERIFY2(c.error.isEmpty(), c.error.constData());

        // A stopped process is alive and registered but cannot answer.
        QCOMPARE(::kill(d.pid(), SIGSTOP), 0);
        QElapsedTimer timer;
        timer.start();
        const auto f = keys(
            QStringList { QStringLiteral("revoke"), c.id, QStringLiteral("--workspace"), m_ws });
        const qint64 waited = timer.elapsed();
        QCOMPARE(::kill(d.pid(), SIGCONT), 0);
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        QVERIFY2(f.err.contains("warning") && f.err.contains(QByteArray::number(d.pid())),
            f.err.constData());
        QVERIFY2(waited >= 4500 && waited < 20'000, QByteArray::number(waited).constData());
        // Once running again it handles the pending SIGHUP.
        QTRY_COMPARE_WITH_TIMEOUT(getWithKey(d.port(), "/v1/users/1", c.secret), 401, 5000);
    }

    // --- server options ----------------------------------------------------

    void serverOptionErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("redis-fail without redis")
            << args({ "--workspace", "WS", "--redis-fail", "open" }) << QByteArray("--redis");
        QTest::newRow("redis-fail unknown") << args(
            { "--workspace", "WS", "--redis", "redis://127.0.0.1", "--redis-fail", "maybe" })
                                            << QByteArray("local, open or closed");
        QTest::newRow("redis not a redis url")
            << args({ "--workspace", "WS", "--redis", "http://127.0.0.1:6379" })
            << QByteArray("redis://");
        QTest::newRow("redis bad port")
            << args({ "--workspace", "WS", "--redis", "redis://:hunter2pw@127.0.0.1:99999" })
            << QByteArray("port");
        QTest::newRow("redis bad db")
            << args({ "--workspace", "WS", "--redis", "redis://127.0.0.1:6379/x" })
            << QByteArray("database");
        QTest::newRow("redis no host")
            << args({ "--workspace", "WS", "--redis", "redis://:hunter2pw@" })
            << QByteArray("host");
        QTest::newRow("state-dir without value")
            << args({ "--workspace", "WS", "--state-dir" }) << QByteArray("--state-dir");
    }
    void serverOptionErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        for (QString& a : arguments)
            a.replace(QLatin1String("WS"), m_ws);
        const auto f = run(arguments);
        QVERIFY(f.finished);
        QVERIFY2(f.exitCode == 2, f.describe().constData());
        QVERIFY2(f.err.contains(message), f.err.constData());
        QVERIFY2(!f.err.contains("hunter2pw"), "a Redis password was printed");
        QVERIFY(!f.out.contains("listening"));
    }

    void redisLimiterIsAnnounced()
    {
        // Nothing listens on port 1: the instance starts anyway (Redis may
        // come later) and says which limiter and fallback it uses, without
        // the password.
        Daemon d;
        const QByteArray err = d.start(QStringList { QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--redis"),
            QStringLiteral("redis://:hunter2pw@127.0.0.1:1/3"), QStringLiteral("--redis-fail"),
            QStringLiteral("closed") });
        QVERIFY2(err.isEmpty(), err.constData());
        QVERIFY2(d.out().contains("limiter: redis redis://***@127.0.0.1:1/3"), d.out().constData());
        QVERIFY2(d.out().contains("503"), d.out().constData());
        QVERIFY2(d.stop(), d.diagnostics().constData());
        QVERIFY2(!d.diagnostics().contains("hunter2pw"), "a Redis password was printed");
    }
};

QTEST_GUILESS_MAIN(TestKeysCli)
#include "tst_keyscli.moc"
