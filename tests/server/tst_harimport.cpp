// HAR captures imported as saved requests (credentials never copied, HTTP/2
// pseudo-headers and framing fields dropped, bodies kept) and, on request,
// routes answering with the captured responses (base64 text decoded, binary
// and missing bodies and 304s noted); errors for a broken file.

#include "importtesting.h"

#include <QTest>

using namespace tollgate::server;
using namespace importtesting;

namespace {

using BodyKind = ComposerRequest::BodyKind;
using AuthKind = ComposerRequest::AuthKind;

constexpr std::string_view kBearerToken
    = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InN0Zy0yMDI0LTA1In0";
constexpr std::string_view kSessionCookie = "Qm9va3Nob3BTZXNzaW9uLTdmM2E5";
constexpr std::string_view kQueryKey = "tg_live_5b8e1d3f0a6c47e9b2d4f8a1c3e5071d";

ImportResult session(bool routes)
{
    ImportOptions options;
    options.harRoutes = routes;
    return importFile(dataFile("har/session.har"), options);
}

const Header* findHeader(const std::vector<Header>& headers, std::string_view name)
{
    for (const Header& h : headers)
        if (iequals(h.name, name))
            return &h;
    return nullptr;
}

/// A HAR holding the given entries.
std::string harText(std::string_view entries)
{
    return "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"test\", "
           "\"version\": \"1\"},\n"
           "    \"entries\": [\n"
        + std::string(entries) + "\n    ]\n  }\n}\n";
}

/// One entry: a GET of `url` answered with `status` and `content`.
std::string entry(
    std::string_view url, int status, std::string_view content, std::string_view headers = "[]")
{
    return "      {\"request\": {\"method\": \"GET\", \"url\": \"" + std::string(url)
        + "\", \"httpVersion\": \"HTTP/1.1\", \"headers\": []},\n"
          "       \"response\": {\"status\": "
        + std::to_string(status) + ", \"headers\": " + std::string(headers)
        + ",\n        \"content\": " + std::string(content) + "}}";
}

} // namespace

class TestHarImport : public QObject {
    Q_OBJECT

private slots:
    void savedRequests_data();
    void savedRequests();
    void framingAndPseudoHeadersAreDropped();
    void credentialsAreNotCopied();
    void credentialNotesPointAtTheirLines();
    void postDataBecomesTheBody();
    void noRoutesUnlessAsked();
    void routesFromTheAnswers();
    void answersThatCannotBeRoutesAreNoted();
    void base64TextIsDecoded();
    void malformedHarIsAnError();
};

void TestHarImport::savedRequests_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("url");
    QTest::newRow("query kept")
        << 0 << QByteArray("GET /v1/books")
        << QByteArray(
               "https://api.bookshop.example/v1/books?limit=20&genre=fantasy&sort=-publishedOn");
    QTest::newRow("uuid path")
        << 1 << QByteArray("GET /v1/books/3f0b6a52-8c6e-4d7a-9f0e-2b8f3c1d9a41")
        << QByteArray("https://api.bookshop.example/v1/books/3f0b6a52-8c6e-4d7a-9f0e-2b8f3c1d9a41");
    QTest::newRow("post")
        << 4 << QByteArray("POST /v1/carts/c41d7e2a-9b0f-4e63-8a15-2f7d3c9b6e04/items")
        << QByteArray(
               "https://api.bookshop.example/v1/carts/c41d7e2a-9b0f-4e63-8a15-2f7d3c9b6e04/items");
    QTest::newRow("key in the query")
        << 8 << QByteArray("GET /v1/inventory")
        << QByteArray(
               "https://api.bookshop.example/v1/inventory?warehouse=BER1&api_key={{apiKey}}");
}

void TestHarImport::savedRequests()
{
    QFETCH(int, index);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, url);
    const ImportResult result = session(false);
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.format, std::string("HAR 1.2"));
    QCOMPARE(result.api.requests.size(), std::size_t(9));
    const SavedRequest& saved = result.api.requests.at(static_cast<std::size_t>(index));
    QCOMPARE(QByteArray::fromStdString(saved.name), name);
    QCOMPARE(saved.folder, std::string("api.bookshop.example"));
    QCOMPARE(QByteArray::fromStdString(saved.request.url), url);
    QCOMPARE(QByteArray::fromStdString(saved.request.method), name.left(name.indexOf(' ')));
    QVERIFY(saved.request.http2);
    QVERIFY(saved.request.compressed);
}

