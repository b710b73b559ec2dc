// Postman collections imported as saved requests (folders, URLs with path
// variables, headers, bodies, inherited auth) and the collection's variables
// as an environment; Postman environments with their secrets left empty; notes
// with file:line for scripts, examples and disabled entries; errors for a
// broken file.

#include "importtesting.h"

#include <QTest>

using namespace tollgate::server;
using namespace importtesting;

namespace {

using BodyKind = ComposerRequest::BodyKind;
using AuthKind = ComposerRequest::AuthKind;

ImportResult collection()
{
    return importFile(dataFile("postman/shop.postman_collection.json"));
}

/// A v2.1 collection around the given items (and collection-level members).
std::string collectionText(std::string_view items, std::string_view extra = {})
{
    return "{\n  \"info\": {\n    \"name\": \"Synthetic\",\n    \"schema\": "
           "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"\n  },\n"
        + std::string(extra) + "  \"item\": [\n" + std::string(items) + "\n  ]\n}\n";
}

/// Every text a saved request would write to the workspace.
std::string everythingWritten(const SavedRequest& saved)
{
    const ComposerRequest& r = saved.request;
    std::string out = saved.name + '\n' + r.url + '\n' + r.body + '\n' + r.token + '\n'
        + r.basicUser + '\n' + r.basicPassword + '\n' + r.bodyFile + '\n';
    for (const Header& h : r.headers)
        out += h.name + ": " + h.value + '\n';
    for (const auto& [name, value] : r.formFields)
        out += name + '=' + value + '\n';
    return out;
}

} // namespace

class TestPostmanImport : public QObject {
    Q_OBJECT

private slots:
    void requestsInFolders_data();
    void requestsInFolders();
    void pathVariablesAndQuery();
    void disabledEntriesAreNoted_data();
    void disabledEntriesAreNoted();
    void bodies();
    void authIsInherited_data();
    void authIsInherited();
    void scriptsExamplesAndDynamicVariablesAreNoted();
    void collectionVariablesBecomeAnEnvironment();
    void environmentSecretsAreNotCopied();
    void moreBodiesAndAuth();
    void malformedCollectionIsAnError();
    void malformedEnvironmentIsAnError();
};

void TestPostmanImport::requestsInFolders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("folder");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::newRow("top folder")
        << QByteArray("List books") << QByteArray("Catalogue") << QByteArray("GET")
        << QByteArray("{{baseUrl}}/books?limit=20&offset=0&sort=-publishedOn&genre=fantasy"
                      "&genre=science_fiction&inStock=true");
    QTest::newRow("nested folder")
        << QByteArray("Create review") << QByteArray("Catalogue/Reviews") << QByteArray("POST")
        << QByteArray("{{baseUrl}}/books/{{bookId}}/reviews");
    QTest::newRow("other variable") << QByteArray("Sign in") << QByteArray("Customers")
                                    << QByteArray("POST") << QByteArray("{{authUrl}}/oauth2/token");
    QTest::newRow("delete") << QByteArray("Abandon cart") << QByteArray("Checkout")
                            << QByteArray("DELETE") << QByteArray("{{baseUrl}}/carts/{{cartId}}");
    QTest::newRow("at the root") << QByteArray("Health") << QByteArray("") << QByteArray("GET")
                                 << QByteArray("{{baseUrl}}/health");
}

void TestPostmanImport::requestsInFolders()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, folder);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    const ImportResult result = collection();
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.format, std::string("Postman collection v2.1"));
    QCOMPARE(result.api.title, std::string("Bookshop API"));
    QVERIFY(result.api.description.starts_with("Requests against the Bookshop API"));
    QVERIFY(result.api.routes.empty());
    QCOMPARE(result.api.requests.size(), std::size_t(13));
    const SavedRequest* saved = findRequest(result.api, name.toStdString());
    QVERIFY2(saved, name.constData());
    QCOMPARE(QByteArray::fromStdString(saved->folder), folder);
    QCOMPARE(QByteArray::fromStdString(saved->request.method), method);
    QCOMPARE(QByteArray::fromStdString(saved->request.url), url);
    // Postman follows redirects unless told otherwise.
    QVERIFY(saved->request.followRedirects);
}

