#include "ui/requests/composerpanel.h"

#include "server/access/apikey.h"
#include "server/composer/curlcommand.h"
#include "server/composer/requeststore.h"
#include "server/composer/routeexample.h"
#include "server/composer/variables.h"
#include "server/routing/requestcontext.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/appearance.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/common/convert.h"
#include "ui/requests/environmentdialog.h"
#include "ui/widgets/headertablemodel.h"
#include "ui/requests/historymodel.h"
#include "ui/requests/queryparammodel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/savedrequestmodel.h"
#include "ui/common/secretstore.h"
#include "ui/engine/servercontroller.h"
#include "ui/document/workspacedocument.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <fstream>
#include <sstream>

namespace tollgate::ui {

using server::ComposerRequest;

namespace {

// The body kinds offered; JSON and Text are both a raw body.
enum BodyChoice { BodyNone, BodyJson, BodyText, BodyForm, BodyMultipart, BodyFile };
enum AuthPage { AuthNonePage, AuthTokenPage, AuthBasicPage };

QStringList methods()
{
    return { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS") };
}

// The first header of that name, case-insensitively; nullptr when absent.
const server::Header* findHeader(const std::vector<server::Header>& headers, QLatin1String name)
{
    for (const server::Header& h : headers) {
        if (QString::fromStdString(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return &h;
    }
    return nullptr;
}

// Form rows <-> application/x-www-form-urlencoded text; decoding is the
// server's own query parser ('+' is a space).
std::string encodeForm(const std::vector<server::Header>& rows)
{
    QByteArray text;
    for (const server::Header& r : rows) {
        if (r.name.empty())
            continue;
        if (!text.isEmpty())
            text += '&';
        text += QUrl::toPercentEncoding(QString::fromStdString(r.name)) + '='
            + QUrl::toPercentEncoding(QString::fromStdString(r.value));
    }
    return text.toStdString();
}

std::vector<server::Header> decodeForm(const std::string& body)
{
    std::vector<server::Header> rows;
    for (auto& [name, value] : server::parseQuery(body))
        rows.push_back({ std::move(name), std::move(value) });
    return rows;
}

QString draftPath(const QString& workspaceDir)
{
    return workspaceDir + QStringLiteral("/.tollgate/draft.json");
}

QString settingsKey(const QString& workspaceDir)
{
    return QStringLiteral("composer/environment/")
        + QString::fromLatin1(workspaceDir.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

ComposerPanel::ComposerPanel(
    WorkspaceDocument* document, ServerController* server, SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_secrets(secrets)
    , m_sender(new RequestSender(this))
    , m_saved(new SavedRequestModel(this))
    , m_history(new HistoryModel(this))
    , m_historyProxy(new QSortFilterProxyModel(this))
    , m_params(new QueryParamModel(this))
    , m_headers(new HeaderTableModel(this))
    , m_formFields(new HeaderTableModel(this))
{
    setObjectName(QStringLiteral("composerPanel"));
    // What is typed reaches .tollgate/draft.json a second later, so a crash
    // or a closed window loses nothing.
    m_draftTimer = new QTimer(this);
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(1000);
    connect(m_draftTimer, &QTimer::timeout, this, &ComposerPanel::writeDraft);
    m_historyProxy->setSourceModel(m_history);
    m_historyProxy->setFilterRole(HistoryModel::SearchRole);
    m_historyProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_historyProxy->setFilterKeyColumn(0);

    createActions();

    m_viewer = new ResponseViewer(this);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("composerSplitter"));
    right->setChildrenCollapsible(false);
    right->addWidget(buildRequestEditor());
    right->addWidget(m_viewer);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildSidebar());
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 300, 1100 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_sender, &RequestSender::started, this, &ComposerPanel::updateRunning);
    connect(m_sender, &RequestSender::finished, this, &ComposerPanel::onFinished);
    connect(m_viewer, &ResponseViewer::saveBodyRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Response Body"));
        if (path.isEmpty())
            return;
        QString error;
        if (m_sender->saveBody(path, &error))
            Q_EMIT message(tr("Saved the body to %1.").arg(QDir::toNativeSeparators(path)));
        else
            QMessageBox::warning(this, tr("Save Response Body"), error);
    });
    connect(m_viewer, &ResponseViewer::proceedInsecureRequested, this,
        [this] { sendWith(request(), true); });
    connect(m_viewer, &ResponseViewer::sendAnywayRequested, this,
        [this] { sendWith(request(), false, true); });

    connect(m_document, &WorkspaceDocument::opened, this, &ComposerPanel::onWorkspaceOpened);
    connect(m_document, &WorkspaceDocument::environmentsChanged, this,
        &ComposerPanel::reloadEnvironments);
    connect(m_document, &WorkspaceDocument::keysChanged, this, &ComposerPanel::reloadKeyPicker);
    connect(m_document, &WorkspaceDocument::keysReset, this, &ComposerPanel::reloadKeyPicker);
    connect(m_secrets, &SecretStore::secretsChanged, this, &ComposerPanel::reloadKeyPicker);

    newRequest();
    if (m_document->isOpen())
        onWorkspaceOpened();
    updateRunning();
}

// The document may already be gone here (it is an older sibling); the
// window writes the draft when it closes.
ComposerPanel::~ComposerPanel() = default;

void ComposerPanel::createActions()
{
    m_sendAction = new QAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Send"), this);
    m_sendAction->setObjectName(QStringLiteral("sendRequestAction"));
    m_sendAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_sendAction->setToolTip(tr("Send the request (Ctrl+Return)"));
    connect(m_sendAction, &QAction::triggered, this, &ComposerPanel::send);
    addAction(m_sendAction);

    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelRequestAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setToolTip(tr("Stop waiting for the response (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &ComposerPanel::cancel);
    addAction(m_cancelAction);

    m_saveAction
        = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("Save &Request"), this);
    m_saveAction->setObjectName(QStringLiteral("saveRequestAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_saveAction->setToolTip(tr("Save the request in the workspace (Ctrl+S)"));
    connect(m_saveAction, &QAction::triggered, this, &ComposerPanel::save);
    addAction(m_saveAction);

    m_newAction
        = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Request"), this);
    m_newAction->setObjectName(QStringLiteral("newRequestAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newAction->setToolTip(tr("Start a new request (Ctrl+T)"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (confirmDiscard())
            newRequest();
    });
    addAction(m_newAction);

    m_importCurlAction = new QAction(tr("&Import cURL…"), this);
    m_importCurlAction->setObjectName(QStringLiteral("importCurlAction"));
    m_importCurlAction->setToolTip(
        tr("Create a request from a curl command line (pasting one into the URL works too)"));
    connect(m_importCurlAction, &QAction::triggered, this, [this] {
        if (!confirmDiscard())
            return;
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Import cURL"),
            tr("Paste a curl command line:"), QApplication::clipboard()->text(), &ok);
        if (!ok || text.trimmed().isEmpty())
            return;
        QString error;
        if (!importCurl(text, &error))
            QMessageBox::warning(this, tr("Import cURL"), error);
    });

    m_copyCurlAction = new QAction(tr("Copy as c&URL"), this);
    m_copyCurlAction->setObjectName(QStringLiteral("copyCurlAction"));
    connect(m_copyCurlAction, &QAction::triggered, this, [this] { copyAs(false); });
    m_copyHttpxAction = new QAction(tr("Copy as Python &httpx"), this);
    m_copyHttpxAction->setObjectName(QStringLiteral("copyHttpxAction"));
    connect(m_copyHttpxAction, &QAction::triggered, this, [this] { copyAs(true); });

    m_environmentsAction = new QAction(tr("&Environments…"), this);
    m_environmentsAction->setObjectName(QStringLiteral("environmentsAction"));
    m_environmentsAction->setToolTip(tr("Edit the environments and their {{variables}}"));
    connect(m_environmentsAction, &QAction::triggered, this, &ComposerPanel::manageEnvironments);

    m_focusUrlAction = new QAction(tr("Go to URL"), this);
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_focusUrlAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_focusUrlAction, &QAction::triggered, this, [this] {
        m_url->setFocus();
        m_url->selectAll();
    });
    addAction(m_focusUrlAction);
}

QWidget* ComposerPanel::buildSidebar()
{
    m_sideTabs = new QTabWidget(this);
    m_sideTabs->setObjectName(QStringLiteral("composerSidebar"));
    m_sideTabs->setDocumentMode(true);

    // Saved requests.
    auto* savedPage = new QWidget(m_sideTabs);
    m_savedView = new QTreeView(savedPage);
    m_savedView->setObjectName(QStringLiteral("savedRequestsView"));
    m_savedView->setModel(m_saved);
    m_savedView->setHeaderHidden(true);
    m_savedView->setDragDropMode(QAbstractItemView::InternalMove);
    m_savedView->setDefaultDropAction(Qt::MoveAction);
    m_savedView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_savedView->setUniformRowHeights(true);
    connect(m_savedView, &QTreeView::activated, this, &ComposerPanel::openSaved);
    connect(m_saved, &SavedRequestModel::moveRequested, this, &ComposerPanel::moveRequest);
    auto* deleteAction = new QAction(tr("Delete"), m_savedView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &ComposerPanel::deleteSelected);
    m_savedView->addAction(deleteAction);

    auto* newButton = new QToolButton(savedPage);
    newButton->setDefaultAction(m_newAction);
    newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    newButton->setAutoRaise(true);
    auto* folderButton = new QToolButton(savedPage);
    folderButton->setObjectName(QStringLiteral("newFolderButton"));
    folderButton->setIcon(QIcon::fromTheme(QStringLiteral("folder-new")));
    folderButton->setText(tr("Folder"));
    folderButton->setToolTip(tr("New folder for saved requests"));
    folderButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    folderButton->setAutoRaise(true);
    connect(folderButton, &QToolButton::clicked, this, &ComposerPanel::newFolder);
    auto* deleteButton = new QToolButton(savedPage);
    deleteButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    deleteButton->setToolTip(tr("Delete the selected saved request (Del)"));
    deleteButton->setAutoRaise(true);
    connect(deleteButton, &QToolButton::clicked, this, &ComposerPanel::deleteSelected);
    auto* savedBar = new QHBoxLayout;
    savedBar->setSpacing(2);
    savedBar->addWidget(newButton);
    savedBar->addWidget(folderButton);
    savedBar->addStretch(1);
    savedBar->addWidget(deleteButton);
    auto* savedLayout = new QVBoxLayout(savedPage);
    savedLayout->setContentsMargins(6, 6, 0, 6);
    savedLayout->addLayout(savedBar);
    savedLayout->addWidget(m_savedView, 1);
    m_sideTabs->addTab(savedPage, tr("Saved"));

    // History.
    auto* historyPage = new QWidget(m_sideTabs);
    m_historySearch = new QLineEdit(historyPage);
    m_historySearch->setObjectName(QStringLiteral("historySearch"));
    m_historySearch->setPlaceholderText(tr("Search history"));
    m_historySearch->setClearButtonEnabled(true);
    connect(m_historySearch, &QLineEdit::textChanged, m_historyProxy,
        &QSortFilterProxyModel::setFilterFixedString);
    m_historyView = new QTreeView(historyPage);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setModel(m_historyProxy);
    m_historyView->setRootIsDecorated(false);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setAlternatingRowColors(true);
    for (int c :
        { HistoryModel::TimeColumn, HistoryModel::DurationColumn, HistoryModel::SizeColumn })
        m_historyView->setColumnHidden(c, true);
    m_historyView->header()->setStretchLastSection(false);
    m_historyView->header()->setSectionResizeMode(HistoryModel::UrlColumn, QHeaderView::Stretch);
    m_historyView->header()->setSectionResizeMode(
        HistoryModel::MethodColumn, QHeaderView::ResizeToContents);
    m_historyView->header()->setSectionResizeMode(
        HistoryModel::StatusColumn, QHeaderView::ResizeToContents);
    connect(m_historyView, &QTreeView::activated, this, &ComposerPanel::openHistory);
    auto* clear = new QPushButton(tr("Clear History"), historyPage);
    clear->setObjectName(QStringLiteral("clearHistoryButton"));
    connect(clear, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Clear History"),
                tr("Forget every request in the history of this workspace?"))
            != QMessageBox::Yes)
            return;
        std::string error;
        if (m_historyLog && !m_historyLog->clear(&error))
            Q_EMIT message(tr("Could not clear the history: %1").arg(toQt(error)));
        m_history->clear();
    });
    auto* historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(6, 6, 0, 6);
    historyLayout->addWidget(m_historySearch);
    historyLayout->addWidget(m_historyView, 1);
    historyLayout->addWidget(clear, 0, Qt::AlignRight);
    m_sideTabs->addTab(historyPage, tr("History"));
    return m_sideTabs;
}

QWidget* ComposerPanel::tableEditor(
    QTableView* view, const QString& addText, const QString& removeText)
{
    auto* page = new QWidget(this);
    view->setParent(page);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(220);
    view->verticalHeader()->hide();
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    auto* add = new QToolButton(page);
    add->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    add->setText(addText);
    add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    add->setAutoRaise(true);
    connect(add, &QToolButton::clicked, this, [view] {
        QAbstractItemModel* model = view->model();
        const int row = model->rowCount();
        if (model->insertRows(row, 1)) {
            const QModelIndex index = model->index(row, 0);
            view->setCurrentIndex(index);
            view->edit(index);
        }
    });
    auto* remove = new QToolButton(page);
    remove->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    remove->setText(removeText);
    remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    remove->setAutoRaise(true);
    connect(remove, &QToolButton::clicked, this, [view] {
        const QModelIndex index = view->currentIndex();
        if (index.isValid())
            view->model()->removeRows(index.row(), 1);
    });
    auto* bar = new QHBoxLayout;
    bar->addWidget(add);
    bar->addWidget(remove);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(view, 1);
    layout->addLayout(bar);
    return page;
}

QWidget* ComposerPanel::buildRequestEditor()
{
    auto* page = new QWidget(this);

    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("requestTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_environment = new QComboBox(page);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setToolTip(tr("The environment whose {{variables}} the request uses"));
    m_environment->setMinimumContentsLength(12);
    connect(m_environment, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (m_document->isOpen() && !name.isEmpty())
            QSettings().setValue(settingsKey(m_document->directory()), name);
    });
    auto* envButton = new QToolButton(page);
    envButton->setObjectName(QStringLiteral("environmentsButton"));
    envButton->setDefaultAction(m_environmentsAction);
    envButton->setAutoRaise(true);

    auto* codeButton = new QToolButton(page);
    codeButton->setObjectName(QStringLiteral("codeButton"));
    codeButton->setText(tr("Code"));
    codeButton->setToolTip(tr("Import a curl command, copy the request as curl or Python httpx"));
    codeButton->setPopupMode(QToolButton::InstantPopup);
    codeButton->setAutoRaise(true);
    auto* codeMenu = new QMenu(codeButton);
    codeMenu->addAction(m_importCurlAction);
    codeMenu->addSeparator();
    codeMenu->addAction(m_copyCurlAction);
    codeMenu->addAction(m_copyHttpxAction);
    codeButton->setMenu(codeMenu);

    auto* saveButton = new QToolButton(page);
    saveButton->setDefaultAction(m_saveAction);
    saveButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    saveButton->setAutoRaise(true);

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(codeButton);
    titleRow->addWidget(saveButton);
    titleRow->addSpacing(12);
    titleRow->addWidget(new QLabel(tr("Environment:"), page));
    titleRow->addWidget(m_environment);
    titleRow->addWidget(envButton);

    m_method = new QComboBox(page);
    m_method->setObjectName(QStringLiteral("composerMethod"));
    m_method->setEditable(true);
    m_method->addItems(methods());
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->setToolTip(tr("HTTP method; type another one if you need it"));
    QFont mono = monospaceFont();
    mono.setBold(true);
    m_method->setFont(mono);
    m_method->setMinimumContentsLength(7);
    connect(m_method, &QComboBox::currentTextChanged, this, &ComposerPanel::updateTitle);

    m_url = new QLineEdit(page);
    m_url->setObjectName(QStringLiteral("composerUrl"));
    m_url->setFont(monospaceFont());
    m_url->setPlaceholderText(tr("{{baseUrl}}/v1/users/42, or paste a curl command"));
    m_url->setClearButtonEnabled(true);
    connect(m_url, &QLineEdit::textEdited, this, &ComposerPanel::onUrlEdited);
    connect(m_url, &QLineEdit::returnPressed, this, &ComposerPanel::send);

    m_sendButton = new QToolButton(page);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sendButton->setMinimumWidth(96);
    connect(m_sendButton, &QToolButton::clicked, this, [this] {
        if (m_sender->isRunning())
            cancel();
        else
            send();
    });

    auto* urlRow = new QHBoxLayout;
    urlRow->setSpacing(6);
    urlRow->addWidget(m_method);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_sendButton);

