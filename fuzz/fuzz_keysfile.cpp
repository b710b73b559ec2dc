// keys.json (key metadata and SHA-256 hashes) from bytes. Keys that load
// without a problem must save and load back the same.

#include "fuzzinput.h"

#include "server/workspace/keysfile.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<ApiKey> keys;
    std::vector<Diagnostic> errors;
    const bool ok = keysFromJson(asText(data, size), "keys.json", &keys, &errors);
    if (!ok && errors.empty())
        broken("fuzz_keysfile", "a refused keys file has no diagnostic");
    if (!ok || !errors.empty())
        return 0;
    std::vector<ApiKey> again;
    if (!keysFromJson(keysToJson(keys), "keys.json", &again, &errors) || !errors.empty())
        broken("fuzz_keysfile", "a saved keys file does not load");
    if (again != keys)
        broken("fuzz_keysfile", "a saved keys file loads as other keys");
    return 0;
}
