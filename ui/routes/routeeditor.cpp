#include "ui/routes/routeeditor.h"

#include "ui/common/appearance.h"
#include "ui/widgets/comboboxdelegate.h"
#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"
#include "ui/common/money.h"
#include "ui/routes/responseeditor.h"
#include "ui/routes/ruletablemodel.h"
#include "ui/common/scopelist.h"
#include "ui/document/workspacedocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopedValueRollback>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <type_traits>

namespace tollgate::ui {

namespace {

constexpr int kMaxLatencyMs = 60'000;
constexpr int kMaxBodyLimitKiB = 1024 * 1024; // 1 GiB
// The engine's bounds for a tier's rate and burst (tierProblems).
constexpr int kMaxRoutePerMinute = 60'000'000;
constexpr int kMaxRouteBurst = 1'000'000;

QToolButton* toolButton(const QString& iconName, const QString& text, const QString& tip,
    const QString& objectName, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setObjectName(objectName);
    b->setIcon(QIcon::fromTheme(iconName));
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setToolButtonStyle(b->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
    return b;
}

QString responseTitle(const server::Response& r)
{
    const QString label = r.label.empty() ? reasonPhrase(r.status) : toQt(r.label);
    return label.isEmpty() ? QString::number(r.status)
                           : QString(QString::number(r.status) + QLatin1Char(' ') + label);
}

// Sets a widget's value without it reporting an edit back.
template <typename Widget, typename Value>
void setQuietly(std::type_identity_t<Widget>* widget, void (Widget::*setter)(Value),
    std::type_identity_t<Value> value)
{
    const QSignalBlocker blocker(widget);
    (widget->*setter)(value);
}

} // namespace

RouteEditor::RouteEditor(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget(this))
{
    // Page 0: nothing selected.
    auto* empty = new QWidget(m_stack);
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(1);
    auto* emptyLabel = new QLabel(tr("No route selected"), empty);
    emptyLabel->setAlignment(Qt::AlignCenter);
    QFont big = emptyLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    emptyLabel->setFont(big);
    emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* emptyHint = new QLabel(tr("Select a route on the left, or create one."), empty);
    emptyHint->setAlignment(Qt::AlignCenter);
    emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto* newButton = new QPushButton(tr("New Route"), empty);
    newButton->setObjectName(QStringLiteral("emptyNewRouteButton"));
    connect(newButton, &QPushButton::clicked, this, &RouteEditor::newRouteRequested);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(newButton);
    buttonRow->addStretch(1);
    emptyLayout->addWidget(emptyLabel);
    emptyLayout->addWidget(emptyHint);
    emptyLayout->addSpacing(8);
    emptyLayout->addLayout(buttonRow);
    emptyLayout->addStretch(2);
    m_stack->addWidget(empty);

    // Page 1: the route.
    auto* page = new QWidget(m_stack);
    buildRoutePage(page);
    m_stack->addWidget(page);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(document, &WorkspaceDocument::routeChanged, this, [this](int row) {
        if (row == m_row)
            refresh();
    });
    // Rows shift under the editor when routes are added or removed elsewhere.
    connect(document, &WorkspaceDocument::routeInserted, this, [this](int row) {
        if (m_row >= 0 && row <= m_row)
            ++m_row;
    });
    connect(document, &WorkspaceDocument::routeRemoved, this, [this](int row) {
        if (row == m_row)
            setCurrentRow(-1);
        else if (m_row >= 0 && row < m_row)
            --m_row;
    });
    connect(document, &WorkspaceDocument::routesReset, this, [this] { setCurrentRow(-1); });

    setCurrentRow(-1);
}

void RouteEditor::buildRoutePage(QWidget* page)
{
    m_method = new QComboBox(page);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->addItems(httpMethods());
    m_method->setToolTip(tr("HTTP method"));
    {
        QFont f = monospaceFont();
        f.setBold(true);
        m_method->setFont(f);
    }
    connect(m_method, &QComboBox::currentTextChanged, this, [this](const QString& method) {
        server::Route r = route();
        r.method = toStd(method);
        commit(r, QStringLiteral("method"), tr("Change method"));
    });

    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_path->setFont(monospaceFont());
    m_path->setPlaceholderText(QStringLiteral("/v1/users/{id}"));
    m_path->setToolTip(tr("Path template: literal segments, {name} parameters and a trailing *"));
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString& text) {
        const QString path = text.trimmed();
        if (!path.startsWith(QLatin1Char('/'))) {
            setPathError(tr("The path must start with '/'."));
            return;
        }
        if (path.contains(QLatin1Char(' '))) {
            setPathError(tr("The path must not contain spaces (use %20)."));
            return;
        }
        setPathError({});
        server::Route r = route();
        r.path = toStd(path);
        commit(r, QStringLiteral("path"), tr("Change path"));
    });
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        // Leaving an invalid path shows the stored one again.
        if (m_row < 0)
            return;
        const QString stored = toQt(route().path);
        if (m_path->text().trimmed() != stored) {
            m_path->setText(stored);
            setPathError({});
        }
    });

    m_pathError = new QLabel(page);
    m_pathError->setObjectName(QStringLiteral("pathErrorLabel"));
    {
        QPalette p = m_pathError->palette();
        p.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x3a));
        m_pathError->setPalette(p);
    }
    m_pathError->hide();

    m_enabled = new QCheckBox(tr("&Enabled"), page);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setToolTip(tr("Disabled routes are kept but not served"));
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        server::Route r = route();
        r.enabled = on;
        commit(r, {}, on ? tr("Enable route") : tr("Disable route"));
    });

    m_description = new QLineEdit(page);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("What this route is for (optional)"));
    connect(m_description, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Route r = route();
        r.description = toStd(text);
        commit(r, QStringLiteral("description"), tr("Edit description"));
    });

    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_method);
    top->addWidget(m_path, 1);
    top->addSpacing(8);
    top->addWidget(m_enabled);
    auto* tryIt = new QToolButton(page);
    tryIt->setObjectName(QStringLiteral("tryItButton"));
    tryIt->setText(tr("Try It"));
    tryIt->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    tryIt->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tryIt->setToolTip(tr("Open this route in the request composer with a matching example "
                         "(Ctrl+Shift+Return)"));
    tryIt->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    connect(tryIt, &QToolButton::clicked, this, [this] {
        if (m_row >= 0)
            Q_EMIT tryItRequested(m_row);
    });
    top->addWidget(tryIt);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("routeTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildResponsesTab(), tr("Responses"));
    m_tabs->addTab(buildRulesTab(), tr("Rules"));
    m_tabs->addTab(buildBehaviourTab(), tr("Behaviour"));
    m_tabs->addTab(buildAccessTab(), tr("Access"));

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 10, 10, 6);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_pathError);
    layout->addWidget(m_description);
    layout->addSpacing(4);
    layout->addWidget(m_tabs, 1);
}