    // Params.
    auto* paramsView = new QTableView;
    paramsView->setObjectName(QStringLiteral("paramsView"));
    paramsView->setModel(m_params);
    connect(m_params, &QueryParamModel::paramsEdited, this, [this] {
        m_url->setText(m_params->applyToUrl(m_url->text()));
        m_urlLength = m_url->text().size();
        updateTitle();
    });
    // Headers.
    auto* headersView = new QTableView;
    headersView->setObjectName(QStringLiteral("requestHeadersView"));
    headersView->setModel(m_headers);
    connect(m_headers, &HeaderTableModel::headersEdited, this, &ComposerPanel::updateTitle);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(tableEditor(paramsView, tr("Add Parameter"), tr("Remove")), tr("Params"));
    m_tabs->addTab(tableEditor(headersView, tr("Add Header"), tr("Remove")), tr("Headers"));
    m_tabs->addTab(buildBodyTab(), tr("Body"));
    m_tabs->addTab(buildAuthTab(), tr("Auth"));
    m_tabs->addTab(buildOptionsTab(), tr("Options"));

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->setSpacing(6);
    layout->addLayout(titleRow);
    layout->addLayout(urlRow);
    layout->addWidget(m_tabs, 1);
    return page;
}

QWidget* ComposerPanel::buildBodyTab()
{
    auto* page = new QWidget(this);
    m_bodyKind = new QComboBox(page);
    m_bodyKind->setObjectName(QStringLiteral("bodyKindCombo"));
    m_bodyKind->addItem(tr("No body"), BodyNone);
    m_bodyKind->addItem(tr("JSON"), BodyJson);
    m_bodyKind->addItem(tr("Text"), BodyText);
    m_bodyKind->addItem(tr("Form (URL-encoded)"), BodyForm);
    m_bodyKind->addItem(tr("Multipart form"), BodyMultipart);
    m_bodyKind->addItem(tr("File"), BodyFile);
    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, &ComposerPanel::onBodyKindChanged);

