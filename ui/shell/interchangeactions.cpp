#include "ui/shell/interchangeactions.h"

#include "ui/document/workspacedocument.h"
#include "ui/shell/exportdialog.h"
#include "ui/shell/importdialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>

namespace tollgate::ui {

namespace {

constexpr int kMessageMs = 8000;

} // namespace

InterchangeActions::InterchangeActions(
    WorkspaceDocument* document, const TrafficLogModel* traffic, QWidget* window)
    : QObject(window)
    , m_document(document)
    , m_traffic(traffic)
    , m_window(window)
    , m_import(new QAction(tr("&Import…"), window))
    , m_export(new QAction(tr("&Export…"), window))
{
    m_import->setObjectName(QStringLiteral("importAction"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_import->setIcon(QIcon::fromTheme(QStringLiteral("document-import")));
    m_import->setToolTip(tr("Add the routes, saved requests and environments of an OpenAPI "
                            "document, a Mockoon environment, a Postman collection or a HAR "
                            "capture to the workspace"));
    connect(m_import, &QAction::triggered, this, &InterchangeActions::chooseImportFile);

    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_export->setIcon(QIcon::fromTheme(QStringLiteral("document-export")));
    m_export->setToolTip(tr("Write the workspace as an OpenAPI document or a FastAPI project, "
                            "or the request history or the traffic log as HAR, after a preview"));
    connect(m_export, &QAction::triggered, this, &InterchangeActions::showExport);

    connect(m_document, &WorkspaceDocument::opened, this, &InterchangeActions::updateActions);
    connect(m_document, &WorkspaceDocument::closed, this, &InterchangeActions::updateActions);
    updateActions();
}

void InterchangeActions::updateActions()
{
    const bool open = m_document->isOpen();
    m_import->setEnabled(open);
    m_export->setEnabled(open);
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

void InterchangeActions::showExport()
{
    if (!m_document->isOpen())
        return;
    ExportDialog dialog(m_document, m_traffic, m_window);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT message(dialog.summary(), kMessageMs);
}

} // namespace tollgate::ui
