// "Try it" examples: the request built for a route must reach the response
// its first rule points at.

#include "server/composer/routeexample.h"

#include <QTest>

using namespace tollgate::server;

class TestRouteExample : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plainGet()
    {
        Route r;
        r.method = "GET";
        r.path = "/v1/models";
        const ComposerRequest q = exampleRequest(r);
        QCOMPARE(q.method, std::string("GET"));
        QCOMPARE(q.url, std::string("{{baseUrl}}/v1/models"));
        QCOMPARE(q.bodyKind, ComposerRequest::BodyKind::None);
        QCOMPARE(q.auth, ComposerRequest::AuthKind::None);
        QVERIFY(q.connectTimeoutMs > 0);
    }

    void pathParamsFromRulesElseOne()
    {
        Route r;
        r.path = "/orgs/{org}/users/{id}/files/*";
        r.rules = { { RuleSource::PathParam, "id", RuleOperator::Equals, "a b", 1 } };
        const ComposerRequest q = exampleRequest(r);
        QCOMPARE(q.url, std::string("{{baseUrl}}/orgs/1/users/a%20b/files/example"));
    }

    void queryHeaderAndBodyOfTheFirstTarget()
    {
        Route r;
        r.method = "POST";
        r.path = "/search";
        r.rules = {
            { RuleSource::Query, "q", RuleOperator::Equals, "cats & dogs", 2 },
            { RuleSource::Header, "X-Plan", RuleOperator::Equals, "pro", 2 },
            { RuleSource::Body, "/filter/kind", RuleOperator::Equals, "fur", 2 },
            { RuleSource::Body, "/limit", RuleOperator::Exists, "", 2 },
            // Another response's rule is not mixed in.
            { RuleSource::Query, "other", RuleOperator::Equals, "x", 1 },
        };
        const ComposerRequest q = exampleRequest(r);
        QCOMPARE(q.url, std::string("{{baseUrl}}/search?q=cats%20%26%20dogs"));
        QVERIFY(std::find(q.headers.begin(), q.headers.end(), Header { "X-Plan", "pro" })
            != q.headers.end());
        QVERIFY(std::find(q.headers.begin(), q.headers.end(),
                    Header { "Content-Type", "application/json" })
            != q.headers.end());
        QCOMPARE(q.bodyKind, ComposerRequest::BodyKind::Raw);
        QCOMPARE(q.body, std::string("{\"filter\":{\"kind\":\"fur\"},\"limit\":\"example\"}"));
    }

    void postWithoutRulesSendsEmptyJson()
    {
        Route r;
        r.method = "PUT";
        r.path = "/x";
        const ComposerRequest q = exampleRequest(r);
        QCOMPARE(q.body, std::string("{}"));
    }

    void keyedRouteAsksForAKey()
    {
        Route r;
        r.path = "/v1/secret";
        r.access.keyRequired = true;
        const ComposerRequest q = exampleRequest(r);
        QCOMPARE(q.auth, ComposerRequest::AuthKind::ApiKey);
        QCOMPARE(q.apiKeyHeader, std::string("X-API-Key"));
        QVERIFY(q.token.empty());
    }
};

QTEST_GUILESS_MAIN(TestRouteExample)
#include "tst_routeexample.moc"
