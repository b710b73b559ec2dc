#pragma once

#include <QSortFilterProxyModel>

namespace tollgate::ui {

/// Filters the key table by tier, by state and by free text (label, prefix,
/// owner, scopes, tier, id), and sorts it on raw values.
class KeyFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyFilterProxy)

public:
    explicit KeyFilterProxy(QObject* parent = nullptr);

    /// A tier id; empty shows every tier.
    void setTierFilter(const QString& tierId);
    QString tierFilter() const { return m_tier; }
    /// A server::KeyState as int; -1 shows every state.
    void setStateFilter(int state);
    int stateFilter() const { return m_state; }
    /// Words that must all appear (case-insensitive); empty shows all.
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_tier;
    int m_state = -1;
    QString m_text;
    QStringList m_words;
};

} // namespace tollgate::ui
