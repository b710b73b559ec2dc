#include "ui/shell/mainwindow.h"

#include "ui/load/loadpanel.h"
#include "ui/metrics/metricspanel.h"
#include "ui/requests/composerpanel.h"
#include "ui/common/convert.h"
#include "ui/keys/keystierspanel.h"
#include "ui/shell/problemsview.h"
#include "ui/routes/routeeditor.h"
#include "ui/routes/routeitemdelegate.h"
#include "ui/routes/routelistmodel.h"
#include "ui/common/secretstore.h"
#include "ui/shell/serverbar.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/trafficlogmodel.h"
#include "ui/shell/trafficlogview.h"
#include "ui/document/workspacedocument.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace tollgate::ui {

namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("workspaces/recent");
const QString kLastKey = QStringLiteral("workspaces/last");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kSplitterKey = QStringLiteral("window/splitter");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new WorkspaceDocument(this))
    , m_server(new ServerController(m_document, this))
    , m_routes(new RouteListModel(m_document, this))
    , m_routeProxy(new QSortFilterProxyModel(this))
    , m_traffic(new TrafficLogModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_routeProxy->setSourceModel(m_routes);
    m_routeProxy->setFilterRole(RouteListModel::FilterRole);
    m_routeProxy->setFilterKeyColumn(RouteListModel::MethodColumn);
    m_routeProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    createActions();

    m_serverBar = new ServerBar(m_server, m_document, this);
    addToolBar(Qt::TopToolBarArea, m_serverBar);
    connect(
        m_serverBar, &ServerBar::message, this, [this](const QString& text) { showMessage(text); });

    m_editor = new RouteEditor(m_document, this);
    m_editor->setObjectName(QStringLiteral("routeEditor"));
    connect(m_editor, &RouteEditor::newRouteRequested, m_newRoute, &QAction::trigger);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createRoutePanel());
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 380, 1020 });

    m_secrets = new SecretStore(this);
    m_keysPanel = new KeysTiersPanel(m_document, m_server, this);
    m_keysPanel->setSecretStore(m_secrets);
    connect(m_keysPanel, &KeysTiersPanel::message, this,
        [this](const QString& text) { showMessage(text, 8000); });
    // A key made from the menu while the routes are shown: show where it went.
    connect(m_keysPanel->newKeyAction(), &QAction::triggered, this, [this] { showPage(KeysPage); });

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pageTabs"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_splitter, tr("Routes"));
    m_pages->addTab(m_keysPanel, tr("Keys && Tiers"));
    m_composer = new ComposerPanel(m_document, m_server, m_secrets, this);
    connect(m_composer, &ComposerPanel::message, this,
        [this](const QString& text) { showMessage(text, 8000); });
    connect(m_editor, &RouteEditor::tryItRequested, this, [this](int row) {
        if (row < 0 || row >= m_document->routeCount())
            return;
        m_composer->tryRoute(m_document->route(row));
        showPage(RequestsPage);
    });
    m_pages->addTab(m_composer, tr("Requests"));
    m_metricsPanel = new MetricsPanel(m_document, m_server, this);
    connect(m_metricsPanel, &MetricsPanel::message, this,
        [this](const QString& text) { showMessage(text, 8000); });
    m_pages->addTab(m_metricsPanel, tr("Metrics"));
    m_loadPanel = new LoadPanel(m_document, m_server, m_secrets, this);
    connect(m_loadPanel, &LoadPanel::message, this,
        [this](const QString& text) { showMessage(text, 8000); });
    m_pages->addTab(m_loadPanel, tr("Load"));
    m_pages->setTabToolTip(RoutesPage, tr("Design routes and their responses (Ctrl+1)"));
    m_pages->setTabToolTip(KeysPage, tr("Pricing tiers, API keys and their usage (Ctrl+2)"));
    m_pages->setTabToolTip(RequestsPage, tr("Send test requests and keep them (Ctrl+3)"));
    m_pages->setTabToolTip(MetricsPage,
        tr("Requests, latency, errors, cost and revenue of the served traffic (Ctrl+4)"));
    m_pages->setTabToolTip(
        LoadPage, tr("Load-test the embedded server or any URL, and compare runs (Ctrl+5)"));
    connect(
        m_pages, &QTabWidget::currentChanged, this, [this](int index) { syncPage(Page(index)); });
    setCentralWidget(m_pages);

    createDocks();
    createMenus();
    createStatusBar();

    // Document → views.
    connect(m_document, &WorkspaceDocument::routesAboutToBeReset, this, [this] {
        const int row = currentRoute();
        m_reselectRow = row;
        m_reselectFile = row >= 0 ? m_document->route(row).fileName : std::string();
    });
    connect(m_document, &WorkspaceDocument::routesReset, this, [this] {
        int row = -1;
        for (int i = 0; i < m_document->routeCount() && !m_reselectFile.empty(); ++i) {
            if (m_document->route(i).fileName == m_reselectFile) {
                row = i;
                break;
            }
        }
        if (row < 0 && m_document->routeCount() > 0)
            row = std::clamp(m_reselectRow, 0, m_document->routeCount() - 1);
        selectRoute(row);
    });
    connect(m_document, &WorkspaceDocument::routeFocusRequested, this, &MainWindow::selectRoute);
    connect(m_document, &WorkspaceDocument::changed, this, [this] {
        updateRouteCount();
        updateSaveState();
        updateActions();
    });
    connect(m_document, &WorkspaceDocument::saved, this, &MainWindow::updateSaveState);
    connect(m_document, &WorkspaceDocument::saveFailed, this, [this](const QString& error) {
        updateSaveState();
        showMessage(tr("Could not save: %1").arg(error), 10000);
    });
    connect(m_document, &WorkspaceDocument::reloadedFromDisk, this, [this](bool discarded) {
        showMessage(discarded ? tr("The workspace changed on disk and was reloaded; your last "
                                   "unsaved edit was replaced.")
                              : tr("The workspace changed on disk and was reloaded."),
            8000);
    });
    connect(m_document, &WorkspaceDocument::diagnosticsChanged, this, &MainWindow::updateProblems);
    connect(m_document, &WorkspaceDocument::opened, this, [this] {
        updateTitle();
        updateActions();
    });
    connect(m_document, &WorkspaceDocument::settingsChanged, this, &MainWindow::updateTitle);

    // Server → views.
    connect(m_server, &ServerController::stateChanged, this, &MainWindow::updateServerState);
    connect(m_server, &ServerController::diagnosticsChanged, this, &MainWindow::updateProblems);
    connect(m_server, &ServerController::trafficReceived, this,
        [this](const std::vector<server::TrafficEvent>& events) {
            m_traffic->append(events);
            updateServerState();
        });

    updateTitle();
    updateActions();
    updateRouteCount();
    updateServerState();
    updateSaveState();
    updateProblems();
    readSettings();
}

