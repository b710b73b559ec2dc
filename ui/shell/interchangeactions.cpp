#include "ui/shell/interchangeactions.h"

#include "server/common/files.h"
#include "server/interchange/openapiexport.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/importdialog.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>

namespace tollgate::ui {

namespace {

constexpr int kMessageMs = 8000;

} // namespace

InterchangeActions::InterchangeActions(WorkspaceDocument* document, QWidget* window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_import(new QAction(tr("&Import…"), window))
    , m_exportOpenApi(new QAction(tr("&Export OpenAPI…"), window))
{
    m_import->setObjectName(QStringLiteral("importAction"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_import->setIcon(QIcon::fromTheme(QStringLiteral("document-import")));
    m_import->setToolTip(tr("Add the routes, saved requests and environments of an OpenAPI "
                            "document, a Mockoon environment, a Postman collection or a HAR "
                            "capture to the workspace"));
    connect(m_import, &QAction::triggered, this, &InterchangeActions::chooseImportFile);

    m_exportOpenApi->setObjectName(QStringLiteral("exportOpenApiAction"));
    m_exportOpenApi->setIcon(QIcon::fromTheme(QStringLiteral("document-export")));
    m_exportOpenApi->setToolTip(tr("Write the workspace as an OpenAPI 3.1 document"));
    connect(m_exportOpenApi, &QAction::triggered, this, &InterchangeActions::chooseExportFile);

    connect(m_document, &WorkspaceDocument::opened, this, &InterchangeActions::updateActions);
    connect(m_document, &WorkspaceDocument::closed, this, &InterchangeActions::updateActions);
    updateActions();
}

void InterchangeActions::updateActions()
{
    const bool open = m_document->isOpen();
    m_import->setEnabled(open);
    m_exportOpenApi->setEnabled(open);
}

void InterchangeActions::chooseImportFile()
{
    if (!m_document->isOpen())
        return;
    const QString filters = QStringList { tr("OpenAPI (*.yaml *.yml *.json)"),
        tr("Mockoon (*.json)"), tr("Postman (*.json)"), tr("HAR (*.har)"), tr("All files (*)") }
                                .join(QStringLiteral(";;"));
    const QString file = QFileDialog::getOpenFileName(
        m_window, tr("Import"), QFileInfo(m_document->directory()).path(), filters);
    if (!file.isEmpty())
        importFile(file);
}

void InterchangeActions::importFile(const QString& file)
{
    ImportDialog dialog(m_document, file, m_window);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT message(dialog.summary(), kMessageMs);
}

void InterchangeActions::chooseExportFile()
{
    if (!m_document->isOpen())
        return;
    // The workspace's name as a file name: no separators or characters
    // some file systems refuse.
    QString name = m_document->name().trimmed();
    name.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]")), QStringLiteral("-"));
    if (name.isEmpty())
        name = QStringLiteral("workspace");
    const QString suggested
        = QDir(m_document->directory()).filePath(name + QStringLiteral(".openapi.json"));
    const QString file = QFileDialog::getSaveFileName(
        m_window, tr("Export OpenAPI"), suggested, tr("OpenAPI JSON (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    std::vector<server::ImportNote> notes;
    QString error;
    if (!exportOpenApi(file, &notes, &error)) {
        QMessageBox::warning(
            m_window, tr("Export OpenAPI"), tr("Could not write %1:\n%2").arg(file, error));
        return;
    }
    const QString written
        = tr("Exported %n route(s) as OpenAPI 3.1 to %1.", nullptr, m_document->routeCount())
              .arg(QDir::toNativeSeparators(file));
    Q_EMIT message(written, kMessageMs);
    if (notes.empty())
        return;
    QStringList lines;
    for (const server::ImportNote& note : notes)
        lines << QStringLiteral("%1: %2").arg(toQt(note.where), toQt(note.message));
    QMessageBox box(QMessageBox::Information, tr("Export OpenAPI"),
        tr("%1\n\n%n thing(s) could not be said in OpenAPI as the workspace has them; the "
           "details list them.",
            nullptr, int(notes.size()))
            .arg(written),
        QMessageBox::Ok, m_window);
    box.setObjectName(QStringLiteral("exportNotesBox"));
    box.setDetailedText(lines.join(QLatin1Char('\n')));
    box.exec();
}

bool InterchangeActions::exportOpenApi(
    const QString& file, std::vector<server::ImportNote>* notes, QString* error) const
{
    server::OpenApiExport exported = server::exportOpenApi(m_document->workspace());
    std::string writeError;
    if (!server::writeFileAtomic(pathFromQt(file), exported.text, &writeError)) {
        if (error)
            *error = toQt(writeError);
        return false;
    }
    if (notes)
        *notes = std::move(exported.notes);
    return true;
}

} // namespace tollgate::ui
