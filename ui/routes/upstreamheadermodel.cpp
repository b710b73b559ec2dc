#include "ui/routes/upstreamheadermodel.h"

#include "server/workspace/upstreamurl.h"
#include "ui/common/convert.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <iterator>

namespace tollgate::ui {

namespace {

using Action = server::UpstreamHeader::Action;
constexpr Action kActions[] = { Action::Set, Action::Add, Action::Remove };

int actionIndex(Action action)
{
    for (int i = 0; i < int(std::size(kActions)); ++i)
        if (kActions[i] == action)
            return i;
    return 0;
}

} // namespace

UpstreamHeaderModel::UpstreamHeaderModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QStringList UpstreamHeaderModel::actionNames()
{
    return { tr("Set"), tr("Add"), tr("Remove") };
}

void UpstreamHeaderModel::setHeaders(const std::vector<server::UpstreamHeader>& headers)
{
    if (headers == m_headers)
        return;
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int UpstreamHeaderModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int UpstreamHeaderModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UpstreamHeaderModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::UpstreamHeader& h = m_headers[std::size_t(index.row())];
    const bool removes = h.action == Action::Remove;
    const bool secret = !h.secretEnv.empty();
    switch (index.column()) {
    case ActionColumn:
        if (role == Qt::DisplayRole)
            return actionNames().value(actionIndex(h.action));
        if (role == Qt::EditRole)
            return actionIndex(h.action);
        if (role == ChoicesRole)
            return actionNames();
        if (role == Qt::ToolTipRole)
            return tr("Set replaces what the caller sent, Add adds a field beside it, Remove "
                      "drops the caller's field");
        break;
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(h.name);
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole && secret && !removes)
            return tr("(secret)");
        if ((role == Qt::DisplayRole || role == Qt::EditRole) && !secret && !removes)
            return toQt(h.value);
        if (role == Qt::ForegroundRole && secret)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        break;
    case SecretColumn:
        if ((role == Qt::DisplayRole || role == Qt::EditRole) && !removes)
            return toQt(h.secretEnv);
        if (role == Qt::ToolTipRole)
            return tr("Name a secret to send its value instead of a value written here: the "
                      "value is kept in the OS keychain (or read from the environment variable "
                      "of that name), never in the workspace");
        break;
    default:
        break;
    }
    return {};
}

bool UpstreamHeaderModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::UpstreamHeader next = m_headers[std::size_t(index.row())];
    std::string problem;
    switch (index.column()) {
    case ActionColumn: {
        bool ok = false;
        const int i = value.toInt(&ok);
        if (!ok || i < 0 || i >= int(std::size(kActions)))
            return false;
        next.action = kActions[i];
        // A removed field sends nothing: no value, no secret.
        if (next.action == Action::Remove) {
            next.value.clear();
            next.secretEnv.clear();
        }
        break;
    }
    case NameColumn:
        next.name = toStd(value.toString().trimmed());
        problem = server::upstreamHeaderNameProblem(next.name);
        break;
    case ValueColumn:
        next.value = toStd(value.toString());
        problem = server::upstreamHeaderValueProblem(next.value);
        break;
    case SecretColumn:
        next.secretEnv = toStd(value.toString().trimmed());
        problem = server::upstreamSecretNameProblem(next.secretEnv);
        // The value comes from the secret: none is written to the workspace.
        if (!next.secretEnv.empty())
            next.value.clear();
        break;
    default:
        return false;
    }
    if (!problem.empty()) {
        Q_EMIT refused(toQt(problem));
        return false;
    }
    server::UpstreamHeader& h = m_headers[std::size_t(index.row())];
    if (next == h)
        return true;
    h = next;
    // The action and the secret decide which cells are editable and shown.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT headersEdited(QStringLiteral("%1/%2").arg(index.row()).arg(index.column()));
    return true;
}

Qt::ItemFlags UpstreamHeaderModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::UpstreamHeader& h = m_headers[std::size_t(index.row())];
    const bool removes = h.action == Action::Remove;
    if ((index.column() == ValueColumn && (removes || !h.secretEnv.empty()))
        || (index.column() == SecretColumn && removes))
        return f & ~Qt::ItemIsEnabled;
    return f | Qt::ItemIsEditable;
}

QVariant UpstreamHeaderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case SecretColumn:
        return tr("Secret");
    default:
        return {};
    }
}

QString UpstreamHeaderModel::unusedName() const
{
    const auto used = [this](const std::string& name) {
        for (const server::UpstreamHeader& h : m_headers)
            if (h.name == name)
                return true;
        return false;
    };
    std::string name = "X-Header";
    for (int n = 2; used(name); ++n)
        name = "X-Header-" + std::to_string(n);
    return toQt(name);
}

bool UpstreamHeaderModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count <= 0)
        return false;
    beginInsertRows({}, row, row + count - 1);
    for (int i = 0; i < count; ++i) {
        server::UpstreamHeader h;
        h.name = toStd(unusedName());
        m_headers.insert(m_headers.begin() + row + i, h);
    }
    endInsertRows();
    Q_EMIT headersEdited({});
    return true;
}

bool UpstreamHeaderModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_headers.erase(m_headers.begin() + row, m_headers.begin() + row + count);
    endRemoveRows();
    Q_EMIT headersEdited({});
    return true;
}

} // namespace tollgate::ui
