#include "ui/shell/windowmenus.h"

#include "ui/common/logging.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/keystierspanel.h"
#include "ui/load/loadpanel.h"
#include "ui/requests/composerpanel.h"
#include "ui/shell/interchangeactions.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/routedesigner.h"
#include "ui/shell/serverbar.h"
#include "ui/shell/workspacefiles.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QUndoStack>

namespace tollgate::ui {

WindowMenus::WindowMenus(QMainWindow* window, WorkspaceDocument* document, const Parts& parts)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_files(parts.files)
    , m_upstreamSettings(parts.upstreamSettings)
    , m_limits(parts.limits)
{
    createPageActions();
    createFileMenu(parts);
    createEditMenu(parts);
    createPanelMenus(parts);
    createViewMenu(parts);
    createHelpMenu();
    const Theme theme = themeFromKey(settings::theme().read());
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == themeKey(theme));
    connect(m_document, &WorkspaceDocument::changed, this, &WindowMenus::updateActions);
    connect(m_document, &WorkspaceDocument::opened, this, &WindowMenus::updateActions);
    updateActions();
}

void WindowMenus::createFileMenu(const Parts& parts)
{
    auto* newWorkspace = new QAction(MainWindow::tr("&New Workspace…"), m_window);
    newWorkspace->setObjectName(QStringLiteral("newWorkspaceAction"));
    // Ctrl+N is the frequent action (a route); a workspace takes Shift.
    newWorkspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    newWorkspace->setIcon(QIcon::fromTheme(QStringLiteral("folder-new")));
    connect(newWorkspace, &QAction::triggered, m_files, &WorkspaceFiles::newWorkspace);

    auto* openWorkspace = new QAction(MainWindow::tr("&Open Workspace…"), m_window);
    openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    openWorkspace->setShortcut(QKeySequence::Open);
    openWorkspace->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    connect(openWorkspace, &QAction::triggered, m_files, &WorkspaceFiles::openWorkspaceDialog);

    m_save = new QAction(MainWindow::tr("&Save"), m_window);
    m_save->setObjectName(QStringLiteral("saveAction"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    m_save->setToolTip(MainWindow::tr("Write the workspace now (it is also saved automatically)"));
    connect(m_save, &QAction::triggered, m_files, &WorkspaceFiles::saveNow);

    m_reveal = new QAction(MainWindow::tr("&Reveal Workspace Folder"), m_window);
    m_reveal->setObjectName(QStringLiteral("revealWorkspaceAction"));
    connect(m_reveal, &QAction::triggered, m_files, &WorkspaceFiles::revealWorkspace);

    m_copyPath = new QAction(MainWindow::tr("Copy Workspace &Path"), m_window);
    m_copyPath->setObjectName(QStringLiteral("copyWorkspacePathAction"));
    connect(m_copyPath, &QAction::triggered, m_files, &WorkspaceFiles::copyWorkspacePath);

    auto* quit = new QAction(MainWindow::tr("&Quit"), m_window);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, m_window, &QWidget::close);

    QMenu* file = m_window->menuBar()->addMenu(MainWindow::tr("&File"));
    file->addAction(newWorkspace);
    file->addAction(openWorkspace);
    file->addMenu(m_files->recentMenu());
    file->addSeparator();
    if (parts.interchange) {
        file->addAction(parts.interchange->importAction());
        file->addAction(parts.interchange->exportAction());
        file->addSeparator();
    }
    file->addAction(m_save);
    file->addSeparator();
    file->addAction(m_reveal);
    file->addAction(m_copyPath);
    file->addSeparator();
    file->addAction(quit);
}

void WindowMenus::createEditMenu(const Parts& parts)
{
    m_undo = m_document->undoStack()->createUndoAction(m_window, MainWindow::tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("undoAction"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    QAction* redo = m_document->undoStack()->createRedoAction(m_window, MainWindow::tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));

    QMenu* edit = m_window->menuBar()->addMenu(MainWindow::tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(parts.routes->newRouteAction());
    edit->addAction(parts.routes->duplicateRouteAction());
    edit->addAction(parts.routes->deleteRouteAction());
}

void WindowMenus::createPageActions()
{
    struct PageEntry {
        QString text;
        const char* name;
        int key;
    };
    const PageEntry entries[] = {
        { MainWindow::tr("&Routes"), "showRoutesAction", Qt::Key_1 },
        { MainWindow::tr("&Keys && Tiers"), "showKeysAction", Qt::Key_2 },
        { MainWindow::tr("Re&quests"), "showRequestsAction", Qt::Key_3 },
        { MainWindow::tr("&Metrics"), "showMetricsAction", Qt::Key_4 },
        { MainWindow::tr("&Load"), "showLoadAction", Qt::Key_5 },
    };
    auto* group = new QActionGroup(this);
    for (int page = 0; page < int(m_pages.size()); ++page) {
        const PageEntry& entry = entries[page];
        auto* a = new QAction(entry.text, m_window);
        a->setObjectName(QLatin1String(entry.name));
        a->setShortcut(QKeySequence(Qt::CTRL | entry.key));
        a->setCheckable(true);
        connect(a, &QAction::triggered, this, [this, page] { Q_EMIT pageRequested(page); });
        group->addAction(a);
        m_pages[std::size_t(page)] = a;
    }
    m_pages[MainWindow::RoutesPage]->setChecked(true);
}

void WindowMenus::createPanelMenus(const Parts& parts)
{
    QMenuBar* bar = m_window->menuBar();
    QMenu* serverMenu = bar->addMenu(MainWindow::tr("&Server"));
    serverMenu->addAction(parts.serverBar->startAction());
    serverMenu->addAction(parts.serverBar->stopAction());
    serverMenu->addSeparator();
    serverMenu->addAction(parts.serverBar->copyUrlAction());
    serverMenu->addSeparator();
    serverMenu->addAction(parts.serverBar->httpsAction());
    serverMenu->addAction(parts.serverBar->exportCaAction());
    if (parts.upstreamSettings) {
        serverMenu->addSeparator();
        serverMenu->addAction(parts.upstreamSettings);
    }
    if (parts.limits)
        serverMenu->addAction(parts.limits);

    QMenu* keys = bar->addMenu(MainWindow::tr("&Keys"));
    keys->setObjectName(QStringLiteral("keysMenu"));
    keys->addAction(parts.keys->newKeyAction());
    keys->addAction(parts.keys->rotateKeyAction());
    keys->addMenu(parts.keys->changeTierMenu());
    keys->addAction(parts.keys->revokeKeyAction());
    keys->addSeparator();
    keys->addAction(parts.keys->addTierAction());
    keys->addAction(parts.keys->removeTierAction());

    QMenu* requests = bar->addMenu(MainWindow::tr("&Requests"));
    requests->setObjectName(QStringLiteral("requestsMenu"));
    requests->addAction(parts.composer->sendAction());
    requests->addAction(parts.composer->cancelAction());
    requests->addSeparator();
    requests->addAction(parts.composer->newAction());
    requests->addAction(parts.composer->saveAction());
    requests->addSeparator();
    requests->addAction(parts.composer->importCurlAction());
    requests->addAction(parts.composer->copyCurlAction());
    requests->addAction(parts.composer->copyHttpxAction());
    requests->addSeparator();
    requests->addAction(parts.composer->environmentsAction());
    requests->addAction(parts.composer->runAction());

    QMenu* load = bar->addMenu(MainWindow::tr("&Load"));
    load->setObjectName(QStringLiteral("loadMenu"));
    load->addAction(parts.load->startAction());
    load->addAction(parts.load->stopAction());
}

void WindowMenus::createViewMenu(const Parts& parts)
{
    QMenu* view = m_window->menuBar()->addMenu(MainWindow::tr("&View"));
    for (QAction* page : m_pages)
        view->addAction(page);
    view->addSeparator();
    QMenu* theme = view->addMenu(MainWindow::tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    m_themeGroup->setExclusive(true);
    const auto addTheme = [this, theme](const QString& text, Theme value) {
        QAction* a = theme->addAction(text);
        a->setCheckable(true);
        a->setData(themeKey(value));
        a->setObjectName(QStringLiteral("theme-") + themeKey(value));
        m_themeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, value] { setTheme(value); });
    };
    addTheme(MainWindow::tr("&System"), Theme::System);
    addTheme(MainWindow::tr("&Light"), Theme::Light);
    addTheme(MainWindow::tr("&Dark"), Theme::Dark);
    view->addSeparator();
    QAction* traffic = parts.trafficDock->toggleViewAction();
    traffic->setText(MainWindow::tr("T&raffic Log"));
    traffic->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    view->addAction(traffic);
    QAction* problems = parts.problemsDock->toggleViewAction();
    problems->setText(MainWindow::tr("&Problems"));
    problems->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    view->addAction(problems);
}

void WindowMenus::createHelpMenu()
{
    auto* about = new QAction(MainWindow::tr("&About Tollgate"), m_window);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &WindowMenus::showAbout);

    QMenu* help = m_window->menuBar()->addMenu(MainWindow::tr("&Help"));
    help->addAction(about);
    QAction* aboutQt = help->addAction(MainWindow::tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void WindowMenus::setCurrentPage(int page)
{
    for (int i = 0; i < int(m_pages.size()); ++i)
        m_pages[std::size_t(i)]->setChecked(i == page);
    // On the Requests page Ctrl+S saves the request; the workspace saves
    // itself anyway, and two actions on one shortcut would both go dead.
    m_save->setShortcut(
        page == MainWindow::RequestsPage ? QKeySequence() : QKeySequence(QKeySequence::Save));
}

void WindowMenus::updateActions()
{
    const bool open = m_document->isOpen();
    if (m_upstreamSettings)
        m_upstreamSettings->setEnabled(open);
    if (m_limits)
        m_limits->setEnabled(open);
    m_save->setEnabled(open);
    m_reveal->setEnabled(open);
    m_copyPath->setEnabled(open);
}

void WindowMenus::setTheme(Theme theme)
{
    qCDebug(lcUi) << "theme" << themeKey(theme);
    applyTheme(theme);
    settings::theme().write(themeKey(theme));
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == themeKey(theme));
    Q_EMIT themeChanged();
}

void WindowMenus::showAbout()
{
    QMessageBox::about(m_window, MainWindow::tr("About Tollgate"),
        MainWindow::tr("<h3>Tollgate %1</h3>"
                       "<p>A native workbench for designing, serving and testing HTTP APIs before "
                       "the real service exists.</p>"
                       "<p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QLatin1String(qVersion())));
}

} // namespace tollgate::ui
