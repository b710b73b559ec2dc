// `tollgated import` and `tollgated export` as a user runs them: a spec into a
// new workspace that then serves (401 without a key, the example with one), a
// second import refused or merged, a broken file that changes nothing, and
// exported OpenAPI documents that the official OAS 3.1 schema accepts
// (checked with Python's jsonschema, a validator Tollgate did not write).

#include "daemon.h"
#include "rawclient.h"

#include "server/composer/history.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using rawhttp::RawClient;
using rawhttp::Response;
using testsupport::Daemon;
using testsupport::Finished;

namespace {

const QString kTollgated = QStringLiteral(TOLLGATED_PATH);
const QString kData = QStringLiteral(TOLLGATE_TEST_DATA);

Finished run(const QString& program, const QStringList& arguments)
{
    return testsupport::runProgram(program, arguments);
}

Finished tollgated(const QStringList& arguments)
{
    return run(kTollgated, arguments);
}

Finished validate(const QString& document)
{
    return run(QStringLiteral("python3"),
        { QStringLiteral(TOLLGATE_SOURCE_DIR) + QStringLiteral("/tests/tools/validate_openapi.py"),
            kData + QStringLiteral("/schemas/openapi-3.1.schema.json"), document });
}

QString bookshop()
{
    return kData + QStringLiteral("/import/openapi/bookshop-3.1.yaml");
}

int fileCount(const QString& dir)
{
    return static_cast<int>(QDir(dir).entryList(QDir::Files).size());
}

} // namespace

