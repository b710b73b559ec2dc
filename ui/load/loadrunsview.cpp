#include "ui/load/loadrunsview.h"

#include "server/load/loadrunstore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/widgets/readonlytable.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

LoadRunsView::LoadRunsView(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runs(new LoadRunListModel(this))
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_runs);
    proxy->setSortRole(LoadRunListModel::SortRole);
    m_view = makeReadOnlyTable("loadRunView", proxy, this);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LoadRunListModel::StartedColumn, Qt::DescendingOrder);
    m_view->setToolTip(tr("Double-click a run to show it; select two to compare them"));
    fitColumn(m_view, LoadRunListModel::StartedColumn,
        QStringLiteral("2026-12-31 23:59:59 (stopped)"));
    fitColumn(m_view, LoadRunListModel::PlanColumn, QStringLiteral("closed · 256 connections"));
    fitColumn(m_view, LoadRunListModel::RequestsColumn, QStringLiteral("1,000,000"));
    fitColumn(m_view, LoadRunListModel::ThroughputColumn, QStringLiteral("10,000"));
    fitColumn(m_view, LoadRunListModel::P50Column, QStringLiteral("1,000 ms"));
    fitColumn(m_view, LoadRunListModel::P99Column, QStringLiteral("1,000 ms"));
    fitColumn(m_view, LoadRunListModel::ErrorsColumn, QStringLiteral("100,000"));
    m_view->horizontalHeader()->setSectionResizeMode(
        LoadRunListModel::TargetColumn, QHeaderView::Stretch);
    connect(m_view, &QTableView::doubleClicked, this, &LoadRunsView::openSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &LoadRunsView::updateButtons);

    const auto button = [this](const char* name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        return b;
    };
    m_openButton = button("loadOpenRunButton", tr("Show"), tr("Show the selected run's results"));
    connect(m_openButton, &QPushButton::clicked, this, &LoadRunsView::openSelected);
    m_compareButton = button("loadCompareButton", tr("Compare"),
        tr("Compare the two selected runs side by side (the older one is the baseline)"));
    connect(m_compareButton, &QPushButton::clicked, this, &LoadRunsView::compareSelected);
    m_useSettingsButton = button("loadUseSettingsButton", tr("Use Settings"),
        tr("Put the selected run's settings in the form, to run it again"));
    connect(m_useSettingsButton, &QPushButton::clicked, this, &LoadRunsView::useSelectedSettings);
    m_deleteButton
        = button("loadDeleteRunButton", tr("Delete…"), tr("Delete the selected run's file"));
    connect(m_deleteButton, &QPushButton::clicked, this, &LoadRunsView::deleteSelected);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_useSettingsButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    updateButtons();
}

LoadRunsView::~LoadRunsView() = default;

QString LoadRunsView::directoryOf(const WorkspaceDocument& document)
{
    if (!document.isOpen())
        return {};
    return QDir(document.directory()).filePath(QStringLiteral(".tollgate/loadruns"));
}

QString LoadRunsView::directory() const
{
    return directoryOf(*m_document);
}

void LoadRunsView::refresh()
{
    const QStringList selected = selectedIds();
    const QString dir = directory();
    if (dir.isEmpty()) {
        m_runs->setRuns({});
    } else {
        std::vector<std::string> problems;
        m_runs->setRuns(server::LoadRunStore(toStd(dir)).list(&problems));
        if (!problems.empty())
            Q_EMIT message(tr("Some saved runs cannot be read: %1").arg(toQt(problems.front())));
    }
    auto* proxy = static_cast<QSortFilterProxyModel*>(m_view->model());
    for (const QString& id : selected) {
        const int row = m_runs->rowOfId(id);
        if (row >= 0)
            m_view->selectionModel()->select(proxy->mapFromSource(m_runs->index(row, 0)),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    updateButtons();
    Q_EMIT refreshed();
}

bool LoadRunsView::read(const QString& id, server::LoadReport* out, QString* why) const
{
    const QString dir = directory();
    std::string error;
    if (dir.isEmpty() || !server::LoadRunStore(toStd(dir)).load(toStd(id), out, &error)) {
        if (why)
            *why = toQt(error);
        return false;
    }
    return true;
}

bool LoadRunsView::remove(const QString& id, bool confirm)
{
    const QString dir = directory();
    if (dir.isEmpty() || id.isEmpty())
        return false;
    if (confirm) {
        const int row = m_runs->rowOfId(id);
        const QString when = row >= 0
            ? LoadRunListModel::startedText(m_runs->runs()[std::size_t(row)].startedAt)
            : id;
        const auto answer = QMessageBox::question(this, tr("Delete Run"),
            tr("Delete the load run of %1?\n\nIts file in .tollgate/loadruns is removed; this "
               "cannot be undone.")
                .arg(when),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    std::string error;
    if (!server::LoadRunStore(toStd(dir)).remove(toStd(id), &error)) {
        Q_EMIT message(tr("Cannot delete the run: %1").arg(toQt(error)));
        return false;
    }
    refresh();
    Q_EMIT message(tr("Deleted the run %1.").arg(id));
    return true;
}

void LoadRunsView::select(const QString& id)
{
    const int row = m_runs->rowOfId(id);
    if (row < 0)
        return;
    auto* proxy = static_cast<QSortFilterProxyModel*>(m_view->model());
    m_view->selectionModel()->select(proxy->mapFromSource(m_runs->index(row, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QStringList LoadRunsView::selectedIds() const
{
    QStringList ids;
    if (!m_view || !m_view->selectionModel())
        return ids;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : rows)
        ids << index.data(LoadRunListModel::IdRole).toString();
    return ids;
}

void LoadRunsView::setRunning(bool running)
{
    m_running = running;
    updateButtons();
}

void LoadRunsView::openSelected()
{
    const QStringList ids = selectedIds();
    if (!ids.isEmpty())
        Q_EMIT openRequested(ids.front());
}

void LoadRunsView::compareSelected()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 2)
        return;
    // The older run is the baseline, whatever order the table shows: the
    // run list keeps the store's order, newest first.
    QString a = ids[0];
    QString b = ids[1];
    if (m_runs->rowOfId(a) < m_runs->rowOfId(b))
        std::swap(a, b);
    Q_EMIT compareRequested(a, b);
}

void LoadRunsView::useSelectedSettings()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || directory().isEmpty())
        return;
    server::LoadReport report;
    QString why;
    if (!read(ids.front(), &report, &why)) {
        Q_EMIT message(tr("Cannot read the run: %1").arg(why));
        return;
    }
    Q_EMIT settingsRequested(report.settings);
    Q_EMIT message(tr("The settings of the run of %1 are in the form.")
                       .arg(LoadRunListModel::startedText(report.startedAt)));
}

void LoadRunsView::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (ids.size() == 1) {
        remove(ids.front(), true);
        return;
    }
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete Runs"),
        tr("Delete %n load run(s)?\n\nTheir files in .tollgate/loadruns are removed; this cannot "
           "be undone.",
            nullptr, int(ids.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (const QString& id : ids)
        remove(id, false);
}

void LoadRunsView::updateButtons()
{
    const int selected = int(selectedIds().size());
    m_openButton->setEnabled(selected == 1 && !m_running);
    m_compareButton->setEnabled(selected == 2);
    m_useSettingsButton->setEnabled(selected == 1 && !m_running);
    m_deleteButton->setEnabled(selected >= 1);
}

} // namespace tollgate::ui
