// Route files (routes/<method>-<slug>.json) from bytes. A file that loads
// without a problem must save and load back to the same route, or a save
// would change what the workspace serves.

#include "fuzzinput.h"

#include "server/workspace/routefile.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Route route;
    std::vector<Diagnostic> errors;
    const bool ok = routeFromJson(asText(data, size), "get-fuzz.json", &route, &errors);
    if (!ok && errors.empty())
        broken("fuzz_routefile", "a refused route file has no diagnostic");
    if (!ok || !errors.empty())
        return 0;
    const std::string saved = routeToJson(route);
    Route again;
    if (!routeFromJson(saved, "get-fuzz.json", &again, &errors) || !errors.empty())
        broken("fuzz_routefile", "a saved route file does not load");
    if (!(again == route))
        broken("fuzz_routefile", "a saved route file loads as another route");
    return 0;
}
