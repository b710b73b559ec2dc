#include "ui/widgets/namevaluemodel.h"

namespace tollgate::ui {

namespace {

constexpr auto kCell = QAbstractItemModel::CheckIndexOption::IndexIsValid
    | QAbstractItemModel::CheckIndexOption::ParentIsInvalid;

} // namespace

NameValueModel::NameValueModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

NameValueModel::~NameValueModel() = default;

void NameValueModel::setRows(const Rows& rows)
{
    if (rows == m_rows)
        return;
    resetRows(rows);
}

void NameValueModel::resetRows(const Rows& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void NameValueModel::replaceRow(int row, const Row& values)
{
    m_rows[row] = values;
    Q_EMIT dataChanged(
        index(row, NameColumn), index(row, ValueColumn), { Qt::DisplayRole, Qt::EditRole });
}

int NameValueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NameValueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NameValueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, kCell))
        return {};
    const Row& row = m_rows[index.row()];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return index.column() == NameColumn ? row.first : row.second;
    // Loaded rows (a hand-edited file) can hold names the editor would refuse.
    if (role == Qt::ToolTipRole && index.column() == NameColumn && !row.first.isEmpty()) {
        if (const QString problem = nameProblem(row.first); !problem.isEmpty())
            return problem;
    }
    return {};
}

bool NameValueModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || m_readOnly || !checkIndex(index, kCell))
        return false;
    QString text = value.toString();
    if (index.column() == NameColumn && !acceptName(index.row(), &text))
        return false;
    Row& row = m_rows[index.row()];
    QString& field = index.column() == NameColumn ? row.first : row.second;
    if (field == text)
        return true;
    field = text;
    cellEdited(index.row());
    Q_EMIT dataChanged(index, index, { Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole });
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags NameValueModel::flags(const QModelIndex& index) const
{
    // Views and QAbstractItemModelTester ask for the root too.
    if (!index.isValid() || !checkIndex(index, kCell))
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return m_readOnly ? base : base | Qt::ItemIsEditable;
}

QVariant NameValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return {};
    return columnTitle(section);
}

bool NameValueModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_rows.insert(row, count, Row());
    rowsAdded(row, count);
    endInsertRows();
    Q_EMIT edited();
    return true;
}

bool NameValueModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    rowsDropped(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

QString NameValueModel::columnTitle(int column) const
{
    return column == NameColumn ? tr("Name") : tr("Value");
}

bool NameValueModel::acceptName(int /*row*/, QString* /*name*/) const
{
    return true;
}

QString NameValueModel::nameProblem(const QString& /*name*/) const
{
    return {};
}

void NameValueModel::cellEdited(int /*row*/)
{
}

void NameValueModel::rowsAdded(int /*row*/, int /*count*/)
{
}

void NameValueModel::rowsDropped(int /*row*/, int /*count*/)
{
}

} // namespace tollgate::ui
