#include "ui/keys/keystierspanel.h"
#include "ui/common/secretstore.h"

#include "server/access/usage.h"
#include "ui/common/appearance.h"
#include "ui/widgets/comboboxdelegate.h"
#include "ui/common/convert.h"
#include "ui/keys/createkeydialog.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keytablemodel.h"
#include "ui/keys/keyusageview.h"
#include "ui/keys/newkeydialog.h"
#include "ui/keys/rotatekeydialog.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/tiertablemodel.h"
#include "ui/widgets/usagebardelegate.h"
#include "ui/document/workspacedocument.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

// Keys expire and months end while the window is open; a key's state is
// checked this often.
constexpr int kClockTickMs = 5000;
constexpr int kTierMessageMs = 10000;
// Title row, a few months and the four-line invoice preview.
constexpr int kUsageBandHeight = 190;

// The key text leaves memory we own as soon as it is handed to the dialog.
void wipe(std::string* secret)
{
    volatile char* p = secret->data();
    for (std::size_t i = 0; i < secret->size(); ++i)
        p[i] = '\0';
    secret->clear();
}

QToolButton* actionButton(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return b;
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* title = new QLabel(text, parent);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    return title;
}

} // namespace

KeysTiersPanel::KeysTiersPanel(
    WorkspaceDocument* document, ServerController* server, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
    , m_tiers(new TierTableModel(document, this))
    , m_keys(new KeyTableModel(document, this))
    , m_proxy(new KeyFilterProxy(this))
{
    setObjectName(QStringLiteral("keysTiersPanel"));
    m_proxy->setSourceModel(m_keys);

    createActions();

    m_usage = new KeyUsageView(document, this);
    m_usage->setObjectName(QStringLiteral("keyUsageView"));
    connect(m_usage, &KeyUsageView::message, this, &KeysTiersPanel::message);
    auto* usageSection = new QWidget(this);
    auto* usageLayout = new QVBoxLayout(usageSection);
    usageLayout->setContentsMargins(10, 6, 10, 8);
    usageLayout->addWidget(m_usage);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("keysSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_tiersSection = buildTiersSection();
    m_splitter->addWidget(m_tiersSection);
    m_splitter->addWidget(buildKeysSection());
    m_splitter->addWidget(usageSection);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({ 150, 400, 200 });
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_tiers, &TierTableModel::validationFailed, this, &KeysTiersPanel::showTierMessage);
    connect(m_tiers, &TierTableModel::edited, this, [this] { showTierMessage({}); });
    connect(m_keys, &KeyTableModel::validationFailed, this, &KeysTiersPanel::message);

    // A reset (a key added or removed, a reload) loses the view's selection:
    // keep the selected key selected across it.
    connect(document, &WorkspaceDocument::keysAboutToBeReset, this, [this] {
        const QModelIndex current = m_keyView->selectionModel()->currentIndex();
        m_reselectKey
            = current.isValid() ? current.data(KeyTableModel::KeyIdRole).toString() : QString();
    });
    connect(document, &WorkspaceDocument::keysReset, this, [this] {
        if (!m_reselectKey.isEmpty() && m_keys->rowOfKey(m_reselectKey) >= 0)
            selectKey(m_reselectKey);
        else if (m_proxy->rowCount() > 0)
            m_keyView->selectRow(0);
        onCurrentKeyChanged();
    });

    for (const auto signal : { &WorkspaceDocument::keysChanged, &WorkspaceDocument::keysReset,
             &WorkspaceDocument::tiersChanged, &WorkspaceDocument::tiersReset })
        connect(document, signal, this, [this] {
            rebuildTierFilters();
            updateActions();
            updatePlaceholder();
        });
    connect(document, &WorkspaceDocument::tiersReset, this, &KeysTiersPanel::fitSplitter);
    connect(document, &WorkspaceDocument::opened, this, &KeysTiersPanel::updateActions);
    connect(document, &WorkspaceDocument::closed, this, &KeysTiersPanel::updateActions);
    connect(server, &ServerController::usageChanged, this, &KeysTiersPanel::onUsageChanged);

    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(kClockTickMs);
    connect(m_clockTimer, &QTimer::timeout, this, &KeysTiersPanel::onTick);
    m_clockTimer->start();

    rebuildTierFilters();
    onUsageChanged();
    onCurrentKeyChanged();
    updatePlaceholder();
}

KeysTiersPanel::~KeysTiersPanel() = default;

void KeysTiersPanel::createActions()
{
    m_newKey = new QAction(tr("&New Key…"), this);
    m_newKey->setObjectName(QStringLiteral("newKeyAction"));
    m_newKey->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_newKey->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_newKey->setIconText(tr("New Key"));
    m_newKey->setToolTip(tr("Create an API key (Ctrl+Shift+K)"));
    connect(m_newKey, &QAction::triggered, this, &KeysTiersPanel::showCreateDialog);

    m_rotateKey = new QAction(tr("&Rotate Key…"), this);
    m_rotateKey->setObjectName(QStringLiteral("rotateKeyAction"));
    m_rotateKey->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_rotateKey->setIconText(tr("Rotate"));
    m_rotateKey->setToolTip(tr("Replace the selected key with a new one; the old one works for a "
                               "grace period"));
    connect(m_rotateKey, &QAction::triggered, this, &KeysTiersPanel::showRotateDialog);

    m_revokeKey = new QAction(tr("Re&voke Key…"), this);
    m_revokeKey->setObjectName(QStringLiteral("revokeKeyAction"));
    m_revokeKey->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_revokeKey->setIconText(tr("Revoke"));
    m_revokeKey->setToolTip(tr("Stop the selected keys from working, at once and for good"));
    connect(m_revokeKey, &QAction::triggered, this, &KeysTiersPanel::confirmRevoke);

    m_changeTierMenu = new QMenu(tr("Change &Tier"), this);
    m_changeTierMenu->setObjectName(QStringLiteral("changeTierMenu"));
    m_changeTierMenu->menuAction()->setIconText(tr("Change Tier"));
    m_changeTierMenu->menuAction()->setToolTip(tr("Move the selected keys to another tier"));

    m_addTier = new QAction(tr("&Add Tier"), this);
    m_addTier->setObjectName(QStringLiteral("addTierAction"));
    m_addTier->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_addTier->setIconText(tr("Add"));
    m_addTier->setToolTip(tr("Add a pricing tier"));
    connect(m_addTier, &QAction::triggered, this, [this] {
        const int row = m_tiers->addTier();
        const QModelIndex index = m_tiers->index(row, TierTableModel::IdColumn);
        m_tierView->setCurrentIndex(index);
        m_tierView->edit(index);
    });

    m_removeTier = new QAction(tr("&Remove Tier"), this);
    m_removeTier->setObjectName(QStringLiteral("removeTierAction"));
    m_removeTier->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    m_removeTier->setIconText(tr("Remove"));
    m_removeTier->setToolTip(tr("Remove the selected tier (only when no key uses it)"));
    connect(m_removeTier, &QAction::triggered, this, [this] {
        const QModelIndex current = m_tierView->currentIndex();
        if (current.isValid() && m_tiers->removeTier(current.row()))
            showTierMessage({});
    });
}

QWidget* KeysTiersPanel::buildTiersSection()
{
    auto* section = new QWidget(this);
    m_tierView = new QTableView(section);
    m_tierView->setObjectName(QStringLiteral("tierView"));
    m_tierView->setModel(m_tiers);
    m_tierView->setItemDelegate(new ComboBoxDelegate(TierTableModel::ChoicesRole, m_tierView));
    m_tierView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_tierView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tierView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_tierView->setAlternatingRowColors(true);
    m_tierView->setWordWrap(false);
    m_tierView->verticalHeader()->hide();
    m_tierView->verticalHeader()->setDefaultSectionSize(m_tierView->fontMetrics().height() + 10);
    QHeaderView* header = m_tierView->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const QFontMetrics fm(m_tierView->font());
    const auto width = [&fm](const QString& sample) { return fm.horizontalAdvance(sample) + 28; };
    header->resizeSection(TierTableModel::IdColumn, width(QStringLiteral("enterprise-xx")));
    header->resizeSection(TierTableModel::NameColumn, width(QStringLiteral("Enterprise Plus")));
    for (int c = TierTableModel::RateColumn; c <= TierTableModel::OverageColumn; ++c)
        header->resizeSection(c,
            std::max(width(m_tiers->headerData(c, Qt::Horizontal).toString()),
                width(QStringLiteral("$1,000.000001"))));
    connect(m_tierView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &KeysTiersPanel::updateActions);

    m_tierMessage = new QLabel(section);
    m_tierMessage->setObjectName(QStringLiteral("tierMessageLabel"));
    m_tierMessage->setWordWrap(true);
    {
        QPalette p = m_tierMessage->palette();
        p.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x3a));
        m_tierMessage->setPalette(p);
    }
    m_tierMessage->hide();
    m_tierMessageTimer = new QTimer(this);
    m_tierMessageTimer->setSingleShot(true);
    m_tierMessageTimer->setInterval(kTierMessageMs);
    connect(m_tierMessageTimer, &QTimer::timeout, m_tierMessage, &QWidget::hide);

    auto* hint = new QLabel(tr("Double-click a cell to edit; the running server uses the change at "
                               "once. Prices are in USD."),
        section);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(sectionTitle(tr("Tiers"), section));
    top->addWidget(hint, 1);
    top->addWidget(actionButton(m_addTier, section));
    top->addWidget(actionButton(m_removeTier, section));

    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_tierView, 1);
    layout->addWidget(m_tierMessage);
    return section;
}

