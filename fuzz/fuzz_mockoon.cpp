// The Mockoon environment importer from bytes (routes, rules, Handlebars
// templates rewritten into mustache).

#include "fuzzinput.h"

#include "server/interchange/formats.h"
#include "server/interchange/sourcetree.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::parse(asText(data, size), "environment.json", &tree, &error))
        return 0;
    importMockoon(tree, ImportOptions {});
    return 0;
}
