#include "ui/keys/keystierspanel.h"

#include "server/access/usage.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keytablemodel.h"
#include "ui/keys/keyusageview.h"
#include "ui/keys/tiertablemodel.h"

#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

// Keys expire and months end while the window is open; a key's state is
// checked this often.
constexpr int kClockTickMs = 5000;
// Title row, a few months and the four-line invoice preview.
constexpr int kUsageBandHeight = 190;

} // namespace

KeysTiersPanel::KeysTiersPanel(
    WorkspaceDocument* document, ServerController* server, QWidget* parent)
    : QWidget(parent)
    , m_server(server)
    , m_tiers(new TierTableModel(document, this))
    , m_keys(new KeyTableModel(document, this))
    , m_proxy(new KeyFilterProxy(this))
{
    setObjectName(QStringLiteral("keysTiersPanel"));
    m_proxy->setSourceModel(m_keys);

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
    m_tierSection = new TierSection(document, m_tiers, m_splitter);
    m_splitter->addWidget(m_tierSection);
    m_keyList = new KeyListSection(document, m_keys, m_proxy, m_splitter);
    m_splitter->addWidget(m_keyList);
    m_splitter->addWidget(usageSection);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({ 150, 400, 200 });
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });

    m_actions = new KeyActions(document, server, m_keyList, this);
    m_keyList->setActions(m_actions->newKeyAction(), m_actions->rotateKeyAction(),
        m_actions->changeTierMenu(), m_actions->revokeKeyAction());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_tierSection, &TierSection::message, this, &KeysTiersPanel::message);
    connect(m_actions, &KeyActions::message, this, &KeysTiersPanel::message);
    connect(m_keys, &KeyTableModel::validationFailed, this, &KeysTiersPanel::message);
    connect(
        m_keyList, &KeyListSection::currentKeyChanged, this, &KeysTiersPanel::onCurrentKeyChanged);
    connect(document, &WorkspaceDocument::tiersReset, this, &KeysTiersPanel::fitSplitter);
    connect(server, &ServerController::usageChanged, this, &KeysTiersPanel::onUsageChanged);

    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(kClockTickMs);
    connect(m_clockTimer, &QTimer::timeout, this, &KeysTiersPanel::onTick);
    m_clockTimer->start();

    onUsageChanged();
    onCurrentKeyChanged();
}

KeysTiersPanel::~KeysTiersPanel() = default;

void KeysTiersPanel::setClock(std::function<std::int64_t()> now)
{
    m_keys->setClock(std::move(now));
    onTick();
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
    const int tiers = m_tierSection->fittedHeight();
    const int total = m_splitter->height() - 2 * m_splitter->handleWidth();
    const int usage = std::min(kUsageBandHeight, total / 3);
    m_splitter->setSizes({ tiers, std::max(120, total - tiers - usage), usage });
}

void KeysTiersPanel::onCurrentKeyChanged()
{
    m_usage->setKey(m_keyList->currentKeyId());
}

void KeysTiersPanel::onUsageChanged()
{
    m_keys->setUsage(m_server->usage());
    m_usage->setUsage(m_server->usage());
}

void KeysTiersPanel::onTick()
{
    m_keys->refreshTime();
    m_usage->setCurrentMonth(toQt(server::usageMonth(m_keys->now())));
    m_actions->updateActions();
}

} // namespace tollgate::ui