void TestHarImport::framingAndPseudoHeadersAreDropped()
{
    const ImportResult result = session(false);
    for (const SavedRequest& saved : result.api.requests) {
        for (const Header& h : saved.request.headers) {
            QVERIFY2(!h.name.starts_with(':'), h.name.c_str());
            for (const char* dropped :
                { "host", "content-length", "connection", "accept-encoding" })
                QVERIFY2(!iequals(h.name, dropped), h.name.c_str());
        }
        QVERIFY(findHeader(saved.request.headers, "accept"));
    }
    const SavedRequest& conditional = result.api.requests.at(3);
    QCOMPARE(findHeader(conditional.request.headers, "if-none-match")->value,
        std::string("W/\"b7c1-5\""));
}

void TestHarImport::credentialsAreNotCopied()
{
    for (const bool routes : { false, true }) {
        const ImportResult result = session(routes);
        QVERIFY2(result.ok(), describe(result).c_str());
        for (const SavedRequest& saved : result.api.requests) {
            const ComposerRequest& r = saved.request;
            std::string written = r.url + '\n' + r.body + '\n' + r.token + '\n';
            for (const Header& h : r.headers) {
                QVERIFY2(!iequals(h.name, "cookie") && !iequals(h.name, "authorization"),
                    h.name.c_str());
                written += h.name + ": " + h.value + '\n';
            }
            for (std::string_view secret : { kBearerToken, kSessionCookie, kQueryKey })
                QVERIFY2(written.find(secret) == std::string::npos, saved.name.c_str());
        }
        for (const Route& route : result.api.routes) {
            for (const Response& response : route.responses) {
                QVERIFY(!findHeader(response.headers, "set-cookie"));
                for (const Header& h : response.headers)
                    QVERIFY(h.value.find("cart_session") == std::string::npos);
            }
        }
    }
    const ImportResult result = session(false);
    // A Bearer header becomes Bearer auth with a variable in its place.
    const ComposerRequest& items = result.api.requests.at(4).request;
    QCOMPARE(items.auth, AuthKind::Bearer);
    QCOMPARE(items.token, std::string("{{token}}"));
    QCOMPARE(result.api.requests.at(0).request.auth, AuthKind::None);
    // Idempotency-Key is no credential.
    QCOMPARE(findHeader(result.api.requests.at(7).request.headers, "idempotency-key")->value,
        std::string("9d1c43e2-checkout-1718116351"));
}

void TestHarImport::credentialNotesPointAtTheirLines()
{
    const ImportResult result = session(true);
    struct Expected {
        std::vector<std::string> parts;
        int line;
        ImportNote::Kind kind;
    };
    const std::vector<Expected> expected {
        { { "GET /v1/books:", "cookies", "not copied" }, 67, ImportNote::Kind::Skipped },
        { { "POST /v1/carts/", "/items", "authorization header's credentials are not copied",
              "{{token}}" },
            661, ImportNote::Kind::Skipped },
        { { "\"api_key\"", "{{apiKey}}" }, 1272, ImportNote::Kind::Approximated },
        { { "Set-Cookie" }, 737, ImportNote::Kind::Skipped },
    };
    for (const Expected& e : expected) {
        const ImportNote* note = nullptr;
        for (const ImportNote& n : result.api.notes) {
            if (!note && std::all_of(e.parts.begin(), e.parts.end(), [&](const std::string& p) {
                    return n.message.find(p) != std::string::npos;
                }))
                note = &n;
        }
        QVERIFY2(note, (e.parts.back() + "\n" + describe(result)).c_str());
        QVERIFY2(
            note->where.ends_with("session.har:" + std::to_string(e.line)), note->where.c_str());
        QCOMPARE(note->kind, e.kind);
    }
}