QWidget* KeysTiersPanel::buildKeysSection()
{
    auto* section = new QWidget(this);

    m_keyFilter = new QLineEdit(section);
    m_keyFilter->setObjectName(QStringLiteral("keyFilterEdit"));
    m_keyFilter->setPlaceholderText(tr("Filter by label, owner, key or scope"));
    m_keyFilter->setClearButtonEnabled(true);
    connect(m_keyFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setTextFilter(text);
        updatePlaceholder();
    });

    m_tierFilter = new QComboBox(section);
    m_tierFilter->setObjectName(QStringLiteral("keyTierFilter"));
    m_tierFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_tierFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setTierFilter(m_tierFilter->currentData().toString());
        updatePlaceholder();
    });

    m_stateFilter = new QComboBox(section);
    m_stateFilter->setObjectName(QStringLiteral("keyStateFilter"));
    m_stateFilter->addItem(tr("All states"), -1);
    m_stateFilter->addItem(tr("Active"), int(server::KeyState::Active));
    m_stateFilter->addItem(tr("Expired"), int(server::KeyState::Expired));
    m_stateFilter->addItem(tr("Revoked"), int(server::KeyState::Revoked));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(m_stateFilter->currentData().toInt());
        updatePlaceholder();
    });

    m_keyCount = new QLabel(section);
    m_keyCount->setObjectName(QStringLiteral("keyCountLabel"));
    m_keyCount->setForegroundRole(QPalette::PlaceholderText);

    m_keyView = new QTableView(section);
    m_keyView->setObjectName(QStringLiteral("keyView"));
    m_keyView->setModel(m_proxy);
    m_keyView->setItemDelegate(new ComboBoxDelegate(KeyTableModel::ChoicesRole, m_keyView));
    m_keyView->setItemDelegateForColumn(KeyTableModel::UsageColumn,
        new UsageBarDelegate(KeyTableModel::UsedRole, KeyTableModel::QuotaRole, m_keyView));
    m_keyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keyView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_keyView->setEditTriggers(
        QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_keyView->setAlternatingRowColors(true);
    m_keyView->setShowGrid(false);
    m_keyView->setWordWrap(false);
    m_keyView->setSortingEnabled(true);
    m_keyView->sortByColumn(KeyTableModel::CreatedColumn, Qt::DescendingOrder);
    m_keyView->verticalHeader()->hide();
    m_keyView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_keyView->verticalHeader()->setDefaultSectionSize(m_keyView->fontMetrics().height() + 12);
    m_keyView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_keyView->addAction(m_newKey);
    m_keyView->addAction(m_rotateKey);
    m_keyView->addAction(m_changeTierMenu->menuAction());
    m_keyView->addAction(m_revokeKey);
    QHeaderView* header = m_keyView->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const QFontMetrics fm(m_keyView->font());
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
    connect(m_keyView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &KeysTiersPanel::updateActions);
    connect(m_keyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &KeysTiersPanel::onCurrentKeyChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &KeysTiersPanel::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &KeysTiersPanel::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &KeysTiersPanel::updatePlaceholder);

    m_keyPlaceholder = new QLabel(m_keyView->viewport());
    m_keyPlaceholder->setObjectName(QStringLiteral("keyPlaceholder"));
    m_keyPlaceholder->setAlignment(Qt::AlignCenter);
    m_keyPlaceholder->setWordWrap(true);
    m_keyPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    m_keyPlaceholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_keyView->viewport()->installEventFilter(this);

    auto* changeTier = new QToolButton(section);
    changeTier->setObjectName(QStringLiteral("changeTierButton"));
    changeTier->setDefaultAction(m_changeTierMenu->menuAction());
    changeTier->setPopupMode(QToolButton::InstantPopup);
    changeTier->setAutoRaise(true);
    changeTier->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(sectionTitle(tr("API Keys"), section));
    top->addSpacing(8);
    top->addWidget(m_keyFilter, 1);
    top->addWidget(m_tierFilter);
    top->addWidget(m_stateFilter);
    top->addWidget(m_keyCount);
    top->addSpacing(8);
    top->addWidget(actionButton(m_newKey, section));
    top->addWidget(actionButton(m_rotateKey, section));
    top->addWidget(changeTier);
    top->addWidget(actionButton(m_revokeKey, section));

    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(10, 6, 10, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_keyView, 1);
    return section;
}

