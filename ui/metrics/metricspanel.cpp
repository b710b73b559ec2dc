#include "ui/metrics/metricspanel.h"

#include "server/metering/metering.h"
#include "server/metering/metricsstore.h"
#include "ui/common/appearance.h"
#include "ui/charts/chartcolors.h"
#include "ui/charts/histogramchart.h"
#include "ui/metrics/keyburnmodel.h"
#include "ui/charts/latencybins.h"
#include "ui/common/metricsformat.h"
#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/routemetricsmodel.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/engine/servercontroller.h"
#include "ui/widgets/usagebardelegate.h"
#include "ui/document/workspacedocument.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QPointer>
#include <QSaveFile>
#include <QSet>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <ctime>
#include <limits>

namespace tollgate::ui {

namespace {

// 4 Hz: live without costing the GUI more than four small updates a second.
constexpr int kLiveIntervalMs = 250;
// Historical windows that end now move slowly; re-read them now and then.
constexpr int kHistoryIntervalMs = 10'000;
constexpr std::int64_t kLiveSeconds = 300;
// Historical windows get at most this many points.
constexpr std::int64_t kMaxPoints = 600;
constexpr int kHistogramBins = 30;
// What one refresh may cost the GUI thread (issue 5).
constexpr double kUpdateBudgetMs = 8.0;
// Tiers charted at once; a workspace with more shows the first ones.
constexpr int kMaxTierLines = 8;

const QColor kRateColor = chartcolors::kRate;
const QColor kP50Color = chartcolors::kP50;
const QColor kP95Color = chartcolors::kPMiddle;
const QColor kP99Color = chartcolors::kP99;
const QColor k4xxColor = chartcolors::k4xx;
const QColor k5xxColor = chartcolors::k5xx;
const QColor kAllColor = chartcolors::kNeutral;
const QColor kNoTierColor(0xb0, 0x8f, 0x6a);
const std::array<QColor, 6> kTierColors { QColor(0x8e, 0x44, 0xad), QColor(0x29, 0x80, 0xb9),
    QColor(0x16, 0xa0, 0x85), QColor(0xe6, 0x7e, 0x22), QColor(0xe9, 0x1e, 0x63),
    QColor(0x7f, 0x8c, 0x8d) };

std::int64_t floorTo(std::int64_t t, std::int64_t step)
{
    const std::int64_t r = t % step;
    return r < 0 ? t - r - step : t - r;
}

std::int64_t ceilTo(std::int64_t t, std::int64_t step)
{
    const std::int64_t f = floorTo(t, step);
    return f == t ? t : f + step;
}

// Seconds per point so a span has at most kMaxPoints; whole minutes from a
// minute up (minute rollups are what long windows read).
std::int64_t stepFor(std::int64_t span)
{
    static constexpr std::array<std::int64_t, 19> kSteps { 1, 2, 5, 10, 15, 30, 60, 120, 180, 300,
        600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };
    const std::int64_t least = (span + kMaxPoints - 1) / kMaxPoints;
    for (std::int64_t s : kSteps) {
        if (s >= least)
            return s;
    }
    return ceilTo(least, 86400);
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QTableView* makeTable(const char* name, QAbstractItemModel* model, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSortingEnabled(true);
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

int clampCount(std::uint64_t n)
{
    return int(std::min<std::uint64_t>(n, std::uint64_t(INT_MAX)));
}

} // namespace

MetricsPanel::MetricsPanel(WorkspaceDocument* document, ServerController* server, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_series(new MetricsSeriesModel(this))
    , m_routes(new RouteMetricsModel(this))
    , m_keyBurn(new KeyBurnModel(this))
    , m_routeProxy(new QSortFilterProxyModel(this))
    , m_keyProxy(new QSortFilterProxyModel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("metricsPanel"));
    m_routeProxy->setSourceModel(m_routes);
    m_routeProxy->setSortRole(RouteMetricsModel::SortRole);
    m_keyProxy->setSourceModel(m_keyBurn);
    m_keyProxy->setSortRole(KeyBurnModel::SortRole);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("metricsStatusLabel"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("metricsWarningLabel"));
    m_warning->setWordWrap(true);
    m_warning->setAutoFillBackground(true);
    m_warning->setContentsMargins(8, 3, 8, 3);
    m_warning->hide();

    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(10, 0, 10, 0);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_warning, 1);
    statusRow->addStretch(0);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("metricsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildCharts());
    splitter->addWidget(buildTables());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    // Room for half a dozen routes under the charts.
    splitter->setSizes({ 680, 320 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(buildToolbar());
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);

    m_timer->setInterval(kLiveIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &MetricsPanel::onTick);
    // A server that starts or stops changes what "live" can show.
    connect(server, &ServerController::stateChanged, this, &MetricsPanel::refresh);
    connect(document, &WorkspaceDocument::opened, this, [this] {
        setFilter({});
        refresh();
    });
    applyPaletteToWarning();
    updateStatus({});
}

MetricsPanel::~MetricsPanel() = default;

QWidget* MetricsPanel::buildToolbar()
{
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("metricsToolbar"));

    m_windowCombo = new QComboBox(bar);
    m_windowCombo->setObjectName(QStringLiteral("metricsWindowCombo"));
    m_windowCombo->addItem(tr("Live: last 5 minutes"), int(LiveWindow));
    m_windowCombo->addItem(tr("Live: last minute"), int(LiveMinuteWindow));
    m_windowCombo->addItem(tr("Last hour"), int(HourWindow));
    m_windowCombo->addItem(tr("Last 24 hours"), int(DayWindow));
    m_windowCombo->addItem(tr("Custom…"), int(CustomWindow));
    m_windowCombo->setToolTip(tr("Live windows update four times a second; the others are read "
                                 "from the workspace's metrics database"));
    connect(m_windowCombo, &QComboBox::activated, this, &MetricsPanel::onWindowChosen);

    m_customBox = new QWidget(bar);
    m_fromEdit = new QDateTimeEdit(m_customBox);
    m_fromEdit->setObjectName(QStringLiteral("metricsFromEdit"));
    m_toEdit = new QDateTimeEdit(m_customBox);
    m_toEdit->setObjectName(QStringLiteral("metricsToEdit"));
    for (QDateTimeEdit* edit : { m_fromEdit, m_toEdit }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setCalendarPopup(true);
        connect(edit, &QDateTimeEdit::editingFinished, this, [this] {
            if (m_window == CustomWindow)
                setCustomRange(m_fromEdit->dateTime(), m_toEdit->dateTime());
        });
    }
    auto* customLayout = new QHBoxLayout(m_customBox);
    customLayout->setContentsMargins(0, 0, 0, 0);
    customLayout->addWidget(caption(tr("From"), m_customBox));
    customLayout->addWidget(m_fromEdit);
    customLayout->addWidget(caption(tr("to"), m_customBox));
    customLayout->addWidget(m_toEdit);
    m_customBox->hide();

    const auto filterCombo = [bar, this](const char* name, const QString& tip) {
        auto* combo = new QComboBox(bar);
        combo->setObjectName(QString::fromLatin1(name));
        combo->setToolTip(tip);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setMinimumContentsLength(8);
        combo->setMaximumWidth(260);
        combo->addItem(tr("All"), QString());
        connect(combo, &QComboBox::activated, this, &MetricsPanel::onFilterChosen);
        return combo;
    };
    m_routeFilter = filterCombo("metricsRouteFilter", tr("Show only the requests of one route"));
    m_tierFilter
        = filterCombo("metricsTierFilter", tr("Show only requests made with keys of one tier"));
    m_keyFilter = filterCombo("metricsKeyFilter", tr("Show only the requests of one key"));

    m_exportPng = new QToolButton(bar);
    m_exportPng->setObjectName(QStringLiteral("metricsExportPngButton"));
    m_exportPng->setText(tr("Export PNG…"));
    m_exportPng->setToolTip(tr("Save the charts as a picture"));
    connect(m_exportPng, &QToolButton::clicked, this, &MetricsPanel::chooseExportPng);
    m_exportCsv = new QToolButton(bar);
    m_exportCsv->setObjectName(QStringLiteral("metricsExportCsvButton"));
    m_exportCsv->setText(tr("Export CSV…"));
    m_exportCsv->setToolTip(tr("Save the series and the route table of this window as CSV files"));
    connect(m_exportCsv, &QToolButton::clicked, this, &MetricsPanel::chooseExportCsv);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(10, 0, 10, 0);
    layout->setSpacing(6);
    auto* windowLabel = new QLabel(tr("&Window:"), bar);
    windowLabel->setBuddy(m_windowCombo);
    layout->addWidget(windowLabel);
    layout->addWidget(m_windowCombo);
    layout->addWidget(m_customBox);
    layout->addSpacing(14);
    auto* routeLabel = new QLabel(tr("&Route:"), bar);
    routeLabel->setBuddy(m_routeFilter);
    layout->addWidget(routeLabel);
    layout->addWidget(m_routeFilter);
    auto* tierLabel = new QLabel(tr("&Tier:"), bar);
    tierLabel->setBuddy(m_tierFilter);
    layout->addWidget(tierLabel);
    layout->addWidget(m_tierFilter);
    auto* keyLabel = new QLabel(tr("&Key:"), bar);
    keyLabel->setBuddy(m_keyFilter);
    layout->addWidget(keyLabel);
    layout->addWidget(m_keyFilter);
    layout->addStretch(1);
    // How long metrics.db keeps per-minute history: a workspace setting
    // (server.metrics.retentionDays), undoable like any other edit.
    m_retention = new QSpinBox(bar);
    m_retention->setObjectName(QStringLiteral("metricsRetentionSpin"));
    m_retention->setRange(1, 3650);
    m_retention->setSuffix(tr(" days"));
    m_retention->setKeyboardTracking(false);
    m_retention->setToolTip(tr("How long the per-minute history in .tollgate/metrics.db is kept "
                               "(per-second history: one day)"));
    m_retention->setValue(m_document->workspace().server.metricsRetentionDays);
    connect(m_retention, &QSpinBox::valueChanged, this, [this](int days) {
        server::ServerSettings settings = m_document->workspace().server;
        if (settings.metricsRetentionDays == days)
            return;
        settings.metricsRetentionDays = days;
        m_document->setServerSettings(settings, tr("Change metrics history"));
    });
    const auto syncRetention = [this] {
        const QSignalBlocker blocker(m_retention);
        m_retention->setValue(m_document->workspace().server.metricsRetentionDays);
    };
    connect(m_document, &WorkspaceDocument::settingsChanged, this, syncRetention);
    connect(m_document, &WorkspaceDocument::opened, this, syncRetention);
    auto* retentionLabel = new QLabel(tr("&History:"), bar);
    retentionLabel->setBuddy(m_retention);
    layout->addWidget(retentionLabel);
    layout->addWidget(m_retention);
    layout->addSpacing(14);
    layout->addWidget(m_exportPng);
    layout->addWidget(m_exportCsv);
    return bar;
}

QWidget* MetricsPanel::buildCharts()
{
    m_charts = new QWidget(this);
    m_charts->setObjectName(QStringLiteral("metricsCharts"));

    m_rateChart = new TimeChart(m_charts);
    m_rateChart->setObjectName(QStringLiteral("requestsChart"));
    m_rateChart->setTitle(tr("Requests per second"));
    m_rateLine = m_rateChart->addLine(tr("requests/s"), kRateColor);
    m_rateChart->chart()->legend()->hide();

    // Latencies of a mock span microseconds to seconds: a log scale keeps
    // a fast p50 visible next to a slow p99.
    m_latencyChart = new TimeChart(m_charts, TimeChart::Logarithmic);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    m_latencyChart->setTitle(tr("Latency (ms, log scale)"));
    m_p50Line = m_latencyChart->addLine(tr("p50"), kP50Color);
    m_p95Line = m_latencyChart->addLine(tr("p95"), kP95Color);
    m_p99Line = m_latencyChart->addLine(tr("p99"), kP99Color);

    m_errorChart = new TimeChart(m_charts);
    m_errorChart->setObjectName(QStringLiteral("errorChart"));
    m_errorChart->setTitle(tr("Error rate (% of requests)"));
    m_4xxLine = m_errorChart->addLine(tr("4xx"), k4xxColor);
    m_5xxLine = m_errorChart->addLine(tr("5xx"), k5xxColor);

    m_moneyChart = new TimeChart(m_charts);
    m_moneyChart->setObjectName(QStringLiteral("moneyChart"));
    m_moneyAllLine = m_moneyChart->addLine(tr("all tiers"), kAllColor, Qt::DashLine, 2.5);
    for (int i = 0; i < kMaxTierLines; ++i) {
        QLineSeries* line = m_moneyChart->addLine(QString(), kNoTierColor);
        line->setVisible(false);
        m_tierLines << line;
    }
    m_measureCombo = new QComboBox;
    m_measureCombo->setObjectName(QStringLiteral("moneyMeasureCombo"));
    m_measureCombo->addItem(tr("Margin"), int(MarginMeasure));
    m_measureCombo->addItem(tr("Revenue"), int(RevenueMeasure));
    m_measureCombo->addItem(tr("Cost"), int(CostMeasure));
    m_measureCombo->setToolTip(tr("What the chart shows per request, by tier"));
    connect(m_measureCombo, &QComboBox::activated, this, [this](int index) {
        setMoneyMeasure(MoneyMeasure(m_measureCombo->itemData(index).toInt()));
    });
    m_moneyChart->setCornerWidget(m_measureCombo);
    setMoneyMeasure(MarginMeasure);

    m_histogram = new HistogramChart(m_charts);
    m_histogram->setObjectName(QStringLiteral("latencyHistogram"));
    m_histogram->setTitle(tr("Latency distribution of the window"));

    auto* grid = new QGridLayout(m_charts);
    grid->setContentsMargins(8, 0, 8, 0);
    grid->setSpacing(6);
    grid->addWidget(m_rateChart, 0, 0);
    grid->addWidget(m_latencyChart, 0, 1);
    grid->addWidget(m_errorChart, 0, 2);
    grid->addWidget(m_moneyChart, 1, 0);
    grid->addWidget(m_histogram, 1, 1);
    grid->addWidget(buildKeyTable(), 1, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    return m_charts;
}

QWidget* MetricsPanel::buildKeyTable()
{
    m_keyView = makeTable("metricsKeyView", m_keyProxy, this);
    m_keyView->setFrameShape(QFrame::NoFrame);
    m_keyView->sortByColumn(KeyBurnModel::BurnRateColumn, Qt::DescendingOrder);
    m_keyView->setItemDelegateForColumn(KeyBurnModel::MonthColumn,
        new UsageBarDelegate(KeyBurnModel::UsedRole, KeyBurnModel::QuotaRole, m_keyView));
    {
        QHeaderView* h = m_keyView->horizontalHeader();
        const QFontMetrics fm = m_keyView->fontMetrics();
        const auto fit = [&](int column, const QString& sample) {
            h->resizeSection(column,
                std::max(
                    fm.horizontalAdvance(m_keyBurn->headerData(column, Qt::Horizontal).toString())
                        + 24,
                    fm.horizontalAdvance(sample) + 14));
        };
        fit(KeyBurnModel::TierColumn, QStringLiteral("Enterprise"));
        fit(KeyBurnModel::RequestsColumn, QStringLiteral("10,000"));
        fit(KeyBurnModel::BurnRateColumn, QStringLiteral("100.0"));
        fit(KeyBurnModel::MonthColumn, QStringLiteral("10,000 / 100,000"));
        fit(KeyBurnModel::TimeLeftColumn, tr("lasts the month"));
        h->setSectionResizeMode(KeyBurnModel::KeyColumn, QHeaderView::Stretch);
        // Narrow card: the rate says what the count would.
        m_keyView->setColumnHidden(KeyBurnModel::RequestsColumn, true);
    }

    // A card like the charts around it: title on the chart background.
    auto* card = new QFrame(this);
    card->setObjectName(QStringLiteral("keyBurnCard"));
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);
    card->setFrameShape(QFrame::StyledPanel);
    auto* title = new QLabel(tr("Quota burn per key"), card);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setAlignment(Qt::AlignCenter);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(title);
    layout->addWidget(m_keyView, 1);
    return card;
}

QWidget* MetricsPanel::buildTables()
{
    m_routeView = makeTable("metricsRouteView", m_routeProxy, this);
    m_routeView->setToolTip(tr("Double-click a route to chart only its requests"));
    m_routeView->sortByColumn(RouteMetricsModel::CountColumn, Qt::DescendingOrder);
    // Fixed widths: sizing to contents would measure every cell on each
    // refresh.
    {
        QHeaderView* h = m_routeView->horizontalHeader();
        const QFontMetrics fm = m_routeView->fontMetrics();
        for (int c = 1; c < RouteMetricsModel::ColumnCount; ++c) {
            QString sample = QStringLiteral("$0.000000");
            if (c == RouteMetricsModel::CountColumn)
                sample = QStringLiteral("1,000,000");
            else if (c == RouteMetricsModel::RateColumn)
                sample = QStringLiteral("10,000");
            else if (c >= RouteMetricsModel::P50Column && c <= RouteMetricsModel::P99Column)
                sample = QStringLiteral("1,000 ms");
            else if (c == RouteMetricsModel::ClientErrorColumn
                || c == RouteMetricsModel::ServerErrorColumn)
                sample = QStringLiteral("100.0 %");
            h->resizeSection(c,
                std::max(
                    fm.horizontalAdvance(m_routes->headerData(c, Qt::Horizontal).toString()) + 24,
                    fm.horizontalAdvance(sample) + 14));
        }
        h->setSectionResizeMode(RouteMetricsModel::RouteColumn, QHeaderView::Stretch);
    }
    connect(m_routeView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        server::MetricsFilter f = m_filter;
        f.route = toStd(index.data(RouteMetricsModel::RouteNameRole).toString());
        setFilter(f);
    });

    auto* wrap = new QWidget(this);
    auto* layout = new QVBoxLayout(wrap);
    layout->setContentsMargins(10, 4, 10, 6);
    layout->setSpacing(4);
    auto* title = new QLabel(tr("Routes"), wrap);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addWidget(m_routeView, 1);
    wrap->setMinimumHeight(120);
    return wrap;
}

void MetricsPanel::applyPaletteToWarning()
{
    applyBannerPalette(m_warning, Banner::Warning, palette());
}

void MetricsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaletteToWarning();
}

void MetricsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    restartTimer();
    if (m_autoRefresh)
        startComputation();
}

void MetricsPanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void MetricsPanel::restartTimer()
{
    m_timer->stop();
    if (!m_autoRefresh || !isVisible() || m_window == CustomWindow)
        return;
    m_timer->setInterval(isLive() ? kLiveIntervalMs : kHistoryIntervalMs);
    m_timer->start();
}

void MetricsPanel::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    // A computation already running must not land after this.
    if (!on)
        ++m_generation;
    restartTimer();
}

bool MetricsPanel::isPolling() const
{
    return m_timer->isActive();
}

void MetricsPanel::onTick()
{
    if (!m_autoRefresh || !isVisible())
        return;
    // A tick while a computation runs is skipped, not queued: the next one
    // comes soon enough and the pool never piles up work.
    if (m_inFlight)
        return;
    startComputation();
}

void MetricsPanel::refresh()
{
    if (!isVisible())
        return;
    startComputation();
}

void MetricsPanel::invalidate()
{
    ++m_generation;
    restartTimer();
    if (!isVisible() || !m_autoRefresh)
        return;
    if (!isLive()) {
        m_loading = true;
        updateStatus(m_lastView);
    }
    startComputation();
}

void MetricsPanel::currentRange(std::int64_t* from, std::int64_t* to, std::int64_t* step) const
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    switch (m_window) {
    case LiveWindow:
    case LiveMinuteWindow:
        // The newest point is the second in progress.
        *step = 1;
        *to = now + 1;
        *from = *to - (m_window == LiveWindow ? kLiveSeconds : 60);
        return;
    case HourWindow:
        *step = stepFor(3600);
        *to = ceilTo(now + 1, *step);
        *from = *to - 3600;
        return;
    case DayWindow:
        *step = stepFor(86400);
        *to = ceilTo(now + 1, *step);
        *from = *to - 86400;
        return;
    case CustomWindow: {
        std::int64_t f = m_customFrom.isValid() ? m_customFrom.toSecsSinceEpoch() : now - 3 * 3600;
        std::int64_t t = m_customTo.isValid() ? m_customTo.toSecsSinceEpoch() : now;
        if (t <= f)
            t = f + 60;
        *step = stepFor(t - f);
        *from = floorTo(f, *step);
        *to = ceilTo(t, *step);
        return;
    }
    }
}

