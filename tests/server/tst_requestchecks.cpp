// A request's tests (issue 18): assertions and captures survive the saved
// request file, every mistake in a hand-written file is refused with a
// sentence and the place it is at, each subject and operator passes and
// fails where the answer says (with what was expected and what came),
// captures take values from the answer, data files for the collection
// runner parse as CSV or JSON, and the run reports (JUnit XML, JSON, text)
// count, escape and leave captured values out as promised.

#include "server/checks/checkevaluation.h"
#include "server/checks/collectionrunner.h"
#include "server/checks/runreport.h"
#include "server/composer/requestchecks.h"
#include "server/composer/requeststore.h"
#include "server/composer/variables.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTest>
#include <QXmlStreamReader>

#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace tollgate::server;
namespace json = boost::json;

Q_DECLARE_METATYPE(Assertion)
Q_DECLARE_METATYPE(ReceivedAnswer)

namespace {

using S = Assertion::Subject;
using O = Assertion::Op;
using Src = Capture::Source;

/// Not checked (a null QByteArray); QByteArray("") checks for empty.
const QByteArray any;

QByteArray b(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

Assertion assertion(S subject, std::string path, O op, std::string value = {}, bool enabled = true)
{
    Assertion a;
    a.subject = subject;
    a.path = std::move(path);
    a.op = op;
    a.value = std::move(value);
    a.enabled = enabled;
    return a;
}

Capture capture(std::string variable, Src source, std::string path = {}, bool enabled = true)
{
    Capture c;
    c.variable = std::move(variable);
    c.source = source;
    c.path = std::move(path);
    c.enabled = enabled;
    return c;
}

std::optional<std::string> noVariable(std::string_view)
{
    return std::nullopt;
}

ReceivedAnswer jsonAnswer()
{
    ReceivedAnswer a;
    a.status = 200;
    a.headers = { { "Content-Type", "application/json" }, { "Set-Cookie", "a=1" },
        { "X-Empty", "" }, { "set-cookie", "b=2" } };
    a.body = R"({"id": 7, "price": 1.0, "ratio": 2.5, "name": "abc", "empty": "",)"
             R"( "tags": ["x", 2, {"k": 1}], "user": {"a": 1, "b": [true, null]},)"
             R"( "flag": true, "nothing": null, "neg": -3, "big": 9007199254740993})";
    a.totalMs = 120.4;
    return a;
}

ReceivedAnswer textAnswer(std::string body = "hello, world")
{
    ReceivedAnswer a;
    a.status = 200;
    a.headers = { { "Content-Type", "text/plain" } };
    a.body = std::move(body);
    a.totalMs = 3;
    return a;
}

ReceivedAnswer statusAnswer(int status)
{
    ReceivedAnswer a;
    a.status = status;
    return a;
}

/// A saved request file with one assertion (line 5, column 7) and one
/// capture (line 8, column 7); either may be left empty.
std::string fileWith(const std::string& assertionItem, const std::string& captureItem)
{
    return "{\n"
           "  \"name\": \"Broken\", \"method\": \"GET\", \"url\": \"http://localhost/\",\n"
           "  \"tests\": {\n"
           "    \"assertions\": [\n"
           "      "
        + assertionItem
        + "\n"
          "    ],\n"
          "    \"captures\": [\n"
          "      "
        + captureItem
        + "\n"
          "    ]\n"
          "  }\n"
          "}\n";
}

/// Rows as [[["name","value"], ...], ...] for readable comparisons.
QByteArray show(const std::vector<DataRow>& rows)
{
    json::array out;
    for (const DataRow& row : rows) {
        json::array r;
        for (const auto& [name, value] : row)
            r.push_back(json::array { json::string(name), json::string(value) });
        out.push_back(std::move(r));
    }
    return b(json::serialize(out));
}

} // namespace

class TestRequestChecks : public QObject {
    Q_OBJECT

private slots:
    void words()
    {
        for (S s : { S::Status, S::Header, S::Json, S::Body, S::Schema, S::Latency }) {
            S back = S::Status;
            QVERIFY(fromString(toString(s), &back));
            QVERIFY(back == s);
        }
        for (O o : { O::Equals, O::NotEquals, O::Contains, O::Matches, O::Exists, O::Absent,
                 O::Type, O::Less, O::LessOrEqual, O::Greater, O::GreaterOrEqual }) {
            O back = O::Equals;
            QVERIFY(fromString(toString(o), &back));
            QVERIFY(back == o);
        }
        for (Src c : { Src::Json, Src::Header, Src::Status, Src::Body }) {
            Src back = Src::Json;
            QVERIFY(fromString(toString(c), &back));
            QVERIFY(back == c);
        }
        QCOMPARE(QByteArray(toString(O::Less)), QByteArray("lessThan"));
        QCOMPARE(QByteArray(toString(O::LessOrEqual)), QByteArray("atMost"));
        QCOMPARE(QByteArray(toString(O::GreaterOrEqual)), QByteArray("atLeast"));
        QCOMPARE(QByteArray(toString(O::NotEquals)), QByteArray("notEquals"));
        S s = S::Json;
        QVERIFY(!fromString("Status", &s)); // case matters: files are written by Tollgate
        QVERIFY(s == S::Json);
        O o = O::Type;
        QVERIFY(!fromString("", &o));
        QVERIFY(o == O::Type);

        QVERIFY(operatorsFor(S::Status).front() == O::Equals);
        QVERIFY(operatorsFor(S::Body).front() == O::Contains);
        QVERIFY(operatorsFor(S::Schema) == std::vector<O> { O::Matches });
        QVERIFY((operatorsFor(S::Latency) == std::vector<O> { O::Less, O::LessOrEqual }));
        QCOMPARE(operatorsFor(S::Json).size(), std::size_t(11));
    }

    void describeText_data()
    {
        QTest::addColumn<Assertion>("assertion");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("status") << assertion(S::Status, "", O::Equals, "201")
                                << QByteArray("status equals 201");
        QTest::newRow("header") << assertion(S::Header, "Content-Type", O::Contains, "json")
                                << QByteArray("header Content-Type contains json");
        QTest::newRow("json type")
            << assertion(S::Json, "/id", O::Type, "integer") << QByteArray("json /id is integer");
        QTest::newRow("json body")
            << assertion(S::Json, "", O::Exists) << QByteArray("json (body) exists");
        QTest::newRow("json absent")
            << assertion(S::Json, "/x", O::Absent) << QByteArray("json /x is absent");
        QTest::newRow("latency") << assertion(S::Latency, "", O::Less, "200")
                                 << QByteArray("latency below 200 ms");
        QTest::newRow("latency at most") << assertion(S::Latency, "", O::LessOrEqual, "50")
                                         << QByteArray("latency at most 50 ms");
        QTest::newRow("schema") << assertion(S::Schema, "", O::Matches, "{}")
                                << QByteArray("body matches the schema");
        QTest::newRow("route schema") << assertion(S::Schema, "", O::Matches)
                                      << QByteArray("body matches the route's schema");
    }

    void describeText()
    {
        QFETCH(Assertion, assertion);
        QFETCH(QByteArray, text);
        QCOMPARE(b(describe(assertion)), text);
    }

    void describeCapture()
    {
        QCOMPARE(b(describe(capture("userId", Src::Json, "/id"))), QByteArray("userId = json /id"));
        QCOMPARE(b(describe(capture("loc", Src::Header, "Location"))),
            QByteArray("loc = header Location"));
        QCOMPARE(b(describe(capture("code", Src::Status))), QByteArray("code = status"));
    }

