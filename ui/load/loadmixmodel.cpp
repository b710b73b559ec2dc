#include "ui/load/loadmixmodel.h"

#include "server/composer/routeexample.h"
#include "ui/common/appearance.h"
#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tollgate::ui {

namespace {

constexpr double kMaxWeight = 1'000'000;

bool carriesBody(const std::string& method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

} // namespace

LoadMixModel::LoadMixModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int LoadMixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoadMixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LoadMixModel::defaultParamTemplate()
{
    return QStringLiteral("{{#randomInt}}1 100{{/randomInt}}");
}

std::vector<std::string> LoadMixModel::pathParams(const std::string& path)
{
    std::vector<std::string> names;
    std::size_t pos = 0;
    while ((pos = path.find('{', pos)) != std::string::npos) {
        // "{{" starts a template, not a parameter.
        if (pos + 1 < path.size() && path[pos + 1] == '{') {
            const std::size_t end = path.find("}}", pos + 2);
            if (end == std::string::npos)
                break;
            pos = end + 2;
            continue;
        }
        const std::size_t close = path.find('}', pos);
        if (close == std::string::npos)
            break;
        std::string name = path.substr(pos + 1, close - pos - 1);
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(std::move(name));
        pos = close + 1;
    }
    return names;
}

server::LoadTarget LoadMixModel::targetForRoute(const server::Route& route)
{
    server::LoadTarget t;
    t.method = route.method;
    t.path = route.path;
    // A trailing wildcard matches anything; send something it matches.
    if (t.path.ends_with('*'))
        t.path = t.path.substr(0, t.path.size() - 1) + "example";
    if (t.path.empty() || t.path.front() != '/')
        t.path.insert(t.path.begin(), '/');
    for (const std::string& name : pathParams(t.path))
        t.params.emplace_back(name, toStd(defaultParamTemplate()));

    // What "Try it" would send: the query, headers and body the route's first
    // rule expects, so the mix hits the answer the route is designed for.
    const server::ComposerRequest example = server::exampleRequest(route);
    const std::size_t query = example.url.find('?');
    if (query != std::string::npos)
        t.path += example.url.substr(query);
    // The example's "{}" for a body method without body rules is no example:
    // such entries start without a body.
    const bool body = example.bodyKind == server::ComposerRequest::BodyKind::Raw
        && !(example.body == "{}" && carriesBody(route.method));
    for (const server::Header& h : example.headers) {
        if (!body
            && QString::fromStdString(h.name).compare(
                   QLatin1String("Content-Type"), Qt::CaseInsensitive)
                == 0)
            continue;
        t.headers.emplace_back(h.name, h.value);
    }
    if (body)
        t.body = example.body;
    return t;
}

std::vector<LoadMixRow> LoadMixModel::rowsForRoutes(const std::vector<server::Route>& routes)
{
    std::vector<LoadMixRow> rows;
    rows.reserve(routes.size());
    for (const server::Route& r : routes)
        rows.push_back({ r.enabled, targetForRoute(r) });
    return rows;
}

QString LoadMixModel::templateSummary(const server::LoadTarget& target)
{
    QStringList parts;
    for (const auto& [name, value] : target.params)
        parts << toQt(name) + QStringLiteral(" = ") + toQt(value);
    for (const auto& [name, value] : target.headers) {
        if (QString::fromStdString(name).compare(QLatin1String("Content-Type"), Qt::CaseInsensitive)
            != 0)
            parts << toQt(name) + QStringLiteral(": ") + toQt(value);
    }
    if (!target.body.empty()) {
        QString body = toQt(target.body).simplified();
        if (body.size() > 60)
            body = body.left(59) + QStringLiteral("…");
        parts << body;
    }
    return parts.join(QStringLiteral("; "));
}

bool LoadMixModel::isStale(const LoadMixRow& row) const
{
    if (m_routeKeys.empty())
        return false;
    // The path as the route has it: strip the query the entry may carry.
    std::string path = row.target.path;
    if (const std::size_t q = path.find('?'); q != std::string::npos)
        path.resize(q);
    for (const auto& [method, routePath] : m_routeKeys) {
        if (method != row.target.method)
            continue;
        if (routePath == path)
            return false;
        if (routePath.ends_with('*')
            && path.starts_with(std::string_view(routePath).substr(0, routePath.size() - 1)))
            return false;
    }
    return true;
}

QVariant LoadMixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LoadMixRow& r = m_rows[std::size_t(index.row())];
    const server::LoadTarget& t = r.target;
    const int column = index.column();
    if (role == StaleRole)
        return isStale(r);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case RouteColumn:
            return t.name.empty() ? toQt(t.method) + QLatin1Char(' ') + toQt(t.path) : toQt(t.name);
        case WeightColumn:
            return QLocale().toString(t.weight, 'g', 6);
        case ShareColumn:
            return r.enabled && t.weight > 0
                ? MetricsFormat::percentText(100.0 * share(index.row()))
                : QStringLiteral("–");
        case TemplateColumn:
            return templateSummary(t);
        }
        break;
    case Qt::EditRole:
        if (column == WeightColumn)
            return t.weight;
        break;
    case ValueRole:
        if (column == WeightColumn)
            return t.weight;
        if (column == ShareColumn)
            return share(index.row());
        break;
    case Qt::CheckStateRole:
        if (column == RouteColumn)
            return r.enabled ? Qt::Checked : Qt::Unchecked;
        break;
    case Qt::TextAlignmentRole:
        if (column == WeightColumn || column == ShareColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (column == RouteColumn || column == TemplateColumn)
            return monospaceFont();
        break;
    case Qt::ToolTipRole: {
        if (column == RouteColumn && isStale(r))
            return tr("No route of the workspace has this method and path any more");
        if (column == TemplateColumn || column == RouteColumn) {
            QString tip = toQt(t.method) + QLatin1Char(' ') + toQt(t.path);
            for (const auto& [name, value] : t.params)
                tip += QLatin1Char('\n') + toQt(name) + QStringLiteral(" = ") + toQt(value);
            for (const auto& [name, value] : t.headers)
                tip += QLatin1Char('\n') + toQt(name) + QStringLiteral(": ") + toQt(value);
            if (!t.body.empty())
                tip += QStringLiteral("\n\n") + toQt(t.body).left(400);
            return QString(tip + QStringLiteral("\n\n") + tr("Double-click to edit"));
        }
        if (column == WeightColumn)
            return tr("Relative weight: how often this entry is drawn compared to the others");
        break;
    }
    default:
        break;
    }
    return {};
}

