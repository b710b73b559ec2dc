#include "ui/keys/tiersection.h"

#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/tiertablemodel.h"
#include "ui/widgets/comboboxdelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr int kMessageMs = 10000;

} // namespace

TierSection::TierSection(WorkspaceDocument* document, TierTableModel* tiers, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_tiers(tiers)
    , m_addTier(new QAction(tr("&Add Tier"), this))
    , m_removeTier(new QAction(tr("&Remove Tier"), this))
    , m_view(new QTableView(this))
    , m_message(errorLabel(QStringLiteral("tierMessageLabel"), this))
    , m_messageTimer(new QTimer(this))
{
    m_addTier->setObjectName(QStringLiteral("addTierAction"));
    m_addTier->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_addTier->setIconText(tr("Add"));
    m_addTier->setToolTip(tr("Add a pricing tier"));
    connect(m_addTier, &QAction::triggered, this, [this] {
        const int row = m_tiers->addTier();
        const QModelIndex index = m_tiers->index(row, TierTableModel::IdColumn);
        m_view->setCurrentIndex(index);
        m_view->edit(index);
    });

    m_removeTier->setObjectName(QStringLiteral("removeTierAction"));
    m_removeTier->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    m_removeTier->setIconText(tr("Remove"));
    m_removeTier->setToolTip(tr("Remove the selected tier (only when no key uses it)"));
    connect(m_removeTier, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid() && m_tiers->removeTier(current.row()))
            showMessage({});
    });

    m_view->setObjectName(QStringLiteral("tierView"));
    m_view->setModel(m_tiers);
    m_view->setItemDelegate(new ComboBoxDelegate(TierTableModel::ChoicesRole, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const QFontMetrics fm(m_view->font());
    const auto width = [&fm](const QString& sample) { return fm.horizontalAdvance(sample) + 28; };
    // Each column as wide as its title or a typical value, whichever is
    // wider: with the token terms twelve columns share the width, and at
    // 1400 pixels they still fit without a horizontal scroll bar.
    const QString count = QStringLiteral("10,000,000");
    const QString money = QStringLiteral("$1,000.0001");
    QStringList samples(TierTableModel::ColumnCount);
    samples[TierTableModel::IdColumn] = QStringLiteral("enterprise-xx");
    samples[TierTableModel::NameColumn] = QStringLiteral("Enterprise Plus");
    samples[TierTableModel::RateColumn] = count;
    samples[TierTableModel::BurstColumn] = QStringLiteral("1,000,000");
    samples[TierTableModel::QuotaColumn] = count;
    samples[TierTableModel::TokensColumn] = count;
    for (int c :
        { TierTableModel::PriceColumn, TierTableModel::FeeColumn, TierTableModel::OverageColumn,
            TierTableModel::InputPriceColumn, TierTableModel::OutputPriceColumn })
        samples[c] = money;
    for (int c = 0; c < TierTableModel::ColumnCount; ++c) {
        int w
            = std::max(width(m_tiers->headerData(c, Qt::Horizontal).toString()), width(samples[c]));
        if (c == TierTableModel::PolicyColumn) {
            for (const QString& policy : TierTableModel::policyChoices())
                w = std::max(w, width(policy));
        }
        header->resizeSection(c, w);
    }
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &TierSection::updateActions);

    m_message->setWordWrap(true);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(kMessageMs);
    connect(m_messageTimer, &QTimer::timeout, m_message, &QWidget::hide);
    connect(m_tiers, &TierTableModel::validationFailed, this, &TierSection::showMessage);
    connect(m_tiers, &TierTableModel::edited, this, [this] { showMessage({}); });

    auto* hint = new QLabel(tr("Double-click a cell to edit; the running server uses the change at "
                               "once. Prices are in USD."),
        this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(titleLabel(tr("Tiers"), this));
    top->addWidget(hint, 1);
    top->addWidget(actionButton(m_addTier, this));
    top->addWidget(actionButton(m_removeTier, this));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);

    for (const auto signal : { &WorkspaceDocument::opened, &WorkspaceDocument::closed,
             &WorkspaceDocument::keysChanged, &WorkspaceDocument::keysReset,
             &WorkspaceDocument::tiersChanged, &WorkspaceDocument::tiersReset })
        connect(document, signal, this, &TierSection::updateActions);
    updateActions();
}

int TierSection::fittedHeight() const
{
    const int rows = std::max(1, m_tiers->rowCount());
    int table = m_view->horizontalHeader()->sizeHint().height()
        + rows * m_view->verticalHeader()->defaultSectionSize() + 2 * m_view->frameWidth() + 2;
    // In a window too narrow for every column, the horizontal scroll bar
    // would otherwise cover the last tier.
    if (m_view->horizontalHeader()->length() > m_view->viewport()->width())
        table += m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    return sizeHint().height() - m_view->sizeHint().height() + table;
}

void TierSection::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    if (text.isEmpty()) {
        m_messageTimer->stop();
        return;
    }
    m_messageTimer->start();
    Q_EMIT message(text);
}

void TierSection::updateActions()
{
    const bool open = m_document->isOpen();
    m_addTier->setEnabled(open);
    m_removeTier->setEnabled(open && m_view->currentIndex().isValid());
}

} // namespace tollgate::ui
