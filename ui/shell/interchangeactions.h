#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace tollgate::ui {

class TrafficLogModel;
class WorkspaceDocument;

/// File ▸ Import… and File ▸ Export…: files of other tools into the open
/// workspace (through the import preview), and the workspace, the composer's
/// history or the traffic log out in their formats (through the export
/// preview). Both need an open workspace.
class InterchangeActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterchangeActions)

public:
    /// window: the parent of the dialogs; traffic: the window's traffic log
    /// (for its HAR export).
    InterchangeActions(
        WorkspaceDocument* document, const TrafficLogModel* traffic, QWidget* window);

    QAction* importAction() const { return m_import; }
    QAction* exportAction() const { return m_export; }

    /// Shows the import preview of file; Import there applies it.
    void importFile(const QString& file);
    /// Shows the export preview; Export there writes.
    void showExport();

Q_SIGNALS:
    /// Something the status bar should say for a moment.
    void message(const QString& text, int timeoutMs);

private:
    void chooseImportFile();
    void updateActions();

    WorkspaceDocument* m_document;
    const TrafficLogModel* m_traffic;
    QWidget* m_window;
    QAction* m_import;
    QAction* m_export;
};

} // namespace tollgate::ui
