#include "testutil.h"

#include "ui/requests/historymodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

// 2026-11-15 12:34:56 local time, so the displayed time does not depend on
// the time zone the test runs in.
const qint64 kTime = QDateTime(QDate(2026, 11, 15), QTime(12, 34, 56)).toMSecsSinceEpoch();

server::HistoryEntry entry(
    const char* method, const char* url, int status, std::int64_t offsetMs, const char* error = "")
{
    server::HistoryEntry e;
    e.timeMs = kTime + offsetMs;
    e.request.method = method;
    e.request.url = url;
    e.status = status;
    e.totalMs = 123;
    e.bytes = 1229;
    e.error = error;
    return e;
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestHistoryModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void showsNewestFirst()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setEntries({ entry("GET", "{{baseUrl}}/v1/users", 200, 0),
            entry("POST", "{{baseUrl}}/v1/users", 201, 1000),
            entry("DELETE", "{{baseUrl}}/v1/users/7", 404, 2000) });
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
        QCOMPARE(cell(model, 0, HistoryModel::MethodColumn), QStringLiteral("DELETE"));
        QCOMPARE(cell(model, 2, HistoryModel::MethodColumn), QStringLiteral("GET"));
        QCOMPARE(model.entry(0).request.method, std::string("DELETE"));
        QCOMPARE(model.entry(2).request.method, std::string("GET"));
        QCOMPARE(cell(model, 0, HistoryModel::UrlColumn), QStringLiteral("{{baseUrl}}/v1/users/7"));
        QCOMPARE(cell(model, 0, HistoryModel::StatusColumn), QStringLiteral("404"));
    }

    void formatsColumns()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        server::HistoryEntry big = entry("GET", "/big", 200, 0);
        big.totalMs = 1234;
        big.bytes = 5 * 1024 * 1024;
        model.setEntries({ entry("GET", "/small", 200, 0), big });

        // Row 1 is the older, small one.
        const QString time = cell(model, 1, HistoryModel::TimeColumn);
        QVERIFY2(time.contains(QStringLiteral("12:34")), qPrintable(time));
        QVERIFY2(!time.contains(QStringLiteral("2026")), qPrintable(time)); // short: "26"
        const QString fullTime = cell(model, 1, HistoryModel::TimeColumn, Qt::ToolTipRole);
        QVERIFY2(fullTime.contains(QStringLiteral("2026")), qPrintable(fullTime));
        QVERIFY2(fullTime.contains(QStringLiteral("November")), qPrintable(fullTime));
        QCOMPARE(cell(model, 1, HistoryModel::DurationColumn), QStringLiteral("123 ms"));
        QCOMPARE(cell(model, 1, HistoryModel::SizeColumn), QStringLiteral("1.2 kB"));
        QCOMPARE(cell(model, 0, HistoryModel::DurationColumn), QStringLiteral("1,234 ms"));
        QCOMPARE(cell(model, 0, HistoryModel::SizeColumn), QStringLiteral("5.0 MB"));
        QVERIFY(!model.headerData(HistoryModel::UrlColumn, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsEditable));
    }

    void showsErrorsInsteadOfStatus()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({ entry("GET", "http://localhost:1/", 0, 0, "Connection refused"),
            entry("GET", "http://localhost:2/", 0, 1) });
        QCOMPARE(cell(model, 1, HistoryModel::StatusColumn), QStringLiteral("Connection refused"));
        QCOMPARE(cell(model, 1, HistoryModel::StatusColumn, Qt::ToolTipRole),
            QStringLiteral("Connection refused"));
        // No status and no reason recorded: still not an empty cell.
        QVERIFY(!cell(model, 0, HistoryModel::StatusColumn).isEmpty());
        // Nothing arrived, so there is no size to show.
        QCOMPARE(cell(model, 1, HistoryModel::SizeColumn), QString());
    }

    void addsOnTop()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({ entry("GET", "/a", 200, 0) });
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.add(entry("PUT", "/b", 204, 10));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, HistoryModel::UrlColumn), QStringLiteral("/b"));
        QCOMPARE(cell(model, 1, HistoryModel::UrlColumn), QStringLiteral("/a"));
        QCOMPARE(model.entry(0).status, 204);

        model.clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        model.add(entry("GET", "/c", 200, 20));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.entry(0).request.url, std::string("/c"));
    }

    void searchesThroughAProxy()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({ entry("GET", "{{baseUrl}}/v1/users", 200, 0),
            entry("POST", "{{baseUrl}}/v1/orders", 429, 1),
            entry("GET", "http://localhost:9/v1/orders", 0, 2, "Connection refused") });

        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setFilterRole(HistoryModel::SearchRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);

        const auto urls = [&] {
            QStringList out;
            for (int row = 0; row < proxy.rowCount(); ++row)
                out << proxy.index(row, HistoryModel::UrlColumn).data().toString();
            return out;
        };

        proxy.setFilterFixedString(QStringLiteral("orders"));
        QCOMPARE(urls(),
            (QStringList { QStringLiteral("http://localhost:9/v1/orders"),
                QStringLiteral("{{baseUrl}}/v1/orders") }));
        proxy.setFilterFixedString(QStringLiteral("post"));
        QCOMPARE(urls(), QStringList { QStringLiteral("{{baseUrl}}/v1/orders") });
        proxy.setFilterFixedString(QStringLiteral("429"));
        QCOMPARE(urls(), QStringList { QStringLiteral("{{baseUrl}}/v1/orders") });
        proxy.setFilterFixedString(QStringLiteral("refused"));
        QCOMPARE(urls(), QStringList { QStringLiteral("http://localhost:9/v1/orders") });
        proxy.setFilterFixedString(QStringLiteral("get {{baseUrl}}"));
        QCOMPARE(urls(), QStringList { QStringLiteral("{{baseUrl}}/v1/users") });

        // A new entry that matches shows up through the proxy, on top.
        proxy.setFilterFixedString(QStringLiteral("users"));
        model.add(entry("PATCH", "{{baseUrl}}/v1/users/1", 200, 3));
        QCOMPARE(urls(),
            (QStringList { QStringLiteral("{{baseUrl}}/v1/users/1"),
                QStringLiteral("{{baseUrl}}/v1/users") }));
    }
};

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
