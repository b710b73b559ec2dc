#include "ui/load/loadslicemodel.h"

#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"

#include <QLocale>

namespace tollgate::ui {

LoadSliceModel::LoadSliceModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_nameHeader(tr("Name"))
{
}

int LoadSliceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_slices.size());
}

int LoadSliceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void LoadSliceModel::setNameHeader(const QString& header)
{
    m_nameHeader = header;
    Q_EMIT headerDataChanged(Qt::Horizontal, NameColumn, NameColumn);
}

void LoadSliceModel::setDisplayNames(const QHash<QString, QString>& names)
{
    m_names = names;
    if (!m_slices.empty())
        Q_EMIT dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn));
}

void LoadSliceModel::setSlices(const std::vector<server::LoadSlice>& slices, double seconds)
{
    beginResetModel();
    m_slices = slices;
    m_seconds = seconds;
    m_total = 0;
    for (const server::LoadSlice& s : m_slices)
        m_total += s.counts.requests + s.counts.errorTotal();
    endResetModel();
}

void LoadSliceModel::clear()
{
    setSlices({}, 0);
}

int LoadSliceModel::rowOfName(const QString& name) const
{
    for (std::size_t i = 0; i < m_slices.size(); ++i) {
        if (toQt(m_slices[i].name) == name)
            return int(i);
    }
    return -1;
}

double LoadSliceModel::value(int row, int column) const
{
    if (row < 0 || row >= rowCount())
        return MetricsFormat::kNaN;
    const server::LoadCounts& c = m_slices[std::size_t(row)].counts;
    const bool any = c.requests > 0;
    switch (column) {
    case RequestsColumn:
        return double(c.requests);
    case ShareColumn:
        return MetricsFormat::percent(c.requests + c.errorTotal(), m_total);
    case ThroughputColumn:
        return m_seconds > 0 ? double(c.requests) / m_seconds : MetricsFormat::kNaN;
    case P50Column:
        return any ? MetricsFormat::ms(c.latency.percentile(50)) : MetricsFormat::kNaN;
    case P90Column:
        return any ? MetricsFormat::ms(c.latency.percentile(90)) : MetricsFormat::kNaN;
    case P99Column:
        return any ? MetricsFormat::ms(c.latency.percentile(99)) : MetricsFormat::kNaN;
    case MaxColumn:
        return any ? MetricsFormat::ms(c.latency.max()) : MetricsFormat::kNaN;
    case Success2xxColumn:
        return double(c.statusClass(2));
    case Client4xxColumn:
        return double(c.statusClass(4));
    case RateLimitedColumn: {
        const auto it = c.statuses.find(429);
        return it == c.statuses.end() ? 0.0 : double(it->second);
    }
    case Server5xxColumn:
        return double(c.statusClass(5));
    case ErrorsColumn:
        return double(c.errorTotal());
    default:
        break;
    }
    return MetricsFormat::kNaN;
}

QVariant LoadSliceModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int column = index.column();
    const server::LoadSlice& slice = m_slices[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        if (column == NameColumn) {
            const QString name = toQt(slice.name);
            return m_names.value(name, name);
        }
        const QLocale locale;
        const double v = value(index.row(), column);
        switch (column) {
        case ShareColumn:
            return MetricsFormat::percentText(v, locale);
        case ThroughputColumn:
            return MetricsFormat::rate(v, locale);
        case P50Column:
        case P90Column:
        case P99Column:
        case MaxColumn:
            return MetricsFormat::latency(v, locale);
        default:
            return locale.toString(qulonglong(v));
        }
    }
    if (role == SortRole) {
        if (column == NameColumn)
            return data(index, Qt::DisplayRole);
        return value(index.row(), column);
    }
    if (role == Qt::TextAlignmentRole && column != NameColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == NameColumn) {
        QStringList codes;
        for (const auto& [status, n] : slice.counts.statuses)
            codes << QStringLiteral("%1 × %2").arg(status).arg(QLocale().toString(qulonglong(n)));
        for (std::size_t k = 0; k < server::kLoadErrorKinds; ++k) {
            if (slice.counts.errors[k] > 0)
                codes << QStringLiteral("%1 × %2")
                             .arg(QString::fromLatin1(
                                 server::loadErrorName(server::LoadErrorKind(k))))
                             .arg(QLocale().toString(qulonglong(slice.counts.errors[k])));
        }
        return QString(toQt(slice.name) + QLatin1Char('\n') + codes.join(QLatin1Char('\n')));
    }
    return {};
}

QVariant LoadSliceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ShareColumn:
            return tr("Share of all requests of the run (answered and failed)");
        case RateLimitedColumn:
            return tr("429 Too Many Requests: rate limit or quota (included in 4xx)");
        case ErrorsColumn:
            return tr("Requests without an HTTP answer: connect, timeout, reset, protocol");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return m_nameHeader;
    case RequestsColumn:
        return tr("Requests");
    case ShareColumn:
        return tr("Share");
    case ThroughputColumn:
        return tr("req/s");
    case P50Column:
        return tr("p50");
    case P90Column:
        return tr("p90");
    case P99Column:
        return tr("p99");
    case MaxColumn:
        return tr("Max");
    case Success2xxColumn:
        return tr("2xx");
    case Client4xxColumn:
        return tr("4xx");
    case RateLimitedColumn:
        return tr("429");
    case Server5xxColumn:
        return tr("5xx");
    case ErrorsColumn:
        return tr("Errors");
    }
    return {};
}

} // namespace tollgate::ui
