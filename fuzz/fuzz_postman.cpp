// The Postman importers from bytes: the collection v2.1 importer, and the
// environment importer on the same document.

#include "fuzzinput.h"

#include "server/interchange/formats.h"
#include "server/interchange/sourcetree.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::parse(asText(data, size), "collection.json", &tree, &error))
        return 0;
    importPostmanCollection(tree, ImportOptions {});
    importPostmanEnvironment(tree, ImportOptions {});
    return 0;
}
