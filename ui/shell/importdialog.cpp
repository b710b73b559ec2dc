#include "ui/shell/importdialog.h"

#include "server/composer/requeststore.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/displaypath.h"
#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/interchangereport.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace tollgate::ui {

namespace {

enum ConflictColumn { WhatColumn, ResolutionColumn };

} // namespace

ImportDialog::ImportDialog(WorkspaceDocument* document, QString file, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
    // Absolute, so the notes' places are too and can be shortened against it.
    , m_file(QFileInfo(file).absoluteFilePath())
    , m_title(titleLabel(QString(), this))
    , m_source(new QLabel(this))
    , m_errors(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import"));
    m_title->setObjectName(QStringLiteral("importTitle"));
    m_title->setWordWrap(true);
    m_source->setObjectName(QStringLiteral("importSource"));
    m_source->setText(displayPath(m_file));
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setWordWrap(true);

    m_errors->setObjectName(QStringLiteral("importErrors"));
    m_errors->setReadOnly(true);
    m_errors->setFont(monospaceFont());
    m_errors->setAccessibleName(tr("Why the file cannot be imported"));
    m_errors->setTabChangesFocus(true);

    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    if (auto* button = qobject_cast<QPushButton*>(m_import))
        button->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_source);
    layout->addWidget(m_errors, 1);
    layout->addWidget(buildPreview(), 1);
    layout->addWidget(m_buttons);
    resize(980, 600);

    m_existingRequests = server::loadRequests(pathFromQt(m_document->directory())).requests;
    reimport();
}

QWidget* ImportDialog::buildPreview()
{
    m_preview = new QWidget(this);
    m_preview->setObjectName(QStringLiteral("importPreview"));

    m_routes = new QLabel(m_preview);
    m_routes->setObjectName(QStringLiteral("importRoutesCount"));
    m_requests = new QLabel(m_preview);
    m_requests->setObjectName(QStringLiteral("importRequestsCount"));
    m_environments = new QLabel(m_preview);
    m_environments->setObjectName(QStringLiteral("importEnvironmentsCount"));
    m_upstream = new QLabel(m_preview);
    m_upstream->setObjectName(QStringLiteral("importUpstream"));
    m_upstream->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_upstream->setFont(monospaceFont());
    auto* counts = new QFormLayout;
    counts->addRow(tr("Routes:"), m_routes);
    counts->addRow(tr("Saved requests:"), m_requests);
    counts->addRow(tr("Environments:"), m_environments);
    m_conflictCount = new QLabel(m_preview);
    m_conflictCount->setObjectName(QStringLiteral("importConflictCount"));
    counts->addRow(tr("Conflicts:"), m_conflictCount);
    m_upstreamLabel = new QLabel(tr("Upstream:"), m_preview);
    m_upstreamLabel->setToolTip(tr("Kept on the imported routes, for when one is switched to "
                                   "forward to the real API"));
    counts->addRow(m_upstreamLabel, m_upstream);

    m_validate = new QCheckBox(tr("&Validate requests against the schema"), m_preview);
    m_validate->setObjectName(QStringLiteral("importValidateCheck"));
    m_validate->setToolTip(tr("Routes answer 400 (problem+json) to a request whose body does "
                              "not match the operation's schema"));
    m_harRoutes = new QCheckBox(tr("Also make &routes of the captured answers"), m_preview);
    m_harRoutes->setObjectName(QStringLiteral("importHarRoutesCheck"));
    m_harRoutes->setToolTip(tr("Each captured answer becomes a designed route, as if recorded"));
    for (QCheckBox* option : { m_validate, m_harRoutes })
        connect(option, &QCheckBox::toggled, this, &ImportDialog::reimport);

    m_conflictsBox = new QGroupBox(tr("Already in the workspace"), m_preview);
    m_conflictsBox->setObjectName(QStringLiteral("importConflictsBox"));
    m_keep = new QRadioButton(tr("&Keep mine"), m_conflictsBox);
    m_keep->setObjectName(QStringLiteral("importKeepRadio"));
    m_keep->setChecked(true);
    m_replace = new QRadioButton(tr("Replace with im&ported"), m_conflictsBox);
    m_replace->setObjectName(QStringLiteral("importReplaceRadio"));
    auto* policy = new QButtonGroup(m_conflictsBox);
    policy->addButton(m_keep);
    policy->addButton(m_replace);
    connect(m_replace, &QRadioButton::toggled, this, &ImportDialog::remerge);
    m_conflicts = makeReportList(
        QStringLiteral("importConflicts"), { tr("Item"), tr("Result") }, m_conflictsBox);
    m_conflicts->setAccessibleName(tr("Conflicts"));
    m_conflicts->header()->setStretchLastSection(false);
    m_conflicts->header()->setSectionResizeMode(WhatColumn, QHeaderView::Stretch);
    m_conflicts->header()->setSectionResizeMode(ResolutionColumn, QHeaderView::ResizeToContents);
    auto* choice = new QHBoxLayout;
    choice->addWidget(m_keep);
    choice->addWidget(m_replace);
    choice->addStretch(1);
    auto* conflictsLayout = new QVBoxLayout(m_conflictsBox);
    conflictsLayout->addLayout(choice);
    conflictsLayout->addWidget(m_conflicts);

    m_notesBox = new InterchangeReport(QStringLiteral("import"), tr("Import report"), m_preview);

    auto* split = new QSplitter(Qt::Vertical, m_preview);
    split->setChildrenCollapsible(false);
    split->addWidget(m_conflictsBox);
    split->addWidget(m_notesBox);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(m_preview);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(counts);
    layout->addWidget(m_validate);
    layout->addWidget(m_harRoutes);
    layout->addWidget(split, 1);
    return m_preview;
}

