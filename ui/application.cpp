#include "ui/application.h"

#include "server/apikey.h"
#include "ui/appearance.h"
#include "ui/composerpanel.h"
#include "ui/mainwindow.h"
#include "ui/requestsender.h"
#include "ui/routeeditor.h"
#include "ui/savedrequestmodel.h"
#include "ui/secretstore.h"
#include "ui/servercontroller.h"
#include "ui/workspacedocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QEvent>
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

#include <unistd.h>

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
    if (ours->load(
            locale, QStringLiteral("tollgate"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral(":/i18n/tollgate_en.qm")))
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
    const QCommandLineOption workspace(
        QStringList { QStringLiteral("w"), QStringLiteral("workspace") },
        tr("Open the workspace in <dir>."), tr("dir"));
    const QCommandLineOption theme(
        QStringLiteral("theme"), tr("Use the <theme> look: system, light or dark."), tr("theme"));
    // Used by the documentation scripts; not part of the user interface.
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
        tr("Save a PNG of the window to <file> and quit."), tr("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    // Used by the documentation scripts to pick the page of a screenshot.
    QCommandLineOption page(QStringLiteral("page"),
        tr("Show the <page> page first: routes, keys or requests."), tr("page"));
    page.setFlags(QCommandLineOption::HiddenFromHelp);
    // Used by bench/gui.sh: prints the time to the first paint and the idle RSS, then quits.
    QCommandLineOption startupReport(
        QStringLiteral("startup-report"), tr("Print start-up time and idle memory, then quit."));
    startupReport.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(workspace);
    parser.addOption(theme);
    parser.addOption(screenshot);
    parser.addOption(startupReport);
    parser.addOption(page);
    parser.process(arguments);
    m_startupReport = parser.isSet(startupReport);

    m_workspace = parser.value(workspace);
    m_theme = parser.value(theme);
    m_screenshot = parser.value(screenshot);
    m_page = parser.value(page);
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
    if (m_page == QLatin1String("keys"))
        m_window->showPage(MainWindow::KeysPage);
    else if (m_page == QLatin1String("requests"))
        m_window->showPage(MainWindow::RequestsPage);
    m_window->show();

    if (m_startupReport) {
        m_window->installEventFilter(this);
    }
    if (!m_screenshot.isEmpty() && m_page == QLatin1String("requests")) {
        // The documentation's composer picture: a keyed request and its
        // answer, rate-limit headers decoded.
        if (sendScreenshotRequest())
            return;
    }
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
        QFile::setPermissions(
            to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return true;
}

namespace {

// Milliseconds since this process was started, from /proc (10 ms resolution),
// so the figure includes dynamic loading and everything before main().
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray s = stat.readAll();
    // Fields after the command name (which may hold spaces) start after ')'.
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return (up - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

bool Application::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window.get() && event->type() == QEvent::Paint && !m_reportedPaint) {
        m_reportedPaint = true;
        std::fprintf(stdout, "first paint after %.0f ms with %d routes loaded\n",
            msSinceProcessStart(), m_window->document()->routeCount());
        std::fflush(stdout);
        // Idle: let the start-up settle, then read the resident set.
        QTimer::singleShot(3000, this, [this] {
            std::fprintf(stdout, "idle RSS %lld KiB\n", static_cast<long long>(residentKiB()));
            std::fflush(stdout);
            m_window->close();
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}

bool Application::sendScreenshotRequest()
{
    WorkspaceDocument* document = m_window->document();
    ComposerPanel* composer = m_window->composer();
    const server::SavedRequest* saved = composer->savedModel()->request(
        composer->savedModel()->indexOf("users", "get-user.json"));
    if (!document->isOpen() || !saved || !m_window->serverController()->start())
        return false;
    server::KeyOptions options;
    options.tier = "pro";
    options.label = "docs";
    options.scopes = { "users:read" };
    server::NewKey key;
    std::string error;
    if (!server::createKey(document->workspace().server.environment, options,
            QDateTime::currentSecsSinceEpoch(), &key, &error))
        return false;
    std::vector<server::ApiKey> keys = document->keys();
    keys.push_back(key.record);
    document->setKeys(keys, tr("Create key"));
    m_window->serverController()->applyNow();
    m_window->secretStore()->store(
        QString::fromStdString(key.record.id), QString::fromStdString(key.secret));
    server::SavedRequest request = *saved;
    request.request.keyId = key.record.id;
    request.request.token.clear();
    composer->setRequest(request);
    connect(composer->sender(), &RequestSender::finished, this,
        [this] { QTimer::singleShot(kScreenshotDelayMs, this, &Application::takeScreenshot); });
    composer->send();
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
