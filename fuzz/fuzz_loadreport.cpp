// Load run files (.tollgate/loadruns/<id>.json) from bytes, read as
// LoadRunStore reads them, then printed as `tollgated load` and the
// comparison print them.

#include "fuzzinput.h"

#include "server/load/loadjson.h"
#include "server/load/loadreport.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/value.hpp>

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    boost::json::value root;
    std::vector<Diagnostic> diagnostics;
    if (!jsonfile::parseJson(asText(data, size), "run.json", &root, &diagnostics))
        return 0;
    LoadReport report;
    std::string error;
    if (!loadReportFromJson(root, &report, &error)) {
        if (error.empty())
            broken("fuzz_loadreport", "a refused run file has no message");
        return 0;
    }
    loadSummaryText(report);
    loadComparisonText(report, report);
    LoadReport again;
    if (!loadReportFromJson(loadReportToJson(report), &again, &error))
        broken("fuzz_loadreport", "a saved run file does not load");
    return 0;
}
