#include "ui/load/loadthresholdmodel.h"

#include "server/load/thresholds.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace tollgate::ui {

LoadThresholdModel::LoadThresholdModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int LoadThresholdModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoadThresholdModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LoadThresholdModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    if (role == ProblemRole)
        return r.problem;
    if (index.column() == ThresholdColumn) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return r.text;
        case Qt::ToolTipRole:
            return r.problem.isEmpty() ? r.meaning : r.problem;
        default:
            return {};
        }
    }
    const bool empty = r.text.trimmed().isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        if (empty)
            return tr("(empty: type a threshold such as p95<200ms)");
        // A mark as well as the colour, so a bad row reads as one without it.
        return r.problem.isEmpty() ? QString(QStringLiteral("✓ ") + r.meaning)
                                   : QString(QStringLiteral("✗ ") + r.problem);
    case Qt::ToolTipRole:
        return r.problem.isEmpty() ? r.meaning : r.problem;
    case Qt::ForegroundRole:
        if (empty)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        // The mark and the text say it too; the colour only helps.
        if (!r.problem.isEmpty())
            return QBrush(statusColor(500, QGuiApplication::palette()));
        return {};
    default:
        return {};
    }
}

bool LoadThresholdModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= rowCount()
        || index.column() != ThresholdColumn)
        return false;
    Row& r = m_rows[std::size_t(index.row())];
    const QString text = value.toString().trimmed();
    if (text == r.text)
        return true;
    r.text = text;
    check(r);
    Q_EMIT dataChanged(index, this->index(index.row(), ColumnCount - 1));
    Q_EMIT thresholdsChanged();
    return true;
}

Qt::ItemFlags LoadThresholdModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == ThresholdColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LoadThresholdModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ThresholdColumn:
        return tr("Threshold");
    case MeaningColumn:
        return tr("Checks");
    default:
        return {};
    }
}

bool LoadThresholdModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_rows.insert(m_rows.begin() + row, std::size_t(count), Row());
    endInsertRows();
    // Empty rows change no run: thresholdsChanged() waits for their text.
    return true;
}

bool LoadThresholdModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.erase(m_rows.begin() + row, m_rows.begin() + row + count);
    endRemoveRows();
    Q_EMIT thresholdsChanged();
    return true;
}

QStringList LoadThresholdModel::texts() const
{
    QStringList out;
    for (const Row& r : m_rows)
        out << r.text;
    return out;
}

void LoadThresholdModel::setThresholds(const std::vector<std::string>& thresholds)
{
    beginResetModel();
    m_rows.clear();
    for (const std::string& t : thresholds) {
        Row r;
        r.text = toQt(t).trimmed();
        check(r);
        m_rows.push_back(std::move(r));
    }
    endResetModel();
    Q_EMIT thresholdsChanged();
}

std::vector<std::string> LoadThresholdModel::thresholds() const
{
    std::vector<std::string> out;
    for (const Row& r : m_rows) {
        if (!r.text.isEmpty())
            out.push_back(toStd(r.text));
    }
    return out;
}

void LoadThresholdModel::setRun(const server::LoadSettings& run)
{
    m_run = run;
    m_run.thresholds.clear();
    bool changed = false;
    for (Row& r : m_rows) {
        const QString before = r.problem;
        check(r);
        changed = changed || before != r.problem;
    }
    if (changed && !m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString LoadThresholdModel::problem(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[std::size_t(row)].problem : QString();
}

QStringList LoadThresholdModel::problems() const
{
    QStringList out;
    for (const Row& r : m_rows) {
        if (!r.problem.isEmpty())
            out << r.problem;
    }
    return out;
}

void LoadThresholdModel::check(Row& row) const
{
    row.problem.clear();
    row.meaning.clear();
    if (row.text.isEmpty())
        return;
    server::Threshold t;
    std::string error;
    if (!server::parseThreshold(toStd(row.text), &t, &error)) {
        row.problem = toQt(error);
        return;
    }
    // Tiers and routes the run lacks, as the run itself would refuse them.
    server::LoadSettings one = m_run;
    one.thresholds = { toStd(row.text) };
    const std::vector<std::string> problems = server::thresholdProblems(one);
    if (!problems.empty()) {
        row.problem = toQt(problems.front());
        return;
    }
    row.meaning = meaning(t);
}

QString LoadThresholdModel::meaning(const server::Threshold& t)
{
    using M = server::ThresholdMeasure;
    const QLocale locale;
    const auto share
        = [&](double fraction) { return MetricsFormat::percentText(fraction * 100, locale); };
    QString what;
    switch (t.measure) {
    case M::Percentile:
        what = tr("p%1 latency").arg(locale.toString(t.percentile, 'g', 6));
        break;
    case M::Max:
        what = tr("slowest answer");
        break;
    case M::Mean:
        what = tr("mean latency");
        break;
    // A share or a count: the limit says which (5 % or 5).
    case M::Errors:
        what = tr("requests without an answer");
        break;
    case M::Status:
        what = tr("%1 answers").arg(t.status);
        break;
    case M::StatusClass:
        what = tr("%1xx answers").arg(t.status);
        break;
    case M::Throughput:
        what = tr("answers per second");
        break;
    case M::Cost:
        what = tr("cost per answer");
        break;
    case M::Price:
        what = tr("price per answer");
        break;
    case M::Margin:
        what = tr("margin per answer");
        break;
    case M::Revenue:
        what = tr("revenue per second");
        break;
    case M::QuotaBurn:
        what = tr("share of a month's quota a key would use");
        break;
    }
    if (!t.tier.empty())
        what = tr("%1 of tier %2").arg(what, toQt(t.tier));
    if (!t.route.empty())
        what = tr("%1 of %2").arg(what, toQt(t.route));

    QString limit;
    if (server::isLatencyMeasure(t.measure))
        limit = MetricsFormat::latency(t.limit / 1000, locale);
    else if (t.share || t.measure == M::QuotaBurn)
        limit = share(t.limit);
    else if (server::isMoneyMeasure(t.measure))
        limit = toQt(server::formatDollars(t.limit))
            + (t.measure == M::Revenue ? QStringLiteral("/s") : QString());
    else if (t.measure == M::Throughput)
        limit = tr("%1/s").arg(MetricsFormat::rate(t.limit, locale));
    else
        limit = locale.toString(t.limit, 'f', 0);

    switch (t.op) {
    case server::ThresholdOp::Less:
        return tr("%1 below %2").arg(what, limit);
    case server::ThresholdOp::LessOrEqual:
        return tr("%1 at most %2").arg(what, limit);
    case server::ThresholdOp::Greater:
        return tr("%1 above %2").arg(what, limit);
    case server::ThresholdOp::GreaterOrEqual:
        return tr("%1 at least %2").arg(what, limit);
    }
    return what;
}

} // namespace tollgate::ui
