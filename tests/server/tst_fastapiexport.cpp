// The FastAPI export as files: every route becomes a path operation, the
// templates and rules are carried into the project as data the embedded
// renderer reads, and no API key appears except as its SHA-256.

#include "server/access/apikey.h"
#include "server/common/files.h"
#include "server/interchange/fastapiexport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace tollgate::server;

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

const FastApiFile* file(const FastApiExport& project, const std::string& name)
{
    const auto it = std::find_if(project.files.begin(), project.files.end(),
        [&](const FastApiFile& f) { return f.name == name; });
    return it == project.files.end() ? nullptr : &*it;
}

Workspace sampleWorkspace(std::string* secret)
{
    Workspace ws;
    ws.name = "Shop \"API\"";
    Route user;
    user.path = "/v1/users/{user-id}";
    user.access.keyRequired = true;
    user.access.scopes = { "users:read" };
    user.responses = { Response { "User", 200, { { "Content-Type", "application/json" } },
                           "{\"id\":\"{{request.params.user-id}}\",\"n\":{{#randomInt}}1 "
                           "9{{/randomInt}},\"at\":\"{{now}}\"}",
                           {}, {} },
        Response { "Missing", 404, {}, "no such user", {}, {} } };
    user.rules = { Rule { RuleSource::PathParam, "user-id", RuleOperator::Equals, "0", 1 } };
    Route files;
    files.method = "GET";
    files.path = "/files/*";
    files.mode = ResponseMode::Sequential;
    Route order;
    order.method = "POST";
    order.path = "/orders";
    order.latency = { 10, 20 };
    order.failure.percent = 5;
    order.responses
        = { Response { "Created", 201, {}, "{\"sku\":\"{{request.json.sku}}\"}", {}, {} } };
    order.rules = { Rule { RuleSource::Body, "/sku", RuleOperator::Regex, "^a", 0 } };
    order.validation.enabled = true;
    order.validation.bodySchema
        = R"({"type":"object","properties":{"sku":{"type":"string"},"count":{"type":"integer"},)"
          R"("class":{"type":"string"}}})";
    Route disabled;
    disabled.path = "/old";
    disabled.enabled = false;
    ws.routes = { user, files, order, disabled };

    NewKey key;
    std::string error;
    KeyOptions options;
    options.tier = "free";
    if (createKey("dev", options, 1'700'000'000, &key, &error)) {
        *secret = key.secret;
        ws.keys.push_back(key.record);
    }
    return ws;
}

} // namespace

class TestFastApiExport : public QObject {
    Q_OBJECT

private slots:
    void writesTheProjectFiles();
    void aFailedWriteLeavesTheFolderAsItWas();
    void everyEnabledRouteIsAPathOperation();
    void templatesAndRulesAreCarriedOver();
    void keysAppearOnlyAsHashes();
    void requestBodiesGetModels();
};

void TestFastApiExport::writesTheProjectFiles()
{
    std::string secret;
    const FastApiExport project = exportFastApi(sampleWorkspace(&secret));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string error;
    QVERIFY2(
        writeFastApiProject(project, dir.filePath(QStringLiteral("api")).toStdString(), &error),
        error.c_str());
    for (const char* name : { "main.py", "tollgate_runtime.py", "tollgate_templates.py",
             "keys.json", "requirements.txt", "README.md" }) {
        QFile f(dir.filePath(QStringLiteral("api/") + QLatin1String(name)));
        QVERIFY2(f.open(QIODevice::ReadOnly), name);
        QVERIFY2(f.size() > 0, name);
    }
    const FastApiFile* requirements = file(project, "requirements.txt");
    QVERIFY(requirements);
    QVERIFY(requirements->text.find("fastapi") != std::string::npos);
    QVERIFY(requirements->text.find("uvicorn") != std::string::npos);
    QVERIFY(requirements->text.find("pydantic") != std::string::npos);
    QVERIFY(requirements->text.find("# redis") != std::string::npos);
    const FastApiFile* readme = file(project, "README.md");
    QVERIFY(readme);
    QVERIFY(readme->text.find("uvicorn main:app") != std::string::npos);
    QVERIFY(readme->text.find("Not carried over") != std::string::npos);
}