void TestHarImport::postDataBecomesTheBody()
{
    const ImportResult result = session(false);
    const ComposerRequest& items = result.api.requests.at(4).request;
    QCOMPARE(items.bodyKind, BodyKind::Raw);
    QCOMPARE(items.body,
        std::string(R"({"bookId":"3f0b6a52-8c6e-4d7a-9f0e-2b8f3c1d9a41","quantity":2})"));
    QCOMPARE(findHeader(items.headers, "content-type")->value, std::string("application/json"));
    QCOMPARE(result.api.requests.at(0).request.bodyKind, BodyKind::None);

    // Form posts: urlencoded text as captured, multipart as fields.
    const std::string text = harText(
        R"(      {"request": {"method": "POST", "url": "http://localhost:8080/login", "headers": [],
        "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "user=ada&next=%2Fhome",
          "params": [{"name": "user", "value": "ada"}, {"name": "next", "value": "%2Fhome"}]}},
       "response": {"status": 302, "headers": [], "content": {"size": 0, "mimeType": "text/html"}}},
      {"request": {"method": "POST", "url": "http://localhost:8080/upload", "headers": [{"name": "Content-Type", "value": "multipart/form-data; boundary=x"}],
        "postData": {"mimeType": "multipart/form-data; boundary=x",
          "params": [{"name": "title", "value": "Cover"}, {"name": "file", "fileName": "cover.png", "contentType": "image/png"}]}},
       "response": {"status": 201, "headers": [], "content": {"size": 0, "mimeType": "text/plain"}}})");
    QTemporaryDir dir;
    const ImportResult forms = importFile(writeFile(dir, "forms.har", text));
    QVERIFY2(forms.ok(), describe(forms).c_str());
    const ComposerRequest& login = forms.api.requests.at(0).request;
    QCOMPARE(login.bodyKind, BodyKind::Form);
    QCOMPARE(login.body, std::string("user=ada&next=%2Fhome"));
    QCOMPARE(forms.api.requests.at(0).folder, std::string("localhost-8080"));
    const ComposerRequest& upload = forms.api.requests.at(1).request;
    QCOMPARE(upload.bodyKind, BodyKind::Multipart);
    const std::vector<std::pair<std::string, std::string>> fields { { "title", "Cover" },
        { "file", "@cover.png" } };
    QCOMPARE(upload.formFields, fields);
    QVERIFY(!findHeader(upload.headers, "content-type")); // the composer writes its own boundary
    QVERIFY(findNote(forms.api, { "cover.png", "not in the capture" }));
}

void TestHarImport::noRoutesUnlessAsked()
{
    QVERIFY(session(false).api.routes.empty());
    QVERIFY(session(false).api.upstreamUrl.empty());
}

void TestHarImport::routesFromTheAnswers()
{
    const ImportResult result = session(true);
    QVERIFY2(result.ok(), describe(result).c_str());
    QCOMPARE(result.api.upstreamUrl, std::string("https://api.bookshop.example"));
    QCOMPARE(result.api.routes.size(), std::size_t(7));
    const Route* book = findRoute(result.api, "GET", "/v1/books/{bookId}");
    QVERIFY(book);
    QCOMPARE(book->responder, RouteResponder::Designed);
    QCOMPARE(book->upstream.url, std::string("https://api.bookshop.example"));
    QCOMPARE(book->responses.size(), std::size_t(1)); // the 304 is not an answer of its own
    QCOMPARE(book->responses[0].status, 200);
    const Rule rule { RuleSource::PathParam, "bookId", RuleOperator::Equals,
        "3f0b6a52-8c6e-4d7a-9f0e-2b8f3c1d9a41", 0 };
    QCOMPARE(book->rules, std::vector<Rule> { rule });

    // The HAR holds decoded bodies: their transfer coding is not replayed.
    const Route* list = findRoute(result.api, "GET", "/v1/books");
    QVERIFY(list);
    QVERIFY(!findHeader(list->responses[0].headers, "content-encoding"));
    QVERIFY(!findHeader(list->responses[0].headers, "content-length"));
    QCOMPARE(findHeader(list->responses[0].headers, "x-total-count")->value, std::string("2"));
    QVERIFY(list->responses[0].body.starts_with("{\"total\":2,"));

    const Route* missing = findRoute(result.api, "GET", "/v1/orders/{orderId}");
    QVERIFY(missing);
    QCOMPARE(missing->responses[0].status, 404);
    QVERIFY(findRoute(result.api, "GET", "/v1/inventory"));

    std::size_t compiled = 0;
    const std::vector<Diagnostic> problems = compileProblems(result.api.routes, &compiled);
    QVERIFY2(problems.empty(), joinDiagnostics(problems).c_str());
    QCOMPARE(compiled, result.api.routes.size());
}

void TestHarImport::answersThatCannotBeRoutesAreNoted()
{
    const ImportResult result = session(true);
    const ImportNote* png = findNote(result.api, { "/cover", "image/png", "not text" });
    QVERIFY2(png, describe(result).c_str());
    QCOMPARE(lineOf(png->where), 448);
    QVERIFY(!findRoute(result.api, "GET", "/v1/books/{bookId}/cover"));
    const ImportNote* notModified = findNote(result.api, { "304" });
    QVERIFY(notModified);
    QCOMPARE(lineOf(notModified->where), 562);
    QCOMPARE(notModified->kind, ImportNote::Kind::Skipped);
}

