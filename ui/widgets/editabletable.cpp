#include "ui/widgets/editabletable.h"

#include "ui/widgets/barbutton.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

EditableTable::EditableTable(
    QAbstractItemModel* model, const QString& addText, const QString& removeText, QWidget* parent)
    : QWidget(parent)
    , m_view(new QTableView(this))
{
    m_view->setModel(model);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultSectionSize(220);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);

    auto* add = barButton(QStringLiteral("list-add"), addText, this);
    connect(add, &QToolButton::clicked, this, &EditableTable::addRow);
    auto* remove = barButton(QStringLiteral("list-remove"), removeText, this);
    connect(remove, &QToolButton::clicked, this, &EditableTable::removeRow);
    auto* bar = new QHBoxLayout;
    bar->addWidget(add);
    bar->addWidget(remove);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(bar);
}

EditableTable::~EditableTable() = default;

void EditableTable::addRow()
{
    QAbstractItemModel* model = m_view->model();
    const int row = model->rowCount();
    if (model->insertRows(row, 1)) {
        const QModelIndex index = model->index(row, 0);
        m_view->setCurrentIndex(index);
        m_view->edit(index);
    }
}

void EditableTable::removeRow()
{
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        m_view->model()->removeRows(index.row(), 1);
}

} // namespace tollgate::ui
