#include "ui/keys/tiertablemodel.h"

#include "ui/common/convert.h"
#include "ui/common/money.h"
#include "ui/document/workspacedocument.h"

#include <QLocale>

#include <algorithm>
#include <iterator>

namespace tollgate::ui {

namespace {

// The engine's sentences from tierProblems() (server/workspace.cpp), listed
// so they are translated. One the engine adds later shows in English until
// it is added here.
constexpr const char* kEngineProblems[] = {
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
        "the tier id must be 1-32 characters of a-z, 0-9, '-' or '_' (e.g. \"pro\")"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "the tier needs a name"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
        "requests per minute must be between 0 (unlimited) and 60000000"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "the burst must be between 1 and 1000000"),
    QT_TRANSLATE_NOOP(
        "tollgate::ui::TierTableModel", "the monthly quota must be 0 (unlimited) or more"),
    QT_TRANSLATE_NOOP(
        "tollgate::ui::TierTableModel", "the price per request must be between 0 and 1000000 USD"),
    QT_TRANSLATE_NOOP(
        "tollgate::ui::TierTableModel", "the monthly fee must be between 0 and 1000000 USD"),
    QT_TRANSLATE_NOOP(
        "tollgate::ui::TierTableModel", "the overage price must be between 0 and 1000000 USD"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
        "tokens per minute must be between 0 (unlimited) and 1000000000"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
        "the price per 1,000 input tokens must be between 0 and 1000000 USD"),
    QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
        "the price per 1,000 output tokens must be between 0 and 1000000 USD"),
};

// Each column's header and its tool tip, in column order.
struct ColumnText {
    const char* title;
    const char* toolTip;
};
constexpr ColumnText kColumnTexts[] = {
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "ID"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "Keys refer to their tier by this ID (a-z, 0-9, '-' and '_')") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Name"), nullptr },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Req/min"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "Sustained requests per minute per key; 0 = no rate limit") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Burst"),
        QT_TRANSLATE_NOOP(
            "tollgate::ui::TierTableModel", "Requests a key may send at once on top of the rate") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Monthly quota"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "Requests per key and calendar month (UTC); 0 = no quota") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Price/request"),
        QT_TRANSLATE_NOOP(
            "tollgate::ui::TierTableModel", "What a key of this tier pays per request, in USD") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Monthly fee"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Fixed monthly fee per key, in USD") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Overage price"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "Price per request over the quota when over-quota requests are billed") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Over quota"),
        QT_TRANSLATE_NOOP(
            "tollgate::ui::TierTableModel", "What happens once a key has used its monthly quota") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Tokens/min"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "Input and output tokens per minute per key, on routes that count tokens; "
            "0 = no token limit") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Input / 1k tokens"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "What a key of this tier pays per 1,000 input (prompt) tokens, in USD, on top of "
            "the price per request") },
    { QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel", "Output / 1k tokens"),
        QT_TRANSLATE_NOOP("tollgate::ui::TierTableModel",
            "What a key of this tier pays per 1,000 output (completion) tokens, in USD, on top "
            "of the price per request") },
};
static_assert(std::size(kColumnTexts) == TierTableModel::ColumnCount);

bool isNumberColumn(int column)
{
    return (column >= TierTableModel::RateColumn && column <= TierTableModel::OverageColumn)
        || (column >= TierTableModel::TokensColumn && column <= TierTableModel::OutputPriceColumn);
}

bool isMoneyColumn(int column)
{
    return (column >= TierTableModel::PriceColumn && column <= TierTableModel::OverageColumn)
        || column == TierTableModel::InputPriceColumn
        || column == TierTableModel::OutputPriceColumn;
}

// The count or micro-dollars a number column shows.
std::int64_t server::Tier::*numberField(int column)
{
    switch (column) {
    case TierTableModel::RateColumn:
        return &server::Tier::requestsPerMinute;
    case TierTableModel::BurstColumn:
        return &server::Tier::burst;
    case TierTableModel::QuotaColumn:
        return &server::Tier::monthlyQuota;
    case TierTableModel::PriceColumn:
        return &server::Tier::pricePerRequestMicros;
    case TierTableModel::FeeColumn:
        return &server::Tier::monthlyFeeMicros;
    case TierTableModel::TokensColumn:
        return &server::Tier::tokensPerMinute;
    case TierTableModel::InputPriceColumn:
        return &server::Tier::inputPricePer1kTokensMicros;
    case TierTableModel::OutputPriceColumn:
        return &server::Tier::outputPricePer1kTokensMicros;
    default:
        return &server::Tier::overagePriceMicros;
    }
}

} // namespace

