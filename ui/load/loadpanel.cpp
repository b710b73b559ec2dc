#include "ui/load/loadpanel.h"

#include "server/access/apikey.h"
#include "server/load/loadgen.h"
#include "server/load/loadreport.h"
#include "server/load/loadjson.h"
#include "server/load/loadrunstore.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/enginefacade.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadcomparisonmodel.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadlivecharts.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadslicemodel.h"
#include "ui/load/loadsummaryview.h"
#include "ui/load/loadtargetdialog.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tollgate::ui {

namespace json = boost::json;

struct LoadPanel::Live : LoadSummaryView::Live { };

namespace {

// 4 Hz, as the Metrics page: live without costing the GUI thread.
constexpr int kPollMs = 250;
// Edits are remembered a moment after the last one.
constexpr int kRememberDelayMs = 800;
constexpr int kValidateDelayMs = 250;

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QTableView* makeTable(const char* name, QAbstractItemModel* model, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setCornerButtonEnabled(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setMinimumSectionSize(36);
    return view;
}

// Width for a column: its header or a sample cell, whichever is wider.
void fitColumn(QTableView* view, int column, const QString& sample)
{
    const QFontMetrics fm = view->fontMetrics();
    const QString header = view->model()->headerData(column, Qt::Horizontal).toString();
    view->horizontalHeader()->resizeSection(
        column, std::max(fm.horizontalAdvance(header) + 24, fm.horizontalAdvance(sample) + 16));
}

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

std::int64_t unixFromIso(const std::string& iso, std::int64_t fallback)
{
    std::int64_t t = 0;
    if (server::parseUtcTime(iso, &t))
        return t;
    const QDateTime dt = QDateTime::fromString(toQt(iso), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toSecsSinceEpoch() : fallback;
}

QString routeKey(const std::string& method, const std::string& path)
{
    return toQt(method) + QLatin1Char(' ') + toQt(path);
}

} // namespace

LoadPanel::LoadPanel(WorkspaceDocument* document, ServerController* server, EngineFacade* engine,
    SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_engine(engine)
    , m_secrets(secrets)
    , m_mix(new LoadMixModel(this))
    , m_keys(new LoadKeyPoolModel(this))
    , m_tiers(new LoadSliceModel(this))
    , m_routes(new LoadSliceModel(this))
    , m_runs(new LoadRunListModel(this))
    , m_comparison(new LoadComparisonModel(this))
    , m_timer(new QTimer(this))
    , m_rememberTimer(new QTimer(this))
    , m_validateTimer(new QTimer(this))
    , m_live(std::make_unique<Live>())
{
    setObjectName(QStringLiteral("loadPanel"));
    m_tiers->setNameHeader(tr("Tier"));
    m_routes->setNameHeader(tr("Route"));

    m_startAction = new QAction(
        QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Start Load Test"), this);
    m_startAction->setObjectName(QStringLiteral("startLoadAction"));
    m_startAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_startAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_startAction->setToolTip(tr("Start the load test (Ctrl+Return)"));
    connect(m_startAction, &QAction::triggered, this, [this] { start(); });
    addAction(m_startAction);

    m_stopAction = new QAction(
        QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("S&top Load Test"), this);
    m_stopAction->setObjectName(QStringLiteral("stopLoadAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_stopAction->setToolTip(tr("Stop the running test; what it measured is kept (Esc)"));
    connect(m_stopAction, &QAction::triggered, this, &LoadPanel::stop);
    addAction(m_stopAction);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("loadSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildSettings());
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 500, 1100 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);

    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &LoadPanel::onTick);
    m_rememberTimer->setSingleShot(true);
    m_rememberTimer->setInterval(kRememberDelayMs);
    connect(m_rememberTimer, &QTimer::timeout, this, &LoadPanel::rememberSettings);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(kValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &LoadPanel::revalidate);

    const auto edited = [this] {
        m_rememberTimer->start();
        // Problems on show go away as soon as they are fixed.
        if (!m_problems.isEmpty() && !m_running)
            m_validateTimer->start();
        if (!m_running)
            updateIdleStatus();
    };
    connect(m_form, &LoadSettingsForm::edited, this, edited);
    connect(m_mix, &LoadMixModel::mixChanged, this, edited);
    connect(m_keys, &LoadKeyPoolModel::poolChanged, this, edited);
    connect(m_mix, &LoadMixModel::mixChanged, this, &LoadPanel::updateKeyHint);
    connect(m_keys, &LoadKeyPoolModel::poolChanged, this, &LoadPanel::updateKeyHint);
    connect(m_mixView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &LoadPanel::updateActions);
    connect(m_mix, &QAbstractItemModel::modelReset, this, &LoadPanel::updateActions);
    connect(m_mix, &QAbstractItemModel::rowsRemoved, this, &LoadPanel::updateActions);
    connect(m_keyHeader, &QComboBox::currentIndexChanged, this, edited);

    connect(m_document, &WorkspaceDocument::opened, this, &LoadPanel::onWorkspaceOpened);
    connect(m_document, &WorkspaceDocument::closed, this, &LoadPanel::onWorkspaceClosed);
    for (auto signal : { &WorkspaceDocument::keysReset, &WorkspaceDocument::keysChanged,
             &WorkspaceDocument::tiersReset, &WorkspaceDocument::tiersChanged })
        connect(m_document, signal, this, &LoadPanel::refreshKeys);
    const auto routesChanged = [this] {
        m_mix->setRoutes(m_document->workspace().routes);
        updateKeyHint();
    };
    connect(m_document, &WorkspaceDocument::routesReset, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeInserted, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeRemoved, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeChanged, this, routesChanged);
    connect(m_document, &WorkspaceDocument::settingsChanged, this, &LoadPanel::refreshServer);
    connect(m_server, &ServerController::stateChanged, this, &LoadPanel::refreshServer);
    connect(m_server, &ServerController::started, this, &LoadPanel::onServerStarted);
    connect(m_server, &ServerController::startFailed, this, [this](const QString& error) {
        if (m_awaitingServer)
            onStartFailed(tr("The embedded server could not start: %1").arg(error));
    });
    connect(m_engine, &EngineFacade::loadStarted, this, [this] {
        if (m_running)
            Q_EMIT started();
    });
    connect(m_engine, &EngineFacade::loadFailed, this, &LoadPanel::onStartFailed);
    connect(m_engine, &EngineFacade::loadFinished, this, &LoadPanel::finishRun);
    if (m_secrets)
        connect(m_secrets, &SecretStore::secretsChanged, this, &LoadPanel::refreshKeys);

    applyProblemPalette();
    refreshServer();
    if (m_document->isOpen())
        onWorkspaceOpened();
    else
        refreshKeys();
    updateActions();
    updateIdleStatus();
}

LoadPanel::~LoadPanel()
{
    rememberSettings();
    // The window closes while a test runs: end it (in flight requests get
    // their second); the engine keeps what it measured, as Stop would.
    if (m_running && !m_awaitingServer)
        m_engine->stopLoad();
}

// ---------------------------------------------------------------------------
// Building

QWidget* LoadPanel::buildSettings()
{
    auto* side = new QWidget(this);
    side->setObjectName(QStringLiteral("loadSettingsSide"));

    m_form = new LoadSettingsForm(side);

    // The route mix.
    m_mixView = makeTable("loadMixView", m_mix, side);
    m_mixView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_mixView->setToolTip(tr("Check the requests to send; double-click one to edit its parameter "
                             "templates, headers and body"));
    m_mixView->setTextElideMode(Qt::ElideRight);
    fitColumn(m_mixView, LoadMixModel::WeightColumn, QStringLiteral("1000"));
    fitColumn(m_mixView, LoadMixModel::ShareColumn, QStringLiteral("100.0 %"));
    m_mixView->horizontalHeader()->resizeSection(LoadMixModel::RouteColumn,
        m_mixView->fontMetrics().horizontalAdvance(QStringLiteral("PATCH /v1/users/{id}")) + 34);
    m_mixView->horizontalHeader()->setSectionResizeMode(
        LoadMixModel::TemplateColumn, QHeaderView::Stretch);
    // The request column as wide as its longest entry, within reason; the
    // templates take the rest.
    connect(m_mix, &LoadMixModel::mixChanged, this, [this] {
        m_mixView->resizeColumnToContents(LoadMixModel::RouteColumn);
        const int viewport = m_mixView->viewport()->width();
        const int limit = viewport > 200 ? viewport * 3 / 5 : 320;
        const int least
            = m_mixView->fontMetrics().horizontalAdvance(QStringLiteral("GET /v1/users/{id}")) + 34;
        m_mixView->setColumnWidth(LoadMixModel::RouteColumn,
            std::clamp(
                m_mixView->columnWidth(LoadMixModel::RouteColumn), least, std::max(least, limit)));
    });
    connect(m_mixView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != LoadMixModel::WeightColumn)
            editMixRow(index.row());
    });

    const auto toolButton = [side](const char* name, const QString& text, const QString& tip) {
        auto* b = new QToolButton(side);
        b->setObjectName(QString::fromLatin1(name));
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    auto* editButton = m_mixEditButton = toolButton("loadMixEditButton", tr("Edit…"),
        tr("Edit the selected request: parameter templates, headers, body"));
    connect(editButton, &QToolButton::clicked, this,
        [this] { editMixRow(m_mixView->currentIndex().row()); });
    auto* addButton
        = toolButton("loadMixAddButton", tr("Add…"), tr("Add a request that is not a route"));
    connect(addButton, &QToolButton::clicked, this, [this] {
        server::LoadTarget t;
        t.path = "/";
        LoadTargetDialog dialog(t, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const int row = m_mix->addRow({ true, dialog.target() });
        m_mixView->setCurrentIndex(m_mix->index(row, 0));
    });
    auto* removeButton = m_mixRemoveButton = toolButton(
        "loadMixRemoveButton", tr("Remove"), tr("Remove the selected request from the mix"));
    connect(removeButton, &QToolButton::clicked, this,
        [this] { m_mix->removeRow(m_mixView->currentIndex().row()); });
    auto* resetButton = toolButton("loadMixResetButton", tr("Reset"),
        tr("Replace the mix with the workspace's routes (enabled ones checked)"));
    connect(resetButton, &QToolButton::clicked, this,
        [this] { m_mix->setRows(LoadMixModel::rowsForRoutes(m_document->workspace().routes)); });

    auto* mixHeader = new QHBoxLayout;
    mixHeader->setContentsMargins(0, 0, 0, 0);
    mixHeader->setSpacing(2);
    mixHeader->addWidget(sectionTitle(tr("Route mix"), side));
    mixHeader->addStretch(1);
    mixHeader->addWidget(editButton);
    mixHeader->addWidget(addButton);
    mixHeader->addWidget(removeButton);
    mixHeader->addWidget(resetButton);

    // The key pool.
    m_keyView = makeTable("loadKeyView", m_keys, side);
    m_keyView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_keyView->setToolTip(tr("Keys whose secret this app holds (created or rotated here). Each "
                             "request draws one by weight and is counted under its tier."));
    fitColumn(m_keyView, LoadKeyPoolModel::TierColumn, QStringLiteral("Enterprise"));
    fitColumn(m_keyView, LoadKeyPoolModel::WeightColumn, QStringLiteral("1000"));
    fitColumn(m_keyView, LoadKeyPoolModel::ShareColumn, QStringLiteral("100.0 %"));
    m_keyView->horizontalHeader()->setSectionResizeMode(
        LoadKeyPoolModel::KeyColumn, QHeaderView::Stretch);

    m_testKeysButton = toolButton("loadTestKeysButton", tr("Create a test key per tier"),
        tr("Make one key for every tier that has none in the pool (Edit ▸ Undo removes them)"));
    m_testKeysButton->setAutoRaise(false);
    connect(m_testKeysButton, &QToolButton::clicked, this, &LoadPanel::createTestKeys);

    m_keyHint = new QLabel(side);
    m_keyHint->setObjectName(QStringLiteral("loadKeyHintLabel"));
    m_keyHint->setWordWrap(true);
    m_keyHint->setForegroundRole(QPalette::PlaceholderText);
    m_keyHint->hide();

    m_keyHeader = new QComboBox(side);
    m_keyHeader->setObjectName(QStringLiteral("loadKeyHeaderCombo"));
    m_keyHeader->addItem(tr("Authorization: Bearer"), QStringLiteral("Authorization"));
    m_keyHeader->addItem(QStringLiteral("X-API-Key"), QStringLiteral("X-API-Key"));
    m_keyHeader->setToolTip(tr("The header keys are sent in; the embedded server accepts both"));
    auto* keyHeaderLabel = new QLabel(tr("Send &in:"), side);
    keyHeaderLabel->setBuddy(m_keyHeader);

    auto* keyFooter = new QHBoxLayout;
    keyFooter->setContentsMargins(0, 0, 0, 0);
    keyFooter->addWidget(m_testKeysButton);
    keyFooter->addStretch(1);
    keyFooter->addWidget(keyHeaderLabel);
    keyFooter->addWidget(m_keyHeader);

    // Problems and the buttons stay in view whatever the tables need.
    m_problemLabel = new QLabel(side);
    m_problemLabel->setObjectName(QStringLiteral("loadProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setAutoFillBackground(true);
    m_problemLabel->setContentsMargins(8, 4, 8, 4);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->hide();

    m_startButton = new QPushButton(m_startAction->icon(), tr("Start"), side);
    m_startButton->setObjectName(QStringLiteral("loadStartButton"));
    m_startButton->setToolTip(m_startAction->toolTip());
    m_startButton->setDefault(true);
    connect(m_startButton, &QPushButton::clicked, m_startAction, &QAction::trigger);
    m_stopButton = new QPushButton(m_stopAction->icon(), tr("Stop"), side);
    m_stopButton->setObjectName(QStringLiteral("loadStopButton"));
    m_stopButton->setToolTip(m_stopAction->toolTip());
    connect(m_stopButton, &QPushButton::clicked, m_stopAction, &QAction::trigger);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addStretch(1);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_startButton);

    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(10, 4, 6, 8);
    layout->setSpacing(5);
    layout->addWidget(sectionTitle(tr("Run"), side));
    layout->addWidget(m_form);
    layout->addSpacing(4);
    layout->addLayout(mixHeader);
    layout->addWidget(m_mixView, 3);
    layout->addSpacing(4);
    layout->addWidget(sectionTitle(tr("Key pool"), side));
    layout->addWidget(m_keyView, 2);
    layout->addWidget(m_keyHint);
    layout->addLayout(keyFooter);
    layout->addWidget(m_problemLabel);
    layout->addLayout(buttons);
    const int row = m_mixView->verticalHeader()->defaultSectionSize();
    m_mixView->setMinimumHeight(row * 3 + m_mixView->horizontalHeader()->sizeHint().height() + 4);
    m_keyView->setMinimumHeight(row * 3 + m_keyView->horizontalHeader()->sizeHint().height() + 4);
    side->setMinimumWidth(430);
    return side;
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
        QTableView* view = makeTable(name, proxy, m_results);
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
    m_tierView = sliceTable("loadTierView", m_tiers);
    m_results->addTab(m_tierView, tr("Tiers"));
    m_routeView = sliceTable("loadRouteView", m_routes);
    m_results->addTab(m_routeView, tr("Routes"));
    m_results->addTab(buildRunsTab(), tr("Runs"));
    m_results->addTab(buildCompareTab(), tr("Compare"));

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

QWidget* LoadPanel::buildRunsTab()
{
    auto* tab = new QWidget(m_results);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_runs);
    proxy->setSortRole(LoadRunListModel::SortRole);
    m_runView = makeTable("loadRunView", proxy, tab);
    m_runView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runView->setSortingEnabled(true);
    m_runView->sortByColumn(LoadRunListModel::StartedColumn, Qt::DescendingOrder);
    m_runView->setToolTip(tr("Double-click a run to show it; select two to compare them"));
    fitColumn(m_runView, LoadRunListModel::StartedColumn,
        QStringLiteral("2026-12-31 23:59:59 (stopped)"));
    fitColumn(m_runView, LoadRunListModel::PlanColumn, QStringLiteral("closed · 256 connections"));
    fitColumn(m_runView, LoadRunListModel::RequestsColumn, QStringLiteral("1,000,000"));
    fitColumn(m_runView, LoadRunListModel::ThroughputColumn, QStringLiteral("10,000"));
    fitColumn(m_runView, LoadRunListModel::P50Column, QStringLiteral("1,000 ms"));
    fitColumn(m_runView, LoadRunListModel::P99Column, QStringLiteral("1,000 ms"));
    fitColumn(m_runView, LoadRunListModel::ErrorsColumn, QStringLiteral("100,000"));
    m_runView->horizontalHeader()->setSectionResizeMode(
        LoadRunListModel::TargetColumn, QHeaderView::Stretch);
    connect(m_runView, &QTableView::doubleClicked, this, [this] { openSelected(); });
    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &LoadPanel::updateActions);

    const auto button = [tab](const char* name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, tab);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        return b;
    };
    m_openRunButton
        = button("loadOpenRunButton", tr("Show"), tr("Show the selected run's results"));
    connect(m_openRunButton, &QPushButton::clicked, this, &LoadPanel::openSelected);
    m_compareButton = button("loadCompareButton", tr("Compare"),
        tr("Compare the two selected runs side by side (the older one is the baseline)"));
    connect(m_compareButton, &QPushButton::clicked, this, &LoadPanel::compareSelected);
    m_useSettingsButton = button("loadUseSettingsButton", tr("Use Settings"),
        tr("Put the selected run's settings in the form, to run it again"));
    connect(m_useSettingsButton, &QPushButton::clicked, this, &LoadPanel::useSelectedSettings);
    m_deleteRunButton
        = button("loadDeleteRunButton", tr("Delete…"), tr("Delete the selected run's file"));
    connect(m_deleteRunButton, &QPushButton::clicked, this, &LoadPanel::deleteSelected);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_openRunButton);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_useSettingsButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteRunButton);

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_runView, 1);
    layout->addLayout(buttons);
    return tab;
}

QWidget* LoadPanel::buildCompareTab()
{
    auto* tab = new QWidget(m_results);
    m_comparisonLabel = new QLabel(tab);
    m_comparisonLabel->setObjectName(QStringLiteral("loadComparisonLabel"));
    m_comparisonLabel->setWordWrap(true);
    m_comparisonView = makeTable("loadComparisonView", m_comparison, tab);
    m_comparisonView->setSelectionMode(QAbstractItemView::ContiguousSelection);
    // Values next to their labels; what is left of the width stays empty.
    m_comparisonView->horizontalHeader()->setStretchLastSection(false);
    for (int c : { int(LoadComparisonModel::AColumn), int(LoadComparisonModel::BColumn) })
        m_comparisonView->horizontalHeader()->resizeSection(c,
            m_comparisonView->fontMetrics().horizontalAdvance(
                QStringLiteral("B: 2026-12-31 23:59:59"))
                + 24);
    fitColumn(m_comparisonView, LoadComparisonModel::ChangeColumn, QStringLiteral("+1,000.0 %"));
    m_copyComparisonButton = new QPushButton(tr("Copy as Text"), tab);
    m_copyComparisonButton->setObjectName(QStringLiteral("loadCopyComparisonButton"));
    m_copyComparisonButton->setToolTip(
        tr("Copy the comparison as plain text, as `tollgated load` prints it"));
    connect(m_copyComparisonButton, &QPushButton::clicked, this, &LoadPanel::copyComparison);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_comparisonLabel, 1);
    top->addWidget(m_copyComparisonButton);
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_comparisonView, 1);
    m_comparisonLabel->setText(
        tr("Select two runs in the Runs tab and press Compare to see them side by side."));
    return tab;
}

