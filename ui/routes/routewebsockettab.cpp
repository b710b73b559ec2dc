#include "ui/routes/routewebsockettab.h"

#include "ui/common/widgetfactory.h"
#include "ui/routes/wsmessageseditor.h"
#include "ui/routes/wsruleeditor.h"
#include "ui/routes/wsrulemodel.h"
#include "ui/routes/wstableview.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <utility>

namespace tollgate::ui {

namespace {

// The reader's bounds (readWs): an idle timeout is 0 (never) or 200 ms to
// an hour.
constexpr int kMaxIdleMs = 3'600'000;
constexpr int kMinIdleMs = 200;

QLabel* noteLabel(QWidget* parent)
{
    auto* note = new QLabel(parent);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

QSpinBox* bytesSpin(const QString& objectName, const QString& tip, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(1, int(server::kMaxWsMessageBytes));
    spin->setSingleStep(1024);
    spin->setAccelerated(true);
    spin->setGroupSeparatorShown(true);
    spin->setSuffix(RouteWebSocketTab::tr(" bytes"));
    spin->setToolTip(tip);
    return spin;
}

// "64 KiB" beside a size in bytes, so 65,536 reads at a glance.
QString sizeNote(int bytes)
{
    if (bytes < 1024)
        return {};
    // "64 KiB", not "64.0 KiB"; "1.5 MiB" where a unit is not whole.
    const int unit = bytes >= 1024 * 1024 ? 1024 * 1024 : 1024;
    return QLocale().formattedDataSize(
        bytes, bytes % unit == 0 ? 0 : 1, QLocale::DataSizeIecFormat);
}

} // namespace

RouteWebSocketTab::RouteWebSocketTab(QWidget* parent)
    : RouteSection(parent)
{
    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("wsContent"));
    auto* intro = noteLabel(content);
    intro->setObjectName(QStringLiteral("wsIntroNote"));
    intro->setText(tr("Messages are templates: {{message}} is the message answered, "
                      "{{message.json.type}} one of its fields, {{stream.index}} the message's "
                      "number; the upgrade request's fields ({{request.query.name}}...) work as "
                      "in responses."));
    intro->setToolTip(tr("Clients open a WebSocket on this route's path: ws://, a GET asking "
                         "for an upgrade"));
    m_error = errorLabel(QStringLiteral("wsErrorLabel"), content);
    m_error->setWordWrap(true);

    auto* left = new QVBoxLayout;
    left->setSpacing(10);
    left->addWidget(buildOnOpen(content), 1);
    left->addWidget(buildLimits(content));
    auto* columns = new QHBoxLayout;
    columns->setSpacing(12);
    columns->addLayout(left, 2);
    columns->addWidget(buildRules(content), 3);

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 10, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(intro);
    contentLayout->addWidget(m_error);
    contentLayout->addLayout(columns, 1);

