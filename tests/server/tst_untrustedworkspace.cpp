// A workspace folder cloned from someone's repository is untrusted input. It
// must not make Tollgate read a file outside it ("../", an absolute path, a
// symbolic link to a file or a folder), nor write machine-local state through
// a link it ships in .tollgate/. Each test builds such a workspace next to a
// folder standing for the user's home, which holds a secret and files that
// would load without complaint if a link to them were followed.

#include "../clonedworkspace.h"
#include "server/common/diagnostic.h"
#include "server/common/files.h"
#include "server/composer/history.h"
#include "server/composer/requeststore.h"
#include "server/interchange/openapiexport.h"
#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "server/routing/routetable.h"
#include "server/workspace/workspacestore.h"

#include <QTest>

#include <filesystem>
#include <string>
#include <vector>

using namespace tollgate::server;
using namespace testsupport;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSecret = "SECRET-7c1d-must-never-leave-home";

QByteArray text(const std::vector<Diagnostic>& diagnostics)
{
    QByteArray s;
    for (const Diagnostic& d : diagnostics)
        s += QByteArray::fromStdString(d.toString()) + '\n';
    return s;
}

/// The diagnostic about `file`, or null.
const Diagnostic* about(const std::vector<Diagnostic>& diagnostics, std::string_view file)
{
    for (const Diagnostic& d : diagnostics) {
        if (d.file == file)
            return &d;
    }
    return nullptr;
}

/// For QVERIFY2: file was not reported among diagnostics.
QByteArray notReported(const char* file, const std::vector<Diagnostic>& diagnostics)
{
    return QByteArray(file) + " not reported:\n" + text(diagnostics);
}

std::string routeJson(std::string_view path, std::string_view bodyFile)
{
    return R"({"schemaVersion": 1, "method": "GET", "path": ")" + std::string(path)
        + R"(", "responses": [{"status": 200, "bodyFile": ")" + std::string(bodyFile) + R"("}]})";
}

/// `cloned/` is the workspace, `home/` what lies outside it: a secret and a
/// complete workspace of its own (settings named "Outside", a key, a route, a
/// saved request), so a loader that followed a link would take them in.
struct Fixture : testsupport::ClonedWorkspace {
    Fixture()
    {
        writeText(home / "secret.txt", kSecret);
        writeText(ws / "bodies" / "ok.txt", "inside");
        Workspace outside;
        outside.dir = home;
        outside.name = "Outside";
        Route route;
        route.method = "GET";
        route.path = "/outside";
        route.responses.front().body = std::string(kSecret);
        outside.routes.push_back(route);
        ApiKey key;
        key.id = "key_outside";
        key.prefix = "tg_test_abc";
        key.hash = std::string(64, 'a');
        key.tier = "free";
        outside.keys.push_back(key);
        std::string error;
        saved = saveWorkspace(outside, &error);
        SavedRequest request;
        request.name = "Outside request";
        request.request.url = "http://127.0.0.1/" + std::string(kSecret);
        saved = saved && saveRequest(home, &request, &error);
        saveError = error;
    }
    bool saved = false;
    std::string saveError;
};

} // namespace

