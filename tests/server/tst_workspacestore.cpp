// The workspace on disk: JSON format, diagnostics with file:line:column,
// git-friendly saving (stable output, no needless rewrites, stale files
// removed), atomic writes, file names, fingerprints and the demo workspace.

#include "server/common/diagnostic.h"
#include "server/workspace/workspace.h"
#include "server/workspace/workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(std::string)

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

void writeText(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Every regular file below dir, relative, sorted.
std::vector<std::string> filesBelow(const fs::path& dir)
{
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file())
            out.push_back(fs::relative(entry.path(), dir).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

QByteArray describe(const std::vector<Diagnostic>& errors)
{
    QByteArray out;
    for (const Diagnostic& d : errors)
        out += bytes(d.toString()) + '\n';
    return out;
}

const Diagnostic* findError(const std::vector<Diagnostic>& errors, const std::string& file)
{
    for (const Diagnostic& d : errors) {
        if (d.file == file)
            return &d;
    }
    return nullptr;
}

struct FileId {
    ino_t inode = 0;
    fs::file_time_type mtime;
    bool operator==(const FileId&) const = default;
};

FileId fileId(const fs::path& path)
{
    struct stat st { };
    ::stat(path.c_str(), &st);
    return { st.st_ino, fs::last_write_time(path) };
}

/// A workspace in which every field differs from its default.
Workspace fullyPopulated(const fs::path& dir)
{
    Workspace ws;
    ws.dir = dir;
    ws.name = "Everything \"quoted\" – ünïcode";
    ws.description = "Line one\nLine two\twith a tab and a \\ backslash";
    ws.server.bind = "0.0.0.0";
    ws.server.port = 9191;
    ws.server.threads = 3;
    ws.server.environment = "staging";
    ws.server.metricsRetentionDays = 30;
    ws.server.cors.enabled = true;
    ws.server.cors.allowOrigins = { "https://app.example.com", "http://localhost:5173" };
    ws.server.cors.allowMethods = "GET, POST";
    ws.server.cors.allowHeaders = "Authorization";
    ws.server.cors.exposeHeaders = "RateLimit, RateLimit-Policy";
    ws.server.cors.allowCredentials = true;
    ws.server.cors.maxAgeSeconds = 7200;
    ws.server.limits.requestLineBytes = 4096;
    ws.server.limits.headerBytes = 32768;
    ws.server.limits.headerFields = 50;
    ws.server.limits.bodyBytes = 2 * 1024 * 1024;
    ws.server.limits.headerTimeoutMs = 5000;
    ws.server.limits.idleTimeoutMs = 30000;

    Route a;
    a.method = "PATCH";
    a.path = "/v1/orders/{orderId}/items/*";
    a.enabled = false;
    a.description = "Everything set";
    a.mode = ResponseMode::Random;
    a.defaultResponse = 2;
    a.latency = { 15, 45 };
    a.failure = { 12.5, 502, true };
    a.bodyLimit = 4096;
    a.responses = {
        Response { "Inline", 201,
            { { "Content-Type", "application/json" }, { "X-Trace", "{{uuid}}" } },
            "{\"ok\":true,\"id\":\"{{request.params.orderId}}\"}", "", "" },
        Response { "From file", 203, {}, "", "bodies/item.json", "" },
        Response { "Both", 418, { { "Retry-After", "5" } }, "inline too", "bodies/teapot.txt", "" },
    };
    a.rules = {
        Rule { RuleSource::PathParam, "orderId", RuleOperator::Equals, "42", 1 },
        Rule { RuleSource::Query, "q", RuleOperator::Regex, "^a.*$", 2 },
        Rule { RuleSource::Header, "x-api-key", RuleOperator::Exists, "", 0 },
        Rule { RuleSource::Body, "/user/id", RuleOperator::Equals, "7", 1 },
    };

    Route b;
    b.method = "DELETE";
    b.path = "/v1/orders/{orderId}";
    b.mode = ResponseMode::Sequential;
    b.responses = { Response { "Gone", 204, {}, "", "", "" },
        Response { "Again", 404, {}, "nope", "", "" } };

    ws.routes = { a, b };
    ws.environments = {
        Environment { "Local", { { "userId", "42" }, { "baseUrl", "http://127.0.0.1:9191" } } },
        Environment { "Staging – ünïcode", { { "user.id_2-x", "a \"quoted\" {{value}}" } } },
        Environment { "Empty", {} },
    };
    return ws;
}

/// 1-based line of the n-th occurrence of needle in text (0 when absent).
int lineOf(const std::string& text, const std::string& needle, int occurrence = 1)
{
    std::size_t pos = std::string::npos;
    for (int i = 0; i < occurrence; ++i) {
        pos = text.find(needle, pos == std::string::npos ? 0 : pos + 1);
        if (pos == std::string::npos)
            return 0;
    }
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

const std::string kHashA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const std::string kHashB = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

/// A keys.json with one key whose "hash" (and optionally "label") are given.
std::string keysText(const std::string& hash, const std::string& label = "CI")
{
    return "{\n"
           "  \"schemaVersion\": 1,\n"
           "  \"keys\": [\n"
           "    {\n"
           "      \"id\": \"key_1\",\n"
           "      \"prefix\": \"tg_dev_00000000\",\n"
           "      \"hash\": \""
        + hash
        + "\",\n"
          "      \"label\": \""
        + label
        + "\",\n"
          "      \"tier\": \"free\",\n"
          "      \"created\": \"2026-11-27T05:00:00Z\"\n"
          "    }\n"
          "  ]\n"
          "}\n";
}

std::string routeText(const std::string& responsesAndMore)
{
    return "{\n"
           "  \"schemaVersion\": 1,\n"
           "  \"method\": \"GET\",\n"
           "  \"path\": \"/x\",\n"
        + responsesAndMore + "}\n";
}

} // namespace

class TestWorkspaceStore : public QObject {
    Q_OBJECT

private slots:
    void enumNames();
    void diagnosticToString();
    void roundTripFullyPopulated();
    void outputIsStableAndPretty();
    void omittedFieldsTakeDefaults();
    void demoWorkspaceLoadsAndRoundTrips();
    void mixedWorkspaceReportsAndSkips();
    void syntaxErrorPosition_data();
    void syntaxErrorPosition();
    void semanticErrorPosition_data();
    void semanticErrorPosition();
    void schemaVersionTooNew();
    void missingDirectoryAndSettings();
    void brokenSettingsKeepDefaults();
    void staleRouteFilesDeleted();
    void brokenRouteFilesSurviveSave();
    void unchangedFilesNotRewritten();
    void saveRefusesToDowngradeSettings();
    void gitignore();
    void routeFileNames_data();
    void routeFileNames();
    void routeFileNameCollisions();
    void saveAssignsUniqueFileNames();
    void fingerprint();
    void writeFileAtomicLeavesNoTempFiles();
    void deferredSyncWritesTheSameFiles();
    void copyWorkspaceSkipsState();
    void tiersRoundTrip();
    void invalidTiersDiagnosedAndLeftOut();
    void workspaceWithoutTiersGetsDefaults();
    void environmentsRoundTrip();
    void invalidEnvironmentsDiagnosed();
    void workspaceWithoutEnvironmentsGetsDefault();
    void routeAccessRoundTrip();
    void routeAccessErrors_data();
    void routeAccessErrors();
    void keysRoundTrip();
    void keysRawKeyLookingTextAndBadHash();
    void keysFileErrors_data();
    void keysFileErrors();
    void saveKeysRefusesBrokenFile();
    void utcTimes_data();
    void utcTimes();
};

void TestWorkspaceStore::enumNames()
{
    QCOMPARE(QByteArray(toString(RuleSource::PathParam)), QByteArray("pathParam"));
    QCOMPARE(QByteArray(toString(RuleSource::Query)), QByteArray("query"));
    QCOMPARE(QByteArray(toString(RuleSource::Header)), QByteArray("header"));
    QCOMPARE(QByteArray(toString(RuleSource::Body)), QByteArray("body"));
    QCOMPARE(QByteArray(toString(RuleOperator::Equals)), QByteArray("equals"));
    QCOMPARE(QByteArray(toString(RuleOperator::Regex)), QByteArray("regex"));
    QCOMPARE(QByteArray(toString(RuleOperator::Exists)), QByteArray("exists"));
    QCOMPARE(QByteArray(toString(ResponseMode::Rules)), QByteArray("rules"));
    QCOMPARE(QByteArray(toString(ResponseMode::Random)), QByteArray("random"));
    QCOMPARE(QByteArray(toString(ResponseMode::Sequential)), QByteArray("sequential"));
}

void TestWorkspaceStore::diagnosticToString()
{
    QCOMPARE(bytes(Diagnostic { "routes/a.json", 3, 7, "bad" }.toString()),
        QByteArray("routes/a.json:3:7: bad"));
    QCOMPARE(bytes(Diagnostic { "routes/a.json", 3, 0, "bad" }.toString()),
        QByteArray("routes/a.json:3: bad"));
    QCOMPARE(bytes(Diagnostic { "tollgate.json", 0, 0, "missing" }.toString()),
        QByteArray("tollgate.json: missing"));
    QCOMPARE(bytes(Diagnostic { "", 0, 0, "plain" }.toString()), QByteArray("plain"));
}

void TestWorkspaceStore::roundTripFullyPopulated()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws = fullyPopulated(pathOf(tmp));
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(
        bytes(ws.routes[0].fileName), QByteArray("patch-v1-orders-orderid-items-wildcard.json"));
    QCOMPARE(bytes(ws.routes[1].fileName), QByteArray("delete-v1-orders-orderid.json"));

    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    // Routes come back sorted by file name.
    Workspace expected = ws;
    std::sort(expected.routes.begin(), expected.routes.end(),
        [](const Route& l, const Route& r) { return l.fileName < r.fileName; });
    QCOMPARE(loaded.workspace.routes.size(), expected.routes.size());
    for (std::size_t i = 0; i < expected.routes.size(); ++i)
        QVERIFY2(loaded.workspace.routes[i] == expected.routes[i], expected.routes[i].path.c_str());
    QVERIFY(loaded.workspace.server == expected.server);
    QVERIFY(loaded.workspace == expected);

    // Text-level round trip too: what is written is what is read.
    Route parsed;
    std::vector<Diagnostic> errors;
    QVERIFY(routeFromJson(routeToJson(ws.routes[0]), "routes/x.json", &parsed, &errors));
    QVERIFY(errors.empty());
    QCOMPARE(bytes(parsed.fileName), QByteArray("x.json"));
    parsed.fileName = ws.routes[0].fileName;
    QVERIFY(parsed == ws.routes[0]);
}

void TestWorkspaceStore::outputIsStableAndPretty()
{
    Route route;
    route.path = "/ping";
    route.responses.front().body = "pong";
    const std::string expected = R"({
  "schemaVersion": 1,
  "method": "GET",
  "path": "/ping",
  "enabled": true,
  "description": "",
  "mode": "rules",
  "defaultResponse": 0,
  "latency": {
    "minMs": 0,
    "maxMs": 0
  },
  "failure": {
    "percent": 0,
    "status": 503,
    "reset": false
  },
  "bodyLimit": 1048576,
  "responses": [
    {
      "label": "",
      "status": 200,
      "headers": [],
      "body": "pong"
    }
  ],
  "rules": [],
  "access": {
    "auth": "public",
    "scopes": [],
    "costMicros": 0
  }
}
)";
    QCOMPARE(bytes(routeToJson(route)), bytes(expected));

    Workspace ws;
    const std::string settings = settingsToJson(ws);
    QVERIFY(settings.starts_with("{\n  \"schemaVersion\": 1,\n  \"name\": \"Untitled\",\n"));
    QVERIFY(settings.ends_with("}\n"));
    QVERIFY(settings.find("\n    \"cors\": {\n      \"enabled\": false,") != std::string::npos);
    QCOMPARE(bytes(settingsToJson(ws)), bytes(settings));

    route.failure.percent = 0.1;
    QVERIFY(routeToJson(route).find("\"percent\": 0.1,") != std::string::npos);
}

