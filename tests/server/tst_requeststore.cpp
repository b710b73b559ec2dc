// Saved composer requests on disk: requests/<folder>/<slug>.json, every field
// round-trips, the secret of a workspace key is never written, file and
// folder names are safe, a broken file is reported with its line while the
// others load, and the demo workspace's requests match its routes.

#include "server/composer/requeststore.h"
#include "server/composer/variables.h"
#include "server/routing/routetable.h"
#include "server/workspace/workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
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

using BodyKind = ComposerRequest::BodyKind;
using AuthKind = ComposerRequest::AuthKind;

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
    if (!fs::exists(dir))
        return out;
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
        out += QByteArray::fromStdString(d.toString()) + '\n';
    return out;
}

int lineOf(const std::string& text, const std::string& needle)
{
    const auto pos = text.find(needle);
    if (pos == std::string::npos)
        return 0;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

/// A request in which every field differs from its default; the body and
/// auth fields are those of the given kinds (the others are not saved).
SavedRequest everything(BodyKind body, AuthKind auth)
{
    SavedRequest s;
    s.name = "Everything \"quoted\" – ünïcode / {{not a var}}";
    s.folder = "users/admin";
    ComposerRequest& r = s.request;
    r.method = "PROPFIND";
    r.url = "{{baseUrl}}/v1/users/{{userId}}?q=a%20b&x=\\";
    r.headers = { { "Accept", "application/json" }, { "X-Empty", "" },
        { "X-{{name}}", "tab\there \"q\" ✓" } };
    r.bodyKind = body;
    switch (body) {
    case BodyKind::None:
        break;
    case BodyKind::Raw:
        r.body = "{\n  \"id\": {{userId}},\n  \"s\": \"\\u00fc\\\\\"\n}\r\n";
        break;
    case BodyKind::Form:
        r.body = "a=1&b=%C3%BC";
        break;
    case BodyKind::Multipart:
        r.formFields = { { "name", "Ada" }, { "photo", "@bodies/photo.jpg" }, { "e", "" } };
        break;
    case BodyKind::File:
        r.bodyFile = "bodies/upload.bin";
        break;
    }
    r.auth = auth;
    switch (auth) {
    case AuthKind::None:
        break;
    case AuthKind::Bearer:
        r.token = "{{token}}";
        break;
    case AuthKind::ApiKey:
        r.token = "tg_dev_typed";
        r.apiKeyHeader = "X-Custom-Key";
        break;
    case AuthKind::Basic:
        r.basicUser = "ada";
        r.basicPassword = "p:w \"ü\"";
        break;
    }
    r.followRedirects = true;
    r.http2 = true;
    r.compressed = true;
    r.insecure = true;
    r.connectTimeoutMs = 2500;
    r.totalTimeoutMs = 86'400'000;
    return s;
}

SavedRequest named(const std::string& name, const std::string& folder = {})
{
    SavedRequest s;
    s.name = name;
    s.folder = folder;
    s.request.url = "https://x.io/" + name;
    return s;
}

const std::string kSecret = "tg_dev_4eC39HqLyjWDarjtT1zdp7dcSECRET";

} // namespace

class TestRequestStore : public QObject {
    Q_OBJECT

private slots:
    void enumNames();
    void roundTripEveryField_data();
    void roundTripEveryField();
    void outputIsStableAndPretty();
    void keyIdNeverWritesToken();
    void foldersAndOrder();
    void uniqueSlugs_data();
    void uniqueSlugs();
    void slugCollisions();
    void malformedFileReportedOthersLoad();
    void semanticErrors_data();
    void semanticErrors();
    void handWrittenFileTakesDefaults();
    void badFolderNamesRejected_data();
    void badFolderNamesRejected();
    void badFileNamesRejected();
    void badFolderOnDiskReported();
    void saveRefusesWhatWouldNotLoad();
    void deleteRemovesTheFile();
    void moveKeepsTheFileName();
    void demoRequests();
};

