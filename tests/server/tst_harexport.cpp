// The composer's history as HAR 1.2: requests as sent (variables expanded with
// their environment), credentials redacted, and a file Tollgate's own HAR
// importer reads back into the same requests.

#include "server/interchange/harexport.h"
#include "server/interchange/importedapi.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_APPLESS_MAIN(TestHarExport)
#include "tst_harexport.moc"
