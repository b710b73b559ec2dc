#include "ui/load/loadsettingsside.h"

#include "server/access/apikey.h"
#include "server/load/loadgen.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/common/settings.h"
#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadpagestate.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadtargetdialog.h"
#include "ui/load/loadthresholdmodel.h"
#include "ui/load/loadthresholdseditor.h"
#include "ui/widgets/readonlytable.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

// Edits are remembered a moment after the last one.
constexpr int kRememberDelayMs = 800;
constexpr int kValidateDelayMs = 250;

QString routeKey(const std::string& method, const std::string& path)
{
    return toQt(method) + QLatin1Char(' ') + toQt(path);
}

QToolButton* toolButton(const char* name, const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

// A button for one of the page's actions, enabled while it is.
QPushButton* actionPushButton(QAction* action, const QString& text, const char* name, QWidget* parent)
{
    auto* b = new QPushButton(action->icon(), text, parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setToolTip(action->toolTip());
    b->setEnabled(action->isEnabled());
    QObject::connect(b, &QPushButton::clicked, action, &QAction::trigger);
    QObject::connect(action, &QAction::changed, b, [b, action] { b->setEnabled(action->isEnabled()); });
    return b;
}

} // namespace

LoadSettingsSide::LoadSettingsSide(WorkspaceDocument* document, ServerController* server,
    SecretStore* secrets, QAction* startAction, QAction* stopAction, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(server)
    , m_secrets(secrets)
    , m_startAction(startAction)
    , m_stopAction(stopAction)
    , m_mix(new LoadMixModel(this))
    , m_keys(new LoadKeyPoolModel(this))
    , m_rememberTimer(new QTimer(this))
    , m_validateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("loadSettingsSide"));

    m_form = new LoadSettingsForm(this);
    QLayout* mixHeader = buildMix();
    QLayout* keyFooter = buildKeys();
    m_thresholds = new LoadThresholdsEditor(this);

    // Problems and the buttons stay in view whatever the tables need.
    m_problemLabel = bannerLabel(QStringLiteral("loadProblemLabel"), this);

    m_startButton = actionPushButton(m_startAction, tr("Start"), "loadStartButton", this);
    m_startButton->setDefault(true);
    m_stopButton = actionPushButton(m_stopAction, tr("Stop"), "loadStopButton", this);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addStretch(1);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_startButton);

    // The route mix, the key pool and the thresholds take turns below the
    // form, each with the whole height: stacked, none had enough. The
    // hints about them stay in view whichever is shown.
    m_lists = new QTabWidget(this);
    m_lists->setObjectName(QStringLiteral("loadSettingsTabs"));
    m_lists->setDocumentMode(true);
    const auto page = [this](QLayout* top, QWidget* table, QLayout* bottom) {
        auto* w = new QWidget(m_lists);
        auto* v = new QVBoxLayout(w);
        v->setContentsMargins(0, 4, 0, 0);
        v->setSpacing(5);
        if (top)
            v->addLayout(top);
        v->addWidget(table, 1);
        if (bottom)
            v->addLayout(bottom);
        return w;
    };
    m_lists->addTab(page(mixHeader, m_mixView, nullptr), QString());
    m_lists->addTab(page(nullptr, m_keyView, keyFooter), QString());
    m_lists->addTab(page(nullptr, m_thresholds, nullptr), QString());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 6, 8);
    layout->setSpacing(5);
    layout->addWidget(titleLabel(tr("Run"), this));
    layout->addWidget(m_form);
    layout->addSpacing(4);
    layout->addWidget(m_lists, 1);
    layout->addWidget(m_mixHint);
    layout->addWidget(m_keyHint);
    layout->addWidget(m_problemLabel);
    layout->addLayout(buttons);
    const int row = m_mixView->verticalHeader()->defaultSectionSize();
    m_mixView->setMinimumHeight(row * 3 + m_mixView->horizontalHeader()->sizeHint().height() + 4);
    m_keyView->setMinimumHeight(row * 3 + m_keyView->horizontalHeader()->sizeHint().height() + 4);
    setMinimumWidth(430);

    m_rememberTimer->setSingleShot(true);
    m_rememberTimer->setInterval(kRememberDelayMs);
    connect(m_rememberTimer, &QTimer::timeout, this, &LoadSettingsSide::rememberSettings);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(kValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &LoadSettingsSide::revalidate);

    connect(m_form, &LoadSettingsForm::edited, this, &LoadSettingsSide::onEdited);
    connect(m_mix, &LoadMixModel::mixChanged, this, &LoadSettingsSide::onEdited);
    connect(m_keys, &LoadKeyPoolModel::poolChanged, this, &LoadSettingsSide::onEdited);
    connect(m_thresholds, &LoadThresholdsEditor::edited, this, &LoadSettingsSide::onEdited);
    connect(m_mix, &LoadMixModel::mixChanged, this, &LoadSettingsSide::updateTabTitles);
    connect(m_keys, &LoadKeyPoolModel::poolChanged, this, &LoadSettingsSide::updateTabTitles);
    connect(m_thresholds->model(), &QAbstractItemModel::dataChanged, this,
        &LoadSettingsSide::updateTabTitles);
    connect(m_thresholds->model(), &LoadThresholdModel::thresholdsChanged, this,
        &LoadSettingsSide::updateTabTitles);
    connect(m_mix, &LoadMixModel::mixChanged, this, &LoadSettingsSide::updateKeyHint);
    connect(m_mix, &LoadMixModel::mixChanged, this, &LoadSettingsSide::updateMixHint);
    connect(m_form, &LoadSettingsForm::edited, this, &LoadSettingsSide::updateMixHint);
    connect(m_keys, &LoadKeyPoolModel::poolChanged, this, &LoadSettingsSide::updateKeyHint);
    connect(m_mixView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &LoadSettingsSide::updateButtons);
    connect(m_mix, &QAbstractItemModel::modelReset, this, &LoadSettingsSide::updateButtons);
    connect(m_mix, &QAbstractItemModel::rowsRemoved, this, &LoadSettingsSide::updateButtons);
    connect(m_keyHeader, &QComboBox::currentIndexChanged, this, &LoadSettingsSide::onEdited);

    for (auto signal : { &WorkspaceDocument::keysReset, &WorkspaceDocument::keysChanged,
             &WorkspaceDocument::tiersReset, &WorkspaceDocument::tiersChanged })
        connect(m_document, signal, this, &LoadSettingsSide::refreshKeys);
    const auto routesChanged = [this] {
        m_mix->setRoutes(m_document->workspace().routes);
        updateKeyHint();
        updateMixHint();
    };
    connect(m_document, &WorkspaceDocument::routesReset, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeInserted, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeRemoved, this, routesChanged);
    connect(m_document, &WorkspaceDocument::routeChanged, this, routesChanged);
    if (m_secrets)
        connect(m_secrets, &SecretStore::secretsChanged, this, &LoadSettingsSide::refreshKeys);

    applyProblemPalette();
    updateTabTitles();
}

