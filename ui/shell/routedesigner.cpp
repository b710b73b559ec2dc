#include "ui/shell/routedesigner.h"

#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/routes/routeeditor.h"
#include "ui/routes/routeitemdelegate.h"
#include "ui/routes/routelistmodel.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

RouteDesigner::RouteDesigner(WorkspaceDocument* document, QWidget* parent)
    : QSplitter(Qt::Horizontal, parent)
    , m_document(document)
    , m_routes(new RouteListModel(document, this))
    , m_routeProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("mainSplitter"));
    setChildrenCollapsible(false);

    m_routeProxy->setSourceModel(m_routes);
    m_routeProxy->setFilterRole(RouteListModel::FilterRole);
    m_routeProxy->setFilterKeyColumn(RouteListModel::MethodColumn);
    m_routeProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    createActions();
    m_editor = new RouteEditor(m_document, this);
    m_editor->setObjectName(QStringLiteral("routeEditor"));
    connect(m_editor, &RouteEditor::newRouteRequested, m_newRoute, &QAction::trigger);

    addWidget(createRouteList());
    addWidget(m_editor);
    setStretchFactor(0, 0);
    setStretchFactor(1, 1);
    setSizes({ 380, 1020 });

    connect(m_document, &WorkspaceDocument::routesAboutToBeReset, this, [this] {
        const int row = currentRoute();
        m_reselectRow = row;
        m_reselectFile = row >= 0 ? m_document->route(row).fileName : std::string();
    });
    connect(m_document, &WorkspaceDocument::routesReset, this, [this] {
        int row = -1;
        for (int i = 0; i < m_document->routeCount() && !m_reselectFile.empty(); ++i) {
            if (m_document->route(i).fileName == m_reselectFile) {
                row = i;
                break;
            }
        }
        if (row < 0 && m_document->routeCount() > 0)
            row = std::clamp(m_reselectRow, 0, m_document->routeCount() - 1);
        selectRoute(row);
    });
    connect(m_document, &WorkspaceDocument::routeFocusRequested, this, &RouteDesigner::selectRoute);
    connect(m_document, &WorkspaceDocument::changed, this, &RouteDesigner::updateActions);
    connect(m_document, &WorkspaceDocument::opened, this, &RouteDesigner::updateActions);
    updateActions();
}

void RouteDesigner::createActions()
{
    m_newRoute = new QAction(MainWindow::tr("&New Route"), this);
    m_newRoute->setObjectName(QStringLiteral("newRouteAction"));
    m_newRoute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newRoute->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_newRoute->setIconText(MainWindow::tr("New"));
    m_newRoute->setToolTip(MainWindow::tr("Create a route (Ctrl+N)"));
    connect(m_newRoute, &QAction::triggered, this, &RouteDesigner::newRoute);

    m_duplicateRoute = new QAction(MainWindow::tr("&Duplicate Route"), this);
    m_duplicateRoute->setObjectName(QStringLiteral("duplicateRouteAction"));
    m_duplicateRoute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicateRoute->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_duplicateRoute->setIconText(MainWindow::tr("Duplicate"));
    m_duplicateRoute->setToolTip(MainWindow::tr("Duplicate the selected route (Ctrl+D)"));
    connect(m_duplicateRoute, &QAction::triggered, this, &RouteDesigner::duplicateRoute);

    m_deleteRoute = new QAction(MainWindow::tr("De&lete Route"), this);
    m_deleteRoute->setObjectName(QStringLiteral("deleteRouteAction"));
    m_deleteRoute->setShortcut(QKeySequence::Delete);
    // Del must keep deleting characters in text fields: the shortcut only
    // applies while the route list has focus.
    m_deleteRoute->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteRoute->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_deleteRoute->setIconText(MainWindow::tr("Delete"));
    m_deleteRoute->setToolTip(MainWindow::tr("Delete the selected route (Del)"));
    connect(m_deleteRoute, &QAction::triggered, this, &RouteDesigner::deleteRoute);
}

