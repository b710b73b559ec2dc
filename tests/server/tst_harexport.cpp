// The composer's history as HAR 1.2: requests as sent (variables expanded with
// their environment), credentials redacted, and a file Tollgate's own HAR
// importer reads back into the same requests. The traffic log as HAR 1.2:
// what the log keeps, in the places HAR has for it, resets included.

#include "server/interchange/harexport.h"
#include "server/interchange/importedapi.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <fstream>

using namespace tollgate::server;
namespace json = boost::json;

namespace {

HistoryEntry entry(std::string method, std::string url, int status)
{
    HistoryEntry e;
    e.timeMs = 1'796'000'000'123;
    e.request.method = std::move(method);
    e.request.url = std::move(url);
    e.environment = "Staging";
    e.status = status;
    e.totalMs = 42;
    e.bytes = 17;
    return e;
}

TrafficEvent trafficEvent(std::string method, std::string target, int status)
{
    TrafficEvent e;
    // 2026-11-30T00:53:20.250Z, answered 1.5 ms after it came.
    e.time
        = std::chrono::system_clock::time_point(std::chrono::microseconds(1'796'000'000'251'500));
    e.method = std::move(method);
    e.target = std::move(target);
    e.status = status;
    e.latencyUs = 1500;
    e.bytesOut = status == 0 ? 0 : 230;
    return e;
}

bool isString(const json::object& o, const char* key)
{
    return o.contains(key) && o.at(key).is_string();
}

bool isNumber(const json::object& o, const char* key)
{
    return o.contains(key) && o.at(key).is_number();
}

bool isArray(const json::object& o, const char* key)
{
    return o.contains(key) && o.at(key).is_array();
}

/// What HAR 1.2 requires of an entry, its request and its response.
void checkHarEntry(const json::value& value)
{
    QVERIFY(value.is_object());
    const json::object& entry = value.as_object();
    QVERIFY(isString(entry, "startedDateTime"));
    QVERIFY(isNumber(entry, "time"));
    QVERIFY(entry.contains("cache") && entry.at("cache").is_object());
    const json::object& request = entry.at("request").as_object();
    for (const char* key : { "method", "url", "httpVersion" })
        QVERIFY2(isString(request, key), key);
    for (const char* key : { "cookies", "headers", "queryString" })
        QVERIFY2(isArray(request, key), key);
    for (const char* key : { "headersSize", "bodySize" })
        QVERIFY2(isNumber(request, key), key);
    const json::object& response = entry.at("response").as_object();
    for (const char* key : { "statusText", "httpVersion", "redirectURL" })
        QVERIFY2(isString(response, key), key);
    for (const char* key : { "cookies", "headers" })
        QVERIFY2(isArray(response, key), key);
    for (const char* key : { "status", "headersSize", "bodySize" })
        QVERIFY2(isNumber(response, key), key);
    const json::object& content = response.at("content").as_object();
    QVERIFY(isNumber(content, "size"));
    QVERIFY(isString(content, "mimeType"));
    const json::object& timings = entry.at("timings").as_object();
    for (const char* key : { "send", "wait", "receive" })
        QVERIFY2(isNumber(timings, key), key);
}

} // namespace

class TestHarExport : public QObject {
    Q_OBJECT

private slots:
    void historyBecomesHar()
    {
        Workspace ws;
        ws.environments.push_back(
            Environment { "Staging", { { "baseUrl", "https://staging.example.com" }, { "id", "7" } } });
        HistoryEntry get = entry("GET", "{{baseUrl}}/v1/users/{{id}}?expand=orders", 200);
        get.request.auth = ComposerRequest::AuthKind::Bearer;
        get.request.token = "sk_live_secret";
        get.request.headers = { { "Accept", "application/json" }, { "Cookie", "session=abc" } };
        HistoryEntry post = entry("POST", "{{baseUrl}}/v1/users", 201);
        post.request.bodyKind = ComposerRequest::BodyKind::Raw;
        post.request.body = R"({"name":"Ada"})";
        post.request.headers = { { "Content-Type", "application/json" } };
        HistoryEntry failed = entry("GET", "{{baseUrl}}/{{missing}}", 0);
        failed.error = "Connection refused";

        const HarExport har = exportHistoryHar(ws, { get, post, failed }, "http://127.0.0.1:8080");
        QCOMPARE(har.entries, 3);
        const json::value doc = json::parse(har.text);
        QCOMPARE(doc.at_pointer("/log/version").as_string(), "1.2");
        QCOMPARE(doc.at_pointer("/log/creator/name").as_string(), "Tollgate");
        for (const json::value& e : doc.at_pointer("/log/entries").as_array())
            checkHarEntry(e);
        const json::value& first = doc.at_pointer("/log/entries/0");
        QCOMPARE(first.at_pointer("/startedDateTime").as_string(), "2026-11-30T00:53:20.123Z");
        QCOMPARE(first.at_pointer("/request/url").as_string(),
            "https://staging.example.com/v1/users/7?expand=orders");
        QCOMPARE(first.at_pointer("/request/queryString/0/name").as_string(), "expand");
        QCOMPARE(first.at_pointer("/response/status").as_int64(), 200);
        QCOMPARE(first.at_pointer("/time").as_int64(), 42);
        // No credential leaves the workspace.
        QVERIFY(har.text.find("sk_live_secret") == std::string::npos);
        QVERIFY(har.text.find("session=abc") == std::string::npos);
        QVERIFY(har.text.find("[redacted]") != std::string::npos);
        const json::value& second = doc.at_pointer("/log/entries/1");
        QCOMPARE(second.at_pointer("/request/postData/text").as_string(), R"({"name":"Ada"})");
        QCOMPARE(second.at_pointer("/request/postData/mimeType").as_string(), "application/json");
        const json::value& third = doc.at_pointer("/log/entries/2");
        QCOMPARE(third.at_pointer("/response/_error").as_string(), "Connection refused");
        // The unknown variable is reported, not guessed.
        QCOMPARE(har.notes.size(), std::size_t(1));
        QVERIFY(har.notes.front().message.find("missing") != std::string::npos);

        // Tollgate's own HAR importer reads it back.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("history.har")).toStdString();
        std::ofstream(path) << har.text;
        const ImportResult back = importFile(path);
        QVERIFY2(back.ok(), back.errors.empty() ? "" : back.errors.front().toString().c_str());
        QCOMPARE(back.api.requests.size(), std::size_t(3));
        QCOMPARE(back.api.requests[1].request.method, std::string("POST"));
        QCOMPARE(back.api.requests[1].request.body, post.request.body);
    }

    void trafficBecomesHar()
    {
        TrafficEvent get = trafficEvent("GET", "/v1/users?page=2&q=a%20b&flag", 200);
        get.requestId = "0f3c-77";
        get.keyId = "key_9a8b";
        const TrafficEvent reset = trafficEvent("POST", "/v1/orders", 0);
        const TrafficEvent missing = trafficEvent("DELETE", "/nowhere", 404);

        const HarExport har = exportTrafficHar({ get, reset, missing }, "http://127.0.0.1:8080");
        QCOMPARE(har.entries, 3);
        const json::value doc = json::parse(har.text);
        QCOMPARE(doc.at_pointer("/log/version").as_string(), "1.2");
        QCOMPARE(doc.at_pointer("/log/creator/name").as_string(), "Tollgate");
        QVERIFY(doc.at_pointer("/log/creator/version").is_string());
        QVERIFY(doc.at_pointer("/log/comment").as_string().find("no header fields")
            != json::string::npos);
        const json::array& entries = doc.at_pointer("/log/entries").as_array();
        QCOMPARE(entries.size(), std::size_t(3));
        for (const json::value& e : entries)
            checkHarEntry(e);

        const json::value& first = entries[0];
        // Started when the request came: latency before the answer went out.
        QCOMPARE(first.at_pointer("/startedDateTime").as_string(), "2026-11-30T00:53:20.250Z");
        QCOMPARE(first.at_pointer("/time").to_number<double>(), 1.5);
        QCOMPARE(first.at_pointer("/timings/wait").to_number<double>(), 1.5);
        QCOMPARE(first.at_pointer("/timings/send").to_number<double>(), 0.0);
        QCOMPARE(first.at_pointer("/request/method").as_string(), "GET");
        QCOMPARE(first.at_pointer("/request/url").as_string(),
            "http://127.0.0.1:8080/v1/users?page=2&q=a%20b&flag");
        QCOMPARE(first.at_pointer("/request/httpVersion").as_string(), "HTTP/1.1");
        QVERIFY(first.at_pointer("/request/headers").as_array().empty());
        QCOMPARE(first.at_pointer("/request/headersSize").as_int64(), -1);
        QCOMPARE(first.at_pointer("/request/bodySize").as_int64(), -1);
        const json::array& query = first.at_pointer("/request/queryString").as_array();
        QCOMPARE(query.size(), std::size_t(3));
        QCOMPARE(query[0].at_pointer("/name").as_string(), "page");
        QCOMPARE(query[0].at_pointer("/value").as_string(), "2");
        QCOMPARE(query[1].at_pointer("/value").as_string(), "a b");
        QCOMPARE(query[2].at_pointer("/name").as_string(), "flag");
        QCOMPARE(query[2].at_pointer("/value").as_string(), "");
        QCOMPARE(first.at_pointer("/response/status").as_int64(), 200);
        QCOMPARE(first.at_pointer("/response/statusText").as_string(), "OK");
        QCOMPARE(first.at_pointer("/response/headers/0/name").as_string(), "X-Request-ID");
        QCOMPARE(first.at_pointer("/response/headers/0/value").as_string(), "0f3c-77");
        QCOMPARE(first.at_pointer("/response/content/size").as_int64(), 230);
        QCOMPARE(first.at_pointer("/response/bodySize").as_int64(), 230);
        // The key's id, never a key, and the reason nothing more is there.
        const std::string comment(first.at_pointer("/comment").as_string());
        QVERIFY2(comment.find("key_9a8b") != std::string::npos, comment.c_str());
        QVERIFY2(comment.find("no header fields or bodies") != std::string::npos, comment.c_str());

        // A reset: status 0 and the reason, as browsers write a request that
        // got no answer.
        const json::value& second = entries[1];
        QCOMPARE(second.at_pointer("/response/status").as_int64(), 0);
        QCOMPARE(second.at_pointer("/response/_error").as_string(), "connection reset");
        QVERIFY(second.at_pointer("/response/headers").as_array().empty());
        QVERIFY(second.at_pointer("/request/queryString").as_array().empty());
        QVERIFY(second.at_pointer("/comment").as_string().find("reset") != json::string::npos);
        QCOMPARE(entries[2].at_pointer("/response/statusText").as_string(), "Not Found");

        // The notes say what is missing and count the resets.
        QCOMPARE(har.notes.size(), std::size_t(2));
        QVERIFY(har.notes[0].message.starts_with("3 request(s)"));
        QVERIFY(har.notes[1].message.starts_with("1 request(s) were reset"));

        // Tollgate's own HAR importer reads it back.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("traffic.har")).toStdString();
        std::ofstream(path) << har.text;
        const ImportResult back = importFile(path);
        QVERIFY2(back.ok(), back.errors.empty() ? "" : back.errors.front().toString().c_str());
        QCOMPARE(back.api.requests.size(), std::size_t(3));
    }

    void emptyTrafficIsAnEmptyLog()
    {
        const HarExport har = exportTrafficHar({}, "http://127.0.0.1:8080");
        QCOMPARE(har.entries, 0);
        const json::value doc = json::parse(har.text);
        QVERIFY(doc.at_pointer("/log/entries").as_array().empty());
        QCOMPARE(har.notes.size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestHarExport)
#include "tst_harexport.moc"