void TestWorkspaceStore::omittedFieldsTakeDefaults()
{
    Route route;
    std::vector<Diagnostic> errors;
    QVERIFY(routeFromJson(R"({"method": "post", "path": "/x", "futureKey": [1, {"a": null}]})",
        "routes/post-x.json", &route, &errors));
    QVERIFY2(errors.empty(), describe(errors).constData());
    Route expected;
    expected.method = "POST";
    expected.path = "/x";
    expected.fileName = "post-x.json";
    QVERIFY(route == expected);

    // Files without a schemaVersion (hand-written) are read as the current one.
    QVERIFY(routeFromJson("{}", "routes/get-root.json", &route, &errors));
    QCOMPARE(bytes(route.path), QByteArray("/"));

    // A name that cannot be a route file is not remembered.
    QVERIFY(routeFromJson("{}", "<clipboard>", &route, &errors));
    QVERIFY(route.fileName.empty());
}

void TestWorkspaceStore::demoWorkspaceLoadsAndRoundTrips()
{
    const fs::path demo = fs::path(TOLLGATE_SOURCE_DIR) / "resources" / "demo";
    const LoadResult loaded = loadWorkspace(demo);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Builder API"));
    QCOMPARE(bytes(loaded.workspace.server.environment), QByteArray("development"));
    QVERIFY(loaded.workspace.server.cors.enabled);
    QCOMPARE(loaded.workspace.server.cors.allowOrigins, std::vector<std::string> { "*" });

    std::set<std::string> routes;
    for (const Route& r : loaded.workspace.routes) {
        routes.insert(r.method + ' ' + r.path);
        if (r.responder == RouteResponder::Sse || r.responder == RouteResponder::WebSocket)
            continue; // it answers with its stream or session
        // Every response says what it is.
        for (const Response& resp : r.responses) {
            QVERIFY2(std::any_of(resp.headers.begin(), resp.headers.end(),
                         [](const Header& h) { return h.name == "Content-Type"; }),
                (r.path + " " + resp.label).c_str());
            if (!resp.bodyFile.empty())
                QVERIFY2(fs::exists(demo / resp.bodyFile), resp.bodyFile.c_str());
        }
    }
    for (const char* expected : { "GET /health", "GET /v1/users/{id}", "GET /v1/metrics",
             "POST /generate", "GET /v1/models", "POST /v1/chat/completions", "GET /v1/live" })
        QVERIFY2(routes.count(expected) == 1, expected);

    // The composer's environment: baseUrl comes from the running server and
    // apiKey from the key the user picks, so the demo defines neither.
    QCOMPARE(loaded.workspace.environments.size(), std::size_t(1));
    const Environment& local = loaded.workspace.environments.front();
    QCOMPARE(bytes(local.name), QByteArray("Local"));
    QVERIFY(!local.variables.empty());
    for (const auto& [name, value] : local.variables)
        QVERIFY2(name != "baseUrl" && name != "apiKey", name.c_str());

    // Copy, load, save: every file must come back byte-identical and nothing
    // may be added or removed.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path copy = pathOf(tmp) / "demo";
    std::string error;
    QVERIFY2(copyWorkspace(demo, copy, &error), error.c_str());
    LoadResult copied = loadWorkspace(copy);
    QVERIFY2(copied.ok(), describe(copied.errors).constData());
    QVERIFY2(saveWorkspace(copied.workspace, &error), error.c_str());
    const std::vector<std::string> files = filesBelow(demo);
    QCOMPARE(filesBelow(copy), files);
    for (const std::string& f : files)
        QVERIFY2(readText(copy / f) == readText(demo / f), f.c_str());
}

void TestWorkspaceStore::mixedWorkspaceReportsAndSkips()
{
    const fs::path dir = fs::path(TOLLGATE_TEST_DATA) / "workspaces" / "mixed";
    const LoadResult loaded = loadWorkspace(dir);
    QCOMPARE(loaded.errors.size(), std::size_t(4));

    // Only the good route loads; the rest are reported with their position.
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
    QCOMPARE(bytes(loaded.workspace.routes[0].path), QByteArray("/good"));
    QCOMPARE(bytes(loaded.workspace.routes[0].method), QByteArray("GET"));
    QCOMPARE(bytes(loaded.workspace.routes[0].fileName), QByteArray("get-good.json"));

    const Diagnostic* syntax = findError(loaded.errors, "routes/get-syntax.json");
    QVERIFY(syntax);
    QCOMPARE(syntax->line, 4);
    QCOMPARE(syntax->column, 3);

    const Diagnostic* semantic = findError(loaded.errors, "routes/post-semantic.json");
    QVERIFY(semantic);
    QCOMPARE(semantic->line, 9);
    QCOMPARE(semantic->column, 7);
    QCOMPARE(
        bytes(semantic->message), QByteArray("\"status\" must be an integer between 100 and 599"));
    QCOMPARE(bytes(semantic->toString()),
        QByteArray(
            "routes/post-semantic.json:9:7: \"status\" must be an integer between 100 and 599"));

    const Diagnostic* future = findError(loaded.errors, "routes/put-future.json");
    QVERIFY(future);
    QCOMPARE(future->line, 2);

    // tollgate.json: the bad port keeps its default, the rest applies.
    const Diagnostic* settings = findError(loaded.errors, "tollgate.json");
    QVERIFY(settings);
    QCOMPARE(settings->line, 6);
    QVERIFY(settings->message.find("\"port\"") != std::string::npos);
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Mixed"));
    QCOMPARE(bytes(loaded.workspace.server.environment), QByteArray("staging"));
    QCOMPARE(loaded.workspace.server.port, std::uint16_t(8080));
}

