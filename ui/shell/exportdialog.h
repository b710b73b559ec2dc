#pragma once

#include "server/interchange/fastapiexport.h"
#include "server/interchange/importedapi.h"

#include <QDialog>
#include <QString>

#include <vector>

class QAbstractButton;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace tollgate::ui {

class InterchangeReport;
class TrafficLogModel;
class WorkspaceDocument;

/// File ▸ Export: the open workspace as an OpenAPI 3.1 document or a FastAPI
/// project, or the composer's history or the traffic log as HAR 1.2, shown
/// before anything is written: the files Export writes (relative to the
/// destination, with their sizes, the ones that replace a file marked), a
/// warning when a file would be replaced or the project's folder is not
/// empty (its files are written beside what it holds, as `tollgated export`
/// does), and the export's report (what the format cannot say as the
/// workspace does). Export writes all of it or, when something cannot be
/// written, nothing, and says why in the dialog; Cancel writes nothing.
class ExportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    enum Format { OpenApi, FastApi, HistoryHar, TrafficHar };
    Q_ENUM(Format)

    /// traffic: the window's traffic log (null: exported as empty). Opens
    /// on OpenAPI, to a file named after the workspace in the folder
    /// exported into last, else beside the workspace's folder.
    ExportDialog(
        WorkspaceDocument* document, const TrafficLogModel* traffic, QWidget* parent = nullptr);

    Format format() const;
    /// Makes the export again and, keeping the destination's folder, names
    /// the destination after the workspace and the format.
    void setFormat(Format format);
    /// Absolute ("~" and relative text resolved); empty when none is given.
    QString destination() const;
    void setDestination(const QString& path);

    /// What the format cannot say as the workspace does.
    const std::vector<server::ImportNote>& notes() const { return m_notes; }
    /// Why Export cannot write (also shown in the dialog); empty when it can.
    QString problem() const { return m_problem; }
    /// After Export: what the status bar says ("Exported OpenAPI 3.1 ...").
    QString summary() const { return m_summary; }

    /// Export: writes what the preview lists. False when it could not (the
    /// reason is in the dialog and problem()); then nothing was written.
    bool exportNow();

    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildForm();
    void remake();
    void recheck();
    void chooseDestination();
    void showProblem(const QString& text);
    QString defaultName(Format format) const;
    void applyBannerColours();

    WorkspaceDocument* m_document;
    const TrafficLogModel* m_traffic;

    Format m_shown = OpenApi;
    // The export as made for the preview: exactly what Export writes.
    bool m_folder = false;
    std::vector<server::FastApiFile> m_files; ///< a file export's one file has no name
    std::vector<server::ImportNote> m_notes;
    QString m_kind; ///< "OpenAPI 3.1"
    QString m_contents; ///< "12 routes"
    QString m_problem;
    QString m_summary;

    QComboBox* m_format = nullptr;
    QLabel* m_description = nullptr;
    QLabel* m_contentsLabel = nullptr;
    QLineEdit* m_destination = nullptr;
    QGroupBox* m_filesBox = nullptr;
    QTreeWidget* m_fileList = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_error = nullptr;
    InterchangeReport* m_report = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QAbstractButton* m_export = nullptr;
};

} // namespace tollgate::ui
