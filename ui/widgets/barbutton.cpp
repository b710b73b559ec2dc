#include "ui/widgets/barbutton.h"

#include <QIcon>
#include <QToolButton>

namespace tollgate::ui {

QToolButton* barButton(const QString& iconName, const QString& text, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setIcon(QIcon::fromTheme(iconName));
    button->setText(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

} // namespace tollgate::ui
