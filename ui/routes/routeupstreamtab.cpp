#include "ui/routes/routeupstreamtab.h"

#include "server/workspace/upstreamurl.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/money.h"
#include "ui/common/widgetfactory.h"
#include "ui/engine/servercontroller.h"
#include "ui/routes/upstreamheadersbox.h"
#include "ui/routes/upstreamstatusbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdint>

namespace tollgate::ui {

namespace {

// The workspace reader's bounds (readUpstream).
constexpr int kMaxMs = 3'600'000;
constexpr int kMaxAttempts = 10;
constexpr int kMaxBreakerCount = 1'000'000;
constexpr int kMinBreakerWindowMs = 100;
constexpr int kMaxProbes = 1000;
constexpr int kMaxConnections = 100'000;
constexpr int kMaxResponseKiB = 1 << 30; // 1 TiB

QGroupBox* formBox(
    const QString& title, const char* objectName, QWidget* parent, QFormLayout** form)
{
    auto* box = new QGroupBox(title, parent);
    box->setObjectName(QLatin1String(objectName));
    *form = new QFormLayout(box);
    (*form)->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    return box;
}

QLabel* noteLabel(const QString& text, QWidget* parent)
{
    auto* note = new QLabel(text, parent);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

} // namespace

RouteUpstreamTab::RouteUpstreamTab(QWidget* parent)
    : RouteSection(parent)
{
    // Fields are reached by index from their connections: no reallocation.
    m_text.reserve(3);
    m_ints.reserve(16);

    m_errors = errorLabel(QStringLiteral("upstreamErrorLabel"), this);
    m_errors->setWordWrap(true);
    m_serverProblems = errorLabel(QStringLiteral("upstreamServerProblemsLabel"), this);
    m_serverProblems->setWordWrap(true);
    m_serverProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* loopback = noteLabel(
        tr("Loopback upstreams (127.0.0.0/8, ::1) are allowed in the app for local development; "
           "tollgated needs --allow-upstream or server.upstreamAllowlist for them."),
        this);
    loopback->setObjectName(QStringLiteral("upstreamLoopbackNote"));
    auto* settings = new QPushButton(tr("Allowlist && &Fallback…"), this);
    settings->setObjectName(QStringLiteral("upstreamSettingsButton"));
    settings->setToolTip(tr("The addresses upstreams may reach and where requests that match no "
                            "route go (the workspace's settings)"));
    connect(settings, &QPushButton::clicked, this, &RouteUpstreamTab::upstreamSettingsRequested);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(loopback, 1);
    noteRow->addWidget(settings, 0, Qt::AlignTop);

    m_headers = new UpstreamHeadersBox(this);
    connect(m_headers, &UpstreamHeadersBox::edited, this, [this](const QString& cell) {
        m_headerError.clear();
        showErrors();
        server::Upstream u = route().upstream;
        u.headers = m_headers->headers();
        edit(u, cell.isEmpty() ? QString() : QStringLiteral("upstream/headers/") + cell,
            tr("Edit upstream headers"));
    });
    connect(m_headers, &UpstreamHeadersBox::refused, this, [this](const QString& problem) {
        m_headerError = tr("Headers: %1").arg(problem);
        showErrors();
    });
    m_status = new UpstreamStatusBox(this);

    auto* left = new QVBoxLayout;
    left->setSpacing(10);
    left->addWidget(buildTarget());
    left->addWidget(m_headers);
    left->addWidget(buildTls());
    left->addWidget(buildPool());
    left->addWidget(buildLimits());
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->setSpacing(10);
    right->addWidget(m_status);
    right->addWidget(buildTimeouts());
    right->addWidget(buildRetries());
    right->addWidget(buildBreaker());
    right->addStretch(1);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(12);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("upstreamContent"));
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 10, 8, 8);
    contentLayout->setSpacing(8);
    contentLayout->addLayout(noteRow);
    contentLayout->addWidget(m_errors);
    contentLayout->addWidget(m_serverProblems);
    contentLayout->addLayout(columns, 1);