MainWindow::~MainWindow()
{
    m_server->stop();
    // The document is a child and outlives this part of the object: its
    // last signals (the undo stack clearing) must not reach a half-destroyed
    // window.
    m_document->disconnect(this);
    m_server->disconnect(this);
}

void MainWindow::createActions()
{
    m_newWorkspace = new QAction(tr("&New Workspace…"), this);
    m_newWorkspace->setObjectName(QStringLiteral("newWorkspaceAction"));
    // Ctrl+N is the frequent action (a route); a workspace takes Shift.
    m_newWorkspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newWorkspace->setIcon(QIcon::fromTheme(QStringLiteral("folder-new")));
    connect(m_newWorkspace, &QAction::triggered, this, &MainWindow::newWorkspace);

    m_openWorkspace = new QAction(tr("&Open Workspace…"), this);
    m_openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    m_openWorkspace->setShortcut(QKeySequence::Open);
    m_openWorkspace->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    connect(m_openWorkspace, &QAction::triggered, this, &MainWindow::openWorkspaceDialog);

    m_save = new QAction(tr("&Save"), this);
    m_save->setObjectName(QStringLiteral("saveAction"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    m_save->setToolTip(tr("Write the workspace now (it is also saved automatically)"));
    connect(m_save, &QAction::triggered, this, &MainWindow::saveNow);

    m_reveal = new QAction(tr("&Reveal Workspace Folder"), this);
    m_reveal->setObjectName(QStringLiteral("revealWorkspaceAction"));
    connect(m_reveal, &QAction::triggered, this, &MainWindow::revealWorkspace);

    m_copyPath = new QAction(tr("Copy Workspace &Path"), this);
    m_copyPath->setObjectName(QStringLiteral("copyWorkspacePathAction"));
    connect(m_copyPath, &QAction::triggered, this, &MainWindow::copyWorkspacePath);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("undoAction"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setObjectName(QStringLiteral("redoAction"));
    m_redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    m_redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));

    m_newRoute = new QAction(tr("&New Route"), this);
    m_newRoute->setObjectName(QStringLiteral("newRouteAction"));
    m_newRoute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newRoute->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_newRoute->setIconText(tr("New"));
    m_newRoute->setToolTip(tr("Create a route (Ctrl+N)"));
    connect(m_newRoute, &QAction::triggered, this, &MainWindow::newRoute);

    m_duplicateRoute = new QAction(tr("&Duplicate Route"), this);
    m_duplicateRoute->setObjectName(QStringLiteral("duplicateRouteAction"));
    m_duplicateRoute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicateRoute->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_duplicateRoute->setIconText(tr("Duplicate"));
    m_duplicateRoute->setToolTip(tr("Duplicate the selected route (Ctrl+D)"));
    connect(m_duplicateRoute, &QAction::triggered, this, &MainWindow::duplicateRoute);

    m_deleteRoute = new QAction(tr("De&lete Route"), this);
    m_deleteRoute->setObjectName(QStringLiteral("deleteRouteAction"));
    m_deleteRoute->setShortcut(QKeySequence::Delete);
    // Del must keep deleting characters in text fields: the shortcut only
    // applies while the route list has focus.
    m_deleteRoute->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteRoute->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_deleteRoute->setIconText(tr("Delete"));
    m_deleteRoute->setToolTip(tr("Delete the selected route (Del)"));
    connect(m_deleteRoute, &QAction::triggered, this, &MainWindow::deleteRoute);

    m_showRoutes = new QAction(tr("&Routes"), this);
    m_showRoutes->setObjectName(QStringLiteral("showRoutesAction"));
    m_showRoutes->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_showRoutes->setCheckable(true);
    m_showRoutes->setChecked(true);
    connect(m_showRoutes, &QAction::triggered, this, [this] { showPage(RoutesPage); });

    m_showKeys = new QAction(tr("&Keys && Tiers"), this);
    m_showKeys->setObjectName(QStringLiteral("showKeysAction"));
    m_showKeys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_showKeys->setCheckable(true);
    connect(m_showKeys, &QAction::triggered, this, [this] { showPage(KeysPage); });

    m_showRequests = new QAction(tr("Re&quests"), this);
    m_showRequests->setObjectName(QStringLiteral("showRequestsAction"));
    m_showRequests->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    m_showRequests->setCheckable(true);
    connect(m_showRequests, &QAction::triggered, this, [this] { showPage(RequestsPage); });

    m_showMetrics = new QAction(tr("&Metrics"), this);
    m_showMetrics->setObjectName(QStringLiteral("showMetricsAction"));
    m_showMetrics->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    m_showMetrics->setCheckable(true);
    connect(m_showMetrics, &QAction::triggered, this, [this] { showPage(MetricsPage); });

    m_showLoad = new QAction(tr("&Load"), this);
    m_showLoad->setObjectName(QStringLiteral("showLoadAction"));
    m_showLoad->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    m_showLoad->setCheckable(true);
    connect(m_showLoad, &QAction::triggered, this, [this] { showPage(LoadPage); });

    m_about = new QAction(tr("&About Tollgate"), this);
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newWorkspace);
    file->addAction(m_openWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(m_save);
    file->addSeparator();
    file->addAction(m_reveal);
    file->addAction(m_copyPath);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addAction(m_newRoute);
    edit->addAction(m_duplicateRoute);
    edit->addAction(m_deleteRoute);

    QMenu* serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(m_serverBar->startAction());
    serverMenu->addAction(m_serverBar->stopAction());
    serverMenu->addSeparator();
    serverMenu->addAction(m_serverBar->copyUrlAction());

    QMenu* keys = menuBar()->addMenu(tr("&Keys"));
    keys->setObjectName(QStringLiteral("keysMenu"));
    keys->addAction(m_keysPanel->newKeyAction());
    keys->addAction(m_keysPanel->rotateKeyAction());
    keys->addMenu(m_keysPanel->changeTierMenu());
    keys->addAction(m_keysPanel->revokeKeyAction());
    keys->addSeparator();
    keys->addAction(m_keysPanel->addTierAction());
    keys->addAction(m_keysPanel->removeTierAction());

    QMenu* requests = menuBar()->addMenu(tr("&Requests"));
    requests->setObjectName(QStringLiteral("requestsMenu"));
    requests->addAction(m_composer->sendAction());
    requests->addAction(m_composer->cancelAction());
    requests->addSeparator();
    requests->addAction(m_composer->newAction());
    requests->addAction(m_composer->saveAction());
    requests->addSeparator();
    requests->addAction(m_composer->importCurlAction());
    requests->addAction(m_composer->copyCurlAction());
    requests->addAction(m_composer->copyHttpxAction());
    requests->addSeparator();
    requests->addAction(m_composer->environmentsAction());

    QMenu* load = menuBar()->addMenu(tr("&Load"));
    load->setObjectName(QStringLiteral("loadMenu"));
    load->addAction(m_loadPanel->startAction());
    load->addAction(m_loadPanel->stopAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* pages = new QActionGroup(this);
    pages->addAction(m_showRoutes);
    pages->addAction(m_showKeys);
    pages->addAction(m_showRequests);
    pages->addAction(m_showMetrics);
    pages->addAction(m_showLoad);
    view->addAction(m_showRoutes);
    view->addAction(m_showKeys);
    view->addAction(m_showRequests);
    view->addAction(m_showMetrics);
    view->addAction(m_showLoad);
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
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
    addTheme(tr("&System"), Theme::System);
    addTheme(tr("&Light"), Theme::Light);
    addTheme(tr("&Dark"), Theme::Dark);
    view->addSeparator();
    QAction* traffic = m_trafficDock->toggleViewAction();
    traffic->setText(tr("T&raffic Log"));
    traffic->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    view->addAction(traffic);
    QAction* problems = m_problemsDock->toggleViewAction();
    problems->setText(tr("&Problems"));
    problems->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    view->addAction(problems);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
    QAction* aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QWidget* MainWindow::createRoutePanel()
{
    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("routePanel"));

    m_routeFilter = new QLineEdit(panel);
    m_routeFilter->setObjectName(QStringLiteral("routeFilterEdit"));
    m_routeFilter->setPlaceholderText(tr("Filter routes"));
    m_routeFilter->setClearButtonEnabled(true);
    connect(m_routeFilter, &QLineEdit::textChanged, m_routeProxy,
        &QSortFilterProxyModel::setFilterFixedString);

    m_routeView = new QTreeView(panel);
    m_routeView->setObjectName(QStringLiteral("routeView"));
    m_routeView->setModel(m_routeProxy);
    m_routeView->setItemDelegate(new RouteItemDelegate(m_routeView));
    m_routeView->setRootIsDecorated(false);
    m_routeView->setUniformRowHeights(true);
    m_routeView->setAllColumnsShowFocus(true);
    m_routeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_routeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_routeView->setEditTriggers(
        QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_routeView->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_routeView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RouteListModel::MethodColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(RouteListModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RouteListModel::EnabledColumn, QHeaderView::Fixed);
    {
        QFont bold = font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 0.8);
        header->resizeSection(RouteListModel::MethodColumn,
            QFontMetrics(bold).horizontalAdvance(QStringLiteral("OPTIONS")) + 28);
        header->resizeSection(RouteListModel::EnabledColumn,
            std::max(40, fontMetrics().horizontalAdvance(tr("On")) + 24));
    }
    m_routeView->addAction(m_deleteRoute);
    connect(m_routeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &MainWindow::onCurrentRouteChanged);

    auto* bar = new QToolBar(panel);
    bar->setObjectName(QStringLiteral("routeToolBar"));
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newRoute);
    bar->addAction(m_duplicateRoute);
    bar->addAction(m_deleteRoute);

    auto* title = new QLabel(tr("Routes"), panel);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(8, 8, 8, 0);
    top->addWidget(title);
    top->addStretch(1);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(8, 0, 8, 0);
    filterRow->addWidget(m_routeFilter);
    layout->addLayout(filterRow);
    layout->addWidget(m_routeView, 1);
    layout->addWidget(bar);
    return panel;
}

void MainWindow::createDocks()
{
    m_trafficView = new TrafficLogView(m_traffic, this);
    m_trafficDock = new QDockWidget(tr("Traffic Log"), this);
    m_trafficDock->setObjectName(QStringLiteral("trafficDock"));
    m_trafficDock->setWidget(m_trafficView);
    m_trafficDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
        | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_trafficDock);

    m_problems = new ProblemsView(this);
    connect(m_problems, &ProblemsView::fileActivated, this, [this](const QString& file) {
        // Problems name route files relative to the workspace ("routes/x.json").
        const QString name = QFileInfo(file).fileName();
        for (int i = 0; i < m_document->routeCount(); ++i) {
            if (toQt(m_document->route(i).fileName) == name) {
                selectRoute(i);
                return;
            }
        }
    });
    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    tabifyDockWidget(m_trafficDock, m_problemsDock);
    m_trafficDock->raise();
    resizeDocks({ m_trafficDock }, { 240 }, Qt::Vertical);
}