QWidget* RouteEditor::buildResponsesTab()
{
    auto* tab = new QWidget(this);
    m_responseTabs = new QTabBar(tab);
    m_responseTabs->setObjectName(QStringLiteral("responseTabs"));
    m_responseTabs->setExpanding(false);
    m_responseTabs->setDrawBase(false);
    m_responseTabs->setElideMode(Qt::ElideRight);
    m_responseTabs->setUsesScrollButtons(true);
    connect(m_responseTabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index < 0)
            return;
        m_response = index;
        refresh();
    });

    auto* add = toolButton(QStringLiteral("list-add"), tr("Add"), tr("Add a response"),
        QStringLiteral("addResponseButton"), tab);
    connect(add, &QToolButton::clicked, this, [this] { addResponse(false); });
    auto* duplicate = toolButton(QStringLiteral("edit-copy"), tr("Duplicate"),
        tr("Duplicate this response"), QStringLiteral("duplicateResponseButton"), tab);
    connect(duplicate, &QToolButton::clicked, this, [this] { addResponse(true); });
    m_removeResponse = toolButton(QStringLiteral("list-remove"), tr("Remove"),
        tr("Remove this response"), QStringLiteral("removeResponseButton"), tab);
    connect(m_removeResponse, &QToolButton::clicked, this, &RouteEditor::removeResponse);

    m_responseEditor = new ResponseEditor(tab);
    connect(m_responseEditor, &ResponseEditor::edited, this,
        [this](const server::Response& response, const QString& field, const QString& text) {
            server::Route r = route();
            if (m_response < 0 || m_response >= int(r.responses.size()))
                return;
            r.responses[std::size_t(m_response)] = response;
            commit(r, QStringLiteral("response/%1/%2").arg(m_response).arg(field), text);
        });

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_responseTabs, 1);
    bar->addWidget(add);
    bar->addWidget(duplicate);
    bar->addWidget(m_removeResponse);

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_responseEditor, 1);
    return tab;
}