void TestRequestStore::enumNames()
{
    QCOMPARE(QByteArray(toString(BodyKind::None)), QByteArray("none"));
    QCOMPARE(QByteArray(toString(BodyKind::Raw)), QByteArray("raw"));
    QCOMPARE(QByteArray(toString(BodyKind::Form)), QByteArray("form"));
    QCOMPARE(QByteArray(toString(BodyKind::Multipart)), QByteArray("multipart"));
    QCOMPARE(QByteArray(toString(BodyKind::File)), QByteArray("file"));
    QCOMPARE(QByteArray(toString(AuthKind::None)), QByteArray("none"));
    QCOMPARE(QByteArray(toString(AuthKind::Bearer)), QByteArray("bearer"));
    QCOMPARE(QByteArray(toString(AuthKind::ApiKey)), QByteArray("apiKey"));
    QCOMPARE(QByteArray(toString(AuthKind::Basic)), QByteArray("basic"));
}

void TestRequestStore::roundTripEveryField_data()
{
    QTest::addColumn<int>("body");
    QTest::addColumn<int>("auth");
    QTest::newRow("none/none") << int(BodyKind::None) << int(AuthKind::None);
    QTest::newRow("raw/bearer") << int(BodyKind::Raw) << int(AuthKind::Bearer);
    QTest::newRow("form/apiKey") << int(BodyKind::Form) << int(AuthKind::ApiKey);
    QTest::newRow("multipart/basic") << int(BodyKind::Multipart) << int(AuthKind::Basic);
    QTest::newRow("file/bearer") << int(BodyKind::File) << int(AuthKind::Bearer);
}

void TestRequestStore::roundTripEveryField()
{
    QFETCH(int, body);
    QFETCH(int, auth);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    SavedRequest saved = everything(static_cast<BodyKind>(body), static_cast<AuthKind>(auth));
    std::string error;
    QVERIFY2(saveRequest(pathOf(tmp), &saved, &error), error.c_str());
    QCOMPARE(saved.fileName, std::string("everything-quoted-n-code-not-a-var.json"));
    QVERIFY(fs::exists(pathOf(tmp) / "requests" / "users" / "admin" / saved.fileName));

    const RequestLoadResult loaded = loadRequests(pathOf(tmp));
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QCOMPARE(loaded.requests.size(), std::size_t(1));
    QVERIFY(loaded.requests[0] == saved);
    QCOMPARE(loaded.folders, (std::vector<std::string> { "users", "users/admin" }));

    // Text level too: what is written is what is read.
    SavedRequest parsed;
    Diagnostic d;
    const std::string text = savedRequestToJson(saved);
    QVERIFY2(savedRequestFromJson(text, "requests/x.json", &parsed, &d), d.toString().c_str());
    QCOMPARE(parsed.fileName, std::string("x.json"));
    QVERIFY(parsed.folder.empty());
    parsed.fileName = saved.fileName;
    parsed.folder = saved.folder;
    QVERIFY(parsed == saved);
    QCOMPARE(savedRequestToJson(parsed), text);
}

void TestRequestStore::outputIsStableAndPretty()
{
    SavedRequest s;
    s.name = "Create user";
    s.request.method = "POST";
    s.request.url = "{{baseUrl}}/v1/users";
    s.request.headers = { { "Content-Type", "application/json" } };
    s.request.bodyKind = BodyKind::Raw;
    s.request.body = "{\"name\": \"Ada\"}";
    s.request.auth = AuthKind::ApiKey;
    s.request.token = "{{apiKey}}";
    s.request.totalTimeoutMs = 5000;
    const std::string expected = "{\n"
                                 "  \"schemaVersion\": 1,\n"
                                 "  \"name\": \"Create user\",\n"
                                 "  \"method\": \"POST\",\n"
                                 "  \"url\": \"{{baseUrl}}/v1/users\",\n"
                                 "  \"headers\": [\n"
                                 "    {\n"
                                 "      \"name\": \"Content-Type\",\n"
                                 "      \"value\": \"application/json\"\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"body\": {\n"
                                 "    \"kind\": \"raw\",\n"
                                 "    \"text\": \"{\\\"name\\\": \\\"Ada\\\"}\"\n"
                                 "  },\n"
                                 "  \"auth\": {\n"
                                 "    \"kind\": \"apiKey\",\n"
                                 "    \"header\": \"X-API-Key\",\n"
                                 "    \"token\": \"{{apiKey}}\"\n"
                                 "  },\n"
                                 "  \"options\": {\n"
                                 "    \"followRedirects\": false,\n"
                                 "    \"http2\": false,\n"
                                 "    \"compressed\": false,\n"
                                 "    \"insecure\": false,\n"
                                 "    \"connectTimeoutMs\": 0,\n"
                                 "    \"totalTimeoutMs\": 5000\n"
                                 "  }\n"
                                 "}\n";
    QCOMPARE(savedRequestToJson(s), expected);

    // Only what the chosen kinds send is written.
    s.request.bodyKind = BodyKind::None;
    s.request.auth = AuthKind::None;
    s.request.basicUser = "left-over";
    const std::string none = savedRequestToJson(s);
    QVERIFY(none.find("  \"body\": {\n    \"kind\": \"none\"\n  },\n") != std::string::npos);
    QVERIFY(none.find("  \"auth\": {\n    \"kind\": \"none\"\n  },\n") != std::string::npos);
    QVERIFY(none.find("Ada") == std::string::npos);
    QVERIFY(none.find("left-over") == std::string::npos);
    QVERIFY(none.find("{{apiKey}}") == std::string::npos);
}

