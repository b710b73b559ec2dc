// Upstream settings as files hold them (route files, tollgate.json's fallback
// and allowlist), the URL they name, and the path the upstream is asked for.

#include "server/pipeline/upstreamroute.h"
#include "server/workspace/routefile.h"
#include "server/workspace/settingsfile.h"
#include "server/workspace/upstreamfile.h"

#include <QTest>

using namespace tollgate::server;

namespace {

QByteArray messages(const std::vector<Diagnostic>& errors)
{
    QByteArray s;
    for (const auto& d : errors)
        s += QByteArray::fromStdString(d.toString()) + '\n';
    return s;
}

} // namespace

class TestUpstreamConfig : public QObject {
    Q_OBJECT

private slots:
    void parsesUrls_data();
    void parsesUrls();
    void rejectsBadUrls_data();
    void rejectsBadUrls();
    void routeRoundTrip();
    void designedRouteKeepsUpstreamSettings();
    void plainRouteFileHasNoUpstream();
    void routeFileErrorsNameTheLine();
    void secretIsNeverWritten();
    void settingsRoundTrip();
    void badAllowlistEntryIsAnError();
    void rewritesPaths_data();
    void rewritesPaths();
};

void TestUpstreamConfig::parsesUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("https");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QString>("authority");
    QTest::newRow("plain") << "http://api.example.com" << false << "api.example.com" << 80 << ""
                           << "api.example.com";
    QTest::newRow("https port path") << "https://API.example.com:8443/v2/" << true
                                     << "api.example.com" << 8443 << "/v2"
                                     << "api.example.com:8443";
    QTest::newRow("default port named") << "https://x.io:443" << true << "x.io" << 443 << ""
                                        << "x.io";
    QTest::newRow("ipv6") << "http://[2001:db8::1]:8080/a" << false << "2001:db8::1" << 8080
                          << "/a"
                          << "[2001:db8::1]:8080";
    QTest::newRow("ipv6 no port") << "http://[2001:db8::1]" << false << "2001:db8::1" << 80 << ""
                                  << "[2001:db8::1]";
}

void TestUpstreamConfig::parsesUrls()
{
    QFETCH(QString, url);
    std::string error;
    const auto u = parseUpstreamUrl(url.toStdString(), &error);
    QVERIFY2(u, error.c_str());
    QTEST(u->https, "https");
    QTEST(QString::fromStdString(u->host), "host");
    QTEST(int(u->port), "port");
    QTEST(QString::fromStdString(u->basePath), "basePath");
    QTEST(QString::fromStdString(u->authority), "authority");
}

void TestUpstreamConfig::rejectsBadUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("why");
    QTest::newRow("scheme") << "ftp://x.io" << "http:// or https://";
    QTest::newRow("no scheme") << "x.io" << "http:// or https://";
    QTest::newRow("no host") << "http:///v1" << "no host";
    QTest::newRow("credentials") << "https://user:pw@x.io" << "secret header";
    QTest::newRow("query") << "https://x.io/?a=1" << "query";
    QTest::newRow("port zero") << "http://x.io:0" << "not a port";
    QTest::newRow("port big") << "http://x.io:70000" << "not a port";
    QTest::newRow("port empty") << "http://x.io:" << "not a port";
    QTest::newRow("bad host") << "http://x y.io" << "not a valid host";
    QTest::newRow("open bracket") << "http://[::1" << "closing";
    QTest::newRow("space in path") << "http://x.io/a b" << "spaces";
}

void TestUpstreamConfig::rejectsBadUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, why);
    std::string error;
    QVERIFY(!parseUpstreamUrl(url.toStdString(), &error));
    QVERIFY2(QString::fromStdString(error).contains(why), error.c_str());
}

