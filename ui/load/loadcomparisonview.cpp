#include "ui/load/loadcomparisonview.h"

#include "server/load/loadreport.h"
#include "ui/common/convert.h"
#include "ui/load/loadcomparisonmodel.h"
#include "ui/load/loadrunlistmodel.h"
#include "ui/widgets/readonlytable.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

LoadComparisonView::LoadComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LoadComparisonModel(this))
{
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("loadComparisonLabel"));
    m_caption->setWordWrap(true);
    m_view = makeReadOnlyTable("loadComparisonView", m_model, this);
    m_view->setSelectionMode(QAbstractItemView::ContiguousSelection);
    // Values next to their labels; what is left of the width stays empty.
    m_view->horizontalHeader()->setStretchLastSection(false);
    for (int c : { int(LoadComparisonModel::AColumn), int(LoadComparisonModel::BColumn) })
        m_view->horizontalHeader()->resizeSection(c,
            m_view->fontMetrics().horizontalAdvance(QStringLiteral("B: 2026-12-31 23:59:59")) + 24);
    fitColumn(m_view, LoadComparisonModel::ChangeColumn, QStringLiteral("+1,000.0 %"));
    m_copyButton = new QPushButton(tr("Copy as Text"), this);
    m_copyButton->setObjectName(QStringLiteral("loadCopyComparisonButton"));
    m_copyButton->setToolTip(tr("Copy the comparison as plain text, as `tollgated load` prints it"));
    connect(m_copyButton, &QPushButton::clicked, this, &LoadComparisonView::copyText);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_caption, 1);
    top->addWidget(m_copyButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    m_caption->setText(
        tr("Select two runs in the Runs tab and press Compare to see them side by side."));
    updateButtons();
}

LoadComparisonView::~LoadComparisonView() = default;

void LoadComparisonView::compare(const server::LoadReport& a, const server::LoadReport& b,
    const QHash<QString, QString>& tierNames)
{
    m_model->compare(a, b, tierNames);
    // The measure column as wide as its longest label, the values next to it.
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int widest = fm.horizontalAdvance(tr("Measure"));
    for (const LoadComparisonModel::Row& row : m_model->rows())
        widest = std::max(widest, fm.horizontalAdvance(row.label));
    m_view->setColumnWidth(LoadComparisonModel::MeasureColumn, std::clamp(widest + 24, 160, 420));

    m_text = toQt(server::loadComparisonText(a, b));
    m_caption->setText(
        tr("<b>A</b> %1 (baseline) → <b>B</b> %2. Change is from A to B; green is better, red "
           "worse.")
            .arg(LoadRunListModel::startedText(a.startedAt),
                LoadRunListModel::startedText(b.startedAt)));
    updateButtons();
}

void LoadComparisonView::clear()
{
    m_model->clear();
    m_text.clear();
    updateButtons();
}

void LoadComparisonView::copyText()
{
    if (!m_text.isEmpty())
        QGuiApplication::clipboard()->setText(m_text);
}

void LoadComparisonView::updateButtons()
{
    m_copyButton->setEnabled(!m_text.isEmpty());
}

} // namespace tollgate::ui