void MetricsPanel::startComputation()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    std::shared_ptr<server::Metering> metering = m_server->metering();
    if (!metering)
        return;
    std::int64_t from = 0;
    std::int64_t to = 0;
    std::int64_t step = 1;
    currentRange(&from, &to, &step);
    const bool historical = !isLive();
    const std::filesystem::path database
        = historical ? m_server->metricsDatabase() : std::filesystem::path();
    const server::MetricsFilter filter = m_filter;
    const std::uint64_t generation = m_generation;
    m_inFlight = true;
    m_again = false;

    QPointer<MetricsPanel> self(this);
    QThreadPool::globalInstance()->start(
        [self, metering, database, historical, from, to, step, filter, generation] {
            auto view = std::make_shared<server::MetricsView>(!database.empty()
                    ? server::historicalView(database, from, to, step, filter)
                    : metering->live(from, to, step, filter));
            if (historical) {
                // The database knows its rows, not what the pipeline dropped.
                const server::MeteringStats stats = metering->stats();
                view->droppedRecords = std::max(view->droppedRecords, stats.droppedRecords);
                view->droppedRows = std::max(view->droppedRows, stats.droppedRows);
                if (view->problem.empty())
                    view->problem = stats.problem;
            }
            QCoreApplication* app = QCoreApplication::instance();
            if (!app)
                return;
            // Delivered on the GUI thread; the pointer is only read there.
            QMetaObject::invokeMethod(
                app,
                [self, generation, view] {
                    if (self)
                        self->onViewReady(generation, view);
                },
                Qt::QueuedConnection);
        });
}