void TestWorkspaceStore::syntaxErrorPosition_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("missing comma")
        << std::string("{\n  \"method\": \"GET\"\n  \"path\": \"/\"\n}\n") << 3 << 3
        << QByteArray("unexpected '\"'");
    QTest::newRow("trailing comma")
        << std::string("{\n  \"method\": \"GET\",\n  \"path\": \"/\",\n}\n") << 4 << 1
        << QByteArray("unexpected '}'");
    QTest::newRow("bad literal") << std::string("{\n  \"enabled\": yes\n}\n") << 2 << 14
                                 << QByteArray("unexpected 'y'");
    QTest::newRow("unterminated") << std::string("{\n  \"method\": \"GET\",\n") << 3 << 1
                                  << QByteArray("unexpected end of file");
    QTest::newRow("empty file") << std::string() << 1 << 1 << QByteArray("unexpected end of file");
    QTest::newRow("extra data") << std::string("{}\n{}\n") << 2 << 1
                                << QByteArray("after the end of the document");
    QTest::newRow("unicode column") << std::string("{\n  \"description\": \"héllo\" x\n}\n") << 2
                                    << 26 << QByteArray("unexpected 'x'");
    QTest::newRow("merge conflict") << std::string(
        "{\n<<<<<<< HEAD\n  \"path\": \"/a\"\n=======\n  \"path\": \"/b\"\n>>>>>>> other\n}\n")
                                    << 2 << 1 << QByteArray("unexpected '<'");
}

void TestWorkspaceStore::syntaxErrorPosition()
{
    QFETCH(std::string, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QByteArray, message);

    // Through the whole loader, next to a good route that must still load.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = pathOf(tmp);
    Workspace ws;
    ws.dir = dir;
    Route good;
    good.path = "/good";
    ws.routes = { good };
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    writeText(dir / "routes" / "get-broken.json", text);

    const LoadResult loaded = loadWorkspace(dir);
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    const Diagnostic& d = loaded.errors.front();
    QCOMPARE(bytes(d.file), QByteArray("routes/get-broken.json"));
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
    QVERIFY2(bytes(d.message).contains(message), d.message.c_str());
    QVERIFY2(d.message.starts_with("JSON syntax error"), d.message.c_str());
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
    QCOMPARE(bytes(loaded.workspace.routes[0].path), QByteArray("/good"));
}

void TestWorkspaceStore::semanticErrorPosition_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("message");

    // routeText() puts schemaVersion, method and path on lines 2-4, so what
    // the rows add starts on line 5.
    QTest::newRow("status too high")
        << routeText("  \"responses\": [\n    {\n      \"status\": 700\n    }\n  ]\n") << 7
        << QByteArray("\"status\" must be an integer between 100 and 599");
    QTest::newRow("status as string")
        << routeText("  \"responses\": [\n    {\"status\": 200},\n    {\n"
                     "      \"status\": \"404\"\n    }\n  ]\n")
        << 8 << QByteArray("\"status\" must be an integer between 100 and 599");
    QTest::newRow("fractional status") << routeText("  \"responses\": [{\"status\": 200.5}]\n") << 5
                                       << QByteArray("\"status\" must be an integer");
    QTest::newRow("unknown method") << std::string(
        "{\n  \"schemaVersion\": 1,\n  \"method\": \"FETCH\",\n  \"path\": \"/x\"\n}\n")
                                    << 3 << QByteArray("unknown method \"FETCH\"");
    QTest::newRow("path without slash")
        << std::string("{\n  \"method\": \"GET\",\n  \"path\": \"x\"\n}\n") << 3
        << QByteArray("\"path\" must start with '/'");
    QTest::newRow("path not a string")
        << std::string("{\n  \"method\": \"GET\",\n\n  \"path\": 5\n}\n") << 4
        << QByteArray("\"path\" must be a string");
    QTest::newRow("enabled not bool") << routeText("  \"enabled\": \"yes\"\n"
                                                   "")
                                      << 5 << QByteArray("\"enabled\" must be true or false");
    QTest::newRow("unknown mode") << routeText(
        "  \"description\": \"\",\n  \"mode\": \"roundRobin\"\n")
                                  << 6 << QByteArray("unknown mode \"roundRobin\"");
    QTest::newRow("empty responses")
        << routeText("  \"responses\": []\n") << 5
        << QByteArray("\"responses\" must contain at least one response");
    QTest::newRow("responses not array")
        << routeText("  \"responses\": {}\n") << 5 << QByteArray("\"responses\" must be an array");
    QTest::newRow("defaultResponse out of range")
        << routeText("  \"defaultResponse\": 1,\n  \"responses\": [{}]\n") << 5
        << QByteArray("\"defaultResponse\" 1 is out of range");
    QTest::newRow("unknown rule source")
        << routeText("  \"rules\": [\n    {\n      \"source\": \"cookie\",\n"
                     "      \"key\": \"a\"\n    }\n  ]\n")
        << 7 << QByteArray("unknown rule source \"cookie\"");
    QTest::newRow("unknown rule operator")
        << routeText("  \"rules\": [\n    {\n      \"key\": \"a\",\n"
                     "      \"operator\": \"contains\"\n    }\n  ]\n")
        << 8 << QByteArray("unknown rule operator \"contains\"");
    QTest::newRow("rule response out of range") << routeText(
        "  \"responses\": [{}, {}],\n  \"rules\": [\n    {\"key\": \"a\", \"response\": 0},\n"
        "    {\n      \"key\": \"b\",\n      \"response\": 2\n    }\n  ]\n")
                                                << 10
                                                << QByteArray(
                                                       "rule \"response\" 2 is out of range");
    QTest::newRow("rule without key")
        << routeText("  \"rules\": [\n    {\"source\": \"header\"}\n  ]\n") << 6
        << QByteArray("\"key\" must name the header");
    QTest::newRow("failure percent")
        << routeText("  \"failure\": {\n    \"percent\": 150\n  }\n") << 6
        << QByteArray("\"percent\" must be a number between 0 and 100");
    QTest::newRow("failure status")
        << routeText("  \"failure\": {\n    \"percent\": 5,\n    \"status\": 404\n  }\n") << 7
        << QByteArray("\"status\" must be an integer between 500 and 599");
    QTest::newRow("negative latency")
        << routeText("  \"latency\": {\n    \"minMs\": -1\n  }\n") << 6
        << QByteArray("\"minMs\" must be an integer between 0 and 60000");
    QTest::newRow("latency too long")
        << routeText("  \"latency\": {\"minMs\": 0,\n    \"maxMs\": 60001}\n") << 6
        << QByteArray("\"maxMs\" must be an integer between 0 and 60000");
    QTest::newRow("latency not object")
        << routeText("  \"latency\": 100\n") << 5 << QByteArray("\"latency\" must be an object");
    QTest::newRow("negative bodyLimit") << routeText(
        "  \"bodyLimit\": -5\n"
        "") << 5 << QByteArray("\"bodyLimit\" must be a non-negative integer");
    QTest::newRow("absolute bodyFile")
        << routeText("  \"responses\": [\n    {\n      \"bodyFile\": \"/etc/passwd\"\n    }\n"
                     "  ]\n")
        << 7 << QByteArray("\"bodyFile\" must be a path relative to the workspace directory");
    QTest::newRow("dotdot bodyFile") << routeText(
        "  \"responses\": [\n    {\n      \"bodyFile\": \"bodies/../../secret\"\n"
        "    }\n  ]\n") << 7 << QByteArray("\"bodyFile\" must not contain \"..\"");
    QTest::newRow("bad header name")
        << routeText("  \"responses\": [\n    {\n      \"headers\": [\n"
                     "        {\"name\": \"Bad Name\", \"value\": \"x\"}\n      ]\n    }\n  ]\n")
        << 8 << QByteArray("\"name\" must be a valid header name");
    QTest::newRow("header value with newline")
        << routeText("  \"responses\": [{\"headers\": [{\"name\": \"X-A\",\n"
                     "    \"value\": \"a\\r\\nSet-Cookie: x\"}]}]\n")
        << 6 << QByteArray("\"value\" must not contain line breaks");
    QTest::newRow("not an object") << std::string("\n  [1, 2]\n") << 2
                                   << QByteArray("a route file must contain a JSON object");
    QTest::newRow("escaped key") << std::string("{\n  \"pa\\u0074h\": \"nope\"\n}\n") << 2
                                 << QByteArray("\"path\" must start with '/'");
}

void TestWorkspaceStore::semanticErrorPosition()
{
    QFETCH(std::string, text);
    QFETCH(int, line);
    QFETCH(QByteArray, message);

    Route route;
    route.path = "/untouched";
    std::vector<Diagnostic> errors;
    QVERIFY(!routeFromJson(text, "routes/get-x.json", &route, &errors));
    QVERIFY2(errors.size() == 1, describe(errors).constData());
    QCOMPARE(bytes(errors[0].file), QByteArray("routes/get-x.json"));
    QVERIFY2(bytes(errors[0].message).contains(message), errors[0].message.c_str());
    QCOMPARE(errors[0].line, line);
    QVERIFY(errors[0].column > 0);
    // A route with errors is not half-applied.
    QCOMPARE(bytes(route.path), QByteArray("/untouched"));
}