void TestUpstreamConfig::routeRoundTrip()
{
    Route r;
    r.method = "POST";
    r.path = "/v1/orders/{id}";
    r.responder = RouteResponder::Upstream;
    Upstream& u = r.upstream;
    u.url = "https://orders.example.com/api";
    u.stripPrefix = "/v1";
    u.pathTemplate = "/orders/{id}";
    u.passQuery = false;
    u.headers = { { UpstreamHeader::Action::Set, "X-Tenant", "acme", "" },
        { UpstreamHeader::Action::Add, "Via", "tollgate", "" },
        { UpstreamHeader::Action::Remove, "Cookie", "", "" },
        { UpstreamHeader::Action::Set, "Authorization", "", "ORDERS_TOKEN" } };
    u.verifyTls = false;
    u.connectTimeoutMs = 500;
    u.attemptTimeoutMs = 3000;
    u.overallTimeoutMs = 9000;
    u.maxAttempts = 4;
    u.retryBaseDelayMs = 50;
    u.retryMaxDelayMs = 800;
    u.breakerFailures = 7;
    u.breakerFailureRate = 0.25;
    u.breakerMinimumCalls = 40;
    u.breakerWindowMs = 5000;
    u.breakerOpenMs = 12000;
    u.breakerProbes = 3;
    u.openResponse = 0;
    u.maxConnections = 8;
    u.idleTimeoutMs = 4000;
    u.maxResponseBytes = 1234567;
    u.feeMicros = 250;

    std::vector<Diagnostic> errors;
    Route back;
    QVERIFY2(routeFromJson(routeToJson(r), "routes/post-orders.json", &back, &errors),
        messages(errors));
    back.fileName.clear();
    QVERIFY(back.upstream == r.upstream);
    QVERIFY(back == r);
}

void TestUpstreamConfig::designedRouteKeepsUpstreamSettings()
{
    Route r;
    r.upstream.url = "https://kept.example.com";
    const std::string text = routeToJson(r);
    QVERIFY(text.find("\"responder\": \"designed\"") != std::string::npos);
    std::vector<Diagnostic> errors;
    Route back;
    QVERIFY2(routeFromJson(text, "routes/get-root.json", &back, &errors), messages(errors));
    QVERIFY(back.responder == RouteResponder::Designed);
    QCOMPARE(back.upstream.url, r.upstream.url);
}

void TestUpstreamConfig::plainRouteFileHasNoUpstream()
{
    const std::string text = routeToJson(Route {});
    QVERIFY(text.find("upstream") == std::string::npos);
    QVERIFY(text.find("responder") == std::string::npos);
}

void TestUpstreamConfig::routeFileErrorsNameTheLine()
{
    const std::string text = R"({
  "schemaVersion": 1,
  "method": "GET",
  "path": "/x",
  "responder": "upstream",
  "upstream": {
    "url": "https://x.io",
    "headers": [ { "action": "replace", "name": "X-A", "value": "1" } ],
    "retry": { "maxAttempts": 0 },
    "breaker": { "failureRate": 2 }
  }
})";
    std::vector<Diagnostic> errors;
    Route r;
    QVERIFY(!routeFromJson(text, "routes/get-x.json", &r, &errors));
    const QByteArray all = messages(errors);
    QVERIFY2(all.contains("routes/get-x.json:8:") && all.contains("unknown action \"replace\""), all);
    QVERIFY2(all.contains("routes/get-x.json:9:") && all.contains("maxAttempts"), all);
    QVERIFY2(all.contains("routes/get-x.json:10:") && all.contains("failureRate"), all);

    errors.clear();
    QVERIFY(!routeFromJson(R"({"schemaVersion":1,"responder":"upstream"})", "routes/a.json", &r,
        &errors));
    QVERIFY2(messages(errors).contains("needs \"upstream\""), messages(errors));
    errors.clear();
    QVERIFY(!routeFromJson(R"({"schemaVersion":1,"responder":"mirror"})", "routes/a.json", &r,
        &errors));
    QVERIFY2(messages(errors).contains("unknown responder \"mirror\""), messages(errors));
    errors.clear();
    QVERIFY(!routeFromJson(
        R"({"schemaVersion":1,"upstream":{"url":"https://x.io","breaker":{"openResponse":3}}})",
        "routes/a.json", &r, &errors));
    QVERIFY2(messages(errors).contains("openResponse"), messages(errors));
    errors.clear();
    QVERIFY(!routeFromJson(
        R"({"schemaVersion":1,"upstream":{"url":"https://x.io","pathTemplate":"/a/{b"}})",
        "routes/a.json", &r, &errors));
    QVERIFY2(messages(errors).contains("without its '}'"), messages(errors));
}

