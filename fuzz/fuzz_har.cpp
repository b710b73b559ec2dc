// The HAR 1.2 importer from bytes, with routes made of the captured answers.

#include "importinput.h"

#include "server/interchange/formats.h"

using namespace tollgate::server;
using tollgate::fuzz::importSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto tree = importSource(data, size, "session.har");
    if (!tree)
        return 0;
    ImportOptions options;
    options.harRoutes = true;
    importHar(*tree, options);
    return 0;
}
