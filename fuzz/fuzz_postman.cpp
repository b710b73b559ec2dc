// The Postman importers from bytes: the collection v2.1 importer, and the
// environment importer on the same document.

#include "importinput.h"

#include "server/interchange/formats.h"

using namespace tollgate::server;
using tollgate::fuzz::importSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto tree = importSource(data, size, "collection.json");
    if (!tree)
        return 0;
    importPostmanCollection(*tree, ImportOptions {});
    importPostmanEnvironment(*tree, ImportOptions {});
    return 0;
}