LoadSettingsSide::~LoadSettingsSide() = default;

QLayout* LoadSettingsSide::buildMix()
{
    m_mixView = makeReadOnlyTable("loadMixView", m_mix, this);
    m_mixView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_mixView->setToolTip(tr("Check the requests to send; double-click one to edit its parameter "
                             "templates, headers and body"));
    m_mixView->setTextElideMode(Qt::ElideRight);
    fitColumn(m_mixView, LoadMixModel::WeightColumn, QStringLiteral("1000"));
    fitColumn(m_mixView, LoadMixModel::ShareColumn, QStringLiteral("100.0 %"));
    m_mixView->horizontalHeader()->resizeSection(LoadMixModel::RouteColumn,
        m_mixView->fontMetrics().horizontalAdvance(QStringLiteral("PATCH /v1/users/{id}")) + 34);
    m_mixView->horizontalHeader()->setSectionResizeMode(
        LoadMixModel::TemplateColumn, QHeaderView::Stretch);
    // The request column as wide as its longest entry, within reason; the
    // templates take the rest.
    connect(m_mix, &LoadMixModel::mixChanged, this, [this] {
        m_mixView->resizeColumnToContents(LoadMixModel::RouteColumn);
        const int viewport = m_mixView->viewport()->width();
        const int limit = viewport > 200 ? viewport * 3 / 5 : 320;
        const int least
            = m_mixView->fontMetrics().horizontalAdvance(QStringLiteral("GET /v1/users/{id}")) + 34;
        m_mixView->setColumnWidth(LoadMixModel::RouteColumn,
            std::clamp(
                m_mixView->columnWidth(LoadMixModel::RouteColumn), least, std::max(least, limit)));
    });
    connect(m_mixView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != LoadMixModel::WeightColumn)
            editMixRow(index.row());
    });

    m_mixEditButton = toolButton("loadMixEditButton", tr("Edit…"),
        tr("Edit the selected request: parameter templates, headers, body"), this);
    connect(m_mixEditButton, &QToolButton::clicked, this,
        [this] { editMixRow(m_mixView->currentIndex().row()); });
    auto* addButton
        = toolButton("loadMixAddButton", tr("Add…"), tr("Add a request that is not a route"), this);
    connect(addButton, &QToolButton::clicked, this, [this] {
        server::LoadTarget t;
        t.path = "/";
        LoadTargetDialog dialog(t, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const int row = m_mix->addRow({ true, dialog.target() });
        m_mixView->setCurrentIndex(m_mix->index(row, 0));
    });
    m_mixRemoveButton = toolButton("loadMixRemoveButton", tr("Remove"),
        tr("Remove the selected request from the mix"), this);
    connect(m_mixRemoveButton, &QToolButton::clicked, this,
        [this] { m_mix->removeRow(m_mixView->currentIndex().row()); });
    auto* resetButton = toolButton("loadMixResetButton", tr("Reset"),
        tr("Replace the mix with the workspace's routes (enabled ones checked)"), this);
    connect(resetButton, &QToolButton::clicked, this,
        [this] { m_mix->setRows(LoadMixModel::rowsForRoutes(m_document->workspace().routes)); });

    auto* header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->setSpacing(2);
    header->addStretch(1);
    header->addWidget(m_mixEditButton);
    header->addWidget(addButton);
    header->addWidget(m_mixRemoveButton);
    header->addWidget(resetButton);
    return header;
}

