#include "ui/metrics/metricspanel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/metrics/keyburnmodel.h"
#include "ui/metrics/metricsexport.h"
#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/metricstables.h"
#include "ui/metrics/metricstoolbar.h"
#include "ui/metrics/metricsupdater.h"
#include "ui/metrics/routemetricsmodel.h"
#include "ui/metrics/upstreammetricsmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace tollgate::ui {

namespace {

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
    , m_upstream(new UpstreamMetricsModel(this))
    , m_upstreamProxy(new QSortFilterProxyModel(this))
    , m_updater(new MetricsUpdater(server, this,
          { [this](const server::MetricsView& view) { applyMain(view); },
              [this](const server::MetricsView& view) { m_charts->updateLatencyCharts(view); },
              [this](const server::MetricsView& view) { m_charts->updateDetailCharts(view); } }))
{
    setObjectName(QStringLiteral("metricsPanel"));
    m_routeProxy->setSourceModel(m_routes);
    m_routeProxy->setSortRole(RouteMetricsModel::SortRole);
    m_keyProxy->setSourceModel(m_keyBurn);
    m_keyProxy->setSortRole(KeyBurnModel::SortRole);
    m_upstreamProxy->setSourceModel(m_upstream);
    m_upstreamProxy->setSortRole(UpstreamMetricsModel::SortRole);

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
    m_charts = new MetricsCharts(m_series, document, this);
    m_charts->addCard(MetricsTables::keyBurnCard(m_keyProxy, m_charts));
    splitter->addWidget(m_charts);
    m_routeView = MetricsTables::routeTable(m_routeProxy, this);
    m_routeView->setToolTip(tr("Double-click a route to chart only its requests"));
    splitter->addWidget(MetricsTables::routeBox(m_routeView, this));
    m_upstreamView = MetricsTables::upstreamTable(m_upstreamProxy, this);
    m_upstreamBox = MetricsTables::upstreamBox(m_upstreamView, this);
    splitter->addWidget(m_upstreamBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 1);
    // Room for half a dozen routes under the charts.
    splitter->setSizes({ 680, 320, 160 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    m_toolbar = new MetricsToolbar(document, this);
    layout->addWidget(m_toolbar);
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);

    connect(m_routeView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        server::MetricsFilter f = filter();
        f.route = toStd(index.data(RouteMetricsModel::RouteNameRole).toString());
        setFilter(f);
    });
    connect(m_charts, &MetricsCharts::moneyMeasureChosen, this, &MetricsPanel::setMoneyMeasure);
    connect(m_charts, &MetricsCharts::tokenMoneyChosen, this, &MetricsPanel::setTokenMoney);
    connect(m_toolbar, &MetricsToolbar::windowChosen, this, &MetricsPanel::setWindow);
    connect(m_toolbar, &MetricsToolbar::customRangeChosen, this, &MetricsPanel::setCustomRange);
    connect(m_toolbar, &MetricsToolbar::filterChosen, this, &MetricsPanel::setFilter);
    connect(m_toolbar, &MetricsToolbar::exportPngClicked, this, [this] {
        const QString text = MetricsExport::choosePng(m_charts, this);
        if (!text.isEmpty())
            Q_EMIT message(text);
    });
    connect(m_toolbar, &MetricsToolbar::exportCsvClicked, this, [this] {
        const QString text = MetricsExport::chooseCsv(*m_series, *m_routes, this);
        if (!text.isEmpty())
            Q_EMIT message(text);
    });
    connect(m_updater, &MetricsUpdater::loadingStarted, this,
        [this] { updateStatus(m_updater->lastView()); });
    connect(m_updater, &MetricsUpdater::updated, this, [this] {
        m_status->setToolTip(tr("The last update took %1 ms on the GUI thread")
                                 .arg(QLocale().toString(m_updater->lastUpdateMs(), 'f', 2)));
        Q_EMIT updated();
    });
    connect(document, &WorkspaceDocument::opened, this, [this] {
        setFilter({});
        refresh();
    });
    // Upstream figures are totals the server controller polls, not a window
    // of buckets: they follow its polls.
    connect(server, &ServerController::upstreamChanged, this, &MetricsPanel::updateUpstream);
    updateUpstream();
    applyPaletteToWarning();
    updateStatus({});
}

MetricsPanel::~MetricsPanel() = default;

void MetricsPanel::updateUpstream()
{
    m_upstream->setFigures(m_server->upstreamFigures());
    m_upstreamBox->setVisible(m_upstream->rowCount() > 0);
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
    m_updater->pageShown();
}

void MetricsPanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_updater->pageHidden();
}

