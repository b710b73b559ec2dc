#pragma once

// Small widgets that several pages build the same way, so an inline error or
// a table's tool button looks alike on every page.

#include <QString>

class QAction;
class QLabel;
class QToolButton;
class QWidget;

namespace tollgate::ui {

/// A hidden label for an inline error message, in the error colour. Callers
/// show it with the text and choose word wrapping.
QLabel* errorLabel(const QString& objectName, QWidget* parent);

/// A hidden, word-wrapped banner label with selectable text, for a warning
/// or an error across a dialog or panel; colour it with applyBannerPalette.
QLabel* bannerLabel(const QString& objectName, QWidget* parent);

/// A bold label naming a section of a page ("Headers", "Tiers").
QLabel* titleLabel(const QString& text, QWidget* parent);

/// A flat tool button showing the theme icon, or the text where the theme
/// has no such icon; the tip says what it does.
QToolButton* iconButton(
    const QString& iconName, const QString& text, const QString& tip, QWidget* parent);

/// A flat tool button for an action, its icon beside its icon text, for a
/// section's bar.
QToolButton* actionButton(QAction* action, QWidget* parent);

} // namespace tollgate::ui
