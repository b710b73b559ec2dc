#include "ui/keys/keyfilterproxy.h"

#include "ui/keys/keytablemodel.h"

namespace tollgate::ui {

KeyFilterProxy::KeyFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Usage and states change under a sorted, filtered view several times a
    // second; re-sorting on dataChanged keeps the order honest.
    setDynamicSortFilter(true);
}

void KeyFilterProxy::setTierFilter(const QString& tierId)
{
    if (tierId == m_tier)
        return;
    m_tier = tierId;
    invalidateFilter();
}

void KeyFilterProxy::setStateFilter(int state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

void KeyFilterProxy::setTextFilter(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool KeyFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_tier.isEmpty() && index.data(KeyTableModel::TierRole).toString() != m_tier)
        return false;
    if (m_state >= 0 && index.data(KeyTableModel::StateRole).toInt() != m_state)
        return false;
    if (!m_words.isEmpty()) {
        const QString haystack = index.data(KeyTableModel::FilterRole).toString();
        for (const QString& word : m_words) {
            if (!haystack.contains(word, Qt::CaseInsensitive))
                return false;
        }
    }
    return true;
}

} // namespace tollgate::ui
