#include "ui/keys/keytablemodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/scopelist.h"
#include "ui/document/workspacedocument.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <limits>

namespace tollgate::ui {

namespace {

QString shortTime(std::int64_t unixSeconds)
{
    // Fixed and sortable by eye; the locale's short format drops the year
    // digits and reorders day and month.
    return QDateTime::fromSecsSinceEpoch(unixSeconds).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString tierLabel(const server::Tier& tier)
{
    return toQt(tier.name.empty() ? tier.id : tier.name);
}

} // namespace

KeyTableModel::KeyTableModel(WorkspaceDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_month = toQt(server::usageMonth(now()));
    connect(document, &WorkspaceDocument::keysAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::keysReset, this, [this] {
        rememberStates();
        endResetModel();
    });
    connect(document, &WorkspaceDocument::keysChanged, this, [this] {
        rememberStates();
        emitColumnChanged(0, ColumnCount - 1);
    });
    // The tier's name and quota show in two columns.
    const auto tiersChanged = [this] {
        emitColumnChanged(TierColumn, TierColumn);
        emitColumnChanged(UsageColumn, UsageColumn);
    };
    connect(document, &WorkspaceDocument::tiersChanged, this, tiersChanged);
    connect(document, &WorkspaceDocument::tiersReset, this, tiersChanged);
    rememberStates();
}

int KeyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_document->keys().size());
}

int KeyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const server::ApiKey* KeyTableModel::key(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_document->keys()[std::size_t(row)];
}

int KeyTableModel::rowOfKey(const QString& id) const
{
    const std::string keyId = toStd(id);
    const auto& keys = m_document->keys();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].id == keyId)
            return int(i);
    }
    return -1;
}

std::int64_t KeyTableModel::now() const
{
    return m_now();
}

void KeyTableModel::setClock(std::function<std::int64_t()> now)
{
    m_now = std::move(now);
    refreshTime();
}

std::uint64_t KeyTableModel::usedThisMonth(const server::ApiKey& key) const
{
    return m_used.value(toQt(key.id), 0);
}

void KeyTableModel::setUsage(const std::vector<server::KeyUsage>& usage)
{
    m_usage = usage;
    QHash<QString, std::uint64_t> used;
    const std::string month = toStd(m_month);
    for (const server::KeyUsage& u : m_usage) {
        if (u.month == month)
            used[toQt(u.keyId)] += u.requests;
    }
    if (used == m_used)
        return;
    m_used = std::move(used);
    emitColumnChanged(UsageColumn, UsageColumn);
}

void KeyTableModel::refreshTime()
{
    const QString month = toQt(server::usageMonth(now()));
    if (month != m_month) {
        m_month = month;
        // A new month starts every quota at zero.
        const std::vector<server::KeyUsage> usage = m_usage;
        m_used.clear();
        setUsage(usage);
        emitColumnChanged(UsageColumn, UsageColumn);
    }
    const auto& keys = m_document->keys();
    const std::int64_t t = now();
    for (std::size_t i = 0; i < keys.size() && i < m_states.size(); ++i) {
        const server::KeyState state = server::keyState(keys[i], t);
        if (state != m_states[i]) {
            m_states[i] = state;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
        }
    }
}

void KeyTableModel::rememberStates()
{
    m_states.clear();
    const std::int64_t t = now();
    for (const server::ApiKey& k : m_document->keys())
        m_states.push_back(server::keyState(k, t));
}

void KeyTableModel::emitColumnChanged(int first, int last)
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, first), index(rowCount() - 1, last));
}