QWidget* RouteEditor::buildRulesTab()
{
    auto* tab = new QWidget(this);
    m_mode = new QComboBox(tab);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Rules, then default"), int(server::ResponseMode::Rules));
    m_mode->addItem(tr("Random"), int(server::ResponseMode::Random));
    m_mode->addItem(tr("Sequential (round robin)"), int(server::ResponseMode::Sequential));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        server::Route r = route();
        r.mode = server::ResponseMode(m_mode->itemData(index).toInt());
        commit(r, {}, tr("Change response mode"));
    });

    m_defaultResponse = new QComboBox(tab);
    m_defaultResponse->setObjectName(QStringLiteral("defaultResponseCombo"));
    connect(m_defaultResponse, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        server::Route r = route();
        r.defaultResponse = index;
        commit(r, {}, tr("Change default response"));
    });

    m_rules = new RuleTableModel(this);
    connect(m_rules, &RuleTableModel::rulesEdited, this, [this] {
        server::Route r = route();
        r.rules = m_rules->rules();
        commit(r, QStringLiteral("rules"), tr("Edit rules"));
    });
    m_rulesView = new QTableView(tab);
    m_rulesView->setObjectName(QStringLiteral("rulesView"));
    m_rulesView->setModel(m_rules);
    m_rulesView->setItemDelegate(new ComboBoxDelegate(RuleTableModel::ChoicesRole, m_rulesView));
    m_rulesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rulesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rulesView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_rulesView->setAlternatingRowColors(true);
    m_rulesView->verticalHeader()->setDefaultSectionSize(m_rulesView->fontMetrics().height() + 10);
    m_rulesView->horizontalHeader()->setStretchLastSection(true);
    m_rulesView->horizontalHeader()->resizeSection(RuleTableModel::SourceColumn, 170);
    m_rulesView->horizontalHeader()->resizeSection(RuleTableModel::KeyColumn, 140);
    m_rulesView->horizontalHeader()->resizeSection(RuleTableModel::OperatorColumn, 130);
    m_rulesView->horizontalHeader()->resizeSection(RuleTableModel::ValueColumn, 160);
    connect(m_rulesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RouteEditor::updateRuleButtons);

    m_addRule = toolButton(QStringLiteral("list-add"), tr("Add"), tr("Add a rule"),
        QStringLiteral("addRuleButton"), tab);
    connect(m_addRule, &QToolButton::clicked, this, [this] {
        const int row = m_rules->rowCount();
        m_rules->insertRows(row, 1);
        m_rulesView->setCurrentIndex(m_rules->index(row, RuleTableModel::KeyColumn));
        m_rulesView->edit(m_rulesView->currentIndex());
    });
    m_removeRule = toolButton(QStringLiteral("list-remove"), tr("Remove"),
        tr("Remove the selected rule"), QStringLiteral("removeRuleButton"), tab);
    connect(m_removeRule, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_rulesView->currentIndex();
        if (current.isValid())
            m_rules->removeRows(current.row(), 1);
    });
    m_ruleUp = toolButton(QStringLiteral("go-up"), tr("Up"), tr("Check this rule earlier"),
        QStringLiteral("ruleUpButton"), tab);
    connect(m_ruleUp, &QToolButton::clicked, this, [this] { moveRule(-1); });
    m_ruleDown = toolButton(QStringLiteral("go-down"), tr("Down"), tr("Check this rule later"),
        QStringLiteral("ruleDownButton"), tab);
    connect(m_ruleDown, &QToolButton::clicked, this, [this] { moveRule(1); });

    m_rulesHint = new QLabel(tab);
    m_rulesHint->setWordWrap(true);
    m_rulesHint->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(tr("&Default response:"), m_defaultResponse);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_rulesHint, 1);
    bar->addWidget(m_addRule);
    bar->addWidget(m_removeRule);
    bar->addWidget(m_ruleUp);
    bar->addWidget(m_ruleDown);

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(form);
    layout->addLayout(bar);
    layout->addWidget(m_rulesView, 1);
    return tab;
}

