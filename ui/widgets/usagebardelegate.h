#pragma once

#include <QStyledItemDelegate>

namespace tollgate::ui {

/// Paints a key's requests this month against its quota: "734 / 1,000" next
/// to a bar that turns amber near the quota and red beyond it. Reads the
/// counts from the roles given (KeyTableModel::UsedRole and QuotaRole); a
/// quota of 0 (none) shows the count without a bar.
class UsageBarDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageBarDelegate)

public:
    UsageBarDelegate(int usedRole, int quotaRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// The fill colour for used of quota in this palette.
    static QColor barColor(qint64 used, qint64 quota, const QPalette& palette);

private:
    int m_usedRole;
    int m_quotaRole;
};

} // namespace tollgate::ui
