#include "ui/shell/exportdialog.h"

#include "server/common/files.h"
#include "server/interchange/exportsupport.h"
#include "server/interchange/harexport.h"
#include "server/interchange/openapiexport.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/displaypath.h"
#include "ui/common/settings.h"
#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/interchangereport.h"
#include "ui/shell/trafficlogmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

enum FileColumn { NameColumn, SizeColumn, StateColumn };

/// "builder-api" for "Builder API": the workspace's name as a file name.
QString fileStem(const QString& name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9._-]+"));
    QString stem = name.trimmed().toLower();
    stem.replace(unsafe, QStringLiteral("-"));
    while (stem.startsWith(QLatin1Char('-')) || stem.startsWith(QLatin1Char('.')))
        stem.remove(0, 1);
    while (stem.endsWith(QLatin1Char('-')))
        stem.chop(1);
    return stem.isEmpty() ? QStringLiteral("workspace") : stem;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1);
}

} // namespace

ExportDialog::ExportDialog(
    WorkspaceDocument* document, const TrafficLogModel* traffic, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
    , m_traffic(traffic)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export"));
    auto* title = titleLabel(tr("Export “%1”").arg(m_document->name()), this);
    title->setObjectName(QStringLiteral("exportTitle"));

    m_filesBox = new QGroupBox(this);
    m_filesBox->setObjectName(QStringLiteral("exportFilesBox"));
    m_fileList = makeReportList(
        QStringLiteral("exportFiles"), { tr("File"), tr("Size"), tr("On disk") }, m_filesBox);
    m_fileList->setAccessibleName(tr("Files to write"));
    m_fileList->header()->setStretchLastSection(false);
    m_fileList->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_fileList->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    m_fileList->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_fileList->headerItem()->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    auto* filesLayout = new QVBoxLayout(m_filesBox);
    filesLayout->addWidget(m_fileList);

    m_warning = bannerLabel(QStringLiteral("exportWarning"), this);
    m_error = bannerLabel(QStringLiteral("exportError"), this);
    applyBannerColours();

    m_report = new InterchangeReport(QStringLiteral("export"), tr("Export report"), this);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    if (auto* button = qobject_cast<QPushButton*>(m_export))
        button->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("exportCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(buildForm());
    layout->addWidget(m_filesBox, 1);
    layout->addWidget(m_warning);
    layout->addWidget(m_error);
    layout->addWidget(m_report, 1);
    layout->addWidget(m_buttons);
    resize(900, 600);

    QString folder = settings::lastExportFolder().read();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QFileInfo(QDir::cleanPath(m_document->directory())).path();
    m_destination->setText(displayPath(QDir(folder).filePath(defaultName(OpenApi))));
    remake();
}

QWidget* ExportDialog::buildForm()
{
    auto* form = new QWidget(this);
    m_format = new QComboBox(form);
    m_format->setObjectName(QStringLiteral("exportFormatCombo"));
    m_format->addItem(tr("OpenAPI 3.1 document (JSON)"), OpenApi);
    m_format->addItem(tr("FastAPI project (a folder)"), FastApi);
    m_format->addItem(tr("HAR 1.2 of the Requests page's history"), HistoryHar);
    m_format->addItem(tr("HAR 1.2 of the traffic log"), TrafficHar);
    m_format->setItemData(OpenApi,
        tr("Every route as an operation with its responses as examples, API-key security and "
           "the tiers. JSON, which YAML tools read as well."),
        Qt::ToolTipRole);
    m_format->setItemData(FastApi,
        tr("A Python service (uvicorn main:app) answering as the routes do, with the tiers' "
           "keys, rate limits and quotas."),
        Qt::ToolTipRole);
    m_format->setItemData(HistoryHar,
        tr("The requests sent from the Requests page, as they were sent, credentials "
           "redacted."),
        Qt::ToolTipRole);
    m_format->setItemData(TrafficHar,
        tr("The requests the server answered, as the traffic log keeps them: time, method, "
           "target, status, latency, size and request id, no header fields or bodies."),
        Qt::ToolTipRole);
    m_description = new QLabel(form);
    m_description->setObjectName(QStringLiteral("exportFormatDescription"));
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);
    connect(m_format, &QComboBox::activated, this,
        [this](int index) { setFormat(Format(m_format->itemData(index).toInt())); });

    m_contentsLabel = new QLabel(form);
    m_contentsLabel->setObjectName(QStringLiteral("exportContents"));

    m_destination = new QLineEdit(form);
    m_destination->setObjectName(QStringLiteral("exportDestination"));
    m_destination->setAccessibleName(tr("Destination"));
    m_destination->setClearButtonEnabled(true);
    connect(m_destination, &QLineEdit::textChanged, this, &ExportDialog::recheck);
    auto* choose = new QPushButton(tr("C&hoose…"), form);
    choose->setObjectName(QStringLiteral("exportChooseButton"));
    choose->setAutoDefault(false);
    connect(choose, &QPushButton::clicked, this, &ExportDialog::chooseDestination);
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(choose);

    auto* formatColumn = new QVBoxLayout;
    formatColumn->addWidget(m_format);
    formatColumn->addWidget(m_description);
    auto* destinationLabel = new QLabel(tr("&Destination:"), form);
    destinationLabel->setBuddy(m_destination);

    auto* layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("&Format:"), formatColumn);
    layout->addRow(tr("Contents:"), m_contentsLabel);
    layout->addRow(destinationLabel, destinationRow);
    // The format label names the combo box, not the column it heads.
    if (auto* formatLabel = qobject_cast<QLabel*>(layout->labelForField(formatColumn)))
        formatLabel->setBuddy(m_format);
    return form;
}

