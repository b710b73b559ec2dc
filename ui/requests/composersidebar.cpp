#include "ui/requests/composersidebar.h"

#include "server/composer/requeststore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/requests/historymodel.h"
#include "ui/requests/requesthistory.h"
#include "ui/requests/savedrequestmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tollgate::ui {

ComposerSidebar::ComposerSidebar(
    const WorkspaceDocument* document, RequestHistory* history, QAction* newAction,
    QAction* runAction, QWidget* parent)
    : QTabWidget(parent)
    , m_document(document)
    , m_history(history)
    , m_saved(new SavedRequestModel(this))
    , m_historyProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("composerSidebar"));
    setDocumentMode(true);
    m_historyProxy->setSourceModel(m_history->model());
    m_historyProxy->setFilterRole(HistoryModel::SearchRole);
    m_historyProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_historyProxy->setFilterKeyColumn(0);

    addTab(buildSavedPage(newAction, runAction), tr("Saved"));
    addTab(buildHistoryPage(), tr("History"));
}

ComposerSidebar::~ComposerSidebar() = default;

QWidget* ComposerSidebar::buildSavedPage(QAction* newAction, QAction* runAction)
{
    auto* page = new QWidget(this);
    m_savedView = new QTreeView(page);
    m_savedView->setObjectName(QStringLiteral("savedRequestsView"));
    m_savedView->setModel(m_saved);
    m_savedView->setHeaderHidden(true);
    m_savedView->setDragDropMode(QAbstractItemView::InternalMove);
    m_savedView->setDefaultDropAction(Qt::MoveAction);
    m_savedView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_savedView->setUniformRowHeights(true);
    connect(m_savedView, &QTreeView::activated, this, &ComposerSidebar::openSaved);
    connect(m_saved, &SavedRequestModel::moveRequested, this, &ComposerSidebar::moveRequest);
    auto* deleteAction = new QAction(tr("Delete"), m_savedView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &ComposerSidebar::deleteSelected);
    m_savedView->addAction(deleteAction);
    m_savedView->addAction(runAction);
    m_savedView->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* newButton = new QToolButton(page);
    newButton->setDefaultAction(newAction);
    newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    newButton->setAutoRaise(true);
    auto* folderButton = new QToolButton(page);
    folderButton->setObjectName(QStringLiteral("newFolderButton"));
    folderButton->setIcon(QIcon::fromTheme(QStringLiteral("folder-new")));
    folderButton->setText(tr("Folder"));
    folderButton->setToolTip(tr("New folder for saved requests"));
    folderButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    folderButton->setAutoRaise(true);
    connect(folderButton, &QToolButton::clicked, this, &ComposerSidebar::newFolder);
    auto* runButton = new QToolButton(page);
    runButton->setObjectName(QStringLiteral("runRequestsButton"));
    runButton->setDefaultAction(runAction);
    runButton->setText(tr("Run"));
    runButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    runButton->setAutoRaise(true);
    auto* deleteButton = new QToolButton(page);
    deleteButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    deleteButton->setToolTip(tr("Delete the selected saved request (Del)"));
    deleteButton->setAutoRaise(true);
    connect(deleteButton, &QToolButton::clicked, this, &ComposerSidebar::deleteSelected);
    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(newButton);
    bar->addWidget(folderButton);
    bar->addWidget(runButton);
    bar->addStretch(1);
    bar->addWidget(deleteButton);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addLayout(bar);
    layout->addWidget(m_savedView, 1);
    return page;
}

QWidget* ComposerSidebar::buildHistoryPage()
{
    auto* page = new QWidget(this);
    m_historySearch = new QLineEdit(page);
    m_historySearch->setObjectName(QStringLiteral("historySearch"));
    m_historySearch->setPlaceholderText(tr("Search history"));
    m_historySearch->setClearButtonEnabled(true);
    connect(m_historySearch, &QLineEdit::textChanged, m_historyProxy,
        &QSortFilterProxyModel::setFilterFixedString);
    m_historyView = new QTreeView(page);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setModel(m_historyProxy);
    m_historyView->setRootIsDecorated(false);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setAlternatingRowColors(true);
    for (int c :
        { HistoryModel::TimeColumn, HistoryModel::DurationColumn, HistoryModel::SizeColumn })
        m_historyView->setColumnHidden(c, true);
    QHeaderView* header = m_historyView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(HistoryModel::UrlColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::MethodColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HistoryModel::StatusColumn, QHeaderView::ResizeToContents);
    connect(m_historyView, &QTreeView::activated, this, &ComposerSidebar::openHistory);
    auto* clear = new QPushButton(tr("Clear History"), page);
    clear->setObjectName(QStringLiteral("clearHistoryButton"));
    connect(clear, &QPushButton::clicked, this, &ComposerSidebar::clearHistory);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_historySearch);
    layout->addWidget(m_historyView, 1);
    layout->addWidget(clear, 0, Qt::AlignRight);
    return page;
}

