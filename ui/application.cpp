#include "ui/application.h"

#include "ui/appearance.h"
#include "ui/mainwindow.h"
#include "ui/routeeditor.h"
#include "ui/workspacedocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace tollgate::ui {

namespace {

const QString kDemoResource = QStringLiteral(":/demo");
const QString kLastKey = QStringLiteral("workspaces/last");
const QString kThemeKey = QStringLiteral("view/theme");
// Time for the window to be laid out, painted and for the first route's
// editor to settle before the screenshot is grabbed.
constexpr int kScreenshotDelayMs = 700;

} // namespace

Application::Application(QObject* parent)
    : QObject(parent)
{
}

Application::~Application() = default;

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
    if (ours->load(locale, QStringLiteral("tollgate"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")) ||
        ours->load(QStringLiteral(":/i18n/tollgate_en.qm")))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
}

void Application::parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Design, serve and test HTTP APIs before the real service exists."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(QStringList{QStringLiteral("w"), QStringLiteral("workspace")},
                                       tr("Open the workspace in <dir>."), tr("dir"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   tr("Use the <theme> look: system, light or dark."),
                                   tr("theme"));
    // Used by the documentation scripts; not part of the user interface.
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  tr("Save a PNG of the window to <file> and quit."), tr("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(workspace);
    parser.addOption(theme);
    parser.addOption(screenshot);
    parser.process(arguments);

    m_workspace = parser.value(workspace);
    m_theme = parser.value(theme);
    m_screenshot = parser.value(screenshot);
}

void Application::showMainWindow()
{
    captureSystemTheme();
    const QString theme = m_theme.isEmpty() ? QSettings().value(kThemeKey).toString() : m_theme;
    if (!m_theme.isEmpty())
        QSettings().setValue(kThemeKey, themeKey(themeFromKey(theme)));
    applyTheme(themeFromKey(theme));

    m_window = std::make_unique<MainWindow>();
    const QString dir = chooseWorkspace();
    if (!dir.isEmpty())
        m_window->openWorkspace(dir);
    m_window->show();

    if (!m_screenshot.isEmpty()) {
        if (m_window->document()->routeCount() > 0)
            m_window->selectRoute(0);
        QTimer::singleShot(kScreenshotDelayMs, this, &Application::takeScreenshot);
    }
}

QString Application::chooseWorkspace()
{
    if (!m_workspace.isEmpty())
        return m_workspace;
    const QString last = QSettings().value(kLastKey).toString();
    if (!last.isEmpty() && WorkspaceDocument::isWorkspaceDirectory(last))
        return last;
    const QString demo = demoWorkspaceDirectory();
    QString error;
    if (!installDemoWorkspace(demo, &error)) {
        QMessageBox::warning(nullptr, tr("Tollgate"),
                             tr("The demo workspace could not be installed:\n%1").arg(error));
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
    if (WorkspaceDocument::isWorkspaceDirectory(dir))
        return true;
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create %1.").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    if (!QFileInfo(kDemoResource).isDir()) {
        // A build without the demo still gets a usable, empty workspace.
        WorkspaceDocument document;
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
                *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(to));
            return false;
        }
        // Files copied out of resources are read-only; the user edits these.
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                      QFile::ReadOther);
    }
    return true;
}

void Application::takeScreenshot()
{
    const QPixmap pixmap = m_window->grab();
    const bool ok = pixmap.save(m_screenshot, "PNG");
    if (ok)
        std::fprintf(stdout, "%s\n", qPrintable(QDir::toNativeSeparators(m_screenshot)));
    else
        std::fprintf(stderr, "tollgate: cannot write %s\n", qPrintable(m_screenshot));
    m_window->close();
    QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace tollgate::ui