ExportDialog::Format ExportDialog::format() const
{
    return m_shown;
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(format));
    if (format == m_shown)
        return;
    m_shown = format;
    // The same folder, the name of the new format.
    const QString current = destination();
    const QString folder
        = current.isEmpty() ? QFileInfo(m_document->directory()).path() : QFileInfo(current).path();
    m_destination->setText(displayPath(QDir(folder).filePath(defaultName(format))));
    remake();
}

QString ExportDialog::defaultName(Format format) const
{
    const QString stem = fileStem(m_document->name());
    switch (format) {
    case OpenApi:
        return stem + QStringLiteral(".openapi.json");
    case FastApi:
        return stem + QStringLiteral("-fastapi");
    case HistoryHar:
        return stem + QStringLiteral("-history.har");
    case TrafficHar:
        return stem + QStringLiteral("-traffic.har");
    }
    return stem;
}

QString ExportDialog::destination() const
{
    return typedPath(m_destination->text(), QFileInfo(m_document->directory()).path());
}

void ExportDialog::setDestination(const QString& path)
{
    m_destination->setText(displayPath(path));
}

void ExportDialog::remake()
{
    const server::Workspace& ws = m_document->workspace();
    m_folder = false;
    m_files.clear();
    const int routes = int(ws.routes.size());
    switch (format()) {
    case OpenApi: {
        server::OpenApiExport exported = server::exportOpenApi(ws);
        m_files = { { std::string(), std::move(exported.text) } };
        m_notes = std::move(exported.notes);
        m_kind = tr("OpenAPI 3.1");
        m_contents = tr("%n route(s)", nullptr, routes);
        break;
    }
    case FastApi: {
        server::FastApiExport project = server::exportFastApi(ws);
        m_folder = true;
        m_files = std::move(project.files);
        m_notes = std::move(project.notes);
        m_kind = tr("FastAPI project");
        m_contents = tr("%n route(s)", nullptr, routes);
        break;
    }
    case HistoryHar:
    case TrafficHar: {
        const bool history = format() == HistoryHar;
        server::HarExport har = history
            ? server::exportWorkspaceHistoryHar(ws)
            : server::exportTrafficHar(
                m_traffic ? m_traffic->events() : std::vector<server::TrafficEvent> {},
                server::workspaceUrl(ws));
        m_files = { { std::string(), std::move(har.text) } };
        m_notes = std::move(har.notes);
        m_kind = history ? tr("HAR 1.2 of the history") : tr("HAR 1.2 of the traffic log");
        m_contents = history ? tr("%n request(s) from the history", nullptr, har.entries)
                             : tr("%n request(s) from the traffic log", nullptr, har.entries);
        break;
    }
    }
    m_description->setText(m_format->currentData(Qt::ToolTipRole).toString());
    m_contentsLabel->setText(m_contents);
    m_report->setNotes(m_notes);
    // Without notes the report is its title; the file list gets the room.
    if (auto* layout = qobject_cast<QVBoxLayout*>(this->layout()))
        layout->setStretchFactor(m_report, m_notes.empty() ? 0 : 1);
    m_report->setTitle(m_notes.empty()
            ? tr("Report: the format says everything as the workspace does")
            : tr("Report: %n thing(s) the format cannot say as the workspace does", nullptr,
                int(m_notes.size())));
    recheck();
}