void MetricsPanel::onViewReady(
    std::uint64_t generation, const std::shared_ptr<server::MetricsView>& view)
{
    m_inFlight = false;
    const bool more = m_autoRefresh && isVisible();
    if (generation != m_generation) {
        // The window or a filter changed while this was computed.
        if (more)
            startComputation();
        return;
    }
    m_loading = false;
    // A live view moves once a second (its last point is the newest closed
    // second); the polls in between mostly bring the same numbers, and
    // redrawing them would only cost the GUI thread.
    if (!(m_hasView && generation == m_appliedGeneration && sameNumbers(*view, m_lastView))) {
        m_appliedGeneration = generation;
        // Three turns of the event loop, so input and painting get in
        // between: tables and the rate chart now, the latency and error
        // charts next, then the money chart and the histogram.
        const Cost first = applyMain(*view);
        QTimer::singleShot(0, this, [this, view, generation, first] {
            if (generation != m_generation)
                return;
            const Cost second = applyLatencyCharts(*view);
            QTimer::singleShot(0, this, [this, view, generation, first, second] {
                if (generation != m_generation)
                    return;
                finishUpdate(
                    { std::max(first.wallMs, second.wallMs), std::max(first.cpuMs, second.cpuMs) },
                    applyDetails(*view));
            });
        });
    }
    if (m_again && more)
        startComputation();
}