void TestWorkspaceStore::schemaVersionTooNew()
{
    Route route;
    std::vector<Diagnostic> errors;
    QVERIFY(!routeFromJson("{\n  \"schemaVersion\": 2,\n  \"path\": \"/x\"\n}\n",
        "routes/get-x.json", &route, &errors));
    QCOMPARE(errors.size(), std::size_t(1));
    QCOMPARE(errors[0].line, 2);
    QVERIFY2(errors[0].message.find("newer") != std::string::npos, errors[0].message.c_str());

    errors.clear();
    QVERIFY(!routeFromJson("{\"schemaVersion\": \"1\"}", "routes/get-x.json", &route, &errors));
    QCOMPARE(errors.size(), std::size_t(1));

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json",
        "{\n  \"schemaVersion\": 3,\n  \"name\": \"From the future\"\n}\n");
    const LoadResult loaded = loadWorkspace(pathOf(tmp));
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    QCOMPARE(bytes(loaded.errors[0].file), QByteArray("tollgate.json"));
    QCOMPARE(loaded.errors[0].line, 2);
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Untitled"));
}

void TestWorkspaceStore::missingDirectoryAndSettings()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const LoadResult missing = loadWorkspace(pathOf(tmp) / "nope");
    QVERIFY(!missing.ok());
    QVERIFY(missing.workspace.routes.empty());

    // A directory without tollgate.json: defaults and one diagnostic, routes load.
    writeText(pathOf(tmp) / "routes" / "get-a.json", "{\"path\": \"/a\"}\n");
    const LoadResult noSettings = loadWorkspace(pathOf(tmp));
    QCOMPARE(noSettings.errors.size(), std::size_t(1));
    QCOMPARE(bytes(noSettings.errors[0].file), QByteArray("tollgate.json"));
    QVERIFY(noSettings.workspace.server == ServerSettings {});
    QCOMPARE(noSettings.workspace.routes.size(), std::size_t(1));
    QVERIFY(noSettings.workspace.dir == pathOf(tmp));
}

void TestWorkspaceStore::brokenSettingsKeepDefaults()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json",
        "{\n  \"name\": \"Half\",\n  \"server\": {\"port\": 1,}\n}\n");
    const LoadResult loaded = loadWorkspace(pathOf(tmp));
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    QCOMPARE(loaded.errors[0].line, 3);
    QCOMPARE(loaded.errors[0].column, 24);
    // A syntax error leaves nothing half-read.
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Untitled"));
    QVERIFY(loaded.workspace.server == ServerSettings {});

    writeText(pathOf(tmp) / "tollgate.json",
        "{\n  \"server\": {\n    \"cors\": {\n      \"allowOrigins\": [\"a\", 3]\n    },\n"
        "    \"limits\": {\"headerFields\": 0},\n    \"metrics\": {\"retentionDays\": 0}\n  "
        "}\n}\n");
    const LoadResult semantic = loadWorkspace(pathOf(tmp));
    // In the order the reader meets them: metrics, cors, limits.
    QCOMPARE(semantic.errors.size(), std::size_t(3));
    QCOMPARE(semantic.errors[0].line, 7);
    QVERIFY2(semantic.errors[0].message.find("\"retentionDays\"") != std::string::npos,
        semantic.errors[0].message.c_str());
    QCOMPARE(semantic.errors[1].line, 4);
    QCOMPARE(semantic.errors[2].line, 6);
    QVERIFY2(semantic.errors[2].message.find("\"headerFields\" must be a positive integer")
            != std::string::npos,
        semantic.errors[2].message.c_str());
    QVERIFY(semantic.workspace.server == ServerSettings {});
}

void TestWorkspaceStore::staleRouteFilesDeleted()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws = fullyPopulated(pathOf(tmp));
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const fs::path removed = ws.dir / "routes" / ws.routes[0].fileName;
    QVERIFY(fs::exists(removed));

    ws.routes.erase(ws.routes.begin());
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QVERIFY(!fs::exists(removed));
    QCOMPARE(filesBelow(ws.dir / "routes"), std::vector<std::string> { ws.routes[0].fileName });

    // Files that are not route files are none of our business.
    writeText(ws.dir / "routes" / "notes.txt", "keep me");
    ws.routes.clear();
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(filesBelow(ws.dir / "routes"), std::vector<std::string> { "notes.txt" });
}

void TestWorkspaceStore::brokenRouteFilesSurviveSave()
{
    // A file skipped on load because it is broken (a merge conflict, a newer
    // schema) is not a stale route: saving must not delete the user's work,
    // nor give its name to another route.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = pathOf(tmp);
    const std::string broken = "{\n<<<<<<< HEAD\n}\n";
    const std::string future = "{\"schemaVersion\": 9, \"path\": \"/health\"}\n";
    writeText(dir / "routes" / "get-health.json", broken);
    writeText(dir / "routes" / "get-future.json", future);

    LoadResult loaded = loadWorkspace(dir);
    QVERIFY(loaded.workspace.routes.empty());
    Route health;
    health.path = "/health";
    loaded.workspace.routes.push_back(health);
    std::string error;
    QVERIFY2(saveWorkspace(loaded.workspace, &error), error.c_str());
    QCOMPARE(bytes(loaded.workspace.routes[0].fileName), QByteArray("get-health-2.json"));
    QCOMPARE(bytes(readText(dir / "routes" / "get-health.json")), bytes(broken));
    QCOMPARE(bytes(readText(dir / "routes" / "get-future.json")), bytes(future));
}

void TestWorkspaceStore::unchangedFilesNotRewritten()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws = fullyPopulated(pathOf(tmp));
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());

    const std::vector<std::string> files = filesBelow(ws.dir);
    std::vector<FileId> before;
    for (const std::string& f : files)
        before.push_back(fileId(ws.dir / f));

    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(filesBelow(ws.dir), files);
    for (std::size_t i = 0; i < files.size(); ++i)
        QVERIFY2(fileId(ws.dir / files[i]) == before[i], files[i].c_str());

    // Changing one route rewrites exactly that file (a rename gives a new inode).
    ws.routes[1].description = "changed";
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const bool changed = files[i] == "routes/" + ws.routes[1].fileName;
        QVERIFY2((fileId(ws.dir / files[i]) == before[i]) != changed, files[i].c_str());
    }
}

void TestWorkspaceStore::saveRefusesToDowngradeSettings()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string future = "{\"schemaVersion\": 2, \"tiers\": []}\n";
    writeText(pathOf(tmp) / "tollgate.json", future);
    Workspace ws;
    ws.dir = pathOf(tmp);
    std::string error;
    QVERIFY(!saveWorkspace(ws, &error));
    QVERIFY(error.find("newer") != std::string::npos);
    QCOMPARE(bytes(readText(ws.dir / "tollgate.json")), bytes(future));

    Workspace nowhere;
    QVERIFY(!saveWorkspace(nowhere, &error));
}

void TestWorkspaceStore::gitignore()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp) / "new" / "workspace";
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(bytes(readText(ws.dir / ".gitignore")), QByteArray(".tollgate/\n"));
    QVERIFY(fs::is_directory(ws.dir / "routes"));

    // An existing .gitignore gets the entry appended once, and is left alone
    // when it already has it.
    writeText(ws.dir / ".gitignore", "build/");
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(bytes(readText(ws.dir / ".gitignore")), QByteArray("build/\n.tollgate/\n"));
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(bytes(readText(ws.dir / ".gitignore")), QByteArray("build/\n.tollgate/\n"));
}

void TestWorkspaceStore::routeFileNames_data()
{
    QTest::addColumn<std::string>("method");
    QTest::addColumn<std::string>("path");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("param") << std::string("GET") << std::string("/v1/users/{id}")
                           << QByteArray("get-v1-users-id.json");
    QTest::newRow("root") << std::string("GET") << std::string("/") << QByteArray("get-root.json");
    QTest::newRow("wildcard") << std::string("GET") << std::string("/files/*")
                              << QByteArray("get-files-wildcard.json");
    QTest::newRow("bare wildcard")
        << std::string("OPTIONS") << std::string("/*") << QByteArray("options-wildcard.json");
    QTest::newRow("case and punctuation")
        << std::string("Post") << std::string("/V2//Big_Thing.v1/{a}-{b}/")
        << QByteArray("post-v2-big-thing-v1-a-b.json");
    QTest::newRow("non-ascii") << std::string("PUT") << std::string("/caf\xc3\xa9/x")
                               << QByteArray("put-caf-x.json");
    QTest::newRow("long") << std::string("GET") << "/" + std::string(200, 'a')
                          << QByteArray("get-" + QByteArray(80, 'a') + ".json");
}

void TestWorkspaceStore::routeFileNames()
{
    QFETCH(std::string, method);
    QFETCH(std::string, path);
    QFETCH(QByteArray, expected);
    Route route;
    route.method = method;
    route.path = path;
    QCOMPARE(bytes(routeFileName(route, {})), expected);
}

void TestWorkspaceStore::routeFileNameCollisions()
{
    Route route;
    route.path = "/v1/users/{id}";
    QCOMPARE(bytes(routeFileName(route, { "get-v1-users-id.json" })),
        QByteArray("get-v1-users-id-2.json"));
    QCOMPARE(bytes(routeFileName(route, { "get-v1-users-id.json", "get-v1-users-id-2.json" })),
        QByteArray("get-v1-users-id-3.json"));
    // Case-insensitively, so a workspace checks out on macOS and Windows.
    QCOMPARE(bytes(routeFileName(route, { "GET-v1-users-id.json" })),
        QByteArray("get-v1-users-id-2.json"));
    QCOMPARE(bytes(routeFileName(route, { "get-v1-users.json", "post-v1-users-id.json" })),
        QByteArray("get-v1-users-id.json"));
}