QWidget* RouteEditor::buildBehaviourTab()
{
    auto* tab = new QWidget(this);

    m_latencyMin = new QSpinBox(tab);
    m_latencyMin->setObjectName(QStringLiteral("latencyMinSpin"));
    m_latencyMax = new QSpinBox(tab);
    m_latencyMax->setObjectName(QStringLiteral("latencyMaxSpin"));
    for (QSpinBox* spin : { m_latencyMin, m_latencyMax }) {
        spin->setRange(0, kMaxLatencyMs);
        spin->setSingleStep(10);
        spin->setSuffix(tr(" ms"));
        spin->setAccelerated(true);
    }
    m_latencyMax->setSpecialValueText(tr("same as minimum"));
    connect(m_latencyMin, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.latency.minMs = value;
        commit(r, QStringLiteral("latencyMin"), tr("Change latency"));
    });
    connect(m_latencyMax, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.latency.maxMs = value;
        commit(r, QStringLiteral("latencyMax"), tr("Change latency"));
    });

    m_failurePercent = new QDoubleSpinBox(tab);
    m_failurePercent->setObjectName(QStringLiteral("failurePercentSpin"));
    m_failurePercent->setRange(0.0, 100.0);
    m_failurePercent->setDecimals(1);
    m_failurePercent->setSingleStep(1.0);
    m_failurePercent->setSuffix(tr(" %"));
    connect(m_failurePercent, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        server::Route r = route();
        r.failure.percent = value;
        commit(r, QStringLiteral("failurePercent"), tr("Change failure rate"));
    });

    m_failureStatus = new QSpinBox(tab);
    m_failureStatus->setObjectName(QStringLiteral("failureStatusSpin"));
    m_failureStatus->setRange(500, 599);
    connect(m_failureStatus, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.failure.status = value;
        commit(r, QStringLiteral("failureStatus"), tr("Change failure status"));
    });

    m_failureReset = new QCheckBox(tr("Reset the connection instead of answering"), tab);
    m_failureReset->setObjectName(QStringLiteral("failureResetCheck"));
    connect(m_failureReset, &QCheckBox::toggled, this, [this](bool on) {
        server::Route r = route();
        r.failure.reset = on;
        m_failureStatus->setEnabled(!on);
        commit(r, {}, tr("Change failure mode"));
    });

    m_bodyLimit = new QSpinBox(tab);
    m_bodyLimit->setObjectName(QStringLiteral("bodyLimitSpin"));
    m_bodyLimit->setRange(1, kMaxBodyLimitKiB);
    m_bodyLimit->setSuffix(tr(" KiB"));
    m_bodyLimit->setAccelerated(true);
    m_bodyLimit->setToolTip(tr("Requests with a larger body are answered 413 before it is read"));
    connect(m_bodyLimit, &QSpinBox::valueChanged, this, [this](int kib) {
        server::Route r = route();
        r.bodyLimit = std::size_t(kib) * 1024;
        commit(r, QStringLiteral("bodyLimit"), tr("Change body limit"));
    });

    auto* latencyBox = new QGroupBox(tr("Latency"), tab);
    auto* latencyForm = new QFormLayout(latencyBox);
    latencyForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    latencyForm->addRow(tr("M&inimum:"), m_latencyMin);
    latencyForm->addRow(tr("M&aximum:"), m_latencyMax);
    auto* latencyNote = new QLabel(
        tr("Each response waits a uniformly random time between minimum and maximum."), latencyBox);
    latencyNote->setWordWrap(true);
    latencyNote->setForegroundRole(QPalette::PlaceholderText);
    latencyForm->addRow(latencyNote);

    auto* failureBox = new QGroupBox(tr("Failure injection"), tab);
    auto* failureForm = new QFormLayout(failureBox);
    failureForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    failureForm->addRow(tr("&Fail requests:"), m_failurePercent);
    failureForm->addRow(tr("Failure s&tatus:"), m_failureStatus);
    failureForm->addRow(QString(), m_failureReset);

    auto* limitsBox = new QGroupBox(tr("Limits"), tab);
    auto* limitsForm = new QFormLayout(limitsBox);
    limitsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    limitsForm->addRow(tr("Request &body limit:"), m_bodyLimit);

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(latencyBox);
    layout->addWidget(failureBox);
    layout->addWidget(limitsBox);
    layout->addStretch(1);
    return tab;
}