    m_bodyStack = new QStackedWidget(page);
    auto* none = new QLabel(tr("This request has no body."), m_bodyStack);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_bodyStack->addWidget(none);

    m_body = new BodyEditor(m_bodyStack);
    m_body->setObjectName(QStringLiteral("requestBody"));
    m_body->setPlaceholderText(tr("Request body; {{variables}} are replaced when sending"));
    connect(m_body, &QPlainTextEdit::textChanged, this, &ComposerPanel::updateTitle);
    m_bodyStack->addWidget(m_body);

    auto* formView = new QTableView;
    formView->setObjectName(QStringLiteral("formFieldsView"));
    formView->setModel(m_formFields);
    formView->setToolTip(tr("In a multipart form, a value starting with @ sends that file"));
    connect(m_formFields, &HeaderTableModel::headersEdited, this, &ComposerPanel::updateTitle);
    m_bodyStack->addWidget(tableEditor(formView, tr("Add Field"), tr("Remove")));

    auto* filePage = new QWidget(m_bodyStack);
    m_bodyFile = new QLineEdit(filePage);
    m_bodyFile->setObjectName(QStringLiteral("bodyFileEdit"));
    m_bodyFile->setPlaceholderText(tr("File to send as the body (streamed, not loaded)"));
    connect(m_bodyFile, &QLineEdit::textEdited, this, &ComposerPanel::updateTitle);
    auto* browse = new QPushButton(tr("Browse…"), filePage);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Body File"), m_document->isOpen() ? m_document->directory() : QString());
        if (!path.isEmpty()) {
            m_bodyFile->setText(QDir::toNativeSeparators(path));
            updateTitle();
        }
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_bodyFile, 1);
    fileRow->addWidget(browse);
    auto* fileLayout = new QVBoxLayout(filePage);
    fileLayout->addLayout(fileRow);
    fileLayout->addStretch(1);
    m_bodyStack->addWidget(filePage);

    auto* top = new QHBoxLayout;
    top->addWidget(m_bodyKind);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_bodyStack, 1);
    return page;
}