void MainWindow::createStatusBar()
{
    m_routeCountLabel = new QLabel(this);
    m_routeCountLabel->setObjectName(QStringLiteral("routeCountLabel"));
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName(QStringLiteral("serverStateLabel"));
    m_saveLabel = new QLabel(this);
    m_saveLabel->setObjectName(QStringLiteral("saveStateLabel"));
    m_problemsButton = new QToolButton(this);
    m_problemsButton->setObjectName(QStringLiteral("problemsButton"));
    m_problemsButton->setAutoRaise(true);
    m_problemsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_problemsButton, &QToolButton::clicked, this, [this] {
        m_problemsDock->show();
        m_problemsDock->raise();
    });
    for (QWidget* w : { static_cast<QWidget*>(m_routeCountLabel),
             static_cast<QWidget*>(m_serverLabel), static_cast<QWidget*>(m_saveLabel) })
        w->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_routeCountLabel);
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_saveLabel);
    statusBar()->addPermanentWidget(m_problemsButton);
}

void MainWindow::readSettings()
{
    QSettings settings;
    const Theme theme = themeFromKey(settings.value(kThemeKey).toString());
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == themeKey(theme));

    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        QSize size(1400, 900);
        if (const QScreen* s = screen())
            size = size.boundedTo(s->availableSize() * 0.95);
        resize(size);
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_document->isOpen()) {
        if (!m_composer->confirmDiscard()) {
            event->ignore();
            return;
        }
        m_composer->writeDraft();
    }
    if (m_document->hasUnsavedChanges()) {
        QString error;
        if (!m_document->saveNow(&error)) {
            const auto answer = QMessageBox::warning(this, tr("Unsaved Changes"),
                tr("The workspace could not be saved:\n%1\n\nQuit anyway and lose the "
                   "changes?")
                    .arg(error),
                QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Discard) {
                event->ignore();
                return;
            }
        }
    }
    writeSettings();
    m_server->stop();
    event->accept();
}