void TestFastApiExport::aFailedWriteLeavesTheFolderAsItWas()
{
    std::string secret;
    const FastApiExport project = exportFastApi(sampleWorkspace(&secret));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDir root(dir.path());
    // keys.json is written before requirements.txt, where a folder is in
    // the way: keys.json gets its old text back, main.py goes again.
    QVERIFY(root.mkpath(QStringLiteral("api/requirements.txt/inside")));
    {
        QFile keys(root.filePath(QStringLiteral("api/keys.json")));
        QVERIFY(keys.open(QIODevice::WriteOnly));
        keys.write("old keys");
    }
    std::string error;
    QVERIFY(
        !writeFastApiProject(project, root.filePath(QStringLiteral("api")).toStdString(), &error));
    QVERIFY2(error.find("requirements.txt") != std::string::npos, error.c_str());
    QFile keys(root.filePath(QStringLiteral("api/keys.json")));
    QVERIFY(keys.open(QIODevice::ReadOnly));
    QCOMPARE(keys.readAll(), QByteArray("old keys"));
    QCOMPARE(QDir(root.filePath(QStringLiteral("api")))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList({ QStringLiteral("keys.json"), QStringLiteral("requirements.txt") }));

    // Folders made for the files are not left behind either.
    QFile blocker(root.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const std::string made = root.filePath(QStringLiteral("new/deeper/x.txt")).toStdString();
    const std::string below = root.filePath(QStringLiteral("blocker/y.txt")).toStdString();
    QVERIFY(!writeFilesAtomic({ { made, "x" }, { below, "y" } }, &error));
    QVERIFY(!root.exists(QStringLiteral("new")));
}

void TestFastApiExport::everyEnabledRouteIsAPathOperation()
{
    std::string secret;
    const FastApiExport project = exportFastApi(sampleWorkspace(&secret));
    const FastApiFile* main = file(project, "main.py");
    QVERIFY(main);
    const QByteArray text = bytes(main->text);
    // Parameter names become identifiers; the wildcard becomes {rest:path}.
    QVERIFY(text.contains(R"(@app.api_route("/v1/users/{user_id}", methods=["GET"])"));
    QVERIFY(text.contains(R"(param_names={"user_id": "user-id"})"));
    QVERIFY(text.contains(R"(@app.api_route("/files/{rest:path}", methods=["GET"])"));
    QVERIFY(text.contains(R"(param_names={"rest": "*"})"));
    QVERIFY(text.contains(R"(@app.api_route("/orders", methods=["POST"])"));
    QVERIFY(!text.contains("/old"));
    QVERIFY(std::any_of(project.notes.begin(), project.notes.end(),
        [](const ImportNote& n) { return n.where == "GET /old"; }));
    // An SSE route is left out, and the notes say so.
    Workspace withStream = sampleWorkspace(&secret);
    Route feed;
    feed.path = "/feed";
    feed.responder = RouteResponder::Sse;
    feed.sse.events = { { "", "x", "", 0, 0 } };
    withStream.routes.push_back(feed);
    const FastApiExport streamed = exportFastApi(withStream);
    QVERIFY(!bytes(file(streamed, "main.py")->text).contains("\"/feed\""));
    QVERIFY(std::any_of(streamed.notes.begin(), streamed.notes.end(), [](const ImportNote& n) {
        return n.where == "GET /feed" && n.kind == ImportNote::Kind::Skipped;
    }));
    // Most specific first, as Tollgate matches: the wildcard route comes last.
    QVERIFY(text.indexOf("/files/{rest:path}") > text.indexOf("/v1/users/{user_id}"));
    QVERIFY(text.contains("Depends(api_key(gate, GET_V1_USERS_USER_ID))"));
    QVERIFY(text.contains(R"(scopes=["users:read"])"));
    QVERIFY(text.contains(R"(Tier("free", "Free", 100, 10, 1000, True))"));
}

void TestFastApiExport::templatesAndRulesAreCarriedOver()
{
    std::string secret;
    const FastApiExport project = exportFastApi(sampleWorkspace(&secret));
    const QByteArray text = bytes(file(project, "main.py")->text);
    // Bodies keep their mustache text; the embedded renderer reads it.
    QVERIFY(text.contains(R"({{request.params.user-id}})"));
    QVERIFY(text.contains(R"({{#randomInt}}1 9{{/randomInt}})"));
    QVERIFY(text.contains(R"(Rule("pathParam", "user-id", "equals", "0", 1))"));
    QVERIFY(text.contains(R"(Rule("body", "/sku", "regex", "^a", 0))"));
    QVERIFY(text.contains(R"(mode="sequential")"));
    QVERIFY(text.contains("latency_ms=(10, 20)"));
    QVERIFY(text.contains("failure=(5, 503)") || text.contains("failure=(5.0, 503)")
        || text.contains("failure=(5E0, 503)"));

    // The renderer covers the names and helpers Tollgate's templating offers.
    const QByteArray renderer = bytes(file(project, "tollgate_templates.py")->text);
    for (const char* name : { "\"request\"", "\"params\"", "\"query\"", "\"headers\"", "\"json\"",
             "\"body\"", "\"uuid\"", "\"now\"", "\"timestamp\"", "\"randomInt\"", "json_escape" })
        QVERIFY2(renderer.contains(name), name);
}

void TestFastApiExport::keysAppearOnlyAsHashes()
{
    std::string secret;
    const Workspace ws = sampleWorkspace(&secret);
    QVERIFY(!secret.empty());
    const FastApiExport project = exportFastApi(ws);
    const std::string hash = ws.keys.front().hash;
    const std::string payload = secret.substr(std::string("tg_dev_").size());
    for (const FastApiFile& f : project.files) {
        QVERIFY2(f.text.find(secret) == std::string::npos, f.name.c_str());
        // Not even the part after the prefix.
        QVERIFY2(f.text.find(payload.substr(8)) == std::string::npos, f.name.c_str());
    }
    const std::string& keys = file(project, "keys.json")->text;
    QVERIFY(keys.find("\"sha256:" + hash + "\"") != std::string::npos);
    QVERIFY(keys.find("\"tier\": \"free\"") != std::string::npos);
}

void TestFastApiExport::requestBodiesGetModels()
{
    std::string secret;
    const FastApiExport project = exportFastApi(sampleWorkspace(&secret));
    const QByteArray text = bytes(file(project, "main.py")->text);
    QVERIFY(text.contains("class PostOrdersRequest(BaseModel):"));
    QVERIFY(text.contains("    sku: Optional[str] = None"));
    QVERIFY(text.contains("    count: Optional[int] = None"));
    // A keyword as a field name keeps its JSON name as the alias.
    QVERIFY(text.contains(R"(    class_: Optional[str] = Field(None, alias="class"))"));
    QVERIFY(text.contains(R"("postOrders": PostOrdersRequest)"));
    // A templated JSON response still yields its shape.
    QVERIFY(text.contains("class GetV1UsersUserIdResponse200(BaseModel):"));
    QVERIFY(text.contains("    n: Optional[int] = None"));
}

QTEST_APPLESS_MAIN(TestFastApiExport)
#include "tst_fastapiexport.moc"