bool LoadMixModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= rowCount())
        return false;
    LoadMixRow& r = m_rows[std::size_t(index.row())];
    if (role == Qt::CheckStateRole && index.column() == RouteColumn) {
        const bool on = value.toInt() == Qt::Checked;
        if (on == r.enabled)
            return true;
        r.enabled = on;
        Q_EMIT dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
        emitShares();
        Q_EMIT mixChanged();
        return true;
    }
    if (role == Qt::EditRole && index.column() == WeightColumn) {
        bool ok = false;
        const double w = value.toDouble(&ok);
        if (!ok || !std::isfinite(w) || w < 0 || w > kMaxWeight)
            return false;
        if (w == r.target.weight)
            return true;
        r.target.weight = w;
        Q_EMIT dataChanged(index, index);
        emitShares();
        Q_EMIT mixChanged();
        return true;
    }
    return false;
}

Qt::ItemFlags LoadMixModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == RouteColumn)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == WeightColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LoadMixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RouteColumn:
        return tr("Request");
    case WeightColumn:
        return tr("Weight");
    case ShareColumn:
        return tr("Share");
    case TemplateColumn:
        return tr("Parameters and body");
    }
    return {};
}

void LoadMixModel::setRows(std::vector<LoadMixRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    Q_EMIT mixChanged();
}

void LoadMixModel::setTarget(int row, const server::LoadTarget& target)
{
    if (row < 0 || row >= rowCount())
        return;
    m_rows[std::size_t(row)].target = target;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emitShares();
    Q_EMIT mixChanged();
}

void LoadMixModel::setEnabled(int row, bool enabled)
{
    setData(index(row, RouteColumn), enabled ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

int LoadMixModel::addRow(const LoadMixRow& row)
{
    const int at = rowCount();
    beginInsertRows({}, at, at);
    m_rows.push_back(row);
    endInsertRows();
    emitShares();
    Q_EMIT mixChanged();
    return at;
}

void LoadMixModel::removeRow(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    emitShares();
    Q_EMIT mixChanged();
}

std::vector<server::LoadTarget> LoadMixModel::enabledTargets() const
{
    std::vector<server::LoadTarget> targets;
    for (const LoadMixRow& r : m_rows) {
        if (r.enabled && r.target.weight > 0)
            targets.push_back(r.target);
    }
    return targets;
}

double LoadMixModel::share(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    const LoadMixRow& r = m_rows[std::size_t(row)];
    if (!r.enabled || r.target.weight <= 0)
        return 0;
    double total = 0;
    for (const LoadMixRow& other : m_rows) {
        if (other.enabled && other.target.weight > 0)
            total += other.target.weight;
    }
    return total > 0 ? r.target.weight / total : 0;
}

void LoadMixModel::setRoutes(const std::vector<server::Route>& routes)
{
    m_routeKeys.clear();
    for (const server::Route& r : routes)
        m_routeKeys.emplace_back(r.method, r.path);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, RouteColumn), index(rowCount() - 1, RouteColumn));
}

int LoadMixModel::addMissingRoutes(const std::vector<server::Route>& routes)
{
    int added = 0;
    for (const server::Route& route : routes) {
        const server::LoadTarget target = targetForRoute(route);
        std::string path = target.path;
        if (const std::size_t q = path.find('?'); q != std::string::npos)
            path.resize(q);
        const bool present = std::any_of(m_rows.begin(), m_rows.end(), [&](const LoadMixRow& r) {
            std::string p = r.target.path;
            if (const std::size_t q = p.find('?'); q != std::string::npos)
                p.resize(q);
            return r.target.method == target.method && p == path;
        });
        if (present)
            continue;
        addRow({ route.enabled, target });
        ++added;
    }
    return added;
}

void LoadMixModel::emitShares()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, ShareColumn), index(rowCount() - 1, ShareColumn));
}

} // namespace tollgate::ui
