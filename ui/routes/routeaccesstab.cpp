#include "ui/routes/routeaccesstab.h"

#include "ui/common/convert.h"
#include "ui/common/money.h"
#include "ui/common/scopelist.h"
#include "ui/common/widgetfactory.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

// The engine's bounds for a tier's rate and burst (tierProblems).
constexpr int kMaxRoutePerMinute = 60'000'000;
constexpr int kMaxRouteBurst = 1'000'000;

// What is wrong with a token count's JSON pointer (RFC 6901). The engine
// only refuses one without the leading '/'; a stray '~' it would take, and
// then never find the count, so it is caught here while typing.
enum class PointerProblem { None, NoSlash, BadEscape };

PointerProblem pointerProblem(const QString& pointer)
{
    if (pointer.isEmpty())
        return PointerProblem::None;
    if (!pointer.startsWith(QLatin1Char('/')))
        return PointerProblem::NoSlash;
    for (qsizetype i = pointer.indexOf(QLatin1Char('~')); i >= 0;
         i = pointer.indexOf(QLatin1Char('~'), i + 1)) {
        const QChar next = i + 1 < pointer.size() ? pointer.at(i + 1) : QChar();
        if (next != QLatin1Char('0') && next != QLatin1Char('1'))
            return PointerProblem::BadEscape;
    }
    return PointerProblem::None;
}

// A route streaming tokens counts them as it sends them (workspace.h).
bool streamsTokens(const server::Route& route)
{
    return route.responder == server::RouteResponder::Sse
        && route.sse.mode == server::SseMode::Tokens;
}

} // namespace

