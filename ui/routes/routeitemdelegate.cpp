#include "ui/routes/routeitemdelegate.h"

#include "ui/common/appearance.h"
#include "ui/routes/routelistmodel.h"

#include <QApplication>
#include <QComboBox>
#include <QPainter>
#include <QPainterPath>

namespace tollgate::ui {

namespace {

constexpr int kBadgeHPadding = 6;
constexpr int kBadgeVPadding = 3;
constexpr int kCellMargin = 6;

QFont badgeFont(const QFont& base)
{
    QFont f = base;
    f.setBold(true);
    f.setPointSizeF(base.pointSizeF() * 0.8);
    f.setLetterSpacing(QFont::PercentageSpacing, 104);
    return f;
}

} // namespace

void RouteItemDelegate::initStyleOption(
    QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == RouteListModel::PathColumn)
        option->font = monospaceFont();
    if (!index.data(RouteListModel::EnabledRole).toBool()) {
        // Dim with the palette's disabled text colour rather than a fixed grey
        // so it reads in light and dark themes alike.
        const QColor dim = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, dim);
        option->palette.setColor(QPalette::HighlightedText,
            option->palette.color(QPalette::HighlightedText).darker(115));
        option->font.setItalic(index.column() == RouteListModel::PathColumn);
    }
}

void RouteItemDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != RouteListModel::MethodColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Background (selection, hover) from the style, then the badge on top.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString method = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QFont font = badgeFont(option.font);
    const QFontMetrics fm(font);
    const int width = fm.horizontalAdvance(method) + 2 * kBadgeHPadding;
    const int height = fm.height() + 2 * kBadgeVPadding;
    QRect badge(option.rect.left() + kCellMargin,
        option.rect.top() + (option.rect.height() - height) / 2, width, height);

    const bool enabled = index.data(RouteListModel::EnabledRole).toBool();
    // "WS" (no HTTP method) is a WebSocket route's badge: a colour of its
    // own, not GET's green, so the routes that hold connections stand out.
    const QColor fill
        = method == QLatin1String("WS") ? QColor(0x13, 0x86, 0x8c) : methodColor(method);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!enabled)
        painter->setOpacity(0.45);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->fillPath(path, fill);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, method);
    painter->restore();
}

QSize RouteItemDelegate::sizeHint(
    const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(badgeFont(option.font));
    size.setHeight(std::max(size.height(), fm.height() + 2 * kBadgeVPadding + 8));
    if (index.column() == RouteListModel::MethodColumn) {
        size.setWidth(
            fm.horizontalAdvance(QStringLiteral("OPTIONS")) + 2 * kBadgeHPadding + 2 * kCellMargin);
    }
    return size;
}

QWidget* RouteItemDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != RouteListModel::MethodColumn) {
        QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (index.column() == RouteListModel::PathColumn)
            editor->setFont(monospaceFont());
        return editor;
    }
    auto* combo = new QComboBox(parent);
    combo->addItems(httpMethods());
    return combo;
}

void RouteItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void RouteItemDelegate::setModelData(
    QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace tollgate::ui
