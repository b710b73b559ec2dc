#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keytablemodel.h"
#include "ui/widgets/usagebardelegate.h"
#include "ui/document/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

std::int64_t utc(const char* iso)
{
    std::int64_t t = 0;
    server::parseUtcTime(iso, &t);
    return t;
}

const std::int64_t kNow = utc("2026-11-15T12:00:00Z");

server::ApiKey key(const char* id, const char* label, const char* tier)
{
    server::ApiKey k;
    k.id = id;
    k.prefix = std::string("tg_dev_") + id;
    k.hash = std::string(64, '0');
    k.label = label;
    k.owner = "acme@example.com";
    k.tier = tier;
    k.created = kNow - 86'400;
    return k;
}

server::KeyUsage usage(const char* id, const char* month, std::uint64_t requests)
{
    server::KeyUsage u;
    u.keyId = id;
    u.month = month;
    u.requests = requests;
    u.billable = requests;
    return u;
}

} // namespace

class TestKeyTableModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<KeyTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::int64_t m_now = kNow;

    QModelIndex cell(int row, int column) const { return m_model->index(row, column); }
    const server::ApiKey& keyAt(int row) const { return m_doc->keys().at(std::size_t(row)); }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "keys";
        ws.dir = pathFromQt(m_dir->path());
        // defaultTiers: free (quota 1000), pro (10000), enterprise.
        server::ApiKey active = key("key_active", "Mobile app", "pro");
        active.scopes = { "read", "generate" };
        server::ApiKey expired = key("key_expired", "Old CI", "free");
        expired.expires = kNow - 60;
        server::ApiKey revoked = key("key_revoked", "Leaked", "free");
        revoked.revoked = kNow - 3600;
        revoked.owner = "globex@example.com";
        ws.keys = { active, expired, revoked };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        m_doc = std::make_unique<WorkspaceDocument>();
        m_doc->setAutosaveDelay(60'000);
        QString openError;
        QVERIFY2(m_doc->open(m_dir->path(), &openError), qPrintable(openError));
        m_model = std::make_unique<KeyTableModel>(m_doc.get());
        m_now = kNow;
        m_model->setClock([this] { return m_now; });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void showsKeysAndTheirState()
    {
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), int(KeyTableModel::ColumnCount));
        QCOMPARE(
            cell(0, KeyTableModel::LabelColumn).data().toString(), QStringLiteral("Mobile app"));
        QCOMPARE(cell(0, KeyTableModel::PrefixColumn).data().toString(),
            QStringLiteral("tg_dev_key_active…"));
        QCOMPARE(cell(0, KeyTableModel::TierColumn).data().toString(), QStringLiteral("Pro"));
        QCOMPARE(cell(0, KeyTableModel::ScopesColumn).data().toString(),
            QStringLiteral("read, generate"));
        QCOMPARE(cell(0, KeyTableModel::ExpiresColumn).data().toString(), QStringLiteral("never"));
        const QStringList states { cell(0, KeyTableModel::StateColumn).data().toString(),
            cell(1, KeyTableModel::StateColumn).data().toString(),
            cell(2, KeyTableModel::StateColumn).data().toString() };
        QCOMPARE(states,
            (QStringList {
                QStringLiteral("Active"), QStringLiteral("Expired"), QStringLiteral("Revoked") }));
        QCOMPARE(cell(2, 0).data(KeyTableModel::StateRole).toInt(), int(server::KeyState::Revoked));
        QCOMPARE(
            cell(2, 0).data(KeyTableModel::KeyIdRole).toString(), QStringLiteral("key_revoked"));
        QCOMPARE(cell(1, 0).data(KeyTableModel::TierRole).toString(), QStringLiteral("free"));
        QVERIFY(cell(2, KeyTableModel::StateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Revoked 2026-11-15T11:00:00Z")));
        // The key itself is nowhere: only its prefix and id.
        for (int c = 0; c < m_model->columnCount(); ++c)
            QVERIFY(!cell(0, c).data().toString().contains(QString(64, QLatin1Char('0'))));
    }

    void usageIsThisMonthsAgainstTheQuota()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setUsage({ usage("key_active", "2026-11", 734),
            usage("key_active", "2026-10", 9000), usage("key_expired", "2026-11", 1200) });
        QCOMPARE(changed.count(), 1);
        QCOMPARE(
            changed.front().at(0).value<QModelIndex>().column(), int(KeyTableModel::UsageColumn));
        QCOMPARE(
            changed.front().at(1).value<QModelIndex>().column(), int(KeyTableModel::UsageColumn));
        const QModelIndex active = cell(0, KeyTableModel::UsageColumn);
        QCOMPARE(active.data(KeyTableModel::UsedRole).toLongLong(), 734);
        QCOMPARE(active.data(KeyTableModel::QuotaRole).toLongLong(), 10000);
        QCOMPARE(active.data().toString(), QStringLiteral("734 / 10,000"));
        QCOMPARE(
            cell(1, KeyTableModel::UsageColumn).data().toString(), QStringLiteral("1,200 / 1,000"));
        QCOMPARE(
            cell(2, KeyTableModel::UsageColumn).data().toString(), QStringLiteral("0 / 1,000"));

        // The same numbers again (the 4 Hz poll) repaint nothing.
        m_model->setUsage({ usage("key_active", "2026-11", 734),
            usage("key_active", "2026-10", 9000), usage("key_expired", "2026-11", 1200) });
        QCOMPARE(changed.count(), 1);

        // A new month starts from zero.
        m_now = utc("2026-12-01T00:00:01Z");
        m_model->refreshTime();
        QCOMPARE(active.data(KeyTableModel::UsedRole).toLongLong(), 0);
        m_now = utc("2026-10-31T23:59:59Z");
        m_model->refreshTime();
        QCOMPARE(active.data(KeyTableModel::UsedRole).toLongLong(), 9000);
    }

    void theBarTurnsRedOverTheQuota()
    {
        const QPalette palette = QGuiApplication::palette();
        const QColor normal = UsageBarDelegate::barColor(734, 1000, palette);
        const QColor near = UsageBarDelegate::barColor(950, 1000, palette);
        const QColor full = UsageBarDelegate::barColor(1000, 1000, palette);
        const QColor over = UsageBarDelegate::barColor(1001, 1000, palette);
        QVERIFY(normal != near);
        QCOMPARE(full, near);
        QVERIFY(over != near && over != normal);
        QVERIFY(over.red() > over.green() && over.red() > over.blue());
        QCOMPARE(UsageBarDelegate::barColor(5'000'000, 0, palette), normal); // no quota
    }

    void expiryIsNoticedAsTimePasses()
    {
        std::vector<server::ApiKey> keys = m_doc->keys();
        keys[0].expires = kNow + 60;
        m_doc->setKeys(keys, {});
        QCOMPARE(cell(0, KeyTableModel::StateColumn).data().toString(), QStringLiteral("Active"));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refreshTime();
        QCOMPARE(changed.count(), 0);
        m_now = kNow + 61;
        m_model->refreshTime();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.front().at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(cell(0, KeyTableModel::StateColumn).data().toString(), QStringLiteral("Expired"));
    }

    void editsGoThroughTheUndoStack()
    {
        QUndoStack* stack = m_doc->undoStack();
        QVERIFY(m_model->setData(cell(0, KeyTableModel::LabelColumn), QStringLiteral(" iOS app ")));
        QCOMPARE(keyAt(0).label, std::string("iOS app"));
        QVERIFY(m_model->setData(cell(0, KeyTableModel::OwnerColumn), QStringLiteral("ops@acme")));
        QVERIFY(m_model->setData(
            cell(0, KeyTableModel::ScopesColumn), QStringLiteral("read, write,, read")));
        QCOMPARE(keyAt(0).scopes, (std::vector<std::string> { "read", "write" }));
        // The tier: by index (the combo box delegate) or by id.
        QCOMPARE(cell(0, KeyTableModel::TierColumn).data(Qt::EditRole).toInt(), 1);
        QCOMPARE(cell(0, KeyTableModel::TierColumn).data(KeyTableModel::ChoicesRole).toStringList(),
            (QStringList {
                QStringLiteral("Free"), QStringLiteral("Pro"), QStringLiteral("Enterprise") }));
        QVERIFY(m_model->setData(cell(0, KeyTableModel::TierColumn), 2));
        QCOMPARE(keyAt(0).tier, std::string("enterprise"));
        QVERIFY(m_model->setData(cell(0, KeyTableModel::TierColumn), QStringLiteral("free")));
        QCOMPARE(keyAt(0).tier, std::string("free"));
        QCOMPARE(stack->count(), 5);

        for (int i = 0; i < 5; ++i)
            stack->undo();
        QCOMPARE(keyAt(0).label, std::string("Mobile app"));
        QCOMPARE(keyAt(0).owner, std::string("acme@example.com"));
        QCOMPARE(keyAt(0).tier, std::string("pro"));
        QCOMPARE(keyAt(0).scopes, (std::vector<std::string> { "read", "generate" }));
    }

    void rejectsBadEdits()
    {
        QSignalSpy failed(m_model.get(), &KeyTableModel::validationFailed);
        QVERIFY(!m_model->setData(cell(0, KeyTableModel::TierColumn), QStringLiteral("gold")));
        QVERIFY(!m_model->setData(cell(0, KeyTableModel::TierColumn), 7));
        QVERIFY(
            !m_model->setData(cell(0, KeyTableModel::ScopesColumn), QStringLiteral("read all")));
        QCOMPARE(failed.count(), 3);
        QVERIFY(failed.at(2).front().toString().contains(QStringLiteral("no spaces")));
        QCOMPARE(keyAt(0).tier, std::string("pro"));
        QCOMPARE(m_doc->undoStack()->count(), 0);
        // Not editable at all: the prefix, the state, and anything of a revoked key.
        QVERIFY(!(m_model->flags(cell(0, KeyTableModel::PrefixColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(m_model->flags(cell(0, KeyTableModel::StateColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(m_model->flags(cell(2, KeyTableModel::LabelColumn)) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(cell(2, KeyTableModel::LabelColumn), QStringLiteral("x")));
    }

    void aRevocationSurvivesUndoAndRedo()
    {
        QUndoStack* stack = m_doc->undoStack();
        QVERIFY(m_model->setData(cell(0, KeyTableModel::LabelColumn), QStringLiteral("Renamed")));
        QCOMPARE(stack->count(), 1);

        QSignalSpy revoked(m_doc.get(), &WorkspaceDocument::keyRevoked);
        QVERIFY(m_doc->revokeKey(QStringLiteral("key_active"), kNow));
        QCOMPARE(revoked.count(), 1);
        QCOMPARE(revoked.front().front().toString(), QStringLiteral("key_active"));
        QCOMPARE(stack->count(), 1); // not an undo step
        QCOMPARE(cell(0, KeyTableModel::StateColumn).data().toString(), QStringLiteral("Revoked"));
        QVERIFY(!m_doc->revokeKey(QStringLiteral("key_nope"), kNow));

        // Undoing the rename restores the label, not the key's life.
        stack->undo();
        QCOMPARE(keyAt(0).label, std::string("Mobile app"));
        QCOMPARE(keyAt(0).revoked, kNow);
        stack->redo();
        QCOMPARE(keyAt(0).label, std::string("Renamed"));
        QCOMPARE(keyAt(0).revoked, kNow);

        // Nor does undoing a key's creation and redoing it.
        server::ApiKey fresh = key("key_fresh", "Fresh", "free");
        std::vector<server::ApiKey> keys = m_doc->keys();
        keys.push_back(fresh);
        m_doc->setKeys(keys, {});
        QVERIFY(m_doc->revokeKey(QStringLiteral("key_fresh"), kNow + 5));
        stack->undo();
        QCOMPARE(m_model->rowCount(), 3);
        stack->redo();
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(keyAt(3).revoked, kNow + 5);
    }

    void proxyFiltersByTierStateAndText()
    {
        KeyFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setTierFilter(QStringLiteral("free"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStateFilter(int(server::KeyState::Revoked));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(
            proxy.index(0, KeyTableModel::LabelColumn).data().toString(), QStringLiteral("Leaked"));
        proxy.setTierFilter({});
        proxy.setStateFilter(-1);
        proxy.setTextFilter(QStringLiteral("ACME"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setTextFilter(QStringLiteral("acme generate"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setTextFilter(QStringLiteral("key_expired"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setTextFilter({});

        // Sorted on raw values: usage as numbers, "never" after every date.
        m_model->setUsage({ usage("key_active", "2026-11", 9), usage("key_expired", "2026-11", 10),
            usage("key_revoked", "2026-11", 100) });
        proxy.sort(KeyTableModel::UsageColumn, Qt::DescendingOrder);
        QCOMPARE(
            proxy.index(0, KeyTableModel::LabelColumn).data().toString(), QStringLiteral("Leaked"));
        QCOMPARE(proxy.index(2, KeyTableModel::LabelColumn).data().toString(),
            QStringLiteral("Mobile app"));
        proxy.sort(KeyTableModel::ExpiresColumn, Qt::AscendingOrder);
        QCOMPARE(
            proxy.index(0, KeyTableModel::LabelColumn).data().toString(), QStringLiteral("Old CI"));
    }

    void followsTierChanges()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        std::vector<server::Tier> tiers = m_doc->tiers();
        tiers[1].name = "Professional";
        tiers[1].monthlyQuota = 20000;
        m_doc->setTiers(tiers, {});
        QVERIFY(changed.count() >= 1);
        QCOMPARE(
            cell(0, KeyTableModel::TierColumn).data().toString(), QStringLiteral("Professional"));
        QCOMPARE(
            cell(0, KeyTableModel::UsageColumn).data(KeyTableModel::QuotaRole).toLongLong(), 20000);
        // A key whose tier is gone says so.
        tiers.erase(tiers.begin() + 1);
        m_doc->setTiers(tiers, {});
        QCOMPARE(
            cell(0, KeyTableModel::TierColumn).data().toString(), QStringLiteral("pro (missing)"));
        QVERIFY(!cell(0, KeyTableModel::TierColumn).data(Qt::ToolTipRole).toString().isEmpty());
    }
};

QTEST_MAIN(TestKeyTableModel)
#include "tst_keytablemodel.moc"
