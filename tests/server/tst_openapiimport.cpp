// OpenAPI 3.0 / 3.1 import: operations become routes and saved requests,
// responses come from examples or deterministic schema samples ($ref chains
// across files, allOf, oneOf), security makes routes key-protected, and what
// is not carried over is reported with file:line. Also the schema sampler on
// its own, and merging an import into a workspace.

#include "server/interchange/importedapi.h"
#include "server/interchange/importmerge.h"
#include "server/interchange/openapiexport.h"
#include "server/interchange/schemasample.h"
#include "server/interchange/sourcetree.h"
#include "server/routing/jsonschema.h"
#include "server/routing/routetable.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace tollgate::server;
namespace json = boost::json;

Q_DECLARE_METATYPE(std::string)

namespace {

const std::string kData = std::string(TOLLGATE_TEST_DATA) + "/import/openapi/";

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The 1-based line of the first line of the file containing needle.
int lineOf(const std::string& path, std::string_view needle)
{
    std::ifstream in(path);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.find(needle) != std::string::npos)
            return n;
    }
    return 0;
}

const Route* findRoute(const ImportedApi& api, std::string_view method, std::string_view path)
{
    for (const Route& r : api.routes) {
        if (r.method == method && r.path == path)
            return &r;
    }
    return nullptr;
}

const SavedRequest* findRequest(const ImportedApi& api, std::string_view name)
{
    for (const SavedRequest& r : api.requests) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

bool hasNote(
    const ImportedApi& api, ImportNote::Kind kind, std::string_view where, std::string_view text)
{
    return std::any_of(api.notes.begin(), api.notes.end(), [&](const ImportNote& n) {
        return n.kind == kind && n.where == where && n.message.find(text) != std::string::npos;
    });
}

std::string at(const std::string& file, int line)
{
    return file + ':' + std::to_string(line);
}

// Integral doubles as integers, recursively.
json::value numbersAside(json::value v)
{
    if (v.is_double() && v.get_double() == double(std::int64_t(v.get_double())))
        return json::value(std::int64_t(v.get_double()));
    if (v.is_array())
        for (json::value& e : v.get_array())
            e = numbersAside(std::move(e));
    if (v.is_object())
        for (auto& member : v.get_object())
            member.value() = numbersAside(std::move(member.value()));
    return v;
}

bool sameJsonNumbersAside(const std::string& a, const std::string& b)
{
    if (a.empty() || b.empty())
        return a == b;
    return numbersAside(json::parse(a)) == numbersAside(json::parse(b));
}

json::value bodyOf(const Response& r)
{
    return json::parse(r.body);
}

json::value sample(std::string_view yaml, SampleDirection direction = SampleDirection::Response,
    std::vector<SampleProblem>* problems = nullptr)
{
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::parse(yaml, "schema.yaml", &tree, &error))
        qFatal("%s", error.toString().c_str());
    RefResolver refs(tree, ".");
    const json::value* schema = tree.at("/schema");
    return sampleSchema(*schema, tree, "/schema", refs, direction, problems);
}

} // namespace

