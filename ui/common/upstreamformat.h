#pragma once

// How the window writes upstream figures (breaker state, attempts, retries,
// errors, upstream latency) and a "Test upstream" result, shared by the
// route editor's Upstream tab and the Metrics page so both say the same.

#include "server/engine/engine.h"
#include "server/metering/upstreamtotals.h"
#include "server/upstream/upstreamprobe.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

namespace tollgate::ui {

class UpstreamFormat {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::UpstreamFormat)

public:
    /// "Closed", "Open", "Half-open".
    static QString breakerState(server::CircuitBreaker::State state);
    /// The breaker of a served route: its state, with the time until an
    /// open one lets a probe through; "Not served" without one.
    static QString breaker(
        const std::optional<server::UpstreamRouteState>& served, const QLocale& locale = QLocale());

    /// Attempts per request; NaN without requests.
    static double attemptsPerRequest(const server::UpstreamTotals& totals);
    /// Of the retried requests, the share the upstream finally answered
    /// below 500, in %; NaN when none was retried.
    static double retrySuccessPercent(const server::UpstreamTotals& totals);
    /// Upstream time at a percentile, in ms; NaN without requests.
    static double latencyMs(const server::UpstreamTotals& totals, double percentile);
    /// Failed requests (every error kind).
    static std::uint64_t errorCount(const server::UpstreamTotals& totals);

    static QString attemptsText(double perRequest, const QLocale& locale = QLocale());
    /// "2 timeout · 1 connect", or "none".
    static QString errors(const server::UpstreamTotals& totals, const QLocale& locale = QLocale());
    /// An error kind as people read it ("timeout", "breaker open").
    static QString errorName(server::UpstreamError error);

    /// A test result on one line: the steps' times and the answer, or the
    /// step that failed and why.
    static QString testResult(
        const server::UpstreamProbeResult& result, const QLocale& locale = QLocale());
    static QString stepName(server::ProbeStep step);
};

} // namespace tollgate::ui
