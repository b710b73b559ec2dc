#include "ui/common/widgetfactory.h"

#include <QColor>
#include <QIcon>
#include <QLabel>
#include <QPalette>
#include <QToolButton>

namespace tollgate::ui {

QLabel* errorLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x3a));
    label->setPalette(p);
    label->hide();
    return label;
}

QLabel* bannerLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAutoFillBackground(true);
    label->setContentsMargins(8, 4, 8, 4);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

QLabel* titleLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QToolButton* iconButton(
    const QString& iconName, const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setIcon(QIcon::fromTheme(iconName));
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setToolButtonStyle(b->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
    return b;
}

QToolButton* actionButton(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return b;
}

} // namespace tollgate::ui