void TestPostmanImport::pathVariablesAndQuery()
{
    const ImportResult result = collection();
    // ":bookId" takes its value, itself a variable.
    QCOMPARE(findRequest(result.api, "Get book")->request.url,
        std::string("{{baseUrl}}/books/{{bookId}}"));
    // The disabled maxPrice stays out of the URL.
    QVERIFY(
        findRequest(result.api, "List books")->request.url.find("maxPrice") == std::string::npos);

    // A path variable without a value becomes {{name}}; an unknown one too.
    const std::string text
        = collectionText(R"(    {"name": "One", "request": {"method": "GET", "url": {
      "raw": "https://x.example/users/:userId/posts/:postId?full=1",
      "variable": [{"key": "userId", "value": "42"}, {"key": "postId", "value": ""}]}}},
    {"name": "Parts", "request": {"method": "get", "url": {"protocol": "https", "host": ["api", "example", "com"],
      "port": "8443", "path": ["v1", ":id"], "query": [{"key": "a", "value": "1"}, {"key": "b", "value": "2", "disabled": true}]}}},
    {"name": "Plain", "request": "https://plain.example/ping"})");
    QTemporaryDir dir;
    const ImportResult synthetic = importFile(writeFile(dir, "variables.json", text));
    QVERIFY2(synthetic.ok(), describe(synthetic).c_str());
    QCOMPARE(findRequest(synthetic.api, "One")->request.url,
        std::string("https://x.example/users/42/posts/{{postId}}?full=1"));
    const ImportNote* note = findNote(synthetic.api, { ":postId has no value", "{{postId}}" });
    QVERIFY2(note, describe(synthetic).c_str());
    QCOMPARE(note->kind, ImportNote::Kind::Approximated);
    QCOMPARE(lineOf(note->where), lineOfText(text, "\"url\": {"));
    QCOMPARE(findRequest(synthetic.api, "Parts")->request.url,
        std::string("https://api.example.com:8443/v1/{{id}}?a=1"));
    QCOMPARE(findRequest(synthetic.api, "Parts")->request.method, std::string("GET"));
    QCOMPARE(findRequest(synthetic.api, "Plain")->request.url,
        std::string("https://plain.example/ping"));
}

void TestPostmanImport::disabledEntriesAreNoted_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("header") << QByteArray("List books")
                            << QByteArray("header \"Accept-Language\" is disabled") << 24;
    QTest::newRow("query parameter")
        << QByteArray("List books") << QByteArray("query parameter \"maxPrice\" is disabled") << 65;
    QTest::newRow("urlencoded field")
        << QByteArray("Sign in") << QByteArray("form field \"client_id\" is disabled") << 266;
    QTest::newRow("form-data field")
        << QByteArray("Upload avatar") << QByteArray("form field \"public\" is disabled") << 368;
    QTest::newRow("header in another folder")
        << QByteArray("Add item to cart") << QByteArray("header \"X-Debug-Trace\" is disabled")
        << 404;
}

void TestPostmanImport::disabledEntriesAreNoted()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    const ImportResult result = collection();
    const ImportNote* note = findNote(result.api, { request.toStdString(), text.toStdString() });
    QVERIFY2(note, describe(result).c_str());
    QCOMPARE(note->kind, ImportNote::Kind::Skipped);
    QVERIFY2(note->where.ends_with("shop.postman_collection.json:" + std::to_string(line)),
        note->where.c_str());

    const std::vector<Header> listHeaders { { "Accept", "application/json" } };
    QCOMPARE(findRequest(result.api, "List books")->request.headers, listHeaders);
}