class TestUntrustedWorkspace final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureLoadsWhereItIs()
    {
        // The files the hostile workspace links to are good ones: read where
        // they are, they load. So each refusal below is the link's doing.
        Fixture f;
        QVERIFY2(f.saved, f.saveError.c_str());
        const LoadResult loaded = loadWorkspace(f.home);
        QVERIFY2(loaded.errors.empty(), text(loaded.errors).constData());
        QCOMPARE(loaded.workspace.name, std::string("Outside"));
        QCOMPARE(loaded.workspace.keys.size(), std::size_t(1));
        QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
        QCOMPARE(loadRequests(f.home).requests.size(), std::size_t(1));
    }

    void bodyFilesStayInside()
    {
        Fixture f;
        const fs::path secretFile = f.home / "secret.txt";
        fs::create_symlink(secretFile, f.ws / "bodies" / "leak.txt");
        fs::create_symlink(f.home, f.ws / "linked");
        fs::create_symlink("ok.txt", f.ws / "bodies" / "alias.txt"); // inside: served
        writeText(f.ws / "routes" / "get-dotdot.json", routeJson("/dotdot", "../home/secret.txt"));
        writeText(f.ws / "routes" / "get-deep.json", routeJson("/deep", "../../../../etc/passwd"));
        writeText(f.ws / "routes" / "get-absolute.json", routeJson("/absolute", secretFile.string()));
        writeText(f.ws / "routes" / "get-link.json", routeJson("/link", "bodies/leak.txt"));
        writeText(f.ws / "routes" / "get-folder.json", routeJson("/folder", "linked/secret.txt"));
        writeText(f.ws / "routes" / "get-sneaky.json",
            routeJson("/sneaky", "bodies/../linked/secret.txt"));
        writeText(f.ws / "routes" / "get-alias.json", routeJson("/alias", "bodies/alias.txt"));
        writeText(f.ws / "routes" / "get-ok.json", routeJson("/ok", "bodies/ok.txt"));

        // "../" and absolute paths are refused as the route files are read.
        LoadResult loaded = loadWorkspace(f.ws);
        for (const char* file : { "routes/get-dotdot.json", "routes/get-deep.json",
                 "routes/get-absolute.json", "routes/get-sneaky.json" }) {
            const Diagnostic* d = about(loaded.errors, file);
            QVERIFY2(d, notReported(file, loaded.errors).constData());
        }
        QCOMPARE(loaded.workspace.routes.size(), std::size_t(4));

        // Links are followed only as far as the workspace reaches: the route
        // is left out with a diagnostic naming its file and where it leads.
        std::vector<Diagnostic> errors;
        const auto table = RouteTable::build(loaded.workspace, 1, &errors);
        QVERIFY2(errors.size() == 2, text(errors).constData());
        for (const char* file : { "routes/get-link.json", "routes/get-folder.json" }) {
            const Diagnostic* d = about(errors, file);
            QVERIFY2(d, notReported(file, errors).constData());
            QVERIFY2(
                d->message.find("outside the workspace") != std::string::npos, d->message.c_str());
        }
        const QByteArray secret = QByteArray::fromStdString(std::string(kSecret));
        QVERIFY(!text(loaded.errors).contains(secret));
        QVERIFY(!text(errors).contains(secret));
        QCOMPARE(table->routes().size(), std::size_t(2));
        for (const auto& route : table->routes())
            QCOMPARE(
                QByteArray::fromStdString(route->responses[0].body.text()), QByteArray("inside"));

        // An export reads body files the same way.
        const OpenApiExport exported = exportOpenApi(loaded.workspace);
        QVERIFY(!QByteArray::fromStdString(exported.text).contains(secret));
        bool noted = false;
        for (const ImportNote& note : exported.notes)
            noted
                = noted || note.message.find("bodies/leak.txt' is a link to") != std::string::npos;
        QVERIFY(noted);
    }

    void workspaceFilesThatAreLinks()
    {
        Fixture f;
        QVERIFY2(f.saved, f.saveError.c_str());
        writeText(f.ws / "routes" / "get-own.json", routeJson("/own", "bodies/ok.txt"));
        fs::create_symlink(f.home / "tollgate.json", f.ws / "tollgate.json");
        fs::create_symlink(f.home / "keys.json", f.ws / "keys.json");
        fs::create_symlink(
            f.home / "routes" / "get-outside.json", f.ws / "routes" / "get-outside.json");
        fs::create_directories(f.ws / "requests");
        fs::create_symlink(f.home / "requests" / "outside-request.json",
            f.ws / "requests" / "outside-request.json");

        const LoadResult loaded = loadWorkspace(f.ws);
        for (const char* file : { "tollgate.json", "keys.json", "routes/get-outside.json" }) {
            const Diagnostic* d = about(loaded.errors, file);
            QVERIFY2(d, notReported(file, loaded.errors).constData());
            QVERIFY2(d->message.find("is a link to") != std::string::npos, d->message.c_str());
        }
        QVERIFY(loaded.workspace.name != "Outside");
        QVERIFY(loaded.workspace.keys.empty());
        QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
        QCOMPARE(loaded.workspace.routes[0].path, std::string("/own"));
        // Saved requests never follow a link.
        QVERIFY(loadRequests(f.ws).requests.empty());
    }

    void linkedFolders()
    {
        Fixture f;
        QVERIFY2(f.saved, f.saveError.c_str());
        fs::create_symlink(f.home / "routes", f.ws / "routes");
        fs::create_symlink(f.home / "requests", f.ws / "requests");
        const QStringList before = entriesBelow(f.home);

        LoadResult loaded = loadWorkspace(f.ws);
        const Diagnostic* routes = about(loaded.errors, "routes");
        QVERIFY2(routes, text(loaded.errors).constData());
        QVERIFY2(routes->message.find("outside the workspace") != std::string::npos,
            routes->message.c_str());
        QVERIFY(loaded.workspace.routes.empty());
        const RequestLoadResult requests = loadRequests(f.ws);
        QVERIFY(requests.requests.empty());
        QVERIFY2(about(requests.errors, "requests"), text(requests.errors).constData());

        // Nothing is written (or deleted) through the linked folders either.
        Workspace& ws = loaded.workspace;
        Route route;
        route.method = "GET";
        route.path = "/new";
        ws.routes.push_back(route);
        std::string error;
        QVERIFY(!saveWorkspace(ws, &error));
        QVERIFY2(error.find("outside the workspace") != std::string::npos, error.c_str());
        QVERIFY(!saveRoutes(ws, { 0 }, &error));
        SavedRequest request;
        request.name = "New";
        request.request.url = "http://127.0.0.1/";
        QVERIFY(!saveRequest(f.ws, &request, &error));
        QVERIFY2(error.find("outside the workspace") != std::string::npos, error.c_str());
        QVERIFY(!createRequestFolder(f.ws, "more", &error));
        QCOMPARE(entriesBelow(f.home), before);
    }

    void copyLeavesLinksOut()
    {
        Fixture f;
        fs::create_symlink(f.home / "secret.txt", f.ws / "bodies" / "leak.txt");
        fs::create_symlink("ok.txt", f.ws / "bodies" / "alias.txt");
        const fs::path copy = fs::path(f.tmp.path().toStdString()) / "copy";
        std::string error;
        QVERIFY2(copyWorkspace(f.ws, copy, &error), error.c_str());
        QCOMPARE(readText(copy / "bodies" / "ok.txt"), std::string("inside"));
        QCOMPARE(readText(copy / "bodies" / "alias.txt"), std::string("inside"));
        QVERIFY(!fs::exists(fs::symlink_status(copy / "bodies" / "leak.txt")));
    }

    void stateIsNeverWrittenThroughLinks_data()
    {
        QTest::addColumn<bool>("linkedFolder");
        QTest::newRow("history.jsonl is a link") << false;
        QTest::newRow(".tollgate is a link") << true;
    }

    void stateIsNeverWrittenThroughLinks()
    {
        // .tollgate/ is git-ignored by Tollgate, but a repository can still
        // ship one. An appended history line holding "$(...)" in ~/.bashrc
        // would run at the next shell.
        QFETCH(bool, linkedFolder);
        Fixture f;
        const fs::path rc = f.home / "dot-bashrc";
        writeText(rc, "# the user's shell start-up file\n");
        if (linkedFolder) {
            fs::create_directories(f.home / "state");
            fs::create_symlink(f.home / "state", f.ws / ".tollgate");
        } else {
            fs::create_directories(f.ws / ".tollgate");
            fs::create_symlink(rc, f.ws / ".tollgate" / "history.jsonl");
        }
        const QStringList before = entriesBelow(f.home);
        const std::string problem = stateFolderProblem(f.ws);
        QVERIFY(problem.find(linkedFolder ? ".tollgate is a symbolic link"
                                          : ".tollgate/history.jsonl is a symbolic link")
            == 0);

        HistoryEntry entry;
        entry.request.url = "http://127.0.0.1/$(touch /tmp/tollgate-pwned)";
        HistoryLog history(f.ws / ".tollgate" / "history.jsonl");
        std::string error;
        QVERIFY(!history.append(entry, &error));
        QCOMPARE(error, problem);

        LoadReport report;
        QVERIFY(!LoadRunStore((f.ws / ".tollgate" / "loadruns").string()).save(&report, &error));
        QCOMPARE(error, problem);
        QCOMPARE(entriesBelow(f.home), before);
        QCOMPARE(readText(rc), std::string("# the user's shell start-up file\n"));
    }

    void historyNeverAppendsThroughALink()
    {
        // Outside .tollgate/ too (a history file named elsewhere), the append
        // itself does not follow a link.
        Fixture f;
        const fs::path rc = f.home / "dot-profile";
        writeText(rc, "# profile\n");
        fs::create_symlink(rc, f.ws / "history.jsonl");
        HistoryLog history(f.ws / "history.jsonl");
        std::string error;
        HistoryEntry entry;
        entry.timeMs = 1;
        entry.request.url = "http://127.0.0.1/";
        QVERIFY(!history.append(entry, &error));
        QVERIFY(!error.empty());
        QCOMPARE(readText(rc), std::string("# profile\n"));
        // A real file is appended to.
        HistoryLog real(f.ws / "real.jsonl");
        QVERIFY2(real.append(entry, &error), error.c_str());
        QCOMPARE(real.load().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestUntrustedWorkspace)
#include "tst_untrustedworkspace.moc"
