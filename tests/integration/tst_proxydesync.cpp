// Request smuggling with Tollgate as a proxy (RFC 9112 11.2): tricky
// requests go to Tollgate, whose fallback upstream is uvicorn with the h11
// parser (tests/integration/upstreams/journal_app.py), which answers every
// request it frames with its journal entry. For each case the requests the
// upstream framed must be exactly the ones Tollgate forwarded, in order:
// every upstream answer the client got matches one new journal entry and no
// entry is left over (a request the upstream saw that Tollgate did not).
// Then what the upstream saw is checked: the body as Tollgate read it, the
// unfolded field, no hop-by-hop or Upgrade fields.

#include "conformance.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace testsupport;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kHost = "Host: localhost\r\n";

QByteArray chunked(const QByteArray& body, int piece)
{
    QByteArray out;
    for (qsizetype i = 0; i < body.size(); i += piece) {
        const QByteArray part = body.mid(i, piece);
        out += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

/// One entry's field, names lower-cased by the upstream.
QStringList fieldValues(const QJsonObject& entry, const QString& name)
{
    QStringList values;
    for (const auto& h : entry.value(u"headers"_s).toArray()) {
        const QJsonArray pair = h.toArray();
        if (pair.at(0).toString() == name)
            values.append(pair.at(1).toString());
    }
    return values;
}

} // namespace

class TestProxyDesync : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_upstream.setProgram(u"/usr/bin/python3"_s);
        m_upstream.setArguments(
            { QStringLiteral(TOLLGATE_SOURCE_DIR "/tests/integration/upstreams/journal_app.py") });
        m_upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_upstream.start();
        QVERIFY2(m_upstream.waitForStarted(), "python3 did not start");
        QVERIFY2(m_upstream.waitForReadyRead(30000), "the upstream printed no port");
        m_upstreamPort = static_cast<quint16>(m_upstream.readLine().trimmed().toUShort());
        QVERIFY(m_upstreamPort > 0);
        QTRY_VERIFY_WITH_TIMEOUT(journal().has_value(), 15000);

        Workspace ws;
        // The probe conformance::observe sends is answered here, not upstream.
        ws.routes.push_back(makeRoute("GET", "/", { makeResponse(200, "root", "text/plain") }));
        ws.server.fallback.url = "http://127.0.0.1:" + std::to_string(m_upstreamPort);
        m_server = std::make_unique<Engine>();
        m_server->setUpstreamAccess(
            { "127.0.0.0/8" }, [](const std::string&) { return std::optional<std::string> {}; });
        const auto diagnostics = m_server->apply(ws);
        QVERIFY(diagnostics.empty());
        EngineOptions o;
        o.bind = "127.0.0.1";
        o.port = 0;
        o.threads = 1;
        std::string error;
        QVERIFY2(m_server->start(o, &error), error.c_str());
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_upstream.kill();
        m_upstream.waitForFinished();
    }

    void framedAlike_data()
    {
        QTest::addColumn<QByteArray>("send");
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<QStringList>(
            "bodies"); // what the upstream must see, per forwarded request
        const auto row
            = [](const char* name, const QByteArray& send, const QList<int>& statuses,
                  const QStringList& bodies) { QTest::newRow(name) << send << statuses << bodies; };

        const QByteArray smuggled = "GET /smuggled HTTP/1.1\r\n" + kHost + "\r\n";
        row("cl-te",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
            { 400 }, QStringList {});
        row("te-cl",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                  "5c\r\nGPOST /p HTTP/1.1\r\nContent-Length: 15\r\n\r\nx=1\r\n0\r\n\r\n",
            { 400 }, QStringList {});
        row("te-not-final",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Transfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            { 400 }, QStringList {});
        row("te-http10",
            "POST /p HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n0\r\n\r\n",
            { 400 }, QStringList {});
        row("chunk-ext-bare-lf",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Transfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n" + smuggled,
            { 400 }, QStringList {});
        row("two-content-lengths",
            "POST /p HTTP/1.1\r\n" + kHost + "Content-Length: 5\r\nContent-Length: 0\r\n\r\nhello",
            { 400 }, QStringList {});
        row("chunked-ext-trailer",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Transfer-Encoding: chunked\r\n\r\n5;ext=\"a;b\"\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
            { 200 }, QStringList { u"hello"_s });
        row("chunked-then-pipelined",
            "POST /p HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + smuggled,
            { 200, 200 }, QStringList { QString(), QString() });
        row("cl-then-pipelined",
            "POST /p HTTP/1.1\r\n" + kHost + "Content-Length: 5\r\n\r\nhello" + smuggled,
            { 200, 200 }, QStringList { u"hello"_s, QString() });
        row("cl-leading-zeros",
            "POST /p HTTP/1.1\r\n" + kHost + "Content-Length: 0005\r\n\r\nhello", { 200 },
            QStringList { u"hello"_s });
        row("get-with-body",
            "GET /g HTTP/1.1\r\n" + kHost + "Content-Length: 5\r\n\r\nhello" + smuggled,
            { 200, 200 }, QStringList { u"hello"_s, QString() });
        row("connection-lists-content-length",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Connection: Content-Length\r\nContent-Length: 5\r\n\r\nhello" + smuggled,
            { 200, 200 }, QStringList { u"hello"_s, QString() });
        row("connection-lists-transfer-encoding",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Connection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "5\r\nhello\r\n0\r\n\r\n",
            { 200 }, QStringList { u"hello"_s });
        row("expect-continue",
            "POST /p HTTP/1.1\r\n" + kHost
                + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
            { 100, 200 }, QStringList { u"hello"_s });
        row("obs-fold", "GET /f HTTP/1.1\r\n" + kHost + "X-A: 1\r\n 2\r\n\r\n", { 200 },
            QStringList { QString() });
        row("absolute-form", "GET http://localhost/abs?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
            { 200 }, QStringList { QString() });
        row("h2c-upgrade",
            "GET /u HTTP/1.1\r\n" + kHost
                + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                  "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
            { 200 }, QStringList { QString() });
        const QByteArray big(100 * 1024, 'b');
        row("streamed-chunked-upload",
            "POST /big HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n"
                + chunked(big, 7000),
            { 200 }, QStringList { QString::fromLatin1(big) });
    }

    void framedAlike()
    {
        QFETCH(QByteArray, send);
        QFETCH(QList<int>, statuses);
        QFETCH(QStringList, bodies);
        const auto before = journal();
        QVERIFY(before);

        conformance::Case c;
        c.send = send;
        c.expect = statuses;
        c.close = statuses.last() >= 400;
        const auto seen = conformance::observe(m_server->port(), c, 10000);
        const QByteArray why = conformance::mismatch(c, seen);
        QVERIFY2(why.isEmpty(), why.constData());

        const auto after = journal();
        QVERIFY(after);
        const QJsonArray fresh
            = QJsonArray::fromVariantList(after->toVariantList().mid(before->size()));
        // Every upstream answer the client got is one new journal entry, in
        // order, and the upstream framed nothing else.
        QList<QJsonObject> answered;
        for (int i = 0; i < seen.statuses.size(); ++i) {
            if (seen.statuses[i] == 200)
                answered.append(QJsonDocument::fromJson(seen.bodies[i]).object());
        }
        QCOMPARE(fresh.size(), answered.size());
        QCOMPARE(fresh.size(), bodies.size());
        for (int i = 0; i < fresh.size(); ++i) {
            const QJsonObject entry = fresh[i].toObject();
            QCOMPARE(answered[i], entry);
            QCOMPARE(entry.value(u"body"_s).toString(), bodies[i]);
            QVERIFY(entry.value(u"path"_s).toString() != u"/smuggled"_s || i > 0);
            // Nothing hop-by-hop reaches the upstream.
            for (const auto& name : { u"upgrade"_s, u"http2-settings"_s, u"expect"_s, u"x-t"_s })
                QVERIFY2(fieldValues(entry, name).isEmpty(), qPrintable(name));
            // Tollgate frames the forwarded body its own way: one length or
            // chunked, never both, never the client's.
            const QStringList lengths = fieldValues(entry, u"content-length"_s);
            const QStringList codings = fieldValues(entry, u"transfer-encoding"_s);
            QVERIFY(lengths.size() + codings.size() <= 1);
            if (!codings.isEmpty())
                QCOMPARE(codings.first(), u"chunked"_s);
            if (!lengths.isEmpty())
                QCOMPARE(lengths.first().toInt(), bodies[i].size());
        }
    }

    void unfoldsAndRewritesAbsoluteTargets()
    {
        const auto fetch = [&](const QByteArray& bytes) {
            rawhttp::RawClient client;
            client.connectTo(m_server->port());
            client.send(bytes);
            return QJsonDocument::fromJson(client.readResponse().body).object();
        };
        const QJsonObject folded = fetch("GET /f HTTP/1.1\r\n" + kHost + "X-A: 1\r\n 2\r\n\r\n");
        QCOMPARE(fieldValues(folded, u"x-a"_s), QStringList { u"1 2"_s });
        const QJsonObject absolute
            = fetch("GET http://localhost/abs?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
        QCOMPARE(absolute.value(u"path"_s).toString(), u"/abs"_s);
        QCOMPARE(absolute.value(u"query"_s).toString(), u"x=1"_s);
    }

private:
    std::optional<QJsonArray> journal()
    {
        rawhttp::RawClient client(3000);
        if (!client.connectTo(m_upstreamPort)
            || !client.send(QByteArrayView("GET /__journal HTTP/1.1\r\nHost: localhost\r\n\r\n")))
            return std::nullopt;
        const auto r = client.readResponse();
        if (!r.ok || r.status != 200)
            return std::nullopt;
        return QJsonDocument::fromJson(r.body).array();
    }

    QProcess m_upstream;
    quint16 m_upstreamPort = 0;
    std::unique_ptr<Engine> m_server;
};

QTEST_GUILESS_MAIN(TestProxyDesync)
#include "tst_proxydesync.moc"