RouteAccessTab::RouteAccessTab(QWidget* parent)
    : RouteSection(parent)
    , m_public(new QRadioButton(tr("&Public: anyone may call this route"), this))
    , m_keyed(new QRadioButton(tr("API &key required"), this))
    , m_scopes(new QLineEdit(this))
{
    m_public->setObjectName(QStringLiteral("accessPublicRadio"));
    m_keyed->setObjectName(QStringLiteral("accessKeyRadio"));
    m_keyed->setToolTip(
        tr("Callers send a key as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\"; "
           "without a valid one they get 401"));
    // The two radios are exclusive: the key one's toggle is every change.
    connect(m_keyed, &QRadioButton::toggled, this, [this](bool on) {
        m_keyedBox->setEnabled(on);
        m_scopes->setEnabled(on);
        server::Route r = route();
        r.access.keyRequired = on;
        commit(r, {}, on ? tr("Require an API key") : tr("Make route public"));
    });

    m_scopes->setObjectName(QStringLiteral("accessScopesEdit"));
    m_scopes->setPlaceholderText(tr("none: any valid key"));
    m_scopes->setToolTip(tr("Comma separated; a key must hold all of them, else 403"));
    connect(m_scopes, &QLineEdit::textEdited, this, [this](const QString& text) {
        std::vector<std::string> scopes;
        QString error;
        if (!ScopeList::parse(text, &scopes, &error)) {
            setError(error);
            return;
        }
        setError({});
        server::Route r = route();
        r.access.scopes = scopes;
        commit(r, QStringLiteral("access/scopes"), tr("Change required scopes"));
    });

    m_money = { {
        { lineEdit(QStringLiteral("accessPriceEdit"), tr("the tier's price"),
              tr("What the caller pays per request on this route, in USD (e.g. 0.002); "
                 "empty uses the price of the caller's tier")),
            &server::RouteAccess::priceMicros, -1, QStringLiteral("access/price"), tr("Price: %1"),
            tr("Change price") },
        { lineEdit(QStringLiteral("accessCostEdit"), QStringLiteral("0"),
              tr("What serving one request costs you, in USD (compute, upstream fees), for every "
                 "request the route answers, with a key or without; it is subtracted from "
                 "revenue to show the margin")),
            &server::RouteAccess::costMicros, 0, QStringLiteral("access/cost"), tr("Cost: %1"),
            tr("Change cost") },
        { lineEdit(QStringLiteral("accessCostPerMsEdit"), QStringLiteral("0"),
              tr("What each millisecond of handling a request costs you, in USD (e.g. 0.00001 "
                 "for compute billed by time); added to the cost per request for every request "
                 "the route answers, injected latency included")),
            &server::RouteAccess::costPerMsMicros, 0, QStringLiteral("access/costPerMs"),
            tr("Cost per ms: %1"), tr("Change cost per ms") },
    } };
    for (const MoneyField& field : m_money)
        connect(field.edit, &QLineEdit::textEdited, this,
            [this, &field](const QString& text) { moneyEdited(field, text); });
    QList<QLineEdit*> typed { m_scopes };
    for (const MoneyField& field : m_money)
        typed << field.edit;
    for (QLineEdit* edit : typed) {
        // Leaving a field with an invalid entry shows the stored value again.
        connect(edit, &QLineEdit::editingFinished, this, [this] {
            if (!hasRoute() || m_error->text().isEmpty())
                return;
            setError({});
            refresh();
        });
    }

    m_pointers = { {
        { lineEdit(QStringLiteral("accessTokensInputEdit"), QStringLiteral("/usage/prompt_tokens"),
              tr("A JSON pointer to the number of input (prompt) tokens in the answer's JSON "
                 "body; empty: input tokens are not counted")),
            &server::TokenCounting::input, QStringLiteral("access/tokens/input"),
            tr("Input tokens: %1"), tr("Change input token pointer") },
        { lineEdit(QStringLiteral("accessTokensOutputEdit"),
              QStringLiteral("/usage/completion_tokens"),
              tr("A JSON pointer to the number of output (completion) tokens in the answer's JSON "
                 "body; empty: output tokens are not counted")),
            &server::TokenCounting::output, QStringLiteral("access/tokens/output"),
            tr("Output tokens: %1"), tr("Change output token pointer") },
    } };
    for (const PointerField& field : m_pointers) {
        connect(field.edit, &QLineEdit::textEdited, this,
            [this, &field](const QString& text) { pointerEdited(field, text); });
        connect(field.edit, &QLineEdit::editingFinished, this, [this] {
            if (!hasRoute() || m_tokensError->text().isEmpty())
                return;
            setTokenError({});
            refresh();
        });
    }
    m_tokensNote = new QLabel(this);
    m_tokensNote->setObjectName(QStringLiteral("accessTokensNote"));
    m_tokensNote->setWordWrap(true);
    m_tokensNote->setForegroundRole(QPalette::PlaceholderText);
    m_tokensError = errorLabel(QStringLiteral("accessTokensErrorLabel"), this);
    m_tokensError->setWordWrap(true);

    m_rate = new QSpinBox(this);
    m_rate->setObjectName(QStringLiteral("accessRateSpin"));
    m_rate->setRange(0, kMaxRoutePerMinute);
    m_rate->setSpecialValueText(tr("the tier's"));
    m_rate->setSuffix(tr(" req/min"));
    m_rate->setAccelerated(true);
    m_rate->setToolTip(tr("A rate limit of this route's own, per key, instead of the tier's"));
    connect(m_rate, &QSpinBox::valueChanged, this, [this](int value) {
        m_burst->setEnabled(value > 0);
        server::Route r = route();
        r.access.requestsPerMinute = value;
        commit(r, QStringLiteral("access/rate"), tr("Change rate limit"));
    });
    m_burst = new QSpinBox(this);
    m_burst->setObjectName(QStringLiteral("accessBurstSpin"));
    m_burst->setRange(0, kMaxRouteBurst);
    m_burst->setSpecialValueText(tr("the tier's"));
    m_burst->setAccelerated(true);
    m_burst->setToolTip(tr("Requests a key may send at once on top of the rate"));
    connect(m_burst, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.access.burst = value;
        commit(r, QStringLiteral("access/burst"), tr("Change burst"));
    });

    m_error = errorLabel(QStringLiteral("accessErrorLabel"), this);
    m_error->setWordWrap(true);

    auto* whoBox = new QGroupBox(tr("Who may call"), this);
    auto* whoLayout = new QVBoxLayout(whoBox);
    whoLayout->addWidget(m_public);
    whoLayout->addWidget(m_keyed);
    auto* scopesForm = new QFormLayout;
    scopesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Indented under the radio button it belongs to.
    scopesForm->setContentsMargins(24, 0, 0, 0);
    scopesForm->addRow(tr("Required &scopes:"), m_scopes);
    whoLayout->addLayout(scopesForm);

    m_keyedBox = new QWidget(this);

    QLineEdit* price = m_money[0].edit;
    const int moneyWidth = price->fontMetrics().horizontalAdvance(tr("the tier's price")) + 40;
    for (const MoneyField& field : m_money)
        field.edit->setMinimumWidth(moneyWidth);

    // What a request costs applies to every request the route answers, so
    // it sits outside the part that only keyed requests use.
    auto* costBox = new QGroupBox(tr("Cost of serving"), this);
    auto* costForm = new QFormLayout(costBox);
    costForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    costForm->addRow(tr("C&ost per request (USD):"), m_money[1].edit);
    costForm->addRow(tr("Cost per &ms (USD):"), m_money[2].edit);

    auto* pricingBox = new QGroupBox(tr("Price per request"), m_keyedBox);
    auto* pricingForm = new QFormLayout(pricingBox);
    pricingForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    pricingForm->addRow(tr("P&rice (USD):"), price);

    auto* rateBox = new QGroupBox(tr("Own rate limit"), m_keyedBox);
    auto* rateForm = new QFormLayout(rateBox);
    rateForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    rateForm->addRow(tr("R&ate:"), m_rate);
    rateForm->addRow(tr("B&urst:"), m_burst);

    auto* keyedNote = new QLabel(tr("Scopes, price and the rate limit apply to requests made with "
                                    "a key; the monthly quota is always the tier's."),
        m_keyedBox);
    keyedNote->setWordWrap(true);
    keyedNote->setForegroundRole(QPalette::PlaceholderText);

    // Counted for every answer (the Metrics page charts them); keyed
    // requests also pay the tier's token prices for them.
    auto* tokensBox = new QGroupBox(tr("Token counting"), this);
    tokensBox->setObjectName(QStringLiteral("accessTokensBox"));
    auto* tokensForm = new QFormLayout;
    tokensForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    const int pointerWidth
        = m_pointers[1].edit->fontMetrics().horizontalAdvance(m_pointers[1].edit->placeholderText())
        + 60;
    for (const PointerField& field : m_pointers)
        field.edit->setMinimumWidth(pointerWidth);
    tokensForm->addRow(tr("&Input tokens at:"), m_pointers[0].edit);
    tokensForm->addRow(tr("Output toke&ns at:"), m_pointers[1].edit);
    auto* tokensLayout = new QVBoxLayout(tokensBox);
    tokensLayout->addLayout(tokensForm);
    tokensLayout->addWidget(m_tokensError);
    tokensLayout->addWidget(m_tokensNote);

    auto* keyedLayout = new QVBoxLayout(m_keyedBox);
    keyedLayout->setContentsMargins(0, 0, 0, 0);
    keyedLayout->setSpacing(10);
    keyedLayout->addWidget(pricingBox);
    keyedLayout->addWidget(rateBox);
    keyedLayout->addWidget(keyedNote);

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 10, 0, 0);
    contentLayout->setSpacing(10);
    contentLayout->addWidget(whoBox);
    contentLayout->addWidget(m_error);
    contentLayout->addWidget(m_keyedBox);
    contentLayout->addWidget(costBox);
    contentLayout->addWidget(tokensBox);
    contentLayout->addStretch(1);

    // With token counting the tab is taller than the editor in a small
    // window: it scrolls rather than squeeze the traffic log away.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("accessScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QLineEdit* RouteAccessTab::lineEdit(
    const QString& objectName, const QString& placeholder, const QString& toolTip)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(toolTip);
    return edit;
}