bool KeysTiersPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (m_keyView && watched == m_keyView->viewport() && event->type() == QEvent::Resize)
        m_keyPlaceholder->setGeometry(m_keyView->viewport()->rect().adjusted(24, 0, -24, 0));
    return QWidget::eventFilter(watched, event);
}

void KeysTiersPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fitSplitter();
}

void KeysTiersPanel::fitSplitter()
{
    if (m_splitterMoved || !isVisible())
        return;
    // The tiers are few: show them all without a scroll bar, give the usage
    // a fixed band and the keys the rest.
    const int rows = std::max(1, m_tiers->rowCount());
    const int table = m_tierView->horizontalHeader()->sizeHint().height()
        + rows * m_tierView->verticalHeader()->defaultSectionSize() + 2 * m_tierView->frameWidth()
        + 2;
    const int tiers = m_tiersSection->sizeHint().height() - m_tierView->sizeHint().height() + table;
    const int total = m_splitter->height() - 2 * m_splitter->handleWidth();
    const int usage = std::min(kUsageBandHeight, total / 3);
    m_splitter->setSizes({ tiers, std::max(120, total - tiers - usage), usage });
}

std::int64_t KeysTiersPanel::now() const
{
    return m_now();
}

void KeysTiersPanel::setClock(std::function<std::int64_t()> now)
{
    m_now = now;
    m_keys->setClock(std::move(now));
    onTick();
}

