// Import files read as one JSON value, whatever they were written in: YAML's
// core-schema scalars, anchors, aliases and merge keys, the line of every
// value, syntax errors with their line, and the guards against documents that
// expand without bound.

#include "server/interchange/sourcetree.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <QTest>

#include <fstream>
#include <sstream>

using namespace tollgate::server;
namespace json = boost::json;

Q_DECLARE_METATYPE(std::string)

namespace {

SourceTree parsed(std::string_view text)
{
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::parse(text, "doc.yaml", &tree, &error))
        qFatal("parse failed: %s", error.toString().c_str());
    return tree;
}

std::string serialized(const SourceTree& tree, std::string_view pointer)
{
    const json::value* v = tree.at(pointer);
    return v ? json::serialize(*v) : std::string("<missing>");
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

class TestSourceTree : public QObject {
    Q_OBJECT

private slots:
    void yamlScalarsFollowTheCoreSchema_data()
    {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::string>("json");
        QTest::newRow("true") << std::string("true") << std::string("true");
        QTest::newRow("False") << std::string("False") << std::string("false");
        QTest::newRow("null") << std::string("null") << std::string("null");
        QTest::newRow("tilde") << std::string("~") << std::string("null");
        QTest::newRow("integer") << std::string("42") << std::string("42");
        QTest::newRow("negative") << std::string("-7") << std::string("-7");
        QTest::newRow("hex") << std::string("0x1f") << std::string("31");
        QTest::newRow("octal") << std::string("0o17") << std::string("15");
        QTest::newRow("float") << std::string("1.5") << std::string("1.5E0");
        QTest::newRow("exponent") << std::string("2e3") << std::string("2E3");
        QTest::newRow("version stays text") << std::string("1.2.3") << std::string("\"1.2.3\"");
        QTest::newRow("yes is text in 1.2") << std::string("yes") << std::string("\"yes\"");
        QTest::newRow("infinity is text") << std::string(".inf") << std::string("\".inf\"");
        QTest::newRow("quoted number") << std::string("\"42\"") << std::string("\"42\"");
        QTest::newRow("single quoted") << std::string("'true'") << std::string("\"true\"");
        QTest::newRow("explicit str") << std::string("!!str 12") << std::string("\"12\"");
        QTest::newRow("huge integer") << std::string("123456789012345678901234567890")
                                      << std::string("\"123456789012345678901234567890\"");
    }
    void yamlScalarsFollowTheCoreSchema()
    {
        QFETCH(std::string, text);
        QFETCH(std::string, json);
        const SourceTree tree = parsed("value: " + text + "\n");
        QCOMPARE(serialized(tree, "/value"), json);
    }

    void aliasesAndMergeKeysAreResolved()
    {
        const SourceTree tree = parsed("base: &base\n"
                                       "  a: 1\n"
                                       "  b: 2\n"
                                       "extra: &extra {c: 3, a: 9}\n"
                                       "copy: *base\n"
                                       "merged:\n"
                                       "  <<: [*base, *extra]\n"
                                       "  b: 20\n");
        QCOMPARE(serialized(tree, "/copy"), std::string(R"({"a":1,"b":2})"));
        // Explicit keys win over merged ones, earlier merged maps over later ones.
        const json::value* merged = tree.at("/merged");
        QVERIFY(merged && merged->is_object());
        QCOMPARE(merged->at("a").as_int64(), 1);
        QCOMPARE(merged->at("b").as_int64(), 20);
        QCOMPARE(merged->at("c").as_int64(), 3);
        QCOMPARE(merged->as_object().size(), std::size_t(3));
        QVERIFY(!merged->as_object().contains("<<"));
    }

    void everyValueKnowsItsLine()
    {
        const SourceTree tree = parsed("openapi: 3.1.0\n"
                                       "paths:\n"
                                       "  /users/{id}:\n"
                                       "    get:\n"
                                       "      summary: One user\n");
        QCOMPARE(tree.where("/paths/~1users~1{id}/get/summary"), std::string("doc.yaml:5"));
        QCOMPARE(tree.diagnostic("/paths/~1users~1{id}/get", "x").line, 4);
        // A pointer that does not exist is placed at its closest ancestor.
        QCOMPARE(tree.diagnostic("/paths/~1users~1{id}/post/responses", "x").line, 3);
    }

    void jsonValuesKnowTheirLineToo()
    {
        SourceTree tree;
        Diagnostic error;
        QVERIFY(SourceTree::parse("{\n  \"paths\": {\n    \"/a/b\": {\n      \"get\": 1\n    }\n  }\n}\n",
            "doc.json", &tree, &error));
        QVERIFY(!tree.isYaml());
        QCOMPARE(tree.diagnostic("/paths/~1a~1b/get", "x").line, 4);
        QCOMPARE(tree.where("/paths/~1a~1b"), std::string("doc.json:3"));
        // Moving the tree keeps positions working (the index is rebuilt).
        SourceTree moved = std::move(tree);
        QCOMPARE(moved.diagnostic("/paths/~1a~1b/get", "x").line, 4);
    }

    void syntaxErrorsNameTheirLine_data()
    {
        QTest::addColumn<std::string>("file");
        QTest::newRow("yaml") << std::string("openapi/broken-syntax.yaml");
        QTest::newRow("json") << std::string("openapi/broken-structure.json");
    }
    void syntaxErrorsNameTheirLine()
    {
        QFETCH(std::string, file);
        const std::string path = std::string(TOLLGATE_TEST_DATA) + "/import/" + file;
        SourceTree tree;
        Diagnostic error;
        if (file.ends_with(".json")) {
            // Valid JSON: reading succeeds; the structure error is the importer's.
            QVERIFY(SourceTree::read(path, &tree, &error));
            return;
        }
        QVERIFY(!SourceTree::read(path, &tree, &error));
        // The file states the line its syntax error is on, in its first line.
        const std::string text = readAll(path);
        const std::size_t at = text.find("line ");
        QVERIFY(at != std::string::npos);
        QCOMPARE(error.line, std::stoi(text.substr(at + 5)));
        QCOMPARE(error.file, path);
        QVERIFY(!error.message.empty());
    }

    void brokenJsonNamesLineAndColumn()
    {
        SourceTree tree;
        Diagnostic error;
        QVERIFY(!SourceTree::parse("{\n  \"a\": 1,\n  \"b\": tru\n}\n", "x.json", &tree, &error));
        QCOMPARE(error.line, 3);
        QVERIFY(error.column > 0);
    }

    void aliasBombsAreRefused()
    {
        // Each level doubles... ten times over: 10^9 values if expanded.
        std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i <= 9; ++i)
            text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" +
                [&] {
                    std::string items;
                    for (int k = 0; k < 10; ++k)
                        items += (k ? ", *a" : "*a") + std::to_string(i - 1);
                    return items;
                }()
                + "]\n";
        SourceTree tree;
        Diagnostic error;
        QVERIFY(!SourceTree::parse(text, "bomb.yaml", &tree, &error));
        QVERIFY2(error.message.find("1,000,000") != std::string::npos, error.message.c_str());
    }

    void byteOrderMarkIsIgnored()
    {
        SourceTree tree;
        Diagnostic error;
        QVERIFY(SourceTree::parse("\xEF\xBB\xBF{\"a\": 1}", "bom.json", &tree, &error));
        QCOMPARE(serialized(tree, "/a"), std::string("1"));
        QVERIFY(SourceTree::parse("\xEF\xBB\xBF" "a: 1\n", "bom.yaml", &tree, &error));
        QCOMPARE(serialized(tree, "/a"), std::string("1"));
    }

    void pointersEscapeSlashAndTilde()
    {
        QCOMPARE(pointerChild("", "/users/{id}"), std::string("/~1users~1{id}"));
        QCOMPARE(pointerChild("/a", "x~y"), std::string("/a/x~0y"));
        QCOMPARE(pointerChild("/list", std::size_t(3)), std::string("/list/3"));
        const json::value doc = json::value { { "/a", json::value { { "b~", 7 } } } };
        const json::value* found = resolvePointer(doc, "/~1a/b~0");
        QVERIFY(found);
        QCOMPARE(found->as_int64(), 7);
        QVERIFY(!resolvePointer(doc, "no-leading-slash"));
    }
};

QTEST_APPLESS_MAIN(TestSourceTree)
#include "tst_sourcetree.moc"