bool MetricsPanel::sameNumbers(const server::MetricsView& a, const server::MetricsView& b)
{
    if (a.from != b.from || a.to != b.to || a.step != b.step || a.droppedRecords != b.droppedRecords
        || a.droppedRows != b.droppedRows || a.problem != b.problem
        || a.series.size() != b.series.size())
        return false;
    for (std::size_t i = 0; i < a.series.size(); ++i) {
        const server::MetricsPoint& p = a.series[i];
        const server::MetricsPoint& q = b.series[i];
        if (p.counts != q.counts || p.costMicros != q.costMicros
            || p.revenueMicros != q.revenueMicros || p.p99 != q.p99)
            return false;
    }
    return true;
}

namespace {

std::int64_t threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

void MetricsPanel::applyView(const server::MetricsView& view)
{
    const Cost first = applyMain(view);
    const Cost second = applyLatencyCharts(view);
    finishUpdate({ std::max(first.wallMs, second.wallMs), std::max(first.cpuMs, second.cpuMs) },
        applyDetails(view));
}

MetricsPanel::Cost MetricsPanel::applyLatencyCharts(const server::MetricsView& view)
{
    QElapsedTimer timer;
    timer.start();
    const std::int64_t cpuStart = threadCpuNs();
    updateCharts(view, LatencyCharts);
    return { double(timer.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpuStart) / 1e6 };
}

MetricsPanel::Cost MetricsPanel::applyDetails(const server::MetricsView& view)
{
    QElapsedTimer timer;
    timer.start();
    const std::int64_t cpuStart = threadCpuNs();
    m_moneyChart->setTimeRange(view.from, view.to);
    updateMoneyChart(view);
    m_histogram->setBins(latencyBins(view.latency, kHistogramBins));
    return { double(timer.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpuStart) / 1e6 };
}

MetricsPanel::Cost MetricsPanel::applyMain(const server::MetricsView& view)
{
    QElapsedTimer timer;
    timer.start();
    const std::int64_t cpuStart = threadCpuNs();
    const double span = double(std::max<std::int64_t>(1, view.to - view.from));
    m_series->setView(view);
    m_routes->setRoutes(view.routes, span);
    m_keyBurn->update(view.keys, span, m_server->usage(), m_document->tiers(), m_document->keys(),
        QDateTime::currentSecsSinceEpoch());
    updateFilters(view);
    updateCharts(view, RateCharts);
    m_lastView.from = view.from;
    m_lastView.to = view.to;
    m_lastView.step = view.step;
    m_lastView.tiers = view.tiers;
    m_lastView.series = view.series;
    m_lastView.droppedRecords = view.droppedRecords;
    m_lastView.droppedRows = view.droppedRows;
    m_lastView.problem = view.problem;
    m_hasView = true;
    updateStatus(view);
    return { double(timer.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpuStart) / 1e6 };
}

void MetricsPanel::finishUpdate(Cost first, Cost second)
{
    // What the event loop was held up for: the longer of the two turns.
    m_lastUpdateMs = std::max(first.wallMs, second.wallMs);
    m_lastUpdateCpuMs = std::max(first.cpuMs, second.cpuMs);
    m_maxUpdateMs = std::max(m_maxUpdateMs, m_lastUpdateMs);
    m_totalUpdateMs += m_lastUpdateMs;
    ++m_updates;
    if (m_lastUpdateMs > kUpdateBudgetMs)
        ++m_slowUpdates;
    m_status->setToolTip(tr("The last update took %1 ms on the GUI thread")
                             .arg(QLocale().toString(m_lastUpdateMs, 'f', 2)));
    Q_EMIT updated();
}

void MetricsPanel::updateCharts(const server::MetricsView& view, int groups)
{
    const bool rateGroup = groups & RateCharts;
    const bool latencyGroup = groups & LatencyCharts;
    if (rateGroup)
        m_rateChart->setTimeRange(view.from, view.to);
    if (latencyGroup) {
        m_latencyChart->setTimeRange(view.from, view.to);
        m_errorChart->setTimeRange(view.from, view.to);
    }

    const int rows = m_series->rowCount();
    QList<QPointF> rate, p50, p95, p99, c4xx, c5xx;
    rate.reserve(rows);
    for (QList<QPointF>* list : { &p50, &p95, &p99, &c4xx, &c5xx })
        list->reserve(rows);
    double maxRate = 0;
    double maxLatency = 0;
    double minLatency = std::numeric_limits<double>::infinity();
    double maxError = 0;
    for (int row = 0; row < rows; ++row) {
        const double t = m_series->value(row, MetricsSeriesModel::TimeColumn) * 1000.0;
        const double r = m_series->value(row, MetricsSeriesModel::RateColumn);
        rate << QPointF(t, r);
        maxRate = std::max(maxRate, r);
        if (m_series->points()[std::size_t(row)].count == 0)
            continue;
        // A log axis has no 0: a 0 µs sample is drawn at its floor.
        const double floor = TimeChart::kLogFloor;
        const double a = std::max(floor, m_series->value(row, MetricsSeriesModel::P50Column));
        const double b = std::max(floor, m_series->value(row, MetricsSeriesModel::P95Column));
        const double c = std::max(floor, m_series->value(row, MetricsSeriesModel::P99Column));
        minLatency = std::min(minLatency, a);
        p50 << QPointF(t, a);
        p95 << QPointF(t, b);
        p99 << QPointF(t, c);
        maxLatency = std::max({ maxLatency, a, b, c });
        const double e4 = m_series->value(row, MetricsSeriesModel::ClientErrorColumn);
        const double e5 = m_series->value(row, MetricsSeriesModel::ServerErrorColumn);
        c4xx << QPointF(t, e4);
        c5xx << QPointF(t, e5);
        maxError = std::max({ maxError, e4, e5 });
    }
    if (rateGroup) {
        m_rateLine->replace(rate);
        m_rateChart->fitValues(0, std::max(maxRate, 1.0));
    }
    if (!latencyGroup)
        return;
    m_p50Line->replace(p50);
    m_p95Line->replace(p95);
    m_p99Line->replace(p99);
    m_4xxLine->replace(c4xx);
    m_5xxLine->replace(c5xx);
    if (std::isinf(minLatency))
        m_latencyChart->fitValues(0.1, 10);
    else
        m_latencyChart->fitValues(minLatency, maxLatency);
    m_errorChart->fitValues(0, std::max(maxError, 5.0));
}

void MetricsPanel::setMoneyMeasure(MoneyMeasure measure)
{
    m_measure = measure;
    {
        const QSignalBlocker blocker(m_measureCombo);
        m_measureCombo->setCurrentIndex(m_measureCombo->findData(int(measure)));
    }
    const QString title = measure == RevenueMeasure ? tr("Revenue per request by tier (USD)")
        : measure == CostMeasure                    ? tr("Cost per request by tier (USD)")
                                                    : tr("Margin per request by tier (USD)");
    m_moneyChart->setTitle(title);
    if (m_hasView)
        updateMoneyChart(m_lastView);
}

void MetricsPanel::updateMoneyChart(const server::MetricsView& view)
{
    const auto measure = [this](const server::MetricsPoint& p) {
        const double n = double(p.count);
        switch (m_measure) {
        case RevenueMeasure:
            return double(p.revenueMicros) / n / 1e6;
        case CostMeasure:
            return double(p.costMicros) / n / 1e6;
        case MarginMeasure:
            break;
        }
        return double(p.revenueMicros - p.costMicros) / n / 1e6;
    };
    double lo = 0;
    double hi = 0;
    QSet<QString> seen;
    for (const server::TierSeries& ts : view.tiers)
        seen.insert(toQt(ts.tier));
    // Lines of tiers gone from the window are free again.
    for (auto it = m_lineOfTier.begin(); it != m_lineOfTier.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->setVisible(false);
        it.value()->clear();
        it = m_lineOfTier.erase(it);
    }
    const std::vector<server::Tier>& tiers = m_document->tiers();
    for (const server::TierSeries& ts : view.tiers) {
        const QString id = toQt(ts.tier);
        QLineSeries* line = m_lineOfTier.value(id);
        if (!line) {
            const auto free = std::find_if(m_tierLines.begin(), m_tierLines.end(),
                [](const QLineSeries* l) { return !l->isVisible(); });
            if (free == m_tierLines.end())
                continue;
            line = *free;
            QString name = MetricsFormat::dimension(ts.tier, tr("no key"));
            QColor color = kNoTierColor;
            const auto it = std::find_if(
                tiers.begin(), tiers.end(), [&](const server::Tier& t) { return t.id == ts.tier; });
            if (it != tiers.end()) {
                if (!it->name.empty())
                    name = toQt(it->name);
                color = kTierColors[std::size_t(it - tiers.begin()) % kTierColors.size()];
            } else if (!ts.tier.empty() && ts.tier != server::kNoneDimension) {
                color = kTierColors[qHash(id) % kTierColors.size()];
            }
            line->setName(name);
            QPen pen = line->pen();
            pen.setColor(color);
            line->setPen(pen);
            line->setVisible(true);
            m_lineOfTier.insert(id, line);
        }
        QList<QPointF> points;
        points.reserve(qsizetype(ts.points.size()));
        for (const server::MetricsPoint& p : ts.points) {
            if (p.count == 0)
                continue;
            const double v = measure(p);
            points << QPointF(double(p.time) * 1000.0, v);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        line->replace(points);
    }
    // Every tier together, from the filtered series.
    QList<QPointF> all;
    all.reserve(m_series->rowCount());
    for (const server::MetricsPoint& p : m_series->points()) {
        if (p.count == 0)
            continue;
        const double v = measure(p);
        all << QPointF(double(p.time) * 1000.0, v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    m_moneyAllLine->replace(all);
    if (hi == lo)
        hi = lo + 0.001;
    m_moneyChart->fitValues(lo, hi, QStringLiteral("$"));
}

void MetricsPanel::updateFilters(const server::MetricsView& view)
{
    const auto keyLabel = [this](const std::string& id) -> QString {
        for (const server::ApiKey& k : m_document->keys()) {
            if (k.id != id)
                continue;
            if (!k.label.empty())
                return toQt(k.label);
            if (!k.prefix.empty())
                return toQt(k.prefix) + QStringLiteral("…");
        }
        return toQt(id);
    };
    const auto tierLabel = [this](const std::string& id) {
        const server::Tier* tier = server::findTier(m_document->tiers(), id);
        return tier && !tier->name.empty() ? toQt(tier->name) : toQt(id);
    };
    const auto routeLabel = [](const std::string& name) { return toQt(name); };

    const auto sync = [](QComboBox* combo, std::vector<std::string> names,
                          const std::string& current, const QString& noneText, const auto& label) {
        if (!current.empty() && std::find(names.begin(), names.end(), current) == names.end()) {
            names.push_back(current);
            std::sort(names.begin(), names.end());
        }
        bool same = combo->count() == int(names.size()) + 1;
        for (std::size_t i = 0; same && i < names.size(); ++i)
            same = combo->itemData(int(i) + 1).toString() == toQt(names[i]);
        if (same)
            return;
        const QSignalBlocker blocker(combo);
        while (combo->count() > 1)
            combo->removeItem(1);
        for (const std::string& name : names) {
            const bool none = name.empty() || name == server::kNoneDimension;
            combo->addItem(none ? noneText : label(name), toQt(name));
            combo->setItemData(combo->count() - 1, toQt(name), Qt::ToolTipRole);
        }
        combo->setCurrentIndex(std::max(0, combo->findData(toQt(current))));
    };
    sync(m_routeFilter, view.routeNames, m_filter.route, tr("No matching route"), routeLabel);
    sync(m_tierFilter, view.tierNames, m_filter.tier, tr("No tier (no key)"), tierLabel);
    sync(m_keyFilter, view.keyNames, m_filter.key, tr("No key"), keyLabel);
}

void MetricsPanel::updateStatus(const server::MetricsView& view)
{
    if (m_loading) {
        m_status->setText(tr("Loading…"));
    } else if (!m_hasView) {
        m_status->setText(m_server->isRunning()
                ? tr("Waiting for the first numbers…")
                : tr("The server is stopped: start it and send requests to see them here."));
    } else {
        QString text = windowDescription(view) + QStringLiteral(" · ")
            + tr("%Ln request(s)", nullptr, clampCount(m_series->totalRequests()));
        if (isLive() && !m_server->isRunning())
            text += QStringLiteral(" · ") + tr("server stopped");
        if (!isLive() && m_server->metricsDatabase().empty())
            text += QStringLiteral(" · ")
                + tr("no metrics database: only the last minutes kept in memory");
        m_status->setText(text);
    }

    QStringList warnings;
    if (view.droppedRecords > 0)
        warnings << tr("%n request(s) not recorded (metering could not keep up)", nullptr,
            clampCount(view.droppedRecords));
    if (view.droppedRows > 0)
        warnings << tr("%n row(s) of metrics not stored", nullptr, clampCount(view.droppedRows));
    if (!view.problem.empty())
        warnings << tr("Storage: %1").arg(toQt(view.problem));
    m_warning->setVisible(!warnings.isEmpty());
    m_warning->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral(" · ")));
}

QString MetricsPanel::windowDescription(const server::MetricsView& view) const
{
    const QLocale locale;
    QString steps;
    if (view.step >= 60)
        steps = tr("%n-minute steps", nullptr, int(view.step / 60));
    else
        steps = tr("%n-second steps", nullptr, int(view.step));
    switch (m_window) {
    case LiveWindow:
        return tr("Live, last 5 minutes");
    case LiveMinuteWindow:
        return tr("Live, last minute");
    case HourWindow:
        return tr("Last hour, %1").arg(steps);
    case DayWindow:
        return tr("Last 24 hours, %1").arg(steps);
    case CustomWindow:
        return tr("%1 to %2, %3")
            .arg(locale.toString(QDateTime::fromSecsSinceEpoch(view.from), QLocale::ShortFormat),
                locale.toString(QDateTime::fromSecsSinceEpoch(view.to), QLocale::ShortFormat),
                steps);
    }
    return {};
}

void MetricsPanel::setWindow(Window window)
{
    m_window = window;
    {
        const QSignalBlocker blocker(m_windowCombo);
        m_windowCombo->setCurrentIndex(m_windowCombo->findData(int(window)));
    }
    if (window == CustomWindow) {
        if (!m_customFrom.isValid() || !m_customTo.isValid()) {
            const QDateTime now = QDateTime::currentDateTime();
            m_customTo = now;
            m_customFrom = now.addSecs(-3 * 3600);
        }
        const QSignalBlocker blockFrom(m_fromEdit);
        const QSignalBlocker blockTo(m_toEdit);
        m_fromEdit->setDateTime(m_customFrom);
        m_toEdit->setDateTime(m_customTo);
    }
    m_customBox->setVisible(window == CustomWindow);
    invalidate();
}

void MetricsPanel::setCustomRange(const QDateTime& from, const QDateTime& to)
{
    m_customFrom = from;
    m_customTo = to;
    setWindow(CustomWindow);
}

void MetricsPanel::setFilter(const server::MetricsFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    const auto select = [](QComboBox* combo, const std::string& value) {
        const QSignalBlocker blocker(combo);
        int index = combo->findData(toQt(value));
        if (index < 0) {
            // Not seen in this window (yet): offer it anyway.
            combo->addItem(toQt(value), toQt(value));
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    };
    select(m_routeFilter, filter.route);
    select(m_tierFilter, filter.tier);
    select(m_keyFilter, filter.key);
    invalidate();
}

void MetricsPanel::onWindowChosen(int index)
{
    setWindow(Window(m_windowCombo->itemData(index).toInt()));
}

void MetricsPanel::onFilterChosen()
{
    server::MetricsFilter f;
    f.route = toStd(m_routeFilter->currentData().toString());
    f.tier = toStd(m_tierFilter->currentData().toString());
    f.key = toStd(m_keyFilter->currentData().toString());
    setFilter(f);
}

bool MetricsPanel::exportPng(const QString& file, QString* error)
{
    const QPixmap pixmap = m_charts->grab();
    if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
        if (error)
            *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(file));
        return false;
    }
    return true;
}

namespace {

bool writeText(const QString& file, const QString& text, QString* error)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        if (error)
            *error = MetricsPanel::tr("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(file), out.errorString());
        return false;
    }
    return true;
}

} // namespace

