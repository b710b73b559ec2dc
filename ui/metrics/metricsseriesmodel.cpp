#include "ui/metrics/metricsseriesmodel.h"

#include "server/workspace/workspace.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/metrics/metriccolumns.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <tuple>

namespace tollgate::ui {

namespace {

static_assert(MetricsSeriesModel::RequestsColumn == 1
    && MetricsSeriesModel::MarginColumn - 1 == MetricColumns::Margin
    && MetricsSeriesModel::ColumnCount - 1 == MetricColumns::Count);

bool samePoint(const server::MetricsPoint& a, const server::MetricsPoint& b)
{
    return std::tie(a.time, a.count, a.counts, a.p50, a.p95, a.p99, a.costMicros, a.revenueMicros,
               a.tokensIn, a.tokensOut)
        == std::tie(b.time, b.count, b.counts, b.p50, b.p95, b.p99, b.costMicros, b.revenueMicros,
            b.tokensIn, b.tokensOut);
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
    if (column == TimeColumn)
        return double(p.time);
    return MetricColumns::value(p, column - RequestsColumn, double(m_step));
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
        if (column == TimeColumn) {
            const QDateTime t = QDateTime::fromSecsSinceEpoch(p.time);
            return m_step < 60 ? QLocale().toString(t.time(), QStringLiteral("HH:mm:ss"))
                               : t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        return MetricColumns::text(column - RequestsColumn, p.count, value(row, column), QLocale());
    }
    if (role == Qt::TextAlignmentRole)
        return int((column == TimeColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

QVariant MetricsSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == TimeColumn)
        return tr("Time");
    return MetricColumns::title(section - RequestsColumn, false);
}

QString MetricsSeriesModel::toCsv() const
{
    QString csv = MetricColumns::csvHeader(QStringLiteral("time"));
    for (const server::MetricsPoint& p : m_points) {
        csv += toQt(server::formatUtcTime(p.time));
        csv += MetricColumns::csvFields(p, double(m_step));
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace tollgate::ui