void TestRequestStore::keyIdNeverWritesToken()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    for (AuthKind kind : { AuthKind::Bearer, AuthKind::ApiKey }) {
        SavedRequest s = named(kind == AuthKind::Bearer ? "bearer" : "api key");
        s.request.auth = kind;
        s.request.keyId = "key_7f3a";
        s.request.token = kSecret; // filled in by the app at send time
        const std::string text = savedRequestToJson(s);
        QVERIFY2(text.find(kSecret) == std::string::npos, text.c_str());
        QVERIFY(text.find("\"token\"") == std::string::npos);
        QVERIFY(text.find("\"keyId\": \"key_7f3a\"") != std::string::npos);

        std::string error;
        QVERIFY2(saveRequest(pathOf(tmp), &s, &error), error.c_str());
        QVERIFY(readText(pathOf(tmp) / "requests" / s.fileName).find(kSecret) == std::string::npos);
    }
    const RequestLoadResult loaded = loadRequests(pathOf(tmp));
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QCOMPARE(loaded.requests.size(), std::size_t(2));
    for (const SavedRequest& s : loaded.requests) {
        QCOMPARE(s.request.keyId, std::string("key_7f3a"));
        QVERIFY(s.request.token.empty());
    }
    // Nowhere on disk, not even in a temporary file left behind.
    for (const std::string& f : filesBelow(pathOf(tmp)))
        QVERIFY2(readText(pathOf(tmp) / f).find(kSecret) == std::string::npos, f.c_str());

    // A typed token without a key is the user's own and is saved.
    SavedRequest typed = named("typed");
    typed.request.auth = AuthKind::Bearer;
    typed.request.token = "my-own-token";
    QVERIFY(savedRequestToJson(typed).find("\"token\": \"my-own-token\"") != std::string::npos);
}

void TestRequestStore::foldersAndOrder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    QVERIFY(loadRequests(ws).requests.empty()); // no requests/ is no error
    QVERIFY(loadRequests(ws).errors.empty());

    std::string error;
    QVERIFY2(createRequestFolder(ws, "empty/nested/deep", &error), error.c_str());
    QVERIFY2(createRequestFolder(ws, "empty/nested/deep", &error), error.c_str()); // idempotent
    QVERIFY(!createRequestFolder(ws, "", &error));
    for (SavedRequest s : { named("zeta"), named("Alpha"), named("beta", "users"),
             named("alpha", "users"), named("gamma", "users/admin") })
        QVERIFY2(saveRequest(ws, &s, &error), error.c_str());
    // Not requests: other files, hidden files and folders, temporary files.
    writeText(ws / "requests" / "README.md", "notes");
    writeText(ws / "requests" / ".hidden" / "x.json", "{}");
    writeText(ws / "requests" / ".zeta.json.tmp-1-2-3", "{");
    writeText(ws / "requests" / ".x.json", "{");

    const RequestLoadResult loaded = loadRequests(ws);
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QCOMPARE(loaded.folders,
        (std::vector<std::string> {
            "empty", "empty/nested", "empty/nested/deep", "users", "users/admin" }));
    std::vector<std::string> order;
    for (const SavedRequest& s : loaded.requests)
        order.push_back(s.folder + "|" + s.name + "|" + s.fileName);
    QCOMPARE(order,
        (std::vector<std::string> { "|Alpha|alpha.json", "|zeta|zeta.json",
            "users|alpha|alpha.json", "users|beta|beta.json", "users/admin|gamma|gamma.json" }));
}