QString KeysTiersPanel::keyName(const server::ApiKey& key) const
{
    return key.label.empty() ? QString(toQt(key.prefix) + QChar(0x2026)) : toQt(key.label);
}

QStringList KeysTiersPanel::selectedKeyIds() const
{
    QModelIndexList rows = m_keyView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex& index : rows)
        ids << index.data(KeyTableModel::KeyIdRole).toString();
    return ids;
}

void KeysTiersPanel::selectKey(const QString& id)
{
    const int row = m_keys->rowOfKey(id);
    if (row < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_keys->index(row, 0));
    if (!index.isValid()) {
        // Hidden by a filter: showing the key matters more than the filter.
        m_keyFilter->clear();
        m_tierFilter->setCurrentIndex(0);
        m_stateFilter->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_keys->index(row, 0));
    }
    m_keyView->setCurrentIndex(index);
    m_keyView->selectRow(index.row());
    m_keyView->scrollTo(index);
    onCurrentKeyChanged();
}

QString KeysTiersPanel::createKey(const server::KeyOptions& options)
{
    server::NewKey created;
    std::string error;
    if (!server::createKey(
            m_document->workspace().server.environment, options, now(), &created, &error)) {
        Q_EMIT message(tr("Could not create the key: %1").arg(toQt(error)));
        return {};
    }
    const QString id = toQt(created.record.id);
    const QString name = keyName(created.record);
    std::vector<server::ApiKey> keys = m_document->keys();
    keys.push_back(created.record);
    m_document->setKeys(keys, tr("Create key %1").arg(name));
    selectKey(id);
    if (m_secrets)
        m_secrets->store(id, toQt(created.secret));
    showSecret(tr("Key for %1 created").arg(name), &created.secret);
    Q_EMIT message(tr("Created key %1. Copy it now: it is shown only once.").arg(name));
    return id;
}

