// The GUI's entry point; app::Application is its composition root.

#include "app/gui/application.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    tollgate::app::Application::setIdentity();

    tollgate::app::Application tollgate;
    tollgate.installTranslations();
    tollgate.parseCommandLine(QApplication::arguments());
    tollgate.showMainWindow();
    return QApplication::exec();
}