class TestOpenApiImport : public QObject {
    Q_OBJECT

private slots:
    void bookshopOperationsBecomeRoutes()
    {
        const std::string file = kData + "bookshop-3.1.yaml";
        const ImportResult result = importFile(file);
        QVERIFY2(
            result.ok(), result.errors.empty() ? "" : result.errors.front().toString().c_str());
        const ImportedApi& api = result.api;
        QCOMPARE(api.format, std::string("OpenAPI 3.1.0"));
        QCOMPARE(api.title, std::string("Bookshop API"));
        // One route and one saved request per operation (67, none TRACE).
        QCOMPARE(api.routes.size(), std::size_t(67));
        QCOMPARE(api.requests.size(), std::size_t(67));
        // servers[0]'s path prefixes every route; its origin is the upstream.
        QCOMPARE(api.upstreamUrl, std::string("https://api.bookshop.example/v1"));
        const Route* order = findRoute(api, "GET", "/v1/orders/{orderId}");
        QVERIFY(order);
        QCOMPARE(order->upstream.url, std::string("https://api.bookshop.example"));
        QCOMPARE(order->responder, RouteResponder::Designed);
        QVERIFY(order->access.keyRequired);
        // Responses in status order, the success the default.
        QVERIFY(std::is_sorted(order->responses.begin(), order->responses.end(),
            [](const Response& a, const Response& b) { return a.status < b.status; }));
        QCOMPARE(order->responses.at(order->defaultResponse).status, 200);
        QVERIFY(order->responses.size() >= 3);
        // The example travels through a $ref chain into the common file.
        const json::value body = bodyOf(order->responses.at(order->defaultResponse));
        QVERIFY(body.as_object().contains("items"));
        QCOMPARE(json::serialize(body.at_pointer("/totals/grandTotal/currency")),
            std::string("\"EUR\""));
        // The answer keeps its schema, $refs inlined, for schema checks; the
        // example answer is valid against it.
        const Response& ok = order->responses.at(order->defaultResponse);
        QVERIFY(!ok.schema.empty());
        QVERIFY2(ok.schema.find("$ref") == std::string::npos, ok.schema.c_str());
        JsonSchemaValidator validator;
        std::string schemaError;
        QVERIFY2(JsonSchemaValidator::compile(ok.schema, &validator, &schemaError),
            schemaError.c_str());
        const auto violation = validator.validate(body);
        QVERIFY2(!violation, violation ? violation->message.c_str() : "");
        QVERIFY(validator.validate(json::parse(R"({"items": 5})")));
        // Public operations (security: []) stay public.
        const Route* list = findRoute(api, "GET", "/v1/books");
        QVERIFY(list);
        QVERIFY(!list->access.keyRequired);
        // Two servers, two environments with their origins.
        QCOMPARE(api.environments.size(), std::size_t(2));
        QCOMPARE(api.environments.front().variables.front(),
            (std::pair<std::string, std::string> { "baseUrl", "https://api.bookshop.example" }));
        QCOMPARE(api.environments.back().variables.front().second,
            std::string("https://eu.staging.bookshop.example"));
    }