void TestPostmanImport::bodies()
{
    const ImportResult result = collection();
    // raw JSON: the Content-Type Postman adds for the "json" language.
    const ComposerRequest& review = findRequest(result.api, "Create review")->request;
    QCOMPARE(review.bodyKind, BodyKind::Raw);
    QVERIFY(review.body.starts_with("{\n    \"rating\": 4,"));
    const std::vector<Header> reviewHeaders { { "X-Request-ID", "{{$guid}}" },
        { "Content-Type", "application/json" } };
    QCOMPARE(review.headers, reviewHeaders);
    // One Content-Type when the request names its own.
    const ComposerRequest& registration = findRequest(result.api, "Register customer")->request;
    QCOMPARE(registration.headers.size(), std::size_t(1));

    // urlencoded: enabled fields, variables left for the composer to expand.
    const ComposerRequest& signIn = findRequest(result.api, "Sign in")->request;
    QCOMPARE(signIn.bodyKind, BodyKind::Form);
    QCOMPARE(signIn.body,
        std::string("grant_type=password&username={{customerEmail}}&password={{customerPassword}}"
                    "&scope=orders%20reviews"));
    QCOMPARE(parseQuery(signIn.body).size(), std::size_t(4));

    // form-data: file fields as "@path".
    const ComposerRequest& avatar = findRequest(result.api, "Upload avatar")->request;
    QCOMPARE(avatar.bodyKind, BodyKind::Multipart);
    const std::vector<std::pair<std::string, std::string>> fields {
        { "avatar", "@/home/dana/Pictures/avatar.png" }, { "caption", "At the book fair" }
    };
    QCOMPARE(avatar.formFields, fields);

    QCOMPARE(findRequest(result.api, "List books")->request.bodyKind, BodyKind::None);
}

void TestPostmanImport::authIsInherited_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("from the collection") << QByteArray("List books") << int(AuthKind::ApiKey)
                                         << QByteArray("{{apiKey}}") << QByteArray("X-API-Key");
    QTest::newRow("nested, from the collection")
        << QByteArray("Upload avatar") << int(AuthKind::ApiKey) << QByteArray("{{apiKey}}")
        << QByteArray("X-API-Key");
    QTest::newRow("own bearer") << QByteArray("Create review") << int(AuthKind::Bearer)
                                << QByteArray("{{customerToken}}") << QByteArray("X-API-Key");
    QTest::newRow("noauth") << QByteArray("Sign in") << int(AuthKind::None) << QByteArray("")
                            << QByteArray("X-API-Key");
    QTest::newRow("noauth at the root")
        << QByteArray("Health") << int(AuthKind::None) << QByteArray("") << QByteArray("X-API-Key");
}

void TestPostmanImport::authIsInherited()
{
    QFETCH(QByteArray, request);
    QFETCH(int, auth);
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, header);
    const ImportResult result = collection();
    const ComposerRequest& r = findRequest(result.api, request.toStdString())->request;
    QCOMPARE(int(r.auth), auth);
    QCOMPARE(QByteArray::fromStdString(r.token), token);
    QCOMPARE(QByteArray::fromStdString(r.apiKeyHeader), header);
}

void TestPostmanImport::scriptsExamplesAndDynamicVariablesAreNoted()
{
    const ImportResult result = collection();
    struct Expected {
        std::vector<std::string> parts;
        int line;
        ImportNote::Kind kind;
    };
    const std::vector<Expected> expected {
        { { "the collection", "pre-request script is not run" }, 591, ImportNote::Kind::Skipped },
        { { "the collection", "test script is not run" }, 601, ImportNote::Kind::Skipped },
        { { "\"Sign in\"", "test script is not run" }, 220, ImportNote::Kind::Skipped },
        { { "\"Check out cart\"", "pre-request script" }, 435, ImportNote::Kind::Skipped },
        { { "\"Check out cart\"", "test script" }, 448, ImportNote::Kind::Skipped },
        { { "\"Get book\"", "1 saved example response is not imported" }, 98,
            ImportNote::Kind::Skipped },
        { { "\"Create review\"", "{{$guid}}" }, 169, ImportNote::Kind::Approximated },
        { { "folder \"Catalogue\"", "description" }, 12, ImportNote::Kind::Skipped },
    };
    for (const Expected& e : expected) {
        const ImportNote* note = nullptr;
        for (const ImportNote& n : result.api.notes) {
            if (std::all_of(e.parts.begin(), e.parts.end(),
                    [&](const std::string& p) { return n.message.find(p) != std::string::npos; }))
                note = &n;
        }
        QVERIFY2(note, (e.parts.back() + "\n" + describe(result)).c_str());
        QCOMPARE(lineOf(note->where), e.line);
        QCOMPARE(note->kind, e.kind);
    }
}