class TestInterchangeCli : public QObject {
    Q_OBJECT

private slots:
    void importedSpecServesItsExamples()
    {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath(QStringLiteral("shop"));
        const Finished imported = tollgated(
            { QStringLiteral("import"), bookshop(), QStringLiteral("--workspace"), ws });
        QVERIFY2(imported.exitCode == 0, imported.describe());
        QVERIFY2(imported.out.contains("67 routes added; 67 saved requests; 2 environments"),
            imported.describe());
        // The report names file:line for what was not carried over.
        QVERIFY2(imported.out.contains("bookshop-3.1.yaml:"), imported.describe());
        QCOMPARE(fileCount(ws + QStringLiteral("/routes")), 67);
        QVERIFY(QFile::exists(ws + QStringLiteral("/requests/books/get-a-book.json")));

        const Finished checked = tollgated({ QStringLiteral("--check"), ws });
        QVERIFY2(checked.exitCode == 0, checked.describe());

        const Finished key = tollgated({ QStringLiteral("keys"), QStringLiteral("create"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--tier"), QStringLiteral("pro") });
        QVERIFY2(key.exitCode == 0, key.describe());
        const QByteArray secret = key.out.trimmed();

        Daemon daemon;
        const QByteArray failure = daemon.start({ QStringLiteral("--workspace"), ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics") });
        QVERIFY2(failure.isEmpty(), failure);

        RawClient anonymous;
        QVERIFY(anonymous.connectTo(daemon.port()));
        QVERIFY(anonymous.send("GET /v1/orders/42 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        QCOMPARE(anonymous.readResponse().status, 401);

        RawClient client;
        QVERIFY(client.connectTo(daemon.port()));
        const QByteArray request
            = "GET /v1/orders/42 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + secret + "\r\n\r\n";
        QVERIFY(client.send(request));
        const Response answer = client.readResponse();
        QCOMPARE(answer.status, 200);
        const QJsonObject order = QJsonDocument::fromJson(answer.body).object();
        QVERIFY2(order.contains(QStringLiteral("items")), answer.body);
        QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));

        // A public operation of the spec answers without a key.
        RawClient browse;
        QVERIFY(browse.connectTo(daemon.port()));
        QVERIFY(browse.send("GET /v1/books HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        QCOMPARE(browse.readResponse().status, 200);
        QVERIFY(daemon.stop());
    }

    void validatedRoutesRefuseBodiesThatBreakTheSchema()
    {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath(QStringLiteral("shop"));
        const Finished imported = tollgated({ QStringLiteral("import"), bookshop(),
            QStringLiteral("--workspace"), ws, QStringLiteral("--validate") });
        QVERIFY2(imported.exitCode == 0, imported.describe());
        const Finished key = tollgated({ QStringLiteral("keys"), QStringLiteral("create"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--tier"), QStringLiteral("pro") });
        QVERIFY2(key.exitCode == 0, key.describe());
        Daemon daemon;
        const QByteArray failure = daemon.start({ QStringLiteral("--workspace"), ws,
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-metrics") });
        QVERIFY2(failure.isEmpty(), failure);

        auto post = [&](const QByteArray& body) {
            RawClient client;
            if (!client.connectTo(daemon.port()))
                return Response {};
            client.send(QByteArray("POST /v1/carts/c1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + key.out.trimmed() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body));
            return client.readResponse();
        };
        // The saved request's own body (the spec's example) passes.
        QFile saved(ws + QStringLiteral("/requests/carts/put-a-book-in-the-cart.json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray example = QJsonDocument::fromJson(saved.readAll())
                                       .object()
                                       .value(QStringLiteral("body"))
                                       .toObject()
                                       .value(QStringLiteral("text"))
                                       .toString()
                                       .toUtf8();
        QVERIFY(!example.isEmpty());
        const Response ok = post(example);
        QVERIFY2(ok.status >= 200 && ok.status < 300, ok.describe());

        // A wrong type deep inside: 400 naming the JSON pointer.
        QJsonObject broken = QJsonDocument::fromJson(example).object();
        broken.insert(QStringLiteral("quantity"), QStringLiteral("two"));
        const Response bad = post(QJsonDocument(broken).toJson(QJsonDocument::Compact));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.header("Content-Type"), QByteArray("application/problem+json"));
        const QJsonObject problem = QJsonDocument::fromJson(bad.body).object();
        QCOMPARE(problem.value(QStringLiteral("pointer")).toString(), QStringLiteral("/quantity"));
        QVERIFY2(problem.value(QStringLiteral("detail")).toString().contains(QStringLiteral("/quantity")),
            bad.body);
        QVERIFY(daemon.stop());
    }

    void secondImportIsRefusedOrMerged()
    {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath(QStringLiteral("shop"));
        QCOMPARE(tollgated({ QStringLiteral("import"), bookshop(), QStringLiteral("--workspace"), ws })
                     .exitCode,
            0);
        const QByteArray before = [&] {
            QFile f(ws + QStringLiteral("/routes/get-v1-books.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!before.isEmpty());

        const Finished again = tollgated(
            { QStringLiteral("import"), bookshop(), QStringLiteral("--workspace"), ws });
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("--merge"), again.describe());

        const Finished merged = tollgated({ QStringLiteral("import"), bookshop(),
            QStringLiteral("--workspace"), ws, QStringLiteral("--merge") });
        QVERIFY2(merged.exitCode == 0, merged.describe());
        QVERIFY2(merged.out.contains("0 routes added"), merged.describe());
        QVERIFY2(merged.out.contains("Already in the workspace (136)"), merged.describe());
        QVERIFY2(merged.out.contains("kept      route GET /v1/books"), merged.describe());
        QCOMPARE(fileCount(ws + QStringLiteral("/routes")), 67);
        QFile after(ws + QStringLiteral("/routes/get-v1-books.json"));
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
    }

    void brokenFileChangesNothing()
    {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath(QStringLiteral("shop"));
        const QString broken = kData + QStringLiteral("/import/openapi/broken-syntax.yaml");
        const Finished f
            = tollgated({ QStringLiteral("import"), broken, QStringLiteral("--workspace"), ws });
        QCOMPARE(f.exitCode, 1);
        QVERIFY2(f.err.contains(QByteArray(broken.toUtf8() + ":14:")), f.describe());
        QVERIFY2(f.err.contains("nothing was imported"), f.describe());
        QVERIFY(!QFileInfo::exists(ws));
    }

    void exportedDocumentsAreValidOpenApi31_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("demo workspace") << QStringLiteral(TOLLGATE_SOURCE_DIR "/resources/demo");
        QTest::newRow("imported bookshop") << QString();
    }
    void exportedDocumentsAreValidOpenApi31()
    {
        QFETCH(QString, source);
        QTemporaryDir tmp;
        QString ws = source;
        if (ws.isEmpty()) {
            ws = tmp.filePath(QStringLiteral("shop"));
            QCOMPARE(tollgated({ QStringLiteral("import"), bookshop(), QStringLiteral("--workspace"),
                                   ws })
                         .exitCode,
                0);
        }
        const QString out = tmp.filePath(QStringLiteral("openapi.json"));
        const Finished exported = tollgated({ QStringLiteral("export"), QStringLiteral("openapi"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--out"), out });
        QVERIFY2(exported.exitCode == 0, exported.describe());
        const Finished checked = validate(out);
        QVERIFY2(checked.exitCode == 0, checked.describe());
        QVERIFY2(checked.out.contains("valid OpenAPI 3.1"), checked.describe());
    }

    void historyExportsAsHar()
    {
        QTemporaryDir tmp;
        const QString ws = tmp.filePath(QStringLiteral("shop"));
        QCOMPARE(tollgated({ QStringLiteral("import"), bookshop(), QStringLiteral("--workspace"), ws })
                     .exitCode,
            0);
        tollgate::server::HistoryEntry sent;
        sent.timeMs = 1'796'000'000'000;
        sent.request.method = "GET";
        sent.request.url = "{{baseUrl}}/v1/books";
        sent.request.auth = tollgate::server::ComposerRequest::AuthKind::Bearer;
        sent.request.token = "tg_secret_token";
        sent.environment = "Production";
        sent.status = 200;
        std::string error;
        tollgate::server::HistoryLog log(ws.toStdString() + "/.tollgate/history.jsonl");
        QVERIFY2(log.append(sent, &error), error.c_str());

        const Finished har = tollgated({ QStringLiteral("export"), QStringLiteral("har"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--out"), QStringLiteral("-") });
        QVERIFY2(har.exitCode == 0, har.describe());
        const QJsonObject entry = QJsonDocument::fromJson(har.out)
                                      .object()[QStringLiteral("log")]
                                      .toObject()[QStringLiteral("entries")]
                                      .toArray()
                                      .first()
                                      .toObject();
        // The Production environment (servers[0] of the spec) gives the URL.
        QCOMPARE(entry[QStringLiteral("request")].toObject()[QStringLiteral("url")].toString(),
            QStringLiteral("https://api.bookshop.example/v1/books"));
        QVERIFY2(!har.out.contains("tg_secret_token"), har.out);
    }

    void theValidatorRejectsWhatIsNotOpenApi()
    {
        // The check above means something only if the validator can say no.
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("bad.json"));
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"openapi": "3.1.0", "info": {"title": 1}, "paths": {"users": {}}})");
        f.close();
        const Finished checked = validate(out);
        QCOMPARE(checked.exitCode, 1);
        QVERIFY2(checked.out.contains("/info"), checked.describe());
    }

    void exportNeedsAFormatAndAWorkspaceThatLoads()
    {
        QTemporaryDir tmp;
        Finished f = tollgated({ QStringLiteral("export"), QStringLiteral("postman"),
            QStringLiteral("--workspace"), tmp.path(), QStringLiteral("--out"), QStringLiteral("-") });
        QCOMPARE(f.exitCode, 2);
        f = tollgated({ QStringLiteral("export"), QStringLiteral("openapi"), QStringLiteral("--workspace"),
            tmp.filePath(QStringLiteral("missing")), QStringLiteral("--out"), QStringLiteral("-") });
        QCOMPARE(f.exitCode, 1);
        QVERIFY2(f.err.contains("nothing was written"), f.describe());
    }
};

QTEST_GUILESS_MAIN(TestInterchangeCli)
#include "tst_interchangecli.moc"