QWidget* ComposerPanel::buildAuthTab()
{
    auto* page = new QWidget(this);
    m_authKind = new QComboBox(page);
    m_authKind->setObjectName(QStringLiteral("authKindCombo"));
    m_authKind->addItem(tr("No auth"), int(ComposerRequest::AuthKind::None));
    m_authKind->addItem(tr("Bearer token"), int(ComposerRequest::AuthKind::Bearer));
    m_authKind->addItem(tr("API key header"), int(ComposerRequest::AuthKind::ApiKey));
    m_authKind->addItem(tr("Basic"), int(ComposerRequest::AuthKind::Basic));
    connect(m_authKind, &QComboBox::currentIndexChanged, this, &ComposerPanel::onAuthKindChanged);

    m_authStack = new QStackedWidget(page);
    auto* none = new QLabel(tr("The request is sent without credentials."), m_authStack);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    none->setEnabled(false);
    m_authStack->addWidget(none);

    auto* tokenPage = new QWidget(m_authStack);
    m_keyPicker = new QComboBox(tokenPage);
    m_keyPicker->setObjectName(QStringLiteral("keyPicker"));
    m_keyPicker->setToolTip(tr("Use one of this workspace's keys; only keys whose secret this "
                               "app holds can be picked"));
    connect(m_keyPicker, &QComboBox::currentIndexChanged, this, [this] {
        const bool typed = m_keyPicker->currentData().toString().isEmpty();
        m_token->setEnabled(typed);
        if (!typed)
            m_token->clear();
        updateTitle();
    });
    m_token = new QLineEdit(tokenPage);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setFont(monospaceFont());
    m_token->setPlaceholderText(tr("Token, or {{variable}}"));
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    connect(m_token, &QLineEdit::textEdited, this, &ComposerPanel::updateTitle);
    m_apiKeyHeader = new QLineEdit(tokenPage);
    m_apiKeyHeader->setObjectName(QStringLiteral("apiKeyHeaderEdit"));
    m_apiKeyHeader->setText(QStringLiteral("X-API-Key"));
    connect(m_apiKeyHeader, &QLineEdit::textEdited, this, &ComposerPanel::updateTitle);
    m_keyNote = new QLabel(tokenPage);
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->setWordWrap(true);
    m_keyNote->setEnabled(false);
    auto* tokenForm = new QFormLayout(tokenPage);
    tokenForm->addRow(tr("Workspace key:"), m_keyPicker);
    tokenForm->addRow(tr("Token:"), m_token);
    m_apiKeyHeaderLabel = new QLabel(tr("Header:"), tokenPage);
    tokenForm->addRow(m_apiKeyHeaderLabel, m_apiKeyHeader);
    tokenForm->addRow(QString(), m_keyNote);
    m_authStack->addWidget(tokenPage);

    auto* basicPage = new QWidget(m_authStack);
    m_basicUser = new QLineEdit(basicPage);
    m_basicUser->setObjectName(QStringLiteral("basicUserEdit"));
    connect(m_basicUser, &QLineEdit::textEdited, this, &ComposerPanel::updateTitle);
    m_basicPassword = new QLineEdit(basicPage);
    m_basicPassword->setObjectName(QStringLiteral("basicPasswordEdit"));
    m_basicPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    connect(m_basicPassword, &QLineEdit::textEdited, this, &ComposerPanel::updateTitle);
    auto* basicForm = new QFormLayout(basicPage);
    basicForm->addRow(tr("User:"), m_basicUser);
    basicForm->addRow(tr("Password:"), m_basicPassword);
    m_authStack->addWidget(basicPage);

    auto* top = new QHBoxLayout;
    top->addWidget(m_authKind);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_authStack, 1);
    reloadKeyPicker();
    return page;
}

QWidget* ComposerPanel::buildOptionsTab()
{
    auto* page = new QWidget(this);
    m_followRedirects = new QCheckBox(tr("Follow redirects"), page);
    m_followRedirects->setObjectName(QStringLiteral("followRedirectsCheck"));
    m_httpVersion = new QComboBox(page);
    m_httpVersion->setObjectName(QStringLiteral("httpVersionCombo"));
    m_httpVersion->addItem(tr("HTTP/1.1"));
    m_httpVersion->addItem(tr("HTTP/2 when the server offers it"));
    m_connectTimeout = new QSpinBox(page);
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeoutSpin"));
    m_connectTimeout->setRange(0, 3600);
    m_connectTimeout->setSuffix(tr(" s"));
    m_connectTimeout->setSpecialValueText(tr("No limit"));
    m_connectTimeout->setToolTip(tr("Time to connect and send the request"));
    m_totalTimeout = new QSpinBox(page);
    m_totalTimeout->setObjectName(QStringLiteral("totalTimeoutSpin"));
    m_totalTimeout->setRange(0, 24 * 3600);
    m_totalTimeout->setSuffix(tr(" s"));
    m_totalTimeout->setSpecialValueText(tr("No limit"));
    m_totalTimeout->setToolTip(tr("Time for the whole exchange, body included"));
    m_compressed = new QCheckBox(tr("Ask for a compressed response (gzip, deflate)"), page);
    m_compressed->setObjectName(QStringLiteral("compressedCheck"));
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), page);
    m_verifyTls->setObjectName(QStringLiteral("verifyTlsCheck"));
    m_verifyTls->setChecked(true);
    for (QCheckBox* c : { m_followRedirects, m_compressed, m_verifyTls })
        connect(c, &QCheckBox::toggled, this, &ComposerPanel::updateTitle);
    for (QSpinBox* s : { m_connectTimeout, m_totalTimeout })
        connect(s, &QSpinBox::valueChanged, this, &ComposerPanel::updateTitle);
    connect(m_httpVersion, &QComboBox::currentIndexChanged, this, &ComposerPanel::updateTitle);

    auto* form = new QFormLayout(page);
    form->setContentsMargins(4, 8, 4, 4);
    form->addRow(QString(), m_followRedirects);
    form->addRow(tr("Protocol:"), m_httpVersion);
    form->addRow(tr("Connect timeout:"), m_connectTimeout);
    form->addRow(tr("Total timeout:"), m_totalTimeout);
    form->addRow(QString(), m_compressed);
    form->addRow(QString(), m_verifyTls);
    return page;
}

