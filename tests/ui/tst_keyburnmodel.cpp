// Quota burn per key: the keys seen in a metrics window, their request rate,
// this month's usage against the tier's quota and, at the current rate, when
// the quota runs out (or that the month ends first). Refreshes are in place.

#include "ui/metrics/keyburnmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

// 2026-11-10 00:00:00 UTC: 20 days before the month ends.
constexpr std::int64_t kNow = 1'794'268'800;

server::KeySummary summary(const char* key, const char* tier, std::uint64_t count)
{
    server::KeySummary k;
    k.key = key;
    k.tier = tier;
    k.count = count;
    return k;
}

server::KeyUsage usage(const char* key, const char* month, std::uint64_t requests)
{
    server::KeyUsage u;
    u.keyId = key;
    u.month = month;
    u.requests = requests;
    return u;
}

server::ApiKey apiKey(const char* id, const char* tier, const char* label)
{
    server::ApiKey k;
    k.id = id;
    k.tier = tier;
    k.label = label;
    k.prefix = "tg_dev_abc";
    return k;
}

std::vector<server::Tier> tiers()
{
    server::Tier free;
    free.id = "free";
    free.name = "Free";
    free.monthlyQuota = 1000;
    server::Tier pro;
    pro.id = "pro";
    pro.name = "Pro";
    pro.monthlyQuota = 10'000'000;
    pro.overQuota = server::OverQuotaPolicy::Bill;
    server::Tier unlimited;
    unlimited.id = "unlimited";
    unlimited.name = "Unlimited";
    unlimited.monthlyQuota = 0;
    return { free, pro, unlimited };
}

} // namespace

class TestKeyBurnModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCOMPARE(server::usageMonth(kNow), std::string("2026-11")); }

    void burnAndOutlook()
    {
        KeyBurnModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<server::ApiKey> keys { apiKey("key_a", "free", "ci"),
            apiKey("key_b", "pro", ""), apiKey("key_c", "free", "batch"),
            apiKey("key_d", "unlimited", "internal") };
        // 300-second window. key_a: 150 requests (0.5/s) with 400 of 1000
        // used: 600 left = 1200 s. key_b: 3/s, 10 M quota, lasts the month.
        // key_c: used up. key_d: no quota. A request without a key is not a row.
        model.update({ summary("key_a", "free", 150), summary("key_b", "pro", 900),
                         summary("key_c", "free", 10), summary("key_d", "unlimited", 1),
                         summary("(none)", "(none)", 50) },
            300.0,
            { usage("key_a", "2026-11", 400), usage("key_a", "2026-10", 999),
                usage("key_b", "2026-11", 5000), usage("key_c", "2026-11", 1000) },
            tiers(), keys, kNow);
        QCOMPARE(model.rowCount(), 4);

        const int a = model.rowOfKey(QStringLiteral("key_a"));
        QCOMPARE(a, 0);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(a, KeyBurnModel::KeyColumn).toString(), QStringLiteral("ci"));
        QCOMPARE(cell(a, KeyBurnModel::TierColumn).toString(), QStringLiteral("Free"));
        QCOMPARE(cell(a, KeyBurnModel::RequestsColumn, KeyBurnModel::SortRole).toLongLong(), 150);
        QCOMPARE(cell(a, KeyBurnModel::BurnRateColumn, KeyBurnModel::SortRole).toDouble(), 0.5);
        QCOMPARE(cell(a, KeyBurnModel::MonthColumn, KeyBurnModel::UsedRole).toLongLong(), 400);
        QCOMPARE(cell(a, KeyBurnModel::MonthColumn, KeyBurnModel::QuotaRole).toLongLong(), 1000);
        QCOMPARE(cell(a, KeyBurnModel::MonthColumn).toString(), QStringLiteral("400 / 1,000"));
        QCOMPARE(model.rows()[std::size_t(a)].outlook, KeyBurnModel::Outlook::RunsOut);
        QCOMPARE(cell(a, KeyBurnModel::TimeLeftColumn, KeyBurnModel::SortRole).toDouble(), 1200.0);
        QCOMPARE(cell(a, KeyBurnModel::TimeLeftColumn).toString(), QStringLiteral("in 20 min"));

        const int b = model.rowOfKey(QStringLiteral("key_b"));
        // No label: the prefix stands for the key.
        QCOMPARE(cell(b, KeyBurnModel::KeyColumn).toString(), QStringLiteral("tg_dev_abc…"));
        QCOMPARE(cell(b, KeyBurnModel::BurnRateColumn, KeyBurnModel::SortRole).toDouble(), 3.0);
        // (10 M − 5000) / 3 per s ≈ 38.5 days, more than the 20 left.
        QCOMPARE(model.rows()[std::size_t(b)].outlook, KeyBurnModel::Outlook::LastsTheMonth);
        QCOMPARE(
            cell(b, KeyBurnModel::TimeLeftColumn).toString(), QStringLiteral("lasts the month"));

        const int c = model.rowOfKey(QStringLiteral("key_c"));
        QCOMPARE(model.rows()[std::size_t(c)].outlook, KeyBurnModel::Outlook::UsedUp);
        QCOMPARE(cell(c, KeyBurnModel::TimeLeftColumn, KeyBurnModel::SortRole).toDouble(), 0.0);
        QCOMPARE(cell(c, KeyBurnModel::TimeLeftColumn).toString(), QStringLiteral("used up"));

        const int d = model.rowOfKey(QStringLiteral("key_d"));
        QCOMPARE(model.rows()[std::size_t(d)].outlook, KeyBurnModel::Outlook::NoQuota);
        QCOMPARE(cell(d, KeyBurnModel::MonthColumn).toString(), QStringLiteral("0"));
        QVERIFY(
            std::isinf(cell(d, KeyBurnModel::TimeLeftColumn, KeyBurnModel::SortRole).toDouble()));
    }

    void tierIsTheKeysCurrentOne()
    {
        KeyBurnModel model;
        // The requests were made as free; the key has moved to pro since.
        model.update({ summary("key_a", "free", 60) }, 60.0, {}, tiers(),
            { apiKey("key_a", "pro", "moved") }, kNow);
        QCOMPARE(model.index(0, KeyBurnModel::TierColumn).data().toString(), QStringLiteral("Pro"));
        QCOMPARE(model.index(0, 0).data(KeyBurnModel::QuotaRole).toLongLong(), 10'000'000);
        // A key that is no longer in the workspace still shows, under its id.
        model.update({ summary("key_gone", "free", 60) }, 60.0, {}, tiers(), {}, kNow);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(
            model.index(0, KeyBurnModel::KeyColumn).data().toString(), QStringLiteral("key_gone"));
        QCOMPARE(
            model.index(0, KeyBurnModel::TierColumn).data().toString(), QStringLiteral("Free"));
    }

    void refreshInPlace()
    {
        KeyBurnModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto keys = std::vector<server::ApiKey> { apiKey("key_a", "free", "a"),
            apiKey("key_b", "free", "b") };
        model.update({ summary("key_a", "free", 1) }, 10.0, {}, tiers(), keys, kNow);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.update({ summary("key_a", "free", 2), summary("key_b", "free", 1) }, 10.0, {},
            tiers(), keys, kNow);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        model.update({ summary("key_a", "free", 2), summary("key_b", "free", 1) }, 10.0, {},
            tiers(), keys, kNow);
        QCOMPARE(changed.count(), 1);
        model.update({ summary("key_b", "free", 1) }, 10.0, {}, tiers(), keys, kNow);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowOfKey(QStringLiteral("key_b")), 0);
        // Idle in this window: nothing burns.
        model.update({ summary("key_b", "free", 0) }, 10.0, {}, tiers(), keys, kNow);
        QCOMPARE(model.rows().front().outlook, KeyBurnModel::Outlook::Idle);
    }
};

QTEST_MAIN(TestKeyBurnModel)
#include "tst_keyburnmodel.moc"