    // Many settings: they scroll rather than squeeze when the window is small.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("upstreamScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget* RouteUpstreamTab::buildTarget()
{
    auto* box = new QGroupBox(tr("Target"), this);
    box->setObjectName(QStringLiteral("upstreamTargetBox"));
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto url = textField("upstreamUrlEdit", QStringLiteral("https://api.example.com/v1"),
        tr("http:// or https://, a host, an optional port and a base path the forwarded path "
           "goes below"),
        { nullptr, &server::Upstream::url,
            [](const std::string& text) {
                if (text.empty())
                    return std::string("an upstream route needs a URL");
                std::string error;
                return server::parseUpstreamUrl(text, &error) ? std::string() : error;
            },
            tr("URL"), QStringLiteral("upstream/url"), tr("Change upstream URL"), {} });
    form->addRow(tr("UR&L:"), url);
    form->addRow(tr("&Strip prefix:"),
        textField("upstreamStripPrefixEdit", QStringLiteral("/v1"), QString(),
            { nullptr, &server::Upstream::stripPrefix,
                [](const std::string& text) { return server::upstreamStripPrefixProblem(text); },
                tr("Strip prefix"), QStringLiteral("upstream/stripPrefix"),
                tr("Change strip prefix"), {} }));
    form->addRow(tr("Path &template:"),
        textField("upstreamPathTemplateEdit", QStringLiteral("/users/{id}"),
            tr("Replaces the request path: {name} takes the route's path parameter, {*} the "
               "wildcard's rest; empty forwards the request path"),
            { nullptr, &server::Upstream::pathTemplate,
                [](const std::string& text) { return server::upstreamPathTemplateProblem(text); },
                tr("Path template"), QStringLiteral("upstream/pathTemplate"),
                tr("Change path template"), {} }));
    m_passQuery = new QCheckBox(tr("Pass the &query string on"), box);
    m_passQuery->setObjectName(QStringLiteral("upstreamPassQueryCheck"));
    connect(m_passQuery, &QCheckBox::toggled, this, [this](bool on) {
        server::Upstream u = route().upstream;
        u.passQuery = on;
        edit(u, {}, on ? tr("Pass the query on") : tr("Drop the query"));
    });
    form->addRow(QString(), m_passQuery);
    return box;
}

QWidget* RouteUpstreamTab::buildTls()
{
    auto* box = new QGroupBox(tr("TLS"), this);
    box->setObjectName(QStringLiteral("upstreamTlsBox"));
    m_verifyTls = new QCheckBox(tr("&Verify the certificate and host name"), box);
    m_verifyTls->setObjectName(QStringLiteral("upstreamVerifyTlsCheck"));
    m_verifyTls->setToolTip(tr("Off only for an upstream with a self-signed certificate you "
                               "trust: without the check anyone on the way can read the calls"));
    connect(m_verifyTls, &QCheckBox::toggled, this, [this](bool on) {
        server::Upstream u = route().upstream;
        u.verifyTls = on;
        edit(u, {}, on ? tr("Verify upstream TLS") : tr("Trust any upstream certificate"));
    });
    m_tlsNote = noteLabel(QString(), box);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_verifyTls);
    layout->addWidget(m_tlsNote);
    return box;
}

QWidget* RouteUpstreamTab::buildTimeouts()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formBox(tr("Timeouts"), "upstreamTimeoutsBox", this, &form);
    const QString ms = tr(" ms");
    form->addRow(tr("&Connect:"),
        intField("upstreamConnectTimeoutSpin", 1, kMaxMs, ms,
            tr("Name lookup, TCP connection and TLS handshake"),
            { nullptr, &server::Upstream::connectTimeoutMs,
                QStringLiteral("upstream/connectTimeout"), tr("Change connect timeout") }));
    form->addRow(tr("&Attempt:"),
        intField("upstreamAttemptTimeoutSpin", 1, kMaxMs, ms,
            tr("One try: writing the request and reading the answer"),
            { nullptr, &server::Upstream::attemptTimeoutMs,
                QStringLiteral("upstream/attemptTimeout"), tr("Change attempt timeout") }));
    form->addRow(tr("&Overall:"),
        intField("upstreamOverallTimeoutSpin", 1, kMaxMs, ms,
            tr("All tries and the waits between them; then the caller gets 504"),
            { nullptr, &server::Upstream::overallTimeoutMs,
                QStringLiteral("upstream/overallTimeout"), tr("Change overall timeout") }));
    return box;
}