    void everyImportedRouteCompiles()
    {
        for (const char* name : { "bookshop-3.1.yaml", "petstore-3.0.json" }) {
            const ImportResult result = importFile(kData + name);
            QVERIFY(result.ok());
            Workspace ws;
            ws.routes = result.api.routes;
            std::vector<Diagnostic> errors;
            auto table = RouteTable::build(ws, 1, &errors);
            QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().toString().c_str());
            QCOMPARE(table->routes().size(), result.api.routes.size());
        }
    }

    void savedRequestsCarryParametersAndBodies()
    {
        const ImportResult result = importFile(kData + "bookshop-3.1.yaml");
        const ImportedApi& api = result.api;
        const SavedRequest* get = findRequest(api, "Get a book");
        QVERIFY(get);
        QCOMPARE(get->folder, std::string("books"));
        QCOMPARE(get->request.method, std::string("GET"));
        // The path parameter is filled with its example.
        QVERIFY2(get->request.url.rfind("{{baseUrl}}/v1/books/", 0) == 0, get->request.url.c_str());
        QVERIFY(get->request.url.find('{', 2) == std::string::npos
            || get->request.url.find("{bookId}") == std::string::npos);
        // A POST carries its example body as JSON.
        auto post
            = std::find_if(api.requests.begin(), api.requests.end(), [](const SavedRequest& r) {
                  return r.request.method == "POST" && r.folder == "books";
              });
        QVERIFY(post != api.requests.end());
        QCOMPARE(post->request.bodyKind, ComposerRequest::BodyKind::Raw);
        QVERIFY(json::parse(post->request.body).is_object());
        QVERIFY(std::any_of(
            post->request.headers.begin(), post->request.headers.end(), [](const Header& h) {
                return h.name == "Content-Type" && h.value == "application/json";
            }));
        // Key-protected operations ask for an API key in the composer.
        QCOMPARE(post->request.auth, ComposerRequest::AuthKind::ApiKey);
    }

    void unsupportedThingsAreReportedWithTheirLine()
    {
        const std::string file = kData + "bookshop-3.1.yaml";
        const ImportResult result = importFile(file);
        const ImportedApi& api = result.api;
        QVERIFY(hasNote(api, ImportNote::Kind::Skipped, at(file, lineOf(file, "callbacks:")),
            "callbacks are not imported"));
        QVERIFY(hasNote(api, ImportNote::Kind::Skipped, at(file, lineOf(file, "application/xml:")),
            "application/xml"));
        QVERIFY(hasNote(api, ImportNote::Kind::Skipped,
            at(file, lineOf(file, "- name: cart_session")), "cookie parameter \"cart_session\""));
        QVERIFY(hasNote(
            api, ImportNote::Kind::Approximated, at(file, lineOf(file, "    OAuth2:")), "oauth2"));
        QVERIFY(std::any_of(api.notes.begin(), api.notes.end(), [&](const ImportNote& n) {
            return n.message.find("webhook") != std::string::npos
                && n.where.rfind(file + ':', 0) == 0;
        }));
        // Notes come in file order.
        QVERIFY(std::is_sorted(
            api.notes.begin(), api.notes.end(), [](const ImportNote& a, const ImportNote& b) {
                auto line = [](const ImportNote& n) {
                    return std::stoi(n.where.substr(n.where.rfind(':') + 1));
                };
                return line(a) < line(b);
            }));
    }

    void importIsDeterministic()
    {
        const ImportResult a = importFile(kData + "bookshop-3.1.yaml");
        const ImportResult b = importFile(kData + "bookshop-3.1.yaml");
        QVERIFY(a.api.routes == b.api.routes);
        QVERIFY(a.api.requests == b.api.requests);
        QVERIFY(a.api.notes == b.api.notes);
    }

    void openApi30JsonWithNullableAndExamples()
    {
        const ImportResult result = importFile(kData + "petstore-3.0.json");
        QVERIFY(result.ok());
        QVERIFY(result.api.format.rfind("OpenAPI 3.0", 0) == 0);
        QCOMPARE(result.api.routes.size(), std::size_t(11));
        for (const Route& r : result.api.routes) {
            QVERIFY2(r.path.front() == '/', r.path.c_str());
            for (const Response& response : r.responses) {
                const bool isJson = std::any_of(response.headers.begin(), response.headers.end(),
                    [](const Header& h) { return h.value.find("json") != std::string::npos; });
                if (isJson && !response.body.empty())
                    QVERIFY2(!json::parse(response.body).is_null() || response.body == "null\n",
                        r.path.c_str());
            }
        }
    }

    void malformedDocumentsImportNothing_data()
    {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<std::string>("message");
        QTest::newRow("swagger 2") << std::string("{\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}")
                                   << 2 << std::string("convert it to OpenAPI 3");
        QTest::newRow("openapi 4")
            << std::string("openapi: 4.0.0\npaths: {}\n") << 1 << std::string("not supported");
        QTest::newRow("paths not an object")
            << std::string("openapi: 3.1.0\ninfo: {title: x}\npaths: [1]\n") << 3
            << std::string("\"paths\" must be an object");
        QTest::newRow("not a known format") << std::string("{\"hello\": \"world\"}") << 1
                                            << std::string("not a file Tollgate imports");
    }
    void malformedDocumentsImportNothing()
    {
        QFETCH(std::string, text);
        QFETCH(int, line);
        QFETCH(std::string, message);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("spec.txt")).toStdString();
        std::ofstream(path) << text;
        const ImportResult result = importFile(path);
        QVERIFY(!result.ok());
        QVERIFY(result.api.routes.empty());
        QCOMPARE(result.errors.front().file, path);
        QCOMPARE(result.errors.front().line, line);
        QVERIFY2(result.errors.front().message.find(message) != std::string::npos,
            result.errors.front().message.c_str());
    }

    void brokenStructureNamesTheLine()
    {
        const std::string file = kData + "broken-structure.json";
        const ImportResult result = importFile(file);
        QVERIFY(!result.ok());
        QCOMPARE(result.errors.front().line, std::stoi(readAll(kData + "broken-structure.expect")));
    }

    void pathsThatMixTextAndParametersAreApproximated()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("spec.yaml")).toStdString();
        std::ofstream(path) << "openapi: 3.0.3\n"
                               "info: {title: Files, version: '1'}\n"
                               "paths:\n"
                               "  /files/{name}.json:\n"
                               "    get:\n"
                               "      responses:\n"
                               "        '200': {description: ok}\n"
                               "    trace:\n"
                               "      responses:\n"
                               "        '200': {description: ok}\n";
        const ImportResult result = importFile(path);
        QVERIFY(result.ok());
        QCOMPARE(result.api.routes.size(), std::size_t(1));
        QCOMPARE(result.api.routes.front().path, std::string("/files/{name}"));
        QVERIFY(hasNote(result.api, ImportNote::Kind::Approximated, at(path, 4), "{name}.json"));
        QVERIFY(hasNote(result.api, ImportNote::Kind::Skipped, at(path, 8), "TRACE"));
    }

    void templateLookalikesStayLiteral()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("spec.json")).toStdString();
        std::ofstream(path) << R"({"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
            "paths": {"/greeting": {"get": {"responses": {"200": {"description": "ok",
            "content": {"application/json": {"example": {"text": "Hello {{name}}"}}}}}}}}})";
        const ImportResult result = importFile(path);
        QVERIFY(result.ok());
        Workspace ws;
        ws.routes = result.api.routes;
        std::vector<Diagnostic> errors;
        auto table = RouteTable::build(ws, 1, &errors);
        QVERIFY(errors.empty());
        // Kept as written: the braces are not read as a template.
        QVERIFY(result.api.routes.front().responses.front().body.find("{{=") == 0);
        QVERIFY(result.api.routes.front().responses.front().body.find("Hello {{name}}")
            != std::string::npos);
    }

    void schemaSamples_data()
    {
        QTest::addColumn<std::string>("schema");
        QTest::addColumn<std::string>("json");
        QTest::newRow("formats")
            << std::string("{type: object, properties: {when: {type: string, format: "
                           "date-time}, id: {type: string, format: uuid}, mail: {type: "
                           "string, format: email}}}")
            << std::string(
                   R"({"when":"2026-01-01T12:00:00Z","id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","mail":"user@example.com"})");
        QTest::newRow("enum first")
            << std::string("{type: string, enum: [b, a]}") << std::string("\"b\"");
        QTest::newRow("bounds") << std::string("{type: integer, minimum: 5, maximum: 9}")
                                << std::string("5");
        QTest::newRow("exclusive 3.1")
            << std::string("{type: integer, exclusiveMinimum: 0}") << std::string("1");
        QTest::newRow("exclusive 3.0")
            << std::string("{type: number, minimum: 0, exclusiveMinimum: true}")
            << std::string("5E-1");
        QTest::newRow("negative range")
            << std::string("{type: integer, maximum: -3}") << std::string("-3");
        QTest::newRow("multiple") << std::string("{type: integer, minimum: 7, multipleOf: 5}")
                                  << std::string("10");
        QTest::newRow("length") << std::string("{type: string, minLength: 10, maxLength: 12}")
                                << std::string("\"stringstri\"");
        QTest::newRow("short") << std::string("{type: string, maxLength: 3}")
                               << std::string("\"str\"");
        QTest::newRow("nullable 3.1")
            << std::string("{type: [string, 'null']}") << std::string("\"string\"");
        QTest::newRow("array min")
            << std::string("{type: array, minItems: 2, items: {type: boolean}}")
            << std::string("[true,true]");
        QTest::newRow("allOf") << std::string(
            "{allOf: [{type: object, properties: {a: {type: integer}}}, "
            "{properties: {b: {const: x}}}]}")
                               << std::string(R"({"a":0,"b":"x"})");
        QTest::newRow("oneOf skips null")
            << std::string("{oneOf: [{type: 'null'}, {type: integer}]}") << std::string("0");
        QTest::newRow("example wins")
            << std::string("{type: integer, example: 42}") << std::string("42");
        QTest::newRow("map") << std::string("{type: object, additionalProperties: {type: integer}}")
                             << std::string(R"({"key":0})");
    }
    void schemaSamples()
    {
        QFETCH(std::string, schema);
        QFETCH(std::string, json);
        const json::value v = sample("schema: " + schema + "\n");
        QCOMPARE(json::serialize(v), json);
    }

    void samplesRespectDirectionAndStopRecursion()
    {
        const std::string doc = "schema: {$ref: '#/components/schemas/Node'}\n"
                                "components:\n"
                                "  schemas:\n"
                                "    Node:\n"
                                "      type: object\n"
                                "      properties:\n"
                                "        id: {type: integer, readOnly: true}\n"
                                "        secret: {type: string, writeOnly: true}\n"
                                "        children: {type: array, items: {$ref: "
                                "'#/components/schemas/Node'}}\n";
        const json::value response = sample(doc, SampleDirection::Response);
        QCOMPARE(json::serialize(response), std::string(R"({"id":0,"children":[{}]})"));
        const json::value request = sample(doc, SampleDirection::Request);
        QCOMPARE(json::serialize(request), std::string(R"({"secret":"string","children":[{}]})"));
    }

    void brokenRefsBecomeProblems()
    {
        std::vector<SampleProblem> problems;
        const json::value v = sample("schema: {type: object, properties: {a: {$ref: "
                                     "'#/nowhere'}, b: {$ref: 'https://example.com/x.yaml'}, c: "
                                     "{$ref: '../up.yaml#/x'}}}\n",
            SampleDirection::Response, &problems);
        QCOMPARE(json::serialize(v), std::string(R"({"a":null,"b":null,"c":null})"));
        QCOMPARE(problems.size(), std::size_t(3));
        QVERIFY(problems[0].message.find("points to nothing") != std::string::npos);
        QVERIFY(problems[1].message.find("outside") != std::string::npos);
        QVERIFY(problems[2].message.find("leaves") != std::string::npos);
        QCOMPARE(problems[0].where, std::string("schema.yaml:1"));
    }

    void exportThenImportGivesTheSameRoutes_data()
    {
        QTest::addColumn<std::string>("file");
        QTest::newRow("bookshop 3.1 yaml") << std::string("bookshop-3.1.yaml");
        QTest::newRow("petstore 3.0 json") << std::string("petstore-3.0.json");
    }
    void exportThenImportGivesTheSameRoutes()
    {
        QFETCH(std::string, file);
        const ImportResult first = importFile(kData + file, ImportOptions { false, true });
        QVERIFY(first.ok());
        Workspace ws;
        ws.routes = first.api.routes;
        ws.routes.front().latency = { 20, 80 };
        ws.routes.front().access.priceMicros = 2500;
        const OpenApiExport exported = exportOpenApi(ws);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("exported.json")).toStdString();
        std::ofstream(path) << exported.text;
        const ImportResult second = importFile(path);
        QVERIFY2(
            second.ok(), second.errors.empty() ? "" : second.errors.front().toString().c_str());
        QCOMPARE(second.api.routes.size(), ws.routes.size());
        for (std::size_t i = 0; i < ws.routes.size(); ++i) {
            const Route& a = ws.routes[i];
            const Route& b = second.api.routes[i];
            const std::string what = a.method + ' ' + a.path;
            QVERIFY2(a.method == b.method && a.path == b.path, what.c_str());
            QVERIFY2(a.description == b.description, what.c_str());
            // Schemas come back the same up to how a number is written
            // (an example's 180.0 may return as 180).
            QCOMPARE(a.responses.size(), b.responses.size());
            for (std::size_t k = 0; k < a.responses.size(); ++k) {
                Response x = a.responses[k], y = b.responses[k];
                QVERIFY2(sameJsonNumbersAside(x.schema, y.schema), what.c_str());
                x.schema = y.schema;
                QVERIFY2(x == y, what.c_str());
            }
            QVERIFY2(a.defaultResponse == b.defaultResponse, what.c_str());
            QVERIFY2(a.access == b.access, what.c_str());
            QVERIFY2(a.validation == b.validation, what.c_str());
            QVERIFY2(a.latency == b.latency, what.c_str());
            QVERIFY2(a.upstream == b.upstream, what.c_str());
        }
    }

    void sseRoutesExportAsEventStreamsAndComeBack()
    {
        Workspace ws;
        Route feed;
        feed.path = "/feed";
        feed.responder = RouteResponder::Sse;
        feed.sse.events = { { "tick", "{\"n\":{{stream.index}}}", "{{stream.index}}", 0, 500 } };
        feed.sse.repeat = true;
        Route chat;
        chat.method = "POST";
        chat.path = "/v1/chat/completions";
        chat.responder = RouteResponder::Sse;
        chat.sse.mode = SseMode::Tokens;
        chat.sse.text = "Hello there";
        chat.sse.tokensPerSecond = 25;
        ws.routes = { feed, chat };
        const OpenApiExport exported = exportOpenApi(ws);
        const json::value doc = json::parse(exported.text);
        const json::value& stream
            = doc.at_pointer("/paths/~1feed/get/responses/200/content/text~1event-stream/example");
        QCOMPARE(json::serialize(stream),
            std::string("\"event: tick\\ndata: {\\\"n\\\":{{stream.index}}}\\nid: "
                        "{{stream.index}}\\n\\n\""));
        const std::string chunks
            = json::serialize(doc.at_pointer("/paths/~1v1~1chat~1completions/post/responses/200/"
                                             "content/text~1event-stream/example"));
        QVERIFY2(chunks.find("chat.completion.chunk") != std::string::npos, chunks.c_str());
        QVERIFY2(chunks.find("[DONE]") != std::string::npos, chunks.c_str());

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("exported.json")).toStdString();
        std::ofstream(path) << exported.text;
        const ImportResult back = importFile(path);
        QVERIFY(back.ok());
        QCOMPARE(back.api.routes.size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(back.api.routes[i].responder, RouteResponder::Sse);
            QVERIFY(back.api.routes[i].sse == ws.routes[i].sse);
        }
    }

    void exportDocumentsTiersAndKeys()
    {
        Workspace ws;
        ws.name = "Shop";
        Route route;
        route.method = "GET";
        route.path = "/files/*";
        route.access.keyRequired = true;
        route.access.scopes = { "files:read" };
        ws.routes = { route };
        const OpenApiExport exported = exportOpenApi(ws, "https://api.example.com");
        const json::value doc = json::parse(exported.text);
        QCOMPARE(json::serialize(doc.at_pointer("/openapi")), std::string("\"3.1.0\""));
        QCOMPARE(json::serialize(doc.at_pointer("/servers/0/url")),
            std::string("\"https://api.example.com\""));
        const json::value& op = doc.at_pointer("/paths/~1files~1{wildcard}/get");
        QCOMPARE(
            json::serialize(op.at_pointer("/security/0/ApiKey/0")), std::string("\"files:read\""));
        // Tollgate's own answers are documented and marked as its own.
        QVERIFY(op.at_pointer("/responses/401/x-tollgate-generated").as_bool());
        QVERIFY(op.at_pointer("/responses/403/x-tollgate-generated").as_bool());
        QVERIFY(op.at_pointer("/responses/429/headers").as_object().contains("Retry-After"));
        // Tiers: as an extension and in words.
        QCOMPARE(doc.at_pointer("/x-tollgate-tiers").as_array().size(), ws.tiers.size());
        const std::string description(doc.at_pointer("/info/description").as_string());
        QVERIFY(description.find("| Pro (`pro`) | 1000 |") != std::string::npos);
        QCOMPARE(
            doc.at_pointer("/components/securitySchemes/ApiKey/name").as_string(), "X-API-Key");
        // The wildcard cannot be said exactly; the export says so.
        QCOMPARE(exported.notes.size(), std::size_t(1));
        QVERIFY(exported.notes.front().message.find("wildcard") != std::string::npos);
    }

    void mergeKeepsTheWorkspacesOwnUnlessToldToReplace()
    {
        ImportedApi api;
        Route a;
        a.method = "GET";
        a.path = "/users/{userId}";
        a.description = "imported";
        Route b;
        b.method = "POST";
        b.path = "/users";
        api.routes = { a, b };
        api.environments
            = { Environment { "Local", { { "baseUrl", "x" } } }, Environment { "Staging", {} } };
        SavedRequest r;
        r.name = "Get user";
        r.folder = "users";
        api.requests = { r };

        Workspace ws;
        Route existing;
        existing.method = "GET";
        existing.path = "/users/{id}"; // same shape, other parameter name
        existing.description = "mine";
        existing.fileName = "get-users-id.json";
        ws.routes = { existing };
        SavedRequest mine = r;
        mine.fileName = "get-user.json";

        Workspace kept = ws;
        const ImportMerge keep = mergeImport(kept, { mine }, api, ConflictPolicy::KeepExisting);
        QCOMPARE(kept.routes.size(), std::size_t(2));
        QCOMPARE(kept.routes[0].description, std::string("mine"));
        QCOMPARE(keep.addedRoutes, std::vector<std::size_t> { 1 });
        QCOMPARE(keep.addedEnvironments, std::vector<std::size_t> { 1 });
        QVERIFY(keep.requests.empty());
        QCOMPARE(keep.conflicts.size(), std::size_t(3)); // route, Local, request
        QVERIFY(std::none_of(keep.conflicts.begin(), keep.conflicts.end(),
            [](const ImportConflict& c) { return c.replaced; }));

        Workspace replaced = ws;
        const ImportMerge take = mergeImport(replaced, { mine }, api, ConflictPolicy::Replace);
        QCOMPARE(replaced.routes[0].description, std::string("imported"));
        QCOMPARE(replaced.routes[0].fileName, std::string("get-users-id.json"));
        QCOMPARE(take.replacedRoutes, std::vector<std::size_t> { 0 });
        QCOMPARE(take.requests.size(), std::size_t(1));
        QCOMPARE(take.requests.front().fileName, std::string("get-user.json"));
        QCOMPARE(replaced.environments.front().variables.size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