bool MetricsPanel::exportCsv(const QString& file, QString* routesFile, QString* error)
{
    const QFileInfo info(file);
    const QString routes
        = info.dir().filePath(info.completeBaseName() + QStringLiteral("-routes.csv"));
    if (!writeText(file, m_series->toCsv(), error) || !writeText(routes, m_routes->toCsv(), error))
        return false;
    if (routesFile)
        *routesFile = routes;
    return true;
}

void MetricsPanel::chooseExportPng()
{
    const QString start = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                              .filePath(QStringLiteral("tollgate-metrics.png"));
    const QString file
        = QFileDialog::getSaveFileName(this, tr("Export Charts"), start, tr("PNG images (*.png)"));
    if (file.isEmpty())
        return;
    QString error;
    if (exportPng(file, &error))
        Q_EMIT message(tr("Saved the charts to %1").arg(QDir::toNativeSeparators(file)));
    else
        Q_EMIT message(error);
}

void MetricsPanel::chooseExportCsv()
{
    const QString start = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                              .filePath(QStringLiteral("tollgate-metrics.csv"));
    const QString file
        = QFileDialog::getSaveFileName(this, tr("Export Data"), start, tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString routes;
    QString error;
    if (exportCsv(file, &routes, &error))
        Q_EMIT message(tr("Saved the series to %1 and the routes to %2")
                           .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(routes)));
    else
        Q_EMIT message(error);
}

} // namespace tollgate::ui
