// cURL import/export for the request composer: real pasted command lines must
// parse to the request they describe and survive toCurl -> parseCurl unchanged.

#include "server/curl.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <string>

using namespace tollgate::server;

Q_DECLARE_METATYPE(std::string)

class TestCurl : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void httpx();
};

void TestCurl::parse_data()
{
    QTest::addColumn<std::string>("cmd");
    QTest::addColumn<std::string>("method");
    QTest::addColumn<std::string>("url");
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<std::string>("body");
    auto row = [](const char* name, std::string c, std::string m, std::string u, int h,
                   std::string b) { QTest::newRow(name) << c << m << u << h << b; };
    row("plain", "curl https://api.example.com/v1", "GET", "https://api.example.com/v1", 0, "");
    row("dollar prompt", "$ curl https://x.io", "GET", "https://x.io", 0, "");
    row("chrome ansi-c",
        "curl 'https://api.github.com/graphql' -H 'accept: */*' -H 'accept-language: "
        "en-US,en;q=0.9' "
        "-H 'content-type: application/json' --data-raw $'{\"q\":\"it\\'s\\nok\"}' --compressed",
        "POST", "https://api.github.com/graphql", 3, "{\"q\":\"it's\nok\"}");
    row("stripe -u",
        "curl https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: -d "
        "amount=2000 -d currency=usd",
        "POST", "https://api.stripe.com/v1/charges", 0, "amount=2000&currency=usd");
    row("openai multiline",
        "curl https://api.openai.com/v1/chat/completions \\\n  -H \"Content-Type: "
        "application/json\" \\\n"
        "  -H \"Authorization: Bearer $OPENAI_API_KEY\" \\\n  -d '{\"model\": \"gpt-4o\"}'",
        "POST", "https://api.openai.com/v1/chat/completions", 2, "{\"model\": \"gpt-4o\"}");
    row("github -X PATCH",
        "curl -L -X PATCH -H \"Accept: application/vnd.github+json\" "
        "https://api.github.com/repos/o/r -d '{\"name\":\"n\"}'",
        "PATCH", "https://api.github.com/repos/o/r", 1, "{\"name\":\"n\"}");
    row("attached -XPOST", "curl -XPOST https://x.io/a", "POST", "https://x.io/a", 0, "");
    row("combined -sSL", "curl -sSL https://get.example.sh", "GET", "https://get.example.sh", 0,
        "");
    row("-G data", "curl -G https://x.io/search -d q=cats -d page=2", "GET",
        "https://x.io/search?q=cats&page=2", 0, "");
    row("-G urlencode", "curl -G https://x.io/s --data-urlencode 'q=hello world'", "GET",
        "https://x.io/s?q=hello%20world", 0, "");
    row("urlencode body", "curl https://x.io --data-urlencode 'msg=a&b'", "POST", "https://x.io", 0,
        "msg=a%26b");
    row("urlencode =value", "curl https://x.io --data-urlencode '=a b'", "POST", "https://x.io", 0,
        "a%20b");
    row("-I head", "curl -I https://x.io", "HEAD", "https://x.io", 0, "");
    row("-d @file", "curl -X POST https://x.io -H 'Content-Type: application/json' -d @body.json",
        "POST", "https://x.io", 1, "");
    row("data-binary file", "curl --data-binary @dump.bin https://x.io/up", "POST",
        "https://x.io/up", 0, "");
    row("-T upload", "curl -T file.txt https://x.io/put", "PUT", "https://x.io/put", 0, "");
    row("-F upload", "curl -F 'file=@photo.jpg' -F name=me https://x.io/upload", "POST",
        "https://x.io/upload", 0, "");
    row("user agent referer cookie",
        "curl -A 'Mozilla/5.0' -e https://r.io -b 'a=1; b=2' https://x.io", "GET", "https://x.io",
        3, "");
    row("--url", "curl --url https://x.io/u", "GET", "https://x.io/u", 0, "");
    row("json", "curl --json '{\"a\":1}' https://x.io/j", "POST", "https://x.io/j", 2, "{\"a\":1}");
    row("empty header", "curl -H 'X-Empty;' https://x.io", "GET", "https://x.io", 1, "");
    row("timeouts", "curl --connect-timeout 2.5 -m 30 https://x.io", "GET", "https://x.io", 0, "");
    row("insecure", "curl -k https://self-signed.local", "GET", "https://self-signed.local", 0, "");
    row("ignored flags", "curl -s -S -v -i --fail -o out.json --http1.1 https://x.io", "GET",
        "https://x.io", 0, "");
    row("double quote escapes", "curl -d \"say \\\"hi\\\" \\\\o/\" https://x.io", "POST",
        "https://x.io", 0, "say \"hi\" \\o/");
    row("form content type",
        "curl -H 'Content-Type: application/x-www-form-urlencoded' -d 'a=1' https://x.io", "POST",
        "https://x.io", 1, "a=1");
    row("firefox",
        "curl 'https://x.io/api' -X POST -H 'User-Agent: Mozilla/5.0 (X11)' -H 'Accept: */*' -H "
        "'Origin: https://x.io' --data-raw 'k=v'",
        "POST", "https://x.io/api", 3, "k=v");
    row("quote in single", "curl -d 'it'\\''s' https://x.io", "POST", "https://x.io", 0, "it's");
    row("-X DELETE bearer",
        "curl -X DELETE https://api.stripe.com/v1/customers/cus_1 -u sk_test_abc:", "DELETE",
        "https://api.stripe.com/v1/customers/cus_1", 0, "");
    row("crlf continuation", "curl https://x.io \\\r\n -H 'A: b'", "GET", "https://x.io", 1, "");
    row("-d and -I method override", "curl -X PUT -d x https://x.io", "PUT", "https://x.io", 0,
        "x");
}