// ---------------------------------------------------------------------------
// Workspace, keys, server

void LoadPanel::onWorkspaceOpened()
{
    if (!m_workspaceDir.isEmpty() && m_workspaceDir != m_document->directory())
        rememberSettings();
    m_workspaceDir = m_document->directory();
    m_mix->setRoutes(m_document->workspace().routes);
    m_seenRoutes.clear();
    for (const server::Route& r : m_document->workspace().routes)
        m_seenRoutes.insert(routeKey(r.method, r.path));
    if (m_secrets) {
        QStringList ids;
        for (const server::ApiKey& key : m_document->keys())
            ids << toQt(key.id);
        m_secrets->load(ids);
    }
    refreshKeys();
    refreshServer();
    restoreSettings();
    m_report.reset();
    if (!m_running) {
        m_summary->clear();
        m_charts->clear();
        m_tiers->clear();
        m_routes->clear();
    }
    m_comparison->clear();
    m_comparisonText.clear();
    showProblems({});
    refreshRuns();
    updateActions();
    updateIdleStatus();
}

void LoadPanel::onWorkspaceClosed()
{
    rememberSettings();
}

void LoadPanel::refreshKeys()
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    SecretStore* secrets = m_secrets;
    m_keys->refresh(
        m_document->keys(), m_document->tiers(),
        [secrets](const QString& id) { return secrets && secrets->knows(id); }, now);
    updateActions();
}

