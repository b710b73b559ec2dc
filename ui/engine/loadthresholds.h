#pragma once

#include "server/load/loadgen.h"
#include "server/load/thresholds.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::ui {

/// What a load run's thresholds read besides the run itself.
struct LoadThresholdSources {
    /// The run goes to the embedded server: money thresholds read its
    /// meters in process. Otherwise the app knows no meters to read, and a
    /// money threshold keeps the run from starting.
    bool embeddedServer = false;
    /// Tier id → monthly quota in requests (0: unlimited), from the open
    /// workspace's tiers; unset without a workspace.
    std::optional<std::map<std::string, std::int64_t>> quotas;
};

/// One live check of a run's thresholds, once per measured second.
struct LoadThresholdCheck {
    std::int64_t second = 0; ///< seconds of measuring checked
    /// Every threshold as it stands now; breachedAt is the first second it
    /// failed (-1: not yet). One not measured yet (no answer of its tier so
    /// far) has not failed.
    std::vector<server::ThresholdResult> results;
    /// Indices into results of the thresholds that failed for the first time.
    std::vector<std::size_t> newlyFailed;
    /// The threshold that stops the run (abortOnThreshold); empty otherwise.
    std::string abortedBy;
};

/// Steps a ThresholdWatch through one run as `tollgated load` does: the
/// server's meters are read before the run and again when measuring begins
/// after a warm-up, the report so far is checked once per new measured
/// second, the first failure stops the run when the settings ask for it,
/// and the results go into the report at the end. Kept apart from the
/// engine so the test fake drives the same steps.
///
/// Not thread-safe: the thread that polls the runner owns it.
class LoadThresholdTracker {
public:
    /// Parses the thresholds and checks what they need (ThresholdWatch::
    /// prepare), then takes the first reading of the meters; false with the
    /// problems, one per line.
    bool prepare(const server::LoadSettings& settings, const LoadThresholdSources& sources,
        server::ThresholdWatch::Scrape scrape, std::string* error);
    bool empty() const { return m_watch.empty(); }

    /// The runner was polled: in the measured part, at a new whole second,
    /// checks snapshot() (LoadRunner::snapshot) and returns what it found.
    /// Nothing otherwise. The caller stops the run when abortedBy is set.
    std::optional<LoadThresholdCheck> poll(
        server::LoadProgress::Phase phase, const std::function<server::LoadReport()>& snapshot);

    /// The run has ended: stores every threshold's result and abortedBy in
    /// the report. May wait (up to 3 s) for the meters to count the run's
    /// last answers: not on the GUI thread.
    void finish(server::LoadReport* report);

private:
    server::ThresholdWatch m_watch;
    bool m_abortOnFailure = false;
    bool m_warmup = false;
    bool m_measuring = false;
    std::int64_t m_checkedUpTo = 0;
    std::string m_abortedBy;
    std::vector<std::int64_t> m_breachedAt;
};

} // namespace tollgate::ui