bool MainWindow::openWorkspace(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isDir()) {
        QMessageBox::warning(
            this, tr("Open Workspace"), tr("The folder %1 does not exist.").arg(path));
        return false;
    }
    const QString dir = info.absoluteFilePath();
    if (m_document->isOpen()) {
        if (!m_composer->confirmDiscard())
            return false;
        m_composer->writeDraft();
    }
    QString error;
    bool ok = false;
    if (WorkspaceDocument::isWorkspaceDirectory(dir)) {
        ok = m_document->open(dir, &error);
    } else {
        const auto answer = QMessageBox::question(this, tr("Not a Workspace"),
            tr("%1 is not a Tollgate workspace (it has no tollgate.json).\n\nCreate a new "
               "workspace in this folder?")
                .arg(QDir::toNativeSeparators(dir)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer != QMessageBox::Yes)
            return false;
        ok = m_document->create(dir, QDir(dir).dirName(), &error);
    }
    if (!ok) {
        QMessageBox::warning(this, tr("Open Workspace"),
            tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(dir), error));
        return false;
    }
    addRecent(dir);
    QSettings().setValue(kLastKey, dir);
    if (m_document->routeCount() > 0 && currentRoute() < 0)
        selectRoute(0);
    const int problems = int(m_document->loadDiagnostics().size());
    if (problems > 0) {
        m_problemsDock->show();
        m_problemsDock->raise();
        showMessage(tr("Opened %1 with %n problem(s); the rest loaded.", nullptr, problems)
                        .arg(m_document->name()),
            10000);
    } else {
        showMessage(tr("Opened %1").arg(m_document->name()));
    }
    return true;
}