void TestWorkspaceStore::saveAssignsUniqueFileNames()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp);
    Route a;
    a.path = "/users/{id}";
    Route b = a;
    b.path = "/users/id"; // same slug
    ws.routes = { a, b };
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(bytes(ws.routes[0].fileName), QByteArray("get-users-id.json"));
    QCOMPARE(bytes(ws.routes[1].fileName), QByteArray("get-users-id-2.json"));

    // A duplicated route carries its original's file name; it must get its own.
    Route copy = ws.routes[0];
    copy.description = "the copy";
    ws.routes.push_back(copy);
    // Names that could escape routes/ are not used.
    Route sneaky;
    sneaky.path = "/sneaky";
    sneaky.fileName = "../tollgate.json";
    ws.routes.push_back(sneaky);
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    QCOMPARE(bytes(ws.routes[2].fileName), QByteArray("get-users-id-3.json"));
    QCOMPARE(bytes(ws.routes[3].fileName), QByteArray("get-sneaky.json"));

    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(4));
    QCOMPARE(bytes(loaded.workspace.routes[2].description), QByteArray("the copy"));
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Untitled"));
}

void TestWorkspaceStore::fingerprint()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QCOMPARE(workspaceFingerprint(pathOf(tmp) / "missing"), std::uint64_t(0));

    Workspace ws = fullyPopulated(pathOf(tmp));
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const std::uint64_t initial = workspaceFingerprint(ws.dir);
    QVERIFY(initial != 0);
    QCOMPARE(workspaceFingerprint(ws.dir), initial);

    // Same size, new content: the mtime (nanoseconds) tells it apart.
    const fs::path route = ws.dir / "routes" / ws.routes[1].fileName;
    std::string text = readText(route);
    text[text.find("Gone")] = 'g';
    writeText(route, text);
    fs::last_write_time(route, fs::last_write_time(route) + std::chrono::seconds(1));
    const std::uint64_t edited = workspaceFingerprint(ws.dir);
    QVERIFY(edited != initial);

    writeText(ws.dir / "routes" / "get-new.json", "{}");
    const std::uint64_t added = workspaceFingerprint(ws.dir);
    QVERIFY(added != edited);
    fs::remove(ws.dir / "routes" / "get-new.json");
    QCOMPARE(workspaceFingerprint(ws.dir), edited);

    writeText(ws.dir / "keys.json", "{}");
    QVERIFY(workspaceFingerprint(ws.dir) != edited);

    // Machine-local state is not part of it.
    const std::uint64_t withKeys = workspaceFingerprint(ws.dir);
    writeText(ws.dir / ".tollgate" / "metrics.db", "x");
    QCOMPARE(workspaceFingerprint(ws.dir), withKeys);
}

void TestWorkspaceStore::deferredSyncWritesTheSameFiles()
{
    for (const DeferredSync::Target target :
        { DeferredSync::Target::Shared, DeferredSync::Target::Private }) {
        QTemporaryDir tmp;
        const fs::path dir = pathOf(tmp);
        std::string error;
        {
            DeferredSync sync(target);
            {
                DeferredSync nested(target); // the outer one finishes
                QVERIFY(nested.finish(&error));
            }
            for (int i = 0; i < 3; ++i) {
                QVERIFY2(writeFileAtomic(dir / "a" / (std::to_string(i) + ".json"), "one", &error),
                    error.c_str());
                QVERIFY2(writeFileAtomic(dir / "a" / (std::to_string(i) + ".json"), "two", &error),
                    error.c_str());
            }
            QVERIFY2(writeFileAtomic(dir / "b.json", "three", &error), error.c_str());
            QVERIFY2(sync.finish(&error), error.c_str());
            QVERIFY(sync.finish(&error)); // once is enough
        }
        QCOMPARE(filesBelow(dir),
            (std::vector<std::string> { "a/0.json", "a/1.json", "a/2.json", "b.json" }));
        QCOMPARE(bytes(readText(dir / "a" / "2.json")), QByteArray("two"));
        // Afterwards writes are flushed one by one again.
        QVERIFY(writeFileAtomic(dir / "c.json", "four", &error));
        QCOMPARE(bytes(readText(dir / "c.json")), QByteArray("four"));
    }
}

void TestWorkspaceStore::writeFileAtomicLeavesNoTempFiles()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path target = pathOf(tmp) / "sub" / "file.json";
    std::string error;
    for (int i = 0; i < 20; ++i)
        QVERIFY2(writeFileAtomic(target, "round " + std::to_string(i), &error), error.c_str());
    QCOMPARE(bytes(readText(target)), QByteArray("round 19"));
    QCOMPARE(filesBelow(pathOf(tmp)), std::vector<std::string> { "sub/file.json" });

    // The mode of the replaced file is kept.
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    QVERIFY2(writeFileAtomic(target, "again", &error), error.c_str());
    QVERIFY((fs::status(target).permissions() & fs::perms::all)
        == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

    // A failed write reports why and leaves nothing behind.
    const fs::path blocked = pathOf(tmp) / "blocked";
    writeText(blocked, "a file, not a directory");
    error.clear();
    QVERIFY(!writeFileAtomic(blocked / "x.json", "content", &error));
    QVERIFY(!error.empty());
    QCOMPARE(filesBelow(pathOf(tmp)), (std::vector<std::string> { "blocked", "sub/file.json" }));
}

void TestWorkspaceStore::copyWorkspaceSkipsState()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path from = pathOf(tmp) / "from";
    writeText(from / "tollgate.json", "{}");
    writeText(from / "routes" / "get-a.json", "{}");
    writeText(from / "bodies" / "deep" / "b.json", "[]");
    writeText(from / ".tollgate" / "metrics.db", "local");
    writeText(from / ".gitignore", ".tollgate/\n");

    const fs::path to = pathOf(tmp) / "to" / "nested";
    std::string error;
    QVERIFY2(copyWorkspace(from, to, &error), error.c_str());
    QCOMPARE(filesBelow(to),
        (std::vector<std::string> {
            ".gitignore", "bodies/deep/b.json", "routes/get-a.json", "tollgate.json" }));
    QCOMPARE(bytes(readText(to / "bodies" / "deep" / "b.json")), QByteArray("[]"));

    QVERIFY(!copyWorkspace(pathOf(tmp) / "missing", to, &error));
    QVERIFY(!error.empty());
}

void TestWorkspaceStore::tiersRoundTrip()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp);
    ws.tiers = {
        Tier { "hobby", "Hobby – ünïcode", 0, 1, 0, 0, 0, 0, OverQuotaPolicy::Block },
        Tier { "scale-2", "Scale \"2\"", 60'000'000, 1'000'000, 1'000'000'000'000,
            1'000'000'000'000, 1, 2, OverQuotaPolicy::Bill },
        Tier { "x_y", "X", 1, 1, 5, 7, 0, 3, OverQuotaPolicy::Block },
    };
    for (const Tier& t : ws.tiers)
        QVERIFY2(tierProblems(t).empty(), t.id.c_str());
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const std::string text = readText(ws.dir / "tollgate.json");
    QVERIFY(text.find("\"overQuota\": \"bill\"") != std::string::npos);
    QVERIFY(text.find("\"overQuota\": \"block\"") != std::string::npos);

    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.tiers == ws.tiers);
    QVERIFY(loaded.workspace == ws);
    QCOMPARE(bytes(settingsToJson(loaded.workspace)), bytes(text));
}