QWidget* RouteUpstreamTab::buildRetries()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formBox(tr("Retries"), "upstreamRetriesBox", this, &form);
    QSpinBox* attempts = intField("upstreamMaxAttemptsSpin", 1, kMaxAttempts, QString(),
        tr("Tries per request, the first included; only idempotent requests (or ones with an "
           "Idempotency-Key) are tried again"),
        { nullptr, &server::Upstream::maxAttempts, QStringLiteral("upstream/maxAttempts"),
            tr("Change attempts") });
    attempts->setSpecialValueText(tr("1 (no retries)"));
    form->addRow(tr("Max a&ttempts:"), attempts);
    const QString ms = tr(" ms");
    form->addRow(tr("&Base delay:"),
        intField("upstreamRetryBaseDelaySpin", 0, kMaxMs, ms,
            tr("The backoff before the first retry; it doubles per retry, with full jitter"),
            { nullptr, &server::Upstream::retryBaseDelayMs,
                QStringLiteral("upstream/retryBaseDelay"), tr("Change retry delay") }));
    form->addRow(tr("Ma&x delay:"),
        intField("upstreamRetryMaxDelaySpin", 0, kMaxMs, ms,
            tr("The longest wait between tries (a longer Retry-After is honoured within the "
               "overall timeout)"),
            { nullptr, &server::Upstream::retryMaxDelayMs, QStringLiteral("upstream/retryMaxDelay"),
                tr("Change retry delay") }));
    return box;
}

QWidget* RouteUpstreamTab::buildBreaker()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formBox(tr("Circuit breaker"), "upstreamBreakerBox", this, &form);
    QSpinBox* failures = intField("upstreamBreakerFailuresSpin", 0, kMaxBreakerCount, QString(),
        tr("Failures in a row that open the breaker"),
        { nullptr, &server::Upstream::breakerFailures, QStringLiteral("upstream/breakerFailures"),
            tr("Change breaker failures") });
    failures->setSpecialValueText(tr("off"));
    form->addRow(tr("Opens after &failures in a row:"), failures);

    m_failureRate = new QDoubleSpinBox(box);
    m_failureRate->setObjectName(QStringLiteral("upstreamBreakerRateSpin"));
    m_failureRate->setRange(0.0, 100.0);
    m_failureRate->setDecimals(1);
    m_failureRate->setSingleStep(5.0);
    m_failureRate->setSuffix(tr(" %"));
    m_failureRate->setSpecialValueText(tr("off"));
    m_failureRate->setToolTip(tr("Or when this share of the calls in the window failed"));
    connect(m_failureRate, &QDoubleSpinBox::valueChanged, this, [this](double percent) {
        server::Upstream u = route().upstream;
        u.breakerFailureRate = percent / 100.0;
        edit(u, QStringLiteral("upstream/breakerRate"), tr("Change breaker failure rate"));
    });
    form->addRow(tr("Or at a failure &rate of:"), m_failureRate);
    form->addRow(tr("Over at least:"),
        intField("upstreamBreakerMinimumSpin", 1, kMaxBreakerCount, tr(" calls"),
            tr("The rate counts only once the window holds this many calls"),
            { nullptr, &server::Upstream::breakerMinimumCalls,
                QStringLiteral("upstream/breakerMinimum"), tr("Change breaker minimum calls") }));
    form->addRow(tr("In a &window of:"),
        intField("upstreamBreakerWindowSpin", kMinBreakerWindowMs, kMaxMs, tr(" ms"), QString(),
            { nullptr, &server::Upstream::breakerWindowMs, QStringLiteral("upstream/breakerWindow"),
                tr("Change breaker window") }));
    form->addRow(tr("Stays o&pen for:"),
        intField("upstreamBreakerOpenSpin", 1, kMaxMs, tr(" ms"),
            tr("Then it lets probes through: half-open"),
            { nullptr, &server::Upstream::breakerOpenMs, QStringLiteral("upstream/breakerOpen"),
                tr("Change breaker open time") }));
    form->addRow(tr("Half-open p&robes:"),
        intField("upstreamBreakerProbesSpin", 1, kMaxProbes, QString(),
            tr("Calls let through while half-open; all must succeed to close it"),
            { nullptr, &server::Upstream::breakerProbes, QStringLiteral("upstream/breakerProbes"),
                tr("Change breaker probes") }));

    m_openResponse = new QComboBox(box);
    m_openResponse->setObjectName(QStringLiteral("upstreamOpenResponseCombo"));
    m_openResponse->setToolTip(tr("What callers get while the breaker is open: 503 with "
                                  "Retry-After, or one of the route's designed responses"));
    // Response labels can be long: the combo keeps to the column.
    m_openResponse->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_openResponse->setMinimumContentsLength(22);
    connect(m_openResponse, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        server::Upstream u = route().upstream;
        u.openResponse = m_openResponse->itemData(index).toInt();
        edit(u, {}, tr("Change the answer while open"));
    });
    form->addRow(tr("While open, a&nswer:"), m_openResponse);
    return box;
}

