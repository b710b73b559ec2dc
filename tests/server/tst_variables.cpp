// {{name}} variables of the composer: what is replaced, what is left alone,
// which names are reported unknown, and that every part of a request that is
// sent goes through the expansion.

#include "server/composer/variables.h"

#include <QTest>

#include <map>
#include <string>
#include <vector>

using namespace tollgate::server;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

VariableLookup mapLookup(std::map<std::string, std::string, std::less<>> values)
{
    return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        if (auto it = values.find(name); it != values.end())
            return it->second;
        return std::nullopt;
    };
}

VariableLookup sample()
{
    return mapLookup({ { "a", "A" }, { "userId", "42" }, { "base.url", "http://h:1" },
        { "x_y-z9", "ok" }, { "empty", "" }, { "nested", "{{a}}" } });
}

} // namespace

class TestVariables : public QObject {
    Q_OBJECT

private slots:
    void expand_data();
    void expand();
    void unknownListedOnceInOrder();
    void nullLookupAndNullUnknown();
    void expandRequestCoversEverythingSent();
    void environmentLookupFallsBackToBuiltins();
};

void TestVariables::expand_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("expected");
    QTest::addColumn<std::vector<std::string>>("unknown");
    auto row = [](const char* name, std::string text, std::string expected,
                   std::vector<std::string> unknown = {}) {
        QTest::newRow(name) << text << expected << unknown;
    };
    row("plain", "no variables here", "no variables here");
    row("empty text", "", "");
    row("one", "{{a}}", "A");
    row("spaces inside", "{{ a }}", "A");
    row("tabs and uneven spaces", "{{\ta  }}", "A");
    row("in a url", "{{base.url}}/v1/users/{{userId}}?q=1", "http://h:1/v1/users/42?q=1");
    row("adjacent", "{{a}}{{userId}}", "A42");
    row("name characters", "{{x_y-z9}}", "ok");
    row("empty value is defined", "[{{empty}}]", "[]");
    row("value not expanded again", "{{nested}}", "{{a}}");
    row("unknown kept as written", "id={{ nope }}", "id={{ nope }}", { "nope" });
    row("case matters", "{{A}}", "{{A}}", { "A" });
    row("open without close", "{{a", "{{a");
    row("open without close after a variable", "{{a}} and {{a", "A and {{a");
    row("close without open", "a}}", "a}}");
    row("empty braces", "{{}}", "{{}}");
    row("only spaces", "{{   }}", "{{   }}");
    row("space inside a name", "{{a b}}", "{{a b}}");
    row("mustache section", "{{#a}}x{{/a}}", "{{#a}}x{{/a}}");
    row("json in a body", "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":1}}");
    row("triple braces", "{{{a}}}", "{A}");
    row("nested open", "{{ {{a}}", "{{ A");
    row("line break inside", "{{a\n}}", "{{a\n}}");
    row("single braces", "{a}", "{a}");
    row("utf-8 around", "grüße {{a}} ✓", "grüße A ✓");
}

void TestVariables::expand()
{
    QFETCH(std::string, text);
    QFETCH(std::string, expected);
    QFETCH(std::vector<std::string>, unknown);
    std::vector<std::string> found;
    QCOMPARE(expandVariables(text, sample(), &found), expected);
    QCOMPARE(found, unknown);
}

void TestVariables::unknownListedOnceInOrder()
{
    std::vector<std::string> unknown { "earlier" };
    const std::string out
        = expandVariables("{{b}} {{a}} {{ b }} {{c}} {{b}} {{earlier}}", sample(), &unknown);
    QCOMPARE(out, std::string("{{b}} A {{ b }} {{c}} {{b}} {{earlier}}"));
    // Appended to what the caller already had, each name once.
    QCOMPARE(unknown, (std::vector<std::string> { "earlier", "b", "c" }));
}

void TestVariables::nullLookupAndNullUnknown()
{
    QCOMPARE(expandVariables("{{a}}", VariableLookup(), nullptr), std::string("{{a}}"));
    QCOMPARE(expandVariables("{{a}} {{zz}}", sample(), nullptr), std::string("A {{zz}}"));
}