void TestWorkspaceStore::invalidTiersDiagnosedAndLeftOut()
{
    const std::string text = "{\n"
                             "  \"schemaVersion\": 1,\n"
                             "  \"name\": \"Tiers\",\n"
                             "  \"tiers\": [\n"
                             "    {\n"
                             "      \"id\": \"free\",\n"
                             "      \"name\": \"Free\",\n"
                             "      \"monthlyQuota\": 100\n"
                             "    },\n"
                             "    {\n"
                             "      \"id\": \"neg\",\n"
                             "      \"name\": \"Negative\",\n"
                             "      \"monthlyQuota\": -5\n"
                             "    },\n"
                             "    {\n"
                             "      \"id\": \"weird\",\n"
                             "      \"name\": \"Weird\",\n"
                             "      \"overQuota\": \"sometimes\"\n"
                             "    },\n"
                             "    {\n"
                             "      \"id\": \"free\",\n"
                             "      \"name\": \"Free again\"\n"
                             "    },\n"
                             "    { \"name\": \"Bad\",\n"
                             "      \"id\": \"Bad Id\"\n"
                             "    },\n"
                             "    7,\n"
                             "    { \"name\": \"Pro\",\n"
                             "      \"id\": \"pro\",\n"
                             "      \"requestsPerMinute\": 60,\n"
                             "      \"burst\": 0\n"
                             "    },\n"
                             "    {\n"
                             "      \"id\": \"ok\",\n"
                             "      \"name\": \"Ok\",\n"
                             "      \"overQuota\": \"bill\"\n"
                             "    }\n"
                             "  ]\n"
                             "}\n";
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json", text);
    const LoadResult loaded = loadWorkspace(pathOf(tmp));

    struct Expected {
        int line;
        const char* message;
    };
    const std::vector<Expected> expected {
        { lineOf(text, "\"monthlyQuota\": -5"), "\"monthlyQuota\" must be a non-negative integer" },
        { lineOf(text, "\"sometimes\""), "unknown over-quota policy \"sometimes\"" },
        { lineOf(text, "\"id\": \"free\"", 2), "duplicate tier id \"free\"" },
        { lineOf(text, "\"name\": \"Bad\""), "tier \"Bad Id\": the tier id must be" },
        { lineOf(text, "    7,"), "each tier must be an object" },
        { lineOf(text, "\"name\": \"Pro\""), "the burst must be between 1 and 1000000" },
    };
    QVERIFY2(loaded.errors.size() == expected.size(), describe(loaded.errors).constData());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Diagnostic& d = loaded.errors[i];
        QCOMPARE(bytes(d.file), QByteArray("tollgate.json"));
        QVERIFY2(d.line == expected[i].line && bytes(d.message).contains(expected[i].message),
            bytes(d.toString()).constData());
        QVERIFY(d.column > 0);
    }
    // Only the valid tiers are kept; the rest of the file still applies.
    QCOMPARE(loaded.workspace.tiers.size(), std::size_t(2));
    QCOMPARE(bytes(loaded.workspace.tiers[0].id), QByteArray("free"));
    QCOMPARE(loaded.workspace.tiers[0].monthlyQuota, std::int64_t(100));
    QCOMPARE(bytes(loaded.workspace.tiers[1].id), QByteArray("ok"));
    QCOMPARE(loaded.workspace.tiers[1].overQuota, OverQuotaPolicy::Bill);
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Tiers"));

    // tierProblems on its own.
    Tier t = defaultTiers()[0];
    QVERIFY(tierProblems(t).empty());
    t.monthlyQuota = -1;
    t.pricePerRequestMicros = -1;
    t.id = std::string(33, 'a');
    QCOMPARE(tierProblems(t).size(), std::size_t(3));
    t = defaultTiers()[0];
    t.requestsPerMinute = 0;
    t.burst = 0; // burst is irrelevant without a rate
    QVERIFY(tierProblems(t).empty());
    t.requestsPerMinute = 60'000'001;
    t.burst = 1;
    QCOMPARE(tierProblems(t).size(), std::size_t(1));
    t = defaultTiers()[0];
    t.name.clear();
    QCOMPARE(tierProblems(t).size(), std::size_t(1));
}

void TestWorkspaceStore::workspaceWithoutTiersGetsDefaults()
{
    const std::vector<Tier> defaults = defaultTiers();
    QCOMPARE(defaults.size(), std::size_t(3));
    QCOMPARE(bytes(defaults[0].id), QByteArray("free"));
    QCOMPARE(bytes(defaults[1].id), QByteArray("pro"));
    QCOMPARE(bytes(defaults[2].id), QByteArray("enterprise"));
    QCOMPARE(defaults[0].overQuota, OverQuotaPolicy::Block);
    QCOMPARE(defaults[1].overQuota, OverQuotaPolicy::Bill);
    for (const Tier& t : defaults)
        QVERIFY2(tierProblems(t).empty(), t.id.c_str());

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json", "{\"schemaVersion\": 1, \"name\": \"Old\"}\n");
    LoadResult loaded = loadWorkspace(pathOf(tmp));
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.tiers == defaults);
    QVERIFY(findTier(loaded.workspace.tiers, "pro") == &loaded.workspace.tiers[1]);
    QVERIFY(findTier(loaded.workspace.tiers, "gold") == nullptr);

    // An explicit empty list means "no tiers", not "the defaults".
    writeText(pathOf(tmp) / "tollgate.json", "{\"tiers\": []}\n");
    loaded = loadWorkspace(pathOf(tmp));
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.tiers.empty());

    writeText(pathOf(tmp) / "tollgate.json", "{\n  \"tiers\": {}\n}\n");
    loaded = loadWorkspace(pathOf(tmp));
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    QCOMPARE(loaded.errors[0].line, 2);
    QVERIFY(loaded.workspace.tiers == defaults);
}

void TestWorkspaceStore::environmentsRoundTrip()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws = fullyPopulated(pathOf(tmp));
    ws.routes.clear();
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const std::string text = readText(ws.dir / "tollgate.json");
    // Environments follow the tiers, one variable per object, pretty.
    QVERIFY2(text.find("  \"environments\": [\n    {\n      \"name\": \"Local\",\n"
                       "      \"variables\": [\n        {\n          \"name\": \"userId\",\n"
                       "          \"value\": \"42\"\n        },\n")
            != std::string::npos,
        text.c_str());
    QVERIFY(text.find("\"tiers\"") < text.find("\"environments\""));
    QVERIFY(text.find("\"name\": \"Empty\",\n      \"variables\": []") != std::string::npos);

    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.environments == ws.environments);
    QVERIFY(loaded.workspace == ws);
    QCOMPARE(bytes(settingsToJson(loaded.workspace)), bytes(text));
}

void TestWorkspaceStore::invalidEnvironmentsDiagnosed()
{
    const std::string text = "{\n"
                             "  \"schemaVersion\": 1,\n"
                             "  \"name\": \"Envs\",\n"
                             "  \"environments\": [\n"
                             "    {\n"
                             "      \"name\": \"Local\",\n"
                             "      \"variables\": [\n"
                             "        { \"name\": \"userId\", \"value\": \"42\" },\n"
                             "        { \"name\": \"bad name\", \"value\": \"x\" },\n"
                             "        { \"name\": \"userId\", \"value\": \"43\" },\n"
                             "        { \"name\": \"n\", \"value\": 5 },\n"
                             "        { \"name\": 7, \"value\": \"x\" },\n"
                             "        \"loose\",\n"
                             "        { \"name\": \"window\", \"value\": \"24h\" }\n"
                             "      ]\n"
                             "    },\n"
                             "    {\n"
                             "      \"name\": \"Local\",\n"
                             "      \"variables\": []\n"
                             "    },\n"
                             "    { \"variables\": [] },\n"
                             "    { \"name\": \"  \" },\n"
                             "    3,\n"
                             "    { \"name\": \"Staging\", \"variables\": {} },\n"
                             "    { \"name\": \"Prod\" }\n"
                             "  ]\n"
                             "}\n";
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json", text);
    const LoadResult loaded = loadWorkspace(pathOf(tmp));

    struct Expected {
        int line;
        const char* message;
    };
    const std::vector<Expected> expected {
        { lineOf(text, "\"bad name\""), "variable name \"bad name\" must be letters, digits" },
        { lineOf(text, "\"43\""), "duplicate variable \"userId\" in environment \"Local\"" },
        { lineOf(text, "\"value\": 5"), "\"value\" must be a string" },
        { lineOf(text, "\"name\": 7"), "\"name\" must be a string" },
        { lineOf(text, "\"loose\""), "each variable must be an object" },
        { lineOf(text, "\"name\": \"Local\"", 2), "duplicate environment name \"Local\"" },
        { lineOf(text, "{ \"variables\": [] }"), "the environment needs a \"name\"" },
        { lineOf(text, "{ \"name\": \"  \" }"), "the environment needs a \"name\"" },
        { lineOf(text, "    3,"), "each environment must be an object" },
        { lineOf(text, "\"Staging\""), "\"variables\" must be an array" },
    };
    QVERIFY2(loaded.errors.size() == expected.size(), describe(loaded.errors).constData());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Diagnostic& d = loaded.errors[i];
        QCOMPARE(bytes(d.file), QByteArray("tollgate.json"));
        QVERIFY2(d.line == expected[i].line && bytes(d.message).contains(expected[i].message),
            bytes(d.toString()).constData());
        QVERIFY(d.column > 0);
    }
    // Environments with a name stay (the first "Local" with its good
    // variables), the rest of the file still applies.
    const std::vector<Environment> kept {
        Environment { "Local", { { "userId", "42" }, { "window", "24h" } } },
        Environment { "Staging", {} },
        Environment { "Prod", {} },
    };
    QVERIFY(loaded.workspace.environments == kept);
    QCOMPARE(bytes(loaded.workspace.name), QByteArray("Envs"));
}