// ---------------------------------------------------------------- request <-> editor

ComposerRequest ComposerPanel::request() const
{
    ComposerRequest r;
    r.method = toStd(m_method->currentText().trimmed().toUpper());
    r.url = toStd(m_url->text().trimmed());
    r.headers = m_headers->headers();
    switch (m_bodyKind->currentData().toInt()) {
    case BodyJson:
    case BodyText:
        r.bodyKind = ComposerRequest::BodyKind::Raw;
        r.body = toStd(m_body->toPlainText());
        break;
    case BodyForm:
        r.bodyKind = ComposerRequest::BodyKind::Form;
        r.body = encodeForm(m_formFields->headers());
        break;
    case BodyMultipart:
        r.bodyKind = ComposerRequest::BodyKind::Multipart;
        for (const server::Header& f : m_formFields->headers()) {
            if (!f.name.empty())
                r.formFields.emplace_back(f.name, f.value);
        }
        break;
    case BodyFile:
        r.bodyKind = ComposerRequest::BodyKind::File;
        r.bodyFile = toStd(QDir::fromNativeSeparators(m_bodyFile->text().trimmed()));
        break;
    default:
        break;
    }
    r.auth = ComposerRequest::AuthKind(m_authKind->currentData().toInt());
    if (r.auth == ComposerRequest::AuthKind::Bearer
        || r.auth == ComposerRequest::AuthKind::ApiKey) {
        r.keyId = toStd(m_keyPicker->currentData().toString());
        if (r.keyId.empty())
            r.token = toStd(m_token->text());
        if (r.auth == ComposerRequest::AuthKind::ApiKey)
            r.apiKeyHeader = toStd(m_apiKeyHeader->text().trimmed());
    } else if (r.auth == ComposerRequest::AuthKind::Basic) {
        r.basicUser = toStd(m_basicUser->text());
        r.basicPassword = toStd(m_basicPassword->text());
    }
    r.followRedirects = m_followRedirects->isChecked();
    r.http2 = m_httpVersion->currentIndex() == 1;
    r.connectTimeoutMs = m_connectTimeout->value() * 1000;
    r.totalTimeoutMs = m_totalTimeout->value() * 1000;
    r.compressed = m_compressed->isChecked();
    r.insecure = !m_verifyTls->isChecked();
    return r;
}

void ComposerPanel::setRequest(const server::SavedRequest& saved)
{
    m_loading = true;
    m_current = saved;
    const ComposerRequest& r = saved.request;
    m_method->setCurrentText(toQt(r.method));
    m_url->setText(toQt(r.url));
    m_urlLength = m_url->text().size();
    m_params->setUrl(m_url->text());
    m_headers->setHeaders(r.headers);

    int body = BodyNone;
    m_body->clear();
    m_formFields->setHeaders({});
    m_bodyFile->clear();
    switch (r.bodyKind) {
    case ComposerRequest::BodyKind::None:
        break;
    case ComposerRequest::BodyKind::Raw: {
        const server::Header* typeHeader = findHeader(r.headers, QLatin1String("Content-Type"));
        const QString type = typeHeader ? toQt(typeHeader->value) : QString();
        const QString trimmed = toQt(r.body).trimmed();
        body = type.contains(QLatin1String("json"), Qt::CaseInsensitive)
                || (type.isEmpty()
                    && (trimmed.startsWith(QLatin1Char('{'))
                        || trimmed.startsWith(QLatin1Char('['))))
            ? BodyJson
            : BodyText;
        m_body->setPlainText(toQt(r.body));
        break;
    }
    case ComposerRequest::BodyKind::Form:
        body = BodyForm;
        m_formFields->setHeaders(decodeForm(r.body));
        break;
    case ComposerRequest::BodyKind::Multipart: {
        body = BodyMultipart;
        std::vector<server::Header> rows;
        for (const auto& [name, value] : r.formFields)
            rows.push_back({ name, value });
        m_formFields->setHeaders(rows);
        break;
    }
    case ComposerRequest::BodyKind::File:
        body = BodyFile;
        m_bodyFile->setText(QDir::toNativeSeparators(toQt(r.bodyFile)));
        break;
    }
    m_bodyKind->setCurrentIndex(m_bodyKind->findData(body));
    onBodyKindChanged();

    m_authKind->setCurrentIndex(m_authKind->findData(int(r.auth)));
    reloadKeyPicker();
    const int keyIndex = r.keyId.empty() ? 0 : m_keyPicker->findData(toQt(r.keyId));
    m_keyPicker->setCurrentIndex(std::max(0, keyIndex));
    m_token->setText(toQt(r.token));
    m_apiKeyHeader->setText(
        r.apiKeyHeader.empty() ? QStringLiteral("X-API-Key") : toQt(r.apiKeyHeader));
    m_basicUser->setText(toQt(r.basicUser));
    m_basicPassword->setText(toQt(r.basicPassword));
    onAuthKindChanged();
    if (!r.keyId.empty() && keyIndex < 0)
        m_keyNote->setText(tr("This request uses key %1, whose secret this app does not hold. "
                              "Paste the key as a token, or pick another one.")
                               .arg(toQt(r.keyId)));

    m_followRedirects->setChecked(r.followRedirects);
    m_httpVersion->setCurrentIndex(r.http2 ? 1 : 0);
    m_connectTimeout->setValue(r.connectTimeoutMs / 1000);
    m_totalTimeout->setValue(r.totalTimeoutMs / 1000);
    m_compressed->setChecked(r.compressed);
    m_verifyTls->setChecked(!r.insecure);
    m_loading = false;
    // Compare later edits with what the editor shows now, not with the file:
    // the widgets normalise (whole seconds, fields of unused auth kinds), and
    // that alone is no change.
    m_baseline = request();
    updateTitle();
}

bool ComposerPanel::hasUnsavedChanges() const
{
    return request() != m_baseline;
}

void ComposerPanel::newRequest()
{
    server::SavedRequest fresh;
    fresh.request.url = "{{baseUrl}}/";
    fresh.request.connectTimeoutMs = 10000;
    fresh.request.totalTimeoutMs = 30000;
    setRequest(fresh);
    m_viewer->clear();
    m_url->setFocus();
    m_url->setCursorPosition(int(m_url->text().size()));
}