QWidget* RouteEditor::buildAccessTab()
{
    auto* tab = new QWidget(this);

    m_accessPublic = new QRadioButton(tr("&Public: anyone may call this route"), tab);
    m_accessPublic->setObjectName(QStringLiteral("accessPublicRadio"));
    m_accessKey = new QRadioButton(tr("API &key required"), tab);
    m_accessKey->setObjectName(QStringLiteral("accessKeyRadio"));
    m_accessKey->setToolTip(
        tr("Callers send a key as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\"; "
           "without a valid one they get 401"));
    // The two radios are exclusive: the key one's toggle is every change.
    connect(m_accessKey, &QRadioButton::toggled, this, [this](bool on) {
        m_keyedBox->setEnabled(on);
        m_scopes->setEnabled(on);
        server::Route r = route();
        r.access.keyRequired = on;
        commit(r, {}, on ? tr("Require an API key") : tr("Make route public"));
    });

    m_scopes = new QLineEdit(tab);
    m_scopes->setObjectName(QStringLiteral("accessScopesEdit"));
    m_scopes->setPlaceholderText(tr("none: any valid key"));
    m_scopes->setToolTip(tr("Comma separated; a key must hold all of them, else 403"));
    connect(m_scopes, &QLineEdit::textEdited, this, [this](const QString& text) {
        std::vector<std::string> scopes;
        QString error;
        if (!ScopeList::parse(text, &scopes, &error)) {
            setAccessError(error);
            return;
        }
        setAccessError({});
        server::Route r = route();
        r.access.scopes = scopes;
        commit(r, QStringLiteral("access/scopes"), tr("Change required scopes"));
    });

    m_price = new QLineEdit(tab);
    m_price->setObjectName(QStringLiteral("accessPriceEdit"));
    m_price->setPlaceholderText(tr("the tier's price"));
    m_price->setToolTip(tr("What the caller pays per request on this route, in USD (e.g. 0.002); "
                           "empty uses the price of the caller's tier"));
    connect(m_price, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Micros micros = -1;
        QString error;
        if (!text.trimmed().isEmpty() && !Money::parse(text, &micros, &error)) {
            setAccessError(tr("Price: %1").arg(error));
            return;
        }
        setAccessError({});
        server::Route r = route();
        r.access.priceMicros = micros;
        commit(r, QStringLiteral("access/price"), tr("Change price"));
    });

    m_cost = new QLineEdit(tab);
    m_cost->setObjectName(QStringLiteral("accessCostEdit"));
    m_cost->setPlaceholderText(QStringLiteral("0"));
    m_cost->setToolTip(
        tr("What serving one request costs you, in USD (compute, upstream fees), for every "
           "request the route answers, with a key or without; it is subtracted from revenue to "
           "show the margin"));
    connect(m_cost, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Micros micros = 0;
        QString error;
        if (!text.trimmed().isEmpty() && !Money::parse(text, &micros, &error)) {
            setAccessError(tr("Cost: %1").arg(error));
            return;
        }
        setAccessError({});
        server::Route r = route();
        r.access.costMicros = micros;
        commit(r, QStringLiteral("access/cost"), tr("Change cost"));
    });

    m_costPerMs = new QLineEdit(tab);
    m_costPerMs->setObjectName(QStringLiteral("accessCostPerMsEdit"));
    m_costPerMs->setPlaceholderText(QStringLiteral("0"));
    m_costPerMs->setToolTip(
        tr("What each millisecond of handling a request costs you, in USD (e.g. 0.00001 for "
           "compute billed by time); added to the cost per request for every request the route "
           "answers, injected latency included"));
    connect(m_costPerMs, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Micros micros = 0;
        QString error;
        if (!text.trimmed().isEmpty() && !Money::parse(text, &micros, &error)) {
            setAccessError(tr("Cost per ms: %1").arg(error));
            return;
        }
        setAccessError({});
        server::Route r = route();
        r.access.costPerMsMicros = micros;
        commit(r, QStringLiteral("access/costPerMs"), tr("Change cost per ms"));
    });
    for (QLineEdit* edit : { m_scopes, m_price, m_cost, m_costPerMs }) {
        // Leaving a field with an invalid entry shows the stored value again.
        connect(edit, &QLineEdit::editingFinished, this, [this] {
            if (m_row < 0 || m_accessError->text().isEmpty())
                return;
            setAccessError({});
            refresh();
        });
    }

    m_routeRate = new QSpinBox(tab);
    m_routeRate->setObjectName(QStringLiteral("accessRateSpin"));
    m_routeRate->setRange(0, kMaxRoutePerMinute);
    m_routeRate->setSpecialValueText(tr("the tier's"));
    m_routeRate->setSuffix(tr(" req/min"));
    m_routeRate->setAccelerated(true);
    m_routeRate->setToolTip(tr("A rate limit of this route's own, per key, instead of the tier's"));
    connect(m_routeRate, &QSpinBox::valueChanged, this, [this](int value) {
        m_routeBurst->setEnabled(value > 0);
        server::Route r = route();
        r.access.requestsPerMinute = value;
        commit(r, QStringLiteral("access/rate"), tr("Change rate limit"));
    });
    m_routeBurst = new QSpinBox(tab);
    m_routeBurst->setObjectName(QStringLiteral("accessBurstSpin"));
    m_routeBurst->setRange(0, kMaxRouteBurst);
    m_routeBurst->setSpecialValueText(tr("the tier's"));
    m_routeBurst->setAccelerated(true);
    m_routeBurst->setToolTip(tr("Requests a key may send at once on top of the rate"));
    connect(m_routeBurst, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.access.burst = value;
        commit(r, QStringLiteral("access/burst"), tr("Change burst"));
    });

    m_accessError = new QLabel(tab);
    m_accessError->setObjectName(QStringLiteral("accessErrorLabel"));
    m_accessError->setWordWrap(true);
    {
        QPalette p = m_accessError->palette();
        p.setColor(QPalette::WindowText, QColor(0xd0, 0x3a, 0x3a));
        m_accessError->setPalette(p);
    }
    m_accessError->hide();

    auto* whoBox = new QGroupBox(tr("Who may call"), tab);
    auto* whoLayout = new QVBoxLayout(whoBox);
    whoLayout->addWidget(m_accessPublic);
    whoLayout->addWidget(m_accessKey);
    auto* scopesForm = new QFormLayout;
    scopesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Indented under the radio button it belongs to.
    scopesForm->setContentsMargins(24, 0, 0, 0);
    scopesForm->addRow(tr("Required &scopes:"), m_scopes);
    whoLayout->addLayout(scopesForm);

    m_keyedBox = new QWidget(tab);

    const int moneyWidth = m_price->fontMetrics().horizontalAdvance(tr("the tier's price")) + 40;
    for (QLineEdit* edit : { m_price, m_cost, m_costPerMs })
        edit->setMinimumWidth(moneyWidth);

    // What a request costs applies to every request the route answers, so
    // it sits outside the part that only keyed requests use.
    auto* costBox = new QGroupBox(tr("Cost of serving"), tab);
    auto* costForm = new QFormLayout(costBox);
    costForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    costForm->addRow(tr("C&ost per request (USD):"), m_cost);
    costForm->addRow(tr("Cost per &ms (USD):"), m_costPerMs);

    auto* pricingBox = new QGroupBox(tr("Price per request"), m_keyedBox);
    auto* pricingForm = new QFormLayout(pricingBox);
    pricingForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    pricingForm->addRow(tr("P&rice (USD):"), m_price);

    auto* rateBox = new QGroupBox(tr("Own rate limit"), m_keyedBox);
    auto* rateForm = new QFormLayout(rateBox);
    rateForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    rateForm->addRow(tr("R&ate:"), m_routeRate);
    rateForm->addRow(tr("B&urst:"), m_routeBurst);

    auto* keyedNote = new QLabel(tr("Scopes, price and the rate limit apply to requests made with "
                                    "a key; the monthly quota is always the tier's."),
        m_keyedBox);
    keyedNote->setWordWrap(true);
    keyedNote->setForegroundRole(QPalette::PlaceholderText);

    auto* keyedLayout = new QVBoxLayout(m_keyedBox);
    keyedLayout->setContentsMargins(0, 0, 0, 0);
    keyedLayout->setSpacing(10);
    keyedLayout->addWidget(pricingBox);
    keyedLayout->addWidget(rateBox);
    keyedLayout->addWidget(keyedNote);

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(whoBox);
    layout->addWidget(m_accessError);
    layout->addWidget(m_keyedBox);
    layout->addWidget(costBox);
    layout->addStretch(1);
    return tab;
}

