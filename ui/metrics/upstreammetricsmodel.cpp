#include "ui/metrics/upstreammetricsmodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/common/upstreamformat.h"
#include "ui/metrics/rowmerge.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tollgate::ui {

namespace {

std::optional<server::CircuitBreaker::State> breakerOf(const UpstreamFigures& f)
{
    return f.served ? std::optional(f.served->breaker) : std::nullopt;
}

bool sameFigures(const UpstreamFigures& a, const UpstreamFigures& b)
{
    const auto retry
        = [](const UpstreamFigures& f) { return f.served ? f.served->retryAfterMs : 0; };
    return std::tie(a.totals.requests, a.totals.attempts, a.totals.retried, a.totals.retrySucceeded,
               a.totals.errors)
        == std::tie(b.totals.requests, b.totals.attempts, b.totals.retried, b.totals.retrySucceeded,
            b.totals.errors)
        && a.totals.latency.count() == b.totals.latency.count() && breakerOf(a) == breakerOf(b)
        && retry(a) == retry(b);
}

} // namespace

UpstreamMetricsModel::UpstreamMetricsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void UpstreamMetricsModel::setFigures(const std::vector<UpstreamFigures>& figures)
{
    std::vector<UpstreamFigures> next;
    for (const UpstreamFigures& f : figures) {
        if (f.totals.requests > 0)
            next.push_back(f);
    }
    std::sort(
        next.begin(), next.end(), [](const auto& a, const auto& b) { return a.route < b.route; });
    RowSignals s;
    s.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    s.endRemove = [this] { endRemoveRows(); };
    s.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    s.endInsert = [this] { endInsertRows(); };
    s.changed = [this](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    mergeSortedRows(
        &m_rows, std::move(next),
        [](const UpstreamFigures& f) -> const std::string& { return f.route; }, sameFigures, s);
}

int UpstreamMetricsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UpstreamMetricsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UpstreamMetricsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UpstreamFigures& f = m_rows[std::size_t(index.row())];
    const server::UpstreamTotals& t = f.totals;
    const int column = index.column();
    double value = MetricsFormat::kNaN;
    switch (column) {
    case AttemptsColumn:
        value = UpstreamFormat::attemptsPerRequest(t);
        break;
    case RetrySuccessColumn:
        value = UpstreamFormat::retrySuccessPercent(t);
        break;
    case P50Column:
        value = UpstreamFormat::latencyMs(t, 50);
        break;
    case P95Column:
        value = UpstreamFormat::latencyMs(t, 95);
        break;
    default:
        break;
    }
    const QLocale locale;
    if (role == SortRole) {
        switch (column) {
        case RouteColumn:
            return toQt(f.route);
        case BreakerColumn:
            return UpstreamFormat::breaker(f.served, locale);
        case RequestsColumn:
            return qint64(t.requests);
        case RetriedColumn:
            return qint64(t.retried);
        case ErrorsColumn:
            return qint64(UpstreamFormat::errorCount(t));
        default:
            return std::isnan(value) ? -1e300 : value;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case RouteColumn:
            // The fallback's synthetic route.
            return f.route == "* /*" ? tr("Fallback (* /*)") : toQt(f.route);
        case BreakerColumn:
            return UpstreamFormat::breaker(f.served, locale);
        case RequestsColumn:
            return locale.toString(qulonglong(t.requests));
        case AttemptsColumn:
            return UpstreamFormat::attemptsText(value, locale);
        case RetriedColumn:
            return locale.toString(qulonglong(t.retried));
        case RetrySuccessColumn:
            return MetricsFormat::percentText(value, locale);
        case ErrorsColumn:
            return locale.toString(qulonglong(UpstreamFormat::errorCount(t)));
        case P50Column:
        case P95Column:
            return MetricsFormat::latency(value, locale);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == ErrorsColumn)
        return UpstreamFormat::errors(t, locale);
    if (role == Qt::ToolTipRole && column == BreakerColumn && f.served)
        return tr("Shared by every route to %1").arg(toQt(f.served->upstream));
    if (role == Qt::ForegroundRole && column == BreakerColumn && f.served
        && f.served->breaker != server::CircuitBreaker::State::Closed)
        return statusColor(500, QGuiApplication::palette());
    if (role == Qt::TextAlignmentRole)
        return int((column <= BreakerColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

QVariant UpstreamMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section <= BreakerColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BreakerColumn:
            return tr("The upstream's circuit breaker now: closed lets calls through, open "
                      "refuses them, half-open lets probes through");
        case RequestsColumn:
            return tr("Requests answered from (or for) the upstream since Tollgate started");
        case AttemptsColumn:
            return tr("Calls to the upstream per request, retries included");
        case RetriedColumn:
            return tr("Requests that took more than one attempt");
        case RetrySuccessColumn:
            return tr("Of the retried requests, those the upstream finally answered below 500");
        case ErrorsColumn:
            return tr("Requests the upstream gave no answer to (connect, timeout, reset, "
                      "protocol, refused, too large, breaker open)");
        case P50Column:
        case P95Column:
            return tr("Upstream time: first attempt until the upstream's answer, waits included");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RouteColumn:
        return tr("Route");
    case BreakerColumn:
        return tr("Breaker");
    case RequestsColumn:
        return tr("Requests");
    case AttemptsColumn:
        return tr("Attempts/req");
    case RetriedColumn:
        return tr("Retried");
    case RetrySuccessColumn:
        return tr("Retry success");
    case ErrorsColumn:
        return tr("Errors");
    case P50Column:
        return tr("Upstream p50");
    case P95Column:
        return tr("Upstream p95");
    default:
        return {};
    }
}

} // namespace tollgate::ui
