// The OpenAPI importer (3.0 and 3.1, JSON or YAML: SourceTree parses both,
// YAML through yaml-cpp), from bytes. Same-folder $refs are looked up in a
// folder that does not exist, so an input never reads a file.

#include "importinput.h"

#include "server/interchange/openapiimport.h"

using namespace tollgate::server;
using tollgate::fuzz::importSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto tree = importSource(data, size, "api.yaml");
    if (!tree)
        return 0;
    if (!looksLikeOpenApi(*tree))
        return 0;
    ImportOptions options;
    options.validateRequests = true;
    importOpenApi(*tree, "/nonexistent/tollgate-fuzz", options);
    return 0;
}
