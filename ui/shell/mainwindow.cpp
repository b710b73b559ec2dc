#include "ui/shell/mainwindow.h"

#include "ui/common/convert.h"
#include "ui/common/logging.h"
#include "ui/common/secretstore.h"
#include "ui/common/settings.h"
#include "ui/common/upstreamsecrets.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/keystierspanel.h"
#include "ui/load/loadpanel.h"
#include "ui/metrics/metricspanel.h"
#include "ui/requests/composerpanel.h"
#include "ui/routes/routeeditor.h"
#include "ui/shell/interchangeactions.h"
#include "ui/shell/limitsdialog.h"
#include "ui/shell/problemsview.h"
#include "ui/shell/routedesigner.h"
#include "ui/shell/serverbar.h"
#include "ui/shell/trafficlogmodel.h"
#include "ui/shell/trafficlogview.h"
#include "ui/shell/upstreamsettingsdialog.h"
#include "ui/shell/windowmenus.h"
#include "ui/shell/windowstatusbar.h"
#include "ui/shell/workspacefiles.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QScreen>
#include <QTabWidget>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr int kPanelMessageMs = 8000;

} // namespace

MainWindow::MainWindow(EngineFacade* engine, QWidget* parent)
    : QMainWindow(parent)
    , m_document(new WorkspaceDocument(this))
    , m_server(new ServerController(m_document, engine, this))
    , m_traffic(new TrafficLogModel(this))
    , m_files(new WorkspaceFiles(m_document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_serverBar = new ServerBar(m_server, m_document, this);
    addToolBar(Qt::TopToolBarArea, m_serverBar);
    connect(
        m_serverBar, &ServerBar::message, this, [this](const QString& text) { showMessage(text); });

    m_secrets = new SecretStore(this);
    // Before a workspace is applied: upstream routes to loopback and secret
    // headers compile from the first apply on.
    m_upstreamSecrets = new UpstreamSecrets(this);
    m_server->setUpstreamSecrets(m_upstreamSecrets);
    const auto loadUpstreamSecrets
        = [this] { m_upstreamSecrets->load(UpstreamSecrets::namesIn(m_document->workspace())); };
    connect(m_document, &WorkspaceDocument::opened, m_upstreamSecrets, loadUpstreamSecrets);
    connect(m_document, &WorkspaceDocument::changed, m_upstreamSecrets, loadUpstreamSecrets);
    m_routeDesigner = new RouteDesigner(m_document, this);
    m_routeDesigner->editor()->setServer(m_server, m_upstreamSecrets);
    m_keysPanel = new KeysTiersPanel(m_document, m_server, this);
    m_composer = new ComposerPanel(m_document, m_server, m_secrets, this);
    m_metricsPanel = new MetricsPanel(m_document, m_server, this);
    m_loadPanel = new LoadPanel(m_document, m_server, engine, m_secrets, this);
    createPages();
    createDocks();

    m_interchange = new InterchangeActions(m_document, m_traffic, this);
    connect(m_interchange, &InterchangeActions::message, this, &MainWindow::showMessage);

    WindowMenus::Parts parts;
    parts.files = m_files;
    parts.interchange = m_interchange;
    parts.routes = m_routeDesigner;
    parts.serverBar = m_serverBar;
    parts.keys = m_keysPanel;
    parts.composer = m_composer;
    parts.load = m_loadPanel;
    parts.trafficDock = m_trafficDock;
    parts.problemsDock = m_problemsDock;
    auto* upstreamSettings = new QAction(tr("&Upstream Settings…"), this);
    upstreamSettings->setObjectName(QStringLiteral("upstreamSettingsAction"));
    upstreamSettings->setToolTip(
        tr("The fallback upstream and the private addresses upstreams may reach"));
    connect(upstreamSettings, &QAction::triggered, this, &MainWindow::editUpstreamSettings);
    parts.upstreamSettings = upstreamSettings;
    auto* limits = new QAction(tr("&Limits…"), this);
    limits->setObjectName(QStringLiteral("limitsAction"));
    limits->setToolTip(tr("Request sizes, timeouts and connections per client address"));
    connect(limits, &QAction::triggered, this, &MainWindow::editLimits);
    parts.limits = limits;
    m_menus = new WindowMenus(this, m_document, parts);
    connect(m_menus, &WindowMenus::pageRequested, this, [this](int page) { showPage(Page(page)); });
    m_routeDesigner->setUndoAction(m_menus->undoAction());

    m_statusBar = new WindowStatusBar(m_document, m_server, this);
    setStatusBar(m_statusBar);
    // Colours computed from the palette follow a theme change on refresh.
    connect(m_menus, &WindowMenus::themeChanged, m_statusBar, &WindowStatusBar::refresh);
    connect(m_statusBar, &WindowStatusBar::problemsRequested, this, &MainWindow::showProblems);

    m_files->setLeaveCheck([this] { return leaveWorkspace(); });
    connect(m_files, &WorkspaceFiles::opened, this, &MainWindow::onWorkspaceOpened);
    connect(m_files, &WorkspaceFiles::message, this, &MainWindow::showMessage);

    connect(m_document, &WorkspaceDocument::diagnosticsChanged, this, &MainWindow::updateProblems);
    connect(m_document, &WorkspaceDocument::opened, this, &MainWindow::updateTitle);
    connect(m_document, &WorkspaceDocument::settingsChanged, this, &MainWindow::updateTitle);
    connect(m_server, &ServerController::diagnosticsChanged, this, &MainWindow::updateProblems);
    connect(m_server, &ServerController::trafficReceived, m_traffic, &TrafficLogModel::append);

    updateTitle();
    updateProblems();
    readSettings();
}

MainWindow::~MainWindow()
{
    m_server->stop();
    // The document is a child and outlives this part of the object: its
    // last signals (the undo stack clearing) must not reach a half-destroyed
    // window or the parts that belong to it.
    for (QObject* part : std::initializer_list<QObject*> { this, m_files, m_interchange, m_menus,
             m_statusBar, m_routeDesigner, m_upstreamSecrets })
        m_document->disconnect(part);
    m_server->disconnect(this);
}

void MainWindow::createPages()
{
    connect(m_routeDesigner, &RouteDesigner::message, this,
        [this](const QString& text) { showMessage(text); });
    m_keysPanel->setSecretStore(m_secrets);
    const auto panelMessage = [this](const QString& text) { showMessage(text, kPanelMessageMs); };
    connect(m_keysPanel, &KeysTiersPanel::message, this, panelMessage);
    // A key made from the menu while the routes are shown: show where it went.
    connect(m_keysPanel->newKeyAction(), &QAction::triggered, this, [this] { showPage(KeysPage); });
    connect(m_composer, &ComposerPanel::message, this, panelMessage);
    connect(m_routeDesigner->editor(), &RouteEditor::tryItRequested, this, [this](int row) {
        if (row < 0 || row >= m_document->routeCount())
            return;
        m_composer->tryRoute(m_document->route(row));
        showPage(RequestsPage);
    });
    connect(m_routeDesigner->editor(), &RouteEditor::upstreamSettingsRequested, this,
        &MainWindow::editUpstreamSettings);
    connect(m_metricsPanel, &MetricsPanel::message, this, panelMessage);
    connect(m_loadPanel, &LoadPanel::message, this, panelMessage);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pageTabs"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_routeDesigner, tr("Routes"));
    m_pages->addTab(m_keysPanel, tr("Keys && Tiers"));
    m_pages->addTab(m_composer, tr("Requests"));
    m_pages->addTab(m_metricsPanel, tr("Metrics"));
    m_pages->addTab(m_loadPanel, tr("Load"));
    m_pages->setTabToolTip(RoutesPage, tr("Design routes and their responses (Ctrl+1)"));
    m_pages->setTabToolTip(KeysPage, tr("Pricing tiers, API keys and their usage (Ctrl+2)"));
    m_pages->setTabToolTip(RequestsPage, tr("Send test requests and keep them (Ctrl+3)"));
    m_pages->setTabToolTip(MetricsPage,
        tr("Requests, latency, errors, cost and revenue of the served traffic (Ctrl+4)"));
    m_pages->setTabToolTip(
        LoadPage, tr("Load-test the embedded server or any URL, and compare runs (Ctrl+5)"));
    connect(m_pages, &QTabWidget::currentChanged, this,
        [this](int index) { m_menus->setCurrentPage(index); });
    setCentralWidget(m_pages);
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

void MainWindow::readSettings()
{
    if (!restoreGeometry(settings::windowGeometry().read())) {
        QSize size(1400, 900);
        if (const QScreen* s = screen())
            size = size.boundedTo(s->availableSize() * 0.95);
        resize(size);
    }
    restoreState(settings::windowState().read());
    m_routeDesigner->restoreState(settings::routeSplitter().read());
}

void MainWindow::writeSettings()
{
    settings::windowGeometry().write(saveGeometry());
    settings::windowState().write(saveState());
    settings::routeSplitter().write(m_routeDesigner->saveState());
}

bool MainWindow::leaveWorkspace()
{
    if (!m_composer->confirmDiscard())
        return false;
    m_composer->writeDraft();
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_document->isOpen() && !leaveWorkspace()) {
        event->ignore();
        return;
    }
    if (m_document->hasUnsavedChanges()) {
        QString error;
        if (!m_document->saveNow(&error)) {
            qCWarning(lcWorkspace).noquote() << "could not save on closing:" << error;
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

bool MainWindow::openWorkspace(const QString& dir)
{
    return m_files->openWorkspace(dir);
}

void MainWindow::onWorkspaceOpened()
{
    if (m_document->routeCount() > 0 && currentRoute() < 0)
        selectRoute(0);
    if (!m_document->loadDiagnostics().empty())
        showProblems();
}

void MainWindow::showProblems()
{
    m_problemsDock->show();
    m_problemsDock->raise();
}

RouteEditor* MainWindow::routeEditor() const
{
    return m_routeDesigner->editor();
}

bool MainWindow::editUpstreamSettings()
{
    if (!m_document->isOpen())
        return false;
    UpstreamSettingsDialog dialog(m_document, this);
    return dialog.exec() == QDialog::Accepted;
}

bool MainWindow::editLimits()
{
    if (!m_document->isOpen())
        return false;
    LimitsDialog dialog(m_document, this);
    return dialog.exec() == QDialog::Accepted;
}

void MainWindow::showPage(Page page)
{
    m_pages->setCurrentIndex(page);
    m_menus->setCurrentPage(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(std::clamp(m_pages->currentIndex(), int(RoutesPage), int(LoadPage)));
}

int MainWindow::currentRoute() const
{
    return m_routeDesigner->currentRoute();
}

void MainWindow::selectRoute(int row)
{
    m_routeDesigner->selectRoute(row);
}

void MainWindow::updateTitle()
{
    if (!m_document->isOpen()) {
        setWindowTitle(tr("Tollgate"));
        return;
    }
    setWindowTitle(tr("%1 — Tollgate").arg(m_document->name()));
}

void MainWindow::updateProblems()
{
    m_problems->setProblems(m_document->loadDiagnostics(), m_server->diagnostics());
    const int count = m_problems->count();
    m_statusBar->setProblemCount(count);
    m_problemsDock->setWindowTitle(count > 0 ? tr("Problems (%1)").arg(count) : tr("Problems"));
}

void MainWindow::showMessage(const QString& text, int timeoutMs)
{
    m_statusBar->showMessage(text, timeoutMs);
}

} // namespace tollgate::ui
