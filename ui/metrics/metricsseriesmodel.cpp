#include "ui/metrics/metricsseriesmodel.h"

#include "server/workspace/workspace.h"
#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <tuple>

namespace tollgate::ui {

namespace {

bool samePoint(const server::MetricsPoint& a, const server::MetricsPoint& b)
{
    return std::tie(a.time, a.count, a.counts, a.p50, a.p95, a.p99, a.costMicros, a.revenueMicros)
        == std::tie(b.time, b.count, b.counts, b.p50, b.p95, b.p99, b.costMicros, b.revenueMicros);
}

} // namespace

MetricsSeriesModel::MetricsSeriesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MetricsSeriesModel::setView(const server::MetricsView& view)
{
    const std::vector<server::MetricsPoint>& next = view.series;
    const std::int64_t step = std::max<std::int64_t>(1, view.step);
    const bool sameShape = step == m_step && next.size() == m_points.size()
        && (next.empty() || next.front().time == m_points.front().time);
    if (!sameShape) {
        beginResetModel();
        m_points = next;
        m_step = step;
        endResetModel();
        return;
    }
    // The 4 Hz refresh of a window that has not moved: only the newest
    // steps change, so only they are announced.
    int first = -1;
    int last = -1;
    for (std::size_t i = 0; i < next.size(); ++i) {
        if (samePoint(next[i], m_points[i]))
            continue;
        m_points[i] = next[i];
        if (first < 0)
            first = int(i);
        last = int(i);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void MetricsSeriesModel::clear()
{
    if (m_points.empty())
        return;
    beginResetModel();
    m_points.clear();
    endResetModel();
}

double MetricsSeriesModel::value(int row, int column) const
{
    if (row < 0 || row >= int(m_points.size()))
        return MetricsFormat::kNaN;
    const server::MetricsPoint& p = m_points[std::size_t(row)];
    if (column >= P50Column && column <= MarginColumn)
        return MetricsFormat::measure(MetricsFormat::Measure(column - P50Column), p);
    switch (column) {
    case TimeColumn:
        return double(p.time);
    case RequestsColumn:
        return double(p.count);
    case RateColumn:
        return double(p.count) / double(m_step);
    default:
        return MetricsFormat::kNaN;
    }
}

std::uint64_t MetricsSeriesModel::totalRequests() const
{
    std::uint64_t total = 0;
    for (const server::MetricsPoint& p : m_points)
        total += p.count;
    return total;
}

int MetricsSeriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int MetricsSeriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricsSeriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const server::MetricsPoint& p = m_points[std::size_t(row)];
    if (role == ValueRole) {
        if (column == TimeColumn)
            return qint64(p.time);
        if (column == RequestsColumn)
            return qint64(p.count);
        const double v = value(row, column);
        return std::isnan(v) ? QVariant() : QVariant(v);
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        const double v = value(row, column);
        switch (column) {
        case TimeColumn: {
            const QDateTime t = QDateTime::fromSecsSinceEpoch(p.time);
            return m_step < 60 ? locale.toString(t.time(), QStringLiteral("HH:mm:ss"))
                               : t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        case RequestsColumn:
            return locale.toString(qulonglong(p.count));
        case RateColumn:
            return MetricsFormat::rate(v, locale);
        default:
            if (column >= P50Column && column <= MarginColumn)
                return MetricsFormat::measureText(
                    MetricsFormat::Measure(column - P50Column), v, locale);
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int((column == TimeColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

QVariant MetricsSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RequestsColumn:
        return tr("Requests");
    case RateColumn:
        return tr("Requests/s");
    case P50Column:
        return tr("p50");
    case P95Column:
        return tr("p95");
    case P99Column:
        return tr("p99");
    case ClientErrorColumn:
        return tr("4xx");
    case ServerErrorColumn:
        return tr("5xx");
    case CostColumn:
        return tr("Cost/request");
    case RevenueColumn:
        return tr("Revenue/request");
    case MarginColumn:
        return tr("Margin/request");
    default:
        return {};
    }
}

QString MetricsSeriesModel::toCsv() const
{
    // Column names are for scripts, so they are not translated.
    QString csv = QStringLiteral(
        "time,requests,requests_per_second,p50_ms,p95_ms,p99_ms,4xx_percent,5xx_percent,"
        "cost_per_request_usd,revenue_per_request_usd,margin_per_request_usd\n");
    for (int row = 0; row < rowCount(); ++row) {
        const server::MetricsPoint& p = m_points[std::size_t(row)];
        csv += toQt(server::formatUtcTime(p.time));
        csv += QLatin1Char(',') + QString::number(qulonglong(p.count));
        csv += QLatin1Char(',') + MetricsFormat::csvNumber(value(row, RateColumn), 3);
        for (int c : { int(P50Column), int(P95Column), int(P99Column) })
            csv += QLatin1Char(',') + MetricsFormat::csvNumber(value(row, c), 3);
        for (int c : { int(ClientErrorColumn), int(ServerErrorColumn) })
            csv += QLatin1Char(',') + MetricsFormat::csvNumber(value(row, c), 2);
        for (int c : { int(CostColumn), int(RevenueColumn), int(MarginColumn) })
            csv += QLatin1Char(',') + MetricsFormat::csvNumber(value(row, c) / 1e6, 8);
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace tollgate::ui