TierTableModel::TierTableModel(WorkspaceDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &WorkspaceDocument::tiersAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::tiersReset, this, [this] { endResetModel(); });
    connect(document, &WorkspaceDocument::tiersChanged, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

int TierTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_document->tiers().size());
}

int TierTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TierTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Tier& t = m_document->tiers()[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == PolicyColumn)
            return t.overQuota == server::OverQuotaPolicy::Block ? tr("Block (429)")
                                                                 : tr("Bill overage");
        if (isMoneyColumn(column))
            return Money::format(t.*numberField(column));
        // No rate limit, no token limit and no quota are 0; a burst is
        // always a number.
        if (isNumberColumn(column))
            return t.*numberField(column) == 0 && column != BurstColumn
                ? tr("unlimited")
                : QLocale().toString(t.*numberField(column));
        return data(index, ValueRole);
    case Qt::EditRole:
        // What an editor starts from, and what setData() reads back.
        if (isMoneyColumn(column))
            return Money::editText(t.*numberField(column));
        if (isNumberColumn(column))
            return QString::number(t.*numberField(column));
        return data(index, ValueRole);
    case ValueRole:
        if (isNumberColumn(column))
            return qint64(t.*numberField(column));
        if (column == PolicyColumn)
            return int(t.overQuota);
        return toQt(column == IdColumn ? t.id : t.name);
    case ChoicesRole:
        if (column == PolicyColumn)
            return policyChoices();
        return {};
    case Qt::TextAlignmentRole:
        return int((isNumberColumn(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        const std::vector<std::string> problems = server::tierProblems(t);
        if (!problems.empty()) {
            QStringList lines;
            for (const std::string& p : problems)
                lines << translateProblem(p);
            return lines.join(QLatin1Char('\n'));
        }
        if (column == PolicyColumn)
            return t.overQuota == server::OverQuotaPolicy::Block
                ? tr("Requests over the monthly quota are refused with 429 until the month ends")
                : tr("Requests over the monthly quota are served and billed at the overage price");
        return {};
    }
    default:
        return {};
    }
}

bool TierTableModel::parseCount(const QVariant& value, bool zeroIsUnlimited, std::int64_t* out)
{
    const QString text = value.toString().trimmed();
    if (zeroIsUnlimited
        && (text.isEmpty() || text.compare(tr("unlimited"), Qt::CaseInsensitive) == 0
            || text == QLatin1String("unlimited"))) {
        *out = 0;
        return true;
    }
    bool ok = false;
    qint64 n = text.toLongLong(&ok);
    if (!ok)
        n = QLocale().toLongLong(text, &ok);
    if (!ok)
        return false;
    *out = n;
    return true;
}

bool TierTableModel::reject(const QString& message)
{
    Q_EMIT validationFailed(message);
    return false;
}