MetricsPanel::Window MetricsPanel::window() const
{
    return m_updater->window().kind();
}

bool MetricsPanel::isLive() const
{
    return m_updater->window().isLive();
}

void MetricsPanel::setWindow(Window window)
{
    MetricsWindow next = m_updater->window();
    next.setKind(window);
    m_toolbar->showWindow(next);
    m_updater->setWindow(next);
}

void MetricsPanel::setCustomRange(const QDateTime& from, const QDateTime& to)
{
    MetricsWindow next = m_updater->window();
    next.setCustomRange(from, to);
    next.setKind(CustomWindow);
    m_toolbar->showWindow(next);
    m_updater->setWindow(next);
}

server::MetricsFilter MetricsPanel::filter() const
{
    return m_updater->filter();
}

void MetricsPanel::setFilter(const server::MetricsFilter& filter)
{
    if (filter == m_updater->filter())
        return;
    m_toolbar->showFilter(filter);
    m_updater->setFilter(filter);
}

void MetricsPanel::setMoneyMeasure(MoneyMeasure measure)
{
    m_charts->setMoneyMeasure(measure);
    if (m_updater->hasView())
        m_charts->updateMoneyChart(m_updater->lastView());
}

void MetricsPanel::setTokenMoney(TokenSeries::Money money)
{
    m_charts->setTokenMoney(money);
    if (m_updater->hasView())
        m_charts->updateTokenCharts(m_updater->lastView());
}

void MetricsPanel::refresh()
{
    m_updater->refresh();
}

bool MetricsPanel::isLoading() const
{
    return m_updater->isLoading();
}

void MetricsPanel::setAutoRefresh(bool on)
{
    m_updater->setAutoRefresh(on);
}

bool MetricsPanel::isPolling() const
{
    return m_updater->isPolling();
}

void MetricsPanel::applyView(const server::MetricsView& view)
{
    m_updater->applyNow(view);
}

double MetricsPanel::lastUpdateMs() const
{
    return m_updater->lastUpdateMs();
}

double MetricsPanel::lastUpdateCpuMs() const
{
    return m_updater->lastUpdateCpuMs();
}

double MetricsPanel::maxUpdateMs() const
{
    return m_updater->maxUpdateMs();
}

double MetricsPanel::averageUpdateMs() const
{
    return m_updater->averageUpdateMs();
}

int MetricsPanel::updateCount() const
{
    return m_updater->updateCount();
}

int MetricsPanel::slowUpdateCount() const
{
    return m_updater->slowUpdateCount();
}

void MetricsPanel::applyMain(const server::MetricsView& view)
{
    const double span = double(std::max<std::int64_t>(1, view.to - view.from));
    m_series->setView(view);
    m_routes->setRoutes(view.routes, span);
    m_keyBurn->update(view.keys, span, m_server->usage(), m_document->tiers(), m_document->keys(),
        QDateTime::currentSecsSinceEpoch());
    m_toolbar->offerNames(view, m_updater->filter());
    m_charts->updateRateChart(view);
    updateStatus(view);
}

void MetricsPanel::updateStatus(const server::MetricsView& view)
{
    if (m_updater->isLoading()) {
        m_status->setText(tr("Loading…"));
    } else if (!m_updater->hasView()) {
        m_status->setText(m_server->isRunning()
                ? tr("Waiting for the first numbers…")
                : tr("The server is stopped: start it and send requests to see them here."));
    } else {
        QString text = m_updater->window().describe(view) + QStringLiteral(" · ")
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

bool MetricsPanel::exportPng(const QString& file, QString* error)
{
    return MetricsExport::savePng(m_charts, file, error);
}

bool MetricsPanel::exportCsv(const QString& file, QString* routesFile, QString* error)
{
    return MetricsExport::saveCsv(*m_series, *m_routes, file, routesFile, error);
}

} // namespace tollgate::ui