QString KeysTiersPanel::rotateKey(const QString& id, std::int64_t graceSeconds)
{
    const server::ApiKey* old = server::findKey(m_document->keys(), toStd(id));
    if (!old)
        return {};
    const QString name = keyName(*old);
    if (server::keyState(*old, now()) != server::KeyState::Active) {
        Q_EMIT message(tr("Only an active key can be rotated; %1 is not.").arg(name));
        return {};
    }
    std::vector<server::ApiKey> keys = m_document->keys();
    server::NewKey fresh;
    std::string error;
    if (!server::rotateKey(&keys, toStd(id), graceSeconds,
            m_document->workspace().server.environment, now(), &fresh, &error)) {
        Q_EMIT message(tr("Could not rotate the key: %1").arg(toQt(error)));
        return {};
    }
    const QString newId = toQt(fresh.record.id);
    m_document->setKeys(keys, tr("Rotate key %1").arg(name));
    if (graceSeconds <= 0)
        m_server->applyNow(); // the old key stops now, not after the debounce
    selectKey(newId);
    if (m_secrets)
        m_secrets->store(newId, toQt(fresh.secret));
    showSecret(tr("Key for %1 rotated").arg(name), &fresh.secret);
    const server::ApiKey* previous = server::findKey(m_document->keys(), toStd(id));
    if (graceSeconds > 0 && previous)
        Q_EMIT message(tr("Rotated %1. The old key keeps working until %2.")
                           .arg(name,
                               QLocale().toString(QDateTime::fromSecsSinceEpoch(previous->expires),
                                   QLocale::ShortFormat)));
    else
        Q_EMIT message(tr("Rotated %1. The old key no longer works.").arg(name));
    return newId;
}

bool KeysTiersPanel::revokeKeys(const QStringList& ids)
{
    int revoked = 0;
    for (const QString& id : ids) {
        QString error;
        // The document tells the server controller, which applies at once.
        if (m_document->revokeKey(id, now(), &error)) {
            ++revoked;
            if (m_secrets)
                m_secrets->forget(id); // a revoked key never works again
        } else
            Q_EMIT message(error);
    }
    if (revoked == 0)
        return false;
    // On disk at once too: tollgated instances sharing the workspace read
    // keys.json, and a revocation must not wait for the autosave.
    m_document->saveNow();
    Q_EMIT message(
        tr("Revoked %n key(s); requests with them are refused from now on.", nullptr, revoked));
    return revoked == int(ids.size());
}

void KeysTiersPanel::changeTier(const QStringList& ids, const QString& tierId)
{
    const server::Tier* tier = server::findTier(m_document->tiers(), toStd(tierId));
    if (!tier)
        return;
    std::vector<server::ApiKey> keys = m_document->keys();
    int moved = 0;
    for (server::ApiKey& key : keys) {
        if (key.revoked == 0 && key.tier != tier->id && ids.contains(toQt(key.id))) {
            key.tier = tier->id;
            ++moved;
        }
    }
    if (moved == 0)
        return;
    const QString tierName = toQt(tier->name.empty() ? tier->id : tier->name);
    m_document->setKeys(keys, tr("Move %n key(s) to tier %1", nullptr, moved).arg(tierName));
    Q_EMIT message(tr("Moved %n key(s) to tier %1.", nullptr, moved).arg(tierName));
}

void KeysTiersPanel::showCreateDialog()
{
    if (!m_document->isOpen() || m_document->tiers().empty())
        return;
    auto* dialog = new CreateKeyDialog(m_document->tiers(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The tier being looked at is the likely one.
    if (!m_proxy->tierFilter().isEmpty())
        dialog->setTier(m_proxy->tierFilter());
    connect(dialog, &QDialog::accepted, this, [this, dialog] { createKey(dialog->options()); });
    dialog->open();
}

void KeysTiersPanel::showRotateDialog()
{
    const QStringList ids = selectedKeyIds();
    if (ids.size() != 1)
        return;
    const server::ApiKey* key = server::findKey(m_document->keys(), toStd(ids.front()));
    if (!key)
        return;
    auto* dialog = new RotateKeyDialog(keyName(*key), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = ids.front();
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, id] { rotateKey(id, dialog->graceSeconds()); });
    dialog->open();
}

void KeysTiersPanel::confirmRevoke()
{
    QStringList ids;
    for (const QString& id : selectedKeyIds()) {
        const server::ApiKey* key = server::findKey(m_document->keys(), toStd(id));
        if (key && key->revoked == 0)
            ids << id;
    }
    if (ids.isEmpty())
        return;
    QString text;
    if (ids.size() == 1)
        text = tr("Revoke the key %1?")
                   .arg(keyName(*server::findKey(m_document->keys(), toStd(ids.front()))));
    else
        text = tr("Revoke %n keys?", nullptr, int(ids.size()));
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Revoke API Key"), text, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    box->setInformativeText(tr("The running server refuses requests with it from the next request "
                               "on. This cannot be undone: if the client needs access again, "
                               "create a new key."));
    QPushButton* revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, ids] {
        if (box->clickedButton() == revoke)
            revokeKeys(ids);
    });
    box->open();
}

