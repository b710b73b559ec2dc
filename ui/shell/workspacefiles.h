#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace tollgate::ui {

class WorkspaceDocument;

/// Which workspace the window has open, on disk: opening (from a dialog,
/// the recent list or a path), creating, saving now, revealing the folder
/// and copying its path. Keeps the recent list and the last workspace.
///
/// Its strings are MainWindow::tr(): they keep the translation context of
/// the window they were split out of, so no translation is lost.
class WorkspaceFiles final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceFiles)

public:
    /// window: the parent of the dialogs and of the recent menu.
    WorkspaceFiles(WorkspaceDocument* document, QWidget* window);

    /// Asked before the open workspace is left; false keeps it open (the
    /// user wants to keep an unsaved request, say).
    void setLeaveCheck(std::function<bool()> check) { m_leaveCheck = std::move(check); }

    /// "Open Recent", kept up to date.
    QMenu* recentMenu() const { return m_recentMenu; }

    /// Opens a workspace directory; a directory without tollgate.json is
    /// offered to become one. Returns false when nothing was opened.
    bool openWorkspace(const QString& path);
    void newWorkspace();
    void openWorkspaceDialog();
    void saveNow();
    void revealWorkspace();
    void copyWorkspacePath();

Q_SIGNALS:
    /// openWorkspace() opened one.
    void opened();
    /// Something the status bar should say for a moment.
    void message(const QString& text, int timeoutMs);

private:
    void addRecent(const QString& dir);
    void updateRecentMenu();

    WorkspaceDocument* m_document;
    QWidget* m_window;
    QMenu* m_recentMenu;
    std::function<bool()> m_leaveCheck;
};

} // namespace tollgate::ui
