#include "ui/keys/keylistsection.h"

#include "server/access/apikey.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keytablemodel.h"
#include "ui/widgets/comboboxdelegate.h"
#include "ui/widgets/usagebardelegate.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

KeyListSection::KeyListSection(
    WorkspaceDocument* document, KeyTableModel* keys, KeyFilterProxy* proxy, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_keys(keys)
    , m_proxy(proxy)
    , m_textFilter(new QLineEdit(this))
    , m_tierFilter(new QComboBox(this))
    , m_stateFilter(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
    , m_placeholder(new QLabel(m_view->viewport()))
    , m_bar(new QHBoxLayout)
{
    m_textFilter->setObjectName(QStringLiteral("keyFilterEdit"));
    m_textFilter->setPlaceholderText(tr("Filter by label, owner, key or scope"));
    m_textFilter->setClearButtonEnabled(true);
    connect(m_textFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setTextFilter(text);
        updatePlaceholder();
    });

    m_tierFilter->setObjectName(QStringLiteral("keyTierFilter"));
    m_tierFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_tierFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setTierFilter(m_tierFilter->currentData().toString());
        updatePlaceholder();
    });

    m_stateFilter->setObjectName(QStringLiteral("keyStateFilter"));
    m_stateFilter->addItem(tr("All states"), -1);
    m_stateFilter->addItem(tr("Active"), int(server::KeyState::Active));
    m_stateFilter->addItem(tr("Expired"), int(server::KeyState::Expired));
    m_stateFilter->addItem(tr("Revoked"), int(server::KeyState::Revoked));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(m_stateFilter->currentData().toInt());
        updatePlaceholder();
    });

    m_count->setObjectName(QStringLiteral("keyCountLabel"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("keyView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new ComboBoxDelegate(KeyTableModel::ChoicesRole, m_view));
    m_view->setItemDelegateForColumn(KeyTableModel::UsageColumn,
        new UsageBarDelegate(KeyTableModel::UsedRole, KeyTableModel::QuotaRole, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(KeyTableModel::CreatedColumn, Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const QFontMetrics fm(m_view->font());
    const auto width = [&fm](const QString& sample) { return fm.horizontalAdvance(sample) + 28; };
    header->resizeSection(
        KeyTableModel::LabelColumn, width(QStringLiteral("Mobile app (staging)")));
    header->resizeSection(KeyTableModel::PrefixColumn,
        QFontMetrics(monospaceFont()).horizontalAdvance(QStringLiteral("tg_dev_AbCd1234…")) + 28);
    header->resizeSection(KeyTableModel::OwnerColumn, width(QStringLiteral("team@example.com")));
    header->resizeSection(KeyTableModel::TierColumn, width(QStringLiteral("Enterprise")));
    header->resizeSection(KeyTableModel::ScopesColumn, width(QStringLiteral("read, generate")));
    header->resizeSection(KeyTableModel::StateColumn, width(QStringLiteral("Revoked")));
    header->resizeSection(KeyTableModel::CreatedColumn, width(QStringLiteral("2026-11-27 05:00")));
    header->resizeSection(KeyTableModel::ExpiresColumn, width(QStringLiteral("2026-11-27 05:00")));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &KeyListSection::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &KeyListSection::currentKeyChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &KeyListSection::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &KeyListSection::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &KeyListSection::updatePlaceholder);

    m_placeholder->setObjectName(QStringLiteral("keyPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_view->viewport()->installEventFilter(this);

    m_bar->setSpacing(6);
    m_bar->addWidget(titleLabel(tr("API Keys"), this));
    m_bar->addSpacing(8);
    m_bar->addWidget(m_textFilter, 1);
    m_bar->addWidget(m_tierFilter);
    m_bar->addWidget(m_stateFilter);
    m_bar->addWidget(m_count);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 4);
    layout->setSpacing(4);
    layout->addLayout(m_bar);
    layout->addWidget(m_view, 1);

    // A reset (a key added or removed, a reload) loses the view's selection:
    // keep the selected key selected across it.
    connect(document, &WorkspaceDocument::keysAboutToBeReset, this,
        [this] { m_reselect = currentKeyId(); });
    connect(document, &WorkspaceDocument::keysReset, this, [this] {
        if (!m_reselect.isEmpty() && m_keys->rowOfKey(m_reselect) >= 0)
            selectKey(m_reselect);
        else if (m_proxy->rowCount() > 0)
            m_view->selectRow(0);
        Q_EMIT currentKeyChanged();
    });
    for (const auto signal : { &WorkspaceDocument::keysChanged, &WorkspaceDocument::keysReset,
             &WorkspaceDocument::tiersChanged, &WorkspaceDocument::tiersReset })
        connect(document, signal, this, [this] {
            rebuildTierFilter();
            updatePlaceholder();
        });
    rebuildTierFilter();
}

void KeyListSection::setActions(
    QAction* newKey, QAction* rotate, QMenu* changeTier, QAction* revoke)
{
    m_newKey = newKey;
    m_view->addAction(newKey);
    m_view->addAction(rotate);
    m_view->addAction(changeTier->menuAction());
    m_view->addAction(revoke);

    auto* changeTierButton = new QToolButton(this);
    changeTierButton->setObjectName(QStringLiteral("changeTierButton"));
    changeTierButton->setDefaultAction(changeTier->menuAction());
    changeTierButton->setPopupMode(QToolButton::InstantPopup);
    changeTierButton->setAutoRaise(true);
    changeTierButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_bar->addSpacing(8);
    m_bar->addWidget(actionButton(newKey, this));
    m_bar->addWidget(actionButton(rotate, this));
    m_bar->addWidget(changeTierButton);
    m_bar->addWidget(actionButton(revoke, this));
    updatePlaceholder();
}

bool KeyListSection::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_placeholder->setGeometry(m_view->viewport()->rect().adjusted(24, 0, -24, 0));
    return QWidget::eventFilter(watched, event);
}

QStringList KeyListSection::selectedKeyIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex& index : rows)
        ids << index.data(KeyTableModel::KeyIdRole).toString();
    return ids;
}

QString KeyListSection::currentKeyId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(KeyTableModel::KeyIdRole).toString() : QString();
}

void KeyListSection::selectKey(const QString& id)
{
    const int row = m_keys->rowOfKey(id);
    if (row < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_keys->index(row, 0));
    if (!index.isValid()) {
        // Hidden by a filter: showing the key matters more than the filter.
        m_textFilter->clear();
        m_tierFilter->setCurrentIndex(0);
        m_stateFilter->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_keys->index(row, 0));
    }
    m_view->setCurrentIndex(index);
    m_view->selectRow(index.row());
    m_view->scrollTo(index);
    Q_EMIT currentKeyChanged();
}