void ComposerSidebar::loadSavedRequests()
{
    const server::RequestLoadResult loaded
        = server::loadRequests(pathFromQt(m_document->directory()));
    m_saved->setContents(loaded.requests, loaded.folders);
    m_savedView->expandAll();
    for (const server::Diagnostic& d : loaded.errors)
        Q_EMIT message(tr("Saved request not loaded: %1").arg(toQt(d.toString())));
}

void ComposerSidebar::showSaved(const server::SavedRequest& request)
{
    const QModelIndex index = m_saved->upsert(request);
    m_savedView->setCurrentIndex(index);
    m_savedView->scrollTo(index);
}

QString ComposerSidebar::selectedFolder() const
{
    const QModelIndex index = m_savedView->currentIndex();
    return index.isValid() ? index.data(SavedRequestModel::FolderPathRole).toString() : QString();
}

void ComposerSidebar::openSaved(const QModelIndex& index)
{
    // A copy: whoever opens it may save first, which changes the model.
    if (const server::SavedRequest* saved = m_saved->request(index)) {
        const server::SavedRequest request = *saved;
        Q_EMIT savedRequestActivated(request);
    }
}

void ComposerSidebar::openHistory(const QModelIndex& proxyIndex)
{
    const QModelIndex index = m_historyProxy->mapToSource(proxyIndex);
    if (!index.isValid())
        return;
    const server::HistoryEntry entry = m_history->model()->entry(index.row());
    Q_EMIT historyEntryActivated(entry);
}

void ComposerSidebar::deleteSelected()
{
    const server::SavedRequest* saved = m_saved->request(m_savedView->currentIndex());
    if (!saved)
        return;
    const server::SavedRequest copy = *saved;
    if (QMessageBox::question(this, tr("Delete Request"),
            tr("Delete the saved request %1? Its file is removed from the workspace.")
                .arg(toQt(copy.name)))
        != QMessageBox::Yes)
        return;
    std::string error;
    if (!server::deleteRequest(pathFromQt(m_document->directory()), copy, &error)) {
        QMessageBox::warning(this, tr("Delete Request"), toQt(error));
        return;
    }
    m_saved->remove(copy.folder, copy.fileName);
    Q_EMIT requestDeleted(copy);
    Q_EMIT message(tr("Deleted %1.").arg(toQt(copy.name)));
}

void ComposerSidebar::newFolder()
{
    if (!m_document->isOpen())
        return;
    bool ok = false;
    const QString parent = selectedFolder();
    const QString name = QInputDialog::getText(this, tr("New Folder"),
        parent.isEmpty() ? tr("Folder name:") : tr("Folder name (inside %1):").arg(parent),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const QString path
        = parent.isEmpty() ? name.trimmed() : parent + QLatin1Char('/') + name.trimmed();
    std::string error;
    if (!server::createRequestFolder(pathFromQt(m_document->directory()), toStd(path), &error)) {
        QMessageBox::warning(this, tr("New Folder"), toQt(error));
        return;
    }
    m_savedView->setCurrentIndex(m_saved->addFolder(toStd(path)));
}

void ComposerSidebar::moveRequest(const server::SavedRequest& request, const QString& folder)
{
    server::SavedRequest moved = request;
    std::string error;
    if (!server::moveRequest(pathFromQt(m_document->directory()), &moved, toStd(folder), &error)) {
        Q_EMIT message(tr("Could not move %1: %2").arg(toQt(request.name), toQt(error)));
        return;
    }
    m_saved->remove(request.folder, request.fileName);
    m_savedView->setCurrentIndex(m_saved->upsert(moved));
    Q_EMIT requestMoved(request, moved);
}

void ComposerSidebar::clearHistory()
{
    if (QMessageBox::question(
            this, tr("Clear History"), tr("Forget every request in the history of this workspace?"))
        != QMessageBox::Yes)
        return;
    m_history->clear();
}

} // namespace tollgate::ui
