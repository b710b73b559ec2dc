// The HAR 1.2 importer from bytes, with routes made of the captured answers.

#include "fuzzinput.h"

#include "server/interchange/formats.h"
#include "server/interchange/sourcetree.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::parse(asText(data, size), "session.har", &tree, &error))
        return 0;
    ImportOptions options;
    options.harRoutes = true;
    importHar(tree, options);
    return 0;
}
