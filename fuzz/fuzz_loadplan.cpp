// Load run plans: the settings `tollgated load --settings` and the Load page
// read, compiled as a run compiles them (URL, mix, keys, templates) and every
// target rendered once per key. Settings that load must save and load back
// the same.

#include "fuzzinput.h"

#include "server/load/loadreport.h"
#include "server/load/requestplan.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

namespace {

/// *read becomes expected when they differ by no more than the last digits.
void nearDoubles(double* read, double expected)
{
    if (std::fabs(*read - expected) <= 1e-12 * std::fabs(expected))
        *read = expected;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    LoadSettings settings;
    std::string error;
    if (!loadSettingsFromJsonText(asText(data, size), &settings, &error)) {
        if (error.empty())
            broken("fuzz_loadplan", "refused settings have no message");
        return 0;
    }
    LoadSettings again;
    if (!loadSettingsFromJsonText(loadSettingsToJsonText(settings), &again, &error))
        broken("fuzz_loadplan", "saved settings do not load");
    // Boost.JSON 1.81 reads some long numbers one unit in the last place
    // off (docs/fuzzing.md): doubles compare within that.
    nearDoubles(&again.rate, settings.rate);
    nearDoubles(&again.durationSeconds, settings.durationSeconds);
    nearDoubles(&again.warmupSeconds, settings.warmupSeconds);
    nearDoubles(&again.rampUpSeconds, settings.rampUpSeconds);
    nearDoubles(&again.timeoutSeconds, settings.timeoutSeconds);
    for (std::size_t i = 0; i < again.mix.size() && i < settings.mix.size(); ++i)
        nearDoubles(&again.mix[i].weight, settings.mix[i].weight);
    for (std::size_t i = 0; i < again.keys.size() && i < settings.keys.size(); ++i)
        nearDoubles(&again.keys[i].weight, settings.keys[i].weight);
    if (!(again == settings))
        broken("fuzz_loadplan", "saved settings load as other settings");

    loadgen::Plan plan;
    if (!loadgen::preparePlan(settings, &plan, &error))
        return 0;
    std::string request;
    for (const auto& target : plan.targets) {
        for (std::size_t key = 0; key < std::max<std::size_t>(plan.keys.size(), 1); ++key) {
            request.clear();
            plan.render(target, plan.keys.empty() ? SIZE_MAX : key, 0, &request);
        }
    }
    return 0;
}
