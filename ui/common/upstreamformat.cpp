#include "ui/common/upstreamformat.h"

#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"

#include <QStringList>

#include <cmath>

namespace tollgate::ui {

namespace {

double msFromMicros(std::int64_t micros)
{
    return double(micros) / 1000.0;
}

} // namespace

QString UpstreamFormat::breakerState(server::CircuitBreaker::State state)
{
    switch (state) {
    case server::CircuitBreaker::State::Closed:
        return tr("Closed");
    case server::CircuitBreaker::State::Open:
        return tr("Open");
    case server::CircuitBreaker::State::HalfOpen:
        return tr("Half-open");
    }
    return tr("Closed");
}

QString UpstreamFormat::breaker(
    const std::optional<server::UpstreamRouteState>& served, const QLocale& locale)
{
    if (!served)
        return tr("Not served");
    const QString state = breakerState(served->breaker);
    if (served->breaker != server::CircuitBreaker::State::Open || served->retryAfterMs <= 0)
        return state;
    return tr("%1, probes again in %2")
        .arg(state, MetricsFormat::duration(double(served->retryAfterMs) / 1000.0, locale));
}

double UpstreamFormat::attemptsPerRequest(const server::UpstreamTotals& totals)
{
    return totals.requests == 0 ? MetricsFormat::kNaN
                                : double(totals.attempts) / double(totals.requests);
}

double UpstreamFormat::retrySuccessPercent(const server::UpstreamTotals& totals)
{
    const double rate = totals.retrySuccessRate();
    return rate < 0 ? MetricsFormat::kNaN : 100.0 * rate;
}

double UpstreamFormat::latencyMs(const server::UpstreamTotals& totals, double percentile)
{
    if (totals.latency.count() == 0)
        return MetricsFormat::kNaN;
    return MetricsFormat::ms(totals.latency.percentile(percentile));
}

std::uint64_t UpstreamFormat::errorCount(const server::UpstreamTotals& totals)
{
    std::uint64_t sum = 0;
    for (std::size_t kind = 1; kind < server::kUpstreamErrorKinds; ++kind)
        sum += totals.errors[kind];
    return sum;
}

QString UpstreamFormat::attemptsText(double perRequest, const QLocale& locale)
{
    if (std::isnan(perRequest))
        return QStringLiteral("–");
    return locale.toString(perRequest, 'f', 2);
}

QString UpstreamFormat::errorName(server::UpstreamError error)
{
    switch (error) {
    case server::UpstreamError::None:
        break;
    case server::UpstreamError::Connect:
        return tr("connect");
    case server::UpstreamError::Timeout:
        return tr("timeout");
    case server::UpstreamError::Reset:
        return tr("reset");
    case server::UpstreamError::Protocol:
        return tr("protocol");
    case server::UpstreamError::Refused:
        return tr("refused");
    case server::UpstreamError::TooLarge:
        return tr("too large");
    case server::UpstreamError::BreakerOpen:
        return tr("breaker open");
    }
    return {};
}

QString UpstreamFormat::errors(const server::UpstreamTotals& totals, const QLocale& locale)
{
    QStringList parts;
    for (std::size_t kind = 1; kind < server::kUpstreamErrorKinds; ++kind) {
        if (totals.errors[kind] == 0)
            continue;
        parts << tr("%1 %2").arg(locale.toString(qulonglong(totals.errors[kind])),
            errorName(server::UpstreamError(kind)));
    }
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(" · "));
}

QString UpstreamFormat::stepName(server::ProbeStep step)
{
    switch (step) {
    case server::ProbeStep::Resolve:
        return tr("DNS");
    case server::ProbeStep::Guard:
        return tr("address check");
    case server::ProbeStep::Connect:
        return tr("connect");
    case server::ProbeStep::Tls:
        return tr("TLS");
    case server::ProbeStep::FirstByte:
        return tr("first byte");
    case server::ProbeStep::Header:
        return tr("answer header");
    }
    return {};
}

QString UpstreamFormat::testResult(const server::UpstreamProbeResult& r, const QLocale& locale)
{
    QStringList steps;
    const auto add = [&](server::ProbeStep step, std::int64_t micros) {
        if (micros >= 0)
            steps << tr("%1 %2").arg(
                stepName(step), MetricsFormat::latency(msFromMicros(micros), locale));
    };
    add(server::ProbeStep::Resolve, r.resolveUs);
    add(server::ProbeStep::Connect, r.connectUs);
    add(server::ProbeStep::Tls, r.tlsUs);
    add(server::ProbeStep::FirstByte, r.firstByteUs);
    const QString times = steps.join(QStringLiteral(" · "));
    if (!r.ok) {
        const QString failure = tr("Failed at %1: %2").arg(stepName(r.failedStep), toQt(r.error));
        return times.isEmpty() ? failure
                               : failure + QStringLiteral(" (") + times + QLatin1Char(')');
    }
    QString answer = QString::number(r.status);
    if (!r.reason.empty())
        answer += QLatin1Char(' ') + toQt(r.reason);
    return tr("%1 → %2 from %3").arg(times, answer, toQt(r.connectedTo));
}

} // namespace tollgate::ui
