#include "ui/routes/upstreamstatusbox.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/common/upstreamformat.h"
#include "ui/engine/servercontroller.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

QLabel* figureLabel(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

UpstreamStatusBox::UpstreamStatusBox(QWidget* parent)
    : QGroupBox(tr("Calls and circuit breaker"), parent)
    , m_breaker(figureLabel("upstreamBreakerLabel", this))
    , m_requests(figureLabel("upstreamRequestsLabel", this))
    , m_attempts(figureLabel("upstreamAttemptsLabel", this))
    , m_retries(figureLabel("upstreamRetriesLabel", this))
    , m_errors(figureLabel("upstreamErrorsLabel", this))
    , m_latency(figureLabel("upstreamLatencyLabel", this))
    , m_test(new QPushButton(tr("&Test Upstream"), this))
    , m_testResult(figureLabel("upstreamTestResultLabel", this))
{
    setObjectName(QStringLiteral("upstreamStatusBox"));
    m_test->setObjectName(QStringLiteral("testUpstreamButton"));
    m_test->setToolTip(tr("Call the upstream's base URL once (GET) and report how long the name "
                          "lookup, the connection, TLS and the first byte of the answer took"));
    connect(m_test, &QPushButton::clicked, this, &UpstreamStatusBox::test);
    m_testResult->setAccessibleName(tr("Test result"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Breaker:"), m_breaker);
    form->addRow(tr("Requests:"), m_requests);
    form->addRow(tr("Attempts per request:"), m_attempts);
    form->addRow(tr("Retried:"), m_retries);
    form->addRow(tr("Errors:"), m_errors);
    form->addRow(tr("Upstream latency:"), m_latency);

    auto* note = new QLabel(
        tr("Counted since Tollgate started; the breaker as the server has it now."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addSpacing(4);
    layout->addLayout(testRow);
    clear();
}

void UpstreamStatusBox::setServer(ServerController* server)
{
    if (m_server)
        m_server->disconnect(this);
    m_server = server;
    if (m_server) {
        connect(
            m_server, &ServerController::upstreamChanged, this, &UpstreamStatusBox::refreshFigures);
        connect(m_server, &ServerController::upstreamTested, this, &UpstreamStatusBox::onTested);
    }
    refreshFigures();
}

void UpstreamStatusBox::showRoute(
    const std::string& routeName, const server::Upstream& upstream, bool testable)
{
    m_route = routeName;
    m_upstream = upstream;
    m_testable = testable;
    m_test->setEnabled(m_server && m_testable && m_ticket == 0);
    refreshFigures();
}

void UpstreamStatusBox::clear()
{
    m_route.clear();
    m_ticket = 0;
    m_testResult->setText(tr("Not tested yet."));
    m_testResult->setForegroundRole(QPalette::PlaceholderText);
    refreshFigures();
}

void UpstreamStatusBox::refreshFigures()
{
    const UpstreamFigures* f
        = m_server && !m_route.empty() ? m_server->upstreamFigures(m_route) : nullptr;
    const QLocale locale;
    const server::UpstreamTotals none;
    const server::UpstreamTotals& t = f ? f->totals : none;
    m_breaker->setText(UpstreamFormat::breaker(f ? f->served : std::nullopt, locale));
    m_breaker->setToolTip(f && f->served
            ? tr("Shared by every route to %1 with these breaker settings; it changed state "
                 "%n time(s)",
                nullptr, int(f->served->transitions))
                  .arg(toQt(f->served->upstream))
            : tr("The route is not served from its upstream: the server has not applied it yet, "
                 "or it has a problem (see Problems)"));
    QPalette p = m_breaker->palette();
    const bool open = f && f->served && f->served->breaker != server::CircuitBreaker::State::Closed;
    p.setColor(QPalette::WindowText,
        open ? statusColor(500, palette()) : palette().color(QPalette::WindowText));
    m_breaker->setPalette(p);

    m_requests->setText(locale.toString(qulonglong(t.requests)));
    m_attempts->setText(
        UpstreamFormat::attemptsText(UpstreamFormat::attemptsPerRequest(t), locale));
    m_retries->setText(t.retried == 0
            ? tr("none")
            : tr("%1, of which %2 succeeded (%3)")
                  .arg(locale.toString(qulonglong(t.retried)),
                      locale.toString(qulonglong(t.retrySucceeded)),
                      MetricsFormat::percentText(UpstreamFormat::retrySuccessPercent(t), locale)));
    m_errors->setText(UpstreamFormat::errors(t, locale));
    m_latency->setText(tr("p50 %1 · p95 %2")
                           .arg(MetricsFormat::latency(UpstreamFormat::latencyMs(t, 50), locale),
                               MetricsFormat::latency(UpstreamFormat::latencyMs(t, 95), locale)));
    m_test->setEnabled(m_server && m_testable && m_ticket == 0);
}

void UpstreamStatusBox::test()
{
    if (!m_server || !m_testable || m_ticket != 0)
        return;
    m_ticket = m_server->testUpstream(m_upstream);
    m_test->setEnabled(false);
    m_testResult->setText(tr("Testing %1…").arg(toQt(m_upstream.url)));
    m_testResult->setForegroundRole(QPalette::PlaceholderText);
}

void UpstreamStatusBox::onTested(quint64 ticket, const UpstreamTest& test)
{
    if (ticket != m_ticket || m_ticket == 0)
        return;
    m_ticket = 0;
    m_test->setEnabled(m_server && m_testable);
    const bool ok = test.problems.isEmpty() && test.result.ok;
    m_testResult->setText(test.problems.isEmpty()
            ? UpstreamFormat::testResult(test.result)
            : tr("Not tested: %1").arg(test.problems.join(QStringLiteral("; "))));
    m_testResult->setForegroundRole(QPalette::WindowText);
    QPalette p = m_testResult->palette();
    // Reached: coloured by the answer's status, as the traffic log does.
    p.setColor(QPalette::WindowText, statusColor(ok ? test.result.status : 500, palette()));
    m_testResult->setPalette(p);
}

} // namespace tollgate::ui