QLayout* LoadSettingsSide::buildKeys()
{
    m_keyView = makeReadOnlyTable("loadKeyView", m_keys, this);
    m_keyView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_keyView->setToolTip(tr("Keys whose secret this app holds (created or rotated here). Each "
                             "request draws one by weight and is counted under its tier."));
    fitColumn(m_keyView, LoadKeyPoolModel::TierColumn, QStringLiteral("Enterprise"));
    fitColumn(m_keyView, LoadKeyPoolModel::WeightColumn, QStringLiteral("1000"));
    fitColumn(m_keyView, LoadKeyPoolModel::ShareColumn, QStringLiteral("100.0 %"));
    m_keyView->horizontalHeader()->setSectionResizeMode(
        LoadKeyPoolModel::KeyColumn, QHeaderView::Stretch);

    m_testKeysButton = toolButton("loadTestKeysButton", tr("Create a test key per tier"),
        tr("Make one key for every tier that has none in the pool (Edit ▸ Undo removes them)"),
        this);
    m_testKeysButton->setAutoRaise(false);
    connect(m_testKeysButton, &QToolButton::clicked, this, &LoadSettingsSide::createTestKeys);

    m_mixHint = new QLabel(this);
    m_mixHint->setObjectName(QStringLiteral("loadMixHintLabel"));
    m_mixHint->setWordWrap(true);
    m_mixHint->setForegroundRole(QPalette::PlaceholderText);
    m_mixHint->hide();
    m_keyHint = new QLabel(this);
    m_keyHint->setObjectName(QStringLiteral("loadKeyHintLabel"));
    m_keyHint->setWordWrap(true);
    m_keyHint->setForegroundRole(QPalette::PlaceholderText);
    m_keyHint->hide();

    m_keyHeader = new QComboBox(this);
    m_keyHeader->setObjectName(QStringLiteral("loadKeyHeaderCombo"));
    m_keyHeader->addItem(tr("Authorization: Bearer"), QStringLiteral("Authorization"));
    m_keyHeader->addItem(QStringLiteral("X-API-Key"), QStringLiteral("X-API-Key"));
    m_keyHeader->setToolTip(tr("The header keys are sent in; the embedded server accepts both"));
    auto* keyHeaderLabel = new QLabel(tr("Send &in:"), this);
    keyHeaderLabel->setBuddy(m_keyHeader);

    auto* footer = new QHBoxLayout;
    footer->setContentsMargins(0, 0, 0, 0);
    footer->addWidget(m_testKeysButton);
    footer->addStretch(1);
    footer->addWidget(keyHeaderLabel);
    footer->addWidget(m_keyHeader);
    return footer;
}

