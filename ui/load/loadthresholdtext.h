#pragma once

#include "server/load/loadplan.h"

#include <QCoreApplication>
#include <QString>

#include <string>
#include <vector>

class QPalette;

namespace tollgate::ui {

/// How the Load page writes a run's thresholds: a headline ("Thresholds: 2
/// of 3 passed") and a line per threshold with a mark and a word for its
/// outcome (never the colour alone), the value measured and the second of
/// measuring it first failed at. Live (a run still going) a threshold with
/// nothing measured yet is waiting, not failed.
class LoadThresholdText {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::LoadThresholdText)

public:
    /// "Thresholds: 2 of 3 passed · the run was stopped by p95<200ms";
    /// live: "Thresholds so far: 1 of 3 failing". Empty without thresholds.
    static QString headline(const std::vector<server::ThresholdResult>& results,
        const std::string& abortedBy, bool live);
    /// The headline and a line per threshold, as rich text in the palette's
    /// colours (a table, so the columns line up).
    static QString html(const std::vector<server::ThresholdResult>& results,
        const std::string& abortedBy, bool live, const QPalette& palette);
    /// The same as plain text, a line each: "✓ pass · p99<60s · 12.3 ms".
    static QString plain(const std::vector<server::ThresholdResult>& results,
        const std::string& abortedBy, bool live);

    /// Results for thresholds not checked yet (what a run starts with).
    static std::vector<server::ThresholdResult> waiting(const std::vector<std::string>& thresholds);
    /// Thresholds that have failed (at the end, or during the run when
    /// live), as written.
    static QStringList failed(const std::vector<server::ThresholdResult>& results, bool live);

private:
    enum class Outcome { Passed, Failed, Waiting };
    static Outcome outcome(const server::ThresholdResult& r, bool live);
    /// "✓ pass", "✗ fail", "… waiting".
    static QString mark(Outcome outcome);
    /// "first failed at 3 s of measuring · stopped the run".
    static QString note(const server::ThresholdResult& r, const std::string& abortedBy);
};

} // namespace tollgate::ui
