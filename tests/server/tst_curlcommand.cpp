// cURL import/export for the request composer: real pasted command lines must
// parse to the request they describe and survive toCurlCommand -> parseCurlCommand unchanged.

#include "server/composer/curlcommand.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <string>

using namespace tollgate::server;

Q_DECLARE_METATYPE(std::string)

class TestCurlCommand : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void httpx();
    void http2AndLongOptions();
    void authorizationHeaderStaysAHeader();
    void urlencodedFileField();
    void exportAuth();
};

void TestCurlCommand::parse_data()
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
    // Found by fuzz_curl: leading spaces are not part of a field value from
    // -A, -e or -b either (as with -H), so the request survives toCurlCommand.
    row("spaced -e -A -b", "curl -e ' https://r.io' -A '  agent' -b ' a=1' https://x.io", "GET",
        "https://x.io", 3, "");
    row("url starting with -", "curl --url=-x.io/p", "GET", "-x.io/p", 0, "");
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
    row("nghttp2 --http2",
        "curl --http2 -H 'Accept: application/json' https://nghttp2.org/httpbin/get", "GET",
        "https://nghttp2.org/httpbin/get", 1, "");
    row("long options with =",
        "curl --request=PUT --header='Content-Type: application/json' --data='{\"a\":1}' "
        "--url=https://x.io/p",
        "PUT", "https://x.io/p", 1, "{\"a\":1}");
    row("openai bearer header",
        "curl https://api.openai.com/v1/models -H \"Authorization: Bearer sk-proj-abc123\"", "GET",
        "https://api.openai.com/v1/models", 1, "");
    row("urlencode name@file",
        "curl https://api.example.com/notes --data-urlencode 'title=Hi there' --data-urlencode "
        "'text@notes.txt'",
        "POST", "https://api.example.com/notes", 0, "");
}

void TestCurlCommand::parse()
{
    QFETCH(std::string, cmd);
    QFETCH(std::string, method);
    QFETCH(std::string, url);
    QFETCH(int, headerCount);
    QFETCH(std::string, body);
    ComposerRequest r;
    std::string error;
    QVERIFY2(parseCurlCommand(cmd, &r, &error), error.c_str());
    QCOMPARE(r.method, method);
    QCOMPARE(r.url, url);
    QCOMPARE(static_cast<int>(r.headers.size()), headerCount);
    QCOMPARE(r.body, body);

    ComposerRequest back;
    const std::string again = toCurlCommand(r);
    QVERIFY2(parseCurlCommand(again, &back, &error), (again + ": " + error).c_str());
    QVERIFY2(back == r, again.c_str());
}

void TestCurlCommand::errors_data()
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
    QTest::newRow("flag with =value") << std::string("curl --location=yes https://x.io")
                                      << std::string("option --location does not take a value");
    QTest::newRow("unknown with =value") << std::string("curl --frobnicate=1 https://x.io")
                                         << std::string("unknown option: --frobnicate");
    QTest::newRow("urlencode whole file")
        << std::string("curl --data-urlencode @body.txt https://x.io")
        << std::string("--data-urlencode @file (the whole body from a file) is not supported; "
                       "use --data-binary @file");
    QTest::newRow("urlencode file with -G")
        << std::string("curl -G --data-urlencode q@query.txt https://x.io")
        << std::string("--data-urlencode name@file cannot be combined with -G");
    // Found by fuzz_curl (fuzz/regressions/curl/): one request has one body,
    // and a part that cannot be kept is refused rather than dropped.
    const std::string bodyFileAndMore("a body file (-d @file, --data-binary @file, -T) cannot be "
                                      "combined with other data, -F or -G");
    QTest::newRow("form and body file")
        << std::string("curl https://x.io -F name=m -d @body.json") << bodyFileAndMore;
    QTest::newRow("body file and data")
        << std::string("curl https://x.io --data-binary @a.bin -d x=1") << bodyFileAndMore;
    QTest::newRow("body file and -G")
        << std::string("curl -G https://x.io -d @q.txt") << bodyFileAndMore;
    QTest::newRow("two body files")
        << std::string("curl https://x.io -d @a.json -T b.json")
        << std::string("only one body file (-d @file, --data-binary @file or -T) per request");
    QTest::newRow("form and data") << std::string("curl https://x.io -F name=m -d 'a=1'")
                                   << std::string("-F cannot be combined with -d, --data-*, "
                                                  "--json or -G");
    QTest::newRow("urlencode file with = in a name")
        << std::string("curl https://x.io --data-urlencode '=x=y' --data-urlencode 'f@notes.txt'")
        << std::string("--data-urlencode name@file: the field name \"x=y\" holds '=', which a "
                       "form field name cannot");
    QTest::newRow("timeout beyond an int of ms")
        << std::string("curl -m 55545554554 https://x.io")
        << std::string("option -m: seconds must be from 0 to 2147483: 55545554554");
    QTest::newRow("negative timeout")
        << std::string("curl --connect-timeout -1 https://x.io")
        << std::string("option --connect-timeout: seconds must be from 0 to 2147483: -1");
    QTest::newRow("form and -G") << std::string("curl -G https://x.io -F name=m")
                                 << std::string("-F cannot be combined with -d, --data-*, "
                                                "--json or -G");
}