void ComposerPanel::tryRoute(const server::Route& route)
{
    server::SavedRequest example;
    example.request = server::exampleRequest(route);
    // A keyed route: pick the first active key that may call it and whose
    // secret this app holds.
    if (route.access.keyRequired) {
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        for (const server::ApiKey& key : m_document->keys()) {
            if (server::keyState(key, now) != server::KeyState::Active
                || !m_secrets->knows(toQt(key.id)))
                continue;
            bool scoped = true;
            for (const std::string& scope : route.access.scopes)
                scoped = scoped
                    && std::find(key.scopes.begin(), key.scopes.end(), scope) != key.scopes.end();
            if (scoped) {
                example.request.keyId = key.id;
                break;
            }
        }
    }
    setRequest(example);
    // Not saved: "Try it" is a scratch request until the user saves it.
    m_current = server::SavedRequest {};
    m_viewer->clear();
    updateTitle();
    if (route.access.keyRequired && example.request.keyId.empty())
        Q_EMIT message(tr("This route needs a key: create one on the Keys page or paste one on "
                          "the Auth tab."));
}

bool ComposerPanel::importCurl(const QString& commandLine, QString* error)
{
    server::SavedRequest imported;
    std::string why;
    if (!server::parseCurlCommand(toStd(commandLine), &imported.request, &why)) {
        if (error)
            *error = tr("Not a curl command this can read: %1").arg(toQt(why));
        return false;
    }
    if (imported.request.connectTimeoutMs == 0)
        imported.request.connectTimeoutMs = 10000;
    setRequest(imported);
    m_current = server::SavedRequest {};
    updateTitle();
    Q_EMIT message(tr("Imported the curl command."));
    return true;
}

void ComposerPanel::onUrlEdited(const QString& text)
{
    // Pasting a curl command into the URL field imports it, as in other tools;
    // only a paste (many characters at once), so typing "curl" is left alone.
    const QString trimmed = text.trimmed();
    const bool pasted = text.size() > m_urlLength + 1;
    m_urlLength = text.size();
    if (pasted && trimmed.startsWith(QLatin1String("curl "))) {
        QString error;
        if (importCurl(trimmed, &error))
            return;
        Q_EMIT message(error);
    }
    m_params->setUrl(text);
    updateTitle();
}

void ComposerPanel::onBodyKindChanged()
{
    const int kind = m_bodyKind->currentData().toInt();
    switch (kind) {
    case BodyNone:
        m_bodyStack->setCurrentIndex(0);
        break;
    case BodyJson:
    case BodyText:
        m_bodyStack->setCurrentIndex(1);
        m_body->setContentType(
            kind == BodyJson ? QStringLiteral("application/json") : QStringLiteral("text/plain"));
        break;
    case BodyForm:
    case BodyMultipart:
        m_bodyStack->setCurrentIndex(2);
        break;
    case BodyFile:
        m_bodyStack->setCurrentIndex(3);
        break;
    }
    // Choosing JSON adds the Content-Type it implies, visibly, so what is
    // sent is what the headers tab shows.
    if (!m_loading && kind == BodyJson
        && !findHeader(m_headers->headers(), QLatin1String("Content-Type"))) {
        std::vector<server::Header> headers = m_headers->headers();
        headers.push_back({ "Content-Type", "application/json" });
        m_headers->setHeaders(headers);
    }
    updateTitle();
}

void ComposerPanel::onAuthKindChanged()
{
    const auto kind = ComposerRequest::AuthKind(m_authKind->currentData().toInt());
    switch (kind) {
    case ComposerRequest::AuthKind::None:
        m_authStack->setCurrentIndex(AuthNonePage);
        break;
    case ComposerRequest::AuthKind::Bearer:
    case ComposerRequest::AuthKind::ApiKey:
        m_authStack->setCurrentIndex(AuthTokenPage);
        m_apiKeyHeader->setVisible(kind == ComposerRequest::AuthKind::ApiKey);
        m_apiKeyHeaderLabel->setVisible(kind == ComposerRequest::AuthKind::ApiKey);
        break;
    case ComposerRequest::AuthKind::Basic:
        m_authStack->setCurrentIndex(AuthBasicPage);
        break;
    }
    updateTitle();
}

void ComposerPanel::reloadKeyPicker()
{
    if (!m_keyPicker)
        return;
    const QString selected = m_keyPicker->currentData().toString();
    const QSignalBlocker block(m_keyPicker);
    m_keyPicker->clear();
    m_keyPicker->addItem(tr("None: type a token"), QString());
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    int unknown = 0;
    for (const server::ApiKey& key : m_document->keys()) {
        if (server::keyState(key, now) != server::KeyState::Active)
            continue;
        const QString id = toQt(key.id);
        if (!m_secrets->knows(id)) {
            ++unknown;
            continue;
        }
        const QString label = key.label.empty() ? toQt(key.prefix) : toQt(key.label);
        m_keyPicker->addItem(tr("%1 (%2) · %3…").arg(label, toQt(key.tier), toQt(key.prefix)), id);
    }
    const int index = selected.isEmpty() ? 0 : m_keyPicker->findData(selected);
    m_keyPicker->setCurrentIndex(std::max(0, index));
    m_token->setEnabled(m_keyPicker->currentIndex() <= 0);
    QString note;
    if (unknown > 0)
        note = tr("%n active key(s) of this workspace cannot be picked: their secret was shown "
                  "once when created and this app does not hold it.",
            nullptr, unknown);
    if (!m_secrets->persistent())
        note += (note.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("Secrets of keys created here are kept for this session only. %1")
                  .arg(m_secrets->keychainProblem());
    m_keyNote->setText(note);
}

// ---------------------------------------------------------------- sending

QString ComposerPanel::environment() const
{
    return m_environment->currentText();
}

void ComposerPanel::setEnvironment(const QString& name)
{
    const int index = m_environment->findText(name);
    if (index >= 0)
        m_environment->setCurrentIndex(index);
}

QString ComposerPanel::builtinBaseUrl() const
{
    return m_server->expectedBaseUrl();
}

bool ComposerPanel::resolve(ComposerRequest* r, QString* problem) const
{
    server::Environment env;
    for (const server::Environment& e : m_document->environments()) {
        if (toQt(e.name) == environment())
            env = e;
    }
    const auto lookup = server::environmentLookup(env, { { "baseUrl", toStd(builtinBaseUrl()) } });
    std::vector<std::string> unknown;
    ComposerRequest expanded = server::expandRequest(*r, lookup, &unknown);
    if (!unknown.empty()) {
        QStringList names;
        for (const std::string& n : unknown)
            names << QStringLiteral("{{%1}}").arg(toQt(n));
        *problem = tr("Not sent: %1 not defined in the environment \"%2\". Define it with "
                      "Environments…, or type the value.")
                       .arg(names.join(QStringLiteral(", ")), environment());
        // The demo's keyed requests use {{apiKey}}: the better fix there is
        // picking one of the workspace's keys.
        const bool inToken = std::any_of(unknown.begin(), unknown.end(),
            [&](const std::string& n) { return r->token.find("{{" + n) != std::string::npos; });
        if (inToken)
            *problem += QLatin1Char(' ')
                + tr("For the token, you can also pick one of this workspace's keys on the Auth "
                     "tab.");
        return false;
    }
    if (!r->keyId.empty()) {
        const QString secret = m_secrets->secret(toQt(r->keyId));
        if (secret.isEmpty()) {
            *problem = tr("Not sent: this app does not hold the secret of key %1. Paste the key "
                          "as a token, or pick another key.")
                           .arg(toQt(r->keyId));
            return false;
        }
        expanded.token = toStd(secret);
    }
    *r = expanded;
    return true;
}

void ComposerPanel::send()
{
    sendWith(request(), false);
}

QStringList ComposerPanel::outsideUploads(const ComposerRequest& r) const
{
    // Files a request would send from outside the workspace, to a host other
    // than this machine: a saved request from a shared workspace must not be
    // able to upload, say, ~/.ssh/id_ed25519 with one click.
    const QString host = QUrl(toQt(r.url)).host();
    const QHostAddress address(host);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || (!address.isNull() && address.isLoopback()))
        return {};
    QStringList paths;
    if (r.bodyKind == ComposerRequest::BodyKind::File)
        paths << toQt(r.bodyFile);
    if (r.bodyKind == ComposerRequest::BodyKind::Multipart) {
        for (const auto& [name, value] : r.formFields) {
            if (!value.empty() && value[0] == '@')
                paths << toQt(value.substr(1));
        }
    }
    const QString root = m_document->isOpen()
        ? QFileInfo(m_document->directory()).canonicalFilePath() + QLatin1Char('/')
        : QString();
    QStringList outside;
    for (const QString& path : paths) {
        const QFileInfo info(QDir(m_document->directory()), path);
        const QString canonical = info.canonicalFilePath();
        const QString shown = canonical.isEmpty() ? info.absoluteFilePath() : canonical;
        if (root.isEmpty() || !shown.startsWith(root))
            outside << QDir::toNativeSeparators(shown);
    }
    return outside;
}