void TestRequestStore::uniqueSlugs_data()
{
    QTest::addColumn<std::string>("name");
    QTest::addColumn<std::string>("fileName");
    QTest::newRow("words") << std::string("Create user") << std::string("create-user.json");
    QTest::newRow("punctuation runs")
        << std::string("GET /v1/users/{id}  (admin)!") << std::string("get-v1-users-id-admin.json");
    QTest::newRow("digits") << std::string("Top 10 models 2024")
                            << std::string("top-10-models-2024.json");
    QTest::newRow("non-ascii dropped")
        << std::string("Grüße – ✓ ok") << std::string("gr-e-ok.json");
    QTest::newRow("nothing usable") << std::string("✓✓ !!") << std::string("request.json");
    QTest::newRow("dots and dashes") << std::string("..--..a") << std::string("a.json");
    QTest::newRow("long") << std::string(200, 'x') << std::string(80, 'x') + ".json";
}

void TestRequestStore::uniqueSlugs()
{
    QFETCH(std::string, name);
    QFETCH(std::string, fileName);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    SavedRequest s = named(name);
    std::string error;
    QVERIFY2(saveRequest(pathOf(tmp), &s, &error), error.c_str());
    QCOMPARE(s.fileName, fileName);
}

void TestRequestStore::slugCollisions()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    std::string error;
    std::vector<std::string> names;
    for (int i = 0; i < 3; ++i) {
        SavedRequest s = named("Create user");
        QVERIFY2(saveRequest(ws, &s, &error), error.c_str());
        names.push_back(s.fileName);
    }
    QCOMPARE(names,
        (std::vector<std::string> {
            "create-user.json", "create-user-2.json", "create-user-3.json" }));

    // Unique per folder, not across folders.
    SavedRequest other = named("Create user", "users");
    QVERIFY2(saveRequest(ws, &other, &error), error.c_str());
    QCOMPARE(other.fileName, std::string("create-user.json"));

    // Case-insensitively, so checkouts on macOS and Windows never collide.
    writeText(ws / "requests" / "users" / "Delete-User.json", "{\"name\": \"x\"}");
    SavedRequest del = named("delete user", "users");
    QVERIFY2(saveRequest(ws, &del, &error), error.c_str());
    QCOMPARE(del.fileName, std::string("delete-user-2.json"));

    // Saving again keeps the file, even after a rename.
    del.name = "Remove user";
    QVERIFY2(saveRequest(ws, &del, &error), error.c_str());
    QCOMPARE(del.fileName, std::string("delete-user-2.json"));
    QCOMPARE(filesBelow(ws / "requests"),
        (std::vector<std::string> { "create-user-2.json", "create-user-3.json", "create-user.json",
            "users/Delete-User.json", "users/create-user.json", "users/delete-user-2.json" }));
}

