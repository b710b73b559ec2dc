// What the Load page remembers per workspace, as text: the state earlier
// versions stored is read as it was meant, what is written now is what
// earlier versions read (the LoadSettings JSON of server/load inside an
// envelope of checks and key choices), and unreadable text reads as none.

#include "server/load/loadreport.h"
#include "ui/load/loadpagestate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

// Exactly what the Load page stored before it moved to QJson (Boost.JSON's
// serializer: its key order, doubles as "1.23E2").
const char* const kStoredBefore
    = R"({"settings":{"url":"http://127.0.0.1:8080","model":"open","connections":7,)"
      R"("rate":1.23E2,"durationSeconds":1E1,"requestCount":0,"warmupSeconds":3E0,)"
      R"("rampUpSeconds":0E0,"timeoutSeconds":2.5E0,"threads":1,"mix":[{"name":"",)"
      R"("method":"GET","path":"/ok","params":[],"headers":[],"body":"","weight":1E0},)"
      R"({"name":"","method":"GET","path":"/items/{id}","params":[{"name":"id",)"
      R"("value":"{{randomInt 1 100}}"}],"headers":[],"body":"","weight":1E0},{"name":"",)"
      R"("method":"POST","path":"/paid","params":[],"headers":[{"name":"Content-Type",)"
      R"("value":"application/json"}],"body":"{\"a\":1}","weight":5E0}],"keys":[],)"
      R"("keyHeader":"X-API-Key","seed":1,"verifyTls":true},"mixEnabled":[false,true,true],)"
      R"("keys":[{"id":"key_free","enabled":false,"weight":4E0},{"id":"","enabled":true,)"
      R"("weight":5E-1}],"followsServer":true,"workspace":"/home/user/api"})";

LoadPageState sample()
{
    LoadPageState state;
    state.settings.url = "http://api.example.com/v1";
    state.settings.model = server::LoadModel::Open;
    state.settings.connections = 12;
    state.settings.rate = 250.5;
    state.settings.requestCount = 5000;
    state.settings.warmupSeconds = 1.5;
    state.settings.timeoutSeconds = 4;
    state.settings.keyHeader = "Authorization";
    state.settings.verifyTls = false;
    server::LoadTarget t;
    t.method = "PUT";
    t.path = "/users/{id}";
    t.params = { { "id", "{{randomInt 1 9}}" } };
    t.body = "{\"name\":\"ü\"}";
    t.weight = 2.25;
    server::LoadTarget u;
    u.method = "GET";
    u.path = "/health";
    state.settings.mix = { t, u };
    state.mixEnabled = { true, false };
    state.keys.insert(QStringLiteral("key_pro"), { true, 3 });
    state.keys.insert(QString(), { false, 0 });
    state.followsServer = false;
    state.workspace = QStringLiteral("/tmp/wörkspace");
    return state;
}

} // namespace