void LoadPanel::refreshServer()
{
    const bool running = m_server->isRunning();
    m_form->setEmbeddedServer(running ? m_server->baseUrl() : m_server->expectedBaseUrl(), running);
    if (!m_running)
        updateIdleStatus();
}

QHash<QString, QString> LoadPanel::tierNames() const
{
    QHash<QString, QString> names;
    for (const server::Tier& t : m_document->tiers())
        names.insert(toQt(t.id), t.name.empty() ? toQt(t.id) : toQt(t.name));
    names.insert(LoadKeyPoolModel::noKeyTier(), tr("No key"));
    return names;
}

int LoadPanel::createTestKeys()
{
    if (!m_document->isOpen())
        return 0;
    const QStringList have = m_keys->tiersInPool();
    std::vector<server::ApiKey> keys = m_document->keys();
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    QStringList made;
    QList<QPair<QString, QString>> secrets;
    for (const server::Tier& tier : m_document->tiers()) {
        if (have.contains(toQt(tier.id)))
            continue;
        server::KeyOptions options;
        options.tier = tier.id;
        options.label = "load-test-" + tier.id;
        options.owner = "load runner";
        server::NewKey key;
        std::string error;
        if (!server::createKey(
                m_document->workspace().server.environment, options, now, &key, &error)) {
            Q_EMIT message(tr("Could not create a key: %1").arg(toQt(error)));
            break;
        }
        keys.push_back(key.record);
        secrets.append({ toQt(key.record.id), toQt(key.secret) });
        made << (tier.name.empty() ? toQt(tier.id) : toQt(tier.name));
    }
    if (made.isEmpty()) {
        Q_EMIT message(tr("Every tier already has a key in the pool."));
        return 0;
    }
    // Secrets first, so the pool shows the keys as soon as the document
    // announces them.
    if (m_secrets) {
        for (const auto& [id, secret] : secrets)
            m_secrets->store(id, secret);
    }
    m_document->setKeys(keys, tr("Create test keys"));
    // The running server must know them before the next run sends them.
    m_server->applyNow();
    for (const auto& [id, secret] : secrets)
        m_keys->setChoice(id, { true, 1 });
    refreshKeys();
    Q_EMIT message(tr("Created %n test key(s): %1. Undo removes them.", nullptr, int(made.size()))
                       .arg(made.join(QStringLiteral(", "))));
    return int(made.size());
}