void TestCurl::parse()
{
    QFETCH(std::string, cmd);
    QFETCH(std::string, method);
    QFETCH(std::string, url);
    QFETCH(int, headerCount);
    QFETCH(std::string, body);
    ComposerRequest r;
    std::string error;
    QVERIFY2(parseCurl(cmd, &r, &error), error.c_str());
    QCOMPARE(r.method, method);
    QCOMPARE(r.url, url);
    QCOMPARE(static_cast<int>(r.headers.size()), headerCount);
    QCOMPARE(r.body, body);

    ComposerRequest back;
    const std::string again = toCurl(r);
    QVERIFY2(parseCurl(again, &back, &error), (again + ": " + error).c_str());
    QVERIFY2(back == r, again.c_str());
}

void TestCurl::errors_data()
{
    QTest::addColumn<std::string>("cmd");
    QTest::addColumn<std::string>("message");
    QTest::newRow("single quote") << std::string("curl 'https://x.io")
                                  << std::string("unterminated single quote at offset 5");
    QTest::newRow("double quote") << std::string("curl -d \"abc https://x.io")
                                  << std::string("unterminated double quote at offset 8");
    QTest::newRow("no url") << std::string("curl -X POST") << std::string("missing URL");
    QTest::newRow("missing arg") << std::string("curl https://x.io -H")
                                 << std::string("option -H needs an argument");
    QTest::newRow("unknown") << std::string("curl --frobnicate https://x.io")
                             << std::string("unknown option: --frobnicate");
}

void TestCurl::errors()
{
    QFETCH(std::string, cmd);
    QFETCH(std::string, message);
    ComposerRequest r;
    std::string error;
    QVERIFY(!parseCurl(cmd, &r, &error));
    QCOMPARE(error, message);
}

void TestCurl::httpx()
{
    ComposerRequest r;
    std::string error;
    QVERIFY(parseCurl("curl -k -L -u 'me:p\"w' -H 'Content-Type: application/json' -d "
                      "'{\"a\":\"x\\\\y\"}' https://x.io",
        &r, &error));
    std::string py = toHttpx(r);
    QVERIFY2(py.find("httpx.Timeout(10.0)") != std::string::npos, py.c_str());
    QVERIFY(py.find("json=payload") != std::string::npos);
    QVERIFY(py.find("verify=False") != std::string::npos);
    QVERIFY(py.find("follow_redirects=True") != std::string::npos);
    QVERIFY(py.find("auth=(\"me\", \"p\\\"w\")") != std::string::npos);
    QVERIFY(py.find("\"{\\\"a\\\":\\\"x\\\\\\\\y\\\"}\"") != std::string::npos);

    ComposerRequest raw;
    raw.method = "POST";
    raw.url = "https://x.io";
    raw.bodyKind = ComposerRequest::BodyKind::Raw;
    raw.body = "line1\nline2";
    raw.totalTimeoutMs = 2500;
    const std::string py2 = toHttpx(raw);
    QVERIFY(py2.find("content=\"line1\\nline2\"") != std::string::npos);
    QVERIFY(py2.find("httpx.Timeout(2.5)") != std::string::npos);

    // Extra check only when python3 exists; the assertions above stand alone.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return;
    for (const std::string& snippet : { py, py2 }) {
        QProcess p;
        p.start(python,
            { QStringLiteral("-c"),
                QStringLiteral("import ast,sys; ast.parse(sys.stdin.read())") });
        QVERIFY(p.waitForStarted());
        p.write(QByteArray::fromStdString(snippet));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished());
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
}

QTEST_GUILESS_MAIN(TestCurl)
#include "tst_curl.moc"
