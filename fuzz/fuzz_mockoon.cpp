// The Mockoon environment importer from bytes (routes, rules, Handlebars
// templates rewritten into mustache).

#include "importinput.h"

#include "server/interchange/formats.h"

using namespace tollgate::server;
using tollgate::fuzz::importSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto tree = importSource(data, size, "environment.json");
    if (!tree)
        return 0;
    importMockoon(*tree, ImportOptions {});
    return 0;
}