void TestCurlCommand::errors()
{
    QFETCH(std::string, cmd);
    QFETCH(std::string, message);
    ComposerRequest r;
    std::string error;
    QVERIFY(!parseCurlCommand(cmd, &r, &error));
    QCOMPARE(error, message);
}

void TestCurlCommand::httpx()
{
    ComposerRequest r;
    std::string error;
    QVERIFY(parseCurlCommand("curl -k -L -u 'me:p\"w' -H 'Content-Type: application/json' -d "
                             "'{\"a\":\"x\\\\y\"}' https://x.io",
        &r, &error));
    std::string py = toHttpx(r);
    // No timeout in the request: the snippet still has one (10 s).
    QVERIFY2(py.find("httpx.Timeout(10.0, connect=10.0)") != std::string::npos, py.c_str());
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
    QVERIFY2(py2.find("httpx.Timeout(2.5, connect=2.5)") != std::string::npos, py2.c_str());
    raw.connectTimeoutMs = 1000;
    QVERIFY(toHttpx(raw).find("httpx.Timeout(2.5, connect=1.0)") != std::string::npos);
    raw.totalTimeoutMs = 0;
    QVERIFY(toHttpx(raw).find("httpx.Timeout(10.0, connect=1.0)") != std::string::npos);
    QVERIFY(py2.find("http2") == std::string::npos);

    ComposerRequest h2;
    h2.url = "https://x.io";
    h2.http2 = true;
    h2.auth = ComposerRequest::AuthKind::Bearer;
    h2.token = "tok\"en";
    const std::string py3 = toHttpx(h2);
    QVERIFY2(py3.find("with httpx.Client(http2=True, timeout=timeout,") != std::string::npos,
        py3.c_str());
    QVERIFY(py3.find("pip install 'httpx[http2]'") != std::string::npos);
    QVERIFY(py3.find("    \"Authorization\": \"Bearer tok\\\"en\",\n") != std::string::npos);

    // Extra check only when python3 exists; the assertions above stand alone.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return;
    for (const std::string& snippet : { py, py2, py3 }) {
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

void TestCurlCommand::http2AndLongOptions()
{
    ComposerRequest r;
    std::string error;
    QVERIFY2(parseCurlCommand("curl --http2 https://x.io", &r, &error), error.c_str());
    QVERIFY(r.http2);
    QVERIFY2(toCurlCommand(r).find(" --http2") != std::string::npos, toCurlCommand(r).c_str());
    QVERIFY(parseCurlCommand("curl --http2-prior-knowledge https://x.io", &r, &error));
    QVERIFY(r.http2);
    // The last of --http2 / --http1.1 wins, as in curl.
    QVERIFY(parseCurlCommand("curl --http2 --http1.1 https://x.io", &r, &error));
    QVERIFY(!r.http2);
    QVERIFY(toCurlCommand(r).find("http2") == std::string::npos);

    QVERIFY(parseCurlCommand(
        "curl --header=X-A:1 --user=me:pw --max-time=2.5 --location https://x.io", &r, &error));
    QCOMPARE(r.headers.size(), std::size_t(1));
    QCOMPARE(r.headers[0].name, std::string("X-A"));
    QCOMPARE(r.headers[0].value, std::string("1"));
    QVERIFY(r.auth == ComposerRequest::AuthKind::Basic);
    QCOMPARE(r.basicUser, std::string("me"));
    QCOMPARE(r.basicPassword, std::string("pw"));
    QCOMPARE(r.totalTimeoutMs, 2500);
    QVERIFY(r.followRedirects);
    // Only the first '=' splits: the value keeps its own.
    QVERIFY(parseCurlCommand("curl --data=a=b https://x.io", &r, &error));
    QCOMPARE(r.body, std::string("a=b"));
}

void TestCurlCommand::authorizationHeaderStaysAHeader()
{
    // A pasted Authorization header is kept as written, so exporting gives
    // back the same command line; only -u becomes Basic auth.
    ComposerRequest r;
    std::string error;
    QVERIFY(parseCurlCommand(
        "curl -H 'Authorization: Bearer abc' -H 'X-API-Key: k' https://x.io", &r, &error));
    QVERIFY(r.auth == ComposerRequest::AuthKind::None);
    QVERIFY(r.token.empty());
    QCOMPARE(r.headers.size(), std::size_t(2));
    QCOMPARE(r.headers[0].value, std::string("Bearer abc"));
    QCOMPARE(toCurlCommand(r),
        std::string("curl -X 'GET' 'https://x.io' -H 'Authorization: Bearer abc' "
                    "-H 'X-API-Key: k'"));
}

void TestCurlCommand::urlencodedFileField()
{
    ComposerRequest r;
    std::string error;
    QVERIFY2(parseCurlCommand("curl https://x.io -d 'a=1+2&b=%C3%BC' --data-urlencode 'c=x y' "
                              "--data-urlencode 'doc@notes.txt'",
                 &r, &error),
        error.c_str());
    QVERIFY(r.bodyKind == ComposerRequest::BodyKind::Multipart);
    QCOMPARE(r.method, std::string("POST"));
    QVERIFY(r.body.empty());
    const std::vector<std::pair<std::string, std::string>> expected { { "a", "1 2" },
        { "b", "\xC3\xBC" }, { "c", "x y" }, { "doc", "@notes.txt" } };
    QCOMPARE(r.formFields, expected);

    // Without a file the encoding stays curl's.
    QVERIFY(parseCurlCommand("curl https://x.io --data-urlencode 'c=x y'", &r, &error));
    QVERIFY(r.bodyKind == ComposerRequest::BodyKind::Raw);
    QCOMPARE(r.body, std::string("c=x%20y"));
    // "name=content" wins over "name@file" when both characters appear.
    QVERIFY(parseCurlCommand("curl https://x.io --data-urlencode 'mail=a@b.c'", &r, &error));
    QCOMPARE(r.body, std::string("mail=a%40b.c"));
    QVERIFY(!parseCurlCommand("curl -F a=b --data-urlencode f@x https://x.io", &r, &error));
    QCOMPARE(error, std::string("--data-urlencode name@file cannot be combined with -F"));
}

void TestCurlCommand::exportAuth()
{
    ComposerRequest r;
    r.url = "https://x.io";
    r.auth = ComposerRequest::AuthKind::Bearer;
    r.token = "it's";
    QCOMPARE(toCurlCommand(r),
        std::string("curl -X 'GET' 'https://x.io' -H 'Authorization: Bearer it'\\''s'"));
    ComposerRequest back;
    std::string error;
    QVERIFY(parseCurlCommand(toCurlCommand(r), &back, &error));
    QCOMPARE(back.headers.size(), std::size_t(1));
    QCOMPARE(back.headers[0].value, std::string("Bearer it's"));

    r.auth = ComposerRequest::AuthKind::ApiKey;
    r.apiKeyHeader = "X-Key";
    r.token = "tg_dev_abc";
    QCOMPARE(toCurlCommand(r), std::string("curl -X 'GET' 'https://x.io' -H 'X-Key: tg_dev_abc'"));
    const std::string py = toHttpx(r);
    QVERIFY2(py.find("    \"X-Key\": \"tg_dev_abc\",\n") != std::string::npos, py.c_str());
    QVERIFY(py.find("Authorization") == std::string::npos);

    r.auth = ComposerRequest::AuthKind::None;
    QCOMPARE(toCurlCommand(r), std::string("curl -X 'GET' 'https://x.io'"));
    QVERIFY(toHttpx(r).find("tg_dev_abc") == std::string::npos);
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
