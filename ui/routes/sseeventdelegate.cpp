#include "ui/routes/sseeventdelegate.h"

#include "ui/routes/sseeventmodel.h"

#include <QSpinBox>

namespace tollgate::ui {

SseEventDelegate::SseEventDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QWidget* SseEventDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int column = index.column();
    if (column != SseEventModel::RetryColumn && column != SseEventModel::DelayColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);
    // QStyledItemDelegate sets and reads the spin box's value (EditRole).
    auto* spin = new QSpinBox(parent);
    spin->setFrame(false);
    spin->setRange(0, SseEventModel::kMaxMs);
    spin->setSingleStep(100);
    spin->setAccelerated(true);
    spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (column == SseEventModel::RetryColumn)
        spin->setSpecialValueText(tr("none"));
    return spin;
}

} // namespace tollgate::ui