QWidget* RouteUpstreamTab::buildPool()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formBox(tr("Connection pool"), "upstreamPoolBox", this, &form);
    form->addRow(tr("&Max connections:"),
        intField("upstreamMaxConnectionsSpin", 1, kMaxConnections, tr(" per thread"),
            tr("Calls beyond this wait for a connection within their attempt timeout"),
            { nullptr, &server::Upstream::maxConnections, QStringLiteral("upstream/maxConnections"),
                tr("Change max connections") }));
    form->addRow(tr("&Idle timeout:"),
        intField("upstreamIdleTimeoutSpin", 1, kMaxMs, tr(" ms"),
            tr("Kept-alive connections idle longer are closed"),
            { nullptr, &server::Upstream::idleTimeoutMs, QStringLiteral("upstream/idleTimeout"),
                tr("Change idle timeout") }));
    return box;
}

QWidget* RouteUpstreamTab::buildLimits()
{
    QFormLayout* form = nullptr;
    QGroupBox* box = formBox(tr("Limits && fee"), "upstreamLimitsBox", this, &form);
    m_maxResponse = new QSpinBox(box);
    m_maxResponse->setObjectName(QStringLiteral("upstreamMaxResponseSpin"));
    m_maxResponse->setRange(1, kMaxResponseKiB);
    m_maxResponse->setSuffix(tr(" KiB"));
    m_maxResponse->setAccelerated(true);
    m_maxResponse->setGroupSeparatorShown(true);
    m_maxResponse->setToolTip(tr("A larger answer is cut off and the caller gets 502"));
    connect(m_maxResponse, &QSpinBox::valueChanged, this, [this](int kib) {
        server::Upstream u = route().upstream;
        u.maxResponseBytes = std::uint64_t(kib) * 1024;
        edit(u, QStringLiteral("upstream/maxResponse"), tr("Change response limit"));
    });
    form->addRow(tr("Max &response:"), m_maxResponse);

    m_fee = new QLineEdit(box);
    m_fee->setObjectName(QStringLiteral("upstreamFeeEdit"));
    m_fee->setPlaceholderText(QStringLiteral("0"));
    m_fee->setToolTip(tr("What the upstream charges per call, in USD (e.g. 0.0004); added to the "
                         "route's cost for every attempt, so the margin shows it"));
    m_fee->setMinimumWidth(m_fee->fontMetrics().horizontalAdvance(QStringLiteral("0.000000")) + 40);
    connect(m_fee, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Micros micros = 0;
        QString error;
        if (!text.trimmed().isEmpty() && !Money::parse(text, &micros, &error)) {
            m_feeError = tr("Fee: %1").arg(error);
            showErrors();
            return;
        }
        m_feeError.clear();
        showErrors();
        server::Upstream u = route().upstream;
        u.feeMicros = micros;
        edit(u, QStringLiteral("upstream/fee"), tr("Change upstream fee"));
    });
    form->addRow(tr("F&ee per call (USD):"), m_fee);
    return box;
}