void ComposerPanel::sendWith(ComposerRequest r, bool insecureOnce, bool uploadConfirmed)
{
    if (m_sender->isRunning())
        m_sender->cancel();
    m_sent = r;
    QString problem;
    if (!resolve(&r, &problem)) {
        m_viewer->showProblem(problem);
        return;
    }
    if (!uploadConfirmed) {
        const QStringList files = outsideUploads(r);
        const QString host = QUrl(toQt(r.url)).host();
        const QString key = host + QLatin1Char('\n') + files.join(QLatin1Char('\n'));
        if (!files.isEmpty() && !m_confirmedUploads.contains(key)) {
            m_pendingUpload = key;
            m_viewer->showConfirmation(
                tr("This request uploads files from outside the workspace to %1. Send it?")
                    .arg(host),
                files.join(QLatin1Char('\n')));
            return;
        }
    } else if (!m_pendingUpload.isEmpty()) {
        m_confirmedUploads.insert(m_pendingUpload); // asked once per session
        m_pendingUpload.clear();
    }
    if (insecureOnce)
        r.insecure = true;
    m_viewer->showSending(toQt(r.url));
    m_sender->send(r, m_document->isOpen() ? m_document->directory() : QString());
    updateRunning();
}

void ComposerPanel::cancel()
{
    if (m_sender->isRunning())
        m_sender->cancel();
}

void ComposerPanel::onFinished()
{
    const ComposerResponse& response = m_sender->response();
    m_viewer->showResponse(response);
    updateRunning();

    server::HistoryEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.request = guarded(m_sent);
    entry.environment = toStd(environment());
    entry.status = response.status;
    entry.totalMs = response.totalMs;
    entry.bytes = response.size;
    if (response.error != ComposerResponse::Error::None)
        entry.error = toStd(response.errorText);
    if (m_historyLog) {
        std::string error;
        if (!m_historyLog->append(entry, &error))
            Q_EMIT message(tr("Could not write the history: %1").arg(toQt(error)));
    }
    m_history->add(std::move(entry));
}

void ComposerPanel::updateRunning()
{
    const bool running = m_sender->isRunning();
    m_sendButton->setText(running ? tr("Cancel") : tr("Send"));
    m_sendButton->setIcon(
        QIcon::fromTheme(running ? QStringLiteral("process-stop") : QStringLiteral("mail-send")));
    m_sendButton->setToolTip(
        running ? tr("Stop waiting for the response (Esc)") : tr("Send the request (Ctrl+Return)"));
    m_cancelAction->setEnabled(running);
}

// ---------------------------------------------------------------- saving

server::ComposerRequest ComposerPanel::guarded(ComposerRequest r) const
{
    // A pasted workspace key is stored by reference, never as text: the
    // secret would otherwise end up in a file that is committed.
    if (r.keyId.empty() && !r.token.empty()
        && server::checkKeyFormat(r.token) == server::KeyFormat::Ok) {
        const std::string hash = server::toHex(server::sha256(r.token));
        for (const server::ApiKey& key : m_document->keys()) {
            if (key.hash == hash) {
                m_secrets->store(toQt(key.id), toQt(r.token));
                r.keyId = key.id;
                r.token.clear();
                break;
            }
        }
    }
    if (!r.keyId.empty())
        r.token.clear();
    return r;
}