void TestRequestStore::malformedFileReportedOthersLoad()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    std::string error;
    SavedRequest good = named("good");
    QVERIFY(saveRequest(ws, &good, &error));
    SavedRequest good2 = named("good too", "b");
    QVERIFY(saveRequest(ws, &good2, &error));

    const std::string syntax = "{\n"
                               "  \"name\": \"broken\",\n"
                               "  \"url\": \"https://x.io\"\n"
                               "  \"method\": \"GET\"\n"
                               "}\n";
    writeText(ws / "requests" / "a" / "syntax.json", syntax);
    const std::string semantic = "{\n"
                                 "  \"schemaVersion\": 1,\n"
                                 "  \"name\": \"semantic\",\n"
                                 "  \"body\": {\n"
                                 "    \"kind\": \"yaml\"\n"
                                 "  },\n"
                                 "  \"options\": {\n"
                                 "    \"http2\": \"yes\"\n"
                                 "  }\n"
                                 "}\n";
    writeText(ws / "requests" / "semantic.json", semantic);

    const RequestLoadResult loaded = loadRequests(ws);
    QCOMPARE(loaded.requests.size(), std::size_t(2));
    QCOMPARE(loaded.requests[0].name, std::string("good"));
    QCOMPARE(loaded.requests[1].name, std::string("good too"));
    QCOMPARE(loaded.folders, (std::vector<std::string> { "a", "b" }));
    QVERIFY2(loaded.errors.size() == 3, describe(loaded.errors).constData());

    // Sorted by folder then file, so the order is the same on every machine.
    const Diagnostic& s = loaded.errors[0];
    QCOMPARE(s.toString(),
        std::string("requests/semantic.json:5:5: unknown body kind \"yaml\" (expected none, "
                    "raw, form, multipart or file)"));
    QCOMPARE(loaded.errors[1].file, std::string("requests/semantic.json"));
    QCOMPARE(loaded.errors[1].line, lineOf(semantic, "\"http2\""));
    QCOMPARE(loaded.errors[1].message, std::string("\"http2\" must be true or false"));
    const Diagnostic& x = loaded.errors[2];
    QCOMPARE(x.file, std::string("requests/a/syntax.json"));
    QCOMPARE(x.line, 4);
    QCOMPARE(x.column, 3);
    QCOMPARE(x.message, std::string("JSON syntax error: unexpected '\"'"));

    // The single-file API gives the first problem.
    Diagnostic d;
    SavedRequest out = good;
    QVERIFY(!savedRequestFromJson(semantic, "requests/semantic.json", &out, &d));
    QCOMPARE(d.toString(), s.toString());
    QVERIFY(out == good); // untouched on failure
}

void TestRequestStore::semanticErrors_data()
{
    QTest::addColumn<std::string>("member");
    QTest::addColumn<std::string>("message");
    auto row = [](const char* name, std::string member, std::string message) {
        QTest::newRow(name) << member << message;
    };
    row("method type", "\"method\": 5", "\"method\" must be a string");
    row("method token", "\"method\": \"GET X\"",
        "\"method\" must be an HTTP method such as \"GET\" or \"POST\"");
    row("url line break", "\"url\": \"https://x.io/\\r\\nX: y\"",
        "\"url\" must not contain line breaks");
    row("headers type", "\"headers\": {}", "\"headers\" must be an array");
    row("header entry", "\"headers\": [\"Accept: */*\"]",
        "each header must be an object with \"name\" and \"value\"");
    row("header no name", "\"headers\": [{\"value\": \"x\"}]", "the header needs a \"name\"");
    row("header injection", "\"headers\": [{\"name\": \"A\", \"value\": \"b\\nC: d\"}]",
        "\"value\" must not contain line breaks or NUL characters");
    row("field no name", "\"body\": {\"kind\": \"multipart\", \"fields\": [{\"value\": \"x\"}]}",
        "the field needs a \"name\"");
    row("file without file", "\"body\": {\"kind\": \"file\"}",
        "a body of kind \"file\" needs a \"file\" to send");
    row("auth kind", "\"auth\": {\"kind\": \"oauth\"}",
        "unknown auth kind \"oauth\" (expected none, bearer, apiKey or basic)");
    row("api key header", "\"auth\": {\"kind\": \"apiKey\", \"header\": \"\"}",
        "\"header\" must name the header that carries the key, e.g. \"X-API-Key\"");
    row("timeout", "\"options\": {\"totalTimeoutMs\": -1}",
        "\"totalTimeoutMs\" must be an integer between 0 and 86400000");
    row("empty name", "\"name\": \" \"", "\"name\" must not be empty");
    row("name line break", "\"name\": \"a\\nb\"",
        "\"name\" must be one line without control characters");
    row("newer schema", "\"schemaVersion\": 2",
        "schemaVersion 2 is newer than this version of Tollgate supports (1); update Tollgate "
        "to open this file");
}

