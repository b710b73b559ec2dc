#include "app/gui/application.h"

#include "ui/common/appearance.h"
#include "ui/common/logging.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/localengine.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTranslator>

namespace tollgate::app {

// The start-up strings keep the translation context they had when this code
// lived in ui/ (tollgate::ui::Application), so their translations carry over.

namespace {

const QString kDemoResource = QStringLiteral(":/demo");

} // namespace

Application::Application(QObject* parent)
    : QObject(parent)
    , m_workspaceOption(QStringList { QStringLiteral("w"), QStringLiteral("workspace") },
          QCoreApplication::translate("tollgate::ui::Application", "Open the workspace in <dir>."),
          QCoreApplication::translate("tollgate::ui::Application", "dir"))
    , m_themeOption(QStringLiteral("theme"),
          QCoreApplication::translate(
              "tollgate::ui::Application", "Use the <theme> look: system, light or dark."),
          QCoreApplication::translate("tollgate::ui::Application", "theme"))
{
}

Application::~Application()
{
    m_window.reset();
    m_engine.reset();
}

void Application::setIdentity()
{
    QApplication::setApplicationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationDomain(QStringLiteral("tollgate.invalid"));
    QApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    // Matches packaging/io.tollgate.Tollgate.desktop, so Wayland compositors
    // find the icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.tollgate.Tollgate"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tollgate.svg")));
}

void Application::installTranslations()
{
    const QLocale locale;
    // Qt's own strings (standard buttons, file dialogs) first, ours on top.
    auto* qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // Languages without a translation (and the C locale of a bare session)
    // get English, whose file carries the plural forms ("1 route").
    auto* ours = new QTranslator(qApp);
    if (ours->load(
            locale, QStringLiteral("tollgate"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral(":/i18n/tollgate_en.qm")))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
}

void Application::addOptions(QCommandLineParser* parser) const
{
    parser->addOption(m_workspaceOption);
    parser->addOption(m_themeOption);
}

void Application::readOptions(const QCommandLineParser& parser)
{
    m_workspace = parser.value(m_workspaceOption);
    m_theme = parser.value(m_themeOption);
}

void Application::parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("tollgate::ui::Application",
        "Design, serve and test HTTP APIs before the real service exists."));
    parser.addHelpOption();
    parser.addVersionOption();
    addOptions(&parser);
    parser.process(arguments);
    readOptions(parser);
}

void Application::showMainWindow()
{
    ui::captureSystemTheme();
    const QString theme = m_theme.isEmpty() ? ui::settings::theme().read() : m_theme;
    if (!m_theme.isEmpty())
        ui::settings::theme().write(ui::themeKey(ui::themeFromKey(theme)));
    ui::applyTheme(ui::themeFromKey(theme));

    m_engine = std::make_unique<ui::LocalEngine>();
    m_window = std::make_unique<ui::MainWindow>(m_engine.get());
    const QString dir = chooseWorkspace();
    if (!dir.isEmpty())
        m_window->openWorkspace(dir);
    m_window->show();
}

QString Application::chooseWorkspace()
{
    if (!m_workspace.isEmpty())
        return m_workspace;
    const QString last = ui::settings::lastWorkspace().read();
    if (!last.isEmpty() && ui::WorkspaceDocument::isWorkspaceDirectory(last))
        return last;
    const QString demo = demoWorkspaceDirectory();
    QString error;
    if (!installDemoWorkspace(demo, &error)) {
        qCWarning(ui::lcWorkspace).noquote() << "the demo workspace was not installed:" << error;
        QMessageBox::warning(nullptr,
            QCoreApplication::translate("tollgate::ui::Application", "Tollgate"),
            QCoreApplication::translate(
                "tollgate::ui::Application", "The demo workspace could not be installed:\n%1")
                .arg(error));
        return {};
    }
    return demo;
}

QString Application::demoWorkspaceDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("workspaces/builder-api"));
}

bool Application::installDemoWorkspace(const QString& dir, QString* error)
{
    // Never overwrite: the user may have edited the demo since first run.
    if (ui::WorkspaceDocument::isWorkspaceDirectory(dir))
        return true;
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QCoreApplication::translate("tollgate::ui::Application", "Cannot create %1.")
                         .arg(QDir::toNativeSeparators(dir));
        return false;
    }
    if (!QFileInfo(kDemoResource).isDir()) {
        // A build without the demo still gets a usable, empty workspace.
        ui::WorkspaceDocument document;
        return document.create(dir, QStringLiteral("builder-api"), error);
    }
    QDirIterator it(kDemoResource, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir source(kDemoResource);
    const QDir target(dir);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = source.relativeFilePath(from);
        const QString to = target.filePath(relative);
        if (!QDir().mkpath(QFileInfo(to).path()) || !QFile::copy(from, to)) {
            if (error)
                *error
                    = QCoreApplication::translate("tollgate::ui::Application", "Cannot write %1.")
                          .arg(QDir::toNativeSeparators(to));
            return false;
        }
        // Files copied out of resources are read-only; the user edits these.
        QFile::setPermissions(
            to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    qCDebug(ui::lcWorkspace).noquote() << "installed the demo workspace in" << dir;
    return true;
}

} // namespace tollgate::app