void KeysTiersPanel::showSecret(const QString& title, std::string* secret)
{
    auto* dialog = new NewKeyDialog(title, toQt(*secret), this);
    wipe(secret);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void KeysTiersPanel::showTierMessage(const QString& text)
{
    m_tierMessage->setText(text);
    m_tierMessage->setVisible(!text.isEmpty());
    if (text.isEmpty()) {
        m_tierMessageTimer->stop();
        return;
    }
    m_tierMessageTimer->start();
    Q_EMIT message(text);
}

void KeysTiersPanel::rebuildTierFilters()
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

    m_changeTierMenu->clear();
    for (const server::Tier& t : m_document->tiers()) {
        QAction* a = m_changeTierMenu->addAction(toQt(t.name.empty() ? t.id : t.name));
        a->setObjectName(QStringLiteral("changeTier-") + toQt(t.id));
        const QString id = toQt(t.id);
        connect(a, &QAction::triggered, this, [this, id] { changeTier(selectedKeyIds(), id); });
    }
}

void KeysTiersPanel::updateActions()
{
    const bool open = m_document->isOpen();
    const QStringList ids = selectedKeyIds();
    int active = 0;
    int notRevoked = 0;
    for (const QString& id : ids) {
        const server::ApiKey* key = server::findKey(m_document->keys(), toStd(id));
        if (!key)
            continue;
        active += server::keyState(*key, now()) == server::KeyState::Active ? 1 : 0;
        notRevoked += key->revoked == 0 ? 1 : 0;
    }
    m_newKey->setEnabled(open && !m_document->tiers().empty());
    m_rotateKey->setEnabled(ids.size() == 1 && active == 1);
    m_revokeKey->setEnabled(notRevoked > 0);
    m_changeTierMenu->menuAction()->setEnabled(notRevoked > 0 && !m_document->tiers().empty());
    m_addTier->setEnabled(open);
    m_removeTier->setEnabled(open && m_tierView->currentIndex().isValid());
}

void KeysTiersPanel::updatePlaceholder()
{
    const int shown = m_proxy->rowCount();
    const int total = m_keys->rowCount();
    if (shown == total)
        m_keyCount->setText(tr("%n key(s)", nullptr, total));
    else
        m_keyCount->setText(tr("%1 of %n key(s)", nullptr, total).arg(QLocale().toString(shown)));
    if (total == 0)
        m_keyPlaceholder->setText(m_document->isOpen()
                ? tr("No API keys yet. Create one with New Key (%1): it is shown once, and "
                     "routes that require a key accept it at once.")
                      .arg(m_newKey->shortcut().toString(QKeySequence::NativeText))
                : tr("Open a workspace to manage its API keys."));
    else
        m_keyPlaceholder->setText(tr("No key matches the filter."));
    m_keyPlaceholder->setVisible(shown == 0);
}

void KeysTiersPanel::onCurrentKeyChanged()
{
    const QModelIndex current = m_keyView->selectionModel()->currentIndex();
    m_usage->setKey(
        current.isValid() ? current.data(KeyTableModel::KeyIdRole).toString() : QString());
    updateActions();
}

void KeysTiersPanel::onUsageChanged()
{
    m_keys->setUsage(m_server->usage());
    m_usage->setUsage(m_server->usage());
}

void KeysTiersPanel::onTick()
{
    m_keys->refreshTime();
    m_usage->setCurrentMonth(toQt(server::usageMonth(now())));
    updateActions();
}

} // namespace tollgate::ui