void TestHarImport::base64TextIsDecoded()
{
    // {"ok":true,"name":"Ada"} and "caf\xc3\xa9" in base64; a body the browser did not keep.
    const std::string text = harText(
        entry("https://a.example/users/7", 200,
            R"({"size": 24, "mimeType": "application/json", "encoding": "base64", "text": "eyJvayI6dHJ1ZSwibmFtZSI6IkFkYSJ9"})",
            R"([{"name": "Content-Type", "value": "application/json"}])")
        + ",\n"
        + entry("https://a.example/menu", 200,
            R"({"size": 5, "mimeType": "text/plain; charset=utf-8", "encoding": "base64", "text": "Y2Fmw6k="})")
        + ",\n"
        + entry("https://a.example/lost", 200, R"({"size": 812, "mimeType": "application/json"})")
        + ",\n" + entry("https://a.example/empty", 204, R"({"size": 0, "mimeType": "x-unknown"})")
        + ",\n"
        + entry("https://b.example/users/8", 200,
            R"({"size": 2, "mimeType": "application/json", "text": "{}"})"));
    QTemporaryDir dir;
    ImportOptions options;
    options.harRoutes = true;
    const ImportResult result = importFile(writeFile(dir, "base64.har", text), options);
    QVERIFY2(result.ok(), describe(result).c_str());
    const Route* user = findRoute(result.api, "GET", "/users/{userId}");
    QVERIFY(user);
    QCOMPARE(user->responses[0].body, std::string(R"({"ok":true,"name":"Ada"})"));
    QCOMPARE(user->upstream.url, std::string("https://a.example"));
    QCOMPARE(findRoute(result.api, "GET", "/menu")->responses[0].body, std::string("caf\xc3\xa9"));
    QCOMPARE(findRoute(result.api, "GET", "/empty")->responses[0].status, 204);
    QVERIFY(!findRoute(result.api, "GET", "/lost"));
    const ImportNote* lost = findNote(result.api, { "GET /lost", "does not hold the body" });
    QVERIFY2(lost, describe(result).c_str());
    QCOMPARE(lineOf(lost->where), lineOfText(text, "\"size\": 812"));
    // Two origins: no single upstream, and the second origin's same route is noted.
    QVERIFY(result.api.upstreamUrl.empty());
    const ImportNote* clash = findNote(result.api, { "GET /users/{userId}", "another origin" });
    QVERIFY2(clash, describe(result).c_str());
    QCOMPARE(lineOf(clash->where), lineOfText(text, "https://b.example/users/8"));
    QVERIFY(compileProblems(result.api.routes).empty());
}

void TestHarImport::malformedHarIsAnError()
{
    const std::string text = harText(entry("https://a.example/ok", 200, R"({"size": 0})") + ",\n"
        + "      {\"request\": {\"method\": \"GET\", \"headers\": []},\n"
          "       \"response\": {\"status\": 200, \"content\": {}}},\n"
        + "      {\"request\": {\"method\": \"GET\", \"url\": \"https://a.example/x\", "
          "\"headers\": []},\n"
          "       \"response\": {\"status\": \"OK\", \"content\": {}}},\n"
        + "      {\"request\": {\"method\": \"GET\", \"url\": \"https://a.example/y\", "
          "\"headers\": {}},\n"
          "       \"response\": {\"status\": 200, \"content\": {}}}");
    QTemporaryDir dir;
    const ImportResult result
        = importFile(writeFile(dir, "broken.har", text), ImportOptions { true, false });
    QVERIFY(!result.ok());
    QVERIFY(result.api.requests.empty());
    QVERIFY(result.api.routes.empty());
    QCOMPARE(result.errors.size(), std::size_t(3));
    QCOMPARE(
        result.errors[0].line, lineOfText(text, "{\"request\": {\"method\": \"GET\", \"headers\""));
    QVERIFY(result.errors[0].message.find("\"url\"") != std::string::npos);
    QCOMPARE(result.errors[1].line, lineOfText(text, "\"status\": \"OK\""));
    QCOMPARE(result.errors[2].line, lineOfText(text, "https://a.example/y"));

    const ImportResult notAList = importFile(writeFile(dir, "entries.har",
        "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"entries\": {}\n  }\n}\n"));
    QCOMPARE(notAList.errors.size(), std::size_t(1));
    QCOMPARE(notAList.errors[0].line, 4);
}

QTEST_APPLESS_MAIN(TestHarImport)
#include "tst_harimport.moc"