// ---------------------------------------------------------------------------
// Workspace, keys, server

void LoadSettingsSide::workspaceOpened()
{
    if (!m_workspaceDir.isEmpty() && m_workspaceDir != m_document->directory())
        rememberSettings();
    m_workspaceDir = m_document->directory();
    m_mix->setRoutes(m_document->workspace().routes);
    m_seenRoutes.clear();
    for (const server::Route& r : m_document->workspace().routes)
        m_seenRoutes.insert(routeKey(r.method, r.path));
    if (m_secrets) {
        QStringList ids;
        for (const server::ApiKey& key : m_document->keys())
            ids << toQt(key.id);
        m_secrets->load(ids);
    }
    refreshKeys();
    refreshServer();
    restoreSettings();
    showProblems({});
    updateButtons();
}

void LoadSettingsSide::refreshKeys()
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    SecretStore* secrets = m_secrets;
    m_keys->refresh(
        m_document->keys(), m_document->tiers(),
        [secrets](const QString& id) { return secrets && secrets->knows(id); }, now);
    updateButtons();
}

void LoadSettingsSide::refreshServer()
{
    const bool running = m_server->isRunning();
    m_form->setEmbeddedServer(running ? m_server->baseUrl() : m_server->expectedBaseUrl(), running);
}

int LoadSettingsSide::createTestKeys()
{
    if (!m_document->isOpen())
        return 0;
    const QStringList have = m_keys->tiersInPool();
    std::vector<server::ApiKey> keys = m_document->keys();
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    QStringList made;
    QList<QPair<QString, QString>> secrets;
    for (const server::Tier& tier : m_document->tiers()) {
        if (have.contains(toQt(tier.id)))
            continue;
        server::KeyOptions options;
        options.tier = tier.id;
        options.label = "load-test-" + tier.id;
        options.owner = "load runner";
        server::NewKey key;
        std::string error;
        if (!server::createKey(
                m_document->workspace().server.environment, options, now, &key, &error)) {
            Q_EMIT message(tr("Could not create a key: %1").arg(toQt(error)));
            break;
        }
        keys.push_back(key.record);
        secrets.append({ toQt(key.record.id), toQt(key.secret) });
        made << (tier.name.empty() ? toQt(tier.id) : toQt(tier.name));
    }
    if (made.isEmpty()) {
        Q_EMIT message(tr("Every tier already has a key in the pool."));
        return 0;
    }
    // Secrets first, so the pool shows the keys as soon as the document
    // announces them.
    if (m_secrets) {
        for (const auto& [id, secret] : secrets)
            m_secrets->store(id, secret);
    }
    m_document->setKeys(keys, tr("Create test keys"));
    // The running server must know them before the next run sends them.
    m_server->applyNow();
    for (const auto& [id, secret] : secrets)
        m_keys->setChoice(id, { true, 1 });
    refreshKeys();
    Q_EMIT message(tr("Created %n test key(s): %1. Undo removes them.", nullptr, int(made.size()))
                       .arg(made.join(QStringLiteral(", "))));
    return int(made.size());
}