void ImportDialog::reimport()
{
    server::ImportOptions options;
    options.validateRequests = m_validate->isChecked();
    options.harRoutes = m_harRoutes->isChecked();
    m_result = server::importFile(pathFromQt(m_file), options);
    remerge();
}

void ImportDialog::remerge()
{
    m_merged = m_document->workspace();
    m_merge = {};
    if (m_result.ok())
        m_merge = server::mergeImport(m_merged, m_existingRequests, m_result.api,
            m_replace->isChecked() ? server::ConflictPolicy::Replace
                                   : server::ConflictPolicy::KeepExisting);
    showResult();
}

void ImportDialog::showResult()
{
    const bool ok = m_result.ok();
    m_errors->setVisible(!ok);
    m_preview->setVisible(ok);
    if (!ok) {
        m_title->setText(tr("This file cannot be imported; nothing was changed."));
        QStringList lines;
        for (const server::Diagnostic& d : m_result.errors)
            lines << toQt(d.toString());
        m_errors->setPlainText(lines.join(QLatin1Char('\n')));
        m_import->setEnabled(false);
        return;
    }
    const server::ImportedApi& api = m_result.api;
    m_title->setText(api.title.empty() ? toQt(api.format)
                                       : tr("%1 — %2").arg(toQt(api.format), toQt(api.title)));

    const auto counted = [](std::size_t added, std::size_t replaced) {
        QString text = tr("%n new", nullptr, int(added));
        if (replaced > 0)
            text = tr("%1, %n replaced", nullptr, int(replaced)).arg(text);
        return text;
    };
    const auto replacedRequests = std::size_t(m_merge.requestsReplaced);
    m_routes->setText(counted(m_merge.addedRoutes.size(), m_merge.replacedRoutes.size()));
    m_requests->setText(counted(m_merge.requests.size() - replacedRequests, replacedRequests));
    m_environments->setText(
        counted(m_merge.addedEnvironments.size(), m_merge.replacedEnvironments.size()));
    m_upstream->setText(toQt(api.upstreamUrl));
    m_upstream->setVisible(!api.upstreamUrl.empty());
    m_upstreamLabel->setVisible(!api.upstreamUrl.empty());

    // The options only mean something for their format.
    m_validate->setVisible(api.format.starts_with("OpenAPI"));
    m_harRoutes->setVisible(api.format.starts_with("HAR"));

    showConflicts();

    m_notesBox->setNotes(api.notes, QFileInfo(m_file).absoluteDir());
    m_notesBox->setTitle(api.notes.empty() ? tr("Report: everything was carried over as written")
                                           : tr("Report: %n thing(s) not carried over as written",
                                               nullptr, int(api.notes.size())));

    m_import->setEnabled(m_merge.changed());
    m_import->setToolTip(m_merge.changed()
            ? QString()
            : tr("Nothing to import: the workspace already has everything this file holds"));
}

void ImportDialog::showConflicts()
{
    m_conflicts->clear();
    for (const server::ImportConflict& conflict : m_merge.conflicts)
        new QTreeWidgetItem(
            m_conflicts, { toQt(conflict.what), conflict.replaced ? tr("replaced") : tr("kept") });
    const int count = int(m_merge.conflicts.size());
    m_conflictCount->setText(count == 0 ? tr("none, everything is new to the workspace")
                                        : tr("%n already in the workspace", nullptr, count));
    // Without conflicts there is nothing to choose; the report gets the room.
    m_conflictsBox->setVisible(count > 0);
}

bool ImportDialog::apply()
{
    remerge();
    if (!m_result.ok() || !m_merge.changed())
        return false;
    const QString name = QFileInfo(m_file).fileName();
    QString error;
    if (!m_document->applyImport(m_merged, m_merge, tr("Import %1").arg(name), &error)) {
        QMessageBox::warning(this, tr("Import"),
            tr("The saved requests could not be written, so nothing was imported:\n%1").arg(error));
        return false;
    }
    const int routes = int(m_merge.addedRoutes.size() + m_merge.replacedRoutes.size());
    const int requests = int(m_merge.requests.size());
    const int environments
        = int(m_merge.addedEnvironments.size() + m_merge.replacedEnvironments.size());
    m_summary
        = tr("Imported %1, %2 and %3 from %4.")
              .arg(tr("%n route(s)", nullptr, routes), tr("%n saved request(s)", nullptr, requests),
                  tr("%n environment(s)", nullptr, environments), name);
    return true;
}

void ImportDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace tollgate::ui