class TestLoadPageState : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhatEarlierVersionsStored()
    {
        const std::optional<LoadPageState> state
            = LoadPageState::fromJson(QString::fromUtf8(kStoredBefore));
        QVERIFY(state);
        const server::LoadSettings& s = state->settings;
        QCOMPARE(s.url, std::string("http://127.0.0.1:8080"));
        QCOMPARE(s.model, server::LoadModel::Open);
        QCOMPARE(s.connections, 7);
        QCOMPARE(s.rate, 123.0);
        QCOMPARE(s.durationSeconds, 10.0);
        QCOMPARE(s.requestCount, 0u);
        QCOMPARE(s.warmupSeconds, 3.0);
        QCOMPARE(s.timeoutSeconds, 2.5);
        QCOMPARE(s.keyHeader, std::string("X-API-Key"));
        QVERIFY(s.verifyTls);
        QCOMPARE(s.mix.size(), std::size_t(3));
        QCOMPARE(s.mix[1].path, std::string("/items/{id}"));
        QCOMPARE(s.mix[1].params.front().second, std::string("{{randomInt 1 100}}"));
        QCOMPARE(s.mix[2].method, std::string("POST"));
        QCOMPARE(s.mix[2].headers.front().first, std::string("Content-Type"));
        QCOMPARE(s.mix[2].body, std::string("{\"a\":1}"));
        QCOMPARE(s.mix[2].weight, 5.0);
        QCOMPARE(state->mixEnabled, (std::vector<bool> { false, true, true }));
        QCOMPARE(state->keys.size(), 2);
        QCOMPARE(state->keys.value(QStringLiteral("key_free")), (LoadKeyPoolModel::Choice { false, 4 }));
        QCOMPARE(state->keys.value(QString()), (LoadKeyPoolModel::Choice { true, 0.5 }));
        QVERIFY(state->followsServer);
        QCOMPARE(state->workspace, QStringLiteral("/home/user/api"));
    }

    void roundTrip()
    {
        const LoadPageState written = sample();
        const std::optional<LoadPageState> read = LoadPageState::fromJson(written.toJson());
        QVERIFY(read);
        QVERIFY(read->settings == written.settings);
        QCOMPARE(read->mixEnabled, written.mixEnabled);
        QCOMPARE(read->keys, written.keys);
        QCOMPARE(read->followsServer, written.followsServer);
        QCOMPARE(read->workspace, written.workspace);
        // And the state read from earlier text writes and reads the same.
        const std::optional<LoadPageState> before
            = LoadPageState::fromJson(QString::fromUtf8(kStoredBefore));
        const std::optional<LoadPageState> again = LoadPageState::fromJson(before->toJson());
        QVERIFY(again);
        QVERIFY(again->settings == before->settings);
        QCOMPARE(again->mixEnabled, before->mixEnabled);
        QCOMPARE(again->keys, before->keys);
    }

    // What earlier versions read: "settings" an object the engine's
    // LoadSettings reader takes, "mixEnabled" booleans, "keys" objects with
    // a string id, a boolean and a number, "followsServer" a boolean.
    void writesWhatEarlierVersionsRead()
    {
        const LoadPageState written = sample();
        const QJsonDocument document = QJsonDocument::fromJson(written.toJson().toUtf8());
        QVERIFY(document.isObject());
        const QJsonObject root = document.object();
        QVERIFY(root.value(QStringLiteral("settings")).isObject());
        const QByteArray settingsText
            = QJsonDocument(root.value(QStringLiteral("settings")).toObject()).toJson();
        server::LoadSettings s;
        std::string error;
        QVERIFY2(server::loadSettingsFromJsonText(settingsText.toStdString(), &s, &error),
            error.c_str());
        QVERIFY(s == written.settings);

        const QJsonArray enabled = root.value(QStringLiteral("mixEnabled")).toArray();
        QCOMPARE(enabled.size(), 2);
        QCOMPARE(enabled.at(0), QJsonValue(true));
        QCOMPARE(enabled.at(1), QJsonValue(false));
        const QJsonArray keys = root.value(QStringLiteral("keys")).toArray();
        QCOMPARE(keys.size(), 2);
        for (const QJsonValue& key : keys) {
            const QJsonObject o = key.toObject();
            QVERIFY(o.value(QStringLiteral("id")).isString());
            QVERIFY(o.value(QStringLiteral("enabled")).isBool());
            QVERIFY(o.value(QStringLiteral("weight")).isDouble());
            const LoadKeyPoolModel::Choice choice
                = written.keys.value(o.value(QStringLiteral("id")).toString());
            QCOMPARE(o.value(QStringLiteral("enabled")).toBool(), choice.enabled);
            QCOMPARE(o.value(QStringLiteral("weight")).toDouble(), choice.weight);
        }
        QCOMPARE(root.value(QStringLiteral("followsServer")), QJsonValue(false));
        QCOMPARE(root.value(QStringLiteral("workspace")).toString(), written.workspace);
    }

    void unreadableTextReadsAsNone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("not JSON") << QStringLiteral("{settings");
        QTest::newRow("an array") << QStringLiteral("[]");
        QTest::newRow("no settings") << QStringLiteral(R"({"mixEnabled":[true]})");
        QTest::newRow("settings not an object") << QStringLiteral(R"({"settings":3})");
        QTest::newRow("settings the engine refuses")
            << QStringLiteral(R"({"settings":{"model":"sideways"}})");
        QTest::newRow("a negative count")
            << QStringLiteral(R"({"settings":{"requestCount":-1}})");
    }
    void unreadableTextReadsAsNone()
    {
        QFETCH(QString, text);
        QVERIFY(!LoadPageState::fromJson(text));
    }

    void missingOrMistypedPartsKeepDefaults()
    {
        const std::optional<LoadPageState> state = LoadPageState::fromJson(QStringLiteral(
            R"({"settings":{"mix":[{"path":"/a"},{"path":"/b"},{"path":"/c"}]},)"
            R"("mixEnabled":[false,"no"],"keys":[{"enabled":false},{"id":"k","weight":-2},)"
            R"({"id":"j","enabled":"yes","weight":"3"},7],"followsServer":"true"})"));
        QVERIFY(state);
        // A check that is not a boolean, or is missing, is a check.
        QCOMPARE(state->mixEnabled, (std::vector<bool> { false, true, true }));
        // Choices without an id are skipped; a negative weight is none.
        QCOMPARE(state->keys.size(), 2);
        QCOMPARE(state->keys.value(QStringLiteral("k")), (LoadKeyPoolModel::Choice { true, 0 }));
        QCOMPARE(state->keys.value(QStringLiteral("j")), (LoadKeyPoolModel::Choice { true, 1 }));
        QVERIFY(!state->followsServer);
        QVERIFY(state->workspace.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLoadPageState)
#include "tst_loadpagestate.moc"
