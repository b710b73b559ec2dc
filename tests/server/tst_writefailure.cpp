// Writes that fail (no space, EFBIG, EIO, a quota): the writer says which file
// and why, the file keeps its old content, no temporary file stays behind,
// and a set of files (writeFilesAtomic, a workspace save) is written all or
// none. Failures are injected through TOLLGATE_TEST_WRITE_FAULT, and real
// ones come from a file size limit (RLIMIT_FSIZE in a forked child) and, when
// running as root, a full tmpfs.

#include "../writefault.h"

#include "server/common/files.h"
#include "server/workspace/workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;
using testsupport::WriteFault;

namespace {

std::string text(const fs::path& file)
{
    std::string out;
    return readFile(file, &out, nullptr) ? out : std::string("<missing>");
}

/// Names in dir that start with '.': temporary files and link backups.
std::vector<std::string> hiddenFiles(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.front() == '.')
            names.push_back(name);
    }
    return names;
}

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

} // namespace

class TestWriteFailure : public QObject {
    Q_OBJECT

private slots:
    void failedWriteKeepsOldFile_data();
    void failedWriteKeepsOldFile();
    void faultOnlyWherePathMatches();
    void fileSizeLimit();
    void fullTmpfs();
    void setIsAllOrNone();
    void workspaceSaveIsAllOrNone();
};

void TestWriteFailure::failedWriteKeepsOldFile_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<int>("code");
    QTest::newRow("no space") << QByteArray("ENOSPC") << ENOSPC;
    QTest::newRow("too big") << QByteArray("EFBIG") << EFBIG;
    QTest::newRow("i/o error") << QByteArray("EIO") << EIO;
    QTest::newRow("quota") << QByteArray("EDQUOT") << EDQUOT;
}

void TestWriteFailure::failedWriteKeepsOldFile()
{
    QFETCH(QByteArray, fault);
    QFETCH(int, code);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "keys.json";
    std::string error;
    QVERIFY2(writeFileAtomic(file, "old", &error), error.c_str());

    WriteFault injected(fault.constData());
    QVERIFY(!writeFileAtomic(file, std::string(10'000, 'n'), &error));
    QVERIFY2(error.find(file.string()) != std::string::npos, error.c_str());
    QVERIFY2(error.find(std::strerror(code)) != std::string::npos, error.c_str());
    QCOMPARE(text(file), std::string("old"));
    QCOMPARE(hiddenFiles(pathOf(tmp)), std::vector<std::string>());
}

void TestWriteFailure::faultOnlyWherePathMatches()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    std::string error;
    WriteFault injected("ENOSPC:/routes/");
    QVERIFY2(writeFileAtomic(pathOf(tmp) / "tollgate.json", "settings", &error), error.c_str());
    QVERIFY(!writeFileAtomic(pathOf(tmp) / "routes" / "get-x.json", "route", &error));
    QCOMPARE(text(pathOf(tmp) / "tollgate.json"), std::string("settings"));
    QVERIFY(!fs::exists(pathOf(tmp) / "routes" / "get-x.json"));
}

void TestWriteFailure::fileSizeLimit()
{
    // Not injected: the kernel refuses to grow a file past RLIMIT_FSIZE. In a
    // child, so the limit and the ignored SIGXFSZ stay there.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "usage.json";
    std::string error;
    QVERIFY2(writeFileAtomic(file, "old", &error), error.c_str());
    int pipeFds[2];
    QVERIFY(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit { 4096, 4096 };
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::string why;
        const bool ok = writeFileAtomic(file, std::string(100'000, 'n'), &why);
        [[maybe_unused]] const auto n = ::write(pipeFds[1], why.data(), why.size());
        ::_exit(ok ? 0 : 1);
    }
    ::close(pipeFds[1]);
    std::string why;
    char buffer[512];
    for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        why.append(buffer, std::size_t(n));
    ::close(pipeFds[0]);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 1);
    QVERIFY2(why.find("usage.json") != std::string::npos, why.c_str());
    QVERIFY2(why.find(std::strerror(EFBIG)) != std::string::npos, why.c_str());
    QCOMPARE(text(file), std::string("old"));
    QCOMPARE(hiddenFiles(pathOf(tmp)), std::vector<std::string>());
}

void TestWriteFailure::fullTmpfs()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a small tmpfs; the injected no-space cases cover the same "
              "code paths");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path mount = pathOf(tmp);
    if (::mount("tollgate-test", mount.c_str(), "tmpfs", 0, "size=64k") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); the injected no-space "
                                        "cases cover the same code paths")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    struct Unmount {
        fs::path at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount { mount };

    const fs::path file = mount / "keys.json";
    std::string error;
    QVERIFY2(writeFileAtomic(file, "old", &error), error.c_str());
    // Fill the rest of it.
    const std::string chunk(4096, 'f');
    for (int i = 0; writeFileAtomic(mount / ("filler-" + std::to_string(i)), chunk, nullptr);)
        ++i;
    QVERIFY(!writeFileAtomic(file, std::string(20'000, 'n'), &error));
    QVERIFY2(error.find(file.string()) != std::string::npos, error.c_str());
    QVERIFY2(error.find(std::strerror(ENOSPC)) != std::string::npos, error.c_str());
    QCOMPARE(text(file), std::string("old"));
    QCOMPARE(hiddenFiles(mount), std::vector<std::string>());
}

void TestWriteFailure::setIsAllOrNone()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = pathOf(tmp);
    std::string error;
    QVERIFY2(writeFileAtomic(dir / "a.json", "old a", &error), error.c_str());
    WriteFault injected("ENOSPC:c.json");
    QVERIFY(!writeFilesAtomic({ { dir / "a.json", "new a" }, { dir / "sub" / "b.json", "new b" },
                                  { dir / "c.json", "new c" } },
        &error));
    QVERIFY2(error.find("c.json") != std::string::npos, error.c_str());
    QCOMPARE(text(dir / "a.json"), std::string("old a"));
    QVERIFY(!fs::exists(dir / "sub"));
    QVERIFY(!fs::exists(dir / "c.json"));
    // The old a.json came back from its link, not by writing it again: no
    // backup or temporary file is left either.
    QCOMPARE(hiddenFiles(dir), std::vector<std::string>());
}

void TestWriteFailure::workspaceSaveIsAllOrNone()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp);
    ws.name = "before";
    Route route;
    route.path = "/one";
    ws.routes = { route };
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const std::string settings = text(ws.dir / "tollgate.json");
    const std::string routeFile = text(ws.dir / "routes" / ws.routes[0].fileName);

    ws.name = "after";
    ws.routes[0].description = "changed";
    route.path = "/two";
    ws.routes.push_back(route);
    {
        WriteFault injected("ENOSPC:get-two");
        QVERIFY(!saveWorkspace(ws, &error));
    }
    QVERIFY2(error.find("get-two.json") != std::string::npos, error.c_str());
    QVERIFY2(error.find(std::strerror(ENOSPC)) != std::string::npos, error.c_str());
    QCOMPARE(text(ws.dir / "tollgate.json"), settings);
    QCOMPARE(text(ws.dir / "routes" / ws.routes[0].fileName), routeFile);
    QVERIFY(!fs::exists(ws.dir / "routes" / "get-two.json"));
    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.workspace.name, std::string("before"));
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));

    // The disk recovers: the same edit is saved.
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(loadWorkspace(ws.dir).workspace.name, std::string("after"));
}

QTEST_GUILESS_MAIN(TestWriteFailure)
#include "tst_writefailure.moc"
