#include "ui/requests/savedrequestmodel.h"

#include "ui/common/convert.h"

#include <QApplication>
#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <QStyle>

#include <algorithm>

namespace tollgate::ui {

namespace {

const QString& requestMimeType()
{
    static const QString type = QStringLiteral("application/x-tollgate-request");
    return type;
}

// "users//admin/" and "/users/admin" name the same folder as "users/admin".
QStringList folderSegments(const std::string& folder)
{
    return toQt(folder).split(u'/', Qt::SkipEmptyParts);
}

std::string normalizedFolder(const std::string& folder)
{
    return toStd(folderSegments(folder).join(u'/'));
}

// Case-insensitive first, so "admin" and "Billing" sort as people expect;
// the case-sensitive tie-break keeps the order total.
int compareNames(const QString& a, const QString& b)
{
    const int c = QString::compare(a, b, Qt::CaseInsensitive);
    return c != 0 ? c : QString::compare(a, b, Qt::CaseSensitive);
}

using Key = std::pair<QString, QString>; // folder, fileName

} // namespace

struct SavedRequestModel::Node {
    Node* parent = nullptr;
    bool isFolder = true;
    std::string path; ///< folders: normalized path ("" for the root)
    QString label; ///< folders: last segment; requests: name
    server::SavedRequest request; ///< requests only
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        const auto& siblings = parent->children;
        const auto it = std::find_if(siblings.begin(), siblings.end(),
            [this](const std::unique_ptr<Node>& n) { return n.get() == this; });
        return int(it - siblings.begin());
    }

    Node* childFolder(const QString& segment) const
    {
        for (const auto& child : children) {
            if (child->isFolder && child->label == segment)
                return child.get();
        }
        return nullptr;
    }

    Node* childRequest(const std::string& fileName) const
    {
        for (const auto& child : children) {
            if (!child->isFolder && child->request.fileName == fileName)
                return child.get();
        }
        return nullptr;
    }

    // Folders first, each group sorted by name.
    bool sortsBefore(const Node& other) const
    {
        if (isFolder != other.isFolder)
            return isFolder;
        const int c = compareNames(label, other.label);
        if (c != 0 || isFolder)
            return c < 0;
        return request.fileName < other.request.fileName;
    }

    // Where child belongs among the children (child itself not among them).
    int insertPosition(const Node& child) const
    {
        const auto it
            = std::find_if(children.begin(), children.end(), [&](const std::unique_ptr<Node>& n) {
                  return n.get() != &child && child.sortsBefore(*n);
              });
        int pos = int(it - children.begin());
        // When child is still in the list before it, it does not count.
        for (int i = 0; i < pos; ++i) {
            if (children[std::size_t(i)].get() == &child) {
                --pos;
                break;
            }
        }
        return pos;
    }
};

namespace {

QString requestLabel(const server::SavedRequest& request)
{
    return toQt(request.name);
}

} // namespace

SavedRequestModel::SavedRequestModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

SavedRequestModel::~SavedRequestModel() = default;

void SavedRequestModel::setContents(
    std::vector<server::SavedRequest> requests, std::vector<std::string> folders)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    for (const std::string& folder : folders)
        ensureFolder(folder, false);
    for (server::SavedRequest& request : requests) {
        Node* folder = ensureFolder(request.folder, false);
        if (Node* existing = folder->childRequest(request.fileName)) {
            existing->request = std::move(request);
            existing->label = requestLabel(existing->request);
            continue;
        }
        auto node = std::make_unique<Node>();
        node->parent = folder;
        node->isFolder = false;
        node->request = std::move(request);
        node->label = requestLabel(node->request);
        const int pos = folder->insertPosition(*node);
        folder->children.insert(folder->children.begin() + pos, std::move(node));
    }
    endResetModel();
}