    // The tables take the height there is; in a small window everything
    // scrolls rather than holding the window open.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("wsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget* RouteWebSocketTab::buildOnOpen(QWidget* parent)
{
    auto* box = new QGroupBox(tr("On open"), parent);
    box->setObjectName(QStringLiteral("wsOnOpenBox"));
    m_onOpen = new WsMessagesEditor(QStringLiteral("wsOnOpen"), box);
    m_onOpen->setStarter({ R"({"type": "update", "n": {{stream.index}}})", 1000 });
    m_onOpen->setHint(tr("Sent to each client that connects, top to bottom, each after its "
                         "delay."));
    m_onOpen->setTextLabel(tr("Te&xt of message %1:"));
    m_onOpen->setEmptyText(tr("No messages on open: a client is sent nothing until it sends "
                              "something."));
    connect(m_onOpen, &WsMessagesEditor::edited, this, [this](const QString& cell) {
        showError({});
        server::WsScript s = route().websocket;
        s.onOpen = m_onOpen->messages();
        edit(s, cell.isEmpty() ? QString() : QStringLiteral("ws/onOpen/") + cell,
            tr("Edit messages on open"));
    });
    connect(m_onOpen, &WsMessagesEditor::refused, this,
        [this](const QString& problem) { showError(tr("On open: %1").arg(problem)); });
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_onOpen);
    return box;
}

QWidget* RouteWebSocketTab::buildRules(QWidget* parent)
{
    auto* box = new QGroupBox(tr("Incoming messages"), parent);
    box->setObjectName(QStringLiteral("wsRulesBox"));

    m_rules = new WsRuleModel(box);
    m_rulesView = new WsTableView(box);
    m_rulesView->setObjectName(QStringLiteral("wsRulesView"));
    m_rulesView->setAccessibleName(tr("Rules"));
    m_rulesView->setModel(m_rules);
    m_rulesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rulesView->setSelectionMode(QAbstractItemView::SingleSelection);
    // The selected rule is edited under the table: a rule has a list of
    // replies, which a cell cannot hold.
    m_rulesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rulesView->setAlternatingRowColors(true);
    m_rulesView->setWordWrap(false);
    m_rulesView->verticalHeader()->setDefaultSectionSize(m_rulesView->fontMetrics().height() + 10);
    m_rulesView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = m_rulesView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WsRuleModel::ValueColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_rulesView->fontMetrics();
    const auto fit = [&](int column, const QString& widest) {
        const int title
            = fm.horizontalAdvance(m_rules->headerData(column, Qt::Horizontal).toString());
        header->resizeSection(column, std::max(title, fm.horizontalAdvance(widest)) + 24);
    };
    fit(WsRuleModel::MatchColumn, WsRuleModel::tr("contains"));
    fit(WsRuleModel::PointerColumn, WsRuleModel::tr("whole message"));
    const QString sender = WsRuleModel::tr("sender");
    const QString everyone = WsRuleModel::tr("everyone");
    fit(WsRuleModel::AudienceColumn,
        fm.horizontalAdvance(sender) > fm.horizontalAdvance(everyone) ? sender : everyone);
    fit(WsRuleModel::CloseCodeColumn, QStringLiteral("4999"));
    fit(WsRuleModel::CloseReasonColumn, QStringLiteral("goodbye"));
    fitRulesView();
    m_rulesView->setToolTip(tr("Checked top to bottom: the first rule that matches a text "
                               "message answers it"));
    connect(m_rulesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RouteWebSocketTab::showRule);
    // Double-click or Return: on to the rule's fields.
    connect(m_rulesView, &QAbstractItemView::activated, this, [this] { m_rule->focusValue(); });

    const auto withKey = [](const QString& tip, const QKeySequence& key) {
        return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
    };
    const QKeySequence addKey(Qt::Key_Insert);
    const QKeySequence removeKey(QKeySequence::Delete);
    const QKeySequence upKey(Qt::ALT | Qt::Key_Up);
    const QKeySequence downKey(Qt::ALT | Qt::Key_Down);
    m_addRule = iconButton(
        QStringLiteral("list-add"), tr("Add"), withKey(tr("Add a rule at the end"), addKey), box);
    m_addRule->setObjectName(QStringLiteral("wsAddRuleButton"));
    connect(m_addRule, &QToolButton::clicked, this, &RouteWebSocketTab::addRule);
    m_removeRule = iconButton(QStringLiteral("list-remove"), tr("Remove"),
        withKey(tr("Remove the selected rule"), removeKey), box);
    m_removeRule->setObjectName(QStringLiteral("wsRemoveRuleButton"));
    connect(m_removeRule, &QToolButton::clicked, this, &RouteWebSocketTab::removeRule);
    m_ruleUp = iconButton(
        QStringLiteral("go-up"), tr("Up"), withKey(tr("Check this rule earlier"), upKey), box);
    m_ruleUp->setObjectName(QStringLiteral("wsRuleUpButton"));
    connect(m_ruleUp, &QToolButton::clicked, this, [this] { moveRule(-1); });
    m_ruleDown = iconButton(
        QStringLiteral("go-down"), tr("Down"), withKey(tr("Check this rule later"), downKey), box);
    m_ruleDown->setObjectName(QStringLiteral("wsRuleDownButton"));
    connect(m_ruleDown, &QToolButton::clicked, this, [this] { moveRule(1); });
    // The keys work while the table has the focus.
    const std::pair<QKeySequence, std::function<void()>> keys[] = {
        { addKey, [this] { addRule(); } },
        { removeKey, [this] { removeRule(); } },
        { upKey, [this] { moveRule(-1); } },
        { downKey, [this] { moveRule(1); } },
    };
    for (const auto& [key, run] : keys) {
        auto* action = new QAction(m_rulesView);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, run);
        m_rulesView->addAction(action);
    }