void ExportDialog::recheck()
{
    m_problem.clear();
    const QString target = destination();
    const QFileInfo info(target);
    if (target.isEmpty())
        m_problem = tr("Choose where to write the export.");
    else if (m_folder && info.exists() && !info.isDir())
        m_problem = tr("%1 is a file; a FastAPI project is written into a folder.")
                        .arg(displayPath(target));
    else if (!m_folder && info.isDir())
        m_problem = tr("%1 is a folder; choose a file name.").arg(displayPath(target));

    m_fileList->clear();
    qint64 total = 0;
    int replaced = 0;
    for (const server::FastApiFile& file : m_files) {
        const QString name = m_folder ? toQt(file.name) : info.fileName();
        const QString path = m_folder ? QDir(target).filePath(name) : target;
        const bool replaces = m_problem.isEmpty() && QFileInfo(path).isFile();
        const auto size = qint64(file.text.size());
        auto* item = new QTreeWidgetItem(m_fileList,
            { QDir::toNativeSeparators(name), sizeText(size),
                replaces ? tr("replaces the existing file") : tr("new") });
        item->setData(SizeColumn, Qt::UserRole, size);
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(NameColumn, displayPath(path));
        if (replaces)
            item->setForeground(StateColumn, statusColor(500, palette()));
        total += size;
        replaced += replaces ? 1 : 0;
    }
    const QString into = m_folder ? target : info.path();
    m_filesBox->setTitle(target.isEmpty()
            ? tr("Files to write")
            : tr("Files to write into %1: %n file(s), %2", nullptr, int(m_files.size()))
                  .arg(displayPath(into), sizeText(total)));

    QString warning;
    if (m_problem.isEmpty() && m_folder && info.isDir()
        && !QDir(target).isEmpty(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        warning = replaced > 0
            ? tr("%1 is not empty: %n file(s) in it will be replaced. Whatever else it holds "
                 "stays as it is.",
                nullptr, replaced)
                  .arg(displayPath(target))
            : tr("%1 is not empty: the project's files are written beside what it holds.")
                  .arg(displayPath(target));
    else if (replaced > 0)
        warning = tr("%1 exists and will be replaced.").arg(displayPath(target));
    m_warning->setText(QStringLiteral("⚠ ") + warning);
    m_warning->setVisible(!warning.isEmpty());
    showProblem(m_problem);
    m_export->setEnabled(m_problem.isEmpty());
}

void ExportDialog::showProblem(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ExportDialog::chooseDestination()
{
    const QString current = destination();
    QString chosen;
    if (m_folder) {
        chosen = QFileDialog::getExistingDirectory(
            this, tr("Export into Folder"), QFileInfo(current).path());
    } else {
        const QString filter = format() == OpenApi ? tr("OpenAPI JSON (*.json);;All files (*)")
                                                   : tr("HAR (*.har);;All files (*)");
        // The preview says what would be replaced; no second question.
        chosen = QFileDialog::getSaveFileName(this, tr("Export to File"), current, filter, nullptr,
            QFileDialog::DontConfirmOverwrite);
    }
    if (!chosen.isEmpty())
        setDestination(chosen);
}

bool ExportDialog::exportNow()
{
    recheck();
    if (!m_problem.isEmpty())
        return false;
    const QString target = destination();
    std::vector<server::FileWrite> writes;
    for (const server::FastApiFile& file : m_files)
        writes.push_back(
            { m_folder ? pathFromQt(target) / file.name : pathFromQt(target), file.text });
    std::string error;
    if (!server::writeFilesAtomic(writes, &error)) {
        m_problem = tr("Nothing was written: %1").arg(toQt(error));
        showProblem(m_problem);
        return false;
    }
    settings::lastExportFolder().write(QFileInfo(target).path());
    m_summary = tr("Exported %1 (%2) to %3.").arg(m_kind, m_contents, displayPath(target));
    return true;
}

void ExportDialog::accept()
{
    if (exportNow())
        QDialog::accept();
}

void ExportDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyBannerColours();
}

void ExportDialog::applyBannerColours()
{
    applyBannerPalette(m_warning, Banner::Warning, palette());
    applyBannerPalette(m_error, Banner::Error, palette());
}

} // namespace tollgate::ui
