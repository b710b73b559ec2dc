// HTTP/1.1 request conformance and smuggling (RFC 9110, RFC 9112): every
// case of tests/data/conformance/cases.json against the engine on loopback,
// raw bytes on a fresh connection; each asserts the statuses, the bodies
// where given, and whether the connection is closed after them. Every
// MUST-level rejection closes the connection.
//
// Peer mode (bench/conformance.sh): with TOLLGATE_CONFORMANCE_PEER=PORT and
// TOLLGATE_CONFORMANCE_REPORT=FILE set, the cases run against that server on
// 127.0.0.1 and against Tollgate, and FILE gets both observations as JSON.

#include "conformance.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QTest>

#include <cstdio>

using namespace testsupport;
using namespace Qt::StringLiterals;

namespace {

QString casesPath()
{
    return QStringLiteral(TOLLGATE_TEST_DATA "/conformance/cases.json");
}

/// The server the cases expect: GET / and GET /ok, and POST /echo, which
/// answers its body in brackets and takes at most 1 KiB.
Workspace conformanceWorkspace()
{
    Workspace ws;
    ws.routes.push_back(makeRoute("GET", "/", { makeResponse(200, "root", "text/plain") }));
    ws.routes.push_back(makeRoute("GET", "/ok", { makeResponse(200, "ok", "text/plain") }));
    Route echo
        = makeRoute("POST", "/echo", { makeResponse(200, "[{{{request.body}}}]", "text/plain") });
    echo.bodyLimit = 1024;
    ws.routes.push_back(echo);
    return ws;
}

QJsonObject toJson(const conformance::Observation& o)
{
    QJsonArray statuses;
    for (int s : o.statuses)
        statuses.append(s);
    QJsonObject j { { QStringLiteral("statuses"), statuses },
        { QStringLiteral("closed"), o.closed } };
    if (!o.detail.isEmpty())
        j.insert(QStringLiteral("detail"), QString::fromLatin1(o.detail));
    return j;
}

/// Peer mode: both servers, every case, one report.
int comparePeer(quint16 peerPort, const QString& reportPath)
{
    QString error;
    const auto cases = conformance::loadCases(casesPath(), &error);
    if (cases.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    TestServer server(conformanceWorkspace());
    if (!server.ok()) {
        std::fprintf(stderr, "%s\n", server.problems().constData());
        return 2;
    }
    QJsonArray rows;
    for (const auto& c : cases) {
        const auto mine = conformance::observe(server.port(), c);
        const auto theirs = conformance::observe(peerPort, c);
        QJsonArray expect;
        for (int s : c.expect)
            expect.append(s);
        rows.append(QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("ref"), c.ref },
            { QStringLiteral("level"), c.level }, { QStringLiteral("note"), c.note },
            { QStringLiteral("expect"), expect }, { QStringLiteral("close"), c.close },
            { QStringLiteral("tollgate"), toJson(mine) },
            { QStringLiteral("tollgateMatches"), conformance::mismatch(c, mine).isEmpty() },
            { QStringLiteral("peer"), toJson(theirs) } });
    }
    QSaveFile out(reportPath);
    if (!out.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(reportPath), qPrintable(out.errorString()));
        return 2;
    }
    out.write(QJsonDocument(rows).toJson());
    return out.commit() ? 0 : 2;
}

} // namespace

class TestConformance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        m_cases = conformance::loadCases(casesPath(), &error);
        QVERIFY2(!m_cases.isEmpty(), qPrintable(error));
        // The issue asks for at least 150 request cases.
        QVERIFY2(m_cases.size() >= 150, qPrintable(QString::number(m_cases.size())));
        QSet<QString> ids;
        for (const auto& c : m_cases) {
            QVERIFY2(!ids.contains(c.id), qPrintable(u"duplicate case id "_s + c.id));
            ids.insert(c.id);
            // A MUST-level rejection closes the connection.
            if (c.level == u"MUST" && !c.expect.isEmpty() && c.expect.last() >= 400)
                QVERIFY2(c.close, qPrintable(c.id));
        }
        m_server = std::make_unique<TestServer>(conformanceWorkspace());
        QVERIFY2(m_server->ok(), m_server->problems().constData());
    }

    void cases_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_cases.size(); ++i)
            QTest::newRow(qPrintable(m_cases[i].id)) << i;
    }

    void cases()
    {
        QFETCH(int, index);
        const auto& c = m_cases[index];
        const auto o = conformance::observe(m_server->port(), c);
        const QByteArray why = conformance::mismatch(c, o);
        QVERIFY2(why.isEmpty(), QByteArray(c.ref.toUtf8() + ": " + why).constData());
    }

    /// The suite can tell a wrong server from a right one: the same cases
    /// with their expectations turned around all fail.
    void expectationsAreChecked()
    {
        int caught = 0;
        for (auto c : m_cases) {
            c.close = !c.close;
            const auto o = conformance::observe(m_server->port(), c);
            if (!conformance::mismatch(c, o).isEmpty())
                ++caught;
        }
        QCOMPARE(caught, m_cases.size());
    }

private:
    QList<conformance::Case> m_cases;
    std::unique_ptr<TestServer> m_server;
};

int main(int argc, char** argv)
{
    const QByteArray peer = qgetenv("TOLLGATE_CONFORMANCE_PEER");
    const QString report = qEnvironmentVariable("TOLLGATE_CONFORMANCE_REPORT");
    if (!peer.isEmpty() && !report.isEmpty())
        return comparePeer(static_cast<quint16>(peer.toUShort()), report);
    QCoreApplication app(argc, argv);
    TestConformance test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_conformance.moc"