    m_echo = new QCheckBox(tr("Echo &back messages no rule matches"), box);
    m_echo->setObjectName(QStringLiteral("wsEchoCheck"));
    m_echo->setToolTip(tr("A message no rule matches is sent back as it came; off: it is "
                          "answered with nothing. Rules are checked top to bottom; the first "
                          "that matches answers."));
    connect(m_echo, &QCheckBox::toggled, this, [this](bool on) {
        server::WsScript s = route().websocket;
        s.echo = on;
        edit(s, {},
            on ? tr("Echo unmatched messages") : tr("Answer unmatched messages with nothing"));
    });
    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_echo, 1);
    bar->addWidget(m_addRule, 0, Qt::AlignTop);
    bar->addWidget(m_removeRule, 0, Qt::AlignTop);
    bar->addWidget(m_ruleUp, 0, Qt::AlignTop);
    bar->addWidget(m_ruleDown, 0, Qt::AlignTop);

    m_rule = new WsRuleEditor(box);
    m_rule->setObjectName(QStringLiteral("wsRuleEditor"));
    connect(m_rule, &WsRuleEditor::edited, this,
        [this](const server::WsRule& rule, const QString& field, const QString& undoText) {
            const int row = m_rulesView->currentIndex().row();
            server::WsScript s = route().websocket;
            if (row < 0 || row >= int(s.rules.size()))
                return;
            showError({});
            s.rules[std::size_t(row)] = rule;
            edit(s,
                field.isEmpty() ? QString() : QStringLiteral("ws/rules/%1/%2").arg(row).arg(field),
                undoText);
        });
    connect(m_rule, &WsRuleEditor::refused, this,
        [this](const QString& problem) { showError(tr("Replies: %1").arg(problem)); });

    auto* line = new QFrame(box);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto* layout = new QVBoxLayout(box);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_rulesView);
    layout->addWidget(line);
    layout->addWidget(m_rule, 1);
    return box;
}

