#pragma once

#include "server/interchange/importedapi.h"

#include <QObject>
#include <QString>

#include <vector>

class QAction;
class QWidget;

namespace tollgate::ui {

class WorkspaceDocument;

/// File ▸ Import… and File ▸ Export OpenAPI…: files of other tools into the
/// open workspace (through the import preview) and the workspace out as an
/// OpenAPI 3.1 document. Both need an open workspace.
class InterchangeActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterchangeActions)

public:
    /// window: the parent of the dialogs.
    InterchangeActions(WorkspaceDocument* document, QWidget* window);

    QAction* importAction() const { return m_import; }
    QAction* exportOpenApiAction() const { return m_exportOpenApi; }

    /// Shows the import preview of file; Import there applies it.
    void importFile(const QString& file);
    /// Writes the workspace to file as OpenAPI 3.1 (atomically). False with
    /// *error when it cannot be written; *notes gets what the document
    /// cannot say as the workspace does.
    bool exportOpenApi(
        const QString& file, std::vector<server::ImportNote>* notes, QString* error) const;

Q_SIGNALS:
    /// Something the status bar should say for a moment.
    void message(const QString& text, int timeoutMs);

private:
    void chooseImportFile();
    void chooseExportFile();
    void updateActions();

    WorkspaceDocument* m_document;
    QWidget* m_window;
    QAction* m_import;
    QAction* m_exportOpenApi;
};

} // namespace tollgate::ui