bool TierTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::size_t row = std::size_t(index.row());
    std::vector<server::Tier> tiers = m_document->tiers();
    const server::Tier before = tiers[row];
    server::Tier& t = tiers[row];
    const QString tierName = toQt(before.name.empty() ? before.id : before.name);
    QString text = tr("Edit tier %1").arg(tierName);

    switch (index.column()) {
    case IdColumn: {
        const QString id = value.toString().trimmed();
        t.id = toStd(id);
        for (std::size_t i = 0; i < tiers.size(); ++i) {
            if (i != row && tiers[i].id == t.id)
                return reject(
                    tr("Another tier already has the ID \"%1\"; tier IDs must be unique.").arg(id));
        }
        text = tr("Change tier ID %1 to %2").arg(toQt(before.id), id);
        break;
    }
    case NameColumn:
        t.name = toStd(value.toString().trimmed());
        text = tr("Rename tier %1").arg(toQt(before.id));
        break;
    case RateColumn:
        if (!parseCount(value, true, &t.requestsPerMinute))
            return reject(
                tr("Requests per minute must be a whole number, or 0 for no rate limit."));
        break;
    case BurstColumn:
        if (!parseCount(value, false, &t.burst))
            return reject(tr("The burst must be a whole number of requests."));
        break;
    case QuotaColumn:
        if (!parseCount(value, true, &t.monthlyQuota))
            return reject(
                tr("The monthly quota must be a whole number of requests, or 0 for no quota."));
        break;
    case TokensColumn:
        if (!parseCount(value, true, &t.tokensPerMinute))
            return reject(tr("Tokens per minute must be a whole number, or 0 for no token limit."));
        break;
    case PriceColumn:
    case FeeColumn:
    case OverageColumn:
    case InputPriceColumn:
    case OutputPriceColumn: {
        server::Micros micros = 0;
        QString error;
        if (!Money::parse(value.toString(), &micros, &error))
            return reject(
                tr("%1: %2").arg(headerData(index.column(), Qt::Horizontal).toString(), error));
        t.*numberField(index.column()) = micros;
        break;
    }
    case PolicyColumn: {
        bool ok = false;
        const int choice = value.toInt(&ok);
        const QString word = value.toString().trimmed().toLower();
        if (ok
            && (choice == int(server::OverQuotaPolicy::Block)
                || choice == int(server::OverQuotaPolicy::Bill)))
            t.overQuota = server::OverQuotaPolicy(choice);
        else if (word == QLatin1String("block"))
            t.overQuota = server::OverQuotaPolicy::Block;
        else if (word == QLatin1String("bill"))
            t.overQuota = server::OverQuotaPolicy::Bill;
        else
            return reject(tr("Over quota is either \"block\" or \"bill\"."));
        break;
    }
    default:
        return false;
    }
    if (t == before)
        return true;

    // Only problems this edit brings in block it: a tier that was loaded
    // broken from tollgate.json can still be repaired one field at a time.
    const std::vector<std::string> had = server::tierProblems(before);
    for (const std::string& problem : server::tierProblems(t)) {
        if (std::find(had.begin(), had.end(), problem) == had.end())
            return reject(translateProblem(problem));
    }

    // Keys refer to tiers by id: they follow a renamed tier in the same step.
    std::vector<server::ApiKey> keys = m_document->keys();
    if (t.id != before.id) {
        for (server::ApiKey& key : keys) {
            if (key.tier == before.id)
                key.tier = t.id;
        }
    }
    m_document->setAccess(tiers, keys, text);
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags TierTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant TierTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (section < 0 || section >= ColumnCount)
        return {};
    const ColumnText& text = kColumnTexts[section];
    if (role == Qt::DisplayRole)
        return tr(text.title);
    if (role == Qt::ToolTipRole && text.toolTip)
        return tr(text.toolTip);
    return {};
}

int TierTableModel::addTier()
{
    std::vector<server::Tier> tiers = m_document->tiers();
    const auto taken = [&tiers](const std::string& id) {
        return std::any_of(
            tiers.begin(), tiers.end(), [&id](const server::Tier& t) { return t.id == id; });
    };
    server::Tier tier;
    tier.id = "tier";
    for (int i = 2; taken(tier.id); ++i)
        tier.id = "tier-" + std::to_string(i);
    tier.name = toStd(tr("New tier"));
    tiers.push_back(tier);
    m_document->setTiers(tiers, tr("Add tier"));
    return int(tiers.size()) - 1;
}

bool TierTableModel::removeTier(int row)
{
    if (row < 0 || row >= rowCount())
        return false;
    const server::Tier& tier = m_document->tiers()[std::size_t(row)];
    const auto& keys = m_document->keys();
    const int users = int(std::count_if(
        keys.begin(), keys.end(), [&tier](const server::ApiKey& k) { return k.tier == tier.id; }));
    if (users > 0)
        return reject(
            tr("%n key(s) use the tier \"%1\"; move them to another tier first.", nullptr, users)
                .arg(toQt(tier.id)));
    std::vector<server::Tier> tiers = m_document->tiers();
    const QString id = toQt(tier.id);
    tiers.erase(tiers.begin() + row);
    m_document->setTiers(tiers, tr("Remove tier %1").arg(id));
    return true;
}

QStringList TierTableModel::policyChoices()
{
    return { tr("Block (429)"), tr("Bill overage") };
}

QString TierTableModel::translateProblem(const std::string& problem)
{
    QString text = toQt(problem);
    for (const char* known : kEngineProblems) {
        if (problem == known) {
            text = tr(known);
            break;
        }
    }
    // The engine writes fragments for "error: ..." lines; shown on its own a
    // message is a sentence.
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
        if (!text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char(')')))
            text += QLatin1Char('.');
    }
    return text;
}

} // namespace tollgate::ui