// ---------------------------------------------------------------------------
// Settings

server::LoadSettings LoadPanel::currentSettings() const
{
    server::LoadSettings s = m_form->settings();
    s.mix = m_mix->enabledTargets();
    SecretStore* secrets = m_secrets;
    s.keys = m_keys->poolKeys(
        [secrets](const QString& id) { return secrets ? secrets->secret(id) : QString(); });
    s.keyHeader = toStd(m_keyHeader->currentData().toString());
    return s;
}

void LoadPanel::applySettings(const server::LoadSettings& settings)
{
    m_form->setSettings(settings);
    std::vector<LoadMixRow> rows;
    for (const server::LoadTarget& t : settings.mix)
        rows.push_back({ true, t });
    m_mix->setRows(rows);
    // Routes the settings do not send stay at hand, unchecked.
    std::vector<server::Route> routes = m_document->workspace().routes;
    for (server::Route& r : routes)
        r.enabled = false;
    m_mix->addMissingRoutes(routes);

    QHash<QString, LoadKeyPoolModel::Choice> choices;
    for (const LoadKeyPoolModel::Row& r : m_keys->rows())
        choices.insert(r.anonymous ? QString() : r.keyId, { false, r.weight });
    for (const server::LoadKey& k : settings.keys)
        choices.insert(toQt(k.id), { true, k.weight });
    // No keys at all: every request went without one.
    if (settings.keys.empty())
        choices.insert(QString(), { true, choices.value(QString()).weight });
    m_keys->setChoices(choices);
    const int header = m_keyHeader->findData(toQt(settings.keyHeader));
    if (header >= 0)
        m_keyHeader->setCurrentIndex(header);
}

