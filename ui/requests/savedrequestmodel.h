#pragma once

#include "server/composer/composerrequest.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tollgate::ui {

/// Saved requests as a tree: folders (nested by '/', sorted, folders first)
/// holding requests (sorted by name). Column 0 only. Requests can be dragged
/// onto folders (or the root); the model does not move files itself but emits
/// moveRequested(), and the owner moves the file and calls upsert().
class SavedRequestModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedRequestModel)

public:
    enum Role {
        IsFolderRole = Qt::UserRole + 1,
        FolderPathRole, ///< the folder's path, or the folder a request is in
        MethodRole, ///< requests only
    };

    explicit SavedRequestModel(QObject* parent = nullptr);
    ~SavedRequestModel() override;

    void setContents(std::vector<server::SavedRequest> requests, std::vector<std::string> folders);
    /// Adds the request, or replaces the one with the same folder + fileName.
    /// Returns its index.
    QModelIndex upsert(const server::SavedRequest& request);
    /// Removes the request with this folder + fileName.
    void remove(const std::string& folder, const std::string& fileName);
    /// Adds an (empty) folder and its parents; returns its index.
    QModelIndex addFolder(const std::string& folder);

    /// The request at index, or nullptr for folders.
    const server::SavedRequest* request(const QModelIndex& index) const;
    QModelIndex indexOf(const std::string& folder, const std::string& fileName) const;
    QModelIndex folderIndex(const std::string& folder) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) override;

Q_SIGNALS:
    void moveRequested(const server::SavedRequest& request, const QString& folder);

private:
    struct Node;

    Node* findFolder(const std::string& folder) const;
    /// The folder's node, creating it and its parents (with insert
    /// notifications when notify is set).
    Node* ensureFolder(const std::string& folder, bool notify);
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOfNode(const Node* node) const;
    /// The folder a drop on parent goes to; *ok is false when there is none.
    QString dropFolder(const QModelIndex& parent, bool* ok) const;

    std::unique_ptr<Node> m_root;
};

} // namespace tollgate::ui
