// `tollgated` on a disk that cannot take a write: `keys create` and `import`
// exit with 1 and a message naming the file and the reason, and every file of
// the workspace keeps what it held. The failure is injected
// (TOLLGATE_TEST_WRITE_FAULT, see server/common/files.cpp) for no space, an
// I/O error and a quota, and real for a file size limit (RLIMIT_FSIZE through
// the shell's ulimit: EFBIG).

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <memory>

namespace {

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);
const QString kDemoDir = QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo");
const QString kSpec = QStringLiteral(TOLLGATE_TEST_DATA "/import/openapi/bookshop-3.1.yaml");

struct Finished {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "stderr:\n" + err;
    }
};

/// Runs `program arguments` with `fault` as TOLLGATE_TEST_WRITE_FAULT (unset
/// when empty).
Finished run(const QString& program, const QStringList& arguments, const QString& fault = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TOLLGATE_NO_KEYCHAIN"), QStringLiteral("1"));
    if (fault.isEmpty())
        env.remove(QStringLiteral("TOLLGATE_TEST_WRITE_FAULT"));
    else
        env.insert(QStringLiteral("TOLLGATE_TEST_WRITE_FAULT"), fault);
    p.setProcessEnvironment(env);
    p.start(program, arguments);
    Finished f;
    if (!p.waitForFinished(30'000)) {
        p.kill();
        p.waitForFinished();
        f.err = "did not finish within 30 s";
        return f;
    }
    f.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    f.out = p.readAllStandardOutput();
    f.err = p.readAllStandardError();
    return f;
}

Finished tollgated(const QStringList& arguments, const QString& fault = {})
{
    return run(kTollgated, arguments, fault);
}

/// Every file of the workspace but its machine-local state (the keys
/// command's lock file lives there), by relative path.
QMap<QString, QByteArray> filesOf(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(dir).relativeFilePath(path);
        if (relative.startsWith(QLatin1String(".tollgate/")))
            continue;
        QFile f(path);
        files.insert(relative, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("?"));
    }
    return files;
}

/// The demo workspace with five keys with long labels, in dir.
bool makeWorkspace(const QString& dir, QByteArray* why)
{
    std::error_code ec;
    std::filesystem::copy(
        kDemoDir.toStdString(), dir.toStdString(), std::filesystem::copy_options::recursive, ec);
    if (ec) {
        *why = QByteArray::fromStdString(ec.message());
        return false;
    }
    for (int i = 0; i < 5; ++i) {
        const Finished created = tollgated({ QStringLiteral("keys"), QStringLiteral("create"),
            QStringLiteral("--workspace"), dir, QStringLiteral("--tier"), QStringLiteral("free"),
            QStringLiteral("--label"), QStringLiteral("key %1 ").arg(i).repeated(100) });
        if (created.exitCode != 0) {
            *why = created.describe();
            return false;
        }
    }
    return true;
}

} // namespace

class TestDiskFullCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_ws; ///< the demo workspace with five keys
    QMap<QString, QByteArray> m_before; ///< its files

private slots:
    void init();
    void keysCreateOnFailingDisk_data();
    void keysCreateOnFailingDisk();
    void importOnFailingDisk_data();
    void importOnFailingDisk();
    void importAsNewWorkspaceOnFullDisk();
};

void TestDiskFullCli::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_ws = m_tmp->filePath(QStringLiteral("ws"));
    QByteArray why;
    QVERIFY2(makeWorkspace(m_ws, &why), why.constData());
    m_before = filesOf(m_ws);
    // Over 4 KiB with the five long labels: too big for the size limit below.
    QVERIFY(m_before.value(QStringLiteral("keys.json")).size() > 4096);
}