    void roundTrip()
    {
        SavedRequest s;
        s.name = "Create user";
        s.fileName = "create-user.json";
        s.request.method = "POST";
        s.request.url = "{{baseUrl}}/users";
        s.request.checks.assertions = {
            assertion(S::Status, "", O::Equals, "201"),
            assertion(S::Status, "", O::Less, "300"),
            assertion(S::Status, "", O::Matches, "2\\d\\d"),
            assertion(S::Header, "Content-Type", O::Contains, "json"),
            assertion(S::Header, "X-Request-Id", O::Exists),
            assertion(S::Header, "X-Debug", O::Absent, "", false),
            assertion(S::Json, "/id", O::Type, "integer"),
            assertion(S::Json, "", O::Equals, "{\"a\": [1, \"two\"]}"),
            assertion(S::Json, "/name", O::Equals, "Ann \"the\" admin", false),
            assertion(S::Json, "/items", O::Contains, "{{itemId}}"),
            assertion(S::Json, "/a~1b/~0c", O::GreaterOrEqual, "1.5"),
            assertion(S::Json, "/{{field}}", O::NotEquals, "null"),
            assertion(S::Body, "", O::Contains, "ok"),
            assertion(S::Body, "", O::NotEquals, ""),
            assertion(S::Schema, "", O::Matches, ""),
            assertion(S::Schema, "", O::Matches, "{\"type\": \"object\"}"),
            assertion(S::Latency, "", O::Less, "200"),
            assertion(S::Latency, "", O::LessOrEqual, "500.5", false),
        };
        s.request.checks.captures = {
            capture("userId", Src::Json, "/id"),
            capture("location", Src::Header, "Location"),
            capture("code", Src::Status, "", false),
            capture("page", Src::Body),
        };
        const std::string text = savedRequestToJson(s);

        SavedRequest back;
        Diagnostic d;
        QVERIFY2(savedRequestFromJson(text, "create-user.json", &back, &d), d.toString().c_str());
        QCOMPARE(back.request.checks.assertions.size(), s.request.checks.assertions.size());
        for (std::size_t i = 0; i < s.request.checks.assertions.size(); ++i)
            QVERIFY2(back.request.checks.assertions[i] == s.request.checks.assertions[i],
                describe(s.request.checks.assertions[i]).c_str());
        QVERIFY(back.request.checks == s.request.checks);
        QVERIFY(back == s);
        QCOMPARE(b(savedRequestToJson(back)), b(text));

        // The file's shape: words, no value for exists/absent, no path where
        // none applies, "enabled" only when false.
        const json::value root = json::parse(text);
        const json::array& as = root.at("tests").at("assertions").as_array();
        QCOMPARE(as.size(), std::size_t(18));
        QCOMPARE(b(json::serialize(as[0])),
            QByteArray(R"({"subject":"status","op":"equals","value":"201"})"));
        QCOMPARE(b(json::serialize(as[4])),
            QByteArray(R"({"subject":"header","path":"X-Request-Id","op":"exists"})"));
        QCOMPARE(b(json::serialize(as[5])),
            QByteArray(R"({"subject":"header","path":"X-Debug","op":"absent","enabled":false})"));
        QCOMPARE(b(json::serialize(as[16])),
            QByteArray(R"({"subject":"latency","op":"lessThan","value":"200"})"));
        const json::array& cs = root.at("tests").at("captures").as_array();
        QCOMPARE(cs.size(), std::size_t(4));
        QCOMPARE(b(json::serialize(cs[0])),
            QByteArray(R"({"variable":"userId","source":"json","path":"/id"})"));
        QCOMPARE(b(json::serialize(cs[2])),
            QByteArray(R"({"variable":"code","source":"status","enabled":false})"));

        // Without checks there is no "tests" member, and none comes back.
        SavedRequest plain = s;
        plain.request.checks = {};
        const std::string plainText = savedRequestToJson(plain);
        QVERIFY(!json::parse(plainText).as_object().contains("tests"));
        QVERIFY(plainText.find("\"tests\"") == std::string::npos);
        SavedRequest plainBack;
        QVERIFY(savedRequestFromJson(plainText, "create-user.json", &plainBack, &d));
        QVERIFY(plainBack == plain);

        // Only captures: still written.
        SavedRequest onlyCapture = plain;
        onlyCapture.request.checks.captures = { capture("t", Src::Body) };
        const json::value oc = json::parse(savedRequestToJson(onlyCapture));
        QVERIFY(oc.as_object().contains("tests"));
        QVERIFY(oc.at("tests").at("assertions").as_array().empty());
    }

    void loadErrors_data()
    {
        QTest::addColumn<QByteArray>("assertionItem");
        QTest::addColumn<QByteArray>("captureItem");
        QTest::addColumn<QByteArray>(
            "key"); ///< where the diagnostic points in the item; "" = its start
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("prefix"); ///< message is the start only

        QTest::newRow("unknown subject")
            << QByteArray(R"({"subject": "cookie", "op": "equals", "value": "1"})") << QByteArray()
            << QByteArray("\"subject\"")
            << QByteArray(
                   R"(unknown subject "cookie" (expected status, header, json, body, schema or latency))")
            << false;
        QTest::newRow("unknown op")
            << QByteArray(R"({"subject": "status", "op": "is", "value": "1"})") << QByteArray()
            << QByteArray("\"op\"")
            << QByteArray(
                   R"(unknown op "is" (expected equals, notEquals, contains, matches, exists, absent, type, lessThan, atMost, greaterThan or atLeast))")
            << false;
        QTest::newRow("op not for subject")
            << QByteArray(R"({"subject": "latency", "op": "contains", "value": "5"})")
            << QByteArray() << QByteArray()
            << QByteArray(R"("contains" does not apply to the latency)") << false;
        QTest::newRow("type not for status")
            << QByteArray(R"({"subject": "status", "op": "type", "value": "integer"})")
            << QByteArray() << QByteArray() << QByteArray(R"("type" does not apply to the status)")
            << false;
        QTest::newRow("pointer without slash")
            << QByteArray(R"({"subject": "json", "path": "id", "op": "exists"})") << QByteArray()
            << QByteArray()
            << QByteArray(R"("id" is not a JSON pointer (e.g. "/id" or "/items/0/name"))") << false;
        QTest::newRow("pointer bad escape")
            << QByteArray(R"({"subject": "json", "path": "/a~2", "op": "exists"})") << QByteArray()
            << QByteArray()
            << QByteArray(R"("/a~2" is not a JSON pointer (e.g. "/id" or "/items/0/name"))")
            << false;
        QTest::newRow("pointer trailing tilde")
            << QByteArray(R"({"subject": "json", "path": "/a~", "op": "exists"})") << QByteArray()
            << QByteArray() << QByteArray(R"("/a~" is not a JSON pointer)") << true;
        QTest::newRow("regex does not compile")
            << QByteArray("{\"subject\": \"body\", \"op\": \"matches\", \"value\": \"(\"}")
            << QByteArray() << QByteArray() << QByteArray("the pattern \"(\" does not compile: ")
            << true;
        QTest::newRow("header regex does not compile")
            << QByteArray("{\"subject\": \"header\", \"path\": \"X-A\", \"op\": \"matches\", "
                          "\"value\": \"[a\"}")
            << QByteArray() << QByteArray() << QByteArray("the pattern \"[a\" does not compile: ")
            << true;
        QTest::newRow("bad type name")
            << QByteArray(R"({"subject": "json", "path": "/id", "op": "type", "value": "int"})")
            << QByteArray() << QByteArray()
            << QByteArray(
                   "the type must be string, number, integer, boolean, object, array or null")
            << false;
        QTest::newRow("lessThan not a number")
            << QByteArray(R"({"subject": "json", "path": "/n", "op": "lessThan", "value": "ten"})")
            << QByteArray() << QByteArray() << QByteArray(R"("ten" is not a number)") << false;
        QTest::newRow("latency not a number")
            << QByteArray(R"({"subject": "latency", "op": "atMost", "value": "fast"})")
            << QByteArray() << QByteArray() << QByteArray(R"("fast" is not a number)") << false;
        QTest::newRow("latency empty")
            << QByteArray(R"({"subject": "latency", "op": "lessThan"})") << QByteArray()
            << QByteArray() << QByteArray(R"("" is not a number)") << false;
        QTest::newRow("status not a code")
            << QByteArray(R"({"subject": "status", "op": "equals", "value": "abc"})")
            << QByteArray() << QByteArray() << QByteArray(R"("abc" is not a status code)") << false;
        QTest::newRow("schema not JSON")
            << QByteArray(R"({"subject": "schema", "op": "matches", "value": "{type: object}"})")
            << QByteArray() << QByteArray() << QByteArray("the schema must be a JSON object")
            << false;
        QTest::newRow("schema an array")
            << QByteArray(R"({"subject": "schema", "op": "matches", "value": "[1]"})")
            << QByteArray() << QByteArray() << QByteArray("the schema must be a JSON object")
            << false;
        QTest::newRow("header without name")
            << QByteArray(R"({"subject": "header", "op": "exists"})") << QByteArray()
            << QByteArray() << QByteArray("name the header to check") << false;
        QTest::newRow("assertion not an object")
            << QByteArray(R"("status equals 200")") << QByteArray() << QByteArray()
            << QByteArray(R"(each assertion must be an object with "subject" and "op")") << false;
        QTest::newRow("value not a string")
            << QByteArray(R"({"subject": "status", "op": "equals", "value": 200})") << QByteArray()
            << QByteArray("\"value\"") << QByteArray(R"("value" must be a string)") << false;
        QTest::newRow("capture without variable")
            << QByteArray() << QByteArray(R"({"source": "status"})") << QByteArray()
            << QByteArray("the capture needs a variable name") << false;
        QTest::newRow("capture variable with braces")
            << QByteArray()
            << QByteArray(R"({"variable": "{{id}}", "source": "json", "path": "/id"})")
            << QByteArray()
            << QByteArray(
                   R"(the variable name "{{id}}" must not hold braces or control characters)")
            << false;
        QTest::newRow("capture unknown source")
            << QByteArray() << QByteArray(R"({"variable": "v", "source": "cookie"})")
            << QByteArray("\"source\"")
            << QByteArray(R"(unknown source "cookie" (expected json, header, status or body))")
            << false;
        QTest::newRow("capture bad pointer")
            << QByteArray() << QByteArray(R"({"variable": "v", "source": "json", "path": "id"})")
            << QByteArray() << QByteArray(R"("id" is not a JSON pointer (e.g. "/id" or "/token"))")
            << false;
        QTest::newRow("capture header without name")
            << QByteArray() << QByteArray(R"({"variable": "v", "source": "header"})")
            << QByteArray() << QByteArray("name the header to capture") << false;
        QTest::newRow("capture not an object")
            << QByteArray() << QByteArray("42") << QByteArray()
            << QByteArray(R"(each capture must be an object with "variable" and "source")")
            << false;
    }

