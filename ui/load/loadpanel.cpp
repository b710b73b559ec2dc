#include "ui/load/loadpanel.h"

#include "server/load/loadreport.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadcomparisonview.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadlivecharts.h"
#include "ui/load/loadruncontroller.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/load/loadrunsview.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/load/loadslicemodel.h"
#include "ui/load/loadsummaryview.h"
#include "ui/load/loadthresholdtext.h"
#include "ui/widgets/readonlytable.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

std::int64_t unixFromIso(const std::string& iso, std::int64_t fallback)
{
    std::int64_t t = 0;
    if (server::parseUtcTime(iso, &t))
        return t;
    const QDateTime dt = QDateTime::fromString(toQt(iso), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toSecsSinceEpoch() : fallback;
}

} // namespace

LoadPanel::LoadPanel(WorkspaceDocument* document, ServerController* server, EngineFacade* engine,
    SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_startAction(new QAction(
          QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Start Load Test"), this))
    , m_stopAction(new QAction(
          QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("S&top Load Test"), this))
    , m_tiers(new LoadSliceModel(this))
    , m_routes(new LoadSliceModel(this))
{
    setObjectName(QStringLiteral("loadPanel"));
    m_tiers->setNameHeader(tr("Tier"));
    m_routes->setNameHeader(tr("Route"));

    m_startAction->setObjectName(QStringLiteral("startLoadAction"));
    m_startAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_startAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_startAction->setToolTip(tr("Start the load test (Ctrl+Return)"));
    connect(m_startAction, &QAction::triggered, this, [this] { start(); });
    addAction(m_startAction);

    m_stopAction->setObjectName(QStringLiteral("stopLoadAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_stopAction->setToolTip(tr("Stop the running test; what it measured is kept (Esc)"));
    connect(m_stopAction, &QAction::triggered, this, &LoadPanel::stop);
    addAction(m_stopAction);

    m_settings = new LoadSettingsSide(document, server, secrets, m_startAction, m_stopAction, this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("loadSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_settings);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 500, 1100 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);

    m_controller
        = new LoadRunController(document, server, engine, m_settings, m_charts, m_summary, this);
    connect(m_controller, &LoadRunController::launched, this, &LoadPanel::onLaunched);
    connect(m_controller, &LoadRunController::started, this, &LoadPanel::started);
    connect(m_controller, &LoadRunController::progressed, this, &LoadPanel::progressed);
    connect(m_controller, &LoadRunController::reportReady, this, &LoadPanel::onReportReady);
    connect(m_controller, &LoadRunController::finished, this, &LoadPanel::finished);
    connect(m_controller, &LoadRunController::stateChanged, this, &LoadPanel::onStateChanged);
    connect(m_controller, &LoadRunController::statusChanged, m_status, &QLabel::setText);

    connect(m_settings, &LoadSettingsSide::message, this, &LoadPanel::message);
    connect(m_controller, &LoadRunController::message, this, &LoadPanel::message);
    connect(m_runs, &LoadRunsView::message, this, &LoadPanel::message);
    connect(m_settings, &LoadSettingsSide::edited, this, &LoadPanel::updateIdleStatus);
    connect(m_runs, &LoadRunsView::openRequested, this, [this](const QString& id) { openRun(id); });
    connect(m_runs, &LoadRunsView::compareRequested, this,
        [this](const QString& a, const QString& b) { compareRuns(a, b); });
    connect(m_runs, &LoadRunsView::settingsRequested, this, &LoadPanel::applySettings);
    connect(m_runs, &LoadRunsView::refreshed, this, [this] {
        const int n = m_runs->model()->rowCount();
        m_results->setTabText(RunsTab, n > 0 ? tr("Runs (%1)").arg(n) : tr("Runs"));
    });

    connect(m_document, &WorkspaceDocument::opened, this, &LoadPanel::onWorkspaceOpened);
    connect(m_document, &WorkspaceDocument::closed, this, &LoadPanel::rememberSettings);
    const auto serverChanged = [this] {
        m_settings->refreshServer();
        updateIdleStatus();
    };
    connect(m_document, &WorkspaceDocument::settingsChanged, this, serverChanged);
    connect(m_server, &ServerController::stateChanged, this, serverChanged);

    if (m_document->isOpen()) {
        onWorkspaceOpened();
    } else {
        m_settings->refreshKeys();
        m_settings->refreshServer();
    }
    onStateChanged();
    updateIdleStatus();
}

LoadPanel::~LoadPanel()
{
    rememberSettings();
}

QWidget* LoadPanel::buildResults()
{
    auto* area = new QWidget(this);
    area->setObjectName(QStringLiteral("loadResultsSide"));

    m_status = new QLabel(area);
    m_status->setObjectName(QStringLiteral("loadStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_charts = new LoadLiveCharts(area);

    m_results = new QTabWidget(area);
    m_results->setObjectName(QStringLiteral("loadResultTabs"));
    m_results->setDocumentMode(true);
    m_summary = new LoadSummaryView(m_results);
    m_results->addTab(m_summary, tr("Summary"));

    const auto sliceTable = [this](const char* name, LoadSliceModel* model) {
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(LoadSliceModel::SortRole);
        QTableView* view = makeReadOnlyTable(name, proxy, m_results);
        view->setSortingEnabled(true);
        view->sortByColumn(LoadSliceModel::RequestsColumn, Qt::DescendingOrder);
        for (int c = 1; c < LoadSliceModel::ColumnCount; ++c) {
            QString sample = QStringLiteral("1,000,000");
            if (c >= LoadSliceModel::P50Column && c <= LoadSliceModel::MaxColumn)
                sample = QStringLiteral("1,000 ms");
            else if (c == LoadSliceModel::ShareColumn)
                sample = QStringLiteral("100.0 %");
            else if (c == LoadSliceModel::ThroughputColumn)
                sample = QStringLiteral("10,000");
            fitColumn(view, c, sample);
        }
        view->horizontalHeader()->setSectionResizeMode(
            LoadSliceModel::NameColumn, QHeaderView::Stretch);
        return view;
    };
    m_results->addTab(sliceTable("loadTierView", m_tiers), tr("Tiers"));
    m_results->addTab(sliceTable("loadRouteView", m_routes), tr("Routes"));
    m_runs = new LoadRunsView(m_document, m_results);
    m_results->addTab(m_runs, tr("Runs"));
    m_comparison = new LoadComparisonView(m_results);
    m_results->addTab(m_comparison, tr("Compare"));

    auto* splitter = new QSplitter(Qt::Vertical, area);
    splitter->setObjectName(QStringLiteral("loadResultsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_charts);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 420, 380 });

    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(4, 4, 8, 4);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    return area;
}

// ---------------------------------------------------------------------------
// The parts, as the page's tests and the window see them

LoadSettingsForm* LoadPanel::settingsForm() const
{
    return m_settings->form();
}

LoadMixModel* LoadPanel::mixModel() const
{
    return m_settings->mixModel();
}

LoadKeyPoolModel* LoadPanel::keyModel() const
{
    return m_settings->keyModel();
}

LoadRunListModel* LoadPanel::runModel() const
{
    return m_runs->model();
}

LoadComparisonModel* LoadPanel::comparisonModel() const
{
    return m_comparison->model();
}

QTableView* LoadPanel::runView() const
{
    return m_runs->view();
}

QTableView* LoadPanel::comparisonView() const
{
    return m_comparison->view();
}

QLabel* LoadPanel::problemLabel() const
{
    return m_settings->problemLabel();
}

QComboBox* LoadPanel::keyHeaderCombo() const
{
    return m_settings->keyHeaderCombo();
}

server::LoadSettings LoadPanel::currentSettings() const
{
    return m_settings->currentSettings();
}

void LoadPanel::applySettings(const server::LoadSettings& settings)
{
    m_settings->applySettings(settings);
}

bool LoadPanel::start()
{
    return m_controller->start();
}

void LoadPanel::stop()
{
    m_controller->stop();
}

bool LoadPanel::isRunning() const
{
    return m_controller->isRunning();
}

QStringList LoadPanel::problems() const
{
    return m_settings->problems();
}

int LoadPanel::liveSeconds() const
{
    return m_charts->secondCount();
}

int LoadPanel::createTestKeys()
{
    return m_settings->createTestKeys();
}

void LoadPanel::setPollInterval(int ms)
{
    m_controller->setPollInterval(ms);
}

void LoadPanel::rememberSettings()
{
    m_settings->rememberSettings();
}

// ---------------------------------------------------------------------------
// Workspace and runs

void LoadPanel::onWorkspaceOpened()
{
    m_settings->workspaceOpened();
    m_report.reset();
    if (!isRunning()) {
        m_summary->clear();
        m_charts->clear();
        m_tiers->clear();
        m_routes->clear();
    }
    m_comparison->clear();
    refreshRuns();
    updateIdleStatus();
}

void LoadPanel::onLaunched()
{
    m_report.reset();
    m_tiers->clear();
    m_routes->clear();
    m_results->setTabText(TiersTab, tr("Tiers"));
    m_results->setTabText(RoutesTab, tr("Routes"));
    if (m_results->currentIndex() != CompareTab)
        m_results->setCurrentIndex(SummaryTab);
}

void LoadPanel::onReportReady(const server::LoadReport& report)
{
    m_report = report;
    showReport(report);
    refreshRuns();
    m_runs->select(toQt(report.id));
}

void LoadPanel::onStateChanged()
{
    const bool running = isRunning();
    m_startAction->setEnabled(!running);
    m_stopAction->setEnabled(running && !m_controller->isStopping());
    m_settings->setRunning(running);
    m_runs->setRunning(running);
    updateIdleStatus();
}

void LoadPanel::showReport(const server::LoadReport& report)
{
    m_summary->setReport(report);
    m_tiers->setDisplayNames(tierNames());
    m_tiers->setSlices(report.tiers, report.measuredSeconds);
    m_routes->setSlices(report.routes, report.measuredSeconds);
    m_results->setTabText(TiersTab, tr("Tiers (%1)").arg(report.tiers.size()));
    m_results->setTabText(RoutesTab, tr("Routes (%1)").arg(report.routes.size()));
    m_charts->setExtra(LoadLiveCharts::extraFor(report.settings));
    m_charts->showTimeline(unixFromIso(report.startedAt, m_controller->runStart()),
        report.timeline, report.settings.warmupSeconds + report.measuredSeconds);
}

QHash<QString, QString> LoadPanel::tierNames() const
{
    QHash<QString, QString> names;
    for (const server::Tier& t : m_document->tiers())
        names.insert(toQt(t.id), t.name.empty() ? toQt(t.id) : toQt(t.name));
    names.insert(LoadKeyPoolModel::noKeyTier(), tr("No key"));
    return names;
}

QString LoadPanel::runDirectory() const
{
    return m_runs->directory();
}

void LoadPanel::refreshRuns()
{
    m_runs->refresh();
}

bool LoadPanel::openRun(const QString& id, QString* error)
{
    server::LoadReport report;
    QString why;
    if (!m_runs->read(id, &report, &why)) {
        if (error)
            *error = why;
        Q_EMIT message(tr("Cannot read the run %1: %2").arg(id, why));
        return false;
    }
    if (isRunning()) {
        Q_EMIT message(tr("A load test is running: its live numbers stay until it ends."));
        return false;
    }
    m_report = report;
    showReport(report);
    m_results->setCurrentIndex(SummaryTab);
    QString status
        = tr("Showing the run of %1 · %2 · %3")
              .arg(LoadRunListModel::startedText(report.startedAt), toQt(report.settings.url),
                  LoadRunListModel::planText(
                      report.settings.model, report.settings.connections, report.settings.rate));
    if (const QString verdict
        = LoadThresholdText::headline(report.thresholds, report.abortedBy, false);
        !verdict.isEmpty())
        status += QStringLiteral(" · ") + verdict;
    m_status->setText(status);
    return true;
}

bool LoadPanel::compareRuns(const QString& a, const QString& b, QString* error)
{
    if (runDirectory().isEmpty())
        return false;
    server::LoadReport ra;
    server::LoadReport rb;
    QString why;
    if (!m_runs->read(a, &ra, &why) || !m_runs->read(b, &rb, &why)) {
        if (error)
            *error = why;
        Q_EMIT message(tr("Cannot compare: %1").arg(why));
        return false;
    }
    m_comparison->compare(ra, rb, tierNames());
    m_results->setCurrentIndex(CompareTab);
    return true;
}

bool LoadPanel::deleteRun(const QString& id, bool confirm)
{
    return m_runs->remove(id, confirm);
}

void LoadPanel::updateIdleStatus()
{
    if (isRunning() || m_report)
        return;
    m_status->setText(tr("Ready · %1").arg(m_settings->form()->targetDescription()));
}

void LoadPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_document->isOpen() && !isRunning())
        m_settings->offerNewRoutes();
}

} // namespace tollgate::ui
