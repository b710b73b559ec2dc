// tollgate.json (name, server settings, tiers, environments) from bytes.
// Settings that load without a problem must save and load back the same.

#include "fuzzinput.h"

#include "server/workspace/settingsfile.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Workspace ws;
    std::vector<Diagnostic> errors;
    settingsFromJson(asText(data, size), "tollgate.json", &ws, &errors);
    if (!errors.empty())
        return 0;
    Workspace again;
    settingsFromJson(settingsToJson(ws), "tollgate.json", &again, &errors);
    if (!errors.empty())
        broken("fuzz_settingsfile", "saved settings do not load");
    if (!(again == ws))
        broken("fuzz_settingsfile", "saved settings load as other settings");
    return 0;
}
