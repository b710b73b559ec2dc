#pragma once

#include "server/composer/composerrequest.h"
#include "server/interchange/importedapi.h"
#include "server/interchange/importmerge.h"
#include "server/workspace/workspace.h"

#include <QDialog>
#include <QString>

#include <vector>

class QAbstractButton;
class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QTreeWidget;
class QWidget;

namespace tollgate::ui {

class InterchangeReport;
class WorkspaceDocument;

/// File ▸ Import: what a file would bring into the open workspace before
/// anything changes. Shows the format, what is added, what conflicts with
/// the workspace (kept or replaced, as chosen) and the importer's report
/// (whatever it skipped or approximated, with file:line). Import applies it
/// as one undo step; a file that cannot be imported shows its errors with
/// file:line:column and Import stays off.
class ImportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    /// Reads file at once (the format-specific options appear once the
    /// format is known).
    ImportDialog(WorkspaceDocument* document, QString file, QWidget* parent = nullptr);

    const server::ImportResult& result() const { return m_result; }
    const server::ImportMerge& merge() const { return m_merge; }
    /// After Import: what the status bar says ("Imported 12 routes, ...").
    QString summary() const { return m_summary; }

    /// Import: merges again (the workspace may have changed meanwhile) and
    /// applies. False (with a message box) when the request files could not
    /// be written; then nothing changed.
    bool apply();

    void accept() override;

private:
    QWidget* buildPreview();
    void reimport();
    void remerge();
    void showResult();
    void showConflicts();

    WorkspaceDocument* m_document;
    QString m_file;
    std::vector<server::SavedRequest> m_existingRequests;
    server::ImportResult m_result;
    server::Workspace m_merged;
    server::ImportMerge m_merge;
    QString m_summary;

    QLabel* m_title;
    QLabel* m_source;
    QPlainTextEdit* m_errors;
    QWidget* m_preview = nullptr;
    QLabel* m_routes = nullptr;
    QLabel* m_requests = nullptr;
    QLabel* m_environments = nullptr;
    QLabel* m_conflictCount = nullptr;
    QLabel* m_upstream = nullptr;
    QLabel* m_upstreamLabel = nullptr;
    QCheckBox* m_validate = nullptr;
    QCheckBox* m_harRoutes = nullptr;
    QGroupBox* m_conflictsBox = nullptr;
    QRadioButton* m_keep = nullptr;
    QRadioButton* m_replace = nullptr;
    QTreeWidget* m_conflicts = nullptr;
    InterchangeReport* m_notesBox = nullptr;
    QDialogButtonBox* m_buttons;
    QAbstractButton* m_import = nullptr;
};

} // namespace tollgate::ui
