#pragma once

#include "server/composer/composerrequest.h"
#include "server/composer/history.h"

#include <QTabWidget>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace tollgate::ui {

class RequestHistory;
class SavedRequestModel;
class WorkspaceDocument;

/// The left side of the Requests page: the workspace's saved requests in
/// their folders (new folder, delete, move by dragging) and the searchable
/// history. Opening an item is left to the page.
class ComposerSidebar final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerSidebar)

public:
    /// newAction starts a new request and runAction runs saved requests;
    /// they get buttons over the saved requests (runAction its context menu too).
    ComposerSidebar(const WorkspaceDocument* document, RequestHistory* history, QAction* newAction,
        QAction* runAction, QWidget* parent = nullptr);
    ~ComposerSidebar() override;

    SavedRequestModel* savedModel() const { return m_saved; }
    /// Reads the saved requests of the open workspace.
    void loadSavedRequests();
    /// Shows a request just saved, selected.
    void showSaved(const server::SavedRequest& request);
    /// The folder new requests go to: the selected one, or the folder of the
    /// selected request.
    QString selectedFolder() const;

Q_SIGNALS:
    void savedRequestActivated(const server::SavedRequest& request);
    void historyEntryActivated(const server::HistoryEntry& entry);
    /// A saved request's file was deleted.
    void requestDeleted(const server::SavedRequest& request);
    /// A saved request's file moved to another folder.
    void requestMoved(const server::SavedRequest& from, const server::SavedRequest& to);
    void message(const QString& text);

private:
    QWidget* buildSavedPage(QAction* newAction, QAction* runAction);
    QWidget* buildHistoryPage();
    void openSaved(const QModelIndex& index);
    void openHistory(const QModelIndex& proxyIndex);
    void deleteSelected();
    void newFolder();
    void moveRequest(const server::SavedRequest& request, const QString& folder);
    void clearHistory();

    const WorkspaceDocument* m_document;
    RequestHistory* m_history;
    SavedRequestModel* m_saved;
    QSortFilterProxyModel* m_historyProxy;
    QTreeView* m_savedView = nullptr;
    QTreeView* m_historyView = nullptr;
    QLineEdit* m_historySearch = nullptr;
};

} // namespace tollgate::ui
