#include "testutil.h"

#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/tiertablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::Tier tier(const char* id, const char* name, std::int64_t rate, std::int64_t quota,
    server::Micros price, server::Micros fee, server::OverQuotaPolicy policy)
{
    server::Tier t;
    t.id = id;
    t.name = name;
    t.requestsPerMinute = rate;
    t.burst = 10;
    t.monthlyQuota = quota;
    t.pricePerRequestMicros = price;
    t.monthlyFeeMicros = fee;
    t.overagePriceMicros = price;
    t.overQuota = policy;
    return t;
}

} // namespace

class TestTierTableModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<TierTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QModelIndex cell(int row, int column) const { return m_model->index(row, column); }
    const server::Tier& tierAt(int row) const { return m_doc->tiers().at(std::size_t(row)); }

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
        ws.name = "tiers";
        ws.dir = pathFromQt(m_dir->path());
        ws.tiers = {
            tier("free", "Free", 100, 1000, 0, 0, server::OverQuotaPolicy::Block),
            tier("pro", "Pro", 1000, 10000, 2000, 29'000'000, server::OverQuotaPolicy::Bill),
        };
        // Pro also sells tokens; Free has no token terms (all 0).
        ws.tiers[1].tokensPerMinute = 40'000;
        ws.tiers[1].inputPricePer1kTokensMicros = 500;
        ws.tiers[1].outputPricePer1kTokensMicros = 1500;
        server::ApiKey key;
        key.id = "key_a";
        key.prefix = "tg_dev_AAAAAAAA";
        key.hash = std::string(64, 'a');
        key.tier = "pro";
        key.created = 1'790'000'000;
        ws.keys = { key };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        m_doc = std::make_unique<WorkspaceDocument>();
        m_doc->setAutosaveDelay(60'000);
        QString openError;
        QVERIFY2(m_doc->open(m_dir->path(), &openError), qPrintable(openError));
        m_model = std::make_unique<TierTableModel>(m_doc.get());
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

    void showsTiers()
    {
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->columnCount(), int(TierTableModel::ColumnCount));
        QCOMPARE(cell(1, TierTableModel::IdColumn).data().toString(), QStringLiteral("pro"));
        QCOMPARE(cell(1, TierTableModel::NameColumn).data().toString(), QStringLiteral("Pro"));
        QCOMPARE(cell(1, TierTableModel::RateColumn).data().toString(), QStringLiteral("1,000"));
        QCOMPARE(cell(1, TierTableModel::QuotaColumn).data().toString(), QStringLiteral("10,000"));
        QCOMPARE(cell(1, TierTableModel::PriceColumn).data().toString(), QStringLiteral("$0.002"));
        QCOMPARE(cell(1, TierTableModel::FeeColumn).data().toString(), QStringLiteral("$29"));
        QCOMPARE(cell(1, TierTableModel::PriceColumn).data(Qt::EditRole).toString(),
            QStringLiteral("0.002"));
        QCOMPARE(cell(1, TierTableModel::PriceColumn).data(TierTableModel::ValueRole).toLongLong(),
            2000);
        QCOMPARE(
            cell(0, TierTableModel::PolicyColumn).data().toString(), QStringLiteral("Block (429)"));
        QCOMPARE(cell(0, TierTableModel::PolicyColumn)
                     .data(TierTableModel::ChoicesRole)
                     .toStringList()
                     .size(),
            2);
        QVERIFY(m_model->flags(cell(0, TierTableModel::NameColumn)) & Qt::ItemIsEditable);
    }

    void everyColumnInEveryRole()
    {
        // What each cell shows, what an editor starts from and the raw value.
        const QStringList display { QStringLiteral("pro"), QStringLiteral("Pro"),
            QStringLiteral("1,000"), QStringLiteral("10"), QStringLiteral("10,000"),
            QStringLiteral("$0.002"), QStringLiteral("$29"), QStringLiteral("$0.002"),
            QStringLiteral("Bill overage"), QStringLiteral("40,000"), QStringLiteral("$0.0005"),
            QStringLiteral("$0.0015") };
        const QStringList edit { QStringLiteral("pro"), QStringLiteral("Pro"),
            QStringLiteral("1000"), QStringLiteral("10"), QStringLiteral("10000"),
            QStringLiteral("0.002"), QStringLiteral("29"), QStringLiteral("0.002"), QString(),
            QStringLiteral("40000"), QStringLiteral("0.0005"), QStringLiteral("0.0015") };
        const QList<qint64> value { 1000, 10, 10000, 2000, 29'000'000, 2000 };
        QCOMPARE(display.size(), int(TierTableModel::ColumnCount));
        for (int c = 0; c < TierTableModel::ColumnCount; ++c)
            QCOMPARE(cell(1, c).data().toString(), display.at(c));
        for (int c = 0; c < TierTableModel::ColumnCount; ++c) {
            if (c != TierTableModel::PolicyColumn)
                QCOMPARE(cell(1, c).data(Qt::EditRole).toString(), edit.at(c));
        }
        QCOMPARE(cell(1, TierTableModel::PolicyColumn).data(Qt::EditRole).toInt(),
            int(server::OverQuotaPolicy::Bill));
        QCOMPARE(cell(1, TierTableModel::IdColumn).data(TierTableModel::ValueRole).toString(),
            QStringLiteral("pro"));
        QCOMPARE(cell(1, TierTableModel::NameColumn).data(TierTableModel::ValueRole).toString(),
            QStringLiteral("Pro"));
        for (int c = TierTableModel::RateColumn; c <= TierTableModel::OverageColumn; ++c)
            QCOMPARE(cell(1, c).data(TierTableModel::ValueRole).toLongLong(),
                value.at(c - TierTableModel::RateColumn));
        QCOMPARE(cell(1, TierTableModel::TokensColumn).data(TierTableModel::ValueRole).toLongLong(),
            40'000);
        QCOMPARE(
            cell(1, TierTableModel::InputPriceColumn).data(TierTableModel::ValueRole).toLongLong(),
            500);
        QCOMPARE(
            cell(1, TierTableModel::OutputPriceColumn).data(TierTableModel::ValueRole).toLongLong(),
            1500);
        // Numbers and money are right-aligned, the new columns too.
        for (int c : { int(TierTableModel::TokensColumn), int(TierTableModel::OutputPriceColumn) })
            QVERIFY(cell(1, c).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight);
        QCOMPARE(cell(1, TierTableModel::PolicyColumn).data(TierTableModel::ValueRole).toInt(),
            int(server::OverQuotaPolicy::Bill));

        QCOMPARE(m_model->headerData(TierTableModel::QuotaColumn, Qt::Horizontal).toString(),
            QStringLiteral("Monthly quota"));
        QCOMPARE(m_model->headerData(TierTableModel::PolicyColumn, Qt::Horizontal).toString(),
            QStringLiteral("Over quota"));
        QCOMPARE(m_model->headerData(TierTableModel::FeeColumn, Qt::Horizontal, Qt::ToolTipRole)
                     .toString(),
            QStringLiteral("Fixed monthly fee per key, in USD"));
        QVERIFY(!m_model->headerData(TierTableModel::NameColumn, Qt::Horizontal, Qt::ToolTipRole)
                     .isValid());

        // Each money column writes its own field.
        QVERIFY(m_model->setData(cell(1, TierTableModel::FeeColumn), QStringLiteral("49")));
        QVERIFY(m_model->setData(cell(1, TierTableModel::OverageColumn), QStringLiteral("0.003")));
        QCOMPARE(tierAt(1).monthlyFeeMicros, 49'000'000);
        QCOMPARE(tierAt(1).overagePriceMicros, 3000);
        QCOMPARE(tierAt(1).pricePerRequestMicros, 2000);
    }

    void unlimitedReadsAndWrites()
    {
        QVERIFY(m_model->setData(cell(0, TierTableModel::QuotaColumn), QStringLiteral("0")));
        QCOMPARE(tierAt(0).monthlyQuota, 0);
        QCOMPARE(
            cell(0, TierTableModel::QuotaColumn).data().toString(), QStringLiteral("unlimited"));
        QVERIFY(m_model->setData(cell(0, TierTableModel::RateColumn), QStringLiteral("unlimited")));
        QCOMPARE(tierAt(0).requestsPerMinute, 0);
        QVERIFY(m_model->setData(cell(0, TierTableModel::RateColumn), QStringLiteral("2,500")));
        QCOMPARE(tierAt(0).requestsPerMinute, 2500);
    }

    void tokenTermsEditLikeTheOthers()
    {
        // No token limit reads like no rate limit, and writes back the same.
        QCOMPARE(
            cell(0, TierTableModel::TokensColumn).data().toString(), QStringLiteral("unlimited"));
        QCOMPARE(cell(0, TierTableModel::InputPriceColumn).data().toString(), QStringLiteral("$0"));
        QCOMPARE(m_model->headerData(TierTableModel::TokensColumn, Qt::Horizontal).toString(),
            QStringLiteral("Tokens/min"));
        QCOMPARE(m_model->headerData(TierTableModel::InputPriceColumn, Qt::Horizontal).toString(),
            QStringLiteral("Input / 1k tokens"));
        QCOMPARE(m_model->headerData(TierTableModel::OutputPriceColumn, Qt::Horizontal).toString(),
            QStringLiteral("Output / 1k tokens"));
        QVERIFY(m_model->flags(cell(0, TierTableModel::TokensColumn)) & Qt::ItemIsEditable);

        QUndoStack* stack = m_doc->undoStack();
        QVERIFY(m_model->setData(cell(0, TierTableModel::TokensColumn), QStringLiteral("2,000")));
        QCOMPARE(tierAt(0).tokensPerMinute, 2000);
        QCOMPARE(cell(0, TierTableModel::TokensColumn).data().toString(), QStringLiteral("2,000"));
        QVERIFY(
            m_model->setData(cell(0, TierTableModel::InputPriceColumn), QStringLiteral("$0.0003")));
        QCOMPARE(tierAt(0).inputPricePer1kTokensMicros, 300);
        QVERIFY(
            m_model->setData(cell(0, TierTableModel::OutputPriceColumn), QStringLiteral("0.001")));
        QCOMPARE(tierAt(0).outputPricePer1kTokensMicros, 1000);
        // Each edit wrote its own field only.
        QCOMPARE(tierAt(0).pricePerRequestMicros, 0);
        QCOMPARE(tierAt(0).requestsPerMinute, 100);
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->undoText(), QStringLiteral("Edit tier Free"));

        stack->undo();
        QCOMPARE(tierAt(0).outputPricePer1kTokensMicros, 0);
        stack->undo();
        QCOMPARE(tierAt(0).inputPricePer1kTokensMicros, 0);
        stack->undo();
        QCOMPARE(tierAt(0).tokensPerMinute, 0);
        QCOMPARE(
            cell(0, TierTableModel::TokensColumn).data().toString(), QStringLiteral("unlimited"));
        stack->redo();
        QCOMPARE(tierAt(0).tokensPerMinute, 2000);

        // Back to no limit by word or by 0.
        QVERIFY(
            m_model->setData(cell(1, TierTableModel::TokensColumn), QStringLiteral("unlimited")));
        QCOMPARE(tierAt(1).tokensPerMinute, 0);
        QVERIFY(m_model->setData(cell(0, TierTableModel::TokensColumn), QStringLiteral("0")));
        QCOMPARE(tierAt(0).tokensPerMinute, 0);
    }

    void editsAreUndoable()
    {
        QUndoStack* stack = m_doc->undoStack();
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(
            m_model->setData(cell(1, TierTableModel::NameColumn), QStringLiteral("Professional")));
        QCOMPARE(tierAt(1).name, std::string("Professional"));
        QCOMPARE(stack->count(), 1);
        QVERIFY(changed.count() >= 1);
        QVERIFY(m_doc->hasUnsavedChanges());

        QVERIFY(m_model->setData(cell(1, TierTableModel::FeeColumn), QStringLiteral("$49")));
        QCOMPARE(tierAt(1).monthlyFeeMicros, 49'000'000);
        QVERIFY(m_model->setData(cell(1, TierTableModel::PolicyColumn), 0));
        QCOMPARE(tierAt(1).overQuota, server::OverQuotaPolicy::Block);
        QCOMPARE(stack->count(), 3);

        stack->undo();
        QCOMPARE(tierAt(1).overQuota, server::OverQuotaPolicy::Bill);
        stack->undo();
        QCOMPARE(tierAt(1).monthlyFeeMicros, 29'000'000);
        stack->undo();
        QCOMPARE(tierAt(1).name, std::string("Pro"));
        QCOMPARE(cell(1, TierTableModel::NameColumn).data().toString(), QStringLiteral("Pro"));
        stack->redo();
        QCOMPARE(tierAt(1).name, std::string("Professional"));

        // Writing the value a cell already has is not an edit.
        const int count = stack->count();
        QVERIFY(m_model->setData(cell(1, TierTableModel::PriceColumn), QStringLiteral("$0.002")));
        QCOMPARE(stack->count(), count);
    }

    void moneyIsParsedExactly()
    {
        const QModelIndex price = cell(0, TierTableModel::PriceColumn);
        QVERIFY(m_model->setData(price, QStringLiteral("0.1")));
        QCOMPARE(tierAt(0).pricePerRequestMicros, 100'000);
        QVERIFY(m_model->setData(price, QStringLiteral("$0.000001")));
        QCOMPARE(tierAt(0).pricePerRequestMicros, 1);
        QVERIFY(m_model->setData(cell(0, TierTableModel::FeeColumn), QStringLiteral("1,250.50")));
        QCOMPARE(tierAt(0).monthlyFeeMicros, 1'250'500'000);
    }

    void rejectsInvalidEditsWithAMessage_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("id with space") << 1 << int(TierTableModel::IdColumn)
                                       << QStringLiteral("Pro Plus") << QStringLiteral("tier id");
        QTest::newRow("duplicate id") << 1 << int(TierTableModel::IdColumn)
                                      << QStringLiteral("free") << QStringLiteral("unique");
        QTest::newRow("empty name") << 1 << int(TierTableModel::NameColumn) << QStringLiteral("  ")
                                    << QStringLiteral("needs a name");
        QTest::newRow("rate not a number")
            << 1 << int(TierTableModel::RateColumn) << QStringLiteral("fast")
            << QStringLiteral("whole number");
        QTest::newRow("rate too high") << 1 << int(TierTableModel::RateColumn)
                                       << QStringLiteral("60000001") << QStringLiteral("60000000");
        QTest::newRow("no burst") << 1 << int(TierTableModel::BurstColumn) << QStringLiteral("0")
                                  << QStringLiteral("burst");
        QTest::newRow("negative quota") << 1 << int(TierTableModel::QuotaColumn)
                                        << QStringLiteral("-5") << QStringLiteral("quota");
        QTest::newRow("seven decimals") << 1 << int(TierTableModel::PriceColumn)
                                        << QStringLiteral("0.0000001") << QStringLiteral("six");
        QTest::newRow("negative price") << 1 << int(TierTableModel::OverageColumn)
                                        << QStringLiteral("-0.5") << QStringLiteral("negative");
        QTest::newRow("price over a million")
            << 1 << int(TierTableModel::PriceColumn) << QStringLiteral("1000001")
            << QStringLiteral("1000000 USD");
        QTest::newRow("unknown policy") << 1 << int(TierTableModel::PolicyColumn)
                                        << QStringLiteral("maybe") << QStringLiteral("block");
        QTest::newRow("tokens not a number")
            << 1 << int(TierTableModel::TokensColumn) << QStringLiteral("lots")
            << QStringLiteral("no token limit");
        QTest::newRow("tokens too many")
            << 1 << int(TierTableModel::TokensColumn) << QStringLiteral("1000000001")
            << QStringLiteral("1000000000");
        QTest::newRow("negative tokens")
            << 1 << int(TierTableModel::TokensColumn) << QStringLiteral("-1")
            << QStringLiteral("tokens per minute");
        QTest::newRow("negative input price")
            << 1 << int(TierTableModel::InputPriceColumn) << QStringLiteral("-0.5")
            << QStringLiteral("Input / 1k tokens: ");
        QTest::newRow("output price seven decimals")
            << 1 << int(TierTableModel::OutputPriceColumn) << QStringLiteral("0.0000001")
            << QStringLiteral("six");
        QTest::newRow("output price over a million")
            << 1 << int(TierTableModel::OutputPriceColumn) << QStringLiteral("1000001")
            << QStringLiteral("1,000 output tokens");
    }

    void rejectsInvalidEditsWithAMessage()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, value);
        QFETCH(QString, says);
        const std::vector<server::Tier> before = m_doc->tiers();
        QSignalSpy failed(m_model.get(), &TierTableModel::validationFailed);
        QVERIFY(!m_model->setData(cell(row, column), value));
        QCOMPARE(failed.count(), 1);
        const QString message = failed.front().front().toString();
        QVERIFY2(message.contains(says, Qt::CaseInsensitive), qPrintable(message));
        // A message is a sentence of its own.
        QVERIFY2(message.front().isUpper(), qPrintable(message));
        QVERIFY(m_doc->tiers() == before);
        QCOMPARE(m_doc->undoStack()->count(), 0);
    }

    void renamingATierMovesItsKeysInOneStep()
    {
        QVERIFY(m_model->setData(cell(1, TierTableModel::IdColumn), QStringLiteral("premium")));
        QCOMPARE(tierAt(1).id, std::string("premium"));
        QCOMPARE(m_doc->keys().front().tier, std::string("premium"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        m_doc->undoStack()->undo();
        QCOMPARE(tierAt(1).id, std::string("pro"));
        QCOMPARE(m_doc->keys().front().tier, std::string("pro"));
    }

    void aBrokenTierCanBeRepairedFieldByField()
    {
        // As loaded from a hand-edited tollgate.json: no burst for a rate.
        std::vector<server::Tier> tiers = m_doc->tiers();
        tiers[1].burst = 0;
        m_doc->setTiers(tiers, {});
        QVERIFY(!server::tierProblems(tierAt(1)).empty());
        QVERIFY(cell(1, TierTableModel::IdColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("burst")));
        // Other fields stay editable; the broken one can be fixed.
        QVERIFY(m_model->setData(cell(1, TierTableModel::NameColumn), QStringLiteral("Pro 2")));
        QVERIFY(m_model->setData(cell(1, TierTableModel::BurstColumn), QStringLiteral("20")));
        QVERIFY(server::tierProblems(tierAt(1)).empty());
    }

    void addsAndRemovesTiers()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QCOMPARE(m_model->addTier(), 2);
        QCOMPARE(m_model->addTier(), 3);
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(tierAt(2).id, std::string("tier"));
        QCOMPARE(tierAt(3).id, std::string("tier-2"));
        QVERIFY(server::tierProblems(tierAt(2)).empty());
        QCOMPARE(reset.count(), 2);

        QVERIFY(m_model->removeTier(3));
        QCOMPARE(m_model->rowCount(), 3);
        m_doc->undoStack()->undo();
        QCOMPARE(m_model->rowCount(), 4);
    }

    void aTierInUseIsNotRemoved()
    {
        QSignalSpy failed(m_model.get(), &TierTableModel::validationFailed);
        QVERIFY(!m_model->removeTier(1));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("1 key")));
        QVERIFY(m_model->removeTier(0));
        QCOMPARE(m_model->rowCount(), 1);
    }

    void savesToTheWorkspace()
    {
        QVERIFY(m_model->setData(cell(1, TierTableModel::PriceColumn), QStringLiteral("0.0035")));
        QVERIFY(m_model->setData(cell(0, TierTableModel::TokensColumn), QStringLiteral("1500")));
        QVERIFY(
            m_model->setData(cell(0, TierTableModel::OutputPriceColumn), QStringLiteral("0.002")));
        QVERIFY(m_doc->saveNow());
        const server::LoadResult loaded = server::loadWorkspace(pathFromQt(m_dir->path()));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.workspace.tiers.at(1).pricePerRequestMicros, 3500);
        QCOMPARE(loaded.workspace.tiers.at(0).tokensPerMinute, 1500);
        QCOMPARE(loaded.workspace.tiers.at(0).outputPricePer1kTokensMicros, 2000);
        QCOMPARE(loaded.workspace.tiers.at(1).inputPricePer1kTokensMicros, 500);
    }
};

QTEST_MAIN(TestTierTableModel)
#include "tst_tiertablemodel.moc"
