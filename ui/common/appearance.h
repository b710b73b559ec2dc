#pragma once

// Colours, fonts and themes shared by the panels, so a GET badge in the route
// list and a 2xx status in the traffic log agree in both palettes.

#include <QColor>
#include <QFont>
#include <QString>
#include <QStringList>

class QPalette;

class QWidget;

namespace tollgate::ui {

enum class Theme { System, Light, Dark };

/// The HTTP methods the editor offers, in the order users expect.
QStringList httpMethods();

/// Fill colour of a method badge (GET green, POST blue, DELETE red, ...).
QColor methodColor(const QString& method);

/// Text colour for a status code in the given palette; 0 (connection reset)
/// counts as a server error.
QColor statusColor(int status, const QPalette& palette);

/// The fixed-pitch font used for paths, headers and bodies.
QFont monospaceFont();

bool isDarkPalette(const QPalette& palette);

enum class Banner { Warning, Error };
/// Colours a banner label (amber warning, red error) for the light or dark
/// palette around it (the panel's: the banner's own holds these colours);
/// call again on QEvent::PaletteChange.
void applyBannerPalette(QWidget* banner, Banner kind, const QPalette& around);

/// Remembers the platform style and palette; call once before applyTheme.
void captureSystemTheme();
/// Switches the whole application: System restores the platform look, Light
/// and Dark use Fusion with a fixed palette so they look the same everywhere.
void applyTheme(Theme theme);
QString themeKey(Theme theme);
Theme themeFromKey(const QString& key);

} // namespace tollgate::ui
