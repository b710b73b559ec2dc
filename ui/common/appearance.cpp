#include "ui/common/appearance.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

namespace tollgate::ui {

namespace {

QString g_systemStyle;
QPalette g_systemPalette;
bool g_captured = false;

// The colours of a theme; makePalette() puts them in a QPalette. Text on
// light elements (tool tips, highlights) is white in both themes.
struct ThemeColours {
    QRgb window, base, text, highlight, alternateBase, toolTipBase, placeholder, button, light,
        midlight, mid, dark, shadow, link, linkVisited, disabledText, disabledHighlight;
};

constexpr ThemeColours kLight { 0xeff0f1, 0xfcfcfc, 0x232629, 0x3daee9, 0xf3f4f5, 0xffffe1,
    0x8a8e92, 0xf6f7f7, 0xffffff, 0xe0e1e2, 0xb8bbbe, 0x888b8e, 0x474a4c, 0x2980b9, 0x7f8c8d,
    0xa0a3a6, 0xc0c3c6 };

constexpr ThemeColours kDark { 0x2a2e32, 0x1e2124, 0xe3e5e7, 0x3daee9, 0x25282b, 0x31363b,
    0x7f8489, 0x31363b, 0x40454a, 0x363a3f, 0x24272a, 0x191b1d, 0x0e0f10, 0x5dade2, 0xa58cd0,
    0x6e7378, 0x40454a };

QPalette makePalette(const ThemeColours& c)
{
    QPalette p;
    const QColor text = QColor::fromRgb(c.text);
    p.setColor(QPalette::Window, QColor::fromRgb(c.window));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor::fromRgb(c.base));
    p.setColor(QPalette::AlternateBase, QColor::fromRgb(c.alternateBase));
    p.setColor(QPalette::ToolTipBase, QColor::fromRgb(c.toolTipBase));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor::fromRgb(c.placeholder));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor::fromRgb(c.button));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor::fromRgb(c.light));
    p.setColor(QPalette::Midlight, QColor::fromRgb(c.midlight));
    p.setColor(QPalette::Mid, QColor::fromRgb(c.mid));
    p.setColor(QPalette::Dark, QColor::fromRgb(c.dark));
    p.setColor(QPalette::Shadow, QColor::fromRgb(c.shadow));
    p.setColor(QPalette::Highlight, QColor::fromRgb(c.highlight));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor::fromRgb(c.link));
    p.setColor(QPalette::LinkVisited, QColor::fromRgb(c.linkVisited));
    const QColor disabledText = QColor::fromRgb(c.disabledText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, QColor::fromRgb(c.window));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor::fromRgb(c.disabledHighlight));
    return p;
}

} // namespace

QStringList httpMethods()
{
    return { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS") };
}

QColor methodColor(const QString& method)
{
    // The colours API tools have taught users: GET green, POST blue/amber,
    // PUT amber, PATCH purple, DELETE red, the rest neutral.
    if (method == QLatin1String("GET"))
        return QColor(0x2e, 0x9d, 0x5b);
    if (method == QLatin1String("POST"))
        return QColor(0x2f, 0x7d, 0xd1);
    if (method == QLatin1String("PUT"))
        return QColor(0xd1, 0x8a, 0x1b);
    if (method == QLatin1String("PATCH"))
        return QColor(0x8e, 0x5c, 0xc9);
    if (method == QLatin1String("DELETE"))
        return QColor(0xd0, 0x3f, 0x3f);
    return QColor(0x7b, 0x82, 0x89);
}

QColor statusColor(int status, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    if (status >= 200 && status < 300)
        return dark ? QColor(0x6b, 0xcf, 0x8c) : QColor(0x1e, 0x7e, 0x45);
    if (status >= 300 && status < 400)
        return dark ? QColor(0x74, 0xb4, 0xf0) : QColor(0x1f, 0x5f, 0xa8);
    if (status >= 400 && status < 500)
        return dark ? QColor(0xf0, 0xb4, 0x5a) : QColor(0xa8, 0x60, 0x00);
    if (status >= 500 || status == 0)
        return dark ? QColor(0xf2, 0x7c, 0x7c) : QColor(0xbf, 0x26, 0x26);
    return palette.color(QPalette::Text);
}

QFont monospaceFont()
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setStyleHint(QFont::TypeWriter);
    return f;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void applyBannerPalette(QWidget* banner, Banner kind, const QPalette& around)
{
    const bool dark = isDarkPalette(around);
    QPalette p = banner->palette();
    if (kind == Banner::Error) {
        p.setColor(QPalette::Window, dark ? QColor(0x5a, 0x1e, 0x1e) : QColor(0xfd, 0xe2, 0xe1));
        p.setColor(
            QPalette::WindowText, dark ? QColor(0xff, 0xb4, 0xb4) : QColor(0x8a, 0x1c, 0x1c));
    } else {
        p.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3b, 0x10) : QColor(0xff, 0xf3, 0xcd));
        p.setColor(
            QPalette::WindowText, dark ? QColor(0xff, 0xd6, 0x6b) : QColor(0x7a, 0x5a, 0x00));
    }
    banner->setPalette(p);
}

void captureSystemTheme()
{
    if (g_captured)
        return;
    g_captured = true;
    g_systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
    g_systemPalette = QApplication::palette();
}

void applyTheme(Theme theme)
{
    captureSystemTheme();
    switch (theme) {
    case Theme::System:
        if (!g_systemStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(g_systemStyle));
        QApplication::setPalette(g_systemPalette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(makePalette(kLight));
        break;
    case Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(makePalette(kDark));
        break;
    }
}

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

Theme themeFromKey(const QString& key)
{
    if (key == QLatin1String("light"))
        return Theme::Light;
    if (key == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

} // namespace tollgate::ui