void RouteEditor::setCurrentRow(int row)
{
    if (row >= m_document->routeCount())
        row = -1;
    if (row != m_row) {
        m_row = row;
        m_response = 0;
        setPathError({});
        setAccessError({});
    }
    m_stack->setCurrentIndex(m_row < 0 ? 0 : 1);
    if (m_row >= 0)
        refresh();
}

void RouteEditor::setCurrentResponse(int index)
{
    if (m_row < 0 || index < 0 || index >= int(route().responses.size()))
        return;
    m_responseTabs->setCurrentIndex(index);
}

server::Route RouteEditor::route() const
{
    if (m_row < 0 || m_row >= m_document->routeCount())
        return {};
    return m_document->route(m_row);
}

void RouteEditor::commit(const server::Route& route, const QString& field, const QString& text)
{
    if (m_row < 0 || m_refreshing)
        return;
    m_document->setRoute(m_row, route, field, text);
}

void RouteEditor::refresh()
{
    if (m_row < 0)
        return;
    const QScopedValueRollback refreshing(m_refreshing, true);
    const server::Route r = route();

    setQuietly(m_method, &QComboBox::setCurrentText, toQt(r.method));
    // An invalid path the user is still typing stays; anything else shows
    // the stored value (undo, reload, another route).
    const QString path = toQt(r.path);
    const bool typingInvalid = m_path->hasFocus() && !m_pathError->text().isEmpty();
    if (m_path->text().trimmed() != path && !typingInvalid) {
        setQuietly(m_path, &QLineEdit::setText, path);
        setPathError({});
    }
    setQuietly(m_enabled, &QCheckBox::setChecked, r.enabled);
    if (m_description->text() != toQt(r.description))
        setQuietly(m_description, &QLineEdit::setText, toQt(r.description));

    refreshResponseTabs(r);
    m_response = r.responses.empty() ? -1 : std::clamp(m_response, 0, int(r.responses.size()) - 1);
    if (m_response >= 0)
        m_responseEditor->setResponse(
            r.responses[std::size_t(m_response)], m_document->directory());
    m_responseEditor->setEnabled(m_response >= 0);

    setQuietly(m_mode, &QComboBox::setCurrentIndex, m_mode->findData(int(r.mode)));
    setQuietly(m_defaultResponse, &QComboBox::setCurrentIndex,
        r.defaultResponse < m_defaultResponse->count() ? r.defaultResponse : -1);
    m_rules->setRules(r.rules);
    const bool rulesMode = r.mode == server::ResponseMode::Rules;
    m_rulesView->setEnabled(rulesMode);
    m_defaultResponse->setEnabled(rulesMode);
    m_rulesHint->setText(rulesMode ? tr("Checked top to bottom: the first matching rule picks the "
                                        "response, otherwise the default response is sent.")
                                   : tr("Rules are not used in this mode: every response takes its "
                                        "turn."));
    updateRuleButtons();

    setQuietly(m_latencyMin, &QSpinBox::setValue, r.latency.minMs);
    setQuietly(m_latencyMax, &QSpinBox::setValue, r.latency.maxMs);
    setQuietly(m_failurePercent, &QDoubleSpinBox::setValue, r.failure.percent);
    setQuietly(m_failureStatus, &QSpinBox::setValue, r.failure.status);
    setQuietly(m_failureReset, &QCheckBox::setChecked, r.failure.reset);
    m_failureStatus->setEnabled(!r.failure.reset);
    setQuietly(m_bodyLimit, &QSpinBox::setValue,
        int(std::clamp<std::size_t>((r.bodyLimit + 1023) / 1024, 1, kMaxBodyLimitKiB)));
    refreshAccess(r.access);
}

