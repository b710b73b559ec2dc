#pragma once

#include <QStatusBar>

class QLabel;
class QToolButton;

namespace tollgate::ui {

class ServerController;
class WorkspaceDocument;

/// The window's status bar: routes (and how many are disabled), the
/// server's state and request count, whether the workspace is saved, the
/// problem count; messages of the moment on the left.
///
/// Its strings are MainWindow::tr(): they keep the translation context of
/// the window they were split out of, so no translation is lost.
class WindowStatusBar final : public QStatusBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowStatusBar)

public:
    WindowStatusBar(
        WorkspaceDocument* document, ServerController* server, QWidget* parent = nullptr);

    void setProblemCount(int count);
    /// Redraws the labels (after a theme change, say).
    void refresh();

Q_SIGNALS:
    /// The problem count was clicked.
    void problemsRequested();

private:
    void updateRouteCount();
    void updateServerState();
    void updateSaveState();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    QLabel* m_routeCount;
    QLabel* m_serverState;
    QLabel* m_saveState;
    QToolButton* m_problems;
};

} // namespace tollgate::ui