QModelIndex SavedRequestModel::upsert(const server::SavedRequest& request)
{
    Node* folder = ensureFolder(request.folder, true);
    const QModelIndex parentIndex = indexOfNode(folder);
    if (Node* existing = folder->childRequest(request.fileName)) {
        const int from = existing->row();
        existing->request = request;
        existing->label = requestLabel(request);
        // A renamed request moves to its new place in the sorted list.
        const int to = folder->insertPosition(*existing);
        if (to != from) {
            beginMoveRows(parentIndex, from, from, parentIndex, to > from ? to + 1 : to);
            auto node = std::move(folder->children[std::size_t(from)]);
            folder->children.erase(folder->children.begin() + from);
            folder->children.insert(folder->children.begin() + to, std::move(node));
            endMoveRows();
        }
        const QModelIndex idx = createIndex(to, 0, existing);
        Q_EMIT dataChanged(idx, idx);
        return idx;
    }
    auto node = std::make_unique<Node>();
    node->parent = folder;
    node->isFolder = false;
    node->request = request;
    node->label = requestLabel(request);
    const int pos = folder->insertPosition(*node);
    Node* raw = node.get();
    beginInsertRows(parentIndex, pos, pos);
    folder->children.insert(folder->children.begin() + pos, std::move(node));
    endInsertRows();
    return createIndex(pos, 0, raw);
}

void SavedRequestModel::remove(const std::string& folder, const std::string& fileName)
{
    Node* folderNode = findFolder(folder);
    Node* node = folderNode ? folderNode->childRequest(fileName) : nullptr;
    if (!node)
        return;
    const int row = node->row();
    beginRemoveRows(indexOfNode(folderNode), row, row);
    folderNode->children.erase(folderNode->children.begin() + row);
    endRemoveRows();
}

QModelIndex SavedRequestModel::addFolder(const std::string& folder)
{
    return indexOfNode(ensureFolder(folder, true));
}

const server::SavedRequest* SavedRequestModel::request(const QModelIndex& index) const
{
    const Node* node = nodeOf(index);
    return node && !node->isFolder ? &node->request : nullptr;
}

QModelIndex SavedRequestModel::indexOf(const std::string& folder, const std::string& fileName) const
{
    const Node* folderNode = findFolder(folder);
    const Node* node = folderNode ? folderNode->childRequest(fileName) : nullptr;
    return node ? indexOfNode(node) : QModelIndex();
}

QModelIndex SavedRequestModel::folderIndex(const std::string& folder) const
{
    const Node* node = findFolder(folder);
    return node ? indexOfNode(node) : QModelIndex();
}

SavedRequestModel::Node* SavedRequestModel::findFolder(const std::string& folder) const
{
    Node* node = m_root.get();
    for (const QString& segment : folderSegments(folder)) {
        node = node->childFolder(segment);
        if (!node)
            return nullptr;
    }
    return node;
}

SavedRequestModel::Node* SavedRequestModel::ensureFolder(const std::string& folder, bool notify)
{
    Node* node = m_root.get();
    for (const QString& segment : folderSegments(folder)) {
        if (Node* child = node->childFolder(segment)) {
            node = child;
            continue;
        }
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->label = segment;
        child->path = node->path.empty() ? toStd(segment) : node->path + '/' + toStd(segment);
        const int pos = node->insertPosition(*child);
        Node* raw = child.get();
        if (notify)
            beginInsertRows(indexOfNode(node), pos, pos);
        node->children.insert(node->children.begin() + pos, std::move(child));
        if (notify)
            endInsertRows();
        node = raw;
    }
    return node;
}

SavedRequestModel::Node* SavedRequestModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex SavedRequestModel::indexOfNode(const Node* node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node*>(node));
}

QModelIndex SavedRequestModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node* parentNode = parent.isValid() ? nodeOf(parent) : m_root.get();
    return createIndex(row, column, parentNode->children[std::size_t(row)].get());
}

QModelIndex SavedRequestModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeOf(child);
    return node ? indexOfNode(node->parent) : QModelIndex();
}

int SavedRequestModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node* node = parent.isValid() ? nodeOf(parent) : m_root.get();
    return node ? int(node->children.size()) : 0;
}

int SavedRequestModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant SavedRequestModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (!node->isFolder && node->label.isEmpty())
            return tr("Untitled request");
        return node->label;
    case Qt::ToolTipRole:
        if (node->isFolder)
            return toQt(node->path);
        return QString(toQt(node->request.request.method) + u' ' + toQt(node->request.request.url));
    case Qt::DecorationRole:
        if (node->isFolder && qobject_cast<QApplication*>(QCoreApplication::instance()))
            return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        return {};
    case IsFolderRole:
        return node->isFolder;
    case FolderPathRole:
        return toQt(node->isFolder ? node->path : node->request.folder);
    case MethodRole:
        return node->isFolder ? QVariant() : QVariant(toQt(node->request.request.method));
    default:
        return {};
    }
}

Qt::ItemFlags SavedRequestModel::flags(const QModelIndex& index) const
{
    // The root accepts drops too: that moves a request out of every folder.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    const Node* node = nodeOf(index);
    if (!node)
        return Qt::NoItemFlags;
    if (node->isFolder)
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
}

Qt::DropActions SavedRequestModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList SavedRequestModel::mimeTypes() const
{
    return { requestMimeType() };
}

QMimeData* SavedRequestModel::mimeData(const QModelIndexList& indexes) const
{
    QList<Key> keys;
    for (const QModelIndex& index : indexes) {
        const server::SavedRequest* r = request(index);
        if (!r)
            continue;
        const Key key { toQt(normalizedFolder(r->folder)), toQt(r->fileName) };
        if (!keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty())
        return nullptr;
    QByteArray encoded;
    QDataStream stream(&encoded, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << keys;
    auto* data = new QMimeData;
    data->setData(requestMimeType(), encoded);
    return data;
}

namespace {

QList<Key> decodeKeys(const QMimeData* data)
{
    if (!data || !data->hasFormat(requestMimeType()))
        return {};
    QDataStream stream(data->data(requestMimeType()));
    stream.setVersion(QDataStream::Qt_6_4);
    QList<Key> keys;
    stream >> keys;
    return stream.status() == QDataStream::Ok ? keys : QList<Key>();
}

} // namespace

QString SavedRequestModel::dropFolder(const QModelIndex& parent, bool* ok) const
{
    // Dropped between rows, parent is the folder they are in; dropped onto
    // a request (which the flags do not offer) there is no target.
    const Node* node = parent.isValid() ? nodeOf(parent) : m_root.get();
    *ok = node && node->isFolder;
    return *ok ? toQt(node->path) : QString();
}

bool SavedRequestModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row,
    int column, const QModelIndex& parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    if (action != Qt::MoveAction)
        return false;
    bool ok = false;
    const QString target = dropFolder(parent, &ok);
    if (!ok)
        return false;
    // Something must actually move: a request dropped back into its own
    // folder is no move.
    const QList<Key> keys = decodeKeys(data);
    return std::any_of(keys.begin(), keys.end(), [&](const Key& key) {
        return key.first != target && indexOf(toStd(key.first), toStd(key.second)).isValid();
    });
}

bool SavedRequestModel::dropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    bool ok = false;
    const QString target = dropFolder(parent, &ok);
    bool moved = false;
    for (const Key& key : decodeKeys(data)) {
        if (key.first == target)
            continue;
        // Looked up again each time and copied: the owner handles the
        // signal by removing the request from this model.
        const server::SavedRequest* r = request(indexOf(toStd(key.first), toStd(key.second)));
        if (!r)
            continue;
        const server::SavedRequest copy = *r;
        Q_EMIT moveRequested(copy, target);
        moved = true;
    }
    // The model itself has not changed; returning true with MoveAction makes
    // the view call removeRows(), which this model refuses, so nothing is
    // lost before the owner calls upsert().
    return moved;
}

} // namespace tollgate::ui
