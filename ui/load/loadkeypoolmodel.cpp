#include "ui/load/loadkeypoolmodel.h"

#include "server/access/apikey.h"
#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

namespace {

constexpr double kMaxWeight = 1'000'000;

} // namespace

LoadKeyPoolModel::LoadKeyPoolModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    Row none;
    none.anonymous = true;
    m_rows.push_back(none);
}

int LoadKeyPoolModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoadKeyPoolModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void LoadKeyPoolModel::refresh(const std::vector<server::ApiKey>& keys,
    const std::vector<server::Tier>& tiers, const std::function<bool(const QString&)>& knowsSecret,
    std::int64_t now)
{
    // Remember what the rows shown now say before they go.
    for (const Row& r : m_rows)
        m_choices.insert(r.anonymous ? QString() : r.keyId, { r.enabled, r.weight });

    std::vector<Row> rows;
    for (const server::ApiKey& key : keys) {
        const QString id = toQt(key.id);
        if (server::keyState(key, now) != server::KeyState::Active || !knowsSecret(id))
            continue;
        Row r;
        r.keyId = id;
        r.label = !key.label.empty() ? toQt(key.label)
            : !key.prefix.empty()    ? toQt(key.prefix) + QStringLiteral("…")
                                     : id;
        r.tierId = toQt(key.tier);
        const server::Tier* tier = server::findTier(tiers, key.tier);
        r.tierName = tier && !tier->name.empty() ? toQt(tier->name) : toQt(key.tier);
        const auto it = m_choices.constFind(id);
        if (it != m_choices.constEnd()) {
            r.enabled = it->enabled;
            r.weight = it->weight;
        }
        rows.push_back(r);
    }
    const auto tierRank = [&tiers](const QString& id) {
        const auto it = std::find_if(
            tiers.begin(), tiers.end(), [&](const server::Tier& t) { return toQt(t.id) == id; });
        return int(it - tiers.begin());
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        const int ra = tierRank(a.tierId);
        const int rb = tierRank(b.tierId);
        if (ra != rb)
            return ra < rb;
        return a.label.localeAwareCompare(b.label) < 0;
    });
    Row none;
    none.anonymous = true;
    const auto it = m_choices.constFind(QString());
    if (it != m_choices.constEnd()) {
        none.enabled = it->enabled;
        none.weight = it->weight;
    }
    rows.push_back(none);

    const bool sameShape = rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(),
            [](const Row& a, const Row& b) { return a.keyId == b.keyId; });
    if (sameShape) {
        m_rows = std::move(rows);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    Q_EMIT poolChanged();
}

int LoadKeyPoolModel::rowOfKey(const QString& keyId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!m_rows[i].anonymous && m_rows[i].keyId == keyId)
            return int(i);
    }
    return -1;
}

int LoadKeyPoolModel::anonymousRow() const
{
    return int(m_rows.size()) - 1;
}

QVariant LoadKeyPoolModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case KeyColumn:
            return r.anonymous ? tr("No key") : r.label;
        case TierColumn:
            return r.anonymous ? tr("anonymous") : r.tierName;
        case WeightColumn:
            return QLocale().toString(r.weight, 'g', 6);
        case ShareColumn:
            return r.enabled && r.weight > 0
                ? MetricsFormat::percentText(100.0 * share(index.row()))
                : QStringLiteral("–");
        }
        break;
    case Qt::EditRole:
        if (column == WeightColumn)
            return r.weight;
        break;
    case ValueRole:
        if (column == WeightColumn)
            return r.weight;
        if (column == ShareColumn)
            return share(index.row());
        break;
    case KeyIdRole:
        return r.keyId;
    case Qt::CheckStateRole:
        if (column == KeyColumn)
            return r.enabled ? Qt::Checked : Qt::Unchecked;
        break;
    case Qt::TextAlignmentRole:
        if (column == WeightColumn || column == ShareColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (r.anonymous && column == KeyColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    case Qt::ToolTipRole:
        if (r.anonymous)
            return tr("Requests sent without any key: what an anonymous caller sees");
        if (column == KeyColumn)
            return tr("Key %1").arg(r.keyId);
        break;
    default:
        break;
    }
    return {};
}