void TestPostmanImport::collectionVariablesBecomeAnEnvironment()
{
    const ImportResult result = collection();
    QCOMPARE(result.api.environments.size(), std::size_t(1));
    const Environment expected { "Bookshop API",
        { { "baseUrl", "https://api.bookshop.example/v1" },
            { "authUrl", "https://auth.bookshop.example" },
            { "bookId", "3f0b6a52-8c6e-4d7a-9f0e-2b8f3c1d9a41" }, { "cartId", "" } } };
    QCOMPARE(result.api.environments[0], expected);
}

void TestPostmanImport::environmentSecretsAreNotCopied()
{
    const ImportResult result = importFile(dataFile("postman/shop.postman_environment.json"));
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.format, std::string("Postman environment"));
    QCOMPARE(result.api.environments.size(), std::size_t(1));
    const Environment& environment = result.api.environments[0];
    QCOMPARE(environment.name, std::string("Bookshop \xE2\x80\x93 staging"));
    const std::vector<std::pair<std::string, std::string>> expected {
        { "baseUrl", "https://eu.staging.bookshop.example/v1" },
        { "authUrl", "https://auth.staging.bookshop.example" }, { "apiKey", "" },
        { "customerEmail", "qa+dana@bookshop.example" }, { "customerPassword", "" },
        { "customerToken", "" }, { "customerId", "5e1c9a7b-2d34-4f6e-8a9b-0c1d2e3f4a5b" },
        { "cartId", "c41d7e2a-9b0f-4e63-8a15-2f7d3c9b6e04" }, { "orderId", "" }
    };
    QCOMPARE(environment.variables, expected);
    for (const auto& [key, value] : environment.variables) {
        QVERIFY(value.find("tg_test_4f9c2a7e") == std::string::npos);
        QVERIFY(value.find("Staging-Only-Passw0rd!") == std::string::npos);
    }
    const std::vector<std::pair<std::string, int>> secrets { { "apiKey", 18 },
        { "customerPassword", 30 }, { "customerToken", 36 } };
    for (const auto& [key, line] : secrets) {
        const ImportNote* note
            = findNote(result.api, { "the secret \"" + key + "\"", "not copied" });
        QVERIFY2(note, key.c_str());
        QCOMPARE(lineOf(note->where), line);
    }
    const ImportNote* disabled = findNote(result.api, { "\"baseUrlLocal\" is disabled" });
    QVERIFY(disabled);
    QCOMPARE(lineOf(disabled->where), 60);

    // A secret among a collection's variables is left empty as well.
    const std::string text = collectionText(
        R"(    {"name": "Ping", "request": {"method": "GET", "url": "{{baseUrl}}/ping"}})",
        R"(  "variable": [{"key": "baseUrl", "value": "https://x.example"}, {"key": "token", "value": "s3cr3t-value", "type": "secret"}],
)");
    QTemporaryDir dir;
    const ImportResult withSecret = importFile(writeFile(dir, "secret.json", text));
    QVERIFY2(withSecret.ok(), describe(withSecret).c_str());
    const Environment expectedEnvironment { "Synthetic",
        { { "baseUrl", "https://x.example" }, { "token", "" } } };
    QCOMPARE(withSecret.api.environments.at(0), expectedEnvironment);
    for (const SavedRequest& saved : withSecret.api.requests)
        QVERIFY(everythingWritten(saved).find("s3cr3t-value") == std::string::npos);
}