void MainWindow::newWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("New Workspace: Choose or Create an Empty Folder"), QDir::homePath());
    if (dir.isEmpty())
        return;
    if (WorkspaceDocument::isWorkspaceDirectory(dir)) {
        const auto answer = QMessageBox::question(this, tr("New Workspace"),
            tr("%1 already holds a workspace. Open it instead?").arg(QDir::toNativeSeparators(dir)),
            QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Open);
        if (answer == QMessageBox::Open)
            openWorkspace(dir);
        return;
    }
    QString error;
    if (!m_document->create(dir, QDir(dir).dirName(), &error)) {
        QMessageBox::warning(this, tr("New Workspace"),
            tr("Cannot create a workspace in %1:\n%2").arg(QDir::toNativeSeparators(dir), error));
        return;
    }
    addRecent(m_document->directory());
    QSettings().setValue(kLastKey, m_document->directory());
    showMessage(tr("Created workspace %1").arg(m_document->name()));
}

void MainWindow::openWorkspaceDialog()
{
    const QString start
        = m_document->isOpen() ? QFileInfo(m_document->directory()).path() : QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), start);
    if (!dir.isEmpty())
        openWorkspace(dir);
}

void MainWindow::addRecent(const QString& dir)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    int number = 1;
    for (const QString& dir : recent) {
        QString text = QDir::toNativeSeparators(dir);
        text.replace(QLatin1Char('&'), QLatin1String("&&"));
        if (number < 10)
            text = QStringLiteral("&%1 %2").arg(number).arg(text);
        ++number;
        QAction* a = m_recentMenu->addAction(text);
        a->setEnabled(QFileInfo(dir).isDir());
        connect(a, &QAction::triggered, this, [this, dir] { openWorkspace(dir); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        QAction* clear = m_recentMenu->addAction(tr("&Clear List"));
        connect(clear, &QAction::triggered, this, [this] {
            QSettings().remove(kRecentKey);
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::saveNow()
{
    QString error;
    if (m_document->saveNow(&error))
        showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->directory())));
}

void MainWindow::revealWorkspace()
{
    if (m_document->isOpen())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_document->directory()));
}