void TestWorkspaceStore::workspaceWithoutEnvironmentsGetsDefault()
{
    const std::vector<Environment> defaults { Environment { "Local", {} } };
    QVERIFY(Workspace().environments == defaults);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "tollgate.json", "{\"schemaVersion\": 1, \"name\": \"Old\"}\n");
    LoadResult loaded = loadWorkspace(pathOf(tmp));
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.environments == defaults);

    // Saving writes the default out, and it reads back the same.
    std::string error;
    QVERIFY2(saveWorkspace(loaded.workspace, &error), error.c_str());
    QVERIFY(readText(pathOf(tmp) / "tollgate.json").find("\"environments\"") != std::string::npos);
    loaded = loadWorkspace(pathOf(tmp));
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.environments == defaults);

    writeText(pathOf(tmp) / "tollgate.json", "{\"environments\": []}\n");
    loaded = loadWorkspace(pathOf(tmp));
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.environments.empty());

    writeText(pathOf(tmp) / "tollgate.json", "{\n  \"environments\": \"Local\"\n}\n");
    loaded = loadWorkspace(pathOf(tmp));
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    QCOMPARE(loaded.errors[0].line, 2);
    QVERIFY(loaded.workspace.environments == defaults);
}

void TestWorkspaceStore::routeAccessRoundTrip()
{
    Route route;
    route.path = "/v1/charge";
    route.access = { true, { "read", "billing:write" }, 1'500, 25, 120, 5, 40,
        { "/usage/in", "/usage/out" } };
    Route parsed;
    std::vector<Diagnostic> errors;
    QVERIFY2(routeFromJson(routeToJson(route), "routes/get-v1-charge.json", &parsed, &errors),
        describe(errors).constData());
    parsed.fileName.clear();
    QVERIFY(parsed.access == route.access);
    QVERIFY(parsed == route);

    // A free route on a paid tier (price 0) is not "the tier's price" (-1).
    route.access = { true, {}, 0, 0, 0, 0, 0, {} };
    QVERIFY(routeFromJson(routeToJson(route), "x", &parsed, &errors));
    QCOMPARE(parsed.access.priceMicros, Micros(0));
    QVERIFY(parsed.access == route.access);

    // The defaults: public, the tier's price, no own limit.
    route.access = RouteAccess {};
    const std::string text = routeToJson(route);
    QVERIFY(text.find("\"auth\": \"public\"") != std::string::npos);
    QVERIFY(text.find("priceMicros") == std::string::npos);
    QVERIFY(text.find("requestsPerMinute") == std::string::npos);
    QVERIFY(routeFromJson(text, "x", &parsed, &errors));
    QCOMPARE(parsed.access.priceMicros, Micros(-1));
    QVERIFY(parsed.access == RouteAccess {});
    QVERIFY2(errors.empty(), describe(errors).constData());

    // Through the workspace files.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp);
    Route keyed = route;
    keyed.access = { true, { "admin" }, 7, 3, 60'000'000, 1'000'000, 0, {} };
    ws.routes = { keyed };
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
    QVERIFY(loaded.workspace.routes[0].access == keyed.access);
}

void TestWorkspaceStore::routeAccessErrors_data()
{
    QTest::addColumn<std::string>("access");
    QTest::addColumn<std::string>("needle");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown auth") << std::string("{\n    \"auth\": \"maybe\"\n  }")
                                  << std::string("\"auth\"")
                                  << QByteArray("unknown auth \"maybe\"");
    QTest::newRow("auth not a string")
        << std::string("{\n    \"auth\": true\n  }") << std::string("\"auth\"")
        << QByteArray("\"auth\" must be a string");
    QTest::newRow("scopes not an array")
        << std::string("{\n    \"scopes\": \"read\"\n  }") << std::string("\"scopes\"")
        << QByteArray("\"scopes\" must be an array");
    QTest::newRow("scope not a string")
        << std::string("{\n    \"scopes\": [\"read\",\n      5]\n  }") << std::string("5]")
        << QByteArray("each entry of \"scopes\" must be a string");
    QTest::newRow("negative price")
        << std::string("{\n    \"priceMicros\": -1\n  }") << std::string("\"priceMicros\"")
        << QByteArray("\"priceMicros\" must be a non-negative integer");
    QTest::newRow("cost as text") << std::string("{\n    \"costMicros\": \"5\"\n  }")
                                  << std::string("\"costMicros\"")
                                  << QByteArray("\"costMicros\" must be a non-negative integer");
    QTest::newRow("cost per ms negative")
        << std::string("{\n    \"costPerMsMicros\": -3\n  }") << std::string("\"costPerMsMicros\"")
        << QByteArray("\"costPerMsMicros\" must be a non-negative integer");
    QTest::newRow("rate too high")
        << std::string("{\n    \"requestsPerMinute\": 60000001\n  }")
        << std::string("\"requestsPerMinute\"")
        << QByteArray("\"requestsPerMinute\" must be an integer between 0 and 60000000");
    QTest::newRow("burst too high")
        << std::string("{\n    \"burst\": 1000001\n  }") << std::string("\"burst\"")
        << QByteArray("\"burst\" must be an integer between 0 and");
    QTest::newRow("not an object") << std::string("[]") << std::string("\"access\"")
                                   << QByteArray("\"access\" must be an object");
}

void TestWorkspaceStore::routeAccessErrors()
{
    QFETCH(std::string, access);
    QFETCH(std::string, needle);
    QFETCH(QByteArray, message);
    const std::string text = routeText("  \"access\": " + access + "\n");
    Route route;
    route.path = "/untouched";
    std::vector<Diagnostic> errors;
    QVERIFY(!routeFromJson(text, "routes/get-x.json", &route, &errors));
    QVERIFY2(errors.size() == 1, describe(errors).constData());
    QCOMPARE(bytes(errors[0].file), QByteArray("routes/get-x.json"));
    QCOMPARE(errors[0].line, lineOf(text, needle));
    QVERIFY2(bytes(errors[0].message).contains(message), errors[0].message.c_str());
    QCOMPARE(bytes(route.path), QByteArray("/untouched"));
}

void TestWorkspaceStore::keysRoundTrip()
{
    ApiKey full;
    full.id = "key_1";
    full.prefix = "tg_live_AbCdEfGh";
    full.hash = kHashA;
    full.label = "Mobile, \"prod\" ✓";
    full.owner = "ops@example.com";
    full.tier = "pro";
    full.scopes = { "read", "write" };
    full.created = 1'795'755'600;
    full.expires = 1'798'761'600;
    full.revoked = 1'796'000'000;
    full.rotatedFrom = "key_0";
    ApiKey minimal;
    minimal.id = "key_2";
    minimal.hash = kHashB;
    minimal.tier = "free";
    const std::vector<ApiKey> keys { full, minimal };

    const std::string text = keysToJson(keys);
    QVERIFY(text.find("\"hash\": \"sha256:" + kHashA + "\"") != std::string::npos);
    QVERIFY(text.find("\"expires\": \"2027-01-01T00:00:00Z\"") != std::string::npos);
    QVERIFY(text.find("\"expires\": null") != std::string::npos);
    QVERIFY(text.find("\"schemaVersion\": 1") != std::string::npos);
    std::vector<ApiKey> parsed;
    std::vector<Diagnostic> errors;
    QVERIFY2(keysFromJson(text, "keys.json", &parsed, &errors), describe(errors).constData());
    QVERIFY(parsed == keys);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    std::string error;
    QVERIFY2(saveKeys(pathOf(tmp), keys, &error), error.c_str());
    QCOMPARE(bytes(readText(pathOf(tmp) / "keys.json")), bytes(text));
    parsed.clear();
    QVERIFY(loadKeys(pathOf(tmp), &parsed, &errors));
    QVERIFY(parsed == keys);
    // No keys.json: no keys, no error.
    parsed = keys;
    QVERIFY(loadKeys(pathOf(tmp) / "nowhere", &parsed, &errors));
    QVERIFY(parsed.empty());
    QVERIFY2(errors.empty(), describe(errors).constData());

    // Through the workspace, and a workspace without keys gets no keys.json.
    Workspace ws;
    ws.dir = pathOf(tmp) / "ws";
    std::string saveError;
    QVERIFY2(saveWorkspace(ws, &saveError), saveError.c_str());
    QVERIFY(!fs::exists(ws.dir / "keys.json"));
    ws.keys = keys;
    QVERIFY2(saveWorkspace(ws, &saveError), saveError.c_str());
    const LoadResult loaded = loadWorkspace(ws.dir);
    QVERIFY2(loaded.ok(), describe(loaded.errors).constData());
    QVERIFY(loaded.workspace.keys == keys);
    // Removing every key rewrites the file rather than keeping stale keys.
    ws.keys.clear();
    QVERIFY2(saveWorkspace(ws, &saveError), saveError.c_str());
    QVERIFY(loadWorkspace(ws.dir).workspace.keys.empty());
}

