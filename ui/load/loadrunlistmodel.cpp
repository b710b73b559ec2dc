#include "ui/load/loadrunlistmodel.h"

#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"

#include <QDateTime>
#include <QLocale>

namespace tollgate::ui {

LoadRunListModel::LoadRunListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int LoadRunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int LoadRunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void LoadRunListModel::setRuns(const std::vector<server::LoadRunInfo>& runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

int LoadRunListModel::rowOfId(const QString& id) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (toQt(m_runs[i].id) == id)
            return int(i);
    }
    return -1;
}

QString LoadRunListModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? toQt(m_runs[std::size_t(row)].id) : QString();
}

QString LoadRunListModel::startedText(const std::string& iso)
{
    QDateTime t = QDateTime::fromString(toQt(iso), Qt::ISODate);
    if (!t.isValid())
        t = QDateTime::fromString(toQt(iso), Qt::ISODateWithMs);
    if (!t.isValid())
        return toQt(iso);
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString LoadRunListModel::planText(server::LoadModel model, int connections, double rate)
{
    if (model == server::LoadModel::Open)
        return tr("open · %1 req/s").arg(MetricsFormat::rate(rate));
    return tr("closed · %n connection(s)", nullptr, connections);
}

QVariant LoadRunListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const server::LoadRunInfo& run = m_runs[std::size_t(index.row())];
    const int column = index.column();
    const QLocale locale;
    if (role == IdRole)
        return toQt(run.id);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case StartedColumn:
            return QString(startedText(run.startedAt)
                + (run.stopped ? QStringLiteral(" ") + tr("(stopped)") : QString()));
        case TargetColumn:
            return toQt(run.url);
        case PlanColumn:
            return planText(run.model, run.connections, run.rate);
        case RequestsColumn:
            return locale.toString(qulonglong(run.requests));
        case ThroughputColumn:
            return MetricsFormat::rate(run.throughput, locale);
        case P50Column:
            return run.requests > 0 ? MetricsFormat::latency(MetricsFormat::ms(run.p50), locale)
                                    : QStringLiteral("–");
        case P99Column:
            return run.requests > 0 ? MetricsFormat::latency(MetricsFormat::ms(run.p99), locale)
                                    : QStringLiteral("–");
        case ErrorsColumn:
            return locale.toString(qulonglong(run.errors));
        }
    }
    if (role == SortRole) {
        switch (column) {
        case StartedColumn:
            // The store's order (newest first, ties broken by id).
            return double(rowCount() - index.row());
        case TargetColumn:
            return toQt(run.url);
        case PlanColumn:
            return data(index, Qt::DisplayRole);
        case RequestsColumn:
            return double(run.requests);
        case ThroughputColumn:
            return run.throughput;
        case P50Column:
            return double(run.p50);
        case P99Column:
            return double(run.p99);
        case ErrorsColumn:
            return double(run.errors);
        }
    }
    if (role == Qt::TextAlignmentRole && column >= RequestsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column <= PlanColumn)
        return tr("Run %1\n%2").arg(toQt(run.id), toQt(run.url));
    return {};
}

QVariant LoadRunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case TargetColumn:
        return tr("Target");
    case PlanColumn:
        return tr("Load");
    case RequestsColumn:
        return tr("Requests");
    case ThroughputColumn:
        return tr("req/s");
    case P50Column:
        return tr("p50");
    case P99Column:
        return tr("p99");
    case ErrorsColumn:
        return tr("Errors");
    }
    return {};
}

} // namespace tollgate::ui
