#include "ui/routes/ruletablemodel.h"

#include "ui/common/convert.h"
#include "ui/common/rowmove.h"

#include <QColor>

#include <iterator>
#include <optional>

namespace tollgate::ui {

namespace {

constexpr server::RuleSource kSources[] = { server::RuleSource::PathParam,
    server::RuleSource::Query, server::RuleSource::Header, server::RuleSource::Body };
constexpr server::RuleOperator kOperators[]
    = { server::RuleOperator::Equals, server::RuleOperator::Regex, server::RuleOperator::Exists };

int sourceIndex(server::RuleSource s)
{
    for (int i = 0; i < int(std::size(kSources)); ++i)
        if (kSources[i] == s)
            return i;
    return 0;
}

int operatorIndex(server::RuleOperator op)
{
    for (int i = 0; i < int(std::size(kOperators)); ++i)
        if (kOperators[i] == op)
            return i;
    return 0;
}

// A column picked from a list: the name shows, the editor works on its index.
QVariant choiceData(int role, const QStringList& names, int index)
{
    if (role == Qt::DisplayRole)
        return names.value(index);
    if (role == Qt::EditRole)
        return index;
    if (role == RuleTableModel::ChoicesRole)
        return names;
    return {};
}

// The index an editor picked from a list of count choices.
std::optional<int> choiceIndex(const QVariant& value, qsizetype count)
{
    bool ok = false;
    const int index = value.toInt(&ok);
    if (!ok || index < 0 || index >= count)
        return std::nullopt;
    return index;
}

} // namespace

RuleTableModel::RuleTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QStringList RuleTableModel::sourceNames()
{
    return { tr("Path parameter"), tr("Query parameter"), tr("Header"), tr("Body (JSON pointer)") };
}

QStringList RuleTableModel::operatorNames()
{
    return { tr("equals"), tr("matches regex"), tr("exists") };
}

void RuleTableModel::setRules(const std::vector<server::Rule>& rules)
{
    if (rules == m_rules)
        return;
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

void RuleTableModel::setResponseLabels(const QStringList& labels)
{
    if (labels == m_responseLabels)
        return;
    m_responseLabels = labels;
    if (!m_rules.empty())
        Q_EMIT dataChanged(index(0, ResponseColumn), index(rowCount() - 1, ResponseColumn));
}

int RuleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RuleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Rule& rule = m_rules[std::size_t(index.row())];
    const bool valueUnused = rule.op == server::RuleOperator::Exists;
    switch (index.column()) {
    case SourceColumn:
        return choiceData(role, sourceNames(), sourceIndex(rule.source));
    case KeyColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(rule.key);
        if (role == Qt::ToolTipRole && rule.source == server::RuleSource::Body)
            return tr("A JSON pointer into the request body, e.g. /user/id");
        break;
    case OperatorColumn:
        return choiceData(role, operatorNames(), operatorIndex(rule.op));
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return valueUnused ? QString() : toQt(rule.value);
        break;
    case ResponseColumn:
        if (role == Qt::DisplayRole) {
            if (rule.response >= 0 && rule.response < m_responseLabels.size())
                return m_responseLabels.at(rule.response);
            return tr("#%1 (missing)").arg(rule.response + 1);
        }
        if (role == Qt::EditRole)
            return rule.response;
        if (role == ChoicesRole)
            return m_responseLabels;
        if (role == Qt::ForegroundRole
            && (rule.response < 0 || rule.response >= m_responseLabels.size()))
            return QColor(0xc0, 0x30, 0x30);
        break;
    default:
        break;
    }
    return {};
}

bool RuleTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::Rule next = m_rules[std::size_t(index.row())];
    switch (index.column()) {
    case SourceColumn: {
        const std::optional<int> i = choiceIndex(value, qsizetype(std::size(kSources)));
        if (!i)
            return false;
        next.source = kSources[*i];
        break;
    }
    case KeyColumn:
        next.key = toStd(value.toString().trimmed());
        break;
    case OperatorColumn: {
        const std::optional<int> i = choiceIndex(value, qsizetype(std::size(kOperators)));
        if (!i)
            return false;
        next.op = kOperators[*i];
        break;
    }
    case ValueColumn:
        if (next.op == server::RuleOperator::Exists)
            return false;
        next.value = toStd(value.toString());
        break;
    case ResponseColumn: {
        const std::optional<int> i = choiceIndex(value, m_responseLabels.size());
        if (!i)
            return false;
        next.response = *i;
        break;
    }
    default:
        return false;
    }
    server::Rule& rule = m_rules[std::size_t(index.row())];
    if (next == rule)
        return true;
    rule = next;
    // The operator decides whether the value column is editable and shown.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT rulesEdited();
    return true;
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::Rule& rule = m_rules[std::size_t(index.row())];
    if (index.column() == ValueColumn && rule.op == server::RuleOperator::Exists)
        return f & ~Qt::ItemIsEnabled;
    return f | Qt::ItemIsEditable;
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return tr("Source");
    case KeyColumn:
        return tr("Key");
    case OperatorColumn:
        return tr("Operator");
    case ValueColumn:
        return tr("Value");
    case ResponseColumn:
        return tr("Response");
    default:
        return {};
    }
}

bool RuleTableModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_rules.insert(m_rules.begin() + row, std::size_t(count), server::Rule {});
    endInsertRows();
    Q_EMIT rulesEdited();
    return true;
}

bool RuleTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rules.erase(m_rules.begin() + row, m_rules.begin() + row + count);
    endRemoveRows();
    Q_EMIT rulesEdited();
    return true;
}

bool RuleTableModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (!isRowMove(rowCount(), sourceParent, sourceRow, count, destinationParent, destinationChild)
        || !beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild))
        return false;
    moveBlock(m_rules, sourceRow, count, destinationChild);
    endMoveRows();
    Q_EMIT rulesEdited();
    return true;
}

} // namespace tollgate::ui