QLineEdit* RouteUpstreamTab::textField(
    const char* objectName, const QString& placeholder, const QString& toolTip, TextField field)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(toolTip);
    edit->setFont(monospaceFont());
    field.edit = edit;
    const std::size_t index = m_text.size();
    m_text.push_back(std::move(field));
    connect(edit, &QLineEdit::textEdited, this,
        [this, index](const QString& text) { textEdited(m_text[index], text); });
    return edit;
}

QSpinBox* RouteUpstreamTab::intField(const char* objectName, int min, int max,
    const QString& suffix, const QString& toolTip, IntField field)
{
    auto* spin = new QSpinBox(this);
    spin->setObjectName(QLatin1String(objectName));
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    spin->setAccelerated(true);
    spin->setToolTip(toolTip);
    if (max >= 1000)
        spin->setGroupSeparatorShown(true);
    field.spin = spin;
    const std::size_t index = m_ints.size();
    m_ints.push_back(std::move(field));
    connect(spin, &QSpinBox::valueChanged, this, [this, index](int value) {
        const IntField& f = m_ints[index];
        server::Upstream u = route().upstream;
        u.*f.value = value;
        edit(u, f.mergeKey, f.undoText);
    });
    return spin;
}

void RouteUpstreamTab::textEdited(TextField& field, const QString& text)
{
    const std::string value = toStd(text.trimmed());
    const std::string problem = field.problem(value);
    field.error = problem.empty() ? QString() : tr("%1: %2").arg(field.label, toQt(problem));
    showErrors();
    if (!problem.empty())
        return;
    server::Upstream u = route().upstream;
    u.*field.value = value;
    edit(u, field.mergeKey, field.undoText);
}

void RouteUpstreamTab::edit(
    const server::Upstream& upstream, const QString& mergeKey, const QString& undoText)
{
    server::Route r = route();
    r.upstream = upstream;
    commit(r, mergeKey, undoText);
}

void RouteUpstreamTab::showErrors()
{
    QStringList errors;
    for (const TextField& field : m_text) {
        if (!field.error.isEmpty())
            errors << field.error;
    }
    for (const QString* error : { &m_headerError, &m_feeError }) {
        if (!error->isEmpty())
            errors << *error;
    }
    m_errors->setText(errors.join(QLatin1Char('\n')));
    m_errors->setVisible(!errors.isEmpty());
}

void RouteUpstreamTab::setServer(ServerController* server, UpstreamSecrets* secrets)
{
    if (m_server)
        m_server->disconnect(this);
    m_server = server;
    m_status->setServer(server);
    m_headers->setSecrets(secrets);
    if (m_server)
        connect(m_server, &ServerController::diagnosticsChanged, this,
            &RouteUpstreamTab::showServerProblems);
    showServerProblems();
}

void RouteUpstreamTab::focusUrl()
{
    if (m_text.empty())
        return;
    m_text.front().edit->setFocus(Qt::OtherFocusReason);
    m_text.front().edit->selectAll();
}

std::string RouteUpstreamTab::routeName() const
{
    return route().method + ' ' + route().path;
}

