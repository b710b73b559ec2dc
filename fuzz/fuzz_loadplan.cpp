// Load run plans: the settings `tollgated load --settings` and the Load page
// read, compiled as a run compiles them (URL, mix, keys, templates) and every
// target rendered once per key. Settings that load must save and load back
// the same.

#include "fuzzinput.h"

#include "server/load/loadreport.h"
#include "server/load/requestplan.h"

#include <algorithm>
#include <cstdint>

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

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
