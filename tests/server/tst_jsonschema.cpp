// Request body validation against imported JSON Schemas: each keyword family
// accepts what it should and names the failing value by JSON pointer; 3.0's
// nullable and readOnly-required members behave as OpenAPI says.

#include "server/routing/jsonschema.h"

#include <boost/json/parse.hpp>

#include <QTest>

using namespace tollgate::server;

Q_DECLARE_METATYPE(std::string)

namespace {

std::optional<SchemaViolation> validate(const std::string& schema, const std::string& value)
{
    JsonSchemaValidator validator;
    std::string error;
    if (!JsonSchemaValidator::compile(schema, &validator, &error))
        qFatal("compile: %s", error.c_str());
    return validator.validate(boost::json::parse(value));
}

} // namespace

class TestJsonSchema : public QObject {
    Q_OBJECT

private slots:
    void violations_data()
    {
        QTest::addColumn<std::string>("schema");
        QTest::addColumn<std::string>("value");
        QTest::addColumn<std::string>("pointer"); // "-" = valid
        QTest::addColumn<std::string>("message");
        // (Single-line raw strings: moc does not read raw strings across lines.)
        const std::string order = std::string(R"({"type":"object","required":["id","items"],)")
            + R"("properties":{"id":{"type":"string","readOnly":true},)"
            + R"("items":{"type":"array","minItems":1,"items":{"type":"object","required":["qty"],)"
            + R"("properties":{"qty":{"type":"integer","minimum":1}},"additionalProperties":false}}}})";
        QTest::newRow("valid") << order << std::string(R"({"items":[{"qty":2}]})") << std::string("-") << std::string();
        QTest::newRow("nested type") << order << std::string(R"({"items":[{"qty":"2"}]})")
                                     << std::string("/items/0/qty") << std::string("must be an integer");
        QTest::newRow("minimum") << order << std::string(R"({"items":[{"qty":0}]})")
                                 << std::string("/items/0/qty") << std::string("must be at least 1");
        QTest::newRow("required") << order << std::string(R"({})") << std::string("/items")
                                  << std::string("is required");
        QTest::newRow("extra member") << order << std::string(R"({"items":[{"qty":1,"x":1}]})")
                                      << std::string("/items/0/x") << std::string("is not a member");
        QTest::newRow("min items") << order << std::string(R"({"items":[]})") << std::string("/items")
                                   << std::string("at least 1 item");
        QTest::newRow("root type") << order << std::string("[]") << std::string("")
                                   << std::string("must be an object");
        QTest::newRow("nullable 3.0") << std::string(R"({"type":"string","nullable":true})")
                                      << std::string("null") << std::string("-") << std::string();
        QTest::newRow("null 3.1") << std::string(R"({"type":["string","null"]})") << std::string("3")
                                  << std::string("") << std::string("must be string or null");
        QTest::newRow("enum") << std::string(R"({"enum":["a","b"]})") << std::string(R"("c")")
                              << std::string("") << std::string("must be one of");
        QTest::newRow("pattern") << std::string(R"({"type":"string","pattern":"^[0-9]{3}$"})")
                                 << std::string(R"("12a")") << std::string("") << std::string("must match");
        QTest::newRow("length in characters") << std::string(R"({"type":"string","maxLength":2})")
                                              << std::string("\"\u00e9\u00e9\"") << std::string("-") << std::string();
        QTest::newRow("exclusive 3.1") << std::string(R"({"type":"number","exclusiveMinimum":0})")
                                       << std::string("0") << std::string("") << std::string("above 0");
        QTest::newRow("exclusive 3.0") << std::string(R"({"type":"number","minimum":0,"exclusiveMinimum":true})")
                                       << std::string("0") << std::string("") << std::string("above 0");
        QTest::newRow("multiple") << std::string(R"({"multipleOf":0.5})") << std::string("1.25")
                                  << std::string("") << std::string("multiple of");
        QTest::newRow("unique") << std::string(R"({"uniqueItems":true})") << std::string("[1,2,1]")
                                << std::string("") << std::string("must not repeat");
        QTest::newRow("oneOf none") << std::string(R"({"oneOf":[{"type":"string"},{"type":"integer"}]})")
                                    << std::string("true") << std::string("") << std::string("none of");
        QTest::newRow("oneOf two") << std::string(R"({"oneOf":[{"type":"number"},{"type":"integer"}]})")
                                   << std::string("1") << std::string("") << std::string("more than one");
        QTest::newRow("anyOf") << std::string(R"({"anyOf":[{"type":"string"},{"minimum":5}]})")
                               << std::string("7") << std::string("-") << std::string();
        QTest::newRow("allOf") << std::string(R"({"allOf":[{"required":["a"]},{"required":["b"]}]})")
                               << std::string(R"({"a":1})") << std::string("/b") << std::string("is required");
        QTest::newRow("not") << std::string(R"({"not":{"type":"null"}})") << std::string("null")
                             << std::string("") << std::string("not allowed");
        QTest::newRow("pattern properties") << std::string(R"({"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false})")
                                            << std::string(R"({"x-a":1})") << std::string("/x-a")
                                            << std::string("must be a string");
        QTest::newRow("escaped pointer") << std::string(R"({"properties":{"a/b":{"type":"string"}}})")
                                         << std::string(R"({"a/b":1})") << std::string("/a~1b")
                                         << std::string("must be a string");
        QTest::newRow("false schema") << std::string(R"({"properties":{"gone":false}})")
                                      << std::string(R"({"gone":1})") << std::string("/gone")
                                      << std::string("not allowed");
        QTest::newRow("prefix items") << std::string(R"({"prefixItems":[{"type":"string"}],"items":{"type":"integer"}})")
                                      << std::string(R"(["a",1,"b"])") << std::string("/2")
                                      << std::string("must be an integer");
    }
    void violations()
    {
        QFETCH(std::string, schema);
        QFETCH(std::string, value);
        QFETCH(std::string, pointer);
        QFETCH(std::string, message);
        const auto violation = validate(schema, value);
        if (pointer == "-") {
            QVERIFY2(!violation, violation ? (violation->pointer + ' ' + violation->message).c_str() : "");
            return;
        }
        QVERIFY(violation);
        QCOMPARE(violation->pointer, pointer);
        QVERIFY2(violation->message.find(message) != std::string::npos, violation->message.c_str());
    }

    void badSchemasDoNotCompile()
    {
        JsonSchemaValidator validator;
        std::string error;
        QVERIFY(!JsonSchemaValidator::compile("[1]", &validator, &error));
        QVERIFY(!error.empty());
        error.clear();
        const std::string unclosed = "{\"pattern\":\"(unclosed\"}";
        QVERIFY(!JsonSchemaValidator::compile(unclosed, &validator, &error));
        QVERIFY(error.find("(unclosed") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