QWidget* RouteDesigner::createRouteList()
{
    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("routePanel"));

    m_routeFilter = new QLineEdit(panel);
    m_routeFilter->setObjectName(QStringLiteral("routeFilterEdit"));
    m_routeFilter->setPlaceholderText(MainWindow::tr("Filter routes"));
    m_routeFilter->setClearButtonEnabled(true);
    connect(m_routeFilter, &QLineEdit::textChanged, m_routeProxy,
        &QSortFilterProxyModel::setFilterFixedString);

    m_routeView = new QTreeView(panel);
    m_routeView->setObjectName(QStringLiteral("routeView"));
    m_routeView->setModel(m_routeProxy);
    m_routeView->setItemDelegate(new RouteItemDelegate(m_routeView));
    m_routeView->setRootIsDecorated(false);
    m_routeView->setUniformRowHeights(true);
    m_routeView->setAllColumnsShowFocus(true);
    m_routeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_routeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_routeView->setEditTriggers(
        QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_routeView->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_routeView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RouteListModel::MethodColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(RouteListModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RouteListModel::EnabledColumn, QHeaderView::Fixed);
    {
        QFont bold = font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 0.8);
        header->resizeSection(RouteListModel::MethodColumn,
            QFontMetrics(bold).horizontalAdvance(QStringLiteral("OPTIONS")) + 28);
        header->resizeSection(RouteListModel::EnabledColumn,
            std::max(40, fontMetrics().horizontalAdvance(MainWindow::tr("On")) + 24));
    }
    m_routeView->addAction(m_deleteRoute);
    connect(m_routeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RouteDesigner::onCurrentRouteChanged);

    auto* bar = new QToolBar(panel);
    bar->setObjectName(QStringLiteral("routeToolBar"));
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newRoute);
    bar->addAction(m_duplicateRoute);
    bar->addAction(m_deleteRoute);

    auto* title = new QLabel(MainWindow::tr("Routes"), panel);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(8, 8, 8, 0);
    top->addWidget(title);
    top->addStretch(1);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(8, 0, 8, 0);
    filterRow->addWidget(m_routeFilter);
    layout->addLayout(filterRow);
    layout->addWidget(m_routeView, 1);
    layout->addWidget(bar);
    return panel;
}

int RouteDesigner::currentRoute() const
{
    const QModelIndex current = m_routeProxy->mapToSource(m_routeView->currentIndex());
    return current.isValid() ? current.row() : -1;
}

void RouteDesigner::selectRoute(int row)
{
    if (row < 0 || row >= m_document->routeCount()) {
        m_routeView->setCurrentIndex({});
        m_routeView->clearSelection();
        onCurrentRouteChanged();
        return;
    }
    QModelIndex index = m_routeProxy->mapFromSource(m_routes->index(row, 0));
    if (!index.isValid()) {
        // Hidden by the filter: showing the route matters more than the filter.
        m_routeFilter->clear();
        index = m_routeProxy->mapFromSource(m_routes->index(row, 0));
    }
    if (m_routeView->currentIndex().row() != index.row() || !m_routeView->currentIndex().isValid())
        m_routeView->setCurrentIndex(index);
    m_routeView->scrollTo(index);
    onCurrentRouteChanged();
}

void RouteDesigner::onCurrentRouteChanged()
{
    const int row = currentRoute();
    if (row != m_editor->currentRow() || row < 0)
        m_editor->setCurrentRow(row);
    updateActions();
}

void RouteDesigner::updateActions()
{
    const bool hasRoute = currentRoute() >= 0;
    m_newRoute->setEnabled(m_document->isOpen());
    m_duplicateRoute->setEnabled(hasRoute);
    m_deleteRoute->setEnabled(hasRoute);
}

void RouteDesigner::newRoute()
{
    if (!m_document->isOpen())
        return;
    const int row = m_document->routeCount();
    m_document->insertRoute(row, m_document->makeNewRoute(), MainWindow::tr("New route"));
    selectRoute(row);
    if (auto* path = m_editor->findChild<QLineEdit*>(QStringLiteral("pathEdit"))) {
        path->setFocus();
        path->selectAll();
    }
}

void RouteDesigner::duplicateRoute()
{
    const int row = currentRoute();
    if (row < 0)
        return;
    server::Route copy = m_document->route(row);
    // Two routes on the same method and path would shadow each other.
    copy.path += copy.path.ends_with('/') ? "copy" : "/copy";
    m_document->insertRoute(row + 1, copy, MainWindow::tr("Duplicate route"));
    selectRoute(row + 1);
}

void RouteDesigner::deleteRoute()
{
    const int row = currentRoute();
    if (row < 0)
        return;
    const server::Route& route = m_document->route(row);
    const QString name = toQt(route.method) + QLatin1Char(' ') + toQt(route.path);
    m_document->removeRoute(row);
    const QString undo = m_undo
        ? m_undo->shortcut().toString(QKeySequence::NativeText)
        : QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText);
    Q_EMIT message(MainWindow::tr("Deleted %1. %2 undoes it.").arg(name, undo));
}

} // namespace tollgate::ui