void TestDiskFullCli::keysCreateOnFailingDisk_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("no space") << QStringLiteral("ENOSPC") << QByteArray("No space left on device");
    QTest::newRow("i/o error") << QStringLiteral("EIO") << QByteArray("Input/output error");
    QTest::newRow("quota") << QStringLiteral("EDQUOT:keys.json")
                           << QByteArray("Disk quota exceeded");
    // Not injected: a 2 KiB file size limit (the shell's ulimit) makes the
    // kernel refuse the write with EFBIG. SIGXFSZ is ignored for tollgated,
    // so the write fails instead of killing it.
    QTest::newRow("file size limit") << QString() << QByteArray("File too large");
}

void TestDiskFullCli::keysCreateOnFailingDisk()
{
    QFETCH(QString, fault);
    QFETCH(QByteArray, reason);
    const QStringList create { QStringLiteral("keys"), QStringLiteral("create"),
        QStringLiteral("--workspace"), m_ws, QStringLiteral("--tier"), QStringLiteral("pro") };
    const Finished created = fault.isEmpty()
        ? run(QStringLiteral("/bin/sh"),
            QStringList { QStringLiteral("-c"),
                QStringLiteral("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\""), kTollgated }
                + create)
        : tollgated(create, fault);
    QCOMPARE(created.exitCode, 1);
    QVERIFY2(created.err.contains("keys.json"), created.describe());
    QVERIFY2(created.err.contains(reason), created.describe());
    // No key is shown that was never stored.
    QVERIFY2(!created.out.contains("tg_"), created.describe());
    QCOMPARE(filesOf(m_ws), m_before);

    // The same command on a healthy disk stores the key.
    const Finished again = tollgated(create);
    QVERIFY2(again.exitCode == 0, again.describe());
    QVERIFY(filesOf(m_ws).value(QStringLiteral("keys.json"))
        != m_before.value(QStringLiteral("keys.json")));
}

void TestDiskFullCli::importOnFailingDisk_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QByteArray>("file");
    // A route file and a saved request's: both go in one all-or-none set with
    // tollgate.json.
    QTest::newRow("route") << QStringLiteral("ENOSPC:/routes/") << QByteArray("/routes/");
    QTest::newRow("request") << QStringLiteral("ENOSPC:/requests/") << QByteArray("/requests/");
    QTest::newRow("settings") << QStringLiteral("EIO:tollgate.json") << QByteArray("tollgate.json");
}

void TestDiskFullCli::importOnFailingDisk()
{
    QFETCH(QString, fault);
    QFETCH(QByteArray, file);
    const QStringList import { QStringLiteral("import"), kSpec, QStringLiteral("--workspace"), m_ws,
        QStringLiteral("--merge") };
    const Finished imported = tollgated(import, fault);
    QCOMPARE(imported.exitCode, 1);
    QVERIFY2(imported.err.contains(file), imported.describe());
    QVERIFY2(
        imported.err.contains(fault.startsWith(QLatin1String("EIO")) ? "Input/output error"
                                                                     : "No space left on device"),
        imported.describe());
    QVERIFY2(imported.err.contains("nothing was imported"), imported.describe());
    QCOMPARE(filesOf(m_ws), m_before);

    const Finished again = tollgated(import);
    QVERIFY2(again.exitCode == 0, again.describe());
    QVERIFY(filesOf(m_ws).size() > m_before.size());
}

void TestDiskFullCli::importAsNewWorkspaceOnFullDisk()
{
    const QString ws = m_tmp->filePath(QStringLiteral("new"));
    const Finished imported
        = tollgated({ QStringLiteral("import"), kSpec, QStringLiteral("--workspace"), ws },
            QStringLiteral("ENOSPC:/routes/"));
    QCOMPARE(imported.exitCode, 1);
    QVERIFY2(imported.err.contains("/routes/"), imported.describe());
    QVERIFY2(imported.err.contains("No space left on device"), imported.describe());
    // Neither the workspace nor its staging folder is left behind.
    QCOMPARE(QDir(m_tmp->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList { QStringLiteral("ws") });
}

QTEST_GUILESS_MAIN(TestDiskFullCli)
#include "tst_diskfullcli.moc"
