#include "ui/widgets/readonlytable.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace tollgate::ui {

QTableView* makeReadOnlyTable(const char* objectName, QAbstractItemModel* model, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(objectName));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setCornerButtonEnabled(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setMinimumSectionSize(36);
    return view;
}

void fitColumn(QTableView* view, int column, const QString& sample)
{
    const QFontMetrics fm = view->fontMetrics();
    const QString header = view->model()->headerData(column, Qt::Horizontal).toString();
    view->horizontalHeader()->resizeSection(
        column, std::max(fm.horizontalAdvance(header) + 24, fm.horizontalAdvance(sample) + 16));
}

} // namespace tollgate::ui
