#include "ui/routes/routelistmodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"

#include <QStringList>

namespace tollgate::ui {

RouteListModel::RouteListModel(WorkspaceDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(
        document, &WorkspaceDocument::routesAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::routesReset, this, [this] { endResetModel(); });
    connect(document, &WorkspaceDocument::routeAboutToBeInserted, this,
        [this](int row) { beginInsertRows({}, row, row); });
    connect(document, &WorkspaceDocument::routeInserted, this, [this] { endInsertRows(); });
    connect(document, &WorkspaceDocument::routeAboutToBeRemoved, this,
        [this](int row) { beginRemoveRows({}, row, row); });
    connect(document, &WorkspaceDocument::routeRemoved, this, [this] { endRemoveRows(); });
    connect(document, &WorkspaceDocument::routeChanged, this,
        [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int RouteListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_document->routeCount();
}

int RouteListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RouteListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Route& route = m_document->route(index.row());
    const bool websocket = route.responder == server::RouteResponder::WebSocket;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        // A WebSocket route is always GET: its badge says what it is
        // instead (the delegate colours it), its method stays GET to edit.
        if (index.column() == MethodColumn)
            return websocket && role == Qt::DisplayRole ? QStringLiteral("WS") : toQt(route.method);
        if (index.column() == PathColumn)
            return toQt(route.path);
        return {};
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return route.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        if (websocket)
            lines << tr("WebSocket: clients connect with GET %1").arg(toQt(route.path));
        if (!route.description.empty())
            lines << toQt(route.description);
        if (lines.isEmpty())
            return {};
        return lines.join(QLatin1Char('\n'));
    }
    case EnabledRole:
        return route.enabled;
    case FilterRole:
        return QString(toQt(route.method) + QLatin1Char(' ') + toQt(route.path) + QLatin1Char(' ')
            + toQt(route.description) + (websocket ? QStringLiteral(" WebSocket") : QString()));
    default:
        return {};
    }
}

bool RouteListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::Route route = m_document->route(index.row());
    QString text;
    QString mergeKey;
    if (role == Qt::CheckStateRole && index.column() == EnabledColumn) {
        const bool on = value.toInt() == Qt::Checked;
        if (on == route.enabled)
            return true;
        route.enabled = on;
        text = on ? tr("Enable route") : tr("Disable route");
    } else if (role == Qt::EditRole && index.column() == MethodColumn) {
        const QString method = value.toString().trimmed().toUpper();
        // A WebSocket is opened with GET; the route file refuses another.
        if (!httpMethods().contains(method)
            || (route.responder == server::RouteResponder::WebSocket
                && method != QLatin1String("GET")))
            return false;
        route.method = toStd(method);
        text = tr("Change method");
    } else if (role == Qt::EditRole && index.column() == PathColumn) {
        const QString path = value.toString().trimmed();
        if (!path.startsWith(QLatin1Char('/')))
            return false;
        route.path = toStd(path);
        text = tr("Change path");
        mergeKey = QStringLiteral("path");
    } else {
        return false;
    }
    // The document emits routeChanged, which becomes dataChanged here.
    m_document->setRoute(index.row(), route, mergeKey, text);
    return true;
}

Qt::ItemFlags RouteListModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == EnabledColumn)
        f |= Qt::ItemIsUserCheckable;
    else if (index.column() == PathColumn
        || m_document->route(index.row()).responder != server::RouteResponder::WebSocket)
        f |= Qt::ItemIsEditable; // a WebSocket route's method is GET, nothing else
    return f;
}

QVariant RouteListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case MethodColumn:
            return tr("Method");
        case PathColumn:
            return tr("Path");
        case EnabledColumn:
            return tr("On");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == EnabledColumn)
        return tr("Disabled routes are not served");
    return {};
}

} // namespace tollgate::ui
