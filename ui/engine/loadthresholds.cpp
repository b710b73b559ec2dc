#include "ui/engine/loadthresholds.h"

#include <utility>

namespace tollgate::ui {

bool LoadThresholdTracker::prepare(const server::LoadSettings& settings,
    const LoadThresholdSources& sources, server::ThresholdWatch::Scrape scrape, std::string* error)
{
    m_abortOnFailure = settings.abortOnThreshold;
    m_warmup = settings.warmupSeconds > 0;
    m_measuring = false;
    m_checkedUpTo = 0;
    m_abortedBy.clear();
    m_breachedAt.clear();
    if (!sources.embeddedServer)
        scrape = nullptr;
    if (!m_watch.prepare(settings, std::move(scrape), sources.quotas, error))
        return false;
    // A run without a warm-up measures from its first request: the reading
    // before it is the baseline. Meters that cannot be read are said now,
    // not after the run.
    if (m_watch.needsScrape() && !m_watch.begin()) {
        if (error)
            *error = m_watch.lastScrapeError();
        return false;
    }
    return true;
}

std::optional<LoadThresholdCheck> LoadThresholdTracker::poll(
    server::LoadProgress::Phase phase, const std::function<server::LoadReport()>& snapshot)
{
    if (m_watch.empty())
        return std::nullopt;
    if (phase == server::LoadProgress::Phase::Measuring && !m_measuring) {
        m_measuring = true;
        // The reading before the run counted the warm-up's answers.
        if (m_warmup)
            m_watch.begin();
    }
    if (!m_measuring)
        return std::nullopt;
    const server::LoadReport soFar = snapshot();
    const auto second = static_cast<std::int64_t>(soFar.measuredSeconds);
    if (second <= m_checkedUpTo)
        return std::nullopt;
    m_checkedUpTo = second;
    LoadThresholdCheck check;
    check.second = second;
    check.newlyFailed = m_watch.check(soFar, second);
    check.results = m_watch.lastResults();
    // The watch remembers when each threshold first failed but reports it
    // only at the end; the live view wants it now.
    m_breachedAt.resize(check.results.size(), -1);
    for (const std::size_t i : check.newlyFailed)
        m_breachedAt[i] = second;
    for (std::size_t i = 0; i < check.results.size(); ++i)
        check.results[i].breachedAt = m_breachedAt[i];
    if (m_abortOnFailure && m_abortedBy.empty() && !check.newlyFailed.empty()) {
        m_abortedBy = m_watch.thresholds()[check.newlyFailed.front()].text;
        check.abortedBy = m_abortedBy;
    }
    return check;
}

void LoadThresholdTracker::finish(server::LoadReport* report)
{
    if (m_watch.empty())
        return;
    report->abortedBy = m_abortedBy;
    m_watch.finish(report);
}

} // namespace tollgate::ui
