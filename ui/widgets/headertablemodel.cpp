#include "ui/widgets/headertablemodel.h"

#include "ui/common/convert.h"

#include <QRegularExpression>

namespace tollgate::ui {

namespace {

// RFC 9110 token characters: anything else cannot be sent as a field name.
bool isValidHeaderName(const QString& name)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return token.match(name).hasMatch();
}

} // namespace

HeaderTableModel::HeaderTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void HeaderTableModel::setHeaders(const std::vector<server::Header>& headers)
{
    if (headers == m_headers)
        return;
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeaderTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeaderTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Header& header = m_headers[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return toQt(index.column() == NameColumn ? header.name : header.value);
    if (role == Qt::ToolTipRole && index.column() == NameColumn && !header.name.empty()
        && !isValidHeaderName(toQt(header.name)))
        return tr("Not a valid header name");
    return {};
}

bool HeaderTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || m_readOnly
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::Header& header = m_headers[std::size_t(index.row())];
    QString text = value.toString();
    if (index.column() == NameColumn) {
        text = text.trimmed();
        if (!text.isEmpty() && !isValidHeaderName(text))
            return false;
    }
    std::string& field = index.column() == NameColumn ? header.name : header.value;
    const std::string next = toStd(text);
    if (field == next)
        return true;
    field = next;
    Q_EMIT dataChanged(index, index, { Qt::DisplayRole, Qt::EditRole });
    Q_EMIT headersEdited();
    return true;
}

Qt::ItemFlags HeaderTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags; // the root, as views and testers ask
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return m_readOnly ? base : base | Qt::ItemIsEditable;
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == NameColumn)
        return tr("Header");
    if (section == ValueColumn)
        return tr("Value");
    return {};
}

bool HeaderTableModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    m_headers.insert(m_headers.begin() + row, std::size_t(count), server::Header {});
    endInsertRows();
    Q_EMIT headersEdited();
    return true;
}

bool HeaderTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_headers.erase(m_headers.begin() + row, m_headers.begin() + row + count);
    endRemoveRows();
    Q_EMIT headersEdited();
    return true;
}

} // namespace tollgate::ui