void TestWorkspaceStore::keysRawKeyLookingTextAndBadHash()
{
    const std::string rawKey = "tg_dev_" + std::string(43, '0') + "3607Qu";
    // Text that merely looks like a key (here a label) is just text.
    std::vector<ApiKey> keys;
    std::vector<Diagnostic> errors;
    QVERIFY2(keysFromJson(keysText("sha256:" + kHashA, rawKey), "keys.json", &keys, &errors),
        describe(errors).constData());
    QCOMPARE(keys.size(), std::size_t(1));
    QCOMPARE(bytes(keys[0].label), bytes(rawKey));
    QCOMPARE(bytes(keys[0].hash), bytes(kHashA));

    // A hash that is not a SHA-256 (a pasted raw key, upper case, too short,
    // no algorithm) is an error at the line of "hash".
    std::string upper = kHashA;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& hash : { rawKey, "sha256:" + upper, "sha256:" + kHashA.substr(1),
             kHashA, "sha1:" + kHashA, "sha256:" + kHashA + "0", std::string("sha256:") }) {
        const std::string text = keysText(hash);
        keys = { ApiKey {} };
        errors.clear();
        QVERIFY2(!keysFromJson(text, "keys.json", &keys, &errors), hash.c_str());
        QVERIFY2(errors.size() == 1, describe(errors).constData());
        QCOMPARE(bytes(errors[0].file), QByteArray("keys.json"));
        QCOMPARE(errors[0].line, lineOf(text, "\"hash\""));
        QVERIFY2(errors[0].message.find("sha256:") != std::string::npos, errors[0].message.c_str());
        QCOMPARE(keys.size(), std::size_t(1)); // output untouched on failure
    }

    // Through the loader: the diagnostic names keys.json, the routes still load.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    Workspace ws;
    ws.dir = pathOf(tmp);
    Route route;
    route.path = "/still-here";
    ws.routes = { route };
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());
    writeText(ws.dir / "keys.json", keysText(rawKey));
    const LoadResult loaded = loadWorkspace(ws.dir);
    QCOMPARE(loaded.errors.size(), std::size_t(1));
    QCOMPARE(bytes(loaded.errors[0].file), QByteArray("keys.json"));
    QCOMPARE(loaded.errors[0].line, lineOf(keysText(rawKey), "\"hash\""));
    QVERIFY(loaded.workspace.keys.empty());
    QCOMPARE(loaded.workspace.routes.size(), std::size_t(1));
}

void TestWorkspaceStore::keysFileErrors_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("needle");
    QTest::addColumn<QByteArray>("message");
    const std::string good = keysText("sha256:" + kHashA);
    auto replaced = [&good](const std::string& from, const std::string& to) {
        std::string t = good;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    QTest::newRow("bad created") << replaced("2026-11-27T05:00:00Z", "2026-13-01T00:00:00Z")
                                 << std::string("\"created\"")
                                 << QByteArray("\"created\" must be null or a UTC time");
    QTest::newRow("created as number")
        << replaced("\"2026-11-27T05:00:00Z\"", "1795755600") << std::string("\"created\"")
        << QByteArray("\"created\" must be null or a UTC time");
    QTest::newRow("no tier") << replaced("\"free\"", "\"\"") << std::string("\"tier\"")
                             << QByteArray("the key needs a \"tier\"");
    QTest::newRow("no id") << replaced("\"key_1\"", "\"\"") << std::string("    {")
                           << QByteArray("the key needs an \"id\"");
    QTest::newRow("scopes not strings")
        << replaced("\"tier\": \"free\",", "\"tier\": \"free\",\n      \"scopes\": [1],")
        << std::string("[1]") << QByteArray("each entry of \"scopes\" must be a string");
    QTest::newRow("key not an object")
        << std::string("{\n  \"keys\": [\n    \"tg_dev_abc\"\n  ]\n}\n")
        << std::string("\"tg_dev_abc\"") << QByteArray("each key must be an object");
    QTest::newRow("duplicate id") << std::string(
        "{\n  \"keys\": [\n    {\"id\": \"key_1\", \"hash\": \"sha256:" + kHashA
        + "\", \"tier\": \"free\"},\n    {\"id\": \"key_1\", \"hash\": \"sha256:" + kHashB
        + "\", \"tier\": \"free\"}\n  ]\n}\n")
                                  << std::string(
                                         "    {\"id\": \"key_1\", \"hash\": \"sha256:" + kHashB)
                                  << QByteArray("duplicate key id \"key_1\"");
    QTest::newRow("newer schema") << replaced("\"schemaVersion\": 1", "\"schemaVersion\": 2")
                                  << std::string("\"schemaVersion\"") << QByteArray("newer");
    QTest::newRow("syntax") << replaced("\"tier\": \"free\",", "\"tier\": \"free\"")
                            << std::string("\"created\"") << QByteArray("JSON syntax error");
}

void TestWorkspaceStore::keysFileErrors()
{
    QFETCH(std::string, text);
    QFETCH(std::string, needle);
    QFETCH(QByteArray, message);
    std::vector<ApiKey> keys;
    std::vector<Diagnostic> errors;
    QVERIFY(!keysFromJson(text, "keys.json", &keys, &errors));
    QVERIFY2(errors.size() == 1, describe(errors).constData());
    QCOMPARE(errors[0].line, lineOf(text, needle));
    QVERIFY2(bytes(errors[0].message).contains(message), errors[0].message.c_str());
    QVERIFY(keys.empty());
}

void TestWorkspaceStore::saveKeysRefusesBrokenFile()
{
    ApiKey key;
    key.id = "key_new";
    key.hash = kHashB;
    key.tier = "free";
    const std::vector<std::string> broken {
        "{\n  \"keys\": [\n", // syntax
        keysText("tg_dev_pasted-a-raw-key"), // semantics
        "{\"schemaVersion\": 2, \"keys\": []}\n", // from a newer Tollgate
    };
    for (const std::string& text : broken) {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path file = pathOf(tmp) / "keys.json";
        writeText(file, text);
        std::string error;
        QVERIFY(!saveKeys(pathOf(tmp), { key }, &error));
        QVERIFY2(error.find("keys.json") != std::string::npos, error.c_str());
        QCOMPARE(bytes(readText(file)), bytes(text));
        // Emptying the list must not wipe the file either.
        QVERIFY(!saveKeys(pathOf(tmp), {}, &error));
        QCOMPARE(bytes(readText(file)), bytes(text));

        // Saving the whole workspace refuses too, and leaves the file alone.
        Workspace ws;
        ws.dir = pathOf(tmp);
        ws.keys = { key };
        QVERIFY(!saveWorkspace(ws, &error));
        QCOMPARE(bytes(readText(file)), bytes(text));
    }

    // A keys.json that loads is replaced.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "keys.json", keysText("sha256:" + kHashA));
    std::string error;
    QVERIFY2(saveKeys(pathOf(tmp), { key }, &error), error.c_str());
    std::vector<ApiKey> loaded;
    QVERIFY(loadKeys(pathOf(tmp), &loaded, nullptr));
    QVERIFY(loaded == std::vector<ApiKey> { key });
}

void TestWorkspaceStore::utcTimes_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("epoch") << std::string("1970-01-01T00:00:00Z") << true << qint64(0);
    QTest::newRow("example") << std::string("2026-11-27T05:00:00Z") << true
                             << qint64(1'795'755'600);
    QTest::newRow("leap day") << std::string("2024-02-29T12:00:00Z") << true
                              << qint64(1'709'208'000);
    QTest::newRow("last second of 2025")
        << std::string("2025-12-31T23:59:59Z") << true << qint64(1'767'225'599);
    QTest::newRow("no leap day") << std::string("2025-02-29T00:00:00Z") << false << qint64(-1);
    QTest::newRow("31 April") << std::string("2026-04-31T00:00:00Z") << false << qint64(-1);
    QTest::newRow("month 13") << std::string("2026-13-01T00:00:00Z") << false << qint64(-1);
    QTest::newRow("hour 24") << std::string("2026-01-01T24:00:00Z") << false << qint64(-1);
    QTest::newRow("before 1970") << std::string("1969-12-31T23:59:59Z") << false << qint64(-1);
    QTest::newRow("no Z") << std::string("2026-01-01T00:00:00") << false << qint64(-1);
    QTest::newRow("offset") << std::string("2026-01-01T00:00:00+01:00") << false << qint64(-1);
    QTest::newRow("lower-case z") << std::string("2026-01-01T00:00:00z") << false << qint64(-1);
    QTest::newRow("space for T") << std::string("2026-01-01 00:00:00Z") << false << qint64(-1);
    QTest::newRow("one-digit month") << std::string("2026-1-01T00:00:00Z") << false << qint64(-1);
    QTest::newRow("fraction") << std::string("2026-01-01T00:00:00.5Z") << false << qint64(-1);
    QTest::newRow("date only") << std::string("2026-01-01") << false << qint64(-1);
    QTest::newRow("empty") << std::string() << false << qint64(-1);
    // Signs inside fields are not digits: "12:-1" is not 11:59.
    QTest::newRow("negative minute") << std::string("2026-01-31T12:-1:00Z") << false << qint64(-1);
    QTest::newRow("negative second") << std::string("2026-01-31T12:00:-1Z") << false << qint64(-1);
    QTest::newRow("negative hour") << std::string("2026-01-31T-1:00:00Z") << false << qint64(-1);
}

void TestWorkspaceStore::utcTimes()
{
    QFETCH(std::string, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    std::int64_t out = -1;
    QCOMPARE(parseUtcTime(text, &out), valid);
    QCOMPARE(qint64(out), seconds);
    if (valid)
        QCOMPARE(bytes(formatUtcTime(out)), bytes(text));
}

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "tst_workspacestore.moc"
