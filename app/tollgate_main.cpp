// The GUI's composition root: a QApplication, the names settings and paths
// derive from, and ui::Application for everything else.

#include "ui/shell/application.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationDomain(QStringLiteral("tollgate.invalid"));
    QApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    // Matches packaging/io.tollgate.Tollgate.desktop, so Wayland compositors
    // find the icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.tollgate.Tollgate"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tollgate.svg")));

    tollgate::ui::Application tollgate;
    tollgate.installTranslations();
    tollgate.parseCommandLine(QApplication::arguments());
    tollgate.showMainWindow();
    return QApplication::exec();
}
