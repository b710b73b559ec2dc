#include "ui/load/loadthresholdseditor.h"

#include "ui/common/appearance.h"
#include "ui/common/widgetfactory.h"
#include "ui/load/loadthresholdmodel.h"
#include "ui/widgets/readonlytable.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

QString withKey(const QString& tip, const QKeySequence& key)
{
    return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
}

} // namespace

LoadThresholdsEditor::LoadThresholdsEditor(QWidget* parent)
    : QWidget(parent)
    , m_model(new LoadThresholdModel(this))
{
    setObjectName(QStringLiteral("loadThresholdsEditor"));

    m_view = makeReadOnlyTable("loadThresholdView", m_model, this);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked | QAbstractItemView::AnyKeyPressed);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setToolTip(tr("Pass/fail conditions checked every second of measuring and at the "
                          "end: p95<200ms, errors<1%, status429{tier=free}<5%, rps>=500, "
                          "cost<$0.002, margin>$0, quota_burn{tier=pro}<100%"));
    fitColumn(
        m_view, LoadThresholdModel::ThresholdColumn, QStringLiteral("status429{tier=free}<5%"));
    m_view->horizontalHeader()->setSectionResizeMode(
        LoadThresholdModel::MeaningColumn, QHeaderView::Stretch);

    // Standard keys ask the platform, which is there once the application is.
    const QKeySequence addKey(Qt::Key_Insert);
    const QKeySequence removeKey(QKeySequence::Delete);
    m_add = iconButton(QString(), tr("Add"), withKey(tr("Add a threshold"), addKey), this);
    m_add->setObjectName(QStringLiteral("loadThresholdAddButton"));
    connect(m_add, &QToolButton::clicked, this, &LoadThresholdsEditor::addThreshold);
    m_remove = iconButton(
        QString(), tr("Remove"), withKey(tr("Remove the selected threshold"), removeKey), this);
    m_remove->setObjectName(QStringLiteral("loadThresholdRemoveButton"));
    connect(m_remove, &QToolButton::clicked, this, &LoadThresholdsEditor::removeThreshold);
    // The keys work while the table has the focus, not while a cell is
    // edited (its editor has the focus then, and Delete deletes text).
    const auto key = [this](const QKeySequence& sequence, void (LoadThresholdsEditor::*slot)()) {
        auto* action = new QAction(m_view);
        action->setShortcut(sequence);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
    };
    key(addKey, &LoadThresholdsEditor::addThreshold);
    key(removeKey, &LoadThresholdsEditor::removeThreshold);

    m_problems = bannerLabel(QStringLiteral("loadThresholdProblemLabel"), this);
    m_abort = new QCheckBox(tr("Stop the run at the first failing threshold"), this);
    m_abort->setObjectName(QStringLiteral("loadAbortOnThresholdCheck"));
    m_abort->setToolTip(tr("Without it the run goes to its end and every threshold is reported"));

    // The tab names the section; its line says when they are checked.
    auto* when = new QLabel(tr("Checked each second of measuring and at the end"), this);
    when->setObjectName(QStringLiteral("loadThresholdHint"));
    when->setForegroundRole(QPalette::PlaceholderText);
    auto* header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->setSpacing(2);
    header->addWidget(when);
    header->addStretch(1);
    header->addWidget(m_add);
    header->addWidget(m_remove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(5);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_abort);
    const int row = m_view->verticalHeader()->defaultSectionSize();
    m_view->setMinimumHeight(row * 3 + m_view->horizontalHeader()->sizeHint().height() + 4);

    connect(m_model, &LoadThresholdModel::thresholdsChanged, this, &LoadThresholdsEditor::edited);
    connect(m_abort, &QCheckBox::toggled, this, &LoadThresholdsEditor::edited);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LoadThresholdsEditor::showProblems);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LoadThresholdsEditor::showProblems);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LoadThresholdsEditor::showProblems);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LoadThresholdsEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LoadThresholdsEditor::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &LoadThresholdsEditor::updateButtons);
    applyBannerPalette(m_problems, Banner::Error, palette());
    updateButtons();
}

std::vector<std::string> LoadThresholdsEditor::thresholds() const
{
    return m_model->thresholds();
}

bool LoadThresholdsEditor::abortOnThreshold() const
{
    return m_abort->isChecked();
}

void LoadThresholdsEditor::setThresholds(
    const std::vector<std::string>& thresholds, bool abortOnThreshold)
{
    m_model->setThresholds(thresholds);
    m_abort->setChecked(abortOnThreshold);
}

void LoadThresholdsEditor::setRun(const server::LoadSettings& run)
{
    m_model->setRun(run);
}

void LoadThresholdsEditor::addThreshold()
{
    const int row = m_model->rowCount();
    if (!m_model->insertRows(row, 1))
        return;
    const QModelIndex index = m_model->index(row, LoadThresholdModel::ThresholdColumn);
    m_view->setCurrentIndex(index);
    m_view->edit(index);
}

void LoadThresholdsEditor::removeThreshold()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_model->removeRows(row, 1);
    // The next row (or the last) takes its place, so Delete can go on.
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1), 0));
}

void LoadThresholdsEditor::showProblems()
{
    const QStringList problems = m_model->problems();
    if (problems.isEmpty()) {
        m_problems->hide();
        m_problems->clear();
        return;
    }
    m_problems->setText(problems.size() == 1
            ? problems.front()
            : QStringLiteral("• ") + problems.join(QStringLiteral("\n• ")));
    m_problems->show();
}

void LoadThresholdsEditor::updateButtons()
{
    m_remove->setEnabled(m_view->currentIndex().isValid());
}

void LoadThresholdsEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_problems)
        applyBannerPalette(m_problems, Banner::Error, palette());
}

} // namespace tollgate::ui