void RouteUpstreamTab::load()
{
    const server::Route& r = route();
    const server::Upstream& u = r.upstream;
    // A field shows the stored value unless it holds text that cannot be
    // stored yet: what the user typed is kept until fixed.
    for (TextField& field : m_text) {
        const QString stored = toQt(u.*field.value);
        if (field.error.isEmpty() && field.edit->text().trimmed() != stored)
            setQuietly(field.edit, &QLineEdit::setText, stored);
        // A path template replaces the request path: nothing is stripped.
        if (field.value == &server::Upstream::stripPrefix) {
            field.edit->setEnabled(u.pathTemplate.empty() || !field.error.isEmpty());
            field.edit->setToolTip(u.pathTemplate.empty()
                    ? tr("Removed from the front of the request path before it is forwarded")
                    : tr("Not used: the path template replaces the request path"));
        }
    }
    setQuietly(m_passQuery, &QCheckBox::setChecked, u.passQuery);
    m_headers->setHeaders(u.headers);
    setQuietly(m_verifyTls, &QCheckBox::setChecked, u.verifyTls);
    std::string urlError;
    const auto url = server::parseUpstreamUrl(u.url, &urlError);
    m_verifyTls->setEnabled(!url || url->https);
    m_tlsNote->setText(url && !url->https
            ? tr("The URL is plain http://: there is no TLS to check.")
            : tr("SNI and the system's trusted certificates, as a browser checks them."));
    for (const IntField& field : m_ints)
        setQuietly(field.spin, &QSpinBox::setValue, u.*field.value);
    setQuietly(m_failureRate, &QDoubleSpinBox::setValue, u.breakerFailureRate * 100.0);
    loadOpenResponses(r);
    setQuietly(m_maxResponse, &QSpinBox::setValue,
        int(std::clamp<std::uint64_t>((u.maxResponseBytes + 1023) / 1024, 1, kMaxResponseKiB)));
    loadFee(u);
    m_status->showRoute(routeName(), u, url.has_value());
    showServerProblems();
}

void RouteUpstreamTab::loadOpenResponses(const server::Route& r)
{
    QStringList labels { tr("503 with Retry-After") };
    // As the Rules tab names the route's responses.
    for (int i = 0; i < int(r.responses.size()); ++i)
        labels << QStringLiteral("#%1 · %2")
                      .arg(i + 1)
                      .arg(responseTitle(r.responses[std::size_t(i)]));
    QStringList shown;
    for (int i = 0; i < m_openResponse->count(); ++i)
        shown << m_openResponse->itemText(i);
    const QSignalBlocker blocker(m_openResponse);
    if (labels != shown) {
        m_openResponse->clear();
        for (int i = 0; i < labels.size(); ++i)
            m_openResponse->addItem(labels.at(i), i - 1);
    }
    m_openResponse->setCurrentIndex(
        std::clamp(r.upstream.openResponse + 1, 0, int(labels.size()) - 1));
}

void RouteUpstreamTab::loadFee(const server::Upstream& u)
{
    server::Micros typed = 0;
    const QString text = m_fee->text().trimmed();
    const bool means
        = text.isEmpty() ? u.feeMicros == 0 : Money::parse(text, &typed) && typed == u.feeMicros;
    if (means || (!m_feeError.isEmpty() && m_fee->hasFocus()))
        return;
    setQuietly(m_fee, &QLineEdit::setText, Money::editText(u.feeMicros));
}

void RouteUpstreamTab::showServerProblems()
{
    QStringList problems;
    if (m_server && hasRoute()) {
        // The engine names a route by its file, or by method and path before
        // it has one.
        QStringList prefixes { toQt(routeName()) + QStringLiteral(": ") };
        if (!route().fileName.empty())
            prefixes << QStringLiteral("routes/") + toQt(route().fileName) + QStringLiteral(": ");
        for (const server::Diagnostic& d : m_server->diagnostics()) {
            const QString message = toQt(d.message);
            for (const QString& prefix : prefixes) {
                if (message.startsWith(prefix))
                    problems << message.mid(prefix.size());
            }
        }
    }
    m_serverProblems->setText(problems.isEmpty() ? QString()
                                                 : tr("The server does not serve this route: %1")
                                                       .arg(problems.join(QStringLiteral("; "))));
    m_serverProblems->setVisible(!problems.isEmpty());
}

void RouteUpstreamTab::forget()
{
    for (TextField& field : m_text)
        field.error.clear();
    m_feeError.clear();
    m_headerError.clear();
    showErrors();
    m_status->clear();
}

} // namespace tollgate::ui
