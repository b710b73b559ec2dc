// The cURL command parser (pasted command lines into the composer), and its
// promise: what it parsed prints back as a command that parses to the same.

#include "fuzzinput.h"

#include "server/composer/curlcommand.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    ComposerRequest request;
    std::string error;
    if (!parseCurlCommand(asText(data, size), &request, &error)) {
        if (error.empty())
            broken("fuzz_curl", "a refused command has no message");
        return 0;
    }
    const std::string again = toCurlCommand(request);
    ComposerRequest reparsed;
    if (!parseCurlCommand(again, &reparsed, &error))
        broken("fuzz_curl", "toCurlCommand wrote a command that does not parse");
    if (!(reparsed == request))
        broken("fuzz_curl", "toCurlCommand's command parses to another request");
    toHttpx(request);
    return 0;
}