void MainWindow::copyWorkspacePath()
{
    if (!m_document->isOpen())
        return;
    const QString path = QDir::toNativeSeparators(m_document->directory());
    QGuiApplication::clipboard()->setText(path);
    showMessage(tr("Copied %1").arg(path));
}

void MainWindow::showPage(Page page)
{
    m_pages->setCurrentIndex(page);
    syncPage(page);
}

void MainWindow::syncPage(Page page)
{
    m_showRoutes->setChecked(page == RoutesPage);
    m_showKeys->setChecked(page == KeysPage);
    m_showRequests->setChecked(page == RequestsPage);
    m_showMetrics->setChecked(page == MetricsPage);
    m_showLoad->setChecked(page == LoadPage);
    // On the Requests page Ctrl+S saves the request; the workspace saves
    // itself anyway, and two actions on one shortcut would both go dead.
    m_save->setShortcut(page == RequestsPage ? QKeySequence() : QKeySequence(QKeySequence::Save));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(std::clamp(m_pages->currentIndex(), int(RoutesPage), int(LoadPage)));
}

int MainWindow::currentRoute() const
{
    const QModelIndex current = m_routeProxy->mapToSource(m_routeView->currentIndex());
    return current.isValid() ? current.row() : -1;
}

void MainWindow::selectRoute(int row)
{
    if (row < 0 || row >= m_document->routeCount()) {
        m_routeView->setCurrentIndex({});
        m_routeView->clearSelection();
        onCurrentRouteChanged();
        return;
    }
    QModelIndex index = m_routeProxy->mapFromSource(m_routes->index(row, 0));
    if (!index.isValid()) {
        // Hidden by the filter: showing the route matters more than the filter.
        m_routeFilter->clear();
        index = m_routeProxy->mapFromSource(m_routes->index(row, 0));
    }
    if (m_routeView->currentIndex().row() != index.row() || !m_routeView->currentIndex().isValid())
        m_routeView->setCurrentIndex(index);
    m_routeView->scrollTo(index);
    onCurrentRouteChanged();
}

