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

QPalette lightPalette()
{
    QPalette p;
    const QColor window(0xef, 0xf0, 0xf1);
    const QColor base(0xfc, 0xfc, 0xfc);
    const QColor text(0x23, 0x26, 0x29);
    const QColor highlight(0x3d, 0xae, 0xe9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf4, 0xf5));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe1));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8e, 0x92));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xf6, 0xf7, 0xf7));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe0, 0xe1, 0xe2));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xbb, 0xbe));
    p.setColor(QPalette::Dark, QColor(0x88, 0x8b, 0x8e));
    p.setColor(QPalette::Shadow, QColor(0x47, 0x4a, 0x4c));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x29, 0x80, 0xb9));
    p.setColor(QPalette::LinkVisited, QColor(0x7f, 0x8c, 0x8d));
    const QColor disabledText(0xa0, 0xa3, 0xa6);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0xc0, 0xc3, 0xc6));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1e, 0x21, 0x24);
    const QColor text(0xe3, 0xe5, 0xe7);
    const QColor highlight(0x3d, 0xae, 0xe9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x7f, 0x84, 0x89));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x40, 0x45, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3a, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x24, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0f, 0x10));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x5d, 0xad, 0xe2));
    p.setColor(QPalette::LinkVisited, QColor(0xa5, 0x8c, 0xd0));
    const QColor disabledText(0x6e, 0x73, 0x78);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x40, 0x45, 0x4a));
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
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
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