void TestRequestStore::semanticErrors()
{
    QFETCH(std::string, member);
    QFETCH(std::string, message);
    const std::string text = "{\n  \"url\": \"https://x.io\",\n  " + member + "\n}\n";
    SavedRequest out;
    Diagnostic d;
    QVERIFY(!savedRequestFromJson(text, "requests/r.json", &out, &d));
    QCOMPARE(d.message, message);
    QCOMPARE(d.file, std::string("requests/r.json"));
    QCOMPARE(d.line, 3);
}

void TestRequestStore::handWrittenFileTakesDefaults()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    writeText(pathOf(tmp) / "requests" / "ping-it.json",
        "{\"url\": \"https://x.io/ping\", \"futureKey\": [1]}");
    const RequestLoadResult loaded = loadRequests(pathOf(tmp));
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QCOMPARE(loaded.requests.size(), std::size_t(1));
    SavedRequest expected;
    expected.name = "ping-it"; // no name: the file's
    expected.fileName = "ping-it.json";
    expected.request.url = "https://x.io/ping";
    QVERIFY(loaded.requests[0] == expected);
}

void TestRequestStore::badFolderNamesRejected_data()
{
    QTest::addColumn<std::string>("folder");
    QTest::addColumn<std::string>("message");
    auto row = [](const char* name, std::string folder, std::string message) {
        QTest::newRow(name) << folder << message;
    };
    row("parent", "..", "must not contain \".\" or \"..\"");
    row("parent inside", "a/../../b", "must not contain \".\" or \"..\"");
    row("dot", "a/./b", "must not contain \".\" or \"..\"");
    row("absolute", "/etc", "must be relative to requests/ (no leading '/')");
    row("backslash", "a\\..\\b", "must separate folders with '/', not '\\'");
    row("windows drive", "C:", "must not contain control characters or any of <>:\"|?*");
    row("double slash", "a//b", "has an empty folder name");
    row("trailing slash", "a/", "has an empty folder name");
    row("hidden", ".git", "folder names must not start with '.'");
    row("question mark", "what?", "must not contain control characters or any of <>:\"|?*");
    row("newline", "a\nb", "must not contain control characters or any of <>:\"|?*");
    row("trailing space", "users ", "must not start or end with a space");
    row("too long", std::string(101, 'f'), "folder names must be at most 100 characters");
}

void TestRequestStore::badFolderNamesRejected()
{
    QFETCH(std::string, folder);
    QFETCH(std::string, message);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp) / "ws";
    fs::create_directories(ws);

    std::string error;
    SavedRequest s = named("x", folder);
    QVERIFY(!saveRequest(ws, &s, &error));
    QVERIFY2(error.find(message) != std::string::npos, error.c_str());
    QVERIFY(s.fileName.empty());
    error.clear();
    QVERIFY(!createRequestFolder(ws, folder, &error));
    QVERIFY2(error.find(message) != std::string::npos, error.c_str());

    SavedRequest ok = named("ok");
    QVERIFY2(saveRequest(ws, &ok, &error), error.c_str());
    error.clear();
    QVERIFY(!moveRequest(ws, &ok, folder, &error));
    QVERIFY2(error.find(message) != std::string::npos, error.c_str());
    QVERIFY(ok.folder.empty());

    SavedRequest bad = ok;
    bad.folder = folder;
    error.clear();
    QVERIFY(!deleteRequest(ws, bad, &error));
    QVERIFY2(error.find(message) != std::string::npos, error.c_str());

    // Nothing was written anywhere but the one good file.
    QCOMPARE(filesBelow(pathOf(tmp)), std::vector<std::string> { "ws/requests/ok.json" });
}

void TestRequestStore::badFileNamesRejected()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp) / "ws";
    for (const std::string fileName :
        { "../escape.json", "a/b.json", "a\\b.json", ".hidden.json", "notes.txt", ".json" }) {
        SavedRequest s = named("x");
        s.fileName = fileName;
        std::string error;
        QVERIFY2(!saveRequest(ws, &s, &error), fileName.c_str());
        QVERIFY2(error.find("must be a plain \"<name>.json\"") != std::string::npos, error.c_str());
        error.clear();
        QVERIFY(!deleteRequest(ws, s, &error));
        QVERIFY(!error.empty());
        error.clear();
        QVERIFY(!moveRequest(ws, &s, "elsewhere", &error));
        QVERIFY(!error.empty());
    }
    QVERIFY(filesBelow(pathOf(tmp)).empty());
}