QVariant KeyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::ApiKey& k = m_document->keys()[std::size_t(index.row())];
    const std::vector<server::Tier>& tiers = m_document->tiers();
    const server::Tier* tier = server::findTier(tiers, k.tier);
    const server::KeyState state = server::keyState(k, now());
    const int column = index.column();
    const QLocale locale;
    const std::uint64_t used = usedThisMonth(k);

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case LabelColumn:
            return toQt(k.label);
        case PrefixColumn:
            return QString(toQt(k.prefix) + QChar(0x2026));
        case OwnerColumn:
            return toQt(k.owner);
        case TierColumn:
            return tier ? tierLabel(*tier) : tr("%1 (missing)").arg(toQt(k.tier));
        case ScopesColumn:
            return ScopeList::toText(k.scopes);
        case StateColumn:
            switch (state) {
            case server::KeyState::Active:
                return tr("Active");
            case server::KeyState::Expired:
                return tr("Expired");
            case server::KeyState::Revoked:
                return tr("Revoked");
            }
            return {};
        case CreatedColumn:
            return k.created > 0 ? shortTime(k.created) : QString();
        case ExpiresColumn:
            return k.expires > 0 ? shortTime(k.expires) : tr("never");
        case UsageColumn:
            if (!tier)
                return locale.toString(qulonglong(used));
            if (tier->monthlyQuota == 0)
                return tr("%1 / unlimited").arg(locale.toString(qulonglong(used)));
            return tr("%1 / %2").arg(
                locale.toString(qulonglong(used)), locale.toString(tier->monthlyQuota));
        default:
            return {};
        }
    case Qt::EditRole:
        switch (column) {
        case LabelColumn:
            return toQt(k.label);
        case OwnerColumn:
            return toQt(k.owner);
        case ScopesColumn:
            return ScopeList::toText(k.scopes);
        case TierColumn:
            for (std::size_t i = 0; i < tiers.size(); ++i) {
                if (tiers[i].id == k.tier)
                    return int(i);
            }
            return -1;
        default:
            return data(index, Qt::DisplayRole);
        }
    case ChoicesRole:
        if (column == TierColumn) {
            QStringList names;
            for (const server::Tier& t : tiers)
                names << tierLabel(t);
            return names;
        }
        return {};
    case SortRole:
        switch (column) {
        case StateColumn:
            return int(state);
        case CreatedColumn:
            return qint64(k.created);
        case ExpiresColumn:
            // "never" after every date.
            return k.expires > 0 ? qint64(k.expires) : std::numeric_limits<qint64>::max();
        case UsageColumn:
            return qint64(used);
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case StateRole:
        return int(state);
    case TierRole:
        return toQt(k.tier);
    case KeyIdRole:
        return toQt(k.id);
    case FilterRole:
        return QStringList { toQt(k.label), toQt(k.prefix), toQt(k.owner), toQt(k.tier),
            tier ? tierLabel(*tier) : QString(), ScopeList::toText(k.scopes), toQt(k.id) }
            .join(QLatin1Char(' '));
    case UsedRole:
        return qint64(used);
    case QuotaRole:
        return qint64(tier ? tier->monthlyQuota : 0);
    case Qt::TextAlignmentRole:
        return int((column == UsageColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::FontRole:
        if (column == PrefixColumn)
            return monospaceFont();
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (column == StateColumn && state == server::KeyState::Revoked)
            return statusColor(500, palette);
        if (state != server::KeyState::Active)
            return palette.color(QPalette::Disabled, QPalette::Text);
        return {};
    }
    case Qt::ToolTipRole:
        switch (column) {
        case PrefixColumn:
            return tr("Key ID %1. Tollgate keeps only the first characters of a key and its "
                      "SHA-256 hash.")
                .arg(toQt(k.id));
        case TierColumn:
            if (!tier)
                return tr("There is no tier \"%1\": requests with this key are refused.")
                    .arg(toQt(k.tier));
            return {};
        case StateColumn:
            if (state == server::KeyState::Revoked)
                return tr("Revoked %1").arg(toQt(server::formatUtcTime(k.revoked)));
            if (state == server::KeyState::Expired)
                return tr("Expired %1").arg(toQt(server::formatUtcTime(k.expires)));
            if (!k.rotatedFrom.empty())
                return tr("Replaces key %1").arg(toQt(k.rotatedFrom));
            return {};
        case CreatedColumn:
            return k.created > 0 ? toQt(server::formatUtcTime(k.created)) : QString();
        case ExpiresColumn:
            return k.expires > 0 ? toQt(server::formatUtcTime(k.expires)) : QString();
        case UsageColumn:
            return tr("Requests admitted in %1 (UTC) against the tier's monthly quota")
                .arg(m_month);
        default:
            return {};
        }
    default:
        return {};
    }
}

bool KeyTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !(flags(index) & Qt::ItemIsEditable))
        return false;
    std::vector<server::ApiKey> keys = m_document->keys();
    server::ApiKey& k = keys[std::size_t(index.row())];
    const QString name = toQt(k.label.empty() ? k.prefix : k.label);
    QString text;
    switch (index.column()) {
    case LabelColumn:
        k.label = toStd(value.toString().trimmed());
        text = tr("Rename key %1").arg(name);
        break;
    case OwnerColumn:
        k.owner = toStd(value.toString().trimmed());
        text = tr("Change owner of key %1").arg(name);
        break;
    case ScopesColumn: {
        QString error;
        if (!ScopeList::parse(value.toString(), &k.scopes, &error)) {
            Q_EMIT validationFailed(error);
            return false;
        }
        text = tr("Change scopes of key %1").arg(name);
        break;
    }
    case TierColumn: {
        const auto& tiers = m_document->tiers();
        bool isIndex = false;
        const int choice = value.toInt(&isIndex);
        const server::Tier* tier = nullptr;
        if (isIndex && value.typeId() != QMetaType::QString) {
            if (choice >= 0 && choice < int(tiers.size()))
                tier = &tiers[std::size_t(choice)];
        } else {
            tier = server::findTier(tiers, toStd(value.toString().trimmed()));
        }
        if (!tier) {
            Q_EMIT validationFailed(tr("There is no tier \"%1\".").arg(value.toString().trimmed()));
            return false;
        }
        k.tier = tier->id;
        text = tr("Move key %1 to tier %2").arg(name, tierLabel(*tier));
        break;
    }
    default:
        return false;
    }
    if (keys == m_document->keys())
        return true;
    m_document->setKeys(keys, text);
    return true;
}

Qt::ItemFlags KeyTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::ApiKey& k = m_document->keys()[std::size_t(index.row())];
    const int column = index.column();
    // A revoked key is a record of what happened; nothing about it changes.
    if (k.revoked == 0
        && (column == LabelColumn || column == OwnerColumn || column == ScopesColumn
            || column == TierColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == UsageColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == UsageColumn)
        return tr("Requests this month (UTC) against the tier's monthly quota");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LabelColumn:
        return tr("Label");
    case PrefixColumn:
        return tr("Key");
    case OwnerColumn:
        return tr("Owner");
    case TierColumn:
        return tr("Tier");
    case ScopesColumn:
        return tr("Scopes");
    case StateColumn:
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case UsageColumn:
        return tr("This month");
    default:
        return {};
    }
}

} // namespace tollgate::ui