void LoadSettingsSide::offerNewRoutes()
{
    if (!m_document->isOpen())
        return;
    std::vector<server::Route> fresh;
    for (const server::Route& r : m_document->workspace().routes) {
        const LoadMixRow probe { true, LoadMixModel::targetForRoute(r) };
        const bool present
            = std::any_of(m_mix->rows().begin(), m_mix->rows().end(), [&](const LoadMixRow& row) {
                  return row.target.method == probe.target.method
                      && row.target.path == probe.target.path;
              });
        if (!present && !m_seenRoutes.contains(routeKey(r.method, r.path)))
            fresh.push_back(r);
    }
    m_mix->addMissingRoutes(fresh);
    for (const server::Route& r : m_document->workspace().routes)
        m_seenRoutes.insert(routeKey(r.method, r.path));
}

// ---------------------------------------------------------------------------
// Settings

server::LoadSettings LoadSettingsSide::currentSettings() const
{
    server::LoadSettings s = m_form->settings();
    s.mix = m_mix->enabledTargets();
    if (m_form->isWebSocket())
        keepSessionTargets(&s.mix);
    SecretStore* secrets = m_secrets;
    s.keys = m_keys->poolKeys(
        [secrets](const QString& id) { return secrets ? secrets->secret(id) : QString(); });
    s.keyHeader = toStd(m_keyHeader->currentData().toString());
    s.thresholds = m_thresholds->thresholds();
    s.abortOnThreshold = m_thresholds->abortOnThreshold();
    // The embedded server over HTTPS shows a certificate from the app's
    // local CA: trusted for it, and only for it (the system's store is
    // for every other server).
    if (m_form->targetsEmbeddedServer() && (s.url.starts_with("https:") || s.url.starts_with("wss:")))
        s.caPem = m_server->trustedCaPem().toStdString();
    return s;
}

void LoadSettingsSide::applySettings(const server::LoadSettings& settings)
{
    m_form->setSettings(settings);
    showMix(settings.mix, {});

    QHash<QString, LoadKeyPoolModel::Choice> choices;
    for (const LoadKeyPoolModel::Row& r : m_keys->rows())
        choices.insert(r.anonymous ? QString() : r.keyId, { false, r.weight });
    for (const server::LoadKey& k : settings.keys)
        choices.insert(toQt(k.id), { true, k.weight });
    // No keys at all: every request went without one.
    if (settings.keys.empty())
        choices.insert(QString(), { true, choices.value(QString()).weight });
    m_keys->setChoices(choices);
    selectKeyHeader(settings.keyHeader);
    m_thresholds->setThresholds(settings.thresholds, settings.abortOnThreshold);
}

void LoadSettingsSide::showMix(
    const std::vector<server::LoadTarget>& targets, const std::vector<bool>& enabled)
{
    std::vector<LoadMixRow> rows;
    for (std::size_t i = 0; i < targets.size(); ++i)
        rows.push_back({ i < enabled.size() ? bool(enabled[i]) : true, targets[i] });
    m_mix->setRows(rows);
    // Routes the settings do not send stay at hand, unchecked.
    std::vector<server::Route> routes = m_document->workspace().routes;
    for (server::Route& r : routes)
        r.enabled = false;
    m_mix->addMissingRoutes(routes);
}

void LoadSettingsSide::selectKeyHeader(const std::string& header)
{
    const int index = m_keyHeader->findData(toQt(header));
    if (index >= 0)
        m_keyHeader->setCurrentIndex(index);
}

