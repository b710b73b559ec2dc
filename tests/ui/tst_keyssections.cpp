// The parts of the Keys & Tiers page on their own, over a real document: the
// tiers section's actions, messages and column widths, the key list's
// filters and selection, and a key's usage with its tokens.

#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keylistsection.h"
#include "ui/keys/keytablemodel.h"
#include "ui/keys/keyusageview.h"
#include "ui/keys/tiersection.h"
#include "ui/keys/tiertablemodel.h"
#include "ui/keys/usagetablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::child;

namespace {

server::ApiKey key(const char* id, const char* label, const char* tier, std::int64_t created)
{
    server::ApiKey k;
    k.id = id;
    k.label = label;
    k.prefix = std::string("tg_dev_") + id;
    k.hash = std::string(64, 'a');
    k.tier = tier;
    k.created = created;
    return k;
}

} // namespace

class TestKeysSections : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;

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
        ws.name = "sections";
        ws.dir = pathFromQt(m_dir->path());
        ws.tiers = server::defaultTiers();
        ws.keys = { key("key_a", "Alpha", "free", 1'790'000'000),
            key("key_b", "Beta", "pro", 1'790'000'100) };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());
        m_doc = std::make_unique<WorkspaceDocument>();
        m_doc->setAutosaveDelay(60'000);
    }

    void cleanup()
    {
        m_doc.reset();
        m_dir.reset();
    }

    void tierActionsFollowTheDocumentAndTheCurrentCell()
    {
        TierTableModel tiers(m_doc.get());
        TierSection section(m_doc.get(), &tiers);
        QVERIFY(!section.addTierAction()->isEnabled());
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        QVERIFY(section.addTierAction()->isEnabled());
        QVERIFY(!section.removeTierAction()->isEnabled());
        section.view()->setCurrentIndex(tiers.index(0, TierTableModel::NameColumn));
        QVERIFY(section.removeTierAction()->isEnabled());

        // A tier takes one row more of the fitted height.
        const int fitted = section.fittedHeight();
        section.addTierAction()->trigger();
        QCOMPARE(tiers.rowCount(), 4);
        QCOMPARE(section.fittedHeight() - fitted,
            section.view()->verticalHeader()->defaultSectionSize());

        m_doc->close();
        QVERIFY(!section.addTierAction()->isEnabled());
        QVERIFY(!section.removeTierAction()->isEnabled());
    }

    void aRefusedTierEditIsSaidUntilOneIsAccepted()
    {
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        TierTableModel tiers(m_doc.get());
        TierSection section(m_doc.get(), &tiers);
        section.show();
        QVERIFY(QTest::qWaitForWindowExposed(&section));
        QSignalSpy message(&section, &TierSection::message);
        auto* label = child<QLabel>(&section, "tierMessageLabel");
        QVERIFY(!label->isVisible());

        // The free tier has keys: it cannot go.
        section.view()->setCurrentIndex(tiers.index(0, TierTableModel::IdColumn));
        section.removeTierAction()->trigger();
        QCOMPARE(message.count(), 1);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), message.last().at(0).toString());

        QVERIFY(
            tiers.setData(tiers.index(0, TierTableModel::NameColumn), QStringLiteral("Gratis")));
        QVERIFY(!label->isVisible());
        QCOMPARE(message.count(), 1);
    }

    void everyTierColumnShowsItsHeader()
    {
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        TierTableModel tiers(m_doc.get());
        TierSection section(m_doc.get(), &tiers);
        section.resize(1600, 300);
        section.show();
        QVERIFY(QTest::qWaitForWindowExposed(&section));
        const QHeaderView* header = section.view()->horizontalHeader();
        const QFontMetrics fm(header->font());
        // Not cut to "Input / 1k t…": each column is at least as wide as its
        // title (plus the header's margins), the token ones included.
        for (int c = 0; c < TierTableModel::ColumnCount; ++c) {
            const QString title = tiers.headerData(c, Qt::Horizontal).toString();
            QVERIFY2(header->sectionSize(c) >= fm.horizontalAdvance(title) + 8, qPrintable(title));
        }
        // In a window too narrow for every column, the fitted height makes
        // room for the horizontal scroll bar instead of hiding a tier under it.
        QVERIFY(header->length() <= section.view()->viewport()->width());
        const int wide = section.fittedHeight();
        section.resize(500, 300);
        QVERIFY(QTest::qWaitFor(
            [&] { return header->length() > section.view()->viewport()->width(); }));
        QCOMPARE(section.fittedHeight() - wide,
            section.style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, section.view()));
        // And the over-quota choices fit the column that no longer stretches.
        for (const QString& choice : TierTableModel::policyChoices())
            QVERIFY2(header->sectionSize(TierTableModel::PolicyColumn)
                    >= fm.horizontalAdvance(choice) + 8,
                qPrintable(choice));
    }

    void usageShowsTokens()
    {
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        KeyUsageView view(m_doc.get());
        view.setCurrentMonth(QStringLiteral("2026-11"));
        view.setKey(QStringLiteral("key_b"));
        server::KeyUsage u;
        u.keyId = "key_b";
        u.month = "2026-11";
        u.requests = u.billable = 40;
        u.revenueMicros = 123'000;
        u.tokensIn = 2400;
        u.tokensOut = 31'000;
        view.setUsage({ u });
        UsageTableModel* model = view.model();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, UsageTableModel::TokensInColumn).data().toString(),
            QStringLiteral("2,400"));
        QCOMPARE(model->index(0, UsageTableModel::TokensOutColumn).data().toString(),
            QStringLiteral("31,000"));
        // The invoice's usage charges say what tokens they were for.
        const QString tip = child<QLabel>(&view, "invoiceChargesLabel")->toolTip();
        QVERIFY2(
            tip.contains(QStringLiteral("2,400 input and 31,000 output tokens")), qPrintable(tip));
        // A month without tokens does not mention them.
        u.tokensIn = u.tokensOut = 0;
        view.setUsage({ u });
        QVERIFY(!child<QLabel>(&view, "invoiceChargesLabel")
                     ->toolTip()
                     .contains(QStringLiteral("tokens")));
    }

    void selectingAHiddenKeyClearsTheFilters()
    {
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        KeyTableModel keys(m_doc.get());
        KeyFilterProxy proxy;
        proxy.setSourceModel(&keys);
        KeyListSection list(m_doc.get(), &keys, &proxy);
        QSignalSpy current(&list, &KeyListSection::currentKeyChanged);

        auto* tierFilter = child<QComboBox>(&list, "keyTierFilter");
        // "All tiers" and one entry per tier.
        QCOMPARE(tierFilter->count(), int(m_doc->tiers().size()) + 1);
        tierFilter->setCurrentIndex(tierFilter->findData(QStringLiteral("free")));
        QCOMPARE(proxy.rowCount(), 1);
        // (Without the English plural forms installed: "key(s)".)
        QVERIFY(
            child<QLabel>(&list, "keyCountLabel")->text().startsWith(QStringLiteral("1 of 2 ")));

        list.selectKey(QStringLiteral("key_b"));
        QCOMPARE(tierFilter->currentIndex(), 0);
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(list.selectedKeyIds(), QStringList { QStringLiteral("key_b") });
        QCOMPARE(list.currentKeyId(), QStringLiteral("key_b"));
        QVERIFY(current.count() > 0);
    }

    void theSelectionSurvivesAKeysReset()
    {
        QString error;
        QVERIFY2(m_doc->open(m_dir->path(), &error), qPrintable(error));
        KeyTableModel keys(m_doc.get());
        KeyFilterProxy proxy;
        proxy.setSourceModel(&keys);
        KeyListSection list(m_doc.get(), &keys, &proxy);
        list.selectKey(QStringLiteral("key_a"));

        QSignalSpy current(&list, &KeyListSection::currentKeyChanged);
        std::vector<server::ApiKey> more = m_doc->keys();
        more.push_back(key("key_c", "Gamma", "free", 1'790'000'200));
        m_doc->setKeys(more, QStringLiteral("Add key"));
        QCOMPARE(keys.rowCount(), 3);
        QCOMPARE(list.selectedKeyIds(), QStringList { QStringLiteral("key_a") });
        QCOMPARE(list.currentKeyId(), QStringLiteral("key_a"));
        QVERIFY(current.count() > 0);
    }
};

QTEST_MAIN(TestKeysSections)
#include "tst_keyssections.moc"