void RouteEditor::refreshAccess(const server::RouteAccess& a)
{
    {
        const QSignalBlocker blockPublic(m_accessPublic);
        const QSignalBlocker blockKey(m_accessKey);
        m_accessKey->setChecked(a.keyRequired);
        m_accessPublic->setChecked(!a.keyRequired);
    }
    m_keyedBox->setEnabled(a.keyRequired);
    m_scopes->setEnabled(a.keyRequired);

    // A field shows the stored value unless it already means it, or the
    // user is in the middle of typing something invalid there.
    const bool invalid = !m_accessError->text().isEmpty();
    const auto show = [invalid](QLineEdit* edit, bool means, const QString& text) {
        if (means || (invalid && edit->hasFocus()))
            return;
        const QSignalBlocker blocker(edit);
        edit->setText(text);
    };
    std::vector<std::string> scopes;
    show(m_scopes, ScopeList::parse(m_scopes->text(), &scopes) && scopes == a.scopes,
        ScopeList::toText(a.scopes));
    server::Micros price = -1;
    const bool priceMeans = m_price->text().trimmed().isEmpty()
        ? a.priceMicros < 0
        : Money::parse(m_price->text(), &price) && price == a.priceMicros;
    show(m_price, priceMeans, a.priceMicros < 0 ? QString() : Money::editText(a.priceMicros));
    server::Micros cost = 0;
    const bool costMeans = m_cost->text().trimmed().isEmpty()
        ? a.costMicros == 0
        : Money::parse(m_cost->text(), &cost) && cost == a.costMicros;
    show(m_cost, costMeans, Money::editText(a.costMicros));
    server::Micros perMs = 0;
    const bool perMsMeans = m_costPerMs->text().trimmed().isEmpty()
        ? a.costPerMsMicros == 0
        : Money::parse(m_costPerMs->text(), &perMs) && perMs == a.costPerMsMicros;
    show(m_costPerMs, perMsMeans, Money::editText(a.costPerMsMicros));

    setQuietly(m_routeRate, &QSpinBox::setValue,
        int(std::clamp<std::int64_t>(a.requestsPerMinute, 0, kMaxRoutePerMinute)));
    setQuietly(m_routeBurst, &QSpinBox::setValue,
        int(std::clamp<std::int64_t>(a.burst, 0, kMaxRouteBurst)));
    m_routeBurst->setEnabled(a.requestsPerMinute > 0);
}