bool ComposerPanel::save()
{
    if (!m_document->isOpen())
        return false;
    server::SavedRequest saved = m_current;
    saved.request = guarded(request());
    if (saved.fileName.empty()) {
        bool ok = false;
        const QString suggested = QStringLiteral("%1 %2").arg(
            toQt(saved.request.method), QUrl(toQt(saved.request.url)).path());
        const QString name = QInputDialog::getText(this, tr("Save Request"),
            tr("Name of the request:"), QLineEdit::Normal, suggested.trimmed(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return false;
        saved.name = toStd(name.trimmed());
        saved.folder = toStd(selectedFolder());
    }
    std::string error;
    if (!server::saveRequest(pathFromQt(m_document->directory()), &saved, &error)) {
        QMessageBox::warning(
            this, tr("Save Request"), tr("Could not save the request: %1").arg(toQt(error)));
        return false;
    }
    const bool keyWasPasted = saved.request.keyId != request().keyId;
    setRequest(saved);
    const QModelIndex index = m_saved->upsert(saved);
    m_savedView->setCurrentIndex(index);
    m_savedView->scrollTo(index);
    Q_EMIT message(keyWasPasted ? tr("Saved %1. The key was recognised as a workspace key and is "
                                     "stored as a reference, not as text.")
                                      .arg(toQt(saved.name))
                                : tr("Saved %1.").arg(toQt(saved.name)));
    return true;
}

QString ComposerPanel::selectedFolder() const
{
    const QModelIndex index = m_savedView->currentIndex();
    return index.isValid() ? index.data(SavedRequestModel::FolderPathRole).toString() : QString();
}

bool ComposerPanel::confirmDiscard()
{
    if (!hasUnsavedChanges() || m_current.fileName.empty())
        return true; // scratch requests live on in the history and the draft
    const auto answer = QMessageBox::question(this, tr("Unsaved Request"),
        tr("Save the changes to %1?").arg(toQt(m_current.name)),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void ComposerPanel::updateTitle()
{
    if (m_loading || !m_title || !m_tabs)
        return;
    const QString name = m_current.fileName.empty() ? tr("Unsaved request") : toQt(m_current.name);
    const bool dirty = !m_current.fileName.empty() && hasUnsavedChanges();
    QString title = dirty ? name + QStringLiteral(" ●") : name;
    if (!m_current.folder.empty())
        title = toQt(m_current.folder) + QStringLiteral(" / ") + title;
    m_title->setText(title);
    m_title->setToolTip(dirty ? tr("Changed since saved (Ctrl+S saves)") : QString());
    // What each tab holds, at a glance.
    const int params = int(m_params->params().size());
    const int headers = int(m_headers->headers().size());
    m_tabs->setTabText(0, params > 0 ? tr("Params (%1)").arg(params) : tr("Params"));
    m_tabs->setTabText(1, headers > 0 ? tr("Headers (%1)").arg(headers) : tr("Headers"));
    m_draftTimer->start();
}

void ComposerPanel::openSaved(const QModelIndex& index)
{
    const server::SavedRequest* saved = m_saved->request(index);
    if (!saved || !confirmDiscard())
        return;
    setRequest(*saved);
    m_viewer->clear();
}

void ComposerPanel::openHistory(const QModelIndex& proxyIndex)
{
    const QModelIndex index = m_historyProxy->mapToSource(proxyIndex);
    if (!index.isValid() || !confirmDiscard())
        return;
    server::SavedRequest again;
    again.request = m_history->entry(index.row()).request;
    setRequest(again);
    setEnvironment(toQt(m_history->entry(index.row()).environment));
}

void ComposerPanel::deleteSelected()
{
    const QModelIndex index = m_savedView->currentIndex();
    const server::SavedRequest* saved = m_saved->request(index);
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
    if (m_current.folder == copy.folder && m_current.fileName == copy.fileName) {
        // Keep what is in the editor; it is simply not saved any more.
        m_current = server::SavedRequest {};
        updateTitle();
    }
    Q_EMIT message(tr("Deleted %1.").arg(toQt(copy.name)));
}

void ComposerPanel::newFolder()
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

void ComposerPanel::moveRequest(const server::SavedRequest& request, const QString& folder)
{
    server::SavedRequest moved = request;
    std::string error;
    if (!server::moveRequest(pathFromQt(m_document->directory()), &moved, toStd(folder), &error)) {
        Q_EMIT message(tr("Could not move %1: %2").arg(toQt(request.name), toQt(error)));
        return;
    }
    m_saved->remove(request.folder, request.fileName);
    const QModelIndex index = m_saved->upsert(moved);
    m_savedView->setCurrentIndex(index);
    if (m_current.folder == request.folder && m_current.fileName == request.fileName) {
        m_current.folder = moved.folder;
        m_current.fileName = moved.fileName;
        updateTitle();
    }
}

// ---------------------------------------------------------------- workspace

void ComposerPanel::onWorkspaceOpened()
{
    const QString dir = m_document->directory();
    const server::RequestLoadResult loaded = server::loadRequests(pathFromQt(dir));
    m_saved->setContents(loaded.requests, loaded.folders);
    m_savedView->expandAll();
    for (const server::Diagnostic& d : loaded.errors)
        Q_EMIT message(tr("Saved request not loaded: %1").arg(toQt(d.toString())));

    m_historyLog = std::make_unique<server::HistoryLog>(
        pathFromQt(dir + QStringLiteral("/.tollgate/history.jsonl")));
    m_history->setEntries(m_historyLog->load());

    QStringList ids;
    for (const server::ApiKey& key : m_document->keys())
        ids << toQt(key.id);
    m_secrets->load(ids);

    reloadEnvironments();
    newRequest();
    readDraft();
}

void ComposerPanel::reloadEnvironments()
{
    QString wanted = m_environment->currentText();
    if (m_document->isOpen() && wanted.isEmpty())
        wanted = QSettings().value(settingsKey(m_document->directory())).toString();
    const QSignalBlocker block(m_environment);
    m_environment->clear();
    for (const server::Environment& e : m_document->environments())
        m_environment->addItem(toQt(e.name));
    const int index = m_environment->findText(wanted);
    m_environment->setCurrentIndex(index >= 0 ? index : 0);
}

void ComposerPanel::manageEnvironments()
{
    EnvironmentDialog dialog(m_document->environments(), builtinBaseUrl(), this);
    dialog.setCurrentEnvironment(environment());
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_document->setEnvironments(dialog.environments(), tr("Edit environments"));
    setEnvironment(dialog.currentEnvironment());
}

void ComposerPanel::copyAs(bool httpx)
{
    ComposerRequest r = request();
    QString problem;
    if (!resolve(&r, &problem)) {
        Q_EMIT message(problem);
        return;
    }
    const std::string text = httpx ? server::toHttpx(r) : server::toCurlCommand(r);
    QApplication::clipboard()->setText(toQt(text));
    Q_EMIT message(httpx ? tr("Copied the request as a Python httpx snippet.")
                         : tr("Copied the request as a curl command."));
}

void ComposerPanel::writeDraft() const
{
    if (!m_document->isOpen())
        return;
    const QString path = draftPath(m_document->directory());
    if (!m_current.fileName.empty()) {
        QFile::remove(path); // a saved request is its own file
        return;
    }
    server::SavedRequest draft;
    draft.name = "draft";
    draft.request = guarded(request());
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::string error;
    server::writeFileAtomic(pathFromQt(path), server::savedRequestToJson(draft), &error);
}

void ComposerPanel::readDraft()
{
    QFile file(draftPath(m_document->directory()));
    if (!file.open(QIODevice::ReadOnly))
        return;
    server::SavedRequest draft;
    server::Diagnostic problem;
    if (!server::savedRequestFromJson(file.readAll().toStdString(), "draft.json", &draft, &problem))
        return; // a broken draft is not worth an error: it is scratch
    draft.name.clear();
    setRequest(draft);
}

} // namespace tollgate::ui