void KeyListSection::rebuildTierFilter()
{
    const QString selected = m_tierFilter->currentData().toString();
    {
        const QSignalBlocker blocker(m_tierFilter);
        m_tierFilter->clear();
        m_tierFilter->addItem(tr("All tiers"), QString());
        for (const server::Tier& t : m_document->tiers())
            m_tierFilter->addItem(toQt(t.name.empty() ? t.id : t.name), toQt(t.id));
        m_tierFilter->setCurrentIndex(std::max(0, m_tierFilter->findData(selected)));
    }
    m_proxy->setTierFilter(m_tierFilter->currentData().toString());
}

void KeyListSection::updatePlaceholder()
{
    const int shown = m_proxy->rowCount();
    const int total = m_keys->rowCount();
    if (shown == total)
        m_count->setText(tr("%n key(s)", nullptr, total));
    else
        m_count->setText(tr("%1 of %n key(s)", nullptr, total).arg(QLocale().toString(shown)));
    if (total == 0)
        m_placeholder->setText(m_document->isOpen()
                ? tr("No API keys yet. Create one with New Key (%1): it is shown once, and "
                     "routes that require a key accept it at once.")
                      .arg(m_newKey ? m_newKey->shortcut().toString(QKeySequence::NativeText)
                                    : QString())
                : tr("Open a workspace to manage its API keys."));
    else
        m_placeholder->setText(tr("No key matches the filter."));
    m_placeholder->setVisible(shown == 0);
}

} // namespace tollgate::ui
