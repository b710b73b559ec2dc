#include "ui/metrics/routemetricsmodel.h"

#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/metrics/metriccolumns.h"
#include "ui/metrics/rowmerge.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tollgate::ui {

namespace {

static_assert(RouteMetricsModel::CountColumn == 1
    && RouteMetricsModel::MarginColumn - 1 == MetricColumns::Margin
    && RouteMetricsModel::ColumnCount - 1 == MetricColumns::Count);

bool sameSummary(const server::RouteSummary& a, const server::RouteSummary& b)
{
    return std::tie(a.route, a.count, a.counts, a.p50, a.p95, a.p99, a.costMicros, a.revenueMicros)
        == std::tie(b.route, b.count, b.counts, b.p50, b.p95, b.p99, b.costMicros, b.revenueMicros);
}

} // namespace

RouteMetricsModel::RouteMetricsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RouteMetricsModel::setRoutes(
    const std::vector<server::RouteSummary>& routes, double windowSeconds)
{
    std::vector<server::RouteSummary> next = routes;
    std::sort(
        next.begin(), next.end(), [](const auto& a, const auto& b) { return a.route < b.route; });
    next.erase(std::unique(next.begin(), next.end(),
                   [](const auto& a, const auto& b) { return a.route == b.route; }),
        next.end());
    const bool windowChanged = windowSeconds > 0 && windowSeconds != m_window;
    if (windowSeconds > 0)
        m_window = windowSeconds;
    RowSignals s;
    s.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    s.endRemove = [this] { endRemoveRows(); };
    s.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    s.endInsert = [this] { endInsertRows(); };
    int changedFirst = -1;
    int changedLast = -1;
    s.changed = [&](int first, int last) {
        changedFirst = first;
        changedLast = last;
    };
    mergeSortedRows(
        &m_rows, std::move(next),
        [](const server::RouteSummary& r) -> const std::string& { return r.route; }, sameSummary,
        s);
    if (windowChanged && !m_rows.empty()) {
        // Every rate changes with the window's length.
        changedFirst = 0;
        changedLast = std::max(changedLast, int(m_rows.size()) - 1);
    }
    if (changedFirst >= 0)
        Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
}

void RouteMetricsModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int RouteMetricsModel::rowOfRoute(const QString& name) const
{
    const std::string route = toStd(name);
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), route,
        [](const server::RouteSummary& r, const std::string& n) { return r.route < n; });
    return it != m_rows.end() && it->route == route ? int(it - m_rows.begin()) : -1;
}

double RouteMetricsModel::value(int row, int column) const
{
    if (row < 0 || row >= int(m_rows.size()) || column == RouteColumn)
        return MetricsFormat::kNaN;
    return MetricColumns::value(m_rows[std::size_t(row)], column - CountColumn, m_window);
}

int RouteMetricsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RouteMetricsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RouteMetricsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const server::RouteSummary& r = m_rows[std::size_t(row)];
    if (role == RouteNameRole)
        return toQt(r.route);
    if (role == SortRole) {
        if (column == RouteColumn)
            return toQt(r.route);
        if (column == CountColumn)
            return qint64(r.count);
        const double v = value(row, column);
        // Rows without requests sort below every real value.
        return std::isnan(v) ? -1e300 : v;
    }
    if (role == Qt::DisplayRole) {
        if (column == RouteColumn)
            return MetricsFormat::dimension(r.route, tr("No matching route"));
        return MetricColumns::text(column - CountColumn, r.count, value(row, column), QLocale());
    }
    if (role == Qt::ToolTipRole && column == RouteColumn
        && (r.route.empty() || r.route == server::kNoneDimension))
        return tr("Requests no route matched (answered 404 or 405)");
    if (role == Qt::TextAlignmentRole)
        return int((column == RouteColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

QVariant RouteMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == RouteColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CountColumn:
            return tr("Requests in the window");
        case RateColumn:
            return tr("Requests per second, averaged over the window");
        case P50Column:
        case P95Column:
        case P99Column:
            return tr("Latency percentile: header received until the answer was written");
        case ClientErrorColumn:
            return tr("Share of requests answered with a 4xx status");
        case ServerErrorColumn:
            return tr("Share of requests answered with a 5xx status or a reset connection");
        case CostColumn:
            return tr("What serving a request cost on average");
        case RevenueColumn:
            return tr("What a request earned on average");
        case MarginColumn:
            return tr("Revenue minus cost per request, on average");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    if (section == RouteColumn)
        return tr("Route");
    return MetricColumns::title(section - CountColumn, true);
}

QString RouteMetricsModel::toCsv() const
{
    QString csv = MetricColumns::csvHeader(QStringLiteral("route"));
    for (const server::RouteSummary& r : m_rows) {
        csv += MetricsFormat::csvField(toQt(r.route));
        csv += MetricColumns::csvFields(r, m_window);
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace tollgate::ui