void MainWindow::onCurrentRouteChanged()
{
    const int row = currentRoute();
    if (row != m_editor->currentRow() || row < 0)
        m_editor->setCurrentRow(row);
    updateActions();
}

void MainWindow::newRoute()
{
    if (!m_document->isOpen())
        return;
    const int row = m_document->routeCount();
    m_document->insertRoute(row, m_document->makeNewRoute(), tr("New route"));
    selectRoute(row);
    if (auto* path = m_editor->findChild<QLineEdit*>(QStringLiteral("pathEdit"))) {
        path->setFocus();
        path->selectAll();
    }
}

void MainWindow::duplicateRoute()
{
    const int row = currentRoute();
    if (row < 0)
        return;
    server::Route copy = m_document->route(row);
    // Two routes on the same method and path would shadow each other.
    copy.path += copy.path.ends_with('/') ? "copy" : "/copy";
    m_document->insertRoute(row + 1, copy, tr("Duplicate route"));
    selectRoute(row + 1);
}

void MainWindow::deleteRoute()
{
    const int row = currentRoute();
    if (row < 0)
        return;
    const server::Route& route = m_document->route(row);
    const QString name = toQt(route.method) + QLatin1Char(' ') + toQt(route.path);
    m_document->removeRoute(row);
    showMessage(tr("Deleted %1. %2 undoes it.")
                    .arg(name, m_undo->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::setTheme(Theme theme)
{
    applyTheme(theme);
    QSettings().setValue(kThemeKey, themeKey(theme));
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == themeKey(theme));
    // Colours computed from the palette (status labels) follow on refresh.
    updateServerState();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tollgate"),
        tr("<h3>Tollgate %1</h3>"
           "<p>A native workbench for designing, serving and testing HTTP APIs before "
           "the real service exists.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QLatin1String(qVersion())));
}

void MainWindow::updateTitle()
{
    if (!m_document->isOpen()) {
        setWindowTitle(tr("Tollgate"));
        return;
    }
    setWindowTitle(tr("%1 — Tollgate").arg(m_document->name()));
}

void MainWindow::updateActions()
{
    const bool open = m_document->isOpen();
    const bool hasRoute = currentRoute() >= 0;
    m_save->setEnabled(open);
    m_reveal->setEnabled(open);
    m_copyPath->setEnabled(open);
    m_newRoute->setEnabled(open);
    m_duplicateRoute->setEnabled(hasRoute);
    m_deleteRoute->setEnabled(hasRoute);
}

void MainWindow::updateRouteCount()
{
    const int total = m_document->routeCount();
    int enabled = 0;
    for (int i = 0; i < total; ++i)
        enabled += m_document->route(i).enabled ? 1 : 0;
    if (enabled == total)
        m_routeCountLabel->setText(tr("%n route(s)", nullptr, total));
    else
        m_routeCountLabel->setText(
            tr("%n route(s), %1 disabled", nullptr, total).arg(total - enabled));
}

void MainWindow::updateServerState()
{
    if (m_server->isRunning()) {
        m_serverLabel->setText(tr("Serving :%1 · %Ln request(s)", nullptr,
            int(std::min<std::uint64_t>(m_server->requestsServed(), std::uint64_t(INT_MAX))))
                                   .arg(m_server->port()));
    } else {
        m_serverLabel->setText(tr("Server stopped"));
    }
}

void MainWindow::updateSaveState()
{
    if (!m_document->isOpen()) {
        m_saveLabel->clear();
        return;
    }
    if (m_document->hasUnsavedChanges())
        m_saveLabel->setText(tr("Unsaved changes"));
    else if (m_document->lastSaved().isValid())
        m_saveLabel->setText(
            tr("Saved %1")
                .arg(QLocale().toString(m_document->lastSaved().time(), QLocale::ShortFormat)));
    else
        m_saveLabel->setText(tr("Saved"));
}

void MainWindow::updateProblems()
{
    m_problems->setProblems(m_document->loadDiagnostics(), m_server->diagnostics());
    const int count = m_problems->count();
    m_problemsButton->setText(tr("%n problem(s)", nullptr, count));
    m_problemsButton->setIcon(
        count > 0 ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
    m_problemsDock->setWindowTitle(count > 0 ? tr("Problems (%1)").arg(count) : tr("Problems"));
}

void MainWindow::showMessage(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

} // namespace tollgate::ui