QWidget* RouteWebSocketTab::buildLimits(QWidget* parent)
{
    auto* box = new QGroupBox(tr("Limits"), parent);
    box->setObjectName(QStringLiteral("wsLimitsBox"));

    m_maxMessage = bytesSpin(QStringLiteral("wsMaxMessageSpin"),
        tr("A larger incoming message closes the connection with 1009 (message too big)"), box);
    m_maxMessageSize = noteLabel(box);
    connect(m_maxMessage, &QSpinBox::valueChanged, this, [this](int bytes) {
        server::WsScript s = route().websocket;
        s.maxMessageBytes = std::uint32_t(bytes);
        edit(s, QStringLiteral("ws/maxMessageBytes"), tr("Change largest message"));
    });
    m_frame = bytesSpin(QStringLiteral("wsFrameSpin"),
        tr("Messages sent are cut into frames of at most this size; clients put them back "
           "together"),
        box);
    m_frameSize = noteLabel(box);
    connect(m_frame, &QSpinBox::valueChanged, this, [this](int bytes) {
        server::WsScript s = route().websocket;
        s.frameBytes = std::uint32_t(bytes);
        edit(s, QStringLiteral("ws/frameBytes"), tr("Change frame size"));
    });

    m_idle = new QSpinBox(box);
    m_idle->setObjectName(QStringLiteral("wsIdleSpin"));
    m_idle->setRange(0, kMaxIdleMs);
    m_idle->setSingleStep(1000);
    m_idle->setAccelerated(true);
    m_idle->setGroupSeparatorShown(true);
    m_idle->setSuffix(tr(" ms"));
    m_idle->setSpecialValueText(tr("never"));
    m_idle->setToolTip(tr("A client quiet for half of this is pinged; one that answers nothing "
                          "for all of it is closed. 0: never."));
    connect(m_idle, &QSpinBox::valueChanged, this, [this](int ms) {
        // 1-199 ms is no timeout a network keeps: the reader refuses it.
        // It stays in the box with the reason until it is fixed.
        if (ms > 0 && ms < kMinIdleMs) {
            showLimitsProblem(tr("Idle timeout: 0 (never) or at least %1 ms.").arg(kMinIdleMs));
            return;
        }
        showLimitsProblem({});
        server::WsScript s = route().websocket;
        s.idleTimeoutMs = ms;
        edit(s, QStringLiteral("ws/idleTimeoutMs"), tr("Change idle timeout"));
    });
    m_limitsError = errorLabel(QStringLiteral("wsLimitsErrorLabel"), box);
    m_limitsError->setWordWrap(true);

    const auto withNote = [](QSpinBox* spin, QLabel* note) {
        auto* row = new QHBoxLayout;
        row->setSpacing(8);
        row->addWidget(spin);
        if (note)
            row->addWidget(note);
        row->addStretch(1);
        return row;
    };
    const auto label = [box](const QString& text, QSpinBox* spin) {
        auto* l = new QLabel(text, box);
        l->setBuddy(spin);
        return l;
    };
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(
        label(tr("Largest &message:"), m_maxMessage), withNote(m_maxMessage, m_maxMessageSize));
    form->addRow(label(tr("Frame si&ze:"), m_frame), withNote(m_frame, m_frameSize));
    form->addRow(label(tr("I&dle timeout:"), m_idle), withNote(m_idle, nullptr));

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_limitsError);
    return box;
}

server::WsMessage RouteWebSocketTab::starterOnOpen()
{
    return { R"({"type": "welcome", "path": "{{request.path}}"})", 0 };
}

void RouteWebSocketTab::addStarter(server::WsScript* script)
{
    if (*script != server::WsScript {})
        return;
    script->onOpen.push_back(starterOnOpen());
    script->rules.push_back(WsRuleModel::starterRule());
}

void RouteWebSocketTab::edit(
    const server::WsScript& script, const QString& mergeKey, const QString& undoText)
{
    server::Route r = route();
    r.websocket = script;
    commit(r, mergeKey, undoText);
}

void RouteWebSocketTab::editRules(
    std::vector<server::WsRule> rules, int select, const QString& undoText)
{
    showError({});
    // Rows move under the form: it starts over on the rule it shows next,
    // nothing half typed carried over to another rule.
    m_rule->clearRule();
    server::WsScript s = route().websocket;
    s.rules = std::move(rules);
    edit(s, {}, undoText);
    selectRule(select);
}

void RouteWebSocketTab::addRule()
{
    std::vector<server::WsRule> rules = route().websocket.rules;
    rules.push_back(WsRuleModel::starterRule());
    const int row = int(rules.size()) - 1;
    editRules(std::move(rules), row, tr("Add a rule"));
    // What a new rule needs first: the value it matches.
    m_rule->focusValue();
}

void RouteWebSocketTab::removeRule()
{
    const int row = m_rulesView->currentIndex().row();
    std::vector<server::WsRule> rules = route().websocket.rules;
    if (row < 0 || row >= int(rules.size()))
        return;
    rules.erase(rules.begin() + row);
    const int next = std::min(row, int(rules.size()) - 1);
    editRules(std::move(rules), next, tr("Remove a rule"));
}