bool LoadKeyPoolModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= rowCount())
        return false;
    Row& r = m_rows[std::size_t(index.row())];
    const QString id = r.anonymous ? QString() : r.keyId;
    if (role == Qt::CheckStateRole && index.column() == KeyColumn) {
        const bool on = value.toInt() == Qt::Checked;
        if (on != r.enabled) {
            r.enabled = on;
            m_choices.insert(id, { r.enabled, r.weight });
            Q_EMIT dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
            emitShares();
            Q_EMIT poolChanged();
        }
        return true;
    }
    if (role == Qt::EditRole && index.column() == WeightColumn) {
        bool ok = false;
        const double w = value.toDouble(&ok);
        if (!ok || !std::isfinite(w) || w < 0 || w > kMaxWeight)
            return false;
        if (w != r.weight) {
            r.weight = w;
            m_choices.insert(id, { r.enabled, r.weight });
            Q_EMIT dataChanged(index, index);
            emitShares();
            Q_EMIT poolChanged();
        }
        return true;
    }
    return false;
}

Qt::ItemFlags LoadKeyPoolModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == KeyColumn)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == WeightColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LoadKeyPoolModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TierColumn:
        return tr("Tier");
    case WeightColumn:
        return tr("Weight");
    case ShareColumn:
        return tr("Share");
    }
    return {};
}

void LoadKeyPoolModel::setChoice(const QString& keyId, const Choice& choice)
{
    m_choices.insert(keyId, choice);
    const int row = keyId.isEmpty() ? anonymousRow() : rowOfKey(keyId);
    if (row < 0)
        return;
    Row& r = m_rows[std::size_t(row)];
    r.enabled = choice.enabled;
    r.weight = choice.weight;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emitShares();
    Q_EMIT poolChanged();
}

QHash<QString, LoadKeyPoolModel::Choice> LoadKeyPoolModel::choices() const
{
    QHash<QString, Choice> all = m_choices;
    for (const Row& r : m_rows)
        all.insert(r.anonymous ? QString() : r.keyId, { r.enabled, r.weight });
    return all;
}

void LoadKeyPoolModel::setChoices(const QHash<QString, Choice>& choices)
{
    m_choices = choices;
    for (Row& r : m_rows) {
        const auto it = m_choices.constFind(r.anonymous ? QString() : r.keyId);
        if (it != m_choices.constEnd()) {
            r.enabled = it->enabled;
            r.weight = it->weight;
        }
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT poolChanged();
}

std::vector<server::LoadKey> LoadKeyPoolModel::poolKeys(
    const std::function<QString(const QString&)>& secretOf) const
{
    std::vector<server::LoadKey> keys;
    bool anyKey = false;
    for (const Row& r : m_rows) {
        if (!r.enabled || r.weight <= 0)
            continue;
        server::LoadKey k;
        k.weight = r.weight;
        if (r.anonymous) {
            k.tier = toStd(noKeyTier());
        } else {
            const QString secret = secretOf(r.keyId);
            if (secret.isEmpty())
                continue;
            k.id = toStd(r.keyId);
            k.tier = toStd(r.tierId);
            k.secret = toStd(secret);
            anyKey = true;
        }
        keys.push_back(std::move(k));
    }
    if (!anyKey)
        keys.clear();
    return keys;
}

double LoadKeyPoolModel::share(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    const Row& r = m_rows[std::size_t(row)];
    if (!r.enabled || r.weight <= 0)
        return 0;
    double total = 0;
    for (const Row& other : m_rows) {
        if (other.enabled && other.weight > 0)
            total += other.weight;
    }
    return total > 0 ? r.weight / total : 0;
}

QStringList LoadKeyPoolModel::tiersInPool() const
{
    QStringList tiers;
    for (const Row& r : m_rows) {
        if (!r.anonymous && !tiers.contains(r.tierId))
            tiers << r.tierId;
    }
    return tiers;
}

void LoadKeyPoolModel::emitShares()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, ShareColumn), index(rowCount() - 1, ShareColumn));
}

} // namespace tollgate::ui