void TestRequestStore::badFolderOnDiskReported()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    writeText(ws / "requests" / "we:ird" / "a.json", "{\"url\": \"https://x.io\"}");
    writeText(ws / "requests" / "fine" / "b.json", "{\"url\": \"https://x.io\"}");
    const RequestLoadResult loaded = loadRequests(ws);
    QCOMPARE(loaded.requests.size(), std::size_t(1));
    QCOMPARE(loaded.requests[0].folder, std::string("fine"));
    QCOMPARE(loaded.folders, std::vector<std::string> { "fine" });
    QVERIFY2(loaded.errors.size() == 1, describe(loaded.errors).constData());
    QCOMPARE(loaded.errors[0].file, std::string("requests/we:ird"));
    QVERIFY2(
        loaded.errors[0].message.find("the requests in it are not loaded") != std::string::npos,
        loaded.errors[0].message.c_str());
}

void TestRequestStore::saveRefusesWhatWouldNotLoad()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    std::string error;
    SavedRequest s = named("injected");
    s.request.headers = { { "X-A", "b\r\nX-Evil: 1" } };
    QVERIFY(!saveRequest(pathOf(tmp), &s, &error));
    QCOMPARE(error,
        std::string("cannot save \"injected\": \"value\" must not contain line breaks or NUL "
                    "characters"));
    s = named("   ");
    QVERIFY(!saveRequest(pathOf(tmp), &s, &error));
    QCOMPARE(error, std::string("cannot save \"   \": the request needs a name"));
    QVERIFY(filesBelow(pathOf(tmp)).empty());
}

void TestRequestStore::deleteRemovesTheFile()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    std::string error;
    SavedRequest a = named("a", "f");
    SavedRequest b = named("b", "f");
    QVERIFY(saveRequest(ws, &a, &error));
    QVERIFY(saveRequest(ws, &b, &error));
    QVERIFY2(deleteRequest(ws, a, &error), error.c_str());
    QCOMPARE(filesBelow(ws), std::vector<std::string> { "requests/f/b.json" });
    // Already gone (e.g. deleted outside the app) is what was asked for.
    QVERIFY2(deleteRequest(ws, a, &error), error.c_str());
    QVERIFY(deleteRequest(ws, b, &error));
    // The folder stays, now empty.
    const RequestLoadResult loaded = loadRequests(ws);
    QVERIFY(loaded.requests.empty());
    QCOMPARE(loaded.folders, std::vector<std::string> { "f" });
    // An unsaved request has no file to delete.
    QVERIFY(!deleteRequest(ws, named("never saved"), &error));
}

void TestRequestStore::moveKeepsTheFileName()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path ws = pathOf(tmp);
    std::string error;
    SavedRequest a = named("Get user");
    QVERIFY(saveRequest(ws, &a, &error));
    const std::string before = readText(ws / "requests" / "get-user.json");

    QVERIFY2(moveRequest(ws, &a, "users/archive", &error), error.c_str());
    QCOMPARE(a.folder, std::string("users/archive"));
    QCOMPARE(a.fileName, std::string("get-user.json"));
    QCOMPARE(filesBelow(ws), std::vector<std::string> { "requests/users/archive/get-user.json" });
    QCOMPARE(readText(ws / "requests/users/archive/get-user.json"), before);

    // A name taken in the target gets a fresh one there.
    SavedRequest b = named("Get user");
    QVERIFY(saveRequest(ws, &b, &error));
    QVERIFY2(moveRequest(ws, &b, "users/archive", &error), error.c_str());
    QCOMPARE(b.fileName, std::string("get-user-2.json"));

    // Back to the root, keeping its name; the same folder is a no-op.
    QVERIFY(moveRequest(ws, &b, "", &error));
    QCOMPARE(b.fileName, std::string("get-user-2.json"));
    QVERIFY(moveRequest(ws, &b, "", &error));
    QCOMPARE(filesBelow(ws),
        (std::vector<std::string> {
            "requests/get-user-2.json", "requests/users/archive/get-user.json" }));

    const RequestLoadResult loaded = loadRequests(ws);
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QCOMPARE(loaded.requests.size(), std::size_t(2));
    QVERIFY(loaded.requests[0] == b);
    QVERIFY(loaded.requests[1] == a);

    // An unsaved request is saved into the folder.
    SavedRequest fresh = named("Fresh");
    QVERIFY2(moveRequest(ws, &fresh, "new", &error), error.c_str());
    QCOMPARE(fresh.fileName, std::string("fresh.json"));
    QVERIFY(fs::exists(ws / "requests" / "new" / "fresh.json"));

    // A file deleted behind the app's back cannot be moved.
    fs::remove(ws / "requests" / "new" / "fresh.json");
    error.clear();
    QVERIFY(!moveRequest(ws, &fresh, "", &error));
    QVERIFY2(error.find("no longer exists") != std::string::npos, error.c_str());
    QCOMPARE(fresh.folder, std::string("new"));
}