    void loadErrors()
    {
        QFETCH(QByteArray, assertionItem);
        QFETCH(QByteArray, captureItem);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, message);
        QFETCH(bool, prefix);

        const std::string text = fileWith(assertionItem.toStdString(), captureItem.toStdString());
        SavedRequest out;
        out.name = "untouched";
        Diagnostic d;
        QVERIFY(!savedRequestFromJson(text, "broken.json", &out, &d));
        QCOMPARE(out.name, std::string("untouched"));
        if (prefix)
            QVERIFY2(b(d.message).startsWith(message), d.message.c_str());
        else
            QCOMPARE(b(d.message), message);
        QCOMPARE(b(d.file), QByteArray("broken.json"));
        // The place: the item (line 5 or 8, column 7) or the member named.
        const QByteArray item = assertionItem.isEmpty() ? captureItem : assertionItem;
        QCOMPARE(d.line, assertionItem.isEmpty() ? 8 : 5);
        QCOMPARE(d.column, 7 + (key.isEmpty() ? 0 : int(item.indexOf(key))));
    }

    void loadAccepts()
    {
        // Values with {{variables}} are checked when they run, not when loaded.
        const std::string text
            = fileWith(R"({"subject": "status", "op": "equals", "value": "{{code}}"})",
                R"({"variable": "id", "source": "json", "path": ""})");
        SavedRequest out;
        Diagnostic d;
        QVERIFY2(savedRequestFromJson(text, "ok.json", &out, &d), d.toString().c_str());
        QCOMPARE(out.request.checks.assertions.size(), std::size_t(1));
        QCOMPARE(out.request.checks.assertions[0].value, std::string("{{code}}"));
        QCOMPARE(out.request.checks.captures.size(), std::size_t(1));
        QVERIFY(out.request.checks.captures[0].source == Src::Json);

        // A missing op is the subject's first one.
        const std::string noOp = fileWith(R"({"subject": "latency", "value": "200"})", "");
        QVERIFY2(savedRequestFromJson(noOp, "ok.json", &out, &d), d.toString().c_str());
        QVERIFY(out.request.checks.assertions.at(0).op == O::Less);

        QCOMPARE(
            b(assertionProblem(assertion(S::Json, "/{{f}}", O::Matches, "{{re}}"))), QByteArray());
        QCOMPARE(b(assertionProblem(assertion(S::Schema, "", O::Matches, "true"))), QByteArray());
        QCOMPARE(b(captureProblem(capture("a b", Src::Status))), QByteArray());
        QCOMPARE(b(captureProblem(capture("tab\there", Src::Status))),
            QByteArray(
                R"(the variable name "tab\there" must not hold braces or control characters)"));
    }