void LoadSettingsSide::rememberSettings()
{
    m_rememberTimer->stop();
    if (m_workspaceDir.isEmpty())
        return;
    LoadPageState state;
    state.settings = m_form->settings();
    for (const LoadMixRow& r : m_mix->rows()) {
        state.settings.mix.push_back(r.target);
        state.mixEnabled.push_back(r.enabled);
    }
    state.keys = m_keys->choices();
    state.settings.keyHeader = toStd(m_keyHeader->currentData().toString());
    state.settings.thresholds = m_thresholds->thresholds();
    state.settings.abortOnThreshold = m_thresholds->abortOnThreshold();
    state.followsServer = m_form->targetsEmbeddedServer();
    state.workspace = m_workspaceDir;
    settings::loadPageState(m_workspaceDir).write(state.toJson());
}

void LoadSettingsSide::restoreSettings()
{
    const std::optional<LoadPageState> state
        = LoadPageState::fromJson(settings::loadPageState(m_workspaceDir).read());
    if (!state) {
        // First visit (or unreadable state): defaults and every route.
        server::LoadSettings s = LoadSettingsForm::defaultSettings();
        s.url = toStd(m_form->embeddedUrl());
        m_form->setSettings(s);
        m_mix->setRows(LoadMixModel::rowsForRoutes(m_document->workspace().routes));
        m_thresholds->setThresholds({}, false);
        return;
    }
    server::LoadSettings s = state->settings;
    if (state->followsServer)
        s.url = toStd(m_form->embeddedUrl());
    m_form->setSettings(s);
    // Routes made since are offered, unchecked.
    showMix(s.mix, state->mixEnabled);
    m_keys->setChoices(state->keys);
    selectKeyHeader(s.keyHeader);
    m_thresholds->setThresholds(s.thresholds, s.abortOnThreshold);
}

// ---------------------------------------------------------------------------
// Problems, buttons, looks

QStringList LoadSettingsSide::problemsWith(const server::LoadSettings& settings)
{
    QStringList problems;
    for (const std::string& p : server::validateLoadSettings(settings))
        problems << toQt(p);
    return problems;
}

void LoadSettingsSide::showProblems(const QStringList& problems)
{
    m_problems = problems;
    if (problems.isEmpty()) {
        m_problemLabel->hide();
        m_problemLabel->clear();
        return;
    }
    QString text
        = problems.size() == 1 ? tr("Cannot start: %1").arg(problems.front()) : tr("Cannot start:");
    if (problems.size() > 1) {
        for (const QString& p : problems)
            text += QStringLiteral("\n• ") + p;
    }
    m_problemLabel->setText(text);
    m_problemLabel->show();
}

void LoadSettingsSide::setRunning(bool running)
{
    m_running = running;
}

void LoadSettingsSide::onEdited()
{
    // Thresholds name the run's tiers and routes: checked again with them.
    m_thresholds->setRun(currentSettings());
    m_rememberTimer->start();
    // Problems on show go away as soon as they are fixed.
    if (!m_problems.isEmpty() && !m_running)
        m_validateTimer->start();
    Q_EMIT edited();
}

void LoadSettingsSide::revalidate()
{
    if (m_running || m_problems.isEmpty())
        return;
    showProblems(problemsWith(currentSettings()));
}

void LoadSettingsSide::updateTabTitles()
{
    m_lists->setTabText(MixTab, tr("Route mix (%1)").arg(m_mix->enabledTargets().size()));
    const auto checked = std::count_if(m_keys->rows().begin(), m_keys->rows().end(),
        [](const LoadKeyPoolModel::Row& r) { return r.enabled && r.weight > 0; });
    m_lists->setTabText(KeysTab, tr("Key pool (%1)").arg(checked));
    // A bad threshold shows on its tab too, whichever tab is shown.
    const QStringList problems = m_thresholds->model()->problems();
    const int count = int(m_thresholds->thresholds().size());
    m_lists->setTabText(ThresholdsTab,
        problems.isEmpty() ? tr("Thresholds (%1)").arg(count) : tr("Thresholds (%1) ⚠").arg(count));
    m_lists->setTabToolTip(ThresholdsTab,
        problems.isEmpty() ? tr("Pass/fail conditions of the run")
                           : problems.join(QLatin1Char('\n')));
}

