#pragma once

class QString;
class QToolButton;
class QWidget;

namespace tollgate::ui {

/// A flat tool button with a theme icon and its text beside it, as in the
/// Add / Remove bars under lists and tables.
QToolButton* barButton(const QString& iconName, const QString& text, QWidget* parent);

} // namespace tollgate::ui
