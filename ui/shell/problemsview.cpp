#include "ui/shell/problemsview.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"

#include <QHeaderView>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

enum Column { MessageColumn, LocationColumn, SourceColumn };

} // namespace

ProblemsView::ProblemsView(QWidget* parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("problemsTree"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setHeaderLabels({ tr("Problem"), tr("Location"), tr("Found while") });
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(LocationColumn, 280);
    m_tree->header()->resizeSection(SourceColumn, 120);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString file = item->data(LocationColumn, Qt::UserRole).toString();
        if (!file.isEmpty())
            Q_EMIT fileActivated(file);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

void ProblemsView::setProblems(
    const std::vector<server::Diagnostic>& load, const std::vector<server::Diagnostic>& apply)
{
    m_tree->clear();
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const auto add = [&](const server::Diagnostic& d, const QString& source) {
        auto* item = new QTreeWidgetItem(m_tree);
        QString location = toQt(d.file);
        if (d.line > 0) {
            location += QLatin1Char(':') + QString::number(d.line);
            if (d.column > 0)
                location += QLatin1Char(':') + QString::number(d.column);
        }
        item->setIcon(MessageColumn, icon);
        item->setText(MessageColumn, toQt(d.message));
        item->setToolTip(MessageColumn, toQt(d.toString()));
        item->setText(LocationColumn, location);
        item->setFont(LocationColumn, monospaceFont());
        item->setData(LocationColumn, Qt::UserRole, toQt(d.file));
        item->setText(SourceColumn, source);
    };
    for (const server::Diagnostic& d : load)
        add(d, tr("loading"));
    for (const server::Diagnostic& d : apply)
        add(d, tr("serving"));
}

int ProblemsView::count() const
{
    return m_tree->topLevelItemCount();
}

} // namespace tollgate::ui