void RouteAccessTab::moneyEdited(const MoneyField& field, const QString& text)
{
    server::Micros micros = field.blank;
    QString error;
    if (!text.trimmed().isEmpty() && !Money::parse(text, &micros, &error)) {
        setError(field.errorFormat.arg(error));
        return;
    }
    setError({});
    server::Route r = route();
    r.access.*field.value = micros;
    commit(r, field.mergeKey, field.undoText);
}

void RouteAccessTab::load()
{
    const server::RouteAccess& a = route().access;
    {
        const QSignalBlocker blockPublic(m_public);
        const QSignalBlocker blockKey(m_keyed);
        m_keyed->setChecked(a.keyRequired);
        m_public->setChecked(!a.keyRequired);
    }
    m_keyedBox->setEnabled(a.keyRequired);
    m_scopes->setEnabled(a.keyRequired);

    // A field shows the stored value unless it already means it, or the
    // user is in the middle of typing something invalid there.
    const bool invalid = !m_error->text().isEmpty();
    std::vector<std::string> scopes;
    if (!(ScopeList::parse(m_scopes->text(), &scopes) && scopes == a.scopes)
        && !(invalid && m_scopes->hasFocus()))
        setQuietly(m_scopes, &QLineEdit::setText, ScopeList::toText(a.scopes));
    for (const MoneyField& field : m_money)
        loadMoney(field, a, invalid);

    const bool tokensInvalid = !m_tokensError->text().isEmpty();
    for (const PointerField& field : m_pointers)
        loadPointer(field, a.tokens, tokensInvalid);
    m_tokensNote->setText(streamsTokens(route())
            ? tr("This route streams tokens (SSE, tokens mode): it counts them itself, so these "
                 "pointers are not used.")
            : tr("Where the answer's JSON body gives its token counts; for an event stream, each "
                 "event's data, summed. A route streaming tokens (SSE, tokens mode) counts its "
                 "own."));

    setQuietly(m_rate, &QSpinBox::setValue,
        int(std::clamp<std::int64_t>(a.requestsPerMinute, 0, kMaxRoutePerMinute)));
    setQuietly(
        m_burst, &QSpinBox::setValue, int(std::clamp<std::int64_t>(a.burst, 0, kMaxRouteBurst)));
    m_burst->setEnabled(a.requestsPerMinute > 0);
}