void LoadSettingsSide::editMixRow(int row)
{
    if (row < 0 || row >= m_mix->rowCount())
        return;
    LoadTargetDialog dialog(m_mix->row(row).target, this);
    if (dialog.exec() == QDialog::Accepted)
        m_mix->setTarget(row, dialog.target());
}

void LoadSettingsSide::updateButtons()
{
    m_testKeysButton->setEnabled(m_document->isOpen() && !m_document->tiers().empty());
    const bool mixRow = m_mixView->currentIndex().isValid();
    m_mixEditButton->setEnabled(mixRow);
    m_mixRemoveButton->setEnabled(mixRow);
}

void LoadSettingsSide::keepSessionTargets(std::vector<server::LoadTarget>* targets) const
{
    // A session opens with a GET, on the embedded server only where a
    // WebSocket route answers: the mix's other entries (the workspace's
    // plain routes, checked for http runs) sit a WebSocket run out.
    const bool embedded = m_form->targetsEmbeddedServer() && m_document->isOpen();
    const auto& routes = m_document->workspace().routes;
    std::erase_if(*targets, [&](const server::LoadTarget& t) {
        if (t.method != "GET")
            return true;
        return embedded && std::none_of(routes.begin(), routes.end(), [&](const auto& r) {
            return r.responder == server::RouteResponder::WebSocket && r.method == "GET"
                && r.path == t.path;
        });
    });
}

void LoadSettingsSide::updateMixHint()
{
    if (!m_form->isWebSocket()) {
        m_mixHint->hide();
        return;
    }
    std::vector<server::LoadTarget> sessions = m_mix->enabledTargets();
    const std::size_t checked = sessions.size();
    keepSessionTargets(&sessions);
    QStringList labels;
    for (const server::LoadTarget& t : sessions)
        labels << toQt(t.label());
    if (checked == 0)
        m_mixHint->setText(tr("WebSocket run: every session opens the target URL."));
    else if (labels.isEmpty())
        m_mixHint->setText(tr("WebSocket run: no checked entry can open a session (a GET of a "
                              "WebSocket route), so every session opens the target URL."));
    else if (std::size_t(labels.size()) == checked)
        m_mixHint->setText(
            tr("WebSocket run: sessions open %1.").arg(labels.join(QStringLiteral(", "))));
    else
        m_mixHint->setText(tr("WebSocket run: sessions open %1; the other checked entries are "
                              "not WebSocket routes and sit it out.")
                               .arg(labels.join(QStringLiteral(", "))));
    m_mixHint->show();
}

void LoadSettingsSide::updateKeyHint()
{
    // Requests of the mix that hit a keyed route, while the pool sends no
    // key: every one of them will be a 401. Say so before the run.
    int keyed = 0;
    for (const server::LoadTarget& t : m_mix->enabledTargets()) {
        std::string path = t.path;
        if (const std::size_t q = path.find('?'); q != std::string::npos)
            path.resize(q);
        for (const server::Route& r : m_document->workspace().routes) {
            if (r.enabled && r.access.keyRequired && r.method == t.method && r.path == path) {
                ++keyed;
                break;
            }
        }
    }
    SecretStore* secrets = m_secrets;
    const bool noKeys = m_keys
                            ->poolKeys([secrets](const QString& id) {
                                return secrets ? secrets->secret(id) : QString();
                            })
                            .empty();
    const bool show = keyed > 0 && noKeys;
    if (show)
        m_keyHint->setText(tr("%n request(s) of the mix need a key and the pool sends none: the "
                              "server will answer them 401. Create a test key per tier, or check "
                              "keys whose secret the app holds.",
            nullptr, keyed));
    m_keyHint->setVisible(show);
}

void LoadSettingsSide::applyProblemPalette()
{
    applyBannerPalette(m_problemLabel, Banner::Error, palette());
}

void LoadSettingsSide::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_problemLabel)
        applyProblemPalette();
}

} // namespace tollgate::ui
