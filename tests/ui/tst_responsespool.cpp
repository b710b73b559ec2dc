// The composer's response body: small bodies stay in memory, large ones go
// whole to a temporary file with only the preview in memory, and saving
// writes the whole body either way.

#include "testutil.h"

#include "ui/requests/responsespool.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

class TestResponseSpool : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void smallBodyStaysInMemory()
    {
        ResponseSpool spool;
        ComposerResponse resp;
        QVERIFY(spool.append(&resp, "hello ", 16));
        QVERIFY(spool.append(&resp, "world", 16));
        spool.finish(&resp);
        QCOMPARE(resp.preview, QByteArray("hello world"));
        QCOMPARE(resp.size, 11);
        QVERIFY(!resp.truncated);
        QVERIFY(resp.bodyFile.isEmpty());

        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("body.txt"));
        QVERIFY2(saveResponseBody(resp, path, &error), qPrintable(error));
        QCOMPARE(test::readAll(path), QByteArray("hello world"));
    }

    void largeBodyIsSpooledWhole()
    {
        ResponseSpool spool;
        ComposerResponse resp;
        QVERIFY(spool.append(&resp, "0123", 6));
        QVERIFY(spool.append(&resp, "4567", 6));
        QVERIFY(spool.append(&resp, "89", 6));
        spool.finish(&resp);
        QCOMPARE(resp.preview, QByteArray("012345"));
        QCOMPARE(resp.size, 10);
        QVERIFY(resp.truncated);
        QVERIFY(!resp.bodyFile.isEmpty());
        QCOMPARE(test::readAll(resp.bodyFile), QByteArray("0123456789"));

        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("body.bin"));
        QVERIFY2(saveResponseBody(resp, path, &error), qPrintable(error));
        QCOMPARE(test::readAll(path), QByteArray("0123456789"));

        // The next body drops the file of this one.
        const QString old = resp.bodyFile;
        spool.reset();
        QVERIFY(!QFile::exists(old));
        QVERIFY(!saveResponseBody(resp, path, &error));
        QVERIFY(!error.isEmpty());
    }

    void unwritableTargetIsAnError()
    {
        ComposerResponse resp;
        resp.preview = "x";
        resp.size = 1;
        QString error;
        QVERIFY(!saveResponseBody(resp, QStringLiteral("/nonexistent-dir/x/body"), &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent-dir/x/body")), qPrintable(error));
    }
};

QTEST_MAIN(TestResponseSpool)
#include "tst_responsespool.moc"