void RouteWebSocketTab::moveRule(int delta)
{
    const int row = m_rulesView->currentIndex().row();
    std::vector<server::WsRule> rules = route().websocket.rules;
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= int(rules.size()))
        return;
    std::swap(rules[std::size_t(row)], rules[std::size_t(target)]);
    editRules(std::move(rules), target, tr("Move a rule"));
}

void RouteWebSocketTab::selectRule(int row)
{
    if (row < 0 || row >= m_rules->rowCount())
        return;
    const QModelIndex current = m_rulesView->currentIndex();
    const int column = current.isValid() ? current.column() : int(WsRuleModel::MatchColumn);
    m_rulesView->selectionModel()->setCurrentIndex(m_rules->index(row, column),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showRule();
}

void RouteWebSocketTab::showRule()
{
    const QModelIndex current = m_rulesView->currentIndex();
    const int rows = m_rules->rowCount();
    const bool selected = current.isValid() && hasRoute();
    m_removeRule->setEnabled(selected);
    m_ruleUp->setEnabled(selected && current.row() > 0);
    m_ruleDown->setEnabled(selected && current.row() < rows - 1);
    if (selected)
        m_rule->setRule(current.row(), m_rules->rules().at(std::size_t(current.row())));
    else
        m_rule->clearRule();
}

void RouteWebSocketTab::fitRulesView()
{
    // Every rule shows, from three rows to five; more scroll. The replies
    // below take the room left.
    const int rows = std::clamp(m_rules->rowCount(), 3, 5);
    const int height = m_rulesView->verticalHeader()->defaultSectionSize() * rows
        + m_rulesView->horizontalHeader()->sizeHint().height() + 2;
    if (m_rulesView->minimumHeight() != height)
        m_rulesView->setFixedHeight(height);
}

void RouteWebSocketTab::showError(const QString& error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void RouteWebSocketTab::showLimitsProblem(const QString& problem)
{
    m_limitsError->setText(problem);
    m_limitsError->setVisible(!problem.isEmpty());
}

void RouteWebSocketTab::load()
{
    const server::WsScript& s = route().websocket;
    m_onOpen->setMessages(s.onOpen);

    const int row = m_rulesView->currentIndex().row();
    m_rules->setRules(s.rules);
    fitRulesView();
    // After a reset (an undo, another route) keep the row the user was on,
    // or show the first: the form below always belongs to a rule.
    if (!m_rulesView->currentIndex().isValid() && m_rules->rowCount() > 0)
        selectRule(std::clamp(row, 0, m_rules->rowCount() - 1));
    showRule();
    setQuietly(m_echo, &QCheckBox::setChecked, s.echo);

    // Only a different value is set: a box being typed in keeps its text
    // and cursor as they are.
    const auto show = [](QSpinBox* spin, int value) {
        if (spin->value() != value)
            setQuietly(spin, &QSpinBox::setValue, value);
    };
    show(m_maxMessage, int(s.maxMessageBytes));
    m_maxMessageSize->setText(sizeNote(int(s.maxMessageBytes)));
    show(m_frame, int(s.frameBytes));
    m_frameSize->setText(sizeNote(int(s.frameBytes)));
    // A timeout still being fixed stays, unless the stored one changed.
    if (m_limitsError->text().isEmpty() || s.idleTimeoutMs != m_shownIdleMs) {
        showLimitsProblem({});
        show(m_idle, s.idleTimeoutMs);
    }
    m_shownIdleMs = s.idleTimeoutMs;
}

void RouteWebSocketTab::forget()
{
    showError({});
    showLimitsProblem({});
    m_shownIdleMs = -1;
    // Another route opens on its first message and rule, not on the rows
    // shown here.
    m_onOpen->setMessages({});
    m_rules->setRules({});
    m_rule->clearRule();
}

} // namespace tollgate::ui