void TestPostmanImport::moreBodiesAndAuth()
{
    const std::string text = collectionText(
        R"(    {"name": "Admin/Ops", "auth": {"type": "basic", "basic": [{"key": "username", "value": "ops"}, {"key": "password", "value": "{{opsPassword}}"}]},
     "item": [
      {"name": "Query", "request": {"method": "POST", "url": "https://x.example/graphql",
        "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": "{\"a\": 1}"}}}},
      {"name": "Upload", "request": {"method": "PUT", "url": "https://x.example/blob", "body": {"mode": "file", "file": {"src": "data/blob.bin"}}}},
      {"name": "Keyed", "request": {"method": "GET", "url": "https://x.example/k?x=1",
        "auth": {"type": "apikey", "apikey": {"key": "api_key", "value": "{{key}}", "in": "query"}}}},
      {"name": "OAuth", "request": {"method": "GET", "url": "https://x.example/o",
        "auth": {"type": "oauth2", "oauth2": [{"key": "accessToken", "value": "abc"}]}}},
      {"name": "Inherits", "request": {"method": "GET", "url": "https://x.example/i", "auth": {"type": "inherit"}}}
    ]})");
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "more.json", text));
    QVERIFY2(result.ok(), describe(result).c_str());
    // '/' in a folder name cannot be a folder separator.
    QCOMPARE(findRequest(result.api, "Query")->folder, std::string("Admin-Ops"));

    const ComposerRequest& query = findRequest(result.api, "Query")->request;
    QCOMPARE(query.bodyKind, BodyKind::Raw);
    QCOMPARE(query.body, std::string(R"({"query":"{ me { id } }","variables":{"a":1}})"));
    QCOMPARE(query.auth, AuthKind::Basic);
    QCOMPARE(query.basicUser, std::string("ops"));
    QCOMPARE(query.basicPassword, std::string("{{opsPassword}}"));
    QVERIFY(findNote(result.api, { "GraphQL body" }));

    const ComposerRequest& upload = findRequest(result.api, "Upload")->request;
    QCOMPARE(upload.bodyKind, BodyKind::File);
    QCOMPARE(upload.bodyFile, std::string("data/blob.bin"));

    // v2.0's object form; a key in the query is part of the URL.
    const ComposerRequest& keyed = findRequest(result.api, "Keyed")->request;
    QCOMPARE(keyed.url, std::string("https://x.example/k?x=1&api_key={{key}}"));
    QCOMPARE(keyed.auth, AuthKind::None); // its own auth replaces the folder's

    const ComposerRequest& oauth = findRequest(result.api, "OAuth")->request;
    QCOMPARE(oauth.auth, AuthKind::None);
    const ImportNote* note = findNote(result.api, { "oauth2 auth is not imported" });
    QVERIFY(note);
    QCOMPARE(lineOf(note->where), lineOfText(text, "\"type\": \"oauth2\""));
    QCOMPARE(findRequest(result.api, "Inherits")->request.auth, AuthKind::Basic);
}

void TestPostmanImport::malformedCollectionIsAnError()
{
    const std::string text
        = collectionText(R"(    {"name": "Folder", "item": {"name": "not a list"}},
    {"name": "Bad request", "request": 42},
    {"name": "Bad header", "request": {"method": "GET", "url": "https://x.example", "header": {"Accept": "x"}}})");
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "broken.json", text));
    QVERIFY(!result.ok());
    QVERIFY(result.api.requests.empty());
    QCOMPARE(result.errors.size(), std::size_t(3));
    QCOMPARE(result.errors[0].line, lineOfText(text, "\"item\": {\"name\""));
    QCOMPARE(result.errors[1].line, lineOfText(text, "\"request\": 42"));
    QVERIFY(result.errors[1].message.find("\"request\"") != std::string::npos);
    QCOMPARE(result.errors[2].line, lineOfText(text, "\"Bad header\""));

    const ImportResult noItems = importFile(writeFile(dir, "noitems.json",
        "{\n  \"info\": {\"_postman_id\": \"x\", \"name\": \"n\",\n    \"schema\": "
        "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n  \"item\": "
        "\"none\"\n}\n"));
    QCOMPARE(noItems.errors.size(), std::size_t(1));
    QCOMPARE(noItems.errors[0].line, 4);
}

void TestPostmanImport::malformedEnvironmentIsAnError()
{
    QTemporaryDir dir;
    const ImportResult result = importFile(writeFile(dir, "env.json",
        "{\n  \"name\": \"e\",\n  \"_postman_variable_scope\": \"environment\",\n  \"values\": [\n"
        "    {\"key\": \"a\", \"value\": \"1\"},\n    \"b\"\n  ]\n}\n"));
    QVERIFY(!result.ok());
    QVERIFY(result.api.environments.empty());
    QCOMPARE(result.errors.size(), std::size_t(1));
    QCOMPARE(result.errors[0].line, 6);
}

QTEST_APPLESS_MAIN(TestPostmanImport)
#include "tst_postmanimport.moc"
