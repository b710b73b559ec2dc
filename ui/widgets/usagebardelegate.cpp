#include "ui/widgets/usagebardelegate.h"

#include "ui/common/appearance.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr int kMargin = 6;
constexpr int kGap = 8;
constexpr int kBarHeight = 6;
constexpr int kMinBarWidth = 24;
constexpr int kPreferredBarWidth = 90;
// From this share of the quota on the bar warns.
constexpr double kWarnShare = 0.9;

} // namespace

UsageBarDelegate::UsageBarDelegate(int usedRole, int quotaRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_usedRole(usedRole)
    , m_quotaRole(quotaRole)
{
}

QColor UsageBarDelegate::barColor(qint64 used, qint64 quota, const QPalette& palette)
{
    if (quota > 0 && used > quota)
        return statusColor(500, palette);
    if (quota > 0 && double(used) >= kWarnShare * double(quota))
        return statusColor(400, palette);
    return statusColor(200, palette);
}

void UsageBarDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // Background, selection and focus from the style; bar and text on top.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const qint64 used = index.data(m_usedRole).toLongLong();
    const qint64 quota = index.data(m_quotaRole).toLongLong();
    const bool over = quota > 0 && used > quota;
    const bool selected = option.state & QStyle::State_Selected;

    QFont font = opt.font;
    font.setBold(over);
    const QFontMetrics fm(font);
    const QRect cell = option.rect.adjusted(kMargin, 0, -kMargin, 0);
    // horizontalAdvance rounds; a pixel more keeps elidedText from eliding.
    const int textWidth = std::min(fm.horizontalAdvance(text) + 2, cell.width());
    const QRect textRect(cell.right() - textWidth + 1, cell.top(), textWidth, cell.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int barWidth = cell.width() - textWidth - kGap;
    if (quota > 0 && barWidth >= kMinBarWidth) {
        const QRectF track(
            cell.left(), cell.center().y() - kBarHeight / 2.0 + 1, barWidth, kBarHeight);
        // A tint of the text colour reads on light and dark bases alike.
        QColor trackColor = option.palette.color(QPalette::Text);
        trackColor.setAlpha(40);
        QPainterPath trackPath;
        trackPath.addRoundedRect(track, kBarHeight / 2.0, kBarHeight / 2.0);
        painter->fillPath(trackPath, trackColor);
        // Painting only: the counts themselves stay integers.
        const double share = std::clamp(double(used) / double(quota), 0.0, 1.0);
        if (share > 0) {
            QRectF fill = track;
            fill.setWidth(std::max(double(kBarHeight), track.width() * share));
            QPainterPath fillPath;
            fillPath.addRoundedRect(fill, kBarHeight / 2.0, kBarHeight / 2.0);
            painter->fillPath(fillPath, barColor(used, quota, option.palette));
        }
    }
    QColor textColor = selected ? option.palette.color(QPalette::HighlightedText)
                                : opt.palette.color(QPalette::Text);
    if (over && !selected)
        textColor = statusColor(500, option.palette);
    painter->setPen(textColor);
    painter->setFont(font);
    painter->drawText(textRect, int(Qt::AlignRight | Qt::AlignVCenter),
        fm.elidedText(text, Qt::ElideLeft, textRect.width()));
    painter->restore();
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics fm(bold);
    size.setWidth(fm.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + kGap
        + kPreferredBarWidth + 2 * kMargin);
    return size;
}

} // namespace tollgate::ui