void TestVariables::expandRequestCoversEverythingSent()
{
    ComposerRequest r;
    r.method = "{{a}}"; // the method is chosen from a list, never a variable
    r.url = "{{base.url}}/users/{{userId}}";
    r.headers = { { "X-{{a}}", "v={{userId}}" }, { "Accept", "{{missing1}}" } };
    r.bodyKind = ComposerRequest::BodyKind::Raw;
    r.body = "{\"id\": {{userId}}}";
    r.formFields = { { "f{{a}}", "@{{a}}.txt" } };
    r.bodyFile = "bodies/{{a}}.json";
    r.auth = ComposerRequest::AuthKind::ApiKey;
    r.token = "{{token}}";
    r.keyId = "key_{{a}}"; // an id, looked up as written
    r.apiKeyHeader = "X-{{a}}-Key";
    r.basicUser = "{{a}}";
    r.basicPassword = "{{missing2}}{{missing1}}";

    std::vector<std::string> unknown;
    const ComposerRequest out = expandRequest(r, sample(), &unknown);
    QCOMPARE(out.method, std::string("{{a}}"));
    QCOMPARE(out.url, std::string("http://h:1/users/42"));
    QCOMPARE(out.headers[0].name, std::string("X-A"));
    QCOMPARE(out.headers[0].value, std::string("v=42"));
    QCOMPARE(out.headers[1].value, std::string("{{missing1}}"));
    QCOMPARE(out.body, std::string("{\"id\": 42}"));
    QCOMPARE(out.formFields[0].first, std::string("fA"));
    QCOMPARE(out.formFields[0].second, std::string("@A.txt"));
    QCOMPARE(out.bodyFile, std::string("bodies/A.json"));
    QCOMPARE(out.token, std::string("{{token}}"));
    QCOMPARE(out.keyId, std::string("key_{{a}}"));
    QCOMPARE(out.apiKeyHeader, std::string("X-A-Key"));
    QCOMPARE(out.basicUser, std::string("A"));
    QCOMPARE(out.basicPassword, std::string("{{missing2}}{{missing1}}"));
    QCOMPARE(unknown, (std::vector<std::string> { "missing1", "token", "missing2" }));

    // The input is left alone, and the rest is copied through.
    QCOMPARE(r.url, std::string("{{base.url}}/users/{{userId}}"));
    ComposerRequest expected = out;
    expected.url = r.url;
    expected.headers = r.headers;
    expected.body = r.body;
    expected.formFields = r.formFields;
    expected.bodyFile = r.bodyFile;
    expected.apiKeyHeader = r.apiKeyHeader;
    expected.basicUser = r.basicUser;
    QVERIFY(expected == r);
}

void TestVariables::environmentLookupFallsBackToBuiltins()
{
    Environment env { "Local", { { "userId", "42" }, { "baseUrl", "https://mine" }, { "e", "" } } };
    const VariableLookup withBase = environmentLookup(env, { { "baseUrl", "http://127.0.0.1:1" } });
    QCOMPARE(withBase("userId"), std::optional<std::string>("42"));
    // The environment's own baseUrl wins over the running server's.
    QCOMPARE(withBase("baseUrl"), std::optional<std::string>("https://mine"));
    QCOMPARE(withBase("e"), std::optional<std::string>(""));
    QCOMPARE(withBase("nope"), std::optional<std::string>());

    env.variables.erase(env.variables.begin() + 1);
    const VariableLookup lookup = environmentLookup(env, { { "baseUrl", "http://127.0.0.1:1" } });
    QCOMPARE(lookup("baseUrl"), std::optional<std::string>("http://127.0.0.1:1"));
    std::vector<std::string> unknown;
    QCOMPARE(expandVariables("{{baseUrl}}/v1/users/{{userId}}", lookup, &unknown),
        std::string("http://127.0.0.1:1/v1/users/42"));
    QVERIFY(unknown.empty());

    // The lookup holds its own copy: editing the environment later does not
    // change what a request being sent sees.
    env.variables.clear();
    QCOMPARE(lookup("userId"), std::optional<std::string>("42"));
}

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"
