#include "ui/routes/routerulestab.h"

#include "ui/common/widgetfactory.h"
#include "ui/routes/ruletablemodel.h"
#include "ui/widgets/comboboxdelegate.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

RouteRulesTab::RouteRulesTab(QWidget* parent)
    : RouteSection(parent)
    , m_mode(new QComboBox(this))
    , m_defaultResponse(new QComboBox(this))
    , m_rules(new RuleTableModel(this))
    , m_view(new QTableView(this))
{
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Rules, then default"), int(server::ResponseMode::Rules));
    m_mode->addItem(tr("Random"), int(server::ResponseMode::Random));
    m_mode->addItem(tr("Sequential (round robin)"), int(server::ResponseMode::Sequential));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        server::Route r = route();
        r.mode = server::ResponseMode(m_mode->itemData(index).toInt());
        commit(r, {}, tr("Change response mode"));
    });

    m_defaultResponse->setObjectName(QStringLiteral("defaultResponseCombo"));
    connect(m_defaultResponse, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        server::Route r = route();
        r.defaultResponse = index;
        commit(r, {}, tr("Change default response"));
    });

    connect(m_rules, &RuleTableModel::rulesEdited, this, [this] {
        server::Route r = route();
        r.rules = m_rules->rules();
        commit(r, QStringLiteral("rules"), tr("Edit rules"));
    });
    m_view->setObjectName(QStringLiteral("rulesView"));
    m_view->setModel(m_rules);
    m_view->setItemDelegate(new ComboBoxDelegate(RuleTableModel::ChoicesRole, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(RuleTableModel::SourceColumn, 170);
    m_view->horizontalHeader()->resizeSection(RuleTableModel::KeyColumn, 140);
    m_view->horizontalHeader()->resizeSection(RuleTableModel::OperatorColumn, 130);
    m_view->horizontalHeader()->resizeSection(RuleTableModel::ValueColumn, 160);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RouteRulesTab::updateButtons);

    m_add = iconButton(QStringLiteral("list-add"), tr("Add"), tr("Add a rule"), this);
    m_add->setObjectName(QStringLiteral("addRuleButton"));
    connect(m_add, &QToolButton::clicked, this, [this] {
        const int row = m_rules->rowCount();
        m_rules->insertRows(row, 1);
        m_view->setCurrentIndex(m_rules->index(row, RuleTableModel::KeyColumn));
        m_view->edit(m_view->currentIndex());
    });
    m_remove = iconButton(
        QStringLiteral("list-remove"), tr("Remove"), tr("Remove the selected rule"), this);
    m_remove->setObjectName(QStringLiteral("removeRuleButton"));
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_rules->removeRows(current.row(), 1);
    });
    m_up = iconButton(QStringLiteral("go-up"), tr("Up"), tr("Check this rule earlier"), this);
    m_up->setObjectName(QStringLiteral("ruleUpButton"));
    connect(m_up, &QToolButton::clicked, this, [this] { moveRule(-1); });
    m_down = iconButton(QStringLiteral("go-down"), tr("Down"), tr("Check this rule later"), this);
    m_down->setObjectName(QStringLiteral("ruleDownButton"));
    connect(m_down, &QToolButton::clicked, this, [this] { moveRule(1); });

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(tr("&Default response:"), m_defaultResponse);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_hint, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_remove);
    bar->addWidget(m_up);
    bar->addWidget(m_down);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(form);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void RouteRulesTab::load()
{
    const server::Route& r = route();
    loadResponseLabels(r);
    setQuietly(m_mode, &QComboBox::setCurrentIndex, m_mode->findData(int(r.mode)));
    setQuietly(m_defaultResponse, &QComboBox::setCurrentIndex,
        r.defaultResponse < m_defaultResponse->count() ? r.defaultResponse : -1);
    m_rules->setRules(r.rules);
    const bool rulesMode = r.mode == server::ResponseMode::Rules;
    m_view->setEnabled(rulesMode);
    m_defaultResponse->setEnabled(rulesMode);
    m_hint->setText(rulesMode ? tr("Checked top to bottom: the first matching rule picks the "
                                   "response, otherwise the default response is sent.")
                              : tr("Rules are not used in this mode: every response takes its "
                                   "turn."));
    updateButtons();
}

void RouteRulesTab::loadResponseLabels(const server::Route& r)
{
    QStringList labels;
    for (int i = 0; i < int(r.responses.size()); ++i)
        labels << QStringLiteral("#%1 · %2")
                      .arg(i + 1)
                      .arg(responseTitle(r.responses[std::size_t(i)]));
    m_rules->setResponseLabels(labels);
    QStringList shown;
    for (int i = 0; i < m_defaultResponse->count(); ++i)
        shown << m_defaultResponse->itemText(i);
    if (labels != shown) {
        const QSignalBlocker blocker(m_defaultResponse);
        m_defaultResponse->clear();
        m_defaultResponse->addItems(labels);
    }
}

void RouteRulesTab::moveRule(int delta)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const int target = row + delta;
    if (target < 0 || target >= m_rules->rowCount())
        return;
    // moveRows takes the destination before which the row lands.
    m_rules->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target);
    m_view->setCurrentIndex(m_rules->index(target, current.column()));
}

void RouteRulesTab::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool rulesMode = m_view->isEnabled();
    m_add->setEnabled(rulesMode);
    m_remove->setEnabled(rulesMode && current.isValid());
    m_up->setEnabled(rulesMode && current.isValid() && current.row() > 0);
    m_down->setEnabled(rulesMode && current.isValid() && current.row() < m_rules->rowCount() - 1);
}

} // namespace tollgate::ui