void RouteAccessTab::loadMoney(
    const MoneyField& field, const server::RouteAccess& access, bool invalid)
{
    QLineEdit* edit = field.edit;
    const server::Micros stored = access.*field.value;
    const bool storedBlank = field.blank < 0 ? stored < 0 : stored == field.blank;
    server::Micros typed = field.blank;
    const bool means = edit->text().trimmed().isEmpty()
        ? storedBlank
        : Money::parse(edit->text(), &typed) && typed == stored;
    if (means || (invalid && edit->hasFocus()))
        return;
    setQuietly(edit, &QLineEdit::setText,
        field.blank < 0 && stored < 0 ? QString() : Money::editText(stored));
}

void RouteAccessTab::pointerEdited(const PointerField& field, const QString& text)
{
    const QString pointer = text.trimmed();
    switch (pointerProblem(pointer)) {
    case PointerProblem::NoSlash:
        setTokenError(field.errorFormat.arg(
            tr("\"%1\" is not a JSON pointer: it starts with '/', as in \"%2\".")
                .arg(pointer, field.edit->placeholderText())));
        return;
    case PointerProblem::BadEscape:
        setTokenError(field.errorFormat.arg(
            tr("In a JSON pointer '~' is written \"~0\", and a '/' inside a name \"~1\".")));
        return;
    case PointerProblem::None:
        break;
    }
    setTokenError({});
    server::Route r = route();
    r.access.tokens.*field.value = toStd(pointer);
    commit(r, field.mergeKey, field.undoText);
}

void RouteAccessTab::loadPointer(
    const PointerField& field, const server::TokenCounting& tokens, bool invalid)
{
    QLineEdit* edit = field.edit;
    const QString stored = toQt(tokens.*field.value);
    if (edit->text().trimmed() == stored || (invalid && edit->hasFocus()))
        return;
    setQuietly(edit, &QLineEdit::setText, stored);
}

void RouteAccessTab::forget()
{
    setError({});
    setTokenError({});
}

void RouteAccessTab::setTokenError(const QString& error)
{
    m_tokensError->setText(error);
    m_tokensError->setVisible(!error.isEmpty());
}

void RouteAccessTab::setError(const QString& error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

} // namespace tollgate::ui