void RouteEditor::setAccessError(const QString& error)
{
    m_accessError->setText(error);
    m_accessError->setVisible(!error.isEmpty());
}

void RouteEditor::refreshResponseTabs(const server::Route& r)
{
    const QSignalBlocker blocker(m_responseTabs);
    while (m_responseTabs->count() > int(r.responses.size()))
        m_responseTabs->removeTab(m_responseTabs->count() - 1);
    QStringList labels;
    for (int i = 0; i < int(r.responses.size()); ++i) {
        const server::Response& response = r.responses[std::size_t(i)];
        const QString title = responseTitle(response);
        if (i >= m_responseTabs->count())
            m_responseTabs->addTab(title);
        else if (m_responseTabs->tabText(i) != title)
            m_responseTabs->setTabText(i, title);
        m_responseTabs->setTabToolTip(i, tr("Response #%1").arg(i + 1));
        m_responseTabs->setTabTextColor(i, statusColor(response.status, palette()));
        labels << QStringLiteral("#%1 · %2").arg(i + 1).arg(title);
    }
    m_responseTabs->setCurrentIndex(
        std::clamp(m_response, 0, std::max(0, int(r.responses.size()) - 1)));
    m_removeResponse->setEnabled(r.responses.size() > 1);
    // QTabBar only re-announces its size hint while visible; tabs added while
    // the editor page is hidden would otherwise leave it zero pixels high.
    m_responseTabs->updateGeometry();

    m_rules->setResponseLabels(labels);
    if (labels != [this] {
            QStringList current;
            for (int i = 0; i < m_defaultResponse->count(); ++i)
                current << m_defaultResponse->itemText(i);
            return current;
        }()) {
        const QSignalBlocker comboBlocker(m_defaultResponse);
        m_defaultResponse->clear();
        m_defaultResponse->addItems(labels);
    }
}

void RouteEditor::addResponse(bool duplicate)
{
    if (m_row < 0)
        return;
    server::Route r = route();
    server::Response response;
    if (duplicate && m_response >= 0 && m_response < int(r.responses.size())) {
        response = r.responses[std::size_t(m_response)];
        response.label = toStd(tr("%1 (copy)").arg(toQt(response.label)).trimmed());
    } else {
        response.status = 200;
        response.label = toStd(tr("Response %1").arg(r.responses.size() + 1));
        response.headers = { { "Content-Type", "application/json" } };
        response.body = "{}\n";
    }
    r.responses.push_back(response);
    m_response = int(r.responses.size()) - 1;
    commit(r, {}, duplicate ? tr("Duplicate response") : tr("Add response"));
    refresh();
}

void RouteEditor::removeResponse()
{
    server::Route r = route();
    if (m_row < 0 || r.responses.size() <= 1 || m_response < 0
        || m_response >= int(r.responses.size()))
        return;
    const int removed = m_response;
    r.responses.erase(r.responses.begin() + removed);
    // Rules and the default refer to responses by index: keep them pointing
    // at the same responses, and send the removed one's users to the first.
    const auto remap = [removed](int index) {
        if (index == removed)
            return 0;
        return index > removed ? index - 1 : index;
    };
    for (server::Rule& rule : r.rules)
        rule.response = remap(rule.response);
    r.defaultResponse = remap(r.defaultResponse);
    m_response = std::min(removed, int(r.responses.size()) - 1);
    commit(r, {}, tr("Remove response"));
    refresh();
}

void RouteEditor::moveRule(int delta)
{
    const QModelIndex current = m_rulesView->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const int target = row + delta;
    if (target < 0 || target >= m_rules->rowCount())
        return;
    // moveRows takes the destination before which the row lands.
    m_rules->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target);
    m_rulesView->setCurrentIndex(m_rules->index(target, current.column()));
}

void RouteEditor::updateRuleButtons()
{
    const QModelIndex current = m_rulesView->currentIndex();
    const bool rulesMode = m_rulesView->isEnabled();
    m_addRule->setEnabled(rulesMode);
    m_removeRule->setEnabled(rulesMode && current.isValid());
    m_ruleUp->setEnabled(rulesMode && current.isValid() && current.row() > 0);
    m_ruleDown->setEnabled(
        rulesMode && current.isValid() && current.row() < m_rules->rowCount() - 1);
}

void RouteEditor::setPathError(const QString& error)
{
    m_pathError->setText(error);
    m_pathError->setVisible(!error.isEmpty());
}

} // namespace tollgate::ui