QString LoadPanel::settingsKey() const
{
    const QByteArray hash
        = QCryptographicHash::hash(m_workspaceDir.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("load/") + QString::fromLatin1(hash.left(16)) + QStringLiteral("/state");
}

void LoadPanel::rememberSettings()
{
    m_rememberTimer->stop();
    if (m_workspaceDir.isEmpty())
        return;
    server::LoadSettings s = m_form->settings();
    json::array enabled;
    for (const LoadMixRow& r : m_mix->rows()) {
        s.mix.push_back(r.target);
        enabled.push_back(r.enabled);
    }
    json::array keys;
    const QHash<QString, LoadKeyPoolModel::Choice> choices = m_keys->choices();
    for (auto it = choices.begin(); it != choices.end(); ++it) {
        json::object k;
        k["id"] = toStd(it.key());
        k["enabled"] = it->enabled;
        k["weight"] = it->weight;
        keys.push_back(std::move(k));
    }
    s.keyHeader = toStd(m_keyHeader->currentData().toString());
    json::object root;
    root["settings"] = server::loadSettingsToJson(s);
    root["mixEnabled"] = std::move(enabled);
    root["keys"] = std::move(keys);
    root["followsServer"] = m_form->targetsEmbeddedServer();
    root["workspace"] = toStd(m_workspaceDir);
    QSettings().setValue(settingsKey(), toQt(json::serialize(root)));
}

void LoadPanel::restoreSettings()
{
    const QString text = QSettings().value(settingsKey()).toString();
    json::error_code ec;
    const json::value root = text.isEmpty() ? json::value() : json::parse(toStd(text), ec);
    server::LoadSettings s = LoadSettingsForm::defaultSettings();
    std::string error;
    const json::object* object = !ec && root.is_object() ? &root.as_object() : nullptr;
    const json::value* saved = object ? object->if_contains("settings") : nullptr;
    if (!saved || !server::loadSettingsFromJson(*saved, &s, &error)) {
        // First visit (or unreadable state): defaults and every route.
        s = LoadSettingsForm::defaultSettings();
        s.url = toStd(m_form->embeddedUrl());
        m_form->setSettings(s);
        m_mix->setRows(LoadMixModel::rowsForRoutes(m_document->workspace().routes));
        return;
    }
    const json::value* follows = object->if_contains("followsServer");
    if (follows && follows->is_bool() && follows->as_bool())
        s.url = toStd(m_form->embeddedUrl());
    m_form->setSettings(s);

    std::vector<LoadMixRow> rows;
    const json::value* enabled = object->if_contains("mixEnabled");
    for (std::size_t i = 0; i < s.mix.size(); ++i) {
        bool on = true;
        if (enabled && enabled->is_array() && i < enabled->as_array().size()
            && enabled->as_array()[i].is_bool())
            on = enabled->as_array()[i].as_bool();
        rows.push_back({ on, s.mix[i] });
    }
    m_mix->setRows(rows);
    // Routes made since are offered, unchecked.
    std::vector<server::Route> routes = m_document->workspace().routes;
    for (server::Route& r : routes)
        r.enabled = false;
    m_mix->addMissingRoutes(routes);

    QHash<QString, LoadKeyPoolModel::Choice> choices;
    if (const json::value* keys = object->if_contains("keys"); keys && keys->is_array()) {
        for (const json::value& k : keys->as_array()) {
            if (!k.is_object())
                continue;
            const json::object& o = k.as_object();
            const json::value* id = o.if_contains("id");
            const json::value* on = o.if_contains("enabled");
            const json::value* weight = o.if_contains("weight");
            if (!id || !id->is_string())
                continue;
            LoadKeyPoolModel::Choice c;
            if (on && on->is_bool())
                c.enabled = on->as_bool();
            if (weight && weight->is_number())
                c.weight = std::max(0.0, weight->to_number<double>());
            choices.insert(toQt(std::string(id->as_string())), c);
        }
    }
    m_keys->setChoices(choices);
    const int header = m_keyHeader->findData(toQt(s.keyHeader));
    if (header >= 0)
        m_keyHeader->setCurrentIndex(header);
}

// ---------------------------------------------------------------------------
// Running

void LoadPanel::showProblems(const QStringList& problems)
{
    m_problems = problems;
    if (problems.isEmpty()) {
        m_problemLabel->hide();
        m_problemLabel->clear();
        return;
    }
    QString text
        = problems.size() == 1 ? tr("Cannot start: %1").arg(problems.front()) : tr("Cannot start:");
    if (problems.size() > 1) {
        for (const QString& p : problems)
            text += QStringLiteral("\n• ") + p;
    }
    m_problemLabel->setText(text);
    m_problemLabel->show();
}

void LoadPanel::revalidate()
{
    if (m_running || m_problems.isEmpty())
        return;
    QStringList problems;
    for (const std::string& p : server::validateLoadSettings(currentSettings()))
        problems << toQt(p);
    showProblems(problems);
}

bool LoadPanel::start()
{
    if (m_running)
        return false;
    // The embedded server is the target but not running: start it, as the
    // form says it will, once everything else is right (its address is
    // only known when it listens: the port may be chosen then).
    const bool startServer = m_form->targetsEmbeddedServer() && !m_server->isRunning();
    server::LoadSettings checked = currentSettings();
    if (startServer)
        checked.url = "http://127.0.0.1:1";
    if (!checkSettings(checked))
        return false;
    if (startServer && !m_document->isOpen()) {
        showProblems(
            { tr("The embedded server could not start: %1").arg(tr("no workspace is open")) });
        return false;
    }
    m_running = true;
    m_stopping = false;
    if (startServer) {
        m_awaitingServer = true;
        updateActions();
        updateStatus(tr("Starting the embedded server…"));
        m_server->start();
        return true;
    }
    launch(currentSettings());
    return true;
}

bool LoadPanel::checkSettings(const server::LoadSettings& settings)
{
    QStringList problems;
    for (const std::string& p : server::validateLoadSettings(settings))
        problems << toQt(p);
    if (!problems.isEmpty()) {
        showProblems(problems);
        Q_EMIT message(tr("The load test did not start: check the settings."));
    }
    return problems.isEmpty();
}

void LoadPanel::onServerStarted()
{
    if (!m_awaitingServer)
        return;
    m_awaitingServer = false;
    refreshServer();
    const server::LoadSettings settings = currentSettings();
    if (!checkSettings(settings)) {
        m_running = false;
        updateActions();
        updateIdleStatus();
        return;
    }
    Q_EMIT message(
        tr("Started the embedded server at %1 for the load test.").arg(m_server->baseUrl()));
    launch(settings);
}

void LoadPanel::onStartFailed(const QString& problem)
{
    if (!m_running)
        return;
    m_awaitingServer = false;
    m_running = false;
    m_stopping = false;
    m_timer->stop();
    showProblems(problem.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
    updateActions();
    updateStatus(tr("Ready · %1").arg(m_form->targetDescription()));
}

void LoadPanel::launch(const server::LoadSettings& settings)
{
    showProblems({});
    m_runSettings = settings;
    m_runDir = runDirectory();
    m_runTarget = m_form->targetDescription();
    m_runStart = QDateTime::currentSecsSinceEpoch();
    m_planned = settings.requestCount > 0 ? 0 : settings.warmupSeconds + settings.durationSeconds;
    m_nextSecond = 0;
    *m_live = Live();
    m_report.reset();
    m_charts->start(m_runStart, m_planned);
    m_summary->setLive(*m_live);
    m_tiers->clear();
    m_routes->clear();
    m_results->setTabText(TiersTab, tr("Tiers"));
    m_results->setTabText(RoutesTab, tr("Routes"));
    if (m_results->currentIndex() != CompareTab)
        m_results->setCurrentIndex(SummaryTab);
    rememberSettings();
    // The engine saves the report where the run started, whatever is open
    // when it ends.
    m_engine->startLoad(settings, m_runDir);
    m_timer->start();
    updateActions();
    updateStatus(tr("%1 · starting").arg(m_runTarget));
}

void LoadPanel::stop()
{
    if (!m_running || m_stopping)
        return;
    if (m_awaitingServer) {
        // Nothing runs yet: the run is called off before it starts.
        m_awaitingServer = false;
        m_running = false;
        updateActions();
        updateIdleStatus();
        return;
    }
    m_stopping = true;
    m_engine->stopLoad();
    updateActions();
    updateStatus(
        tr("%1 · stopping: the requests in flight get a second to finish").arg(m_runTarget));
}

void LoadPanel::setPollInterval(int ms)
{
    m_timer->setInterval(std::max(10, ms));
}

int LoadPanel::liveSeconds() const
{
    return m_charts->secondCount();
}

void LoadPanel::takeSeconds(const server::LoadProgress& progress)
{
    if (progress.seconds.empty())
        return;
    for (const server::LoadSecond& s : progress.seconds) {
        if (s.warmup) {
            m_live->warmupRequests += s.requests;
            continue;
        }
        m_live->requests += s.requests;
        m_live->seconds += 1;
        for (std::size_t c = 0; c < s.classes.size(); ++c)
            m_live->classes[c] += s.classes[c];
        m_live->errors += s.errors;
        m_live->latency.merge(s.latency);
    }
    m_nextSecond = progress.seconds.back().second + 1;
    m_charts->appendSeconds(progress.seconds);
    m_summary->setLive(*m_live);
}

void LoadPanel::onTick()
{
    if (!m_running || m_awaitingServer)
        return;
    const server::LoadProgress progress = m_engine->loadProgress(m_nextSecond);
    takeSeconds(progress);

    QString phase;
    switch (progress.phase) {
    case server::LoadProgress::Phase::Starting:
        phase = tr("starting");
        break;
    case server::LoadProgress::Phase::WarmingUp:
        phase = tr("warming up");
        break;
    case server::LoadProgress::Phase::Measuring:
        phase = tr("measuring");
        break;
    case server::LoadProgress::Phase::Draining:
        phase = tr("finishing the requests in flight");
        break;
    case server::LoadProgress::Phase::Finished:
        phase = tr("finished");
        break;
    }
    if (m_stopping)
        phase = tr("stopping");
    const QLocale locale;
    QStringList parts { m_runTarget, phase };
    const QString elapsed = locale.toString(progress.elapsedSeconds, 'f', 0);
    if (m_planned > 0)
        parts << tr("%1 s of %2 s").arg(elapsed, locale.toString(m_planned, 'g', 6));
    else
        parts << tr("%1 s").arg(elapsed);
    if (m_runSettings.requestCount > 0)
        parts << tr("%1 of %2 measured requests")
                     .arg(count(m_live->requests), count(m_runSettings.requestCount));
    parts << tr("requests: %1").arg(count(progress.requests));
    parts << tr("errors: %1").arg(count(progress.errors));
    parts << tr("open connections: %1").arg(progress.openConnections);
    updateStatus(parts.join(QStringLiteral(" · ")));
    if (!progress.seconds.empty())
        Q_EMIT progressed();
}

void LoadPanel::finishRun(server::LoadReport report, const QString& saveError)
{
    if (!m_running || m_awaitingServer)
        return;
    // The last seconds, still readable while the engine reports the end.
    takeSeconds(m_engine->loadProgress(m_nextSecond));
    m_timer->stop();
    m_running = false;
    m_stopping = false;

    QString saved;
    if (m_runDir.isEmpty())
        saved = tr("not saved: no workspace is open");
    else if (saveError.isEmpty())
        saved = tr("saved as %1").arg(toQt(report.id));
    else
        saved = tr("not saved: %1").arg(saveError);

    m_report = report;
    showReport(report);
    refreshRuns();
    const int row = m_runs->rowOfId(toQt(report.id));
    if (row >= 0) {
        auto* proxy = static_cast<QSortFilterProxyModel*>(m_runView->model());
        m_runView->selectionModel()->select(proxy->mapFromSource(m_runs->index(row, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (!report.problem.empty())
        showProblems({ toQt(report.problem) });

    const QString what = report.stopped ? tr("Stopped") : tr("Finished");
    updateStatus(tr("%1 · %2: %3 requests in %4, %5 req/s · %6")
                     .arg(m_runTarget, what, count(report.total.requests),
                         MetricsFormat::duration(report.measuredSeconds),
                         MetricsFormat::rate(report.throughput()), saved));
    updateActions();
    Q_EMIT message(
        tr("Load test %1: %2 requests, %3 req/s, p99 %4 (%5)")
            .arg(report.stopped ? tr("stopped") : tr("finished"), count(report.total.requests),
                MetricsFormat::rate(report.throughput()),
                MetricsFormat::latency(MetricsFormat::ms(report.total.latency.percentile(99))),
                saved));
    Q_EMIT finished();
}

void LoadPanel::showReport(const server::LoadReport& report)
{
    m_summary->setReport(report);
    const QHash<QString, QString> names = tierNames();
    m_tiers->setDisplayNames(names);
    m_tiers->setSlices(report.tiers, report.measuredSeconds);
    m_routes->setSlices(report.routes, report.measuredSeconds);
    m_results->setTabText(TiersTab, tr("Tiers (%1)").arg(report.tiers.size()));
    m_results->setTabText(RoutesTab, tr("Routes (%1)").arg(report.routes.size()));
    m_charts->showTimeline(unixFromIso(report.startedAt, m_runStart), report.timeline,
        report.settings.warmupSeconds + report.measuredSeconds);
}

// ---------------------------------------------------------------------------
// Saved runs

QString LoadPanel::runDirectory() const
{
    if (!m_document->isOpen())
        return {};
    return QDir(m_document->directory()).filePath(QStringLiteral(".tollgate/loadruns"));
}

void LoadPanel::refreshRuns()
{
    const QStringList selected = selectedRunIds();
    const QString dir = runDirectory();
    if (dir.isEmpty()) {
        m_runs->setRuns({});
    } else {
        std::vector<std::string> problems;
        m_runs->setRuns(server::LoadRunStore(toStd(dir)).list(&problems));
        if (!problems.empty())
            Q_EMIT message(tr("Some saved runs cannot be read: %1").arg(toQt(problems.front())));
    }
    auto* proxy = static_cast<QSortFilterProxyModel*>(m_runView->model());
    for (const QString& id : selected) {
        const int row = m_runs->rowOfId(id);
        if (row >= 0)
            m_runView->selectionModel()->select(proxy->mapFromSource(m_runs->index(row, 0)),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_results->setTabText(
        RunsTab, m_runs->rowCount() > 0 ? tr("Runs (%1)").arg(m_runs->rowCount()) : tr("Runs"));
    updateActions();
}

QStringList LoadPanel::selectedRunIds() const
{
    QStringList ids;
    if (!m_runView || !m_runView->selectionModel())
        return ids;
    QModelIndexList rows = m_runView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : rows)
        ids << index.data(LoadRunListModel::IdRole).toString();
    return ids;
}

bool LoadPanel::openRun(const QString& id, QString* error)
{
    server::LoadReport report;
    std::string why;
    if (runDirectory().isEmpty()
        || !server::LoadRunStore(toStd(runDirectory())).load(toStd(id), &report, &why)) {
        if (error)
            *error = toQt(why);
        Q_EMIT message(tr("Cannot read the run %1: %2").arg(id, toQt(why)));
        return false;
    }
    if (m_running) {
        Q_EMIT message(tr("A load test is running: its live numbers stay until it ends."));
        return false;
    }
    m_report = report;
    showReport(report);
    m_results->setCurrentIndex(SummaryTab);
    updateStatus(
        tr("Showing the run of %1 · %2 · %3")
            .arg(LoadRunListModel::startedText(report.startedAt), toQt(report.settings.url),
                LoadRunListModel::planText(
                    report.settings.model, report.settings.connections, report.settings.rate)));
    return true;
}

bool LoadPanel::compareRuns(const QString& a, const QString& b, QString* error)
{
    const QString dir = runDirectory();
    if (dir.isEmpty())
        return false;
    const server::LoadRunStore store(toStd(dir));
    server::LoadReport ra;
    server::LoadReport rb;
    std::string why;
    if (!store.load(toStd(a), &ra, &why) || !store.load(toStd(b), &rb, &why)) {
        if (error)
            *error = toQt(why);
        Q_EMIT message(tr("Cannot compare: %1").arg(toQt(why)));
        return false;
    }
    m_comparison->compare(ra, rb, tierNames());
    // The measure column as wide as its longest label, the values next to it.
    {
        QFont bold = m_comparisonView->font();
        bold.setBold(true);
        const QFontMetrics fm(bold);
        int widest = fm.horizontalAdvance(tr("Measure"));
        for (const LoadComparisonModel::Row& row : m_comparison->rows())
            widest = std::max(widest, fm.horizontalAdvance(row.label));
        m_comparisonView->setColumnWidth(
            LoadComparisonModel::MeasureColumn, std::clamp(widest + 24, 160, 420));
    }
    m_comparisonText = toQt(server::loadComparisonText(ra, rb));
    m_comparisonLabel->setText(
        tr("<b>A</b> %1 (baseline) → <b>B</b> %2. Change is from A to B; green is better, red "
           "worse.")
            .arg(LoadRunListModel::startedText(ra.startedAt),
                LoadRunListModel::startedText(rb.startedAt)));
    m_results->setCurrentIndex(CompareTab);
    updateActions();
    return true;
}

bool LoadPanel::deleteRun(const QString& id, bool confirm)
{
    const QString dir = runDirectory();
    if (dir.isEmpty() || id.isEmpty())
        return false;
    if (confirm) {
        const int row = m_runs->rowOfId(id);
        const QString when = row >= 0
            ? LoadRunListModel::startedText(m_runs->runs()[std::size_t(row)].startedAt)
            : id;
        const auto answer = QMessageBox::question(this, tr("Delete Run"),
            tr("Delete the load run of %1?\n\nIts file in .tollgate/loadruns is removed; this "
               "cannot be undone.")
                .arg(when),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    std::string error;
    if (!server::LoadRunStore(toStd(dir)).remove(toStd(id), &error)) {
        Q_EMIT message(tr("Cannot delete the run: %1").arg(toQt(error)));
        return false;
    }
    refreshRuns();
    Q_EMIT message(tr("Deleted the run %1.").arg(id));
    return true;
}

void LoadPanel::openSelected()
{
    const QStringList ids = selectedRunIds();
    if (!ids.isEmpty())
        openRun(ids.front());
}

void LoadPanel::compareSelected()
{
    const QStringList ids = selectedRunIds();
    if (ids.size() != 2)
        return;
    // The older run is the baseline, whatever order the table shows: the
    // run list keeps the store's order, newest first.
    QString a = ids[0];
    QString b = ids[1];
    if (m_runs->rowOfId(a) < m_runs->rowOfId(b))
        std::swap(a, b);
    compareRuns(a, b);
}

void LoadPanel::deleteSelected()
{
    const QStringList ids = selectedRunIds();
    if (ids.size() == 1) {
        deleteRun(ids.front(), true);
        return;
    }
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete Runs"),
        tr("Delete %n load run(s)?\n\nTheir files in .tollgate/loadruns are removed; this cannot "
           "be undone.",
            nullptr, int(ids.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (const QString& id : ids)
        deleteRun(id, false);
}

void LoadPanel::useSelectedSettings()
{
    const QStringList ids = selectedRunIds();
    if (ids.isEmpty() || runDirectory().isEmpty())
        return;
    server::LoadReport report;
    std::string why;
    if (!server::LoadRunStore(toStd(runDirectory())).load(toStd(ids.front()), &report, &why)) {
        Q_EMIT message(tr("Cannot read the run: %1").arg(toQt(why)));
        return;
    }
    applySettings(report.settings);
    Q_EMIT message(tr("The settings of the run of %1 are in the form.")
                       .arg(LoadRunListModel::startedText(report.startedAt)));
}

void LoadPanel::copyComparison()
{
    if (!m_comparisonText.isEmpty())
        QGuiApplication::clipboard()->setText(m_comparisonText);
}

// ---------------------------------------------------------------------------
// Mix editing, state, looks

void LoadPanel::editMixRow(int row)
{
    if (row < 0 || row >= m_mix->rowCount())
        return;
    LoadTargetDialog dialog(m_mix->row(row).target, this);
    if (dialog.exec() == QDialog::Accepted)
        m_mix->setTarget(row, dialog.target());
}

void LoadPanel::updateActions()
{
    const bool running = m_running;
    m_startAction->setEnabled(!running);
    m_stopAction->setEnabled(running && !m_stopping);
    m_startButton->setEnabled(!running);
    m_stopButton->setEnabled(running && !m_stopping);
    m_testKeysButton->setEnabled(m_document->isOpen() && !m_document->tiers().empty());
    const bool mixRow = m_mixView->currentIndex().isValid();
    m_mixEditButton->setEnabled(mixRow);
    m_mixRemoveButton->setEnabled(mixRow);
    const int selected = selectedRunIds().size();
    if (m_openRunButton) {
        m_openRunButton->setEnabled(selected == 1 && !running);
        m_compareButton->setEnabled(selected == 2);
        m_useSettingsButton->setEnabled(selected == 1 && !running);
        m_deleteRunButton->setEnabled(selected >= 1);
        m_copyComparisonButton->setEnabled(!m_comparisonText.isEmpty());
    }
}

void LoadPanel::updateKeyHint()
{
    // Requests of the mix that hit a keyed route, while the pool sends no
    // key: every one of them will be a 401. Say so before the run.
    int keyed = 0;
    for (const server::LoadTarget& t : m_mix->enabledTargets()) {
        std::string path = t.path;
        if (const std::size_t q = path.find('?'); q != std::string::npos)
            path.resize(q);
        for (const server::Route& r : m_document->workspace().routes) {
            if (r.enabled && r.access.keyRequired && r.method == t.method && r.path == path) {
                ++keyed;
                break;
            }
        }
    }
    SecretStore* secrets = m_secrets;
    const bool noKeys = m_keys
                            ->poolKeys([secrets](const QString& id) {
                                return secrets ? secrets->secret(id) : QString();
                            })
                            .empty();
    const bool show = keyed > 0 && noKeys;
    if (show)
        m_keyHint->setText(tr("%n request(s) of the mix need a key and the pool sends none: the "
                              "server will answer them 401. Create a test key per tier, or check "
                              "keys whose secret the app holds.",
            nullptr, keyed));
    m_keyHint->setVisible(show);
}

void LoadPanel::updateStatus(const QString& text)
{
    m_status->setText(text);
}

void LoadPanel::updateIdleStatus()
{
    if (m_running || m_report)
        return;
    updateStatus(tr("Ready · %1").arg(m_form->targetDescription()));
}

void LoadPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_document->isOpen() || m_running)
        return;
    // Routes made on the Routes page since the mix was set up join it,
    // checked when enabled; ones the user took out stay out.
    std::vector<server::Route> fresh;
    for (const server::Route& r : m_document->workspace().routes) {
        const LoadMixRow probe { true, LoadMixModel::targetForRoute(r) };
        const bool present
            = std::any_of(m_mix->rows().begin(), m_mix->rows().end(), [&](const LoadMixRow& row) {
                  return row.target.method == probe.target.method
                      && row.target.path == probe.target.path;
              });
        if (!present && !m_seenRoutes.contains(routeKey(r.method, r.path)))
            fresh.push_back(r);
    }
    m_mix->addMissingRoutes(fresh);
    for (const server::Route& r : m_document->workspace().routes)
        m_seenRoutes.insert(routeKey(r.method, r.path));
}

void LoadPanel::applyProblemPalette()
{
    applyBannerPalette(m_problemLabel, Banner::Error, palette());
}

void LoadPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_problemLabel)
        applyProblemPalette();
}

} // namespace tollgate::ui