void TestRequestStore::demoRequests()
{
    const fs::path demo = fs::path(TOLLGATE_SOURCE_DIR) / "resources" / "demo";
    const LoadResult workspace = loadWorkspace(demo);
    QVERIFY2(workspace.ok(), describe(workspace.errors).constData());
    const RequestLoadResult loaded = loadRequests(demo);
    QVERIFY2(loaded.errors.empty(), describe(loaded.errors).constData());
    QVERIFY(loaded.requests.size() >= 4 && loaded.requests.size() <= 6);
    QVERIFY(!loaded.folders.empty());

    QCOMPARE(workspace.workspace.environments.size(), std::size_t(1));
    const std::string baseUrl = "http://127.0.0.1:8080";
    const VariableLookup lookup = environmentLookup(workspace.workspace.environments.front(),
        { { "baseUrl", baseUrl }, { "apiKey", "tg_dev_picked" } });

    std::set<std::string> routesUsed;
    bool postWithApiKey = false;
    for (const SavedRequest& s : loaded.requests) {
        const std::string where = s.folder + "/" + s.fileName;
        // Written exactly as the app writes it, so saving changes nothing.
        QCOMPARE(readText(demo / "requests" / s.folder / s.fileName), savedRequestToJson(s));
        QVERIFY2(s.request.url.starts_with("{{baseUrl}}/"), where.c_str());

        // Every variable is defined once the app adds baseUrl and the key.
        std::vector<std::string> unknown;
        const ComposerRequest sent = expandRequest(s.request, lookup, &unknown);
        QVERIFY2(unknown.empty(), (where + ": " + (unknown.empty() ? "" : unknown[0])).c_str());

        // ... and hits a demo route.
        std::string path = sent.url.substr(baseUrl.size());
        path = path.substr(0, path.find('?'));
        bool matched = false;
        for (const Route& route : workspace.workspace.routes) {
            PathTemplate t;
            StringPairs params;
            QVERIFY(t.parse(route.path, nullptr));
            if (route.method == sent.method && t.match(path, &params)) {
                matched = true;
                routesUsed.insert(route.method + " " + route.path);
                // Routes that need a key get one.
                QVERIFY2(!route.access.keyRequired || sent.auth != AuthKind::None, where.c_str());
            }
        }
        QVERIFY2(matched, (where + ": " + sent.method + " " + path).c_str());

        if (s.request.method == "POST" && s.request.auth == AuthKind::ApiKey
            && s.request.token == "{{apiKey}}" && s.request.bodyKind == BodyKind::Raw) {
            postWithApiKey = true;
            QVERIFY2(sent.body.find("\"prompt\"") != std::string::npos, sent.body.c_str());
        }
    }
    QVERIFY(postWithApiKey);
    QVERIFY(routesUsed.count("POST /generate") == 1);
    QVERIFY(routesUsed.count("GET /v1/users/{id}") == 1);
}

QTEST_GUILESS_MAIN(TestRequestStore)
#include "tst_requeststore.moc"
