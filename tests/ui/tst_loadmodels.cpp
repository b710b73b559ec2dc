// The Load page's item models on their own: the route mix (prefill from
// routes, shares, checks, weights, stale entries), the key pool (active keys
// with known secrets, choices kept across refreshes, the no-key row), the
// per-tier/per-route tables, the run list and the comparison of two runs.
// Each one under QAbstractItemModelTester.

#include "testutil.h"

#include "server/access/apikey.h"
#include "server/load/loadreport.h"
#include "server/load/loadrunstore.h"
#include "ui/common/convert.h"
#include "ui/load/loadcomparisonmodel.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/load/loadslicemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Route route(const char* method, const char* path)
{
    server::Route r;
    r.method = method;
    r.path = path;
    return r;
}

server::ApiKey key(const char* id, const char* label, const char* tier)
{
    server::ApiKey k;
    k.id = id;
    k.label = label;
    k.tier = tier;
    k.prefix = std::string("tg_dev_") + id;
    k.created = 1000;
    return k;
}

server::LoadCounts counts(std::uint64_t ok, std::uint64_t limited, std::uint64_t failed,
    std::uint64_t timeouts, std::uint64_t latencyUs)
{
    server::LoadCounts c;
    c.requests = ok + limited + failed;
    if (ok > 0)
        c.statuses[200] = ok;
    if (limited > 0)
        c.statuses[429] = limited;
    if (failed > 0)
        c.statuses[503] = failed;
    c.errors[std::size_t(server::LoadErrorKind::Timeout)] = timeouts;
    if (c.requests > 0)
        c.latency.record(latencyUs, c.requests);
    return c;
}

server::LoadReport report(
    const char* started, std::uint64_t ok, std::uint64_t latencyUs, int connections)
{
    server::LoadReport r;
    r.startedAt = started;
    r.settings.url = "http://127.0.0.1:8080";
    r.settings.connections = connections;
    r.measuredSeconds = 10;
    r.total = counts(ok, 10, 5, 2, latencyUs);
    r.tiers = { { "pro", counts(ok / 2, 10, 0, 0, latencyUs) },
        { "(no key)", counts(ok / 2, 0, 5, 2, latencyUs) } };
    r.routes = { { "GET /a", r.total } };
    return r;
}

} // namespace

class TestLoadModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void mixFromRoutes()
    {
        server::Route users = route("GET", "/v1/users/{id}");
        server::Route generate = route("POST", "/generate");
        server::Rule rule;
        rule.source = server::RuleSource::Body;
        rule.key = "/prompt";
        rule.op = server::RuleOperator::Exists;
        generate.rules = { rule };
        server::Route plainPost = route("PUT", "/things/{a}/{b}");
        server::Route off = route("DELETE", "/all");
        off.enabled = false;

        const server::LoadTarget u = LoadMixModel::targetForRoute(users);
        QCOMPARE(u.method, std::string("GET"));
        QCOMPARE(u.path, std::string("/v1/users/{id}"));
        QCOMPARE(u.params.size(), 1u);
        QCOMPARE(u.params[0].first, std::string("id"));
        QCOMPARE(toQt(u.params[0].second), LoadMixModel::defaultParamTemplate());
        QVERIFY(u.body.empty());
        QCOMPARE(u.weight, 1.0);

        // The body the route's first rule expects, with its content type.
        const server::LoadTarget g = LoadMixModel::targetForRoute(generate);
        QCOMPARE(g.body, std::string("{\"prompt\":\"example\"}"));
        QCOMPARE(g.headers.size(), 1u);
        QCOMPARE(g.headers[0].first, std::string("Content-Type"));

        // No rule: no body (and no content type for it).
        const server::LoadTarget p = LoadMixModel::targetForRoute(plainPost);
        QVERIFY(p.body.empty());
        QVERIFY(p.headers.empty());
        QCOMPARE(p.params.size(), 2u);

        QCOMPARE(LoadMixModel::pathParams("/a/{x}/{{uuid}}/{y}/{x}"),
            (std::vector<std::string> { "x", "y" }));

        LoadMixModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &LoadMixModel::mixChanged);
        model.setRows(LoadMixModel::rowsForRoutes({ users, generate, plainPost, off }));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!model.row(3).enabled);
        QCOMPARE(model.index(3, LoadMixModel::RouteColumn).data(Qt::CheckStateRole).toInt(),
            int(Qt::Unchecked));
        QCOMPARE(model.index(0, LoadMixModel::RouteColumn).data().toString(),
            QStringLiteral("GET /v1/users/{id}"));
        QCOMPARE(model.enabledTargets().size(), 3u);
        QCOMPARE(model.share(0), 1.0 / 3.0);
        QCOMPARE(model.share(3), 0.0);
        QCOMPARE(model.index(3, LoadMixModel::ShareColumn).data().toString(), QStringLiteral("–"));

        // Weights and checks through setData, as the view edits them.
        QVERIFY(model.setData(model.index(0, LoadMixModel::WeightColumn), 2.0, Qt::EditRole));
        QCOMPARE(model.share(0), 0.5);
        QVERIFY(!model.setData(model.index(0, LoadMixModel::WeightColumn), -1.0, Qt::EditRole));
        QVERIFY(model.setData(
            model.index(1, LoadMixModel::RouteColumn), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(model.enabledTargets().size(), 2u);
        QCOMPARE(model.share(0), 2.0 / 3.0);
        QVERIFY(model.flags(model.index(0, LoadMixModel::WeightColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, LoadMixModel::TemplateColumn)) & Qt::ItemIsEditable));
        // Weight 0 stays in the table but is not sent.
        QVERIFY(model.setData(model.index(2, LoadMixModel::WeightColumn), 0.0, Qt::EditRole));
        QCOMPARE(model.enabledTargets().size(), 1u);

        // Entries no route has any more are marked.
        model.setRoutes({ users, generate, plainPost });
        QVERIFY(!model.index(0, 0).data(LoadMixModel::StaleRole).toBool());
        QVERIFY(model.index(3, 0).data(LoadMixModel::StaleRole).toBool());
        // Only routes the mix lacks are added.
        QCOMPARE(model.addMissingRoutes({ users, route("GET", "/new") }), 1);
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.row(4).enabled);
        model.removeRow(4);
        QCOMPARE(model.rowCount(), 4);
        server::LoadTarget edited = model.row(0).target;
        edited.params[0].second = "7";
        model.setTarget(0, edited);
        QCOMPARE(model.index(0, LoadMixModel::TemplateColumn).data().toString(),
            QStringLiteral("id = 7"));
    }

    void keyPool()
    {
        LoadKeyPoolModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Before anything: the no-key row.
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.anonymousRow(), 0);

        const std::vector<server::Tier> tiers = server::defaultTiers();
        server::ApiKey revoked = key("k4", "gone", "pro");
        revoked.revoked = 1500;
        const std::vector<server::ApiKey> keys { key("k1", "zeta", "pro"),
            key("k2", "alpha", "free"), key("k3", "unknown", "enterprise"), revoked,
            key("k5", "", "pro") };
        QSet<QString> known { QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k4"),
            QStringLiteral("k5") };
        const auto knows = [&known](const QString& id) { return known.contains(id); };
        model.refresh(keys, tiers, knows, 2000);
        // Active keys with a secret, by tier order then label; the revoked
        // one and the one without a secret are left out.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rows()[0].keyId, QStringLiteral("k2"));
        QCOMPARE(model.rows()[1].keyId, QStringLiteral("k5"));
        QCOMPARE(model.rows()[2].keyId, QStringLiteral("k1"));
        QVERIFY(model.rows()[3].anonymous);
        QCOMPARE(
            model.index(0, LoadKeyPoolModel::TierColumn).data().toString(), QStringLiteral("Free"));
        // A key without a label shows its prefix.
        QCOMPARE(model.index(1, LoadKeyPoolModel::KeyColumn).data().toString(),
            QStringLiteral("tg_dev_k5…"));
        QCOMPARE(model.index(3, LoadKeyPoolModel::KeyColumn).data().toString(),
            QStringLiteral("No key"));
        QCOMPARE(
            model.tiersInPool(), (QStringList { QStringLiteral("free"), QStringLiteral("pro") }));

        // Choices survive a refresh that drops and brings back a key.
        QVERIFY(model.setData(model.index(2, LoadKeyPoolModel::WeightColumn), 3.0, Qt::EditRole));
        QVERIFY(model.setData(
            model.index(0, LoadKeyPoolModel::KeyColumn), Qt::Unchecked, Qt::CheckStateRole));
        known.remove(QStringLiteral("k1"));
        model.refresh(keys, tiers, knows, 2000);
        QCOMPARE(model.rowOfKey(QStringLiteral("k1")), -1);
        known.insert(QStringLiteral("k1"));
        model.refresh(keys, tiers, knows, 2000);
        const int k1 = model.rowOfKey(QStringLiteral("k1"));
        QVERIFY(k1 >= 0);
        QCOMPARE(model.rows()[std::size_t(k1)].weight, 3.0);
        QVERIFY(!model.rows()[std::size_t(model.rowOfKey(QStringLiteral("k2")))].enabled);

        // Shares: k5 1, k1 3, no key 1 → 1/5, 3/5, 1/5.
        QCOMPARE(model.share(k1), 0.6);
        QCOMPARE(model.share(model.anonymousRow()), 0.2);

        // The run's pool: secrets looked up, the no-key row as a key without one.
        const auto secretOf
            = [](const QString& id) -> QString { return QStringLiteral("secret-") + id; };
        std::vector<server::LoadKey> pool = model.poolKeys(secretOf);
        QCOMPARE(pool.size(), 3u);
        QCOMPARE(pool[0].id, std::string("k5"));
        QCOMPARE(pool[0].secret, std::string("secret-k5"));
        QCOMPARE(pool[0].tier, std::string("pro"));
        QCOMPARE(pool[1].weight, 3.0);
        QVERIFY(pool[2].id.empty() && pool[2].secret.empty());
        QCOMPARE(toQt(pool[2].tier), LoadKeyPoolModel::noKeyTier());
        // Only the no-key row: no keys at all.
        for (const QString& id : { QStringLiteral("k1"), QStringLiteral("k5") })
            QVERIFY(model.setData(model.index(model.rowOfKey(id), LoadKeyPoolModel::KeyColumn),
                Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(model.poolKeys(secretOf).empty());

        // Choices as saved and restored.
        const QHash<QString, LoadKeyPoolModel::Choice> saved = model.choices();
        QCOMPARE(saved.value(QStringLiteral("k1")).weight, 3.0);
        LoadKeyPoolModel other;
        other.refresh(keys, tiers, knows, 2000);
        other.setChoices(saved);
        QCOMPARE(other.choices(), saved);
    }

    void slices()
    {
        LoadSliceModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const server::LoadReport r = report("2026-11-27T10:00:00Z", 1000, 2000, 8);
        model.setDisplayNames({ { QStringLiteral("pro"), QStringLiteral("Pro") } });
        model.setSlices(r.tiers, r.measuredSeconds);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(
            model.index(0, LoadSliceModel::NameColumn).data().toString(), QStringLiteral("Pro"));
        QCOMPARE(model.index(1, LoadSliceModel::NameColumn).data().toString(),
            QStringLiteral("(no key)"));
        QCOMPARE(model.value(0, LoadSliceModel::RequestsColumn), 510.0);
        QCOMPARE(model.value(0, LoadSliceModel::ThroughputColumn), 51.0);
        QCOMPARE(model.value(0, LoadSliceModel::RateLimitedColumn), 10.0);
        QCOMPARE(model.value(0, LoadSliceModel::Client4xxColumn), 10.0);
        QCOMPARE(model.value(1, LoadSliceModel::Server5xxColumn), 5.0);
        QCOMPARE(model.value(1, LoadSliceModel::ErrorsColumn), 2.0);
        // Share of all requests, failed ones included: 510 of 510 + 507.
        QVERIFY(std::abs(model.value(0, LoadSliceModel::ShareColumn) - 100.0 * 510 / 1017) < 1e-9);
        QVERIFY(std::abs(model.value(0, LoadSliceModel::P50Column) - 2.0) < 0.02);
        QCOMPARE(
            model.index(0, LoadSliceModel::P50Column).data(LoadSliceModel::SortRole).toDouble(),
            model.value(0, LoadSliceModel::P50Column));
        QCOMPARE(model.rowOfName(QStringLiteral("pro")), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void runList()
    {
        LoadRunListModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        server::LoadRunInfo a;
        a.id = "20261127-100000";
        a.startedAt = "2026-11-27T10:00:00Z";
        a.url = "http://127.0.0.1:8080";
        a.model = server::LoadModel::Open;
        a.rate = 300;
        a.requests = 9000;
        a.throughput = 300;
        a.p50 = 450;
        a.p99 = 120'000;
        a.stopped = true;
        server::LoadRunInfo b = a;
        b.id = "20261126-090000";
        b.startedAt = "2026-11-26T09:00:00Z";
        b.model = server::LoadModel::Closed;
        b.connections = 16;
        b.stopped = false;
        model.setRuns({ a, b });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.idAt(1), QStringLiteral("20261126-090000"));
        QCOMPARE(model.rowOfId(QStringLiteral("20261127-100000")), 0);
        QVERIFY(model.index(0, LoadRunListModel::StartedColumn)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("(stopped)")));
        QCOMPARE(model.index(0, LoadRunListModel::PlanColumn).data().toString(),
            QStringLiteral("open · 300 req/s"));
        QCOMPARE(model.index(0, LoadRunListModel::P99Column).data().toString(),
            QStringLiteral("120 ms"));
        QCOMPARE(model.index(0, LoadRunListModel::P50Column).data().toString(),
            QStringLiteral("0.45 ms"));
        QCOMPARE(model.index(1, LoadRunListModel::RequestsColumn)
                     .data(LoadRunListModel::SortRole)
                     .toDouble(),
            9000.0);
        QCOMPARE(model.index(1, 0).data(LoadRunListModel::IdRole).toString(),
            QStringLiteral("20261126-090000"));
    }

    void comparison()
    {
        LoadComparisonModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.isEmpty());
        server::LoadReport a = report("2026-11-27T10:00:00Z", 1000, 2000, 8);
        server::LoadReport b = report("2026-11-27T11:00:00Z", 1500, 1000, 16);
        b.measuredSeconds = 10;
        model.compare(a, b, { { QStringLiteral("pro"), QStringLiteral("Pro") } });
        QVERIFY(!model.isEmpty());

        // Section titles, then the settings that differ (connections).
        QVERIFY(model.index(0, 0).data(LoadComparisonModel::SectionRole).toBool());
        QVERIFY(model.rowOfLabel(QStringLiteral("Load")) > 0);
        QCOMPARE(model.rowOfLabel(QStringLiteral("Target")), -1);

        const int requests = model.rowOfLabel(QStringLiteral("Requests"));
        QCOMPARE(model.index(requests, LoadComparisonModel::AColumn).data().toString(),
            QLocale().toString(1015));
        QCOMPARE(model.index(requests, LoadComparisonModel::BColumn).data().toString(),
            QLocale().toString(1515));
        const int throughput = model.rowOfLabel(QStringLiteral("Throughput"));
        QVERIFY(std::abs(model.index(throughput, LoadComparisonModel::ChangeColumn)
                             .data(LoadComparisonModel::ChangeRole)
                             .toDouble()
                    - 100.0 * 500 / 1015)
            < 1e-6);
        // Faster is better: latency halved is green, more throughput is
        // green too; more 5xx would be red.
        const int p50 = model.rowOfLabel(QStringLiteral("p50"));
        const double change = model.index(p50, LoadComparisonModel::ChangeColumn)
                                  .data(LoadComparisonModel::ChangeRole)
                                  .toDouble();
        QVERIFY(std::abs(change + 50.0) < 1.0);
        const QColor better = model.index(p50, LoadComparisonModel::ChangeColumn)
                                  .data(Qt::ForegroundRole)
                                  .value<QColor>();
        const QColor alsoBetter = model.index(throughput, LoadComparisonModel::ChangeColumn)
                                      .data(Qt::ForegroundRole)
                                      .value<QColor>();
        QVERIFY(better.isValid());
        QCOMPARE(better, alsoBetter);
        // Per tier, named as the workspace names them.
        QVERIFY(model.rowOfLabel(QStringLiteral("Pro: p99")) >= 0);
        QVERIFY(model.rowOfLabel(QStringLiteral("(no key): throughput")) >= 0);
        QVERIFY(model.rowOfLabel(QStringLiteral("GET /a: p99")) >= 0);

        QCOMPARE(LoadComparisonModel::changeText(12.345), QStringLiteral("+12.3 %"));
        QCOMPARE(LoadComparisonModel::changeText(-3), QStringLiteral("−3.0 %"));
        QCOMPARE(LoadComparisonModel::changeText(0.01), QStringLiteral("±0 %"));
        QVERIFY(std::isnan(LoadComparisonModel::change(0, 5)));
        QCOMPARE(LoadComparisonModel::changeText(LoadComparisonModel::change(0, 5)),
            QStringLiteral("–"));

        // The same settings say so.
        model.compare(a, a);
        QVERIFY(model.rowOfLabel(QStringLiteral("(none: same settings)")) > 0);
        model.clear();
        QVERIFY(model.isEmpty());
    }
};

QTEST_MAIN(TestLoadModels)
#include "tst_loadmodels.moc"