    void evaluate_data()
    {
        QTest::addColumn<Assertion>("assertion");
        QTest::addColumn<ReceivedAnswer>("answer");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("actual");
        QTest::addColumn<QByteArray>("message");

        const ReceivedAnswer j = jsonAnswer();
        const ReceivedAnswer t = textAnswer();
        const ReceivedAnswer notFound = statusAnswer(404);
        auto row
            = [](const char* name, const Assertion& a, const ReceivedAnswer& answer, bool passed,
                  const QByteArray& expected, const QByteArray& actual, const QByteArray& message) {
                  QTest::newRow(name) << a << answer << passed << expected << actual << message;
              };

        // status
        row("status equals fails", assertion(S::Status, "", O::Equals, "201"), notFound, false,
            "201", "404", "expected 201, got 404");
        row("status equals", assertion(S::Status, "", O::Equals, "404"), notFound, true, "404",
            "404", "");
        row("status notEquals", assertion(S::Status, "", O::NotEquals, "200"), notFound, true,
            "200", "404", "");
        row("status notEquals fails", assertion(S::Status, "", O::NotEquals, "404"), notFound,
            false, "404", "404", "expected 404, got 404");
        row("status lessThan", assertion(S::Status, "", O::Less, "500"), notFound, true, "500",
            "404", "");
        row("status lessThan fails", assertion(S::Status, "", O::Less, "404"), notFound, false,
            "404", "404", "expected 404, got 404");
        row("status atMost", assertion(S::Status, "", O::LessOrEqual, "404"), notFound, true, "404",
            "404", "");
        row("status greaterThan", assertion(S::Status, "", O::Greater, "399"), notFound, true,
            "399", "404", "");
        row("status atLeast fails", assertion(S::Status, "", O::GreaterOrEqual, "405"), notFound,
            false, "405", "404", "expected 405, got 404");
        row("status matches", assertion(S::Status, "", O::Matches, "2\\d\\d"), statusAnswer(204),
            true, "2\\d\\d", "204", "");
        row("status matches fails", assertion(S::Status, "", O::Matches, "2\\d\\d"), notFound,
            false, "2\\d\\d", "404", "expected 2\\d\\d, got 404");

        // header
        row("header any case", assertion(S::Header, "content-TYPE", O::Equals, "application/json"),
            j, true, "application/json", "application/json", "");
        row("header repeated joined", assertion(S::Header, "SET-COOKIE", O::Equals, "a=1, b=2"), j,
            true, "a=1, b=2", "a=1, b=2", "");
        row("header equals fails", assertion(S::Header, "Set-Cookie", O::Equals, "a=1"), j, false,
            "a=1", "a=1, b=2", "expected a=1, got a=1, b=2");
        row("header exists", assertion(S::Header, "x-empty", O::Exists), j, true, "present", "",
            "");
        row("header exists fails", assertion(S::Header, "X-Request-Id", O::Exists), j, false,
            "present", "(absent)", "expected present, got (absent)");
        row("header absent", assertion(S::Header, "X-Request-Id", O::Absent), j, true, "(absent)",
            "(absent)", "");
        row("header absent fails", assertion(S::Header, "Content-Type", O::Absent), j, false,
            "(absent)", "application/json", "expected (absent), got application/json");
        row("header contains", assertion(S::Header, "Content-Type", O::Contains, "json"), j, true,
            "json", "application/json", "");
        row("header contains fails", assertion(S::Header, "Content-Type", O::Contains, "xml"), j,
            false, "xml", "application/json", "expected xml, got application/json");
        row("header matches",
            assertion(S::Header, "Content-Type", O::Matches, "^application/(json|xml)$"), j, true,
            "^application/(json|xml)$", "application/json", "");
        row("header notEquals", assertion(S::Header, "Content-Type", O::NotEquals, "text/html"), j,
            true, "text/html", "application/json", "");
        row("header missing", assertion(S::Header, "X-Missing", O::Equals, "a"), j, false, "a",
            "(absent)", "no X-Missing header");

        // json: equals
        row("json equals integer", assertion(S::Json, "/id", O::Equals, "7"), j, true, "7", "7",
            "");
        row("json equals 1 and 1.0", assertion(S::Json, "/price", O::Equals, "1"), j, true, "1",
            any, "");
        row("json equals 7.0 and 7", assertion(S::Json, "/id", O::Equals, "7.0"), j, true, "7.0",
            "7", "");
        row("json equals unquoted text", assertion(S::Json, "/name", O::Equals, "abc"), j, true,
            "abc", "\"abc\"", "");
        row("json equals quoted string", assertion(S::Json, "/name", O::Equals, "\"abc\""), j, true,
            "\"abc\"", "\"abc\"", "");
        row("json equals empty string", assertion(S::Json, "/empty", O::Equals, ""), j, true, "",
            "\"\"", "");
        row("json equals text fails", assertion(S::Json, "/name", O::Equals, "abd"), j, false,
            "abd", "\"abc\"", "expected abd, got \"abc\"");
        row("json equals number text matches a string",
            assertion(S::Json, "/code", O::Equals, "42"), textAnswer("{\"code\": \"42\"}"), true,
            "42", "\"42\"", "");
        row("json equals string is not number", assertion(S::Json, "/id", O::Equals, "\"7\""), j,
            false, "\"7\"", "7", "expected \"7\", got 7");
        row("json object member order",
            assertion(S::Json, "/user", O::Equals, R"({"b": [true, null], "a": 1.0})"), j, true,
            any, R"({"a":1,"b":[true,null]})", "");
        row("json object differs", assertion(S::Json, "/user", O::Equals, R"({"a":1})"), j, false,
            R"({"a":1})", R"({"a":1,"b":[true,null]})",
            R"(expected {"a":1}, got {"a":1,"b":[true,null]})");
        row("json array equals", assertion(S::Json, "/tags", O::Equals, R"(["x", 2.0, {"k": 1}])"),
            j, true, any, R"(["x",2,{"k":1}])", "");
        row("json array order matters",
            assertion(S::Json, "/tags", O::Equals, R"([2, "x", {"k": 1}])"), j, false, any, any,
            any);
        row("json equals fails", assertion(S::Json, "/id", O::Equals, "8"), j, false, "8", "7",
            "expected 8, got 7");
        row("json null equals null", assertion(S::Json, "/nothing", O::Equals, "null"), j, true,
            "null", "null", "");
        row("json boolean equals", assertion(S::Json, "/flag", O::Equals, "true"), j, true, "true",
            "true", "");
        // 64-bit ids must compare exactly, not as doubles.
        row("json equals 64-bit integer exactly",
            assertion(S::Json, "/big", O::Equals, "9007199254740992"), j, false, "9007199254740992",
            "9007199254740993", "expected 9007199254740992, got 9007199254740993");
        // Numbers are shown as written ("2.5", as jsonText does), not "2.5E0".
        row("json double shown plainly", assertion(S::Json, "/ratio", O::Equals, "3"), j, false,
            "3", "2.5", "expected 3, got 2.5");
        row("json equals missing", assertion(S::Json, "/missing", O::Equals, "1"), j, false, any,
            "(absent)", "/missing is absent");
        row("json notEquals", assertion(S::Json, "/id", O::NotEquals, "8"), j, true, "8", "7", "");
        row("json notEquals fails", assertion(S::Json, "/id", O::NotEquals, "7.0"), j, false, "7.0",
            "7", "expected 7.0, got 7");
        row("json notEquals text", assertion(S::Json, "/name", O::NotEquals, "abd"), j, true, "abd",
            "\"abc\"", "");

        // json: exists / absent
        row("json exists", assertion(S::Json, "/tags/2/k", O::Exists), j, true, "a value", "1", "");
        row("json exists null", assertion(S::Json, "/nothing", O::Exists), j, true, "a value",
            "null", "");
        row("json exists fails", assertion(S::Json, "/missing", O::Exists), j, false, "a value",
            "(absent)", "expected a value, got (absent)");
        row("json absent", assertion(S::Json, "/missing", O::Absent), j, true, "(absent)",
            "(absent)", "");
        row("json absent deep", assertion(S::Json, "/missing/deep/0", O::Absent), j, true,
            "(absent)", "(absent)", "");
        row("json absent past end", assertion(S::Json, "/tags/3", O::Absent), j, true, "(absent)",
            "(absent)", "");
        row("json absent fails", assertion(S::Json, "/id", O::Absent), j, false, "(absent)", "7",
            "expected (absent), got 7");

        // json: type
        row("json type integer", assertion(S::Json, "/id", O::Type, "integer"), j, true, "integer",
            "integer 7", "");
        row("json type number takes integer", assertion(S::Json, "/id", O::Type, "number"), j, true,
            "number", "integer 7", "");
        row("json type number", assertion(S::Json, "/ratio", O::Type, "number"), j, true, "number",
            any, "");
        row("json type 1.0 is integer", assertion(S::Json, "/price", O::Type, "integer"), j, true,
            "integer", any, "");
        row("json type integer fails on 2.5", assertion(S::Json, "/ratio", O::Type, "integer"), j,
            false, "integer", any, any);
        row("json type string", assertion(S::Json, "/name", O::Type, "string"), j, true, "string",
            "string \"abc\"", "");
        row("json type array", assertion(S::Json, "/tags", O::Type, "array"), j, true, "array", any,
            "");
        row("json type object", assertion(S::Json, "/user", O::Type, "object"), j, true, "object",
            any, "");
        row("json type null", assertion(S::Json, "/nothing", O::Type, "null"), j, true, "null",
            "null null", "");
        row("json type boolean", assertion(S::Json, "/flag", O::Type, "boolean"), j, true,
            "boolean", "boolean true", "");
        row("json type fails", assertion(S::Json, "/name", O::Type, "integer"), j, false, "integer",
            "string \"abc\"", "expected integer, got string \"abc\"");
        row("json type boolean is not string", assertion(S::Json, "/flag", O::Type, "string"), j,
            false, "string", "boolean true", "expected string, got boolean true");
        row("json type of missing", assertion(S::Json, "/missing", O::Type, "string"), j, false,
            any, "(absent)", "/missing is absent");

        // json: contains
        row("json array contains text", assertion(S::Json, "/tags", O::Contains, "x"), j, true, "x",
            any, "");
        row("json array contains number", assertion(S::Json, "/tags", O::Contains, "2"), j, true,
            "2", any, "");
        row("json array contains object", assertion(S::Json, "/tags", O::Contains, R"({"k": 1})"),
            j, true, any, any, "");
        row("json array contains fails", assertion(S::Json, "/tags", O::Contains, "y"), j, false,
            "y", R"(["x",2,{"k":1}])", R"(expected y, got ["x",2,{"k":1}])");
        row("json array element equality", assertion(S::Json, "/tags", O::Contains, "\"2\""), j,
            false, any, any, any);
        row("json array no substring", assertion(S::Json, "/user/b", O::Contains, "tru"), j, false,
            any, any, any);
        row("json object contains member", assertion(S::Json, "/user", O::Contains, "b"), j, true,
            "b", any, "");
        row("json object contains fails", assertion(S::Json, "/user", O::Contains, "c"), j, false,
            "c", any, any);
        row("json object contains not values", assertion(S::Json, "/user", O::Contains, "1"), j,
            false, any, any, any);
        row("json string contains", assertion(S::Json, "/name", O::Contains, "bc"), j, true, "bc",
            "\"abc\"", "");
        row("json string contains fails", assertion(S::Json, "/name", O::Contains, "abcd"), j,
            false, "abcd", "\"abc\"", "expected abcd, got \"abc\"");

        // json: ordering and matches
        row("json lessThan", assertion(S::Json, "/id", O::Less, "8"), j, true, "8", "7", "");
        row("json lessThan fails", assertion(S::Json, "/id", O::Less, "7"), j, false, "7", "7",
            "expected 7, got 7");
        row("json atMost", assertion(S::Json, "/id", O::LessOrEqual, "7"), j, true, "7", "7", "");
        row("json atMost fails", assertion(S::Json, "/id", O::LessOrEqual, "6.5"), j, false, "6.5",
            "7", "expected 6.5, got 7");
        row("json greaterThan", assertion(S::Json, "/id", O::Greater, "6"), j, true, "6", "7", "");
        row("json greaterThan fails", assertion(S::Json, "/id", O::Greater, "7"), j, false, "7",
            "7", "expected 7, got 7");
        row("json atLeast", assertion(S::Json, "/id", O::GreaterOrEqual, "7"), j, true, "7", "7",
            "");
        row("json atLeast fails", assertion(S::Json, "/id", O::GreaterOrEqual, "7.5"), j, false,
            "7.5", "7", "expected 7.5, got 7");
        row("json greaterThan fraction", assertion(S::Json, "/ratio", O::Greater, "2.25"), j, true,
            "2.25", any, "");
        row("json lessThan negative", assertion(S::Json, "/neg", O::Less, "-2"), j, true, "-2",
            "-3", "");
        row("json ordering on text", assertion(S::Json, "/name", O::Less, "5"), j, false, "5",
            "\"abc\"", "the value is not a number");
        row("json matches", assertion(S::Json, "/name", O::Matches, "^a.c$"), j, true, "^a.c$",
            "\"abc\"", "");
        row("json matches number text", assertion(S::Json, "/id", O::Matches, "^7$"), j, true,
            "^7$", "7", "");
        row("json matches fails", assertion(S::Json, "/name", O::Matches, "^b"), j, false, "^b",
            "\"abc\"", "expected ^b, got \"abc\"");

        // json: the whole body
        row("json body exists", assertion(S::Json, "", O::Exists), j, true, "a value", any, "");
        row("json body type", assertion(S::Json, "", O::Type, "object"), j, true, "object", any,
            "");
        row("json body contains member", assertion(S::Json, "", O::Contains, "user"), j, true,
            "user", any, "");
        row("json body absent fails", assertion(S::Json, "", O::Absent), j, false, "(absent)", any,
            any);
        row("json body equals", assertion(S::Json, "", O::Equals, "[1, 2]"), textAnswer("[1,2]"),
            true, "[1, 2]", "[1,2]", "");
        row("json body not JSON", assertion(S::Json, "/id", O::Exists), t, false, any, any,
            "the body is not JSON");
        row("json body not JSON absent", assertion(S::Json, "/id", O::Absent), t, false, any, any,
            "the body is not JSON");
        row("json body empty", assertion(S::Json, "/id", O::Equals, "1"), textAnswer(""), false,
            any, any, "the body is empty, not JSON");

        // body
        row("body contains", assertion(S::Body, "", O::Contains, "world"), t, true, "world",
            "hello, world", "");
        row("body contains fails", assertion(S::Body, "", O::Contains, "World"), t, false, "World",
            "hello, world", "expected World, got hello, world");
        row("body equals", assertion(S::Body, "", O::Equals, "hello, world"), t, true,
            "hello, world", "hello, world", "");
        row("body equals fails", assertion(S::Body, "", O::Equals, "hello"), t, false, "hello",
            "hello, world", "expected hello, got hello, world");
        row("body notEquals", assertion(S::Body, "", O::NotEquals, "x"), t, true, "x",
            "hello, world", "");
        row("body notEquals empty", assertion(S::Body, "", O::NotEquals, ""), textAnswer(""), false,
            "", "", "expected , got ");
        row("body matches", assertion(S::Body, "", O::Matches, "^hel+o,"), t, true, "^hel+o,",
            "hello, world", "");
        row("body matches fails", assertion(S::Body, "", O::Matches, "^world"), t, false, "^world",
            "hello, world", "expected ^world, got hello, world");

        // schema
        row("schema passes",
            assertion(S::Schema, "", O::Matches,
                R"({"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "integer"}, "tags": {"type": "array"}}})"),
            j, true, "a body valid against the schema", "valid", "");
        row("schema fails at member",
            assertion(S::Schema, "", O::Matches,
                R"({"type": "object", "properties": {"name": {"type": "integer"}}})"),
            j, false, "a body valid against the schema", "/name must be an integer",
            "/name must be an integer");
        row("schema fails at root", assertion(S::Schema, "", O::Matches, R"({"type": "array"})"), j,
            false, "a body valid against the schema", "the body must be an array",
            "the body must be an array");
        row("schema missing member",
            assertion(S::Schema, "", O::Matches, R"({"required": ["email"]})"), j, false, any,
            "/email is required", "/email is required");
        row("schema body not JSON", assertion(S::Schema, "", O::Matches, R"({"type": "object"})"),
            t, false, any, any, "the body is not JSON");
        row("schema none", assertion(S::Schema, "", O::Matches, ""), j, false,
            "a body valid against the schema", "",
            "the route has no schema for status 200; give one in the assertion");

        // latency
        row("latency lessThan", assertion(S::Latency, "", O::Less, "200"), j, true, "below 200 ms",
            "120.4 ms", "");
        row("latency lessThan fails at equal", assertion(S::Latency, "", O::Less, "120.4"), j,
            false, "below 120.4 ms", "120.4 ms", "expected below 120.4 ms, got 120.4 ms");
        row("latency atMost", assertion(S::Latency, "", O::LessOrEqual, "120.4"), j, true,
            "at most 120.4 ms", "120.4 ms", "");
        row("latency atMost fails", assertion(S::Latency, "", O::LessOrEqual, "100"), j, false,
            "at most 100 ms", "120.4 ms", "expected at most 100 ms, got 120.4 ms");
    }

    void evaluate()
    {
        QFETCH(Assertion, assertion);
        QFETCH(ReceivedAnswer, answer);
        QFETCH(bool, passed);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, actual);
        QFETCH(QByteArray, message);

        RequestChecks checks;
        checks.assertions = { assertion };
        const CheckOutcome outcome = evaluateChecks(checks, answer, noVariable);
        QCOMPARE(outcome.assertions.size(), std::size_t(1));
        QVERIFY(outcome.captures.empty());
        const AssertionOutcome& o = outcome.assertions.front();
        QCOMPARE(b(o.description), b(describe(assertion)));
        if (!expected.isNull())
            QCOMPARE(b(o.expected), expected);
        if (!actual.isNull())
            QCOMPARE(b(o.actual), actual);
        if (!message.isNull())
            QCOMPARE(b(o.message), message);
        QCOMPARE(o.passed, passed);
        QCOMPARE(o.message.empty(), passed);
        QCOMPARE(outcome.failures(), passed ? 0 : 1);
        QCOMPARE(outcome.passed(), passed);
    }

    void routeSchema()
    {
        ReceivedAnswer answer = jsonAnswer();
        answer.status = 201;
        RequestChecks checks;
        checks.assertions = { assertion(S::Schema, "", O::Matches, "") };
        std::vector<int> asked;
        std::string schema = R"({"type": "object", "required": ["id"]})";
        const AnswerSchemaLookup lookup = [&](int status) -> std::optional<std::string> {
            asked.push_back(status);
            if (status == 201)
                return schema;
            return std::nullopt;
        };

        CheckOutcome outcome = evaluateChecks(checks, answer, noVariable, lookup);
        QCOMPARE(asked, std::vector<int> { 201 });
        QCOMPARE(outcome.assertions.size(), std::size_t(1));
        QVERIFY2(outcome.assertions[0].passed, outcome.assertions[0].message.c_str());
        QCOMPARE(
            b(outcome.assertions[0].description), QByteArray("body matches the route's schema"));

        schema = R"({"type": "object", "properties": {"id": {"type": "string"}}})";
        outcome = evaluateChecks(checks, answer, noVariable, lookup);
        QCOMPARE(asked, (std::vector<int> { 201, 201 }));
        QVERIFY(!outcome.assertions[0].passed);
        QCOMPARE(b(outcome.assertions[0].actual), QByteArray("/id must be a string"));

        // The route has none for this status.
        answer.status = 500;
        outcome = evaluateChecks(checks, answer, noVariable, lookup);
        QCOMPARE(asked, (std::vector<int> { 201, 201, 500 }));
        QVERIFY(!outcome.assertions[0].passed);
        QCOMPARE(b(outcome.assertions[0].message),
            QByteArray("the route has no schema for status 500; give one in the assertion"));

        // Its own schema wins: the lookup is not asked.
        checks.assertions = { assertion(S::Schema, "", O::Matches, R"({"type": "object"})") };
        outcome = evaluateChecks(checks, answer, noVariable, lookup);
        QCOMPARE(asked.size(), std::size_t(3));
        QVERIFY(outcome.assertions[0].passed);
    }

    void variables()
    {
        const std::map<std::string, std::string> values
            = { { "id", "7" }, { "field", "name" }, { "word", "abc" }, { "re", "^a" } };
        const VariableLookup lookup = [&](std::string_view name) -> std::optional<std::string> {
            const auto it = values.find(std::string(name));
            if (it == values.end())
                return std::nullopt;
            return it->second;
        };
        RequestChecks checks;
        checks.assertions = {
            assertion(S::Json, "/id", O::Equals, "{{id}}"),
            assertion(S::Json, "/{{field}}", O::Equals, "{{ word }}"),
            assertion(S::Body, "", O::Contains, "\"id\": {{id}}"),
            assertion(S::Status, "", O::Equals, "{{x}}"),
            assertion(S::Json, "/{{nope}}", O::Exists),
            assertion(S::Status, "", O::Equals, "{{word}}"),
            assertion(S::Json, "/name", O::Matches, "{{re}}"),
            assertion(S::Json, "/id", O::Equals, "{{id}}{{id}}"),
        };
        const CheckOutcome outcome = evaluateChecks(checks, jsonAnswer(), lookup);
        QCOMPARE(outcome.assertions.size(), std::size_t(8));
        const auto& a = outcome.assertions;
        QVERIFY2(a[0].passed, a[0].message.c_str());
        QCOMPARE(b(a[0].description), QByteArray("json /id equals 7"));
        QCOMPARE(b(a[0].expected), QByteArray("7"));
        QVERIFY2(a[1].passed, a[1].message.c_str());
        QCOMPARE(b(a[1].description), QByteArray("json /name equals abc"));
        QVERIFY2(a[2].passed, a[2].message.c_str());
        QVERIFY(!a[3].passed);
        QCOMPARE(b(a[3].message), QByteArray("unknown variable {{x}}"));
        QCOMPARE(b(a[3].description), QByteArray("status equals {{x}}"));
        QVERIFY(!a[4].passed);
        QCOMPARE(b(a[4].message), QByteArray("unknown variable {{nope}}"));
        // Expanded values are checked like written ones.
        QVERIFY(!a[5].passed);
        QCOMPARE(b(a[5].message), QByteArray(R"("abc" is not a status code)"));
        QVERIFY2(a[6].passed, a[6].message.c_str());
        QVERIFY(!a[7].passed);
        QCOMPARE(b(a[7].message), QByteArray("expected 77, got 7"));
        QCOMPARE(outcome.failures(), 4);

        // No lookup at all: every variable is unknown.
        RequestChecks one;
        one.assertions = { assertion(S::Status, "", O::Equals, "{{code}}") };
        const CheckOutcome none = evaluateChecks(one, statusAnswer(200), VariableLookup());
        QCOMPARE(b(none.assertions.at(0).message), QByteArray("unknown variable {{code}}"));
    }

    void disabledAreSkipped()
    {
        RequestChecks checks;
        checks.assertions = {
            assertion(S::Status, "", O::Equals, "200"),
            assertion(S::Status, "", O::Equals, "500", false),
            assertion(S::Json, "", O::Exists, "", false), // would fail: not JSON
            assertion(S::Body, "", O::Contains, "hello"),
        };
        checks.captures = {
            capture("a", Src::Json, "/missing", false),
            capture("b", Src::Status),
        };
        const CheckOutcome outcome = evaluateChecks(checks, textAnswer(), noVariable);
        QCOMPARE(outcome.assertions.size(), std::size_t(2));
        QCOMPARE(b(outcome.assertions[0].description), QByteArray("status equals 200"));
        QCOMPARE(b(outcome.assertions[1].description), QByteArray("body contains hello"));
        QCOMPARE(outcome.captures.size(), std::size_t(1));
        QCOMPARE(b(outcome.captures[0].variable), QByteArray("b"));
        QCOMPARE(outcome.failures(), 0);
        QVERIFY(outcome.passed());

        const CheckOutcome empty = evaluateChecks(RequestChecks(), textAnswer(), noVariable);
        QVERIFY(empty.assertions.empty());
        QVERIFY(empty.captures.empty());
        QVERIFY(empty.passed());
    }

    void captures()
    {
        ReceivedAnswer answer;
        answer.status = 201;
        answer.headers = { { "Location", "/users/7" }, { "X-Tag", "a" }, { "x-tag", "b" } };
        answer.body = "{\"token\": \"abc \\\"q\\\"\", \"id\": 7, \"price\": 1.5, \"obj\": {\"a\": "
                      "1}, \"ok\": true, \"n\": null}";
        RequestChecks checks;
        checks.assertions = {
            assertion(S::Status, "", O::Equals, "201"),
            assertion(S::Status, "", O::Equals, "200"),
        };
        checks.captures = {
            capture("token", Src::Json, "/token"),
            capture("id", Src::Json, "/id"),
            capture("price", Src::Json, "/price"),
            capture("obj", Src::Json, "/obj"),
            capture("ok", Src::Json, "/ok"),
            capture("loc", Src::Header, "location"),
            capture("tags", Src::Header, "X-TAG"),
            capture("code", Src::Status),
            capture("body", Src::Body),
            capture("missing", Src::Json, "/nope"),
            capture("noHeader", Src::Header, "X-Nope"),
            capture("viaVar", Src::Json, "/{{key}}"),
            capture("unknownVar", Src::Json, "/{{other}}"),
        };
        const VariableLookup lookup = [](std::string_view name) -> std::optional<std::string> {
            if (name == "key")
                return std::string("id");
            return std::nullopt;
        };
        const CheckOutcome outcome = evaluateChecks(checks, answer, lookup);
        QCOMPARE(outcome.captures.size(), std::size_t(13));
        struct Want {
            const char* variable;
            bool captured;
            const char* value;
            const char* message;
        };
        const Want wants[] = {
            { "token", true, "abc \"q\"", "" },
            { "id", true, "7", "" },
            { "price", true, "1.5", "" },
            { "obj", true, R"({"a":1})", "" },
            { "ok", true, "true", "" },
            { "loc", true, "/users/7", "" },
            { "tags", true, "a, b", "" },
            { "code", true, "201", "" },
            { "body", true, answer.body.c_str(), "" },
            { "missing", false, "", "/nope is absent" },
            { "noHeader", false, "", "no X-Nope header" },
            { "viaVar", true, "7", "" },
            { "unknownVar", false, "", "unknown variable {{other}}" },
        };
        for (std::size_t i = 0; i < std::size(wants); ++i) {
            const CaptureOutcome& c = outcome.captures[i];
            QCOMPARE(b(c.variable), QByteArray(wants[i].variable));
            QCOMPARE(c.captured, wants[i].captured);
            QCOMPARE(b(c.value), QByteArray(wants[i].value));
            QCOMPARE(b(c.message), QByteArray(wants[i].message));
        }
        // 1 failed assertion + 3 captures that found nothing.
        QCOMPARE(outcome.failures(), 4);
        QVERIFY(!outcome.passed());

        // Only a failed capture still fails the checks.
        RequestChecks onlyCapture;
        onlyCapture.captures = { capture("missing", Src::Json, "/nope") };
        const CheckOutcome oc = evaluateChecks(onlyCapture, answer, noVariable);
        QCOMPARE(oc.failures(), 1);
        QVERIFY(!oc.passed());

        // A body that is not JSON captures nothing from it.
        RequestChecks fromJson;
        fromJson.captures = { capture("id", Src::Json, "/id"), capture("all", Src::Json, "") };
        const CheckOutcome nj = evaluateChecks(fromJson, textAnswer(), noVariable);
        QCOMPARE(nj.captures.size(), std::size_t(2));
        QVERIFY(!nj.captures[0].captured);
        QCOMPARE(b(nj.captures[0].message), QByteArray("the body is not JSON"));
        QCOMPARE(nj.failures(), 2);
        const CheckOutcome whole = evaluateChecks(fromJson, textAnswer("[1, \"a\"]"), noVariable);
        QVERIFY(!whole.captures[0].captured);
        QVERIFY(whole.captures[1].captured);
        QCOMPARE(b(whole.captures[1].value), QByteArray(R"([1,"a"])"));
    }

    void dataRows_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("isJson");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("rows"); ///< show() of the rows when ok
        QTest::addColumn<QByteArray>("error"); ///< when not ok; a prefix when it ends with "…"

        const QByteArray twoRows = R"([[["id","1"],["name","Ann"]],[["id","2"],["name","Bob"]]])";
        QTest::newRow("csv") << QByteArray("id,name\n1,Ann\n2,Bob\n") << false << true << twoRows
                             << QByteArray();
        QTest::newRow("csv crlf") << QByteArray("id,name\r\n1,Ann\r\n2,Bob\r\n") << false << true
                                  << twoRows << QByteArray();
        QTest::newRow("csv no final newline")
            << QByteArray("id,name\n1,Ann\n2,Bob") << false << true << twoRows << QByteArray();
        QTest::newRow("csv trailing blank line")
            << QByteArray("id,name\n1,Ann\n2,Bob\n\n") << false << true << twoRows << QByteArray();
        QTest::newRow("csv trailing blank crlf") << QByteArray("id,name\r\n1,Ann\r\n2,Bob\r\n\r\n")
                                                 << false << true << twoRows << QByteArray();
        QTest::newRow("csv quoted")
            << QByteArray("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n") << false
            << true
            << QByteArray("[[[\"id\",\"1\"],[\"note\",\"a, b\"]],[[\"id\",\"2\"],[\"note\",\"say "
                          "\\\"hi\\\"\"]],[[\"id\",\"3\"],[\"note\",\"two\\nlines\"]]]")
            << QByteArray();
        QTest::newRow("csv quoted header and crlf inside")
            << QByteArray("\"user id\",x\r\n\"a\r\nb\",\"\"\r\n") << false << true
            << QByteArray(R"([[["user id","a\r\nb"],["x",""]]])") << QByteArray();
        QTest::newRow("csv empty values")
            << QByteArray("a,b,c\n,,\n1,,3\n") << false << true
            << QByteArray(R"([[["a",""],["b",""],["c",""]],[["a","1"],["b",""],["c","3"]]])")
            << QByteArray();
        QTest::newRow("csv single column quoted empty")
            << QByteArray("a\n\"\"\nx\n") << false << true
            << QByteArray(R"([[["a",""]],[["a","x"]]])") << QByteArray();
        QTest::newRow("csv byte order mark") << QByteArray("\xEF\xBB\xBFid,name\n1,Ann\n2,Bob\n")
                                             << false << true << twoRows << QByteArray();
        QTest::newRow("csv wrong count")
            << QByteArray("id,name\n1,Ann\n2\n") << false << false << QByteArray()
            << QByteArray("data.csv row 3: 1 values for 2 columns");
        QTest::newRow("csv too many")
            << QByteArray("id,name\n1,Ann,x\n") << false << false << QByteArray()
            << QByteArray("data.csv row 2: 3 values for 2 columns");
        QTest::newRow("csv quote inside field")
            << QByteArray("id,name\n1,An\"n\n") << false << false << QByteArray()
            << QByteArray("data.csv line 2: a quote inside an unquoted field (quote the whole "
                          "field and double the quote)");
        QTest::newRow("csv unclosed quote")
            << QByteArray("id,name\n1,\"Ann\n2,Bob\n") << false << false << QByteArray()
            << QByteArray("data.csv: a quoted field is not closed");
        QTest::newRow("csv header only") << QByteArray("id,name\n") << false << false
                                         << QByteArray() << QByteArray("data.csv has no rows");
        QTest::newRow("csv empty")
            << QByteArray("") << false << false << QByteArray()
            << QByteArray("data.csv is empty; it needs a header row of variable names");
        QTest::newRow("csv blank lines only")
            << QByteArray("\n\r\n\n") << false << false << QByteArray()
            << QByteArray("data.csv is empty; it needs a header row of variable names");
        QTest::newRow("csv unnamed column")
            << QByteArray("id,,name\n1,2,3\n") << false << false << QByteArray()
            << QByteArray("data.csv: column 2 of the header has no name");

        QTest::newRow("json")
            << QByteArray("[{\"id\": 2, \"name\": \"Ann\", \"admin\": true},\n"
                          " {\"id\": 3.5, \"name\": \"B\\\"ob\", \"admin\": false, \"x\": null}]")
            << true << true
            << QByteArray("[[[\"id\",\"2\"],[\"name\",\"Ann\"],[\"admin\",\"true\"]],[[\"id\",\"3."
                          "5\"],[\"name\",\"B\\\"ob\"],[\"admin\",\"false\"],[\"x\",\"null\"]]]")
            << QByteArray();
        QTest::newRow("json not an array")
            << QByteArray(R"({"id": 1})") << true << false << QByteArray()
            << QByteArray("data.json: not a JSON array; a data file is an array of objects, one "
                          "per iteration");
        QTest::newRow("json not JSON") << QByteArray("[{\"id\": ") << true << false << QByteArray()
                                       << QByteArray("data.json: not JSON (…");
        QTest::newRow("json item not an object")
            << QByteArray(R"([{"id": 1}, 2])") << true << false << QByteArray()
            << QByteArray("data.json item 1: not an object");
        QTest::newRow("json empty array") << QByteArray("[]") << true << false << QByteArray()
                                          << QByteArray("data.json has no rows");
    }

    void dataRows()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, isJson);
        QFETCH(bool, ok);
        QFETCH(QByteArray, rows);
        QFETCH(QByteArray, error);

        std::vector<DataRow> out { DataRow { { "stale", "row" } } };
        std::string why;
        const bool parsed
            = parseDataRows(std::string_view(text.constData(), std::size_t(text.size())),
                isJson ? "data.json" : "data.csv", isJson, &out, &why);
        QVERIFY2(parsed == ok, why.c_str());
        if (ok) {
            QCOMPARE(show(out), rows);
        } else if (error.endsWith("…")) {
            QVERIFY2(b(why).startsWith(error.chopped(int(std::strlen("…")))), why.c_str());
        } else {
            QCOMPARE(b(why), error);
        }
    }

    void junitReport()
    {
        const RunResult run = sampleRun();
        RunReportInfo info;
        info.environment = "Local & \"dev\"";
        info.scope = "all requests";
        info.hostname = "ci-box";
        const std::string xml = runToJunit(run, info);

        // Nothing an XML reader refuses.
        for (char c : xml) {
            const auto u = static_cast<unsigned char>(c);
            QVERIFY2(u >= 0x20 || c == '\n' || c == '\t' || c == '\r',
                qPrintable(QStringLiteral("control character %1").arg(int(u))));
        }
        QVERIFY(xml.find("&lt;all&gt; &amp; &quot;more&quot;") != std::string::npos);
        QVERIFY(xml.find("<all>") == std::string::npos);
        QVERIFY(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>", 0) == 0);

        struct Case {
            QString classname, name, element, message, type, text;
        };
        struct Suite {
            QMap<QString, QString> attributes;
            QMap<QString, QString> properties;
            QList<Case> cases;
            QString systemOut;
        };
        QList<Suite> suites;
        int testsuites = 0;
        QXmlStreamReader reader(QByteArray::fromStdString(xml));
        while (!reader.atEnd()) {
            reader.readNext();
            if (!reader.isStartElement())
                continue;
            const QString name = reader.name().toString();
            if (name == QLatin1String("testsuites")) {
                ++testsuites;
            } else if (name == QLatin1String("testsuite")) {
                suites.append(Suite());
                for (const QXmlStreamAttribute& a : reader.attributes())
                    suites.last().attributes.insert(a.name().toString(), a.value().toString());
            } else if (name == QLatin1String("property")) {
                suites.last().properties.insert(
                    reader.attributes().value(QLatin1String("name")).toString(),
                    reader.attributes().value(QLatin1String("value")).toString());
            } else if (name == QLatin1String("testcase")) {
                Case c;
                c.classname = reader.attributes().value(QLatin1String("classname")).toString();
                c.name = reader.attributes().value(QLatin1String("name")).toString();
                suites.last().cases.append(c);
            } else if (name == QLatin1String("failure") || name == QLatin1String("error")) {
                Case& c = suites.last().cases.last();
                QVERIFY2(c.element.isEmpty(), "one failure or error per testcase");
                c.element = name;
                c.message = reader.attributes().value(QLatin1String("message")).toString();
                c.type = reader.attributes().value(QLatin1String("type")).toString();
                c.text = reader.readElementText();
            } else if (name == QLatin1String("system-out")) {
                suites.last().systemOut = reader.readElementText();
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(testsuites, 1);
        QCOMPARE(suites.size(), 2);

        const Suite& top = suites[0];
        QCOMPARE(top.attributes.value(QStringLiteral("name")), QStringLiteral("requests"));
        QCOMPARE(
            top.attributes.value(QStringLiteral("package")), QStringLiteral("tollgate.requests"));
        QCOMPARE(top.attributes.value(QStringLiteral("id")), QStringLiteral("0"));
        QCOMPARE(top.attributes.value(QStringLiteral("hostname")), QStringLiteral("ci-box"));
        QCOMPARE(top.attributes.value(QStringLiteral("timestamp")),
            QStringLiteral("2024-05-01T10:00:00"));
        QCOMPARE(top.attributes.value(QStringLiteral("tests")), QStringLiteral("2"));
        QCOMPARE(top.attributes.value(QStringLiteral("failures")), QStringLiteral("0"));
        QCOMPARE(top.attributes.value(QStringLiteral("errors")), QStringLiteral("0"));
        QCOMPARE(top.attributes.value(QStringLiteral("time")),
            QStringLiteral("0.020")); // 9.5 + 10.25 ms
        QCOMPARE(
            top.properties.value(QStringLiteral("environment")), QStringLiteral("Local & \"dev\""));
        QCOMPARE(top.properties.value(QStringLiteral("iterations")), QStringLiteral("2"));
        QCOMPARE(top.systemOut, QStringLiteral("all requests"));
        QCOMPARE(top.cases.size(), 2);
        QCOMPARE(top.cases[0].classname, QStringLiteral("tollgate.requests"));
        QCOMPARE(top.cases[0].name, QStringLiteral("List <all> & \"more\" (iteration 1)"));
        QCOMPARE(top.cases[1].name, QStringLiteral("List <all> & \"more\" (iteration 2)"));
        QVERIFY(top.cases[0].element.isEmpty());
        QVERIFY(top.cases[1].element.isEmpty());

        const Suite& users = suites[1];
        QCOMPARE(users.attributes.value(QStringLiteral("name")), QStringLiteral("users"));
        QCOMPARE(users.attributes.value(QStringLiteral("package")),
            QStringLiteral("tollgate.requests.users"));
        QCOMPARE(users.attributes.value(QStringLiteral("id")), QStringLiteral("1"));
        QCOMPARE(users.attributes.value(QStringLiteral("timestamp")),
            QStringLiteral("2024-05-01T10:00:00"));
        QCOMPARE(users.attributes.value(QStringLiteral("tests")), QStringLiteral("3"));
        QCOMPARE(users.attributes.value(QStringLiteral("failures")), QStringLiteral("1"));
        QCOMPARE(users.attributes.value(QStringLiteral("errors")), QStringLiteral("1"));
        QCOMPARE(users.attributes.value(QStringLiteral("time")), QStringLiteral("0.040"));
        QCOMPARE(users.cases.size(), 3);
        QCOMPARE(users.cases[0].classname, QStringLiteral("tollgate.requests.users"));
        QCOMPARE(users.cases[0].name, QStringLiteral("Create user (iteration 1)"));
        QCOMPARE(users.cases[0].element, QStringLiteral("failure"));
        QCOMPARE(users.cases[0].type, QStringLiteral("assertion"));
        QCOMPARE(
            users.cases[0].message, QStringLiteral("status equals 201: expected 201, got 404"));
        QCOMPARE(users.cases[0].text,
            QStringLiteral("POST http://h/users?a=1&b=<2>\n"
                           "status 404 in 20 ms\n"
                           "status equals 201: expected 201, got 404\n"
                           "json /name equals \"Ann\": expected \"Ann\", got \"B<o>b\"\n"
                           "capture id: /id is absent\n"));
        QCOMPARE(users.cases[1].name, QStringLiteral("Delete user (iteration 1)"));
        QCOMPARE(users.cases[1].element, QStringLiteral("error"));
        QCOMPARE(users.cases[1].type, QStringLiteral("request"));
        QCOMPARE(users.cases[1].message, QStringLiteral("connection refused? <b> & \"x\""));
        QCOMPARE(users.cases[1].text,
            QStringLiteral("DELETE http://h/users/7\nconnection refused? <b> & \"x\"\n"));
        QCOMPARE(users.cases[2].name, QStringLiteral("Create user (iteration 2)"));
        QVERIFY(users.cases[2].element.isEmpty());

        // One iteration: names without the suffix.
        RunResult once = run;
        once.iterations = 1;
        once.requests.resize(3);
        const std::string onceXml = runToJunit(once, info);
        QVERIFY(onceXml.find("(iteration") == std::string::npos);
        QVERIFY(onceXml.find("name=\"Create user\"") != std::string::npos);
    }

    void jsonReport()
    {
        const RunResult run = sampleRun();
        RunReportInfo info;
        info.environment = "Local";
        info.scope = "all requests";
        const std::string text = runToJson(run, info);
        QVERIFY2(text.find("SECRET-TOKEN") == std::string::npos,
            "captured values stay out of the report");
        QVERIFY(text.find('\x01') == std::string::npos);

        boost::system::error_code ec;
        const json::value root = json::parse(text, ec);
        QVERIFY2(!ec, ec.message().c_str());
        const json::object& totals = root.at("totals").as_object();
        QCOMPARE(totals.at("requests").to_number<int>(), 5);
        QCOMPARE(totals.at("failedRequests").to_number<int>(), 2);
        QCOMPARE(totals.at("assertions").to_number<int>(), 8);
        QCOMPARE(totals.at("failedAssertions").to_number<int>(), 2);
        QCOMPARE(root.at("iterations").to_number<int>(), 2);
        QCOMPARE(root.at("passed").as_bool(), false);
        QCOMPARE(root.at("stoppedEarly").as_bool(), false);
        QCOMPARE(b(std::string(root.at("environment").as_string())), QByteArray("Local"));

        const json::array& requests = root.at("requests").as_array();
        QCOMPARE(requests.size(), std::size_t(5));
        const json::object& first = requests[0].as_object();
        QCOMPARE(b(std::string(first.at("name").as_string())), QByteArray("List <all> & \"more\""));
        QCOMPARE(first.at("passed").as_bool(), true);
        QCOMPARE(first.at("status").to_number<int>(), 200);
        QCOMPARE(first.at("iteration").to_number<int>(), 0);
        const json::object& firstCapture = first.at("captures").as_array().at(0).as_object();
        QCOMPARE(b(std::string(firstCapture.at("variable").as_string())), QByteArray("token"));
        QCOMPARE(firstCapture.at("captured").as_bool(), true);
        QVERIFY(!firstCapture.contains("value"));

        const json::object& failed = requests[1].as_object();
        QCOMPARE(failed.at("passed").as_bool(), false);
        const json::object& failedAssertion = failed.at("assertions").as_array().at(0).as_object();
        QCOMPARE(b(std::string(failedAssertion.at("assertion").as_string())),
            QByteArray("status equals 201"));
        QCOMPARE(b(std::string(failedAssertion.at("expected").as_string())), QByteArray("201"));
        QCOMPARE(b(std::string(failedAssertion.at("actual").as_string())), QByteArray("404"));
        QCOMPARE(b(std::string(failedAssertion.at("message").as_string())),
            QByteArray("expected 201, got 404"));
        const json::object& passedAssertion
            = requests[0].at("assertions").as_array().at(0).as_object();
        QVERIFY(!passedAssertion.contains("message"));
        const json::object& missedCapture = failed.at("captures").as_array().at(0).as_object();
        QCOMPARE(missedCapture.at("captured").as_bool(), false);
        QCOMPARE(
            b(std::string(missedCapture.at("message").as_string())), QByteArray("/id is absent"));

        const json::object& unsent = requests[2].as_object();
        QVERIFY(!unsent.contains("status"));
        QCOMPARE(b(std::string(unsent.at("error").as_string())),
            QByteArray("connection refused? <b> & \"x\""));
        QCOMPARE(unsent.at("passed").as_bool(), false);
    }

    void summary()
    {
        RunResult run = sampleRun();
        const std::string text = runSummary(run);
        QCOMPARE(b(text),
            QByteArray(
                "ok    List <all> & \"more\" (iteration 1)  GET http://h/items  200  9.5 ms\n"
                "FAIL  Create user (iteration 1)  POST http://h/users?a=1&b=<2>  404  20 ms\n"
                "      status equals 201: expected 201, got 404\n"
                "      json /name equals \"Ann\": expected \"Ann\", got \"B<o>b\"\n"
                "      capture id: /id is absent\n"
                "FAIL  Delete user (iteration 1)  DELETE http://h/users/7\n"
                "      connection refused? <b> & \"x\"\n"
                "ok    List <all> & \"more\" (iteration 2)  GET http://h/items  200  10 ms\n"
                "ok    Create user (iteration 2)  POST http://h/users?a=1&b=<2>  201  20 ms\n"
                "\n"
                "5 request(s), 2 failed; 8 assertion(s), 2 failed; 1234 ms\n"));
        QVERIFY(text.find("SECRET-TOKEN") == std::string::npos);

        run.stoppedEarly = true;
        run.requests.resize(2);
        const std::string stopped = runSummary(run);
        QVERIFY2(
            b(stopped).endsWith(
                "\n2 request(s), 1 failed; 4 assertion(s), 2 failed; 1234 ms (stopped early)\n"),
            stopped.c_str());
    }

private:
    /// Two iterations of: a passing request at the top, a request in
    /// "users" failing two assertions and a capture, and one there that
    /// got no answer (only in the first iteration).
    static RunResult sampleRun()
    {
        RequestRun list;
        list.iteration = 0;
        list.name = "List <all> & \"more\"";
        list.method = "GET";
        list.url = "http://h/items";
        list.sent = true;
        list.answer.status = 200;
        list.answer.totalMs = 9.5;
        list.checks.assertions
            = { AssertionOutcome { "status equals 200", true, "200", "200", "" } };
        list.checks.captures = { CaptureOutcome { "token", true, "SECRET-TOKEN", "" } };

        RequestRun create;
        create.iteration = 0;
        create.name = "Create user";
        create.folder = "users";
        create.method = "POST";
        create.url = "http://h/users?a=1&b=<2>";
        create.sent = true;
        create.answer.status = 404;
        create.answer.totalMs = 20;
        create.answer.body = "SECRET-TOKEN";
        create.checks.assertions = {
            AssertionOutcome { "status equals 201", false, "201", "404", "expected 201, got 404" },
            AssertionOutcome { "json /name equals \"Ann\"", false, "\"Ann\"", "\"B<o>b\"",
                "expected \"Ann\", got \"B<o>b\"" },
            AssertionOutcome { "header Location exists", true, "present", "/users/7", "" },
        };
        create.checks.captures = { CaptureOutcome { "id", false, "", "/id is absent" },
            CaptureOutcome { "session", true, "SECRET-TOKEN", "" } };

        RequestRun remove;
        remove.iteration = 0;
        remove.name = "Delete user";
        remove.folder = "users";
        remove.method = "DELETE";
        remove.url = "http://h/users/7";
        remove.sent = false;
        remove.error = "connection refused\x01 <b> & \"x\"";

        RequestRun list2 = list;
        list2.iteration = 1;
        list2.answer.totalMs = 10.25;
        RequestRun create2 = create;
        create2.iteration = 1;
        create2.answer.status = 201;
        create2.checks.assertions = {
            AssertionOutcome { "status equals 201", true, "201", "201", "" },
            AssertionOutcome { "json /name equals \"Ann\"", true, "\"Ann\"", "\"Ann\"", "" },
            AssertionOutcome { "header Location exists", true, "present", "/users/7", "" },
        };
        create2.checks.captures = { CaptureOutcome { "id", true, "SECRET-TOKEN", "" } };

        RunResult run;
        run.iterations = 2;
        run.startedAt = "2024-05-01T10:00:00Z";
        run.totalMs = 1234;
        run.requests = { list, create, remove, list2, create2 };
        return run;
    }
};

QTEST_GUILESS_MAIN(TestRequestChecks)
#include "tst_requestchecks.moc"
