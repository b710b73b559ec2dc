#include "ui/requests/environmentmodel.h"

#include "ui/common/convert.h"

#include <QRegularExpression>

#include <algorithm>

namespace tollgate::ui {

namespace {

// What {{name}} can refer to; anything else would never be expanded.
bool isValidVariableName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    return pattern.match(name).hasMatch();
}

} // namespace

EnvironmentModel::EnvironmentModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EnvironmentModel::setVariables(
    const std::vector<std::pair<std::string, std::string>>& variables)
{
    if (variables == m_vars)
        return;
    beginResetModel();
    m_vars = variables;
    endResetModel();
}

int EnvironmentModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_vars.size());
}

int EnvironmentModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvironmentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& [name, value] = m_vars[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return toQt(index.column() == NameColumn ? name : value);
    // A hand-edited tollgate.json can hold names the editor would refuse.
    if (role == Qt::ToolTipRole && index.column() == NameColumn && !name.empty()
        && !isValidVariableName(toQt(name)))
        return tr("Not a valid variable name: use letters, digits, '_', '-' and '.'");
    return {};
}

bool EnvironmentModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const auto row = std::size_t(index.row());
    QString text = value.toString();
    if (index.column() == NameColumn) {
        text = text.trimmed();
        if (!isValidVariableName(text))
            return false;
        const std::string name = toStd(text);
        const bool taken = std::any_of(m_vars.begin(), m_vars.end(),
            [&](const auto& v) { return &v != &m_vars[row] && v.first == name; });
        if (taken)
            return false;
    }
    std::string& field = index.column() == NameColumn ? m_vars[row].first : m_vars[row].second;
    const std::string next = toStd(text);
    if (field == next)
        return true;
    field = next;
    Q_EMIT dataChanged(index, index, { Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole });
    Q_EMIT variablesEdited();
    return true;
}

Qt::ItemFlags EnvironmentModel::flags(const QModelIndex& index) const
{
    // Views and QAbstractItemModelTester ask for the root too.
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant EnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == NameColumn)
        return tr("Variable");
    if (section == ValueColumn)
        return tr("Value");
    return {};
}

bool EnvironmentModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_vars.insert(m_vars.begin() + row, std::size_t(count), {});
    endInsertRows();
    Q_EMIT variablesEdited();
    return true;
}

bool EnvironmentModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_vars.erase(m_vars.begin() + row, m_vars.begin() + row + count);
    endRemoveRows();
    Q_EMIT variablesEdited();
    return true;
}

} // namespace tollgate::ui