void TestUpstreamConfig::secretIsNeverWritten()
{
    const std::string both = R"({"schemaVersion":1,"upstream":{"url":"https://x.io",
        "headers":[{"action":"set","name":"X-Key","value":"leaked","secretEnv":"X_KEY"}]}})";
    std::vector<Diagnostic> errors;
    Route r;
    QVERIFY(!routeFromJson(both, "routes/a.json", &r, &errors));
    QVERIFY2(messages(errors).contains("not both"), messages(errors));

    Route withSecret;
    withSecret.upstream.url = "https://x.io";
    // A value read from the secret store is never saved, even if a caller left it in.
    withSecret.upstream.headers = { { UpstreamHeader::Action::Set, "X-Key", "the-secret", "X_KEY" } };
    const std::string text = routeToJson(withSecret);
    QVERIFY(text.find("the-secret") == std::string::npos);
    QVERIFY(text.find("\"secretEnv\": \"X_KEY\"") != std::string::npos);
}

void TestUpstreamConfig::settingsRoundTrip()
{
    Workspace ws;
    ws.server.fallback.url = "https://real.example.com/v1";
    ws.server.fallback.maxAttempts = 2;
    ws.server.upstreamAllowlist = { "127.0.0.0/8", "::1", "10.2.0.0/16" };
    std::vector<Diagnostic> errors;
    Workspace back;
    settingsFromJson(settingsToJson(ws), "tollgate.json", &back, &errors);
    QVERIFY2(errors.empty(), messages(errors));
    QVERIFY(back.server.fallback == ws.server.fallback);
    QVERIFY(back.server.upstreamAllowlist == ws.server.upstreamAllowlist);

    // Without a fallback or an allowlist the file stays as it was.
    const std::string plain = settingsToJson(Workspace {});
    QVERIFY(plain.find("fallback") == std::string::npos);
    QVERIFY(plain.find("upstreamAllowlist") == std::string::npos);
}

void TestUpstreamConfig::badAllowlistEntryIsAnError()
{
    std::vector<Diagnostic> errors;
    Workspace ws;
    settingsFromJson(R"({"schemaVersion":1,"server":{"upstreamAllowlist":["10.0.0.0/8","10.0.0.0/33"]}})",
        "tollgate.json", &ws, &errors);
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY2(messages(errors).contains("tollgate.json:1:"), messages(errors));
}

void TestUpstreamConfig::rewritesPaths_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("strip");
    QTest::addColumn<QString>("pathTemplate");
    QTest::addColumn<bool>("passQuery");
    QTest::addColumn<QString>("rawPath");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("as is") << "" << "" << "" << true << "/users/7" << "a=1" << "/users/7?a=1";
    QTest::newRow("base path") << "/api" << "" << "" << true << "/users" << "" << "/api/users";
    QTest::newRow("strip") << "" << "/v1" << "" << true << "/v1/users" << "" << "/users";
    QTest::newRow("strip whole") << "" << "/v1" << "" << true << "/v1" << "" << "/";
    QTest::newRow("strip whole with base") << "/api" << "/v1" << "" << true << "/v1" << ""
                                           << "/api";
    QTest::newRow("strip segment only") << "" << "/v1" << "" << true << "/v1x/a" << ""
                                        << "/v1x/a";
    QTest::newRow("replace prefix") << "/v2" << "/v1" << "" << true << "/v1/a%2Fb" << "q"
                                    << "/v2/a%2Fb?q";
    QTest::newRow("template") << "/api" << "" << "/people/{id}/x" << false << "/u/7" << "a=1"
                              << "/api/people/a%20b%2Fc/x";
    QTest::newRow("wildcard") << "" << "" << "/files/{*}" << true << "/f/x/y" << ""
                              << "/files/dir/sub%20dir/f";
}

void TestUpstreamConfig::rewritesPaths()
{
    QFETCH(QString, base);
    QFETCH(QString, strip);
    QFETCH(QString, pathTemplate);
    QFETCH(bool, passQuery);
    QFETCH(QString, rawPath);
    QFETCH(QString, query);
    UpstreamRoute r;
    r.basePath = base.toStdString();
    r.stripPrefix = strip.toStdString();
    r.pathTemplate = pathTemplate.toStdString();
    r.passQuery = passQuery;
    const StringPairs params { { "id", "a b/c" }, { "*", "dir/sub dir/f" } };
    QTEST(QString::fromStdString(
              r.upstreamTarget(rawPath.toStdString(), query.toStdString(), params)),
        "expected");
}

QTEST_GUILESS_MAIN(TestUpstreamConfig)
#include "tst_upstreamconfig.moc"
